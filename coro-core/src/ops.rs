//! The [`Coroutine`] trait: resume with an argument, get a yielded value or
//! the return value back.

use core::pin::Pin;

use crate::CoroutineState;
use crate::raw::DelegateStep;

/// A resumable computation: each [`resume`](Coroutine::resume) runs it to its
/// next `yield_!` or to its end.
///
/// This is the same trait as nightly `core::ops::Coroutine`, usable on
/// stable. A `#[generator]` function whose return type is
/// `impl Coroutine<R, Yield = Y, Return = T>` implements it: the argument of
/// `resume` number *k + 1* is the value of the *k*-th `yield_!`, and the body's
/// return value ends it with [`CoroutineState::Complete`].
///
/// # The first resume
///
/// The first `resume` starts the body, and no `yield_!` is waiting for its
/// argument yet. A `#[generator]` coroutine drops that argument before its
/// body runs (Python likewise ignores the `None` of the first `send`), so
/// write it to need no input before its first `yield_!`, as the example does:
/// it yields its state first. A `coroutine!` closure binds the first argument
/// to its parameter instead, as nightly's coroutine closures do.
///
/// # Panics
///
/// Resuming a coroutine that already completed (or whose body panicked)
/// panics with a message saying so. A panic in the body propagates to the
/// caller of `resume`.
///
/// # Examples
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState, generator, yield_};
///
/// #[generator]
/// fn running_sum() -> impl Coroutine<i64, Yield = i64, Return = usize> {
///     let mut total = 0;
///     let mut seen = 0;
///     loop {
///         let x: i64 = yield_!(total);
///         if x < 0 {
///             return seen;
///         }
///         total += x;
///         seen += 1;
///     }
/// }
///
/// let mut sum = running_sum();
/// let mut sum = Pin::new(&mut sum);
/// assert_eq!(sum.as_mut().resume(0), CoroutineState::Yielded(0)); // starts it
/// assert_eq!(sum.as_mut().resume(5), CoroutineState::Yielded(5));
/// assert_eq!(sum.as_mut().resume(7), CoroutineState::Yielded(12));
/// assert_eq!(sum.as_mut().resume(-1), CoroutineState::Complete(2));
/// ```
pub trait Coroutine<R = ()> {
    /// The type of the values the coroutine yields.
    type Yield;

    /// The type of the value the coroutine returns when it completes.
    type Return;

    /// Runs the coroutine to its next `yield_!` or to its end.
    ///
    /// `arg` becomes the value of the `yield_!` the coroutine is suspended
    /// at (see [the first resume](Coroutine#the-first-resume)).
    ///
    /// # Panics
    ///
    /// Panics if the coroutine already completed, and propagates a panic of
    /// the body.
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return>;

    /// Not public API: one step of the coroutine run as the delegate of a
    /// `yield_from!`, which lets a coroutine that delegates in turn hand its
    /// delegation to the generator at the top, so that recursion costs the
    /// same at any depth. `arg` is taken if the step uses it.
    ///
    /// The default runs [`resume`](Coroutine::resume); coro's generators,
    /// and the pointers to coroutines, override it.
    #[doc(hidden)]
    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Self::Yield, Self::Return, R> {
        match arg.take() {
            Some(arg) => DelegateStep::from_state(self.resume(arg)),
            None => continued_plain_coroutine(),
        }
    }
}

#[cold]
#[inline(never)]
fn continued_plain_coroutine() -> ! {
    unreachable!("only a coroutine that delegated is resumed without an argument")
}

impl<C: ?Sized + Coroutine<R>, R> Coroutine<R> for Pin<&mut C> {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        C::resume((*self).as_mut(), arg)
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Self::Yield, Self::Return, R> {
        C::__resume_delegating(Pin::into_inner(self).as_mut(), arg)
    }
}

impl<C: ?Sized + Coroutine<R> + Unpin, R> Coroutine<R> for &mut C {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        C::resume(Pin::new(&mut **self), arg)
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Self::Yield, Self::Return, R> {
        C::__resume_delegating(Pin::new(&mut **Pin::into_inner(self)), arg)
    }
}

#[cfg(feature = "alloc")]
impl<C: ?Sized + Coroutine<R>, R> Coroutine<R> for Pin<alloc::boxed::Box<C>> {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        C::resume((*self).as_mut(), arg)
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Self::Yield, Self::Return, R> {
        C::__resume_delegating(Pin::into_inner(self).as_mut(), arg)
    }
}

#[cfg(feature = "alloc")]
impl<C: ?Sized + Coroutine<R> + Unpin, R> Coroutine<R> for alloc::boxed::Box<C> {
    type Yield = C::Yield;
    type Return = C::Return;

    #[inline]
    fn resume(mut self: Pin<&mut Self>, arg: R) -> CoroutineState<Self::Yield, Self::Return> {
        C::resume(Pin::new(&mut **self), arg)
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Self::Yield, Self::Return, R> {
        C::__resume_delegating(Pin::new(&mut **Pin::into_inner(self)), arg)
    }
}
