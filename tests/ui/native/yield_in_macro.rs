// A `yield_!` inside another macro's arguments.
use coro::{generator, yield_};

#[generator]
fn in_vec_clone() -> impl Iterator<Item = u32> + Clone {
    let v: Vec<()> = vec![yield_!(1)];
    yield_!(v.len() as u32);
}

#[generator(native)]
fn in_vec_native() -> impl Iterator<Item = u32> {
    let v: Vec<()> = vec![yield_!(1)];
    yield_!(v.len() as u32);
}

fn main() {}
