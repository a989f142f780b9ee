//! A tokenizer as a generator: it walks a `&str` once and yields tokens that
//! borrow from it, with no allocation per token. The generator holds its
//! position in local variables, as a hand-written lexer would hold it in a
//! struct. `cargo run --example tokenizer`

use coro::{generator, yield_};

/// A token of a small arithmetic language, borrowing the source text.
#[derive(Debug, PartialEq)]
enum Token<'s> {
    Number(&'s str),
    Ident(&'s str),
    Op(char),
    Open,
    Close,
    /// A character that starts no token, with its byte offset.
    Unknown(usize, char),
}

#[generator]
fn tokens(src: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut chars = src.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let token = match c {
            c if c.is_whitespace() => continue,
            '0'..='9' => {
                let mut end = start + 1;
                while let Some(&(i, d)) = chars.peek() {
                    if !(d.is_ascii_digit() || d == '.') {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                Token::Number(&src[start..end])
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !(d.is_alphanumeric() || d == '_') {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                Token::Ident(&src[start..end])
            }
            '+' | '-' | '*' | '/' | '^' => Token::Op(c),
            '(' => Token::Open,
            ')' => Token::Close,
            other => Token::Unknown(start, other),
        };
        yield_!(token);
    }
}

fn main() {
    let src = "area = pi * (r_1 ^ 2) + 3.5 # oops";
    println!("source: {src}");
    for token in tokens(src) {
        println!("  {token:?}");
    }

    // Generators compose with iterator adapters like any iterator.
    let names: Vec<_> = tokens(src)
        .filter_map(|t| match t {
            Token::Ident(name) => Some(name),
            _ => None,
        })
        .collect();
    println!("identifiers: {names:?}");
    assert_eq!(names, ["area", "pi", "r_1", "oops"]);
}
