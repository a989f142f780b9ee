// Issue 10: the handles of a generator and of a generator nested in its body,
// both grabbed by a user macro, cannot be swapped (in either order): each
// body accepts its handle for every lifetime, so the two are never of the
// same type.
use coro::{iter, yield_};

macro_rules! handle {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        &mut $co
    };
}

fn main() {
    let outer = iter! {
        yield_!(0_u32);
        let outer_co = handle!(yield_!(1_u32));
        let inner = iter! {
            yield_!(0_u32);
            let inner_co = handle!(yield_!(2_u32));
            std::mem::swap(outer_co, inner_co);
        };
        for _ in inner {}
    };
    drop(outer);

    let outer = iter! {
        yield_!(0_u32);
        let outer_co = handle!(yield_!(1_u32));
        let inner = iter! {
            yield_!(0_u32);
            let inner_co = handle!(yield_!(2_u32));
            std::mem::swap(inner_co, &mut *outer_co);
        };
        for _ in inner {}
    };
    drop(outer);
}
