//! A panic in a generator's body propagates to the caller of `next`; the
//! generator is finished afterwards, and nothing is dropped twice.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::{Log, Noisy};
use coro::{generator, iter, yield_};

/// Panics after yielding `panic_after` items, with locals live at that point.
#[generator]
fn panics_at(log: Log, panic_after: usize) -> impl Iterator<Item = Noisy> {
    let _a = log.noisy("a");
    for i in 0..3 {
        let _local = log.noisy(format!("local{i}"));
        assert!(i != panic_after, "boom at {i}");
        yield_!(log.noisy(format!("item{i}")));
    }
}

fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[test]
fn the_panic_reaches_the_caller_of_next() {
    let log = Log::new();
    let mut g = panics_at(log.clone(), 1);
    assert!(g.next().is_some());
    let payload = catch_unwind(AssertUnwindSafe(|| g.next())).unwrap_err();
    assert_eq!(message(&*payload), "boom at 1");
}

#[test]
fn finished_after_a_panic() {
    let log = Log::new();
    let mut g = panics_at(log.clone(), 0);
    assert!(catch_unwind(AssertUnwindSafe(|| g.next())).is_err());
    for _ in 0..3 {
        assert!(
            g.next().is_none(),
            "a generator that panicked must stay finished"
        );
    }
    assert_eq!(g.size_hint(), (0, Some(0)));
}

#[test]
fn locals_drop_once_when_the_body_panics_anywhere() {
    for panic_after in 0..3 {
        let log = Log::new();
        let mut g = panics_at(log.clone(), panic_after);
        let mut items = Vec::new();
        for _ in 0..panic_after {
            items.push(g.next().unwrap());
        }
        assert!(catch_unwind(AssertUnwindSafe(|| g.next())).is_err());
        // The unwinding dropped what was live: the loop's local, then `a`,
        // then the arguments (the log handle is not `Noisy`).
        let expected_tail = [format!("local{panic_after}"), "a".to_owned()];
        let dropped = log.dropped();
        assert!(
            dropped.ends_with(&expected_tail),
            "{panic_after}: {dropped:?}"
        );
        drop(g);
        drop(items);
        let dropped = log.dropped();
        for name in &dropped {
            assert_eq!(log.drops_of(name), 1, "{name} dropped twice: {dropped:?}");
        }
        assert_eq!(log.drops_of("a"), 1);
        assert_eq!(
            dropped.iter().filter(|n| n.starts_with("item")).count(),
            panic_after
        );
    }
}

#[test]
fn a_panic_in_an_items_destructor_is_the_consumers() {
    let log = Log::new();
    let inner = log.clone();
    let mut g = iter! {
        yield_!(inner.bomb("item"));
        yield_!(inner.noisy("next"));
    };
    let item = g.next().unwrap();
    assert!(catch_unwind(AssertUnwindSafe(|| drop(item))).is_err());
    // The generator is not affected: it was suspended all along.
    assert_eq!(g.next().map(|n| n.name.clone()), Some("next".to_owned()));
    assert_eq!(g.next().map(|n| n.name.clone()), None);
}

#[test]
fn a_panic_in_a_locals_destructor_during_the_body() {
    #[generator]
    fn drops_a_bomb(log: Log) -> impl Iterator<Item = u8> {
        let keep = log.noisy("keep");
        {
            let _bomb = log.bomb("bomb");
            yield_!(1);
        } // `bomb` panics here, while `keep` is live
        yield_!(2);
        drop(keep);
    }
    let log = Log::new();
    let mut g = drops_a_bomb(log.clone());
    assert_eq!(g.next(), Some(1));
    assert!(catch_unwind(AssertUnwindSafe(|| g.next())).is_err());
    assert_eq!(log.dropped(), ["bomb", "keep"]);
    assert_eq!(g.next(), None);
    drop(g);
    assert_eq!(log.drops_of("keep"), 1);
}

#[test]
fn a_generator_may_end_in_a_panic() {
    #[generator]
    fn then_unreachable() -> impl Iterator<Item = u8> {
        yield_!(1);
        unreachable!("the consumer stops before this")
    }
    assert_eq!(then_unreachable().take(1).collect::<Vec<_>>(), [1]);
}

#[test]
fn yields_is_fused_after_a_panic_in_the_coroutine() {
    use coro::{Coroutine, Yields};

    #[generator]
    fn fails(log: Log) -> impl Coroutine<Yield = u32, Return = &'static str> {
        let _local = log.noisy("local");
        yield_!(1);
        panic!("inner failure");
    }

    let log = Log::new();
    let mut yields = Yields::new(fails(log.clone()));
    assert_eq!(yields.next(), Some(1));
    let payload = catch_unwind(AssertUnwindSafe(|| yields.next())).unwrap_err();
    assert_eq!(message(&*payload), "inner failure");
    assert_eq!(log.dropped(), ["local"]);
    // Fused: `None`, not a second panic from resuming a finished coroutine.
    assert_eq!(yields.next(), None);
    assert_eq!(yields.next(), None);
    assert_eq!(yields.size_hint(), (0, Some(0)));
    assert_eq!(yields.take_return_value(), None);
    drop(yields);
    assert_eq!(log.dropped(), ["local"]);
}

#[test]
fn a_sync_body_that_awaits_is_finished_by_the_panic() {
    a_sync_body_that_awaits::<coro::__private::ById>();
    a_sync_body_that_awaits::<coro::__private::Delegating>();
}

fn a_sync_body_that_awaits<M: coro::__private::SyncMode>() {
    use std::future::pending;

    // Only reachable through the macros' hidden constructor (the macros
    // reject `.await` in a sync generator): the body awaits a future that is
    // never ready, which a sync generator cannot wait for.
    let log = Log::new();
    let inner = log.clone();
    let mut it = coro::__private::iter::<M, u32, (), _>(async move |mut co, ()| {
        let _local = inner.noisy("local");
        co.yield_item(1).await;
        pending::<()>().await;
        co.yield_item(2).await;
    });
    assert_eq!(it.next(), Some(1));
    let payload = catch_unwind(AssertUnwindSafe(|| it.next())).unwrap_err();
    assert!(
        message(&*payload)
            .starts_with("a sync generator's body awaited a future that is not ready"),
        "{}",
        message(&*payload)
    );
    // The body was ended before the panic: its locals are dropped, and the
    // generator is finished rather than polled again.
    assert_eq!(log.dropped(), ["local"]);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    drop(it);
    assert_eq!(log.dropped(), ["local"]);
}
