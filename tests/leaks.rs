//! Issue 10: the futures a body can reach, leaked on purpose (`mem::forget`,
//! `Box::leak`) after they borrowed data that is then dropped. Nothing may
//! read the data afterwards: the driver must never resume a leaked future's
//! work, whatever it was doing when it was leaked.
//!
//! These tests leak memory by design, so Miri runs them with
//! `-Zmiri-ignore-leaks` (`.ci/run`); `tests/soundness.rs` has the same
//! scenarios with the forgets undone, under Miri's leak checker.
#![forbid(unsafe_code)]

use std::future::{Future, poll_fn};
use std::mem;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use coro::{
    Coroutine, CoroutineState, Stream, coroutine, generator, iter, stream, yield_, yield_from,
};

/// An `async` block the generator's rewrite cannot see.
macro_rules! hide {
    ($($t:tt)*) => {
        async { $($t)* }
    };
}

/// An `.await` the rewrite cannot see.
macro_rules! aw {
    ($e:expr) => {
        $e.await
    };
}

/// The handle, taken out of a rewritten `yield_!`.
macro_rules! handle {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        &mut $co
    };
}

/// Polls `fut` once with the body's own context and goes on, whatever it
/// returned.
macro_rules! poll_once {
    ($fut:expr) => {
        aw!(poll_fn(|cx| {
            let _ = $fut.as_mut().poll(cx);
            Poll::Ready(())
        }))
    };
}

/// Suspends the body once with no item of its own (not woken: the sync
/// driver does not need it).
fn suspend_once() -> impl Future<Output = ()> {
    let mut once = false;
    poll_fn(move |_| {
        if mem::replace(&mut once, true) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
}

fn poll_all<S: Stream>(s: S) -> Vec<S::Item> {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut items = Vec::new();
    for _ in 0..32 {
        match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return items,
            Poll::Pending => {}
        }
    }
    panic!("the stream did not end")
}

// --- Reproducer A, verbatim ------------------------------------------------------

mod reproducer_a {
    use coro::{generator, iter, yield_, yield_from};
    use std::{future::poll_fn, task::Poll};
    macro_rules! hide { ($($t:tt)*) => { async { $($t)* } } } // an `async` the attribute cannot see
    macro_rules! aw {
        ($e:expr) => {
            $e.await
        };
    } // an `.await` it cannot see

    #[generator]
    pub(crate) fn outer() -> impl Iterator<Item = u64> {
        let v = vec![1u64, 2, 3, 4];
        let r = &v;
        let mut fut = Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })));
        aw!(poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            Poll::Ready(())
        })); // frame registered
        std::mem::forget(fut); // no Drop unlinks the frame; the borrows of `v` end
        drop(v);
        let junk = vec![0xdead_beef_u64; 4];
        let mut once = false; // suspend with no item: the driver runs the stale frame
        aw!(poll_fn(|_| if std::mem::replace(&mut once, true) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }));
        drop(junk);
    }
}

/// Before the fix this printed another allocation's data (Miri: "dangling
/// reference (use-after-free)"). After it, the hidden `yield_from!` is a
/// re-yield loop: its one poll yielded `1`, which the suspension delivers.
#[test]
fn reproducer_a_verbatim() {
    let items = reproducer_a::outer().collect::<Vec<_>>();
    println!("{items:x?}");
    assert_eq!(items, [1]);
}

// --- Each future a body can reach, leaked after one poll -------------------------

/// Writes a sync generator twice: by id (no AST-position `yield_from!`) and
/// by address (with one at its start). (Its body makes its own data: a
/// parameter named by the macro's caller would not be found, as the
/// attribute rebinds parameters with its own call-site hygiene.)
macro_rules! by_id_and_by_address {
    ($by_id:ident, $by_address:ident: { $($body:tt)* }) => {
        #[generator]
        fn $by_id() -> impl Iterator<Item = u64> {
            $($body)*
        }

        #[generator]
        fn $by_address() -> impl Iterator<Item = u64> {
            yield_from!(core::iter::empty::<u64>());
            $($body)*
        }
    };
}

by_id_and_by_address!(leaks_a_hidden_yield, leaks_a_hidden_yield_by_address: {
    let v = vec![1_u64, 2, 3, 4];
    let r = &v;
    let mut fut = Box::pin(hide!(yield_!(r[0]); yield_!(r[1])));
    poll_once!(fut);
    mem::forget(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    yield_!(99);
});

by_id_and_by_address!(leaks_a_hidden_iterable, leaks_a_hidden_iterable_by_address: {
    let v = vec![1_u64, 2, 3, 4];
    let r = &v;
    let mut fut = Box::pin(hide!(yield_from!(r.iter().copied())));
    poll_once!(fut);
    mem::forget(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    yield_!(99);
});

by_id_and_by_address!(leaks_a_hidden_generator, leaks_a_hidden_generator_by_address: {
    let v = vec![1_u64, 2, 3, 4];
    let r = &v;
    let mut fut = Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })));
    poll_once!(fut);
    mem::forget(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    yield_!(99);
});

by_id_and_by_address!(box_leaks_a_hidden_generator, box_leaks_a_hidden_generator_by_address: {
    let v = vec![1_u64, 2, 3, 4];
    let r = &v;
    let fut = Box::leak(Box::new(Box::pin(hide!(yield_from!(iter! { for x in r { yield_!(*x) } })))));
    poll_once!(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    yield_!(99);
});

by_id_and_by_address!(leaks_a_future_of_the_grabbed_handle, leaks_a_future_of_the_grabbed_handle_by_address: {
    let v = vec![1_u64, 2, 3, 4];
    {
        let co = handle!(yield_!(0));
        let r = &v;
        let mut fut = Box::pin(async {
            for x in r {
                co.yield_item(*x).await;
            }
        });
        poll_once!(fut);
        mem::forget(fut);
    }
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    yield_!(99);
});

/// Each leaking generator yields the first item its future yielded in the
/// one poll before the leak (the suspension delivers it), then its own `99`:
/// nothing of the leaked future runs again.
macro_rules! leak_tests {
    ($($test:ident: $generator:ident;)*) => {$(
        #[test]
        fn $test() {
            assert_eq!($generator().collect::<Vec<_>>(), [1, 99]);
        }
    )*};
}

leak_tests! {
    a_leaked_hidden_yield: leaks_a_hidden_yield;
    a_leaked_hidden_yield_by_address: leaks_a_hidden_yield_by_address;
    a_leaked_hidden_iterable: leaks_a_hidden_iterable;
    a_leaked_hidden_iterable_by_address: leaks_a_hidden_iterable_by_address;
    a_leaked_hidden_generator: leaks_a_hidden_generator;
    a_leaked_hidden_generator_by_address: leaks_a_hidden_generator_by_address;
    a_box_leaked_hidden_generator: box_leaks_a_hidden_generator;
    a_box_leaked_hidden_generator_by_address: box_leaks_a_hidden_generator_by_address;
    a_leaked_future_of_the_grabbed_handle: leaks_a_future_of_the_grabbed_handle;
    a_leaked_future_of_the_grabbed_handle_by_address: leaks_a_future_of_the_grabbed_handle_by_address;
}

// A coroutine, delegating to a coroutine started with a first argument.

#[generator(first = _)]
fn leaks_a_hidden_coroutine(v: Vec<u64>) -> impl Coroutine<u64, Yield = u64, Return = u64> {
    let r = &v;
    let mut fut = Box::pin(hide!(yield_from!(
        coroutine!(|first: u64| -> u64 {
            let mut total = first;
            for x in r {
                total += yield_!(*x + total);
            }
            total
        }),
        10
    )));
    poll_once!(fut);
    mem::forget(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    let back: u64 = yield_!(99);
    back
}

#[generator(first = _)]
fn leaks_a_hidden_coroutine_by_address(
    v: Vec<u64>,
) -> impl Coroutine<u64, Yield = u64, Return = u64> {
    yield_from!(core::iter::empty::<u64>());
    let r = &v;
    let mut fut = Box::pin(hide!(yield_from!(
        coroutine!(|first: u64| -> u64 {
            let mut total = first;
            for x in r {
                total += yield_!(*x + total);
            }
            total
        }),
        10
    )));
    poll_once!(fut);
    mem::forget(fut);
    drop(v);
    let junk = vec![0xdead_beef_u64; 4];
    aw!(suspend_once());
    drop(junk);
    let back: u64 = yield_!(99);
    back
}

#[test]
fn a_leaked_coroutine_delegation_is_never_resumed() {
    let mut c = leaks_a_hidden_coroutine(vec![1, 2, 3, 4]);
    let mut c = Pin::new(&mut c);
    // The delegate, started with 10, yielded 1 + 10 before the leak.
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(11));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(99));
    assert_eq!(c.as_mut().resume(6), CoroutineState::Complete(6));

    let mut c = leaks_a_hidden_coroutine_by_address(vec![1, 2, 3, 4]);
    let mut c = Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(11));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(99));
    assert_eq!(c.as_mut().resume(6), CoroutineState::Complete(6));
}

#[test]
fn a_leaked_stream_delegation_is_never_polled_again() {
    let s = stream! {
        let v = vec![1_u64, 2, 3, 4];
        let r = &v;
        let mut fut = Box::pin(hide!(yield_from!(stream! {
            for x in r {
                yield_!(*x);
            }
        })));
        poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            Poll::Ready(())
        })
        .await;
        mem::forget(fut);
        drop(v);
        let junk = vec![0xdead_beef_u64; 4];
        suspend_once().await;
        drop(junk);
        yield_!(99);
    };
    assert_eq!(poll_all(s), [1, 99]);
}

// --- A generator leaked in the middle of an AST-position delegation ---------------

#[generator]
fn two(v: Vec<u64>) -> impl Iterator<Item = u64> {
    for x in v {
        yield_!(x);
    }
}

#[generator]
fn delegates(v: Vec<u64>) -> impl Iterator<Item = u64> {
    yield_from!(two(v));
    yield_!(99);
}

#[test]
fn a_delegate_outlives_a_leaked_delegator() {
    // `t` runs `a`'s delegation from the top; `t` is leaked in the middle of
    // it (its frames stay where they are, leaked); `a`, resumed directly,
    // must not follow links into `t`.
    let mut a = delegates(vec![1, 2, 3]);
    {
        let a = &mut a;
        let mut t = Box::new(iter! {
            let local = [7_u64; 3];
            yield_from!(&mut *a);
            yield_!(local[0]);
        });
        assert_eq!(t.next(), Some(1));
        mem::forget(t);
    }
    let junk = vec![0xdead_beef_u64; 8];
    assert_eq!(a.by_ref().collect::<Vec<_>>(), [2, 3, 99]);
    drop(junk);
}

#[test]
fn a_delegate_of_a_delegator_leaked_with_box_leak() {
    let mut a = delegates(vec![1, 2, 3]);
    {
        let a = &mut a;
        let t = Box::pin(coroutine!(|| {
            yield_from!(&mut *a);
            yield_!(0);
        }));
        let t = Box::leak(Box::new(t));
        assert_eq!(t.as_mut().resume(()), CoroutineState::Yielded(1));
    }
    assert_eq!(a.by_ref().collect::<Vec<_>>(), [2, 3, 99]);
}
