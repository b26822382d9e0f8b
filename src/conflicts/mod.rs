//! Conflict detection: could two statements both be true, and under what reading?
//!
//! Pure functions over plain facts ([`Fact`]); no I/O, no SQL. The store streams the facts of
//! one subject at a time into [`Engine::subject_in_parts`], which hands the findings on a
//! predicate at a time: memory follows the busiest subject's facts and its busiest predicate's
//! findings, not the whole database.
//!
//! # Groups and agreement sets
//!
//! Claims are compared within a **group**: the same subject, predicate and identifying
//! qualifiers (a share of one group is not the share of another, so different qualifiers are
//! never compared). Within a group, claims with the same valid time whose values are mutually
//! compatible (their [value intervals](values::value_interval) share a value) form one
//! **agreement set** ([`clusters`]): thirty sources that give the same figure are one side with
//! thirty citations, not 435 pairs. Verdicts are between agreement sets.
//!
//! # One question for every rule
//!
//! Two sides disagree only if no reading of their times ([`times`]: any days within their EDTF
//! spans, within the predicate's comparability window, changing no faster than the predicate
//! allows) makes their values compatible. Each judgement is one of
//!
//! * **conflict**: no reading reconciles them;
//! * **tension**: only a strained reading does (days outside the natural spans, such as the far
//!   end of "2013 or later" or the margin of "c. 2011", or a change faster than the predicate's
//!   typical rate though within its maximum);
//! * **consistent**: a plain reading does (natural spans, typical rate).
//!
//! and states the reading in words. The rules ([`Kind`]):
//!
//! * **value** ([`judge`]): functional predicates. With declared rates of change (relative per
//!   year for counts, points per year for shares) values may differ by as much as the rate allows
//!   over the longest time the two spans leave between them. Without rates, a value holds for
//!   its natural span: values may differ between spans more than `comparable_within_days`
//!   apart (consistent), not for the same span (conflict), and for spans that partly overlap
//!   only if they hold at different parts of them (tension).
//! * **date** ([`judge`]): a once-only event (`once` in the vocabulary) dated by the same subject,
//!   value and qualifiers to spans that share no day.
//! * **series** ([`series`]): claims cited from a source of kind `dataset` are read as an
//!   estimate with a basis: a line interpolated between its points inside a tolerance band that
//!   widens between sparse points; a document's figure is checked once at its time, and two
//!   series of one quantity are compared with each other ([`basis`]: what a quote says a figure
//!   is).
//! * **derived** ([`derived`]): declared arithmetic (share = part ÷ whole × 100) at a common
//!   instant of the three natural spans; one entry per failing share and part, naming the
//!   outlier term.
//!
//! Comparisons never run over all pairs: sides are swept in time order and compared only with
//! those whose spans come within the predicate's window, plus their next neighbour in time when
//! the predicate declares rates (a change is judged between neighbours of a series, and an
//! outlier against its neighbours, not against every figure).
//!
//! # Which figure to believe
//!
//! Every conflict and tension carries a UCDP-style [`Suggestion`] (low / best / high) for a time
//! (`for_time`), whose best comes from the side ranked first by one chain ([`ranking`]):
//! evidence at that time (a reference series), independent sources, how well its own time fits,
//! source grade (the weakest term's for a computed figure) and citation credibility, precision;
//! then publication, stated before computed, citations and the id. Where a rule changes over
//! time, the value entry also judges the change against the series' own trend ([`judge`]).
//!
//! # Stable ids
//!
//! An entry's id is its kind and, for each side, the claim recorded first (then the smallest id):
//! `value:kz-russian-share-excerpt+kz-russian-share-rousseau`. More agreeing claims arriving later
//! join a side without changing the id. A series entry names the dataset source instead of a
//! series claim: `series:kz-population-caravanserai+worldbank-population`; two series compared
//! are named by both sources. An entry that gathers several (one inconsistency shown several
//! ways) keeps one id and lists the others in `replaces`, whose recorded decisions count for it.

pub mod basis;
pub mod best;
pub mod clusters;
pub mod derived;
pub mod judge;
pub mod ranking;
pub mod series;
pub mod states;
pub mod times;
pub mod values;
pub mod words;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Basis, Predicate, Rule, Source, Value};
use crate::time::When;

pub use values::{ValueInterval, rounding_step, share_interval, value_interval};

/// Qualifier key → entity ids, each list sorted and de-duplicated, empty lists dropped.
pub type Qualifiers = BTreeMap<String, Vec<String>>;

/// A claim as the engine sees it: what it states and how well it is sourced, without quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub subject: String,
    pub predicate: String,
    /// Normalised (see [`normal_qualifiers`]).
    pub qualifiers: Qualifiers,
    pub value: Value,
    pub when: When,
    /// The distinct sources the claim is cited from, sorted.
    pub sources: Vec<String>,
    pub citations: usize,
    /// The most credible citation's grade, 1 (confirmed) … 6; 7 when there is none.
    pub credibility: u8,
    /// When the claim was recorded (ISO 8601 UTC): the first recorded claim names its side.
    pub recorded_at: String,
    /// The basis a citation's quote names for the figure ("census", "official statistics",
    /// "World Bank"), if any: a series of that basis judges it first ([`basis::named_in`]).
    pub names_basis: Option<Basis>,
}

/// Qualifiers with each list sorted and de-duplicated, empty lists dropped.
pub fn normal_qualifiers(qualifiers: &BTreeMap<String, Vec<String>>) -> Qualifiers {
    qualifiers
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

/// The rule an entry applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Value,
    Date,
    Series,
    Derived,
    State,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Value => "value",
            Kind::Date => "date",
            Kind::Series => "series",
            Kind::Derived => "derived",
            Kind::State => "state",
        }
    }
}

/// Could both be true? The answer, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No reading reconciles the sides.
    Conflict,
    /// Only a strained reading does.
    Tension,
    /// A plain reading does.
    Consistent,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Tension => "tension",
            Verdict::Consistent => "consistent",
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

/// What to believe, UCDP style: the range the sides span and the best single value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Lowest figure (quantities) or earliest date (EDTF); `None` for entity or text values.
    pub low: Option<Estimate>,
    /// The figure or date of the best-ranked side (for a derived entry won by a term: the
    /// share the terms imply).
    pub best: Option<Estimate>,
    /// Highest figure or latest date.
    pub high: Option<Estimate>,
    /// The unit of the figures, for quantities.
    pub unit: Option<String>,
    /// The claim the best value comes from (for a series' interpolated value: its point
    /// nearest in time).
    pub best_claim: String,
    /// Why that side was preferred: the decisive step of the ranking chain, after the steps
    /// that tied ([`ranking`]).
    pub reason: String,
    /// The time the best is for (EDTF, usually a year): the time the entry is about. A value
    /// that changes has no best across dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_time: Option<String>,
}

/// One side of an entry: an agreement set of claims, or the stretch of a reference series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The claims, first recorded first.
    pub claims: Vec<String>,
    /// The side's figure, value or date in words.
    pub figure: String,
    /// Its time in words.
    pub when: String,
    /// The distinct sources behind it.
    pub sources: Vec<String>,
    /// How many independent sources stand behind it (distinct sources).
    pub independent_sources: usize,
    pub citations: usize,
}

/// One judgement between sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable: the kind and each side's first claim (see the module documentation).
    pub id: String,
    pub kind: Kind,
    pub verdict: Verdict,
    pub subject: String,
    pub predicate: String,
    /// Identifying qualifiers (entity ids).
    pub qualifiers: Qualifiers,
    pub sides: Vec<Side>,
    /// Every claim involved, sorted.
    pub claims: Vec<String>,
    /// What disagrees, with entity names and predicate labels.
    pub explanation: String,
    /// The reading under which both could be true, or why there is none.
    pub reading: String,
    /// For conflicts and tensions: what to believe.
    pub suggestion: Option<Suggestion>,
    /// For a change over time: the smallest annual rate the figures force (0.05 = 5 %, or
    /// points a year for shares).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_annual_change: Option<f64>,
    /// For a series entry in conflict or tension: how far the document's figure lies from the
    /// series' interpolated value at the figure's time (−0.14 = 14 % below); for two series,
    /// their typical gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_gap: Option<f64>,
    /// The same gap in points, for shares (−2.7 = 2.7 points below).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_gap_points: Option<f64>,
    /// For a failed derived rule: the term other evidence shows to be wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlier: Option<Outlier>,
    /// The ids of the entries this one gathers (one inconsistency that showed several ways):
    /// decisions recorded against any of them count for this entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

/// The term of a failed derived rule that other evidence contradicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    /// The claim stating the term.
    pub claim: String,
    /// `part`, `whole` or `share`.
    pub term: String,
    /// Its figure as stated.
    pub figure: String,
    /// What the other terms imply for it, as a number in its unit.
    pub implied: f64,
    /// The evidence, in words.
    pub why: String,
}

/// What the engine needs besides the facts: the vocabulary, the sources and names for words.
pub struct Context<'a> {
    pub predicates: &'a HashMap<String, Predicate>,
    pub sources: &'a HashMap<String, Source>,
    pub rules: &'a [Rule],
    /// Entity id → name, for explanations.
    pub names: &'a HashMap<String, String>,
    /// Build consistent entries too (`--all`); otherwise only conflicts and tensions.
    pub all: bool,
}

impl Context<'_> {
    pub fn name<'n>(&'n self, id: &'n str) -> &'n str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// `share of the population of Kazakhstan (group = ethnic Russians)`.
    pub fn topic(&self, predicate: &str, subject: &str, qualifiers: &Qualifiers) -> String {
        let label = self
            .predicates
            .get(predicate)
            .map_or(predicate, |p| p.label.as_str());
        let mut text = format!("{label} of {}", self.name(subject));
        if !qualifiers.is_empty() {
            let quals: Vec<String> = qualifiers
                .iter()
                .map(|(k, ids)| {
                    let names: Vec<&str> = ids.iter().map(|id| self.name(id)).collect();
                    format!("{k} = {}", names.join(", "))
                })
                .collect();
            text.push_str(&format!(" ({})", quals.join("; ")));
        }
        text
    }

    /// Whether every source a fact is cited from is a dataset: such facts form series.
    pub fn is_series(&self, fact: &Fact) -> bool {
        !fact.sources.is_empty()
            && fact.sources.iter().all(|s| {
                self.sources
                    .get(s)
                    .is_some_and(|src| src.kind.eq_ignore_ascii_case("dataset"))
            })
    }
}

/// Runs every rule over the facts of one subject.
pub struct Engine<'a> {
    ctx: Context<'a>,
}

impl<'a> Engine<'a> {
    pub fn new(ctx: Context<'a>) -> Engine<'a> {
        Engine { ctx }
    }

    pub fn context(&self) -> &Context<'a> {
        &self.ctx
    }

    /// Every finding among `facts`, which must all share one subject, in report order
    /// ([`order_key`]). Facts whose predicate is unknown are ignored; of repeated ids only the
    /// first is used.
    pub fn subject(&self, facts: &[Fact]) -> Vec<Finding> {
        let mut out = Vec::new();
        let done: Result<(), std::convert::Infallible> = self.subject_in_parts(facts, |part| {
            out.extend(part);
            Ok(())
        });
        match done {
            Ok(()) => {}
            Err(never) => match never {},
        }
        out.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        out
    }

    /// The findings of [`Engine::subject`], handed to `each` a part at a time so that no more
    /// than one predicate's findings are held: first those of each predicate's groups (values,
    /// dates, series), predicate by predicate, then those of the rules and states, which read
    /// several predicates. Each part is in report order ([`order_key`]), and a part only holds
    /// kinds whose findings all carry its predicate (or, for the last, kinds no earlier part
    /// holds), so for every verdict and kind the parts follow one another in report order: a
    /// reader that keeps one stream per verdict and kind gets them as [`Engine::subject`]
    /// sorts them.
    pub fn subject_in_parts<E>(
        &self,
        facts: &[Fact],
        mut each: impl FnMut(Vec<Finding>) -> Result<(), E>,
    ) -> Result<(), E> {
        let ctx = &self.ctx;
        let mut seen = std::collections::HashSet::new();
        // (predicate, qualifiers) → facts, in a deterministic order.
        let mut groups: BTreeMap<(&str, &Qualifiers), Vec<&Fact>> = BTreeMap::new();
        for fact in facts {
            if seen.insert(fact.id.as_str()) && ctx.predicates.contains_key(&fact.predicate) {
                groups
                    .entry((fact.predicate.as_str(), &fact.qualifiers))
                    .or_default()
                    .push(fact);
            }
        }
        let mut out = Vec::new();
        let mut built: HashMap<(&str, &Qualifiers), clusters::Group> = HashMap::new();
        let mut current: Option<&str> = None;
        for ((predicate_id, qualifiers), members) in &groups {
            let Some(predicate) = ctx.predicates.get(*predicate_id) else {
                continue;
            };
            // The groups of one predicate are consecutive (the map is ordered by predicate):
            // when the predicate changes, the previous one's findings are complete.
            if current.is_some_and(|p| p != *predicate_id) && !out.is_empty() {
                each(in_order(std::mem::take(&mut out)))?;
            }
            current = Some(predicate_id);
            let group = clusters::Group::build(ctx, predicate, members);
            judge::group(ctx, predicate, &group, &mut out);
            series::group(ctx, predicate, &group, &mut out);
            // Only rules read a built group again: the others are dropped as they are judged,
            // so memory follows a subject's largest group, not all of its groups.
            if ctx.rules.iter().any(|r| {
                [&r.share, &r.part, &r.whole]
                    .iter()
                    .any(|term| term.as_str() == *predicate_id)
            }) {
                built.insert((predicate_id, qualifiers), group);
            }
        }
        if !out.is_empty() {
            each(in_order(std::mem::take(&mut out)))?;
        }
        for rule in ctx.rules {
            derived::rule(ctx, rule, &built, &mut out);
        }
        drop(built);
        states::subject(ctx, &groups, &mut out);
        if !out.is_empty() {
            each(in_order(out))?;
        }
        Ok(())
    }
}

/// Findings sorted into report order.
fn in_order(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    findings
}

/// Report order: conflicts, then tensions, then consistent entries; by kind, subject,
/// predicate and id within each.
pub fn order_key(f: &Finding) -> (Verdict, Kind, &str, &str, &str) {
    (f.verdict, f.kind, &f.subject, &f.predicate, &f.id)
}

/// `kind:first+second`, from each side's first claim, sorted so that the id does not depend on
/// which side is named first.
pub(crate) fn make_id(prefix: &str, parts: &[&str]) -> String {
    let mut parts = parts.to_vec();
    parts.sort_unstable();
    format!("{prefix}:{}", parts.join("+"))
}

/// Every claim of the sides, sorted and de-duplicated.
pub(crate) fn all_claims(sides: &[Side]) -> Vec<String> {
    let mut ids: Vec<String> = sides
        .iter()
        .flat_map(|s| s.claims.iter().cloned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Finds every conflict among `facts` (any subjects): a convenience over [`Engine::subject`]
/// for callers that hold everything in memory.
pub fn detect(ctx: Context<'_>, facts: &[Fact]) -> Vec<Finding> {
    let engine = Engine::new(ctx);
    let mut by_subject: BTreeMap<&str, Vec<Fact>> = BTreeMap::new();
    for fact in facts {
        by_subject
            .entry(fact.subject.as_str())
            .or_default()
            .push(fact.clone());
    }
    let mut out: Vec<Finding> = by_subject
        .values()
        .flat_map(|facts| engine.subject(facts))
        .collect();
    out.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    out
}

#[cfg(test)]
mod tests;
