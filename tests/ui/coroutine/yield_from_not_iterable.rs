use coro::{generator, yield_from};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_from!(42u32);
}

#[generator]
fn wrong_items() -> impl Iterator<Item = u32> {
    yield_from!(vec!["a", "b"]);
}

fn main() {}
