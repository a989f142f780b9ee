// `for x in &v` borrows `v`, a local of the generator, across the `yield_!`.
use coro::{generator, yield_};

#[generator]
fn doubled(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
    for x in &v {
        yield_!(x * 2);
    }
}

#[generator(native)]
fn doubled_native(v: Vec<u32>) -> impl Iterator<Item = u32> {
    for x in &v {
        yield_!(x * 2);
    }
}

fn main() {}
