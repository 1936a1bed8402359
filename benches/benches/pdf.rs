//! Criterion benchmarks for reading PDFs (`jixiao-pdf`): the whole route
//! (`parse_pdf`: objects, content streams, rulings, cells, grammar) and the
//! extraction alone (`extract_rows`), on the `LibreOffice` sample (30 pages)
//! and the `Chromium` render of the sample in landscape (`sample-c`, 34
//! pages), reported as pages per second (criterion's "elements").
//!
//! `cargo bench -p jixiao-bench --bench pdf`; `-- --test` runs each once.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_main, Criterion, Throughput};

fn fixture(variant: &str) -> Vec<u8> {
    let path = format!(
        "{}/../crates/jixiao/fixtures/layouts/{variant}/{variant}.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn benches(c: &mut Criterion) {
    let options = jixiao_pdf::PdfOptions::default();
    for variant in ["sample-lo", "sample-c"] {
        let bytes = fixture(variant);
        let pages = jixiao_pdf::extract(&bytes, &options)
            .expect("a readable fixture")
            .pages
            .len();
        let mut g = c.benchmark_group(format!("pdf/{variant}"));
        g.throughput(Throughput::Elements(pages as u64));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(5));
        g.bench_function("parse_pdf", |b| {
            b.iter(|| jixiao_pdf::parse_pdf(black_box(&bytes)).map(|d| d.forms.len()));
        });
        g.bench_function("extract_rows", |b| {
            b.iter(|| jixiao_pdf::extract_rows(black_box(&bytes), &options).map(|r| r.len()));
        });
        g.finish();
    }
}

mod group {
    #![allow(missing_docs)] // criterion_group! generates an undocumented fn.
    criterion::criterion_group!(pdf, super::benches);
}
use group::pdf;
criterion_main!(pdf);
