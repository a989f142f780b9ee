//! Generators behind types the user can name: `BoxIter`, `BoxStream`,
//! `BoxCoroutine` and their `Local` forms, as return types of `#[generator]`
//! fns, in struct fields, in recursion, and across threads.

mod common;

use std::pin::Pin;
use std::rc::Rc;
use std::sync::mpsc;

use common::Log;
use coro::{
    BoxCoroutine, BoxIter, BoxStream, CoroutineState, LocalBoxCoroutine, LocalBoxIter,
    LocalBoxStream, Yields, generator, yield_, yield_from,
};
use futures::StreamExt;
use futures::executor::block_on;

#[derive(Debug)]
struct Node {
    value: u32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn perfect(depth: u32, first: u32) -> Option<Box<Node>> {
    (depth > 0).then(|| {
        let half = (1 << (depth - 1)) - 1;
        Box::new(Node {
            value: first + half,
            left: perfect(depth - 1, first),
            right: perfect(depth - 1, first + half + 1),
        })
    })
}

/// In-order walk, recursing through its own named type.
#[generator]
fn in_order(node: &Node) -> BoxIter<'_, u32> {
    if let Some(left) = &node.left {
        yield_from!(in_order(left));
    }
    yield_!(node.value);
    if let Some(right) = &node.right {
        yield_from!(in_order(right));
    }
}

#[test]
fn recursion_through_a_named_type() {
    let tree = perfect(6, 0).unwrap();
    let values: Vec<u32> = in_order(&tree).collect();
    assert_eq!(values, (0..63).collect::<Vec<_>>());
}

/// A generator kept in a struct field, beside the data it does not borrow.
struct Countdown {
    label: &'static str,
    ticks: BoxIter<'static, u32>,
}

#[generator]
fn ticks(from: u32) -> BoxIter<'static, u32> {
    for n in (1..=from).rev() {
        yield_!(n);
    }
}

#[test]
fn in_a_struct_field() {
    let mut c = Countdown {
        label: "launch",
        ticks: ticks(3),
    };
    assert_eq!(c.ticks.next(), Some(3));
    // Replacing the field drops the old generator and keeps the type.
    c.ticks = ticks(2);
    assert_eq!(c.ticks.by_ref().collect::<Vec<_>>(), [2, 1]);
    assert_eq!(c.ticks.next(), None, "fused");
    assert_eq!(c.label, "launch");
    // Generators of different bodies in one collection.
    let all: Vec<BoxIter<'static, u32>> = vec![ticks(2), BoxIter::new(7..9), ticks(1)];
    assert_eq!(
        all.into_iter().flatten().collect::<Vec<_>>(),
        [2, 1, 7, 8, 1]
    );
}

#[test]
fn sent_to_another_thread_mid_iteration() {
    #[generator]
    fn words(text: String) -> BoxIter<'static, String> {
        for word in text.split(' ') {
            yield_!(word.to_owned());
        }
    }

    let mut g = words("one two three".to_owned());
    assert_eq!(g.next().as_deref(), Some("one"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for word in g {
            tx.send(word).unwrap();
        }
    })
    .join()
    .unwrap();
    assert_eq!(rx.iter().collect::<Vec<_>>(), ["two", "three"]);
}

#[test]
fn methods_with_elided_lifetimes_and_fallible_items() {
    struct Lines(Vec<&'static str>);

    impl Lines {
        #[generator]
        fn numbers(&self) -> BoxIter<'_, Result<u32, std::num::ParseIntError>> {
            for line in &self.0 {
                yield_!(Ok(line.trim().parse()?));
            }
        }
    }

    let lines = Lines(vec!["1", " 2 ", "x", "4"]);
    let parsed: Vec<_> = lines.numbers().collect();
    assert_eq!(parsed.len(), 3, "the error is the last item");
    assert_eq!(parsed[..2], [Ok(1), Ok(2)]);
    assert!(parsed[2].is_err());
}

#[test]
fn size_hint_fused_and_debug() {
    let mut g = ticks(1);
    assert_eq!(g.size_hint(), (0, None));
    assert_eq!(format!("{g:?}"), "BoxIter { status: Created, .. }");
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    assert_eq!(g.size_hint(), (0, Some(0)));
    assert_eq!(format!("{g:?}"), "BoxIter { status: Closed, .. }");
    assert_eq!(g.next(), None);
}

#[test]
fn local_forms_hold_rc() {
    #[generator]
    fn shared(values: Rc<Vec<u32>>) -> LocalBoxIter<'static, u32> {
        for v in values.iter() {
            yield_!(*v);
        }
    }

    let values = Rc::new(vec![1, 2, 3]);
    let g = shared(Rc::clone(&values));
    assert_eq!(Rc::strong_count(&values), 2);
    assert_eq!(g.sum::<u32>(), 6);
    assert_eq!(
        Rc::strong_count(&values),
        1,
        "the generator dropped its Rc at its end"
    );

    let local: LocalBoxIter<'static, u32> = ticks(2).into();
    assert_eq!(local.collect::<Vec<_>>(), [2, 1]);
}

#[test]
fn dropped_part_way_drops_everything_once() {
    #[generator]
    fn nested(log: Log, depth: u32) -> BoxIter<'static, u32> {
        let _guard = log.noisy(format!("level {depth}"));
        yield_!(depth);
        if depth > 0 {
            yield_from!(nested(log.clone(), depth - 1));
        }
    }

    let log = Log::new();
    let mut g = nested(log.clone(), 3);
    assert_eq!(g.by_ref().take(3).collect::<Vec<_>>(), [3, 2, 1]);
    assert!(log.events().is_empty(), "nothing dropped while suspended");
    drop(g);
    // Innermost delegate first, as a function unwinding from there would.
    assert_eq!(log.dropped(), ["level 1", "level 2", "level 3"]);
}

#[generator]
async fn countdown(from: u32) -> BoxStream<'static, u32> {
    for n in (1..=from).rev() {
        tokio::task::yield_now().await;
        yield_!(n);
    }
}

#[test]
fn box_streams_under_block_on() {
    #[generator]
    async fn both() -> BoxStream<'static, u32> {
        yield_from!(countdown(2));
        yield_from!(countdown(1));
    }

    let mut streams: Vec<BoxStream<'static, u32>> = vec![countdown(2), both()];
    let collected: Vec<Vec<u32>> = block_on(async {
        let mut out = Vec::new();
        for s in &mut streams {
            out.push(s.collect().await);
        }
        out
    });
    assert_eq!(collected, [vec![2, 1], vec![2, 1, 1]]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn box_streams_go_to_tokio_spawn() {
    let mut s = countdown(3);
    assert_eq!(s.next().await, Some(3));
    let rest = tokio::spawn(async move { s.collect::<Vec<_>>().await })
        .await
        .unwrap();
    assert_eq!(rest, [2, 1]);
}

#[test]
fn local_box_streams_hold_rc() {
    #[generator]
    async fn shared(value: Rc<u32>) -> LocalBoxStream<'static, u32> {
        yield_!(*value);
        yield_!(*value + 1);
    }

    let s = shared(Rc::new(4));
    assert_eq!(block_on(s.collect::<Vec<_>>()), [4, 5]);
}

/// Sums a tree's values by recursive coroutine delegation: each level returns
/// its subtree's sum through `yield_from!`.
#[generator]
fn summed(node: &Node) -> BoxCoroutine<'_, u32, u64> {
    let mut sum = u64::from(node.value);
    if let Some(left) = &node.left {
        sum += yield_from!(summed(left));
    }
    yield_!(node.value);
    if let Some(right) = &node.right {
        sum += yield_from!(summed(right));
    }
    sum
}

#[test]
fn box_coroutines_return_values_through_recursion() {
    let tree = perfect(5, 1).unwrap();
    let mut yields = Yields::new(summed(&tree));
    let values: Vec<u32> = yields.by_ref().collect();
    assert_eq!(values, (1..=31).collect::<Vec<_>>());
    assert_eq!(yields.return_value(), Some(&(31 * 32 / 2)));
}

#[test]
fn box_coroutines_take_resume_arguments() {
    #[generator(first = _)]
    fn running_total() -> BoxCoroutine<'static, i64, usize, i64> {
        let mut total = 0;
        let mut seen = 0;
        loop {
            let x = yield_!(total);
            if x < 0 {
                return seen;
            }
            total += x;
            seen += 1;
        }
    }

    let mut c: BoxCoroutine<'static, i64, usize, i64> = running_total();
    assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(5));
    assert_eq!(c.as_mut().resume(7), CoroutineState::Yielded(12));
    assert_eq!(c.as_mut().resume(-1), CoroutineState::Complete(2));
    // It moves to another thread like any `Send` value.
    let c = running_total();
    let state = std::thread::spawn(move || {
        let mut c = c;
        assert_eq!(c.as_mut().resume(0), CoroutineState::Yielded(0));
        c.as_mut().resume(3)
    })
    .join()
    .unwrap();
    assert_eq!(state, CoroutineState::Yielded(3));
}

#[test]
fn local_box_coroutines_hold_rc() {
    #[generator(first = _)]
    fn doubler(factor: Rc<u32>) -> LocalBoxCoroutine<'static, u32, (), u32> {
        let mut x = 0;
        loop {
            x = yield_!(x * *factor);
            if x == 0 {
                return;
            }
        }
    }

    let mut c = doubler(Rc::new(2));
    assert_eq!(Pin::as_mut(&mut c).resume(9), CoroutineState::Yielded(0));
    assert_eq!(c.as_mut().resume(4), CoroutineState::Yielded(8));
    assert_eq!(c.as_mut().resume(0), CoroutineState::Complete(()));
}

#[test]
fn send_exactly_when_the_form_says() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&ticks(1));
    assert_send(&countdown(1));
    let tree = perfect(1, 0).unwrap();
    assert_send(&summed(&tree));
    // The `Local` forms are not `Send`; `tests/ui/generator/boxed_not_send.rs`
    // shows that a body holding an `Rc` cannot be a `BoxIter`.
}
