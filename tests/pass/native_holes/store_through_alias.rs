// A borrow stored through an alias (`rm.push(&v[0])`, `rm = &mut refs`):
// `rm` is known to borrow, `refs` is not.
use coro::{generator, yield_};

#[generator]
fn stored(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut refs: Vec<&u32> = Vec::new();
    let rm = &mut refs;
    rm.push(&v[0]);
    yield_!(0);
    yield_!(*refs[0]);
}

fn main() {
    assert_eq!(stored(vec![7]).collect::<Vec<_>>(), [0, 7]);
}
