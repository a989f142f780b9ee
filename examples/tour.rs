//! A tour of coro: generators of each kind, each printing what it does.
//!
//! `cargo run --example tour`

use std::num::ParseIntError;

use coro::{generator, iter, yield_};

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
}
