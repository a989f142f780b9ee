//! [`Yields`]: a coroutine's yields as an iterator, and its return value
//! after them.

use core::fmt;
use core::iter::FusedIterator;
use core::pin::Pin;

use crate::{Coroutine, CoroutineState};

/// Iterates over the values a [`Coroutine`] yields (resuming it with `()`),
/// and keeps the value it returns: Python's `for x in gen` followed by
/// `StopIteration.value`.
///
/// It takes any coroutine that can be resumed in place: a pinned reference
/// (`Pin<&mut C>`, from [`core::pin::pin!`]: nothing is allocated), a
/// `Pin<Box<C>>`, or an `Unpin` coroutine such as a boxed `#[generator]`.
///
/// # Examples
///
/// ```
/// use core::pin::pin;
/// use coro::{Coroutine, Yields, generator, yield_};
///
/// /// Yields the lines of `text`, returns how many were blank.
/// #[generator(unboxed)]
/// fn lines(text: &str) -> impl Coroutine<Yield = &str, Return = usize> + '_ {
///     let mut blank = 0;
///     for line in text.lines() {
///         if line.trim().is_empty() {
///             blank += 1;
///         } else {
///             yield_!(line);
///         }
///     }
///     blank
/// }
///
/// let coroutine = pin!(lines("a\n\nb\n \nc")); // on the stack: no allocation
/// let mut yields = Yields::new(coroutine);
/// assert_eq!(yields.by_ref().collect::<Vec<_>>(), ["a", "b", "c"]);
/// assert_eq!(yields.return_value(), Some(&2));
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Yields<C: Coroutine + Unpin> {
    coroutine: C,
    state: State<C::Return>,
}

enum State<T> {
    Running,
    Returned(T),
    /// The return value was taken, or the coroutine panicked: nothing more
    /// comes.
    Taken,
}

/// Ends a [`Yields`] whose coroutine panics, so that it stays fused (and
/// does not resume a finished coroutine, which would panic again).
struct EndOnUnwind<'s, T>(&'s mut State<T>);

impl<T> Drop for EndOnUnwind<'_, T> {
    fn drop(&mut self) {
        *self.0 = State::Taken;
    }
}

impl<C: Coroutine + Unpin> Yields<C> {
    /// Iterates over what `coroutine` yields from now on.
    ///
    /// ```
    /// use coro::{Coroutine, Yields, generator, yield_};
    ///
    /// #[generator]
    /// fn two() -> impl Coroutine<Yield = u8, Return = &'static str> {
    ///     yield_!(1);
    ///     yield_!(2);
    ///     "done"
    /// }
    ///
    /// let mut it = Yields::new(two()); // a boxed coroutine is `Unpin`
    /// assert_eq!(it.next(), Some(1));
    /// ```
    #[inline]
    pub const fn new(coroutine: C) -> Self {
        Yields {
            coroutine,
            state: State::Running,
        }
    }

    /// The value the coroutine returned, once it has (and until it is
    /// taken).
    ///
    /// ```
    /// use coro::{Coroutine, Yields, generator, yield_};
    ///
    /// #[generator]
    /// fn one() -> impl Coroutine<Yield = u8, Return = char> {
    ///     yield_!(1);
    ///     'z'
    /// }
    ///
    /// let mut it = Yields::new(one());
    /// assert_eq!(it.next(), Some(1));
    /// assert_eq!(it.return_value(), None); // not finished yet
    /// assert_eq!(it.next(), None);
    /// assert_eq!(it.return_value(), Some(&'z'));
    /// ```
    #[inline]
    pub const fn return_value(&self) -> Option<&C::Return> {
        match &self.state {
            State::Returned(value) => Some(value),
            State::Running | State::Taken => None,
        }
    }

    /// Takes the value the coroutine returned, if it has returned and the
    /// value was not taken before.
    ///
    /// ```
    /// use coro::{Coroutine, Yields, generator, yield_};
    ///
    /// #[generator]
    /// fn count(n: u32) -> impl Coroutine<Yield = u32, Return = String> {
    ///     for i in 0..n {
    ///         yield_!(i);
    ///     }
    ///     format!("counted {n}")
    /// }
    ///
    /// let mut it = Yields::new(count(3));
    /// assert_eq!(it.by_ref().sum::<u32>(), 3);
    /// assert_eq!(it.take_return_value().as_deref(), Some("counted 3"));
    /// assert_eq!(it.take_return_value(), None);
    /// ```
    #[inline]
    pub fn take_return_value(&mut self) -> Option<C::Return> {
        match core::mem::replace(&mut self.state, State::Taken) {
            State::Returned(value) => Some(value),
            State::Running => {
                self.state = State::Running;
                None
            }
            State::Taken => None,
        }
    }

    /// The coroutine, handed back (for example to resume it with something
    /// other than `()`).
    ///
    /// ```
    /// use coro::{Coroutine, Yields, generator, yield_};
    ///
    /// #[generator]
    /// fn forever() -> impl Coroutine<Yield = u8> {
    ///     loop {
    ///         yield_!(0);
    ///     }
    /// }
    ///
    /// let mut it = Yields::new(forever());
    /// it.next();
    /// let _coroutine = it.into_inner();
    /// ```
    #[inline]
    pub fn into_inner(self) -> C {
        self.coroutine
    }
}

impl<C: Coroutine + Unpin> Iterator for Yields<C> {
    type Item = C::Yield;

    #[inline]
    fn next(&mut self) -> Option<C::Yield> {
        if !matches!(self.state, State::Running) {
            return None;
        }
        let guard = EndOnUnwind(&mut self.state);
        let step = Pin::new(&mut self.coroutine).resume(());
        core::mem::forget(guard);
        match step {
            CoroutineState::Yielded(value) => Some(value),
            CoroutineState::Complete(value) => {
                self.state = State::Returned(value);
                None
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            State::Running => (0, None),
            State::Returned(_) | State::Taken => (0, Some(0)),
        }
    }
}

impl<C: Coroutine + Unpin> FusedIterator for Yields<C> {}

impl<C: Coroutine + Unpin> fmt::Debug for Yields<C>
where
    C::Return: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Yields");
        match &self.state {
            State::Running => s.field("state", &"running"),
            State::Returned(value) => s.field("returned", value),
            State::Taken => s.field("state", &"returned (taken)"),
        };
        s.finish_non_exhaustive()
    }
}
