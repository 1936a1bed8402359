//! Inputs: files, directories, standard input and the embedded sample, read
//! and parsed in parallel (rayon) with a progress bar on a terminal
//! (indicatif). Output order is the order of the arguments (directory
//! entries sorted by path), whatever order the threads finish in.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::{InputArgs, LayoutChoice};

/// Batches at least this long get a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 8;

/// One input as named on the command line.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    File(PathBuf),
    Stdin,
    Sample,
}

impl Origin {
    pub(crate) fn name(&self) -> String {
        match self {
            Origin::File(p) => p.display().to_string(),
            Origin::Stdin => "<stdin>".to_owned(),
            Origin::Sample => "<sample>".to_owned(),
        }
    }
}

/// A text that was read and parsed.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub text: String,
    pub document: jixiao::Document,
}

/// One input and what became of it.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub name: String,
    pub outcome: Result<Parsed, String>,
}

/// Print an error line on standard error (coloured on a terminal).
pub(crate) fn report_error(message: &str) {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    anstream::eprintln!("{style}error{style:#}: {message}");
}

/// Expand the arguments into inputs, in order.
fn origins(args: &InputArgs) -> std::io::Result<Vec<Result<Origin, String>>> {
    let mut out = Vec::new();
    if args.sample {
        out.push(Ok(Origin::Sample));
    }
    for path in &args.paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Origin::Stdin));
        } else if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            if files.is_empty() {
                out.push(Err(format!(
                    "{}: no {} files in this directory",
                    path.display(),
                    WALKED.join(" or ")
                )));
            }
            out.extend(files.into_iter().map(|f| Ok(Origin::File(f))));
        } else {
            out.push(Ok(Origin::File(path.clone())));
        }
    }
    if out.is_empty() {
        if std::io::stdin().is_terminal() {
            out.push(Err(
                "no input: give FILES, DIRS, `-` for standard input, or --sample".to_owned(),
            ));
        } else {
            out.push(Ok(Origin::Stdin));
        }
    }
    Ok(out)
}

/// The extensions of the files a directory argument stands for.
#[cfg(feature = "pdf")]
const WALKED: &[&str] = &[".txt", ".pdf"];
#[cfg(not(feature = "pdf"))]
const WALKED: &[&str] = &[".txt"];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| WALKED.iter().any(|w| e.eq_ignore_ascii_case(&w[1..])))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// How one input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// Text, parsed with the layout options.
    Text,
    /// CSV rows of cells, parsed with `jixiao::parse_rows`.
    Csv,
    /// pdfplumber `extract_tables()` JSON (tables of rows of cells), parsed
    /// with `jixiao::parse_rows`.
    PlumberJson,
    /// A PDF file (`%PDF-` at the start, or a `.pdf` name), read by
    /// `jixiao_pdf` from the page geometry.
    Pdf,
}

/// What every PDF file starts with.
const PDF_MAGIC: &[u8] = b"%PDF-";

fn reader(origin: &Origin, bytes: &[u8], layout: LayoutChoice) -> Reader {
    // The content decides before the name: a PDF saved as `.txt` or piped
    // to standard input is still a PDF.
    if bytes.starts_with(PDF_MAGIC) {
        return Reader::Pdf;
    }
    let ext = match origin {
        Origin::File(p) => p
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase()),
        Origin::Stdin if layout == LayoutChoice::Grid => return Reader::Csv,
        Origin::Stdin | Origin::Sample => None,
    };
    match ext.as_deref() {
        Some("csv") => Reader::Csv,
        Some("json") => Reader::PlumberJson,
        // Named as a PDF but without the magic: the PDF reader says what it is.
        Some("pdf") => Reader::Pdf,
        _ => Reader::Text,
    }
}

fn read(origin: &Origin, layout: LayoutChoice, with_text: bool) -> Result<Parsed, String> {
    let bytes = match origin {
        Origin::Sample => jixiao::SAMPLE.as_bytes().to_vec(),
        Origin::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut b)
                .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
            b
        }
        Origin::File(p) => {
            std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?
        }
    };
    let rows = match reader(origin, &bytes, layout) {
        Reader::Pdf => return read_pdf(origin, &bytes, with_text),
        Reader::Text => {
            return match jixiao::parse_bytes_with(&bytes, &layout.options()) {
                Ok(document) => {
                    // parse_bytes_with accepted it, so it is UTF-8.
                    let text = String::from_utf8(bytes).unwrap_or_default();
                    Ok(Parsed { text, document })
                }
                Err(e) => Err(format!("{}: {e}", origin.name())),
            };
        }
        Reader::Csv => csv_rows(&bytes),
        Reader::PlumberJson => plumber_rows(&bytes),
    }
    .map_err(|e| format!("{}: {e}", origin.name()))?;
    // Spans of a grid count rows; the rows' text is what code frames show.
    Ok(Parsed {
        text: jixiao::rows_to_text(&rows),
        document: jixiao::parse_rows(&rows),
    })
}

/// A PDF through `jixiao_pdf`. The document is the engine's (with its own
/// diagnostics, such as fonts without a Unicode map); the text, which only
/// `check` needs for its code frames, is the extracted rows as tab text, the
/// lines that the document's spans count.
#[cfg(feature = "pdf")]
fn read_pdf(origin: &Origin, bytes: &[u8], with_text: bool) -> Result<Parsed, String> {
    let failed = |e: jixiao_pdf::PdfError| format!("{}: {}: {e}", origin.name(), e.code());
    let options = jixiao_pdf::PdfOptions::default();
    let extraction = jixiao_pdf::extract(bytes, &options).map_err(failed)?;
    let document = extraction.parse();
    let text = if with_text {
        jixiao::rows_to_text(extraction.rows())
    } else {
        String::new()
    };
    Ok(Parsed { text, document })
}

/// Without the `pdf` feature a PDF is an unreadable input.
#[cfg(not(feature = "pdf"))]
fn read_pdf(origin: &Origin, _bytes: &[u8], _with_text: bool) -> Result<Parsed, String> {
    Err(format!(
        "{}: pdf-unsupported: this jixiao was built without PDF support (cargo feature `pdf`)",
        origin.name()
    ))
}

/// CSV rows of cells (no header row; rows may differ in length; a BOM is
/// allowed; quoted cells may hold line breaks).
fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not CSV of UTF-8 text: {e}"))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// The cells of a pdfplumber JSON dump: `extract_tables()` (a list of
/// tables of rows) or `extract_table()` (one table); `null` cells are empty.
fn plumber_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    type Row = Vec<Option<String>>;
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not JSON of pdfplumber tables: {e}"))?;
    let rows: Vec<Row> = if let Ok(tables) = serde_json::from_value::<Vec<Vec<Row>>>(value.clone())
    {
        tables.into_iter().flatten().collect()
    } else {
        serde_json::from_value::<Vec<Row>>(value).map_err(|_| {
            "not pdfplumber tables: expected a list of tables, each a list of rows of strings or nulls"
                .to_owned()
        })?
    };
    Ok(rows
        .into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect())
}

/// Read and parse every input. Unreadable inputs are reported on standard
/// error as they are met and kept as `Err` so callers can set the exit status.
/// `with_text`: keep the text the spans point into (for code frames); inputs
/// read as text always keep it, PDFs only when asked.
pub(crate) fn load(args: &InputArgs, with_text: bool) -> std::io::Result<Vec<Loaded>> {
    let origins = origins(args)?;
    let bar = if origins.len() >= PROGRESS_FROM {
        let bar =
            ProgressBar::with_draw_target(Some(origins.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let loaded: Vec<Loaded> = origins
        .par_iter()
        .map(|origin| {
            let out = match origin {
                Ok(o) => Loaded {
                    name: o.name(),
                    outcome: read(o, args.layout, with_text),
                },
                Err(message) => Loaded {
                    name: String::new(),
                    outcome: Err(message.clone()),
                },
            };
            bar.inc(1);
            out
        })
        .collect();
    bar.finish_and_clear();
    for item in &loaded {
        if let Err(message) = &item.outcome {
            report_error(message);
        }
    }
    Ok(loaded)
}
