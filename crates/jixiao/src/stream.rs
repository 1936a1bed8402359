//! Reading forms one at a time: a streaming reader over [`BufRead`] and a
//! splitter that cuts a whole text at form boundaries for parallel parsing.
//!
//! Both cut the input with the same line-by-line `Segmenter` as [`parse`]
//! and read each form with the same form grammar, with every line carrying its
//! global line number and byte offset. A form therefore reads exactly as it
//! does in [`parse`]: same model, same spans, same diagnostics (messages that
//! quote line numbers included), same form index.
//!
//! Layouts: these routes read the tab layout ([`Layout::Tab`]), the one
//! every tab-separating extractor writes and the one [`parse`] detects for
//! them. They give exactly `parse_with(text, &ParseOptions::with_layout(Layout::Tab))`,
//! which is `parse(text)` whenever `detect_layout(text)` is `Tab`. Text in the
//! spaced or plain layouts needs the whole input (geometry, detection) and
//! goes through [`parse_with`](crate::parse_with).
//!
//! ```text
//! input    := preamble form*        -- the preamble may be empty
//! preamble := the lines before the first line that starts a form
//! form     := a line that starts a form, then every line up to the next one
//! ```
//!
//! [`parse`]: crate::parse

use std::collections::VecDeque;
use std::io::{self, BufRead};

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::grammar::{self, FormParser, Segmenter};
use crate::layout::Layout;
use crate::model::{Document, Form};
use crate::text::Line;
use crate::textval::Text;

const BOM: &str = "\u{feff}";

/// A title row that starts a form: appended to a preamble so that the
/// whole-text parser reads the preamble as it does when forms follow (it takes
/// a title only then). The diagnostics of this synthetic form are dropped.
const SYNTHETIC_HEADER: &str = "财政项目支出绩效目标申报表";

/// Lines of `text`, numbered from `no`, with byte offsets from `base`, each
/// with the offset (relative to `text`) one past its terminator. Line ends are
/// those of the whole-text parser: `\r\n`, `\n` and a lone `\r`. No BOM is
/// skipped here: only the input's first bytes can hold one.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
    no: usize,
    base: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str, no: usize, base: usize) -> Self {
        LineIter {
            text,
            pos: 0,
            no,
            base,
        }
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (Line<'a>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if start >= bytes.len() {
            return None;
        }
        let (end, next) = match bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            Some(i) => {
                let at = start + i;
                let width = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                (at, at + width)
            }
            None => (bytes.len(), bytes.len()),
        };
        let line = Line {
            no: self.no,
            start: self.base + start,
            text: &self.text[start..end],
        };
        self.no += 1;
        self.pos = next;
        Some((line, next))
    }
}

/// What comes before the first form: the document title and the diagnostics
/// about text outside any form.
///
/// When the input holds no form, the preamble is the whole input and its
/// diagnostics include `no-forms` (or `empty-input`), as [`parse`](crate::parse)
/// reports them.
///
/// ```
/// let text = "2026 年度项目绩效目标汇总表\n\n财政项目支出绩效目标申报表\n项目名称\t示例";
/// let pre = jixiao::split_forms(text)[0].parse();
/// let jixiao::StreamItem::Preamble(pre) = pre else { unreachable!() };
/// assert_eq!(pre.title.as_deref(), Some("2026 年度项目绩效目标汇总表"));
/// assert!(pre.diagnostics.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preamble {
    /// The document title, as [`Document::title`] holds it.
    pub title: Option<Text>,
    /// Diagnostics on the text before the first form (and `no-forms` /
    /// `empty-input` when there is no form), in input order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One form with the diagnostics that concern it.
///
/// ```
/// let text = "财政项目支出绩效目标申报表\n项目名称\t示例";
/// let item = jixiao::split_forms(text)[1].parse();
/// let jixiao::StreamItem::Form(item) = item else { unreachable!() };
/// assert_eq!(item.index, 0);
/// assert_eq!(item.form.project.name.as_deref(), Some("示例"));
/// assert!(item.diagnostics.iter().all(|d| d.form == Some(0)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormItem {
    /// The form's index in the whole input (what [`Diagnostic::form`] holds).
    pub index: usize,
    /// The form, with spans global to the whole input.
    pub form: Form,
    /// The form's diagnostics, in input order, with global spans.
    pub diagnostics: Vec<Diagnostic>,
}

/// One piece of a document read piecewise: the preamble (exactly once) or a form.
///
/// ```
/// let items: Vec<_> = jixiao::split_forms(jixiao::SAMPLE)
///     .iter()
///     .map(jixiao::FormChunk::parse)
///     .collect();
/// assert!(matches!(items[0], jixiao::StreamItem::Preamble(_)));
/// assert_eq!(items.len(), 31);
/// ```
// Every item but one is a form: boxing the large variant would cost an
// allocation per form to save space on the single preamble.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamItem {
    /// The title and the diagnostics before the first form. Comes first when
    /// the input holds a form; when it holds none, it is the only item and
    /// comes once the whole input has been read.
    Preamble(Preamble),
    /// The next form.
    Form(FormItem),
}

/// What can stop a [`FormReader`].
///
/// ```
/// let mut reader = jixiao::FormReader::new(&b"\xff"[..]);
/// let err = reader.next().unwrap().unwrap_err();
/// assert!(matches!(err, jixiao::StreamError::Parse(jixiao::Error::InvalidUtf8 { offset: 0, .. })));
/// assert!(reader.next().is_none());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The reader failed.
    #[error("reading the input failed: {0}")]
    Io(#[from] io::Error),
    /// The input cannot be read as form text: [`Error::InvalidUtf8`], with the
    /// byte offset, line and column in the whole input.
    #[error(transparent)]
    Parse(#[from] Error),
}

/// Which piece a chunk of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The preamble; `has_forms` tells whether any form follows.
    Preamble { has_forms: bool },
    /// The form with this index.
    Form(usize),
}

/// Read one piece of text starting at line `no`, byte `offset` of the input.
fn parse_piece(text: &str, no: usize, offset: usize, kind: Kind) -> StreamItem {
    match kind {
        Kind::Preamble { has_forms: false } => {
            // No form anywhere: the preamble is the whole input.
            let doc = grammar::parse_document(text);
            StreamItem::Preamble(Preamble {
                title: doc.title,
                diagnostics: doc.diagnostics,
            })
        }
        Kind::Preamble { has_forms: true } => {
            let mut with_form = String::with_capacity(text.len() + SYNTHETIC_HEADER.len());
            with_form.push_str(text);
            with_form.push_str(SYNTHETIC_HEADER);
            let doc = grammar::parse_document(&with_form);
            StreamItem::Preamble(Preamble {
                title: doc.title,
                diagnostics: doc
                    .diagnostics
                    .into_iter()
                    .filter(|d| {
                        d.form.is_none() && !matches!(d.code, Code::NoForms | Code::EmptyInput)
                    })
                    .collect(),
            })
        }
        Kind::Form(index) => {
            let mut lines = LineIter::new(text, no, offset).map(|(l, _)| l);
            let first = lines.next().unwrap_or(Line {
                no,
                start: offset,
                text: "",
            });
            let mut form = FormParser::new(first, index);
            let mut cells = Vec::new();
            form.feed_line(first, &mut cells);
            for line in lines {
                form.feed_line(line, &mut cells);
            }
            let (form, diagnostics) = form.finish();
            StreamItem::Form(FormItem {
                index,
                form,
                diagnostics,
            })
        }
    }
}

/// A piece of a whole text cut at a form boundary by [`split_forms`]: the
/// preamble or one form, with where it starts in the whole text.
///
/// Chunks are independent: parse them on as many threads as you like and
/// [`assemble`] the results in order.
///
/// ```
/// let chunks = jixiao::split_forms(jixiao::SAMPLE);
/// let third = &chunks[3];
/// assert_eq!(third.form_index(), Some(2));
/// assert!(third.text().starts_with("财政项目支出绩效目标申报表"));
/// assert_eq!(&jixiao::SAMPLE[third.offset()..][..third.text().len()], third.text());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormChunk<'a> {
    text: &'a str,
    line: usize,
    offset: usize,
    kind: Kind,
}

impl<'a> FormChunk<'a> {
    /// The chunk's text: whole lines with their terminators (the preamble may
    /// be empty).
    ///
    /// ```
    /// let chunks = jixiao::split_forms("财政项目支出绩效目标申报表\n");
    /// assert_eq!(chunks[0].text(), "");
    /// assert_eq!(chunks[1].text(), "财政项目支出绩效目标申报表\n");
    /// ```
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line number of the chunk's first line in the whole text.
    ///
    /// ```
    /// let chunks = jixiao::split_forms("标题\n\n财政项目支出绩效目标申报表\n");
    /// assert_eq!(chunks[1].first_line(), 3);
    /// ```
    #[must_use]
    pub fn first_line(&self) -> usize {
        self.line
    }

    /// The byte offset of the chunk's first byte in the whole text.
    ///
    /// ```
    /// let chunks = jixiao::split_forms("ab\n财政项目支出绩效目标申报表\n");
    /// assert_eq!(chunks[1].offset(), 3);
    /// ```
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The index of the form this chunk holds; `None` for the preamble.
    ///
    /// ```
    /// let chunks = jixiao::split_forms(jixiao::SAMPLE);
    /// assert_eq!(chunks[0].form_index(), None);
    /// assert_eq!(chunks[30].form_index(), Some(29));
    /// ```
    #[must_use]
    pub fn form_index(&self) -> Option<usize> {
        match self.kind {
            Kind::Preamble { .. } => None,
            Kind::Form(i) => Some(i),
        }
    }

    /// Parse the chunk: the preamble or the form, exactly as [`parse`](crate::parse)
    /// reads it within the whole text.
    ///
    /// ```
    /// let chunks = jixiao::split_forms(jixiao::SAMPLE);
    /// let jixiao::StreamItem::Form(item) = chunks[3].parse() else { unreachable!() };
    /// assert_eq!(item.form, jixiao::parse(jixiao::SAMPLE).forms[2]);
    /// ```
    #[must_use]
    pub fn parse(&self) -> StreamItem {
        parse_piece(self.text, self.line, self.offset, self.kind)
    }
}

/// Cut a whole text at form boundaries, exactly where [`parse`](crate::parse)
/// cuts it: the preamble (always the first chunk, possibly empty), then one
/// chunk per form.
///
/// This is the entry point for parsing in parallel: the chunks are
/// independent, and [`assemble`] puts the parsed pieces back together into the
/// [`Document`] that `parse` gives. With rayon (the core does not depend on
/// it; the CLI does) that is `assemble(chunks.par_iter().map(FormChunk::parse)
/// .collect::<Vec<_>>())`; with the standard library's scoped threads:
///
/// ```
/// let chunks = jixiao::split_forms(jixiao::SAMPLE);
/// let (left, right) = chunks.split_at(chunks.len() / 2);
/// let (a, b) = std::thread::scope(|s| {
///     let a = s.spawn(|| left.iter().map(jixiao::FormChunk::parse).collect::<Vec<_>>());
///     let b = s.spawn(|| right.iter().map(jixiao::FormChunk::parse).collect::<Vec<_>>());
///     (a.join().unwrap(), b.join().unwrap())
/// });
/// let doc = jixiao::assemble(a.into_iter().chain(b));
/// assert_eq!(doc, jixiao::parse(jixiao::SAMPLE));
/// ```
///
/// Cutting costs one pass over the lines (about a tenth of a parse), so
/// parallel parsing pays off from a few hundred kilobytes up.
///
/// ```
/// let chunks = jixiao::split_forms(jixiao::SAMPLE);
/// assert_eq!(chunks.len(), 31);
/// let doc = jixiao::assemble(chunks.iter().map(jixiao::FormChunk::parse));
/// assert_eq!(doc, jixiao::parse(jixiao::SAMPLE));
/// ```
#[must_use]
pub fn split_forms(text: &str) -> Vec<FormChunk<'_>> {
    let body = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut segmenter = Segmenter::default();
    // (line number, byte offset) of every line that starts a form.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (line, _) in LineIter::new(&text[body..], 1, body) {
        if segmenter.starts_form(&line) {
            starts.push((line.no, line.start));
        }
    }
    let mut chunks = Vec::with_capacity(starts.len() + 1);
    let pre_end = starts.first().map_or(text.len(), |s| s.1);
    chunks.push(FormChunk {
        text: &text[..pre_end],
        line: 1,
        offset: 0,
        kind: Kind::Preamble {
            has_forms: !starts.is_empty(),
        },
    });
    for (i, &(no, start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |s| s.1);
        chunks.push(FormChunk {
            text: &text[start..end],
            line: no,
            offset: start,
            kind: Kind::Form(i),
        });
    }
    chunks
}

/// Put parsed pieces back together, in input order, into the [`Document`]
/// that [`parse`](crate::parse) gives for the whole text.
///
/// Forms are taken in the order given (their `index` is not checked); a
/// missing preamble means no title and no preamble diagnostics.
///
/// ```
/// let reader = jixiao::FormReader::new(jixiao::SAMPLE.as_bytes());
/// let items: Result<Vec<_>, _> = reader.collect();
/// let doc = jixiao::assemble(items.unwrap());
/// assert_eq!(doc, jixiao::parse(jixiao::SAMPLE));
/// ```
pub fn assemble(items: impl IntoIterator<Item = StreamItem>) -> Document {
    let mut doc = Document {
        layout: Layout::Tab,
        ..Document::default()
    };
    for item in items {
        match item {
            StreamItem::Preamble(p) => {
                doc.title = p.title;
                // The preamble's diagnostics come before every form's.
                let mut pre = p.diagnostics;
                pre.append(&mut doc.diagnostics);
                doc.diagnostics = pre;
            }
            StreamItem::Form(mut f) => {
                doc.forms.push(f.form);
                doc.diagnostics.append(&mut f.diagnostics);
            }
        }
    }
    doc
}

/// Reads forms one at a time from a [`BufRead`], with memory bounded by the
/// largest form (or by the preamble, which is the whole input when the input
/// holds no form).
///
/// Yields the [`Preamble`] once and then each form as soon as the line that
/// starts the next one (or the end of input) has been read. Items are exactly
/// the pieces of [`parse`](crate::parse)'s [`Document`]: [`assemble`] on
/// them gives the same document.
///
/// Invalid UTF-8 stops the reader with [`Error::InvalidUtf8`] naming the byte
/// offset, line and column in the whole input (as [`parse_bytes`](crate::parse_bytes)
/// names them); the forms before the bad line have been yielded by then. After
/// an error the reader yields nothing more.
///
/// ```
/// use jixiao::{FormReader, StreamItem};
///
/// let file = std::io::BufReader::new(jixiao::SAMPLE.as_bytes()); // or a File
/// let mut names = Vec::new();
/// for item in FormReader::new(file) {
///     match item? {
///         StreamItem::Preamble(p) => assert!(p.title.is_some()),
///         StreamItem::Form(f) => names.push(f.form.project.name.unwrap_or_default()),
///     }
/// }
/// assert_eq!(names.len(), 30);
/// assert_eq!(names[2], "党建经费");
/// # Ok::<(), jixiao::StreamError>(())
/// ```
#[derive(Debug)]
pub struct FormReader<R> {
    reader: R,
    /// One raw input line (up to and with its `\n`).
    raw: Vec<u8>,
    /// The text of the piece being gathered: whole lines with terminators.
    piece: String,
    piece_line: usize,
    piece_offset: usize,
    piece_kind: Kind,
    segmenter: Segmenter,
    /// Bytes read so far.
    offset: usize,
    /// Lines started so far (the next line's number is `line_no`).
    line_no: usize,
    /// `\n` bytes read so far (how `parse_bytes` counts lines in errors).
    newlines: usize,
    forms: usize,
    ready: VecDeque<StreamItem>,
    done: bool,
}

impl<R: BufRead> FormReader<R> {
    /// A reader over `reader`. Nothing is read until the first call to `next`.
    ///
    /// ```
    /// let text = "财政项目支出绩效目标申报表\n项目名称\t示例\n";
    /// let items: Vec<_> = jixiao::FormReader::new(text.as_bytes()).collect::<Result<_, _>>()?;
    /// assert_eq!(items.len(), 2);
    /// # Ok::<(), jixiao::StreamError>(())
    /// ```
    pub fn new(reader: R) -> Self {
        FormReader {
            reader,
            raw: Vec::new(),
            piece: String::new(),
            piece_line: 1,
            piece_offset: 0,
            piece_kind: Kind::Preamble { has_forms: true },
            segmenter: Segmenter::default(),
            offset: 0,
            line_no: 1,
            newlines: 0,
            forms: 0,
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// Finish the piece being gathered and queue it.
    fn flush_piece(&mut self, has_forms: bool) {
        let kind = match self.piece_kind {
            Kind::Preamble { .. } => Kind::Preamble { has_forms },
            k @ Kind::Form(_) => k,
        };
        let item = parse_piece(&self.piece, self.piece_line, self.piece_offset, kind);
        self.ready.push_back(item);
        self.piece.clear();
        // Give back what one huge form took, so that memory follows the
        // largest *current* piece rather than the largest ever seen.
        if self.piece.capacity() > (1 << 20) {
            self.piece.shrink_to(1 << 16);
        }
    }

    /// Read one raw line and feed it on. `Ok(false)` at the end of input.
    fn read_more(&mut self) -> Result<bool, StreamError> {
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        let n = self.reader.read_until(b'\n', &mut raw)?;
        if n == 0 {
            return Ok(false);
        }
        let result = self.feed(&raw, n);
        self.raw = raw;
        result.map(|()| true)
    }

    /// Feed one raw line (`n` bytes, up to and with its `\n`).
    fn feed(&mut self, raw: &[u8], n: usize) -> Result<(), StreamError> {
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                let valid = &raw[..e.valid_up_to()];
                // `raw` holds no `\n` before its end: the column counts from
                // its start, as `parse_bytes` counts it (a BOM is a character).
                let prefix = std::str::from_utf8(valid).unwrap_or("");
                return Err(Error::InvalidUtf8 {
                    offset: self.offset + e.valid_up_to(),
                    line: self.newlines + 1,
                    column: prefix.chars().count() + 1,
                    column_utf16: prefix.encode_utf16().count() + 1,
                }
                .into());
            }
        };
        let base = self.offset;
        // Only the input's first bytes can be a BOM: it belongs to the
        // preamble's text but to no line.
        let skip = if base == 0 && text.starts_with(BOM) {
            self.piece.push_str(BOM);
            BOM.len()
        } else {
            0
        };
        let mut consumed = skip;
        let mut lines = LineIter::new(&text[skip..], self.line_no, base + skip);
        for (line, rel_end) in lines.by_ref() {
            if self.segmenter.starts_form(&line) {
                let first = self.forms == 0;
                self.flush_piece(true);
                self.piece_kind = Kind::Form(self.forms);
                self.piece_line = line.no;
                self.piece_offset = line.start;
                self.forms += 1;
                if first {
                    // The preamble is out; nothing else can be in the queue.
                    debug_assert_eq!(self.ready.len(), 1);
                }
            }
            let end = skip + rel_end;
            self.piece.push_str(&text[consumed..end]);
            consumed = end;
        }
        self.line_no = lines.no;
        self.newlines += usize::from(raw.last() == Some(&b'\n'));
        self.offset += n;
        Ok(())
    }
}

impl<R: BufRead> Iterator for FormReader<R> {
    type Item = Result<StreamItem, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match self.read_more() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    // The last piece: the last form, or, with no form at all,
                    // the preamble (which is then the whole input).
                    self.flush_piece(self.forms > 0);
                    self.piece = String::new();
                }
                Err(e) => {
                    self.done = true;
                    self.ready.clear();
                    self.piece = String::new();
                    return Some(Err(e));
                }
            }
        }
    }
}

impl<R: BufRead> std::iter::FusedIterator for FormReader<R> {}
