use std::rc::Rc;

use coro::{generator, yield_};

// No `Rc` is held across a `yield_!`: the items themselves are not `Send`.
#[generator]
fn shared(n: u32) -> impl Iterator<Item = Rc<u32>> {
    for i in 0..n {
        yield_!(Rc::new(i));
    }
}

fn assert_send<T: Send>(_: T) {}

fn main() {
    assert_send(shared(2));
}
