//! Value grammars shared by the sections: amounts, dates and the year line.
//!
//! Each parser takes a cell's *key* form where noted (whitespace removed,
//! full-width folded; see [`crate::text::label_key`]) and must consume the
//! whole input: trailing text means the cell is not that kind of value.

use std::str::FromStr;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, map, map_res, opt, recognize};
use nom::multi::many0_count;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use crate::model::Date;
use crate::text::{fold_width, is_space, key};

/// `number := '-'? digits (',' digit{3})* ('.' digits)?`
///
/// Recognises the text of a decimal number with optional thousands separators.
pub(crate) fn number_text(input: &str) -> IResult<&str, &str> {
    recognize((
        opt(alt((char('-'), char('+')))),
        digit1,
        many0_count(preceded(
            char(','),
            take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
        opt(preceded(char('.'), digit1)),
    ))
    .parse(input)
}

/// A [`number_text`] as an exact [`Decimal`], scale kept (`"0.00"` stays `0.00`).
/// Fails when the number does not fit a `Decimal` (28 significant digits).
pub(crate) fn decimal(input: &str) -> IResult<&str, Decimal> {
    map_res(number_text, |s: &str| {
        // A byte test: ',' and '+' are ASCII (a char-set search costs more).
        if s.bytes().any(|b| b == b',' || b == b'+') {
            let plain: String = s.chars().filter(|c| *c != ',' && *c != '+').collect();
            Decimal::from_str(&plain)
        } else {
            Decimal::from_str(s)
        }
    })
    .parse(input)
}

/// `amount := number ('元' | '万元')?` over a whole cell key.
///
/// ```text
/// 1,900.00   -> 1900.00
/// 0.00       -> 0.00
/// 12.5万元    -> 12.5
/// ```
pub(crate) fn parse_amount(cell: &str) -> Option<Decimal> {
    let key = key(cell);
    amount(&key).ok().map(|(_, d)| d)
}

fn amount(input: &str) -> IResult<&str, Decimal> {
    map(
        all_consuming((decimal, opt(alt((tag("万元"), tag("元")))))),
        |(d, _)| d,
    )
    .parse(input)
}

fn small_number(input: &str) -> IResult<&str, u32> {
    map_res(take_while1(|c: char| c.is_ascii_digit()), u32::from_str).parse(input)
}

/// `date := year sep month sep day '日'?` where `sep` is one of `- / .` or the
/// pair `年 … 月`; the day must exist in the calendar.
///
/// ```text
/// 2026-01-01 | 2026/1/1 | 2026.1.1 | 2026年1月1日
/// ```
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let key = key(text);
    let (_, (y, m, d)) = date_parts(&key).ok()?;
    let year = i32::try_from(y)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    Date::new(year, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

fn date_sep(input: &str) -> IResult<&str, char> {
    alt((char('-'), char('/'), char('.'))).parse(input)
}

fn date_parts(input: &str) -> IResult<&str, (u32, u32, u32)> {
    let dashed = (
        small_number,
        preceded(date_sep, small_number),
        preceded(date_sep, small_number),
    );
    let chinese = (
        small_number,
        preceded(char('年'), small_number),
        delimited(char('月'), small_number, opt(char('日'))),
    );
    all_consuming(alt((dashed, chinese))).parse(input)
}

fn year_digits(input: &str) -> IResult<&str, &str> {
    all_consuming(delimited(
        opt(char('(')),
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        (alt((tag("年度"), tag("年"))), opt(char(')'))),
    ))
    .parse(input)
}

/// `year_line := '('? digit{4} '年度' ')'?` over a cell key; the year.
///
/// ```text
/// (2026 年度) | (2026年度) | （2026年度） | 2026年度
/// ```
pub(crate) fn parse_year_line(cell: &str) -> Option<i32> {
    // Quick reject (most single cells are titles or goal texts): the key
    // starts with `(` or a digit.
    let first = cell.chars().find(|c| !is_space(*c)).map(fold_width);
    if !matches!(first, Some('(' | '0'..='9')) {
        return None;
    }
    // A year line's key has at most eight characters (`(2026年度)`): long
    // lines (numbered goal texts start with a digit) need no key.
    if cell.chars().filter(|c| !is_space(*c)).nth(8).is_some() {
        return None;
    }
    let key = key(cell);
    let (_, y) = year_digits(&key).ok()?;
    // A year has four digits and does not start with 0 (`0506` is no year).
    y.parse().ok().filter(|y: &i32| (1000..=9999).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_keep_scale_and_drop_separators() {
        assert_eq!(parse_amount("1,900.00").unwrap().to_string(), "1900.00");
        assert_eq!(parse_amount("0.00").unwrap().to_string(), "0.00");
        assert_eq!(
            parse_amount("270,000,000.00").unwrap().to_string(),
            "270000000.00"
        );
        assert_eq!(parse_amount("12.5 万元").unwrap().to_string(), "12.5");
        assert_eq!(
            parse_amount("１，９００．００").unwrap().to_string(),
            "1900.00"
        );
    }

    #[test]
    fn bad_amounts_are_rejected() {
        for bad in [
            "",
            "abc",
            "1,90.00",
            "1.2.3",
            "12x",
            "99999999999999999999999999999999",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_in_every_spelling() {
        let d = Date::new(2026, 1, 1);
        assert_eq!(parse_date("2026-01-01"), d);
        assert_eq!(parse_date("2026/1/1"), d);
        assert_eq!(parse_date("2026.1.1"), d);
        assert_eq!(parse_date("2026年1月1日"), d);
        assert_eq!(parse_date("2026 年 1 月 1 日"), d);
        assert_eq!(parse_date("2026-02-29"), None);
        assert_eq!(parse_date("2026-01"), None);
        assert_eq!(parse_date("26-01-01"), None);
    }

    #[test]
    fn year_lines() {
        assert_eq!(parse_year_line("(2026 年度)"), Some(2026));
        assert_eq!(parse_year_line("(2026年度)"), Some(2026));
        assert_eq!(parse_year_line("（2026年度）"), Some(2026));
        assert_eq!(parse_year_line("2026年度"), Some(2026));
        assert_eq!(parse_year_line("(20261年度)"), None);
        assert_eq!(parse_year_line("(2026 年度) 单位: 元"), None);
    }

    proptest! {
        #[test]
        fn amount_round_trips_formatted_decimals(int in 0u64..10_000_000_000, frac in 0u32..100) {
            let plain = format!("{int}.{frac:02}");
            let d = Decimal::from_str(&plain).unwrap();
            // Format with thousands separators the way the forms do.
            let digits = int.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 { grouped.push(','); }
                grouped.push(c);
            }
            let text = format!("{grouped}.{frac:02}");
            prop_assert_eq!(parse_amount(&text), Some(d));
        }

        #[test]
        fn value_parsers_never_panic(s in "\\PC{0,40}") {
            let _ = parse_amount(&s);
            let _ = parse_date(&s);
            let _ = parse_year_line(&s);
        }
    }
}
