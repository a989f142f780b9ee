//! The bodies of `tests/smoke.rs`.
#![allow(
    clippy::semicolon_if_nothing_returned,
    reason = "the bodies are copied as the original tests wrote them"
)]

use coro::yield_;

differential! {
    iter odds(start: u32, end: u32) -> (impl Iterator<Item = u32>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut n = start | 1;
        while n <= end {
            yield_!(n);
            n += 2;
        }
    }
    calls(log) [(0, 9), (3, 9), (4, 2), (1, 1)]

    iter_block doubled(v: Vec<u32>) -> u32,
        fallback_only ["`for x in &v` borrows a local across the yield"] traits [Send, Sync]
    {
        for x in &v {
            yield_!(*x * 2)
        }
    }
    calls(log) [(vec![1, 2]), (vec![])]

    coro running_sum() -> (impl coro::Coroutine<i64, Yield = i64, Return = usize>)
        native [+ Clone] traits [Send]
    {
        let mut total = 0;
        let mut seen = 0;
        loop {
            let x: i64 = yield_!(total);
            if x < 0 {
                return seen;
            }
            total += x;
            seen += 1;
        }
    }
    calls(log) [() [1000, 5, 7, -1], () [0, -1], () [0, 1, 2]]

    coro_block echo(base: String) |first: String| -> (usize, String),
        native [+ Clone] traits [Send]
    {
        let second: String = yield_!(first.len() + base.len());
        format!("{base}{first}+{second}")
    }
    calls(log) [(String::from(">")) [String::from("abc"), String::from("d")]]
}
