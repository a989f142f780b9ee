use coro::{generator, yield_};

#[generator]
unsafe fn careful() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator]
const fn constant() -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[generator]
extern "C" fn foreign() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = careful();
    let _ = constant();
    let _ = foreign();
}
