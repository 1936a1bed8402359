//! The render round trip: `parse(render(doc))` reads back the same forms
//! (spans aside) for every document the parser produces, with one exception
//! that no text in the tab layout can express: an indicator whose every
//! non-empty part (level labels, name, target) is a heading of the indicator
//! table or the table's label. Written on a row, such an indicator is the
//! table's heading row (`一级指标 二级指标 三级指标 指标值`), which carries no
//! indicator. The parser produces one only from a garbled heading row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn unspanned(doc: &jixiao::Document) -> Vec<jixiao::Form> {
    let zero = jixiao::Span {
        start_line: 0,
        end_line: 0,
        start_byte: 0,
        end_byte: 0,
    };
    doc.forms
        .iter()
        .map(|f| {
            let mut f = f.clone();
            f.span = zero;
            for i in &mut f.indicators {
                i.span = zero;
            }
            f
        })
        .collect()
}

/// How the grammar compares labels: whitespace removed, full-width ASCII
/// folded, trailing colons dropped (`text::label_key` in the core).
fn key(s: &str) -> String {
    let mut k: String = s
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '\u{feff}' || *c == '\u{200b}'))
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect();
    while k.ends_with(':') {
        k.pop();
    }
    k
}

/// A heading of the indicator table or its label (`vocab::is_table_heading`
/// and `vocab::is_table_label` in the core).
fn heading(s: &str) -> bool {
    matches!(
        key(s).as_str(),
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
            | "绩效指标"
            | "项目绩效指标"
    )
}

fn heading_only(ind: &jixiao::Indicator) -> bool {
    let l1 = ind.level1.as_ref().map_or("", jixiao::Level1::label);
    let l2 = ind.level2.as_ref().map_or("", jixiao::Level2::label);
    [l1, l2, &ind.name, &ind.target.raw]
        .iter()
        .all(|s| s.is_empty() || heading(s))
}

fuzz_target!(|text: &str| {
    let doc = jixiao::parse(text);
    if doc
        .forms
        .iter()
        .any(|f| f.indicators.iter().any(heading_only))
    {
        return;
    }
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(unspanned(&again), unspanned(&doc));
});
