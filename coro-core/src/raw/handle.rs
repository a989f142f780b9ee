//! The handle a body yields through, and its yield futures.
//!
//! Everything a handle can do is safe whatever the body does with the handle
//! and its futures (forget them, poll them from elsewhere, move them into
//! other generators): a yield only moves a value into the slot of the
//! generator that made the handle, and only while that generator is alive
//! (the handle's lifetime), and a handle by id checks on every first poll
//! that it is polled by that generator's driver. Registering a delegation
//! frame, which needs more, is the one `unsafe` method (`frame.rs`).

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::mode::Mode;
use super::panics::resumed_without_argument;

/// The handle a generator body yields through.
///
/// Created by coro for each generator and passed to its body; the expansion
/// of `yield_!(v)` is `co.yield_(v).await` (or `co.yield_item(v).await` when
/// the generator is resumed with `()`). User code never names it.
///
/// # Examples
///
/// The `#[generator]` attribute writes this for you; this is what it does by
/// hand, through the macro-facing (hidden) constructor:
///
/// ```
/// use coro::__private::{ById, iter};
///
/// let it = iter::<ById, u32, (), _>(async move |mut co, ()| {
///     co.yield_item(1).await;
///     co.yield_item(2).await;
/// });
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
/// ```
pub struct Co<'a, Y, R, M: Mode> {
    pub(super) loc: M::Loc<Y, R>,
    _marker: Invariant<'a, Y, R>,
}

/// Makes a handle invariant in `Y` and `R` (a covariant item type would let
/// a body yield a shorter-lived value than the caller expects), and ties it
/// to the lifetime `'a` of the body's future.
type Invariant<'a, Y, R> = PhantomData<(&'a (), fn(Y) -> Y, fn(R) -> R)>;

// SAFETY: the handle moves a `Y` into the slot and an `R` out of it, so it
// may go to another thread when both may. It cannot outlive the body's
// future (its lifetime), so another thread can hold it only while the
// driver's thread waits inside a poll of the body (a scoped thread): the
// slot is never used by two threads at once.
unsafe impl<Y: Send, R: Send, M: Mode> Send for Co<'_, Y, R, M> {}

// SAFETY: every method that reaches the slot takes `&mut self`; a `&Co` can
// do nothing with it.
unsafe impl<Y, R, M: Mode> Sync for Co<'_, Y, R, M> {}

impl<Y, R, M: Mode> Co<'_, Y, R, M> {
    /// The handle of the generator whose slot `loc` names.
    #[inline]
    pub(super) const fn new(loc: M::Loc<Y, R>) -> Self {
        Co {
            loc,
            _marker: PhantomData,
        }
    }

    /// Hands `value` to the caller and returns the future that suspends the
    /// body until the caller resumes it; the future's output is the resume
    /// argument.
    ///
    /// Await the returned future immediately.
    ///
    /// ```
    /// # use core::pin::Pin;
    /// # use coro::{Coroutine, CoroutineState};
    /// use coro::__private::{ById, coroutine};
    ///
    /// let mut c = coroutine::<ById, u32, u32, (), _>(async move |mut co, first| {
    ///     let second = co.yield_(first).await;
    ///     co.yield_(second * 10).await;
    /// });
    /// assert_eq!(Pin::new(&mut c).resume(1), CoroutineState::Yielded(1));
    /// assert_eq!(Pin::new(&mut c).resume(2), CoroutineState::Yielded(20));
    /// ```
    #[inline]
    pub fn yield_(&mut self, value: Y) -> Suspend<'_, Y, R, M> {
        Suspend {
            pending: Some(M::hand_over(self.loc, value)),
            loc: self.loc,
            at: None,
            _marker: PhantomData,
        }
    }

    /// [`Co::yield_`], saying where the `yield_!` is (`file:line:column`),
    /// which the generator's `Debug` shows while it is suspended there.
    ///
    /// ```
    /// use core::pin::Pin;
    /// use coro::{Coroutine, CoroutineState};
    /// use coro::__private::{ById, coroutine};
    ///
    /// let mut c = coroutine::<ById, u32, u32, (), _>(async move |mut co, first| {
    ///     co.yield_at(&"src/main.rs:4:5", first).await;
    /// });
    /// assert_eq!(Pin::new(&mut c).resume(1), CoroutineState::Yielded(1));
    /// assert_eq!(format!("{c:?}"), r#"Generator { status: Suspended, at: "src/main.rs:4:5", .. }"#);
    /// ```
    #[inline]
    pub fn yield_at(&mut self, at: &'static &'static str, value: Y) -> Suspend<'_, Y, R, M> {
        Suspend {
            at: Some(at),
            ..self.yield_(value)
        }
    }
}

impl<Y, M: Mode> Co<'_, Y, (), M> {
    /// [`Co::yield_`] for generators resumed with `()` (iterators and
    /// streams): the future has no argument to take.
    ///
    /// ```
    /// use coro::__private::{ById, iter};
    ///
    /// let it = iter::<ById, u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    #[inline]
    pub fn yield_item(&mut self, value: Y) -> SuspendItem<'_, Y, M> {
        SuspendItem {
            pending: Some(M::hand_over(self.loc, value)),
            loc: self.loc,
            at: None,
            _marker: PhantomData,
        }
    }

    /// [`Co::yield_item`], saying where the `yield_!` is (see
    /// [`Co::yield_at`]).
    ///
    /// ```
    /// use coro::__private::{ById, iter};
    ///
    /// let mut it = iter::<ById, u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item_at(&"src/lib.rs:2:5", 1).await;
    /// });
    /// assert_eq!(it.next(), Some(1));
    /// assert_eq!(format!("{it:?}"), r#"Generator { status: Suspended, at: "src/lib.rs:2:5", .. }"#);
    /// ```
    #[inline]
    pub fn yield_item_at(&mut self, at: &'static &'static str, value: Y) -> SuspendItem<'_, Y, M> {
        SuspendItem {
            at: Some(at),
            ..self.yield_item(value)
        }
    }
}

impl<Y, R, M: Mode> fmt::Debug for Co<'_, Y, R, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

/// The future returned by [`Co::yield_`]: `Pending` while the yielded item
/// waits for the driver, then `Ready` with the resume argument.
///
/// ```
/// # use coro::__private::{ById, coroutine};
/// # let _ = coroutine::<ById, u32, u8, (), _>(async move |mut co, _| {
/// let suspend = co.yield_(1);
/// let _arg: u8 = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct Suspend<'a, Y, R, M: Mode> {
    /// Until the first poll: by id, the value to yield.
    pending: Option<M::Pending<Y>>,
    loc: M::Loc<Y, R>,
    /// Where the `yield_!` is, if it said.
    at: Option<&'static &'static str>,
    _marker: PhantomData<&'a mut ()>,
}

// SAFETY: as for `Co`, whose exclusive borrow this future stands for; it
// also owns the value to yield, a `Y`.
unsafe impl<Y: Send, R: Send, M: Mode> Send for Suspend<'_, Y, R, M> {}

// SAFETY: `poll` takes `Pin<&mut Self>`; a `&Suspend` can do nothing.
unsafe impl<Y, R, M: Mode> Sync for Suspend<'_, Y, R, M> {}

// Nothing is pinned: the value is moved out on the first poll.
impl<Y, R, M: Mode> Unpin for Suspend<'_, Y, R, M> {}

impl<Y, R, M: Mode> Future for Suspend<'_, Y, R, M> {
    type Output = R;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let this = self.get_mut();
        if let Some(pending) = this.pending.take() {
            M::deliver(this.loc, cx, pending, this.at);
            return Poll::Pending;
        }
        let slot = M::slot(this.loc, cx);
        if slot.has_item() {
            // The item still waits for the driver: something other than the
            // driver polled the body again.
            return Poll::Pending;
        }
        match slot.take_arg() {
            Some(arg) => Poll::Ready(arg),
            // Polled again after it returned `Ready`: by something else than
            // the driver.
            None => resumed_without_argument(),
        }
    }
}

impl<Y, R, M: Mode> fmt::Debug for Suspend<'_, Y, R, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Suspend").finish_non_exhaustive()
    }
}

/// The future returned by [`Co::yield_item`]: `Pending` once, then `Ready`.
///
/// ```
/// # use coro::__private::{ById, iter};
/// # let _ = iter::<ById, u32, (), _>(async move |mut co, ()| {
/// let suspend = co.yield_item(1);
/// let () = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct SuspendItem<'a, Y, M: Mode> {
    /// Until the first poll: by id, the value to yield.
    pending: Option<M::Pending<Y>>,
    loc: M::Loc<Y, ()>,
    /// Where the `yield_!` is, if it said.
    at: Option<&'static &'static str>,
    _marker: PhantomData<&'a mut ()>,
}

// SAFETY: as for `Suspend`.
unsafe impl<Y: Send, M: Mode> Send for SuspendItem<'_, Y, M> {}

// SAFETY: as for `Suspend`.
unsafe impl<Y, M: Mode> Sync for SuspendItem<'_, Y, M> {}

// Nothing is pinned: the value is moved out on the first poll.
impl<Y, M: Mode> Unpin for SuspendItem<'_, Y, M> {}

impl<Y, M: Mode> Future for SuspendItem<'_, Y, M> {
    type Output = ();

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        match this.pending.take() {
            Some(pending) => {
                M::deliver(this.loc, cx, pending, this.at);
                Poll::Pending
            }
            // The driver took the item whenever the body suspended, and
            // there is no argument to take.
            None => Poll::Ready(()),
        }
    }
}

impl<Y, M: Mode> fmt::Debug for SuspendItem<'_, Y, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SuspendItem").finish_non_exhaustive()
    }
}
