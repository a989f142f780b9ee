//! The `countasync` example, driven in-process on a paused tokio clock: the
//! three `count()`s run concurrently, so all the `One`s come first, then all
//! the `Two`s, one (virtual) second later, and the whole run takes one
//! second, not three. No real second is waited.

use std::time::Duration;

use tokio::time::Instant;

#[path = "../examples/countasync.rs"]
#[allow(dead_code, reason = "the example's `main` is not used here")]
mod countasync;

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn three_counts_take_one_second_not_three() {
    let start = Instant::now();
    let mut lines = Vec::new();
    let elapsed = countasync::run(|line| lines.push((line.to_owned(), start.elapsed()))).await;
    let zero = Duration::ZERO;
    let one = Duration::from_secs(1);
    assert_eq!(
        lines,
        [
            ("One".to_owned(), zero),
            ("One".to_owned(), zero),
            ("One".to_owned(), zero),
            ("Two".to_owned(), one),
            ("Two".to_owned(), one),
            ("Two".to_owned(), one),
        ]
    );
    assert_eq!(elapsed, one, "the run's own measure of its time");
    assert_eq!(start.elapsed(), one, "the clock moved one second in all");
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn run_twice_in_a_row() {
    // Nothing is left over from a first run: a second one takes its own
    // second and prints the same six lines.
    for round in 0..2 {
        let mut lines = Vec::new();
        let elapsed = countasync::run(|line| lines.push(line.to_owned())).await;
        assert_eq!(lines, ["One", "One", "One", "Two", "Two", "Two"], "{round}");
        assert_eq!(elapsed, Duration::from_secs(1), "{round}");
    }
}
