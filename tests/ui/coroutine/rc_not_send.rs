use std::rc::Rc;

use coro::{Coroutine, generator, yield_};

#[generator(first = _)]
fn shared() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let total = Rc::new(1);
    let more = yield_!(*total);
    *total + more
}

fn assert_send<T: Send>(_: T) {}

fn main() {
    assert_send(shared());
}
