use std::rc::Rc;

use coro::{generator, yield_};

#[generator]
fn shared() -> impl Iterator<Item = u32> {
    let counter = Rc::new(1);
    yield_!(*counter);
    yield_!(*counter + 1);
}

fn assert_send<T: Send>(_: T) {}

fn main() {
    assert_send(shared());
}
