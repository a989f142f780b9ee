use coro::{generator, yield_};

#[generator]
fn returns_a_value() -> impl Iterator<Item = u32> {
    yield_!(1);
    2
}

fn main() {}
