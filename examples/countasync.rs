//! Real Python's `countasync.py`: three `count()` coroutines run concurrently,
//! so the program takes about one second, not three.
//!
//! ```python
//! import asyncio
//!
//! async def count():
//!     print("One")
//!     await asyncio.sleep(1)
//!     print("Two")
//!
//! async def main():
//!     await asyncio.gather(count(), count(), count())
//!
//! if __name__ == "__main__":
//!     import time
//!     s = time.perf_counter()
//!     asyncio.run(main())
//!     elapsed = time.perf_counter() - s
//!     print(f"{__file__} executed in {elapsed:0.2f} seconds.")
//! ```
//!
//! Here the words come from an async generator that sleeps between them, and
//! `count` prints what it yields, awaiting each word with `anext`. As in
//! asyncio, everything runs on one thread; `tokio::join!` plays
//! `asyncio.gather`. It prints `One` three times, then, a second later, `Two`
//! three times.
//!
//! The program is `run`, which hands each line to the caller and returns the
//! time it took; `main` prints them. (`tests/countasync.rs` runs it on a
//! paused tokio clock, where the second passes without any real wait.)
//!
//! `cargo run --example countasync`

use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

use coro::{Stream, anext, generator, yield_};
use tokio::time::Instant;

/// "One", a one-second sleep, then "Two".
#[generator]
async fn words() -> impl Stream<Item = &'static str> {
    yield_!("One");
    tokio::time::sleep(Duration::from_secs(1)).await;
    yield_!("Two");
}

/// Python's `count()`: hands each word to `out` as it comes.
async fn count(out: &RefCell<impl FnMut(&str)>) {
    let mut words = words();
    while let Some(word) = anext(&mut words).await {
        (out.borrow_mut())(word);
    }
}

/// Python's `main()`: three `count()`s at once. Each line goes to `out` as it
/// is printed; returns how long the three took together (on tokio's clock).
pub(crate) async fn run(out: impl FnMut(&str)) -> Duration {
    let out = RefCell::new(out);
    let s = Instant::now();
    tokio::join!(count(&out), count(&out), count(&out));
    s.elapsed()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let elapsed = run(|line| println!("{line}")).await.as_secs_f64();
    let file = Path::new(file!()).file_name().unwrap_or_default();
    println!("{} executed in {elapsed:0.2} seconds.", file.display());
}
