//! The options objects that `parse` and `check` accept, and the fields a
//! thrown error carries. Their TypeScript declarations are derived from these
//! structs by `tsify`; they cross the boundary as JSON.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Options for `parse`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Tsify)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct ParseOptions {
    /// Throw a `JixiaoError` when any diagnostic has error severity, instead
    /// of returning the lenient document.
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

/// The profile names the TypeScript type above offers (kept in step with
/// `jixiao::Profile` by a test).
pub const PROFILE_NAMES: &[&str] = &["SH-2025+", "CN-101", "LEGACY-2011"];

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
/// …) for errors in the input, or one of `invalid-options`,
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

    /// The fields of a core error. `bytes` is the input when it was given as
    /// bytes, used to count the UTF-16 column of an `invalid-utf8` error.
    #[must_use]
    pub fn from_core(err: jixiao::Error, bytes: Option<&[u8]>) -> ErrorFields {
        let diagnostics = err.diagnostics();
        let first_span = diagnostics.first().and_then(|d| d.span);
        let column_utf16 = match (&err, bytes) {
            (jixiao::Error::InvalidUtf8 { offset, .. }, Some(bytes)) => {
                Some(utf16_column_before(bytes, *offset))
            }
            _ => first_span.map(|s| s.start_col_utf16),
        };
        let message = err.to_string();
        let (code, line, column) = (err.code().as_str().to_owned(), err.line(), err.column());
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

/// The 1-based UTF-16 column of byte `offset`, counting from the last line
/// start before it (`bytes[..offset]` is valid UTF-8 by construction).
fn utf16_column_before(bytes: &[u8], offset: usize) -> usize {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = before.rsplit(['\n', '\r']).next().unwrap_or("");
    line.trim_start_matches('\u{feff}').encode_utf16().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_camel_case_and_reject_unknown_fields() {
        let o: ParseOptions = serde_json::from_str(r#"{"strict":true}"#).unwrap();
        assert!(o.strict);
        let o: ParseOptions = serde_json::from_str("{}").unwrap();
        assert!(!o.strict);
        assert!(serde_json::from_str::<ParseOptions>(r#"{"strcit":true}"#).is_err());
        let c: CheckOptions =
            serde_json::from_str(r#"{"profile":"CN-101","allow":["PT-V04"]}"#).unwrap();
        let core = c.to_core().unwrap();
        assert_eq!(core.profile, jixiao::Profile::Cn101);
        assert_eq!(core.allow, vec!["PT-V04".to_owned()]);
    }

    #[test]
    fn profile_names_match_the_core() {
        for name in PROFILE_NAMES {
            let p: jixiao::Profile = name.parse().unwrap();
            assert_eq!(p.name(), *name);
        }
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
        let f = ErrorFields::from_core(err, None);
        assert_eq!(f.code, "invalid-date");
        assert_eq!(f.line, Some(3));
        assert_eq!(f.column, Some(8));
        assert_eq!(f.column_utf16, Some(8));
        assert!(f.document.is_some());
        assert!(f.message.starts_with("error[invalid-date]"));
    }

    #[test]
    fn invalid_utf8_counts_utf16_columns_from_the_bytes() {
        let mut bytes = "第一行\n𠀀项".as_bytes().to_vec();
        let offset = bytes.len();
        bytes.push(0xff);
        let err = jixiao::parse_bytes(&bytes).unwrap_err();
        let f = ErrorFields::from_core(err, Some(&bytes));
        assert_eq!(f.code, "invalid-utf8");
        assert_eq!(
            (f.line, f.column, f.column_utf16),
            (Some(2), Some(3), Some(4))
        );
        assert!(f.message.contains(&format!("offset {offset}")));
    }
}
