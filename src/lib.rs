//! Generators and coroutines for stable Rust, written the way Python writes
//! them.
//!
//! Put `#[generator]` on a function, write `yield_!(value)` in its body, and
//! call it: you get a lazy, resumable state machine. A plain `fn` becomes an
//! [`Iterator`], an `async fn` a [`Stream`], and a function that receives
//! values back becomes a [`Coroutine`].
//!
//! ```
//! use coro::{generator, yield_};
//!
//! /// The odd numbers in `start..=end`.
//! #[generator]
//! fn odds(start: u32, end: u32) -> impl Iterator<Item = u32> {
//!     let mut n = start | 1;
//!     while n <= end {
//!         yield_!(n);
//!         n += 2;
//!     }
//! }
//!
//! let mut it = odds(4, 10);
//! assert_eq!(it.next(), Some(5));
//! assert_eq!(it.collect::<Vec<_>>(), [7, 9]);
//!
//! for n in odds(0, 3) {
//!     println!("{n}"); // 1, 3
//! }
//! ```
//!
//! # Generators
//!
//! The body of a generator is ordinary Rust: loops with labels, `match`,
//! `let else`, early `return`, `?`, borrows of its own locals held across a
//! `yield_!` (`for x in &v { yield_!(*x) }`), and `yield_!` inside the
//! arguments of other macros. Nothing runs until the first call to `next`;
//! each call runs the body to its next `yield_!`.
//!
//! * **Fused:** once the body has finished (or panicked), `next` returns
//!   `None` forever; the returned type also implements
//!   [`FusedIterator`](core::iter::FusedIterator).
//! * **Dropped cleanly:** dropping a generator part-way drops every live local
//!   of its body exactly once, as a function unwinding from that `yield_!`
//!   would (Python's `close()`).
//! * **Panics propagate** to the caller of `next`.
//! * **`Send` and `Sync`** exactly when the body's state is: a generator over
//!   a `Vec<String>` can move to another thread mid-iteration; one holding an
//!   `Rc` across a `yield_!` cannot.
//! * **One allocation per generator** (the default path boxes the state
//!   machine, so the generator is `Unpin` and can be returned, stored and
//!   moved freely), and **none per `yield_!`**.
//!
//! [`iter!`] writes a generator inline, capturing by move:
//!
//! ```
//! use coro::{iter, yield_};
//!
//! let words = vec!["a", "bb", "ccc"];
//! let lengths = iter!({
//!     for w in &words {
//!         yield_!(w.len());
//!     }
//! });
//! assert_eq!(lengths.collect::<Vec<_>>(), [1, 2, 3]);
//! ```
//!
//! # Errors with `?`
//!
//! When a generator's item type is a `Result` (any type whose path ends in
//! `Result`, such as `io::Result<T>`), `?` works in its body: the error,
//! converted with `From`, becomes the last item, and the generator ends.
//!
//! ```
//! use coro::{generator, yield_};
//! use std::num::ParseIntError;
//!
//! #[generator]
//! fn parse_all(lines: Vec<&'static str>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
//!     for line in lines {
//!         yield_!(Ok(line.trim().parse::<u32>()?));
//!     }
//! }
//!
//! let items: Vec<_> = parse_all(vec!["1", " 2", "x", "4"]).collect();
//! assert_eq!(items.len(), 3); // 1, 2, then the error for "x"
//! assert!(items[2].is_err());
//! ```
//!
//! # Async generators
//!
//! An `async fn` generator returns a [`Stream`]: its body may `.await`, and
//! the caller's task context reaches every `.await`, so wake-ups go to the
//! right task and nothing busy-polls. Calling it does not await anything: it
//! returns the stream at once, and the body runs as the stream is polled. It
//! is boxed (so `Unpin`) and `Send` when its state is, so it can be handed to
//! `tokio::spawn`. Iterate it with [`anext`] (Python's `anext`; no
//! `futures-util` needed) or with the `StreamExt::next` of `futures` or
//! `tokio-stream`. [`stream!`] is the inline form, and `yield_from!(stream)`
//! delegates to another stream.
//!
//! ```
//! use coro::{Stream, anext, generator, yield_};
//!
//! #[generator]
//! async fn countdown(from: u32) -> impl Stream<Item = u32> {
//!     for n in (1..=from).rev() {
//!         core::future::ready(()).await; // any future: a timer, a socket read...
//!         yield_!(n);
//!     }
//! }
//!
//! async fn launch() -> Vec<u32> {
//!     let mut counts = Vec::new();
//!     let mut s = countdown(3);
//!     while let Some(n) = anext(&mut s).await {
//!         counts.push(n);
//!     }
//!     counts
//! }
//! # let mut fut = core::pin::pin!(launch());
//! # let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
//! # assert_eq!(fut.as_mut().poll(&mut cx), core::task::Poll::Ready(vec![3, 2, 1]));
//! ```
//!
//! # Coroutines
//!
//! A generator whose return type is `impl Coroutine<R, Yield = Y, Return =
//! T>` receives a value each time it is resumed: `let r: R = yield_!(y)`
//! hands `y` out and evaluates to the next [`resume`](Coroutine::resume)
//! argument, and `return t` (or the body's value) ends it with
//! [`CoroutineState::Complete`]. [`coroutine!`] writes one inline.
//!
//! ```
//! use core::pin::Pin;
//! use coro::{Coroutine, CoroutineState, generator, yield_};
//!
//! /// Sums what it is sent until a negative number, yielding the total so
//! /// far; returns how many it summed. `first = x` binds the argument of
//! /// the first `resume`, which starts the body.
//! #[generator(first = x)]
//! fn running_sum() -> impl Coroutine<i64, Yield = i64, Return = usize> {
//!     let (mut x, mut total, mut seen) = (x, 0, 0);
//!     while x >= 0 {
//!         total += x;
//!         seen += 1;
//!         x = yield_!(total);
//!     }
//!     seen
//! }
//!
//! let mut sum = running_sum();
//! let mut sum = Pin::new(&mut sum);
//! assert_eq!(sum.as_mut().resume(5), CoroutineState::Yielded(5)); // starts it, with 5
//! assert_eq!(sum.as_mut().resume(2), CoroutineState::Yielded(7));
//! assert_eq!(sum.as_mut().resume(-1), CoroutineState::Complete(2));
//! ```
//!
//! * **The first resume** starts the body, and no `yield_!` is waiting for
//!   its argument. `#[generator(first = pattern)]` binds it to `pattern`
//!   (a [`coroutine!`] closure to its parameter, as nightly coroutine
//!   closures do); `#[generator(first = _)]` drops it, for code that primes
//!   the coroutine with a placeholder (Python requires the first `send` to
//!   be `None`). A coroutine whose resume type is not `()` and that says
//!   neither gets a warning at its resume type: the first value sent is
//!   never dropped without a word.
//! * **Resuming a finished coroutine panics**, with a message saying so.
//! * **`yield_from!(sub)`** forwards each resume argument to the coroutine
//!   `sub` and each of its yields out, and evaluates to what `sub` returns:
//!   Python's `result = yield from sub()`. It starts `sub` with
//!   `R::default()` (Python's `None`); `yield_from!(sub, first)` starts it
//!   with `first`. Given an iterator instead, it yields the items (and drops
//!   the resume arguments sent meanwhile).
//! * **Recursion** needs no boxing by hand: a generator may `yield_from!`
//!   itself, as each generator is boxed already (or return a type that names
//!   itself, below). Delegation costs the same at any depth: the generator
//!   you resume runs the innermost delegate directly, rather than passing
//!   each item up through every level, and the stack does not grow with the
//!   depth.
//! * **Sync generators are coroutines too**: an `impl Iterator<Item = T>`
//!   generator also implements `Coroutine<Yield = T, Return = ()>` (its
//!   return type says so), at no cost to iteration.
//! * [`Yields`] iterates a coroutine's yields with `for` and keeps its return
//!   value for after the loop (Python's `StopIteration.value`).
//!
//! # Naming a generator's type
//!
//! `impl Iterator` cannot be written in a struct field. A `#[generator]` fn
//! may return one of coro's boxed, type-erased types instead; the box is
//! still the generator's only allocation.
//!
//! | return type | is | `Send` |
//! |---|---|---|
//! | [`BoxIter<'a, T>`](BoxIter) / [`LocalBoxIter<'a, T>`](LocalBoxIter) | an `Iterator<Item = T>` (fused) | yes / no |
//! | [`BoxStream<'a, T>`](BoxStream) / [`LocalBoxStream<'a, T>`](LocalBoxStream) (on an `async fn`) | `Pin<Box<dyn Stream<Item = T> (+ Send) + 'a>>`, the same types as `futures`' | yes / no |
//! | [`BoxCoroutine<'a, Y, T, R>`](BoxCoroutine) / [`LocalBoxCoroutine`] | `Pin<Box<dyn Coroutine<R, Yield = Y, Return = T> (+ Send) + 'a>>` (`T` and `R` default to `()`) | yes / no |
//!
//! The `Send` forms require the body to be `Send` (a compile error says
//! which value is not); the `Local` forms take any body.
//!
//! ```
//! use coro::{BoxIter, generator, yield_, yield_from};
//!
//! struct Dir {
//!     name: &'static str,
//!     children: Vec<Dir>,
//! }
//!
//! #[generator]
//! fn names(dir: &Dir) -> BoxIter<'_, &'static str> {
//!     yield_!(dir.name);
//!     for child in &dir.children {
//!         yield_from!(names(child));
//!     }
//! }
//!
//! struct Listing<'d> {
//!     pending: BoxIter<'d, &'static str>,
//! }
//!
//! let root = Dir { name: "/", children: vec![Dir { name: "etc", children: vec![] }] };
//! let listing = Listing { pending: names(&root) };
//! assert_eq!(listing.pending.collect::<Vec<_>>(), ["/", "etc"]);
//! ```
//!
//! # From Python
//!
//! | Python | coro |
//! |---|---|
//! | `def gen(): ... yield x` | `#[generator] fn gen() -> impl Iterator<Item = T> { ... yield_!(x) }` |
//! | `next(g)`, `for x in g`, `list(g)` | `g.next()`, `for x in g`, `g.collect::<Vec<_>>()` |
//! | `g.send(v)` | [`send(&mut g, v)`](send) (`Pin::new(&mut g).resume(v)`), giving `CoroutineState::Yielded(y)` |
//! | priming with `next(g)` or `send(None)` | the first `resume` starts the body; its argument is dropped, or bound by `#[generator(first = v)]` (by [`coroutine!`]'s parameter) |
//! | `return v`, then `StopIteration.value` | `return v`, giving `CoroutineState::Complete(v)`; after a `for`, [`Yields::return_value`] |
//! | `result = yield from sub()` | `let result = yield_from!(sub())` |
//! | `yield from iterable` | `yield_from!(iterable)` |
//! | `inspect.getgeneratorstate(g)` | [`g.status()`](Generator::status): [`Status::Created`], `Suspended` or `Closed` |
//! | `g.gi_frame.f_lineno` | `format!("{g:?}")`: the `file:line:column` of the `yield_!` it waits at; while it delegates, of its `yield_from!` and (`innermost`) of the innermost delegate's `yield_!` |
//! | `g.close()` | [`Pin::new(&mut g).close()`](Generator::close), or `drop(g)`: the body's live locals are dropped, innermost first |
//! | `g.throw(exc)` | resume with a `Result` and use `?` on what `yield_!` returns (below) |
//! | `async def agen(): ... yield x` | `#[generator] async fn agen() -> impl Stream<Item = T>` |
//! | `async for x in agen` | `while let Some(x) = anext(&mut agen).await` |
//! | `await agen.aclose()` | `drop(agen)`, which also cancels the `.await` it is suspended in |
//! | `await agen.asend(v)` | [`aresume(&mut c, v).await`](aresume), for a `#[generator] async fn` returning `impl` [`AsyncCoroutine`]`<R, Yield = Y, Return = T>` |
//! | `await agen.athrow(exc)` | `aresume(&mut c, Err(e)).await`, with `?` on what `yield_!` returns, as for `throw` |
//!
//! Rust has no exceptions to throw into a suspended generator; the idiomatic
//! equivalent of `throw()` is to resume with a `Result` and let the body
//! decide, with `?` ending it (as an uncaught exception would) or a `match`
//! handling the error:
//!
//! ```
//! use core::pin::Pin;
//! use coro::{Coroutine, CoroutineState, generator, yield_};
//!
//! #[derive(Debug, PartialEq)]
//! struct Cancelled;
//!
//! #[generator(first = job)]
//! fn worker() -> impl Coroutine<Result<u32, Cancelled>, Yield = u32, Return = Result<u32, Cancelled>> {
//!     let mut done = job?;
//!     loop {
//!         done += yield_!(done)?; // an `Err` sent in ends the worker with it
//!     }
//! }
//!
//! let mut w = worker();
//! let mut w = Pin::new(&mut w);
//! assert_eq!(w.as_mut().resume(Ok(5)), CoroutineState::Yielded(5));
//! assert_eq!(w.as_mut().resume(Err(Cancelled)), CoroutineState::Complete(Err(Cancelled)));
//! ```
//!
//! # Without allocation
//!
//! `#[generator(unboxed)]` leaves the state machine unboxed: nothing is
//! allocated, and the generator must be pinned before it runs, for example on
//! the stack with [`core::pin::pin!`]. Such a generator is a [`Stream`] or a
//! [`Coroutine`] (an [`Iterator`] could not keep it pinned), and [`Yields`]
//! iterates a pinned coroutine. This path needs neither `std` nor `alloc`.
//!
//! ```
//! use core::pin::pin;
//! use coro::{Coroutine, Yields, generator, yield_};
//!
//! #[generator(unboxed)]
//! fn squares(n: u32) -> impl Coroutine<Yield = u32, Return = ()> {
//!     for i in 1..=n {
//!         yield_!(i * i);
//!     }
//! }
//!
//! let c = pin!(squares(3)); // on the stack
//! assert_eq!(Yields::new(c).collect::<Vec<_>>(), [1, 4, 9]);
//! ```
//!
//! # Why `yield_!`, and why nothing is named `gen`
//!
//! `yield` is a reserved keyword: Rust's parser reads `yield!(x)` as the
//! unstable `yield` expression and rejects it ("yield syntax is experimental")
//! before any attribute can rewrite it. So the macro is `yield_!`
//! (`r#yield!` works too). `gen` is reserved in edition 2024, so the block
//! macros are [`iter!`] and [`stream!`].
//!
//! # Two engines
//!
//! A sync generator (a `#[generator] fn` returning `impl Iterator` or
//! `impl Coroutine`, an [`iter!`], a [`coroutine!`]) is compiled one of two
//! ways, and the macro picks the first whenever it can.
//!
//! **Native.** The macro writes the state machine itself: an enum with one
//! variant per `yield_!`, holding exactly the locals used after it, and a
//! closure that resumes the body from the variant it finds. The generator is
//! a plain value: `Unpin`, movable between items, allocation-free, `Clone`
//! when its locals are (write `+ Clone` on the return type to show it to
//! callers), and as fast as a hand-written iterator whether or not the loop
//! that consumes it is inlined.
//!
//! **Async.** The body becomes an `async` closure that the compiler lowers to
//! a state machine, as it lowers any `async` block, so every construct works
//! and borrows across a `yield_!` are checked by the compiler. `yield_!(v)`
//! hands `v` to a small driver through a slot inside the generator, which is
//! boxed (one allocation; none with `#[generator(unboxed)]`, pinned). Async
//! generators (`stream!`, `async fn`) always use this engine.
//!
//! The native engine moves the live locals into the enum at each `yield_!`,
//! which would break a borrow of one of them held across it, so the macro
//! picks it only when it can show from the body's syntax that there is none.
//! It decides conservatively: when in doubt, the async engine.
//!
//! ```
//! use coro::{generator, yield_};
//!
//! // Native: indices and owned values cross the yields, no borrows.
//! #[generator]
//! fn pairs(v: Vec<u32>) -> impl Iterator<Item = (u32, u32)> + Clone {
//!     for i in 1..v.len() {
//!         yield_!((v[i - 1], v[i]));
//!     }
//! }
//!
//! // Async: `x` borrows `v`, a local of the generator, across the yield.
//! #[generator]
//! fn doubled(v: Vec<u32>) -> impl Iterator<Item = u32> {
//!     for x in &v {
//!         yield_!(x * 2);
//!     }
//! }
//!
//! let p = pairs(vec![1, 2, 4]);
//! assert_eq!(p.clone().chain(p).count(), 4); // `Clone`: each copy runs on its own
//! assert_eq!(doubled(vec![1, 2]).collect::<Vec<_>>(), [2, 4]);
//! ```
//!
//! Bodies the native engine takes: loops over ranges and owned collections
//! (`for x in v`), indexing (`v[i]`), borrows of what the caller lent (`for x
//! in &self.items` in a `&self` method, a `&[T]` argument), `?`, `return`,
//! labeled `break`/`continue`, `match` with guards, `while let`, shadowing,
//! `yield_!` in expression position. Bodies that keep the async engine: a
//! borrow of a local held across a `yield_!` (`for x in &v`, `v.iter()`,
//! `let r = &v`, `ref` bindings, a method's result that may borrow its
//! receiver), a `yield_!` inside the arguments of a macro other than the
//! eager standard ones (`println!`, `format!`, `write!`, `vec!`, `assert!`,
//! ...) or in a condition, a generator that calls itself. `yield_from!` is
//! native (of iterators, coroutines and other generators).
//!
//! `#[generator(native)]` and `+ Clone` require the native engine: on a body
//! that cannot have it they are a compile error pointing at what prevents it.
//! `#[generator(fallback)]` forces the async engine.
//!
//! **The one difference in behaviour.** A local whose value the body does
//! not use after a `yield_!` (it is not mentioned again, or only overwritten
//! first, as `s` is in `s = yield_!(s)`) is dropped when the generator
//! suspends there, not at the end of its scope (or at the assignment): the
//! native state holds only what is used later. Names
//! starting with `_` (`let _guard = lock();`) live to the end of their scope
//! on both engines, as in plain Rust.
//!
//! ```
//! use std::{cell::RefCell, rc::Rc};
//! use coro::{generator, yield_};
//!
//! struct Noisy(&'static str, Rc<RefCell<Vec<&'static str>>>);
//! impl Drop for Noisy {
//!     fn drop(&mut self) {
//!         self.1.borrow_mut().push(self.0);
//!     }
//! }
//!
//! #[generator]
//! fn native(log: Rc<RefCell<Vec<&'static str>>>) -> impl Iterator<Item = usize> {
//!     let _guard = Noisy("guard", log.clone());
//!     let early = Noisy("early", log.clone());
//!     yield_!(early.0.len()); // `early` is not used after this
//!     log.borrow_mut().push("end");
//! }
//!
//! #[generator(fallback)]
//! fn plain(log: Rc<RefCell<Vec<&'static str>>>) -> impl Iterator<Item = usize> {
//!     let _guard = Noisy("guard", log.clone());
//!     let early = Noisy("early", log.clone());
//!     yield_!(early.0.len());
//!     log.borrow_mut().push("end");
//! }
//!
//! let log = Rc::new(RefCell::new(Vec::new()));
//! native(log.clone()).for_each(drop);
//! assert_eq!(*log.borrow(), ["early", "end", "guard"]);
//!
//! log.borrow_mut().clear();
//! plain(log.clone()).for_each(drop);
//! assert_eq!(*log.borrow(), ["end", "early", "guard"]);
//! ```
//!
//! ```
//! # #[allow(dead_code)]
//! # const IGNORE: &str = stringify! {
//! #[generator]
//! fn count(n: u32) -> impl Iterator<Item = u32> { for i in 0..n { yield_!(i); } }
//!
//! // becomes, natively (names simplified)
//! fn count(n: u32)
//!     -> impl Iterator<Item = u32> + FusedIterator + Coroutine<Yield = u32, Return = ()>
//! {
//!     enum State<T0, T1> { Start { n: T0 }, AtYield0 { iter: T1 }, Done }
//!     let mut state = State::Start { n };
//!     coro::__private::native_iter::<u32, (), _>(move || match mem::replace(&mut state, State::Done) {
//!         State::Start { n } => {
//!             let mut iter = (0..n).into_iter();
//!             loop {
//!                 let Some(i) = iter.next() else { break };
//!                 state = State::AtYield0 { iter }; // what is used after the yield
//!                 return Resumed::Yielded(i);
//!             }
//!             Resumed::Returned(())
//!         }
//!         State::AtYield0 { mut iter } => { /* the loop again, from after the yield */ }
//!         State::Done => Resumed::Finished,
//!     })
//! }
//! # };
//! ```
//!
//! # Mistakes a newcomer makes
//!
//! * **`yield x`** is the keyword of Rust's unstable coroutines, rejected
//!   before coro sees it; coro's error beside rustc's says to write
//!   `yield_!(x)`.
//! * **`s.next().await`** on a stream needs a trait in scope that gives
//!   streams `next`: [`StreamNext`] (the compiler suggests it) or the
//!   `futures` crate's `StreamExt`; [`anext`]`(&mut s).await` needs none.
//! * **An item cannot borrow the generator's own locals**: it must outlive
//!   the generator's next step, in which the body may drop or change them
//!   (E0716 or E0597). Borrow from an argument instead, or yield owned
//!   values:
//!
//! ```compile_fail
//! let words = coro::iter!({
//!     let text = String::from("a b c");
//!     for w in text.split(' ') {
//!         coro::yield_!(w); // borrows `text`, which the generator owns
//!     }
//! });
//! ```
//!
//! ```
//! let words = coro::iter!({
//!     let text = String::from("a b c");
//!     for w in text.split(' ') {
//!         coro::yield_!(w.to_owned());
//!     }
//! });
//! assert_eq!(words.collect::<Vec<_>>(), ["a", "b", "c"]);
//! ```
//!
//! * **`+ Clone`** holds only on the native engine, when every local kept
//!   across a `yield_!` is `Clone`: on the async engine the state is a
//!   compiler-written future, and futures are never `Clone`. The error
//!   points at what keeps the body off the native engine (a borrow of its
//!   own local across a `yield_!`, most often; index instead):
//!
//! ```compile_fail
//! #[coro::generator]
//! fn each(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
//!     for x in &v {
//!         coro::yield_!(*x);
//!     }
//! }
//! ```
//!
//! ```
//! #[coro::generator]
//! fn each(v: Vec<u32>) -> impl Iterator<Item = u32> + Clone {
//!     for i in 0..v.len() {
//!         coro::yield_!(v[i]);
//!     }
//! }
//! let e = each(vec![1, 2]);
//! assert_eq!(e.clone().chain(e).collect::<Vec<_>>(), [1, 2, 1, 2]);
//! ```
//!
//! # Crate features
//!
//! * `alloc` (default): the boxed generators of the default path. Without it,
//!   coro needs neither `std` nor `alloc`, and `#[generator(unboxed)]`
//!   generators run on bare-metal targets.

#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::alloc_instead_of_core
)]
#![doc(test(attr(deny(warnings))))]

#[doc(inline)]
pub use coro_core::{
    AsyncCoroutine, Coroutine, CoroutineState, Generator, Next, Resume, Status, StreamNext,
    UntilErr, Yields, anext, aresume, send, until_err,
};
#[cfg(feature = "alloc")]
#[doc(inline)]
pub use coro_core::{
    BoxAsyncCoroutine, BoxCoroutine, BoxIter, BoxStream, GeneratorAsyncCoroutine,
    GeneratorCoroutine, LocalBoxAsyncCoroutine, LocalBoxCoroutine, LocalBoxIter, LocalBoxStream,
};

/// A stream of values produced asynchronously: the `Stream` trait of
/// `futures-core`, which async generators implement.
///
/// ```
/// fn is_stream<S: coro::Stream>(_: &S) {}
/// is_stream(&coro::stream! { coro::yield_!(1) });
/// ```
pub use futures_core::Stream;

/// A stream that knows when it has ended: the `FusedStream` trait of
/// `futures-core`. Every async generator coro builds is one (its
/// `is_terminated` is true once it has returned `None`), and a `#[generator]
/// async fn` returning `impl Stream<..>` promises it too, which is why
/// compiler messages about such a stream show `impl Stream<Item = T> +
/// FusedStream`.
///
/// ```
/// use coro::{FusedStream, Stream, anext, generator, yield_};
///
/// #[generator]
/// async fn one() -> impl Stream<Item = u32> {
///     yield_!(1);
/// }
///
/// let mut s = one();
/// assert!(!s.is_terminated());
/// futures::executor::block_on(async {
///     while anext(&mut s).await.is_some() {}
/// });
/// assert!(s.is_terminated());
/// ```
pub use futures_core::stream::FusedStream;

/// Turns a function whose body uses [`yield_!`] into a generator.
///
/// The return type says what the generator is; the caller gets that type.
///
/// | written | the caller gets |
/// |---|---|
/// | `fn f(..) -> impl Iterator<Item = T>` | a sync generator: an `Iterator` (and `FusedIterator`) |
/// | `async fn f(..) -> impl Stream<Item = T>` | an async generator: a `Stream` (and `FusedStream`); `.await` works in the body |
/// | `fn f(..) -> impl Coroutine<R, Yield = Y, Return = T>` | a [`Coroutine`]: `let r: R = yield_!(y)`, and `return t` ends it |
/// | `async fn f(..) -> impl AsyncCoroutine<R, Yield = Y, Return = T>` | an [`AsyncCoroutine`], resumed with [`aresume`]: a coroutine whose body may `.await` |
/// | `fn f(..) -> BoxIter<'a, T>` (or [`LocalBoxIter`]) | a sync generator as a type you can name |
/// | `async fn f(..) -> BoxStream<'a, T>` (or [`LocalBoxStream`]) | an async generator as a type you can name |
/// | `fn f(..) -> BoxCoroutine<'a, Y, T, R>` (or [`LocalBoxCoroutine`]) | a coroutine as a type you can name |
/// | `async fn f(..) -> BoxAsyncCoroutine<'a, Y, T, R>` (or [`LocalBoxAsyncCoroutine`]) | an async coroutine as a type you can name |
///
/// It works on free functions and methods (`&self`, `&mut self`, `self`),
/// generic functions with bounds and `where` clauses, `impl Trait` arguments
/// and explicit or elided lifetimes (`-> impl Iterator<Item = &T> + '_`).
/// Attributes and doc comments on the function stay as written. Arguments are
/// moved into the generator whole, as an `async fn` moves them into its
/// future, and are dropped with it.
///
/// # Arguments
///
/// * `#[generator(unboxed)]`: do not box the state machine. The generator
///   allocates nothing but must be pinned before it runs (`core::pin::pin!`),
///   so it can be a `Stream` or a `Coroutine` but not an `Iterator`.
/// * `#[generator(native)]`: require the state machine the macro writes
///   itself (see [the two engines](crate#two-engines)); a compile error
///   names what in the body prevents it. `+ Clone` on the return type
///   requires it too.
/// * `#[generator(fallback)]`: use the `async` engine even where the native
///   one would do.
/// * `#[generator(first = pattern)]`: for a coroutine (sync or async), bind
///   the argument of the first `resume` / `aresume` (which starts the body,
///   before any `yield_!` waits for a value) to `pattern`. `first = _`
///   drops it before the body runs, for callers that prime the coroutine
///   with a placeholder. A coroutine whose resume type is not `()` and that
///   has neither is warned about (at its resume type), since it drops that
///   first value too.
/// * `#[generator(crate = path)]`: where to find `coro` if it was renamed in
///   `Cargo.toml`.
///
/// # Examples
///
/// ```
/// use coro::{generator, yield_};
///
/// struct Tree {
///     values: Vec<u32>,
/// }
///
/// impl Tree {
///     /// The values above `min`, by reference.
///     #[generator]
///     fn above(&self, min: u32) -> impl Iterator<Item = &u32> + '_ {
///         for v in &self.values {
///             if *v > min {
///                 yield_!(v);
///             }
///         }
///     }
/// }
///
/// let t = Tree { values: vec![1, 5, 3, 8] };
/// assert_eq!(t.above(2).copied().collect::<Vec<_>>(), [5, 3, 8]);
/// ```
///
/// A generator that never finishes is fine: take what you need.
///
/// ```
/// use coro::{generator, yield_};
///
/// #[generator]
/// fn naturals() -> impl Iterator<Item = u64> {
///     let mut n = 0;
///     loop {
///         yield_!(n);
///         n += 1;
///     }
/// }
///
/// assert_eq!(naturals().skip(2).take(3).collect::<Vec<_>>(), [2, 3, 4]);
/// ```
#[doc(inline)]
pub use coro_macros::generator;

/// Yields a value from a generator: `yield_!(value)`.
///
/// It suspends the generator and hands `value` to the caller of `next` (or
/// `poll_next`, or `resume`). When the generator is resumed, `yield_!`
/// evaluates to the resume argument: `()` for iterators and streams, the
/// argument of [`Coroutine::resume`] for coroutines. `yield_!()` yields `()`.
///
/// It may be used anywhere in a generator's own body, including inside the
/// arguments of other macros (`println!("{}", yield_!(x))`), but not inside a
/// closure or an `async` block nested in it: those are separate functions and
/// futures, not part of the generator. Outside a generator it is a compile
/// error.
///
/// `r#yield!` is the same macro under the keyword's name.
///
/// # Examples
///
/// ```
/// use coro::{iter, yield_};
///
/// let squares = iter!({
///     for i in 1..=3 {
///         yield_!(i * i);
///     }
/// });
/// assert_eq!(squares.collect::<Vec<_>>(), [1, 4, 9]);
/// ```
#[macro_export]
macro_rules! yield_ {
    // What `#[generator]`, `iter!` and `stream!` rewrite a `yield_!` into.
    (@__coro_yield $co:ident $($value:tt)*) => {
        $co.yield_($($value)*).await
    };
    (@__coro_item $co:ident $($value:tt)*) => {
        $co.yield_item($($value)*).await
    };
    // The same, saying where the `yield_!` is (for `Debug`).
    (@__coro_yield_at $co:ident [$at:expr] $($value:tt)*) => {
        $co.yield_at($at, $($value)*).await
    };
    (@__coro_item_at $co:ident [$at:expr] $($value:tt)*) => {
        $co.yield_item_at($at, $($value)*).await
    };
    // The same, in a body without a declared item type: through the local
    // that the first `yield_!` gives its type.
    (@__coro_yield_into $co:ident $item:ident [$at:expr] $($value:tt)*) => {
        $co.yield_at($at, {
            $item = $($value)*;
            $item
        })
        .await
    };
    (@__coro_item_into $co:ident $item:ident [$at:expr] $($value:tt)*) => {
        $co.yield_item_at($at, {
            $item = $($value)*;
            $item
        })
        .await
    };
    // What they rewrite a `yield_!` into where it cannot yield, with why.
    (@__coro_error $message:literal) => {
        ::core::compile_error!($message)
    };
    // What stands for the `yield_!` calls of a function `#[generator]`
    // rejected, so that the import of `yield_` stays used.
    (@__coro_unused) => {};
    ($($value:tt)*) => {
        ::core::compile_error!(
            "`yield_!` may only be used inside a `#[generator]` function or an `iter!`, `stream!` or `coroutine!` block"
        )
    };
}

#[doc(hidden)]
pub use crate::yield_ as r#yield;

/// Delegates to another generator, iterator, stream or coroutine: Python's
/// `yield from`.
///
/// * In a sync generator, `yield_from!(iterable)` yields each item of any
///   [`IntoIterator`] whose items are the generator's item type, and
///   evaluates to `()`.
/// * In a sync generator or coroutine, `yield_from!(coroutine)` delegates to
///   a [`Coroutine`] of the same yield and resume types: each resume
///   argument goes to it, each of its yields comes out, and the macro
///   evaluates to its return value (Python's `result = yield from sub()`).
///   The sub-coroutine is started with `R::default()` (Python's `None`);
///   `yield_from!(coroutine, first)` starts it with `first` instead. Since
///   sync generators are coroutines returning `()`, `yield_from!` of one is a
///   delegation too.
/// * In an async generator, `yield_from!(stream)` yields each item of a
///   [`Stream`], awaiting it with the caller's context, and evaluates to `()`.
/// * In an async coroutine, `yield_from!(coroutine)` delegates to an
///   [`AsyncCoroutine`] of the same yield and resume types, as a sync
///   coroutine delegates to a sync one (each argument goes to it, each of its
///   yields comes out, it is started with `R::default()` or with `first` in
///   `yield_from!(coroutine, first)`, and the macro evaluates to its return
///   value), and `yield_from!(stream)` yields each item of a [`Stream`]. A
///   stream takes no arguments: those the coroutine is resumed with while it
///   yields the stream's items are dropped, as a sync coroutine drops them
///   while it yields an iterator's.
///
/// Like [`yield_!`], it may only be used in a generator's own body. Given
/// something that is none of these (or yields another type), the error
/// points at the argument and says what the generator takes.
///
/// # Cost
///
/// Written in the body itself, `yield_from!` of a coroutine costs the same per
/// item at any depth: the generator you resume runs the innermost delegate
/// directly. Inside another macro's arguments (`println!("{}",
/// yield_from!(sub()))`, `vec![..]`, a macro of your own) it re-yields each
/// item through this generator instead, one level at a time, with the same
/// items, resume arguments and return value: the other macro may put its
/// arguments in a future of its own (an `async` block it writes), and the
/// direct path is only sound for a delegation the body itself awaits.
///
/// # Examples
///
/// ```
/// use coro::{generator, yield_, yield_from};
///
/// #[generator]
/// fn framed(words: Vec<&'static str>) -> impl Iterator<Item = &'static str> {
///     yield_!("[");
///     yield_from!(words);
///     yield_!("]");
/// }
///
/// assert_eq!(framed(vec!["a", "b"]).collect::<String>(), "[ab]");
/// ```
///
/// Delegating to a coroutine, and using what it returns:
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState, generator, yield_, yield_from};
///
/// /// Sums what it is sent until it is sent 0; returns the sum. (Its first
/// /// argument, which starts it, is not summed: `first = _` drops it.)
/// #[generator(first = _)]
/// fn summer() -> impl Coroutine<u32, Yield = (), Return = u32> {
///     let mut sum = 0;
///     loop {
///         match yield_!(()) {
///             0 => return sum,
///             x => sum += x,
///         }
///     }
/// }
///
/// #[generator(first = _)]
/// fn two_sums() -> impl Coroutine<u32, Yield = (), Return = (u32, u32)> {
///     // Each sub-coroutine is started with `u32::default()`, which its
///     // first `yield_!` does not see.
///     let a = yield_from!(summer());
///     let b = yield_from!(summer());
///     (a, b)
/// }
///
/// let mut c = two_sums();
/// let mut c = Pin::new(&mut c);
/// for x in [0, 1, 2, 0, 10, 0] {
///     if let CoroutineState::Complete(sums) = c.as_mut().resume(x) {
///         assert_eq!(sums, (3, 10));
///     }
/// }
/// ```
///
/// In an async coroutine, of an async coroutine and a stream:
///
/// ```
/// use coro::{AsyncCoroutine, CoroutineState, aresume, generator, stream, yield_, yield_from};
///
/// /// Doubles what it is sent until it is sent 0; returns how many it doubled.
/// #[generator(first = n)]
/// async fn doubler() -> impl AsyncCoroutine<u32, Yield = u32, Return = usize> {
///     let (mut n, mut count) = (n, 0);
///     while n != 0 {
///         core::future::ready(()).await;
///         count += 1;
///         n = yield_!(n * 2);
///     }
///     count
/// }
///
/// #[generator(first = n)]
/// async fn session() -> impl AsyncCoroutine<u32, Yield = u32, Return = usize> {
///     yield_from!(stream! { yield_!(100); });
///     yield_from!(doubler(), n)
/// }
///
/// # futures::executor::block_on(async {
/// let mut c = session();
/// assert_eq!(aresume(&mut c, 1).await, CoroutineState::Yielded(100));
/// // 3 answers the stream's `yield_!`, which takes nothing; `doubler` is
/// // started with `session`'s first argument.
/// assert_eq!(aresume(&mut c, 3).await, CoroutineState::Yielded(2));
/// assert_eq!(aresume(&mut c, 0).await, CoroutineState::Complete(1));
/// # });
/// ```
#[macro_export]
macro_rules! yield_from {
    // `#[generator]`, `iter!`, `stream!` and `coroutine!` expand
    // `yield_from!` themselves; these arms are what they leave behind.
    (@__coro_error $message:literal) => {
        ::core::compile_error!($message)
    };
    (@__coro_unused) => {};
    ($($source:tt)*) => {
        ::core::compile_error!(
            "`yield_from!` may only be used inside a `#[generator]` function or an `iter!`, `stream!` or `coroutine!` block"
        )
    };
}

/// An anonymous sync generator: an [`Iterator`] (and `FusedIterator`) whose
/// body uses [`yield_!`]. It captures what it uses by move, like a `move`
/// closure.
///
/// Write the body as a block in parentheses, `iter!({ .. })`: rustfmt formats
/// it, as it formats any macro argument that parses as an expression.
/// `iter! { .. }` is the same generator, but rustfmt leaves a macro called
/// with braces as it is.
///
/// # Examples
///
/// ```
/// use coro::{iter, yield_};
///
/// let text = String::from("one two  three");
/// let words = iter!({
///     for word in text.split(' ') {
///         if !word.is_empty() {
///             yield_!(word.to_uppercase());
///         }
///     }
/// });
/// assert_eq!(words.collect::<Vec<_>>(), ["ONE", "TWO", "THREE"]);
///
/// // The same, with braces:
/// let mut one = iter! { yield_!(1) };
/// assert_eq!(one.next(), Some(1));
/// ```
#[macro_export]
macro_rules! iter {
    ($($body:tt)*) => {
        $crate::__private::iter_inner!(($crate) $($body)*)
    };
}

/// An anonymous coroutine, written as a closure: the closure's parameter (if
/// any) receives the argument of the first [`resume`](Coroutine::resume),
/// each `yield_!` evaluates to the argument of the next one, and the
/// closure's value is the coroutine's return value. It is boxed (so `Unpin`)
/// and captures by move, as nightly's `#[coroutine] move |x| { .. }` does.
///
/// # Examples
///
/// ```
/// use core::pin::Pin;
/// use coro::{Coroutine, CoroutineState, coroutine, yield_};
///
/// // Echoes what it is sent, doubled, until it is sent 0; returns the count.
/// let mut echo = coroutine!(|first: i32| -> usize {
///     let mut n = first;
///     let mut count = 0;
///     while n != 0 {
///         count += 1;
///         n = yield_!(n * 2);
///     }
///     count
/// });
/// let mut echo = Pin::new(&mut echo);
/// assert_eq!(echo.as_mut().resume(5), CoroutineState::Yielded(10));
/// assert_eq!(echo.as_mut().resume(7), CoroutineState::Yielded(14));
/// assert_eq!(echo.as_mut().resume(0), CoroutineState::Complete(2));
/// ```
#[macro_export]
macro_rules! coroutine {
    ($($closure:tt)*) => {
        $crate::__private::coroutine_inner!(($crate) $($closure)*)
    };
}

/// An anonymous async generator: a [`Stream`] (and `FusedStream`) whose body
/// uses [`yield_!`] and `.await`. It captures what it uses by move, like an
/// `async move` block.
///
/// As for [`iter!`], `stream!({ .. })` is the form rustfmt formats;
/// `stream! { .. }` is the same stream.
///
/// # Examples
///
/// ```
/// use coro::{Stream, stream, yield_};
/// use core::task::{Context, Poll, Waker};
///
/// let s = stream!({
///     for i in 0..2 {
///         core::future::ready(()).await;
///         yield_!(i);
///     }
/// });
/// let mut s = core::pin::pin!(s);
/// let mut cx = Context::from_waker(Waker::noop());
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(0)));
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
/// ```
#[macro_export]
macro_rules! stream {
    ($($body:tt)*) => {
        $crate::__private::stream_inner!(($crate) $($body)*)
    };
}

/// The README's examples, compiled and run as doctests so that they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Not public API: what the macros expand to.
#[doc(hidden)]
pub mod __private {
    pub use coro_core::__private::*;
    pub use coro_macros::{coroutine_inner, iter_inner, stream_inner};
    pub use futures_core::stream::FusedStream;
}
