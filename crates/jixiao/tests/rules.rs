//! Validation rules on the real sample (`fixtures/jingan-hrss-2026.txt`).
//!
//! Every expected finding below was checked by reading the fixture line by
//! line; the line numbers are the fixture's.

use std::collections::BTreeMap;

use jixiao::{check, check_source, CheckOptions, Code, Diagnostic, Profile, RuleId, Severity};

fn sample_findings() -> Vec<Diagnostic> {
    let doc = jixiao::parse(jixiao::SAMPLE);
    check_source(&doc, jixiao::SAMPLE, &CheckOptions::default())
}

/// `(project name, line, marked text)` of the findings of one rule.
fn of(rule: &str) -> Vec<(String, usize, String)> {
    let doc = jixiao::parse(jixiao::SAMPLE);
    sample_findings()
        .into_iter()
        .filter(|d| d.code.as_str() == rule)
        .map(|d| {
            let span = d.span.expect("every finding has a span");
            (
                doc.forms[d.form.unwrap()]
                    .project
                    .name
                    .as_deref()
                    .unwrap()
                    .to_owned(),
                span.start_line,
                jixiao::SAMPLE[span.start_byte..span.end_byte].to_owned(),
            )
        })
        .collect()
}

fn names(rule: &str) -> Vec<String> {
    of(rule).into_iter().map(|(name, _, _)| name).collect()
}

#[test]
fn rules_doc_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let generated = jixiao::rules_table();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date; regenerate it with \
         `UPDATE_SNAPSHOTS=1 cargo test -p jixiao --test rules rules_doc_matches_the_code`"
    );
}

#[test]
fn catalogue_ids_are_unique_and_round_trip() {
    assert_eq!(RuleId::ALL.len(), 25);
    for rule in RuleId::ALL {
        assert_eq!(RuleId::from_id(rule.as_str()), Some(*rule));
        assert_eq!(Code::from_code(rule.as_str()), Code::Rule(*rule));
        assert!(!rule.description().is_empty() && !rule.rationale().is_empty());
    }
}

#[test]
fn counts_by_rule_on_the_sample() {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in sample_findings() {
        *counts.entry(d.code.to_string()).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("PT-C01", 1),
        ("PT-G02", 2),
        ("PT-L03", 13),
        ("PT-L06", 1),
        ("PT-S02", 2),
        ("PT-V03", 2),
        ("PT-V04", 20),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(counts, expected);
    assert!(sample_findings()
        .iter()
        .all(|d| d.severity < Severity::Error));
}

#[test]
fn thirteen_forms_lack_a_satisfaction_indicator() {
    assert_eq!(
        names("PT-L03"),
        [
            "残疾人就业保障金",
            "离休人员特需费",
            "专业技术人员服务经费",
            "社会保障及宣传经费",
            "信息化运维经费",
            "人力资源产业发展经费",
            "稳增长专项经费",
            "新疆回沪人员管理经费",
            "新疆兵团回沪人员住房解困补助（市级）",
            "额度管理经费",
            "国有企业退休人员人事档案社会管理服务经费",
            "促进人力资源服务产业高质量发展",
            "伯乐奖匹配资金",
        ]
    );
    // They point at the form's title line.
    for (_, _, text) in of("PT-L03") {
        assert_eq!(text, "财政项目支出绩效目标申报表");
    }
}

#[test]
fn satisfaction_under_social_benefit_and_capped_quantity() {
    assert_eq!(
        of("PT-S02"),
        [
            (
                "专业技术人员服务经费".to_owned(),
                76,
                "专家对服务满意度".to_owned()
            ),
            (
                "临时性公益性岗位补贴".to_owned(),
                431,
                "≤1400.00(个)".to_owned()
            ),
        ]
    );
}

#[test]
fn cost_written_with_at_least() {
    assert_eq!(
        of("PT-C01"),
        [(
            "专业技术人员服务经费".to_owned(),
            72,
            "≥240000.00(元)".to_owned()
        )]
    );
}

#[test]
fn two_goals_talk_about_2025() {
    assert_eq!(
        of("PT-G02"),
        [
            ("临时性公益性岗位补贴".to_owned(), 428, "2025 年".to_owned()),
            ("重点群体社会保险补贴".to_owned(), 545, "2025年".to_owned()),
        ]
    );
    // Document numbers such as 沪人〔2001〕129号 and 〔2022〕48号 are not years of activity.
    assert!(!names("PT-G02").contains(&"专业技术人员服务经费".to_owned()));
}

#[test]
fn funding_arithmetic_holds_on_all_30_forms() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    assert_eq!(doc.forms.len(), 30);
    for form in &doc.forms {
        let f = &form.funding;
        let sum =
            f.annual_appropriation.unwrap() + f.annual_carryover.unwrap() + f.annual_other.unwrap();
        assert_eq!(f.annual_total.unwrap(), sum, "{:?}", form.project.name);
    }
    assert!(of("PT-A01").is_empty());
    assert!(of("PT-A02").is_empty());
    // Every 项目总成本 equals its form's annual request.
    assert!(of("PT-C02").is_empty());
}

#[test]
fn tautologies_and_vague_values() {
    let taut: Vec<_> = of("PT-V04")
        .into_iter()
        .filter(|(_, line, _)| [261, 279, 354].contains(line))
        .map(|(_, _, text)| text)
        .collect();
    assert_eq!(taut, ["维护社会稳定", "维护社会稳定", "案件处置快速、及时"]);
    let values: Vec<String> = of("PT-V04").into_iter().map(|(_, _, t)| t).collect();
    for vague in [
        "按实",
        "进一步提升",
        "明显提升",
        "持续提升",
        "有所提升",
        "改善或提升程度明显",
    ] {
        assert!(values.contains(&vague.to_owned()), "{vague}");
    }
    for fine in ["及时", "准确", "和谐稳定", "科学"] {
        assert!(!values.contains(&fine.to_owned()), "{fine}");
    }
    // 按实 as a cost value is also a missing number.
    assert_eq!(
        of("PT-V03")
            .into_iter()
            .map(|(_, l, t)| (l, t))
            .collect::<Vec<_>>(),
        [(17, "按实".to_owned()), (35, "按实".to_owned())]
    );
}

#[test]
fn growth_project_lacks_timeliness() {
    assert_eq!(names("PT-L06"), ["稳增长专项经费"]);
}

#[test]
fn allow_switches_rules_off() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    let options = CheckOptions {
        allow: vec!["PT-V04".into(), "l03".into()],
        ..CheckOptions::default()
    };
    let findings = check(&doc, &options);
    assert!(findings
        .iter()
        .all(|d| !matches!(d.code.as_str(), "PT-V04" | "PT-L03")));
    assert_eq!(findings.len(), 41 - 20 - 13);
}

#[test]
fn profiles_do_not_change_the_sample_verdict() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    for profile in [Profile::Cn101, Profile::Legacy2011] {
        let options = CheckOptions {
            profile,
            ..CheckOptions::default()
        };
        let codes: Vec<_> = check_source(&doc, jixiao::SAMPLE, &options)
            .into_iter()
            .map(|d| d.code)
            .collect();
        let default: Vec<_> = sample_findings().into_iter().map(|d| d.code).collect();
        assert_eq!(codes, default, "{profile}");
    }
}

#[test]
fn check_without_source_gives_line_spans() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    let plain = check(&doc, &CheckOptions::default());
    let exact = sample_findings();
    assert_eq!(plain.len(), exact.len());
    for (p, e) in plain.iter().zip(&exact) {
        assert_eq!(p.code, e.code);
        let (ps, es) = (p.span.unwrap(), e.span.unwrap());
        assert!(ps.start_line <= es.start_line && es.start_line <= ps.end_line);
    }
}

#[test]
fn findings_serialise_with_the_rule_id() {
    let mut doc = jixiao::parse(jixiao::SAMPLE);
    doc.diagnostics = sample_findings();
    let json = doc.to_json();
    assert!(json.contains("\"code\": \"PT-L03\""));
    let back = jixiao::Document::from_json(&json).unwrap();
    assert_eq!(back.diagnostics, doc.diagnostics);
}
