// Issue 10, reproducer C through `__private`, which SECURITY.md promises is
// safe to call with any arguments: the handle a hidden constructor passes to
// its body closure cannot register a delegation frame without `unsafe`
// (E0133).
use coro::__private;

// A body built for delegation: the method exists, and is `unsafe`.
fn delegating() {
    let mut x = coro::iter! { coro::yield_!(1_u32) };
    let _ = __private::iter::<__private::Delegating, u32, (), _>(async |mut co, ()| {
        let fut = Box::pin(co.delegate(&mut x, ()));
        std::mem::forget(fut);
    });
}

// A body built without: there is no such method.
fn by_id() {
    let mut y = coro::iter! { coro::yield_!(1_u32) };
    let _ = __private::iter::<__private::ById, u32, (), _>(async |mut co, ()| {
        let fut = Box::pin(co.delegate(&mut y, ()));
        std::mem::forget(fut);
    });
}

fn main() {
    delegating();
    by_id();
}
