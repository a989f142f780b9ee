// The handle's borrows: two yields cannot be in flight at once, and a body
// cannot yield a value that lives shorter than the item type says.
use coro::__private;

fn main() {
    let _ = __private::iter::<__private::Delegating, u32, (), _>(async |mut co, ()| {
        let first = co.yield_item(1);
        let second = co.yield_item(2);
        first.await;
        second.await;
    });

    let _ = __private::iter::<__private::Delegating, &'static str, (), _>(async |mut co, ()| {
        let local = String::from("short-lived");
        co.yield_item(&local).await;
    });
}
