//! Satisfaction rules: `PT-S01` (a ≥ percentage) and `PT-S02` (misfiled
//! satisfaction, reversed quantity).

use rust_decimal::Decimal;

use crate::diagnostic::Severity;
use crate::model::{Comparison, Level2, TargetKind};

use super::locate::At;
use super::{is_satisfaction, FormCheck, RuleId};

/// The lowest satisfaction floor seen in practice (domain notes §1).
const FLOOR: i64 = 80;

pub(super) fn check(fc: &mut FormCheck<'_>) {
    let mut found = Vec::new();
    for ind in &fc.form.indicators {
        let t = &ind.target;
        if is_satisfaction(ind) {
            let is_ge_percent = t.kind == TargetKind::Quantitative
                && matches!(t.cmp, Some(Comparison::Ge | Comparison::Gt))
                && t.unit.as_deref() == Some("%");
            if !is_ge_percent {
                found.push((
                    RuleId::SatisfactionTarget,
                    Severity::Warning,
                    At::Target(ind.span),
                    format!(
                        "the satisfaction value \"{}\" of {} is not a ≥ percentage",
                        t.raw, ind.name
                    ),
                ));
            } else if t.value.is_some_and(|v| v < Decimal::from(FLOOR)) {
                found.push((
                    RuleId::SatisfactionTarget,
                    Severity::Info,
                    At::Target(ind.span),
                    format!(
                        "the satisfaction floor \"{}\" of {} is below {FLOOR}%",
                        t.raw, ind.name
                    ),
                ));
            }
        } else if ind.name.contains("满意") {
            let place = match (&ind.level1, &ind.level2) {
                (Some(l1), Some(l2)) => format!("{l1} / {l2}"),
                (Some(l1), None) => l1.to_string(),
                (None, Some(l2)) => l2.to_string(),
                (None, None) => "no level".to_owned(),
            };
            found.push((
                RuleId::MisfiledOrReversed,
                Severity::Warning,
                At::Name(ind.span, ind.name.to_string()),
                format!(
                    "{} measures satisfaction but sits under {place}, not 满意度指标",
                    ind.name
                ),
            ));
        }
        if ind.level2 == Some(Level2::Quantity) {
            if let Some(c @ (Comparison::Le | Comparison::Lt)) = t.cmp {
                found.push((
                    RuleId::MisfiledOrReversed,
                    Severity::Warning,
                    At::Target(ind.span),
                    format!(
                        "the output quantity {} is capped with {} (\"{}\"); a quantity target is a floor (≥) or an amount (=)",
                        ind.name,
                        c.symbol(),
                        t.raw
                    ),
                ));
            }
        }
    }
    for (rule, sev, at, msg) in found {
        fc.report_as(rule, sev, at, msg);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, with_row};

    #[test]
    fn s01_wants_a_percentage_floor() {
        let eq = with_row(
            &base(),
            18,
            "\t满意度指标\t服务对象满意度指标\t参训人员满意率\t=90.00(%)",
        );
        assert_eq!(findings(&eq), [("PT-S01", 18)]);
        let low = with_row(
            &base(),
            18,
            "\t满意度指标\t服务对象满意度指标\t参训人员满意率\t≥70.00(%)",
        );
        assert_eq!(findings(&low), [("PT-S01", 18)]);
        let doc = crate::parse(&low);
        assert_eq!(
            crate::check(&doc, &crate::CheckOptions::default())[0].severity,
            crate::Severity::Info
        );
        let eighty = with_row(
            &base(),
            18,
            "\t满意度指标\t服务对象满意度指标\t参训人员满意率\t≥80.00(%)",
        );
        assert!(findings(&eighty).is_empty());
    }

    #[test]
    fn s02_finds_misfiled_satisfaction_and_capped_quantities() {
        let text = with_row(
            &base(),
            17,
            "\t效益指标\t社会效益指标\t专家对服务满意度\t≥90.00(%)",
        );
        assert_eq!(findings(&text), [("PT-S02", 17)]);
        let doc = crate::parse(&text);
        let d = crate::check_source(&doc, &text, &crate::CheckOptions::default());
        let s = d[0].span.unwrap();
        assert_eq!(&text[s.start_byte..s.end_byte], "专家对服务满意度");
        let capped = with_row(
            &base(),
            14,
            "\t产出指标\t数量指标\t开发岗位数\t≤1400.00(个)",
        );
        assert_eq!(findings(&capped), [("PT-S02", 14)]);
    }
}
