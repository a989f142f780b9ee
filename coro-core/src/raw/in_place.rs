//! The strategies of `yield_from!` (`co.rs`) as the expansion in place calls
//! them, in a [`Delegating`] body: `yield_from_in_place`, an `unsafe fn` of
//! each, which the macros call only for a `yield_from!` in the body's own
//! syntax, awaited there (see `frame.rs`). Only [`AsCoroutine`]'s needs the
//! contract; the others are `unsafe` because the expansion calls the same
//! method whatever the strategy.

use core::future::{Future, Pending, pending};

use super::frame::Delegation;
use super::handle::Co;
use super::mode::Delegating;
use crate::Coroutine;
use crate::co::{
    AsCoroutine, AsIterator, NotDelegable, NotStream, Rejected, WrongItems, WrongStreamItems,
    WrongYield,
};

impl AsCoroutine {
    /// Delegates through a frame the driver runs from the top:
    /// [`Co::delegate_at`].
    ///
    /// # Safety
    ///
    /// As for [`Co::delegate`]: the future is awaited at once, in place, by
    /// the body `co` was given to.
    ///
    /// ```
    /// use coro::__private::{AsCoroutine, Delegating, iter};
    ///
    /// let it = iter::<Delegating, u8, (), _>(async move |mut co, ()| {
    ///     let inner = coro::coroutine!(|| { coro::yield_!(1u8); 'r' });
    ///     // SAFETY: awaited here, by the body itself.
    ///     let r = unsafe { AsCoroutine.yield_from_in_place(&mut co, inner, (), &"src/lib.rs:5:22") }.await;
    ///     assert_eq!(r, 'r');
    /// });
    /// assert_eq!(it.collect::<Vec<_>>(), [1]);
    /// ```
    #[inline]
    pub unsafe fn yield_from_in_place<'co, C, Y, R>(
        self,
        co: &'co mut Co<'_, Y, R, Delegating>,
        coroutine: C,
        first: R,
        at: &'static &'static str,
    ) -> Delegation<'co, C, Y, R>
    where
        C: Coroutine<R, Yield = Y>,
    {
        // SAFETY: the caller's contract is `delegate`'s.
        unsafe { co.delegate_at(coroutine, first, Some(at)) }
    }
}

impl AsIterator {
    /// [`AsIterator::yield_from`]: an iterator needs no frame.
    ///
    /// # Safety
    ///
    /// None needed.
    #[inline]
    pub unsafe fn yield_from_in_place<I: Iterator<Item = Y>, Y, R>(
        self,
        co: &mut Co<'_, Y, R, Delegating>,
        iter: I,
        (): (),
        at: &'static &'static str,
    ) -> impl Future<Output = ()> {
        self.yield_from(co, iter, (), at)
    }
}

/// The strategies that report a mistake.
macro_rules! rejected {
    ($($strategy:ident),*) => {$(
        impl $strategy {
            /// Never runs: the program did not compile.
            ///
            /// # Safety
            ///
            /// None needed.
            #[inline]
            pub unsafe fn yield_from_in_place<Y, R, O>(
                self,
                _: &mut Co<'_, Y, R, Delegating>,
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
