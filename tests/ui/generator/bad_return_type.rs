use coro::{generator, yield_};

#[generator]
fn nothing() {
    yield_!(1);
}

#[generator]
fn a_vec() -> Vec<u32> {
    yield_!(1);
}

#[generator]
fn displayable() -> impl std::fmt::Display {
    yield_!(1);
}

fn main() {}
