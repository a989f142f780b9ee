// Issue 10: the expansions may contain `unsafe` blocks of their own, which a
// crate's `#![forbid(unsafe_code)]` must not see (tests/forbid_unsafe.rs);
// but an `unsafe` block the user wrote, at any position where a macro takes
// an expression, must still be reported by the lint.
#![forbid(unsafe_code)]

use coro::{Coroutine, coroutine, generator, iter, yield_, yield_from};

#[generator(first = _)]
fn child() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x: u32 = yield_!(0);
    x
}

#[generator]
fn in_a_yield_from() -> impl Iterator<Item = u32> {
    yield_from!(unsafe { vec![std::mem::zeroed::<u32>()] });
}

#[generator(first = _)]
fn in_a_first_argument() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    yield_from!(child(), unsafe { std::mem::zeroed::<u32>() })
}

#[generator]
fn in_a_yield() -> impl Iterator<Item = u32> {
    yield_!(unsafe { std::mem::zeroed::<u32>() });
}

#[generator]
fn inside_another_macro() -> impl Iterator<Item = u32> {
    println!("{:?}", yield_from!(unsafe { vec![std::mem::zeroed::<u32>()] }));
}

fn blocks() {
    let _ = iter! { yield_from!(unsafe { vec![std::mem::zeroed::<u32>()] }); };
    let _ = coroutine!(|| -> u32 {
        let () = yield_!(0_u32);
        unsafe { std::mem::zeroed::<u32>() }
    });
}

fn main() {
    blocks();
}
