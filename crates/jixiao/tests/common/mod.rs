//! Helpers shared by the integration tests.
#![allow(dead_code)]

use jixiao::{Document, Form, Level1, Level2, Span};

/// The sample's lines (without terminators), index 0 = line 1.
pub fn sample_lines() -> Vec<String> {
    jixiao::SAMPLE.split('\n').map(str::to_owned).collect()
}

/// Join lines with `\n`.
pub fn join(lines: &[String]) -> String {
    lines.join("\n")
}

const ZERO: Span = Span {
    start_line: 0,
    end_line: 0,
    start_byte: 0,
    end_byte: 0,
};

/// A form with every span zeroed, for comparing models of texts whose lines moved.
pub fn unspanned(form: &Form) -> Form {
    let mut f = form.clone();
    f.span = ZERO;
    for i in &mut f.indicators {
        i.span = ZERO;
    }
    f
}

/// All forms, unspanned.
pub fn forms(doc: &Document) -> Vec<Form> {
    doc.forms.iter().map(unspanned).collect()
}

/// (code, start line, end line, form) of every diagnostic.
pub fn codes(doc: &Document) -> Vec<(String, usize, usize, Option<usize>)> {
    doc.diagnostics
        .iter()
        .map(|d| {
            let (s, e) = d.span.map_or((0, 0), |s| (s.start_line, s.end_line));
            (d.code.as_str().to_owned(), s, e, d.form)
        })
        .collect()
}

/// Every named level-1 item (not `Other`).
pub fn named_level1() -> Vec<Level1> {
    vec![
        Level1::Cost,
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
    ]
}

/// Every named level-2 item (not `Other`), the legacy 成本指标 included.
pub fn named_level2() -> Vec<Level2> {
    vec![
        Level2::EconomicCost,
        Level2::SocialCost,
        Level2::EcoEnvironmentalCost,
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::EconomicBenefit,
        Level2::SocialBenefit,
        Level2::EcologicalBenefit,
        Level2::SustainableImpact,
        Level2::ServiceSatisfaction,
        Level2::Cost,
    ]
}
