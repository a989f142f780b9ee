//! The sync bodies of `tests/threads.rs`, with their auto traits: each copy
//! is `Send`/`Sync` exactly as the original says (checked at compile time,
//! and not-`Sync` by the probe of `implements!`). The stress tests' bodies
//! are `numbered`.

use std::cell::Cell;

use coro::{BoxCoroutine, Coroutine, yield_, yield_from};

use crate::harness::{Log, Noisy};

#[coro::generator(first = _)]
fn replies(words: Vec<String>) -> impl Coroutine<String, Yield = usize, Return = Vec<String>> {
    let mut got = Vec::new();
    for w in &words {
        got.push(yield_!(w.len()));
    }
    got
}

fn words() -> Vec<String> {
    ["one", "three", "five"].map(String::from).to_vec()
}

fn s(text: &str) -> String {
    text.to_owned()
}

differential! {
    iter strings(words: Vec<String>) -> (impl Iterator<Item = String>)
        fallback_only ["`for w in &words` borrows a local across the `yield_!`"] traits [Send, Sync]
    {
        for w in &words {
            yield_!(w.to_uppercase());
        }
    }
    calls(log) [(vec!["a".into(), "b".into(), "c".into()])]

    iter counter() -> (impl Iterator<Item = u32>) native [+ Clone] traits [Send; not Sync] {
        let c = Cell::new(1);
        yield_!(c.get());
        c.set(2);
        yield_!(c.get());
    }
    calls(log) [()]

    iter_block cell_across_a_yield() -> u32, native [+ Clone] traits [Send; not Sync] {
        let c = Cell::new(1);
        yield_!(c.get());
        c.set(2);
        yield_!(c.get());
    }
    calls(log) [()]

    iter_block cell_before_the_first_yield() -> u32,
        fallback_only ["`first` may borrow a local of the generator (a `u32`, from `c.get()`)"]
        traits [Send, Sync]
    {
        let first = {
            let c = Cell::new(1);
            c.get()
        };
        yield_!(first);
        yield_!(first + 1);
    }
    calls(log) [()]

    iter_block scoped_threads_may_borrow(data: Vec<u32>) -> u32,
        fallback_only ["`for x in &data` borrows a capture across the `yield_!`"] traits [Send, Sync]
    {
        for x in &data {
            yield_!(*x * 10);
        }
    }
    calls(log) [(vec![1, 2, 3])]

    coro replies_body(words: Vec<String>) -> (impl Coroutine<String, Yield = usize, Return = Vec<String>>)
        fallback_only ["`for w in &words` borrows a local across the `yield_!`"] traits [Send, Sync]
    {
        let mut got = Vec::new();
        for w in &words {
            got.push(yield_!(w.len()));
        }
        got
    }
    calls(log) [(words()) [s("x"), s("a"), s("b"), s("c"), s("d")]]

    coro delegating(words: Vec<String>) -> (impl Coroutine<String, Yield = usize, Return = Vec<String>>)
        native [] traits [Send, Sync]
    {
        let before = yield_!(0);
        let mut got = yield_from!(replies(words));
        got.insert(0, before);
        got
    }
    calls(log) [(words()) [s("x"), s("a"), s("b"), s("c"), s("d")]]

    coro_block the_closure_form(captured: Vec<String>) |first: String| -> (usize, Vec<String>),
        fallback_only ["`for w in &captured` borrows a capture across the `yield_!`"] traits [Send, Sync]
    {
        let mut got = vec![first];
        for w in &captured {
            got.push(yield_!(w.len()));
        }
        got
    }
    calls(log) [(words()) [s("x"), s("a"), s("b"), s("c"), s("d")]]

    coro boxed(words: Vec<String>) -> (BoxCoroutine<'static, usize, Vec<String>, String>)
        fallback_only ["`for w in &words` borrows a local across the `yield_!`"] traits [Send; not Sync]
    {
        let mut got = Vec::new();
        for w in &words {
            got.push(yield_!(w.len()));
        }
        got
    }
    calls(log) [(words()) [s("x"), s("a"), s("b"), s("c"), s("d")]]

    // The same by index, which the native engine takes, boxed.
    coro boxed_by_index(words: Vec<String>) -> (BoxCoroutine<'static, usize, Vec<String>, String>)
        native [] traits [Send; not Sync]
    {
        let mut got = Vec::new();
        for i in 0..words.len() {
            got.push(yield_!(words[i].len()));
        }
        got
    }
    calls(log) [(words()) [s("x"), s("a"), s("b"), s("c"), s("d")]]

    coro cell_counter() -> (impl Coroutine<u32, Yield = u32, Return = u32>)
        fallback_only ["`c` may borrow a local of the generator (`c.set(c.get() + more)`)"]
        traits [Send; not Sync]
    {
        let c = Cell::new(1);
        let more = yield_!(c.get());
        c.set(c.get() + more);
        c.get()
    }
    calls(log) [() [0, 41, 1]]

    iter numbered(log: Log, id: usize, len: usize) -> (impl Iterator<Item = (u64, Noisy)>)
        fallback_only ["`guard` may borrow a local of the generator (`log.noisy(..)`)"] traits [Send, Sync]
    {
        let guard = log.noisy(format!("guard {id}"));
        for j in 0..len {
            yield_!(((id * 31 + j * 7) as u64, log.noisy(format!("{id}.{j}"))));
        }
        drop(guard);
    }
    calls(log) [(log.clone(), 3, 4), (log.clone(), 0, 0)]

    iter numbered_native(log: Log, id: usize, len: usize) -> (impl Iterator<Item = (u64, Noisy)>)
        native [+ Clone] traits [Send, Sync]
    {
        let guard = Noisy::new(log.clone(), format!("guard {id}"));
        for j in 0..len {
            yield_!(((id * 31 + j * 7) as u64, Noisy::new(log.clone(), format!("{id}.{j}"))));
        }
        drop(guard);
    }
    calls(log) [(log.clone(), 3, 4), (log.clone(), 0, 0)]
}
