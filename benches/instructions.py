#!/usr/bin/env python3
"""Exact instruction counts per item of every workload and contender, with callgrind.

    python3 benches/instructions.py                      # everything
    python3 benches/instructions.py -w count -w tree     # some workloads
    python3 benches/instructions.py -c coro              # contenders whose name contains "coro"
    python3 benches/instructions.py --no-build -n 50000  # another N, binary already built
    python3 benches/instructions.py --binary /tmp/old     # a binary kept from another commit

Builds `count_instructions` in release (`cargo build -j2 --release --bin
count_instructions` in benches/), then runs each contender under
`valgrind --tool=callgrind` on N and on 2N (the trees: depths D and D + 1).
(instructions(2N) - instructions(N)) divided by the items the second run has
more is what one more item costs, exactly: the program's start-up, the
input's parsing and the shut-down cancel out. The same difference of the
allocation counts the binary prints gives the allocations per item.

* `create`: N generators of 3 items; per generator and per item.
* `tokenizer`, `tree`, `stack_tree`: a run builds and drops its input (a
  text of N tokens, a tree) as well as running the contender;
  `WORKLOAD/build-only` measures that part alone, and it is subtracted.

Then `count_instructions sizes` gives each contender's generator size as made
(`size_of_val`, and the heap bytes making it allocated), and
`benches/nightly/run.sh` (if a nightly toolchain is installed) the size of
nightly Rust's `gen` block for the same bodies.

Every contender's sum is checked against its workload's baseline.

Prints a markdown report on stdout (progress on stderr); no criterion, one
valgrind at a time. Python 3 standard library only. `report.py` imports it
for the same tables in BENCHMARKS.md.
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
NIGHTLY = BENCHES / "nightly" / "run.sh"
JOBS = os.environ.get("CARGO_BUILD_JOBS", "2")
BUILD_COMMAND = ["cargo", "build", f"-j{JOBS}", "--release", "--bin", "count_instructions"]

WORKLOADS = ["count", "filter_map", "tokenizer", "tree", "stack_tree", "create", "async_count"]
# The workloads whose run builds an input, measured alone by `WORKLOAD/build-only`.
BUILT = {"tokenizer", "tree", "stack_tree"}
# The workloads whose size is a tree's depth.
DEPTH = {"tree", "stack_tree"}
BASELINE = "baseline"
# The shapes of a contender, from the suffix of its name.
SHAPES = [("", "inlined"), (" (opaque consumer)", "opaque consumer"), (" (dyn consumer)", "dyn consumer")]
ORDER = [
    BASELINE,
    "coro",
    "coro fallback",
    "coro fallback unboxed",
    "coro unboxed",
    "genawaiter rc",
    "genawaiter stack",
    "next-gen",
    "async-stream",
]
UNIT = {"create": "generator", "tree": "node", "stack_tree": "node", "tokenizer": "token"}


def items(workload: str, n: int) -> int:
    """The items of a run on n (mirrors `items` in src/)."""
    if workload == "filter_map":
        return n - -(-n // 3)
    if workload == "create":
        return 3 * n
    if workload in DEPTH:
        return (1 << n) - 1
    return n


def units(workload: str, n: int) -> int:
    """What a row is per: generators for `create`, else items (nodes, tokens)."""
    return n if workload == "create" else items(workload, n)


def split_shape(name: str) -> tuple[str, str]:
    for suffix, shape in reversed(SHAPES):
        if suffix and name.endswith(suffix):
            return name[: -len(suffix)], shape
    return name, SHAPES[0][1]


def order_key(name: str) -> tuple:
    base, shape = split_shape(name)
    shapes = [s for _, s in SHAPES]
    return (shapes.index(shape), ORDER.index(base) if base in ORDER else len(ORDER), base)


def contenders(workload: str, binary: Path | None = None) -> list[str]:
    """The workload's contenders, as the binary lists them."""
    binary = binary or BINARY
    done = subprocess.run([str(binary), f"{workload}/?", "1"], capture_output=True, text=True, check=False)
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
    """Instructions and allocations per unit between runs on n and on 2n (trees: n + 1)."""
    big = n + 1 if workload in DEPTH else 2 * n
    arg = f"{workload}/{name}"
    i1, a1, s1 = callgrind(valgrind, arg, n)
    i2, a2, s2 = callgrind(valgrind, arg, big)
    du = units(workload, big) - units(workload, n)
    di = items(workload, big) - items(workload, n)
    return {
        "instructions": (i1, i2),
        "allocations": (a1, a2),
        "sums": (s1, s2),
        "du": du,
        "di": di,
    }


def subtract(row: dict, build: dict | None) -> dict:
    """Per unit and per item, with the input's build subtracted."""
    (i1, i2), (a1, a2) = row["instructions"], row["allocations"]
    if build:
        (b1, b2), (c1, c2) = build["instructions"], build["allocations"]
        i1, i2, a1, a2 = i1 - b1, i2 - b2, a1 - c1, a2 - c2
    return {
        **row,
        "per_unit": (i2 - i1) / row["du"],
        "per_item": (i2 - i1) / row["di"],
        "alloc_per_unit": (a2 - a1) / row["du"],
        "alloc_run": a1,
    }


def run_all(valgrind: str, workloads: list[str], sizes: dict[str, int], only: list[str] | None = None) -> dict:
    """workload -> {"rows": {contender: row}, "build": row or None, "n": size}."""
    results = {}
    for workload in workloads:
        names = contenders(workload)
        if only:
            names = [n for n in names if n.startswith(BASELINE) or any(c in n for c in only)]
        n = sizes[workload]
        build = measure(valgrind, workload, "build-only", n) if workload in BUILT else None
        if build:
            per = (build["instructions"][1] - build["instructions"][0]) / build["du"]
            print(f"  {workload:<12} {'build-only':<42} {per:10.2f}", file=sys.stderr, flush=True)
        rows = {}
        for name in names:
            rows[name] = row = subtract(measure(valgrind, workload, name, n), build)
            print(f"  {workload:<12} {name:<42} {row['per_unit']:10.2f}", file=sys.stderr, flush=True)
        expected = rows.get(BASELINE, {}).get("sums")
        for name, row in rows.items():
            if expected and row["sums"] != expected:
                sys.exit(f"{workload}/{name} summed {row['sums']}, the baseline {expected}")
        results[workload] = {"rows": rows, "build": build and subtract(build, None), "n": n}
    return results


def generator_sizes(binary: Path | None = None) -> dict[str, dict[str, dict]]:
    """workload -> contender -> {value, allocations, heap}: `count_instructions sizes`."""
    done = subprocess.run([str(binary or BINARY), "sizes"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"count_instructions sizes failed:\n{done.stderr}")
    table: dict[str, dict[str, dict]] = {}
    for line in done.stdout.splitlines()[1:]:
        workload, name, value, allocations, heap = line.split("\t")
        table.setdefault(workload, {})[name] = {
            "value": int(value),
            "allocations": int(allocations),
            "heap": int(heap),
        }
    return table


def nightly_sizes() -> tuple[dict[str, int] | None, str]:
    """workload -> bytes of nightly's `gen` for the same body, and rustc's version (or why not)."""
    if not shutil.which("rustup") and not shutil.which("rustc"):
        return None, "no Rust toolchain"
    version = subprocess.run(["rustc", "+nightly", "-V"], capture_output=True, text=True, check=False)
    if version.returncode != 0:
        return None, "no nightly toolchain (`rustup toolchain install nightly`)"
    done = subprocess.run([str(NIGHTLY)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None, f"benches/nightly/run.sh failed: {done.stderr.strip()[-500:]}"
    sizes = {}
    for line in done.stdout.splitlines():
        workload, size = line.split()
        sizes[workload] = int(size)
    return sizes, version.stdout.strip()


def fmt(x: float) -> str:
    x = round(x, 2)
    return f"{x:.0f}" if x == int(x) else f"{x:.2f}"


def fmt_ratio(r: float | None) -> str:
    if r is None:
        return "—"
    return f"{r:.2f}×" if r < 10 else f"{r:.1f}×"


def same_shape_ratio(rows: dict, name: str) -> float | None:
    """A row's instructions per unit over its shape's baseline's."""
    _, shape = split_shape(name)
    suffix = next(s for s, sh in SHAPES if sh == shape)
    base = rows.get(BASELINE + suffix, {}).get("per_unit")
    return rows[name]["per_unit"] / base if base else None


def describe_sizes(results: dict) -> str:
    parts = []
    for w, r in results.items():
        n = r["n"]
        if w in DEPTH:
            parts.append(f"{w} depths {n} and {n + 1}")
        else:
            parts.append(f"{w} N = {n:,} and {2 * n:,}")
    return ", ".join(parts)


def render_instructions(results: dict, version: str, heading: str = "#") -> list[str]:
    """The markdown tables of instructions: one matrix of every workload × contender × shape."""
    out = [
        f"{heading} Instructions per item (callgrind)",
        "",
        f"{version}; release profile of benches/ (fat LTO, one codegen unit).",
        "(I(2N) − I(N)) / (items(2N) − items(N)): exact, start-up and shut-down excluded;",
        "for tokenizer, tree and stack_tree the same difference of `WORKLOAD/build-only`",
        "(building and dropping the input) is subtracted first.",
        "",
        "```sh",
        f"(cd benches && {' '.join(BUILD_COMMAND)})",
        "valgrind --tool=callgrind --callgrind-out-file=TMP target/release/count_instructions WORKLOAD/CONTENDER N  # and 2N",
        "```",
        "",
        "Sizes: " + describe_sizes(results) + ".",
        "",
        "Instructions per item (create: per generator of 3 items; tree, stack_tree: per",
        "node; tokenizer: per token), and in parentheses the ratio to the baseline of the",
        "same shape. *opaque*: the generator goes by value to an `#[inline(never)]`",
        "generic consumer; *dyn*: boxed, to a consumer of `Box<dyn Iterator>`.",
        "",
    ]
    for workload, result in results.items():
        rows = result["rows"]
        if not rows:
            continue
        by_base: dict[str, dict[str, str]] = {}
        for name, row in rows.items():
            base, shape = split_shape(name)
            by_base.setdefault(base, {})[shape] = f"{fmt(row['per_unit'])} ({fmt_ratio(same_shape_ratio(rows, name))})"
        unit = UNIT.get(workload, "item")
        out += [f"{heading}# {workload}", ""]
        build = result.get("build")
        if build:
            out += [
                f"Building and dropping the input costs {fmt(build['per_unit'])} instructions per {unit} "
                "(`build-only`), subtracted.",
                "",
            ]
        shapes = [s for _, s in SHAPES if any(s in v for v in by_base.values())]
        out += [
            f"| contender | " + " | ".join(f"{s} (per {unit})" for s in shapes) + " |",
            "|---|" + "---:|" * len(shapes),
        ]
        for base in sorted(by_base, key=order_key):
            label = f"**{base}**" if base.startswith("coro") else base
            out.append(f"| {label} | " + " | ".join(by_base[base].get(s, "—") for s in shapes) + " |")
        out.append("")
    out += allocations_table(results, heading)
    return out


def allocations_table(results: dict, heading: str) -> list[str]:
    """Allocations: per generator for create, per run (input excluded) elsewhere."""
    out = [
        f"{heading}# Allocations",
        "",
        "Heap allocations the contender made (the counting allocator of `count_instructions`):",
        "per generator for `create`; for the others, in one run on N (depth D), its",
        "input's build excluded. *rc*, *stack*: genawaiter's flavours.",
        "",
    ]
    names = sorted({n for r in results.values() for n in r["rows"]}, key=order_key)
    names = [n for n in names if any(n in r["rows"] for r in results.values())]
    columns = [w for w in results if results[w]["rows"]]
    out += [
        "| contender | " + " | ".join(
            f"{w} (per generator)" if w == "create" else w for w in columns
        ) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name in names:
        cells = []
        for w in columns:
            row = results[w]["rows"].get(name)
            if row is None:
                cells.append("—")
            elif w == "create":
                cells.append(fmt(row["alloc_per_unit"]))
            else:
                cells.append(str(row["alloc_run"]))
        label = f"**{name}**" if name.startswith("coro") else name
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def render_sizes(table: dict, nightly: dict | None, nightly_note: str, heading: str = "#") -> list[str]:
    out = [
        f"{heading} Generator sizes",
        "",
        "`count_instructions sizes`: `size_of_val` of each contender's generator as made",
        "(before its first item; for a pinned one, of the pinned value; for genawaiter's",
        "`stack`, of its shelf), and what making it allocated (`n × bytes`). The tree's",
        "(recursive) figure is one generator's: each node adds another. `gen` is nightly",
        "Rust's `gen` block for the same body (`benches/nightly/run.sh`, "
        + (nightly_note if nightly is not None else f"not measured: {nightly_note}")
        + "); for the recursive tree, the box of one `gen` level.",
        "",
    ]
    names = sorted({n for t in table.values() for n in t}, key=order_key)
    columns = list(table)
    out += [
        "| contender | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    if nightly is not None:
        out.append("| nightly `gen` | " + " | ".join(str(nightly.get(w, "—")) for w in columns) + " |")
    for name in names:
        cells = []
        for w in columns:
            s = table[w].get(name)
            if s is None:
                cells.append("—")
            elif s["allocations"]:
                cells.append(f"{s['value']} + {s['allocations']} × {s['heap'] // s['allocations']}"
                             if s["allocations"] == 1 else f"{s['value']} + heap {s['heap']} ({s['allocations']} allocations)")
            else:
                cells.append(str(s["value"]))
        label = f"**{name}**" if name.startswith("coro") else name
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    return out


def build() -> None:
    print("+ (cd benches &&", " ".join(BUILD_COMMAND) + ")", file=sys.stderr, flush=True)
    if subprocess.run(BUILD_COMMAND, cwd=BENCHES, check=False).returncode != 0:
        sys.exit("building count_instructions failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-w", "--workload", action="append", choices=WORKLOADS, help="a workload (repeatable; default all)")
    parser.add_argument("-c", "--contender", action="append", help="only contenders whose name contains this (repeatable; the baselines always run)")
    parser.add_argument("-n", type=int, default=100_000, help="N of count, filter_map, tokenizer, async_count (default 100000)")
    parser.add_argument("--created", type=int, default=100_000, help="N generators of create (default 100000)")
    parser.add_argument("--depth", type=int, default=12, help="tree and stack_tree depth D, measured against D + 1 (default 12)")
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
        build()
    version = subprocess.run([valgrind, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    sizes = {w: args.n for w in WORKLOADS}
    sizes.update({"create": args.created, "tree": args.depth, "stack_tree": args.depth})
    results = run_all(valgrind, args.workload or WORKLOADS, sizes, args.contender)
    out = render_instructions(results, version)
    nightly, note = nightly_sizes()
    out += render_sizes(generator_sizes(), nightly, note, "##")
    print("\n".join(out))


if __name__ == "__main__":
    main()
