use std::rc::Rc;

use coro::{generator, yield_};

// No `Rc` is held across a `yield_!`: on the async engine the items pass
// through the generator, so it is not `Send`. (A native generator holds no
// item, and is `Send`: tests/threads.rs.)
#[generator(fallback)]
fn shared(n: u32) -> impl Iterator<Item = Rc<u32>> {
    for i in 0..n {
        yield_!(Rc::new(i));
    }
}

fn assert_send<T: Send>(_: T) {}

fn main() {
    assert_send(shared(2));
}
