//! The long CSV table behind `toCsv`: one row per indicator, each carrying its
//! form's project and funding columns, so a spreadsheet can filter and pivot
//! without joins.
//!
//! Decimals are written exactly as the model holds them (`"109026.00"`): no
//! rounding, no thousands separators. Quoting follows RFC 4180 (fields with a
//! comma, quote, CR or LF are quoted; quotes doubled; CRLF row ends).

use jixiao::Document;

/// The header row, in column order: [`jixiao::INDICATOR_COLUMNS`].
pub const COLUMNS: &[&str] = jixiao::INDICATOR_COLUMNS;

/// The document as a CSV text (header row included): the rows of
/// [`jixiao::indicator_rows`].
///
/// A form without indicators still gets one row, with the indicator columns
/// empty, so that no form's funding is lost. `form` is the 0-based form
/// index; `line` is the indicator's (or, for such a row, the form's) first
/// source line.
#[must_use]
pub fn to_csv(doc: &Document) -> String {
    let mut out = String::new();
    write_row(&mut out, COLUMNS.iter().map(|c| (*c).to_owned()));
    for row in jixiao::indicator_rows(doc) {
        write_row(&mut out, row);
    }
    out
}

fn write_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal RFC 4180 reader, enough to check what `to_csv` writes.
    fn read(csv: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = csv.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (_, c) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn sample_has_one_row_per_indicator_and_exact_decimals() {
        let doc = jixiao::parse(jixiao::SAMPLE);
        let rows = read(&to_csv(&doc));
        assert_eq!(rows[0], COLUMNS);
        assert_eq!(rows.len() - 1, 177);
        assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
        // Form 1 (残疾人就业保障金): 109,026.00 in the text, unrounded here.
        let first = &rows[1];
        assert_eq!(first[col("form")], "0");
        assert_eq!(first[col("project_name")], "残疾人就业保障金");
        assert_eq!(first[col("annual_total")], "109026.00");
        assert_eq!(first[col("annual_carryover")], "0.00");
        assert_eq!(first[col("project_total")], "");
        assert_eq!(first[col("level1")], "成本指标");
        assert_eq!(first[col("target_raw")], "按实");
        assert_eq!(first[col("target_kind")], "qualitative");
        // Every form appears, and its funding is repeated on each of its rows.
        let forms: std::collections::BTreeSet<&str> =
            rows[1..].iter().map(|r| r[col("form")].as_str()).collect();
        assert_eq!(forms.len(), 30);
    }

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let mut doc = jixiao::parse(jixiao::SAMPLE);
        doc.forms[0].project.name = Some("a,\"b\"\nc".into());
        let csv = to_csv(&doc);
        assert!(csv.contains("\"a,\"\"b\"\"\nc\""));
        assert_eq!(read(&csv)[1][2], "a,\"b\"\nc");
    }

    #[test]
    fn a_form_without_indicators_keeps_a_row() {
        let doc = jixiao::parse("财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t示例项目");
        assert_eq!(doc.forms.len(), 1);
        let rows = read(&to_csv(&doc));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][2], "示例项目");
        assert_eq!(rows[1][19], "");
        assert_eq!(rows[1][26], "1");
    }
}
