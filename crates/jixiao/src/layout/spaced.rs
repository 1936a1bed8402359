//! Space-aligned text (`pdftotext -layout`): rebuild the form's rows from the
//! positions of text fragments, then hand them to the tab grammar.
//!
//! PDF tables lose their rulings in this layout. What is left is geometry:
//! every fragment has a line and a column, cells wrap over several lines, and
//! every cell is vertically centred in its row, so a merged label sits on the
//! middle line of its block and a one-line value on the middle line of a
//! wrapped neighbour. The reader works in these steps:
//!
//! 1. **Fragments.** Each line is cut at runs of two or more spaces; a
//!    fragment that starts with a known label and a space is cut after it.
//! 2. **Labels.** Fragments in one column on nearby lines are joined while
//!    their text is a prefix of a known label (`项目名` + `称`, `可持续影响指` +
//!    `标`), so wrapped labels are found whole, with their line span.
//! 3. **Regions.** The labels divide a form into the project rows, the
//!    项目资金 block, the goals block and the indicator table.
//! 4. **Rows.** In the project and funding regions, labels on the same centre
//!    line form a row and each other fragment goes to the label on its left in
//!    the row whose centre is nearest (a tie goes to the row the fragment is
//!    mirrored in: wrapped cells are symmetric about their centre). In the
//!    table, each page's columns are found from its targets; name and target
//!    fragments are grouped into rows by a dynamic programme that keeps each
//!    row's name and target centred on each other; level labels are matched
//!    to groups of rows whose centre they sit on.
//! 5. **Rows out.** The rows are written in the sample's tab layout with
//!    explicit levels, and every row remembers the source lines it came from.
//!
//! Bounds on the work. The geometry of steps 2–4 compares fragments, labels
//! and rows of one form (or one page) with each other, which is cheap on
//! real forms (the longest in the fixtures has 54 non-blank lines, a page
//! 45) but grows faster than the text on hostile input. So: a form body of
//! more than [`MAX_BODY_LINES`] non-blank lines or [`MAX_BODY_FRAGMENTS`]
//! fragments is not read by geometry: each
//! of its lines becomes one row of its fragments, for the grammar to read or
//! report cell by cell; a table page longer than [`MAX_PAGE_LINES`] lines is
//! read in parts of that length, as if page breaks cut it; a row spans at
//! most [`MAX_ROW_LINES`] lines; the level-label search of a page weighs at
//! most [`MAX_PARTITION_CUTS`] cuts (past it, each row takes the nearest
//! label). Time is then linear in the input's length.

use crate::model::{Level1, Level2};
use crate::text::{self, label_key, push_wrapped, Line};
use crate::vocab;

/// A row rebuilt from the source, with the 0-based line indices it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub cells: Vec<String>,
    pub first: usize,
    pub last: usize,
}

/// A piece of text on one line: columns are character positions.
#[derive(Debug, Clone)]
struct Frag {
    line: usize,
    x0: usize,
    x1: usize,
    text: String,
}

/// Cut a line into fragments at runs of two or more spaces.
fn fragments(line_no: usize, text: &str) -> Vec<Frag> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if text::is_space(c) { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i] == ' ' {
                let mut j = i;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                if j - i >= 2 || j == chars.len() {
                    break;
                }
                i = j;
            } else {
                i += 1;
                end = i;
            }
        }
        let frag: String = chars[start..end].iter().collect();
        split_after_label(line_no, start, &frag, &mut out);
    }
    out
}

/// Cut `label value` (one space between) after the label, or after the
/// first part of a label wrapped to the next line (`项目名 残疾人…`), repeatedly.
/// The key of the text since the last cut grows one character at a time, so
/// a long fragment of single-spaced words costs time linear in its length.
fn split_after_label(line: usize, x0: usize, text: &str, out: &mut Vec<Frag>) {
    let chars: Vec<char> = text.chars().collect();
    let mut from = 0;
    // label_key(chars[from..i]) before its trailing colons are dropped:
    // spaces left out (fragments() turned every space into ' '), full-width
    // forms folded.
    let mut key = String::new();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            if i > from {
                let k = key.trim_end_matches(':');
                if is_label_key(k) || (k.chars().nth(1).is_some() && is_label_prefix(k)) {
                    out.push(Frag {
                        line,
                        x0: x0 + from,
                        x1: x0 + i,
                        text: chars[from..i].iter().collect(),
                    });
                    from = i + 1;
                    key.clear();
                }
            }
        } else {
            key.push(text::fold_width(*c));
        }
    }
    if from < chars.len() {
        out.push(Frag {
            line,
            x0: x0 + from,
            x1: x0 + chars.len(),
            text: chars[from..].iter().collect(),
        });
    }
}

/// What a label is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Project(vocab::ProjectField),
    FundingHeader(String),
    Funding(vocab::FundingLabel),
    Goal(vocab::GoalLabel),
    Table,
    Heading,
    L1(Level1),
    L2(Level2),
}

fn kind_of(key: &str) -> Option<Kind> {
    if let Some(f) = vocab::project_field(key) {
        return Some(Kind::Project(f));
    }
    if let Some(u) = vocab::funding_header(key) {
        if !u.is_empty() {
            return Some(Kind::FundingHeader(u.to_owned()));
        }
    }
    if let Some(l) = vocab::funding_label(key) {
        return Some(Kind::Funding(l));
    }
    if let Some(g) = vocab::goal_label(key) {
        return Some(Kind::Goal(g));
    }
    if vocab::is_table_label(key) {
        return Some(Kind::Table);
    }
    if vocab::is_table_heading(key) {
        return Some(Kind::Heading);
    }
    if let Some(l) = vocab::level1(key) {
        return Some(Kind::L1(l));
    }
    if let Some(l) = vocab::level2(key) {
        return Some(Kind::L2(l));
    }
    None
}

fn is_label_key(key: &str) -> bool {
    kind_of(key).is_some()
}

/// Every label spelling, for prefix tests while joining wrapped labels.
const LABELS: &[&str] = &[
    "项目名称",
    "项目性质",
    "项目类别",
    "主管部门",
    "实施单位",
    "计划开始日期",
    "计划完成日期",
    "项目资金(元)",
    "项目资金(万元)",
    "项目资金总额",
    "其中:财政资金",
    "财政资金",
    "其他资金",
    "年度资金申请总额",
    "其中:当年财政拨款",
    "当年财政拨款",
    "上年结转资金",
    "项目绩效目标",
    "项目总目标",
    "年度总体目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度(/项目)指标值",
    "成本指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

fn is_label_prefix(key: &str) -> bool {
    !key.is_empty()
        && LABELS
            .iter()
            .any(|l| l.starts_with(key) && l.len() > key.len())
}

/// One step while joining a wrapped label: the fragment's index, the key so
/// far, and where to cut that fragment (the character of its first space)
/// when it holds more than the label.
type Step = (usize, String, Option<usize>);

/// A label found in the text, possibly wrapped over several lines.
#[derive(Debug, Clone)]
struct Label {
    kind: Kind,
    first: usize,
    last: usize,
    x0: usize,
    x1: usize,
}

impl Label {
    fn center(&self) -> f64 {
        mid(self.first, self.last)
    }
}

#[allow(clippy::cast_precision_loss)]
fn mid(a: usize, b: usize) -> f64 {
    (a + b) as f64 / 2.0
}

fn overlaps(a: &Frag, b: &Frag) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1
}

/// Find labels, joining wrapped pieces; returns the labels and the indices of
/// the fragments they used.
fn find_labels(mut frags: Vec<Frag>) -> (Vec<Frag>, Vec<Label>, Vec<bool>) {
    let mut used = vec![false; frags.len()];
    let mut labels = Vec::new();
    let mut i = 0;
    while i < frags.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let key = label_key(&frags[i].text);
        let mut best: Option<(Kind, Vec<usize>)> = kind_of(&key).map(|k| (k, vec![i]));
        if is_label_prefix(&key) {
            // Try to extend downwards with fragments in the same column.
            let mut acc = key.clone();
            let mut parts = vec![i];
            let mut last = frags[i].clone();
            loop {
                // The next piece: a fragment just below, in the same column,
                // that continues the label (possibly sharing its fragment with
                // the next cell, `意度指标 次鉴定`, cut at the space).
                let mut step: Option<Step> = None;
                for (j, f) in frags.iter().enumerate() {
                    if used[j]
                        || parts.contains(&j)
                        || f.line <= last.line
                        || f.line > last.line + 2
                        || !overlaps(f, &last)
                    {
                        continue;
                    }
                    let joined = format!("{acc}{}", label_key(&f.text));
                    if kind_of(&joined).is_some() || is_label_prefix(&joined) {
                        step = Some((j, joined, None));
                        break;
                    }
                    if let Some((head, _)) = f.text.split_once(' ') {
                        let candidate = format!("{acc}{}", label_key(head));
                        if kind_of(&candidate).is_some() || is_label_prefix(&candidate) {
                            step = Some((j, candidate, Some(head.chars().count())));
                            break;
                        }
                    }
                }
                let Some((j, joined, cut)) = step else { break };
                if let Some(k) = cut {
                    let (head, rest) = cut_at(&frags[j], k);
                    frags[j] = head;
                    frags.push(rest);
                    used.push(false);
                }
                parts.push(j);
                last = frags[j].clone();
                acc = joined;
                if let Some(k) = kind_of(&acc) {
                    best = Some((k, parts.clone()));
                }
                if !is_label_prefix(&acc) {
                    break;
                }
            }
        }
        if let Some((kind, parts)) = best {
            for &p in &parts {
                used[p] = true;
            }
            let first = parts.iter().map(|&p| frags[p].line).min().unwrap_or(0);
            let last = parts.iter().map(|&p| frags[p].line).max().unwrap_or(0);
            let x0 = parts.iter().map(|&p| frags[p].x0).min().unwrap_or(0);
            let x1 = parts.iter().map(|&p| frags[p].x1).max().unwrap_or(0);
            labels.push(Label {
                kind,
                first,
                last,
                x0,
                x1,
            });
        }
        i += 1;
    }
    (frags, labels, used)
}

fn join_texts<'a>(parts: impl IntoIterator<Item = &'a Frag>) -> String {
    let mut v: Vec<&Frag> = parts.into_iter().collect();
    v.sort_by_key(|f| (f.line, f.x0));
    let mut out = String::new();
    for f in v {
        push_wrapped(&mut out, &f.text);
    }
    out
}

/// Labels grouped into rows by their centre lines.
fn label_rows(labels: &[&Label]) -> Vec<Vec<Label>> {
    let mut sorted: Vec<Label> = labels.iter().map(|l| (*l).clone()).collect();
    sorted.sort_by(|a, b| a.center().total_cmp(&b.center()).then(a.x0.cmp(&b.x0)));
    let mut rows: Vec<Vec<Label>> = Vec::new();
    for l in sorted {
        match rows.last_mut() {
            Some(row) if (row_center(row) - l.center()).abs() <= 0.5 => row.push(l),
            _ => rows.push(vec![l]),
        }
    }
    for row in &mut rows {
        row.sort_by_key(|l| l.x0);
    }
    rows
}

#[allow(clippy::cast_precision_loss)]
fn row_center(row: &[Label]) -> f64 {
    row.iter().map(Label::center).sum::<f64>() / row.len().max(1) as f64
}

/// Assign each value fragment to (row index, label index within the row):
/// the nearest row by centre (ties: the row the fragment is mirrored in),
/// and in it the rightmost label that starts left of the fragment.
fn assign_values(rows: &[Vec<Label>], values: &[&Frag]) -> Vec<Option<(usize, usize)>> {
    let centers: Vec<f64> = rows.iter().map(|r| row_center(r)).collect();
    let mut out = Vec::new();
    for f in values {
        #[allow(clippy::cast_precision_loss)]
        let y = f.line as f64;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            (centers[a] - y)
                .abs()
                .total_cmp(&(centers[b] - y).abs())
                .then_with(|| {
                    // Tie: prefer the row in which a fragment of the same column
                    // sits on the mirrored line.
                    let mirrored = |r: usize| {
                        let m = 2.0 * centers[r] - y;
                        values.iter().any(|g| {
                            #[allow(clippy::cast_precision_loss)]
                            let gl = g.line as f64;
                            (gl - m).abs() < 0.6 && overlaps(g, f)
                        })
                    };
                    mirrored(b).cmp(&mirrored(a))
                })
        });
        let pick = order.into_iter().next().and_then(|r| {
            rows[r]
                .iter()
                .rposition(|l| l.x0 <= f.x0 + 1)
                .map(|k| (r, k))
        });
        out.push(pick);
    }
    out
}

fn label_text(kind: &Kind) -> String {
    match kind {
        Kind::Project(f) => f.label().to_owned(),
        Kind::FundingHeader(u) => format!("项目资金({u})"),
        Kind::Funding(l) => match l {
            vocab::FundingLabel::ProjectTotal => "项目资金总额:",
            vocab::FundingLabel::ProjectFiscal => "其中:财政资金",
            vocab::FundingLabel::Other => "其他资金",
            vocab::FundingLabel::AnnualTotal => "年度资金申请总额:",
            vocab::FundingLabel::AnnualAppropriation => "其中:当年财政拨款",
            vocab::FundingLabel::AnnualCarryover => "上年结转资金",
        }
        .to_owned(),
        Kind::Goal(g) => match g {
            vocab::GoalLabel::Block => "项目绩效目标",
            vocab::GoalLabel::Project => "项目总目标",
            vocab::GoalLabel::Annual => "年度总体目标",
        }
        .to_owned(),
        Kind::Table => "绩效指标".to_owned(),
        Kind::Heading => String::new(),
        Kind::L1(l) => l.label().to_owned(),
        Kind::L2(l) => l.label().to_owned(),
    }
}

struct Out {
    rows: Vec<Row>,
}

impl Out {
    fn push(&mut self, cells: Vec<String>, lines: impl IntoIterator<Item = usize>) {
        let lines: Vec<usize> = lines.into_iter().collect();
        let first = lines.iter().copied().min().unwrap_or(0);
        let last = lines.iter().copied().max().unwrap_or(first);
        self.rows.push(Row { cells, first, last });
    }
}

/// Rebuild the rows of a whole space-aligned text.
pub(crate) fn read(lines: &[Line<'_>]) -> Vec<Row> {
    let mut out = Out { rows: Vec::new() };
    // The body's non-blank lines with their fragments (cut once, here).
    let mut body: Vec<(usize, Vec<Frag>)> = Vec::new();
    let mut seen_form = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let t = text::trim(line.text);
        let key = label_key(t);
        let frags = fragments(i, line.text);
        let single = frags.len() == 1;
        let header = single && vocab::is_form_header(&key);
        let year = single && crate::grammar::value::parse_year_line(t).is_some();
        if header || year || (!seen_form && single && body.is_empty()) {
            if !body.is_empty() {
                read_body(lines, std::mem::take(&mut body), &mut out);
            }
            seen_form |= header;
            out.push(vec![t.to_owned()], [i]);
            continue;
        }
        body.push((i, frags));
    }
    if !body.is_empty() {
        read_body(lines, body, &mut out);
    }
    out.rows
}

/// The most non-blank lines of a form body that are read by geometry
/// (about six times the longest form of the fixtures).
const MAX_BODY_LINES: usize = 300;

/// The most fragments of a form body that are read by geometry (the
/// fixtures' forms have at most a few hundred).
const MAX_BODY_FRAGMENTS: usize = 2_000;

/// Read a form body: by geometry ([`form_body`]) up to [`MAX_BODY_LINES`]
/// lines and [`MAX_BODY_FRAGMENTS`] fragments; past either, one row per
/// line, its fragments as cells, so that the time stays linear and every
/// fragment still reaches the grammar.
fn read_body(lines: &[Line<'_>], body: Vec<(usize, Vec<Frag>)>, out: &mut Out) {
    let fragment_count: usize = body.iter().map(|(_, f)| f.len()).sum();
    if body.len() <= MAX_BODY_LINES && fragment_count <= MAX_BODY_FRAGMENTS {
        form_body(lines, body, out);
        return;
    }
    for (i, frags) in body {
        out.push(frags.into_iter().map(|f| f.text).collect(), [i]);
    }
}

fn form_body(lines: &[Line<'_>], body: Vec<(usize, Vec<Frag>)>, out: &mut Out) {
    let body_first = body.first().map_or(0, |(i, _)| *i);
    let end = body.last().map_or(0, |(i, _)| i + 1);
    // Page furniture stays a row of its own (the grammar reports it).
    let mut frags: Vec<Frag> = Vec::new();
    let mut page_breaks: Vec<usize> = Vec::new();
    for (i, line_frags) in body {
        if crate::grammar::header::is_page_furniture(lines[i].text) {
            page_breaks.push(i);
            out.push(vec![text::trim(lines[i].text).to_owned()], [i]);
            continue;
        }
        if lines[i].text.contains('\u{c}') {
            page_breaks.push(i);
        }
        frags.extend(line_frags);
    }
    let (frags, labels, used) = find_labels(frags);
    let values: Vec<&Frag> = frags
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(f, _)| f)
        .collect();

    let first_line = |pred: &dyn Fn(&Kind) -> bool| {
        labels
            .iter()
            .filter(|l| pred(&l.kind))
            .map(|l| l.first)
            .min()
    };
    let funding_start = first_line(&|k| matches!(k, Kind::Funding(_) | Kind::FundingHeader(_)));
    let goals_start = first_line(&|k| matches!(k, Kind::Goal(_)));
    let table_start =
        first_line(&|k| matches!(k, Kind::Table | Kind::Heading | Kind::L1(_) | Kind::L2(_)));
    let bounds = [
        body_first,
        funding_start.unwrap_or(end),
        goals_start.unwrap_or(end),
        table_start.unwrap_or(end),
        end,
    ];
    // Regions must be in order; a missing one is empty.
    let mut b = bounds;
    for k in (0..4).rev() {
        if b[k] > b[k + 1] {
            b[k] = b[k + 1];
        }
    }
    let in_region = |line: usize, r: usize| line >= b[r] && line < b[r + 1];
    let region_labels =
        |r: usize| -> Vec<&Label> { labels.iter().filter(|l| in_region(l.first, r)).collect() };
    let region_values = |r: usize| -> Vec<&Frag> {
        values
            .iter()
            .copied()
            .filter(|f| in_region(f.line, r))
            .collect()
    };

    keyed_region(&region_labels(0), &region_values(0), out, Region::Project);
    keyed_region(&region_labels(1), &region_values(1), out, Region::Funding);
    goals_region(&region_labels(2), &region_values(2), out);
    table_region(&region_labels(3), &region_values(3), &page_breaks, out);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Project,
    Funding,
}

fn keyed_region(labels: &[&Label], values: &[&Frag], out: &mut Out, region: Region) {
    let header = labels
        .iter()
        .find(|l| matches!(l.kind, Kind::FundingHeader(_)))
        .copied()
        .cloned();
    let keyed: Vec<&Label> = labels
        .iter()
        .copied()
        .filter(|l| !matches!(l.kind, Kind::FundingHeader(_)))
        .collect();
    let rows = label_rows(&keyed);
    let picks = assign_values(&rows, values);
    let mut cell_values: Vec<Vec<Vec<&Frag>>> =
        rows.iter().map(|r| vec![Vec::new(); r.len()]).collect();
    for (f, pick) in values.iter().zip(&picks) {
        match pick {
            Some((r, k)) => cell_values[*r][*k].push(f),
            None => out.push(vec![f.text.clone()], [f.line]),
        }
    }
    let annual_x = keyed
        .iter()
        .find(|l| l.kind == Kind::Funding(vocab::FundingLabel::AnnualTotal))
        .map(|l| l.x0);
    for (r, row) in rows.iter().enumerate() {
        let mut lines: Vec<usize> = row.iter().flat_map(|l| [l.first, l.last]).collect();
        lines.extend(cell_values[r].iter().flatten().map(|f| f.line));
        let value = |k: usize| join_texts(cell_values[r][k].iter().copied());
        let cells = if region == Region::Funding {
            // Canonical positions: header, left label, left amount, right label, right amount.
            let mut cells = vec![String::new(); 5];
            if r == 0 {
                if let Some(h) = &header {
                    cells[0] = label_text(&h.kind);
                    lines.extend([h.first, h.last]);
                }
            }
            for (k, l) in row.iter().enumerate() {
                let right = match l.kind {
                    Kind::Funding(
                        vocab::FundingLabel::AnnualTotal
                        | vocab::FundingLabel::AnnualAppropriation
                        | vocab::FundingLabel::AnnualCarryover,
                    ) => true,
                    Kind::Funding(vocab::FundingLabel::Other) => {
                        annual_x.map_or(true, |a| l.x0 + 3 >= a)
                    }
                    _ => false,
                };
                let at = if right { 3 } else { 1 };
                cells[at] = label_text(&l.kind);
                cells[at + 1] = value(k);
            }
            cells
        } else {
            let mut cells = Vec::new();
            for (k, l) in row.iter().enumerate() {
                cells.push(label_text(&l.kind));
                cells.push(value(k));
            }
            cells
        };
        out.push(cells, lines);
    }
    if rows.is_empty() {
        if let Some(h) = header {
            out.push(vec![label_text(&h.kind)], [h.first, h.last]);
        }
    }
}

fn goals_region(labels: &[&Label], values: &[&Frag], out: &mut Out) {
    let find = |g: vocab::GoalLabel| labels.iter().find(|l| l.kind == Kind::Goal(g));
    let project = find(vocab::GoalLabel::Project);
    let annual = find(vocab::GoalLabel::Annual);
    let mut lines: Vec<usize> = labels.iter().flat_map(|l| [l.first, l.last]).collect();
    if labels.is_empty() && values.is_empty() {
        return;
    }
    out.push(
        vec![
            "项目绩效目标".to_owned(),
            "项目总目标".to_owned(),
            String::new(),
            "年度总体目标".to_owned(),
        ],
        lines.clone(),
    );
    // Left-aligned text starts left of its cell's centred label; a line that
    // holds both texts is cut where the annual text's column starts.
    let split = match (project, annual) {
        (Some(p), _) => (p.x0 + p.x1) / 2,
        (None, Some(a)) => a.x0.saturating_sub(1) / 2,
        (None, None) => 0,
    };
    // A line holding both texts is cut at a space that follows a CJK
    // character, the one nearest where the annual column starts (or, when no
    // line shows that, where the project column ends).
    let annual_x = values.iter().filter(|f| f.x0 >= split).map(|f| f.x0).min();
    // The project column's right edge: where its space-free lines end.
    let p_edge = values
        .iter()
        .filter(|f| f.x0 < split && !f.text.contains(' '))
        .map(|f| f.x1)
        .max();
    let mut p: Vec<Frag> = Vec::new();
    let mut a: Vec<Frag> = Vec::new();
    for f in values {
        if f.x0 >= split {
            a.push((*f).clone());
            continue;
        }
        let chars: Vec<char> = f.text.chars().collect();
        let within = match annual_x {
            Some(ax) => f.x1 < ax,
            None => p_edge.is_some_and(|e| f.x1 <= e + 2),
        };
        let floor = p_edge.map_or(split, |e| e.saturating_sub(3)).max(split);
        let candidates = (1..chars.len()).filter(|&k| {
            !within && chars[k] == ' ' && f.x0 + k + 1 >= floor && !chars[k - 1].is_ascii()
        });
        let aim = annual_x.or(p_edge.map(|e| e + 1)).unwrap_or(split);
        let cut = candidates.min_by_key(|&k| (f.x0 + k + 1).abs_diff(aim));
        match cut {
            Some(k) => {
                let (head, tail) = cut_at(f, k);
                p.push(head);
                a.push(tail);
            }
            None => p.push((*f).clone()),
        }
    }
    lines.clear();
    lines.extend(values.iter().map(|f| f.line));
    if !values.is_empty() {
        out.push(
            vec![String::new(), join_texts(&p), String::new(), join_texts(&a)],
            lines,
        );
    }
}

/// One indicator row being rebuilt.
#[derive(Debug, Clone)]
struct TRow {
    name: Vec<Frag>,
    target: Vec<Frag>,
    top: usize,
    bottom: usize,
    l1: Option<Level1>,
    l2: Option<Level2>,
}

/// The longest stretch of lines that the table reads as one page.
const MAX_PAGE_LINES: usize = 150;

/// Sorted first lines of the table's pages after the first: the page breaks,
/// and a cut every [`MAX_PAGE_LINES`] lines of a longer page (real pages are
/// well under it: the fixtures' longest has 45 non-blank lines).
fn page_cuts(labels: &[&Label], values: &[&Frag], page_breaks: &[usize]) -> Vec<usize> {
    let mut breaks: Vec<usize> = page_breaks.to_vec();
    breaks.sort_unstable();
    breaks.dedup();
    let first = labels
        .iter()
        .map(|l| l.first)
        .chain(values.iter().map(|f| f.line))
        .min();
    let last = labels
        .iter()
        .map(|l| l.last)
        .chain(values.iter().map(|f| f.line))
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return breaks;
    };
    let mut cuts = Vec::with_capacity(breaks.len());
    let mut start = first;
    for b in breaks.iter().copied().chain([last + 1]) {
        if b <= start {
            cuts.push(b);
            continue;
        }
        let mut at = start + MAX_PAGE_LINES;
        while at < b {
            cuts.push(at);
            at += MAX_PAGE_LINES;
        }
        if b <= last {
            cuts.push(b);
        }
        start = b;
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn table_region(labels: &[&Label], values: &[&Frag], page_breaks: &[usize], out: &mut Out) {
    if labels.is_empty() && values.is_empty() {
        return;
    }
    // Pages: geometry is per page, and a page is read in parts of at most
    // MAX_PAGE_LINES lines.
    let cuts = page_cuts(labels, values, page_breaks);
    let page_of = |line: usize| cuts.partition_point(|&c| c <= line);
    let pages = cuts.len() + 1;
    let mut page_values: Vec<Vec<&Frag>> = vec![Vec::new(); pages];
    for &f in values {
        page_values[page_of(f.line)].push(f);
    }
    let mut page_labels: Vec<Vec<&Label>> = vec![Vec::new(); pages];
    for &l in labels {
        page_labels[page_of(l.first)].push(l);
    }
    let mut all_rows: Vec<TRow> = Vec::new();
    let mut carry1: Option<Level1> = None;
    let mut carry2: Option<Level2> = None;
    for (page, (pv, pl)) in page_values.iter().zip(&page_labels).enumerate() {
        if pv.is_empty() && pl.is_empty() {
            continue;
        }
        let mut rows = page_rows(pv, pl);
        let l1s: Vec<(f64, Level1)> = pl
            .iter()
            .filter_map(|l| match &l.kind {
                Kind::L1(x) => Some((l.center(), x.clone())),
                _ => None,
            })
            .collect();
        let l2s: Vec<(f64, Level2)> = pl
            .iter()
            .filter_map(|l| match &l.kind {
                Kind::L2(x) => Some((l.center(), x.clone())),
                _ => None,
            })
            .collect();
        let g2 = partition(
            &rows,
            &l2s.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            page > 0,
            |_, _| 0.0,
        );
        for (i, row) in rows.iter_mut().enumerate() {
            row.l2 = match g2[i] {
                Some(k) => Some(l2s[k].1.clone()),
                None => carry2.clone(),
            };
        }
        // A level-1 block holds the level-2 items of its branch of the tree.
        let g1 = partition(
            &rows,
            &l1s.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            page > 0,
            |row, k| {
                let parent = rows_l2_parent(row);
                if parent.is_some() && parent.as_ref() != Some(&l1s[k].1) {
                    5.0
                } else {
                    0.0
                }
            },
        );
        for (i, row) in rows.iter_mut().enumerate() {
            row.l1 = match g1[i] {
                Some(k) => Some(l1s[k].1.clone()),
                None => carry1.clone(),
            };
        }
        if let Some(last) = rows.last() {
            carry1.clone_from(&last.l1);
            carry2.clone_from(&last.l2);
        }
        all_rows.extend(rows);
    }
    for (i, row) in all_rows.iter().enumerate() {
        let block = if i == 0 { "绩效指标" } else { "" };
        let cells = vec![
            block.to_owned(),
            row.l1
                .as_ref()
                .map(|l| l.label().to_owned())
                .unwrap_or_default(),
            row.l2
                .as_ref()
                .map(|l| l.label().to_owned())
                .unwrap_or_default(),
            join_texts(&row.name),
            join_texts(&row.target),
        ];
        out.push(cells, [row.top, row.bottom]);
    }
}

/// Split fragments into a left and a right column at `threshold`; a left
/// fragment that runs past `edge` is cut at the space nearest to it.
fn split_columns(values: &[&Frag], threshold: usize, edge: usize) -> (Vec<Frag>, Vec<Frag>) {
    let mut left: Vec<Frag> = Vec::new();
    let mut right: Vec<Frag> = Vec::new();
    let has_right = |line: usize| values.iter().any(|g| g.line == line && g.x0 >= threshold);
    for f in values {
        if f.x0 >= threshold {
            right.push((*f).clone());
            continue;
        }
        let chars: Vec<char> = f.text.chars().collect();
        let cjk = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
        let cut = (0..chars.len())
            .filter(|&k| chars[k] == ' ')
            .min_by_key(|&k| (f.x0 + k + 1).abs_diff(edge));
        // A name and a target a single space apart, on a line with no other
        // target: cut where CJK meets CJK across the space.
        let lone = (0..chars.len())
            .rev()
            .find(|&k| {
                chars[k] == ' '
                    && f.x0 + k + 1 >= threshold
                    && cjk(k.checked_sub(1).and_then(|p| chars.get(p)))
                    && cjk(chars.get(k + 1))
            })
            .filter(|_| !has_right(f.line));
        match cut
            .filter(|&k| f.x1 > edge + 1 && f.x0 + k + 1 >= threshold)
            .or(lone)
        {
            Some(k) => {
                let (head, tail) = cut_at(f, k);
                left.push(head);
                right.push(tail);
            }
            None => left.push((*f).clone()),
        }
    }
    (left, right)
}

/// Cut a fragment at the space at character `k`: the text before it and the
/// text after it, with their columns.
fn cut_at(f: &Frag, k: usize) -> (Frag, Frag) {
    let chars: Vec<char> = f.text.chars().collect();
    (
        Frag {
            line: f.line,
            x0: f.x0,
            x1: f.x0 + k,
            text: chars[..k].iter().collect(),
        },
        Frag {
            line: f.line,
            x0: f.x0 + k + 1,
            x1: f.x1,
            text: chars[k + 1..].iter().collect(),
        },
    )
}

/// Whether a fragment is a complete quantitative target.
fn is_quantitative(text: &str) -> bool {
    crate::grammar::target::parse_target(text).kind == crate::model::TargetKind::Quantitative
}

/// The most text lines one indicator row may span in the spaced layout.
const MAX_ROW_LINES: usize = 32;

/// Group a page's name and target fragments into rows.
fn page_rows(values: &[&Frag], labels: &[&Label]) -> Vec<TRow> {
    // The target column starts at the leftmost quantitative target; failing
    // that, at the 指标值 heading.
    let heading_x = labels
        .iter()
        .filter(|l| l.kind == Kind::Heading)
        .map(|l| l.x0)
        .max();
    let quant_x = values
        .iter()
        .filter(|f| is_quantitative(&f.text))
        .map(|f| f.x0)
        .min();
    let Some(tx) = quant_x.or(heading_x.map(|h| h.saturating_sub(2))) else {
        return Vec::new();
    };
    // pdftotext's columns drift within a line (CJK and Latin widths differ),
    // so a fragment is a target when it starts past the midpoint between the
    // name column and the target column.
    // Stray text left of the level-2 column (an unjoined piece of a label)
    // must not move the name column.
    let l2_x = labels
        .iter()
        .filter(|l| matches!(l.kind, Kind::L2(_)))
        .map(|l| l.x0)
        .min()
        .unwrap_or(0);
    let name_x = values
        .iter()
        .map(|f| f.x0)
        .filter(|&x| x > l2_x)
        .min()
        .unwrap_or(0)
        .min(tx);
    let threshold = (name_x + tx) / 2;
    let (names, targets) = split_columns(values, threshold, tx);
    let mut lines: Vec<usize> = names.iter().chain(&targets).map(|f| f.line).collect();
    lines.sort_unstable();
    lines.dedup();
    let n = lines.len();
    if n == 0 {
        return Vec::new();
    }
    // dp[i]: best cost of cutting lines[..i] into rows. A row spans at most
    // MAX_ROW_LINES text lines (wrapped rows take a few), which keeps the
    // search linear in the page's length: hostile text with hundreds of
    // lines on one page made the unbounded search cubic (found by fuzzing).
    // Names and targets are taken by line ranges of sorted lists.
    let mut name_lines: Vec<usize> = names.iter().map(|f| f.line).collect();
    name_lines.sort_unstable();
    let mut target_lines: Vec<(usize, bool)> = targets
        .iter()
        .map(|f| (f.line, is_quantitative(&f.text)))
        .collect();
    target_lines.sort_unstable();
    // complete_before[k]: quantitative targets among target_lines[..k].
    let mut complete_before = Vec::with_capacity(target_lines.len() + 1);
    complete_before.push(0usize);
    for &(_, q) in &target_lines {
        complete_before.push(complete_before.last().copied().unwrap_or(0) + usize::from(q));
    }
    let mut dp = vec![f64::INFINITY; n + 1];
    let mut back = vec![0usize; n + 1];
    dp[0] = 0.0;
    for i in 1..=n {
        for j in i.saturating_sub(MAX_ROW_LINES)..i {
            if dp[j].is_infinite() {
                continue;
            }
            let (lo, hi) = (lines[j], lines[i - 1]);
            let n0 = name_lines.partition_point(|&l| l < lo);
            let n1 = name_lines.partition_point(|&l| l <= hi);
            let t0 = target_lines.partition_point(|&(l, _)| l < lo);
            let t1 = target_lines.partition_point(|&(l, _)| l <= hi);
            if n0 == n1 || t0 == t1 {
                continue;
            }
            if complete_before[t1] - complete_before[t0] > 1 {
                continue;
            }
            let nm = mid(name_lines[n0], name_lines[n1 - 1]);
            let tm = mid(target_lines[t0].0, target_lines[t1 - 1].0);
            let cost = dp[j] + (nm - tm).abs() - 1.0;
            if cost < dp[i] {
                dp[i] = cost;
                back[i] = j;
            }
        }
    }
    // The names of lines lo..=hi, in their order, by binary search (a filter
    // per row was quadratic on hostile pages).
    let mut names_by_line: Vec<&Frag> = names.iter().collect();
    names_by_line.sort_by_key(|f| f.line);
    let names_of = |lo: usize, hi: usize| -> Vec<Frag> {
        let a = names_by_line.partition_point(|f| f.line < lo);
        let b = names_by_line.partition_point(|f| f.line <= hi);
        names_by_line[a..b.max(a)]
            .iter()
            .map(|&f| f.clone())
            .collect()
    };
    let mut cuts = Vec::new();
    let mut i = n;
    if dp[n].is_infinite() {
        // No consistent cut: one row per target, with its line's names.
        return targets
            .iter()
            .map(|t| TRow {
                name: names_of(t.line, t.line),
                target: vec![t.clone()],
                top: t.line,
                bottom: t.line,
                l1: None,
                l2: None,
            })
            .collect();
    }
    while i > 0 {
        cuts.push((back[i], i));
        i = back[i];
    }
    cuts.reverse();
    cuts.into_iter()
        .map(|(j, i)| {
            let (lo, hi) = (lines[j], lines[i - 1]);
            TRow {
                name: names_of(lo, hi),
                target: targets
                    .iter()
                    .filter(|f| f.line >= lo && f.line <= hi)
                    .cloned()
                    .collect(),
                top: lo,
                bottom: hi,
                l1: None,
                l2: None,
            }
        })
        .collect()
}

/// Assign rows to labels: each label takes a contiguous, non-empty group of
/// rows whose centre is as near as possible to the label's centre line. With
/// `carry`, a group of rows before the first label may keep the level carried
/// from the previous page. Returns the label index of each row.
fn rows_l2_parent(row: &TRow) -> Option<Level1> {
    row.l2.as_ref().and_then(Level2::canonical_parent)
}

/// The most cuts the level-label search of one page may weigh: about 20
/// times what the fixtures' largest page needs (1,026). Past it, each row
/// takes the nearest label.
const MAX_PARTITION_CUTS: usize = 20_000;

fn partition(
    rows: &[TRow],
    centers: &[f64],
    carry: bool,
    misfit: impl Fn(&TRow, usize) -> f64,
) -> Vec<Option<usize>> {
    let n = rows.len();
    let m = centers.len();
    if m == 0 {
        return vec![None; n];
    }
    // Every label takes at least one row, so the search below looks at
    // m * (n - m + 1) * (n - m + 2) / 2 cuts (the fixtures' pages: at most 1,026).
    let cuts = m.saturating_mul(
        (n + 1)
            .saturating_sub(m)
            .saturating_mul((n + 2).saturating_sub(m)),
    ) / 2;
    if m > n || cuts > MAX_PARTITION_CUTS {
        // More labels than rows, or too many of both (hostile text: the
        // fallback's one row per target can give thousands): nearest label
        // per row.
        return rows
            .iter()
            .map(|r| {
                let c = mid(r.top, r.bottom);
                (0..m).min_by(|&a, &b| (centers[a] - c).abs().total_cmp(&(centers[b] - c).abs()))
            })
            .collect();
    }
    // dp[k][i]: rows[..i] assigned to labels[..k]. misfit_before[k][i]: the
    // misfit of rows[..i] under label k (whole numbers: the sums are exact).
    let misfit_before: Vec<Vec<f64>> = (0..m)
        .map(|k| {
            let mut acc = Vec::with_capacity(n + 1);
            acc.push(0.0);
            for r in rows {
                acc.push(acc.last().copied().unwrap_or(0.0) + misfit(r, k));
            }
            acc
        })
        .collect();
    let inf = f64::INFINITY;
    let mut dp = vec![vec![inf; n + 1]; m + 1];
    let mut back = vec![vec![0usize; n + 1]; m + 1];
    if carry {
        for (i, slot) in dp[0].iter_mut().enumerate() {
            *slot = 0.0 + 0.01 * f64::from(u32::try_from(i).unwrap_or(u32::MAX));
        }
    } else {
        dp[0][0] = 0.0;
    }
    let tops: Vec<usize> = rows.iter().map(|r| r.top).collect();
    for k in 1..=m {
        let (done, todo) = dp.split_at_mut(k);
        let (prev, cur) = (&done[k - 1], &mut todo[0]);
        let back_k = &mut back[k];
        let fit_k = &misfit_before[k - 1];
        let center = centers[k - 1];
        // Every label takes at least one row, so only these states can lead
        // to all rows under all labels: rows[..i] under labels[..k] needs
        // i >= k and leaves n - i >= m - k rows; the previous label's state
        // j needs j >= k - 1. The states left out are unreachable or never
        // read back, so the groups are the same as over every (i, j).
        for i in k..=n - (m - k) {
            let bottom = rows[i - 1].bottom;
            let mut best = inf;
            let mut arg = 0;
            for (j, (&p, &top)) in prev.iter().zip(&tops).enumerate().take(i).skip(k - 1) {
                if p.is_infinite() {
                    continue;
                }
                let c = mid(top, bottom);
                // pdftotext puts a label centred between two lines on the
                // upper one: break ties that way.
                let below = if center > c { 0.01 } else { 0.0 };
                let fit = fit_k[i] - fit_k[j];
                let cost = p + (c - center).abs() + below + fit;
                if cost < best {
                    best = cost;
                    arg = j;
                }
            }
            cur[i] = best;
            back_k[i] = arg;
        }
    }
    super::groups_from_back(&back, n, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_split_at_double_spaces_and_labels() {
        let f = fragments(
            0,
            "项目名称 残疾人就业保障金         项目性质     经常性项目",
        );
        let t: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            t,
            ["项目名称", "残疾人就业保障金", "项目性质", "经常性项目"]
        );
        assert_eq!((f[1].x0, f[2].x0), (5, 22));
    }

    #[test]
    fn wrapped_labels_are_joined() {
        let lines = [
            "项目名 残疾人就业保",
            "                  项目性质",
            " 称  障金",
        ];
        let frags: Vec<Frag> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| fragments(i, l))
            .collect();
        let (_, labels, _) = find_labels(frags);
        assert!(labels
            .iter()
            .any(|l| l.kind == Kind::Project(vocab::ProjectField::Name)
                && (l.first, l.last) == (0, 2)));
    }
}

#[cfg(test)]
mod rebuild_tests {
    use super::*;

    fn rows(text: &str) -> Vec<String> {
        let lines = crate::text::lines(text);
        read(&lines)
            .into_iter()
            .map(|r| r.cells.join("|"))
            .collect()
    }

    #[test]
    fn wrapped_label_after_a_page_break() {
        let lines = [
            "        服务对象满",
            "满意度指标         周边居民满意度    ≥88.00(%)",
            "         意度指标",
        ];
        let frags: Vec<Frag> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| fragments(i, l))
            .collect();
        let (_, labels, _) = find_labels(frags);
        let kinds: Vec<&Kind> = labels.iter().map(|l| &l.kind).collect();
        assert_eq!(
            kinds,
            [
                &Kind::L2(Level2::ServiceSatisfaction),
                &Kind::L1(Level1::Satisfaction)
            ]
        );
        assert_eq!((labels[0].first, labels[0].last), (0, 2));
    }

    #[test]
    fn a_narrow_form_is_rebuilt() {
        // From fixtures/layouts/sample-c: labels, values and names wrapped.
        let text = "\
                    财政项目支出绩效目标申报表
                              (2026 年度)
项目名 离休人员特需
                  项目性质    经常性项目                     项目类别   其他人员类
 称  费
       项目资金总
                               年度资金申请总额:                     1,900.00
         额:
项目资    其中:财政资
                               其中:当年财政拨款                     1,900.00
金(元)      金
                                 上年结转资金                           0.00
       其他资金                        其他资金                           0.00
项目绩         项目总目标                          年度总体目标
效目标                       按时足额划转离休人员特需费。
       一级指标       二级指标             三级指标              年度(/项目)指标值
                          根据区老干部局的要求划转离休
       成本指标      经济成本指标                  按实
                          人员特需费
绩效指               数量指标    人员数量                =1.00(人)
 标
       产出指标       质量指标    核算准确性               准确
";
        assert_eq!(
            rows(text),
            [
                "财政项目支出绩效目标申报表",
                "(2026 年度)",
                "项目名称|离休人员特需费|项目性质|经常性项目|项目类别|其他人员类",
                "项目资金(元)|项目资金总额:||年度资金申请总额:|1,900.00",
                "|其中:财政资金||其中:当年财政拨款|1,900.00",
                "|||上年结转资金|0.00",
                "|其他资金||其他资金|0.00",
                "项目绩效目标|项目总目标||年度总体目标",
                "|||按时足额划转离休人员特需费。",
                "绩效指标|成本指标|经济成本指标|根据区老干部局的要求划转离休人员特需费|按实",
                "|产出指标|数量指标|人员数量|=1.00(人)",
                "|产出指标|质量指标|核算准确性|准确",
            ]
        );
    }

    #[test]
    fn rows_are_cut_around_centred_targets() {
        // Two one-line rows, then a two-line name centred on its target.
        let text = "\
       一级指标       二级指标             三级指标              年度(/项目)指标值
       成本指标      经济成本指标   专家慰问金额              ≥240000.00(元)
                  数量指标    专家慰问次数              ≥2.00(次)
                          清华大学研究生实践
绩效指    产出指标       质量指标                  科学
 标                       安排科学性
";
        let got = rows(text);
        assert_eq!(got[1], "|产出指标|数量指标|专家慰问次数|≥2.00(次)");
        assert_eq!(
            got[2],
            "|产出指标|质量指标|清华大学研究生实践安排科学性|科学"
        );
    }
}
