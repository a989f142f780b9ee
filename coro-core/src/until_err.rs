//! [`until_err`]: `yield_from!` of fallible items that stops at the first
//! error and hands it to `?`, as Python's `yield from` lets an exception
//! raised in the inner generator propagate out of the outer one.

use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::Stream;

use crate::raw::{aresumed_after_completion, resumed_after_completion};
use crate::{AsyncCoroutine, Coroutine, CoroutineState};

/// Delegates to fallible items until the first error: what
/// `yield_from!(until_err(inner))?` delegates to.
///
/// `yield_from!(inner)` of an iterator of `Result`s yields every item,
/// errors included, and goes on after them: an error in the inner
/// generator does not end the outer one. Wrapped in `until_err`, the inner
/// iterator's `Ok` items are yielded as they are; at its first `Err` the
/// delegation stops (the inner iterator is not asked for more) and
/// `yield_from!` evaluates to that `Err`. Its `?` then does what `?` does
/// anywhere in the generator's body: in a generator of `Result` items it
/// yields the error (converted with `From`) and ends; in a coroutine whose
/// return type is a `Result`, it returns it. When the inner iterator ends
/// without an error, `yield_from!` evaluates to `Ok(())`.
///
/// `source` is an iterator (call `.into_iter()` on a collection) or, in an
/// async generator or async coroutine, a [`Stream`] that is [`Unpin`] (pin
/// one that is not: `until_err(core::pin::pin!(stream))`, or
/// `Box::pin(stream)`).
///
/// The items it yields have the inner error type `E`: that is, the outer
/// generator's items must be `Result<T, E>` too (map the inner errors
/// first, `inner.map(|r| r.map_err(Into::into))`, when they differ). Only
/// the error that stops it goes through `?`'s `From` conversion.
///
/// It is an adaptor, not a delegation through the inner generator's frame:
/// each item costs one call through it, at each level that wraps its
/// delegate in `until_err`. Resume arguments sent to a coroutine while it
/// yields the items are dropped, as for any iterator it delegates to.
///
/// # Examples
///
/// A lexer of several inputs stops at the first bad token of any of them:
///
/// ```
/// use coro::{generator, until_err, yield_, yield_from};
///
/// #[generator]
/// fn numbers(text: &'static str) -> impl Iterator<Item = Result<u32, String>> {
///     for word in text.split_whitespace() {
///         yield_!(word.parse::<u32>().map_err(|_| format!("not a number: {word:?}")));
///     }
/// }
///
/// #[generator]
/// fn all_numbers(texts: Vec<&'static str>) -> impl Iterator<Item = Result<u32, String>> {
///     for text in texts {
///         yield_from!(until_err(numbers(text)))?;
///     }
/// }
///
/// let lexed: Vec<_> = all_numbers(vec!["1 2", "x 3", "4"]).collect();
/// assert_eq!(lexed, [Ok(1), Ok(2), Err("not a number: \"x\"".to_string())]);
///
/// // Without `until_err`, the error is one item among the others.
/// #[generator]
/// fn every_item(texts: Vec<&'static str>) -> impl Iterator<Item = Result<u32, String>> {
///     for text in texts {
///         yield_from!(numbers(text));
///     }
/// }
/// assert_eq!(every_item(vec!["1 2", "x 3", "4"]).count(), 5);
/// ```
///
/// In a coroutine whose return type is a `Result`, `?` returns the error:
///
/// ```
/// use coro::{Coroutine, CoroutineState, generator, until_err, yield_from};
///
/// #[generator]
/// fn total(items: Vec<Result<u32, String>>) -> impl Coroutine<Yield = Result<u32, String>, Return = Result<u32, String>> {
///     yield_from!(until_err(items.into_iter()))?;
///     Ok(42)
/// }
///
/// let mut c = Box::pin(total(vec![Ok(1), Err("bad".to_string()), Ok(2)]));
/// assert_eq!(c.as_mut().resume(()), CoroutineState::Yielded(Ok(1)));
/// assert_eq!(c.as_mut().resume(()), CoroutineState::Complete(Err("bad".to_string())));
/// ```
#[must_use = "`until_err` does nothing unless delegated to: `yield_from!(until_err(inner))?`"]
pub fn until_err<S>(source: S) -> UntilErr<S> {
    UntilErr {
        source,
        done: false,
        stepping: false,
    }
}

/// What [`until_err`] returns: a [`Coroutine`] (for an iterator) or an
/// [`AsyncCoroutine`] (for a stream) that yields the `Ok` items of its
/// source and returns `Err` at the first error, or `Ok(())` at the end.
///
/// It is a coroutine rather than an iterator so that `yield_from!` can
/// evaluate to how it ended. Resumed after it completed, it panics, as
/// every coroutine coro builds does.
///
/// ```
/// use coro::{Coroutine, CoroutineState};
///
/// let mut c = coro::until_err([Ok(1), Err('x'), Ok(2)].into_iter());
/// assert_eq!(core::pin::Pin::new(&mut c).resume(()), CoroutineState::Yielded(Ok(1)));
/// assert_eq!(core::pin::Pin::new(&mut c).resume(()), CoroutineState::Complete(Err('x')));
/// ```
#[derive(Debug, Clone)]
#[must_use = "`until_err` does nothing unless delegated to: `yield_from!(until_err(inner))?`"]
pub struct UntilErr<S> {
    source: S,
    done: bool,
    // An async step has started and has not ended (its stream was pending).
    stepping: bool,
}

// Never pinned structurally: `source` is only reached through `&mut`, which
// the iterator needs, and which the stream impl gets for an `Unpin` stream
// only.
impl<S> Unpin for UntilErr<S> {}

impl<S> UntilErr<S> {
    /// One step of the source's output: yields an `Ok`, completes at an
    /// `Err` or the end.
    #[inline]
    fn step<T, E>(
        &mut self,
        item: Option<Result<T, E>>,
    ) -> CoroutineState<Result<T, E>, Result<(), E>> {
        match item {
            Some(Ok(value)) => CoroutineState::Yielded(Ok(value)),
            Some(Err(error)) => {
                self.done = true;
                CoroutineState::Complete(Err(error))
            }
            None => {
                self.done = true;
                CoroutineState::Complete(Ok(()))
            }
        }
    }
}

impl<I, T, E, R> Coroutine<R> for UntilErr<I>
where
    I: Iterator<Item = Result<T, E>>,
{
    type Yield = Result<T, E>;
    type Return = Result<(), E>;

    #[inline]
    fn resume(self: Pin<&mut Self>, _: R) -> CoroutineState<Result<T, E>, Result<(), E>> {
        let this = self.get_mut();
        if this.done {
            resumed_after_completion();
        }
        let item = this.source.next();
        this.step(item)
    }
}

// Not offered in messages about other types that are not async coroutines.
#[diagnostic::do_not_recommend]
impl<S, T, E, R> AsyncCoroutine<R> for UntilErr<S>
where
    S: Stream<Item = Result<T, E>> + Unpin,
{
    type Yield = Result<T, E>;
    type Return = Result<(), E>;

    #[inline]
    fn poll_resume(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        arg: &mut Option<R>,
    ) -> Poll<CoroutineState<Result<T, E>, Result<(), E>>> {
        let this = self.get_mut();
        if this.done {
            aresumed_after_completion();
        }
        if !this.stepping {
            // A step starts. A stream takes no arguments: it drops its own.
            arg.take();
            this.stepping = true;
        }
        match Pin::new(&mut this.source).poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(item) => {
                this.stepping = false;
                Poll::Ready(this.step(item))
            }
        }
    }
}
