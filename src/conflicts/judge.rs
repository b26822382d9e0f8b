//! Value and date judgements between the agreement sets of one group, swept in time order.
//!
//! **Values** (functional predicates). With declared rates of change, two figures could both be
//! true when the change between their value intervals fits in the time their spans leave between
//! them, at the typical rate over natural readings (consistent), or only with the far ends of
//! their spans or a faster change up to the maximum (tension). Without rates, a value holds for
//! its natural span: values may differ between spans more than `comparable_within_days` apart
//! (default 0), never for the same span, and for partly overlapping spans only at different parts
//! of them (a tension). Entities and texts compare by equality, and like figures without rates.
//!
//! **Dates** (once-only events): sets of the same event with the same value whose natural spans
//! share no day; a tension when their possible spans do.
//!
//! Each set is compared with the sets whose possible spans reach within the window of it, and,
//! for predicates with rates, with its next neighbour in time: never all pairs.

use std::collections::BTreeMap;

use super::clusters::{Curve, Group, Set};
use super::ranking::{Candidate, Evidence, Standing, choose};
use super::times::{DAYS_PER_YEAR, Span, year_of, years_text};
use super::values::ValueInterval;
use super::words::{days_text, percent, points_text};
use super::{Context, Estimate, Finding, Kind, Suggestion, Verdict, all_claims, make_id};
use crate::model::{ChangeUnit, Predicate, ValueType};

/// How fast a predicate's values may move.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub unit: ChangeUnit,
    pub typical: f64,
    pub max: f64,
}

impl Rates {
    /// The predicate's declared rates, for quantities that declare a finite maximum.
    pub fn of(predicate: &Predicate) -> Option<Rates> {
        if predicate.value_type != ValueType::Quantity {
            return None;
        }
        let max = predicate
            .max_annual_change
            .filter(|x| x.is_finite() && *x >= 0.0)?;
        let typical = predicate
            .typical_annual_change
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map_or(max, |t| t.min(max));
        Some(Rates {
            unit: predicate.change_unit,
            typical,
            max,
        })
    }

    /// How much change `rate` allows in `years` (log-ratio for relative rates).
    fn capacity(&self, rate: f64, years: f64) -> f64 {
        match self.unit {
            ChangeUnit::Points => rate * years,
            ChangeUnit::Relative => (1.0 + rate).ln() * years,
        }
    }

    /// The annual rate that `distance` needs in `years`.
    pub fn needed(&self, distance: f64, years: f64) -> f64 {
        let years = years.max(1.0 / DAYS_PER_YEAR);
        match self.unit {
            ChangeUnit::Points => distance / years,
            ChangeUnit::Relative => (distance / years).exp() - 1.0,
        }
    }

    /// Years that `distance` needs at `rate`; infinite at rate 0.
    fn years_needed(&self, distance: f64, rate: f64) -> f64 {
        let per_year = self.capacity(rate, 1.0);
        if per_year > 0.0 {
            distance / per_year
        } else {
            f64::INFINITY
        }
    }

    pub fn words(&self, rate: f64) -> String {
        match self.unit {
            ChangeUnit::Points => points_text(rate),
            ChangeUnit::Relative => percent(rate),
        }
    }

    /// The change two intervals force, in this unit: 0 when they intersect; `None` when a
    /// relative change has no meaning (a value that is not positive).
    pub fn distance(&self, a: &ValueInterval, b: &ValueInterval) -> Option<f64> {
        if a.intersects(b) {
            return Some(0.0);
        }
        let (lo, hi) = if a.high <= b.low {
            (a.high, b.low)
        } else {
            (b.high, a.low)
        };
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
        match self.unit {
            ChangeUnit::Points => Some(hi - lo),
            ChangeUnit::Relative => (lo > 0.0).then(|| (hi / lo).ln()),
        }
    }

    /// Whether `distance` fits between some day of `a` and some day of `b` at `rate`.
    fn fits(&self, distance: f64, a: Span, b: Span, rate: f64) -> bool {
        if distance <= 0.0 {
            return true;
        }
        match a.max_separation(b) {
            None => rate > 0.0,
            Some(days) => distance <= self.capacity(rate, days as f64 / DAYS_PER_YEAR) + 1e-12,
        }
    }
}

/// The two days, one in each span, furthest apart (an open end stands for "any later/earlier").
fn furthest(a: Span, b: Span) -> (i64, i64) {
    let forward = b.end.saturating_sub(a.start);
    let backward = a.end.saturating_sub(b.start);
    if forward >= backward {
        (a.start, b.end)
    } else {
        (a.end, b.start)
    }
}

/// The day `years` after (or before) `fixed` on which a stretched reading `stretched` must
/// start (or end), in words: `2014 or later`, `2009 or earlier`; `None` when `stretched` cannot
/// reach it either way. The direction in which `stretched` reaches further is tried first.
fn stretch(fixed: Span, stretched: Span, years: f64) -> Option<String> {
    let days = (years * DAYS_PER_YEAR).ceil() as i64;
    let later = || {
        let day = fixed.start.saturating_add(days).max(stretched.start);
        (day <= stretched.end).then(|| format!("{} or later", year_text(day)))
    };
    let earlier = || {
        let day = fixed.end.saturating_sub(days).min(stretched.end);
        (day >= stretched.start).then(|| format!("{} or earlier", year_text(day)))
    };
    if stretched.end >= fixed.end {
        later().or_else(earlier)
    } else {
        earlier().or_else(later)
    }
}

/// A strained reading of two sides that fits `distance` at `rate`: one side read beyond its
/// natural span while the other keeps its own, else both stretched; in words.
fn strained(
    rates: &Rates,
    distance: f64,
    a: &Set,
    b: &Set,
    ctx: &Context,
    rate: f64,
) -> Option<String> {
    let (an, bn) = (a.times.natural, b.times.natural);
    let (ap, bp) = (a.times.possible, b.times.possible);
    let years = rates.years_needed(distance, rate);
    if rates.fits(distance, an, bp, rate)
        && let Some(when) = stretch(an, bp, years)
    {
        return Some(format!(
            "{} dates from {when}, beyond its plain reading",
            b.short(ctx)
        ));
    }
    if rates.fits(distance, ap, bn, rate)
        && let Some(when) = stretch(bn, ap, years)
    {
        return Some(format!(
            "{} dates from {when}, beyond its plain reading",
            a.short(ctx)
        ));
    }
    if rates.fits(distance, ap, bp, rate) {
        let (ta, tb) = furthest(ap, bp);
        return Some(format!(
            "{} dates from {} and {} from {}, beyond their plain readings",
            a.short(ctx),
            year_text(ta),
            b.short(ctx),
            year_text(tb)
        ));
    }
    None
}

pub(super) fn year_text(day: i64) -> String {
    year_of(day).map_or_else(|| "any time".into(), |y| y.to_string())
}

/// Judges every pair of sets in `group` that the sweep reaches, appending findings.
pub fn group(ctx: &Context, predicate: &Predicate, group: &Group, out: &mut Vec<Finding>) {
    if predicate.functional {
        values(ctx, predicate, group, out);
    } else if predicate.once {
        dates(ctx, group, out);
    }
    if ctx.all {
        for set in group.sets.iter().filter(|s| s.facts.len() > 1) {
            out.push(agreement(ctx, predicate, group, set));
        }
    }
}

fn values(ctx: &Context, predicate: &Predicate, group: &Group, out: &mut Vec<Finding>) {
    let rates = Rates::of(predicate);
    let window = if rates.is_some() {
        0
    } else {
        predicate.comparable_within_days.unwrap_or(0).max(0)
    };
    let sets = &group.sets;
    for (i, a) in sets.iter().enumerate() {
        let reach = a.times.possible.end.saturating_add(window);
        let mut j = i + 1;
        while j < sets.len() && sets[j].times.possible.start <= reach {
            judge_values(ctx, predicate, rates, window, group, a, &sets[j], out);
            j += 1;
        }
        if rates.is_some() {
            // The next neighbour in time, and any that start with it.
            let next = sets.get(j).map(|s| s.times.possible.start);
            while j < sets.len() && Some(sets[j].times.possible.start) == next {
                judge_values(ctx, predicate, rates, window, group, a, &sets[j], out);
                j += 1;
            }
        }
    }
}

/// A verdict with the reading that supports it and the rate it implies.
struct Outcome {
    verdict: Verdict,
    reading: String,
    rate: Option<f64>,
}

#[allow(clippy::too_many_arguments)]
fn judge_values(
    ctx: &Context,
    predicate: &Predicate,
    rates: Option<Rates>,
    window: i64,
    group: &Group,
    x: &Set,
    y: &Set,
    out: &mut Vec<Finding>,
) {
    // Name the sides in time order.
    let (a, b) = if (y.times.natural.start, &y.first().id) < (x.times.natural.start, &x.first().id)
    {
        (y, x)
    } else {
        (x, y)
    };
    let outcome = match (a.quantity(), b.quantity(), &a.interval, &b.interval) {
        (Some(_), Some(_), Some(ia), Some(ib)) => {
            if ia.intersects(ib) {
                if !ctx.all {
                    return;
                }
                Outcome {
                    verdict: Verdict::Consistent,
                    reading: format!(
                        "the figures agree within rounding: {} allows {} and {} allows {}",
                        a.figure(ctx),
                        ia.description(),
                        b.figure(ctx),
                        ib.description()
                    ),
                    rate: None,
                }
            } else if let Some(rates) = rates {
                let Some(distance) = rates.distance(ia, ib) else {
                    return;
                };
                match Trend::of(ctx, &group.curves, a, b) {
                    Some(t) if t.opposes(a, b) => {
                        let outcome = with_rates(ctx, predicate, &rates, distance, a, b, None);
                        if outcome.verdict == Verdict::Conflict {
                            outcome
                        } else {
                            against_direction(ctx, &rates, distance, &t, a, b)
                        }
                    }
                    trend => with_rates(ctx, predicate, &rates, distance, a, b, trend.as_ref()),
                }
            } else {
                without_rates(ctx.all, window, a, b, "the figures")
            }
        }
        (None, None, _, _) => {
            if a.first().value == b.first().value {
                if !ctx.all {
                    return;
                }
                Outcome {
                    verdict: Verdict::Consistent,
                    reading: format!("the same value: {}", a.figure(ctx)),
                    rate: None,
                }
            } else {
                without_rates(ctx.all, window, a, b, "the values")
            }
        }
        // Different kinds of value, or an amount that is not a number: not comparable.
        _ => return,
    };
    if outcome.verdict == Verdict::Consistent && !ctx.all {
        return;
    }
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    let what = match (&a.interval, &b.interval) {
        (Some(ia), Some(ib)) => format!(
            "{} allows {} and {} allows {}",
            a.figure(ctx),
            ia.description(),
            b.figure(ctx),
            ib.description()
        ),
        _ => format!(
            "`{}` has one value at a time",
            ctx.predicates
                .get(group.predicate)
                .map_or(group.predicate, |p| p.label.as_str())
        ),
    };
    let explanation = format!("{topic}: {} against {}; {what}", a.cite(ctx), b.cite(ctx));
    let suggestion = (outcome.verdict != Verdict::Consistent)
        .then(|| super::best::value_suggestion(ctx, &[a, b], &group.curves));
    // Each side once: a side lists every claim of its set, thousands in a busy group.
    let sides = vec![a.side(ctx), b.side(ctx)];
    out.push(Finding {
        id: make_id(Kind::Value.as_str(), &[&a.first().id, &b.first().id]),
        kind: Kind::Value,
        verdict: outcome.verdict,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        sides,
        explanation,
        reading: outcome.reading,
        suggestion,
        implied_annual_change: outcome.rate,
        series_gap: None,
        series_gap_points: None,
        outlier: None,
        replaces: Vec::new(),
    });
}

/// What a reference series of the group says about the change between two figures: its own
/// rate over their times and its fastest rise and fall between neighbouring points within ten
/// years of them (the 1960s' growth says nothing of what is plausible in the 2010s).
pub(crate) struct Trend {
    name: String,
    /// The series' annual change from the earlier figure's time to the later's.
    rate: f64,
    fastest_rise: f64,
    fastest_fall: f64,
    from: i64,
    to: i64,
}

impl Trend {
    /// Whether the figures move against the series: they change (their intervals do not meet)
    /// one way while the series moves the other by more than a tenth of its fastest change.
    fn opposes(&self, a: &Set, b: &Set) -> bool {
        let (Some(ia), Some(ib)) = (&a.interval, &b.interval) else {
            return false;
        };
        if ia.intersects(ib) {
            return false;
        }
        let figures_rise = ib.low >= ia.high;
        let meaningful = self.rate.abs() > 0.1 * self.fastest_rise.max(self.fastest_fall);
        meaningful && (self.rate > 0.0) != figures_rise
    }

    /// The trend of the first series of the group that covers both figures' times (their
    /// natural middles, clipped to the series); `None` without one.
    fn of(ctx: &Context, curves: &[Curve], a: &Set, b: &Set) -> Option<Trend> {
        let middle = |s: Span| s.start + (s.end - s.start) / 2;
        curves.iter().find_map(|curve| {
            let domain = curve.domain()?;
            let clip = |d: i64| d.clamp(domain.start, domain.end);
            let from = clip(middle(a.times.natural));
            let to = clip(middle(b.times.natural));
            let rate = curve.annual_change(from, to)?;
            let window = (10.0 * DAYS_PER_YEAR) as i64;
            let (fastest_rise, fastest_fall) = curve.fastest(Span {
                start: from.min(to).saturating_sub(window),
                end: from.max(to).saturating_add(window),
            });
            Some(Trend {
                name: curve.name(ctx),
                rate,
                fastest_rise,
                fastest_fall,
                from,
                to,
            })
        })
    }
}

/// A change between two figures that runs against the series' own direction over their times:
/// a tension, whatever the rate (the rate may still make it a conflict, judged before).
fn against_direction(
    ctx: &Context,
    rates: &Rates,
    distance: f64,
    trend: &Trend,
    a: &Set,
    b: &Set,
) -> Outcome {
    let rate = a
        .times
        .natural
        .max_separation(b.times.natural)
        .map(|d| rates.needed(distance, d as f64 / DAYS_PER_YEAR));
    let rises = trend.rate > 0.0;
    Outcome {
        verdict: Verdict::Tension,
        reading: format!(
            "the figures {} at least {} a year from {} to {}, while the {} series {} {} a year \
             over {}: a change against the series' direction",
            if rises { "fall" } else { "rise" },
            rates.words(rate.unwrap_or(0.0)),
            a.short(ctx),
            b.short(ctx),
            trend.name,
            if rises { "rises" } else { "falls" },
            rates.words(trend.rate.abs()),
            years_text(Span {
                start: trend.from.min(trend.to),
                end: trend.from.max(trend.to)
            })
        ),
        rate,
    }
}

fn with_rates(
    ctx: &Context,
    predicate: &Predicate,
    rates: &Rates,
    distance: f64,
    a: &Set,
    b: &Set,
    trend: Option<&Trend>,
) -> Outcome {
    let label = &predicate.label;
    // Against a series, its own fastest change in the figures' direction is the typical rate.
    let upward = b
        .interval
        .as_ref()
        .zip(a.interval.as_ref())
        .is_some_and(|(ib, ia)| ib.low >= ia.high);
    let own = trend.map(|t| {
        if upward {
            t.fastest_rise
        } else {
            t.fastest_fall
        }
    });
    let rates = &match own {
        Some(fastest) => Rates {
            typical: fastest.min(rates.max),
            ..*rates
        },
        None => *rates,
    };
    let typical_text = match trend {
        Some(t) => format!(
            "the {} the {} series {} at most in any year near these times",
            rates.words(rates.typical),
            t.name,
            if upward { "rises" } else { "falls" }
        ),
        None => format!("the {} typical for {label}", rates.words(rates.typical)),
    };
    let (an, bn) = (a.times.natural, b.times.natural);
    let (ap, bp) = (a.times.possible, b.times.possible);
    let natural_years = an.max_separation(bn).map(|d| d as f64 / DAYS_PER_YEAR);
    let rate_at_natural = natural_years.map(|y| rates.needed(distance, y));
    if rates.fits(distance, an, bn, rates.typical) {
        if !ctx.all {
            return UNSHOWN;
        }
        let (fa, fb) = (a.short(ctx), b.short(ctx));
        let (ta, tb) = furthest(an, bn);
        let needed = rate_at_natural.unwrap_or(0.0);
        return Outcome {
            verdict: Verdict::Consistent,
            reading: format!(
                "the figures agree if {fa} dates from {} and {fb} from {}: a change of at least {} \
                 a year, within {typical_text}",
                year_text(ta),
                year_text(tb),
                rates.words(needed),
            ),
            rate: rate_at_natural,
        };
    }
    let (fa, fb) = (a.short(ctx), b.short(ctx));
    if let Some(reading) = strained(rates, distance, a, b, ctx, rates.typical) {
        return Outcome {
            verdict: Verdict::Tension,
            reading: format!(
                "reconcilable only if {reading}, with {label} changing no faster than \
                 {typical_text}"
            ),
            rate: rate_at_natural,
        };
    }
    if rates.fits(distance, an, bn, rates.max) {
        let needed = rate_at_natural.unwrap_or(rates.max);
        return Outcome {
            verdict: Verdict::Tension,
            reading: format!(
                "reconcilable only if {label} changed at least {} a year between {fa} and {fb}, \
                 faster than {typical_text} (the most it can is {})",
                rates.words(needed),
                rates.words(rates.max)
            ),
            rate: rate_at_natural,
        };
    }
    if let Some(reading) = strained(rates, distance, a, b, ctx, rates.max) {
        return Outcome {
            verdict: Verdict::Tension,
            reading: format!(
                "reconcilable only if {reading}, and {label} changed {} \
                 a year, the most it can",
                rates.words(rates.max)
            ),
            rate: rate_at_natural,
        };
    }
    let (span_words, needed) = match ap.max_separation(bp) {
        Some(days) => {
            let years = days as f64 / DAYS_PER_YEAR;
            (
                format!(
                    "even read {} years apart, the most their times allow",
                    super::words::trim_decimals(years, 1)
                ),
                rates.needed(distance, years),
            )
        }
        None => ("however their times are read".into(), f64::INFINITY),
    };
    let reading = if needed.is_finite() {
        format!(
            "no reading reconciles them: {span_words}, the change needs at least {} a year, more \
             than the {} a year possible for {label}",
            rates.words(needed),
            rates.words(rates.max)
        )
    } else {
        format!(
            "no reading reconciles them: {span_words}, {label} cannot change from one to the \
             other at the {} a year possible",
            rates.words(rates.max)
        )
    };
    Outcome {
        verdict: Verdict::Conflict,
        reading,
        rate: Some(needed).filter(|x| x.is_finite()),
    }
}

/// Only a verdict, no words: a consistent judgement that nobody asked to see.
const UNSHOWN: Outcome = Outcome {
    verdict: Verdict::Consistent,
    reading: String::new(),
    rate: None,
};

fn without_rates(all: bool, window: i64, a: &Set, b: &Set, what: &str) -> Outcome {
    let (an, bn) = (a.times.natural, b.times.natural);
    if an.gap_days(bn) > window {
        if !all {
            return UNSHOWN;
        }
        return Outcome {
            verdict: Verdict::Consistent,
            reading: format!(
                "{what} refer to different times ({} and {}), more than {} apart: a change over \
                 time",
                years_text(an),
                years_text(bn),
                days_text(window)
            ),
            rate: None,
        };
    }
    if an == bn {
        return Outcome {
            verdict: Verdict::Conflict,
            reading: format!(
                "no reading reconciles them: both refer to {} ({}), and {what} cannot both hold \
                 at once",
                a.when().human(),
                years_text(an)
            ),
            rate: None,
        };
    }
    let overlap = an.intersection(bn).map_or_else(
        || format!("within {} of each other", days_text(window)),
        |s| format!("overlap in {}", years_text(s)),
    );
    Outcome {
        verdict: Verdict::Tension,
        reading: format!(
            "reconcilable only if {what} hold at different parts of their times ({} and {} \
             {overlap})",
            a.when().human(),
            b.when().human()
        ),
        rate: None,
    }
}

fn dates(ctx: &Context, group: &Group, out: &mut Vec<Finding>) {
    // Sets of the same value, in order of their natural start.
    let mut by_value: BTreeMap<String, Vec<&Set>> = BTreeMap::new();
    for set in &group.sets {
        by_value
            .entry(format!("{:?}", set.first().value))
            .or_default()
            .push(set);
    }
    for mut sets in by_value.into_values() {
        sets.sort_by_key(|s| (s.times.natural.start, s.times.natural.end));
        for pair in sets.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let gap = a.times.natural.gap_days(b.times.natural);
            let loose = a.times.possible.overlaps(b.times.possible);
            let verdict = if loose {
                Verdict::Tension
            } else {
                Verdict::Conflict
            };
            let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
            let explanation = format!(
                "{topic} happens once, but {} dates it to {} and {} to {}; the dates do not \
                 overlap (the gap is {})",
                a.sources_text(),
                a.when().human(),
                b.sources_text(),
                b.when().human(),
                days_text(gap)
            );
            let reading = if loose {
                format!(
                    "reconcilable only if {} is read as late as {} and {} as early as {}, at the \
                     margins of their approximate dates",
                    a.when().human(),
                    years_text(a.times.possible),
                    b.when().human(),
                    years_text(b.times.possible)
                )
            } else {
                "no reading reconciles them: even their approximate dates share no day".into()
            };
            let candidates: Vec<Candidate> = [a, b]
                .iter()
                .map(|s| {
                    let sources: Vec<&str> = s.sources.iter().copied().collect();
                    Candidate::new(
                        ctx.sources,
                        Standing {
                            claim: &s.first().id,
                            sources: &sources,
                            credibility: s.credibility,
                            citations: s.citations,
                            imprecision: s.times.natural.length_days(),
                            figure: s.when().human(),
                            stated: true,
                            weakest: false,
                            evidence: Evidence::Unknown,
                            evidence_words: String::new(),
                            independent: s.sources.len(),
                            staleness: 0,
                            when: s.when().human(),
                        },
                    )
                })
                .collect();
            let (best, reason) = choose(&candidates).unwrap_or((0, String::new()));
            let best_set = [a, b][best];
            let sides = vec![a.side(ctx), b.side(ctx)];
            out.push(Finding {
                id: make_id(Kind::Date.as_str(), &[&a.first().id, &b.first().id]),
                kind: Kind::Date,
                verdict,
                subject: group.subject.to_string(),
                predicate: group.predicate.to_string(),
                qualifiers: group.qualifiers.clone(),
                claims: all_claims(&sides),
                sides,
                explanation,
                reading,
                suggestion: Some(Suggestion {
                    low: Some(Estimate::Text(a.when().as_str().to_string())),
                    best: Some(Estimate::Text(best_set.when().as_str().to_string())),
                    high: Some(Estimate::Text(b.when().as_str().to_string())),
                    unit: None,
                    best_claim: best_set.first().id.clone(),
                    reason,
                    for_time: None,
                }),
                implied_annual_change: None,
                series_gap: None,
                series_gap_points: None,
                outlier: None,
                replaces: Vec::new(),
            });
        }
    }
}

/// A consistent entry for a set of several claims: they agree (`--all`).
fn agreement(ctx: &Context, predicate: &Predicate, group: &Group, set: &Set) -> Finding {
    // Named by its claims; a large set by its first three and how many more.
    let mut ids: Vec<&str> = set.facts.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    let more = ids.len().saturating_sub(3);
    ids.truncate(3);
    let more_text = format!("and-{more}-more");
    if more > 0 {
        ids.push(&more_text);
    }
    let prefix = if predicate.once {
        "overlapping_dates"
    } else {
        "within_rounding"
    };
    let reading = if predicate.once {
        format!(
            "{} claims date it within {}: one occasion, dated as precisely as each source allows",
            set.facts.len(),
            years_text(set.times.natural)
        )
    } else {
        format!(
            "{} claims from {} independent sources agree on {} ({}){}",
            set.facts.len(),
            set.sources.len(),
            set.figure(ctx),
            set.when().human(),
            set.interval
                .as_ref()
                .map_or_else(String::new, |i| format!(", within {}", i.description()))
        )
    };
    let mut finding = Finding {
        id: format!("{prefix}:{}", ids.join("+")),
        kind: if predicate.once {
            Kind::Date
        } else {
            Kind::Value
        },
        verdict: Verdict::Consistent,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        sides: vec![set.side(ctx)],
        claims: Vec::new(),
        explanation: format!(
            "{}: {}",
            ctx.topic(group.predicate, group.subject, group.qualifiers),
            set.cite(ctx)
        ),
        reading,
        suggestion: None,
        implied_annual_change: None,
        series_gap: None,
        series_gap_points: None,
        outlier: None,
        replaces: Vec::new(),
    };
    finding.claims = all_claims(&finding.sides);
    finding
}
