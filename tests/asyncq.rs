//! The `asyncq` example, driven in-process: every item the producers make is
//! consumed exactly once, for several seeds, producer and consumer counts and
//! queue sizes, and its command line parses as documented.

use std::collections::HashSet;
use std::ffi::OsString;

#[path = "../examples/asyncq.rs"]
#[allow(
    dead_code,
    reason = "the example's `main` and usage text are not used here"
)]
mod asyncq;

use asyncq::{Command, Config, Report, Rng, UsageError, parse_args, run};

/// A quiet config with every sleep a thousand times shorter.
fn fast(nprod: usize, ncon: usize, seed: u64) -> Config {
    Config {
        nprod,
        ncon,
        seed,
        scale: 0.001,
        quiet: true,
        ..Config::default()
    }
}

/// Every id produced was consumed exactly once, and the producers made as
/// many as they planned.
fn check(report: &Report, what: &str) {
    let mut produced = report.produced.clone();
    let mut consumed = report.consumed.clone();
    assert_eq!(
        produced.len(),
        report.planned,
        "{what}: produced vs planned"
    );
    let unique: HashSet<&String> = produced.iter().collect();
    assert_eq!(unique.len(), produced.len(), "{what}: duplicate ids made");
    produced.sort();
    consumed.sort();
    assert_eq!(produced, consumed, "{what}: consumed vs produced");
    for id in &produced {
        assert_eq!(id.len(), 10, "{what}: id {id:?}");
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "{what}: id {id:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_is_consumed_exactly_once() {
    let mut total = 0;
    for seed in [444, 0, 7, 0xDEAD_BEEF] {
        for (nprod, ncon) in [(5, 10), (1, 1), (3, 1), (1, 5), (0, 1), (0, 10), (8, 3)] {
            let report = run(fast(nprod, ncon, seed)).await;
            check(
                &report,
                &format!("seed {seed}, {nprod} producers, {ncon} consumers"),
            );
            assert!(report.planned <= 10 * nprod);
            total += report.planned;
        }
    }
    assert!(total > 0, "the producers made nothing at all");
}

#[tokio::test(flavor = "current_thread")]
async fn on_one_thread() {
    for seed in [444, 1] {
        let report = run(fast(5, 10, seed)).await;
        check(&report, &format!("seed {seed}, one thread"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_a_queue_of_one() {
    for (nprod, ncon) in [(5, 1), (5, 2), (2, 10)] {
        let config = Config {
            capacity: 1,
            ..fast(nprod, ncon, 444)
        };
        let report = run(config).await;
        check(
            &report,
            &format!("capacity 1, {nprod} producers, {ncon} consumers"),
        );
    }
}

#[tokio::test]
async fn no_producers_means_nothing_to_wait_for() {
    let report = run(fast(0, 1, 444)).await;
    assert_eq!(report.planned, 0);
    assert!(report.produced.is_empty());
    assert!(report.consumed.is_empty());
}

#[tokio::test]
async fn a_seed_gives_the_same_items_every_run() {
    let sorted = |report: Report| {
        let mut ids = report.produced;
        ids.sort();
        ids
    };
    let first = sorted(run(fast(5, 10, 444)).await);
    let again = sorted(run(fast(5, 3, 444)).await);
    assert!(!first.is_empty());
    assert_eq!(first, again, "the consumers do not change what is produced");
    let other = sorted(run(fast(5, 10, 445)).await);
    assert_ne!(first, other);
}

/// With tokio's clock paused, the full one-to-ten-second sleeps take no real
/// time: tokio skips ahead whenever every task is asleep.
#[tokio::test(start_paused = true)]
async fn full_length_sleeps_on_a_paused_clock() {
    let config = Config {
        quiet: true,
        ..Config::default()
    };
    let report = run(config).await;
    check(&report, "default config, paused clock");
    assert!(
        report.elapsed.as_secs() > 0,
        "the (virtual) sleeps happened"
    );
}

#[test]
fn rng_is_deterministic_and_in_range() {
    let mut a = Rng::new(444);
    let mut b = Rng::new(444);
    let mut seen = [false; 11];
    for _ in 0..1000 {
        let n = a.randint(0, 10);
        assert_eq!(n, b.randint(0, 10));
        seen[n as usize] = true;
    }
    assert!(seen.iter().all(|&s| s), "every value of 0..=10 comes up");
    assert_eq!(a.randint(3, 3), 3);
    assert_eq!(b.randint(3, 3), 3);
    // The whole range of `u32`, with no overflow.
    assert_eq!(a.randint(0, u32::MAX), b.randint(0, u32::MAX));
    assert!(a.randint(u32::MAX - 1, u32::MAX) >= u32::MAX - 1);
    b.next_u64();
    assert_eq!(a.hex(5), b.hex(5));
    assert_eq!(a.hex(0), "");
    assert_ne!(Rng::new(1).hex(8), Rng::new(2).hex(8));
}

/// Parses `args` into a config, or panics.
fn config(args: &[&str]) -> Config {
    match parse_args(args.iter().copied()) {
        Ok(Command::Run(config)) => config,
        other => panic!("{args:?} gave {other:?}"),
    }
}

/// Parses `args`, expecting an error, and returns its message.
fn error(args: &[&str]) -> String {
    match parse_args(args.iter().copied()) {
        Err(UsageError(message)) => message,
        other => panic!("{args:?} gave {other:?}, not an error"),
    }
}

#[test]
fn defaults_are_pythons() {
    assert_eq!(
        config(&[]),
        Config {
            nprod: 5,
            ncon: 10,
            seed: 444,
            scale: 1.0,
            capacity: 10,
            quiet: false,
        }
    );
}

#[test]
fn every_spelling_of_the_flags() {
    let want = Config {
        nprod: 3,
        ncon: 2,
        seed: 7,
        scale: 0.01,
        ..Config::default()
    };
    for args in [
        &["-p", "3", "-c", "2", "--seed", "7", "--scale", "0.01"][..],
        &[
            "--nprod", "3", "--ncon", "2", "--seed", "7", "--scale", "0.01",
        ],
        &["--nprod=3", "--ncon=2", "--seed=7", "--scale=0.01"],
        &["-p3", "-c2", "--scale=1e-2", "--seed=7"],
        &[
            "-p",
            "9",
            "--nprod=3",
            "-c",
            "2",
            "--seed",
            "7",
            "--scale",
            ".01",
        ],
    ] {
        assert_eq!(config(args), want, "{args:?}");
    }
    assert_eq!(config(&["-p", "0"]).nprod, 0);
    assert_eq!(config(&["--scale", "0"]).scale.to_bits(), 0.0f64.to_bits());
    assert_eq!(config(&["--seed", "18446744073709551615"]).seed, u64::MAX);
}

#[test]
fn help() {
    for args in [&["-h"][..], &["--help"], &["-p", "3", "--help", "--bogus"]] {
        assert_eq!(
            parse_args(args.iter().copied()),
            Ok(Command::Help),
            "{args:?}"
        );
    }
}

#[test]
fn bad_flags_are_errors_not_panics() {
    for (args, says) in [
        (&["--bogus"][..], "unrecognized argument: --bogus"),
        (&["-x"], "unrecognized argument: -x"),
        (&["--help=yes"], "unrecognized argument"),
        (&["5"], "unexpected argument: 5"),
        (&["-p"], "expected a value"),
        (&["--ncon"], "expected a value"),
        (&["--seed"], "expected a value"),
        (&["--scale"], "expected a value"),
        (&["-p", "three"], "-p/--nprod: invalid value \"three\""),
        (&["-p", "-1"], "-p/--nprod: invalid value \"-1\""),
        (&["-p=3"], "-p/--nprod: invalid value \"=3\""),
        (&["--nprod="], "-p/--nprod: invalid value \"\""),
        (&["-p", "99999999999999999999999"], "-p/--nprod"),
        (&["-p", "10001"], "from 0 to 10000"),
        (&["-c", "0"], "-c/--ncon: invalid value \"0\""),
        (&["--ncon=1.5"], "-c/--ncon"),
        (&["--seed", "-1"], "--seed: invalid value \"-1\""),
        (&["--seed", "18446744073709551616"], "--seed"),
        (&["--scale", "-0.5"], "--scale: invalid value \"-0.5\""),
        (&["--scale", "nan"], "--scale: invalid value \"nan\""),
        (&["--scale", "inf"], "--scale"),
        (&["--scale", "1e300"], "too large"),
        (&["--scale", "fast"], "--scale: invalid value \"fast\""),
    ] {
        let message = error(args);
        assert!(message.contains(says), "{args:?} gave {message:?}");
    }
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStringExt;

    let bad = || OsString::from_vec(vec![b'-', 0xff]);
    let result = parse_args([bad()]);
    assert!(
        matches!(result, Err(UsageError(ref m)) if m.contains("not UTF-8")),
        "{result:?}"
    );
    let result = parse_args([OsString::from("-p"), bad()]);
    assert!(
        matches!(result, Err(UsageError(ref m)) if m.contains("not UTF-8")),
        "{result:?}"
    );
}
