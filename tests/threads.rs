//! Generators are `Send` exactly when their state is, and `Sync` when it is:
//! they can move to another thread part-way through.

use std::cell::Cell;
use std::sync::mpsc;
use std::thread;

use coro::{generator, iter, yield_};

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
