//! Property tests: generator-written versions of common adapters agree with
//! reference implementations (std adapters or plain loops) on random inputs,
//! from empty to very long; taking a prefix and dropping the rest agrees with
//! `.take(n)` and leaks nothing; every generator is fused.

mod common;

use std::collections::VecDeque;
use std::fmt::Debug;
use std::num::ParseIntError;
use std::thread;

use common::{Log, Noisy};
use coro::{generator, iter, yield_, yield_from};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// `cases` cases, and no regression files written into the source tree: a
/// failure prints its minimal input instead.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Vectors from empty to very long: often tiny, mostly up to 2 000 elements,
/// sometimes up to 10 000.
fn long_vec<S>(element: S) -> impl Strategy<Value = Vec<S::Value>>
where
    S: Strategy + Clone,
{
    prop_oneof![
        2 => vec(element.clone(), 0..4),
        6 => vec(element.clone(), 0..2_000),
        1 => vec(element, 0..10_000),
    ]
}

/// `size_hint` must bracket the number of items still to come.
fn check_hint<I: Iterator>(it: &I, remaining: usize) -> Result<(), TestCaseError> {
    let (lower, upper) = it.size_hint();
    prop_assert!(
        lower <= remaining && upper.is_none_or(|upper| upper >= remaining),
        "size_hint {:?} with {} items to come",
        (lower, upper),
        remaining
    );
    Ok(())
}

/// `actual` yields exactly `expected`, keeps an honest `size_hint` all the
/// way, and is fused after the end.
fn agrees<I, T>(mut actual: I, expected: &[T]) -> Result<(), TestCaseError>
where
    I: Iterator<Item = T>,
    T: PartialEq + Debug,
{
    for (i, want) in expected.iter().enumerate() {
        check_hint(&actual, expected.len() - i)?;
        let got = actual.next();
        prop_assert_eq!(got.as_ref(), Some(want), "item {} of {}", i, expected.len());
    }
    check_hint(&actual, 0)?;
    for _ in 0..3 {
        prop_assert!(actual.next().is_none(), "an item after the end");
    }
    prop_assert_eq!(actual.size_hint(), (0, Some(0)), "size_hint after the end");
    Ok(())
}

/// Taking `n` items and then dropping the generator agrees with `.take(n)` of
/// the reference.
fn prefix_agrees<I, T>(actual: I, expected: &[T], n: usize) -> Result<(), TestCaseError>
where
    I: Iterator<Item = T>,
    T: PartialEq + Debug,
{
    let taken: Vec<T> = actual.take(n).collect();
    let want: Vec<&T> = expected.iter().take(n).collect();
    prop_assert_eq!(taken.iter().collect::<Vec<_>>(), want);
    Ok(())
}

// ---------------------------------------------------------------------------
// The generators under test
// ---------------------------------------------------------------------------

/// Every item of a `Vec`, one `yield_!` each.
#[generator]
fn each<T>(items: Vec<T>) -> impl Iterator<Item = T> {
    for item in items {
        yield_!(item);
    }
}

/// `a` then `b`, delegating to the vectors themselves.
#[generator]
fn chain_vecs<T>(a: Vec<T>, b: Vec<T>) -> impl Iterator<Item = T> {
    yield_from!(a);
    yield_from!(b);
}

/// `a` then `b`, delegating to two other generators.
#[generator]
fn chain_generators<T>(a: Vec<T>, b: Vec<T>) -> impl Iterator<Item = T> {
    yield_from!(each(a));
    yield_from!(each(b));
}

/// `a` then `b`, delegating to any two iterables (generators included).
#[generator]
fn chain_any<A, B, T>(a: A, b: B) -> impl Iterator<Item = T>
where
    A: IntoIterator<Item = T>,
    B: IntoIterator<Item = T>,
{
    yield_from!(a);
    yield_from!(b);
}

/// Flattens with `yield_from!` for each inner vector.
#[generator]
fn flatten_from<T>(nested: Vec<Vec<T>>) -> impl Iterator<Item = T> {
    for inner in nested {
        yield_from!(inner);
    }
}

/// Flattens with a nested `for`.
#[generator]
fn flatten_for<T>(nested: Vec<Vec<T>>) -> impl Iterator<Item = T> {
    for inner in nested {
        for item in inner {
            yield_!(item);
        }
    }
}

/// Flattens borrowed vectors, yielding references into them.
#[generator]
fn flatten_refs<T>(nested: &[Vec<T>]) -> impl Iterator<Item = &T> + '_ {
    for inner in nested {
        yield_from!(inner.iter());
    }
}

/// Each window of `k` items, as an owned `Vec`, kept in a ring buffer; the
/// body borrows its own `items` across every `yield_!`.
#[generator]
fn windows_owned<T: Clone>(items: Vec<T>, k: usize) -> impl Iterator<Item = Vec<T>> {
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

/// Each window of `k` items, borrowed from the slice.
#[generator]
fn windows_borrowed<T>(items: &[T], k: usize) -> impl Iterator<Item = &[T]> + '_ {
    if k == 0 || k > items.len() {
        return;
    }
    let mut start = 0;
    while start + k <= items.len() {
        yield_!(&items[start..start + k]);
        start += 1;
    }
}

/// Drops consecutive duplicates.
#[generator]
fn dedup<T: PartialEq + Clone>(items: Vec<T>) -> impl Iterator<Item = T> {
    let mut last: Option<T> = None;
    for item in items {
        if last.as_ref() != Some(&item) {
            last = Some(item.clone());
            yield_!(item);
        }
    }
}

/// Merges two sorted inputs; on ties the item of `a` comes first, so the
/// merge is stable.
#[generator]
fn merge_by<A, B, T, F>(a: A, b: B, mut le: F) -> impl Iterator<Item = T>
where
    A: IntoIterator<Item = T>,
    B: IntoIterator<Item = T>,
    F: FnMut(&T, &T) -> bool,
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

/// Run-length encoding: `(value, count)` for each run of equal values.
#[generator]
fn rle_encode<T: PartialEq>(items: Vec<T>) -> impl Iterator<Item = (T, usize)> {
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

/// Run-length decoding, from any source of runs (a generator included).
#[generator]
fn rle_decode<T, I>(runs: I) -> impl Iterator<Item = T>
where
    T: Clone,
    I: IntoIterator<Item = (T, usize)>,
{
    for (value, count) in runs {
        yield_from!(std::iter::repeat_n(value, count));
    }
}

/// Whether `c` is a token of its own.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// Splits on whitespace; each ASCII punctuation character is a token of its
/// own. The tokens borrow from `text`.
#[generator]
fn tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
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

/// Parses every word, stopping at the first error (which is the last item).
#[generator]
fn parse_all(words: Vec<String>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
    for word in words {
        yield_!(Ok(word.parse::<u32>()?));
    }
}

/// The same over borrowed words.
#[generator]
fn parse_borrowed(words: &[String]) -> impl Iterator<Item = Result<u32, ParseIntError>> + '_ {
    for word in words {
        let n: u32 = word.parse()?;
        yield_!(Ok(n));
    }
}

#[derive(Debug)]
struct Node {
    value: u16,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

/// A binary search tree of `values`, inserted in order (duplicates go right).
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

/// In-order walk, delegating to itself for the subtrees.
#[generator]
fn in_order(tree: Option<&Node>) -> impl Iterator<Item = u16> + '_ {
    if let Some(node) = tree {
        yield_from!(in_order(node.left.as_deref()));
        yield_!(node.value);
        yield_from!(in_order(node.right.as_deref()));
    }
}

/// Pre-order walk, by reference, delegating to itself for the subtrees.
#[generator]
fn pre_order(node: &Node) -> impl Iterator<Item = &u16> + '_ {
    yield_!(&node.value);
    for child in [&node.left, &node.right].into_iter().flatten() {
        yield_from!(pre_order(child));
    }
}

// ---------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------

fn tokens_reference(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut last = 0;
        for (i, punct) in word.match_indices(is_punct) {
            if i > last {
                out.push(&word[last..i]);
            }
            out.push(punct);
            last = i + punct.len();
        }
        if last < word.len() {
            out.push(&word[last..]);
        }
    }
    out
}

fn parse_reference(words: &[String]) -> Vec<Result<u32, ParseIntError>> {
    let mut out = Vec::new();
    for word in words {
        let parsed = word.parse::<u32>();
        let failed = parsed.is_err();
        out.push(parsed);
        if failed {
            break;
        }
    }
    out
}

fn in_order_reference(tree: Option<&Node>, out: &mut Vec<u16>) {
    if let Some(node) = tree {
        in_order_reference(node.left.as_deref(), out);
        out.push(node.value);
        in_order_reference(node.right.as_deref(), out);
    }
}

fn pre_order_reference(tree: Option<&Node>, out: &mut Vec<u16>) {
    if let Some(node) = tree {
        out.push(node.value);
        pre_order_reference(node.left.as_deref(), out);
        pre_order_reference(node.right.as_deref(), out);
    }
}

/// Where `token` starts in `text`, if it is a slice of it.
fn offset_in(text: &str, token: &str) -> Option<usize> {
    let start = text.as_ptr().addr();
    let at = token.as_ptr().addr();
    (start <= at && at + token.len() <= start + text.len()).then(|| at - start)
}

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn nested_vecs() -> impl Strategy<Value = Vec<Vec<u8>>> {
    let inner = prop_oneof![
        1 => Just(Vec::new()),
        4 => vec(any::<u8>(), 0..20),
        1 => vec(any::<u8>(), 0..300),
    ];
    prop_oneof![
        2 => vec(inner.clone(), 0..4),
        6 => vec(inner.clone(), 0..100),
        1 => vec(inner, 0..400),
    ]
}

/// Items with long runs of equal values: random lengths of random values
/// (adjacent runs may share a value), or short runs of few values.
fn runs() -> impl Strategy<Value = Vec<u8>> {
    let long_runs = vec((0_u8..4, 1_usize..600), 0..40).prop_map(|runs| {
        runs.into_iter()
            .flat_map(|(value, count)| std::iter::repeat_n(value, count))
            .collect()
    });
    prop_oneof![
        1 => long_runs,
        2 => long_vec(0_u8..3),
    ]
}

fn sorted(mut v: Vec<u16>) -> Vec<u16> {
    v.sort_unstable();
    v
}

/// Whitespace, ASCII and not (no-break space, NEL, line separator,
/// ideographic space).
const SPACES: &[char] = &[
    ' ', ' ', '\t', '\n', '\r', '\u{a0}', '\u{85}', '\u{2028}', '\u{3000}',
];
const PUNCTUATION: &[char] = &['.', ',', '!', '?', '-', '\'', '"', '(', ')', '@', '_', '~'];
/// Letters, symbols, non-ASCII punctuation, a combining accent and a
/// zero-width space (which is not whitespace): all parts of words.
const OTHERS: &[char] = &[
    'é', 'ß', '日', '本', '🦀', '«', '»', '—', '\u{301}', '\u{200b}',
];

/// Text that is rich in whitespace (ASCII and not), ASCII punctuation,
/// non-ASCII letters and symbols, and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::sample::select(SPACES),
        2 => prop::sample::select(PUNCTUATION),
        1 => prop::sample::select(OTHERS),
        2 => any::<char>(),
    ];
    prop_oneof![
        1 => Just(String::new()),
        2 => vec(ch.clone(), 0..4).prop_map(String::from_iter),
        1 => "[a-zé日🦀]{1,6}",
        6 => vec(ch.clone(), 0..200).prop_map(String::from_iter),
        1 => vec(ch, 0..5_000).prop_map(String::from_iter),
        2 => any::<String>(),
    ]
}

/// Words that mostly parse as `u32`; some overflow, some are junk.
fn words() -> impl Strategy<Value = Vec<String>> {
    let word = prop_oneof![
        12 => any::<u32>().prop_map(|n| n.to_string()),
        1 => "[0-9]{9,11}",
        1 => "[+ -]?[0-9a-f]{0,2}",
        1 => "\\PC{0,3}",
    ];
    prop_oneof![
        1 => vec(word.clone(), 0..4),
        4 => vec(word.clone(), 0..300),
        1 => vec(any::<u32>().prop_map(|n| n.to_string()), 0..3_000),
    ]
}

// ---------------------------------------------------------------------------
// Checks: each adapter against its reference, shared by the properties and
// the edge cases below
// ---------------------------------------------------------------------------

/// `yield_from!` of two vectors, of two generators, of a generator and a std
/// iterator (either way round), and `iter!` doing the same, all equal
/// `a.chain(b)`; so does std's `chain` of two generators. `prefix(len)`
/// picks how many items to take (of `len`, two past the last item) before
/// dropping a generator.
fn check_chain(a: &[u8], b: &[u8], prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let (a, b) = (a.to_vec(), b.to_vec());
    let expected: Vec<u8> = a.iter().chain(&b).copied().collect();
    let n = prefix(expected.len() + 2);
    agrees(chain_vecs(a.clone(), b.clone()), &expected)?;
    agrees(chain_generators(a.clone(), b.clone()), &expected)?;
    agrees(each(a.clone()).chain(each(b.clone())), &expected)?;
    let (a2, b2) = (a.clone(), b.clone());
    let inline = iter! {
        yield_from!(a2);
        yield_from!(b2);
    };
    agrees(inline, &expected)?;
    prefix_agrees(chain_vecs(a.clone(), b.clone()), &expected, n)?;
    prefix_agrees(chain_generators(a.clone(), b.clone()), &expected, n)?;
    agrees(chain_any(each(a.clone()), b.iter().copied()), &expected)?;
    prefix_agrees(chain_any(a.iter().copied(), each(b)), &expected, n)?;
    Ok(())
}

/// Flattening `Vec<Vec<_>>` with `yield_from!` per inner vector, with a
/// nested `for`, and by reference, equals `Iterator::flatten`.
fn check_flatten(nested: &[Vec<u8>], prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let expected: Vec<u8> = nested.iter().flatten().copied().collect();
    let n = prefix(expected.len() + 2);
    agrees(flatten_refs(nested).copied(), &expected)?;
    agrees(flatten_from(nested.to_vec()), &expected)?;
    agrees(flatten_for(nested.to_vec()), &expected)?;
    prefix_agrees(flatten_refs(nested).copied(), &expected, n)?;
    prefix_agrees(flatten_from(nested.to_vec()), &expected, n)?;
    prefix_agrees(flatten_for(nested.to_vec()), &expected, n)?;
    Ok(())
}

/// Windows of size `k` (owned, from a ring buffer; and borrowed) equal
/// `slice::windows`, including `k` greater than the length.
fn check_windows(
    items: &[u8],
    k: usize,
    prefix: impl Fn(usize) -> usize,
) -> Result<(), TestCaseError> {
    let expected: Vec<&[u8]> = items.windows(k).collect();
    let n = prefix(expected.len() + 2);
    agrees(windows_borrowed(items, k), &expected)?;
    prefix_agrees(windows_borrowed(items, k), &expected, n)?;
    let expected: Vec<Vec<u8>> = expected.into_iter().map(<[u8]>::to_vec).collect();
    agrees(windows_owned(items.to_vec(), k), &expected)?;
    prefix_agrees(windows_owned(items.to_vec(), k), &expected, n)?;
    Ok(())
}

/// Removing consecutive duplicates equals `Vec::dedup`.
fn check_dedup(items: &[u8], prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let mut expected = items.to_vec();
    expected.dedup();
    let n = prefix(expected.len() + 2);
    agrees(dedup(items.to_vec()), &expected)?;
    prefix_agrees(dedup(items.to_vec()), &expected, n)?;
    Ok(())
}

/// Merging two sorted inputs (vectors, or generators over them) equals
/// sorting their concatenation; the merge is stable.
fn check_merge(a: &[u16], b: &[u16], prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let (a, b) = (a.to_vec(), b.to_vec());
    let mut expected: Vec<u16> = a.iter().chain(&b).copied().collect();
    expected.sort_unstable();
    let n = prefix(expected.len() + 2);
    agrees(merge_by(a.clone(), b.clone(), |x, y| x <= y), &expected)?;
    agrees(
        merge_by(each(a.clone()), each(b.clone()), |x, y| x <= y),
        &expected,
    )?;
    prefix_agrees(
        merge_by(each(a.clone()), b.clone(), |x, y| x <= y),
        &expected,
        n,
    )?;

    // Stability: tag each item with where it came from and compare keys
    // only; a stable sort of the concatenation is the reference.
    let tagged = |v: &[u16], side: u8| -> Vec<(u16, u8, usize)> {
        v.iter().enumerate().map(|(i, &x)| (x, side, i)).collect()
    };
    let (ta, tb) = (tagged(&a, 0), tagged(&b, 1));
    let mut expected: Vec<(u16, u8, usize)> = ta.iter().chain(&tb).copied().collect();
    expected.sort_by_key(|&(key, _, _)| key);
    agrees(merge_by(ta, tb, |x, y| x.0 <= y.0), &expected)?;
    Ok(())
}

/// decode(encode(x)) == x; the runs' counts are positive and sum to the
/// length; consecutive runs differ; the runs equal `slice::chunk_by`.
fn check_run_length(items: &[u8], prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let runs: Vec<(u8, usize)> = rle_encode(items.to_vec()).collect();
    let expected_runs: Vec<(u8, usize)> = items
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .collect();
    prop_assert_eq!(&runs, &expected_runs);
    prop_assert_eq!(
        runs.iter().map(|&(_, count)| count).sum::<usize>(),
        items.len()
    );
    prop_assert!(runs.iter().all(|&(_, count)| count > 0));
    prop_assert!(runs.windows(2).all(|w| w[0].0 != w[1].0));

    agrees(rle_encode(items.to_vec()), &expected_runs)?;
    agrees(rle_decode(runs.clone()), items)?;
    agrees(rle_decode(rle_encode(items.to_vec())), items)?;
    let n = prefix(items.len() + 2);
    prefix_agrees(rle_decode(rle_encode(items.to_vec())), items, n)?;
    prefix_agrees(rle_encode(items.to_vec()), &expected_runs, n)?;
    Ok(())
}

/// The tokenizer's borrowed slices equal a reference built on
/// `split_whitespace` and `match_indices`, and are slices of the input.
fn check_tokens(text: &str, prefix: impl Fn(usize) -> usize) -> Result<(), TestCaseError> {
    let expected = tokens_reference(text);
    agrees(tokens(text), &expected)?;
    let n = prefix(expected.len() + 2);
    prefix_agrees(tokens(text), &expected, n)?;

    let inline = iter! {
        for token in tokens(text) {
            yield_!(token);
        }
    };
    agrees(inline, &expected)?;

    let mut end = 0;
    for token in tokens(text) {
        prop_assert!(!token.is_empty());
        let at = offset_in(text, token);
        prop_assert!(
            at.is_some_and(|at| at >= end),
            "{:?} is not a later slice of the input",
            token
        );
        end = at.unwrap_or(0) + token.len();
    }
    let no_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    prop_assert_eq!(tokens(text).collect::<String>(), no_space);
    Ok(())
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(64))]

    /// [`check_chain`] on random inputs.
    #[test]
    fn chain_agrees_with_std(
        a in long_vec(any::<u8>()),
        b in long_vec(any::<u8>()),
        n in any::<Index>(),
    ) {
        check_chain(&a, &b, |len| n.index(len))?;
    }

    /// [`check_flatten`] on random inputs.
    #[test]
    fn flatten_agrees_with_std(nested in nested_vecs(), n in any::<Index>()) {
        check_flatten(&nested, |len| n.index(len))?;
    }

    /// [`check_windows`] on random inputs.
    #[test]
    fn windows_agree_with_slice_windows(
        items in long_vec(any::<u8>()),
        k in 1_usize..=5,
        n in any::<Index>(),
    ) {
        check_windows(&items, k, |len| n.index(len))?;
    }

    /// [`check_dedup`] on random inputs.
    #[test]
    fn dedup_agrees_with_vec_dedup(
        items in long_vec(0_u8..4),
        n in any::<Index>(),
    ) {
        check_dedup(&items, |len| n.index(len))?;
    }

    /// [`check_merge`] on random sorted inputs.
    #[test]
    fn merge_agrees_with_sorting(
        a in long_vec(0_u16..64).prop_map(sorted),
        b in long_vec(0_u16..64).prop_map(sorted),
        n in any::<Index>(),
    ) {
        check_merge(&a, &b, |len| n.index(len))?;
    }

    /// [`check_run_length`] on random inputs, rich in runs.
    #[test]
    fn run_length_round_trip(
        items in runs(),
        n in any::<Index>(),
    ) {
        check_run_length(&items, |len| n.index(len))?;
    }

    /// [`check_tokens`] on random text.
    #[test]
    fn tokenizer_agrees_with_reference(text in text(), n in any::<Index>()) {
        check_tokens(&text, |len| n.index(len))?;
    }

    /// With `?`, the items are the successes up to the first error, then that
    /// error, then nothing.
    #[test]
    fn question_mark_stops_at_the_first_error(words in words(), n in any::<Index>()) {
        let expected = parse_reference(&words);
        prop_assert!(expected.iter().rev().skip(1).all(Result::is_ok));
        let n = n.index(expected.len() + 2);
        agrees(parse_borrowed(&words), &expected)?;
        prefix_agrees(parse_borrowed(&words), &expected, n)?;
        agrees(parse_all(words.clone()), &expected)?;
        prefix_agrees(parse_all(words), &expected, n)?;
    }

    /// Recursive in-order and pre-order walks of a random binary search tree,
    /// delegating with `yield_from!`, equal recursive references; in-order
    /// is the sorted input.
    #[test]
    fn recursive_walks_agree_with_recursion(
        values in long_vec(any::<u16>()),
        n in any::<Index>(),
    ) {
        let tree = bst(&values);
        let mut expected = Vec::new();
        in_order_reference(tree.as_deref(), &mut expected);
        prop_assert_eq!(&expected, &sorted(values));
        let n = n.index(expected.len() + 2);
        agrees(in_order(tree.as_deref()), &expected)?;
        prefix_agrees(in_order(tree.as_deref()), &expected, n)?;

        let mut expected = Vec::new();
        pre_order_reference(tree.as_deref(), &mut expected);
        let walk = tree.as_deref().into_iter().flat_map(pre_order).copied();
        agrees(walk, &expected)?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Degenerate trees (sorted input: a chain as deep as the input is long)
    /// nest one delegation per level. Each `next` passes through every level
    /// on the stack (about 2 KiB a level in a debug build: a 2 MiB test
    /// thread overflows near 950 levels), so this stays well below that.
    #[test]
    fn deep_recursion(values in vec(any::<u16>(), 0..400).prop_map(sorted), n in any::<Index>()) {
        let tree = bst(&values);
        agrees(in_order(tree.as_deref()), &values)?;
        prefix_agrees(in_order(tree.as_deref()), &values, n.index(values.len() + 2))?;
        let mut expected = Vec::new();
        pre_order_reference(tree.as_deref(), &mut expected);
        let walk = tree.as_deref().into_iter().flat_map(pre_order).copied();
        agrees(walk, &expected)?;
    }

    /// A generator over owned data is `Send`: taking part of it on one
    /// thread and the rest on another gives the same items.
    #[test]
    fn moves_between_threads_mid_iteration(
        a in long_vec(0_u16..1000).prop_map(sorted),
        b in long_vec(0_u16..1000).prop_map(sorted),
        n in any::<Index>(),
    ) {
        let mut expected: Vec<u16> = a.iter().chain(&b).copied().collect();
        expected.sort_unstable();
        let n = n.index(expected.len() + 2);
        let mut g = merge_by(each(a), b, |x, y| x <= y);
        let mut seen: Vec<u16> = g.by_ref().take(n).collect();
        let rest = thread::spawn(move || {
            let rest: Vec<u16> = g.by_ref().collect();
            (rest, g.next())
        })
        .join()
        .map_err(|_| TestCaseError::fail("the other thread panicked"))?;
        prop_assert_eq!(rest.1, None);
        seen.extend(rest.0);
        prop_assert_eq!(seen, expected);
    }
}

// ---------------------------------------------------------------------------
// Edge cases, every run: empty and very long inputs
// ---------------------------------------------------------------------------

/// The length of a long input.
const LONG: usize = 100_000;

/// The prefixes taken before dropping a generator, as `check_*` functions
/// take them (`len` is two past the last item): none, half, and one past
/// the end.
const PREFIXES: [fn(usize) -> usize; 3] = [|_| 0, |len| len / 2, |len| len - 1];

/// Half the items: the prefix for long inputs, each check of which takes a
/// while in a debug build.
const HALF: fn(usize) -> usize = PREFIXES[1];

/// Runs `check` with every prefix of [`PREFIXES`].
fn with_each_prefix(
    check: impl Fn(fn(usize) -> usize) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    PREFIXES.into_iter().try_for_each(check)
}

/// A fixed pseudo-random sequence (xorshift64*), so that the long inputs
/// are the same on every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from((x >> 32) % n as u64).expect("below `n`")
    }

    /// `len` numbers in `0..n`.
    fn numbers<T: TryFrom<usize>>(&mut self, len: usize, n: usize) -> Vec<T> {
        (0..len)
            .map(|_| T::try_from(self.below(n)).ok().expect("in range"))
            .collect()
    }

    /// `len` items in runs of 1 to `longest` equal values in `0..values`.
    fn runs(&mut self, len: usize, values: usize, longest: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let value = u8::try_from(self.below(values)).expect("a byte");
            let run = (1 + self.below(longest)).min(len - out.len());
            out.extend(std::iter::repeat_n(value, run));
        }
        out
    }

    /// `len` characters, as the `text` strategy draws them: letters,
    /// whitespace (ASCII and not), ASCII punctuation, other characters.
    fn text(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| match self.below(11) {
                0..=3 => char::from(b'a' + u8::try_from(self.below(26)).expect("a letter")),
                4 | 5 => SPACES[self.below(SPACES.len())],
                6 | 7 => PUNCTUATION[self.below(PUNCTUATION.len())],
                8 => OTHERS[self.below(OTHERS.len())],
                _ => char::from_u32(u32::try_from(self.below(0x11_0000)).expect("small"))
                    .unwrap_or('\u{fffd}'),
            })
            .collect()
    }
}

#[test]
fn chain_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let long: Vec<u8> = Rng::new(1).numbers(LONG, 256);
    let (front, back) = long.split_at(LONG / 3);
    with_each_prefix(|prefix| check_chain(&[], &[], prefix))?;
    check_chain(&[], &long, HALF)?;
    check_chain(&long, &[], HALF)?;
    check_chain(front, back, HALF)
}

#[test]
fn flatten_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let mut rng = Rng::new(2);
    let mut many_small = Vec::new();
    let mut total = 0;
    while total < LONG {
        // Empty inner vectors among them.
        let len = rng.below(12);
        let inner: Vec<u8> = rng.numbers(len, 256);
        total += inner.len();
        many_small.push(inner);
    }
    with_each_prefix(|prefix| check_flatten(&[], prefix))?;
    with_each_prefix(|prefix| check_flatten(&[Vec::new()], prefix))?;
    check_flatten(&vec![Vec::new(); LONG], HALF)?;
    check_flatten(&[rng.numbers(LONG, 256)], HALF)?;
    check_flatten(&many_small, HALF)
}

#[test]
fn windows_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let long: Vec<u8> = Rng::new(3).numbers(LONG, 256);
    for k in 1..=5 {
        with_each_prefix(|prefix| check_windows(&[], k, prefix))?;
    }
    for k in [1, 2, 5] {
        check_windows(&long, k, HALF)?;
    }
    // Wider than the input: no windows.
    with_each_prefix(|prefix| check_windows(&long[..4], 5, prefix))
}

#[test]
fn dedup_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let mut rng = Rng::new(4);
    with_each_prefix(|prefix| check_dedup(&[], prefix))?;
    check_dedup(&rng.numbers(LONG, 4), HALF)?;
    check_dedup(&rng.runs(LONG, 3, 50), HALF)?;
    // All equal, and no two equal neighbours.
    check_dedup(&vec![7; LONG], HALF)?;
    check_dedup(
        &(0..LONG).map(|i| u8::from(i % 2 == 0)).collect::<Vec<_>>(),
        HALF,
    )
}

#[test]
fn merge_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let mut rng = Rng::new(5);
    let few_keys = sorted(rng.numbers(LONG / 2, 64));
    let many_keys = sorted(rng.numbers(LONG / 2, 60_000));
    let all_equal = vec![9_u16; LONG / 2];
    with_each_prefix(|prefix| check_merge(&[], &[], prefix))?;
    check_merge(&[], &few_keys, HALF)?;
    check_merge(&many_keys, &[], HALF)?;
    check_merge(&few_keys, &many_keys, HALF)?;
    check_merge(&all_equal, &few_keys, HALF)?;
    check_merge(&all_equal, &all_equal, HALF)
}

#[test]
fn run_length_of_empty_and_long_inputs() -> Result<(), TestCaseError> {
    let mut rng = Rng::new(6);
    with_each_prefix(|prefix| check_run_length(&[], prefix))?;
    check_run_length(&rng.runs(LONG, 4, 600), HALF)?;
    check_run_length(&rng.numbers(LONG, 3), HALF)?;
    // One run as long as the input, and no two equal neighbours.
    check_run_length(&vec![1; LONG], HALF)?;
    let distinct: Vec<u8> = (0..LONG)
        .map(|i| u8::try_from(i % 251).expect("a byte"))
        .collect();
    check_run_length(&distinct, HALF)
}

#[test]
fn tokenizer_on_empty_and_long_inputs() -> Result<(), TestCaseError> {
    with_each_prefix(|prefix| check_tokens("", prefix))?;
    check_tokens(&Rng::new(7).text(LONG), HALF)?;
    // One long word, only whitespace, only punctuation (a token each).
    check_tokens(&"é".repeat(LONG), HALF)?;
    check_tokens(&" \t\u{3000}".repeat(LONG / 3), HALF)?;
    check_tokens(&".,!".repeat(LONG / 3), HALF)
}

// ---------------------------------------------------------------------------
// Dropping part-way leaks nothing and drops nothing twice
// ---------------------------------------------------------------------------

/// Makes a `Noisy` named `name`, logging `"new NAME"`.
fn created(log: &Log, name: String) -> Noisy {
    log.push(format!("new {name}"));
    log.noisy(name)
}

/// Every value created was dropped exactly once, and nothing else was.
fn balanced(log: &Log) -> Result<(), TestCaseError> {
    let mut made: Vec<String> = log
        .events()
        .iter()
        .filter_map(|e| e.strip_prefix("new ").map(str::to_owned))
        .collect();
    let mut dropped = log.dropped();
    made.sort_unstable();
    dropped.sort_unstable();
    prop_assert_eq!(made, dropped);
    Ok(())
}

/// Locals, values held in a `Vec` across yields, the items, and an argument.
#[generator]
fn with_locals(log: Log, arg: Noisy, n: usize) -> impl Iterator<Item = Noisy> {
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

/// A recursive generator with a live local in every frame of the delegation.
#[generator]
fn noisy_tree(log: Log, depth: u32, path: String) -> impl Iterator<Item = Noisy> {
    let frame = created(&log, format!("frame {path}"));
    yield_!(created(&log, format!("node {path}")));
    if depth > 0 {
        yield_from!(noisy_tree(log.clone(), depth - 1, format!("{path}L")));
        yield_from!(noisy_tree(log.clone(), depth - 1, format!("{path}R")));
    }
    drop(frame);
}

proptest! {
    #![proptest_config(config(128))]

    /// Taking `take` items from a generator with live locals and then
    /// dropping it drops everything it created exactly once.
    #[test]
    fn dropping_part_way_drops_each_value_once(len in 0_usize..200, take in 0_usize..220) {
        let log = Log::new();
        let arg = created(&log, "arg".to_owned());
        let names: Vec<String> = with_locals(log.clone(), arg, len)
            .take(take)
            .map(|item| item.name.clone())
            .collect();
        let expected: Vec<String> = (0..len.min(take)).map(|i| format!("item {i}")).collect();
        prop_assert_eq!(names, expected);
        balanced(&log)?;
    }

    /// The same through a recursive delegation as deep as 7 levels.
    #[test]
    fn dropping_a_recursive_delegation_drops_each_value_once(
        depth in 0_u32..7,
        take in 0_usize..300,
    ) {
        let log = Log::new();
        let all = noisy_tree(log.clone(), depth, String::new()).count();
        prop_assert_eq!(all, (1 << (depth + 1)) - 1);
        balanced(&log)?;
        log.clear();
        let taken = noisy_tree(log.clone(), depth, String::new()).take(take).count();
        prop_assert_eq!(taken, take.min(all));
        balanced(&log)?;
    }

    /// Flattening and chaining vectors of `Noisy` values, stopped part-way:
    /// the items taken, and those left in the dropped generator, are each
    /// dropped once.
    #[test]
    fn dropping_a_flatten_part_way_drops_each_item_once(
        shape in vec(0_usize..8, 0..40),
        take in any::<Index>(),
        variant in 0_u8..4,
    ) {
        let log = Log::new();
        let mut expected = Vec::new();
        let nested: Vec<Vec<Noisy>> = shape
            .iter()
            .enumerate()
            .map(|(i, &len)| {
                (0..len)
                    .map(|j| {
                        let name = format!("{i}.{j}");
                        expected.push(name.clone());
                        created(&log, name)
                    })
                    .collect()
            })
            .collect();
        let take = take.index(expected.len() + 2);
        let g: Box<dyn Iterator<Item = Noisy>> = match variant {
            0 => Box::new(flatten_from(nested)),
            1 => Box::new(flatten_for(nested)),
            2 => {
                let mut nested = nested;
                let back = nested.split_off(nested.len() / 2);
                Box::new(chain_any(flatten_from(nested), flatten_for(back)))
            }
            _ => {
                let mut nested = nested;
                let back = nested.split_off(nested.len() / 2);
                Box::new(iter! {
                    yield_from!(flatten_for(nested));
                    yield_from!(flatten_from(back));
                })
            }
        };
        let names: Vec<String> = g.take(take).map(|item| item.name.clone()).collect();
        expected.truncate(take);
        prop_assert_eq!(names, expected);
        balanced(&log)?;
    }
}
