//! What the body of a generator can do with its handle besides `yield_`:
//! delegate to an iterator, a coroutine or a stream (`yield_from!`).
//!
//! # How `yield_from!` picks what to do
//!
//! In a sync generator, `yield_from!(source)` becomes (the generator's
//! handle is `co`; `yield_from!(source, first)` calls `prepare_with(&co,
//! s.0, first)` instead):
//!
//! ```text
//! match (source) {                                    // keeps its temporaries
//!     s => {
//!         let s = co.__coro_delegate(s);              // Delegate<T, Y, R>
//!         let strategy = s.__coro_pick();             // what `T` is
//!         let (s, first) = strategy.prepare(&co, s.0);  // checks `T`
//!         // SAFETY: awaited here, in place, by the body itself.
//!         unsafe { strategy.yield_from_in_place(&mut co, s, first, &"file:line:col") }.await
//!     }
//! }
//! ```
//!
//! # In place, or re-yielding
//!
//! That last line is what a `yield_from!` in the body's own syntax becomes,
//! in a [`Delegating`] body: for a coroutine, its
//! [`Delegation`](crate::__private::Delegation) lets the driver run the
//! coroutine from the top, O(1) per item at any depth, which is sound only
//! because the future is awaited in place by the body itself (the contract of
//! the `unsafe` method). A `yield_from!` inside another macro's arguments
//! (`println!("{}", yield_from!(c))`, or a user's macro, which may put its
//! tokens in an `async` block of its own, and leak it) cannot promise that:
//! there the last line is the safe
//! `strategy.yield_from(&mut co, s, first, at).await`, which re-yields each item
//! through this body's handle (O(depth) per item, with the same results:
//! resume arguments forwarded, the coroutine's return value returned).
//!
//! `__coro_pick` is an inherent method of each type in a chain of
//! [`Deref`]s, each with a `where` clause on its `impl`. Method resolution
//! skips a method whose `impl` does not apply and goes on down the chain, so
//! the first type of the chain whose clause `T` meets picks the strategy:
//!
//! | type | picks | when `T` is |
//! | --- | --- | --- |
//! | [`PickCoroutine`] | [`AsCoroutine`] | a `Coroutine<R, Yield = Y>` |
//! | [`PickIterator`] | [`AsIterator`] | an `IntoIterator<Item = Y>` |
//! | [`PickOtherIterator`] | [`WrongItems`] | an iterator of something else |
//! | [`PickOtherCoroutine`] | [`WrongYield`] | a `Coroutine<R>` yielding something else |
//! | [`PickNothing`] | [`NotDelegable`] | anything else |
//!
//! A coroutine is tried first, so a generator that is both an iterator and a
//! coroutine is delegated to as a coroutine. The last three strategies are
//! mistakes: their `prepare` has a bound `T` does not meet, whose
//! `#[diagnostic::on_unimplemented]` message says what was wrong, and returns
//! a [`Rejected`] that their `yield_from` accepts whatever the generator, so
//! that the mistake is reported once. (One function with all the bounds
//! would report a failed bound again at each later step that needs it, and
//! rustc reports the bound of `IntoIterator`'s blanket impl, "`u32` is not an
//! iterator", rather than ours.) The macro spans the arguments of `prepare`
//! over the user's source expression, and the error points there.
//!
//! The methods called by autoref are named `__coro_..`: a by-value method of
//! the same name from a user's trait in scope would be picked before them.
//!
//! An async generator does the same with [`DelegateStream`]:
//! [`AsStream`] for a `Stream<Item = Y>`, [`AsAsyncCoroutine`] for an
//! `AsyncCoroutine<(), Yield = Y>` (what [`until_err`](crate::until_err) of a
//! stream is), [`WrongStreamItems`] for a stream of something else,
//! [`NotStream`] otherwise. An async coroutine does it with
//! [`DelegateAsync`]: [`AsAsyncCoroutine`] for an `AsyncCoroutine<R, Yield =
//! Y>`, [`AsStreamOfCoroutine`] for a `Stream<Item = Y>`, then
//! [`WrongAsyncYield`], [`WrongStreamItems`] and [`NotAsyncDelegable`] for
//! the mistakes. Both always re-yield (the body's `.await`s make a frame
//! the driver runs from the top pointless: each step is polled through the
//! whole chain anyway).

#![allow(
    clippy::unused_self,
    reason = "the expansion picks a strategy by method resolution on a value, so the \
              strategies' functions are methods of that value"
)]

use core::fmt;
use core::future::{Future, Pending, pending, poll_fn};
use core::iter::{Empty, empty};
use core::marker::PhantomData;
use core::ops::Deref;
use core::pin::pin;

use futures_core::Stream;

use crate::raw::{Async, Co, Mode};
use crate::{AsyncCoroutine, Coroutine, CoroutineState, aresume};

/// The types a link of a pick chain is about: zero-sized, `Send`, `Sync`,
/// and owning nothing.
type Types<T, Y, R> = PhantomData<fn() -> (T, Y, R)>;

impl<Y, R, M: Mode> Co<'_, Y, R, M> {
    /// What `yield_from!(source)` in a sync generator was given, with the
    /// generator's yield and resume types; its `__coro_pick` method picks
    /// the strategy (module docs).
    #[doc(hidden)]
    #[inline]
    pub fn __coro_delegate<T>(&self, source: T) -> Delegate<T, Y, R> {
        Delegate(source, PickCoroutine(PhantomData))
    }
}

impl<Y> Co<'_, Y, (), Async> {
    /// What `yield_from!(source)` in an async generator was given, with the
    /// generator's item type; its `__coro_pick` method picks the strategy
    /// (module docs).
    #[doc(hidden)]
    #[inline]
    pub fn __coro_delegate_stream<S>(&self, source: S) -> DelegateStream<S, Y> {
        DelegateStream(source, PickStream(PhantomData))
    }

    /// Yields every item of `stream`, awaiting it with the caller's context:
    /// what `yield_from!(stream)` does in an async generator.
    ///
    /// ```
    /// use coro::{Stream, stream, yield_};
    /// use core::task::{Context, Poll, Waker};
    ///
    /// let inner = stream! { yield_!(1); yield_!(2); };
    /// let outer = coro::__private::stream::<u32, (), _>(async move |mut co, ()| {
    ///     co.yield_from_stream(inner).await;
    /// });
    /// let mut outer = core::pin::pin!(outer);
    /// let mut cx = Context::from_waker(Waker::noop());
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
    /// assert_eq!(outer.as_mut().poll_next(&mut cx), Poll::Ready(None));
    /// ```
    pub async fn yield_from_stream<S: Stream<Item = Y>>(&mut self, stream: S) {
        let mut stream = pin!(stream);
        while let Some(item) = poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
            self.yield_item(item).await;
        }
    }

    /// [`Co::yield_from_stream`], each item yielded at `at` (the
    /// `yield_from!`, which `Debug` shows while an item is out).
    async fn yield_from_stream_at<S: Stream<Item = Y>>(
        &mut self,
        stream: S,
        at: &'static &'static str,
    ) {
        let mut stream = pin!(stream);
        while let Some(item) = poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
            self.yield_item_at(at, item).await;
        }
    }
}

// ---------------------------------------------------------------------------
// Sync generators: the pick chain.

/// What a sync generator's `yield_from!` was given (`.0`), before it is
/// known whether it is a coroutine or an iterator; derefs to the first link
/// of the pick chain (module docs).
pub struct Delegate<T, Y, R>(pub T, PickCoroutine<T, Y, R>);

impl<T, Y, R> fmt::Debug for Delegate<T, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delegate").finish_non_exhaustive()
    }
}

/// Defines the links of a pick chain: zero-sized types, each of which
/// derefs to the next (made out of nothing); the last derefs to nothing.
macro_rules! chain {
    ($($(#[$doc:meta])* $link:ident $(-> $next:ident)?;)*) => {$(
        $(#[$doc])*
        pub struct $link<T, Y, R>(Types<T, Y, R>);

        impl<T, Y, R> fmt::Debug for $link<T, Y, R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(stringify!($link))
            }
        }

        $(
            impl<T, Y, R> Deref for $link<T, Y, R> {
                type Target = $next<T, Y, R>;
                #[inline]
                fn deref(&self) -> &Self::Target {
                    &$next(PhantomData)
                }
            }
        )?
    )*};
}

chain! {
    /// Picks [`AsCoroutine`] for a `Coroutine<R, Yield = Y>`.
    PickCoroutine -> PickIterator;
    /// Picks [`AsIterator`] for an `IntoIterator<Item = Y>`.
    PickIterator -> PickOtherIterator;
    /// Picks [`WrongItems`] for an iterator of another item type.
    PickOtherIterator -> PickOtherCoroutine;
    /// Picks [`WrongYield`] for a `Coroutine<R>` of another yield type.
    PickOtherCoroutine -> PickNothing;
    /// Picks [`NotDelegable`] for anything else.
    PickNothing;
}

impl<T, Y, R> Deref for Delegate<T, Y, R> {
    type Target = PickCoroutine<T, Y, R>;
    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.1
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> PickCoroutine<C, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsCoroutine {
        AsCoroutine
    }
}

impl<I: IntoIterator<Item = Y>, Y, R> PickIterator<I, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsIterator {
        AsIterator
    }
}

impl<I: IntoIterator, Y, R> PickOtherIterator<I, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> WrongItems {
        WrongItems
    }
}

impl<C: Coroutine<R>, Y, R> PickOtherCoroutine<C, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> WrongYield {
        WrongYield
    }
}

impl<T, Y, R> PickNothing<T, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> NotDelegable {
        NotDelegable
    }
}

/// `yield_from!(coroutine)`: forwards each resume argument to the coroutine
/// and each of its yields out; evaluates to its return value.
#[derive(Debug, Clone, Copy)]
pub struct AsCoroutine;

impl AsCoroutine {
    /// The coroutine and the argument it is started with when `yield_from!`
    /// is not given one: `R::default()` (Python's `None`).
    ///
    /// ```
    /// # use coro::__private::AsCoroutine;
    /// # let _ = coro::__private::iter::<coro::__private::ById, u8, (), _>(async move |co, ()| {
    /// let (coroutine, ()) = AsCoroutine.prepare(&co, coro::coroutine!(|| {}));
    /// # drop(coroutine);
    /// # });
    /// ```
    #[inline]
    pub fn prepare<C, Y, R, K: Generates<Y, R>>(self, _co: &K, coroutine: C) -> (C, R)
    where
        C: Coroutine<R, Yield = Y>,
        R: StartWithDefault,
    {
        (coroutine, R::default())
    }

    /// The coroutine and the argument it is started with:
    /// `yield_from!(coroutine, first)`.
    #[inline]
    pub fn prepare_with<C, Y, R, K: Generates<Y, R>>(
        self,
        _co: &K,
        coroutine: C,
        first: R,
    ) -> (C, R)
    where
        C: Coroutine<R, Yield = Y>,
    {
        (coroutine, first)
    }

    /// Delegates by re-yielding: resumes the coroutine, first with `first`
    /// and then with each resume argument this generator gets, yields what
    /// it yields (at `at`, the `yield_!` site `Debug` shows), and evaluates
    /// to what it returns. Safe whatever is done with the future.
    ///
    /// ```
    /// use coro::__private::{AsCoroutine, ById, iter};
    ///
    /// let it = iter::<ById, u8, (), _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     let r = AsCoroutine.yield_from(&mut co, inner, (), &"src/lib.rs:4:13").await;
    ///     assert_eq!(r, 'r');
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    pub async fn yield_from<C, Y, R, M: Mode>(
        self,
        co: &mut Co<'_, Y, R, M>,
        coroutine: C,
        first: R,
        at: &'static &'static str,
    ) -> C::Return
    where
        C: Coroutine<R, Yield = Y>,
    {
        let mut coroutine = pin!(coroutine);
        let mut arg = first;
        loop {
            match coroutine.as_mut().resume(arg) {
                CoroutineState::Yielded(value) => arg = co.yield_at(at, value).await,
                CoroutineState::Complete(value) => return value,
            }
        }
    }
}

/// `yield_from!(iterable)`: yields each item of an [`IntoIterator`];
/// evaluates to `()`.
#[derive(Debug, Clone, Copy)]
pub struct AsIterator;

impl AsIterator {
    /// The iterator; an iterator takes no first argument.
    ///
    /// ```
    /// # use coro::__private::AsIterator;
    /// # let _ = coro::__private::iter::<coro::__private::ById, u8, (), _>(async move |co, ()| {
    /// let (iter, ()) = AsIterator.prepare(&co, vec![1, 2]);
    /// # drop(iter);
    /// # });
    /// ```
    #[inline]
    pub fn prepare<I, Y, R, K: Generates<Y, R>>(self, _co: &K, iterable: I) -> (I::IntoIter, ())
    where
        I: IntoIterator<Item = Y>,
    {
        (iterable.into_iter(), ())
    }

    /// `yield_from!(iterable, first)`: a mistake, an iterator takes no
    /// resume argument. (No items: the program does not compile.)
    #[inline]
    pub fn prepare_with<I, Y, R, F, K: Generates<Y, R>>(self, _co: &K, _: I, _: F) -> (Empty<Y>, ())
    where
        I: CoroutineOf<Y, R>,
    {
        (empty(), ())
    }

    /// Delegates. Resume arguments sent while the iterator's items are out
    /// are dropped (only coroutines take them).
    ///
    /// ```
    /// use coro::__private::{AsIterator, ById, iter};
    ///
    /// let it = iter::<ById, u8, (), _>(async move |mut co, ()| {
    ///     AsIterator.yield_from(&mut co, [1, 2].into_iter(), (), &"src/lib.rs:4:5").await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub async fn yield_from<I: Iterator<Item = Y>, Y, R, M: Mode>(
        self,
        co: &mut Co<'_, Y, R, M>,
        iter: I,
        (): (),
        at: &'static &'static str,
    ) {
        for item in iter {
            let _: R = co.yield_at(at, item).await;
        }
    }
}

/// What a mistaken `yield_from!` prepares: nothing. Delegating to it
/// accepts any generator and evaluates to any type, so that the mistake is
/// the only error.
#[derive(Debug, Clone, Copy)]
pub struct Rejected;

/// The strategies that report a mistake share the delegation to
/// [`Rejected`].
macro_rules! rejected {
    ($($strategy:ident),*) => {$(
        impl $strategy {
            /// Never runs: the program did not compile.
            #[inline]
            pub fn yield_from<Y, R, O, M: Mode>(
                self,
                _: &mut Co<'_, Y, R, M>,
                _: Rejected,
                (): (),
                _: &'static &'static str,
            ) -> Pending<O> {
                pending()
            }
        }
    )*};
}

rejected!(
    WrongItems,
    WrongYield,
    NotDelegable,
    WrongStreamItems,
    NotStream
);

/// `yield_from!(iterable)` of an iterator whose items are not the
/// generator's item type: reports it.
#[derive(Debug, Clone, Copy)]
pub struct WrongItems;

impl WrongItems {
    /// Reports that the items are not the generator's.
    #[inline]
    pub fn prepare<I, Y, R, K: Generates<Y, R>>(self, _co: &K, _: I) -> (Rejected, ())
    where
        I: IntoIterator,
        I::Item: SameItem<Y>,
    {
        (Rejected, ())
    }

    /// Reports that only a coroutine takes a first resume argument.
    #[inline]
    pub fn prepare_with<I, Y, R, F, K: Generates<Y, R>>(self, _co: &K, _: I, _: F) -> (Rejected, ())
    where
        I: CoroutineOf<Y, R>,
    {
        (Rejected, ())
    }
}

/// `yield_from!(coroutine)` of a coroutine whose yields are not the
/// generator's item type: reports it.
#[derive(Debug, Clone, Copy)]
pub struct WrongYield;

impl WrongYield {
    /// Reports that the coroutine's yields are not the generator's.
    #[inline]
    pub fn prepare<C, Y, R, K: Generates<Y, R>>(self, _co: &K, _: C) -> (Rejected, ())
    where
        C: Coroutine<R>,
        C::Yield: SameYield<Y>,
    {
        (Rejected, ())
    }

    /// As [`WrongYield::prepare`].
    #[inline]
    pub fn prepare_with<C, Y, R, F, K: Generates<Y, R>>(
        self,
        co: &K,
        coroutine: C,
        _: F,
    ) -> (Rejected, ())
    where
        C: Coroutine<R>,
        C::Yield: SameYield<Y>,
    {
        self.prepare(co, coroutine)
    }
}

/// `yield_from!(source)` of something that is neither an iterator nor a
/// coroutine of the generator's resume type: reports it.
#[derive(Debug, Clone, Copy)]
pub struct NotDelegable;

impl NotDelegable {
    /// Reports that the source cannot be delegated to.
    #[inline]
    pub fn prepare<T, Y, R, K: Generates<Y, R>>(self, _co: &K, _: T) -> (Rejected, ())
    where
        T: Delegable<Y, R>,
    {
        (Rejected, ())
    }

    /// Reports that the source is not a coroutine to start with `first`.
    #[inline]
    pub fn prepare_with<T, Y, R, F, K: Generates<Y, R>>(self, _co: &K, _: T, _: F) -> (Rejected, ())
    where
        T: CoroutineOf<Y, R>,
    {
        (Rejected, ())
    }
}

/// What a sync generator can delegate to besides a coroutine: anything
/// [`IntoIterator`]. Only reached (and then unmet) for a source that is
/// neither, for its message.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` cannot delegate to `{Self}`: it is neither an iterator nor a coroutine of this generator's types",
    label = "not an iterator of `{Y}` or a `Coroutine<{R}, Yield = {Y}>`",
    note = "in this generator, `yield_from!` takes an iterator of `{Y}` (anything `IntoIterator<Item = {Y}>`) or a coroutine resumed with `{R}` that yields `{Y}`"
)]
pub trait Delegable<Y, R>: IntoIterator {}

// Without `do_not_recommend`, rustc would report the unmet bound of this
// impl (and then the one of `IntoIterator`'s: "`u32` is not an iterator")
// instead of ours.
#[diagnostic::do_not_recommend]
impl<I: IntoIterator, Y, R> Delegable<Y, R> for I {}

/// What `yield_from!(coroutine, first)` can start with `first`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!(coroutine, first)` starts a coroutine with `first`, and `{Self}` is not a coroutine of this generator's types",
    label = "not a `Coroutine<{R}, Yield = {Y}>`",
    note = "only a coroutine takes a first resume argument; for an iterator, write `yield_from!(iterable)`"
)]
pub trait CoroutineOf<Y, R> {}

#[diagnostic::do_not_recommend]
impl<C: Coroutine<R, Yield = Y>, Y, R> CoroutineOf<Y, R> for C {}

/// The items of what `yield_from!` was given are the generator's item type.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` was given an iterator of `{Self}`, but this generator yields `{Y}`",
    label = "expected an iterator of `{Y}`"
)]
pub trait SameItem<Y> {}

impl<Y> SameItem<Y> for Y {}

/// The yields of a coroutine `yield_from!` was given are the generator's
/// item type.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` was given a coroutine that yields `{Self}`, but this generator yields `{Y}`",
    label = "expected a coroutine that yields `{Y}`"
)]
pub trait SameYield<Y> {}

impl<Y> SameYield<Y> for Y {}

/// The resume argument type of a coroutine that starts a sub-coroutine with
/// `yield_from!(sub)`, which resumes it first with `Default::default()`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!(coroutine)` starts the coroutine with `{Self}::default()`, and `{Self}` has no default",
    label = "the resume argument type has no `Default`",
    note = "pass the first resume argument yourself: `yield_from!(coroutine, first)`"
)]
pub trait StartWithDefault: Default {}

impl<R: Default> StartWithDefault for R {}

/// What `yield_from!`'s strategies know of the generator: its yield and
/// resume types, from its handle ([`Co`]) or, in a native body, which has no
/// handle, from [`NativeTypes`].
pub trait Generates<Y, R> {}

impl<Y, R, M: Mode> Generates<Y, R> for Co<'_, Y, R, M> {}

// ---------------------------------------------------------------------------
// Native generators: the same pick chain, then a value the body steps.

/// A native generator's yield and resume types, standing in for the handle
/// it does not have.
pub struct NativeTypes<Y, R>(Types<(), Y, R>);

impl<Y, R> Generates<Y, R> for NativeTypes<Y, R> {}

impl<Y, R> fmt::Debug for NativeTypes<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NativeTypes")
    }
}

/// What `yield_from!(source)` in a native generator of `Y`s resumed with
/// `R` was given, and the generator's types: the same pick as
/// [`Co::__coro_delegate`]'s.
///
/// In a native body, `yield_from!(source)` becomes (see
/// `coro-macros/src/native/tree.rs`):
///
/// ```text
/// let src = source;
/// let mut from = {
///     let (d, types) = native_delegate::<Y, R, _>(src);
///     let strategy = d.__coro_pick();
///     let (c, first) = strategy.prepare(&types, d.0);   // or prepare_with(.., first)
///     let held = NativeHold::new(c, &types);             // boxes a coroutine that is not `Unpin`
///     let c = held.__coro_pick_hold().hold(held.0);
///     strategy.__coro_native(c, first)                   // a `NativeFrom`
/// };
/// loop {
///     let y = match NativeFrom::step(&mut from) { Some(y) => y, None => break };
///     let arg = yield_!(y);
///     NativeFrom::send(&mut from, arg);
/// }
/// NativeFrom::finish(from)                               // the coroutine's return value
/// ```
///
/// Each level of native delegation passes each item up through a call, as
/// nested iterators do.
///
/// ```
/// use coro::__private::{NativeFrom, NativeHold, native_delegate};
///
/// let (d, types) = native_delegate::<u8, (), _>(vec![1u8, 2]);
/// let strategy = d.__coro_pick();
/// let (c, first) = strategy.prepare(&types, d.0);
/// let held = NativeHold::new(c, &types);
/// let c = held.__coro_pick_hold().hold(held.0);
/// let mut from = strategy.__coro_native(c, first);
/// assert_eq!(NativeFrom::step(&mut from), Some(1));
/// NativeFrom::send(&mut from, ());
/// assert_eq!(NativeFrom::step(&mut from), Some(2));
/// NativeFrom::send(&mut from, ());
/// assert_eq!(NativeFrom::step(&mut from), None);
/// NativeFrom::finish(from);
/// ```
#[inline]
pub fn native_delegate<Y, R, T>(source: T) -> (Delegate<T, Y, R>, NativeTypes<Y, R>) {
    (
        Delegate(source, PickCoroutine(PhantomData)),
        NativeTypes(PhantomData),
    )
}

/// What a native body steps through for `yield_from!`: the delegate's next
/// item, the resume argument that answered it, and at the end its return
/// value.
pub trait NativeFrom<Y, R> {
    /// What `yield_from!` evaluates to.
    type Return;

    /// The next item, or `None` once the delegate is done.
    fn step(&mut self) -> Option<Y>;

    /// The resume argument the last item's `yield_!` received.
    fn send(&mut self, arg: R);

    /// The delegate's return value (once `step` gave `None`).
    fn finish(self) -> Self::Return;
}

/// `yield_from!(iterable)` in a native body.
#[derive(Debug, Clone)]
pub struct FromIter<I, R>(I, PhantomData<fn(R)>);

impl<I: Iterator, R> NativeFrom<I::Item, R> for FromIter<I, R> {
    type Return = ();

    #[inline]
    fn step(&mut self) -> Option<I::Item> {
        self.0.next()
    }

    /// Dropped: an iterator takes no resume arguments.
    #[inline]
    fn send(&mut self, _: R) {}

    #[inline]
    fn finish(self) {}
}

/// `yield_from!(coroutine)` in a native body.
#[derive(Debug, Clone)]
pub struct FromCoroutine<C, R, T> {
    state: FromState<C, T>,
    /// The argument of the next resume: the first, then what each of the
    /// delegate's yields received.
    arg: Option<R>,
}

#[derive(Debug, Clone)]
enum FromState<C, T> {
    Running(C),
    Returned(T),
    Taken,
}

impl<C, R, T> NativeFrom<C::Yield, R> for FromCoroutine<C, R, T>
where
    C: Coroutine<R, Return = T> + Unpin,
{
    type Return = T;

    #[inline]
    fn step(&mut self) -> Option<C::Yield> {
        let FromState::Running(coroutine) = &mut self.state else {
            return None;
        };
        let Some(arg) = self.arg.take() else {
            resumed_without_argument()
        };
        match core::pin::Pin::new(coroutine).resume(arg) {
            CoroutineState::Yielded(value) => Some(value),
            CoroutineState::Complete(value) => {
                self.state = FromState::Returned(value);
                None
            }
        }
    }

    #[inline]
    fn send(&mut self, arg: R) {
        self.arg = Some(arg);
    }

    #[inline]
    fn finish(mut self) -> T {
        match core::mem::replace(&mut self.state, FromState::Taken) {
            FromState::Returned(value) => value,
            FromState::Running(_) | FromState::Taken => resumed_without_argument(),
        }
    }
}
/// Where the delegate of a native `yield_from!` waits, for the `Debug` of
/// the generator that delegates: `LocateFrom(&from).__coro_locate()`, known
/// for a coroutine (each of coro's says) and for an iterator whose type shows
/// [`Generator`](crate::Generator); `None` for any other.
///
/// ```
/// use coro::__private::{LocateFrom, native_delegate};
///
/// let from = (0..3).map(|i| i * 2);
/// assert_eq!(LocateFrom(&from).__coro_locate(), None);
/// # let _ = native_delegate::<u32, (), _>(0..1);
/// ```
pub struct LocateFrom<'a, F>(pub &'a F);

/// The last rung of [`LocateFrom`]: a delegate that does not say.
#[derive(Debug, Clone, Copy)]
pub struct LocateNothing;

impl<F> Deref for LocateFrom<'_, F> {
    type Target = LocateNothing;
    #[inline]
    fn deref(&self) -> &LocateNothing {
        &LocateNothing
    }
}

impl<F> fmt::Debug for LocateFrom<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocateFrom").finish_non_exhaustive()
    }
}

impl<I: Iterator + crate::Generator, R> LocateFrom<'_, FromIter<I, R>> {
    /// Where the iterator, one of coro's generators, waits.
    #[inline]
    pub fn __coro_locate(&self) -> Option<&'static str> {
        self.0.0.__locate().deepest_at()
    }
}

impl<C: Coroutine<R, Return = T>, R, T> LocateFrom<'_, FromCoroutine<C, R, T>> {
    /// Where the coroutine waits, if it is one of coro's.
    #[inline]
    pub fn __coro_locate(&self) -> Option<&'static str> {
        match &self.0.state {
            FromState::Running(coroutine) => coroutine.__locate_delegate().deepest_at(),
            FromState::Returned(_) | FromState::Taken => None,
        }
    }
}

impl LocateNothing {
    /// Nowhere known.
    #[inline]
    pub fn __coro_locate(&self) -> Option<&'static str> {
        None
    }
}

#[cold]
#[inline(never)]
fn resumed_without_argument() -> ! {
    unreachable!("a native `yield_from!` steps its delegate only after sending it an argument")
}

/// A mistaken `yield_from!` in a native body: never runs (the program did
/// not compile), and fits any generator.
#[derive(Debug, Clone, Copy)]
pub struct FromRejected<Y, O>(PhantomData<fn() -> (Y, O)>);

impl<Y, R, O> NativeFrom<Y, R> for FromRejected<Y, O> {
    type Return = O;

    fn step(&mut self) -> Option<Y> {
        None
    }

    fn send(&mut self, _: R) {}

    fn finish(self) -> O {
        unreachable!("`yield_from!` reported an error; this program never compiles")
    }
}

/// A coroutine a native body can hold by value and resume in place: one
/// that is `Unpin`.
#[diagnostic::on_unimplemented(
    message = "a generator coro builds natively cannot hold `{Self}` across its `yield_!`s: it is not `Unpin`",
    label = "not `Unpin`",
    note = "box it (`Box::pin(..)`), or write `#[generator(fallback)]` to use the async engine"
)]
pub trait HeldCoroutine: Unpin {}

impl<C: Unpin> HeldCoroutine for C {}

impl AsCoroutine {
    /// The coroutine, to be stepped by a native body.
    #[inline]
    pub fn __coro_native<C, R>(self, coroutine: C, first: R) -> FromCoroutine<C, R, C::Return>
    where
        C: Coroutine<R> + HeldCoroutine,
    {
        FromCoroutine {
            state: FromState::Running(coroutine),
            arg: Some(first),
        }
    }
}

impl AsIterator {
    /// The iterator, to be stepped by a native body.
    #[inline]
    pub fn __coro_native<I: Iterator, R>(self, iter: I, (): ()) -> FromIter<I, R> {
        FromIter(iter, PhantomData)
    }
}

/// The strategies that report a mistake share the native delegation to
/// [`Rejected`].
macro_rules! rejected_native {
    ($($strategy:ident),*) => {$(
        impl $strategy {
            /// Never runs: the program did not compile.
            #[inline]
            pub fn __coro_native<Y, O>(self, _: Rejected, (): ()) -> FromRejected<Y, O> {
                FromRejected(PhantomData)
            }
        }
    )*};
}

rejected_native!(WrongItems, WrongYield, NotDelegable);

/// What a native `yield_from!` prepared (`.0`), before it is known whether
/// it must be boxed to be held: derefs to the first link of a pick chain
/// like [`Delegate`]'s.
pub struct NativeHold<T, R>(pub T, PickUnpin<T, (), R>);

impl<T, R> NativeHold<T, R> {
    /// Holds `prepared` for the pick, in a generator resumed with `R`.
    #[inline]
    pub fn new<Y>(prepared: T, _: &NativeTypes<Y, R>) -> Self {
        NativeHold(prepared, PickUnpin(PhantomData))
    }
}

impl<T, R> fmt::Debug for NativeHold<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NativeHold").finish_non_exhaustive()
    }
}

impl<T, R> Deref for NativeHold<T, R> {
    type Target = PickUnpin<T, (), R>;
    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.1
    }
}

chain! {
    /// Picks [`HoldInline`] for what is `Unpin`.
    PickUnpin -> PickBoxed;
    /// Picks [`HoldBoxed`] for a coroutine that is not (with `alloc`).
    PickBoxed -> PickAny;
    /// Picks [`HoldInline`] for anything else (an iterator need not be
    /// pinned; a coroutine that is not `Unpin` is then refused, at
    /// [`AsCoroutine::__coro_native`]).
    PickAny;
}

impl<T: Unpin, R> PickUnpin<T, (), R> {
    /// The way to hold this.
    #[inline]
    pub fn __coro_pick_hold(&self) -> HoldInline {
        HoldInline
    }
}

#[cfg(feature = "alloc")]
impl<T: Coroutine<R>, R> PickBoxed<T, (), R> {
    /// The way to hold this.
    #[inline]
    pub fn __coro_pick_hold(&self) -> HoldBoxed {
        HoldBoxed
    }
}

impl<T, R> PickAny<T, (), R> {
    /// The way to hold this.
    #[inline]
    pub fn __coro_pick_hold(&self) -> HoldInline {
        HoldInline
    }
}

/// Holds the delegate as it is.
#[derive(Debug, Clone, Copy)]
pub struct HoldInline;

impl HoldInline {
    /// `value` itself.
    #[inline]
    pub fn hold<T>(self, value: T) -> T {
        value
    }
}

/// Holds a coroutine that is not `Unpin` in a box, where it stays pinned.
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, Copy)]
pub struct HoldBoxed;

#[cfg(feature = "alloc")]
impl HoldBoxed {
    /// `coroutine`, pinned in a box.
    #[inline]
    pub fn hold<T>(self, coroutine: T) -> core::pin::Pin<alloc::boxed::Box<T>> {
        alloc::boxed::Box::pin(coroutine)
    }
}

// ---------------------------------------------------------------------------
// Async generators: the pick chain.

/// What an async generator's `yield_from!` was given (`.0`); derefs to the
/// first link of the pick chain (module docs).
pub struct DelegateStream<S, Y>(pub S, PickStream<S, Y, ()>);

chain! {
    /// Picks [`AsStream`] for a `Stream<Item = Y>`.
    PickStream -> PickStreamCoroutine;
    /// Picks [`AsAsyncCoroutine`] for an `AsyncCoroutine<(), Yield = Y>`
    /// (an [`until_err`](crate::until_err) of a stream, say), whose return
    /// value `yield_from!` evaluates to.
    PickStreamCoroutine -> PickOtherStream;
    /// Picks [`WrongStreamItems`] for a stream of another item type.
    PickOtherStream -> PickNoStream;
    /// Picks [`NotStream`] for anything else.
    PickNoStream;
}

impl<S, Y> fmt::Debug for DelegateStream<S, Y> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DelegateStream").finish_non_exhaustive()
    }
}

impl<S, Y> Deref for DelegateStream<S, Y> {
    type Target = PickStream<S, Y, ()>;
    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.1
    }
}

impl<S: Stream<Item = Y>, Y> PickStream<S, Y, ()> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsStream {
        AsStream
    }
}

impl<C: AsyncCoroutine<(), Yield = Y>, Y> PickStreamCoroutine<C, Y, ()> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsAsyncCoroutine {
        AsAsyncCoroutine
    }
}

impl<S: Stream, Y> PickOtherStream<S, Y, ()> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> WrongStreamItems {
        WrongStreamItems
    }
}

impl<S, Y> PickNoStream<S, Y, ()> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> NotStream {
        NotStream
    }
}

/// `yield_from!(stream)`: yields each item of a [`Stream`]; evaluates to
/// `()`.
#[derive(Debug, Clone, Copy)]
pub struct AsStream;

impl AsStream {
    /// The stream; a stream takes no first argument.
    #[inline]
    pub fn prepare<S: Stream<Item = Y>, Y>(self, _co: &Co<'_, Y, (), Async>, stream: S) -> (S, ()) {
        (stream, ())
    }

    /// Delegates: [`Co::yield_from_stream`], each item yielded at `at`.
    #[inline]
    pub fn yield_from<S: Stream<Item = Y>, Y>(
        self,
        co: &mut Co<'_, Y, (), Async>,
        stream: S,
        (): (),
        at: &'static &'static str,
    ) -> impl Future<Output = ()> {
        co.yield_from_stream_at(stream, at)
    }
}

/// `yield_from!(stream)` of a stream whose items are not the generator's
/// item type: reports it.
#[derive(Debug, Clone, Copy)]
pub struct WrongStreamItems;

impl WrongStreamItems {
    /// Reports that the items are not the generator's.
    #[inline]
    pub fn prepare<S, Y, R>(self, _co: &Co<'_, Y, R, Async>, _: S) -> (Rejected, ())
    where
        S: Stream,
        S::Item: SameStreamItem<Y>,
    {
        (Rejected, ())
    }

    /// `yield_from!(stream, first)` in an async coroutine: reports that
    /// only an async coroutine takes a first resume argument.
    #[inline]
    pub fn prepare_with<S, Y, R, F>(self, _co: &Co<'_, Y, R, Async>, _: S, _: F) -> (Rejected, ())
    where
        S: AsyncCoroutineOf<Y, R>,
    {
        (Rejected, ())
    }
}

/// `yield_from!(source)` in an async generator of something that is not a
/// stream: reports it.
#[derive(Debug, Clone, Copy)]
pub struct NotStream;

impl NotStream {
    /// Reports that the source is not a stream.
    #[inline]
    pub fn prepare<S, Y>(self, _co: &Co<'_, Y, (), Async>, _: S) -> (Rejected, ())
    where
        S: DelegableStream<Y>,
    {
        (Rejected, ())
    }
}

/// What an async generator can delegate to: a [`Stream`]. Only reached (and
/// then unmet) for a source that is not one, for its message.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` in an async generator takes a `Stream`, and `{Self}` is not a stream",
    label = "not a `Stream<Item = {Y}>`",
    note = "to yield the items of an iterator, loop over it: `for item in iterable {{ yield_!(item); }}`"
)]
pub trait DelegableStream<Y>: Stream {}

#[diagnostic::do_not_recommend]
impl<S: Stream, Y> DelegableStream<Y> for S {}

/// The items of the stream `yield_from!` was given are the generator's item
/// type.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` was given a stream of `{Self}`, but this generator yields `{Y}`",
    label = "expected a stream of `{Y}`"
)]
pub trait SameStreamItem<Y> {}

impl<Y> SameStreamItem<Y> for Y {}

// ---------------------------------------------------------------------------
// Async coroutines: the pick chain.

impl<Y, R> Co<'_, Y, R, Async> {
    /// What `yield_from!(source)` in an async coroutine was given, with the
    /// coroutine's yield and resume types; its `__coro_pick` method picks
    /// the strategy (module docs).
    #[doc(hidden)]
    #[inline]
    pub fn __coro_delegate_async<T>(&self, source: T) -> DelegateAsync<T, Y, R> {
        DelegateAsync(source, PickAsyncCoroutine(PhantomData))
    }
}

/// What an async coroutine's `yield_from!` was given (`.0`); derefs to the
/// first link of the pick chain (module docs).
pub struct DelegateAsync<T, Y, R>(pub T, PickAsyncCoroutine<T, Y, R>);

chain! {
    /// Picks [`AsAsyncCoroutine`] for an `AsyncCoroutine<R, Yield = Y>`.
    PickAsyncCoroutine -> PickCoroutineStream;
    /// Picks [`AsStreamOfCoroutine`] for a `Stream<Item = Y>`.
    PickCoroutineStream -> PickOtherAsyncCoroutine;
    /// Picks [`WrongAsyncYield`] for an `AsyncCoroutine<R>` of another yield
    /// type.
    PickOtherAsyncCoroutine -> PickOtherCoroutineStream;
    /// Picks [`WrongStreamItems`] for a stream of another item type.
    PickOtherCoroutineStream -> PickNothingAsync;
    /// Picks [`NotAsyncDelegable`] for anything else.
    PickNothingAsync;
}

impl<T, Y, R> fmt::Debug for DelegateAsync<T, Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DelegateAsync").finish_non_exhaustive()
    }
}

impl<T, Y, R> Deref for DelegateAsync<T, Y, R> {
    type Target = PickAsyncCoroutine<T, Y, R>;
    #[inline]
    fn deref(&self) -> &Self::Target {
        &self.1
    }
}

impl<C: AsyncCoroutine<R, Yield = Y>, Y, R> PickAsyncCoroutine<C, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsAsyncCoroutine {
        AsAsyncCoroutine
    }
}

impl<S: Stream<Item = Y>, Y, R> PickCoroutineStream<S, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> AsStreamOfCoroutine {
        AsStreamOfCoroutine
    }
}

impl<C: AsyncCoroutine<R>, Y, R> PickOtherAsyncCoroutine<C, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> WrongAsyncYield {
        WrongAsyncYield
    }
}

impl<S: Stream, Y, R> PickOtherCoroutineStream<S, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> WrongStreamItems {
        WrongStreamItems
    }
}

impl<T, Y, R> PickNothingAsync<T, Y, R> {
    /// The strategy for this source.
    #[inline]
    pub fn __coro_pick(&self) -> NotAsyncDelegable {
        NotAsyncDelegable
    }
}

/// `yield_from!(coroutine)` in an async coroutine, of an async coroutine:
/// forwards each resume argument to it and each of its yields out, awaiting
/// its steps with the caller's context; evaluates to its return value.
#[derive(Debug, Clone, Copy)]
pub struct AsAsyncCoroutine;

impl AsAsyncCoroutine {
    /// The coroutine and the argument it is started with when `yield_from!`
    /// is not given one: `R::default()`, as for a sync coroutine.
    #[inline]
    pub fn prepare<C, Y, R>(self, _co: &Co<'_, Y, R, Async>, coroutine: C) -> (C, R)
    where
        C: AsyncCoroutine<R, Yield = Y>,
        R: StartWithDefault,
    {
        (coroutine, R::default())
    }

    /// The coroutine and the argument it is started with:
    /// `yield_from!(coroutine, first)`.
    #[inline]
    pub fn prepare_with<C, Y, R>(self, _co: &Co<'_, Y, R, Async>, coroutine: C, first: R) -> (C, R)
    where
        C: AsyncCoroutine<R, Yield = Y>,
    {
        (coroutine, first)
    }

    /// Delegates: resumes the coroutine, first with `first` and then with
    /// each argument this coroutine is resumed with, yields what it yields,
    /// and evaluates to what it returns.
    ///
    /// ```
    /// use coro::{CoroutineState, aresume};
    /// use coro::__private::{AsAsyncCoroutine, async_coroutine};
    ///
    /// let inner = async_coroutine::<u32, u32, &str, _>(async move |mut co, first| {
    ///     let second = co.yield_(first * 10).await;
    ///     if second > 0 { "more" } else { "done" }
    /// });
    /// let mut outer = async_coroutine::<u32, u32, usize, _>(async move |mut co, first| {
    ///     AsAsyncCoroutine.yield_from(&mut co, inner, first, &"src/lib.rs:9:5").await.len()
    /// });
    /// # let fut = async {
    /// assert_eq!(aresume(&mut outer, 4).await, CoroutineState::Yielded(40));
    /// assert_eq!(aresume(&mut outer, 0).await, CoroutineState::Complete(4));
    /// # };
    /// # let mut fut = core::pin::pin!(fut);
    /// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    /// # assert!(fut.as_mut().poll(&mut cx).is_ready());
    /// ```
    pub async fn yield_from<C, Y, R>(
        self,
        co: &mut Co<'_, Y, R, Async>,
        coroutine: C,
        first: R,
        at: &'static &'static str,
    ) -> C::Return
    where
        C: AsyncCoroutine<R, Yield = Y>,
    {
        let mut coroutine = pin!(coroutine);
        let mut arg = first;
        loop {
            match aresume(&mut coroutine, arg).await {
                CoroutineState::Yielded(value) => arg = co.yield_at(at, value).await,
                CoroutineState::Complete(value) => return value,
            }
        }
    }
}

/// `yield_from!(stream)` in an async coroutine: yields each item of a
/// [`Stream`]; evaluates to `()`. A stream takes no arguments: those the
/// coroutine is resumed with while it yields the stream's items are dropped,
/// as a sync coroutine drops them while it yields an iterator's.
#[derive(Debug, Clone, Copy)]
pub struct AsStreamOfCoroutine;

impl AsStreamOfCoroutine {
    /// The stream; a stream takes no first argument.
    #[inline]
    pub fn prepare<S: Stream<Item = Y>, Y, R>(
        self,
        _co: &Co<'_, Y, R, Async>,
        stream: S,
    ) -> (S, ()) {
        (stream, ())
    }

    /// `yield_from!(stream, first)`: a mistake, a stream takes no resume
    /// argument (the bound is unmet, and says so; the program does not
    /// compile).
    #[inline]
    pub fn prepare_with<S, Y, R, F>(self, _co: &Co<'_, Y, R, Async>, stream: S, _: F) -> (S, ())
    where
        S: Stream<Item = Y> + AsyncCoroutineOf<Y, R>,
    {
        (stream, ())
    }

    /// Delegates: yields each item of the stream, awaiting it with the
    /// caller's context.
    ///
    /// ```
    /// use coro::{CoroutineState, aresume, stream, yield_};
    /// use coro::__private::{AsStreamOfCoroutine, async_coroutine};
    ///
    /// let mut c = async_coroutine::<u32, u32, u32, _>(async move |mut co, first| {
    ///     let items = stream! { yield_!(1); yield_!(2); };
    ///     AsStreamOfCoroutine.yield_from(&mut co, items, (), &"src/lib.rs:5:5").await;
    ///     co.yield_(first).await
    /// });
    /// # let fut = async {
    /// assert_eq!(aresume(&mut c, 7).await, CoroutineState::Yielded(1));
    /// assert_eq!(aresume(&mut c, 8).await, CoroutineState::Yielded(2));
    /// assert_eq!(aresume(&mut c, 9).await, CoroutineState::Yielded(7));
    /// assert_eq!(aresume(&mut c, 10).await, CoroutineState::Complete(10));
    /// # };
    /// # let mut fut = core::pin::pin!(fut);
    /// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    /// # assert!(fut.as_mut().poll(&mut cx).is_ready());
    /// ```
    pub async fn yield_from<S: Stream<Item = Y>, Y, R>(
        self,
        co: &mut Co<'_, Y, R, Async>,
        stream: S,
        (): (),
        at: &'static &'static str,
    ) {
        let mut stream = pin!(stream);
        while let Some(item) = poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
            drop(co.yield_at(at, item).await);
        }
    }
}

/// `yield_from!(coroutine)` in an async coroutine, of an async coroutine
/// whose yields are not this one's: reports it.
#[derive(Debug, Clone, Copy)]
pub struct WrongAsyncYield;

impl WrongAsyncYield {
    /// Reports that the coroutine's yields are not this one's.
    #[inline]
    pub fn prepare<C, Y, R>(self, _co: &Co<'_, Y, R, Async>, _: C) -> (Rejected, ())
    where
        C: AsyncCoroutine<R>,
        C::Yield: SameYield<Y>,
    {
        (Rejected, ())
    }

    /// As [`WrongAsyncYield::prepare`].
    #[inline]
    pub fn prepare_with<C, Y, R, F>(
        self,
        co: &Co<'_, Y, R, Async>,
        coroutine: C,
        _: F,
    ) -> (Rejected, ())
    where
        C: AsyncCoroutine<R>,
        C::Yield: SameYield<Y>,
    {
        self.prepare(co, coroutine)
    }
}

/// `yield_from!(source)` in an async coroutine, of something that is
/// neither a stream nor an async coroutine of its types: reports it.
#[derive(Debug, Clone, Copy)]
pub struct NotAsyncDelegable;

impl NotAsyncDelegable {
    /// Reports that the source cannot be delegated to.
    #[inline]
    pub fn prepare<T, Y, R>(self, _co: &Co<'_, Y, R, Async>, _: T) -> (Rejected, ())
    where
        T: DelegableAsync<Y, R>,
    {
        (Rejected, ())
    }

    /// Reports that the source is not an async coroutine to start with
    /// `first`.
    #[inline]
    pub fn prepare_with<T, Y, R, F>(self, _co: &Co<'_, Y, R, Async>, _: T, _: F) -> (Rejected, ())
    where
        T: AsyncCoroutineOf<Y, R>,
    {
        (Rejected, ())
    }
}

rejected!(WrongAsyncYield, NotAsyncDelegable);

/// What an async coroutine can delegate to besides an async coroutine: a
/// [`Stream`]. Only reached (and then unmet) for a source that is neither,
/// for its message.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` in an async coroutine cannot delegate to `{Self}`: it is neither a stream nor an async coroutine of this coroutine's types",
    label = "not a `Stream<Item = {Y}>` or an `AsyncCoroutine<{R}, Yield = {Y}>`",
    note = "to yield the items of an iterator or a sync coroutine, loop over it: `for item in iterable {{ yield_!(item); }}`"
)]
pub trait DelegableAsync<Y, R>: Stream {}

#[diagnostic::do_not_recommend]
impl<S: Stream, Y, R> DelegableAsync<Y, R> for S {}

/// What `yield_from!(coroutine, first)` in an async coroutine can start
/// with `first`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!(coroutine, first)` starts an async coroutine with `first`, and `{Self}` is not an async coroutine of this coroutine's types",
    label = "not an `AsyncCoroutine<{R}, Yield = {Y}>`",
    note = "only an async coroutine takes a first resume argument; for a stream, write `yield_from!(stream)`"
)]
pub trait AsyncCoroutineOf<Y, R> {}

#[diagnostic::do_not_recommend]
impl<C: AsyncCoroutine<R, Yield = Y>, Y, R> AsyncCoroutineOf<Y, R> for C {}
