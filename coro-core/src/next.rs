//! [`anext`]: the next item of a stream, without `futures-util`.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

/// The next item of `stream`, or `None` at its end: Python's
/// `await anext(stream)`, and what `StreamExt::next` of `futures` does, for
/// programs that need nothing else from `futures-util`.
///
/// The stream must be [`Unpin`]: a boxed async generator (the default) is;
/// pin an unboxed one first and pass `stream.as_mut()`.
///
/// # Examples
///
/// ```
/// use coro::{Stream, anext, generator, yield_};
///
/// #[generator]
/// async fn numbers() -> impl Stream<Item = u32> {
///     for i in 1..=3 {
///         yield_!(i);
///     }
/// }
///
/// async fn total() -> u32 {
///     let mut sum = 0;
///     let mut s = numbers();
///     while let Some(n) = anext(&mut s).await {
///         sum += n;
///     }
///     sum
/// }
/// # let mut fut = core::pin::pin!(total());
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert_eq!(fut.as_mut().poll(&mut cx), core::task::Poll::Ready(6));
/// ```
#[doc(alias = "next")]
pub fn anext<S: Stream + Unpin + ?Sized>(stream: &mut S) -> Next<'_, S> {
    Next { stream }
}

/// The future returned by [`anext`].
///
/// ```
/// let mut s = coro::stream! { coro::yield_!('a') };
/// let next: coro::Next<'_, _> = coro::anext(&mut s);
/// # drop(next);
/// ```
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Next<'a, S: ?Sized> {
    stream: &'a mut S,
}

impl<S: Stream + Unpin + ?Sized> Future for Next<'_, S> {
    type Output = Option<S::Item>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        Pin::new(&mut *self.stream).poll_next(cx)
    }
}

impl<S: ?Sized> fmt::Debug for Next<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Next").finish_non_exhaustive()
    }
}

/// `stream.next().await` without `futures`: [`anext`] as a method, for
/// every stream. Bring it into scope with `use coro::StreamNext;` (the
/// compiler suggests it when `next` is called on a stream without it).
///
/// It is named apart from `futures`' `StreamExt`, whose `next` does the
/// same: a program that imports both must pick one for each call
/// (`StreamNext::next(&mut s)`).
///
/// ```
/// use coro::{Stream, StreamNext, generator, yield_};
///
/// #[generator]
/// async fn numbers() -> impl Stream<Item = u32> {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// async fn total() -> u32 {
///     let mut sum = 0;
///     let mut s = numbers();
///     while let Some(n) = s.next().await {
///         sum += n;
///     }
///     sum
/// }
/// # let mut fut = core::pin::pin!(total());
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert_eq!(fut.as_mut().poll(&mut cx), core::task::Poll::Ready(3));
/// ```
pub trait StreamNext: Stream {
    /// The next item, or `None` at the stream's end: [`anext`].
    ///
    /// ```
    /// use coro::StreamNext;
    ///
    /// let mut s = coro::stream! { coro::yield_!('a') };
    /// let mut next = s.next();
    /// let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    /// assert_eq!(core::pin::Pin::new(&mut next).poll(&mut cx), core::task::Poll::Ready(Some('a')));
    /// ```
    #[inline]
    fn next(&mut self) -> Next<'_, Self>
    where
        Self: Unpin,
    {
        anext(self)
    }
}

impl<S: Stream + ?Sized> StreamNext for S {}
