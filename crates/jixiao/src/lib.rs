//! # jixiao
//!
//! Read Chinese government *project-expenditure performance-target declaration
//! forms* (财政项目支出绩效目标申报表) from the text that PDF extraction leaves,
//! and get a typed model: project fields, exact money amounts, goals, and the
//! indicator table with parsed targets.
//!
//! ```
//! let doc = jixiao::parse(jixiao::SAMPLE);
//! assert_eq!(doc.forms.len(), 30);
//!
//! let form = &doc.forms[2];
//! assert_eq!(form.project.name.as_deref(), Some("党建经费"));
//! assert_eq!(form.funding.annual_total.unwrap().to_string(), "200000.00");
//!
//! let first = &form.indicators[0];
//! assert_eq!(first.level1, Some(jixiao::Level1::Cost));
//! assert_eq!(first.target.raw, "≤130.00(元/人/天)");
//! ```
//!
//! [`parse`] never fails: it returns every form it can read and a list of
//! [`Diagnostic`]s with stable [`Code`]s and positions. [`parse_strict`]
//! returns an [`Error`] when any diagnostic is an error. The JSON that
//! [`Document::to_json`] writes follows the v1 contract (`docs/contract-v1.md`)
//! and the JSON Schema in [`SCHEMA_JSON`].

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod diagnostic;
mod error;
mod grammar;
mod grid;
mod json;
mod layout;
mod model;
mod render;
mod rules;
mod stream;
mod table;
mod text;
mod textval;
mod vocab;

pub use diagnostic::{diagnostics_table, Code, Diagnostic, Severity, SourceSpan};
pub use error::Error;
pub use grid::{parse_rows, rows_to_text};
pub use layout::{detect_layout, parse_with, Layout, ParseOptions};
pub use rules::{check, check_source, rules_table, CheckOptions, Profile, RuleId};
pub use stream::{
    assemble, split_forms, FormChunk, FormItem, FormReader, Preamble, StreamError, StreamItem,
};
pub use table::{indicator_rows, INDICATOR_COLUMNS};
pub use textval::Text;

pub use model::{
    Comparison, Date, Document, Form, Funding, Goals, Indicator, Level1, Level2, Project,
    ProjectNature, Span, Target, TargetKind, SCHEMA_VERSION,
};
/// The exact decimal type of money and target values (re-exported from `rust_decimal`).
pub use rust_decimal::Decimal;

/// The README's examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

/// The bundled real sample: 30 forms published by the Jing'an District Human
/// Resources and Social Security Bureau for 2026, as a PDF-to-text tool gave them.
///
/// ```
/// assert!(jixiao::SAMPLE.contains("财政项目支出绩效目标申报表"));
/// ```
pub const SAMPLE: &str = include_str!("../fixtures/jingan-hrss-2026.txt");

/// The JSON Schema (draft 2020-12) of the v1 document.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(jixiao::SCHEMA_JSON).unwrap();
/// assert_eq!(schema["properties"]["schema_version"]["const"], 1);
/// ```
pub const SCHEMA_JSON: &str = include_str!("../schema/jixiao-v1.schema.json");

/// Parse form text. Never fails: returns every form that can be read and
/// diagnostics for everything else. The layout (tab-separated cells, or
/// columns aligned with spaces as `pdftotext -layout` writes them) is
/// detected; see [`parse_with`] to force one.
///
/// Handles CRLF and lone CR line ends, a BOM, ideographic (U+3000) and
/// no-break spaces, and trailing whitespace.
///
/// ```
/// let doc = jixiao::parse("财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t示例项目\n垃圾行");
/// assert_eq!(doc.forms.len(), 1);
/// assert_eq!(doc.forms[0].year, Some(2026));
/// let codes: Vec<_> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
/// assert!(codes.contains(&"unrecognised-line"));
/// assert!(codes.contains(&"truncated-form"));
/// ```
#[must_use]
pub fn parse(text: &str) -> Document {
    parse_with(text, &ParseOptions::default())
}

/// Parse form text, failing when any diagnostic has error severity.
///
/// ```
/// assert!(jixiao::parse_strict(jixiao::SAMPLE).is_ok());
/// let err = jixiao::parse_strict("hello").unwrap_err();
/// assert!(err.to_string().starts_with("error[no-forms]"));
/// ```
pub fn parse_strict(text: &str) -> Result<Document, Error> {
    parse(text).into_strict(text)
}

/// [`parse_with`], failing when any diagnostic has error severity.
///
/// ```
/// let opts = jixiao::ParseOptions::with_layout(jixiao::Layout::Tab);
/// assert!(jixiao::parse_strict_with(jixiao::SAMPLE, &opts).is_ok());
/// ```
pub fn parse_strict_with(text: &str, options: &ParseOptions) -> Result<Document, Error> {
    parse_with(text, options).into_strict(text)
}

/// Parse bytes that should be UTF-8 (a leading BOM is allowed).
///
/// ```
/// let err = jixiao::parse_bytes(b"\xe9\xa1\xb9\xff").unwrap_err();
/// assert_eq!(err.code(), jixiao::Code::InvalidUtf8);
/// assert!(err.to_string().contains("offset 3"));
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Document, Error> {
    parse_bytes_with(bytes, &ParseOptions::default())
}

/// Parse bytes with options (see [`parse_with`]); invalid UTF-8 is an
/// [`Error::InvalidUtf8`] naming the byte.
///
/// ```
/// let opts = jixiao::ParseOptions::with_layout(jixiao::Layout::Tab);
/// let doc = jixiao::parse_bytes_with(jixiao::SAMPLE.as_bytes(), &opts).unwrap();
/// assert_eq!(doc.forms.len(), 30);
/// ```
pub fn parse_bytes_with(bytes: &[u8], options: &ParseOptions) -> Result<Document, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(parse_with(text, options)),
        Err(e) => {
            let offset = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..offset]);
            let line = before.matches('\n').count() + 1;
            let tail = before.rsplit('\n').next().unwrap_or("");
            Err(Error::InvalidUtf8 {
                offset,
                line,
                column: tail.chars().count() + 1,
                column_utf16: tail.encode_utf16().count() + 1,
            })
        }
    }
}

/// Parse bytes strictly: invalid UTF-8 or any error-severity diagnostic is
/// an [`Error`].
///
/// ```
/// assert!(jixiao::parse_bytes_strict(jixiao::SAMPLE.as_bytes()).is_ok());
/// let err = jixiao::parse_bytes_strict(b"not a form").unwrap_err();
/// assert_eq!(err.code(), jixiao::Code::NoForms);
/// ```
pub fn parse_bytes_strict(bytes: &[u8]) -> Result<Document, Error> {
    // The bytes are UTF-8 once parse_bytes has succeeded.
    parse_bytes(bytes)?.into_strict(&String::from_utf8_lossy(bytes))
}

/// Render a document back to form text in the sample's tab-separated layout.
/// `parse(&render(&doc))` reads back the same forms (spans aside) for every
/// document `parse` produces, except one whose indicator is made only of the
/// indicator table's headings (a garbled heading row: written on a row, it is
/// the heading row again).
///
/// ```
/// let doc = jixiao::parse(jixiao::SAMPLE);
/// let again = jixiao::parse(&jixiao::render(&doc));
/// assert_eq!(again.forms.len(), 30);
/// assert_eq!(again.forms[5].project, doc.forms[5].project);
/// assert_eq!(again.forms[5].funding, doc.forms[5].funding);
/// ```
#[must_use]
pub fn render(doc: &Document) -> String {
    render::render(doc)
}
