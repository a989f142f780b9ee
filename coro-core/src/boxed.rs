//! Generators behind types the user can name: for struct fields, trait
//! methods, recursion, and collections of different generators.
//!
//! A `#[generator]` fn that returns one of these types is boxed once, as the
//! default `impl Iterator` / `impl Stream` / `impl Coroutine` forms are; the
//! box simply holds the state machine as a trait object.

use alloc::boxed::Box;
use core::fmt;
use core::future::Future;
use core::iter::{Fuse, FusedIterator};
use core::pin::Pin;

use futures_core::Stream;

use crate::finish::Finish;
use crate::generator::{Locate, debug_generator};
use crate::iter::step_sync;
use crate::raw::{Co, RawGen, Step, SyncMode};
use crate::{AsyncCoroutine, Coroutine, Generator, Status};

/// A sync generator, boxed and type-erased, that can be sent to another
/// thread: an [`Iterator`] whose type names only its item and lifetime.
///
/// Return it from a `#[generator]` fn to get a type you can write in a
/// struct field or a trait, or to recurse: the box is the generator's only
/// allocation, as on the default path. The body must be `Send` (a body that
/// holds an `Rc` across a `yield_!` is a compile error); use
/// [`LocalBoxIter`] for one that is not.
///
/// ```
/// use coro::{BoxIter, generator, yield_, yield_from};
///
/// struct Node {
///     value: u32,
///     children: Vec<Node>,
/// }
///
/// /// Pre-order walk: recursion needs a type that names itself.
/// #[generator]
/// fn walk(node: &Node) -> BoxIter<'_, u32> {
///     yield_!(node.value);
///     for child in &node.children {
///         yield_from!(walk(child));
///     }
/// }
///
/// /// A generator in a struct field.
/// struct Walker<'t> {
///     values: BoxIter<'t, u32>,
/// }
///
/// let tree = Node {
///     value: 1,
///     children: vec![
///         Node { value: 2, children: vec![] },
///         Node { value: 3, children: vec![Node { value: 4, children: vec![] }] },
///     ],
/// };
/// let walker = Walker { values: walk(&tree) };
/// assert_eq!(walker.values.collect::<Vec<_>>(), [1, 2, 3, 4]);
/// ```
#[must_use = "a generator does nothing unless iterated"]
pub struct BoxIter<'a, T> {
    raw: Pin<Box<dyn ErasedIter<T> + Send + 'a>>,
}

/// A sync generator, boxed and type-erased, that may hold values that cannot
/// go to another thread (`Rc`, `RefCell` borrows): [`BoxIter`] without
/// `Send`.
///
/// ```
/// use std::rc::Rc;
/// use coro::{LocalBoxIter, generator, yield_};
///
/// #[generator]
/// fn shared(values: Rc<Vec<u32>>) -> LocalBoxIter<'static, u32> {
///     for v in values.iter() {
///         yield_!(*v);
///     }
/// }
///
/// let values = Rc::new(vec![1, 2, 3]);
/// let mut gens: Vec<LocalBoxIter<'static, u32>> = vec![shared(values.clone()), shared(values)];
/// assert_eq!(gens.iter_mut().flatten().sum::<u32>(), 12);
/// ```
#[must_use = "a generator does nothing unless iterated"]
pub struct LocalBoxIter<'a, T> {
    raw: Pin<Box<dyn ErasedIter<T> + 'a>>,
}

/// An async generator, boxed and type-erased, that can be sent to another
/// thread: the same type as `futures::stream::BoxStream`, so the two mix.
///
/// ```
/// use coro::{BoxStream, generator, yield_};
/// # use core::task::{Context, Poll, Waker};
///
/// #[generator]
/// async fn countdown(from: u32) -> BoxStream<'static, u32> {
///     for n in (1..=from).rev() {
///         yield_!(n);
///     }
/// }
///
/// let mut streams: Vec<BoxStream<'static, u32>> = vec![countdown(2), countdown(1)];
/// let mut cx = Context::from_waker(Waker::noop());
/// assert_eq!(streams[0].as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
/// assert_eq!(streams[1].as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
/// ```
pub type BoxStream<'a, T> = Pin<Box<dyn Stream<Item = T> + Send + 'a>>;

/// An async generator, boxed and type-erased, not `Send`: the same type as
/// `futures::stream::LocalBoxStream`.
///
/// ```
/// use std::rc::Rc;
/// use coro::{LocalBoxStream, generator, yield_};
///
/// #[generator]
/// async fn shared(value: Rc<u32>) -> LocalBoxStream<'static, u32> {
///     yield_!(*value);
/// }
///
/// let _stream: LocalBoxStream<'static, u32> = shared(Rc::new(1));
/// ```
pub type LocalBoxStream<'a, T> = Pin<Box<dyn Stream<Item = T> + 'a>>;

/// A coroutine, boxed and type-erased, that can be sent to another thread:
/// it yields `Y`, returns `T` and is resumed with `R`.
///
/// (The parameters are in the order that lets `T` and `R` default to `()`.)
///
/// ```
/// use coro::{BoxCoroutine, CoroutineState, generator, yield_};
///
/// /// Echoes what it is sent, `times` times; returns the length of the last.
/// #[generator(first = said)]
/// fn echo(times: usize) -> BoxCoroutine<'static, String, usize, String> {
///     let mut said: String = said;
///     for _ in 0..times {
///         said = yield_!(said);
///     }
///     said.len()
/// }
///
/// let mut c = echo(1);
/// assert_eq!(c.as_mut().resume("hello".into()), CoroutineState::Yielded("hello".into()));
/// assert_eq!(c.as_mut().resume("hi".into()), CoroutineState::Complete(2));
/// ```
pub type BoxCoroutine<'a, Y, T = (), R = ()> =
    Pin<Box<dyn GeneratorCoroutine<R, Yield = Y, Return = T> + Send + 'a>>;

/// A coroutine, boxed and type-erased, not `Send`: [`BoxCoroutine`] for
/// bodies that hold `Rc`s and the like.
///
/// ```
/// use std::rc::Rc;
/// use coro::{CoroutineState, LocalBoxCoroutine, generator, yield_};
///
/// #[generator]
/// fn counter(step: Rc<u32>) -> LocalBoxCoroutine<'static, u32> {
///     yield_!(*step);
/// }
///
/// let mut c = counter(Rc::new(5));
/// assert_eq!(c.as_mut().resume(()), CoroutineState::Yielded(5));
/// assert_eq!(c.as_mut().resume(()), CoroutineState::Complete(()));
/// ```
pub type LocalBoxCoroutine<'a, Y, T = (), R = ()> =
    Pin<Box<dyn GeneratorCoroutine<R, Yield = Y, Return = T> + 'a>>;

/// A [`Coroutine`] that is also a [`Generator`]: what [`BoxCoroutine`] and
/// [`LocalBoxCoroutine`] hold, so that a boxed coroutine still has
/// [`status`](Generator::status) and [`close`](Generator::close). Every
/// coroutine coro builds is one; a hand-written coroutine becomes one by
/// implementing [`Generator`].
///
/// ```
/// use coro::{BoxCoroutine, Generator, Status, generator, yield_};
///
/// #[generator(first = _)]
/// fn echo() -> BoxCoroutine<'static, u32, (), u32> {
///     loop {
///         let x = yield_!(0);
///         if x == 0 {
///             return;
///         }
///     }
/// }
///
/// let mut c = echo();
/// assert_eq!(c.status(), Status::Created);
/// let _ = c.as_mut().resume(1);
/// assert_eq!(c.status(), Status::Suspended);
/// c.as_mut().close();
/// assert_eq!(c.status(), Status::Closed);
/// ```
pub trait GeneratorCoroutine<R = ()>: Coroutine<R> + Generator {}

impl<R, C: Coroutine<R> + Generator + ?Sized> GeneratorCoroutine<R> for C {}

/// An async coroutine, boxed and type-erased, that can be sent to another
/// thread: it yields `Y`, returns `T` and is resumed with `R` (by
/// [`aresume`](crate::aresume)). Its parameters are in [`BoxCoroutine`]'s
/// order.
///
/// ```
/// use coro::{BoxAsyncCoroutine, CoroutineState, aresume, generator, yield_};
///
/// #[generator(first = _)]
/// async fn running_total() -> BoxAsyncCoroutine<'static, u64, (), u64> {
///     let mut total = 0;
///     loop {
///         let n = yield_!(total);
///         if n == 0 {
///             return;
///         }
///         total += n;
///     }
/// }
///
/// # let fut = async {
/// let mut c = running_total();
/// assert_eq!(aresume(&mut c, 0).await, CoroutineState::Yielded(0));
/// assert_eq!(aresume(&mut c, 5).await, CoroutineState::Yielded(5));
/// assert_eq!(aresume(&mut c, 0).await, CoroutineState::Complete(()));
/// # };
/// # let mut fut = core::pin::pin!(fut);
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert!(fut.as_mut().poll(&mut cx).is_ready());
/// ```
pub type BoxAsyncCoroutine<'a, Y, T = (), R = ()> =
    Pin<Box<dyn GeneratorAsyncCoroutine<R, Yield = Y, Return = T> + Send + 'a>>;

/// An async coroutine, boxed and type-erased, not `Send`:
/// [`BoxAsyncCoroutine`] for bodies that hold `Rc`s and the like.
///
/// ```
/// use std::rc::Rc;
/// use coro::{CoroutineState, LocalBoxAsyncCoroutine, aresume, generator, yield_};
///
/// #[generator]
/// async fn shared(step: Rc<u32>) -> LocalBoxAsyncCoroutine<'static, u32> {
///     yield_!(*step);
/// }
///
/// # let fut = async {
/// let mut c = shared(Rc::new(5));
/// assert_eq!(aresume(&mut c, ()).await, CoroutineState::Yielded(5));
/// assert_eq!(aresume(&mut c, ()).await, CoroutineState::Complete(()));
/// # };
/// # let mut fut = core::pin::pin!(fut);
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert!(fut.as_mut().poll(&mut cx).is_ready());
/// ```
pub type LocalBoxAsyncCoroutine<'a, Y, T = (), R = ()> =
    Pin<Box<dyn GeneratorAsyncCoroutine<R, Yield = Y, Return = T> + 'a>>;

/// An [`AsyncCoroutine`] that is also a [`Generator`]: what
/// [`BoxAsyncCoroutine`] and [`LocalBoxAsyncCoroutine`] hold, so that a
/// boxed async coroutine still has [`status`](Generator::status) and
/// [`close`](Generator::close).
///
/// ```
/// use coro::{BoxAsyncCoroutine, Generator, Status, aresume, generator, yield_};
///
/// #[generator]
/// async fn ping() -> BoxAsyncCoroutine<'static, &'static str> {
///     loop {
///         yield_!("ping");
///     }
/// }
///
/// # let fut = async {
/// let mut c = ping();
/// assert_eq!(c.status(), Status::Created);
/// let _ = aresume(&mut c, ()).await;
/// assert_eq!(c.status(), Status::Suspended);
/// c.as_mut().close();
/// assert_eq!(c.status(), Status::Closed);
/// # };
/// # let mut fut = core::pin::pin!(fut);
/// # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
/// # assert!(fut.as_mut().poll(&mut cx).is_ready());
/// ```
pub trait GeneratorAsyncCoroutine<R = ()>: AsyncCoroutine<R> + Generator {}

impl<R, C: AsyncCoroutine<R> + Generator + ?Sized> GeneratorAsyncCoroutine<R> for C {}

/// What a boxed sync generator does, object-safe: the state machine of a
/// `#[generator]` fn, or any iterator put in a [`BoxIter`] by hand.
pub trait ErasedIter<T> {
    /// The next item.
    fn next(self: Pin<&mut Self>) -> Option<T>;

    /// Where it is (see [`Generator::status`]).
    fn status(&self) -> Status;

    /// Stops it for good (see [`Generator::close`]).
    fn close(self: Pin<&mut Self>);

    /// Where it is suspended, for `Debug`.
    fn locate(&self) -> Locate {
        Locate::NOWHERE
    }
}

impl<Y, M: SyncMode, F, S, Fut> ErasedIter<Y> for RawGen<Y, (), M, F, S, Fut>
where
    S: Fn(F, Co<'static, Y, (), M>, ()) -> Fut,
    Fut: Future<Output: Finish<Y>>,
{
    #[inline]
    fn next(self: Pin<&mut Self>) -> Option<Y> {
        step_sync(self, (), |step| match step {
            Step::Yielded(item) => Some(item),
            Step::Complete(output) => output.finish(),
            Step::Pending | Step::Done => None,
        })
    }

    #[inline]
    fn status(&self) -> Status {
        RawGen::status(self)
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Generator::close(self);
    }

    fn locate(&self) -> Locate {
        Generator::__locate(self)
    }
}

impl<Y, O, F, L, D> ErasedIter<Y> for crate::native::NativeIter<F, L, D>
where
    F: FnMut(crate::native::Order<()>) -> crate::native::Resumed<Y, O>,
    O: Finish<Y>,
    L: crate::native::Sites,
    D: crate::native::InnerAt,
{
    #[inline]
    fn next(self: Pin<&mut Self>) -> Option<Y> {
        Iterator::next(Pin::into_inner(self))
    }

    #[inline]
    fn status(&self) -> Status {
        Generator::status(self)
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        Generator::close(self);
    }

    fn locate(&self) -> Locate {
        Generator::__locate(self)
    }
}

/// Any iterator, fused, as an [`ErasedIter`]: `Created` until its first
/// `next`, `Closed` once it gave `None` or was closed (which drops it).
struct Plain<I> {
    iter: Option<Fuse<I>>,
    status: Status,
}

impl<I: Iterator> Plain<I> {
    fn new(iter: I) -> Self {
        Plain {
            iter: Some(iter.fuse()),
            status: Status::Created,
        }
    }
}

impl<I: Iterator + Unpin> ErasedIter<I::Item> for Plain<I> {
    #[inline]
    fn next(self: Pin<&mut Self>) -> Option<I::Item> {
        let this = self.get_mut();
        let item = this.iter.as_mut()?.next();
        this.status = if item.is_some() {
            Status::Suspended
        } else {
            Status::Closed
        };
        item
    }

    #[inline]
    fn status(&self) -> Status {
        self.status
    }

    #[inline]
    fn close(self: Pin<&mut Self>) {
        let this = self.get_mut();
        this.status = Status::Closed;
        this.iter = None;
    }
}

impl<'a, T> BoxIter<'a, T> {
    /// Boxes any iterator as a `BoxIter`, fusing it: for a struct field that
    /// holds a generator at one time and another iterator at another.
    ///
    /// A `#[generator]` fn that returns `BoxIter` does not need this (and
    /// saves the second allocation it would make).
    ///
    /// ```
    /// use coro::BoxIter;
    ///
    /// let numbers: BoxIter<'_, u32> = BoxIter::new([1, 2, 3].into_iter());
    /// assert_eq!(numbers.sum::<u32>(), 6);
    /// ```
    pub fn new<I>(iter: I) -> Self
    where
        I: Iterator<Item = T> + Send + Unpin + 'a,
    {
        BoxIter {
            raw: Box::pin(Plain::new(iter)),
        }
    }
}

impl<'a, T> LocalBoxIter<'a, T> {
    /// Boxes any iterator as a `LocalBoxIter`, fusing it.
    ///
    /// ```
    /// use coro::LocalBoxIter;
    ///
    /// let letters: LocalBoxIter<'_, char> = LocalBoxIter::new("ab".chars());
    /// assert_eq!(letters.collect::<String>(), "ab");
    /// ```
    pub fn new<I>(iter: I) -> Self
    where
        I: Iterator<Item = T> + Unpin + 'a,
    {
        LocalBoxIter {
            raw: Box::pin(Plain::new(iter)),
        }
    }
}

macro_rules! iterator_impls {
    ($name:ident) => {
        impl<T> Iterator for $name<'_, T> {
            type Item = T;

            #[inline]
            fn next(&mut self) -> Option<T> {
                self.raw.as_mut().next()
            }

            #[inline]
            fn size_hint(&self) -> (usize, Option<usize>) {
                if self.raw.status() == Status::Closed {
                    (0, Some(0))
                } else {
                    (0, None)
                }
            }
        }

        impl<T> FusedIterator for $name<'_, T> {}

        impl<T> Generator for $name<'_, T> {
            #[inline]
            fn status(&self) -> Status {
                self.raw.status()
            }

            #[inline]
            fn close(self: Pin<&mut Self>) {
                Pin::into_inner(self).raw.as_mut().close();
            }

            #[inline]
            fn __locate(&self) -> Locate {
                self.raw.locate()
            }
        }

        impl<T> fmt::Debug for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug_generator(f, stringify!($name), self.raw.status(), self.raw.locate())
            }
        }
    };
}

iterator_impls!(BoxIter);
iterator_impls!(LocalBoxIter);

impl<'a, T> From<BoxIter<'a, T>> for LocalBoxIter<'a, T> {
    /// Forgets that the generator is `Send`.
    ///
    /// ```
    /// use coro::{BoxIter, LocalBoxIter};
    ///
    /// let local: LocalBoxIter<'_, u8> = BoxIter::new(0..3).into();
    /// assert_eq!(local.count(), 3);
    /// ```
    #[inline]
    fn from(iter: BoxIter<'a, T>) -> Self {
        LocalBoxIter { raw: iter.raw }
    }
}

/// Boxes a sync generator's state machine as a [`BoxIter`] (what a
/// `#[generator] fn .. -> BoxIter<..>` expands to).
#[inline]
pub fn box_iter<'a, T, G>(raw: G) -> BoxIter<'a, T>
where
    G: ErasedIter<T> + Send + 'a,
{
    BoxIter { raw: Box::pin(raw) }
}

/// Boxes a sync generator's state machine as a [`LocalBoxIter`].
#[inline]
pub fn local_box_iter<'a, T, G>(raw: G) -> LocalBoxIter<'a, T>
where
    G: ErasedIter<T> + 'a,
{
    LocalBoxIter { raw: Box::pin(raw) }
}

/// Boxes an async generator's state machine as a [`BoxStream`].
#[inline]
pub fn box_stream<'a, S>(raw: S) -> BoxStream<'a, S::Item>
where
    S: Stream + Send + 'a,
{
    Box::pin(raw)
}

/// Boxes an async generator's state machine as a [`LocalBoxStream`].
#[inline]
pub fn local_box_stream<'a, S>(raw: S) -> LocalBoxStream<'a, S::Item>
where
    S: Stream + 'a,
{
    Box::pin(raw)
}

/// Boxes a coroutine's state machine as a [`BoxCoroutine`].
#[inline]
pub fn box_coroutine<'a, R, C>(raw: C) -> BoxCoroutine<'a, C::Yield, C::Return, R>
where
    C: Coroutine<R> + Generator + Send + 'a,
{
    Box::pin(raw)
}

/// Boxes a coroutine's state machine as a [`LocalBoxCoroutine`].
#[inline]
pub fn local_box_coroutine<'a, R, C>(raw: C) -> LocalBoxCoroutine<'a, C::Yield, C::Return, R>
where
    C: Coroutine<R> + Generator + 'a,
{
    Box::pin(raw)
}

/// Boxes an async coroutine's state machine as a [`BoxAsyncCoroutine`].
#[inline]
pub fn box_async_coroutine<'a, R, C>(raw: C) -> BoxAsyncCoroutine<'a, C::Yield, C::Return, R>
where
    C: AsyncCoroutine<R> + Generator + Send + 'a,
{
    Box::pin(raw)
}

/// Boxes an async coroutine's state machine as a [`LocalBoxAsyncCoroutine`].
#[inline]
pub fn local_box_async_coroutine<'a, R, C>(
    raw: C,
) -> LocalBoxAsyncCoroutine<'a, C::Yield, C::Return, R>
where
    C: AsyncCoroutine<R> + Generator + 'a,
{
    Box::pin(raw)
}
