#!/usr/bin/env python3
"""Writes src/gens.rs: 100 small, varied sync generators and `run`, which
uses each once. Ten shapes, each stamped out ten times with a different
integer type and constants, so that no two are the same code.

    python3 gen.py        # then commit src/gens.rs
"""

import shutil
import subprocess
from pathlib import Path

TYPES = ["u8", "u16", "u32", "u64", "usize", "i16", "i32", "i64", "u128", "i128"]

ATTR = (
    '#[cfg_attr(feature = "fallback", generator(fallback))]\n'
    '#[cfg_attr(not(feature = "fallback"), generator)]\n'
)


def count(k, t):
    return f"""{ATTR}fn count_{k}(n: {t}) -> impl Iterator<Item = {t}> {{
    let mut i = 0;
    while i < n {{
        yield_!(i);
        i += 1;
    }}
}}
""", f"    for x in count_{k}(black_box({3 + k % 5})) {{\n        acc = mix(acc, x as u64);\n    }}\n"


def step(k, t):
    s, m = 1 + k % 3, 1 + k % 4
    # A `while` loop: `(0..n).step_by(..)` would keep the async engine (the
    # analysis takes a method on a temporary for a borrow of it).
    return f"""{ATTR}fn step_{k}(n: {t}) -> impl Iterator<Item = {t}> {{
    let mut i = 0;
    while i < n {{
        yield_!(i * {m});
        i += {s};
    }}
}}
""", f"    acc = mix(acc, step_{k}(black_box({6 + k % 4})).map(|x| x as u64).sum());\n"


def filtered(k, t):
    d = 2 + k % 3
    r = k % d
    return f"""{ATTR}fn filtered_{k}(n: {t}) -> impl Iterator<Item = {t}> {{
    for i in 0..n {{
        if i % {d} == {r} {{
            yield_!(i);
        }} else if i > {20 + k % 7} {{
            return;
        }}
    }}
}}
""", f"    acc = mix(acc, filtered_{k}(black_box(12)).count() as u64);\n"


def three(k, t):
    return f"""{ATTR}fn three_{k}(a: {t}) -> impl Iterator<Item = {t}> {{
    yield_!(a);
    yield_!(a + {1 + k % 5});
    yield_!(a * {2 + k % 3});
}}
""", f"    for x in three_{k}(black_box({1 + k % 9})) {{\n        acc = mix(acc, x as u64);\n    }}\n"


def labels(k, t):
    return f"""{ATTR}fn labels_{k}(n: {t}) -> impl Iterator<Item = ({t}, {t})> {{
    'outer: for i in 0..n {{
        let mut j = 0;
        'inner: loop {{
            if j > i {{
                continue 'outer;
            }}
            if i + j > {5 + k % 4} {{
                break 'outer;
            }}
            j += 1;
            if j % 2 == {k % 2} {{
                continue 'inner;
            }}
            yield_!((i, j));
        }}
    }}
}}
""", f"    for (i, j) in labels_{k}(black_box(6)) {{\n        acc = mix(acc, (i as u64) << 8 | j as u64);\n    }}\n"


def parse(k, t):
    return f"""{ATTR}fn parse_{k}(text: &str) -> impl Iterator<Item = Result<{t}, ParseIntError>> + '_ {{
    for word in text.split_whitespace() {{
        let n: {t} = word.parse()?;
        yield_!(Ok(n + {k % 7}));
    }}
}}
""", f"""    for r in parse_{k}(black_box("1 2 {k % 50} x 4")) {{
        acc = mix(acc, r.map_or(1, |n| n as u64));
    }}
"""


def summer(k, t):
    return f"""{ATTR}fn summer_{k}() -> impl Coroutine<{t}, Yield = {t}, Return = usize> {{
    let (mut total, mut seen) = (0, 0);
    loop {{
        let x: {t} = yield_!(total);
        if x == {9 + k % 3} {{
            return seen;
        }}
        total += x;
        seen += 1;
    }}
}}
""", f"""    {{
        let mut c = summer_{k}();
        let mut c = Pin::new(&mut c);
        for x in [0, 1, 2, 3, {9 + k % 3}] {{
            match c.as_mut().resume(black_box(x)) {{
                CoroutineState::Yielded(y) => acc = mix(acc, y as u64),
                CoroutineState::Complete(n) => acc = mix(acc, n as u64),
            }}
        }}
    }}
"""


def matcher(k, t):
    return f"""{ATTR}fn matcher_{k}(n: {t}, a: {t}) -> impl Iterator<Item = {t}> {{
    for i in 0..n {{
        match i % 3 {{
            0 => yield_!(a),
            1 if a > {k % 4} => {{
                yield_!(i);
                yield_!(i + a);
            }}
            _ => {{}}
        }}
    }}
}}
""", f"    acc = mix(acc, matcher_{k}(black_box(7), black_box({k % 6})).fold(0, |s, x| s ^ x as u64));\n"


def windows(k, t):
    return f"""{ATTR}fn windows_{k}(v: [{t}; 5]) -> impl Iterator<Item = ({t}, {t})> {{
    for i in 1..v.len() {{
        if v[i - 1] != v[i] {{
            yield_!((v[i - 1], v[i]));
        }}
    }}
}}
""", f"""    for (a, b) in windows_{k}(black_box([1, {k % 3}, 2, 2, {k % 5}])) {{
        acc = mix(acc, (a as u64) * 3 + b as u64);
    }}
"""


def block(k, t):
    # `iter!` values: every other one made in a fn and used by its caller,
    # the others inline, capturing a local of `run`.
    if k % 2 == 0:
        return f"""fn block_{k}(n: {t}) -> impl Iterator<Item = {t}> {{
    it! {{
        let mut i = n;
        while i > 0 {{
            i -= 1;
            if i % 4 == {k % 4} {{
                yield_!(i + {k % 5});
            }}
        }}
    }}
}}
""", f"    acc = mix(acc, block_{k}(black_box({4 + k % 6})).map(|x| x as u64).sum());\n"
    return "", f"""    let offset = black_box({k}{t});
    acc = mix(acc, it! {{
        for i in 0..{3 + k % 4} {{
            yield_!(i + offset);
        }}
    }}.map(|x: {t}| x as u64).max().unwrap_or(0));
"""


SHAPES = [count, step, filtered, three, labels, parse, summer, matcher, windows, block]

HEADER = '''// @generated by gen.py: 100 small sync generators and `run`, which uses
// each once. Edit gen.py, not this file.

#![allow(
    clippy::unnecessary_cast,
    clippy::identity_op,
    clippy::manual_is_multiple_of,
    reason = "the shapes are stamped out for every integer type and constant, `u64` and 0 included"
)]

use core::num::ParseIntError;
use core::pin::Pin;
use std::hint::black_box;

use coro::{Coroutine, CoroutineState, generator, yield_};

/// `iter!`, on the engine the build asks for. `iter!` has no `fallback`
/// argument, so the `fallback` build adds a `_`-named borrow of a local,
/// which the native engine does not take (a `_guard` lives to the end of its
/// scope, so it is held across every `yield_!`).
#[cfg(not(feature = "fallback"))]
macro_rules! it {
    ($($body:tt)*) => {
        coro::iter! { $($body)* }
    };
}

#[cfg(feature = "fallback")]
macro_rules! it {
    ($($body:tt)*) => {
        coro::iter! {
            let unit = ();
            let _fallback = &unit;
            $($body)*
        }
    };
}

fn mix(acc: u64, x: u64) -> u64 {
    acc.rotate_left(5) ^ x
}

'''


def main():
    items, uses = [], []
    n = 0
    for shape in SHAPES:
        for k in range(10):
            item, use = shape(n, TYPES[(k + SHAPES.index(shape)) % len(TYPES)])
            items.append(item)
            uses.append(use)
            n += 1
    out = HEADER + "\n".join(i for i in items if i)
    out += "\n/// Uses every generator once; the checksum is the same on both engines.\n"
    out += "#[allow(clippy::too_many_lines)]\npub fn run() -> u64 {\n    let mut acc = 0;\n"
    out += "".join(uses)
    out += "    acc\n}\n"
    path = Path(__file__).with_name("src").joinpath("gens.rs")
    path.write_text(out)
    if shutil.which("rustfmt"):
        subprocess.run(["rustfmt", "--edition", "2024", str(path)], check=True)


if __name__ == "__main__":
    main()
