//! What the body of a generator can do with its handle besides `yield_`:
//! delegate to another iterator, stream or coroutine (`yield_from!`).

use core::fmt;
use core::future::{Future, poll_fn};
use core::pin::pin;

use futures_core::Stream;

use crate::raw::Co;
use crate::{Coroutine, CoroutineState};

impl<Y> Co<'_, Y> {
    /// Yields every item of `stream`, awaiting it with the caller's context:
    /// what `yield_from!(stream)` becomes in an async generator.
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
}

/// What a sync generator's `yield_from!` was given, before it is known
/// whether it is a coroutine or an iterator.
///
/// The expansion calls `(&&source).__coro_pick(&co)`: method resolution
/// tries [`PickCoroutine`], implemented for `&Delegate<C: Coroutine>`, before
/// [`PickIterator`], implemented for every `Delegate<T>`, so a coroutine is
/// delegated to as a coroutine even when it is an iterator too. The picked
/// strategy then checks the source and makes the first resume argument
/// (`.prepare(&co, source)`, a plain function, so that a mistake is reported
/// once) before the delegation (`.yield_from(&mut co, source, first)`).
pub struct Delegate<T>(pub T);

impl<T> fmt::Debug for Delegate<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delegate").finish_non_exhaustive()
    }
}

/// Picks [`AsCoroutine`] for a source that is a coroutine of the generator's
/// yield and resume types.
pub trait PickCoroutine<Y, R> {
    /// The strategy for this source.
    fn __coro_pick(&self, _co: &Co<'_, Y, R>) -> AsCoroutine {
        AsCoroutine
    }
}

impl<C: Coroutine<R, Yield = Y>, Y, R> PickCoroutine<Y, R> for &Delegate<C> {}

/// Picks [`AsIterator`] for any other source.
pub trait PickIterator<Y, R> {
    /// The strategy for this source.
    fn __coro_pick(&self, _co: &Co<'_, Y, R>) -> AsIterator {
        AsIterator
    }
}

impl<T, Y, R> PickIterator<Y, R> for Delegate<T> {}

/// `yield_from!(coroutine)`: forwards each resume argument to the coroutine
/// and each of its yields out; evaluates to its return value.
#[derive(Debug, Clone, Copy)]
pub struct AsCoroutine;

impl AsCoroutine {
    /// The coroutine and the argument it is started with when `yield_from!`
    /// is not given one: `R::default()` (Python's `None`).
    ///
    /// ```
    /// # use coro::__private::{AsCoroutine, Delegate};
    /// # let _ = coro::__private::iter::<u8, (), _>(async move |co, ()| {
    /// let (coroutine, ()) = AsCoroutine.prepare(&co, Delegate(coro::coroutine!(|| {})));
    /// # drop(coroutine);
    /// # });
    /// ```
    #[inline]
    pub fn prepare<C, Y, R>(self, _co: &Co<'_, Y, R>, source: Delegate<C>) -> (C, R)
    where
        C: Coroutine<R, Yield = Y>,
        R: StartWithDefault,
    {
        (source.0, R::default())
    }

    /// Delegates, starting the coroutine with `first`.
    ///
    /// ```
    /// # use coro::__private::AsCoroutine;
    /// let it = coro::__private::iter::<u8, (), _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     let r = AsCoroutine.yield_from(&mut co, inner, ()).await;
    ///     assert_eq!(r, 'r');
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    pub fn yield_from<C, Y, R>(
        self,
        co: &mut Co<'_, Y, R>,
        coroutine: C,
        first: R,
    ) -> impl Future<Output = C::Return>
    where
        C: Coroutine<R, Yield = Y>,
    {
        delegate_to_coroutine(co, coroutine, first)
    }
}

async fn delegate_to_coroutine<Y, R, C: Coroutine<R, Yield = Y>>(
    co: &mut Co<'_, Y, R>,
    coroutine: C,
    first: R,
) -> C::Return {
    let mut coroutine = pin!(coroutine);
    let mut arg = first;
    loop {
        match coroutine.as_mut().resume(arg) {
            CoroutineState::Yielded(value) => arg = co.yield_(value).await,
            CoroutineState::Complete(value) => return value,
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
    /// # use coro::__private::{AsIterator, Delegate};
    /// # let _ = coro::__private::iter::<u8, (), _>(async move |co, ()| {
    /// let (iter, ()) = AsIterator.prepare(&co, Delegate(vec![1, 2]));
    /// # drop(iter);
    /// # });
    /// ```
    #[inline]
    pub fn prepare<T, Y, R>(
        self,
        _co: &Co<'_, Y, R>,
        source: Delegate<T>,
    ) -> (impl Iterator<Item = Y> + use<T, Y, R>, ())
    where
        T: Delegable,
        T::Item: SameItem<Y>,
    {
        (source.0.into_iter().map(SameItem::into_item), ())
    }

    /// Delegates. Resume arguments sent while the iterator's items are out
    /// are dropped (only coroutines take them).
    ///
    /// ```
    /// # use coro::__private::AsIterator;
    /// let it = coro::__private::iter::<u8, (), _>(async move |mut co, ()| {
    ///     AsIterator.yield_from(&mut co, [1, 2].into_iter(), ()).await;
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub async fn yield_from<I: Iterator<Item = Y>, Y, R>(
        self,
        co: &mut Co<'_, Y, R>,
        iter: I,
        (): (),
    ) {
        for item in iter {
            let _: R = co.yield_(item).await;
        }
    }
}

/// What a sync generator can `yield_from!` besides a coroutine: anything
/// [`IntoIterator`].
#[diagnostic::on_unimplemented(
    message = "`yield_from!` cannot yield from `{Self}`: it is neither an iterator nor a coroutine",
    label = "not an `IntoIterator` or a `Coroutine`",
    note = "in a sync generator, `yield_from!` takes an iterator (anything `IntoIterator`) or a coroutine of the same item type"
)]
pub trait Delegable: IntoIterator {}

impl<I: IntoIterator> Delegable for I {}

/// The items of what `yield_from!` was given are the generator's item type.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` was given an iterator of `{Self}`, but this generator yields `{Y}`",
    label = "expected an iterator of `{Y}`"
)]
pub trait SameItem<Y> {
    /// The item, as the generator's item type (it is that type).
    fn into_item(self) -> Y;
}

impl<Y> SameItem<Y> for Y {
    #[inline]
    fn into_item(self) -> Y {
        self
    }
}

/// The resume argument type of a coroutine that starts a sub-coroutine with
/// `yield_from!(sub)`, which resumes it first with `Default::default()`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!(coroutine)` starts the coroutine with `{Self}::default()`, and `{Self}` has no default",
    label = "the resume argument type has no `Default`",
    note = "pass the first resume argument yourself: `yield_from!(coroutine, first)`"
)]
pub trait StartWithDefault: Default {}

impl<R: Default> StartWithDefault for R {}
