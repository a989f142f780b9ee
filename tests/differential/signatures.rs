//! The bodies of `tests/signatures.rs`: methods (`&self`, `&mut self`,
//! `self`, `self: Box<Self>`), a trait's default method, generics with
//! bounds and `where` clauses, `impl Trait` and const generic arguments,
//! elided and explicit lifetimes, argument patterns, nested generator fns,
//! and `crate = ..`.
//!
//! Methods cannot be put in a module of their own per copy, so their copies
//! are written by `copies!` into the `impl` (each under its own name) and
//! compared by `compare_methods!` (see `macros.rs`).
#![allow(
    clippy::unit_arg,
    reason = "the copies with hooks written by hand: `hook(yield_!(v))`, as `inject_hooks!` writes"
)]

use std::collections::BTreeMap;
use std::fmt::{Debug, Display};
use std::iter::FusedIterator;

use coro::{generator, yield_};

/// A container with generator methods.
#[derive(Debug)]
pub(crate) struct Bag {
    items: Vec<String>,
    counter: u32,
}

fn bag() -> Bag {
    Bag {
        items: vec!["apple".into(), "avocado".into(), "banana".into()],
        counter: 0,
    }
}

/// A `Bag` for a `&mut self` method: a fresh one for each run, leaked, so
/// that the generator may borrow it for as long as the run needs.
fn leaked_bag() -> &'static mut Bag {
    Box::leak(Box::new(bag()))
}

impl Bag {
    copies!(coro::generator(native), [iter_native iter_fallback iter_native_injected iter_fallback_injected] [+ Clone]
        (&self) -> (impl Iterator<Item = &str> + '_)
    {
        for item in &self.items {
            yield_!(item.as_str());
        }
    });

    copies!(coro::generator(native), [tick_native tick_fallback tick_native_injected tick_fallback_injected] []
        (&mut self, times: u32) -> (impl Iterator<Item = u32> + '_)
    {
        for _ in 0..times {
            self.counter += 1;
            yield_!(self.counter);
        }
    });

    copies!(coro::generator(native), [into_upper_native into_upper_fallback into_upper_native_injected into_upper_fallback_injected]
        [+ Clone] (self) -> (impl Iterator<Item = String>)
    {
        for item in self.items {
            yield_!(item.to_uppercase());
        }
    });

    copies!(coro::generator(native), [boxed_len_native boxed_len_fallback boxed_len_native_injected boxed_len_fallback_injected]
        [+ Clone] (self: Box<Self>) -> (impl Iterator<Item = usize>)
    {
        yield_!(self.items.len());
    });

    copies!(coro::generator(native), [matching_native matching_fallback matching_native_injected matching_fallback_injected]
        [+ Clone] ['a, 'p] (&'a self, prefix: &'p str) -> (impl Iterator<Item = &'a String> + use<'a, 'p>)
    {
        for item in &self.items {
            if item.starts_with(prefix) {
                yield_!(item);
            }
        }
    });
}

impl Clone for Bag {
    fn clone(&self) -> Self {
        Bag {
            items: self.items.clone(),
            counter: self.counter,
        }
    }
}

static BAG: std::sync::LazyLock<Bag> = std::sync::LazyLock::new(bag);

compare_methods!(method_borrowing_self [iter_native iter_fallback iter_native_injected iter_fallback_injected]
    clone true calls(log) [(BAG) ()]);

compare_methods!(method_borrowing_self_mutably [tick_native tick_fallback tick_native_injected tick_fallback_injected]
    clone false calls(log) [(leaked_bag()) (3), (leaked_bag()) (0)]);

compare_methods!(method_taking_self [into_upper_native into_upper_fallback into_upper_native_injected into_upper_fallback_injected]
    clone true calls(log) [(bag()) ()]);

compare_methods!(method_taking_a_box [boxed_len_native boxed_len_fallback boxed_len_native_injected boxed_len_fallback_injected]
    clone true calls(log) [(Box::new(bag())) ()]);

compare_methods!(method_with_lifetimes [matching_native matching_fallback matching_native_injected matching_fallback_injected]
    clone true calls(log) [(BAG) ("a"), (BAG) ("b"), (BAG) ("")]);

/// A trait whose default method is a generator (four copies of it). The
/// native engine rejects it: `(1..=self.start()).rev()` may borrow a local.
pub(crate) trait Countdown {
    fn start(&self) -> u32;

    copies!(coro::generator, [countdown_native countdown_fallback countdown_native_injected countdown_fallback_injected]
        [] (&self) -> (impl Iterator<Item = u32>)
    {
        for i in (1..=self.start()).rev() {
            yield_!(i);
        }
    });
}

pub(crate) struct Three;

impl Countdown for Three {
    fn start(&self) -> u32 {
        3
    }
}

compare_methods!(trait_default_method [countdown_native countdown_fallback countdown_native_injected countdown_fallback_injected]
    clone false calls(log) [(Three) ()]);

/// The copy on the default engine is on the async one: the native engine
/// rejects the body.
#[test]
fn the_trait_default_method_is_on_the_async_engine() {
    drop(crate::harness::not_native(Three.countdown_native()));
}

differential! {
    iter pairs_up [K: Ord + Clone, V] (map: &BTreeMap<K, V>) -> (impl Iterator<Item = (K, &V)>)
        [where V: Debug]
        native [+ Clone] traits [Send, Sync]
    {
        for (k, v) in map {
            yield_!((k.clone(), v));
        }
    }
    setup {
        let map = BTreeMap::from([("b", 2), ("a", 1)]);
        let empty: BTreeMap<String, u8> = BTreeMap::new();
    }
    calls(log) [(&map), (&empty)]

    iter show_all(items: impl IntoIterator<Item = impl Display>) -> (impl Iterator<Item = String>)
        native [] traits [Send, Sync]
    {
        for item in items {
            yield_!(item.to_string());
        }
    }
    calls(log) [([1.5, 2.0]), (vec!['x']), (Vec::<u8>::new())]

    iter words(text: &str) -> (impl Iterator<Item = &str> + '_) native [+ Clone] traits [Send, Sync] {
        for w in text.split_whitespace() {
            yield_!(w);
        }
    }
    calls(log) [("a bc  def"), ("")]

    iter patterns((a, b): (u32, u32), [c, ..]: [u32; 3], mut step: u32, _: u32) -> (impl Iterator<Item = u32>)
        native [+ Clone] traits [Send, Sync]
    {
        yield_!(a + b + c);
        step *= 2;
        yield_!(step);
    }
    calls(log) [((1, 2), [3, 0, 0], 5, 0)]

    iter public() -> (impl Iterator<Item = u8>) native [+ Clone] traits [Send, Sync] {
        yield_!(1);
    }
    calls(log) [()]

    iter fused_and_send() -> (impl FusedIterator<Item = u8> + Send + 'static)
        native [+ Clone] traits [Send, Sync]
    {
        yield_!(1);
    }
    calls(log) [()]

    // (Not `Clone`: `inner`'s type does not say it is.)
    iter outer() -> (impl Iterator<Item = u32>) native [] traits [Send, Sync] {
        #[generator]
        fn inner(n: u32) -> impl Iterator<Item = u32> {
            yield_!(n);
            yield_!(n + 1);
        }
        for x in inner(10) {
            yield_!(x * 2);
        }
    }
    calls(log) [()]
}

/// Const generics: the copies need their argument named (`chunks::<2>`),
/// which `differential!` does not write, so by hand. The native engine
/// rejects the body (`data.chunks_exact(N)` borrows a local), so `native`
/// here is the default engine, checked to be the async one.
mod const_generics {
    use coro::yield_;

    use crate::harness::{Ctx, Log, compare_iter};

    macro_rules! free {
        ($($attr:meta: $name:ident),*) => {$(
            #[$attr]
            fn $name<const N: usize>(data: Vec<u8>) -> impl Iterator<Item = [u8; N]> {
                for chunk in data.chunks_exact(N) {
                    let mut out = [0; N];
                    out.copy_from_slice(chunk);
                    yield_!(out);
                }
            }
        )*};
    }
    // The native engine rejects it: `data.chunks_exact(N)` borrows a local.
    free!(coro::generator: native, coro::generator(fallback): fallback);

    // With hooks.
    #[coro::generator]
    fn native_injected<const N: usize>(data: Vec<u8>) -> impl Iterator<Item = [u8; N]> {
        for chunk in data.chunks_exact(N) {
            let mut out = [0; N];
            out.copy_from_slice(chunk);
            crate::harness::hook(yield_!(out));
        }
    }
    #[coro::generator(fallback)]
    fn fallback_injected<const N: usize>(data: Vec<u8>) -> impl Iterator<Item = [u8; N]> {
        for chunk in data.chunks_exact(N) {
            let mut out = [0; N];
            out.copy_from_slice(chunk);
            crate::harness::hook(yield_!(out));
        }
    }

    #[test]
    fn differential() {
        crate::harness::quiet();
        for data in [vec![1, 2, 3, 4, 5], vec![], vec![9, 9]] {
            let ctx = Ctx::new(module_path!(), "chunks::<2>");
            drop(crate::harness::not_native(native::<2>(Vec::new())));
            compare_iter(
                &ctx,
                "the native engine",
                &|_: &Log| fallback::<2>(data.clone()),
                &|_: &Log| fallback_injected::<2>(data.clone()),
                &|_: &Log| native::<2>(data.clone()),
                &|_: &Log| native_injected::<2>(data.clone()),
            );
        }
    }
}

/// `#[generator(crate = ..)]` for a renamed `coro`.
mod renamed {
    use coro as my_coro;
    use my_coro::{generator, yield_};

    use crate::harness::{Ctx, Log, compare_iter, hook};

    #[generator(crate = my_coro, native)]
    fn native() -> impl Iterator<Item = u8> {
        yield_!(7);
    }
    #[generator(crate = my_coro, fallback)]
    fn fallback() -> impl Iterator<Item = u8> {
        yield_!(7);
    }
    #[generator(crate = my_coro, native)]
    fn native_injected() -> impl Iterator<Item = u8> {
        hook(yield_!(7));
    }
    #[generator(crate = my_coro, fallback)]
    fn fallback_injected() -> impl Iterator<Item = u8> {
        hook(yield_!(7));
    }

    #[test]
    fn differential() {
        crate::harness::quiet();
        let ctx = Ctx::new(module_path!(), "()");
        compare_iter(
            &ctx,
            "the native engine",
            &|_: &Log| fallback(),
            &|_: &Log| fallback_injected(),
            &|_: &Log| native(),
            &|_: &Log| native_injected(),
        );
    }
}
