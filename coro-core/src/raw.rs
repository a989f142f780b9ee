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
//! * The [`Co`] handle points at the slot, or, for a sync generator whose
//!   body has no `yield_from!`, names it by the generator's id and finds it
//!   through the driver's context (see [`At`], which says why, and why that
//!   is sound).
//!   It is created by the driver, with
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
//!
//! # Delegation
//!
//! `yield_from!` of a coroutine does not re-yield each item through every
//! level. The delegating body awaits a [`Delegation`], whose frame (the child
//! and what it returns) it reports through its slot; the generator the caller
//! resumes (the top) then resumes the innermost delegate directly, following
//! `outer` links back up as delegates complete. So an item costs the same at
//! any depth, and the stack does not grow with it. Why the raw pointers to
//! frames are valid is explained at [`Frame`].

use core::cell::UnsafeCell;
use core::fmt;
use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{self, MaybeUninit};
use core::pin::Pin;
use core::ptr::{self, NonNull};
#[cfg(target_has_atomic = "64")]
use core::sync::atomic::{AtomicU64, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use crate::Coroutine;

/// Where a yielded item waits for the driver and a resume argument waits for
/// the body. Only ever accessed through raw pointers, by the rules in the
/// module documentation.
///
/// The item is a `MaybeUninit` with its own `ready` flag (rather than an
/// `Option`) so that the yield futures can see whether an item is waiting
/// without knowing the item's type.
#[repr(C)]
struct Slot<Y, R> {
    /// The identity of the generator that owns the slot, which the yield
    /// futures of a sync body check before they use it (see [`At`]). First,
    /// so that it is read at the same offset whatever `Y` and `R` are.
    id: UnsafeCell<Id>,
    /// Whether `item` holds a value.
    ready: UnsafeCell<bool>,
    item: UnsafeCell<MaybeUninit<Y>>,
    arg: UnsafeCell<Option<R>>,
    /// The frame of the `yield_from!` of a coroutine the body is suspended
    /// in, if any (see [`Frame`]).
    frame: UnsafeCell<FrameLink<Y, R>>,
}

impl<Y, R> Slot<Y, R> {
    const fn new() -> Self {
        Slot {
            id: UnsafeCell::new(NOT_STARTED),
            ready: UnsafeCell::new(false),
            item: UnsafeCell::new(MaybeUninit::uninit()),
            arg: UnsafeCell::new(None),
            frame: UnsafeCell::new(FrameLink(None)),
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
pub struct Co<'a, Y, R = (), const BY_ID: bool = false> {
    at: At<Y, R>,
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
unsafe impl<Y: Send, R: Send, const BY_ID: bool> Send for Co<'_, Y, R, BY_ID> {}

// SAFETY: every method of `Co` takes `&mut self`; a `&Co` can do nothing.
unsafe impl<Y, R, const BY_ID: bool> Sync for Co<'_, Y, R, BY_ID> {}

impl<Y, R, const BY_ID: bool> Co<'_, Y, R, BY_ID> {
    /// Hands `value` to the caller and returns the future that suspends the
    /// body until the caller resumes it; the future's output is the resume
    /// argument.
    ///
    /// Await the returned future immediately.
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
    pub fn yield_(&mut self, value: Y) -> Suspend<'_, Y, R, BY_ID> {
        Suspend {
            held: self.hand_over(value),
            at: self.at,
            _marker: PhantomData,
        }
    }

    /// By address, stores `value` in the slot now; by id, keeps it for the
    /// yield future's first poll, which finds the slot.
    #[inline]
    fn hand_over(&self, value: Y) -> Held<Y, BY_ID> {
        let item = if BY_ID {
            MaybeUninit::new(value)
        } else {
            // SAFETY: a handle by address has the address of its slot,
            // which is alive (module docs), and no reference into the slot
            // is live: the driver is inside `poll` of the body, and yields
            // are serialized by `&mut self`.
            unsafe { Slot::put_item(self.at.slot, value) };
            MaybeUninit::uninit()
        };
        Held {
            item,
            polled: false,
        }
    }
}

impl<Y, const BY_ID: bool> Co<'_, Y, (), BY_ID> {
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
    pub fn yield_item(&mut self, value: Y) -> SuspendItem<'_, Y, BY_ID> {
        SuspendItem {
            held: self.hand_over(value),
            id: if BY_ID {
                MaybeUninit::new(self.at.id)
            } else {
                MaybeUninit::uninit()
            },
            _marker: PhantomData,
        }
    }
}

impl<Y, R, const BY_ID: bool> fmt::Debug for Co<'_, Y, R, BY_ID> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

/// What the yield futures share: by id, the value to yield, until their
/// first poll hands it to the slot (by address, [`Co::hand_over`] stored it
/// at once), and whether they returned `Pending` once.
struct Held<Y, const BY_ID: bool> {
    item: MaybeUninit<Y>,
    polled: bool,
}

impl<Y, const BY_ID: bool> Held<Y, BY_ID> {
    /// By id, on the first poll: moves the value into `slot`.
    ///
    /// # Safety
    ///
    /// `BY_ID`, not `polled` yet, and `slot` is the slot of the generator
    /// being polled, with no reference into it live.
    #[inline]
    unsafe fn put<R>(&mut self, slot: *const Slot<Y, R>) {
        // SAFETY: by id, `Co::hand_over` wrote the value, and nothing read it
        // since (`polled` is false); `polled` is set before anything else
        // can run, so it is read once.
        let item = unsafe { self.item.assume_init_read() };
        self.polled = true;
        // SAFETY: the caller's contract.
        unsafe { Slot::put_item(slot, item) };
    }
}

impl<Y, const BY_ID: bool> Drop for Held<Y, BY_ID> {
    #[inline]
    fn drop(&mut self) {
        if BY_ID && !self.polled {
            // SAFETY: by id, the value is there until the first poll takes
            // it.
            unsafe { self.item.assume_init_drop() };
        }
    }
}

/// The future returned by [`Co::yield_`]: `Pending` while the yielded item
/// waits for the driver, then `Ready` with the resume argument.
///
/// ```
/// # let _ = coro::__private::coroutine::<u32, u8, (), _>(async move |mut co, _| {
/// let suspend = co.yield_(1);
/// let _arg: u8 = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct Suspend<'a, Y, R, const BY_ID: bool = false> {
    held: Held<Y, BY_ID>,
    at: At<Y, R>,
    _marker: PhantomData<&'a mut Option<R>>,
}

// SAFETY: as for `Co`, whose exclusive borrow this future stands for: it moves
// a `Y` into the slot and an `R` out of it.
unsafe impl<Y: Send, R: Send, const BY_ID: bool> Send for Suspend<'_, Y, R, BY_ID> {}

// SAFETY: `poll` takes `Pin<&mut Self>`; a `&Suspend` can do nothing.
unsafe impl<Y, R, const BY_ID: bool> Sync for Suspend<'_, Y, R, BY_ID> {}

// Nothing is pinned: the item is moved out on the first poll.
impl<Y, R, const BY_ID: bool> Unpin for Suspend<'_, Y, R, BY_ID> {}

impl<Y, R, const BY_ID: bool> Future for Suspend<'_, Y, R, BY_ID> {
    type Output = R;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let slot = if BY_ID {
            self.at.by_id(cx)
        } else {
            self.at.slot
        };
        if BY_ID && !self.held.polled {
            // SAFETY: `by_id` found the slot of the generator being polled,
            // alive, and no reference into it is live while the body is
            // polled.
            unsafe { self.held.put(slot) };
            return Poll::Pending;
        }
        // SAFETY: as above (by address, as in `Co::hand_over`).
        unsafe {
            if *(*slot).ready.get() {
                // The item waits for the driver (by address, the first
                // poll; otherwise, something other than the driver polled
                // the body).
                return Poll::Pending;
            }
            match (*(*slot).arg.get()).take() {
                Some(arg) => Poll::Ready(arg),
                None => resumed_without_argument(),
            }
        }
    }
}

impl<Y, R, const BY_ID: bool> fmt::Debug for Suspend<'_, Y, R, BY_ID> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Suspend").finish_non_exhaustive()
    }
}

/// The future returned by [`Co::yield_item`]: `Pending` once, then
/// `Ready`. (By address, it needs no pointer to the slot: the driver takes
/// the item whenever the body suspends, and there is no argument to take.)
///
/// ```
/// # let _ = coro::__private::iter::<u32, (), _>(async move |mut co, ()| {
/// let suspend = co.yield_item(1);
/// let () = suspend.await;
/// # });
/// ```
#[must_use = "a yield suspends the generator only when its future is awaited"]
pub struct SuspendItem<'a, Y, const BY_ID: bool = false> {
    held: Held<Y, BY_ID>,
    /// By id, the generator's identity.
    id: MaybeUninit<Id>,
    _marker: PhantomData<&'a mut ()>,
}

// SAFETY: as for `Suspend`.
unsafe impl<Y: Send, const BY_ID: bool> Send for SuspendItem<'_, Y, BY_ID> {}

// SAFETY: as for `Suspend`.
unsafe impl<Y, const BY_ID: bool> Sync for SuspendItem<'_, Y, BY_ID> {}

// Nothing is pinned: the item is moved out on the first poll.
impl<Y, const BY_ID: bool> Unpin for SuspendItem<'_, Y, BY_ID> {}

impl<Y, const BY_ID: bool> Future for SuspendItem<'_, Y, BY_ID> {
    type Output = ();

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.held.polled {
            return Poll::Ready(());
        }
        if BY_ID {
            let at = At::<Y, ()> {
                slot: ptr::null(),
                // SAFETY: written by `Co::yield_item` by id.
                id: unsafe { self.id.assume_init() },
            };
            let slot = at.by_id(cx);
            // SAFETY: as in `Suspend::poll`.
            unsafe { self.held.put(slot) };
        } else {
            self.held.polled = true;
        }
        Poll::Pending
    }
}

impl<Y, const BY_ID: bool> fmt::Debug for SuspendItem<'_, Y, BY_ID> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SuspendItem").finish_non_exhaustive()
    }
}

/// Which generator a handle belongs to, and how its yield futures find that
/// generator's slot: by address or by id.
///
/// * **By address** (every async generator, and sync ones whose body has a
///   `yield_from!`): the handle keeps the slot's address. An async body is
///   polled with its executor's context, which cannot carry anything of
///   coro's; a delegating body's state is in memory anyway (its frames are
///   linked by address), and an id would cost an atomic operation per
///   generator.
/// * **By id** (sync generators whose body has no `yield_from!`: `BY_ID` of
///   [`RawGen`] and [`Co`], from the `_flat` constructors): the body is
///   polled by coro alone, with a context whose waker carries the slot's
///   address (`SYNC_VTABLE`), and the handle keeps only the generator's
///   [`Id`]. So nothing stores the generator's address, and once the driver
///   is inlined into the caller's loop, the compiler keeps the generator's
///   whole state in registers, boxed or not (a box that is not referred to
///   from anywhere is as private as a local). A pointer to the generator
///   stored anywhere in it would keep all of it in memory.
///
/// The check of the id is what makes the second way sound: a yield future
/// may be polled under another generator's context (a handle that a body
/// moved into a nested generator, through `__private`), whose slot has
/// other types; the ids differ, and the future panics instead of writing
/// there.
struct At<Y, R> {
    /// By address, the slot; by id, null.
    slot: *const Slot<Y, R>,
    /// By id, the owner's identity; by address, [`NO_ID`].
    id: Id,
}

impl<Y, R> Clone for At<Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R> Copy for At<Y, R> {}

impl<Y, R> At<Y, R> {
    /// The slot: by address if the handle has it, else by id.
    #[inline]
    fn locate(self, cx: &Context<'_>) -> *const Slot<Y, R> {
        if self.slot.is_null() {
            self.by_id(cx)
        } else {
            self.slot
        }
    }

    /// The slot of the generator this handle belongs to, found through `cx`,
    /// which must be that generator's driver's.
    ///
    /// # Panics
    ///
    /// If `cx` is not the context of that generator's driver (a yield future
    /// moved into another generator, or polled by something else).
    #[inline]
    fn by_id(self, cx: &Context<'_>) -> *const Slot<Y, R> {
        // Once the driver is inlined, the compiler sees which waker it made
        // and which id it gave the body, and folds both tests away.
        let waker = cx.waker();
        if ptr::eq(waker.vtable(), &raw const SYNC_VTABLE) {
            let slot = waker.data().cast::<Slot<Y, R>>();
            // SAFETY: only `sync_waker` makes wakers with this vtable, with
            // the address of a live slot as data, alive while the waker is
            // lent to a poll (its clones get another vtable). `Slot` is
            // `repr(C)` with its `id` first, so the id is read at the same
            // place whatever the slot's types; the slot's types are ours
            // once the id matches, since the id is unique to its generator.
            if unsafe { *slot.cast::<UnsafeCell<Id>>().cast::<Id>() } == self.id {
                return slot;
            }
        }
        resumed_by_a_stranger()
    }
}

/// A generator's identity, unique among all the generators that are alive:
/// a number from a 64-bit counter, which never wraps in practice. On targets
/// without 64-bit atomics, the address of the generator's slot, which is
/// unique among live generators too (and costs the optimization `At`
/// describes).
#[cfg(target_has_atomic = "64")]
type Id = u64;
#[cfg(not(target_has_atomic = "64"))]
type Id = usize;

/// The id of the handles by address.
const NO_ID: Id = Id::MAX;

/// The id of a slot whose generator has not started: no handle has it.
const NOT_STARTED: Id = 0;

/// A new identity for the generator whose slot is at `slot`.
#[inline]
fn fresh_id<Y, R>(slot: *const Slot<Y, R>) -> Id {
    #[cfg(target_has_atomic = "64")]
    {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let _ = slot;
        NEXT.fetch_add(1, Ordering::Relaxed)
    }
    #[cfg(not(target_has_atomic = "64"))]
    {
        slot.addr()
    }
}

/// The vtable of the wakers with which coro polls sync bodies: their data is
/// the slot of the generator being polled. Waking does nothing (a sync body
/// that waits is ended; see `unless_waiting`), and a clone is a no-op waker
/// with another vtable, since it may outlive the poll.
static SYNC_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_sync_waker, ignore_wake, ignore_wake, ignore_wake);

/// The vtable of the clones of sync wakers: no data, nothing to do.
static NOOP_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_sync_waker, ignore_wake, ignore_wake, ignore_wake);

fn clone_sync_waker(_: *const ()) -> RawWaker {
    RawWaker::new(ptr::null(), &NOOP_VTABLE)
}

fn ignore_wake(_: *const ()) {}

/// The waker with which a sync body is polled: see [`At`].
#[inline]
fn sync_waker<Y, R>(slot: *const Slot<Y, R>) -> Waker {
    // SAFETY: the vtable's functions ignore the data (so they are safe to
    // call from any thread, at any time), and a clone gets no data.
    unsafe { Waker::new(slot.cast(), &SYNC_VTABLE) }
}

#[cold]
#[inline(never)]
#[track_caller]
fn resumed_by_a_stranger() -> ! {
    panic!(
        "a `yield_!` was polled by something other than its own generator \
         (was its future, or the generator's handle, moved into another \
         generator or executor?)"
    )
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

/// What polling a body once produced.
enum BodyStep<Y, O, R> {
    Yielded(Y),
    Complete(O),
    Pending,
    /// The body started a delegation (`yield_from!` of a coroutine): this
    /// frame runs it.
    Delegated(ErasedFrame<Y, R>),
}

// A one-byte tag, `Running` first, so that the check on every step is one
// test of a byte against zero. The two variants that hold the future
// (`Running`, `Delegating`) hold it at the same offset (the layout of
// `repr(u8)` enums is defined), so the generator moves between them by
// writing the tag byte, without moving the pinned future.
#[repr(u8)]
#[expect(dead_code, reason = "`Delegating` is entered by writing the tag")]
enum State<F, Fut> {
    /// Started: the body's future, pinned.
    Running(Fut) = RUNNING,
    /// Started, and the body is suspended in a `yield_from!` of a coroutine:
    /// the driver resumes the innermost delegate directly.
    Delegating(Fut) = DELEGATING,
    /// Not started: holds the body closure and its captures.
    Fresh(F) = FRESH,
    /// Finished, or panicked (its future is gone).
    Done = DONE,
}

const RUNNING: u8 = 0;
const DELEGATING: u8 = 1;
const FRESH: u8 = 2;
const DONE: u8 = 3;

impl<F, Fut> State<F, Fut> {
    /// Moves between the variants that hold the future. Through a raw
    /// pointer, reading and writing only the tag's byte: a reference to the
    /// state would claim the future's bytes too, and a shared one would
    /// freeze the body's borrows of its own locals.
    ///
    /// # Safety
    ///
    /// `state` points to a live state that holds the future (`Running`,
    /// `Delegating` or `Poisoned`), `tag` is one of those, and no reference to
    /// the state is live.
    unsafe fn set_tag(state: *mut Self, tag: u8) {
        let byte = state.cast::<u8>();
        // SAFETY: the caller's contract; a `repr(u8)` enum starts with its
        // tag, and the three variants are `repr(C)` structs of the tag and
        // the future, so the future stays valid, in place, under the new tag.
        unsafe {
            debug_assert!(byte.read() <= DELEGATING && tag <= DELEGATING);
            byte.write(tag);
        }
    }

    /// The future, whichever of the three variants holds it.
    fn future(&mut self) -> Option<&mut Fut> {
        match self {
            State::Running(fut) | State::Delegating(fut) => Some(fut),
            State::Fresh(_) | State::Done => None,
        }
    }
}

/// The state machine of one generator: the body's future and the slot it
/// yields through. It must be pinned to run (the body may borrow its own
/// locals across a `yield_!`).
///
/// `S` is the zero-sized function item that starts the body, `Fut` the body's
/// future type; see the crate's `__private` constructors.
///
/// `DELEGATES` is false for bodies without `yield_from!`: their driver leaves
/// out the paths of delegation.
///
/// `BY_ID` says whether a sync body's handle finds the slot through its
/// driver's context, by the generator's id, rather than by its address; see
/// `At` in the source. The constructors make the generators without delegation
/// (`DELEGATES` false) by id, and the others by address.
pub struct RawGen<Y, R, F, S, Fut, const BY_ID: bool, const DELEGATES: bool> {
    // Field order is drop order: the future (which holds the `Co` and the
    // delegation frames) goes before the slot they point at.
    //
    // In an `UnsafeCell` because a suspended body may hold a `&mut` to one of
    // its own locals, inside the future: a `&RawGen` (for `size_hint`,
    // `is_terminated`, `Debug`) must not claim that those bytes are frozen,
    // or the body's next write through its `&mut` would be undefined
    // behaviour. Shared access reads only the state's tag.
    state: UnsafeCell<State<F, Fut>>,
    slot: Slot<Y, R>,
    /// When this generator is the one its caller resumes (not a delegate of
    /// another generator): the innermost frame of its delegations, which the
    /// next step resumes directly. `None` means "start from the slot's
    /// frame". Only this generator's own steps use it, and they reset it
    /// whenever the generator runs as a delegate.
    innermost: FrameLink<Y, R>,
    start: S,
    _pinned: PhantomPinned,
}

/// A pointer to a frame of a generator's own delegations, or none: the
/// slot's link to the delegation its body is suspended in, and the
/// `innermost` cache of a [`RawGen`].
struct FrameLink<Y, R>(Option<ErasedFrame<Y, R>>);

// SAFETY: the pointer leads into the delegations of the generator's own body,
// which move with it; whether they may go to another thread is up to the
// body's future, whose auto traits the generator's already include. Nothing
// reads it through a shared reference.
unsafe impl<Y, R> Send for FrameLink<Y, R> {}

// SAFETY: as above.
unsafe impl<Y, R> Sync for FrameLink<Y, R> {}

impl<Y, R, F, S, Fut, const BY_ID: bool, const DELEGATES: bool>
    RawGen<Y, R, F, S, Fut, BY_ID, DELEGATES>
where
    S: Fn(F, Co<'static, Y, R, BY_ID>, R) -> Fut,
    Fut: Future,
{
    /// A generator that has not started: `f` runs on the first resume.
    #[inline]
    pub(crate) const fn new(f: F, start: S) -> Self {
        RawGen {
            state: UnsafeCell::new(State::Fresh(f)),
            slot: Slot::new(),
            innermost: FrameLink(None),
            start,
            _pinned: PhantomPinned,
        }
    }

    /// [`step_then`](Self::step_then) for sync generators: the body is polled
    /// with a context that carries the slot (see [`At`]).
    ///
    /// Generators by id (`BY_ID`) are stepped with a context that carries
    /// the slot and with their other paths inlined (see
    /// [`step_then`](Self::step_then)); generators by address with a no-op
    /// waker.
    #[inline]
    pub(crate) fn step_sync_then<T>(
        mut self: Pin<&mut Self>,
        arg: R,
        then: impl FnOnce(Step<Y, Fut::Output>) -> T,
    ) -> T {
        if !BY_ID {
            // Its handle has the slot's address.
            let mut cx = Context::from_waker(Waker::noop());
            return self.step_then::<true, T>(arg, &mut cx, then);
        }
        // SAFETY: only the slot's address is taken; nothing is moved.
        let slot = unsafe { &raw const self.as_mut().get_unchecked_mut().slot };
        let waker = sync_waker(slot);
        let mut cx = Context::from_waker(&waker);
        self.step_then::<true, T>(arg, &mut cx, then)
    }

    /// Whether the body finished (or panicked): every further step is
    /// [`Step::Done`].
    #[inline]
    pub(crate) fn is_done(&self) -> bool {
        self.tag() == DONE
    }

    /// Runs the body to its next `yield_!`, its end, or (for async bodies)
    /// the next future that is not ready. `cx` reaches every `.await` of the
    /// body. A `yield_from!` of a coroutine is run here too, whatever its
    /// depth: each step resumes the innermost delegate directly.
    ///
    /// If the body (or a delegate) panics, the generator is finished and the
    /// panic propagates.
    ///
    /// The result goes to `then` on each path separately: the hot path (a
    /// running body that yields or returns) then meets the caller's `match`
    /// on a `Step` it built itself, which the compiler folds away, instead of
    /// a `Step` merged with the results of the out-of-line paths, which it
    /// would match through a jump table on every item.
    ///
    /// `SYNC` is for the drivers of sync generators, whose body cannot wait:
    /// a step that would be `Pending` ends the generator (dropping the
    /// body's locals) and panics instead.
    ///
    /// For a generator by id (`BY_ID`), the paths other than the hot one
    /// (starting, delegating, finishing) are inlined into the caller rather
    /// than called: a call that takes the generator's address would keep the
    /// compiler from holding the generator's state in registers, whereas
    /// inlined, the paths that cannot happen (delegation, in a body without
    /// `yield_from!`) fold away. A generator by address is in memory anyway,
    /// and a call keeps its loop short.
    #[inline]
    pub(crate) fn step_then<const SYNC: bool, T>(
        self: Pin<&mut Self>,
        arg: R,
        cx: &mut Context<'_>,
        then: impl FnOnce(Step<Y, Fut::Output>) -> T,
    ) -> T {
        // SAFETY: nothing below moves the `RawGen` or its running future: the
        // future is only touched through `Pin::new_unchecked` on its place,
        // and only the `Fresh` and `Done` states, which are not pinned, are
        // replaced.
        let this = unsafe { self.get_unchecked_mut() };
        if this.tag() == RUNNING {
            // SAFETY: the body is suspended, so no reference into the slot
            // is live.
            unsafe { this.slot.put_arg(arg) };
            return match this.poll_future(cx) {
                Step::Pending if BY_ID => then(this.pending_or_delegating_inline::<SYNC>(cx)),
                Step::Pending => then(this.pending_or_delegating::<SYNC>(cx)),
                step => then(step),
            };
        }
        if BY_ID {
            then(this.step_cold_inline::<SYNC>(arg, cx))
        } else {
            then(this.step_cold::<SYNC>(arg, cx))
        }
    }

    /// [`pending_or_delegating_inline`](Self::pending_or_delegating_inline),
    /// out of line.
    #[cold]
    fn pending_or_delegating<const SYNC: bool>(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        self.pending_or_delegating_inline::<SYNC>(cx)
    }

    /// [`step_cold_inline`](Self::step_cold_inline), out of line.
    #[cold]
    fn step_cold<const SYNC: bool>(
        &mut self,
        arg: R,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        self.step_cold_inline::<SYNC>(arg, cx)
    }

    /// The body returned `Pending` with no item: it awaits a future (async
    /// generators), or it entered a delegation, which is run from here.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn pending_or_delegating_inline<const SYNC: bool>(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        let step = match self.entered_delegation() {
            Some(_) => self.drive(None, cx),
            None => Step::Pending,
        };
        self.unless_waiting::<SYNC>(step)
    }

    /// A step of a generator that is not running: it starts, or it runs its
    /// delegations, or it is finished.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn step_cold_inline<const SYNC: bool>(
        &mut self,
        arg: R,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        let step = self.step_not_running::<SYNC>(arg, cx);
        self.unless_waiting::<SYNC>(step)
    }

    /// `step`, for a sync generator (`SYNC`): a body that waits is ended,
    /// and its driver panics.
    #[inline]
    fn unless_waiting<const SYNC: bool>(
        &mut self,
        step: Step<Y, Fut::Output>,
    ) -> Step<Y, Fut::Output> {
        if SYNC && matches!(step, Step::Pending) {
            // The body cannot go on: end it (dropping its locals) so that the
            // generator is finished, as after a panic in the body.
            *self.state.get_mut() = State::Done;
            awaited_in_sync_generator();
        }
        step
    }

    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn step_not_running<const SYNC: bool>(
        &mut self,
        arg: R,
        cx: &mut Context<'_>,
    ) -> Step<Y, Fut::Output> {
        match self.state.get_mut() {
            State::Delegating(_) if DELEGATES => self.drive(Some(arg), cx),
            State::Fresh(_) => {
                self.start_body(arg);
                match self.poll_body(cx) {
                    BodyStep::Yielded(item) => Step::Yielded(item),
                    BodyStep::Complete(output) => Step::Complete(output),
                    BodyStep::Pending => Step::Pending,
                    BodyStep::Delegated(_) => self.drive(None, cx),
                }
            }
            State::Running(_) | State::Delegating(_) | State::Done => Step::Done,
        }
    }

    /// `Fresh` → `Running`: calls the body closure with its handle and the
    /// first resume argument. The handle finds the slot by id or by address
    /// (see [`At`]).
    #[inline]
    fn start_body(&mut self, first: R) {
        let State::Fresh(f) = mem::replace(self.state.get_mut(), State::Done) else {
            unreachable!("only a fresh generator starts")
        };
        let slot: *const Slot<Y, R> = &raw const self.slot;
        let at = if BY_ID {
            let id = fresh_id(slot);
            *self.slot.id.get_mut() = id;
            At {
                slot: ptr::null(),
                id,
            }
        } else {
            At { slot, id: NO_ID }
        };
        let co = Co {
            at,
            _marker: PhantomData,
        };
        *self.state.get_mut() = State::Running((self.start)(f, co, first));
    }

    /// Runs the delegations of a generator in the `Delegating` state from the
    /// top: resumes the innermost delegate with `arg` and follows what
    /// happens (a deeper delegation, a delegate completing and its parent
    /// continuing) until something yields or the body's own future returns.
    /// `arg` is `None` when the resume argument was already taken.
    fn drive(&mut self, mut arg: Option<R>, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        loop {
            let frame = if let Some(frame) = self.innermost.0 {
                frame
            } else {
                // SAFETY: the body is suspended; no reference into the slot is
                // live.
                let Some(frame) = (unsafe { self.slot.frame() }) else {
                    // The body's delegation finished: the body goes on.
                    // SAFETY: the state holds the future.
                    unsafe { State::set_tag(self.state.get(), RUNNING) };
                    if let Some(arg) = arg.take() {
                        // SAFETY: as in `step`.
                        unsafe { self.slot.put_arg(arg) };
                    }
                    match self.poll_body(cx) {
                        BodyStep::Yielded(item) => return Step::Yielded(item),
                        BodyStep::Complete(output) => return Step::Complete(output),
                        BodyStep::Pending => return Step::Pending,
                        BodyStep::Delegated(_) => continue,
                    }
                };
                // The body's own delegation: the top of the chain.
                // SAFETY: the frame is alive (see `Frame`).
                unsafe { (*frame.as_ptr()).set_outer(None) };
                self.innermost.0 = Some(frame);
                frame
            };
            // A delegate that panics ends the whole chain, as the panic
            // unwinds: the body's future, and every delegation in it, is
            // dropped, innermost first, as unwinding functions would be.
            let guard = FinishOnUnwind(self.state.get());
            // SAFETY: the frame is alive: it is in the chain of delegations of
            // this generator's suspended body (see `Frame`), and nothing else
            // runs while this generator is being resumed.
            let step = unsafe { Pin::new_unchecked(&mut *frame.as_ptr()).resume_child(&mut arg) };
            mem::forget(guard);
            match step {
                FrameStep::Yielded(item) => return Step::Yielded(item),
                FrameStep::Delegated(inner) => {
                    // SAFETY: the frame was just reported by a delegate of this
                    // chain; it is alive.
                    unsafe { (*inner.as_ptr()).set_outer(Some(frame)) };
                    self.innermost.0 = Some(inner);
                }
                FrameStep::ChildComplete => {
                    // SAFETY: the frame is alive (its child completed, but the
                    // frame is still where its generator's body awaits it).
                    self.innermost.0 = unsafe { (*frame.as_ptr()).outer() };
                }
            }
        }
    }

    /// One step of this generator run as a delegate of another one's
    /// `yield_from!`: what [`Coroutine::__resume_delegating`] does.
    ///
    /// `arg` is taken if the step uses it. A body that starts a delegation
    /// is reported (`Delegated`) rather than run, and so is a delegation in
    /// progress: the generator at the top runs them.
    ///
    /// [`Coroutine::__resume_delegating`]: crate::Coroutine::__resume_delegating
    pub(crate) fn step_delegate<'g>(
        self: Pin<&'g mut Self>,
        arg: &mut Option<R>,
    ) -> DelegateStep<'g, Y, Fut::Output, R> {
        // SAFETY: as in `step`.
        let this = unsafe { self.get_unchecked_mut() };
        // The top of this chain is elsewhere now; frames cached here may be
        // gone by the time this generator is the top again.
        this.innermost.0 = None;
        let waker = sync_waker(&raw const this.slot);
        let mut cx = Context::from_waker(&waker);
        match this.state.get_mut() {
            State::Running(_) => {}
            State::Delegating(_) => {
                // SAFETY: the body is suspended; no reference into the slot is
                // live.
                if let Some(frame) = unsafe { this.slot.frame() } {
                    return DelegateStep::Delegated(FramePtr::new(frame));
                }
                // SAFETY: the state holds the future.
                unsafe { State::set_tag(this.state.get(), RUNNING) };
            }
            State::Fresh(_) => {
                let Some(first) = arg.take() else {
                    continued_without_argument()
                };
                this.start_body(first);
                return this.delegate_result(&mut cx);
            }
            State::Done => resumed_after_completion(),
        }
        if let Some(arg) = arg.take() {
            // SAFETY: the body is suspended; no reference into the slot is
            // live.
            unsafe { this.slot.put_arg(arg) };
        }
        this.delegate_result(&mut cx)
    }

    fn delegate_result<'g>(&mut self, cx: &mut Context<'_>) -> DelegateStep<'g, Y, Fut::Output, R> {
        match self.poll_body(cx) {
            BodyStep::Yielded(item) => DelegateStep::Yielded(item),
            BodyStep::Complete(output) => DelegateStep::Complete(output),
            BodyStep::Pending => awaited_in_sync_generator(),
            BodyStep::Delegated(frame) => DelegateStep::Delegated(FramePtr::new(frame)),
        }
    }

    /// Polls the body once (it must hold its future), and says whether it
    /// suspended in a delegation.
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn poll_body(&mut self, cx: &mut Context<'_>) -> BodyStep<Y, Fut::Output, R> {
        match self.poll_future(cx) {
            Step::Yielded(item) => BodyStep::Yielded(item),
            Step::Complete(output) => BodyStep::Complete(output),
            Step::Pending | Step::Done => match self.entered_delegation() {
                Some(frame) => BodyStep::Delegated(frame),
                None => BodyStep::Pending,
            },
        }
    }

    /// Polls the body once (it must hold its future): `Pending` when it
    /// awaits something other than a `yield_!`, including a delegation, which
    /// [`entered_delegation`](Self::entered_delegation) tells apart. (The hot
    /// path of `step`: it returns `Step` itself, so that no second enum is
    /// matched on every item.)
    #[expect(
        clippy::inline_always,
        reason = "a call that takes the generator's address keeps the generator in memory (see `step_then`)"
    )]
    #[inline(always)]
    fn poll_future(&mut self, cx: &mut Context<'_>) -> Step<Y, Fut::Output> {
        let state: *mut State<F, Fut> = self.state.get();
        // SAFETY: `state` is valid; the reference ends before `guard` is used.
        let Some(fut) = (unsafe { &mut *state }).future() else {
            unreachable_state()
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
            Poll::Pending => match unsafe { Slot::take_item(&raw const self.slot) } {
                Some(item) => Step::Yielded(item),
                None => Step::Pending,
            },
        }
    }

    /// After a poll that returned `Pending` with no item: whether the body
    /// suspended in a delegation (then the generator is `Delegating`, and
    /// this is its frame).
    #[inline]
    fn entered_delegation(&mut self) -> Option<ErasedFrame<Y, R>> {
        if !DELEGATES {
            // A body built without delegation (see `__private::iter_flat`)
            // that started one anyway, through the hidden `Co::delegate`:
            // the generator ends (dropping the delegation, which unlinks its
            // frame) and the caller gets a panic.
            // SAFETY: the body is suspended; no reference into the slot is
            // live.
            if unsafe { self.slot.frame() }.is_some() {
                *self.state.get_mut() = State::Done;
                delegated_without_delegation();
            }
            return None;
        }
        // SAFETY: the body is suspended; no reference into the slot is live.
        let frame = unsafe { self.slot.frame() }?;
        // SAFETY: the body is suspended in the delegation, so the state holds
        // the future.
        unsafe { State::set_tag(self.state.get(), DELEGATING) };
        Some(frame)
    }
}

/// Finishes a generator if its body or a delegate panics, so that it is
/// fused: the future is dropped in place as the panic unwinds.
struct FinishOnUnwind<F, Fut>(*mut State<F, Fut>);

impl<F, Fut> Drop for FinishOnUnwind<F, Fut> {
    fn drop(&mut self) {
        // SAFETY: only reached while unwinding out of a poll of the body or
        // a resume of a delegate, when no reference into the state is live;
        // the pointer is to the live state. The future is dropped in place,
        // as `Pin` allows.
        unsafe { *self.0 = State::Done };
    }
}

impl<Y, R, F, S, Fut, const BY_ID: bool, const DELEGATES: bool>
    RawGen<Y, R, F, S, Fut, BY_ID, DELEGATES>
{
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
unsafe impl<Y, R, F: Sync, S: Sync, Fut: Sync, const BY_ID: bool, const DELEGATES: bool> Sync
    for RawGen<Y, R, F, S, Fut, BY_ID, DELEGATES>
{
}

impl<Y, R, F, S, Fut, const BY_ID: bool, const DELEGATES: bool> fmt::Debug
    for RawGen<Y, R, F, S, Fut, BY_ID, DELEGATES>
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.tag() {
            RUNNING => "suspended",
            DELEGATING => "delegating",
            FRESH => "not started",
            _ => "finished",
        };
        f.debug_struct("Generator")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

#[cold]
#[inline(never)]
fn unreachable_state() -> ! {
    unreachable!("a generator's body is polled only while it holds its future")
}

#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn resumed_after_completion() -> ! {
    panic!("`Coroutine::resume` called after the coroutine already completed (or panicked)")
}

#[cold]
#[inline(never)]
fn continued_without_argument() -> ! {
    panic!("a coroutine was started without a resume argument (a `yield_from!` driven by hand?)")
}

#[cold]
#[inline(never)]
fn delegated_without_delegation() -> ! {
    panic!(
        "a generator built without delegation (its body has no `yield_from!`) \
         delegated through its handle"
    )
}

#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn awaited_in_sync_generator() -> ! {
    panic!(
        "a sync generator's body awaited a future that is not ready; \
         only `async` generators (`#[generator] async fn`, `stream!`) can await"
    )
}

// ---------------------------------------------------------------------------
// Delegation: `yield_from!` of a coroutine, run from the top.
// ---------------------------------------------------------------------------

/// A `yield_from!` of a coroutine in progress, inside the body that
/// delegates (the future [`Delegation`] holds it, pinned).
///
/// # Why the raw pointers to frames are valid
///
/// A frame is reached through an [`ErasedFrame`] from three places: the slot
/// of the generator whose body holds it (set when the frame starts, cleared
/// when its child completes or the frame is dropped), the `outer` link of the
/// frame one level down, and the `innermost` cache of the generator at the
/// top of the chain. All of them belong to generators in the subtree of
/// delegations that holds the frame, and that subtree is only ever touched
/// while its top is being resumed, through an exclusive borrow of the top. A
/// frame is dropped only with the body that holds it, after the chain no
/// longer leads to it: its child completed (and the frame was unlinked), or
/// the whole subtree is being dropped with its top. The `innermost` cache of
/// a generator is reset each time it runs as a delegate, so a cache never
/// outlives the chain it was built for.
pub(crate) trait Frame<Y, R> {
    /// Resumes the child with `arg` (taken if used) or, the first time, with
    /// the frame's own first argument.
    fn resume_child(self: Pin<&mut Self>, arg: &mut Option<R>) -> FrameStep<Y, R>;

    /// The frame whose child is the generator holding this frame (`None` if
    /// that generator is the top of the chain).
    fn outer(&self) -> Option<ErasedFrame<Y, R>>;

    /// Links this frame into the chain.
    fn set_outer(&mut self, outer: Option<ErasedFrame<Y, R>>);
}

/// What resuming a frame's child produced.
pub(crate) enum FrameStep<Y, R> {
    Yielded(Y),
    /// The child is delegating in turn: this frame (in the child's body)
    /// runs that delegation.
    Delegated(ErasedFrame<Y, R>),
    /// The child returned; the frame keeps its return value for the body.
    ChildComplete,
}

/// A pointer to a frame, with the frame's lifetime erased (see [`Frame`]).
pub(crate) type ErasedFrame<Y, R> = NonNull<dyn Frame<Y, R>>;

/// A frame that a generator run as a delegate reports to the generator at
/// the top, which runs it from then on. Only coro's generators make them;
/// the lifetime ties it to the borrow of the delegate it came from.
pub struct FramePtr<'g, Y, R> {
    frame: ErasedFrame<Y, R>,
    _marker: PhantomData<&'g mut ()>,
}

impl<Y, R> FramePtr<'_, Y, R> {
    fn new(frame: ErasedFrame<Y, R>) -> Self {
        FramePtr {
            frame,
            _marker: PhantomData,
        }
    }
}

impl<Y, R> fmt::Debug for FramePtr<'_, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramePtr").finish_non_exhaustive()
    }
}

/// One step of a coroutine run as a delegate of a `yield_from!`: what
/// [`Coroutine::__resume_delegating`](crate::Coroutine::__resume_delegating)
/// returns.
#[derive(Debug)]
pub enum DelegateStep<'g, Y, T, R> {
    /// It suspended with this value.
    Yielded(Y),
    /// It returned this value.
    Complete(T),
    /// It delegates in turn; the caller runs this frame from now on.
    Delegated(FramePtr<'g, Y, R>),
}

impl<'g, Y, T, R> DelegateStep<'g, Y, T, R> {
    /// The step of a coroutine that knows nothing of delegation.
    ///
    /// ```
    /// use coro::CoroutineState;
    /// use coro::__private::DelegateStep;
    ///
    /// let step = DelegateStep::<u8, (), ()>::from_state(CoroutineState::Yielded(1));
    /// assert!(matches!(step, DelegateStep::Yielded(1)));
    /// ```
    #[inline]
    pub fn from_state(state: crate::CoroutineState<Y, T>) -> Self {
        match state {
            crate::CoroutineState::Yielded(value) => DelegateStep::Yielded(value),
            crate::CoroutineState::Complete(value) => DelegateStep::Complete(value),
        }
    }

    /// Maps the return value.
    ///
    /// ```
    /// use coro::__private::DelegateStep;
    ///
    /// let step = DelegateStep::<u8, u8, ()>::Complete(1).map_complete(|v| v + 1);
    /// assert!(matches!(step, DelegateStep::Complete(2)));
    /// ```
    #[inline]
    pub fn map_complete<U>(self, f: impl FnOnce(T) -> U) -> DelegateStep<'g, Y, U, R> {
        match self {
            DelegateStep::Yielded(value) => DelegateStep::Yielded(value),
            DelegateStep::Complete(value) => DelegateStep::Complete(f(value)),
            DelegateStep::Delegated(frame) => DelegateStep::Delegated(frame),
        }
    }
}

impl<Y, R> Slot<Y, R> {
    /// Stores the resume argument for the body.
    ///
    /// # Safety
    ///
    /// No reference into the slot is live.
    #[inline]
    unsafe fn put_arg(&self, arg: R) {
        // SAFETY: the caller's contract. The previous argument, if the body
        // never took it, is dropped after the write.
        let old = unsafe { self.arg.get().replace(Some(arg)) };
        drop(old);
    }

    /// The frame of the delegation the body is suspended in, if any.
    ///
    /// # Safety
    ///
    /// No mutable reference into the slot is live.
    #[inline]
    unsafe fn frame(&self) -> Option<ErasedFrame<Y, R>> {
        // SAFETY: the caller's contract.
        unsafe { (*self.frame.get()).0 }
    }
}

/// The future a `yield_from!` of a coroutine awaits: it starts a delegation
/// to `child` (reporting its frame through the body's slot, so that the
/// driver runs the child from the top) and is ready with the child's return
/// value when the child completes.
#[must_use = "a delegation runs only when its future is awaited"]
pub struct Delegation<'co, C: Coroutine<R>, Y, R> {
    frame: DelegateFrame<C, Y, R>,
    /// Whether the frame was reported through the slot.
    started: bool,
    _marker: PhantomData<&'co mut Co<'co, Y, R>>,
    _pinned: PhantomPinned,
}

struct DelegateFrame<C: Coroutine<R>, Y, R> {
    child: C,
    /// The argument the child is started with.
    first: Option<R>,
    /// What the child returned, until the body takes it.
    result: Option<C::Return>,
    /// The handle of the generator whose body holds this frame.
    at: At<Y, R>,
    /// That generator's slot, found when the frame starts.
    owner: *const Slot<Y, R>,
    outer: Option<ErasedFrame<Y, R>>,
}

// SAFETY: as for `Co`, whose exclusive borrow this future stands for; the
// frame owns the child, its first argument and its result.
unsafe impl<C: Coroutine<R> + Send, Y: Send, R: Send> Send for Delegation<'_, C, Y, R> where
    C::Return: Send
{
}

// SAFETY: `poll` takes `Pin<&mut Self>`; a `&Delegation` can do nothing.
unsafe impl<C: Coroutine<R>, Y, R> Sync for Delegation<'_, C, Y, R> {}

impl<Y, R, const BY_ID: bool> Co<'_, Y, R, BY_ID> {
    /// Delegates to the coroutine `child`, started with `first`: each resume
    /// argument goes to it and each of its yields out, and the future is
    /// ready with what it returns. The generator's driver runs the child
    /// directly, however deep the delegations nest.
    ///
    /// ```
    /// # use core::pin::Pin;
    /// # use coro::{Coroutine, CoroutineState};
    /// let mut outer = coro::__private::coroutine::<u8, (), char, _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     co.delegate(inner, ()).await
    /// });
    /// assert_eq!(Pin::new(&mut outer).resume(()), CoroutineState::Yielded(1));
    /// assert_eq!(Pin::new(&mut outer).resume(()), CoroutineState::Complete('r'));
    /// ```
    #[inline]
    pub fn delegate<C: Coroutine<R, Yield = Y>>(
        &mut self,
        child: C,
        first: R,
    ) -> Delegation<'_, C, Y, R> {
        Delegation {
            frame: DelegateFrame {
                child,
                first: Some(first),
                result: None,
                at: self.at,
                owner: ptr::null(),
                outer: None,
            },
            started: false,
            _marker: PhantomData,
            _pinned: PhantomPinned,
        }
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> Future for Delegation<'_, C, Y, R> {
    type Output = C::Return;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<C::Return> {
        // SAFETY: the frame is not moved out; it is reported by address only
        // while the future stays pinned where it is.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(result) = this.frame.result.take() {
            return Poll::Ready(result);
        }
        if this.started {
            // Polled while the child runs: something other than the
            // generator's driver polls the body.
            delegation_polled_by_a_stranger();
        }
        this.frame.owner = this.frame.at.locate(cx);
        this.started = true;
        let frame: &mut (dyn Frame<Y, R> + '_) = &mut this.frame;
        // SAFETY: erases the frame's lifetime; see `Frame` for why the pointer
        // is only used while the frame is alive. (`Drop` unlinks it.)
        let frame: ErasedFrame<Y, R> = unsafe {
            mem::transmute::<NonNull<dyn Frame<Y, R> + '_>, ErasedFrame<Y, R>>(NonNull::from(frame))
        };
        // SAFETY: the owner's slot is alive (this future is inside the owner's
        // body) and no reference into it is live during a poll of the body.
        unsafe { (*(*this.frame.owner).frame.get()).0 = Some(frame) };
        Poll::Pending
    }
}

impl<C: Coroutine<R>, Y, R> Drop for Delegation<'_, C, Y, R> {
    fn drop(&mut self) {
        if !self.started {
            return;
        }
        let ours: *const DelegateFrame<C, Y, R> = &raw const self.frame;
        // SAFETY: the owner's slot outlives its body and everything in it
        // (module docs); no reference into it is live while its body is
        // dropped or polled.
        unsafe {
            let slot_frame = &raw mut (*(*self.frame.owner).frame.get()).0;
            if (*slot_frame).is_some_and(|frame| ptr::addr_eq(frame.as_ptr(), ours)) {
                *slot_frame = None;
            }
        }
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> Frame<Y, R> for DelegateFrame<C, Y, R> {
    fn resume_child(self: Pin<&mut Self>, arg: &mut Option<R>) -> FrameStep<Y, R> {
        // SAFETY: the child is structurally pinned in the frame, which is
        // pinned; nothing here moves either.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: as above: the child stays where it is until the frame is
        // dropped.
        let child = unsafe { Pin::new_unchecked(&mut this.child) };
        let mut first = this.first.take();
        let arg = if first.is_some() { &mut first } else { arg };
        let step = child.__resume_delegating(arg);
        if first.is_some() {
            // The child did not start yet (it is delegating already): the
            // first argument waits for it.
            this.first = first;
        }
        match step {
            DelegateStep::Yielded(value) => FrameStep::Yielded(value),
            DelegateStep::Delegated(frame) => FrameStep::Delegated(frame.frame),
            DelegateStep::Complete(value) => {
                this.result = Some(value);
                // The owner's body goes on when it is resumed next.
                // SAFETY: the owner's slot is alive (this frame is in its
                // body) and no reference into it is live.
                unsafe { (*(*this.owner).frame.get()).0 = None };
                FrameStep::ChildComplete
            }
        }
    }

    fn outer(&self) -> Option<ErasedFrame<Y, R>> {
        self.outer
    }

    fn set_outer(&mut self, outer: Option<ErasedFrame<Y, R>>) {
        self.outer = outer;
    }
}

impl<C: Coroutine<R>, Y, R> fmt::Debug for Delegation<'_, C, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delegation")
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}

#[cold]
#[inline(never)]
fn delegation_polled_by_a_stranger() -> ! {
    panic!(
        "a `yield_from!` was resumed by something other than its own generator \
         (was its future moved into another generator or executor?)"
    )
}
