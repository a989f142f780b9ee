//! Allocations, counted by a global allocator: none per `yield_!` in any
//! kind of generator or in `yield_from!` delegation, at most one per
//! generator on the default (boxed) path, and none at all on the
//! allocation-free path (`#[generator(unboxed)]`, pinned on the stack).
//!
//! The allocator counts per thread, so the tests of this file can run in
//! parallel, and the test harness's own allocations on its threads do not
//! count.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use common::PendingOnce;
use coro::{Coroutine, CoroutineState, Stream, Yields, generator, yield_, yield_from};

/// The system allocator, counting the allocations each thread makes.
struct Counting;

thread_local! {
    /// Allocations made by this thread. `const` and without a destructor,
    /// so reading it allocates nothing.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: a thread being torn down has no thread-locals left.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every method forwards to `System` with the caller's arguments, so
// it upholds `System`'s contract; the counting allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's guarantees, forwarded.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's guarantees, forwarded.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's guarantees, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: the caller's guarantees, forwarded.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns its value and the allocations this thread made in it.
fn allocations<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (value, ALLOCATIONS.with(Cell::get) - before)
}

/// How many items each generator yields: enough that one allocation per
/// item could not hide.
const ITEMS: u64 = 1000;
const SUM: u64 = ITEMS * (ITEMS - 1) / 2;

/// Polls a stream to its end with a no-op waker, summing its items.
fn poll_sum<S: Stream<Item = u64> + ?Sized>(mut stream: Pin<&mut S>) -> u64 {
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0;
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => sum += item,
            Poll::Ready(None) => return sum,
            Poll::Pending => {}
        }
    }
}

#[generator]
fn count(n: u64) -> impl Iterator<Item = u64> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator]
async fn ticks(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        PendingOnce::default().await;
        yield_!(i);
    }
}

#[generator(first = _)]
fn running_sum() -> impl Coroutine<u64, Yield = u64, Return = u64> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[generator(unboxed)]
fn count_unboxed(n: u64) -> impl Coroutine<Yield = u64, Return = u64> {
    for i in 0..n {
        yield_!(i);
    }
    n
}

#[generator(unboxed)]
async fn ticks_unboxed(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        PendingOnce::default().await;
        yield_!(i);
    }
}

#[test]
fn the_counter_counts() {
    let (boxed, total) = allocations(|| std::hint::black_box(Box::new(1_u64)));
    assert_eq!((*boxed, total), (1, 1));
    assert_eq!(allocations(|| 1 + 1), (2, 0));
}

#[test]
fn sync_generators_allocate_once_and_never_per_yield() {
    let (mut g, created) = allocations(|| count(ITEMS));
    assert!(
        created <= 1,
        "creating a generator allocated {created} times"
    );
    let (sum, iterated) = allocations(|| g.by_ref().sum::<u64>());
    assert_eq!(sum, SUM);
    assert_eq!(iterated, 0, "{ITEMS} yields allocated");
    assert_eq!(allocations(|| g.next()), (None, 0));

    // Creating and running to the end, as a whole.
    let (sum, total) = allocations(|| count(ITEMS).sum::<u64>());
    assert_eq!(sum, SUM);
    assert!(
        total <= 1,
        "a generator of {ITEMS} items allocated {total} times"
    );

    // Many generators: at most one allocation each.
    let (sum, total) = allocations(|| (0..100).map(|_| count(3).sum::<u64>()).sum::<u64>());
    assert_eq!(sum, 300);
    assert!(total <= 100, "100 generators allocated {total} times");

    // Dropping a generator part-way allocates nothing either.
    let mut g = count(ITEMS);
    assert_eq!(g.next(), Some(0));
    assert_eq!(allocations(|| drop(g)), ((), 0));
}

#[test]
fn async_generators_allocate_once_and_never_per_yield() {
    let (mut s, created) = allocations(|| ticks(ITEMS));
    assert!(created <= 1, "creating a stream allocated {created} times");
    let (sum, polled) = allocations(|| poll_sum(Pin::new(&mut s)));
    assert_eq!(sum, SUM);
    assert_eq!(polled, 0, "{ITEMS} yields and awaits allocated");

    let (sum, total) = allocations(|| poll_sum(Pin::new(&mut ticks(ITEMS))));
    assert_eq!(sum, SUM);
    assert!(
        total <= 1,
        "a stream of {ITEMS} items allocated {total} times"
    );
}

#[test]
fn async_generators_under_an_executor_allocate_nothing_per_yield() {
    use futures::StreamExt as _;
    let run = |n| futures::executor::block_on(ticks(n).fold(0, |a, b| async move { a + b }));
    // The executor's own allocations (its thread's notifier, made once)
    // and the stream's box are the same whatever the number of items.
    run(1);
    let (_, one) = allocations(|| run(1));
    let (sum, many) = allocations(|| run(ITEMS));
    assert_eq!(sum, SUM);
    assert_eq!(many, one, "{ITEMS} items allocated more than one item");
    assert!(one <= 1, "block_on over one stream allocated {one} times");
}

#[test]
fn coroutines_allocate_once_and_never_per_resume() {
    let (mut c, created) = allocations(running_sum);
    assert!(
        created <= 1,
        "creating a coroutine allocated {created} times"
    );
    let mut c = Pin::new(&mut c);
    let (last, resumed) = allocations(|| {
        let mut last = CoroutineState::Yielded(0);
        for x in 0..=ITEMS {
            last = c.as_mut().resume(x);
        }
        last
    });
    assert_eq!(last, CoroutineState::Yielded(ITEMS * (ITEMS + 1) / 2));
    assert_eq!(resumed, 0, "{ITEMS} resumes allocated");
    assert_eq!(
        allocations(|| c.as_mut().resume(0)),
        (CoroutineState::Complete(ITEMS * (ITEMS + 1) / 2), 0)
    );
}

#[test]
fn yield_from_allocates_nothing_per_item() {
    #[generator]
    fn framed(n: u64) -> impl Iterator<Item = u64> {
        yield_from!(0..n);
        yield_from!(count(n));
    }
    let (mut g, created) = allocations(|| framed(ITEMS));
    assert!(created <= 1);
    // The first `ITEMS` come from a range: no allocation.
    let (sum, delegated) = allocations(|| (0..ITEMS).map(|_| g.next().unwrap_or(0)).sum::<u64>());
    assert_eq!((sum, delegated), (SUM, 0));
    // The first from `count` creates that generator (at most one
    // allocation); the others allocate nothing.
    let (first, inner_created) = allocations(|| g.next());
    assert_eq!(first, Some(0));
    assert!(inner_created <= 1);
    let (sum, delegated) = allocations(|| g.by_ref().sum::<u64>());
    assert_eq!((sum, delegated), (SUM, 0));

    // Whole runs: one allocation per generator, however deep the
    // delegation.
    let (sum, total) = allocations(|| framed(ITEMS).sum::<u64>());
    assert_eq!(sum, 2 * SUM);
    assert!(total <= 2, "two generators allocated {total} times");
}

thread_local! {
    /// Bodies of the recursive generators below started on this thread.
    static STARTED: Cell<u64> = const { Cell::new(0) };
}

fn started() -> u64 {
    STARTED.with(Cell::get)
}

/// The in-order walk of a perfect binary tree of `depth` levels whose nodes
/// are numbered `first..`, without a tree: one generator per node and one
/// per empty subtree, each counted in `STARTED` when its body starts.
#[generator]
fn walk(first: u64, depth: u32) -> impl Iterator<Item = u64> {
    STARTED.with(|n| n.set(n.get() + 1));
    if depth == 0 {
        return;
    }
    let half = (1 << (depth - 1)) - 1;
    yield_from!(walk(first, depth - 1));
    yield_!(first + half);
    yield_from!(walk(first + half + 1, depth - 1));
}

/// The same walk as a coroutine that returns the sum of its subtree, each
/// level receiving it from `yield_from!`.
#[generator]
fn walk_sum(first: u64, depth: u32) -> impl Coroutine<Yield = u64, Return = u64> {
    STARTED.with(|n| n.set(n.get() + 1));
    if depth == 0 {
        return 0;
    }
    let half = (1 << (depth - 1)) - 1;
    let left = yield_from!(walk_sum(first, depth - 1));
    yield_!(first + half);
    let right = yield_from!(walk_sum(first + half + 1, depth - 1));
    left + first + half + right
}

const DEPTH: u32 = 8;
const NODES: u64 = (1 << DEPTH) - 1;
/// A generator per node and one per empty subtree (one more than the nodes).
const WALKERS: u64 = 2 * NODES + 1;

#[test]
fn recursive_delegation_allocates_at_most_once_per_generator() {
    // Step by step: each `next` allocates at most once for each generator
    // it starts, and nothing for the delegation through up to `DEPTH`
    // levels.
    STARTED.with(|n| n.set(0));
    let (mut g, created) = allocations(|| walk(0, DEPTH));
    assert_eq!(started(), 0, "lazy");
    assert!(created <= 1, "creating the root allocated {created} times");
    let mut total = created;
    let mut expected = 0;
    loop {
        let before = started();
        let (item, step) = allocations(|| g.next());
        let new = started() - before;
        assert!(
            step <= new,
            "the step to {item:?} started {new} generators and allocated {step} times"
        );
        total += step;
        let Some(item) = item else { break };
        assert_eq!(item, expected, "in order");
        expected += 1;
    }
    assert_eq!(expected, NODES, "every node walked");
    assert_eq!(started(), WALKERS, "every generator started once");
    assert!(
        total <= WALKERS,
        "{WALKERS} generators allocated {total} times"
    );
    assert_eq!(allocations(|| g.next()), (None, 0), "fused, for free");
    drop(g);

    // As a whole, and as coroutines passing return values up.
    STARTED.with(|n| n.set(0));
    let ((sum, returned), total) = allocations(|| {
        let mut yields = Yields::new(walk_sum(0, DEPTH));
        let sum = yields.by_ref().sum::<u64>();
        (sum, yields.take_return_value())
    });
    let expected = NODES * (NODES - 1) / 2;
    assert_eq!((sum, returned), (expected, Some(expected)));
    assert_eq!(started(), WALKERS);
    assert!(
        total <= WALKERS,
        "{WALKERS} coroutines allocated {total} times"
    );
}

#[test]
fn async_yield_from_allocates_nothing_per_item() {
    #[generator]
    async fn framed(n: u64) -> impl Stream<Item = u64> {
        yield_from!(ticks(n));
        yield_!(n);
    }
    let mut s = framed(ITEMS);
    let mut s = Pin::new(&mut s);
    let mut cx = Context::from_waker(Waker::noop());
    // The first item creates the inner stream (at most one allocation).
    let (first, created) = allocations(|| {
        loop {
            if let Poll::Ready(item) = s.as_mut().poll_next(&mut cx) {
                break item;
            }
        }
    });
    assert_eq!(first, Some(0));
    assert!(created <= 1);
    let (sum, delegated) = allocations(|| poll_sum(s.as_mut()));
    assert_eq!((sum, delegated), (SUM + ITEMS, 0));
}

#[test]
fn the_allocation_free_path_allocates_nothing() {
    // A coroutine pinned on the stack, iterated with `Yields`.
    let ((sum, returned), total) = allocations(|| {
        let c = pin!(count_unboxed(ITEMS));
        let mut yields = Yields::new(c);
        let sum = yields.by_ref().sum::<u64>();
        (sum, yields.take_return_value())
    });
    assert_eq!((sum, returned), (SUM, Some(ITEMS)));
    assert_eq!(total, 0, "an unboxed coroutine allocated {total} times");

    // Many of them.
    let (sum, total) = allocations(|| {
        (0..100)
            .map(|_| Yields::new(pin!(count_unboxed(3))).sum::<u64>())
            .sum::<u64>()
    });
    assert_eq!((sum, total), (300, 0));

    // Resumed by hand.
    let (state, total) = allocations(|| {
        let mut c = pin!(count_unboxed(2));
        let _ = c.as_mut().resume(());
        let _ = c.as_mut().resume(());
        c.as_mut().resume(())
    });
    assert_eq!((state, total), (CoroutineState::Complete(2), 0));

    // An unboxed stream, awaiting as it goes, polled by hand.
    let (sum, total) = allocations(|| poll_sum(pin!(ticks_unboxed(ITEMS))));
    assert_eq!(sum, SUM);
    assert_eq!(total, 0, "an unboxed stream allocated {total} times");
}
