//! Synthetic forms for the rule unit tests.

use crate::diagnostic::Code;

use super::{check_source, CheckOptions, Profile};

/// A small, complete form that breaks no rule. Line numbers: 1 title,
/// 3 项目名称, 5 dates, 6 项目资金 header / 年度资金申请总额, 10 goals,
/// 11 annual goal, 13 cost, 14 数量, 15 质量, 16 时效, 17 效益, 18 满意度.
pub(crate) fn base() -> String {
    [
        "财政项目支出绩效目标申报表",
        "(2026 年度)",
        "项目名称\t示例项目\t项目性质\t经常性项目\t项目类别\t特定目标类",
        "主管部门\t示例局(汇总)\t实施单位\t示例局",
        "计划开始日期\t2026-01-01\t计划完成日期\t2026-12-31",
        "项目资金(元)\t项目资金总额:\t\t年度资金申请总额:\t100,000.00",
        "\t其中: 财政资金\t\t其中: 当年财政拨款\t100,000.00",
        "\t\t\t上年结转资金\t0.00",
        "\t其他资金\t\t其他资金\t0.00",
        "项目绩效目标\t项目总目标\t\t年度总体目标",
        "\t\t\t完成 2026 年示例培训工作。",
        "\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值",
        "绩效指标\t成本指标\t经济成本指标\t项目总成本\t≤100000.00(元)",
        "\t产出指标\t数量指标\t培训次数\t=8.00(次)",
        "\t\t质量指标\t培训合格率\t≥95.00(%)",
        "\t\t时效指标\t培训完成及时性\t及时",
        "\t效益指标\t社会效益指标\t参训人员技能证书获取率\t≥60.00(%)",
        "\t满意度指标\t服务对象满意度指标\t参训人员满意率\t≥90.00(%)",
    ]
    .join("\n")
}

/// `(rule id, line)` of every rule finding, default profile, with the source.
pub(crate) fn findings(text: &str) -> Vec<(&'static str, usize)> {
    findings_with(text, Profile::default())
}

/// `(rule id, line)` of every rule finding under `profile`, with the source.
pub(crate) fn findings_with(text: &str, profile: Profile) -> Vec<(&'static str, usize)> {
    let doc = crate::parse(text);
    let options = CheckOptions {
        profile,
        ..CheckOptions::default()
    };
    check_source(&doc, text, &options)
        .into_iter()
        .map(|d| match d.code {
            Code::Rule(r) => (r.as_str(), d.span.map_or(0, |s| s.start_line)),
            other => panic!("not a rule finding: {other}"),
        })
        .collect()
}

/// Replace the indicator row at `line` (1-based) with `row`.
pub(crate) fn with_row(text: &str, line: usize, row: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[line - 1] = row;
    lines.join("\n")
}

/// Remove the line at `line` (1-based).
pub(crate) fn without_line(text: &str, line: usize) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(line - 1);
    lines.join("\n")
}
