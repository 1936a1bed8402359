//! The form grammar: documents, forms and their sections.
//!
//! ```text
//! document := blank* title? preamble_line* form*
//! form     := form_header year_line? section*          -- header.rs
//!           | year_line? project_row section*          -- a form whose title rows were lost
//! section  := project_row                              -- project.rs
//!           | funding_block                            -- funding.rs
//!           | goals_block                              -- goals.rs
//!           | indicator_table                          -- indicators.rs
//! ```
//!
//! The input is first cut into form segments (a segment starts at a form
//! header, or at a `项目名称` row when the current form already has one, or at a
//! year line after a form's body), so that damage inside one form can never
//! change how another is read. Each segment is then read row by row; a row's
//! kind is decided by the vocabulary of its first cell and by the section the
//! form is in. Value grammars (amounts, dates, years, targets) are nom parsers
//! in `value.rs` and `target.rs`; nom never reaches the public API.
//!
//! Nothing is dropped silently: every non-blank line is consumed into the
//! model or named in a diagnostic.

pub(crate) mod funding;
pub(crate) mod goals;
pub(crate) mod header;
pub(crate) mod indicators;
pub(crate) mod project;
pub(crate) mod target;
pub(crate) mod value;

use std::fmt::Write as _;

use crate::diagnostic::{Code, Diagnostic, SourceSpan};
use crate::model::{Document, Form, Funding, Goals, Project, Span, SCHEMA_VERSION};
use crate::text::{self, Cell, Line};

/// Split `label：value` / `label: value` at the first colon.
pub(crate) fn split_inline(text: &str) -> Option<(&str, &str)> {
    let i = text.find([':', '：'])?;
    let sep = text[i..].chars().next()?.len_utf8();
    let tail = text::trim(&text[i + sep..]);
    (!tail.is_empty()).then(|| (&text[..i], tail))
}

/// Split `label：value` at the last colon (labels such as `其中: 财政资金`
/// contain one).
pub(crate) fn split_inline_last(text: &str) -> Option<(&str, &str)> {
    let i = text.rfind([':', '：'])?;
    let sep = text[i..].chars().next()?.len_utf8();
    let tail = text::trim(&text[i + sep..]);
    (!tail.is_empty()).then(|| (&text[..i], tail))
}

/// A short excerpt of a text for messages.
pub(crate) fn excerpt(s: &str) -> String {
    let n = text::normalize(s);
    if n.chars().count() <= 40 {
        n
    } else {
        let mut e: String = n.chars().take(40).collect();
        e.push('…');
        e
    }
}

/// Diagnostics of one form, with what they need to compute spans.
pub(crate) struct FormCtx<'a, 'l> {
    lines: &'l [Line<'a>],
    form: Option<usize>,
    diags: Vec<Diagnostic>,
    /// Stray cells folded into the last `unexpected-cell` diagnostic.
    stray: usize,
}

impl<'a> FormCtx<'a, '_> {
    fn line_of(&self, byte: usize) -> Line<'a> {
        let i = self
            .lines
            .partition_point(|l| l.start <= byte)
            .saturating_sub(1);
        self.lines[i]
    }

    /// A diagnostic at bytes `start..end` (within one line).
    pub(crate) fn diag_at(&mut self, code: Code, message: String, start: usize, end: usize) {
        self.flush_stray();
        let line = self.line_of(start);
        let span = SourceSpan::within(&line, &line, start, end);
        self.diags
            .push(Diagnostic::new(code, message, Some(span), self.form));
    }

    /// A diagnostic on a cell.
    pub(crate) fn diag_cell(&mut self, code: Code, message: String, cell: &Cell<'_>) {
        self.diag_at(code, message, cell.start, cell.end());
    }

    /// A diagnostic on a whole line.
    pub(crate) fn diag_line(&mut self, code: Code, message: String, line: &Line<'_>) {
        self.flush_stray();
        let span = SourceSpan::lines(line, line);
        self.diags
            .push(Diagnostic::new(code, message, Some(span), self.form));
    }

    /// A cell the row's grammar has no place for.
    ///
    /// Stray cells on one row are reported together (one diagnostic whose span
    /// runs to the last of them), so that a row of many cells costs linear time.
    pub(crate) fn unexpected_cell(&mut self, cell: &Cell<'_>, place: &str) {
        let line = self.line_of(cell.start);
        if let Some(last) = self.diags.last_mut() {
            if last.code == Code::UnexpectedCell {
                if let Some(span) = last.span.as_mut() {
                    if span.start_line == line.no && span.end_byte <= cell.start {
                        span.end_byte = cell.end();
                        self.stray += 1;
                        return;
                    }
                }
            }
        }
        self.flush_stray();
        self.diag_cell(
            Code::UnexpectedCell,
            format!("{place} has no place for {:?}", excerpt(cell.text)),
            cell,
        );
    }

    /// Finish a run of coalesced stray cells: the span's end column and the
    /// count in the message, computed once.
    fn flush_stray(&mut self) {
        if self.stray == 0 {
            return;
        }
        let more = std::mem::take(&mut self.stray);
        let Some(span) = self.diags.last().and_then(|d| d.span) else {
            return;
        };
        let line = self.line_of(span.start_byte);
        if let Some(last) = self.diags.last_mut() {
            last.span = Some(SourceSpan::within(
                &line,
                &line,
                span.start_byte,
                span.end_byte,
            ));
            let _ = write!(last.message, " (and {more} more cells on this row)");
        }
    }

    /// A page number or footer line.
    fn furniture(&mut self, line: &Line<'_>) {
        self.diag_line(
            Code::PageFurniture,
            format!("page furniture skipped: {:?}", excerpt(line.text)),
            line,
        );
    }

    /// A line that fits nowhere; consecutive ones are reported together.
    fn unrecognised(&mut self, code: Code, line: &Line<'_>, what: &str) {
        self.flush_stray();
        if let Some(last) = self.diags.last_mut() {
            if last.code == code {
                if let Some(span) = last.span.as_mut() {
                    if span.end_line + 1 == line.no {
                        let ext = SourceSpan::lines(line, line);
                        span.end_line = ext.end_line;
                        span.end_col = ext.end_col;
                        span.end_col_utf16 = ext.end_col_utf16;
                        span.end_byte = ext.end_byte;
                        let n = span.end_line - span.start_line + 1;
                        if let Some(i) = last.message.find(" (and ") {
                            last.message.truncate(i);
                        }
                        let _ = write!(last.message, " (and {} more lines)", n - 1);
                        return;
                    }
                }
            }
        }
        let msg = format!("{what}: {:?}", excerpt(line.text));
        self.diag_line(code, msg, line);
    }
}

/// Which part of a form the reader is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Header,
    Project,
    Funding,
    Goals,
    Table,
}

/// Parse a whole document.
pub(crate) fn parse_document(input: &str) -> Document {
    let lines = text::lines(input);
    let segments = segment(&lines);
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        ..Document::default()
    };

    let preamble = &lines[..segments.first().map_or(lines.len(), |s| s.start)];
    let mut pre = FormCtx {
        lines: &lines,
        form: None,
        diags: Vec::new(),
        stray: 0,
    };
    let mut title_taken = segments.is_empty();
    for line in preamble.iter().filter(|l| !l.is_blank()) {
        if header::is_page_furniture(line.text) {
            pre.furniture(line);
            continue;
        }
        let cells = text::cells(line);
        if !title_taken && cells.len() == 1 {
            doc.title = Some(text::normalize(cells[0].text));
            title_taken = true;
            continue;
        }
        title_taken = true;
        pre.unrecognised(
            Code::TextOutsideForm,
            line,
            "text before the first form that is not part of a form",
        );
    }
    doc.diagnostics.append(&mut pre.diags);

    for seg in &segments {
        let index = doc.forms.len();
        let (form, mut diags) = parse_form(&lines, seg.start, seg.end, index);
        doc.forms.push(form);
        doc.diagnostics.append(&mut diags);
    }

    if lines.iter().all(Line::is_blank) {
        doc.diagnostics.push(Diagnostic::new(
            Code::EmptyInput,
            "the input holds no text (only whitespace)",
            None,
            None,
        ));
    } else if doc.forms.is_empty() {
        doc.diagnostics.insert(
            0,
            Diagnostic::new(
                Code::NoForms,
                "no 绩效目标申报表 form was found: no 财政项目支出绩效目标申报表 title row and no 项目名称 row",
                None,
                None,
            ),
        );
    }
    doc
}

/// A form segment: lines `start..end` (indices into the line list).
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quick {
    Header,
    Year,
    Name,
    Other,
}

fn quick_kind(cells: &[Cell<'_>]) -> Quick {
    if header::form_header(cells).is_some() {
        Quick::Header
    } else if header::year_line(cells).is_some() {
        Quick::Year
    } else if cells.first().is_some_and(|c| {
        crate::vocab::project_field(&c.key) == Some(crate::vocab::ProjectField::Name)
            || split_inline(c.text).is_some_and(|(h, _)| {
                crate::vocab::project_field(&text::label_key(h))
                    == Some(crate::vocab::ProjectField::Name)
            })
    }) {
        Quick::Name
    } else {
        Quick::Other
    }
}

/// Decides, line by line, where a new form starts. Shared by the whole-text
/// parser and the streaming reader so that both cut forms identically.
#[derive(Debug, Default, Clone)]
pub(crate) struct Segmenter {
    /// A form is open.
    open: bool,
    /// The open form holds something beyond its header/year lines.
    body: bool,
    /// The open form has a 项目名称 row.
    has_name: bool,
}

impl Segmenter {
    /// Feed the next line; `true` when this line starts a new form.
    /// Blank lines never start a form.
    pub(crate) fn starts_form(&mut self, line: &Line<'_>) -> bool {
        if line.is_blank() {
            return false;
        }
        let cells = text::cells(line);
        let kind = quick_kind(&cells);
        let start_new = match kind {
            Quick::Header => true,
            Quick::Year => !self.open || self.body,
            Quick::Name => !self.open || self.has_name,
            Quick::Other => false,
        };
        if start_new {
            self.open = true;
            self.body = false;
            self.has_name = false;
        }
        if self.open {
            match kind {
                Quick::Header | Quick::Year => {}
                Quick::Name => {
                    self.has_name = true;
                    self.body = true;
                }
                Quick::Other => self.body = true,
            }
        }
        start_new
    }
}

fn segment(lines: &[Line<'_>]) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let mut segmenter = Segmenter::default();
    for (i, line) in lines.iter().enumerate() {
        if segmenter.starts_form(line) {
            if let Some(last) = segs.last_mut() {
                last.end = i;
            }
            segs.push(Segment {
                start: i,
                end: lines.len(),
            });
        }
    }
    segs
}

pub(crate) fn parse_form(
    lines: &[Line<'_>],
    start: usize,
    end: usize,
    index: usize,
) -> (Form, Vec<Diagnostic>) {
    let mut ctx = FormCtx {
        lines,
        form: Some(index),
        diags: Vec::new(),
        stray: 0,
    };
    let mut year: Option<i32> = None;
    let mut project = Project::default();
    let mut funding = Funding::default();
    let mut goals = Goals::default();
    let mut indicators = Vec::new();
    let mut section = Section::Header;
    let mut seen_project = false;
    let mut seen_funding = false;
    let mut seen_goals = false;
    let mut seen_table = false;
    let mut funding_state = funding::FundingState::default();
    let mut goals_state = goals::GoalsState::default();
    let mut table_state = indicators::TableState::default();
    let mut first_line: Option<Line<'_>> = None;
    let mut last_line: Option<Line<'_>> = None;

    for line in &lines[start..end] {
        if line.is_blank() {
            continue;
        }
        if header::is_page_furniture(line.text) {
            ctx.furniture(line);
            continue;
        }
        first_line.get_or_insert(*line);
        last_line = Some(*line);
        let cells = text::cells(line);

        if let Some(h) = header::form_header(&cells) {
            if section == Section::Header && !seen_project && year.is_none() {
                year = h.year;
            } else {
                ctx.unrecognised(
                    Code::UnrecognisedLine,
                    line,
                    "a second form title inside a form",
                );
            }
            continue;
        }
        if section == Section::Header {
            if let Some(y) = header::year_line(&cells) {
                if year.is_some() {
                    ctx.diag_line(
                        Code::DuplicateField,
                        format!("a second year line ({y}); the first year is kept"),
                        line,
                    );
                } else {
                    year = Some(y);
                }
                continue;
            }
        }
        if project::is_project_row(&cells) {
            if section > Section::Project {
                ctx.unrecognised(
                    Code::UnrecognisedLine,
                    line,
                    "a project row after the project rows ended",
                );
                continue;
            }
            section = Section::Project;
            seen_project = true;
            project::read_row(&mut ctx, &cells, &mut project);
            continue;
        }
        if funding::is_header_row(&cells) {
            section = Section::Funding;
            seen_funding = true;
            funding::read_header_row(&mut ctx, &mut funding_state, &cells, &mut funding);
            continue;
        }
        if section == Section::Funding && funding::is_row(&cells) {
            funding::read_row(&mut ctx, &mut funding_state, &cells, &mut funding);
            continue;
        }
        if goals::is_header_row(&cells) {
            section = Section::Goals;
            seen_goals = true;
            goals::read_header_row(&mut ctx, &mut goals_state, line, &cells, &mut goals);
            continue;
        }
        if indicators::is_heading_row(&cells) {
            section = Section::Table;
            seen_table = true;
            continue;
        }
        if indicators::is_labelled_row(&cells) {
            section = Section::Table;
            seen_table = true;
            if let Some(ind) = indicators::read_row(&mut ctx, &mut table_state, line, &cells) {
                indicators.push(ind);
            }
            continue;
        }
        match section {
            Section::Goals => {
                // A label of another part of the form is never goal text
                // (text whose reading order is broken puts labels here).
                if cells
                    .iter()
                    .any(|c| crate::vocab::is_structural_label(&c.key))
                {
                    ctx.unrecognised(
                        Code::UnrecognisedLine,
                        line,
                        "a label of another part of the form inside the 项目绩效目标 block",
                    );
                } else {
                    goals::read_text_row(&mut ctx, &goals_state, line, &cells, &mut goals);
                }
            }
            Section::Table => {
                if let Some(ind) = indicators::read_row(&mut ctx, &mut table_state, line, &cells) {
                    indicators.push(ind);
                }
            }
            _ => ctx.unrecognised(
                Code::UnrecognisedLine,
                line,
                "a line that fits no part of the form",
            ),
        }
    }

    ctx.flush_stray();
    let first = first_line.unwrap_or(lines[start]);
    let last = last_line.unwrap_or(first);
    let whole = SourceSpan::lines(&first, &last);

    let missing: Vec<&str> = [
        (seen_project, "project rows (项目名称 …)"),
        (seen_funding, "项目资金"),
        (seen_goals, "项目绩效目标"),
        (seen_table, "绩效指标"),
    ]
    .iter()
    .filter(|(seen, _)| !seen)
    .map(|(_, name)| *name)
    .collect();
    if !missing.is_empty() {
        ctx.diags.push(Diagnostic::new(
            Code::TruncatedForm,
            format!(
                "the form (lines {}–{}) has no {}",
                first.no,
                last.no,
                missing.join(", no ")
            ),
            Some(whole),
            Some(index),
        ));
    }
    if project.name.is_none() {
        ctx.diags.push(Diagnostic::new(
            Code::MissingProjectName,
            format!("the form at line {} has no 项目名称", first.no),
            Some(SourceSpan::lines(&first, &first)),
            Some(index),
        ));
    }
    if year.is_none() {
        if let (Some(s), Some(e)) = (project.start_date, project.end_date) {
            if s.year() == e.year() {
                year = Some(s.year());
                ctx.diags.push(Diagnostic::new(
                    Code::InferredYear,
                    format!(
                        "no (YYYY 年度) line; the year {} was taken from the planned dates",
                        s.year()
                    ),
                    Some(SourceSpan::lines(&first, &first)),
                    Some(index),
                ));
            }
        }
    }

    let form = Form {
        year,
        project,
        funding,
        goals,
        indicators,
        span: Span {
            start_line: first.no,
            end_line: last.no,
            start_byte: first.start,
            end_byte: last.end(),
        },
    };
    (form, ctx.diags)
}
