//! The form header: the title line `财政项目支出绩效目标申报表` and the year line.
//!
//! ```text
//! form_header := cell{key ends with "绩效目标申报表", not "汇总"}
//! year_line   := '('? digit{4} ' '* '年度' ')'?          -- a single cell
//! ```

use crate::text::{label_key, Cell};
use crate::vocab::is_form_header;

/// Whether a row is a form's title row (`财政项目支出绩效目标申报表`), with the
/// year when the title carries one (`2026年度财政项目支出绩效目标申报表`).
pub(crate) fn form_header(cells: &[Cell<'_>]) -> Option<Option<i32>> {
    let [first, rest @ ..] = cells else {
        return None;
    };
    let key = label_key(first.text);
    if !is_form_header(&key) || !rest.is_empty() {
        return None;
    }
    let year = key
        .find("年度")
        .and_then(|i| key[..i].chars().rev().take(4).collect::<String>().chars().rev().collect::<String>().parse().ok())
        .filter(|y: &i32| (1000..=9999).contains(y));
    Some(year)
}

/// The year of a `(2026 年度)` row.
pub(crate) fn year_line(cells: &[Cell<'_>]) -> Option<i32> {
    match cells {
        [only] => super::value::parse_year_line(only.text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{cells, lines};

    fn row(s: &str) -> Vec<Cell<'_>> {
        let ls = lines(s);
        cells(&ls[0])
    }

    #[test]
    fn header_rows() {
        assert_eq!(form_header(&row("财政项目支出绩效目标申报表\t\t\t")), Some(None));
        assert_eq!(
            form_header(&row("2026年度财政项目支出绩效目标申报表")),
            Some(Some(2026))
        );
        assert_eq!(form_header(&row("上海市静安区 2026 年度项目绩效目标汇总表")), None);
        assert_eq!(form_header(&row("财政项目支出绩效目标申报表\t多余")), None);
    }

    #[test]
    fn year_rows() {
        assert_eq!(year_line(&row("(2026 年度)\t\t\t")), Some(2026));
        assert_eq!(year_line(&row("(2026年度)")), Some(2026));
        assert_eq!(year_line(&row("(2026年度)\t单位:元")), None);
    }
}
