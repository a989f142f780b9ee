//! The sync bodies of `tests/expressions.rs`: every kind of expression as a
//! yielded value, around a `yield_!`, as the source of `yield_from!` (which
//! the native engine leaves to the async one), and as a whole body. The
//! `coroutine!(|x| EXPR)` bodies without braces are written `{ EXPR }` (the
//! macro wraps them so). Yielded values that are not `Debug` (closures,
//! futures) are left out: the harness compares `Debug` strings.
#![allow(
    clippy::redundant_closure_call,
    clippy::never_loop,
    clippy::match_single_binding,
    clippy::nonminimal_bool,
    clippy::cast_lossless,
    clippy::cast_possible_truncation,
    clippy::unnecessary_cast,
    clippy::double_parens,
    clippy::useless_vec,
    clippy::unit_arg,
    clippy::box_collection,
    clippy::diverging_sub_expression,
    clippy::let_unit_value,
    clippy::semicolon_if_nothing_returned,
    unused_braces,
    unused_parens,
    reason = "odd expressions are the kinds under test, copied as the original wrote them"
)]

use core::pin::Pin;
use std::collections::BTreeSet;

use coro::{Coroutine, CoroutineState, coroutine, generator, iter, yield_, yield_from};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    x: u32,
    y: u32,
}

/// Yields `v, v - 1, .., 1`, then returns 1.
#[derive(Debug)]
pub(crate) struct MyGen {
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

/// `0, 1, .., end - 1`.
#[derive(Debug)]
pub(crate) struct MyIter {
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

pub(crate) struct Holder {
    items: Vec<u32>,
}

const ARRAYS: [[u32; 2]; 2] = [[90, 91], [92, 93]];

static SEVEN: u32 = 7;

fn numbers(n: u32) -> Vec<u32> {
    (0..n).map(|i| 100 + i).collect()
}

#[generator(first = _)]
fn counter(start: u32) -> impl Coroutine<u32, Yield = u32, Return = u32> {
    let a: u32 = yield_!(start);
    let b: u32 = yield_!(start + 1);
    a + b
}

fn set(items: [u32; 2]) -> BTreeSet<u32> {
    items.into()
}

differential! {
    coro counter_body(start: u32) -> (impl Coroutine<u32, Yield = u32, Return = u32>)
        native [+ Clone] traits [Send, Sync]
    {
        let a: u32 = yield_!(start);
        let b: u32 = yield_!(start + 1);
        a + b
    }
    calls(log) [(10) [0, 1, 2, 3], (0) [5]]

    // --- `yield_from!(source)`: every kind of source --------------------------

    iter_block yield_from_every_kind_of_source(set_a: BTreeSet<u32>, set_b: BTreeSet<u32>, boxed: Box<Vec<u32>>) -> u32,
        fallback_only ["a `yield_from!` of a method's result, which may borrow (line 133)"] traits [Send, Sync]
    {
        yield_from!(MyIter { next: 1, end: 3 });
        yield_from!((|| vec![3])());
        let mut once = Some(4);
        yield_from!(std::iter::from_fn(move || once.take()));
        yield_from!({
            let w = vec![5];
            w
        });
        yield_from!(6..8);
        yield_from!(8..=9);
        yield_from!(match 1 {
            0 => vec![],
            _ => vec![10],
        });
        yield_from!(if set_a.len() > 1 { vec![11] } else { vec![] });
        yield_from!(if let Some(x) = Some(12) { vec![x] } else { vec![] });
        yield_from!([13, 14, 15].into_iter().filter(|x| x % 2 == 1).map(|x| x * 2));
        yield_from!(vec![40]);
        yield_from!(iter! { yield_!(41); });
        yield_from!(*boxed);
        yield_from!(&set_a | &set_b);
        yield_from!((vec![80], "unused").0);
        yield_from!([81, 82]);
        yield_from!(Box::new([83_u32, 84]) as Box<[u32]>);
        yield_from!(&mut (85..87));
        yield_from!((vec![87]));
        yield_from!(ARRAYS[1]);
        yield_from!(Holder { items: vec![94] }.items);
        yield_from!(numbers(1));
        yield_from!(ARRAYS[0]);
        yield_from!(loop {
            break vec![95];
        });
        yield_from!('found: {
            break 'found vec![96];
        });
        yield_from!(const { [97] });
    }
    calls(log) [(set([60, 61]), set([61, 62]), Box::new(vec![70, 71]))]

    coro_block yield_from_every_kind_of_coroutine_at_the_ast() |_start: u32| -> (u32, Vec<u32>),
        fallback_only ["`out` may borrow a local: it keeps what `yield_from!` returns"] traits [Send, Sync]
    {
        let mut out = Vec::new();
        out.push(yield_from!(MyGen {
            started: false,
            v: 2
        }));
        out.push(yield_from!({ counter(10) }));
        out.push(yield_from!(if SEVEN > 1 { counter(20) } else { counter(0) }));
        out.push(yield_from!(match SEVEN {
            7 => counter(30),
            _ => counter(0),
        }));
        out.push(yield_from!([counter(40)].into_iter().next().expect("one")));
        out.push(yield_from!(coroutine!(|x: u32| -> u32 {
            let y: u32 = yield_!(x + 50);
            y
        })));
        out.push(yield_from!(&mut counter(60)));
        out.push(yield_from!((|| counter(70))()));
        out.push(yield_from!((counter(80))));
        out.push(yield_from!(*Box::new(counter(90))));
        out.push(yield_from!(loop {
            break counter(100);
        }));
        out
    }
    calls(log) [() [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]]

    coro_block yield_from_every_kind_of_coroutine_in_a_macro() |_start: u32| -> (u32, Vec<u32>),
        fallback_only ["`yield_from!(&mut counter(60))` borrows a temporary across its `yield_!`s"] traits [Send, Sync]
    {
        vec![
            yield_from!(MyGen {
                started: false,
                v: 2
            }),
            yield_from!({ counter(10) }),
            yield_from!(if SEVEN > 1 { counter(20) } else { counter(0) }),
            yield_from!(match SEVEN {
                7 => counter(30),
                _ => counter(0),
            }),
            yield_from!(&mut counter(60)),
            yield_from!(loop {
                break counter(100);
            }),
        ]
    }
    calls(log) [() [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]]

    iter in_a_fn(v: u32) -> (impl Iterator<Item = u32>) native [] traits [Send, Sync] {
        yield_from!(MyGen { started: false, v });
        let n = yield_from!(MyGen { started: false, v });
        yield_!(n * 100);
    }
    calls(log) [(2), (0)]

    iter_block in_a_block(v: u32) -> u32, native [] traits [Send, Sync] {
        yield_from!(MyGen { started: false, v });
        yield_from!(MyIter { next: 0, end: v });
    }
    calls(log) [(3)]

    coro_block in_a_coroutine() |first: u32| -> (u32, u32), native [] traits [Send, Sync] {
        yield_from!(MyGen {
            started: false,
            v: first
        })
    }
    calls(log) [() [2, 0, 0, 0]]

    iter_block yield_from_inside_another_macro(boxed: Box<Vec<u32>>) -> u32,
        fallback_only ["`yield_from!([13].into_iter().map(..))`: a method's result, which may borrow"] traits [Send, Sync]
    {
        let counts = vec![yield_from!(MyGen { started: false, v: 1 })];
        assert_eq!(counts, [1]);
        let units = vec![
            yield_from!(MyIter { next: 1, end: 2 }),
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
    }
    calls(log) [(Box::new(vec![70]))]

    // --- `yield_from!(coroutine, first)` ---------------------------------------

    coro_block a_first_argument_struct_literal() |_start: Point| -> ((), Point),
        native [] traits [Send, Sync]
    {
        yield_from!(echo::<Point>(), Point { x: 1, y: 2 })
    }
    calls(log) [() [Point { x: 0, y: 0 }, Point { x: 5, y: 5 }]]

    coro_block a_first_argument_block_in_a_macro() |_start: u32| -> ((), Vec<u32>),
        native [] traits [Send, Sync]
    {
        vec![yield_from!(echo::<u32>(), { let a = 2; a * 2 })]
    }
    calls(log) [() [0, 1]]

    coro_block every_kind_of_source_with_a_first_argument() |_start: u32| -> (u32, Vec<u32>),
        fallback_only ["`out` may borrow a local: it keeps what `yield_from!` returns"] traits [Send, Sync]
    {
        let mut out = Vec::new();
        out.push(yield_from!(MyGen { started: false, v: 1 }, 0));
        out.push(yield_from!({ counter(10) }, 0));
        out.push(yield_from!(if true { counter(20) } else { counter(0) }, 0));
        out.push(yield_from!(match 3 { _ => counter(30) }, 0));
        out.push(yield_from!(
            coroutine!(|x: u32| -> u32 {
                let y: u32 = yield_!(x);
                y
            }),
            40
        ));
        out.push(yield_from!(&mut counter(50), 0));
        out.push(yield_from!((|| counter(60))(), 0));
        out.push(yield_from!([counter(70)].into_iter().next().expect("one"), 0));
        out
    }
    calls(log) [() [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]]

    // --- `yield_!` inside every kind of expression ----------------------------

    coro_block yield_inside_every_kind_of_expression() |_start: u32| -> (u32, Vec<u32>),
        fallback_only ["a `yield_!` in a condition, a block, and other macros' arguments"]
        traits [Send, Sync]
    {
        let mut out = Vec::new();
        let p = Point {
            x: yield_!(1),
            y: yield_!(2),
        };
        out.extend([p.x, p.y]);
        out.push({ yield_!(3) });
        let r = yield_!(4)..yield_!(5);
        out.extend(r);
        out.push(match yield_!(6) {
            n if n > 1000 => 0,
            n => n,
        });
        out.push(if yield_!(7) > 0 { yield_!(8) } else { 0 });
        out.push(yield_!(9).pow(1).max(1));
        out.extend(vec![yield_!(10), yield_!(11)]);
        out.push(yield_!(12) + yield_!(13));
        out.push(!yield_!(14));
        let (a, b) = (yield_!(15), yield_!(16));
        out.extend([a, b]);
        out.extend([yield_!(17), yield_!(18)]);
        out.push(u32::from(yield_!(19) as u8));
        let r = &yield_!(20);
        out.push(*r);
        out.push([yield_!(21)][0]);
        out.push(loop {
            break yield_!(22);
        });
        out
    }
    calls(log) [() [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123]]

    // The kinds the native engine takes, one at a time.
    coro_block yield_in_struct_literal_fields() |_start: u32| -> (u32, Point), native [+ Clone] traits [Send, Sync] {
        Point {
            x: yield_!(1),
            y: yield_!(2),
        }
    }
    calls(log) [() [100, 101, 102]]

    coro_block yield_in_a_range() |_start: u32| -> (u32, core::ops::Range<u32>),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (a range)"] traits [Send, Sync]
    {
        let r = yield_!(4)..yield_!(5);
        r
    }
    calls(log) [() [100, 101, 102]]

    coro_block yield_as_a_match_scrutinee() |_start: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (a `match` scrutinee)"] traits [Send, Sync]
    {
        match yield_!(6) {
            n if n > 1000 => 0,
            n => n,
        }
    }
    calls(log) [() [100, 101], () [100, 2000]]

    coro_block yield_as_a_method_receiver() |_start: u32| -> (u32, u32), native [+ Clone] traits [Send, Sync] {
        yield_!(9).pow(1).max(1)
    }
    calls(log) [() [100, 101]]

    coro_block yield_in_a_binary_expression() |_start: u32| -> (u32, u32), native [+ Clone] traits [Send, Sync] {
        yield_!(12) + yield_!(13)
    }
    calls(log) [() [100, 101, 102]]

    coro_block yield_in_a_tuple_and_an_array() |_start: u32| -> (u32, [u32; 4]), native [+ Clone] traits [Send, Sync] {
        let (a, b) = (yield_!(15), yield_!(16));
        [a, b, yield_!(17), yield_!(18)]
    }
    calls(log) [() [100, 101, 102, 103, 104]]

    coro_block yield_under_a_cast_an_index_and_a_not() |_start: u32| -> (u32, Vec<u32>), native [+ Clone] traits [Send, Sync] {
        let a = u32::from(yield_!(19) as u8);
        let c = [yield_!(21)][0];
        let d = !yield_!(14);
        let mut out = Vec::new();
        out.extend([a, c, d]);
        out
    }
    calls(log) [() [300, 301, 302, 303, 304]]

    coro_block yield_under_a_reference() |_start: u32| -> (u32, u32),
        fallback_only ["`b` may borrow a local of the generator (`let r = &yield_!(..); let b = *r;`)"]
        traits [Send, Sync]
    {
        let r = &yield_!(20);
        let b = *r;
        let c = yield_!(b);
        b + c
    }
    calls(log) [() [300, 301, 302]]

    coro_block yield_as_a_loops_value() |_start: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside a `loop` whose value is used"] traits [Send, Sync]
    {
        loop {
            break yield_!(22);
        }
    }
    calls(log) [() [100, 101]]

    // --- Bodies of every kind -------------------------------------------------

    iter_block body_a_macro_call_alone() -> i32, native [+ Clone] traits [Send, Sync] { yield_!(1) }
    calls(log) [()]

    iter_block body_a_block() -> i32, native [+ Clone] traits [Send, Sync] { { yield_!(1); yield_!(2) } }
    calls(log) [()]

    iter_block body_an_if() -> i32, native [+ Clone] traits [Send, Sync] { if SEVEN > 0 { yield_!(1) } else { yield_!(2) } }
    calls(log) [()]

    iter_block body_a_match() -> u32, native [+ Clone] traits [Send, Sync] { match SEVEN { 7 => yield_!(7), _ => yield_!(0) } }
    calls(log) [()]

    iter_block body_a_for() -> i32, native [+ Clone] traits [Send, Sync] { for i in 0..2 { yield_!(i) } }
    calls(log) [()]

    iter_block body_a_while() -> i32, native [+ Clone] traits [Send, Sync] { let mut i = 0; while i < 2 { yield_!(i); i += 1; } }
    calls(log) [()]

    iter_block body_a_labelled_loop() -> i32, native [+ Clone] traits [Send, Sync] { 'l: loop { yield_!(1); break 'l; } }
    calls(log) [()]

    iter_block body_a_tuple() -> i32, native [+ Clone] traits [Send, Sync] { let _ = (yield_!(1), yield_!(2)); }
    calls(log) [()]

    iter_block body_an_array() -> i32, native [+ Clone] traits [Send, Sync] { let _ = [yield_!(1), yield_!(2)]; }
    calls(log) [()]

    iter_block body_a_closure() -> u32, native [] traits [Send, Sync] { let f = |x: u32| x + 1; yield_!(f(1)); }
    calls(log) [()]

    iter_block body_a_struct_literal() -> u32, native [+ Clone] traits [Send, Sync] { let p = Point { x: 1, y: 2 }; yield_!(p.x + p.y); }
    calls(log) [()]

    iter_block body_a_return() -> i32, native [+ Clone] traits [Send, Sync] { yield_!(1); return; }
    calls(log) [()]

    coro_block expression_a_struct_literal() |x: u32| -> (u32, Point), native [+ Clone] traits [Send, Sync] {
        Point {
            x: yield_!(x),
            y: yield_!(x + 1)
        }
    }
    calls(log) [() [1, 2, 3, 4]]

    coro_block expression_a_match() |x: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (a `match` arm whose value is used)"] traits [Send, Sync]
    {
        match x {
            0 => 0,
            n => yield_!(n),
        }
    }
    calls(log) [() [5, 6, 7], () [0, 1]]

    coro_block expression_an_if() |x: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (an `if` branch whose value is used)"] traits [Send, Sync]
    {
        if x > 0 { yield_!(x) } else { 0 }
    }
    calls(log) [() [5, 6, 7], () [0, 1]]

    coro_block expression_binary() |x: u32| -> (u32, u32), native [+ Clone] traits [Send, Sync] {
        yield_!(x) + yield_!(x)
    }
    calls(log) [() [1, 2, 3, 4]]

    coro_block expression_a_method_chain() |x: u32| -> (u32, String), native [+ Clone] traits [Send, Sync] {
        yield_!(x).pow(2).to_string()
    }
    calls(log) [() [1, 3, 4]]

    coro_block expression_a_macro_call() |x: u32| -> (u32, Vec<u32>),
        native [] traits [Send, Sync]
    {
        vec![yield_!(x), yield_!(x + 1)]
    }
    calls(log) [() [1, 2, 3, 4]]

    coro_block expression_a_tuple() |x: u32| -> (u32, (u32, u32)), native [+ Clone] traits [Send, Sync] {
        (yield_!(x), yield_!(x))
    }
    calls(log) [() [1, 2, 3, 4]]

    coro_block expression_an_array() |x: u32| -> (u32, [u32; 1]), native [+ Clone] traits [Send, Sync] {
        [yield_!(x)]
    }
    calls(log) [() [1, 2, 3]]

    coro_block expression_a_range() |x: u32| -> (u32, core::ops::Range<u32>),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (a range)"] traits [Send, Sync]
    {
        yield_!(x)..yield_!(x)
    }
    calls(log) [() [1, 2, 3, 4]]

    coro_block expression_unary() |x: u32| -> (u32, u32), native [+ Clone] traits [Send, Sync] {
        !yield_!(x)
    }
    calls(log) [() [1, 0, 2]]

    coro_block expression_a_cast() |x: u32| -> (u32, u64), native [+ Clone] traits [Send, Sync] {
        yield_!(x) as u64
    }
    calls(log) [() [1, 2, 3]]

    coro_block expression_a_block() |x: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside an expression evaluated conditionally or in parts (a block whose value is used)"] traits [Send, Sync]
    {
        { yield_!(x) }
    }
    calls(log) [() [1, 2, 3]]

    coro_block expression_parentheses() |x: u32| -> (u32, u32), native [+ Clone] traits [Send, Sync] {
        (yield_!(x))
    }
    calls(log) [() [1, 2, 3]]

    coro_block expression_a_loop() |x: u32| -> (u32, u32),
        fallback_only ["a `yield_!` inside a `loop` whose value is used"] traits [Send, Sync]
    {
        loop {
            break yield_!(x);
        }
    }
    calls(log) [() [1, 2, 3]]

    coro_block expression_yield_from_alone() |x: u32| -> (u32, u32), native [] traits [Send, Sync] {
        yield_from!(counter(x))
    }
    calls(log) [() [1, 2, 3, 4]]
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

/// `yield_!(VALUE)` for values of every kind (those that are `Debug`): in an
/// `iter!`, and in a `coroutine!` resumed with `u8`s.
macro_rules! yielded_values {
    ($($name:ident: $ty:ty = [$($value:tt)*];)*) => {
        mod yielded_value {
            #[allow(unused_imports)]
            use super::*;

            $(
                mod $name {
                    #[allow(unused_imports)]
                    use super::*;

                    differential! {
                        iter_block in_an_iter() -> $ty, native [] traits [] {
                            yield_!($($value)*);
                        }
                        calls(log) [()]

                        coro_block in_a_coroutine() |_start: u8| -> ($ty, ()), native [] traits [] {
                            let _: u8 = yield_!($($value)*);
                        }
                        calls(log) [() [0, 1, 2]]
                    }
                }
            )*
        }
    };
}

yielded_values! {
    struct_literal: Point = [Point { x: 1, y: 2 }];
    block: u32 = [{ let a = 3; a + 1 }];
    range: core::ops::Range<u32> = [1..3_u32];
    match_expression: &'static str = [match SEVEN { 7 => "seven", _ => "other" }];
    if_expression: char = [if SEVEN > 5 { 'y' } else { 'n' }];
    method_chain: String = ["a,b".split(',').map(str::to_uppercase).collect::<String>()];
    macro_call: Vec<i32> = [vec![1, 2]];
    unary: i32 = [-SEVEN.cast_signed()];
    not: bool = [!true];
    binary: u32 = [SEVEN * 2 + 1];
    tuple: (i32, &'static str) = [(1, "a")];
    array: [u8; 2] = [[1_u8, 2]];
    cast: u64 = [SEVEN as u64];
    reference: &'static u32 = [&SEVEN];
    index: u32 = [ARRAYS[0][1]];
    field: Vec<u32> = [Holder { items: vec![3] }.items];
    call: Vec<u32> = [numbers(2)];
    literal: &'static str = ["text"];
    loop_value: i32 = [loop { break 8 }];
    labelled_block: i32 = ['b: { break 'b 9 }];
    const_block: i32 = [const { 10 }];
    parentheses: i32 = [(11)];
    unit: () = [];
}
