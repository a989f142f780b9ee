//! `async_count`: a `Stream` of `0..n`, consumed under `block_on` with
//! `StreamExt::next`.

use core::pin::Pin;
use core::task::{Context, Poll};
use std::hint::black_box;

use coro::{generator, yield_};
use futures::Stream;

use crate::{Contender, Size, made, sum_stream};

/// The contenders, baseline first. An async generator always runs on the
/// async engine: `coro fallback` is the same expansion as `coro`.
pub const CONTENDERS: &[Contender] = &[
    ("baseline", baseline),
    ("coro", coro),
    ("coro fallback", coro_fallback),
    ("coro unboxed", coro_unboxed),
    ("genawaiter rc", genawaiter_rc),
    ("genawaiter stack", genawaiter_stack),
    ("async-stream", async_stream),
];

/// The size of each contender's stream, as made (see [`Size`]).
pub const SIZES: &[Size] = &[
    ("baseline", || made(Count { next: 0, end: 3 })),
    ("coro", || made(size_coro(black_box(3)))),
    ("coro fallback", || made(size_coro_fallback(black_box(3)))),
    ("coro unboxed", || made(size_coro_unboxed(black_box(3)))),
    ("genawaiter rc", || {
        let n = black_box(3_u64);
        made(genawaiter::rc::Gen::<_, (), _>::new(|co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        }))
    }),
    ("genawaiter stack", || {
        let n = black_box(3_u64);
        genawaiter::stack::let_gen_using!(
            generator,
            |co: genawaiter::stack::Co<'_, u64>| async move {
                for i in 0..n {
                    co.yield_(i).await;
                }
            }
        );
        crate::genawaiter_stack_size(generator)
    }),
    ("async-stream", || {
        let n = black_box(3_u64);
        made(async_stream::stream! {
            for i in 0..n {
                yield i;
            }
        })
    }),
];

/// The number of items of a run on `n`.
pub fn items(n: u64) -> u64 {
    n
}

/// The hand-written stream.
#[derive(Debug)]
pub struct Count {
    next: u64,
    end: u64,
}

impl Stream for Count {
    type Item = u64;

    #[inline]
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u64>> {
        if self.next < self.end {
            let item = self.next;
            self.next += 1;
            Poll::Ready(Some(item))
        } else {
            Poll::Ready(None)
        }
    }
}

pub fn baseline(n: u64) -> u64 {
    sum_stream(Count { next: 0, end: n })
}

#[generator]
async fn coro_count(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

pub fn coro(n: u64) -> u64 {
    sum_stream(coro_count(n))
}

#[generator(fallback)]
async fn coro_count_fallback(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

pub fn coro_fallback(n: u64) -> u64 {
    sum_stream(coro_count_fallback(n))
}

#[generator(unboxed)]
async fn coro_count_unboxed(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

pub fn coro_unboxed(n: u64) -> u64 {
    // `sum_stream` pins it on its stack.
    sum_stream(coro_count_unboxed(n))
}

pub fn genawaiter_rc(n: u64) -> u64 {
    sum_stream(genawaiter::rc::Gen::new(|co| async move {
        for i in 0..n {
            co.yield_(i).await;
        }
    }))
}

pub fn genawaiter_stack(n: u64) -> u64 {
    genawaiter::stack::let_gen_using!(generator, |co| async move {
        for i in 0..n {
            co.yield_(i).await;
        }
    });
    sum_stream(generator)
}

pub fn async_stream(n: u64) -> u64 {
    sum_stream(async_stream::stream! {
        for i in 0..n {
            yield i;
        }
    })
}

/// Copies of coro's streams for [`SIZES`], so that each stream the
/// contenders run has one caller.
#[generator]
async fn size_coro(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator(fallback)]
async fn size_coro_fallback(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator(unboxed)]
async fn size_coro_unboxed(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}
