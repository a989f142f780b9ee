use std::cell::Cell;

use coro::{iter, yield_};

fn assert_sync<T: Sync>(_: &T) {}

fn main() {
    // A `Cell` held across a `yield_!` makes an `iter!` generator `!Sync`;
    // rustc's note locates the generator at this `iter!`, not inside coro.
    let g = iter! {
        let c = Cell::new(1);
        yield_!(c.get());
        c.set(2);
    };
    assert_sync(&g);
}
