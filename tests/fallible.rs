//! `?` in generators whose item type is a `Result`: the error, converted with
//! `From`, is the last item; then the generator ends.

use std::fmt;
use std::io;
use std::num::ParseIntError;

use coro::{generator, yield_};

#[generator]
fn parse_all(lines: Vec<&'static str>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
    for line in lines {
        yield_!(Ok(line.trim().parse::<u32>()?));
    }
}

#[test]
fn the_error_is_the_last_item() {
    let mut g = parse_all(vec!["1", " 2 ", "x", "4"]);
    assert_eq!(g.next(), Some(Ok(1)));
    assert_eq!(g.next(), Some(Ok(2)));
    assert!(matches!(g.next(), Some(Err(_))));
    assert_eq!(g.next(), None);
    assert_eq!(g.next(), None, "fused after the error");
    assert_eq!(g.size_hint(), (0, Some(0)));
}

#[test]
fn no_error_no_extra_item() {
    assert_eq!(
        parse_all(vec!["7", "8"]).collect::<Vec<_>>(),
        [Ok(7), Ok(8)]
    );
    assert_eq!(parse_all(vec![]).count(), 0);
}

#[derive(Debug, PartialEq)]
enum AppError {
    Parse(String),
    Negative(i64),
}

impl From<ParseIntError> for AppError {
    fn from(e: ParseIntError) -> Self {
        AppError::Parse(e.to_string())
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[test]
fn errors_convert_with_from() {
    #[generator]
    fn positives(text: &str) -> impl Iterator<Item = Result<i64, AppError>> + '_ {
        for word in text.split(',') {
            let n: i64 = word.parse()?; // ParseIntError -> AppError
            if n < 0 {
                Err(AppError::Negative(n))?;
            }
            yield_!(Ok(n));
        }
    }
    assert_eq!(
        positives("1,2,-3,4").collect::<Vec<_>>(),
        [Ok(1), Ok(2), Err(AppError::Negative(-3))]
    );
    assert_eq!(
        positives("5,z").collect::<Vec<_>>(),
        [
            Ok(5),
            Err(AppError::Parse("invalid digit found in string".into()))
        ]
    );
}

mod my {
    pub(super) type Result<T> = core::result::Result<T, String>;
}

#[test]
fn any_path_ending_in_result() {
    #[generator]
    fn lines(data: &[u8]) -> impl Iterator<Item = io::Result<String>> + '_ {
        for chunk in data.split(|b| *b == b'\n') {
            let text = std::str::from_utf8(chunk)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            yield_!(Ok(text.to_owned()));
        }
    }
    let items: Vec<_> = lines(b"ab\ncd\n\xff\nnever").collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap(), "ab");
    assert_eq!(items[1].as_ref().unwrap(), "cd");
    assert_eq!(
        items[2].as_ref().unwrap_err().kind(),
        io::ErrorKind::InvalidData
    );

    #[generator]
    fn checked(values: Vec<u8>) -> impl Iterator<Item = my::Result<u8>> {
        for v in values {
            let doubled = v.checked_mul(2).ok_or_else(|| format!("{v} overflows"))?;
            yield_!(Ok(doubled));
        }
    }
    assert_eq!(
        checked(vec![1, 200, 3]).collect::<Vec<_>>(),
        [Ok(2), Err("200 overflows".to_owned())]
    );

    #[generator]
    fn full_path() -> impl Iterator<Item = ::core::result::Result<u8, Box<dyn std::error::Error>>> {
        yield_!(Ok(1));
        "x".parse::<u8>()?;
    }
    assert_eq!(full_path().count(), 2);
}

#[test]
fn early_return_in_a_fallible_generator() {
    #[generator]
    fn until_blank(lines: Vec<&'static str>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
        for line in lines {
            if line.is_empty() {
                return;
            }
            yield_!(Ok(line.parse()?));
        }
        yield_!(Ok(0));
    }
    assert_eq!(until_blank(vec!["1", "", "x"]).collect::<Vec<_>>(), [Ok(1)]);
    assert_eq!(until_blank(vec!["1"]).collect::<Vec<_>>(), [Ok(1), Ok(0)]);
    assert!(until_blank(vec!["x"]).next().unwrap().is_err());
}

#[test]
fn errors_may_be_yielded_without_ending() {
    // `?` ends the generator; yielding an `Err` by hand does not.
    #[generator]
    fn tolerant(lines: Vec<&'static str>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
        for line in lines {
            match line.parse() {
                Ok(n) => yield_!(Ok(n)),
                Err(e) => yield_!(Err(e)),
            }
        }
    }
    let items: Vec<_> = tolerant(vec!["1", "x", "3"]).collect();
    assert_eq!(items.len(), 3);
    assert!(items[1].is_err());
}

#[test]
fn endless_fallible_generator() {
    #[generator]
    fn counter(limit: u32) -> impl Iterator<Item = Result<u32, String>> {
        let mut n = 0;
        loop {
            if n == limit {
                Err(format!("reached {limit}"))?;
            }
            yield_!(Ok(n));
            n += 1;
        }
    }
    assert_eq!(
        counter(2).collect::<Vec<_>>(),
        [Ok(0), Ok(1), Err("reached 2".to_owned())]
    );
}

#[test]
fn question_mark_in_nested_closures_is_the_closures_own() {
    #[generator]
    fn sums(rows: Vec<Vec<&'static str>>) -> impl Iterator<Item = Result<u32, ParseIntError>> {
        for row in rows {
            // The closure's `?` returns from the closure, not the generator.
            let total = || -> Result<u32, ParseIntError> {
                let mut t = 0;
                for cell in &row {
                    t += cell.parse::<u32>()?;
                }
                Ok(t)
            };
            yield_!(total());
        }
    }
    let items: Vec<_> = sums(vec![vec!["1", "2"], vec!["x"], vec!["5"]]).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0], Ok(3));
    assert!(items[1].is_err());
    assert_eq!(items[2], Ok(5));
}
