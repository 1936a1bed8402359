//! Validation rules (domain notes §5): findings about a parsed document.
//!
//! Each rule group lives in its own file (header, funding, goals, levels,
//! values, cost, satisfaction). A rule records a [`Finding`] with an
//! [`At`] that says what it points at; [`check`] turns that into a span from
//! the positions the model carries (whole lines), [`check_source`] into the
//! exact cell in the source text.

mod catalog;
mod cost;
mod funding;
mod goals;
mod header;
mod levels;
mod locate;
mod satisfaction;
mod values;

use std::fmt;
use std::str::FromStr;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Document, Form, Indicator, Level1, Level2};

pub use catalog::{rules_table, RuleId};
pub(crate) use locate::At;

/// Which indicator framework a document is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// Shanghai 2025+ (the default): 成本指标 is level 1 and required.
    #[default]
    Sh2025,
    /// 财预〔2021〕101号 national guide.
    Cn101,
    /// The 2011 template: 成本 under 产出, 满意度 under 效益.
    Legacy2011,
}

impl Profile {
    /// Every profile, default first.
    ///
    /// ```
    /// let names: Vec<_> = jixiao::Profile::ALL.iter().map(|p| p.name()).collect();
    /// assert_eq!(names, ["SH-2025+", "CN-101", "LEGACY-2011"]);
    /// ```
    pub const ALL: [Profile; 3] = [Profile::Sh2025, Profile::Cn101, Profile::Legacy2011];

    /// The profile's name as users write it (`SH-2025+`).
    ///
    /// ```
    /// assert_eq!(jixiao::Profile::Cn101.name(), "CN-101");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Profile::Sh2025 => "SH-2025+",
            Profile::Cn101 => "CN-101",
            Profile::Legacy2011 => "LEGACY-2011",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "SH-2025+" | "SH-2025" | "SH" => Ok(Profile::Sh2025),
            "CN-101" | "CN" => Ok(Profile::Cn101),
            "LEGACY-2011" | "LEGACY" => Ok(Profile::Legacy2011),
            _ => Err(format!(
                "unknown profile {s:?}; expected SH-2025+, CN-101 or LEGACY-2011"
            )),
        }
    }
}

/// Options for [`check`].
///
/// ```
/// use jixiao::{CheckOptions, Profile};
/// let options = CheckOptions {
///     profile: "LEGACY-2011".parse().unwrap(),
///     allow: vec!["PT-V04".into()],
/// };
/// assert_eq!(options.profile, Profile::Legacy2011);
/// assert!(options.allows(jixiao::RuleId::VagueValue));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The framework to check against.
    pub profile: Profile,
    /// Rule ids to switch off (`PT-V04`; case and the `PT-` prefix are optional).
    pub allow: Vec<String>,
}

impl CheckOptions {
    /// Whether `rule` is switched off by [`CheckOptions::allow`].
    ///
    /// ```
    /// let options = jixiao::CheckOptions { allow: vec!["l03".into()], ..Default::default() };
    /// assert!(options.allows(jixiao::RuleId::SatisfactionPresent));
    /// assert!(!options.allows(jixiao::RuleId::AnnualSum));
    /// ```
    #[must_use]
    pub fn allows(&self, rule: RuleId) -> bool {
        self.allow.iter().any(|a| RuleId::from_id(a) == Some(rule))
    }

    fn severity(&self, rule: RuleId) -> Option<Severity> {
        if self.allows(rule) {
            None
        } else {
            rule.severity_in(self.profile)
        }
    }
}

/// Check a parsed document against the rules; returns the findings in form order.
///
/// Works from the document alone, so spans cover whole lines (columns are 1)
/// and form-level findings cover the whole form; rule `PT-L05` needs the text
/// and is skipped. Use [`check_source`] when the text is at hand.
///
/// ```
/// let doc = jixiao::parse(jixiao::SAMPLE);
/// let findings = jixiao::check(&doc, &jixiao::CheckOptions::default());
/// assert!(findings.iter().all(|f| f.form.is_some()));
/// let lacking = findings.iter().filter(|f| f.code.as_str() == "PT-L03").count();
/// assert_eq!(lacking, 13);
/// ```
#[must_use]
pub fn check(doc: &Document, options: &CheckOptions) -> Vec<Diagnostic> {
    run(doc, None, options)
}

/// Check a document with the text it was parsed from: every rule runs
/// (including `PT-L05`, which reads the label rows) and each finding points at
/// the exact cell (the target value, the amount, the year in the goal).
///
/// `source` must be the text `doc` was parsed from; spans that do not fit it
/// fall back to the whole lines [`check`] gives.
///
/// ```
/// let doc = jixiao::parse(jixiao::SAMPLE);
/// let findings = jixiao::check_source(&doc, jixiao::SAMPLE, &jixiao::CheckOptions::default());
/// let c01 = findings.iter().find(|f| f.code.as_str() == "PT-C01").unwrap();
/// let span = c01.span.unwrap();
/// assert_eq!(&jixiao::SAMPLE[span.start_byte..span.end_byte], "≥240000.00(元)");
/// assert!(c01.render(jixiao::SAMPLE).contains("^^^^"));
/// ```
#[must_use]
pub fn check_source(doc: &Document, source: &str, options: &CheckOptions) -> Vec<Diagnostic> {
    run(doc, Some(source), options)
}

/// What one rule found, before it is placed.
#[derive(Debug)]
pub(crate) struct Finding {
    pub rule: RuleId,
    /// `None`: the rule's severity under the profile.
    pub severity: Option<Severity>,
    pub message: String,
    pub at: At,
}

/// One form under check: the rules read it and push findings.
pub(crate) struct FormCheck<'a> {
    pub form: &'a Form,
    pub profile: Profile,
    findings: Vec<Finding>,
}

impl FormCheck<'_> {
    /// Record a finding with the rule's profile severity.
    pub fn report(&mut self, rule: RuleId, at: At, message: impl Into<String>) {
        self.findings.push(Finding {
            rule,
            severity: None,
            message: message.into(),
            at,
        });
    }

    /// Record a finding with its own severity (rules with two levels).
    pub fn report_as(
        &mut self,
        rule: RuleId,
        severity: Severity,
        at: At,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            rule,
            severity: Some(severity),
            message: message.into(),
            at,
        });
    }

    /// The form's name for messages.
    pub fn name(&self) -> &str {
        self.form
            .project
            .name
            .as_deref()
            .unwrap_or("(unnamed project)")
    }
}

fn run(doc: &Document, source: Option<&str>, options: &CheckOptions) -> Vec<Diagnostic> {
    let located = source.map(locate::Source::new);
    let mut out = Vec::new();
    for (index, form) in doc.forms.iter().enumerate() {
        let mut fc = FormCheck {
            form,
            profile: options.profile,
            findings: Vec::new(),
        };
        header::check(&mut fc);
        funding::check(&mut fc);
        goals::check(&mut fc);
        levels::check(&mut fc);
        if let Some(src) = &located {
            levels::check_rows(&mut fc, src);
        }
        values::check(&mut fc);
        cost::check(&mut fc);
        satisfaction::check(&mut fc);

        let mut placed: Vec<(usize, RuleId, Diagnostic)> = Vec::new();
        for f in fc.findings {
            let Some(profile_severity) = options.severity(f.rule) else {
                continue;
            };
            let span = Some(match &located {
                Some(src) => src.resolve(&f.at, form),
                None => locate::without_source(&f.at, form),
            });
            let severity = f
                .severity
                .map_or(profile_severity, |s| s.min(profile_severity));
            let line = span.map_or(0, |s| s.start_line);
            placed.push((
                line,
                f.rule,
                Diagnostic {
                    code: Code::Rule(f.rule),
                    severity,
                    message: f.message,
                    span,
                    form: Some(index),
                },
            ));
        }
        placed.sort_by_key(|(line, rule, _)| (*line, *rule));
        out.extend(placed.into_iter().map(|(_, _, d)| d));
    }
    out
}

/// Whether an indicator measures cost (level 1 成本, or a cost level 2).
pub(crate) fn is_cost(ind: &Indicator) -> bool {
    ind.level1 == Some(Level1::Cost)
        || matches!(
            ind.level2,
            Some(
                Level2::Cost
                    | Level2::EconomicCost
                    | Level2::SocialCost
                    | Level2::EcoEnvironmentalCost
            )
        )
}

/// Whether an indicator is a satisfaction indicator by its place in the tree.
pub(crate) fn is_satisfaction(ind: &Indicator) -> bool {
    ind.level1 == Some(Level1::Satisfaction) || ind.level2 == Some(Level2::ServiceSatisfaction)
}

#[cfg(test)]
pub(crate) mod testing;
