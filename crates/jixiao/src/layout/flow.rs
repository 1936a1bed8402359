//! Text that flows without columns (pdfplumber `extract_text()`): rebuild the
//! form's rows from line order and the shapes of labels and values, then hand
//! them to the tab grammar.
//!
//! What is left in this layout: each physical line holds the text fragments
//! that share a baseline, left to right, one space apart; a wrapped cell puts
//! each of its lines on a line of its own. There are no x positions. What the
//! reader relies on instead:
//!
//! - **Vertical centring.** Every cell is centred in its row, so a row's lines
//!   are symmetric about its centre: the line `d` above the centre and the
//!   line `d` below hold fragments of the same cells. One-line labels sit on
//!   the centre line, and a cell with an even number of lines never reaches it.
//! - **The vocabulary is closed.** Labels (and the pieces of a wrapped label,
//!   `项目名` + `称`, `服务对象` + `满意度指` + `标`) anchor a line's fragments
//!   to columns; pieces count only when a later line completes them.
//! - **Values have shapes.** Amounts, dates, targets (`≥95.00(%)`, `及时`),
//!   项目性质 (`…项目`) and 项目类别 (`…类`).
//!
//! Per part of the form:
//!
//! 1. **Project rows.** Label centres give each row's centre; rows are cut so
//!    that each is symmetric about it. Each line's unanchored fragments are
//!    given to the row's value cells in column order; mirrored lines must hold
//!    the same cells, cells of one line must share the parity of their line
//!    count (present on the centre line or not), the lines next to the centre
//!    belong to the cells with an even count, spaces between two CJK
//!    characters are where cells meet, and a wrapped cell's inner lines fill
//!    its column. Every reading is scored; when two best readings disagree on
//!    a cell, the cell is left empty and reported.
//! 2. **Funding.** Each right-hand label (`年度资金申请总额:`, `其中:当年财政拨款`,
//!    `上年结转资金`, the second `其他资金`) sits on its row's centre line
//!    with the row's one-line amounts: the amount just before it is the
//!    left-hand value, the one just after it its own; a left-hand amount
//!    wrapped in two ends the lines just above and below.
//! 3. **Goals.** The two texts (项目总目标, 年度总体目标) are paragraphs
//!    centred on one row; every split into a left and a right paragraph of
//!    `k` and `m` lines is tried, scored by how full the paragraphs' inner
//!    lines are, whether each ends a sentence, and where a line holding both
//!    is cut (between CJK characters, each part as wide as its column). A
//!    single paragraph is the 年度总体目标 (the annual form always states it;
//!    the 项目总目标 only accompanies it). When the two paragraphs never share
//!    a line, either could be the left one: the goal column widths of the
//!    document's other forms decide, or the goals are reported. A tie is
//!    reported.
//! 4. **Indicator table.** Leading level labels are stripped; the remaining
//!    lines are cut into rows by a dynamic programme in which each row is
//!    symmetric about the line holding its target; level labels are then given
//!    to contiguous groups of rows whose centre they sit on (per page: a
//!    footer line marks a page break, after which the levels carry on).
//!
//! Anything that cannot be placed is reported (`unread-in-layout`), never
//! guessed.

use crate::grammar::value::{parse_amount, parse_date, parse_year_line};
use crate::layout::spaced::Row;
use crate::model::{Level1, Level2, TargetKind};
use crate::text::{self, label_key, Line};
use crate::vocab;

/// Text the reader could not place: source line indices (0-based) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unread {
    pub first: usize,
    pub last: usize,
    pub message: String,
}

/// Rows rebuilt from flowing text, and what was left unread.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub rows: Vec<Row>,
    pub unread: Vec<Unread>,
    /// Column widths of goal paragraphs read for sure (left, right).
    goal_widths: (Vec<usize>, Vec<usize>),
    /// Goal blocks with two readings that differ only in which paragraph is
    /// left: settled by the widths of the other forms' goal columns.
    pending: Vec<PendingGoals>,
}

#[derive(Debug)]
struct PendingGoals {
    row: usize,
    first: usize,
    last: usize,
    readings: Vec<GoalRead>,
}

impl Read {
    pub(super) fn push(&mut self, cells: Vec<String>, lines: impl IntoIterator<Item = usize>) {
        let lines: Vec<usize> = lines.into_iter().collect();
        let first = lines.iter().copied().min().unwrap_or(0);
        let last = lines.iter().copied().max().unwrap_or(first);
        self.rows.push(Row { cells, first, last });
    }

    pub(super) fn unread(&mut self, first: usize, last: usize, message: String) {
        self.unread.push(Unread {
            first,
            last,
            message,
        });
    }
}

/// Report what was left unread, each on its source lines and, where the
/// lines fall inside a parsed form, with that form's index.
pub(crate) fn report(lines: &[Line<'_>], unread: Vec<Unread>, doc: &mut crate::Document) {
    let lines_of = |f: &crate::Form| (f.span.start_line as usize, f.span.end_line as usize);
    // Forms come in text order: when their first and last lines both rise,
    // the first form that holds a line is the first that does not end
    // before it, found by halving (a search form by form took 2.9 G
    // instructions for 68,000 unread cells of 12,000 forms, by callgrind).
    let ordered = doc
        .forms
        .windows(2)
        .all(|w| lines_of(&w[0]).0 <= lines_of(&w[1]).0 && lines_of(&w[0]).1 <= lines_of(&w[1]).1);
    for u in unread {
        let (Some(a), Some(b)) = (lines.get(u.first), lines.get(u.last)) else {
            continue;
        };
        let holds = |f: &crate::Form| (lines_of(f).0..=lines_of(f).1).contains(&a.no);
        let form = if ordered {
            let i = doc.forms.partition_point(|f| lines_of(f).1 < a.no);
            doc.forms.get(i).is_some_and(holds).then_some(i)
        } else {
            doc.forms.iter().position(holds)
        };
        doc.diagnostics.push(crate::Diagnostic {
            span: Some(crate::diagnostic::SourceSpan::lines(a, b)),
            ..crate::Diagnostic::new(crate::Code::UnreadInLayout, u.message, None, form)
        });
    }
}

/// A bound on the work spent on one project row: the most ways of reading
/// its lines (the product of each line's readings) that are weighed. The
/// fixtures' largest row has 270; each costs tens of thousands of
/// instructions, and fuzzed text of 429 bytes with rows of 7,425 took 40 ms
/// under the old bound of 20,000. Past it, the row's values are reported
/// unread.
const MAX_COMBOS: usize = 2_000;

/// The most tokens a line of a project row or of the goals may have for the
/// reader to try its readings (adversarial input).
const MAX_TOKENS: usize = 64;

/// The most lines and tokens per line of a goals block the reader tries to
/// split (adversarial input; real blocks have a dozen lines at most).
const MAX_GOAL_LINES: usize = 40;
const MAX_GOAL_TOKENS: usize = 40;

/// Labels are looked for among the first tokens of a line only.
const MAX_LABEL_TOKENS: usize = 256;

/// Whether a text without tabs or aligned columns looks like pdfplumber's
/// `extract_text()`: lines follow each other without blank lines (pdftotext's
/// default mode puts one between paragraphs) and some line holds two labels
/// of the project rows. Looks at a bounded prefix only.
pub(crate) fn looks_like_flow(input: &str) -> bool {
    let mut blank = 0usize;
    let mut filled = 0usize;
    let mut two_labels = false;
    for line in input.lines().take(400) {
        let t = text::trim(line);
        if t.is_empty() {
            blank += 1;
            continue;
        }
        filled += 1;
        if !two_labels && t.contains(' ') {
            let n = t
                .split(' ')
                .filter(|w| vocab::project_field(&label_key(w)).is_some())
                .count();
            two_labels = n >= 2;
        }
    }
    two_labels && blank * 10 <= filled
}

/// Split a line into tokens at whitespace.
pub(super) fn tokens(s: &str) -> Vec<String> {
    s.split(text::is_space)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// Whether a character is CJK-ish: not ASCII (full-width punctuation counts
/// as CJK here, as it sits in CJK text).
fn wide(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii())
}

/// Whether the space between two tokens sits between two CJK characters:
/// where two cells meet (a cell's own spaces sit next to Latin text or
/// punctuation).
fn cjk_gap(a: &str, b: &str) -> bool {
    wide(last_char(a)) && wide(first_char(b))
}

pub(super) fn join_all<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        text::push_wrapped(&mut out, p);
    }
    out
}

/// Display width of a token list joined by single spaces.
fn width(toks: &[String]) -> usize {
    toks.iter().map(|t| text::display_width(t)).sum::<usize>() + toks.len().saturating_sub(1)
}

/// Read a whole text.
pub(crate) fn read(lines: &[Line<'_>]) -> Read {
    let mut out = Read::default();
    let mut body: Vec<usize> = Vec::new();
    let mut preamble = true;
    let mut body_has_name = false;
    for (i, line) in lines.iter().enumerate() {
        if preamble {
            match preamble_row(line) {
                Some(cells) => {
                    out.push(cells, [i]);
                    continue;
                }
                None => preamble = false,
            }
        }
        if line.is_blank() {
            continue;
        }
        let t = text::trim(line.text);
        let key = label_key(t);
        let header = vocab::is_form_header(&key);
        let year = parse_year_line(t).is_some();
        if header || (year && !has_content(lines, &body)) {
            if !body.is_empty() && has_content(lines, &body) {
                form_body(lines, &body, &mut out);
                body.clear();
            }
            for &b in &body {
                out.push(vec![text::trim(lines[b].text).to_owned()], [b]);
            }
            body.clear();
            body_has_name = false;
            out.push(vec![t.to_owned()], [i]);
            continue;
        }
        // A second 项目名称 row starts a form whose title rows were lost.
        if has_name_label(t) {
            if body_has_name {
                form_body(lines, &body, &mut out);
                body.clear();
            }
            body_has_name = true;
        }
        body.push(i);
    }
    if !body.is_empty() {
        form_body(lines, &body, &mut out);
    }
    settle_goals(&mut out);
    out
}

/// Settle the goal blocks whose two paragraphs never share a line, so that
/// either could be the left one: one document prints every form with the same
/// columns, so a reading whose paragraphs are as wide as the goal columns of
/// the forms read for sure is taken; otherwise the goals are reported.
fn settle_goals(out: &mut Read) {
    let median = |v: &mut Vec<usize>| -> Option<usize> {
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    };
    let mut widths = std::mem::take(&mut out.goal_widths);
    let learned = (median(&mut widths.0), median(&mut widths.1));
    for p in std::mem::take(&mut out.pending) {
        let fits = |w: Option<usize>, col: Option<usize>| match (w, col) {
            (Some(w), Some(c)) => w.abs_diff(c) <= 3,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let distinct = learned
            .0
            .zip(learned.1)
            .is_some_and(|(l, r)| l.abs_diff(r) > 6);
        let matching: Vec<&GoalRead> = p
            .readings
            .iter()
            .filter(|g| distinct && fits(g.widths.0, learned.0) && fits(g.widths.1, learned.1))
            .collect();
        match matching.as_slice() {
            [g] => {
                if let Some(row) = out.rows.get_mut(p.row) {
                    row.cells = vec![String::new(), g.project.clone(), String::new(), g.annual.clone()];
                }
            }
            _ => out.unread(
                p.first,
                p.last,
                "the 项目绩效目标 texts were not read: the two goals never share a line, so either could be the 项目总目标".to_owned(),
            ),
        }
    }
}

/// Whether a line holds the 项目名称 label, whole.
pub(super) fn has_name_label(line: &str) -> bool {
    tokens(line).iter().any(|w| label_key(w) == "项目名称")
}

/// Before the first form: a line passed on as it is (a blank line as an empty
/// row, so that the grammar sees the text as written: a title, text outside
/// any form). `None` once a form starts: at a form title or a label.
pub(super) fn preamble_row(line: &Line<'_>) -> Option<Vec<String>> {
    if line.is_blank() {
        return Some(Vec::new());
    }
    let t = text::trim(line.text);
    let key = label_key(t);
    if vocab::is_form_header(&key)
        || parse_year_line(t).is_some()
        || tokens(t).iter().any(|w| {
            let k = label_key(w);
            vocab::is_structural_label(&k) || vocab::goal_label(&k).is_some()
        })
    {
        return None;
    }
    Some(vec![t.to_owned()])
}

fn has_content(lines: &[Line<'_>], body: &[usize]) -> bool {
    body.iter()
        .any(|&b| !crate::grammar::header::is_page_furniture(lines[b].text))
}

/// One line of a form body.
#[derive(Debug, Clone)]
struct FLine {
    /// Index into the source lines.
    src: usize,
    toks: Vec<String>,
    furniture: bool,
}

fn form_body(lines: &[Line<'_>], body: &[usize], out: &mut Read) {
    let fl: Vec<FLine> = body
        .iter()
        .map(|&i| FLine {
            src: i,
            toks: tokens(lines[i].text),
            furniture: crate::grammar::header::is_page_furniture(lines[i].text),
        })
        .collect();
    for l in fl.iter().filter(|l| l.furniture) {
        out.push(vec![l.toks.join(" ")], [l.src]);
    }
    let n = fl.len();
    let find = |from: usize, pred: &dyn Fn(&str) -> bool| {
        (from..n)
            .find(|&i| !fl[i].furniture && fl[i].toks.iter().any(|t| pred(&label_key(t))))
            .unwrap_or(n)
    };
    let funding = find(0, &|k| {
        vocab::funding_label(k).is_some_and(|l| l != vocab::FundingLabel::Other)
            || k.starts_with("项目资")
    });
    let goals = find(funding, &|k| {
        vocab::goal_label(k).is_some() || k.starts_with("项目绩")
    });
    let table = find(goals, &vocab::is_table_heading);
    project_region(&fl[..funding], out);
    funding_region(&fl[funding..goals], out);
    goals_region(&fl[goals..table], out);
    table_region(&fl[table..], out);
}

// ---------------------------------------------------------------------------
// Labels and their pieces.

/// A label found on one line or wrapped over several.
#[derive(Debug, Clone)]
pub(super) struct LabelOcc {
    /// The label's index in the list it was searched for.
    pub(super) label: usize,
    /// (line, token) of each piece, in order.
    pub(super) pieces: Vec<(usize, usize)>,
}

impl LabelOcc {
    fn first(&self) -> usize {
        self.pieces.first().map_or(0, |p| p.0)
    }
    fn last(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.0)
    }
    /// Twice the centre line (so that half lines are integers).
    fn center2(&self) -> usize {
        self.first() + self.last()
    }
}

/// Find labels (given by their keys) among the tokens of a block of lines,
/// whole or wrapped into pieces on later lines (up to `reach` lines on).
/// `only_leading`: labels are the leftmost columns, so only tokens before
/// the first non-label token of a line count. Returns the occurrences and,
/// per line, which tokens are label pieces.
pub(super) fn find_labels(
    lines: &[Vec<String>],
    labels: &[&str],
    reach: usize,
    only_leading: bool,
) -> (Vec<LabelOcc>, Vec<Vec<bool>>) {
    let keys: Vec<Vec<String>> = lines
        .iter()
        .map(|l| l.iter().map(|t| label_key(t)).collect())
        .collect();
    // Prefix starts that turned out never to be completed: tokens, not labels.
    let mut forbidden: Vec<(usize, usize)> = Vec::new();
    for _round in 0..8 {
        let mut used: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
        let mut occs: Vec<LabelOcc> = Vec::new();
        // Open pieces: (text so far, pieces).
        let mut open: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        let mut failed: Option<(usize, usize)> = None;
        for (li, lk) in keys.iter().enumerate() {
            // Drop open pieces out of reach.
            if let Some(pos) = open
                .iter()
                .position(|(_, p)| p.last().is_some_and(|&(l, _)| li > l + reach))
            {
                failed = Some(open[pos].1[0]);
                break;
            }
            for (ti, k) in lk.iter().enumerate().take(MAX_LABEL_TOKENS) {
                if k.is_empty() {
                    continue;
                }
                // Continue an open piece (leftmost first).
                let cont = open.iter().position(|(so_far, p)| {
                    p.last().is_some_and(|&(l, _)| l < li) && {
                        let joined = format!("{so_far}{k}");
                        labels.iter().any(|lab| lab.starts_with(joined.as_str()))
                    }
                });
                if let Some(o) = cont {
                    let (so_far, mut pieces) = open.remove(o);
                    let joined = format!("{so_far}{k}");
                    pieces.push((li, ti));
                    used[li][ti] = true;
                    if let Some(lab) = labels.iter().position(|lab| *lab == joined) {
                        occs.push(LabelOcc { label: lab, pieces });
                    } else {
                        open.insert(o, (joined, pieces));
                    }
                    continue;
                }
                if let Some(lab) = labels.iter().position(|lab| lab == k) {
                    used[li][ti] = true;
                    occs.push(LabelOcc {
                        label: lab,
                        pieces: vec![(li, ti)],
                    });
                    continue;
                }
                if k.chars().count() >= 2
                    && open.len() < MAX_TOKENS
                    && !forbidden.contains(&(li, ti))
                    && labels
                        .iter()
                        .any(|lab| lab.starts_with(k.as_str()) && lab.len() > k.len())
                {
                    used[li][ti] = true;
                    open.push((k.clone(), vec![(li, ti)]));
                    continue;
                }
                if only_leading {
                    break;
                }
            }
        }
        if failed.is_none() {
            failed = open.first().map(|(_, p)| p[0]);
        }
        match failed {
            Some(f) => forbidden.push(f),
            None => return (occs, used),
        }
    }
    // Give up on pieces: whole labels only.
    let mut used: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
    let mut occs = Vec::new();
    for (li, lk) in keys.iter().enumerate() {
        for (ti, k) in lk.iter().enumerate().take(MAX_LABEL_TOKENS) {
            if let Some(lab) = labels.iter().position(|lab| lab == k) {
                used[li][ti] = true;
                occs.push(LabelOcc {
                    label: lab,
                    pieces: vec![(li, ti)],
                });
            } else if only_leading {
                break;
            }
        }
    }
    (occs, used)
}

// ---------------------------------------------------------------------------
// Rows of label/value cells (project rows).

/// What a value cell must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Free,
    Nature,
    Category,
    Date,
}

pub(super) fn shape_ok(shape: Shape, value: &str) -> bool {
    let key = label_key(value);
    match shape {
        Shape::Free => !key.is_empty(),
        Shape::Nature => key.ends_with("项目") && key.chars().count() <= 8,
        Shape::Category => key.ends_with('类') && key.chars().count() <= 10,
        Shape::Date => parse_date(&key).is_some(),
    }
}

/// One reading of a line: the value cell of each unanchored token.
type LineReading = Vec<usize>;

/// Every way to give a line's unanchored tokens to value cells, in column
/// order: `anchors[t]` is `Some(col)` for a label token (labels sit at even
/// columns `2k`, value cell `v` at column `2v + 1`).
fn line_readings(anchors: &[Option<usize>], values: usize) -> Vec<LineReading> {
    fn rec(
        t: usize,
        min_col: usize,
        anchors: &[Option<usize>],
        values: usize,
        cur: &mut Vec<usize>,
        out: &mut Vec<LineReading>,
    ) {
        if out.len() > MAX_COMBOS {
            return;
        }
        if t == anchors.len() {
            out.push(cur.clone());
            return;
        }
        if let Some(col) = anchors[t] {
            if col + 1 >= min_col {
                rec(t + 1, col + 1, anchors, values, cur, out);
            }
            return;
        }
        // The next anchor bounds the columns.
        let max_col = anchors[t..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(2 * values);
        for v in 0..values {
            let col = 2 * v + 1;
            if col + 1 < min_col || col > max_col {
                continue;
            }
            cur.push(v);
            rec(t + 1, col, anchors, values, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    rec(0, 0, anchors, values, &mut cur, &mut out);
    out
}

/// The penalty of a line's reading: spaces between CJK characters inside a
/// cell, and cells cut at a space next to Latin text.
fn split_penalty(toks: &[String], anchors: &[Option<usize>], reading: &[usize]) -> u32 {
    let mut cols: Vec<Option<usize>> = Vec::with_capacity(toks.len());
    let mut r = reading.iter();
    for a in anchors {
        cols.push(match a {
            Some(_) => None,
            None => r.next().copied(),
        });
    }
    let mut p = 0;
    for t in 1..toks.len() {
        match (cols[t - 1], cols[t]) {
            (Some(a), Some(b)) if a == b && cjk_gap(&toks[t - 1], &toks[t]) => p += 3,
            (Some(a), Some(b)) if a != b && !cjk_gap(&toks[t - 1], &toks[t]) => p += 2,
            _ => {}
        }
    }
    p
}

/// One reading of one line of a project row, with what scoring needs of it
/// worked out once: a row weighs up to [`MAX_COMBOS`] combinations of its
/// lines' readings, and each line's part of the score depends only on its
/// own reading (and, for the mirror rule, on its mirror line's).
struct Weighed {
    /// The split penalty, plus 4 for a line above the centre whose mirror
    /// line is not in the row.
    score: u32,
    /// Whether the reading keeps the rules that concern its line alone.
    ok: bool,
    /// The value cells the reading fills, in order, repeats removed.
    present: Vec<usize>,
    /// Per value cell: its tokens on this line joined by spaces, and their
    /// display width.
    cells: Vec<Option<(String, usize)>>,
}

/// Read one row of label/value pairs over `lines` (indices into `fl`), with
/// the centre at `center2 / 2`. Returns each value cell's text (`None`: not
/// placed reliably) and whether some token was left over.
fn solve_row(
    fl: &[FLine],
    lines: &[usize],
    center2: usize,
    anchors: &[Vec<Option<usize>>],
    shapes: &[Shape],
) -> Vec<Option<String>> {
    let values = shapes.len();
    // Project values are short; a line of many tokens is not one of them.
    if lines.iter().any(|&l| fl[l].toks.len() > MAX_TOKENS) {
        return vec![None; values];
    }
    // Per line: its readings.
    let readings: Vec<Vec<LineReading>> = lines
        .iter()
        .map(|&l| line_readings(&anchors[l], values))
        .collect();
    // Cells on the centre line have an odd number of lines, the others an
    // even number: cells of both kinds never share a line.
    let mut odd: Vec<Option<bool>> = vec![None; values];
    if let Some(ci) = lines.iter().position(|&l| 2 * l == center2) {
        if readings[ci].len() == 1 {
            for (v, o) in odd.iter_mut().enumerate() {
                *o = Some(readings[ci][0].contains(&v));
            }
        }
    } else {
        odd = vec![Some(false); values];
    }
    // Enumerate all combinations (bounded).
    let total: usize = readings
        .iter()
        .map(|r| r.len().max(1))
        .try_fold(1usize, usize::checked_mul)
        .unwrap_or(usize::MAX);
    if total > MAX_COMBOS || readings.iter().any(Vec::is_empty) {
        return vec![None; values];
    }
    let even: Vec<usize> = (0..values).filter(|&v| odd[v] == Some(false)).collect();
    // Mirrored lines hold the same cells: each line above the centre and the
    // position of its mirror line in the row, if the row has it.
    let mirror: Vec<Option<usize>> = lines
        .iter()
        .map(|&l| {
            (2 * l < center2)
                .then(|| lines.iter().position(|&x| x == center2 - l))
                .flatten()
        })
        .collect();
    let rules = RowRules {
        center2,
        odd: &odd,
        even: &even,
    };
    let weighed: Vec<Vec<Weighed>> = lines
        .iter()
        .zip(&readings)
        .zip(&mirror)
        .map(|((&l, line), m)| {
            line.iter()
                .map(|r| rules.weigh(&fl[l].toks, &anchors[l], r, l, m.is_some()))
                .collect()
        })
        .collect();
    let mut best: Option<(u32, Vec<Option<String>>)> = None;
    let mut tied: Vec<Vec<Option<String>>> = Vec::new();
    let mut idx = vec![0usize; lines.len()];
    loop {
        // Score this combination. Every penalty only adds: a combination
        // already worse than the best so far cannot become the best or tie
        // with it, so its texts are not built.
        let chosen = |k: usize| &weighed[k][idx[k]];
        let mut score = 0u32;
        let mut ok = true;
        for (k, mirror) in mirror.iter().enumerate() {
            let w = chosen(k);
            score += w.score;
            ok &= w.ok && mirror.map_or(true, |mk| chosen(mk).present == w.present);
        }
        let beaten = |score: u32| best.as_ref().is_some_and(|(b, _)| score > *b);
        if ok && !beaten(score) {
            for v in 0..values {
                score += fullness_of(
                    (0..lines.len()).filter_map(|k| chosen(k).cells[v].as_ref().map(|c| c.1)),
                );
            }
        }
        if ok && !beaten(score) {
            let mut texts: Vec<Option<String>> = vec![None; values];
            for (v, text) in texts.iter_mut().enumerate() {
                let mut parts = (0..lines.len())
                    .filter_map(|k| chosen(k).cells[v].as_ref().map(|c| c.0.as_str()))
                    .peekable();
                if parts.peek().is_none() {
                    continue;
                }
                let joined = join_all(parts);
                if !shape_ok(shapes[v], &joined) {
                    score += 6;
                }
                *text = Some(joined);
            }
            match &best {
                Some((b, _)) if score > *b => {}
                Some((b, t)) if score == *b => {
                    if *t != texts {
                        tied.push(texts);
                    }
                }
                _ => {
                    best = Some((score, texts));
                    tied.clear();
                }
            }
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == lines.len() {
                return finish(best, &tied, shapes);
            }
            idx[k] += 1;
            if idx[k] < readings[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

/// What the rules for one line of a project row need to know of the row.
struct RowRules<'a> {
    /// Twice the row's centre line.
    center2: usize,
    /// Per value cell: whether it has an odd number of lines, if known.
    odd: &'a [Option<bool>],
    /// The value cells with an even number of lines.
    even: &'a [usize],
}

impl RowRules<'_> {
    /// Work out the part of the row's score that line `line` (tokens `toks`,
    /// labels at `anchors`) gives for one of its readings, `mirrored` when
    /// the row holds the line's mirror (see [`Weighed`]).
    fn weigh(
        &self,
        toks: &[String],
        anchors: &[Option<usize>],
        reading: &[usize],
        line: usize,
        mirrored: bool,
    ) -> Weighed {
        let Self { center2, odd, even } = *self;
        let mut score = split_penalty(toks, anchors, reading);
        if 2 * line < center2 && !mirrored {
            score += 4;
        }
        let mut present: Vec<usize> = reading.to_vec();
        present.dedup();
        let mut ok = true;
        // Cells of odd and even line counts never share a line off the centre.
        if 2 * line != center2 && present.windows(2).any(|w| odd[w[0]] != odd[w[1]]) {
            ok = false;
        }
        // The lines next to the centre are the first lines of the cells with an
        // even number of lines, when there are such cells.
        if (2 * line + 1 == center2 || 2 * line + 2 == center2)
            && (2 * line < center2)
            && !even.is_empty()
            && present.iter().any(|v| !even.contains(v))
        {
            ok = false;
        }
        let mut cells: Vec<Option<(String, usize)>> = vec![None; odd.len()];
        let mut cells_of = reading.iter();
        for (t, a) in anchors.iter().enumerate() {
            if a.is_some() {
                continue;
            }
            let Some(&cell) = cells_of.next() else {
                break;
            };
            let tok = &toks[t];
            match &mut cells[cell] {
                Some((s, w)) => {
                    s.push(' ');
                    s.push_str(tok);
                    *w += 1 + text::display_width(tok);
                }
                slot @ None => *slot = Some((tok.clone(), text::display_width(tok))),
            }
        }
        Weighed {
            score,
            ok,
            present,
            cells,
        }
    }
}

/// The penalty for a wrapped cell whose inner lines do not fill its column:
/// every line but the last is as wide as the widest, within a character.
pub(super) fn fullness(lines: &[Vec<String>]) -> u32 {
    fullness_of(lines.iter().map(|l| width(l)))
}

/// [`fullness`] of lines given by their widths.
fn fullness_of(widths: impl Iterator<Item = usize> + Clone) -> u32 {
    let w = widths.clone().max().unwrap_or(0);
    let mut widths = widths.peekable();
    let mut penalty = 0u32;
    while let Some(width) = widths.next() {
        if widths.peek().is_none() {
            break; // the last line may be short
        }
        let short = w.saturating_sub(width);
        if short > 3 {
            penalty += u32::try_from(short).unwrap_or(u32::MAX).min(40);
        }
    }
    penalty
}

fn finish(
    best: Option<(u32, Vec<Option<String>>)>,
    tied: &[Vec<Option<String>>],
    shapes: &[Shape],
) -> Vec<Option<String>> {
    let Some((_, mut texts)) = best else {
        return vec![None; shapes.len()];
    };
    for (v, t) in texts.iter_mut().enumerate() {
        if tied.iter().any(|o| o[v] != *t) {
            *t = None;
        }
        if t.as_deref().is_some_and(|s| !shape_ok(shapes[v], s)) {
            *t = None;
        }
    }
    texts
}

pub(super) const PROJECT_LABELS: [&str; 7] = [
    "项目名称",
    "项目性质",
    "项目类别",
    "主管部门",
    "实施单位",
    "计划开始日期",
    "计划完成日期",
];

fn project_region(fl: &[FLine], out: &mut Read) {
    let lines: Vec<usize> = (0..fl.len()).filter(|&i| !fl[i].furniture).collect();
    if lines.is_empty() {
        return;
    }
    let toks: Vec<Vec<String>> = fl.iter().map(|l| l.toks.clone()).collect();
    let (mut occs, used) = find_labels(&toks, &PROJECT_LABELS, 3, false);
    // Synonyms written whole (项目属性, 主管单位 …).
    for (li, l) in toks.iter().enumerate() {
        for (ti, t) in l.iter().enumerate() {
            if used[li][ti] {
                continue;
            }
            if let Some(f) = vocab::project_field(&label_key(t)) {
                if let Some(lab) = PROJECT_LABELS.iter().position(|x| *x == f.label()) {
                    occs.push(LabelOcc {
                        label: lab,
                        pieces: vec![(li, ti)],
                    });
                }
            }
        }
    }
    // Rows: (label indices, value shapes).
    let specs: [(&[usize], &[Shape]); 3] = [
        (&[0, 1, 2], &[Shape::Free, Shape::Nature, Shape::Category]),
        (&[3, 4], &[Shape::Free, Shape::Free]),
        (&[5, 6], &[Shape::Date, Shape::Date]),
    ];
    // Each row's centre (twice), from its labels.
    let mut rows: Vec<(usize, usize)> = Vec::new(); // (spec, center2)
    for (s, (labs, _)) in specs.iter().enumerate() {
        let found: Vec<&LabelOcc> = occs.iter().filter(|o| labs.contains(&o.label)).collect();
        if found.is_empty() {
            continue;
        }
        // One-line labels pin the centre exactly; else the mean of all.
        let centers: Vec<usize> = found.iter().map(|o| o.center2()).collect();
        let c = centers.iter().sum::<usize>() / centers.len();
        if centers.iter().any(|&x| x != c) {
            out.unread(
                fl[lines[0]].src,
                fl[*lines.last().unwrap_or(&0)].src,
                "the labels of one project row do not share a centre line".to_owned(),
            );
            continue;
        }
        rows.push((s, c));
    }
    rows.sort_by_key(|r| r.1);
    // Cut the lines into rows symmetric about their centres.
    let first = lines[0];
    let last = *lines.last().unwrap_or(&first);
    let mut start = first;
    let mut ranges: Vec<Option<(usize, usize)>> = Vec::new();
    let mut consistent = true;
    for &(_, c2) in &rows {
        if 2 * start > c2 {
            consistent = false;
            ranges.push(None);
            continue;
        }
        let end = c2 - start;
        ranges.push(Some((start, end)));
        start = end + 1;
    }
    if start != last + 1 {
        consistent = false;
    }
    if !consistent {
        // Fall back to the nearest centre; lines halfway are not read.
        let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
        for &l in &lines {
            let d: Vec<usize> = rows.iter().map(|r| (2 * l).abs_diff(r.1)).collect();
            let Some(min) = d.iter().copied().min() else {
                continue;
            };
            let near: Vec<usize> = (0..rows.len()).filter(|&k| d[k] == min).collect();
            if near.len() == 1 {
                assigned[near[0]].push(l);
            }
        }
        ranges = assigned
            .iter()
            .map(|a| Some((*a.first()?, *a.last()?)))
            .collect();
    }
    let piece_of: std::collections::HashMap<(usize, usize), usize> = occs
        .iter()
        .flat_map(|o| o.pieces.iter().map(move |p| (*p, o.label)))
        .collect();
    let mut covered = vec![false; fl.len()];
    for (k, &(s, c2)) in rows.iter().enumerate() {
        let Some((lo, hi)) = ranges.get(k).copied().flatten() else {
            continue;
        };
        let (labs, shapes) = specs[s];
        let row_lines: Vec<usize> = (lo..=hi.min(fl.len() - 1))
            .filter(|&l| !fl[l].furniture)
            .collect();
        // Anchors: label tokens at their column.
        let anchors: Vec<Vec<Option<usize>>> = (0..fl.len())
            .map(|li| {
                (0..fl[li].toks.len())
                    .map(|ti| {
                        piece_of
                            .get(&(li, ti))
                            .and_then(|lab| labs.iter().position(|x| x == lab))
                            .map(|p| 2 * p)
                    })
                    .collect()
            })
            .collect();
        // A label token of another row on these lines: cannot read.
        let foreign = row_lines.iter().any(|&l| {
            (0..fl[l].toks.len())
                .any(|ti| anchors[l][ti].is_none() && piece_of.contains_key(&(l, ti)))
        });
        let texts = if foreign {
            vec![None; shapes.len()]
        } else {
            solve_row(fl, &row_lines, c2, &anchors, shapes)
        };
        let mut cells = Vec::new();
        for (p, &lab) in labs.iter().enumerate() {
            cells.push(PROJECT_LABELS[lab].to_owned());
            let v = texts.get(p).cloned().flatten();
            if v.is_none() {
                out.unread(
                    fl[row_lines.first().copied().unwrap_or(lo)].src,
                    fl[row_lines.last().copied().unwrap_or(hi)].src,
                    format!(
                        "the {} value was not read: its fragments cannot be told from the cells around them",
                        PROJECT_LABELS[lab]
                    ),
                );
            }
            cells.push(v.unwrap_or_default());
        }
        for &l in &row_lines {
            covered[l] = true;
        }
        out.push(cells, row_lines.iter().map(|&l| fl[l].src));
    }
    for &l in &lines {
        if !covered[l] {
            out.unread(
                fl[l].src,
                fl[l].src,
                format!(
                    "a line of the project rows was not read: {:?}",
                    fl[l].toks.join(" ")
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Funding.

fn funding_region(fl: &[FLine], out: &mut Read) {
    if fl.is_empty() {
        return;
    }
    let srcs: Vec<usize> = fl.iter().map(|l| l.src).collect();
    let first = srcs[0];
    let last = *srcs.last().unwrap_or(&first);
    // The unit: a token ending in (元) or (万元).
    let mut unit: Option<&str> = None;
    for l in fl {
        for t in &l.toks {
            let k = label_key(t);
            if k.ends_with("(万元)") {
                unit = Some("万元");
            } else if k.ends_with("(元)") {
                unit.get_or_insert("元");
            }
        }
    }
    let header = unit.map_or_else(|| "项目资金".to_owned(), |u| format!("项目资金({u})"));
    // Rows by their right-hand label.
    let mut rows: [[Option<String>; 2]; 4] = Default::default();
    let mut used_lines: Vec<usize> = Vec::new();
    let mut placed = vec![Vec::<bool>::new(); fl.len()];
    let mut wrapped: Vec<(usize, usize)> = Vec::new();
    for (li, l) in fl.iter().enumerate() {
        placed[li] = vec![false; l.toks.len()];
        let keys: Vec<String> = l.toks.iter().map(|t| label_key(t)).collect();
        let others: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| vocab::funding_label(k) == Some(vocab::FundingLabel::Other))
            .map(|(i, _)| i)
            .collect();
        for (ti, k) in keys.iter().enumerate() {
            let row = match vocab::funding_label(k) {
                Some(vocab::FundingLabel::AnnualTotal) => 0,
                Some(vocab::FundingLabel::AnnualAppropriation) => 1,
                Some(vocab::FundingLabel::AnnualCarryover) => 2,
                Some(vocab::FundingLabel::Other) if others.len() == 2 && ti == others[1] => 3,
                // A lone 其他资金 with two amounts around it, or none before it.
                Some(vocab::FundingLabel::Other) if others.len() == 1 => {
                    let before = ti > 0 && parse_amount(&keys[ti - 1]).is_some();
                    if before {
                        3
                    } else {
                        continue;
                    }
                }
                _ => continue,
            };
            used_lines.push(li);
            if row != 2 && ti > 0 && parse_amount(&keys[ti - 1]).is_some() {
                rows[row][0] = Some(l.toks[ti - 1].clone());
                placed[li][ti - 1] = true;
            } else if row != 2 && ti + 1 < keys.len() && parse_amount(&keys[ti + 1]).is_some() {
                // The left amount wrapped: its halves end the lines just
                // above and below (the right amount is on the centre line).
                if let Some((a, b, text)) = wrapped_amount(fl, li) {
                    rows[row][0] = Some(text);
                    wrapped.push(a);
                    wrapped.push(b);
                }
            }
            if ti + 1 < keys.len() && parse_amount(&keys[ti + 1]).is_some() {
                rows[row][1] = Some(l.toks[ti + 1].clone());
                placed[li][ti + 1] = true;
            }
        }
    }
    for (li, ti) in wrapped {
        if let Some(p) = placed.get_mut(li).and_then(|p| p.get_mut(ti)) {
            *p = true;
        }
    }
    // Amounts that went nowhere are reported.
    for (li, l) in fl.iter().enumerate() {
        for (ti, t) in l.toks.iter().enumerate() {
            if !placed[li][ti] && parse_amount(&label_key(t)).is_some() {
                out.unread(
                    l.src,
                    l.src,
                    format!("the amount {t} in the 项目资金 block was not placed"),
                );
            }
        }
    }
    let v = |r: usize, k: usize| rows[r][k].clone().unwrap_or_default();
    let lines = || srcs.iter().copied();
    out.push(
        vec![
            header,
            "项目资金总额:".to_owned(),
            v(0, 0),
            "年度资金申请总额:".to_owned(),
            v(0, 1),
        ],
        lines(),
    );
    out.push(
        vec![
            String::new(),
            "其中:财政资金".to_owned(),
            v(1, 0),
            "其中:当年财政拨款".to_owned(),
            v(1, 1),
        ],
        [first, last],
    );
    out.push(
        vec![
            String::new(),
            String::new(),
            String::new(),
            "上年结转资金".to_owned(),
            v(2, 1),
        ],
        [first, last],
    );
    out.push(
        vec![
            String::new(),
            "其他资金".to_owned(),
            v(3, 0),
            "其他资金".to_owned(),
            v(3, 1),
        ],
        [first, last],
    );
    for (r, name) in [
        "年度资金申请总额",
        "其中:当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    .iter()
    .enumerate()
    {
        if rows[r][1].is_none() {
            out.unread(
                first,
                last,
                format!("the amount of {name} was not read: no amount beside its label"),
            );
        }
    }
}

/// A token's place: (line, token).
type Place = (usize, usize);

/// An amount wrapped over the lines just above and below line `li`: the last
/// token of each when both are digits, commas and points and they join into
/// an amount. Returns the two tokens' places and the joined text.
fn wrapped_amount(fl: &[FLine], li: usize) -> Option<(Place, Place, String)> {
    let above = li.checked_sub(1)?;
    let below = li + 1;
    let numeric = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    let (a, b) = (fl.get(above)?, fl.get(below)?);
    if a.furniture || b.furniture {
        return None;
    }
    let ta = a.toks.len().checked_sub(1)?;
    let tb = b.toks.len().checked_sub(1)?;
    if !numeric(&a.toks[ta]) || !numeric(&b.toks[tb]) {
        return None;
    }
    let joined = format!("{}{}", a.toks[ta], b.toks[tb]);
    parse_amount(&joined)?;
    Some(((above, ta), (below, tb), joined))
}

// ---------------------------------------------------------------------------
// Goals.

const GOAL_BLOCK: [&str; 1] = ["项目绩效目标"];

fn goals_region(fl: &[FLine], out: &mut Read) {
    if fl.is_empty() {
        return;
    }
    let first = fl[0].src;
    let last = fl[fl.len() - 1].src;
    // Goal labels go; block label pieces at the start of lines go.
    let mut content: Vec<(usize, Vec<String>)> = Vec::new();
    let toks: Vec<Vec<String>> = fl.iter().map(|l| l.toks.clone()).collect();
    let (_, used) = find_labels(&toks, &GOAL_BLOCK, 3, true);
    for (li, l) in fl.iter().enumerate() {
        if l.furniture {
            continue;
        }
        let mut rest = Vec::new();
        for (ti, t) in l.toks.iter().enumerate() {
            if used[li][ti] {
                continue;
            }
            match vocab::goal_label(&label_key(t)) {
                Some(_) => {}
                None => rest.push(t.clone()),
            }
        }
        if !rest.is_empty() {
            content.push((l.src, rest));
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
    if content.is_empty() {
        return;
    }
    let srcs: Vec<usize> = content.iter().map(|c| c.0).collect();
    match split_goals(&content.iter().map(|c| c.1.clone()).collect::<Vec<_>>()) {
        Split::Read(g) => {
            if let (Some(l), Some(r)) = g.widths {
                out.goal_widths.0.push(l);
                out.goal_widths.1.push(r);
            }
            out.push(vec![String::new(), g.project, String::new(), g.annual], srcs);
        }
        Split::Tied(readings) => {
            out.pending.push(PendingGoals {
                row: out.rows.len(),
                first: srcs[0],
                last: *srcs.last().unwrap_or(&last),
                readings,
            });
            out.push(vec![String::new(); 4], srcs);
        }
        Split::Unread => out.unread(
            srcs[0],
            *srcs.last().unwrap_or(&last),
            "the 项目绩效目标 texts were not read: the lines of the two goals cannot be told apart reliably".to_owned(),
        ),
    }
}

/// Which goal a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Left,
    Right,
    Both,
}

/// One reading of the goals block.
#[derive(Debug, Clone)]
struct GoalRead {
    project: String,
    annual: String,
    /// Each paragraph's column width, when it has two lines or more.
    widths: (Option<usize>, Option<usize>),
}

/// The outcome of reading a goals block.
#[derive(Debug)]
enum Split {
    Read(GoalRead),
    /// Readings that score alike and differ only in which paragraph is left.
    Tied(Vec<GoalRead>),
    Unread,
}

/// Split the goal lines into the 项目总目标 (left) and 年度总体目标 (right)
/// paragraphs.
fn split_goals(lines: &[Vec<String>]) -> Split {
    let n = lines.len();
    if n > MAX_GOAL_LINES || lines.iter().any(|l| l.len() > MAX_GOAL_TOKENS) {
        return Split::Unread;
    }
    let mut best: Option<u32> = None;
    let mut reads: Vec<GoalRead> = Vec::new();
    for kl in 0..=n {
        for kr in 0..=n {
            if kl + kr < n {
                continue;
            }
            let Some(pattern) = interleave(kl, kr) else {
                continue;
            };
            if pattern.len() != n {
                continue;
            }
            let Some((score, read)) = score_goals(lines, &pattern) else {
                continue;
            };
            let score = score + if kr == 0 { 6 } else { 0 };
            match best {
                Some(b) if score > b => {}
                Some(b) if score == b => {
                    if !reads
                        .iter()
                        .any(|r| r.project == read.project && r.annual == read.annual)
                    {
                        reads.push(read);
                    }
                }
                _ => {
                    best = Some(score);
                    reads = vec![read];
                }
            }
        }
    }
    // One paragraph with a line that is wider than its others and holds a
    // space between CJK characters may as well be two paragraphs side by
    // side: not taken.
    let mut widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
    widths.sort_unstable();
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0);
    let gap = lines
        .iter()
        .any(|l| width(l) * 4 > median * 5 && l.windows(2).any(|w| cjk_gap(&w[0], &w[1])));
    if gap
        && reads
            .iter()
            .any(|r| r.project.is_empty() || r.annual.is_empty())
    {
        return Split::Unread;
    }
    match reads.len() {
        1 => Split::Read(reads.remove(0)),
        2 if reads[0].project == reads[1].annual && reads[0].annual == reads[1].project => {
            Split::Tied(reads)
        }
        _ => Split::Unread,
    }
}

/// The lines of two paragraphs of `kl` and `kr` lines centred on one row,
/// top to bottom.
fn interleave(kl: usize, kr: usize) -> Option<Vec<Holds>> {
    if kl == 0 && kr == 0 {
        return None;
    }
    // Levels in half lines, offset so that they are non-negative.
    let top = kl.max(kr);
    let level = |k: usize, i: usize| 2 * i + (top - k);
    let mut out: Vec<(usize, Holds)> = Vec::new();
    for i in 0..kl {
        out.push((level(kl, i), Holds::Left));
    }
    for i in 0..kr {
        let y = level(kr, i);
        if let Some(e) = out.iter_mut().find(|e| e.0 == y) {
            e.1 = Holds::Both;
        } else {
            out.push((y, Holds::Right));
        }
    }
    out.sort_by_key(|e| e.0);
    Some(out.into_iter().map(|e| e.1).collect())
}

fn score_goals(lines: &[Vec<String>], pattern: &[Holds]) -> Option<(u32, GoalRead)> {
    // First the lines that hold both goals and have exactly one space
    // between CJK characters: that is where the cells meet.
    let mut cut: Vec<Option<usize>> = lines
        .iter()
        .zip(pattern)
        .map(|(toks, h)| {
            if *h != Holds::Both {
                return None;
            }
            let gaps: Vec<usize> = (1..toks.len())
                .filter(|&k| cjk_gap(&toks[k - 1], &toks[k]))
                .collect();
            match gaps.as_slice() {
                [k] => Some(*k),
                _ => None,
            }
        })
        .collect();
    // Column widths from what is known so far.
    let part = |i: usize, left: bool| -> Option<usize> {
        let toks = &lines[i];
        match (pattern[i], left) {
            (Holds::Left, true) | (Holds::Right, false) => Some(width(toks)),
            (Holds::Both, _) => cut[i].map(|k| {
                if left {
                    width(&toks[..k])
                } else {
                    width(&toks[k..])
                }
            }),
            _ => None,
        }
    };
    let wl = (0..lines.len()).filter_map(|i| part(i, true)).max();
    let wr = (0..lines.len()).filter_map(|i| part(i, false)).max();
    let last_of = |h: Holds| pattern.iter().rposition(|p| *p == h || *p == Holds::Both);
    let (last_l, last_r) = (last_of(Holds::Left), last_of(Holds::Right));
    let fit = |w: usize, col: Option<usize>, last: bool| -> u32 {
        let Some(c) = col else { return 0 };
        if w > c + 2 {
            return 20;
        }
        if last {
            return 0;
        }
        u32::try_from(c.abs_diff(w)).unwrap_or(u32::MAX).min(20)
    };
    let mut score = 0u32;
    for i in 0..lines.len() {
        if pattern[i] != Holds::Both || cut[i].is_some() {
            continue;
        }
        let toks = &lines[i];
        let mut best: Option<(u32, usize)> = None;
        let mut tie = false;
        for k in 1..toks.len() {
            let c = if cjk_gap(&toks[k - 1], &toks[k]) {
                0
            } else {
                3
            } + fit(width(&toks[..k]), wl, last_l == Some(i))
                + fit(width(&toks[k..]), wr, last_r == Some(i));
            match best {
                Some((b, _)) if c > b => {}
                Some((b, _)) if c == b => tie = true,
                _ => {
                    best = Some((c, k));
                    tie = false;
                }
            }
        }
        let (c, k) = best?;
        if tie {
            return None;
        }
        score += c;
        cut[i] = Some(k);
    }
    let mut left: Vec<Vec<String>> = Vec::new();
    let mut right: Vec<Vec<String>> = Vec::new();
    for (i, toks) in lines.iter().enumerate() {
        match (pattern[i], cut[i]) {
            (Holds::Left, _) => left.push(toks.clone()),
            (Holds::Right, _) => right.push(toks.clone()),
            (Holds::Both, Some(k)) => {
                left.push(toks[..k].to_vec());
                right.push(toks[k..].to_vec());
            }
            (Holds::Both, None) => return None,
        }
    }
    for para in [&left, &right] {
        let Some(last) = para.last() else {
            continue;
        };
        if !last
            .last()
            .and_then(|t| last_char(t))
            .is_some_and(|c| matches!(c, '。' | '.' | ';' | '；' | '!'))
        {
            score += 3;
        }
        score += fullness(para);
        for l in &para[..para.len() - 1] {
            if l.last().and_then(|t| last_char(t)) == Some('。') {
                score += 1;
            }
        }
        // A space between CJK characters inside a paragraph line.
        for l in para {
            for k in 1..l.len() {
                if cjk_gap(&l[k - 1], &l[k]) {
                    score += 5;
                }
            }
        }
    }
    let text = |p: &[Vec<String>]| {
        let joined: Vec<String> = p.iter().map(|l| l.join(" ")).collect();
        join_all(joined.iter().map(String::as_str))
    };
    let col =
        |p: &[Vec<String>]| (p.len() >= 2).then(|| p.iter().map(|l| width(l)).max().unwrap_or(0));
    Some((
        score,
        GoalRead {
            project: text(&left),
            annual: text(&right),
            widths: (col(&left), col(&right)),
        },
    ))
}

// ---------------------------------------------------------------------------
// The indicator table.

pub(super) const TABLE_LABELS: [&str; 34] = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标内容",
    "指标值",
    "年度指标值",
    "年度(/项目)指标值",
    "年度(项目)指标值",
    "指标值及单位",
    "绩效指标值",
    "成本指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "效果指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "环境成本指标",
    "生态成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "环境效益指标",
    "生态环境效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众或服务对象满意度指标",
    "项目绩效指标",
    "产出(工作量)指标",
];

pub(super) fn is_quantitative(t: &str) -> bool {
    crate::grammar::target::parse_target(t).kind == TargetKind::Quantitative
}

/// Whether a token is a label of the form's other parts (a project, funding
/// or goal label): never part of an indicator row.
fn is_label_token(t: &str) -> bool {
    let k = label_key(t);
    vocab::project_field(&k).is_some()
        || vocab::funding_label(&k).is_some()
        || vocab::goal_label(&k).is_some()
}

/// Whether a token can be a whole target.
pub(super) fn target_ok(t: &str) -> bool {
    if is_quantitative(t) {
        return true;
    }
    let n = t.chars().count();
    n <= 14
        && !t.contains([',', '，', '(', '（'])
        && !t.chars().any(|c| c.is_ascii_alphabetic())
        && !vocab::is_structural_label(&label_key(t))
}

/// One indicator row being rebuilt.
#[derive(Debug, Clone)]
struct TRow {
    /// First and last content line (indices into the table lines).
    top: usize,
    bottom: usize,
    /// Where the first and last content line sit (see `table_region`).
    top_y: usize,
    bottom_y: usize,
    name: String,
    target: String,
    l1: Option<Level1>,
    l2: Option<Level2>,
}

fn table_region(fl: &[FLine], out: &mut Read) {
    if fl.is_empty() {
        return;
    }
    // The heading line is labels only (with the block label before it).
    let body = fl;
    let toks: Vec<Vec<String>> = body
        .iter()
        .map(|l| {
            if l.furniture {
                Vec::new()
            } else {
                l.toks.clone()
            }
        })
        .collect();
    let (occs, used) = find_labels(&toks, &TABLE_LABELS, 4, true);
    // Content per line: what is left after the leading labels.
    let content: Vec<Vec<String>> = toks
        .iter()
        .enumerate()
        .map(|(li, l)| {
            l.iter()
                .enumerate()
                .filter(|(ti, _)| !used[li][*ti])
                .map(|(_, t)| t.clone())
                .collect()
        })
        .collect();
    // Pages: a footer line cuts.
    let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
    for (li, l) in body.iter().enumerate() {
        if l.furniture {
            segments.push(Vec::new());
        } else if !content[li].is_empty() {
            if let Some(s) = segments.last_mut() {
                s.push(li);
            }
        }
    }
    // Where each line sits: content lines one after another; a line holding
    // only level labels sits between its neighbours (a merged label is
    // centred on its group of rows and takes no height of its own).
    let mut y2: Vec<usize> = Vec::with_capacity(body.len());
    let mut k = 0usize;
    for (li, l) in body.iter().enumerate() {
        if !l.furniture && !content[li].is_empty() {
            k += 1;
            y2.push(2 * k);
        } else {
            y2.push(2 * k + 1);
        }
    }
    let mut all: Vec<TRow> = Vec::new();
    let mut carry1: Option<Level1> = None;
    let mut carry2: Option<Level2> = None;
    // The page of each line: footers before it.
    let mut page_of: Vec<usize> = Vec::with_capacity(body.len());
    let mut pages = 0usize;
    for l in body {
        if l.furniture {
            pages += 1;
        }
        page_of.push(pages);
    }
    // Labels per page, in order.
    let mut by_page: Vec<Vec<&LabelOcc>> = vec![Vec::new(); segments.len()];
    for o in &occs {
        if let Some(p) = page_of.get(o.first()).and_then(|&p| by_page.get_mut(p)) {
            p.push(o);
        }
    }
    for (page, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            continue;
        }
        let Some(mut rows) = table_rows(seg, &content, &y2) else {
            out.unread(
                body[seg[0]].src,
                body[*seg.last().unwrap_or(&seg[0])].src,
                "indicator rows were not read: their names and targets cannot be paired reliably"
                    .to_owned(),
            );
            continue;
        };
        let on_page: &[&LabelOcc] = by_page.get(page).map_or(&[], Vec::as_slice);
        let l1s: Vec<(usize, Level1)> = on_page
            .iter()
            .filter_map(|o| {
                vocab::level1(TABLE_LABELS[o.label]).map(|l| (y2[o.first()] + y2[o.last()], l))
            })
            .collect();
        let l2s: Vec<(usize, Level2)> = on_page
            .iter()
            .filter_map(|o| {
                vocab::level2(TABLE_LABELS[o.label]).map(|l| (y2[o.first()] + y2[o.last()], l))
            })
            .collect();
        let carry = page > 0 && !all.is_empty();
        let g2 = partition(
            &rows,
            &l2s.iter().map(|x| x.0).collect::<Vec<_>>(),
            carry,
            |_, _| 0,
        );
        for (i, r) in rows.iter_mut().enumerate() {
            r.l2 = match g2[i] {
                Some(k) => Some(l2s[k].1.clone()),
                None => carry2.clone(),
            };
        }
        let g1 = partition(
            &rows,
            &l1s.iter().map(|x| x.0).collect::<Vec<_>>(),
            carry,
            |row, k| {
                let parent = row.l2.as_ref().and_then(Level2::canonical_parent);
                if parent.is_some() && parent.as_ref() != Some(&l1s[k].1) {
                    10
                } else {
                    0
                }
            },
        );
        for (i, r) in rows.iter_mut().enumerate() {
            r.l1 = match g1[i] {
                Some(k) => Some(l1s[k].1.clone()),
                None => carry1.clone(),
            };
        }
        if let Some(last) = rows.last() {
            carry1.clone_from(&last.l1);
            carry2.clone_from(&last.l2);
        }
        all.extend(rows);
    }
    for (i, r) in all.iter().enumerate() {
        let cells = vec![
            if i == 0 { "绩效指标" } else { "" }.to_owned(),
            r.l1.as_ref()
                .map(|l| l.label().to_owned())
                .unwrap_or_default(),
            r.l2.as_ref()
                .map(|l| l.label().to_owned())
                .unwrap_or_default(),
            r.name.clone(),
            r.target.clone(),
        ];
        out.push(cells, [body[r.top].src, body[r.bottom].src]);
    }
}

/// Cut a page's content lines into indicator rows: each row is symmetric
/// about the line that holds its target (or, with an even number of lines,
/// about the two lines holding the halves of a wrapped target).
fn table_rows(seg: &[usize], content: &[Vec<String>], y2: &[usize]) -> Option<Vec<TRow>> {
    const MAX_ROW: usize = 9;
    let m = seg.len();
    if m > 2000 {
        return None;
    }
    let inf = u32::MAX;
    let mut dp = vec![inf; m + 1];
    let mut back = vec![0usize; m + 1];
    let mut made: Vec<Option<(String, String)>> = vec![None; m + 1];
    dp[0] = 0;
    for i in 1..=m {
        for len in 1..=MAX_ROW.min(i) {
            let j = i - len;
            if dp[j] == inf {
                continue;
            }
            let block: Vec<&Vec<String>> = seg[j..i].iter().map(|&l| &content[l]).collect();
            let Some((cost, name, target)) = row_cost(&block) else {
                continue;
            };
            let c = dp[j].saturating_add(cost);
            if c < dp[i] {
                dp[i] = c;
                back[i] = j;
                made[i] = Some((name, target));
            }
        }
    }
    if dp[m] == inf {
        return None;
    }
    let mut rows = Vec::new();
    let mut i = m;
    while i > 0 {
        let j = back[i];
        let (name, target) = made[i].clone()?;
        rows.push(TRow {
            top: seg[j],
            bottom: seg[i - 1],
            top_y: y2[seg[j]],
            bottom_y: y2[seg[i - 1]],
            name,
            target,
            l1: None,
            l2: None,
        });
        i = j;
    }
    rows.reverse();
    Some(rows)
}

/// The cost of reading a block of lines as one indicator row, with its name
/// and target; `None` when it cannot be one.
pub(super) fn row_cost(block: &[&Vec<String>]) -> Option<(u32, String, String)> {
    let n = block.len();
    let mut cost = 0u32;
    let mut name_parts: Vec<String> = Vec::new();
    let mut target_parts: Vec<String> = Vec::new();
    // Lines that hold a target piece.
    let centre: Vec<usize> = if n % 2 == 1 {
        vec![n / 2]
    } else {
        vec![n / 2 - 1, n / 2]
    };
    for (k, toks) in block.iter().enumerate() {
        if centre.contains(&k) {
            let (t, rest) = toks.split_last()?;
            if let Some(prev) = rest.last() {
                if !cjk_gap(prev, t) {
                    cost += 1;
                }
            }
            target_parts.push(t.clone());
            for w in rest.windows(2) {
                if cjk_gap(&w[0], &w[1]) {
                    cost += 4;
                }
            }
            if !rest.is_empty() {
                name_parts.push(rest.join(" "));
            }
        } else {
            if toks.iter().any(|t| is_quantitative(t)) {
                return None;
            }
            for w in toks.windows(2) {
                if cjk_gap(&w[0], &w[1]) {
                    cost += 4;
                }
            }
            name_parts.push(toks.join(" "));
        }
    }
    if name_parts.is_empty() {
        return None;
    }
    let target = join_all(target_parts.iter().map(String::as_str));
    if n % 2 == 0 {
        // Two target halves: a wrapped qualitative target, rarer.
        if is_quantitative(&target_parts[0]) || is_quantitative(&target_parts[1]) {
            return None;
        }
        cost += 3;
    }
    if !target_ok(&target) {
        return None;
    }
    let name = join_all(name_parts.iter().map(String::as_str));
    if vocab::is_structural_label(&label_key(&name))
        || block
            .iter()
            .flat_map(|l| l.iter())
            .any(|t| is_label_token(t))
    {
        return None;
    }
    Some((cost, name, target))
}

/// Give rows to labels: each label takes a contiguous, non-empty group of
/// rows whose centre is as near as possible to the label's centre (`centers`
/// are twice the line). With `carry`, rows before the first label may keep
/// the level carried from the previous page.
fn partition(
    rows: &[TRow],
    centers: &[usize],
    carry: bool,
    misfit: impl Fn(&TRow, usize) -> u64,
) -> Vec<Option<usize>> {
    let n = rows.len();
    let m = centers.len();
    if m == 0 {
        return vec![None; n];
    }
    if m > 4 * n + 16 {
        // Far more labels than rows: not a table's levels.
        return vec![None; n];
    }
    if m > n || n.saturating_mul(n).saturating_mul(m) > 2_000_000 {
        return rows
            .iter()
            .map(|r| (0..m).min_by_key(|&k| centers[k].abs_diff(r.top_y + r.bottom_y)))
            .collect();
    }
    let inf = u64::MAX;
    let mut dp = vec![vec![inf; n + 1]; m + 1];
    let mut back = vec![vec![0usize; n + 1]; m + 1];
    dp[0][0] = 0;
    if carry {
        for (i, slot) in dp[0].iter_mut().enumerate() {
            *slot = u64::try_from(i).unwrap_or(inf);
        }
    }
    for k in 1..=m {
        // misfit_before[i]: the misfit of rows[..i] under label k - 1 (small
        // whole numbers: summed once instead of once per group).
        let mut misfit_before = Vec::with_capacity(n + 1);
        misfit_before.push(0u64);
        for r in rows {
            let last = misfit_before.last().copied().unwrap_or(0);
            misfit_before.push(last.saturating_add(misfit(r, k - 1)));
        }
        let (done, todo) = dp.split_at_mut(k);
        let (prev, cur) = (&done[k - 1], &mut todo[0]);
        let center = centers[k - 1];
        // Every label takes at least one row: the states left out can lead
        // nowhere (see the spaced reader's partition), so the groups are
        // the same as over every (i, j).
        for i in k..=n - (m - k) {
            let bottom = rows[i - 1].bottom_y;
            for j in (k - 1)..i {
                if prev[j] == inf {
                    continue;
                }
                let c2 = rows[j].top_y + bottom;
                let mut cost = 4 * u64::try_from(c2.abs_diff(center)).unwrap_or(inf / 8);
                // A merged label lies within its rows.
                if center < 2 * rows[j].top_y || center > 2 * bottom {
                    cost = cost.saturating_add(6);
                }
                cost = cost.saturating_add(misfit_before[i] - misfit_before[j]);
                let c = prev[j].saturating_add(cost);
                if c < cur[i] {
                    cur[i] = c;
                    back[k][i] = j;
                }
            }
        }
    }
    super::groups_from_back(&back, n, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_with, Code, Layout, ParseOptions};

    fn flow(text: &str) -> crate::Document {
        parse_with(text, &ParseOptions::with_layout(Layout::Flow))
    }

    /// Unread text is reported with the form whose lines hold its first
    /// line: by halving when the forms come in order (on a form's first,
    /// inner and last line; between, before and after forms), one by one
    /// when they do not.
    #[test]
    fn unread_text_names_the_form_that_holds_its_line() {
        let lines: Vec<Line<'_>> = (1..=12)
            .map(|no| Line {
                no,
                start: 2 * (no - 1),
                text: "x",
            })
            .collect();
        let sample = crate::parse(crate::SAMPLE).forms;
        let form = |start_line: u32, end_line: u32| {
            let mut f = sample[0].clone();
            f.span.start_line = start_line;
            f.span.end_line = end_line;
            f
        };
        let at = [1, 2, 3, 4, 5, 6, 7, 9, 10];
        let cases = [
            (
                vec![form(2, 4), form(5, 5), form(7, 9)],
                [
                    None,
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(1),
                    None,
                    Some(2),
                    Some(2),
                    None,
                ],
            ),
            (
                vec![form(7, 9), form(2, 4), form(5, 5)],
                [
                    None,
                    Some(1),
                    Some(1),
                    Some(1),
                    Some(2),
                    None,
                    Some(0),
                    Some(0),
                    None,
                ],
            ),
        ];
        for (forms, expected) in cases {
            let mut doc = crate::Document {
                forms,
                ..crate::Document::default()
            };
            let unread = at
                .iter()
                .map(|&no| Unread {
                    first: no - 1,
                    last: no - 1,
                    message: format!("line {no}"),
                })
                .collect();
            report(&lines, unread, &mut doc);
            let got: Vec<Option<usize>> = doc.diagnostics.iter().map(|d| d.form).collect();
            assert_eq!(got, expected);
        }
    }

    /// One form as pdfplumber's `extract_text()` writes it: a wrapped name, a
    /// department over three lines, a wrapped date label, an amount wrapped
    /// around its row, merged level labels, a footer inside the table.
    const FORM: &str = "\
财政项目支出绩效目标申报表
(2026 年度)
上海市测试区培训
项目名称 项目性质 经常性项目 项目类别 特定目标类
经费
上海市测试区人力
主管部门 资源和社会保障局 实施单位 上海市测试区就业促进中心
(汇总)
计划开始
2026-01-01 计划完成日期 2026-12-31
日期
项目资金总 1,200,
年度资金申请总额: 300,000.00
额: 000.00
项目资金 其中:财政资金 1,200,000.00 其中:当年财政拨款 280,000.00
(元) 上年结转资金 20,000.00
其他资金 0.00 其他资金 0.00
项目绩效 项目总目标 年度总体目标
目标 完成全年培训任务。
一级指标 二级指标 三级指标 年度(/项目)指标值
成本指标 经济成本指标 人均培训成本 ≤500.00(元/人)
培训人次 =600.00(人次)
绩效指标 数量指标
产出指标 培训班次 =12.00(期)
质量指标 培训合格率 ≥95.00(%)
第 1 页 共 2 页
培训按计划完成
时效指标 及时
的及时性
服务对象满意度指
满意度指标 参训人员满意度 ≥90.00(%)
标
";

    #[test]
    fn reads_a_whole_form() {
        let doc = flow(FORM);
        assert_eq!(doc.layout, Layout::Flow);
        assert_eq!(doc.forms.len(), 1);
        let f = &doc.forms[0];
        assert_eq!(f.year, Some(2026));
        let p = &f.project;
        assert_eq!(p.name.as_deref(), Some("上海市测试区培训经费"));
        assert_eq!(p.nature.as_deref(), Some("经常性项目"));
        assert_eq!(p.category.as_deref(), Some("特定目标类"));
        assert_eq!(
            p.department.as_deref(),
            Some("上海市测试区人力资源和社会保障局(汇总)")
        );
        assert_eq!(p.implementer.as_deref(), Some("上海市测试区就业促进中心"));
        assert_eq!(
            p.start_date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            p.end_date.map(|d| d.to_string()).as_deref(),
            Some("2026-12-31")
        );
        let m = &f.funding;
        let s = |d: Option<crate::Decimal>| d.map(|d| d.to_string());
        assert_eq!(m.unit.as_deref(), Some("元"));
        assert_eq!(s(m.project_total).as_deref(), Some("1200000.00"));
        assert_eq!(s(m.project_fiscal).as_deref(), Some("1200000.00"));
        assert_eq!(s(m.annual_total).as_deref(), Some("300000.00"));
        assert_eq!(s(m.annual_appropriation).as_deref(), Some("280000.00"));
        assert_eq!(s(m.annual_carryover).as_deref(), Some("20000.00"));
        assert_eq!(s(m.annual_other).as_deref(), Some("0.00"));
        assert_eq!(f.goals.project, None);
        assert_eq!(f.goals.annual.as_deref(), Some("完成全年培训任务。"));
        let rows: Vec<(String, String, String, String)> = f
            .indicators
            .iter()
            .map(|i| {
                (
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
        let want = [
            ("成本指标", "经济成本指标", "人均培训成本", "≤500.00(元/人)"),
            ("产出指标", "数量指标", "培训人次", "=600.00(人次)"),
            ("产出指标", "数量指标", "培训班次", "=12.00(期)"),
            ("产出指标", "质量指标", "培训合格率", "≥95.00(%)"),
            ("产出指标", "时效指标", "培训按计划完成的及时性", "及时"),
            (
                "满意度指标",
                "服务对象满意度指标",
                "参训人员满意度",
                "≥90.00(%)",
            ),
        ];
        assert_eq!(rows.len(), want.len(), "{rows:#?}");
        for (got, want) in rows.iter().zip(want) {
            assert_eq!(
                (
                    got.0.as_str(),
                    got.1.as_str(),
                    got.2.as_str(),
                    got.3.as_str()
                ),
                want
            );
        }
        // The footer is reported as furniture, never read into a field.
        assert!(doc
            .diagnostics
            .iter()
            .all(|d| d.code != Code::UnreadInLayout));
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == Code::PageFurniture));
    }

    #[test]
    fn forms_without_title_rows_start_at_their_name_row() {
        let body = FORM
            .replace("财政项目支出绩效目标申报表\n(2026 年度)\n", "")
            .replace(
                "上海市测试区培训\n项目名称 项目性质",
                "项目名称 甲项目 项目性质",
            )
            .replace("\n经费\n", "\n");
        let text = format!("{body}{}", body.replace("甲项目", "乙项目"));
        let doc = flow(&text);
        let names: Vec<Option<&str>> = doc
            .forms
            .iter()
            .map(|f| f.project.name.as_deref())
            .collect();
        assert_eq!(names, [Some("甲项目"), Some("乙项目")]);
        assert!(doc.forms.iter().all(|f| f.indicators.len() == 6));
    }

    #[test]
    fn detects_flow_and_plain() {
        assert_eq!(crate::detect_layout(FORM), Layout::Flow);
        let raw = FORM.replace('\n', "\n\n");
        assert_eq!(crate::detect_layout(&raw), Layout::Plain);
    }

    fn goals_of(goal_lines: &str) -> crate::Document {
        let text = FORM.replace(
            "项目绩效 项目总目标 年度总体目标\n目标 完成全年培训任务。\n",
            goal_lines,
        );
        flow(&text)
    }

    #[test]
    fn two_goals_sharing_lines_are_cut_between_cjk() {
        let doc = goals_of(
            "项目总目标 年度总体目标\n项目绩效 三年内建成覆盖全区的职业 完成第一期十个培训基地的\n目标 培训体系。 建设任务。\n",
        );
        let g = &doc.forms[0].goals;
        assert_eq!(
            g.project.as_deref(),
            Some("三年内建成覆盖全区的职业培训体系。")
        );
        assert_eq!(
            g.annual.as_deref(),
            Some("完成第一期十个培训基地的建设任务。")
        );
    }

    #[test]
    fn goals_of_different_lengths_share_their_middle_lines() {
        // Five lines of the left goal, three of the right one, centred on
        // each other: L, LR, LR, LR, L.
        let doc = goals_of(
            "项目总目标 年度总体目标\n建设覆盖全区的职业培训\n体系，形成长效的机制， 完成第一期十个培训基地\n项目绩效 培训人数达到三千人次 的建设任务，合格率达到\n目标 以上，满意度保持稳定 九成以上。\n并逐年有所提升。\n",
        );
        let g = &doc.forms[0].goals;
        assert_eq!(
            g.project.as_deref(),
            Some("建设覆盖全区的职业培训体系，形成长效的机制，培训人数达到三千人次以上，满意度保持稳定并逐年有所提升。")
        );
        assert_eq!(
            g.annual.as_deref(),
            Some("完成第一期十个培训基地的建设任务，合格率达到九成以上。")
        );
    }

    #[test]
    fn a_space_inside_one_goal_is_kept_unless_its_line_is_too_wide() {
        // Spaces between CJK characters inside one paragraph (a list of
        // issuers), every line as wide as the others: one annual goal.
        let doc = goals_of(
            "项目总目标 年度总体目标\n项目绩效 根据市人社局 市财政局 市教委通知\n目标 落实创业场地房租补贴政策。\n",
        );
        let g = &doc.forms[0].goals;
        assert_eq!(g.project, None);
        assert_eq!(
            g.annual.as_deref(),
            Some("根据市人社局 市财政局 市教委通知落实创业场地房租补贴政策。")
        );
        // A line far wider than the others with such a space may hold two
        // paragraphs side by side: reported.
        let doc = goals_of(
            "项目总目标 年度总体目标\n项目绩效 建立覆盖全区的养老服 按时足额发放困难群众救助金，扶持\n目标 务保障体系。\n社区长者食堂。\n",
        );
        let g = &doc.forms[0].goals;
        assert_eq!((g.project.as_deref(), g.annual.as_deref()), (None, None));
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnreadInLayout));
    }

    #[test]
    fn goals_that_cannot_be_told_apart_are_reported() {
        // Three lines and two, alternating, the columns equally wide: either
        // paragraph could be the left one.
        let doc = goals_of(
            "项目总目标 年度总体目标\n甲甲甲甲甲甲\n项目绩效 乙乙乙乙乙乙\n甲甲甲甲甲甲\n目标 乙乙乙。\n甲甲。\n",
        );
        let g = &doc.forms[0].goals;
        assert_eq!((g.project.as_deref(), g.annual.as_deref()), (None, None));
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnreadInLayout));
    }

    #[test]
    fn an_ambiguous_project_row_is_left_empty() {
        // Two one-line fragments mirrored around the centre, the cells on
        // both sides equally plausible: neither value is guessed.
        let text = FORM.replace(
            "上海市测试区人力\n主管部门 资源和社会保障局 实施单位 上海市测试区就业促进中心\n(汇总)\n",
            "甲乙\n主管部门 丙丁 实施单位 戊己\n庚辛\n",
        );
        let doc = flow(&text);
        let p = &doc.forms[0].project;
        assert_eq!(
            (p.department.as_deref(), p.implementer.as_deref()),
            (None, None)
        );
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnreadInLayout));
        // The rest of the form still reads.
        assert_eq!(p.name.as_deref(), Some("上海市测试区培训经费"));
    }

    #[test]
    fn wrapped_label_pieces_need_their_completion() {
        let lines: Vec<Vec<String>> = ["项目名 残疾人", "项目性质 x", "称 就业"]
            .iter()
            .map(|l| tokens(l))
            .collect();
        let (occs, used) = find_labels(&lines, &PROJECT_LABELS, 3, false);
        let labs: Vec<&str> = occs.iter().map(|o| PROJECT_LABELS[o.label]).collect();
        assert_eq!(labs, ["项目性质", "项目名称"]);
        assert_eq!(used[2], [true, false]);
        // A prefix that nothing completes is text.
        let lines: Vec<Vec<String>> = ["项目名 残疾人"].iter().map(|l| tokens(l)).collect();
        let (occs, used) = find_labels(&lines, &PROJECT_LABELS, 3, false);
        assert!(occs.is_empty());
        assert_eq!(used[0], [false, false]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn token_soup_never_panics(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "项目名称", "项目名", "称", "项目性质", "经常性项目", "项目类别", "其他人员类",
                "主管部门", "主管部", "门", "实施单位", "计划开始", "日期", "计划完成日期",
                "2026-01-01", "项目资金总", "额:", "年度资金申请总额:", "1,200,", "000.00",
                "其中:当年财政拨款", "上年结转资金", "其他资金", "0.00", "项目绩效", "目标",
                "项目总目标", "年度总体目标", "完成任务。", "一级指标", "年度(/项目)指标值",
                "成本指标", "经济成本指", "标", "数量指标", "培训人次", "=600.00(人次)", "及时",
                "第 1 页 共 2 页", "财政项目支出绩效目标申报表", "(2026 年度)", "\n", "\n", "\n",
            ]),
            0..160,
        )) {
            let text = words.join(" ");
            let doc = flow(&text);
            let _ = doc.to_json();
        }
    }
}
