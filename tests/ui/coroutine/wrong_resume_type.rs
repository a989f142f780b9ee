use std::pin::Pin;

use coro::{generator, yield_, Coroutine};

#[generator(first = _)]
fn running_sum() -> impl Coroutine<i64, Yield = i64, Return = usize> {
    let mut total = 0;
    loop {
        let x: i64 = yield_!(total);
        total += x;
    }
}

fn main() {
    let mut c = running_sum();
    let _ = Pin::new(&mut c).resume("five");
}
