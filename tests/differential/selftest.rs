//! The harness itself: each comparison fails when the copies differ, the
//! hooks are where the panics are injected, and the absolute checks (fused,
//! finished after a panic, dropped exactly once) fail on a generator that
//! breaks them. Without these, a harness that compared nothing would pass.

use std::pin::Pin;

use coro::{Coroutine, CoroutineState, generator, yield_};

use crate::harness::{
    COMPLETED, Ctx, INJECTED, Log, Noisy, catching, record_co, record_iter, record_panics_iter,
};

differential! {
    iter three_items(log: Log) -> (impl Iterator<Item = u32>) native [+ Clone] traits [Send, Sync] {
        let _guard = Noisy::new(log.clone(), "guard");
        yield_!(1);
        log.push("between");
        yield_!(2);
        yield_!(3);
    }
    calls(log) [(log.clone())]
}

#[generator(fallback)]
fn two_items(log: Log) -> impl Iterator<Item = u32> {
    let _guard = log.noisy("guard");
    yield_!(1);
    log.push("between");
    yield_!(2);
}

#[generator(fallback)]
fn drops_in_another_order(log: Log) -> impl Iterator<Item = u32> {
    let guard = log.noisy("guard");
    yield_!(1);
    drop(guard);
    log.push("between");
    yield_!(2);
    yield_!(3);
}

fn fails(f: impl FnOnce()) -> String {
    catching(f).expect_err("the comparison must fail")
}

#[test]
fn a_missing_item_is_seen() {
    let ctx = Ctx::new("selftest", "");
    let reference = record_iter(&|log: &Log| three_items::fallback(log.clone()), None);
    let other = record_iter(&|log: &Log| two_items(log.clone()), Some(&reference));
    let msg = fails(|| ctx.same_iter("two_items", &reference, &other));
    assert!(
        msg.contains("differs from the async engine in the full run"),
        "{msg}"
    );
}

#[test]
fn a_different_drop_order_is_seen() {
    let ctx = Ctx::new("selftest", "");
    let reference = record_iter(&|log: &Log| three_items::fallback(log.clone()), None);
    let other = record_iter(
        &|log: &Log| drops_in_another_order(log.clone()),
        Some(&reference),
    );
    // The same items...
    assert_eq!(reference.items, other.items);
    // ...but not the same log.
    let msg = fails(|| ctx.same_iter("drops_in_another_order", &reference, &other));
    assert!(msg.contains("in the full run"), "{msg}");
}

#[test]
fn the_injected_copies_panic_after_each_yield() {
    let panics = record_panics_iter(&|log: &Log| three_items::native_injected(log.clone()), None);
    assert_eq!(panics.hooks, 3, "three yields resumed: {panics:#?}");
    assert_eq!(panics.panics.len(), 4);
    for (k, run) in panics.panics.iter().enumerate().take(3) {
        let items = run.steps.iter().filter(|s| s.starts_with("item")).count();
        assert_eq!(items, k + 1, "{run:#?}");
        let panic = format!("panic: {INJECTED} {k}");
        assert!(run.steps.contains(&panic), "{run:#?}");
    }
    // Past the last yield: no panic.
    assert!(!panics.panics[3].steps.iter().any(|s| s.contains("panic")));
    // The plain copy has no hooks.
    let plain = record_panics_iter(&|log: &Log| three_items::native(log.clone()), None);
    assert_eq!(plain.hooks, 0);
}

#[test]
fn a_value_never_dropped_is_seen() {
    let log = Log::new();
    std::mem::forget(log.noisy("leaked"));
    let msg = fails(|| drop(log.finish("selftest")));
    assert!(msg.contains("exactly once"), "{msg}");
}

/// Yields after its end, and is not a coroutine that completes.
struct Unfused(u32);

impl Iterator for Unfused {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        self.0 += 1;
        (self.0 != 2).then_some(self.0)
    }
}

impl Coroutine for Unfused {
    type Yield = u32;
    type Return = ();
    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<u32, ()> {
        CoroutineState::Complete(())
    }
}

#[test]
fn an_unfused_iterator_is_seen() {
    let msg = fails(|| drop(record_iter(&|_: &Log| Unfused(0), None)));
    assert!(msg.contains("an item after its end"), "{msg}");
}

/// Completes, then completes again rather than panicking.
struct CompletesTwice;

impl Coroutine<u8> for CompletesTwice {
    type Yield = u8;
    type Return = u8;
    fn resume(self: Pin<&mut Self>, arg: u8) -> CoroutineState<u8, u8> {
        CoroutineState::Complete(arg)
    }
}

#[test]
fn a_coroutine_resumable_after_its_end_is_seen() {
    let resumes = |_: &Log| vec![1_u8, 2];
    let msg = fails(|| {
        drop(record_co(
            &|_: &Log, _: Option<&u8>| CompletesTwice,
            &resumes,
            None,
        ));
    });
    assert!(msg.contains("expected a panic"), "{msg}");
    assert!(!msg.contains(COMPLETED));
}
