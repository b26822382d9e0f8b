//! Scores that mean something: the score of a claim candidate is a cautious estimate of the
//! precision its rule had on the development set (benches/gold/region-news over
//! region-news-dev): the lower end of the Wilson interval (z = 1, one-sided about 84 %) of the
//! share of its candidates that were right as proposed. 4 right of 4 scores 0.80, 6 of 9
//! 0.50, 10 of 15 0.54: a rule scores 0.6 or more only when the development set showed it
//! right often enough to say so. The reading's own score moves it by at most 0.05, to order
//! the candidates of one rule, and never across 0.6.
//!
//! A cue rule (`claim.cue_text.time` …) reads every predicate's cue with the same steps, and how
//! often it is right depends on the cue ("President" before a name is an office far more often
//! than "cooperation" is a cooperation): it is scored per predicate where the development set
//! gave that predicate three candidates or more, else by the pool of the rule's predicates that
//! have no such record of their own (so that "members", read well, lifts no "ally"). An event
//! rule's name already says its event type and its pattern: it is scored as a whole. A rule (or
//! predicate) the development set gave fewer than three candidates is scored by its family pooled
//! (`event.agreement.passive.new` by `event.agreement.passive`, then `event.agreement`); a rule no
//! measured family covers keeps its own reading's score, capped at 0.55: a score of 0.6 or more
//! is given only where it was measured. `bash benches/extract_real.sh` prints the counts per
//! rule and predicate (CALIBRATE=1) from which this table is written; docs/performance.md has
//! the method, what it reached, and a leave-one-text-out check. The development set is the one
//! the rules were tuned on: these are optimistic estimates, not held-out ones.

/// (rule, predicate) → (right as proposed, proposed) on the development set. A cue rule
/// (`claim.…`) is scored per predicate; an event rule's record is its predicates' pooled.
// One row a line, as `CALIBRATE=1 bash benches/extract_real.sh` prints them.
#[rustfmt::skip]
const MEASURED: &[(&str, &str, u32, u32)] = &[
    ("claim.cue_entity.as_of", "key_regional_partner_of", 0, 2),
    ("claim.cue_entity.as_of", "main_arms_supplier", 0, 1),
    ("claim.cue_entity.as_of", "member_of", 17, 17),
    ("claim.cue_entity.as_of", "membership_suspended", 1, 1),
    ("claim.cue_entity.as_of", "military_presence_at", 0, 1),
    ("claim.cue_entity.time", "key_regional_partner_of", 0, 3),
    ("claim.cue_entity.time", "military_presence_at", 0, 2),
    ("claim.cue_entity.time", "relations_with", 0, 2),
    ("claim.cue_event.time", "handed_over", 0, 1),
    ("claim.cue_event.time", "ratified", 0, 3),
    ("claim.cue_quantity.as_of", "military_aid", 0, 1),
    ("claim.cue_text.as_of", "aim", 0, 2),
    ("claim.cue_text.as_of", "cooperation", 0, 3),
    ("claim.cue_text.as_of", "holds_office", 4, 11),
    ("claim.cue_text.as_of", "main_security_threat", 0, 1),
    ("claim.cue_text.as_of", "military_activity", 0, 2),
    ("claim.cue_text.as_of", "policy", 0, 2),
    ("claim.cue_text.as_of", "status", 1, 2),
    ("claim.cue_text.as_of", "used_for", 1, 1),
    ("claim.cue_text.as_of.context", "cooperation", 0, 1),
    ("claim.cue_text.as_of.context", "holds_office", 0, 2),
    ("claim.cue_text.time", "cooperation", 1, 6),
    ("claim.cue_text.time", "holds_office", 16, 17),
    ("claim.cue_text.time", "main_security_threat", 0, 1),
    ("claim.cue_text.time", "military_activity", 0, 2),
    ("claim.cue_text.time", "military_rank", 0, 1),
    ("event.agreement.active", "in_effect", 1, 1),
    ("event.agreement.active.context", "signed", 1, 1),
    ("event.agreement.active.new.context", "signed", 3, 3),
    ("event.agreement.nominal.new", "signed", 1, 1),
    ("event.agreement.nominal.new.context", "ratified", 2, 2),
    ("event.agreement.passive.context", "ratified", 1, 1),
    ("event.agreement.passive.context", "signed", 2, 2),
    ("event.agreement.passive.new.context", "signed", 1, 1),
    ("event.base.active", "evicted", 1, 1),
    ("event.deployment.active", "deployed_in", 1, 1),
    ("event.deployment.active.figure", "forces_contributed", 1, 1),
    ("event.deployment.passive", "deployed_in", 1, 1),
    ("event.deployment.passive.figure", "forces_contributed", 1, 1),
    ("event.exercise.active.context", "exercise_held", 1, 1),
    ("event.exercise.figure.context.state", "forces_contributed", 4, 4),
    ("event.exercise.figure.state", "forces_contributed", 1, 1),
    ("event.exercise.figure.total", "forces_involved", 5, 5),
    ("event.exercise.nominal", "exercise_held", 8, 8),
    ("event.exercise.nominal.context", "exercise_held", 4, 4),
    ("event.exercise.nominal.new.context", "exercise_held", 4, 4),
    ("event.exercise.passive", "exercise_held", 1, 1),
    ("event.figure.nominal", "military_expenditure", 1, 1),
    ("event.figure.nominal.undated", "border_length", 1, 1),
    ("event.figure.nominal.undated", "defence_budget", 2, 2),
    ("event.figure.nominal.undated", "equipment_count", 3, 3),
    ("event.figure.nominal.undated", "strength", 2, 2),
    ("event.founding.active", "launched", 2, 2),
    ("event.founding.passive", "launched", 2, 2),
    ("event.founding.passive.context", "dissolved", 1, 1),
    ("event.membership.active", "joined", 4, 4),
    ("event.membership.active", "left", 4, 4),
    ("event.membership.active", "participates_in", 2, 2),
    ("event.membership.active", "relations_with", 1, 1),
    ("event.membership.active.context", "joined", 1, 1),
    ("event.membership.active.undated", "membership_suspended", 1, 1),
    ("event.membership.counted", "member_of", 6, 6),
    ("event.membership.nominal.context", "observer_of", 1, 1),
    ("event.membership.nominal.undated", "observer_of", 4, 4),
    ("event.membership.summit", "member_of", 7, 7),
    ("event.transfer.active.context.receive.occasion", "military_aid", 1, 1),
    ("event.transfer.active.undated", "arms_supply", 0, 1),
    ("event.transfer.active.undated", "military_aid", 1, 1),
];

/// How many standard errors below the measured share the score stands.
const Z: f64 = 1.0;

/// The fewest candidates a record is trusted on.
const MIN_SEEN: u32 = 3;

/// The calibrated score of a candidate of `rule` proposing `predicate` whose own reading scored
/// `raw`.
pub(super) fn calibrate(rule: &str, predicate: &str, raw: f64) -> f64 {
    // A cue rule reads every predicate's cue with the same words around it, and how often it is
    // right depends on the cue ("President" before a name is an office far more often than
    // "cooperation" is a cooperation): its record per predicate comes first. An event rule's
    // name already says its event type and its pattern.
    // A predicate the rule proposed too rarely is scored by the rule's other rarely proposed
    // predicates: a record of its own keeps a predicate out of the pool, so that one cue read
    // well ("members") lifts no other ("ally").
    let cue_rule = rule.starts_with("claim.");
    if cue_rule {
        let (right, n) = pooled(rule, rule, Some(predicate));
        if n >= MIN_SEEN {
            return within(wilson_lower(right, n), raw);
        }
    }
    let mut prefix = rule;
    // The rule itself, else the family it belongs to ("event.agreement.passive" for
    // "event.agreement.passive.new", then "event.agreement"), pooled over its measured rules.
    while prefix.matches('.').count() >= 1 {
        let (right, n) = if cue_rule {
            pooled_rare(rule, prefix)
        } else {
            pooled(rule, prefix, None)
        };
        if n >= MIN_SEEN {
            return within(wilson_lower(right, n), raw);
        }
        match prefix.rsplit_once('.') {
            Some((parent, _)) => prefix = parent,
            None => break,
        }
    }
    raw.min(0.55)
}

/// [`pooled`] over every predicate `prefix` proposed fewer than [`MIN_SEEN`] times.
fn pooled_rare(rule: &str, prefix: &str) -> (u32, u32) {
    MEASURED
        .iter()
        .filter(|(r, _, _, _)| {
            *r == prefix
                || (prefix != rule && r.strip_prefix(prefix).is_some_and(|x| x.starts_with('.')))
        })
        .filter(|(_, p, _, _)| pooled(rule, prefix, Some(p)).1 < MIN_SEEN)
        .fold((0, 0), |(k, n), &(_, _, right, m)| (k + right, n + m))
}

/// Right and proposed of `prefix` (the rule itself when it is `rule`, else every measured rule
/// under it), of one predicate or of all.
fn pooled(rule: &str, prefix: &str, predicate: Option<&str>) -> (u32, u32) {
    MEASURED
        .iter()
        .filter(|(r, p, _, _)| {
            predicate.is_none_or(|x| x == *p)
                && (*r == prefix
                    || (prefix != rule
                        && r.strip_prefix(prefix).is_some_and(|x| x.starts_with('.'))))
        })
        .fold((0, 0), |(k, n), &(_, _, right, m)| (k + right, n + m))
}

/// The calibrated score of an event rule (its reading has no score of its own: 0.55 until
/// measured).
pub(super) fn calibrated(rule: &str, predicate: &str) -> f64 {
    calibrate(rule, predicate, 0.55)
}

/// A measured rule's score, moved by at most 0.05 by its own reading's (`raw`, 0.5 the middle)
/// so that the better of two readings of one rule still comes first (a subject named in the
/// sentence before over one named three sentences back); never across 0.6.
fn within(measured: f64, raw: f64) -> f64 {
    let moved = measured + 0.1 * (raw.clamp(0.0, 1.0) - 0.5);
    // The record says on which side of 0.6 a candidate stands; the reading only orders it
    // there.
    let moved = if measured < 0.6 {
        moved.min(0.59)
    } else {
        moved.max(0.6)
    };
    // A rule never right on the development set still orders its readings near 0.
    moved.max(0.05 * raw.clamp(0.0, 1.0)).min(0.95)
}

/// The lower end of the Wilson score interval of `right` of `n`.
fn wilson_lower(right: u32, n: u32) -> f64 {
    let (k, n) = (f64::from(right), f64::from(n));
    let p = k / n;
    let z2 = Z * Z;
    let centre = p + z2 / (2.0 * n);
    let spread = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_of_0_6_needs_a_measured_record() {
        assert!((wilson_lower(4, 4) - 0.8).abs() < 1e-9);
        assert!(wilson_lower(6, 9) < 0.6);
        assert!(
            calibrate(
                "event.exercise.figure.context.state",
                "forces_contributed",
                0.5
            ) >= 0.6
        );
        // The reading's own score orders the candidates of one rule, within 0.05, and never
        // lifts a rule measured below 0.6 to it.
        let (low, high) = (
            calibrate("claim.cue_text.time", "cooperation", 0.2),
            calibrate("claim.cue_text.time", "cooperation", 0.9),
        );
        assert!(
            low < high && high - low <= 0.1 && high < 0.6,
            "{low} {high}"
        );
        assert!(calibrate("claim.cue_text.as_of", "policy", 0.95) < 0.3);
        // A rule's own record comes before its family's.
        assert!(calibrate("event.exercise.nominal", "exercise_held", 0.55) >= 0.6);
        // A rule seen less than three times is scored by its family.
        // (event.exercise.figure.context.state 4 of 4, event.exercise.figure.state 1 of 1,
        // event.exercise.figure.total 5 of 5.)
        assert_eq!(
            calibrate("event.exercise.figure.unseen", "forces_involved", 0.5),
            wilson_lower(10, 10)
        );
        // Unmeasured: the reading's own score, never above 0.55.
        assert_eq!(calibrate("other.rule", "signed", 0.9), 0.55);
        assert_eq!(calibrate("other.rule", "signed", 0.3), 0.3);
    }

    #[test]
    fn a_cue_rule_is_scored_per_predicate_then_by_its_rare_predicates() {
        // claim.cue_entity.as_of: member_of 17 of 17 on its own record …
        let members = calibrate("claim.cue_entity.as_of", "member_of", 0.5);
        assert!((members - wilson_lower(17, 17)).abs() < 1e-9 && members >= 0.6);
        // … which lifts none of the rule's other predicates (key_regional_partner_of 0 of 2,
        // main_arms_supplier 0 of 1, …: pooled, 1 of 6).
        let partner = calibrate("claim.cue_entity.as_of", "key_regional_partner_of", 0.5);
        assert!(partner < 0.3, "{partner}");
        assert!(calibrate("claim.cue_text.time", "military_rank", 0.5) < 0.3);
        // holds_office after a time: its own record, 16 of 17, not the rule's whole.
        assert_eq!(
            calibrate("claim.cue_text.time", "holds_office", 0.5),
            wilson_lower(16, 17)
        );
        // An event rule keeps its rule's record whatever its predicate (joined 4 of 4, left 4 of
        // 4, relations_with 1 of 1, participates_in 2 of 2: event.membership.active 11 of 11), a
        // predicate it proposed once as well.
        assert_eq!(
            calibrate("event.membership.active", "relations_with", 0.5),
            wilson_lower(11, 11)
        );
    }

    #[test]
    fn a_reading_never_moves_a_score_across_0_6() {
        for &(rule, predicate, right, n) in MEASURED {
            let (right, n) = if rule.starts_with("claim.") {
                (right, n)
            } else {
                pooled(rule, rule, None)
            };
            if n < MIN_SEEN {
                continue;
            }
            let (low, high) = (
                calibrate(rule, predicate, 0.0),
                calibrate(rule, predicate, 1.0),
            );
            if wilson_lower(right, n) >= 0.6 {
                assert!(low >= 0.6, "{rule} {predicate} {low}");
            } else {
                assert!(high < 0.6, "{rule} {predicate} {high}");
            }
        }
    }
}
