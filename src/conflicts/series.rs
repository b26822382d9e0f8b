//! Reference series: a document's figure against a dataset read as a curve.
//!
//! The claims a dataset gives for one group (a country's population, year by year) are points
//! of a curve through the middle of each point's span, interpolated linearly between them and
//! flat beyond the first and last. A document's figure is checked once against the curve over its
//! whole span: consistent when the curve passes through the figure's value interval within the
//! natural span, a tension when it does so only in the rest of the possible span, a conflict
//! otherwise, with the gap to the nearest point in per cent. A figure whose span lies outside
//! the series is not judged. The years where the series matches the figure date an undated one.

use super::clusters::{Curve, Group, Point, Set};
use super::ranking::{Candidate, Standing, choose};
use super::times::{Span, year_of};
use super::values::{ValueInterval, value_interval};
use super::words::{figure, trim_decimals};
use super::{Context, Estimate, Finding, Kind, Side, Suggestion, Verdict, all_claims, make_id};
use crate::model::{Predicate, Quantity, QuantityBound};

impl Curve<'_> {
    fn domain(&self) -> Option<Span> {
        Some(Span {
            start: self.points.first()?.span.start,
            end: self.points.last()?.span.end,
        })
    }

    /// The curve's value on `day`.
    pub fn value_at(&self, day: i64) -> Option<f64> {
        let first = self.points.first()?;
        let last = self.points.last()?;
        if day <= first.day {
            return Some(first.amount);
        }
        if day >= last.day {
            return Some(last.amount);
        }
        let i = self.points.partition_point(|p| p.day <= day);
        let (p, q) = (&self.points[i - 1], &self.points[i]);
        let t = (day - p.day) as f64 / (q.day - p.day) as f64;
        Some(p.amount + (q.amount - p.amount) * t)
    }

    /// The points whose middle lies within `span`.
    fn within(&self, span: Span) -> &[Point<'_>] {
        let from = self.points.partition_point(|p| p.day < span.start);
        let to = self.points.partition_point(|p| p.day <= span.end);
        &self.points[from..to.max(from)]
    }

    /// The lowest and highest value of the curve over `span` (clipped to the series), or `None`
    /// when the span lies outside it.
    pub fn range(&self, span: Span) -> Option<(f64, f64)> {
        let clipped = span.intersection(self.domain()?)?;
        let ends = [self.value_at(clipped.start)?, self.value_at(clipped.end)?];
        let values = ends
            .into_iter()
            .chain(self.within(clipped).iter().map(|p| p.amount));
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        Some((lo, hi))
    }

    /// The point nearest in value to `amount` within `span`, else the point nearest in time.
    fn nearest(&self, span: Span, amount: f64) -> Option<&Point<'_>> {
        let inside = self.within(span);
        if !inside.is_empty() {
            return inside.iter().min_by(|a, b| {
                (a.amount - amount)
                    .abs()
                    .total_cmp(&(b.amount - amount).abs())
            });
        }
        let mid = span.start / 2 + span.end / 2;
        self.points
            .iter()
            .min_by_key(|p| (p.day - mid).unsigned_abs())
    }
}

fn meets(interval: &ValueInterval, (lo, hi): (f64, f64)) -> bool {
    interval.intersects(&ValueInterval::closed(lo, hi))
}

/// The name a series goes by: its source's publisher, else its title, else its id.
fn series_name(ctx: &Context, source: &str) -> String {
    ctx.sources.get(source).map_or_else(
        || source.to_string(),
        |s| s.publisher.clone().unwrap_or_else(|| s.title.clone()),
    )
}

/// Checks every quantity set of `group` against each curve of the group.
pub fn group(ctx: &Context, predicate: &Predicate, group: &Group, out: &mut Vec<Finding>) {
    if !predicate.functional {
        return;
    }
    for curve in &group.curves {
        for set in &group.sets {
            if let Some(finding) = judge(ctx, group, curve, set)
                && (finding.verdict != Verdict::Consistent || ctx.all)
            {
                out.push(finding);
            }
        }
    }
}

fn judge(ctx: &Context, group: &Group, curve: &Curve, set: &Set) -> Option<Finding> {
    let quantity = set.quantity()?;
    let interval = set.interval.as_ref()?;
    let (natural, possible) = (set.times.natural, set.times.possible);
    let possible_range = curve.range(possible)?;
    let name = series_name(ctx, curve.source);
    let cite = format!("{}'s {}", set.sources_text(), set.figure(ctx));
    let matching = |span: Span| -> Vec<&Point> {
        match span.intersection(curve.domain().unwrap_or(span)) {
            Some(s) => curve
                .within(s)
                .iter()
                .filter(|p| meets(interval, (p.amount, p.amount)))
                .collect(),
            None => Vec::new(),
        }
    };
    let dated = |points: &[&Point], span: Span| -> String {
        match (points.first(), points.last()) {
            (Some(first), Some(last)) => {
                let years = match (year_of(first.day), year_of(last.day)) {
                    (Some(a), Some(b)) if a == b => a.to_string(),
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => "its time".into(),
                };
                let values: Vec<String> = points
                    .iter()
                    .take(3)
                    .map(|p| figure(p.amount, &quantity.unit))
                    .collect();
                let more = if points.len() > 3 { ", …" } else { "" };
                format!("{years} ({name}: {}{more})", values.join(", "))
            }
            _ => format!(
                "between the series' points in {} ({name} interpolated)",
                super::times::years_text(span)
            ),
        }
    };
    let natural_range = curve.range(natural);
    let (verdict, reading, gap) = if natural_range.is_some_and(|r| meets(interval, r)) {
        let points = matching(natural);
        (
            Verdict::Consistent,
            format!(
                "the figures agree if {cite} dates from {}",
                dated(&points, natural)
            ),
            None,
        )
    } else if meets(interval, possible_range) {
        let points = matching(possible);
        (
            Verdict::Tension,
            format!(
                "agrees with {name} only if {cite} dates from {}, beyond its plain reading ({})",
                dated(&points, possible),
                set.when().human()
            ),
            None,
        )
    } else {
        let span = if natural_range.is_some() {
            natural
        } else {
            possible
        };
        let point = curve.nearest(span, quantity.amount)?;
        let gap = (quantity.amount - point.amount) / point.amount;
        let direction = if gap < 0.0 { "below" } else { "above" };
        (
            Verdict::Conflict,
            format!(
                "no reading reconciles them: over {} the {name} series gives {}, and {cite} is \
                 about {}% {direction} its figure for {} ({})",
                super::times::years_text(span),
                range_words(natural_range.unwrap_or(possible_range), &quantity.unit),
                trim_decimals((gap * 100.0).abs(), 0),
                year_of(point.day).map_or_else(String::new, |y| y.to_string()),
                figure(point.amount, &quantity.unit)
            ),
            Some(gap),
        )
    };
    // The series side: its points over the figure's natural span, or the nearest one.
    let mut points: Vec<&Point> = curve.within(natural).iter().collect();
    if points.is_empty() {
        points.extend(curve.nearest(possible, quantity.amount));
    }
    let shown = points
        .iter()
        .min_by(|a, b| {
            (a.amount - quantity.amount)
                .abs()
                .total_cmp(&(b.amount - quantity.amount).abs())
        })
        .copied()?;
    let series_side = Side {
        claims: points.iter().map(|p| p.fact.id.clone()).collect(),
        figure: figure(shown.amount, &quantity.unit),
        when: super::times::years_text(Span {
            start: points.first().map_or(shown.span.start, |p| p.span.start),
            end: points.last().map_or(shown.span.end, |p| p.span.end),
        }),
        sources: vec![curve.source.to_string()],
        independent_sources: 1,
        citations: points.iter().map(|p| p.fact.citations).sum(),
    };
    let sides = vec![set.side(ctx), series_side];
    let suggestion = (verdict != Verdict::Consistent).then(|| {
        let doc_sources: Vec<&str> = set.sources.iter().copied().collect();
        let series_sources = [curve.source];
        let series_interval = value_interval(&Quantity {
            amount: shown.amount,
            lower: None,
            upper: None,
            unit: quantity.unit.clone(),
            bound: QuantityBound::Exact,
        });
        let candidates = [
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &set.first().id,
                    sources: &doc_sources,
                    credibility: set.credibility,
                    citations: set.citations,
                    imprecision: interval.relative_width(quantity.amount),
                    figure: format!("{quantity}, i.e. {}", interval.description),
                    stated: true,
                },
            ),
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &shown.fact.id,
                    sources: &series_sources,
                    credibility: shown.fact.credibility,
                    citations: shown.fact.citations,
                    imprecision: series_interval.relative_width(shown.amount),
                    figure: series_interval.description.clone(),
                    stated: true,
                },
            ),
        ];
        let (best, reason) = choose(&candidates).unwrap_or((0, String::new()));
        let values = [quantity.amount, shown.amount];
        Suggestion {
            low: Some(Estimate::Number(values[0].min(values[1]))),
            best: Some(Estimate::Number(values[best])),
            high: Some(Estimate::Number(values[0].max(values[1]))),
            unit: Some(quantity.unit.clone()),
            best_claim: candidates[best].claim.clone(),
            reason,
        }
    });
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    Some(Finding {
        id: make_id(Kind::Series.as_str(), &[&set.first().id, curve.source]),
        kind: Kind::Series,
        verdict,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        explanation: format!(
            "{topic}: {} against the {name} series ({} over {})",
            set.cite(ctx),
            range_words(possible_range, &quantity.unit),
            super::times::years_text(possible.intersection(curve.domain()?)?)
        ),
        sides,
        reading,
        suggestion,
        implied_annual_change: None,
        series_gap: gap,
    })
}

fn range_words((lo, hi): (f64, f64), unit: &str) -> String {
    super::words::describe_interval(lo, hi, true, true, unit)
}
