// `ref` and `ref mut` bindings used after a `yield_!`.
use coro::{generator, yield_};

#[generator]
fn ref_clone(pair: (String, u32)) -> impl Iterator<Item = usize> + Clone {
    let (ref name, _) = pair;
    yield_!(0);
    yield_!(name.len());
}

#[generator(native)]
fn ref_native(pair: (String, u32)) -> impl Iterator<Item = usize> {
    let (ref name, _) = pair;
    yield_!(0);
    yield_!(name.len());
}

#[generator]
fn ref_mut_clone(opt: Option<Vec<u32>>) -> impl Iterator<Item = usize> + Clone {
    let mut opt = opt;
    if let Some(ref mut v) = opt {
        yield_!(0);
        v.push(1);
        yield_!(v.len());
    }
}

#[generator(native)]
fn ref_mut_native(opt: Option<Vec<u32>>) -> impl Iterator<Item = usize> {
    let mut opt = opt;
    if let Some(ref mut v) = opt {
        yield_!(0);
        v.push(1);
        yield_!(v.len());
    }
}

fn main() {}
