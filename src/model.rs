//! Plain data types of the fact store: sources, entities, predicates, claims and citations.
//!
//! No SQL and no I/O here. The serde derives give the canonical JSON that import compares to
//! detect an edited claim, and the typed values that the JSON outputs carry.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::time::When;

/// A document that claims are cited from, with its NATO Admiralty reliability grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// Publication date in EDTF, as precise as the evidence allows.
    pub published: Option<String>,
    pub url: Option<String>,
    pub kind: String,
    pub language: Option<String>,
    /// Admiralty reliability, `A` (completely reliable) to `F` (cannot be judged).
    pub reliability: String,
    pub reliability_note: Option<String>,
    pub licence: Option<String>,
    /// The text file the citations' locators refer to.
    pub file: Option<String>,
    /// sha256 of that text file, lower-case hex.
    pub sha256: Option<String>,
    pub note: Option<String>,
    /// For a dataset: what its figures are (a census count, an estimate …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// For a dataset: how far its figures may be off, as a fraction of the figure (0.02 = 2 %).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

#[cfg(test)]
impl Source {
    /// A source for tests: its id as title, its kind and grade, nothing else known.
    pub(crate) fn for_tests(id: &str, kind: &str, reliability: &str) -> Source {
        Source {
            id: id.into(),
            title: id.into(),
            author: None,
            publisher: None,
            published: None,
            url: None,
            kind: kind.into(),
            language: None,
            reliability: reliability.into(),
            reliability_note: None,
            licence: None,
            file: None,
            sha256: None,
            note: None,
            basis: None,
            tolerance: None,
        }
    }
}

/// What a dataset's figures are: the conflicts report reads a series as an estimate on this
/// basis, with the tolerance its source declares or the basis's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A national count of every resident (a census): the most direct measure.
    Census,
    /// A national statistics office's estimate between counts ("official statistics").
    NationalEstimate,
    /// An international body's harmonised estimate (World Bank, UN: mid-year, revised often).
    InternationalEstimate,
    /// A sample survey.
    Survey,
}

impl Basis {
    pub const NAMES: [&'static str; 4] = [
        "census",
        "national_estimate",
        "international_estimate",
        "survey",
    ];

    pub fn as_str(self) -> &'static str {
        Basis::NAMES[self as usize]
    }

    pub fn parse(name: &str) -> Option<Basis> {
        [
            Basis::Census,
            Basis::NationalEstimate,
            Basis::InternationalEstimate,
            Basis::Survey,
        ]
        .into_iter()
        .find(|b| b.as_str() == name)
    }

    /// How far a figure on this basis may be off when its source declares no tolerance
    /// (a fraction of the figure): a census 1 %, a national estimate 2 %, an international
    /// estimate 2 %, a survey 5 %.
    pub fn default_tolerance(self) -> f64 {
        match self {
            Basis::Census => 0.01,
            Basis::NationalEstimate | Basis::InternationalEstimate => 0.02,
            Basis::Survey => 0.05,
        }
    }

    /// Whether the basis is national (a census or a national office's estimate), the kind a
    /// quote names with "official statistics" or "census".
    pub fn is_national(self) -> bool {
        matches!(self, Basis::Census | Basis::NationalEstimate)
    }

    /// In words: `national census`, `international estimate`.
    pub fn words(self) -> &'static str {
        match self {
            Basis::Census => "national census",
            Basis::NationalEstimate => "national estimate",
            Basis::InternationalEstimate => "international estimate",
            Basis::Survey => "survey",
        }
    }
}

/// A thing claims are about: a country, an organisation, a person, an agreement …
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Other names, in any script; lookups fold case and accents.
    pub aliases: Vec<String>,
    pub note: Option<String>,
}

/// What kind of value a predicate takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    Entity,
    Quantity,
    Text,
    None,
}

impl ValueType {
    pub const NAMES: [&'static str; 4] = ["entity", "quantity", "text", "none"];

    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Entity => "entity",
            ValueType::Quantity => "quantity",
            ValueType::Text => "text",
            ValueType::None => "none",
        }
    }

    pub fn parse(name: &str) -> Option<ValueType> {
        match name {
            "entity" => Some(ValueType::Entity),
            "quantity" => Some(ValueType::Quantity),
            "text" => Some(ValueType::Text),
            "none" => Some(ValueType::None),
            _ => None,
        }
    }
}

/// An entry of the controlled vocabulary of predicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predicate {
    pub id: String,
    pub label: String,
    pub value_type: ValueType,
    /// The unit every quantity of this predicate is in (`persons`, `percent`, …).
    pub unit: Option<String>,
    /// One true value per subject, identifying qualifiers and time (a population is; a
    /// signing is not).
    pub functional: bool,
    /// The largest possible change per year of a quantity, in [`Predicate::change_unit`]
    /// (0.05 = 5 % a year for counts; 1.5 = 1.5 points a year for shares).
    pub max_annual_change: Option<f64>,
    /// The change per year that is usual (at most `max_annual_change`): a reading that needs
    /// more is strained. Defaults to the maximum.
    pub typical_annual_change: Option<f64>,
    /// Whether the rates are relative (a fraction of the value) or in points of the unit.
    pub change_unit: ChangeUnit,
    /// Values whose reference times lie within this many days of each other are comparable.
    pub comparable_within_days: Option<i64>,
    /// A once-only event (a signing, a launch): two claims with the same subject, value and
    /// qualifiers dated to disjoint spans contradict each other.
    pub once: bool,
    /// How a claim reads as one line: `{subject}`, `{object}`, `{value}` and qualifier keys.
    pub template: Option<String>,
    pub description: Option<String>,
    /// Words that signal the predicate in running text ("population", "signed"): `extract`
    /// suggests a claim of this predicate for a sentence that holds one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
    /// For a change event (`joined`, `left_office`): the state it changes and how
    /// (docs/states.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_change: Option<StateChange>,
}

/// What a change event does to a state: `joined` begins `member_of` (docs/states.md). A change
/// claim applies to the state claims of the same subject, value and identifying qualifiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateChange {
    /// The predicate that carries the state (`member_of`, `holds_office`).
    pub state_of: String,
    pub change: ChangeKind,
}

/// The four changes of a state. After a beginning or a resumption the state holds; after a
/// suspension or an end it does not, until the next beginning or resumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Begins,
    Suspends,
    Resumes,
    Ends,
}

impl ChangeKind {
    pub const NAMES: [&'static str; 4] = ["begins", "suspends", "resumes", "ends"];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Begins => "begins",
            ChangeKind::Suspends => "suspends",
            ChangeKind::Resumes => "resumes",
            ChangeKind::Ends => "ends",
        }
    }

    pub fn parse(name: &str) -> Option<ChangeKind> {
        match name {
            "begins" => Some(ChangeKind::Begins),
            "suspends" => Some(ChangeKind::Suspends),
            "resumes" => Some(ChangeKind::Resumes),
            "ends" => Some(ChangeKind::Ends),
            _ => None,
        }
    }

    /// Whether the state holds after the change: a beginning or a resumption.
    pub fn holds_after(self) -> bool {
        matches!(self, ChangeKind::Begins | ChangeKind::Resumes)
    }
}

/// How a predicate's rates of change are measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeUnit {
    /// A fraction of the value per year, compounded (counts: 0.03 = 3 % a year).
    #[default]
    Relative,
    /// Points of the predicate's unit per year (shares: 1.5 = 1.5 percentage points a year).
    Points,
}

impl ChangeUnit {
    pub const NAMES: [&'static str; 2] = ["relative", "points"];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeUnit::Relative => "relative",
            ChangeUnit::Points => "points",
        }
    }

    pub fn parse(name: &str) -> Option<ChangeUnit> {
        match name {
            "relative" => Some(ChangeUnit::Relative),
            "points" => Some(ChangeUnit::Points),
            _ => None,
        }
    }
}

/// How a quantity's amount relates to the true figure, as the source words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityBound {
    /// "16.3 million"
    Exact,
    /// "about 16 million"
    About,
    /// "at least 60"
    AtLeast,
    /// "more than 60", "over 15,000"
    MoreThan,
    /// "at most 3", "up to 3"
    AtMost,
    /// "nearly 22%"
    Nearly,
}

impl QuantityBound {
    pub const NAMES: [&'static str; 6] = [
        "exact",
        "about",
        "at_least",
        "more_than",
        "at_most",
        "nearly",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuantityBound::Exact => "exact",
            QuantityBound::About => "about",
            QuantityBound::AtLeast => "at_least",
            QuantityBound::MoreThan => "more_than",
            QuantityBound::AtMost => "at_most",
            QuantityBound::Nearly => "nearly",
        }
    }

    pub fn parse(name: &str) -> Option<QuantityBound> {
        QuantityBound::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| match i {
                0 => QuantityBound::Exact,
                1 => QuantityBound::About,
                2 => QuantityBound::AtLeast,
                3 => QuantityBound::MoreThan,
                4 => QuantityBound::AtMost,
                _ => QuantityBound::Nearly,
            })
    }

    /// The words put before the amount in a label ("nearly 22%").
    pub fn words(self) -> &'static str {
        match self {
            QuantityBound::Exact => "",
            QuantityBound::About => "about ",
            QuantityBound::AtLeast => "at least ",
            QuantityBound::MoreThan => "more than ",
            QuantityBound::AtMost => "at most ",
            QuantityBound::Nearly => "nearly ",
        }
    }
}

/// A number with its unit and how the source bounds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub amount: f64,
    /// An explicit lower limit, when the source gives a range.
    pub lower: Option<f64>,
    /// An explicit upper limit, when the source gives a range.
    pub upper: Option<f64>,
    pub unit: String,
    pub bound: QuantityBound,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.bound.words())?;
        let range = match (self.lower, self.upper) {
            (Some(lo), Some(hi)) => format!("{}–{}", format_amount(lo), format_amount(hi)),
            _ => format_amount(self.amount),
        };
        match self.unit.as_str() {
            "percent" => write!(f, "{range}%"),
            "" => f.write_str(&range),
            unit if self.lower.is_none() && self.upper.is_none() && self.amount == 1.0 => {
                write!(f, "{range} {}", singular(unit))
            }
            unit => write!(f, "{range} {unit}"),
        }
    }
}

/// A unit as it reads after "1": "1 item", "1 US dollar", not "1 items". Only a plain English
/// plural in -s is changed ("persons", "tonnes"); "ies", "ss" and "us" endings stay.
fn singular(unit: &str) -> &str {
    match unit.strip_suffix('s') {
        Some(stem)
            if stem.len() > 1
                && !stem.ends_with(['s', 'u', 'S', 'U'])
                && !stem.ends_with("ie")
                && stem.chars().last().is_some_and(char::is_alphabetic) =>
        {
            stem
        }
        _ => unit,
    }
}

/// Formats an amount for people: `16.3 million`, `15,000`, `37.8`, `17.6 million` for
/// 17,556,502 (see [`crate::words::figure`]).
pub fn format_amount(amount: f64) -> String {
    crate::words::figure(amount)
}

/// The typed value of a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Entity { entity: String },
    Quantity(Quantity),
    Text { text: String },
    None,
}

impl Value {
    pub fn value_type(&self) -> ValueType {
        match self {
            Value::Entity { .. } => ValueType::Entity,
            Value::Quantity(_) => ValueType::Quantity,
            Value::Text { .. } => ValueType::Text,
            Value::None => ValueType::None,
        }
    }
}

/// How a citation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Manual,
    Extracted,
    /// Read from a row of a dataset's table by a mapping (`import-table`, the bundled tables).
    Dataset,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Manual => "manual",
            Method::Extracted => "extracted",
            Method::Dataset => "dataset",
        }
    }

    pub fn parse(name: &str) -> Option<Method> {
        match name {
            "manual" => Some(Method::Manual),
            "extracted" => Some(Method::Extracted),
            "dataset" => Some(Method::Dataset),
            _ => None,
        }
    }
}

/// Where a claim's words are in a source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    pub source: String,
    /// The shortest verbatim phrase that carries the fact.
    pub quote: String,
    /// Where the quote is in the source's text file: `line 19` or `lines 5-7`.
    pub locator: String,
    pub method: Method,
    /// Admiralty credibility of the information, 1 (confirmed) to 6 (cannot be judged).
    pub credibility: u8,
    /// The extractor's confidence, 0–1, for extracted citations only.
    pub extractor_score: Option<f64>,
    pub curator: Option<String>,
}

/// One statement: subject, predicate, value, qualifiers, valid time, and its citations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub id: String,
    pub subject: String,
    pub predicate: String,
    pub value: Value,
    /// Identifying qualifiers: key → entity ids (`group = ethnic_russians`).
    pub qualifiers: BTreeMap<String, Vec<String>>,
    /// Valid time; for a measurement, the date it refers to.
    pub when: When,
    pub note: Option<String>,
    pub citations: Vec<Citation>,
}

impl Claim {
    /// Marks the claim's citations as dataset rows: what a mapping reads from a table row
    /// (`import-table`, the bundled tables) is a `dataset` citation without an extractor score.
    pub fn read_from_table(&mut self) {
        for c in &mut self.citations {
            c.method = Method::Dataset;
            c.extractor_score = None;
        }
    }

    /// Every entity the claim involves: subject, object, then qualifier values, without repeats.
    pub fn entities(&self) -> Vec<String> {
        let mut out = vec![self.subject.clone()];
        if let Value::Entity { entity } = &self.value {
            out.push(entity.clone());
        }
        for ids in self.qualifiers.values() {
            out.extend(ids.iter().cloned());
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|id| seen.insert(id.clone()));
        out
    }
}

/// The kinds of arithmetic a [`Rule`] can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// `share = part ÷ whole × 100`. The share and the part carry the rule's qualifier (and
    /// identical other qualifiers); the whole has the same qualifiers without it.
    ShareOfWhole,
}

impl RuleKind {
    pub const NAMES: [&'static str; 1] = ["share_of_whole"];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::ShareOfWhole => "share_of_whole",
        }
    }

    pub fn parse(name: &str) -> Option<RuleKind> {
        (name == "share_of_whole").then_some(RuleKind::ShareOfWhole)
    }
}

/// A declared arithmetic relation between predicates on the same subject, which conflict
/// detection checks wherever all its terms are present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    /// The predicate of the stated share (`population_share`).
    pub share: String,
    /// The predicate of the part (`group_population`).
    pub part: String,
    /// The predicate of the whole (`population`).
    pub whole: String,
    /// The qualifier that names the part (`group`).
    pub qualifier: String,
    /// How many days apart the three reference spans may be (pairwise). The identity holds
    /// at one instant, so 0 (the default) requires the spans to share a day.
    pub within_days: i64,
    pub note: Option<String>,
}

/// An analyst's decision on a conflict: which claim to prefer, which to deprecate, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    /// The conflict's stable id, as `factline conflicts` prints it.
    pub conflict: String,
    /// The claim whose value or date to use.
    pub prefer: String,
    /// Claims to hide from the timeline unless asked for.
    pub deprecate: Vec<String>,
    /// Why, in a word or phrase: `more reliable source`, `more recent`, `corroborated` …
    pub reason: String,
    pub note: Option<String>,
    /// Who decided.
    pub by: String,
    /// When (ISO 8601 UTC).
    pub recorded_at: String,
}

/// A reference series' value for a document claim's time (the `series_check` view).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesValue {
    /// The dataset source of the series.
    pub series: String,
    /// The series' name: its source's title.
    pub title: String,
    /// The series value at the claim's reference time.
    pub value: f64,
    pub unit: String,
    /// `interpolated` between two points, or `nearest` beyond the series' ends.
    pub method: String,
    /// The series claim before the reference time, and the one after.
    pub before: Option<String>,
    pub after: Option<String>,
    /// How far the document's figure is from the series value, in per cent (−14.2 = below).
    pub gap_percent: f64,
    /// For shares: the figure minus the series value, in points (2.67 = above).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap_points: Option<f64>,
}

/// One full-text match: a claim whose quote, note, label or entity names contain the words
/// searched for.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub claim: String,
    /// The claim's one-line label.
    pub label: String,
    /// The claim's valid time in words ("until 2032").
    pub when: String,
    /// The valid time as stored (EDTF).
    pub valid_time: String,
    /// `quote`, `note` or `label` (a label hit may match the names and aliases of the claim's
    /// entities rather than the label itself).
    pub field: String,
    /// The cited source, for a quote.
    pub source: Option<String>,
    /// The matching text with the matched words in [brackets].
    pub snippet: String,
    /// The same text without markers.
    pub text: String,
    /// Where the matched words are in `text`: [start, end) in characters.
    pub matches: Vec<[usize; 2]>,
}

/// A table or view of the store, as its schema describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    /// True for a view.
    pub view: bool,
    /// Column names, in schema order.
    pub columns: Vec<String>,
}

/// One value of a query result, as SQLite typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

/// Entity kinds the vocabulary knows; a data file using another kind is rejected with a hint.
pub const ENTITY_KINDS: [&str; 15] = [
    "country",
    "organisation",
    "person",
    "facility",
    "agreement",
    "exercise",
    "programme",
    "place",
    "ethnic_group",
    "event",
    "document",
    "military_unit",
    "company",
    "policy",
    "equipment",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_the_sources() {
        assert_eq!(format_amount(16_300_000.0), "16.3 million");
        assert_eq!(format_amount(17_600_000.0), "17.6 million");
        assert_eq!(format_amount(15_000.0), "15,000");
        assert_eq!(format_amount(37.8), "37.8");
        assert_eq!(format_amount(60.0), "60");
        assert_eq!(format_amount(1_234_567.0), "1.23 million");
    }

    #[test]
    fn quantities_keep_their_bound_words() {
        let q = Quantity {
            amount: 22.0,
            lower: None,
            upper: None,
            unit: "percent".into(),
            bound: QuantityBound::Nearly,
        };
        assert_eq!(q.to_string(), "nearly 22%");
        let q = Quantity {
            amount: 60.0,
            lower: None,
            upper: None,
            unit: "agreements".into(),
            bound: QuantityBound::MoreThan,
        };
        assert_eq!(q.to_string(), "more than 60 agreements");
    }

    #[test]
    fn one_of_a_counted_unit_reads_singular() {
        let one = |unit: &str, bound| Quantity {
            amount: 1.0,
            lower: None,
            upper: None,
            unit: unit.into(),
            bound,
        };
        assert_eq!(one("items", QuantityBound::Exact).to_string(), "1 item");
        assert_eq!(
            one("persons", QuantityBound::About).to_string(),
            "about 1 person"
        );
        assert_eq!(
            one("US dollars", QuantityBound::Exact).to_string(),
            "1 US dollar"
        );
        assert_eq!(one("km2", QuantityBound::Exact).to_string(), "1 km2");
        assert_eq!(one("bonus", QuantityBound::Exact).to_string(), "1 bonus");
        assert_eq!(one("percent", QuantityBound::Exact).to_string(), "1%");
        assert_eq!(
            one("casualties", QuantityBound::Exact).to_string(),
            "1 casualties"
        );
        let mut two = one("items", QuantityBound::Exact);
        two.amount = 2.0;
        assert_eq!(two.to_string(), "2 items");
        let mut range = one("items", QuantityBound::Exact);
        range.lower = Some(1.0);
        range.upper = Some(3.0);
        assert_eq!(range.to_string(), "1–3 items");
    }

    #[test]
    fn bound_names_round_trip() {
        for name in QuantityBound::NAMES {
            assert_eq!(
                QuantityBound::parse(name).map(QuantityBound::as_str),
                Some(name)
            );
        }
        assert_eq!(QuantityBound::parse("approx"), None);
    }
}

/// How the stored claims of a predicate use one role (`db::review::claim_shapes`, read by
/// extraction to know what a predicate's claims look like). One row of the shapes query: `role` is `subject`, `object` or a qualifier key.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeRow {
    pub predicate: String,
    pub role: String,
    pub kind: String,
    pub claims: usize,
    /// Claims of the predicate in all.
    pub total: usize,
    pub several: bool,
}

/// A locator's line range, parsed from `line 19` or `lines 16-17` (1-based, inclusive).
pub fn parse_locator(locator: &str) -> Option<std::ops::RangeInclusive<usize>> {
    let text = locator.trim().to_lowercase();
    let rest = text
        .strip_prefix("lines")
        .or_else(|| text.strip_prefix("line"))?
        .trim();
    let (a, b) = match rest.split_once(['-', '–']) {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (rest, rest),
    };
    let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
    (a >= 1 && a <= b).then_some(a..=b)
}

#[cfg(test)]
mod locator_tests {
    use super::parse_locator;

    #[test]
    fn locators() {
        assert_eq!(parse_locator("line 19"), Some(19..=19));
        assert_eq!(parse_locator("lines 16-17"), Some(16..=17));
        assert_eq!(parse_locator("Lines 16–17"), Some(16..=17));
        assert_eq!(parse_locator("line 0"), None);
        assert_eq!(parse_locator("lines 17-16"), None);
        assert_eq!(parse_locator("p. 4"), None);
    }
}
