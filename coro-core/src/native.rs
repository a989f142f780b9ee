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
use crate::generator::{Locate, debug_generator};
use crate::raw::{DelegateStep, resumed_after_completion};
use crate::{Coroutine, CoroutineState, Generator, Status};

/// What one resume of a native body produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed<Y, T> {
    /// It suspended at a `yield_!` with this value: the body's `k`-th
    /// (counting from 0 in the order the macro numbers them), for `Debug`.
    Yielded(Y, u16),
    /// It suspended at the `yield_!` of a `yield_from!` (the body's `k`-th)
    /// with an item of its delegate, which waits at this place, if its type
    /// tells.
    Delegated(Y, u16, Option<&'static str>),
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
/// `0` created, `1` closed (returned, panicked or closed), `2` returned with
/// `Complete(())` still to be given as a coroutine (the last step was an
/// item), `3 + k` suspended at the body's `k`-th `yield_!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Phase(u16);

impl Phase {
    const CREATED: Phase = Phase(0);
    const CLOSED: Phase = Phase(1);
    const OWES_COMPLETION: Phase = Phase(2);

    /// Suspended at yield `k`.
    #[inline]
    fn at(k: u16) -> Phase {
        Phase(k.saturating_add(3))
    }

    /// The yield it is suspended at.
    fn point(self) -> Option<u16> {
        self.0.checked_sub(3)
    }

    fn status(self) -> Status {
        match self {
            Phase::CREATED => Status::Created,
            Phase::CLOSED | Phase::OWES_COMPLETION => Status::Closed,
            _ => Status::Suspended,
        }
    }
}

/// Where each `yield_!` of a native body is in the user's source, for
/// `Debug`: a function the macro writes beside the body's state, passed
/// as its (zero-sized, `Copy`, `Send` and `Sync`) fn item.
///
/// A fn item rather than a closure: a bound `L: Fn(u16) -> &'static str` on
/// the `Coroutine` impl would have to hold for the erased lifetimes of an
/// `async` block that holds the generator, and for a closure (whose type
/// has its function's lifetimes) could not be proven there (the same
/// rust-lang/rust#110338 as [`NativeIter`]'s state); a nested fn item has
/// no lifetimes. A fn item rather than a type with an impl of its own:
/// there is no impl for rustc to check per generator.
pub trait Sites {
    /// Where the body's `k`-th `yield_!` is: `file:line:column`.
    fn site(&self, k: u16) -> &'static str;
}

impl<F: Fn(u16) -> &'static str> Sites for F {
    #[inline]
    fn site(&self, k: u16) -> &'static str {
        self(k)
    }
}

/// The [`Sites`] of a body with no `yield_!` (what stands in for a body
/// reported as an error).
#[derive(Debug, Clone, Copy)]
pub struct NoSites;

impl Sites for NoSites {
    #[inline]
    fn site(&self, _: u16) -> &'static str {
        ""
    }
}

/// Where a native generator keeps the place its delegate waits at, for
/// `Debug`: nothing (`()`) for a body without `yield_from!`, a
/// [`DelegateAt`] for one with.
pub trait InnerAt: Clone {
    /// The body suspended at its `k`-th yield, in a `yield_from!` whose
    /// delegate waits at `at`.
    fn record(&mut self, k: u16, at: Option<&'static str>);

    /// Where the delegate waits, if the body is suspended in the
    /// `yield_from!` of yield `k` (the last one recorded).
    fn at(&self, k: u16) -> Option<&'static str>;
}

impl InnerAt for () {
    #[inline]
    fn record(&mut self, _: u16, _: Option<&'static str>) {}

    #[inline]
    fn at(&self, _: u16) -> Option<&'static str> {
        None
    }
}

/// The [`InnerAt`] of a body with a `yield_from!`: the yield it was
/// recorded at, and where the delegate waited then.
#[derive(Debug, Clone, Copy, Default)]
pub struct DelegateAt(Option<(u16, &'static str)>);

impl InnerAt for DelegateAt {
    #[inline]
    fn record(&mut self, k: u16, at: Option<&'static str>) {
        self.0 = at.map(|at| (k, at));
    }

    #[inline]
    fn at(&self, k: u16) -> Option<&'static str> {
        match self.0 {
            Some((recorded, at)) if recorded == k => Some(at),
            _ => None,
        }
    }
}

/// Where a native generator is suspended: its own yield, and its
/// delegate's.
#[inline]
fn locate<L: Sites>(phase: Phase, sites: &L, inner: &impl InnerAt) -> Locate {
    match phase.point() {
        Some(k) => Locate {
            at: Some(sites.site(k)),
            innermost: inner.at(k),
        },
        None => Locate::NOWHERE,
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
        *self.0 = Phase::CLOSED;
    }
}

/// Closes a native generator: marks it closed first (so that it stays
/// closed if a destructor panics), then has the closure drop its state.
#[inline]
fn close_with<R, T>(phase: &mut Phase, resume: impl FnOnce(Order<R>) -> T) {
    if *phase != Phase::CLOSED {
        *phase = Phase::CLOSED;
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
///
/// `L` (a fn item, [`Sites`]) says where each `yield_!` is in the
/// user's source, for `Debug`; `D` (an [`InnerAt`]) where the delegate of a
/// `yield_from!` waits.
#[derive(Clone)]
pub struct NativeIter<F, L, D = ()> {
    resume: F,
    locate: L,
    phase: Phase,
    inner: D,
}

/// A native sync generator (see [`NativeIter`]) from its resume function,
/// which owns the state: what `#[generator]` and `iter!` expand to.
///
/// ```
/// use coro::__private::{Order, Resumed, native_iter};
///
/// enum State { Start { n: u32 }, At { i: u32, n: u32 }, Done }
///
/// fn here(_: u16) -> &'static str {
///     "src/count.rs:3:9" // where yield 0 is
/// }
///
/// let mut state = State::Start { n: 2 };
/// let mut it = native_iter::<u32, (), _, _, _>(
///     move |order| {
///         if order == Order::Close {
///             state = State::Done;
///             return Resumed::Finished;
///         }
///         let (i, n) = match core::mem::replace(&mut state, State::Done) {
///             State::Start { n } => (0, n),
///             State::At { i, n } => (i + 1, n),
///             State::Done => return Resumed::Finished,
///         };
///         if i < n {
///             state = State::At { i, n };
///             Resumed::Yielded(i, 0)
///         } else {
///             Resumed::Returned(())
///         }
///     },
///     here,
///     (), // no `yield_from!`
/// );
/// assert_eq!(it.next(), Some(0));
/// assert_eq!(format!("{it:?}"), r#"Generator { status: Suspended, at: "src/count.rs:3:9", .. }"#);
/// assert_eq!(it.collect::<Vec<_>>(), [1]);
/// ```
#[inline]
pub fn native_iter<Y, O, F, L, D>(resume: F, locate: L, inner: D) -> NativeIter<F, L, D>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
    L: Sites,
    D: InnerAt,
{
    NativeIter {
        resume,
        locate,
        phase: Phase::CREATED,
        inner,
    }
}

impl<F, L, D: InnerAt> NativeIter<F, L, D> {
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

impl<Y, O, F, L, D: InnerAt> Iterator for NativeIter<F, L, D>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match self.step() {
            Resumed::Yielded(item, k) => {
                self.phase = Phase::at(k);
                Some(item)
            }
            Resumed::Delegated(item, k, at) => {
                self.phase = Phase::at(k);
                self.inner.record(k, at);
                Some(item)
            }
            Resumed::Returned(output) => {
                self.phase = Phase::OWES_COMPLETION;
                output.finish()
            }
            Resumed::Finished => {
                if self.phase != Phase::OWES_COMPLETION {
                    self.phase = Phase::CLOSED;
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

impl<Y, O, F, L, D: InnerAt> FusedIterator for NativeIter<F, L, D>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
}

impl<Y, O, F, L, D> Coroutine for NativeIter<F, L, D>
where
    L: Sites,
    D: InnerAt,
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    O: Finish<Y>,
{
    type Yield = Y;
    type Return = ();

    #[inline]
    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<Y, ()> {
        let this = Pin::into_inner(self);
        match this.step() {
            Resumed::Yielded(item, k) => {
                this.phase = Phase::at(k);
                CoroutineState::Yielded(item)
            }
            Resumed::Delegated(item, k, at) => {
                this.phase = Phase::at(k);
                this.inner.record(k, at);
                CoroutineState::Yielded(item)
            }
            Resumed::Returned(output) => {
                if let Some(last) = output.finish() {
                    this.phase = Phase::OWES_COMPLETION;
                    CoroutineState::Yielded(last)
                } else {
                    this.phase = Phase::CLOSED;
                    CoroutineState::Complete(())
                }
            }
            Resumed::Finished => {
                if mem::replace(&mut this.phase, Phase::CLOSED) != Phase::OWES_COMPLETION {
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        locate(self.phase, &self.locate, &self.inner)
    }
}

impl<F, L, D> Unpin for NativeIter<F, L, D> {}

impl<Y, O, F, L, D> Generator for NativeIter<F, L, D>
where
    F: FnMut(Order<()>) -> Resumed<Y, O>,
    L: Sites,
    D: InnerAt,
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

    #[inline]
    fn __locate(&self) -> Locate {
        locate(self.phase, &self.locate, &self.inner)
    }
}

impl<F, L, D> fmt::Debug for NativeIter<F, L, D>
where
    L: Sites,
    D: InnerAt,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = locate(self.phase, &self.locate, &self.inner);
        debug_generator(f, "Generator", self.phase.status(), at)
    }
}

/// A native coroutine: resumed with `R`, it yields `Y` and returns `T`.
#[must_use = "coroutines are lazy and do nothing unless resumed"]
pub struct NativeCoroutine<F, R, L, D = ()> {
    resume: F,
    locate: L,
    phase: Phase,
    inner: D,
    /// What it is resumed with (`F` takes an `Order<R>`).
    resumed_with: PhantomData<fn(R)>,
}

impl<F: Clone, R, L: Clone, D: Clone> Clone for NativeCoroutine<F, R, L, D> {
    fn clone(&self) -> Self {
        NativeCoroutine {
            resume: self.resume.clone(),
            locate: self.locate.clone(),
            phase: self.phase,
            inner: self.inner.clone(),
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
/// fn here(_: u16) -> &'static str {
///     "src/sum.rs:4:20"
/// }
///
/// let mut state = State::Start;
/// let mut c = native_coroutine::<u32, u32, u32, _, _, _>(
///     move |order| {
///         let Order::Resume(arg) = order else {
///             state = State::Done;
///             return Resumed::Finished;
///         };
///         let sum = match core::mem::replace(&mut state, State::Done) {
///             State::Start => 0,
///             State::Waiting { sum } if arg == 0 => return Resumed::Returned(sum),
///             State::Waiting { sum } => sum + arg,
///             State::Done => return Resumed::Finished,
///         };
///         state = State::Waiting { sum };
///         Resumed::Yielded(sum, 0)
///     },
///     here,
///     (),
/// );
/// assert_eq!(Pin::new(&mut c).resume(9), CoroutineState::Yielded(0));
/// assert_eq!(Pin::new(&mut c).resume(5), CoroutineState::Yielded(5));
/// assert_eq!(Pin::new(&mut c).resume(0), CoroutineState::Complete(5));
/// ```
#[inline]
pub fn native_coroutine<Y, R, T, F, L, D>(
    resume: F,
    locate: L,
    inner: D,
) -> NativeCoroutine<F, R, L, D>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
    L: Sites,
    D: InnerAt,
{
    NativeCoroutine {
        resume,
        locate,
        phase: Phase::CREATED,
        inner,
        resumed_with: PhantomData,
    }
}

impl<Y, R, T, F, L, D> Coroutine<R> for NativeCoroutine<F, R, L, D>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
    L: Sites,
    D: InnerAt,
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
            Resumed::Yielded(value, k) => {
                this.phase = Phase::at(k);
                CoroutineState::Yielded(value)
            }
            Resumed::Delegated(value, k, at) => {
                this.phase = Phase::at(k);
                this.inner.record(k, at);
                CoroutineState::Yielded(value)
            }
            Resumed::Returned(value) => {
                this.phase = Phase::CLOSED;
                CoroutineState::Complete(value)
            }
            Resumed::Finished => {
                this.phase = Phase::CLOSED;
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

    #[inline]
    fn __locate_delegate(&self) -> Locate {
        locate(self.phase, &self.locate, &self.inner)
    }
}

impl<F, R, L, D> Unpin for NativeCoroutine<F, R, L, D> {}

impl<Y, R, T, F, L, D> Generator for NativeCoroutine<F, R, L, D>
where
    F: FnMut(Order<R>) -> Resumed<Y, T>,
    L: Sites,
    D: InnerAt,
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

    #[inline]
    fn __locate(&self) -> Locate {
        locate(self.phase, &self.locate, &self.inner)
    }
}

impl<F, R, L, D> fmt::Debug for NativeCoroutine<F, R, L, D>
where
    L: Sites,
    D: InnerAt,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = locate(self.phase, &self.locate, &self.inner);
        debug_generator(f, "Generator", self.phase.status(), at)
    }
}

#[cold]
#[inline(never)]
fn started_without_argument() -> ! {
    unreachable!("a native generator is resumed with an argument")
}
