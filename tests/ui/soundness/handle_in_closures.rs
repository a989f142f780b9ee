// Issue 10: where a `yield_!` cannot be (a closure, an `async` block, a
// closure among another macro's arguments) the rewrite leaves no handle in
// the tokens, only the error: a user macro that grabs the handle finds none
// to grab.
use coro::{generator, yield_};

macro_rules! handle {
    (yield_!(@__coro_item_at $co:ident [$at:expr] $($v:tt)*)) => {
        &mut $co
    };
}

#[generator]
fn in_a_closure() -> impl Iterator<Item = u32> {
    let f = || {
        let _ = handle!(yield_!(1));
    };
    f();
}

#[generator]
fn in_an_async_block() -> impl Iterator<Item = u32> {
    let f = async {
        let _ = handle!(yield_!(1));
    };
    drop(f);
}

#[generator]
fn in_a_closure_in_macro_arguments() -> impl Iterator<Item = u32> {
    let v = vec![|| {
        let _ = handle!(yield_!(1));
    }];
    drop(v);
}

#[generator]
fn in_an_async_closure_in_macro_arguments() -> impl Iterator<Item = u32> {
    let v = vec![async || {
        let _ = handle!(yield_!(1));
    }];
    drop(v);
}

fn main() {}
