use coro::{generator, yield_, Stream};

#[generator]
async fn iterator() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator]
fn stream() -> impl Stream<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = iterator();
    let _ = stream();
}
