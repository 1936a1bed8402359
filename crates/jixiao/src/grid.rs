//! The grid entry point: rows of cells that a caller already has (CSV, XLSX,
//! pdfplumber `extract_tables()`).

use crate::model::Document;
use crate::text::{is_space, push_wrapped};

/// Join the physical lines inside one cell (pdfplumber keeps a wrapped cell's
/// lines separated by `\n`): no space between CJK fragments, one space
/// between Latin words. Tabs become spaces.
fn cell_text(cell: &str) -> String {
    let mut out = String::new();
    for part in cell.split(['\n', '\r']) {
        let part = part.replace('\t', " ");
        let part = part.trim_matches(is_space);
        push_wrapped(&mut out, part);
    }
    out
}

/// Parse rows of cells. Empty strings stand for empty or merged cells (map
/// pdfplumber's `None` to `""`). Cells may hold wrapped text with line
/// breaks; the fragments are joined. Line numbers in spans and diagnostics
/// are 1-based **row** numbers; byte offsets refer to [`rows_to_text`]'s text.
///
/// ```
/// let rows = vec![
///     vec!["项目名称", "党建经费", "项目性质", "经常性项目"],
///     vec!["计划开始日期", "2026-01-01", "计划完成日期", "2026-12-31"],
///     vec!["绩效指标", "产出指标", "数量指标", "培训\n次数", "=8.00(次)"],
/// ];
/// let doc = jixiao::parse_rows(&rows);
/// assert_eq!(doc.forms.len(), 1);
/// assert_eq!(doc.forms[0].year, Some(2026)); // inferred from the start date, and said so
/// assert_eq!(doc.forms[0].indicators[0].name, "培训次数");
/// assert_eq!(doc.forms[0].indicators[0].span.start_line, 3);
/// ```
#[must_use]
pub fn parse_rows<R, C>(rows: R) -> Document
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut doc = crate::parse(&rows_to_text(rows));
    doc.layout = crate::Layout::Grid;
    doc
}

/// The tab-separated text that [`parse_rows`] reads: one line per row, cells
/// joined by tabs, wrapped cell text joined.
///
/// ```
/// let text = jixiao::rows_to_text([["项目名称", "可持续影响指\n标"]]);
/// assert_eq!(text, "项目名称\t可持续影响指标\n");
/// ```
#[must_use]
pub fn rows_to_text<R, C>(rows: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| cell_text(c.as_ref())).collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    text
}
