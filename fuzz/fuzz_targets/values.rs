//! Value grammars through the public API: targets, dates, and amounts (inside
//! a small synthetic funding form). Never a panic; parsed values are sane.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let t = jixiao::Target::parse(text);
    match t.kind {
        jixiao::TargetKind::Quantitative => {
            assert!(t.value.is_some() && t.text().is_none());
            // The canonical rendering of a quantitative target reads back the same.
            let again = jixiao::Target::parse(&t.raw);
            assert_eq!(again, t);
        }
        jixiao::TargetKind::Qualitative => assert!(t.value.is_none() && t.cmp.is_none()),
    }

    if let Some(d) = jixiao::Date::parse(text) {
        assert_eq!(jixiao::Date::parse(&d.to_string()), Some(d));
        assert!(jixiao::Date::new(d.year(), d.month(), d.day()).is_some());
    }

    // Amounts: in both columns of the 项目资金 rows, and as a date.
    let one_line = text.replace(['\n', '\r', '\t'], " ");
    let form = format!(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n计划开始日期\t{one_line}\n\
         项目资金(元)\t项目资金总额:\t{one_line}\t年度资金申请总额:\t{one_line}\n\
         \t其中: 财政资金\t{one_line}\t其中: 当年财政拨款\t{one_line}\n"
    );
    let doc = jixiao::parse(&form);
    assert_eq!(doc.forms.len(), 1);
    if let Some(total) = doc.forms[0].funding.annual_total {
        assert!(total.scale() <= 28);
    }
});
