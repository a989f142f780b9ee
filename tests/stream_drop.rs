//! Dropping an async generator at any point drops every live local of its
//! body exactly once, in the order a function unwinding from that point
//! would, and its arguments with it: at a `yield_!`, at an `.await`, before
//! the first poll, inside `yield_from!` (the inner stream first), when a
//! destructor panics, and after the body itself panicked.
//!
//! The streams are polled by hand with a no-op waker, so the point at which
//! each one is suspended is exact.

mod common;

use std::future::pending;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use common::{Log, Noisy};
use coro::{Stream, generator, stream, yield_, yield_from};
use futures::StreamExt;
use futures::stream::FusedStream;

/// Polls `s` once with a waker that does nothing.
fn poll<S: Stream + Unpin>(s: &mut S) -> Poll<Option<S::Item>> {
    s.poll_next_unpin(&mut Context::from_waker(Waker::noop()))
}

/// Three locals around three yields, the last inside a block; the body logs
/// where it is.
#[generator]
async fn three(log: Log, arg: Noisy) -> impl Stream<Item = u32> {
    log.push("started");
    let a = log.noisy("a");
    yield_!(1);
    let b = log.noisy("b");
    yield_!(2);
    {
        let c = log.noisy("c");
        yield_!(3);
        drop(c);
    }
    log.push("end of body");
    drop((a, b, arg));
}

#[test]
fn dropped_before_the_first_poll_drops_the_arguments_only() {
    let log = Log::new();
    let s = three(log.clone(), log.noisy("arg"));
    assert!(log.events().is_empty(), "{:?}", log.events());
    drop(s);
    assert_eq!(log.events(), ["drop arg"], "the body never ran");

    // A `stream!` block: its captures, likewise.
    let log = Log::new();
    let captured = log.noisy("captured");
    let inner = log.clone();
    let s = stream! {
        inner.push("started");
        let _local = inner.noisy("local");
        yield_!(captured.name.len());
    };
    drop(s);
    assert_eq!(log.events(), ["drop captured"]);
}

#[test]
fn dropped_while_suspended_at_each_yield() {
    // Taking k items, then dropping the stream: the locals live at that
    // `yield_!` are dropped once, latest declared first, then the argument.
    let expected: [&[&str]; 5] = [
        &["arg"],                // never polled
        &["a", "arg"],           // at the first yield
        &["b", "a", "arg"],      // at the second
        &["c", "b", "a", "arg"], // at the third, inside the block
        &[],                     // finished: the body dropped them itself
    ];
    for (k, expected) in expected.iter().enumerate() {
        let log = Log::new();
        let mut s = three(log.clone(), log.noisy("arg"));
        let items = [Some(1), Some(2), Some(3), None];
        for (i, want) in items.into_iter().enumerate().take(k) {
            assert_eq!(poll(&mut s), Poll::Ready(want), "k = {k}, item {i}");
        }
        if k < 4 {
            assert!(log.dropped().is_empty(), "k = {k}: {:?}", log.events());
        } else {
            assert_eq!(log.dropped(), ["c", "a", "b", "arg"]);
            assert!(s.is_terminated());
        }
        log.clear();
        drop(s);
        assert_eq!(log.dropped(), *expected, "dropping after {k} polls");
    }
}

#[test]
fn a_stream_block_dropped_at_a_yield() {
    let log = Log::new();
    let captured = log.noisy("captured");
    let inner = log.clone();
    let mut s = stream! {
        let first = inner.noisy("first");
        yield_!(captured.name.len());
        let second = inner.noisy("second");
        yield_!(0);
        drop((first, second));
    };
    assert_eq!(poll(&mut s), Poll::Ready(Some(8)));
    assert!(log.dropped().is_empty());
    drop(s);
    assert_eq!(log.dropped(), ["first", "captured"]);
}

/// An inner stream with locals on both sides of an `.await` that never ends.
#[generator]
async fn inner(log: Log, arg: Noisy) -> impl Stream<Item = u32> {
    let x = log.noisy("inner x");
    yield_!(10);
    let y = log.noisy("inner y");
    yield_!(11);
    pending::<()>().await;
    drop((x, y, arg));
}

/// Delegates to `inner` with a local of its own on each side of the
/// delegation.
#[generator]
async fn outer(log: Log, arg: Noisy) -> impl Stream<Item = u32> {
    let before = log.noisy("outer before");
    yield_!(1);
    yield_from!(inner(log.clone(), log.noisy("inner arg")));
    let after = log.noisy("outer after");
    drop((before, after, arg));
}

#[test]
fn dropped_inside_yield_from_drops_the_inner_stream_first() {
    // Suspended at the inner stream's first yield, its second yield, and its
    // `.await`: the inner stream's locals and argument go first (latest
    // first), then the outer's, as a function unwinding from there would.
    let cases: [(usize, &[&str]); 3] = [
        (2, &["inner x", "inner arg", "outer before", "outer arg"]),
        (
            3,
            &[
                "inner y",
                "inner x",
                "inner arg",
                "outer before",
                "outer arg",
            ],
        ),
        (
            4,
            &[
                "inner y",
                "inner x",
                "inner arg",
                "outer before",
                "outer arg",
            ],
        ),
    ];
    for (polls, expected) in cases {
        let log = Log::new();
        let mut s = outer(log.clone(), log.noisy("outer arg"));
        let mut seen = Vec::new();
        for _ in 0..polls {
            seen.push(poll(&mut s));
        }
        let want = [
            Poll::Ready(Some(1)),
            Poll::Ready(Some(10)),
            Poll::Ready(Some(11)),
            Poll::Pending,
        ];
        assert_eq!(seen, want[..polls]);
        assert!(log.dropped().is_empty(), "{polls}: {:?}", log.events());
        drop(s);
        assert_eq!(log.dropped(), expected, "dropped after {polls} polls");
    }
}

#[test]
fn nested_delegation_drops_innermost_first() {
    #[generator]
    async fn middle(log: Log) -> impl Stream<Item = u32> {
        let _m = log.noisy("middle");
        yield_from!(inner(log.clone(), log.noisy("inner arg")));
    }
    #[generator]
    async fn top(log: Log) -> impl Stream<Item = u32> {
        let _t = log.noisy("top");
        yield_from!(middle(log.clone()));
    }
    let log = Log::new();
    let mut s = top(log.clone());
    assert_eq!(poll(&mut s), Poll::Ready(Some(10)));
    assert_eq!(poll(&mut s), Poll::Ready(Some(11)));
    assert_eq!(poll(&mut s), Poll::Pending);
    drop(s);
    assert_eq!(
        log.dropped(),
        ["inner y", "inner x", "inner arg", "middle", "top"]
    );
}

#[test]
fn a_panicking_destructor_does_not_stop_the_others() {
    #[generator]
    async fn with_bomb(log: Log, arg: Noisy) -> impl Stream<Item = u8> {
        let _first = log.noisy("first");
        let _bomb = log.bomb("bomb");
        let _last = log.noisy("last");
        yield_!(1);
        drop(arg);
    }
    let log = Log::new();
    let mut s = with_bomb(log.clone(), log.noisy("arg"));
    assert_eq!(poll(&mut s), Poll::Ready(Some(1)));
    let result = catch_unwind(AssertUnwindSafe(|| drop(s)));
    let message = result.expect_err("the destructor's panic propagates");
    assert_eq!(
        message.downcast_ref::<String>().map(String::as_str),
        Some("bomb panics in drop")
    );
    assert_eq!(log.dropped(), ["last", "bomb", "first", "arg"]);

    // Suspended at an `.await` instead of a `yield_!`.
    let log = Log::new();
    let l = log.clone();
    let mut s = stream! {
        let _first = l.noisy("first");
        let _bomb = l.bomb("bomb");
        let _last = l.noisy("last");
        pending::<()>().await;
        yield_!(());
    };
    assert_eq!(poll(&mut s), Poll::Pending);
    assert!(catch_unwind(AssertUnwindSafe(|| drop(s))).is_err());
    assert_eq!(log.dropped(), ["last", "bomb", "first"]);
}

#[test]
fn a_panicking_destructor_in_the_inner_stream_does_not_stop_the_outer() {
    #[generator]
    async fn inner_bomb(log: Log) -> impl Stream<Item = u8> {
        let _x = log.noisy("inner x");
        let _bomb = log.bomb("inner bomb");
        let _y = log.noisy("inner y");
        yield_!(1);
    }
    #[generator]
    async fn delegating(log: Log, arg: Noisy) -> impl Stream<Item = u8> {
        let _before = log.noisy("outer before");
        yield_from!(inner_bomb(log.clone()));
        drop(arg);
    }
    let log = Log::new();
    let mut s = delegating(log.clone(), log.noisy("outer arg"));
    assert_eq!(poll(&mut s), Poll::Ready(Some(1)));
    assert!(catch_unwind(AssertUnwindSafe(|| drop(s))).is_err());
    assert_eq!(
        log.dropped(),
        [
            "inner y",
            "inner bomb",
            "inner x",
            "outer before",
            "outer arg"
        ]
    );
}

#[test]
fn a_panicking_body_drops_its_locals_once_and_is_then_fused() {
    #[generator]
    async fn fails(log: Log, arg: Noisy) -> impl Stream<Item = u8> {
        let _a = log.noisy("a");
        yield_!(1);
        let _b = log.noisy("b");
        log.push("about to panic");
        assert!(arg.name != "arg", "in the body");
        yield_!(2);
    }
    let log = Log::new();
    let mut s = fails(log.clone(), log.noisy("arg"));
    assert_eq!(poll(&mut s), Poll::Ready(Some(1)));
    let result = catch_unwind(AssertUnwindSafe(|| poll(&mut s)));
    let message = result.expect_err("the panic reaches the caller of poll_next");
    assert_eq!(message.downcast_ref::<&str>(), Some(&"in the body"));
    // The unwinding body dropped its locals, latest first, then the argument,
    // as an `async fn` would.
    assert_eq!(
        log.events(),
        ["about to panic", "drop b", "drop a", "drop arg"]
    );
    assert!(s.is_terminated());
    assert_eq!(poll(&mut s), Poll::Ready(None));
    assert_eq!(poll(&mut s), Poll::Ready(None));
    log.clear();
    drop(s);
    assert!(log.events().is_empty(), "dropped twice: {:?}", log.events());
}

#[test]
fn a_panicking_body_inside_yield_from() {
    #[generator]
    async fn inner_fails(log: Log) -> impl Stream<Item = u8> {
        let _x = log.noisy("inner x");
        yield_!(1);
        panic!("inner");
    }
    #[generator]
    async fn delegating(log: Log) -> impl Stream<Item = u8> {
        let _before = log.noisy("outer before");
        yield_from!(inner_fails(log.clone()));
        yield_!(2);
    }
    let log = Log::new();
    let mut s = delegating(log.clone());
    assert_eq!(poll(&mut s), Poll::Ready(Some(1)));
    let result = catch_unwind(AssertUnwindSafe(|| poll(&mut s)));
    let message = result.expect_err("the inner panic reaches the caller");
    assert_eq!(message.downcast_ref::<&str>(), Some(&"inner"));
    assert_eq!(log.dropped(), ["inner x", "outer before"]);
    assert!(s.is_terminated());
    assert_eq!(poll(&mut s), Poll::Ready(None));
    log.clear();
    drop(s);
    assert!(log.events().is_empty(), "dropped twice: {:?}", log.events());
}

#[test]
fn unboxed_streams_drop_the_same_way() {
    #[generator(unboxed)]
    async fn unboxed(log: Log, arg: Noisy) -> impl Stream<Item = u8> {
        let a = log.noisy("a");
        yield_!(1);
        let b = log.noisy("b");
        pending::<()>().await;
        drop((a, b, arg));
    }
    let log = Log::new();
    drop(unboxed(log.clone(), log.noisy("arg")));
    assert_eq!(log.dropped(), ["arg"]);

    let log = Log::new();
    {
        let mut s = pin!(unboxed(log.clone(), log.noisy("arg")));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
        assert!(log.dropped().is_empty());
    }
    assert_eq!(log.dropped(), ["a", "arg"]);

    let log = Log::new();
    {
        let mut s = pin!(unboxed(log.clone(), log.noisy("arg")));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
        assert!(log.dropped().is_empty());
    }
    assert_eq!(log.dropped(), ["b", "a", "arg"]);
}
