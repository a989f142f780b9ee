#!/usr/bin/env python3
"""Runs coro's benchmarks and writes BENCHMARKS.md and benches/charts/*.svg.

    python3 benches/report.py               # criterion, callgrind, report
    python3 benches/report.py --no-bench    # report the last criterion run
    python3 benches/report.py --quick       # a short smoke run (noisy)

Steps:

1. `cargo bench --bench generators` in benches/ (criterion; every workload
   has a hand-written baseline in its group, measured in the same run).
2. Reads target/criterion/<group>/<contender>/new/{benchmark,estimates}.json:
   the median time per iteration divided by the group's throughput (its item
   count) is the time per item; the ratio is to the group's `baseline`.
3. Instructions per item of `count` with valgrind's callgrind: the
   `count_instructions` binary runs one contender on N and on 2N items, and
   (instructions(2N) - instructions(N)) / N is the cost of one item, without
   the program's start-up. Skipped, with a note, if valgrind is missing.
4. Writes BENCHMARKS.md at the repository root (machine, commands, a table
   per workload, the issue's targets marked met or not from the data) and one
   SVG bar chart per workload under benches/charts/.

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

BENCHES = Path(__file__).resolve().parent
ROOT = BENCHES.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", BENCHES / "target"))
CRITERION = TARGET / "criterion"
CHARTS = BENCHES / "charts"
REPORT = ROOT / "BENCHMARKS.md"
ANALYSIS = BENCHES / "analysis.md"

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

# The targets: (group, the coro contender it applies to, max ratio).
TARGETS = [
    ("count", "coro", 4.0),
    ("filter_map", "coro", 1.25),
    ("tree-16", "coro", 3.0),
    ("tree-20", "coro", 3.0),
    ("create", "coro unboxed", 4.0),
    ("async_count", "coro", 1.5),
]

BASELINE = "baseline"
# Report order of the contenders; any other sorts after these, by name.
ORDER = [
    BASELINE,
    "coro",
    "coro unboxed",
    "genawaiter rc",
    "genawaiter stack",
    "next-gen",
    "async-stream",
    # The shapes whose consumer is not inlined (`instructions.py` counts
    # their instructions in every workload).
    "baseline (opaque consumer)",
    "coro (opaque consumer)",
    "coro unboxed (opaque consumer)",
    "async-stream (opaque consumer)",
    "baseline (dyn consumer)",
    "coro (dyn consumer)",
    "coro unboxed (dyn consumer)",
]

CONTENDERS_DOC = {
    BASELINE: "hand-written `Iterator` (or `Stream`) struct; the tree's is an explicit-stack iterator",
    "coro": "`#[generator] fn` / `async fn` (boxed, one allocation per generator); `yield_from!` for the tree",
    "coro unboxed": "`#[generator(unboxed)]`: a `Coroutine` pinned with `pin!` and iterated with `Yields`, or an unboxed `Stream` (no allocation)",
    "genawaiter rc": "genawaiter 0.99 `rc::Gen` (heap); recursion through a boxed future",
    "genawaiter stack": "genawaiter 0.99 `stack::let_gen_using!` (no allocation)",
    "next-gen": "next-gen 0.1 `#[generator]` pinned with `mk_gen!`; recursion through `call_boxed`",
    "async-stream": "async-stream 0.3 `stream!`, pinned and polled with a no-op waker in the sync workloads (it has no `Iterator` form), under `block_on` in async count; recursion through `Pin<Box<dyn Stream>>` and `for await`",
    "… (opaque consumer)": "the same generator, consumed by value by a generic `#[inline(never)]` function (`sum_iter_opaque`, `sum_polled_opaque`): the consumer's loop is not inlined into the function that makes the generator",
    "… (dyn consumer)": "the same generator, boxed and consumed as a `Box<dyn Iterator>` by an `#[inline(never)]` function (`sum_dyn`): every `next` is an indirect call, and the box is one more allocation per generator",
}

CALLGRIND_N = 100_000


def run(cmd: list[str], cwd: Path = BENCHES, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, check=False, text=True, **kw)


def output(cmd: list[str], cwd: Path = ROOT) -> str:
    try:
        return run(cmd, cwd=cwd, capture_output=True).stdout.strip()
    except OSError:
        return ""


def order_key(name: str) -> tuple[int, str]:
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)


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


def run_criterion(quick: bool) -> list[str]:
    cmd = BENCH_COMMAND + (["--"] + QUICK_ARGS if quick else [])
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
    """Instructions per item of `count` per contender (already built)."""
    binary = TARGET / "release" / "count_instructions"
    usage = run([str(binary)], capture_output=True).stderr
    found = re.search(r"contenders: (.*)", usage)
    if not found:
        sys.exit(f"count_instructions printed no contenders:\n{usage}")
    contenders = sorted(found.group(1).strip().split(", "), key=order_key)
    version = output([valgrind, "--version"])
    rows = {}
    out_dir = TARGET / "callgrind"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in contenders:
        counts = []
        allocations = []
        for n in (CALLGRIND_N, 2 * CALLGRIND_N):
            out = out_dir / f"{name.replace(' ', '_')}.{n}.out"
            cmd = [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                str(binary),
                name,
                str(n),
            ]
            done = run(cmd, capture_output=True)
            if done.returncode != 0:
                sys.exit(f"callgrind failed for {name} {n}:\n{done.stderr[-2000:]}")
            counts.append(callgrind_total(out))
            alloc = re.search(r"allocations (\d+)", done.stdout)
            allocations.append(int(alloc.group(1)) if alloc else None)
        per_item = (counts[1] - counts[0]) / CALLGRIND_N
        rows[name] = {"per_item": per_item, "allocations": allocations[0], "counts": counts}
        print(f"  callgrind {name:<18} {per_item:8.2f} instructions/item", flush=True)
    base = rows.get(BASELINE, {}).get("per_item")
    for row in rows.values():
        row["ratio"] = row["per_item"] / base if base else None
    return {"version": version, "rows": rows, "command": " ".join(
        ["valgrind", "--tool=callgrind", "target/release/count_instructions", "CONTENDER", "N"]
    )}


def callgrind_total(path: Path) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    sys.exit(f"no instruction total in {path}")


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


def svg_chart(title: str, subtitle: str, rows: list[tuple[str, float, float]], target: float | None) -> str:
    """Horizontal bars of the ratio to the baseline; rows: (name, ratio, ns)."""
    bar_h, gap = 24, 10
    left, right_pad = 150, 150
    plot_w = 460
    top = 78
    width = left + plot_w + right_pad
    height = top + len(rows) * (bar_h + gap) + 44
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
    axis_y = top + len(rows) * (bar_h + gap)
    tick = 0.0
    while tick <= scale_max + 1e-9:
        tx = x(tick)
        out.append(f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e6e6e6"/>')
        label = f"{tick:g}×"
        out.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#777" font-size="11">{label}</text>')
        tick += step
    labels = []
    for i, (name, ratio, ns) in enumerate(rows):
        y = top + i * (bar_h + gap)
        if name == BASELINE:
            fill = "#555555"
        elif name.startswith("coro"):
            fill = "#e8590c" if name == "coro" else "#f59f00"
        else:
            fill = "#a5b4c8"
        weight = ' font-weight="bold"' if name.startswith("coro") else ""
        labels.append(
            f'<text x="{left - 8}" y="{y + bar_h / 2 + 4.5:.1f}" text-anchor="end" fill="#222"{weight}>'
            f"{html.escape(name)}</text>"
        )
        w = max(x(ratio) - left, 1.5)
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" rx="2"/>')
        labels.append(
            f'<text x="{left + w + 6:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" fill="#222"{weight}{HALO}>'
            f"{fmt_ratio(ratio)}  <tspan fill=\"#666\" font-weight=\"normal\">({fmt_ns(ns)} ns/item)</tspan></text>"
        )
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
        "time per item ÷ the hand-written baseline's (lower is better)</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- report


def target_for(group: str) -> tuple[str, float] | None:
    for g, contender, limit in TARGETS:
        if g == group:
            return contender, limit
    return None


def write_report(
    results: dict, grind: dict | None, info: dict, commands: list[str], quick: bool
) -> None:
    CHARTS.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Benchmarks",
        "",
        "Written by `benches/report.py` from one run; do not edit by hand. Each",
        "workload has a hand-written baseline in the same criterion group, measured",
        "in the same run; the ratio is the contender's time per item divided by the",
        "baseline's (lower is better). Times are criterion's median per iteration",
        "divided by the items of one iteration, with the 95% confidence interval of",
        "the median. Every item goes through `std::hint::black_box` in every",
        "contender, so that no loop becomes a formula.",
        "",
    ]
    if info.get("changed"):
        lines += [
            "**Warning:** coro's sources changed during this run, so its measurements",
            "may mix two versions of the library. Run it again.",
            "",
        ]
    if quick:
        lines += ["**Quick run** (`--quick`: short measurements, noisy): not for comparisons.", ""]
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
        "python3 benches/report.py",
    ]
    lines += [f"# which ran, in benches/: {c}" for c in commands]
    lines += ["```", "", "## Targets (issue 6)", ""]
    lines += [
        "| workload | target | applies to | measured | met | other coro path |",
        "|---|---|---|---|---|---|",
    ]
    met_count = 0
    for group, contender, limit in TARGETS:
        title = next((t for g, t, _ in WORKLOADS if g == group), group)
        data = results.get(group, {})
        base = data.get(BASELINE)
        row = data.get(contender)
        if base and row:
            ratio = row["ns"] / base["ns"]
            met = ratio <= limit
            met_count += met
            measured, verdict = fmt_ratio(ratio), "**met**" if met else "not met"
        else:
            measured, verdict = "not measured", "—"
        others = [
            f"{name}: {fmt_ratio(r['ns'] / base['ns'])}"
            for name, r in sorted(data.items(), key=lambda kv: order_key(kv[0]))
            if name.startswith("coro") and name != contender and base
        ]
        lines.append(
            f"| {title} | ≤ {limit:g}× | {contender} | {measured} | {verdict} | {', '.join(others) or '—'} |"
        )
    lines += ["", f"{met_count} of {len(TARGETS)} targets met.", ""]
    if ANALYSIS.exists():
        # Hand-written: for each target missed, the figure, why, and what
        # would meet it (the issue asks for that beside the numbers).
        lines += [ANALYSIS.read_text().rstrip(), ""]
    lines += ["## Contenders", ""]
    lines += [f"* **{name}**: {doc}" for name, doc in CONTENDERS_DOC.items()]
    lines.append("")

    for group, title, what in WORKLOADS:
        data = results.get(group)
        lines += [f"## {title}", "", what + ".", ""]
        if not data or BASELINE not in data:
            lines += ["Not measured in this run.", ""]
            continue
        base = data[BASELINE]["ns"]
        rows = sorted(data.items(), key=lambda kv: order_key(kv[0]))
        goal = target_for(group)
        subtitle = what.replace("`", "")
        subtitle = subtitle if len(subtitle) < 95 else subtitle[:92] + "…"
        chart = svg_chart(title, subtitle, [(n, r["ns"] / base, r["ns"]) for n, r in rows], goal[1] if goal else None)
        (CHARTS / f"{group}.svg").write_text(chart)
        lines += [f"![{title}](benches/charts/{group}.svg)", ""]
        lines += ["| contender | ns/item | 95% CI | × baseline |", "|---|---:|---:|---:|"]
        for name, r in rows:
            label = f"**{name}**" if name.startswith("coro") else name
            ratio = fmt_ratio(r["ns"] / base)
            if goal and name == goal[0]:
                ratio += f" (target ≤ {goal[1]:g}×)"
            lines.append(
                f"| {label} | {fmt_ns(r['ns'])} | {fmt_ns(r['lo'])}–{fmt_ns(r['hi'])} | {ratio} |"
            )
        lines.append("")

    lines += ["## Instructions per item (`count`, callgrind)", ""]
    if grind is None:
        lines += ["Not run (`--no-callgrind`).", ""]
    elif "skipped" in grind:
        lines += [f"Skipped: {grind['skipped']}.", ""]
    else:
        lines += [
            "Exact and repeatable, unlike times: `count_instructions CONTENDER N` runs one",
            f"contender of `count` once; under callgrind for N = {CALLGRIND_N:,} and 2N,",
            "(instructions(2N) − instructions(N)) / N is what one more item costs, start-up",
            f"excluded. {grind['version']}; release profile as above.",
            "",
            "```sh",
            f"# in benches/: {' '.join(BUILD_COMMAND)}",
            f"{grind['command']}",
            "```",
            "",
            "| contender | instructions/item | × baseline | allocations (whole run) |",
            "|---|---:|---:|---:|",
        ]
        for name, row in grind["rows"].items():
            label = f"**{name}**" if name.startswith("coro") else name
            ratio = fmt_ratio(row["ratio"]) if row["ratio"] else "—"
            alloc = "—" if row["allocations"] is None else str(row["allocations"])
            lines.append(f"| {label} | {row['per_item']:.2f} | {ratio} | {alloc} |")
        lines.append("")
    REPORT.write_text("\n".join(lines))
    print(f"wrote {REPORT.relative_to(ROOT)} and {CHARTS.relative_to(ROOT)}/*.svg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-bench", action="store_true", help="report the last criterion results; do not run cargo bench")
    parser.add_argument("--no-callgrind", action="store_true", help="skip the callgrind instruction counts")
    parser.add_argument("--quick", action="store_true", help="short measurements (a smoke test of the whole pipeline)")
    args = parser.parse_args()

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
        cmd = run_criterion(args.quick)
        commands.append(" ".join(quote(c) for c in cmd))
    results = read_criterion(since)
    if not results:
        sys.exit(f"no criterion results under {CRITERION}")
    grind = None
    if args.no_callgrind:
        pass
    elif valgrind:
        grind = callgrind(valgrind)
        commands.append("valgrind --tool=callgrind target/release/count_instructions CONTENDER N  # N and 2N")
    else:
        print("valgrind not found: skipping the instruction counts")
        grind = {"skipped": "valgrind is not installed (`apt-get install valgrind`)"}
    if library_fingerprint() != fingerprint:
        info["changed"] = "yes"
        print("warning: coro's sources changed during the run; the results may mix two versions")
    write_report(results, grind, info, commands, args.quick)


if __name__ == "__main__":
    main()
