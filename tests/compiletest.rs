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
