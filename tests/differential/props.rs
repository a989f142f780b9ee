//! Property tests: a tokenizer and a CSV-like parser, written the way the
//! native engine takes them (owned bytes popped from a reversed `Vec`, no
//! borrow of a local held across a `yield_!`), with labelled loops, `match`
//! with guards, `while let`, shadowing, `?` on `Result` items and early
//! `return`. On random inputs, both engines give the same items, coroutine
//! trace and logs in every scenario of the harness (dropped after each item,
//! a panic after each yield), and clones taken at random points agree.
//!
//! Each body is a `differential!` case (with fixed inputs); the proptests
//! drive the same copies. Where the natural form would meet a bug of the
//! native engine (see `findings.rs`), the body says so: its labels are not
//! named after the function (`'tokens:` in `fn tokens` is taken for a call
//! of itself), and nothing is moved into a `yield_!` or a `push` before a
//! `return` or `continue 'label` (the engine carries the moved value).
#![allow(
    clippy::needless_continue,
    reason = "labelled `continue` is one of the constructs under test"
)]

use coro::yield_;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use crate::harness::{Ctx, IterGen, IterRecord, Log, catching};

/// `cases` cases, and no regression files written into the source tree.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Word(String),
    Number(u64),
    /// A quoted string, without its quotes (`\"` inside for a quote).
    Str(String),
    Punct(char),
    /// An operator of two characters (`->`, `==`, `<=`, ...).
    Op(String),
    /// A string whose closing quote never came.
    Unterminated(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CsvError {
    /// A quote inside an unquoted field.
    StrayQuote { line: usize, column: usize },
    /// The input ended inside a quoted field.
    Unterminated { line: usize },
    /// More fields in a record than allowed.
    TooManyFields { line: usize, fields: usize },
}

/// `fields` may not have more than `max` entries.
fn check_width(fields: &[String], max: usize, line: usize) -> Result<(), CsvError> {
    if fields.len() > max {
        Err(CsvError::TooManyFields {
            line,
            fields: fields.len(),
        })
    } else {
        Ok(())
    }
}

differential! {
    // Tokens with the byte offset they start at. `#` ends the input (a
    // comment to the end), `;;` too.
    iter tokens(text: String) -> (impl Iterator<Item = (usize, Token)>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut rest = text.into_bytes();
        rest.reverse();
        let mut pos = 0;
        'next_token: while let Some(b) = rest.pop() {
            let start = pos;
            pos += 1;
            match b {
                b' ' | b'\t' | b'\n' => continue 'next_token,
                b'#' => return,
                b';' if rest.last() == Some(&b';') => return,
                b'0'..=b'9' => {
                    let mut n = u64::from(b - b'0');
                    while let Some(&d) = rest.last() {
                        if !d.is_ascii_digit() {
                            break;
                        }
                        rest.pop();
                        pos += 1;
                        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
                    }
                    yield_!((start, Token::Number(n)));
                }
                b if b.is_ascii_alphabetic() || b == b'_' => {
                    let mut word = String::from(char::from(b));
                    loop {
                        match rest.last() {
                            Some(&c) if c.is_ascii_alphanumeric() || c == b'_' => {
                                word.push(char::from(c));
                                rest.pop();
                                pos += 1;
                            }
                            _ => break,
                        }
                    }
                    // Shadowed: keywords are upper-cased.
                    let word = if word == "fn" || word == "let" {
                        word.to_uppercase()
                    } else {
                        word
                    };
                    yield_!((start, Token::Word(word)));
                }
                b'"' => {
                    let mut s = String::new();
                    'string: loop {
                        match rest.pop() {
                            None => {
                                // (Not `Unterminated(s)`: the native engine
                                // would carry the moved `s` across this
                                // yield; see `findings.rs`.)
                                let unterminated = std::mem::take(&mut s);
                                yield_!((start, Token::Unterminated(unterminated)));
                                return;
                            }
                            Some(b'"') => {
                                pos += 1;
                                break 'string;
                            }
                            Some(b'\\') if rest.last() == Some(&b'"') => {
                                rest.pop();
                                pos += 2;
                                s.push('"');
                            }
                            Some(c) => {
                                pos += 1;
                                s.push(char::from(c));
                            }
                        }
                    }
                    yield_!((start, Token::Str(s)));
                }
                b'-' | b'=' | b'<' | b'>' | b'!' if rest.last() == Some(&b'=') || (b == b'-' && rest.last() == Some(&b'>')) => {
                    let second = rest.pop().map_or('?', char::from);
                    pos += 1;
                    let mut op = String::from(char::from(b));
                    op.push(second);
                    yield_!((start, Token::Op(op)));
                }
                other => {
                    let other = char::from(other);
                    yield_!((start, Token::Punct(other)));
                }
            }
        }
    }
    calls(log) [
        (String::from("let x1 = 42 -> \"a\\\"b\" # done")),
        (String::from("fn f(a,b) <= == ;; never")),
        (String::from("\"open")),
        (String::new()),
    ]

    // Records of a CSV-like text: `,` between fields, a record a line, `"`
    // quotes (`""` inside for a quote), `#` lines skipped; at most
    // `max_fields` fields. An error is the last item (`?`).
    iter records(text: String, max_fields: usize) -> (impl Iterator<Item = Result<Vec<String>, CsvError>>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut rest = text.into_bytes();
        rest.reverse();
        let mut line = 1;
        'next_record: loop {
            let mut fields: Vec<String> = Vec::new();
            let mut field = String::new();
            let mut column = 0;
            let mut quoted = false;
            let mut was_quoted = false;
            loop {
                column += 1;
                match rest.pop() {
                    None if quoted => Err(CsvError::Unterminated { line })?,
                    None => {
                        if fields.is_empty() && field.is_empty() {
                            return;
                        }
                        fields.push(field.clone());
                        check_width(&fields, max_fields, line)?;
                        yield_!(Ok(std::mem::take(&mut fields)));
                        return;
                    }
                    Some(b'"') if quoted && rest.last() == Some(&b'"') => {
                        rest.pop();
                        field.push('"');
                    }
                    Some(b'"') if quoted => quoted = false,
                    Some(b'"') if field.is_empty() && !was_quoted => {
                        quoted = true;
                        was_quoted = true;
                    }
                    Some(b'"') => Err(CsvError::StrayQuote { line, column })?,
                    Some(b'#') if !quoted && fields.is_empty() && field.is_empty() && !was_quoted => {
                        while let Some(c) = rest.pop() {
                            if c == b'\n' {
                                break;
                            }
                        }
                        line += 1;
                        continue 'next_record;
                    }
                    Some(b',') if !quoted => {
                        // (Not `push(mem::take(&mut field))`: the native
                        // engine takes what comes of a `&mut` to borrow.)
                        fields.push(field.clone());
                        field.clear();
                        was_quoted = false;
                    }
                    Some(b'\n') if !quoted => {
                        fields.push(field.clone());
                        check_width(&fields, max_fields, line)?;
                        yield_!(Ok(std::mem::take(&mut fields)));
                        line += 1;
                        continue 'next_record;
                    }
                    Some(c) => field.push(char::from(c)),
                }
            }
        }
    }
    calls(log) [
        (String::from("a,b\n\"c,d\",\"e\"\"f\"\n# skip\ng"), 3),
        (String::from("a,b,c,d\n"), 3),
        (String::from("a\"b"), 3),
        (String::from("\"open"), 3),
        (String::new(), 3),
    ]
}

/// Text for the tokenizer: words, numbers, quotes, escapes, operators,
/// comments, spaces.
fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => "[a-z0-9 ]{0,12}",
        6 => proptest::collection::vec(
            prop_oneof![
                3 => "[a-z_][a-z0-9_]{0,5}",
                2 => "[0-9]{1,22}",
                1 => "\"[a-z \\\\\"]{0,6}\"?",
                2 => "[-=<>!;,(){}+*/]{1,2}",
                1 => "(fn|let|#)",
                2 => "[ \t\n]{1,2}",
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// Text for the parser: fields, quotes, doubled quotes, commas, newlines,
/// comment lines.
fn csv() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[a-c1-2 ]{0,3}",
            2 => Just(",".to_owned()),
            2 => Just("\n".to_owned()),
            1 => "\"[a-c,\n]{0,3}\"",
            1 => Just("\"\"".to_owned()),
            1 => Just("\"".to_owned()),
            1 => Just("#".to_owned()),
        ],
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

/// The proptest form of the harness's assertions: a failure is the case's
/// message.
fn check(f: impl FnOnce()) -> Result<(), TestCaseError> {
    catching(f).map_err(TestCaseError::fail)
}

/// Every scenario of the harness on one input: the native copy (plain and
/// with hooks) against the async engine's.
fn same_everywhere<A: IterGen, B: IterGen, C: IterGen, D: IterGen>(
    input: &str,
    fallback: &dyn Fn(&Log) -> A,
    fallback_injected: &dyn Fn(&Log) -> B,
    native: &dyn Fn(&Log) -> C,
    native_injected: &dyn Fn(&Log) -> D,
) -> Result<IterRecord, TestCaseError> {
    let mut reference = None;
    check(|| {
        let ctx = Ctx::new("props", "");
        let record = crate::harness::compare_iter(
            &ctx,
            "the native engine",
            fallback,
            fallback_injected,
            native,
            native_injected,
        );
        reference = Some(record);
    })
    .map_err(|e| TestCaseError::fail(format!("input {input:?}: {e}")))?;
    Ok(reference.expect("recorded"))
}

/// Clones taken at two random points (`k` items in, then `j` more, of the
/// original), each run to the end, give the reference's items from there.
fn clones_agree<G: IterGen + Clone>(
    mut g: G,
    reference: &IterRecord,
    k: usize,
    j: usize,
) -> Result<(), TestCaseError> {
    let show = |g: &mut dyn Iterator<Item = G::Item>, n: usize| -> Vec<String> {
        g.take(n).map(|item| format!("{item:?}")).collect()
    };
    let before = show(&mut g, k);
    prop_assert_eq!(&before[..], &reference.items[..before.len()]);
    let mut first = g.clone();
    let middle = show(&mut g, j);
    let mut second = g.clone();
    let rest = show(&mut g, usize::MAX);
    let k = before.len();
    let first_rest = show(&mut first, usize::MAX);
    let second_rest = show(&mut second, usize::MAX);
    prop_assert_eq!(&first_rest[..], &reference.items[k..], "a clone at {}", k);
    prop_assert_eq!(
        &second_rest[..],
        &reference.items[k + middle.len()..],
        "a clone at {}",
        k + middle.len()
    );
    prop_assert_eq!(
        middle.into_iter().chain(rest).collect::<Vec<_>>(),
        &reference.items[k..],
        "the original, cloned twice"
    );
    prop_assert!(first.next().is_none() && second.next().is_none() && g.next().is_none());
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_tokenizer_agrees_on_both_engines(text in code(), k in any::<Index>(), j in any::<Index>()) {
        crate::harness::quiet();
        let reference = same_everywhere(
            &text,
            &|_: &Log| tokens::fallback(text.clone()),
            &|_: &Log| tokens::fallback_injected(text.clone()),
            &|_: &Log| tokens::native(text.clone()),
            &|_: &Log| tokens::native_injected(text.clone()),
        )?;
        let n = reference.items.len() + 1;
        clones_agree(tokens::native(text.clone()), &reference, k.index(n), j.index(n))?;
    }

    #[test]
    fn the_parser_agrees_on_both_engines(
        text in csv(),
        max_fields in 1_usize..5,
        k in any::<Index>(),
        j in any::<Index>(),
    ) {
        crate::harness::quiet();
        let reference = same_everywhere(
            &text,
            &|_: &Log| records::fallback(text.clone(), max_fields),
            &|_: &Log| records::fallback_injected(text.clone(), max_fields),
            &|_: &Log| records::native(text.clone(), max_fields),
            &|_: &Log| records::native_injected(text.clone(), max_fields),
        )?;
        let n = reference.items.len() + 1;
        clones_agree(records::native(text.clone(), max_fields), &reference, k.index(n), j.index(n))?;
    }
}

/// The bodies are not trivial on the inputs the strategies make: a sample
/// has tokens of every kind, records, and errors of every kind.
#[test]
fn the_strategies_reach_every_branch() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..300 {
        let text = code().new_tree(&mut runner).expect("a value").current();
        for (_, token) in tokens::native(text) {
            let kind = format!("{token:?}");
            kinds.insert(kind[..kind.find('(').unwrap_or(kind.len())].to_owned());
        }
        let text = csv().new_tree(&mut runner).expect("a value").current();
        for record in records::native(text, 2) {
            let kind = match record {
                Ok(fields) if fields.len() > 1 => "record of fields".to_owned(),
                Ok(_) => "record".to_owned(),
                Err(e) => {
                    let e = format!("{e:?}");
                    e[..e.find(' ').unwrap_or(e.len())].to_owned()
                }
            };
            kinds.insert(kind);
        }
    }
    for kind in [
        "Word",
        "Number",
        "Str",
        "Punct",
        "Op",
        "Unterminated",
        "record",
        "record of fields",
        "StrayQuote",
        "Unterminated",
        "TooManyFields",
    ] {
        assert!(kinds.contains(kind), "{kind} never seen: {kinds:?}");
    }
}
