//! Compile-fail tests: each file in `tests/ui` is a mistake, and its
//! `.stderr` the error coro (or rustc, pointed at the user's code) reports.
//! The `.stderr` files are for the stable toolchain CI uses; regenerate them
//! with `TRYBUILD=overwrite cargo test --test compiletest` and review the
//! diff like code.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
}

/// Bodies that compile on the async engine but that the native engine's
/// borrow analysis takes (wrongly: each holds a borrow of a local across a
/// `yield_!`, or declares a binding the analysis cannot see), so that a plain
/// `#[generator]` fails with a borrow error from rustc about `__coro_state`.
/// Not undefined behaviour (the native engine has no `unsafe` code, so rustc
/// checks what it emits), but a program the previous engine accepted.
/// Ignored until the analysis rejects these; run with
/// `cargo test --test compiletest -- --ignored`.
#[test]
#[ignore = "the native engine takes these bodies and rustc rejects them"]
fn native_holes() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/native_holes/*.rs");
}
