//! Sync generators as [`Coroutine`]s.

use core::future::Future;
use core::pin::Pin;

use crate::iter::step_sync;
use crate::raw::{Co, DelegateStep, RawGen, Step, SyncMode, resumed_after_completion};
use crate::{Coroutine, CoroutineState};

impl<Y, R, M: SyncMode, F, S, Fut> Coroutine<R> for RawGen<Y, R, M, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R, M>, R) -> Fut,
    Fut: Future,
{
    type Yield = Y;
    type Return = Fut::Output;

    #[inline]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, Fut::Output> {
        step_sync(self, arg, |step| match step {
            Step::Yielded(item) => CoroutineState::Yielded(item),
            Step::Complete(output) => CoroutineState::Complete(output),
            Step::Pending | Step::Done => resumed_after_completion(),
        })
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Y, Fut::Output, R> {
        self.step_delegate(arg)
    }

    #[inline]
    fn __locate_delegate(&self) -> crate::generator::Locate {
        self.locate()
    }
}
