//! The bodies of `tests/iter.rs`: iteration, laziness, fusing, and the Rust
//! constructs a body may use. Where the original observed its effects
//! through a `Cell` or a `RefCell<Vec<_>>` borrowed from the test, the copy
//! logs them into the harness's `Log` (compared on both engines).
#![allow(
    clippy::useless_vec,
    reason = "the bodies are copied as the original tests wrote them"
)]

use std::collections::VecDeque;

use coro::yield_;

use crate::harness::Log;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Dot,
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape::Circle(2.0),
        Shape::Circle(0.5),
        Shape::Rect { w: 2.0, h: 0.0 },
        Shape::Dot,
        Shape::Rect { w: 3.0, h: 3.0 },
        Shape::Rect { w: 4.0, h: 2.0 },
    ]
}

differential! {
    iter odds(start: u32, end: u32) -> (impl Iterator<Item = u32>)
        native [+ Clone] traits [Send, Sync]
    {
        let mut n = start | 1;
        while n <= end {
            yield_!(n);
            n += 2;
        }
    }
    calls(log) [(3, 9), (0, 5), (10, 14), (4, 2), (1, 1), (0, 99), (u32::MAX - 3, u32::MAX - 1)]

    iter nothing() -> (impl Iterator<Item = String>) native [+ Clone] traits [Send, Sync] {}
    calls(log) [()]

    // `lazy_until_the_first_next`: the body's effect (a `Cell` set) logged.
    iter_block lazy(log: Log) -> i32, native [+ Clone] traits [Send, Sync] {
        log.push("started");
        yield_!(1);
    }
    calls(log) [(log.clone())]

    iter_block runs_only_as_far_as_asked(log: Log) -> i32, native [+ Clone] traits [Send, Sync] {
        for i in 0..3 {
            log.push(format!("before {i}"));
            yield_!(i);
            log.push(format!("after {i}"));
        }
        log.push("end".to_owned());
    }
    calls(log) [(log.clone())]

    iter_block fused_one() -> u8, native [+ Clone] traits [Send, Sync] {
        yield_!(1u8)
    }
    calls(log) [()]

    iter naturals() -> (impl Iterator<Item = u64>) native [+ Clone] traits [Send, Sync] {
        let mut n = 0;
        loop {
            yield_!(n);
            n += 1;
        }
    }
    calls(log) [()]

    iter then_panics() -> (impl Iterator<Item = u8>) native [+ Clone] traits [Send, Sync] {
        yield_!(1);
        panic!("the end")
    }
    calls(log) [()]

    iter pairs(n: u32) -> (impl Iterator<Item = (u32, u32)>) native [+ Clone] traits [Send, Sync] {
        'outer: for i in 0..n {
            let mut j = 0;
            'inner: loop {
                j += 1;
                if j > i {
                    continue 'outer;
                }
                if i + j == 5 {
                    break 'outer;
                }
                if j % 2 == 0 {
                    continue 'inner;
                }
                yield_!((i, j));
            }
        }
        yield_!((99, 99));
    }
    calls(log) [(10), (0), (3), (4)]

    iter_block break_with_a_value() -> i32,
        fallback_only ["a `yield_!` inside a `loop` whose value is bound by `let`"] traits [Send, Sync]
    {
        let mut i = 0;
        let v = 'found: loop {
            i += 1;
            if i == 4 {
                break 'found i * 10;
            }
            yield_!(i);
        };
        yield_!(v);
    }
    calls(log) [()]

    iter grid(rows: u32) -> (impl Iterator<Item = (u32, u32)>) native [+ Clone] traits [Send, Sync] {
        let mut i = 0;
        'outer: while i < rows {
            i += 1;
            let mut j = 0;
            while j < 10 {
                j += 1;
                if j == i {
                    yield_!((i, 0));
                    continue 'outer;
                }
                if i * j == 12 {
                    break 'outer;
                }
                yield_!((i, j));
            }
            yield_!((i, 99));
        }
        yield_!((100, i));
    }
    calls(log) [(10), (2), (0), (1)]

    iter_block while_let_whose_condition_yields() -> i32,
        fallback_only ["a `yield_!` in a `while let` condition (inside a block)"] traits [Send, Sync]
    {
        let mut stack = vec![vec![1, 2], vec![3, -1, 4], vec![5, 6], vec![0, 7], vec![8]];
        stack.reverse();
        let mut rows = 0;
        'outer: while let Some(row) = {
            yield_!(-100 - rows);
            stack.pop()
        } {
            rows += 1;
            for x in row {
                if x < 0 {
                    continue 'outer;
                }
                if x == 0 {
                    break 'outer;
                }
                yield_!(x);
            }
            yield_!(-200);
        }
        yield_!(rows);
    }
    calls(log) [()]

    iter describe(shapes: Vec<Shape>) -> (impl Iterator<Item = String>)
        fallback_only ["a `yield_!` in a `let else`"] traits [Send, Sync]
    {
        for shape in shapes {
            match shape {
                Shape::Circle(r) if r > 1.0 => yield_!(format!("big circle {r}")),
                Shape::Circle(r) => {
                    yield_!(format!("circle {r}"));
                    yield_!("(small)".to_owned());
                }
                Shape::Rect { w, h } => {
                    let Some(ratio) = (h != 0.0).then(|| w / h) else {
                        yield_!("flat rect".to_owned());
                        continue;
                    };
                    if let 1.0 = ratio {
                        yield_!("square".to_owned());
                    } else {
                        yield_!(format!("rect {ratio}"));
                    }
                }
                Shape::Dot => {}
            }
        }
    }
    calls(log) [(shapes()), (vec![]), (vec![Shape::Dot, Shape::Rect { w: 1.0, h: 1.0 }])]

    iter until_zero(values: Vec<i32>) -> (impl Iterator<Item = i32>) native [+ Clone] traits [Send, Sync] {
        for v in values {
            if v == 0 {
                return;
            }
            yield_!(v);
        }
        yield_!(-1);
    }
    calls(log) [(vec![3, 2, 0, 1]), (vec![3]), (vec![]), (vec![0])]

    iter_block nested_blocks_and_shadowing() -> i32,
        fallback_only ["`x`: shadowed at a `yield_!` by a local of the same name, and used after it"]
        traits [Send, Sync]
    {
        let x = 1;
        yield_!(x);
        {
            let x = x + 10;
            yield_!(x);
            {
                let x = "shadowed";
                yield_!(i32::try_from(x.len()).unwrap());
            }
            yield_!(x);
        }
        let x = x * 100;
        yield_!(x);
    }
    calls(log) [()]

    iter in_macros() -> (impl Iterator<Item = u32>)
        fallback_only ["`yield_!` inside `matches!`, whose tokens are a pattern as well as an expression"] traits [Send, Sync]
    {
        assert_eq!(yield_!(1), ());
        let v = vec![yield_!(2), yield_!(3)];
        assert_eq!(v.len(), 2);
        let s = format!("{:?}", yield_!(4));
        assert_eq!(s, "()");
        assert!(matches!(yield_!(5), ()));
        println!("{:?}", { yield_!(6) });
    }
    calls(log) [()]

    iter_block yield_forms() -> i32, native [+ Clone] traits [Send, Sync] {
        yield_!(1);
        coro::yield_!(2);
        coro::r#yield!(3);
        yield_![4];
        yield_! { 5 }
        let () = yield_!(6);
        yield_!(if true { 7 } else { 0 })
    }
    calls(log) [()]

    iter_block unit_yields() -> (), native [+ Clone] traits [Send, Sync] {
        yield_!();
        yield_!(());
    }
    calls(log) [()]

    iter windows(data: Vec<u32>) -> (impl Iterator<Item = u32>)
        fallback_only ["`for x in &v`, `&v[0]`, `v.iter()`: borrows of a local across a `yield_!`"]
        traits [Send, Sync]
    {
        let v: Vec<u32> = data.iter().map(|x| x * 2).collect();
        for x in &v {
            yield_!(*x);
        }
        let first = &v[0];
        let last = v.last().unwrap();
        yield_!(*first + *last);
        let mut queue: VecDeque<&u32> = v.iter().collect();
        while let Some(x) = queue.pop_back() {
            yield_!(*x);
        }
    }
    calls(log) [(vec![1, 2, 3]), (vec![7])]

    iter owned(words: Vec<&'static str>) -> (impl Iterator<Item = (String, Vec<u8>)>)
        native [+ Clone] traits [Send, Sync]
    {
        for w in words {
            let s = w.to_uppercase();
            let bytes = s.clone().into_bytes();
            yield_!((s, bytes));
        }
    }
    calls(log) [(vec!["ab", "c"]), (vec![])]

    iter_block moves_strings_out(v: Vec<String>) -> String, native [+ Clone] traits [Send, Sync] {
        for s in v {
            yield_!(s);
        }
    }
    calls(log) [(vec![String::from("x"), String::from("y")])]

    iter_block captures_by_move(name: String) -> usize, native [+ Clone] traits [Send, Sync] {
        yield_!(name.len());
        yield_!(name.len() * 2);
    }
    calls(log) [(String::from("moved"))]

    iter_block generators_nest() -> i32, native [+ Clone] traits [Send, Sync] {
        for i in 0..3 {
            let inner = coro::iter! {
                for j in 0..i {
                    yield_!(j);
                }
            };
            yield_!(inner.sum::<i32>());
        }
    }
    calls(log) [()]

    iter binary(bits: u32) -> (impl Iterator<Item = String>)
        fallback_only ["`binary` calls itself: its state would contain itself"] traits [Send, Sync]
    {
        if bits == 0 {
            yield_!(String::new());
            return;
        }
        for rest in binary(bits - 1) {
            yield_!(format!("0{rest}"));
            yield_!(format!("1{rest}"));
        }
    }
    calls(log) [(0), (1), (2), (5)]
}

// `spans_survive`, by hand: `line!()` in the copies with hooks is the line
// of the hook's expansion (the span of the `yield_!` is rewritten), and two
// copies are on different lines, so each copy is checked for its own lines
// (and, by `record_iter`, for being fused).
mod spans_survive {
    use coro::{generator, iter, yield_};

    use crate::harness::{Log, native_iter, record_iter};

    #[generator(native)]
    fn native() -> impl Iterator<Item = u32> + Clone {
        yield_!(line!());
        yield_!(line!());
    }
    const NATIVE: u32 = line!() - 3;

    #[generator(fallback)]
    fn fallback() -> impl Iterator<Item = u32> {
        yield_!(line!());
        yield_!(line!());
    }
    const FALLBACK: u32 = line!() - 3;

    #[test]
    fn differential() {
        let lines = |first: u32| [first.to_string(), (first + 1).to_string()];
        assert_eq!(record_iter(&|_: &Log| native(), None).items, lines(NATIVE));
        assert_eq!(
            record_iter(&|_: &Log| fallback(), None).items,
            lines(FALLBACK)
        );
        let block = native_iter(iter! {
            yield_!(line!());
            yield_!(line!());
        });
        assert_eq!(block.collect::<Vec<_>>(), [line!() - 3, line!() - 2]);
    }
}
