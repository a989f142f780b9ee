// A pinned unboxed generator cannot be moved again: not out of its pin, not
// by swapping it with another. (On the async engine: a native generator is
// `Unpin`, and may move.)
use core::pin::pin;

use coro::{Coroutine, generator, yield_};

#[generator(unboxed, fallback)]
fn counter() -> impl Coroutine<Yield = u32> {
    yield_!(1);
    yield_!(2);
}

fn main() {
    let mut a = pin!(counter());
    let _ = a.as_mut().resume(());
    let _moved = *a;

    let mut b = pin!(counter());
    let mut c = pin!(counter());
    let _ = b.as_mut().resume(());
    let _ = c.as_mut().resume(());
    let _ = c.as_mut().resume(());
    core::mem::swap(&mut *b, &mut *c);
}
