// `Yields` resumes its coroutine in place, so an unboxed one must be pinned
// first (`Yields::new(pin!(counter()))`).
use coro::{Coroutine, Yields, generator, yield_};

#[generator(unboxed, fallback)]
fn counter() -> impl Coroutine<Yield = u32> {
    yield_!(1);
}

fn main() {
    let _ = Yields::new(counter());
}
