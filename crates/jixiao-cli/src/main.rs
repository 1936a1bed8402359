//! `jixiao`: read, check and summarise 财政项目支出绩效目标申报表 forms.
//!
//! ```text
//! jixiao parse   [FILES|DIRS|-]… [--sample] --format json|ndjson|csv|table [-o FILE] [--bom]
//! jixiao check   [FILES|DIRS|-]… [--sample] [--format human|json] [--profile P] [--deny warnings] [--allow ID]…
//! jixiao summary [FILES|DIRS|-]… [--sample]
//! jixiao render  [FILES|DIRS|-]… [--sample]
//! jixiao schema
//! ```
//!
//! `--layout auto|tab|grid|spaced|flow|plain` (any position, default `auto`) chooses how
//! text is read; `.csv` files (and standard input with `--layout grid`) are
//! read as rows of cells, and `.json` files as pdfplumber `extract_tables()`
//! output. PDF files (recognised by their `%PDF-` header, or a `.pdf` name) are
//! read straight from the page geometry by `jixiao-pdf` (cargo feature `pdf`,
//! on by default); `--layout` does not apply to them.
//!
//! Exit status: 0 clean, 1 error-level findings, 2 unreadable input or bad usage.

mod check;
mod input;
mod parse;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Read, check and summarise 财政项目支出绩效目标申报表 (project-expenditure
/// performance-target declaration forms) from the text PDF extraction leaves.
///
/// Run with no arguments on a terminal to see `jixiao summary --sample`.
#[derive(Debug, Parser)]
#[command(name = "jixiao", version, about, long_about = None, arg_required_else_help = false)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// How the text is laid out: auto (detect tab-separated cells,
    /// `pdftotext -layout` columns, pdfplumber `extract_text()` or text
    /// without columns), tab, spaced, flow, plain, or grid (rows of cells:
    /// standard input is then read as CSV). `.csv` files are always read as
    /// CSV rows, `.json` files as pdfplumber tables, PDF files from their
    /// tables.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    layout: LayoutChoice,
}

/// The `--layout` values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum LayoutChoice {
    /// Detect the layout of each text.
    #[default]
    Auto,
    /// Tab-separated cells (PDF-to-text tools, copy-paste from a browser or Word).
    Tab,
    /// Rows of cells: CSV on standard input; tab-separated rows in text files.
    Grid,
    /// Columns aligned with spaces (`pdftotext -layout`).
    Spaced,
    /// Text whose cells are cut by single spaces and whose wrapped fragments sit on
    /// lines of their own (pdfplumber `extract_text()`).
    Flow,
    /// Text without columns (`pdftotext` without `-layout`): only what each text
    /// block says about itself is read.
    Plain,
}

impl LayoutChoice {
    /// The core's parse options for text inputs.
    pub(crate) fn options(self) -> jixiao::ParseOptions {
        match self {
            LayoutChoice::Auto => jixiao::ParseOptions::default(),
            LayoutChoice::Tab => jixiao::ParseOptions::with_layout(jixiao::Layout::Tab),
            LayoutChoice::Grid => jixiao::ParseOptions::with_layout(jixiao::Layout::Grid),
            LayoutChoice::Spaced => jixiao::ParseOptions::with_layout(jixiao::Layout::Spaced),
            LayoutChoice::Flow => jixiao::ParseOptions::with_layout(jixiao::Layout::Flow),
            LayoutChoice::Plain => jixiao::ParseOptions::with_layout(jixiao::Layout::Plain),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse forms and write the model (JSON, NDJSON, CSV or a table).
    Parse(ParseArgs),
    /// Report parse diagnostics and validation-rule findings (docs/rules.md).
    Check(CheckArgs),
    /// Tables of funding and indicators over all forms.
    Summary(InputArgs),
    /// Print the JSON Schema of the v1 document.
    Schema,
    /// Print the forms again as canonical tab-separated text.
    Render(InputArgs),
}

/// Where the forms come from.
#[derive(Debug, Args, Clone)]
pub(crate) struct InputArgs {
    /// Text files, PDF files, `.csv` files of rows, `.json` files of
    /// pdfplumber tables, directories (their `*.txt` and `*.pdf` files,
    /// recursively) or `-` for standard input.
    #[arg(value_name = "FILES|DIRS|-")]
    pub paths: Vec<PathBuf>,
    /// Use the sample embedded in the binary (30 forms, Jing'an HR & Social Security Bureau, 2026).
    #[arg(long)]
    pub sample: bool,
    /// The global `--layout`, copied here by `main`.
    #[arg(skip)]
    pub layout: LayoutChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ParseFormat {
    /// The v1 JSON document (an array of `{source, document}` for several inputs).
    Json,
    /// One form per line, with its `source`.
    Ndjson,
    /// The long table: one row per indicator with its form's project and funding columns.
    Csv,
    /// A terminal table, one row per form.
    Table,
}

#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "json")]
    pub format: ParseFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start the output with a UTF-8 byte-order mark (for Excel and CSV).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// Compiler-style reports with code frames.
    Human,
    /// A JSON array: one `{source, forms, diagnostics}` object per input.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    /// Treat warnings as errors (exit status 1).
    Warnings,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// The indicator framework: SH-2025+ (default), CN-101 or LEGACY-2011.
    #[arg(long, default_value = "SH-2025+", value_parser = parse_profile)]
    pub profile: jixiao::Profile,
    /// Raise findings of a lower level to errors.
    #[arg(long, value_enum)]
    pub deny: Vec<Deny>,
    /// Switch a rule (PT-V04) or a parse diagnostic (unrecognised-line) off; repeatable.
    #[arg(long, value_name = "ID", value_parser = parse_allow)]
    pub allow: Vec<String>,
}

fn parse_profile(s: &str) -> Result<jixiao::Profile, String> {
    s.parse()
}

fn parse_allow(s: &str) -> Result<String, String> {
    if let Some(rule) = jixiao::RuleId::from_id(s) {
        return Ok(rule.as_str().to_owned());
    }
    match jixiao::Code::from_code(s) {
        jixiao::Code::Other(_) => Err(format!(
            "unknown id {s:?}: expected a rule id (PT-H01 … PT-S02, see docs/rules.md) or a diagnostic code (see docs/diagnostics.md)"
        )),
        code => Ok(code.as_str().to_owned()),
    }
}

/// The process outcome, from the worst thing seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Clean = 0,
    Findings = 1,
    Unreadable = 2,
}

impl Status {
    fn code(self) -> ExitCode {
        ExitCode::from(self as u8)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut command = match cli.command {
        Some(c) => c,
        None if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() => {
            Command::Summary(InputArgs {
                paths: Vec::new(),
                sample: true,
                layout: LayoutChoice::Auto,
            })
        }
        None => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let _ = cmd.print_help();
            return Status::Unreadable.code();
        }
    };
    match &mut command {
        Command::Parse(ParseArgs { input, .. })
        | Command::Check(CheckArgs { input, .. })
        | Command::Summary(input)
        | Command::Render(input) => input.layout = cli.layout,
        Command::Schema => {}
    }
    let result = match command {
        Command::Parse(args) => parse::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Summary(args) => summary::run(&args),
        Command::Render(args) => render(&args),
        Command::Schema => {
            let mut out = anstream::stdout().lock();
            writeln!(out, "{}", jixiao::SCHEMA_JSON.trim_end()).map(|()| Status::Clean)
        }
    };
    match result {
        Ok(status) => status.code(),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            input::report_error(&format!("cannot write the output: {e}"));
            Status::Unreadable.code()
        }
    }
}

/// `jixiao render`.
fn render(args: &InputArgs) -> std::io::Result<Status> {
    let loaded = input::load(args, false)?;
    let mut out = std::io::stdout().lock();
    let mut status = Status::Clean;
    for item in &loaded {
        match &item.outcome {
            Ok(parsed) => out.write_all(jixiao::render(&parsed.document).as_bytes())?,
            Err(_) => status = status.max(Status::Unreadable),
        }
    }
    Ok(status)
}
