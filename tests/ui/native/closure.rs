// A closure that is not `move` borrows what it captures.
use coro::{generator, yield_};

#[generator]
fn closure_clone(v: Vec<u32>) -> impl Iterator<Item = usize> + Clone {
    let len = || v.len();
    yield_!(0);
    yield_!(len());
}

#[generator(native)]
fn closure_native(v: Vec<u32>) -> impl Iterator<Item = usize> {
    let len = || v.len();
    yield_!(0);
    yield_!(len());
}

fn main() {}
