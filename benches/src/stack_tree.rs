//! `stack_tree`: the in-order walk of [`tree`](crate::tree)'s perfect binary
//! tree, with an explicit `Vec` stack inside one generator (no recursion, no
//! `yield_from!`).
//!
//! Every contender runs the same algorithm: push the root's left spine; then
//! pop a node, push its right child's left spine, and yield the node.
//! (Spelt this way, coro's body is native: only the stack lives across the
//! `yield_!`. A walk that keeps the next node in a variable across it, as
//! `tree`'s hand-written iterator does, is not, because that variable comes
//! out of `stack.pop()`, a method call on a local, which the native
//! engine's analysis takes as a possible borrow of the stack.)

use core::pin::pin;

use coro::{Coroutine, Yields, generator, yield_};

use crate::Size;
use crate::tree::{Node, Walk};
use crate::{sum_iter, sum_polled};

/// The contenders, baseline first; then the shapes whose consumer is not
/// inlined.
pub const CONTENDERS: &[(&str, Walk)] = &[
    ("baseline", baseline),
    ("coro", coro),
    ("coro fallback", coro_fallback),
    ("coro fallback unboxed", coro_fallback_unboxed),
    ("genawaiter rc", genawaiter_rc),
    ("genawaiter stack", genawaiter_stack),
    ("next-gen", next_gen),
    ("async-stream", async_stream),
    ("baseline (opaque consumer)", opaque::baseline),
    ("coro (opaque consumer)", opaque::coro),
    ("coro fallback (opaque consumer)", opaque::coro_fallback),
    (
        "coro fallback unboxed (opaque consumer)",
        opaque::coro_fallback_unboxed,
    ),
    ("genawaiter rc (opaque consumer)", opaque::genawaiter_rc),
    (
        "genawaiter stack (opaque consumer)",
        opaque::genawaiter_stack,
    ),
    ("next-gen (opaque consumer)", opaque::next_gen),
    ("async-stream (opaque consumer)", opaque::async_stream),
    ("baseline (dyn consumer)", dyn_consumer::baseline),
    ("coro (dyn consumer)", dyn_consumer::coro),
    ("coro fallback (dyn consumer)", dyn_consumer::coro_fallback),
    (
        "coro fallback unboxed (dyn consumer)",
        dyn_consumer::coro_fallback_unboxed,
    ),
];

/// The size of each contender's generator (see [`Size`]), made on a leaf.
pub const SIZES: &[Size] = sizes::SIZES;

/// The body every generator runs: `$yield` is how each yields a value.
macro_rules! body {
    ($root:ident, |$value:ident| $yield:expr) => {{
        let mut stack: Vec<&Node> = Vec::with_capacity(64);
        let mut spine = Some($root);
        while let Some(node) = spine {
            stack.push(node);
            spine = node.left.as_deref();
        }
        while let Some(node) = stack.pop() {
            let mut child = node.right.as_deref();
            while let Some(below) = child {
                stack.push(below);
                child = below.left.as_deref();
            }
            let $value = node.value;
            $yield;
        }
    }};
}

/// The hand-written iterator and the generators of coro and next-gen,
/// defined here and again in each module of a shape of consumer (see the
/// crate's documentation). coro's and next-gen's bodies are written out, as
/// their macros read `yield_!` in the body itself.
macro_rules! generators {
    () => {
        /// The hand-written iterator: the stack of nodes still to yield, each
        /// above the nodes of its right subtree.
        #[derive(Debug)]
        pub struct InOrder<'a> {
            stack: Vec<&'a Node>,
        }

        impl<'a> InOrder<'a> {
            pub fn new(root: &'a Node) -> Self {
                let mut stack = Vec::with_capacity(64);
                let mut spine = Some(root);
                while let Some(node) = spine {
                    stack.push(node);
                    spine = node.left.as_deref();
                }
                Self { stack }
            }
        }

        impl Iterator for InOrder<'_> {
            type Item = u64;

            #[inline]
            fn next(&mut self) -> Option<u64> {
                let node = self.stack.pop()?;
                let mut child = node.right.as_deref();
                while let Some(below) = child {
                    self.stack.push(below);
                    child = below.left.as_deref();
                }
                Some(node.value)
            }
        }

        /// Native: the macro's own state machine.
        #[generator]
        fn coro_in_order(root: &Node) -> impl Iterator<Item = u64> + '_ {
            let mut stack: Vec<&Node> = Vec::with_capacity(64);
            let mut spine = Some(root);
            while let Some(node) = spine {
                stack.push(node);
                spine = node.left.as_deref();
            }
            while let Some(node) = stack.pop() {
                let mut child = node.right.as_deref();
                while let Some(below) = child {
                    stack.push(below);
                    child = below.left.as_deref();
                }
                yield_!(node.value);
            }
        }

        /// The same body on the async engine, boxed.
        #[generator(fallback)]
        fn coro_in_order_fallback(root: &Node) -> impl Iterator<Item = u64> + '_ {
            let mut stack: Vec<&Node> = Vec::with_capacity(64);
            let mut spine = Some(root);
            while let Some(node) = spine {
                stack.push(node);
                spine = node.left.as_deref();
            }
            while let Some(node) = stack.pop() {
                let mut child = node.right.as_deref();
                while let Some(below) = child {
                    stack.push(below);
                    child = below.left.as_deref();
                }
                yield_!(node.value);
            }
        }

        /// The same body on the async engine, unboxed (pinned by the caller).
        #[generator(unboxed, fallback)]
        fn coro_in_order_fallback_unboxed(
            root: &Node,
        ) -> impl Coroutine<Yield = u64, Return = ()> + '_ {
            let mut stack: Vec<&Node> = Vec::with_capacity(64);
            let mut spine = Some(root);
            while let Some(node) = spine {
                stack.push(node);
                spine = node.left.as_deref();
            }
            while let Some(node) = stack.pop() {
                let mut child = node.right.as_deref();
                while let Some(below) = child {
                    stack.push(below);
                    child = below.left.as_deref();
                }
                yield_!(node.value);
            }
        }

        #[next_gen::generator(yield(u64))]
        fn next_gen_in_order(root: &Node) {
            let mut stack: Vec<&Node> = Vec::with_capacity(64);
            let mut spine = Some(root);
            while let Some(node) = spine {
                stack.push(node);
                spine = node.left.as_deref();
            }
            while let Some(node) = stack.pop() {
                let mut child = node.right.as_deref();
                while let Some(below) = child {
                    stack.push(below);
                    child = below.left.as_deref();
                }
                yield_!(node.value);
            }
        }
    };
}

/// The contenders of one shape of consumer: `$sum` sums an iterator,
/// `$sum_polled` a pinned stream.
macro_rules! contenders {
    ($sum:ident, $sum_polled:ident) => {
        pub fn baseline(root: &Node) -> u64 {
            $sum(InOrder::new(root))
        }

        pub fn coro(root: &Node) -> u64 {
            $sum(coro_in_order(root))
        }

        pub fn coro_fallback(root: &Node) -> u64 {
            $sum(coro_in_order_fallback(root))
        }

        pub fn coro_fallback_unboxed(root: &Node) -> u64 {
            $sum(Yields::new(pin!(coro_in_order_fallback_unboxed(root))))
        }

        pub fn genawaiter_rc(root: &Node) -> u64 {
            let generator = genawaiter::rc::Gen::new(|co| async move {
                body!(root, |value| co.yield_(value).await);
            });
            $sum(generator.into_iter())
        }

        pub fn genawaiter_stack(root: &Node) -> u64 {
            genawaiter::stack::let_gen_using!(generator, |co| async move {
                body!(root, |value| co.yield_(value).await);
            });
            $sum(generator.into_iter())
        }

        pub fn next_gen(root: &Node) -> u64 {
            next_gen::mk_gen!(let generator = next_gen_in_order(root));
            $sum(generator)
        }

        pub fn async_stream(root: &Node) -> u64 {
            let stream = pin!(async_stream::stream! {
                body!(root, |value| yield value);
            });
            $sum_polled(stream)
        }
    };
}

generators!();
contenders!(sum_iter, sum_polled);

/// The walk goes by value to [`sum_iter_opaque`](crate::sum_iter_opaque),
/// not inlined.
pub mod opaque {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::tree::Node;
    use crate::{sum_iter_opaque, sum_polled_opaque};

    generators!();
    contenders!(sum_iter_opaque, sum_polled_opaque);
}

/// The walk goes boxed to [`sum_dyn`](crate::sum_dyn), a `Box<dyn Iterator>`.
pub mod dyn_consumer {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::sum_dyn;
    use crate::tree::Node;

    generators!();

    pub fn baseline(root: &Node) -> u64 {
        sum_dyn(Box::new(InOrder::new(root)))
    }

    pub fn coro(root: &Node) -> u64 {
        sum_dyn(Box::new(coro_in_order(root)))
    }

    pub fn coro_fallback(root: &Node) -> u64 {
        sum_dyn(Box::new(coro_in_order_fallback(root)))
    }

    pub fn coro_fallback_unboxed(root: &Node) -> u64 {
        sum_dyn(Box::new(Yields::new(pin!(coro_in_order_fallback_unboxed(
            root
        )))))
    }
}

/// Each contender's generator, made on a leaf and measured but not run.
mod sizes {
    use core::pin::pin;
    use std::hint::black_box;

    use coro::{Coroutine, generator, yield_};

    use crate::tree::Node;
    use crate::{Size, made, pinned};

    generators!();

    /// A tree of one node.
    static LEAF: Node = Node {
        value: 0,
        left: None,
        right: None,
    };

    pub const SIZES: &[Size] = &[
        ("baseline", || made(InOrder::new(black_box(&LEAF)))),
        ("coro", || made(coro_in_order(black_box(&LEAF)))),
        ("coro fallback", || {
            made(coro_in_order_fallback(black_box(&LEAF)))
        }),
        ("coro fallback unboxed", || {
            pinned(pin!(coro_in_order_fallback_unboxed(black_box(&LEAF))))
        }),
        ("genawaiter rc", || {
            let root: &Node = black_box(&LEAF);
            made(genawaiter::rc::Gen::<_, (), _>::new(|co| async move {
                body!(root, |value| co.yield_(value).await);
            }))
        }),
        ("genawaiter stack", || {
            let root: &Node = black_box(&LEAF);
            genawaiter::stack::let_gen_using!(
                generator,
                |co: genawaiter::stack::Co<'_, u64>| async move {
                    body!(root, |value| co.yield_(value).await);
                }
            );
            crate::genawaiter_stack_size(generator)
        }),
        ("next-gen", || {
            next_gen::mk_gen!(let generator = next_gen_in_order(black_box(&LEAF)));
            pinned(generator)
        }),
        ("async-stream", || {
            let root: &Node = black_box(&LEAF);
            pinned(pin!(async_stream::stream! {
                body!(root, |value| yield value);
            }))
        }),
    ];
}
