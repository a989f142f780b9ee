// `yield_from!` is native, and under `+ Clone` what it delegates to must be
// `Clone` too: `inner` is not, `inner_clone` is.
use coro::{generator, yield_, yield_from};

#[generator]
fn inner() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator]
fn inner_clone() -> impl Iterator<Item = u32> + Clone {
    yield_!(1);
}

#[generator]
fn outer_clone() -> impl Iterator<Item = u32> + Clone {
    yield_from!(inner());
}

#[generator(native)]
fn outer_native() -> impl Iterator<Item = u32> + Clone {
    yield_from!(inner_clone());
    yield_from!(vec![2, 3]);
}

fn main() {}
