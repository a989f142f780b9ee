//! The generator protocol: [`Generator`] (`status`, `close`) and [`Status`].

use core::fmt;
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
/// A `#[generator]` fn shows it with `+ Debug` on its return type. An async
/// generator waiting at an `.await` shows no location.
///
/// While it delegates, `at` is its `yield_from!` (as Python's frame of a
/// generator in `yield from` is), and `innermost` is the `yield_!` the
/// innermost delegate waits at, however deep:
/// `Generator { status: Suspended, at: "src/lib.rs:9:5", innermost: "src/lib.rs:3:5", .. }`.
/// `innermost` is left out where coro cannot see the delegate: behind an
/// adaptor (`.filter(..)`) or in a hand-written iterator, and on the async
/// engine for a delegate whose items the body re-yields one by one instead
/// of running it through a frame (a [`BoxIter`], a stream, the delegate of
/// an async coroutine), where knowing it would cost a store on every item.
/// On the native engine, a body with a `yield_from!` keeps the place in a
/// field it writes on each delegated item (one store, none for its own
/// `yield_!`s); on the async engine `Debug` reads it from the frames.
///
/// ```
/// use coro::{generator, yield_, yield_from};
///
/// #[generator]
/// fn inner() -> impl Iterator<Item = u32> {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// #[generator]
/// fn outer() -> impl Iterator<Item = u32> + std::fmt::Debug {
///     yield_from!(inner());
/// }
///
/// let mut g = outer();
/// assert_eq!(g.next(), Some(1));
/// let shown = format!("{g:?}");
/// // `at` is outer's `yield_from!`; `innermost` inner's first `yield_!`, six
/// // lines above it (in the doctest's own file).
/// let line = |field: &str| -> u32 {
///     let start = shown.find(&format!("{field}: \"")).unwrap() + field.len() + 3;
///     let place: Vec<&str> = shown[start..].split(['"', ':']).take(3).collect();
///     place[1].parse().unwrap()
/// };
/// assert_eq!(line("innermost"), line("at") - 6, "{shown}");
/// ```
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

    /// Not public API: where it is suspended, for `Debug` (its own and its
    /// delegates').
    #[doc(hidden)]
    #[inline]
    fn __locate(&self) -> Locate {
        Locate::NOWHERE
    }
}

/// Not public API: where a suspended generator waits, in the user's source
/// (`file:line:column`), for `Debug`.
///
/// ```
/// use coro::__private::Locate;
///
/// let at = Locate { at: Some("src/lib.rs:4:9"), innermost: Some("src/lib.rs:12:5") };
/// assert_eq!(at.deepest(), Some("src/lib.rs:12:5"));
/// assert_eq!(Locate::NOWHERE.deepest(), None);
/// ```
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locate {
    /// The generator's own `yield_!`, or the `yield_from!` it delegates from.
    pub at: Option<&'static str>,
    /// While it delegates: the `yield_!` the innermost delegate waits at,
    /// when the delegate's type lets coro see it.
    pub innermost: Option<&'static str>,
}

impl Locate {
    /// Nowhere known: not suspended, or not a generator coro built.
    pub const NOWHERE: Locate = Locate {
        at: None,
        innermost: None,
    };

    /// Where the code that will run next waits: the innermost delegate's
    /// yield if known, else the generator's own.
    #[inline]
    #[must_use]
    pub fn deepest(self) -> Option<&'static str> {
        self.deepest_at()
    }

    /// [`deepest`](Locate::deepest), as it is kept.
    #[inline]
    #[must_use]
    pub fn deepest_at(self) -> Option<&'static str> {
        self.innermost.or(self.at)
    }

    /// The same place seen from a generator that delegates to this one from
    /// `at`.
    #[inline]
    #[must_use]
    pub fn below(self, at: Option<&'static str>) -> Locate {
        Locate {
            at,
            innermost: self.innermost.or(self.at),
        }
    }
}

/// Every generator's `Debug`: `Name { status: .., at: "file:line:col",
/// innermost: "file:line:col", .. }`, the locations only where known.
pub(crate) fn debug_generator(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    status: Status,
    at: Locate,
) -> fmt::Result {
    let mut out = f.debug_struct(name);
    out.field("status", &status);
    if status == Status::Suspended {
        if let Some(at) = at.at {
            out.field("at", &at);
        }
        if let Some(innermost) = at.innermost {
            out.field("innermost", &innermost);
        }
    }
    out.finish_non_exhaustive()
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
    fn __locate(&self) -> Locate {
        (**self).__locate()
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
    fn __locate(&self) -> Locate {
        (**self).__locate()
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
    fn __locate(&self) -> Locate {
        (**self).__locate()
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Pin::new(&mut **Pin::get_mut(self)).close();
    }
}
