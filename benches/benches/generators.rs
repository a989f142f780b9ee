//! coro against a hand-written baseline and the other generator crates, one
//! criterion group per workload. At the end it prints, for each workload, ns
//! per item and the ratio to the baseline of the same group and run;
//! `report.py` turns the same results into `BENCHMARKS.md` and its charts.

use std::hint::black_box;
use std::time::Duration;

use coro_benches::{
    Contender, async_count, count, create, filter_map, stack_tree, tokenizer, tree,
};
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};

/// The input size of `count`, `filter_map` and `async_count`, and the
/// tokens of `tokenizer`'s text.
const N: u64 = 100_000;
/// The number of generators `create` creates.
const CREATED: u64 = 1_000_000;
/// The depths of the trees of `tree`.
const DEPTHS: [u32; 2] = [16, 20];
/// The depth of the tree of `stack_tree`.
const STACK_DEPTH: u32 = 16;

/// Runs every contender of a workload on `input`, after checking that each
/// computes the baseline's sum.
fn bench_workload(
    group: &mut BenchmarkGroup<'_, WallTime>,
    contenders: &[Contender],
    input: u64,
    items: u64,
) {
    let expected = contenders[0].1(input);
    group.throughput(Throughput::Elements(items));
    for &(name, run) in contenders {
        assert_eq!(run(input), expected, "{name} computes a different sum");
        group.bench_function(name, |b| b.iter(|| run(black_box(input))));
    }
}

/// Runs every walk of a tree of `depth` levels in a group of its own.
fn bench_walks(c: &mut Criterion, group: &str, walks: &[(&str, tree::Walk)], depth: u32) {
    let root = tree::perfect(depth);
    let mut group = c.benchmark_group(group);
    // One walk of the larger tree takes milliseconds: flat sampling keeps
    // the run short.
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(tree::items(depth)));
    let expected = walks[0].1(&root);
    for &(name, walk) in walks {
        assert_eq!(walk(&root), expected, "{name} computes a different sum");
        group.bench_function(name, |b| b.iter(|| walk(black_box(&root))));
    }
    group.finish();
}

fn workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("count");
    bench_workload(&mut group, count::CONTENDERS, N, count::items(N));
    group.finish();

    let mut group = c.benchmark_group("filter_map");
    bench_workload(&mut group, filter_map::CONTENDERS, N, filter_map::items(N));
    group.finish();

    let text = tokenizer::text(N);
    let mut group = c.benchmark_group("tokenizer");
    group.throughput(Throughput::Elements(tokenizer::items(N)));
    let expected = tokenizer::baseline(&text);
    for &(name, run) in tokenizer::CONTENDERS {
        assert_eq!(run(&text), expected, "{name} computes a different sum");
        group.bench_function(name, |b| b.iter(|| run(black_box(&text))));
    }
    group.finish();

    for depth in DEPTHS {
        bench_walks(c, &format!("tree-{depth}"), tree::CONTENDERS, depth);
    }
    bench_walks(
        c,
        &format!("stack_tree-{STACK_DEPTH}"),
        stack_tree::CONTENDERS,
        STACK_DEPTH,
    );

    let mut group = c.benchmark_group("create");
    group.sampling_mode(SamplingMode::Flat);
    bench_workload(
        &mut group,
        create::CONTENDERS,
        CREATED,
        create::items(CREATED),
    );
    group.finish();

    let mut group = c.benchmark_group("async_count");
    bench_workload(
        &mut group,
        async_count::CONTENDERS,
        N,
        async_count::items(N),
    );
    group.finish();
}

/// 20 samples over 2 s per contender (after 1 s of warm-up) keep a full run
/// of the ~140 benchmarks to about ten minutes on two cores
/// (`-- --warm-up-time 0.2 --measurement-time 0.5` for a shorter, noisier
/// one).
fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

criterion::criterion_group! {
    name = benches;
    config = config();
    targets = workloads
}

fn main() {
    let start = std::time::SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios(start);
}

/// Prints ns per item and the ratios to the baseline and to the baseline of
/// the same shape of consumer, for every benchmark criterion measured since
/// `start` (what this run measured: a filter given on the command line
/// leaves the others out).
fn print_ratios(start: std::time::SystemTime) {
    let root = std::path::Path::new("target/criterion");
    let groups = [
        "count",
        "filter_map",
        "tokenizer",
        "tree-16",
        "tree-20",
        "stack_tree-16",
        "create",
        "async_count",
    ];
    println!(
        "\n{:<14} {:<42} {:>10} {:>8} {:>8}",
        "workload", "contender", "ns/item", "× base", "× shape"
    );
    for group in groups {
        let Ok(entries) = std::fs::read_dir(root.join(group)) else {
            continue;
        };
        let mut rows: Vec<(String, f64)> = entries
            .flatten()
            .filter_map(|entry| measured_since(&entry.path().join("new"), start))
            .collect();
        rows.sort_by(|a, b| order(&a.0).cmp(&order(&b.0)));
        let find = |name: &str| rows.iter().find(|row| row.0 == name).map(|row| row.1);
        let ratio = |ns: f64, base: Option<f64>| {
            base.map_or_else(|| "—".to_owned(), |b| format!("{:.2}×", ns / b))
        };
        for (name, ns) in &rows {
            let (_, shape) = split_shape(name);
            let base = ratio(*ns, find("baseline"));
            let same = ratio(*ns, find(&format!("baseline{shape}")));
            println!("{group:<14} {name:<42} {ns:>10.3} {base:>8} {same:>8}");
        }
    }
}

/// A benchmark's name and median ns per item, from the criterion results
/// in `dir`, if this run measured it.
fn measured_since(dir: &std::path::Path, start: std::time::SystemTime) -> Option<(String, f64)> {
    let estimates_path = dir.join("estimates.json");
    let modified = std::fs::metadata(&estimates_path).ok()?.modified().ok()?;
    if modified < start {
        return None;
    }
    let read = |path: std::path::PathBuf| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    };
    let meta = read(dir.join("benchmark.json"))?;
    let estimates = read(estimates_path)?;
    let items = meta["throughput"]["Elements"].as_f64()?;
    let median = estimates["median"]["point_estimate"].as_f64()?;
    let name = meta["function_id"].as_str()?.to_owned();
    Some((name, median / items))
}

/// A contender's name without its shape, and the shape's suffix
/// (` (opaque consumer)`, ` (dyn consumer)`, or nothing for inlined).
fn split_shape(name: &str) -> (&str, &str) {
    for suffix in [" (opaque consumer)", " (dyn consumer)"] {
        if let Some(base) = name.strip_suffix(suffix) {
            return (base, suffix);
        }
    }
    (name, "")
}

/// By shape (inlined, opaque, dyn); in each, the baseline first, then
/// coro's contenders, then the others.
fn order(name: &str) -> (u8, u8, &str) {
    let (base, shape) = split_shape(name);
    let shape = match shape {
        "" => 0,
        " (opaque consumer)" => 1,
        _ => 2,
    };
    match base {
        "baseline" => (shape, 0, base),
        _ if base.starts_with("coro") => (shape, 1, base),
        _ => (shape, 2, base),
    }
}
