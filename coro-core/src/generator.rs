//! The generator protocol: [`Generator`] (`status`, `close`) and [`Status`].

use core::ops::DerefMut;
use core::pin::Pin;

/// Where a generator is in its life: Python's `inspect.getgeneratorstate`.
///
/// ```
/// use coro::{Generator, Status, generator, yield_};
///
/// #[generator]
/// fn two() -> impl Iterator<Item = u32> + Generator {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// let mut g = two();
/// assert_eq!(g.status(), Status::Created);
/// assert_eq!(g.next(), Some(1));
/// assert_eq!(g.status(), Status::Suspended);
/// assert_eq!(g.by_ref().count(), 1);
/// assert_eq!(g.status(), Status::Closed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Not started: nothing has asked it for a value yet (`GEN_CREATED`).
    Created,
    /// Started and not finished: waiting at a `yield_!` (an async generator
    /// waiting at an `.await` is `Suspended` too) (`GEN_SUSPENDED`).
    Suspended,
    /// Its body returned, panicked, or was [closed](Generator::close)
    /// (`GEN_CLOSED`).
    Closed,
}

/// What every generator coro builds can say and do besides producing values:
/// where it is ([`status`](Self::status)), and to stop for good
/// ([`close`](Self::close)), Python's `inspect.getgeneratorstate(g)` and
/// `g.close()`.
///
/// Every generator's `Debug` shows its status and, while it is suspended at a
/// `yield_!`, where that is in the user's source (Python's
/// `gi_frame.f_lineno`): `Generator { status: Suspended, at: "src/lib.rs:7:9", .. }`.
/// A `#[generator]` fn shows it with `+ Debug` on its return type. While it
/// delegates, it is at its `yield_from!`, as Python's frame of a generator
/// in `yield from` is; the delegate's own `Debug` says where the delegate
/// is. (The delegating generator does not show that too: the delegate lives
/// in the generator's state, which `&self` cannot reach on the native engine
/// without a cost on every item.) An async generator waiting at an `.await`
/// shows no location.
///
/// Every `#[generator]` fn, `iter!`, `stream!` and `coroutine!` value
/// implements it, on both engines, boxed or not; a `#[generator]` fn shows it
/// to its callers with `+ Generator` on its return type. So do the boxed
/// forms [`BoxIter`], [`BoxCoroutine`], [`BoxAsyncCoroutine`] and their
/// `Local` forms (a `BoxCoroutine` holds a [`GeneratorCoroutine`], a
/// `BoxAsyncCoroutine` a [`GeneratorAsyncCoroutine`]). [`BoxStream`] and
/// [`LocalBoxStream`] do not: they are the `futures` crate's own aliases,
/// `Pin<Box<dyn Stream>>`, so that coro's boxed streams mix with everyone
/// else's, and that trait object holds any stream. An async generator that
/// must keep `status` and `close` returns `impl Stream<Item = T> + Generator`.
///
/// [`BoxIter`]: crate::BoxIter
/// [`BoxCoroutine`]: crate::BoxCoroutine
/// [`GeneratorCoroutine`]: crate::GeneratorCoroutine
/// [`BoxAsyncCoroutine`]: crate::BoxAsyncCoroutine
/// [`GeneratorAsyncCoroutine`]: crate::GeneratorAsyncCoroutine
/// [`BoxStream`]: crate::BoxStream
/// [`LocalBoxStream`]: crate::LocalBoxStream
///
/// ```
/// use std::{cell::RefCell, rc::Rc};
/// use core::pin::Pin;
/// use coro::{Generator, Status, generator, yield_};
///
/// struct Noisy(&'static str, Rc<RefCell<Vec<&'static str>>>);
/// impl Drop for Noisy {
///     fn drop(&mut self) {
///         self.1.borrow_mut().push(self.0);
///     }
/// }
///
/// #[generator]
/// fn lines(log: Rc<RefCell<Vec<&'static str>>>) -> impl Iterator<Item = u32> + Generator {
///     let _file = Noisy("file closed", log);
///     for n in 1.. {
///         yield_!(n);
///     }
/// }
///
/// let log = Rc::new(RefCell::new(Vec::new()));
/// let mut g = lines(log.clone());
/// assert_eq!(g.next(), Some(1));
/// Pin::new(&mut g).close(); // `_file` is dropped now
/// assert_eq!(*log.borrow(), ["file closed"]);
/// assert_eq!(g.status(), Status::Closed);
/// assert_eq!(g.next(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a generator coro built",
    label = "not built by `#[generator]`, `iter!`, `stream!` or `coroutine!`",
    note = "`Generator` (status, close) is implemented by coro's generators, their boxed forms but `BoxStream`, and pointers to them"
)]
pub trait Generator {
    /// Where the generator is: [`Created`](Status::Created) until the first
    /// `next` / `poll_next` / `resume`, [`Suspended`](Status::Suspended)
    /// between steps, [`Closed`](Status::Closed) once it returned, panicked
    /// or was closed.
    fn status(&self) -> Status;

    /// Stops the generator for good (Python's `close()`): drops every live
    /// local of its body now, the innermost delegated generator first,
    /// exactly once. A destructor that panics does not stop the others from
    /// running; the panic propagates from `close` once they have.
    ///
    /// Afterwards the generator is [`Closed`](Status::Closed): `next` gives
    /// `None`, `poll_next` `Ready(None)`, and `resume` panics as after
    /// completion. On a generator that is `Created` it drops what the body
    /// was given (its arguments, its captures); on one that is `Closed`, it
    /// does nothing.
    fn close(self: Pin<&mut Self>);
}

impl<P> Generator for Pin<P>
where
    P: DerefMut + Unpin,
    P::Target: Generator,
{
    #[inline]
    fn status(&self) -> Status {
        (**self).status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Pin::get_mut(self).as_mut().close();
    }
}

impl<G: Generator + Unpin + ?Sized> Generator for &mut G {
    #[inline]
    fn status(&self) -> Status {
        (**self).status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut **Pin::get_mut(self)).close();
    }
}

#[cfg(feature = "alloc")]
impl<G: Generator + Unpin + ?Sized> Generator for alloc::boxed::Box<G> {
    #[inline]
    fn status(&self) -> Status {
        (**self).status()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut **Pin::get_mut(self)).close();
    }
}
