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
//! The input is cut into form segments (a segment starts at a form header, or
//! at a `项目名称` row when the current form already has one, or at a year line
//! after a form's body), so that damage inside one form can never change how
//! another is read. Both happen in one pass: each line is cut into cells once,
//! the `Segmenter` decides from them whether the line starts a form, and the
//! current form's `FormParser` reads the line; a row's kind is decided by the
//! vocabulary of its first cell and by the section the form is in. Value grammars (amounts, dates, years, targets) are nom parsers
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
use crate::model::{Document, Form, Funding, Goals, Indicator, Project, Span, SCHEMA_VERSION};
use crate::text::{self, Cell, Line};

/// Split `label：value` / `label: value` at the first colon.
pub(crate) fn split_inline(text: &str) -> Option<(&str, &str)> {
    let i = text::find_colon(text)?;
    let sep = text[i..].chars().next()?.len_utf8();
    let tail = text::trim(&text[i + sep..]);
    (!tail.is_empty()).then(|| (&text[..i], tail))
}

/// Split `label：value` at the last colon (labels such as `其中: 财政资金`
/// contain one).
pub(crate) fn split_inline_last(text: &str) -> Option<(&str, &str)> {
    let i = text::rfind_colon(text)?;
    let sep = text[i..].chars().next()?.len_utf8();
    let tail = text::trim(&text[i + sep..]);
    (!tail.is_empty()).then(|| (&text[..i], tail))
}

/// A short excerpt of a text for messages.
pub(crate) fn excerpt(s: &str) -> String {
    let n = text::normalize(s);
    if n.chars().count() <= 40 {
        n.into_string()
    } else {
        let mut e: String = n.chars().take(40).collect();
        e.push('…');
        e
    }
}

/// Diagnostics of one form, with what they need to compute spans.
pub(crate) struct FormCtx<'a> {
    /// The line being read: every cell a section reports on is on it.
    line: Line<'a>,
    /// The line of the last coalesced `unexpected-cell` diagnostic.
    stray_line: Line<'a>,
    form: Option<usize>,
    diags: Vec<Diagnostic>,
    /// Stray cells folded into the last `unexpected-cell` diagnostic.
    stray: usize,
}

impl<'a> FormCtx<'a> {
    fn new(line: Line<'a>, form: Option<usize>) -> Self {
        FormCtx {
            line,
            stray_line: line,
            form,
            diags: Vec::new(),
            stray: 0,
        }
    }

    /// A diagnostic at bytes `start..end` (within one line).
    pub(crate) fn diag_at(&mut self, code: Code, message: String, start: usize, end: usize) {
        self.flush_stray();
        let line = self.line;
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
        let line = self.line;
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
        self.stray_line = line;
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
        let line = self.stray_line;
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

/// Parse a whole document, in one pass over its lines: each line is cut into
/// cells once, and those cells serve both the form segmenter and the form
/// grammar. No list of all lines is kept.
pub(crate) fn parse_document(input: &str) -> Document {
    parse_lines(input, None).unwrap_or_default()
}

/// [`parse_document`] that also takes the layout census of the input (what
/// [`crate::detect_layout`] counts) in the same pass, so that reading a
/// tab-separated text does not cost a second pass to detect its layout.
///
/// Gives up (`None`) once the lines seen make the tab layout unlikely: at
/// least [`Census::GIVE_UP_AFTER`] non-blank lines and fewer than a quarter
/// of them with two cells. The caller then detects the layout on its own, so
/// the answer never depends on where this stopped.
pub(crate) fn parse_document_with_census(input: &str) -> Option<(Document, Census)> {
    let mut census = Census::default();
    let doc = parse_lines(input, Some(&mut census))?;
    Some((doc, census))
}

/// The lines of an input by the shape [`crate::detect_layout`] looks at.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Census {
    /// Non-blank lines with text on both sides of a tab (two cells or more).
    pub tabbed: usize,
    /// Other non-blank lines with a double space or an ideographic space.
    pub spaced: usize,
    /// The remaining non-blank lines.
    pub other: usize,
    /// One-cell lines the fused pass left unsorted between `spaced` and
    /// `other`: it sorts a line only when the lines so far could make
    /// `spaced` exceed `tabbed` (see [`Census::settled`]).
    pub unsorted: usize,
}

impl Census {
    /// Non-blank lines seen before the fused pass may give up.
    pub(crate) const GIVE_UP_AFTER: usize = 256;

    /// Count one line by its non-empty cells (none for a blank line). A
    /// trimmed line holds a tab exactly when it has two cells or more, and
    /// a one-cell line's trimmed text is that cell.
    pub(crate) fn count_cells(&mut self, cells: &[Cell<'_>]) {
        match cells {
            [] => {}
            // Sorting a line costs a search for a double space. While
            // `spaced + unsorted` stays within `tabbed`, spaced lines cannot
            // outnumber tabbed ones however the unsorted lines fall.
            [_] if self.spaced + self.unsorted < self.tabbed => self.unsorted += 1,
            [one] => self.count_single(one.text),
            _ => self.tabbed += 1,
        }
    }

    /// Whether the census decides the layout as an exact one would: every
    /// line is sorted, or the unsorted lines cannot make the spaced lines
    /// outnumber the tabbed ones (there are tabbed lines, so the layout is
    /// then tab-separated whatever they are).
    pub(crate) fn settled(&self) -> bool {
        self.unsorted == 0 || (self.tabbed > 0 && self.spaced + self.unsorted <= self.tabbed)
    }

    /// Count one trimmed, non-empty line without a tab.
    pub(crate) fn count_single(&mut self, trimmed: &str) {
        if text::has_space_run(trimmed) {
            self.spaced += 1;
        } else {
            self.other += 1;
        }
    }

    fn lines(&self) -> usize {
        self.tabbed + self.spaced + self.other + self.unsorted
    }

    /// Whether the fused pass should stop reading the input as tab-separated.
    fn unlikely_tab(&self) -> bool {
        let n = self.lines();
        n >= Self::GIVE_UP_AFTER && self.tabbed * 4 < n
    }
}

fn parse_lines(input: &str, mut census: Option<&mut Census>) -> Option<Document> {
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        ..Document::default()
    };
    let mut segmenter = Segmenter::default();
    let mut cells: Vec<Cell<'_>> = Vec::new();
    // The lines before the first form: read once it is known whether any
    // form follows (the title is taken only then).
    let mut preamble: Vec<Line<'_>> = Vec::new();
    let mut current: Option<FormParser<'_>> = None;
    // One buffer gathers each form's indicators in turn; each form keeps an
    // exact-size copy (no growth by doubling per form, no spare capacity).
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut any_text = false;
    for line in text::line_iter(input) {
        // A line is blank exactly when it has no non-empty cell.
        text::cells_into(&line, &mut cells);
        if let Some(census) = census.as_deref_mut() {
            census.count_cells(&cells);
            if census.unlikely_tab() {
                return None;
            }
        }
        if cells.is_empty() {
            continue;
        }
        any_text = true;
        let (starts, kind) = segmenter.classify(&cells);
        if starts {
            if let Some(form) = current.take() {
                finish_form(&mut doc, form, &mut indicators);
            } else {
                read_preamble(&mut doc, &preamble, true);
                // Forms in the fixtures and the benchmark corpus take 1.3–1.5
                // KB of text each: room for one per KB left saves the forms
                // vector's regrowth (and its copies); spare room is given
                // back at the end.
                doc.forms
                    .reserve(input.len().saturating_sub(line.start) / 1024 + 1);
            }
            let buffer = std::mem::take(&mut indicators);
            current = Some(FormParser::with_buffer(line, doc.forms.len(), buffer));
        }
        match current.as_mut() {
            Some(form) => form.feed_kind(line, &cells, kind),
            None => preamble.push(line),
        }
    }
    match current {
        Some(form) => finish_form(&mut doc, form, &mut indicators),
        None => read_preamble(&mut doc, &preamble, false),
    }
    doc.forms.shrink_to_fit();

    if !any_text {
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
    Some(doc)
}

fn finish_form(doc: &mut Document, form: FormParser<'_>, indicators: &mut Vec<Indicator>) {
    let (form, mut diags, buffer) = form.finish_with_buffer();
    *indicators = buffer;
    doc.forms.push(form);
    doc.diagnostics.append(&mut diags);
}

/// The non-blank lines before the first form: the title and text outside
/// any form.
fn read_preamble(doc: &mut Document, preamble: &[Line<'_>], has_forms: bool) {
    let Some(first) = preamble.first() else {
        return;
    };
    let mut pre = FormCtx::new(*first, None);
    let mut title_taken = !has_forms;
    let mut cells = Vec::new();
    for line in preamble {
        text::cells_into(line, &mut cells);
        if header::is_page_furniture_cells(&cells) {
            pre.furniture(line);
            continue;
        }
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
}

/// Whether a row written inside the 项目绩效目标 block (after its header
/// row) is read back as a goal text row of the same cells: the checks
/// [`FormParser::feed`] makes, in its order, for a line in that block. Used by
/// the renderer to choose where a goal text goes.
pub(crate) fn reads_as_goal_text(row: &str) -> bool {
    let line = Line {
        no: 1,
        start: 0,
        text: row,
    };
    let cells = text::cells(&line);
    !cells.is_empty()
        && !header::is_page_furniture_cells(&cells)
        && quick_kind(&cells) == Quick::Other
        && !project::is_project_row(&cells)
        && !funding::is_header_row(&cells)
        && !goals::is_header_row(&cells)
        && !indicators::is_heading_row(&cells)
        && !indicators::is_labelled_row(&cells)
        && !cells
            .iter()
            .any(|c| crate::vocab::is_structural_label(c.label()))
}

/// The indicator that a row written in the 绩效指标 table is read as, given
/// the levels carried down to it (`state`, advanced as the table would); `None`
/// when the row would be read as another kind of row, or as no indicator.
/// Used by the renderer to choose how much of a row to write out.
pub(crate) fn read_as_indicator(
    state: &mut indicators::TableState,
    row: &str,
) -> Option<Indicator> {
    let line = Line {
        no: 1,
        start: 0,
        text: row,
    };
    let cells = text::cells(&line);
    if cells.is_empty()
        || header::is_page_furniture_cells(&cells)
        || quick_kind(&cells) != Quick::Other
        || project::is_project_row(&cells)
        || funding::is_header_row(&cells)
        || goals::is_header_row(&cells)
        || indicators::is_heading_row(&cells)
    {
        return None;
    }
    let mut ctx = FormCtx::new(line, None);
    indicators::read_row(&mut ctx, state, &line, &cells)
}

/// Whether a text written after a label in the 项目绩效目标 header row is
/// read back as goal text there.
pub(crate) fn reads_as_goal_text_in_header(text: &str) -> bool {
    let key = text::key(text);
    crate::vocab::goal_label(&key).is_none() && !crate::vocab::is_structural_label(&key)
}

/// What the form segmenter sees in a line, with what it read on the way
/// (the title's year, the year line's year), so that the form grammar does
/// not read them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quick {
    /// A form's title row ([`header::form_header`]).
    Header(header::FormHeader),
    /// A `(2026 年度)` row ([`header::year_line`]).
    Year(i32),
    /// A 项目名称 row.
    Name,
    Other,
}

fn quick_kind(cells: &[Cell<'_>]) -> Quick {
    if let Some(h) = header::form_header(cells) {
        Quick::Header(h)
    } else if let Some(y) = header::year_line(cells) {
        Quick::Year(y)
    } else if cells.first().is_some_and(|c| {
        // Every 项目名称 label starts with 项, and so does a `项目名称：…`
        // cell (cells are trimmed): other lines need no key.
        c.key_starts_with('项')
            && (crate::vocab::project_field(c.key()) == Some(crate::vocab::ProjectField::Name)
                || split_inline(c.text).is_some_and(|(h, _)| {
                    crate::vocab::project_field(&text::key(h))
                        == Some(crate::vocab::ProjectField::Name)
                }))
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
        self.starts_form_cells(&text::cells(line))
    }

    /// [`Segmenter::starts_form`] on the cells of a non-blank line.
    pub(crate) fn starts_form_cells(&mut self, cells: &[Cell<'_>]) -> bool {
        self.classify(cells).0
    }

    /// [`Segmenter::starts_form_cells`], and the line's [`Quick`] kind (for
    /// [`FormParser::feed_kind`]).
    pub(crate) fn classify(&mut self, cells: &[Cell<'_>]) -> (bool, Quick) {
        let kind = quick_kind(cells);
        let start_new = match kind {
            Quick::Header(_) => true,
            Quick::Year(_) => !self.open || self.body,
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
                Quick::Header(_) | Quick::Year(_) => {}
                Quick::Name => {
                    self.has_name = true;
                    self.body = true;
                }
                Quick::Other => self.body = true,
            }
        }
        (start_new, kind)
    }
}

/// Reads one form, line by line: the lines from the one that starts the
/// form up to the one that starts the next.
// One flag per section seen: the form's own checklist, not a state machine.
#[allow(clippy::struct_excessive_bools)]
pub(crate) struct FormParser<'a> {
    ctx: FormCtx<'a>,
    index: usize,
    /// The line that started the form (the span's fallback).
    start_line: Line<'a>,
    year: Option<i32>,
    project: Project,
    funding: Funding,
    goals: Goals,
    indicators: Vec<Indicator>,
    section: Section,
    seen_project: bool,
    seen_funding: bool,
    seen_goals: bool,
    seen_table: bool,
    funding_state: funding::FundingState,
    goals_state: goals::GoalsState,
    table_state: indicators::TableState,
    first_line: Option<Line<'a>>,
    last_line: Option<Line<'a>>,
}

impl<'a> FormParser<'a> {
    /// A form with index `index` that starts at `start_line`.
    pub(crate) fn new(start_line: Line<'a>, index: usize) -> Self {
        Self::with_buffer(start_line, index, Vec::new())
    }

    /// [`FormParser::new`] gathering indicators in `buffer` (empty; its
    /// capacity is reused): see [`FormParser::finish_with_buffer`].
    pub(crate) fn with_buffer(start_line: Line<'a>, index: usize, buffer: Vec<Indicator>) -> Self {
        debug_assert!(buffer.is_empty());
        FormParser {
            ctx: FormCtx::new(start_line, Some(index)),
            index,
            start_line,
            year: None,
            project: Project::default(),
            funding: Funding::default(),
            goals: Goals::default(),
            indicators: buffer,
            section: Section::Header,
            seen_project: false,
            seen_funding: false,
            seen_goals: false,
            seen_table: false,
            funding_state: funding::FundingState::default(),
            goals_state: goals::GoalsState::default(),
            table_state: indicators::TableState::default(),
            first_line: None,
            last_line: None,
        }
    }

    /// Read one line of the form, given its cells. Blank lines are skipped.
    pub(crate) fn feed_line(&mut self, line: Line<'a>, cells: &mut Vec<Cell<'a>>) {
        if line.is_blank() {
            return;
        }
        text::cells_into(&line, cells);
        self.feed(line, cells);
    }

    /// Read one non-blank line of the form, given its cells.
    pub(crate) fn feed(&mut self, line: Line<'a>, cells: &[Cell<'a>]) {
        self.feed_kind(line, cells, quick_kind(cells));
    }

    /// [`FormParser::feed`] given the line's [`Quick`] kind, which the
    /// segmenter has read already.
    pub(crate) fn feed_kind(&mut self, line: Line<'a>, cells: &[Cell<'a>], kind: Quick) {
        let ctx = &mut self.ctx;
        ctx.line = line;
        let line = &line;
        if header::is_page_furniture_cells(cells) {
            ctx.furniture(line);
            return;
        }
        self.first_line.get_or_insert(*line);
        self.last_line = Some(*line);

        if let Quick::Header(h) = kind {
            if self.section == Section::Header && !self.seen_project && self.year.is_none() {
                self.year = h.year;
            } else {
                ctx.unrecognised(
                    Code::UnrecognisedLine,
                    line,
                    "a second form title inside a form",
                );
            }
            return;
        }
        if self.section == Section::Header {
            if let Quick::Year(y) = kind {
                if self.year.is_some() {
                    ctx.diag_line(
                        Code::DuplicateField,
                        format!("a second year line ({y}); the first year is kept"),
                        line,
                    );
                } else {
                    self.year = Some(y);
                }
                return;
            }
        }
        if project::is_project_row(cells) {
            if self.section > Section::Project {
                ctx.unrecognised(
                    Code::UnrecognisedLine,
                    line,
                    "a project row after the project rows ended",
                );
                return;
            }
            self.section = Section::Project;
            self.seen_project = true;
            project::read_row(ctx, cells, &mut self.project);
            return;
        }
        if funding::is_header_row(cells) {
            self.section = Section::Funding;
            self.seen_funding = true;
            funding::read_header_row(ctx, &mut self.funding_state, cells, &mut self.funding);
            return;
        }
        if self.section == Section::Funding && funding::is_row(cells) {
            funding::read_row(ctx, &mut self.funding_state, cells, &mut self.funding);
            return;
        }
        if goals::is_header_row(cells) {
            self.section = Section::Goals;
            self.seen_goals = true;
            goals::read_header_row(ctx, &mut self.goals_state, line, cells, &mut self.goals);
            return;
        }
        if indicators::is_heading_row(cells) {
            self.section = Section::Table;
            self.seen_table = true;
            return;
        }
        if indicators::is_labelled_row(cells) {
            self.section = Section::Table;
            self.seen_table = true;
            if let Some(ind) = indicators::read_row(ctx, &mut self.table_state, line, cells) {
                self.indicators.push(ind);
            }
            return;
        }
        match self.section {
            Section::Goals => {
                // A label of another part of the form is never goal text
                // (text whose reading order is broken puts labels here).
                if cells
                    .iter()
                    .any(|c| crate::vocab::is_structural_label(c.label()))
                {
                    ctx.unrecognised(
                        Code::UnrecognisedLine,
                        line,
                        "a label of another part of the form inside the 项目绩效目标 block",
                    );
                } else {
                    goals::read_text_row(ctx, &self.goals_state, line, cells, &mut self.goals);
                }
            }
            Section::Table => {
                if let Some(ind) = indicators::read_row(ctx, &mut self.table_state, line, cells) {
                    self.indicators.push(ind);
                }
            }
            _ => ctx.unrecognised(
                Code::UnrecognisedLine,
                line,
                "a line that fits no part of the form",
            ),
        }
    }

    /// The form and its diagnostics.
    pub(crate) fn finish(self) -> (Form, Vec<Diagnostic>) {
        let (form, diags, _) = self.finish_with_buffer();
        (form, diags)
    }

    /// [`FormParser::finish`], and the indicator buffer emptied for the next
    /// form: the form holds an exact-size copy of its indicators.
    pub(crate) fn finish_with_buffer(self) -> (Form, Vec<Diagnostic>, Vec<Indicator>) {
        let FormParser {
            mut ctx,
            index,
            start_line,
            mut year,
            project,
            funding,
            goals,
            indicators,
            seen_project,
            seen_funding,
            seen_goals,
            seen_table,
            first_line,
            last_line,
            ..
        } = self;
        let mut buffer = indicators;
        // The model is most of a parse's memory: no spare capacity in it.
        // The indicators move to a vector of their exact size, and the
        // buffer keeps its capacity for the next form.
        let mut indicators = Vec::with_capacity(buffer.len());
        indicators.append(&mut buffer);
        ctx.flush_stray();
        let first = first_line.unwrap_or(start_line);
        let last = last_line.unwrap_or(first);

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
                // Columns are counted only for a form that is reported.
                Some(SourceSpan::lines(&first, &last)),
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
            span: Span::of_lines(&first, &last),
        };
        (form, ctx.diags, buffer)
    }
}
