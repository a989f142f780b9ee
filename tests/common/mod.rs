//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub, reason = "each test file uses a part")]

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

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

/// Pending once (waking its task at once), then ready: a real suspension at
/// an `.await`, as `tokio::task::yield_now` makes, without a runtime.
#[derive(Debug, Default)]
pub struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// Counts the wakes of the task that polls.
#[derive(Debug, Default)]
pub struct CountingWaker {
    pub wakes: AtomicUsize,
}

impl CountingWaker {
    /// A counter and a waker that counts into it.
    pub fn new() -> (Arc<Self>, Waker) {
        let counter = Arc::new(Self::default());
        let waker = Waker::from(Arc::clone(&counter));
        (counter, waker)
    }

    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

/// Pending until opened; remembers the waker it was last polled with.
#[derive(Clone, Debug, Default)]
pub struct Gate {
    open: Arc<AtomicBool>,
    pub waker: Arc<Mutex<Option<Waker>>>,
}

impl Gate {
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        if let Some(waker) = self.waker.lock().unwrap().take() {
            waker.wake();
        }
    }

    pub fn wait(&self) -> impl Future<Output = ()> + '_ {
        poll_fn(|cx| {
            if self.open.load(Ordering::SeqCst) {
                Poll::Ready(())
            } else {
                *self.waker.lock().unwrap() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}
