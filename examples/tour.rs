//! A tour of coro: generators of each kind, each printing what it does.
//! Sync generators first, then async generators (streams), then coroutines.
//!
//! `cargo run --example tour`

use core::pin::Pin;
use std::num::ParseIntError;
use std::time::{Duration, Instant};

use coro::{
    Coroutine, CoroutineState, Stream, Yields, anext, coroutine, generator, iter, stream, yield_,
    yield_from,
};

/// A plain generator: Python's `def odds(start, end): ... yield n`.
#[generator]
fn odds(start: u32, end: u32) -> impl Iterator<Item = u32> {
    let mut n = start | 1;
    while n <= end {
        yield_!(n);
        n += 2;
    }
}

/// A generator that never ends: the caller takes what it needs.
#[generator]
fn fibonacci() -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

/// A generator that prints as it runs, to show that it is lazy and that it
/// runs exactly as far as the caller asks.
#[generator]
fn chatty(n: u32) -> impl Iterator<Item = u32> {
    println!("    [chatty] started");
    for i in 0..n {
        println!("    [chatty] yielding {i}");
        yield_!(i);
        println!("    [chatty] resumed after {i}");
    }
    println!("    [chatty] finished");
}

/// A fallible generator: with a `Result` item type, `?` ends it with the error.
#[generator]
fn parse_all(lines: Vec<String>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
    for line in lines {
        yield_!(Ok(line.trim().parse::<u32>()?));
    }
}

/// A method generator borrowing `self`, yielding references.
struct Library {
    books: Vec<(&'static str, u16)>,
}

impl Library {
    #[generator]
    fn published_after(&self, year: u16) -> impl Iterator<Item = &'static str> + '_ {
        for &(title, published) in &self.books {
            if published > year {
                yield_!(title);
            }
        }
    }
}

/// Recursion: each generator is boxed, so a generator may call itself.
#[generator]
fn permutations(items: Vec<char>) -> impl Iterator<Item = String> {
    if items.len() <= 1 {
        yield_!(items.iter().collect());
        return;
    }
    for (i, &first) in items.iter().enumerate() {
        let mut rest = items.clone();
        rest.remove(i);
        for tail in permutations(rest) {
            yield_!(format!("{first}{tail}"));
        }
    }
}

/// An async generator: its body awaits (here a timer) between yields.
#[generator]
async fn ticks(n: u32, every: Duration) -> impl Stream<Item = u32> {
    for i in 0..n {
        tokio::time::sleep(every).await;
        yield_!(i);
    }
}

/// Async generators delegate too: `yield_from!` a stream.
#[generator]
async fn countdown_then_ticks(from: u32) -> impl Stream<Item = String> {
    for i in (1..=from).rev() {
        yield_!(format!("{i}..."));
    }
    let mut inner = ticks(2, Duration::from_millis(20));
    while let Some(tick) = anext(&mut inner).await {
        yield_!(format!("tick {tick}"));
    }
    yield_from!(stream! {
        yield_!("liftoff".to_owned());
    });
}

/// A coroutine: each `yield_!` hands out the running total and receives the
/// next number; a negative number ends it and returns how many it summed.
#[generator(first = _)]
fn running_sum() -> impl Coroutine<i64, Yield = i64, Return = usize> {
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

/// Delegation with a result: Python's `result = yield from sub()`.
#[generator(first = _)]
fn two_sums() -> impl Coroutine<i64, Yield = i64, Return = (usize, usize)> {
    let first = yield_from!(running_sum());
    let second = yield_from!(running_sum());
    (first, second)
}

fn async_tour() {
    println!("\n== async generators are streams; `.await` works in the body");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build();
    let Ok(runtime) = runtime else {
        println!("(no tokio runtime here; skipping)");
        return;
    };
    runtime.block_on(async {
        let start = Instant::now();
        let mut s = ticks(3, Duration::from_millis(50));
        while let Some(i) = anext(&mut s).await {
            println!("  tick {i} at {:>3} ms", start.elapsed().as_millis());
        }
        // Two generators interleave: each awaits while the other runs.
        let both = Instant::now();
        let (a, b) = tokio::join!(count_ticks("a", 30), count_ticks("b", 45));
        println!(
            "  two streams at once: {a} + {b} ticks in {} ms (one after the other: 225 ms)",
            both.elapsed().as_millis()
        );
        let mut s = countdown_then_ticks(3);
        let mut said = Vec::new();
        while let Some(word) = anext(&mut s).await {
            said.push(word);
        }
        println!("  {}", said.join(" "));
    });
}

async fn count_ticks(name: &str, every_ms: u64) -> usize {
    let mut s = ticks(3, Duration::from_millis(every_ms));
    let mut n = 0;
    while let Some(i) = anext(&mut s).await {
        println!("    stream {name}: tick {i}");
        n += 1;
    }
    n
}

fn coroutine_tour() {
    println!("\n== coroutines receive values: `let x = yield_!(y)`");
    let mut sum = running_sum();
    let mut sum = Pin::new(&mut sum);
    println!("  start      -> {:?}", sum.as_mut().resume(0));
    for x in [5, 7, 30] {
        println!("  resume({x:>2}) -> {:?}", sum.as_mut().resume(x));
    }
    println!("  resume(-1) -> {:?}", sum.as_mut().resume(-1));

    println!("\n== `yield_from!` a coroutine: its return value comes back");
    let mut sums = two_sums();
    let mut sums = Pin::new(&mut sums);
    let _ = sums.as_mut().resume(0);
    for x in [1, 2, -1, 10, -1] {
        if let CoroutineState::Complete(counts) = sums.as_mut().resume(x) {
            println!("  the two sums counted {counts:?} numbers");
        }
    }

    println!("\n== `coroutine!`: inline, the first argument bound to its parameter");
    let mut echo = coroutine!(|first: String| -> usize {
        let mut text = first;
        let mut rounds = 0;
        while !text.is_empty() {
            rounds += 1;
            text = yield_!(text.to_uppercase());
        }
        rounds
    });
    let mut echo = Pin::new(&mut echo);
    for word in ["hello", "coro", ""] {
        println!(
            "  resume({word:?}) -> {:?}",
            echo.as_mut().resume(word.to_owned())
        );
    }

    println!("\n== iterate a coroutine's yields, then read what it returned");
    #[generator]
    fn lines(text: &str) -> impl Coroutine<Yield = &str, Return = usize> + '_ {
        let mut blank = 0;
        for line in text.lines() {
            if line.trim().is_empty() {
                blank += 1;
            } else {
                yield_!(line);
            }
        }
        blank
    }
    let mut yields = Yields::new(lines("first\n\nsecond\n \nthird"));
    println!("  lines: {:?}", yields.by_ref().collect::<Vec<_>>());
    println!("  blank lines skipped: {:?}", yields.return_value());
}

fn main() {
    println!("== a generator is an iterator");
    let mut g = odds(3, 15);
    println!(
        "odds(3, 15): next -> {:?}, then the rest -> {:?}",
        g.next(),
        g.collect::<Vec<_>>()
    );

    println!("\n== it is lazy: nothing runs until asked");
    let mut c = chatty(2);
    println!("  created; asking for one item");
    println!("  got {:?}", c.next());
    println!("  asking for the rest");
    println!("  got {:?}", c.by_ref().collect::<Vec<_>>());
    println!("  and it is fused: {:?}", c.next());

    println!("\n== endless generators compose with adapters");
    let evens: Vec<u64> = fibonacci().filter(|n| n % 2 == 0).take(6).collect();
    println!("the first six even Fibonacci numbers: {evens:?}");

    println!("\n== `?` in a generator");
    let lines = ["1", " 2", "three", "4"].map(String::from).to_vec();
    for item in parse_all(lines) {
        println!("  {item:?}");
    }

    println!("\n== methods borrow `self`");
    let library = Library {
        books: vec![("Dune", 1965), ("Neuromancer", 1984), ("Anathem", 2008)],
    };
    println!(
        "published after 1980: {:?}",
        library.published_after(1980).collect::<Vec<_>>()
    );

    println!("\n== recursion");
    println!(
        "permutations of abc: {:?}",
        permutations(vec!['a', 'b', 'c']).collect::<Vec<_>>()
    );

    println!("\n== inline generators with `iter!`");
    let text = "the quick brown fox";
    let initials = iter! {
        for word in text.split(' ') {
            if let Some(c) = word.chars().next() {
                yield_!(c.to_ascii_uppercase());
            }
        }
    };
    println!("initials of {text:?}: {}", initials.collect::<String>());

    async_tour();
    coroutine_tour();
}
