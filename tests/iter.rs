//! Sync generators: iteration, laziness, fusing, and the Rust constructs a
//! generator body may use.

use std::cell::Cell;
use std::collections::VecDeque;
use std::iter::FusedIterator;

use coro::{generator, iter, yield_};

#[generator]
fn odds(start: u32, end: u32) -> impl Iterator<Item = u32> {
    let mut n = start | 1;
    while n <= end {
        yield_!(n);
        n += 2;
    }
}

#[test]
fn next_collect_and_for() {
    let mut g = odds(3, 9);
    assert_eq!(g.next(), Some(3));
    assert_eq!(g.next(), Some(5));
    assert_eq!(g.collect::<Vec<_>>(), [7, 9]);

    let mut seen = Vec::new();
    for n in odds(0, 5) {
        seen.push(n);
    }
    assert_eq!(seen, [1, 3, 5]);

    let mut g = odds(10, 14);
    let mut seen = Vec::new();
    #[allow(clippy::while_let_on_iterator, reason = "the form under test")]
    while let Some(n) = g.next() {
        seen.push(n);
    }
    assert_eq!(seen, [11, 13]);
}

#[test]
fn iterator_adapters() {
    let doubled: Vec<u32> = odds(0, 10).map(|n| n * 2).filter(|n| n % 3 != 0).collect();
    assert_eq!(doubled, [2, 10, 14]);
    assert_eq!(odds(0, 99).sum::<u32>(), 2500);
    assert_eq!(odds(0, 99).step_by(10).last(), Some(81));
    assert_eq!(
        odds(1, 5).zip(odds(11, 100)).collect::<Vec<_>>(),
        [(1, 11), (3, 13), (5, 15)]
    );
    assert_eq!(odds(1, 3).chain(odds(7, 9)).rev_free(), [1, 3, 7, 9]);
    let mut peek = odds(1, 3).peekable();
    assert_eq!(peek.peek(), Some(&1));
    assert_eq!(peek.collect::<Vec<_>>(), [1, 3]);
}

/// Collects without `rev` (generators are not double-ended).
trait RevFree: Iterator + Sized {
    fn rev_free(self) -> Vec<Self::Item> {
        self.collect()
    }
}
impl<I: Iterator> RevFree for I {}

#[test]
fn empty_generators() {
    assert_eq!(odds(4, 2).count(), 0);
    #[generator]
    fn nothing() -> impl Iterator<Item = String> {}
    assert_eq!(nothing().next(), None);
}

#[test]
fn lazy_until_the_first_next() {
    let started = Cell::new(false);
    let started = &started;
    let mut g = iter! {
        started.set(true);
        yield_!(1);
    };
    assert!(!started.get(), "the body ran before `next`");
    assert_eq!(g.next(), Some(1));
    assert!(started.get());
}

#[test]
fn runs_only_as_far_as_asked() {
    let log = std::cell::RefCell::new(Vec::new());
    let log = &log;
    let mut g = iter! {
        for i in 0..3 {
            log.borrow_mut().push(format!("before {i}"));
            yield_!(i);
            log.borrow_mut().push(format!("after {i}"));
        }
        log.borrow_mut().push("end".to_owned());
    };
    assert_eq!(g.next(), Some(0));
    assert_eq!(*log.borrow(), ["before 0"]);
    assert_eq!(g.next(), Some(1));
    assert_eq!(*log.borrow(), ["before 0", "after 0", "before 1"]);
    assert_eq!(g.by_ref().count(), 1);
    assert_eq!(log.borrow().last().map(String::as_str), Some("end"));
}

#[test]
fn fused_after_the_end() {
    fn assert_fused<I: FusedIterator>(_: &I) {}
    let mut g = odds(1, 1);
    assert_fused(&g);
    assert_eq!(g.size_hint(), (0, None));
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), None);
    assert_eq!(g.size_hint(), (0, Some(0)));
    for _ in 0..3 {
        assert_eq!(g.next(), None);
    }
    let mut i = iter! { yield_!(1u8) };
    assert_fused(&i);
    assert_eq!((i.next(), i.next(), i.next()), (Some(1), None, None));
}

#[test]
fn endless_generators() {
    #[generator]
    fn naturals() -> impl Iterator<Item = u64> {
        let mut n = 0;
        loop {
            yield_!(n);
            n += 1;
        }
    }
    assert_eq!(naturals().skip(5).take(3).collect::<Vec<_>>(), [5, 6, 7]);

    #[generator]
    fn then_panics() -> impl Iterator<Item = u8> {
        yield_!(1);
        panic!("the end")
    }
    assert_eq!(then_panics().next(), Some(1));
}

#[test]
fn labelled_loops_break_and_continue() {
    #[generator]
    fn pairs(n: u32) -> impl Iterator<Item = (u32, u32)> {
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
    assert_eq!(
        pairs(10).collect::<Vec<_>>(),
        [(1, 1), (2, 1), (3, 1), (99, 99)]
    );

    let g = iter! {
        let mut i = 0;
        let v = 'found: loop {
            i += 1;
            if i == 4 {
                break 'found i * 10;
            }
            yield_!(i);
        };
        yield_!(v);
    };
    assert_eq!(g.collect::<Vec<_>>(), [1, 2, 3, 40]);
}

#[test]
fn labelled_while_break_and_continue_from_an_inner_loop() {
    #[generator]
    fn grid(rows: u32) -> impl Iterator<Item = (u32, u32)> {
        let mut i = 0;
        'outer: while i < rows {
            i += 1;
            let mut j = 0;
            while j < 10 {
                j += 1;
                if j == i {
                    yield_!((i, 0));
                    // Skips the `(i, 99)` below, which a plain `break`
                    // would reach.
                    continue 'outer;
                }
                if i * j == 12 {
                    // Leaves both loops: no `(4, 99)`, no row 5.
                    break 'outer;
                }
                yield_!((i, j));
            }
            yield_!((i, 99));
        }
        yield_!((100, i));
    }
    assert_eq!(
        grid(10).collect::<Vec<_>>(),
        [
            (1, 0),
            (2, 1),
            (2, 0),
            (3, 1),
            (3, 2),
            (3, 0),
            (4, 1),
            (4, 2),
            (100, 4),
        ]
    );
    // Without the `break 'outer`, the loop runs out by its condition.
    assert_eq!(
        grid(2).collect::<Vec<_>>(),
        [(1, 0), (2, 1), (2, 0), (100, 2)]
    );

    // A `while let` whose condition yields, left from an inner `for` by
    // `continue 'outer` and `break 'outer`.
    let g = iter! {
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
    };
    assert_eq!(
        g.collect::<Vec<_>>(),
        [-100, 1, 2, -200, -101, 3, -102, 5, 6, -200, -103, 4]
    );
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Circle(f64),
    Rect { w: f64, h: f64 },
    Dot,
}

#[test]
fn match_if_let_and_let_else() {
    #[generator]
    fn describe(shapes: Vec<Shape>) -> impl Iterator<Item = String> {
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
    let shapes = vec![
        Shape::Circle(2.0),
        Shape::Circle(0.5),
        Shape::Rect { w: 2.0, h: 0.0 },
        Shape::Dot,
        Shape::Rect { w: 3.0, h: 3.0 },
        Shape::Rect { w: 4.0, h: 2.0 },
    ];
    assert_eq!(
        describe(shapes).collect::<Vec<_>>(),
        [
            "big circle 2",
            "circle 0.5",
            "(small)",
            "flat rect",
            "square",
            "rect 2"
        ]
    );
}

#[test]
fn early_return() {
    #[generator]
    fn until_zero(values: Vec<i32>) -> impl Iterator<Item = i32> {
        for v in values {
            if v == 0 {
                return;
            }
            yield_!(v);
        }
        yield_!(-1); // only when there was no zero
    }
    assert_eq!(until_zero(vec![3, 2, 0, 1]).collect::<Vec<_>>(), [3, 2]);
    assert_eq!(until_zero(vec![3]).collect::<Vec<_>>(), [3, -1]);
}

#[test]
fn nested_blocks_and_shadowing() {
    let g = iter! {
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
    };
    assert_eq!(g.collect::<Vec<_>>(), [1, 11, 8, 11, 100]);
}

#[test]
#[allow(clippy::useless_vec, reason = "`vec!` is the macro under test")]
fn yield_inside_other_macros() {
    #[generator]
    fn in_macros() -> impl Iterator<Item = u32> {
        // `yield_!` evaluates to `()` in an iterator, so it fits where `()` does.
        assert_eq!(yield_!(1), ());
        let v = vec![yield_!(2), yield_!(3)];
        assert_eq!(v.len(), 2);
        let s = format!("{:?}", yield_!(4));
        assert_eq!(s, "()");
        assert!(matches!(yield_!(5), ()));
        println!("{:?}", { yield_!(6) });
    }
    assert_eq!(in_macros().collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
}

#[test]
fn yield_forms() {
    let g = iter! {
        yield_!(1);
        coro::yield_!(2);
        coro::r#yield!(3);
        yield_![4];
        yield_! { 5 }
        let () = yield_!(6);
        yield_!(if true { 7 } else { 0 })
    };
    assert_eq!(g.collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7]);

    let units = iter! {
        yield_!();
        yield_!(());
    };
    assert_eq!(units.count(), 2);
}

#[test]
fn borrows_of_own_locals_across_yield() {
    #[generator]
    fn windows(data: Vec<u32>) -> impl Iterator<Item = u32> {
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
    assert_eq!(
        windows(vec![1, 2, 3]).collect::<Vec<_>>(),
        [2, 4, 6, 8, 6, 4, 2]
    );
}

#[test]
fn moving_non_copy_items_out() {
    #[generator]
    fn owned(words: Vec<&'static str>) -> impl Iterator<Item = (String, Vec<u8>)> {
        for w in words {
            let s = w.to_uppercase();
            let bytes = s.clone().into_bytes();
            yield_!((s, bytes));
        }
    }
    let items: Vec<_> = owned(vec!["ab", "c"]).collect();
    assert_eq!(
        items,
        [
            ("AB".to_owned(), b"AB".to_vec()),
            ("C".to_owned(), b"C".to_vec())
        ]
    );

    let v = vec![String::from("x"), String::from("y")];
    let g = iter! {
        for s in v {
            yield_!(s);
        }
    };
    assert_eq!(g.collect::<Vec<_>>(), ["x", "y"]);
}

#[test]
fn iter_captures_by_move() {
    fn assert_static<T: 'static>(t: T) -> T {
        t
    }
    let name = String::from("moved");
    let g = iter! {
        yield_!(name.len());
        yield_!(name.len() * 2);
    };
    // `name` now belongs to the generator; the generator is `'static`.
    assert_eq!(assert_static(g).collect::<Vec<_>>(), [5, 10]);
}

#[test]
fn generators_nest() {
    let outer = iter! {
        for i in 0..3 {
            let inner = iter! {
                for j in 0..i {
                    yield_!(j);
                }
            };
            yield_!(inner.sum::<i32>());
        }
    };
    assert_eq!(outer.collect::<Vec<_>>(), [0, 0, 1]);
}

#[test]
fn recursion() {
    #[generator]
    fn binary(bits: u32) -> impl Iterator<Item = String> {
        if bits == 0 {
            yield_!(String::new());
            return;
        }
        for rest in binary(bits - 1) {
            yield_!(format!("0{rest}"));
            yield_!(format!("1{rest}"));
        }
    }
    assert_eq!(binary(2).collect::<Vec<_>>(), ["00", "10", "01", "11"]);
    assert_eq!(binary(10).count(), 1024);
}

#[test]
fn spans_survive() {
    let g = iter! {
        yield_!(line!());
        yield_!(line!());
    };
    let lines: Vec<u32> = g.collect();
    assert_eq!(lines[1], lines[0] + 1);
    assert_eq!(lines[0], line!() - 5);
}

#[test]
fn generators_are_unpin_and_movable() {
    fn assert_unpin<T: Unpin>(_: &T) {}
    let mut g = odds(1, 9);
    assert_unpin(&g);
    assert_eq!(g.next(), Some(1));
    let mut moved = Box::new(g);
    assert_eq!(moved.next(), Some(3));
    let mut v = [*moved];
    assert_eq!(v[0].next(), Some(5));
}
