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
use core::mem;
use core::pin::Pin;

use crate::finish::Finish;
use crate::raw::{DelegateStep, resumed_after_completion};
use crate::{Coroutine, CoroutineState};

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

/// How a native generator describes itself in `Debug`.
fn describe(finished: bool) -> &'static str {
    if finished { "finished" } else { "not finished" }
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
    /// The body returned or panicked: nothing more comes.
    finished: bool,
    /// As a coroutine, whether `Complete(())` is still to be returned (the
    /// body returned, and the last step was an item).
    owes_completion: bool,
}

/// A native sync generator (see [`NativeIter`]) from its resume function,
/// which owns the state: what `#[generator]` and `iter!` expand to.
///
/// ```
/// use coro::__private::{Resumed, native_iter};
///
/// enum State { Start { n: u32 }, At { i: u32, n: u32 }, Done }
///
/// let mut state = State::Start { n: 2 };
/// let it = native_iter::<u32, (), _>(move || {
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
    F: FnMut() -> Resumed<Y, O>,
    O: Finish<Y>,
{
    NativeIter {
        resume,
        finished: false,
        owes_completion: false,
    }
}

impl<Y, O, F> Iterator for NativeIter<F>
where
    F: FnMut() -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match (self.resume)() {
            Resumed::Yielded(item) => Some(item),
            Resumed::Returned(output) => {
                self.finished = true;
                self.owes_completion = true;
                output.finish()
            }
            Resumed::Finished => {
                self.finished = true;
                None
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.finished {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<Y, O, F> FusedIterator for NativeIter<F>
where
    F: FnMut() -> Resumed<Y, O>,
    O: Finish<Y>,
{
}

impl<Y, O, F> Coroutine for NativeIter<F>
where
    F: FnMut() -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Yield = Y;
    type Return = ();

    #[inline]
    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<Y, ()> {
        let this = Pin::into_inner(self);
        match (this.resume)() {
            Resumed::Yielded(item) => CoroutineState::Yielded(item),
            Resumed::Returned(output) => {
                this.finished = true;
                match output.finish() {
                    Some(last) => {
                        this.owes_completion = true;
                        CoroutineState::Yielded(last)
                    }
                    None => CoroutineState::Complete(()),
                }
            }
            Resumed::Finished => {
                this.finished = true;
                if !mem::take(&mut this.owes_completion) {
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

impl<F> fmt::Debug for NativeIter<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("state", &describe(self.finished))
            .finish_non_exhaustive()
    }
}

/// A native coroutine: resumed with `R`, it yields `Y` and returns `T`.
#[must_use = "coroutines are lazy and do nothing unless resumed"]
#[derive(Clone)]
pub struct NativeCoroutine<F> {
    resume: F,
    /// The body returned or panicked.
    finished: bool,
}

/// A native coroutine (see [`NativeCoroutine`]) from its resume function,
/// which owns the state: what `#[generator]` and `coroutine!` expand to.
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState};
/// use coro::__private::{Resumed, native_coroutine};
///
/// enum State { Start, Waiting { sum: u32 }, Done }
///
/// let mut state = State::Start;
/// let mut c = native_coroutine::<u32, u32, u32, _>(move |arg| {
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
pub fn native_coroutine<Y, R, T, F>(resume: F) -> NativeCoroutine<F>
where
    F: FnMut(R) -> Resumed<Y, T>,
{
    NativeCoroutine {
        resume,
        finished: false,
    }
}

impl<Y, R, T, F> Coroutine<R> for NativeCoroutine<F>
where
    F: FnMut(R) -> Resumed<Y, T>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    fn resume(self: Pin<&mut Self>, arg: R) -> CoroutineState<Y, T> {
        let this = Pin::into_inner(self);
        match (this.resume)(arg) {
            Resumed::Yielded(value) => CoroutineState::Yielded(value),
            Resumed::Returned(value) => {
                this.finished = true;
                CoroutineState::Complete(value)
            }
            Resumed::Finished => {
                this.finished = true;
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

impl<F> Unpin for NativeCoroutine<F> {}

impl<F> fmt::Debug for NativeCoroutine<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("state", &describe(self.finished))
            .finish_non_exhaustive()
    }
}

#[cold]
#[inline(never)]
fn started_without_argument() -> ! {
    unreachable!("a native generator is resumed with an argument")
}
