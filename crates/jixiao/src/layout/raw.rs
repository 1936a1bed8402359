//! Text in `pdftotext`'s default mode ([`Layout::Plain`](super::Layout::Plain)):
//! one text block per paragraph, blocks in an order that follows columns
//! rather than rows. Only what a block says about itself is read:
//!
//! - **A label and its value in one block.** A block that holds one project
//!   label (whole, or wrapped into pieces: `计划开始` / `2026-01-01` / `日期`)
//!   and other text: that text is the label's value, if it has the value's
//!   shape and its lines are those of one wrapped cell (all but the last as
//!   wide as the widest).
//! - **Values with a unique shape.** When no block pairs them with their
//!   label, the form's only `…项目` block is its 项目性质, its only short
//!   `…类` block its 项目类别, and of its only two dates the earlier is the
//!   start and the later the end (a plan never ends before it starts).
//! - **Amounts right after their label.** An amount that directly follows a
//!   项目资金 label in reading order is that label's, when both are in one
//!   block or each is alone in its block (a block of labels followed by a
//!   block of amounts is two columns, not pairs). `其他资金` names two
//!   cells (the project's and the year's) and the order does not say which,
//!   so its amounts are not read.
//! - **Indicator rows.** Past the table heading, level labels are set aside;
//!   a block that is a whole row (a name centred on its target, as in
//!   [`flow`](super::flow)) is read as one, and a block that is a name
//!   followed by a block that is a target make a row. The levels, whose
//!   labels come out of order, are not read.
//!
//! - **A goal under its label.** A block that starts with `年度总体目标` (or
//!   `项目总目标`) alone on its line and holds no other label: the rest of
//!   the block is that goal's text.
//!
//! Levels, goals in blocks shared with other labels and whatever does not fit
//! these rules are left empty and reported (`unread-in-layout`), never
//! guessed.

use crate::grammar::value::{parse_amount, parse_date, parse_year_line};
use crate::text::{self, label_key, Line};
use crate::vocab;

use super::flow::{
    find_labels, is_quantitative, join_all, row_cost, shape_ok, target_ok, tokens, Read, Shape,
    PROJECT_LABELS, TABLE_LABELS,
};

/// A block: consecutive non-blank lines.
#[derive(Debug, Clone)]
struct Para {
    /// Source line indices.
    lines: Vec<usize>,
    toks: Vec<Vec<String>>,
}

impl Para {
    fn first(&self) -> usize {
        self.lines.first().copied().unwrap_or(0)
    }
    fn last(&self) -> usize {
        self.lines.last().copied().unwrap_or(0)
    }
    /// The block's text, lines joined as wrapped text.
    fn text(&self) -> String {
        let lines: Vec<String> = self.toks.iter().map(|l| l.join(" ")).collect();
        join_all(lines.iter().map(String::as_str))
    }
}

/// The most blocks one form may have for the reader to try (adversarial input).
const MAX_PARAS: usize = 5_000;

/// Read a whole text in pdftotext's default mode.
pub(crate) fn read(lines: &[Line<'_>]) -> Read {
    let mut out = Read::default();
    let mut form: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    let mut preamble = true;
    let mut has_name = false;
    let flush = |cur: &mut Option<Para>, form: &mut Vec<Para>| {
        if let Some(p) = cur.take() {
            form.push(p);
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if preamble {
            match super::flow::preamble_row(line) {
                Some(cells) => {
                    out.push(cells, [i]);
                    continue;
                }
                None => preamble = false,
            }
        }
        if line.is_blank() {
            flush(&mut cur, &mut form);
            continue;
        }
        let t = text::trim(line.text);
        let key = label_key(t);
        let header = vocab::is_form_header(&key);
        let year = parse_year_line(t).is_some();
        let furniture = crate::grammar::header::is_page_furniture(line.text);
        if header || year || furniture {
            flush(&mut cur, &mut form);
            if header && !form.is_empty() {
                form_body(&form, &mut out);
                form.clear();
            }
            has_name &= !header;
            out.push(vec![t.to_owned()], [i]);
            continue;
        }
        // A second 项目名称 starts a form whose title rows were lost.
        if super::flow::has_name_label(t) {
            if has_name {
                flush(&mut cur, &mut form);
                form_body(&form, &mut out);
                form.clear();
            }
            has_name = true;
        }
        let p = cur.get_or_insert_with(|| Para {
            lines: Vec::new(),
            toks: Vec::new(),
        });
        p.lines.push(i);
        p.toks.push(tokens(t));
    }
    flush(&mut cur, &mut form);
    if !form.is_empty() {
        form_body(&form, &mut out);
    }
    out
}

fn form_body(paras: &[Para], out: &mut Read) {
    let first = paras.first().map_or(0, Para::first);
    let last = paras.last().map_or(0, Para::last);
    if paras.len() > MAX_PARAS {
        out.unread(
            first,
            last,
            "the form was not read: too many text blocks".to_owned(),
        );
        return;
    }
    let table = paras
        .iter()
        .position(|p| {
            p.toks
                .iter()
                .flatten()
                .any(|t| vocab::is_table_heading(&label_key(t)))
        })
        .unwrap_or(paras.len());
    project(&paras[..table], out);
    funding(&paras[..table], out);
    goals(&paras[..table], out);
    indicators(&paras[table..], out);
}

// ---------------------------------------------------------------------------
// Project rows.

const SHAPES: [Shape; 7] = [
    Shape::Free,
    Shape::Nature,
    Shape::Category,
    Shape::Free,
    Shape::Free,
    Shape::Date,
    Shape::Date,
];

fn project(paras: &[Para], out: &mut Read) {
    let mut values: [Option<String>; 7] = Default::default();
    let mut conflict = [false; 7];
    let mut labelled = vec![false; paras.len()];
    let mut seen = [false; 7];
    for (pi, p) in paras.iter().enumerate() {
        let (occs, used) = find_labels(&p.toks, &PROJECT_LABELS, 2, false);
        // Synonyms written whole.
        let mut labs: Vec<usize> = occs.iter().map(|o| o.label).collect();
        let mut used = used;
        for (li, l) in p.toks.iter().enumerate() {
            for (ti, t) in l.iter().enumerate() {
                if used[li][ti] {
                    continue;
                }
                if let Some(f) = vocab::project_field(&label_key(t)) {
                    if let Some(lab) = PROJECT_LABELS.iter().position(|x| *x == f.label()) {
                        labs.push(lab);
                        used[li][ti] = true;
                    }
                }
            }
        }
        if labs.is_empty() {
            continue;
        }
        labelled[pi] = true;
        for &l in &labs {
            seen[l] = true;
        }
        if labs.len() != 1 {
            continue;
        }
        let lab = labs[0];
        let rest: Vec<String> = p
            .toks
            .iter()
            .enumerate()
            .map(|(li, l)| {
                l.iter()
                    .enumerate()
                    .filter(|(ti, _)| !used[li][*ti])
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        if rest.is_empty() {
            continue;
        }
        let value = join_all(rest.iter().map(String::as_str));
        // A wrapped value fills its lines but the last; lines of differing
        // widths are several cells of one column.
        let lines: Vec<Vec<String>> = rest.iter().map(|r| tokens(r)).collect();
        if !shape_ok(SHAPES[lab], &value) || super::flow::fullness(&lines) > 0 {
            continue;
        }
        if values[lab].is_some() {
            conflict[lab] = true;
        }
        values[lab] = Some(value);
    }
    // Values with a shape of their own, in blocks without a label.
    let free: Vec<String> = paras
        .iter()
        .zip(&labelled)
        .filter(|(_, l)| !**l)
        .map(|(p, _)| p.text())
        .collect();
    for (lab, shape) in [(1usize, Shape::Nature), (2, Shape::Category)] {
        if values[lab].is_none() {
            let found: Vec<&String> = free.iter().filter(|t| shape_ok(shape, t)).collect();
            if let [one] = found.as_slice() {
                values[lab] = Some((*one).clone());
            }
        }
    }
    let dates: Vec<crate::Date> = free.iter().filter_map(|t| parse_date(t)).collect();
    let start = values[5].as_deref().and_then(parse_date);
    let end = values[6].as_deref().and_then(parse_date);
    match (start, end, dates.as_slice()) {
        (None, None, [a, b]) if a != b => {
            values[5] = Some(a.min(b).to_string());
            values[6] = Some(a.max(b).to_string());
        }
        (Some(s), None, [d]) if *d > s => values[6] = Some(d.to_string()),
        (None, Some(e), [d]) if *d < e => values[5] = Some(d.to_string()),
        _ => {}
    }
    let (first, last) = (
        paras.first().map_or(0, Para::first),
        paras.last().map_or(0, Para::last),
    );
    let mut unread: Vec<&str> = Vec::new();
    for lab in 0..7 {
        if conflict[lab] {
            values[lab] = None;
        }
        if values[lab].is_none() && seen[lab] {
            unread.push(PROJECT_LABELS[lab]);
        }
    }
    if !unread.is_empty() {
        out.unread(
            first,
            last,
            format!(
                "{} not read: in this reading order the value cannot be tied to its label",
                unread.join(", ")
            ),
        );
    }
    let v = |k: usize| values[k].clone().unwrap_or_default();
    if seen.iter().any(|s| *s) {
        let lines = [first, last];
        out.push(
            vec![
                "项目名称".to_owned(),
                v(0),
                "项目性质".to_owned(),
                v(1),
                "项目类别".to_owned(),
                v(2),
            ],
            lines,
        );
        out.push(
            vec!["主管部门".to_owned(), v(3), "实施单位".to_owned(), v(4)],
            lines,
        );
        out.push(
            vec![
                "计划开始日期".to_owned(),
                v(5),
                "计划完成日期".to_owned(),
                v(6),
            ],
            lines,
        );
    }
}

// ---------------------------------------------------------------------------
// Funding.

fn funding(paras: &[Para], out: &mut Read) {
    // Tokens in reading order, with the block of each.
    let seq: Vec<(usize, &String)> = paras
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.toks.iter().flatten().map(move |t| (pi, t)))
        .collect();
    let keys: Vec<String> = seq.iter().map(|(_, t)| label_key(t)).collect();
    // Per block: how many funding labels and amounts it holds.
    let mut labels_in = vec![0usize; paras.len()];
    let mut amounts_in = vec![0usize; paras.len()];
    for ((pi, _), k) in seq.iter().zip(&keys) {
        if vocab::funding_label(k).is_some() {
            labels_in[*pi] += 1;
        } else if parse_amount(k).is_some() {
            amounts_in[*pi] += 1;
        }
    }
    let mut unit: Option<&str> = None;
    let mut any = false;
    for k in &keys {
        if k.ends_with("(万元)") {
            unit = Some("万元");
        } else if k.ends_with("(元)") {
            unit.get_or_insert("元");
        }
        any |= vocab::funding_label(k).is_some() || vocab::funding_header(k).is_some();
    }
    if !any {
        return;
    }
    // [project total, fiscal, other, annual total, appropriation, carryover, other]
    let mut vals: [Option<String>; 7] = Default::default();
    let mut twice = [false; 7];
    for i in 1..keys.len() {
        if parse_amount(&keys[i]).is_none() {
            continue;
        }
        // In one block, or a block of one label followed by a block of one
        // amount: a column of labels followed by a column of amounts pairs
        // its last label with the column's first amount, which is not its.
        let (lb, ab) = (seq[i - 1].0, seq[i].0);
        if lb != ab && (labels_in[lb] != 1 || amounts_in[ab] != 1) {
            continue;
        }
        let slot = match vocab::funding_label(&keys[i - 1]) {
            Some(vocab::FundingLabel::ProjectTotal) => 0,
            Some(vocab::FundingLabel::ProjectFiscal) => 1,
            Some(vocab::FundingLabel::AnnualTotal) => 3,
            Some(vocab::FundingLabel::AnnualAppropriation) => 4,
            Some(vocab::FundingLabel::AnnualCarryover) => 5,
            _ => continue,
        };
        if vals[slot].is_some() {
            twice[slot] = true;
        }
        vals[slot] = Some(seq[i].1.clone());
    }
    for (v, t) in vals.iter_mut().zip(twice) {
        if t {
            *v = None;
        }
    }
    let first = paras.first().map_or(0, Para::first);
    let last = paras.last().map_or(0, Para::last);
    let v = |k: usize| vals[k].clone().unwrap_or_default();
    let header = unit.map_or_else(|| "项目资金".to_owned(), |u| format!("项目资金({u})"));
    let lines = [first, last];
    out.push(
        vec![
            header,
            "项目资金总额:".to_owned(),
            v(0),
            "年度资金申请总额:".to_owned(),
            v(3),
        ],
        lines,
    );
    out.push(
        vec![
            String::new(),
            "其中:财政资金".to_owned(),
            v(1),
            "其中:当年财政拨款".to_owned(),
            v(4),
        ],
        lines,
    );
    out.push(
        vec![
            String::new(),
            String::new(),
            String::new(),
            "上年结转资金".to_owned(),
            v(5),
        ],
        lines,
    );
    out.push(
        vec![
            String::new(),
            "其他资金".to_owned(),
            v(2),
            "其他资金".to_owned(),
            v(6),
        ],
        lines,
    );
    let amounts = keys.iter().filter(|k| parse_amount(k).is_some()).count();
    let read = vals.iter().filter(|v| v.is_some()).count();
    if amounts > read {
        out.unread(
            first,
            last,
            format!(
                "{} of the {amounts} amounts of the 项目资金 block were not read: in this reading order they do not follow their labels",
                amounts - read
            ),
        );
    }
}

// ---------------------------------------------------------------------------
// Goals.

/// A goal text is read from a block that starts with its label, alone on its
/// line, and holds no other label: the text printed right under the label in
/// its own column. A block with both goal labels (their texts share lines)
/// or a goal label alone is reported.
fn goals(paras: &[Para], out: &mut Read) {
    let is_label = |t: &String| {
        let k = label_key(t);
        vocab::goal_label(&k).is_some()
            || vocab::is_structural_label(&k)
            || k.starts_with("项目绩效")
    };
    let mut texts: [Option<String>; 2] = Default::default();
    let mut twice = [false; 2];
    let mut first: Option<usize> = None;
    let mut unread: Vec<(usize, usize)> = Vec::new();
    for p in paras {
        let labels = p.toks.iter().flatten().filter(|t| is_label(t)).count();
        let goal_labels: Vec<vocab::GoalLabel> = p
            .toks
            .iter()
            .flatten()
            .filter_map(|t| vocab::goal_label(&label_key(t)))
            .filter(|g| *g != vocab::GoalLabel::Block)
            .collect();
        if goal_labels.is_empty() {
            continue;
        }
        first.get_or_insert(p.first());
        let head = p.toks.first().and_then(|l| match l.as_slice() {
            [t] => vocab::goal_label(&label_key(t)),
            _ => None,
        });
        let slot = match (goal_labels.as_slice(), head) {
            ([vocab::GoalLabel::Project], Some(vocab::GoalLabel::Project)) => Some(0),
            ([vocab::GoalLabel::Annual], Some(vocab::GoalLabel::Annual)) => Some(1),
            _ => None,
        };
        match slot {
            Some(k) if labels == 1 && p.toks.len() > 1 => {
                let lines: Vec<String> = p.toks[1..].iter().map(|l| l.join(" ")).collect();
                if texts[k].is_some() {
                    twice[k] = true;
                }
                texts[k] = Some(join_all(lines.iter().map(String::as_str)));
            }
            _ => unread.push((p.first(), p.last())),
        }
    }
    let Some(first) = first else {
        return;
    };
    for (t, w) in texts.iter_mut().zip(twice) {
        if w {
            *t = None;
        }
    }
    out.push(
        vec![
            "项目绩效目标".to_owned(),
            "项目总目标".to_owned(),
            String::new(),
            "年度总体目标".to_owned(),
        ],
        [first],
    );
    if texts.iter().any(Option::is_some) {
        let [p, a] = texts;
        out.push(
            vec![
                String::new(),
                p.unwrap_or_default(),
                String::new(),
                a.unwrap_or_default(),
            ],
            [first],
        );
    }
    for (a, b) in unread {
        out.unread(
            a,
            b,
            "a 项目绩效目标 text was not read: in this reading order it cannot be told from the cells around it (extract the PDF with pdftotext -layout, or as tables)".to_owned(),
        );
    }
}

// ---------------------------------------------------------------------------
// Indicator rows.

fn indicators(paras: &[Para], out: &mut Read) {
    if paras.is_empty() {
        return;
    }
    // Each block without its level labels.
    // (paragraph, first line, last line, content, held labels too)
    let mut blocks: Vec<Block> = Vec::new();
    let mut levels = false;
    for (pi, p) in paras.iter().enumerate() {
        let (occs, used) = find_labels(&p.toks, &TABLE_LABELS, 2, false);
        levels |= occs.iter().any(|o| {
            vocab::level1(TABLE_LABELS[o.label]).is_some()
                || vocab::level2(TABLE_LABELS[o.label]).is_some()
        });
        let content: Vec<Vec<String>> = p
            .toks
            .iter()
            .enumerate()
            .map(|(li, l)| {
                l.iter()
                    .enumerate()
                    .filter(|(ti, _)| !used[li][*ti])
                    .map(|(_, t)| t.clone())
                    .collect::<Vec<_>>()
            })
            .filter(|l| !l.is_empty())
            .collect();
        if !content.is_empty() {
            blocks.push(Block {
                para: pi,
                first: p.first(),
                last: p.last(),
                content,
                mixed: !occs.is_empty(),
            });
        }
    }
    let mut rows: Vec<(usize, usize, String, String)> = Vec::new();
    let mut pending: Option<(usize, usize, String)> = None;
    let mut lost: Vec<(usize, usize)> = Vec::new();
    for b in &blocks {
        let (first, end, content) = (&b.first, &b.last, &b.content);
        let refs: Vec<&Vec<String>> = content.iter().collect();
        let single = content.len() == 1 && content[0].len() == 1;
        if let Some((pp, pf, name)) = pending.take() {
            // A name block is followed, with nothing between, by its target
            // block (a block that also held labels: only a number).
            let t = &content[0][0];
            if single && pp + 1 == b.para && target_ok(t) && (!b.mixed || is_quantitative(t)) {
                rows.push((pf, *end, name, t.clone()));
                continue;
            }
            lost.push((pf, *first));
        }
        if let (false, Some((_, name, target))) = (single, row_cost(&refs)) {
            if whole_row(content, &target) {
                rows.push((*first, *end, name, target));
                continue;
            }
            lost.push((*first, *end));
            continue;
        }
        let text = {
            let lines: Vec<String> = content.iter().map(|l| l.join(" ")).collect();
            join_all(lines.iter().map(String::as_str))
        };
        // A name wrapped over lines fills them but the last; lines of
        // differing widths are a column of several names.
        if content.iter().flatten().any(|t| is_quantitative(t))
            || (single && target_ok(&text)) && !could_be_name(&text)
            || content.len() > 4
            || super::flow::fullness(content) > 0
        {
            lost.push((*first, *end));
            continue;
        }
        pending = Some((b.para, *first, text));
    }
    if let Some((_, pf, _)) = pending {
        lost.push((pf, pf));
    }
    for (i, (first, last, name, target)) in rows.iter().enumerate() {
        out.push(
            vec![
                if i == 0 { "绩效指标" } else { "" }.to_owned(),
                String::new(),
                String::new(),
                name.clone(),
                target.clone(),
            ],
            [*first, *last],
        );
    }
    for (a, b) in lost {
        out.unread(
            a,
            b,
            "an indicator block was not read: its name and target cannot be paired reliably"
                .to_owned(),
        );
    }
    if levels && !rows.is_empty() {
        out.unread(
            paras[0].first(),
            paras[paras.len() - 1].last(),
            "the 一级/二级 levels of the indicators were not read: in this reading order their labels are not next to their rows".to_owned(),
        );
    }
}

/// Whether a block read as one row is one: a block may also be a column of
/// several names. A row is one line (`name target`), or a name wrapped
/// around its one-line target, the name's inner lines as wide as its widest;
/// with a target in words, only `name target` or three lines.
fn whole_row(content: &[Vec<String>], target: &str) -> bool {
    let n = content.len();
    if n == 1 {
        return true;
    }
    if n % 2 == 0 || n > 5 {
        return false;
    }
    let centre = &content[n / 2];
    if centre.len() != 1 {
        return false;
    }
    let names: Vec<Vec<String>> = content
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != n / 2)
        .map(|(_, l)| l.clone())
        .collect();
    if super::flow::fullness(&names) > 0 {
        return false;
    }
    is_quantitative(target) || n == 3
}

/// A text block of the indicator table without its level labels.
struct Block {
    para: usize,
    first: usize,
    last: usize,
    content: Vec<Vec<String>>,
    /// The block also held level labels.
    mixed: bool,
}

/// Whether a one-token block may be an indicator name: not a target value
/// only a target can be (numbers with a comparison, or a very short word).
fn could_be_name(text: &str) -> bool {
    text.chars().count() >= 4 && !is_quantitative(text)
}

#[cfg(test)]
mod tests {
    use crate::{parse_with, Code, Layout, ParseOptions};

    fn plain(text: &str) -> crate::Document {
        parse_with(text, &ParseOptions::with_layout(Layout::Plain))
    }

    /// One form as `pdftotext` writes it by default: blocks apart by blank
    /// lines, in column order rather than row order.
    const FORM: &str = "\
财政项目支出绩效目标申报表
(2026 年度)
项目名称 测试培训经费

项目性质

经常性项目

上海市测试区人力
主管部门 资源和社会保障局
(汇总)

实施单位

上海市测试区就业促进中心

计划开始
2026-01-01
日期

项目类别

特定目标类

2026-12-31

项目资金总额:

年度资金申请总额:

300,000.00

其中:财政资金

其中:当年财政拨款

280,000.00

上年结转资金

20,000.00

其他资金

其他资金

0.00

项目总目标

年度总体目标
完成全年培训任务。

一级指标

二级指标

成本指标

经济成本指标

三级指标

年度(/项目)指标值

人均培训成本

≤500.00(元/人)

数量指标

培训班次

=12.00(期)

培训按计划完成
及时
的及时性

满意度指标
";

    #[test]
    fn reads_what_blocks_say_about_themselves() {
        let doc = plain(FORM);
        assert_eq!(crate::detect_layout(FORM), Layout::Plain);
        assert_eq!(doc.forms.len(), 1);
        let f = &doc.forms[0];
        assert_eq!(f.year, Some(2026));
        let p = &f.project;
        assert_eq!(p.name.as_deref(), Some("测试培训经费"));
        assert_eq!(p.nature.as_deref(), Some("经常性项目"));
        assert_eq!(p.category.as_deref(), Some("特定目标类"));
        assert_eq!(
            p.department.as_deref(),
            Some("上海市测试区人力资源和社会保障局(汇总)")
        );
        // 实施单位 stands alone: its value is somewhere else in the order.
        assert_eq!(p.implementer, None);
        let date = |d: Option<crate::Date>| d.map(|d| d.to_string());
        assert_eq!(date(p.start_date).as_deref(), Some("2026-01-01"));
        assert_eq!(date(p.end_date).as_deref(), Some("2026-12-31"));
        let m = &f.funding;
        let s = |d: Option<crate::Decimal>| d.map(|d| d.to_string());
        assert_eq!(s(m.project_total), None);
        assert_eq!(s(m.annual_total).as_deref(), Some("300000.00"));
        assert_eq!(s(m.project_fiscal), None);
        assert_eq!(s(m.annual_appropriation).as_deref(), Some("280000.00"));
        assert_eq!(s(m.annual_carryover).as_deref(), Some("20000.00"));
        // Two 其他资金 labels and one amount: not read.
        assert_eq!((s(m.project_other), s(m.annual_other)), (None, None));
        // The annual goal sits under its label in one block; 项目总目标 stands
        // alone, so whatever it says is reported, not read.
        assert_eq!(f.goals.project, None);
        assert_eq!(f.goals.annual.as_deref(), Some("完成全年培训任务。"));
        let rows: Vec<(&str, &str, bool)> = f
            .indicators
            .iter()
            .map(|i| {
                (
                    i.name.as_str(),
                    i.target.raw.as_str(),
                    i.level1.is_none() && i.level2.is_none(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("人均培训成本", "≤500.00(元/人)", true),
                ("培训班次", "=12.00(期)", true),
                ("培训按计划完成的及时性", "及时", true),
            ]
        );
        let unread: Vec<&str> = doc
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnreadInLayout)
            .map(|d| d.message.as_str())
            .collect();
        assert!(unread.iter().any(|m| m.contains("实施单位")), "{unread:?}");
        assert!(
            unread.iter().any(|m| m.contains("项目绩效目标")),
            "{unread:?}"
        );
        assert!(unread.iter().any(|m| m.contains("一级/二级")), "{unread:?}");
        assert!(unread.iter().any(|m| m.contains("项目资金")), "{unread:?}");
    }

    #[test]
    fn a_name_and_a_target_apart_are_not_paired() {
        // A label block between them: the order cannot be trusted.
        let text = FORM.replace(
            "人均培训成本\n\n≤500.00(元/人)\n",
            "人均培训成本\n\n质量指标\n\n≤500.00(元/人)\n",
        );
        let doc = plain(&text);
        let names: Vec<&str> = doc.forms[0]
            .indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(names, ["培训班次", "培训按计划完成的及时性"]);
    }

    #[test]
    fn a_column_of_names_is_not_a_row() {
        // Three names in one block (their targets in a later block): the
        // middle one is no target, and the block is not one name.
        let text = FORM.replace(
            "人均培训成本\n\n≤500.00(元/人)\n",
            "人均培训成本\n培训合格率\n年度培训覆盖的街道数量\n\n≤500.00(元/人)\n",
        );
        let doc = plain(&text);
        let names: Vec<&str> = doc.forms[0]
            .indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(names, ["培训班次", "培训按计划完成的及时性"]);
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnreadInLayout && d.message.contains("indicator")));
    }

    #[test]
    fn two_dates_without_labels_are_start_and_end() {
        let text = FORM.replace("计划开始\n2026-01-01\n日期\n", "2026-01-01\n");
        let doc = plain(&text);
        let p = &doc.forms[0].project;
        assert_eq!(
            p.start_date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            p.end_date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-31")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn block_soup_never_panics(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "项目名称", "项目名", "称", "项目性质", "经常性项目", "项目类别", "其他人员类",
                "主管部门", "实施单位", "计划开始", "日期", "2026-01-01", "2026-12-31",
                "年度资金申请总额:", "1,200.00", "其他资金", "0.00", "年度总体目标",
                "一级指标", "成本指标", "标", "培训人次", "=600.00(人次)", "及时",
                "第 1 页 共 2 页", "财政项目支出绩效目标申报表", "(2026 年度)", "\n", "\n\n", "\n\n",
            ]),
            0..160,
        )) {
            let text = words.join(" ");
            let doc = plain(&text);
            let _ = doc.to_json();
        }
    }
}
