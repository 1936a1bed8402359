//! The project rows: 项目名称 … 计划完成日期.
//!
//! ```text
//! project_row := (label value?)+            -- cells in order, any column
//! label       := 项目名称 | 项目性质 | 项目类别 | 主管部门 | 实施单位
//!              | 计划开始日期 | 计划完成日期   (and synonyms, see vocab)
//! value       := any cell that is not a label; dates per `value::parse_date`
//! ```
//!
//! A label may also carry its value in the same cell (`项目名称：党建经费`).

use crate::diagnostic::Code;
use crate::model::Project;
use crate::text::{key, normalize, Cell};
use crate::vocab::{project_field, ProjectField};

use super::FormCtx;

/// Whether a row is a project row (its first cell is a project label).
pub(crate) fn is_project_row(cells: &[Cell<'_>]) -> bool {
    cells.first().is_some_and(|c| label_of(c).is_some())
}

/// A project label at the start of a cell, and the inline value after a
/// colon if there is one.
fn label_of<'c>(cell: &Cell<'c>) -> Option<(ProjectField, Option<&'c str>)> {
    // A `label：value` cell starts with its label: a cell that cannot start
    // a project label is a value.
    if !crate::vocab::text_may_start_project_label(cell.text) {
        return None;
    }
    let label = cell.key();
    if let Some(f) = project_field(label) {
        return Some((f, None));
    }
    let (head, tail) = super::split_inline(cell.text)?;
    project_field(&key(head)).map(|f| (f, Some(tail)))
}

/// Whether a cell of this text in a project row is read as a project label
/// (`项目名称`, or `项目名称：value` with its value inline) rather than as the
/// value of the label before it. Used by the renderer, which then writes
/// such a value inline after its own label.
pub(crate) fn reads_as_label(text: &str) -> bool {
    label_of(&Cell::new(text, 0, 0)).is_some()
}

/// Read one project row into `project`.
pub(crate) fn read_row(ctx: &mut FormCtx<'_>, cells: &[Cell<'_>], project: &mut Project) {
    let mut current: Option<ProjectField> = None;
    for cell in cells {
        if let Some((field, inline)) = label_of(cell) {
            current = Some(field);
            if let Some(v) = inline {
                let at = cell.end() - v.len();
                set(ctx, project, field, v, at, cell.end());
                current = None;
            }
            continue;
        }
        match current.take() {
            Some(field) => set(ctx, project, field, cell.text, cell.start, cell.end()),
            None => ctx.unexpected_cell(cell, "the project rows"),
        }
    }
}

fn set(
    ctx: &mut FormCtx<'_>,
    project: &mut Project,
    field: ProjectField,
    text: &str,
    start: usize,
    end: usize,
) {
    let already = match field {
        ProjectField::Name => project.name.is_some(),
        ProjectField::Nature => project.nature.is_some(),
        ProjectField::Category => project.category.is_some(),
        ProjectField::Department => project.department.is_some(),
        ProjectField::Implementer => project.implementer.is_some(),
        ProjectField::StartDate => project.start_date.is_some(),
        ProjectField::EndDate => project.end_date.is_some(),
    };
    if already {
        ctx.diag_at(
            Code::DuplicateField,
            format!(
                "{} is given again ({:?}); the first value is kept",
                field.label(),
                normalize(text)
            ),
            start,
            end,
        );
        return;
    }
    let value = normalize(text);
    match field {
        ProjectField::Name => project.name = Some(value),
        ProjectField::Nature => project.nature = Some(value),
        ProjectField::Category => project.category = Some(value),
        ProjectField::Department => project.department = Some(value),
        ProjectField::Implementer => project.implementer = Some(value),
        ProjectField::StartDate | ProjectField::EndDate => {
            let Some(date) = super::value::parse_date(text) else {
                ctx.diag_at(
                    Code::InvalidDate,
                    format!(
                        "{} {:?} is not a calendar date (expected e.g. 2026-01-01)",
                        field.label(),
                        value
                    ),
                    start,
                    end,
                );
                return;
            };
            if field == ProjectField::StartDate {
                project.start_date = Some(date);
            } else {
                project.end_date = Some(date);
            }
        }
    }
}
