// Deliberately unformatted: `.ci/run` checks that rustfmt wants to change
// the bodies of `iter!({ .. })` and `stream!({ .. })` (it leaves the
// bodies of `iter! { .. }` alone, as it does any macro called with braces).
// Not compiled; not part of any crate.
fn main() {
    let words = coro::iter!({
        let text   =   String::from("a b");
              for w in text.split(' ') { coro::yield_!(w.len()); }
    });
    let ticks = coro::stream!({ let n=2;   coro::yield_!(n); });
}
