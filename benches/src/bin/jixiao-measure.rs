//! Figures for the README's performance section, printed as Markdown tables.
//!
//! ```text
//! jixiao-measure throughput [MB …]   MB/s, forms/s and ratio to the floor (default 1 10 100)
//! jixiao-measure memory [MB …]       peak RSS (VmHWM) per route, one child process each
//! jixiao-measure hostile [SCALE]     adversarial inputs at SCALE×, ½SCALE× and ¼SCALE× (default 1)
//! jixiao-measure layouts [COPIES]    each layout fixture repeated COPIES times (default 20):
//!                                    MB/s, forms/s and ratio to the floor on the same bytes
//! jixiao-measure corpus MB PATH [damaged]   write the corpus (for profiling, the CLI, fuzz seeds)
//! jixiao-measure memory-child PATH floor|parse|json|parallel|stream   one run (used by `memory`;
//!                                    under `valgrind --tool=callgrind` it gives instruction counts)
//! ```
//!
//! Build with `--release`. Times are the best of several runs (wall clock);
//! run on a quiet machine, e.g. `nice -n 19` beside other work costs little
//! on a free core.

use std::io::BufReader;
use std::process::Command;
use std::time::{Duration, Instant};

const MB: usize = 1 << 20;

fn usage() -> ! {
    eprintln!("usage: jixiao-measure throughput|memory|hostile|layouts [ARGS]");
    std::process::exit(2);
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
}

#[allow(clippy::cast_precision_loss)]
fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / MB as f64 / d.as_secs_f64()
}

fn sizes(args: &[String], default: &[usize]) -> Vec<usize> {
    if args.is_empty() {
        default.to_vec()
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    }
}

#[allow(clippy::cast_precision_loss)]
fn throughput(args: &[String]) {
    let one = pool(1);
    let two = pool(2);
    let options = jixiao::CheckOptions::default();
    println!("| corpus | route | time | MB/s | forms/s | × floor |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: |");
    for mb in sizes(args, &[1, 10, 100]) {
        let text = jixiao_bench::corpus(mb * MB, 42);
        let bytes = text.as_bytes();
        let runs = if mb >= 100 {
            2
        } else if mb >= 10 {
            3
        } else {
            10
        };
        let doc = jixiao::parse(&text);
        let forms = doc.forms.len();
        let floor = best(runs, || jixiao_bench::floor(bytes));
        let mut rows: Vec<(&str, Duration)> = vec![("floor", floor)];
        rows.push(("parse", best(runs, || jixiao::parse_bytes(bytes))));
        rows.push((
            "parse + JSON",
            best(runs, || {
                jixiao::parse_bytes(bytes).map(|d| d.to_json().len())
            }),
        ));
        rows.push((
            "check (on a parsed doc)",
            best(runs, || jixiao::check(&doc, &options)),
        ));
        rows.push((
            "stream (FormReader)",
            best(runs, || jixiao_bench::stream_count(bytes)),
        ));
        rows.push((
            "split_forms + parse, 1 thread",
            best(runs, || one.install(|| jixiao_bench::parse_parallel(&text))),
        ));
        rows.push((
            "split_forms + parse, 2 threads",
            best(runs, || two.install(|| jixiao_bench::parse_parallel(&text))),
        ));
        let damaged = jixiao_bench::damage(&text, 42, 25);
        let dfloor = best(runs, || jixiao_bench::floor(damaged.as_bytes()));
        let dparse = best(runs, || jixiao::parse(&damaged));
        let size = format!("{:.1} MB", bytes.len() as f64 / MB as f64);
        for (route, d) in rows {
            println!(
                "| {size} | {route} | {:.1} ms | {:.1} | {:.0} | {:.2} |",
                d.as_secs_f64() * 1e3,
                mbps(bytes.len(), d),
                forms as f64 / d.as_secs_f64(),
                d.as_secs_f64() / floor.as_secs_f64()
            );
        }
        println!(
            "| {size} | parse, damaged (1 line in 25) | {:.1} ms | {:.1} | – | {:.2} |",
            dparse.as_secs_f64() * 1e3,
            mbps(damaged.len(), dparse),
            dparse.as_secs_f64() / dfloor.as_secs_f64()
        );
        eprintln!("{mb} MB: {forms} forms, {} bytes", bytes.len());
    }
}

/// Peak resident set size of this process so far, in KiB.
fn vm_hwm_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Child: read `path` by `route`, print `baseline_kib peak_kib forms`.
fn memory_child(path: &str, route: &str) {
    let base = vm_hwm_kib();
    let forms = if route == "floor" {
        let bytes = std::fs::read(path).expect("corpus file");
        jixiao_bench::floor(&bytes).map_or(0, |(lines, _)| lines)
    } else if route == "stream" {
        let file = std::fs::File::open(path).expect("corpus file");
        jixiao_bench::stream_count(BufReader::new(file)).expect("streams")
    } else {
        let bytes = std::fs::read(path).expect("corpus file");
        let doc = jixiao::parse_bytes(&bytes).expect("UTF-8");
        let n = doc.forms.len();
        if route == "json" {
            std::hint::black_box(doc.to_json().len());
        } else if route == "parallel" {
            drop(doc);
            let text = std::str::from_utf8(&bytes).expect("UTF-8");
            std::hint::black_box(pool(2).install(|| jixiao_bench::parse_parallel(text)));
        } else if route != "parse" {
            usage();
        }
        n
    };
    println!("{base} {} {forms}", vm_hwm_kib());
}

#[allow(clippy::cast_precision_loss)]
fn memory(args: &[String]) {
    let exe = std::env::current_exe().expect("own path");
    let dir = std::env::temp_dir();
    println!(
        "| input | route | baseline RSS | peak RSS | peak ÷ input | (peak − baseline) ÷ input |"
    );
    println!("| ---: | --- | ---: | ---: | ---: | ---: |");
    for mb in sizes(args, &[1, 10, 100]) {
        let path = dir.join(format!("jixiao-measure-{mb}mb-{}.txt", std::process::id()));
        let text = jixiao_bench::corpus(mb * MB, 42);
        std::fs::write(&path, &text).expect("write corpus");
        let input_kib = text.len() / 1024;
        drop(text);
        for route in ["parse", "json", "parallel", "stream"] {
            let out = Command::new(&exe)
                .args(["memory-child", path.to_str().expect("UTF-8 path"), route])
                .output()
                .expect("child runs");
            let line = String::from_utf8_lossy(&out.stdout);
            let nums: Vec<usize> = line
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            let [base, peak, _forms] = nums[..] else {
                eprintln!("child failed: {}", String::from_utf8_lossy(&out.stderr));
                continue;
            };
            println!(
                "| {mb} MB | {route} | {:.1} MB | {:.1} MB | {:.2} | {:.2} |",
                base as f64 / 1024.0,
                peak as f64 / 1024.0,
                peak as f64 / input_kib as f64,
                peak.saturating_sub(base) as f64 / input_kib as f64
            );
        }
        let _ = std::fs::remove_file(&path);
    }
}

fn hostile(args: &[String]) {
    use jixiao_bench::hostile as h;
    type Make = fn(usize) -> String;
    let scale: f64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let cases: [(&str, Make, usize); 15] = [
        ("single line (bytes)", h::single_line, 50 * MB),
        ("form headers (count)", h::form_headers, 1_000_000),
        ("blank lines (count)", h::blank_lines, 1_000_000),
        ("repeated labels (count)", h::repeated_labels, 200_000),
        // Quadratic until diagnostics on one row share their column count (reported).
        (
            "repeated cells on one row (count)",
            h::repeated_cells,
            20_000,
        ),
        (
            "goal text lines in one form (count)",
            h::goal_lines,
            1_000_000,
        ),
        (
            "spaced soup, one form (bytes)",
            |n| h::spaced_soup(n, 0),
            8 * MB,
        ),
        (
            "spaced soup, 290-line forms (bytes)",
            |n| h::spaced_soup(n, 290),
            4 * MB,
        ),
        (
            "spaced, single-spaced words on one line (count)",
            h::spaced_words,
            4_000_000,
        ),
        (
            "spaced, 400 fragments a line (lines)",
            h::spaced_fragments,
            4_000,
        ),
        (
            "spaced, filler lines between rows (lines)",
            h::spaced_filler,
            400_000,
        ),
        (
            "diagnostics with spans (count)",
            h::many_diagnostics,
            400_000,
        ),
        (
            "flow, fuzzed project rows (copies)",
            h::flow_project_rows,
            4_000,
        ),
        (
            "flow, dense fuzzed project rows (copies)",
            h::flow_dense_project_rows,
            40,
        ),
        (
            "sample repeated (copies)",
            |n| jixiao::SAMPLE.repeat(n),
            2_000,
        ),
    ];
    println!(
        "| input | n | bytes | parse | stream | parse time ÷ time at ½n | forms | diagnostics |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, make, n) in cases {
        let mut prev: Option<Duration> = None;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let n = (n as f64 * scale) as usize;
        for n in [n / 4, n / 2, n] {
            let text = make(n);
            let t = Instant::now();
            let doc = jixiao::parse(&text);
            let parse = t.elapsed();
            let stream = best(1, || jixiao_bench::stream_count(text.as_bytes()));
            let ratio = prev.map_or("–".to_owned(), |p| {
                format!("{:.2}", parse.as_secs_f64() / p.as_secs_f64())
            });
            println!(
                "| {name} | {n} | {} | {:.0} ms | {:.0} ms | {ratio} | {} | {} |",
                text.len(),
                parse.as_secs_f64() * 1e3,
                stream.as_secs_f64() * 1e3,
                doc.forms.len(),
                doc.diagnostics.len()
            );
            prev = Some(parse);
        }
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let n = (400_000.0 * scale) as usize;
    let mut prev: Option<Duration> = None;
    for n in [n / 4, n / 2, n] {
        let text = h::many_diagnostics(n);
        let doc = jixiao::parse(&text);
        let t = Instant::now();
        let bytes: usize = doc.diagnostics.iter().map(|d| d.render(&text).len()).sum();
        let took = t.elapsed();
        let ratio = prev.map_or(String::new(), |p| {
            format!(
                ", {:.2}× the time at ½n",
                took.as_secs_f64() / p.as_secs_f64()
            )
        });
        println!(
            "\nrendering {} diagnostics of {} bytes ({bytes} bytes out): {:.0} ms{ratio}",
            doc.diagnostics.len(),
            text.len(),
            took.as_secs_f64() * 1e3
        );
        prev = Some(took);
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let size = (50.0 * MB as f64 * scale) as usize;
    let bytes = h::invalid_utf8(size, size * 4 / 5 + 7);
    let t = Instant::now();
    let err = jixiao::parse_bytes(&bytes).expect_err("invalid");
    println!(
        "\ninvalid UTF-8 in {} bytes: `{err}` in {:.0} ms",
        bytes.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
}

#[allow(clippy::cast_precision_loss)]
fn layouts(args: &[String]) {
    let copies: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
    println!("| sample | layout | bytes | floor | parse | forms/s | × floor |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for (sample, layout, text) in jixiao_bench::layout_fixtures() {
        let text = text.repeat(copies);
        let doc = jixiao::parse(&text);
        assert_eq!(doc.layout, layout, "{sample}");
        let floor = best(5, || jixiao_bench::floor(text.as_bytes()));
        let parse = best(5, || jixiao::parse(&text));
        println!(
            "| {sample} | {layout} | {} | {:.1} MB/s | {:.1} MB/s | {:.0} | {:.2} |",
            text.len(),
            mbps(text.len(), floor),
            mbps(text.len(), parse),
            doc.forms.len() as f64 / parse.as_secs_f64(),
            parse.as_secs_f64() / floor.as_secs_f64()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("throughput") => throughput(&args[1..]),
        Some("memory") => memory(&args[1..]),
        Some("memory-child") if args.len() == 3 => memory_child(&args[1], &args[2]),
        Some("hostile") => hostile(&args[1..]),
        Some("layouts") => layouts(&args[1..]),
        Some("corpus") if args.len() >= 3 => {
            let mb: usize = args[1].parse().unwrap_or_else(|_| usage());
            let mut text = jixiao_bench::corpus(mb * MB, 42);
            if args.get(3).map(String::as_str) == Some("damaged") {
                text = jixiao_bench::damage(&text, 42, 25);
            }
            std::fs::write(&args[2], text).expect("write corpus");
        }
        _ => usage(),
    }
}
