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
#![doc(test(attr(deny(warnings))))]
#![warn(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::alloc_instead_of_core
)]

#[cfg(feature = "alloc")]
extern crate alloc;

mod acoroutine;
#[cfg(feature = "alloc")]
mod boxed;
mod co;
mod coroutine;
mod finish;
mod generator;
mod iter;
mod native;
mod next;
mod ops;
#[allow(unsafe_code, reason = "the one module with `unsafe`; see its docs")]
mod raw;
mod state;
mod stream;
mod until_err;
mod yields;

pub use crate::acoroutine::{AsyncCoroutine, Resume, aresume};
#[cfg(feature = "alloc")]
pub use crate::boxed::{
    BoxAsyncCoroutine, BoxCoroutine, BoxIter, BoxStream, GeneratorAsyncCoroutine,
    GeneratorCoroutine, LocalBoxAsyncCoroutine, LocalBoxCoroutine, LocalBoxIter, LocalBoxStream,
};
pub use crate::generator::{Generator, Status};
pub use crate::next::{Next, StreamNext, anext};
pub use crate::ops::{Coroutine, send};
pub use crate::state::CoroutineState;
pub use crate::until_err::{UntilErr, until_err};
pub use crate::yields::Yields;

/// Not public API: what the `coro` macros expand to.
///
/// Every safe function here is safe to call, whatever the arguments: a body
/// closure receives its [`Co`](__private::Co) handle for an arbitrary
/// lifetime, so the handle cannot escape the generator it belongs to, and
/// everything the handle does without `unsafe` only yields. The one thing
/// that needs more, delegating through a frame the driver runs from the top,
/// is an `unsafe fn` ([`Co::delegate`](__private::Co::delegate)) with a
/// `# Safety` contract that the macros' expansions uphold.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "alloc")]
    use alloc::boxed::Box;
    use core::future::Future;
    #[cfg(feature = "alloc")]
    use core::iter::FusedIterator;

    use futures_core::FusedStream;

    #[cfg(feature = "alloc")]
    pub use crate::boxed::{
        ErasedIter, box_async_coroutine, box_coroutine, box_iter, box_stream,
        local_box_async_coroutine, local_box_coroutine, local_box_iter, local_box_stream,
    };
    use crate::{AsyncCoroutine, Coroutine, Generator};
    // Everything `yield_from!`'s expansion and its error messages name, so
    // that messages print `coro::__private::..` rather than a private path.
    #[cfg(feature = "alloc")]
    pub use crate::co::HoldBoxed;
    pub use crate::co::{
        AsAsyncCoroutine, AsCoroutine, AsIterator, AsStream, AsStreamOfCoroutine, AsyncCoroutineOf,
        CoroutineOf, Delegable, DelegableAsync, DelegableStream, Delegate, DelegateAsync,
        DelegateStream, FromCoroutine, FromIter, FromRejected, Generates, HeldCoroutine,
        HoldInline, LocateFrom, LocateNothing, NativeFrom, NativeHold, NativeTypes,
        NotAsyncDelegable, NotDelegable, NotStream, PickAny, PickBoxed, PickUnpin, Rejected,
        SameItem, SameStreamItem, SameYield, StartWithDefault, WrongAsyncYield, WrongItems,
        WrongStreamItems, WrongYield, native_delegate,
    };
    pub use crate::finish::{Finish, TryItem};
    pub use crate::generator::Locate;
    #[cfg(feature = "alloc")]
    use crate::iter::Iter;
    pub use crate::native::{
        DelegateAt, InnerAt, NativeCoroutine, NativeIter, NoSites, Order, Resumed, Sites,
        native_coroutine, native_iter,
    };
    pub use crate::raw::{
        Async, ById, Co, DelegateStep, Delegating, Delegation, FramePtr, Mode, RawGen, Suspend,
        SuspendItem, SyncMode,
    };

    /// Drops the first resume argument of a `#[generator]` coroutine, which
    /// no `yield_!` receives (a function, where `drop` would draw lints about
    /// the user's argument type).
    #[inline]
    pub fn discard<T>(_: T) {}

    /// The value of a `return` in an iterator or a stream, which returns
    /// nothing: only `()` is accepted, and anything else is reported, at
    /// the value, with what to write instead.
    #[inline]
    pub fn returns_nothing<T: ReturnsNothing>(_: T) {}

    /// What a `return` in an iterator or a stream may give: `()`.
    #[diagnostic::on_unimplemented(
        message = "an iterator or a stream returns no value, and this `return` gives `{Self}`",
        label = "`return;` ends it; this value would have nowhere to go",
        note = "to hand a value back at the end, make it a coroutine: `impl Coroutine<Yield = T, Return = {Self}>` (on an `async fn`, `impl AsyncCoroutine<..>`), whose `return value` ends it with `CoroutineState::Complete(value)`"
    )]
    pub trait ReturnsNothing {}

    #[diagnostic::do_not_recommend]
    impl ReturnsNothing for () {}

    /// Called (and so reported, as deprecated) by a `#[generator]`
    /// coroutine whose resume type is not `()` and that does not say what
    /// becomes of its first argument: the warning is the point, so that a
    /// first value sent is never dropped without a word.
    #[deprecated(
        note = "the argument of this coroutine's first resume (`resume` or `aresume`) is dropped: \
                it starts the body, \
                before any `yield_!` waits for a value; write `#[generator(first = pattern)]` to \
                receive it, or `#[generator(first = _)]` to drop it without this warning"
    )]
    #[inline]
    pub fn first_resume_argument_dropped() {}

    /// Starts a body: the zero-sized function item every `RawGen` stores.
    #[inline]
    fn start<Y, R, M: Mode, O, F>(
        f: F,
        co: Co<'static, Y, R, M>,
        first: R,
    ) -> impl Future<Output = O>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, M>, R) -> O,
    {
        f(co, first)
    }

    /// A sync generator as a boxed, fused iterator: one allocation, made
    /// here, before the body runs. `M` is [`ById`] for a body without a
    /// `yield_from!` of its own, [`Delegating`] for one with.
    ///
    /// ```
    /// let it = coro::__private::iter::<coro::__private::ById, u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter<M: SyncMode, Y, O, F>(
        f: F,
    ) -> impl FusedIterator<Item = Y> + Coroutine<Yield = Y, Return = ()> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, (), M>, ()) -> O,
        O: Finish<Y>,
    {
        Iter::new(Box::pin(RawGen::new(f, start::<Y, (), M, O, F>)))
    }

    /// A sync generator's state machine, unboxed, for [`box_iter`] and
    /// [`local_box_iter`] to box as a trait object (one allocation).
    ///
    /// ```
    /// use coro::__private::{ById, box_iter, iter_raw};
    ///
    /// let it = box_iter(iter_raw::<ById, u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// }));
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn iter_raw<M: SyncMode, Y, O, F>(f: F) -> impl ErasedIter<Y>
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, (), M>, ()) -> O,
        O: Finish<Y>,
    {
        RawGen::new(f, start::<Y, (), M, O, F>)
    }

    /// An async generator as a boxed (so `Unpin`), fused stream.
    ///
    /// ```
    /// use coro::Stream;
    /// # use core::task::{Context, Poll, Waker};
    ///
    /// let mut s = coro::__private::stream::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// });
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(core::pin::Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(Some(1)));
    /// ```
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn stream<Y, O, F>(f: F) -> impl FusedStream<Item = Y> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, (), Async>, ()) -> O,
        O: Finish<Y>,
    {
        Box::pin(RawGen::new(f, start::<Y, (), Async, O, F>))
    }

    /// An async generator as an unboxed stream: no allocation; pin it before
    /// polling it.
    ///
    /// ```
    /// use coro::Stream;
    /// # use core::task::{Context, Poll, Waker};
    ///
    /// let s = coro::__private::stream_unboxed::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_item(1).await;
    /// });
    /// let mut s = core::pin::pin!(s);
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    /// ```
    #[inline]
    pub fn stream_unboxed<Y, O, F>(
        f: F,
    ) -> impl FusedStream<Item = Y> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, (), Async>, ()) -> O,
        O: Finish<Y>,
    {
        RawGen::new(f, start::<Y, (), Async, O, F>)
    }

    /// A coroutine, boxed (so `Unpin`). `M` as for [`iter`].
    ///
    /// ```
    /// use core::pin::Pin;
    /// use coro::{Coroutine, CoroutineState};
    ///
    /// let mut c = coro::__private::coroutine::<coro::__private::ById, u32, u32, u32, _>(
    ///     async move |mut co, first| co.yield_(first).await + 1,
    /// );
    /// assert_eq!(Pin::new(&mut c).resume(5), CoroutineState::Yielded(5));
    /// assert_eq!(Pin::new(&mut c).resume(6), CoroutineState::Complete(7));
    /// ```
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn coroutine<M: SyncMode, Y, R, T, F>(
        f: F,
    ) -> impl Coroutine<R, Yield = Y, Return = T> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, M>, R) -> T,
    {
        Box::pin(RawGen::new(f, start::<Y, R, M, T, F>))
    }

    /// A coroutine, unboxed: no allocation; pin it before resuming it.
    ///
    /// ```
    /// use coro::{Coroutine, CoroutineState};
    ///
    /// let c = coro::__private::coroutine_unboxed::<coro::__private::ById, u32, (), (), _>(
    ///     async move |mut co, ()| {
    ///         co.yield_(1).await;
    ///     },
    /// );
    /// let mut c = core::pin::pin!(c);
    /// assert_eq!(c.as_mut().resume(()), CoroutineState::Yielded(1));
    /// ```
    #[inline]
    pub fn coroutine_unboxed<M: SyncMode, Y, R, T, F>(
        f: F,
    ) -> impl Coroutine<R, Yield = Y, Return = T> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, M>, R) -> T,
    {
        RawGen::new(f, start::<Y, R, M, T, F>)
    }

    /// An async coroutine, boxed (so `Unpin`).
    ///
    /// ```
    /// use coro::{CoroutineState, aresume};
    ///
    /// let mut c = coro::__private::async_coroutine::<u32, u32, u32, _>(
    ///     async move |mut co, first| co.yield_(first).await + 1,
    /// );
    /// # let fut = async {
    /// assert_eq!(aresume(&mut c, 5).await, CoroutineState::Yielded(5));
    /// assert_eq!(aresume(&mut c, 6).await, CoroutineState::Complete(7));
    /// # };
    /// # let mut fut = core::pin::pin!(fut);
    /// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    /// # assert!(fut.as_mut().poll(&mut cx).is_ready());
    /// ```
    #[cfg(feature = "alloc")]
    #[inline]
    pub fn async_coroutine<Y, R, T, F>(
        f: F,
    ) -> impl AsyncCoroutine<R, Yield = Y, Return = T> + Unpin + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, Async>, R) -> T,
    {
        Box::pin(RawGen::new(f, start::<Y, R, Async, T, F>))
    }

    /// An async coroutine, unboxed: no allocation; pin it before resuming it.
    ///
    /// ```
    /// use coro::{CoroutineState, aresume};
    ///
    /// let c = coro::__private::async_coroutine_unboxed::<u32, (), (), _>(
    ///     async move |mut co, ()| {
    ///         co.yield_(1).await;
    ///     },
    /// );
    /// let mut c = core::pin::pin!(c);
    /// # let fut = async {
    /// assert_eq!(aresume(&mut c, ()).await, CoroutineState::Yielded(1));
    /// # };
    /// # let mut fut = core::pin::pin!(fut);
    /// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    /// # assert!(fut.as_mut().poll(&mut cx).is_ready());
    /// ```
    #[inline]
    pub fn async_coroutine_unboxed<Y, R, T, F>(
        f: F,
    ) -> impl AsyncCoroutine<R, Yield = Y, Return = T> + Generator + core::fmt::Debug
    where
        F: for<'a> AsyncFnOnce(Co<'a, Y, R, Async>, R) -> T,
    {
        RawGen::new(f, start::<Y, R, Async, T, F>)
    }
}
