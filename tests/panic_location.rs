//! Panic locations inside a generator body are the user's own lines. (One
//! test in its own binary: it installs a panic hook.)

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use coro::{generator, yield_};

#[generator]
fn fails() -> impl Iterator<Item = u8> {
    yield_!(1);
    let v: Vec<u8> = Vec::new();
    yield_!(v[3]); // PANIC_LINE
}

#[test]
fn panic_location_is_the_users_line() {
    let seen = Arc::new(Mutex::new(None));
    let hook_seen = Arc::clone(&seen);
    panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| (l.file().to_owned(), l.line()));
        *hook_seen.lock().unwrap() = location;
    }));
    let mut g = fails();
    assert_eq!(g.next(), Some(1));
    let result = panic::catch_unwind(AssertUnwindSafe(|| g.next()));
    let _ = panic::take_hook();
    assert!(result.is_err());

    let source = include_str!("panic_location.rs");
    let expected_line = source
        .lines()
        .position(|l| l.ends_with("// PANIC_LINE"))
        .unwrap()
        + 1;
    let (file, line) = seen
        .lock()
        .unwrap()
        .clone()
        .expect("the hook saw the panic");
    assert!(file.ends_with("panic_location.rs"), "{file}");
    assert_eq!(line as usize, expected_line);
}
