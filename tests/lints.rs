//! Code using coro stays warning-free under strict lints: the `yield_`
//! import is used, and nothing in the expansions trips rustc or clippy.
//! (`.ci/run` runs clippy on the tests, so the clippy lints are checked.)
#![deny(warnings, unused_qualifications, unused_results, unreachable_pub)]
#![deny(clippy::all, clippy::pedantic, clippy::nursery)]
#![deny(missing_docs, clippy::missing_docs_in_private_items)]
//! Lint canaries.

use coro::{Coroutine, Stream, anext, coroutine, generator, iter, stream, yield_, yield_from};

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
#[generator(first = _)]
fn coroutine_with_plain_argument() -> impl Coroutine<u8, Yield = u8, Return = u8> {
    let first = yield_!(0);
    let inner = yield_from!(coroutine!(|x: u8| -> u8 { x }), first);
    yield_from!([1_u8, 2]);
    inner
}

/// An async generator that awaits between yields.
#[generator]
async fn ticks(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        core::future::ready(()).await;
        yield_!(i);
    }
}

/// An async generator that delegates to streams with `yield_from!`.
#[generator]
async fn delegating(n: u32) -> impl Stream<Item = u32> {
    yield_!(n);
    yield_from!(ticks(n));
    let block = stream! {
        core::future::ready(()).await;
        yield_!(n + 1);
    };
    yield_from!(block);
}

/// An endless fallible async generator, with an early return.
#[generator]
async fn fallible_async(
    text: &str,
) -> impl Stream<Item = Result<u32, core::num::ParseIntError>> + '_ {
    if text.is_empty() {
        return;
    }
    loop {
        let n = core::future::ready(text.parse::<u32>()).await?;
        yield_!(Ok(n));
    }
}

/// An async generator whose arguments are never used and which never yields.
#[generator]
async fn silent_async(_skip: u32) -> impl Stream<Item = u32> {}

/// An async method, and an unboxed one.
impl Holder {
    /// By reference, asynchronously.
    #[generator]
    async fn each_async(&self) -> impl Stream<Item = u32> + '_ {
        for v in &self.values {
            core::future::ready(()).await;
            yield_!(*v);
        }
    }

    /// By mutable reference, unboxed.
    #[generator(unboxed)]
    async fn take_all(&mut self) -> impl Stream<Item = u32> + '_ {
        while let Some(v) = self.values.pop() {
            yield_!(v);
        }
    }
}

/// Drains a stream into a `Vec` with coro's own `anext`.
fn collect<S: Stream + Unpin>(mut s: S) -> Vec<S::Item> {
    futures::executor::block_on(async move {
        let mut items = Vec::new();
        while let Some(item) = anext(&mut s).await {
            items.push(item);
        }
        items
    })
}

#[test]
fn strict_lints_async() {
    assert_eq!(collect(ticks(2)), [0, 1]);
    assert_eq!(collect(delegating(2)), [2, 0, 1, 3]);
    assert_eq!(collect(silent_async(1)), []);
    assert!(collect(fallible_async("")).is_empty());
    assert_eq!(collect(fallible_async("x")).len(), 1);
    let mut endless = fallible_async("7");
    let firsts = futures::executor::block_on(async {
        (anext(&mut endless).await, anext(&mut endless).await)
    });
    assert_eq!(firsts, (Some(Ok(7)), Some(Ok(7))));
    let mut h = Holder { values: vec![1, 2] };
    assert_eq!(collect(h.each_async()), [1, 2]);
    assert_eq!(collect(core::pin::pin!(h.take_all())), [2, 1]);
    let n = 5_u8;
    let block = stream! {
        yield_!(n);
        yield_from!(stream! { yield_!(n + 1); });
    };
    assert_eq!(collect(block), [5, 6]);
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

/// The form rustfmt formats, `iter!({ .. })` and `stream!({ .. })`: no
/// lint about its braces, with one expression or several statements.
#[test]
fn parenthesized_block_forms() {
    let one = iter!({ yield_!(1_u8) });
    assert_eq!(one.count(), 1);
    let n = 3_u8;
    let several = iter!({
        for i in 0..n {
            yield_!(i);
        }
    });
    assert_eq!(several.collect::<Vec<_>>(), [0, 1, 2]);
    let text = String::from("a bc");
    let owned = iter!({
        for w in text.split(' ') {
            yield_!(w.len());
        }
    });
    assert_eq!(owned.collect::<Vec<_>>(), [1, 2]);
    let s = stream!({
        core::future::ready(()).await;
        yield_!(n);
    });
    assert_eq!(collect(s), [3]);
}
