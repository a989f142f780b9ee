use coro::{generator, yield_};

#[generator]
fn peeks() -> impl Iterator<Item = u32> {
    yield_!(1);
    __coro_co.yield_(2);
}

#[generator]
fn peeks_at_arguments((a, b): (u32, u32)) -> impl Iterator<Item = u32> {
    yield_!(a + b);
    let _ = __coro_arg0;
}

fn main() {}
