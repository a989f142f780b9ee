//! The sync bodies of `tests/boxed.rs`: generators returning `BoxIter`,
//! `LocalBoxIter`, `BoxCoroutine` and `LocalBoxCoroutine`. The boxed
//! iterators are `Iterator`s only: their copies are written by `copies!` and
//! compared through `harness::AsCoroutine`. The boxed coroutines are
//! `differential!` cases.

use std::rc::Rc;

use coro::{BoxCoroutine, BoxIter, LocalBoxCoroutine, LocalBoxIter, yield_, yield_from};

use crate::harness::{AsCoroutine, Log, Noisy};

#[derive(Debug)]
pub(crate) struct Node {
    value: u32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn perfect(depth: u32, first: u32) -> Option<Box<Node>> {
    (depth > 0).then(|| {
        let half = (1 << (depth - 1)) - 1;
        Box::new(Node {
            value: first + half,
            left: perfect(depth - 1, first),
            right: perfect(depth - 1, first + half + 1),
        })
    })
}

// The `coro::generator` copies are on the default engine, which is the
// async one for them (a boxed type hides which): `(1..=from).rev()`,
// `text.split(' ')` and `values.iter()` may borrow a local, and
// `yield_from!`.
copies!(coro::generator, [ticks_native ticks_fallback ticks_native_injected ticks_fallback_injected] []
    (from: u32) -> (BoxIter<'static, u32>)
{
    for n in (1..=from).rev() {
        yield_!(n);
    }
});
compare_fns!(ticks [ticks_native ticks_fallback ticks_native_injected ticks_fallback_injected]
    wrap AsCoroutine::new, calls(log) [(3), (0)]);

// Native, by index over the bytes of an owned `String`.
copies!(coro::generator(native), [words_native words_fallback words_native_injected words_fallback_injected] []
    (text: String) -> (BoxIter<'static, String>)
{
    let bytes = text.into_bytes();
    let mut word = String::new();
    for i in 0..bytes.len() {
        if bytes[i] == b' ' {
            yield_!(word.clone());
            word.clear();
        } else {
            word.push(char::from(bytes[i]));
        }
    }
    yield_!(word);
});
compare_fns!(words_by_index [words_native words_fallback words_native_injected words_fallback_injected]
    wrap AsCoroutine::new, calls(log) [("one two three".to_owned()), (String::new())]);

// As `tests/boxed.rs` writes it.
copies!(coro::generator, [split_native split_fallback split_native_injected split_fallback_injected] []
    (text: String) -> (BoxIter<'static, String>)
{
    for word in text.split(' ') {
        yield_!(word.to_owned());
    }
});
compare_fns!(words [split_native split_fallback split_native_injected split_fallback_injected]
    wrap AsCoroutine::new, calls(log) [("one two three".to_owned())]);

pub(crate) struct Lines(Vec<&'static str>);

impl Lines {
    copies!(coro::generator(native), [numbers_native numbers_fallback numbers_native_injected numbers_fallback_injected] []
        (&self) -> (BoxIter<'_, Result<u32, std::num::ParseIntError>>)
    {
        for line in &self.0 {
            yield_!(Ok(line.trim().parse()?));
        }
    });
}

static LINES: Lines = Lines(vec![]);

fn lines() -> &'static Lines {
    Box::leak(Box::new(Lines(vec!["1", " 2 ", "x", "4"])))
}

#[test]
fn a_method_with_fallible_items() {
    crate::harness::quiet();
    for lines in [lines(), &LINES] {
        let ctx = crate::harness::Ctx::new(module_path!(), "Lines::numbers");
        crate::harness::compare_iter(
            &ctx,
            "the native engine",
            &|_: &Log| AsCoroutine::new(lines.numbers_fallback()),
            &|_: &Log| AsCoroutine::new(lines.numbers_fallback_injected()),
            &|_: &Log| AsCoroutine::new(lines.numbers_native()),
            &|_: &Log| AsCoroutine::new(lines.numbers_native_injected()),
        );
    }
}

copies!(coro::generator, [shared_native shared_fallback shared_native_injected shared_fallback_injected] []
    (values: Rc<Vec<u32>>) -> (LocalBoxIter<'static, u32>)
{
    for v in values.iter() {
        yield_!(*v);
    }
});
compare_fns!(shared [shared_native shared_fallback shared_native_injected shared_fallback_injected]
    wrap AsCoroutine::new, calls(log) [(Rc::new(vec![1, 2, 3]))]);

copies!(coro::generator, [nested_native nested_fallback nested_native_injected nested_fallback_injected] []
    (log: Log, depth: u32) -> (BoxIter<'static, u32>)
{
    let _guard = log.noisy(format!("level {depth}"));
    yield_!(depth);
    if depth > 0 {
        yield_from!(nested_fallback(log.clone(), depth - 1));
    }
});
compare_fns!(nested [nested_native nested_fallback nested_native_injected nested_fallback_injected]
    wrap AsCoroutine::new, calls(log) [(log.clone(), 3), (log.clone(), 0)]);

copies!(coro::generator, [in_order_native in_order_fallback in_order_native_injected in_order_fallback_injected] []
    (node: &Node) -> (BoxIter<'_, u32>)
{
    if let Some(left) = &node.left {
        yield_from!(in_order_fallback(left));
    }
    yield_!(node.value);
    if let Some(right) = &node.right {
        yield_from!(in_order_fallback(right));
    }
});

#[test]
fn in_order() {
    crate::harness::quiet();
    let tree = perfect(4, 1).expect("a tree");
    let ctx = crate::harness::Ctx::new(module_path!(), "in_order");
    crate::harness::compare_iter(
        &ctx,
        "the default engine (the async one: `yield_from!`)",
        &|_: &Log| AsCoroutine::new(in_order_fallback(&tree)),
        &|_: &Log| AsCoroutine::new(in_order_fallback_injected(&tree)),
        &|_: &Log| AsCoroutine::new(in_order_native(&tree)),
        &|_: &Log| AsCoroutine::new(in_order_native_injected(&tree)),
    );
}

differential! {
    coro summed(node: &Node) -> (BoxCoroutine<'_, u32, u64>)
        fallback_only ["`summed` calls itself: its state would contain itself"] traits [Send]
    {
        let mut sum = u64::from(node.value);
        if let Some(left) = &node.left {
            sum += yield_from!(summed(left));
        }
        yield_!(node.value);
        if let Some(right) = &node.right {
            sum += yield_from!(summed(right));
        }
        sum
    }
    setup {
        let tree = perfect(3, 1).expect("a tree");
    }
    calls(log) [(&tree) [(); 9], (&tree) [(); 2]]

    coro running_total() -> (BoxCoroutine<'static, i64, usize, i64>) native [] traits [Send; not Sync] {
        let mut total = 0;
        let mut seen = 0;
        loop {
            let x = yield_!(total);
            if x < 0 {
                return seen;
            }
            total += x;
            seen += 1;
        }
    }
    calls(log) [() [0, 5, 7, -1, 1]]

    coro doubler(factor: Rc<u32>) -> (LocalBoxCoroutine<'static, u32, (), u32>)
        native []
        traits [; not Send]
    {
        let mut x = 0;
        loop {
            x = yield_!(x * *factor);
            if x == 0 {
                return;
            }
        }
    }
    calls(log) [(Rc::new(2)) [9, 4, 0, 1]]

    // A guard in a boxed coroutine: dropped once, in order, on both.
    coro guarded(log: Log) -> (BoxCoroutine<'static, u8, u8, u8>) native [] traits [Send] {
        let _guard = Noisy::new(log.clone(), "guard");
        let x = yield_!(1);
        x + 1
    }
    calls(log) [(log.clone()) [0, 5, 6], (log.clone()) [0]]
}
