//! `yield_from!` of coroutines and generators is run from the top: each
//! resume goes straight to the innermost delegate, so recursion costs the
//! same at any depth, in time and in stack.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;

use common::Log;
use coro::{Coroutine, CoroutineState, Yields, coroutine, generator, iter, yield_, yield_from};

/// A chain `depth` levels deep: each level yields its number on the way down
/// and on the way up, delegating to the next in between.
#[generator]
fn chain(depth: u32) -> impl Iterator<Item = u32> {
    yield_!(depth);
    if depth > 0 {
        yield_from!(chain(depth - 1));
    }
    yield_!(depth);
}

#[test]
fn deep_recursion_needs_no_deep_stack() {
    // 100,000 levels: far more than a thread's stack could hold if each
    // `next` went through every level.
    // (Fewer under Miri, which interprets every step.)
    let depth = if cfg!(miri) { 300 } else { 100_000 };
    let mut count = 0u64;
    let mut sum = 0u64;
    for level in chain(depth) {
        count += 1;
        sum += u64::from(level);
    }
    assert_eq!(count, 2 * (u64::from(depth) + 1));
    assert_eq!(sum, u64::from(depth) * (u64::from(depth) + 1));
}

#[test]
fn dropping_a_deep_chain_part_way() {
    // Dropping drops every level once; the drop itself nests, so keep the
    // depth to what a test thread's stack holds.
    let mut it = chain(500);
    assert_eq!(it.by_ref().take(300).count(), 300);
    drop(it);
}

#[test]
fn coroutines_return_through_every_level() {
    /// Sums what it is sent until it is sent 0, delegating to a fresh copy of
    /// itself `depth` times first; returns the total of its own and its
    /// delegates' sums.
    #[generator(first = _)]
    fn nested(depth: u32) -> impl Coroutine<u64, Yield = u32, Return = u64> {
        let inner = if depth > 0 {
            yield_from!(nested(depth - 1))
        } else {
            0
        };
        let mut total = inner;
        loop {
            let x: u64 = yield_!(depth);
            if x == 0 {
                return total;
            }
            total += x;
        }
    }
    let mut c = nested(3);
    let mut c = Pin::new(&mut c);
    // Started with `u64::default()`, each level starts the next one down.
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(1)); // level 0 returned 5
    assert_eq!(c.as_mut().resume(10), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(2)); // level 1 returned 15
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(3));
    assert_eq!(c.as_mut().resume(1), CoroutineState::Yielded(3));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Complete(16));
}

#[test]
fn delegates_that_complete_at_once() {
    #[generator]
    fn empty() -> impl Coroutine<Yield = u8, Return = &'static str> {
        "empty"
    }
    #[generator]
    fn outer() -> impl Coroutine<Yield = u8, Return = Vec<&'static str>> {
        let a = yield_from!(empty());
        let b = yield_from!(coroutine!(|| {
            let inner = yield_from!(empty());
            yield_!(7);
            inner
        }));
        let c = yield_from!(empty());
        vec![a, b, c]
    }
    let mut y = Yields::new(outer());
    assert_eq!(y.by_ref().collect::<Vec<_>>(), [7]);
    assert_eq!(y.take_return_value(), Some(vec!["empty", "empty", "empty"]));
}

#[test]
fn resume_arguments_reach_the_innermost() {
    #[generator(first = _)]
    fn echo(tag: char) -> impl Coroutine<char, Yield = String, Return = char> {
        let mut last = 'x';
        loop {
            let c: char = yield_!(format!("{tag}{last}"));
            if c == '.' {
                return last;
            }
            last = c;
        }
    }
    #[generator(first = _)]
    fn two_levels() -> impl Coroutine<char, Yield = String, Return = String> {
        let first = yield_from!(coroutine!(|start: char| -> char {
            let got = yield_from!(echo('b'), start);
            yield_!(format!("between {got}"));
            got
        }));
        let second = yield_from!(echo('a'), 'z');
        format!("{first}{second}")
    }
    let mut c = two_levels();
    let mut c = Pin::new(&mut c);
    let s = |v: &str| CoroutineState::<String, String>::Yielded(v.to_owned());
    // `char::default()` starts the closure; it starts `echo('b')` with it.
    assert_eq!(c.as_mut().resume('?'), s("bx"));
    assert_eq!(c.as_mut().resume('p'), s("bp"));
    assert_eq!(c.as_mut().resume('.'), s("between p"));
    assert_eq!(c.as_mut().resume('!'), s("ax"));
    assert_eq!(c.as_mut().resume('q'), s("aq"));
    assert_eq!(
        c.as_mut().resume('.'),
        CoroutineState::Complete("pq".to_owned())
    );
}

#[test]
fn a_borrowed_delegate_goes_on_after_its_parent_is_dropped() {
    // The parent runs `child`'s delegations from the top, then is dropped
    // part-way; `child`, now on its own, finds its own way down again.
    let mut child = chain(20);
    {
        let borrowed = &mut child;
        let mut parent = iter! {
            yield_!(1000);
            yield_from!(borrowed);
        };
        assert_eq!(parent.next(), Some(1000));
        let taken: Vec<u32> = parent.by_ref().take(25).collect();
        assert_eq!(taken, (0..=20).rev().chain(0..4).collect::<Vec<_>>());
    }
    let rest: Vec<u32> = child.collect();
    assert_eq!(rest, (4..=20).collect::<Vec<_>>());
}

#[test]
fn a_generator_delegated_to_twice() {
    // Half by one parent, the rest by another.
    let mut child = chain(3);
    let borrowed = &mut child;
    let first: Vec<u32> = iter! { yield_from!(borrowed.take(3)) }.collect();
    assert_eq!(first, [3, 2, 1]);
    let borrowed = &mut child;
    let mut second = iter! { yield_from!(borrowed) };
    assert_eq!(second.by_ref().collect::<Vec<_>>(), [0, 0, 1, 2, 3]);
}

#[test]
fn a_panic_deep_down_finishes_the_top_and_drops_everything_once() {
    #[generator]
    fn levels(log: Log, depth: u32) -> impl Iterator<Item = u32> {
        let _guard = log.noisy(format!("level {depth}"));
        yield_!(depth);
        assert!(depth != 0, "at the bottom");
        yield_from!(levels(log.clone(), depth - 1));
    }
    let log = Log::new();
    let mut it = levels(log.clone(), 4);
    assert_eq!(it.by_ref().take(5).collect::<Vec<_>>(), [4, 3, 2, 1, 0]);
    assert!(catch_unwind(AssertUnwindSafe(|| it.next())).is_err());
    // As the panic unwinds, every level is dropped, innermost first, as
    // nested function calls unwinding would be (and as Python's `yield from`
    // propagates an exception through each delegating generator).
    let all = ["level 0", "level 1", "level 2", "level 3", "level 4"];
    assert_eq!(log.dropped(), all);
    assert_eq!(it.next(), None, "finished after a panic");
    assert_eq!(it.next(), None);
    drop(it);
    assert_eq!(log.dropped(), all, "nothing dropped twice");
}

#[test]
fn dropping_while_delegating_drops_innermost_first() {
    #[generator]
    fn levels(log: Log, depth: u32) -> impl Coroutine<Yield = u32, Return = ()> {
        let _guard = log.noisy(format!("level {depth}"));
        if depth > 0 {
            yield_from!(levels(log.clone(), depth - 1));
        }
        yield_!(depth);
    }
    let log = Log::new();
    let mut c = levels(log.clone(), 3);
    assert_eq!(Pin::new(&mut c).resume(()), CoroutineState::Yielded(0));
    drop(c);
    assert_eq!(log.dropped(), ["level 0", "level 1", "level 2", "level 3"]);
}
