//! The rule catalogue: every validation rule with its stable id, default
//! severity, one-line description, rationale, evidence and per-profile
//! severity. `docs/rules.md` is generated from this table by
//! [`rules_table`] (a test fails when the committed file drifts).

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::diagnostic::Severity;

use super::Profile;

macro_rules! rules {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $id:literal, $sev:ident, $sevs:literal, $source:literal,
            $desc:literal, $why:literal;
    )*) => {
        /// A validation rule, named by its stable id (`PT-H01`).
        ///
        /// The JSON form of a finding's code is the id string; see
        /// [`Code::Rule`](crate::Code::Rule).
        ///
        /// ```
        /// use jixiao::{RuleId, Severity};
        /// let rule: RuleId = "PT-L03".parse().unwrap();
        /// assert_eq!(rule, RuleId::SatisfactionPresent);
        /// assert_eq!(rule.as_str(), "PT-L03");
        /// assert_eq!(rule.default_severity(), Severity::Warning);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $( $(#[$doc])* $variant, )*
        }

        impl RuleId {
            /// Every rule, in catalogue order.
            ///
            /// ```
            /// assert_eq!(jixiao::RuleId::ALL.len(), 25);
            /// ```
            pub const ALL: &'static [RuleId] = &[ $( RuleId::$variant, )* ];

            /// The stable id, e.g. `"PT-A01"`.
            ///
            /// ```
            /// assert_eq!(jixiao::RuleId::AnnualSum.as_str(), "PT-A01");
            /// ```
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $( RuleId::$variant => $id, )* }
            }

            /// The rule for an id; case is ignored and the `PT-` prefix may be
            /// left out (`h01`).
            ///
            /// ```
            /// use jixiao::RuleId;
            /// assert_eq!(RuleId::from_id("pt-c01"), Some(RuleId::CostDirection));
            /// assert_eq!(RuleId::from_id("C01"), Some(RuleId::CostDirection));
            /// assert_eq!(RuleId::from_id("PT-Z99"), None);
            /// ```
            #[must_use]
            pub fn from_id(id: &str) -> Option<RuleId> {
                let up = id.trim().to_ascii_uppercase();
                let full = if up.starts_with("PT-") { up } else { format!("PT-{up}") };
                match full.as_str() {
                    $( $id => Some(RuleId::$variant), )*
                    _ => None,
                }
            }

            /// The default severity: the highest a finding of this rule has
            /// under the default profile.
            ///
            /// ```
            /// use jixiao::{RuleId, Severity};
            /// assert_eq!(RuleId::GoalYear.default_severity(), Severity::Info);
            /// ```
            #[must_use]
            pub fn default_severity(self) -> Severity {
                match self { $( RuleId::$variant => Severity::$sev, )* }
            }

            /// The severities a finding can have, as the domain table writes
            /// them (`"error / warning"` when it depends on the case).
            ///
            /// ```
            /// assert_eq!(jixiao::RuleId::CostWithinBudget.severities(), "error / info");
            /// ```
            #[must_use]
            pub fn severities(self) -> &'static str {
                match self { $( RuleId::$variant => $sevs, )* }
            }

            /// The one-line description.
            ///
            /// ```
            /// assert!(jixiao::RuleId::AnnualSum.description().contains("当年财政拨款"));
            /// ```
            #[must_use]
            pub fn description(self) -> &'static str {
                match self { $( RuleId::$variant => $desc, )* }
            }

            /// Why the rule exists.
            ///
            /// ```
            /// assert!(!jixiao::RuleId::VagueValue.rationale().is_empty());
            /// ```
            #[must_use]
            pub fn rationale(self) -> &'static str {
                match self { $( RuleId::$variant => $why, )* }
            }

            /// Where the rule comes from (the evidence tags of `docs/domain.md`).
            ///
            /// ```
            /// assert!(jixiao::RuleId::CostPresent.source().contains("czj.sh.gov.cn"));
            /// ```
            #[must_use]
            pub fn source(self) -> &'static str {
                match self { $( RuleId::$variant => $source, )* }
            }
        }
    };
}

rules! {
    /// Required header fields are present.
    RequiredFields = "PT-H01", Error, "error", "S",
        "Required header fields are present: 项目名称, 项目性质, 项目类别, 主管部门, 实施单位, both planned dates, 年度资金申请总额 (LEGACY-2011: 项目名称, 主管部门, 实施单位, 年度资金申请总额).",
        "A form without these cannot be matched to its budget line or reviewed; the 2011 template had no 项目类别 and often no dates.";
    /// 项目性质 is one of the known kinds.
    ProjectNature = "PT-H02", Error, "error", "C, aihuau",
        "项目性质 is 经常性, 阶段性 or 一次性 (项目); the legacy 新增, 延续, 持续性 are accepted only outside SH-2025+.",
        "The nature decides which date and amount rules apply (a 阶段性 project has a multi-year total).";
    /// 项目类别 is a budget-integration category.
    ProjectCategory = "PT-H03", Warning, "warning", "C, S",
        "项目类别 is a budget-integration category: …人员类, 公用经费, …运转类 or 特定目标类.",
        "Categories come from the budget-integration standard; anything else is a typo or a different document type.";
    /// The planned dates are ordered and fit the form year.
    PlannedDates = "PT-H04", Error, "error", "S, C",
        "计划开始日期 ≤ 计划完成日期; for 经常性/一次性 projects both fall in the form year; for 阶段性 projects the span covers the form year.",
        "A target form is for one budget year; dates outside it point to a copied or mis-dated form.";
    /// The annual request equals the sum of its sources.
    AnnualSum = "PT-A01", Error, "error", "S, xiaomilidoc",
        "年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金 (to 0.01; a blank source counts as 0).",
        "The fill-in instructions define the total as the sum of its sources; a mismatch means a wrong figure somewhere.";
    /// The whole-project total is consistent.
    ProjectTotal = "PT-A02", Error, "error", "C",
        "When 项目资金总额 is given it equals 财政资金 + 其他资金 and is not below 年度资金申请总额 (it is never required to equal the annual amount).",
        "The whole-life total accumulates every year's money, so it cannot be smaller than one year's request.";
    /// A multi-year or one-off form leaves the whole-project total blank.
    ProjectTotalBlank = "PT-A03", Warning, "warning", "C",
        "项目资金总额 is blank on a 阶段性 or 一次性 form.",
        "For these projects the whole-life amount is what the budget approves; only recurring projects may leave it blank.";
    /// The money unit is declared.
    MoneyUnit = "PT-A04", Error, "error", "C, variants",
        "The 项目资金 header declares the money unit (元 or 万元).",
        "Forms use both 元 and 万元; without the unit, amounts cannot be compared with each other or with cost indicators.";
    /// The goals are written.
    GoalsPresent = "PT-G01", Error, "error / warning", "xiaomilidoc",
        "年度总体目标 is written (error); 项目总目标 is written on a 阶段性 form (warning).",
        "Indicators are meant to measure the goal; an empty goal leaves them without a reference.";
    /// A year in the goal text differs from the form year.
    GoalYear = "PT-G02", Info, "info", "S, shutu",
        "A year in the goal text (`2025 年`, outside document numbers such as 〔2023〕) differs from the form year.",
        "Goals copied from last year's form keep last year's dates (year drift); worth a look, often harmless.";
    /// 产出 and 效益 are both present.
    OutputAndBenefit = "PT-L01", Error, "error", "U(101), S",
        "The indicator table has both 产出指标 and 效益指标.",
        "Output and outcome are the core of every framework since 2011; a form without either measures nothing.";
    /// 成本 is present.
    CostPresent = "PT-L02", Error, "error", "czj.sh.gov.cn",
        "The indicator table has a 成本指标 (level 1; under LEGACY-2011 also the level-2 成本指标 under 产出).",
        "Shanghai's 2025 guide requires a cost indicator for every project; 101号 made 成本 a level-1 indicator.";
    /// 满意度 is present.
    SatisfactionPresent = "PT-L03", Warning, "warning", "34号, U(101)",
        "The indicator table has a 满意度指标 (or a 服务对象满意度指标 row).",
        "中发〔2018〕34号 lists service-recipient satisfaction among the dimensions every target set covers.";
    /// Each level-2 label sits under its level-1.
    Level2Placement = "PT-L04", Error, "error", "§1 table",
        "Each 二级指标 sits under its 一级指标 in the profile's tree (LEGACY-2011 also allows 成本 under 产出 and 满意度 under 效益).",
        "Misplaced levels (quality vs. benefit, satisfaction as benefit) are the most common defect reviewers send back.";
    /// Every level-1 label has at least one row.
    LevelHasRows = "PT-L05", Error, "error", "U(101)",
        "Every 一级指标 written in the table has at least one 三级指标 row with a value (needs the source text: `check_source`).",
        "A level-1 label with no indicator under it promises a dimension the form does not measure.";
    /// 产出 covers quantity, quality and timeliness.
    OutputDimensions = "PT-L06", Warning, "warning", "11946.cn, S",
        "产出指标 has all three of 数量指标, 质量指标 and 时效指标.",
        "The three output dimensions are the template's fixed rows; a missing one is usually an oversight.";
    /// The target value parses.
    TargetSyntax = "PT-V01", Error, "error", "S, 宁乡",
        "The value is `[op] number (unit)` or qualitative text; a number without a comparison sign (LEGACY-2011: without sign and unit), or text that starts with a sign or has no letters, fails.",
        "Garbled numbers (\"88100\") come from extraction or typing errors and cannot be evaluated.";
    /// A quantitative target has a unit.
    QuantityUnit = "PT-V02", Warning, "warning", "U(101), clix4bitcoin",
        "A quantitative value (with a comparison sign) states its unit.",
        "Without a unit the number cannot be checked at evaluation time.";
    /// A number is expected.
    QualitativeWhereNumber = "PT-V03", Warning, "warning", "U(101), seridoat",
        "The value of a 数量, 成本 or 满意度 indicator is a number, not text.",
        "Quantities, costs and satisfaction rates are measurable by nature; text such as 按实 defers the target.";
    /// Vague or tautological text.
    VagueValue = "PT-V04", Warning, "warning", "zczrbj, S",
        "A qualitative value is vague (进一步…, 明显…, 有所…, 持续提升, 有效, 稳定, 按实, …) or repeats the indicator's name.",
        "SMART targets must be checkable; vague words and tautologies cannot fail.";
    /// A percentage outside 0–100.
    PercentRange = "PT-V05", Error, "error", "sanity",
        "A % value lies within 0–100 (growth and increase indicators are exempt).",
        "Rates above 100% are typing errors unless the indicator measures growth.";
    /// Cost indicator with ≥.
    CostDirection = "PT-C01", Warning, "warning", "czj.sh.gov.cn, 鄂州",
        "A cost indicator uses ≤ or =, not ≥ or >.",
        "A cost target is a ceiling; \"at least this much money\" rewards spending.";
    /// Total cost within the budget.
    CostWithinBudget = "PT-C02", Error, "error / info", "czj.sh.gov.cn, S",
        "A cost in 元/万元 with ≤, < or = does not exceed 年度资金申请总额 (error); a 总成本 that differs from it is noted (info).",
        "Shanghai's guide requires cost targets to match the budget; a cost above the request cannot be met.";
    /// Satisfaction is a ≥ percentage.
    SatisfactionTarget = "PT-S01", Warning, "warning / info", "S, 武汉/湘潭",
        "A satisfaction value is a ≥ percentage (warning); a threshold below 80% is noted (info).",
        "Satisfaction is measured as a rate with a floor; observed floors are 80–95%.";
    /// Misfiled satisfaction or reversed quantity.
    MisfiledOrReversed = "PT-S02", Warning, "warning", "shutu, 湘潭, S",
        "A 三级指标 whose name contains 满意 sits outside 满意度指标; or a 数量 indicator is capped with ≤ or <.",
        "Satisfaction filed as benefit hides a missing dimension; a quantity with an upper bound reads as a limit, not a target.";
}

impl RuleId {
    /// The severity of the rule's findings under a profile, or `None` when
    /// the rule does not apply there. Rules with two severities (see
    /// [`RuleId::severities`]) return the higher one.
    ///
    /// ```
    /// use jixiao::{Profile, RuleId, Severity};
    /// assert_eq!(RuleId::CostPresent.severity_in(Profile::Sh2025), Some(Severity::Error));
    /// assert_eq!(RuleId::CostPresent.severity_in(Profile::Legacy2011), Some(Severity::Warning));
    /// assert_eq!(RuleId::ProjectCategory.severity_in(Profile::Legacy2011), None);
    /// ```
    #[must_use]
    pub fn severity_in(self, profile: Profile) -> Option<Severity> {
        match (self, profile) {
            (RuleId::ProjectCategory, Profile::Legacy2011) => None,
            (RuleId::CostPresent, Profile::Legacy2011) => Some(Severity::Warning),
            _ => Some(self.default_severity()),
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::from_id(s)
            .ok_or_else(|| format!("unknown rule id {s:?} (expected PT-H01 … PT-S02)"))
    }
}

/// The Markdown table of every validation rule (what `docs/rules.md` holds).
///
/// ```
/// let table = jixiao::rules_table();
/// assert!(table.contains("| `PT-A01` | error |"));
/// ```
#[must_use]
pub fn rules_table() -> String {
    let profiles = [Profile::Sh2025, Profile::Cn101, Profile::Legacy2011];
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from `RuleId` in `crates/jixiao/src/rules/catalog.rs` by `jixiao::rules_table()` \
         (a test keeps this file in step). The rules follow `docs/domain.md` §5. \
         A finding is a `Diagnostic` whose `code` is the rule id.\n\n\
         Profiles: `SH-2025+` (Shanghai 2025 guide, the default), `CN-101` (财预〔2021〕101号), \
         `LEGACY-2011` (the 2011 template: 成本 under 产出, 满意度 under 效益, no 项目类别). \
         A profile column shows the severity of the rule's findings under that profile (the higher one for rules with two levels), \
         or `—` when the rule is off there. Switch a rule off with `allow` \
         (`jixiao check --allow PT-V04`).\n\n\
         | id | severity | SH-2025+ | CN-101 | LEGACY-2011 | rule | why | source |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for rule in RuleId::ALL {
        let cols: Vec<String> = profiles
            .iter()
            .map(|p| {
                rule.severity_in(*p)
                    .map_or("—".to_owned(), |s| s.to_string())
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
            rule.as_str(),
            rule.severities(),
            cols[0],
            cols[1],
            cols[2],
            rule.description().replace('|', "\\|"),
            rule.rationale().replace('|', "\\|"),
            rule.source(),
        );
    }
    out
}
