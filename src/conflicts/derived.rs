//! Derived rules: declared arithmetic between predicates, checked at a common instant.
//!
//! A `share_of_whole` rule says share = part ÷ whole × 100 for the same subject, the share and
//! the part carrying the rule's qualifier and the whole the same qualifiers without it. The
//! identity holds at one instant, so three sides are compared only when their natural spans share
//! a day (within the rule's `within_days`); sides that naturally refer to different times could
//! all be true. A whole may come from a reference series, read over the common days within its
//! band (see [`super::series`]).
//!
//! # One problem, one entry
//!
//! A share and a part that fail the rule with every whole they meet (a document's total, the
//! World Bank's, a census) are one inconsistency: one entry, `derived:<part>+<share>` (the two
//! claims that name their sides, sorted), listing every whole, with one best. Its `replaces`
//! lists the ids the separate checks would have had (`derived:<part>+<share>+<whole>`, a series
//! whole named by its source), so decisions recorded against them still count. When the share
//! and the part agree through some whole, each failing whole is its own entry under the
//! three-part id: the whole is then what disagrees.
//!
//! # The outlier
//!
//! When the rule fails, each term is weighed against other evidence at the common time: a whole
//! is vouched for by a second whole that agrees with it from another source or by being a
//! series; a share by a share series whose band meets it, or by the direction of the same share's
//! earlier figures (a stated share that continues their fall, where the share the terms imply
//! would reverse it); a part by a part series or another source's part that agrees. A term
//! contradicted outright (a share series that misses the stated share but meets the implied one;
//! a part that a share series times a whole series of one source puts nearer the implied part)
//! is the outlier; otherwise, when the two other terms are vouched for, the third is. The best
//! is then the share the sound terms give: the stated share when the part or the whole is the
//! outlier, the implied share when the share is. A figure computed from several terms carries
//! the weakest grade among them.
//!
//! The join is by subject (the engine runs one subject at a time), qualifiers (a map lookup) and
//! time (sides sorted by their natural start and found by binary search), never over all
//! triples of claims.

use std::collections::{BTreeMap, HashMap};

use super::best::edtf_years;
use super::clusters::{Curve, Group, Set};
use super::ranking::{Candidate, Evidence, Standing, choose};
use super::times::{Span, year_of, years_text};
use super::values::{ValueInterval, share_interval};
use super::words::{figure, trim_decimals};
use super::{
    Context, Estimate, Finding, Kind, Outlier, Qualifiers, Side, Suggestion, Verdict, all_claims,
    make_id,
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

fn mid(span: Span) -> i64 {
    span.start + (span.end - span.start) / 2
}

/// The whole a share is checked against: a set of claims, or a series over the common days.
#[derive(Clone, Copy)]
enum Whole<'g, 'a> {
    Set(&'g Set<'a>),
    Series(&'g Curve<'a>),
}

/// One share, part and whole at a common time, with the share they imply.
struct Check<'g, 'a> {
    share: &'g Set<'a>,
    part: &'g Set<'a>,
    whole: Whole<'g, 'a>,
    at: Span,
    /// The whole's values over the common time.
    whole_interval: ValueInterval,
    /// Its figure: the set's amount, or the series' value in the middle of the common time.
    whole_amount: f64,
    /// `part ÷ whole × 100`, rounded to 1e-6.
    point: f64,
    /// Every share the terms allow.
    implied: ValueInterval,
    consistent: bool,
}

impl<'g, 'a> Check<'g, 'a> {
    fn new(
        share: &'g Set<'a>,
        part: &'g Set<'a>,
        whole: Whole<'g, 'a>,
        at: Span,
    ) -> Option<Check<'g, 'a>> {
        let (si, pq, pi) = (
            share.interval.as_ref()?,
            part.quantity()?,
            part.interval.as_ref()?,
        );
        let (whole_interval, whole_amount) = match whole {
            Whole::Set(w) => (w.interval.clone()?, w.quantity()?.amount),
            Whole::Series(curve) => {
                let (lo, hi) = curve.band_over(at)?;
                let day = mid(at.intersection(curve.domain()?)?);
                (ValueInterval::closed(lo, hi), curve.value_at(day)?)
            }
        };
        let (low, high) = share_interval(pi, &whole_interval);
        let point = if whole_amount != 0.0 {
            // Rounded to 1e-6 so that 4.6 ÷ 16 reads 28.75, not 28.749999999999996.
            (pq.amount / whole_amount * 100.0 * 1e6).round() / 1e6
        } else {
            f64::NAN
        };
        let implied = ValueInterval::closed(low, high);
        let consistent = implied.intersects(si);
        Some(Check {
            share,
            part,
            whole,
            at,
            whole_interval,
            whole_amount,
            point,
            implied,
            consistent,
        })
    }

    /// The id of this check on its own: `derived:<part>+<share>+<whole>`.
    fn own_id(&self, prefix: &str) -> String {
        let whole = match self.whole {
            Whole::Set(w) => w.first().id.as_str(),
            Whole::Series(c) => c.source,
        };
        make_id(
            prefix,
            &[&self.share.first().id, &self.part.first().id, whole],
        )
    }

    fn whole_sources(&self) -> Vec<&'a str> {
        match self.whole {
            Whole::Set(w) => w.sources.iter().copied().collect(),
            Whole::Series(c) => vec![c.source],
        }
    }

    /// `17.6 million persons (ca-russia-excerpt-2013)`, `17.5565 million persons (World Bank
    /// (international estimate), 2013)`.
    fn whole_words(&self, ctx: &Context, unit: &str) -> String {
        match self.whole {
            Whole::Set(w) => format!("{} ({})", w.figure(ctx), w.sources_text()),
            Whole::Series(c) => format!(
                "{} ({}, {})",
                figure(self.whole_amount, unit),
                c.name(ctx),
                years_text(self.at)
            ),
        }
    }

    /// `4.6 million persons ÷ 17.6 million persons (…) = 26.1% (25.7–26.5% allowing for
    /// rounding)`.
    fn arithmetic(&self, ctx: &Context) -> String {
        let Some(pq) = self.part.quantity() else {
            return String::new();
        };
        let bounded =
            self.implied.low.is_finite() && self.implied.high.is_finite() && self.point.is_finite();
        if bounded {
            format!(
                "{pq} ÷ {} = {}% ({} allowing for rounding)",
                self.whole_words(ctx, &pq.unit),
                trim_decimals(self.point, 1),
                self.range_text()
            )
        } else {
            format!(
                "{pq} ÷ {} gives no bounded share",
                self.whole_words(ctx, &pq.unit)
            )
        }
    }

    /// The computed range, widened outwards to one decimal so it never understates.
    fn range_text(&self) -> String {
        format!(
            "{}–{}%",
            trim_decimals((self.implied.low * 10.0).floor() / 10.0, 1),
            trim_decimals((self.implied.high * 10.0).ceil() / 10.0, 1)
        )
    }

    fn side(&self, ctx: &Context) -> Side {
        match self.whole {
            Whole::Set(w) => w.side(ctx),
            Whole::Series(c) => {
                let unit = self.part.quantity().map_or("", |q| q.unit.as_str());
                let claims: Vec<String> = c
                    .nearest_point(mid(self.at))
                    .map(|p| p.fact.id.clone())
                    .into_iter()
                    .collect();
                Side {
                    claims,
                    figure: figure(self.whole_amount, unit),
                    when: years_text(self.at),
                    sources: vec![c.source.to_string()],
                    independent_sources: 1,
                    citations: 1,
                }
            }
        }
    }
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
        let part_group = groups.get(&(rule.part.as_str(), *quals));
        let parts = by_start(part_group);
        let whole_group = groups.get(&(rule.whole.as_str(), &whole_quals));
        let wholes = by_start(whole_group);
        let curves = whole_group.map_or(&[][..], |g| g.curves.as_slice());
        let mut checks: Vec<Check> = Vec::new();
        for share in share_group.sets.iter().filter(|s| s.interval.is_some()) {
            for part in meeting(&parts, share.times.natural, days) {
                let Some(instant) = common(share.times.natural, part.times.natural, days) else {
                    continue;
                };
                for whole in meeting(&wholes, instant, days) {
                    if let Some(at) = common(instant, whole.times.natural, days) {
                        checks.extend(Check::new(share, part, Whole::Set(whole), at));
                    }
                }
                for curve in curves {
                    checks.extend(Check::new(share, part, Whole::Series(curve), instant));
                }
            }
        }
        // Failures by share and part; a pair that some whole reconciles keeps them apart.
        let mut failing: BTreeMap<(&str, &str), Vec<&Check>> = BTreeMap::new();
        let mut reconciled: std::collections::HashSet<(&str, &str)> = Default::default();
        for check in &checks {
            let key = (
                check.share.first().id.as_str(),
                check.part.first().id.as_str(),
            );
            if check.consistent {
                reconciled.insert(key);
                if ctx.all {
                    out.push(consistent(ctx, rule, share_group, check));
                }
            } else {
                failing.entry(key).or_default().push(check);
            }
        }
        let terms = Terms {
            share: share_group,
            part: part_group,
            whole: whole_group,
        };
        for (key, group_checks) in failing {
            if reconciled.contains(&key) {
                for check in group_checks {
                    out.extend(failure(ctx, rule, &terms, &[check], false));
                }
            } else {
                out.extend(failure(ctx, rule, &terms, &group_checks, true));
            }
        }
    }
}

/// The groups of a rule's three terms for one share group.
struct Terms<'g, 'a> {
    share: &'g Group<'a>,
    part: Option<&'g Group<'a>>,
    whole: Option<&'g Group<'a>>,
}

/// A consistent check (`--all`).
fn consistent(ctx: &Context, rule: &Rule, group: &Group, check: &Check) -> Finding {
    let (sq, si) = match (check.share.quantity(), &check.share.interval) {
        (Some(q), Some(i)) => (q.to_string(), i.description()),
        _ => (String::new(), String::new()),
    };
    let sides = vec![check.share.side(ctx), check.part.side(ctx), check.side(ctx)];
    Finding {
        id: check.own_id("derived_consistent"),
        kind: Kind::Derived,
        verdict: Verdict::Consistent,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        explanation: format!(
            "{}: {}, and the stated share is {sq} ({si}), for a common time ({})",
            ctx.topic(group.predicate, group.subject, group.qualifiers),
            check.arithmetic(ctx),
            years_text(check.at)
        ),
        sides,
        reading: format!(
            "the figures agree (rule {}): {}, which {sq} ({si}) allows",
            rule.id,
            check.arithmetic(ctx)
        ),
        suggestion: None,
        implied_annual_change: None,
        series_gap: None,
        series_gap_points: None,
        outlier: None,
        replaces: Vec::new(),
    }
}

/// One entry for failing checks that share a share and a part (`merged`), or for one check.
fn failure(
    ctx: &Context,
    rule: &Rule,
    terms: &Terms,
    checks: &[&Check],
    merged: bool,
) -> Option<Finding> {
    let first = checks[0];
    let (share, part) = (first.share, first.part);
    let group = terms.share;
    let (sq, si) = (share.quantity()?, share.interval.as_ref()?);
    // The common time of every check: they share the share and the part.
    let at = checks
        .iter()
        .map(|c| c.at)
        .reduce(|a, b| a.intersection(b).unwrap_or(a))
        .unwrap_or(first.at);
    let topic = ctx.topic(group.predicate, group.subject, group.qualifiers);
    let arithmetic: Vec<String> = checks.iter().map(|c| c.arithmetic(ctx)).collect();
    let explanation = format!(
        "{topic}: {}, but the stated share is {sq} ({}), for a common time ({}); part from {}, \
         share from {}",
        arithmetic.join("; "),
        si.description(),
        years_text(at),
        part.sources_text(),
        share.sources_text()
    );
    let outlier = find_outlier(ctx, terms, checks, at);
    let whichever = if checks.len() > 1 {
        ", whichever whole is taken"
    } else {
        ""
    };
    let mut reading = format!(
        "no reading reconciles them: the figures refer naturally to a common time ({}), when \
         share = part ÷ whole must hold (rule {}), and no values they allow meet{whichever}",
        years_text(at),
        rule.id
    );
    match &outlier {
        Some(o) => reading.push_str(&format!(". {}", o.why)),
        None => reading.push_str(". The evidence does not single out the wrong term"),
    }
    let mut sides = vec![share.side(ctx), part.side(ctx)];
    sides.extend(checks.iter().map(|c| c.side(ctx)));
    // The implied share from the best-graded whole.
    let implied = checks
        .iter()
        .min_by_key(|c| {
            c.whole_sources()
                .iter()
                .filter_map(|s| ctx.sources.get(*s))
                .map(|s| s.reliability.clone())
                .min()
                .unwrap_or_else(|| "Z".into())
        })
        .copied()
        .unwrap_or(first);
    let outlier_term = outlier.as_ref().map(|o| o.term.as_str());
    let share_sources: Vec<&str> = share.sources.iter().copied().collect();
    let mut term_sources: Vec<&str> = part.sources.iter().copied().collect();
    term_sources.extend(implied.whole_sources());
    term_sources.sort_unstable();
    term_sources.dedup();
    let share_evidence = super::best::series_evidence(ctx, &terms.share.curves, share);
    let (stated_evidence, stated_words) = match outlier_term {
        Some("share") => (Evidence::Contradicted, "is the outlier term".to_string()),
        Some(_) => (
            Evidence::Agrees,
            "is borne out by the other evidence".to_string(),
        ),
        None => share_evidence,
    };
    let (implied_evidence, implied_words) = match outlier_term {
        Some("share") => (Evidence::Agrees, "comes from the sound terms".to_string()),
        Some(term) => (
            Evidence::Contradicted,
            format!("is computed from the outlier term (the {term})"),
        ),
        None => (Evidence::Unknown, String::new()),
    };
    let candidates = [
        Candidate::new(
            ctx.sources,
            Standing {
                claim: &share.first().id,
                sources: &share_sources,
                weakest: false,
                credibility: share.credibility,
                citations: share.citations,
                imprecision: si.relative_width(sq.amount),
                figure: si.description(),
                stated: true,
                evidence: stated_evidence,
                evidence_words: stated_words,
                independent: share.sources.len(),
                staleness: 0,
                when: share.when().human(),
            },
        ),
        Candidate::new(
            ctx.sources,
            Standing {
                claim: &part.first().id,
                sources: &term_sources,
                weakest: true,
                credibility: part.credibility.max(match implied.whole {
                    Whole::Set(w) => w.credibility,
                    Whole::Series(_) => 1,
                }),
                citations: part.citations,
                imprecision: implied.implied.relative_width(implied.point),
                figure: format!("computed {}", implied.range_text()),
                stated: false,
                evidence: implied_evidence,
                evidence_words: implied_words,
                independent: 1,
                staleness: 0,
                when: years_text(at),
            },
        ),
    ];
    let (best, mut reason) = choose(&candidates).unwrap_or((0, String::new()));
    let best_value = if best == 0 {
        sq.amount
    } else {
        reason.push_str("; the share the terms imply is taken");
        implied.point
    };
    let amounts = std::iter::once(sq.amount)
        .chain(checks.iter().map(|c| c.point))
        .filter(|x| x.is_finite());
    let suggestion = Suggestion {
        low: Some(Estimate::Number(
            amounts.clone().fold(f64::INFINITY, f64::min),
        )),
        best: Some(Estimate::Number(best_value)).filter(|_| best_value.is_finite()),
        high: Some(Estimate::Number(amounts.fold(f64::NEG_INFINITY, f64::max))),
        unit: Some(sq.unit.clone()),
        best_claim: candidates[best].claim.clone(),
        reason,
        for_time: Some(edtf_years(at)),
    };
    let (id, replaces) = if merged {
        (
            make_id(
                Kind::Derived.as_str(),
                &[&share.first().id, &part.first().id],
            ),
            checks
                .iter()
                .map(|c| c.own_id(Kind::Derived.as_str()))
                .collect(),
        )
    } else {
        (first.own_id(Kind::Derived.as_str()), Vec::new())
    };
    Some(Finding {
        id,
        kind: Kind::Derived,
        verdict: Verdict::Conflict,
        subject: group.subject.to_string(),
        predicate: group.predicate.to_string(),
        qualifiers: group.qualifiers.clone(),
        claims: all_claims(&sides),
        sides,
        explanation,
        reading,
        suggestion: Some(suggestion),
        implied_annual_change: None,
        series_gap: None,
        series_gap_points: None,
        outlier,
        replaces,
    })
}

/// Which term other evidence shows to be wrong (see the module documentation).
fn find_outlier(ctx: &Context, terms: &Terms, checks: &[&Check], at: Span) -> Option<Outlier> {
    let first = checks[0];
    let (share, part) = (first.share, first.part);
    let (sq, si) = (share.quantity()?, share.interval.as_ref()?);
    let pq = part.quantity()?;
    let unit = pq.unit.as_str();
    let day = mid(at);
    let implied = &first.implied;
    let mut vouched: Vec<(&str, String)> = Vec::new();
    let mut contradicted: Vec<(&str, String)> = Vec::new();

    // The whole: two wholes from different sources that both fail agree with each other; a
    // series is evidence in itself.
    let series_whole = checks.iter().find_map(|c| match c.whole {
        Whole::Series(curve) => Some((c, curve)),
        Whole::Set(_) => None,
    });
    let set_whole = checks.iter().find_map(|c| match c.whole {
        Whole::Set(w) => Some((c, w)),
        Whole::Series(_) => None,
    });
    match (set_whole, series_whole) {
        (Some((c, w)), Some((s, curve))) => {
            if c.whole_interval.intersects(&s.whole_interval) {
                vouched.push((
                    "whole",
                    format!(
                        "{} agrees with the {} series ({} for {})",
                        w.figure(ctx),
                        curve.name(ctx),
                        figure(s.whole_amount.round(), unit),
                        years_text(at)
                    ),
                ));
            } else {
                contradicted.push((
                    "whole",
                    format!(
                        "{} is off the {} series ({} for {})",
                        w.figure(ctx),
                        curve.name(ctx),
                        figure(s.whole_amount.round(), unit),
                        years_text(at)
                    ),
                ));
            }
        }
        (None, Some((s, curve))) => vouched.push((
            "whole",
            format!(
                "the whole is the {} series' {}",
                curve.name(ctx),
                figure(s.whole_amount.round(), unit)
            ),
        )),
        _ => {}
    }

    // The share: a share series, else the direction of the share's earlier figures.
    let share_curves = &terms.share.curves;
    let band = |curve: &Curve| -> Option<ValueInterval> {
        let span = at.intersection(curve.domain()?)?;
        let (lo, hi) = curve.band_over(span)?;
        Some(ValueInterval::closed(lo, hi))
    };
    let mut share_judged = false;
    for curve in share_curves {
        let Some(b) = band(curve) else { continue };
        share_judged = true;
        let value = curve.value_at(day).unwrap_or(b.low);
        let words = format!(
            "the {} share line gives {} for {}",
            curve.name(ctx),
            figure((value * 100.0).round() / 100.0, &sq.unit),
            years_text(at)
        );
        if b.intersects(si) {
            vouched.push(("share", format!("{sq} agrees with it: {words}")));
        } else if b.intersects(implied) {
            contradicted.push(("share", format!("{sq} does not: {words}")));
        }
        break;
    }
    if !share_judged && let Some(words) = direction(ctx, terms.share, share, si, implied, at) {
        vouched.push(("share", words));
    }

    // The part: a part series, another source's part at that time, or a share series times a
    // whole series of one source.
    if let Some(part_group) = terms.part {
        for curve in &part_group.curves {
            if let Some(b) = band(curve) {
                let words = format!(
                    "the {} series gives {}",
                    curve.name(ctx),
                    figure(curve.value_at(day).unwrap_or(b.low).round(), unit)
                );
                if b.intersects(part.interval.as_ref()?) {
                    vouched.push(("part", format!("{pq} agrees with {words}")));
                } else {
                    contradicted.push(("part", format!("{pq} is off: {words}")));
                }
                break;
            }
        }
        let others = part_group.sets.iter().filter(|s| {
            s.first().id != part.first().id
                && s.times.natural.overlaps(at)
                && s.sources.iter().all(|x| !part.sources.contains(x))
        });
        for other in others {
            if let (Some(oi), Some(pi)) = (&other.interval, &part.interval)
                && oi.intersects(pi)
            {
                vouched.push((
                    "part",
                    format!(
                        "{} ({}) agrees with it",
                        other.figure(ctx),
                        other.sources_text()
                    ),
                ));
            }
        }
    }
    let expected_part = sq.amount * first.whole_amount / 100.0;
    let mut part_note = String::new();
    if let Some(whole_group) = terms.whole {
        for share_curve in share_curves {
            let Some(whole_curve) = whole_group
                .curves
                .iter()
                .find(|c| c.source == share_curve.source)
            else {
                continue;
            };
            let Some(point) = share_curve.nearest_point(day) else {
                continue;
            };
            let Some(whole_there) = whole_curve.value_at(point.day) else {
                continue;
            };
            let counted = point.amount * whole_there / 100.0;
            if (counted - expected_part).abs() < (counted - pq.amount).abs() {
                let year = year_of(point.day).map_or_else(String::new, |y| y.to_string());
                part_note = format!(
                    ", near the {} the {} series gives for {year} ({}% of {})",
                    figure((counted / 1e4).round() * 1e4, unit),
                    share_curve.name(ctx),
                    trim_decimals(point.amount, 2),
                    figure((whole_there / 1e4).round() * 1e4, unit)
                );
                contradicted.push((
                    "part",
                    format!(
                        "the {} series' share and total for {year} put the part there",
                        share_curve.name(ctx)
                    ),
                ));
            }
            break;
        }
    }

    let named = |term: &str| -> bool { vouched.iter().any(|(t, _)| *t == term) };
    let mut accused: Vec<&str> = contradicted.iter().map(|(t, _)| *t).collect();
    accused.sort_unstable();
    accused.dedup();
    accused.retain(|t| !named(t));
    let term = match accused.as_slice() {
        [one] => *one,
        [] => {
            let left: Vec<&str> = ["share", "part", "whole"]
                .into_iter()
                .filter(|t| !named(t))
                .collect();
            match left.as_slice() {
                [one] => *one,
                _ => return None,
            }
        }
        _ => return None,
    };
    let whole_words = |c: &Check| match c.whole {
        Whole::Set(w) => w.figure(ctx),
        Whole::Series(_) => figure(c.whole_amount.round(), unit),
    };
    let (claim, stated, implied_value, statement) = match term {
        "part" => {
            let whole = set_whole.map_or(first, |(c, _)| c);
            let value = sq.amount * whole.whole_amount / 100.0;
            (
                part.first().id.clone(),
                pq.to_string(),
                value,
                format!(
                    "{pq} is the outlier: {sq} of {} is {}{part_note}",
                    whole_words(whole),
                    figure((value / 1e4).round() * 1e4, unit)
                ),
            )
        }
        "whole" => {
            let whole = set_whole.map_or(first, |(c, _)| c);
            let value = if sq.amount != 0.0 {
                pq.amount / sq.amount * 100.0
            } else {
                f64::NAN
            };
            let claim = match whole.whole {
                Whole::Set(w) => w.first().id.clone(),
                Whole::Series(c) => c.source.to_string(),
            };
            (
                claim,
                whole_words(whole),
                value,
                format!(
                    "{} is the outlier: {pq} is {sq} of {}",
                    whole_words(whole),
                    figure((value / 1e4).round() * 1e4, unit)
                ),
            )
        }
        _ => (
            share.first().id.clone(),
            sq.to_string(),
            first.point,
            format!(
                "{sq} is the outlier: {pq} ÷ {} is {}%",
                whole_words(first),
                trim_decimals(first.point, 1)
            ),
        ),
    };
    let evidence: Vec<String> = vouched
        .iter()
        .chain(contradicted.iter().filter(|(t, _)| *t == term))
        .map(|(_, w)| w.clone())
        .collect();
    Some(Outlier {
        claim,
        term: term.to_string(),
        figure: stated,
        implied: (implied_value * 1e6).round() / 1e6,
        why: format!("{statement} ({})", evidence.join("; ")),
    })
}

/// Whether the share's earlier figures vouch for the stated share: the two latest earlier
/// figures that differ set a direction; a stated share that continues it where the implied
/// share would reverse it is borne out. In words, or `None`.
fn direction(
    ctx: &Context,
    group: &Group,
    share: &Set,
    stated: &ValueInterval,
    implied: &ValueInterval,
    at: Span,
) -> Option<String> {
    let mut earlier: Vec<&Set> = group
        .sets
        .iter()
        .filter(|s| s.first().id != share.first().id && s.times.natural.end < at.start)
        .filter(|s| s.interval.is_some())
        .collect();
    earlier.sort_by_key(|s| (s.times.natural.start, s.times.natural.end));
    let latest = *earlier.last()?;
    let li = latest.interval.as_ref()?;
    let previous = earlier
        .iter()
        .rev()
        .skip(1)
        .find(|s| s.interval.as_ref().is_some_and(|i| !i.intersects(li)))?;
    let pi = previous.interval.as_ref()?;
    let falling = li.high <= pi.low;
    let keeps = if falling {
        stated.high <= li.high
    } else {
        stated.low >= li.low
    };
    let reverses = if falling {
        implied.low > li.high
    } else {
        implied.high < li.low
    };
    (keeps && reverses).then(|| {
        let (verb, noun) = if falling {
            ("fall", "rise")
        } else {
            ("rise", "fall")
        };
        format!(
            "{} continues the {verb} from {} ({}) and {} ({}), where the {} the terms imply \
             would be a {noun}",
            share.figure(ctx),
            previous.figure(ctx),
            previous.when().human(),
            latest.figure(ctx),
            latest.when().human(),
            implied.description_or_range()
        )
    })
}

impl ValueInterval {
    /// Its description, or `low–high%` for an interval built without one.
    fn description_or_range(&self) -> String {
        if !self.is_described() {
            format!(
                "{}–{}%",
                trim_decimals((self.low * 10.0).floor() / 10.0, 1),
                trim_decimals((self.high * 10.0).ceil() / 10.0, 1)
            )
        } else {
            self.description()
        }
    }
}
