// `match &local { Some(x) => .. }` and `if let Some(x) = &opt`: `x` borrows
// the local, and is used after a `yield_!`.
use coro::{generator, yield_};

#[generator]
fn match_clone(opt: Option<String>) -> impl Iterator<Item = usize> + Clone {
    match &opt {
        Some(s) => {
            yield_!(0);
            yield_!(s.len());
        }
        None => {}
    }
}

#[generator(native)]
fn match_native(opt: Option<String>) -> impl Iterator<Item = usize> {
    match &opt {
        Some(s) => {
            yield_!(0);
            yield_!(s.len());
        }
        None => {}
    }
}

#[generator]
fn if_let_clone(opt: Option<String>) -> impl Iterator<Item = usize> + Clone {
    if let Some(s) = &opt {
        yield_!(0);
        yield_!(s.len());
    }
}

#[generator(native)]
fn if_let_native(opt: Option<String>) -> impl Iterator<Item = usize> {
    if let Some(s) = &opt {
        yield_!(0);
        yield_!(s.len());
    }
}

fn main() {}
