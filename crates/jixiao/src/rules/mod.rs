//! Validation rules (domain notes §5): findings about a parsed document.
//!
//! STUB: the rule set is being written (issue 4). The signature below is the
//! contract the CLI and the bindings code against.

use std::fmt;
use std::str::FromStr;

use crate::diagnostic::Diagnostic;
use crate::model::Document;

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The framework to check against.
    pub profile: Profile,
    /// Rule ids to switch off (`PT-V04`).
    pub allow: Vec<String>,
}

/// Check a parsed document against the rules; returns the findings in form order.
///
/// ```
/// let doc = jixiao::parse(jixiao::SAMPLE);
/// let findings = jixiao::check(&doc, &jixiao::CheckOptions::default());
/// assert!(findings.iter().all(|f| f.form.is_some()));
/// ```
#[must_use]
pub fn check(doc: &Document, options: &CheckOptions) -> Vec<Diagnostic> {
    let _ = (doc, options);
    Vec::new()
}
