//! Conflict detection: which claims contradict each other, which only seem to, and what to
//! believe. Pure functions over the [`model`](crate::model) types; no I/O, no SQL.
//!
//! # What is compared
//!
//! Claims are compared in pairs that share subject and predicate, and in triples tied by a
//! [derived rule](DerivedRule). Every pair gets exactly one verdict: a [`Conflict`] or a
//! [`Cleared`] entry saying why it is not one, so a report can list both.
//!
//! * **Qualifiers** are identifying: a share of one group is not the share of another. They
//!   are compared as maps with each list sorted and de-duplicated (`party = [russia,
//!   kazakhstan]` is `party = [kazakhstan, russia]`); empty lists count as absent.
//! * **Value conflicts** ([`ConflictKind::Value`]) are on functional predicates: same subject,
//!   predicate and qualifiers, comparable reference times, and values that cannot both be
//!   true (quantities whose [value intervals](value_interval) do not intersect; entity or text
//!   values that differ).
//! * **Date conflicts** ([`ConflictKind::Date`]) are between two claims about the same
//!   once-only event dated to disjoint spans. "Same event" is defined conservatively: same
//!   subject, predicate, value and qualifiers on a non-functional predicate listed in
//!   is declared `once` in the vocabulary (a treaty is signed by the same parties once; a person may meet
//!   another or hold an office many times, so those never date-conflict).
//! * **Implausible changes** ([`ConflictKind::ImplausibleChange`]) are between neighbours in a
//!   time series of a functional quantity predicate that declares `max_annual_change`.
//! * **Derived conflicts** ([`ConflictKind::Derived`]) are where figures tied by arithmetic
//!   (share = part ÷ whole × 100) disagree.
//!
//! # Time spans and comparability
//!
//! A claim's span runs from its earliest to its latest possible day ([`When::start_day`],
//! [`When::end_day`]). An approximate date (`~` or `%`) is widened by one unit of its
//! precision on each dated side, on the calendar: `2011~` spans 2010-01-01 … 2012-12-31,
//! `2008-07~` 2008-06-01 … 2008-08-31 (see [`approximation`]). An uncertain date (`?`) is
//! not widened: its doubt is whether it is right at all, which no margin expresses. An open
//! end (`2006/..`, `[2013..]`) extends without limit and an open start (`../2032`) from the
//! beginning of time, so `[2013..]` overlaps anything that ends in or after 2013.
//!
//! Two reference times are **comparable** when their spans overlap or the gap between them (days
//! from the end of the earlier span to the start of the later) is at most the predicate's
//! `comparable_within_days`; without that setting only overlapping spans are comparable.
//!
//! For a predicate with `max_annual_change`, values are *expected* to move over time, so two
//! figures at non-overlapping times are never a value conflict: neighbouring figures of the
//! series are judged by the annual rate of change they force (see [`min_annual_change`]), and
//! only figures whose spans overlap are compared value against value. Two figures are
//! neighbours when no other figure of the same series (same qualifiers) lies wholly after the
//! earlier span and wholly before the later one; other non-overlapping pairs are cleared as
//! `not_adjacent` (an outlier is flagged against its neighbours, not against every figure).
//!
//! A derived rule compares figures only when their spans share a day (by default; see
//! [`DerivedRule::within_days`]): the arithmetic holds at one instant, and a wider window
//! would blame it for change over time.
//!
//! # Which figure to believe
//!
//! Every conflict carries a UCDP-style [`Suggestion`]: the lowest and highest figures (or
//! earliest and latest dates) the claims give, and a best one taken from the claim ranked
//! first by, in order: the more reliable source (Admiralty grade A best … F worst, ungraded
//! last), the more credible citation (1 best … 6), the more recently published source (by the
//! earliest possible day of `published`; undated last), the more precise figure or date
//! (narrower relative value interval, or shorter time span), the better corroborated claim
//! (more distinct sources, then more citations), then — in derived conflicts — a directly
//! stated figure before one computed from others, and finally the claim id, so the choice is
//! always deterministic. For a claim cited from several sources the best grade counts.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Claim, Predicate, Quantity, QuantityBound, Source, Value, ValueType};
use chrono::{Days, Months, NaiveDate};

use crate::time::{OPEN_END_DAY, OPEN_START_DAY, Precision, When, day_number};

// ---- value intervals ----------------------------------------------------------------------------

/// The fraction of the amount that "about" allows on each side at least (5 %).
pub const ABOUT_FRACTION: f64 = 0.05;
/// The fraction of the amount that "nearly" allows below it (2 %).
pub const NEARLY_FRACTION: f64 = 0.02;

/// The interval of true values a written figure is compatible with.
///
/// `low` and `high` may be infinite (an open side); `*_inclusive` say whether the end itself
/// is possible ("more than 60" excludes 60). Infinite ends serialize as `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueInterval {
    pub low: f64,
    pub high: f64,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    /// The rounding step implied by the written amount (see [`rounding_step`]).
    pub step: f64,
    /// The interval for people: `16.25–16.35 million persons`, `21.56–22%`, `more than 60`.
    pub description: String,
}

impl ValueInterval {
    /// True when some value lies in both intervals.
    pub fn intersects(&self, other: &ValueInterval) -> bool {
        fn below(low: f64, low_inc: bool, high: f64, high_inc: bool) -> bool {
            low < high || (low == high && low_inc && high_inc)
        }
        below(
            self.low,
            self.low_inclusive,
            other.high,
            other.high_inclusive,
        ) && below(
            other.low,
            other.low_inclusive,
            self.high,
            self.high_inclusive,
        )
    }

    /// Width relative to the amount (`high - low` over `|amount|`; the plain width for a zero
    /// amount); infinite for an open interval. Smaller is more precise.
    pub fn relative_width(&self, amount: f64) -> f64 {
        let width = self.high - self.low;
        if !width.is_finite() {
            return f64::INFINITY;
        }
        if amount.is_finite() && amount != 0.0 {
            width / amount.abs()
        } else {
            width
        }
    }
}

/// The rounding step a written amount implies, from its significant digits.
///
/// * A figure with decimals is rounded to its last decimal: `37.8` → 0.1, `2.25` → 0.01
///   (read from the shortest decimal form of the number, at most nine decimals).
/// * An integer's trailing zeros are read as rounding: `25` → 1, `60` → 10, `15000` → 1,000,
///   `16300000` (16.3 million) → 100,000, `30000000` → 10,000,000. A source that wrote
///   "16,300,000" meaning the exact head count is indistinguishable from one that wrote
///   "16.3 million", and the wider reading is the one that cannot invent a conflict.
/// * Zero is read as a one-digit integer: step 1.
/// * A non-finite amount has no step: 0.
pub fn rounding_step(amount: f64) -> f64 {
    if !amount.is_finite() {
        return 0.0;
    }
    let abs = amount.abs();
    if abs == 0.0 {
        return 1.0;
    }
    for decimals in 0..=9 {
        let scaled = abs * 10f64.powi(decimals);
        if (scaled - scaled.round()).abs() <= 1e-9 * scaled.max(1.0) {
            if decimals > 0 {
                return 10f64.powi(-decimals);
            }
            let mut rest = abs.round();
            let mut step = 1.0;
            // At most ~308 rounds: `rest` shrinks tenfold each time.
            while rest >= 10.0 && rest % 10.0 == 0.0 {
                rest /= 10.0;
                step *= 10.0;
            }
            return step;
        }
    }
    1e-9
}

/// The interval of true values compatible with a quantity as the source words it.
///
/// With `a` the amount and `s` its [rounding step](rounding_step):
///
/// | bound | interval | example |
/// |---|---|---|
/// | `exact` | `[a − s/2, a + s/2]` | 16.3 million → 16.25–16.35 million |
/// | `about` | `[a − w, a + w]`, `w = max(s, 5 % of abs(a))` | about 16M → 15–17 million |
/// | `nearly` | `[a − 2 % of abs(a), a)`: just under the amount | nearly 22% → 21.56–22% |
/// | `more_than` | `(a, +∞)` | |
/// | `at_least` | `[a, +∞)` | |
/// | `at_most` | `(−∞, a]` | |
///
/// "About" allows at least one rounding step either side, more for large amounts, because an
/// author who says "about" has already rounded and admits more. "Nearly" means below and
/// close: 2 % under the figure (for a negative amount, just above it: nearly −3 is
/// (−3, −2.94]; nearly 0 is read as exact 0).
///
/// Explicit `lower` and `upper` limits (a range given by the source) override the respective
/// end and are taken as written, inclusive; limits that cross are swapped. A non-finite
/// amount gives the whole line (limited by any explicit limits), so it conflicts with nothing;
/// [`detect`] reports such claims as not comparable.
pub fn value_interval(quantity: &Quantity) -> ValueInterval {
    let a = quantity.amount;
    let step = rounding_step(a);
    let (mut low, mut high, mut low_inc, mut high_inc) = if !a.is_finite() {
        (f64::NEG_INFINITY, f64::INFINITY, false, false)
    } else {
        let exact = (a - step / 2.0, a + step / 2.0, true, true);
        match quantity.bound {
            QuantityBound::Exact => exact,
            QuantityBound::About => {
                let w = step.max(ABOUT_FRACTION * a.abs());
                (a - w, a + w, true, true)
            }
            QuantityBound::Nearly => {
                let w = NEARLY_FRACTION * a.abs();
                if w == 0.0 {
                    exact
                } else if a > 0.0 {
                    (a - w, a, true, false)
                } else {
                    (a, a + w, false, true)
                }
            }
            QuantityBound::MoreThan => (a, f64::INFINITY, false, false),
            QuantityBound::AtLeast => (a, f64::INFINITY, true, false),
            QuantityBound::AtMost => (f64::NEG_INFINITY, a, false, true),
        }
    };
    if let Some(lower) = quantity.lower.filter(|x| x.is_finite()) {
        low = lower;
        low_inc = true;
    }
    if let Some(upper) = quantity.upper.filter(|x| x.is_finite()) {
        high = upper;
        high_inc = true;
    }
    if low > high {
        std::mem::swap(&mut low, &mut high);
        std::mem::swap(&mut low_inc, &mut high_inc);
    }
    if low == high {
        // Never empty: a degenerate interval is the single value.
        low_inc = true;
        high_inc = true;
    }
    let description = describe_interval(low, high, low_inc, high_inc, &quantity.unit);
    ValueInterval {
        low,
        high,
        low_inclusive: low_inc,
        high_inclusive: high_inc,
        step,
        description,
    }
}

/// A number for people: `16.25 million`, `21.56`, `15,000`, `∞`.
fn fmt_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    if x.abs() >= 1_000_000.0 {
        return format!("{} million", trim_decimals(x / 1_000_000.0, 4));
    }
    let rounded = (x * 10_000.0).round() / 10_000.0;
    if rounded.fract() == 0.0 {
        return crate::model::format_amount(rounded);
    }
    trim_decimals(x, 4)
}

fn trim_decimals(x: f64, decimals: usize) -> String {
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text.as_str()
    };
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

fn unit_suffix(unit: &str) -> String {
    match unit {
        "percent" => "%".into(),
        "" => String::new(),
        unit => format!(" {unit}"),
    }
}

fn describe_interval(low: f64, high: f64, low_inc: bool, high_inc: bool, unit: &str) -> String {
    let u = unit_suffix(unit);
    match (low.is_finite(), high.is_finite()) {
        (false, false) => "any value".into(),
        (true, false) if low_inc => format!("at least {}{u}", fmt_number(low)),
        (true, false) => format!("more than {}{u}", fmt_number(low)),
        (false, true) if high_inc => format!("at most {}{u}", fmt_number(high)),
        (false, true) => format!("less than {}{u}", fmt_number(high)),
        (true, true) if low == high => format!("{}{u}", fmt_number(low)),
        (true, true) if low.abs() >= 1e6 && high.abs() >= 1e6 => format!(
            "{}–{} million{u}",
            trim_decimals(low / 1e6, 4),
            trim_decimals(high / 1e6, 4)
        ),
        (true, true) => format!("{}–{}{u}", fmt_number(low), fmt_number(high)),
    }
}

// ---- time spans ---------------------------------------------------------------------------------

/// The days a claim's valid time may cover, approximate dates widened (see the module docs).
/// Open ends are [`OPEN_START_DAY`] and [`OPEN_END_DAY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn of(when: &When) -> Span {
        let mut start = when.start_day();
        let mut end = when.end_day();
        if when.is_approximate() {
            let (months, days) = approximation(when.precision());
            let shift = |date: NaiveDate, forward: bool| {
                let moved = if forward {
                    date.checked_add_months(Months::new(months))
                        .and_then(|d| d.checked_add_days(Days::new(days)))
                } else {
                    date.checked_sub_months(Months::new(months))
                        .and_then(|d| d.checked_sub_days(Days::new(days)))
                };
                moved.map(day_number)
            };
            if let Some(day) = when.earliest().and_then(|d| shift(d, false)) {
                start = day;
            }
            if let Some(day) = when.latest().and_then(|d| shift(d, true)) {
                end = day;
            }
        }
        Span {
            start: start.min(end),
            end: end.max(start),
        }
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Days from the end of the earlier span to the start of the later; 0 when they overlap.
    pub fn gap_days(self, other: Span) -> i64 {
        if self.overlaps(other) {
            0
        } else if self.end < other.start {
            other.start.saturating_sub(self.end)
        } else {
            self.start.saturating_sub(other.end)
        }
    }

    fn is_open(self) -> bool {
        self.start == OPEN_START_DAY || self.end == OPEN_END_DAY
    }

    fn length_days(self) -> f64 {
        if self.is_open() {
            f64::INFINITY
        } else {
            (self.end - self.start) as f64
        }
    }
}

/// How far an approximate (`~`) date is widened on each side, as (months, days): one unit of
/// its precision, on the calendar (`2011~` spans 2010-01-01 … 2012-12-31).
pub fn approximation(precision: Precision) -> (u32, u64) {
    match precision {
        Precision::Millennium => (12_000, 0),
        Precision::Century => (1_200, 0),
        Precision::Decade => (120, 0),
        Precision::Year => (12, 0),
        Precision::Season => (3, 0),
        Precision::Month => (1, 0),
        Precision::Day => (0, 1),
    }
}

/// How two reference times relate for a comparison window of `within_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparability {
    /// The spans share at least one day.
    Overlap,
    /// Disjoint, but the gap (days) is within the window.
    Near(i64),
    /// The gap (days) is larger than the window.
    Far(i64),
}

/// Whether two reference times are comparable (see the module documentation).
pub fn comparability(a: &When, b: &When, within_days: Option<i64>) -> Comparability {
    let (sa, sb) = (Span::of(a), Span::of(b));
    if sa.overlaps(sb) {
        return Comparability::Overlap;
    }
    let gap = sa.gap_days(sb);
    if gap <= within_days.unwrap_or(0).max(0) {
        Comparability::Near(gap)
    } else {
        Comparability::Far(gap)
    }
}

// ---- report types -------------------------------------------------------------------------------

/// What kind of contradiction a [`Conflict`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Value,
    Date,
    ImplausibleChange,
    Derived,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Value => "value",
            ConflictKind::Date => "date",
            ConflictKind::ImplausibleChange => "implausible_change",
            ConflictKind::Derived => "derived",
        }
    }
}

/// A figure or date in a [`Suggestion`]: a number for quantities, EDTF or text otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Estimate {
    Number(f64),
    Text(String),
}

/// What to believe, UCDP style: the range the claims span and the best single value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Lowest figure (quantities) or earliest date (EDTF); `None` for entity or text values.
    pub low: Option<Estimate>,
    /// The figure or date of the best-ranked claim (for a derived conflict won by a term
    /// claim: the share the terms imply).
    pub best: Option<Estimate>,
    /// Highest figure or latest date.
    pub high: Option<Estimate>,
    /// The unit of the figures, for quantities.
    pub unit: Option<String>,
    /// The claim the best value comes from.
    pub best_claim: String,
    /// Why that claim was preferred.
    pub reason: String,
}

/// Claims that cannot all be true.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// Stable: the kind and the sorted claim ids, e.g.
    /// `value:kz-russian-share-excerpt+kz-russian-share-rousseau`.
    pub id: String,
    pub kind: ConflictKind,
    pub subject: String,
    pub predicate: String,
    pub qualifiers: BTreeMap<String, Vec<String>>,
    /// The claim ids involved, sorted.
    pub claims: Vec<String>,
    pub explanation: String,
    pub suggestion: Suggestion,
    /// For an implausible change: the smallest annual rate the figures force (0.05 = 5 %).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_annual_change: Option<f64>,
}

/// Why claims that share subject and predicate (or a derived rule) do not conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClearedKind {
    /// Reference times too far apart to compare: a trend, not a contradiction.
    Trend,
    /// The same once-only event with imprecise dates whose spans overlap.
    OverlappingDates,
    /// Values that agree, allowing for rounding (intervals intersect) or equal.
    WithinRounding,
    /// Different qualifiers: not the same quantity.
    DifferentQualifiers,
    /// A non-functional predicate: several values can hold at once.
    NotFunctional,
    /// The same statement on a non-functional predicate that is not once-only: it may hold
    /// at several times.
    Recurring,
    /// Neighbours in a series whose change is within `max_annual_change`.
    PlausibleChange,
    /// Non-overlapping figures of a series that are not neighbours: judged through the
    /// figures between them.
    NotAdjacent,
    /// The values cannot be compared (not a number, different value types, non-positive).
    Incomparable,
    /// Figures tied by a derived rule that agree.
    DerivedConsistent,
}

impl ClearedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClearedKind::Trend => "trend",
            ClearedKind::OverlappingDates => "overlapping_dates",
            ClearedKind::WithinRounding => "within_rounding",
            ClearedKind::DifferentQualifiers => "different_qualifiers",
            ClearedKind::NotFunctional => "not_functional",
            ClearedKind::Recurring => "recurring",
            ClearedKind::PlausibleChange => "plausible_change",
            ClearedKind::NotAdjacent => "not_adjacent",
            ClearedKind::Incomparable => "incomparable",
            ClearedKind::DerivedConsistent => "derived_consistent",
        }
    }
}

/// Claims that look related but do not conflict, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cleared {
    /// Stable: the kind and the sorted claim ids, e.g. `trend:a+b`.
    pub id: String,
    pub kind: ClearedKind,
    pub subject: String,
    pub predicate: String,
    /// The claim ids, sorted: a pair, or three for a derived rule.
    pub claims: Vec<String>,
    pub reason: String,
}

/// Everything [`detect`] found, in a deterministic order: conflicts by kind, subject,
/// predicate and id; cleared entries by subject, predicate and id.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    pub conflicts: Vec<Conflict>,
    pub cleared: Vec<Cleared>,
}

// ---- rules as data ------------------------------------------------------------------------------

/// Derived rules are declared in the data ([`Rule`]); this is their name here.
pub use crate::model::Rule as DerivedRule;
pub use crate::model::RuleKind;

// ---- entry point --------------------------------------------------------------------------------

/// Finds conflicts and cleared pairs among `claims`, checking the declared derived `rules`.
///
/// Claim ids are assumed unique (import guarantees it); of repeated ids only the first claim
/// is used. Claims whose predicate is not in `predicates` are ignored. Sources missing from
/// `sources` count as ungraded.
pub fn detect(
    claims: &[Claim],
    predicates: &HashMap<String, Predicate>,
    sources: &HashMap<String, Source>,
    rules: &[DerivedRule],
) -> Report {
    let ctx = Ctx { sources };
    let mut seen = HashSet::new();
    let mut groups: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for claim in claims {
        if seen.insert(claim.id.as_str()) {
            groups
                .entry((claim.subject.as_str(), claim.predicate.as_str()))
                .or_default()
                .push(claim);
        }
    }
    let mut report = Report::default();
    for ((_, predicate_id), group) in &mut groups {
        let Some(predicate) = predicates.get(*predicate_id) else {
            continue;
        };
        group.sort_by(|a, b| a.id.cmp(&b.id));
        let members = Members::new(group);
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                match judge_pair(&ctx, predicate, a, b, &members) {
                    Verdict::Conflict(c) => report.conflicts.push(*c),
                    Verdict::Cleared(c) => report.cleared.push(c),
                }
            }
        }
    }
    for rule in rules {
        derived_checks(&ctx, rule, &groups, &mut report);
    }
    report.conflicts.sort_by(|a, b| {
        (a.kind, &a.subject, &a.predicate, &a.id).cmp(&(b.kind, &b.subject, &b.predicate, &b.id))
    });
    report
        .cleared
        .sort_by(|a, b| (&a.subject, &a.predicate, &a.id).cmp(&(&b.subject, &b.predicate, &b.id)));
    report
}

struct Ctx<'a> {
    sources: &'a HashMap<String, Source>,
}

enum Verdict {
    Conflict(Box<Conflict>),
    Cleared(Cleared),
}

fn join_ids(ids: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    ids.sort();
    ids.dedup();
    ids
}

fn make_id(kind: &str, ids: &[String]) -> String {
    format!("{kind}:{}", ids.join("+"))
}

fn cleared(kind: ClearedKind, a: &Claim, b: &Claim, reason: String) -> Verdict {
    let claims = join_ids(&[&a.id, &b.id]);
    Verdict::Cleared(Cleared {
        id: make_id(kind.as_str(), &claims),
        kind,
        subject: a.subject.clone(),
        predicate: a.predicate.clone(),
        claims,
        reason,
    })
}

/// Qualifier key → entity ids.
type Qualifiers = BTreeMap<String, Vec<String>>;

/// Qualifiers with each list sorted and de-duplicated, empty lists dropped.
fn normal_qualifiers(claim: &Claim) -> Qualifiers {
    claim
        .qualifiers
        .iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(k, ids)| {
            let mut ids = ids.clone();
            ids.sort();
            ids.dedup();
            (k.clone(), ids)
        })
        .collect()
}

fn qualifiers_text(quals: &BTreeMap<String, Vec<String>>) -> String {
    if quals.is_empty() {
        return "no qualifiers".into();
    }
    quals
        .iter()
        .map(|(k, v)| format!("{k} = {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn topic(claim: &Claim) -> String {
    let quals = normal_qualifiers(claim);
    if quals.is_empty() {
        format!("{} of {}", claim.predicate, claim.subject)
    } else {
        format!(
            "{} of {} ({})",
            claim.predicate,
            claim.subject,
            qualifiers_text(&quals)
        )
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Quantity(q) => q.to_string(),
        Value::Entity { entity } => entity.clone(),
        Value::Text { text } => format!("“{text}”"),
        Value::None => "no value".into(),
    }
}

fn quantity(claim: &Claim) -> Option<&Quantity> {
    match &claim.value {
        Value::Quantity(q) => Some(q),
        _ => None,
    }
}

fn rate_limit(predicate: &Predicate) -> Option<f64> {
    predicate
        .max_annual_change
        .filter(|x| x.is_finite() && *x >= 0.0)
}

fn days_text(days: i64) -> String {
    if days == 1 {
        "1 day".into()
    } else {
        format!("{days} days")
    }
}

/// The claims of one subject and predicate with their normalised qualifiers and spans, for
/// deciding which figures of a series are neighbours.
struct Members<'a> {
    members: Vec<(&'a str, Qualifiers, Span)>,
}

impl<'a> Members<'a> {
    fn new(group: &[&'a Claim]) -> Members<'a> {
        Members {
            members: group
                .iter()
                .map(|c| (c.id.as_str(), normal_qualifiers(c), Span::of(&c.when)))
                .collect(),
        }
    }

    /// Neighbours in time: no other figure of the same series (same qualifiers) lies wholly
    /// after the earlier span and wholly before the later one.
    fn adjacent(&self, a: &Claim, b: &Claim) -> bool {
        let (sa, sb) = (Span::of(&a.when), Span::of(&b.when));
        let (early, late) = if sa.end < sb.start {
            (sa, sb)
        } else {
            (sb, sa)
        };
        let quals = normal_qualifiers(a);
        !self.members.iter().any(|(id, q, span)| {
            *id != a.id
                && *id != b.id
                && *q == quals
                && span.start > early.end
                && span.end < late.start
        })
    }
}

fn judge_pair(
    ctx: &Ctx,
    predicate: &Predicate,
    a: &Claim,
    b: &Claim,
    members: &Members,
) -> Verdict {
    // Messages name the claims in time order.
    let (a, b) = if (&b.when, &b.id) < (&a.when, &a.id) {
        (b, a)
    } else {
        (a, b)
    };
    let (qa, qb) = (normal_qualifiers(a), normal_qualifiers(b));
    if qa != qb {
        return cleared(
            ClearedKind::DifferentQualifiers,
            a,
            b,
            format!(
                "different qualifiers ({} against {}): not the same {}",
                qualifiers_text(&qa),
                qualifiers_text(&qb),
                predicate.id
            ),
        );
    }
    if predicate.functional {
        judge_functional(ctx, predicate, a, b, members)
    } else {
        judge_non_functional(ctx, predicate, a, b)
    }
}

fn judge_non_functional(ctx: &Ctx, predicate: &Predicate, a: &Claim, b: &Claim) -> Verdict {
    if a.value != b.value {
        return cleared(
            ClearedKind::NotFunctional,
            a,
            b,
            format!(
                "`{}` is not functional: {} and {} can both hold",
                predicate.id,
                value_text(&a.value),
                value_text(&b.value)
            ),
        );
    }
    if !predicate.once {
        return cleared(
            ClearedKind::Recurring,
            a,
            b,
            format!(
                "`{}` may hold at several times: {} and {} need not be the same occasion",
                predicate.id,
                a.when.human(),
                b.when.human()
            ),
        );
    }
    let (sa, sb) = (Span::of(&a.when), Span::of(&b.when));
    if sa.overlaps(sb) {
        return cleared(
            ClearedKind::OverlappingDates,
            a,
            b,
            format!(
                "the dates overlap: {} and {} can be the same day",
                a.when.human(),
                b.when.human()
            ),
        );
    }
    let (first, second) = if sa.end < sb.start { (a, b) } else { (b, a) };
    let explanation = format!(
        "{} happens once, but {} dates it to {} and {} to {}; the dates do not overlap (the gap \
         is {})",
        topic(a),
        first.id,
        first.when.human(),
        second.id,
        second.when.human(),
        days_text(sa.gap_days(sb))
    );
    let (best, reason) = choose(
        Candidate::new(
            ctx,
            a,
            Span::of(&a.when).length_days(),
            a.when.human(),
            true,
        ),
        vec![Candidate::new(
            ctx,
            b,
            Span::of(&b.when).length_days(),
            b.when.human(),
            true,
        )],
    );
    let claims = join_ids(&[&a.id, &b.id]);
    Verdict::Conflict(Box::new(Conflict {
        id: make_id(ConflictKind::Date.as_str(), &claims),
        kind: ConflictKind::Date,
        subject: a.subject.clone(),
        predicate: a.predicate.clone(),
        qualifiers: normal_qualifiers(a),
        claims,
        explanation,
        suggestion: Suggestion {
            low: Some(Estimate::Text(first.when.as_str().to_string())),
            best: Some(Estimate::Text(best.when.as_str().to_string())),
            high: Some(Estimate::Text(second.when.as_str().to_string())),
            unit: None,
            best_claim: best.id.clone(),
            reason,
        },
        implied_annual_change: None,
    }))
}

fn judge_functional(
    ctx: &Ctx,
    predicate: &Predicate,
    a: &Claim,
    b: &Claim,
    members: &Members,
) -> Verdict {
    if a.value.value_type() != b.value.value_type() {
        return cleared(
            ClearedKind::Incomparable,
            a,
            b,
            format!(
                "different kinds of value ({} against {})",
                a.value.value_type().as_str(),
                b.value.value_type().as_str()
            ),
        );
    }
    let both_quantities = quantity(a).zip(quantity(b));
    if let Some((x, y)) = both_quantities {
        if !x.amount.is_finite() || !y.amount.is_finite() {
            return cleared(
                ClearedKind::Incomparable,
                a,
                b,
                "an amount is not a finite number".into(),
            );
        }
    }
    let comparable = comparability(&a.when, &b.when, predicate.comparable_within_days);
    let rate = rate_limit(predicate).filter(|_| predicate.value_type == ValueType::Quantity);
    if let (Some(limit), Some((qa, qb))) = (rate, both_quantities) {
        if comparable != Comparability::Overlap {
            if !members.adjacent(a, b) {
                return cleared(
                    ClearedKind::NotAdjacent,
                    a,
                    b,
                    format!(
                        "{} and {} are not neighbours in the {} series: the change is checked \
                         against the figures between them",
                        a.when.human(),
                        b.when.human(),
                        predicate.id
                    ),
                );
            }
            return judge_rate(ctx, predicate, limit, (a, qa), (b, qb));
        }
    }
    let window = predicate.comparable_within_days.unwrap_or(0).max(0);
    let time_phrase = match comparable {
        Comparability::Overlap => "the reference times overlap".to_string(),
        Comparability::Near(gap) => format!(
            "the reference times may be as little as {} apart, within the {} in which {} \
             values are compared",
            days_text(gap),
            days_text(window),
            predicate.id
        ),
        Comparability::Far(gap) => {
            return cleared(
                ClearedKind::Trend,
                a,
                b,
                format!(
                    "different reference times: {} and {} are at least {} apart, more than the {} \
                     in which {} values are compared; read as change over time",
                    a.when.human(),
                    b.when.human(),
                    days_text(gap),
                    days_text(window),
                    predicate.id
                ),
            );
        }
    };
    let (first, second) = if a.when <= b.when { (a, b) } else { (b, a) };
    if let Some((qa, qb)) = both_quantities {
        let (ia, ib) = (value_interval(qa), value_interval(qb));
        if ia.intersects(&ib) {
            return cleared(
                ClearedKind::WithinRounding,
                a,
                b,
                format!(
                    "equal within rounding: {qa} allows {} and {qb} allows {}",
                    ia.description, ib.description
                ),
            );
        }
        let (fq, sq) = if first.id == a.id { (qa, qb) } else { (qb, qa) };
        let (fi, si) = if first.id == a.id {
            (&ia, &ib)
        } else {
            (&ib, &ia)
        };
        let explanation = format!(
            "{}: {} says {fq} ({}) and {} says {sq} ({}); {time_phrase}, but the figures cannot \
             both be true: {fq} allows {} and {sq} allows {}",
            topic(a),
            first.id,
            first.when.human(),
            second.id,
            second.when.human(),
            fi.description,
            si.description
        );
        return quantity_conflict(
            ctx,
            ConflictKind::Value,
            (first, fq, fi),
            &[(second, sq, si)],
            explanation,
            None,
        );
    }
    if a.value == b.value {
        return cleared(
            ClearedKind::WithinRounding,
            a,
            b,
            format!("the same value: {}", value_text(&a.value)),
        );
    }
    let explanation = format!(
        "{}: {} says {} ({}) and {} says {} ({}); {time_phrase}, but `{}` has one value at a time",
        topic(a),
        first.id,
        value_text(&first.value),
        first.when.human(),
        second.id,
        value_text(&second.value),
        second.when.human(),
        predicate.id
    );
    let (best, reason) = choose(
        Candidate::new(ctx, first, 1.0, value_text(&first.value), true),
        vec![Candidate::new(
            ctx,
            second,
            1.0,
            value_text(&second.value),
            true,
        )],
    );
    let claims = join_ids(&[&a.id, &b.id]);
    let best_value = match &best.value {
        Value::Entity { entity } => Some(Estimate::Text(entity.clone())),
        Value::Text { text } => Some(Estimate::Text(text.clone())),
        _ => None,
    };
    Verdict::Conflict(Box::new(Conflict {
        id: make_id(ConflictKind::Value.as_str(), &claims),
        kind: ConflictKind::Value,
        subject: a.subject.clone(),
        predicate: a.predicate.clone(),
        qualifiers: normal_qualifiers(a),
        claims,
        explanation,
        suggestion: Suggestion {
            low: None,
            best: best_value,
            high: None,
            unit: None,
            best_claim: best.id.clone(),
            reason,
        },
        implied_annual_change: None,
    }))
}

/// A conflict among quantity claims: low/high are the smallest and largest amounts.
fn quantity_conflict<'a>(
    ctx: &Ctx,
    kind: ConflictKind,
    first_member: (&'a Claim, &'a Quantity, &'a ValueInterval),
    rest_members: &[(&'a Claim, &'a Quantity, &'a ValueInterval)],
    explanation: String,
    implied_annual_change: Option<f64>,
) -> Verdict {
    let members: Vec<(&Claim, &Quantity, &ValueInterval)> = std::iter::once(first_member)
        .chain(rest_members.iter().copied())
        .collect();
    let candidate = |(c, q, i): &(&'a Claim, &Quantity, &ValueInterval)| {
        Candidate::new(
            ctx,
            c,
            i.relative_width(q.amount),
            format!("{q}, i.e. {}", i.description),
            true,
        )
    };
    let (best, reason) = choose(
        candidate(&first_member),
        rest_members.iter().map(candidate).collect(),
    );
    let amounts = members.iter().map(|(_, q, _)| q.amount);
    let low = amounts.clone().fold(f64::INFINITY, f64::min);
    let high = amounts.fold(f64::NEG_INFINITY, f64::max);
    let best_amount = members
        .iter()
        .find(|(c, _, _)| c.id == best.id)
        .map(|(_, q, _)| q.amount);
    let ids: Vec<&str> = members.iter().map(|(c, _, _)| c.id.as_str()).collect();
    let claims = join_ids(&ids);
    let first = first_member.0;
    Verdict::Conflict(Box::new(Conflict {
        id: make_id(kind.as_str(), &claims),
        kind,
        subject: first.subject.clone(),
        predicate: first.predicate.clone(),
        qualifiers: normal_qualifiers(first),
        claims,
        explanation,
        suggestion: Suggestion {
            low: Some(Estimate::Number(low)),
            best: best_amount.map(Estimate::Number),
            high: Some(Estimate::Number(high)),
            unit: Some(first_member.1.unit.clone()),
            best_claim: best.id.clone(),
            reason,
        },
        implied_annual_change,
    }))
}

// ---- series plausibility ------------------------------------------------------------------------

/// The smallest annual rate of change two figures force, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateOutcome {
    /// The compound annual rate (0.05 = +5 % a year, −0.05 = −5 %), with the values it runs
    /// between and the most years available.
    Rate {
        rate: f64,
        from: f64,
        to: f64,
        years: f64,
    },
    /// The value intervals intersect: no change is forced.
    NoChangeNeeded,
    /// An open end leaves unlimited time for the change.
    Unbounded,
    /// The spans overlap: not a change over time but two values for the same time.
    Overlapping,
    /// A value the change would run from or to is not positive, so no relative rate exists.
    NotPositive,
}

/// The smallest annual rate of change consistent with two figures at two times.
///
/// Conservative on both counts: the values are the closest points of the two value
/// intervals (the least change the figures force) and the time is the longest the spans
/// allow, from the earliest day of the earlier span to the latest day of the later one (the
/// spans of approximate dates widened). The rate is compound: `(to / from)^(1 / years) − 1`,
/// with years of 365.2425 days. A flagged rate is therefore one that *every* reading of the
/// two claims exceeds.
pub fn min_annual_change(a: (&When, &ValueInterval), b: (&When, &ValueInterval)) -> RateOutcome {
    let (sa, sb) = (Span::of(a.0), Span::of(b.0));
    if sa.overlaps(sb) {
        return RateOutcome::Overlapping;
    }
    let ((early_span, early), (late_span, late)) = if sa.end < sb.start {
        ((sa, a.1), (sb, b.1))
    } else {
        ((sb, b.1), (sa, a.1))
    };
    if early_span.start == OPEN_START_DAY || late_span.end == OPEN_END_DAY {
        return RateOutcome::Unbounded;
    }
    if early.intersects(late) {
        return RateOutcome::NoChangeNeeded;
    }
    let (from, to) = if early.high < late.low {
        (early.high, late.low)
    } else {
        (early.low, late.high)
    };
    if !(from.is_finite() && to.is_finite() && from > 0.0 && to > 0.0) {
        return RateOutcome::NotPositive;
    }
    let days = (late_span.end - early_span.start).max(1) as f64;
    let years = days / 365.2425;
    let rate = (to / from).powf(1.0 / years) - 1.0;
    RateOutcome::Rate {
        rate,
        from,
        to,
        years,
    }
}

fn percent(x: f64) -> String {
    format!("{}%", trim_decimals(x * 100.0, 1))
}

fn judge_rate(
    ctx: &Ctx,
    predicate: &Predicate,
    limit: f64,
    a: (&Claim, &Quantity),
    b: (&Claim, &Quantity),
) -> Verdict {
    let (first, second) = if a.0.when <= b.0.when { (a, b) } else { (b, a) };
    let (fi, si) = (value_interval(first.1), value_interval(second.1));
    let outcome = min_annual_change((&first.0.when, &fi), (&second.0.when, &si));
    let (c1, c2) = (first.0, second.0);
    let pair = format!(
        "{} ({}) and {} ({})",
        first.1,
        c1.when.human(),
        second.1,
        c2.when.human()
    );
    match outcome {
        RateOutcome::Rate {
            rate,
            from,
            to,
            years,
        } if rate.abs() > limit + 1e-12 => {
            let sign = if rate > 0.0 { "+" } else { "" };
            let explanation = format!(
                "{}: {} in {} and {} in {} imply a change of at least {sign}{} a year (from {} to \
                 {} in at most {} years), more than the {} a year plausible for {}",
                topic(c1),
                first.1,
                c1.id,
                second.1,
                c2.id,
                percent(rate),
                fmt_number(from),
                fmt_number(to),
                trim_decimals(years, 1),
                percent(limit),
                predicate.id
            );
            quantity_conflict(
                ctx,
                ConflictKind::ImplausibleChange,
                (c1, first.1, &fi),
                &[(c2, second.1, &si)],
                explanation,
                Some(rate),
            )
        }
        RateOutcome::Rate { rate, .. } => cleared(
            ClearedKind::PlausibleChange,
            c1,
            c2,
            format!(
                "{pair}: the change needs at least {} a year, within the {} plausible for {}",
                percent(rate.abs()),
                percent(limit),
                predicate.id
            ),
        ),
        RateOutcome::NoChangeNeeded => cleared(
            ClearedKind::PlausibleChange,
            c1,
            c2,
            format!(
                "{pair}: equal within rounding ({} and {}), no change needed",
                fi.description, si.description
            ),
        ),
        RateOutcome::Unbounded => cleared(
            ClearedKind::PlausibleChange,
            c1,
            c2,
            format!("{pair}: an open-ended time leaves unlimited time for the change"),
        ),
        RateOutcome::NotPositive => cleared(
            ClearedKind::Incomparable,
            c1,
            c2,
            format!("{pair}: no relative rate of change between values that are not positive"),
        ),
        RateOutcome::Overlapping => cleared(
            ClearedKind::Incomparable,
            c1,
            c2,
            format!("{pair}: the times overlap"),
        ),
    }
}

// ---- derived rules ------------------------------------------------------------------------------

/// The interval of `part ÷ whole × 100` over the two intervals; the whole line when the
/// whole may be zero or negative, or when an end is undefined.
pub fn share_interval(part: &ValueInterval, whole: &ValueInterval) -> (f64, f64) {
    if whole.low.is_nan() || whole.low <= 0.0 {
        return (f64::NEG_INFINITY, f64::INFINITY);
    }
    let corners = [
        part.low / whole.low,
        part.low / whole.high,
        part.high / whole.low,
        part.high / whole.high,
    ];
    if corners.iter().any(|x| x.is_nan()) {
        return (f64::NEG_INFINITY, f64::INFINITY);
    }
    let low = corners.iter().copied().fold(f64::INFINITY, f64::min) * 100.0;
    let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max) * 100.0;
    (low, high)
}

fn derived_checks(
    ctx: &Ctx,
    rule: &DerivedRule,
    groups: &BTreeMap<(&str, &str), Vec<&Claim>>,
    report: &mut Report,
) {
    match rule.kind {
        RuleKind::ShareOfWhole => share_checks(ctx, rule, groups, report),
    }
}

fn within(a: &When, b: &When, days: i64) -> bool {
    Span::of(a).gap_days(Span::of(b)) <= days.max(0)
}

fn share_checks(
    ctx: &Ctx,
    rule: &DerivedRule,
    groups: &BTreeMap<(&str, &str), Vec<&Claim>>,
    report: &mut Report,
) {
    for ((subject, predicate), shares) in groups {
        if *predicate != rule.share.as_str() {
            continue;
        }
        let empty = Vec::new();
        let parts = groups
            .get(&(*subject, rule.part.as_str()))
            .unwrap_or(&empty);
        let wholes = groups
            .get(&(*subject, rule.whole.as_str()))
            .unwrap_or(&empty);
        for share in shares {
            let share_quals = normal_qualifiers(share);
            if !share_quals.contains_key(rule.qualifier.as_str()) {
                continue;
            }
            let mut whole_quals = share_quals.clone();
            whole_quals.remove(rule.qualifier.as_str());
            let Some(sq) = quantity(share).filter(|q| q.amount.is_finite()) else {
                continue;
            };
            for part in parts.iter().filter(|p| normal_qualifiers(p) == share_quals) {
                let Some(pq) = quantity(part).filter(|q| q.amount.is_finite()) else {
                    continue;
                };
                if !within(&share.when, &part.when, rule.within_days) {
                    continue;
                }
                for whole in wholes
                    .iter()
                    .filter(|w| normal_qualifiers(w) == whole_quals)
                {
                    let Some(wq) = quantity(whole).filter(|q| q.amount.is_finite()) else {
                        continue;
                    };
                    if !within(&share.when, &whole.when, rule.within_days)
                        || !within(&part.when, &whole.when, rule.within_days)
                    {
                        continue;
                    }
                    let ids = [share.id.as_str(), part.id.as_str(), whole.id.as_str()];
                    if ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
                        continue;
                    }
                    check_share(ctx, rule, (share, sq), (part, pq), (whole, wq), report);
                }
            }
        }
    }
}

fn check_share(
    ctx: &Ctx,
    rule: &DerivedRule,
    (share, sq): (&Claim, &Quantity),
    (part, pq): (&Claim, &Quantity),
    (whole, wq): (&Claim, &Quantity),
    report: &mut Report,
) {
    let (si, pi, wi) = (value_interval(sq), value_interval(pq), value_interval(wq));
    let (low, high) = share_interval(&pi, &wi);
    let claims = join_ids(&[&share.id, &part.id, &whole.id]);
    let point = if wq.amount != 0.0 {
        // Rounded to 1e-6 so that 4.6 ÷ 16 reads 28.75, not 28.749999999999996.
        (pq.amount / wq.amount * 100.0 * 1e6).round() / 1e6
    } else {
        f64::NAN
    };
    let bounded = low.is_finite() && high.is_finite() && point.is_finite();
    // The computed range, widened outwards to one decimal so it never understates.
    let range_text = format!(
        "{}–{}%",
        trim_decimals((low * 10.0).floor() / 10.0, 1),
        trim_decimals((high * 10.0).ceil() / 10.0, 1)
    );
    let derived_text = if bounded {
        format!(
            "{pq} ÷ {wq} = {}% ({range_text} allowing for rounding)",
            trim_decimals(point, 1)
        )
    } else {
        format!("{pq} ÷ {wq} gives no bounded share")
    };
    let derived = ValueInterval {
        low,
        high,
        low_inclusive: true,
        high_inclusive: true,
        step: 0.0,
        description: String::new(),
    };
    if derived.intersects(&si) {
        report.cleared.push(Cleared {
            id: make_id(ClearedKind::DerivedConsistent.as_str(), &claims),
            kind: ClearedKind::DerivedConsistent,
            subject: share.subject.clone(),
            predicate: share.predicate.clone(),
            claims,
            reason: format!(
                "rule {}: {derived_text}, consistent with {sq} ({}) in {}",
                rule.id, si.description, share.id
            ),
        });
        return;
    }
    let explanation = format!(
        "{}: {} and {} give {derived_text}, but {} states {sq} ({}) for an overlapping time",
        topic(share),
        part.id,
        whole.id,
        share.id,
        si.description
    );
    let derived_width = derived.relative_width(point);
    let (best, mut reason) = choose(
        Candidate::new(
            ctx,
            share,
            si.relative_width(sq.amount),
            si.description.clone(),
            true,
        ),
        vec![
            Candidate::new(
                ctx,
                part,
                derived_width,
                format!("computed {range_text}"),
                false,
            ),
            Candidate::new(
                ctx,
                whole,
                derived_width,
                format!("computed {range_text}"),
                false,
            ),
        ],
    );
    let best_value = if best.id == share.id {
        sq.amount
    } else {
        let _ = write!(reason, "; the share its figures imply is taken");
        point
    };
    let finite = [sq.amount, point].into_iter().filter(|x| x.is_finite());
    let lowest = finite.clone().fold(f64::INFINITY, f64::min);
    let highest = finite.fold(f64::NEG_INFINITY, f64::max);
    report.conflicts.push(Conflict {
        id: make_id(ConflictKind::Derived.as_str(), &claims),
        kind: ConflictKind::Derived,
        subject: share.subject.clone(),
        predicate: share.predicate.clone(),
        qualifiers: normal_qualifiers(share),
        claims,
        explanation,
        suggestion: Suggestion {
            low: Some(Estimate::Number(lowest)),
            best: Some(Estimate::Number(best_value)).filter(|_| best_value.is_finite()),
            high: Some(Estimate::Number(highest)),
            unit: Some(sq.unit.clone()),
            best_claim: best.id.clone(),
            reason,
        },
        implied_annual_change: None,
    });
}

// ---- ranking ------------------------------------------------------------------------------------

/// A claim's standing for the best-value choice.
struct Candidate<'a> {
    claim: &'a Claim,
    /// 1 (A) … 6 (F), 7 ungraded.
    reliability: u8,
    /// 1 … 6, 7 when there is no citation.
    credibility: u8,
    /// The most recent publication: its earliest possible day and its EDTF text.
    published: Option<(i64, String)>,
    /// Smaller is more precise; NaN counts as infinite.
    imprecision: f64,
    figure: String,
    sources: usize,
    citations: usize,
    /// Stated directly (as opposed to a term of a derived figure).
    stated: bool,
}

fn grade(letter: &str) -> u8 {
    match letter.trim().chars().next().map(|c| c.to_ascii_uppercase()) {
        Some(c @ 'A'..='F') => c as u8 - b'A' + 1,
        _ => 7,
    }
}

fn grade_text(grade: u8) -> String {
    if (1..=6).contains(&grade) {
        char::from(b'A' + grade - 1).to_string()
    } else {
        "ungraded".into()
    }
}

impl<'a> Candidate<'a> {
    fn new(
        ctx: &Ctx,
        claim: &'a Claim,
        imprecision: f64,
        figure: String,
        stated: bool,
    ) -> Candidate<'a> {
        let mut source_ids: Vec<&str> = claim.citations.iter().map(|c| c.source.as_str()).collect();
        source_ids.sort();
        source_ids.dedup();
        let known: Vec<&Source> = source_ids
            .iter()
            .filter_map(|id| ctx.sources.get(*id))
            .collect();
        let reliability = known
            .iter()
            .map(|s| grade(&s.reliability))
            .min()
            .unwrap_or(7);
        let credibility = claim
            .citations
            .iter()
            .map(|c| {
                if (1..=6).contains(&c.credibility) {
                    c.credibility
                } else {
                    6
                }
            })
            .min()
            .unwrap_or(7);
        let published = known
            .iter()
            .filter_map(|s| {
                let text = s.published.as_deref()?;
                let when = When::parse(text).ok()?;
                let day = when.start_day();
                (day != OPEN_START_DAY).then(|| (day, text.to_string()))
            })
            .max();
        Candidate {
            claim,
            reliability,
            credibility,
            published,
            imprecision: if imprecision.is_nan() {
                f64::INFINITY
            } else {
                imprecision
            },
            figure,
            sources: source_ids.len(),
            citations: claim.citations.len(),
            stated,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Criterion {
    Reliability,
    Credibility,
    Recency,
    Precision,
    Corroboration,
    Stated,
    Id,
}

/// `Less` when `a` is the better claim, with the criterion that decided.
fn compare(a: &Candidate, b: &Candidate) -> (Ordering, Criterion) {
    let steps: [(Ordering, Criterion); 7] = [
        (a.reliability.cmp(&b.reliability), Criterion::Reliability),
        (a.credibility.cmp(&b.credibility), Criterion::Credibility),
        (
            b.published
                .as_ref()
                .map(|p| p.0)
                .cmp(&a.published.as_ref().map(|p| p.0)),
            Criterion::Recency,
        ),
        (
            a.imprecision.total_cmp(&b.imprecision),
            Criterion::Precision,
        ),
        (
            (b.sources, b.citations).cmp(&(a.sources, a.citations)),
            Criterion::Corroboration,
        ),
        (b.stated.cmp(&a.stated), Criterion::Stated),
        (a.claim.id.cmp(&b.claim.id), Criterion::Id),
    ];
    steps
        .into_iter()
        .find(|(o, _)| *o != Ordering::Equal)
        .unwrap_or((Ordering::Equal, Criterion::Id))
}

/// The best candidate and why it beat the runner-up (the best of the rest).
fn choose<'a>(first: Candidate<'a>, others: Vec<Candidate<'a>>) -> (&'a Claim, String) {
    let mut best = first;
    let mut rest = Vec::new();
    for candidate in others {
        if compare(&candidate, &best).0 == Ordering::Less {
            rest.push(std::mem::replace(&mut best, candidate));
        } else {
            rest.push(candidate);
        }
    }
    match rest.iter().min_by(|a, b| compare(a, b).0) {
        None => (best.claim, "the only claim".into()),
        Some(runner) => (best.claim, explain_choice(&best, runner)),
    }
}

fn explain_choice(best: &Candidate, other: &Candidate) -> String {
    let (_, decisive) = compare(best, other);
    let (b, o) = (&best.claim.id, &other.claim.id);
    let mut ties = Vec::new();
    let recency_text = |c: &Candidate| {
        c.published
            .as_ref()
            .map_or_else(|| "undated".to_string(), |p| p.1.clone())
    };
    let decided = match decisive {
        Criterion::Reliability => format!(
            "{b} is cited from a more reliable source (grade {} against {})",
            grade_text(best.reliability),
            grade_text(other.reliability)
        ),
        Criterion::Credibility => format!(
            "{b} has the more credible citation ({} against {})",
            best.credibility, other.credibility
        ),
        Criterion::Recency => format!(
            "{b} comes from the more recently published source ({} against {})",
            recency_text(best),
            recency_text(other)
        ),
        Criterion::Precision => format!(
            "{b} is the more precise ({} against {})",
            best.figure, other.figure
        ),
        Criterion::Corroboration => format!(
            "{b} is better corroborated ({} sources and {} citations against {} and {})",
            best.sources, best.citations, other.sources, other.citations
        ),
        Criterion::Stated => format!(
            "{b} states the figure directly, which is preferred to one computed from other \
             figures"
        ),
        Criterion::Id => format!("{b} is taken as the first by id (against {o})"),
    };
    let order = [
        Criterion::Reliability,
        Criterion::Credibility,
        Criterion::Recency,
        Criterion::Precision,
        Criterion::Corroboration,
        Criterion::Stated,
    ];
    for criterion in order {
        if criterion == decisive {
            break;
        }
        ties.push(match criterion {
            Criterion::Reliability => {
                format!("same source reliability ({})", grade_text(best.reliability))
            }
            Criterion::Credibility => format!("same citation credibility ({})", best.credibility),
            Criterion::Recency => format!("same publication date ({})", recency_text(best)),
            Criterion::Precision => "equally precise".to_string(),
            Criterion::Corroboration => "equally corroborated".to_string(),
            Criterion::Stated => "both stated directly".to_string(),
            Criterion::Id => String::new(),
        });
    }
    if ties.is_empty() {
        decided
    } else {
        format!("{}; {decided}", ties.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, Method};

    fn when(text: &str) -> When {
        When::parse(text).expect("valid EDTF in test")
    }

    fn qty(amount: f64, bound: QuantityBound, unit: &str) -> Quantity {
        Quantity {
            amount,
            lower: None,
            upper: None,
            unit: unit.into(),
            bound,
        }
    }

    fn persons(amount: f64, bound: QuantityBound) -> Value {
        Value::Quantity(qty(amount, bound, "persons"))
    }

    fn pct(amount: f64, bound: QuantityBound) -> Value {
        Value::Quantity(qty(amount, bound, "percent"))
    }

    fn entity(id: &str) -> Value {
        Value::Entity { entity: id.into() }
    }

    /// A claim about `land`, cited once from `src-c` with credibility 3.
    fn claim(id: &str, predicate: &str, value: Value, time: &str) -> Claim {
        Claim {
            id: id.into(),
            subject: "land".into(),
            predicate: predicate.into(),
            value,
            qualifiers: BTreeMap::new(),
            when: when(time),
            note: None,
            citations: vec![citation("src-c", 3)],
        }
    }

    fn citation(source: &str, credibility: u8) -> Citation {
        Citation {
            source: source.into(),
            quote: "q".into(),
            locator: "line 1".into(),
            method: Method::Manual,
            credibility,
            extractor_score: None,
            curator: None,
        }
    }

    fn with(mut claim: Claim, key: &str, ids: &[&str]) -> Claim {
        claim
            .qualifiers
            .insert(key.into(), ids.iter().map(|s| s.to_string()).collect());
        claim
    }

    fn cited(mut claim: Claim, source: &str, credibility: u8) -> Claim {
        claim.citations = vec![citation(source, credibility)];
        claim
    }

    fn predicate(
        id: &str,
        value_type: ValueType,
        functional: bool,
        max: Option<f64>,
        window: Option<i64>,
    ) -> Predicate {
        Predicate {
            id: id.into(),
            label: id.into(),
            value_type,
            unit: None,
            functional,
            max_annual_change: max,
            comparable_within_days: window,
            once: matches!(id, "signed"),
            template: None,
            description: None,
        }
    }

    /// The share = part ÷ whole rule of the bundled vocabulary.
    fn share_rule() -> DerivedRule {
        DerivedRule {
            id: "population_share".into(),
            kind: RuleKind::ShareOfWhole,
            share: "population_share".into(),
            part: "group_population".into(),
            whole: "population".into(),
            qualifier: "group".into(),
            within_days: 0,
            note: None,
        }
    }

    fn predicates() -> HashMap<String, Predicate> {
        [
            predicate(
                "population",
                ValueType::Quantity,
                true,
                Some(0.05),
                Some(730),
            ),
            predicate(
                "group_population",
                ValueType::Quantity,
                true,
                Some(0.05),
                Some(730),
            ),
            predicate(
                "population_share",
                ValueType::Quantity,
                true,
                None,
                Some(730),
            ),
            predicate("signed", ValueType::None, false, None, None),
            predicate("met_with", ValueType::Entity, false, None, None),
            predicate("main_arms_supplier", ValueType::Entity, true, None, None),
        ]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect()
    }

    fn source(id: &str, reliability: &str, published: &str) -> Source {
        Source {
            id: id.into(),
            title: id.into(),
            author: None,
            publisher: None,
            published: Some(published.into()),
            url: None,
            kind: "article".into(),
            language: None,
            reliability: reliability.into(),
            reliability_note: None,
            licence: None,
            file: None,
            sha256: None,
            note: None,
        }
    }

    fn sources() -> HashMap<String, Source> {
        [
            source("src-a", "A", "2015"),
            source("src-b", "B", "2012-03"),
            source("src-c", "C", "2011-07-20"),
            source("src-c2", "C", "2017-09"),
            source("src-f", "F", "[2013..]"),
        ]
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect()
    }

    fn run(claims: &[Claim]) -> Report {
        detect(claims, &predicates(), &sources(), &[share_rule()])
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= 1e-6 * expected.abs().max(1.0)
    }

    fn number(estimate: &Option<Estimate>) -> f64 {
        match estimate {
            Some(Estimate::Number(x)) => *x,
            other => panic!("expected a number, got {other:?}"),
        }
    }

    fn text(estimate: &Option<Estimate>) -> &str {
        match estimate {
            Some(Estimate::Text(t)) => t,
            other => panic!("expected text, got {other:?}"),
        }
    }

    fn only_cleared(report: &Report) -> &Cleared {
        assert!(report.conflicts.is_empty(), "{:#?}", report.conflicts);
        assert_eq!(report.cleared.len(), 1, "{:#?}", report.cleared);
        &report.cleared[0]
    }

    // ---- value intervals ----

    #[test]
    fn rounding_step_follows_significant_digits() {
        assert_eq!(rounding_step(16_300_000.0), 100_000.0);
        assert_eq!(rounding_step(17_600_000.0), 100_000.0);
        assert_eq!(rounding_step(30_000_000.0), 10_000_000.0);
        assert_eq!(rounding_step(25.0), 1.0);
        assert_eq!(rounding_step(15_000.0), 1_000.0);
        assert_eq!(rounding_step(60.0), 10.0);
        assert_eq!(rounding_step(-60.0), 10.0);
        assert_eq!(rounding_step(0.0), 1.0);
        assert!(close(rounding_step(37.8), 0.1));
        assert!(close(rounding_step(2.25), 0.01));
        assert!(close(rounding_step(21.56), 0.01));
        assert_eq!(rounding_step(f64::NAN), 0.0);
        assert_eq!(rounding_step(f64::INFINITY), 0.0);
        assert!(rounding_step(1e300) >= 1.0);
        assert!(rounding_step(1e-12) > 0.0);
    }

    #[test]
    fn exact_figures_cover_their_rounding() {
        let i = value_interval(&qty(25.0, QuantityBound::Exact, "percent"));
        assert_eq!((i.low, i.high), (24.5, 25.5));
        assert!(i.low_inclusive && i.high_inclusive);
        assert_eq!(i.description, "24.5–25.5%");

        let i = value_interval(&qty(16_300_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (16_250_000.0, 16_350_000.0));
        assert_eq!(i.step, 100_000.0);
        assert_eq!(i.description, "16.25–16.35 million persons");

        let i = value_interval(&qty(17_600_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (17_550_000.0, 17_650_000.0));

        let i = value_interval(&qty(37.8, QuantityBound::Exact, "percent"));
        assert!(close(i.low, 37.75) && close(i.high, 37.85));
        assert_eq!(i.description, "37.75–37.85%");

        let i = value_interval(&qty(15_000.0, QuantityBound::Exact, ""));
        assert_eq!((i.low, i.high), (14_500.0, 15_500.0));
        assert_eq!(i.description, "14,500–15,500");
    }

    #[test]
    fn about_and_nearly_have_documented_bands() {
        // about: ± max(step, 5 %): "about 16 million" → 15–17 million.
        let i = value_interval(&qty(16_000_000.0, QuantityBound::About, "persons"));
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        assert_eq!(i.description, "15–17 million persons");
        // about 25%: 5 % of 25 = 1.25 is wider than the step of 1.
        let i = value_interval(&qty(25.0, QuantityBound::About, "percent"));
        assert_eq!((i.low, i.high), (23.75, 26.25));

        // nearly: [a − 2 %, a), just under.
        let i = value_interval(&qty(22.0, QuantityBound::Nearly, "percent"));
        assert!(close(i.low, 21.56));
        assert_eq!(i.high, 22.0);
        assert!(i.low_inclusive && !i.high_inclusive);
        assert_eq!(i.description, "21.56–22%");
        // Negative amounts mirror; zero is read as exact.
        let i = value_interval(&qty(-3.0, QuantityBound::Nearly, "percent"));
        assert_eq!(i.low, -3.0);
        assert!(close(i.high, -2.94));
        assert!(!i.low_inclusive && i.high_inclusive);
        let i = value_interval(&qty(0.0, QuantityBound::Nearly, "percent"));
        assert_eq!((i.low, i.high), (-0.5, 0.5));
    }

    #[test]
    fn one_sided_bounds_and_explicit_limits() {
        let more = value_interval(&qty(60.0, QuantityBound::MoreThan, "agreements"));
        assert_eq!((more.low, more.high), (60.0, f64::INFINITY));
        assert!(!more.low_inclusive);
        assert_eq!(more.description, "more than 60 agreements");
        let least = value_interval(&qty(60.0, QuantityBound::AtLeast, "agreements"));
        assert!(least.low_inclusive);
        assert_eq!(least.description, "at least 60 agreements");
        let most = value_interval(&qty(60.0, QuantityBound::AtMost, "agreements"));
        assert_eq!((most.low, most.high), (f64::NEG_INFINITY, 60.0));
        assert_eq!(most.description, "at most 60 agreements");
        // "more than 60" excludes 60; "at least 60" includes it.
        assert!(!more.intersects(&most));
        assert!(least.intersects(&most));

        let mut range = qty(16_000_000.0, QuantityBound::Exact, "persons");
        range.lower = Some(15_000_000.0);
        range.upper = Some(17_000_000.0);
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        // Crossed limits are swapped; non-finite limits ignored.
        range.lower = Some(17_000_000.0);
        range.upper = Some(15_000_000.0);
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        range.lower = Some(f64::NAN);
        range.upper = None;
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_500_000.0, 16_500_000.0));
        // A degenerate one-sided range is the single value, never empty.
        let mut degenerate = qty(60.0, QuantityBound::MoreThan, "");
        degenerate.upper = Some(60.0);
        let i = value_interval(&degenerate);
        assert_eq!((i.low, i.high), (60.0, 60.0));
        assert!(i.intersects(&i));

        let nan = value_interval(&qty(f64::NAN, QuantityBound::Exact, "persons"));
        assert_eq!((nan.low, nan.high), (f64::NEG_INFINITY, f64::INFINITY));
        assert_eq!(nan.description, "any value");
    }

    // ---- time spans ----

    #[test]
    fn spans_widen_approximate_dates_and_keep_open_ends() {
        let d = |s: &str| day_number(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"));
        let c2011 = Span::of(&when("2011~"));
        assert_eq!((c2011.start, c2011.end), (d("2010-01-01"), d("2012-12-31")));
        let july = Span::of(&when("2008-07~"));
        assert_eq!((july.start, july.end), (d("2008-06-01"), d("2008-08-31")));
        let later = Span::of(&when("[2013..]"));
        assert_eq!((later.start, later.end), (d("2013-01-01"), OPEN_END_DAY));
        assert_eq!(c2011.gap_days(later), 1);
        assert!(later.overlaps(Span::of(&when("2040"))));
        let until = Span::of(&when("../2032"));
        assert_eq!(until.start, OPEN_START_DAY);
        assert!(until.overlaps(Span::of(&when("1900"))));
        assert_eq!(
            comparability(&when("2011"), &when("2013"), Some(730)),
            Comparability::Near(367)
        );
        assert_eq!(
            comparability(&when("2011"), &when("2014"), Some(730)),
            Comparability::Far(732)
        );
        assert_eq!(
            comparability(&when("2011"), &when("2012"), None),
            Comparability::Far(1)
        );
        assert_eq!(
            comparability(&when("2006/.."), &when("2020-05-01"), None),
            Comparability::Overlap
        );
    }

    // ---- value conflicts ----

    #[test]
    fn twenty_five_percent_against_nearly_twenty_two_is_a_value_conflict() {
        let claims = vec![
            cited(
                with(
                    claim(
                        "share-old",
                        "population_share",
                        pct(25.0, QuantityBound::Exact),
                        "2011~",
                    ),
                    "group",
                    &["russians"],
                ),
                "src-c",
                3,
            ),
            cited(
                with(
                    claim(
                        "share-new",
                        "population_share",
                        pct(22.0, QuantityBound::Nearly),
                        "[2013..]",
                    ),
                    "group",
                    &["russians"],
                ),
                "src-f",
                3,
            ),
        ];
        let report = run(&claims);
        assert!(report.cleared.is_empty(), "{:#?}", report.cleared);
        assert_eq!(report.conflicts.len(), 1);
        let c = &report.conflicts[0];
        assert_eq!(c.id, "value:share-new+share-old");
        assert_eq!(c.kind, ConflictKind::Value);
        assert_eq!(c.subject, "land");
        assert_eq!(c.predicate, "population_share");
        assert_eq!(c.claims, vec!["share-new", "share-old"]);
        assert_eq!(c.qualifiers["group"], vec!["russians"]);
        assert_eq!(
            c.explanation,
            "population_share of land (group = russians): share-old says 25% (c. 2011) and \
             share-new says nearly 22% (2013 or later); the reference times may be as little \
             as 1 day apart, within the 730 days in which population_share values are \
             compared, but the figures cannot both be true: 25% allows 24.5–25.5% and nearly \
             22% allows 21.56–22%"
        );
        assert_eq!(number(&c.suggestion.low), 22.0);
        assert_eq!(number(&c.suggestion.best), 25.0);
        assert_eq!(number(&c.suggestion.high), 25.0);
        assert_eq!(c.suggestion.unit.as_deref(), Some("percent"));
        assert_eq!(c.suggestion.best_claim, "share-old");
        assert_eq!(
            c.suggestion.reason,
            "share-old is cited from a more reliable source (grade C against F)"
        );
        assert_eq!(c.implied_annual_change, None);
    }

    #[test]
    fn comparability_window_decides_between_conflict_and_trend() {
        let near = vec![
            claim(
                "a",
                "population_share",
                pct(25.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "b",
                "population_share",
                pct(32.0, QuantityBound::Exact),
                "2013",
            ),
        ];
        let report = run(&near);
        assert_eq!(report.conflicts.len(), 1);
        assert_eq!(report.conflicts[0].id, "value:a+b");
        assert!(
            report.conflicts[0]
                .explanation
                .contains("as little as 367 days apart")
        );

        let far = vec![
            claim(
                "a",
                "population_share",
                pct(25.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "b",
                "population_share",
                pct(30.0, QuantityBound::Exact),
                "2014",
            ),
        ];
        let cleared = only_cleared(&run(&far)).clone();
        assert_eq!(cleared.kind, ClearedKind::Trend);
        assert_eq!(cleared.id, "trend:a+b");
        assert_eq!(
            cleared.reason,
            "different reference times: 2011 and 2014 are at least 732 days apart, more than \
             the 730 days in which population_share values are compared; read as change over time"
        );
    }

    #[test]
    fn different_reference_times_are_a_trend() {
        let claims = vec![
            with(
                claim(
                    "s1989",
                    "population_share",
                    pct(37.8, QuantityBound::Exact),
                    "1989",
                ),
                "group",
                &["russians"],
            ),
            with(
                claim(
                    "s2011",
                    "population_share",
                    pct(25.0, QuantityBound::Exact),
                    "2011~",
                ),
                "group",
                &["russians"],
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::Trend);
        assert_eq!(c.claims, vec!["s1989", "s2011"]);
        // 1989-12-31 to 2010-01-01 (c. 2011 widened by a year).
        assert!(
            c.reason
                .contains("1989 and c. 2011 are at least 7306 days apart"),
            "{}",
            c.reason
        );
    }

    #[test]
    fn figures_equal_within_rounding_do_not_conflict() {
        let claims = vec![
            claim(
                "p1",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "p2",
                "population",
                persons(16_330_000.0, QuantityBound::Exact),
                "2011-06",
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::WithinRounding);
        assert_eq!(c.id, "within_rounding:p1+p2");
        assert_eq!(
            c.reason,
            "equal within rounding: 16.3 million persons allows 16.25–16.35 million persons and \
             16,330,000 persons allows 16.325–16.335 million persons"
        );
    }

    #[test]
    fn different_qualifiers_are_different_quantities() {
        let claims = vec![
            with(
                claim(
                    "ru",
                    "population_share",
                    pct(37.8, QuantityBound::Exact),
                    "1989",
                ),
                "group",
                &["russians"],
            ),
            with(
                claim(
                    "kz",
                    "population_share",
                    pct(39.7, QuantityBound::Exact),
                    "1989",
                ),
                "group",
                &["kazakhs"],
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::DifferentQualifiers);
        assert_eq!(
            c.reason,
            "different qualifiers (group = kazakhs against group = russians): not the same \
             population_share"
        );
    }

    #[test]
    fn functional_entity_values_conflict_when_they_differ() {
        let claims = vec![
            cited(
                claim("sup-1", "main_arms_supplier", entity("russia"), "2010"),
                "src-b",
                2,
            ),
            cited(
                claim("sup-2", "main_arms_supplier", entity("china"), "2010-05"),
                "src-b",
                4,
            ),
        ];
        let report = run(&claims);
        assert_eq!(report.conflicts.len(), 1);
        let c = &report.conflicts[0];
        assert_eq!(c.id, "value:sup-1+sup-2");
        assert_eq!(c.suggestion.low, None);
        assert_eq!(text(&c.suggestion.best), "russia");
        assert_eq!(
            c.suggestion.reason,
            "same source reliability (B); sup-1 has the more credible citation (2 against 4)"
        );
        // Same value: cleared.
        let same = vec![
            claim("sup-1", "main_arms_supplier", entity("russia"), "2010"),
            claim("sup-2", "main_arms_supplier", entity("russia"), "2010"),
        ];
        assert_eq!(only_cleared(&run(&same)).kind, ClearedKind::WithinRounding);
    }

    // ---- non-functional predicates and dates ----

    #[test]
    fn non_functional_predicates_allow_several_values() {
        let claims = vec![
            claim("m1", "met_with", entity("ivanov"), "2010-05-01"),
            claim("m2", "met_with", entity("petrov"), "2010-05-01"),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::NotFunctional);
        assert_eq!(
            c.reason,
            "`met_with` is not functional: ivanov and petrov can both hold"
        );

        // The same meeting partner at two dates: meetings recur, no date conflict.
        let claims = vec![
            claim("m1", "met_with", entity("ivanov"), "2010"),
            claim("m2", "met_with", entity("ivanov"), "2012"),
        ];
        assert_eq!(only_cleared(&run(&claims)).kind, ClearedKind::Recurring);
    }

    #[test]
    fn one_signing_dated_1994_and_1996_is_a_date_conflict() {
        let claims = vec![
            cited(
                with(
                    claim("sig-94", "signed", Value::None, "1994"),
                    "party",
                    &["ru", "kz"],
                ),
                "src-c",
                3,
            ),
            // The party list in another order is the same qualifier.
            cited(
                with(
                    claim("sig-96", "signed", Value::None, "1996"),
                    "party",
                    &["kz", "ru"],
                ),
                "src-b",
                3,
            ),
        ];
        let report = run(&claims);
        assert!(report.cleared.is_empty());
        assert_eq!(report.conflicts.len(), 1);
        let c = &report.conflicts[0];
        assert_eq!(c.id, "date:sig-94+sig-96");
        assert_eq!(c.kind, ConflictKind::Date);
        assert_eq!(c.qualifiers["party"], vec!["kz", "ru"]);
        assert_eq!(
            c.explanation,
            "signed of land (party = kz, ru) happens once, but sig-94 dates it to 1994 and \
             sig-96 to 1996; the dates do not overlap (the gap is 366 days)"
        );
        assert_eq!(text(&c.suggestion.low), "1994");
        assert_eq!(text(&c.suggestion.high), "1996");
        assert_eq!(text(&c.suggestion.best), "1996");
        assert_eq!(c.suggestion.best_claim, "sig-96");
        assert_eq!(
            c.suggestion.reason,
            "sig-96 is cited from a more reliable source (grade B against C)"
        );
    }

    #[test]
    fn overlapping_imprecise_dates_of_one_signing_do_not_conflict() {
        let claims = vec![
            with(
                claim("sig-y", "signed", Value::None, "1994"),
                "party",
                &["ru", "kz"],
            ),
            with(
                claim("sig-m", "signed", Value::None, "1994-05"),
                "party",
                &["ru", "kz"],
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::OverlappingDates);
        assert_eq!(c.id, "overlapping_dates:sig-m+sig-y");
        assert_eq!(
            c.reason,
            "the dates overlap: 1994 and May 1994 can be the same day"
        );
        // Approximate dates are widened: c. 1995 reaches 1996.
        let claims = vec![
            claim("sig-a", "signed", Value::None, "1995~"),
            claim("sig-b", "signed", Value::None, "1996"),
        ];
        assert_eq!(
            only_cleared(&run(&claims)).kind,
            ClearedKind::OverlappingDates
        );
    }

    #[test]
    fn the_more_precise_date_wins_when_sources_tie() {
        let claims = vec![
            claim("sig-1", "signed", Value::None, "1994-05"),
            claim("sig-2", "signed", Value::None, "1996"),
        ];
        let report = run(&claims);
        let c = &report.conflicts[0];
        assert_eq!(c.suggestion.best_claim, "sig-1");
        assert_eq!(text(&c.suggestion.best), "1994-05");
        assert_eq!(
            c.suggestion.reason,
            "same source reliability (C), same citation credibility (3), same publication date \
             (2011-07-20); sig-1 is the more precise (May 1994 against 1996)"
        );
    }

    // ---- series plausibility ----

    #[test]
    fn a_population_jump_from_16_3_to_30_million_in_a_year_is_implausible() {
        let claims = vec![
            claim(
                "pop-2011",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "pop-2012",
                "population",
                persons(30_000_000.0, QuantityBound::Exact),
                "2012",
            ),
        ];
        let report = run(&claims);
        assert!(report.cleared.is_empty(), "{:#?}", report.cleared);
        assert_eq!(report.conflicts.len(), 1);
        let c = &report.conflicts[0];
        assert_eq!(c.id, "implausible_change:pop-2011+pop-2012");
        assert_eq!(c.kind, ConflictKind::ImplausibleChange);
        // Closest values: 16.35 million (top of 16.3M) to 25 million (bottom of 30M, step
        // 10M), over the longest time: 2011-01-01 to 2012-12-31 = 730 days.
        let years = 730.0 / 365.2425;
        let expected = (25_000_000.0f64 / 16_350_000.0).powf(1.0 / years) - 1.0;
        let rate = c.implied_annual_change.expect("a rate");
        assert!(close(rate, expected), "{rate} vs {expected}");
        assert!((rate - 0.2367).abs() < 1e-3, "{rate}");
        assert_eq!(
            c.explanation,
            "population of land: 16.3 million persons in pop-2011 and 30 million persons in \
             pop-2012 imply a change of at least +23.7% a year (from 16.35 million to 25 \
             million in at most 2 years), more than the 5% a year plausible for population"
        );
        assert_eq!(number(&c.suggestion.low), 16_300_000.0);
        assert_eq!(number(&c.suggestion.high), 30_000_000.0);
        // Same source, credibility and date: the narrower interval (16.3M ±0.3 %) wins.
        assert_eq!(c.suggestion.best_claim, "pop-2011");
        assert_eq!(number(&c.suggestion.best), 16_300_000.0);
    }

    #[test]
    fn declines_are_rated_too() {
        let high = value_interval(&qty(30_000_000.0, QuantityBound::Exact, "persons"));
        let low = value_interval(&qty(16_300_000.0, QuantityBound::Exact, "persons"));
        match min_annual_change((&when("2011"), &high), (&when("2012"), &low)) {
            RateOutcome::Rate { rate, from, to, .. } => {
                assert_eq!((from, to), (25_000_000.0, 16_350_000.0));
                assert!((rate + 0.1914).abs() < 1e-3, "{rate}");
            }
            other => panic!("expected a rate, got {other:?}"),
        }
        // Argument order does not matter.
        assert_eq!(
            min_annual_change((&when("2012"), &low), (&when("2011"), &high)),
            min_annual_change((&when("2011"), &high), (&when("2012"), &low))
        );
        assert_eq!(
            min_annual_change((&when("2011"), &high), (&when("2011-05"), &low)),
            RateOutcome::Overlapping
        );
        assert_eq!(
            min_annual_change((&when("2011"), &high), (&when("[2013..]"), &low)),
            RateOutcome::Unbounded
        );
        assert_eq!(
            min_annual_change((&when("2011"), &high), (&when("2014"), &high)),
            RateOutcome::NoChangeNeeded
        );
        let negative = value_interval(&qty(-5.0, QuantityBound::Exact, "persons"));
        assert_eq!(
            min_annual_change((&when("2011"), &negative), (&when("2014"), &high)),
            RateOutcome::NotPositive
        );
    }

    #[test]
    fn plausible_growth_open_ends_and_non_neighbours_are_cleared() {
        let claims = vec![
            claim(
                "p11",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "p13",
                "population",
                persons(17_100_000.0, QuantityBound::Exact),
                "2013",
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::PlausibleChange);
        assert_eq!(
            c.reason,
            "16.3 million persons (2011) and 17.1 million persons (2013): the change needs at \
             least 1.4% a year, within the 5% plausible for population"
        );

        let claims = vec![
            claim(
                "p11",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011~",
            ),
            claim(
                "p13",
                "population",
                persons(30_000_000.0, QuantityBound::Exact),
                "[2013..]",
            ),
        ];
        let c = only_cleared(&run(&claims)).clone();
        assert_eq!(c.kind, ClearedKind::PlausibleChange);
        assert!(
            c.reason
                .ends_with("an open-ended time leaves unlimited time for the change")
        );

        let claims = vec![
            claim(
                "p11",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "p12",
                "population",
                persons(16_500_000.0, QuantityBound::Exact),
                "2012",
            ),
            claim(
                "p14",
                "population",
                persons(17_000_000.0, QuantityBound::About),
                "2014",
            ),
        ];
        let report = run(&claims);
        assert!(report.conflicts.is_empty(), "{:#?}", report.conflicts);
        let kinds: Vec<(&str, ClearedKind)> = report
            .cleared
            .iter()
            .map(|c| (c.id.as_str(), c.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("not_adjacent:p11+p14", ClearedKind::NotAdjacent),
                ("plausible_change:p11+p12", ClearedKind::PlausibleChange),
                ("plausible_change:p12+p14", ClearedKind::PlausibleChange),
            ]
        );
    }

    #[test]
    fn an_open_ended_figure_does_not_stand_between_neighbours() {
        // [2013..] overlaps c. 2017, so it does not lie wholly between c. 2011 and c. 2017:
        // those two are neighbours and their change is rated (here an implausible drop).
        let claims = vec![
            claim(
                "p11",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011~",
            ),
            claim(
                "p13",
                "population",
                persons(17_600_000.0, QuantityBound::Exact),
                "[2013..]",
            ),
            claim(
                "p17",
                "population",
                persons(9_000_000.0, QuantityBound::About),
                "2017~",
            ),
        ];
        let report = run(&claims);
        let ids: Vec<&str> = report.conflicts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["value:p13+p17", "implausible_change:p11+p17"]);
        let rate = report.conflicts[1].implied_annual_change.expect("a rate");
        // From 16.25 million (bottom of 16.3M) down to 10 million (top of "about 9 million":
        // ± max(step 1M, 5 % = 0.45M)), over 2010-01-01 … 2018-12-31 (both dates widened).
        let years = (day_number(NaiveDate::from_ymd_opt(2018, 12, 31).expect("date"))
            - day_number(NaiveDate::from_ymd_opt(2010, 1, 1).expect("date")))
            as f64
            / 365.2425;
        let expected = (10_000_000.0f64 / 16_250_000.0).powf(1.0 / years) - 1.0;
        assert!(close(rate, expected), "{rate} vs {expected}");
        assert!(rate < -0.05);
    }

    #[test]
    fn overlapping_population_figures_are_compared_as_values() {
        let claims = vec![
            claim(
                "p1",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "p2",
                "population",
                persons(17_600_000.0, QuantityBound::Exact),
                "2011-06",
            ),
        ];
        let report = run(&claims);
        assert_eq!(report.conflicts.len(), 1);
        assert_eq!(report.conflicts[0].id, "value:p1+p2");
        assert!(
            report.conflicts[0]
                .explanation
                .contains("the reference times overlap")
        );
    }

    // ---- derived consistency ----

    fn share_triple(share: Value) -> Vec<Claim> {
        vec![
            cited(
                with(
                    claim(
                        "ru-pop",
                        "group_population",
                        persons(4_600_000.0, QuantityBound::Exact),
                        "[2013..]",
                    ),
                    "group",
                    &["russians"],
                ),
                "src-f",
                3,
            ),
            cited(
                claim(
                    "pop",
                    "population",
                    persons(17_600_000.0, QuantityBound::Exact),
                    "[2013..]",
                ),
                "src-f",
                3,
            ),
            cited(
                with(
                    claim("ru-share", "population_share", share, "[2013..]"),
                    "group",
                    &["russians"],
                ),
                "src-f",
                3,
            ),
        ]
    }

    #[test]
    fn four_point_six_of_seventeen_point_six_is_not_nearly_22_percent() {
        let report = run(&share_triple(pct(22.0, QuantityBound::Nearly)));
        assert!(report.cleared.is_empty(), "{:#?}", report.cleared);
        assert_eq!(report.conflicts.len(), 1);
        let c = &report.conflicts[0];
        assert_eq!(c.id, "derived:pop+ru-pop+ru-share");
        assert_eq!(c.kind, ConflictKind::Derived);
        assert_eq!(c.predicate, "population_share");
        assert_eq!(c.claims, vec!["pop", "ru-pop", "ru-share"]);
        assert_eq!(
            c.explanation,
            "population_share of land (group = russians): ru-pop and pop give 4.6 million persons \
             ÷ 17.6 million persons = 26.1% (25.7–26.5% allowing for rounding), but ru-share \
             states nearly 22% (21.56–22%) for an overlapping time"
        );
        assert_eq!(number(&c.suggestion.low), 22.0);
        assert!(close(number(&c.suggestion.high), 4.6 / 17.6 * 100.0));
        assert_eq!(number(&c.suggestion.best), 22.0);
        assert_eq!(c.suggestion.best_claim, "ru-share");
        assert_eq!(
            c.suggestion.reason,
            "same source reliability (F), same citation credibility (3), same publication date \
             ([2013..]); ru-share is the more precise (21.56–22% against computed 25.7–26.5%)"
        );

        let (low, high) = share_interval(
            &value_interval(&qty(4_600_000.0, QuantityBound::Exact, "persons")),
            &value_interval(&qty(17_600_000.0, QuantityBound::Exact, "persons")),
        );
        assert!(close(low, 4.55 / 17.65 * 100.0) && close(high, 4.65 / 17.55 * 100.0));
    }

    #[test]
    fn a_better_sourced_term_makes_the_computed_share_best() {
        let mut claims = share_triple(pct(22.0, QuantityBound::Nearly));
        claims[1] = cited(claims[1].clone(), "src-a", 1);
        let report = run(&claims);
        let c = &report.conflicts[0];
        assert_eq!(c.suggestion.best_claim, "pop");
        assert!(close(number(&c.suggestion.best), 4.6 / 17.6 * 100.0));
        assert_eq!(
            c.suggestion.reason,
            "pop is cited from a more reliable source (grade A against F); the share its figures \
             imply is taken"
        );
    }

    #[test]
    fn consistent_and_unmatched_derived_figures_are_not_conflicts() {
        let report = run(&share_triple(pct(26.0, QuantityBound::Exact)));
        let c = only_cleared(&report).clone();
        assert_eq!(c.kind, ClearedKind::DerivedConsistent);
        assert_eq!(c.id, "derived_consistent:pop+ru-pop+ru-share");
        assert!(
            c.reason
                .contains("= 26.1% (25.7–26.5% allowing for rounding)"),
            "{}",
            c.reason
        );

        // The identity holds at one instant: a share for 2011 is not checked against 2013+.
        let mut claims = share_triple(pct(22.0, QuantityBound::Nearly));
        claims[2].when = when("2011");
        assert!(run(&claims).conflicts.is_empty());

        // A zero whole gives no bounded share and no panic.
        let mut claims = share_triple(pct(22.0, QuantityBound::Nearly));
        claims[1].value = persons(0.0, QuantityBound::Exact);
        let report = run(&claims);
        assert!(report.conflicts.is_empty());
        assert!(report.cleared[0].reason.contains("gives no bounded share"));

        assert!(
            detect(
                &share_triple(pct(22.0, QuantityBound::Nearly)),
                &predicates(),
                &sources(),
                &[]
            )
            .conflicts
            .is_empty()
        );
    }

    // ---- ranking ----

    #[test]
    fn best_value_follows_recency_then_precision_then_corroboration() {
        let pair = |a: Claim, b: Claim| {
            let report = run(&[a, b]);
            let s = report.conflicts[0].suggestion.clone();
            (s.best_claim, s.reason)
        };
        let base =
            |id: &str, amount: f64, bound| claim(id, "population", persons(amount, bound), "2011");
        // Recency: both C, credibility 3; src-c2 was published in 2017.
        let (best, reason) = pair(
            base("a", 16_300_000.0, QuantityBound::Exact),
            cited(base("b", 17_600_000.0, QuantityBound::Exact), "src-c2", 3),
        );
        assert_eq!(best, "b");
        assert_eq!(
            reason,
            "same source reliability (C), same citation credibility (3); b comes from the more \
             recently published source (2017-09 against 2011-07-20)"
        );
        // Corroboration: entity values are equally precise; b has a second source.
        let supplier = |id: &str, who: &str| claim(id, "main_arms_supplier", entity(who), "2010");
        let mut b = cited(supplier("b", "china"), "src-c2", 3);
        b.citations.push(citation("src-c", 3));
        let (best, reason) = pair(cited(supplier("a", "russia"), "src-c2", 3), b);
        assert_eq!(best, "b");
        assert_eq!(
            reason,
            "same source reliability (C), same citation credibility (3), same publication date \
             (2017-09), equally precise; b is better corroborated (2 sources and 2 citations \
             against 1 and 1)"
        );
        // Full tie: the id decides.
        let (best, reason) = pair(supplier("z", "russia"), supplier("y", "china"));
        assert_eq!(best, "y");
        assert_eq!(
            reason,
            "same source reliability (C), same citation credibility (3), same publication date \
             (2011-07-20), equally precise, equally corroborated, both stated directly; y is \
             taken as the first by id (against z)"
        );
    }

    // ---- robustness and determinism ----

    #[test]
    fn odd_inputs_never_panic() {
        assert_eq!(run(&[]), Report::default());
        let mut no_citations = claim(
            "n1",
            "population",
            persons(f64::NAN, QuantityBound::Exact),
            "2011",
        );
        no_citations.citations.clear();
        let claims = vec![
            no_citations,
            claim(
                "n2",
                "population",
                persons(16_000_000.0, QuantityBound::Exact),
                "2011",
            ),
            claim(
                "n3",
                "population",
                persons(f64::INFINITY, QuantityBound::About),
                "2020",
            ),
            claim(
                "n4",
                "population",
                persons(0.0, QuantityBound::Nearly),
                "../2032",
            ),
            claim(
                "n5",
                "population",
                persons(-5.0, QuantityBound::AtMost),
                "2006/..",
            ),
            claim("n6", "population", entity("oops"), "2011"),
            claim("n7", "no_such_predicate", Value::None, "2011"),
            cited(
                claim(
                    "n8",
                    "population",
                    persons(1.0, QuantityBound::MoreThan),
                    "1990",
                ),
                "nowhere",
                0,
            ),
            claim(
                "n8",
                "population",
                persons(2.0, QuantityBound::Exact),
                "1990",
            ),
        ];
        let mut odd = predicates();
        if let Some(p) = odd.get_mut("population") {
            p.max_annual_change = Some(f64::NAN);
            p.comparable_within_days = Some(-5);
        }
        let report = detect(&claims, &odd, &HashMap::new(), &[share_rule()]);
        let json = serde_json::to_string(&report).expect("serializes");
        assert!(!json.is_empty());
        assert!(report.cleared.iter().any(|c| c.id == "incomparable:n1+n2"));
        assert!(report.cleared.iter().any(|c| c.id == "incomparable:n2+n6"));
        // The default predicates too (rate rules apply).
        let report = run(&claims);
        assert!(
            report
                .cleared
                .iter()
                .any(|c| c.kind == ClearedKind::Incomparable)
        );
    }

    #[test]
    fn ids_and_order_do_not_depend_on_input_order() {
        let mut claims = share_triple(pct(22.0, QuantityBound::Nearly));
        claims.extend([
            with(
                claim(
                    "s11",
                    "population_share",
                    pct(25.0, QuantityBound::Exact),
                    "2011~",
                ),
                "group",
                &["russians"],
            ),
            with(
                claim(
                    "s89",
                    "population_share",
                    pct(37.8, QuantityBound::Exact),
                    "1989",
                ),
                "group",
                &["russians"],
            ),
            with(
                claim(
                    "k89",
                    "population_share",
                    pct(39.7, QuantityBound::Exact),
                    "1989",
                ),
                "group",
                &["kazakhs"],
            ),
            claim(
                "p11",
                "population",
                persons(16_300_000.0, QuantityBound::Exact),
                "2011~",
            ),
            claim(
                "p17",
                "population",
                persons(16_000_000.0, QuantityBound::About),
                "2017~",
            ),
            claim(
                "p12",
                "population",
                persons(30_000_000.0, QuantityBound::Exact),
                "2012",
            ),
            claim("sig-94", "signed", Value::None, "1994"),
            claim("sig-96", "signed", Value::None, "1996"),
        ]);
        let reference = run(&claims);
        assert!(reference.conflicts.len() >= 4, "{:#?}", reference.conflicts);
        let ids: Vec<&str> = reference.conflicts.iter().map(|c| c.id.as_str()).collect();
        assert!(ids.contains(&"value:ru-share+s11"), "{ids:?}");
        assert!(ids.contains(&"derived:pop+ru-pop+ru-share"), "{ids:?}");
        assert!(ids.contains(&"date:sig-94+sig-96"), "{ids:?}");
        let json = serde_json::to_string(&reference).expect("serializes");
        let mut reversed = claims.clone();
        reversed.reverse();
        assert_eq!(
            serde_json::to_string(&run(&reversed)).expect("serializes"),
            json
        );
        for shift in 1..claims.len() {
            let mut rotated = claims.clone();
            rotated.rotate_left(shift);
            assert_eq!(run(&rotated), reference);
        }
        // Conflicts come grouped by kind.
        let kinds: Vec<ConflictKind> = reference.conflicts.iter().map(|c| c.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
    }
}
