//! Peak heap memory of a parse, counted by the allocator: what the library
//! itself holds (the input, the model and whatever the parse builds on the
//! way), without the process's fixed baseline that `jixiao-measure memory`
//! (peak RSS) includes.
//!
//! ```text
//! jixiao-heap [SIZES_MB...]            table for each size (default 1 10 100)
//! jixiao-heap child PATH parse|json    one run (a fresh process per size: the
//!                                      allocator's peak cannot be reset)
//! ```
//!
//! Build with `--release`.

use std::alloc::System;
use std::process::Command;

use cap::Cap;

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const MB: usize = 1 << 20;

fn child(path: &str, route: &str) {
    let bytes = std::fs::read(path).expect("corpus file");
    let before = ALLOCATOR.allocated();
    let doc = jixiao::parse_bytes(&bytes).expect("UTF-8");
    let model = ALLOCATOR.allocated() - before;
    if route == "json" {
        std::hint::black_box(doc.to_json().len());
    }
    drop(doc);
    println!(
        "{} {before} {model} {}",
        bytes.len(),
        ALLOCATOR.max_allocated()
    );
}

#[allow(clippy::cast_precision_loss)]
fn table(args: &[String]) {
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1, 10, 100]
    } else {
        args.iter().filter_map(|a| a.parse().ok()).collect()
    };
    let exe = std::env::current_exe().expect("own path");
    println!("| input | route | heap before parse | model | peak heap | peak ÷ input |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: |");
    for mb in sizes {
        let path =
            std::env::temp_dir().join(format!("jixiao-heap-{mb}mb-{}.txt", std::process::id()));
        std::fs::write(&path, jixiao_bench::corpus(mb * MB, 42)).expect("write corpus");
        for route in ["parse", "json"] {
            let out = Command::new(&exe)
                .args(["child", path.to_str().expect("UTF-8 path"), route])
                .output()
                .expect("child runs");
            let nums: Vec<usize> = String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            let [input, before, model, peak] = nums[..] else {
                eprintln!("child failed: {}", String::from_utf8_lossy(&out.stderr));
                continue;
            };
            let mib = |b: usize| b as f64 / MB as f64;
            println!(
                "| {:.1} MB | {route} | {:.1} MB | {:.1} MB | {:.1} MB | {:.2} |",
                mib(input),
                mib(before),
                mib(model),
                mib(peak),
                peak as f64 / input as f64
            );
        }
        let _ = std::fs::remove_file(&path);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("child") if args.len() == 3 => child(&args[1], &args[2]),
        _ => table(&args),
    }
}
