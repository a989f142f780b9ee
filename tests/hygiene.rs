//! The expansions name only `::core` and `::coro` paths and their own
//! private identifiers, so nothing the user has in scope can break them.
#![deny(warnings, unused_qualifications)]
#![allow(
    non_camel_case_types,
    dead_code,
    clippy::all,
    reason = "deliberate shadowing"
)]

// Names an expansion might carelessly rely on, shadowed.
mod core {}
mod std {}
struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Box;
struct Iterator;
struct Future;
fn drop() {}
// (Names starting with `__coro_` are reserved: a *constant* of such a name
// would be found by our bindings, as any constant is by a `let`.)

use coro::{generator, iter, yield_};

#[generator]
fn numbers(n: u32) -> impl ::core::iter::Iterator<Item = u32> {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

#[generator]
fn fallible(
    words: ::std::vec::Vec<&'static str>,
) -> impl ::core::iter::Iterator<Item = ::core::result::Result<u8, ::core::num::ParseIntError>> {
    for w in words {
        if w.is_empty() {
            return;
        }
        yield_!(::core::result::Result::Ok(w.parse::<u8>()?));
    }
}

#[test]
fn expansions_survive_shadowing() {
    assert_eq!(numbers(3).collect::<::std::vec::Vec<_>>(), [0, 1, 2]);
    assert_eq!(fallible(::std::vec!["1", "x"]).count(), 2);
    let g = iter! {
        let __coro_co = "user's own variable of the same name";
        yield_!(__coro_co.len());
    };
    assert_eq!(g.collect::<::std::vec::Vec<_>>(), [36]);
}

#[test]
fn user_names_never_clash_with_ours() {
    // A user variable named like our private handle, used across a yield.
    #[generator]
    fn shadowing(__coro_co: u32, __coro_arg0: u32) -> impl ::core::iter::Iterator<Item = u32> {
        yield_!(__coro_co);
        let __coro_first = __coro_arg0;
        yield_!(__coro_first);
    }
    assert_eq!(shadowing(1, 2).collect::<::std::vec::Vec<_>>(), [1, 2]);
}
