//! Generators whose state machine the macro writes itself.
//!
//! For a sync body that holds no borrow of its own locals across a
//! `yield_!`, the macros do not build an `async` block: they emit an enum
//! with one variant per suspension point, holding exactly the locals live
//! there, and a closure that resumes the body from the variant it finds
//! (see `coro-macros/src/native/`). This module is the little that wraps
//! them: [`NativeIter`] and [`NativeCoroutine`] call the closure, which
//! owns the state, and turn what it returns into `next` / `resume`.
//!
//! There is no `unsafe` here, and nothing is pinned: the state is an
//! ordinary value, so these generators are `Unpin`, can be moved between
//! resumes, allocate nothing, and are `Clone` when their state is.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::mem;
use core::pin::Pin;

use crate::finish::Finish;
use crate::raw::{DelegateStep, resumed_after_completion};
use crate::{Coroutine, CoroutineState, Generator, Status};

/// What one resume of a native body produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed<Y, T> {
    /// It suspended at a `yield_!` with this value.
    Yielded(Y),
    /// It returned this value: the state is finished.
    Returned(T),
    /// It had finished (or panicked) before: nothing more comes.
    Finished,
}

/// What the resume closure of a native generator is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order<R> {
    /// Run the body from where it is, `yield_!` there evaluating to this.
    Resume(R),
    /// Drop the state (every live local) and answer [`Resumed::Finished`].
    Close,
}

/// Where a native generator is, beside its state: what `&self` can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Created,
    Suspended,
    /// Returned, panicked or closed.
    Closed,
    /// Returned, and as a coroutine `Complete(())` is still to be given
    /// (the last step was an item).
    OwesCompletion,
}

impl Phase {
    fn status(self) -> Status {
        match self {
            Phase::Created => Status::Created,
            Phase::Suspended => Status::Suspended,
            Phase::Closed | Phase::OwesCompletion => Status::Closed,
        }
    }
}

/// Marks a native generator closed if its body panics: armed around each
/// call of the resume closure, and forgotten when the call returns.
struct ClosedOnUnwind<'a>(&'a mut Phase);

impl ClosedOnUnwind<'_> {
    #[inline]
    fn disarm(self) {
        mem::forget(self);
    }
}

impl Drop for ClosedOnUnwind<'_> {
    fn drop(&mut self) {
        *self.0 = Phase::Closed;
    }
}

/// Closes a native generator: marks it closed first (so that it stays
/// closed if a destructor panics), then has the closure drop its state.
#[inline]
fn close_with<R, T>(phase: &mut Phase, resume: impl FnOnce(Order<R>) -> T) {
    if *phase != Phase::Closed {
        *phase = Phase::Closed;
        let _ = resume(Order::Close);
    }
}

/// A native sync generator: an [`Iterator`] (and [`FusedIterator`]) of `Y`,
/// and a [`Coroutine<()>`] that yields the same items and returns `()`.
///
/// `resume` owns the body's state and runs the body to its next `yield_!`
/// or its end; `O` is what the body's end gives ([`Finish`]: `()`, or a
/// `Result` whose error becomes the last item).
///
/// The state lives in the closure rather than beside it, so that the
/// closure's signature names no lifetime: a closure that takes a state
/// holding borrows cannot be proven `Send` inside an `async` block
/// (rust-lang/rust#110338), which broke `for x in iter! { .. } { f().await }`.
#[must_use = "iterators are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct NativeIter<F> {
    resume: F,
    phase: Phase,
}

/// A native sync generator (see [`NativeIter`]) from its resume function,
/// which owns the state: what `#[generator]` and `iter!` expand to.
///
/// ```
/// use coro::__private::{Order, Resumed, native_iter};
///
/// enum State { Start { n: u32 }, At { i: u32, n: u32 }, Done }
///
/// let mut state = State::Start { n: 2 };
/// let it = native_iter::<u32, (), _>(move |order| {
///     if order == Order::Close {
///         state = State::Done;
///         return Resumed::Finished;
///     }
///     let (i, n) = match core::mem::replace(&mut state, State::Done) {
///         State::Start { n } => (0, n),
///         State::At { i, n } => (i + 1, n),
///         State::Done => return Resumed::Finished,
///     };
///     if i < n {
///         state = State::At { i, n };
///         Resumed::Yielded(i)
///     } else {
///         Resumed::Returned(())
///     }
/// });
/// assert_eq!(it.collect::<Vec<_>>(), [0, 1]);
/// ```
#[inline]
pub fn native_iter<Y, O, F>(resume: F) -> NativeIter<F>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
    NativeIter {
        resume,
        phase: Phase::Created,
    }
}

impl<F> NativeIter<F> {
    /// One step of the body, with `phase` closed if it panics.
    #[inline]
    fn step<Y, O>(&mut self) -> Resumed<Y, O>
    where
        F: FnMut(Order<()>) -> Resumed<Y, O>,
    {
        let guard = ClosedOnUnwind(&mut self.phase);
        let step = (self.resume)(Order::Resume(()));
        guard.disarm();
        step
    }
}

impl<Y, O, F> Iterator for NativeIter<F>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match self.step() {
            Resumed::Yielded(item) => {
                self.phase = Phase::Suspended;
                Some(item)
            }
            Resumed::Returned(output) => {
                self.phase = Phase::OwesCompletion;
                output.finish()
            }
            Resumed::Finished => {
                if self.phase != Phase::OwesCompletion {
                    self.phase = Phase::Closed;
                }
                None
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.phase.status() == Status::Closed {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<Y, O, F> FusedIterator for NativeIter<F>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
}

impl<Y, O, F> Coroutine for NativeIter<F>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Yield = Y;
    type Return = ();

    #[inline]
    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<Y, ()> {
        let this = Pin::into_inner(self);
        match this.step() {
            Resumed::Yielded(item) => {
                this.phase = Phase::Suspended;
                CoroutineState::Yielded(item)
            }
            Resumed::Returned(output) => {
                if let Some(last) = output.finish() {
                    this.phase = Phase::OwesCompletion;
                    CoroutineState::Yielded(last)
                } else {
                    this.phase = Phase::Closed;
                    CoroutineState::Complete(())
                }
            }
            Resumed::Finished => {
                if mem::replace(&mut this.phase, Phase::Closed) != Phase::OwesCompletion {
                    resumed_after_completion();
                }
                CoroutineState::Complete(())
            }
        }
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<()>,
    ) -> DelegateStep<'g, Y, (), ()> {
        // A native body never delegates through a frame: each step is a
        // resume, with the argument (`()`) or without it.
        arg.take();
        DelegateStep::from_state(self.resume(()))
    }
}

impl<F> Unpin for NativeIter<F> {}

impl<Y, O, F> Generator for NativeIter<F>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
{
    #[inline]
    fn status(&self) -> Status {
        self.phase.status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        let this = Pin::into_inner(self);
        close_with(&mut this.phase, &mut this.resume);
    }
}

impl<F> fmt::Debug for NativeIter<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("status", &self.phase.status())
            .finish_non_exhaustive()
    }
}

/// A native coroutine: resumed with `R`, it yields `Y` and returns `T`.
#[must_use = "coroutines are lazy and do nothing unless resumed"]
pub struct NativeCoroutine<F, R> {
    resume: F,
    phase: Phase,
    /// What it is resumed with (`F` takes an `Order<R>`).
    resumed_with: PhantomData<fn(R)>,
}

impl<F: Clone, R> Clone for NativeCoroutine<F, R> {
    fn clone(&self) -> Self {
        NativeCoroutine {
            resume: self.resume.clone(),
            phase: self.phase,
            resumed_with: PhantomData,
        }
    }
}

/// A native coroutine (see [`NativeCoroutine`]) from its resume function,
/// which owns the state: what `#[generator]` and `coroutine!` expand to.
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState};
/// use coro::__private::{Order, Resumed, native_coroutine};
///
/// enum State { Start, Waiting { sum: u32 }, Done }
///
/// let mut state = State::Start;
/// let mut c = native_coroutine::<u32, u32, u32, _>(move |order| {
///     let Order::Resume(arg) = order else {
///         state = State::Done;
///         return Resumed::Finished;
///     };
///     let sum = match core::mem::replace(&mut state, State::Done) {
///         State::Start => 0,
///         State::Waiting { sum } if arg == 0 => return Resumed::Returned(sum),
///         State::Waiting { sum } => sum + arg,
///         State::Done => return Resumed::Finished,
///     };
///     state = State::Waiting { sum };
///     Resumed::Yielded(sum)
/// });
/// assert_eq!(Pin::new(&mut c).resume(9), CoroutineState::Yielded(0));
/// assert_eq!(Pin::new(&mut c).resume(5), CoroutineState::Yielded(5));
/// assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Complete(5));
/// ```
#[inline]
pub fn native_coroutine<Y, R, T, F>(resume: F) -> NativeCoroutine<F, R>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
{
    NativeCoroutine {
        resume,
        phase: Phase::Created,
        resumed_with: PhantomData,
    }
}

impl<Y, R, T, F> Coroutine<R> for NativeCoroutine<F, R>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, T> {
        let this = Pin::into_inner(self);
        let guard = ClosedOnUnwind(&mut this.phase);
        let step = (this.resume)(Order::Resume(arg));
        guard.disarm();
        match step {
            Resumed::Yielded(value) => {
                this.phase = Phase::Suspended;
                CoroutineState::Yielded(value)
            }
            Resumed::Returned(value) => {
                this.phase = Phase::Closed;
                CoroutineState::Complete(value)
            }
            Resumed::Finished => {
                this.phase = Phase::Closed;
                resumed_after_completion()
            }
        }
    }

    #[inline]
    fn __resume_delegating<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Y, T, R> {
        // A native body never delegates through a frame, so it is always
        // resumed with an argument.
        match arg.take() {
            Some(arg) => DelegateStep::from_state(self.resume(arg)),
            None => started_without_argument(),
        }
    }
}

impl<F, R> Unpin for NativeCoroutine<F, R> {}

impl<Y, R, T, F> Generator for NativeCoroutine<F, R>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
{
    #[inline]
    fn status(&self) -> Status {
        self.phase.status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        let this = Pin::into_inner(self);
        close_with(&mut this.phase, &mut this.resume);
    }
}

impl<F, R> fmt::Debug for NativeCoroutine<F, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("status", &self.phase.status())
            .finish_non_exhaustive()
    }
}

#[cold]
#[inline(never)]
fn started_without_argument() -> ! {
    unreachable!("a native generator is resumed with an argument")
}
