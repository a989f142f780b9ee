//! Sync generators as [`Iterator`]s.

use core::fmt;
use core::future::Future;
#[cfg(feature = "alloc")]
use core::iter::FusedIterator;
use core::pin::Pin;
use core::task::{Context, Waker};

#[cfg(feature = "alloc")]
use crate::finish::Finish;
use crate::raw::{Co, RawGen, Step};

/// A sync generator as an [`Iterator`], with its state machine behind `P`
/// (a `Pin<Box<_>>` on the default path).
#[cfg_attr(
    not(feature = "alloc"),
    expect(dead_code, reason = "only boxed generators are iterators")
)]
pub(crate) struct Iter<P>(pub(crate) P);

/// Runs one step of a sync body: its futures never see a waker worth waking.
#[inline]
pub(crate) fn step_sync<Y, R, F, S, Fut>(
    raw: Pin<&mut RawGen<Y, R, F, S, Fut>>,
    arg: R,
) -> Step<Y, Fut::Output>
where
    S: Fn(F, Co<'static, Y, R>, R) -> Fut,
    Fut: Future,
{
    let mut cx = Context::from_waker(Waker::noop());
    match raw.step(arg, &mut cx) {
        Step::Pending => awaited_in_sync_generator(),
        step => step,
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn awaited_in_sync_generator() -> ! {
    panic!(
        "a sync generator's body awaited a future that is not ready; \
         only `async` generators (`#[generator] async fn`, `stream!`) can await"
    )
}

#[cfg(feature = "alloc")]
impl<Y, F, S, Fut> Iterator for Iter<Pin<alloc::boxed::Box<RawGen<Y, (), F, S, Fut>>>>
where
    S: Fn(F, Co<'static, Y, ()>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match step_sync(self.0.as_mut(), ()) {
            Step::Yielded(item) => Some(item),
            Step::Complete(output) => output.finish(),
            Step::Pending | Step::Done => None,
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.0.is_done() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

#[cfg(feature = "alloc")]
impl<Y, F, S, Fut> FusedIterator for Iter<Pin<alloc::boxed::Box<RawGen<Y, (), F, S, Fut>>>>
where
    S: Fn(F, Co<'static, Y, ()>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
}

impl<P: fmt::Debug> fmt::Debug for Iter<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
