//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub, reason = "each test file uses a part")]

use std::sync::{Arc, Mutex};

/// A log of events, shared by the values that record into it.
#[derive(Clone, Debug, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, event: impl Into<String>) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(event.into());
    }

    pub fn events(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn clear(&self) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// A value that logs `"drop NAME"` when dropped.
    pub fn noisy(&self, name: impl Into<String>) -> Noisy {
        Noisy {
            name: name.into(),
            log: self.clone(),
            panic_on_drop: false,
        }
    }

    /// A value that logs `"drop NAME"` and then panics when dropped.
    pub fn bomb(&self, name: impl Into<String>) -> Noisy {
        Noisy {
            name: name.into(),
            log: self.clone(),
            panic_on_drop: true,
        }
    }

    /// How many times `"drop NAME"` was logged.
    pub fn drops_of(&self, name: &str) -> usize {
        let event = format!("drop {name}");
        self.events().iter().filter(|e| **e == event).count()
    }

    /// The names dropped, in order.
    pub fn dropped(&self) -> Vec<String> {
        self.events()
            .iter()
            .filter_map(|e| e.strip_prefix("drop ").map(str::to_owned))
            .collect()
    }
}

/// Logs its own drop.
#[derive(Debug)]
pub struct Noisy {
    pub name: String,
    log: Log,
    panic_on_drop: bool,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        self.log.push(format!("drop {}", self.name));
        let quiet = !self.panic_on_drop || std::thread::panicking();
        assert!(quiet, "{} panics in drop", self.name);
    }
}
