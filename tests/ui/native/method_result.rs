// A method's result that may borrow its receiver, used after a `yield_!`.
use coro::{generator, yield_};

#[generator]
fn first_clone(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
    let first = v.first();
    yield_!(0);
    yield_!(*first.unwrap());
}

#[generator(native)]
fn first_native(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let first = v.first();
    yield_!(0);
    yield_!(*first.unwrap());
}

#[generator]
fn as_str_clone(string: String) -> impl Iterator<Item = usize> + Clone {
    let s = string.as_str();
    yield_!(0);
    yield_!(s.len());
}

#[generator(native)]
fn as_str_native(string: String) -> impl Iterator<Item = usize> {
    let s = string.as_str();
    yield_!(0);
    yield_!(s.len());
}

#[generator]
fn chunks_clone(v: Vec<u32>) -> impl Iterator<Item = usize> + Clone {
    let mut it = v.chunks(2);
    yield_!(0);
    yield_!(it.next().map_or(0, <[u32]>::len));
}

#[generator(native)]
fn chunks_native(v: Vec<u32>) -> impl Iterator<Item = usize> {
    let mut it = v.chunks(2);
    yield_!(0);
    yield_!(it.next().map_or(0, <[u32]>::len));
}

fn main() {}
