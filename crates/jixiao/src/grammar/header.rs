//! The form header: the title line `财政项目支出绩效目标申报表` and the year line.
//!
//! ```text
//! form_header := cell{key ends with "绩效目标申报表", not "汇总"}
//! year_line   := '('? digit{4} ' '* '年度' ')'?          -- a single cell
//! furniture   := '第' n '页' (sep? '共' n '页')? | '共' n '页' sep? '第' n '页'
//!              | dash n dash | n '/' n | 'Page' n ('of' n)?  -- a whole line
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, opt};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::text::{key, Cell};
use crate::vocab::is_form_header;

/// A form's title row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FormHeader {
    /// The year, when the title carries one (`2026年度财政项目支出绩效目标申报表`).
    pub year: Option<i32>,
}

/// Whether a row is a form's title row (`财政项目支出绩效目标申报表`).
pub(crate) fn form_header(cells: &[Cell<'_>]) -> Option<FormHeader> {
    let [first, rest @ ..] = cells else {
        return None;
    };
    // Every title's key ends with 表: most rows are known not to be titles
    // without building their first cell's key.
    if !rest.is_empty()
        || first.key_last_char() != crate::vocab::FORM_HEADER_END.chars().next_back()
    {
        return None;
    }
    let key = first.key();
    if !is_form_header(key) {
        return None;
    }
    let year = key
        .find("年度")
        .and_then(|i| {
            key[..i]
                .chars()
                .rev()
                .take(4)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
                .parse()
                .ok()
        })
        .filter(|y: &i32| (1000..=9999).contains(y));
    Some(FormHeader { year })
}

/// The year of a `(2026 年度)` row.
pub(crate) fn year_line(cells: &[Cell<'_>]) -> Option<i32> {
    match cells {
        [only] => super::value::parse_year_line(only.text),
        _ => None,
    }
}

fn page_no(input: &str) -> IResult<&str, &str> {
    delimited(tag("第"), digit1, tag("页")).parse(input)
}

fn page_total(input: &str) -> IResult<&str, &str> {
    delimited(tag("共"), digit1, tag("页")).parse(input)
}

fn sep(input: &str) -> IResult<&str, Option<char>> {
    opt(alt((char(','), char('/'), char(';'), char('、')))).parse(input)
}

fn furniture(input: &str) -> IResult<&str, ()> {
    let dash = || alt((tag("-"), tag("—"), tag("–")));
    let (rest, ()) = all_consuming(alt((
        (page_no, sep, opt(page_total)).map(|_| ()),
        (page_total, sep, page_no).map(|_| ()),
        (dash(), digit1, dash()).map(|_| ()),
        (digit1, char('/'), digit1).map(|_| ()),
        (
            tag_no_case("page"),
            digit1,
            opt((tag_no_case("of"), digit1)),
        )
            .map(|_| ()),
    )))
    .parse(input)?;
    Ok((rest, ()))
}

/// Whether a whole line is page furniture: a page number or a page footer
/// such as `第 3 页 共 30 页`, `- 3 -`, `3/30`, `Page 3 of 30`.
pub(crate) fn is_page_furniture(line: &str) -> bool {
    // Fast reject: footers are short and start with 第, 共, a dash, a digit or P.
    let t = crate::text::trim(line);
    if t.len() > 64
        || !t
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '第' | '共' | '-' | '—' | '–' | 'P' | 'p' | '0'..='9'))
    {
        return false;
    }
    // A footer is one cell: a row of several tab-separated cells is not.
    if t.split('\t')
        .filter(|c| !crate::text::trim(c).is_empty())
        .count()
        > 1
    {
        return false;
    }
    let key = key(line);
    !key.is_empty() && furniture(&key).is_ok()
}

/// [`is_page_furniture`] on the cells of a line: one cell whose key is a
/// footer.
pub(crate) fn is_page_furniture_cells(cells: &[Cell<'_>]) -> bool {
    let [only] = cells else {
        return false;
    };
    let t = only.text;
    t.len() <= 64
        && t.chars()
            .next()
            .is_some_and(|c| matches!(c, '第' | '共' | '-' | '—' | '–' | 'P' | 'p' | '0'..='9'))
        && !only.key().is_empty()
        && furniture(only.key()).is_ok()
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
        let year = |s: &str| form_header(&row(s)).map(|h| h.year);
        assert_eq!(year("财政项目支出绩效目标申报表\t\t\t"), Some(None));
        assert_eq!(year("2026年度财政项目支出绩效目标申报表"), Some(Some(2026)));
        assert_eq!(
            form_header(&row("上海市静安区 2026 年度项目绩效目标汇总表")),
            None
        );
        assert_eq!(form_header(&row("财政项目支出绩效目标申报表\t多余")), None);
    }

    #[test]
    fn page_furniture() {
        for s in [
            "第 3 页 共 30 页",
            "第3页/共30页",
            "第 3 页",
            "共 30 页 第 3 页",
            "- 3 -",
            "— 12 —",
            "3 / 30",
            "Page 3 of 30",
            "\u{c}第 1 页",
        ] {
            assert!(is_page_furniture(s), "{s:?}");
        }
        for s in ["第三页", "3", "页", "2026", "第 3 页 的 内容", "≥95.00(%)"] {
            assert!(!is_page_furniture(s), "{s:?}");
        }
    }

    #[test]
    fn year_rows() {
        assert_eq!(year_line(&row("(2026 年度)\t\t\t")), Some(2026));
        assert_eq!(year_line(&row("(2026年度)")), Some(2026));
        assert_eq!(year_line(&row("(2026年度)\t单位:元")), None);
    }
}
