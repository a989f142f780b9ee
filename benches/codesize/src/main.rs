//! Runs every generator once and prints the checksum, which is the same on
//! both engines, and how many allocations they made: none on the native
//! engine, one per generator on the async one, so the output also shows
//! which engine the build used.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to `System`, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let checksum = codesize::run();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!("checksum {checksum:#018x}, {allocations} allocations");
}
