use coro::{AsyncCoroutine, BoxAsyncCoroutine, generator, yield_};

#[generator(first = _)]
fn not_async() -> impl AsyncCoroutine<u32, Yield = u8> {
    let _: u32 = yield_!(1);
}

#[generator]
fn boxed_not_async() -> BoxAsyncCoroutine<'static, u8> {
    yield_!(1);
}

#[generator(native)]
async fn native() -> impl AsyncCoroutine<Yield = u8> {
    yield_!(1);
}

fn main() {
    let _ = not_async();
    let _ = boxed_not_async();
    let _ = native();
}
