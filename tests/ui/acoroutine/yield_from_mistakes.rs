use coro::{AsyncCoroutine, Stream, generator, stream, yield_, yield_from};

#[generator(first = _n)]
async fn inner() -> impl AsyncCoroutine<u32, Yield = String, Return = u32> {
    let _ = yield_!(String::new());
    0
}

fn ticks() -> impl Stream<Item = u8> {
    stream! { yield_!(1u8) }
}

#[generator(first = _)]
async fn an_iterator() -> impl AsyncCoroutine<u32, Yield = u8> {
    yield_from!(vec![1u8, 2]);
}

#[generator(first = _)]
async fn a_stream_with_a_first_argument() -> impl AsyncCoroutine<u32, Yield = u8> {
    yield_from!(ticks(), 5);
}

#[generator(first = _)]
async fn other_yields() -> impl AsyncCoroutine<u32, Yield = u8> {
    let _ = yield_from!(inner(), 5);
}

#[generator(first = _)]
async fn other_items() -> impl AsyncCoroutine<u32, Yield = String> {
    yield_from!(ticks());
}

fn main() {
    let _ = an_iterator();
    let _ = a_stream_with_a_first_argument();
    let _ = other_yields();
    let _ = other_items();
}
