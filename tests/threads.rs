//! Generators are `Send` exactly when their state is, and `Sync` when it is:
//! they can move to another thread part-way through. Checked at compile time
//! for every form (iterators, streams, coroutines, boxed and unboxed), and
//! under load: thousands of generators and streams moved to other threads
//! and tasks mid-iteration, with exact totals and every value dropped once.

mod common;

use std::cell::Cell;
use std::pin::Pin;
use std::sync::mpsc;
use std::thread;

use common::{Log, Noisy};
use coro::{
    BoxCoroutine, Coroutine, CoroutineState, Stream, anext, coroutine, generator, iter, yield_,
    yield_from,
};

fn assert_send<T: Send>(t: T) -> T {
    t
}
fn assert_sync<T: Sync>(t: T) -> T {
    t
}

/// Whether the type of `$e` is `Sync`, as a `bool` decided at compile time
/// (autoref specialisation: the method found without an extra `&` exists
/// only for `Sync` types), so a test can assert that a type is *not* `Sync`.
macro_rules! is_sync {
    ($e:expr) => {{
        #[allow(unused_imports, reason = "only one of the two applies")]
        use sync_probe::{IfNotSync as _, IfSync as _};
        (&sync_probe::probe(&$e)).is_sync()
    }};
}

mod sync_probe {
    use std::marker::PhantomData;

    pub(crate) struct Probe<T: ?Sized>(PhantomData<T>);

    pub(crate) fn probe<T: ?Sized>(_: &T) -> Probe<T> {
        Probe(PhantomData)
    }

    pub(crate) trait IfSync {
        fn is_sync(&self) -> bool {
            true
        }
    }
    impl<T: Sync + ?Sized> IfSync for Probe<T> {}

    pub(crate) trait IfNotSync {
        fn is_sync(&self) -> bool {
            false
        }
    }
    impl<T: ?Sized> IfNotSync for &Probe<T> {}
}

#[test]
fn the_sync_probe_tells_sync_from_not_sync() {
    assert!(is_sync!(1_u8));
    assert!(is_sync!(vec![String::new()]));
    assert!(!is_sync!(Cell::new(1_u8)));
    assert!(!is_sync!(std::rc::Rc::new(1_u8)));
}

#[generator]
fn strings(words: Vec<String>) -> impl Iterator<Item = String> {
    for w in &words {
        yield_!(w.to_uppercase());
    }
}

#[test]
fn moves_to_another_thread_mid_iteration() {
    let mut g = assert_send(strings(vec!["a".into(), "b".into(), "c".into()]));
    assert_eq!(g.next().as_deref(), Some("A"));
    let rest = thread::spawn(move || g.collect::<Vec<_>>()).join().unwrap();
    assert_eq!(rest, ["B", "C"]);
}

#[test]
fn ping_pong_between_threads() {
    // The same generator, resumed alternately by two threads.
    let (to_worker, worker_rx) = mpsc::channel();
    let (to_main, main_rx) = mpsc::channel();
    let worker = thread::spawn(move || {
        let mut taken = Vec::new();
        while let Ok(mut g) = worker_rx.recv() {
            let g: &mut _ = &mut g;
            taken.push(Iterator::next(g));
            if to_main
                .send(std::mem::replace(g, strings(Vec::new())))
                .is_err()
            {
                break;
            }
        }
        taken
    });
    let mut g = strings((0..6).map(|i| i.to_string()).collect());
    let mut taken_by_main = Vec::new();
    for _ in 0..3 {
        taken_by_main.push(g.next());
        to_worker.send(g).unwrap();
        g = main_rx.recv().unwrap();
    }
    drop(to_worker);
    let taken_by_worker = worker.join().unwrap();
    assert_eq!(
        taken_by_main,
        [Some("0".into()), Some("2".into()), Some("4".into())]
    );
    assert_eq!(
        taken_by_worker,
        [Some("1".into()), Some("3".into()), Some("5".into())]
    );
}

#[test]
fn sync_when_the_state_is() {
    let g = assert_sync(strings(vec!["x".into()]));
    // `&g` can be shared; iterating needs `&mut`.
    thread::scope(|s| {
        s.spawn(|| format!("{:?}", &g.size_hint()));
    });
    let _ = assert_sync(iter! { yield_!(1u8) });
}

#[test]
fn not_sync_is_still_send() {
    // A `Cell` held across a yield: the state is `Send` but not `Sync`, and
    // so is the generator. `Send` is checked at compile time by
    // `assert_send`, not-`Sync` by the probe (and, as a compile error, by
    // `tests/ui/generator/cell_not_sync.rs`).
    #[generator]
    fn counter() -> impl Iterator<Item = u32> {
        let c = Cell::new(1);
        yield_!(c.get());
        c.set(2);
        yield_!(c.get());
    }
    // `iter!` in functions of their own: the probe reads auto traits
    // through an opaque type; on a closure's type in the body being
    // checked, rustc decides them only after the method is chosen.
    fn cell_across_a_yield() -> impl Iterator<Item = u32> {
        iter! {
            let c = Cell::new(1);
            yield_!(c.get());
            c.set(2);
            yield_!(c.get());
        }
    }
    fn cell_before_the_first_yield() -> impl Iterator<Item = u32> {
        iter! {
            // Scoped: a borrowed local stays in the state until its scope
            // ends, even when moved out (`drop(c)` would not do).
            let first = {
                let c = Cell::new(1);
                c.get()
            };
            yield_!(first);
            yield_!(first + 1);
        }
    }

    let g = assert_send(counter());
    assert!(!is_sync!(g), "a generator holding a `Cell` is not `Sync`");
    assert_eq!(
        thread::spawn(move || g.collect::<Vec<_>>()).join().unwrap(),
        [1, 2]
    );

    let g = assert_send(cell_across_a_yield());
    assert!(!is_sync!(g), "an `iter!` holding a `Cell` is not `Sync`");
    assert_eq!(
        thread::spawn(move || g.collect::<Vec<_>>()).join().unwrap(),
        [1, 2]
    );

    // The same body without a `Cell` across a yield is `Sync`.
    let g = cell_before_the_first_yield();
    assert!(
        is_sync!(g),
        "a `Cell` whose scope ends before the first yield"
    );
    assert_eq!(g.collect::<Vec<_>>(), [1, 2]);
}

#[test]
fn scoped_threads_may_borrow() {
    let data = vec![1u32, 2, 3];
    let g = iter! {
        for x in &data {
            yield_!(*x * 10);
        }
    };
    let total = thread::scope(|s| s.spawn(move || g.sum::<u32>()).join().unwrap());
    assert_eq!(total, 60);
}

// ---------------------------------------------------------------------------
// Coroutines and unboxed generators
// ---------------------------------------------------------------------------

fn assert_send_sync<T: Send + Sync>(t: T) -> T {
    t
}

/// Yields the length of each word and collects the replies it is sent.
#[generator(first = _)]
fn replies(words: Vec<String>) -> impl Coroutine<String, Yield = usize, Return = Vec<String>> {
    let mut got = Vec::new();
    for w in &words {
        got.push(yield_!(w.len()));
    }
    got
}

/// [`replies`], unboxed.
#[generator(unboxed, first = _)]
fn replies_unboxed(
    words: Vec<String>,
) -> impl Coroutine<String, Yield = usize, Return = Vec<String>> {
    let mut got = Vec::new();
    for w in &words {
        got.push(yield_!(w.len()));
    }
    got
}

/// A coroutine that delegates to [`replies`] between two yields of its own.
#[generator(first = _)]
fn delegating(words: Vec<String>) -> impl Coroutine<String, Yield = usize, Return = Vec<String>> {
    let before = yield_!(0);
    let mut got = yield_from!(replies(words));
    got.insert(0, before);
    got
}

/// The lengths of the words, with an `.await` before each.
#[generator(unboxed)]
async fn lengths_unboxed(words: Vec<String>) -> impl Stream<Item = usize> {
    for w in &words {
        std::future::ready(()).await;
        yield_!(w.len());
    }
}

fn words() -> Vec<String> {
    ["one", "three", "five"].map(String::from).to_vec()
}

/// Resumes `c` with "a", "b", … until it completes; its return value.
fn drive<C>(mut c: Pin<&mut C>, from: u8) -> (Vec<usize>, Vec<String>)
where
    C: Coroutine<String, Yield = usize, Return = Vec<String>> + ?Sized,
{
    let mut yielded = Vec::new();
    for letter in from.. {
        match c.as_mut().resume(char::from(b'a' + letter).to_string()) {
            CoroutineState::Yielded(n) => yielded.push(n),
            CoroutineState::Complete(got) => return (yielded, got),
        }
    }
    unreachable!("completes before the letters run out")
}

#[test]
fn coroutines_and_unboxed_forms_are_send_and_sync_when_their_state_is() {
    // Each is checked at compile time, then started here and finished on
    // another thread.
    let mut c = assert_send_sync(replies(words()));
    assert_eq!(
        Pin::new(&mut c).resume("-".into()),
        CoroutineState::Yielded(3)
    );
    let (yielded, got) = thread::spawn(move || drive(Pin::new(&mut c), 0))
        .join()
        .unwrap();
    assert_eq!(
        (yielded, got),
        (vec![5, 4], vec!["a".into(), "b".into(), "c".into()])
    );

    // Unboxed: pinned in a box the caller chose, moved with it.
    let mut c = Box::pin(assert_send_sync(replies_unboxed(words())));
    assert_eq!(c.as_mut().resume("-".into()), CoroutineState::Yielded(3));
    let (yielded, got) = thread::spawn(move || drive(c.as_mut(), 0)).join().unwrap();
    assert_eq!(
        (yielded, got),
        (vec![5, 4], vec!["a".into(), "b".into(), "c".into()])
    );

    // Suspended inside `yield_from!` when it moves.
    let mut c = assert_send_sync(delegating(words()));
    assert_eq!(
        Pin::new(&mut c).resume("-".into()),
        CoroutineState::Yielded(0)
    );
    assert_eq!(
        Pin::new(&mut c).resume("x".into()),
        CoroutineState::Yielded(3)
    );
    let (yielded, got) = thread::spawn(move || drive(Pin::new(&mut c), 0))
        .join()
        .unwrap();
    assert_eq!(
        (yielded, got),
        (
            vec![5, 4],
            vec!["x".into(), "a".into(), "b".into(), "c".into()]
        )
    );

    // The closure form, capturing a `Vec`.
    let captured = words();
    let mut c = assert_send_sync(coroutine!(|first: String| -> Vec<String> {
        let mut got = vec![first];
        for w in &captured {
            got.push(yield_!(w.len()));
        }
        got
    }));
    assert_eq!(
        Pin::new(&mut c).resume("-".into()),
        CoroutineState::Yielded(3)
    );
    let (yielded, got) = thread::spawn(move || drive(Pin::new(&mut c), 0))
        .join()
        .unwrap();
    assert_eq!(
        (yielded, got),
        (vec![5, 4], ["-", "a", "b", "c"].map(String::from).to_vec())
    );

    // The boxed `Send` form is `Send` (a `dyn` without `Sync` is not `Sync`).
    #[generator(first = _)]
    fn boxed(words: Vec<String>) -> BoxCoroutine<'static, usize, Vec<String>, String> {
        let mut got = Vec::new();
        for w in &words {
            got.push(yield_!(w.len()));
        }
        got
    }
    let mut c = boxed(words());
    assert_eq!(c.as_mut().resume("-".into()), CoroutineState::Yielded(3));
    let (yielded, _) = thread::spawn(move || drive(c.as_mut(), 0)).join().unwrap();
    assert_eq!(yielded, [5, 4]);

    // An unboxed stream, polled here and there.
    let mut s = Box::pin(assert_send_sync(lengths_unboxed(words())));
    let first = futures::executor::block_on(anext(&mut s));
    assert_eq!(first, Some(3));
    let rest = thread::spawn(move || {
        futures::executor::block_on(async {
            let mut rest = Vec::new();
            while let Some(n) = anext(&mut s).await {
                rest.push(n);
            }
            rest
        })
    })
    .join()
    .unwrap();
    assert_eq!(rest, [5, 4]);
}

#[test]
fn coroutines_and_unboxed_streams_holding_a_cell_are_send_not_sync() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    #[generator(first = _)]
    fn counter() -> impl Coroutine<u32, Yield = u32, Return = u32> {
        let c = Cell::new(1);
        let more = yield_!(c.get());
        c.set(c.get() + more);
        c.get()
    }
    #[generator(unboxed)]
    async fn counting() -> impl Stream<Item = u32> {
        let c = Cell::new(1);
        yield_!(c.get());
        c.set(2);
        yield_!(c.get());
    }
    let c = assert_send(counter());
    assert!(!is_sync!(c), "a coroutine holding a `Cell` is not `Sync`");
    let s = assert_send(counting());
    assert!(!is_sync!(s), "a stream holding a `Cell` is not `Sync`");
    let mut c = c;
    let done = thread::spawn(move || {
        let _ = Pin::new(&mut c).resume(0);
        Pin::new(&mut c).resume(41)
    })
    .join()
    .unwrap();
    assert_eq!(done, CoroutineState::Complete(42));
}

// ---------------------------------------------------------------------------
// Stress: thousands of generators moved mid-iteration
// ---------------------------------------------------------------------------

/// How many generators or streams a stress test makes.
const MANY: usize = 2_000;

/// Generator `id`'s length, and how many items its first owner takes
/// (from none to all, and past the end).
fn shape(id: usize) -> (usize, usize) {
    let len = id % 9;
    (len, id % (len + 2))
}

/// The value of item `j` of generator `id`.
fn value(id: usize, j: usize) -> u64 {
    (id * 31 + j * 7) as u64
}

/// The total of all values, the number of items, and the sorted names of
/// every value the stress tests make: a guard per generator and the items.
fn expected_accounts() -> (u64, usize, Vec<String>) {
    let (mut total, mut count, mut names) = (0, 0, Vec::new());
    for id in 0..MANY {
        names.push(format!("guard {id}"));
        for j in 0..shape(id).0 {
            total += value(id, j);
            count += 1;
            names.push(format!("{id}.{j}"));
        }
    }
    names.sort_unstable();
    (total, count, names)
}

/// Checks the totals taken and that every value was dropped exactly once.
#[track_caller]
fn assert_accounts(log: &Log, total: u64, count: usize) {
    let (expected_total, expected_count, expected_names) = expected_accounts();
    assert_eq!((total, count), (expected_total, expected_count));
    let mut dropped = log.dropped();
    dropped.sort_unstable();
    assert!(
        dropped == expected_names,
        "{} values dropped, {} expected; first difference: {:?}",
        dropped.len(),
        expected_names.len(),
        dropped
            .iter()
            .zip(&expected_names)
            .find(|(got, want)| got != want)
    );
}

/// A guard, then `len` items, each a value with a `Noisy`.
#[generator]
fn numbered(log: Log, id: usize, len: usize) -> impl Iterator<Item = (u64, Noisy)> {
    let guard = log.noisy(format!("guard {id}"));
    for j in 0..len {
        yield_!((value(id, j), log.noisy(format!("{id}.{j}"))));
    }
    drop(guard);
}

/// Finishes every generator it receives; the total and count it took.
fn finish_all<I: Iterator<Item = (u64, Noisy)>>(generators: mpsc::Receiver<I>) -> (u64, usize) {
    let (mut total, mut count) = (0, 0);
    for mut g in generators {
        for (value, item) in g.by_ref() {
            total += value;
            count += 1;
            drop(item);
        }
        assert!(g.next().is_none(), "fused");
    }
    (total, count)
}

#[test]
#[cfg_attr(
    miri,
    ignore = "a stress test: thousands of generators are too slow for an interpreter"
)]
fn thousands_of_generators_finished_by_two_worker_threads() {
    let log = Log::new();
    let (to_a, for_a) = mpsc::channel();
    let (to_b, for_b) = mpsc::channel();
    let a = thread::spawn(move || finish_all(for_a));
    let b = thread::spawn(move || finish_all(for_b));
    let (mut total, mut count) = (0, 0);
    for id in 0..MANY {
        let (len, k) = shape(id);
        let mut g = numbered(log.clone(), id, len);
        for (value, item) in g.by_ref().take(k) {
            total += value;
            count += 1;
            drop(item);
        }
        let to = if id % 2 == 0 { &to_a } else { &to_b };
        to.send(g).expect("the worker is running");
    }
    drop((to_a, to_b));
    for worker in [a, b] {
        let (t, c) = worker.join().expect("the worker finishes");
        total += t;
        count += c;
    }
    assert_accounts(&log, total, count);
}

/// [`numbered`] as a stream that lets its task be rescheduled before each
/// item.
#[generator]
async fn ticking(log: Log, id: usize, len: usize) -> impl Stream<Item = (u64, Noisy)> {
    let guard = log.noisy(format!("guard {id}"));
    for j in 0..len {
        tokio::task::yield_now().await;
        yield_!((value(id, j), log.noisy(format!("{id}.{j}"))));
    }
    drop(guard);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(miri, ignore = "a stress test on tokio: too slow for an interpreter")]
async fn thousands_of_streams_moved_between_tasks_mid_iteration() {
    let log = Log::new();
    let (to_finisher, mut received) = tokio::sync::mpsc::unbounded_channel();
    // One task starts every stream and takes part of it, while another
    // finishes the streams it is handed.
    let starter = tokio::spawn({
        let log = log.clone();
        async move {
            let (mut total, mut count) = (0, 0);
            for id in 0..MANY {
                let (len, k) = shape(id);
                let mut s = ticking(log.clone(), id, len);
                for _ in 0..k {
                    let Some((value, item)) = anext(&mut s).await else {
                        break;
                    };
                    total += value;
                    count += 1;
                    drop(item);
                }
                to_finisher.send(s).expect("the finisher is running");
            }
            (total, count)
        }
    });
    let finisher = tokio::spawn(async move {
        let (mut total, mut count) = (0, 0);
        while let Some(mut s) = received.recv().await {
            while let Some((value, item)) = anext(&mut s).await {
                total += value;
                count += 1;
                drop(item);
            }
            assert!(anext(&mut s).await.is_none(), "fused");
        }
        (total, count)
    });
    let (t1, c1) = starter.await.expect("the starter finishes");
    let (t2, c2) = finisher.await.expect("the finisher finishes");
    assert_accounts(&log, t1 + t2, c1 + c2);
}
