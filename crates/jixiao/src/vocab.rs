//! The form's vocabulary: every label the grammar recognises, by its key
//! (see [`crate::text::label_key`]: whitespace removed, full-width folded,
//! trailing colons dropped). Synonyms from other regions and older templates
//! map to the same meaning (domain notes §1 and §3).

use crate::model::{Level1, Level2};

/// A level-1 indicator label.
pub(crate) fn level1(key: &str) -> Option<Level1> {
    Some(match key {
        "成本指标" => Level1::Cost,
        "产出指标" | "产出(工作量)指标" | "产出工作量指标" => Level1::Output,
        "效益指标" | "效果指标" => Level1::Benefit,
        "满意度指标" => Level1::Satisfaction,
        // Evaluation-style level-1 items seen in other templates: recognised as
        // labels so they do not become indicator names, kept as written.
        "投入指标" | "过程指标" => Level1::Other(key.into()),
        _ => return None,
    })
}

/// A level-2 indicator label.
pub(crate) fn level2(key: &str) -> Option<Level2> {
    Some(match key {
        "经济成本指标" => Level2::EconomicCost,
        "社会成本指标" => Level2::SocialCost,
        "生态环境成本指标" | "环境成本指标" | "生态成本指标" => {
            Level2::EcoEnvironmentalCost
        }
        "数量指标" => Level2::Quantity,
        "质量指标" => Level2::Quality,
        "时效指标" => Level2::Timeliness,
        "经济效益指标" => Level2::EconomicBenefit,
        "社会效益指标" => Level2::SocialBenefit,
        "生态效益指标" | "环境效益指标" | "生态环境效益指标" => {
            Level2::EcologicalBenefit
        }
        "可持续影响指标" => Level2::SustainableImpact,
        "服务对象满意度指标" | "社会公众或服务对象满意度指标" => {
            Level2::ServiceSatisfaction
        }
        _ => return None,
    })
}

/// Fields of the project rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProjectField {
    Name,
    Nature,
    Category,
    Department,
    Implementer,
    StartDate,
    EndDate,
}

impl ProjectField {
    pub(crate) fn label(self) -> &'static str {
        match self {
            ProjectField::Name => "项目名称",
            ProjectField::Nature => "项目性质",
            ProjectField::Category => "项目类别",
            ProjectField::Department => "主管部门",
            ProjectField::Implementer => "实施单位",
            ProjectField::StartDate => "计划开始日期",
            ProjectField::EndDate => "计划完成日期",
        }
    }
}

pub(crate) fn project_field(key: &str) -> Option<ProjectField> {
    Some(match key {
        // The form segmenter (`quick_kind` in grammar/mod.rs) looks for these
        // only in cells that start with 项: keep every Name label so.
        "项目名称" | "项目名" => ProjectField::Name,
        "项目性质" | "项目属性" => ProjectField::Nature,
        "项目类别" | "项目类型" => ProjectField::Category,
        "主管部门" | "主管单位" | "主管部门名称" => ProjectField::Department,
        "实施单位" | "项目实施单位" | "实施单位名称" => ProjectField::Implementer,
        "计划开始日期" | "项目开始日期" | "开始日期" | "计划开始时间" => {
            ProjectField::StartDate
        }
        "计划完成日期" | "项目完成日期" | "完成日期" | "计划结束日期" | "计划完成时间" => {
            ProjectField::EndDate
        }
        _ => return None,
    })
}

/// Labels of the 项目资金 block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FundingLabel {
    ProjectTotal,
    ProjectFiscal,
    /// 其他资金: left or right column, decided by position.
    Other,
    AnnualTotal,
    AnnualAppropriation,
    AnnualCarryover,
}

pub(crate) fn funding_label(key: &str) -> Option<FundingLabel> {
    let key = key.strip_prefix("其中:").unwrap_or(key);
    Some(match key {
        "项目资金总额" | "资金总额" => FundingLabel::ProjectTotal,
        "财政资金" => FundingLabel::ProjectFiscal,
        "其他资金" => FundingLabel::Other,
        "年度资金申请总额" | "年度资金总额" | "当年资金总额" => {
            FundingLabel::AnnualTotal
        }
        "当年财政拨款" => FundingLabel::AnnualAppropriation,
        "上年结转资金" | "上年结转" => FundingLabel::AnnualCarryover,
        _ => return None,
    })
}

/// The 项目资金 block header: `项目资金(元)` or `项目资金(万元)`. Returns the
/// unit text (possibly empty when the header names none).
pub(crate) fn funding_header(key: &str) -> Option<&str> {
    let rest = key.strip_prefix("项目资金")?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix('(')?.strip_suffix(')')
}

/// The goals block labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoalLabel {
    /// `项目绩效目标`: the block's row label.
    Block,
    /// 项目总目标 (and synonyms: 长期目标, 实施期绩效目标, 中期目标, 总体目标).
    Project,
    /// 年度总体目标 (and synonyms: 年度目标, 本年度绩效目标).
    Annual,
}

pub(crate) fn goal_label(key: &str) -> Option<GoalLabel> {
    Some(match key {
        "项目绩效目标" | "绩效目标" => GoalLabel::Block,
        "项目总目标" | "长期目标" | "实施期绩效目标" | "中期目标" | "总体目标" => {
            GoalLabel::Project
        }
        "年度总体目标" | "年度目标" | "本年度绩效目标" | "年度绩效目标" => {
            GoalLabel::Annual
        }
        _ => return None,
    })
}

/// The 绩效指标 block's row label.
pub(crate) fn is_table_label(key: &str) -> bool {
    matches!(key, "绩效指标" | "项目绩效指标")
}

/// Column headings of the indicator table.
pub(crate) fn is_table_heading(key: &str) -> bool {
    matches!(
        key,
        "一级指标"
            | "二级指标"
            | "三级指标"
            | "指标内容"
            | "指标值"
            | "年度指标值"
            | "年度(/项目)指标值"
            | "年度(项目)指标值"
            | "指标值及单位"
            | "绩效指标值"
    )
}

/// A label of the project rows, the 项目资金 block or the indicator table.
pub(crate) fn is_structural_label(key: &str) -> bool {
    project_field(key).is_some()
        || funding_label(key).is_some()
        || funding_header(key).is_some_and(|u| !u.is_empty())
        || is_table_label(key)
        || is_table_heading(key)
        || level1(key).is_some()
        || level2(key).is_some()
}

/// How every form title's key ends.
pub(crate) const FORM_HEADER_END: &str = "绩效目标申报表";

/// The form's own title: `财政项目支出绩效目标申报表` (tolerating a prefix such
/// as a year or a region, but not the document's 汇总表 title).
pub(crate) fn is_form_header(key: &str) -> bool {
    key.ends_with(FORM_HEADER_END) && !key.contains("汇总")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::label_key;

    #[test]
    fn labels_are_found_whatever_their_width() {
        assert_eq!(funding_header(&label_key("项目资金（元）")), Some("元"));
        assert_eq!(funding_header(&label_key("项目资金 (万元)")), Some("万元"));
        assert_eq!(
            funding_label(&label_key("其中：当年财政拨款")),
            Some(FundingLabel::AnnualAppropriation)
        );
        assert_eq!(
            goal_label(&label_key("项目 绩效 目标")),
            Some(GoalLabel::Block)
        );
        assert!(is_table_label(&label_key("绩效 指标")));
        assert!(is_form_header("财政项目支出绩效目标申报表"));
        assert!(!is_form_header(
            "上海市静安区人力资源和社会保障局2026年度项目绩效目标汇总表"
        ));
    }

    #[test]
    fn level_vocabulary_has_aliases() {
        assert_eq!(level1("产出(工作量)指标"), Some(Level1::Output));
        assert_eq!(
            level2("社会公众或服务对象满意度指标"),
            Some(Level2::ServiceSatisfaction)
        );
        assert_eq!(level2("成本指标"), None);
    }
}
