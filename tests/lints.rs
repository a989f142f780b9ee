//! Code using coro stays warning-free under strict lints: the `yield_`
//! import is used, and nothing in the expansions trips rustc or clippy.
//! (`.ci/run` runs clippy on the tests, so the clippy lints are checked.)
#![deny(warnings, unused_qualifications, unused_results, unreachable_pub)]
#![deny(clippy::all, clippy::pedantic, clippy::nursery)]
#![deny(missing_docs, clippy::missing_docs_in_private_items)]
//! Lint canaries.

use coro::{Coroutine, coroutine, generator, iter, yield_, yield_from};

/// A plain generator.
#[generator]
fn plain(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
}

/// A generator that never yields.
#[generator]
fn silent() -> impl Iterator<Item = u32> {}

/// An endless generator.
#[generator]
fn endless() -> impl Iterator<Item = u32> {
    let mut i = 0_u32;
    loop {
        yield_!(i);
        i = i.wrapping_add(1);
    }
}

/// An endless fallible generator, with an early return.
#[generator]
fn fallible(text: &str) -> impl Iterator<Item = Result<u32, core::num::ParseIntError>> + '_ {
    if text.is_empty() {
        return;
    }
    loop {
        yield_!(Ok(text.parse::<u32>()?));
    }
}

/// A generator whose arguments are never used.
#[generator]
fn unused_argument(_skip: u32, (_a, _b): (u8, u8)) -> impl Iterator<Item = u32> {
    yield_!(1);
}

/// A generator that ends with a panic.
#[generator]
fn panics() -> impl Iterator<Item = u32> {
    yield_!(1);
    panic!("end")
}

/// Methods.
struct Holder {
    /// The values.
    values: Vec<u32>,
}

impl Holder {
    /// By reference.
    #[generator]
    fn each(&self) -> impl Iterator<Item = u32> + '_ {
        for v in &self.values {
            yield_!(*v);
        }
    }

    /// By value.
    #[generator]
    fn into_each(self) -> impl Iterator<Item = u32> {
        for v in self.values {
            yield_!(v);
        }
    }
}

/// A coroutine whose first resume argument is not `Drop`, that delegates.
#[generator]
fn coroutine_with_plain_argument() -> impl Coroutine<u8, Yield = u8, Return = u8> {
    let first = yield_!(0);
    let inner = yield_from!(coroutine!(|x: u8| -> u8 { x }), first);
    yield_from!([1_u8, 2]);
    inner
}

#[test]
fn strict_lints() {
    assert_eq!(plain(2).count(), 2);
    assert_eq!(silent().count(), 0);
    assert_eq!(endless().nth(3), Some(3));
    assert_eq!(fallible("7").take(2).count(), 2);
    assert_eq!(fallible("").count(), 0);
    assert_eq!(unused_argument(0, (1, 2)).count(), 1);
    assert_eq!(panics().next(), Some(1));
    let h = Holder { values: vec![1, 2] };
    assert_eq!(h.each().sum::<u32>(), 3);
    assert_eq!(h.into_each().count(), 2);
    let block = iter! {
        yield_!(1_u8);
    };
    assert_eq!(block.count(), 1);
    let mut c = coroutine_with_plain_argument();
    assert_eq!(
        core::pin::Pin::new(&mut c).resume(9),
        coro::CoroutineState::Yielded(0)
    );
}
