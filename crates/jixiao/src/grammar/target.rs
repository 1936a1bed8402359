//! Target values (指标值).
//!
//! ```text
//! target       := quantitative | qualitative
//! quantitative := cmp number unit?        -- ≥95.00(%)  =8.00(次)  ≤780000.00(元)  ≥2800件
//!               | number paren_unit?      -- 100(%)  2
//!               | number ('%' | '‰')      -- 100%
//! cmp          := '≥' | '>=' | '≧' | '⩾' | '≤' | '<=' | '≦' | '⩽' | '=' | '>' | '<'
//! paren_unit   := '(' [^()]+ ')'           -- full-width parentheses folded
//! unit         := paren_unit | '%' | '‰' | bare_unit (only after a cmp)
//! qualitative  := anything else, kept as written
//! ```
//!
//! A bare unit without parentheses (`≥2800件`) is accepted only after a
//! comparison sign, so that deadlines such as `12月底前` stay qualitative.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::char;
use nom::combinator::{all_consuming, eof, map, opt, value, verify};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use crate::grammar::value::decimal;
use crate::model::{Comparison, Target, TargetKind};
use crate::text::{fold_width, key, normalize};
use crate::textval::Text;

/// `cmp` (see the module grammar).
fn comparison(input: &str) -> IResult<&str, Comparison> {
    alt((
        value(
            Comparison::Ge,
            alt((tag("≥"), tag(">="), tag("≧"), tag("⩾"))),
        ),
        value(
            Comparison::Le,
            alt((tag("≤"), tag("<="), tag("≦"), tag("⩽"))),
        ),
        value(Comparison::Eq, alt((tag("=="), tag("=")))),
        value(Comparison::Gt, tag(">")),
        value(Comparison::Lt, tag("<")),
    ))
    .parse(input)
}

/// `paren_unit`.
fn paren_unit(input: &str) -> IResult<&str, &str> {
    delimited(
        char('('),
        take_while1(|c: char| c != '(' && c != ')'),
        char(')'),
    )
    .parse(input)
}

fn percent(input: &str) -> IResult<&str, &str> {
    alt((tag("%"), tag("‰"))).parse(input)
}

/// A bare unit: a short run of non-digit, non-sign characters (`件`, `人次`).
fn bare_unit(input: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| {
            !c.is_ascii_digit() && !matches!(c, '(' | ')' | '=' | '<' | '>' | '≥' | '≤' | '-' | '~')
        }),
        |s: &str| s.chars().count() <= 6,
    )
    .parse(input)
}

type Quant<'a> = (Option<Comparison>, rust_decimal::Decimal, Option<&'a str>);

fn quantitative(input: &str) -> IResult<&str, Quant<'_>> {
    let with_cmp = map(
        (
            comparison,
            decimal,
            alt((
                map(paren_unit, Some),
                map(percent, Some),
                map(bare_unit, Some),
                map(eof, |_| None),
            )),
        ),
        |(c, d, u)| (Some(c), d, u),
    );
    let without_cmp = map((decimal, opt(alt((paren_unit, percent)))), |(d, u)| {
        (None, d, u)
    });
    all_consuming(alt((with_cmp, without_cmp))).parse(input)
}

/// Whether a key can start a `quantitative` value: a comparison sign, a
/// digit or a number's sign (`decimal`). Most qualitative targets (`及时`,
/// `符合要求`) are known by their first character.
fn may_start_quantitative(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '≥' | '≧' | '⩾' | '≤' | '≦' | '⩽' | '=' | '>' | '<' | '-' | '+'
        )
}

/// The comparison, number and unit of a quantitative target, `None` for a
/// qualitative one. `raw` is normalised, so its first character is its
/// key's, full-width folded.
fn read_quantitative(
    raw: &str,
) -> Option<(Option<Comparison>, rust_decimal::Decimal, Option<Text>)> {
    if !raw
        .chars()
        .next()
        .map(fold_width)
        .is_some_and(may_start_quantitative)
    {
        return None;
    }
    read_quantitative_unfiltered(raw)
}

/// [`read_quantitative`] without its first-character filter: the full grammar.
fn read_quantitative_unfiltered(
    raw: &str,
) -> Option<(Option<Comparison>, rust_decimal::Decimal, Option<Text>)> {
    quantitative(&key(raw)).ok().map(|(_, (cmp, value, unit))| {
        let unit = unit
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(Text::from);
        (cmp, value, unit)
    })
}

/// Parse a target cell (see the module grammar).
pub(crate) fn parse_target(cell: &str) -> Target {
    let raw = normalize(cell);
    let parsed = read_quantitative(&raw);
    match parsed {
        Some((cmp, value, unit)) => Target {
            raw,
            kind: TargetKind::Quantitative,
            cmp,
            value: Some(value),
            unit,
        },
        None => Target {
            raw,
            kind: TargetKind::Qualitative,
            cmp: None,
            value: None,
            unit: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn q(s: &str) -> (Option<&'static str>, String, Option<String>) {
        let t = parse_target(s);
        assert_eq!(t.kind, TargetKind::Quantitative, "{s}");
        (
            t.cmp.map(Comparison::as_ascii),
            t.value.unwrap().to_string(),
            t.unit.map(Text::into_string),
        )
    }

    #[test]
    fn sample_targets() {
        assert_eq!(
            q("≤130.00(元/人/天)"),
            (Some("<="), "130.00".into(), Some("元/人/天".into()))
        );
        assert_eq!(
            q("=8.00(次)"),
            (Some("="), "8.00".into(), Some("次".into()))
        );
        assert_eq!(
            q("≥95.00(%)"),
            (Some(">="), "95.00".into(), Some("%".into()))
        );
        assert_eq!(
            q("≤1400.00(个)"),
            (Some("<="), "1400.00".into(), Some("个".into()))
        );
        assert_eq!(
            q("=5000.00(元/件)"),
            (Some("="), "5000.00".into(), Some("元/件".into()))
        );
        assert_eq!(
            q("=750.00(人次)"),
            (Some("="), "750.00".into(), Some("人次".into()))
        );
    }

    #[test]
    fn other_spellings() {
        assert_eq!(q("≥ 95 %"), (Some(">="), "95".into(), Some("%".into())));
        assert_eq!(q(">=90（%）"), (Some(">="), "90".into(), Some("%".into())));
        assert_eq!(q("≥2800件"), (Some(">="), "2800".into(), Some("件".into())));
        assert_eq!(q("100%"), (None, "100".into(), Some("%".into())));
        assert_eq!(q("2"), (None, "2".into(), None));
        assert_eq!(
            q("=1,400.00(个)"),
            (Some("="), "1400.00".into(), Some("个".into()))
        );
    }

    #[test]
    fn qualitative_values_keep_their_text() {
        for s in [
            "及时",
            "按实",
            "安全送达目的地",
            "改善或提升程度明显",
            "12月底前",
            "90%-95%",
            "2026年12月31日前",
        ] {
            let t = parse_target(s);
            assert_eq!(t.kind, TargetKind::Qualitative, "{s}");
            assert_eq!(t.text(), Some(s));
            assert_eq!(t.raw, s);
            assert!(t.cmp.is_none() && t.value.is_none() && t.unit.is_none());
        }
    }

    #[test]
    fn raw_is_whitespace_normalised() {
        let t = parse_target("  ≥95.00 (%)\u{3000}");
        assert_eq!(t.raw, "≥95.00 (%)");
        assert_eq!(t.unit.as_deref(), Some("%"));
    }

    proptest! {
        #[test]
        fn never_panics_and_raw_is_normalised(s in "\\PC{0,30}") {
            let t = parse_target(&s);
            prop_assert_eq!(t.raw, normalize(&s));
        }

        /// The first-character filter never turns away a value the full
        /// grammar reads.
        #[test]
        fn first_character_filter_is_exact(
            s in prop_oneof![
                "\\PC{0,30}",
                "[ ＝=≥≤<>＜＞≧⩾≦⩽+\\-＋－0-9０-９.,，%％()（）件人 ]{1,12}",
            ]
        ) {
            let raw = normalize(&s);
            prop_assert_eq!(read_quantitative(&raw), read_quantitative_unfiltered(&raw));
        }

        #[test]
        fn quantitative_round_trip(op in 0usize..5, int in 0u64..100_000_000, frac in 0u32..100, unit in "[个次人元%]{1,2}") {
            let sym = ["≥", "≤", "=", ">", "<"][op];
            let s = format!("{sym}{int}.{frac:02}({unit})");
            let t = parse_target(&s);
            prop_assert_eq!(t.kind, TargetKind::Quantitative);
            prop_assert_eq!(t.value.unwrap().to_string(), format!("{int}.{frac:02}"));
            prop_assert_eq!(t.unit.map(Text::into_string), Some(unit));
        }
    }
}
