//! Reference series: datasets read as estimates with a basis, and documents' figures judged
//! against them.
//!
//! The claims a dataset gives for one group (a country's population, year by year) are points
//! of a curve through the middle of each point's span, interpolated linearly between them and
//! flat beyond the first and last. A series is an estimate, not the truth: around its line lies
//! a **band** of half-width
//!
//! ```text
//! tolerance × value  +  widening × (t − t₁)(t₂ − t) / (t₂ − t₁)
//! ```
//!
//! where the tolerance is what the source declares (`[[source]] tolerance`, else its
//! `basis`'s default: census 1 %, national or international estimate 2 %, survey 5 %, none 1 %),
//! `t₁` and `t₂` are the points either side of `t` in years, and the widening is half the
//! predicate's typical annual change (relative for counts, in points for shares): how far a path
//! that changes at a varying rate may stray from a straight line drawn between sparse points. It
//! is 0 at a point and largest halfway between two: a census line drawn between points 12 years
//! apart is read more loosely than a yearly series.
//!
//! A document's figure is judged at its **time** (the middle of its natural span, clipped to the
//! series): consistent when the band over its natural span meets the figure's value interval, a
//! tension when it does so only over the rest of its possible span, a conflict otherwise. The
//! value at that time is what every output shows: the gap (relative, or in points for shares),
//! the figure compared with, the suggested best, and the `series_check` view (which
//! interpolates the same way). A figure whose span lies outside the series is not judged.
//!
//! Two series of one quantity are compared at the points of the sparser one: when the other
//! lies on the same side of it at every common point by more than the larger tolerance, the
//! report says so once (their bases differ). A document's figure that agrees with one of them is
//! then not condemned by the other: consistent when its quote names the agreeing series' basis
//! ("official statistics" or "census" for a national series), a tension otherwise. A figure that
//! several series condemn is one entry: the worst judgement keeps its id and gathers the others
//! (their ids in `replaces`).

use super::basis::points_to;
use super::clusters::{Curve, Group, Point, Set};
use super::ranking::{Candidate, Evidence, Standing, choose};
use super::times::{DAYS_PER_YEAR, Span, year_of, years_text};
use super::values::ValueInterval;
use super::words::{figure, points_text, trim_decimals};
use super::{Context, Estimate, Finding, Kind, Side, Suggestion, Verdict, all_claims, make_id};
use crate::model::{Predicate, Quantity};

/// The tolerance of a dataset that declares neither a tolerance nor a basis.
pub const DEFAULT_TOLERANCE: f64 = 0.01;

impl Curve<'_> {
    pub fn domain(&self) -> Option<Span> {
        Some(Span {
            start: self.points.first()?.span.start,
            end: self.points.last()?.span.end,
        })
    }

    /// The points either side of `day`: the last at or before it and the first at or after it.
    fn around(&self, day: i64) -> (Option<&Point<'_>>, Option<&Point<'_>>) {
        let i = self.points.partition_point(|p| p.day <= day);
        let before = i.checked_sub(1).and_then(|k| self.points.get(k));
        let after = if before.is_some_and(|p| p.day == day) {
            before
        } else {
            self.points.get(i)
        };
        (before, after)
    }

    /// The curve's value on `day`: linear between points, flat beyond the first and last.
    pub fn value_at(&self, day: i64) -> Option<f64> {
        match self.around(day) {
            (Some(p), Some(q)) if q.day > p.day => {
                let t = (day - p.day) as f64 / (q.day - p.day) as f64;
                Some(p.amount + (q.amount - p.amount) * t)
            }
            (Some(p), _) => Some(p.amount),
            (None, Some(q)) => Some(q.amount),
            (None, None) => None,
        }
    }

    /// `(t − t₁)(t₂ − t) / (t₂ − t₁)` in years: 0 at a point or beyond the ends.
    fn chord_years(&self, day: i64) -> f64 {
        match self.around(day) {
            (Some(p), Some(q)) if q.day > p.day => {
                let (a, b) = ((day - p.day) as f64, (q.day - day) as f64);
                a * b / (q.day - p.day) as f64 / DAYS_PER_YEAR
            }
            _ => 0.0,
        }
    }

    /// Half the width of the band at `day` around `value` (see the module documentation).
    pub fn half_width(&self, day: i64, value: f64) -> f64 {
        let scale = if self.relative { value.abs() } else { 1.0 };
        self.tolerance * value.abs() + self.widening * self.chord_years(day) * scale
    }

    /// The band at `day`: the line's value and its lowest and highest reading.
    pub fn band_at(&self, day: i64) -> Option<(f64, f64, f64)> {
        let v = self.value_at(day)?;
        let w = self.half_width(day, v);
        Some((v, v - w, v + w))
    }

    /// The days where the band over `span` reaches its extremes: the ends, the points inside
    /// and the middles between neighbouring points.
    fn sample_days(&self, span: Span) -> Vec<i64> {
        let from = self.points.partition_point(|p| p.day < span.start);
        let to = self.points.partition_point(|p| p.day <= span.end);
        let mut days = vec![span.start, span.end];
        let lo = from.saturating_sub(1);
        let hi = (to + 1).min(self.points.len());
        for pair in self.points[lo..hi].windows(2) {
            let mid = pair[0].day + (pair[1].day - pair[0].day) / 2;
            if (span.start..=span.end).contains(&mid) {
                days.push(mid);
            }
        }
        days.extend(self.points[from..to.max(from)].iter().map(|p| p.day));
        days
    }

    /// The lowest and highest reading of the band over `span` (clipped to the series), or
    /// `None` when the span lies outside it.
    pub fn band_over(&self, span: Span) -> Option<(f64, f64)> {
        let clipped = span.intersection(self.domain()?)?;
        let (lo, hi) = self
            .sample_days(clipped)
            .into_iter()
            .filter_map(|d| self.band_at(d))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (_, l, h)| {
                (lo.min(l), hi.max(h))
            });
        (lo <= hi).then_some((lo, hi))
    }

    /// The first and last day of `span` (clipped to the series) where the band meets
    /// `interval`, found among the sample days.
    fn meeting_days(&self, span: Span, interval: &ValueInterval) -> Option<(i64, i64)> {
        let clipped = span.intersection(self.domain()?)?;
        let mut days: Vec<i64> = self
            .sample_days(clipped)
            .into_iter()
            .filter(|&d| {
                self.band_at(d)
                    .is_some_and(|(_, lo, hi)| interval.intersects(&ValueInterval::closed(lo, hi)))
            })
            .collect();
        days.sort_unstable();
        Some((*days.first()?, *days.last()?))
    }

    /// The annual change of the line from `from` to `to`: relative for counts (0.015 = 1.5 % a
    /// year), points for shares; `None` over less than a day or for a value that is not
    /// positive.
    pub fn annual_change(&self, from: i64, to: i64) -> Option<f64> {
        let years = (to - from) as f64 / DAYS_PER_YEAR;
        if years.abs() < 1.0 / DAYS_PER_YEAR {
            return None;
        }
        let (a, b) = (self.value_at(from)?, self.value_at(to)?);
        if self.relative {
            (a > 0.0 && b > 0.0).then(|| (b / a).powf(1.0 / years) - 1.0)
        } else {
            Some((b - a) / years)
        }
    }

    /// The fastest rise and the fastest fall between neighbouring points whose middles lie in
    /// `within` (both ≥ 0), in the unit of [`Curve::annual_change`].
    pub fn fastest(&self, within: Span) -> (f64, f64) {
        let from = self.points.partition_point(|p| p.day < within.start);
        let to = self.points.partition_point(|p| p.day <= within.end);
        self.points[from..to.max(from)]
            .windows(2)
            .filter_map(|pair| self.annual_change(pair[0].day, pair[1].day))
            .fold((0.0, 0.0), |(rise, fall), r| {
                (rise.max(r.max(0.0)), fall.max((-r).max(0.0)))
            })
    }

    /// How the value at `day` is read: `its figure for 2013`, `interpolated between 2009 and
    /// 2021`.
    pub fn how(&self, day: i64) -> String {
        match self.around(day) {
            (Some(p), Some(q)) if p.day != q.day => format!(
                "interpolated between {} and {}",
                year_text(p.day),
                year_text(q.day)
            ),
            (Some(p), _) | (None, Some(p)) => format!("its figure for {}", year_text(p.day)),
            (None, None) => String::new(),
        }
    }

    /// The point nearest in time to `day`.
    pub fn nearest_point(&self, day: i64) -> Option<&Point<'_>> {
        match self.around(day) {
            (Some(p), Some(q)) => Some(if day - p.day <= q.day - day { p } else { q }),
            (p, q) => p.or(q),
        }
    }

    /// The name a series goes by: its source's title (else its id), with its basis:
    /// `Population, total (SP.POP.TOTL), World Development Indicators (international estimate)`.
    /// The title, not the publisher: one publisher may give several series of one quantity.
    pub fn name(&self, ctx: &Context) -> String {
        let name = ctx
            .sources
            .get(self.source)
            .map_or_else(|| self.source.to_string(), |s| s.title.clone());
        match self.basis {
            Some(b) => format!("{name} ({})", b.words()),
            None => name,
        }
    }

    /// A gap between `figure` and the line's `value` in words and numbers: `about 14% below`
    /// (relative) or `2.7 points above` (shares), with (relative, points).
    fn gap(&self, figure: f64, value: f64) -> (String, Option<f64>, Option<f64>) {
        let direction = if figure < value { "below" } else { "above" };
        if self.relative {
            let gap = (figure - value) / value;
            (
                format!(
                    "about {}% {direction}",
                    trim_decimals((gap * 100.0).abs(), 1)
                ),
                Some(gap).filter(|g| g.is_finite()),
                None,
            )
        } else {
            let gap = figure - value;
            (
                format!("{} {direction}", points_text(gap.abs())),
                None,
                Some((gap * 100.0).round() / 100.0),
            )
        }
    }

    /// The line's value rounded for a suggestion: whole units for counts, hundredths for shares.
    pub(crate) fn rounded(&self, value: f64) -> f64 {
        if self.relative {
            value.round()
        } else {
            (value * 100.0).round() / 100.0
        }
    }
}

fn year_text(day: i64) -> String {
    year_of(day).map_or_else(|| "any time".into(), |y| y.to_string())
}

fn mid(span: Span) -> i64 {
    span.start + (span.end - span.start) / 2
}

/// Two series that differ by a steady gap: found once per pair, consulted for every figure.
struct SeriesGap {
    pair: (usize, usize),
    id: String,
    /// `the World Bank (international estimate) series runs 2.9–3.8% above the census series`.
    words: String,
}

/// Compares the series of `group` with each other, then every quantity set with every series.
pub fn group(ctx: &Context, predicate: &Predicate, group: &Group, out: &mut Vec<Finding>) {
    if !predicate.functional {
        return;
    }
    let curves = &group.curves;
    let mut gaps = Vec::new();
    for i in 0..curves.len() {
        for j in i + 1..curves.len() {
            if let Some((finding, gap)) = compare(ctx, group, (i, &curves[i]), (j, &curves[j])) {
                gaps.extend(gap);
                if finding.verdict != Verdict::Consistent || ctx.all {
                    out.push(finding);
                }
            }
        }
    }
    for set in &group.sets {
        let judged: Vec<(usize, Finding)> = curves
            .iter()
            .enumerate()
            .filter_map(|(i, c)| judge(ctx, group, c, set).map(|f| (i, f)))
            .collect();
        let named = set.facts.iter().find_map(|f| f.names_basis);
        let agreeing: Vec<usize> = judged
            .iter()
            .filter(|(_, f)| f.verdict == Verdict::Consistent)
            .map(|(i, _)| *i)
            .collect();
        let mut problems = Vec::new();
        for (i, mut finding) in judged {
            if finding.verdict != Verdict::Consistent {
                explain_by_basis(ctx, curves, &gaps, named, &agreeing, i, set, &mut finding);
            }
            if finding.verdict != Verdict::Consistent {
                problems.push(finding);
            } else if ctx.all {
                out.push(finding);
            }
        }
        out.extend(one_entry(problems));
    }
}

/// One figure that several series condemn is one problem: the worst entry (then the first
/// series) keeps its id and reading and gathers the others' sides, readings and ids.
fn one_entry(mut problems: Vec<Finding>) -> Option<Finding> {
    let worst = (0..problems.len()).min_by_key(|&i| problems[i].verdict)?;
    let mut entry = problems.remove(worst);
    for other in problems {
        entry.reading.push_str(&format!(
            ". Against another series ({}): {}",
            other.verdict.as_str(),
            other.reading
        ));
        entry.sides.extend(other.sides.into_iter().skip(1));
        entry.replaces.push(other.id);
    }
    entry.claims = all_claims(&entry.sides);
    Some(entry)
}

/// A figure that one series condemns and another agrees with: consistent when its quote names
/// the agreeing series' basis and not this one's, a tension (at worst) when the two series
/// differ steadily.
#[allow(clippy::too_many_arguments)]
fn explain_by_basis(
    ctx: &Context,
    curves: &[Curve],
    gaps: &[SeriesGap],
    named: Option<crate::model::Basis>,
    agreeing: &[usize],
    this: usize,
    set: &Set,
    finding: &mut Finding,
) {
    let names = |k: usize| {
        named
            .zip(curves[k].basis)
            .is_some_and(|(n, b)| points_to(n, b))
    };
    let gap_with = |k: usize| gaps.iter().find(|g| g.pair == (this.min(k), this.max(k)));
    let quote_named = agreeing.iter().copied().find(|&k| names(k) && !names(this));
    let cite = set.short(ctx);
    if let Some(k) = quote_named {
        let steady =
            gap_with(k).map_or_else(String::new, |g| format!("; {} (entry {})", g.words, g.id));
        finding.verdict = Verdict::Consistent;
        finding.reading = format!(
            "{cite} agrees with the {} series, whose basis its quote names; the {} series \
             measures on another basis{steady}",
            curves[k].name(ctx),
            curves[this].name(ctx)
        );
        finding.suggestion = None;
        return;
    }
    if let Some((k, g)) = agreeing.iter().find_map(|&k| gap_with(k).map(|g| (k, g)))
        && finding.verdict == Verdict::Conflict
    {
        finding.verdict = Verdict::Tension;
        finding.reading = format!(
            "{}; but {cite} agrees with the {} series, and {} (entry {}): a difference of \
             basis, not necessarily of fact",
            finding.reading,
            curves[k].name(ctx),
            g.words,
            g.id
        );
    }
}

/// Two series of one group compared at the points of the sparser.
fn compare(
    ctx: &Context,
    group: &Group,
    (i, a): (usize, &Curve),
    (j, b): (usize, &Curve),
) -> Option<(Finding, Option<SeriesGap>)> {
    let (sparse, dense) = if a.points.len() <= b.points.len() {
        (a, b)
    } else {
        (b, a)
    };
    let domain = dense.domain()?;
    let common: Vec<(&Point, f64)> = sparse
        .points
        .iter()
        .filter(|p| domain.start <= p.day && p.day <= domain.end)
        .filter_map(|p| Some((p, dense.value_at(p.day)?)))
        .collect();
    if common.is_empty() {
        return None;
    }
    let tolerance = a.tolerance.max(b.tolerance);
    let gap_of = |p: &Point, d: f64| {
        if dense.relative {
            d / p.amount - 1.0
        } else {
            d - p.amount
        }
    };
    let beyond = |p: &Point, d: f64| {
        let allowed = if dense.relative {
            tolerance
        } else {
            tolerance * p.amount.abs()
        };
        gap_of(p, d).abs() > allowed
    };
    let gaps: Vec<f64> = common.iter().map(|(p, d)| gap_of(p, *d)).collect();
    let steady = common.iter().all(|(p, d)| beyond(p, *d))
        && (gaps.iter().all(|g| *g > 0.0) || gaps.iter().all(|g| *g < 0.0));
    let differing = common.iter().filter(|(p, d)| beyond(p, *d)).count();
    let verdict = if differing == 0 {
        Verdict::Consistent
    } else {
        Verdict::Tension
    };
    if verdict == Verdict::Consistent && !ctx.all {
        return None;
    }
    let unit = sparse
        .points
        .first()
        .and_then(|p| match &p.fact.value {
            crate::model::Value::Quantity(q) => Some(q.unit.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let mut sorted = gaps.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let amount = |g: f64| {
        if dense.relative {
            format!("{}%", trim_decimals(g.abs() * 100.0, 1))
        } else {
            points_text(g.abs())
        }
    };
    let spread = if amount(lo) == amount(hi) {
        amount(lo)
    } else if lo.signum() == hi.signum() {
        let (x, y) = if lo.abs() <= hi.abs() {
            (lo, hi)
        } else {
            (hi, lo)
        };
        format!("{}–{}", amount(x).trim_end_matches('%'), amount(y))
    } else {
        format!("between {} below and {} above", amount(lo), amount(hi))
    };
    let years: Vec<String> = common.iter().map(|(p, _)| year_text(p.day)).collect();
    let direction = if median > 0.0 { "above" } else { "below" };
    let words = if steady {
        format!(
            "the {} series runs {spread} {direction} the {} series",
            dense.name(ctx),
            sparse.name(ctx)
        )
    } else {
        format!(
            "the {} and {} series differ by {spread}",
            dense.name(ctx),
            sparse.name(ctx)
        )
    };
    let id = make_id(Kind::Series.as_str(), &[a.source, b.source]);
    let reading = match verdict {
        Verdict::Consistent => format!(
            "the series agree within {}% at every common point ({})",
            trim_decimals(tolerance * 100.0, 1),
            years.join(", ")
        ),
        _ if steady => format!(
            "{words} at every one of its points in common ({}), beyond the {}% either may be \
             off: their bases differ, so each document's figure is judged first against the \
             series its quote names",
            years.join(", "),
            trim_decimals(tolerance * 100.0, 1)
        ),
        _ => format!(
            "{words}: at {differing} of {} points in common ({}) beyond the {}% either may be off",
            common.len(),
            years.join(", "),
            trim_decimals(tolerance * 100.0, 1)
        ),
    };
    let side = |c: &Curve, claims: Vec<String>| {
        let span = Span {
            start: common.first().map_or(0, |(p, _)| p.span.start),
            end: common.last().map_or(0, |(p, _)| p.span.end),
        };
        Side {
            figure: format!("{} points", common.len()),
            when: years_text(span),
            sources: vec![c.source.to_string()],
            independent_sources: 1,
            citations: claims.len(),
            claims,
        }
    };
    let sparse_claims: Vec<String> = common.iter().map(|(p, _)| p.fact.id.clone()).collect();
    let dense_claims: Vec<String> = common
        .iter()
        .filter_map(|(p, _)| dense.nearest_point(p.day).map(|q| q.fact.id.clone()))
        .collect();
    let sides = vec![side(sparse, sparse_claims), side(dense, dense_claims)];
    let suggestion = (verdict != Verdict::Consistent).then(|| {
        let last = common.last().map_or(0, |(p, _)| p.day);
        let basis = |c: &Curve| c.basis.map_or("an unstated basis", |b| b.words());
        Suggestion {
            low: None,
            best: None,
            high: None,
            unit: Some(unit.clone()),
            best_claim: sparse
                .nearest_point(last)
                .map_or_else(String::new, |p| p.fact.id.clone()),
            reason: format!(
                "neither series is the single best: they measure on different bases ({} against \
                 {}); a document's figure is judged first against the series whose basis its \
                 quote names, and a difference of basis is not an error of either",
                basis(dense),
                basis(sparse)
            ),
            for_time: None,
        }
    });
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    let finding = Finding {
        id: id.clone(),
        kind: Kind::Series,
        verdict,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        explanation: format!(
            "{topic}: two reference series, {} and {}, {}",
            dense.name(ctx),
            sparse.name(ctx),
            if verdict == Verdict::Consistent {
                "agree".to_string()
            } else {
                format!("differ by about {} (median)", amount(median))
            }
        ),
        sides,
        reading,
        suggestion,
        implied_annual_change: None,
        series_gap: dense.relative.then_some(median),
        series_gap_points: (!dense.relative).then_some((median * 100.0).round() / 100.0),
        outlier: None,
        replaces: Vec::new(),
    };
    let gap = (steady && verdict != Verdict::Consistent).then(|| SeriesGap {
        pair: (i.min(j), i.max(j)),
        id,
        words,
    });
    Some((finding, gap))
}

/// Judges one set against one series at the set's time.
fn judge(ctx: &Context, group: &Group, curve: &Curve, set: &Set) -> Option<Finding> {
    let quantity: &Quantity = set.quantity()?;
    let interval = set.interval.as_ref()?;
    let (natural, possible) = (set.times.natural, set.times.possible);
    let domain = curve.domain()?;
    let possible_in = possible.intersection(domain)?;
    let natural_in = natural.intersection(domain);
    let at = mid(natural_in.unwrap_or(possible_in));
    let (value, _, _) = curve.band_at(at)?;
    let half = curve.half_width(at, value);
    let name = curve.name(ctx);
    let cite = set.short(ctx);
    let unit = &quantity.unit;
    let meets = |range: Option<(f64, f64)>| {
        range.is_some_and(|(lo, hi)| interval.intersects(&ValueInterval::closed(lo, hi)))
    };
    let line = format!(
        "{} (±{}, {})",
        figure(curve.rounded(value), unit),
        figure(curve.rounded(half), if curve.relative { unit } else { "" })
            + if curve.relative { "" } else { " points" },
        curve.how(at)
    );
    let (gap_words, gap, gap_points) = curve.gap(quantity.amount, value);
    let (verdict, reading) = if meets(natural_in.and_then(|s| curve.band_over(s))) {
        (
            Verdict::Consistent,
            format!(
                "{cite} agrees with the {name} series: over {} it gives {line}",
                years_text(natural_in.unwrap_or(natural))
            ),
        )
    } else if meets(curve.band_over(possible_in)) {
        let when = curve.meeting_days(possible_in, interval).map_or_else(
            || years_text(possible_in),
            |(a, b)| years_text(Span { start: a, end: b }),
        );
        (
            Verdict::Tension,
            format!(
                "agrees with the {name} series only if {cite} dates from {when}, beyond its \
                 plain reading ({}); at {} the series gives {line}, and {cite} is {gap_words} it",
                set.when().human(),
                year_text(at)
            ),
        )
    } else {
        (
            Verdict::Conflict,
            format!(
                "no reading reconciles them: at {} the {name} series gives {line}, and {cite} is \
                 {gap_words} it{}",
                year_text(at),
                against_the_trend(curve, at, quantity.amount, unit)
            ),
        )
    };
    let series_side = {
        let (before, after) = curve.around(at);
        let mut claims: Vec<String> = before
            .into_iter()
            .chain(after)
            .map(|p| p.fact.id.clone())
            .collect();
        claims.dedup();
        Side {
            figure: figure(curve.rounded(value), unit),
            when: year_text(at),
            sources: vec![curve.source.to_string()],
            independent_sources: 1,
            citations: claims.len(),
            claims,
        }
    };
    let sides = vec![set.side(ctx), series_side];
    let suggestion = (verdict != Verdict::Consistent).then(|| {
        let doc_sources: Vec<&str> = set.sources.iter().copied().collect();
        let point = curve.nearest_point(at)?;
        let candidates = [
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &set.first().id,
                    sources: &doc_sources,
                    weakest: false,
                    credibility: set.credibility,
                    citations: set.citations,
                    imprecision: interval.relative_width(quantity.amount),
                    figure: format!("{quantity}, i.e. {}", interval.description()),
                    stated: true,
                    evidence: Evidence::Contradicted,
                    evidence_words: format!(
                        "is {gap_words} the {name} series at {}",
                        year_text(at)
                    ),
                    independent: set.sources.len(),
                    staleness: 0,
                    when: set.when().human(),
                },
            ),
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &point.fact.id,
                    sources: &[curve.source],
                    weakest: false,
                    credibility: point.fact.credibility,
                    citations: point.fact.citations,
                    imprecision: if value != 0.0 {
                        2.0 * half / value.abs()
                    } else {
                        f64::INFINITY
                    },
                    figure: line.clone(),
                    stated: true,
                    evidence: Evidence::Agrees,
                    evidence_words: format!(
                        "is the {name} series' value for {} ({})",
                        year_text(at),
                        curve.how(at)
                    ),
                    independent: 1,
                    staleness: 0,
                    when: year_text(at),
                },
            ),
        ];
        let (best, reason) = choose(&candidates).unwrap_or((0, String::new()));
        let values = [quantity.amount, curve.rounded(value)];
        Some(Suggestion {
            low: Some(Estimate::Number(values[0].min(values[1]))),
            best: Some(Estimate::Number(values[best])),
            high: Some(Estimate::Number(values[0].max(values[1]))),
            unit: Some(unit.clone()),
            best_claim: candidates[best].claim.clone(),
            reason,
            for_time: year_of(at).map(|y| y.to_string()),
        })
    });
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    let judged_gap = verdict != Verdict::Consistent;
    Some(Finding {
        id: make_id(Kind::Series.as_str(), &[&set.first().id, curve.source]),
        kind: Kind::Series,
        verdict,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        explanation: format!(
            "{topic}: {} against the {name} series ({} at {})",
            set.cite(ctx),
            figure(curve.rounded(value), unit),
            year_text(at)
        ),
        sides,
        reading,
        suggestion: suggestion.flatten(),
        implied_annual_change: None,
        series_gap: gap.filter(|_| judged_gap),
        series_gap_points: gap_points.filter(|_| judged_gap),
        outlier: None,
        replaces: Vec::new(),
    })
}

/// `, above even its 2009 figure (23.7%), while the series was falling`: a figure beyond the
/// series' last point before its time, on the side the series was leaving.
fn against_the_trend(curve: &Curve, at: i64, amount: f64, unit: &str) -> String {
    let (Some(before), Some(after)) = curve.around(at) else {
        return String::new();
    };
    if before.day == after.day {
        return String::new();
    }
    let falling = after.amount < before.amount;
    let rising = after.amount > before.amount;
    if falling && amount > before.amount {
        format!(
            ", above even its {} figure ({}), while the series was falling",
            year_text(before.day),
            figure(before.amount, unit)
        )
    } else if rising && amount < before.amount {
        format!(
            ", below even its {} figure ({}), while the series was rising",
            year_text(before.day),
            figure(before.amount, unit)
        )
    } else {
        String::new()
    }
}
