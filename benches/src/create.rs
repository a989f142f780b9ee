//! `create`: create `n` generators of 3 items each and sum all their items.

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
