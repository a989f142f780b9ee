//! The comparisons the `differential!` cases run: each copy of a body is
//! driven through the same scenarios, each scenario is recorded as plain data
//! (the steps seen by the caller and the events of a drop log), and the
//! records of every copy must equal the reference's (the async engine's).
//!
//! Beyond equality, the harness asserts what both engines promise, so that
//! an error shared by both still fails: fused after the end, finished after
//! a panic, `size_hint` of `(0, Some(0))` at the end, a finished coroutine's
//! `resume` panics, every logged value dropped exactly once.

use std::any::Any;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::{self, Debug};
use std::panic::{self, AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, Once, PoisonError};

use coro::{__private::NativeCoroutine, __private::NativeIter, Coroutine, CoroutineState};

// ---------------------------------------------------------------------------
// Drop logs
// ---------------------------------------------------------------------------

/// A log of events, shared by the values that record into it. Every value
/// made by [`Log::noisy`] has an id: `new NAME#ID` when it is made (or
/// cloned), `drop NAME#ID` when it is dropped.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log(Arc<Mutex<Inner>>);

#[derive(Debug, Default)]
struct Inner {
    events: Vec<String>,
    next_id: usize,
    /// The ids made and not yet dropped.
    live: BTreeMap<usize, String>,
    /// Drops of ids that were not live.
    bad_drops: Vec<String>,
}

impl Log {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records an event.
    pub(crate) fn push(&self, event: impl Into<String>) {
        self.lock().events.push(event.into());
    }

    /// A value that logs its creation and its drop.
    pub(crate) fn noisy(&self, name: impl Into<String>) -> Noisy {
        self.make(name.into(), false, None)
    }

    /// A value that logs its creation and its drop, and panics when dropped
    /// (unless the thread is panicking already).
    pub(crate) fn bomb(&self, name: impl Into<String>) -> Noisy {
        self.make(name.into(), true, None)
    }

    fn make(&self, name: String, bomb: bool, clone_of: Option<usize>) -> Noisy {
        let (name, id) = self.register(name, clone_of);
        Noisy {
            name,
            id,
            bomb,
            log: self.clone(),
        }
    }

    /// A new id for a value named `name`, logged as made.
    fn register(&self, name: String, clone_of: Option<usize>) -> (String, usize) {
        let mut inner = self.lock();
        let id = inner.next_id;
        inner.next_id += 1;
        let event = match clone_of {
            Some(of) => format!("new {name}#{id} (clone of #{of})"),
            None => format!("new {name}#{id}"),
        };
        inner.events.push(event);
        inner.live.insert(id, name.clone());
        (name, id)
    }

    /// The events, after asserting that every value made was dropped exactly
    /// once.
    pub(crate) fn finish(&self, what: &str) -> Vec<String> {
        let inner = self.lock();
        assert!(
            inner.bad_drops.is_empty() && inner.live.is_empty(),
            "{what}: every value must be dropped exactly once: dropped twice {:?}, never {:?}; \
             events {:#?}",
            inner.bad_drops,
            inner.live,
            inner.events
        );
        inner.events.clone()
    }
}

/// Logs its creation and its drop; compares (and prints) by name only, so
/// that items made by a clone compare equal to the original's.
pub(crate) struct Noisy {
    pub(crate) name: String,
    id: usize,
    bomb: bool,
    log: Log,
}

impl Noisy {
    /// The same as `log.noisy(name)`, in the form the native engine can
    /// carry across a `yield_!`: it sees that the result of a method call on
    /// a local (`log.noisy(..)`) may borrow that local, but not that of a
    /// function given an owned `log.clone()`.
    pub(crate) fn new(log: Log, name: impl Into<String>) -> Self {
        let (name, id) = log.register(name.into(), None);
        Noisy {
            name,
            id,
            bomb: false,
            log,
        }
    }

    /// `log.bomb(name)`, in the form of [`Noisy::new`].
    pub(crate) fn new_bomb(log: Log, name: impl Into<String>) -> Self {
        let mut noisy = Noisy::new(log, name);
        noisy.bomb = true;
        noisy
    }
}

impl Clone for Noisy {
    fn clone(&self) -> Self {
        self.log.make(self.name.clone(), self.bomb, Some(self.id))
    }
}

impl PartialEq for Noisy {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Debug for Noisy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Noisy").field(&self.name).finish()
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        let mut inner = self.log.lock();
        let event = format!("drop {}#{}", self.name, self.id);
        if inner.live.remove(&self.id).is_none() {
            inner.bad_drops.push(event.clone());
        }
        inner.events.push(event);
        drop(inner);
        let quiet = !self.bomb || std::thread::panicking();
        assert!(quiet, "{} panics in drop", self.name);
    }
}

// ---------------------------------------------------------------------------
// Panic injection
// ---------------------------------------------------------------------------

thread_local! {
    /// The hook call that panics, counted from 0 (none: `None`).
    static INJECT: Cell<Option<usize>> = const { Cell::new(None) };
    /// The hook calls since the last reset.
    static HOOKS: Cell<usize> = const { Cell::new(0) };
    /// A harness `catch_unwind` is running: its panics are expected.
    static EXPECTING: Cell<bool> = const { Cell::new(false) };
}

/// What an injected panic's message starts with.
pub(crate) const INJECTED: &str = "injected panic after resuming yield";

/// What the injected copies of a body wrap each `yield_!` in: `hook(yield_!(v))`.
/// Counts the resumes of yields, and panics at the one it was told to.
pub(crate) fn hook<T>(value: T) -> T {
    let n = HOOKS.get();
    HOOKS.set(n + 1);
    assert!(INJECT.get() != Some(n), "{INJECTED} {n}");
    value
}

/// Sets the hook call to panic at (and resets the count) until dropped.
struct Injecting;

impl Injecting {
    fn at(k: Option<usize>) -> Self {
        INJECT.set(k);
        HOOKS.set(0);
        Injecting
    }
}

impl Drop for Injecting {
    fn drop(&mut self) {
        INJECT.set(None);
    }
}

fn hooks() -> usize {
    HOOKS.get()
}

/// Installs (once) a panic hook that keeps quiet about the panics the
/// harness catches on purpose, and reports every other panic as usual.
pub(crate) fn quiet() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !EXPECTING.get() {
                default(info);
            }
        }));
    });
}

/// The message of a panic payload.
pub(crate) fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "<not a string>".to_owned())
}

/// Runs `f`, catching a panic (quietly) as its message.
pub(crate) fn catching<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    quiet();
    let was = EXPECTING.replace(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    EXPECTING.set(was);
    result.map_err(|payload| message(&*payload))
}

/// What resuming a finished coroutine panics with.
pub(crate) const COMPLETED: &str =
    "`Coroutine::resume` called after the coroutine already completed (or panicked)";

/// Asserts that a resume panicked with [`COMPLETED`].
#[track_caller]
fn expect_completed<S: Debug>(resumed: Result<S, String>, what: &str) {
    match resumed {
        Ok(state) => panic!("{what}: expected a panic, got {state:?}"),
        Err(msg) => assert_eq!(msg, COMPLETED, "{what}"),
    }
}

// ---------------------------------------------------------------------------
// Proofs of the engine, at compile time
// ---------------------------------------------------------------------------

/// Compiles only for a native `iter!`.
pub(crate) fn native_iter<F, L, D>(g: NativeIter<F, L, D>) -> NativeIter<F, L, D> {
    g
}

/// Compiles only for a native `coroutine!`.
pub(crate) fn native_coroutine<F, R, L, D>(
    c: NativeCoroutine<F, R, L, D>,
) -> NativeCoroutine<F, R, L, D> {
    c
}

/// Asserts at run time that a copy meant for the async engine is on it (the
/// type of a native one is a `NativeIter` or `NativeCoroutine`).
pub(crate) fn not_native<T>(g: T) -> T {
    let name = std::any::type_name::<T>();
    assert!(
        !name.starts_with("coro_core::native::Native"),
        "expected the async engine: {name}"
    );
    g
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

/// One scenario as the caller saw it: the steps, and the drop log.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) steps: Vec<String>,
    pub(crate) log: Vec<String>,
}

impl Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run")
            .field("steps", &self.steps)
            .field("log", &self.log)
            .finish()
    }
}

/// More items than this and a generator counts as endless: the run stops.
pub(crate) const LIMIT: usize = 300;

/// The points at which a scenario parameterised by `k` in `0..=n` is run:
/// all of them for small `n`, a spread for large ones.
pub(crate) fn points(n: usize) -> Vec<usize> {
    if n <= 48 {
        (0..=n).collect()
    } else {
        let mut points: Vec<usize> = (0..=24).chain(n - 8..=n).collect();
        points.extend((1..16).map(|i| 24 + i * (n - 32) / 16));
        points.sort_unstable();
        points.dedup();
        points
    }
}

/// The context of one comparison: the case and the arguments of its call.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) case: &'static str,
    pub(crate) call: &'static str,
}

impl Ctx {
    pub(crate) fn new(case: &'static str, call: &'static str) -> Self {
        Ctx { case, call }
    }

    /// Asserts that `candidate` saw what `reference` saw.
    #[track_caller]
    pub(crate) fn same<T: PartialEq + Debug>(
        &self,
        copy: &str,
        what: &str,
        reference: &T,
        candidate: &T,
    ) {
        assert!(
            reference == candidate,
            "{}{}: {copy} differs from the async engine in {what}\n async engine: {reference:#?}\n \
             {copy}: {candidate:#?}",
            self.case,
            self.call
        );
    }
}

/// Drops `value` (catching a panic of its destructor) and records it.
fn dispose<T>(steps: &mut Vec<String>, what: &str, value: T) {
    if let Err(msg) = catching(|| drop(value)) {
        steps.push(format!("dropping {what} panicked: {msg}"));
    }
}

// ---------------------------------------------------------------------------
// Iterators
// ---------------------------------------------------------------------------

/// What a sync generator is: an iterator, a coroutine resumed with `()`,
/// `Unpin`.
pub(crate) trait IterGen:
    Iterator<Item: Debug> + Coroutine<Yield = Self::Item, Return = ()> + Unpin
{
}

impl<G> IterGen for G where
    G: Iterator<Item: Debug> + Coroutine<Yield = Self::Item, Return = ()> + Unpin
{
}

/// Everything recorded of one copy of an iterator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IterRecord {
    /// Iterated to its end.
    pub(crate) full: Run,
    /// The items of the full run, as `Debug` strings.
    pub(crate) items: Vec<String>,
    /// Resumed as a coroutine to its end, and once more.
    pub(crate) trace: Run,
    /// Dropped after `k` items, for each of `points(items)`.
    pub(crate) drops: Vec<Run>,
}

/// Calls `next` until the end, a panic, `max` items or [`LIMIT`];
/// records the steps (with `size_hint` before each) and the items. Returns
/// whether it ended (by `None` or a panic).
fn drive_iter<G: IterGen>(
    g: &mut G,
    log: &Log,
    steps: &mut Vec<String>,
    items: &mut Vec<String>,
    max: usize,
) -> bool {
    loop {
        steps.push(format!("hint {:?}", g.size_hint()));
        if items.len() >= max.min(LIMIT) {
            if items.len() >= LIMIT {
                steps.push("limit".to_owned());
            }
            return false;
        }
        log.push("(next)");
        match catching(|| g.next()) {
            Ok(Some(item)) => {
                let shown = format!("{item:?}");
                steps.push(format!("item {shown}"));
                items.push(shown);
                dispose(steps, "an item", item);
            }
            Ok(None) => {
                steps.push("none".to_owned());
                after_end(g, steps, "after its end");
                return true;
            }
            Err(msg) => {
                steps.push(format!("panic: {msg}"));
                after_end(g, steps, "after a panic");
                return true;
            }
        }
    }
}

/// A generator that ended (or panicked) is fused and says so in
/// `size_hint`; as a coroutine it may owe its `Complete(())` (recorded),
/// and after that its `resume` panics.
fn after_end<G: IterGen>(g: &mut G, steps: &mut Vec<String>, when: &str) {
    for _ in 0..3 {
        let again = g.next().map(|item| format!("{item:?}"));
        assert!(again.is_none(), "an item {when}: {again:?}");
    }
    assert_eq!(g.size_hint(), (0, Some(0)), "size_hint {when}");
    steps.push(format!("fused, hint {:?}", g.size_hint()));
    match catching(|| Pin::new(&mut *g).resume(())) {
        Ok(state) => steps.push(format!("then resumed: {state:?}")),
        Err(msg) => steps.push(format!("then resumed: panic: {msg}")),
    }
    let resumed = catching(|| Pin::new(&mut *g).resume(()));
    expect_completed(
        resumed,
        &format!("resuming a finished generator {when}, twice"),
    );
    assert!(g.next().is_none(), "an item {when}, resumed");
}

/// Runs `make`'s generator through every scenario. `reference` gives the
/// points of the `k` scenarios (from its item count); `None` makes this the
/// reference.
pub(crate) fn record_iter<G: IterGen>(
    make: &dyn Fn(&Log) -> G,
    reference: Option<&IterRecord>,
) -> IterRecord {
    // Iterated to the end.
    let log = Log::new();
    let mut g = make(&log);
    log.push("(made)");
    let mut steps = Vec::new();
    let mut items = Vec::new();
    drive_iter(&mut g, &log, &mut steps, &mut items, usize::MAX);
    log.push("(generator dropped)");
    dispose(&mut steps, "the generator", g);
    let full = Run {
        steps,
        log: log.finish("the full run"),
    };

    // Resumed as a coroutine: `Yielded` for each item (and a `Result`
    // error), `Complete(())`, then a panic.
    let log = Log::new();
    let mut g = make(&log);
    log.push("(made)");
    let mut steps = Vec::new();
    for _ in 0..=LIMIT {
        log.push("(resume)");
        match catching(|| Pin::new(&mut g).resume(())) {
            Ok(CoroutineState::Yielded(item)) => {
                steps.push(format!("yielded {item:?}"));
                dispose(&mut steps, "an item", item);
            }
            Ok(CoroutineState::Complete(())) => {
                steps.push("complete".to_owned());
                let again = catching(|| Pin::new(&mut g).resume(()));
                expect_completed(again, "resumed after `Complete`");
                assert!(g.next().is_none(), "an item after `Complete`");
                break;
            }
            Err(msg) => {
                steps.push(format!("panic: {msg}"));
                after_end(&mut g, &mut steps, "after a panic");
                break;
            }
        }
    }
    dispose(&mut steps, "the generator", g);
    let trace = Run {
        steps,
        log: log.finish("the coroutine trace"),
    };

    // Dropped after `k` items.
    let n = reference.map_or(items.len(), |r| r.items.len());
    let drops = points(n)
        .into_iter()
        .map(|k| {
            let log = Log::new();
            let mut g = make(&log);
            log.push("(made)");
            let mut steps = Vec::new();
            drive_iter(&mut g, &log, &mut steps, &mut Vec::new(), k);
            log.push(format!("(generator dropped after {k} items)"));
            dispose(&mut steps, "the generator", g);
            Run {
                steps,
                log: log.finish(&format!("dropped after {k} items")),
            }
        })
        .collect();
    IterRecord {
        full,
        items,
        trace,
        drops,
    }
}

/// The injected copy of a body, run once without a panic and once with a
/// panic after resuming each yield in turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PanicRecord {
    /// How many yields were resumed in the run without a panic.
    pub(crate) hooks: usize,
    /// That run.
    pub(crate) unpanicked: Run,
    /// The run with a panic after resuming yield `k`, for `k` in `points(hooks)`.
    pub(crate) panics: Vec<Run>,
}

/// Checks one injected run: it panicked exactly at yield `k` (or, for `k`
/// at or past the last, not at all).
fn check_injected(steps: &[String], k: usize, hooks: usize) {
    let expected = format!("panic: {INJECTED} {k}");
    let panicked = steps.contains(&expected);
    if k < hooks {
        assert!(panicked, "no injected panic at yield {k}: {steps:#?}");
    } else {
        assert!(
            !steps.iter().any(|s| s.contains(INJECTED)),
            "an injected panic past the last yield: {steps:#?}"
        );
    }
}

pub(crate) fn record_panics_iter<G: IterGen>(
    make: &dyn Fn(&Log) -> G,
    reference: Option<&PanicRecord>,
) -> PanicRecord {
    let run = |k: Option<usize>| {
        let log = Log::new();
        let mut steps = Vec::new();
        let inject = Injecting::at(k);
        let mut g = make(&log);
        log.push("(made)");
        drive_iter(&mut g, &log, &mut steps, &mut Vec::new(), usize::MAX);
        let hooks = hooks();
        drop(inject);
        log.push("(generator dropped)");
        dispose(&mut steps, "the generator", g);
        let what = format!("panic at yield {k:?}");
        let run = Run {
            steps,
            log: log.finish(&what),
        };
        (run, hooks)
    };
    let (unpanicked, hooks) = run(None);
    let n = reference.map_or(hooks, |r| r.hooks);
    let panics = points(n)
        .into_iter()
        .map(|k| {
            let (run, seen) = run(Some(k));
            check_injected(&run.steps, k, n);
            if k < n {
                assert_eq!(seen, k + 1, "resumes counted up to the panic at {k}");
            }
            run
        })
        .collect();
    PanicRecord {
        hooks,
        unpanicked,
        panics,
    }
}

/// A clone taken after `k` items, for each `k`, runs on by itself: it and
/// the original give the reference's items from `k` on.
pub(crate) fn check_clones_iter<G: IterGen + Clone>(
    ctx: &Ctx,
    copy: &str,
    make: &dyn Fn(&Log) -> G,
    reference: &IterRecord,
) {
    for k in points(reference.items.len()) {
        let log = Log::new();
        let mut g = make(&log);
        log.push("(made)");
        let mut before = Vec::new();
        drive_iter(&mut g, &log, &mut Vec::new(), &mut before, k);
        let mut copy_of = g.clone();
        let (mut rest, mut rest_of_copy) = (Vec::new(), Vec::new());
        // The clone first, then the original: the clone is independent.
        // (An endless generator: as far as the reference went.)
        drive_iter(
            &mut copy_of,
            &log,
            &mut Vec::new(),
            &mut rest_of_copy,
            LIMIT - k,
        );
        drive_iter(&mut g, &log, &mut Vec::new(), &mut rest, LIMIT - k);
        let expected: Vec<String> = reference.items.iter().skip(k).cloned().collect();
        let what = format!("the items after a clone at {k}");
        ctx.same(copy, &format!("{what} (the original)"), &expected, &rest);
        ctx.same(
            copy,
            &format!("{what} (the clone)"),
            &expected,
            &rest_of_copy,
        );
        drop((g, copy_of));
        log.finish(&format!("clone at {k}"));
    }
}

// ---------------------------------------------------------------------------
// Coroutines
// ---------------------------------------------------------------------------

/// What a coroutine under test is.
pub(crate) trait CoGen<R>: Coroutine<R, Yield: Debug, Return: Debug> + Unpin {}

impl<R, G: Coroutine<R, Yield: Debug, Return: Debug> + Unpin> CoGen<R> for G {}

/// Makes a copy of a coroutine: from the log and the first resume argument
/// (which the `#[generator]` form of a `coroutine!` body takes as a
/// parameter).
pub(crate) type MakeCo<'a, R, G> = &'a dyn Fn(&Log, Option<&R>) -> G;

/// Makes the resume arguments of one run.
pub(crate) type Resumes<'a, R> = &'a dyn Fn(&Log) -> Vec<R>;

/// Everything recorded of one copy of a coroutine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoRecord {
    /// Resumed with the arguments in turn until it completes.
    pub(crate) full: Run,
    /// The states of the full run, as `Debug` strings.
    pub(crate) states: Vec<String>,
    /// Dropped after `k` resumes, for each of `points(states)`.
    pub(crate) drops: Vec<Run>,
}

/// Resumes with `args` until the end, a panic, or `max` resumes. Returns
/// whether it ended.
fn drive_co<R, G: CoGen<R>>(
    g: &mut G,
    log: &Log,
    args: impl IntoIterator<Item = R>,
    extra: impl FnOnce() -> Option<R>,
    steps: &mut Vec<String>,
    states: &mut Vec<String>,
    max: usize,
) -> bool {
    let mut args = args.into_iter();
    let ended = loop {
        if states.len() >= max {
            return false;
        }
        let Some(arg) = args.next() else {
            steps.push("out of resume arguments".to_owned());
            return false;
        };
        log.push("(resume)");
        match catching(|| Pin::new(&mut *g).resume(arg)) {
            Ok(CoroutineState::Yielded(y)) => {
                let shown = format!("yielded {y:?}");
                steps.push(shown.clone());
                states.push(shown);
                dispose(steps, "a yielded value", y);
            }
            Ok(CoroutineState::Complete(r)) => {
                let shown = format!("complete {r:?}");
                steps.push(shown.clone());
                states.push(shown);
                dispose(steps, "the return value", r);
                break "after `Complete`";
            }
            Err(msg) => {
                let shown = format!("panic: {msg}");
                steps.push(shown.clone());
                states.push(shown);
                break "after a panic";
            }
        }
    };
    // Finished: resuming again panics.
    if let Some(arg) = args.next().or_else(extra) {
        let again = catching(|| Pin::new(&mut *g).resume(arg));
        expect_completed(again, &format!("resumed {ended}"));
        steps.push("resumed again: panics".to_owned());
    }
    true
}

pub(crate) fn record_co<R, G: CoGen<R>>(
    make: MakeCo<'_, R, G>,
    resumes: Resumes<'_, R>,
    reference: Option<&CoRecord>,
) -> CoRecord {
    let log = Log::new();
    let args = resumes(&log);
    let mut g = make(&log, args.first());
    log.push("(made)");
    let mut steps = Vec::new();
    let mut states = Vec::new();
    let extra = || resumes(&log).into_iter().next();
    drive_co(
        &mut g,
        &log,
        args,
        extra,
        &mut steps,
        &mut states,
        usize::MAX,
    );
    log.push("(coroutine dropped)");
    dispose(&mut steps, "the coroutine", g);
    let full = Run {
        steps,
        log: log.finish("the full run"),
    };
    let n = reference.map_or(states.len(), |r| r.states.len());
    let drops = points(n)
        .into_iter()
        .map(|k| {
            let log = Log::new();
            let args = resumes(&log);
            let mut g = make(&log, args.first());
            log.push("(made)");
            let mut steps = Vec::new();
            let extra = || resumes(&log).into_iter().next();
            drive_co(&mut g, &log, args, extra, &mut steps, &mut Vec::new(), k);
            log.push(format!("(coroutine dropped after {k} resumes)"));
            dispose(&mut steps, "the coroutine", g);
            Run {
                steps,
                log: log.finish(&format!("dropped after {k} resumes")),
            }
        })
        .collect();
    CoRecord {
        full,
        states,
        drops,
    }
}

pub(crate) fn record_panics_co<R, G: CoGen<R>>(
    make: MakeCo<'_, R, G>,
    resumes: Resumes<'_, R>,
    reference: Option<&PanicRecord>,
) -> PanicRecord {
    let run = |k: Option<usize>| {
        let log = Log::new();
        let mut steps = Vec::new();
        let args = resumes(&log);
        let inject = Injecting::at(k);
        let mut g = make(&log, args.first());
        log.push("(made)");
        let extra = || resumes(&log).into_iter().next();
        drive_co(
            &mut g,
            &log,
            args,
            extra,
            &mut steps,
            &mut Vec::new(),
            usize::MAX,
        );
        let hooks = hooks();
        drop(inject);
        log.push("(coroutine dropped)");
        dispose(&mut steps, "the coroutine", g);
        let what = format!("panic at yield {k:?}");
        let run = Run {
            steps,
            log: log.finish(&what),
        };
        (run, hooks)
    };
    let (unpanicked, hooks) = run(None);
    let n = reference.map_or(hooks, |r| r.hooks);
    let panics = points(n)
        .into_iter()
        .map(|k| {
            let (run, seen) = run(Some(k));
            check_injected(&run.steps, k, n);
            if k < n {
                assert_eq!(seen, k + 1, "resumes counted up to the panic at {k}");
                assert!(
                    run.steps.iter().any(|s| s == "resumed again: panics"),
                    "a coroutine that panicked must panic when resumed again: {:#?}",
                    run.steps
                );
            }
            run
        })
        .collect();
    PanicRecord {
        hooks,
        unpanicked,
        panics,
    }
}

/// A clone taken after `k` resumes, for each `k`, runs on by itself: it and
/// the original, resumed with the remaining arguments, give the reference's
/// states from `k` on.
pub(crate) fn check_clones_co<R, G: CoGen<R> + Clone>(
    ctx: &Ctx,
    copy: &str,
    make: MakeCo<'_, R, G>,
    resumes: Resumes<'_, R>,
    reference: &CoRecord,
) {
    for k in points(reference.states.len()) {
        let log = Log::new();
        let args = resumes(&log);
        let mut g = make(&log, args.first());
        log.push("(made)");
        let mut before = Vec::new();
        let mut args = args.into_iter();
        let ended = drive_co(
            &mut g,
            &log,
            args.by_ref().take(k),
            || None,
            &mut Vec::new(),
            &mut before,
            k,
        );
        if before.len() < k {
            continue; // it ended before `k`
        }
        let mut copy_of = g.clone();
        if ended {
            // A clone of a finished coroutine is finished.
            for (which, c) in [("original", &mut g), ("clone", &mut copy_of)] {
                if let Some(arg) = resumes(&log).into_iter().next() {
                    let again = catching(|| Pin::new(&mut *c).resume(arg));
                    expect_completed(again, &format!("{copy}: the {which}, cloned when finished"));
                }
            }
            drop((g, copy_of));
            log.finish(&format!("clone at {k}"));
            continue;
        }
        let (mut rest, mut rest_of_copy) = (Vec::new(), Vec::new());
        let copy_args = resumes(&log).into_iter().skip(k);
        let none = || None;
        drive_co(
            &mut copy_of,
            &log,
            copy_args,
            none,
            &mut Vec::new(),
            &mut rest_of_copy,
            usize::MAX,
        );
        drive_co(
            &mut g,
            &log,
            args,
            none,
            &mut Vec::new(),
            &mut rest,
            usize::MAX,
        );
        let expected: Vec<String> = reference.states.iter().skip(k).cloned().collect();
        let what = format!("the states after a clone at {k}");
        ctx.same(copy, &format!("{what} (the original)"), &expected, &rest);
        ctx.same(
            copy,
            &format!("{what} (the clone)"),
            &expected,
            &rest_of_copy,
        );
        drop((g, copy_of));
        log.finish(&format!("clone at {k}"));
    }
}

// ---------------------------------------------------------------------------
// Comparing whole records
// ---------------------------------------------------------------------------

impl Ctx {
    /// Every scenario of an iterator, one at a time (for a readable report).
    #[track_caller]
    pub(crate) fn same_iter(&self, copy: &str, reference: &IterRecord, candidate: &IterRecord) {
        self.same(copy, "the full run", &reference.full, &candidate.full);
        self.same(
            copy,
            "the coroutine trace",
            &reference.trace,
            &candidate.trace,
        );
        self.same_each(
            copy,
            "dropped after k items",
            &reference.drops,
            &candidate.drops,
        );
    }

    /// Every scenario of a coroutine.
    #[track_caller]
    pub(crate) fn same_co(&self, copy: &str, reference: &CoRecord, candidate: &CoRecord) {
        self.same(copy, "the full run", &reference.full, &candidate.full);
        self.same_each(
            copy,
            "dropped after k resumes",
            &reference.drops,
            &candidate.drops,
        );
    }

    /// The runs of the injected copies.
    #[track_caller]
    pub(crate) fn same_panics(&self, copy: &str, reference: &PanicRecord, candidate: &PanicRecord) {
        self.same(
            copy,
            "the yields resumed",
            &reference.hooks,
            &candidate.hooks,
        );
        self.same(
            copy,
            "the run of the injected copy without a panic",
            &reference.unpanicked,
            &candidate.unpanicked,
        );
        self.same_each(
            copy,
            "a panic after resuming yield k",
            &reference.panics,
            &candidate.panics,
        );
    }

    #[track_caller]
    fn same_each(&self, copy: &str, what: &str, reference: &[Run], candidate: &[Run]) {
        self.same(
            copy,
            &format!("{what}: how many"),
            &reference.len(),
            &candidate.len(),
        );
        for (k, (r, c)) in reference.iter().zip(candidate).enumerate() {
            self.same(copy, &format!("{what}, run {k}"), r, c);
        }
    }
}

// ---------------------------------------------------------------------------
// For copies written by hand (methods, trait methods)
// ---------------------------------------------------------------------------

/// Every comparison of the `differential!` cases, for four copies of an
/// iterator body written by hand: the async engine's (plain and with hooks)
/// and another's. Returns the reference record (for the clone scenarios).
pub(crate) fn compare_iter<A: IterGen, B: IterGen, C: IterGen, D: IterGen>(
    ctx: &Ctx,
    copy: &str,
    fallback: &dyn Fn(&Log) -> A,
    fallback_injected: &dyn Fn(&Log) -> B,
    candidate: &dyn Fn(&Log) -> C,
    candidate_injected: &dyn Fn(&Log) -> D,
) -> IterRecord {
    let reference = record_iter(fallback, None);
    let panics = record_panics_iter(fallback_injected, None);
    ctx.same(
        "the async engine's copy with hooks",
        "the full run",
        &reference.full,
        &panics.unpanicked,
    );
    ctx.same_iter(copy, &reference, &record_iter(candidate, Some(&reference)));
    ctx.same_panics(
        copy,
        &panics,
        &record_panics_iter(candidate_injected, Some(&panics)),
    );
    reference
}

/// A `BoxIter` (or `LocalBoxIter`) is an `Iterator` only: this gives it the
/// coroutine face the harness also drives (its next item, `Complete(())` at
/// its end, then a panic), so that boxed copies compare through `next`.
pub(crate) struct AsCoroutine<I> {
    iter: I,
    completed: bool,
}

impl<I> AsCoroutine<I> {
    pub(crate) fn new(iter: I) -> Self {
        AsCoroutine {
            iter,
            completed: false,
        }
    }
}

impl<I: Iterator> Iterator for AsCoroutine<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        self.iter.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: Iterator + Unpin> Coroutine for AsCoroutine<I> {
    type Yield = I::Item;
    type Return = ();

    fn resume(self: Pin<&mut Self>, (): ()) -> CoroutineState<I::Item, ()> {
        let this = Pin::into_inner(self);
        assert!(!this.completed, "{COMPLETED}");
        if let Some(item) = this.iter.next() {
            CoroutineState::Yielded(item)
        } else {
            this.completed = true;
            CoroutineState::Complete(())
        }
    }
}
