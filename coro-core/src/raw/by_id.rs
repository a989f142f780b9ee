//! How the handle of a [`ById`] generator finds its slot without keeping its
//! address.
//!
//! The driver polls the body with a context whose waker is coro's own: its
//! data is the slot's address and its vtable is [`SYNC_VTABLE`]. The handle
//! keeps only the generator's [`Id`], a number no other live generator has.
//! A yield future's poll takes the slot from the context only if the waker's
//! vtable is coro's, its data is not null, and the slot there has the
//! handle's id. So a handle that a body moved into another generator, or a
//! yield future polled by an executor or by hand, panics instead of writing
//! into a slot of other types.
//!
//! Why not just keep the address: a pointer to the generator stored inside
//! its own state keeps the compiler from holding that state in registers.
//! With the id, and the driver inlined into the caller's loop, the compiler
//! sees which waker the driver made and which id it gave the body, folds the
//! checks away, and keeps the whole generator in registers, boxed or not.

use core::cell::Cell;
use core::fmt;
use core::marker::PhantomData;
use core::ptr;
#[cfg(target_has_atomic = "64")]
use core::sync::atomic::{AtomicU64, Ordering};
use core::task::{Context, RawWaker, RawWakerVTable, Waker};

use super::mode::ById;
use super::panics::polled_by_a_stranger;
use super::slot::{Slot, SlotPtr};

/// A generator's identity, unique among all the generators alive: a number
/// from a 64-bit counter, which never wraps in practice. On targets without
/// 64-bit atomics, the address of the generator's slot, which is unique
/// among live generators too (but is a stored pointer, which costs the
/// optimization the module docs describe).
#[cfg(target_has_atomic = "64")]
pub(super) type Id = u64;
#[cfg(not(target_has_atomic = "64"))]
pub(super) type Id = usize;

/// The id of a slot whose generator has not started: no handle has it.
pub(super) const NOT_STARTED: Id = 0;

/// What the handle of a [`ById`] generator keeps: the generator's id, and
/// the slot's types. Made only by [`start`], for the generator starting.
pub struct IdOf<Y, R> {
    id: Id,
    _types: Invariant<(Y, R)>,
}

/// Invariant in `T`, and owning none: `Send` and `Sync` whatever `T` is.
type Invariant<T> = PhantomData<fn(T) -> T>;

impl<Y, R> Clone for IdOf<Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R> Copy for IdOf<Y, R> {}

impl<Y, R> fmt::Debug for IdOf<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdOf").field(&self.id).finish()
    }
}

/// Gives the generator whose slot is `slot` a new identity.
#[inline]
pub(super) fn start<Y, R>(slot: SlotPtr<Y, R, ById>) -> IdOf<Y, R> {
    #[cfg(target_has_atomic = "64")]
    let id = {
        static NEXT: AtomicU64 = AtomicU64::new(NOT_STARTED + 1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    };
    #[cfg(not(target_has_atomic = "64"))]
    let id = slot.as_ptr().addr();
    slot.with_extra(|extra: &Cell<Id>| extra.set(id));
    IdOf {
        id,
        _types: PhantomData,
    }
}

/// The vtable of the wakers with which coro polls [`ById`] bodies: their
/// data is the slot of the generator being polled. Waking does nothing (a
/// sync body that waits is ended; see the driver), and a clone is the
/// no-op waker, since it may outlive the poll.
static SYNC_VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake, wake);

fn clone(_: *const ()) -> RawWaker {
    let noop = Waker::noop();
    RawWaker::new(noop.data(), noop.vtable())
}

fn wake(_: *const ()) {}

/// The waker with which the body of the generator whose slot is `slot` is
/// polled.
#[inline]
pub(super) fn waker<Y, R>(slot: SlotPtr<Y, R, ById>) -> Waker {
    // SAFETY: the vtable's functions ignore the data, so they are safe to
    // call from any thread at any time, and a clone has none.
    unsafe { Waker::new(slot.as_ptr().cast(), &SYNC_VTABLE) }
}

/// The slot of the generator `loc` names, found through `cx`, which must be
/// the context that generator's driver polls its body with.
///
/// # Panics
///
/// If `cx` is not that context: a yield future moved into another
/// generator, or polled by something other than its own driver.
#[inline]
#[track_caller]
pub(super) fn find<Y, R>(loc: IdOf<Y, R>, cx: &Context<'_>) -> SlotPtr<Y, R, ById> {
    let waker = cx.waker();
    let data = waker.data();
    // The data is checked too: it is never null for a waker of `waker`, so
    // even a linker that folded `SYNC_VTABLE` with an identical table
    // (`Waker::noop`'s, whose data is null) would not make a stranger's
    // waker pass.
    if ptr::eq(waker.vtable(), &raw const SYNC_VTABLE) && !data.is_null() {
        // SAFETY: only `waker` makes wakers with this vtable and data, with
        // the address of a live `ById` slot, which it lends to one poll of
        // that generator's body (a clone has another vtable), so the slot is
        // alive and this thread is the one polling it. `Slot` is `repr(C)`
        // with the `ById` extra part, a `Cell<Id>`, first: the id is read at
        // the slot's address whatever its types.
        let id = unsafe { (*data.cast::<Cell<Id>>()).get() };
        if id == loc.id {
            // SAFETY: the ids match, so this is the slot of the generator
            // that made `loc`, whose types are `Y` and `R`; it is alive and
            // polled by this thread (as above).
            return unsafe { SlotPtr::new(&*data.cast::<Slot<Y, R, ById>>()) };
        }
    }
    polled_by_a_stranger()
}
