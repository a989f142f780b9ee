#!/usr/bin/env python3
"""Compile time of 100 small `#[generator]` fns against the same 100 written
as `std::iter::from_fn` closures: a debug, non-incremental rebuild of the
user's crate alone (its dependencies built once beforehand), timed in turns
so that both see the same machine load. Prints each run, the medians and
their ratio.

    python3 benches/compile_time.py             # 5 rounds
    python3 benches/compile_time.py --rounds 9 --keep /tmp/ct
    python3 benches/compile_time.py --rounds 9 --write   # and update BENCHMARKS.md

`--write` puts the result in benches/compile_time.md, which benches/report.py
copies to the end of BENCHMARKS.md, and replaces that section of
BENCHMARKS.md now.

Both crates hold ten shapes of iterator (a counter, a stepped loop, a filter
that ends early, three yields, nested labelled loops, a `?` on a parse,
matches, windows over an array, a countdown, a loop over a slice), each
stamped out ten times with another integer type and constants, and a `run`
that uses every one once, so that all of them are monomorphized and
compiled, as in a program. The ratio is coro's median time over from_fn's.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION = REPO / "benches" / "compile_time.md"
REPORT = REPO / "BENCHMARKS.md"
HEADING = "## Compile time"
TYPES = ["u8", "u16", "u32", "u64", "usize", "i16", "i32", "i64", "u128", "i128"]

# Each shape: (coro body, from_fn body, signature tail, use). `{k}` and `{t}`
# are filled in; the from_fn body is the hand-written state machine a user
# would write without generators.
SHAPES = [
    (
        "count",
        "(n: {t}) -> impl Iterator<Item = {t}>",
        """    let mut i = 0;
    while i < n {{
        yield_!(i);
        i += 1;
    }}""",
        """    let mut i = 0;
    std::iter::from_fn(move || {{
        if i < n {{
            i += 1;
            Some(i - 1)
        }} else {{
            None
        }}
    }})""",
        "count_{k}(black_box({a})).map(|x| x as u64).sum::<u64>()",
    ),
    (
        "step",
        "(n: {t}) -> impl Iterator<Item = {t}>",
        """    let mut i = 0;
    while i < n {{
        yield_!(i * {m});
        i += {s};
    }}""",
        """    let mut i = 0;
    std::iter::from_fn(move || {{
        if i < n {{
            let x = i * {m};
            i += {s};
            Some(x)
        }} else {{
            None
        }}
    }})""",
        "step_{k}(black_box({a})).map(|x| x as u64).sum::<u64>()",
    ),
    (
        "filtered",
        "(n: {t}) -> impl Iterator<Item = {t}>",
        """    for i in 0..n {{
        if i % {d} == {r} {{
            yield_!(i);
        }} else if i > {e} {{
            return;
        }}
    }}""",
        """    let mut range = 0..n;
    std::iter::from_fn(move || {{
        for i in range.by_ref() {{
            if i % {d} == {r} {{
                return Some(i);
            }} else if i > {e} {{
                range = n..n;
                return None;
            }}
        }}
        None
    }})""",
        "filtered_{k}(black_box(12)).count() as u64",
    ),
    (
        "three",
        "(a: {t}) -> impl Iterator<Item = {t}>",
        """    yield_!(a);
    yield_!(a + {s});
    yield_!(a * {m});""",
        """    let mut step = 0;
    std::iter::from_fn(move || {{
        step += 1;
        match step {{
            1 => Some(a),
            2 => Some(a + {s}),
            3 => Some(a * {m}),
            _ => None,
        }}
    }})""",
        "three_{k}(black_box({a})).map(|x| x as u64).sum::<u64>()",
    ),
    (
        "labels",
        "(n: {t}) -> impl Iterator<Item = ({t}, {t})>",
        """    'outer: for i in 0..n {{
        let mut j = 0;
        'inner: loop {{
            if j > i {{
                continue 'outer;
            }}
            if i + j > {e} {{
                break 'outer;
            }}
            j += 1;
            if j % 2 == {r2} {{
                continue 'inner;
            }}
            yield_!((i, j));
        }}
    }}""",
        """    let (mut i, mut j, mut done) = (0, 0, false);
    std::iter::from_fn(move || {{
        while !done && i < n {{
            if j > i {{
                i += 1;
                j = 0;
                continue;
            }}
            if i + j > {e} {{
                done = true;
                break;
            }}
            j += 1;
            if j % 2 == {r2} {{
                continue;
            }}
            return Some((i, j));
        }}
        None
    }})""",
        "labels_{k}(black_box(6)).map(|(i, j)| (i as u64) << 8 | j as u64).sum::<u64>()",
    ),
    (
        "parse",
        "(text: &str) -> impl Iterator<Item = Result<{t}, ParseIntError>> + '_",
        """    for word in text.split_whitespace() {{
        let n: {t} = word.parse()?;
        yield_!(Ok(n + {r}));
    }}""",
        """    let mut words = text.split_whitespace();
    let mut failed = false;
    std::iter::from_fn(move || {{
        if failed {{
            return None;
        }}
        let word = words.next()?;
        match word.parse::<{t}>() {{
            Ok(n) => Some(Ok(n + {r})),
            Err(e) => {{
                failed = true;
                Some(Err(e))
            }}
        }}
    }})""",
        'parse_{k}(black_box("1 2 {a} x 4")).map(|r| r.map_or(1, |n| n as u64)).sum::<u64>()',
    ),
    (
        "matcher",
        "(n: {t}, a: {t}) -> impl Iterator<Item = {t}>",
        """    for i in 0..n {{
        match i % 3 {{
            0 => yield_!(a),
            1 if a > {r2} => {{
                yield_!(i);
                yield_!(i + a);
            }}
            _ => {{}}
        }}
    }}""",
        """    let (mut i, mut pending) = (0, None);
    std::iter::from_fn(move || {{
        if let Some(x) = pending.take() {{
            return Some(x);
        }}
        while i < n {{
            let at = i;
            i += 1;
            match at % 3 {{
                0 => return Some(a),
                1 if a > {r2} => {{
                    pending = Some(at + a);
                    return Some(at);
                }}
                _ => {{}}
            }}
        }}
        None
    }})""",
        "matcher_{k}(black_box(7), black_box({r2})).fold(0, |s, x| s ^ x as u64)",
    ),
    (
        "windows",
        "(v: [{t}; 5]) -> impl Iterator<Item = ({t}, {t})>",
        """    for i in 1..v.len() {{
        if v[i - 1] != v[i] {{
            yield_!((v[i - 1], v[i]));
        }}
    }}""",
        """    let mut i = 1;
    std::iter::from_fn(move || {{
        while i < v.len() {{
            i += 1;
            if v[i - 2] != v[i - 1] {{
                return Some((v[i - 2], v[i - 1]));
            }}
        }}
        None
    }})""",
        "windows_{k}(black_box([1, {r}, 2, 2, {a}])).map(|(a, b)| (a as u64) * 3 + b as u64).sum::<u64>()",
    ),
    (
        "countdown",
        "(n: {t}) -> impl Iterator<Item = {t}>",
        """    let mut i = n;
    while i > 0 {{
        i -= 1;
        if i % 4 == {r2} {{
            yield_!(i + {s});
        }}
    }}""",
        """    let mut i = n;
    std::iter::from_fn(move || {{
        while i > 0 {{
            i -= 1;
            if i % 4 == {r2} {{
                return Some(i + {s});
            }}
        }}
        None
    }})""",
        "countdown_{k}(black_box({a})).map(|x| x as u64).sum::<u64>()",
    ),
    (
        "slice",
        "(v: &[{t}]) -> impl Iterator<Item = {t}> + '_",
        """    for &x in v {{
        if x > {r} {{
            yield_!(x - {r});
        }}
    }}""",
        """    let mut it = v.iter();
    std::iter::from_fn(move || {{
        for &x in it.by_ref() {{
            if x > {r} {{
                return Some(x - {r});
            }}
        }}
        None
    }})""",
        "slice_{k}(black_box(&[1, 9, {a}, 20])).map(|x| x as u64).sum::<u64>()",
    ),
]

HEADER = """// @generated by coro's benches/compile_time.py
#![allow(clippy::all, unused_parens)]
use core::num::ParseIntError;
use std::hint::black_box;
{imports}
"""


def source(kind):
    items, uses = [], []
    n = 0
    for s, (name, sig, coro_body, from_fn_body, use) in enumerate(SHAPES):
        for j in range(10):
            t = TYPES[(j + s) % len(TYPES)]
            k = n
            consts = dict(
                k=k, t=t, a=3 + k % 5, m=1 + k % 4, s=1 + k % 3, d=2 + k % 3,
                r=k % 2, r2=k % 4, e=20 + k % 7,
            )
            consts["r"] = k % consts["d"]
            signature = f"pub fn {name}_{k}" + sig.format(**consts)
            if kind == "coro":
                body = coro_body.format(**consts)
                items.append(f"#[generator]\n{signature} {{\n{body}\n}}\n")
            else:
                body = from_fn_body.format(**consts)
                items.append(f"{signature} {{\n{body}\n}}\n")
            uses.append(f"    acc = acc.rotate_left(5) ^ {use.format(**consts)};\n")
            n += 1
    imports = "use coro::{generator, yield_};" if kind == "coro" else ""
    out = HEADER.format(imports=imports) + "\n".join(items)
    out += "\npub fn run() -> u64 {\n    let mut acc = 0u64;\n" + "".join(uses) + "    acc\n}\n"
    return out


def write_crates(root):
    (root / "Cargo.toml").write_text(
        '[workspace]\nmembers = ["with_coro", "with_from_fn"]\nresolver = "3"\n'
    )
    for kind, crate, deps in [
        ("coro", "with_coro", f'coro = {{ path = "{REPO}" }}\n'),
        ("from_fn", "with_from_fn", ""),
    ]:
        (root / crate / "src").mkdir(parents=True, exist_ok=True)
        (root / crate / "Cargo.toml").write_text(
            f'[package]\nname = "{crate}"\nversion = "0.0.0"\nedition = "2024"\n'
            f"publish = false\n\n[dependencies]\n{deps}"
        )
        (root / crate / "src" / "lib.rs").write_text(source(kind))


def cargo(root, *args, env=None):
    subprocess.run(
        ["cargo", *args], cwd=root, check=True, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def write_section(times, coro, from_fn, rounds):
    """benches/compile_time.md, and its copy at the end of BENCHMARKS.md."""
    def run(*cmd):
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True).stdout.strip()

    target = "≤ 2.5×"
    ratio = coro / from_fn
    met = "**met**" if ratio <= 2.5 else "not met"
    each = ", ".join(
        f"{c:.2f}/{f:.2f}" for c, f in zip(times["with_coro"], times["with_from_fn"])
    )
    lines = [
        HEADING,
        "",
        "Written by `benches/compile_time.py --write`. 100 small iterator fns (ten",
        "shapes, each ten times with another integer type and constants) written",
        "once with `#[generator]` and once as `std::iter::from_fn` closures, and a",
        "function that uses every one: a debug, non-incremental rebuild of that",
        "crate alone (`CARGO_INCREMENTAL=0 cargo build -p ..` after touching its",
        "source; coro and its macros already built), the two crates timed in",
        "turns, the median of each.",
        "",
        f"* coro commit {run('git', 'rev-parse', '--short', 'HEAD')}; "
        f"`{run('rustc', '--version')}`; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"* load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"* {rounds} rounds, coro/from_fn seconds: {each}",
        "",
        "| crate | median rebuild | × from_fn | target | met |",
        "|---|---:|---:|---|---|",
        f"| 100 `std::iter::from_fn` | {from_fn:.2f} s | 1.00× | | |",
        f"| 100 `#[generator]` | {coro:.2f} s | {ratio:.2f}× | {target} | {met} |",
        "",
    ]
    SECTION.write_text("\n".join(lines))
    report = REPORT.read_text()
    at = report.find(HEADING)
    if at >= 0:
        end = report.find("\n## ", at + len(HEADING))
        report = report[:at] + report[end + 1:] if end >= 0 else report[:at]
    REPORT.write_text(report.rstrip("\n") + "\n\n" + SECTION.read_text())
    print(f"wrote {SECTION.relative_to(REPO)} and its section of {REPORT.relative_to(REPO)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", help="write the crates here and keep them")
    parser.add_argument("--write", action="store_true", help="record the result in BENCHMARKS.md")
    args = parser.parse_args()

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coro-ct-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        write_crates(root)
        env = dict(os.environ, CARGO_INCREMENTAL="0")
        env.setdefault("CARGO_TARGET_DIR", str(root / "target"))
        # Dependencies (coro, its macros, syn...) once; both crates once, to
        # check they compile and to warm the file cache.
        cargo(root, "build", "--workspace", env=env)
        times = {"with_coro": [], "with_from_fn": []}
        for r in range(args.rounds):
            for crate in times:
                (root / crate / "src" / "lib.rs").touch()
                start = time.perf_counter()
                cargo(root, "build", "-p", crate, env=env)
                times[crate].append(time.perf_counter() - start)
            print(
                f"round {r + 1}: coro {times['with_coro'][-1]:.2f} s, "
                f"from_fn {times['with_from_fn'][-1]:.2f} s",
                flush=True,
            )
        coro = statistics.median(times["with_coro"])
        from_fn = statistics.median(times["with_from_fn"])
        print(f"median: coro {coro:.2f} s, from_fn {from_fn:.2f} s")
        print(f"ratio: {coro / from_fn:.2f}x")
        if args.write:
            write_section(times, coro, from_fn, args.rounds)
    except subprocess.CalledProcessError as e:
        sys.stderr.write(e.stderr.decode())
        raise
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
