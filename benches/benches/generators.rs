//! coro against a hand-written baseline and the other generator crates, one
//! criterion group per workload. `report.py` turns the results into
//! `BENCHMARKS.md`: ns per item, and the ratio to the baseline of the same
//! group and run.

use std::hint::black_box;
use std::time::Duration;

use coro_benches::{Contender, async_count, count, create, filter_map, tree};
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};

/// The input size of `count`, `filter_map` and `async_count`.
const N: u64 = 100_000;
/// The number of generators `create` creates.
const CREATED: u64 = 1_000_000;
/// The depths of the trees of `tree`.
const DEPTHS: [u32; 2] = [16, 20];

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

fn workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("count");
    bench_workload(&mut group, count::CONTENDERS, N, count::items(N));
    group.finish();

    let mut group = c.benchmark_group("filter_map");
    bench_workload(&mut group, filter_map::CONTENDERS, N, filter_map::items(N));
    group.finish();

    for depth in DEPTHS {
        let root = tree::perfect(depth);
        let mut group = c.benchmark_group(format!("tree-{depth}"));
        // One walk of the larger tree takes milliseconds: flat sampling
        // keeps the run short.
        group.sampling_mode(SamplingMode::Flat);
        group.throughput(Throughput::Elements(tree::items(depth)));
        let expected = tree::baseline(&root);
        for &(name, walk) in tree::CONTENDERS {
            assert_eq!(walk(&root), expected, "{name} computes a different sum");
            group.bench_function(name, |b| b.iter(|| walk(black_box(&root))));
        }
        group.finish();
    }

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
/// of the ~40 benchmarks to a few minutes on two cores.
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
criterion::criterion_main!(benches);
