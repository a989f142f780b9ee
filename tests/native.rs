//! What the native engine gives beyond the async one: generators that are
//! `Unpin`, movable, `Clone` with `+ Clone`, allocation-free and small; and
//! what it must not take away (use inside `async` code that must be `Send`).
//!
//! (Not built when CI runs the suite on the async engine: see `build.rs`.)
#![cfg(not(coro_test_fallback))]

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use coro::{Coroutine, CoroutineState, generator, iter, yield_};

#[generator]
fn count(n: u32) -> impl Iterator<Item = u32> + Clone {
    for i in 0..n {
        yield_!(i);
    }
}

#[test]
fn a_clone_taken_mid_way_runs_on_by_itself() {
    let mut g = count(5);
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    let copy = g.clone();
    assert_eq!(g.collect::<Vec<_>>(), [2, 3, 4]);
    assert_eq!(copy.collect::<Vec<_>>(), [2, 3, 4]);
}

#[test]
fn clone_gives_cycle() {
    assert_eq!(
        count(3).cycle().take(7).collect::<Vec<_>>(),
        [0, 1, 2, 0, 1, 2, 0]
    );
}

#[test]
fn iter_blocks_are_clone_when_native() {
    let n = 3;
    let mut g = iter! {
        for i in 0..n {
            yield_!(i * 10);
        }
    };
    assert_eq!(g.next(), Some(0));
    let copy = g.clone();
    assert_eq!(g.collect::<Vec<_>>(), [10, 20]);
    assert_eq!(copy.collect::<Vec<_>>(), [10, 20]);
}

#[test]
fn native_generators_are_unpin_and_movable_between_items() {
    fn assert_unpin<T: Unpin>(t: T) -> T {
        t
    }
    let mut g = assert_unpin(count(4));
    assert_eq!(g.next(), Some(0));
    // Moved (into a Vec, out again) between two items.
    let mut moved = vec![g];
    let mut g = moved.pop().unwrap();
    assert_eq!(g.next(), Some(1));
    let mut boxed = Box::new(g);
    assert_eq!(boxed.next(), Some(2));
    let g = *boxed;
    assert_eq!(g.collect::<Vec<_>>(), [3]);
}

#[test]
fn the_state_holds_only_what_is_live() {
    // The loop's range and nothing else: two `u32`s, the tag, and the two
    // flags of the wrapper. (Nightly's `gen move { for i in 0..n { yield i } }`
    // is 16 bytes too.)
    let g = count(3);
    assert!(size_of_val(&g) <= 16, "{}", size_of_val(&g));
    let g = iter! {
        let big = [0u8; 1024];
        let first = big[0];
        yield_!(first);
        yield_!(1);
    };
    // `big` is not used after the first yield: it is not stored (the tag
    // and the two flags remain).
    assert!(size_of_val(&g) <= 4, "{}", size_of_val(&g));
}

#[test]
fn a_native_coroutine_is_resumed_in_place_or_moved() {
    #[generator(first = _)]
    fn sum() -> impl Coroutine<u32, Yield = u32, Return = u32> + Clone {
        let mut total = 0;
        loop {
            let x = yield_!(total);
            if x == 0 {
                return total;
            }
            total += x;
        }
    }
    let mut c = sum();
    assert_eq!(
        std::pin::Pin::new(&mut c).resume(9),
        CoroutineState::Yielded(0)
    );
    assert_eq!(
        std::pin::Pin::new(&mut c).resume(5),
        CoroutineState::Yielded(5)
    );
    let mut d = c.clone();
    assert_eq!(
        std::pin::Pin::new(&mut c).resume(0),
        CoroutineState::Complete(5)
    );
    assert_eq!(
        std::pin::Pin::new(&mut d).resume(1),
        CoroutineState::Yielded(6)
    );
    assert_eq!(
        std::pin::Pin::new(&mut d).resume(0),
        CoroutineState::Complete(6)
    );
}

#[test]
fn debug_says_where_it_is() {
    let mut g = iter! { yield_!(0) };
    let line = line!() - 1;
    assert_eq!(format!("{g:?}"), "Generator { status: Created, .. }");
    assert_eq!(g.next(), Some(0));
    assert_eq!(
        format!("{g:?}"),
        format!(r#"Generator {{ status: Suspended, at: "tests/native.rs:{line}:25", .. }}"#)
    );
    assert_eq!(g.next(), None);
    assert_eq!(format!("{g:?}"), "Generator { status: Closed, .. }");
    assert_eq!(g.size_hint(), (0, Some(0)));
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

/// Polls `fut` to its end with a waker that does nothing.
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Pending once, then ready.
async fn tick() {
    let mut once = false;
    std::future::poll_fn(|_| {
        if std::mem::replace(&mut once, true) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}

#[test]
fn a_borrowing_iter_held_across_an_await_keeps_the_future_send() {
    // The state holds a borrow (`r`); a closure that took such a state as
    // an argument could not be proven `Send` here (rust-lang/rust#110338).
    let fut = assert_send(async {
        let v = vec![1u64, 2, 3];
        let r = &v;
        let mut sum = 0;
        for x in iter! {
            for i in 0..r.len() {
                yield_!(r[i]);
            }
        } {
            tick().await;
            sum += x;
        }
        let mut peek = count(2).peekable();
        tick().await;
        sum += u64::from(peek.next().unwrap_or(0)) + u64::from(*peek.peek().unwrap_or(&0));
        sum
    });
    assert_eq!(block_on(fut), 7);
}

#[test]
fn yields_inside_eager_macros_are_native() {
    use std::fmt::Write;

    #[generator(native, first = _)]
    fn in_macros() -> impl Coroutine<u32, Yield = u32, Return = String> {
        let v = vec![yield_!(1), yield_!(2)];
        assert_eq!(yield_!(3), v[0] + v[1], "the sum of {v:?}");
        let mut out = format!("{} {first}", yield_!(4), first = yield_!(5));
        write!(out, " {}", yield_!(6)).unwrap();
        out
    }
    let mut c = in_macros();
    let mut trace = Vec::new();
    for arg in [0, 10, 20, 30, 40, 50, 60] {
        trace.push(std::pin::Pin::new(&mut c).resume(arg));
    }
    assert_eq!(
        trace,
        [
            CoroutineState::Yielded(1),
            CoroutineState::Yielded(2),
            CoroutineState::Yielded(3),
            CoroutineState::Yielded(4),
            CoroutineState::Yielded(5),
            CoroutineState::Yielded(6),
            CoroutineState::Complete("40 50 60".to_owned()),
        ]
    );
}

#[test]
fn an_assert_message_is_lazy_on_both_engines() {
    // The message of `assert!` is evaluated only on failure, so a `yield_!`
    // there must not run when the assertion holds: the native engine leaves
    // such a body to the async one, whose `yield_!` stays inside the macro.
    #[generator]
    fn lazy(ok: bool) -> impl Iterator<Item = u32> {
        yield_!(1);
        assert!(ok, "{:?}", yield_!(2));
        yield_!(3);
    }
    assert_eq!(lazy(true).collect::<Vec<_>>(), [1, 3]);
}

mod delegation {
    use std::cell::RefCell;
    use std::pin::Pin;
    use std::rc::Rc;

    use coro::{Coroutine, CoroutineState, generator, iter, yield_, yield_from};

    #[generator(native)]
    fn letters() -> impl Iterator<Item = char> + Clone {
        // (An `iter!` here, first: after a loop with a yield (each
        // `yield_from!` is one) the code would be written twice, and the
        // two copies of its closure could not share a field of the state.)
        yield_from!(iter! { yield_!('a') });
        yield_from!(['b', 'c']);
        yield_from!("de".chars());
    }

    #[test]
    fn iterables_and_generators() {
        assert_eq!(letters().collect::<String>(), "abcde");
        let mut g = letters();
        g.next();
        g.next();
        g.next();
        // A clone taken inside a delegation resumes it independently.
        let copy = g.clone();
        assert_eq!(g.collect::<String>(), "de");
        assert_eq!(copy.collect::<String>(), "de");
    }

    #[test]
    fn a_closure_stored_after_a_loop_with_a_yield_falls_back() {
        // Written twice natively (after the loop ended with no yield, and
        // after its yield), the closure would have two types: the async
        // engine takes this body.
        #[generator]
        fn after_loop(n: u32) -> impl Iterator<Item = u32> {
            for i in 0..n {
                yield_!(i);
            }
            let f = move |y: u32| y + 1;
            yield_!(100);
            yield_!(f(2));
        }
        assert_eq!(after_loop(2).collect::<Vec<_>>(), [0, 1, 100, 3]);
        assert_eq!(after_loop(0).collect::<Vec<_>>(), [100, 3]);
    }

    #[generator(fallback, first = _)]
    fn averager_fallback() -> impl Coroutine<f64, Yield = f64, Return = u32> {
        let (mut total, mut count) = (0.0, 0u32);
        loop {
            let x = yield_!(if count == 0 {
                0.0
            } else {
                total / f64::from(count)
            });
            if x < 0.0 {
                return count;
            }
            total += x;
            count += 1;
        }
    }

    #[generator(unboxed, fallback, first = _)]
    fn pinned_sub() -> impl Coroutine<f64, Yield = f64, Return = usize> {
        let x = yield_!(1.0);
        usize::from(x > 0.0)
    }

    #[generator(native, first = _)]
    fn delegating() -> impl Coroutine<f64, Yield = f64, Return = (u32, usize, usize)> {
        // A native one, started with `f64::default()`.
        let b = yield_from!(coro::coroutine!(|x: f64| -> usize {
            let y = yield_!(x + 100.0);
            if y > 0.0 { 7 } else { 8 }
        }));
        // A coroutine of the other engine (boxed), started with `first`.
        let a = yield_from!(averager_fallback(), 0.0);
        // One that is not `Unpin`: held in a box.
        let c = yield_from!(pinned_sub());
        (a, b, c)
    }

    #[test]
    fn coroutines_get_the_resume_arguments_and_give_their_return_value() {
        let mut c = delegating();
        let mut trace = Vec::new();
        for arg in [0.0, 3.0, 2.0, 4.0, -1.0, 9.0] {
            match Pin::new(&mut c).resume(arg) {
                CoroutineState::Yielded(y) => trace.push(y),
                CoroutineState::Complete(r) => {
                    assert_eq!(r, (2, 7, 1));
                    // 100 + f64::default(); the averages of 2 and 4; the
                    // pinned one's.
                    assert_eq!(trace, [100.0, 0.0, 2.0, 3.0, 1.0]);
                    return;
                }
            }
        }
        panic!("not complete: {trace:?}");
    }

    struct Noisy(&'static str, Rc<RefCell<Vec<&'static str>>>);
    impl Drop for Noisy {
        fn drop(&mut self) {
            self.1.borrow_mut().push(self.0);
        }
    }

    #[generator(native)]
    fn inner(log: Rc<RefCell<Vec<&'static str>>>) -> impl Iterator<Item = u32> {
        let _inner = Noisy("inner", log.clone());
        yield_!(1);
        yield_!(2);
    }

    #[generator(native)]
    fn outer(log: Rc<RefCell<Vec<&'static str>>>) -> impl Iterator<Item = u32> {
        let _outer = Noisy("outer", log.clone());
        yield_from!(inner(log.clone()));
    }

    #[test]
    fn dropping_inside_a_delegation_drops_the_delegate_first() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut g = outer(log.clone());
        assert_eq!(g.next(), Some(1));
        drop(g);
        assert_eq!(*log.borrow(), ["inner", "outer"]);
    }
}

/// Bodies the differential suite found the native engine refusing, or
/// miscompiling, each now native (`#[generator(native)]` proves it).
mod found_by_differential_testing {
    use coro::{generator, yield_};

    // A label, a local and a method named like the function are not calls
    // of it.
    #[generator(native)]
    fn items(n: u32) -> impl Iterator<Item = u32> {
        'items: for i in 0..n {
            if i == 1 {
                continue 'items;
            }
            yield_!(i);
        }
    }

    #[generator(native)]
    fn total(v: Vec<u32>) -> impl Iterator<Item = u32> {
        let mut total = 0;
        for x in v {
            total += x;
            yield_!(total);
        }
    }

    #[generator(native)]
    fn len(v: Vec<u32>) -> impl Iterator<Item = usize> {
        yield_!(v.len());
        println!("{}", v.len());
    }

    // A local moved into a yield on a path that then leaves (by `return`,
    // or `continue` of an outer loop) is not carried across that yield.
    #[generator(native)]
    fn moved_then_returned(stop: bool) -> impl Iterator<Item = String> {
        let s = String::from("s");
        if stop {
            yield_!(s);
            return;
        }
        yield_!(s + "!");
    }

    #[generator(native)]
    fn moved_then_continued(n: u32) -> impl Iterator<Item = Vec<u32>> {
        'outer: for i in 0..n {
            let mut v = Vec::new();
            loop {
                v.push(i);
                if v.len() == 2 {
                    yield_!(v);
                    continue 'outer;
                }
            }
        }
    }

    #[test]
    fn they_run() {
        assert_eq!(items(3).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(total(vec![1, 2, 3]).collect::<Vec<_>>(), [1, 3, 6]);
        assert_eq!(len(vec![1, 2]).collect::<Vec<_>>(), [2]);
        assert_eq!(moved_then_returned(true).collect::<Vec<_>>(), ["s"]);
        assert_eq!(moved_then_returned(false).collect::<Vec<_>>(), ["s!"]);
        assert_eq!(
            moved_then_continued(2).collect::<Vec<_>>(),
            [vec![0, 0], vec![1, 1]]
        );
    }

    // A body whose recursion is real still takes the async engine.
    #[generator]
    fn countdown(n: u32) -> coro::BoxIter<'static, u32> {
        if n > 0 {
            yield_!(n);
            coro::yield_from!(countdown(n - 1));
        }
    }

    #[test]
    fn recursion_still_works() {
        assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
    }
}

/// Bodies the compile-fail suite found the native analysis taking wrongly
/// (each holds a borrow of a local across a `yield_!`, or declares a local
/// the analysis cannot see), so that the default `#[generator]` did not
/// compile; they now take the async engine (or, where sound, stay native).
mod holes_found_by_compile_tests {
    use std::cell::RefCell;
    use std::path::PathBuf;

    use coro::{generator, yield_};

    #[generator]
    fn extended_temporary() -> impl Iterator<Item = usize> {
        let x = &String::from("hi");
        yield_!(0);
        yield_!(x.len());
    }

    #[allow(
        clippy::into_iter_on_ref,
        clippy::explicit_iter_loop,
        clippy::explicit_into_iter_loop,
        reason = "the auto-ref is the point"
    )]
    #[generator]
    fn into_iter_autoref() -> impl Iterator<Item = usize> {
        let p = PathBuf::from("/a/bc");
        for c in p.into_iter() {
            yield_!(c.len());
        }
    }

    macro_rules! bind {
        ($name:ident = $e:expr) => {
            let $name = $e;
        };
    }

    #[generator]
    fn macro_declares_binding() -> impl Iterator<Item = u32> {
        bind!(x = 5);
        yield_!(0);
        yield_!(x);
    }

    #[generator]
    fn option_insert() -> impl Iterator<Item = u32> {
        let mut opt = None;
        let r = opt.insert(5u32);
        yield_!(0);
        *r += 1;
        yield_!(*r);
    }

    #[generator]
    fn store_through_alias(v: Vec<u32>) -> impl Iterator<Item = u32> {
        let mut refs: Vec<&u32> = Vec::new();
        let rm = &mut refs;
        rm.push(&v[0]);
        yield_!(0);
        yield_!(*refs[0]);
    }

    #[generator]
    fn store_through_closure(v: Vec<u32>) -> impl Iterator<Item = u32> {
        let mut refs: Vec<&u32> = Vec::new();
        let mut add = |x| refs.push(x);
        add(&v[0]);
        yield_!(0);
        yield_!(*refs[0]);
    }

    static ZERO: u32 = 0;

    #[generator]
    fn store_through_method_place(v: Vec<u32>) -> impl Iterator<Item = u32> {
        let mut refs: Vec<&u32> = vec![&ZERO];
        *refs.last_mut().unwrap() = &v[0];
        yield_!(0);
        yield_!(*refs[0]);
    }

    // (On the async engine the `Ref` temporary of the last `yield_!` lives
    // across its suspension, as a temporary lives to the end of its
    // statement.)
    #[allow(clippy::await_holding_refcell_ref)]
    #[generator]
    fn store_through_refcell(v: Vec<u32>) -> impl Iterator<Item = u32> {
        let cell: RefCell<Vec<&u32>> = RefCell::new(Vec::new());
        cell.borrow_mut().push(&v[0]);
        yield_!(0);
        yield_!(*cell.borrow()[0]);
    }

    #[test]
    fn they_compile_and_run() {
        assert_eq!(extended_temporary().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(into_iter_autoref().collect::<Vec<_>>(), [1, 1, 2]);
        assert_eq!(macro_declares_binding().collect::<Vec<_>>(), [0, 5]);
        assert_eq!(option_insert().collect::<Vec<_>>(), [0, 6]);
        assert_eq!(store_through_alias(vec![7]).collect::<Vec<_>>(), [0, 7]);
        assert_eq!(store_through_closure(vec![7]).collect::<Vec<_>>(), [0, 7]);
        assert_eq!(
            store_through_method_place(vec![7]).collect::<Vec<_>>(),
            [0, 7]
        );
        assert_eq!(store_through_refcell(vec![7]).collect::<Vec<_>>(), [0, 7]);
    }
}
