use coro::{BoxIter, BoxStream, generator, yield_};

#[generator(unboxed)]
fn unboxed() -> BoxIter<'static, u32> {
    yield_!(1);
}

#[generator]
fn no_item() -> BoxIter {
    yield_!(1);
}

#[generator]
fn not_async() -> BoxStream<'static, u32> {
    yield_!(1);
}

#[generator]
async fn not_sync() -> BoxIter<'static, u32> {
    yield_!(1);
}

fn main() {}
