//! Agreement sets: the claims of a group that say the same thing, found by sorting, not by
//! comparing pairs.
//!
//! * A **value set** holds claims with the same valid time whose values share at least one
//!   possible value (quantities: their intervals intersect, and for intervals one common point
//!   is enough for all of them to agree at once; entities and texts: equal). Claims are sorted by
//!   the low end of their interval and swept once, keeping the running intersection.
//! * A **date set** holds claims of a once-only event with the same value whose natural spans
//!   share a day, swept in order of their start.
//! * Claims cited only from datasets are not put in sets: they form [`Curve`]s, one per dataset.

use std::collections::{BTreeMap, BTreeSet};

use super::times::{Span, Times};
use super::values::{ValueInterval, value_interval};
use super::{Context, Fact, Qualifiers, Side};
use crate::model::{Basis, ChangeUnit, Predicate, Quantity, Value};
use crate::time::When;

/// Claims that agree, with what they agree on and how well they are sourced.
#[derive(Debug, Clone)]
pub struct Set<'a> {
    /// First recorded first (then by id): the first names the set in ids.
    pub facts: Vec<&'a Fact>,
    /// The readings every member allows (the members' common days for a date set).
    pub times: Times,
    /// The values every member allows (quantities only).
    pub interval: Option<ValueInterval>,
    pub sources: BTreeSet<&'a str>,
    pub citations: usize,
    /// The best credibility among the members' citations.
    pub credibility: u8,
}

impl<'a> Set<'a> {
    fn new(mut facts: Vec<&'a Fact>, times: Times, interval: Option<ValueInterval>) -> Set<'a> {
        facts.sort_by(|a, b| (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id)));
        let sources = facts
            .iter()
            .flat_map(|f| f.sources.iter().map(String::as_str))
            .collect();
        let citations = facts.iter().map(|f| f.citations).sum();
        let credibility = facts.iter().map(|f| f.credibility).min().unwrap_or(7);
        Set {
            facts,
            times,
            interval,
            sources,
            citations,
            credibility,
        }
    }

    /// The claim that names the set: the first recorded.
    pub fn first(&self) -> &'a Fact {
        self.facts[0]
    }

    pub fn when(&self) -> &'a When {
        &self.first().when
    }

    pub fn quantity(&self) -> Option<&'a Quantity> {
        match &self.first().value {
            Value::Quantity(q) => Some(q),
            _ => None,
        }
    }

    /// The set's figure in words: `17.6 million persons`, an entity's name, a quoted text.
    pub fn figure(&self, ctx: &Context) -> String {
        value_words(ctx, &self.first().value)
    }

    /// `17.6 million persons (2013 or later; ca-russia-excerpt-2013)`.
    pub fn cite(&self, ctx: &Context) -> String {
        format!(
            "{} ({}; {})",
            self.figure(ctx),
            self.when().human(),
            self.sources_text()
        )
    }

    /// `rousseau-2011's 25%`: the figure by who says it, for readings.
    pub fn short(&self, ctx: &Context) -> String {
        format!("{}'s {}", self.sources_text(), self.figure(ctx))
    }

    /// `rousseau-2011` or `a, b and 28 more`.
    pub fn sources_text(&self) -> String {
        let names: Vec<&str> = self.sources.iter().copied().collect();
        match names.len() {
            0 => "no source".into(),
            1..=3 => names.join(", "),
            n => format!("{} and {} more", names[..2].join(", "), n - 2),
        }
    }

    pub fn side(&self, ctx: &Context) -> Side {
        Side {
            claims: self.facts.iter().map(|f| f.id.clone()).collect(),
            figure: self.figure(ctx),
            when: self.when().human(),
            sources: self.sources.iter().map(|s| s.to_string()).collect(),
            independent_sources: self.sources.len(),
            citations: self.citations,
        }
    }
}

/// A value in words, with entity names.
pub fn value_words(ctx: &Context, value: &Value) -> String {
    match value {
        Value::Quantity(q) => q.to_string(),
        Value::Entity { entity } => ctx.name(entity).to_string(),
        Value::Text { text } => format!("“{text}”"),
        Value::None => "no value".into(),
    }
}

/// One point of a reference series.
#[derive(Debug, Clone)]
pub struct Point<'a> {
    /// The middle of the point's natural span: where the curve passes through its value.
    pub day: i64,
    pub span: Span,
    pub amount: f64,
    pub fact: &'a Fact,
}

/// The claims of one dataset in a group, read as an estimate: a curve through their points
/// with a tolerance band (see [`super::series`]).
#[derive(Debug, Clone)]
pub struct Curve<'a> {
    pub source: &'a str,
    /// In time order, one per day (a later duplicate is dropped).
    pub points: Vec<Point<'a>>,
    /// What the figures are, as the source declares.
    pub basis: Option<Basis>,
    /// How far a point may be off, as a fraction of its value.
    pub tolerance: f64,
    /// How much the band widens per year of distance from the nearest point: half the
    /// predicate's typical annual change (a fraction of the value for counts, points for
    /// shares); 0 without declared rates.
    pub widening: f64,
    /// Whether changes are relative (counts) rather than in points (shares).
    pub relative: bool,
}

/// The agreement sets and series of one group (subject, predicate, qualifiers).
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub subject: &'a str,
    pub predicate: &'a str,
    pub qualifiers: &'a Qualifiers,
    /// Sorted by the start of their possible span, then of their natural span, then first claim.
    pub sets: Vec<Set<'a>>,
    pub curves: Vec<Curve<'a>>,
}

impl<'a> Group<'a> {
    /// `members` must be non-empty and share subject, predicate and qualifiers.
    pub fn build(ctx: &Context, predicate: &Predicate, members: &[&'a Fact]) -> Group<'a> {
        let first = members[0];
        let mut group = Group {
            subject: &first.subject,
            predicate: &first.predicate,
            qualifiers: &first.qualifiers,
            sets: Vec::new(),
            curves: Vec::new(),
        };
        let mut documents = Vec::new();
        let mut series: BTreeMap<&'a str, Vec<Point<'a>>> = BTreeMap::new();
        for fact in members {
            match &fact.value {
                Value::Quantity(q) if ctx.is_series(fact) && q.amount.is_finite() => {
                    let span = Times::of(&fact.when).natural;
                    if span.is_open() {
                        continue;
                    }
                    series.entry(&fact.sources[0]).or_default().push(Point {
                        day: span.start + (span.end - span.start) / 2,
                        span,
                        amount: q.amount,
                        fact,
                    });
                }
                _ => documents.push(*fact),
            }
        }
        let rates = super::judge::Rates::of(predicate);
        for (source, mut points) in series {
            points.sort_by(|a, b| (a.day, &a.fact.id).cmp(&(b.day, &b.fact.id)));
            points.dedup_by_key(|p| p.day);
            let declared = ctx.sources.get(source);
            let basis = declared.and_then(|s| s.basis);
            let tolerance = declared
                .and_then(|s| s.tolerance)
                .or_else(|| basis.map(Basis::default_tolerance))
                .unwrap_or(super::series::DEFAULT_TOLERANCE);
            group.curves.push(Curve {
                source,
                points,
                basis,
                tolerance,
                widening: rates.map_or(0.0, |r| r.typical / 2.0),
                relative: rates.is_none_or(|r| r.unit == ChangeUnit::Relative),
            });
        }
        if predicate.functional {
            group.sets = value_sets(&documents);
        } else if predicate.once {
            group.sets = date_sets(&documents);
        }
        group.sets.sort_by(|a, b| {
            (a.times.possible.start, a.times.natural.start, &a.first().id).cmp(&(
                b.times.possible.start,
                b.times.natural.start,
                &b.first().id,
            ))
        });
        group
    }
}

/// A key that is equal for equal entity or text values.
fn value_key(value: &Value) -> Option<String> {
    match value {
        Value::Entity { entity } => Some(format!("e:{entity}")),
        Value::Text { text } => Some(format!("t:{text}")),
        Value::None => Some("n:".into()),
        Value::Quantity(_) => None,
    }
}

fn value_sets<'a>(facts: &[&'a Fact]) -> Vec<Set<'a>> {
    let mut by_time: BTreeMap<&str, Vec<&'a Fact>> = BTreeMap::new();
    for fact in facts {
        by_time.entry(fact.when.as_str()).or_default().push(fact);
    }
    let mut sets = Vec::new();
    for same_time in by_time.values() {
        let times = Times::of(&same_time[0].when);
        let mut quantities: Vec<(&'a Fact, ValueInterval)> = Vec::new();
        let mut others: BTreeMap<String, Vec<&'a Fact>> = BTreeMap::new();
        for fact in same_time {
            match &fact.value {
                Value::Quantity(q) if q.amount.is_finite() => {
                    quantities.push((fact, value_interval(q)));
                }
                Value::Quantity(_) => {}
                value => {
                    if let Some(key) = value_key(value) {
                        others.entry(key).or_default().push(fact);
                    }
                }
            }
        }
        for members in others.into_values() {
            sets.push(Set::new(members, times, None));
        }
        quantities.sort_by(|a, b| {
            a.1.low
                .total_cmp(&b.1.low)
                .then_with(|| a.1.high.total_cmp(&b.1.high))
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        let mut current: Option<(Vec<&'a Fact>, ValueInterval)> = None;
        for (fact, interval) in quantities {
            current = match current.take() {
                Some((mut members, common)) if common.intersects(&interval) => {
                    members.push(fact);
                    Some((members, ValueInterval::narrowed(&common, &interval)))
                }
                Some((members, common)) => {
                    sets.push(Set::new(members, times, Some(common)));
                    Some((vec![fact], interval))
                }
                None => Some((vec![fact], interval)),
            };
        }
        if let Some((members, common)) = current {
            sets.push(Set::new(members, times, Some(common)));
        }
    }
    sets
}

fn date_sets<'a>(facts: &[&'a Fact]) -> Vec<Set<'a>> {
    let mut by_value: BTreeMap<String, Vec<(&'a Fact, Times)>> = BTreeMap::new();
    for fact in facts {
        let key = value_key(&fact.value).unwrap_or_else(|| match &fact.value {
            Value::Quantity(q) => format!("q:{}:{}", q.amount, q.unit),
            _ => String::new(),
        });
        by_value
            .entry(key)
            .or_default()
            .push((fact, Times::of(&fact.when)));
    }
    let mut sets = Vec::new();
    for mut dated in by_value.into_values() {
        dated.sort_by(|a, b| {
            (a.1.natural.start, a.1.natural.end, &a.0.id).cmp(&(
                b.1.natural.start,
                b.1.natural.end,
                &b.0.id,
            ))
        });
        let mut current: Option<(Vec<&'a Fact>, Times)> = None;
        for (fact, times) in dated {
            current = match current.take() {
                Some((mut members, common)) => {
                    match common.natural.intersection(times.natural) {
                        Some(natural) => {
                            members.push(fact);
                            // Possible spans contain natural ones, so they intersect too.
                            let possible = common
                                .possible
                                .intersection(times.possible)
                                .unwrap_or(natural);
                            Some((members, Times { natural, possible }))
                        }
                        None => {
                            sets.push(Set::new(members, common, None));
                            Some((vec![fact], times))
                        }
                    }
                }
                None => Some((vec![fact], times)),
            };
        }
        if let Some((members, common)) = current {
            sets.push(Set::new(members, common, None));
        }
    }
    sets
}
