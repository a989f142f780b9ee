// `&String::from(..)` borrows a temporary whose lifetime is extended to the
// block; the analysis exempts a `&` of something that names no local (meant
// for constants and statics).
use coro::{generator, yield_};

#[generator]
fn temporary() -> impl Iterator<Item = usize> {
    let x = &String::from("hi");
    yield_!(0);
    yield_!(x.len());
}

fn main() {
    assert_eq!(temporary().collect::<Vec<_>>(), [0, 2]);
}
