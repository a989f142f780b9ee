//! The raw generator: the only module of coro with `unsafe` code, one
//! concern a file.
//!
//! | file | what it is | its `unsafe` |
//! |---|---|---|
//! | `mode.rs` | the three kinds of generator ([`ById`], [`Delegating`], [`Async`]) | none |
//! | `slot.rs` | the [`Slot`](slot::Slot) values pass through, and [`SlotPtr`](slot::SlotPtr) | the one pointer to it, with one contract |
//! | `handle.rs` | the handle [`Co`] and its yield futures | `Send`/`Sync` of the handles |
//! | `by_id.rs` | how a [`ById`] handle finds its slot through the driver's context | the waker, and reading a slot from it |
//! | `driver.rs` | [`RawGen`]: the body's pinned future beside its slot, and its steps | pinning the future; finishing on unwind |
//! | `frame.rs` | `yield_from!` of a coroutine run from the top: [`Delegation`] and its frames | the frames' lifetime-erased pointers |
//! | `panics.rs` | the panics of misuse | none |
//!
//! # Why this is sound
//!
//! * The slot lives inside the pinned `RawGen`, which is `!Unpin`, so its
//!   address is stable from the first step until it is dropped, after the
//!   body's future (field order). Every field of the slot is a `Cell`: values
//!   move in and out whole, so no order of accesses breaks it, and the only
//!   question is whether the pointer to it is valid, which
//!   [`SlotPtr::new`](slot::SlotPtr) answers once.
//! * The [`Co`] handle is created by the driver, with the driver's item and
//!   argument types, and handed to the body closure, which must accept a
//!   `Co<'a, ..>` for *every* lifetime `'a` (`for<'a> AsyncFnOnce(Co<'a, ..>,
//!   R)`). The body therefore cannot move the handle anywhere that outlives
//!   its own future: no `'static` place, no outer variable, no return value.
//! * Everything the handle can do is safe whatever the body does with it and
//!   its futures: a yield moves a value into its own generator's slot, and a
//!   handle by id checks that it is polled by its own generator's driver.
//! * The one thing that needs more, naming a delegation frame in the slot,
//!   is [`Co::delegate`], an `unsafe fn` whose contract (awaited in place by
//!   the body itself) only the macros' expansions uphold; see `frame.rs`.
//! * `Co::yield_` takes `&mut self` and the returned future borrows the
//!   handle, so a body cannot have two yields in flight; the handle's types
//!   are invariant, so a body cannot yield a shorter-lived value than the
//!   item type promises.

mod by_id;
mod driver;
mod frame;
mod handle;
mod in_place;
mod mode;
mod panics;
mod slot;

pub use driver::RawGen;
pub(crate) use driver::Step;
pub use frame::{DelegateStep, Delegation, FramePtr};
pub use handle::{Co, Suspend, SuspendItem};
pub use mode::{Async, ById, Delegating, Mode, SyncMode};
pub(crate) use panics::{aresumed_after_completion, resumed_after_completion};
