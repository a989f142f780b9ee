//! Issue 10, item 5: every kind of expression is accepted wherever the macros
//! take one: the value of `yield_!(..)`, the source of `yield_from!(x)` and
//! `yield_from!(x, first)`, the first argument of `yield_from!(x, first)`, the
//! bodies of `iter!`, `stream!` and `coroutine!`; at positions of the body's
//! own syntax and inside another macro's arguments (where the fix expands a
//! `yield_from!` differently).
//!
//! Before the fix, a struct literal as the source of `yield_from!` did not
//! compile ("struct literals are not allowed here": the expansion put the
//! source in `match <expr> {`), so this file does not compile until then.
#![allow(
    clippy::redundant_closure_call,
    clippy::never_loop,
    clippy::match_single_binding,
    clippy::nonminimal_bool,
    clippy::diverging_sub_expression,
    clippy::async_yields_async,
    clippy::cast_lossless,
    clippy::cast_possible_truncation,
    clippy::unnecessary_cast,
    clippy::double_parens,
    unused_braces,
    unused_parens,
    reason = "odd expressions (a closure called where it is written, a loop that breaks at once, a \
              `match` of one arm, a constant `!`, a labelled block, a coroutine returning a future, casts, \
              blocks, parentheses) are the kinds under test"
)]

use core::future::Future;
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::collections::BTreeSet;

use coro::{
    Coroutine, CoroutineState, Stream, coroutine, generator, iter, stream, yield_, yield_from,
};
use futures::StreamExt;

// --- Values of every kind ---------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    x: u32,
    y: u32,
}

/// A hand-written coroutine (for any resume type): yields `v, v - 1, .., 1`,
/// then returns 1 (whether it was started).
#[derive(Debug)]
struct MyGen {
    started: bool,
    v: u32,
}

impl<R> Coroutine<R> for MyGen {
    type Yield = u32;
    type Return = u32;

    fn resume(self: Pin<&mut Self>, _: R) -> CoroutineState<u32, u32> {
        let this = self.get_mut();
        this.started = true;
        if this.v == 0 {
            CoroutineState::Complete(u32::from(this.started))
        } else {
            this.v -= 1;
            CoroutineState::Yielded(this.v + 1)
        }
    }
}

/// A hand-written iterator: `0, 1, .., end - 1`.
#[derive(Debug)]
struct MyIter {
    next: u32,
    end: u32,
}

impl Iterator for MyIter {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        (self.next < self.end).then(|| {
            self.next += 1;
            self.next - 1
        })
    }
}

/// A hand-written stream: `0, 1, .., end - 1`, pending before each.
#[derive(Debug)]
struct MyStream {
    next: u32,
    end: u32,
    ready: bool,
}

impl Stream for MyStream {
    type Item = u32;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        let this = self.get_mut();
        if !this.ready {
            this.ready = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        this.ready = false;
        Poll::Ready((this.next < this.end).then(|| {
            this.next += 1;
            this.next - 1
        }))
    }
}

struct Holder {
    items: Vec<u32>,
}

const ARRAYS: [[u32; 2]; 2] = [[90, 91], [92, 93]];

fn numbers(n: u32) -> Vec<u32> {
    (0..n).map(|i| 100 + i).collect()
}

/// A coroutine resumed with `u32`s: yields `start, start + 1`, returns the
/// sum of what it was resumed with.
#[generator(first = _)]
fn counter(start: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let a: u32 = yield_!(start);
    let b: u32 = yield_!(start + 1);
    a + b
}

/// Completes at once with the argument it was started with.
fn echo<R>() -> impl Coroutine<R, Yield = (), Return = R> {
    coroutine!(|first: R| -> R {
        if false {
            let _: R = yield_!(());
        }
        first
    })
}

fn poll_all<S: Stream>(s: S) -> Vec<S::Item> {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut items = Vec::new();
    for _ in 0..200 {
        match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return items,
            Poll::Pending => {}
        }
    }
    panic!("the stream did not end")
}

fn resume_all<C: Coroutine<u32, Yield = u32>>(c: C, args: &[u32]) -> (Vec<u32>, Option<C::Return>) {
    let mut c = pin!(c);
    let mut yielded = Vec::new();
    for &arg in args {
        match c.as_mut().resume(arg) {
            CoroutineState::Yielded(y) => yielded.push(y),
            CoroutineState::Complete(r) => return (yielded, Some(r)),
        }
    }
    (yielded, None)
}

fn ready<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("not ready"),
    }
}

// --- `yield_from!(source)`: every kind of source ----------------------------------

#[test]
fn yield_from_an_iterable_of_every_kind_of_expression() {
    let set_a: BTreeSet<u32> = [60, 61].into();
    let set_b: BTreeSet<u32> = [61, 62].into();
    let boxed = Box::new(vec![70, 71]);
    let it = iter! {
        yield_from!(MyIter { next: 1, end: 3 }); // struct literal
        yield_from!((|| vec![3])()); // closure, called
        let mut once = Some(4);
        yield_from!(std::iter::from_fn(move || once.take())); // closure, as an argument
        yield_from!({
            let w = vec![5];
            w
        }); // block
        yield_from!(6..8); // range
        yield_from!(8..=9); // inclusive range
        yield_from!(match 1 {
            0 => vec![],
            _ => vec![10],
        }); // match
        yield_from!(if set_a.len() > 1 { vec![11] } else { vec![] }); // if
        yield_from!(if let Some(x) = Some(12) { vec![x] } else { vec![] }); // if let
        yield_from!([13, 14, 15].into_iter().filter(|x| x % 2 == 1).map(|x| x * 2)); // method chain
        yield_from!(vec![40]); // macro call
        yield_from!(iter! { yield_!(41); }); // a generator's macro call
        yield_from!(*boxed); // unary (deref)
        yield_from!(&set_a | &set_b); // binary
        yield_from!((vec![80], "unused").0); // tuple, field
        yield_from!([81, 82]); // array
        yield_from!(Box::new([83_u32, 84]) as Box<[u32]>); // cast
        yield_from!(&mut (85..87)); // reference
        yield_from!((vec![87])); // parentheses
        yield_from!(ARRAYS[1]); // index
        yield_from!(Holder { items: vec![94] }.items); // struct literal, field
        yield_from!(numbers(1)); // call
        yield_from!(ARRAYS[0]); // path (a constant), indexed
        yield_from!(loop {
            break vec![95];
        }); // loop with a value
        yield_from!('found: {
            break 'found vec![96];
        }); // labelled block
        yield_from!(const { [97] }); // const block
    };
    assert_eq!(
        it.collect::<Vec<_>>(),
        [
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 26, 30, 40, 41, 70, 71, 60, 61, 62, 80, 81, 82,
            83, 84, 85, 86, 87, 92, 93, 94, 100, 90, 91, 95, 96, 97
        ]
    );
}

/// Two coroutines resumed with `u32`s, returning the values of the
/// expressions given: one evaluates each at an AST position
/// (`out.push(expr)`), the other inside `vec![..]`.
macro_rules! at_ast_and_in_a_macro {
    ($($e:tt),* $(,)?) => {
        (
            coroutine!(|_start: u32| -> Vec<u32> {
                let mut out = Vec::new();
                $(out.push($e);)*
                out
            }),
            coroutine!(|_start: u32| -> Vec<u32> { vec![$($e),*] }),
        )
    };
}

#[test]
fn yield_from_a_coroutine_of_every_kind_of_expression() {
    let (at_ast, in_a_macro) = at_ast_and_in_a_macro![
        (yield_from!(MyGen {
            started: false,
            v: 2
        })), // struct literal (issue 10, item 5)
        (yield_from!({ counter(10) })), // block
        (yield_from!(if SEVEN > 1 { counter(20) } else { counter(0) })), // if
        (yield_from!(match SEVEN {
            7 => counter(30),
            _ => counter(0),
        })), // match
        (yield_from!([counter(40)].into_iter().next().expect("one"))), // method chain
        (yield_from!(coroutine!(|x: u32| -> u32 {
            let y: u32 = yield_!(x + 50);
            y
        }))), // macro call
        (yield_from!(&mut counter(60))), // reference
        (yield_from!((|| counter(70))())), // closure, called
        (yield_from!((counter(80)))),   // parentheses
        (yield_from!(*Box::new(counter(90)))), // unary (deref)
        (yield_from!(loop {
            break counter(100);
        })), // loop with a value
    ];
    // `MyGen` yields 2, 1 and returns 1; each `counter(n)` yields n, n + 1
    // and returns the sum of its next two resume arguments; the
    // `coroutine!` (started with `u32::default()`) yields 0 + 50.
    let args: Vec<u32> = (1..=40).collect();
    let yielded = [
        2, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 60, 61, 70, 71, 80, 81, 90, 91, 100, 101,
    ];
    let returned = vec![
        1,
        4 + 5,
        6 + 7,
        8 + 9,
        10 + 11,
        12,
        13 + 14,
        15 + 16,
        17 + 18,
        19 + 20,
        21 + 22,
    ];
    assert_eq!(
        resume_all(at_ast, &args),
        (yielded.to_vec(), Some(returned.clone()))
    );
    assert_eq!(
        resume_all(in_a_macro, &args),
        (yielded.to_vec(), Some(returned))
    );
}

#[test]
fn yield_from_a_struct_literal_of_a_user_coroutine_in_every_generator() {
    // The issue's own example, as a statement, a `let`, and in a sync
    // generator, a coroutine and a block.
    #[generator]
    fn in_a_fn(v: u32) -> impl Iterator<Item = u32> {
        yield_from!(MyGen { started: false, v });
        let n = yield_from!(MyGen { started: false, v });
        yield_!(n * 100);
    }
    assert_eq!(in_a_fn(2).collect::<Vec<_>>(), [2, 1, 2, 1, 100]);

    let v = 3;
    let it = iter! {
        yield_from!(MyGen { started: false, v });
        yield_from!(MyIter { next: 0, end: v });
    };
    assert_eq!(it.collect::<Vec<_>>(), [3, 2, 1, 0, 1, 2]);

    let c = coroutine!(|first: u32| -> u32 {
        yield_from!(MyGen {
            started: false,
            v: first
        })
    });
    assert_eq!(resume_all(c, &[2, 0, 0]), (vec![2, 1], Some(1)));
}

#[test]
fn yield_from_a_stream_of_every_kind_of_expression() {
    let s = stream! {
        yield_from!(MyStream { next: 1, end: 3, ready: false }); // struct literal
        yield_from!({ stream! { yield_!(3); } }); // block
        yield_from!(if true {
            futures::stream::iter(vec![4])
        } else {
            futures::stream::iter(vec![])
        }); // if
        yield_from!(match 5 {
            n => futures::stream::iter(vec![n]),
        }); // match
        yield_from!(futures::stream::iter(vec![6, 7]).map(|x| x).fuse()); // method chain
        yield_from!(stream! { yield_!(8); }); // macro call
        yield_from!(futures::stream::once(async { 9 })); // async block, as an argument
        yield_from!(&mut MyStream { next: 10, end: 11, ready: false }); // reference
        yield_from!((|| futures::stream::iter([11]))()); // closure, called
        yield_from!((futures::stream::iter([12]))); // parentheses
        yield_from!(*Box::new(futures::stream::iter([13]))); // unary (deref)
    };
    assert_eq!(poll_all(s), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
}

// --- ... the same inside another macro's arguments ----------------------------------

#[test]
fn yield_from_of_every_kind_inside_another_macro() {
    let boxed = Box::new(vec![70]);
    let it = iter! {
        let counts = vec![yield_from!(MyGen { started: false, v: 1 })]; // struct literal, coroutine
        assert_eq!(counts, [1]);
        let units = vec![
            yield_from!(MyIter { next: 1, end: 2 }), // struct literal, iterator
            yield_from!((|| vec![3])()),
            yield_from!({ vec![5] }),
            yield_from!(6..7),
            yield_from!(match 1 { _ => vec![10] }),
            yield_from!(if true { vec![11] } else { vec![] }),
            yield_from!([13].into_iter().map(|x| x * 2)),
            yield_from!(vec![40]),
            yield_from!(*boxed),
            yield_from!([81]),
            yield_from!(&mut (85..86)),
            yield_from!(ARRAYS[1]),
            yield_from!(numbers(1)),
        ];
        assert_eq!(units.len(), 13);
    };
    assert_eq!(
        it.collect::<Vec<_>>(),
        [1, 1, 3, 5, 6, 10, 11, 26, 40, 70, 81, 85, 92, 93, 100]
    );
}

// --- `yield_from!(coroutine, first)`: every kind of first argument -----------------

/// `yield_from!(echo(), FIRST)` at an AST position and inside `vec![..]`: the
/// coroutine returns what it was started with.
macro_rules! first_arguments {
    ($($name:ident: $ty:ty, start $start:tt, first [$($first:tt)*], check $check:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut c = coroutine!(|_start: $ty| -> $ty { yield_from!(echo::<$ty>(), $($first)*) });
            let CoroutineState::Complete(got) = Pin::new(&mut c).resume($start) else {
                panic!("expected the end");
            };
            ($check)(got);

            let mut c = coroutine!(|_start: $ty| -> Vec<$ty> {
                vec![yield_from!(echo::<$ty>(), $($first)*)]
            });
            let CoroutineState::Complete(mut got) = Pin::new(&mut c).resume($start) else {
                panic!("expected the end");
            };
            ($check)(got.pop().expect("one"));
        }
    )*};
}

static SEVEN: u32 = 7;

mod first_argument {
    use super::*;

    first_arguments! {
        struct_literal: Point, start (Point { x: 0, y: 0 }), first [Point { x: 1, y: 2 }],
            check |p: Point| assert_eq!(p, Point { x: 1, y: 2 });
        closure: fn(u32) -> u32, start (|x| x), first [|x| x + 1],
            check |f: fn(u32) -> u32| assert_eq!(f(1), 2);
        boxed_closure: Box<dyn Fn(u32) -> u32>, start (Box::new(|x| x)), first [Box::new(|x| x * 3)],
            check |f: Box<dyn Fn(u32) -> u32>| assert_eq!(f(2), 6);
        block: u32, start 0, first [{ let a = 2; a * 2 }],
            check |n: u32| assert_eq!(n, 4);
        range: core::ops::Range<u32>, start (0..0), first [1..3],
            check |r: core::ops::Range<u32>| assert_eq!(r, 1..3);
        match_expression: u32, start 0, first [match SEVEN { 7 => 70, _ => 0 }],
            check |n: u32| assert_eq!(n, 70);
        if_expression: u32, start 0, first [if SEVEN > 5 { 1 } else { 2 }],
            check |n: u32| assert_eq!(n, 1);
        method_chain: u32, start 0, first ["5".parse::<u32>().unwrap().pow(2)],
            check |n: u32| assert_eq!(n, 25);
        macro_call: Vec<u32>, start (Vec::new()), first [vec![1, 2]],
            check |v: Vec<u32>| assert_eq!(v, [1, 2]);
        format_macro: String, start (String::new()), first [format!("{}-{}", 1, 2)],
            check |s: String| assert_eq!(s, "1-2");
        async_block: Pin<Box<dyn Future<Output = u32>>>, start (Box::pin(async { 0 })),
            first [Box::pin(async { 5 })],
            check |f: Pin<Box<dyn Future<Output = u32>>>| assert_eq!(ready(f), 5);
        unary_minus: i64, start 0, first [-5],
            check |n: i64| assert_eq!(n, -5);
        unary_not: bool, start false, first [!false],
            check |b: bool| assert!(b);
        binary: u32, start 0, first [2 * 3 + 1],
            check |n: u32| assert_eq!(n, 7);
        tuple: (u32, &'static str), start (0, ""), first [(1, "a")],
            check |t: (u32, &str)| assert_eq!(t, (1, "a"));
        array: [u32; 2], start [0, 0], first [[1, 2]],
            check |a: [u32; 2]| assert_eq!(a, [1, 2]);
        cast: u32, start 0, first [5_u8 as u32],
            check |n: u32| assert_eq!(n, 5);
        reference: &'static u32, start (&0), first [&SEVEN],
            check |r: &u32| assert_eq!(*r, 7);
        path: u32, start 0, first [u32::MAX],
            check |n: u32| assert_eq!(n, u32::MAX);
        index: u32, start 0, first [ARRAYS[1][0]],
            check |n: u32| assert_eq!(n, 92);
        loop_value: u32, start 0, first [loop { break 8 }],
            check |n: u32| assert_eq!(n, 8);
        closure_called: u32, start 0, first [(|| 9)()],
            check |n: u32| assert_eq!(n, 9);
    }
}

// --- `yield_from!(source, first)`: every kind of source with a first argument ----

#[test]
fn yield_from_a_source_of_every_kind_with_a_first_argument() {
    let (at_ast, in_a_macro) = at_ast_and_in_a_macro![
        (yield_from!(
            MyGen {
                started: false,
                v: 1
            },
            0
        )), // struct literal
        (yield_from!({ counter(10) }, 0)), // block
        (yield_from!(if true { counter(20) } else { counter(0) }, 0)), // if
        (yield_from!(
            match 3 {
                _ => counter(30),
            },
            0
        )), // match
        (yield_from!(
            coroutine!(|x: u32| -> u32 {
                let y: u32 = yield_!(x);
                y
            }),
            40
        )), // macro call
        (yield_from!(&mut counter(50), 0)), // reference
        (yield_from!((|| counter(60))(), 0)), // closure, called
        (yield_from!([counter(70)].into_iter().next().expect("one"), 0)), // method chain
    ];
    let args: Vec<u32> = (1..=30).collect();
    let yielded = [1, 10, 11, 20, 21, 30, 31, 40, 50, 51, 60, 61, 70, 71];
    let returned = vec![1, 3 + 4, 5 + 6, 7 + 8, 9, 10 + 11, 12 + 13, 14 + 15];
    assert_eq!(
        resume_all(at_ast, &args),
        (yielded.to_vec(), Some(returned.clone()))
    );
    assert_eq!(
        resume_all(in_a_macro, &args),
        (yielded.to_vec(), Some(returned))
    );
}

// --- `yield_!(value)`: every kind of value ---------------------------------------------

/// `yield_!(VALUE)` in an `iter!`, a `stream!` and a `coroutine!`, at an AST
/// position and inside `vec![..]`; each yields one item, checked.
macro_rules! yield_values {
    ($($name:ident: [$($value:tt)*], check $check:expr;)*) => {$(
        #[test]
        fn $name() {
            let mut it = iter! { yield_!($($value)*); };
            ($check)(it.next().expect("an item"));
            assert!(it.next().is_none());

            let mut it = iter! { let _ = vec![yield_!($($value)*)]; };
            ($check)(it.next().expect("an item"));

            let mut s = pin!(stream! { yield_!($($value)*); });
            let Poll::Ready(Some(item)) = s.as_mut().poll_next(&mut Context::from_waker(Waker::noop())) else {
                panic!("expected an item");
            };
            ($check)(item);

            let mut c = coroutine!(|_start: u8| { let _: u8 = yield_!($($value)*); });
            let CoroutineState::Yielded(item) = Pin::new(&mut c).resume(0) else {
                panic!("expected an item");
            };
            ($check)(item);
        }
    )*};
}

mod yielded_value {
    use super::*;

    fn adds_one(f: impl Fn(u32) -> u32) {
        assert_eq!(f(1), 2);
    }

    yield_values! {
        struct_literal: [Point { x: 1, y: 2 }], check |p: Point| assert_eq!(p, Point { x: 1, y: 2 });
        closure: [|x: u32| x + 1], check adds_one;
        move_closure: [move |x: u32| x + SEVEN - 6], check adds_one;
        block: [{ let a = 3; a + 1 }], check |n: u32| assert_eq!(n, 4);
        range: [1..3_u32], check |r: core::ops::Range<u32>| assert_eq!(r, 1..3);
        match_expression: [match SEVEN { 7 => "seven", _ => "other" }], check |s: &str| assert_eq!(s, "seven");
        if_expression: [if SEVEN > 5 { 'y' } else { 'n' }], check |c: char| assert_eq!(c, 'y');
        method_chain: ["a,b".split(',').map(str::to_uppercase).collect::<String>()],
            check |s: String| assert_eq!(s, "AB");
        macro_call: [vec![1, 2]], check |v: Vec<i32>| assert_eq!(v, [1, 2]);
        async_block: [async { 5 }], check |f| assert_eq!(ready(f), 5);
        async_move_block: [async move { SEVEN }], check |f| assert_eq!(ready(f), 7);
        unary: [-SEVEN.cast_signed()], check |n: i32| assert_eq!(n, -7);
        not: [!true], check |b: bool| assert!(!b);
        binary: [SEVEN * 2 + 1], check |n: u32| assert_eq!(n, 15);
        tuple: [(1, "a")], check |t: (i32, &str)| assert_eq!(t, (1, "a"));
        array: [[1_u8, 2]], check |a: [u8; 2]| assert_eq!(a, [1, 2]);
        cast: [SEVEN as u64], check |n: u64| assert_eq!(n, 7);
        reference: [&SEVEN], check |r: &u32| assert_eq!(*r, 7);
        index: [ARRAYS[0][1]], check |n: u32| assert_eq!(n, 91);
        field: [Holder { items: vec![3] }.items], check |v: Vec<u32>| assert_eq!(v, [3]);
        call: [numbers(2)], check |v: Vec<u32>| assert_eq!(v, [100, 101]);
        literal: ["text"], check |s: &str| assert_eq!(s, "text");
        loop_value: [loop { break 8 }], check |n: i32| assert_eq!(n, 8);
        labelled_block: ['b: { break 'b 9 }], check |n: i32| assert_eq!(n, 9);
        const_block: [const { 10 }], check |n: i32| assert_eq!(n, 10);
        parentheses: [(11)], check |n: i32| assert_eq!(n, 11);
        unit: [], check |(): ()| {};
    }
}

// --- `yield_!` inside every kind of expression ------------------------------------------

#[test]
fn yield_inside_every_kind_of_expression() {
    let c = coroutine!(|_start: u32| -> Vec<u32> {
        let mut out = Vec::new();
        let p = Point {
            x: yield_!(1),
            y: yield_!(2),
        }; // struct literal
        out.extend([p.x, p.y]);
        out.push({ yield_!(3) }); // block
        let r = yield_!(4)..yield_!(5); // range
        out.extend(r);
        out.push(match yield_!(6) {
            n if n > 1000 => 0,
            n => n,
        }); // match
        out.push(if yield_!(7) > 0 { yield_!(8) } else { 0 }); // if
        out.push(yield_!(9).pow(1).max(1)); // method chain
        out.extend(vec![yield_!(10), yield_!(11)]); // macro call
        out.push(yield_!(12) + yield_!(13)); // binary
        out.push(!yield_!(14)); // unary
        let (a, b) = (yield_!(15), yield_!(16)); // tuple
        out.extend([a, b]);
        out.extend([yield_!(17), yield_!(18)]); // array
        out.push(u32::from(yield_!(19) as u8)); // cast
        let r = &yield_!(20); // reference
        out.push(*r);
        out.push([yield_!(21)][0]); // index
        out.push(loop {
            break yield_!(22);
        }); // loop
        out
    });
    let args: Vec<u32> = (100..200).collect();
    let (yielded, returned) = resume_all(c, &args);
    assert_eq!(yielded, (1..=22).collect::<Vec<_>>());
    let r: Vec<u32> = (101..).take(22).collect();
    let expected = vec![
        r[0],
        r[1],
        r[2],
        r[3], // the range r[3]..r[4] has one item
        r[5],
        r[7], // `if` takes r[6] > 0, yields 8 and gets r[7]
        r[8],
        r[9],
        r[10],
        r[11] + r[12],
        !r[13],
        r[14],
        r[15],
        r[16],
        r[17],
        u32::from(r[18] as u8),
        r[19],
        r[20],
        r[21],
    ];
    assert_eq!(returned, Some(expected));
}

// --- Bodies of every kind ----------------------------------------------------------------

#[test]
fn iter_and_stream_bodies_of_every_kind() {
    assert_eq!(iter! { yield_!(1) }.collect::<Vec<_>>(), [1]); // a macro call alone
    assert_eq!(
        iter! { { yield_!(1); yield_!(2) } }.collect::<Vec<_>>(),
        [1, 2]
    ); // block
    assert_eq!(
        iter! { if SEVEN > 0 { yield_!(1) } else { yield_!(2) } }.collect::<Vec<_>>(),
        [1]
    ); // if
    assert_eq!(
        iter! { match SEVEN { 7 => yield_!(7), _ => yield_!(0) } }.collect::<Vec<_>>(),
        [7]
    ); // match
    assert_eq!(
        iter! { for i in 0..2 { yield_!(i) } }.collect::<Vec<_>>(),
        [0, 1]
    ); // for
    assert_eq!(
        iter! { let mut i = 0; while i < 2 { yield_!(i); i += 1; } }.collect::<Vec<_>>(),
        [0, 1]
    ); // while
    assert_eq!(
        iter! { 'l: loop { yield_!(1); break 'l; } }.collect::<Vec<_>>(),
        [1]
    ); // labelled loop
    assert_eq!(
        iter! { let _ = (yield_!(1), yield_!(2)); }.collect::<Vec<_>>(),
        [1, 2]
    ); // tuple
    assert_eq!(
        iter! { let _ = [yield_!(1), yield_!(2)]; }.collect::<Vec<_>>(),
        [1, 2]
    ); // array
    assert_eq!(
        iter! { let f = |x: u32| x + 1; yield_!(f(1)); }.collect::<Vec<_>>(),
        [2]
    ); // closure
    assert_eq!(
        iter! { let p = Point { x: 1, y: 2 }; yield_!(p.x + p.y); }.collect::<Vec<_>>(),
        [3]
    ); // struct literal
    assert_eq!(iter! { yield_!(1); return; }.collect::<Vec<_>>(), [1]); // return
    assert_eq!(
        poll_all(stream! { let f = async { 5 }; yield_!(f.await); }),
        [5]
    ); // async block
    assert_eq!(
        poll_all(stream! { if true { yield_!(1) } else { yield_!(2) } }),
        [1]
    );
    assert_eq!(
        poll_all(stream! { match async { 3 }.await { n => yield_!(n) } }),
        [3]
    );
}

#[test]
fn coroutine_bodies_of_every_kind() {
    // The closure's body is an expression of each kind, with no braces.
    let c = coroutine!(|x: u32| Point {
        x: yield_!(x),
        y: yield_!(x + 1)
    }); // struct literal
    assert_eq!(
        resume_all(c, &[1, 2, 3]),
        (vec![1, 2], Some(Point { x: 2, y: 3 }))
    );
    let c = coroutine!(|x: u32| match x {
        0 => 0,
        n => yield_!(n),
    }); // match
    assert_eq!(resume_all(c, &[5, 6]), (vec![5], Some(6)));
    let c = coroutine!(|x: u32| if x > 0 { yield_!(x) } else { 0 }); // if
    assert_eq!(resume_all(c, &[5, 6]), (vec![5], Some(6)));
    let c = coroutine!(|x: u32| yield_!(x) + yield_!(x)); // binary
    assert_eq!(resume_all(c, &[1, 2, 3]), (vec![1, 1], Some(5)));
    let c = coroutine!(|x: u32| yield_!(x).pow(2).to_string()); // method chain
    assert_eq!(resume_all(c, &[1, 3]), (vec![1], Some("9".to_owned())));
    let c = coroutine!(|x: u32| vec![yield_!(x), yield_!(x + 1)]); // macro call
    assert_eq!(resume_all(c, &[1, 2, 3]), (vec![1, 2], Some(vec![2, 3])));
    let c = coroutine!(|x: u32| (yield_!(x), yield_!(x))); // tuple
    assert_eq!(resume_all(c, &[1, 2, 3]), (vec![1, 1], Some((2, 3))));
    let c = coroutine!(|x: u32| [yield_!(x)]); // array
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some([2])));
    let c = coroutine!(|x: u32| yield_!(x)..yield_!(x)); // range
    assert_eq!(resume_all(c, &[1, 2, 3]), (vec![1, 1], Some(2..3)));
    let c = coroutine!(|x: u32| !yield_!(x)); // unary
    assert_eq!(resume_all(c, &[1, 0]), (vec![1], Some(!0)));
    let c = coroutine!(|x: u32| yield_!(x) as u64); // cast
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some(2_u64)));
    let c = coroutine!(|x: u32| { yield_!(x) }); // block
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some(2)));
    let c = coroutine!(|x: u32| yield_!(x)); // a macro call alone
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some(2)));
    let c = coroutine!(|x: u32| (yield_!(x))); // parentheses
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some(2)));
    let c = coroutine!(|x: u32| loop {
        break yield_!(x);
    }); // loop
    assert_eq!(resume_all(c, &[1, 2]), (vec![1], Some(2)));
    let c = coroutine!(|x: u32| -> Box<dyn Fn(u32) -> u32> {
        let y: u32 = yield_!(x);
        Box::new(move |z| y + z)
    }); // closure
    let (yielded, f) = resume_all(c, &[1, 2]);
    assert_eq!(yielded, [1]);
    assert_eq!(f.expect("the closure")(3), 5);
    let c = coroutine!(|x: u32| yield_from!(counter(x))); // `yield_from!` alone
    assert_eq!(resume_all(c, &[1, 2, 3]), (vec![1, 2], Some(5)));
    let c = coroutine!(|x: u32| yield_from!(MyGen {
        started: false,
        v: x
    })); // with a struct literal
    assert_eq!(resume_all(c, &[2, 0, 0]), (vec![2, 1], Some(1)));
}
