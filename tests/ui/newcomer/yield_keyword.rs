// `yield` and `yield!` in a `#[generator]` fn: rustc reports the unstable
// keyword, and coro says to write `yield_!`; nothing else.
use coro::generator;

#[generator]
fn keyword(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield i;
    }
}

#[generator]
fn as_a_macro(n: u32) -> impl Iterator<Item = u32> {
    yield!(n);
}

fn main() {
    let _ = keyword(1);
    let _ = as_a_macro(1);
}
