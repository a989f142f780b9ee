// `yield_from!` keeps the async engine, for now.
use coro::{generator, yield_, yield_from};

#[generator]
fn inner() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator]
fn outer_clone() -> impl Iterator<Item = u32> + Clone {
    yield_from!(inner());
}

#[generator(native)]
fn outer_native() -> impl Iterator<Item = u32> {
    yield_from!(inner());
}

fn main() {}
