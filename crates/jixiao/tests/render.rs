//! The canonical renderer: `parse(render(doc))` reads back the same model.

mod common;

use common::{forms, unspanned};
use jixiao::{
    Comparison, Date, Decimal, Document, Form, Funding, Goals, Indicator, Level1, Level2, Project,
    Span, Target,
};
use proptest::prelude::*;

#[test]
fn sample_round_trips() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    let text = jixiao::render(&doc);
    let again = jixiao::parse(&text);
    assert_eq!(forms(&again), forms(&doc));
    assert_eq!(again.title, doc.title);
    assert!(again.diagnostics.is_empty(), "{:#?}", again.diagnostics);
    // Rendering is a fixed point after one round.
    assert_eq!(jixiao::render(&again), text);
}

#[test]
fn rendered_form_looks_like_the_sample() {
    let doc = jixiao::parse(jixiao::SAMPLE);
    let text = jixiao::render(&doc);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "上海市静安区人力资源和社会保障局 2026 年度项目绩效目标汇总表"
    );
    assert_eq!(lines[2], "财政项目支出绩效目标申报表\t\t\t\t\t");
    assert_eq!(lines[3], "(2026 年度)\t\t\t\t\t");
    assert_eq!(
        lines[4],
        "项目名称\t残疾人就业保障金\t项目性质\t经常性项目\t项目类别\t其他人员类"
    );
    assert_eq!(
        lines[7],
        "项目资金(元)\t项目资金总额:\t\t年度资金申请总额:\t109026.00\t"
    );
    // Carried levels are left blank, as in the sample.
    assert!(lines.contains(&"\t\t质量指标\t全额缴纳保障金年缴纳额\t=100.00(%)\t"));
}

// ---- generated models ----

fn cjk(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => (0x4e00u32..0x9fa5).prop_map(|c| char::from_u32(c).unwrap()),
            1 => prop::sample::select(vec!['、', '，', '（', '）', '《', '》', '“', '”', '-', '/']),
        ],
        min..=max,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Free text: CJK runs with the odd Latin word or number, single spaces.
fn free_text() -> impl Strategy<Value = String> {
    (
        cjk(1, 12),
        prop::collection::vec(prop_oneof![cjk(1, 10), "[a-z]{1,6}", "[0-9]{1,4}%?"], 0..4),
    )
        .prop_map(|(head, rest)| {
            let mut s = head;
            for part in rest {
                s.push(' ');
                s.push_str(&part);
            }
            s
        })
}

fn name(suffix: &'static [&'static str]) -> impl Strategy<Value = String> {
    (cjk(1, 10), prop::sample::select(suffix)).prop_map(|(a, b)| a + b)
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn date() -> impl Strategy<Value = Date> {
    (2000i32..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn level1() -> impl Strategy<Value = Level1> {
    let mut all = common::named_level1();
    all.push(Level1::other("投入指标"));
    prop::sample::select(all)
}

fn level2() -> impl Strategy<Value = Option<Level2>> {
    prop::option::of(prop_oneof![
        prop::sample::select(common::named_level2()),
        cjk(1, 6).prop_map(|s| Level2::other(s + "指标")),
    ])
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (
            prop::sample::select(vec!["≥", "≤", "=", ">", "<"]),
            decimal(),
            prop::sample::select(vec!["%", "元", "元/人/天", "人次", "个"]),
        )
            .prop_map(|(op, v, u)| Target::parse(&format!("{op}{v}({u})"))),
        prop::sample::select(vec!["及时", "按实", "安全送达目的地", "改善或提升程度明显"])
            .prop_map(Target::parse),
        cjk(1, 12).prop_map(|s| Target::parse(&s)),
    ]
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        level1(),
        level2(),
        name(&["率", "数", "性", "情况", "次数"]),
        target(),
    )
        .prop_map(|(l1, l2, name, target)| Indicator {
            level1: Some(l1),
            level2: l2,
            name: name.into(),
            target,
            span: Span {
                start_line: 0,
                end_line: 0,
                start_byte: 0,
                end_byte: 0,
            },
        })
}

fn form() -> impl Strategy<Value = Form> {
    let project = (
        name(&["经费", "补贴", "专项", "资金"]),
        prop::option::of(prop::sample::select(vec![
            "经常性项目",
            "阶段性项目",
            "一次性项目",
        ])),
        prop::option::of(prop::sample::select(vec![
            "特定目标类",
            "其他运转类",
            "其他人员类",
        ])),
        prop::option::of(name(&["局", "局(汇总)", "委员会"])),
        prop::option::of(name(&["局", "中心"])),
        prop::option::of(date()),
        prop::option::of(date()),
    )
        .prop_map(|(n, nat, cat, dep, imp, s, e)| Project {
            name: Some(n.into()),
            nature: nat.map(Into::into),
            category: cat.map(Into::into),
            department: dep.map(Into::into),
            implementer: imp.map(Into::into),
            start_date: s,
            end_date: e,
        });
    let funding = (
        prop::option::of(prop::sample::select(vec!["元", "万元"])),
        prop::collection::vec(prop::option::of(decimal()), 7),
    )
        .prop_map(|(unit, a)| Funding {
            unit: unit.map(Into::into),
            project_total: a[0],
            project_fiscal: a[1],
            project_other: a[2],
            annual_total: a[3],
            annual_appropriation: a[4],
            annual_carryover: a[5],
            annual_other: a[6],
        });
    let goals = (prop::option::of(free_text()), prop::option::of(free_text())).prop_map(
        |(project, annual)| Goals {
            project: project.map(Into::into),
            annual: annual.map(Into::into),
        },
    );
    (
        prop::option::of(2000i32..2100),
        project,
        funding,
        goals,
        prop::collection::vec(indicator(), 0..9),
    )
        .prop_map(|(year, mut project, funding, goals, indicators)| {
            if year.is_none() {
                // Without a year line the year is inferred from the start date.
                project.start_date = None;
            }
            Form {
                year,
                project,
                funding,
                goals,
                indicators,
                span: Span {
                    start_line: 0,
                    end_line: 0,
                    start_byte: 0,
                    end_byte: 0,
                },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_documents_round_trip(
        title in prop::option::of(cjk(2, 20).prop_map(|s| s + "汇总表")),
        forms_in in prop::collection::vec(form(), 1..5),
    ) {
        let doc = Document { title: title.map(Into::into), forms: forms_in, ..Document::default() };
        let text = jixiao::render(&doc);
        let back = jixiao::parse(&text);
        prop_assert!(!back.has_errors(), "{:#?}\n{}", back.diagnostics, text);
        prop_assert_eq!(&back.title, &doc.title);
        let want: Vec<Form> = doc.forms.iter().map(unspanned).collect();
        prop_assert_eq!(forms(&back), want, "{}", text);
    }

    #[test]
    fn comparisons_survive_rendering(op in prop::sample::select(vec![Comparison::Ge, Comparison::Le, Comparison::Eq]), v in decimal()) {
        let t = Target::parse(&format!("{}{v}(元)", op.symbol()));
        prop_assert_eq!(t.cmp, Some(op));
        prop_assert_eq!(t.value, Some(v));
    }
}

/// Found by the `render_roundtrip` fuzz target: a goal text that reads like a
/// page footer (`第 1 页共 3 页`) was written on a row of its own, which the
/// parser then skipped as page furniture.
#[test]
fn a_goal_that_looks_like_a_page_footer_round_trips() {
    let text =
        "\u{feff}第 1 页 共 3 页\n财政项目支出绩效目标申报表\t\t\t\t\t\n(2026 年度)\t\t\t\t\t\n\
                项目名称\t专业技术人员服务经费\t项目性质\t经常性项目\t项目类别\t特定目标类\n\
                项目绩效目标\t项目总目标\t\t年度总体目标\t\u{feff}第 1 页 \t\n\t\t共 3 页\n";
    let doc = jixiao::parse(text);
    assert_eq!(doc.forms[0].goals.annual.as_deref(), Some("第 1 页共 3 页"));
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(forms(&again), forms(&doc));
    // A row of several cells is never a page footer.
    let row = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n绩效指标\t产出指标\t数量指标\t第 1\t页\n",
    );
    assert_eq!(row.forms[0].indicators[0].name, "第 1");
    // A label of another part of the form in the goals header is not a goal.
    let odd = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n项目 绩效 目标\t项目总目标\t\t实施单位\t\n",
    );
    assert_eq!(odd.forms[0].goals.project, None);
    assert_eq!(odd.diagnostics[0].code, jixiao::Code::UnexpectedCell);
    let again = jixiao::parse(&jixiao::render(&odd));
    assert_eq!(forms(&again), forms(&odd));
    // An indicator named like a label (found by the fuzzer in a garbled form):
    // its levels are written out so the name is not read as a label.
    let garbled = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n绩效指标\t\t绤效 指标\t培训\t=1(次)\n\t\t绤效 指标\t成本指标\t按实\n",
    );
    assert_eq!(garbled.forms[0].indicators[1].name, "成本指标");
    let again = jixiao::parse(&jixiao::render(&garbled));
    assert_eq!(forms(&again), forms(&garbled));
}

/// Found by the `render_roundtrip` fuzz target: a goal text joined from
/// wrapped rows that, written back on one row, reads as a form title
/// (`…绩效目标申报表`) and would start a new form. It goes in the goals
/// header row, after its label.
#[test]
fn a_goal_that_reads_as_a_form_title_round_trips() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n项目绩效目标\t项目总目标\t\t年度总体目标\t\t\n\
         \t财政项目支出绩效目标申\t\t\t\t\n\t报表\t\t\t\t\n",
    );
    assert_eq!(
        doc.forms[0].goals.project.as_deref(),
        Some("财政项目支出绩效目标申报表")
    );
    let text = jixiao::render(&doc);
    assert!(text.contains("项目总目标\t财政项目支出绩效目标申报表\t年度总体目标"));
    let again = jixiao::parse(&text);
    assert_eq!(forms(&again), forms(&doc));
}

/// A goal text that is itself a goal label (`年度目标`, joined from two
/// wrapped rows) reads as the goals header on any row and as a label in the
/// header row: it is written as wrapped fragments again.
#[test]
fn a_goal_that_is_a_goal_label_round_trips() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n项目绩效目标\t项目总目标\t\t年度总体目标\t\t\n\
         \t\t\t年度\t\t\n\t\t\t目标\t\t\n",
    );
    assert_eq!(doc.forms[0].goals.annual.as_deref(), Some("年度目标"));
    assert_eq!(doc.forms[0].goals.project, None);
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(forms(&again), forms(&doc));
}

/// Found by the `render_roundtrip` fuzz target: a level-1 that the text named
/// only on a row without an indicator (an unknown `…指标` label before a
/// level-2), carried down to an indicator whose level-2 is also unknown. No
/// single row reads as that indicator; a row that sets the level-1 is
/// written before it.
#[test]
fn a_level1_named_only_on_a_row_without_indicator_round_trips() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n绩效指标\t成本指标\t经济成本指标\t培训\t按实\n\
         \t新增指标\t数量指标\t备注\t\n\t\t其他指标\t人数\t=1(人)\t\n",
    );
    let ind = &doc.forms[0].indicators[1];
    assert_eq!(ind.level1, Some(Level1::other("新增指标")));
    assert_eq!(ind.level2, Some(Level2::other("其他指标")));
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(forms(&again), forms(&doc));
}

/// The one kind of parsed document that cannot round-trip (and that the fuzz
/// target leaves out): an indicator whose level labels, name and target are
/// all headings of the indicator table, read from a garbled heading row.
/// Written on a row it is the table's heading row, which holds no indicator.
#[test]
fn an_indicator_made_of_table_headings_is_the_known_exception() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n\t一级指标\t二级指标\t三级指标\t指标值\n\
         \t一级指标\t二级指标\t三级指标\t乱码\t指标值\n",
    );
    let ind = &doc.forms[0].indicators[0];
    assert_eq!(ind.level1, Some(Level1::other("一级指标")));
    assert_eq!(ind.level2, Some(Level2::other("二级指标")));
    assert_eq!(
        (ind.name.as_str(), ind.target.raw.as_str()),
        ("三级指标", "指标值")
    );
    assert!(ind.is_heading_only());
    let again = jixiao::parse(&jixiao::render(&doc));
    assert!(again.forms[0].indicators.is_empty());
}

/// Found by the `render_roundtrip` fuzz target: a garbled heading row
/// (`一级指标 二级指标 万标 年度(/项目)指标值`) under an unknown level-1 carried
/// down. It used to be read as level-2 `一级指标`, name `二级指标` — which no
/// row can write, since without the carried level-1 it is the heading row.
/// Two unknown labels before a name and a target are level-1 and level-2,
/// so the row reads (and writes back) as exactly that.
#[test]
fn two_unknown_labels_before_a_name_are_level1_and_level2() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n\t一级指标\t二级指标\t三级指标\t指标值\n\
         (产出指标\t数量指标\t次数\t≥2.00(次)\n\
         \t一级指标\t二级指标\t万标\t年度(/项目)指标值\n",
    );
    let inds = &doc.forms[0].indicators;
    assert_eq!(inds.len(), 2);
    assert_eq!(inds[0].level1, Some(Level1::other("(产出指标")));
    assert_eq!(inds[0].level2, Some(Level2::Quantity));
    assert_eq!(inds[1].level1, Some(Level1::other("一级指标")));
    assert_eq!(inds[1].level2, Some(Level2::other("二级指标")));
    assert_eq!(
        (inds[1].name.as_str(), inds[1].target.raw.as_str()),
        ("万标", "年度(/项目)指标值")
    );
    // Nothing on the rows is left over (the form itself is a fragment).
    let codes: Vec<_> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["truncated-form"]);
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(forms(&again), forms(&doc));

    // Unknown labels both written on a row under a carried level-1.
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名称\t甲\n\
         绩效指标\t产出指标\t数量指标\t次数\t≥2.00(次)\n\
         \t新增指标\t其他指标\t人数\t=1(人)\n",
    );
    let ind = &doc.forms[0].indicators[1];
    assert_eq!(ind.level1, Some(Level1::other("新增指标")));
    assert_eq!(ind.level2, Some(Level2::other("其他指标")));
    assert_eq!(ind.name, "人数");
    let again = jixiao::parse(&jixiao::render(&doc));
    assert_eq!(forms(&again), forms(&doc));
}

/// Found by the `render_roundtrip` fuzz target: `项目名:项目名:指标` is the
/// label 项目名 with the inline value `项目名:指标`. Written as the value cell
/// after `项目名称`, that value was read back as a label with the value `指标`.
/// The renderer now writes such a value inline after its label.
#[test]
fn project_values_that_read_as_labels_round_trip() {
    let doc = jixiao::parse(
        "财政项目支出绩效目标申报表\n项目名:项目名:指标\t项目性质:项目类别\t主管部门：实施单位：某局\n",
    );
    let p = &doc.forms[0].project;
    assert_eq!(p.name.as_deref(), Some("项目名:指标"));
    assert_eq!(p.nature.as_deref(), Some("项目类别"));
    assert_eq!(p.department.as_deref(), Some("实施单位：某局"));
    let text = jixiao::render(&doc);
    assert!(text.contains("项目名称：项目名:指标\t"), "{text}");
    assert!(text.contains("项目性质：项目类别\t"), "{text}");
    let again = jixiao::parse(&text);
    assert_eq!(forms(&again), forms(&doc));
    // Values that do not read as labels keep the sample's two cells.
    let sample = jixiao::render(&jixiao::parse(jixiao::SAMPLE));
    assert!(!sample.contains("项目名称："));
}
