//! `yield_from!(until_err(inner))?`: an error in a delegate ends the
//! delegating generator, as an exception raised in Python's `yield from`
//! propagates out. Tested on nested lexers: a lexer of a file that includes
//! other files lexes each included file with a `yield_from!` of itself.

use std::collections::HashMap;
use std::pin::pin;

use coro::{
    Coroutine, CoroutineState, Stream, anext, aresume, generator, stream, until_err, yield_,
    yield_from,
};
use futures::executor::block_on;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(i64),
}

#[derive(Debug, Clone, PartialEq)]
enum LexError {
    BadNumber { file: String, text: String },
    NoSuchFile(String),
    Cycle(String),
}

/// The files a lexer may include, by name.
type Files = HashMap<&'static str, &'static str>;

fn files() -> Files {
    HashMap::from([
        ("main", "let x 1 include defs let y 2"),
        ("defs", "a 10 include more b 20"),
        ("more", "c 30"),
        ("bad", "a 1 include broken b 2"),
        ("broken", "q 7 9z r"),
        ("missing", "a include nowhere b"),
        ("loop", "a include loop"),
    ])
}

/// Lexes `name`: words and numbers; `include other` lexes `other` in place.
/// The first error of any file, however deep, ends the whole lexing.
#[generator]
fn lex<'a>(
    files: &'a Files,
    name: &'a str,
    open: Vec<&'a str>,
) -> impl Iterator<Item = Result<Token, LexError>> + 'a {
    if open.contains(&name) {
        yield_!(Err(LexError::Cycle(name.to_owned())));
        return;
    }
    let Some(text) = files.get(name) else {
        yield_!(Err(LexError::NoSuchFile(name.to_owned())));
        return;
    };
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if word == "include" {
            let included = words.next().unwrap_or_default();
            let mut open = open.clone();
            open.push(name);
            yield_from!(until_err(lex(files, included, open)))?;
        } else if word.starts_with(|c: char| c.is_ascii_digit()) {
            let n = word.parse().map_err(|_| LexError::BadNumber {
                file: name.to_owned(),
                text: word.to_owned(),
            })?;
            yield_!(Ok(Token::Number(n)));
        } else {
            yield_!(Ok(Token::Word(word.to_owned())));
        }
    }
}

/// A lexer of several files one after the other, on the native engine,
/// which delegates each file to `lex` (the native engine does not recurse).
#[generator(native)]
fn lex_native<'a>(
    files: &'a Files,
    names: Vec<&'static str>,
) -> impl Iterator<Item = Result<Token, LexError>> + 'a {
    for name in names {
        yield_from!(until_err(lex(files, name, vec![])))?;
    }
}

#[expect(clippy::unnecessary_wraps, reason = "an item of the lexers")]
fn word(w: &str) -> Result<Token, LexError> {
    Ok(Token::Word(w.to_owned()))
}

#[expect(clippy::unnecessary_wraps, reason = "an item of the lexers")]
fn number(n: i64) -> Result<Token, LexError> {
    Ok(Token::Number(n))
}

#[test]
fn nested_files_lex_in_place_when_nothing_fails() {
    let files = files();
    let expected = vec![
        word("let"),
        word("x"),
        number(1),
        word("a"),
        number(10),
        word("c"),
        number(30),
        word("b"),
        number(20),
        word("let"),
        word("y"),
        number(2),
    ];
    assert_eq!(lex(&files, "main", vec![]).collect::<Vec<_>>(), expected);
    assert_eq!(
        lex_native(&files, vec!["main"]).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn an_error_in_an_included_file_ends_every_lexer_above_it() {
    let files = files();
    let expected = vec![
        word("a"),
        number(1),
        word("q"),
        number(7),
        Err(LexError::BadNumber {
            file: "broken".to_owned(),
            text: "9z".to_owned(),
        }),
    ];
    let mut lexer = lex(&files, "bad", vec![]);
    assert_eq!(lexer.by_ref().collect::<Vec<_>>(), expected);
    assert_eq!(lexer.next(), None, "ended, and stays ended");
    assert_eq!(
        lex_native(&files, vec!["bad", "main"]).collect::<Vec<_>>(),
        expected
    );
}

#[test]
fn errors_from_any_depth_end_the_lexing() {
    let files = files();
    assert_eq!(
        lex(&files, "missing", vec![]).collect::<Vec<_>>(),
        [word("a"), Err(LexError::NoSuchFile("nowhere".to_owned()))]
    );
    assert_eq!(
        lex(&files, "loop", vec![]).collect::<Vec<_>>(),
        [word("a"), Err(LexError::Cycle("loop".to_owned()))]
    );
    assert_eq!(
        lex_native(&files, vec!["loop", "main"]).collect::<Vec<_>>(),
        [word("a"), Err(LexError::Cycle("loop".to_owned()))]
    );
    assert_eq!(
        lex_native(&files, vec!["missing", "main"]).collect::<Vec<_>>(),
        [word("a"), Err(LexError::NoSuchFile("nowhere".to_owned()))]
    );
}

#[test]
fn without_until_err_an_error_is_one_item_among_the_others() {
    #[generator]
    fn every_item() -> impl Iterator<Item = Result<u8, char>> {
        yield_from!([Ok(1), Err('x'), Ok(2)]);
        yield_!(Ok(3));
    }
    #[generator]
    fn stops() -> impl Iterator<Item = Result<u8, char>> {
        yield_from!(until_err([Ok(1), Err('x'), Ok(2)].into_iter()))?;
        yield_!(Ok(3));
    }
    assert_eq!(
        every_item().collect::<Vec<_>>(),
        [Ok(1), Err('x'), Ok(2), Ok(3)]
    );
    assert_eq!(stops().collect::<Vec<_>>(), [Ok(1), Err('x')]);
}

#[test]
fn the_inner_iterator_is_not_asked_for_more_after_its_error() {
    use std::cell::Cell;
    let pulled = Cell::new(0);
    let source = (0..10).map(|i| {
        pulled.set(pulled.get() + 1);
        if i == 2 { Err(i) } else { Ok(i) }
    });
    #[generator]
    fn outer<I: Iterator<Item = Result<i32, i32>>>(
        source: I,
    ) -> impl Iterator<Item = Result<i32, i32>> {
        yield_from!(until_err(source))?;
        yield_!(Ok(100));
    }
    assert_eq!(outer(source).collect::<Vec<_>>(), [Ok(0), Ok(1), Err(2)]);
    assert_eq!(pulled.get(), 3);
}

#[test]
fn yield_from_evaluates_to_how_the_delegate_ended() {
    #[generator]
    fn report(
        items: Vec<Result<u8, char>>,
    ) -> impl Coroutine<Yield = Result<u8, char>, Return = Result<(), char>> {
        yield_from!(until_err(items.into_iter()))
    }
    let mut ok = Box::pin(report(vec![Ok(1)]));
    assert_eq!(ok.as_mut().resume(()), CoroutineState::Yielded(Ok(1)));
    assert_eq!(ok.as_mut().resume(()), CoroutineState::Complete(Ok(())));
    let mut err = Box::pin(report(vec![Err('e'), Ok(2)]));
    assert_eq!(err.as_mut().resume(()), CoroutineState::Complete(Err('e')));
}

#[derive(Debug, PartialEq)]
struct Wrapped(char);

impl From<char> for Wrapped {
    fn from(c: char) -> Self {
        Self(c)
    }
}

#[test]
fn the_question_mark_converts_the_error_it_returns() {
    // A coroutine that yields plain results and returns its own error type:
    // the error that stops the delegation goes through `From`.
    #[generator(first = _)]
    fn checked(
        items: Vec<Result<u8, char>>,
    ) -> impl Coroutine<u32, Yield = Result<u8, char>, Return = Result<usize, Wrapped>> {
        yield_from!(until_err(items.into_iter()), 0)?;
        Ok(1)
    }
    let mut c = Box::pin(checked(vec![Ok(1), Err('e')]));
    assert_eq!(c.as_mut().resume(5), CoroutineState::Yielded(Ok(1)));
    assert_eq!(
        c.as_mut().resume(6),
        CoroutineState::Complete(Err(Wrapped('e')))
    );
}

#[test]
fn until_err_resumed_after_it_completed_panics() {
    let mut c = until_err([Err::<u8, _>('x')].into_iter());
    let mut c = std::pin::Pin::new(&mut c);
    assert_eq!(c.as_mut().resume(()), CoroutineState::Complete(Err('x')));
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.as_mut().resume(())))
        .expect_err("resumed after completion");
    let message = panic.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(message.contains("already completed"), "{message}");
}

// Async: the lexer of a stream of words, in an async generator and in an
// async coroutine.

fn words(text: &'static str) -> impl Stream<Item = Result<Token, LexError>> {
    stream!({
        for w in text.split_whitespace() {
            match w.parse() {
                Ok(n) => yield_!(Ok(Token::Number(n))),
                Err(_) if w.starts_with(|c: char| c.is_ascii_digit()) => {
                    yield_!(Err(LexError::BadNumber {
                        file: text.to_owned(),
                        text: w.to_owned(),
                    }));
                }
                Err(_) => yield_!(Ok(Token::Word(w.to_owned()))),
            }
        }
    })
}

#[generator]
async fn lex_all(texts: Vec<&'static str>) -> impl Stream<Item = Result<Token, LexError>> {
    for text in texts {
        yield_from!(until_err(pin!(words(text))))?;
    }
    yield_!(Ok(Token::Word("end".to_owned())));
}

#[test]
fn in_an_async_generator_the_first_error_ends_the_stream() {
    block_on(async {
        let mut s = pin!(lex_all(vec!["a 1", "b 2z c", "d"]));
        let mut got = Vec::new();
        while let Some(t) = anext(&mut s).await {
            got.push(t);
        }
        assert_eq!(
            got,
            [
                word("a"),
                number(1),
                word("b"),
                Err(LexError::BadNumber {
                    file: "b 2z c".to_owned(),
                    text: "2z".to_owned()
                })
            ]
        );
        let mut s = pin!(lex_all(vec!["a", "b"]));
        let mut got = Vec::new();
        while let Some(t) = anext(&mut s).await {
            got.push(t);
        }
        assert_eq!(got, [word("a"), word("b"), word("end")]);
    });
}

#[test]
fn in_an_async_coroutine_it_returns_the_error() {
    #[generator(first = _)]
    async fn counted(
        text: &'static str,
    ) -> impl coro::AsyncCoroutine<u32, Yield = Result<Token, LexError>, Return = Result<u32, LexError>>
    {
        yield_from!(until_err(Box::pin(words(text))), 0)?;
        Ok(7)
    }
    block_on(async {
        let mut c = pin!(counted("a 3x"));
        assert_eq!(aresume(&mut c, 1).await, CoroutineState::Yielded(word("a")));
        assert_eq!(
            aresume(&mut c, 2).await,
            CoroutineState::Complete(Err(LexError::BadNumber {
                file: "a 3x".to_owned(),
                text: "3x".to_owned()
            }))
        );
        let mut c = pin!(counted("a"));
        assert_eq!(aresume(&mut c, 1).await, CoroutineState::Yielded(word("a")));
        assert_eq!(aresume(&mut c, 2).await, CoroutineState::Complete(Ok(7)));
    });
}

#[test]
fn an_async_step_takes_its_argument_once_however_often_it_is_polled() {
    use std::task::{Context, Poll, Waker};
    // A stream that is pending once before each item.
    struct Slow(Vec<Result<u8, char>>, bool);
    impl Stream for Slow {
        type Item = Result<u8, char>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Self::Item>> {
            self.1 = !self.1;
            if self.1 {
                Poll::Pending
            } else {
                Poll::Ready(self.0.pop())
            }
        }
    }
    let mut c = until_err(Slow(vec![Err('e'), Ok(1)], false));
    let mut c = std::pin::Pin::new(&mut c);
    let mut cx = Context::from_waker(Waker::noop());
    let mut arg = Some(10);
    assert!(coro::AsyncCoroutine::poll_resume(c.as_mut(), &mut cx, &mut arg).is_pending());
    assert_eq!(arg, None, "the step that started took its argument");
    let mut later = Some(11);
    assert_eq!(
        coro::AsyncCoroutine::poll_resume(c.as_mut(), &mut cx, &mut later),
        Poll::Ready(CoroutineState::Yielded(Ok(1)))
    );
    assert_eq!(
        later,
        Some(11),
        "a poll that goes on with a step leaves the argument"
    );
    let mut next = Some(12);
    assert!(coro::AsyncCoroutine::poll_resume(c.as_mut(), &mut cx, &mut next).is_pending());
    assert_eq!(next, None);
    assert_eq!(
        coro::AsyncCoroutine::poll_resume(c.as_mut(), &mut cx, &mut None::<i32>),
        Poll::Ready(CoroutineState::Complete(Err('e')))
    );
}
