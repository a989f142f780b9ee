//! Differential tests: every sync generator body of the other test files
//! (and a few more), compiled on both engines, must behave the same on the
//! same inputs. See `differential/macros.rs` for what is compiled and
//! `differential/harness.rs` for what is compared.
//!
//! (Not built when CI runs the suite on the async engine, `build.rs`'s
//! `coro_test_fallback`: it compares the engines itself, and proves some
//! copies native by their types.)
#![cfg(not(coro_test_fallback))]
#![recursion_limit = "4096"]
#![allow(
    clippy::needless_range_loop,
    reason = "indexing is how a body keeps its data across a `yield_!` on the native engine"
)]

#[macro_use]
#[path = "differential/macros.rs"]
mod macros;
#[path = "differential/harness.rs"]
mod harness;

#[path = "differential/boxed.rs"]
mod boxed;
#[path = "differential/coroutine.rs"]
mod coroutine;
#[path = "differential/drop.rs"]
mod drop;
#[path = "differential/early_drop.rs"]
mod early_drop;
#[path = "differential/expressions.rs"]
mod expressions;
#[path = "differential/fallible.rs"]
mod fallible;
#[path = "differential/findings.rs"]
mod findings;
#[path = "differential/iter.rs"]
mod iter;
#[path = "differential/native.rs"]
mod native;
#[path = "differential/panics.rs"]
mod panics;
#[path = "differential/props.rs"]
mod props;
#[path = "differential/proptest_bodies.rs"]
mod proptest_bodies;
#[path = "differential/selftest.rs"]
mod selftest;
#[path = "differential/signatures.rs"]
mod signatures;
#[path = "differential/smoke.rs"]
mod smoke;
#[path = "differential/threads.rs"]
mod threads;
