//! Issue 10: code that uses coro compiles under the user's own
//! `#![forbid(unsafe_code)]` (and `#![deny(warnings)]`), whatever form it
//! uses: the `unsafe` blocks coro's expansions may contain (the fix puts the
//! frame-registering call of an AST-position `yield_from!` in one) must not
//! trip the user's lint. Every form is used once here, and run.
#![forbid(unsafe_code)]
#![deny(warnings)]
#![allow(
    clippy::useless_vec,
    reason = "`vec!` is the other macro whose arguments `yield_from!` is used in"
)]

use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};

use coro::{
    BoxCoroutine, BoxIter, BoxStream, Coroutine, CoroutineState, LocalBoxCoroutine, LocalBoxIter,
    LocalBoxStream, Stream, Yields, anext, coroutine, generator, iter, stream, yield_, yield_from,
};

/// Every item of a stream, polled with a no-op waker.
fn poll_all<S: Stream>(s: S) -> Vec<S::Item> {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut items = Vec::new();
    for _ in 0..100 {
        match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return items,
            Poll::Pending => {}
        }
    }
    panic!("the stream did not end")
}

/// A future that is pending once.
fn yield_now() -> impl Future<Output = ()> {
    let mut done = false;
    core::future::poll_fn(move |cx| {
        if done {
            Poll::Ready(())
        } else {
            done = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

// --- `#[generator]` fns of every return type ----------------------------------

#[generator]
fn iterator(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator]
async fn stream_fn(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        yield_now().await;
        yield_!(i);
    }
}

#[generator(first = _)]
fn coroutine_fn() -> impl Coroutine<i64, Yield = i64, Return = i64> {
    let mut total = 0;
    loop {
        let x: i64 = yield_!(total);
        if x < 0 {
            return total;
        }
        total += x;
    }
}

#[generator(unboxed)]
fn unboxed_coroutine(n: u32) -> impl Coroutine<Yield = u32, Return = &'static str> {
    for i in 0..n {
        yield_!(i);
    }
    "done"
}

#[generator(unboxed)]
async fn unboxed_stream(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator(crate = ::coro)]
fn renamed_crate() -> impl Iterator<Item = u8> {
    yield_!(1);
}

#[generator]
fn box_iter(n: u32) -> BoxIter<'static, u32> {
    yield_from!(0..n);
}

#[generator]
fn local_box_iter(n: u32) -> LocalBoxIter<'static, std::rc::Rc<u32>> {
    for i in 0..n {
        yield_!(std::rc::Rc::new(i));
    }
}

#[generator]
async fn box_stream(n: u32) -> BoxStream<'static, u32> {
    yield_from!(stream_fn(n));
}

#[generator]
async fn local_box_stream(n: u32) -> LocalBoxStream<'static, std::rc::Rc<u32>> {
    for i in 0..n {
        yield_!(std::rc::Rc::new(i));
    }
}

#[generator(first = _)]
fn box_coroutine() -> BoxCoroutine<'static, i64, i64, i64> {
    let r = yield_from!(coroutine_fn());
    r * 2
}

#[generator(first = _)]
fn local_box_coroutine() -> LocalBoxCoroutine<'static, std::rc::Rc<i64>, (), i64> {
    let x: i64 = yield_!(std::rc::Rc::new(0));
    let _: i64 = yield_!(std::rc::Rc::new(x));
}

#[generator]
fn fallible(text: &str) -> impl Iterator<Item = Result<u32, std::num::ParseIntError>> + '_ {
    for word in text.split_whitespace() {
        yield_!(Ok(word.parse::<u32>()?));
    }
}

#[generator]
fn generic<T, I>(items: I, extra: impl Into<T>) -> impl Iterator<Item = T>
where
    I: IntoIterator<Item = T>,
{
    yield_from!(items);
    yield_!(extra.into());
}

#[generator]
fn borrowing<'a>(words: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    for w in words {
        yield_!(*w);
    }
}

struct Tree {
    values: Vec<u32>,
}

impl Tree {
    #[generator]
    fn by_ref(&self) -> impl Iterator<Item = &u32> + '_ {
        for v in &self.values {
            yield_!(v);
        }
    }

    #[generator]
    fn by_mut(&mut self) -> impl Iterator<Item = u32> + '_ {
        for v in &mut self.values {
            *v += 1;
            yield_!(*v);
        }
    }

    #[generator]
    fn by_value(self) -> impl Iterator<Item = u32> {
        yield_from!(self.values);
    }
}

// --- `yield_from!` of everything, at AST positions ------------------------------

#[generator]
fn yield_from_everything() -> impl Iterator<Item = u32> {
    yield_from!(vec![1, 2]); // an iterable
    yield_from!(iterator(2)); // a generator (a coroutine)
    yield_from!(coroutine!(|| {
        yield_!(7);
    })); // a coroutine, started with `()`
    yield_from!(
        coroutine!(|x: ()| {
            yield_!(8);
            let () = x;
        }),
        ()
    ); // a coroutine, with a first argument
}

#[generator(first = _)]
fn delegating_coroutine() -> impl Coroutine<i64, Yield = i64, Return = (i64, i64)> {
    let a = yield_from!(coroutine_fn());
    let b = yield_from!(
        coroutine!(|first: i64| -> i64 {
            let second: i64 = yield_!(first);
            first + second
        }),
        10
    );
    (a, b)
}

#[generator]
async fn yield_from_a_stream() -> impl Stream<Item = u32> {
    yield_from!(stream_fn(2));
    yield_from!(stream! {
        yield_!(9);
    });
}

// --- ... and inside other macros' arguments ----------------------------------------

#[generator]
fn yield_from_in_macros() -> impl Iterator<Item = u32> {
    println!("{:?}", yield_from!(vec![1]));
    let units = vec![yield_from!(iterator(1)), yield_from!(0..1)];
    assert_eq!(units.len(), 2);
    assert_eq!(
        yield_from!(coroutine!(|| -> u8 {
            yield_!(5);
            3
        })),
        3
    );
    assert_eq!(
        yield_from!(
            coroutine!(|x: ()| -> u8 {
                yield_!(6);
                let () = x;
                4
            }),
            ()
        ),
        4
    );
    println!("{:?}", yield_!(9));
}

#[generator(first = _)]
fn coroutine_delegating_in_macros() -> impl Coroutine<i64, Yield = i64, Return = Vec<i64>> {
    vec![
        yield_from!(coroutine_fn()),
        yield_from!(
            coroutine!(|first: i64| -> i64 {
                let second: i64 = yield_!(first);
                first * second
            }),
            4
        ),
    ]
}

#[generator]
async fn yield_from_a_stream_in_macros() -> impl Stream<Item = u32> {
    println!("{:?}", yield_from!(stream_fn(1)));
    let units = vec![yield_from!(stream! { yield_!(5); })];
    assert_eq!(units.len(), 1);
}

// --- Running each once ------------------------------------------------------------

fn resume_all<C: Coroutine<i64, Yield = i64>>(c: C, args: &[i64]) -> (Vec<i64>, Option<C::Return>) {
    let mut c = pin!(c);
    let mut yielded = Vec::new();
    for &arg in args {
        match c.as_mut().resume(arg) {
            CoroutineState::Yielded(y) => yielded.push(y),
            CoroutineState::Complete(r) => return (yielded, Some(r)),
        }
    }
    (yielded, None)
}

#[test]
fn generator_fns_of_every_return_type() {
    assert_eq!(iterator(3).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(poll_all(stream_fn(2)), [0, 1]);
    assert_eq!(
        resume_all(coroutine_fn(), &[0, 5, 6, -1]),
        (vec![0, 5, 11], Some(11))
    );
    let c = pin!(unboxed_coroutine(2));
    let mut yields = Yields::new(c);
    assert_eq!(yields.by_ref().collect::<Vec<_>>(), [0, 1]);
    assert_eq!(yields.take_return_value(), Some("done"));
    assert_eq!(poll_all(unboxed_stream(2)), [0, 1]);
    assert_eq!(renamed_crate().collect::<Vec<_>>(), [1]);
    assert_eq!(box_iter(3).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(local_box_iter(2).map(|r| *r).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(poll_all(box_stream(2)), [0, 1]);
    assert_eq!(
        poll_all(local_box_stream(2))
            .into_iter()
            .map(|r| *r)
            .collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(
        resume_all(box_coroutine(), &[0, 3, -1]),
        (vec![0, 3], Some(6))
    );
    let mut c = local_box_coroutine();
    let CoroutineState::Yielded(first) = c.as_mut().resume(0) else {
        panic!("expected a yield");
    };
    assert_eq!(*first, 0);
    let CoroutineState::Yielded(second) = c.as_mut().resume(4) else {
        panic!("expected a yield");
    };
    assert_eq!(*second, 4);
    assert_eq!(c.as_mut().resume(0), CoroutineState::Complete(()));
    let parsed: Vec<_> = fallible("1 x 3").collect();
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[0], Ok(1));
    assert!(parsed[1].is_err());
    assert_eq!(generic(vec![1_u64, 2], 3_u8).collect::<Vec<_>>(), [1, 2, 3]);
    let words = ["a", "b"];
    assert_eq!(borrowing(&words).collect::<String>(), "ab");
}

#[test]
fn methods() {
    let mut tree = Tree { values: vec![1, 2] };
    assert_eq!(tree.by_ref().copied().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(tree.by_mut().collect::<Vec<_>>(), [2, 3]);
    assert_eq!(tree.by_value().collect::<Vec<_>>(), [2, 3]);
}

#[test]
fn block_macros() {
    let v = vec![1, 2];
    assert_eq!(
        iter! {
            for x in &v {
                yield_!(*x);
            }
        }
        .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        poll_all(stream! {
            yield_now().await;
            yield_!(3);
        }),
        [3]
    );
    let mut c = coroutine!(|first: i64| -> i64 {
        let second: i64 = yield_!(first * 2);
        first + second
    });
    assert_eq!(Pin::new(&mut c).resume(5), CoroutineState::Yielded(10));
    assert_eq!(Pin::new(&mut c).resume(1), CoroutineState::Complete(6));
    let mut c = coroutine!(|| {
        yield_!(1);
    });
    assert_eq!(Pin::new(&mut c).resume(()), CoroutineState::Yielded(1));
    assert_eq!(Pin::new(&mut c).resume(()), CoroutineState::Complete(()));
}

#[test]
fn yield_from_at_ast_positions() {
    assert_eq!(
        yield_from_everything().collect::<Vec<_>>(),
        [1, 2, 0, 1, 7, 8]
    );
    // `coroutine_fn` gets the default 0 first, then 2, then -1 ends it; the
    // second is started with 10 and gets 3.
    assert_eq!(
        resume_all(delegating_coroutine(), &[0, 2, -1, 3]),
        (vec![0, 2, 10], Some((2, 13)))
    );
    assert_eq!(poll_all(yield_from_a_stream()), [0, 1, 9]);
}

#[test]
fn yield_from_inside_other_macros() {
    assert_eq!(
        yield_from_in_macros().collect::<Vec<_>>(),
        [1, 0, 0, 5, 6, 9]
    );
    assert_eq!(
        resume_all(coroutine_delegating_in_macros(), &[0, 7, -1, 5]),
        (vec![0, 7, 4], Some(vec![7, 20]))
    );
    assert_eq!(poll_all(yield_from_a_stream_in_macros()), [0, 5]);

    // And with an async executor: the caller's context reaches the stream.
    let mut s = pin!(yield_from_a_stream_in_macros());
    let first = futures::executor::block_on(anext(&mut s));
    assert_eq!(first, Some(0));
}
