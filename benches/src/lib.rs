//! The contenders of coro's benchmarks, one function per contender and
//! workload, shared by the criterion bench (`benches/generators.rs`) and by
//! the callgrind binary (`src/bin/count_instructions.rs`).
//!
//! Every contender of a workload computes the same sum, and every one passes
//! each item through [`black_box`] before adding it, so that LLVM can turn
//! none of the loops into a closed formula and every contender pays the same
//! per-item cost on the consumer's side. The inputs go through [`black_box`]
//! too, so that nothing is computed at compile time.
//!
//! The peers are used the way their documentation shows:
//!
//! * `genawaiter`: the `rc` flavour (one allocation per generator) and the
//!   `stack` flavour (none, `let_gen_using!`), as iterators and as streams;
//! * `next-gen`: a `#[generator]` function pinned on the stack with
//!   `mk_gen!`, boxed with `call_boxed` where it recurses;
//! * `async-stream`: `stream!` with `yield`, pinned on the stack and polled by
//!   hand with a no-op waker in the sync workloads (it has no `Iterator`
//!   form), boxed where it recurses.
//!
//! Each sync workload also runs the baseline, coro, coro unboxed and
//! async-stream in two more shapes, where the loop that consumes the
//! generator is not inlined into the function that makes it:
//!
//! * `(opaque consumer)`: the generator goes by value to [`sum_iter_opaque`]
//!   (a stream to [`sum_polled_opaque`]), generic but `#[inline(never)]`: a
//!   generator consumed by a function of another crate, or by one too big to
//!   inline;
//! * `(dyn consumer)`: the generator goes to [`sum_dyn`] as a
//!   `Box<dyn Iterator>`, so that every `next` is an indirect call (and
//!   boxing it allocates once per generator, for the hand-written one too).
//!
//! Each shape has its own copy of the workload's hand-written iterator and
//! generators (a module per shape, expanding the workload's `generators!`),
//! so that each contender's `next` has one caller, as it had before the
//! shapes were added: LLVM inlines a function with a single caller far more
//! eagerly, and sharing one generator between the inlined contender and the
//! others made the inlined `coro` of `count` cost 42 instructions per item
//! instead of 5.

use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::hint::black_box;

use futures::{Stream, StreamExt as _};

/// Sums an iterator's items, each through [`black_box`].
#[inline]
pub fn sum_iter(items: impl Iterator<Item = u64>) -> u64 {
    let mut sum = 0_u64;
    for item in items {
        sum = sum.wrapping_add(black_box(item));
    }
    sum
}

/// Sums an iterator's items like [`sum_iter`], in a function of its own: the
/// generator is made by the caller and consumed here, not inlined into it.
#[inline(never)]
pub fn sum_iter_opaque<I: Iterator<Item = u64>>(items: I) -> u64 {
    sum_iter(items)
}

/// Sums a boxed iterator's items like [`sum_iter`], each through an indirect
/// call to its `next`, in a function of its own.
#[inline(never)]
pub fn sum_dyn(items: Box<dyn Iterator<Item = u64> + '_>) -> u64 {
    sum_iter(items)
}

/// Sums a stream that never returns `Pending`, polled by hand with a no-op
/// waker: how a sync workload drives a contender that is only a `Stream`.
///
/// # Panics
///
/// If the stream returns `Pending`.
#[inline]
pub fn sum_polled<S: Stream<Item = u64> + ?Sized>(stream: Pin<&mut S>) -> u64 {
    let mut stream = stream;
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0_u64;
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => sum = sum.wrapping_add(black_box(item)),
            Poll::Ready(None) => return sum,
            Poll::Pending => panic!("a synchronous stream returned Pending"),
        }
    }
}

/// Sums a stream like [`sum_polled`], in a function of its own: the stream,
/// pinned by the caller (a `Pin<&mut _>` or a `Pin<Box<_>>`), is made by the
/// caller and consumed here, not inlined into it.
///
/// # Panics
///
/// If the stream returns `Pending`.
#[inline(never)]
pub fn sum_polled_opaque<S: Stream<Item = u64> + Unpin>(stream: S) -> u64 {
    let mut stream = stream;
    sum_polled(Pin::new(&mut stream))
}

/// Sums a stream under `futures::executor::block_on`, item by item with
/// `StreamExt::next`: the async workloads' consumer.
#[inline]
pub fn sum_stream<S: Stream<Item = u64>>(stream: S) -> u64 {
    futures::executor::block_on(async {
        let mut stream = pin!(stream);
        let mut sum = 0_u64;
        while let Some(item) = stream.next().await {
            sum = sum.wrapping_add(black_box(item));
        }
        sum
    })
}

/// A workload's contender: its name in the reports and the function that runs
/// it once on an input size, returning the sum of its items.
pub type Contender = (&'static str, fn(u64) -> u64);

/// `count`: yield `0..n` and sum.
pub mod count {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::{Contender, sum_iter, sum_polled};

    /// The contenders, baseline first; then the shapes whose consumer is not
    /// inlined.
    pub const CONTENDERS: &[Contender] = &[
        ("baseline", baseline),
        ("coro", coro),
        ("coro unboxed", coro_unboxed),
        ("genawaiter rc", genawaiter_rc),
        ("genawaiter stack", genawaiter_stack),
        ("next-gen", next_gen),
        ("async-stream", async_stream),
        ("baseline (opaque consumer)", opaque::baseline),
        ("baseline (dyn consumer)", dyn_consumer::baseline),
        ("coro (opaque consumer)", opaque::coro),
        ("coro (dyn consumer)", dyn_consumer::coro),
        ("coro unboxed (opaque consumer)", opaque::coro_unboxed),
        ("coro unboxed (dyn consumer)", dyn_consumer::coro_unboxed),
        ("async-stream (opaque consumer)", opaque::async_stream),
    ];

    /// The number of items of a run on `n`.
    pub fn items(n: u64) -> u64 {
        n
    }

    /// The hand-written iterator and coro's generators, defined here and
    /// again in each module of a shape of consumer (see the crate's
    /// documentation).
    macro_rules! generators {
        () => {
            /// The hand-written iterator.
            #[derive(Debug)]
            pub struct Count {
                next: u64,
                end: u64,
            }

            impl Iterator for Count {
                type Item = u64;

                #[inline]
                fn next(&mut self) -> Option<u64> {
                    if self.next < self.end {
                        let item = self.next;
                        self.next += 1;
                        Some(item)
                    } else {
                        None
                    }
                }
            }

            #[generator]
            fn coro_count(n: u64) -> impl Iterator<Item = u64> {
                for i in 0..n {
                    yield_!(i);
                }
            }

            #[generator(unboxed)]
            fn coro_count_unboxed(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
                for i in 0..n {
                    yield_!(i);
                }
            }
        };
    }

    generators!();

    pub fn baseline(n: u64) -> u64 {
        sum_iter(Count { next: 0, end: n })
    }

    pub fn coro(n: u64) -> u64 {
        sum_iter(coro_count(n))
    }

    pub fn coro_unboxed(n: u64) -> u64 {
        sum_iter(Yields::new(pin!(coro_count_unboxed(n))))
    }

    pub fn genawaiter_rc(n: u64) -> u64 {
        let generator = genawaiter::rc::Gen::new(|co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        });
        sum_iter(generator.into_iter())
    }

    pub fn genawaiter_stack(n: u64) -> u64 {
        genawaiter::stack::let_gen_using!(generator, |co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        });
        sum_iter(generator.into_iter())
    }

    #[next_gen::generator(yield(u64))]
    fn next_gen_count(n: u64) {
        for i in 0..n {
            yield_!(i);
        }
    }

    pub fn next_gen(n: u64) -> u64 {
        next_gen::mk_gen!(let generator = next_gen_count(n));
        sum_iter(generator)
    }

    pub fn async_stream(n: u64) -> u64 {
        let stream = pin!(async_stream::stream! {
            for i in 0..n {
                yield i;
            }
        });
        sum_polled(stream)
    }

    /// The generator goes by value to [`sum_iter_opaque`], not inlined.
    pub mod opaque {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::{sum_iter_opaque, sum_polled_opaque};

        generators!();

        pub fn baseline(n: u64) -> u64 {
            sum_iter_opaque(Count { next: 0, end: n })
        }

        pub fn coro(n: u64) -> u64 {
            sum_iter_opaque(coro_count(n))
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            sum_iter_opaque(Yields::new(pin!(coro_count_unboxed(n))))
        }

        pub fn async_stream(n: u64) -> u64 {
            let stream = pin!(async_stream::stream! {
                for i in 0..n {
                    yield i;
                }
            });
            sum_polled_opaque(stream)
        }
    }

    /// The generator goes boxed to [`sum_dyn`], a `Box<dyn Iterator>`.
    pub mod dyn_consumer {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::sum_dyn;

        generators!();

        pub fn baseline(n: u64) -> u64 {
            sum_dyn(Box::new(Count { next: 0, end: n }))
        }

        pub fn coro(n: u64) -> u64 {
            sum_dyn(Box::new(coro_count(n)))
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            sum_dyn(Box::new(Yields::new(pin!(coro_count_unboxed(n)))))
        }
    }
}

/// `filter_map`: yield `i * i` for the `i` in `0..n` not divisible by 3, and
/// sum.
pub mod filter_map {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::{Contender, sum_iter, sum_polled};

    /// The contenders, baseline first; then the shapes whose consumer is not
    /// inlined.
    pub const CONTENDERS: &[Contender] = &[
        ("baseline", baseline),
        ("coro", coro),
        ("coro unboxed", coro_unboxed),
        ("genawaiter rc", genawaiter_rc),
        ("genawaiter stack", genawaiter_stack),
        ("next-gen", next_gen),
        ("async-stream", async_stream),
        ("baseline (opaque consumer)", opaque::baseline),
        ("baseline (dyn consumer)", dyn_consumer::baseline),
        ("coro (opaque consumer)", opaque::coro),
        ("coro (dyn consumer)", dyn_consumer::coro),
        ("coro unboxed (opaque consumer)", opaque::coro_unboxed),
        ("coro unboxed (dyn consumer)", dyn_consumer::coro_unboxed),
        ("async-stream (opaque consumer)", opaque::async_stream),
    ];

    /// The number of items of a run on `n`: the `i` in `0..n` with
    /// `i % 3 != 0`.
    pub fn items(n: u64) -> u64 {
        n - n.div_ceil(3)
    }

    /// The hand-written iterator and coro's generators, defined here and
    /// again in each module of a shape of consumer (see the crate's
    /// documentation).
    macro_rules! generators {
        () => {
            /// The hand-written iterator.
            #[derive(Debug)]
            pub struct FilterMap {
                next: u64,
                end: u64,
            }

            impl Iterator for FilterMap {
                type Item = u64;

                #[inline]
                fn next(&mut self) -> Option<u64> {
                    while self.next < self.end {
                        let i = self.next;
                        self.next += 1;
                        if !i.is_multiple_of(3) {
                            return Some(i * i);
                        }
                    }
                    None
                }
            }

            #[generator]
            fn coro_filter_map(n: u64) -> impl Iterator<Item = u64> {
                for i in 0..n {
                    if !i.is_multiple_of(3) {
                        yield_!(i * i);
                    }
                }
            }

            #[generator(unboxed)]
            fn coro_filter_map_unboxed(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
                for i in 0..n {
                    if !i.is_multiple_of(3) {
                        yield_!(i * i);
                    }
                }
            }
        };
    }

    generators!();

    pub fn baseline(n: u64) -> u64 {
        sum_iter(FilterMap { next: 0, end: n })
    }

    pub fn coro(n: u64) -> u64 {
        sum_iter(coro_filter_map(n))
    }

    pub fn coro_unboxed(n: u64) -> u64 {
        sum_iter(Yields::new(pin!(coro_filter_map_unboxed(n))))
    }

    pub fn genawaiter_rc(n: u64) -> u64 {
        let generator = genawaiter::rc::Gen::new(|co| async move {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    co.yield_(i * i).await;
                }
            }
        });
        sum_iter(generator.into_iter())
    }

    pub fn genawaiter_stack(n: u64) -> u64 {
        genawaiter::stack::let_gen_using!(generator, |co| async move {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    co.yield_(i * i).await;
                }
            }
        });
        sum_iter(generator.into_iter())
    }

    #[next_gen::generator(yield(u64))]
    fn next_gen_filter_map(n: u64) {
        for i in 0..n {
            if !i.is_multiple_of(3) {
                yield_!(i * i);
            }
        }
    }

    pub fn next_gen(n: u64) -> u64 {
        next_gen::mk_gen!(let generator = next_gen_filter_map(n));
        sum_iter(generator)
    }

    pub fn async_stream(n: u64) -> u64 {
        let stream = pin!(async_stream::stream! {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    yield i * i;
                }
            }
        });
        sum_polled(stream)
    }

    /// The generator goes by value to [`sum_iter_opaque`], not inlined.
    pub mod opaque {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::{sum_iter_opaque, sum_polled_opaque};

        generators!();

        pub fn baseline(n: u64) -> u64 {
            sum_iter_opaque(FilterMap { next: 0, end: n })
        }

        pub fn coro(n: u64) -> u64 {
            sum_iter_opaque(coro_filter_map(n))
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            sum_iter_opaque(Yields::new(pin!(coro_filter_map_unboxed(n))))
        }

        pub fn async_stream(n: u64) -> u64 {
            let stream = pin!(async_stream::stream! {
                for i in 0..n {
                    if !i.is_multiple_of(3) {
                        yield i * i;
                    }
                }
            });
            sum_polled_opaque(stream)
        }
    }

    /// The generator goes boxed to [`sum_dyn`], a `Box<dyn Iterator>`.
    pub mod dyn_consumer {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::sum_dyn;

        generators!();

        pub fn baseline(n: u64) -> u64 {
            sum_dyn(Box::new(FilterMap { next: 0, end: n }))
        }

        pub fn coro(n: u64) -> u64 {
            sum_dyn(Box::new(coro_filter_map(n)))
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            sum_dyn(Box::new(Yields::new(pin!(coro_filter_map_unboxed(n)))))
        }
    }
}

/// `tree`: an in-order walk of a perfect binary tree, by recursive
/// delegation.
pub mod tree {
    use core::future::Future;
    use core::pin::Pin;

    use coro::{generator, yield_, yield_from};
    use futures::Stream;

    use crate::{sum_iter, sum_polled};

    /// A node of a binary tree.
    #[derive(Debug)]
    pub struct Node {
        pub value: u64,
        pub left: Option<Box<Node>>,
        pub right: Option<Box<Node>>,
    }

    /// A perfect binary tree of `depth` levels (`2^depth - 1` nodes) whose
    /// in-order walk yields `0, 1, 2, ...`.
    pub fn perfect(depth: u32) -> Node {
        fn build(first: u64, depth: u32) -> Node {
            let half = (1_u64 << (depth - 1)) - 1;
            let child = |first| (depth > 1).then(|| Box::new(build(first, depth - 1)));
            Node {
                value: first + half,
                left: child(first),
                right: child(first + half + 1),
            }
        }
        build(0, depth.max(1))
    }

    /// The number of nodes of a perfect tree of `depth` levels.
    pub fn items(depth: u32) -> u64 {
        (1_u64 << depth) - 1
    }

    /// A walk of a tree, run once, returning the sum of its items.
    pub type Walk = fn(&Node) -> u64;

    /// The contenders, baseline first; then the shapes whose consumer is not
    /// inlined.
    pub const CONTENDERS: &[(&str, Walk)] = &[
        ("baseline", baseline),
        ("coro", coro),
        ("genawaiter rc", genawaiter_rc),
        ("next-gen", next_gen),
        ("async-stream", async_stream),
        ("baseline (opaque consumer)", opaque::baseline),
        ("baseline (dyn consumer)", dyn_consumer::baseline),
        ("coro (opaque consumer)", opaque::coro),
        ("coro (dyn consumer)", dyn_consumer::coro),
        ("async-stream (opaque consumer)", opaque::async_stream),
    ];

    /// The hand-written iterator and the recursive walks of coro (and, given
    /// `and async_stream_walk`, of async-stream), defined here and again in
    /// each module of a shape of consumer (see the crate's documentation).
    macro_rules! generators {
        () => {
            /// The hand-written iterator: an explicit stack of the nodes whose left
            /// subtree is being walked.
            #[derive(Debug)]
            pub struct InOrder<'a> {
                stack: Vec<&'a Node>,
                next: Option<&'a Node>,
            }

            impl<'a> InOrder<'a> {
                pub fn new(root: &'a Node) -> Self {
                    Self {
                        stack: Vec::with_capacity(64),
                        next: Some(root),
                    }
                }
            }

            impl Iterator for InOrder<'_> {
                type Item = u64;

                #[inline]
                fn next(&mut self) -> Option<u64> {
                    while let Some(node) = self.next {
                        self.stack.push(node);
                        self.next = node.left.as_deref();
                    }
                    let node = self.stack.pop()?;
                    self.next = node.right.as_deref();
                    Some(node.value)
                }
            }

            #[generator]
            fn coro_walk(node: &Node) -> impl Iterator<Item = u64> + '_ {
                if let Some(left) = &node.left {
                    yield_from!(coro_walk(left));
                }
                yield_!(node.value);
                if let Some(right) = &node.right {
                    yield_from!(coro_walk(right));
                }
            }
        };
        (and async_stream_walk) => {
            generators!();

            fn async_stream_walk(node: &Node) -> Pin<Box<dyn Stream<Item = u64> + '_>> {
                Box::pin(async_stream::stream! {
                    if let Some(left) = &node.left {
                        for await item in async_stream_walk(left) {
                            yield item;
                        }
                    }
                    yield node.value;
                    if let Some(right) = &node.right {
                        for await item in async_stream_walk(right) {
                            yield item;
                        }
                    }
                })
            }
        };
    }

    generators!(and async_stream_walk);

    pub fn baseline(root: &Node) -> u64 {
        sum_iter(InOrder::new(root))
    }

    pub fn coro(root: &Node) -> u64 {
        sum_iter(coro_walk(root))
    }

    /// A recursive `rc` generator: the future is boxed to give the recursive
    /// type a name.
    type RcWalk<'a> = genawaiter::rc::Gen<u64, (), Pin<Box<dyn Future<Output = ()> + 'a>>>;

    fn genawaiter_walk(node: &Node) -> RcWalk<'_> {
        genawaiter::rc::Gen::new(move |co| {
            Box::pin(async move {
                if let Some(left) = &node.left {
                    for item in genawaiter_walk(left) {
                        co.yield_(item).await;
                    }
                }
                co.yield_(node.value).await;
                if let Some(right) = &node.right {
                    for item in genawaiter_walk(right) {
                        co.yield_(item).await;
                    }
                }
            }) as Pin<Box<dyn Future<Output = ()>>>
        })
    }

    pub fn genawaiter_rc(root: &Node) -> u64 {
        sum_iter(genawaiter_walk(root).into_iter())
    }

    #[next_gen::generator(yield(u64))]
    fn next_gen_walk(node: &Node) {
        use next_gen::generator_fn::CallBoxed as _;
        if let Some(left) = &node.left {
            for item in next_gen_walk.call_boxed((left,)).as_mut() {
                yield_!(item);
            }
        }
        yield_!(node.value);
        if let Some(right) = &node.right {
            for item in next_gen_walk.call_boxed((right,)).as_mut() {
                yield_!(item);
            }
        }
    }

    pub fn next_gen(root: &Node) -> u64 {
        next_gen::mk_gen!(let generator = next_gen_walk(root));
        sum_iter(generator)
    }

    pub fn async_stream(root: &Node) -> u64 {
        sum_polled(async_stream_walk(root).as_mut())
    }

    /// The walk goes by value to [`sum_iter_opaque`], not inlined (the
    /// recursion inside it is unchanged).
    pub mod opaque {
        use core::pin::Pin;

        use coro::{generator, yield_, yield_from};
        use futures::Stream;

        use super::Node;
        use crate::{sum_iter_opaque, sum_polled_opaque};

        generators!(and async_stream_walk);

        pub fn baseline(root: &Node) -> u64 {
            sum_iter_opaque(InOrder::new(root))
        }

        pub fn coro(root: &Node) -> u64 {
            sum_iter_opaque(coro_walk(root))
        }

        pub fn async_stream(root: &Node) -> u64 {
            sum_polled_opaque(async_stream_walk(root))
        }
    }

    /// The walk goes boxed to [`sum_dyn`], a `Box<dyn Iterator>`.
    pub mod dyn_consumer {
        use coro::{generator, yield_, yield_from};

        use super::Node;
        use crate::sum_dyn;

        generators!();

        pub fn baseline(root: &Node) -> u64 {
            sum_dyn(Box::new(InOrder::new(root)))
        }

        pub fn coro(root: &Node) -> u64 {
            sum_dyn(Box::new(coro_walk(root)))
        }
    }
}

/// `create`: create `n` generators of 3 items each and sum all their items.
pub mod create {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::{Contender, sum_iter, sum_polled};

    /// The contenders, baseline first; then the shapes whose consumer is not
    /// inlined (one call of the consumer per generator).
    pub const CONTENDERS: &[Contender] = &[
        ("baseline", baseline),
        ("coro", coro),
        ("coro unboxed", coro_unboxed),
        ("genawaiter rc", genawaiter_rc),
        ("genawaiter stack", genawaiter_stack),
        ("next-gen", next_gen),
        ("async-stream", async_stream),
        ("baseline (opaque consumer)", opaque::baseline),
        ("baseline (dyn consumer)", dyn_consumer::baseline),
        ("coro (opaque consumer)", opaque::coro),
        ("coro (dyn consumer)", dyn_consumer::coro),
        ("coro unboxed (opaque consumer)", opaque::coro_unboxed),
        ("coro unboxed (dyn consumer)", dyn_consumer::coro_unboxed),
        ("async-stream (opaque consumer)", opaque::async_stream),
    ];

    /// The number of items of a run creating `n` generators.
    pub fn items(n: u64) -> u64 {
        3 * n
    }

    /// The hand-written iterator and coro's generators, defined here and
    /// again in each module of a shape of consumer (see the crate's
    /// documentation).
    macro_rules! generators {
        () => {
            /// The hand-written iterator: `first`, `first + 1`, `first + 2`.
            #[derive(Debug)]
            pub struct Three {
                first: u64,
                index: u64,
            }

            impl Iterator for Three {
                type Item = u64;

                #[inline]
                fn next(&mut self) -> Option<u64> {
                    if self.index < 3 {
                        self.index += 1;
                        Some(self.first + self.index - 1)
                    } else {
                        None
                    }
                }
            }

            #[generator]
            fn coro_three(first: u64) -> impl Iterator<Item = u64> {
                yield_!(first);
                yield_!(first + 1);
                yield_!(first + 2);
            }

            #[generator(unboxed)]
            fn coro_three_unboxed(first: u64) -> impl Coroutine<Yield = u64, Return = ()> {
                yield_!(first);
                yield_!(first + 1);
                yield_!(first + 2);
            }
        };
    }

    generators!();

    pub fn baseline(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            sum = sum.wrapping_add(sum_iter(Three { first, index: 0 }));
        }
        sum
    }

    pub fn coro(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            sum = sum.wrapping_add(sum_iter(coro_three(first)));
        }
        sum
    }

    pub fn coro_unboxed(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            let three = pin!(coro_three_unboxed(first));
            sum = sum.wrapping_add(sum_iter(Yields::new(three)));
        }
        sum
    }

    pub fn genawaiter_rc(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            let three = genawaiter::rc::Gen::new(|co| async move {
                co.yield_(first).await;
                co.yield_(first + 1).await;
                co.yield_(first + 2).await;
            });
            sum = sum.wrapping_add(sum_iter(three.into_iter()));
        }
        sum
    }

    pub fn genawaiter_stack(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            genawaiter::stack::let_gen_using!(three, |co| async move {
                co.yield_(first).await;
                co.yield_(first + 1).await;
                co.yield_(first + 2).await;
            });
            sum = sum.wrapping_add(sum_iter(three.into_iter()));
        }
        sum
    }

    #[next_gen::generator(yield(u64))]
    fn next_gen_three(first: u64) {
        yield_!(first);
        yield_!(first + 1);
        yield_!(first + 2);
    }

    pub fn next_gen(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            next_gen::mk_gen!(let three = next_gen_three(first));
            sum = sum.wrapping_add(sum_iter(three));
        }
        sum
    }

    pub fn async_stream(n: u64) -> u64 {
        let mut sum = 0_u64;
        for first in 0..n {
            let three = pin!(async_stream::stream! {
                yield first;
                yield first + 1;
                yield first + 2;
            });
            sum = sum.wrapping_add(sum_polled(three));
        }
        sum
    }

    /// Each generator goes by value to [`sum_iter_opaque`], not inlined.
    pub mod opaque {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::{sum_iter_opaque, sum_polled_opaque};

        generators!();

        pub fn baseline(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add(sum_iter_opaque(Three { first, index: 0 }));
            }
            sum
        }

        pub fn coro(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add(sum_iter_opaque(coro_three(first)));
            }
            sum
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                let three = pin!(coro_three_unboxed(first));
                sum = sum.wrapping_add(sum_iter_opaque(Yields::new(three)));
            }
            sum
        }

        pub fn async_stream(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                let three = pin!(async_stream::stream! {
                    yield first;
                    yield first + 1;
                    yield first + 2;
                });
                sum = sum.wrapping_add(sum_polled_opaque(three));
            }
            sum
        }
    }

    /// Each generator goes boxed to [`sum_dyn`], a `Box<dyn Iterator>`: one
    /// more allocation per generator, the hand-written one's included.
    pub mod dyn_consumer {
        use core::pin::pin;

        use coro::{Coroutine, Yields, generator, yield_};

        use crate::sum_dyn;

        generators!();

        pub fn baseline(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add(sum_dyn(Box::new(Three { first, index: 0 })));
            }
            sum
        }

        pub fn coro(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add(sum_dyn(Box::new(coro_three(first))));
            }
            sum
        }

        pub fn coro_unboxed(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                let three = pin!(coro_three_unboxed(first));
                sum = sum.wrapping_add(sum_dyn(Box::new(Yields::new(three))));
            }
            sum
        }
    }
}

/// `async_count`: a `Stream` of `0..n`, consumed under `block_on` with
/// `StreamExt::next`.
pub mod async_count {
    use core::pin::Pin;
    use core::task::{Context, Poll};

    use coro::{generator, yield_};
    use futures::Stream;

    use crate::{Contender, sum_stream};

    /// The contenders, baseline first.
    pub const CONTENDERS: &[Contender] = &[
        ("baseline", baseline),
        ("coro", coro),
        ("coro unboxed", coro_unboxed),
        ("genawaiter rc", genawaiter_rc),
        ("genawaiter stack", genawaiter_stack),
        ("async-stream", async_stream),
    ];

    /// The number of items of a run on `n`.
    pub fn items(n: u64) -> u64 {
        n
    }

    /// The hand-written stream.
    #[derive(Debug)]
    pub struct Count {
        next: u64,
        end: u64,
    }

    impl Stream for Count {
        type Item = u64;

        #[inline]
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u64>> {
            if self.next < self.end {
                let item = self.next;
                self.next += 1;
                Poll::Ready(Some(item))
            } else {
                Poll::Ready(None)
            }
        }
    }

    pub fn baseline(n: u64) -> u64 {
        sum_stream(Count { next: 0, end: n })
    }

    #[generator]
    async fn coro_count(n: u64) -> impl Stream<Item = u64> {
        for i in 0..n {
            yield_!(i);
        }
    }

    pub fn coro(n: u64) -> u64 {
        sum_stream(coro_count(n))
    }

    #[generator(unboxed)]
    async fn coro_count_unboxed(n: u64) -> impl Stream<Item = u64> {
        for i in 0..n {
            yield_!(i);
        }
    }

    pub fn coro_unboxed(n: u64) -> u64 {
        // `sum_stream` pins it on its stack.
        sum_stream(coro_count_unboxed(n))
    }

    pub fn genawaiter_rc(n: u64) -> u64 {
        sum_stream(genawaiter::rc::Gen::new(|co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        }))
    }

    pub fn genawaiter_stack(n: u64) -> u64 {
        genawaiter::stack::let_gen_using!(generator, |co| async move {
            for i in 0..n {
                co.yield_(i).await;
            }
        });
        sum_stream(generator)
    }

    pub fn async_stream(n: u64) -> u64 {
        sum_stream(async_stream::stream! {
            for i in 0..n {
                yield i;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{async_count, count, create, filter_map, tree};

    /// Every contender of a workload computes the baseline's sum: none
    /// skips work.
    #[test]
    fn contenders_agree() {
        for n in [0, 1, 2, 3, 10, 1000] {
            let expected: u64 = (0..n).sum();
            for (name, run) in count::CONTENDERS {
                assert_eq!(run(n), expected, "count {name} {n}");
            }
            for (name, run) in async_count::CONTENDERS {
                assert_eq!(run(n), expected, "async_count {name} {n}");
            }
            let expected: u64 = (0..n).filter(|i| i % 3 != 0).map(|i| i * i).sum();
            for (name, run) in filter_map::CONTENDERS {
                assert_eq!(run(n), expected, "filter_map {name} {n}");
            }
            let expected: u64 = (0..n).map(|i| 3 * i + 3).sum();
            for (name, run) in create::CONTENDERS {
                assert_eq!(run(n), expected, "create {name} {n}");
            }
        }
        for depth in [1, 2, 5, 10] {
            let root = tree::perfect(depth);
            let expected: u64 = (0..tree::items(depth)).sum();
            for (name, walk) in tree::CONTENDERS {
                assert_eq!(walk(&root), expected, "tree {name} {depth}");
            }
        }
    }

    #[test]
    fn item_counts() {
        for n in [0, 1, 2, 3, 4, 100] {
            assert_eq!(
                filter_map::items(n),
                (0..n).filter(|i| i % 3 != 0).count() as u64
            );
        }
        assert_eq!(tree::items(16), 65_535);
    }
}
