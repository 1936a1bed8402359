//! The canonical renderer: a model back to form text in the sample's layout
//! (tab-separated cells, one row per line, carried indicator levels left blank).
//!
//! `parse(&render(&doc))` gives back the same forms (spans aside) for the
//! sample, for generated models (property test) and for the fuzz smoke's
//! inputs. Exploratory fuzzing of garbled text still finds models that do not
//! survive (a label where a value belongs, and similar); each one found is
//! fixed with a regression test in `tests/render.rs`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::model::{Document, Form};

fn amount(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt(s: Option<&String>) -> &str {
    s.map_or("", String::as_str)
}

/// Render one form.
fn render_form(out: &mut String, form: &Form) {
    let p = &form.project;
    let f = &form.funding;
    out.push_str("财政项目支出绩效目标申报表\t\t\t\t\t\n");
    if let Some(y) = form.year {
        let _ = writeln!(out, "({y} 年度)\t\t\t\t\t");
    }
    let _ = writeln!(
        out,
        "项目名称\t{}\t项目性质\t{}\t项目类别\t{}",
        opt(p.name.as_ref()),
        opt(p.nature.as_ref()),
        opt(p.category.as_ref())
    );
    let _ = writeln!(
        out,
        "主管部门\t{}\t实施单位\t{}\t\t",
        opt(p.department.as_ref()),
        opt(p.implementer.as_ref())
    );
    let date = |d: Option<crate::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let _ = writeln!(
        out,
        "计划开始日期\t{}\t计划完成日期\t{}\t\t",
        date(p.start_date),
        date(p.end_date)
    );
    let unit = f
        .unit
        .as_deref()
        .map(|u| format!("({u})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "项目资金{unit}\t项目资金总额:\t{}\t年度资金申请总额:\t{}\t",
        amount(f.project_total),
        amount(f.annual_total)
    );
    let _ = writeln!(
        out,
        "\t其中: 财政资金\t{}\t其中: 当年财政拨款\t{}\t",
        amount(f.project_fiscal),
        amount(f.annual_appropriation)
    );
    let _ = writeln!(out, "\t\t\t上年结转资金\t{}\t", amount(f.annual_carryover));
    let _ = writeln!(
        out,
        "\t其他资金\t{}\t其他资金\t{}\t",
        amount(f.project_other),
        amount(f.annual_other)
    );
    let (project, annual) = (
        opt(form.goals.project.as_ref()),
        opt(form.goals.annual.as_ref()),
    );
    let row = format!("\t{project}\t\t{annual}\t\t");
    if crate::grammar::header::is_page_furniture(&row) {
        // A goal text that reads like a page footer (第 1 页) stays in the
        // header row, after its label, where no footer is looked for.
        let _ = writeln!(
            out,
            "项目绩效目标\t项目总目标\t{project}\t年度总体目标\t{annual}\t"
        );
    } else {
        out.push_str("项目绩效目标\t项目总目标\t\t年度总体目标\t\t\n");
        if form.goals.project.is_some() || form.goals.annual.is_some() {
            let _ = writeln!(out, "{row}");
        }
    }
    out.push_str("\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值\t\n");
    let mut prev: Option<(&Option<crate::Level1>, &Option<crate::Level2>)> = None;
    for (i, ind) in form.indicators.iter().enumerate() {
        let (show1, show2) = match prev {
            None => (true, true),
            Some((l1, l2)) => {
                let same1 = *l1 == ind.level1;
                let same2 = *l2 == ind.level2;
                // A level-2 that goes back to blank needs the level-1 written
                // again (a written level-1 resets the carried level-2).
                let reset = ind.level2.is_none() && l2.is_some();
                // A legacy level-2 成本指标 reads as a level-1 label unless a
                // level-1 precedes it on its row.
                let legacy_cost = ind.level2 == Some(crate::Level2::Cost) && !same2;
                // A level-2 outside its level-1's branch of the national tree
                // would move the carried level-1; write the level-1 again.
                let off_tree = !same2
                    && ind
                        .level2
                        .as_ref()
                        .and_then(crate::Level2::canonical_parent)
                        .is_some_and(|p| Some(p) != ind.level1);
                (
                    !same1 || reset || legacy_cost || off_tree,
                    !same1 || !same2 || reset,
                )
            }
        };
        // A name that is itself a label (成本指标) is read as a label when the
        // levels before it are blank: write them out.
        let name_is_label = crate::vocab::is_structural_label(&crate::text::label_key(&ind.name));
        let (show1, show2) = (show1 || name_is_label, show2 || name_is_label);
        let l1 = if show1 {
            ind.level1
                .as_ref()
                .map(crate::Level1::label)
                .unwrap_or_default()
        } else {
            ""
        };
        let l2 = if show2 {
            ind.level2
                .as_ref()
                .map(crate::Level2::label)
                .unwrap_or_default()
        } else {
            ""
        };
        let block = if i == 0 { "绩效指标" } else { "" };
        let _ = writeln!(
            out,
            "{block}\t{l1}\t{l2}\t{}\t{}\t",
            ind.name, ind.target.raw
        );
        prev = Some((&ind.level1, &ind.level2));
    }
}

/// Render a document as form text in the sample's tab-separated layout.
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str(title);
        out.push_str("\n\n");
    }
    for (i, form) in doc.forms.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_form(&mut out, form);
    }
    out
}
