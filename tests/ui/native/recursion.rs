// A generator that calls itself: its state would contain itself.
use coro::{generator, yield_};

#[generator]
fn countdown_clone(n: u32) -> impl Iterator<Item = u32> + Clone {
    yield_!(n);
    if n > 0 {
        for m in countdown_clone(n - 1) {
            yield_!(m);
        }
    }
}

#[generator(native)]
fn countdown_native(n: u32) -> impl Iterator<Item = u32> {
    yield_!(n);
    if n > 0 {
        for m in countdown_native(n - 1) {
            yield_!(m);
        }
    }
}

fn main() {}
