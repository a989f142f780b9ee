//! `filter_map`: yield `i * i` for the `i` in `0..n` not divisible by 3, and
//! sum.

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
