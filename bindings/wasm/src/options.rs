//! The options objects that `parse` and `check` accept, and the fields a
//! thrown error carries. Their TypeScript declarations are derived from these
//! structs by `tsify`; they cross the boundary as JSON.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The layout `parse` reads: `"auto"` detects it from the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum LayoutOption {
    /// Detect: tab-separated cells or space-aligned columns.
    #[default]
    Auto,
    /// Tab-separated cells (the sample; copy-paste from a browser or Word).
    Tab,
    /// Rows of cells joined by tabs (read like `tab`, reported as `grid`).
    Grid,
    /// Columns aligned with spaces, as `pdftotext -layout` writes them.
    Spaced,
    /// Text without columns (`pdftotext` without `-layout`): goal texts are
    /// left empty and reported.
    Plain,
    /// Lines that follow the table's rows, cells one space apart (pdfplumber
    /// `extract_text()`): rows rebuilt from line order and value shapes.
    Flow,
}

impl LayoutOption {
    /// The core's options for this choice.
    #[must_use]
    pub fn to_core(self) -> jixiao::ParseOptions {
        match self {
            LayoutOption::Auto => jixiao::ParseOptions::default(),
            LayoutOption::Tab => jixiao::ParseOptions::with_layout(jixiao::Layout::Tab),
            LayoutOption::Grid => jixiao::ParseOptions::with_layout(jixiao::Layout::Grid),
            LayoutOption::Spaced => jixiao::ParseOptions::with_layout(jixiao::Layout::Spaced),
            LayoutOption::Plain => jixiao::ParseOptions::with_layout(jixiao::Layout::Plain),
            LayoutOption::Flow => jixiao::ParseOptions::with_layout(jixiao::Layout::Flow),
        }
    }
}

/// Options for `parse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ParseOptions {
    /// The layout of the text; `"auto"` (detect it) when absent. The
    /// document's `layout` says which one was read.
    #[tsify(optional)]
    pub layout: LayoutOption,
    /// Throw a `JixiaoError` when any diagnostic has error severity, instead
    /// of returning the lenient document.
    #[tsify(optional)]
    pub strict: bool,
}

/// Options for `parsePdf`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct PdfParseOptions {
    /// Throw a `JixiaoError` when any diagnostic has error severity, instead
    /// of returning the lenient document (as `parse`'s `strict`).
    #[tsify(optional)]
    pub strict: bool,
}

/// Options for `check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckOptions {
    /// The indicator framework to check against; `SH-2025+` when absent.
    #[tsify(optional, type = "\"SH-2025+\" | \"CN-101\" | \"LEGACY-2011\"")]
    pub profile: Option<String>,
    /// Rule ids to switch off, e.g. `["PT-V04"]`.
    #[tsify(optional)]
    pub allow: Vec<String>,
}

impl CheckOptions {
    /// The core's options; `Err` (the message of an `invalid-options` error)
    /// for an unknown profile.
    pub fn to_core(&self) -> Result<jixiao::CheckOptions, String> {
        let profile = match &self.profile {
            Some(name) => name.parse::<jixiao::Profile>()?,
            None => jixiao::Profile::default(),
        };
        Ok(jixiao::CheckOptions {
            profile,
            allow: self.allow.clone(),
        })
    }
}

/// Options could not be read (unknown field, wrong type, unknown profile).
pub const INVALID_OPTIONS: &str = "invalid-options";
/// A value passed as a document is not a v1 document.
pub const INVALID_DOCUMENT: &str = "invalid-document";
/// The input is neither a string nor a `Uint8Array`.
pub const INVALID_INPUT: &str = "invalid-input";

/// The fields of a thrown `JixiaoError`, besides `message`.
///
/// `code` is a diagnostic code (`invalid-amount`, `no-forms`, `invalid-utf8`
/// …) for errors in the input, a PDF error's code (`pdf-not-pdf`,
/// `pdf-damaged`, `pdf-encrypted`, `pdf-limit`, `pdf-unsupported`) when
/// `parsePdf` cannot read the file, or one of `invalid-options`,
/// `invalid-document`, `invalid-input` for misuse of the API. Positions are
/// 1-based; `column` counts Unicode characters, `columnUtf16` counts UTF-16
/// code units (what JavaScript string indices and editors use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ErrorFields {
    /// The stable code of the (first) error.
    pub code: String,
    /// The 1-based line, when the error has a place.
    pub line: Option<usize>,
    /// The 1-based column in characters, when the error has a place.
    pub column: Option<usize>,
    /// The 1-based column in UTF-16 code units, when the error has a place.
    pub column_utf16: Option<usize>,
    /// Every error-severity diagnostic (empty for API misuse).
    #[tsify(type = "Diagnostic[]")]
    pub diagnostics: Vec<jixiao::Diagnostic>,
    /// What could be read despite the errors (strict parsing only).
    #[tsify(optional, type = "Document")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<jixiao::Document>,
    /// The error rendered for people, with a code frame when it has a place.
    #[serde(skip)]
    #[tsify(type = "never")]
    pub message: String,
}

impl ErrorFields {
    /// An error about the use of the API rather than the input text.
    pub fn binding(code: &str, message: impl Into<String>) -> ErrorFields {
        ErrorFields {
            code: code.to_owned(),
            line: None,
            column: None,
            column_utf16: None,
            diagnostics: Vec::new(),
            document: None,
            message: format!("error[{code}]: {}", message.into()),
        }
    }

    /// A PDF that could not be read at all: its code, no place, no
    /// diagnostics.
    #[cfg(feature = "pdf")]
    #[must_use]
    pub fn from_pdf(err: &jixiao_pdf::PdfError) -> ErrorFields {
        ErrorFields::binding(err.code(), err.to_string())
    }

    /// The fields of a core error (positions from the core, UTF-16 column
    /// included).
    #[must_use]
    pub fn from_core(err: jixiao::Error) -> ErrorFields {
        let diagnostics = err.diagnostics();
        let message = err.to_string();
        let (code, line, column, column_utf16) = (
            err.code().as_str().to_owned(),
            err.line(),
            err.column(),
            err.column_utf16(),
        );
        let document = match err {
            jixiao::Error::Invalid { document, .. } => Some(*document),
            _ => None,
        };
        ErrorFields {
            code,
            line,
            column,
            column_utf16,
            diagnostics,
            document,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_camel_case_and_reject_unknown_fields() {
        let o: ParseOptions = serde_json::from_str(r#"{"strict":true}"#).unwrap();
        assert!(o.strict);
        assert_eq!(o.layout, LayoutOption::Auto);
        let o: ParseOptions = serde_json::from_str("{}").unwrap();
        assert!(!o.strict);
        let o: ParseOptions = serde_json::from_str(r#"{"layout":"spaced"}"#).unwrap();
        assert_eq!(o.layout.to_core().layout, Some(jixiao::Layout::Spaced));
        assert_eq!(LayoutOption::Auto.to_core().layout, None);
        assert!(serde_json::from_str::<ParseOptions>(r#"{"layout":"pdf"}"#).is_err());
        assert!(serde_json::from_str::<ParseOptions>(r#"{"strcit":true}"#).is_err());
        let p: PdfParseOptions = serde_json::from_str(r#"{"strict":true}"#).unwrap();
        assert!(p.strict);
        assert!(serde_json::from_str::<PdfParseOptions>(r#"{"layout":"tab"}"#).is_err());
        let c: CheckOptions =
            serde_json::from_str(r#"{"profile":"CN-101","allow":["PT-V04"]}"#).unwrap();
        let core = c.to_core().unwrap();
        assert_eq!(core.profile, jixiao::Profile::Cn101);
        assert_eq!(core.allow, vec!["PT-V04".to_owned()]);
    }

    #[test]
    fn declared_names_match_the_core() {
        // The TypeScript unions offer exactly the core's profiles and layouts.
        let profiles: Vec<String> = jixiao::Profile::ALL
            .iter()
            .map(|p| format!("\"{}\"", p.name()))
            .collect();
        let decl = <CheckOptions as Tsify>::DECL;
        assert!(
            decl.contains(&format!("profile?: {};", profiles.join(" | "))),
            "{decl}"
        );
        let layouts = ["auto", "tab", "grid", "spaced", "plain", "flow"];
        for name in &layouts[1..] {
            let layout: jixiao::Layout = name.parse().unwrap();
            assert_eq!(layout.name(), *name);
            let json = format!("{{\"layout\":\"{name}\"}}");
            let o: ParseOptions = serde_json::from_str(&json).unwrap();
            assert_eq!(o.layout.to_core().layout, Some(layout));
        }
        let decl = <LayoutOption as Tsify>::DECL;
        let union: Vec<String> = layouts.iter().map(|l| format!("\"{l}\"")).collect();
        assert!(decl.contains(&union.join(" | ")), "{decl}");
        let bad = CheckOptions {
            profile: Some("XX".into()),
            allow: vec![],
        };
        assert!(bad.to_core().unwrap_err().contains("unknown profile"));
    }

    #[test]
    fn strict_error_fields_carry_utf16_columns() {
        // "𠀀" is one character but two UTF-16 code units.
        let src = "财政项目支出绩效目标申报表\n项目名称\t党建经费\n计划开始日期\t𠀀2026-02-30";
        let err = jixiao::parse_strict(src).unwrap_err();
        let f = ErrorFields::from_core(err);
        assert_eq!(f.code, "invalid-date");
        assert_eq!(f.line, Some(3));
        assert_eq!(f.column, Some(8));
        assert_eq!(f.column_utf16, Some(8));
        assert!(f.document.is_some());
        assert!(f.message.starts_with("error[invalid-date]"));
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn pdf_errors_carry_their_code_and_no_place() {
        let err = jixiao_pdf::parse_pdf(b"plain text").unwrap_err();
        let f = ErrorFields::from_pdf(&err);
        assert_eq!(f.code, err.code());
        assert!(f.code.starts_with("pdf-"));
        assert_eq!((f.line, f.column, f.column_utf16), (None, None, None));
        assert!(f.diagnostics.is_empty() && f.document.is_none());
        assert_eq!(f.message, format!("error[{}]: {err}", err.code()));
    }

    #[test]
    fn invalid_utf8_carries_the_cores_utf16_column() {
        let mut bytes = "第一行\n𠀀项".as_bytes().to_vec();
        let offset = bytes.len();
        bytes.push(0xff);
        let err = jixiao::parse_bytes(&bytes).unwrap_err();
        let f = ErrorFields::from_core(err);
        assert_eq!(f.code, "invalid-utf8");
        assert_eq!(
            (f.line, f.column, f.column_utf16),
            (Some(2), Some(3), Some(4))
        );
        assert!(f.message.contains(&format!("offset {offset}")));
    }
}
