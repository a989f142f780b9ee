use std::rc::Rc;

use coro::{AsyncCoroutine, BoxAsyncCoroutine, generator, yield_};

async fn tick() {}

#[generator]
async fn boxed(shared: Rc<u32>) -> BoxAsyncCoroutine<'static, u32> {
    tick().await;
    yield_!(*shared);
}

#[generator]
async fn spawned() -> impl AsyncCoroutine<Yield = u32> {
    let shared = Rc::new(1);
    tick().await;
    yield_!(*shared);
}

fn is_send<T: Send>(_: T) {}

fn main() {
    let _ = boxed(Rc::new(1));
    is_send(spawned());
}
