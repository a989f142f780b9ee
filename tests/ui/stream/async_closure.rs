use coro::{generator, yield_, Stream};

#[generator]
async fn each(v: Vec<u32>) -> impl Stream<Item = u32> {
    let emit = async |x: u32| {
        yield_!(x);
    };
    for x in v {
        emit(x).await;
    }
}

fn main() {}
