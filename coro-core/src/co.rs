//! What the body of a generator can do with its handle besides `yield_`:
//! delegate to another iterator or stream (`yield_from!`).

use core::future::poll_fn;
use core::pin::pin;

use futures_core::Stream;

use crate::raw::Co;

impl<Y> Co<'_, Y> {
    /// Yields every item of `iter`: what `yield_from!(iter)` becomes in a
    /// sync generator.
    ///
    /// ```
    /// let it = coro::__private::iter::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_from_iter(1..=2).await;
    ///     co.yield_(3).await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1, 2, 3]);
    /// ```
    pub async fn yield_from_iter<I: IntoIterator<Item = Y>>(&mut self, iter: I) {
        for item in iter {
            self.yield_(item).await;
        }
    }

    /// Yields every item of `stream`, awaiting it with the caller's context:
    /// what `yield_from!(stream)` becomes in an async generator.
    ///
    /// ```
    /// use coro::{Stream, stream, yield_};
    /// use core::task::{Context, Poll, Waker};
    ///
    /// let inner = stream! { yield_!(1); yield_!(2); };
    /// let outer = coro::__private::stream::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_from_stream(inner).await;
    /// });
    /// let mut outer = core::pin::pin!(outer);
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(None));
    /// ```
    pub async fn yield_from_stream<S: Stream<Item = Y>>(&mut self, stream: S) {
        let mut stream = pin!(stream);
        while let Some(item) = poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
            self.yield_(item).await;
        }
    }
}
