//! Damaged and hostile inputs: every form that can be read is read, and every
//! problem is named with its code and line.

mod common;

use common::{codes, forms, join, sample_lines, unspanned};
use jixiao::{Code, Severity};

fn d(code: &str, s: usize, e: usize, form: Option<usize>) -> (String, usize, usize, Option<usize>) {
    (code.to_owned(), s, e, form)
}

#[test]
fn empty_input() {
    for text in ["", "\n\n", " \t\u{3000}\r\n"] {
        let doc = jixiao::parse(text);
        assert!(doc.forms.is_empty());
        assert_eq!(doc.title, None);
        assert_eq!(codes(&doc), [d("empty-input", 0, 0, None)], "{text:?}");
        assert!(!doc.has_errors());
    }
}

#[test]
fn text_that_is_not_a_form() {
    let doc = jixiao::parse("Hello world\n\n这不是申报表\n第二行\n");
    assert!(doc.forms.is_empty());
    assert_eq!(doc.title, None);
    assert_eq!(
        codes(&doc),
        [
            d("no-forms", 0, 0, None),
            d("text-outside-form", 1, 1, None),
            // Lines 3–4 are reported together.
            d("text-outside-form", 3, 4, None),
        ]
    );
    assert!(doc.diagnostics[2].message.contains("这不是申报表"));
    assert!(doc.diagnostics[2].message.contains("and 1 more lines"));
    let err = jixiao::parse_strict("Hello world").unwrap_err();
    assert_eq!(err.code(), Code::NoForms);
}

#[test]
fn damaged_form_in_the_middle_leaves_the_others_alone() {
    let clean = jixiao::parse(jixiao::SAMPLE);
    let mut lines = sample_lines();
    // Form 3 (党建经费, lines 41–58): a garbage line after line 44 (in the
    // project rows), the 项目资金 block (lines 46–49) deleted, the 一级指标
    // heading row (line 52) kept.
    lines.insert(44, "@@ 扫描噪声 ### 0x1F".to_owned());
    lines.drain(46..50); // former lines 46–49 (indices shifted by the insert)
    let text = join(&lines);
    let doc = jixiao::parse(&text);
    assert_eq!(doc.forms.len(), 30);
    for (i, (a, b)) in forms(&doc).iter().zip(forms(&clean)).enumerate() {
        if i != 2 {
            assert_eq!(*a, b, "form {i} changed");
        }
    }
    let damaged = &doc.forms[2];
    assert_eq!(damaged.project.name.as_deref(), Some("党建经费"));
    assert_eq!(damaged.funding, jixiao::Funding::default());
    assert_eq!(damaged.indicators.len(), 6);
    assert_eq!(damaged.goals, clean.forms[2].goals);
    assert_eq!(
        codes(&doc),
        [
            d("unrecognised-line", 45, 45, Some(2)),
            d("truncated-form", 41, 55, Some(2)),
        ]
    );
    assert!(doc.diagnostics[0].message.contains("扫描噪声"));
    assert!(doc.diagnostics[1].message.contains("no 项目资金"));
}

#[test]
fn truncated_last_form() {
    let lines = sample_lines();
    // Cut the sample after line 49: form 3 (党建经费) ends inside its 项目资金 block.
    let text = join(&lines[..49]);
    let doc = jixiao::parse(&text);
    assert_eq!(doc.forms.len(), 3);
    let f = &doc.forms[2];
    assert_eq!(f.funding.annual_total.unwrap().to_string(), "200000.00");
    assert!(f.indicators.is_empty());
    assert_eq!(codes(&doc), [d("truncated-form", 41, 49, Some(2))]);
    assert_eq!(
        doc.diagnostics[0].message,
        "the form (lines 41–49) has no 项目绩效目标, no 绩效指标"
    );
    assert_eq!(doc.diagnostics[0].severity, Severity::Error);
}

#[test]
fn bad_amount_and_bad_date_point_at_the_cell() {
    let mut lines = sample_lines();
    // Line 46: 项目资金(元) 项目资金总额: 年度资金申请总额: 200,000.00
    lines[45] = lines[45].replace("200,000.00", "20O,000.00");
    // Line 45: 计划开始日期 2026-01-01
    lines[44] = lines[44].replace("2026-01-01", "2026-02-30");
    let text = join(&lines);
    let doc = jixiao::parse(&text);
    assert_eq!(doc.forms.len(), 30);
    let f = &doc.forms[2];
    assert_eq!(f.funding.annual_total, None);
    assert_eq!(f.project.start_date, None);
    let ds: Vec<_> = doc.diagnostics.iter().collect();
    assert_eq!(ds.len(), 2, "{ds:#?}");
    assert_eq!(ds[0].code, Code::InvalidDate);
    let s = ds[0].span.unwrap();
    // "计划开始日期\t2026-02-30": the date starts at column 8.
    assert_eq!((s.start_line, s.start_col, s.end_col), (45, 8, 17));
    assert_eq!(ds[1].code, Code::InvalidAmount);
    let s = ds[1].span.unwrap();
    // "项目资金(元)\t项目资金总额:\t\t\t年度资金申请总额:\t20O,000.00":
    // 7 + 1 + 7 + 3 + 9 + 1 = 28 characters before the amount.
    assert_eq!((s.start_line, s.start_col, s.end_col), (46, 29, 38));
    assert!(ds[1].message.contains("\"20O,000.00\""));
    let err = jixiao::parse_strict(&text).unwrap_err();
    assert_eq!(
        (err.code(), err.line(), err.column()),
        (Code::InvalidDate, Some(45), Some(8))
    );
    let shown = err.to_string();
    assert!(shown.contains("error[invalid-date]"), "{shown}");
    assert!(shown.contains("45 | 计划开始日期    2026-02-30"), "{shown}");
    assert!(shown.contains("(1 more errors)"), "{shown}");
}

#[test]
fn whitespace_variants_read_the_same() {
    let clean = jixiao::parse(jixiao::SAMPLE);
    // BOM, CRLF, trailing blanks, U+3000 and NBSP inside labels and texts.
    let text = format!(
        "\u{feff}{}",
        jixiao::SAMPLE
            .replace("项目 绩效 目标", "项目\u{3000}绩效\u{a0}目标")
            .replace("(2026 年度)", "(2026\u{3000}年度)")
            .replace('\n', " \t \r\n")
    );
    let doc = jixiao::parse(&text);
    assert_eq!(forms(&doc), forms(&clean));
    assert_eq!(doc.title, clean.title);
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    // Lines are still counted as an editor counts them.
    let lines: Vec<_> = doc.forms.iter().map(|f| f.span.start_line).collect();
    let clean_lines: Vec<_> = clean.forms.iter().map(|f| f.span.start_line).collect();
    assert_eq!(lines, clean_lines);
}

#[test]
fn forms_without_title_rows_are_still_found() {
    let clean = jixiao::parse(jixiao::SAMPLE);
    let mut lines = sample_lines();
    // Delete the title and year rows of form 2 (lines 23–24).
    lines.drain(22..24);
    let doc = jixiao::parse(&join(&lines));
    assert_eq!(doc.forms.len(), 30);
    assert_eq!(forms(&doc), forms(&clean));
    assert_eq!(codes(&doc), [d("inferred-year", 23, 23, Some(1))]);
    assert_eq!(doc.diagnostics[0].severity, Severity::Info);
}

#[test]
fn page_furniture_is_skipped_and_reported() {
    let clean = jixiao::parse(jixiao::SAMPLE);
    let mut lines = sample_lines();
    lines.insert(39, "第 2 页 共 30 页".to_owned()); // after 离休人员特需费's last row
    lines.insert(0, "- 1 -".to_owned());
    let doc = jixiao::parse(&join(&lines));
    assert_eq!(forms(&doc), forms(&clean));
    assert_eq!(
        codes(&doc),
        [
            d("page-furniture", 1, 1, None),
            d("page-furniture", 41, 41, Some(1)),
        ]
    );
}

#[test]
fn incomplete_and_label_only_rows() {
    let text = "财政项目支出绩效目标申报表\n(2026 年度)\n项目名称\t测试项目\n\
                绩效指标\t产出指标\t数量指标\t只有名称\n\
                \t\t质量指标\n\
                \t\t\t合格率\t≥90(%)\n";
    let doc = jixiao::parse(text);
    let f = &doc.forms[0];
    assert_eq!(f.indicators.len(), 1);
    assert_eq!(f.indicators[0].name, "合格率");
    assert_eq!(f.indicators[0].level2, Some(jixiao::Level2::Quality));
    assert_eq!(
        codes(&doc),
        [
            d("incomplete-indicator", 4, 4, Some(0)),
            d("empty-level", 5, 5, Some(0)),
            d("truncated-form", 1, 6, Some(0)),
        ]
    );
    assert!(doc.diagnostics[0].message.contains("只有名称"));
}

#[test]
fn duplicate_fields_keep_the_first() {
    let text = "财政项目支出绩效目标申报表\n项目名称\t甲\t项目名称\t乙\n";
    let doc = jixiao::parse(text);
    assert_eq!(doc.forms[0].project.name.as_deref(), Some("甲"));
    let dup = &doc.diagnostics[0];
    assert_eq!(dup.code, Code::DuplicateField);
    assert_eq!(dup.span.unwrap().start_col, 13);
    assert!(dup.message.contains("\"乙\""));
}

#[test]
fn unexpected_cells_are_named() {
    let text = "财政项目支出绩效目标申报表\n项目名称\t甲\t多余的格\n";
    let doc = jixiao::parse(text);
    assert_eq!(doc.forms[0].project.name.as_deref(), Some("甲"));
    assert_eq!(doc.diagnostics[0].code, Code::UnexpectedCell);
    assert!(doc.diagnostics[0].message.contains("多余的格"));
}

#[test]
fn inline_labels_and_other_units() {
    let text = "财政项目支出绩效目标申报表\n(2026年度)\n项目名称：测试\n\
                项目资金（万元）\t项目资金总额：120.5\t年度资金申请总额：12.5\n\
                \t其中：财政资金\t100\t其中：当年财政拨款\t10.0\n\
                \t\t\t上年结转资金\t2.5\n\
                \t其他资金\t20.5\t其他资金\t0\n";
    let doc = jixiao::parse(text);
    let f = &doc.forms[0];
    assert_eq!(f.project.name.as_deref(), Some("测试"));
    let m = &f.funding;
    assert_eq!(m.unit.as_deref(), Some("万元"));
    let s = |d: Option<jixiao::Decimal>| d.map(|d| d.to_string());
    assert_eq!(s(m.project_total).as_deref(), Some("120.5"));
    assert_eq!(s(m.project_fiscal).as_deref(), Some("100"));
    assert_eq!(s(m.project_other).as_deref(), Some("20.5"));
    assert_eq!(s(m.annual_total).as_deref(), Some("12.5"));
    assert_eq!(s(m.annual_appropriation).as_deref(), Some("10.0"));
    assert_eq!(s(m.annual_carryover).as_deref(), Some("2.5"));
    assert_eq!(s(m.annual_other).as_deref(), Some("0"));
}

#[test]
fn a_lone_other_funds_cell_is_placed_by_column() {
    let text = "财政项目支出绩效目标申报表\n项目名称\t测试\n\
                项目资金(元)\t项目资金总额:\t\t年度资金申请总额:\t5.00\n\
                \t\t\t其他资金\t5.00\n\
                \t其他资金\t7.00\n";
    let doc = jixiao::parse(text);
    let m = &doc.forms[0].funding;
    assert_eq!(
        m.annual_other.map(|d| d.to_string()).as_deref(),
        Some("5.00")
    );
    assert_eq!(
        m.project_other.map(|d| d.to_string()).as_deref(),
        Some("7.00")
    );
}

#[test]
fn goals_are_placed_by_position() {
    let head =
        "财政项目支出绩效目标申报表\n项目名称\t测试\n项目绩效目标\t项目总目标\t\t年度总体目标\t\n";
    // Two texts on one row: project, then annual.
    let doc = jixiao::parse(&format!("{head}\t总目标文字\t\t年度文字\t\n"));
    assert_eq!(doc.forms[0].goals.project.as_deref(), Some("总目标文字"));
    assert_eq!(doc.forms[0].goals.annual.as_deref(), Some("年度文字"));
    // A lone text in the project column, wrapped over two rows.
    let doc = jixiao::parse(&format!("{head}\t第一段\t\t\t\n\t第二段 end\t\t\t\n"));
    assert_eq!(
        doc.forms[0].goals.project.as_deref(),
        Some("第一段第二段 end")
    );
    assert_eq!(doc.forms[0].goals.annual, None);
    // A copy-paste of the table: the merged 项目绩效目标 cell is absent from the
    // text row, so its fields shift right by one.
    let pasted =
        "财政项目支出绩效目标申报表\n项目名称\t测试\n项目绩效目标\t项目总目标\t年度总体目标\n";
    let doc = jixiao::parse(&format!("{pasted}\t年度文字\n"));
    assert_eq!(doc.forms[0].goals.annual.as_deref(), Some("年度文字"));
    assert_eq!(doc.forms[0].goals.project, None);
    let doc = jixiao::parse(&format!("{pasted}总目标文字\t\n"));
    assert_eq!(doc.forms[0].goals.project.as_deref(), Some("总目标文字"));
    // Midway between the columns (field 2 of 1 and 3): reported, taken as annual.
    let doc = jixiao::parse(&format!("{head}\t\t居中文字\t\t\n"));
    assert_eq!(doc.forms[0].goals.annual.as_deref(), Some("居中文字"));
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == Code::AmbiguousGoal && d.span.unwrap().start_line == 4));
}

#[test]
fn level1_is_inferred_only_when_never_written() {
    let text = "财政项目支出绩效目标申报表\n项目名称\t测试\n\
                绩效指标\t数量指标\t次数\t=1(次)\n\
                \t效益指标\t社会效益指标\t影响\t明显\n\
                \t时效指标\t及时性\t及时\n";
    let doc = jixiao::parse(text);
    let inds = &doc.forms[0].indicators;
    assert_eq!(inds[0].level1, Some(jixiao::Level1::Output));
    assert_eq!(inds[1].level1, Some(jixiao::Level1::Benefit));
    // 时效指标 cannot sit under the carried-down 效益指标 (a lost row): the
    // level-1 follows the national tree, with a warning.
    assert_eq!(inds[2].level1, Some(jixiao::Level1::Output));
    assert_eq!(inds[2].level2, Some(jixiao::Level2::Timeliness));
    assert_eq!(doc.diagnostics[0].code, Code::InferredLevel1);
    assert_eq!(doc.diagnostics[0].span.unwrap().start_line, 3);
    assert_eq!(doc.diagnostics[1].code, Code::Level1Conflict);
    assert_eq!(doc.diagnostics[1].span.unwrap().start_line, 5);
    // A level-1 written on the row is kept as written, whatever its level-2.
    let written = "财政项目支出绩效目标申报表\n项目名称\t测试\n\
                   绩效指标\t效益指标\t时效指标\t及时性\t及时\n";
    let doc = jixiao::parse(written);
    assert_eq!(
        doc.forms[0].indicators[0].level1,
        Some(jixiao::Level1::Benefit)
    );
}

#[test]
fn legacy_cost_under_output_and_unknown_labels() {
    let text = "财政项目支出绩效目标申报表\n项目名称\t旧表\n\
                绩效指标\t产出指标\t成本指标\t人均成本\t≤100(元/人)\n\
                \t效益指标\t服务对象满意度指标\t满意度\t≥90%\n\
                \t\t工作量指标\t件数\t≥5件\n";
    let doc = jixiao::parse(text);
    let inds = &doc.forms[0].indicators;
    assert_eq!(inds[0].level1, Some(jixiao::Level1::Output));
    assert_eq!(inds[0].level2, Some(jixiao::Level2::Cost));
    assert_eq!(inds[1].level1, Some(jixiao::Level1::Benefit));
    assert_eq!(inds[1].level2, Some(jixiao::Level2::ServiceSatisfaction));
    assert_eq!(inds[2].level2, Some(jixiao::Level2::other("工作量指标")));
    assert_eq!(inds[2].target.unit.as_deref(), Some("件"));
}

#[test]
fn invalid_utf8_names_the_byte() {
    // Line 5 starts at byte 91 (two empty lines, the 87-byte title line and
    // an empty line); its 财 is 3 bytes, so byte 94 follows it.
    assert!(jixiao::SAMPLE[91..].starts_with("财政"));
    let mut bytes = jixiao::SAMPLE.as_bytes()[..94].to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice("尾".as_bytes());
    let err = jixiao::parse_bytes(&bytes).unwrap_err();
    assert_eq!(err.code(), Code::InvalidUtf8);
    assert!(err.to_string().contains("offset 94"), "{err}");
    assert_eq!((err.line(), err.column()), (Some(5), Some(2)));
}

#[test]
fn one_form_damage_never_moves_another() {
    // Each form in turn loses its 一级指标 heading and gains garbage; the
    // other 29 read exactly as before.
    let clean = jixiao::parse(jixiao::SAMPLE);
    let clean_forms = forms(&clean);
    for k in 0..30 {
        let span = clean.forms[k].span;
        let mut lines = sample_lines();
        lines.insert(span.start_line as usize + 2, "???".to_owned());
        let doc = jixiao::parse(&join(&lines));
        assert_eq!(doc.forms.len(), 30);
        for (i, f) in doc.forms.iter().enumerate() {
            if i != k {
                assert_eq!(
                    unspanned(f),
                    clean_forms[i],
                    "form {i} moved when form {k} was damaged"
                );
            }
        }
        assert!(doc.diagnostics.iter().all(|d| d.form == Some(k)));
        assert!(doc.diagnostics.iter().any(|d| d
            .span
            .is_some_and(|s| s.start_line == span.start_line as usize + 3)));
    }
}
