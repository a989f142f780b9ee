use coro::{generator, yield_};

#[generator]
fn later() -> impl Iterator<Item = u32> {
    let fut = async {
        yield_!(1);
    };
    drop(fut);
}

fn main() {}
