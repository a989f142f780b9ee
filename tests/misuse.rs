//! Misuse cannot cause undefined behaviour. Whatever safe code does with a
//! generator, or with its yield handle through the hidden `__private`
//! constructors (documented as safe to call whatever the arguments), gives a
//! compile error (`tests/ui/misuse`), a clear panic, or correct behaviour.
//!
//! Every value is counted (`common::Log`): a double drop, a leak or an item
//! delivered twice fails here, and Miri runs this file to catch what counting
//! cannot.

mod common;

use std::cell::RefCell;
use std::future::{Future, poll_fn};
use std::mem::{self, ManuallyDrop};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use common::{CountingWaker, Gate, Log, Noisy};
use coro::__private as private;
use coro::{
    BoxCoroutine, BoxStream, Coroutine, CoroutineState, LocalBoxIter, Stream, Yields, generator,
    iter, stream, yield_,
};

const ALREADY_COMPLETED: &str =
    "`Coroutine::resume` called after the coroutine already completed (or panicked)";
const RESUMED_BY_SOMETHING_ELSE: &str =
    "a `yield_!` was resumed by something other than its own generator";
const AWAITED_IN_SYNC: &str = "a sync generator's body awaited a future that is not ready";

// --- helpers ------------------------------------------------------------------

/// The message of the panic `f` must raise.
fn panic_message<T>(f: impl FnOnce() -> T) -> String {
    let Err(payload) = catch_unwind(AssertUnwindSafe(f)) else {
        panic!("expected a panic");
    };
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

fn name(item: Option<Noisy>) -> Option<String> {
    item.map(|n| n.name.clone())
}

/// Every item, by `next` alone. (Not `collect`: it calls `size_hint`, which
/// is not what these tests are about.)
fn drain<I: Iterator>(items: I) -> Vec<I::Item> {
    let mut all = Vec::new();
    for item in items {
        all.push(item);
    }
    all
}

/// The names of every item, each item dropped as soon as it is seen.
fn names(items: impl Iterator<Item = Noisy>) -> Vec<String> {
    let mut all = Vec::new();
    for item in items {
        all.push(item.name.clone());
    }
    all
}

fn poll_with<S: Stream + ?Sized>(s: Pin<&mut S>, waker: &Waker) -> Poll<Option<S::Item>> {
    s.poll_next(&mut Context::from_waker(waker))
}

fn poll<S: Stream + ?Sized>(s: Pin<&mut S>) -> Poll<Option<S::Item>> {
    poll_with(s, Waker::noop())
}

/// Polls until the stream is ready (it must be within a few polls).
fn next_ready<S: Stream + ?Sized>(mut s: Pin<&mut S>) -> Option<S::Item> {
    for _ in 0..8 {
        if let Poll::Ready(item) = poll(s.as_mut()) {
            return item;
        }
    }
    panic!("the stream was not ready after 8 polls")
}

/// `Pending` once (waking the task), then `Ready`.
fn yield_now() -> impl Future<Output = ()> {
    let mut yielded = false;
    poll_fn(move |cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

// --- generators used by several tests -------------------------------------------

#[generator]
fn noisy_items(log: Log, tag: &'static str, n: usize) -> impl Iterator<Item = Noisy> {
    let _local = log.noisy(format!("{tag} local"));
    for i in 0..n {
        yield_!(log.noisy(format!("{tag}{i}")));
    }
}

#[generator]
async fn noisy_ticks(log: Log, tag: &'static str, n: usize) -> BoxStream<'static, Noisy> {
    let _local = log.noisy(format!("{tag} local"));
    for i in 0..n {
        yield_now().await;
        yield_!(log.noisy(format!("{tag}{i}")));
    }
}

#[generator(first = _)]
fn accumulate(log: Log, tag: &'static str) -> BoxCoroutine<'static, String, String, i64> {
    let _local = log.noisy(format!("{tag} local"));
    let mut total = 0;
    loop {
        let x: i64 = yield_!(format!("{tag}={total}"));
        if x == 0 {
            return format!("{tag} done at {total}");
        }
        total += x;
    }
}

#[generator(unboxed, first = _)]
fn accumulate_unboxed(
    log: Log,
    tag: &'static str,
) -> impl Coroutine<i64, Yield = String, Return = String> {
    let _local = log.noisy(format!("{tag} local"));
    let mut total = 0;
    loop {
        let x: i64 = yield_!(format!("{tag}={total}"));
        if x == 0 {
            return format!("{tag} done at {total}");
        }
        total += x;
    }
}

#[generator(unboxed)]
async fn ticks_unboxed(log: Log, tag: &'static str, n: usize) -> impl Stream<Item = Noisy> {
    let _local = log.noisy(format!("{tag} local"));
    for i in 0..n {
        yield_now().await;
        yield_!(log.noisy(format!("{tag}{i}")));
    }
}

fn yielded(s: &str) -> CoroutineState<String, String> {
    CoroutineState::Yielded(s.to_owned())
}

fn complete(s: &str) -> CoroutineState<String, String> {
    CoroutineState::Complete(s.to_owned())
}

// --- 1. `mem::swap` -------------------------------------------------------------

#[test]
fn swapping_boxed_iterators_suspended_at_different_points() {
    let log = Log::new();
    let mut a = noisy_items(log.clone(), "a", 3);
    let mut b = noisy_items(log.clone(), "b", 3);
    assert_eq!(name(a.next()).as_deref(), Some("a0"));
    assert_eq!(name(a.next()).as_deref(), Some("a1"));
    assert_eq!(name(b.next()).as_deref(), Some("b0"));

    mem::swap(&mut a, &mut b);
    // Each goes on from where it was: the box moved, the state machine did not.
    assert_eq!(names(&mut a), ["b1", "b2"]);
    assert_eq!(name(b.next()).as_deref(), Some("a2"));
    drop(b);
    assert_eq!(name(a.next()), None);
    drop(a);
    assert_eq!(
        log.dropped(),
        ["a0", "a1", "b0", "b1", "b2", "b local", "a2", "a local"]
    );
}

#[test]
fn swapping_box_streams_one_at_an_await_one_at_a_yield() {
    let log = Log::new();
    let mut a = noisy_ticks(log.clone(), "a", 2);
    let mut b = noisy_ticks(log.clone(), "b", 2);
    // `a` waits in its first `.await`, `b` after its first yield.
    assert!(poll(a.as_mut()).is_pending());
    assert_eq!(name(next_ready(b.as_mut())).as_deref(), Some("b0"));

    mem::swap(&mut a, &mut b);
    assert_eq!(name(next_ready(b.as_mut())).as_deref(), Some("a0"));
    assert!(poll(a.as_mut()).is_pending(), "b awaits before b1");
    assert_eq!(name(next_ready(a.as_mut())).as_deref(), Some("b1"));
    assert_eq!(name(next_ready(a.as_mut())), None);
    assert_eq!(name(next_ready(b.as_mut())).as_deref(), Some("a1"));
    assert_eq!(name(next_ready(b.as_mut())), None);
    assert_eq!(name(next_ready(b.as_mut())), None, "fused");
    drop((a, b));
    assert_eq!(
        log.dropped(),
        ["b0", "a0", "b1", "b local", "a1", "a local"]
    );
}

#[test]
fn swapping_boxed_coroutines_mid_run() {
    let log = Log::new();
    let mut a = accumulate(log.clone(), "a");
    let mut b = accumulate(log.clone(), "b");
    assert_eq!(a.as_mut().resume(99), yielded("a=0"));
    assert_eq!(a.as_mut().resume(5), yielded("a=5"));
    assert_eq!(b.as_mut().resume(99), yielded("b=0"));

    mem::swap(&mut a, &mut b);
    assert_eq!(a.as_mut().resume(1), yielded("b=1"));
    assert_eq!(b.as_mut().resume(2), yielded("a=7"));
    assert_eq!(a.as_mut().resume(0), complete("b done at 1"));
    assert_eq!(b.as_mut().resume(0), complete("a done at 7"));
    assert_eq!(log.dropped(), ["b local", "a local"]);
    drop((a, b));
    assert_eq!(log.dropped(), ["b local", "a local"]);
}

#[test]
fn swapping_unboxed_generators_before_pinning_them() {
    let log = Log::new();
    let mut a = accumulate_unboxed(log.clone(), "a");
    let mut b = accumulate_unboxed(log.clone(), "b");
    mem::swap(&mut a, &mut b);
    let mut a = pin!(a);
    let mut b = pin!(b);
    assert_eq!(a.as_mut().resume(99), yielded("b=0"));
    assert_eq!(b.as_mut().resume(99), yielded("a=0"));
    assert_eq!(a.as_mut().resume(3), yielded("b=3"));
    assert_eq!(a.as_mut().resume(0), complete("b done at 3"));
    assert_eq!(b.as_mut().resume(0), complete("a done at 0"));

    let mut s = ticks_unboxed(log.clone(), "s", 1);
    let mut t = ticks_unboxed(log.clone(), "t", 2);
    mem::swap(&mut s, &mut t);
    let mut s = pin!(s);
    let mut t = pin!(t);
    assert_eq!(name(next_ready(s.as_mut())).as_deref(), Some("t0"));
    assert_eq!(name(next_ready(t.as_mut())).as_deref(), Some("s0"));
    assert_eq!(name(next_ready(t.as_mut())), None);
    assert_eq!(name(next_ready(s.as_mut())).as_deref(), Some("t1"));
    assert_eq!(name(next_ready(s.as_mut())), None);
    assert_eq!(
        log.dropped(),
        ["b local", "a local", "t0", "s0", "s local", "t1", "t local"]
    );
}

#[test]
fn replacing_a_pinned_generator_in_place() {
    let log = Log::new();
    {
        let mut c = pin!(accumulate_unboxed(log.clone(), "old"));
        assert_eq!(c.as_mut().resume(99), yielded("old=0"));
        assert_eq!(c.as_mut().resume(4), yielded("old=4"));
        // `Pin::set` drops the suspended generator where it is, then starts
        // over with a new one in the same place.
        c.set(accumulate_unboxed(log.clone(), "new"));
        assert_eq!(log.dropped(), ["old local"]);
        assert_eq!(c.as_mut().resume(99), yielded("new=0"));
        assert_eq!(c.as_mut().resume(2), yielded("new=2"));
        assert_eq!(c.as_mut().resume(0), complete("new done at 2"));
        // A finished one, too.
        c.set(accumulate_unboxed(log.clone(), "again"));
        assert_eq!(c.as_mut().resume(99), yielded("again=0"));
    }
    assert_eq!(log.dropped(), ["old local", "new local", "again local"]);
}

// --- 2. `mem::forget` -----------------------------------------------------------

#[test]
#[expect(
    clippy::forget_non_drop,
    reason = "forgetting is the misuse under test"
)]
fn forgetting_the_pin_of_an_unboxed_generator_still_drops_it_at_scope_end() {
    let log = Log::new();
    {
        let mut c = pin!(accumulate_unboxed(log.clone(), "c"));
        assert_eq!(c.as_mut().resume(99), yielded("c=0"));
        // Forgets the `Pin<&mut _>`, not the generator: the generator stays
        // where `pin!` put it and is dropped there.
        mem::forget(c);
        let mut s = pin!(ticks_unboxed(log.clone(), "s", 3));
        assert!(poll(s.as_mut()).is_pending());
        mem::forget(s);
        assert_eq!(log.dropped(), [] as [&str; 0]);
    }
    assert_eq!(log.dropped(), ["s local", "c local"]);
}

#[test]
fn forgetting_boxed_generators_leaks_them_and_nothing_else() {
    let log = Log::new();
    let mut it = noisy_items(log.clone(), "i", 3);
    assert_eq!(name(it.next()).as_deref(), Some("i0"));
    let gate = Gate::default();
    let g = gate.clone();
    let l = log.clone();
    let mut s: BoxStream<'static, Noisy> = Box::pin(stream! {
        let _local = l.noisy("s local");
        g.wait().await;
        yield_!(l.noisy("s0"));
    });
    let (counter, waker) = CountingWaker::new();
    assert!(poll_with(s.as_mut(), &waker).is_pending());
    let mut c = accumulate(log.clone(), "c");
    assert_eq!(c.as_mut().resume(99), yielded("c=0"));

    // What `mem::forget` does, undone at the end so that the test leaks
    // nothing: no destructor runs, nothing is dropped early or twice.
    let forgotten = (
        ManuallyDrop::new(it),
        ManuallyDrop::new(s),
        ManuallyDrop::new(c),
    );
    // Waking the task of a forgotten stream is harmless.
    gate.open();
    assert_eq!(counter.wakes(), 1);
    assert_eq!(log.dropped(), ["i0"]);

    let (it, s, c) = forgotten;
    drop(ManuallyDrop::into_inner(it));
    drop(ManuallyDrop::into_inner(s));
    drop(ManuallyDrop::into_inner(c));
    assert_eq!(log.dropped(), ["i0", "i local", "s local", "c local"]);
}

#[test]
#[expect(
    clippy::forget_non_drop,
    reason = "forgetting is the misuse under test"
)]
fn forgetting_a_pending_next_future_then_polling_again() {
    let log = Log::new();
    let gate = Gate::default();
    let g = gate.clone();
    let l = log.clone();
    let mut s = Box::pin(stream! {
        g.wait().await;
        yield_!(l.noisy("item"));
    });
    let mut cx = Context::from_waker(Waker::noop());
    let mut next = coro::anext(&mut s);
    assert!(Pin::new(&mut next).poll(&mut cx).is_pending());
    mem::forget(next);
    gate.open();
    assert_eq!(name(next_ready(s.as_mut())).as_deref(), Some("item"));
    assert_eq!(name(next_ready(s.as_mut())), None);
    assert_eq!(log.dropped(), ["item"]);
}

// --- 3. The yield handle misused through `__private` ------------------------------

#[test]
#[expect(
    clippy::forget_non_drop,
    reason = "by address, the item is in the slot already: forgetting the future is the misuse under test"
)]
fn a_yield_future_dropped_or_forgotten_unawaited_then_another_yield() {
    let log = Log::new();
    let l = log.clone();
    let mut it = private::iter::<private::Delegating, Noisy, (), _>(async move |mut co, ()| {
        {
            let _unawaited = co.yield_item(l.noisy("dropped"));
        }
        mem::forget(co.yield_item(l.noisy("forgotten")));
        co.yield_item(l.noisy("delivered")).await;
    });
    // The unawaited items are replaced (and dropped) by the next yield; only
    // the awaited one is delivered, once.
    assert_eq!(name(it.next()).as_deref(), Some("delivered"));
    assert_eq!(name(it.next()), None);
    assert_eq!(log.dropped(), ["dropped", "forgotten", "delivered"]);
    drop(it);
    assert_eq!(log.dropped(), ["dropped", "forgotten", "delivered"]);

    // The same with a resume argument: it reaches the awaited yield.
    let l = log.clone();
    let mut c = private::coroutine::<private::Delegating, Noisy, u32, u32, _>(
        async move |mut co, first| {
            {
                let _unawaited = co.yield_(l.noisy("dropped 2"));
            }
            mem::forget(co.yield_(l.noisy("forgotten 2")));
            let arg = co.yield_(l.noisy("delivered 2")).await;
            first * 10 + arg
        },
    );
    let CoroutineState::Yielded(item) = Pin::new(&mut c).resume(1) else {
        panic!("expected a yield");
    };
    assert_eq!(item.name, "delivered 2");
    drop(item);
    assert!(matches!(
        Pin::new(&mut c).resume(2),
        CoroutineState::Complete(12)
    ));
    drop(c);
    assert_eq!(log.drops_of("dropped 2"), 1);
    assert_eq!(log.drops_of("forgotten 2"), 1);
    assert_eq!(log.drops_of("delivered 2"), 1);
    assert_eq!(log.dropped().len(), 6);
}

#[test]
fn a_yield_future_never_awaited_before_the_body_returns() {
    let log = Log::new();

    let l = log.clone();
    let mut it = private::iter::<private::Delegating, Noisy, (), _>(async move |mut co, ()| {
        let _unawaited = co.yield_item(l.noisy("stranded in iter"));
    });
    assert_eq!(name(it.next()), None, "an unawaited item is not delivered");
    assert_eq!(name(it.next()), None);
    drop(it);
    assert_eq!(log.drops_of("stranded in iter"), 1);

    let l = log.clone();
    let mut c =
        private::coroutine::<private::Delegating, Noisy, (), &str, _>(async move |mut co, ()| {
            let _unawaited = co.yield_(l.noisy("stranded in coroutine"));
            "returned"
        });
    assert!(matches!(
        Pin::new(&mut c).resume(()),
        CoroutineState::Complete("returned")
    ));
    drop(c);
    assert_eq!(log.drops_of("stranded in coroutine"), 1);

    let l = log.clone();
    {
        let mut s = pin!(private::stream_unboxed::<Noisy, (), _>(
            async move |mut co, ()| {
                let _unawaited = co.yield_item(l.noisy("stranded in stream"));
            }
        ));
        assert_eq!(name(next_ready(s.as_mut())), None);
        assert_eq!(name(next_ready(s.as_mut())), None);
    }
    assert_eq!(log.drops_of("stranded in stream"), 1);
    assert_eq!(log.dropped().len(), 3);
}

#[test]
fn an_unawaited_yield_in_an_async_body_is_delivered_at_its_next_pending_await() {
    let log = Log::new();
    let l = log.clone();
    let mut s = pin!(private::stream_unboxed::<Noisy, (), _>(
        async move |mut co, ()| {
            {
                let _unawaited = co.yield_item(l.noisy("early"));
            }
            // The body suspends here, not at a yield: the driver finds the item
            // waiting and hands it out, once.
            yield_now().await;
            co.yield_item(l.noisy("normal")).await;
        }
    ));
    assert_eq!(name(next_ready(s.as_mut())).as_deref(), Some("early"));
    assert_eq!(name(next_ready(s.as_mut())).as_deref(), Some("normal"));
    assert_eq!(name(next_ready(s.as_mut())), None);
    assert_eq!(log.dropped(), ["early", "normal"]);
}

#[test]
fn a_yield_future_polled_again_after_it_returned_ready() {
    let log = Log::new();
    let l = log.clone();
    let mut c =
        private::coroutine::<private::Delegating, Noisy, u32, Noisy, _>(async move |mut co, _| {
            let _local = l.noisy("local");
            let mut suspend = pin!(co.yield_(l.noisy("item")));
            let arg = suspend.as_mut().await;
            assert_eq!(arg, 7);
            // Its argument was taken: polling it again must not produce another.
            poll_fn(|cx| suspend.as_mut().poll(cx)).await;
            l.noisy("unreachable")
        });
    let mut c = Pin::new(&mut c);
    let CoroutineState::Yielded(item) = c.as_mut().resume(0) else {
        panic!("expected a yield");
    };
    assert_eq!(item.name, "item");
    drop(item);
    let message = panic_message(|| c.as_mut().resume(7));
    assert!(
        message.starts_with(RESUMED_BY_SOMETHING_ELSE),
        "unexpected message: {message}"
    );
    // Finished by the panic.
    assert_eq!(panic_message(|| c.as_mut().resume(8)), ALREADY_COMPLETED);
    assert_eq!(log.dropped(), ["item", "local"]);

    // Without an argument to take, polling a finished yield future again is
    // harmless: it is ready again and yields nothing.
    let it = private::iter::<private::Delegating, u8, (), _>(async move |mut co, ()| {
        {
            let mut suspend = pin!(co.yield_item(1));
            suspend.as_mut().await;
            suspend.as_mut().await;
            poll_fn(|cx| suspend.as_mut().poll(cx)).await;
        }
        co.yield_item(2).await;
    });
    assert_eq!(drain(it), [1, 2]);
}

/// A local whose destructor yields through the handle (it cannot await, so
/// the yield is never awaited).
struct YieldOnDrop<'c, 'a, M: private::Mode> {
    co: &'c mut private::Co<'a, Noisy, (), M>,
    item: Option<Noisy>,
}

impl<M: private::Mode> Drop for YieldOnDrop<'_, '_, M> {
    fn drop(&mut self) {
        if let Some(item) = self.item.take() {
            let _unawaited = self.co.yield_item(item);
        }
    }
}

fn yields_on_drop<M: private::SyncMode>(
    log: Log,
    panic_at: Option<usize>,
) -> impl Iterator<Item = Noisy> {
    private::iter::<M, Noisy, (), _>(async move |mut co, ()| {
        let guard = YieldOnDrop {
            co: &mut co,
            item: Some(log.noisy("from drop")),
        };
        for i in 0..2 {
            assert!(panic_at != Some(i), "boom at {i}");
            guard.co.yield_item(log.noisy(format!("item{i}"))).await;
        }
    })
}

#[test]
fn a_local_that_yields_in_its_destructor() {
    // By address, the destructor's yield writes into the slot, which is
    // dropped after the body; by id, its future keeps the item, unpolled.
    a_local_that_yields_in_its_destructor_in::<private::Delegating>();
    a_local_that_yields_in_its_destructor_in::<private::ById>();
}

fn a_local_that_yields_in_its_destructor_in<M: private::SyncMode>() {
    // Dropped while suspended: the destructor runs as the generator is
    // dropped, and its item is dropped with the generator.
    let log = Log::new();
    let mut it = yields_on_drop::<M>(log.clone(), None);
    assert_eq!(name(it.next()).as_deref(), Some("item0"));
    drop(it);
    assert_eq!(log.dropped(), ["item0", "from drop"]);

    // Run to the end: the destructor runs as the body returns; its item is
    // not delivered, and is dropped once.
    let log = Log::new();
    let mut it = yields_on_drop::<M>(log.clone(), None);
    assert_eq!(names(&mut it), ["item0", "item1"]);
    assert_eq!(name(it.next()), None);
    drop(it);
    assert_eq!(log.dropped(), ["item0", "item1", "from drop"]);

    // A panic in the body: the destructor runs during the unwind.
    let log = Log::new();
    let mut it = yields_on_drop::<M>(log.clone(), Some(1));
    assert_eq!(name(it.next()).as_deref(), Some("item0"));
    assert_eq!(panic_message(|| it.next()), "boom at 1");
    assert_eq!(name(it.next()), None);
    drop(it);
    assert_eq!(log.dropped(), ["item0", "from drop"]);

    // An item already waiting in the slot when the destructor yields: it is
    // replaced, and each is dropped once.
    let log = Log::new();
    let l = log.clone();
    let mut it = private::iter::<M, Noisy, (), _>(async move |mut co, ()| {
        let guard = YieldOnDrop {
            co: &mut co,
            item: Some(l.noisy("from drop")),
        };
        let _unawaited = guard.co.yield_item(l.noisy("stranded"));
    });
    assert_eq!(name(it.next()), None);
    drop(it);
    assert_eq!(log.drops_of("stranded"), 1);
    assert_eq!(log.drops_of("from drop"), 1);
    assert_eq!(log.dropped().len(), 2);
}

#[test]
fn the_handle_used_from_a_scoped_thread_inside_the_body() {
    let log = Log::new();
    let l = log.clone();
    let it = private::iter::<private::Delegating, Noisy, (), _>(async move |mut co, ()| {
        let handle = &mut co;
        let item = l.noisy("from thread");
        // The thread is joined before the body goes on: the slot is never
        // touched by two threads at once.
        let suspend =
            std::thread::scope(|s| s.spawn(move || handle.yield_item(item)).join().unwrap());
        suspend.await;
        co.yield_item(l.noisy("from body")).await;
    });
    assert_eq!(names(it), ["from thread", "from body"]);
    assert_eq!(log.dropped(), ["from thread", "from body"]);
}

// --- 4. A nested generator that captures the outer handle --------------------------

#[test]
fn a_nested_iterator_yielding_through_the_outer_handle_panics_cleanly() {
    let log = Log::new();
    let l = log.clone();
    let mut outer = private::iter::<private::Delegating, Noisy, (), _>(async move |mut co, ()| {
        let _outer_local = l.noisy("outer local");
        co.yield_item(l.noisy("before")).await;
        {
            let outer_co = &mut co;
            let l = l.clone();
            let inner =
                private::iter::<private::Delegating, u32, (), _>(async move |_inner_co, ()| {
                    let _inner_local = l.noisy("inner local");
                    // Yields into the outer generator's slot, then awaits: the
                    // inner generator is suspended without an item of its own.
                    outer_co.yield_item(l.noisy("smuggled")).await;
                });
            for _ in inner {}
        }
        co.yield_item(l.noisy("after")).await;
    });
    assert_eq!(name(outer.next()).as_deref(), Some("before"));
    let message = panic_message(|| outer.next());
    assert!(
        message.starts_with(AWAITED_IN_SYNC),
        "unexpected message: {message}"
    );
    assert_eq!(name(outer.next()), None, "finished by the panic");
    assert_eq!(name(outer.next()), None);
    drop(outer);
    assert_eq!(
        log.dropped(),
        ["before", "inner local", "outer local", "smuggled"]
    );

    // The same through a coroutine's handle, which has a resume argument.
    let log = Log::new();
    let l = log.clone();
    let mut outer =
        private::coroutine::<private::Delegating, Noisy, i64, (), _>(async move |mut co, _| {
            let outer_co = &mut co;
            let l = l.clone();
            let inner =
                private::iter::<private::Delegating, u32, (), _>(async move |_inner_co, ()| {
                    let _arg: i64 = outer_co.yield_(l.noisy("smuggled")).await;
                });
            for _ in inner {}
        });
    let message = panic_message(|| Pin::new(&mut outer).resume(1));
    assert!(
        message.starts_with(AWAITED_IN_SYNC),
        "unexpected message: {message}"
    );
    assert_eq!(
        panic_message(|| Pin::new(&mut outer).resume(2)),
        ALREADY_COMPLETED
    );
    assert_eq!(log.dropped(), [] as [&str; 0]);
    drop(outer);
    assert_eq!(log.dropped(), ["smuggled"]);
}

#[test]
fn a_nested_stream_yielding_through_the_outer_handle_yields_from_the_outer_generator() {
    // An async inner generator may be pending, so its suspension reaches the
    // outer body, which suspends with the item in its own slot: the item is
    // the outer generator's, and so is the resume argument that answers it.
    let mut c =
        private::coroutine::<private::Delegating, &str, i64, i64, _>(async move |mut co, _| {
            let outer_co = &mut co;
            let mut inner = pin!(private::stream_unboxed::<i64, (), _>(
                async move |mut inner_co, ()| {
                    let got = outer_co.yield_("from inner").await;
                    inner_co.yield_item(got * 10).await;
                }
            ));
            let x = coro::anext(&mut inner).await.unwrap();
            assert_eq!(coro::anext(&mut inner).await, None);
            x + 1
        });
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded("from inner"));
    assert_eq!(c.as_mut().resume(4), CoroutineState::Complete(41));
    assert_eq!(panic_message(|| c.as_mut().resume(0)), ALREADY_COMPLETED);
}

// --- 5. Nested generators of different item types ---------------------------------

#[generator]
fn lengths_of(words: Vec<&'static str>) -> impl Iterator<Item = String> {
    for w in words {
        let lengths = iter! {
            for c in w.chars() {
                yield_!(c.len_utf8());
            }
        };
        for n in lengths {
            yield_!(format!("{w}:{n}"));
        }
    }
}

#[test]
fn a_usize_iter_inside_a_string_iterator() {
    assert_eq!(
        drain(lengths_of(vec!["ab", "", "é"])),
        ["ab:1", "ab:1", "é:2"]
    );
}

#[test]
fn a_stream_inside_an_iter_and_an_iter_inside_a_stream() {
    let it = iter! {
        let inner = stream! {
            for i in 0..2_u8 {
                yield_now().await;
                yield_!(i);
            }
        };
        let mut inner = pin!(inner);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            match inner.as_mut().poll_next(&mut cx) {
                Poll::Ready(Some(i)) => yield_!(format!("s{i}")),
                Poll::Ready(None) => break,
                Poll::Pending => yield_!(String::from("pending")),
            }
        }
    };
    assert_eq!(drain(it), ["pending", "s0", "pending", "s1"]);

    let s = stream! {
        for b in iter! { yield_!(1_u8); yield_!(2_u8); } {
            yield_now().await;
            yield_!(u32::from(b) * 100);
        }
    };
    let mut s = pin!(s);
    assert_eq!(next_ready(s.as_mut()), Some(100));
    assert_eq!(next_ready(s.as_mut()), Some(200));
    assert_eq!(next_ready(s.as_mut()), None);
}

#[generator(first = _)]
fn labelled_sums() -> impl Coroutine<i64, Yield = String, Return = i64> {
    let labels = iter! {
        yield_!("x");
        yield_!("y");
    };
    let mut total = 0;
    for label in labels {
        let got: i64 = yield_!(format!("{label}={total}"));
        total += got;
    }
    total
}

#[test]
fn a_str_iterator_inside_an_i64_coroutine() {
    let mut c = labelled_sums();
    let mut c = Pin::new(&mut c);
    assert_eq!(
        c.as_mut().resume(100),
        CoroutineState::Yielded("x=0".into())
    );
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded("y=5".into()));
    assert_eq!(c.as_mut().resume(7), CoroutineState::Complete(12));

    // And a coroutine closure around an iterator of another type.
    let mut c = coro::coroutine!(|scale: i64| -> usize {
        let mut seen = 0;
        for w in iter! { yield_!("one"); yield_!("three"); } {
            let extra: i64 = yield_!(i64::try_from(w.len()).unwrap() * scale);
            seen += usize::try_from(extra).unwrap();
        }
        seen
    });
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(2), CoroutineState::Yielded(6));
    assert_eq!(c.as_mut().resume(1), CoroutineState::Yielded(10));
    assert_eq!(c.as_mut().resume(1), CoroutineState::Complete(2));
}

// --- 6. Two wakers in turn ----------------------------------------------------------

#[test]
fn polled_with_two_wakers_in_turn_only_the_last_is_woken() {
    let log = Log::new();
    let gate = Gate::default();
    let g = gate.clone();
    let l = log.clone();
    let s = stream! {
        let _local = l.noisy("local");
        g.wait().await;
        yield_!(l.noisy("item"));
    };
    let mut s = pin!(s);
    let (count_a, waker_a) = CountingWaker::new();
    let (count_b, waker_b) = CountingWaker::new();
    assert!(poll_with(s.as_mut(), &waker_a).is_pending());
    assert!(poll_with(s.as_mut(), &waker_b).is_pending());
    assert_eq!((count_a.wakes(), count_b.wakes()), (0, 0), "no busy poll");
    gate.open();
    assert_eq!(
        (count_a.wakes(), count_b.wakes()),
        (0, 1),
        "only the last task is woken"
    );
    let Poll::Ready(Some(item)) = poll_with(s.as_mut(), &waker_b) else {
        panic!("expected the item");
    };
    assert_eq!(item.name, "item");
    drop(item);
    assert_eq!(poll_with(s.as_mut(), &waker_a).map(name), Poll::Ready(None));
    assert_eq!(poll_with(s.as_mut(), &waker_b).map(name), Poll::Ready(None));
    assert_eq!((count_a.wakes(), count_b.wakes()), (0, 1));
    assert_eq!(log.dropped(), ["item", "local"]);
}

// --- 7. Resuming finished coroutines ----------------------------------------------------

#[generator(unboxed)]
fn one_unboxed() -> impl Coroutine<Yield = u8, Return = &'static str> {
    yield_!(1);
    "done"
}

#[generator]
fn one_boxed() -> BoxCoroutine<'static, u8, &'static str> {
    yield_!(1);
    "done"
}

#[test]
fn resuming_a_completed_coroutine_panics_every_time() {
    let mut c = pin!(one_unboxed());
    assert_eq!(c.as_mut().resume(()), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(()), CoroutineState::Complete("done"));
    assert_eq!(panic_message(|| c.as_mut().resume(())), ALREADY_COMPLETED);
    assert_eq!(panic_message(|| c.as_mut().resume(())), ALREADY_COMPLETED);

    let mut c = one_boxed();
    assert_eq!(c.as_mut().resume(()), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(()), CoroutineState::Complete("done"));
    assert_eq!(panic_message(|| c.as_mut().resume(())), ALREADY_COMPLETED);
    assert_eq!(panic_message(|| c.as_mut().resume(())), ALREADY_COMPLETED);
}

#[generator(unboxed, first = _)]
fn fails_unboxed(log: Log) -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let _local = log.noisy("local");
    let x: i64 = yield_!(1);
    assert!(x >= 0, "negative: {x}");
    x
}

#[generator(first = _)]
fn fails_boxed(log: Log) -> BoxCoroutine<'static, i64, i64, i64> {
    let _local = log.noisy("local");
    let x: i64 = yield_!(1);
    assert!(x >= 0, "negative: {x}");
    x
}

#[test]
fn resuming_after_a_panic_in_the_body_panics_with_the_same_message() {
    let log = Log::new();
    {
        let mut c = pin!(fails_unboxed(log.clone()));
        assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(1));
        assert_eq!(panic_message(|| c.as_mut().resume(-1)), "negative: -1");
        assert_eq!(log.dropped(), ["local"]);
        assert_eq!(panic_message(|| c.as_mut().resume(1)), ALREADY_COMPLETED);
        assert_eq!(panic_message(|| c.as_mut().resume(2)), ALREADY_COMPLETED);
    }
    let mut c = fails_boxed(log.clone());
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(1));
    assert_eq!(panic_message(|| c.as_mut().resume(-2)), "negative: -2");
    assert_eq!(panic_message(|| c.as_mut().resume(1)), ALREADY_COMPLETED);
    assert_eq!(panic_message(|| c.as_mut().resume(2)), ALREADY_COMPLETED);
    drop(c);
    assert_eq!(log.dropped(), ["local", "local"]);

    // A panic before the first yield, in a coroutine closure.
    let mut c = coro::coroutine!(|x: i64| -> i64 {
        assert!(x >= 0, "negative first: {x}");
        yield_!(x);
        x
    });
    let mut c = Pin::new(&mut c);
    assert_eq!(
        panic_message(|| c.as_mut().resume(-3)),
        "negative first: -3"
    );
    assert_eq!(panic_message(|| c.as_mut().resume(3)), ALREADY_COMPLETED);
}

// --- 8. What the yield rewriter cannot see --------------------------------------------

// A `yield_!` inside a closure written in another macro's arguments, sync
// or `async`, is a compile error: `tests/ui/misuse/yield_in_macro_closure.rs`.
// A `|` that is not a closure there is left alone:

#[test]
fn a_bitwise_or_in_another_macros_arguments_is_not_a_closure() {
    #[generator(first = _)]
    fn ors() -> impl Coroutine<u32, Yield = u32, Return = Vec<u32>> {
        vec![yield_!(1) | 2, 4 | yield_!(8), 16]
    }

    let mut c = ors();
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(1));
    assert_eq!(c.as_mut().resume(1), CoroutineState::Yielded(8));
    assert_eq!(
        c.as_mut().resume(32),
        CoroutineState::Complete(vec![3, 36, 16])
    );
}

// --- Re-entrancy ----------------------------------------------------------------

type Shared = Rc<RefCell<LocalBoxIter<'static, u32>>>;

#[generator]
fn resumes_itself(me: Weak<RefCell<LocalBoxIter<'static, u32>>>) -> LocalBoxIter<'static, u32> {
    yield_!(1);
    let me = me.upgrade().unwrap();
    // The caller holds the generator exclusively while it runs: resuming it
    // again from its own body cannot get a second `&mut`.
    let again = me.borrow_mut().next();
    yield_!(again.unwrap_or(0));
}

#[test]
fn resuming_a_generator_from_its_own_body_is_a_borrow_error() {
    let shared: Shared = Rc::new_cyclic(|me| RefCell::new(resumes_itself(me.clone())));
    assert_eq!(shared.borrow_mut().next(), Some(1));
    let message = panic_message(|| shared.borrow_mut().next());
    assert!(
        message.contains("borrowed"),
        "unexpected message: {message}"
    );
    assert_eq!(shared.borrow_mut().next(), None, "finished by the panic");
}

// --- Shared access between resumes ---------------------------------------------
//
// A suspended body may hold a `&mut` to one of its own locals. Looking at the
// generator through `&` between resumes (`size_hint`, `is_terminated`,
// `Debug`, which `collect` and friends call) must not invalidate it: Miri
// reported undefined behaviour here under both borrow models until the
// state moved into an `UnsafeCell`.
mod issue_shared_access_between_resumes {
    use coro::{BoxIter, Stream, generator, stream, yield_};
    use futures::stream::FusedStream;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    #[generator]
    fn prefixes(words: Vec<&'static str>) -> impl Iterator<Item = String> {
        let mut line = String::new();
        let out = &mut line; // a `&mut` to a local of the body, held across yields
        for w in words {
            out.push_str(w);
            yield_!(out.clone());
        }
    }

    #[generator]
    fn counter() -> BoxIter<'static, u32> {
        let mut n = 0;
        let r = &mut n;
        loop {
            *r += 1;
            yield_!(*r);
        }
    }

    #[test]
    fn collect_calls_size_hint_between_resumes() {
        assert_eq!(
            prefixes(vec!["a", "b", "c"]).collect::<Vec<_>>(),
            ["a", "ab", "abc"]
        );
    }

    #[test]
    fn size_hint_and_debug_between_resumes() {
        let mut it = prefixes(vec!["x", "y"]);
        assert_eq!(it.next().as_deref(), Some("x"));
        assert_eq!(it.size_hint(), (0, None));
        assert_eq!(it.next().as_deref(), Some("xy"));
        let mut c = counter();
        assert_eq!(c.next(), Some(1));
        assert_eq!(c.size_hint(), (0, None));
        assert_eq!(
            format!("{c:?}"),
            r#"BoxIter { status: Suspended, at: "tests/misuse.rs:1005:13", .. }"#
        );
        assert_eq!(c.next(), Some(2));
    }

    #[test]
    fn is_terminated_between_polls() {
        let s = stream! {
            let mut n = 0u32;
            let r = &mut n;
            for _ in 0..3 {
                *r += 1;
                yield_!(*r);
            }
        };
        let mut s = pin!(s);
        let mut cx = Context::from_waker(Waker::noop());
        let mut seen = Vec::new();
        while !s.is_terminated() {
            assert_eq!(s.size_hint(), (0, None));
            if let Poll::Ready(Some(n)) = s.as_mut().poll_next(&mut cx) {
                seen.push(n);
            }
        }
        assert_eq!(seen, [1, 2, 3]);
    }
}

// --- handles by id (unboxed sync generators) -----------------------------------

const POLLED_BY_SOMETHING_ELSE: &str =
    "a `yield_!` was polled by something other than its own generator";

/// An unboxed coroutine's handle finds its slot through its driver's context,
/// checked by the generator's id. Used from another generator's body, of
/// other item types (`u32` into a `Noisy` slot would be undefined
/// behaviour), the check fails and the yield panics; nothing is written.
#[test]
fn an_unboxed_handle_used_in_another_unboxed_generator_panics() {
    let log = Log::new();
    let l = log.clone();
    let outer =
        private::coroutine_unboxed::<private::ById, u32, (), (), _>(async move |mut co, ()| {
            co.yield_(1).await;
            let outer_co = &mut co;
            let l = l.clone();
            let inner = private::coroutine_unboxed::<private::ById, Noisy, (), (), _>(
                async move |_inner, ()| {
                    let _inner_local = l.noisy("inner local");
                    outer_co.yield_(7).await;
                },
            );
            let mut inner = pin!(inner);
            let _ = inner.as_mut().resume(());
        });
    let mut outer = pin!(outer);
    assert_eq!(outer.as_mut().resume(()), CoroutineState::Yielded(1));
    let message = panic_message(|| outer.as_mut().resume(()));
    assert!(
        message.starts_with(POLLED_BY_SOMETHING_ELSE),
        "unexpected message: {message}"
    );
    assert_eq!(log.dropped(), ["inner local"]);
    assert_eq!(
        panic_message(|| outer.as_mut().resume(())),
        ALREADY_COMPLETED
    );
}

/// The same handle polled with a context that is not coro's (an executor's,
/// or a hand-made one) panics too, and the unpolled item is dropped once.
#[test]
fn an_unboxed_yield_polled_with_a_foreign_context_panics_and_drops_its_item() {
    let log = Log::new();
    let l = log.clone();
    let c =
        private::coroutine_unboxed::<private::ById, Noisy, (), (), _>(async move |mut co, ()| {
            let mut suspend = pin!(co.yield_(l.noisy("item")));
            poll_fn(|_| {
                let mut foreign = Context::from_waker(Waker::noop());
                suspend.as_mut().poll(&mut foreign)
            })
            .await;
        });
    let mut c = pin!(c);
    let message = panic_message(|| c.as_mut().resume(()));
    assert!(
        message.starts_with(POLLED_BY_SOMETHING_ELSE),
        "unexpected message: {message}"
    );
    assert_eq!(log.dropped(), ["item"]);
}

/// Two unboxed generators of the same types, one nested in the other's body:
/// each yields through its own handle, and each item reaches its own caller.
#[test]
fn nested_unboxed_generators_each_yield_to_their_own_caller() {
    let outer =
        private::coroutine_unboxed::<private::ById, u32, (), (), _>(async move |mut co, ()| {
            let inner = private::coroutine_unboxed::<private::ById, u32, (), (), _>(
                async move |mut co, ()| {
                    co.yield_(10).await;
                    co.yield_(20).await;
                },
            );
            let mut inner = pin!(inner);
            while let CoroutineState::Yielded(v) = inner.as_mut().resume(()) {
                co.yield_(v + 1).await;
            }
        });
    let items: Vec<u32> = Yields::new(pin!(outer)).collect();
    assert_eq!(items, [11, 21]);
}
