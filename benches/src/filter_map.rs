//! `filter_map`: yield `i * i` for the `i` in `0..n` not divisible by 3, and
//! sum.

use core::pin::pin;

use coro::{Coroutine, Yields, generator, yield_};

use crate::{Contender, Size, sum_iter, sum_polled};

/// The contenders, baseline first; then the shapes whose consumer is not
/// inlined.
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

/// The number of items of a run on `n`: the `i` in `0..n` with
/// `i % 3 != 0`.
pub fn items(n: u64) -> u64 {
    n - n.div_ceil(3)
}

/// The hand-written iterator and the generators of coro and next-gen,
/// defined here and again in each module of a shape of consumer (see the
/// crate's documentation).
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

        /// Native: the macro's own state machine.
        #[generator]
        fn coro_filter_map(n: u64) -> impl Iterator<Item = u64> {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    yield_!(i * i);
                }
            }
        }

        /// The same body on the async engine, boxed.
        #[generator(fallback)]
        fn coro_filter_map_fallback(n: u64) -> impl Iterator<Item = u64> {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    yield_!(i * i);
                }
            }
        }

        /// The same body on the async engine, unboxed (pinned by the caller).
        #[generator(unboxed, fallback)]
        fn coro_filter_map_fallback_unboxed(n: u64) -> impl Coroutine<Yield = u64, Return = ()> {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    yield_!(i * i);
                }
            }
        }

        #[next_gen::generator(yield(u64))]
        fn next_gen_filter_map(n: u64) {
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

pub fn coro_fallback(n: u64) -> u64 {
    sum_iter(coro_filter_map_fallback(n))
}

pub fn coro_fallback_unboxed(n: u64) -> u64 {
    sum_iter(Yields::new(pin!(coro_filter_map_fallback_unboxed(n))))
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

/// The generator goes by value to [`sum_iter_opaque`](crate::sum_iter_opaque),
/// not inlined.
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

    pub fn coro_fallback(n: u64) -> u64 {
        sum_iter_opaque(coro_filter_map_fallback(n))
    }

    pub fn coro_fallback_unboxed(n: u64) -> u64 {
        sum_iter_opaque(Yields::new(pin!(coro_filter_map_fallback_unboxed(n))))
    }

    pub fn genawaiter_rc(n: u64) -> u64 {
        let generator = genawaiter::rc::Gen::new(|co| async move {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    co.yield_(i * i).await;
                }
            }
        });
        sum_iter_opaque(generator.into_iter())
    }

    pub fn genawaiter_stack(n: u64) -> u64 {
        genawaiter::stack::let_gen_using!(generator, |co| async move {
            for i in 0..n {
                if !i.is_multiple_of(3) {
                    co.yield_(i * i).await;
                }
            }
        });
        sum_iter_opaque(generator.into_iter())
    }

    pub fn next_gen(n: u64) -> u64 {
        next_gen::mk_gen!(let generator = next_gen_filter_map(n));
        sum_iter_opaque(generator)
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

/// The generator goes boxed to [`sum_dyn`](crate::sum_dyn), a
/// `Box<dyn Iterator>`.
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

    pub fn coro_fallback(n: u64) -> u64 {
        sum_dyn(Box::new(coro_filter_map_fallback(n)))
    }

    pub fn coro_fallback_unboxed(n: u64) -> u64 {
        sum_dyn(Box::new(Yields::new(pin!(
            coro_filter_map_fallback_unboxed(n)
        ))))
    }
}

/// Each contender's generator, made and measured but not run.
mod sizes {
    use core::pin::pin;
    use std::hint::black_box;

    use coro::{Coroutine, generator, yield_};

    use crate::{Size, made, pinned};

    generators!();

    pub const SIZES: &[Size] = &[
        ("baseline", || made(FilterMap { next: 0, end: 3 })),
        ("coro", || made(coro_filter_map(black_box(3_u64)))),
        ("coro fallback", || {
            made(coro_filter_map_fallback(black_box(3_u64)))
        }),
        ("coro fallback unboxed", || {
            pinned(pin!(coro_filter_map_fallback_unboxed(black_box(3_u64))))
        }),
        ("genawaiter rc", || {
            let n = black_box(3_u64);
            made(genawaiter::rc::Gen::<_, (), _>::new(|co| async move {
                for i in 0..n {
                    if !i.is_multiple_of(3) {
                        co.yield_(i * i).await;
                    }
                }
            }))
        }),
        ("genawaiter stack", || {
            let n = black_box(3_u64);
            genawaiter::stack::let_gen_using!(
                generator,
                |co: genawaiter::stack::Co<'_, u64>| async move {
                    for i in 0..n {
                        if !i.is_multiple_of(3) {
                            co.yield_(i * i).await;
                        }
                    }
                }
            );
            crate::genawaiter_stack_size(generator)
        }),
        ("next-gen", || {
            next_gen::mk_gen!(let generator = next_gen_filter_map(black_box(3_u64)));
            pinned(generator)
        }),
        ("async-stream", || {
            let n = black_box(3_u64);
            pinned(pin!(async_stream::stream! {
                for i in 0..n {
                    if !i.is_multiple_of(3) {
                        yield i * i;
                    }
                }
            }))
        }),
    ];
}
