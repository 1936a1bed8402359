//! Read 绩效目标申报表 forms straight from a PDF.
//!
//! The page's own geometry is used: glyphs with their boxes from the content
//! stream, table rulings from stroked lines and thin filled rectangles, cells
//! from the rulings' intersections. The rows of cells (and the text outside
//! the tables: document title, 申报表 title, year line) go to
//! [`jixiao::parse_rows`], so the model is the same as from any other input.
//!
//! Pure Rust (the object layer is [`lopdf`]), so it builds for
//! `wasm32-unknown-unknown`. Every limit in [`PdfOptions`] is enforced, and
//! no input makes it panic.
//!
//! ```
//! let pdf = std::fs::read(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf"
//! ))
//! .unwrap();
//! let doc = jixiao_pdf::parse_pdf(&pdf).unwrap();
//! assert_eq!(doc.forms.len(), 30);
//! assert_eq!(doc.forms[2].project.name.as_deref(), Some("党建经费"));
//! ```

// Geometry: PDF numbers are f64; codes, CIDs and counts are clamped before
// they are cast, and the single-letter names are the PDF matrix entries.
#![allow(
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::many_single_char_names
)]

mod cmap;
mod font;
mod interp;
mod lexer;
mod matrix;
mod pdfobj;
mod table;

use std::collections::HashSet;

use jixiao::{Code, Diagnostic, Document};
use lopdf::{Dictionary, Object, ObjectId};

/// Limits that keep a hostile PDF from taking unbounded time or memory.
///
/// ```
/// let mut options = jixiao_pdf::PdfOptions::default();
/// assert_eq!(options.max_stream_bytes, 64 << 20);
/// options.max_pages = 1; // the sample has 30
/// let pdf = std::fs::read(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf"
/// ))
/// .unwrap();
/// let err = jixiao_pdf::parse_pdf_with(&pdf, &options).unwrap_err();
/// assert_eq!(err.to_string(), "limit exceeded: the file has more than 1 pages");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PdfOptions {
    /// Largest PDF file accepted, in bytes (default 256 MiB).
    pub max_file_bytes: usize,
    /// Most pages read (default 10,000).
    pub max_pages: usize,
    /// Largest decoded stream, in bytes, and the most content one page may
    /// decode in all: its content streams and every form `XObject` it
    /// draws, each time it draws it (default 64 MiB).
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
///
/// ```
/// use jixiao_pdf::{parse_pdf, PdfError};
/// assert!(matches!(parse_pdf(b"PK\x03\x04"), Err(PdfError::NotPdf(_))));
/// assert!(matches!(parse_pdf(b"%PDF-1.7\n1 0 obj"), Err(PdfError::Damaged(_))));
/// ```
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
/// assert_eq!(err.code(), "pdf-not-pdf");
/// ```
pub fn parse_pdf(bytes: &[u8]) -> Result<Document, PdfError> {
    parse_pdf_with(bytes, &PdfOptions::default())
}

/// Parse every form in a PDF with explicit limits. Problems that leave the
/// file readable (a font without a Unicode map, a page that cannot be
/// read) are in the document's diagnostics, after the grammar's own.
///
/// ```
/// let mut options = jixiao_pdf::PdfOptions::default();
/// options.max_file_bytes = 10;
/// let err = jixiao_pdf::parse_pdf_with(b"%PDF-1.7 and more than ten bytes", &options).unwrap_err();
/// assert_eq!(err.code(), "pdf-limit");
/// ```
pub fn parse_pdf_with(bytes: &[u8], options: &PdfOptions) -> Result<Document, PdfError> {
    Ok(extract(bytes, options)?.parse())
}

/// The rows the grid grammar reads, page by page in reading order: table
/// rows (empty strings for cells covered by a merged cell) and the text
/// outside tables as one-cell rows.
///
/// ```
/// let err = jixiao_pdf::extract_rows(b"%PDF-1.4 truncated", &Default::default()).unwrap_err();
/// assert_eq!(err.code(), "pdf-damaged");
/// ```
pub fn extract_rows(bytes: &[u8], options: &PdfOptions) -> Result<Vec<Vec<String>>, PdfError> {
    Ok(extract(bytes, options)?
        .pages
        .into_iter()
        .flat_map(|p| p.rows.into_iter().map(|r| r.cells))
        .collect())
}

/// What [`extract`] reads from a PDF: its pages' rows and the problems met.
///
/// ```
/// # let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf")).unwrap();
/// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
/// let rows: usize = x.pages.iter().map(|p| p.rows.len()).sum();
/// assert_eq!(rows, jixiao_pdf::extract_rows(&pdf, &Default::default()).unwrap().len());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Extraction {
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Fonts without Unicode, unreadable pages, pages with too many rulings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Extraction {
    /// Every page's rows in reading order: what [`extract_rows`] returns,
    /// borrowed.
    ///
    /// ```
    /// # let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf")).unwrap();
    /// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
    /// let rows: Vec<&[String]> = x.rows().collect();
    /// assert_eq!(rows.len(), jixiao_pdf::extract_rows(&pdf, &Default::default()).unwrap().len());
    /// // The text whose lines the document's spans count:
    /// let text = jixiao::rows_to_text(x.rows());
    /// assert_eq!(text.lines().count(), rows.len());
    /// ```
    pub fn rows(&self) -> impl Iterator<Item = &[String]> + '_ {
        self.pages
            .iter()
            .flat_map(|p| p.rows.iter().map(|r| r.cells.as_slice()))
    }

    /// Read the rows with jixiao's grid grammar ([`jixiao::parse_rows`]);
    /// the extraction's diagnostics follow the grammar's. This is what
    /// [`parse_pdf_with`] returns, for callers that also want the rows
    /// (one extraction instead of two).
    ///
    /// ```
    /// # let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf")).unwrap();
    /// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
    /// assert_eq!(x.parse(), jixiao_pdf::parse_pdf(&pdf).unwrap());
    /// assert_eq!(x.parse().forms.len(), 30);
    /// ```
    #[must_use]
    pub fn parse(&self) -> Document {
        let mut doc = jixiao::parse_rows(self.rows());
        doc.diagnostics.extend(self.diagnostics.iter().cloned());
        doc
    }
}

/// One page's rows.
///
/// ```
/// # let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf")).unwrap();
/// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
/// let last = x.pages.last().unwrap();
/// assert_eq!(last.number, 30);
/// // The footer is the page's last row.
/// assert_eq!(last.rows.last().unwrap().cells, ["第 30 页，共 30 页"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    /// Width as displayed (after `/Rotate`), in points.
    pub width: f64,
    /// Height as displayed, in points.
    pub height: f64,
    /// Rows top to bottom.
    pub rows: Vec<PageRow>,
}

/// A row of cells and where it starts on its page.
///
/// ```
/// # let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf")).unwrap();
/// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
/// let rows = &x.pages[0].rows;
/// let name = rows.iter().find(|r| r.cells[0] == "项目名称").unwrap();
/// assert_eq!(name.cells, ["项目名称", "残疾人就业保障金", "项目性质", "经常性项目", "项目类别", "其他人员类"]);
/// // 实施单位's value spans the last three columns: its text sits in the
/// // first slot and the slots it covers are empty. A wrapped cell keeps its
/// // lines apart, except after a line that ends with a drawn space.
/// let dept = rows.iter().find(|r| r.cells[0] == "主管部门").unwrap();
/// assert_eq!(dept.cells[1], "上海市静安区人力\n资源和社会保障局 (汇总)");
/// assert_eq!(dept.cells[3..], ["上海市静安区人力资源和社会保障局", "", ""]);
/// assert!(rows.windows(2).all(|w| w[0].top <= w[1].top));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PageRow {
    /// Distance of the row's top from the top of the page, in points.
    pub top: f64,
    /// The cells left to right; one cell for text outside tables.
    pub cells: Vec<String>,
}

/// Read a PDF's pages into rows, with their positions and the diagnostics
/// about what could not be read.
///
/// ```
/// let pdf = std::fs::read(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../jixiao/fixtures/layouts/sample-lo/sample-lo.pdf"
/// ))
/// .unwrap();
/// let x = jixiao_pdf::extract(&pdf, &Default::default()).unwrap();
/// assert_eq!(x.pages.len(), 30);
/// assert!(x.diagnostics.is_empty());
/// let first = &x.pages[0];
/// assert!(first.width < first.height); // A4 portrait
/// assert!(first.rows.iter().any(|r| r.cells == ["财政项目支出绩效目标申报表"]));
/// ```
pub fn extract(bytes: &[u8], options: &PdfOptions) -> Result<Extraction, PdfError> {
    if bytes.len() > options.max_file_bytes {
        return Err(PdfError::Limit(format!(
            "the file has {} bytes; the limit is {}",
            bytes.len(),
            options.max_file_bytes
        )));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf(
            "no %PDF- header in the first 1024 bytes".into(),
        ));
    }
    let load = lopdf::LoadOptions {
        max_decompressed_size: Some(options.max_stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, load).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            PdfError::Limit(format!("a stream decodes to more than {limit} bytes"))
        }
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
        other => PdfError::Damaged(other.to_string()),
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let (page_ids, repeated) = page_tree(&doc, options)?;
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    if let Some(id) = repeated {
        diagnostics.push(Diagnostic::new(
            Code::PdfPageSkipped,
            format!(
                "the page tree reaches object {} {} twice (a cycle or a repeated kid); it was read once",
                id.0, id.1
            ),
            None,
            None,
        ));
    }
    let mut fonts = interp::FontCache::new(options.max_stream_bytes);
    for (i, id) in page_ids.into_iter().enumerate() {
        let number = i + 1;
        let Some(page) = doc.get_object(id).ok().and_then(|o| pdfobj::dict(&doc, o)) else {
            continue;
        };
        let content = match interp::run_page(&doc, page, options, &mut fonts) {
            Ok(c) => c,
            Err(PdfError::Damaged(m)) => {
                diagnostics.push(Diagnostic::new(
                    Code::PdfPageSkipped,
                    format!("page {number}: {m}"),
                    None,
                    None,
                ));
                continue;
            }
            Err(e) => return Err(e),
        };
        for (font, reason, count) in &content.unmapped {
            diagnostics.push(Diagnostic::new(
                Code::PdfUnmappedFont,
                format!("page {number}: font {font}: {reason}; {count} glyphs left out"),
                None,
                None,
            ));
        }
        for p in &content.problems {
            diagnostics.push(Diagnostic::new(
                Code::PdfPageSkipped,
                format!("page {number}: {p}"),
                None,
                None,
            ));
        }
        let (rows, tables_read) = table::page_rows(&content);
        if !tables_read {
            diagnostics.push(Diagnostic::new(
                Code::PdfTooManyRulings,
                format!(
                    "page {number}: {} ruling segments; its tables were not rebuilt",
                    content.horizontal.len() + content.vertical.len()
                ),
                None,
                None,
            ));
        }
        pages.push(Page {
            number,
            width: content.width,
            height: content.height,
            rows: rows
                .into_iter()
                .map(|r| PageRow {
                    top: r.top,
                    cells: r.cells,
                })
                .collect(),
        });
    }
    Ok(Extraction { pages, diagnostics })
}

/// The page objects in order, walking the page tree from the catalog, and
/// the first node met twice (a cycle, or a kid listed twice): it is read
/// once. A tree whose only content is such a loop is damaged.
fn page_tree(
    doc: &lopdf::Document,
    options: &PdfOptions,
) -> Result<(Vec<ObjectId>, Option<ObjectId>), PdfError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|o| pdfobj::dict(doc, o))
        .ok_or_else(|| PdfError::Damaged("no document catalog".into()))?;
    let pages = root
        .get(b"Pages")
        .map_err(|_| PdfError::Damaged("the catalog has no page tree".into()))?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut repeated = None;
    // Depth-first, children in order: a stack of (node, depth), pushed in reverse.
    let mut stack: Vec<(&Object, usize)> = vec![(pages, 0)];
    while let Some((node, depth)) = stack.pop() {
        let id = match node {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(id) = id {
            if !seen.insert(id) {
                repeated.get_or_insert(id);
                continue;
            }
        }
        if depth > 64 {
            return Err(PdfError::Damaged(
                "the page tree is more than 64 levels deep".into(),
            ));
        }
        let Some(dict) = pdfobj::dict(doc, node) else {
            continue;
        };
        if is_page(doc, dict) {
            if let Some(id) = id {
                if out.len() >= options.max_pages {
                    return Err(PdfError::Limit(format!(
                        "the file has more than {} pages",
                        options.max_pages
                    )));
                }
                out.push(id);
            }
            continue;
        }
        if let Some(kids) = pdfobj::get_array(doc, dict, b"Kids") {
            for kid in kids.iter().rev() {
                stack.push((kid, depth + 1));
            }
        }
    }
    if out.is_empty() {
        return Err(PdfError::Damaged(match repeated {
            Some(id) => format!(
                "the page tree is cyclic (object {} {} is reached twice) and holds no pages",
                id.0, id.1
            ),
            None => "the page tree holds no pages".into(),
        }));
    }
    Ok((out, repeated))
}

fn is_page(doc: &lopdf::Document, dict: &Dictionary) -> bool {
    match pdfobj::get_name(doc, dict, b"Type") {
        Some(t) => t == b"Page",
        None => dict.get(b"Kids").is_err(),
    }
}
