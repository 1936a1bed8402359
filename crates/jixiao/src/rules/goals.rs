//! Goal rules: `PT-G01` (goals written) and `PT-G02` (year drift).

use crate::diagnostic::Severity;
use crate::model::ProjectNature;
use crate::vocab::GoalLabel;

use super::locate::{At, Field};
use super::{FormCheck, RuleId};

pub(super) fn check(fc: &mut FormCheck<'_>) {
    goals_present(fc);
    goal_year(fc);
}

fn blank(text: Option<&str>) -> bool {
    text.map_or(true, |t| t.trim().is_empty())
}

/// `PT-G01`.
fn goals_present(fc: &mut FormCheck<'_>) {
    let goals = &fc.form.goals;
    if blank(goals.annual.as_deref()) {
        fc.report_as(
            RuleId::GoalsPresent,
            Severity::Error,
            At::Field(Field::Goal(GoalLabel::Annual)),
            "年度总体目标 is empty",
        );
    }
    if blank(goals.project.as_deref())
        && fc.form.project.nature_kind() == Some(ProjectNature::Phased)
    {
        fc.report_as(
            RuleId::GoalsPresent,
            Severity::Warning,
            At::Field(Field::Goal(GoalLabel::Project)),
            "项目总目标 is empty on a 阶段性 project",
        );
    }
}

/// Years written as `2025年` / `2025 年` in a text, outside document numbers
/// (`〔2023〕`, `[2023]`, `【2023】`), in order of appearance, without repeats.
///
/// ```text
/// year := digit{4} space* '年'       -- not inside 〔〕 [] 【】, not part of a longer number
/// ```
pub(crate) fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '〔' | '[' | '【' => depth += 1,
            '〕' | ']' | '】' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if depth == 0 && j - i == 4 && chars.get(k) == Some(&'年') {
                let year: String = chars[i..j].iter().collect();
                if let Ok(y) = year.parse::<i32>() {
                    if (1990..=2100).contains(&y) && !out.contains(&y) {
                        out.push(y);
                    }
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// `PT-G02`.
fn goal_year(fc: &mut FormCheck<'_>) {
    let Some(year) = fc.form.year else {
        return;
    };
    let goals = &fc.form.goals;
    let mut other: Vec<i32> = Vec::new();
    for text in [goals.annual.as_deref(), goals.project.as_deref()]
        .into_iter()
        .flatten()
    {
        for y in years_in(text) {
            if y != year && !other.contains(&y) {
                other.push(y);
            }
        }
    }
    if let Some(&first) = other.first() {
        let list: Vec<String> = other.iter().map(i32::to_string).collect();
        fc.report(
            RuleId::GoalYear,
            At::Year(first),
            format!(
                "the goal text of this {year} form talks about {}",
                list.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{base, findings, findings_with};
    use super::years_in;
    use crate::Profile;

    #[test]
    fn years_skip_document_numbers_and_longer_numbers() {
        assert_eq!(
            years_in("2025 年内新设, 2025 年和 2026 年兑现"),
            [2025, 2026]
        );
        assert_eq!(
            years_in("沪人社规〔2023〕1号, 静人社[2022]48号"),
            Vec::<i32>::new()
        );
        assert_eq!(
            years_in("2025届毕业生, 12025年, 增长2026"),
            Vec::<i32>::new()
        );
    }

    #[test]
    fn g01_needs_the_annual_goal() {
        let text = base().replace("\t\t\t完成 2026 年示例培训工作。\n", "");
        assert_eq!(findings(&text), [("PT-G01", 10)]);
        let doc = crate::parse(&text);
        let d = crate::check_source(&doc, &text, &crate::CheckOptions::default());
        assert_eq!(d[0].severity, crate::Severity::Error);
    }

    #[test]
    fn g02_points_at_the_other_year() {
        let text = base().replace("完成 2026 年示例", "延续 2025 年示例");
        assert_eq!(findings(&text), [("PT-G02", 11)]);
        let doc = crate::parse(&text);
        let d = crate::check_source(&doc, &text, &crate::CheckOptions::default());
        let s = d[0].span.unwrap();
        assert_eq!(&text[s.start_byte..s.end_byte], "2025 年");
        assert_eq!(d[0].severity, crate::Severity::Info);
        assert_eq!(findings_with(&text, Profile::Legacy2011), [("PT-G02", 11)]);
    }
}
