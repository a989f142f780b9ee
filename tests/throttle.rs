//! The `throttle` example (an asyncio rate limiter driven with `asend`),
//! on tokio's paused clock: sleeps take no real time and end exactly when
//! they should, so the limiter's timing can be checked to the millisecond.

use std::ffi::OsString;
use std::time::Duration;

#[path = "../examples/throttle.rs"]
#[allow(dead_code, reason = "the example's `main` is not used here")]
mod throttle;

use coro::{CoroutineState, Generator, Status, aresume};
use throttle::{Config, crawl, parse_args};
use tokio::time::Instant;

fn paused() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
}

fn urls(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("u{i}")).collect()
}

/// However many requests go in any stretch of time, they never outrun the
/// bucket: `burst` at once, then `rate` a second.
#[test]
fn requests_never_outrun_the_bucket() {
    for (rate, burst, latency_ms) in [(4.0, 2, 50_u32), (10.0, 1, 0), (2.0, 3, 700), (50.0, 5, 1)] {
        let fetched = paused().block_on(crawl(
            &urls(12),
            rate,
            burst,
            Duration::from_millis(latency_ms.into()),
        ));
        assert_eq!(fetched.len(), 12);
        // Tokio's timer rounds a sleep up to the next millisecond.
        let slack = 0.002 * rate;
        for i in 0..fetched.len() {
            for j in i..fetched.len() {
                let span = fetched[j]
                    .at
                    .checked_sub(fetched[i].at)
                    .expect("in order")
                    .as_secs_f64();
                let requests = f64::from(u32::try_from(j - i + 1).unwrap());
                assert!(
                    requests <= f64::from(burst) + rate * span + slack,
                    "{requests} requests in {span}s at rate {rate}, burst {burst}: {fetched:#?}"
                );
            }
        }
        // The first `burst` requests go at once; every wait is what made the
        // bucket hold a token.
        for f in &fetched[..burst as usize] {
            assert_eq!(f.waited, Duration::ZERO, "{fetched:#?}");
        }
        // Nor does it hold a request back longer than it must: by the time
        // a fetch is over, or a token's time has passed since the last
        // request went, the bucket holds a token again.
        let most = (f64::from(latency_ms) / 1000.0).max(1.0 / rate) + 0.002;
        for pair in fetched.windows(2) {
            let gap = pair[1]
                .at
                .checked_sub(pair[0].at)
                .expect("in order")
                .as_secs_f64();
            assert!(gap <= most, "{gap}s between requests: {fetched:#?}");
        }
        assert!(
            fetched
                .iter()
                .all(|f| f.bytes == "<html></html>".len() + f.url.len())
        );
    }
}

#[test]
fn slow_fetches_leave_the_bucket_full() {
    // A request every 300ms, and the bucket refills in 100ms: nobody waits.
    let fetched = paused().block_on(crawl(&urls(6), 10.0, 1, Duration::from_millis(300)));
    assert!(
        fetched.iter().all(|f| f.waited == Duration::ZERO),
        "{fetched:#?}"
    );
    assert_eq!(fetched[5].at, Duration::from_millis(1500));
}

/// A request given up on (its `aresume` dropped by `select!` when a deadline
/// passes) still takes its token: the limiter finishes that step when it is
/// next resumed, so the next request waits for a token of its own.
#[test]
fn a_request_given_up_on_still_takes_its_token() {
    paused().block_on(async {
        let start = Instant::now();
        let mut limiter = throttle::throttle(1.0, 1);
        assert_eq!(limiter.status(), Status::Created);
        assert_eq!(
            aresume(&mut limiter, 1).await,
            CoroutineState::Yielded(Duration::ZERO)
        );
        // The bucket is empty: the next token comes in a second, and the
        // caller gives up after 100ms.
        tokio::select! {
            _ = aresume(&mut limiter, 1) => panic!("the limiter cannot answer yet"),
            () = tokio::time::sleep(Duration::from_millis(100)) => {}
        }
        assert_eq!(limiter.status(), Status::Suspended);
        // The next request: the given-up step ends at 1s (taking the token
        // that comes then), and this one waits for the token after it.
        let CoroutineState::Yielded(waited) = aresume(&mut limiter, 1).await else {
            panic!("the limiter never ends");
        };
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        assert_eq!(waited, Duration::from_secs(1));
    });
}

#[test]
fn the_limiter_can_be_sent_to_a_task() {
    paused().block_on(async {
        let mut limiter = throttle::throttle(100.0, 1);
        let waits = tokio::spawn(async move {
            let mut waits = Vec::new();
            for _ in 0..3 {
                if let CoroutineState::Yielded(waited) = aresume(&mut limiter, 1).await {
                    waits.push(waited);
                }
            }
            waits
        })
        .await
        .unwrap();
        assert_eq!(
            waits,
            [
                Duration::ZERO,
                Duration::from_millis(10),
                Duration::from_millis(10)
            ]
        );
    });
}

#[test]
fn command_line() {
    let args = |a: &[&str]| parse_args(a.iter().map(OsString::from));
    assert_eq!(args(&[]), Ok(Config::default()));
    assert_eq!(
        args(&["--rate", "2.5", "--burst", "3", "--urls", "4"]),
        Ok(Config {
            rate: 2.5,
            burst: 3,
            urls: 4
        })
    );
    assert_eq!(args(&["--rate"]), Err("--rate needs a value".to_owned()));
    assert_eq!(
        args(&["--rate", "0"]),
        Err("--rate must be a positive number, not 0".to_owned())
    );
    assert_eq!(
        args(&["--burst", "0"]),
        Err("--burst must be at least 1".to_owned())
    );
    assert!(args(&["--urls", "x"]).unwrap_err().starts_with("--urls: "));
    assert_eq!(args(&["-x"]), Err("unknown argument \"-x\"".to_owned()));
}
