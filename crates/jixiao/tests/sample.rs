//! Golden expectations on the real sample (`fixtures/jingan-hrss-2026.txt`).
//!
//! Every expected value below was written by reading the source text line by
//! line (line numbers are given), not copied from the parser's output. The
//! remaining forms are covered by the reviewed snapshot in `snapshot.rs`.

use std::str::FromStr;

use jixiao::{Comparison, Date, Decimal, Document, Form, Level1, Level2, TargetKind};

fn sample() -> Document {
    jixiao::parse(jixiao::SAMPLE)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn form<'a>(doc: &'a Document, name: &str) -> &'a Form {
    doc.forms
        .iter()
        .find(|f| f.project.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no form named {name}"))
}

/// (line, level1, level2, name, raw target)
type Row<'a> = (u32, &'a str, &'a str, &'a str, &'a str);

fn assert_rows(form: &Form, rows: &[Row<'_>]) {
    let got: Vec<(u32, String, String, String, String)> = form
        .indicators
        .iter()
        .map(|i| {
            (
                i.span.start_line,
                i.level1
                    .as_ref()
                    .map(|l| l.label().to_owned())
                    .unwrap_or_default(),
                i.level2
                    .as_ref()
                    .map(|l| l.label().to_owned())
                    .unwrap_or_default(),
                i.name.to_string(),
                i.target.raw.to_string(),
            )
        })
        .collect();
    let want: Vec<(u32, String, String, String, String)> = rows
        .iter()
        .map(|(l, a, b, c, d)| {
            (
                *l,
                (*a).to_owned(),
                (*b).to_owned(),
                (*c).to_owned(),
                (*d).to_owned(),
            )
        })
        .collect();
    assert_eq!(got, want, "indicators of {:?}", form.project.name);
}

/// Fields every one of the 30 sample forms shares (checked against each form's
/// rows in the text: all are 经常性项目 for 2026, with blank whole-project funding,
/// no 项目总目标, and 上年结转资金/其他资金 of 0.00).
fn assert_common(form: &Form, category: &str, annual: &str) {
    let p = &form.project;
    assert_eq!(form.year, Some(2026));
    assert_eq!(p.nature.as_deref(), Some("经常性项目"));
    assert_eq!(p.category.as_deref(), Some(category));
    assert_eq!(
        p.implementer.as_deref(),
        Some("上海市静安区人力资源和社会保障局")
    );
    assert_eq!(p.start_date, Date::new(2026, 1, 1));
    assert_eq!(p.end_date, Date::new(2026, 12, 31));
    let f = &form.funding;
    assert_eq!(f.unit.as_deref(), Some("元"));
    assert_eq!(f.project_total, None);
    assert_eq!(f.project_fiscal, None);
    assert_eq!(f.project_other, None);
    assert_eq!(f.annual_total, Some(dec(annual)));
    assert_eq!(f.annual_appropriation, Some(dec(annual)));
    assert_eq!(f.annual_carryover, Some(dec("0.00")));
    assert_eq!(f.annual_other, Some(dec("0.00")));
    assert_eq!(form.goals.project, None);
}

#[test]
fn totals() {
    let doc = sample();
    assert_eq!(doc.forms.len(), 30);
    assert_eq!(doc.indicator_count(), 177);
    let total: Decimal = doc
        .forms
        .iter()
        .filter_map(|f| f.funding.annual_total)
        .sum();
    assert_eq!(total, dec("499010781.00"));
    assert_eq!(total.to_string(), "499010781.00");
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    assert_eq!(
        doc.title.as_deref(),
        Some("上海市静安区人力资源和社会保障局 2026 年度项目绩效目标汇总表")
    );
}

#[test]
fn every_form_shares_the_common_fields() {
    let doc = sample();
    for form in &doc.forms {
        let cat = form.project.category.clone().unwrap();
        let annual = form.funding.annual_total.unwrap().to_string();
        assert_common(form, &cat, &annual);
        assert!(form.goals.annual.as_deref().is_some_and(|g| !g.is_empty()));
        assert!(form.indicators.len() >= 4);
    }
    // 项目类别 as counted in the text: 3 其他人员类 (lines 7, 25, 340),
    // 1 其他运转类 (line 136), the other 26 特定目标类.
    let count = |c: &str| {
        doc.forms
            .iter()
            .filter(|f| f.project.category.as_deref() == Some(c))
            .count()
    };
    assert_eq!(count("其他人员类"), 3);
    assert_eq!(count("其他运转类"), 1);
    assert_eq!(count("特定目标类"), 26);
}

#[test]
fn form_spans_follow_the_headers() {
    let doc = sample();
    // Header lines of the 30 forms, read off the text.
    let starts = [
        5, 23, 41, 60, 78, 97, 116, 134, 152, 170, 187, 206, 226, 245, 263, 281, 300, 319, 338,
        356, 375, 399, 418, 437, 460, 479, 499, 517, 535, 554,
    ];
    let got: Vec<u32> = doc.forms.iter().map(|f| f.span.start_line).collect();
    assert_eq!(got, starts);
    assert_eq!(doc.forms[29].span.end_line, 570);
    assert_eq!(doc.forms[0].span.end_line, 21);
}

#[test]
fn dangjian_jingfei() {
    // Lines 41–58.
    let doc = sample();
    let f = form(&doc, "党建经费");
    assert_common(f, "特定目标类", "200000.00");
    assert_eq!(
        f.project.department.as_deref(),
        Some("上海市静安区人力资源和社会保障局(汇总)")
    );
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("以党的路线方针政策为指导, 以提升党组织的凝聚力和战斗力为核心, 全面加强党的建设, 为局系统持续健康发展提供有力保障。")
    );
    assert_eq!((f.span.start_line, f.span.end_line), (41, 58));
    assert_rows(
        f,
        &[
            (
                53,
                "成本指标",
                "经济成本指标",
                "培训经济成本",
                "≤130.00(元/人/天)",
            ),
            // Line 54: 产出指标 sits one column right, in the 二级 column.
            (54, "产出指标", "数量指标", "培训次数", "=8.00(次)"),
            // Lines 55–56: 质量指标/时效指标 sit in the 一级 column.
            (55, "产出指标", "质量指标", "培训活动完成率", "=100.00(%)"),
            (56, "产出指标", "时效指标", "培训活动完成及时性", "及时"),
            (
                57,
                "效益指标",
                "社会效益指标",
                "党建活动参与率",
                "=100.00(%)",
            ),
            // Line 58 starts directly with 满意度指标.
            (
                58,
                "满意度指标",
                "服务对象满意度指标",
                "参训人员满意率",
                "≥95.00(%)",
            ),
        ],
    );
    let t = &f.indicators[0].target;
    assert_eq!(t.kind, TargetKind::Quantitative);
    assert_eq!(t.cmp, Some(Comparison::Le));
    assert_eq!(t.value, Some(dec("130.00")));
    assert_eq!(t.value.unwrap().scale(), 2);
    assert_eq!(t.unit.as_deref(), Some("元/人/天"));
    assert_eq!(t.text(), None);
    let q = &f.indicators[3].target;
    assert_eq!(q.kind, TargetKind::Qualitative);
    assert_eq!(q.text(), Some("及时"));
    assert_eq!((q.cmp, q.value, q.unit.as_deref()), (None, None, None));
}

#[test]
fn canji_ren_jiuye_baozhangjin() {
    // Lines 5–21: the first form, after the document title on line 3.
    let doc = sample();
    let f = &doc.forms[0];
    assert_eq!(f.project.name.as_deref(), Some("残疾人就业保障金"));
    assert_common(f, "其他人员类", "109026.00");
    // Line 8 has a space before (汇总); the text keeps it.
    assert_eq!(
        f.project.department.as_deref(),
        Some("上海市静安区人力资源和社会保障局 (汇总)")
    );
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("按时足额拨付残疾人就业保障金。")
    );
    assert_rows(
        f,
        &[
            (
                17,
                "成本指标",
                "经济成本指标",
                "根据用人单位上年度社会保险费缴费基数之和,按比例征缴",
                "按实",
            ),
            (
                18,
                "产出指标",
                "数量指标",
                "根据用人单位上年度社会保险费缴费基数之和,按比例一次缴纳",
                "=1.00(次)",
            ),
            (
                19,
                "产出指标",
                "质量指标",
                "全额缴纳保障金年缴纳额",
                "=100.00(%)",
            ),
            (20, "产出指标", "时效指标", "按年度一次及时缴纳", "及时"),
            (
                21,
                "效益指标",
                "可持续影响指标",
                "配合保障金有关部门要求",
                "积极配合",
            ),
        ],
    );
}

#[test]
fn sanglao_renyuan_butie_jingfei() {
    // Lines 206–224.
    let doc = sample();
    let f = form(&doc, "丧劳人员补贴经费");
    assert_common(f, "特定目标类", "960000.00");
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("按相关政策要求发放失业丧劳人员补贴实施救助, 保障失业丧劳特困人员、完丧失业人员的基本生活。")
    );
    assert_rows(
        f,
        &[
            (
                218,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤960000.00(元)",
            ),
            (219, "产出指标", "数量指标", "补贴街覆盖镇数", "=14.00(个)"),
            // Line 220: both levels blank, carried down.
            (220, "产出指标", "数量指标", "补贴发放覆盖情况", "=3.00(项)"),
            (221, "产出指标", "质量指标", "补贴发放准确性", "准确"),
            // Line 222: 时效指标 in the 一级 column.
            (222, "产出指标", "时效指标", "资金发放及时率", "=100.00(%)"),
            (
                223,
                "效益指标",
                "社会效益指标",
                "补贴对象应享尽享",
                "=100.00(%)",
            ),
            (
                224,
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "≥85.00(%)",
            ),
        ],
    );
}

#[test]
fn quji_jiuye_buzhu_zijin() {
    // Lines 375–397: six 三级指标 under one 数量指标.
    let doc = sample();
    let f = form(&doc, "区级就业补助资金");
    assert_common(f, "特定目标类", "46230940.00");
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("坚持贯彻实施就业优先政策, 发放各项补贴, 大力促进就业创业, 努力实现失业人员实现再就业人数 6800 人; 就业困难人员实现再就业人数 2400 人; 创业帮扶(户) 700 户; 实现离校未就业高校毕业生帮扶就业率超过 90%。")
    );
    assert_rows(
        f,
        &[
            (
                387,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤46230940.00(元)",
            ),
            (388, "产出指标", "数量指标", "补贴发放项目数", "=31.00(项)"),
            (389, "产出指标", "数量指标", "补贴街镇数", "=14.00(个)"),
            (
                390,
                "产出指标",
                "数量指标",
                "失业人员实现再就业人数",
                "≥6800.00(人)",
            ),
            (
                391,
                "产出指标",
                "数量指标",
                "就业困难人员实现再就业人数",
                "≥2400.00(人)",
            ),
            (
                392,
                "产出指标",
                "数量指标",
                "离校未就业毕业生实现就业比例",
                "≥90.00(%)",
            ),
            (393, "产出指标", "数量指标", "创业帮扶(户)", "≥700.00(户)"),
            (394, "产出指标", "质量指标", "补贴资金准确性", "准确"),
            (395, "产出指标", "时效指标", "补贴发放及时性", "及时"),
            (
                396,
                "效益指标",
                "社会效益指标",
                "长效机制",
                "制定促进就业中长期规划",
            ),
            (
                397,
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "≥85.00(%)",
            ),
        ],
    );
    let creation = &f.indicators[6].target;
    assert_eq!(creation.cmp, Some(Comparison::Ge));
    assert_eq!(creation.value, Some(dec("700.00")));
    assert_eq!(creation.unit.as_deref(), Some("户"));
}

#[test]
fn zhiye_jineng_peixun_guanli_jingfei() {
    // Lines 479–497: two 质量 rows, 时效指标 in the 一级 column.
    let doc = sample();
    let f = form(&doc, "职业技能培训管理经费");
    assert_common(f, "特定目标类", "2325000.00");
    assert!(f
        .goals
        .annual
        .as_deref()
        .unwrap()
        .starts_with("开展高技能人才评选与培养, 围绕世界技能大赛参与市级相关竞赛活动,"));
    assert!(f
        .goals
        .annual
        .as_deref()
        .unwrap()
        .ends_with("推动本区民办培训机构规范运行, 高质量发展。"));
    assert_rows(
        f,
        &[
            (
                491,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤2325000.00(元)",
            ),
            (492, "产出指标", "数量指标", "开展区级竞赛活动", "≥1.00(场)"),
            (
                493,
                "产出指标",
                "质量指标",
                "区级竞赛活动开展有效性",
                "有效",
            ),
            (
                494,
                "产出指标",
                "质量指标",
                "督导班级质量监管有效性",
                "有效",
            ),
            (495, "产出指标", "时效指标", "工作完成及时性", "及时"),
            (
                496,
                "效益指标",
                "可持续影响指标",
                "长效管理机制",
                "高技能队伍建设完善",
            ),
            (
                497,
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "≥85.00(%)",
            ),
        ],
    );
}

#[test]
fn linshixing_gongyixing_gangwei_butie() {
    // Lines 418–435.
    let doc = sample();
    let f = form(&doc, "临时性公益性岗位补贴");
    assert_common(f, "特定目标类", "61790000.00");
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("2025 年内阶段性新设一批临时性公益性岗位, 用于安置“临时性就业困难人员”, 发挥就业保障作用。开发 1400 个临时性公益性岗位, 包括能力拓展岗 900 个及基础过渡岗 500 个, 实现人岗匹配。补贴资金分别于 2025 年和 2026 年兑现。")
    );
    assert_rows(
        f,
        &[
            (
                430,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤61790000.00(元)",
            ),
            (431, "产出指标", "数量指标", "开发岗位数", "≤1400.00(个)"),
            (432, "产出指标", "质量指标", "补贴资金准确性", "准确"),
            (433, "产出指标", "时效指标", "补贴资金及时性", "及时"),
            (434, "效益指标", "社会效益指标", "就业形势稳定", "保持平稳"),
            (
                435,
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "≥85.00(%)",
            ),
        ],
    );
    let t = &f.indicators[1].target;
    assert_eq!(
        (t.cmp, t.value, t.unit.as_deref()),
        (Some(Comparison::Le), Some(dec("1400.00")), Some("个"))
    );
}

#[test]
fn bingtuan_zhufang_jiekun_buzhu_fullwidth_labels() {
    // Lines 263–279: full-width （）and ：in labels and values.
    let doc = sample();
    let f = form(&doc, "新疆兵团回沪人员住房解困补助（市级）");
    assert_common(f, "特定目标类", "40000.00");
    assert_eq!(
        f.project.department.as_deref(),
        Some("上海市静安区人力资源和社会保障局（汇总）")
    );
    assert_eq!(
        f.goals.annual.as_deref(),
        Some("发放新疆兵团回沪人员住房解困补助")
    );
    assert_rows(
        f,
        &[
            (
                275,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤40000.00(元)",
            ),
            (276, "产出指标", "数量指标", "发放补贴项目数", "=1.00(项)"),
            (277, "产出指标", "质量指标", "发放补贴合规性", "合规"),
            (278, "产出指标", "时效指标", "发放补贴及时性", "及时"),
            (
                279,
                "效益指标",
                "社会效益指标",
                "维护社会稳定",
                "维护社会稳定",
            ),
        ],
    );
}

#[test]
fn zhuanye_jishu_renyuan_fuwu_jingfei() {
    // Lines 60–76: a cost written with ≥, satisfaction under 社会效益.
    let doc = sample();
    let f = form(&doc, "专业技术人员服务经费");
    assert_common(f, "特定目标类", "1162000.00");
    assert!(f
        .goals
        .annual
        .as_deref()
        .unwrap()
        .contains("(沪人〔2001〕129号), 关心慰问本区享受政府特殊津贴专家"));
    assert_rows(
        f,
        &[
            (
                72,
                "成本指标",
                "经济成本指标",
                "专家慰问金额",
                "≥240000.00(元)",
            ),
            (73, "产出指标", "数量指标", "专家慰问次数", "≥2.00(次)"),
            (
                74,
                "产出指标",
                "质量指标",
                "清华大学研究生实践安排科学性",
                "科学",
            ),
            (75, "产出指标", "时效指标", "工作完成及时率", "=100.00(%)"),
            (
                76,
                "效益指标",
                "社会效益指标",
                "专家对服务满意度",
                "进一步提升",
            ),
        ],
    );
}

#[test]
fn shanglao_jianding_jingfei_year_without_space() {
    // Lines 226–243: "(2026年度)" without a space.
    let doc = sample();
    let f = form(&doc, "伤劳鉴定经费");
    assert_common(f, "特定目标类", "453000.00");
    assert_rows(
        f,
        &[
            (
                238,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤453000.00(元)",
            ),
            (239, "产出指标", "数量指标", "鉴定人数", "=1800.00(人)"),
            (240, "产出指标", "质量指标", "初次鉴定准确率", "≥95.00(%)"),
            (241, "产出指标", "时效指标", "60日内作出结论", "=100.00(%)"),
            (
                242,
                "效益指标",
                "社会效益指标",
                "依法享受等级待遇",
                "=100.00(%)",
            ),
            (
                243,
                "满意度指标",
                "服务对象满意度指标",
                "服务对象未因对鉴定结论不满意提出再次鉴定",
                "≥80.00(%)",
            ),
        ],
    );
}

#[test]
fn bole_jiang_last_line_without_newline() {
    // Lines 554–570; the file's last line (570) has no line terminator.
    let doc = sample();
    let f = doc.forms.last().unwrap();
    assert_eq!(f.project.name.as_deref(), Some("伯乐奖匹配资金"));
    assert_common(f, "特定目标类", "3000000.00");
    assert_rows(
        f,
        &[
            (
                566,
                "成本指标",
                "经济成本指标",
                "项目总成本",
                "≤3000000.00(元)",
            ),
            (567, "产出指标", "数量指标", "奖励项目数", "=1.00(项)"),
            (568, "产出指标", "质量指标", "奖励资金发放准确性", "准确"),
            (569, "产出指标", "时效指标", "奖励资金发放及时性", "及时"),
            (
                570,
                "效益指标",
                "社会效益指标",
                "引导人力资源服务机构聚集更多优秀人才",
                "引导优秀人才聚集",
            ),
        ],
    );
}

#[test]
fn target_statistics_match_the_domain_notes() {
    // domain.md counts over the 30 forms: 37 "=", 37 "≥", 27 "≤".
    let doc = sample();
    let targets: Vec<_> = doc
        .forms
        .iter()
        .flat_map(|f| f.indicators.iter().map(|i| &i.target))
        .collect();
    let count = |c: Comparison| targets.iter().filter(|t| t.cmp == Some(c)).count();
    assert_eq!(count(Comparison::Eq), 37);
    assert_eq!(count(Comparison::Ge), 37);
    assert_eq!(count(Comparison::Le), 27);
    let qualitative = targets
        .iter()
        .filter(|t| t.kind == TargetKind::Qualitative)
        .count();
    assert_eq!(qualitative, 177 - 37 - 37 - 27);
    // Every quantitative target in the sample has a unit in parentheses.
    assert!(targets
        .iter()
        .filter(|t| t.kind == TargetKind::Quantitative)
        .all(|t| t.unit.is_some()));
}

#[test]
fn level_labels_are_normalised_everywhere() {
    let doc = sample();
    for f in &doc.forms {
        for i in &f.indicators {
            let l1 = i.level1.clone().expect("every sample row has a level 1");
            let l2 = i.level2.clone().expect("every sample row has a level 2");
            assert!(!matches!(l1, Level1::Other(_)), "{l1:?}");
            assert!(!matches!(l2, Level2::Other(_)), "{l2:?}");
        }
    }
    // 可持续影响指标 appears in 4 forms (domain notes).
    let sustainable = doc
        .forms
        .iter()
        .filter(|f| {
            f.indicators
                .iter()
                .any(|i| i.level2 == Some(Level2::SustainableImpact))
        })
        .count();
    assert_eq!(sustainable, 4);
    // 13 forms have no 满意度指标 (domain notes §4).
    let without_satisfaction = doc
        .forms
        .iter()
        .filter(|f| {
            !f.indicators
                .iter()
                .any(|i| i.level1 == Some(Level1::Satisfaction))
        })
        .count();
    assert_eq!(without_satisfaction, 13);
}
