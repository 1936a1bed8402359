//! The error type of the strict entry points.

use std::fmt::Write as _;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Document;

/// What can go wrong when a document must be read without errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text was read, but with error-severity diagnostics. `report` is the
    /// first error rendered with its code frame; `document` is everything that
    /// could be read.
    #[error("{report}")]
    Invalid {
        /// The error-severity diagnostics, in input order.
        errors: Vec<Diagnostic>,
        /// The first error, rendered with a code frame.
        report: String,
        /// The lenient result.
        document: Box<Document>,
    },
    /// The input bytes are not UTF-8.
    #[error("error[invalid-utf8]: the input is not UTF-8: invalid byte at offset {offset} (line {line}, column {column})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (characters) of that byte.
        column: usize,
        /// 1-based column of that byte in UTF-16 code units (for JavaScript).
        column_utf16: usize,
    },
}

impl Document {
    /// The strict view of a lenient result: `Err` when any diagnostic has
    /// error severity. `source` is the text the document was read from (for
    /// the code frame in the error's report).
    ///
    /// ```
    /// let doc = jixiao::parse("hello");
    /// let err = doc.into_strict("hello").unwrap_err();
    /// assert_eq!(err.code(), jixiao::Code::NoForms);
    /// assert!(jixiao::parse(jixiao::SAMPLE).into_strict(jixiao::SAMPLE).is_ok());
    /// ```
    pub fn into_strict(self, source: &str) -> Result<Document, Error> {
        if self.has_errors() {
            Err(Error::from_document(self, source))
        } else {
            Ok(self)
        }
    }
}

impl Error {
    pub(crate) fn from_document(doc: Document, source: &str) -> Error {
        let errors: Vec<Diagnostic> = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        let mut report = errors.first().map(|d| d.render(source)).unwrap_or_default();
        if errors.len() > 1 {
            let _ = write!(report, "\n({} more errors)", errors.len() - 1);
        }
        Error::Invalid {
            errors,
            report,
            document: Box::new(doc),
        }
    }

    /// The code of the (first) error.
    ///
    /// ```
    /// let err = jixiao::parse_strict("not a form").unwrap_err();
    /// assert_eq!(err.code(), jixiao::Code::NoForms);
    /// ```
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Error::Invalid { errors, .. } => errors
                .first()
                .map_or(Code::Other("unknown".into()), |d| d.code.clone()),
            Error::InvalidUtf8 { .. } => Code::InvalidUtf8,
        }
    }

    /// The 1-based line of the (first) error, when it has one.
    ///
    /// ```
    /// let bad = jixiao::SAMPLE.replace("109,026.00\t\n\t其中", "10x,026.00\t\n\t其中");
    /// let err = jixiao::parse_strict(&bad).unwrap_err();
    /// assert_eq!(err.line(), Some(10));
    /// ```
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::Invalid { errors, .. } => {
                errors.first().and_then(|d| d.span).map(|s| s.start_line)
            }
            Error::InvalidUtf8 { line, .. } => Some(*line),
        }
    }

    /// The 1-based column of the (first) error, when it has one.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        match self {
            Error::Invalid { errors, .. } => {
                errors.first().and_then(|d| d.span).map(|s| s.start_col)
            }
            Error::InvalidUtf8 { column, .. } => Some(*column),
        }
    }

    /// The 1-based column of the (first) error in UTF-16 code units, as
    /// JavaScript strings and editors count.
    ///
    /// ```
    /// let err = jixiao::parse_bytes("𠀀项\n".as_bytes().iter().copied().chain([0xff]).collect::<Vec<_>>().as_slice()).unwrap_err();
    /// assert_eq!((err.line(), err.column(), err.column_utf16()), (Some(2), Some(1), Some(1)));
    /// let err = jixiao::parse_bytes(&[0xf0, 0xa0, 0x80, 0x80, b'x', 0xff]).unwrap_err();
    /// assert_eq!((err.column(), err.column_utf16()), (Some(3), Some(4)));
    /// ```
    #[must_use]
    pub fn column_utf16(&self) -> Option<usize> {
        match self {
            Error::Invalid { errors, .. } => errors
                .first()
                .and_then(|d| d.span)
                .map(|s| s.start_col_utf16),
            Error::InvalidUtf8 { column_utf16, .. } => Some(*column_utf16),
        }
    }

    /// Every error-severity diagnostic (for `InvalidUtf8`, one made from it).
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Invalid { errors, .. } => errors.clone(),
            Error::InvalidUtf8 {
                offset,
                line,
                column,
                column_utf16,
            } => vec![Diagnostic::new(
                Code::InvalidUtf8,
                self.to_string(),
                Some(crate::diagnostic::SourceSpan {
                    start_line: *line,
                    end_line: *line,
                    start_col: *column,
                    end_col: *column,
                    start_col_utf16: *column_utf16,
                    end_col_utf16: *column_utf16,
                    start_byte: *offset,
                    end_byte: offset + 1,
                }),
                None,
            )],
        }
    }
}
