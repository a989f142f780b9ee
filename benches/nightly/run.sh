#!/usr/bin/env bash
# Prints the size of nightly `gen` blocks for the bodies of the benchmark
# workloads (see gen_sizes.rs): `benches/nightly/run.sh`. Needs a nightly
# toolchain (`rustup toolchain install nightly`).
set -euo pipefail
cd "$(dirname "$0")"
out="${TMPDIR:-/tmp}/coro-gen-sizes.$$"
trap 'rm -f "$out"' EXIT
rustc +nightly -O --edition 2024 -o "$out" gen_sizes.rs
"$out"
