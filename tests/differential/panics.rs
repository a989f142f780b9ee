//! The bodies of `tests/panics.rs`: a panic in the body reaches the caller,
//! the generator is finished, nothing is dropped twice. (Its last test
//! drives a hand-written async closure through the hidden constructor: no
//! body for the macros.) As in `drop.rs`, each body with `log.noisy(..)`
//! locals held across a `yield_!` is here as written and in the form the
//! native engine takes.

use coro::{Coroutine, yield_};

use crate::harness::{Log, Noisy};

differential! {
    iter panics_at(log: Log, panic_after: usize) -> (impl Iterator<Item = Noisy>)
        fallback_only ["`_a` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let _a = log.noisy("a");
        for i in 0..3 {
            let _local = log.noisy(format!("local{i}"));
            assert!(i != panic_after, "boom at {i}");
            yield_!(log.noisy(format!("item{i}")));
        }
    }
    calls(log) [(log.clone(), 0), (log.clone(), 1), (log.clone(), 2), (log.clone(), 3)]

    iter panics_at_native(log: Log, panic_after: usize) -> (impl Iterator<Item = Noisy>)
        native [+ Clone] traits [Send, Sync]
    {
        let _a = Noisy::new(log.clone(), "a");
        for i in 0..3 {
            let _local = Noisy::new(log.clone(), format!("local{i}"));
            assert!(i != panic_after, "boom at {i}");
            yield_!(Noisy::new(log.clone(), format!("item{i}")));
        }
    }
    calls(log) [(log.clone(), 0), (log.clone(), 1), (log.clone(), 2), (log.clone(), 3)]

    iter_block a_panic_in_an_items_destructor(inner: Log) -> Noisy, native [+ Clone] traits [Send, Sync] {
        yield_!(inner.bomb("item"));
        yield_!(inner.noisy("next"));
    }
    calls(log) [(log.clone())]

    iter drops_a_bomb(log: Log) -> (impl Iterator<Item = u8>)
        fallback_only ["`keep` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let keep = log.noisy("keep");
        {
            let _bomb = log.bomb("bomb");
            yield_!(1);
        }
        yield_!(2);
        drop(keep);
    }
    calls(log) [(log.clone())]

    iter drops_a_bomb_native(log: Log) -> (impl Iterator<Item = u8>) native [] traits [Send, Sync] {
        let keep = Noisy::new(log.clone(), "keep");
        {
            let _bomb = Noisy::new_bomb(log.clone(), "bomb");
            yield_!(1);
        }
        yield_!(2);
        drop(keep);
    }
    calls(log) [(log.clone())]

    iter then_unreachable() -> (impl Iterator<Item = u8>) native [+ Clone] traits [Send, Sync] {
        yield_!(1);
        unreachable!("the consumer stops before this")
    }
    calls(log) [()]

    coro fails(log: Log) -> (impl Coroutine<Yield = u32, Return = &'static str>)
        fallback_only ["`_local` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let _local = log.noisy("local");
        yield_!(1);
        panic!("inner failure");
    }
    calls(log) [(log.clone()) [(), (), ()]]

    coro fails_native(log: Log) -> (impl Coroutine<Yield = u32, Return = &'static str>)
        native [+ Clone] traits [Send, Sync]
    {
        let _local = Noisy::new(log.clone(), "local");
        yield_!(1);
        panic!("inner failure");
    }
    calls(log) [(log.clone()) [(), (), ()]]
}
