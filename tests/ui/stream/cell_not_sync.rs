use std::cell::Cell;

use coro::{Stream, generator, yield_};

#[generator]
async fn counter() -> impl Stream<Item = u32> {
    let c = Cell::new(1);
    std::future::ready(()).await;
    yield_!(c.get());
    c.set(2);
    yield_!(c.get());
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

fn assert_sync<T: Sync>(_: &T) {}

fn main() {
    // Send, since a `Cell` is: only the `Sync` assertion fails.
    let s = assert_send(counter());
    assert_sync(&s);
}
