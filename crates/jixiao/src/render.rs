//! The canonical renderer: a model back to form text in the sample's layout
//! (tab-separated cells, one row per line, carried indicator levels left blank).
//!
//! The round trip: for every document `doc` that [`parse`](crate::parse)
//! produces, `parse(&render(&doc))` reads back the same forms (spans aside),
//! with one exception: an indicator whose every non-empty part (level
//! labels, name, target) is a heading of the indicator table or the table's
//! label. Written on a row, such an indicator *is* the table's heading row
//! (`一级指标 二级指标 三级指标 指标值`), so no text in this layout reads as it;
//! the parser produces one only from a garbled heading row. The
//! `render_roundtrip` fuzz target checks exactly this property.
//!
//! Garbled text gives models whose free texts read as labels, titles or
//! footers where the sample's layout puts them. The renderer checks each row
//! it writes against the grammar and falls back, only then, to a row that
//! reads back: a goal text goes in the goals header row after its label, or
//! (when it is itself a goal label) is written as wrapped fragments; an
//! indicator row gets its block label and levels written out, or a row that
//! sets a level-1 named only on a row without an indicator; a project value
//! that reads as a project label goes in its label's cell (`项目名称：…`).
//! Each case found by fuzzing has a regression test in `tests/render.rs`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::model::{Document, Form};
use crate::textval::Text;

fn amount(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn opt(s: Option<&Text>) -> &str {
    s.map_or("", Text::as_str)
}

/// A project label and its value: two cells, `label<TAB>value`, as the
/// sample writes them; or one cell, `label：value`, when the value's own
/// cell would be read as a project label (a value such as `项目性质` or
/// `项目名:指标`, which garbled text gives through an inline value).
fn labelled(label: &str, value: Option<&Text>) -> String {
    let value = opt(value);
    if crate::grammar::project::reads_as_label(value) {
        format!("{label}：{value}")
    } else {
        format!("{label}\t{value}")
    }
}

/// Render one form.
fn render_form(out: &mut String, form: &Form) {
    write_form(out, form);
}

/// The 项目绩效目标 block: the header row, then the texts on a row of their
/// own as the sample writes them; in the header row after their labels when
/// that row would be read as something else (a page footer, a form title, a
/// label); as wrapped fragments on rows of their own when a text is itself a
/// goal label.
fn write_goals(out: &mut String, project: Option<&str>, annual: Option<&str>) {
    use crate::grammar::{reads_as_goal_text, reads_as_goal_text_in_header};
    let (p, a) = (project.unwrap_or(""), annual.unwrap_or(""));
    let row = format!("\t{p}\t\t{a}\t\t");
    if (project.is_none() && annual.is_none()) || reads_as_goal_text(&row) {
        out.push_str("项目绩效目标\t项目总目标\t\t年度总体目标\t\t\n");
        if project.is_some() || annual.is_some() {
            let _ = writeln!(out, "{row}");
        }
        return;
    }
    let in_header = |t: Option<&str>| t.map_or(true, reads_as_goal_text_in_header);
    if in_header(project) && in_header(annual) {
        let _ = writeln!(out, "项目绩效目标\t项目总目标\t{p}\t年度总体目标\t{a}\t");
        return;
    }
    out.push_str("项目绩效目标\t项目总目标\t\t年度总体目标\t\t\n");
    for (text, field) in [(project, 1), (annual, 3)] {
        let Some(text) = text else { continue };
        for piece in fragments(text) {
            let row = if field == 1 {
                format!("\t{piece}\t\t\t\t")
            } else {
                format!("\t\t\t{piece}\t\t")
            };
            let _ = writeln!(out, "{row}");
        }
    }
}

/// Cut a goal text into pieces that the goals grammar joins back into it
/// (see `text::wrapped_tail`): no space between two pieces unless both sides are
/// ASCII letters or digits, where the space between them is dropped. Two
/// pieces when some cut leaves both readable as goal text on a row of their
/// own; else one piece per cut (a piece of one or two characters is never a
/// label, a title or a footer).
fn fragments(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let alnum = |c: char| c.is_ascii_alphanumeric();
    // Byte ranges (end of the piece before, start of the piece after).
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for w in chars.windows(2) {
        let ((_, x), (j, y)) = (w[0], w[1]);
        if x != ' ' && y != ' ' && !(alnum(x) && alnum(y)) {
            cuts.push((j, j));
        }
    }
    for w in chars.windows(3) {
        let ((_, x), (j, sp), (k, y)) = (w[0], w[1], w[2]);
        if sp == ' ' && alnum(x) && alnum(y) {
            cuts.push((j, k));
        }
    }
    cuts.sort_unstable();
    let row = |piece: &str| crate::grammar::reads_as_goal_text(&format!("\t{piece}\t\t\t\t"));
    let mid = text.len() / 2;
    let mut by_middle = cuts.clone();
    by_middle.sort_by_key(|&(end, _)| end.abs_diff(mid));
    for (end, start) in by_middle {
        if row(&text[..end]) && row(&text[start..]) {
            return vec![&text[..end], &text[start..]];
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for (end, start) in cuts {
        pieces.push(&text[from..end]);
        from = start;
    }
    pieces.push(&text[from..]);
    pieces
}

/// Write one form.
fn write_form(out: &mut String, form: &Form) {
    let p = &form.project;
    let f = &form.funding;
    out.push_str("财政项目支出绩效目标申报表\t\t\t\t\t\n");
    if let Some(y) = form.year {
        let _ = writeln!(out, "({y} 年度)\t\t\t\t\t");
    }
    let _ = writeln!(
        out,
        "{}\t{}\t{}",
        labelled("项目名称", p.name.as_ref()),
        labelled("项目性质", p.nature.as_ref()),
        labelled("项目类别", p.category.as_ref())
    );
    let _ = writeln!(
        out,
        "{}\t{}\t\t",
        labelled("主管部门", p.department.as_ref()),
        labelled("实施单位", p.implementer.as_ref())
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
    write_goals(
        out,
        form.goals.project.as_deref(),
        form.goals.annual.as_deref(),
    );
    out.push_str("\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值\t\n");
    let mut prev: Option<(&Option<crate::Level1>, &Option<crate::Level2>)> = None;
    let mut state = crate::grammar::indicators::TableState::default();
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
        let l1 = ind
            .level1
            .as_ref()
            .map(crate::Level1::label)
            .unwrap_or_default();
        let l2 = ind
            .level2
            .as_ref()
            .map(crate::Level2::label)
            .unwrap_or_default();
        let row = |block: bool, show1: bool, show2: bool| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t",
                if block { "绩效指标" } else { "" },
                if show1 { l1 } else { "" },
                if show2 { l2 } else { "" },
                ind.name,
                ind.target.raw
            )
        };
        // The row as the sample writes it, unless the table would read it
        // (with the levels carried down to it) as something else; then the
        // first of the fuller rows that reads back as this indicator. A
        // level-1 that the text named only on a row without an indicator (an
        // unknown `…指标` before a level-2) is set by such a row first.
        let setter = format!("{l1}\t数量指标\t数量指标\t\t\t");
        let candidates: [(Option<&str>, String); 6] = [
            (None, row(i == 0, show1, show2)),
            (None, row(true, true, true)),
            (None, row(true, false, true)),
            (None, row(true, true, false)),
            (None, row(true, false, false)),
            (Some(&setter), row(false, false, true)),
        ];
        let reads = |(set, row): &(Option<&str>, String),
                     state: &mut crate::grammar::indicators::TableState| {
            set.map_or(true, |set| {
                crate::grammar::read_as_indicator(state, set).is_none()
            }) && crate::grammar::read_as_indicator(state, row).is_some_and(|got| {
                got.level1 == ind.level1
                    && got.level2 == ind.level2
                    && got.name == ind.name
                    && got.target == ind.target
            })
        };
        let chosen = candidates
            .iter()
            .find(|c| reads(c, &mut state.clone()))
            .unwrap_or(&candidates[0]);
        reads(chosen, &mut state);
        if let Some(set) = chosen.0 {
            let _ = writeln!(out, "{set}");
        }
        let _ = writeln!(out, "{}", chosen.1);
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
