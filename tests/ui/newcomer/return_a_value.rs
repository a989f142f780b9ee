// `return value;` in an iterator: it returns no value, and a coroutine does.
use coro::{generator, yield_};

#[generator]
fn total(values: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut total = 0;
    for v in values {
        total += v;
        yield_!(total);
    }
    return total;
}

#[generator]
fn fine() -> impl Iterator<Item = u32> {
    yield_!(1);
    return;
}

fn main() {
    let _ = total(vec![1]);
    let _ = fine();
}
