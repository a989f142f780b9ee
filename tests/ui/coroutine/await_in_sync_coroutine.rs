use coro::{Coroutine, generator, yield_};

async fn tick() {}

#[generator(first = _)]
fn sync(n: u32) -> impl Coroutine<u32, Yield = u32> {
    tick().await;
    let _ = yield_!(n);
}

fn main() {
    let _ = sync(1);
}
