use coro::{generator, yield_, yield_from, Coroutine};

#[generator(first = _)]
fn numbers() -> impl Coroutine<i64, Yield = u32, Return = ()> {
    let _: i64 = yield_!(1);
}

#[generator(first = _)]
fn words() -> impl Coroutine<String, Yield = &'static str, Return = ()> {
    let _: String = yield_!("one");
}

// Yields `u32` as `numbers` does, but is resumed with `String`.
#[generator(first = _)]
fn wrong_resume() -> impl Coroutine<String, Yield = u32, Return = ()> {
    yield_from!(numbers());
}

// Resumed with `String` as `words` is, but yields `u32`.
#[generator(first = _)]
fn wrong_yield() -> impl Coroutine<String, Yield = u32, Return = ()> {
    yield_from!(words(), String::new());
}

// Only a coroutine takes a first resume argument.
#[generator]
fn first_for_an_iterator() -> impl Iterator<Item = u32> {
    yield_from!(vec![1, 2], ());
}

fn main() {}
