//! `tree`: an in-order walk of a perfect binary tree, by recursive
//! delegation.

use core::future::Future;
use core::pin::Pin;

use coro::{generator, yield_, yield_from};
use futures::Stream;

use crate::{Size, sum_iter, sum_polled};

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
/// inlined. `coro` and `coro fallback` are the same expansion: a body with
/// `yield_from!` always runs on the async engine.
pub const CONTENDERS: &[(&str, Walk)] = &[
    ("baseline", baseline),
    ("coro", coro),
    ("coro fallback", coro_fallback),
    ("genawaiter rc", genawaiter_rc),
    ("next-gen", next_gen),
    ("async-stream", async_stream),
    ("baseline (opaque consumer)", opaque::baseline),
    ("coro (opaque consumer)", opaque::coro),
    ("coro fallback (opaque consumer)", opaque::coro_fallback),
    ("genawaiter rc (opaque consumer)", opaque::genawaiter_rc),
    ("next-gen (opaque consumer)", opaque::next_gen),
    ("async-stream (opaque consumer)", opaque::async_stream),
    ("baseline (dyn consumer)", dyn_consumer::baseline),
    ("coro (dyn consumer)", dyn_consumer::coro),
    ("coro fallback (dyn consumer)", dyn_consumer::coro_fallback),
];

/// The size of each contender's generator, made on a leaf (see [`Size`]):
/// the top generator only; each node's adds another of the same size.
pub const SIZES: &[Size] = sizes::SIZES;

/// A tree of one node, for [`SIZES`].
static LEAF: Node = Node {
    value: 0,
    left: None,
    right: None,
};

/// The hand-written iterator and the recursive walks of coro (and, given
/// `and peers`, of genawaiter, next-gen and async-stream), defined here and
/// again in each module of a shape of consumer (see the crate's
/// documentation).
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

        #[generator(fallback)]
        fn coro_walk_fallback(node: &Node) -> impl Iterator<Item = u64> + '_ {
            if let Some(left) = &node.left {
                yield_from!(coro_walk_fallback(left));
            }
            yield_!(node.value);
            if let Some(right) = &node.right {
                yield_from!(coro_walk_fallback(right));
            }
        }
    };
    (and peers) => {
        generators!();

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

generators!(and peers);

pub fn baseline(root: &Node) -> u64 {
    sum_iter(InOrder::new(root))
}

pub fn coro(root: &Node) -> u64 {
    sum_iter(coro_walk(root))
}

pub fn coro_fallback(root: &Node) -> u64 {
    sum_iter(coro_walk_fallback(root))
}

pub fn genawaiter_rc(root: &Node) -> u64 {
    sum_iter(genawaiter_walk(root).into_iter())
}

pub fn next_gen(root: &Node) -> u64 {
    next_gen::mk_gen!(let generator = next_gen_walk(root));
    sum_iter(generator)
}

pub fn async_stream(root: &Node) -> u64 {
    sum_polled(async_stream_walk(root).as_mut())
}

/// The walk goes by value to [`sum_iter_opaque`](crate::sum_iter_opaque),
/// not inlined (the recursion inside it is unchanged).
pub mod opaque {
    use core::future::Future;
    use core::pin::Pin;

    use coro::{generator, yield_, yield_from};
    use futures::Stream;

    use super::Node;
    use crate::{sum_iter_opaque, sum_polled_opaque};

    generators!(and peers);

    pub fn baseline(root: &Node) -> u64 {
        sum_iter_opaque(InOrder::new(root))
    }

    pub fn coro(root: &Node) -> u64 {
        sum_iter_opaque(coro_walk(root))
    }

    pub fn coro_fallback(root: &Node) -> u64 {
        sum_iter_opaque(coro_walk_fallback(root))
    }

    pub fn genawaiter_rc(root: &Node) -> u64 {
        sum_iter_opaque(genawaiter_walk(root).into_iter())
    }

    pub fn next_gen(root: &Node) -> u64 {
        next_gen::mk_gen!(let generator = next_gen_walk(root));
        sum_iter_opaque(generator)
    }

    pub fn async_stream(root: &Node) -> u64 {
        sum_polled_opaque(async_stream_walk(root))
    }
}

/// The walk goes boxed to [`sum_dyn`](crate::sum_dyn), a `Box<dyn Iterator>`.
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

    pub fn coro_fallback(root: &Node) -> u64 {
        sum_dyn(Box::new(coro_walk_fallback(root)))
    }
}

/// Each contender's generator, made on [`LEAF`] and measured but not run.
mod sizes {
    use core::future::Future;
    use core::pin::Pin;
    use std::hint::black_box;

    use coro::{generator, yield_, yield_from};
    use futures::Stream;

    use super::{LEAF, Node};
    use crate::{Size, made, pinned};

    generators!(and peers);

    pub const SIZES: &[Size] = &[
        ("baseline", || made(InOrder::new(black_box(&LEAF)))),
        ("coro", || made(coro_walk(black_box(&LEAF)))),
        ("coro fallback", || {
            made(coro_walk_fallback(black_box(&LEAF)))
        }),
        ("genawaiter rc", || made(genawaiter_walk(black_box(&LEAF)))),
        ("next-gen", || {
            next_gen::mk_gen!(let generator = next_gen_walk(black_box(&LEAF)));
            pinned(generator)
        }),
        ("async-stream", || made(async_stream_walk(black_box(&LEAF)))),
    ];
}
