// `aresume` (Python's `asend`) on a sync coroutine: it is resumed with
// `Pin::new(&mut c).resume(arg)` or `coro::send`, not awaited.
use coro::{Coroutine, aresume, generator, yield_};

#[generator(first = _)]
fn echo() -> impl Coroutine<u32, Yield = u32> {
    let mut n = yield_!(0);
    loop {
        n = yield_!(n * 2);
    }
}

async fn drive() {
    let mut c = echo();
    let _ = aresume(&mut c, 1).await;
}

fn main() {
    let _ = drive();
}
