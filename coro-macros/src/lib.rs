//! Implementation detail of the `coro` crate; do not use directly.
//!
//! The macros here are re-exported (and documented) by `coro`. Every entry
//! point only routes; the work happens on `proc_macro2` token streams:
//!
//! ```text
//! parse.rs, args.rs ─▶ validate.rs ─▶ model.rs (Spec) ─▶ native/ (the state machine)
//!                                                     └▶ emit_async.rs (the async closure)
//! expand.rs: the entry points, which engine, the signature; diagnostics.rs: every error
//! ```

#![forbid(unsafe_code)]
// Unit tests take their `quote!` input by value, as the stages do.
#![cfg_attr(test, allow(clippy::needless_pass_by_value))]

use proc_macro::TokenStream;

mod args;
mod diagnostics;
mod emit_async;
mod expand;
mod hygiene;
mod model;
mod native;
mod parse;
#[cfg(test)]
mod tokens;
mod validate;
mod visit;

/// Turns a function whose body uses `yield_!` into a generator. See
/// `coro::generator`.
#[proc_macro_attribute]
pub fn generator(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::generator(args.into(), &item.into()).into()
}

/// The expression form of a sync generator. See `coro::iter`.
#[proc_macro]
pub fn iter_inner(input: TokenStream) -> TokenStream {
    expand::block(parse::BlockKind::Iter, input.into()).into()
}

/// The expression form of a coroutine. See `coro::coroutine`.
#[proc_macro]
pub fn coroutine_inner(input: TokenStream) -> TokenStream {
    expand::coroutine_block(input.into()).into()
}

/// The expression form of an async generator. See `coro::stream`.
#[proc_macro]
pub fn stream_inner(input: TokenStream) -> TokenStream {
    expand::block(parse::BlockKind::Stream, input.into()).into()
}
