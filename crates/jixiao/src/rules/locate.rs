//! Where a finding points: from what a rule knows (an indicator row, a
//! labelled field, a year in the goal) to a [`SourceSpan`].

use crate::diagnostic::SourceSpan;
use crate::model::{Form, Span};
use crate::text::{cells, lines, normalize, Cell, Line};
use crate::vocab::{self, FundingLabel, GoalLabel, ProjectField};

/// What a finding points at.
#[derive(Debug, Clone)]
pub(crate) enum At {
    /// The form as a whole (its title line when the source is known).
    Form,
    /// An indicator row.
    Row(Span),
    /// The target value cell of an indicator row.
    Target(Span),
    /// The 三级指标 name cell of an indicator row.
    Name(Span, String),
    /// The value cell of a labelled field (or the label when it has no value).
    Field(Field),
    /// A year written in the goal text (`2025 年`).
    Year(i32),
    /// An exact place (rules that read the source compute it themselves).
    Exact(SourceSpan),
}

/// A labelled field of the form's upper part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Project(ProjectField),
    Funding(FundingLabel),
    MoneyHeader,
    Goal(GoalLabel),
}

impl Field {
    fn matches(self, key: &str) -> bool {
        match self {
            Field::Project(f) => vocab::project_field(key) == Some(f),
            Field::Funding(f) => vocab::funding_label(key) == Some(f),
            Field::MoneyHeader => vocab::funding_header(key).is_some(),
            Field::Goal(g) => vocab::goal_label(key) == Some(g),
        }
    }
}

fn is_any_label(key: &str) -> bool {
    vocab::project_field(key).is_some()
        || vocab::funding_label(key).is_some()
        || vocab::funding_header(key).is_some()
        || vocab::goal_label(key).is_some()
}

/// A span over whole lines, from the model alone (columns unknown: 1).
fn line_span(span: Span) -> SourceSpan {
    SourceSpan {
        start_line: span.start_line as usize,
        end_line: span.end_line as usize,
        start_col: 1,
        end_col: 1,
        start_col_utf16: 1,
        end_col_utf16: 1,
        start_byte: span.start_byte,
        end_byte: span.end_byte,
    }
}

/// The span of a finding when only the document is known.
pub(crate) fn without_source(at: &At, form: &Form) -> SourceSpan {
    match at {
        At::Form | At::Field(_) | At::Year(_) => line_span(form.span),
        At::Row(s) | At::Target(s) | At::Name(s, _) => line_span(*s),
        At::Exact(s) => *s,
    }
}

/// The source text, cut into lines once.
pub(crate) struct Source<'a> {
    lines: Vec<Line<'a>>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: &'a str) -> Source<'a> {
        Source { lines: lines(text) }
    }

    /// The line a model span starts on, when it fits this source.
    pub(crate) fn line(&self, span: Span) -> Option<&Line<'a>> {
        let line = self.lines.get((span.start_line as usize).checked_sub(1)?)?;
        (line.start == span.start_byte).then_some(line)
    }

    /// The lines of a form, when its span fits this source.
    pub(crate) fn form_lines(&self, form: &Form) -> Option<&[Line<'a>]> {
        self.line(form.span)?;
        self.lines.get(
            form.span.start_line as usize - 1..(form.span.end_line as usize).min(self.lines.len()),
        )
    }

    pub(crate) fn resolve(&self, at: &At, form: &Form) -> SourceSpan {
        self.try_resolve(at, form)
            .or_else(|| match at {
                At::Field(_) | At::Year(_) => self.try_resolve(&At::Form, form),
                _ => None,
            })
            .unwrap_or_else(|| without_source(at, form))
    }

    fn try_resolve(&self, at: &At, form: &Form) -> Option<SourceSpan> {
        match at {
            At::Form => {
                let first = self.line(form.span)?;
                Some(SourceSpan::lines(first, first))
            }
            At::Row(s) => {
                let line = self.line(*s)?;
                Some(SourceSpan::lines(line, line))
            }
            At::Target(s) => {
                let line = self.line(*s)?;
                let cell = cells(line).last()?.clone();
                Some(cell_span(line, &cell))
            }
            At::Name(s, name) => {
                let line = self.line(*s)?;
                let cs = cells(line);
                let (_, before) = cs.split_last()?;
                let cell = before.iter().rev().find(|c| normalize(c.text) == *name)?;
                Some(cell_span(line, cell))
            }
            At::Field(field) => self
                .form_lines(form)?
                .iter()
                .find_map(|line| field_in_line(line, *field)),
            At::Year(year) => self
                .form_lines(form)?
                .iter()
                .find_map(|line| year_in_line(line, *year)),
            At::Exact(s) => Some(*s),
        }
    }
}

pub(crate) fn cell_span(line: &Line<'_>, cell: &Cell<'_>) -> SourceSpan {
    SourceSpan::within(line, line, cell.start, cell.end())
}

fn field_in_line(line: &Line<'_>, field: Field) -> Option<SourceSpan> {
    let cs = cells(line);
    for (i, cell) in cs.iter().enumerate() {
        let key = cell.key();
        if field.matches(key) {
            let target = match cs.get(i + 1) {
                Some(next) if !is_any_label(next.key()) => next,
                _ => cell,
            };
            return Some(cell_span(line, target));
        }
        // `label: value` in one cell.
        if let Some(colon) = key.rfind(':') {
            if field.matches(&key[..colon]) {
                return Some(cell_span(line, cell));
            }
        }
    }
    None
}

/// `2025 年` / `2025年` outside `〔…〕` and `[…]`.
fn year_in_line(line: &Line<'_>, year: i32) -> Option<SourceSpan> {
    let digits = year.to_string();
    let text = line.text;
    let mut from = 0;
    while let Some(pos) = text[from..].find(&digits) {
        let at = from + pos;
        let end = at + digits.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].trim_start_matches(crate::text::is_space);
        let ok_before =
            !before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '〔' | '[' | '【'));
        if ok_before && after.starts_with('年') {
            let year_end = text.len() - after.len() + '年'.len_utf8();
            return Some(SourceSpan::within(
                line,
                line,
                line.start + at,
                line.start + year_end,
            ));
        }
        from = end;
    }
    None
}
