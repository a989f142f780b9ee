// The yield handle a body receives (through the hidden constructors the
// macros expand to) cannot leave the body: not into an outer variable, not as
// the return value, not to another thread; nor can a yield future.
use coro::__private;

fn main() {
    let mut handle = None;
    let _ = __private::iter::<__private::Delegating, u32, (), _>(async |co, ()| {
        handle = Some(co);
    });

    let mut suspend = None;
    let _ = __private::iter::<__private::Delegating, u32, (), _>(async |mut co, ()| {
        suspend = Some(co.yield_item(1));
    });

    let _ = __private::coroutine::<__private::Delegating, u32, (), _, _>(async move |co, ()| co);

    let _ = __private::iter::<__private::Delegating, u32, (), _>(async move |co, ()| {
        std::thread::spawn(move || drop(co));
    });
}
