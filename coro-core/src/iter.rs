//! Sync generators as [`Iterator`]s.

use core::fmt;
use core::future::Future;
#[cfg(feature = "alloc")]
use core::iter::FusedIterator;
#[cfg(feature = "alloc")]
use core::mem;
use core::pin::Pin;

#[cfg(feature = "alloc")]
use crate::finish::Finish;
#[cfg(feature = "alloc")]
use crate::raw::DelegateStep;
use crate::raw::{Co, RawGen, Step, SyncMode};
#[cfg(feature = "alloc")]
use crate::{Coroutine, CoroutineState, Generator, Status};

/// A sync generator as an [`Iterator`] (and as a [`Coroutine<()>`] that
/// yields the same items and returns `()`), with its state machine behind
/// `P` (a `Pin<Box<_>>` on the default path).
#[cfg_attr(
    not(feature = "alloc"),
    expect(dead_code, reason = "only boxed generators are iterators")
)]
pub(crate) struct Iter<P> {
    pub(crate) raw: P,
    /// As a coroutine, whether `Complete(())` is still to be returned: the
    /// body returned (rather than panicked), and the last step was an item
    /// (an error the body ended with, or anything `next` returned).
    owes_completion: bool,
}

impl<P> Iter<P> {
    #[cfg_attr(not(feature = "alloc"), expect(dead_code, reason = "as above"))]
    pub(crate) const fn new(raw: P) -> Self {
        Iter {
            raw,
            owes_completion: false,
        }
    }
}

/// Runs one step of a sync body, handing the result to `then` (see
/// [`RawGen::step_then`] and [`RawGen::step_sync_then`]).
#[inline]
pub(crate) fn step_sync<Y, R, M: SyncMode, F, S, Fut, T>(
    raw: Pin<&mut RawGen<Y, R, M, F, S, Fut>>,
    arg: R,
    then: impl FnOnce(Step<Y, Fut::Output>) -> T,
) -> T
where
    S: Fn(F, Co<'static, Y, R, M>, R) -> Fut,
    Fut: Future,
{
    raw.step_sync_then(arg, then)
}

#[cfg(feature = "alloc")]
impl<Y, M: SyncMode, F, S, Fut> Iterator
    for Iter<Pin<alloc::boxed::Box<RawGen<Y, (), M, F, S, Fut>>>>
where
    S: Fn(F, Co<'static, Y, (), M>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        let owes_completion = &mut self.owes_completion;
        step_sync(self.raw.as_mut(), (), |step| match step {
            Step::Yielded(item) => Some(item),
            Step::Complete(output) => {
                *owes_completion = true;
                output.finish()
            }
            Step::Pending | Step::Done => None,
        })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.raw.is_done() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

#[cfg(feature = "alloc")]
impl<Y, M: SyncMode, F, S, Fut> FusedIterator
    for Iter<Pin<alloc::boxed::Box<RawGen<Y, (), M, F, S, Fut>>>>
where
    S: Fn(F, Co<'static, Y, (), M>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
}

/// A sync generator is also a coroutine: `Yielded` with each item, then
/// `Complete(())` (after the error, for a generator that ended with `?`).
#[cfg(feature = "alloc")]
impl<Y, M: SyncMode, F, S, Fut> Coroutine
    for Iter<Pin<alloc::boxed::Box<RawGen<Y, (), M, F, S, Fut>>>>
where
    S: Fn(F, Co<'static, Y, (), M>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    type Yield = Y;
    type Return = ();

    #[inline]
    fn resume(mut self: Pin<&mut Self>, (): ()) -> CoroutineState<Y, ()> {
        let this = &mut *self;
        let owes_completion = &mut this.owes_completion;
        step_sync(this.raw.as_mut(), (), |step| match step {
            Step::Yielded(item) => CoroutineState::Yielded(item),
            Step::Complete(output) => {
                if let Some(last) = output.finish() {
                    *owes_completion = true;
                    CoroutineState::Yielded(last)
                } else {
                    CoroutineState::Complete(())
                }
            }
            Step::Pending | Step::Done => {
                if !mem::take(owes_completion) {
                    // Completed already, or panicked.
                    crate::raw::resumed_after_completion();
                }
                CoroutineState::Complete(())
            }
        })
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<()>,
    ) -> DelegateStep<'g, Y, (), ()> {
        let this = Pin::into_inner(self);
        if this.raw.is_done() {
            if !mem::take(&mut this.owes_completion) {
                crate::raw::resumed_after_completion();
            }
            return DelegateStep::Complete(());
        }
        match this.raw.as_mut().step_delegate(arg) {
            DelegateStep::Yielded(item) => DelegateStep::Yielded(item),
            DelegateStep::Delegated(frame) => DelegateStep::Delegated(frame),
            DelegateStep::Complete(output) => match output.finish() {
                Some(last) => {
                    this.owes_completion = true;
                    DelegateStep::Yielded(last)
                }
                None => DelegateStep::Complete(()),
            },
        }
    }

    #[inline]
    fn __locate_delegate(&self) -> crate::generator::Locate {
        self.raw.locate()
    }
}

#[cfg(feature = "alloc")]
impl<P: Generator + Unpin> Generator for Iter<P> {
    #[inline]
    fn status(&self) -> Status {
        self.raw.status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        let this = Pin::into_inner(self);
        this.owes_completion = false;
        Pin::new(&mut this.raw).close();
    }

    #[inline]
    fn __locate(&self) -> crate::generator::Locate {
        self.raw.__locate()
    }
}

impl<P: fmt::Debug> fmt::Debug for Iter<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}
