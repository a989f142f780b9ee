//! Exactly-once accounting: every value a test creates (items, locals,
//! arguments, resume arguments, return values) is dropped exactly once, and
//! every item a generator yields reaches the consumer exactly once, in order,
//! whatever happens in between: full iteration of every kind of generator, a
//! coroutine taking resume arguments dropped at each resume point, resume
//! arguments whose destructor panics, a panic at each point of a stream's
//! and a coroutine's body, a panic inside a
//! coroutine delegated to with `yield_from!`, items still inside a
//! `yield_from!` source when the generator is dropped (one of them with a
//! panicking destructor), and a coroutine moved to another thread while it
//! delegates.
//!
//! Each value is a [`Noisy`] made by [`Ledger::make`], which logs
//! `"new NAME"`; its destructor logs `"drop NAME"`; the consumer logs
//! `"got NAME"` for each item it receives. [`Ledger::assert_balanced`] then
//! checks that each name was made once and dropped once, and nothing else
//! was dropped. Streams are polled by hand with a no-op waker, so each test
//! is deterministic (and runs under Miri).

mod common;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::thread;

use common::{Log, Noisy, PendingOnce};
use coro::{
    BoxCoroutine, BoxIter, BoxStream, Coroutine, CoroutineState, Stream, Yields, coroutine,
    generator, iter, stream, yield_, yield_from,
};
use futures::stream::FusedStream;

// ---------------------------------------------------------------------------
// The ledger
// ---------------------------------------------------------------------------

/// Makes the values of a test and keeps its accounts (a [`Log`] underneath,
/// shared by every clone).
#[derive(Clone, Debug, Default)]
struct Ledger(Log);

impl Ledger {
    fn new() -> Self {
        Self::default()
    }

    /// A value named `name`, logged as made.
    fn make(&self, name: impl Into<String>) -> Noisy {
        let name = name.into();
        self.0.push(format!("new {name}"));
        self.0.noisy(name)
    }

    /// A value whose destructor panics, logged as made.
    fn bomb(&self, name: impl Into<String>) -> Noisy {
        let name = name.into();
        self.0.push(format!("new {name}"));
        self.0.bomb(name)
    }

    /// The consumer: logs that `item` arrived, then drops it.
    fn receive(&self, item: Noisy) {
        self.0.push(format!("got {}", item.name));
        drop(item);
    }

    /// The names of the items the consumer received, in order.
    fn received(&self) -> Vec<String> {
        self.0
            .events()
            .iter()
            .filter_map(|e| e.strip_prefix("got ").map(str::to_owned))
            .collect()
    }

    /// Where the log is now, for [`Ledger::dropped_since`].
    fn mark(&self) -> usize {
        self.0.events().len()
    }

    /// The names dropped since `mark`, in order.
    fn dropped_since(&self, mark: usize) -> Vec<String> {
        self.0.events()[mark..]
            .iter()
            .filter_map(|e| e.strip_prefix("drop ").map(str::to_owned))
            .collect()
    }

    /// Every value made was dropped exactly once, and nothing else was
    /// dropped.
    #[track_caller]
    fn assert_balanced(&self) {
        let events = self.0.events();
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for event in &events {
            if let Some(name) = event.strip_prefix("new ") {
                counts.entry(name).or_default().0 += 1;
            } else if let Some(name) = event.strip_prefix("drop ") {
                counts.entry(name).or_default().1 += 1;
            }
        }
        let wrong: Vec<(&str, (usize, usize))> = counts
            .into_iter()
            .filter(|&(_, made_dropped)| made_dropped != (1, 1))
            .collect();
        assert!(
            wrong.is_empty(),
            "(name, (times made, times dropped)) other than (1, 1): {wrong:?}\nevents: {events:?}"
        );
    }

    /// The consumer received exactly `expected`, in order.
    #[track_caller]
    fn assert_received<S: AsRef<str> + Debug>(&self, expected: &[S]) {
        let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
        assert_eq!(self.received(), expected, "events: {:?}", self.0.events());
    }
}

// ---------------------------------------------------------------------------
// Driving generators by hand
// ---------------------------------------------------------------------------

/// Polls `s` once with a no-op waker.
fn poll<S: Stream + ?Sized>(s: Pin<&mut S>) -> Poll<Option<S::Item>> {
    s.poll_next(&mut Context::from_waker(Waker::noop()))
}

/// Polls `s` until it gives an item or ends (its only pending futures are
/// [`PendingOnce`]s, so this is a short loop).
fn next_item<S: Stream + ?Sized>(mut s: Pin<&mut S>) -> Option<S::Item> {
    for _ in 0..100 {
        if let Poll::Ready(item) = poll(s.as_mut()) {
            return item;
        }
    }
    panic!("a stream stayed pending")
}

/// Resumes an `Unpin` coroutine.
fn resume<C: Coroutine<R> + Unpin, R>(c: &mut C, arg: R) -> CoroutineState<C::Yield, C::Return> {
    Pin::new(c).resume(arg)
}

/// The message a panic carried.
fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// Resumes a coroutine that must have finished: it panics, saying so.
#[track_caller]
fn assert_resume_panics<C: Coroutine<R> + Unpin, R>(c: &mut C, arg: R) {
    let payload = catch_unwind(AssertUnwindSafe(|| resume(c, arg)))
        .map(drop)
        .expect_err("resuming a finished coroutine panics");
    let message = message(&*payload);
    assert!(message.contains("already completed"), "{message}");
}

// ---------------------------------------------------------------------------
// Full iteration, every kind
// ---------------------------------------------------------------------------

#[generator]
fn items(l: Ledger, arg: Noisy) -> impl Iterator<Item = Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
}

#[generator]
fn boxed_items(l: Ledger, arg: Noisy) -> BoxIter<'static, Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
}

#[generator]
async fn stream_items(l: Ledger, arg: Noisy) -> impl Stream<Item = Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        PendingOnce::default().await;
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
}

#[generator]
async fn boxed_stream_items(l: Ledger, arg: Noisy) -> BoxStream<'static, Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        PendingOnce::default().await;
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
}

#[generator(unboxed)]
async fn unboxed_stream_items(l: Ledger, arg: Noisy) -> impl Stream<Item = Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        PendingOnce::default().await;
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
}

/// Yields three items, keeping the resume argument each brings back, and
/// returns the last one (the others are dropped at the end).
#[generator(first = _)]
fn coroutine_items(l: Ledger, arg: Noisy) -> impl Coroutine<Noisy, Yield = Noisy, Return = Noisy> {
    let local = l.make("local");
    let mut held = Vec::new();
    for i in 0..3 {
        held.push(yield_!(l.make(format!("item {i}"))));
    }
    drop((local, arg));
    held.pop().unwrap_or_else(|| l.make("none"))
}

#[generator(first = _)]
fn boxed_coroutine_items(l: Ledger, arg: Noisy) -> BoxCoroutine<'static, Noisy, Noisy, Noisy> {
    let local = l.make("local");
    let mut held = Vec::new();
    for i in 0..3 {
        held.push(yield_!(l.make(format!("item {i}"))));
    }
    drop((local, arg));
    held.pop().unwrap_or_else(|| l.make("none"))
}

#[generator(unboxed)]
fn unboxed_coroutine_items(l: Ledger, arg: Noisy) -> impl Coroutine<Yield = Noisy, Return = Noisy> {
    let local = l.make("local");
    for i in 0..3 {
        yield_!(l.make(format!("item {i}")));
    }
    drop((local, arg));
    l.make("return")
}

const THREE: [&str; 3] = ["item 0", "item 1", "item 2"];

/// Receives every item of an iterator, and checks it stays finished.
fn drain_iter(l: &Ledger, mut it: impl Iterator<Item = Noisy>) {
    for item in it.by_ref() {
        l.receive(item);
    }
    assert!(it.next().is_none() && it.next().is_none(), "fused");
}

/// Receives every item of a stream, and checks it stays finished.
fn drain_stream<S: Stream<Item = Noisy> + ?Sized>(l: &Ledger, mut s: Pin<&mut S>) {
    while let Some(item) = next_item(s.as_mut()) {
        l.receive(item);
    }
    for _ in 0..2 {
        assert!(matches!(poll(s.as_mut()), Poll::Ready(None)), "fused");
    }
}

/// Resumes a coroutine with `arg 0`, `arg 1`, … (a `#[generator]` drops
/// the first unread; the closure form binds it) until it completes;
/// receives its yields and its return value; then checks that resuming it
/// again panics (the argument of that resume is dropped too).
fn drain_coroutine<C>(l: &Ledger, c: &mut C)
where
    C: Coroutine<Noisy, Yield = Noisy, Return = Noisy> + Unpin,
{
    for i in 0.. {
        match resume(c, l.make(format!("arg {i}"))) {
            CoroutineState::Yielded(item) => l.receive(item),
            CoroutineState::Complete(value) => {
                l.receive(value);
                break;
            }
        }
    }
    assert_resume_panics(c, l.make("arg after the end"));
}

#[test]
fn full_iteration_of_iterators() {
    let l = Ledger::new();
    drain_iter(&l, items(l.clone(), l.make("arg")));
    l.assert_received(&THREE);
    l.assert_balanced();

    let l = Ledger::new();
    drain_iter(&l, boxed_items(l.clone(), l.make("arg")));
    l.assert_received(&THREE);
    l.assert_balanced();

    let l = Ledger::new();
    let (inner, captured) = (l.clone(), l.make("captured"));
    drain_iter(
        &l,
        iter! {
            let local = inner.make("local");
            for i in 0..3 {
                yield_!(inner.make(format!("item {i}")));
            }
            drop((local, captured));
        },
    );
    l.assert_received(&THREE);
    l.assert_balanced();
}

#[test]
fn full_iteration_of_streams() {
    let l = Ledger::new();
    drain_stream(&l, pin!(stream_items(l.clone(), l.make("arg"))));
    l.assert_received(&THREE);
    l.assert_balanced();

    let l = Ledger::new();
    drain_stream(&l, boxed_stream_items(l.clone(), l.make("arg")).as_mut());
    l.assert_received(&THREE);
    l.assert_balanced();

    let l = Ledger::new();
    drain_stream(&l, pin!(unboxed_stream_items(l.clone(), l.make("arg"))));
    l.assert_received(&THREE);
    l.assert_balanced();

    let l = Ledger::new();
    let (inner, captured) = (l.clone(), l.make("captured"));
    drain_stream(
        &l,
        pin!(stream! {
            let local = inner.make("local");
            for i in 0..3 {
                PendingOnce::default().await;
                yield_!(inner.make(format!("item {i}")));
            }
            drop((local, captured));
        }),
    );
    l.assert_received(&THREE);
    l.assert_balanced();
}

#[test]
fn full_iteration_of_coroutines() {
    // The items, then the last resume argument, returned.
    let l = Ledger::new();
    drain_coroutine(&l, &mut coroutine_items(l.clone(), l.make("arg")));
    l.assert_received(&["item 0", "item 1", "item 2", "arg 3"]);
    l.assert_balanced();

    let l = Ledger::new();
    drain_coroutine(&l, &mut boxed_coroutine_items(l.clone(), l.make("arg")));
    l.assert_received(&["item 0", "item 1", "item 2", "arg 3"]);
    l.assert_balanced();

    // The closure form binds the first argument instead of dropping it.
    let l = Ledger::new();
    let (inner, captured) = (l.clone(), l.make("captured"));
    let mut c = coroutine!(|first: Noisy| -> Noisy {
        let local = inner.make("local");
        let mut held = vec![first];
        for i in 0..3 {
            held.push(yield_!(inner.make(format!("item {i}"))));
        }
        drop((local, captured));
        held.swap_remove(0)
    });
    drain_coroutine(&l, &mut c);
    drop(c);
    l.assert_received(&["item 0", "item 1", "item 2", "arg 0"]);
    l.assert_balanced();

    // An unboxed coroutine pinned on the stack, through `Yields`, whose
    // return value is taken once; and one whose return value is left in
    // the `Yields` (dropped with it).
    for take_it in [true, false] {
        let l = Ledger::new();
        {
            let c = pin!(unboxed_coroutine_items(l.clone(), l.make("arg")));
            let mut yields = Yields::new(c);
            drain_iter(&l, yields.by_ref());
            if take_it {
                l.receive(yields.take_return_value().expect("it returned"));
                assert!(yields.take_return_value().is_none());
                l.assert_received(&["item 0", "item 1", "item 2", "return"]);
            } else {
                assert_eq!(
                    yields.return_value().map(|r| r.name.as_str()),
                    Some("return")
                );
                l.assert_received(&THREE);
            }
        }
        l.assert_balanced();
    }

    // A sync generator is a coroutine of `()` too.
    let l = Ledger::new();
    let mut g = items(l.clone(), l.make("arg"));
    while let CoroutineState::Yielded(item) = resume(&mut g, ()) {
        l.receive(item);
    }
    assert_resume_panics(&mut g, ());
    drop(g);
    l.assert_received(&THREE);
    l.assert_balanced();
}

// ---------------------------------------------------------------------------
// A coroutine with a non-`()` resume type, dropped at each resume point
// ---------------------------------------------------------------------------

/// Yields one item, then returns a value naming the argument it got.
#[generator(first = _)]
fn sub(l: Ledger, tag: String) -> impl Coroutine<String, Yield = Noisy, Return = Noisy> {
    let local = l.make(format!("sub local ({tag})"));
    let got = yield_!(l.make(format!("sub item ({tag})")));
    drop(local);
    l.make(format!("sub return ({got})"))
}

/// Names its items and locals after the resume arguments it gets, delegates
/// to [`sub`] (started with `String::default()`), yields what `sub`
/// returned, and returns a value naming the last argument.
#[generator(first = _)]
fn talker(l: Ledger, arg: Noisy) -> impl Coroutine<String, Yield = Noisy, Return = Noisy> {
    let a = l.make("a");
    let r1 = yield_!(l.make("item 1"));
    let b = l.make(format!("b ({r1})"));
    let r2 = yield_!(l.make(format!("item 2 ({r1})")));
    let from_sub = yield_from!(sub(l.clone(), r2));
    let r4 = {
        let c = l.make("c");
        let r4 = yield_!(from_sub);
        drop(c);
        r4
    };
    drop((a, b, arg));
    l.make(format!("return ({r4})"))
}

/// What `talker` hands out for the arguments `r0` (dropped unread), `r1`,
/// `r2`, …: four yields and its return value.
const TALKER_ITEMS: [&str; 5] = [
    "item 1",
    "item 2 (r1)",
    "sub item (r2)",
    "sub return (r3)",
    "return (r4)",
];

/// Resumes `c` `k` times with `r0`, `r1`, …, receiving what it hands out.
fn resume_talker<C>(l: &Ledger, c: &mut C, k: usize)
where
    C: Coroutine<String, Yield = Noisy, Return = Noisy> + Unpin,
{
    for i in 0..k {
        match resume(c, format!("r{i}")) {
            CoroutineState::Yielded(item) => l.receive(item),
            CoroutineState::Complete(value) => {
                assert_eq!(i, 4, "completed early");
                l.receive(value);
            }
        }
    }
}

#[test]
fn a_string_resumed_coroutine_dropped_at_each_resume_point() {
    // What dropping the coroutine drops after `k` resumes: the live locals,
    // innermost (the delegated coroutine's) first, then the argument.
    let dropped_by_drop: [&[&str]; 6] = [
        &["arg"],
        &["a", "arg"],
        &["b (r1)", "a", "arg"],
        &["sub local (r2)", "b (r1)", "a", "arg"],
        &["c", "b (r1)", "a", "arg"],
        &[],
    ];
    for (k, expected) in dropped_by_drop.iter().enumerate() {
        let l = Ledger::new();
        let mut c = talker(l.clone(), l.make("arg"));
        resume_talker(&l, &mut c, k);
        if k == 5 {
            assert_resume_panics(&mut c, "after the end".to_owned());
        }
        let mark = l.mark();
        drop(c);
        assert_eq!(l.dropped_since(mark), *expected, "after {k} resumes");
        l.assert_received(&TALKER_ITEMS[..k]);
        l.assert_balanced();
    }
}

/// Takes its resume arguments in every way a body can: keeps one, drops
/// one, lets `yield_from!` of an iterator drop two unread, starts a
/// delegated coroutine with a value of its own, and returns the argument
/// the delegated coroutine returned.
#[generator(first = _)]
fn taker(l: Ledger) -> impl Coroutine<Noisy, Yield = Noisy, Return = Noisy> {
    let kept = yield_!(l.make("item 1"));
    let dropped_at_once = yield_!(l.make("item 2"));
    drop(dropped_at_once);
    yield_from!(vec![l.make("item 3"), l.make("item 4")]);
    let echoed = yield_from!(echo(l.clone()), l.make("sub first"));
    drop(kept);
    echoed
}

/// Drops its first argument unread (a `#[generator]` coroutine does), and
/// returns the second.
#[generator(first = _)]
fn echo(l: Ledger) -> impl Coroutine<Noisy, Yield = Noisy, Return = Noisy> {
    yield_!(l.make("sub item"))
}

/// What `taker` hands out for the arguments `arg 0` (dropped unread),
/// `arg 1`, …: five yields and its return value.
const TAKER_ITEMS: [&str; 6] = ["item 1", "item 2", "item 3", "item 4", "sub item", "arg 5"];

#[test]
fn noisy_resume_arguments_are_dropped_once_wherever_they_go() {
    let handed_out = TAKER_ITEMS;
    for k in 0..=7 {
        let l = Ledger::new();
        let mut c = taker(l.clone());
        for i in 0..k.min(6) {
            match resume(&mut c, l.make(format!("arg {i}"))) {
                CoroutineState::Yielded(item) => l.receive(item),
                CoroutineState::Complete(value) => {
                    assert_eq!(i, 5, "completed early");
                    l.receive(value);
                }
            }
        }
        if k == 7 {
            assert_resume_panics(&mut c, l.make("arg after the end"));
        }
        drop(c);
        l.assert_received(&handed_out[..k.min(6)]);
        l.assert_balanced();
    }
}

#[test]
fn resume_arguments_whose_destructor_panics() {
    // The argument of resume number `bomb_at` panics when dropped: the
    // first one, which the body drops unread (0); one the body takes and
    // drops (2); one `yield_from!` of an iterator drops unread (3); one sent
    // after the end, which the resume drops before it panics (6). The
    // panic reaches the caller of `resume`; the coroutine is finished, and
    // everything is dropped once.
    for bomb_at in [0, 2, 3, 6] {
        let l = Ledger::new();
        let mut c = taker(l.clone());
        for i in 0..bomb_at {
            match resume(&mut c, l.make(format!("arg {i}"))) {
                CoroutineState::Yielded(item) | CoroutineState::Complete(item) => l.receive(item),
            }
        }
        let bomb = l.bomb(format!("arg {bomb_at}"));
        let payload = catch_unwind(AssertUnwindSafe(|| resume(&mut c, bomb)))
            .map(drop)
            .expect_err("the destructor's panic reaches the caller");
        assert_eq!(message(&*payload), format!("arg {bomb_at} panics in drop"));
        assert_resume_panics(&mut c, l.make("arg after the panic"));
        drop(c);
        l.assert_received(&TAKER_ITEMS[..bomb_at]);
        l.assert_balanced();
    }
}

// ---------------------------------------------------------------------------
// A panic in the body at each point
// ---------------------------------------------------------------------------

/// A stream with a local, a local per turn, an `.await` and a `yield_!` per
/// turn, that panics at point `at` (0 to 6; 7 means never): before or after
/// each `.await`, or at the end.
#[generator]
async fn stream_panics_at(l: Ledger, arg: Noisy, at: usize) -> impl Stream<Item = Noisy> {
    let a = l.make("a");
    for i in 0..3 {
        let local = l.make(format!("local {i}"));
        assert!(at != 2 * i, "boom at {at}");
        PendingOnce::default().await;
        assert!(at != 2 * i + 1, "boom at {at}");
        yield_!(l.make(format!("item {i}")));
        drop(local);
    }
    assert!(at != 6, "boom at {at}");
    drop((a, arg));
}

#[test]
fn a_stream_panicking_at_each_point() {
    for at in 0..=7 {
        let l = Ledger::new();
        let mut s = stream_panics_at(l.clone(), l.make("arg"), at);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            while let Some(item) = next_item(Pin::new(&mut s)) {
                l.receive(item);
            }
        }));
        match outcome {
            Ok(()) => assert_eq!(at, 7, "no panic at {at}"),
            Err(payload) => {
                assert_eq!(message(&*payload), format!("boom at {at}"));
                // The unwinding body dropped its live locals and the
                // argument already, as a function would.
                let dropped = l.0.dropped();
                for name in ["a", "arg"] {
                    assert!(dropped.iter().any(|d| d == name), "{at}: {dropped:?}");
                }
            }
        }
        // Finished either way, and stays so.
        assert!(s.is_terminated());
        for _ in 0..2 {
            assert!(matches!(poll(Pin::new(&mut s)), Poll::Ready(None)));
        }
        let mark = l.mark();
        drop(s);
        assert_eq!(l.dropped_since(mark), Vec::<String>::new(), "dropped twice");
        l.assert_received(&THREE[..(at / 2).min(3)]);
        l.assert_balanced();
    }
}

/// A coroutine that keeps its resume arguments in a `Vec` and panics at
/// point `at` (0 to 3; 4 means never): before each yield, or at the end.
#[generator(first = _)]
fn coroutine_panics_at(
    l: Ledger,
    arg: Noisy,
    at: usize,
) -> impl Coroutine<Noisy, Yield = Noisy, Return = Noisy> {
    let a = l.make("a");
    let mut held = Vec::new();
    for i in 0..3 {
        assert!(at != i, "boom at {at}");
        held.push(yield_!(l.make(format!("item {i}"))));
    }
    assert!(at != 3, "boom at {at}");
    drop((a, arg, held));
    l.make("return")
}

#[test]
fn a_coroutine_panicking_at_each_point() {
    for at in 0..=4 {
        let l = Ledger::new();
        let mut c = coroutine_panics_at(l.clone(), l.make("arg"), at);
        let mut next_arg = 0;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            loop {
                let arg = l.make(format!("arg {next_arg}"));
                next_arg += 1;
                match resume(&mut c, arg) {
                    CoroutineState::Yielded(item) => l.receive(item),
                    CoroutineState::Complete(value) => break l.receive(value),
                }
            }
        }));
        match outcome {
            Ok(()) => assert_eq!(at, 4, "no panic at {at}"),
            Err(payload) => {
                assert_eq!(message(&*payload), format!("boom at {at}"));
                // The arguments it held went with the unwinding body.
                let dropped = l.0.dropped();
                for i in 1..=at {
                    let name = format!("arg {i}");
                    assert!(dropped.contains(&name), "{at}: {dropped:?}");
                }
            }
        }
        // Finished either way: resuming panics, and drops its argument.
        assert_resume_panics(&mut c, l.make("arg after the end"));
        let mark = l.mark();
        drop(c);
        assert_eq!(l.dropped_since(mark), Vec::<String>::new(), "dropped twice");
        let mut expected: Vec<&str> = THREE[..at.min(3)].to_vec();
        if at == 4 {
            expected.push("return");
        }
        l.assert_received(&expected);
        l.assert_balanced();
    }
}

/// A coroutine of `()` that panics at point `at` (0 to 2; 3 means never).
#[generator]
fn inner_panics_at(l: Ledger, at: usize) -> impl Coroutine<Yield = Noisy, Return = Noisy> {
    let x = l.make("inner x");
    for i in 0..2 {
        assert!(at != i, "inner boom at {at}");
        yield_!(l.make(format!("inner item {i}")));
    }
    assert!(at != 2, "inner boom at {at}");
    drop(x);
    l.make("inner return")
}

/// A sync generator delegating to [`inner_panics_at`], then yielding what
/// it returned.
#[generator]
fn outer_delegates(l: Ledger, arg: Noisy, at: usize) -> impl Iterator<Item = Noisy> {
    let before = l.make("outer before");
    yield_!(l.make("outer item"));
    let returned = yield_from!(inner_panics_at(l.clone(), at));
    let after = l.make("outer after");
    yield_!(returned);
    drop((before, after, arg));
}

#[test]
fn a_panic_in_a_delegated_coroutine() {
    let all = ["outer item", "inner item 0", "inner item 1", "inner return"];
    for at in 0..=3 {
        let l = Ledger::new();
        let mut g = outer_delegates(l.clone(), l.make("arg"), at);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            for item in g.by_ref() {
                l.receive(item);
            }
        }));
        match outcome {
            Ok(()) => assert_eq!(at, 3, "no panic at {at}"),
            Err(payload) => {
                assert_eq!(message(&*payload), format!("inner boom at {at}"));
                // Both bodies unwound: the inner local, then the outer
                // local and argument, once each.
                let dropped = l.0.dropped();
                let tail = ["inner x", "outer before", "arg"].map(String::from);
                assert!(dropped.ends_with(&tail), "{at}: {dropped:?}");
            }
        }
        // The outer generator is finished.
        for _ in 0..2 {
            assert!(g.next().is_none(), "fused after the inner panic");
        }
        let mark = l.mark();
        drop(g);
        assert_eq!(l.dropped_since(mark), Vec::<String>::new(), "dropped twice");
        l.assert_received(&all[..=at]);
        l.assert_balanced();
    }
}

// ---------------------------------------------------------------------------
// Items still inside the generator when it is dropped
// ---------------------------------------------------------------------------

/// Yields the items of `source` after a local of its own.
#[generator]
fn delegates_to<I>(l: Ledger, source: I) -> impl Iterator<Item = Noisy>
where
    I: IntoIterator<Item = Noisy>,
{
    let local = l.make("local");
    yield_from!(source);
    drop(local);
}

/// Every item of a `Vec`.
#[generator]
fn each(items: Vec<Noisy>) -> impl Iterator<Item = Noisy> {
    for item in items {
        yield_!(item);
    }
}

/// The names of `n` items.
fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("item {i}")).collect()
}

/// `n` items, made now: they exist before the generator runs.
fn made(l: &Ledger, n: usize) -> Vec<Noisy> {
    names(n).into_iter().map(|name| l.make(name)).collect()
}

#[test]
fn items_left_in_a_yield_from_source_are_dropped_once() {
    const N: usize = 4;
    for k in 0..=N + 1 {
        // Each kind of source: a `Vec`, an adapter over one, and another
        // generator holding the items (as its argument, then as a local).
        for source in 0..3 {
            let l = Ledger::new();
            let items = made(&l, N);
            let g: Box<dyn Iterator<Item = Noisy>> = match source {
                0 => Box::new(delegates_to(l.clone(), items)),
                1 => Box::new(delegates_to(l.clone(), items.into_iter().take(N))),
                _ => Box::new(delegates_to(l.clone(), each(items))),
            };
            for item in g.take(k) {
                l.receive(item);
            }
            l.assert_received(&names(N)[..k.min(N)]);
            l.assert_balanced();
        }

        // In a stream, from a stream holding the items.
        let l = Ledger::new();
        let items = made(&l, N);
        let inner = l.clone();
        let mut s = stream! {
            let local = inner.make("local");
            yield_from!(futures::stream::iter(items));
            drop(local);
        };
        for _ in 0..k {
            match next_item(Pin::new(&mut s)) {
                Some(item) => l.receive(item),
                None => break,
            }
        }
        drop(s);
        l.assert_received(&names(N)[..k.min(N)]);
        l.assert_balanced();

        // In a coroutine resumed with `String`s, which the delegation drops.
        let l = Ledger::new();
        let items = made(&l, N);
        let inner = l.clone();
        let mut c = coroutine!(|_first: String| {
            let local = inner.make("local");
            yield_from!(items);
            drop(local);
        });
        for i in 0..k {
            match resume(&mut c, format!("r{i}")) {
                CoroutineState::Yielded(item) => l.receive(item),
                CoroutineState::Complete(()) => break,
            }
        }
        drop(c);
        l.assert_received(&names(N)[..k.min(N)]);
        l.assert_balanced();
    }
}

#[test]
fn a_panicking_destructor_inside_a_yield_from_source() {
    // Items 0 to 4, item 2 a bomb. After `k` items the bomb is still
    // inside the generator (`k` = 0: in the unstarted generator's argument);
    // dropping the generator panics with the bomb's message, and everything
    // else is still dropped once.
    for k in 0..=2 {
        for nested in [false, true] {
            let l = Ledger::new();
            let items: Vec<Noisy> = (0..5)
                .map(|i| {
                    let name = format!("item {i}");
                    if i == 2 { l.bomb(name) } else { l.make(name) }
                })
                .collect();
            let mut g: Box<dyn Iterator<Item = Noisy>> = if nested {
                Box::new(delegates_to(l.clone(), each(items)))
            } else {
                Box::new(delegates_to(l.clone(), items))
            };
            for _ in 0..k {
                l.receive(g.next().expect("an item"));
            }
            let payload = catch_unwind(AssertUnwindSafe(|| drop(g)))
                .expect_err("the bomb's panic propagates out of `drop`");
            assert_eq!(message(&*payload), "item 2 panics in drop");
            l.assert_received(&names(k));
            l.assert_balanced();
        }
    }
}

// ---------------------------------------------------------------------------
// Moved to another thread while delegating
// ---------------------------------------------------------------------------

#[test]
fn a_coroutine_moved_to_another_thread_inside_yield_from() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }

    // Finished on the other thread.
    let l = Ledger::new();
    let mut c = assert_send(talker(l.clone(), l.make("arg")));
    // Three resumes: suspended inside `sub`, with `a`, `b` and `sub`'s
    // local alive.
    resume_talker(&l, &mut c, 3);
    let other = l.clone();
    thread::spawn(move || {
        for i in 3.. {
            match resume(&mut c, format!("r{i}")) {
                CoroutineState::Yielded(item) => other.receive(item),
                CoroutineState::Complete(value) => {
                    other.receive(value);
                    break;
                }
            }
        }
        drop(c);
    })
    .join()
    .expect("the other thread finishes it");
    l.assert_received(&TALKER_ITEMS);
    l.assert_balanced();

    // Dropped on the other thread, still inside `sub`.
    let l = Ledger::new();
    let mut c = assert_send(talker(l.clone(), l.make("arg")));
    resume_talker(&l, &mut c, 3);
    let mark = l.mark();
    thread::spawn(move || drop(c))
        .join()
        .expect("dropped there");
    assert_eq!(
        l.dropped_since(mark),
        ["sub local (r2)", "b (r1)", "a", "arg"]
    );
    l.assert_received(&TALKER_ITEMS[..3]);
    l.assert_balanced();
}
