//! The sync bodies of `tests/coroutine.rs`: resume arguments in, yields
//! out, a return value; delegation (which the native engine leaves to the
//! async one), recursion, and drops while suspended.

use coro::{Coroutine, coroutine, generator, iter, yield_, yield_from};

use crate::harness::{Log, Noisy};

// What the delegating bodies delegate to (plain `#[generator]`s).

#[generator(first = _)]
fn averager() -> impl Coroutine<Option<f64>, Yield = (), Return = (usize, f64)> {
    let (mut count, mut total) = (0_u32, 0.0);
    while let Some(value) = yield_!(()) {
        count += 1;
        total += value;
    }
    let mean = if count == 0 {
        0.0
    } else {
        total / f64::from(count)
    };
    (count as usize, mean)
}

pub(crate) struct NoDefault(u8);

#[generator(first = _)]
fn doubler() -> impl Coroutine<NoDefault, Yield = u8, Return = u8> {
    let mut last = 0;
    loop {
        let NoDefault(n) = yield_!(last * 2);
        if n == 0 {
            return last;
        }
        last = n;
    }
}

#[generator]
fn inner(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator(first = _)]
fn inner_local(log: Log) -> impl Coroutine<u8, Yield = u8, Return = u8> {
    let _inner_local = log.noisy("inner local");
    let x = yield_!(1);
    let _late = log.noisy("never created");
    x
}

#[generator(first = _)]
fn inner_with_bomb(
    log: Log,
    _arg: Noisy,
    bomb: bool,
) -> impl Coroutine<u8, Yield = u8, Return = u8> {
    let _first = log.noisy("inner first");
    let _maybe_bomb = if bomb {
        log.bomb("inner bomb")
    } else {
        log.noisy("inner middle")
    };
    let _last = log.noisy("inner last");
    let x = yield_!(1);
    let _late = log.noisy("never created");
    x
}

#[derive(Debug)]
pub(crate) struct Tree {
    value: u32,
    left: Option<Box<Tree>>,
    right: Option<Box<Tree>>,
}

fn perfect(depth: u32, next: &mut u32) -> Option<Box<Tree>> {
    if depth == 0 {
        return None;
    }
    let left = perfect(depth - 1, next);
    let value = *next;
    *next += 1;
    let right = perfect(depth - 1, next);
    Some(Box::new(Tree { value, left, right }))
}

differential! {
    coro running_sum() -> (impl Coroutine<i64, Yield = i64, Return = usize>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut total = 0;
        let mut seen = 0;
        loop {
            let x: i64 = yield_!(total);
            if x < 0 {
                return seen;
            }
            total += x;
            seen += 1;
        }
    }
    calls(log) [
        () [1000, 5, 7, -1],
        () [0, -1, 3],
        () [0, 1, 2, 3],
        () [],
    ]

    coro first_is_dropped(log: Log) -> (impl Coroutine<Noisy, Yield = (), Return = String>)
        native [] traits [Send, Sync]
    {
        log.push("body starts");
        let second: Noisy = yield_!(());
        second.name.clone()
    }
    calls(log) [(log.clone()) [log.noisy("first"), log.noisy("second"), log.noisy("third")]]

    coro_block binds_the_first_argument() |first: String| -> (usize, String),
        native [+ Clone] traits [Send, Sync]
    {
        let second: String = yield_!(first.len());
        format!("{first}+{second}")
    }
    calls(log) [() [String::from("abc"), String::from("d"), String::new()]]

    coro_block without_a_parameter(name: String) || -> (usize, String),
        native [+ Clone] traits [Send, Sync]
    {
        yield_!(name.len());
        name
    }
    calls(log) [(String::from("captured")) [(), (), ()]]

    coro averager_body() -> (impl Coroutine<Option<f64>, Yield = (), Return = (usize, f64)>)
        fallback_only ["a `yield_!` in a `while let` condition"] traits [Send, Sync]
    {
        let (mut count, mut total) = (0_u32, 0.0);
        while let Some(value) = yield_!(()) {
            count += 1;
            total += value;
        }
        let mean = if count == 0 {
            0.0
        } else {
            total / f64::from(count)
        };
        (count as usize, mean)
    }
    calls(log) [() [None, Some(1.0), Some(2.0), Some(3.0), None, None], () [None, None]]

    coro grouper() -> (impl Coroutine<Option<f64>, Yield = (), Return = Vec<(usize, f64)>>)
        native [] traits [Send, Sync]
    {
        let mut results = Vec::new();
        for _ in 0..2 {
            let result = yield_from!(averager());
            results.push(result);
        }
        results
    }
    calls(log) [() [None, Some(1.0), Some(2.0), Some(3.0), None, Some(10.0), None, None]]

    coro doubler_body() -> (impl Coroutine<NoDefault, Yield = u8, Return = u8>)
        fallback_only ["`last` is moved (`last * 2`: the analysis cannot see that a `u8` is copied) and reassigned, and used after a `yield_!`"]
        traits [Send, Sync]
    {
        let mut last = 0;
        loop {
            let NoDefault(n) = yield_!(last * 2);
            if n == 0 {
                return last;
            }
            last = n;
        }
    }
    calls(log) [() [NoDefault(9), NoDefault(4), NoDefault(0), NoDefault(1)]]

    // The coroutine idiom `x = yield_!(f(x))`, with a value that is not
    // `Copy`: moved into the yield, reassigned by the resume, carried by
    // neither (it is dead at the yield).
    coro echo_strings() -> (impl Coroutine<String, Yield = String, Return = String>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut s = String::from("start");
        loop {
            s = yield_!(s);
            if s.is_empty() {
                return s;
            }
            s.push('!');
        }
    }
    calls(log) [() [String::new(), String::from("a"), String::from("b"), String::new(), String::from("c")]]

    // Moved away and reassigned before the yield, used after it: the
    // analysis does not follow the move, so the body keeps the async engine.
    coro moved_then_reassigned() -> (impl Coroutine<u32, Yield = usize, Return = Vec<u32>>)
        fallback_only ["`v` is moved (into `old`) and reassigned, and used after a `yield_!`"] traits [Send, Sync]
    {
        let mut v = vec![1];
        loop {
            let old = v;
            drop(old);
            v = vec![7];
            let n = yield_!(v.len());
            if n == 0 {
                return v;
            }
            v.push(n);
        }
    }
    calls(log) [() [0, 5, 6, 0, 1]]

    coro yield_from_with_a_first_argument() -> (impl Coroutine<NoDefault, Yield = u8, Return = u8>)
        native [] traits [Send, Sync]
    {
        let inner = yield_from!(doubler(), NoDefault(0));
        inner + 100
    }
    calls(log) [() [NoDefault(9), NoDefault(4), NoDefault(0), NoDefault(1)]]

    iter inner_body(n: u32) -> (impl Iterator<Item = u32>) native [+ Clone] traits [Send, Sync] {
        for i in 0..n {
            yield_!(i);
        }
    }
    calls(log) [(3), (0)]

    iter yield_from_iterators_and_generators() -> (impl Iterator<Item = u32>)
        fallback_only ["`[7].iter()` may borrow a temporary held across the `yield_!`s of its `yield_from!`"] traits [Send]
    {
        yield_from!(vec![100, 200]);
        yield_from!(inner(3));
        yield_from!([7].iter().copied());
        yield_from!(coroutine!(|| {
            yield_!(42);
        }));
    }
    calls(log) [()]

    iter in_order(tree: &Tree) -> (impl Iterator<Item = u32> + '_)
        fallback_only ["`in_order` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        if let Some(left) = &tree.left {
            yield_from!(in_order(left));
        }
        yield_!(tree.value);
        if let Some(right) = &tree.right {
            yield_from!(in_order(right));
        }
    }
    setup {
        let small = perfect(3, &mut 0).unwrap();
        let big = perfect(7, &mut 0).unwrap();
    }
    calls(log) [(&small), (&big)]

    coro depth_first(tree: &Tree, depth: u32) -> (impl Coroutine<Yield = u32, Return = u32> + '_)
        fallback_only ["`depth_first` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        let mut deepest = depth;
        if let Some(left) = &tree.left {
            deepest = deepest.max(yield_from!(depth_first(left, depth + 1)));
        }
        yield_!(tree.value);
        if let Some(right) = &tree.right {
            deepest = deepest.max(yield_from!(depth_first(right, depth + 1)));
        }
        deepest
    }
    setup {
        let small = perfect(3, &mut 0).unwrap();
    }
    calls(log) [(&small, 1) [(); 9], (&small, 1) [(); 3]]

    coro countdown(from: u32) -> (impl Coroutine<Yield = u32, Return = &'static str>)
        fallback_only ["this `for` loop's iterator may borrow a local (`(1..=from).rev()`)"]
        traits [Send, Sync]
    {
        for n in (1..=from).rev() {
            yield_!(n);
        }
        "liftoff"
    }
    calls(log) [(3) [(); 5], (0) [(); 2]]

    iter letters() -> (impl Iterator<Item = char>) native [+ Clone] traits [Send, Sync] {
        yield_!('a');
        yield_!('b');
    }
    calls(log) [()]

    iter fallible() -> (impl Iterator<Item = Result<u8, String>>) native [+ Clone] traits [Send, Sync] {
        yield_!(Ok(1));
        Err("bad".to_owned())?;
    }
    calls(log) [()]

    // `dropped_while_delegating_drops_everything_once`: the delegated
    // coroutine's body, as written (its guards are made by a method call on
    // `log`, which the native engine takes to borrow `log`)...
    coro inner_local_body(log: Log) -> (impl Coroutine<u8, Yield = u8, Return = u8>)
        fallback_only ["`_inner_local` may borrow a local of the generator (`log.noisy(..)`, a method call on `log`)"]
        traits [Send, Sync]
    {
        let _inner_local = log.noisy("inner local");
        let x = yield_!(1);
        let _late = log.noisy("never created");
        x
    }
    calls(log) [(log.clone()) [0, 5, 6], (log.clone()) [0]]

    // ...and with its guards made by a function of an owned `Log`.
    coro inner_local_native(log: Log) -> (impl Coroutine<u8, Yield = u8, Return = u8>)
        native [+ Clone] traits [Send, Sync]
    {
        let _inner_local = Noisy::new(log.clone(), "inner local");
        let x = yield_!(1);
        let _late = Noisy::new(log.clone(), "never created");
        x
    }
    calls(log) [(log.clone()) [0, 5, 6], (log.clone()) [0]]

    coro outer_local(log: Log) -> (impl Coroutine<u8, Yield = u8, Return = u8>)
        fallback_only ["`_outer_local` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let _outer_local = log.noisy("outer local");
        let sub = inner_local(log.clone());
        let result = yield_from!(sub);
        result + 1
    }
    calls(log) [(log.clone()) [0, 5, 6], (log.clone()) [0]]

    // `a_panicking_destructor_while_delegating_does_not_stop_the_others`
    coro inner_with_bomb_body(log: Log, _arg: Noisy, bomb: bool) -> (impl Coroutine<u8, Yield = u8, Return = u8>)
        fallback_only ["`_first` may borrow a local of the generator (`log.noisy(..)`)"]
        traits [Send, Sync]
    {
        let _first = log.noisy("inner first");
        let _maybe_bomb = if bomb {
            log.bomb("inner bomb")
        } else {
            log.noisy("inner middle")
        };
        let _last = log.noisy("inner last");
        let x = yield_!(1);
        let _late = log.noisy("never created");
        x
    }
    calls(log) [
        (log.clone(), log.noisy("inner arg"), true) [0, 1],
        (log.clone(), log.noisy("inner arg"), true) [0],
        (log.clone(), log.noisy("inner arg"), false) [0, 1],
    ]

    coro outer_with_bomb(log: Log, _arg: Noisy, inner_bomb: bool) -> (impl Coroutine<u8, Yield = u8, Return = u8>)
        fallback_only ["`_first` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let _first = log.noisy("outer first");
        let _maybe_bomb = if inner_bomb {
            log.noisy("outer middle")
        } else {
            log.bomb("outer bomb")
        };
        let result = yield_from!(inner_with_bomb(log.clone(), log.noisy("inner arg"), inner_bomb));
        let _late = log.noisy("never created");
        result
    }
    calls(log) [
        (log.clone(), log.noisy("outer arg"), true) [0, 1],
        (log.clone(), log.noisy("outer arg"), true) [0],
        (log.clone(), log.noisy("outer arg"), false) [0],
    ]

    coro_block panics_propagate() |x: u8| -> (u8, u8), native [+ Clone] traits [Send, Sync] {
        let y: u8 = yield_!(x);
        assert!(y != 0, "zero");
        y
    }
    calls(log) [() [1, 0, 1], () [1, 2, 3]]
}

/// The delegating bodies use the plain `#[generator]`s above; so do these
/// checks, so that a change there shows.
#[test]
fn the_delegates_are_what_they_were() {
    assert_eq!(inner(2).collect::<Vec<_>>(), [0, 1]);
    let mut g = iter! { yield_!(1) };
    assert_eq!(g.next(), Some(1));
}
