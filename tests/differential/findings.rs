//! What differential testing found about the native engine, each as a
//! minimal body. None of them was a difference in behaviour: the engine
//! either rejected a body it could take (the default `#[generator]` then
//! used the async engine), or took a body and wrote code that did not
//! compile (so the default `#[generator]` rejected a valid body that
//! `#[generator(fallback)]` ran). All are fixed; each case now requires the
//! native engine (`#[generator(native)]`) and compares it with the async one.

use coro::yield_;

differential! {
    // 1. A name of the function anywhere in its body is taken for a call of
    //    itself ("`items` calls itself: its state would contain itself"): a
    //    label,...
    iter items(n: u32) -> (impl Iterator<Item = u32>)
        native []
        traits [Send, Sync]
    {
        'items: for i in 0..n {
            if i == 1 {
                continue 'items;
            }
            yield_!(i);
        }
    }
    calls(log) [(3)]

    // ...a local,...
    iter total(v: Vec<u32>) -> (impl Iterator<Item = u32>)
        native []
        traits [Send, Sync]
    {
        let mut total = 0;
        for x in v {
            total += x;
            yield_!(total);
        }
    }
    calls(log) [(vec![1, 2, 3])]

    // ...a method called on an argument.
    iter len(v: Vec<u32>) -> (impl Iterator<Item = usize>)
        native []
        traits [Send, Sync]
    {
        yield_!(v.len());
    }
    calls(log) [(vec![1, 2])]

    // 2. A local moved into a `yield_!` (or anywhere before it) on a path
    //    that then leaves by `return` is carried across that `yield_!` all
    //    the same, because it is used later on another path. The default
    //    `#[generator]` gives
    //
    //        error[E0382]: use of moved value: `s`
    //         --> let s = String::new();
    //                 ^ value used here after move
    //             if stop {
    //                 yield_!(s);
    //                         - value moved here
    //
    //    (and `#[generator(native)]` the same). Fixed: a yield followed by
    //    `return`, `break` or `continue` carries only what runs after it.
    iter moved_then_returned(stop: bool) -> (impl Iterator<Item = String>)
        native []
        traits [Send, Sync]
    {
        let s = String::new();
        if stop {
            yield_!(s);
            return;
        }
        yield_!(s);
    }
    calls(log) [(true), (false)]

    //    The same with `continue 'outer` (each pass declares a new `v`):
    //    "error[E0382]: use of moved value: `v`".
    iter moved_then_continued(n: u32) -> (impl Iterator<Item = Vec<u32>>)
        native []
        traits [Send, Sync]
    {
        'outer: for i in 0..n {
            let mut v = Vec::new();
            loop {
                v.push(i);
                if v.len() == 2 {
                    yield_!(v);
                    continue 'outer;
                }
            }
        }
    }
    calls(log) [(2), (0)]
}
