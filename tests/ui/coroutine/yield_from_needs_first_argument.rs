use coro::{generator, yield_, yield_from, Coroutine};

struct Input(u8);

#[generator(first = _)]
fn inner() -> impl Coroutine<Input, Yield = u8, Return = ()> {
    let Input(n) = yield_!(0);
    let _ = n;
}

#[generator(first = _)]
fn outer() -> impl Coroutine<Input, Yield = u8, Return = ()> {
    yield_from!(inner());
}

fn main() {}
