//! Runs one contender of one workload once, for callgrind:
//!
//! ```text
//! count_instructions CONTENDER N                  # count
//! count_instructions WORKLOAD/CONTENDER N         # count, filter_map, create, async_count
//! count_instructions tokenizer/CONTENDER N        # a text of N tokens
//! count_instructions tree/CONTENDER DEPTH         # also stack_tree
//! count_instructions WORKLOAD/build-only N        # tokenizer, tree, stack_tree: the input only
//! count_instructions WORKLOAD/?  1                # lists the workload's contenders
//! count_instructions sizes                        # every contender's generator size
//! ```
//!
//! Contenders are named exactly as in the reports; quote the names with
//! spaces: `count_instructions 'filter_map/coro (opaque consumer)' 1000`.
//!
//! `instructions.py` (and `report.py`, through it) runs it under
//! `valgrind --tool=callgrind` for `N` and `2N` (depths `D` and `D + 1`):
//! the difference of the two instruction counts, divided by the difference
//! of the items, is the instructions per item, without the program's
//! start-up and shut-down. Where the input is built by the run (a text, a
//! tree), `WORKLOAD/build-only` builds and drops it without running a
//! contender, so that its cost can be subtracted. A run prints the sum and
//! the number of heap allocations (and bytes) the contender made.
//!
//! `sizes` prints, for every workload and contender, `size_of_val` of the
//! generator as made (not run) and the heap allocations and bytes making it
//! took: a tab-separated table, one line per contender.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use coro_benches::{Size, async_count, count, create, filter_map, stack_tree, tokenizer, tree};

/// The system allocator, counting allocations and the bytes asked for.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

fn counted(size: usize) {
    ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(size as u64, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments, so
// it upholds `System`'s contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        counted(layout.size());
        // SAFETY: forwarded as received.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        counted(new_size);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations and bytes `run` makes, and what it returns.
fn measured<T>(run: impl FnOnce() -> T) -> (T, u64, u64) {
    let (allocations, bytes) = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    let value = run();
    (
        value,
        ALLOCATIONS.load(Ordering::Relaxed) - allocations,
        BYTES.load(Ordering::Relaxed) - bytes,
    )
}

/// The workloads and their contenders' sizes, in report order.
const WORKLOADS: &[(&str, &[Size])] = &[
    ("count", count::SIZES),
    ("filter_map", filter_map::SIZES),
    ("tokenizer", tokenizer::SIZES),
    ("tree", tree::SIZES),
    ("stack_tree", stack_tree::SIZES),
    ("create", create::SIZES),
    ("async_count", async_count::SIZES),
];

fn sizes() {
    println!("workload\tcontender\tvalue bytes\theap allocations\theap bytes");
    for (workload, sizes) in WORKLOADS {
        for (name, size) in *sizes {
            let (value, allocations, bytes) = measured(size);
            println!("{workload}\t{name}\t{value}\t{allocations}\t{bytes}");
        }
    }
}

/// Finds `name` among `contenders`, or says which there are.
fn find<T: Copy>(workload: &str, contenders: &[(&str, T)], name: &str) -> Result<T, ExitCode> {
    if let Some((_, run)) = contenders.iter().find(|(c, _)| *c == name) {
        return Ok(*run);
    }
    let names: Vec<_> = contenders.iter().map(|(c, _)| *c).collect();
    let build_only = matches!(workload, "tokenizer" | "tree" | "stack_tree");
    eprintln!(
        "no {workload} contender {name:?}; contenders: {}{}",
        names.join(", "),
        if build_only { ", build-only" } else { "" }
    );
    Err(ExitCode::FAILURE)
}

/// Prints what a run of a contender summed and allocated.
fn report((sum, allocations, bytes): (u64, u64, u64)) -> ExitCode {
    println!("sum {sum} allocations {allocations} bytes {bytes}");
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command] = args.as_slice()
        && command == "sizes"
    {
        sizes();
        return ExitCode::SUCCESS;
    }
    let [name, n] = args.as_slice() else {
        let names: Vec<_> = count::CONTENDERS.iter().map(|(c, _)| *c).collect();
        eprintln!(
            "usage: count_instructions [WORKLOAD/]CONTENDER N, or count_instructions sizes\n\
             workloads: count, filter_map, tokenizer, tree, stack_tree, create, async_count\n\
             contenders: {}",
            names.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<u64>() else {
        eprintln!("N must be a number, not {n:?}");
        return ExitCode::FAILURE;
    };
    let (workload, name) = name.split_once('/').unwrap_or(("count", name));
    let build_only = name == "build-only";
    let outcome = match workload {
        "count" | "filter_map" | "create" | "async_count" => {
            let contenders = match workload {
                "count" => count::CONTENDERS,
                "filter_map" => filter_map::CONTENDERS,
                "create" => create::CONTENDERS,
                _ => async_count::CONTENDERS,
            };
            find(workload, contenders, name).map(|run| measured(|| run(black_box(n))))
        }
        "tokenizer" => {
            let run = if build_only {
                Ok((|_| 0) as tokenizer::Tokenize)
            } else {
                find(workload, tokenizer::CONTENDERS, name)
            };
            run.map(|run| {
                let text = tokenizer::text(n);
                measured(|| run(black_box(&text)))
            })
        }
        "tree" | "stack_tree" => {
            let contenders = if workload == "tree" {
                tree::CONTENDERS
            } else {
                stack_tree::CONTENDERS
            };
            let run = if build_only {
                Ok((|_| 0) as tree::Walk)
            } else {
                find(workload, contenders, name)
            };
            let Ok(depth) = u32::try_from(n) else {
                eprintln!("the depth is too large");
                return ExitCode::FAILURE;
            };
            run.map(|walk| {
                let root = tree::perfect(depth);
                measured(|| walk(black_box(&root)))
            })
        }
        _ => {
            eprintln!(
                "no workload {workload:?}; workloads: count, filter_map, tokenizer, tree, \
                 stack_tree, create, async_count"
            );
            Err(ExitCode::FAILURE)
        }
    };
    match outcome {
        Ok(outcome) => report(outcome),
        Err(code) => code,
    }
}
