use std::rc::Rc;

use coro::{generator, yield_, Stream};

#[generator]
async fn shared() -> impl Stream<Item = u32> {
    let counter = Rc::new(1);
    std::future::ready(()).await;
    yield_!(*counter);
}

fn spawn<T: Send + 'static>(_: T) {}

fn main() {
    spawn(shared());
}
