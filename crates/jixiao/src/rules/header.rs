//! Header rules: `PT-H01` … `PT-H04` (project rows and planned dates).

use crate::model::ProjectNature;
use crate::text::label_key;
use crate::vocab::{FundingLabel, ProjectField};

use super::locate::{At, Field};
use super::{FormCheck, Profile, RuleId};

pub(super) fn check(fc: &mut FormCheck<'_>) {
    required_fields(fc);
    nature(fc);
    category(fc);
    dates(fc);
}

/// `PT-H01`.
fn required_fields(fc: &mut FormCheck<'_>) {
    let p = &fc.form.project;
    let legacy = fc.profile == Profile::Legacy2011;
    let mut missing = Vec::new();
    let mut need = |present: bool, label: &'static str, always: bool| {
        if !present && (always || !legacy) {
            missing.push(label);
        }
    };
    need(p.name.is_some(), "项目名称", true);
    need(p.nature.is_some(), "项目性质", false);
    need(p.category.is_some(), "项目类别", false);
    need(p.department.is_some(), "主管部门", true);
    need(p.implementer.is_some(), "实施单位", true);
    need(p.start_date.is_some(), "计划开始日期", false);
    need(p.end_date.is_some(), "计划完成日期", false);
    need(
        fc.form.funding.annual_total.is_some(),
        "年度资金申请总额",
        true,
    );
    if !missing.is_empty() {
        let msg = format!(
            "{}: required field{} missing or unreadable: {}",
            fc.name(),
            if missing.len() == 1 { " is" } else { "s are" },
            missing.join(", ")
        );
        let at = if missing == ["年度资金申请总额"] {
            At::Field(Field::Funding(FundingLabel::AnnualTotal))
        } else {
            At::Form
        };
        fc.report(RuleId::RequiredFields, at, msg);
    }
}

/// `PT-H02`.
fn nature(fc: &mut FormCheck<'_>) {
    let Some(kind) = fc.form.project.nature_kind() else {
        return;
    };
    let ProjectNature::Other(text) = kind else {
        return;
    };
    let key = label_key(&text);
    let key = key.trim_end_matches("项目");
    let legacy = matches!(key, "新增" | "延续" | "持续性");
    if legacy && fc.profile != Profile::Sh2025 {
        return;
    }
    let msg = if legacy {
        format!(
            "项目性质 \"{text}\" is a legacy kind; SH-2025+ forms use 经常性, 阶段性 or 一次性 \
             (use --profile CN-101 or LEGACY-2011 for older forms)"
        )
    } else {
        format!("项目性质 \"{text}\" is not one of 经常性, 阶段性, 一次性")
    };
    fc.report(
        RuleId::ProjectNature,
        At::Field(Field::Project(ProjectField::Nature)),
        msg,
    );
}

/// Whether a 项目类别 is a budget-integration category.
pub(crate) fn known_category(text: &str) -> bool {
    let key = label_key(text);
    key.ends_with("人员类")
        || key.ends_with("公用经费")
        || key.ends_with("运转类")
        || key == "特定目标类"
}

/// `PT-H03`.
fn category(fc: &mut FormCheck<'_>) {
    let Some(cat) = fc.form.project.category.as_deref() else {
        return;
    };
    if !known_category(cat) {
        let msg = format!(
            "项目类别 \"{cat}\" is not a budget-integration category (…人员类, 公用经费, …运转类, 特定目标类)"
        );
        fc.report(
            RuleId::ProjectCategory,
            At::Field(Field::Project(ProjectField::Category)),
            msg,
        );
    }
}

/// `PT-H04`.
fn dates(fc: &mut FormCheck<'_>) {
    let p = &fc.form.project;
    let (Some(start), Some(end)) = (p.start_date, p.end_date) else {
        return;
    };
    let start_at = At::Field(Field::Project(ProjectField::StartDate));
    if start > end {
        fc.report(
            RuleId::PlannedDates,
            start_at,
            format!("计划开始日期 {start} is after 计划完成日期 {end}"),
        );
        return;
    }
    let Some(year) = fc.form.year else {
        return;
    };
    match p.nature_kind() {
        Some(ProjectNature::Recurring | ProjectNature::OneOff) => {
            let kind = p.nature.clone().unwrap_or_default();
            if start.year() != year {
                fc.report(
                    RuleId::PlannedDates,
                    start_at,
                    format!("计划开始日期 {start} is outside the form year {year} ({kind})"),
                );
            }
            if end.year() != year {
                fc.report(
                    RuleId::PlannedDates,
                    At::Field(Field::Project(ProjectField::EndDate)),
                    format!("计划完成日期 {end} is outside the form year {year} ({kind})"),
                );
            }
        }
        Some(ProjectNature::Phased) if !(start.year()..=end.year()).contains(&year) => {
            fc.report(
                RuleId::PlannedDates,
                start_at,
                format!(
                    "the planned span {start} – {end} of a 阶段性 project does not cover the form year {year}"
                ),
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, findings_with};
    use crate::Profile;

    #[test]
    fn the_base_form_is_clean() {
        let doc = crate::parse(&base());
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        assert!(findings(&base()).is_empty(), "{:?}", findings(&base()));
    }

    #[test]
    fn h01_names_the_missing_fields() {
        let text = base()
            .replace("项目类别\t特定目标类", "")
            .replace("主管部门\t示例局(汇总)\t", "");
        let f = findings(&text);
        assert_eq!(f, [("PT-H01", 1)]);
        let doc = crate::parse(&text);
        let d = crate::check(&doc, &crate::CheckOptions::default());
        assert!(
            d[0].message.contains("项目类别, 主管部门"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn h01_asks_less_of_legacy_forms() {
        let text = base().replace("项目类别\t特定目标类", "");
        assert_eq!(findings(&text), [("PT-H01", 1)]);
        assert!(findings_with(&text, Profile::Legacy2011).is_empty());
    }

    #[test]
    fn h02_rejects_unknown_and_legacy_natures_under_sh() {
        let text = base().replace("经常性项目", "延续项目");
        assert_eq!(findings(&text), [("PT-H02", 3)]);
        assert!(findings_with(&text, Profile::Cn101).is_empty());
        let odd = base().replace("经常性项目", "长期项目");
        assert_eq!(findings_with(&odd, Profile::Cn101), [("PT-H02", 3)]);
    }

    #[test]
    fn h03_knows_the_categories_and_is_off_for_legacy() {
        for ok in ["其他人员类", "公用经费", "其他运转类", "特定目标类"] {
            assert!(super::known_category(ok), "{ok}");
        }
        let text = base().replace("特定目标类", "专项类");
        assert_eq!(findings(&text), [("PT-H03", 3)]);
        assert!(findings_with(&text, Profile::Legacy2011).is_empty());
    }

    #[test]
    fn h04_orders_dates_and_keeps_them_in_the_year() {
        let reversed = base().replace("2026-01-01", "2027-01-01");
        assert_eq!(findings(&reversed), [("PT-H04", 5)]);
        let outside = base().replace("2026-12-31", "2027-06-30");
        assert_eq!(findings(&outside), [("PT-H04", 5)]);
        let phased = outside.replace("经常性项目", "阶段性项目");
        // A phased project spanning the year is fine, but needs its whole-project total.
        assert_eq!(findings(&phased), [("PT-A03", 6), ("PT-G01", 10)]);
        let phased_later = base()
            .replace("经常性项目", "阶段性项目")
            .replace("2026-01-01", "2027-01-01")
            .replace("2026-12-31", "2028-12-31");
        assert!(findings(&phased_later).contains(&("PT-H04", 5)));
    }
}
