//! The bodies of `tests/fallible.rs`: `?` in generators whose item is a
//! `Result`; the error is the last item.

use std::fmt;
use std::io;
use std::num::ParseIntError;

use coro::yield_;

#[derive(Debug, PartialEq)]
pub(crate) enum AppError {
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

pub(crate) mod my {
    pub(crate) type Result<T> = core::result::Result<T, String>;
}

differential! {
    iter parse_all(lines: Vec<&'static str>) -> (impl Iterator<Item = Result<u32, ParseIntError>>)
        native [+ Clone] traits [Send, Sync]
    {
        for line in lines {
            yield_!(Ok(line.trim().parse::<u32>()?));
        }
    }
    calls(log) [(vec!["1", " 2 ", "x", "4"]), (vec!["7", "8"]), (vec![]), (vec!["x"])]

    iter positives(text: &str) -> (impl Iterator<Item = Result<i64, AppError>> + '_)
        native [+ Clone] traits [Send, Sync]
    {
        for word in text.split(',') {
            let n: i64 = word.parse()?;
            if n < 0 {
                Err(AppError::Negative(n))?;
            }
            yield_!(Ok(n));
        }
    }
    calls(log) [("1,2,-3,4"), ("5,z"), (""), ("7")]

    iter lines(data: &[u8]) -> (impl Iterator<Item = io::Result<String>> + '_)
        native [] traits [Send, Sync]
    {
        for chunk in data.split(|b| *b == b'\n') {
            let text = std::str::from_utf8(chunk)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            yield_!(Ok(text.to_owned()));
        }
    }
    calls(log) [(b"ab\ncd\n\xff\nnever"), (b""), (b"one")]

    iter checked(values: Vec<u8>) -> (impl Iterator<Item = my::Result<u8>>)
        native [+ Clone] traits [Send, Sync]
    {
        for v in values {
            let doubled = v.checked_mul(2).ok_or_else(|| format!("{v} overflows"))?;
            yield_!(Ok(doubled));
        }
    }
    calls(log) [(vec![1, 200, 3]), (vec![])]

    iter full_path() -> (impl Iterator<Item = ::core::result::Result<u8, Box<dyn std::error::Error>>>)
        native [] traits []
    {
        yield_!(Ok(1));
        "x".parse::<u8>()?;
    }
    calls(log) [()]

    iter until_blank(lines: Vec<&'static str>) -> (impl Iterator<Item = Result<u32, ParseIntError>>)
        native [+ Clone] traits [Send, Sync]
    {
        for line in lines {
            if line.is_empty() {
                return;
            }
            yield_!(Ok(line.parse()?));
        }
        yield_!(Ok(0));
    }
    calls(log) [(vec!["1", "", "x"]), (vec!["1"]), (vec!["x"])]

    iter tolerant(lines: Vec<&'static str>) -> (impl Iterator<Item = Result<u32, ParseIntError>>)
        native [+ Clone] traits [Send, Sync]
    {
        for line in lines {
            match line.parse() {
                Ok(n) => yield_!(Ok(n)),
                Err(e) => yield_!(Err(e)),
            }
        }
    }
    calls(log) [(vec!["1", "x", "3"])]

    iter counter(limit: u32) -> (impl Iterator<Item = Result<u32, String>>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut n = 0;
        loop {
            if n == limit {
                Err(format!("reached {limit}"))?;
            }
            yield_!(Ok(n));
            n += 1;
        }
    }
    calls(log) [(2), (0), (10)]

    iter sums(rows: Vec<Vec<&'static str>>) -> (impl Iterator<Item = Result<u32, ParseIntError>>)
        native [+ Clone] traits [Send, Sync]
    {
        for row in rows {
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
    calls(log) [(vec![vec!["1", "2"], vec!["x"], vec!["5"]]), (vec![])]
}
