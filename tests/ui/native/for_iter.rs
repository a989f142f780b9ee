// `v.iter()` and `v.iter_mut()` borrow `v` for the whole loop, which yields.
use coro::{generator, yield_};

#[generator]
fn iter_clone(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
    for x in v.iter() {
        yield_!(*x);
    }
}

#[generator(native)]
fn iter_native(v: Vec<u32>) -> impl Iterator<Item = u32> {
    for x in v.iter() {
        yield_!(*x);
    }
}

#[generator]
fn iter_mut_clone(mut v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
    for x in v.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
}

#[generator(native)]
fn iter_mut_native(mut v: Vec<u32>) -> impl Iterator<Item = u32> {
    for x in v.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
}

fn main() {}
