//! `tokenizer`: split a text of words and punctuation into token slices
//! (`&str`), and sum their lengths.
//!
//! A token is a run of word bytes (ASCII letters and digits, and every byte
//! of a non-ASCII character, so that no token splits one) or any other byte
//! but a space, alone; spaces separate tokens.

use core::pin::pin;

use coro::{Coroutine, Yields, generator, yield_};

use crate::{Size, sum_iter, sum_polled};

/// A tokenizer run once over a text, returning the sum of its tokens'
/// lengths.
pub type Tokenize = fn(&str) -> u64;

/// The contenders, baseline first; then the shapes whose consumer is not
/// inlined.
pub const CONTENDERS: &[(&str, Tokenize)] = &[
    ("baseline", baseline),
    ("coro", coro),
    ("coro fallback", coro_fallback),
    ("coro fallback unboxed", coro_fallback_unboxed),
    ("genawaiter rc", genawaiter_rc),
    ("genawaiter stack", genawaiter_stack),
    ("next-gen", next_gen),
    ("async-stream", async_stream),
    ("baseline (opaque consumer)", opaque::baseline),
    ("coro (opaque consumer)", opaque::coro),
    ("coro fallback (opaque consumer)", opaque::coro_fallback),
    (
        "coro fallback unboxed (opaque consumer)",
        opaque::coro_fallback_unboxed,
    ),
    ("genawaiter rc (opaque consumer)", opaque::genawaiter_rc),
    (
        "genawaiter stack (opaque consumer)",
        opaque::genawaiter_stack,
    ),
    ("next-gen (opaque consumer)", opaque::next_gen),
    ("async-stream (opaque consumer)", opaque::async_stream),
    ("baseline (dyn consumer)", dyn_consumer::baseline),
    ("coro (dyn consumer)", dyn_consumer::coro),
    ("coro fallback (dyn consumer)", dyn_consumer::coro_fallback),
    (
        "coro fallback unboxed (dyn consumer)",
        dyn_consumer::coro_fallback_unboxed,
    ),
];

/// The size of each contender's generator (see [`Size`]).
pub const SIZES: &[Size] = sizes::SIZES;

/// Whether a byte belongs to a word token.
#[inline]
pub fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

/// A text of exactly `n` tokens: words (of 1 to 10 bytes) and punctuation in
/// a pseudo-random order, separated by single spaces where needed (between
/// two words) or sometimes (around punctuation), the same for every run.
pub fn text(n: u64) -> String {
    const WORDS: &[&str] = &[
        "the",
        "quick",
        "brown",
        "fox",
        "jumps",
        "over",
        "a",
        "lazy",
        "dog",
        "generators",
        "are",
        "just",
        "functions",
        "yield",
        "x",
        "2026",
    ];
    const PUNCTUATION: &[u8] = b",.;:!?()-\"";
    let mut text = String::new();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut after_word = false;
    for _ in 0..n {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let random = state >> 33;
        let pick = usize::from(u16::try_from((random >> 8) & 0xffff).unwrap_or(0));
        if random.is_multiple_of(4) {
            if random & 16 != 0 {
                text.push(' ');
            }
            text.push(char::from(PUNCTUATION[pick % PUNCTUATION.len()]));
            after_word = false;
        } else {
            if after_word || (random & 32 != 0 && !text.is_empty()) {
                text.push(' ');
            }
            text.push_str(WORDS[pick % WORDS.len()]);
            after_word = true;
        }
    }
    text
}

/// The number of tokens of `text(n)`.
pub fn items(n: u64) -> u64 {
    n
}

/// The hand-written iterator and the generators of coro and next-gen,
/// defined here and again in each module of a shape of consumer (see the
/// crate's documentation).
macro_rules! generators {
    () => {
        /// The hand-written iterator: the text and the index of the next byte
        /// to look at.
        #[derive(Debug)]
        pub struct Tokens<'a> {
            text: &'a str,
            index: usize,
        }

        impl<'a> Tokens<'a> {
            pub fn new(text: &'a str) -> Self {
                Self { text, index: 0 }
            }
        }

        impl<'a> Iterator for Tokens<'a> {
            type Item = &'a str;

            #[inline]
            fn next(&mut self) -> Option<&'a str> {
                let bytes = self.text.as_bytes();
                let mut i = self.index;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                if i == bytes.len() {
                    self.index = i;
                    return None;
                }
                let start = i;
                i += 1;
                if crate::tokenizer::is_word(bytes[start]) {
                    while i < bytes.len() && crate::tokenizer::is_word(bytes[i]) {
                        i += 1;
                    }
                }
                self.index = i;
                Some(&self.text[start..i])
            }
        }

        /// Native: the macro's own state machine.
        #[generator]
        fn coro_tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
            let len = text.len();
            let mut i = 0;
            while i < len {
                let byte = text.as_bytes()[i];
                if byte == b' ' {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                if crate::tokenizer::is_word(byte) {
                    while i < len && crate::tokenizer::is_word(text.as_bytes()[i]) {
                        i += 1;
                    }
                }
                yield_!(&text[start..i]);
            }
        }

        /// The same body on the async engine, boxed.
        #[generator(fallback)]
        fn coro_tokens_fallback(text: &str) -> impl Iterator<Item = &str> + '_ {
            let len = text.len();
            let mut i = 0;
            while i < len {
                let byte = text.as_bytes()[i];
                if byte == b' ' {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                if crate::tokenizer::is_word(byte) {
                    while i < len && crate::tokenizer::is_word(text.as_bytes()[i]) {
                        i += 1;
                    }
                }
                yield_!(&text[start..i]);
            }
        }

        /// The same body on the async engine, unboxed (pinned by the caller).
        #[generator(unboxed, fallback)]
        fn coro_tokens_fallback_unboxed(
            text: &str,
        ) -> impl Coroutine<Yield = &str, Return = ()> + '_ {
            let len = text.len();
            let mut i = 0;
            while i < len {
                let byte = text.as_bytes()[i];
                if byte == b' ' {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                if crate::tokenizer::is_word(byte) {
                    while i < len && crate::tokenizer::is_word(text.as_bytes()[i]) {
                        i += 1;
                    }
                }
                yield_!(&text[start..i]);
            }
        }

        #[next_gen::generator(yield(&'text str))]
        fn next_gen_tokens<'text>(text: &'text str) {
            let len = text.len();
            let mut i = 0;
            while i < len {
                let byte = text.as_bytes()[i];
                if byte == b' ' {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                if crate::tokenizer::is_word(byte) {
                    while i < len && crate::tokenizer::is_word(text.as_bytes()[i]) {
                        i += 1;
                    }
                }
                yield_!(&text[start..i]);
            }
        }
    };
}

/// The peers' bodies, the same as coro's: `$yield` is how each yields a
/// token.
macro_rules! body {
    ($text:ident, |$token:ident| $yield:expr) => {{
        let len = $text.len();
        let mut i = 0;
        while i < len {
            let byte = $text.as_bytes()[i];
            if byte == b' ' {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if crate::tokenizer::is_word(byte) {
                while i < len && crate::tokenizer::is_word($text.as_bytes()[i]) {
                    i += 1;
                }
            }
            let $token = &$text[start..i];
            $yield;
        }
    }};
}

/// The contenders of one shape of consumer: `$sum` sums an iterator,
/// `$sum_polled` a pinned stream.
macro_rules! contenders {
    ($sum:ident, $sum_polled:ident) => {
        pub fn baseline(text: &str) -> u64 {
            $sum(Tokens::new(text))
        }

        pub fn coro(text: &str) -> u64 {
            $sum(coro_tokens(text))
        }

        pub fn coro_fallback(text: &str) -> u64 {
            $sum(coro_tokens_fallback(text))
        }

        pub fn coro_fallback_unboxed(text: &str) -> u64 {
            $sum(Yields::new(pin!(coro_tokens_fallback_unboxed(text))))
        }

        pub fn genawaiter_rc(text: &str) -> u64 {
            let generator = genawaiter::rc::Gen::new(|co| async move {
                body!(text, |token| co.yield_(token).await);
            });
            $sum(generator.into_iter())
        }

        pub fn genawaiter_stack(text: &str) -> u64 {
            genawaiter::stack::let_gen_using!(generator, |co| async move {
                body!(text, |token| co.yield_(token).await);
            });
            $sum(generator.into_iter())
        }

        pub fn next_gen(text: &str) -> u64 {
            next_gen::mk_gen!(let generator = next_gen_tokens(text));
            $sum(generator)
        }

        pub fn async_stream(text: &str) -> u64 {
            let stream = pin!(async_stream::stream! {
                body!(text, |token| yield token);
            });
            $sum_polled(stream)
        }
    };
}

generators!();
contenders!(sum_iter, sum_polled);

/// The generator goes by value to
/// [`sum_iter_opaque`](crate::sum_iter_opaque), not inlined.
pub mod opaque {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::{sum_iter_opaque, sum_polled_opaque};

    generators!();
    contenders!(sum_iter_opaque, sum_polled_opaque);
}

/// The generator goes boxed to [`sum_dyn`](crate::sum_dyn), a
/// `Box<dyn Iterator>`.
pub mod dyn_consumer {
    use core::pin::pin;

    use coro::{Coroutine, Yields, generator, yield_};

    use crate::sum_dyn;

    generators!();

    pub fn baseline(text: &str) -> u64 {
        sum_dyn(Box::new(Tokens::new(text)))
    }

    pub fn coro(text: &str) -> u64 {
        sum_dyn(Box::new(coro_tokens(text)))
    }

    pub fn coro_fallback(text: &str) -> u64 {
        sum_dyn(Box::new(coro_tokens_fallback(text)))
    }

    pub fn coro_fallback_unboxed(text: &str) -> u64 {
        sum_dyn(Box::new(Yields::new(pin!(coro_tokens_fallback_unboxed(
            text
        )))))
    }
}

/// Each contender's generator, made and measured but not run.
mod sizes {
    use core::pin::pin;
    use std::hint::black_box;

    use coro::{Coroutine, generator, yield_};

    use crate::{Size, made, pinned};

    generators!();

    /// The text the generators are made on.
    const TEXT: &str = "a b";

    pub const SIZES: &[Size] = &[
        ("baseline", || made(Tokens::new(black_box(TEXT)))),
        ("coro", || made(coro_tokens(black_box(TEXT)))),
        ("coro fallback", || {
            made(coro_tokens_fallback(black_box(TEXT)))
        }),
        ("coro fallback unboxed", || {
            pinned(pin!(coro_tokens_fallback_unboxed(black_box(TEXT))))
        }),
        ("genawaiter rc", || {
            let text = black_box(TEXT);
            made(genawaiter::rc::Gen::<_, (), _>::new(|co| async move {
                body!(text, |token| co.yield_(token).await);
            }))
        }),
        ("genawaiter stack", || {
            let text = black_box(TEXT);
            genawaiter::stack::let_gen_using!(
                generator,
                |co: genawaiter::stack::Co<'_, &str>| async move {
                    body!(text, |token| co.yield_(token).await);
                }
            );
            crate::genawaiter_stack_size(generator)
        }),
        ("next-gen", || {
            next_gen::mk_gen!(let generator = next_gen_tokens(black_box(TEXT)));
            pinned(generator)
        }),
        ("async-stream", || {
            let text = black_box(TEXT);
            pinned(pin!(async_stream::stream! {
                body!(text, |token| yield token);
            }))
        }),
    ];
}
