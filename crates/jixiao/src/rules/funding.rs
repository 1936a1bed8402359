//! Funding rules: `PT-A01` … `PT-A04` (the 项目资金 block).

use rust_decimal::Decimal;

use crate::model::ProjectNature;
use crate::vocab::FundingLabel;

use super::locate::{At, Field};
use super::{FormCheck, RuleId};

/// Amounts agree when they differ by at most one fen.
pub(crate) fn tolerance() -> Decimal {
    Decimal::new(1, 2)
}

pub(super) fn check(fc: &mut FormCheck<'_>) {
    annual_sum(fc);
    project_total(fc);
    project_total_blank(fc);
    money_unit(fc);
}

/// `PT-A01`.
fn annual_sum(fc: &mut FormCheck<'_>) {
    let f = &fc.form.funding;
    let Some(total) = f.annual_total else {
        return;
    };
    let parts = [f.annual_appropriation, f.annual_carryover, f.annual_other];
    if parts.iter().all(Option::is_none) {
        return;
    }
    let sum: Decimal = parts.iter().flatten().sum();
    if (total - sum).abs() > tolerance() {
        let show = |d: Option<Decimal>| d.map_or_else(|| "blank".to_owned(), |d| d.to_string());
        let msg = format!(
            "年度资金申请总额 {total} ≠ 当年财政拨款 {} + 上年结转资金 {} + 其他资金 {} = {sum} (difference {})",
            show(parts[0]),
            show(parts[1]),
            show(parts[2]),
            total - sum
        );
        fc.report(
            RuleId::AnnualSum,
            At::Field(Field::Funding(FundingLabel::AnnualTotal)),
            msg,
        );
    }
}

/// `PT-A02`.
fn project_total(fc: &mut FormCheck<'_>) {
    let f = &fc.form.funding;
    let Some(total) = f.project_total else {
        return;
    };
    let at = || At::Field(Field::Funding(FundingLabel::ProjectTotal));
    if f.project_fiscal.is_some() || f.project_other.is_some() {
        let sum: Decimal = [f.project_fiscal, f.project_other].iter().flatten().sum();
        if (total - sum).abs() > tolerance() {
            fc.report(
                RuleId::ProjectTotal,
                at(),
                format!("项目资金总额 {total} ≠ 财政资金 + 其他资金 = {sum}"),
            );
        }
    }
    if let Some(annual) = f.annual_total {
        if total + tolerance() < annual {
            fc.report(
                RuleId::ProjectTotal,
                at(),
                format!("项目资金总额 {total} is below this year's 年度资金申请总额 {annual}"),
            );
        }
    }
}

/// `PT-A03`.
fn project_total_blank(fc: &mut FormCheck<'_>) {
    if fc.form.funding.project_total.is_some() {
        return;
    }
    if let Some(kind @ (ProjectNature::Phased | ProjectNature::OneOff)) =
        fc.form.project.nature_kind()
    {
        let label = if kind == ProjectNature::Phased {
            "阶段性"
        } else {
            "一次性"
        };
        fc.report(
            RuleId::ProjectTotalBlank,
            At::Field(Field::Funding(FundingLabel::ProjectTotal)),
            format!(
                "项目资金总额 is blank on a {label} project; its whole-life amount belongs there"
            ),
        );
    }
}

/// The factor that turns an amount in `unit` into 元.
pub(crate) fn yuan_factor(unit: &str) -> Option<Decimal> {
    match unit.trim() {
        "元" => Some(Decimal::ONE),
        "万元" => Some(Decimal::from(10_000)),
        _ => None,
    }
}

/// `PT-A04`.
fn money_unit(fc: &mut FormCheck<'_>) {
    let unit = fc.form.funding.unit.as_deref();
    if unit.and_then(yuan_factor).is_none() {
        let msg = match unit {
            Some(u) if !u.is_empty() => {
                format!("the 项目资金 header names the unit \"{u}\", not 元 or 万元")
            }
            _ => "the 项目资金 header declares no money unit (元 or 万元)".to_owned(),
        };
        fc.report(RuleId::MoneyUnit, At::Field(Field::MoneyHeader), msg);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings};

    #[test]
    fn a01_checks_the_annual_sum_to_the_fen() {
        let off = base().replace("\t\t\t上年结转资金\t0.00", "\t\t\t上年结转资金\t5,000.00");
        assert_eq!(findings(&off), [("PT-A01", 6)]);
        let fen = base().replace("\t\t\t上年结转资金\t0.00", "\t\t\t上年结转资金\t0.01");
        assert!(findings(&fen).is_empty());
        let doc = crate::parse(&off);
        let d = crate::check(&doc, &crate::CheckOptions::default());
        assert!(d[0].message.contains("105000.00"), "{}", d[0].message);
    }

    #[test]
    fn a02_and_a03_read_the_whole_project_column() {
        let small = base().replace("项目资金总额:\t\t", "项目资金总额:\t50,000.00\t");
        assert_eq!(findings(&small), [("PT-A02", 6)]);
        let fine = base().replace("项目资金总额:\t\t", "项目资金总额:\t300,000.00\t");
        assert!(findings(&fine).is_empty(), "{:?}", findings(&fine));
        let split = fine.replace("\t其中: 财政资金\t\t", "\t其中: 财政资金\t200,000.00\t");
        assert!(findings(&split).contains(&("PT-A02", 6)));
        let one_off = base().replace("经常性项目", "一次性项目");
        assert_eq!(findings(&one_off), [("PT-A03", 6)]);
    }

    #[test]
    fn a04_needs_a_money_unit() {
        let text = base().replace("项目资金(元)", "项目资金");
        assert!(
            findings(&text).contains(&("PT-A04", 6)),
            "{:?}",
            findings(&text)
        );
        let wan = base()
            .replace("项目资金(元)", "项目资金(万元)")
            .replace("100,000.00", "10.00")
            .replace("≤100000.00(元)", "≤10.00(万元)");
        assert!(findings(&wan).is_empty(), "{:?}", findings(&wan));
    }
}
