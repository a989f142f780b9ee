use coro::{generator, stream, yield_, yield_from, Stream};

#[generator]
async fn not_a_stream() -> impl Stream<Item = u32> {
    yield_from!(42u32);
}

#[generator]
async fn wrong_items() -> impl Stream<Item = u32> {
    let words = stream! {
        yield_!("a");
    };
    yield_from!(words);
}

#[generator]
async fn an_iterator() -> impl Stream<Item = u32> {
    yield_from!(vec![1, 2]);
}

#[generator]
async fn a_first_argument() -> impl Stream<Item = u32> {
    let numbers = stream! {
        yield_!(1);
    };
    yield_from!(numbers, ());
}

fn main() {}
