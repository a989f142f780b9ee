//! The slot through which values pass between a generator's body and its
//! driver, and [`SlotPtr`], the one way to reach it from inside the body.
//!
//! ```text
//!  caller ──resume(arg)──▶ driver ──put_arg──▶ Slot ◀──take_arg── body (the yield future's poll)
//!  caller ◀──Yielded(y)─── driver ◀─take_item─ Slot ◀──put_item── body (`yield_!(y)`)
//! ```
//!
//! Every field is a [`Cell`]: values move in and out whole, and no reference
//! into them is ever handed out, so any order of accesses from one thread
//! leaves the slot consistent. What needs `unsafe` is only reaching the slot
//! from the body, through a pointer: [`SlotPtr::new`] states once what makes
//! that pointer valid, and its methods rely on it.

use core::cell::Cell;
use core::fmt;
use core::ptr::NonNull;

use super::mode::Mode;

/// Where a yielded item waits for the driver, and a resume argument for the
/// body.
///
/// `repr(C)` with the mode's extra part first: by id, that is the
/// generator's identity, which `by_id::find` reads at the slot's address
/// before it knows the slot's types.
#[repr(C)]
pub(super) struct Slot<Y, R, M: Mode> {
    extra: M::Extra<Y, R>,
    item: Cell<Option<Y>>,
    arg: Cell<Option<R>>,
    /// Where the body last suspended, as its `yield_!` said (for `Debug`).
    at: Cell<Option<&'static &'static str>>,
}

impl<Y, R, M: Mode> Slot<Y, R, M> {
    #[inline]
    pub(super) fn new() -> Self {
        Slot {
            extra: M::new_extra(),
            item: Cell::new(None),
            arg: Cell::new(None),
            at: Cell::new(None),
        }
    }

    /// The mode's extra part: the generator's id, or its frames.
    #[inline]
    pub(super) fn extra(&self) -> &M::Extra<Y, R> {
        &self.extra
    }

    /// Takes the item the body stored, if any.
    #[inline]
    pub(super) fn take_item(&self) -> Option<Y> {
        self.item.take()
    }

    /// Whether an item waits for the driver.
    #[inline]
    fn has_item(&self) -> bool {
        // SAFETY: a read of the cell's discriminant that ends at once: no
        // reference into the cell outlives it, and nothing else accesses the
        // slot meanwhile (a `Cell` is not `Sync`, and its methods run no user
        // code while they hold one).
        unsafe { (*self.item.as_ptr()).is_some() }
    }

    /// Stores the resume argument for the body. (An argument the body did
    /// not take is dropped, after the slot holds the new one.)
    #[inline]
    pub(super) fn put_arg(&self, arg: R) {
        drop(self.arg.replace(Some(arg)));
    }

    /// Takes the resume argument, if any.
    #[inline]
    pub(super) fn take_arg(&self) -> Option<R> {
        self.arg.take()
    }

    /// Forgets where the body suspended (it waits at an `.await` now).
    #[inline]
    pub(super) fn clear_at(&self) {
        self.at.set(None);
    }

    /// Where the body last suspended, if its `yield_!` said.
    #[inline]
    pub(super) fn at(&self) -> Option<&'static &'static str> {
        self.at.get()
    }
}

impl<Y, R, M: Mode> fmt::Debug for Slot<Y, R, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Slot").finish_non_exhaustive()
    }
}

/// The address of a generator's slot, as the body's handle and its yield
/// futures (and, for delegation, frames) keep it.
pub struct SlotPtr<Y, R, M: Mode>(NonNull<Slot<Y, R, M>>);

impl<Y, R, M: Mode> Clone for SlotPtr<Y, R, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R, M: Mode> Copy for SlotPtr<Y, R, M> {}

impl<Y, R, M: Mode> SlotPtr<Y, R, M> {
    /// A pointer to `slot`.
    ///
    /// # Safety
    ///
    /// `slot` is the slot of a pinned generator, and the pointer and its
    /// copies are used only while that generator is alive, by one thread at
    /// a time: the thread that steps the generator, or one it waits for
    /// while it is inside a poll of the body (a scoped thread).
    ///
    /// That is what the driver guarantees for the pointers it makes: it
    /// gives them to the body's handle (which cannot outlive the body's
    /// future, which the generator owns and drops first), to the waker it
    /// lends to a poll of the body, and to the frames of the body's
    /// delegations (which live in the body's future).
    #[inline]
    pub(super) const unsafe fn new(slot: &Slot<Y, R, M>) -> Self {
        SlotPtr(NonNull::from_ref(slot))
    }

    /// The raw address (for the waker's data).
    #[inline]
    pub(super) const fn as_ptr(self) -> *const Slot<Y, R, M> {
        self.0.as_ptr()
    }

    /// The slot, for one access.
    #[inline]
    fn slot(&self) -> &Slot<Y, R, M> {
        // SAFETY: `new`'s contract: the generator is alive while the
        // pointer is used, and no other thread uses it meanwhile. The slot
        // is only ever shared (all its fields are `Cell`s), so this
        // reference may coexist with any other.
        unsafe { self.0.as_ref() }
    }

    /// The mode's extra part of the slot, for one access.
    #[inline]
    pub(super) fn with_extra<T>(self, f: impl FnOnce(&M::Extra<Y, R>) -> T) -> T {
        f(self.slot().extra())
    }

    /// Stores an item for the driver. (An item already waiting, which only a
    /// yield future dropped without being awaited leaves, is dropped, after
    /// the slot holds the new one.)
    #[inline]
    pub(super) fn put_item(self, item: Y) {
        let old = self.slot().item.replace(Some(item));
        drop(old);
    }

    /// Records where the body suspends.
    #[inline]
    pub(super) fn set_at(self, at: &'static &'static str) {
        self.slot().at.set(Some(at));
    }

    /// [`Slot::take_arg`].
    #[inline]
    pub(super) fn take_arg(self) -> Option<R> {
        self.slot().take_arg()
    }

    /// Whether an item waits for the driver.
    #[inline]
    pub(super) fn has_item(self) -> bool {
        self.slot().has_item()
    }
}

impl<Y, R, M: Mode> fmt::Debug for SlotPtr<Y, R, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SlotPtr").field(&self.0).finish()
    }
}
