//! The bodies of `tests/native.rs`: what the native engine gives beyond
//! the async one (`Clone`, a small state), here compared with it.

use coro::{Coroutine, yield_};

differential! {
    iter count(n: u32) -> (impl Iterator<Item = u32>) native [+ Clone] traits [Send, Sync] {
        for i in 0..n {
            yield_!(i);
        }
    }
    calls(log) [(5), (3), (0)]

    iter_block iter_blocks_are_clone_when_native(n: i32) -> i32, native [+ Clone] traits [Send, Sync] {
        for i in 0..n {
            yield_!(i * 10);
        }
    }
    calls(log) [(3)]

    iter_block the_state_holds_only_what_is_live() -> u8, native [+ Clone] traits [Send, Sync] {
        let big = [0u8; 1024];
        let first = big[0];
        yield_!(first);
        yield_!(1);
    }
    calls(log) [()]

    coro sum() -> (impl Coroutine<u32, Yield = u32, Return = u32>) native [+ Clone] traits [Send, Sync] {
        let mut total = 0;
        loop {
            let x = yield_!(total);
            if x == 0 {
                return total;
            }
            total += x;
        }
    }
    calls(log) [() [9, 5, 0], () [9, 5, 1, 0]]

    iter_block debug_says_whether_it_finished() -> i32, native [+ Clone] traits [Send, Sync] {
        yield_!(0)
    }
    calls(log) [()]

    // `a_borrowing_iter_held_across_an_await_keeps_the_future_send`: a
    // captured reference, indexed.
    iter_block a_borrowing_iter(r: &[u64]) -> u64, native [+ Clone] traits [Send, Sync] {
        for i in 0..r.len() {
            yield_!(r[i]);
        }
    }
    setup {
        let v = vec![1_u64, 2, 3];
    }
    calls(log) [(&v)]
}

/// The native copy of `the_state_holds_only_what_is_live` is as small as
/// `tests/native.rs` says; the async one is a box.
#[test]
fn the_native_state_is_small() {
    let g = the_state_holds_only_what_is_live::block_native();
    assert!(size_of_val(&g) <= 4, "{}", size_of_val(&g));
    assert!(size_of_val(&count::native(3)) <= 16);
}
