//! Every emitted JSON document validates against the committed JSON Schema.

mod common;

use common::{join, sample_lines};
use proptest::prelude::*;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(jixiao::SCHEMA_JSON).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &jixiao::Document) {
    let value: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sample_document_is_valid() {
    assert_valid(&validator(), &jixiao::parse(jixiao::SAMPLE));
}

#[test]
fn documents_with_diagnostics_are_valid() {
    let v = validator();
    for text in [
        "",
        "hello",
        "财政项目支出绩效目标申报表\n项目名称\t甲\t项目名称\t乙\n计划开始日期\t2026-13-01",
    ] {
        assert_valid(&v, &jixiao::parse(text));
    }
}

#[test]
fn every_layout_name_is_in_the_schema() {
    let v = validator();
    let mut value: serde_json::Value =
        serde_json::from_str(&jixiao::parse(jixiao::SAMPLE).to_json()).unwrap();
    for layout in jixiao::Layout::ALL {
        value["layout"] = serde_json::json!(layout.name());
        assert!(v.is_valid(&value), "{layout}");
    }
    value["layout"] = serde_json::json!("columns");
    assert!(!v.is_valid(&value));
}

#[test]
fn a_flow_document_is_valid() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/layouts/sample-c/sample-c.plumber-text.txt"),
    )
    .unwrap();
    let doc = jixiao::parse(&text);
    assert_eq!(doc.layout, jixiao::Layout::Flow);
    assert_valid(&validator(), &doc);
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let v = validator();
    let mut value: serde_json::Value =
        serde_json::from_str(&jixiao::parse(jixiao::SAMPLE).to_json()).unwrap();
    assert!(v.is_valid(&value));
    // A number where a decimal string belongs.
    value["forms"][0]["funding"]["annual_total"] = serde_json::json!(109_026.0);
    assert!(!v.is_valid(&value));
    value["forms"][0]["funding"]["annual_total"] = serde_json::json!("109026.00");
    // A qualitative target with a value.
    value["forms"][0]["indicators"][0]["target"]["value"] = serde_json::json!("1");
    assert!(!v.is_valid(&value));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn damaged_samples_stay_valid(cut in 0usize..570, garbage in "\\PC{0,20}", at in 0usize..570) {
        let mut lines = sample_lines();
        lines.truncate(cut.max(1));
        let at = at.min(lines.len());
        lines.insert(at, garbage);
        assert_valid(&validator(), &jixiao::parse(&join(&lines)));
    }
}

/// `to_json` writes through its own formatter; its text must be exactly what
/// `serde_json`'s pretty printer writes for the same value, escapes included.
fn assert_same_as_serde_json(doc: &jixiao::Document) {
    assert_eq!(doc.to_json(), serde_json::to_string_pretty(doc).unwrap());
}

#[test]
fn to_json_is_serde_json_pretty_text() {
    assert_same_as_serde_json(&jixiao::parse(jixiao::SAMPLE));
    assert_same_as_serde_json(&jixiao::parse(""));
    // Every escape: quote, backslash, the C0 controls (a form's name cell
    // keeps them), and non-ASCII text next to them.
    let controls: String = (0u8..0x20)
        .filter(|&b| !matches!(b, b'\t' | b'\n' | b'\r'))
        .map(char::from)
        .collect();
    let text = format!(
        "财政项目支出绩效目标申报表\n项目名称\t甲\"乙\\丙/{controls}丁\u{7f}\u{2028}\n计划开始日期\t2026-13-01\t计划完成日期\t2026-12-31\n项目资金(元)\t项目资金总额:\t-0.00\t年度资金申请总额:\t-12,345.670\n\t产出指标\t数量指标\t人数\t≥1(人)\n\t\t\t负零\t-0.00(人)\n\t\t\t正\t+5"
    );
    let doc = jixiao::parse(&text);
    assert!(doc.forms[0].project.name.as_deref().unwrap().contains('"'));
    assert_eq!(
        doc.forms[0].indicators[1].target.value.unwrap().to_string(),
        "0.00"
    );
    assert!(!doc.diagnostics.is_empty());
    assert_same_as_serde_json(&doc);
    // Negative zero and a negative amount, written into the model.
    let mut doc = doc;
    let mut zero = jixiao::Decimal::new(0, 2);
    zero.set_sign_negative(true);
    doc.forms[0].funding.project_total = Some(zero);
    doc.forms[0].funding.annual_total = Some(jixiao::Decimal::new(-1_234_567, 3));
    doc.forms[0].indicators[0].target.value = Some(zero);
    assert_same_as_serde_json(&doc);
    // Every scale around the number of digits, both signs, the extremes.
    for (m, scale) in [
        (0, 0),
        (7, 0),
        (7, 1),
        (7, 3),
        (-7, 3),
        (123, 2),
        (123, 3),
        (123, 4),
        (-123, 5),
    ] {
        doc.forms[0].funding.project_other = Some(jixiao::Decimal::new(m, scale));
        assert_same_as_serde_json(&doc);
    }
    doc.forms[0].funding.project_other = Some(jixiao::Decimal::MAX);
    doc.forms[0].funding.annual_other = Some(jixiao::Decimal::MIN);
    doc.forms[0].funding.annual_carryover = Some(jixiao::Decimal::from_i128_with_scale(1, 28));
    assert_same_as_serde_json(&doc);
}

proptest! {
    #[test]
    fn to_json_writes_any_decimal_as_serde_json_does(lo: u64, hi: u32, neg: bool, scale in 0u32..=28) {
        let mut doc = jixiao::parse(jixiao::SAMPLE);
        let d = jixiao::Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, neg, scale);
        doc.forms[0].funding.project_total = Some(d);
        doc.forms[0].indicators[0].target.value = Some(d);
        assert_same_as_serde_json(&doc);
    }

    #[test]
    fn to_json_matches_serde_json_on_damaged_documents(lines in prop::sample::subsequence(sample_lines(), 0..120)) {
        assert_same_as_serde_json(&jixiao::parse(&join(&lines)));
    }

    #[test]
    fn to_json_matches_serde_json_on_any_text(text in "(?s:.){0,300}") {
        assert_same_as_serde_json(&jixiao::parse(&text));
    }
}

/// Found by the `parse_text` fuzz target: the legacy level-2 item 成本指标
/// (read after a level-1 label) was written to JSON as its label and read
/// back as `Level2::Other("成本指标")`.
#[test]
fn every_level_label_reads_back_from_json() {
    use jixiao::{Level1, Level2};
    let text = "财政项目支出绩效目标申报表\n项目名称\t甲\n\t成本指标\t成本指标\t专家慰问金额\t≥240000.00(元)";
    let doc = jixiao::parse(text);
    assert_eq!(doc.forms[0].indicators[0].level2, Some(Level2::Cost));
    assert_eq!(jixiao::Document::from_json(&doc.to_json()).unwrap(), doc);
    for l1 in common::named_level1() {
        assert_eq!(Level1::from_label(l1.label()), Some(l1.clone()), "{l1}");
        let json = serde_json::to_string(&l1).unwrap();
        assert_eq!(serde_json::from_str::<Level1>(&json).unwrap(), l1);
    }
    for l2 in common::named_level2() {
        assert_eq!(Level2::from_label(l2.label()), Some(l2.clone()), "{l2}");
        let json = serde_json::to_string(&l2).unwrap();
        assert_eq!(serde_json::from_str::<Level2>(&json).unwrap(), l2);
    }
}

#[test]
fn a_target_text_that_is_not_its_raw_cell_is_refused() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    let json = doc.to_json();
    // The sample's first qualitative target is 及时 (form 1); its text is its raw cell.
    assert!(json.contains("\"raw\": \"及时\""));
    let good = jixiao::Document::from_json(&json).unwrap();
    assert_eq!(good, doc);
    let bad = json.replacen("\"text\": \"及时\"", "\"text\": \"不及时\"", 1);
    assert_ne!(bad, json);
    let err = jixiao::Document::from_json(&bad).unwrap_err().to_string();
    assert!(err.contains("does not match its raw cell"), "{err}");
    let bad = json.replacen("\"text\": null", "\"text\": \"x\"", 1);
    assert!(jixiao::Document::from_json(&bad).is_err());
}
