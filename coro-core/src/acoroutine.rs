//! Async coroutines: [`AsyncCoroutine`] and [`aresume`], Python's
//! `await agen.asend(value)`.

#[cfg(feature = "alloc")]
use alloc::boxed::Box;
use core::fmt;
use core::future::Future;
use core::ops::DerefMut;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::CoroutineState;
use crate::raw::{Async, Co, RawGen};

/// A coroutine whose steps may wait: each resume delivers a value to the
/// `yield_!` the body is suspended at and runs the body, awaiting as it goes,
/// to its next `yield_!` or its end. Python's async generator driven with
/// `asend`. Resume one with [`aresume`]; a `#[generator] async fn` returning
/// `impl AsyncCoroutine<R, Yield = Y, Return = T>` builds one (see
/// [`aresume`]'s example), and so does a hand-written type (below).
///
/// # Why `poll_resume` has this shape
///
/// It is a poll method, as `Stream::poll_next` is, rather than an
/// `async fn`: a trait with a poll method can be boxed (`dyn AsyncCoroutine`),
/// its futures can be named and shown `Send`, and it needs no allocation per
/// step. The argument comes as `&mut Option<R>` because a step is polled many
/// times and its argument is delivered only once: the coroutine takes it
/// (leaving `None`) on the poll that delivers it. A poll that goes on with a
/// step begun earlier leaves it where it is, so the caller can tell that the
/// result it gets belongs to that earlier step (see [`aresume`] for what it
/// does then).
///
/// # Examples
///
/// ```
/// use coro::{AsyncCoroutine, CoroutineState, aresume};
///
/// // A hand-written async coroutine: doubles what it is sent.
/// struct Doubler;
///
/// impl AsyncCoroutine<u32> for Doubler {
///     type Yield = u32;
///     type Return = ();
///
///     fn poll_resume(
///         self: core::pin::Pin<&mut Self>,
///         _: &mut core::task::Context<'_>,
///         arg: &mut Option<u32>,
///     ) -> core::task::Poll<CoroutineState<u32, ()>> {
///         let n = arg.take().expect("a new step brings its argument");
///         core::task::Poll::Ready(CoroutineState::Yielded(n * 2))
///     }
/// }
///
/// # let fut = async {
/// let mut d = Doubler;
/// assert_eq!(aresume(&mut d, 21).await, CoroutineState::Yielded(42));
/// # };
/// # let mut fut = core::pin::pin!(fut);
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert!(fut.as_mut().poll(&mut cx).is_ready());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an async coroutine taking `{R}`",
    label = "not an `AsyncCoroutine<{R}>`",
    note = "an async coroutine comes from `#[generator] async fn f() -> impl AsyncCoroutine<R, Yield = Y, Return = T>`; a sync coroutine is resumed with `Pin::new(&mut c).resume(arg)` or `coro::send`"
)]
pub trait AsyncCoroutine<R = ()> {
    /// The type of the values it yields.
    type Yield;
    /// The type of the value its body returns.
    type Return;

    /// Polls the current step.
    ///
    /// When the body is fresh or suspended at a `yield_!`, a step starts:
    /// the coroutine takes `arg` (which must be `Some`) and delivers it, as
    /// the first argument or as the value of that `yield_!`. While the step
    /// awaits something that is not ready, this returns `Pending`; later
    /// polls of the same step pass `None`. When a poll goes on with a step
    /// that started earlier, the coroutine leaves `arg` untouched.
    ///
    /// # Panics
    ///
    /// Coro's async coroutines panic when a step would start without an
    /// argument, and when resumed after they completed.
    fn poll_resume(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<Self::Yield, Self::Return>>;
}

impl<Y, R, F, S, Fut> AsyncCoroutine<R> for RawGen<Y, R, Async, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R, Async>, R) -> Fut,
    Fut: Future,
{
    type Yield = Y;
    type Return = Fut::Output;

    #[inline]
    fn poll_resume(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<Y, Fut::Output>> {
        RawGen::poll_resume(self, cx, arg)
    }
}

#[diagnostic::do_not_recommend]
impl<C: AsyncCoroutine<R> + Unpin + ?Sized, R> AsyncCoroutine<R> for &mut C {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn poll_resume(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<C::Yield, C::Return>> {
        Pin::new(&mut **self).poll_resume(cx, arg)
    }
}

#[diagnostic::do_not_recommend]
impl<P, R> AsyncCoroutine<R> for Pin<P>
where
    P: DerefMut<Target: AsyncCoroutine<R>>,
{
    type Yield = <P::Target as AsyncCoroutine<R>>::Yield;
    type Return = <P::Target as AsyncCoroutine<R>>::Return;

    #[inline]
    fn poll_resume(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<Self::Yield, Self::Return>> {
        self.as_deref_mut().poll_resume(cx, arg)
    }
}

#[cfg(feature = "alloc")]
#[diagnostic::do_not_recommend]
impl<C: AsyncCoroutine<R> + Unpin + ?Sized, R> AsyncCoroutine<R> for Box<C> {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn poll_resume(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<C::Yield, C::Return>> {
        Pin::new(&mut **self).poll_resume(cx, arg)
    }
}

/// Resumes an async coroutine with `arg`: Python's `await agen.asend(arg)`.
/// The future delivers `arg` as the value of the `yield_!` the body is
/// suspended at (the first resume starts the body with it) and runs the body,
/// awaiting as it goes, to its next `yield_!` (`Yielded`) or its end
/// (`Complete`).
///
/// # Cancellation
///
/// The coroutine, not the future, holds the body: dropping an `aresume`
/// future before it completes loses none of the body's progress. The step it
/// began stays in the coroutine, and the next `aresume` goes on with it:
///
/// * if that step reaches a `yield_!`, its item is the output of the dropped
///   future and goes with it (a future's output belongs to the future); the
///   next `aresume` then delivers *its own* argument to that `yield_!` and
///   returns the result of the step that follows. So each `aresume` still
///   returns the answer to its own argument, and no argument is lost;
/// * if that step ends the body, the next `aresume` returns `Complete` with
///   the body's value, and its argument, which no `yield_!` asks for any
///   more, is dropped.
///
/// To keep the result of a step across a `select!`, keep its future (pin it
/// outside the loop and poll `&mut fut`) instead of dropping it.
///
/// # Panics
///
/// If the coroutine completed at an earlier step.
///
/// (`C: AsyncCoroutine<R> + Unpin` is required by the future's `Future`
/// impl rather than by this function, so that a coroutine that is not one is
/// reported once, at the `.await`.)
///
/// # Examples
///
/// ```
/// use coro::{AsyncCoroutine, CoroutineState, aresume, generator, yield_};
///
/// #[generator(first = line)]
/// async fn upper() -> impl AsyncCoroutine<String, Yield = String, Return = usize> {
///     let (mut line, mut n): (String, _) = (line, 0);
///     while !line.is_empty() {
///         core::future::ready(()).await; // a write, a timer, ...
///         n += 1;
///         line = yield_!(line.to_uppercase());
///     }
///     n
/// }
///
/// let mut upper = upper();
/// # let fut = async {
/// assert_eq!(aresume(&mut upper, "hi".into()).await, CoroutineState::Yielded("HI".into()));
/// assert_eq!(aresume(&mut upper, String::new()).await, CoroutineState::Complete(1));
/// # };
/// # let mut fut = core::pin::pin!(fut);
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert!(fut.as_mut().poll(&mut cx).is_ready());
/// ```
#[doc(alias = "asend")]
pub fn aresume<C: ?Sized, R>(coroutine: &mut C, arg: R) -> Resume<'_, C, R> {
    Resume {
        coroutine,
        arg: Some(arg),
    }
}

/// The future returned by [`aresume`].
///
/// ```
/// use coro::{AsyncCoroutine, Resume, aresume, generator, yield_};
///
/// #[generator(first = n)]
/// async fn echo() -> impl AsyncCoroutine<u8, Yield = u8> {
///     yield_!(n);
/// }
///
/// let mut c = echo();
/// let step: Resume<'_, _, u8> = aresume(&mut c, 1);
/// # drop(step);
/// ```
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Resume<'a, C: ?Sized, R> {
    coroutine: &'a mut C,
    /// Until the step that delivers it: the argument.
    arg: Option<R>,
}

// Nothing is pinned: the coroutine is `Unpin` and behind a reference.
impl<C: ?Sized, R> Unpin for Resume<'_, C, R> {}

impl<C: AsyncCoroutine<R> + Unpin + ?Sized, R> Future for Resume<'_, C, R> {
    type Output = CoroutineState<C::Yield, C::Return>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            let state = match Pin::new(&mut *this.coroutine).poll_resume(cx, &mut this.arg) {
                Poll::Ready(state) => state,
                Poll::Pending => return Poll::Pending,
            };
            match state {
                // The argument is still here: that was the end of a step an
                // earlier, dropped future began, and its item went with that
                // future. This argument answers the `yield_!` it reached.
                CoroutineState::Yielded(item) if this.arg.is_some() => drop(item),
                state => return Poll::Ready(state),
            }
        }
    }
}

impl<C: ?Sized, R> fmt::Debug for Resume<'_, C, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resume")
            .field("delivered", &self.arg.is_none())
            .finish_non_exhaustive()
    }
}
