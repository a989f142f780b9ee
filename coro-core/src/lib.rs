//! The runtime of [`coro`](https://docs.rs/coro): the generator state
//! machine, its driver, and the [`Coroutine`] trait.
//!
//! Use it through the `coro` crate, which re-exports everything here and
//! provides the `#[generator]` attribute; its documentation is the user guide.
//!
//! ```
//! use coro::{generator, yield_};
//!
//! #[generator]
//! fn countdown(from: u32) -> impl Iterator<Item = u32> {
//!     for n in (1..=from).rev() {
//!         yield_!(n);
//!     }
//! }
//!
//! assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
//! ```
//!
//! All of coro's `unsafe` code is in one private module (`raw`), which
//! explains why it is sound; the rest of this crate denies `unsafe` (only
//! `raw` is allowed it), and the rest of the workspace forbids it.

#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]
#![warn(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::alloc_instead_of_core
)]

#[cfg(feature = "alloc")]
extern crate alloc;

#[cfg(feature = "alloc")]
mod boxed;
mod co;
mod coroutine;
mod finish;
mod iter;
mod next;
mod ops;
#[allow(unsafe_code, reason = "the one module with `unsafe`; see its docs")]
mod raw;
mod state;
mod stream;
mod yields;

#[cfg(feature = "alloc")]
pub use crate::boxed::{
    BoxCoroutine, BoxIter, BoxStream, LocalBoxCoroutine, LocalBoxIter, LocalBoxStream,
};
pub use crate::next::{Next, anext};
pub use crate::ops::Coroutine;
pub use crate::state::CoroutineState;
pub use crate::yields::Yields;

/// Not public API: what the `coro` macros expand to.
///
/// Every function here is safe to call, whatever the arguments: a body closure
/// receives its [`Co`](__private::Co) handle for an arbitrary lifetime, so the
/// handle cannot escape the generator it belongs to.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "alloc")]
    use alloc::boxed::Box;
    use core::future::Future;
    #[cfg(feature = "alloc")]
    use core::iter::FusedIterator;

    use futures_core::FusedStream;

    use crate::Coroutine;
    #[cfg(feature = "alloc")]
    pub use crate::boxed::{
        ErasedIter, box_coroutine, box_iter, box_stream, local_box_coroutine, local_box_iter,
        local_box_stream,
    };
    // Everything `yield_from!`'s expansion and its error messages name, so
    // that messages print `coro::__private::..` rather than a private path.
    pub use crate::co::{
        AsCoroutine, AsIterator, AsStream, CoroutineOf, Delegable, DelegableStream, Delegate,
        DelegateStream, NotDelegable, NotStream, Rejected, SameItem, SameStreamItem, SameYield,
        StartWithDefault, WrongItems, WrongStreamItems, WrongYield,
    };
    pub use crate::finish::{Finish, TryItem};
    #[cfg(feature = "alloc")]
    use crate::iter::Iter;
    pub use crate::raw::{Co, DelegateStep, Delegation, FramePtr, RawGen, Suspend, SuspendItem};

    /// Drops the first resume argument of a `#[generator]` coroutine, which
    /// no `yield_!` receives (a function, where `drop` would draw lints about
    /// the user's argument type).
    #[inline]
    pub fn discard<T>(_: T) {}

    /// Starts a body: the zero-sized function item every `RawGen` stores.
    #[inline]
    fn start<Y, R, O, F, const BY_ID: bool>(
        f: F,
        co: Co<'static, Y, R, BY_ID>,
        first: R,
    ) -> impl Future<Output = O>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, BY_ID>, R) -> O,
    {
        f(co, first)
    }

    /// A sync generator as a boxed, fused iterator: one allocation, made
    /// here, before the body runs.
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter<Y, O, F>(f: F) -> impl FusedIterator<Item = Y> + Coroutine<Yield = Y, Return = ()>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y>, ()) -> O,
        O: Finish<Y>,
    {
        Iter::new(Box::pin(RawGen::<_, _, _, _, _, false, true>::new(
            f,
            start::<Y, (), O, F, false>,
        )))
    }

    /// [`iter`] for a body without `yield_from!`: the driver leaves out
    /// delegation, which lets the compiler fold the whole generator into
    /// its caller's loop. (A delegation started in such a body anyway,
    /// through `Co::delegate`, ends it with a panic.)
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter_flat<Y, O, F>(
        f: F,
    ) -> impl FusedIterator<Item = Y> + Coroutine<Yield = Y, Return = ()>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, (), true>, ()) -> O,
        O: Finish<Y>,
    {
        Iter::new(Box::pin(RawGen::<_, _, _, _, _, true, false>::new(
            f,
            start::<Y, (), O, F, true>,
        )))
    }

    /// A sync generator's state machine, unboxed, for [`box_iter`] and
    /// [`local_box_iter`] to box as a trait object (one allocation).
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter_raw<Y, O, F>(f: F) -> impl ErasedIter<Y>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y>, ()) -> O,
        O: Finish<Y>,
    {
        RawGen::<_, _, _, _, _, false, true>::new(f, start::<Y, (), O, F, false>)
    }

    /// [`iter_raw`] for a body without `yield_from!` (see [`iter_flat`]).
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter_raw_flat<Y, O, F>(f: F) -> impl ErasedIter<Y>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y>, ()) -> O,
        O: Finish<Y>,
    {
        RawGen::<_, _, _, _, _, false, false>::new(f, start::<Y, (), O, F, false>)
    }

    /// An async generator as a boxed (so `Unpin`), fused stream. (Its
    /// `yield_from!` re-yields a stream's items, so its driver leaves out
    /// delegation, as `iter_flat`'s does.)
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn stream<Y, O, F>(f: F) -> impl FusedStream<Item = Y>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y>, ()) -> O,
        O: Finish<Y>,
    {
        Box::pin(RawGen::<_, _, _, _, _, false, false>::new(
            f,
            start::<Y, (), O, F, false>,
        ))
    }

    /// An async generator as an unboxed stream: no allocation; pin it before
    /// polling it.
    #[inline]
    pub fn stream_unboxed<Y, O, F>(f: F) -> impl FusedStream<Item = Y>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y>, ()) -> O,
        O: Finish<Y>,
    {
        RawGen::<_, _, _, _, _, false, false>::new(f, start::<Y, (), O, F, false>)
    }

    /// A coroutine, boxed (so `Unpin`).
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn coroutine<Y, R, T, F>(f: F) -> impl Coroutine<R, Yield = Y, Return = T>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R>, R) -> T,
    {
        Box::pin(RawGen::<_, _, _, _, _, false, true>::new(
            f,
            start::<Y, R, T, F, false>,
        ))
    }

    /// [`coroutine`] for a body without `yield_from!` (see [`iter_flat`]).
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn coroutine_flat<Y, R, T, F>(f: F) -> impl Coroutine<R, Yield = Y, Return = T>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, true>, R) -> T,
    {
        Box::pin(RawGen::<_, _, _, _, _, true, false>::new(
            f,
            start::<Y, R, T, F, true>,
        ))
    }

    /// A coroutine, unboxed: no allocation; pin it before resuming it.
    #[inline]
    pub fn coroutine_unboxed<Y, R, T, F>(f: F) -> impl Coroutine<R, Yield = Y, Return = T>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R>, R) -> T,
    {
        RawGen::<_, _, _, _, _, false, true>::new(f, start::<Y, R, T, F, false>)
    }

    /// [`coroutine_unboxed`] for a body without `yield_from!` (see
    /// [`iter_flat`]).
    #[inline]
    pub fn coroutine_unboxed_flat<Y, R, T, F>(f: F) -> impl Coroutine<R, Yield = Y, Return = T>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, true>, R) -> T,
    {
        RawGen::<_, _, _, _, _, true, false>::new(f, start::<Y, R, T, F, true>)
    }
}
