//! `jixiao summary`: terminal tables (comfy-table, which measures CJK text by
//! its display width) of funding and indicators over every form read.

use std::collections::BTreeMap;
use std::io::Write;

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use jixiao::{Decimal, Form, Level1, Level2, TargetKind};

use crate::input;
use crate::{InputArgs, Status};

/// A table in the house style.
pub(crate) fn new_table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    // Fit the terminal, unless it reports no usable width (then never wrap).
    if t.width().is_some_and(|w| w >= 40) {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    t
}

/// Right-align the given columns (numbers).
pub(crate) fn align_right(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `1234567.5` → `1,234,567.50`: exact, two decimals, thousands separated.
pub(crate) fn money(d: Decimal) -> String {
    let s = format!("{:.2}", d.round_dp(2));
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

fn share(part: Decimal, total: Decimal) -> String {
    if total.is_zero() {
        return "—".to_owned();
    }
    format!("{:.1}%", (part * Decimal::ONE_HUNDRED / total).round_dp(1))
}

/// The annual request in 元, when the amount and its unit are known.
fn annual_yuan(form: &Form) -> Option<Decimal> {
    let factor = match form.funding.unit.as_deref()?.trim() {
        "元" => Decimal::ONE,
        "万元" => Decimal::from(10_000),
        _ => return None,
    };
    Some(form.funding.annual_total? * factor)
}

pub(crate) fn run(args: &InputArgs) -> std::io::Result<Status> {
    let loaded = input::load(args, false)?;
    let mut status = Status::Clean;
    let mut forms: Vec<&Form> = Vec::new();
    let mut layouts: Vec<&'static str> = Vec::new();
    let mut readable = 0;
    for item in &loaded {
        match &item.outcome {
            Ok(p) => {
                readable += 1;
                forms.extend(&p.document.forms);
                let layout = p.document.layout.name();
                if !layouts.contains(&layout) {
                    layouts.push(layout);
                }
            }
            Err(_) => status = status.max(Status::Unreadable),
        }
    }
    let mut out = anstream::stdout().lock();
    write_summary(&mut out, readable, &layouts.join(", "), &forms)?;
    Ok(status)
}

/// A level-1 row (`None`) or one of its level-2 rows.
type LevelKey = (Option<Level1>, Option<Option<Level2>>);

/// The tables. `layouts` names the layouts the inputs were read as
/// (`"tab"`, `"spaced, grid"`).
fn write_summary(
    out: &mut impl Write,
    inputs: usize,
    layouts: &str,
    forms: &[&Form],
) -> std::io::Result<()> {
    let amounts: Vec<Option<Decimal>> = forms.iter().map(|f| annual_yuan(f)).collect();
    let total: Decimal = amounts.iter().flatten().sum();
    let indicators: usize = forms.iter().map(|f| f.indicators.len()).sum();
    let unknown = amounts.iter().filter(|a| a.is_none()).count();

    let mut overview = new_table();
    overview.set_header(vec![
        "inputs",
        "layout",
        "forms",
        "indicators",
        "total annual funding (元)",
    ]);
    overview.add_row(vec![
        inputs.to_string(),
        if layouts.is_empty() { "—" } else { layouts }.to_owned(),
        forms.len().to_string(),
        indicators.to_string(),
        money(total),
    ]);
    align_right(&mut overview, &[0, 2, 3, 4]);
    writeln!(out, "{overview}")?;
    if unknown > 0 {
        writeln!(
            out,
            "({unknown} form{} without an amount or money unit left out of the totals)",
            if unknown == 1 { "" } else { "s" }
        )?;
    }

    // Funding per category.
    let mut by_category: BTreeMap<String, (usize, Decimal)> = BTreeMap::new();
    for (form, amount) in forms.iter().zip(&amounts) {
        let key = form
            .project
            .category
            .as_deref()
            .unwrap_or("(none)")
            .to_owned();
        let entry = by_category.entry(key).or_default();
        entry.0 += 1;
        entry.1 += amount.unwrap_or_default();
    }
    let mut categories: Vec<_> = by_category.into_iter().collect();
    categories.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    let mut cat_table = new_table();
    cat_table.set_header(vec!["category", "forms", "funding (元)", "share"]);
    for (cat, (n, amount)) in &categories {
        cat_table.add_row(vec![
            cat.clone(),
            n.to_string(),
            money(*amount),
            share(*amount, total),
        ]);
    }
    align_right(&mut cat_table, &[1, 2, 3]);
    writeln!(out, "\nFunding by category\n{cat_table}")?;

    // Funding per project, largest first.
    let mut projects: Vec<(usize, &Form, Decimal)> = forms
        .iter()
        .zip(&amounts)
        .enumerate()
        .map(|(i, (f, a))| (i, *f, a.unwrap_or_default()))
        .collect();
    projects.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut proj_table = new_table();
    proj_table.set_header(vec!["#", "project", "category", "funding (元)", "share"]);
    for (i, form, amount) in &projects {
        proj_table.add_row(vec![
            (i + 1).to_string(),
            form.project.name.as_deref().unwrap_or_default().to_owned(),
            form.project
                .category
                .as_deref()
                .unwrap_or_default()
                .to_owned(),
            money(*amount),
            share(*amount, total),
        ]);
    }
    align_right(&mut proj_table, &[0, 3, 4]);
    writeln!(out, "\nFunding by project\n{proj_table}")?;

    // Indicators by level and kind: each level 1, then its level-2 items
    // in the tree's order.
    let mut counts: BTreeMap<LevelKey, (usize, usize)> = BTreeMap::new();
    for ind in forms.iter().flat_map(|f| &f.indicators) {
        for key in [
            (ind.level1.clone(), None),
            (ind.level1.clone(), Some(ind.level2.clone())),
        ] {
            let e = counts.entry(key).or_default();
            match ind.target.kind {
                TargetKind::Quantitative => e.0 += 1,
                TargetKind::Qualitative => e.1 += 1,
            }
        }
    }
    let mut ind_table = new_table();
    ind_table.set_header(vec!["level", "quantitative", "qualitative", "total"]);
    let (mut q_total, mut t_total) = (0, 0);
    for ((l1, l2), (q, t)) in &counts {
        let label = match l2 {
            None => {
                q_total += q;
                t_total += t;
                l1.as_ref().map_or("(none)".to_owned(), ToString::to_string)
            }
            Some(l2) => format!(
                "  {}",
                l2.as_ref().map_or("(none)".to_owned(), ToString::to_string)
            ),
        };
        ind_table.add_row(vec![
            label,
            q.to_string(),
            t.to_string(),
            (q + t).to_string(),
        ]);
    }
    ind_table.add_row(vec![
        "all".to_owned(),
        q_total.to_string(),
        t_total.to_string(),
        (q_total + t_total).to_string(),
    ]);
    align_right(&mut ind_table, &[1, 2, 3]);
    writeln!(out, "\nIndicators by level and kind\n{ind_table}")?;
    writeln!(out, "\n{} forms, total {} 元", forms.len(), money(total))
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_groups_thousands_and_keeps_two_decimals() {
        let d = |s: &str| s.parse::<jixiao::Decimal>().unwrap();
        assert_eq!(money(d("499010781.00")), "499,010,781.00");
        assert_eq!(money(d("1900")), "1,900.00");
        assert_eq!(money(d("100.5")), "100.50");
        assert_eq!(money(d("-1234.567")), "-1,234.57");
        assert_eq!(money(d("0")), "0.00");
    }
}
