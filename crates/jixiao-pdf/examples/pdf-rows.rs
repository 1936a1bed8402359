//! Print the rows `jixiao-pdf` reads from a PDF, one line per row with the
//! cells separated by ` | ` (wrapped lines inside a cell shown as `⏎`), and
//! the diagnostics.
//!
//! `cargo run -p jixiao-pdf --example pdf-rows -- file.pdf`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf-rows FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    match jixiao_pdf::extract(&bytes, &jixiao_pdf::PdfOptions::default()) {
        Ok(x) => {
            for page in &x.pages {
                println!(
                    "=== page {} ({:.0}×{:.0})",
                    page.number, page.width, page.height
                );
                for row in &page.rows {
                    let cells: Vec<String> =
                        row.cells.iter().map(|c| c.replace('\n', "⏎")).collect();
                    println!("{:7.1}  {}", row.top, cells.join(" | "));
                }
            }
            for d in &x.diagnostics {
                println!("{}: {}", d.code, d.message);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e} ({})", e.code());
            std::process::exit(1);
        }
    }
}
