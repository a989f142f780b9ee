use coro::{generator, yield_};

#[generator]
fn untyped() -> impl Iterator {
    yield_!(1);
}

fn main() {}
