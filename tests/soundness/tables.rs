// The expected transcripts of the family (see `family` in `soundness.rs`):
// `>x` the consumer got item `x`, `~x` `x` was dropped, `!code` the consumer
// saw a panic (`code` in `soundness.rs` maps the messages), `|` the consumer
// dropped the generator; `polled:..`, `done:..`, `noop:..`, `thread:..`,
// `block_on:..`, `moved:..`, `inner:..`, `awaited:..` what the scenario saw,
// `forgot`/`undo` the `ManuallyDrop` and its undoing, `release` the future
// dropped by the scenario, `fire:busy`/`fire:empty` a drop attempted from
// inside the future, finding its cell borrowed (by the poll running it) or
// empty (taken out for the poll).
//
// Each table is shared by the kinds of one shape: a hidden `yield_from!` and
// the re-yield loop the fix expands it into, written by hand with the
// grabbed handle (`by_hand_iter!`, `by_hand_co!`, `by_hand_stream!`: each
// item re-yielded with `Co::yield_`, as `AsIterator::yield_from` does today).
// The tables were recorded from the by-hand kinds and reviewed; the hidden
// kinds must give the same transcripts once the fix is in.

/// Sync iterators (`iter!`), resumed with `()`.
mod iter {
    /// A `yield_!` in a user macro's `async` block.
    mod yield_in_async {
        shape! { run_iter; hidden = iter_yield_in_async;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 fire:busy >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 fire:empty >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 fire:busy >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 fire:empty >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                    polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
                }
            }
        }
    }
    /// The future of `Co::yield_item`, made with the grabbed handle.
    mod raw_item {
        shape! { run_iter; grabbed = iter_raw_item;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~h ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() moved:() >o1 ~o1 ~outer-local end |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() noop:Ready(()) release >o1 ~o1 ~outer-local end |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() block_on:() release >o1 ~o1 ~outer-local end |",
                }
                thread {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() thread:Ready(()) release >o1 ~o1 ~outer-local end |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() moved:() >o1 ~o1 ~outer-local end |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() noop:Ready(()) release >o1 ~o1 ~outer-local end |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                    polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() block_on:() release >o1 ~o1 ~outer-local end |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() thread:Ready(()) release >o1 ~o1 ~outer-local end |",
                }
            }
        }
    }
    /// The future of `Co::yield_`, made with the grabbed handle.
    mod raw_yield {
        shape! { run_iter; grabbed = iter_raw_yield;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~h ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !stranger |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !stranger |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !stranger |",
                }
                thread {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !stranger |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !awaited | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !would-hang | ~h",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:() ~outer-local !resumed-by-stranger |",
                }
            }
        }
    }
    /// `yield_from!` of a plain iterator in a user macro's `async` block, and the loop it becomes, by hand.
    mod iterable {
        shape! { run_iter; hidden = iter_iterable_hidden, by_hand = iter_iterable_by_hand;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !awaited | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
        }
    }
    /// `yield_from!` of a coroutine (a sync generator) in a user macro's `async` block, and the loop it becomes, by hand.
    mod coroutine {
        shape! { run_iter; hidden = iter_coroutine_hidden, by_hand = iter_coroutine_by_hand;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !awaited | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
        }
    }
}

/// Coroutines resumed with `1, 2, 3, ..`.
mod co {
    /// A `yield_!` in a user macro's `async` block.
    mod yield_in_async {
        shape! { run_coroutine; hidden = co_yield_in_async;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 fire:busy >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 fire:empty >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h h<-3 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h h<-3 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h h<-3 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h h<-3 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 fire:busy >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 fire:empty >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 fire:empty polled:Pending >h ~h h<-3 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 fire:empty >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !awaited | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h h<-3 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h h<-3 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h h<-3 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h h<-3 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !would-hang | ~h",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h h<-3 done:() ~outer-local !async-done |",
                }
            }
        }
    }
    /// The future of `Co::yield_`, made with the grabbed handle.
    mod raw_yield {
        shape! { run_coroutine; grabbed = co_raw_yield;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~h ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !stranger |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:3 release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h inner:3 release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:3 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h moved:3 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !stranger |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !stranger |",
                }
                thread {
                    fresh: ">o0 ~o0 ~h ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !stranger | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !stranger |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 forgot undo ~outer-local !awaited |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !awaited | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >h ~h inner:3 release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h inner:3 release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                into_async {
                    fresh: ">o0 ~o0 >h ~h moved:3 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >h ~h moved:3 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                    polled: ">o0 ~o0 polled:Pending ~outer-local !would-hang | ~h",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >h ~h done:3 ~outer-local !resumed-by-stranger |",
                }
            }
        }
    }
    /// `yield_from!` of a plain iterator (resume arguments dropped).
    mod iterable {
        shape! { run_coroutine; hidden = co_iterable_hidden, by_hand = co_iterable_by_hand;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~c0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0 ~c0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !awaited | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
                }
            }
        }
    }
    /// `yield_from!(coroutine, 7)`, and the loop it becomes, by hand.
    mod coroutine_first {
        shape! { run_coroutine; hidden = co_first_hidden, by_hand = co_first_by_hand;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0<-7 ~c0<-7 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~c0<-7 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~c0<-7 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~c0<-7 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~c0<-7 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0<-7 ~c0<-7 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !awaited | ~c0<-7",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~child-local ~c0<-7 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0<-7 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0<-7",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0<-7",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~child-local ~c0<-7 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0<-7 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-7 ~c0<-7 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
            }
        }
    }
    /// `yield_from!(coroutine)`, started with `i64::default()`, and the loop it becomes, by hand.
    mod coroutine_default {
        shape! { run_coroutine; hidden = co_default_hidden, by_hand = co_default_by_hand;
            by_id {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0<-0 ~c0<-0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~c0<-0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 ~c0<-0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~c0<-0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 ~c0<-0 ~child-local ~outer-local !stranger |",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !stranger | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
            }
            by_address {
                forget {
                    fresh: ">o0 ~o0 forgot undo ~outer-local !awaited |",
                    polled: ">o0 ~o0 polled:Pending forgot >c0<-0 ~c0<-0 undo ~child-local >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() forgot undo ~outer-local !awaited |",
                }
                drop_inside {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 fire:busy >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                drop_taken {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 fire:empty >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_iter {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !awaited | ~c0<-0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_stream {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 inner:() release >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                into_async {
                    fresh: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 moved:() >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                noop_waker {
                    fresh: ">o0 ~o0 noop:Pending release ~child-local ~c0<-0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0<-0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                block_on {
                    fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0<-0",
                    polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0<-0",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
                thread {
                    fresh: ">o0 ~o0 thread:Pending release ~child-local ~c0<-0 >o1 ~o1 ~outer-local end |",
                    polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0<-0 >o1 ~o1 ~outer-local end |",
                    done: ">o0 ~o0 >c0<-0 ~c0<-0 >c1<-3 ~c1<-3 ~child-local returned:34 done:() ~outer-local !async-done |",
                }
            }
        }
    }
}

/// Async generators (`stream!`), polled with a no-op waker; always by address.
mod stream {
    /// A `yield_!` in a user macro's `async` block.
    mod yield_in_async {
        shape! { run_stream; hidden = stream_yield_in_async;
            {
            forget {
                fresh: ">o0 ~o0 forgot pending undo >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() forgot pending undo >o1 ~o1 ~outer-local end |",
            }
            drop_inside {
                fresh: ">o0 ~o0 fire:busy >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
            }
            drop_taken {
                fresh: ">o0 ~o0 fire:empty >h ~h awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 fire:empty polled:Pending awaited:Some(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 fire:empty >h ~h done:() ~outer-local !async-done |",
            }
            into_iter {
                fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            into_stream {
                fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            into_async {
                fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            noop_waker {
                fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            block_on {
                fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            thread {
                fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() ~outer-local !async-done |",
            }
            }
        }
    }
    /// The future of `Co::yield_item`, made with the grabbed handle.
    mod raw_item {
        shape! { run_stream; grabbed = stream_raw_item;
            {
            forget {
                fresh: ">o0 ~o0 forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending forgot >h ~h undo >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() forgot pending undo >o1 ~o1 ~outer-local end |",
            }
            into_iter {
                fresh: ">o0 ~o0 ~outer-local !awaited | ~h",
                polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
            }
            into_stream {
                fresh: ">o0 ~o0 >h ~h inner:() release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending inner:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() inner:() release >o1 ~o1 ~outer-local end |",
            }
            into_async {
                fresh: ">o0 ~o0 >h ~h moved:() >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending moved:() ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() moved:() >o1 ~o1 ~outer-local end |",
            }
            noop_waker {
                fresh: ">o0 ~o0 noop:Pending release ~h >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending noop:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() noop:Ready(()) release >o1 ~o1 ~outer-local end |",
            }
            block_on {
                fresh: ">o0 ~o0 ~outer-local !would-hang | ~h",
                polled: ">o0 ~o0 polled:Pending block_on:() release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() block_on:() release >o1 ~o1 ~outer-local end |",
            }
            thread {
                fresh: ">o0 ~o0 thread:Pending release ~h >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending thread:Ready(()) release ~h >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 >h ~h done:() thread:Ready(()) release >o1 ~o1 ~outer-local end |",
            }
            }
        }
    }
    /// `yield_from!` of a stream in a user macro's `async` block, and the loop it is, by hand.
    mod delegated_stream {
        shape! { run_stream; hidden = stream_stream_hidden, by_hand = stream_stream_by_hand;
            {
            forget {
                fresh: ">o0 ~o0 forgot pending undo >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending forgot pending undo ~child-local >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() forgot pending undo >o1 ~o1 ~outer-local end |",
            }
            drop_inside {
                fresh: ">o0 ~o0 pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:busy >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            drop_taken {
                fresh: ">o0 ~o0 pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local awaited:Some(()) release >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 fire:empty >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            into_iter {
                fresh: ">o0 ~o0 ~child-local ~outer-local !awaited |",
                polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !awaited | ~c0",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            into_stream {
                fresh: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local inner:() release >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            into_async {
                fresh: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending >c0 ~c0 >c1 ~c1 ~child-local moved:() >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            noop_waker {
                fresh: ">o0 ~o0 noop:Pending release ~child-local >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending noop:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            block_on {
                fresh: ">o0 ~o0 ~child-local ~outer-local !would-hang | ~c0",
                polled: ">o0 ~o0 polled:Pending ~child-local ~outer-local !would-hang | ~c0",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            thread {
                fresh: ">o0 ~o0 thread:Pending release ~child-local >o1 ~o1 ~outer-local end |",
                polled: ">o0 ~o0 polled:Pending thread:Pending release ~child-local ~c0 >o1 ~o1 ~outer-local end |",
                done: ">o0 ~o0 pending >c0 ~c0 >c1 ~c1 ~child-local done:() ~outer-local !async-done |",
            }
            }
        }
    }
}

