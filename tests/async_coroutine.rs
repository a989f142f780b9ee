//! Async coroutines (`AsyncCoroutine`, `aresume`): Python's `asend`, on the
//! runtime's own constructor (the `#[generator] async fn` form comes with
//! the macro's support). Run under `futures::executor::block_on`, both tokio
//! runtimes and Miri.

use std::cell::RefCell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use coro::__private::async_coroutine;
use coro::{AsyncCoroutine, CoroutineState, Generator, Status, aresume};

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
fn echo_upper(
    log: Rc<RefCell<Vec<String>>>,
) -> impl AsyncCoroutine<String, Yield = String, Return = usize> + Unpin + Generator + std::fmt::Debug
{
    async_coroutine::<String, String, usize, _>(async move |mut co, first| {
        log.borrow_mut().push(format!("start {first:?}"));
        let mut n = 0;
        let mut line = co.yield_(String::new()).await;
        while !line.is_empty() {
            log.borrow_mut().push(format!("got {line:?}"));
            YieldNow::default().await;
            log.borrow_mut().push(format!("awaited {line:?}"));
            n += 1;
            line = co.yield_(line.to_uppercase()).await;
        }
        n
    })
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
    let total = rt.block_on(async {
        let mut c = async_coroutine::<u64, u64, u64, _>(async move |mut co, mut n| {
            let mut sum = 0;
            while n != 0 {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                tokio::task::yield_now().await;
                sum += n;
                n = co.yield_(sum).await;
            }
            sum
        });
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
fn steps(
    log: Rc<RefCell<Vec<String>>>,
    awaits: usize,
) -> impl AsyncCoroutine<u32, Yield = u32, Return = u32> + Unpin + Generator + std::fmt::Debug {
    async_coroutine::<u32, u32, u32, _>(async move |mut co, mut n| {
        let mut total = 0;
        while n != 0 {
            for k in 0..awaits {
                log.borrow_mut().push(format!("{n} await {k}"));
                YieldNow::default().await;
            }
            total += n;
            n = co.yield_(n * 10).await;
        }
        total
    })
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
    let mut c = async_coroutine::<u32, u32, u32, _>(async move |mut co, n| {
        let m = co.yield_(n).await;
        YieldNow::default().await;
        n + m
    });
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
    let mut c = async_coroutine::<u32, u32, (), _>(async move |mut co, n| {
        let m = co.yield_(n).await;
        YieldNow::default().await;
        assert!(m != 13, "unlucky");
    });
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
