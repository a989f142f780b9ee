// `PathBuf` is `IntoIterator` only by reference: `p.into_iter()` auto-refs
// `p`, but the analysis takes `into_iter` for a method whose result owns its
// data.
use coro::{generator, yield_};

#[generator]
fn components() -> impl Iterator<Item = usize> {
    let p = std::path::PathBuf::from("/a/bc");
    for c in p.into_iter() {
        yield_!(c.len());
    }
}

fn main() {
    assert_eq!(components().collect::<Vec<_>>(), [1, 1, 2]);
}
