//! Indicator-tree rules: `PT-L01` … `PT-L06` (which levels are present and
//! where each level-2 label sits).

use std::collections::BTreeSet;

use crate::model::{Level1, Level2};
use crate::text::{cells, label_key};
use crate::vocab;

use super::locate::{cell_span, At, Source};
use super::{is_cost, is_satisfaction, FormCheck, Profile, RuleId};

pub(super) fn check(fc: &mut FormCheck<'_>) {
    present(fc);
    placement(fc);
    output_dimensions(fc);
}

fn has_level1(fc: &FormCheck<'_>, l1: &Level1) -> bool {
    fc.form
        .indicators
        .iter()
        .any(|i| i.level1.as_ref() == Some(l1))
}

/// `PT-L01`, `PT-L02`, `PT-L03`.
fn present(fc: &mut FormCheck<'_>) {
    let missing: Vec<&str> = [Level1::Output, Level1::Benefit]
        .iter()
        .filter(|l| !has_level1(fc, l))
        .map(Level1::label)
        .collect();
    if !missing.is_empty() {
        let msg = format!("the indicator table has no {}", missing.join(" and no "));
        fc.report(RuleId::OutputAndBenefit, At::Form, msg);
    }

    let cost = if fc.profile == Profile::Legacy2011 {
        fc.form.indicators.iter().any(is_cost)
    } else {
        has_level1(fc, &Level1::Cost)
    };
    if !cost {
        fc.report(
            RuleId::CostPresent,
            At::Form,
            "the indicator table has no 成本指标",
        );
    }

    if !fc.form.indicators.iter().any(is_satisfaction) {
        fc.report(
            RuleId::SatisfactionPresent,
            At::Form,
            "the indicator table has no 满意度指标 (service-recipient satisfaction)",
        );
    }
}

/// The level-1 items a level-2 item may sit under in a profile.
pub(crate) fn allowed_parents(l2: &Level2, profile: Profile) -> Vec<Level1> {
    let legacy = profile == Profile::Legacy2011;
    match l2 {
        Level2::Other(_) => Vec::new(),
        Level2::Cost => {
            if legacy {
                vec![Level1::Output, Level1::Cost]
            } else {
                vec![Level1::Cost]
            }
        }
        Level2::EconomicCost | Level2::SocialCost | Level2::EcoEnvironmentalCost if legacy => {
            vec![Level1::Cost, Level1::Output]
        }
        Level2::ServiceSatisfaction if legacy => vec![Level1::Satisfaction, Level1::Benefit],
        other => other.canonical_parent().into_iter().collect(),
    }
}

/// `PT-L04`: once per misplaced (level 1, level 2) pair, at its first row.
fn placement(fc: &mut FormCheck<'_>) {
    let mut seen: BTreeSet<(Level1, Level2)> = BTreeSet::new();
    let mut found = Vec::new();
    for ind in &fc.form.indicators {
        let (Some(l1), Some(l2)) = (&ind.level1, &ind.level2) else {
            continue;
        };
        let allowed = allowed_parents(l2, fc.profile);
        if allowed.is_empty() || allowed.contains(l1) || !seen.insert((l1.clone(), l2.clone())) {
            continue;
        }
        let expected: Vec<&str> = allowed.iter().map(Level1::label).collect();
        let note = if *l2 == Level2::Cost {
            " (成本指标 is a level-1 indicator since 财预〔2021〕101号; use --profile LEGACY-2011 for older forms)"
        } else {
            ""
        };
        found.push((
            At::Row(ind.span),
            format!(
                "{l2} sits under {l1}; in the {} tree it belongs under {}{note}",
                fc.profile,
                expected.join(" or ")
            ),
        ));
    }
    for (at, msg) in found {
        fc.report(RuleId::Level2Placement, at, msg);
    }
}

/// `PT-L05`: level-1 labels in the source with no indicator row in the model.
pub(super) fn check_rows(fc: &mut FormCheck<'_>, src: &Source<'_>) {
    let Some(lines) = src.form_lines(fc.form) else {
        return;
    };
    let mut reported: Vec<Level1> = Vec::new();
    let mut found = Vec::new();
    for line in lines {
        let cs = cells(line);
        let mut it = cs.iter().peekable();
        if it
            .peek()
            .is_some_and(|c| vocab::is_table_label(&label_key(c.text)))
        {
            it.next();
        }
        let Some(first) = it.next() else {
            continue;
        };
        let Some(l1) = vocab::level1(&label_key(first.text)) else {
            continue;
        };
        if has_level1(fc, &l1) || reported.contains(&l1) {
            continue;
        }
        reported.push(l1.clone());
        found.push((
            At::Exact(cell_span(line, first)),
            format!("{l1} is written in the table but has no 三级指标 row with a value"),
        ));
    }
    for (at, msg) in found {
        fc.report(RuleId::LevelHasRows, at, msg);
    }
}

/// `PT-L06`.
fn output_dimensions(fc: &mut FormCheck<'_>) {
    let outputs: Vec<_> = fc
        .form
        .indicators
        .iter()
        .filter(|i| i.level1 == Some(Level1::Output))
        .collect();
    let Some(first) = outputs.first() else {
        return;
    };
    let span = first.span;
    let missing: Vec<&str> = [Level2::Quantity, Level2::Quality, Level2::Timeliness]
        .iter()
        .filter(|l2| !outputs.iter().any(|i| i.level2.as_ref() == Some(*l2)))
        .map(Level2::label)
        .collect();
    if !missing.is_empty() {
        let msg = format!("产出指标 has no {}", missing.join(" and no "));
        fc.report(RuleId::OutputDimensions, At::Row(span), msg);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, findings_with, with_row, without_line};
    use crate::Profile;

    #[test]
    fn l01_needs_output_and_benefit() {
        let text = without_line(&base(), 17);
        assert_eq!(findings(&text), [("PT-L01", 1)]);
    }

    #[test]
    fn l02_cost_is_an_error_except_for_legacy() {
        let text = without_line(&base(), 13);
        assert_eq!(findings(&text), [("PT-L02", 1)]);
        let doc = crate::parse(&text);
        let legacy = crate::CheckOptions {
            profile: Profile::Legacy2011,
            ..Default::default()
        };
        let d = crate::check(&doc, &legacy);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn l03_wants_a_satisfaction_indicator() {
        let text = without_line(&base(), 18);
        assert_eq!(findings(&text), [("PT-L03", 1)]);
    }

    #[test]
    fn l04_checks_the_tree_per_profile() {
        // The 2011 template: 成本 under 产出, 满意度 under 效益.
        let legacy = with_row(
            &with_row(
                &base(),
                13,
                "绩效指标\t产出指标\t成本指标\t项目总成本\t≤100000.00(元)",
            ),
            18,
            "\t效益指标\t服务对象满意度指标\t参训人员满意率\t≥90.00(%)",
        );
        let legacy = without_line(&legacy, 17);
        let legacy = legacy.replace("\t产出指标\t数量指标", "\t\t数量指标");
        let doc = crate::parse(&legacy);
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        assert_eq!(
            findings_with(&legacy, Profile::Legacy2011),
            Vec::<(&str, usize)>::new()
        );
        let sh = findings(&legacy);
        assert!(sh.contains(&("PT-L04", 13)), "{sh:?}");
        assert!(sh.contains(&("PT-L04", 17)), "{sh:?}");
        assert!(sh.contains(&("PT-L02", 1)), "{sh:?}");
    }

    #[test]
    fn l04_reports_a_quality_item_under_benefit_once() {
        let text = with_row(
            &base(),
            17,
            "\t效益指标\t质量指标\t参训人员技能证书获取率\t≥60.00(%)",
        );
        let text = text.replace(
            "\t满意度指标",
            "\t\t\t结业率\t≥90.00(%)\n\t效益指标\t社会效益指标\t就业率\t≥50.00(%)\n\t满意度指标",
        );
        assert_eq!(findings(&text), [("PT-L04", 17)]);
    }

    #[test]
    fn l05_finds_a_level1_label_without_rows() {
        let text = with_row(
            &base(),
            18,
            "\t满意度指标\t服务对象满意度指标\t参训人员满意率\t",
        );
        let f = findings(&text);
        assert!(f.contains(&("PT-L05", 18)), "{f:?}");
        assert!(f.contains(&("PT-L03", 1)), "{f:?}");
        // Without the source the rule cannot see the label.
        let doc = crate::parse(&text);
        let d = crate::check(&doc, &crate::CheckOptions::default());
        assert!(d.iter().all(|d| d.code.as_str() != "PT-L05"));
    }

    #[test]
    fn l06_wants_all_three_output_dimensions() {
        let text = without_line(&base(), 16);
        assert_eq!(findings(&text), [("PT-L06", 14)]);
    }
}
