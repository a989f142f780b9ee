// Issue 10: the handle a user macro takes out of a rewritten `yield_!`
// cannot leave the generator's body: not into a variable outside it, not as
// the value of a `coroutine!`, not to a `'static` thread, not into a
// `'static` place (lifetime errors, as for the handle the hidden
// constructors pass: `tests/ui/misuse/smuggle_handle.rs`).
use coro::{coroutine, iter, yield_};
use std::any::Any;
use std::sync::Mutex;

macro_rules! handle {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        &mut $co
    };
}

macro_rules! handle_by_value {
    (yield_!(@$tag:ident $co:ident [$at:expr] $($v:tt)*)) => {
        $co
    };
}

static PARKED: Mutex<Option<Box<dyn Any + Send>>> = Mutex::new(None);

fn into_an_outer_variable() {
    let mut smuggled = None;
    let slot = &mut smuggled;
    let it = iter! {
        yield_!(0_u32);
        *slot = Some(handle!(yield_!(1_u32)));
    };
    drop(it);
    drop(smuggled);
}

fn moved_into_an_outer_variable() {
    let mut smuggled = None;
    let slot = &mut smuggled;
    let it = iter! {
        yield_!(0_u32);
        *slot = Some(handle_by_value!(yield_!(1_u32)));
    };
    drop(it);
    drop(smuggled);
}

fn as_the_value_of_a_coroutine() {
    let c = coroutine!(|| {
        if false {
            let _: () = yield_!(1_u32);
        }
        handle_by_value!(yield_!(2_u32))
    });
    drop(c);
}

fn to_a_static_thread() {
    let it = iter! {
        yield_!(0_u32);
        let co = handle!(yield_!(1_u32));
        std::thread::spawn(move || drop(co));
    };
    drop(it);
}

fn into_a_static_place() {
    let it = iter! {
        yield_!(0_u32);
        let co = handle_by_value!(yield_!(1_u32));
        *PARKED.lock().unwrap() = Some(Box::new(co));
    };
    drop(it);
}

fn main() {
    into_an_outer_variable();
    moved_into_an_outer_variable();
    as_the_value_of_a_coroutine();
    to_a_static_thread();
    into_a_static_place();
}
