#!/usr/bin/env python3
"""Runs coro's benchmarks and writes BENCHMARKS.md and benches/charts/*.svg.

    python3 benches/report.py               # criterion, callgrind, sizes, report
    python3 benches/report.py --no-bench    # report the last criterion run
    python3 benches/report.py --quick       # short criterion measurements (noisy)
    python3 benches/report.py --rewrite     # rewrite BENCHMARKS.md from the last run's data
                                            # (after editing benches/analysis.md)

Steps:

1. `cargo bench --bench generators` in benches/ (criterion; every workload
   has a hand-written baseline in its group, measured in the same run, in
   each shape of consumer).
2. Reads target/criterion/<group>/<contender>/new/{benchmark,estimates}.json:
   the median time per iteration divided by the group's throughput (its item
   count) is the time per item; the ratios are to the group's `baseline` and
   to the baseline of the same shape.
3. Instructions per item of every workload and contender with valgrind's
   callgrind, and the sizes of the generators (`instructions.py`, imported:
   `count_instructions WORKLOAD/CONTENDER N` on N and 2N, the difference
   divided by the extra items; `count_instructions sizes`; nightly `gen`'s
   sizes from `benches/nightly/run.sh`). Skipped, with a note, if valgrind
   is missing.
4. Writes BENCHMARKS.md at the repository root (machine, commands, the
   targets marked met or not from the data, a table per workload, the
   instruction, allocation and size tables) and one SVG bar chart per
   criterion group under benches/charts/.

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import html
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import instructions  # noqa: E402  (benches/instructions.py)

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", BENCHES / "target"))
CRITERION = TARGET / "criterion"
CHARTS = BENCHES / "charts"
REPORT = ROOT / "BENCHMARKS.md"
ANALYSIS = BENCHES / "analysis.md"
# What the last run measured, for --rewrite.
SAVED = TARGET / "report-data.json"

JOBS = os.environ.get("CARGO_BUILD_JOBS", "2")
BENCH_COMMAND = ["cargo", "bench", f"-j{JOBS}", "--bench", "generators"]
BUILD_COMMAND = ["cargo", "build", f"-j{JOBS}", "--release", "--bin", "count_instructions"]
QUICK_ARGS = ["--warm-up-time", "0.2", "--measurement-time", "0.5"]

# The workloads, in report order: (criterion group, title, what it does).
WORKLOADS = [
    ("count", "count", "yield `0..N` (N = 100,000) and sum"),
    (
        "filter_map",
        "filter_map",
        "yield `i * i` for the `i` in `0..N` (N = 100,000) with `i % 3 != 0`, and sum",
    ),
    (
        "tokenizer",
        "tokenizer",
        "split a text of 100,000 words and punctuation marks into `&str` tokens, and sum their lengths",
    ),
    (
        "tree-16",
        "tree, depth 16",
        "in-order walk of a perfect binary tree of depth 16 (65,535 nodes) by recursive delegation",
    ),
    (
        "tree-20",
        "tree, depth 20",
        "in-order walk of a perfect binary tree of depth 20 (1,048,575 nodes) by recursive delegation",
    ),
    (
        "stack_tree-16",
        "explicit-stack tree, depth 16",
        "in-order walk of the depth-16 tree with an explicit `Vec` stack inside one generator",
    ),
    (
        "create",
        "create",
        "create 1,000,000 generators of 3 items each and sum their items (time per item: 3 items per generator)",
    ),
    (
        "async_count",
        "async count",
        "a `Stream` of `0..N` (N = 100,000) under `futures::executor::block_on` with `StreamExt::next`",
    ),
]

# The targets of issue 11, item 6: (group, the coro contender it applies to,
# max time ratio to the same shape's baseline, max instructions per item or
# None, whether it must not allocate). Each applies to the inlined and the
# opaque consumer shapes.
TARGETS = [
    ("count", "coro", 1.1, 6.0, False),
    ("filter_map", "coro", 1.2, None, False),
    ("tokenizer", "coro", 1.2, None, False),
    ("stack_tree-16", "coro", 1.2, None, False),
    ("create", "coro", 3.0, None, True),
]
# The earlier targets of issue 6 that the new ones do not replace.
OLD_TARGETS = [
    ("tree-16", "coro", 3.0),
    ("tree-20", "coro", 3.0),
    ("async_count", "coro", 1.5),
]
TARGET_SHAPES = [("", "inlined"), (" (opaque consumer)", "opaque consumer")]

BASELINE = "baseline"
ORDER = instructions.ORDER

CONTENDERS_DOC = {
    BASELINE: "hand-written `Iterator` (or `Stream`) struct; the trees' is an explicit-stack iterator",
    "coro": "`#[generator] fn` / `async fn`: the native engine (the macro's own state machine, no allocation) where the body allows it, which is every sync workload here but the recursive tree (`yield_from!`), and the async engine (boxed) elsewhere",
    "coro fallback": "the same body with `#[generator(fallback)]`: the async engine, boxed (one allocation per generator); the same expansion as `coro` for the recursive tree and async count",
    "coro fallback unboxed": "`#[generator(unboxed, fallback)]`: the async engine as a `Coroutine` pinned with `pin!` and iterated with `Yields` (no allocation)",
    "coro unboxed": "(async count only) `#[generator(unboxed)] async fn`: an unboxed `Stream` (no allocation). In the sync workloads `#[generator(unboxed)]` is not a row: on a body the native engine takes, the macro ignores `unboxed` and builds the native state machine",
    "genawaiter rc": "genawaiter 0.99 `rc::Gen` (heap); recursion through a boxed future",
    "genawaiter stack": "genawaiter 0.99 `stack::let_gen_using!` (no allocation)",
    "next-gen": "next-gen 0.1 `#[generator]` pinned with `mk_gen!`; recursion through `call_boxed`",
    "async-stream": "async-stream 0.3 `stream!`, pinned and polled with a no-op waker in the sync workloads (it has no `Iterator` form), under `block_on` in async count; recursion through `Pin<Box<dyn Stream>>` and `for await`",
    "… (opaque consumer)": "the same generator, consumed by value by a generic `#[inline(never)]` function (`sum_iter_opaque`, `sum_polled_opaque`): the consumer's loop is not inlined into the function that makes the generator. Every contender has this shape",
    "… (dyn consumer)": "the same generator, boxed and consumed as a `Box<dyn Iterator>` by an `#[inline(never)]` function (`sum_dyn`): every `next` is an indirect call, and the box is one more allocation per generator. The baseline and coro's rows have this shape",
}


def run(cmd: list[str], cwd: Path = BENCHES, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, check=False, text=True, **kw)


def output(cmd: list[str], cwd: Path = ROOT) -> str:
    try:
        return run(cmd, cwd=cwd, capture_output=True).stdout.strip()
    except OSError:
        return ""


def order_key(name: str) -> tuple:
    return instructions.order_key(name)


def split_shape(name: str) -> tuple[str, str]:
    """A contender's name without its shape, and its shape's suffix."""
    for suffix, _ in instructions.SHAPES[1:]:
        if name.endswith(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def workload_of(group: str) -> str:
    """The callgrind workload of a criterion group (`tree-16` -> `tree`)."""
    return re.sub(r"-\d+$", "", group)


# ---------------------------------------------------------------- machine


def library_fingerprint() -> str:
    """A hash of coro's sources: to notice the library changing mid-run."""
    digest = hashlib.sha256()
    for path in sorted(
        p
        for d in ("src", "coro-core", "coro-macros")
        for p in (ROOT / d).rglob("*")
        if p.is_file() and p.suffix in (".rs", ".toml")
    ):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update((ROOT / "Cargo.toml").read_bytes())
    return digest.hexdigest()[:16]


def machine() -> dict[str, str]:
    model = "unknown"
    cores = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown":
                model = line.split(":", 1)[1].strip()
            if line.startswith("processor"):
                cores += 1
    except OSError:
        pass
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "unknown"
    # CORO_COMMIT names the sources when they are not a git checkout (an
    # exported tree, say).
    commit = os.environ.get("CORO_COMMIT") or output(["git", "rev-parse", "--short", "HEAD"])
    if commit and run(["git", "diff", "--quiet", "HEAD", "--"], cwd=ROOT).returncode not in (0, 128):
        commit += " (with uncommitted changes)"
    return {
        "cpu": model,
        "cores": str(cores or os.cpu_count() or "unknown"),
        "rustc": output(["rustc", "-V"]),
        "os": f"{platform.system()} {platform.release()}",
        "load": load,
        "commit": commit or "unknown",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


# ---------------------------------------------------------------- criterion


def run_criterion(quick: bool, extra: list[str]) -> list[str]:
    args = (QUICK_ARGS if quick else []) + extra
    cmd = BENCH_COMMAND + (["--"] + args if args else [])
    print("+ (cd benches &&", " ".join(quote(c) for c in cmd) + ")", flush=True)
    if run(cmd).returncode != 0:
        sys.exit("cargo bench failed")
    return cmd


def quote(arg: str) -> str:
    return arg if re.fullmatch(r"[\w./=-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


def read_criterion(since: float | None) -> dict[str, dict[str, dict]]:
    """group -> contender -> {ns, lo, hi}, in ns per item."""
    results: dict[str, dict[str, dict]] = {}
    stale = []
    for bench in sorted(CRITERION.glob("*/*/new/benchmark.json")):
        estimates = bench.with_name("estimates.json")
        if not estimates.exists():
            continue
        meta = json.loads(bench.read_text())
        group, name = meta["group_id"], meta["function_id"]
        if since is not None and estimates.stat().st_mtime < since:
            stale.append(f"{group}/{name}")
            continue
        items = (meta.get("throughput") or {}).get("Elements")
        if not items:
            print(f"warning: {group}/{name} has no element throughput; skipped")
            continue
        median = json.loads(estimates.read_text())["median"]
        ci = median["confidence_interval"]
        results.setdefault(group, {})[name] = {
            "ns": median["point_estimate"] / items,
            "lo": ci["lower_bound"] / items,
            "hi": ci["upper_bound"] / items,
            "items": items,
        }
    if stale:
        print("warning: not measured in this run, left out:", ", ".join(stale))
    return results


# ---------------------------------------------------------------- callgrind


def build_counter() -> None:
    print("+ (cd benches &&", " ".join(BUILD_COMMAND) + ")", flush=True)
    if run(BUILD_COMMAND).returncode != 0:
        sys.exit("building count_instructions failed")


def callgrind(valgrind: str) -> dict:
    """Instructions per item of every workload and contender, and the sizes (already built)."""
    version = output([valgrind, "--version"])
    sizes = {w: instructions_n(w) for w in instructions.WORKLOADS}
    print("+ callgrind of every workload and contender (instructions.py)", flush=True)
    results = instructions.run_all(valgrind, instructions.WORKLOADS, sizes)
    nightly, note = instructions.nightly_sizes()
    return {
        "version": version,
        "results": results,
        "sizes": instructions.generator_sizes(),
        "nightly": nightly,
        "nightly_note": note,
    }


def instructions_n(workload: str) -> int:
    """instructions.py's default sizes: N = 100,000; depth 12 for the trees."""
    return 12 if workload in instructions.DEPTH else 100_000


# ---------------------------------------------------------------- charts


def fmt_ratio(r: float) -> str:
    return f"{r:.2f}×" if r < 10 else f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


def fmt_ns(ns: float) -> str:
    return f"{ns:.3f}" if ns < 1 else f"{ns:.2f}" if ns < 100 else f"{ns:.0f}"


def nice_step(top: float) -> float:
    raw = top / 6
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


# A white outline under a label, so that it stays readable over the target
# line and the grid.
HALO = ' paint-order="stroke" stroke="#ffffff" stroke-width="4" stroke-linejoin="round"'


COLOURS = {
    BASELINE: "#555555",
    "coro": "#e8590c",
    "coro fallback": "#f59f00",
    "coro fallback unboxed": "#ffd43b",
    "coro unboxed": "#ffd43b",
}


def svg_chart(title: str, subtitle: str, rows: list[tuple[str, float, float]], target: float | None) -> str:
    """Horizontal bars of the ratio to the same shape's baseline; rows: (name, ratio, ns).

    The rows come grouped by shape (inlined, opaque, dyn); a gap and a
    heading separate the groups.
    """
    bar_h, gap, heading_h = 20, 6, 26
    left, right_pad = 300, 170
    plot_w = 440
    top = 78
    width = left + plot_w + right_pad
    shapes = []
    for name, _, _ in rows:
        shape = split_shape(name)[1]
        if shape not in shapes:
            shapes.append(shape)
    height = top + len(rows) * (bar_h + gap) + len(shapes) * heading_h + 44
    peak = max([r for _, r, _ in rows] + [target or 0, 1.0]) * 1.05
    step = nice_step(peak)
    scale_max = math.ceil(peak / step) * step

    def x(ratio: float) -> float:
        return left + plot_w * ratio / scale_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="13">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="12" y="22" font-size="16" font-weight="bold" fill="#222">{html.escape(title)}</text>',
        f'<text x="12" y="42" fill="#555">{html.escape(subtitle)}</text>',
    ]
    axis_y = height - 44
    tick = 0.0
    while tick <= scale_max + 1e-9:
        tx = x(tick)
        out.append(f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e6e6e6"/>')
        label = f"{tick:g}×"
        out.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#777" font-size="11">{label}</text>')
        tick += step
    labels = []
    y = top
    shape_names = {"": "inlined consumer", " (opaque consumer)": "opaque consumer", " (dyn consumer)": "dyn consumer"}
    current = None
    for name, ratio, ns in rows:
        base, shape = split_shape(name)
        if shape != current:
            current = shape
            labels.append(
                f'<text x="12" y="{y + 16}" fill="#333" font-weight="bold" font-size="12">'
                f"{html.escape(shape_names[shape])}</text>"
            )
            y += heading_h
        fill = COLOURS.get(base, "#a5b4c8")
        weight = ' font-weight="bold"' if base.startswith("coro") else ""
        labels.append(
            f'<text x="{left - 8}" y="{y + bar_h / 2 + 4.5:.1f}" text-anchor="end" fill="#222"{weight}>'
            f"{html.escape(base)}</text>"
        )
        w = max(x(ratio) - left, 1.5)
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" rx="2"/>')
        labels.append(
            f'<text x="{left + w + 6:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" fill="#222"{weight}{HALO}>'
            f"{fmt_ratio(ratio)}  <tspan fill=\"#666\" font-weight=\"normal\">({fmt_ns(ns)} ns/item)</tspan></text>"
        )
        y += bar_h + gap
    # The target line over the bars, under the labels.
    if target is not None:
        tx = x(target)
        out.append(
            f'<line x1="{tx:.1f}" y1="{top - 10}" x2="{tx:.1f}" y2="{axis_y}" stroke="#c92a2a" '
            f'stroke-width="2" stroke-dasharray="6,4"/>'
        )
        labels.append(
            f'<text x="{tx + 4:.1f}" y="{top - 12}" fill="#c92a2a" font-size="12"{HALO}>target ≤ {target:g}×</text>'
        )
    out += labels
    out.append(f'<line x1="{left}" y1="{top - 6}" x2="{left}" y2="{axis_y}" stroke="#333"/>')
    out.append(
        f'<text x="{left + plot_w / 2:.0f}" y="{height - 8}" text-anchor="middle" fill="#555" font-size="11">'
        "time per item ÷ the hand-written baseline's in the same shape (lower is better)</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- report


def ratio_of(data: dict, name: str, key: str = "ns") -> float | None:
    """A row's value over its shape's baseline's, if both were measured."""
    row = data.get(name)
    base = data.get(BASELINE + split_shape(name)[1])
    if not row or not base or not base.get(key):
        return None
    return row[key] / base[key]


def grind_rows(grind: dict | None, group: str) -> dict:
    if not grind or "results" not in grind:
        return {}
    return grind["results"].get(workload_of(group), {}).get("rows", {})


def targets_section(results: dict, grind: dict | None) -> list[str]:
    lines = [
        "## Targets (issue 11, item 6)",
        "",
        "Each ratio is to the hand-written baseline of the same shape of consumer, in",
        "the same run: time (criterion) and, exact, instructions (callgrind). A target",
        "is met when the time ratio is within it (and, where the target says so, the",
        "instructions per item and the allocations); the instruction ratio is beside",
        "it because times move from run to run on this shared machine.",
        "",
        "| workload | shape | target | coro: time | coro: instructions per item (create: per generator) | met |",
        "|---|---|---|---:|---:|---|",
    ]
    met = total = 0
    for group, contender, limit, max_instr, no_alloc in TARGETS:
        title = next((t for g, t, _ in WORKLOADS if g == group), group)
        data = results.get(group, {})
        rows = grind_rows(grind, group)
        for suffix, shape in TARGET_SHAPES:
            name = contender + suffix
            time = ratio_of(data, name)
            row = rows.get(name)
            instr = ratio_of(rows, name, "per_unit")
            goal = f"≤ {limit:g}×"
            if max_instr is not None:
                goal += f", ≤ {max_instr:g} instructions/item"
            if no_alloc:
                goal += ", 0 allocations"
            checks = []
            if time is not None:
                checks.append(time <= limit)
            if max_instr is not None and row:
                checks.append(row["per_item"] <= max_instr)
            if no_alloc and row:
                checks.append(row["alloc_per_unit"] == 0)
            cells_instr = "not measured"
            if row:
                cells_instr = f"{instructions.fmt(row['per_unit'])} ({fmt_ratio(instr) if instr else '—'})"
                if no_alloc:
                    cells_instr += f"; {instructions.fmt(row['alloc_per_unit'])} allocations"
            if time is None:
                verdict = "not measured"
            else:
                total += 1
                ok = all(checks)
                met += ok
                verdict = "**met**" if ok else "not met"
                if instr is not None and (instr <= limit) != (time <= limit):
                    verdict += f" (instructions: {fmt_ratio(instr)})"
            lines.append(
                f"| {title} | {shape} | {goal} | {fmt_ratio(time) if time else '—'} | {cells_instr} | {verdict} |"
            )
    lines += ["", f"{met} of {total} met.", ""]

    # The size target: coro's generator against nightly's `gen` for the body.
    if grind and "sizes" in grind:
        sizes, nightly = grind["sizes"], grind.get("nightly")
        lines += [
            "Size: coro's generator no larger than nightly Rust's `gen` block for the same",
            "body (`size_of_val`, plus what making it allocated, for a boxed one; see",
            "\"Generator sizes\" below).",
            "",
            "| workload | coro | nightly `gen` | met |",
            "|---|---:|---:|---|",
        ]
        size_met = size_total = 0
        for workload, table in sizes.items():
            row = table.get("coro")
            if not row:
                continue
            bytes_ = row["value"] + row["heap"]
            shown = str(row["value"]) + (f" + {row['heap']} heap" if row["heap"] else "")
            gen = (nightly or {}).get(workload)
            if gen is None:
                verdict = "not measured"
            else:
                size_total += 1
                size_met += bytes_ <= gen
                verdict = "**met**" if bytes_ <= gen else "not met"
            lines.append(f"| {workload} | {shown} | {gen if gen is not None else '—'} | {verdict} |")
        lines += ["", f"{size_met} of {size_total} met.", ""]

    lines += [
        "## Earlier targets (issue 6)",
        "",
        "| workload | target | applies to | measured (time) | met | other coro rows |",
        "|---|---|---|---:|---|---|",
    ]
    for group, contender, limit in OLD_TARGETS:
        title = next((t for g, t, _ in WORKLOADS if g == group), group)
        data = results.get(group, {})
        ratio = ratio_of(data, contender)
        measured = fmt_ratio(ratio) if ratio else "not measured"
        verdict = "—" if ratio is None else ("**met**" if ratio <= limit else "not met")
        others = [
            f"{name}: {fmt_ratio(r)}"
            for name in sorted(data, key=order_key)
            if name.startswith("coro") and name != contender and not split_shape(name)[1]
            and (r := ratio_of(data, name)) is not None
        ]
        lines.append(f"| {title} | ≤ {limit:g}× | {contender} | {measured} | {verdict} | {', '.join(others) or '—'} |")
    lines.append("")
    return lines


def write_report(
    results: dict, grind: dict | None, info: dict, commands: list[str], quick: bool
) -> None:
    CHARTS.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Benchmarks",
        "",
        "Written by `benches/report.py` from one run; do not edit by hand. Each",
        "workload has a hand-written baseline in the same criterion group, measured",
        "in the same run, in each shape of consumer; a ratio is the contender's time",
        "per item divided by the baseline's (lower is better). Times are criterion's",
        "median per iteration divided by the items of one iteration, with the 95%",
        "confidence interval of the median. Every item goes through",
        "`std::hint::black_box` in every contender, so that no loop becomes a formula.",
        "Instructions per item (callgrind) are exact and repeatable, unlike times.",
        "",
    ]
    if info.get("changed"):
        lines += [
            "**Warning:** coro's sources changed during this run, so its measurements",
            "may mix two versions of the library. Run it again.",
            "",
        ]
    if quick:
        lines += [
            "**Short run** (criterion's measurements shortened, see the command below):",
            "the times are noisier than a full run's; the instruction counts are exact",
            "either way.",
            "",
        ]
    lines += [
        "## Machine and commands",
        "",
        f"* CPU: {info['cpu']}, {info['cores']} cores; {info['os']}",
        f"* `{info['rustc']}`",
        f"* coro commit {info['commit']}; run on {info['date']}",
        f"* load average before the run: {info['load']} (a shared machine: other work adds noise)",
        "* profile: `lto = \"fat\"`, `codegen-units = 1`, `-C llvm-args=-align-loops=64` "
        "(benches/Cargo.toml, benches/.cargo/config.toml)",
        "",
        "```sh",
        info.get("invocation", "python3 benches/report.py"),
    ]
    lines += [f"# which ran, in benches/: {c}" for c in commands]
    lines += ["```", ""]
    lines += targets_section(results, grind)
    if ANALYSIS.exists():
        # Hand-written: for each target missed, the figure, why, and what
        # would meet it (the issue asks for that beside the numbers).
        lines += [ANALYSIS.read_text().rstrip(), ""]
    lines += ["## Contenders", ""]
    lines += [f"* **{name}**: {doc}" for name, doc in CONTENDERS_DOC.items()]
    lines.append("")

    goals = {g: limit for g, _, limit, _, _ in TARGETS}
    goals.update({g: limit for g, _, limit in OLD_TARGETS})
    for group, title, what in WORKLOADS:
        data = results.get(group)
        lines += [f"## {title}", "", what + ".", ""]
        if not data or BASELINE not in data:
            lines += ["Not measured in this run.", ""]
            continue
        rows = sorted(data.items(), key=lambda kv: order_key(kv[0]))
        goal = goals.get(group)
        subtitle = what.replace("`", "")
        subtitle = subtitle if len(subtitle) < 110 else subtitle[:107] + "…"
        chart = svg_chart(
            title, subtitle, [(n, ratio_of(data, n) or 0.0, r["ns"]) for n, r in rows], goal
        )
        (CHARTS / f"{group}.svg").write_text(chart)
        lines += [f"![{title}](benches/charts/{group}.svg)", ""]
        counted = grind_rows(grind, group)
        workload = workload_of(group)
        unit = instructions.UNIT.get(workload, "item")
        if counted and workload in instructions.DEPTH:
            depth = grind["results"][workload]["n"]
            lines += [f"Instructions per {unit} from trees of depths {depth} and {depth + 1}, the build subtracted.", ""]
        lines += [
            f"| contender | ns/item | 95% CI | × baseline | × same-shape baseline | instructions/{unit} | × same-shape baseline |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        base = data[BASELINE]["ns"]
        for name, r in rows:
            label = f"**{name}**" if name.startswith("coro") else name
            same = ratio_of(data, name)
            row = counted.get(name)
            instr = instructions.fmt(row["per_unit"]) if row else "—"
            instr_ratio = fmt_ratio(x) if (x := ratio_of(counted, name, "per_unit")) else "—"
            lines.append(
                f"| {label} | {fmt_ns(r['ns'])} | {fmt_ns(r['lo'])}–{fmt_ns(r['hi'])} | "
                f"{fmt_ratio(r['ns'] / base)} | {fmt_ratio(same) if same else '—'} | {instr} | {instr_ratio} |"
            )
        lines.append("")

    if grind is None:
        lines += ["## Instructions per item (callgrind)", "", "Not run (`--no-callgrind`).", ""]
    elif "skipped" in grind:
        lines += ["## Instructions per item (callgrind)", "", f"Skipped: {grind['skipped']}.", ""]
    else:
        lines += instructions.render_instructions(grind["results"], grind["version"], "##")
        lines += instructions.render_sizes(grind["sizes"], grind["nightly"], grind["nightly_note"], "##")
    # The compile-time comparison, from its own script's last run.
    compile_time = ROOT / "benches" / "compile_time.md"
    if compile_time.exists():
        lines += compile_time.read_text().splitlines() + [""]
    REPORT.write_text("\n".join(lines))
    print(f"wrote {REPORT.relative_to(ROOT)} and {CHARTS.relative_to(ROOT)}/*.svg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-bench", action="store_true", help="report the last criterion results; do not run cargo bench")
    parser.add_argument("--no-callgrind", action="store_true", help="skip the callgrind instruction counts")
    parser.add_argument("--quick", action="store_true", help="short measurements (a smoke test of the whole pipeline)")
    parser.add_argument("--warm-up-time", type=float, help="criterion's warm-up per benchmark, in seconds (default 1)")
    parser.add_argument("--measurement-time", type=float, help="criterion's measurement per benchmark, in seconds (default 2)")
    parser.add_argument("--rewrite", action="store_true", help=f"measure nothing: rewrite the report from the last run's data ({SAVED.name})")
    args = parser.parse_args()
    if args.rewrite:
        if not SAVED.exists():
            sys.exit(f"no saved run at {SAVED}: run report.py once first")
        saved = json.loads(SAVED.read_text())
        write_report(saved["results"], saved["grind"], saved["info"], saved["commands"], saved["short"])
        return
    extra = []
    if args.warm_up_time is not None:
        extra += ["--warm-up-time", f"{args.warm_up_time:g}"]
    if args.measurement_time is not None:
        extra += ["--measurement-time", f"{args.measurement_time:g}"]

    info = machine()
    fingerprint = library_fingerprint()
    commands = []
    valgrind = None if args.no_callgrind else shutil.which("valgrind")
    if valgrind:
        # Built first, so that it runs the same library as the benchmarks
        # (the bench build then reuses it).
        build_counter()
        commands.append(" ".join(BUILD_COMMAND))
    since = None
    if not args.no_bench:
        since = time.time() - 1
        cmd = run_criterion(args.quick, extra)
        commands.append(" ".join(quote(c) for c in cmd))
    results = read_criterion(since)
    if not results:
        sys.exit(f"no criterion results under {CRITERION}")
    grind = None
    if args.no_callgrind:
        pass
    elif valgrind:
        grind = callgrind(valgrind)
        commands += [
            "valgrind --tool=callgrind target/release/count_instructions WORKLOAD/CONTENDER N  # N and 2N, every row (instructions.py)",
            "target/release/count_instructions sizes",
            "nightly/run.sh  # rustc +nightly -O nightly/gen_sizes.rs, run",
        ]
    else:
        print("valgrind not found: skipping the instruction counts")
        grind = {"skipped": "valgrind is not installed (`apt-get install valgrind`)"}
    if library_fingerprint() != fingerprint:
        info["changed"] = "yes"
        print("warning: coro's sources changed during the run; the results may mix two versions")
    info["invocation"] = " ".join(["python3 benches/report.py"] + [quote(a) for a in sys.argv[1:]])
    short = args.quick or bool(extra)
    SAVED.write_text(json.dumps({"results": results, "grind": grind, "info": info, "commands": commands, "short": short}))
    write_report(results, grind, info, commands, short)


if __name__ == "__main__":
    main()
