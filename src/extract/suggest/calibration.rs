//! Scores that mean something: the score of a claim candidate is the precision its rule had
//! on the development set (benches/gold/region-news over region-news-dev), the share of its
//! candidates that were right as proposed, smoothed towards 0.5 by one right and one wrong
//! candidate: (right + 1) / (proposed + 2). A rule the development set gave fewer than three
//! candidates keeps the rule's own score, capped at 0.55: a score of 0.6 or more is given
//! only where it was measured. `bash benches/extract_real.sh` prints the counts per rule
//! (CALIBRATE=1) from which this table is written; docs/performance.md has the method and
//! what it reached. The development set is the one the rules were tuned on: these are
//! optimistic estimates, not held-out ones.

/// Rule → (right as proposed, proposed) on the development set.
const MEASURED: &[(&str, u32, u32)] = &[];

/// The calibrated score of a candidate of `rule` whose own reading scored `raw`.
pub(super) fn calibrate(rule: &str, raw: f64) -> f64 {
    match MEASURED.iter().find(|(r, _, _)| *r == rule) {
        Some(&(_, right, n)) if n >= 3 => f64::from(right + 1) / f64::from(n + 2),
        _ => raw.min(0.55),
    }
}

/// The calibrated score of an event rule (its reading has no score of its own: 0.55 until
/// measured).
pub(super) fn calibrated(rule: &str) -> f64 {
    calibrate(rule, 0.55)
}
