// Issue 10: the other safe-looking way to the frame-registering path, the
// steps of `yield_from!`'s expansion called with the grabbed handle (the
// strategy for a coroutine delegates by frame). Whatever safe code can call
// with the handle must only yield: this must not compile without `unsafe`
// (E0133), or the strategy reached this way must be a re-yield loop (then
// this case belongs in `tests/soundness.rs` as a run-time test instead).
use coro::{generator, iter, yield_};

macro_rules! delegate_by_strategy {
    (yield_!(@$tag:ident $co:ident $($child:tt)*)) => {{
        let source = $co.__coro_delegate($($child)*);
        let strategy = source.__coro_pick();
        let (source, first) = strategy.prepare(&$co, source.0);
        strategy.yield_from(&mut $co, source, first)
    }};
}

#[generator]
fn outer() -> impl Iterator<Item = u32> {
    let v = vec![1_u32, 2];
    let r = &v;
    let fut = Box::pin(delegate_by_strategy!(yield_!(iter! { for x in r { yield_!(*x) } })));
    std::mem::forget(fut);
    drop(v);
}

fn main() {
    let _ = outer();
}
