#!/usr/bin/env python3
"""Exact instruction counts per item of every workload and contender, with callgrind.

    python3 benches/instructions.py                      # everything
    python3 benches/instructions.py -w count -w tree     # some workloads
    python3 benches/instructions.py -c coro              # contenders whose name contains "coro"
    python3 benches/instructions.py --no-build -n 50000  # another N, binary already built
    python3 benches/instructions.py --binary /tmp/old     # a binary kept from another commit

Builds `count_instructions` in release (`cargo build -j2 --release --bin
count_instructions` in benches/), then runs each contender under
`valgrind --tool=callgrind` on N and on 2N (the tree: depths D and D + 1).
(instructions(2N) - instructions(N)) divided by the items the second run has
more is what one more item costs, exactly: the program's start-up, the
input's parsing and the shut-down cancel out. The same difference of the
allocation counts the binary prints gives the allocations per item.

* `create`: N generators of 3 items; per generator and per item.
* `tree`: per node. A run builds and drops the tree as well as walking it;
  `tree/build-only` measures that part alone, and "walk/node" subtracts it.

Every contender's sum is checked against its workload's baseline.

Prints a markdown report on stdout (progress on stderr); no criterion, one
valgrind at a time. Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHES = Path(__file__).resolve().parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", BENCHES / "target"))
BINARY = TARGET / "release" / "count_instructions"
JOBS = os.environ.get("CARGO_BUILD_JOBS", "2")
BUILD_COMMAND = ["cargo", "build", f"-j{JOBS}", "--release", "--bin", "count_instructions"]

WORKLOADS = ["count", "filter_map", "create", "tree", "async_count"]
BASELINE = "baseline"
# The shapes of a contender, from the suffix of its name.
SHAPES = [("", "inlined"), (" (opaque consumer)", "opaque consumer"), (" (dyn consumer)", "dyn consumer")]
# The columns of the shape summary (the contenders that have every shape).
MAIN = [BASELINE, "coro", "coro unboxed", "async-stream"]
ORDER = [BASELINE, "coro", "coro unboxed", "genawaiter rc", "genawaiter stack", "next-gen", "async-stream"]


def items(workload: str, n: int) -> int:
    """The items of a run on n (mirrors `items` in src/lib.rs)."""
    if workload == "filter_map":
        return n - -(-n // 3)
    if workload == "create":
        return 3 * n
    if workload == "tree":
        return (1 << n) - 1
    return n


def units(workload: str, n: int) -> int:
    """What a row is per: generators for `create`, nodes for the tree, else items."""
    return n if workload == "create" else items(workload, n)


def split_shape(name: str) -> tuple[str, str]:
    for suffix, shape in reversed(SHAPES):
        if suffix and name.endswith(suffix):
            return name[: -len(suffix)], shape
    return name, SHAPES[0][1]


def order_key(name: str) -> tuple:
    base, shape = split_shape(name)
    shapes = [s for _, s in SHAPES]
    return (ORDER.index(base) if base in ORDER else len(ORDER), base, shapes.index(shape))


def contenders(workload: str) -> list[str]:
    """The workload's contenders, as the binary lists them."""
    probe = "tree/?" if workload == "tree" else f"{workload}/?"
    done = subprocess.run([str(BINARY), probe, "1"], capture_output=True, text=True, check=False)
    found = re.search(r"contenders: (.*)", done.stderr)
    if not found:
        sys.exit(f"count_instructions listed no contenders for {workload}:\n{done.stderr}")
    names = [n for n in found.group(1).strip().split(", ") if n != "build-only"]
    return sorted(names, key=order_key)


def callgrind(valgrind: str, arg: str, n: int) -> tuple[int, int, int]:
    """(instructions, allocations, sum) of one run of `count_instructions arg n`."""
    with tempfile.NamedTemporaryFile(prefix="callgrind.", suffix=".out") as out:
        cmd = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out.name}", str(BINARY), arg, str(n)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
        total = None
        for line in Path(out.name).read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
                break
    if total is None:
        sys.exit(f"no instruction total for {arg} {n}")
    found = re.search(r"sum (\d+) allocations (\d+)", done.stdout)
    if not found:
        sys.exit(f"unexpected output of {arg} {n}: {done.stdout!r}")
    return total, int(found.group(2)), int(found.group(1))


def measure(valgrind: str, workload: str, name: str, n: int) -> dict:
    """Instructions and allocations per unit between runs on n and on 2n (tree: n + 1)."""
    big = n + 1 if workload == "tree" else 2 * n
    arg = name if workload == "count" else f"{workload}/{name}"
    i1, a1, s1 = callgrind(valgrind, arg, n)
    i2, a2, s2 = callgrind(valgrind, arg, big)
    du = units(workload, big) - units(workload, n)
    di = items(workload, big) - items(workload, n)
    return {
        "per_unit": (i2 - i1) / du,
        "per_item": (i2 - i1) / di,
        "alloc_per_item": (a2 - a1) / di,
        "alloc_per_unit": (a2 - a1) / du,
        "counts": (i1, i2),
        "sums": (s1, s2),
    }


def fmt(x: float) -> str:
    return f"{x:.0f}" if x == int(x) else f"{x:.2f}"


def fmt_ratio(r: float | None) -> str:
    if r is None:
        return "—"
    return f"{r:.2f}×" if r < 10 else f"{r:.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-w", "--workload", action="append", choices=WORKLOADS, help="a workload (repeatable; default all)")
    parser.add_argument("-c", "--contender", action="append", help="only contenders whose name contains this (repeatable; the baselines always run)")
    parser.add_argument("-n", type=int, default=100_000, help="N of count, filter_map, async_count (default 100000)")
    parser.add_argument("--created", type=int, default=100_000, help="N generators of create (default 100000)")
    parser.add_argument("--depth", type=int, default=12, help="tree depth D, measured against D + 1 (default 12)")
    parser.add_argument("--no-build", action="store_true", help="use the binary already built")
    parser.add_argument("--binary", type=Path, help="another count_instructions binary (implies --no-build)")
    args = parser.parse_args()

    global BINARY
    if args.binary:
        BINARY, args.no_build = args.binary.resolve(), True

    valgrind = shutil.which("valgrind")
    if not valgrind:
        sys.exit("valgrind not found (`apt-get install valgrind`)")
    if not args.no_build:
        print("+ (cd benches &&", " ".join(BUILD_COMMAND) + ")", file=sys.stderr, flush=True)
        if subprocess.run(BUILD_COMMAND, cwd=BENCHES, check=False).returncode != 0:
            sys.exit("building count_instructions failed")
    version = subprocess.run([valgrind, "--version"], capture_output=True, text=True, check=False).stdout.strip()

    sizes = {"count": args.n, "filter_map": args.n, "async_count": args.n, "create": args.created, "tree": args.depth}
    results: dict[str, dict[str, dict]] = {}
    build = None
    for workload in args.workload or WORKLOADS:
        names = contenders(workload)
        if args.contender:
            names = [n for n in names if n.startswith(BASELINE) or any(c in n for c in args.contender)]
        n = sizes[workload]
        rows = results.setdefault(workload, {})
        for name in names:
            rows[name] = row = measure(valgrind, workload, name, n)
            print(f"  {workload:<12} {name:<32} {row['per_unit']:10.2f}", file=sys.stderr, flush=True)
        expected = rows.get(BASELINE, {}).get("sums")
        for name, row in rows.items():
            if expected and row["sums"] != expected:
                sys.exit(f"{workload}/{name} summed {row['sums']}, the baseline {expected}")
        if workload == "tree":
            build = measure(valgrind, "tree", "build-only", n)
            print(f"  {'tree':<12} {'build-only':<32} {build['per_unit']:10.2f}", file=sys.stderr, flush=True)

    out = [
        "# Instructions per item (callgrind)",
        "",
        f"{version}; release profile of benches/ (fat LTO, one codegen unit).",
        "(I(2N) − I(N)) / (items(2N) − items(N)): exact, start-up and shut-down excluded.",
        "",
        "```sh",
        f"(cd benches && {' '.join(BUILD_COMMAND)})",
        "valgrind --tool=callgrind --callgrind-out-file=TMP target/release/count_instructions WORKLOAD/CONTENDER N  # and 2N",
        "```",
        "",
        "Sizes: " + ", ".join(
            f"{w} N = {sizes[w]:,} and {2 * sizes[w]:,}" if w != "tree" else f"tree depths {sizes[w]} and {sizes[w] + 1}"
            for w in results
        ) + ".",
        "",
    ]
    for workload, rows in results.items():
        if not rows:
            continue
        base = rows.get(BASELINE, {}).get("per_unit")
        unit = {"create": "generator", "tree": "node"}.get(workload, "item")
        out += [f"## {workload}", ""]
        if workload == "tree" and build:
            out += [
                f"A run builds and drops the tree: {fmt(build['per_unit'])} instructions and "
                f"{fmt(build['alloc_per_unit'])} allocations per node (`tree/build-only`), "
                "included in \"run/node\", subtracted in \"walk/node\" and in the ratios.",
                "",
                "| contender | run/node | walk/node | × baseline | × same-shape baseline | allocations/node (walk) |",
                "|---|---:|---:|---:|---:|---:|",
            ]
        elif workload == "create":
            out += [
                "| contender | instructions/generator | instructions/item | × baseline | × same-shape baseline | allocations/generator |",
                "|---|---:|---:|---:|---:|---:|",
            ]
        else:
            out += [
                f"| contender | instructions/{unit} | × baseline | × same-shape baseline | allocations/{unit} |",
                "|---|---:|---:|---:|---:|",
            ]
        offset = build["per_unit"] if workload == "tree" and build else 0.0
        alloc_offset = build["alloc_per_unit"] if workload == "tree" and build else 0.0
        for name, row in rows.items():
            _, shape = split_shape(name)
            suffix = next(s for s, sh in SHAPES if sh == shape)
            same = rows.get(BASELINE + suffix, {}).get("per_unit")
            cost = row["per_unit"] - offset
            ratio = cost / (base - offset) if base and base - offset else None
            same_ratio = cost / (same - offset) if same and same - offset else None
            label = f"**{name}**" if name.startswith("coro") else name
            if workload == "tree" and build:
                cells = [fmt(row["per_unit"]), fmt(cost), fmt_ratio(ratio), fmt_ratio(same_ratio), fmt(row["alloc_per_unit"] - alloc_offset)]
            elif workload == "create":
                cells = [fmt(row["per_unit"]), fmt(row["per_item"]), fmt_ratio(ratio), fmt_ratio(same_ratio), fmt(row["alloc_per_unit"])]
            else:
                cells = [fmt(row["per_unit"]), fmt_ratio(ratio), fmt_ratio(same_ratio), fmt(row["alloc_per_unit"])]
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        out.append("")

    # The shapes side by side: what not inlining the consumer costs each.
    out += [
        "## By shape",
        "",
        "Instructions per item (create: per generator; tree: per node, walk only).",
        "",
        "| workload | shape | " + " | ".join(MAIN) + " |",
        "|---|---|" + "---:|" * len(MAIN),
    ]
    for workload, rows in results.items():
        offset = build["per_unit"] if workload == "tree" and build else 0.0
        for suffix, shape in SHAPES:
            cells = []
            for base_name in MAIN:
                row = rows.get(base_name + suffix)
                cells.append("—" if row is None else fmt(row["per_unit"] - offset))
            if any(c != "—" for c in cells):
                out.append(f"| {workload} | {shape} | " + " | ".join(cells) + " |")
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
