use coro::{iter, stream, yield_};

fn main() {
    // The native engine.
    let _ = iter! {
        yield_!(1u8);
        yield_!('x');
    };
    // The async engine (the body borrows its own local across a yield).
    let _ = iter! {
        let v = vec![1u8];
        for x in &v {
            yield_!(*x);
        }
        yield_!('x');
    };
    let _ = stream! {
        yield_!(1u8);
        yield_!('x');
    };
}
