// `let r = &v;` and `let r = &mut v;`, used after a `yield_!`.
use coro::{generator, yield_};

#[generator]
fn shared_clone() -> impl Iterator<Item = usize> + Clone {
    let v = vec![1, 2, 3];
    let r = &v;
    yield_!(0);
    yield_!(r.len());
}

#[generator(native)]
fn shared_native() -> impl Iterator<Item = usize> {
    let v = vec![1, 2, 3];
    let r = &v;
    yield_!(0);
    yield_!(r.len());
}

#[generator]
fn unique_clone() -> impl Iterator<Item = usize> + Clone {
    let mut v = vec![1, 2, 3];
    let r = &mut v;
    yield_!(0);
    r.push(4);
    yield_!(r.len());
}

#[generator(native)]
fn unique_native() -> impl Iterator<Item = usize> {
    let mut v = vec![1, 2, 3];
    let r = &mut v;
    yield_!(0);
    r.push(4);
    yield_!(r.len());
}

fn main() {}
