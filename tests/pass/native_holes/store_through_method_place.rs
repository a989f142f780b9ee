// A borrow stored through a place reached by a method call
// (`*refs.last_mut().unwrap() = &v[0]`): the store is not seen, so `refs`
// is not known to borrow `v`.
use coro::{generator, yield_};

static ZERO: u32 = 0;

#[generator]
fn stored(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut refs: Vec<&u32> = vec![&ZERO];
    *refs.last_mut().unwrap() = &v[0];
    yield_!(0);
    yield_!(*refs[0]);
}

fn main() {
    assert_eq!(stored(vec![7]).collect::<Vec<_>>(), [0, 7]);
}
