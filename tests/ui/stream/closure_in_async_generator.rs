use coro::{generator, yield_, Stream};

#[generator]
async fn each(v: Vec<u32>) -> impl Stream<Item = u32> {
    std::future::ready(()).await;
    v.iter().for_each(|x| {
        yield_!(*x);
    });
}

fn main() {}
