//! The bodies of `tests/drop.rs`: dropping a generator at any point drops
//! every live local once, innermost first, then its arguments.
//!
//! The bodies there make their logged locals with `log.noisy(..)`, a method
//! call on `log`, whose result the native engine takes to borrow `log`: each
//! such local held across a `yield_!` sends the body to the async engine.
//! So each body is here twice: as written (on the default engine, checked
//! to be the async one), and with `Noisy::new(log.clone(), ..)`, which the
//! native engine takes. Bodies where a logged local is not used after a
//! `yield_!` (the one documented difference) are in `early_drop.rs`.

use coro::yield_;

use crate::harness::{Log, Noisy};

differential! {
    iter three(log: Log, arg: Noisy) -> (impl Iterator<Item = Noisy>)
        fallback_only ["`a` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let a = log.noisy("a");
        yield_!(log.noisy("item1"));
        let b = log.noisy("b");
        yield_!(log.noisy("item2"));
        {
            let c = log.noisy("c");
            yield_!(log.noisy("item3"));
            drop(c);
        }
        log.push("end of body");
        drop((a, b, arg));
    }
    calls(log) [(log.clone(), log.noisy("arg"))]

    iter three_native(log: Log, arg: Noisy) -> (impl Iterator<Item = Noisy>)
        native [+ Clone] traits [Send, Sync]
    {
        let a = Noisy::new(log.clone(), "a");
        yield_!(Noisy::new(log.clone(), "item1"));
        let b = Noisy::new(log.clone(), "b");
        yield_!(Noisy::new(log.clone(), "item2"));
        {
            let c = Noisy::new(log.clone(), "c");
            yield_!(Noisy::new(log.clone(), "item3"));
            drop(c);
        }
        log.push("end of body");
        drop((a, b, arg));
    }
    calls(log) [(log.clone(), log.noisy("arg"))]

    iter with_bomb(log: Log) -> (impl Iterator<Item = u8>)
        fallback_only ["`_first` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let _first = log.noisy("first");
        let _bomb = log.bomb("bomb");
        let _last = log.noisy("last");
        yield_!(1);
    }
    calls(log) [(log.clone())]

    iter with_bomb_native(log: Log) -> (impl Iterator<Item = u8>) native [] traits [Send, Sync] {
        let _first = Noisy::new(log.clone(), "first");
        let _bomb = Noisy::new_bomb(log.clone(), "bomb");
        let _last = Noisy::new(log.clone(), "last");
        yield_!(1);
    }
    calls(log) [(log.clone())]

    iter borrows(log: Log) -> (impl Iterator<Item = usize>)
        fallback_only ["`for n in &owner` borrows a local across the `yield_!`"] traits [Send, Sync]
    {
        let owner = vec![log.noisy("x"), log.noisy("y")];
        for n in &owner {
            yield_!(n.name.len());
        }
    }
    calls(log) [(log.clone())]

    // The same by index, which the native engine takes.
    iter borrows_by_index(log: Log) -> (impl Iterator<Item = usize>)
        native [+ Clone] traits [Send, Sync]
    {
        let owner = vec![Noisy::new(log.clone(), "x"), Noisy::new(log.clone(), "y")];
        for i in 0..owner.len() {
            yield_!(owner[i].name.len());
        }
    }
    calls(log) [(log.clone())]

    // `iter_block_captures_drop_with_it`, with the capture used after the
    // `yield_!` (the original drops it unused: see `early_drop.rs`).
    iter_block block_captures(inner_log: Log, captured: Noisy) -> usize,
        native [+ Clone] traits [Send, Sync]
    {
        let local = Noisy::new(inner_log.clone(), "local");
        yield_!(captured.name.len());
        drop(local);
        drop(captured);
    }
    calls(log) [(log.clone(), log.noisy("captured"))]
}
