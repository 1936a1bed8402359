//! The 项目资金 block.
//!
//! ```text
//! funding_block := header_row row*
//! header_row    := '项目资金' ('(' unit ')')? entry*
//! row           := entry+
//! entry         := label amount?            -- an amount binds to the label before it
//! label         := 项目资金总额 | 其中:财政资金 | 其他资金
//!                | 年度资金申请总额 | 其中:当年财政拨款 | 上年结转资金 | 其他资金
//! amount        := number ('元' | '万元')?    -- see value::parse_amount
//! ```
//!
//! `其他资金` appears in both columns. When a row holds two, the first is the
//! whole-project column's; a lone one is placed by its tab field, compared
//! with the field of the `年度资金申请总额` label (at or right of it: annual).

use rust_decimal::Decimal;

use crate::diagnostic::Code;
use crate::model::Funding;
use crate::text::{key, normalize, Cell};
use crate::vocab::{funding_header, funding_label, FundingLabel};

use super::FormCtx;

/// Column state carried between the rows of one block.
#[derive(Debug, Default)]
pub(crate) struct FundingState {
    annual_field: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    ProjectTotal,
    ProjectFiscal,
    ProjectOther,
    AnnualTotal,
    AnnualAppropriation,
    AnnualCarryover,
    AnnualOther,
}

impl Slot {
    fn label(self) -> &'static str {
        match self {
            Slot::ProjectTotal => "项目资金总额",
            Slot::ProjectFiscal => "财政资金",
            Slot::ProjectOther => "其他资金 (项目)",
            Slot::AnnualTotal => "年度资金申请总额",
            Slot::AnnualAppropriation => "当年财政拨款",
            Slot::AnnualCarryover => "上年结转资金",
            Slot::AnnualOther => "其他资金 (年度)",
        }
    }

    fn get(self, f: &mut Funding) -> &mut Option<Decimal> {
        match self {
            Slot::ProjectTotal => &mut f.project_total,
            Slot::ProjectFiscal => &mut f.project_fiscal,
            Slot::ProjectOther => &mut f.project_other,
            Slot::AnnualTotal => &mut f.annual_total,
            Slot::AnnualAppropriation => &mut f.annual_appropriation,
            Slot::AnnualCarryover => &mut f.annual_carryover,
            Slot::AnnualOther => &mut f.annual_other,
        }
    }
}

/// Whether a row opens the block (`项目资金(元)` in its first cell).
pub(crate) fn is_header_row(cells: &[Cell<'_>]) -> bool {
    cells
        .first()
        .is_some_and(|c| c.key_starts_with('项') && funding_header(c.label()).is_some())
}

/// Whether a row continues the block (its first cell is a funding label).
pub(crate) fn is_row(cells: &[Cell<'_>]) -> bool {
    cells.first().is_some_and(|c| label_of(c).is_some())
}

fn label_of<'c>(cell: &Cell<'c>) -> Option<(FundingLabel, Option<&'c str>)> {
    // A `label：value` cell starts with its label: a cell that cannot start
    // a label is a value.
    let label = cell.label();
    if label.is_empty() {
        return None;
    }
    if let Some(l) = funding_label(label) {
        return Some((l, None));
    }
    let (head, tail) = super::split_inline_last(cell.text)?;
    funding_label(&key(head)).map(|l| (l, Some(tail)))
}

/// Read the header row: the unit, then entries like any other row.
pub(crate) fn read_header_row(
    ctx: &mut FormCtx<'_>,
    state: &mut FundingState,
    cells: &[Cell<'_>],
    funding: &mut Funding,
) {
    let Some((first, rest)) = cells.split_first() else {
        return;
    };
    let unit = funding_header(first.key()).unwrap_or_default();
    if funding.unit.is_some() {
        ctx.diag_cell(
            Code::DuplicateField,
            "a second 项目资金 header in one form; the first unit is kept".to_owned(),
            first,
        );
    } else {
        match unit {
            "元" | "万元" => funding.unit = Some(unit.into()),
            "" => ctx.diag_cell(
                Code::UnknownMoneyUnit,
                "the 项目资金 header names no money unit (元 or 万元); amounts cannot be compared"
                    .to_owned(),
                first,
            ),
            other => {
                funding.unit = Some(other.into());
                ctx.diag_cell(
                    Code::UnknownMoneyUnit,
                    format!("the 项目资金 header names the unit {other:?}, not 元 or 万元"),
                    first,
                );
            }
        }
    }
    read_row(ctx, state, rest, funding);
}

/// Read one row of entries.
pub(crate) fn read_row(
    ctx: &mut FormCtx<'_>,
    state: &mut FundingState,
    cells: &[Cell<'_>],
    funding: &mut Funding,
) {
    let others = cells
        .iter()
        .filter(|c| matches!(label_of(c), Some((FundingLabel::Other, _))))
        .count();
    let mut others_seen = 0;
    let mut current: Option<Slot> = None;
    for cell in cells {
        if let Some((label, inline)) = label_of(cell) {
            let slot = match label {
                FundingLabel::ProjectTotal => Slot::ProjectTotal,
                FundingLabel::ProjectFiscal => Slot::ProjectFiscal,
                FundingLabel::AnnualTotal => {
                    state.annual_field.get_or_insert(cell.field);
                    Slot::AnnualTotal
                }
                FundingLabel::AnnualAppropriation => Slot::AnnualAppropriation,
                FundingLabel::AnnualCarryover => Slot::AnnualCarryover,
                FundingLabel::Other => {
                    others_seen += 1;
                    let left = if others >= 2 {
                        others_seen == 1
                    } else {
                        state.annual_field.is_some_and(|a| cell.field < a)
                    };
                    if left {
                        Slot::ProjectOther
                    } else {
                        Slot::AnnualOther
                    }
                }
            };
            current = Some(slot);
            if let Some(v) = inline {
                let start = cell.end() - v.len();
                store(ctx, funding, slot, v, start, cell.end());
                current = None;
            }
            continue;
        }
        match current.take() {
            Some(slot) => store(ctx, funding, slot, cell.text, cell.start, cell.end()),
            None => ctx.unexpected_cell(cell, "the 项目资金 block"),
        }
    }
}

fn store(
    ctx: &mut FormCtx<'_>,
    funding: &mut Funding,
    slot: Slot,
    text: &str,
    start: usize,
    end: usize,
) {
    let Some(amount) = super::value::parse_amount(text) else {
        ctx.diag_at(
            Code::InvalidAmount,
            format!(
                "{} {:?} is not an amount (expected digits such as 1,900.00)",
                slot.label(),
                normalize(text)
            ),
            start,
            end,
        );
        return;
    };
    let target = slot.get(funding);
    if target.is_some() {
        ctx.diag_at(
            Code::DuplicateField,
            format!(
                "{} is given again ({amount}); the first value is kept",
                slot.label()
            ),
            start,
            end,
        );
    } else {
        *target = Some(amount);
    }
}
