use coro::{generator, yield_};

#[generator]
fn each(v: Vec<u32>) -> impl Iterator<Item = u32> {
    v.iter().for_each(|x| yield_!(*x));
}

fn main() {}
