use coro::{Coroutine, generator, yield_};

#[generator]
async fn f() -> impl Coroutine<Yield = u8> {
    yield_!(1);
}

#[generator(first = _)]
async fn with_resume_and_return() -> impl Coroutine<u32, Yield = u8, Return = bool> {
    let n: u32 = yield_!(1);
    n > 2
}

fn main() {
    let _ = f();
    let _ = with_resume_and_return();
}
