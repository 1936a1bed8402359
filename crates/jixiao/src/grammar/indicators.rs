//! The 绩效指标 table.
//!
//! ```text
//! table        := heading_row? indicator_row+
//! heading_row  := '绩效指标'? heading heading+      -- 一级指标 二级指标 三级指标 指标值
//! indicator_row:= '绩效指标'? level1? level2? name target
//! level1       := 成本指标 | 产出指标 | 效益指标 | 满意度指标   (and aliases)
//!               | '…指标' (an unknown label, when a level-2 follows it, or another
//!                 unknown label and then a name and a target)
//! level2       := 经济成本指标 | 数量指标 | 质量指标 | … | 服务对象满意度指标
//!               | '…指标' (an unknown label, when a name and a target follow it)
//! target       := see target.rs
//! ```
//!
//! Labels are recognised by vocabulary, never by column, because PDF
//! extraction shifts them (`产出指标` lands in the 二级 column, `质量指标` in
//! the 一级 column). A blank level is carried down from the rows above (merged
//! cells); a new level-1 label resets the carried level-2. When no level-1 was
//! ever written, it is inferred from the level-2's place in the national tree
//! and an `inferred-level1` note says so. When a written level-2 cannot belong
//! to the carried-down level-1 (数量指标 under a carried 成本指标: the 产出指标
//! row was lost at a page break), the level-1 follows the level-2 and a
//! `level1-conflict` warning says so; a level-1 written on the row itself is
//! always kept as written (validation judges it).

use crate::diagnostic::Code;
use crate::model::{Indicator, Level1, Level2, Span};
use crate::text::{normalize, Cell, Line};
use crate::vocab::{is_table_heading, is_table_label, level1, level2};

use super::FormCtx;

/// The levels carried down the table.
#[derive(Debug, Default, Clone)]
pub(crate) struct TableState {
    level1: Option<Level1>,
    level2: Option<Level2>,
}

/// Whether a row is the table's heading row (or a piece of it: text without
/// columns puts each heading on a line of its own).
pub(crate) fn is_heading_row(cells: &[Cell<'_>]) -> bool {
    let mut headings = 0;
    for c in cells {
        let key = c.label();
        if is_table_heading(key) {
            headings += 1;
        } else if !is_table_label(key) {
            return false;
        }
    }
    headings >= 1
}

/// Whether a row starts like an indicator row (a block label or a level label).
pub(crate) fn is_labelled_row(cells: &[Cell<'_>]) -> bool {
    cells.first().is_some_and(|c| {
        let key = c.label();
        is_table_label(key) || level1(key).is_some() || level2(key).is_some()
    })
}

fn unknown_label(key: &str) -> bool {
    key.ends_with("指标") && key.chars().count() <= 12
}

/// Read one indicator row. Returns the indicator, or `None` for a label-only
/// row or an incomplete row (reported).
pub(crate) fn read_row(
    ctx: &mut FormCtx<'_>,
    state: &mut TableState,
    line: &Line<'_>,
    cells: &[Cell<'_>],
) -> Option<Indicator> {
    let mut rest = cells;
    if let Some((first, tail)) = rest.split_first() {
        if is_table_label(first.label()) {
            rest = tail;
        }
    }
    let mut l1: Option<Level1> = None;
    let mut l2: Option<Level2> = None;
    while let Some((cell, tail)) = rest.split_first() {
        let key = cell.label();
        if l1.is_none() && l2.is_none() {
            if let Some(x) = level1(key) {
                l1 = Some(x);
                rest = tail;
                continue;
            }
        }
        if l2.is_none() {
            if let Some(y) = level2(key) {
                l2 = Some(y);
                rest = tail;
                continue;
            }
            if l1.is_some() && key == "成本指标" {
                l2 = Some(Level2::Cost);
                rest = tail;
                continue;
            }
            if tail.len() >= 2 && cell.key_last_char() == Some('标') && unknown_label(cell.key()) {
                // The first of two labels before a name and a target is the
                // level-1: `A指标 B指标 name target` (a known level-2 after it,
                // or another unknown label with a name and a target still to come).
                let next_is_l2 = tail.first().is_some_and(|n| {
                    level2(n.label()).is_some()
                        || (tail.len() >= 3
                            && n.key_last_char() == Some('标')
                            && unknown_label(n.key()))
                });
                if l1.is_none() && next_is_l2 {
                    l1 = Some(Level1::other(normalize(cell.text)));
                } else {
                    l2 = Some(Level2::other(normalize(cell.text)));
                }
                rest = tail;
                continue;
            }
        }
        break;
    }

    if let Some(x) = l1 {
        state.level1 = Some(x);
        state.level2 = l2;
    } else if let Some(y) = l2 {
        match (&state.level1, y.canonical_parent()) {
            (None, Some(parent)) => {
                ctx.diag_line(
                    Code::InferredLevel1,
                    format!("no 一级指标 above {y}; taken as {parent}"),
                    line,
                );
                state.level1 = Some(parent);
            }
            (Some(carried), Some(parent))
                if *carried != parent
                    && !matches!(carried, Level1::Other(_))
                    // The 2011 template files 满意度 under 效益.
                    && !(*carried == Level1::Benefit && y == Level2::ServiceSatisfaction) =>
            {
                ctx.diag_line(
                    Code::Level1Conflict,
                    format!(
                        "{y} cannot sit under the carried-down {carried}; taken as {parent} \
                         (its 一级指标 row may have been lost, e.g. at a page break)"
                    ),
                    line,
                );
                state.level1 = Some(parent);
            }
            _ => {}
        }
        state.level2 = Some(y);
    }

    match rest {
        [] => {
            ctx.diag_line(
                Code::EmptyLevel,
                "a label row with no 三级指标 on it".to_owned(),
                line,
            );
            None
        }
        [only] => {
            ctx.diag_line(
                Code::IncompleteIndicator,
                format!(
                    "an indicator row needs a 三级指标 name and a target value; only {:?} is here",
                    normalize(only.text)
                ),
                line,
            );
            None
        }
        [name, middle @ .., target] => {
            for cell in middle {
                ctx.unexpected_cell(cell, "an indicator row");
            }
            Some(Indicator {
                level1: state.level1.clone(),
                level2: state.level2.clone(),
                name: normalize(name.text),
                target: super::target::parse_target(target.text),
                span: Span::of_lines(line, line),
            })
        }
    }
}
