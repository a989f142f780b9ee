// A borrow stored by calling a closure (`add(&v[0])` pushes into `refs`).
use coro::{generator, yield_};

#[generator]
fn stored(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut refs: Vec<&u32> = Vec::new();
    let mut add = |x| refs.push(x);
    add(&v[0]);
    yield_!(0);
    yield_!(*refs[0]);
}

fn main() {
    assert_eq!(stored(vec![7]).collect::<Vec<_>>(), [0, 7]);
}
