// Issue 10: the fix wraps the frame-registering call of an AST-position
// `yield_from!` in an `unsafe` block. None of the user's tokens may end up
// inside it: an expression that needs `unsafe`, at any position where a macro
// takes one, is still an error (E0133) at that expression.
use coro::{Coroutine, Stream, coroutine, generator, iter, stream, yield_, yield_from};

unsafe fn source() -> Vec<u32> {
    vec![1]
}

unsafe fn value() -> u32 {
    1
}

unsafe fn a_stream() -> impl Stream<Item = u32> {
    stream! { yield_!(1) }
}

static mut COUNT: u32 = 0;

#[generator(first = _)]
fn child() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x: u32 = yield_!(0);
    x
}

#[generator]
fn source_of_yield_from() -> impl Iterator<Item = u32> {
    yield_from!(source());
}

unsafe fn unsafe_child() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    child()
}

#[generator(first = _)]
fn source_of_yield_from_with_a_first_argument() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let r = yield_from!(unsafe_child(), 5);
    r
}

#[generator(first = _)]
fn first_argument() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    yield_from!(child(), value())
}

#[generator]
fn yielded_value() -> impl Iterator<Item = u32> {
    yield_!(value());
}

#[generator]
fn a_raw_pointer_read_in_a_source() -> impl Iterator<Item = u32> {
    let p = &raw const COUNT;
    yield_from!(vec![*p]);
}

#[generator]
fn a_static_mut_in_a_yield() -> impl Iterator<Item = u32> {
    yield_!(COUNT);
}

#[generator]
fn inside_another_macro() -> impl Iterator<Item = u32> {
    println!("{:?}", yield_from!(source()));
    let _ = vec![yield_!(value())];
}

#[generator]
async fn stream_source() -> impl Stream<Item = u32> {
    yield_from!(a_stream());
}

fn blocks() {
    let _ = iter! { yield_from!(source()); };
    let _ = iter! { yield_!(value()); };
    let _ = stream! { yield_from!(a_stream()); };
    let _ = coroutine!(|x: u32| -> u32 { yield_from!(child(), x + value()) });
    let _ = coroutine!(|| -> u32 {
        let () = yield_!(0_u32);
        value()
    });
}

fn main() {
    blocks();
}
