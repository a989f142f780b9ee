//! The generator protocol: `Generator::status` and `Generator::close` on
//! every form coro builds, on both engines: close at each suspension point
//! (with drop logs), while delegating, after a panic, with a destructor that
//! panics, and `Debug`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use coro::{
    BoxCoroutine, BoxIter, Coroutine, CoroutineState, Generator, LocalBoxCoroutine, LocalBoxIter,
    Status, Stream, coroutine, generator, iter, stream, yield_, yield_from,
};

/// What was dropped, in order.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<&'static str>>>);

impl Log {
    fn push(&self, event: &'static str) {
        self.0.lock().unwrap().push(event);
    }

    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// Logs its name when dropped; panics there too if it is a bomb.
struct Noisy {
    name: &'static str,
    log: Log,
    bomb: bool,
}

impl Noisy {
    fn new(log: &Log, name: &'static str) -> Self {
        Noisy {
            name,
            log: log.clone(),
            bomb: false,
        }
    }

    fn bomb(log: &Log, name: &'static str) -> Self {
        Noisy {
            name,
            log: log.clone(),
            bomb: true,
        }
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        self.log.push(self.name);
        assert!(!self.bomb, "{} went off", self.name);
    }
}

// --- The bodies, on each engine and in each form ---------------------------

/// `$head` (a `#[generator]` fn's attributes and signature, whose `log:
/// Log` argument it uses) with a body of two suspension points, a guard
/// live at each.
macro_rules! two_points {
    ($log:ident; $($head:tt)*) => {
        $($head)* {
            let _a = Noisy::new(&$log, "a");
            yield_!(1);
            let _b = Noisy::new(&$log, "b");
            yield_!(2);
            $log.push("end");
        }
    };
}

two_points!(log; #[generator] fn native_iter(log: Log) -> impl Iterator<Item = u32> + Generator);
two_points!(log; #[generator(fallback)] fn fallback_iter(log: Log) -> impl Iterator<Item = u32> + Generator);
two_points!(log; #[generator] fn box_iter(log: Log) -> BoxIter<'static, u32>);
two_points!(log; #[generator(fallback)] fn box_iter_fallback(log: Log) -> LocalBoxIter<'static, u32>);
two_points!(log; #[generator] fn native_coroutine(log: Log) -> impl Coroutine<Yield = u32, Return = ()> + Generator);
two_points!(log; #[generator(fallback)] fn fallback_coroutine(log: Log) -> impl Coroutine<Yield = u32, Return = ()> + Generator);
two_points!(log; #[generator(unboxed, fallback)] fn unboxed_coroutine(log: Log) -> impl Coroutine<Yield = u32, Return = ()> + Generator);
two_points!(log; #[generator] fn box_coroutine(log: Log) -> BoxCoroutine<'static, u32>);
two_points!(log; #[generator(fallback)] fn local_box_coroutine(log: Log) -> LocalBoxCoroutine<'static, u32>);
two_points!(log; #[generator] async fn boxed_stream(log: Log) -> impl Stream<Item = u32> + Generator);
two_points!(log; #[generator(unboxed)] async fn unboxed_stream(log: Log) -> impl Stream<Item = u32> + Generator);

// --- Driving any of them one step ------------------------------------------

/// One step of a generator, whatever its form: `Some(item)` or `None` at
/// its end.
trait Step: Generator {
    fn step(self: Pin<&mut Self>) -> Option<u32>;
}

struct AsIter<I>(I);
struct AsCoroutine<C>(C);
struct AsStream<S>(S);

impl<I: Iterator<Item = u32> + Generator + Unpin> Generator for AsIter<I> {
    fn status(&self) -> Status {
        self.0.status()
    }
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut Pin::into_inner(self).0).close();
    }
}

impl<I: Iterator<Item = u32> + Generator + Unpin> Step for AsIter<I> {
    fn step(self: Pin<&mut Self>) -> Option<u32> {
        Pin::into_inner(self).0.next()
    }
}

impl<C: Coroutine<Yield = u32, Return = ()> + Generator + Unpin> Generator for AsCoroutine<C> {
    fn status(&self) -> Status {
        self.0.status()
    }
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut Pin::into_inner(self).0).close();
    }
}

impl<C: Coroutine<Yield = u32, Return = ()> + Generator + Unpin> Step for AsCoroutine<C> {
    fn step(self: Pin<&mut Self>) -> Option<u32> {
        match Pin::new(&mut Pin::into_inner(self).0).resume(()) {
            CoroutineState::Yielded(item) => Some(item),
            CoroutineState::Complete(()) => None,
        }
    }
}

impl<S: Stream<Item = u32> + Generator + Unpin> Generator for AsStream<S> {
    fn status(&self) -> Status {
        self.0.status()
    }
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut Pin::into_inner(self).0).close();
    }
}

impl<S: Stream<Item = u32> + Generator + Unpin> Step for AsStream<S> {
    fn step(self: Pin<&mut Self>) -> Option<u32> {
        let mut cx = Context::from_waker(Waker::noop());
        match Pin::new(&mut Pin::into_inner(self).0).poll_next(&mut cx) {
            Poll::Ready(item) => item,
            Poll::Pending => panic!("these streams never wait"),
        }
    }
}

/// Every form of the two-point body, by name.
fn forms(log: &Log) -> Vec<(&'static str, Pin<Box<dyn Step>>)> {
    let l = || log.clone();
    vec![
        ("native fn", Box::pin(AsIter(native_iter(l())))),
        ("fallback fn", Box::pin(AsIter(fallback_iter(l())))),
        ("BoxIter", Box::pin(AsIter(box_iter(l())))),
        (
            "LocalBoxIter (fallback)",
            Box::pin(AsIter(box_iter_fallback(l()))),
        ),
        (
            "native coroutine",
            Box::pin(AsCoroutine(native_coroutine(l()))),
        ),
        (
            "fallback coroutine",
            Box::pin(AsCoroutine(fallback_coroutine(l()))),
        ),
        (
            "unboxed coroutine",
            Box::pin(AsCoroutine(Box::pin(unboxed_coroutine(l())))),
        ),
        ("BoxCoroutine", Box::pin(AsCoroutine(box_coroutine(l())))),
        (
            "LocalBoxCoroutine (fallback)",
            Box::pin(AsCoroutine(local_box_coroutine(l()))),
        ),
        ("boxed stream", Box::pin(AsStream(boxed_stream(l())))),
        (
            "unboxed stream",
            Box::pin(AsStream(Box::pin(unboxed_stream(l())))),
        ),
        ("iter!", {
            let log = l();
            Box::pin(AsIter(iter! {
                let _a = Noisy::new(&log, "a");
                yield_!(1);
                let _b = Noisy::new(&log, "b");
                yield_!(2);
                log.push("end");
            }))
        }),
        ("coroutine!", {
            let log = l();
            Box::pin(AsCoroutine(coroutine!(|| {
                let _a = Noisy::new(&log, "a");
                yield_!(1);
                let _b = Noisy::new(&log, "b");
                yield_!(2);
                log.push("end");
            })))
        }),
        ("stream!", {
            let log = l();
            Box::pin(AsStream(stream! {
                let _a = Noisy::new(&log, "a");
                yield_!(1);
                let _b = Noisy::new(&log, "b");
                yield_!(2);
                log.push("end");
            }))
        }),
    ]
}

#[test]
fn status_follows_the_body_in_every_form() {
    let log = Log::default();
    for (name, mut g) in forms(&log) {
        assert_eq!(g.status(), Status::Created, "{name}");
        assert_eq!(g.as_mut().step(), Some(1), "{name}");
        assert_eq!(g.status(), Status::Suspended, "{name}");
        assert_eq!(g.as_mut().step(), Some(2), "{name}");
        assert_eq!(g.status(), Status::Suspended, "{name}");
        assert_eq!(g.as_mut().step(), None, "{name}");
        assert_eq!(g.status(), Status::Closed, "{name}");
        assert_eq!(log.take(), ["end", "b", "a"], "{name}");
    }
}

#[test]
fn close_at_each_suspension_point_drops_what_is_live_there_once() {
    // After k steps: what closing drops, in order.
    let expected: [&[&str]; 4] = [&[], &["a"], &["b", "a"], &[]];
    for (k, dropped) in expected.iter().enumerate() {
        let log = Log::default();
        for (name, mut g) in forms(&log) {
            for _ in 0..k {
                let _ = g.as_mut().step();
            }
            let before = log.take();
            g.as_mut().close();
            assert_eq!(log.take(), *dropped, "{name}, closed after {k} steps");
            assert_eq!(g.status(), Status::Closed, "{name}, after {k} steps");
            // Closed for good: nothing more comes, nothing is dropped again.
            g.as_mut().close();
            drop(g);
            assert_eq!(log.take(), [] as [&str; 0], "{name}, after {k} steps");
            if k == 3 {
                assert_eq!(before, ["end", "b", "a"], "{name}");
            }
        }
    }
}

#[test]
fn a_closed_generator_gives_nothing_more() {
    let log = Log::default();
    for (name, mut g) in forms(&log) {
        assert_eq!(g.as_mut().step(), Some(1), "{name}");
        g.as_mut().close();
        match name {
            // A coroutine resumed after it completed panics.
            n if n.contains("oroutine") => {
                let resumed = catch_unwind(AssertUnwindSafe(|| g.as_mut().step()));
                assert!(resumed.is_err(), "{name}");
            }
            _ => assert_eq!(g.as_mut().step(), None, "{name}"),
        }
        assert_eq!(g.status(), Status::Closed, "{name}");
    }
}

#[test]
fn closing_a_created_generator_drops_its_arguments() {
    #[generator]
    fn holds(arg: Noisy) -> impl Iterator<Item = &'static str> + Generator {
        yield_!(arg.name);
    }
    #[generator(fallback)]
    fn holds_fallback(arg: Noisy) -> impl Iterator<Item = &'static str> + Generator {
        yield_!(arg.name);
    }
    let log = Log::default();
    let mut g = holds(Noisy::new(&log, "native arg"));
    Pin::new(&mut g).close();
    let mut h = holds_fallback(Noisy::new(&log, "fallback arg"));
    Pin::new(&mut h).close();
    assert_eq!(log.take(), ["native arg", "fallback arg"]);
    assert_eq!((g.next(), h.next()), (None, None));
    assert_eq!((g.status(), h.status()), (Status::Closed, Status::Closed));
}

// --- Delegation -----------------------------------------------------------

#[generator]
fn inner(log: Log) -> impl Iterator<Item = u32> {
    let _i = Noisy::new(&log, "inner");
    yield_!(1);
    yield_!(2);
}

#[generator]
fn outer(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _o = Noisy::new(&log, "outer");
    yield_from!(inner(log.clone()));
    yield_!(3);
}

#[generator(fallback)]
fn outer_fallback(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _o = Noisy::new(&log, "outer");
    yield_from!(inner(log.clone()));
    yield_!(3);
}

#[generator(fallback, first = _)]
fn inner_coroutine(log: Log) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let _i = Noisy::new(&log, "inner coroutine");
    let x = yield_!(1);
    x
}

#[generator(fallback, first = _)]
fn outer_coroutine(log: Log) -> impl Coroutine<u32, Yield = u32, Return = u32> + Generator {
    let _o = Noisy::new(&log, "outer coroutine");
    let r = yield_from!(inner_coroutine(log.clone()));
    r + 1
}

#[test]
fn closing_while_delegating_drops_the_innermost_first() {
    let log = Log::default();
    let mut native = outer(log.clone());
    assert_eq!(native.next(), Some(1));
    Pin::new(&mut native).close();
    assert_eq!(log.take(), ["inner", "outer"]);

    let mut fallback = outer_fallback(log.clone());
    assert_eq!(fallback.next(), Some(1));
    Pin::new(&mut fallback).close();
    assert_eq!(log.take(), ["inner", "outer"]);
    assert_eq!((native.next(), fallback.next()), (None, None));

    // Delegating through a frame (a coroutine on the async engine).
    let mut c = outer_coroutine(log.clone());
    assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Yielded(1));
    assert_eq!(c.status(), Status::Suspended);
    Pin::new(&mut c).close();
    assert_eq!(log.take(), ["inner coroutine", "outer coroutine"]);
    assert_eq!(c.status(), Status::Closed);
}

// --- Panics ---------------------------------------------------------------

#[generator]
fn panics_native(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _a = Noisy::new(&log, "a");
    yield_!(1);
    panic!("the body panics");
}

#[generator(fallback)]
fn panics_fallback(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _a = Noisy::new(&log, "a");
    yield_!(1);
    panic!("the body panics");
}

fn after_a_panic(mut g: impl Iterator<Item = u32> + Generator + Unpin, log: &Log) {
    assert_eq!(g.next(), Some(1));
    assert!(catch_unwind(AssertUnwindSafe(|| g.next())).is_err());
    assert_eq!(g.status(), Status::Closed);
    assert_eq!(log.take(), ["a"]);
    Pin::new(&mut g).close();
    assert_eq!(g.next(), None);
    drop(g);
    assert_eq!(log.take(), [] as [&str; 0]);
}

#[test]
fn a_generator_that_panicked_is_closed_and_close_does_nothing() {
    let log = Log::default();
    after_a_panic(panics_native(log.clone()), &log);
    after_a_panic(panics_fallback(log.clone()), &log);
}

#[generator]
fn bomb_native(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _first = Noisy::new(&log, "first");
    let _bomb = Noisy::bomb(&log, "bomb");
    let _last = Noisy::new(&log, "last");
    yield_!(1);
}

#[generator(fallback)]
fn bomb_fallback(log: Log) -> impl Iterator<Item = u32> + Generator {
    let _first = Noisy::new(&log, "first");
    let _bomb = Noisy::bomb(&log, "bomb");
    let _last = Noisy::new(&log, "last");
    yield_!(1);
}

fn close_with_a_bomb(mut g: impl Iterator<Item = u32> + Generator + Unpin, log: &Log) {
    assert_eq!(g.next(), Some(1));
    let closed = catch_unwind(AssertUnwindSafe(|| Pin::new(&mut g).close()));
    assert!(closed.is_err(), "the destructor's panic propagates");
    assert_eq!(log.take(), ["last", "bomb", "first"], "the others ran");
    assert_eq!(g.status(), Status::Closed);
    assert_eq!(g.next(), None);
    drop(g);
    assert_eq!(log.take(), [] as [&str; 0], "nothing dropped twice");
}

#[test]
fn a_panicking_destructor_does_not_stop_the_others() {
    let log = Log::default();
    close_with_a_bomb(bomb_native(log.clone()), &log);
    close_with_a_bomb(bomb_fallback(log.clone()), &log);
}

// --- Debug ----------------------------------------------------------------

#[test]
fn debug_shows_the_status() {
    use std::fmt::Debug;

    #[generator(native)]
    fn native() -> impl Iterator<Item = u32> + Debug {
        yield_!(1);
    }
    #[generator(fallback)]
    fn fallback() -> impl Iterator<Item = u32> + Debug {
        yield_!(1);
    }
    let (mut g, mut h) = (native(), fallback());
    let line = line!() - 7;
    let native_suspended =
        format!(r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{line}:9", .. }}"#);
    for (status, native) in [
        ("Created", None),
        ("Suspended", Some(native_suspended)),
        ("Closed", None),
    ] {
        let shown = format!("Generator {{ status: {status}, .. }}");
        let native = native.unwrap_or(shown);
        assert_eq!(format!("{g:?}"), native);
        // The same on the async engine, but for the line.
        assert_eq!(
            format!("{h:?}"),
            native.replace(&format!(":{line}:"), &format!(":{}:", line + 4))
        );
        let _ = (g.next(), h.next());
    }
}

#[test]
fn debug_says_where_a_native_generator_is_suspended() {
    use std::fmt::Debug;

    #[generator(native)]
    fn two() -> impl Iterator<Item = u32> + Debug {
        yield_!(1);
        let x = 2;
        yield_!(x);
    }
    let mut g = two();
    assert_eq!(format!("{g:?}"), "Generator { status: Created, .. }");
    let first = line!() - 6;
    let _ = g.next();
    assert_eq!(
        format!("{g:?}"),
        format!(r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{first}:9", .. }}"#)
    );
    let _ = g.next();
    assert_eq!(
        format!("{g:?}"),
        format!(
            r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{}:9", .. }}"#,
            first + 2
        )
    );
    let _ = g.next();
    assert_eq!(format!("{g:?}"), "Generator { status: Closed, .. }");
}

// --- The first resume argument ---------------------------------------------

/// A parser fed a byte at a time: with `first = byte`, the byte that
/// starts it is its first input, not lost.
#[generator(first = byte)]
fn digits() -> impl Coroutine<u8, Yield = u32, Return = u32> {
    let mut sum = 0u32;
    let mut byte: u8 = byte;
    while byte != b'\n' {
        sum += u32::from(byte - b'0');
        byte = yield_!(sum);
    }
    sum
}

#[generator(first = byte, fallback)]
fn digits_fallback() -> impl Coroutine<u8, Yield = u32, Return = u32> {
    let mut sum = 0u32;
    let mut byte: u8 = byte;
    while byte != b'\n' {
        sum += u32::from(byte - b'0');
        byte = yield_!(sum);
    }
    sum
}

fn feed(
    mut c: impl Coroutine<u8, Yield = u32, Return = u32> + Unpin,
    input: &[u8],
) -> Vec<CoroutineState<u32, u32>> {
    input.iter().map(|&b| Pin::new(&mut c).resume(b)).collect()
}

#[test]
fn first_binds_the_argument_that_starts_the_body() {
    use CoroutineState::{Complete, Yielded};
    let expected = [Yielded(1), Yielded(3), Yielded(6), Complete(6)];
    assert_eq!(feed(digits(), b"123\n"), expected);
    assert_eq!(feed(digits_fallback(), b"123\n"), expected);
}

#[test]
fn first_takes_a_pattern_and_a_coroutine_block_binds_its_parameter() {
    #[generator(first = (a, b))]
    fn pairs() -> impl Coroutine<(u8, u8), Yield = u8, Return = ()> {
        let (mut a, mut b) = (a, b);
        while a != 0 {
            (a, b) = yield_!(a + b);
        }
        let _ = b;
    }
    let mut p = pairs();
    assert_eq!(Pin::new(&mut p).resume((1, 2)), CoroutineState::Yielded(3));
    assert_eq!(Pin::new(&mut p).resume((3, 4)), CoroutineState::Yielded(7));
    assert_eq!(
        Pin::new(&mut p).resume((0, 0)),
        CoroutineState::Complete(())
    );

    // The block form already had it: the closure's parameter.
    let mut c = coroutine!(|first: u8| -> u8 { first + yield_!(first) });
    assert_eq!(Pin::new(&mut c).resume(5), CoroutineState::Yielded(5));
    assert_eq!(Pin::new(&mut c).resume(1), CoroutineState::Complete(6));
}

#[test]
fn without_first_priming_with_a_placeholder_works_as_before() {
    #[generator(first = _)]
    fn echo() -> impl Coroutine<String, Yield = String, Return = ()> {
        let mut s = yield_!(String::from("ready"));
        while !s.is_empty() {
            s = yield_!(s.to_uppercase());
        }
    }
    let mut e = echo();
    let prime = Pin::new(&mut e).resume(String::new());
    assert_eq!(prime, CoroutineState::Yielded("ready".into()));
    assert_eq!(
        Pin::new(&mut e).resume("hi".into()),
        CoroutineState::Yielded("HI".into())
    );
}

// --- throw and send -----------------------------------------------------------

#[test]
fn throw_is_a_result_resumed_with_and_a_question_mark_in_the_body() {
    use coro::send;

    /// A resource told of the caller's error: `?` ends the body with it,
    /// and the guard cleans up on the way out (both engines).
    macro_rules! resource {
        ($log:ident; $($head:tt)*) => {
            $($head)* {
                let _open = Noisy::new(&$log, "closed");
                let mut used = 0;
                loop {
                    let n = yield_!(used)?;
                    used += n;
                }
            }
        };
    }
    resource!(log; #[generator(first = _)] fn native(log: Log) -> impl Coroutine<Result<u32, &'static str>, Yield = u32, Return = Result<(), &'static str>>);
    resource!(log; #[generator(fallback, first = _)] fn fallback(log: Log) -> impl Coroutine<Result<u32, &'static str>, Yield = u32, Return = Result<(), &'static str>>);

    let log = Log::default();
    let mut n = native(log.clone());
    let mut f = fallback(log.clone());
    for (step, expected) in [
        (Ok(0), CoroutineState::Yielded(0)),
        (Ok(2), CoroutineState::Yielded(2)),
        (Err("boom"), CoroutineState::Complete(Err("boom"))),
    ] {
        assert_eq!(send(&mut n, step), expected);
        assert_eq!(send(&mut f, step), expected);
    }
    assert_eq!(log.take(), ["closed", "closed"]);
}

#[test]
fn an_async_generator_waiting_at_an_await_is_not_at_its_last_yield() {
    use std::fmt::Debug;

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

    #[generator]
    async fn ticking() -> impl Stream<Item = u32> + Debug {
        yield_!(1);
        tick().await;
        yield_!(2);
    }
    let line = line!() - 4;
    let mut s = Box::pin(ticking());
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    assert_eq!(
        format!("{s:?}"),
        format!(r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{line}:9", .. }}"#)
    );
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert_eq!(format!("{s:?}"), "Generator { status: Suspended, .. }");
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
    assert_eq!(
        format!("{s:?}"),
        format!(
            r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{}:9", .. }}"#,
            line + 2
        )
    );
}

/// `Debug` of `g` says it is suspended at line `line` of this file.
fn assert_at(g: &impl std::fmt::Debug, line: u32) {
    let shown = format!("{g:?}");
    assert!(
        shown.starts_with(&format!(
            r#"Generator {{ status: Suspended, at: "tests/protocol.rs:{line}:"#
        )),
        "expected line {line}: {shown}"
    );
}

// While it delegates, a generator is at its `yield_from!`, on every path:
// the native engine's loop, the async engine's frame (a coroutine in the
// body), its in-place loop (an iterator), its re-yield (inside another
// macro's tokens), and the async kinds' (a stream, an async coroutine).
// (Where the delegate itself is suspended is its own `Debug`'s to show.)

#[generator(first = _)]
fn child() -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let x = yield_!(100);
    let _ = yield_!(200);
    x
}

/// A user's macro, among whose tokens a `yield_from!` re-yields.
macro_rules! same {
    ($e:expr) => {
        $e
    };
}

// (Written out twice, not by a `macro_rules!`: `line!()` in a macro's body
// is the line of its call.)
mod native_parents {
    use super::*;

    #[generator(first = _)]
    pub(super) fn to_coroutine() -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug
    {
        yield_!(line!());
        let r = yield_from!(child());
        yield_!(line!());
        r
    }

    #[generator]
    pub(super) fn to_iterator() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!());
        yield_from!(vec![100, 200]);
        yield_!(line!());
    }

    #[generator(first = _)]
    pub(super) fn in_tokens() -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!());
        let r = same!(yield_from!(child()));
        yield_!(line!());
        r
    }
}

mod fallback_parents {
    use super::*;

    #[generator(fallback, first = _)]
    pub(super) fn to_coroutine() -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug
    {
        yield_!(line!());
        let r = yield_from!(child());
        yield_!(line!());
        r
    }

    #[generator(fallback)]
    pub(super) fn to_iterator() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!());
        yield_from!(vec![100, 200]);
        yield_!(line!());
    }

    #[generator(fallback, first = _)]
    pub(super) fn in_tokens() -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!());
        let r = same!(yield_from!(child()));
        yield_!(line!());
        r
    }
}

/// Steps `g` (yielding its lines around a delegation of two items) and
/// checks where `Debug` says it is at each step.
fn check_delegation<G: Coroutine<u32, Yield = u32, Return = u32> + Unpin + std::fmt::Debug>(
    mut g: G,
) {
    let CoroutineState::Yielded(before) = Pin::new(&mut g).resume(0) else {
        panic!("expected a yield");
    };
    assert_at(&g, before);
    for item in [100, 200] {
        assert_eq!(Pin::new(&mut g).resume(7), CoroutineState::Yielded(item));
        assert_at(&g, before + 1);
    }
    assert_eq!(
        Pin::new(&mut g).resume(7),
        CoroutineState::Yielded(before + 2)
    );
    assert_at(&g, before + 2);
}

/// [`check_delegation`] for an iterator.
fn check_iter_delegation(mut g: impl Iterator<Item = u32> + std::fmt::Debug) {
    let before = g.next().unwrap();
    assert_at(&g, before);
    for item in [100, 200] {
        assert_eq!(g.next(), Some(item));
        assert_at(&g, before + 1);
    }
    assert_eq!(g.next(), Some(before + 2));
    assert_at(&g, before + 2);
}

#[test]
fn a_delegating_generator_is_at_its_yield_from() {
    check_delegation(native_parents::to_coroutine());
    check_delegation(fallback_parents::to_coroutine());
    check_iter_delegation(native_parents::to_iterator());
    check_iter_delegation(fallback_parents::to_iterator());
    check_delegation(native_parents::in_tokens());
    check_delegation(fallback_parents::in_tokens());
}

#[test]
fn a_delegating_async_generator_is_at_its_yield_from() {
    #[generator]
    async fn items() -> impl Stream<Item = u32> {
        core::future::ready(()).await;
        yield_!(100);
        yield_!(200);
    }
    #[generator]
    async fn outer() -> impl Stream<Item = u32> + std::fmt::Debug {
        yield_!(line!());
        yield_from!(items());
        yield_!(line!());
    }
    futures::executor::block_on(async {
        let mut s = outer();
        let before = coro::anext(&mut s).await.unwrap();
        assert_at(&s, before);
        for item in [100, 200] {
            assert_eq!(coro::anext(&mut s).await, Some(item));
            assert_at(&s, before + 1);
        }
        assert_eq!(coro::anext(&mut s).await, Some(before + 2));
        assert_at(&s, before + 2);
    });
}

#[test]
fn a_delegating_async_coroutine_is_at_its_yield_from() {
    use coro::{AsyncCoroutine, aresume};

    #[generator(first = _)]
    async fn inner() -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> {
        core::future::ready(()).await;
        let x = yield_!(100);
        let _ = yield_!(200);
        x
    }
    #[generator(first = _)]
    async fn outer() -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!());
        let r = yield_from!(inner());
        yield_from!(stream! { yield_!(300); });
        yield_!(line!());
        r
    }
    futures::executor::block_on(async {
        let mut c = outer();
        let CoroutineState::Yielded(before) = aresume(&mut c, 0).await else {
            panic!("expected a yield");
        };
        assert_at(&c, before);
        for item in [100, 200] {
            assert_eq!(aresume(&mut c, 7).await, CoroutineState::Yielded(item));
            assert_at(&c, before + 1);
        }
        assert_eq!(aresume(&mut c, 7).await, CoroutineState::Yielded(300));
        assert_at(&c, before + 2);
        assert_eq!(
            aresume(&mut c, 7).await,
            CoroutineState::Yielded(before + 3)
        );
        assert_at(&c, before + 3);
    });
}

// While it delegates, a generator's `Debug` also shows where the innermost
// delegate waits, when the delegate's type lets coro see it: any generator
// coro built (a `#[generator]` fn's `impl Iterator` shows coro's
// `Coroutine` too), behind any pointer or box, but not behind an adaptor
// such as `filter`. The items are the lines they are yielded at.

/// The lines of `at` and `innermost` in `g`'s `Debug`.
fn lines_of(g: &impl std::fmt::Debug) -> (Option<u32>, Option<u32>) {
    let shown = format!("{g:?}");
    let line = |field: &str| {
        let start = shown.find(&format!("{field}: \"tests/protocol.rs:"))?;
        let rest = &shown[start + field.len() + 21..];
        rest[..rest.find(':')?].parse().ok()
    };
    (line("at"), line("innermost"))
}

mod deep {
    use super::*;

    #[generator(first = _)]
    pub(super) fn native_leaf() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let x = yield_!(line!());
        yield_!(line!());
        x
    }

    #[generator(fallback)]
    pub(super) fn fallback_leaf_iter() -> impl Iterator<Item = u32> {
        yield_!(line!());
        yield_!(line!());
    }

    #[generator]
    pub(super) fn over_fallback_iter() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(fallback_leaf_iter());
    }

    #[generator(fallback, first = _)]
    pub(super) fn fallback_leaf() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let x = yield_!(line!());
        yield_!(line!());
        x
    }

    #[generator]
    pub(super) fn leaf_iter() -> impl Iterator<Item = u32> + Generator {
        yield_!(line!());
        yield_!(line!());
    }

    #[generator]
    pub(super) fn plain_leaf_iter() -> impl Iterator<Item = u32> {
        yield_!(line!());
        yield_!(line!());
    }

    /// The line of each parent's `yield_from!`, which it yields first.
    #[generator(first = _)]
    pub(super) fn native_over_native()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(native_leaf())
    }

    #[generator(first = _)]
    pub(super) fn native_over_fallback()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(fallback_leaf())
    }

    #[generator(fallback, first = _)]
    pub(super) fn fallback_over_native()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(native_leaf())
    }

    #[generator(fallback, first = _)]
    pub(super) fn fallback_over_fallback()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(fallback_leaf())
    }

    /// Three levels: the innermost is two down.
    #[generator(fallback, first = _)]
    pub(super) fn middle() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        yield_from!(native_leaf())
    }

    #[generator(first = _)]
    pub(super) fn native_over_two()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(middle())
    }

    #[generator(fallback, first = _)]
    pub(super) fn fallback_over_two()
    -> impl Coroutine<u32, Yield = u32, Return = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(middle())
    }

    #[generator]
    pub(super) fn over_iter() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(leaf_iter());
    }

    #[generator(fallback)]
    pub(super) fn fallback_over_iter() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(leaf_iter());
    }

    #[generator]
    pub(super) fn boxed_leaf(depth: u32) -> BoxIter<'static, u32> {
        if depth == 0 {
            yield_!(line!());
            yield_!(line!());
        } else {
            yield_from!(boxed_leaf(depth - 1));
        }
    }

    #[generator(native)]
    pub(super) fn over_boxed() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(boxed_leaf(3));
    }

    #[generator]
    pub(super) fn over_hidden_iter() -> impl Iterator<Item = u32> + std::fmt::Debug {
        yield_!(line!() + 1);
        yield_from!(plain_leaf_iter().filter(|_| true));
    }
}

/// Steps `g`: its first item is the line of its `yield_from!`, the others
/// the lines its innermost delegate yields at.
fn check_innermost<G>(mut g: G, innermost_known: bool)
where
    G: Coroutine<u32, Yield = u32, Return = u32> + Unpin + std::fmt::Debug,
{
    let CoroutineState::Yielded(at) = Pin::new(&mut g).resume(0) else {
        panic!("expected a yield");
    };
    assert_eq!(lines_of(&g), (Some(at - 1), None), "{g:?}");
    for _ in 0..2 {
        let CoroutineState::Yielded(leaf) = Pin::new(&mut g).resume(7) else {
            panic!("expected a yield");
        };
        let innermost = innermost_known.then_some(leaf);
        assert_eq!(lines_of(&g), (Some(at), innermost), "{g:?}");
    }
    assert_eq!(Pin::new(&mut g).resume(7), CoroutineState::Complete(7));
    assert_eq!(format!("{g:?}"), "Generator { status: Closed, .. }");
}

#[test]
fn a_delegating_generator_shows_where_its_innermost_delegate_waits() {
    check_innermost(deep::native_over_native(), true);
    check_innermost(deep::native_over_fallback(), true);
    check_innermost(deep::fallback_over_native(), true);
    check_innermost(deep::fallback_over_fallback(), true);
    check_innermost(deep::native_over_two(), true);
    check_innermost(deep::fallback_over_two(), true);
}

#[test]
fn an_iterator_delegate_shows_where_it_waits_unless_an_adaptor_hides_it() {
    let mut g = deep::over_iter();
    let at = g.next().unwrap();
    assert_eq!(lines_of(&g), (Some(at - 1), None), "{g:?}");
    for _ in 0..2 {
        let leaf = g.next().unwrap();
        assert_eq!(lines_of(&g), (Some(at), Some(leaf)), "{g:?}");
    }
    let mut g = deep::fallback_over_iter();
    let at = g.next().unwrap();
    for _ in 0..2 {
        let leaf = g.next().unwrap();
        assert_eq!(lines_of(&g), (Some(at), Some(leaf)), "{g:?}");
    }
    let mut g = deep::over_fallback_iter();
    let at = g.next().unwrap();
    for _ in 0..2 {
        let leaf = g.next().unwrap();
        assert_eq!(lines_of(&g), (Some(at), Some(leaf)), "{g:?}");
    }
    // A `BoxIter` is an iterator to the async engine, which re-yields its
    // items in place: below a native parent, the deepest level known is the
    // first boxed one's `yield_from!` (three lines below the leaf's first
    // yield).
    let mut g = deep::over_boxed();
    let at = g.next().unwrap();
    let leaf = g.next().unwrap();
    assert_eq!(lines_of(&g), (Some(at), Some(leaf + 3)), "{g:?}");
    // An adaptor (`filter`) hides the generator: only the `yield_from!` is
    // known.
    let mut g = deep::over_hidden_iter();
    let at = g.next().unwrap();
    for _ in 0..2 {
        g.next().unwrap();
        assert_eq!(lines_of(&g), (Some(at), None), "{g:?}");
    }
}
