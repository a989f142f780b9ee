// Issue 10, reproducer C through `__private`, which SECURITY.md promises is
// safe to call with any arguments: the handle a hidden constructor passes to
// its body closure cannot register a delegation frame without `unsafe`
// (E0133).
use coro::__private;

fn main() {
    let mut x = coro::iter! { coro::yield_!(1_u32) };
    let _ = __private::iter::<u32, (), _>(async |mut co, ()| {
        let fut = Box::pin(co.delegate(&mut x, ()));
        std::mem::forget(fut);
    });
}
