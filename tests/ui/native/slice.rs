// `&v[1..]` borrows `v`.
use coro::{generator, yield_};

#[generator]
fn slice_clone(v: Vec<u32>) -> impl Iterator<Item = usize> + Clone {
    let slice = &v[1..];
    yield_!(0);
    yield_!(slice.len());
}

#[generator(native)]
fn slice_native(v: Vec<u32>) -> impl Iterator<Item = usize> {
    let slice = &v[1..];
    yield_!(0);
    yield_!(slice.len());
}

fn main() {}
