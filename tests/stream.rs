//! Async generators: `#[generator] async fn` and `stream!` as `Stream`s, under
//! `futures::executor::block_on` and tokio's current-thread and multi-thread
//! runtimes.

mod common;

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use common::{CountingWaker, Gate, Log, Noisy};
use coro::{Stream, anext, generator, stream, yield_, yield_from};
use futures::StreamExt;
use futures::stream::FusedStream;

/// Ready after being polled `pending` times (waking itself each time, as
/// `yield_now` does).
struct PendingTimes {
    pending: usize,
}

impl Future for PendingTimes {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.pending == 0 {
            return Poll::Ready(());
        }
        self.pending -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn pending_times(pending: usize) -> PendingTimes {
    PendingTimes { pending }
}

#[generator]
async fn ticks(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        pending_times(1).await;
        yield_!(i);
    }
}

#[test]
fn under_futures_block_on() {
    let items = futures::executor::block_on(ticks(4).collect::<Vec<_>>());
    assert_eq!(items, [0, 1, 2, 3]);

    let total = futures::executor::block_on(async {
        let mut s = ticks(3);
        let mut total = 0;
        while let Some(t) = s.next().await {
            total += t;
        }
        total
    });
    assert_eq!(total, 3);
}

#[test]
fn with_anext_and_no_futures_util() {
    let items = futures::executor::block_on(async {
        let mut s = ticks(3);
        let mut items = Vec::new();
        while let Some(t) = anext(&mut s).await {
            items.push(t);
        }
        assert_eq!(anext(&mut s).await, None, "fused");
        items
    });
    assert_eq!(items, [0, 1, 2]);
}

#[tokio::test(flavor = "current_thread")]
async fn under_tokio_current_thread() {
    let mut s = ticks(3);
    let mut items = Vec::new();
    while let Some(t) = s.next().await {
        tokio::task::yield_now().await;
        items.push(t);
    }
    assert_eq!(items, [0, 1, 2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_tokio_multi_thread_with_sleeps() {
    #[generator]
    async fn sleepy(n: u32) -> impl Stream<Item = u32> {
        for i in 0..n {
            tokio::time::sleep(Duration::from_millis(1)).await;
            yield_!(i * 10);
        }
    }
    let items: Vec<u32> = sleepy(3).collect().await;
    assert_eq!(items, [0, 10, 20]);
    // Handed to another task: `Send`.
    let handle = tokio::spawn(sleepy(4).collect::<Vec<_>>());
    assert_eq!(handle.await.unwrap(), [0, 10, 20, 30]);
}

#[test]
fn the_callers_waker_reaches_every_await_and_nothing_busy_polls() {
    let first = Gate::default();
    let second = Gate::default();
    let (g1, g2) = (first.clone(), second.clone());
    let s = stream! {
        g1.wait().await;
        yield_!(1);
        g2.wait().await;
        yield_!(2);
    };
    let mut s = pin!(s);
    let counter = Arc::new(CountingWaker::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);

    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert_eq!(
        counter.wakes.load(Ordering::SeqCst),
        0,
        "the stream woke itself: a busy poll"
    );
    // The waker the inner future stored is the caller's.
    assert!(
        first
            .waker
            .lock()
            .unwrap()
            .as_ref()
            .unwrap()
            .will_wake(&waker)
    );
    first.open();
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 1);
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));

    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 1);
    second.open();
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 2);
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
    assert_eq!(counter.wakes.load(Ordering::SeqCst), 2);
}

#[test]
fn exactly_as_many_pendings_as_the_inner_future_returns() {
    for n in [0, 1, 5] {
        let s = stream! {
            pending_times(n).await;
            yield_!("after");
            pending_times(n).await;
        };
        let mut s = pin!(s);
        let counter = Arc::new(CountingWaker::default());
        let waker = Waker::from(Arc::clone(&counter));
        let mut cx = Context::from_waker(&waker);
        let mut pendings = 0;
        let item = loop {
            match s.as_mut().poll_next(&mut cx) {
                Poll::Pending => pendings += 1,
                Poll::Ready(item) => break item,
            }
        };
        assert_eq!(item, Some("after"));
        assert_eq!(pendings, n);
        assert_eq!(
            counter.wakes.load(Ordering::SeqCst),
            n,
            "each pending woke the caller's task"
        );
        let mut pendings = 0;
        while s.as_mut().poll_next(&mut cx).is_pending() {
            pendings += 1;
        }
        assert_eq!(pendings, n);
        assert!(s.is_terminated());
    }
}

#[test]
fn fused_after_the_end_and_after_a_panic() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut s = ticks(1);
    assert!(!s.is_terminated());
    assert_eq!(s.size_hint(), (0, None));
    assert!(s.poll_next_unpin(&mut cx).is_pending());
    assert_eq!(s.poll_next_unpin(&mut cx), Poll::Ready(Some(0)));
    assert_eq!(s.poll_next_unpin(&mut cx), Poll::Ready(None));
    assert!(s.is_terminated());
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(s.poll_next_unpin(&mut cx), Poll::Ready(None));

    let mut p = stream! {
        yield_!(1);
        panic!("in the body");
    };
    assert_eq!(p.poll_next_unpin(&mut cx), Poll::Ready(Some(1)));
    let caught =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| p.poll_next_unpin(&mut cx)));
    assert!(caught.is_err(), "the panic reaches the caller of poll_next");
    assert!(p.is_terminated());
    assert_eq!(p.poll_next_unpin(&mut cx), Poll::Ready(None));
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn cancelled_inside_an_await_drops_every_local_once() {
    #[generator]
    async fn slow(log: Log, arg: Noisy) -> impl Stream<Item = u32> {
        let _outer = log.noisy("outer");
        yield_!(1);
        let _inner = log.noisy("inner");
        tokio::time::sleep(Duration::from_hours(1)).await;
        yield_!(2);
        drop(arg);
    }
    let log = Log::new();
    let mut s = slow(log.clone(), log.noisy("arg"));
    assert_eq!(s.next().await, Some(1));
    let timed_out = tokio::time::timeout(Duration::from_secs(1), s.next()).await;
    assert!(timed_out.is_err());
    assert!(
        log.dropped().is_empty(),
        "dropped while still alive: {:?}",
        log.events()
    );
    drop(s);
    assert_eq!(log.dropped(), ["inner", "outer", "arg"]);

    // The same through `select!`, with the stream dropped at once.
    let log = Log::new();
    let s = slow(log.clone(), log.noisy("arg"));
    let consumer = async move {
        let mut s = s;
        s.next().await;
        s.next().await
    };
    tokio::select! {
        () = tokio::time::sleep(Duration::from_millis(10)) => {}
        _ = consumer => unreachable!("the second item never comes"),
    }
    assert_eq!(log.dropped(), ["inner", "outer", "arg"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_concurrent_generators() {
    #[generator]
    async fn producer(id: u64, items: u64) -> impl Stream<Item = u64> {
        for i in 0..items {
            if (id + i).is_multiple_of(3) {
                tokio::task::yield_now().await;
            }
            yield_!(id * 1000 + i);
            if i % 2 == 1 {
                tokio::task::yield_now().await;
            }
        }
    }
    const GENERATORS: u64 = 10_000;
    const ITEMS: u64 = 7;
    let handles: Vec<_> = (0..GENERATORS)
        .map(|id| tokio::spawn(async move { producer(id, ITEMS).collect::<Vec<_>>().await }))
        .collect();
    let mut count = 0;
    for (id, handle) in (0..GENERATORS).zip(handles) {
        let items = handle.await.unwrap();
        let expected: Vec<u64> = (0..ITEMS).map(|i| id * 1000 + i).collect();
        assert_eq!(items, expected, "generator {id}");
        count += items.len();
    }
    assert_eq!(count, 70_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moved_between_tasks_mid_stream() {
    let mut s = ticks(6);
    let mut firsts = Vec::new();
    for _ in 0..2 {
        firsts.push(s.next().await.unwrap());
    }
    let rest = tokio::spawn(async move { s.collect::<Vec<_>>().await })
        .await
        .unwrap();
    assert_eq!(firsts, [0, 1]);
    assert_eq!(rest, [2, 3, 4, 5]);
}

#[test]
fn yield_from_a_stream() {
    #[generator]
    async fn framed(inner: Vec<u32>) -> impl Stream<Item = u32> {
        yield_!(0);
        yield_from!(futures::stream::iter(inner));
        yield_from!(ticks(2));
        yield_!(99);
    }
    let items = futures::executor::block_on(framed(vec![7, 8]).collect::<Vec<_>>());
    assert_eq!(items, [0, 7, 8, 0, 1, 99]);
}

struct Journal {
    entries: Vec<String>,
}

impl Journal {
    /// A method borrowing `self`, holding borrows across `yield_!` and
    /// `.await`.
    #[generator]
    async fn matching<'a>(&'a self, needle: &'a str) -> impl Stream<Item = &'a str> + 'a {
        let hits: Vec<&String> = self.entries.iter().filter(|e| e.contains(needle)).collect();
        for hit in &hits {
            pending_times(1).await;
            yield_!(hit.as_str());
        }
    }
}

#[generator]
async fn generic_sum<T, I>(items: I) -> impl Stream<Item = T>
where
    T: Copy + std::ops::Add<Output = T> + Default + Send,
    I: IntoIterator<Item = T>,
{
    let mut acc = T::default();
    for item in items {
        acc = acc + item;
        tokio::task::yield_now().await;
        yield_!(acc);
    }
}

#[tokio::test]
async fn methods_generics_and_lifetimes() {
    let journal = Journal {
        entries: vec!["a cat".into(), "a dog".into(), "cats".into()],
    };
    let needle = String::from("cat");
    let hits: Vec<&str> = journal.matching(&needle).collect().await;
    assert_eq!(hits, ["a cat", "cats"]);
    let sums: Vec<i64> = generic_sum(vec![1, 2, 3]).collect().await;
    assert_eq!(sums, [1, 3, 6]);
}

#[tokio::test]
async fn question_mark_and_early_return() {
    #[generator]
    async fn parse(
        lines: Vec<&'static str>,
    ) -> impl Stream<Item = Result<u32, std::num::ParseIntError>> {
        for line in lines {
            if line == "stop" {
                return;
            }
            tokio::task::yield_now().await;
            yield_!(Ok(line.parse::<u32>()?));
        }
    }
    let items: Vec<_> = parse(vec!["1", "x", "3"]).collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], Ok(1));
    assert!(items[1].is_err());
    let items: Vec<_> = parse(vec!["1", "stop", "x"]).collect().await;
    assert_eq!(items, [Ok(1)]);
}

/// An error that several others convert into.
#[derive(Debug, PartialEq)]
enum LineError {
    Parse(std::num::ParseIntError),
    TooBig(u32),
}

impl From<std::num::ParseIntError> for LineError {
    fn from(e: std::num::ParseIntError) -> Self {
        Self::Parse(e)
    }
}

impl From<std::num::TryFromIntError> for LineError {
    fn from(_: std::num::TryFromIntError) -> Self {
        Self::TooBig(u32::MAX)
    }
}

/// Parses after an `.await`; `?` on the awaited result.
async fn parse_later(line: &str) -> Result<u32, std::num::ParseIntError> {
    tokio::task::yield_now().await;
    line.parse()
}

#[tokio::test]
async fn question_mark_converts_the_error_with_from() {
    #[generator]
    async fn bytes(lines: Vec<&'static str>) -> impl Stream<Item = Result<u8, LineError>> {
        for line in lines {
            let n = parse_later(line).await?;
            if n == 13 {
                Err(LineError::TooBig(n))?;
            }
            yield_!(Ok(u8::try_from(n)?));
        }
    }
    let parse_error = "x".parse::<u32>().unwrap_err();
    let items: Vec<_> = bytes(vec!["1", "2", "x", "3"]).collect().await;
    assert_eq!(items, [Ok(1), Ok(2), Err(LineError::Parse(parse_error))]);
    let items: Vec<_> = bytes(vec!["255", "256", "3"]).collect().await;
    assert_eq!(items, [Ok(255), Err(LineError::TooBig(u32::MAX))]);
    let items: Vec<_> = bytes(vec!["7", "13", "3"]).collect().await;
    assert_eq!(items, [Ok(7), Err(LineError::TooBig(13))]);

    // The error is the last item: the stream then stays ended.
    let mut s = bytes(vec!["x", "1"]);
    assert!(matches!(s.next().await, Some(Err(LineError::Parse(_)))));
    assert_eq!(s.next().await, None);
    assert!(s.is_terminated());
    assert_eq!(s.next().await, None);
}

#[tokio::test]
async fn impl_trait_arguments() {
    #[generator]
    async fn labelled(
        label: impl AsRef<str>,
        items: impl IntoIterator<Item = u32>,
        sep: impl std::fmt::Display,
    ) -> impl Stream<Item = String> {
        for item in items {
            tokio::task::yield_now().await;
            yield_!(format!("{}{sep}{item}", label.as_ref()));
        }
    }
    let out: Vec<String> = labelled("n", vec![1, 2], '=').collect().await;
    assert_eq!(out, ["n=1", "n=2"]);
    let out: Vec<String> = labelled(String::from("x"), 5..7, ": ").collect().await;
    assert_eq!(out, ["x: 5", "x: 6"]);
    // `Send` when the arguments are: it can be spawned.
    let spawned = tokio::spawn(labelled("s", [9], '-').collect::<Vec<_>>());
    assert_eq!(spawned.await.unwrap(), ["s-9"]);
    // And not required to be: an `Rc` argument is fine on this task.
    let rc = std::rc::Rc::new(7);
    let out: Vec<String> = labelled("rc", [*rc], rc).collect().await;
    assert_eq!(out, ["rc77"]);
}

#[tokio::test]
async fn elided_lifetime_in_the_return_type() {
    #[generator]
    async fn evens(data: &[u8]) -> impl Stream<Item = &u8> + '_ {
        for b in data {
            if b % 2 == 0 {
                tokio::task::yield_now().await;
                yield_!(b);
            }
        }
    }
    let data = vec![1, 2, 3, 4, 6, 7];
    let s = evens(&data);
    let got: Vec<&u8> = s.collect().await;
    assert_eq!(got, [&2, &4, &6]);
    // The items borrow `data` itself, not a copy.
    assert!(std::ptr::eq(got[0], &raw const data[1]));
}

/// A queue drained through an async generator that borrows it mutably.
struct Queue {
    pending: Vec<u32>,
    drained: usize,
}

impl Queue {
    #[generator]
    async fn drain_evens(&mut self) -> impl Stream<Item = u32> + '_ {
        while let Some(n) = self.pending.pop() {
            tokio::task::yield_now().await;
            self.drained += 1;
            if n % 2 == 0 {
                yield_!(n);
            }
        }
    }
}

#[tokio::test]
async fn mut_self_method() {
    let mut q = Queue {
        pending: vec![1, 2, 3, 4, 5, 6],
        drained: 0,
    };
    let got: Vec<u32> = q.drain_evens().collect().await;
    assert_eq!(got, [6, 4, 2]);
    assert!(q.pending.is_empty());
    assert_eq!(q.drained, 6);

    // Stopped early, the mutations so far stay.
    q.pending = vec![10, 11, 12, 13];
    {
        let mut s = q.drain_evens();
        assert_eq!(s.next().await, Some(12));
    }
    assert_eq!(q.pending, [10, 11]);
    assert_eq!(q.drained, 8);
}

#[tokio::test]
async fn endless_loops() {
    #[generator]
    async fn naturals() -> impl Stream<Item = u64> {
        let mut i = 0;
        loop {
            yield_!(i);
            i += 1;
        }
    }
    #[generator]
    async fn ticking(step: u64) -> impl Stream<Item = u64> {
        let mut i = 0;
        loop {
            tokio::task::yield_now().await;
            yield_!(i);
            i += step;
        }
    }
    let firsts: Vec<u64> = naturals().take(5).collect().await;
    assert_eq!(firsts, [0, 1, 2, 3, 4]);
    let firsts: Vec<u64> = ticking(3).take(4).collect().await;
    assert_eq!(firsts, [0, 3, 6, 9]);
    let mut start = 100;
    let block = stream! {
        loop {
            yield_!(start);
            start += 1;
        }
    };
    assert_eq!(
        block.skip(2).take(3).collect::<Vec<_>>().await,
        [102, 103, 104]
    );
    let mut s = naturals();
    assert!(!s.is_terminated());
    for i in 0..=1000 {
        assert_eq!(s.next().await, Some(i));
    }
    assert_eq!(s.next().await, Some(1001));
}

#[tokio::test]
async fn unboxed_streams_are_pinned_by_the_caller() {
    #[generator(unboxed)]
    async fn unboxed(n: u32) -> impl Stream<Item = u32> {
        for i in 0..n {
            tokio::task::yield_now().await;
            yield_!(i);
        }
    }
    let s = pin!(unboxed(3));
    assert_eq!(s.collect::<Vec<_>>().await, [0, 1, 2]);
    let mut s = pin!(unboxed(2));
    assert_eq!(anext(&mut s.as_mut()).await, Some(0));
}

#[test]
fn send_and_sync_when_the_state_is() {
    fn assert_send_sync<T: Send + Sync>(t: T) -> T {
        t
    }
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    let _ = assert_send_sync(ticks(1));
    let with_cell = stream! {
        let c = std::cell::Cell::new(1);
        tokio::task::yield_now().await;
        yield_!(c.get());
    };
    // A `Cell` across an await: `Send`, not `Sync`.
    let _ = assert_send(with_cell);
}

#[test]
fn lazy_until_first_poll() {
    let started = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&started);
    let s = stream! {
        flag.store(true, Ordering::SeqCst);
        yield_!(());
    };
    assert!(!started.load(Ordering::SeqCst));
    let mut s = s;
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.poll_next_unpin(&mut cx), Poll::Ready(Some(())));
    assert!(started.load(Ordering::SeqCst));
}
