//! The 项目绩效目标 block.
//!
//! ```text
//! goals_block := header_row text_row*
//! header_row  := '项目绩效目标'? ('项目总目标' text?)? ('年度总体目标' text?)?
//! text_row    := text | text text          -- until the indicator table starts
//! ```
//!
//! Which goal a text belongs to is decided by position:
//! - a row with two texts: the first is 项目总目标, the second 年度总体目标;
//! - a lone text is placed by its tab field, compared with the fields of the
//!   two labels in the header row. When the text row has fewer fields than the
//!   header row (a copy-paste drops the cells that the merged `项目绩效目标`
//!   label covers), its fields are shifted right by the missing count, at most
//!   by the number of fields left of the first goal label: at or right of `年度总体目标` → annual; at or
//!   left of `项目总目标` → project; strictly between, the nearer label wins,
//!   and a tie is reported as `ambiguous-goal` and taken as annual;
//! - when the header row names only one of the labels, texts go to it.
//!
//! Texts wrapped over several rows are joined (no space between CJK
//! characters, one between Latin words).

use crate::diagnostic::Code;
use crate::model::Goals;
use crate::text::{normalize, push_wrapped_text, Cell, Line};
use crate::vocab::{goal_label, GoalLabel};

use super::FormCtx;

/// Column state carried between the rows of one block.
#[derive(Debug, Default)]
pub(crate) struct GoalsState {
    project_field: Option<usize>,
    annual_field: Option<usize>,
    header_fields: usize,
    /// Fields before the first goal label in the header row (the block label).
    lead_fields: usize,
}

/// The number of tab-separated fields on a line.
fn field_count(line: &Line<'_>) -> usize {
    // A byte count (`\t` occurs inside no other character's encoding): what
    // `split('\t').count()` gives, without a searcher per line.
    line.text.bytes().filter(|&b| b == b'\t').count() + 1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Project,
    Annual,
}

/// Whether a row is the block's header row.
pub(crate) fn is_header_row(cells: &[Cell<'_>]) -> bool {
    cells
        .first()
        .is_some_and(|c| goal_label(c.label()).is_some())
}

fn append(goals: &mut Goals, which: Which, text: &str) {
    let slot = match which {
        Which::Project => &mut goals.project,
        Which::Annual => &mut goals.annual,
    };
    // In place: a goal wrapped over many lines stays linear to join.
    match slot {
        Some(before) => push_wrapped_text(before, &normalize(text)),
        None => *slot = Some(normalize(text)),
    }
}

/// Read the header row (labels, and any text that follows a label in it).
pub(crate) fn read_header_row(
    ctx: &mut FormCtx<'_>,
    state: &mut GoalsState,
    line: &Line<'_>,
    cells: &[Cell<'_>],
    goals: &mut Goals,
) {
    state.header_fields = field_count(line);
    state.lead_fields = cells
        .iter()
        .find(|c| {
            matches!(
                goal_label(c.label()),
                Some(GoalLabel::Project | GoalLabel::Annual)
            )
        })
        .map_or(0, |c| c.field);
    let mut current = None;
    for cell in cells {
        match goal_label(cell.label()) {
            Some(GoalLabel::Block) => {}
            Some(GoalLabel::Project) => {
                state.project_field = Some(cell.field);
                current = Some(Which::Project);
            }
            Some(GoalLabel::Annual) => {
                state.annual_field = Some(cell.field);
                current = Some(Which::Annual);
            }
            // A label of another part of the form is never goal text.
            None if crate::vocab::is_structural_label(cell.label()) => {
                ctx.unexpected_cell(cell, "the 项目绩效目标 header");
            }
            None => match current {
                Some(which) => append(goals, which, cell.text),
                None => ctx.unexpected_cell(cell, "the 项目绩效目标 header"),
            },
        }
    }
}

/// Read a text row of the block.
pub(crate) fn read_text_row(
    ctx: &mut FormCtx<'_>,
    state: &GoalsState,
    line: &Line<'_>,
    cells: &[Cell<'_>],
    goals: &mut Goals,
) {
    match cells {
        [] => {}
        [only] => {
            let shift = state
                .header_fields
                .saturating_sub(field_count(line))
                .min(state.lead_fields);
            let which = place(ctx, state, only, only.field + shift);
            append(goals, which, only.text);
        }
        [first, second, rest @ ..] => {
            append(goals, Which::Project, first.text);
            append(goals, Which::Annual, second.text);
            for cell in rest {
                ctx.unexpected_cell(cell, "the 项目绩效目标 block");
            }
        }
    }
}

fn place(ctx: &mut FormCtx<'_>, state: &GoalsState, cell: &Cell<'_>, f: usize) -> Which {
    match (state.project_field, state.annual_field) {
        (Some(p), Some(a)) if p < a => {
            if f >= a {
                Which::Annual
            } else if f <= p || f - p < a - f {
                Which::Project
            } else if a - f < f - p {
                Which::Annual
            } else {
                ctx.diag_cell(
                    Code::AmbiguousGoal,
                    format!(
                        "this goal text sits midway between the 项目总目标 and 年度总体目标 columns; taken as 年度总体目标: {:?}",
                        crate::grammar::excerpt(cell.text)
                    ),
                    cell,
                );
                Which::Annual
            }
        }
        (Some(_), None) => Which::Project,
        (None, Some(_)) => Which::Annual,
        _ => {
            ctx.diag_cell(
                Code::AmbiguousGoal,
                format!(
                    "no 项目总目标/年度总体目标 labels say which goal this is; taken as 年度总体目标: {:?}",
                    crate::grammar::excerpt(cell.text)
                ),
                cell,
            );
            Which::Annual
        }
    }
}
