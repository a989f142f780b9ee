// Issue 10: the futures a body can make in a user macro's `async` block (a
// hidden `yield_!`, a hidden `yield_from!`) or with the grabbed handle borrow
// the handle: they cannot leave the body either, nor be leaked as `'static`.
use coro::{iter, yield_, yield_from};
use std::future::Future;
use std::pin::Pin;

macro_rules! hide {
    ($($t:tt)*) => {
        async { $($t)* }
    };
}

macro_rules! raw_item {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        $co.yield_item($($v)*)
    };
}

type Parked = Option<Pin<Box<dyn Future<Output = ()>>>>;

fn a_hidden_yield_into_an_outer_variable() {
    let mut parked: Parked = None;
    let slot = &mut parked;
    let it = iter! {
        *slot = Some(Box::pin(hide!(yield_!(1_u32))));
    };
    drop(it);
    drop(parked);
}

fn a_hidden_yield_from_into_an_outer_variable() {
    let mut parked: Parked = None;
    let slot = &mut parked;
    let it = iter! {
        *slot = Some(Box::pin(hide!(yield_from!(iter! { yield_!(1_u32) }))));
    };
    drop(it);
    drop(parked);
}

fn a_yield_future_of_the_grabbed_handle_into_an_outer_variable() {
    let mut parked: Option<Box<dyn Future<Output = ()> + Unpin>> = None;
    let slot = &mut parked;
    let it = iter! {
        *slot = Some(Box::new(raw_item!(yield_!(1_u32))));
    };
    drop(it);
    drop(parked);
}

fn leaked_as_static() {
    let it = iter! {
        let fut: &'static mut Pin<Box<dyn Future<Output = ()>>> =
            Box::leak(Box::new(Box::pin(hide!(yield_from!(iter! { yield_!(1_u32) })))));
        let _ = fut;
    };
    drop(it);
}

fn spawned_on_a_static_thread() {
    let it = iter! {
        let fut = Box::pin(hide!(yield_!(1_u32)));
        std::thread::spawn(move || drop(fut));
    };
    drop(it);
}

fn main() {
    a_hidden_yield_into_an_outer_variable();
    a_hidden_yield_from_into_an_outer_variable();
    a_yield_future_of_the_grabbed_handle_into_an_outer_variable();
    leaked_as_static();
    spawned_on_a_static_thread();
}
