#!/usr/bin/env bash
# Benchmark smoke run (issue 7): every criterion benchmark once on a 1 MB
# corpus (`-- --test`: correctness of the bench code, no timing), then the
# hostile-input measurements at 1/20 of their full size (a 2.5 MB line, 50 000
# headers, …) in a release build. Seconds, not minutes; the figures that go in
# the README come from the full commands in README "Performance and limits".
set -euo pipefail
cd "$(dirname "$0")/../.."

JIXIAO_BENCH_SIZES=1 cargo bench --locked -p jixiao-bench --bench parse -- --test
cargo run --locked --release -q -p jixiao-bench --bin jixiao-measure -- hostile 0.05
