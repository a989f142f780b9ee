//! Dropping a generator at any point drops every live local of its body
//! exactly once, in the order a function unwinding from that point would, and
//! its arguments with it.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::{Log, Noisy};
use coro::{generator, iter, yield_};

/// Three locals, declared around three yields; each yield hands out a fresh
/// item too.
#[generator]
fn three(log: Log, arg: Noisy) -> impl Iterator<Item = Noisy> {
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

#[test]
fn full_iteration_drops_everything_once() {
    let log = Log::new();
    let items: Vec<Noisy> = three(log.clone(), log.noisy("arg")).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(log.dropped(), ["c", "a", "b", "arg"]);
    drop(items);
    for name in ["a", "b", "c", "arg", "item1", "item2", "item3"] {
        assert_eq!(log.drops_of(name), 1, "{name}: {:?}", log.events());
    }
}

#[test]
fn dropping_at_each_yield_point() {
    // Taking k items, then dropping the generator: the locals live at that
    // point are dropped once, innermost (latest declared) first, then the
    // arguments.
    let expected: [&[&str]; 5] = [
        &["arg"],                // never started
        &["a", "arg"],           // at the first yield
        &["b", "a", "arg"],      // at the second
        &["c", "b", "a", "arg"], // at the third, inside the block
        &[],                     // finished: the body dropped them itself
    ];
    for (k, expected) in expected.iter().enumerate() {
        let log = Log::new();
        let mut g = three(log.clone(), log.noisy("arg"));
        for _ in 0..k {
            drop(g.next());
        }
        let items_dropped = log
            .dropped()
            .iter()
            .filter(|n| n.starts_with("item"))
            .count();
        assert_eq!(items_dropped, k.min(3), "k = {k}");
        log.clear();
        drop(g);
        assert_eq!(log.dropped(), *expected, "dropping after {k} items");
    }
}

#[test]
fn arguments_move_in_whole_and_drop_with_the_generator() {
    struct Pair {
        used: Noisy,
        unused: Noisy,
    }
    // On the async engine, an argument lives as long as the generator; on
    // the native one, an argument (as any local) that the body does not use
    // after a `yield_!` is dropped when the generator suspends there. On
    // both, it moves in whole: its fields are dropped together.
    #[generator(fallback)]
    fn uses_one_field(pair: Pair) -> impl Iterator<Item = String> {
        yield_!(pair.used.name.clone());
    }
    #[generator(native)]
    fn uses_one_field_native(pair: Pair) -> impl Iterator<Item = String> {
        yield_!(pair.used.name.clone());
    }
    for native in [false, true] {
        let log = Log::new();
        let pair = Pair {
            used: log.noisy("used"),
            unused: log.noisy("unused"),
        };
        let _ = &pair.unused.name;
        let mut g: Box<dyn Iterator<Item = String>> = if native {
            Box::new(uses_one_field_native(pair))
        } else {
            Box::new(uses_one_field(pair))
        };
        assert!(
            log.dropped().is_empty(),
            "an argument field was dropped early: {:?}",
            log.events()
        );
        assert_eq!(g.next().as_deref(), Some("used"));
        let mut dropped = log.dropped();
        dropped.sort();
        if native {
            assert_eq!(dropped, ["unused", "used"], "{:?}", log.events());
        } else {
            assert!(dropped.is_empty(), "{:?}", log.events());
        }
        drop(g);
        let mut dropped = log.dropped();
        dropped.sort();
        assert_eq!(dropped, ["unused", "used"]);
    }
}

#[test]
fn self_by_value_moves_in_whole() {
    struct Owner {
        first: Noisy,
        second: Noisy,
    }
    impl Owner {
        #[generator]
        fn first_name(self) -> impl Iterator<Item = String> {
            yield_!(self.first.name.clone());
        }
    }
    let log = Log::new();
    let owner = Owner {
        first: log.noisy("first"),
        second: log.noisy("second"),
    };
    let _ = &owner.second.name;
    let g = owner.first_name();
    assert!(log.dropped().is_empty(), "{:?}", log.events());
    drop(g);
    assert_eq!(log.dropped().len(), 2);
}

#[test]
fn iter_block_captures_drop_with_it() {
    let log = Log::new();
    let captured = log.noisy("captured");
    let inner_log = log.clone();
    let g = iter! {
        let local = inner_log.noisy("local");
        yield_!(captured.name.len());
        drop(local);
    };
    assert!(log.dropped().is_empty());
    let mut g = g;
    assert_eq!(g.next(), Some(8));
    drop(g);
    assert_eq!(log.dropped(), ["local", "captured"]);
}

#[test]
fn a_panicking_destructor_does_not_stop_the_others() {
    #[generator]
    fn with_bomb(log: Log) -> impl Iterator<Item = u8> {
        let _first = log.noisy("first");
        let _bomb = log.bomb("bomb");
        let _last = log.noisy("last");
        yield_!(1);
    }
    let log = Log::new();
    let mut g = with_bomb(log.clone());
    assert_eq!(g.next(), Some(1));
    let result = catch_unwind(AssertUnwindSafe(|| drop(g)));
    assert!(result.is_err(), "the destructor's panic propagates");
    assert_eq!(log.dropped(), ["last", "bomb", "first"]);
    for name in ["first", "bomb", "last"] {
        assert_eq!(log.drops_of(name), 1, "{name}");
    }
}

#[test]
fn items_not_taken_are_not_leaked() {
    // Items the consumer never asked for are never created; those it took are
    // its own.
    let log = Log::new();
    let mut g = three(log.clone(), log.noisy("arg"));
    let first = g.next().unwrap();
    drop(g);
    assert_eq!(log.drops_of("item1"), 0);
    drop(first);
    assert_eq!(log.drops_of("item1"), 1);
    assert_eq!(log.drops_of("item2"), 0);
}

#[test]
fn borrowed_locals_drop_after_their_borrowers() {
    // A local borrowed across a yield outlives the borrow, as in any function.
    #[generator]
    fn borrows(log: Log) -> impl Iterator<Item = usize> {
        let owner = vec![log.noisy("x"), log.noisy("y")];
        for n in &owner {
            yield_!(n.name.len());
        }
    }
    let log = Log::new();
    let mut g = borrows(log.clone());
    assert_eq!(g.next(), Some(1));
    drop(g);
    assert_eq!(log.dropped(), ["x", "y"]);
}
