use coro::{generator, yield_};

#[generator]
fn fetch() -> impl Iterator<Item = u32> {
    let n = std::future::ready(1).await;
    yield_!(n);
}

fn main() {}
