//! The panics of misuse, out of line so that the hot paths stay small.

#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn resumed_after_completion() -> ! {
    panic!("`Coroutine::resume` called after the coroutine already completed (or panicked)")
}

#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn awaited_in_sync_generator() -> ! {
    panic!(
        "a sync generator's body awaited a future that is not ready; \
         only `async` generators (`#[generator] async fn`, `stream!`) can await"
    )
}

#[cold]
#[inline(never)]
#[track_caller]
pub(super) fn polled_by_a_stranger() -> ! {
    panic!(
        "a `yield_!` was polled by something other than its own generator \
         (was its future, or the generator's handle, moved into another \
         generator or executor?)"
    )
}

#[cold]
#[inline(never)]
#[track_caller]
pub(super) fn resumed_without_argument() -> ! {
    panic!(
        "a `yield_!` was resumed by something other than its own generator \
         (was its future moved into another generator or executor?)"
    )
}

#[cold]
#[inline(never)]
pub(super) fn started_without_argument() -> ! {
    panic!("a coroutine was started without a resume argument (a `yield_from!` driven by hand?)")
}

#[cold]
#[inline(never)]
pub(super) fn delegation_polled_by_a_stranger() -> ! {
    panic!(
        "a `yield_from!` was resumed by something other than its own generator \
         (was its future moved into another generator or executor?)"
    )
}

#[cold]
#[inline(never)]
pub(super) fn only_a_fresh_generator_starts() -> ! {
    unreachable!("only a fresh generator starts")
}

#[cold]
#[inline(never)]
pub(super) fn polled_without_a_future() -> ! {
    unreachable!("a generator's body is polled only while it holds its future")
}

#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn aresumed_after_completion() -> ! {
    panic!("`aresume` called after the async coroutine already completed (or panicked)")
}
