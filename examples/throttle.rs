//! A token-bucket rate limiter as an async coroutine, driven with `asend`:
//! the asyncio crawler's throttle. Before each request the crawler sends the
//! limiter the request's cost; the limiter waits (with `.await`) until its
//! bucket holds that many tokens, and yields how long it made the caller
//! wait.
//!
//! ```python
//! import asyncio
//!
//! async def throttle(rate: float, burst: int):
//!     loop = asyncio.get_running_loop()
//!     tokens, last, waited = float(burst), loop.time(), 0.0
//!     while True:
//!         cost = yield waited
//!         now = loop.time()
//!         tokens = min(burst, tokens + (now - last) * rate)
//!         last, waited = now, 0.0
//!         if tokens < cost:
//!             waited = (cost - tokens) / rate
//!             await asyncio.sleep(waited)
//!             tokens, last = float(cost), loop.time()
//!         tokens -= cost
//!
//! async def fetch(url: str) -> str:
//!     await asyncio.sleep(0.05)
//!     return f"<html>{url}</html>"
//!
//! async def crawl(urls, rate=4.0, burst=2):
//!     limiter = throttle(rate, burst)
//!     await limiter.asend(None)              # prime it: run to the first yield
//!     for url in urls:
//!         waited = await limiter.asend(1)    # one token per request
//!         body = await fetch(url)
//!         print(f"{url}: waited {waited:.3f}s, {len(body)} bytes")
//!     await limiter.aclose()
//!
//! asyncio.run(crawl([f"https://example.com/{i}" for i in range(8)]))
//! ```
//!
//! The Rust version needs no priming: `first = cost` binds the argument of
//! the first `aresume` (which Python requires to be `None`) to the first
//! request's cost. `aclose()` is [`Generator::close`]. The limiter's state is
//! `Send`, so it could live in a task of its own; here one task drives it.
//!
//! ```text
//! cargo run --example throttle -- [--rate R] [--burst B] [--urls N]
//! ```

use std::ffi::OsString;
use std::pin::Pin;
use std::process::ExitCode;
use std::time::Duration;

use coro::{AsyncCoroutine, CoroutineState, Generator, Status, aresume, generator, yield_};
use tokio::time::Instant;

/// Waits until the bucket holds `cost` tokens (refilled at `rate` tokens a
/// second, up to `burst`), takes them, and yields how long it waited; the
/// argument of each `aresume` is the cost of the next request.
#[generator(first = cost)]
pub(crate) async fn throttle(
    rate: f64,
    burst: u32,
) -> impl AsyncCoroutine<u32, Yield = Duration, Return = ()> + Generator + Send {
    let mut cost = cost;
    let burst = f64::from(burst);
    let (mut tokens, mut last) = (burst, Instant::now());
    loop {
        let now = Instant::now();
        tokens = burst.min(tokens + (now - last).as_secs_f64() * rate);
        last = now;
        let mut waited = Duration::ZERO;
        let needed = f64::from(cost);
        if tokens < needed {
            waited = Duration::from_secs_f64((needed - tokens) / rate);
            tokio::time::sleep(waited).await;
            (tokens, last) = (needed, Instant::now());
        }
        tokens -= needed;
        cost = yield_!(waited);
    }
}

/// What the crawler did for one URL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fetched {
    pub(crate) url: String,
    /// When the limiter let the request go, from the start of the crawl.
    pub(crate) at: Duration,
    /// How long the limiter made it wait.
    pub(crate) waited: Duration,
    pub(crate) bytes: usize,
}

/// A stand-in for an HTTP request: takes `latency`, returns a page.
async fn fetch(url: &str, latency: Duration) -> String {
    tokio::time::sleep(latency).await;
    format!("<html>{url}</html>")
}

/// Fetches every URL in turn, one token each, through one limiter; closes
/// the limiter at the end.
pub(crate) async fn crawl(
    urls: &[String],
    rate: f64,
    burst: u32,
    latency: Duration,
) -> Vec<Fetched> {
    let start = Instant::now();
    let mut limiter = throttle(rate, burst);
    let mut fetched = Vec::new();
    for url in urls {
        let CoroutineState::Yielded(waited) = aresume(&mut limiter, 1).await else {
            unreachable!("the limiter never ends");
        };
        let at = start.elapsed();
        let body = fetch(url, latency).await;
        fetched.push(Fetched {
            url: url.clone(),
            at,
            waited,
            bytes: body.len(),
        });
    }
    // Python's `await limiter.aclose()`.
    Pin::new(&mut limiter).close();
    assert_eq!(limiter.status(), Status::Closed);
    fetched
}

/// The command line: `--rate R`, `--burst B`, `--urls N`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    pub(crate) rate: f64,
    pub(crate) burst: u32,
    pub(crate) urls: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rate: 20.0,
            burst: 2,
            urls: 8,
        }
    }
}

/// Reads the command line (without the program name).
///
/// # Errors
///
/// A message for an unknown flag, a flag without its value, or a value that
/// does not parse or is out of range.
pub(crate) fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let flag = flag.to_string_lossy().into_owned();
        let mut value = || {
            args.next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--rate" => {
                let rate: f64 = value()?.parse().map_err(|e| format!("--rate: {e}"))?;
                if !(rate.is_finite() && rate > 0.0) {
                    return Err(format!("--rate must be a positive number, not {rate}"));
                }
                config.rate = rate;
            }
            "--burst" => {
                config.burst = value()?.parse().map_err(|e| format!("--burst: {e}"))?;
                if config.burst == 0 {
                    return Err("--burst must be at least 1".to_owned());
                }
            }
            "--urls" => config.urls = value()?.parse().map_err(|e| format!("--urls: {e}"))?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args_os().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("throttle: {message}\nusage: throttle [--rate R] [--burst B] [--urls N]");
            return ExitCode::from(2);
        }
    };
    let urls: Vec<String> = (0..config.urls)
        .map(|i| format!("https://example.com/{i}"))
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime");
    let fetched = runtime.block_on(crawl(
        &urls,
        config.rate,
        config.burst,
        Duration::from_millis(5),
    ));
    for f in &fetched {
        println!(
            "{}: at {:.3}s, waited {:.3}s, {} bytes",
            f.url,
            f.at.as_secs_f64(),
            f.waited.as_secs_f64(),
            f.bytes
        );
    }
    ExitCode::SUCCESS
}
