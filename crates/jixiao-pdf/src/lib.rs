//! Read 绩效目标申报表 forms straight from a PDF.
//!
//! The page's own geometry is used: glyphs with their boxes from the content
//! stream, table rulings from stroked lines and thin filled rectangles, cells
//! from the rulings' intersections. The rows of cells (and the text outside
//! the tables: document title, 申报表 title, year line) go to
//! [`jixiao::parse_rows`], so the model is the same as from any other input.
//!
//! **API skeleton**: the engine is being built (issue 8); every entry point
//! currently returns [`PdfError::Unsupported`].

use jixiao::Document;

/// Limits that keep a hostile PDF from taking unbounded time or memory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PdfOptions {
    /// Largest PDF file accepted, in bytes (default 256 MiB).
    pub max_file_bytes: usize,
    /// Most pages read (default 10,000).
    pub max_pages: usize,
    /// Largest decoded stream, in bytes (default 64 MiB).
    pub max_stream_bytes: usize,
    /// Most content-stream operators read per page, form `XObject`s included
    /// (default 2,000,000).
    pub max_operators_per_page: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_file_bytes: 256 << 20,
            max_pages: 10_000,
            max_stream_bytes: 64 << 20,
            max_operators_per_page: 2_000_000,
        }
    }
}

/// Why a PDF could not be read at all. Problems that leave the file
/// readable (a font without a Unicode map, say) are diagnostics in the
/// returned [`Document`] instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF (no `%PDF-` header, no objects).
    #[error("not a PDF: {0}")]
    NotPdf(String),
    /// The file is a PDF but damaged beyond reading (truncated, broken
    /// cross-reference data, a cyclic object graph).
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// The file is encrypted and needs a user password.
    #[error("the PDF is encrypted and needs a password")]
    Encrypted,
    /// A limit of [`PdfOptions`] was exceeded.
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// A feature this version does not read.
    #[error("unsupported PDF feature: {0}")]
    Unsupported(String),
}

impl PdfError {
    /// A stable code for bindings: `pdf-not-pdf`, `pdf-damaged`,
    /// `pdf-encrypted`, `pdf-limit`, `pdf-unsupported`.
    ///
    /// ```
    /// assert_eq!(jixiao_pdf::PdfError::Encrypted.code(), "pdf-encrypted");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::NotPdf(_) => "pdf-not-pdf",
            PdfError::Damaged(_) => "pdf-damaged",
            PdfError::Encrypted => "pdf-encrypted",
            PdfError::Limit(_) => "pdf-limit",
            PdfError::Unsupported(_) => "pdf-unsupported",
        }
    }
}

/// Parse every form in a PDF with the default [`PdfOptions`].
///
/// ```
/// let err = jixiao_pdf::parse_pdf(b"hello").unwrap_err();
/// assert!(!err.code().is_empty());
/// ```
pub fn parse_pdf(bytes: &[u8]) -> Result<Document, PdfError> {
    parse_pdf_with(bytes, &PdfOptions::default())
}

/// Parse every form in a PDF with explicit limits.
pub fn parse_pdf_with(bytes: &[u8], options: &PdfOptions) -> Result<Document, PdfError> {
    let rows = extract_rows(bytes, options)?;
    Ok(jixiao::parse_rows(rows))
}

/// The rows the grid grammar reads, page by page in reading order: table
/// rows (empty strings for cells covered by a merged cell) and the text
/// outside tables as one-cell rows.
pub fn extract_rows(bytes: &[u8], options: &PdfOptions) -> Result<Vec<Vec<String>>, PdfError> {
    if bytes.len() > options.max_file_bytes {
        return Err(PdfError::Limit(format!(
            "the file has {} bytes; the limit is {}",
            bytes.len(),
            options.max_file_bytes
        )));
    }
    Err(PdfError::Unsupported(
        "the PDF reader is not built yet".into(),
    ))
}
