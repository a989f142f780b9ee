// A binding declared by a user macro (its name is passed in, so the body
// sees it after the call). The native engine does not see the binding, so
// does not carry it across the `yield_!`: "cannot find value `x`". No
// borrow is involved at all.
use coro::{generator, yield_};

macro_rules! bind {
    ($name:ident = $e:expr) => {
        let $name = $e;
    };
}

#[generator]
fn bound() -> impl Iterator<Item = u32> {
    bind!(x = 5);
    yield_!(0);
    yield_!(x);
}

fn main() {
    assert_eq!(bound().collect::<Vec<_>>(), [0, 5]);
}
