use coro::{coroutine, yield_};

fn main() {
    let _ = coroutine!(|a: u8, b: u8| {
        yield_!(a + b);
    });
    let _ = coroutine!(async |a: u8| {
        yield_!(a);
    });
    let _ = coroutine!(|a: u8| -> u8 {
        yield_!(a);
        "not a u8"
    });
}
