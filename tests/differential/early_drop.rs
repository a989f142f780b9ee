//! The one documented difference between the engines, pinned down exactly
//! on both: a local (or argument, or capture) that the body does not use
//! after a `yield_!` is dropped when the generator suspends there on the
//! native engine, and at the end of its scope on the async one; a `_name`
//! guard lives to the end of its scope on both. Everything else is the
//! same, which each test checks too: its logs with the early value's events
//! taken out are equal, and so are the items. The `differential!` cases at
//! the end are the bodies where nothing may differ: guards, values moved
//! away before the `yield_!`, `let _ =`, values used later.
//!
//! The logs show the caller's steps: `(made)`, `(next)` before each `next`,
//! `(resume)` before each `resume`, and `(generator dropped ...)`.

use coro::{Coroutine, generator, iter, yield_};

use crate::harness::{
    CoRecord, IterGen, IterRecord, Log, Noisy, native_iter, not_native, record_co, record_iter,
};

/// A body twice: `#[generator(native)]` and `#[generator(fallback)]`.
macro_rules! both {
    ($native:ident $fallback:ident ($($params:tt)*) -> ($($ret:tt)*) $body:block) => {
        #[generator(native)]
        fn $native($($params)*) -> $($ret)* $body

        #[generator(fallback)]
        fn $fallback($($params)*) -> $($ret)* $body
    };
    // A coroutine primed with a first argument it drops.
    (first = _ $native:ident $fallback:ident ($($params:tt)*) -> ($($ret:tt)*) $body:block) => {
        #[generator(native, first = _)]
        fn $native($($params)*) -> $($ret)* $body

        #[generator(fallback, first = _)]
        fn $fallback($($params)*) -> $($ret)* $body
    };
}

fn show(log: &[String]) -> String {
    log.join(" | ")
}

/// The logs of an iterator's full run and of its run dropped after `k`
/// items.
fn iter_logs(record: &IterRecord, k: usize) -> (String, String) {
    (show(&record.full.log), show(&record.drops[k].log))
}

/// The events that do not name `early`.
fn without(log: &[String], early: &str) -> Vec<String> {
    log.iter().filter(|e| !e.contains(early)).cloned().collect()
}

/// The same items, and the same logs but for `early`'s events, in every
/// scenario.
fn same_but_for(native: &IterRecord, fallback: &IterRecord, early: &str) {
    assert_eq!(native.full.steps, fallback.full.steps);
    assert_eq!(native.trace.steps, fallback.trace.steps);
    assert_eq!(
        without(&native.full.log, early),
        without(&fallback.full.log, early)
    );
    assert_eq!(native.drops.len(), fallback.drops.len());
    for (n, f) in native.drops.iter().zip(&fallback.drops) {
        assert_eq!(n.steps, f.steps);
        assert_eq!(without(&n.log, early), without(&f.log, early));
    }
}

both!(early_native early_fallback (log: Log) -> (impl Iterator<Item = usize>) {
    let _guard = Noisy::new(log.clone(), "guard");
    let early = Noisy::new(log.clone(), "early");
    yield_!(early.name.len()); // `early` is not used after this
    log.push("end");
});

#[test]
fn a_local_unused_after_a_yield() {
    let native = record_iter(&|log: &Log| early_native(log.clone()), None);
    let fallback = record_iter(&|log: &Log| early_fallback(log.clone()), None);
    same_but_for(&native, &fallback, "early");
    assert_eq!(
        iter_logs(&native, 1),
        (
            "(made) | (next) | new guard#0 | new early#1 | drop early#1 | (next) | end | \
             drop guard#0 | (generator dropped)"
                .into(),
            "(made) | (next) | new guard#0 | new early#1 | drop early#1 | \
             (generator dropped after 1 items) | drop guard#0"
                .into()
        )
    );
    assert_eq!(
        iter_logs(&fallback, 1),
        (
            "(made) | (next) | new guard#0 | new early#1 | (next) | end | drop early#1 | \
             drop guard#0 | (generator dropped)"
                .into(),
            "(made) | (next) | new guard#0 | new early#1 | \
             (generator dropped after 1 items) | drop early#1 | drop guard#0"
                .into()
        )
    );
}

both!(overwritten_native overwritten_fallback (log: Log) -> (impl Iterator<Item = usize>) {
    let mut early = Noisy::new(log.clone(), "early");
    yield_!(early.name.len());
    // Overwritten before it is used again: its old value is not used.
    early = Noisy::new(log.clone(), "later");
    yield_!(early.name.len());
    log.push(early.name.clone());
});

#[test]
fn a_local_overwritten_after_a_yield() {
    let native = record_iter(&|log: &Log| overwritten_native(log.clone()), None);
    let fallback = record_iter(&|log: &Log| overwritten_fallback(log.clone()), None);
    same_but_for(&native, &fallback, "early");
    // The old value goes when the generator suspends (native) or when it is
    // overwritten (async); the new one is carried on both.
    assert_eq!(
        show(&native.full.log),
        "(made) | (next) | new early#0 | drop early#0 | (next) | new later#1 | (next) | later | \
         drop later#1 | (generator dropped)"
    );
    assert_eq!(
        show(&fallback.full.log),
        "(made) | (next) | new early#0 | (next) | new later#1 | drop early#0 | (next) | later | \
         drop later#1 | (generator dropped)"
    );
}

pub(crate) struct Pair {
    used: Noisy,
    /// Never read: it is there to be dropped with `used`.
    #[allow(dead_code, reason = "dropped, never read")]
    unused: Noisy,
}

fn pair(log: &Log) -> Pair {
    Pair {
        used: log.noisy("used"),
        unused: log.noisy("unused"),
    }
}

both!(pair_native pair_fallback (pair: Pair) -> (impl Iterator<Item = String>) {
    yield_!(pair.used.name.clone());
});

#[test]
fn an_argument_unused_after_a_yield_moves_in_whole_and_drops_whole() {
    let native = record_iter(&|log: &Log| pair_native(pair(log)), None);
    let fallback = record_iter(&|log: &Log| pair_fallback(pair(log)), None);
    same_but_for(&native, &fallback, "used");
    // Never started: the argument lives as long as the generator on both.
    for record in [&native, &fallback] {
        assert_eq!(
            show(&record.drops[0].log),
            "new used#0 | new unused#1 | (made) | (generator dropped after 0 items) | \
             drop used#0 | drop unused#1"
        );
    }
    assert_eq!(
        iter_logs(&native, 1),
        (
            "new used#0 | new unused#1 | (made) | (next) | drop used#0 | drop unused#1 | (next) | \
             (generator dropped)"
                .into(),
            "new used#0 | new unused#1 | (made) | (next) | drop used#0 | drop unused#1 | \
             (generator dropped after 1 items)"
                .into()
        )
    );
    assert_eq!(
        iter_logs(&fallback, 1),
        (
            "new used#0 | new unused#1 | (made) | (next) | (next) | drop used#0 | drop unused#1 | \
             (generator dropped)"
                .into(),
            "new used#0 | new unused#1 | (made) | (next) | (generator dropped after 1 items) | \
             drop used#0 | drop unused#1"
                .into()
        )
    );
}

pub(crate) struct Owner {
    first: Noisy,
    #[allow(dead_code, reason = "dropped, never read")]
    second: Noisy,
}

impl Owner {
    #[generator(native)]
    fn first_name_native(self) -> impl Iterator<Item = String> {
        yield_!(self.first.name.clone());
    }

    #[generator(fallback)]
    fn first_name_fallback(self) -> impl Iterator<Item = String> {
        yield_!(self.first.name.clone());
    }
}

fn owner(log: &Log) -> Owner {
    Owner {
        first: log.noisy("first"),
        second: log.noisy("second"),
    }
}

#[test]
fn self_by_value_unused_after_a_yield() {
    let native = record_iter(&|log: &Log| owner(log).first_name_native(), None);
    let fallback = record_iter(&|log: &Log| owner(log).first_name_fallback(), None);
    same_but_for(&native, &fallback, "#");
    assert_eq!(
        iter_logs(&native, 1).1,
        "new first#0 | new second#1 | (made) | (next) | drop first#0 | drop second#1 | \
         (generator dropped after 1 items)"
    );
    assert_eq!(
        iter_logs(&fallback, 1).1,
        "new first#0 | new second#1 | (made) | (next) | (generator dropped after 1 items) | \
         drop first#0 | drop second#1"
    );
}

/// `iter_block_captures_drop_with_it` of `tests/drop.rs`: the capture is not
/// used after the `yield_!`.
fn captures_native(inner_log: Log, captured: Noisy) -> impl IterGen<Item = usize> {
    native_iter(iter! {
        let local = Noisy::new(inner_log.clone(), "local");
        yield_!(captured.name.len());
        drop(local);
    })
}

#[allow(
    clippy::no_effect_underscore_binding,
    reason = "a borrow held across the yield: what sends the block to the async engine"
)]
fn captures_fallback(inner_log: Log, captured: Noisy) -> impl IterGen<Item = usize> {
    not_native(iter! {
        let force_fallback = 0_u8;
        let _force_fallback = &force_fallback;
        let local = Noisy::new(inner_log.clone(), "local");
        yield_!(captured.name.len());
        drop(local);
    })
}

#[test]
fn a_capture_unused_after_a_yield() {
    let native = record_iter(
        &|log: &Log| captures_native(log.clone(), log.noisy("captured")),
        None,
    );
    let fallback = record_iter(
        &|log: &Log| captures_fallback(log.clone(), log.noisy("captured")),
        None,
    );
    same_but_for(&native, &fallback, "captured");
    assert_eq!(
        iter_logs(&native, 1),
        (
            "new captured#0 | (made) | (next) | new local#1 | drop captured#0 | (next) | \
             drop local#1 | (generator dropped)"
                .into(),
            "new captured#0 | (made) | (next) | new local#1 | drop captured#0 | \
             (generator dropped after 1 items) | drop local#1"
                .into()
        )
    );
    assert_eq!(
        iter_logs(&fallback, 1),
        (
            "new captured#0 | (made) | (next) | new local#1 | (next) | drop local#1 | \
             drop captured#0 | (generator dropped)"
                .into(),
            "new captured#0 | (made) | (next) | new local#1 | \
             (generator dropped after 1 items) | drop local#1 | drop captured#0"
                .into()
        )
    );
}

both!(in_a_loop_native in_a_loop_fallback (log: Log) -> (impl Iterator<Item = usize>) {
    for i in 0..2 {
        let n = Noisy::new(log.clone(), format!("n{i}"));
        yield_!(n.name.len());
        log.push(format!("after {i}"));
    }
});

#[test]
fn a_local_of_a_loop_unused_after_a_yield() {
    let native = record_iter(&|log: &Log| in_a_loop_native(log.clone()), None);
    let fallback = record_iter(&|log: &Log| in_a_loop_fallback(log.clone()), None);
    same_but_for(&native, &fallback, "n");
    assert_eq!(
        iter_logs(&native, 1).0,
        "(made) | (next) | new n0#0 | drop n0#0 | (next) | after 0 | new n1#1 | drop n1#1 | \
         (next) | after 1 | (generator dropped)"
    );
    assert_eq!(
        iter_logs(&fallback, 1).0,
        "(made) | (next) | new n0#0 | (next) | after 0 | drop n0#0 | new n1#1 | (next) | \
         after 1 | drop n1#1 | (generator dropped)"
    );
}

both!(shadowed_native shadowed_fallback (log: Log) -> (impl Iterator<Item = usize>) {
    let x = Noisy::new(log.clone(), "x1");
    yield_!(x.name.len());
    let x = Noisy::new(log.clone(), "x2");
    yield_!(x.name.len());
    log.push("end");
});

#[test]
fn a_shadowed_local_unused_after_a_yield() {
    let native = record_iter(&|log: &Log| shadowed_native(log.clone()), None);
    let fallback = record_iter(&|log: &Log| shadowed_fallback(log.clone()), None);
    same_but_for(&native, &fallback, "x");
    assert_eq!(
        iter_logs(&native, 2),
        (
            "(made) | (next) | new x1#0 | drop x1#0 | (next) | new x2#1 | drop x2#1 | (next) | \
             end | (generator dropped)"
                .into(),
            "(made) | (next) | new x1#0 | drop x1#0 | (next) | new x2#1 | drop x2#1 | \
             (generator dropped after 2 items)"
                .into()
        )
    );
    assert_eq!(
        iter_logs(&fallback, 2),
        (
            "(made) | (next) | new x1#0 | (next) | new x2#1 | (next) | end | drop x2#1 | \
             drop x1#0 | (generator dropped)"
                .into(),
            "(made) | (next) | new x1#0 | (next) | new x2#1 | (generator dropped after 2 items) | \
             drop x2#1 | drop x1#0"
                .into()
        )
    );
}

both!(first = _ then_panics_native then_panics_fallback (log: Log) -> (impl Coroutine<u8, Yield = usize, Return = u8>) {
    let early = Noisy::new(log.clone(), "early");
    let r: u8 = yield_!(early.name.len());
    assert!(r != 0, "zero");
    r
});

fn co_log(record: &CoRecord) -> String {
    show(&record.full.log)
}

#[test]
fn a_local_unused_after_a_yield_when_the_body_panics_after_it() {
    let resumes = |_: &Log| vec![1_u8, 0, 2];
    let native = record_co(
        &|log: &Log, _: Option<&u8>| then_panics_native(log.clone()),
        &resumes,
        None,
    );
    let fallback = record_co(
        &|log: &Log, _: Option<&u8>| then_panics_fallback(log.clone()),
        &resumes,
        None,
    );
    assert_eq!(native.full.steps, fallback.full.steps);
    assert!(
        native.states[1].contains("panic: zero"),
        "{:?}",
        native.states
    );
    assert_eq!(
        co_log(&native),
        "(made) | (resume) | new early#0 | drop early#0 | (resume) | (coroutine dropped)"
    );
    // Dropped by the unwinding.
    assert_eq!(
        co_log(&fallback),
        "(made) | (resume) | new early#0 | (resume) | drop early#0 | (coroutine dropped)"
    );
}

// Used in the last `yield_!`'s value, but not after it: the same rule.
both!(in_the_last_yield_native in_the_last_yield_fallback (log: Log) -> (impl Iterator<Item = usize>) {
    let late = Noisy::new(log.clone(), "late");
    yield_!(1);
    log.push("middle");
    yield_!(late.name.len());
    log.push("end");
});

both!(argument_in_the_last_yield_native argument_in_the_last_yield_fallback (arg: Noisy) -> (impl Iterator<Item = usize>) {
    yield_!(1);
    yield_!(arg.name.len());
});

#[test]
fn a_local_used_only_in_the_last_yields_value() {
    let native = record_iter(&|log: &Log| in_the_last_yield_native(log.clone()), None);
    let fallback = record_iter(&|log: &Log| in_the_last_yield_fallback(log.clone()), None);
    same_but_for(&native, &fallback, "late");
    assert_eq!(
        iter_logs(&native, 2).0,
        "(made) | (next) | new late#0 | (next) | middle | drop late#0 | (next) | end | \
         (generator dropped)"
    );
    assert_eq!(
        iter_logs(&fallback, 2).0,
        "(made) | (next) | new late#0 | (next) | middle | (next) | end | drop late#0 | \
         (generator dropped)"
    );

    let native = record_iter(
        &|log: &Log| argument_in_the_last_yield_native(log.noisy("arg")),
        None,
    );
    let fallback = record_iter(
        &|log: &Log| argument_in_the_last_yield_fallback(log.noisy("arg")),
        None,
    );
    same_but_for(&native, &fallback, "arg");
    assert_eq!(
        iter_logs(&native, 2),
        (
            "new arg#0 | (made) | (next) | (next) | drop arg#0 | (next) | (generator dropped)"
                .into(),
            "new arg#0 | (made) | (next) | (next) | drop arg#0 | (generator dropped after 2 items)"
                .into()
        )
    );
    assert_eq!(
        iter_logs(&fallback, 2),
        (
            "new arg#0 | (made) | (next) | (next) | (next) | drop arg#0 | (generator dropped)"
                .into(),
            "new arg#0 | (made) | (next) | (next) | (generator dropped after 2 items) | drop arg#0"
                .into()
        )
    );
}

// Where nothing may differ, compared exactly on both engines.
differential! {
    // `_name` guards live to the end of their scope on both.
    iter guards(log: Log) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        let _guard = Noisy::new(log.clone(), "guard");
        let _early = Noisy::new(log.clone(), "early");
        yield_!(1);
        log.push("end");
    }
    calls(log) [(log.clone())]

    iter guards_in_a_loop(log: Log) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        for i in 0..3 {
            let _n = Noisy::new(log.clone(), format!("n{i}"));
            yield_!(i);
            log.push(format!("after {i}"));
        }
    }
    calls(log) [(log.clone())]

    // A shadowed guard lives on, under the guard that shadows it. (The
    // native engine rejects this one.)
    iter shadowed_guards(log: Log) -> (impl Iterator<Item = usize>)
        fallback_only ["`_x`: shadowed at a `yield_!` by a local of the same name, and used after it"]
        traits [Send, Sync]
    {
        let _x = Noisy::new(log.clone(), "x1");
        yield_!(1);
        let _x = Noisy::new(log.clone(), "x2");
        yield_!(2);
        {
            let _x = Noisy::new(log.clone(), "x3");
            yield_!(3);
        }
        log.push("end");
    }
    calls(log) [(log.clone())]

    // Moved away (here: dropped) before the `yield_!`.
    iter moved_before_the_yield(log: Log) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        let early = Noisy::new(log.clone(), "early");
        let n = early.name.len();
        drop(early);
        yield_!(n);
        log.push("end");
    }
    calls(log) [(log.clone())]

    // `let _ =` drops at once.
    iter let_underscore(log: Log) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        let _ = Noisy::new(log.clone(), "at once");
        yield_!(1);
        log.push("end");
    }
    calls(log) [(log.clone())]

    // Used after the last `yield_!`.
    iter used_later(log: Log) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        let late = Noisy::new(log.clone(), "late");
        yield_!(1);
        log.push("middle");
        yield_!(late.name.len());
        log.push("end");
        drop(late);
    }
    calls(log) [(log.clone())]

    // An argument used after the last `yield_!`.
    iter argument_used_later(arg: Noisy) -> (impl Iterator<Item = usize>) native [+ Clone] traits [Send, Sync] {
        yield_!(1);
        yield_!(arg.name.len());
        drop(arg);
    }
    calls(log) [(log.noisy("arg"))]
}

// The same rule shows in the auto traits: an `Rc` not used after the first
// `yield_!` is not in the native state, so the native generator is `Send`;
// the async one holds it to the end of its scope, across the second
// `yield_!`, and is not.
both!(rc_native rc_fallback () -> (impl Iterator<Item = u32>) {
    let rc = std::rc::Rc::new(5);
    yield_!(*rc);
    yield_!(1);
});

#[test]
fn a_local_unused_after_a_yield_does_not_count_for_send_natively() {
    assert!(implements!(Send, rc_native()));
    assert!(!implements!(Send, rc_fallback()));
    // Both `Sync`-less, and the same items.
    assert!(!implements!(Sync, rc_fallback()));
    assert_eq!(
        rc_native().collect::<Vec<_>>(),
        rc_fallback().collect::<Vec<_>>()
    );
    // A guard keeps it on both.
    assert!(!implements!(Send, rc_guard()));
}

#[generator(native)]
fn rc_guard() -> impl Iterator<Item = u32> {
    let _rc = std::rc::Rc::new(5);
    yield_!(1);
    yield_!(2);
}
