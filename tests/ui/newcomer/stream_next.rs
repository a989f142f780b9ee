// `s.next().await` on a coro stream, without `futures::StreamExt`.
use coro::{Stream, generator, yield_};

#[generator]
async fn one() -> impl Stream<Item = u32> {
    yield_!(1);
}

async fn consume() {
    let mut s = one();
    while let Some(x) = s.next().await {
        println!("{x}");
    }
}

fn main() {
    let _ = consume();
}
