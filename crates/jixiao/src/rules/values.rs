//! Target-value rules: `PT-V01` … `PT-V05`.

use rust_decimal::Decimal;

use crate::model::{Comparison, Indicator, Level2, TargetKind};
use crate::text::label_key;

use super::locate::At;
use super::{is_cost, is_satisfaction, FormCheck, Profile, RuleId};

/// Phrases that make a qualitative value vague wherever they occur.
pub(crate) const VAGUE_PHRASES: &[&str] = &[
    "进一步",
    "明显",
    "有所",
    "持续提升",
    "逐步",
    "显著",
    "不断",
    "大幅",
];

/// Values that are vague when they are the whole value.
pub(crate) const VAGUE_WORDS: &[&str] = &[
    "有效", "稳定", "按实", "提升", "提高", "改善", "良好", "较好", "增强", "加强", "积极",
];

/// Words that mark a growth or increase indicator (a % above 100 is possible).
const GROWTH_WORDS: &[&str] = &[
    "增长", "增幅", "增速", "增加", "提高", "提升", "同比", "环比", "倍",
];

pub(super) fn check(fc: &mut FormCheck<'_>) {
    let mut found: Vec<(RuleId, At, String)> = Vec::new();
    for ind in &fc.form.indicators {
        syntax(ind, fc.profile, &mut found);
        unit(ind, &mut found);
        number_expected(ind, &mut found);
        vague(ind, &mut found);
        percent_range(ind, &mut found);
    }
    for (rule, at, msg) in found {
        fc.report(rule, at, msg);
    }
}

/// `PT-V01`.
fn syntax(ind: &Indicator, profile: Profile, out: &mut Vec<(RuleId, At, String)>) {
    let t = &ind.target;
    let problem = match t.kind {
        TargetKind::Quantitative if t.cmp.is_none() => {
            if profile == Profile::Legacy2011 && t.unit.is_some() {
                None
            } else if t.unit.is_none() {
                Some("is a bare number, with no comparison sign (≥, ≤, =) and no unit")
            } else {
                Some("has no comparison sign (≥, ≤, =)")
            }
        }
        TargetKind::Quantitative => None,
        TargetKind::Qualitative => {
            let text = &t.raw;
            if text.starts_with(['≥', '≤', '≧', '≦', '>', '<', '=']) {
                Some("starts with a comparison sign but is not `[op] number (unit)`")
            } else if !text.chars().any(char::is_alphabetic) {
                Some("is neither `[op] number (unit)` nor text")
            } else {
                None
            }
        }
    };
    if let Some(p) = problem {
        out.push((
            RuleId::TargetSyntax,
            At::Target(ind.span),
            format!("the value \"{}\" of {} {p}", t.raw, ind.name),
        ));
    }
}

/// `PT-V02`.
fn unit(ind: &Indicator, out: &mut Vec<(RuleId, At, String)>) {
    let t = &ind.target;
    if t.kind == TargetKind::Quantitative && t.cmp.is_some() && t.unit.is_none() {
        out.push((
            RuleId::QuantityUnit,
            At::Target(ind.span),
            format!("the value \"{}\" of {} has no unit", t.raw, ind.name),
        ));
    }
}

/// `PT-V03`.
fn number_expected(ind: &Indicator, out: &mut Vec<(RuleId, At, String)>) {
    if ind.target.kind != TargetKind::Qualitative {
        return;
    }
    let what = if is_cost(ind) {
        "a cost"
    } else if is_satisfaction(ind) {
        "a satisfaction"
    } else if ind.level2 == Some(Level2::Quantity) {
        "a quantity"
    } else {
        return;
    };
    out.push((
        RuleId::QualitativeWhereNumber,
        At::Target(ind.span),
        format!(
            "{} is {what} indicator, but its value \"{}\" is not a number",
            ind.name, ind.target.raw
        ),
    ));
}

/// Why a qualitative value is vague, if it is.
pub(crate) fn vagueness(name: &str, value: &str) -> Option<String> {
    let key = label_key(value);
    if key == label_key(name) {
        return Some("repeats the indicator's name".to_owned());
    }
    if let Some(p) = VAGUE_PHRASES.iter().find(|p| key.contains(*p)) {
        return Some(format!("is vague (\"{p}\" cannot be checked)"));
    }
    if VAGUE_WORDS.contains(&key.as_str()) {
        return Some("is vague (a single word that cannot be checked)".to_owned());
    }
    None
}

/// `PT-V04`.
fn vague(ind: &Indicator, out: &mut Vec<(RuleId, At, String)>) {
    let Some(text) = ind.target.text() else {
        return;
    };
    if let Some(why) = vagueness(&ind.name, text) {
        out.push((
            RuleId::VagueValue,
            At::Target(ind.span),
            format!("the value \"{text}\" of {} {why}", ind.name),
        ));
    }
}

/// `PT-V05`.
fn percent_range(ind: &Indicator, out: &mut Vec<(RuleId, At, String)>) {
    let t = &ind.target;
    let (Some(v), Some("%")) = (t.value, t.unit.as_deref()) else {
        return;
    };
    if v > Decimal::ONE_HUNDRED && !GROWTH_WORDS.iter().any(|w| ind.name.contains(w)) {
        let cmp = t.cmp.map_or("", Comparison::symbol);
        out.push((
            RuleId::PercentRange,
            At::Target(ind.span),
            format!("{} is {cmp}{v}%, above 100%", ind.name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, findings_with, with_row};
    use super::vagueness;
    use crate::Profile;

    #[test]
    fn v01_rejects_garbled_numbers() {
        let text = with_row(&base(), 15, "\t\t质量指标\t培训合格率\t88100");
        assert_eq!(findings(&text), [("PT-V01", 15)]);
        let pct = with_row(&base(), 15, "\t\t质量指标\t培训合格率\t95%");
        assert_eq!(findings(&pct), [("PT-V01", 15)]);
        assert!(findings_with(&pct, Profile::Legacy2011).is_empty());
        let broken = with_row(&base(), 15, "\t\t质量指标\t培训合格率\t≥95.00(%");
        assert_eq!(findings(&broken), [("PT-V01", 15)]);
        let range = with_row(&base(), 15, "\t\t质量指标\t培训合格率\t90%-95%");
        assert_eq!(findings(&range), [("PT-V01", 15)]);
    }

    #[test]
    fn v02_wants_a_unit() {
        let text = with_row(&base(), 14, "\t产出指标\t数量指标\t培训次数\t=8");
        assert_eq!(findings(&text), [("PT-V02", 14)]);
    }

    #[test]
    fn v03_wants_numbers_for_quantity_cost_and_satisfaction() {
        let text = with_row(&base(), 14, "\t产出指标\t数量指标\t培训次数\t若干");
        assert_eq!(findings(&text), [("PT-V03", 14)]);
        let cost = with_row(
            &base(),
            13,
            "绩效指标\t成本指标\t经济成本指标\t项目总成本\t按实",
        );
        assert_eq!(findings(&cost), [("PT-V03", 13), ("PT-V04", 13)]);
    }

    #[test]
    fn v04_finds_vague_and_tautological_values() {
        assert!(vagueness("维护社会稳定", "维护社会稳定")
            .unwrap()
            .contains("repeats"));
        assert!(vagueness("产业集聚度", "明显提升").is_some());
        assert!(vagueness("x", "稳定").is_some());
        assert!(vagueness("x", "和谐稳定").is_none());
        assert!(vagueness("x", "及时").is_none());
        let text = with_row(&base(), 16, "\t\t时效指标\t培训完成及时性\t培训完成及时性");
        assert_eq!(findings(&text), [("PT-V04", 16)]);
    }

    #[test]
    fn v05_keeps_percentages_within_100() {
        let text = with_row(&base(), 15, "\t\t质量指标\t培训合格率\t≥195.00(%)");
        assert_eq!(findings(&text), [("PT-V05", 15)]);
        let growth = with_row(&base(), 15, "\t\t质量指标\t营收同比增长\t≥120.00(%)");
        assert!(findings(&growth).is_empty());
    }
}
