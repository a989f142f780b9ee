use coro::{generator, yield_, Stream};

#[generator]
async fn later(n: u32) -> impl Stream<Item = u32> {
    let fut = async move {
        yield_!(n);
    };
    fut.await;
}

fn main() {}
