//! `create`: create `n` generators of 3 items each and sum all their items.

use core::pin::pin;

use coro::{Coroutine, Yields, generator, yield_};

use crate::{Contender, Size, sum_iter, sum_polled};

/// The contenders, baseline first; then the shapes whose consumer is not
/// inlined (one call of the consumer per generator).
pub const CONTENDERS: &[Contender] = &[
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

/// The size of each contender's generator (see [`Size`]).
pub const SIZES: &[Size] = sizes::SIZES;

/// The number of items of a run creating `n` generators.
pub fn items(n: u64) -> u64 {
    3 * n
}

/// The hand-written iterator and the generators of coro and next-gen,
/// defined here and again in each module of a shape of consumer (see the
/// crate's documentation).
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

        /// Native: the macro's own state machine.
        #[generator]
        fn coro_three(first: u64) -> impl Iterator<Item = u64> {
            yield_!(first);
            yield_!(first + 1);
            yield_!(first + 2);
        }

        /// The same body on the async engine, boxed.
        #[generator(fallback)]
        fn coro_three_fallback(first: u64) -> impl Iterator<Item = u64> {
            yield_!(first);
            yield_!(first + 1);
            yield_!(first + 2);
        }

        /// The same body on the async engine, unboxed (pinned by the caller).
        #[generator(unboxed, fallback)]
        fn coro_three_fallback_unboxed(first: u64) -> impl Coroutine<Yield = u64, Return = ()> {
            yield_!(first);
            yield_!(first + 1);
            yield_!(first + 2);
        }

        #[next_gen::generator(yield(u64))]
        fn next_gen_three(first: u64) {
            yield_!(first);
            yield_!(first + 1);
            yield_!(first + 2);
        }
    };
}

/// The contenders of one shape of consumer, `$sum` summing one generator
/// (and `$sum_polled` one stream, where the shape has it): `n` generators
/// made and consumed one after the other.
macro_rules! contenders {
    ($sum:ident) => {
        pub fn baseline(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add($sum(Three { first, index: 0 }));
            }
            sum
        }

        pub fn coro(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add($sum(coro_three(first)));
            }
            sum
        }

        pub fn coro_fallback(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                sum = sum.wrapping_add($sum(coro_three_fallback(first)));
            }
            sum
        }

        pub fn coro_fallback_unboxed(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                let three = pin!(coro_three_fallback_unboxed(first));
                sum = sum.wrapping_add($sum(Yields::new(three)));
            }
            sum
        }
    };
    ($sum:ident, $sum_polled:ident) => {
        contenders!($sum);

        pub fn genawaiter_rc(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                let three = genawaiter::rc::Gen::new(|co| async move {
                    co.yield_(first).await;
                    co.yield_(first + 1).await;
                    co.yield_(first + 2).await;
                });
                sum = sum.wrapping_add($sum(three.into_iter()));
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
                sum = sum.wrapping_add($sum(three.into_iter()));
            }
            sum
        }

        pub fn next_gen(n: u64) -> u64 {
            let mut sum = 0_u64;
            for first in 0..n {
                next_gen::mk_gen!(let three = next_gen_three(first));
                sum = sum.wrapping_add($sum(three));
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
                sum = sum.wrapping_add($sum_polled(three));
            }
            sum
        }
    };
}

generators!();
contenders!(sum_iter, sum_polled);

/// Each generator goes by value to
/// [`sum_iter_opaque`](crate::sum_iter_opaque), not inlined.
pub mod opaque {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::{sum_iter_opaque, sum_polled_opaque};

    generators!();
    contenders!(sum_iter_opaque, sum_polled_opaque);
}

/// Each generator goes boxed to [`sum_dyn`](crate::sum_dyn), a
/// `Box<dyn Iterator>`: one more allocation per generator, the hand-written
/// one's included.
pub mod dyn_consumer {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    generators!();

    /// Boxes the generator and sums it through `Box<dyn Iterator>`.
    #[inline]
    fn boxed<'a>(items: impl Iterator<Item = u64> + 'a) -> u64 {
        crate::sum_dyn(Box::new(items))
    }

    contenders!(boxed);
}

/// Each contender's generator, made and measured but not run.
mod sizes {
    use core::pin::pin;
    use std::hint::black_box;

    use coro::{Coroutine, generator, yield_};

    use crate::{Size, made, pinned};

    generators!();

    pub const SIZES: &[Size] = &[
        ("baseline", || made(Three { first: 3, index: 0 })),
        ("coro", || made(coro_three(black_box(3)))),
        ("coro fallback", || made(coro_three_fallback(black_box(3)))),
        ("coro fallback unboxed", || {
            pinned(pin!(coro_three_fallback_unboxed(black_box(3))))
        }),
        ("genawaiter rc", || {
            let first = black_box(3_u64);
            made(genawaiter::rc::Gen::<_, (), _>::new(|co| async move {
                co.yield_(first).await;
                co.yield_(first + 1).await;
                co.yield_(first + 2).await;
            }))
        }),
        ("genawaiter stack", || {
            let first = black_box(3_u64);
            genawaiter::stack::let_gen_using!(
                three,
                |co: genawaiter::stack::Co<'_, u64>| async move {
                    co.yield_(first).await;
                    co.yield_(first + 1).await;
                    co.yield_(first + 2).await;
                }
            );
            crate::genawaiter_stack_size(three)
        }),
        ("next-gen", || {
            next_gen::mk_gen!(let three = next_gen_three(black_box(3)));
            pinned(three)
        }),
        ("async-stream", || {
            let first = black_box(3_u64);
            pinned(pin!(async_stream::stream! {
                yield first;
                yield first + 1;
                yield first + 2;
            }))
        }),
    ];
}
