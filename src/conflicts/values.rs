//! Value intervals: the true values a written figure is compatible with, after its stated bound
//! ("about", "nearly", "more than") and the rounding its digits imply. Pure arithmetic.

use serde::Serialize;

use crate::model::{Quantity, QuantityBound};

use super::words::describe_interval;

/// The fraction of the amount that "about" allows on each side at least (5 %).
pub const ABOUT_FRACTION: f64 = 0.05;
/// The fraction of the amount that "nearly" allows below it (2 %).
pub const NEARLY_FRACTION: f64 = 0.02;

/// The interval of true values a written figure is compatible with.
///
/// `low` and `high` may be infinite (an open side); `*_inclusive` say whether the end itself
/// is possible ("more than 60" excludes 60). Infinite ends serialize as `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueInterval {
    pub low: f64,
    pub high: f64,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    /// The rounding step implied by the written amount (see [`rounding_step`]).
    pub step: f64,
    /// How the interval is put for people ([`ValueInterval::description`]), in words only when
    /// asked: most intervals are only compared.
    #[serde(rename = "description", serialize_with = "described")]
    words: Words,
}

/// The interval a [`ValueInterval`] is described as, and the unit of its figures: its own, or
/// for the values two intervals allow, the narrower one's.
#[derive(Debug, Clone, PartialEq)]
enum Words {
    /// No description (a closed interval built from numbers).
    None,
    Of {
        low: f64,
        high: f64,
        low_inclusive: bool,
        high_inclusive: bool,
        unit: String,
    },
}

fn described<S: serde::Serializer>(words: &Words, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&words.text())
}

impl Words {
    fn text(&self) -> String {
        match self {
            Words::None => String::new(),
            Words::Of {
                low,
                high,
                low_inclusive,
                high_inclusive,
                unit,
            } => describe_interval(*low, *high, *low_inclusive, *high_inclusive, unit),
        }
    }
}

impl ValueInterval {
    /// The closed interval `[low, high]`, with no rounding and no words.
    pub fn closed(low: f64, high: f64) -> ValueInterval {
        ValueInterval {
            low,
            high,
            low_inclusive: true,
            high_inclusive: true,
            step: 0.0,
            words: Words::None,
        }
    }

    /// The interval for people: `16.25–16.35 million persons`, `21.56–22%`, `more than 60`;
    /// empty for a [closed](ValueInterval::closed) one. The values two intervals allow are
    /// described as the narrower of the two ([`ValueInterval::narrowed`]).
    pub fn description(&self) -> String {
        self.words.text()
    }

    /// Whether it has a [description](ValueInterval::description).
    pub fn is_described(&self) -> bool {
        self.words != Words::None
    }

    /// The values both intervals allow (they must intersect), described as the narrower
    /// reading so that a set of one reads like its claim.
    pub fn narrowed(a: &ValueInterval, b: &ValueInterval) -> ValueInterval {
        let (low, low_inclusive) = if a.low > b.low || (a.low == b.low && !a.low_inclusive) {
            (a.low, a.low_inclusive)
        } else {
            (b.low, b.low_inclusive)
        };
        let (high, high_inclusive) = if a.high < b.high || (a.high == b.high && !a.high_inclusive) {
            (a.high, a.high_inclusive)
        } else {
            (b.high, b.high_inclusive)
        };
        let words = if a.relative_width(1.0) <= b.relative_width(1.0) {
            a.words.clone()
        } else {
            b.words.clone()
        };
        ValueInterval {
            low,
            high,
            low_inclusive,
            high_inclusive,
            step: a.step.min(b.step),
            words,
        }
    }

    /// True when some value lies in both intervals.
    pub fn intersects(&self, other: &ValueInterval) -> bool {
        fn below(low: f64, low_inc: bool, high: f64, high_inc: bool) -> bool {
            low < high || (low == high && low_inc && high_inc)
        }
        below(
            self.low,
            self.low_inclusive,
            other.high,
            other.high_inclusive,
        ) && below(
            other.low,
            other.low_inclusive,
            self.high,
            self.high_inclusive,
        )
    }

    /// Width relative to the amount (`high - low` over `|amount|`; the plain width for a zero
    /// amount); infinite for an open interval. Smaller is more precise.
    pub fn relative_width(&self, amount: f64) -> f64 {
        let width = self.high - self.low;
        if !width.is_finite() {
            return f64::INFINITY;
        }
        if amount.is_finite() && amount != 0.0 {
            width / amount.abs()
        } else {
            width
        }
    }
}

/// The rounding step a written amount implies, from its significant digits.
///
/// * A figure with decimals is rounded to its last decimal: `37.8` → 0.1, `2.25` → 0.01
///   (read from the shortest decimal form of the number, at most nine decimals).
/// * An integer's trailing zeros are read as rounding, but never coarser than one unit of its
///   second significant digit: `25` → 1, `60` → 1, `30` → 1, `15000` → 1,000, `16300000`
///   (16.3 million) → 100,000, `30000000` (30 million) → 1,000,000, `2000000` → 100,000. A
///   writer who rounds to one significant digit ("30 million", "30%") is read as if they had
///   written "30.0": the one-digit reading (25–35 million, 25–35%) would let 30% and 34% of the
///   same year agree, hiding a four-point disagreement. The step is never below 1 for an
///   integer: `5` → 1.
/// * Zero is read as a one-digit integer: step 1.
/// * A non-finite amount has no step: 0.
pub fn rounding_step(amount: f64) -> f64 {
    if !amount.is_finite() {
        return 0.0;
    }
    let abs = amount.abs();
    if abs == 0.0 {
        return 1.0;
    }
    for decimals in 0..=9 {
        let scaled = abs * 10f64.powi(decimals);
        if (scaled - scaled.round()).abs() <= 1e-9 * scaled.max(1.0) {
            if decimals > 0 {
                return 10f64.powi(-decimals);
            }
            let mut rest = abs.round();
            let mut step: f64 = 1.0;
            // At most ~308 rounds: `rest` shrinks tenfold each time.
            while rest >= 10.0 && rest % 10.0 == 0.0 {
                rest /= 10.0;
                step *= 10.0;
            }
            // One unit of the second significant digit at the coarsest, 1 at the finest.
            let mut leading = 1.0;
            // At most ~308 rounds, as above.
            while leading * 10.0 <= abs.round() {
                leading *= 10.0;
            }
            let second_digit = (leading / 10.0).max(1.0);
            return step.min(second_digit);
        }
    }
    1e-9
}

/// The interval of true values compatible with a quantity as the source words it.
///
/// With `a` the amount and `s` its [rounding step](rounding_step):
///
/// | bound | interval | example |
/// |---|---|---|
/// | `exact` | `[a − s/2, a + s/2]` | 16.3 million → 16.25–16.35 million |
/// | `about` | `[a − w, a + w]`, `w = max(s, 5 % of abs(a))` | about 16M → 15–17 million |
/// | `nearly` | `[a − 2 % of abs(a), a)`: just under the amount | nearly 22% → 21.56–22% |
/// | `more_than` | `(a, +∞)` | |
/// | `at_least` | `[a, +∞)` | |
/// | `at_most` | `(−∞, a]` | |
///
/// "About" allows at least one rounding step either side, more for large amounts, because an
/// author who says "about" has already rounded and admits more. "Nearly" means below and
/// close: 2 % under the figure (for a negative amount, just above it: nearly −3 is
/// (−3, −2.94]; nearly 0 is read as exact 0).
///
/// Explicit `lower` and `upper` limits (a range given by the source) override the respective
/// end and are taken as written, inclusive; limits that cross are swapped. A non-finite
/// amount gives the whole line (limited by any explicit limits), so it conflicts with nothing;
/// [`detect`] reports such claims as not comparable.
pub fn value_interval(quantity: &Quantity) -> ValueInterval {
    let a = quantity.amount;
    let step = rounding_step(a);
    let (mut low, mut high, mut low_inc, mut high_inc) = if !a.is_finite() {
        (f64::NEG_INFINITY, f64::INFINITY, false, false)
    } else {
        let exact = (a - step / 2.0, a + step / 2.0, true, true);
        match quantity.bound {
            QuantityBound::Exact => exact,
            QuantityBound::About => {
                let w = step.max(ABOUT_FRACTION * a.abs());
                (a - w, a + w, true, true)
            }
            QuantityBound::Nearly => {
                let w = NEARLY_FRACTION * a.abs();
                if w == 0.0 {
                    exact
                } else if a > 0.0 {
                    (a - w, a, true, false)
                } else {
                    (a, a + w, false, true)
                }
            }
            QuantityBound::MoreThan => (a, f64::INFINITY, false, false),
            QuantityBound::AtLeast => (a, f64::INFINITY, true, false),
            QuantityBound::AtMost => (f64::NEG_INFINITY, a, false, true),
        }
    };
    if let Some(lower) = quantity.lower.filter(|x| x.is_finite()) {
        low = lower;
        low_inc = true;
    }
    if let Some(upper) = quantity.upper.filter(|x| x.is_finite()) {
        high = upper;
        high_inc = true;
    }
    if low > high {
        std::mem::swap(&mut low, &mut high);
        std::mem::swap(&mut low_inc, &mut high_inc);
    }
    if low == high {
        // Never empty: a degenerate interval is the single value.
        low_inc = true;
        high_inc = true;
    }
    ValueInterval {
        low,
        high,
        low_inclusive: low_inc,
        high_inclusive: high_inc,
        step,
        words: Words::Of {
            low,
            high,
            low_inclusive: low_inc,
            high_inclusive: high_inc,
            unit: quantity.unit.clone(),
        },
    }
}

/// The interval of `part ÷ whole × 100` over the two intervals; the whole line when the
/// whole may be zero or negative, or when an end is undefined.
pub fn share_interval(part: &ValueInterval, whole: &ValueInterval) -> (f64, f64) {
    if whole.low.is_nan() || whole.low <= 0.0 {
        return (f64::NEG_INFINITY, f64::INFINITY);
    }
    let corners = [
        part.low / whole.low,
        part.low / whole.high,
        part.high / whole.low,
        part.high / whole.high,
    ];
    if corners.iter().any(|x| x.is_nan()) {
        return (f64::NEG_INFINITY, f64::INFINITY);
    }
    let low = corners.iter().copied().fold(f64::INFINITY, f64::min) * 100.0;
    let high = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max) * 100.0;
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qty(amount: f64, bound: QuantityBound, unit: &str) -> Quantity {
        Quantity {
            amount,
            lower: None,
            upper: None,
            unit: unit.into(),
            bound,
        }
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= 1e-6 * expected.abs().max(1.0)
    }

    #[test]
    fn rounding_step_follows_significant_digits() {
        assert_eq!(rounding_step(16_300_000.0), 100_000.0);
        assert_eq!(rounding_step(17_600_000.0), 100_000.0);
        // One significant digit is read as two: 30 million as 30.0 million.
        assert_eq!(rounding_step(30_000_000.0), 1_000_000.0);
        assert_eq!(rounding_step(2_000_000.0), 100_000.0);
        assert_eq!(rounding_step(25.0), 1.0);
        assert_eq!(rounding_step(15_000.0), 1_000.0);
        assert_eq!(rounding_step(60.0), 1.0);
        assert_eq!(rounding_step(-60.0), 1.0);
        assert_eq!(rounding_step(100.0), 10.0);
        assert_eq!(rounding_step(1_000.0), 100.0);
        assert_eq!(rounding_step(5.0), 1.0);
        assert_eq!(rounding_step(9_999.0), 1.0);
        assert_eq!(rounding_step(0.0), 1.0);
        assert!(close(rounding_step(37.8), 0.1));
        assert!(close(rounding_step(2.25), 0.01));
        assert!(close(rounding_step(21.56), 0.01));
        assert_eq!(rounding_step(f64::NAN), 0.0);
        assert_eq!(rounding_step(f64::INFINITY), 0.0);
        assert!(rounding_step(1e300) >= 1.0);
        assert!(rounding_step(1e-12) > 0.0);
    }

    #[test]
    fn exact_figures_cover_their_rounding() {
        let i = value_interval(&qty(25.0, QuantityBound::Exact, "percent"));
        assert_eq!((i.low, i.high), (24.5, 25.5));
        assert!(i.low_inclusive && i.high_inclusive);
        assert_eq!(i.description(), "24.5–25.5%");

        let i = value_interval(&qty(16_300_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (16_250_000.0, 16_350_000.0));
        assert_eq!(i.step, 100_000.0);
        assert_eq!(i.description(), "16.25–16.35 million persons");

        let i = value_interval(&qty(17_600_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (17_550_000.0, 17_650_000.0));

        let i = value_interval(&qty(37.8, QuantityBound::Exact, "percent"));
        assert!(close(i.low, 37.75) && close(i.high, 37.85));
        assert_eq!(i.description(), "37.75–37.85%");

        let i = value_interval(&qty(15_000.0, QuantityBound::Exact, ""));
        assert_eq!((i.low, i.high), (14_500.0, 15_500.0));
        assert_eq!(i.description(), "14,500–15,500");
    }

    #[test]
    fn about_and_nearly_have_documented_bands() {
        // about: ± max(step, 5 %): "about 16 million" → 15–17 million.
        let i = value_interval(&qty(16_000_000.0, QuantityBound::About, "persons"));
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        assert_eq!(i.description(), "15–17 million persons");
        // about 25%: 5 % of 25 = 1.25 is wider than the step of 1.
        let i = value_interval(&qty(25.0, QuantityBound::About, "percent"));
        assert_eq!((i.low, i.high), (23.75, 26.25));

        // nearly: [a − 2 %, a), just under.
        let i = value_interval(&qty(22.0, QuantityBound::Nearly, "percent"));
        assert!(close(i.low, 21.56));
        assert_eq!(i.high, 22.0);
        assert!(i.low_inclusive && !i.high_inclusive);
        assert_eq!(i.description(), "21.56–22%");
        // Negative amounts mirror; zero is read as exact.
        let i = value_interval(&qty(-3.0, QuantityBound::Nearly, "percent"));
        assert_eq!(i.low, -3.0);
        assert!(close(i.high, -2.94));
        assert!(!i.low_inclusive && i.high_inclusive);
        let i = value_interval(&qty(0.0, QuantityBound::Nearly, "percent"));
        assert_eq!((i.low, i.high), (-0.5, 0.5));
    }

    #[test]
    fn round_numbers_are_never_read_too_widely() {
        // "about 30 million": ±5 % (1.5 million), never 20–40 million.
        let i = value_interval(&qty(30_000_000.0, QuantityBound::About, "persons"));
        assert_eq!((i.low, i.high), (28_500_000.0, 31_500_000.0));
        // "30 million" as written: 29.5–30.5 million.
        let i = value_interval(&qty(30_000_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (29_500_000.0, 30_500_000.0));
        // 30% and 34% of the same year do not merge, nor do 30% and 26%, stated or "about".
        let thirty = value_interval(&qty(30.0, QuantityBound::Exact, "percent"));
        assert_eq!((thirty.low, thirty.high), (29.5, 30.5));
        for other in [34.0, 26.0] {
            let o = value_interval(&qty(other, QuantityBound::Exact, "percent"));
            assert!(!thirty.intersects(&o), "30% against {other}%");
            let about_thirty = value_interval(&qty(30.0, QuantityBound::About, "percent"));
            let about_other = value_interval(&qty(other, QuantityBound::About, "percent"));
            assert!(
                !about_thirty.intersects(&about_other),
                "about 30% against about {other}%"
            );
        }
        // But neighbours within rounding still agree: 30% and 30.4%, about 30% and 31%.
        assert!(thirty.intersects(&value_interval(&qty(30.4, QuantityBound::Exact, "percent"))));
        let about_thirty = value_interval(&qty(30.0, QuantityBound::About, "percent"));
        assert!(about_thirty.intersects(&value_interval(&qty(
            31.0,
            QuantityBound::Exact,
            "percent"
        ))));
        // "nearly 30%" is just under 30, "more than 30 million" just over: rounding plays no part.
        let nearly = value_interval(&qty(30.0, QuantityBound::Nearly, "percent"));
        assert_eq!((nearly.low, nearly.high), (29.4, 30.0));
        let more = value_interval(&qty(30_000_000.0, QuantityBound::MoreThan, "persons"));
        assert_eq!(more.low, 30_000_000.0);
        assert!(!more.low_inclusive);
        // Counts with trailing zeros after two significant digits keep their own rounding:
        // 17,600,000 (17.6 million) → ±50,000; 4,600,000 → ±50,000; 15,000 → ±500.
        let i = value_interval(&qty(4_600_000.0, QuantityBound::Exact, "persons"));
        assert_eq!((i.low, i.high), (4_550_000.0, 4_650_000.0));
    }

    #[test]
    fn one_sided_bounds_and_explicit_limits() {
        let more = value_interval(&qty(60.0, QuantityBound::MoreThan, "agreements"));
        assert_eq!((more.low, more.high), (60.0, f64::INFINITY));
        assert!(!more.low_inclusive);
        assert_eq!(more.description(), "more than 60 agreements");
        let least = value_interval(&qty(60.0, QuantityBound::AtLeast, "agreements"));
        assert!(least.low_inclusive);
        assert_eq!(least.description(), "at least 60 agreements");
        let most = value_interval(&qty(60.0, QuantityBound::AtMost, "agreements"));
        assert_eq!((most.low, most.high), (f64::NEG_INFINITY, 60.0));
        assert_eq!(most.description(), "at most 60 agreements");
        // "more than 60" excludes 60; "at least 60" includes it.
        assert!(!more.intersects(&most));
        assert!(least.intersects(&most));

        let mut range = qty(16_000_000.0, QuantityBound::Exact, "persons");
        range.lower = Some(15_000_000.0);
        range.upper = Some(17_000_000.0);
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        // Crossed limits are swapped; non-finite limits ignored.
        range.lower = Some(17_000_000.0);
        range.upper = Some(15_000_000.0);
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_000_000.0, 17_000_000.0));
        range.lower = Some(f64::NAN);
        range.upper = None;
        let i = value_interval(&range);
        assert_eq!((i.low, i.high), (15_500_000.0, 16_500_000.0));
        // A degenerate one-sided range is the single value, never empty.
        let mut degenerate = qty(60.0, QuantityBound::MoreThan, "");
        degenerate.upper = Some(60.0);
        let i = value_interval(&degenerate);
        assert_eq!((i.low, i.high), (60.0, 60.0));
        assert!(i.intersects(&i));

        let nan = value_interval(&qty(f64::NAN, QuantityBound::Exact, "persons"));
        assert_eq!((nan.low, nan.high), (f64::NEG_INFINITY, f64::INFINITY));
        assert_eq!(nan.description(), "any value");
    }

    #[test]
    fn shares_of_a_whole_span_the_corners() {
        let part = value_interval(&qty(4_600_000.0, QuantityBound::Exact, "persons"));
        let whole = value_interval(&qty(17_600_000.0, QuantityBound::Exact, "persons"));
        let (low, high) = share_interval(&part, &whole);
        assert!(close(low, 4_550_000.0 / 17_650_000.0 * 100.0));
        assert!(close(high, 4_650_000.0 / 17_550_000.0 * 100.0));
        let zero = value_interval(&qty(0.0, QuantityBound::Exact, "persons"));
        assert_eq!(
            share_interval(&part, &zero),
            (f64::NEG_INFINITY, f64::INFINITY)
        );
    }
}
