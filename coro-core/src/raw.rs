//! The raw generator: the only module of coro with `unsafe` code.
//!
//! A generator body is an `async` closure that takes a [`Co`] handle. The
//! compiler lowers it to a state machine (a future), so every Rust construct
//! works inside it and borrows across `yield_!` are checked as in any `async`
//! block. [`RawGen`] owns that future together with the [`Slot`] through which
//! values pass between the body and the caller:
//!
//! ```text
//!  caller ──resume(arg)──▶ RawGen ──writes arg──▶ Slot ◀──reads arg── body (Suspend future)
//!  caller ◀──Yielded(y)─── RawGen ◀──reads item── Slot ◀──writes y─── body (co.yield_(y))
//! ```
//!
//! `co.yield_(y)` writes `y` into the slot and returns a [`Suspend`] future
//! that is `Pending` once (the `.await` suspends the body) and, when polled
//! again, `Ready` with the resume argument the driver left in the slot.
//!
//! # Why this is sound
//!
//! * The slot lives inside the pinned `RawGen`, and `RawGen` is `!Unpin`, so
//!   its address is stable from the first resume until it is dropped.
//! * The [`Co`] handle points at the slot. It is created by the driver, with
//!   the driver's own item and argument types, and handed to the body closure,
//!   which must accept a `Co<'a, ..>` for *every* lifetime `'a`
//!   (`for<'a> AsyncFnOnce(Co<'a, Y, R>, R)`). The body therefore cannot move
//!   the handle anywhere that outlives the body's own future: no `'static`
//!   place, no outer variable, no return value. The future is owned by the
//!   `RawGen` and dropped before the slot (field order), so a handle never
//!   outlives the slot it points at.
//! * Every access to the slot happens while someone holds the `RawGen`
//!   exclusively: the driver (through `Pin<&mut RawGen>`, between polls) or
//!   the body (during a poll, which the driver makes through that same
//!   exclusive borrow, or during the drop of the future). No reference into the
//!   slot is held across a call that could run user code, so the accesses never
//!   overlap.
//! * `Co::yield_` takes `&mut self` and the returned future borrows the handle,
//!   so a body cannot have two yields in flight.
//! * The handle's types are invariant, so a body cannot yield a shorter-lived
//!   value than the item type promises.

use core::cell::UnsafeCell;
use core::fmt;
use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{self, MaybeUninit};
use core::pin::Pin;
use core::ptr::NonNull;
use core::task::{Context, Poll};

/// Where a yielded item waits for the driver and a resume argument waits for
/// the body. Only ever accessed through raw pointers, by the rules in the
/// module documentation.
///
/// The item is a `MaybeUninit` with its own `ready` flag (rather than an
/// `Option`) so that the yield futures can see whether an item is waiting
/// without knowing the item's type.
struct Slot<Y, R> {
    /// Whether `item` holds a value.
    ready: UnsafeCell<bool>,
    item: UnsafeCell<MaybeUninit<Y>>,
    arg: UnsafeCell<Option<R>>,
}

impl<Y, R> Slot<Y, R> {
    const fn new() -> Self {
        Slot {
            ready: UnsafeCell::new(false),
            item: UnsafeCell::new(MaybeUninit::uninit()),
            arg: UnsafeCell::new(None),
        }
    }

    /// Stores an item for the driver.
    ///
    /// # Safety
    ///
    /// `this` points to a live slot, and no reference into it is live (the
    /// rules in the module documentation).
    #[inline]
    unsafe fn put_item(this: *const Self, item: Y) {
        // SAFETY: the caller's contract; the accesses below end before any
        // user code (the old item's destructor) runs.
        unsafe {
            let ready = (*this).ready.get();
            let cell = (*this).item.get();
            // A body only yields again after the driver took the item, unless
            // it is misused (a yield future dropped without being awaited):
            // then the old item is dropped, after the slot is consistent.
            let old = if mem::needs_drop::<Y>() && *ready {
                Some((*cell).assume_init_read())
            } else {
                None
            };
            (*cell).write(item);
            *ready = true;
            drop(old);
        }
    }

    /// Takes the item the body stored, if any.
    ///
    /// # Safety
    ///
    /// As for [`Slot::put_item`].
    #[inline]
    unsafe fn take_item(this: *const Self) -> Option<Y> {
        // SAFETY: the caller's contract; `ready` says `item` is initialized,
        // and clearing it first means it is read out once.
        unsafe {
            let ready = (*this).ready.get();
            if *ready {
                *ready = false;
                Some((*(*this).item.get()).assume_init_read())
            } else {
                None
            }
        }
    }
}

impl<Y, R> Drop for Slot<Y, R> {
    fn drop(&mut self) {
        if *self.ready.get_mut() {
            // SAFETY: `ready` says the item is initialized; it is dropped
            // once, here, as the slot goes away.
            unsafe { self.item.get_mut().assume_init_drop() };
        }
    }
}

// SAFETY: a `&Slot` gives no access to its contents: every access goes through
// `Pin<&mut RawGen>` (the driver) or through the `Co` inside the body future,
// which runs only while the driver holds that exclusive borrow. So sharing a
// `&RawGen` between threads never lets two threads touch the slot.
unsafe impl<Y, R> Sync for Slot<Y, R> {}

/// The handle a generator body yields through.
///
/// Created by coro for each generator and passed to its body; the expansion of
/// `yield_!(v)` is `co.yield_(v).await`. User code never names it.
///
/// # Examples
///
/// The `#[generator]` attribute writes this for you; this is what it does by
/// hand, through the macro-facing (hidden) constructor:
///
/// ```
/// let it = coro::__private::iter::<u32, (), _>(async move |mut co, ()| {
///     co.yield_(1).await;
///     co.yield_(2).await;
/// });
/// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
/// ```
pub struct Co<'a, Y, R = ()> {
    slot: NonNull<Slot<Y, R>>,
    _marker: Invariant<'a, Y, R>,
}

/// Makes a handle invariant in `Y` and `R` (a covariant item type would let
/// a body yield a shorter-lived value than the caller expects), and ties it
/// to the lifetime `'a` of the body's future.
type Invariant<'a, Y, R> = PhantomData<(&'a (), fn(Y) -> Y, fn(R) -> R)>;

// SAFETY: the handle lets its holder move a `Y` into the slot and an `R` out
// of it, so it may go to another thread when both may. The slot outlives the
// handle whatever thread holds it (module docs), and the handle is only used
// while the driver polls the body, which it does through an exclusive borrow.
unsafe impl<Y: Send, R: Send> Send for Co<'_, Y, R> {}

// SAFETY: every method of `Co` takes `&mut self`; a `&Co` can do nothing.
unsafe impl<Y, R> Sync for Co<'_, Y, R> {}

impl<Y, R> Co<'_, Y, R> {
    /// Hands `value` to the caller and returns the future that suspends the
    /// body until the caller resumes it; the future's output is the resume
    /// argument.
    ///
    /// The value is stored at once; await the returned future immediately.
    ///
    /// ```
    /// # use core::pin::Pin;
    /// # use coro::{Coroutine, CoroutineState};
    /// let mut c = coro::__private::coroutine::<u32, u32, (), _>(async move |mut co, first| {
    ///     let second = co.yield_(first).await;
    ///     co.yield_(second * 10).await;
    /// });
    /// assert_eq!(Pin::new(&mut c).resume(1), CoroutineState::Yielded(1));
    /// assert_eq!(Pin::new(&mut c).resume(2), CoroutineState::Yielded(20));
    /// ```
    #[inline]
    pub fn yield_(&mut self, value: Y) -> Suspend<'_, R> {
        let slot = self.slot.as_ptr();
        // SAFETY: the slot is alive (module docs) and no reference into it is
        // live: the driver is inside `poll` of the body, and yields are
        // serialized by `&mut self`.
        unsafe { Slot::put_item(slot, value) };
        // SAFETY: the slot is alive; these only compute its fields' addresses.
        let (ready, arg) = unsafe {
            (
                NonNull::new_unchecked((*slot).ready.get()),
                NonNull::new_unchecked((*slot).arg.get()),
            )
        };
        Suspend {
            ready,
            arg,
            _marker: PhantomData,
        }
    }
}

impl<Y> Co<'_, Y, ()> {
    /// [`Co::yield_`] for generators resumed with `()` (iterators and
    /// streams): the future has no argument to take.
    ///
    /// ```
    /// let it = coro::__private::iter::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    #[inline]
    pub fn yield_item(&mut self, value: Y) -> SuspendItem<'_> {
        // SAFETY: as in `Co::yield_`.
        unsafe { Slot::put_item(self.slot.as_ptr(), value) };
        SuspendItem {
            polled: false,
            _marker: PhantomData,
        }
    }
}

impl<Y, R> fmt::Debug for Co<'_, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

/// The future returned by [`Co::yield_`]: `Pending` while the yielded item
/// waits for the driver, then `Ready` with the resume argument.
///
/// (The future's type leaves out the item type, so that a type error in a
/// yielded value is only about the value.)
///
/// ```
/// # let _ = coro::__private::coroutine::<u32, u8, (), _>(async move |mut co, _| {
/// let suspend = co.yield_(1);
/// let _arg: u8 = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct Suspend<'a, R> {
    ready: NonNull<bool>,
    arg: NonNull<Option<R>>,
    _marker: PhantomData<&'a mut Option<R>>,
}

// SAFETY: as for `Co`, whose exclusive borrow this future stands for: it takes
// an `R` out of the slot. (The item was written by `Co::yield_`, whose `Co`
// required `Y: Send` to be sent.)
unsafe impl<R: Send> Send for Suspend<'_, R> {}

// SAFETY: `poll` takes `Pin<&mut Self>`; a `&Suspend` can do nothing.
unsafe impl<R> Sync for Suspend<'_, R> {}

impl<R> Future for Suspend<'_, R> {
    type Output = R;

    #[inline]
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<R> {
        // SAFETY: as in `Co::yield_`: the slot is alive and no reference into
        // it is live while the body is being polled.
        unsafe {
            if *self.ready.as_ptr() {
                return Poll::Pending;
            }
            match (*self.arg.as_ptr()).take() {
                Some(arg) => Poll::Ready(arg),
                None => resumed_without_argument(),
            }
        }
    }
}

impl<R> fmt::Debug for Suspend<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Suspend").finish_non_exhaustive()
    }
}

/// The future returned by [`Co::yield_item`]: `Pending` once, then
/// `Ready`. (It needs no pointer to the slot: the driver takes the item
/// whenever the body suspends, and there is no argument to take.)
///
/// ```
/// # let _ = coro::__private::iter::<u32, (), _>(async move |mut co, ()| {
/// let suspend = co.yield_item(1);
/// let () = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct SuspendItem<'a> {
    polled: bool,
    _marker: PhantomData<&'a mut ()>,
}

impl Future for SuspendItem<'_> {
    type Output = ();

    #[inline]
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.polled {
            Poll::Ready(())
        } else {
            self.polled = true;
            Poll::Pending
        }
    }
}

impl fmt::Debug for SuspendItem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SuspendItem").finish_non_exhaustive()
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn resumed_without_argument() -> ! {
    panic!(
        "a `yield_!` was resumed by something other than its own generator \
         (was its future moved into another generator or executor?)"
    )
}

/// What one step of a [`RawGen`] produced.
#[derive(Debug)]
pub(crate) enum Step<Y, O> {
    /// The body suspended at a `yield_!` with this item.
    Yielded(Y),
    /// The body finished with this output.
    Complete(O),
    /// The body awaits a future that is not ready (async generators only).
    Pending,
    /// The body finished (or panicked) at an earlier step.
    Done,
}

// A one-byte tag, `Running` first, so that the check on every step is one
// test of a byte against zero. `repr(u8)` also puts the tag at offset 0,
// which is how shared access reads it without touching the rest.
#[repr(u8)]
enum State<F, Fut> {
    /// Started: the body's future, pinned.
    Running(Fut) = RUNNING,
    /// Not started: holds the body closure and its captures.
    Fresh(F) = FRESH,
    /// Finished, panicked, or being dropped.
    Done = DONE,
}

const RUNNING: u8 = 0;
const FRESH: u8 = 1;
const DONE: u8 = 2;

/// The state machine of one generator: the body's future and the slot it
/// yields through. It must be pinned to run (the body may borrow its own
/// locals across a `yield_!`).
///
/// `S` is the zero-sized function item that starts the body, `Fut` the body's
/// future type; see the crate's `__private` constructors.
pub struct RawGen<Y, R, F, S, Fut> {
    // Field order is drop order: the future (which holds the `Co`) goes
    // before the slot it points at.
    //
    // In an `UnsafeCell` because a suspended body may hold a `&mut` to one of
    // its own locals, inside the future: a `&RawGen` (for `size_hint`,
    // `is_terminated`, `Debug`) must not claim that those bytes are frozen,
    // or the body's next write through its `&mut` would be undefined
    // behaviour. Shared access reads only the state's tag.
    state: UnsafeCell<State<F, Fut>>,
    slot: Slot<Y, R>,
    start: S,
    _pinned: PhantomPinned,
}

impl<Y, R, F, S, Fut> RawGen<Y, R, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, R>, R) -> Fut,
    Fut: Future,
{
    /// A generator that has not started: `f` runs on the first resume.
    #[inline]
    pub(crate) const fn new(f: F, start: S) -> Self {
        RawGen {
            state: UnsafeCell::new(State::Fresh(f)),
            slot: Slot::new(),
            start,
            _pinned: PhantomPinned,
        }
    }

    /// Whether the body finished (or panicked): every further step is
    /// [`Step::Done`].
    #[inline]
    pub(crate) const fn is_done(&self) -> bool {
        self.tag() == DONE
    }

    /// Ends the generator where it is: drops the body's future (its live
    /// locals, innermost first) or the unstarted closure. Every further step
    /// is [`Step::Done`].
    #[cold]
    pub(crate) fn finish(self: Pin<&mut Self>) {
        // SAFETY: the assignment drops the future in place, as `Pin`
        // allows; nothing is moved. (If a destructor panics, the assignment
        // still completes on the unwind path, so the generator is finished.)
        let this = unsafe { self.get_unchecked_mut() };
        *this.state.get_mut() = State::Done;
    }

    /// Runs the body to its next `yield_!`, its end, or (for async bodies)
    /// the next future that is not ready. `cx` reaches every `.await` of the
    /// body.
    ///
    /// If the body panics, the generator is finished and the panic
    /// propagates.
    #[inline]
    pub(crate) fn step(self: Pin<&mut Self>, arg: R, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        // SAFETY: nothing below moves the `RawGen` or its running future: the
        // future is only touched through `Pin::new_unchecked` on its place,
        // and only the `Fresh` and `Done` states, which are not pinned, are
        // replaced.
        let this = unsafe { self.get_unchecked_mut() };
        match this.state.get_mut() {
            State::Running(_) => {
                // SAFETY: the body is suspended, so no reference into the slot
                // is live. An argument the body never took (the previous one,
                // if the body was not suspended at a `yield_!`) is dropped
                // after the write.
                let old = unsafe { this.slot.arg.get().replace(Some(arg)) };
                drop(old);
            }
            State::Done => return Step::Done,
            State::Fresh(_) => {
                let State::Fresh(f) = mem::replace(this.state.get_mut(), State::Done) else {
                    unreachable!("matched `Fresh` above")
                };
                let co = Co {
                    slot: NonNull::from(&this.slot),
                    _marker: PhantomData,
                };
                // The first argument goes to the body closure: no `yield_!`
                // is waiting for it.
                *this.state.get_mut() = State::Running((this.start)(f, co, arg));
            }
        }
        Self::poll_body(this.state.get_mut(), &this.slot, cx)
    }

    #[inline]
    fn poll_body(
        state: &mut State<F, Fut>,
        slot: &Slot<Y, R>,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        /// Finishes the generator if the body panics, so that it is fused.
        struct FinishOnUnwind<F, Fut>(*mut State<F, Fut>);
        impl<F, Fut> Drop for FinishOnUnwind<F, Fut> {
            fn drop(&mut self) {
                // SAFETY: only reached while unwinding out of `poll`, when the
                // borrow of the future has ended; the pointer is to the live
                // state. Dropping the future in place is allowed by `Pin`.
                unsafe { *self.0 = State::Done };
            }
        }

        let state: *mut State<F, Fut> = state;
        // SAFETY: `state` is valid; the reference ends before `guard` is used.
        let State::Running(fut) = (unsafe { &mut *state }) else {
            return Step::Done;
        };
        let guard = FinishOnUnwind(state);
        // SAFETY: the future lives in the pinned `RawGen` and is never moved
        // out of it: it stays in place until it is dropped there.
        let poll = unsafe { Pin::new_unchecked(fut) }.poll(cx);
        mem::forget(guard);
        match poll {
            Poll::Ready(output) => {
                // SAFETY: the borrow of the future ended with `poll`.
                unsafe { *state = State::Done };
                Step::Complete(output)
            }
            // SAFETY: the body is suspended; no reference into the slot is
            // live.
            Poll::Pending => match unsafe { Slot::take_item(slot) } {
                Some(item) => Step::Yielded(item),
                None => Step::Pending,
            },
        }
    }
}

impl<Y, R, F, S, Fut> RawGen<Y, R, F, S, Fut> {
    /// The tag of the state, read without a reference to the state (see the
    /// `state` field).
    #[inline]
    const fn tag(&self) -> u8 {
        // SAFETY: a `repr(u8)` enum starts with its tag, which is always
        // initialized. Through `&self`, nothing writes the state (writers
        // hold `&mut RawGen`), and only the tag's byte is read: no reference
        // to the state, and so no claim on the future's bytes, is made.
        unsafe { self.state.get().cast::<u8>().read() }
    }
}

// SAFETY: a `&RawGen` only reads the state's tag (`is_done`, `Debug`): what
// `UnsafeCell` takes away, the body's future and closure, is never reached
// through a shared reference. The bounds keep the generator `Sync` exactly
// when its state is, as it was before the `UnsafeCell`.
unsafe impl<Y, R, F: Sync, S: Sync, Fut: Sync> Sync for RawGen<Y, R, F, S, Fut> {}

impl<Y, R, F, S, Fut> fmt::Debug for RawGen<Y, R, F, S, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.tag() {
            RUNNING => "suspended",
            FRESH => "not started",
            _ => "finished",
        };
        f.debug_struct("Generator")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}
