// `yield_!` in a closure that another macro writes or wraps is still an
// error: a closure is a separate function.
use coro::{generator, yield_};

// A macro defined outside the generator: its `yield_!` is expanded after the
// generator's rewrite, outside any generator.
macro_rules! each {
    ($v:expr) => {
        $v.iter().for_each(|x| yield_!(*x))
    };
}

#[generator]
fn outer_macro(v: Vec<u32>) -> impl Iterator<Item = u32> {
    each!(v);
}

#[generator]
fn inner_macro(v: Vec<u32>) -> impl Iterator<Item = u32> {
    // A macro defined inside the body is an item: not part of the body.
    macro_rules! each_inner {
        ($v:expr) => {
            $v.iter().for_each(|x| yield_!(*x))
        };
    }
    each_inner!(v);
}

#[generator]
fn closure_in_macro_arguments() -> impl Iterator<Item = u32> {
    let _v = vec![(|| yield_!(1))()];
}

#[generator]
fn async_closure_in_macro_arguments() -> impl Iterator<Item = u32> {
    let _v = vec![async || yield_!(1)];
    let _w = vec![async move || yield_!(2)];
}

#[generator]
fn closure_after_a_comma(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let _w = vec![0, v.iter().map(|x| x + yield_!(3)).sum()];
}

fn main() {}
