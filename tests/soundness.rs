//! Issue 10: no use-after-free through `yield_from!`, whatever safe code does
//! with the futures and handles a generator's body can reach.
//!
//! These tests encode the behaviour of the fix (see the issue and its design
//! notes):
//!
//! * a `yield_from!` at a position of the body's own syntax tree keeps the
//!   O(1) delegation frames, awaited in place by the body's own future;
//! * a `yield_from!` inside another macro's arguments (which a user macro may
//!   wrap in an `async` block the attribute never sees) is a plain re-yield
//!   loop over the generator's handle, safe whatever happens to its future;
//! * a body without an AST-position `yield_from!` is "by id" (its yields find
//!   their slot through the driver's context and panic under any other), one
//!   with such a `yield_from!` is "by address";
//! * a delegate that panics finishes every generator of the chain it unwinds
//!   through (bug D).
//!
//! `mod issue_10` holds the issue's reproducers; `mod family` tries every
//! future and handle a body can reach (a yield future hidden in a user
//! macro's `async` block, a hidden `yield_from!` of an iterable, a coroutine
//! or a stream, the handle grabbed by a user macro) against each misuse
//! (forget, drop from inside, move into another future, poll from a foreign
//! executor) at each point (before the first poll, after it, after the future
//! completed), and compares a transcript of everything that happened with the
//! one the design gives. Each test also checks that every value was dropped
//! exactly once (the forgotten futures are `ManuallyDrop`s undone at the end,
//! so nothing leaks; `tests/leaks.rs` has the real leaks).
//!
//! Miri runs this file, under both borrow models.
#![forbid(unsafe_code)]

mod common;

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Debug;
use std::future::{Future, poll_fn};
use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::{Pin, pin};
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use common::{CountingWaker, Log, Noisy, PendingOnce};
use coro::{Coroutine, CoroutineState, Stream, anext, coroutine, generator, iter, stream, yield_};

// --- What a user's macros can do ----------------------------------------------
//
// `#[generator]` (and `iter!`, `stream!`, `coroutine!`) rewrite `yield_!(v)`
// into `yield_!(@__coro_item_at __coro_co [&"file:line:col"] v)` (or `@__coro_yield_at` in a
// coroutine) wherever it appears in the body, including inside the arguments
// of any macro. A user macro sees those tokens, and can wrap them in an
// `async` block or take the handle out of them.

/// An `async` block the generator's rewrite cannot see: its tokens are the
/// macro's own.
macro_rules! hide {
    ($($t:tt)*) => {
        async { $($t)* }
    };
}

/// An `.await` the rewrite cannot see (it rejects `.await` in sync bodies).
macro_rules! aw {
    ($e:expr) => {
        $e.await
    };
}

/// The yield future itself (`Co::yield_item`), made with the handle taken
/// out of a rewritten `yield_!`.
macro_rules! raw_item {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        $co.yield_item($($v)*)
    };
}

/// The yield future that takes a resume argument (`Co::yield_`), made with
/// the handle taken out of a rewritten `yield_!`.
macro_rules! raw_yield {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        $co.yield_($($v)*)
    };
}

/// The handle itself, borrowed out of a rewritten `yield_!`.
macro_rules! handle {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        &mut $co
    };
}

/// `yield_from!(iterable)` written by hand with the grabbed handle: the loop
/// the fix expands a `yield_from!` inside another macro's arguments into
/// (each item yielded with `Co::yield_`, its resume argument dropped).
macro_rules! by_hand_iter {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($src:tt)*)) => {
        async {
            for item in $($src)* {
                let _ = $co.yield_(item).await;
            }
        }
    };
}

/// `yield_from!(coroutine, first)` written by hand with the grabbed handle:
/// the re-yield loop of the fix, forwarding each resume argument; evaluates
/// to what the coroutine returns.
macro_rules! by_hand_co {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($src:tt)*), $first:expr) => {
        async {
            let mut child = ::core::pin::pin!($($src)*);
            let mut arg = $first;
            loop {
                match ::coro::Coroutine::resume(child.as_mut(), arg) {
                    ::coro::CoroutineState::Yielded(y) => arg = $co.yield_(y).await,
                    ::coro::CoroutineState::Complete(r) => break r,
                }
            }
        }
    };
}

/// `yield_from!(stream)` of an async generator written by hand with the
/// grabbed handle (what `yield_from!` of a stream has always been).
macro_rules! by_hand_stream {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($src:tt)*)) => {
        async {
            let mut stream = ::core::pin::pin!($($src)*);
            while let Some(item) =
                ::core::future::poll_fn(|cx| ::coro::Stream::poll_next(stream.as_mut(), cx)).await
            {
                $co.yield_item(item).await;
            }
        }
    };
}

// --- Accounting ---------------------------------------------------------------

/// A value that logs `new NAME` now and `drop NAME` when dropped.
fn mk(log: &Log, name: impl Into<String>) -> Noisy {
    let name = name.into();
    log.push(format!("new {name}"));
    log.noisy(name)
}

/// What the consumer got: logs `>NAME`, then drops the item.
fn receive(log: &Log, item: Noisy) {
    log.push(format!(">{}", item.name));
    drop(item);
}

/// A short name for the panics these tests expect (each found by a
/// substring of its message); any other message is kept whole.
fn code(payload: &(dyn Any + Send)) -> String {
    const CODES: &[(&str, &str)] = &[
        (
            "a `yield_!` was polled by something other than its own generator",
            "stranger",
        ),
        (
            "was resumed by something other than its own generator",
            "resumed-by-stranger",
        ),
        (
            "a sync generator's body awaited a future that is not ready",
            "awaited",
        ),
        ("RefCell already borrowed", "borrowed"),
        ("`async fn` resumed after completion", "async-done"),
        (
            "`Coroutine::resume` called after the coroutine already completed (or panicked)",
            "completed",
        ),
        ("built without delegation", "no-delegation"),
        ("block_on would hang", "would-hang"),
    ];
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    CODES
        .iter()
        .find(|(needle, _)| message.contains(needle))
        .map_or(message, |(_, code)| (*code).to_owned())
}

/// The code of the panic `f` must raise.
fn panic_code<T>(f: impl FnOnce() -> T) -> String {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic, but it returned"),
        Err(payload) => code(&*payload),
    }
}

/// Every value made with [`mk`] was dropped exactly once, nothing else was
/// dropped, and no item reached the consumer twice.
fn check_accounting(log: &Log) {
    let events = log.events();
    let made: Vec<&str> = events
        .iter()
        .filter_map(|e| e.strip_prefix("new "))
        .collect();
    for name in &made {
        assert_eq!(
            made.iter().filter(|m| *m == name).count(),
            1,
            "two values named {name}: {events:?}"
        );
        assert_eq!(
            log.drops_of(name),
            1,
            "{name} was not dropped exactly once: {events:?}"
        );
    }
    for dropped in log.dropped() {
        assert!(
            made.contains(&dropped.as_str()),
            "{dropped} was dropped but never made: {events:?}"
        );
    }
    let delivered: Vec<&str> = events.iter().filter_map(|e| e.strip_prefix('>')).collect();
    for name in &delivered {
        assert_eq!(
            delivered.iter().filter(|d| *d == name).count(),
            1,
            "{name} was delivered twice: {events:?}"
        );
    }
}

/// Everything that happened, in order: `>NAME` an item the consumer got,
/// `~NAME` a drop, `!CODE` a panic the consumer saw (see [`code`]), `|` the
/// consumer dropping the generator, and the events the scenario logs.
fn transcript(log: &Log) -> String {
    log.events()
        .iter()
        .filter(|e| !e.starts_with("new "))
        .map(|e| {
            e.strip_prefix("drop ")
                .map_or_else(|| e.clone(), |name| format!("~{name}"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The transcript is `expected`, and the accounting is exact.
#[track_caller]
fn check(log: &Log, expected: &str) {
    check_accounting(log);
    assert_eq!(transcript(log), expected);
}

// --- Consumers ------------------------------------------------------------------

/// How many steps a consumer takes at most (every scenario ends well before).
const MAX_STEPS: i64 = 24;

/// Iterates to the end or to a panic, after which the iterator must be fused.
fn consume_iter(log: &Log, mut it: impl Iterator<Item = Noisy>) {
    for _ in 0..MAX_STEPS {
        match catch_unwind(AssertUnwindSafe(|| it.next())) {
            Ok(Some(item)) => receive(log, item),
            Ok(None) => {
                log.push("end");
                assert!(it.next().is_none(), "not fused after its end");
                break;
            }
            Err(payload) => {
                log.push(format!("!{}", code(&*payload)));
                assert!(it.next().is_none(), "not fused after a panic");
                break;
            }
        }
    }
    log.push("|");
    drop(it);
}

/// Resumes with 1, 2, 3, ... to the end or to a panic; a finished coroutine
/// must panic when resumed again.
fn consume_coroutine<C: Coroutine<i64, Yield = Noisy, Return = ()>>(log: &Log, c: C) {
    let mut c = pin!(c);
    for arg in 1..=MAX_STEPS {
        match catch_unwind(AssertUnwindSafe(|| c.as_mut().resume(arg))) {
            Ok(CoroutineState::Yielded(item)) => receive(log, item),
            Ok(CoroutineState::Complete(())) => {
                log.push("end");
                assert_eq!(panic_code(|| c.as_mut().resume(0)), "completed");
                break;
            }
            Err(payload) => {
                log.push(format!("!{}", code(&*payload)));
                assert_eq!(panic_code(|| c.as_mut().resume(0)), "completed");
                break;
            }
        }
    }
    log.push("|");
}

/// Polls with a no-op waker to the end or to a panic (logging each
/// `pending`); the stream must be fused afterwards.
fn consume_stream(log: &Log, s: impl Stream<Item = Noisy>) {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..MAX_STEPS {
        match catch_unwind(AssertUnwindSafe(|| s.as_mut().poll_next(&mut cx))) {
            Ok(Poll::Ready(Some(item))) => receive(log, item),
            Ok(Poll::Pending) => log.push("pending"),
            Ok(Poll::Ready(None)) => {
                log.push("end");
                assert!(matches!(s.as_mut().poll_next(&mut cx), Poll::Ready(None)));
                break;
            }
            Err(payload) => {
                log.push(format!("!{}", code(&*payload)));
                assert!(
                    matches!(s.as_mut().poll_next(&mut cx), Poll::Ready(None)),
                    "not fused after a panic"
                );
                break;
            }
        }
    }
    log.push("|");
}

/// What `futures::executor::block_on` does (poll; wait for a wake; poll
/// again), except that where it would wait forever (pending, and nothing
/// woke the task) this panics, so that a test cannot hang.
fn block_on_bounded<F: Future + ?Sized>(mut fut: Pin<&mut F>) -> F::Output {
    let (counter, waker) = CountingWaker::new();
    let mut cx = Context::from_waker(&waker);
    for _ in 0..MAX_STEPS {
        let before = counter.wakes();
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        assert!(
            counter.wakes() > before,
            "block_on would hang: the future is pending and nothing will wake it"
        );
    }
    panic!("block_on would hang: still pending after {MAX_STEPS} polls")
}

/// Runs the generator `make` returns to its end (see [`consume_iter`]) and
/// checks the transcript.
#[track_caller]
fn run_iter_fn<I: Iterator<Item = Noisy>>(make: impl FnOnce(Log) -> I, expected: &str) {
    let log = Log::new();
    consume_iter(&log, make(log.clone()));
    check(&log, expected);
}

/// Suspends the body once with no item (`Pending`, waking its task).
fn suspend_once() -> PendingOnce {
    PendingOnce::default()
}

// --- The issue's reproducers ------------------------------------------------------

mod issue_10 {
    use super::*;
    use coro::{LocalBoxCoroutine, yield_from};

    type FutCell<'a> = Rc<RefCell<Option<Pin<Box<dyn Future<Output = ()> + 'a>>>>>;
    type FutWeak<'a> = Weak<RefCell<Option<Pin<Box<dyn Future<Output = ()> + 'a>>>>>;

    // A. A delegation inside a user's `async` block, polled once (before
    // the fix, that registered its frame), forgotten, then the body suspends
    // with no item of its own: the driver must not run the forgotten
    // delegation (before the fix it did, reading freed memory once the
    // borrows the future held had ended; `tests/leaks.rs` has that version,
    // verbatim). After the fix the hidden `yield_from!` is a re-yield loop:
    // its first poll yielded the child's first item, which the suspension
    // delivers, and nothing else of the child runs.

    #[generator]
    fn forgets_a_hidden_delegation(v: Vec<u64>) -> impl Iterator<Item = u64> {
        let r = &v;
        let mut fut = Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })));
        aw!(poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            Poll::Ready(())
        }));
        let forgotten = ManuallyDrop::new(fut);
        let junk = vec![0xdead_beef_u64; 4];
        aw!(suspend_once());
        drop(junk);
        drop(ManuallyDrop::into_inner(forgotten));
        yield_!(99);
    }

    #[generator]
    fn forgets_a_hidden_delegation_by_address(v: Vec<u64>) -> impl Iterator<Item = u64> {
        yield_from!(core::iter::empty::<u64>());
        let r = &v;
        let mut fut = Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })));
        aw!(poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            Poll::Ready(())
        }));
        let forgotten = ManuallyDrop::new(fut);
        let junk = vec![0xdead_beef_u64; 4];
        aw!(suspend_once());
        drop(junk);
        drop(ManuallyDrop::into_inner(forgotten));
        yield_!(99);
    }

    #[test]
    fn a_forgotten_delegation_inside_a_user_async_block_is_not_run_by_the_driver() {
        assert_eq!(
            forgets_a_hidden_delegation(vec![1, 2, 3, 4]).collect::<Vec<_>>(),
            [1, 99]
        );
        assert_eq!(
            forgets_a_hidden_delegation_by_address(vec![1, 2, 3, 4]).collect::<Vec<_>>(),
            [1, 99]
        );
    }

    /// Reproducer A's body (with the forget undone) in a generator of the
    /// given signature; `$($by_address)*` may make it by address. (The
    /// return type goes through as tokens: `#[generator]` does not recognize
    /// a return type passed as a `$ret:ty` fragment.)
    macro_rules! reproducer_a {
        ($(#[$attr:meta])* $name:ident -> [$($ret:tt)*]; $($by_address:tt)*) => {
            $(#[$attr])*
            fn $name(v: Vec<u64>) -> $($ret)* {
                $($by_address)*
                let r = &v;
                let mut fut = Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })));
                aw!(poll_fn(|cx| {
                    let _ = fut.as_mut().poll(cx);
                    Poll::Ready(())
                }));
                let forgotten = ManuallyDrop::new(fut);
                let junk = vec![0xdead_beef_u64; 4];
                aw!(suspend_once());
                drop(junk);
                drop(ManuallyDrop::into_inner(forgotten));
                yield_!(99);
            }
        };
    }

    reproducer_a!(#[generator(unboxed)] a_unboxed -> [impl Coroutine<Yield = u64, Return = ()>];);
    reproducer_a!(
        #[generator(unboxed)] a_unboxed_by_address -> [impl Coroutine<Yield = u64, Return = ()>];
        yield_from!(core::iter::empty::<u64>());
    );
    reproducer_a!(#[generator] a_box_iter -> [coro::BoxIter<'static, u64>];);
    reproducer_a!(#[generator] a_box_coroutine -> [coro::BoxCoroutine<'static, u64>];);
    reproducer_a!(
        #[generator] a_box_coroutine_by_address -> [coro::BoxCoroutine<'static, u64>];
        yield_from!(core::iter::empty::<u64>());
    );

    fn resume_to_end(mut c: Pin<&mut dyn Coroutine<Yield = u64, Return = ()>>) -> Vec<u64> {
        let mut items = Vec::new();
        while let CoroutineState::Yielded(x) = c.as_mut().resume(()) {
            items.push(x);
        }
        items
    }

    #[test]
    fn a_in_an_unboxed_generator() {
        assert_eq!(resume_to_end(pin!(a_unboxed(vec![1, 2, 3, 4]))), [1, 99]);
        assert_eq!(
            resume_to_end(pin!(a_unboxed_by_address(vec![1, 2, 3, 4]))),
            [1, 99]
        );
    }

    #[test]
    fn a_in_boxed_generators() {
        assert_eq!(a_box_iter(vec![1, 2, 3, 4]).collect::<Vec<_>>(), [1, 99]);
        assert_eq!(
            resume_to_end(a_box_coroutine(vec![1, 2, 3, 4]).as_mut()),
            [1, 99]
        );
        assert_eq!(
            resume_to_end(a_box_coroutine_by_address(vec![1, 2, 3, 4]).as_mut()),
            [1, 99]
        );
    }

    #[test]
    fn a_in_an_async_generator() {
        // In an async generator, `yield_from!` of a stream was a loop
        // already.
        let s = stream! {
            let v = vec![1_u64, 2, 3, 4];
            let r = &v;
            let mut fut = Box::pin(hide!(yield_from!(stream! { for x in r { yield_!(*x) } })));
            poll_fn(|cx| {
                let _ = fut.as_mut().poll(cx);
                Poll::Ready(())
            })
            .await;
            let forgotten = ManuallyDrop::new(fut);
            suspend_once().await;
            drop(ManuallyDrop::into_inner(forgotten));
            yield_!(99);
        };
        let mut s = pin!(s);
        let mut cx = Context::from_waker(Waker::noop());
        let mut items = Vec::new();
        loop {
            match s.as_mut().poll_next(&mut cx) {
                Poll::Ready(Some(x)) => items.push(x),
                Poll::Ready(None) => break,
                Poll::Pending => {}
            }
        }
        assert_eq!(items, [1, 99]);
    }

    // B. No `forget`: the delegated generator holds a `Weak` to the cell
    // that owns the future running it, and frees that future while it runs.
    // Before the fix the driver ran it from outside the body, with the cell
    // free, and it freed itself (undefined behaviour). After the fix it runs
    // only inside the future's own poll, while the cell is borrowed.

    #[generator]
    fn frees_itself<'w>(log: Log, me: FutWeak<'w>) -> impl Iterator<Item = Noisy> + 'w {
        let _local = mk(&log, "child-local");
        yield_!(mk(&log, "c0"));
        drop(me.upgrade().expect("the cell is alive").borrow_mut().take());
        yield_!(mk(&log, "c1"));
    }

    /// Reproducer B: the future goes into the cell, is polled once through
    /// it, the body suspends with no item of its own, then polls the future
    /// through the cell to its end. (A macro writes the generator: the
    /// attribute must see the body's tokens.)
    macro_rules! reproducer_b {
        ($name:ident $($by_address:tt)*) => {
            #[generator]
            fn $name(log: Log) -> impl Iterator<Item = Noisy> {
                let _local = mk(&log, "outer-local");
                $($by_address)*
                {
                    let me;
                    let cell: FutCell<'_> = Rc::new(RefCell::new(None));
                    me = Rc::downgrade(&cell);
                    let fut: Pin<Box<dyn Future<Output = ()> + '_>> =
                        Box::pin(hide!(yield_from!(frees_itself(log.clone(), me.clone()))));
                    *cell.borrow_mut() = Some(fut);
                    aw!(poll_fn(|cx| {
                        if let Some(fut) = cell.borrow_mut().as_mut() {
                            let _ = fut.as_mut().poll(cx);
                        }
                        Poll::Ready(())
                    }));
                    aw!(suspend_once());
                    aw!(poll_fn(|cx| match cell.borrow_mut().as_mut() {
                        Some(fut) => fut.as_mut().poll(cx),
                        None => Poll::Ready(()),
                    }));
                }
                yield_!(mk(&log, "o1"));
            }
        };
    }

    reproducer_b!(b_by_id);
    reproducer_b!(b_by_address yield_from!(core::iter::empty::<Noisy>()););

    #[test]
    fn b_a_hidden_delegation_dropped_from_inside_by_its_own_child() {
        // The child's first item is yielded at the first poll; when the child
        // runs again, the cell is borrowed by the poll that runs it, and its
        // attempt to free the future panics instead. The panic ends the
        // child, then the generator, each value dropped once.
        let expected = ">c0 ~c0 ~child-local ~outer-local !borrowed |";
        run_iter_fn(b_by_id, expected);
        run_iter_fn(b_by_address, expected);
    }

    // C. The handle, taken by a user macro out of the rewritten `yield_!`
    // (without naming `__private`), can only yield. (Calling the method that
    // registers a frame with it needs `unsafe` after the fix:
    // `tests/ui/soundness/delegate_without_unsafe.rs`.)

    /// Reproducer C, at run time: a future made with the grabbed handle is
    /// polled once, forgotten, the body suspends with no item of its own,
    /// and the forget is undone.
    macro_rules! reproducer_c {
        ($name:ident $($by_address:tt)*) => {
            #[generator]
            fn $name(log: Log) -> impl Iterator<Item = Noisy> {
                let _local = mk(&log, "outer-local");
                $($by_address)*
                {
                    let co = handle!(yield_!(()));
                    let mut fut = Box::pin(async {
                        co.yield_item(mk(&log, "a")).await;
                        co.yield_item(mk(&log, "b")).await;
                    });
                    aw!(poll_fn(|cx| {
                        let _ = fut.as_mut().poll(cx);
                        Poll::Ready(())
                    }));
                    let forgotten = ManuallyDrop::new(fut);
                    aw!(suspend_once());
                    log.push("undo");
                    drop(ManuallyDrop::into_inner(forgotten));
                }
                yield_!(mk(&log, "o1"));
            }
        };
    }

    reproducer_c!(c_by_id);
    reproducer_c!(c_by_address yield_from!(core::iter::empty::<Noisy>()););

    #[test]
    fn c_a_handle_grabbed_by_a_user_macro_can_only_yield() {
        let expected = ">a ~a undo >o1 ~o1 ~outer-local end |";
        run_iter_fn(c_by_id, expected);
        run_iter_fn(c_by_address, expected);
    }

    /// The steps of `yield_from!`'s expansion, called by a user macro with
    /// the handle it took out of a rewritten `yield_!`: the strategy they
    /// reach is the re-yield loop, which only yields.
    macro_rules! delegate_by_strategy {
        (yield_!(@$tag:ident $co:ident [$at:expr] $($child:tt)*)) => {{
            let source = $co.__coro_delegate($($child)*);
            let strategy = source.__coro_pick();
            let (source, first) = strategy.prepare(&$co, source.0);
            strategy.yield_from(&mut $co, source, first, $at)
        }};
    }

    #[generator]
    fn c_by_strategy() -> impl Iterator<Item = u32> {
        let v = vec![1_u32, 2];
        let r = &v;
        // Awaited in place: the child's items, re-yielded.
        aw!(delegate_by_strategy!(yield_!(
            iter! { for x in r { yield_!(*x) } }
        )));
        // Polled once (its first item goes to the slot), then forgotten:
        // the driver hands out that item, and never runs the future again.
        let w = vec![3_u32, 4];
        let s = &w;
        let mut fut = Box::pin(delegate_by_strategy!(yield_!(iter! {
            for x in s {
                yield_!(*x);
            }
        })));
        aw!(poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            Poll::Ready(())
        }));
        let forgotten = ManuallyDrop::new(fut);
        aw!(suspend_once());
        drop(ManuallyDrop::into_inner(forgotten));
        drop(w);
    }

    #[test]
    fn c_the_steps_of_yield_from_called_with_a_grabbed_handle_only_re_yield() {
        assert_eq!(c_by_strategy().collect::<Vec<_>>(), [1, 2, 3]);
    }

    /// A user's `Coroutine` that forwards the hidden `__resume_delegating` to
    /// a generator it owns, so that the driver at the top runs that
    /// generator's frame: the frame's lifetime is tied to the borrow of the
    /// wrapper (`FramePtr<'g>`), and only the driver, which owns the wrapper
    /// through its own frame, can resume or drop it. (Dropping the inner
    /// generator in the same call is a borrow error:
    /// `tests/ui/soundness/forward_then_free.rs`.)
    struct Forward<C> {
        inner: Option<Pin<Box<C>>>,
        log: Log,
    }

    impl<C: Coroutine<Yield = Noisy, Return = ()>> Coroutine for Forward<C> {
        type Yield = Noisy;
        type Return = ();

        fn resume(mut self: Pin<&mut Self>, (): ()) -> CoroutineState<Noisy, ()> {
            match self.inner.as_mut() {
                Some(inner) => inner.as_mut().resume(()),
                None => CoroutineState::Complete(()),
            }
        }

        fn __resume_delegating<'g>(
            self: Pin<&'g mut Self>,
            arg: &mut Option<()>,
        ) -> coro::__private::DelegateStep<'g, Noisy, (), ()> {
            let this = Pin::into_inner(self);
            this.log.push("forward");
            match this.inner.as_mut() {
                Some(inner) => inner.as_mut().__resume_delegating(arg),
                None => coro::__private::DelegateStep::Complete(()),
            }
        }
    }

    impl<C> Unpin for Forward<C> {}

    #[test]
    fn a_users_coroutine_forwarding_the_delegation_of_a_generator_it_owns() {
        let log = Log::new();
        let l = log.clone();
        let leaf = coroutine!(|| {
            yield_!(mk(&l, "leaf0"));
            yield_!(mk(&l, "leaf1"));
        });
        let l = log.clone();
        let middle = coroutine!(|| {
            let _local = mk(&l, "middle-local");
            yield_from!(leaf);
            yield_!(mk(&l, "middle-after"));
        });
        let forward = Forward {
            inner: Some(Box::pin(middle)),
            log: log.clone(),
        };
        let l = log.clone();
        let top = iter! {
            let _local = mk(&l, "top-local");
            yield_from!(forward);
            yield_!(mk(&l, "top-after"));
        };
        consume_iter(&log, top);
        check(
            &log,
            "forward >leaf0 ~leaf0 >leaf1 ~leaf1 forward >middle-after ~middle-after forward \
             ~middle-local >top-after ~top-after ~top-local end |",
        );
    }

    // D. `t` delegates to `&mut a`, `a` to `c`, and `c` panics: the panic
    // finishes every generator of the chain it unwinds through, innermost
    // first, each body's locals dropped during the unwind, whether the
    // generator is owned or borrowed; afterwards each is fused.

    #[generator]
    fn d_c(log: Log) -> impl Iterator<Item = Noisy> {
        let _local = mk(&log, "c-local");
        yield_!(mk(&log, "c0"));
        panic!("c panics");
    }

    #[generator]
    fn d_a(log: Log) -> impl Iterator<Item = Noisy> {
        let _local = mk(&log, "a-local");
        yield_from!(d_c(log.clone()));
        yield_!(mk(&log, "a-after-c"));
    }

    #[test]
    fn d_a_panicking_delegate_finishes_its_borrowed_delegator() {
        let log = Log::new();
        let mut a = d_a(log.clone());
        {
            let a = &mut a;
            let l = log.clone();
            let mut t = iter! {
                let _local = mk(&l, "t-local");
                yield_from!(&mut *a);
                yield_!(mk(&l, "t-after-a"));
            };
            receive(&log, t.next().expect("c0"));
            log.push(format!("!{}", panic_code(|| t.next())));
            assert!(t.next().is_none(), "`t` is fused");
            log.push("|t");
        }
        // Before the fix, `a` went on after its `yield_from!` as if `c` had
        // completed, and yielded "a-after-c".
        assert!(
            a.next().is_none(),
            "`a` is finished by its delegate's panic"
        );
        assert_eq!(panic_code(|| Pin::new(&mut a).resume(())), "completed");
        drop(a);
        check(&log, ">c0 ~c0 ~c-local ~a-local ~t-local !c panics |t");
    }

    #[test]
    fn d_a_panicking_delegate_finishes_a_chain_borrowed_at_every_link() {
        let log = Log::new();
        let mut c = d_c(log.clone());
        let l = log.clone();
        let c_ref = &mut c;
        let mut a = iter! {
            let _local = mk(&l, "a-local");
            yield_from!(&mut *c_ref);
            yield_!(mk(&l, "a-after-c"));
        };
        {
            let a_ref = &mut a;
            let l = log.clone();
            let mut t = iter! {
                let _local = mk(&l, "t-local");
                yield_from!(&mut *a_ref);
                yield_!(mk(&l, "t-after-a"));
            };
            receive(&log, t.next().expect("c0"));
            log.push(format!("!{}", panic_code(|| t.next())));
            assert!(t.next().is_none(), "`t` is fused");
            log.push("|t");
        }
        assert!(a.next().is_none(), "`a` is finished");
        assert_eq!(panic_code(|| Pin::new(&mut a).resume(())), "completed");
        drop(a);
        log.push("|a");
        assert!(c.next().is_none(), "`c` is finished");
        assert_eq!(panic_code(|| Pin::new(&mut c).resume(())), "completed");
        drop(c);
        check(&log, ">c0 ~c0 ~c-local ~a-local ~t-local !c panics |t |a");
    }

    #[test]
    fn d_a_panicking_delegate_finishes_an_owned_chain() {
        let log = Log::new();
        let l = log.clone();
        let mut t = iter! {
            let _local = mk(&l, "t-local");
            yield_from!(d_a(l.clone()));
            yield_!(mk(&l, "t-after-a"));
        };
        receive(&log, t.next().expect("c0"));
        log.push(format!("!{}", panic_code(|| t.next())));
        assert!(t.next().is_none(), "`t` is fused");
        check(&log, ">c0 ~c0 ~c-local ~a-local ~t-local !c panics");
        assert_eq!(panic_code(|| Pin::new(&mut t).resume(())), "completed");
    }

    #[test]
    fn d_a_panicking_delegate_finishes_borrowed_coroutines() {
        let log = Log::new();
        let l = log.clone();
        let mut c = coroutine!(|first: i64| -> i64 {
            let _local = mk(&l, "c-local");
            let x: i64 = yield_!(mk(&l, format!("c0<-{first}")));
            assert!(x < 0, "c got {x}");
            x
        });
        let l = log.clone();
        let c_ref = &mut c;
        let mut a = coroutine!(|first: i64| -> i64 {
            let _local = mk(&l, "a-local");
            let r = yield_from!(&mut *c_ref, first);
            let _: i64 = yield_!(mk(&l, "a-after-c"));
            r
        });
        {
            let a_ref = &mut a;
            let l = log.clone();
            let mut t = coroutine!(|first: i64| -> i64 {
                let _local = mk(&l, "t-local");
                let r = yield_from!(&mut *a_ref, first);
                let _: i64 = yield_!(mk(&l, "t-after-a"));
                r
            });
            let CoroutineState::Yielded(item) = Pin::new(&mut t).resume(5) else {
                panic!("expected c0");
            };
            receive(&log, item);
            log.push(format!("!{}", panic_code(|| Pin::new(&mut t).resume(6))));
            assert_eq!(panic_code(|| Pin::new(&mut t).resume(7)), "completed");
            log.push("|t");
        }
        assert_eq!(panic_code(|| Pin::new(&mut a).resume(8)), "completed");
        drop(a);
        assert_eq!(panic_code(|| Pin::new(&mut c).resume(9)), "completed");
        drop(c);
        check(&log, ">c0<-5 ~c0<-5 ~c-local ~a-local ~t-local !c got 6 |t");
    }

    // The O(1) frames of an AST-position `yield_from!` under attack.

    /// A delegate that tries to free itself through the cell that owns it.
    #[generator]
    fn frees_its_cell(
        log: Log,
        me: Weak<RefCell<Option<LocalBoxCoroutine<'static, Noisy>>>>,
    ) -> LocalBoxCoroutine<'static, Noisy> {
        let _local = mk(&log, "child-local");
        yield_!(mk(&log, "c0"));
        let cell = me.upgrade().expect("the cell is alive");
        match cell.try_borrow_mut() {
            Ok(mut slot) => {
                let taken = slot.take();
                log.push(if taken.is_some() { "took" } else { "empty" });
                drop(slot);
                drop(taken);
            }
            Err(_) => log.push("busy"),
        }
        drop(cell);
        yield_!(mk(&log, "c1"));
    }

    type SelfCell = Rc<RefCell<Option<LocalBoxCoroutine<'static, Noisy>>>>;

    fn self_cell(log: &Log) -> SelfCell {
        let cell: SelfCell = Rc::new(RefCell::new(None));
        *cell.borrow_mut() = Some(frees_its_cell(log.clone(), Rc::downgrade(&cell)));
        cell
    }

    #[test]
    #[expect(
        clippy::await_holding_refcell_ref,
        reason = "the `RefMut` held across the delegation is the point"
    )]
    fn an_ast_delegate_borrowed_from_a_cell_cannot_free_itself() {
        // The `RefMut` the source expression makes lives as long as the
        // delegation (as a `for` loop keeps its iterator's temporaries).
        let log = Log::new();
        let cell = self_cell(&log);
        let l = log.clone();
        let c = Rc::clone(&cell);
        let it = iter! {
            let _local = mk(&l, "outer-local");
            yield_from!(c.borrow_mut().as_mut().expect("the delegate"));
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        log.push("|cell");
        drop(cell);
        check(
            &log,
            ">c0 ~c0 busy >c1 ~c1 ~child-local >o1 ~o1 ~outer-local end | |cell",
        );
    }

    #[test]
    fn an_ast_delegate_moved_out_of_its_cell_finds_it_empty() {
        let log = Log::new();
        let cell = self_cell(&log);
        let l = log.clone();
        let c = Rc::clone(&cell);
        let it = iter! {
            let _local = mk(&l, "outer-local");
            let child = c.borrow_mut().take().expect("the delegate");
            yield_from!(child);
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        drop(cell);
        check(
            &log,
            ">c0 ~c0 empty >c1 ~c1 ~child-local >o1 ~o1 ~outer-local end |",
        );
    }

    #[generator]
    fn two_items(log: Log, tag: &'static str) -> impl Iterator<Item = Noisy> {
        let _local = mk(&log, format!("{tag}-local"));
        yield_!(mk(&log, format!("{tag}0")));
        yield_!(mk(&log, format!("{tag}1")));
    }

    #[generator]
    fn delegates_to_two_items(log: Log) -> impl Iterator<Item = Noisy> {
        let _local = mk(&log, "a-local");
        yield_from!(two_items(log.clone(), "c"));
        yield_!(mk(&log, "a-after-c"));
    }

    #[test]
    fn a_borrowed_delegate_outlives_the_generator_that_delegated_to_it() {
        // `t` runs `a`'s delegation to `c` from the top, then is dropped in
        // the middle of it: `a`, resumed directly, goes on where it was.
        let log = Log::new();
        let mut a = delegates_to_two_items(log.clone());
        {
            let l = log.clone();
            let a = &mut a;
            let mut t = iter! {
                let _local = mk(&l, "t-local");
                yield_from!(&mut *a);
            };
            receive(&log, t.next().expect("c0"));
            drop(t);
            log.push("|t");
        }
        consume_iter(&log, &mut a);
        drop(a);
        check(
            &log,
            ">c0 ~c0 ~t-local |t >c1 ~c1 ~c-local >a-after-c ~a-after-c ~a-local end |",
        );
    }

    #[test]
    fn a_delegate_borrowed_by_two_generators_in_turn() {
        let log = Log::new();
        let mut a = delegates_to_two_items(log.clone());
        for name in ["t", "u"] {
            let l = log.clone();
            let a = &mut a;
            let mut top = iter! {
                let _local = mk(&l, format!("{name}-local"));
                yield_from!(&mut *a);
            };
            receive(&log, top.next().expect("an item"));
            drop(top);
            log.push(format!("|{name}"));
        }
        consume_iter(&log, &mut a);
        drop(a);
        check(
            &log,
            ">c0 ~c0 ~t-local |t >c1 ~c1 ~u-local |u ~c-local >a-after-c ~a-after-c ~a-local end |",
        );
    }

    #[test]
    fn a_generator_forgotten_in_the_middle_of_a_delegation_then_resumed() {
        let log = Log::new();
        let mut t = ManuallyDrop::new(delegates_to_two_items(log.clone()));
        receive(&log, t.next().expect("c0"));
        log.push("forgot");
        let t = ManuallyDrop::into_inner(t);
        consume_iter(&log, t);
        check(
            &log,
            ">c0 ~c0 forgot >c1 ~c1 ~c-local >a-after-c ~a-after-c ~a-local end |",
        );
    }

    // The grabbed handle, used where it does not belong.

    #[test]
    fn a_grabbed_handle_used_by_a_nested_iter_panics_cleanly() {
        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            let _local = mk(&l, "outer-local");
            yield_!(mk(&l, "o0"));
            {
                let co = handle!(yield_!(()));
                let l = l.clone();
                let inner = iter! {
                    let _inner = mk(&l, "inner-local");
                    aw!(co.yield_item(mk(&l, "smuggled")));
                    yield_!(0_u8);
                };
                for _ in inner {}
            }
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        // By id: the inner generator's context is not the outer one's.
        check(
            &log,
            ">o0 ~o0 ~smuggled ~inner-local ~outer-local !stranger |",
        );

        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            yield_from!(core::iter::empty::<Noisy>());
            let _local = mk(&l, "outer-local");
            yield_!(mk(&l, "o0"));
            {
                let co = handle!(yield_!(()));
                let l = l.clone();
                let inner = iter! {
                    let _inner = mk(&l, "inner-local");
                    aw!(co.yield_item(mk(&l, "smuggled")));
                    yield_!(0_u8);
                };
                for _ in inner {}
            }
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        // By address: the item goes to the outer slot, and the inner
        // generator, suspended without one of its own, ends with a panic; the
        // item waits in the outer slot until the generator is dropped.
        check(
            &log,
            ">o0 ~o0 ~inner-local ~outer-local !awaited | ~smuggled",
        );
    }

    #[test]
    fn a_grabbed_handle_used_by_a_nested_stream_yields_for_the_outer_generator() {
        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            let _local = mk(&l, "outer-local");
            {
                let co = handle!(yield_!(()));
                let l2 = l.clone();
                let mut inner = pin!(stream! {
                    co.yield_item(mk(&l2, "from-inner")).await;
                    yield_!(1_u8);
                });
                let got = aw!(anext(&mut inner));
                l.push(format!("inner:{got:?}"));
            }
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        // The inner stream is polled with the outer generator's context: the
        // yield is the outer generator's, as if it were written in its body.
        check(
            &log,
            ">from-inner ~from-inner inner:Some(1) >o1 ~o1 ~outer-local end |",
        );
    }

    #[test]
    fn a_grabbed_handle_used_from_a_scoped_thread() {
        for by_address in [false, true] {
            let log = Log::new();
            let l = log.clone();
            let it: Box<dyn Iterator<Item = Noisy>> = if by_address {
                Box::new(iter! {
                    yield_from!(core::iter::empty::<Noisy>());
                    let co = handle!(yield_!(()));
                    let item = mk(&l, "from-thread");
                    let fut = std::thread::scope(|s| s.spawn(move || co.yield_item(item)).join())
                        .expect("the thread");
                    aw!(fut);
                    yield_!(mk(&l, "o1"));
                })
            } else {
                Box::new(iter! {
                    let co = handle!(yield_!(()));
                    let item = mk(&l, "from-thread");
                    let fut = std::thread::scope(|s| s.spawn(move || co.yield_item(item)).join())
                        .expect("the thread");
                    aw!(fut);
                    yield_!(mk(&l, "o1"));
                })
            };
            consume_iter(&log, it);
            check(&log, ">from-thread ~from-thread >o1 ~o1 end |");
        }
    }

    #[test]
    fn a_grabbed_yield_future_polled_from_a_scoped_thread_panics_by_id() {
        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            let _local = mk(&l, "outer-local");
            let mut fut = pin!(raw_item!(yield_!(mk(&l, "h"))));
            let joined = std::thread::scope(|s| {
                s.spawn(|| fut.as_mut().poll(&mut Context::from_waker(Waker::noop())))
                    .join()
            });
            if let Err(payload) = joined {
                resume_unwind(payload);
            }
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        check(&log, "~h ~outer-local !stranger |");
    }

    #[test]
    fn futures_block_on_of_a_grabbed_yield_future_panics_by_id() {
        // `futures::executor::block_on` cannot hang here: the first poll of
        // a yield by id under a context that is not its driver's panics.
        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            let _local = mk(&l, "outer-local");
            futures::executor::block_on(raw_item!(yield_!(mk(&l, "h"))));
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        check(&log, "~h ~outer-local !stranger |");

        // Nor after the future completed: polled again, it is ready.
        let log = Log::new();
        let l = log.clone();
        let it = iter! {
            let mut fut = raw_item!(yield_!(mk(&l, "h")));
            aw!(&mut fut);
            futures::executor::block_on(&mut fut);
            l.push("ready again");
            drop(fut);
            yield_!(mk(&l, "o1"));
        };
        consume_iter(&log, it);
        check(&log, ">h ~h ready again >o1 ~o1 end |");
    }
}

// --- The systematic family ----------------------------------------------------------
//
// Each fixture is a generator whose body yields `o0`, makes one of the
// futures a body can reach (the fixture's tokens, with `l` its log and `w`
// what fires a drop from inside), hands it to `drive`, which puts it in the
// state the test names and misuses it as the test names, then yields `o1`.
// Two kinds of one shape (a hidden `yield_from!` and the loop the fix expands
// it into, written by hand with the grabbed handle) share a table of
// expected transcripts (`soundness/tables.rs`). The loops re-yield with
// `Co::yield_`, as `AsIterator::yield_from` does today; a fix whose loops used
// `Co::yield_item` in iterators would differ where a future is polled a
// second time before its item left the slot (rows at `polled`): a
// `yield_item` future is ready at its second poll, a `yield_` one only once
// the item was taken.

/// Maps the table's names to the scenario's.
macro_rules! action {
    (forget) => {
        crate::family::Action::Forget
    };
    (drop_inside) => {
        crate::family::Action::DropInside
    };
    (drop_taken) => {
        crate::family::Action::DropTaken
    };
    (into_iter) => {
        crate::family::Action::IntoIter
    };
    (into_stream) => {
        crate::family::Action::IntoStream
    };
    (into_async) => {
        crate::family::Action::IntoAsync
    };
    (noop_waker) => {
        crate::family::Action::Noop
    };
    (block_on) => {
        crate::family::Action::BlockOn
    };
    (thread) => {
        crate::family::Action::Thread
    };
}

macro_rules! point {
    (fresh) => {
        crate::family::Point::Fresh
    };
    (polled) => {
        crate::family::Point::Polled
    };
    (done) => {
        crate::family::Point::Done
    };
}

/// One test per action and point: `action { point: "transcript", .. }`,
/// each calling `super::run` (of the module the table is in).
macro_rules! cases {
    ($($action:ident { $($point:ident: $expected:literal),* $(,)? })*) => {$(
        mod $action {
            $(
                #[test]
                fn $point() {
                    super::run(
                        crate::family::Plan { action: action!($action), point: point!($point) },
                        $expected,
                    );
                }
            )*
        }
    )*};
}

/// The tests of one shape: for each `kind = fixture`, a module per mode with
/// the mode's table.
macro_rules! shape {
    ($runner:ident; $($kind:ident = $fixture:ident),*; by_id $by_id:tt by_address $by_address:tt) => {$(
        mod $kind {
            mod by_id {
                fn run(plan: crate::family::Plan, expected: &str) {
                    crate::family::$runner(
                        crate::family::$fixture,
                        crate::family::Mode::ById,
                        plan,
                        expected,
                    );
                }
                cases! $by_id
            }
            mod by_address {
                fn run(plan: crate::family::Plan, expected: &str) {
                    crate::family::$runner(
                        crate::family::$fixture,
                        crate::family::Mode::ByAddress,
                        plan,
                        expected,
                    );
                }
                cases! $by_address
            }
        }
    )*};
    // Async generators are always by address.
    ($runner:ident; $($kind:ident = $fixture:ident),*; $table:tt) => {$(
        mod $kind {
            fn run(plan: crate::family::Plan, expected: &str) {
                crate::family::$runner(
                    crate::family::$fixture,
                    crate::family::Mode::ByAddress,
                    plan,
                    expected,
                );
            }
            cases! $table
        }
    )*};
}

mod family {
    use super::*;
    use coro::yield_from;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Mode {
        /// The body has no AST-position `yield_from!`.
        ById,
        /// It has one (`yield_from!(empty())` at its start).
        ByAddress,
    }

    /// Where the future is when it is misused.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Point {
        /// Made, never polled.
        Fresh,
        /// Polled once by the body, with its own context (pending).
        Polled,
        /// Awaited by the body to its end.
        Done,
    }

    /// What is done with it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Action {
        /// `ManuallyDrop`, then the body suspends with no item of its own
        /// (what made the driver run a forgotten frame), then undone.
        Forget,
        /// Put in an `Rc<RefCell<Option<..>>>` and awaited through it (the
        /// cell borrowed while it runs); the code inside it tries to take it
        /// out of the cell and drop it.
        DropInside,
        /// The same, but the body takes it out of the cell for each poll.
        DropTaken,
        /// Moved into a nested `iter!`, which awaits it.
        IntoIter,
        /// Moved into a nested `stream!`, which awaits it; the body awaits
        /// the stream.
        IntoStream,
        /// Moved into another `async` block, which the body awaits.
        IntoAsync,
        /// Polled once with `Waker::noop()`.
        Noop,
        /// Run by an executor (`block_on_bounded`).
        BlockOn,
        /// Polled once with `Waker::noop()` on a scoped thread.
        Thread,
    }

    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Plan {
        pub(crate) action: Action,
        pub(crate) point: Point,
    }

    pub(crate) type Fut<'a, O = ()> = Pin<Box<dyn Future<Output = O> + 'a>>;
    pub(crate) type SendFut<'a, O = ()> = Pin<Box<dyn Future<Output = O> + Send + 'a>>;
    pub(crate) type Cell<'a, O = ()> = Rc<RefCell<Option<Fut<'a, O>>>>;

    /// What the code inside a future calls to drop that future from inside.
    pub(crate) trait Fire {
        fn fire(&self);
    }

    /// Fires nothing (the futures that go to another thread).
    #[derive(Clone, Debug)]
    pub(crate) struct Inert;

    impl Fire for Inert {
        fn fire(&self) {}
    }

    /// Takes the future out of its cell and drops it, when the scenario is
    /// a drop from inside; logs what it found (`fire:busy`: the cell is
    /// borrowed by the poll running it; `fire:empty`: the future is not
    /// there).
    pub(crate) struct Dropper<'a, O> {
        cell: Option<Weak<RefCell<Option<Fut<'a, O>>>>>,
        log: Log,
    }

    impl<'a, O> Dropper<'a, O> {
        pub(crate) fn new(cell: &Cell<'a, O>, log: &Log, plan: Plan) -> Self {
            let armed = matches!(plan.action, Action::DropInside | Action::DropTaken);
            Dropper {
                cell: armed.then(|| Rc::downgrade(cell)),
                log: log.clone(),
            }
        }
    }

    impl<O> Clone for Dropper<'_, O> {
        fn clone(&self) -> Self {
            Dropper {
                cell: self.cell.clone(),
                log: self.log.clone(),
            }
        }
    }

    impl<O> Fire for Dropper<'_, O> {
        fn fire(&self) {
            let Some(weak) = &self.cell else {
                return;
            };
            let Some(cell) = weak.upgrade() else {
                self.log.push("fire:gone");
                return;
            };
            let Ok(mut slot) = cell.try_borrow_mut() else {
                self.log.push("fire:busy");
                return;
            };
            let taken = slot.take();
            drop(slot);
            self.log.push(if taken.is_some() {
                "fire:took"
            } else {
                "fire:empty"
            });
            drop(taken);
        }
    }

    // --- What the hidden `yield_from!`s delegate to --------------------------

    /// A sync generator (so a coroutine): `c0`, fire, `c1`.
    #[generator]
    pub(crate) fn child<'w, W: Fire + 'w>(log: Log, w: W) -> impl Iterator<Item = Noisy> + 'w {
        let _local = mk(&log, "child-local");
        yield_!(mk(&log, "c0"));
        w.fire();
        yield_!(mk(&log, "c1"));
    }

    /// A plain iterator (not a coroutine): `c0`, fire, `c1`.
    pub(crate) fn child_iter<'w, W: Fire + 'w>(log: Log, w: W) -> impl Iterator<Item = Noisy> + 'w {
        let local = mk(&log, "child-local");
        (0..2).map(move |i| {
            let _ = &local;
            if i == 1 {
                w.fire();
            }
            mk(&log, format!("c{i}"))
        })
    }

    /// A coroutine that shows what it was started and resumed with, and
    /// returns `10 * x + y` of its resume arguments.
    pub(crate) fn child_co<'w, W: Fire + 'w>(
        log: Log,
        w: W,
    ) -> impl Coroutine<i64, Yield = Noisy, Return = i64> + 'w {
        coroutine!(|first: i64| -> i64 {
            let _local = mk(&log, "child-local");
            let x: i64 = yield_!(mk(&log, format!("c0<-{first}")));
            w.fire();
            let y: i64 = yield_!(mk(&log, format!("c1<-{x}")));
            x * 10 + y
        })
    }

    /// A stream that waits once, then `c0`, fire, `c1`.
    #[generator]
    pub(crate) async fn child_stream<'w, W: Fire + 'w>(
        log: Log,
        w: W,
    ) -> impl Stream<Item = Noisy> + 'w {
        let _local = mk(&log, "child-local");
        suspend_once().await;
        yield_!(mk(&log, "c0"));
        w.fire();
        yield_!(mk(&log, "c1"));
    }

    // --- The scenario ---------------------------------------------------------

    /// A value forgotten (`ManuallyDrop`), the forget undone when this is
    /// dropped (at the end of the scenario, or as a panic unwinds), so that
    /// the test leaks nothing.
    struct Forgotten<T> {
        value: Option<ManuallyDrop<T>>,
        log: Log,
    }

    impl<T> Forgotten<T> {
        fn new(value: T, log: &Log) -> Self {
            log.push("forgot");
            Forgotten {
                value: Some(ManuallyDrop::new(value)),
                log: log.clone(),
            }
        }
    }

    impl<T> Drop for Forgotten<T> {
        fn drop(&mut self) {
            self.log.push("undo");
            if let Some(value) = self.value.take() {
                drop(ManuallyDrop::into_inner(value));
            }
        }
    }

    fn release<T>(log: &Log, value: T) {
        log.push("release");
        drop(value);
    }

    /// Brings the future to the plan's point, with the body's own context.
    async fn prepare<F: Future<Output: Debug> + ?Sized>(
        mut fut: Pin<&mut F>,
        point: Point,
        log: &Log,
    ) {
        match point {
            Point::Fresh => {}
            Point::Polled => {
                let poll = poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx))).await;
                log.push(format!("polled:{poll:?}"));
            }
            Point::Done => {
                let out = fut.as_mut().await;
                log.push(format!("done:{out:?}"));
            }
        }
    }

    /// Runs the plan on `fut`, from inside a generator's body.
    pub(crate) async fn drive<'a, O: Debug + 'a>(
        mut fut: Fut<'a, O>,
        cell: &Cell<'a, O>,
        plan: Plan,
        log: &Log,
    ) {
        prepare(fut.as_mut(), plan.point, log).await;
        match plan.action {
            Action::Forget => {
                let forgotten = Forgotten::new(fut, log);
                suspend_once().await;
                drop(forgotten);
            }
            Action::DropInside => {
                *cell.borrow_mut() = Some(fut);
                let out = poll_fn(|cx| match cell.borrow_mut().as_mut() {
                    Some(fut) => fut.as_mut().poll(cx).map(Some),
                    None => Poll::Ready(None),
                })
                .await;
                log.push(format!("awaited:{out:?}"));
                let left = cell.borrow_mut().take();
                release(log, left);
            }
            Action::DropTaken => {
                *cell.borrow_mut() = Some(fut);
                let out = poll_fn(|cx| {
                    let Some(mut fut) = cell.borrow_mut().take() else {
                        return Poll::Ready(None);
                    };
                    let poll = fut.as_mut().poll(cx);
                    if poll.is_pending() {
                        *cell.borrow_mut() = Some(fut);
                    }
                    poll.map(Some)
                })
                .await;
                log.push(format!("awaited:{out:?}"));
                let left = cell.borrow_mut().take();
                release(log, left);
            }
            Action::IntoIter => {
                let mut inner = iter! {
                    let mut fut = fut;
                    let out = aw!(fut.as_mut());
                    yield_!(format!("inner:{out:?}"));
                };
                for event in &mut inner {
                    log.push(event);
                }
                release(log, inner);
            }
            Action::IntoStream => {
                let inner = stream! {
                    let mut fut = fut;
                    let out = fut.as_mut().await;
                    yield_!(format!("inner:{out:?}"));
                };
                let mut inner = pin!(inner);
                while let Some(event) = anext(&mut inner).await {
                    log.push(event);
                }
                release(log, inner);
            }
            Action::IntoAsync => {
                #[expect(
                    clippy::redundant_async_block,
                    reason = "moving the future into another `async` block is the misuse under test"
                )]
                let moved = async move { fut.await };
                let out = moved.await;
                log.push(format!("moved:{out:?}"));
            }
            Action::Noop => {
                let poll = fut.as_mut().poll(&mut Context::from_waker(Waker::noop()));
                log.push(format!("noop:{poll:?}"));
                release(log, fut);
            }
            Action::BlockOn => {
                let out = block_on_bounded(fut.as_mut());
                log.push(format!("block_on:{out:?}"));
                release(log, fut);
            }
            Action::Thread => unreachable!("futures for threads go to `drive_on_thread`"),
        }
    }

    /// [`drive`] for [`Action::Thread`]: `fut` is polled once on a scoped
    /// thread with a no-op waker; a panic there goes on in the body.
    pub(crate) async fn drive_on_thread<'a, O: Debug + Send + 'a>(
        mut fut: SendFut<'a, O>,
        plan: Plan,
        log: &Log,
    ) {
        assert_eq!(plan.action, Action::Thread);
        prepare(fut.as_mut(), plan.point, log).await;
        let joined = std::thread::scope(|s| {
            s.spawn(|| fut.as_mut().poll(&mut Context::from_waker(Waker::noop())))
                .join()
        });
        match joined {
            Ok(poll) => log.push(format!("thread:{poll:?}")),
            Err(payload) => resume_unwind(payload),
        }
        release(log, fut);
    }

    // --- Runners --------------------------------------------------------------

    pub(crate) type IterFixture = fn(&Log, Mode, Plan) -> Box<dyn Iterator<Item = Noisy>>;
    pub(crate) type CoroutineFixture =
        fn(&Log, Mode, Plan) -> Pin<Box<dyn Coroutine<i64, Yield = Noisy, Return = ()>>>;
    pub(crate) type StreamFixture = fn(&Log, Mode, Plan) -> Pin<Box<dyn Stream<Item = Noisy>>>;

    #[track_caller]
    pub(crate) fn run_iter(fixture: IterFixture, mode: Mode, plan: Plan, expected: &str) {
        let log = Log::new();
        consume_iter(&log, fixture(&log, mode, plan));
        verdict(&log, expected);
    }

    #[track_caller]
    pub(crate) fn run_coroutine(fixture: CoroutineFixture, mode: Mode, plan: Plan, expected: &str) {
        let log = Log::new();
        consume_coroutine(&log, fixture(&log, mode, plan));
        verdict(&log, expected);
    }

    #[track_caller]
    pub(crate) fn run_stream(fixture: StreamFixture, mode: Mode, plan: Plan, expected: &str) {
        let log = Log::new();
        consume_stream(&log, fixture(&log, mode, plan));
        verdict(&log, expected);
    }

    #[track_caller]
    fn verdict(log: &Log, expected: &str) {
        check(log, expected);
    }

    // --- Fixtures ---------------------------------------------------------------

    /// `fn $name(log, mode, plan)`: an `iter!` around the future the tokens
    /// make.
    macro_rules! iter_fixture {
        ($name:ident: |$l:ident, $w:ident| $($fut:tt)*) => {
            pub(crate) fn $name(log: &Log, mode: Mode, plan: Plan) -> Box<dyn Iterator<Item = Noisy>> {
                let $l = log.clone();
                match (mode, plan.action == Action::Thread) {
                    (Mode::ById, false) => {
                        Box::new(iter_fixture!(@local [] $l $w plan [$($fut)*]))
                    }
                    (Mode::ByAddress, false) => Box::new(iter_fixture!(
                        @local [yield_from!(::core::iter::empty::<Noisy>());] $l $w plan [$($fut)*]
                    )),
                    (Mode::ById, true) => {
                        Box::new(iter_fixture!(@send [] $l $w plan [$($fut)*]))
                    }
                    (Mode::ByAddress, true) => Box::new(iter_fixture!(
                        @send [yield_from!(::core::iter::empty::<Noisy>());] $l $w plan [$($fut)*]
                    )),
                }
            }
        };
        (@local [$($marker:tt)*] $l:ident $w:ident $plan:ident [$($fut:tt)*]) => {
            iter! {
                let _local = mk(&$l, "outer-local");
                $($marker)*
                yield_!(mk(&$l, "o0"));
                {
                    let $w;
                    let cell: Cell<'_, _> = Rc::new(RefCell::new(None));
                    $w = Dropper::new(&cell, &$l, $plan);
                    let fut: Fut<'_, _> = Box::pin($($fut)*);
                    aw!(drive(fut, &cell, $plan, &$l));
                }
                yield_!(mk(&$l, "o1"));
            }
        };
        (@send [$($marker:tt)*] $l:ident $w:ident $plan:ident [$($fut:tt)*]) => {
            iter! {
                let _local = mk(&$l, "outer-local");
                $($marker)*
                yield_!(mk(&$l, "o0"));
                {
                    let $w = Inert;
                    let fut: SendFut<'_, _> = Box::pin($($fut)*);
                    aw!(drive_on_thread(fut, $plan, &$l));
                }
                yield_!(mk(&$l, "o1"));
            }
        };
    }

    /// `fn $name(log, mode, plan)`: a `coroutine!` resumed with `i64`s
    /// around the future the tokens make.
    macro_rules! coroutine_fixture {
        ($name:ident: |$l:ident, $w:ident| $($fut:tt)*) => {
            pub(crate) fn $name(
                log: &Log,
                mode: Mode,
                plan: Plan,
            ) -> Pin<Box<dyn Coroutine<i64, Yield = Noisy, Return = ()>>> {
                let $l = log.clone();
                match (mode, plan.action == Action::Thread) {
                    (Mode::ById, false) => {
                        Box::pin(coroutine_fixture!(@local [] $l $w plan [$($fut)*]))
                    }
                    (Mode::ByAddress, false) => Box::pin(coroutine_fixture!(
                        @local [yield_from!(::core::iter::empty::<Noisy>());] $l $w plan [$($fut)*]
                    )),
                    (Mode::ById, true) => {
                        Box::pin(coroutine_fixture!(@send [] $l $w plan [$($fut)*]))
                    }
                    (Mode::ByAddress, true) => Box::pin(coroutine_fixture!(
                        @send [yield_from!(::core::iter::empty::<Noisy>());] $l $w plan [$($fut)*]
                    )),
                }
            }
        };
        (@local [$($marker:tt)*] $l:ident $w:ident $plan:ident [$($fut:tt)*]) => {
            coroutine!(|_first: i64| {
                let _local = mk(&$l, "outer-local");
                $($marker)*
                let _: i64 = yield_!(mk(&$l, "o0"));
                {
                    let $w;
                    let cell: Cell<'_, _> = Rc::new(RefCell::new(None));
                    $w = Dropper::new(&cell, &$l, $plan);
                    let fut: Fut<'_, _> = Box::pin($($fut)*);
                    aw!(drive(fut, &cell, $plan, &$l));
                }
                let _: i64 = yield_!(mk(&$l, "o1"));
            })
        };
        (@send [$($marker:tt)*] $l:ident $w:ident $plan:ident [$($fut:tt)*]) => {
            coroutine!(|_first: i64| {
                let _local = mk(&$l, "outer-local");
                $($marker)*
                let _: i64 = yield_!(mk(&$l, "o0"));
                {
                    let $w = Inert;
                    let fut: SendFut<'_, _> = Box::pin($($fut)*);
                    aw!(drive_on_thread(fut, $plan, &$l));
                }
                let _: i64 = yield_!(mk(&$l, "o1"));
            })
        };
    }

    /// `fn $name(log, mode, plan)`: a `stream!` around the future the tokens
    /// make (async generators are by address: `mode` is ignored).
    macro_rules! stream_fixture {
        ($name:ident: |$l:ident, $w:ident| $($fut:tt)*) => {
            pub(crate) fn $name(
                log: &Log,
                _mode: Mode,
                plan: Plan,
            ) -> Pin<Box<dyn Stream<Item = Noisy>>> {
                let $l = log.clone();
                if plan.action == Action::Thread {
                    Box::pin(stream! {
                        let _local = mk(&$l, "outer-local");
                        yield_!(mk(&$l, "o0"));
                        {
                            let $w = Inert;
                            let fut: SendFut<'_, _> = Box::pin($($fut)*);
                            drive_on_thread(fut, plan, &$l).await;
                        }
                        yield_!(mk(&$l, "o1"));
                    })
                } else {
                    Box::pin(stream! {
                        let _local = mk(&$l, "outer-local");
                        yield_!(mk(&$l, "o0"));
                        {
                            let $w;
                            let cell: Cell<'_, _> = Rc::new(RefCell::new(None));
                            $w = Dropper::new(&cell, &$l, plan);
                            let fut: Fut<'_, _> = Box::pin($($fut)*);
                            drive(fut, &cell, plan, &$l).await;
                        }
                        yield_!(mk(&$l, "o1"));
                    })
                }
            }
        };
    }

    // Sync iterators.
    iter_fixture!(iter_yield_in_async: |l, w| hide!(w.fire(); yield_!(mk(&l, "h"))));
    iter_fixture!(iter_raw_item: |l, w| { let _ = &w; raw_item!(yield_!(mk(&l, "h"))) });
    iter_fixture!(iter_raw_yield: |l, w| { let _ = &w; raw_yield!(yield_!(mk(&l, "h"))) });
    iter_fixture!(iter_iterable_hidden: |l, w| hide!(yield_from!(child_iter(l.clone(), w.clone()))));
    iter_fixture!(iter_iterable_by_hand: |l, w| by_hand_iter!(yield_!(child_iter(l.clone(), w.clone()))));
    iter_fixture!(iter_coroutine_hidden: |l, w| hide!(yield_from!(child(l.clone(), w.clone()))));
    iter_fixture!(iter_coroutine_by_hand: |l, w| by_hand_co!(yield_!(child(l.clone(), w.clone())), ()));

    // Coroutines resumed with `i64`.
    coroutine_fixture!(co_yield_in_async: |l, w| hide!(
        w.fire();
        let got: i64 = yield_!(mk(&l, "h"));
        l.push(format!("h<-{got}"));
    ));
    coroutine_fixture!(co_raw_yield: |l, w| { let _ = &w; raw_yield!(yield_!(mk(&l, "h"))) });
    coroutine_fixture!(co_iterable_hidden: |l, w| hide!(yield_from!(child_iter(l.clone(), w.clone()))));
    coroutine_fixture!(co_iterable_by_hand: |l, w| by_hand_iter!(yield_!(child_iter(l.clone(), w.clone()))));
    coroutine_fixture!(co_first_hidden: |l, w| hide!(
        let r = yield_from!(child_co(l.clone(), w.clone()), 7);
        l.push(format!("returned:{r}"));
    ));
    coroutine_fixture!(co_first_by_hand: |l, w| hide!(
        let r = aw!(by_hand_co!(yield_!(child_co(l.clone(), w.clone())), 7));
        l.push(format!("returned:{r}"));
    ));
    coroutine_fixture!(co_default_hidden: |l, w| hide!(
        let r = yield_from!(child_co(l.clone(), w.clone()));
        l.push(format!("returned:{r}"));
    ));
    coroutine_fixture!(co_default_by_hand: |l, w| hide!(
        let r = aw!(by_hand_co!(yield_!(child_co(l.clone(), w.clone())), i64::default()));
        l.push(format!("returned:{r}"));
    ));

    // Async generators.
    stream_fixture!(stream_yield_in_async: |l, w| hide!(w.fire(); yield_!(mk(&l, "h"))));
    stream_fixture!(stream_raw_item: |l, w| { let _ = &w; raw_item!(yield_!(mk(&l, "h"))) });
    stream_fixture!(stream_stream_hidden: |l, w| hide!(yield_from!(child_stream(l.clone(), w.clone()))));
    stream_fixture!(stream_stream_by_hand: |l, w| by_hand_stream!(yield_!(child_stream(l.clone(), w.clone()))));

    include!("soundness/tables.rs");
}
