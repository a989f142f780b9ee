use coro::{generator, yield_, Coroutine};

#[generator(first = _)]
fn early() -> impl Coroutine<i64, Yield = i64, Return = usize> {
    let x: i64 = yield_!(0);
    if x < 0 {
        return "negative";
    }
    1
}

#[generator(first = _)]
fn late() -> impl Coroutine<i64, Yield = i64, Return = usize> {
    let x: i64 = yield_!(0);
    x
}

fn main() {}
