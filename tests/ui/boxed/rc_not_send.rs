use std::rc::Rc;

use coro::{BoxIter, LocalBoxIter, generator, yield_};

// A `BoxIter` is `Send`: a body that holds an `Rc` across a `yield_!` is
// rejected at the function, with the `Rc` pointed out.
#[generator]
fn shared(values: Rc<Vec<u32>>) -> BoxIter<'static, u32> {
    for v in values.iter() {
        yield_!(*v);
    }
}

// The `Local` form takes it.
#[generator]
fn local(values: Rc<Vec<u32>>) -> LocalBoxIter<'static, u32> {
    for v in values.iter() {
        yield_!(*v);
    }
}

fn main() {}
