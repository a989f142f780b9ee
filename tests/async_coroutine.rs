//! Async coroutines (`#[generator] async fn -> impl AsyncCoroutine`,
//! `aresume`): Python's `asend`. Run under `futures::executor::block_on`,
//! both tokio runtimes and Miri.

use std::cell::RefCell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use coro::{
    AsyncCoroutine, BoxAsyncCoroutine, CoroutineState, Generator, LocalBoxAsyncCoroutine, Status,
    Stream, aresume, generator, stream, yield_, yield_from,
};

/// A future that is `Pending` once (waking its task), then `Ready`.
#[derive(Default)]
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Echoes lines upper-cased, awaiting before each; returns the count.
#[generator(first = first)]
async fn echo_upper(
    log: Rc<RefCell<Vec<String>>>,
) -> impl AsyncCoroutine<String, Yield = String, Return = usize> + Generator + std::fmt::Debug {
    log.borrow_mut().push(format!("start {first:?}"));
    let mut n = 0;
    let mut line = yield_!(String::new());
    while !line.is_empty() {
        log.borrow_mut().push(format!("got {line:?}"));
        YieldNow::default().await;
        log.borrow_mut().push(format!("awaited {line:?}"));
        n += 1;
        line = yield_!(line.to_uppercase());
    }
    n
}

async fn conversation() -> Vec<CoroutineState<String, usize>> {
    let log = Rc::default();
    let mut c = echo_upper(Rc::clone(&log));
    let mut out = vec![aresume(&mut c, "prime".into()).await];
    for line in ["a", "bc", ""] {
        out.push(aresume(&mut c, line.into()).await);
    }
    assert_eq!(
        *log.borrow(),
        [
            r#"start "prime""#,
            r#"got "a""#,
            r#"awaited "a""#,
            r#"got "bc""#,
            r#"awaited "bc""#
        ]
    );
    out
}

fn expected() -> Vec<CoroutineState<String, usize>> {
    vec![
        CoroutineState::Yielded(String::new()),
        CoroutineState::Yielded("A".into()),
        CoroutineState::Yielded("BC".into()),
        CoroutineState::Complete(2),
    ]
}

#[test]
fn asend_under_block_on() {
    assert_eq!(futures::executor::block_on(conversation()), expected());
}

#[test]
fn asend_under_tokio_current_thread() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(conversation()), expected());
}

#[cfg_attr(miri, ignore = "tokio's multi-thread runtime is slow under Miri")]
#[test]
fn send_state_is_spawned_on_the_multi_thread_runtime() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    #[generator(first = mut n)]
    async fn summing() -> impl AsyncCoroutine<u64, Yield = u64, Return = u64> + Send {
        let mut sum = 0;
        while n != 0 {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            tokio::task::yield_now().await;
            sum += n;
            n = yield_!(sum);
        }
        sum
    }
    let total = rt.block_on(async {
        let mut c = summing();
        // The coroutine's state is `Send`, so a task on another worker
        // takes it, and resumes it there.
        tokio::spawn(async move {
            let mut seen = Vec::new();
            for n in [1, 2, 3, 0] {
                seen.push(aresume(&mut c, n).await);
            }
            seen
        })
        .await
        .unwrap()
    });
    assert_eq!(
        total,
        [
            CoroutineState::Yielded(1),
            CoroutineState::Yielded(3),
            CoroutineState::Yielded(6),
            CoroutineState::Complete(6)
        ]
    );
}

/// Polls `fut` once with a waker that does nothing.
fn poll_once<F: Future>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}

/// A coroutine with `awaits` `.await`s in each step; it logs what it does.
#[generator(first = mut n)]
async fn steps(
    log: Rc<RefCell<Vec<String>>>,
    awaits: usize,
) -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> + Generator + std::fmt::Debug {
    let mut total = 0;
    while n != 0 {
        for k in 0..awaits {
            log.borrow_mut().push(format!("{n} await {k}"));
            YieldNow::default().await;
        }
        total += n;
        n = yield_!(n * 10);
    }
    total
}

#[test]
fn dropping_aresume_at_each_await_loses_no_progress() {
    // Drop the future of the second step after `stop` polls (at each of its
    // `.await`s in turn), then go on as the documented rule says.
    for stop in 1..=3 {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut c = steps(Rc::clone(&log), 3);
        let first = pin!(aresume(&mut c, 1));
        // Step 1 awaits three times, then yields 10.
        let mut first = first;
        let mut polls = 0;
        let got = loop {
            polls += 1;
            if let Poll::Ready(state) = poll_once(first.as_mut()) {
                break state;
            }
        };
        assert_eq!((got, polls), (CoroutineState::Yielded(10), 4));
        {
            let mut second = pin!(aresume(&mut c, 2));
            for _ in 0..stop {
                assert!(poll_once(second.as_mut()).is_pending());
            }
            // Dropped mid-step: the body waits at its `.await` number `stop - 1`.
        }
        assert_eq!(c.status(), Status::Suspended);
        assert_eq!(
            log.borrow().last().unwrap(),
            &format!("2 await {}", stop - 1)
        );
        // The next `aresume` finishes step 2 (its item, 20, went with the
        // dropped future), delivers 3 to the `yield_!` step 2 reached, and
        // returns the answer to 3.
        let mut third = pin!(aresume(&mut c, 3));
        let third = loop {
            if let Poll::Ready(state) = poll_once(third.as_mut()) {
                break state;
            }
        };
        assert_eq!(third, CoroutineState::Yielded(30));
        // Step 2's awaits ran once each: its progress was kept, not redone.
        let awaits_of_2 = log.borrow().iter().filter(|l| l.starts_with("2 ")).count();
        assert_eq!(awaits_of_2, 3);
        assert_eq!(
            futures::executor::block_on(aresume(&mut c, 0)),
            // 1 + 2 + 3: step 2's addition happened.
            CoroutineState::Complete(6)
        );
        assert_eq!(c.status(), Status::Closed);
    }
}

#[test]
fn a_dropped_step_that_ends_the_body_gives_its_value_to_the_next_aresume() {
    let mut c = steps(Rc::default(), 1);
    let _ = futures::executor::block_on(aresume(&mut c, 4));
    {
        let mut ending = pin!(aresume(&mut c, 0));
        // 0 ends the loop: the body returns without awaiting, so the step
        // is over at its first poll.
        assert_eq!(
            poll_once(ending.as_mut()),
            Poll::Ready(CoroutineState::Complete(4))
        );
    }
    #[generator(first = n)]
    async fn add() -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> {
        let m = yield_!(n);
        YieldNow::default().await;
        n + m
    }
    let mut c = add();
    let _ = futures::executor::block_on(aresume(&mut c, 1));
    {
        let mut ending = pin!(aresume(&mut c, 2));
        assert!(poll_once(ending.as_mut()).is_pending());
    }
    // The dropped step ends the body: the next `aresume` returns its value
    // (and its own argument, which nothing asks for, is dropped).
    assert_eq!(
        futures::executor::block_on(aresume(&mut c, 99)),
        CoroutineState::Complete(3)
    );
}

#[test]
fn a_future_dropped_before_its_first_poll_delivers_nothing() {
    let mut c = steps(Rc::default(), 1);
    drop(aresume(&mut c, 5));
    assert_eq!(c.status(), Status::Created);
    assert_eq!(
        futures::executor::block_on(aresume(&mut c, 6)),
        CoroutineState::Yielded(60)
    );
}

#[test]
fn status_and_close_mid_step() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut c = steps(Rc::clone(&log), 2);
    assert_eq!(c.status(), Status::Created);
    {
        let mut step = pin!(aresume(&mut c, 1));
        assert!(poll_once(step.as_mut()).is_pending());
    }
    assert_eq!(c.status(), Status::Suspended);
    assert!(format!("{c:?}").starts_with("Generator { status: Suspended"));
    Pin::new(&mut c).close();
    assert_eq!(c.status(), Status::Closed);
    // `log` was captured by the body: closing dropped it.
    assert_eq!(Rc::strong_count(&log), 1);
}

#[test]
#[should_panic(expected = "`aresume` called after the async coroutine already completed")]
fn aresume_after_completion_panics() {
    let mut c = steps(Rc::default(), 0);
    assert_eq!(
        futures::executor::block_on(aresume(&mut c, 0)),
        CoroutineState::Complete(0)
    );
    let _ = futures::executor::block_on(aresume(&mut c, 1));
}

#[test]
fn a_panicking_step_closes_the_coroutine() {
    #[generator(first = n)]
    async fn unlucky() -> impl AsyncCoroutine<u32, Yield = u32> + Generator {
        let m = yield_!(n);
        YieldNow::default().await;
        assert!(m != 13, "unlucky");
    }
    let mut c = unlucky();
    let _ = futures::executor::block_on(aresume(&mut c, 1));
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        futures::executor::block_on(aresume(&mut c, 13))
    }));
    assert!(panicked.is_err());
    assert_eq!(c.status(), Status::Closed);
}

#[test]
fn boxed_and_borrowed_forms_resume_too() {
    let c = steps(Rc::default(), 1);
    let mut boxed: Pin<Box<dyn AsyncCoroutine<u32, Yield = u32, Return = u32>>> = Box::pin(c);
    assert_eq!(
        futures::executor::block_on(aresume(&mut boxed, 2)),
        CoroutineState::Yielded(20)
    );
    let mut by_ref = &mut boxed;
    assert_eq!(
        futures::executor::block_on(aresume(&mut by_ref, 0)),
        CoroutineState::Complete(2)
    );
}

/// Drains `c` with `args`, under `block_on`.
fn drive<C: AsyncCoroutine<u32> + Unpin>(
    c: &mut C,
    args: impl IntoIterator<Item = u32>,
) -> Vec<CoroutineState<C::Yield, C::Return>> {
    futures::executor::block_on(async {
        let mut out = Vec::new();
        for arg in args {
            out.push(aresume(&mut *c, arg).await);
        }
        out
    })
}

/// Sums what it is sent until 0, awaiting before each answer; returns how
/// many it summed, as text.
#[generator(first = mut n)]
async fn summer(
    log: Rc<RefCell<Vec<String>>>,
) -> impl AsyncCoroutine<u32, Yield = u32, Return = String> {
    let _guard = Noisy(Rc::clone(&log), "summer");
    let mut sum = 0;
    let mut count = 0;
    while n != 0 {
        YieldNow::default().await;
        sum += n;
        count += 1;
        n = yield_!(sum);
    }
    format!("{count} summed")
}

/// Logs its name when dropped.
struct Noisy(Rc<RefCell<Vec<String>>>, &'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        self.0.borrow_mut().push(format!("drop {}", self.1));
    }
}

/// Yields 100, delegates to `summer` (started with its own first argument),
/// yields the length of what `summer` returned, and returns it.
#[generator(first = first)]
async fn delegating(
    log: Rc<RefCell<Vec<String>>>,
) -> impl AsyncCoroutine<u32, Yield = u32, Return = String> + Generator {
    let _guard = Noisy(Rc::clone(&log), "delegating");
    let n = yield_!(100 + first);
    let said = yield_from!(summer(Rc::clone(&log)), n);
    YieldNow::default().await;
    let _ = yield_!(u32::try_from(said.len()).unwrap());
    said
}

#[test]
fn yield_from_an_async_coroutine_forwards_arguments_and_returns_its_value() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut c = delegating(Rc::clone(&log));
    assert_eq!(
        drive(&mut c, [1, 5, 6, 0, 7]),
        [
            CoroutineState::Yielded(101),
            // `summer` started with 5, then got 6 and 0.
            CoroutineState::Yielded(5),
            CoroutineState::Yielded(11),
            CoroutineState::Yielded(8),
            CoroutineState::Complete("2 summed".to_owned()),
        ]
    );
    assert_eq!(*log.borrow(), ["drop summer", "drop delegating"]);
}

#[test]
fn yield_from_an_async_coroutine_under_both_tokio_runtimes() {
    let expected = [
        CoroutineState::Yielded(101),
        CoroutineState::Yielded(5),
        CoroutineState::Complete("1 summed".to_owned()),
    ];
    let run = async {
        let mut c = delegating(Rc::default());
        let mut out = Vec::new();
        for arg in [1, 5, 0] {
            out.push(aresume(&mut c, arg).await);
        }
        // The last answer was the length: resume once more for the end.
        out.pop();
        out.push(aresume(&mut c, 0).await);
        out
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(rt.block_on(run), expected);
}

#[test]
fn dropping_aresume_while_delegating_keeps_the_delegates_progress() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut c = delegating(Rc::clone(&log));
    assert_eq!(
        drive(&mut c, [0, 5]),
        [CoroutineState::Yielded(100), CoroutineState::Yielded(5)]
    );
    {
        // `summer` awaits before answering 6: drop the future there.
        let mut step = pin!(aresume(&mut c, 6));
        assert!(poll_once(step.as_mut()).is_pending());
    }
    assert_eq!(c.status(), Status::Suspended);
    // The next `aresume` finishes that step inside `summer` (its answer, 11,
    // went with the dropped future), then delivers 7 to `summer`'s
    // `yield_!`, which answers 18: 6 was summed once, not lost nor redone.
    assert_eq!(drive(&mut c, [7]), [CoroutineState::Yielded(18)]);
    Pin::new(&mut c).close();
    // Closed while delegating: the delegate's locals go first.
    assert_eq!(*log.borrow(), ["drop summer", "drop delegating"]);
    assert_eq!(c.status(), Status::Closed);
}

#[test]
fn yield_from_a_stream_yields_its_items() {
    fn ticks(n: u32) -> impl Stream<Item = u32> {
        stream! {
            for i in 0..n {
                YieldNow::default().await;
                yield_!(i);
            }
        }
    }
    #[generator(first = first)]
    async fn framed() -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> {
        yield_from!(ticks(3));
        // The arguments sent while the stream's items were yielded are
        // dropped (a stream takes none); the one after them is kept.
        let last = yield_!(first + 1000);
        last
    }
    let mut c = framed();
    assert_eq!(
        drive(&mut c, [7, 8, 9, 10, 11]),
        [
            CoroutineState::Yielded(0),
            CoroutineState::Yielded(1),
            CoroutineState::Yielded(2),
            CoroutineState::Yielded(1007),
            CoroutineState::Complete(11),
        ]
    );
}

#[test]
fn unboxed_async_coroutines_are_pinned_by_the_caller() {
    #[generator(unboxed, first = n)]
    async fn twice() -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> + Generator {
        YieldNow::default().await;
        let m = yield_!(n * 2);
        m * 2
    }
    let mut c = pin!(twice());
    assert_eq!(c.status(), Status::Created);
    assert_eq!(
        drive(&mut c, [4, 5]),
        [CoroutineState::Yielded(8), CoroutineState::Complete(10)]
    );
    assert_eq!(c.status(), Status::Closed);
}

/// A tree, walked by a recursive async coroutine that is told, at each
/// node, whether to descend.
enum Tree {
    Leaf(u32),
    Node(u32, Vec<Tree>),
}

#[generator(first = _descend)]
async fn walk(tree: &Tree) -> BoxAsyncCoroutine<'_, u32, u32, bool> {
    match tree {
        Tree::Leaf(value) => {
            let _ = yield_!(*value);
            1
        }
        Tree::Node(value, children) => {
            let mut seen = 1;
            if yield_!(*value) {
                for child in children {
                    YieldNow::default().await;
                    seen += yield_from!(walk(child), true);
                }
            }
            seen
        }
    }
}

#[test]
fn boxed_async_coroutines_recurse_and_are_send() {
    fn is_send<T: Send>(_: &T) {}
    let tree = Tree::Node(
        1,
        vec![
            Tree::Node(2, vec![Tree::Leaf(3), Tree::Leaf(4)]),
            Tree::Node(5, vec![Tree::Leaf(6)]),
        ],
    );
    let c = walk(&tree);
    is_send(&c);
    let mut c = c;
    // The first argument starts the walk; each later one answers the
    // `yield_!` of the node just yielded (a leaf ignores it). Descend
    // everywhere but into 5.
    let answers = [true, true, true, true, true, false];
    let out = futures::executor::block_on(async {
        let mut out = Vec::new();
        for descend in answers {
            out.push(aresume(&mut c, descend).await);
        }
        out
    });
    let mut expected: Vec<_> = (1..=5).map(CoroutineState::Yielded).collect();
    // Seen: 1, 2, 3, 4 and 5, not 6.
    expected.push(CoroutineState::Complete(5));
    assert_eq!(out, expected);
}

#[test]
fn local_boxed_async_coroutines_hold_rcs() {
    #[generator(first = _)]
    async fn counter(step: Rc<u32>) -> LocalBoxAsyncCoroutine<'static, u32, (), u32> {
        let mut total = 0;
        loop {
            YieldNow::default().await;
            total += *step;
            if yield_!(total) == 0 {
                return;
            }
        }
    }
    let mut c = counter(Rc::new(3));
    assert_eq!(c.status(), Status::Created);
    assert_eq!(
        drive(&mut c, [9, 1, 0]),
        [
            CoroutineState::Yielded(3),
            CoroutineState::Yielded(6),
            CoroutineState::Complete(())
        ]
    );
}

#[test]
fn question_mark_returns_the_error_as_the_coroutines_value() {
    #[generator(first = first)]
    async fn parse()
    -> impl AsyncCoroutine<String, Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
        let mut total: u32 = first.parse()?;
        loop {
            YieldNow::default().await;
            let line = yield_!(total);
            if line.is_empty() {
                return Ok(total);
            }
            total += line.parse::<u32>()?;
        }
    }
    let run = |lines: &[&str]| {
        let mut c = parse();
        futures::executor::block_on(async {
            let mut out = Vec::new();
            for line in lines {
                out.push(aresume(&mut c, (*line).to_owned()).await);
            }
            out
        })
    };
    assert_eq!(
        run(&["1", "2", ""]),
        [
            CoroutineState::Yielded(1),
            CoroutineState::Yielded(3),
            CoroutineState::Complete(Ok(3))
        ]
    );
    let out = run(&["1", "x"]);
    assert!(
        matches!(out[1], CoroutineState::Complete(Err(_))),
        "{out:?}"
    );
}

struct Greeter {
    greeting: String,
}

impl Greeter {
    #[generator(first = name)]
    async fn greet(&self) -> impl AsyncCoroutine<String, Yield = String, Return = ()> + '_ {
        let mut name: String = name;
        while !name.is_empty() {
            YieldNow::default().await;
            name = yield_!(format!("{}, {name}", self.greeting));
        }
    }
}

#[test]
fn methods_borrow_self() {
    let greeter = Greeter {
        greeting: "hello".to_owned(),
    };
    let mut c = greeter.greet();
    let out = futures::executor::block_on(async {
        vec![
            aresume(&mut c, "ann".to_owned()).await,
            aresume(&mut c, "bo".to_owned()).await,
            aresume(&mut c, String::new()).await,
        ]
    });
    assert_eq!(
        out,
        [
            CoroutineState::Yielded("hello, ann".to_owned()),
            CoroutineState::Yielded("hello, bo".to_owned()),
            CoroutineState::Complete(())
        ]
    );
}

#[test]
fn debug_shows_the_yield_it_waits_at() {
    #[generator]
    async fn at_line() -> impl AsyncCoroutine<Yield = u32> + std::fmt::Debug {
        YieldNow::default().await;
        yield_!(line!());
        YieldNow::default().await;
    }
    let mut c = at_line();
    assert_eq!(format!("{c:?}"), "Generator { status: Created, .. }");
    let CoroutineState::Yielded(line) = futures::executor::block_on(aresume(&mut c, ())) else {
        panic!("expected a yield");
    };
    assert_eq!(
        format!("{c:?}"),
        format!("Generator {{ status: Suspended, at: \"tests/async_coroutine.rs:{line}:9\", .. }}")
    );
    {
        // Waiting at an `.await` mid-step: suspended, at no `yield_!`.
        let mut step = pin!(aresume(&mut c, ()));
        assert!(poll_once(step.as_mut()).is_pending());
    }
    assert_eq!(format!("{c:?}"), "Generator { status: Suspended, .. }");
}

#[derive(Debug, PartialEq)]
struct Abort(&'static str);

/// Python's `await agen.athrow(exc)`: the coroutine is resumed with a
/// `Result`, and `?` on what `yield_!` returns ends it with the error (its
/// locals dropped, as an uncaught exception unwinds the frame).
#[test]
fn athrow_is_resuming_with_an_error() {
    #[generator(first = first)]
    async fn transaction(
        log: Rc<RefCell<Vec<String>>>,
    ) -> impl AsyncCoroutine<Result<u32, Abort>, Yield = u32, Return = Result<u32, Abort>> {
        let _rollback = Noisy(Rc::clone(&log), "transaction");
        let mut total = first?;
        loop {
            YieldNow::default().await;
            total += yield_!(total)?;
            if total > 10 {
                return Ok(total);
            }
        }
    }
    let run = |args: Vec<Result<u32, Abort>>| {
        let log = Rc::new(RefCell::new(Vec::new()));
        let mut c = transaction(Rc::clone(&log));
        let out = futures::executor::block_on(async {
            let mut out = Vec::new();
            for arg in args {
                out.push(aresume(&mut c, arg).await);
            }
            out
        });
        (out, log.take())
    };
    let (out, log) = run(vec![Ok(1), Ok(2), Err(Abort("disk full"))]);
    assert_eq!(
        out,
        [
            CoroutineState::Yielded(1),
            CoroutineState::Yielded(3),
            CoroutineState::Complete(Err(Abort("disk full")))
        ]
    );
    assert_eq!(log, ["drop transaction"]);
    let (out, _) = run(vec![Ok(4), Ok(9)]);
    assert_eq!(
        out,
        [CoroutineState::Yielded(4), CoroutineState::Complete(Ok(13))]
    );
}
