//! The form's vocabulary: every label the grammar recognises, by its key
//! (see [`crate::text::label_key`]: whitespace removed, full-width folded,
//! trailing colons dropped). Synonyms from other regions and older templates
//! map to the same meaning (domain notes §1 and §3).

use crate::model::{Level1, Level2};

/// Declares a lookup from label key to meaning, and the list of its keys
/// (`LABELS` below gathers every list, so that a test can check each key
/// against [`may_start_label`]).
macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        fn $name:ident($key:ident) -> $ty:ty, keys $list:ident {
            $($($lit:literal)|+ => $val:expr,)+
        }
    ) => {
        #[cfg(test)]
        const $list: &[&str] = &[$($($lit,)+)+];

        $(#[$doc])*
        pub(crate) fn $name($key: &str) -> Option<$ty> {
            Some(match $key {
                $($($lit)|+ => $val,)+
                _ => return None,
            })
        }
    };
}

/// Every label key of the vocabulary (the 项目资金 header by its prefix).
#[cfg(test)]
pub(crate) const LABELS: &[&[&str]] = &[
    LEVEL1,
    LEVEL2,
    PROJECT,
    FUNDING,
    &["其中:财政资金", FUNDING_HEADER],
    GOALS,
    TABLE_LABEL,
    TABLE_HEADING,
];

/// The characters a label key can start with: every key of the vocabulary
/// starts with one of these (a test checks each), all CJK ideographs.
const LABEL_STARTS: &[char] = &[
    '成', '产', '效', '满', '投', '过', '经', '社', '生', '环', '数', '质', '时', '可', '服', '项',
    '主', '实', '计', '开', '完', '资', '财', '其', '年', '当', '上', '绩', '长', '中', '总', '本',
    '一', '二', '三', '指',
];

/// First code point of the CJK Unified Ideographs block, and the size of
/// the bit set of label starts over the block (U+4E00..=U+9FFF).
const CJK_FIRST: u32 = 0x4e00;
const CJK_WORDS: usize = (0xa000 - 0x4e00) / 64;

/// [`LABEL_STARTS`] as a bit set over the CJK block.
static LABEL_START_BITS: [u64; CJK_WORDS] = {
    let mut bits = [0u64; CJK_WORDS];
    let mut i = 0;
    while i < LABEL_STARTS.len() {
        let at = LABEL_STARTS[i] as u32 - CJK_FIRST;
        bits[(at / 64) as usize] |= 1 << (at % 64);
        i += 1;
    }
    bits
};

/// Whether a label key can start with `c`. Cells whose first character is
/// not such a start are values, and need no key.
#[cfg(test)]
pub(crate) fn may_start_label(c: char) -> bool {
    let mut buf = [0; 4];
    text_may_start_label(c.encode_utf8(&mut buf))
}

/// Whether a trimmed text's key can be a label of the vocabulary, by its
/// first character alone: a look at three bytes and one bit, no decoding
/// loop (the text is valid UTF-8, so a lead byte E4–E9 starts a three-byte
/// character of U+4000..=U+9FFF).
pub(crate) fn text_may_start_label(text: &str) -> bool {
    match *text.as_bytes() {
        [lead @ 0xe4..=0xe9, b1, b2, ..] => {
            let c =
                (u32::from(lead & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
            c.checked_sub(CJK_FIRST)
                .is_some_and(|at| LABEL_START_BITS[(at / 64) as usize] >> (at % 64) & 1 == 1)
        }
        _ => false,
    }
}

vocabulary! {
    /// A level-1 indicator label.
    fn level1(key) -> Level1, keys LEVEL1 {
        "成本指标" => Level1::Cost,
        "产出指标" | "产出(工作量)指标" | "产出工作量指标" => Level1::Output,
        "效益指标" | "效果指标" => Level1::Benefit,
        "满意度指标" => Level1::Satisfaction,
        // Evaluation-style level-1 items seen in other templates: recognised as
        // labels so they do not become indicator names, kept as written.
        "投入指标" | "过程指标" => Level1::other(key),
    }
}

vocabulary! {
    /// A level-2 indicator label.
    fn level2(key) -> Level2, keys LEVEL2 {
        "经济成本指标" => Level2::EconomicCost,
        "社会成本指标" => Level2::SocialCost,
        "生态环境成本指标" | "环境成本指标" | "生态成本指标" => Level2::EcoEnvironmentalCost,
        "数量指标" => Level2::Quantity,
        "质量指标" => Level2::Quality,
        "时效指标" => Level2::Timeliness,
        "经济效益指标" => Level2::EconomicBenefit,
        "社会效益指标" => Level2::SocialBenefit,
        "生态效益指标" | "环境效益指标" | "生态环境效益指标" => Level2::EcologicalBenefit,
        "可持续影响指标" => Level2::SustainableImpact,
        "服务对象满意度指标" | "社会公众或服务对象满意度指标" => Level2::ServiceSatisfaction,
    }
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

/// Whether a trimmed text's key can be a project label ([`project_field`]),
/// by its first character: project labels start with 项, 主, 实, 计, 开 or
/// 完 (a test checks each). Most value cells of the project rows start with
/// some other label start (经常性项目, 其他人员类), and this spares them the
/// key and the search for an inline colon.
pub(crate) fn text_may_start_project_label(text: &str) -> bool {
    // By the UTF-8 bytes (decoding the character costs more, and this runs
    // for every cell of the project rows).
    matches!(
        text.as_bytes(),
        [0xe9, 0xa1, 0xb9, ..] // 项
            | [0xe4, 0xb8, 0xbb, ..] // 主
            | [0xe5, 0xae, 0x9e | 0x8c, ..] // 实, 完
            | [0xe5, 0xbc, 0x80, ..] // 开
            | [0xe8, 0xae, 0xa1, ..] // 计
    )
}

vocabulary! {
    /// A label of the project rows. The form segmenter (`quick_kind` in
    /// grammar/mod.rs) looks for the Name labels only in cells that start
    /// with 项: keep every Name label so.
    fn project_field(key) -> ProjectField, keys PROJECT {
        "项目名称" | "项目名" => ProjectField::Name,
        "项目性质" | "项目属性" => ProjectField::Nature,
        "项目类别" | "项目类型" => ProjectField::Category,
        "主管部门" | "主管单位" | "主管部门名称" => ProjectField::Department,
        "实施单位" | "项目实施单位" | "实施单位名称" => ProjectField::Implementer,
        "计划开始日期" | "项目开始日期" | "开始日期" | "计划开始时间" => ProjectField::StartDate,
        "计划完成日期" | "项目完成日期" | "完成日期" | "计划结束日期" | "计划完成时间" => ProjectField::EndDate,
    }
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

/// A label of the 项目资金 block, with or without a `其中:` prefix.
pub(crate) fn funding_label(key: &str) -> Option<FundingLabel> {
    funding_label_bare(key.strip_prefix("其中:").unwrap_or(key))
}

vocabulary! {
    fn funding_label_bare(key) -> FundingLabel, keys FUNDING {
        "项目资金总额" | "资金总额" => FundingLabel::ProjectTotal,
        "财政资金" => FundingLabel::ProjectFiscal,
        "其他资金" => FundingLabel::Other,
        "年度资金申请总额" | "年度资金总额" | "当年资金总额" => FundingLabel::AnnualTotal,
        "当年财政拨款" => FundingLabel::AnnualAppropriation,
        "上年结转资金" | "上年结转" => FundingLabel::AnnualCarryover,
    }
}

/// The key every 项目资金 header starts with.
const FUNDING_HEADER: &str = "项目资金";

/// The 项目资金 block header: `项目资金(元)` or `项目资金(万元)`. Returns the
/// unit text (possibly empty when the header names none).
pub(crate) fn funding_header(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(FUNDING_HEADER)?;
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

vocabulary! {
    /// A label of the goals block.
    fn goal_label(key) -> GoalLabel, keys GOALS {
        "项目绩效目标" | "绩效目标" => GoalLabel::Block,
        "项目总目标" | "长期目标" | "实施期绩效目标" | "中期目标" | "总体目标" => GoalLabel::Project,
        "年度总体目标" | "年度目标" | "本年度绩效目标" | "年度绩效目标" => GoalLabel::Annual,
    }
}

vocabulary! {
    fn table_label(key) -> (), keys TABLE_LABEL {
        "绩效指标" | "项目绩效指标" => (),
    }
}

/// The 绩效指标 block's row label.
pub(crate) fn is_table_label(key: &str) -> bool {
    table_label(key).is_some()
}

vocabulary! {
    fn table_heading(key) -> (), keys TABLE_HEADING {
        "一级指标"
            | "二级指标"
            | "三级指标"
            | "指标内容"
            | "指标值"
            | "年度指标值"
            | "年度(/项目)指标值"
            | "年度(项目)指标值"
            | "指标值及单位"
            | "绩效指标值" => (),
    }
}

/// Column headings of the indicator table.
pub(crate) fn is_table_heading(key: &str) -> bool {
    table_heading(key).is_some()
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
    fn every_label_starts_with_a_label_start() {
        let mut n = 0;
        for list in LABELS {
            for key in *list {
                let first = key.chars().next().unwrap();
                assert!(may_start_label(first), "{key} starts with {first}");
                assert_eq!(label_key(key), *key, "{key} is a key");
                n += 1;
            }
        }
        assert!(n > 60, "{n} keys");
        // And the lists are what the lookups recognise.
        assert!(LEVEL1.iter().all(|k| level1(k).is_some()));
        assert!(GOALS.iter().all(|k| goal_label(k).is_some()));
        assert!(FUNDING
            .iter()
            .all(|k| funding_label(&format!("其中:{k}")).is_some()));
        assert!(!may_start_label('人') && !may_start_label('1') && !may_start_label('Ａ'));
        assert!(LABEL_STARTS.iter().all(|&c| may_start_label(c)));
        // Neighbours of a start in the bit set are not starts.
        assert!(!may_start_label('\u{4e00}') || LABEL_STARTS.contains(&'\u{4e00}'));
        assert!(!text_may_start_label("") && !text_may_start_label("\u{4000}"));
    }

    #[test]
    fn every_project_label_passes_the_project_start_filter() {
        for key in PROJECT {
            assert!(text_may_start_project_label(key), "{key}");
        }
        for start in ["项", "主", "实", "计", "开", "完"] {
            assert!(text_may_start_project_label(start), "{start}");
        }
        for value in ["经常性项目", "其他人员类", "上海市静安区", "2026-01-01", ""]
        {
            assert!(!text_may_start_project_label(value), "{value}");
        }
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
