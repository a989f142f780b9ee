use coro::{generator, yield_, yield_from, Stream};

#[generator]
async fn inner(n: u32) -> impl Stream<Item = u32> {
    yield_!(n);
}

#[generator]
async fn outer(n: u32) -> impl Stream<Item = u32> {
    let nested = async {
        yield_from!(inner(n));
    };
    nested.await;
    yield_!(2);
}

fn main() {}
