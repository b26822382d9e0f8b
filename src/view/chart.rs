//! A quantity that changes over time as one chart: what to draw, as plain numbers.
//!
//! For each subject, predicate and qualifiers of the timeline that a reference series covers (a
//! dataset's figures, such as the World Bank's population of Kazakhstan), a [`FigureChart`]
//! holds the series as the conflict engine reads it (`conflicts::series`: its points, the line
//! interpolated between them, its tolerance band, sampled at each point and halfway between
//! neighbours, where the band is widest) and each document figure the timeline shows: its time
//! (the middle of its natural span), that span and the possible one, the values it allows, its
//! gap to the line at its time, and the worst verdict `factline conflicts` gives it (conflict,
//! tension, consistent). `output::chart` draws it; the timeline's svg and html outputs and any
//! other page can use the same drawing. Reading costs one indexed query per chart (the facts of
//! one subject and predicate), not one per claim.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::Connection;

use crate::conflicts::clusters::{Curve, Group};
use crate::conflicts::times::{Span, Times, date_of};
use crate::conflicts::{
    Context, Engine, Fact, Qualifiers, Verdict, normal_qualifiers, value_interval,
};
use crate::model::{Rule, Source, Value};
use crate::view::{TimelineEntry, Vocabulary};

/// One quantity of one subject over time: a reference series and the documents' figures.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureChart {
    /// `Kazakhstan: population`, with qualifiers when there are any.
    pub title: String,
    /// The unit of every value (`persons`, `percent`), or empty.
    pub unit: String,
    pub series: Vec<ChartSeries>,
    /// In time order.
    pub figures: Vec<ChartFigure>,
    /// The claims the chart draws: the series' points and the figures.
    pub claims: HashSet<String>,
}

/// A reference series as the conflict engine reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// The dataset's source id.
    pub source: String,
    /// The dataset's title.
    pub name: String,
    /// How far a point may be off, as a fraction of its value (`0.02`).
    pub tolerance: f64,
    /// The points, in time order: (fractional year, value).
    pub points: Vec<(f64, f64)>,
    /// The band, in time order: (fractional year, lowest, highest).
    pub band: Vec<(f64, f64, f64)>,
}

/// A document's figure on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartFigure {
    pub claim: String,
    /// The figure as written: `about 16 million persons`.
    pub value_text: String,
    /// Its time in words: `c. 2017`.
    pub when_text: String,
    /// The sources it is cited from.
    pub sources: Vec<String>,
    /// Where the mark goes: the middle of its natural span (fractional year), and its value.
    pub year: f64,
    pub value: f64,
    /// The natural span, when it is longer than a day (fractional years).
    pub span: Option<(f64, f64)>,
    /// The possible span when it reaches beyond the natural one (fractional years; an open
    /// end is infinite).
    pub possible: Option<(f64, f64)>,
    /// The values the figure allows (`about 16 million`: 15.5–16.5 million).
    pub low: f64,
    pub high: f64,
    /// The line's value at its time and the gap in words (`14.2% below`, `2.7 points above`);
    /// `None` when the figure lies outside the series.
    pub line_value: Option<f64>,
    pub gap: Option<String>,
    /// The worst verdict the conflicts report gives it, `None` when it is not judged.
    pub verdict: Option<Verdict>,
}

/// What a chart is read against besides the store: the vocabulary, the sources and the rules.
pub struct ChartContext<'a> {
    pub vocabulary: &'a Vocabulary,
    pub sources: &'a HashMap<String, Source>,
    pub rules: &'a [Rule],
}

/// The charts of a timeline's entries: one per subject, predicate and qualifiers among the
/// quantities shown that a reference series covers (a dataset row of it is shown, or a
/// document figure with a series value beside it), in the order of their first entry.
pub fn charts(
    conn: &Connection,
    ctx: &ChartContext,
    entries: &[TimelineEntry],
) -> Result<Vec<FigureChart>> {
    let mut groups = ChartGroups::default();
    for e in entries {
        groups.observe(e);
    }
    for e in entries {
        groups.figure(e);
    }
    groups.charts(conn, ctx)
}

/// The charts of a timeline gathered over its entries in two passes, so that a streamed
/// output holds only what the charts draw: the first ([`ChartGroups::observe`]) finds the
/// groups a series covers, the second ([`ChartGroups::figure`], over the same entries in the
/// same order) puts them in the order of their first entries and keeps their document figures
/// (the claim and its time in words). Groups no series covers are never held.
#[derive(Default)]
pub struct ChartGroups {
    /// The groups a series covers, in the order of their first entries once the second pass
    /// has met them.
    order: Vec<GroupKey>,
    /// Key → (placed in `order` yet, the document figures shown: claim → time in words).
    groups: HashMap<GroupKey, (bool, HashMap<String, String>)>,
}

/// A chart's subject, predicate and qualifiers.
type GroupKey = (String, String, Qualifiers);

impl ChartGroups {
    /// The group key of a quantity entry.
    fn key(e: &TimelineEntry) -> Option<GroupKey> {
        matches!(e.value, Some(Value::Quantity(_))).then(|| {
            (
                e.subject.clone(),
                e.predicate.clone(),
                normal_qualifiers(&e.qualifiers),
            )
        })
    }

    /// First pass: notes `e`'s group when a series covers it (`e` is a dataset row or carries
    /// series values).
    pub fn observe(&mut self, e: &TimelineEntry) {
        if !e.dataset && e.series.is_empty() {
            return;
        }
        if let Some(key) = Self::key(e) {
            self.groups.entry(key).or_default();
        }
    }

    /// Whether a chart may be drawn: some group has a series.
    pub fn any(&self) -> bool {
        !self.groups.is_empty()
    }

    /// Second pass: places `e`'s group, if a series covers it, and keeps `e` as one of its
    /// document figures.
    pub fn figure(&mut self, e: &TimelineEntry) {
        let Some(key) = Self::key(e) else {
            return;
        };
        let Some((placed, documents)) = self.groups.get_mut(&key) else {
            return;
        };
        if !e.dataset {
            documents.insert(e.claim.clone(), e.when_text.clone());
        }
        if !std::mem::replace(placed, true) {
            self.order.push(key);
        }
    }

    /// The charts, in the order of their groups' first entries: one indexed query each.
    pub fn charts(self, conn: &Connection, ctx: &ChartContext) -> Result<Vec<FigureChart>> {
        let mut out = Vec::new();
        for key in self.order {
            let Some((_, documents)) = self.groups.get(&key) else {
                continue;
            };
            let (subject, predicate, qualifiers) = &key;
            let facts: Vec<Fact> =
                crate::db::conflicts::of_subject(conn, subject, std::slice::from_ref(predicate))?
                    .into_iter()
                    .filter(|f| &f.qualifiers == qualifiers)
                    .collect();
            if let Some(chart) = chart(ctx, &facts, documents) {
                out.push(chart);
            }
        }
        Ok(out)
    }
}

/// The chart of one group's facts, with the document figures among `documents` (claim → its
/// time in words); `None` without a series of at least two points.
fn chart(
    cc: &ChartContext,
    facts: &[Fact],
    documents: &HashMap<String, String>,
) -> Option<FigureChart> {
    let first = facts.first()?;
    let predicate = cc.vocabulary.predicates.get(&first.predicate)?;
    let ctx = Context {
        predicates: &cc.vocabulary.predicates,
        sources: cc.sources,
        rules: cc.rules,
        names: &cc.vocabulary.names,
        all: false,
    };
    let members: Vec<&Fact> = facts.iter().collect();
    let group = Group::build(&ctx, predicate, &members);
    let curves: Vec<&Curve> = group.curves.iter().filter(|c| c.points.len() > 1).collect();
    if curves.is_empty() {
        return None;
    }
    // The worst verdict of each claim, from the same engine as `factline conflicts`.
    let mut verdicts: HashMap<&str, Verdict> = HashMap::new();
    let findings = Engine::new(ctx).subject(facts);
    for finding in &findings {
        for claim in &finding.claims {
            let worst = verdicts.entry(claim.as_str()).or_insert(finding.verdict);
            *worst = (*worst).min(finding.verdict);
        }
    }
    let mut claims = HashSet::new();
    let series: Vec<ChartSeries> = curves
        .iter()
        .map(|c| {
            claims.extend(c.points.iter().map(|p| p.fact.id.clone()));
            series_of(cc, c)
        })
        .collect();
    let mut figures: Vec<ChartFigure> = facts
        .iter()
        .filter_map(|f| {
            let when_text = documents.get(&f.id)?;
            let verdict = verdicts.get(f.id.as_str()).copied().or_else(|| {
                // Judged against a series and found consistent: no finding names it.
                curves
                    .iter()
                    .any(|c| {
                        c.domain()
                            .is_some_and(|d| d.overlaps(Times::of(&f.when).natural))
                    })
                    .then_some(Verdict::Consistent)
            });
            figure(f, curves[0], verdict, when_text)
        })
        .collect();
    figures.sort_by(|a, b| a.year.total_cmp(&b.year).then(a.claim.cmp(&b.claim)));
    claims.extend(figures.iter().map(|f| f.claim.clone()));
    let mut title = format!(
        "{}: {}",
        cc.vocabulary.name(&first.subject),
        predicate.label
    );
    if !first.qualifiers.is_empty() {
        let words: Vec<String> = first
            .qualifiers
            .iter()
            .map(|(k, ids)| {
                let names: Vec<&str> = ids.iter().map(|id| cc.vocabulary.name(id)).collect();
                format!("{k} {}", names.join(" and "))
            })
            .collect();
        title.push_str(&format!(" ({})", words.join(", ")));
    }
    let unit = match &first.value {
        Value::Quantity(q) => q.unit.clone(),
        _ => String::new(),
    };
    Some(FigureChart {
        title,
        unit,
        series,
        figures,
        claims,
    })
}

/// A day number as a fractional year (2017-07-02 is about 2017.5).
pub fn year_at(day: i64) -> Option<f64> {
    use chrono::Datelike;
    let date = date_of(day)?;
    let days = if date.leap_year() { 366.0 } else { 365.0 };
    Some(f64::from(date.year()) + f64::from(date.ordinal0()) / days)
}

fn series_of(cc: &ChartContext, curve: &Curve) -> ChartSeries {
    let points: Vec<(f64, f64)> = curve
        .points
        .iter()
        .filter_map(|p| Some((year_at(p.day)?, p.amount)))
        .collect();
    // The band at every point and halfway between neighbours, where it is widest.
    let mut days: Vec<i64> = curve.points.iter().map(|p| p.day).collect();
    days.extend(
        curve
            .points
            .windows(2)
            .map(|w| w[0].day + (w[1].day - w[0].day) / 2),
    );
    days.sort_unstable();
    days.dedup();
    let band = days
        .into_iter()
        .filter_map(|d| {
            let (_, lo, hi) = curve.band_at(d)?;
            Some((year_at(d)?, lo, hi))
        })
        .collect();
    ChartSeries {
        source: curve.source.to_string(),
        name: cc
            .sources
            .get(curve.source)
            .map_or_else(|| curve.source.to_string(), |s| s.title.clone()),
        tolerance: curve.tolerance,
        points,
        band,
    }
}

/// A document's figure: where it goes, what it allows and its gap to `curve`.
fn figure(
    fact: &Fact,
    curve: &Curve,
    verdict: Option<Verdict>,
    when_text: &str,
) -> Option<ChartFigure> {
    let Value::Quantity(q) = &fact.value else {
        return None;
    };
    let times = Times::of(&fact.when);
    let natural = times.natural;
    if natural.is_open() {
        return None;
    }
    let middle = natural.start + (natural.end - natural.start) / 2;
    let span = (natural.end - natural.start > 31)
        .then(|| Some((year_at(natural.start)?, year_at(natural.end + 1)?)))
        .flatten();
    let (from, to) = (times.possible.start, times.possible.end);
    let possible = (from < natural.start || to > natural.end).then(|| {
        let open = |day: i64| {
            Span {
                start: day,
                end: day,
            }
            .is_open()
        };
        (
            if open(from) {
                f64::NEG_INFINITY
            } else {
                year_at(from).unwrap_or(f64::NEG_INFINITY)
            },
            if open(to) {
                f64::INFINITY
            } else {
                year_at(to + 1).unwrap_or(f64::INFINITY)
            },
        )
    });
    let interval = value_interval(q);
    let line_value = curve
        .domain()
        .and_then(|d| d.intersection(natural))
        .and_then(|_| curve.value_at(middle));
    let gap = line_value.map(|v| gap_words(q.amount, v, curve.relative));
    let finite = |x: f64, or: f64| if x.is_finite() { x } else { or };
    Some(ChartFigure {
        claim: fact.id.clone(),
        value_text: q.to_string(),
        when_text: when_text.to_string(),
        sources: fact.sources.clone(),
        year: year_at(middle)?,
        value: q.amount,
        span,
        possible,
        low: finite(interval.low, q.amount),
        high: finite(interval.high, q.amount),
        line_value,
        gap,
        verdict,
    })
}

/// `14.2% below the line`, `on the line`, `2.7 points above the line`.
fn gap_words(figure: f64, line: f64, relative: bool) -> String {
    let (amount, unit) = if relative {
        if line == 0.0 {
            return String::new();
        }
        (((figure - line) / line * 1000.0).round() / 10.0, "%")
    } else {
        (((figure - line) * 10.0).round() / 10.0, " points")
    };
    if amount == 0.0 {
        return "on the line".to_string();
    }
    let direction = if amount < 0.0 { "below" } else { "above" };
    format!(
        "{}{unit} {direction} the line",
        crate::words::figure(amount.abs())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_worded_as_a_person_would() {
        assert_eq!(gap_words(16e6, 18.65e6, true), "14.2% below the line");
        assert_eq!(gap_words(25.0, 22.33, false), "2.7 points above the line");
        assert_eq!(gap_words(17.6e6, 17.6e6, true), "on the line");
    }

    #[test]
    fn days_are_fractional_years() {
        let day = crate::time::day_number(chrono::NaiveDate::from_ymd_opt(2017, 7, 2).unwrap());
        let year = year_at(day).unwrap();
        assert!((year - 2017.5).abs() < 0.01, "{year}");
    }
}
