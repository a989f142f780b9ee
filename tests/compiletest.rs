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

/// Bodies that hold a borrow of a local across a `yield_!` in ways the
/// native engine's analysis once missed (an extended temporary, an autoref'd
/// `into_iter`, `Option::insert`, stores through aliases, closures, method
/// places and `RefCell`s, a macro declaring a binding): each must compile,
/// on the async engine, as it did before the native engine existed.
#[test]
fn native_holes() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/native_holes/*.rs");
}
