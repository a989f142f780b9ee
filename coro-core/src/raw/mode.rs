//! The three kinds of generator the driver runs, as types.
//!
//! | mode | body | its handle finds the slot | `yield_from!` of a coroutine |
//! |---|---|---|---|
//! | [`ById`] | sync | by the generator's id, through the driver's context | re-yields (no frames) |
//! | [`Delegating`] | sync | by the slot's address | runs from the top, through frames |
//! | [`Async`] | async | by the slot's address | re-yields (no frames) |
//!
//! The macros pick the mode: a sync body with a `yield_from!` in its own
//! syntax (not inside another macro's arguments) is [`Delegating`], any
//! other sync body [`ById`], and every async body [`Async`].
//!
//! Each mode carries what differs: where a handle looks for its slot
//! ([`Mode::Loc`]), what a yield future keeps until its first poll
//! ([`Mode::Pending`]), and what the slot keeps beside the item and the
//! argument ([`Mode::Extra`]). A fourth combination (by id, with frames) is
//! not expressible: frames link slots by address.

use core::cell::Cell;
use core::task::{Context, Waker};

use super::by_id::{self, Id, IdOf};
use super::frame::Frames;
use super::slot::SlotPtr;

mod sealed {
    pub trait Sealed {}
}

/// How a generator's handle finds its slot and what its driver runs: one of
/// [`ById`], [`Delegating`] or [`Async`] (see the module docs of
/// `coro-core/src/raw/mode.rs`).
///
/// Sealed: only these three exist.
///
/// ```
/// fn sync_mode<M: coro::__private::SyncMode>() {}
/// sync_mode::<coro::__private::ById>();
/// sync_mode::<coro::__private::Delegating>();
/// ```
pub trait Mode: sealed::Sealed + Sized + 'static {
    /// Whether coro alone polls the body (sync generators), with a context
    /// of its own, so that a body that waits is a mistake.
    #[doc(hidden)]
    const SYNC: bool;

    /// Whether the handle finds the slot by the generator's id rather than
    /// by its address.
    #[doc(hidden)]
    const BY_ID: bool;

    /// What a handle keeps to find its slot: an [`IdOf`] or a [`SlotPtr`].
    /// Neither can be made outside this module, so a handle can only name
    /// the slot of the generator that made it.
    #[doc(hidden)]
    type Loc<Y, R>: Copy;

    /// What a yield future keeps until its first poll: by id, the value
    /// (which that poll stores in the slot); by address, nothing (the value
    /// went to the slot when the future was made).
    #[doc(hidden)]
    type Pending<Y>;

    /// What the slot keeps besides the item and the argument.
    #[doc(hidden)]
    type Extra<Y, R>;

    /// The extra part of a new slot.
    #[doc(hidden)]
    fn new_extra<Y, R>() -> Self::Extra<Y, R>;

    /// The delegation frames of the slot, if this mode has them.
    #[doc(hidden)]
    fn frames<Y, R>(extra: &Self::Extra<Y, R>) -> Option<&Frames<Y, R>>;

    /// `yield_!(value)`: by address, puts `value` in the slot now; by id,
    /// keeps it for the yield future's first poll.
    #[doc(hidden)]
    fn hand_over<Y, R>(loc: Self::Loc<Y, R>, value: Y) -> Self::Pending<Y>;

    /// A yield future's first poll: by id, puts the value in the slot found
    /// through `cx`.
    ///
    /// # Panics
    ///
    /// By id, if `cx` is not the context of the generator's driver.
    #[doc(hidden)]
    /// `at`: where the `yield_!` is, recorded in the slot too.
    fn deliver<Y, R>(
        loc: Self::Loc<Y, R>,
        cx: &Context<'_>,
        pending: Self::Pending<Y>,
        at: Option<&'static &'static str>,
    );

    /// The identity of a generator starting now (by id, written into its
    /// slot), as its handle keeps it.
    #[doc(hidden)]
    fn start<Y, R>(slot: SlotPtr<Y, R, Self>) -> Self::Loc<Y, R>;

    /// The slot, for a yield future's later poll, which takes the argument.
    ///
    /// # Panics
    ///
    /// By id, if `cx` is not the context of the generator's driver.
    #[doc(hidden)]
    fn slot<Y, R>(loc: Self::Loc<Y, R>, cx: &Context<'_>) -> SlotPtr<Y, R, Self>;
}

/// The two sync modes, whose driver makes the context it polls the body
/// with.
pub trait SyncMode: Mode {
    /// Calls `f` with the context the body of the generator whose slot is
    /// `slot` is polled with.
    #[doc(hidden)]
    fn with_context<Y, R, T>(slot: SlotPtr<Y, R, Self>, f: impl FnOnce(&mut Context<'_>) -> T)
    -> T;
}

/// A sync generator whose body has no `yield_from!` of its own: its handle
/// names the slot by the generator's id, and finds it through the context
/// the driver polls the body with (see `coro-core/src/raw/by_id.rs`). So
/// nothing stores the generator's address, and once the driver is inlined
/// into the caller's loop the compiler keeps the whole state in registers.
#[derive(Debug)]
pub enum ById {}

/// A sync generator whose body has a `yield_from!` of its own: its handle
/// keeps the slot's address, and the driver runs delegations to coroutines
/// from the top, through frames linked by address.
#[derive(Debug)]
pub enum Delegating {}

/// An async generator: its handle keeps the slot's address (the body is
/// polled with the executor's context, which cannot carry anything of
/// coro's).
#[derive(Debug)]
pub enum Async {}

impl sealed::Sealed for ById {}
impl sealed::Sealed for Delegating {}
impl sealed::Sealed for Async {}

impl Mode for ById {
    const SYNC: bool = true;
    const BY_ID: bool = true;
    type Loc<Y, R> = IdOf<Y, R>;
    type Pending<Y> = Y;
    type Extra<Y, R> = Cell<Id>;

    #[inline]
    fn new_extra<Y, R>() -> Cell<Id> {
        Cell::new(by_id::NOT_STARTED)
    }

    #[inline]
    fn frames<Y, R>(_: &Cell<Id>) -> Option<&Frames<Y, R>> {
        None
    }

    #[inline]
    fn hand_over<Y, R>(_: IdOf<Y, R>, value: Y) -> Y {
        value
    }

    #[inline]
    #[track_caller]
    fn deliver<Y, R>(
        loc: IdOf<Y, R>,
        cx: &Context<'_>,
        value: Y,
        at: Option<&'static &'static str>,
    ) {
        let slot = by_id::find(loc, cx);
        slot.put_item(value);
        if let Some(at) = at {
            slot.set_at(at);
        }
    }

    #[inline]
    fn start<Y, R>(slot: SlotPtr<Y, R, ById>) -> IdOf<Y, R> {
        by_id::start(slot)
    }

    #[inline]
    #[track_caller]
    fn slot<Y, R>(loc: IdOf<Y, R>, cx: &Context<'_>) -> SlotPtr<Y, R, ById> {
        by_id::find(loc, cx)
    }
}

impl SyncMode for ById {
    #[inline]
    fn with_context<Y, R, T>(
        slot: SlotPtr<Y, R, Self>,
        f: impl FnOnce(&mut Context<'_>) -> T,
    ) -> T {
        let waker = by_id::waker(slot);
        f(&mut Context::from_waker(&waker))
    }
}

impl Mode for Delegating {
    const SYNC: bool = true;
    const BY_ID: bool = false;
    type Loc<Y, R> = SlotPtr<Y, R, Delegating>;
    type Pending<Y> = ();
    type Extra<Y, R> = Frames<Y, R>;

    #[inline]
    fn new_extra<Y, R>() -> Frames<Y, R> {
        Frames::new()
    }

    #[inline]
    fn frames<Y, R>(extra: &Frames<Y, R>) -> Option<&Frames<Y, R>> {
        Some(extra)
    }

    #[inline]
    fn hand_over<Y, R>(loc: SlotPtr<Y, R, Delegating>, value: Y) {
        loc.put_item(value);
    }

    #[inline]
    fn deliver<Y, R>(
        slot: SlotPtr<Y, R, Delegating>,
        _: &Context<'_>,
        (): (),
        at: Option<&'static &'static str>,
    ) {
        if let Some(at) = at {
            slot.set_at(at);
        }
    }

    #[inline]
    fn start<Y, R>(slot: SlotPtr<Y, R, Delegating>) -> SlotPtr<Y, R, Delegating> {
        slot
    }

    #[inline]
    fn slot<Y, R>(loc: SlotPtr<Y, R, Delegating>, _: &Context<'_>) -> SlotPtr<Y, R, Delegating> {
        loc
    }
}

impl Mode for Async {
    const SYNC: bool = false;
    const BY_ID: bool = false;
    type Loc<Y, R> = SlotPtr<Y, R, Async>;
    type Pending<Y> = ();
    type Extra<Y, R> = ();

    #[inline]
    fn new_extra<Y, R>() {}

    #[inline]
    fn frames<Y, R>((): &()) -> Option<&Frames<Y, R>> {
        None
    }

    #[inline]
    fn hand_over<Y, R>(loc: SlotPtr<Y, R, Async>, value: Y) {
        loc.put_item(value);
    }

    #[inline]
    fn deliver<Y, R>(
        slot: SlotPtr<Y, R, Async>,
        _: &Context<'_>,
        (): (),
        at: Option<&'static &'static str>,
    ) {
        if let Some(at) = at {
            slot.set_at(at);
        }
    }

    #[inline]
    fn start<Y, R>(slot: SlotPtr<Y, R, Async>) -> SlotPtr<Y, R, Async> {
        slot
    }

    #[inline]
    fn slot<Y, R>(loc: SlotPtr<Y, R, Async>, _: &Context<'_>) -> SlotPtr<Y, R, Async> {
        loc
    }
}

impl SyncMode for Delegating {
    #[inline]
    fn with_context<Y, R, T>(_: SlotPtr<Y, R, Self>, f: impl FnOnce(&mut Context<'_>) -> T) -> T {
        // The handle has the slot's address: the context carries nothing.
        f(&mut Context::from_waker(Waker::noop()))
    }
}
