//! The contenders of coro's benchmarks, one function per contender and
//! workload, shared by the criterion bench (`benches/generators.rs`) and by
//! the callgrind binary (`src/bin/count_instructions.rs`); a module per
//! workload.
//!
//! Every contender of a workload computes the same sum, and every one passes
//! each item through [`black_box`] before adding it, so that LLVM can turn
//! none of the loops into a closed formula and every contender pays the same
//! per-item cost on the consumer's side. The inputs go through [`black_box`]
//! too, so that nothing is computed at compile time.
//!
//! coro runs each sync body in up to three ways:
//!
//! * `coro`: `#[generator]`, which picks the native engine (the macro's own
//!   state machine: no allocation, `Unpin`) wherever the body allows it, and
//!   the async engine otherwise (the recursive `tree`, with `yield_from!`;
//!   every async generator);
//! * `coro fallback`: the same body with `#[generator(fallback)]`, forced onto
//!   the async engine (boxed: one allocation per generator);
//! * `coro fallback unboxed`: `#[generator(unboxed, fallback)]`, the async
//!   engine pinned on the stack with `pin!` and iterated with `Yields`.
//!   (`#[generator(unboxed)]` alone is not a row: on a body the native engine
//!   takes, the macro builds the native state machine and ignores `unboxed`,
//!   so it measured `coro` again, through `Coroutine` and `Yields`. The async
//!   workload keeps its `coro unboxed`, which is the unboxed async engine.)
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
//! Each sync workload also runs its contenders in two more shapes, where the
//! loop that consumes the generator is not inlined into the function that
//! makes it:
//!
//! * `(opaque consumer)`: the generator goes by value to [`sum_iter_opaque`]
//!   (a stream to [`sum_polled_opaque`]), generic but `#[inline(never)]`: a
//!   generator consumed by a function of another crate, or by one too big to
//!   inline; every contender has this shape;
//! * `(dyn consumer)`: the generator goes to [`sum_dyn`] as a
//!   `Box<dyn Iterator>`, so that every `next` is an indirect call (and
//!   boxing it allocates once per generator, for the hand-written one too);
//!   the baseline and coro's rows have this shape.
//!
//! Each shape has its own copy of the workload's hand-written iterator and
//! generators (a module per shape, expanding the workload's `generators!`),
//! so that each contender's `next` has one caller, as it had before the
//! shapes were added: LLVM inlines a function with a single caller far more
//! eagerly, and sharing one generator between the inlined contender and the
//! others made the inlined `coro` of `count` cost 42 instructions per item
//! instead of 5. Each workload's `SIZES` (for `count_instructions sizes`)
//! makes yet another copy.

use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::hint::black_box;

use futures::{Stream, StreamExt as _};

/// What an item adds to a workload's sum: itself for a number, its length
/// for a token.
pub trait Weight {
    /// The item's part of the sum.
    fn weight(self) -> u64;
}

impl Weight for u64 {
    #[inline]
    fn weight(self) -> u64 {
        self
    }
}

impl Weight for &str {
    #[inline]
    fn weight(self) -> u64 {
        self.len() as u64
    }
}

/// Sums an iterator's items, each through [`black_box`].
#[inline]
pub fn sum_iter<I: Iterator<Item: Weight>>(items: I) -> u64 {
    let mut sum = 0_u64;
    for item in items {
        sum = sum.wrapping_add(black_box(item).weight());
    }
    sum
}

/// Sums an iterator's items like [`sum_iter`], in a function of its own: the
/// generator is made by the caller and consumed here, not inlined into it.
#[inline(never)]
pub fn sum_iter_opaque<I: Iterator<Item: Weight>>(items: I) -> u64 {
    sum_iter(items)
}

/// Sums a boxed iterator's items like [`sum_iter`], each through an indirect
/// call to its `next`, in a function of its own.
#[inline(never)]
pub fn sum_dyn<T: Weight>(items: Box<dyn Iterator<Item = T> + '_>) -> u64 {
    sum_iter(items)
}

/// Sums a stream that never returns `Pending`, polled by hand with a no-op
/// waker: how a sync workload drives a contender that is only a `Stream`.
///
/// # Panics
///
/// If the stream returns `Pending`.
#[inline]
pub fn sum_polled<S: Stream<Item: Weight> + ?Sized>(stream: Pin<&mut S>) -> u64 {
    let mut stream = stream;
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0_u64;
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => sum = sum.wrapping_add(black_box(item).weight()),
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
pub fn sum_polled_opaque<S: Stream<Item: Weight> + Unpin>(stream: S) -> u64 {
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

/// A contender's generator size: its name in the reports and a function
/// that makes its generator for a tiny input (not running it), keeps it in
/// memory with [`black_box`], and returns `size_of_val` of the value as made
/// (for a pinned generator, of the pinned value). The heap bytes a boxed
/// generator adds are what the call allocates: `count_instructions sizes`
/// counts them with its counting allocator.
pub type Size = (&'static str, fn() -> usize);

/// The size of a generator value as made, kept in memory so that an
/// allocation it made is not optimised away.
#[inline(never)]
pub fn made<T>(value: T) -> usize {
    let value = black_box(value);
    size_of_val(&value)
}

/// The size of a pinned generator (on the stack), kept in memory.
#[inline(never)]
pub fn pinned<T: ?Sized>(value: Pin<&mut T>) -> usize {
    let value = black_box(value);
    size_of_val(&*value)
}

/// The size of a `genawaiter::stack` generator: its shelf, which
/// `let_gen_using!` keeps out of reach and the `Gen` points into.
#[inline(never)]
pub fn genawaiter_stack_size<Y, R, F: Future>(
    generator: &mut genawaiter::stack::Gen<'_, Y, R, F>,
) -> usize {
    black_box(generator);
    size_of::<genawaiter::stack::Shelf<Y, R, F>>()
}

pub mod count;

pub mod filter_map;

pub mod tokenizer;

pub mod tree;

pub mod stack_tree;

pub mod create;

pub mod async_count;

#[cfg(test)]
mod tests {
    use super::{async_count, count, create, filter_map, stack_tree, tokenizer, tree};

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
            let text = tokenizer::text(n);
            let expected = reference_tokens(&text).iter().map(|t| t.len() as u64).sum();
            for (name, run) in tokenizer::CONTENDERS {
                assert_eq!(run(&text), expected, "tokenizer {name} {n}");
            }
        }
        for depth in [1, 2, 5, 10] {
            let root = tree::perfect(depth);
            let expected: u64 = (0..tree::items(depth)).sum();
            for (name, walk) in tree::CONTENDERS {
                assert_eq!(walk(&root), expected, "tree {name} {depth}");
            }
            for (name, walk) in stack_tree::CONTENDERS {
                assert_eq!(walk(&root), expected, "stack_tree {name} {depth}");
            }
        }
    }

    /// The tokens of a text, by another method: split at spaces, then each
    /// piece into its runs of word bytes and its other bytes.
    fn reference_tokens(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        for piece in text.split(' ').filter(|piece| !piece.is_empty()) {
            let mut rest = piece;
            while let Some(first) = rest.bytes().next() {
                let len = if tokenizer::is_word(first) {
                    rest.bytes().take_while(|&b| tokenizer::is_word(b)).count()
                } else {
                    1
                };
                tokens.push(&rest[..len]);
                rest = &rest[len..];
            }
        }
        tokens
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
        for n in [0, 1, 2, 7, 1000, 100_000] {
            let text = tokenizer::text(n);
            assert_eq!(reference_tokens(&text).len() as u64, tokenizer::items(n));
        }
    }

    /// The tokens are words and punctuation, as the workload says, and the
    /// text is the same for every run.
    #[test]
    fn tokens() {
        let text = tokenizer::text(40);
        let tokens = reference_tokens(&text);
        assert!(tokens.iter().any(|t| t.len() > 3), "{text}");
        assert!(
            tokens.iter().any(|t| !tokenizer::is_word(t.as_bytes()[0])),
            "{text}"
        );
        assert_eq!(text, tokenizer::text(40));
        assert!(tokenizer::text(2000).starts_with(&*text));
    }

    /// Every workload lists the sizes of its contenders, baseline first.
    #[test]
    fn sizes() {
        for sizes in [
            count::SIZES,
            filter_map::SIZES,
            tokenizer::SIZES,
            tree::SIZES,
            stack_tree::SIZES,
            create::SIZES,
            async_count::SIZES,
        ] {
            assert_eq!(sizes[0].0, "baseline");
            for (_, size) in sizes {
                assert!(size() > 0);
            }
        }
    }
}
