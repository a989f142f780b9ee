use coro::{generator, yield_};

#[generator(boxed)]
fn one() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator(unboxed, unboxed)]
async fn two() -> impl coro::Stream<Item = u32> {
    yield_!(2);
}

#[generator(unboxed)]
fn three() -> impl Iterator<Item = u32> {
    yield_!(3);
}

fn main() {
    let _ = one();
    let _ = two();
    let _ = three();
}
