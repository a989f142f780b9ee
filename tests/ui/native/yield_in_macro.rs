// A `yield_!` inside the arguments of a macro that is not one of the eager
// standard ones (`println!`, `vec!`, `format!`, ... are native): what the
// macro does with its tokens is unknown, so the body keeps the async engine.
use coro::{generator, yield_};

macro_rules! twice {
    ($e:expr) => {
        ($e, $e)
    };
}

#[generator]
fn in_user_macro_clone() -> impl Iterator<Item = u32> + Clone {
    let v = twice!(yield_!(1));
    yield_!(u32::from(v.0 == v.1));
}

#[generator(native)]
fn in_user_macro_native() -> impl Iterator<Item = u32> {
    let v = twice!(yield_!(1));
    yield_!(u32::from(v.0 == v.1));
}

fn main() {}
