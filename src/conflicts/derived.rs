//! Derived rules: declared arithmetic between predicates, checked at a common instant.
//!
//! A `share_of_whole` rule says share = part ÷ whole × 100 for the same subject, the share and
//! the part carrying the rule's qualifier and the whole the same qualifiers without it. The
//! identity holds at one instant, so three sides are compared only when their natural spans share
//! a day (within the rule's `within_days`); sides that naturally refer to different times could
//! all be true. A whole may come from a reference series, read over the common days.
//!
//! The join is by subject (the engine runs one subject at a time), qualifiers (a map lookup) and
//! time (sides sorted by their natural start and found by binary search), never over all
//! triples of claims.

use std::collections::HashMap;

use super::clusters::{Curve, Group, Set};
use super::ranking::{Candidate, Standing, choose};
use super::times::{Span, years_text};
use super::values::{ValueInterval, share_interval};
use super::words::{figure, trim_decimals};
use super::{
    Context, Estimate, Finding, Kind, Qualifiers, Side, Suggestion, Verdict, all_claims, make_id,
};
use crate::model::{Rule, RuleKind};

/// Checks `rule` over the groups of one subject, appending findings.
pub fn rule(
    ctx: &Context,
    rule: &Rule,
    groups: &HashMap<(&str, &Qualifiers), Group>,
    out: &mut Vec<Finding>,
) {
    match rule.kind {
        RuleKind::ShareOfWhole => share_of_whole(ctx, rule, groups, out),
    }
}

/// A group's quantity sets in order of their natural start, for the time join.
fn by_start<'g, 'a>(group: Option<&'g Group<'a>>) -> Vec<&'g Set<'a>> {
    let mut sets: Vec<&Set> = group
        .map(|g| g.sets.iter().filter(|s| s.interval.is_some()).collect())
        .unwrap_or_default();
    sets.sort_by_key(|s| (s.times.natural.start, s.times.natural.end));
    sets
}

/// The sets whose natural span meets `span` widened by `days`.
fn meeting<'s, 'a>(
    sets: &'s [&'s Set<'a>],
    span: Span,
    days: i64,
) -> impl Iterator<Item = &'s Set<'a>> {
    let reach = span.end.saturating_add(days);
    let upto = sets.partition_point(|s| s.times.natural.start <= reach);
    sets[..upto]
        .iter()
        .copied()
        .filter(move |s| s.times.natural.end.saturating_add(days) >= span.start)
}

/// The common days of two natural spans, each widened by `days`.
fn common(a: Span, b: Span, days: i64) -> Option<Span> {
    let widen = |s: Span| Span {
        start: s.start.saturating_sub(days),
        end: s.end.saturating_add(days),
    };
    widen(a).intersection(widen(b))
}

/// The whole a share is checked against: a set of claims, or a series over the common days.
enum Whole<'g, 'a> {
    Set(&'g Set<'a>),
    Series {
        curve: &'g Curve<'a>,
        interval: ValueInterval,
        claim: &'a str,
        shown: f64,
    },
}

fn share_of_whole(
    ctx: &Context,
    rule: &Rule,
    groups: &HashMap<(&str, &Qualifiers), Group>,
    out: &mut Vec<Finding>,
) {
    let days = rule.within_days.max(0);
    let mut shares: Vec<(&&Qualifiers, &Group)> = groups
        .iter()
        .filter(|((p, q), _)| *p == rule.share && q.contains_key(&rule.qualifier))
        .map(|((_, q), g)| (q, g))
        .collect();
    shares.sort_by(|a, b| a.0.cmp(b.0));
    for (quals, share_group) in shares {
        let mut whole_quals: Qualifiers = (*quals).clone();
        whole_quals.remove(&rule.qualifier);
        let parts = by_start(groups.get(&(rule.part.as_str(), *quals)));
        let whole_group = groups.get(&(rule.whole.as_str(), &whole_quals));
        let wholes = by_start(whole_group);
        let curves = whole_group.map_or(&[][..], |g| g.curves.as_slice());
        for share in share_group.sets.iter().filter(|s| s.interval.is_some()) {
            for part in meeting(&parts, share.times.natural, days) {
                let Some(instant) = common(share.times.natural, part.times.natural, days) else {
                    continue;
                };
                for whole in meeting(&wholes, instant, days) {
                    if let Some(at) = common(instant, whole.times.natural, days) {
                        check(
                            ctx,
                            rule,
                            share_group,
                            share,
                            part,
                            Whole::Set(whole),
                            at,
                            out,
                        );
                    }
                }
                for curve in curves {
                    let Some((lo, hi)) = curve.range(instant) else {
                        continue;
                    };
                    let Some(point) = curve.points.iter().min_by_key(|p| {
                        (p.day - (instant.start / 2 + instant.end / 2)).unsigned_abs()
                    }) else {
                        continue;
                    };
                    let interval = ValueInterval::closed(lo, hi);
                    let whole = Whole::Series {
                        curve,
                        interval,
                        claim: &point.fact.id,
                        shown: curve
                            .value_at(instant.start / 2 + instant.end / 2)
                            .unwrap_or(point.amount),
                    };
                    check(ctx, rule, share_group, share, part, whole, instant, out);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    ctx: &Context,
    rule: &Rule,
    group: &Group,
    share: &Set,
    part: &Set,
    whole: Whole,
    at: Span,
    out: &mut Vec<Finding>,
) {
    let (Some(sq), Some(si), Some(pq), Some(pi)) = (
        share.quantity(),
        share.interval.as_ref(),
        part.quantity(),
        part.interval.as_ref(),
    ) else {
        return;
    };
    let (wi, whole_amount, whole_words, whole_id, whole_side) = match &whole {
        Whole::Set(w) => {
            let (Some(wq), Some(wi)) = (w.quantity(), w.interval.as_ref()) else {
                return;
            };
            (
                wi.clone(),
                wq.amount,
                wq.to_string(),
                w.first().id.as_str(),
                w.side(ctx),
            )
        }
        Whole::Series {
            curve,
            interval,
            claim,
            shown,
        } => {
            let name = ctx.sources.get(curve.source).map_or_else(
                || curve.source.to_string(),
                |s| s.publisher.clone().unwrap_or_else(|| s.title.clone()),
            );
            let unit = pq.unit.as_str();
            (
                interval.clone(),
                *shown,
                format!("{} ({name}, {})", figure(*shown, unit), years_text(at)),
                curve.source,
                Side {
                    claims: vec![claim.to_string()],
                    figure: figure(*shown, unit),
                    when: years_text(at),
                    sources: vec![curve.source.to_string()],
                    independent_sources: 1,
                    citations: 1,
                },
            )
        }
    };
    let (low, high) = share_interval(pi, &wi);
    let point = if whole_amount != 0.0 {
        // Rounded to 1e-6 so that 4.6 ÷ 16 reads 28.75, not 28.749999999999996.
        (pq.amount / whole_amount * 100.0 * 1e6).round() / 1e6
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
            "{pq} ÷ {whole_words} = {}% ({range_text} allowing for rounding)",
            trim_decimals(point, 1)
        )
    } else {
        format!("{pq} ÷ {whole_words} gives no bounded share")
    };
    let derived = ValueInterval::closed(low, high);
    let consistent = derived.intersects(si);
    if consistent && !ctx.all {
        return;
    }
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    let whole_sources = match &whole {
        Whole::Set(w) => w.sources_text(),
        Whole::Series { curve, .. } => curve.source.to_string(),
    };
    let (part_sources, share_sources) = (part.sources_text(), share.sources_text());
    let from = if part_sources == whole_sources && whole_sources == share_sources {
        format!("all from {share_sources}")
    } else {
        format!("part from {part_sources}, whole from {whole_sources}, share from {share_sources}")
    };
    let explanation = format!(
        "{topic}: {derived_text}, but the stated share is {sq} ({}), for a common time ({}); \
         {from}",
        si.description,
        years_text(at)
    );
    let reading = if consistent {
        format!(
            "the figures agree (rule {}): {derived_text}, which {sq} ({}) allows",
            rule.id, si.description
        )
    } else {
        format!(
            "no reading reconciles them: the figures refer naturally to a common time ({}), \
             when share = part ÷ whole must hold (rule {}), and no values they allow meet",
            years_text(at),
            rule.id
        )
    };
    let mut ids = [
        share.first().id.as_str(),
        part.first().id.as_str(),
        whole_id,
    ];
    ids.sort_unstable();
    let sides = vec![share.side(ctx), part.side(ctx), whole_side];
    let suggestion = (!consistent).then(|| {
        let share_sources: Vec<&str> = share.sources.iter().copied().collect();
        let part_sources: Vec<&str> = part.sources.iter().copied().collect();
        let (whole_sources, whole_cred, whole_cites, whole_claim): (Vec<&str>, u8, usize, &str) =
            match &whole {
                Whole::Set(w) => (
                    w.sources.iter().copied().collect(),
                    w.credibility,
                    w.citations,
                    &w.first().id,
                ),
                Whole::Series { curve, claim, .. } => (vec![curve.source], 1, 1, claim),
            };
        let derived_width = derived.relative_width(point);
        let candidates = [
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &share.first().id,
                    sources: &share_sources,
                    credibility: share.credibility,
                    citations: share.citations,
                    imprecision: si.relative_width(sq.amount),
                    figure: si.description.clone(),
                    stated: true,
                },
            ),
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: &part.first().id,
                    sources: &part_sources,
                    credibility: part.credibility,
                    citations: part.citations,
                    imprecision: derived_width,
                    figure: format!("computed {range_text}"),
                    stated: false,
                },
            ),
            Candidate::new(
                ctx.sources,
                Standing {
                    claim: whole_claim,
                    sources: &whole_sources,
                    credibility: whole_cred,
                    citations: whole_cites,
                    imprecision: derived_width,
                    figure: format!("computed {range_text}"),
                    stated: false,
                },
            ),
        ];
        let (best, mut reason) = choose(&candidates).unwrap_or((0, String::new()));
        let best_value = if best == 0 {
            sq.amount
        } else {
            reason.push_str("; the share its figures imply is taken");
            point
        };
        let finite = [sq.amount, point].into_iter().filter(|x| x.is_finite());
        Suggestion {
            low: Some(Estimate::Number(
                finite.clone().fold(f64::INFINITY, f64::min),
            )),
            best: Some(Estimate::Number(best_value)).filter(|_| best_value.is_finite()),
            high: Some(Estimate::Number(finite.fold(f64::NEG_INFINITY, f64::max))),
            unit: Some(sq.unit.clone()),
            best_claim: candidates[best].claim.clone(),
            reason,
        }
    });
    out.push(Finding {
        id: make_id(
            if consistent {
                "derived_consistent"
            } else {
                Kind::Derived.as_str()
            },
            &ids,
        ),
        kind: Kind::Derived,
        verdict: if consistent {
            Verdict::Consistent
        } else {
            Verdict::Conflict
        },
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        sides,
        explanation,
        reading,
        suggestion,
        implied_annual_change: None,
        series_gap: None,
    });
}
