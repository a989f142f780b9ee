// `iter!` and `coroutine!` have no `native` argument: a block whose body
// cannot be native is simply not `Clone`, and rustc says so where `Clone`
// is required.
use coro::{coroutine, iter, yield_};

fn needs_clone<T: Clone>(t: T) -> T {
    t
}

fn main() {
    let v = vec![1u32, 2, 3];
    let it = iter! {
        for x in &v {
            yield_!(*x);
        }
    };
    let _ = needs_clone(it);

    let w = vec![1u32, 2, 3];
    let co = coroutine!(|_first: u32| -> u32 {
        for x in w.iter() {
            let _: u32 = yield_!(*x);
        }
        0
    });
    let _ = needs_clone(co);
}
