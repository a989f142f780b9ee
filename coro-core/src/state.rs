//! [`CoroutineState`]: what one [`resume`](crate::Coroutine::resume) produced.

/// The result of resuming a [`Coroutine`](crate::Coroutine): it either
/// suspended at a `yield_!` with a value, or it ran to its end and returned.
///
/// The same shape as nightly `core::ops::CoroutineState`.
///
/// # Examples
///
/// ```
/// use coro::CoroutineState;
///
/// let step: CoroutineState<u32, &str> = CoroutineState::Yielded(1);
/// assert_eq!(step.yielded(), Some(1));
/// assert!(!step.is_complete());
///
/// let end: CoroutineState<u32, &str> = CoroutineState::Complete("done");
/// assert_eq!(end.complete(), Some("done"));
/// ```
#[must_use = "a coroutine's state says whether it yielded or completed"]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CoroutineState<Y, R> {
    /// The coroutine suspended at a `yield_!` with this value.
    Yielded(Y),
    /// The coroutine finished and returned this value.
    Complete(R),
}

impl<Y, R> CoroutineState<Y, R> {
    /// Whether the coroutine suspended with a value.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert!(CoroutineState::<u8, ()>::Yielded(3).is_yielded());
    /// ```
    #[inline]
    pub const fn is_yielded(&self) -> bool {
        matches!(self, Self::Yielded(_))
    }

    /// Whether the coroutine finished.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert!(CoroutineState::<u8, ()>::Complete(()).is_complete());
    /// ```
    #[inline]
    pub const fn is_complete(&self) -> bool {
        matches!(self, Self::Complete(_))
    }

    /// The yielded value, if the coroutine yielded.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert_eq!(CoroutineState::<u8, ()>::Yielded(3).yielded(), Some(3));
    /// assert_eq!(CoroutineState::<u8, ()>::Complete(()).yielded(), None);
    /// ```
    #[inline]
    pub fn yielded(self) -> Option<Y> {
        match self {
            Self::Yielded(y) => Some(y),
            Self::Complete(_) => None,
        }
    }

    /// The returned value, if the coroutine completed.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// assert_eq!(CoroutineState::<u8, &str>::Complete("end").complete(), Some("end"));
    /// ```
    #[inline]
    pub fn complete(self) -> Option<R> {
        match self {
            Self::Yielded(_) => None,
            Self::Complete(r) => Some(r),
        }
    }

    /// Borrows the values inside.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// let s = CoroutineState::<String, ()>::Yielded("x".to_owned());
    /// assert_eq!(s.as_ref(), CoroutineState::Yielded(&"x".to_owned()));
    /// ```
    #[inline]
    pub const fn as_ref(&self) -> CoroutineState<&Y, &R> {
        match self {
            Self::Yielded(y) => CoroutineState::Yielded(y),
            Self::Complete(r) => CoroutineState::Complete(r),
        }
    }

    /// Maps the yielded value, leaving a completed state as it is.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// let s = CoroutineState::<u8, ()>::Yielded(2).map_yielded(|y| y * 10);
    /// assert_eq!(s, CoroutineState::Yielded(20));
    /// ```
    #[inline]
    pub fn map_yielded<Z>(self, f: impl FnOnce(Y) -> Z) -> CoroutineState<Z, R> {
        match self {
            Self::Yielded(y) => CoroutineState::Yielded(f(y)),
            Self::Complete(r) => CoroutineState::Complete(r),
        }
    }

    /// Maps the returned value, leaving a yielded state as it is.
    ///
    /// ```
    /// use coro::CoroutineState;
    ///
    /// let s = CoroutineState::<(), u8>::Complete(2).map_complete(|r| r + 1);
    /// assert_eq!(s, CoroutineState::Complete(3));
    /// ```
    #[inline]
    pub fn map_complete<S>(self, f: impl FnOnce(R) -> S) -> CoroutineState<Y, S> {
        match self {
            Self::Yielded(y) => CoroutineState::Yielded(y),
            Self::Complete(r) => CoroutineState::Complete(f(r)),
        }
    }
}
