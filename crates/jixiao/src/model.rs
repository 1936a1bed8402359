//! The v1 data model: what a parsed document is made of.
//!
//! Field names follow `docs/contract-v1.md`; serde renders them exactly as the
//! contract spells them. Money and target values are [`Decimal`]s serialised as
//! JSON strings, so that the scale written in the source (`"0.00"`) survives
//! every consumer.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::Diagnostic;
use crate::textval::Text;

/// The version of the JSON contract this crate emits.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole input text: an optional document title, the forms read from it and
/// every diagnostic raised while reading.
///
/// ```
/// let doc = jixiao::parse("");
/// assert_eq!(doc.schema_version, 1);
/// assert!(doc.forms.is_empty());
/// assert_eq!(doc.diagnostics[0].code, jixiao::Code::EmptyInput);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The document title before the first form (e.g. `…2026 年度项目绩效目标汇总表`).
    pub title: Option<Text>,
    /// The forms, in input order.
    pub forms: Vec<Form>,
    /// Everything worth telling about the input, in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// The layout the text was read as (detected, or forced by
    /// [`ParseOptions`](crate::ParseOptions)).
    #[serde(default)]
    pub layout: crate::Layout,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            title: None,
            forms: Vec::new(),
            diagnostics: Vec::new(),
            layout: crate::Layout::Tab,
        }
    }
}

impl Document {
    /// Serialise to the v1 JSON contract (pretty-printed).
    ///
    /// ```
    /// let doc = jixiao::parse(jixiao::SAMPLE);
    /// let json = doc.to_json();
    /// assert!(json.contains("\"schema_version\": 1"));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::document(self)
    }

    /// Read a document back from v1 JSON.
    ///
    /// ```
    /// let doc = jixiao::parse(jixiao::SAMPLE);
    /// let back = jixiao::Document::from_json(&doc.to_json()).unwrap();
    /// assert_eq!(back, doc);
    /// ```
    pub fn from_json(json: &str) -> Result<Document, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Whether any diagnostic has [`Severity::Error`](crate::Severity::Error).
    ///
    /// ```
    /// assert!(!jixiao::parse(jixiao::SAMPLE).has_errors());
    /// assert!(jixiao::parse("hello").has_errors());
    /// ```
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::Severity::Error)
    }

    /// The number of indicators over all forms.
    ///
    /// ```
    /// assert_eq!(jixiao::parse(jixiao::SAMPLE).indicator_count(), 177);
    /// ```
    #[must_use]
    pub fn indicator_count(&self) -> usize {
        self.forms.iter().map(|f| f.indicators.len()).sum()
    }
}

/// One 财政项目支出绩效目标申报表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// The budget year, from the `(2026 年度)` line; `None` when the text has none.
    pub year: Option<i32>,
    /// The project rows.
    pub project: Project,
    /// The 项目资金 block.
    pub funding: Funding,
    /// The 项目绩效目标 block.
    pub goals: Goals,
    /// The 绩效指标 table, one entry per 三级指标 row.
    pub indicators: Vec<Indicator>,
    /// The lines the form occupies.
    pub span: Span,
}

/// The project rows: 项目名称 … 计划完成日期.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// 项目名称.
    pub name: Option<Text>,
    /// 项目性质 as written (e.g. `经常性项目`); see [`Project::nature_kind`].
    pub nature: Option<Text>,
    /// 项目类别 as written (e.g. `特定目标类`).
    pub category: Option<Text>,
    /// 主管部门.
    pub department: Option<Text>,
    /// 实施单位.
    pub implementer: Option<Text>,
    /// 计划开始日期.
    pub start_date: Option<Date>,
    /// 计划完成日期.
    pub end_date: Option<Date>,
}

impl Project {
    /// The 项目性质 as a known kind, when it is one.
    ///
    /// ```
    /// use jixiao::ProjectNature;
    /// let doc = jixiao::parse(jixiao::SAMPLE);
    /// assert_eq!(doc.forms[0].project.nature_kind(), Some(ProjectNature::Recurring));
    /// ```
    #[must_use]
    pub fn nature_kind(&self) -> Option<ProjectNature> {
        self.nature.as_deref().map(ProjectNature::from_label)
    }
}

/// The kinds of 项目性质.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProjectNature {
    /// 经常性项目: recurring, continues while the function exists.
    Recurring,
    /// 阶段性项目: phased, multi-year with fixed dates.
    Phased,
    /// 一次性项目: one-off.
    OneOff,
    /// Anything else, as written (legacy 新增/延续/持续性项目 …).
    Other(Text),
}

impl ProjectNature {
    /// Classify a 项目性质 text.
    ///
    /// ```
    /// use jixiao::ProjectNature;
    /// assert_eq!(ProjectNature::from_label("阶段性项目"), ProjectNature::Phased);
    /// assert_eq!(ProjectNature::from_label("一次性"), ProjectNature::OneOff);
    /// assert_eq!(ProjectNature::from_label("延续"), ProjectNature::Other("延续".into()));
    /// ```
    #[must_use]
    pub fn from_label(text: &str) -> ProjectNature {
        let key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match key.trim_end_matches("项目") {
            "经常性" => ProjectNature::Recurring,
            "阶段性" => ProjectNature::Phased,
            "一次性" => ProjectNature::OneOff,
            _ => ProjectNature::Other(Text::from(text)),
        }
    }
}

/// The 项目资金 block: whole-project column (left) and annual column (right).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    /// The money unit declared in the header, `元` or `万元`.
    pub unit: Option<Text>,
    /// 项目资金总额 (whole project, often blank).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub project_total: Option<Decimal>,
    /// 其中: 财政资金 (whole project).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub project_fiscal: Option<Decimal>,
    /// 其他资金 (whole project, left column).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub project_other: Option<Decimal>,
    /// 年度资金申请总额.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub annual_total: Option<Decimal>,
    /// 其中: 当年财政拨款.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub annual_appropriation: Option<Decimal>,
    /// 上年结转资金.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub annual_carryover: Option<Decimal>,
    /// 其他资金 (annual, right column).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub annual_other: Option<Decimal>,
}

/// The 项目绩效目标 block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goals {
    /// 项目总目标 (whole-project goal).
    pub project: Option<Text>,
    /// 年度总体目标 (this year's goal).
    pub annual: Option<Text>,
}

/// One 三级指标 row of the 绩效指标 table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标, normalised.
    pub level1: Option<Level1>,
    /// 二级指标, normalised.
    pub level2: Option<Level2>,
    /// 三级指标 (the indicator's own name).
    pub name: Text,
    /// 年度(/项目)指标值.
    pub target: Target,
    /// The line the row occupies.
    pub span: Span,
}

impl Indicator {
    /// Whether every non-empty part of this indicator (its 一级/二级 labels,
    /// name and target) is a heading of the indicator table or the table's
    /// label. The parser gives such an indicator only for a garbled heading
    /// row, and it is the one indicator [`render`](crate::render) cannot
    /// write back: on a row it *is* the heading row.
    ///
    /// ```
    /// let doc = jixiao::parse(jixiao::SAMPLE);
    /// assert!(doc.forms.iter().flat_map(|f| &f.indicators).all(|i| !i.is_heading_only()));
    /// let mut heading = doc.forms[0].indicators[0].clone();
    /// heading.level1 = None;
    /// heading.level2 = None;
    /// heading.name = "三级指标".into();
    /// heading.target.raw = "年度指标值".into();
    /// assert!(heading.is_heading_only());
    /// ```
    #[must_use]
    pub fn is_heading_only(&self) -> bool {
        let l1 = self.level1.as_ref().map_or("", Level1::label);
        let l2 = self.level2.as_ref().map_or("", Level2::label);
        [l1, l2, self.name.as_str(), self.target.raw.as_str()]
            .into_iter()
            .all(|s| {
                let key = crate::text::key(s);
                s.is_empty()
                    || crate::vocab::is_table_heading(&key)
                    || crate::vocab::is_table_label(&key)
            })
    }
}

/// A first-level indicator (一级指标).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level1 {
    /// 成本指标.
    Cost,
    /// 产出指标 (alias 产出(工作量)指标).
    Output,
    /// 效益指标 (alias 效果指标).
    Benefit,
    /// 满意度指标.
    Satisfaction,
    /// A label outside the national tree, as written. Boxed: such labels
    /// are rare, and the box keeps every indicator's level 8 bytes smaller.
    Other(Box<Text>),
}

impl Level1 {
    /// The canonical label, e.g. `成本指标`.
    ///
    /// ```
    /// assert_eq!(jixiao::Level1::Output.label(), "产出指标");
    /// ```
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Level1::Cost => "成本指标",
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Other(s) => s,
        }
    }

    /// A label outside the national tree, kept as written.
    ///
    /// ```
    /// use jixiao::Level1;
    /// let other = Level1::other("投入指标");
    /// assert_eq!(other.label(), "投入指标");
    /// assert!(matches!(other, Level1::Other(_)));
    /// ```
    #[must_use]
    pub fn other(label: impl Into<Text>) -> Level1 {
        Level1::Other(Box::new(label.into()))
    }

    /// Recognise a level-1 label (whitespace, width and aliases folded).
    ///
    /// ```
    /// use jixiao::Level1;
    /// assert_eq!(Level1::from_label("产出 (工作量) 指标"), Some(Level1::Output));
    /// assert_eq!(Level1::from_label("效果指标"), Some(Level1::Benefit));
    /// assert_eq!(Level1::from_label("数量指标"), None);
    /// ```
    #[must_use]
    pub fn from_label(text: &str) -> Option<Level1> {
        crate::vocab::level1(&crate::text::label_key(text))
    }
}

/// A second-level indicator (二级指标).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level2 {
    /// 经济成本指标.
    EconomicCost,
    /// 社会成本指标.
    SocialCost,
    /// 生态环境成本指标.
    EcoEnvironmentalCost,
    /// 成本指标 used as a level-2 item under 产出 (pre-2021 forms).
    Cost,
    /// 数量指标.
    Quantity,
    /// 质量指标.
    Quality,
    /// 时效指标.
    Timeliness,
    /// 经济效益指标.
    EconomicBenefit,
    /// 社会效益指标.
    SocialBenefit,
    /// 生态效益指标 (alias 环境效益指标).
    EcologicalBenefit,
    /// 可持续影响指标.
    SustainableImpact,
    /// 服务对象满意度指标 (alias 社会公众或服务对象满意度指标).
    ServiceSatisfaction,
    /// A label outside the national tree, as written. Boxed: such labels
    /// are rare, and the box keeps every indicator's level 8 bytes smaller.
    Other(Box<Text>),
}

impl Level2 {
    /// The canonical label, e.g. `数量指标`.
    ///
    /// ```
    /// assert_eq!(jixiao::Level2::SustainableImpact.label(), "可持续影响指标");
    /// ```
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Level2::EconomicCost => "经济成本指标",
            Level2::SocialCost => "社会成本指标",
            Level2::EcoEnvironmentalCost => "生态环境成本指标",
            Level2::Cost => "成本指标",
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::EconomicBenefit => "经济效益指标",
            Level2::SocialBenefit => "社会效益指标",
            Level2::EcologicalBenefit => "生态效益指标",
            Level2::SustainableImpact => "可持续影响指标",
            Level2::ServiceSatisfaction => "服务对象满意度指标",
            Level2::Other(s) => s,
        }
    }

    /// A label outside the national tree, kept as written.
    ///
    /// ```
    /// use jixiao::Level2;
    /// let other = Level2::other("工作量指标");
    /// assert_eq!(other.label(), "工作量指标");
    /// assert!(matches!(other, Level2::Other(_)));
    /// ```
    #[must_use]
    pub fn other(label: impl Into<Text>) -> Level2 {
        Level2::Other(Box::new(label.into()))
    }

    /// Recognise a level-2 label (whitespace, width and aliases folded),
    /// the legacy `成本指标` included: every label [`Level2::label`] writes
    /// reads back as the same value (the JSON round trip relies on it).
    ///
    /// ```
    /// use jixiao::Level2;
    /// assert_eq!(Level2::from_label("环境效益指标"), Some(Level2::EcologicalBenefit));
    /// assert_eq!(Level2::from_label("时效 指标"), Some(Level2::Timeliness));
    /// assert_eq!(Level2::from_label("成本指标"), Some(Level2::Cost));
    /// assert_eq!(Level2::from_label("产出指标"), None);
    /// ```
    #[must_use]
    pub fn from_label(text: &str) -> Option<Level2> {
        let key = crate::text::label_key(text);
        // In a table row, 成本指标 in the level-2 column is read as the
        // legacy item only after a level-1 label (the grammar decides that);
        // as a value of its own it can only be that item.
        crate::vocab::level2(&key).or_else(|| (key == Level2::Cost.label()).then_some(Level2::Cost))
    }

    /// The level-1 indicator this item belongs to in the current national tree
    /// (财预〔2021〕101号 / Shanghai 2025); `None` for [`Level2::Other`] and for
    /// the legacy [`Level2::Cost`].
    ///
    /// ```
    /// use jixiao::{Level1, Level2};
    /// assert_eq!(Level2::Quality.canonical_parent(), Some(Level1::Output));
    /// assert_eq!(Level2::SustainableImpact.canonical_parent(), Some(Level1::Benefit));
    /// ```
    #[must_use]
    pub fn canonical_parent(&self) -> Option<Level1> {
        Some(match self {
            Level2::EconomicCost | Level2::SocialCost | Level2::EcoEnvironmentalCost => {
                Level1::Cost
            }
            Level2::Quantity | Level2::Quality | Level2::Timeliness => Level1::Output,
            Level2::EconomicBenefit
            | Level2::SocialBenefit
            | Level2::EcologicalBenefit
            | Level2::SustainableImpact => Level1::Benefit,
            Level2::ServiceSatisfaction => Level1::Satisfaction,
            Level2::Cost | Level2::Other(_) => return None,
        })
    }
}

macro_rules! label_serde {
    ($ty:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = Text::deserialize(d)?;
                Ok($ty::from_label(&s).unwrap_or_else(|| $ty::other(s)))
            }
        }
    };
}
label_serde!(Level1);
label_serde!(Level2);

/// A target value (指标值).
///
/// The qualitative value is not stored apart from the cell: it is
/// [`Target::text`], the `raw` text of a qualitative target. The JSON
/// contract still writes it as the `text` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The cell as written, whitespace-normalised.
    pub raw: Text,
    /// Quantitative (`≥95.00(%)`) or qualitative (`及时`).
    pub kind: TargetKind,
    /// The comparison; `None` when qualitative or when the text has no operator.
    pub cmp: Option<Comparison>,
    /// The number, exact, scale kept; `None` when qualitative.
    pub value: Option<Decimal>,
    /// The unit (`%`, `元/人/天`); `None` when qualitative or absent.
    pub unit: Option<Text>,
}

/// [`Target`] as the contract spells it, `text` included: written from
/// borrowed `&str`s, read into [`Text`]s.
#[derive(Serialize, Deserialize)]
struct TargetJson<S> {
    raw: S,
    kind: TargetKind,
    cmp: Option<Comparison>,
    #[serde(with = "rust_decimal::serde::str_option")]
    value: Option<Decimal>,
    unit: Option<S>,
    text: Option<S>,
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TargetJson {
            raw: self.raw.as_str(),
            kind: self.kind,
            cmp: self.cmp,
            value: self.value,
            unit: self.unit.as_deref(),
            text: self.text(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Target {
    /// Reads the contract's target object; `text` must be what the contract
    /// makes it — the `raw` cell for a qualitative target, `null` for a
    /// quantitative one — since it is not stored apart.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let j = TargetJson::<Text>::deserialize(d)?;
        let expected = match j.kind {
            TargetKind::Qualitative => Some(j.raw.as_str()),
            TargetKind::Quantitative => None,
        };
        if j.text.as_deref() != expected {
            return Err(serde::de::Error::custom(format!(
                "target text {:?} does not match its raw cell {:?} (a qualitative target's text is its raw text; a quantitative one's is null)",
                j.text.as_deref(),
                j.raw.as_str()
            )));
        }
        Ok(Target {
            raw: j.raw,
            kind: j.kind,
            cmp: j.cmp,
            value: j.value,
            unit: j.unit,
        })
    }
}

impl Target {
    /// Parse a target cell. Anything that is not `[op] number [(unit)]` is
    /// qualitative text.
    ///
    /// ```
    /// use jixiao::{Comparison, Target, TargetKind};
    /// let t = Target::parse("≤130.00(元/人/天)");
    /// assert_eq!(t.kind, TargetKind::Quantitative);
    /// assert_eq!(t.cmp, Some(Comparison::Le));
    /// assert_eq!(t.value.unwrap().to_string(), "130.00");
    /// assert_eq!(t.unit.as_deref(), Some("元/人/天"));
    ///
    /// let q = Target::parse("及时");
    /// assert_eq!(q.kind, TargetKind::Qualitative);
    /// assert_eq!(q.text(), Some("及时"));
    /// ```
    #[must_use]
    pub fn parse(cell: &str) -> Target {
        crate::grammar::target::parse_target(cell)
    }

    /// The qualitative value: the cell's text when the target is qualitative,
    /// `None` when it is quantitative (the contract's `text` field).
    ///
    /// ```
    /// use jixiao::Target;
    /// assert_eq!(Target::parse("按时完成").text(), Some("按时完成"));
    /// assert_eq!(Target::parse("=8.00(次)").text(), None);
    /// ```
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self.kind {
            TargetKind::Qualitative => Some(&self.raw),
            TargetKind::Quantitative => None,
        }
    }
}

/// Whether a target is a number or a description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// `[op] number [(unit)]`.
    Quantitative,
    /// Free text such as `及时`.
    Qualitative,
}

/// A comparison operator in a quantitative target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparison {
    /// `=`
    #[serde(rename = "=")]
    Eq,
    /// `≥`
    #[serde(rename = ">=")]
    Ge,
    /// `≤`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `<`
    #[serde(rename = "<")]
    Lt,
}

impl Comparison {
    /// The ASCII spelling used in JSON (`>=`).
    ///
    /// ```
    /// assert_eq!(jixiao::Comparison::Ge.as_ascii(), ">=");
    /// ```
    #[must_use]
    pub fn as_ascii(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Ge => ">=",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Lt => "<",
        }
    }

    /// The symbol as the forms print it (`≥`).
    ///
    /// ```
    /// assert_eq!(jixiao::Comparison::Le.symbol(), "≤");
    /// ```
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Ge => "≥",
            Comparison::Le => "≤",
            Comparison::Gt => ">",
            Comparison::Lt => "<",
        }
    }
}

/// A calendar date (no time zone), serialised as ISO 8601 `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A checked date: `None` when the day does not exist.
    ///
    /// ```
    /// use jixiao::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2026, 2, 29).is_none());
    /// ```
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parse the spellings forms use: `2026-01-01`, `2026/1/1`, `2026.1.1`, `2026年1月1日`.
    ///
    /// ```
    /// use jixiao::Date;
    /// assert_eq!(Date::parse("2026/1/1"), Date::new(2026, 1, 1));
    /// assert_eq!(Date::parse("2026年12月31日"), Date::new(2026, 12, 31));
    /// assert_eq!(Date::parse("2026-13-01"), None);
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Date> {
        crate::grammar::value::parse_date(text)
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}")))
    }
}

/// Where something sits in the input: 1-based lines, plus 0-based byte offsets
/// into the text as given (after nothing: a BOM counts as 3 bytes).
///
/// Line numbers are `u32` (every indicator carries a span: the narrower
/// lines keep it 8 bytes smaller); a line past 4,294,967,295, which only an
/// input of more than 4 GiB can have, is numbered `u32::MAX`. Byte offsets
/// are exact at any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First line, 1-based.
    pub start_line: u32,
    /// Last line, 1-based, inclusive.
    pub end_line: u32,
    /// Byte offset of the first byte.
    pub start_byte: usize,
    /// Byte offset one past the last byte (line terminator excluded).
    pub end_byte: usize,
}

impl Span {
    /// The span from the start of line `first` to the end of line `last`.
    pub(crate) fn of_lines(first: &crate::text::Line<'_>, last: &crate::text::Line<'_>) -> Span {
        Span {
            start_line: line_no(first.no),
            end_line: line_no(last.no),
            start_byte: first.start,
            end_byte: last.end(),
        }
    }
}

/// A line number as a [`Span`] holds it (saturated at `u32::MAX`).
pub(crate) fn line_no(no: usize) -> u32 {
    u32::try_from(no).unwrap_or(u32::MAX)
}
