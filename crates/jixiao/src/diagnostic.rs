//! Diagnostics: what the parser tells about the input, with stable codes.
//!
//! Every code is listed in [`Code::ALL`] with its default severity and a
//! one-line description; `docs/diagnostics.md` is generated from that table
//! (a test fails when the two drift apart).

use std::fmt;
use std::fmt::Write as _;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::{char_col, display_width, Line};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Something looks wrong, but the model is complete.
    Warning,
    /// Text could not be read into the model; the strict entry point fails.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $sev:ident, $desc:literal; )*) => {
        /// A stable diagnostic code. The JSON form is the kebab-case string.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
            /// A validation rule finding (`PT-H01` …); see [`RuleId`](crate::RuleId).
            Rule(crate::rules::RuleId),
            /// A code from a newer version of the library, read back from JSON.
            Other(String),
        }

        impl Code {
            /// Every known code with its default severity and description.
            pub const ALL: &'static [(Code, Severity, &'static str)] = &[
                $( (Code::$variant, Severity::$sev, $desc), )*
            ];

            /// The stable string, e.g. `"invalid-amount"`.
            ///
            /// ```
            /// assert_eq!(jixiao::Code::InvalidAmount.as_str(), "invalid-amount");
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Code::$variant => $code, )*
                    Code::Rule(r) => r.as_str(),
                    Code::Other(s) => s,
                }
            }

            /// The code for a string; rule ids become [`Code::Rule`], unknown
            /// strings [`Code::Other`].
            ///
            /// ```
            /// use jixiao::{Code, RuleId};
            /// assert_eq!(Code::from_code("no-forms"), Code::NoForms);
            /// assert_eq!(Code::from_code("PT-L03"), Code::Rule(RuleId::SatisfactionPresent));
            /// ```
            #[must_use]
            pub fn from_code(s: &str) -> Code {
                match s {
                    $( $code => Code::$variant, )*
                    other if other.starts_with("PT-") => crate::rules::RuleId::from_id(other)
                        .map_or_else(|| Code::Other(other.to_owned()), Code::Rule),
                    other => Code::Other(other.to_owned()),
                }
            }

            /// The default severity.
            ///
            /// ```
            /// assert_eq!(jixiao::Code::NoForms.severity(), jixiao::Severity::Error);
            /// ```
            #[must_use]
            pub fn severity(&self) -> Severity {
                match self {
                    $( Code::$variant => Severity::$sev, )*
                    Code::Rule(r) => r.default_severity(),
                    Code::Other(_) => Severity::Warning,
                }
            }

            /// The one-line description.
            ///
            /// ```
            /// assert!(jixiao::Code::EmptyInput.description().contains("no text"));
            /// ```
            #[must_use]
            pub fn description(&self) -> &'static str {
                match self {
                    $( Code::$variant => $desc, )*
                    Code::Rule(r) => r.description(),
                    Code::Other(_) => "a code this version does not know",
                }
            }
        }
    };
}

codes! {
    /// The input holds no text at all.
    EmptyInput = "empty-input", Warning, "The input holds no text at all (only whitespace).";
    /// Text, but not one form in it.
    NoForms = "no-forms", Error, "The input has text but no 绩效目标申报表 form could be found in it.";
    /// Text before the first form that is not the document title.
    TextOutsideForm = "text-outside-form", Warning, "Text before the first form that is neither the document title nor part of a form.";
    /// A line inside a form that fits no part of the form.
    UnrecognisedLine = "unrecognised-line", Warning, "A line inside a form that fits none of the form's parts; its text is kept in the message.";
    /// A page number or footer left by PDF extraction.
    PageFurniture = "page-furniture", Info, "A page number or page footer (第 3 页 共 30 页) left by PDF extraction; it is skipped.";
    /// A part of a form that the layout cannot place reliably.
    UnreadInLayout = "unread-in-layout", Warning, "A part of the form was left empty because the text's layout cannot place it reliably (in text without columns: a value whose cell cannot be told, a goal text, the levels); it is reported instead of guessed.";
    /// A cell in a known row that the row's grammar has no place for.
    UnexpectedCell = "unexpected-cell", Warning, "A cell in a recognised row that the row's grammar has no place for (e.g. a value after a value).";
    /// A field given twice in one form.
    DuplicateField = "duplicate-field", Warning, "A field appears twice in one form; the first value is kept.";
    /// An amount that is not a number.
    InvalidAmount = "invalid-amount", Error, "A 项目资金 amount is not a number (digits, optional thousands separators and decimals).";
    /// A date that is not a date.
    InvalidDate = "invalid-date", Error, "A planned start/end date is not a valid calendar date.";
    /// The money unit in the 项目资金 header is not 元 or 万元.
    UnknownMoneyUnit = "unknown-money-unit", Warning, "The 项目资金 header names a money unit other than 元 or 万元, or none.";
    /// An indicator row without both a name and a target.
    IncompleteIndicator = "incomplete-indicator", Error, "An indicator row lacks a 三级指标 name or a target value; the row is left out of the model.";
    /// A label row with no indicator under it.
    EmptyLevel = "empty-level", Info, "A 一级/二级指标 label row with no 三级指标 on it (the labels still apply to the rows below).";
    /// A written level-2 that cannot belong to the carried-down level-1.
    Level1Conflict = "level1-conflict", Warning, "A 二级指标 written under a carried-down 一级指标 it cannot belong to (e.g. 数量指标 under 成本指标, when a row was lost at a page break); the 一级指标 was taken from the national tree.";
    /// The level-1 label was inferred from the level-2 label.
    InferredLevel1 = "inferred-level1", Info, "No 一级指标 was written above this row; it was inferred from the 二级指标.";
    /// A goal text whose column does not say which goal it is.
    AmbiguousGoal = "ambiguous-goal", Warning, "A goal text sits between the 项目总目标 and 年度总体目标 columns; it was taken as the annual goal.";
    /// The year was inferred from the planned dates.
    InferredYear = "inferred-year", Info, "The form has no (YYYY 年度) line; its year was taken from its planned dates (only when both fall in one year).";
    /// The form ends before its indicator table.
    TruncatedForm = "truncated-form", Error, "The form ends before one of its parts (project rows, 项目资金, 绩效指标 table).";
    /// A form without a 项目名称 row.
    MissingProjectName = "missing-project-name", Error, "The form has no 项目名称.";
    /// Input bytes that are not UTF-8.
    InvalidUtf8 = "invalid-utf8", Error, "The input is not valid UTF-8.";
    /// A PDF font whose glyphs cannot be mapped to Unicode.
    PdfUnmappedFont = "pdf-unmapped-font", Warning, "A PDF font's glyphs cannot be mapped to Unicode (a predefined CMap such as GBK-EUC-H or Identity-H without a ToUnicode map, a Type3 font); its text is left out rather than guessed. The message names the page and the font.";
    /// A PDF page whose table rulings were not read.
    PdfTooManyRulings = "pdf-too-many-rulings", Warning, "A PDF page has so many ruling lines (tens of thousands of tiny rectangles) that its tables were not rebuilt; its text is read line by line.";
    /// A part of a PDF that was skipped.
    PdfPageSkipped = "pdf-page-skipped", Warning, "A part of a PDF was skipped: a page whose content stream is damaged, a form XObject that draws itself (or nests too deep), a page-tree node reached twice (read once); the message says which and why.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Code::from_code(&String::deserialize(d)?))
    }
}

/// Where a diagnostic points: lines and columns (1-based, columns in Unicode
/// scalar values, end inclusive), UTF-16 columns for JavaScript editors, and
/// byte offsets (0-based, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceSpan {
    /// First line, 1-based.
    pub start_line: usize,
    /// Last line, 1-based, inclusive.
    pub end_line: usize,
    /// Column of the first character on `start_line`, 1-based.
    pub start_col: usize,
    /// Column of the last character on `end_line`, 1-based, inclusive.
    pub end_col: usize,
    /// Like `start_col`, counted in UTF-16 code units.
    pub start_col_utf16: usize,
    /// Like `end_col`, counted in UTF-16 code units.
    pub end_col_utf16: usize,
    /// Byte offset of the first byte.
    pub start_byte: usize,
    /// Byte offset one past the last byte.
    pub end_byte: usize,
}

impl SourceSpan {
    /// The span of `source[start..end]` (byte offsets; `end > start` unless the
    /// text is empty). Offsets past the end are clamped.
    ///
    /// ```
    /// let src = "第一行\n项目名称\t党建经费";
    /// let at = src.find("党建").unwrap();
    /// let span = jixiao::SourceSpan::from_bytes(src, at, at + "党建经费".len());
    /// assert_eq!((span.start_line, span.start_col, span.end_col), (2, 6, 9));
    /// ```
    #[must_use]
    pub fn from_bytes(source: &str, start: usize, end: usize) -> SourceSpan {
        let start = floor_char(source, start.min(source.len()));
        let end = floor_char(source, end.max(start).min(source.len()));
        let (sl, sls) = line_of(source, start);
        let last = if end > start {
            floor_char(source, end - 1)
        } else {
            start
        };
        let (el, els) = line_of(source, last);
        let start_line_text = &source[sls..];
        let end_line_text = &source[els..];
        SourceSpan {
            start_line: sl,
            end_line: el,
            start_col: char_col(start_line_text, start - sls),
            end_col: char_col(end_line_text, last - els),
            start_col_utf16: utf16_col(start_line_text, start - sls),
            end_col_utf16: utf16_col(end_line_text, last - els),
            start_byte: start,
            end_byte: end,
        }
    }
}

impl SourceSpan {
    /// The span of bytes `start..end` that lie within the given lines, computed
    /// from those lines alone (no scan of the whole input).
    pub(crate) fn within(
        first: &Line<'_>,
        last: &Line<'_>,
        start: usize,
        end: usize,
    ) -> SourceSpan {
        let start = start.clamp(first.start, first.end());
        let end = end.clamp(start, last.end().max(start));
        let last_char = if end > start {
            let mut i = end - 1;
            while i > last.start && !last.text.is_char_boundary(i - last.start) {
                i -= 1;
            }
            i
        } else {
            start
        };
        let (sl_text, sl_off) = (first.text, start - first.start);
        let (el_text, el_off) = if last.no == first.no {
            (first.text, last_char - first.start)
        } else {
            (last.text, last_char.saturating_sub(last.start))
        };
        SourceSpan {
            start_line: first.no,
            end_line: last.no,
            start_col: char_col(sl_text, sl_off),
            end_col: char_col(el_text, el_off),
            start_col_utf16: utf16_col(sl_text, sl_off),
            end_col_utf16: utf16_col(el_text, el_off),
            start_byte: start,
            end_byte: end,
        }
    }

    /// The span of whole lines `first..=last`.
    pub(crate) fn lines(first: &Line<'_>, last: &Line<'_>) -> SourceSpan {
        let lead = first.text.len() - first.text.trim_start_matches(crate::text::is_space).len();
        let trail = last.text.len() - last.text.trim_end_matches(crate::text::is_space).len();
        let end = (last.end() - trail).max(first.start + lead);
        SourceSpan::within(first, last, first.start + lead, end)
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// (1-based line number, byte offset of that line's start) for a byte offset.
fn line_of(source: &str, at: usize) -> (usize, usize) {
    let before = &source.as_bytes()[..at];
    let mut line = 1;
    let mut start = 0;
    let mut i = 0;
    while i < before.len() {
        match before[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' if before.get(i + 1) != Some(&b'\n') => {
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    // A BOM is not a column.
    if start == 0 && source.starts_with('\u{feff}') {
        start = 3.min(at);
    }
    (line, start)
}

fn utf16_col(line: &str, byte_in_line: usize) -> usize {
    line.get(..byte_in_line)
        .map_or(byte_in_line, |s| s.encode_utf16().count())
        + 1
}

/// One thing the library has to say about the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and why, for people.
    pub message: String,
    /// Where, when it has a place in the input.
    pub span: Option<SourceSpan>,
    /// The index of the form it concerns, into [`Document::forms`](crate::Document::forms).
    pub form: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    ///
    /// ```
    /// use jixiao::{Code, Diagnostic, Severity};
    /// let d = Diagnostic::new(Code::NoForms, "nothing here", None, None);
    /// assert_eq!(d.severity, Severity::Error);
    /// ```
    #[must_use]
    pub fn new(
        code: Code,
        message: impl Into<String>,
        span: Option<SourceSpan>,
        form: Option<usize>,
    ) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            span,
            form,
        }
    }

    /// Render like a compiler: a header line, the location and a code frame
    /// with carets under the span (CJK characters are two columns wide).
    ///
    /// ```
    /// let src = "财政项目支出绩效目标申报表\n项目名称\t党建经费\n计划开始日期\t2026-02-30";
    /// let doc = jixiao::parse(src);
    /// let d = doc.diagnostics.iter().find(|d| d.code == jixiao::Code::InvalidDate).unwrap();
    /// let text = d.render(src);
    /// assert!(text.starts_with("error[invalid-date]"));
    /// assert!(text.contains(" --> line 3, column 8"));
    /// assert!(text.contains("3 | 计划开始日期"));
    /// assert!(text.contains("^^^^^^^^^^"));
    /// ```
    #[must_use]
    pub fn render(&self, source: &str) -> String {
        let mut out = format!("{}[{}]: {}", self.severity, self.code, self.message);
        let Some(span) = self.span else {
            return out;
        };
        let Some(line_text) = span_line(source, &span) else {
            return out;
        };
        let line_text = line_text.trim_start_matches('\u{feff}');
        let gutter = span.start_line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = write!(
            out,
            "\n{pad}--> line {}, column {}\n{pad} |\n{} | {}\n{pad} | ",
            span.start_line,
            span.start_col,
            span.start_line,
            line_text.replace('\t', "    ")
        );
        let chars: Vec<char> = line_text.chars().collect();
        let before: String = chars
            .iter()
            .take(span.start_col.saturating_sub(1))
            .collect();
        let end_col = if span.end_line == span.start_line {
            span.end_col
        } else {
            chars.len()
        };
        let marked: String = chars
            .iter()
            .skip(span.start_col.saturating_sub(1))
            .take((end_col + 1).saturating_sub(span.start_col).max(1))
            .collect();
        let indent = display_width(&before.replace('\t', "    "));
        out.push_str(&" ".repeat(indent));
        out.push_str(&"^".repeat(display_width(&marked).max(1)));
        if span.end_line > span.start_line {
            let _ = write!(out, " (to line {})", span.end_line);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(span) = self.span {
            write!(f, " (line {}, column {})", span.start_line, span.start_col)?;
        }
        Ok(())
    }
}

/// The text of the span's first line. Found from the span's byte offset when
/// the column there agrees (a look at one line, so rendering every
/// diagnostic of a large input stays linear); otherwise by counting lines
/// from the top.
fn span_line<'a>(source: &'a str, span: &SourceSpan) -> Option<&'a str> {
    line_at_byte(source, span).or_else(|| {
        crate::text::line_iter(source)
            .nth(span.start_line.checked_sub(1)?)
            .map(|l| l.text)
    })
}

/// The line around the span's start byte, if the span's column is there.
fn line_at_byte<'a>(source: &'a str, span: &SourceSpan) -> Option<&'a str> {
    let before = source.get(..span.start_byte)?;
    let from = before.rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let rest = &source[from..];
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let col = before[from..]
        .trim_start_matches('\u{feff}')
        .chars()
        .count()
        + 1;
    (col == span.start_col).then_some(line)
}

/// The Markdown table of every diagnostic code (what `docs/diagnostics.md` holds).
///
/// ```
/// assert!(jixiao::diagnostics_table().contains("| `invalid-amount` | error |"));
/// ```
#[must_use]
pub fn diagnostics_table() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\nGenerated from `Code::ALL` in `crates/jixiao/src/diagnostic.rs` \
         (a test keeps this file in step). Validation rule ids (`PT-…`) are documented separately.\n\n\
         | code | severity | meaning |\n| --- | --- | --- |\n",
    );
    for (code, sev, desc) in Code::ALL {
        let _ = writeln!(out, "| `{code}` | {sev} | {desc} |");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line found at a span's byte offset is the line its number names,
    /// for every diagnostic of the sample and of damaged text, with every
    /// line ending and a BOM (the line count is the slow path it replaces).
    #[test]
    fn span_lines_found_by_offset_are_the_numbered_lines() {
        let damaged = "\u{feff}财政项目支出绩效目标申报表\n项目名称\t党建经费\n\
                       计划开始日期\t2026-02-30\n资金总额\t十万\n年度总体目标\n\t一级指标\t二级指标\n";
        let mut checked = 0;
        for base in [crate::SAMPLE, damaged] {
            let sources = [
                base.to_owned(),
                base.replace('\n', "\r\n"),
                base.replace('\n', "\r"),
                base.replace("2026", "二〇二六"),
            ];
            for src in &sources {
                let doc = crate::parse(src);
                for d in &doc.diagnostics {
                    let Some(span) = d.span else { continue };
                    let numbered = crate::text::line_iter(src)
                        .nth(span.start_line - 1)
                        .map(|l| l.text.trim_start_matches('\u{feff}'));
                    let found = line_at_byte(src, &span).map(|l| l.trim_start_matches('\u{feff}'));
                    assert_eq!(found, numbered, "{d:?} in {src:.40}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} spans checked");
    }

    #[test]
    fn codes_round_trip_through_strings() {
        for (code, _, _) in Code::ALL {
            assert_eq!(&Code::from_code(code.as_str()), code);
        }
        assert_eq!(Code::from_code("x-new"), Code::Other("x-new".into()));
    }

    #[test]
    fn span_columns_count_chars_and_utf16() {
        let src = "𠀀项\t值";
        let at = src.find('值').unwrap();
        let s = SourceSpan::from_bytes(src, at, at + 3);
        assert_eq!(s.start_col, 4);
        assert_eq!(s.start_col_utf16, 5);
        assert_eq!(s.end_col, 4);
    }

    #[test]
    fn span_skips_bom_in_columns() {
        let src = "\u{feff}abc";
        let s = SourceSpan::from_bytes(src, 4, 5);
        assert_eq!((s.start_line, s.start_col), (1, 2));
    }
}
