// A `&mut` parameter is not the caller's data for the borrow rule: the
// reference itself is a local of the generator, and so is a reborrow through
// it, or through a `&mut` of an owned local.
use coro::{generator, yield_};

#[generator]
fn param_clone(p: &mut Vec<u32>) -> impl Iterator<Item = usize> + Clone + '_ {
    let q = &mut *p;
    yield_!(0);
    q.push(1);
    yield_!(q.len());
}

#[generator(native)]
fn param_native(p: &mut Vec<u32>) -> impl Iterator<Item = usize> + '_ {
    let q = &mut *p;
    yield_!(0);
    q.push(1);
    yield_!(q.len());
}

#[generator]
fn local_clone(v: Vec<u32>) -> impl Iterator<Item = usize> + Clone {
    let mut v = v;
    let p = &mut v;
    let q = &mut *p;
    yield_!(0);
    q.push(1);
    yield_!(q.len());
}

#[generator(native)]
fn local_native(v: Vec<u32>) -> impl Iterator<Item = usize> {
    let mut v = v;
    let p = &mut v;
    let q = &mut *p;
    yield_!(0);
    q.push(1);
    yield_!(q.len());
}

#[generator]
fn iter_mut_param_clone(p: &mut Vec<u32>) -> impl Iterator<Item = u32> + Clone + '_ {
    for x in p.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
}

#[generator(native)]
fn iter_mut_param_native(p: &mut Vec<u32>) -> impl Iterator<Item = u32> + '_ {
    for x in p.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
}

fn main() {}
