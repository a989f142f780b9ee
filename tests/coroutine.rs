//! Coroutines: resume arguments in, yields out, a return value at the end;
//! delegation with `yield_from!`, recursion, and generators stored by name.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};

use common::{Log, Noisy};
use coro::{Coroutine, CoroutineState, Yields, coroutine, generator, yield_, yield_from};

#[generator(first = _)]
fn running_sum() -> impl Coroutine<i64, Yield = i64, Return = usize> {
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

#[test]
fn resume_arguments_and_the_return_value() {
    let mut sum = running_sum();
    let mut sum = Pin::new(&mut sum);
    // The first resume starts the body; no `yield_!` receives its argument.
    assert_eq!(sum.as_mut().resume(1000), CoroutineState::Yielded(0));
    assert_eq!(sum.as_mut().resume(5), CoroutineState::Yielded(5));
    assert_eq!(sum.as_mut().resume(7), CoroutineState::Yielded(12));
    assert_eq!(sum.as_mut().resume(-1), CoroutineState::Complete(2));
}

#[test]
fn resuming_after_completion_panics_with_a_message() {
    let mut sum = running_sum();
    let mut sum = Pin::new(&mut sum);
    let _ = sum.as_mut().resume(0);
    assert_eq!(sum.as_mut().resume(-1), CoroutineState::Complete(0));
    let payload = catch_unwind(AssertUnwindSafe(|| sum.as_mut().resume(1))).unwrap_err();
    let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(
        message.contains("after the coroutine already completed"),
        "{message}"
    );
}

#[test]
fn the_first_argument_is_dropped_before_the_body_runs() {
    #[generator(first = _)]
    fn first_is_dropped(log: Log) -> impl Coroutine<Noisy, Yield = (), Return = String> {
        log.push("body starts");
        let second: Noisy = yield_!(());
        second.name.clone()
    }
    let log = Log::new();
    let mut c = first_is_dropped(log.clone());
    let mut c = Pin::new(&mut c);
    assert_eq!(
        c.as_mut().resume(log.noisy("first")),
        CoroutineState::Yielded(())
    );
    assert_eq!(log.events(), ["drop first", "body starts"]);
    assert_eq!(
        c.as_mut().resume(log.noisy("second")),
        CoroutineState::Complete("second".to_owned())
    );
}

#[test]
fn the_closure_form_binds_the_first_argument() {
    let mut c = coroutine!(|first: String| -> String {
        let second: String = yield_!(first.len());
        format!("{first}+{second}")
    });
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume("abc".into()), CoroutineState::Yielded(3));
    assert_eq!(
        c.as_mut().resume("d".into()),
        CoroutineState::Complete("abc+d".to_owned())
    );

    // Without a parameter it is resumed with `()`; its type is inferred.
    let name = String::from("captured");
    let mut c = coroutine!(|| {
        yield_!(name.len());
        name
    });
    assert_eq!(Pin::new(&mut c).resume(()), CoroutineState::Yielded(8));
    assert_eq!(
        Pin::new(&mut c).resume(()),
        CoroutineState::Complete("captured".to_owned())
    );
}

/// Python's PEP 380 example: `grouper` delegates to `averager` with
/// `result = yield from averager()`.
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

#[generator(first = _)]
fn grouper() -> impl Coroutine<Option<f64>, Yield = (), Return = Vec<(usize, f64)>> {
    let mut results = Vec::new();
    for _ in 0..2 {
        // Started with `Option::default()`, Python's `None`.
        let result = yield_from!(averager());
        results.push(result);
    }
    results
}

#[test]
fn yield_from_a_coroutine_forwards_and_returns() {
    let mut g = grouper();
    let mut g = Pin::new(&mut g);
    assert_eq!(g.as_mut().resume(None), CoroutineState::Yielded(()));
    for v in [1.0, 2.0, 3.0] {
        assert_eq!(g.as_mut().resume(Some(v)), CoroutineState::Yielded(()));
    }
    assert_eq!(g.as_mut().resume(None), CoroutineState::Yielded(())); // the second averager starts
    assert_eq!(g.as_mut().resume(Some(10.0)), CoroutineState::Yielded(()));
    assert_eq!(
        g.as_mut().resume(None),
        CoroutineState::Complete(vec![(3, 2.0), (1, 10.0)])
    );
}

#[test]
fn yield_from_with_an_explicit_first_argument() {
    struct NoDefault(u8);
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
    #[generator(first = _)]
    fn outer() -> impl Coroutine<NoDefault, Yield = u8, Return = u8> {
        let inner = yield_from!(doubler(), NoDefault(0));
        inner + 100
    }
    let mut c = outer();
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(NoDefault(9)), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(NoDefault(4)), CoroutineState::Yielded(8));
    assert_eq!(
        c.as_mut().resume(NoDefault(0)),
        CoroutineState::Complete(104)
    );
}

#[test]
fn yield_from_iterators_and_generators() {
    #[generator]
    fn inner(n: u32) -> impl Iterator<Item = u32> {
        for i in 0..n {
            yield_!(i);
        }
    }
    #[generator]
    fn outer() -> impl Iterator<Item = u32> {
        yield_from!(vec![100, 200]);
        yield_from!(inner(3));
        yield_from!([7].iter().copied());
        yield_from!(coroutine!(|| {
            yield_!(42);
        }));
    }
    assert_eq!(outer().collect::<Vec<_>>(), [100, 200, 0, 1, 2, 7, 42]);
}

#[derive(Debug)]
struct Tree {
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

/// An in-order walk that delegates to itself: no boxing by hand.
#[generator]
fn in_order(tree: &Tree) -> impl Iterator<Item = u32> + '_ {
    if let Some(left) = &tree.left {
        yield_from!(in_order(left));
    }
    yield_!(tree.value);
    if let Some(right) = &tree.right {
        yield_from!(in_order(right));
    }
}

/// The same as a coroutine that returns the depth it reached.
#[generator]
fn depth_first(tree: &Tree, depth: u32) -> impl Coroutine<Yield = u32, Return = u32> + '_ {
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

#[test]
fn recursive_generators() {
    let tree = perfect(10, &mut 0).unwrap();
    let values: Vec<u32> = in_order(&tree).collect();
    assert_eq!(values, (0..1023).collect::<Vec<_>>());

    let mut walk = Yields::new(depth_first(&tree, 1));
    assert_eq!(walk.by_ref().count(), 1023);
    assert_eq!(walk.take_return_value(), Some(10));
}

#[test]
fn iterate_then_read_the_return_value() {
    #[generator(unboxed)]
    fn countdown(from: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
        for n in (1..=from).rev() {
            yield_!(n);
        }
        "liftoff"
    }
    let c = pin!(countdown(3));
    let mut yields = Yields::new(c);
    let mut seen = Vec::new();
    for n in &mut yields {
        seen.push(n);
    }
    assert_eq!(seen, [3, 2, 1]);
    assert_eq!(yields.return_value(), Some(&"liftoff"));
    assert_eq!(yields.next(), None, "fused");
}

#[test]
fn sync_generators_are_coroutines_too() {
    #[generator]
    fn letters() -> impl Iterator<Item = char> {
        yield_!('a');
        yield_!('b');
    }
    fn drive<C: Coroutine<Yield = char, Return = ()> + Unpin>(c: &mut C) -> String {
        let mut out = String::new();
        while let CoroutineState::Yielded(ch) = Pin::new(&mut *c).resume(()) {
            out.push(ch);
        }
        out
    }
    let mut l = letters();
    assert_eq!(drive(&mut l), "ab");
    assert_eq!(
        resumed_again_message(Pin::new(&mut l)),
        COMPLETED_MESSAGE,
        "a completed sync generator resumed again"
    );
    // Still an iterator that is finished, and still fused as one.
    assert_eq!(l.next(), None);

    // A fallible one yields its error, then completes.
    #[generator]
    fn fallible() -> impl Iterator<Item = Result<u8, String>> {
        yield_!(Ok(1));
        Err("bad".to_owned())?;
    }
    let mut f = fallible();
    let mut f = Pin::new(&mut f);
    assert_eq!(f.as_mut().resume(()), CoroutineState::Yielded(Ok(1)));
    assert_eq!(
        f.as_mut().resume(()),
        CoroutineState::Yielded(Err("bad".to_owned()))
    );
    assert_eq!(f.as_mut().resume(()), CoroutineState::Complete(()));
    assert_eq!(
        resumed_again_message(f.as_mut()),
        COMPLETED_MESSAGE,
        "a completed fallible generator resumed again"
    );
    // Every further resume panics the same way.
    assert_eq!(resumed_again_message(f.as_mut()), COMPLETED_MESSAGE);
}

/// What `Coroutine::resume` panics with after `Complete`.
const COMPLETED_MESSAGE: &str =
    "`Coroutine::resume` called after the coroutine already completed (or panicked)";

/// Resumes `c` with `()`, expecting a panic, and returns its message.
fn resumed_again_message<C: Coroutine<Return = ()> + ?Sized>(c: Pin<&mut C>) -> String {
    let payload = catch_unwind(AssertUnwindSafe(|| c.resume(())))
        .map(|_| ())
        .expect_err("resuming a completed coroutine must panic");
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[test]
fn dropped_while_delegating_drops_everything_once() {
    #[generator(first = _)]
    fn inner(log: Log) -> impl Coroutine<u8, Yield = u8, Return = u8> {
        let _inner_local = log.noisy("inner local");
        let x = yield_!(1);
        let _late = log.noisy("never created");
        x
    }
    #[generator(first = _)]
    fn outer(log: Log) -> impl Coroutine<u8, Yield = u8, Return = u8> {
        let _outer_local = log.noisy("outer local");
        let sub = inner(log.clone());
        let result = yield_from!(sub);
        result + 1
    }
    let log = Log::new();
    let mut c = outer(log.clone());
    assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Yielded(1));
    // Suspended inside `inner`: everything is still alive.
    assert_eq!(log.dropped(), Vec::<String>::new());
    drop(c);
    // Innermost first, as an unwinding function would.
    assert_eq!(log.dropped(), ["inner local", "outer local"]);
}

#[test]
fn a_panicking_destructor_while_delegating_does_not_stop_the_others() {
    #[generator(first = _)]
    fn inner(log: Log, _arg: Noisy, bomb: bool) -> impl Coroutine<u8, Yield = u8, Return = u8> {
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
    #[generator(first = _)]
    fn outer(
        log: Log,
        _arg: Noisy,
        inner_bomb: bool,
    ) -> impl Coroutine<u8, Yield = u8, Return = u8> {
        let _first = log.noisy("outer first");
        let _maybe_bomb = if inner_bomb {
            log.noisy("outer middle")
        } else {
            log.bomb("outer bomb")
        };
        let result = yield_from!(inner(log.clone(), log.noisy("inner arg"), inner_bomb));
        let _late = log.noisy("never created");
        result
    }
    fn drop_panics(c: impl Coroutine<u8, Yield = u8, Return = u8> + Unpin) -> String {
        let payload = catch_unwind(AssertUnwindSafe(|| drop(c)))
            .expect_err("the destructor's panic propagates to the caller of `drop`");
        payload
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_default()
    }

    // The delegated coroutine's local panics: the rest of it, then the
    // delegating one's locals, are still dropped, in unwinding order.
    let log = Log::new();
    let mut c = outer(log.clone(), log.noisy("outer arg"), true);
    assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Yielded(1));
    assert_eq!(log.dropped(), Vec::<String>::new());
    assert_eq!(drop_panics(c), "inner bomb panics in drop");
    assert_eq!(
        log.dropped(),
        [
            "inner last",
            "inner bomb",
            "inner first",
            "inner arg",
            "outer middle",
            "outer first",
            "outer arg"
        ]
    );

    // The delegating coroutine's own local panics, after the delegated one
    // was dropped whole.
    let log = Log::new();
    let mut c = outer(log.clone(), log.noisy("outer arg"), false);
    assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Yielded(1));
    assert_eq!(log.dropped(), Vec::<String>::new());
    assert_eq!(drop_panics(c), "outer bomb panics in drop");
    assert_eq!(
        log.dropped(),
        [
            "inner last",
            "inner middle",
            "inner first",
            "inner arg",
            "outer bomb",
            "outer first",
            "outer arg"
        ]
    );
}

#[test]
fn coroutine_trait_impls_for_pointers() {
    let mut boxed: Box<dyn Coroutine<i64, Yield = i64, Return = usize> + Unpin> =
        Box::new(running_sum());
    assert_eq!(Pin::new(&mut boxed).resume(0), CoroutineState::Yielded(0));
    let mut by_ref = &mut boxed;
    assert_eq!(Pin::new(&mut by_ref).resume(3), CoroutineState::Yielded(3));
    let mut pinned: Pin<Box<dyn Coroutine<i64, Yield = i64, Return = usize>>> =
        Box::pin(running_sum());
    assert_eq!(pinned.as_mut().resume(0), CoroutineState::Yielded(0));
    let mut pinned_ref = pinned.as_mut();
    assert_eq!(
        Pin::new(&mut pinned_ref).resume(-1),
        CoroutineState::Complete(0)
    );
}

#[test]
fn panics_propagate_and_finish_the_coroutine() {
    let mut c = coroutine!(|x: u8| -> u8 {
        let y: u8 = yield_!(x);
        assert!(y != 0, "zero");
        y
    });
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(1), CoroutineState::Yielded(1));
    assert!(catch_unwind(AssertUnwindSafe(|| c.as_mut().resume(0))).is_err());
    let again = catch_unwind(AssertUnwindSafe(|| c.as_mut().resume(1))).unwrap_err();
    let message = again.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(message.contains("already completed"), "{message}");
}
