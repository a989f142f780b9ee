// A borrow stored through interior mutability
// (`cell.borrow_mut().push(&v[0])`).
use coro::{generator, yield_};
use std::cell::RefCell;

#[generator]
fn stored(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let cell: RefCell<Vec<&u32>> = RefCell::new(Vec::new());
    cell.borrow_mut().push(&v[0]);
    yield_!(0);
    yield_!(*cell.borrow()[0]);
}

fn main() {
    assert_eq!(stored(vec![7]).collect::<Vec<_>>(), [0, 7]);
}
