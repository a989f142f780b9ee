use coro::{iter, yield_};

fn main() {
    let _ = iter! {
        yield_!(1u8);
        yield_!('x');
    };
}
