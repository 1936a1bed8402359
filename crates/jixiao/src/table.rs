//! The long table of indicators: one row per indicator, each carrying its
//! form's project and funding columns, so a spreadsheet can filter and pivot
//! without joins. The CLI's `parse --format csv` and the wasm `toCsv` both
//! write these columns in this order (the CLI prepends a `source` column, the
//! input file name).

use crate::{Document, Form, Indicator, TargetKind};

/// The columns of [`indicator_rows`], in order.
///
/// - `form`: the form's 0-based index in [`Document::forms`] (the same number
///   as a diagnostic's `form`);
/// - `year` … `end_date`: the form's year and [`Project`](crate::Project)
///   fields, dates as `YYYY-MM-DD`;
/// - `funding_unit` … `annual_other`: the [`Funding`](crate::Funding) block,
///   its money unit (`元` or `万元`) and its seven amounts;
/// - `level1` … `target_text`: the [`Indicator`] and its parsed
///   [`Target`](crate::Target) (`target_kind` is `quantitative` or
///   `qualitative`, `target_cmp` the ASCII comparison such as `>=`);
/// - `line`: the indicator's first source line (1-based).
///
/// ```
/// assert_eq!(jixiao::INDICATOR_COLUMNS.len(), 27);
/// assert_eq!(jixiao::INDICATOR_COLUMNS[0], "form");
/// assert_eq!(jixiao::INDICATOR_COLUMNS[26], "line");
/// ```
pub const INDICATOR_COLUMNS: &[&str] = &[
    "form",
    "year",
    "project_name",
    "nature",
    "category",
    "department",
    "implementer",
    "start_date",
    "end_date",
    "funding_unit",
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

/// The number of form columns (`form` … `annual_other`) before the indicator's.
const FORM_COLUMNS: usize = 17;

/// One row per indicator, in [`INDICATOR_COLUMNS`] order, forms in document
/// order.
///
/// Every cell is a string: decimals exactly as the model holds them
/// (`"109026.00"`: no rounding, no thousands separators, never a float), dates
/// as `YYYY-MM-DD`, and an empty string for an absent value. A form without
/// indicators still gets one row, with the indicator columns empty and `line`
/// the form's first line, so that no form's funding is lost.
///
/// ```
/// use jixiao::{indicator_rows, INDICATOR_COLUMNS};
///
/// let doc = jixiao::parse(jixiao::SAMPLE);
/// let rows: Vec<Vec<String>> = indicator_rows(&doc).collect();
/// assert_eq!(rows.len(), 177);
///
/// // The second indicator of the first form (残疾人就业保障金), source line 18:
/// // 产出指标 / 数量指标 / … / =1.00(次), in a form of 109,026.00 元.
/// let row = &rows[1];
/// let cell = |name: &str| {
///     let i = INDICATOR_COLUMNS.iter().position(|c| *c == name).unwrap();
///     row[i].as_str()
/// };
/// assert_eq!(cell("form"), "0");
/// assert_eq!(cell("year"), "2026");
/// assert_eq!(cell("project_name"), "残疾人就业保障金");
/// assert_eq!(cell("nature"), "经常性项目");
/// assert_eq!(cell("start_date"), "2026-01-01");
/// assert_eq!(cell("end_date"), "2026-12-31");
/// assert_eq!(cell("funding_unit"), "元");
/// assert_eq!(cell("project_total"), "");
/// assert_eq!(cell("annual_total"), "109026.00");
/// assert_eq!(cell("annual_carryover"), "0.00");
/// assert_eq!(cell("level1"), "产出指标");
/// assert_eq!(cell("level2"), "数量指标");
/// assert_eq!(cell("indicator"), "根据用人单位上年度社会保险费缴费基数之和,按比例一次缴纳");
/// assert_eq!(cell("target_raw"), "=1.00(次)");
/// assert_eq!(cell("target_kind"), "quantitative");
/// assert_eq!(cell("target_cmp"), "=");
/// assert_eq!(cell("target_value"), "1.00");
/// assert_eq!(cell("target_unit"), "次");
/// assert_eq!(cell("target_text"), "");
/// assert_eq!(cell("line"), "18");
/// ```
pub fn indicator_rows(doc: &Document) -> impl Iterator<Item = Vec<String>> + '_ {
    doc.forms.iter().enumerate().flat_map(|(index, form)| {
        let head = form_cells(index, form);
        let rows: Vec<Vec<String>> = if form.indicators.is_empty() {
            let mut row = head;
            row.resize(INDICATOR_COLUMNS.len() - 1, String::new());
            row.push(form.span.start_line.to_string());
            vec![row]
        } else {
            form.indicators
                .iter()
                .map(|ind| {
                    let mut row = head.clone();
                    row.extend(indicator_cells(ind));
                    row
                })
                .collect()
        };
        rows
    })
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn form_cells(index: usize, form: &Form) -> Vec<String> {
    let p = &form.project;
    let f = &form.funding;
    let cells = vec![
        index.to_string(),
        opt(form.year),
        opt(p.name.as_deref()),
        opt(p.nature.as_deref()),
        opt(p.category.as_deref()),
        opt(p.department.as_deref()),
        opt(p.implementer.as_deref()),
        opt(p.start_date),
        opt(p.end_date),
        opt(f.unit.as_deref()),
        opt(f.project_total),
        opt(f.project_fiscal),
        opt(f.project_other),
        opt(f.annual_total),
        opt(f.annual_appropriation),
        opt(f.annual_carryover),
        opt(f.annual_other),
    ];
    debug_assert_eq!(cells.len(), FORM_COLUMNS);
    cells
}

fn indicator_cells(ind: &Indicator) -> [String; 10] {
    let t = &ind.target;
    let kind = match t.kind {
        TargetKind::Quantitative => "quantitative",
        TargetKind::Qualitative => "qualitative",
    };
    [
        opt(ind.level1.as_ref()),
        opt(ind.level2.as_ref()),
        ind.name.to_string(),
        t.raw.to_string(),
        kind.to_owned(),
        opt(t.cmp.map(crate::Comparison::as_ascii)),
        opt(t.value),
        opt(t.unit.as_deref()),
        opt(t.text()),
        ind.span.start_line.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_and_indicator_cells_fill_the_columns() {
        assert_eq!(FORM_COLUMNS + 10, INDICATOR_COLUMNS.len());
        assert_eq!(INDICATOR_COLUMNS[FORM_COLUMNS], "level1");
    }

    #[test]
    fn every_row_of_the_sample_has_every_column() {
        let doc = crate::parse(crate::SAMPLE);
        let rows: Vec<_> = indicator_rows(&doc).collect();
        assert_eq!(rows.len(), 177);
        assert!(rows.iter().all(|r| r.len() == INDICATOR_COLUMNS.len()));
        // Form 3 (index 2, 党建经费): 200,000.00 元, with the ≤130.00(元/人/天) cost.
        let row = rows.iter().find(|r| r[20] == "≤130.00(元/人/天)").unwrap();
        assert_eq!(row[0], "2");
        assert_eq!(row[2], "党建经费");
        assert_eq!(row[13], "200000.00");
        assert_eq!(row[22], "<=");
        assert_eq!(row[23], "130.00");
        assert_eq!(row[24], "元/人/天");
    }

    #[test]
    fn a_form_without_indicators_keeps_one_row() {
        let doc = crate::parse("财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t示例项目");
        assert_eq!(doc.forms.len(), 1);
        let rows: Vec<_> = indicator_rows(&doc).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), INDICATOR_COLUMNS.len());
        assert_eq!(rows[0][2], "示例项目");
        assert!(rows[0][FORM_COLUMNS..26].iter().all(String::is_empty));
        assert_eq!(rows[0][26], "1");
    }
}
