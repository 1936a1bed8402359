//! Criterion benchmarks: the floor and every route through the parser, on
//! the same bytes, reported as throughput (MB/s) side by side.
//!
//! `cargo bench -p jixiao-bench` runs them on a 1 MB and a 10 MB corpus
//! (set `JIXIAO_BENCH_SIZES=1,10,100` to choose, in MB); `-- --test` runs each
//! once (the CI smoke run). Scaling to 100 MB, forms/s, ratios to the floor
//! and peak memory come from `cargo run --release -p jixiao-bench --bin
//! jixiao-measure`, which is faster to run at those sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_main, BenchmarkId, Criterion, Throughput};

const MB: usize = 1 << 20;

fn sizes() -> Vec<usize> {
    std::env::var("JIXIAO_BENCH_SIZES").ok().map_or_else(
        || vec![1, 10],
        |s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    )
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
}

fn benches(c: &mut Criterion) {
    let one = pool(1);
    let two = pool(2);
    for mb in sizes() {
        let text = jixiao_bench::corpus(mb * MB, 42);
        let bytes = text.as_bytes();
        let doc = jixiao::parse(&text);
        let damaged = jixiao_bench::damage(&text, 42, 25);
        let options = jixiao::CheckOptions::default();

        let mut g = c.benchmark_group(format!("{mb}MB"));
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(if mb >= 10 { 20 } else { 5 }));

        g.bench_function("floor", |b| {
            b.iter(|| jixiao_bench::floor(black_box(bytes)));
        });
        g.bench_function("parse", |b| {
            b.iter(|| jixiao::parse_bytes(black_box(bytes)));
        });
        g.bench_function("parse+json", |b| {
            b.iter(|| jixiao::parse_bytes(black_box(bytes)).map(|d| d.to_json().len()));
        });
        g.bench_function("check", |b| {
            b.iter(|| jixiao::check(black_box(&doc), &options));
        });
        g.bench_function("stream", |b| {
            b.iter(|| jixiao_bench::stream_count(black_box(bytes)));
        });
        for (threads, p) in [(1, &one), (2, &two)] {
            g.bench_with_input(BenchmarkId::new("parallel", threads), &text, |b, t| {
                b.iter(|| p.install(|| jixiao_bench::parse_parallel(black_box(t))));
            });
        }
        g.throughput(Throughput::Bytes(damaged.len() as u64));
        g.bench_function("parse-damaged", |b| {
            b.iter(|| jixiao::parse(black_box(&damaged)));
        });
        g.finish();
    }
}

/// Each layout's reader on the committed fixtures (one sample, 20 copies),
/// with the floor on the same bytes.
fn layouts(c: &mut Criterion) {
    let mut g = c.benchmark_group("layouts");
    for (sample, layout, text) in jixiao_bench::layout_fixtures() {
        if sample != "sample-lo" {
            continue;
        }
        let text = text.repeat(20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("floor", layout), &text, |b, t| {
            b.iter(|| jixiao_bench::floor(black_box(t.as_bytes())));
        });
        g.bench_with_input(BenchmarkId::new("parse", layout), &text, |b, t| {
            b.iter(|| jixiao::parse(black_box(t)));
        });
    }
    g.finish();
}

mod group {
    #![allow(missing_docs)] // criterion_group! generates an undocumented fn.
    criterion::criterion_group!(parse, super::benches, super::layouts);
}
use group::parse;
criterion_main!(parse);
