//! For tests: expansions compared as token trees, not as the text
//! `to_string()` gives (whose spacing is an accident of `proc_macro2`).
//!
//! A needle is written as source text and parsed into tokens; it is found in
//! an expansion when its tokens appear there in order, with the same
//! grouping. Spans are ignored, and so are invisible groups (those of
//! `macro_rules!` fragments), which print as nothing.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// One step of a walk through a token tree.
#[derive(PartialEq, Eq, Debug)]
enum Event {
    Open(char),
    Close(char),
    Ident(String),
    Punct(char),
    Literal(String),
}

fn events(tokens: TokenStream, out: &mut Vec<Event>) {
    for tt in tokens {
        match tt {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Brace => ('{', '}'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::None => {
                        events(group.stream(), out);
                        continue;
                    }
                };
                out.push(Event::Open(open));
                events(group.stream(), out);
                out.push(Event::Close(close));
            }
            TokenTree::Ident(ident) => out.push(Event::Ident(ident.to_string())),
            TokenTree::Punct(punct) => out.push(Event::Punct(punct.as_char())),
            TokenTree::Literal(literal) => out.push(Event::Literal(literal.to_string())),
        }
    }
}

fn walk(tokens: &TokenStream) -> Vec<Event> {
    let mut out = Vec::new();
    events(tokens.clone(), &mut out);
    out
}

/// The tokens of `text`. A needle may end inside groups it opened (`f (`,
/// `{ let x`): they are closed to parse it, and the closing taken off again.
fn needle(text: &str) -> Vec<Event> {
    let mut open = Vec::new();
    for c in text.chars() {
        match c {
            '(' => open.push(')'),
            '[' => open.push(']'),
            '{' => open.push('}'),
            ')' | ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let closed: String = text.chars().chain(open.iter().rev().copied()).collect();
    let tokens: TokenStream = closed
        .parse()
        .unwrap_or_else(|e| panic!("the needle `{text}` is not tokens: {e}"));
    let mut events = walk(&tokens);
    events.truncate(events.len() - open.len());
    events
}

/// Whether the text of `haystack` holds `text`: for what is not tokens but
/// inside one (the message of a `compile_error!`).
pub(crate) fn says(haystack: &TokenStream, text: &str) -> bool {
    haystack.to_string().contains(text)
}

/// How many times the tokens of `text` appear in `haystack`.
pub(crate) fn count(haystack: &TokenStream, text: &str) -> usize {
    let (hay, needle) = (walk(haystack), needle(text));
    if needle.is_empty() {
        return 0;
    }
    hay.windows(needle.len())
        .filter(|w| *w == needle.as_slice())
        .count()
}

/// Whether the tokens of `text` appear in `haystack`.
pub(crate) fn has(haystack: &TokenStream, text: &str) -> bool {
    count(haystack, text) > 0
}

/// Whether `haystack` begins with the tokens of `text`.
pub(crate) fn starts(haystack: &TokenStream, text: &str) -> bool {
    walk(haystack).starts_with(&needle(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn spacing_does_not_matter_and_grouping_does() {
        let tokens = quote!(
            fn f(a: u8) -> Vec<u8> {
                vec![a]
            }
        );
        assert!(has(&tokens, "f(a:u8)"));
        assert!(has(&tokens, "-> Vec < u8 >"));
        assert!(has(&tokens, "{ vec ! [a] }"));
        // `(a: u8)` is a group: its tokens are not those of `a: u8 -> `.
        assert!(!has(&tokens, "f a: u8"));
        assert!(starts(&tokens, "fn f"));
        assert_eq!(count(&tokens, "u8"), 2);
        // A needle may stop inside a group.
        assert!(has(&tokens, "{ vec ! [a"));
        assert!(says(&tokens, "vec ! [a]"));
    }
}
