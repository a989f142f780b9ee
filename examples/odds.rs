//! The generator that started it all, from Python's generator tutorials:
//!
//! ```python
//! def odds(start, stop):
//!     for odd in range(start, stop + 1, 2):
//!         yield odd
//!
//! g = odds(3, 15)
//! next(g)                 # 3
//! next(g)                 # 5
//! list(g)                 # [7, 9, 11, 13, 15]
//! for n in odds(1, 5):    # 1 3 5
//!     print(n)
//! ```
//!
//! The Rust version reads the same. `cargo run --example odds`

use coro::{generator, yield_};

/// The odd numbers from `start` to `stop`, inclusive.
#[generator]
fn odds(start: u32, stop: u32) -> impl Iterator<Item = u32> {
    for odd in (start | 1..=stop).step_by(2) {
        yield_!(odd);
    }
}

fn main() {
    let mut g = odds(3, 15);
    println!("next(g)  -> {:?}", g.next());
    println!("next(g)  -> {:?}", g.next());
    println!("list(g)  -> {:?}", g.collect::<Vec<_>>());

    print!("for n in odds(1, 5):");
    for n in odds(1, 5) {
        print!(" {n}");
    }
    println!();

    // Nothing runs until asked: an empty range yields nothing, and a
    // generator is an iterator like any other.
    println!(
        "odds(8, 8)            -> {:?}",
        odds(8, 8).collect::<Vec<_>>()
    );
    println!("sum of odds(1, 99)    -> {}", odds(1, 99).sum::<u32>());
}
