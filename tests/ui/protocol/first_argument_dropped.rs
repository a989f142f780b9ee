// A coroutine whose resume type is not `()` and that says nothing of its
// first argument (which starts the body, before any `yield_!` waits for a
// value) is warned about at its resume type; `first = x` and `first = _`
// say it, as does a resume type of `()`. (Denied here so that the warning
// fails the test; a user sees it as a warning.)
#![deny(deprecated)]

use coro::{AsyncCoroutine, BoxCoroutine, Coroutine, generator, yield_};

#[generator]
fn parser() -> impl Coroutine<u8, Yield = usize, Return = ()> {
    let mut n = 0;
    while yield_!(n) != b'\n' {
        n += 1;
    }
}

#[generator]
fn asker() -> BoxCoroutine<'static, String, (), String> {
    let _ = yield_!(String::new());
}

#[generator]
async fn async_parser() -> impl AsyncCoroutine<u8, Yield = usize> {
    let _ = yield_!(0);
}

// None of these is warned about.
#[generator(first = byte)]
fn bound() -> impl Coroutine<u8, Yield = u8> {
    let _ = yield_!(byte);
}

#[generator(first = _)]
fn primed() -> impl Coroutine<u8, Yield = u8> {
    let _ = yield_!(0);
}

#[generator]
fn unit() -> impl Coroutine<(), Yield = u8> {
    yield_!(0);
}

fn main() {}
