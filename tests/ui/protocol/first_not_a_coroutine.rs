// `first` binds the first argument of `resume`: only coroutines have one.
use coro::{generator, yield_};

#[generator(first = x)]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator(first = x, first = y)]
fn twice() -> impl coro::Coroutine<u32, Yield = u32> {
    yield_!(1);
}

fn main() {}
