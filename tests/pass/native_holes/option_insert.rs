// `Option::insert` returns `&mut T` into the option, but the analysis takes
// `insert` for a method whose result owns its data.
use coro::{generator, yield_};

#[generator]
fn bump() -> impl Iterator<Item = u32> {
    let mut opt = None;
    let r = opt.insert(5u32);
    yield_!(0);
    *r += 1;
    yield_!(*r);
}

fn main() {
    assert_eq!(bump().collect::<Vec<_>>(), [0, 6]);
}
