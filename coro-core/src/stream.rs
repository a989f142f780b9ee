//! Async generators as [`Stream`]s.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::{FusedStream, Stream};

use crate::finish::Finish;
use crate::raw::{Async, Co, RawGen, Step};

impl<Y, F, S, Fut> Stream for RawGen<Y, (), Async, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, (), Async>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    type Item = Y;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        self.step_then((), cx, |step| match step {
            Step::Yielded(item) => Poll::Ready(Some(item)),
            Step::Complete(output) => Poll::Ready(output.finish()),
            Step::Pending => Poll::Pending,
            Step::Done => Poll::Ready(None),
        })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.is_done() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<Y, F, S, Fut> FusedStream for RawGen<Y, (), Async, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, (), Async>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    #[inline]
    fn is_terminated(&self) -> bool {
        self.is_done()
    }
}
