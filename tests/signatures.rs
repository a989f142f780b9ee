//! The function signatures `#[generator]` accepts: methods, generics,
//! lifetimes, `impl Trait` arguments, patterns, visibility and attributes.
#![deny(dead_code, missing_docs)]
//! (Crate docs, as `missing_docs` asks.)

use std::collections::BTreeMap;
use std::fmt::{Debug, Display};
use std::iter::FusedIterator;

use coro::{generator, yield_};

/// A container with generator methods.
#[derive(Debug)]
pub struct Bag {
    items: Vec<String>,
    counter: u32,
}

impl Bag {
    /// Borrows `self`; the items borrow from it.
    #[generator]
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        for item in &self.items {
            yield_!(item.as_str());
        }
    }

    /// Borrows `self` mutably and changes it as it goes.
    #[generator]
    pub fn tick(&mut self, times: u32) -> impl Iterator<Item = u32> + '_ {
        for _ in 0..times {
            self.counter += 1;
            yield_!(self.counter);
        }
    }

    /// Takes `self` by value.
    #[generator]
    pub fn into_upper(self) -> impl Iterator<Item = String> {
        for item in self.items {
            yield_!(item.to_uppercase());
        }
    }

    /// Takes `self: Box<Self>`.
    #[generator]
    pub fn boxed_len(self: Box<Self>) -> impl Iterator<Item = usize> {
        yield_!(self.items.len());
    }

    /// Explicit lifetimes, and an argument that borrows too.
    #[generator]
    pub fn matching<'a, 'p>(
        &'a self,
        prefix: &'p str,
    ) -> impl Iterator<Item = &'a String> + use<'a, 'p> {
        for item in &self.items {
            if item.starts_with(prefix) {
                yield_!(item);
            }
        }
    }
}

fn bag() -> Bag {
    Bag {
        items: vec!["apple".into(), "avocado".into(), "banana".into()],
        counter: 0,
    }
}

#[test]
fn methods() {
    let mut b = bag();
    assert_eq!(b.iter().collect::<Vec<_>>(), ["apple", "avocado", "banana"]);
    assert_eq!(b.tick(3).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(b.counter, 3);
    {
        let mut t = b.tick(10);
        assert_eq!(t.next(), Some(4));
    } // dropped part-way: only one tick ran
    assert_eq!(b.counter, 4);
    assert_eq!(b.matching("a").collect::<Vec<_>>(), ["apple", "avocado"]);
    assert_eq!(Box::new(bag()).boxed_len().next(), Some(3));
    assert_eq!(
        b.into_upper().collect::<Vec<_>>(),
        ["APPLE", "AVOCADO", "BANANA"]
    );
}

/// A trait whose method has a generator as its default body.
pub trait Countdown {
    /// Where to start.
    fn start(&self) -> u32;

    /// From `start` down to 1.
    #[generator]
    fn countdown(&self) -> impl Iterator<Item = u32> {
        for i in (1..=self.start()).rev() {
            yield_!(i);
        }
    }
}

struct Three;
impl Countdown for Three {
    fn start(&self) -> u32 {
        3
    }
}

#[test]
fn trait_default_method() {
    assert_eq!(Three.countdown().collect::<Vec<_>>(), [3, 2, 1]);
}

/// Generic, with bounds in both places.
#[generator]
fn pairs_up<K: Ord + Clone, V>(map: &BTreeMap<K, V>) -> impl Iterator<Item = (K, &V)>
where
    V: Debug,
{
    for (k, v) in map {
        yield_!((k.clone(), v));
    }
}

/// `impl Trait` arguments.
#[generator]
fn show_all(items: impl IntoIterator<Item = impl Display>) -> impl Iterator<Item = String> {
    for item in items {
        yield_!(item.to_string());
    }
}

/// Const generics.
#[generator]
fn chunks<const N: usize>(data: Vec<u8>) -> impl Iterator<Item = [u8; N]> {
    for chunk in data.chunks_exact(N) {
        let mut out = [0; N];
        out.copy_from_slice(chunk);
        yield_!(out);
    }
}

#[test]
fn generics() {
    let mut m = BTreeMap::new();
    m.insert("b", 2);
    m.insert("a", 1);
    assert_eq!(pairs_up(&m).collect::<Vec<_>>(), [("a", &1), ("b", &2)]);
    assert_eq!(show_all([1.5, 2.0]).collect::<Vec<_>>(), ["1.5", "2"]);
    assert_eq!(show_all(vec!['x']).collect::<Vec<_>>(), ["x"]);
    assert_eq!(
        chunks::<2>(vec![1, 2, 3, 4, 5]).collect::<Vec<_>>(),
        [[1, 2], [3, 4]]
    );
}

/// Elided lifetimes in arguments and in the item type.
#[generator]
fn words(text: &str) -> impl Iterator<Item = &str> + '_ {
    for w in text.split_whitespace() {
        yield_!(w);
    }
}

#[test]
fn elided_lifetimes() {
    let text = String::from("a bc  def");
    assert_eq!(words(&text).map(str::len).collect::<Vec<_>>(), [1, 2, 3]);
}

/// Patterns in arguments, `mut` arguments.
#[generator]
fn patterns(
    (a, b): (u32, u32),
    [c, ..]: [u32; 3],
    mut step: u32,
    _: u32,
) -> impl Iterator<Item = u32> {
    yield_!(a + b + c);
    step *= 2;
    yield_!(step);
}

#[test]
fn argument_patterns() {
    assert_eq!(
        patterns((1, 2), [3, 0, 0], 5, 0).collect::<Vec<_>>(),
        [6, 10]
    );
}

mod visibility {
    use coro::{generator, yield_};

    /// Public.
    #[generator]
    pub fn public() -> impl Iterator<Item = u8> {
        yield_!(1);
    }

    #[generator]
    pub(crate) fn crate_visible() -> impl Iterator<Item = u8> {
        yield_!(2);
    }

    #[generator]
    pub(super) fn parent_visible() -> impl Iterator<Item = u8> {
        yield_!(3);
    }
}

#[test]
fn visibilities() {
    let all: Vec<u8> = visibility::public()
        .chain(visibility::crate_visible())
        .chain(visibility::parent_visible())
        .collect();
    assert_eq!(all, [1, 2, 3]);
}

mod attributes {
    use coro::{generator, yield_};

    // If `#[generator]` dropped this attribute, `#![deny(dead_code)]` would
    // reject the unused function.
    #[allow(dead_code)]
    #[generator]
    fn unused() -> impl Iterator<Item = u8> {
        yield_!(0);
    }

    // Attributes after `#[generator]` stay too.
    #[generator]
    #[cfg(any())]
    fn configured_out() -> impl Iterator<Item = u8> {
        let never_compiled: u32 = "not a number";
        yield_!(never_compiled);
    }

    /// Doc comments stay (and `missing_docs` would notice their absence).
    #[generator]
    #[must_use]
    pub fn documented() -> impl Iterator<Item = u8> {
        yield_!(1);
    }
}

#[test]
fn attributes_stay() {
    assert_eq!(attributes::documented().count(), 1);
}

/// The return type may promise `FusedIterator` itself, and more bounds.
#[generator]
fn fused_and_send() -> impl FusedIterator<Item = u8> + Send + 'static {
    yield_!(1);
}

#[test]
fn extra_bounds() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    let mut g = assert_send(fused_and_send());
    assert_eq!((g.next(), g.next(), g.next()), (Some(1), None, None));
}

/// A generator inside a function inside a generator: each rewrites its own
/// `yield_!`.
#[generator]
fn outer() -> impl Iterator<Item = u32> {
    #[generator]
    fn inner(n: u32) -> impl Iterator<Item = u32> {
        yield_!(n);
        yield_!(n + 1);
    }
    for x in inner(10) {
        yield_!(x * 2);
    }
}

#[test]
fn nested_generator_fns() {
    assert_eq!(outer().collect::<Vec<_>>(), [20, 22]);
}

/// `#[generator(crate = ..)]` for a renamed `coro`.
mod renamed {
    use coro as my_coro;
    use my_coro::{generator, yield_};

    #[generator(crate = my_coro)]
    pub(super) fn numbers() -> impl Iterator<Item = u8> {
        yield_!(7);
    }
}

#[test]
fn crate_argument() {
    assert_eq!(renamed::numbers().collect::<Vec<_>>(), [7]);
}
