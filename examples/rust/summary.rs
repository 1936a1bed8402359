//! Parse the bundled sample and print a short summary.
//!
//! Run: `cargo run -p jixiao-examples --example summary [FILE]`

use rust_decimal_free::total;

mod rust_decimal_free {
    /// Sum the annual requests of all forms, exactly, as a string.
    pub fn total(doc: &jixiao::Document) -> String {
        let mut sum = None;
        for f in &doc.forms {
            if let Some(a) = f.funding.annual_total {
                sum = Some(sum.map_or(a, |s| s + a));
            }
        }
        sum.map(|s| s.to_string()).unwrap_or_default()
    }
}

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }),
        None => jixiao::SAMPLE.to_owned(),
    };
    let doc = jixiao::parse(&text);
    println!("{}", doc.title.as_deref().unwrap_or("(untitled)"));
    println!(
        "{} forms, {} indicators, annual requests total {} 元",
        doc.forms.len(),
        doc.indicator_count(),
        total(&doc)
    );
    for form in &doc.forms {
        println!(
            "  {:<24} {:>16}  {} indicators",
            form.project.name.as_deref().unwrap_or("?"),
            form.funding
                .annual_total
                .map(|d| d.to_string())
                .unwrap_or_default(),
            form.indicators.len()
        );
    }
    for d in &doc.diagnostics {
        println!("{d}");
    }
}
