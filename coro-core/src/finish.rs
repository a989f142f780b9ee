//! How the end of a generator body becomes the end of an iterator or stream:
//! a plain body ends it; a body whose items are `Result`s may end with an
//! error, which becomes the last item (the `?` operator's job).

/// The output of a generator body, turned into its last item (if any).
///
/// `()` ends the generator with no further item. `Result<(), E>` is the output
/// of a body that uses `?`: an `Err` becomes the last item.
///
/// ```
/// use coro::__private::Finish;
///
/// assert_eq!(Finish::<u32>::finish(()), None);
/// let end: Result<(), &str> = Err("bad");
/// assert_eq!(Finish::<Result<u32, &str>>::finish(end), Some(Err("bad")));
/// ```
#[diagnostic::on_unimplemented(
    message = "a generator body must end with `()`, found `{Self}`",
    label = "the body of an `Iterator` or `Stream` generator cannot return a value"
)]
pub trait Finish<Y> {
    /// The last item the output produces.
    fn finish(self) -> Option<Y>;
}

impl<Y> Finish<Y> for () {
    #[inline]
    fn finish(self) -> Option<Y> {
        None
    }
}

impl<Y: TryItem> Finish<Y> for Result<(), Y::Error> {
    #[inline]
    fn finish(self) -> Option<Y> {
        self.err().map(Y::from_error)
    }
}

/// An item type that can carry an error: what `?` needs of a generator's
/// `Item`. Implemented for every `Result<T, E>` (whatever alias names it, as
/// `io::Result<T>` does), which is how the generator learns the error type it
/// cannot see in the signature.
///
/// ```
/// use coro::__private::TryItem;
///
/// let item: std::io::Result<u8> = TryItem::from_error(std::io::ErrorKind::Other.into());
/// assert!(item.is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "`?` in a generator needs its item type to be a `Result`, found `{Self}`",
    label = "the item type of this generator is not a `Result`"
)]
pub trait TryItem {
    /// The error type (`E` of `Result<T, E>`).
    type Error;

    /// The item that carries `error`.
    fn from_error(error: Self::Error) -> Self;
}

impl<T, E> TryItem for Result<T, E> {
    type Error = E;

    #[inline]
    fn from_error(error: E) -> Self {
        Err(error)
    }
}
