// Issue 10, reproducer C: a user macro takes the handle out of a rewritten
// `yield_!` (no `__private` named) and calls the method that registers a
// delegation frame with it. That method's contract (the future is awaited in
// place by the body's own future) is the caller's to keep: calling it needs
// `unsafe` (E0133). Before the fix this compiled, and forgetting the future
// made the driver read freed memory.
use coro::{generator, iter, yield_};

macro_rules! delegate {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($child:tt)*), $first:expr) => {
        $co.delegate($($child)*, $first)
    };
}

#[generator]
fn outer() -> impl Iterator<Item = u32> {
    let mut child = iter! { yield_!(1_u32) };
    let fut = Box::pin(delegate!(yield_!(&mut child), ()));
    std::mem::forget(fut);
}

#[generator(first = _)]
fn outer_coroutine() -> impl coro::Coroutine<u32, Yield = u32, Return = ()> {
    let child = coro::coroutine!(|x: u32| { let _: u32 = yield_!(x); });
    let fut = Box::pin(delegate!(yield_!(child), 5));
    std::mem::forget(fut);
}

// A body with a `yield_from!` of its own delegates through frames: the
// grabbed handle has the method, which needs `unsafe`.
#[generator]
fn outer_delegating() -> impl Iterator<Item = u32> {
    coro::yield_from!(core::iter::empty());
    let mut child = iter! { yield_!(1_u32) };
    let fut = Box::pin(delegate!(yield_!(&mut child), ()));
    std::mem::forget(fut);
}

fn main() {
    let _ = outer();
    let _ = outer_delegating();
    let _ = outer_coroutine();
}
