// A struct holding a borrow of a local.
use coro::{generator, yield_};

struct Wrapper<'a> {
    r: &'a Vec<u32>,
}

#[generator]
fn wrapper_clone(v: Vec<u32>) -> impl Iterator<Item = usize> + Clone {
    let w = Wrapper { r: &v };
    yield_!(0);
    yield_!(w.r.len());
}

#[generator(native)]
fn wrapper_native(v: Vec<u32>) -> impl Iterator<Item = usize> {
    let w = Wrapper { r: &v };
    yield_!(0);
    yield_!(w.r.len());
}

fn main() {}
