//! Runs one contender of the `count` workload once, for callgrind:
//!
//! ```text
//! count_instructions CONTENDER N
//! count_instructions WORKLOAD/CONTENDER N   # count, filter_map, create, async_count
//! count_instructions tree/CONTENDER DEPTH
//! count_instructions tree/build-only DEPTH  # builds and drops the tree only
//! ```
//!
//! Contenders are named exactly as in the reports; quote the names with
//! spaces: `count_instructions 'filter_map/coro (opaque consumer)' 1000`.
//!
//! `report.py` (for `count`) and `instructions.py` (for every workload) run
//! it under `valgrind --tool=callgrind` for `N` and `2N`: the difference of
//! the two instruction counts, divided by `N`, is the instructions per item,
//! without the program's start-up and shut-down. `tree/build-only` gives
//! the part of a tree run that is not the walk. It prints the sum and the
//! number of heap allocations the run made.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use coro_benches::{async_count, count, create, filter_map, tree};

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments, so
// it upholds `System`'s contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names = || {
        count::CONTENDERS
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let [name, n] = args.as_slice() else {
        eprintln!(
            "usage: count_instructions CONTENDER N\ncontenders: {}",
            names()
        );
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<u64>() else {
        eprintln!("N must be a number, not {n:?}");
        return ExitCode::FAILURE;
    };
    // `WORKLOAD/CONTENDER` picks the workload (`count` without one; for
    // looking into one by hand, and for `instructions.py`; `report.py`
    // counts `count` only).
    if let Some(name) = name.strip_prefix("tree/") {
        // `tree/CONTENDER DEPTH`: one walk of a perfect tree of that depth.
        let build_only: tree::Walk = |_| 0;
        let walk = if name == "build-only" {
            build_only
        } else if let Some((_, walk)) = tree::CONTENDERS.iter().find(|(c, _)| *c == name) {
            *walk
        } else {
            let names: Vec<_> = tree::CONTENDERS.iter().map(|(c, _)| *c).collect();
            eprintln!(
                "no tree contender {name:?}; contenders: {}, build-only",
                names.join(", ")
            );
            return ExitCode::FAILURE;
        };
        let Ok(depth) = u32::try_from(n) else {
            eprintln!("the depth is too large");
            return ExitCode::FAILURE;
        };
        let root = tree::perfect(depth);
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let sum = walk(black_box(&root));
        let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
        println!("sum {sum} allocations {allocations}");
        return ExitCode::SUCCESS;
    }
    let (contenders, name) = match name.split_once('/') {
        None => (count::CONTENDERS, name.as_str()),
        Some(("count", name)) => (count::CONTENDERS, name),
        Some(("filter_map", name)) => (filter_map::CONTENDERS, name),
        Some(("create", name)) => (create::CONTENDERS, name),
        Some(("async_count", name)) => (async_count::CONTENDERS, name),
        Some((workload, _)) => {
            eprintln!(
                "no workload {workload:?}; workloads: count, filter_map, create, async_count"
            );
            return ExitCode::FAILURE;
        }
    };
    let Some((_, run)) = contenders.iter().find(|(c, _)| *c == name) else {
        let names: Vec<_> = contenders.iter().map(|(c, _)| *c).collect();
        eprintln!("no contender {name:?}; contenders: {}", names.join(", "));
        return ExitCode::FAILURE;
    };
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let sum = run(black_box(n));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!("sum {sum} allocations {allocations}");
    ExitCode::SUCCESS
}
