//! The running average, a coroutine driven by `resume`: Python's classic
//! `averager`, which receives numbers with `send` and yields the average so
//! far, and its PEP 380 companion `grouper`, which delegates to a fresh
//! averager per group with `result = yield from averager()`.
//!
//! ```python
//! def averager():
//!     total, count, average = 0.0, 0, None
//!     while True:
//!         term = yield average
//!         if term is None:
//!             return (count, average)
//!         total += term
//!         count += 1
//!         average = total / count
//!
//! def grouper(results, key):
//!     while True:
//!         results[key] = yield from averager()
//! ```
//!
//! `cargo run --example averager`

use core::pin::Pin;
use std::collections::BTreeMap;

use coro::{Coroutine, CoroutineState, generator, yield_, yield_from};

/// Yields the average of the numbers sent so far (`None` before the first);
/// sending `None` ends it and returns how many numbers it saw and their
/// average.
#[generator(first = _)]
fn averager() -> impl Coroutine<Option<f64>, Yield = Option<f64>, Return = (u32, Option<f64>)> {
    let (mut total, mut count, mut average) = (0.0, 0_u32, None);
    loop {
        let Some(term) = yield_!(average) else {
            return (count, average);
        };
        total += term;
        count += 1;
        average = Some(total / f64::from(count));
    }
}

/// Runs one averager per group: each `None` sent ends the current group,
/// whose result `yield_from!` hands back, and starts the next.
#[generator(first = _)]
fn grouper(
    groups: usize,
) -> impl Coroutine<Option<f64>, Yield = Option<f64>, Return = Vec<(u32, Option<f64>)>> {
    let mut results = Vec::new();
    for _ in 0..groups {
        // The sub-coroutine starts with `Option::default()`, Python's `None`.
        results.push(yield_from!(averager()));
    }
    results
}

fn main() {
    println!("== averager: send numbers, read the average");
    let mut avg = averager();
    let mut avg = Pin::new(&mut avg);
    // The first resume starts the body (Python's `next(coro_avg)`): its
    // argument reaches no `yield_!`.
    println!("start       -> {:?}", avg.as_mut().resume(None));
    for term in [10.0, 30.0, 5.0] {
        if let CoroutineState::Yielded(Some(average)) = avg.as_mut().resume(Some(term)) {
            println!("send({term:>4}) -> average {average}");
        }
    }
    match avg.as_mut().resume(None) {
        CoroutineState::Complete((count, average)) => {
            println!("send(None)  -> returned: {count} numbers, average {average:?}");
        }
        CoroutineState::Yielded(_) => unreachable!("`None` ends the averager"),
    }

    println!("\n== grouper: `yield_from!` a fresh averager per group");
    let data: BTreeMap<&str, Vec<f64>> = BTreeMap::from([
        (
            "girls;kg",
            vec![40.9, 38.5, 44.3, 42.2, 45.2, 41.7, 44.5, 38.0, 40.6, 44.5],
        ),
        (
            "boys;m",
            vec![1.38, 1.5, 1.32, 1.25, 1.37, 1.48, 1.25, 1.49, 1.46, 1.39],
        ),
    ]);
    let mut group = grouper(data.len());
    let mut group = Pin::new(&mut group);
    let mut state = group.as_mut().resume(None); // start
    for values in data.values() {
        for &value in values {
            let _average = group.as_mut().resume(Some(value));
        }
        state = group.as_mut().resume(None); // end this group
    }
    // Ending the last group ended the grouper, with every group's result.
    let CoroutineState::Complete(results) = state else {
        unreachable!("grouper ends with its last group")
    };
    for (key, (count, average)) in data.keys().zip(results) {
        let (what, unit) = key.split_once(';').unwrap_or((key, ""));
        println!(
            "{count:2} {what:<5} averaging {:.2}{unit}",
            average.unwrap_or(0.0)
        );
    }
}
