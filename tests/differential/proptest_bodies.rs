//! The sync bodies of `tests/proptest.rs` (adapters written as generators),
//! on fixed inputs here; the random inputs are `props.rs`'s.

use std::collections::VecDeque;
use std::num::ParseIntError;

use coro::{generator, yield_, yield_from};

use crate::harness::{Log, Noisy};

#[generator]
fn each<T>(items: Vec<T>) -> impl Iterator<Item = T> {
    for item in items {
        yield_!(item);
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

fn created(log: &Log, name: String) -> Noisy {
    log.noisy(name)
}

#[derive(Debug)]
pub(crate) struct Node {
    value: u16,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn bst(values: &[u16]) -> Option<Box<Node>> {
    let mut root: Option<Box<Node>> = None;
    for &value in values {
        let mut slot = &mut root;
        while let Some(node) = slot {
            slot = if value < node.value {
                &mut node.left
            } else {
                &mut node.right
            };
        }
        *slot = Some(Box::new(Node {
            value,
            left: None,
            right: None,
        }));
    }
    root
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

differential! {
    iter each_body [T: Clone] (items: Vec<T>) -> (impl Iterator<Item = T>) native [+ Clone] traits [Send, Sync] {
        for item in items {
            yield_!(item);
        }
    }
    calls(log) [(vec![1, 2, 3]), (Vec::<String>::new()), (vec!["a".to_owned()])]

    iter chain_vecs [T] (a: Vec<T>, b: Vec<T>) -> (impl Iterator<Item = T>)
        native [] traits [Send, Sync]
    {
        yield_from!(a);
        yield_from!(b);
    }
    calls(log) [(vec![1, 2], vec![3]), (Vec::<u8>::new(), vec![])]

    iter chain_generators [T] (a: Vec<T>, b: Vec<T>) -> (impl Iterator<Item = T>)
        native [] traits [Send, Sync]
    {
        yield_from!(each(a));
        yield_from!(each(b));
    }
    calls(log) [(vec![1, 2], vec![3])]

    iter chain_any [A, B, T] (a: A, b: B) -> (impl Iterator<Item = T>)
        [where A: IntoIterator<Item = T>, B: IntoIterator<Item = T>]
        native [] traits [Send, Sync]
    {
        yield_from!(a);
        yield_from!(b);
    }
    calls(log) [(vec![1, 2], each(vec![3, 4]))]

    iter flatten_from [T] (nested: Vec<Vec<T>>) -> (impl Iterator<Item = T>)
        native [] traits [Send, Sync]
    {
        for inner in nested {
            yield_from!(inner);
        }
    }
    calls(log) [(vec![vec![1], vec![], vec![2, 3]])]

    iter flatten_for [T: Clone] (nested: Vec<Vec<T>>) -> (impl Iterator<Item = T>) native [+ Clone] traits [Send, Sync] {
        for inner in nested {
            for item in inner {
                yield_!(item);
            }
        }
    }
    calls(log) [(vec![vec![1], vec![], vec![2, 3]]), (Vec::<Vec<u8>>::new())]

    iter flatten_refs [T] (nested: &[Vec<T>]) -> (impl Iterator<Item = &T> + '_)
        native [] traits [Send, Sync]
    {
        for inner in nested {
            yield_from!(inner.iter());
        }
    }
    setup {
        let nested = vec![vec![1], vec![], vec![2, 3]];
    }
    calls(log) [(&nested)]

    iter windows_owned [T: Clone] (items: Vec<T>, k: usize) -> (impl Iterator<Item = Vec<T>>)
        fallback_only ["`for item in &items` borrows a local across the `yield_!`"] traits [Send, Sync]
    {
        let mut ring: VecDeque<T> = VecDeque::with_capacity(k);
        for item in &items {
            if ring.len() == k {
                ring.pop_front();
            }
            ring.push_back(item.clone());
            if ring.len() == k {
                yield_!(ring.iter().cloned().collect());
            }
        }
    }
    calls(log) [(vec![1, 2, 3, 4], 2), (vec![1], 3)]

    iter windows_borrowed [T] (items: &[T], k: usize) -> (impl Iterator<Item = &[T]> + '_)
        native [+ Clone] traits [Send, Sync]
    {
        if k == 0 || k > items.len() {
            return;
        }
        let mut start = 0;
        while start + k <= items.len() {
            yield_!(&items[start..start + k]);
            start += 1;
        }
    }
    setup {
        let items = [1, 2, 3, 4];
    }
    calls(log) [(&items, 2), (&items, 0), (&items, 5)]

    iter dedup [T: PartialEq + Clone] (items: Vec<T>) -> (impl Iterator<Item = T>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut last: Option<T> = None;
        for item in items {
            if last.as_ref() != Some(&item) {
                last = Some(item.clone());
                yield_!(item);
            }
        }
    }
    calls(log) [(vec![1, 1, 2, 2, 2, 1, 3]), (Vec::<u8>::new())]

    iter merge_by [A, B, T, F] (a: A, b: B, mut le: F) -> (impl Iterator<Item = T>)
        [where A: IntoIterator<Item = T>, B: IntoIterator<Item = T>, F: FnMut(&T, &T) -> bool]
        fallback_only ["`a` may borrow a local of the generator (`a.peek()`)"] traits [Send, Sync]
    {
        let mut a = a.into_iter().peekable();
        let mut b = b.into_iter().peekable();
        loop {
            let from_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => le(x, y),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => return,
            };
            let next = if from_a { a.next() } else { b.next() };
            if let Some(item) = next {
                yield_!(item);
            }
        }
    }
    calls(log) [(vec![1, 3, 5], vec![2, 3, 6], |x: &u32, y: &u32| x <= y), (Vec::<u32>::new(), vec![1], |x: &u32, y: &u32| x <= y)]

    iter rle_encode [T: PartialEq] (items: Vec<T>) -> (impl Iterator<Item = (T, usize)>)
        fallback_only ["a `yield_!` in a `let else`"] traits [Send, Sync]
    {
        let mut items = items.into_iter();
        let Some(mut current) = items.next() else {
            return;
        };
        let mut count = 1;
        for item in items {
            if item == current {
                count += 1;
            } else {
                yield_!((std::mem::replace(&mut current, item), count));
                count = 1;
            }
        }
        yield_!((current, count));
    }
    calls(log) [(vec![1, 1, 2, 3, 3, 3]), (Vec::<u8>::new())]

    iter rle_decode [T, I] (runs: I) -> (impl Iterator<Item = T>)
        [where T: Clone, I: IntoIterator<Item = (T, usize)>]
        native [] traits [Send, Sync]
    {
        for (value, count) in runs {
            yield_from!(std::iter::repeat_n(value, count));
        }
    }
    calls(log) [(vec![('a', 2), ('b', 0), ('c', 1)])]

    iter tokens(text: &str) -> (impl Iterator<Item = &str> + '_)
        native [+ Clone] traits [Send, Sync]
    {
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || is_punct(c) {
                if let Some(s) = start.take() {
                    yield_!(&text[s..i]);
                }
                if is_punct(c) {
                    yield_!(&text[i..i + c.len_utf8()]);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            yield_!(&text[s..]);
        }
    }
    calls(log) [("a, b!c  d"), (""), ("é日 🦀.")]

    iter parse_all(words: Vec<String>) -> (impl Iterator<Item = Result<u32, ParseIntError>>)
        native [+ Clone] traits [Send, Sync]
    {
        for word in words {
            yield_!(Ok(word.parse::<u32>()?));
        }
    }
    calls(log) [(words(&["1", "2", "x", "4"])), (words(&[]))]

    iter parse_borrowed(words: &[String]) -> (impl Iterator<Item = Result<u32, ParseIntError>> + '_)
        native [+ Clone] traits [Send, Sync]
    {
        for word in words {
            let n: u32 = word.parse()?;
            yield_!(Ok(n));
        }
    }
    setup {
        let some = words(&["1", "2", "x", "4"]);
    }
    calls(log) [(&some)]

    iter in_order(tree: Option<&Node>) -> (impl Iterator<Item = u16> + '_)
        fallback_only ["`in_order` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        if let Some(node) = tree {
            yield_from!(in_order(node.left.as_deref()));
            yield_!(node.value);
            yield_from!(in_order(node.right.as_deref()));
        }
    }
    setup {
        let tree = bst(&[5, 2, 8, 1, 9, 3]);
    }
    calls(log) [(tree.as_deref()), (None)]

    iter pre_order(node: &Node) -> (impl Iterator<Item = &u16> + '_)
        fallback_only ["`pre_order` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        yield_!(&node.value);
        for child in [&node.left, &node.right].into_iter().flatten() {
            yield_from!(pre_order(child));
        }
    }
    setup {
        let tree = bst(&[5, 2, 8, 1, 9, 3]).expect("a tree");
    }
    calls(log) [(&tree)]

    iter with_locals(log: Log, arg: Noisy, n: usize) -> (impl Iterator<Item = Noisy>)
        fallback_only ["`guard` may borrow a local of the generator (`created(&log, ..)`)"]
        traits [Send, Sync]
    {
        let guard = created(&log, "guard".to_owned());
        let mut held = Vec::new();
        for i in 0..n {
            let local = created(&log, format!("local {i}"));
            if i % 3 == 0 {
                held.push(created(&log, format!("held {i}")));
            }
            yield_!(created(&log, format!("item {i}")));
            drop(local);
        }
        drop((guard, held, arg));
    }
    calls(log) [(log.clone(), log.noisy("arg"), 5), (log.clone(), log.noisy("arg"), 0)]

    // The same with `Noisy::new(log.clone(), ..)`, which the native engine takes.
    iter with_locals_native(log: Log, arg: Noisy, n: usize) -> (impl Iterator<Item = Noisy>)
        native [+ Clone] traits [Send, Sync]
    {
        let guard = Noisy::new(log.clone(), "guard");
        let mut held = Vec::new();
        for i in 0..n {
            let local = Noisy::new(log.clone(), format!("local {i}"));
            if i % 3 == 0 {
                held.push(Noisy::new(log.clone(), format!("held {i}")));
            }
            yield_!(Noisy::new(log.clone(), format!("item {i}")));
            drop(local);
        }
        drop((guard, held, arg));
    }
    calls(log) [(log.clone(), log.noisy("arg"), 5), (log.clone(), log.noisy("arg"), 0)]

    iter noisy_tree(log: Log, depth: u32, path: String) -> (impl Iterator<Item = Noisy>)
        fallback_only ["`noisy_tree` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        let frame = created(&log, format!("frame {path}"));
        yield_!(created(&log, format!("node {path}")));
        if depth > 0 {
            yield_from!(noisy_tree(log.clone(), depth - 1, format!("{path}L")));
            yield_from!(noisy_tree(log.clone(), depth - 1, format!("{path}R")));
        }
        drop(frame);
    }
    calls(log) [(log.clone(), 2, String::new())]
}
