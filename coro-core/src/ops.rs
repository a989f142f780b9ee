//! The [`Coroutine`] trait: resume with an argument, get a yielded value or
//! the return value back.

use core::pin::Pin;

use crate::CoroutineState;
use crate::generator::Locate;
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
/// argument yet. Two ways to write a coroutine, and the first argument is
/// never lost without the body saying so:
///
/// * `#[generator(first = pattern)]` binds it, as a `coroutine!` closure
///   binds it to its parameter: a parser fed a byte at a time takes its
///   first byte there.
/// * Without `first`, the body is written to need no input before its first
///   `yield_!` (as the example is: it yields its state first), and the
///   caller primes it with a placeholder, `resume(0)`, which is dropped:
///   Python's `send(None)` to a fresh generator.
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState, generator, yield_};
///
/// #[generator(first = byte)]
/// fn line_length() -> impl Coroutine<u8, Yield = (), Return = usize> {
///     let mut byte: u8 = byte;
///     let mut n = 0;
///     while byte != b'\n' {
///         n += 1;
///         byte = yield_!(());
///     }
///     n
/// }
///
/// let mut c = line_length();
/// let mut steps = b"ab\n".iter().map(|&b| Pin::new(&mut c).resume(b));
/// assert_eq!(steps.nth(2), Some(CoroutineState::Complete(2))); // `a` counted
/// ```
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
/// #[generator(first = _)]
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

    /// Not public API: where it is suspended, for the `Debug` of a
    /// generator that delegates to it (see [`Generator`](crate::Generator)).
    #[doc(hidden)]
    #[inline]
    fn __locate_delegate(&self) -> Locate {
        Locate::NOWHERE
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        C::__locate_delegate(self)
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        C::__locate_delegate(self)
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        C::__locate_delegate(self)
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        C::__locate_delegate(self)
    }
}

/// Resumes an `Unpin` coroutine with `arg`: Python's `g.send(arg)`, short for
/// `Pin::new(&mut c).resume(arg)`.
///
/// Every coroutine coro builds natively, and every boxed one, is `Unpin`;
/// pin an unboxed one with `pin!` and resume it with `.as_mut().resume(..)`.
///
/// Python's `g.throw(E)` is a coroutine resumed with a `Result`, whose body
/// uses `?` on what `yield_!` gives:
///
/// ```
/// use coro::{Coroutine, CoroutineState, generator, send, yield_};
///
/// /// A resource in a `with` block: told of an error, it cleans up and ends
/// /// with it (Python's `contextmanager`, whose `yield` raises what is thrown).
/// #[generator(first = _)]
/// fn transaction() -> impl Coroutine<Result<u32, String>, Yield = u32, Return = Result<u32, String>> {
///     let mut total = 0;
///     loop {
///         let amount = match yield_!(total) {
///             Ok(amount) => amount,
///             Err(error) => return Err(format!("rolled back at {total}: {error}")),
///         };
///         if amount == 0 {
///             return Ok(total);
///         }
///         total += amount;
///     }
/// }
///
/// let mut t = transaction();
/// assert_eq!(send(&mut t, Ok(0)), CoroutineState::Yielded(0)); // starts it
/// assert_eq!(send(&mut t, Ok(5)), CoroutineState::Yielded(5));
/// assert_eq!(
///     send(&mut t, Err("disk full".into())), // Python's t.throw(...)
///     CoroutineState::Complete(Err("rolled back at 5: disk full".into()))
/// );
/// ```
#[inline]
pub fn send<C: Coroutine<R> + Unpin + ?Sized, R>(
    coroutine: &mut C,
    arg: R,
) -> CoroutineState<C::Yield, C::Return> {
    Pin::new(coroutine).resume(arg)
}
