use coro::{generator, stream, yield_, Stream};

#[generator]
async fn outer() -> impl Stream<Item = u32> {
    let inner = async {
        yield_!(1);
    };
    inner.await;
    yield_!(2);
}

fn main() {
    let _ = stream! {
        let each = |x: u32| yield_!(x);
        each(3);
    };
}
