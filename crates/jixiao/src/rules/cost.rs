//! Cost rules: `PT-C01` (direction) and `PT-C02` (within the budget).

use crate::diagnostic::Severity;
use crate::model::{Comparison, TargetKind};

use super::funding::{tolerance, yuan_factor};
use super::locate::At;
use super::{is_cost, FormCheck, RuleId};

pub(super) fn check(fc: &mut FormCheck<'_>) {
    let funding = &fc.form.funding;
    let budget = funding
        .annual_total
        .zip(funding.unit.as_deref().and_then(yuan_factor))
        .map(|(total, factor)| total * factor);
    let mut found = Vec::new();
    for ind in fc.form.indicators.iter().filter(|i| is_cost(i)) {
        let t = &ind.target;
        if t.kind != TargetKind::Quantitative {
            continue;
        }
        match t.cmp {
            Some(c @ (Comparison::Ge | Comparison::Gt)) => found.push((
                RuleId::CostDirection,
                None,
                At::Target(ind.span),
                format!(
                    "{} is a cost written with {} (\"{}\"); a cost target is a ceiling (≤) or an amount (=)",
                    ind.name,
                    c.symbol(),
                    t.raw
                ),
            )),
            Some(Comparison::Le | Comparison::Lt | Comparison::Eq) => {
                let (Some(budget), Some(value), Some(factor)) =
                    (budget, t.value, t.unit.as_deref().and_then(yuan_factor))
                else {
                    continue;
                };
                let cost = value * factor;
                if cost > budget + tolerance() {
                    found.push((
                        RuleId::CostWithinBudget,
                        Some(Severity::Error),
                        At::Target(ind.span),
                        format!(
                            "{} \"{}\" exceeds the 年度资金申请总额 of {budget} 元",
                            ind.name, t.raw
                        ),
                    ));
                } else if ind.name.contains("总成本") && (budget - cost).abs() > tolerance() {
                    found.push((
                        RuleId::CostWithinBudget,
                        Some(Severity::Info),
                        At::Target(ind.span),
                        format!(
                            "{} \"{}\" differs from the 年度资金申请总额 of {budget} 元",
                            ind.name, t.raw
                        ),
                    ));
                }
            }
            None => {}
        }
    }
    for (rule, sev, at, msg) in found {
        match sev {
            Some(s) => fc.report_as(rule, s, at, msg),
            None => fc.report(rule, at, msg),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, with_row};

    #[test]
    fn c01_flags_costs_written_with_at_least() {
        let text = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t专家慰问金额\t≥24000.00(元)",
        );
        assert_eq!(findings(&text), [("PT-C01", 13)]);
    }

    #[test]
    fn c02_compares_cost_with_the_budget_in_yuan() {
        let over = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t项目总成本\t≤120000.00(元)",
        );
        assert_eq!(findings(&over), [("PT-C02", 13)]);
        let under = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t项目总成本\t≤90000.00(元)",
        );
        assert_eq!(findings(&under), [("PT-C02", 13)]);
        let doc = crate::parse(&under);
        let d = crate::check(&doc, &crate::CheckOptions::default());
        assert_eq!(d[0].severity, crate::Severity::Info);
        // A part of the cost below the total is not compared.
        let part = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t培训费\t≤90000.00(元)",
        );
        assert!(findings(&part).is_empty());
        // 万元 on one side, 元 on the other.
        let wan = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t项目总成本\t≤10.00(万元)",
        );
        assert!(findings(&wan).is_empty(), "{:?}", findings(&wan));
        let unit_cost = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t培训经济成本\t≤130.00(元/人/天)",
        );
        assert!(findings(&unit_cost).is_empty());
    }
}
