//! The best figure for the time an entry is about, and what the group's reference series say
//! of each side: the evidence the ranking (`ranking.rs`) weighs first.

use super::clusters::{Curve, Set};
use super::judge::year_text;
use super::ranking::{Candidate, Evidence, Standing, choose};
use super::times::{Span, year_of, years_text};
use super::values::ValueInterval;
use super::{Context, Estimate, Suggestion};
use crate::model::Value;

/// What the group's reference series say of a set at its own time: agrees when the band of
/// some series over the set's natural span meets its figure (a series whose basis the quote
/// names is asked first), contradicted when series cover that time and none does, unknown
/// without a series there.
pub(crate) fn series_evidence(ctx: &Context, curves: &[Curve], set: &Set) -> (Evidence, String) {
    let Some(interval) = &set.interval else {
        return (Evidence::Unknown, String::new());
    };
    let natural = set.times.natural;
    let named = set.facts.iter().find_map(|f| f.names_basis);
    let mut order: Vec<&Curve> = curves.iter().collect();
    order.sort_by_key(|c| {
        !named
            .zip(c.basis)
            .is_some_and(|(n, b)| super::basis::points_to(n, b))
    });
    let mut covered = None;
    for curve in order {
        let Some(span) = curve.domain().and_then(|d| natural.intersection(d)) else {
            continue;
        };
        let Some((lo, hi)) = curve.band_over(span) else {
            continue;
        };
        let day = span.start + (span.end - span.start) / 2;
        let value = curve.value_at(day).unwrap_or(lo);
        let unit = set.quantity().map_or("", |q| q.unit.as_str());
        let words = format!(
            "the {} series at {} ({}, {})",
            curve.name(ctx),
            year_text(day),
            super::words::figure(curve.rounded(value), unit),
            curve.how(day)
        );
        if interval.intersects(&ValueInterval::closed(lo, hi)) {
            return (Evidence::Agrees, format!("agrees with {words}"));
        }
        covered.get_or_insert(format!("is contradicted by {words}"));
    }
    match covered {
        Some(words) => (Evidence::Contradicted, words),
        None => (Evidence::Unknown, String::new()),
    }
}

/// Best, low and high over quantity or entity sides, for the time the entry is about: the
/// latest natural time among the sides (a figure for an earlier time is stale). When no side is
/// both for that time and borne out, a reference series' value at that time is a candidate too,
/// and wins when it ranks first.
pub(crate) fn value_suggestion(ctx: &Context, sides: &[&Set], curves: &[Curve]) -> Suggestion {
    let about = sides
        .iter()
        .map(|s| s.times.natural)
        .max_by_key(|n| (n.start, n.end))
        .unwrap_or(Span { start: 0, end: 0 });
    let candidates: Vec<Candidate> = sides
        .iter()
        .map(|s| {
            let sources: Vec<&str> = s.sources.iter().copied().collect();
            let (imprecision, figure_text) = match (s.quantity(), &s.interval) {
                (Some(q), Some(i)) => (
                    i.relative_width(q.amount),
                    format!("{q}, i.e. {}", i.description()),
                ),
                _ => (1.0, s.figure(ctx)),
            };
            let (evidence, evidence_words) = series_evidence(ctx, curves, s);
            let natural = s.times.natural;
            let staleness = if natural.end < about.start {
                about.start - natural.end
            } else {
                0
            };
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &s.first().id,
                    sources: &sources,
                    weakest: false,
                    credibility: s.credibility,
                    citations: s.citations,
                    imprecision,
                    figure: figure_text,
                    stated: true,
                    evidence,
                    evidence_words,
                    independent: s.sources.len(),
                    staleness,
                    when: s.when().human(),
                },
            )
        })
        .collect();
    let mut candidates = candidates;
    let settled = sides.iter().zip(&candidates).any(|(_, c)| c.settles());
    let series = if settled {
        None
    } else {
        series_at(ctx, curves, about, sides)
    };
    if let Some((claim, _, words, source)) = &series {
        candidates.push(Candidate::new(
            ctx.sources,
            Standing {
                claim,
                sources: &[source],
                weakest: false,
                credibility: 1,
                citations: 1,
                imprecision: f64::INFINITY,
                figure: words.clone(),
                stated: true,
                evidence: Evidence::Agrees,
                evidence_words: format!("is {words}"),
                independent: 1,
                staleness: 0,
                when: years_text(about),
            },
        ));
    }
    let (best, reason) = choose(&candidates).unwrap_or((0, String::new()));
    let mut amounts: Vec<f64> = sides
        .iter()
        .filter_map(|s| s.quantity().map(|q| q.amount))
        .collect();
    if best == sides.len()
        && let Some((claim, value, _, _)) = series
    {
        amounts.push(value);
        return Suggestion {
            low: Some(Estimate::Number(
                amounts.iter().copied().fold(f64::INFINITY, f64::min),
            )),
            best: Some(Estimate::Number(value)),
            high: Some(Estimate::Number(
                amounts.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            )),
            unit: sides[0].quantity().map(|q| q.unit.clone()),
            best_claim: claim,
            reason,
            for_time: Some(edtf_years(about)),
        };
    }
    let best_value = match &sides[best].first().value {
        Value::Quantity(q) => Some(Estimate::Number(q.amount)),
        Value::Entity { entity } => Some(Estimate::Text(entity.clone())),
        Value::Text { text } => Some(Estimate::Text(text.clone())),
        Value::None => None,
    };
    Suggestion {
        low: (!amounts.is_empty())
            .then(|| Estimate::Number(amounts.iter().copied().fold(f64::INFINITY, f64::min))),
        best: best_value,
        high: (!amounts.is_empty())
            .then(|| Estimate::Number(amounts.iter().copied().fold(f64::NEG_INFINITY, f64::max))),
        unit: sides[best].quantity().map(|q| q.unit.clone()),
        best_claim: sides[best].first().id.clone(),
        reason,
        for_time: Some(edtf_years(about)),
    }
}

/// The value of the group's first series covering `about`: (its point nearest in time, the
/// value rounded, the value in words, the source).
fn series_at<'c>(
    ctx: &Context,
    curves: &'c [Curve],
    about: Span,
    sides: &[&Set],
) -> Option<(String, f64, String, &'c str)> {
    let unit = sides.iter().find_map(|s| s.quantity())?.unit.clone();
    curves.iter().find_map(|curve| {
        let span = about.intersection(curve.domain()?)?;
        let day = span.start + (span.end - span.start) / 2;
        let value = curve.rounded(curve.value_at(day)?);
        let point = curve.nearest_point(day)?;
        Some((
            point.fact.id.clone(),
            value,
            format!(
                "the {} series' value for {} ({}, {})",
                curve.name(ctx),
                year_text(day),
                super::words::figure(value, &unit),
                curve.how(day)
            ),
            curve.source,
        ))
    })
}

/// A span at year granularity in EDTF: `2013`, `2010/2012`.
pub(crate) fn edtf_years(span: Span) -> String {
    match (year_of(span.start), year_of(span.end)) {
        (Some(a), Some(b)) if a == b => format!("{a:04}"),
        (Some(a), Some(b)) => format!("{a:04}/{b:04}"),
        (Some(a), None) => format!("{a:04}/.."),
        (None, Some(b)) => format!("../{b:04}"),
        (None, None) => "..".into(),
    }
}
