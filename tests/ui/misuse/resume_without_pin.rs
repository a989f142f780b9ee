// An unboxed generator must be pinned before it runs.
use core::task::{Context, Waker};

use coro::{Coroutine, Stream, generator, yield_};

#[generator(unboxed)]
fn counter() -> impl Coroutine<Yield = u32> {
    yield_!(1);
}

#[generator(unboxed)]
async fn ticks() -> impl Stream<Item = u32> {
    yield_!(1);
}

fn main() {
    let mut c = counter();
    let _ = c.resume(());

    let mut s = ticks();
    let _ = s.poll_next(&mut Context::from_waker(Waker::noop()));
}
