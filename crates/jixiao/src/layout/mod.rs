//! Text layouts: how the cells of a form were laid out by the tool that
//! extracted them, and the readers that turn each layout into rows for the
//! grammar.

pub(crate) mod flow;
pub(crate) mod raw;
pub(crate) mod spaced;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diagnostic::SourceSpan;
use crate::grammar::Census;
use crate::model::{Document, Span};
use crate::text::{self, Line};

/// How the text of a form was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// Tab-separated cells, one table row per line: PDF-to-text tools that
    /// keep cells apart with tabs (the bundled sample) and copy-paste of a
    /// table from a browser, Word or Excel.
    #[default]
    Tab,
    /// Rows of cells given to [`parse_rows`](crate::parse_rows) (CSV, XLSX,
    /// pdfplumber `extract_tables()`).
    Grid,
    /// Columns aligned with spaces, wrapped cells over several lines:
    /// `pdftotext -layout`.
    Spaced,
    /// Text without columns and with a broken reading order: one text block
    /// per cell, blocks apart by blank lines (`pdftotext` without `-layout`).
    /// Only what a block says about itself is read (a label and its value in
    /// one block, values of a unique shape, amounts right after their
    /// labels, indicator rows); goal texts, levels and whatever else cannot
    /// be placed reliably are left empty and reported, never guessed.
    Plain,
    /// Lines that follow the table's rows without column positions, cells one
    /// space apart and wrapped fragments on lines of their own: pdfplumber
    /// `extract_text()`. Rows are rebuilt from line order and the shapes of
    /// labels and values; what cannot be placed is reported.
    ///
    /// ```
    /// // A name wrapped over two lines around its row's one-line cells.
    /// let text = "财政项目支出绩效目标申报表\n(2026 年度)\n区职业技能\n\
    ///             项目名称 项目性质 经常性项目 项目类别 特定目标类\n培训经费\n";
    /// let doc = jixiao::parse(text);
    /// assert_eq!(doc.layout, jixiao::Layout::Flow);
    /// let project = &doc.forms[0].project;
    /// assert_eq!(project.name.as_deref(), Some("区职业技能培训经费"));
    /// assert_eq!(project.category.as_deref(), Some("特定目标类"));
    /// ```
    Flow,
}

impl Layout {
    /// Every layout, in the order the documentation lists them.
    ///
    /// ```
    /// let names: Vec<_> = jixiao::Layout::ALL.iter().map(|l| l.name()).collect();
    /// assert_eq!(names, ["tab", "grid", "spaced", "plain", "flow"]);
    /// ```
    pub const ALL: [Layout; 5] = [
        Layout::Tab,
        Layout::Grid,
        Layout::Spaced,
        Layout::Plain,
        Layout::Flow,
    ];

    /// The name used in JSON, options and the CLI (`"spaced"`).
    ///
    /// ```
    /// assert_eq!(jixiao::Layout::Spaced.name(), "spaced");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Layout::Tab => "tab",
            Layout::Grid => "grid",
            Layout::Spaced => "spaced",
            Layout::Plain => "plain",
            Layout::Flow => "flow",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tab" | "tsv" => Ok(Layout::Tab),
            "grid" | "rows" => Ok(Layout::Grid),
            "spaced" | "layout" => Ok(Layout::Spaced),
            "plain" | "raw" => Ok(Layout::Plain),
            "flow" | "text" => Ok(Layout::Flow),
            other => Err(format!(
                "unknown layout {other:?}; expected auto, tab, grid, spaced, plain or flow"
            )),
        }
    }
}

/// Options for [`parse_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// The layout to read; `None` detects it.
    pub layout: Option<Layout>,
}

impl ParseOptions {
    /// Options that force one layout.
    ///
    /// ```
    /// let opts = jixiao::ParseOptions::with_layout(jixiao::Layout::Tab);
    /// assert_eq!(opts.layout, Some(jixiao::Layout::Tab));
    /// ```
    #[must_use]
    pub fn with_layout(layout: Layout) -> ParseOptions {
        ParseOptions {
            layout: Some(layout),
        }
    }
}

/// Detect the layout of a text: tabs between cells, columns aligned with
/// runs of spaces, or neither: then lines that follow the table's rows
/// (several labels on one line, no blank lines: [`Layout::Flow`]) or one
/// cell per paragraph ([`Layout::Plain`]).
///
/// ```
/// use jixiao::{detect_layout, Layout};
/// assert_eq!(detect_layout(jixiao::SAMPLE), Layout::Tab);
/// assert_eq!(detect_layout("项目名称 党建经费 项目性质 经常性项目\n"), Layout::Flow);
/// assert_eq!(detect_layout("项目名称 党建经费\n\n项目性质\n\n经常性项目\n"), Layout::Plain);
/// assert_eq!(detect_layout("项目名称 党建经费      项目性质    经常性项目\n"), Layout::Spaced);
/// ```
#[must_use]
pub fn detect_layout(input: &str) -> Layout {
    let mut census = Census::default();
    for line in text::line_iter(input) {
        let t = text::trim(line.text);
        if t.is_empty() {
            continue;
        }
        if t.contains('\t') {
            census.tabbed += 1;
        } else {
            census.count_single(t);
        }
    }
    decide(&census, input)
}

/// The layout a census of the input's lines points to (a settled census:
/// [`Census::settled`]).
fn decide(census: &Census, input: &str) -> Layout {
    let Census {
        tabbed,
        spaced,
        other,
        unsorted: _,
    } = *census;
    if tabbed == 0 && other > 0 && spaced * 5 < other {
        if flow::looks_like_flow(input) {
            Layout::Flow
        } else {
            Layout::Plain
        }
    } else if spaced > tabbed {
        Layout::Spaced
    } else {
        Layout::Tab
    }
}

/// Parse with options: a forced layout, or the detected one. The document
/// reports the layout it was read as ([`Document::layout`]).
///
/// For the spaced, flow and plain layouts, rows are rebuilt from the text
/// first (its geometry, its line order, its text blocks); spans and
/// diagnostics refer to the source lines each rebuilt row came from (columns
/// then start at the line's first character).
///
/// ```
/// let doc = jixiao::parse_with(jixiao::SAMPLE, &jixiao::ParseOptions::default());
/// assert_eq!(doc.layout, jixiao::Layout::Tab);
/// assert_eq!(doc.forms.len(), 30);
/// ```
#[must_use]
pub fn parse_with(input: &str, options: &ParseOptions) -> Document {
    let layout = match options.layout {
        Some(layout) => layout,
        None => {
            // Most inputs are tab-separated: read them as such while taking
            // the census that detection needs, and keep that reading when the
            // census agrees (one pass instead of two).
            if let Some((mut doc, census)) = crate::grammar::parse_document_with_census(input) {
                let layout = if census.settled() {
                    decide(&census, input)
                } else {
                    detect_layout(input)
                };
                if layout == Layout::Tab {
                    doc.layout = Layout::Tab;
                    return doc;
                }
                layout
            } else {
                detect_layout(input)
            }
        }
    };
    match layout {
        Layout::Tab | Layout::Grid => {
            let mut doc = crate::grammar::parse_document(input);
            doc.layout = layout;
            doc
        }
        Layout::Plain => {
            // Without columns and with the reading order broken, only what a
            // text block says about itself is read; the rest is reported.
            let lines = text::lines(input);
            let read = raw::read(&lines);
            let mut doc = parse_rebuilt(&lines, &read.rows);
            doc.layout = Layout::Plain;
            flow::report(&lines, read.unread, &mut doc);
            doc
        }
        Layout::Spaced => {
            let lines = text::lines(input);
            let rows = spaced::read(&lines);
            let mut doc = parse_rebuilt(&lines, &rows);
            doc.layout = Layout::Spaced;
            doc
        }
        Layout::Flow => {
            let lines = text::lines(input);
            let read = flow::read(&lines);
            let mut doc = parse_rebuilt(&lines, &read.rows);
            doc.layout = Layout::Flow;
            flow::report(&lines, read.unread, &mut doc);
            doc
        }
    }
}

/// Parse rebuilt rows and map every span back to the source lines.
fn parse_rebuilt(lines: &[Line<'_>], rows: &[spaced::Row]) -> Document {
    let text = crate::grid::rows_to_text(rows.iter().map(|r| r.cells.iter()));
    let mut doc = crate::grammar::parse_document(&text);
    let source = |row_line: usize| -> Option<(&Line<'_>, &Line<'_>)> {
        let row = rows.get(row_line.checked_sub(1)?)?;
        Some((lines.get(row.first)?, lines.get(row.last)?))
    };
    let map_span = |s: &mut Span| {
        if let (Some((a, _)), Some((_, b))) =
            (source(s.start_line as usize), source(s.end_line as usize))
        {
            *s = Span::of_lines(a, b);
        }
    };
    for form in &mut doc.forms {
        map_span(&mut form.span);
        for ind in &mut form.indicators {
            map_span(&mut ind.span);
        }
    }
    for d in &mut doc.diagnostics {
        if let Some(span) = d.span {
            d.span = match (source(span.start_line), source(span.end_line)) {
                (Some((a, _)), Some((_, b))) => Some(SourceSpan::lines(a, b)),
                _ => None,
            };
        }
    }
    doc
}

/// Read back the groups of a contiguous partition: `back[k][i]` is where the
/// group of label `k - 1` starts when rows `..i` go to labels `..k` (the
/// dynamic programmes of the spaced and flow readers). Row `r` gets
/// `Some(label)`.
fn groups_from_back(back: &[Vec<usize>], n: usize, m: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; n];
    let mut i = n;
    for k in (1..=m).rev() {
        let j = back[k][i];
        for slot in &mut out[j..i] {
            *slot = Some(k - 1);
        }
        i = j;
    }
    out
}
