//! `cfg(coro_test_fallback)` when `CORO_TEST_ENGINE=fallback`: coro's CI
//! runs the test suite on the async engine under Miri (the macros then pick
//! it wherever the native one is not required), and the tests of what only
//! the native engine gives (`tests/native.rs`) step aside.

fn main() {
    println!("cargo::rerun-if-env-changed=CORO_TEST_ENGINE");
    println!("cargo::rustc-check-cfg=cfg(coro_test_fallback)");
    if std::env::var_os("CORO_TEST_ENGINE").is_some_and(|engine| engine == "fallback") {
        println!("cargo::rustc-cfg=coro_test_fallback");
    }
}
