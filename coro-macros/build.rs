//! Rebuilds the macros when `CORO_TEST_ENGINE` changes (see `expand.rs`,
//! `engine_forced`): coro's CI sets it to run the test suite on the async
//! engine under Miri.

fn main() {
    println!("cargo:rerun-if-env-changed=CORO_TEST_ENGINE");
}
