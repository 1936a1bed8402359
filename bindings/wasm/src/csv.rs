//! The long CSV table behind `toCsv`: one row per indicator, each carrying its
//! form's project and funding columns, so a spreadsheet can filter and pivot
//! without joins.
//!
//! Decimals are written exactly as the model holds them (`"109026.00"`): no
//! rounding, no thousands separators. Quoting follows RFC 4180 (fields with a
//! comma, quote, CR or LF are quoted; quotes doubled; CRLF row ends).

use jixiao::{Document, Form, Indicator};

/// The header row, in column order.
pub const COLUMNS: &[&str] = &[
    "form",
    "year",
    "project_name",
    "nature",
    "category",
    "department",
    "implementer",
    "start_date",
    "end_date",
    "unit",
    "project_total",
    "project_fiscal",
    "project_other",
    "annual_total",
    "annual_appropriation",
    "annual_carryover",
    "annual_other",
    "level1",
    "level2",
    "indicator",
    "target_raw",
    "target_kind",
    "target_cmp",
    "target_value",
    "target_unit",
    "target_text",
    "line",
];

/// The document as a CSV text (header row included).
///
/// A form without indicators still gets one row, with the indicator columns
/// empty, so that no form's funding is lost. `form` is the 1-based form
/// number; `line` is the indicator's (or, for such a row, the form's) first
/// source line.
#[must_use]
pub fn to_csv(doc: &Document) -> String {
    let mut out = String::new();
    write_row(&mut out, COLUMNS.iter().map(|c| (*c).to_owned()));
    for (i, form) in doc.forms.iter().enumerate() {
        if form.indicators.is_empty() {
            let mut row = form_cells(i, form);
            row.extend(std::iter::repeat_n(String::new(), 9));
            row.push(form.span.start_line.to_string());
            write_row(&mut out, row);
        }
        for ind in &form.indicators {
            let mut row = form_cells(i, form);
            row.extend(indicator_cells(ind));
            write_row(&mut out, row);
        }
    }
    out
}

fn opt<T: ToString>(v: Option<&T>) -> String {
    v.map(ToString::to_string).unwrap_or_default()
}

fn form_cells(index: usize, form: &Form) -> Vec<String> {
    let p = &form.project;
    let f = &form.funding;
    vec![
        (index + 1).to_string(),
        opt(form.year.as_ref()),
        opt(p.name.as_ref()),
        opt(p.nature.as_ref()),
        opt(p.category.as_ref()),
        opt(p.department.as_ref()),
        opt(p.implementer.as_ref()),
        opt(p.start_date.as_ref()),
        opt(p.end_date.as_ref()),
        opt(f.unit.as_ref()),
        opt(f.project_total.as_ref()),
        opt(f.project_fiscal.as_ref()),
        opt(f.project_other.as_ref()),
        opt(f.annual_total.as_ref()),
        opt(f.annual_appropriation.as_ref()),
        opt(f.annual_carryover.as_ref()),
        opt(f.annual_other.as_ref()),
    ]
}

fn indicator_cells(ind: &Indicator) -> Vec<String> {
    let t = &ind.target;
    let kind = match t.kind {
        jixiao::TargetKind::Quantitative => "quantitative",
        jixiao::TargetKind::Qualitative => "qualitative",
    };
    vec![
        opt(ind.level1.as_ref()),
        opt(ind.level2.as_ref()),
        ind.name.clone(),
        t.raw.clone(),
        kind.to_owned(),
        t.cmp.map(|c| c.as_ascii().to_owned()).unwrap_or_default(),
        opt(t.value.as_ref()),
        opt(t.unit.as_ref()),
        opt(t.text.as_ref()),
        ind.span.start_line.to_string(),
    ]
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
        assert_eq!(first[col("form")], "1");
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
