//! Wording shared by every rule: numbers, units, rates, intervals and day counts, for people.

use crate::words::plural;

/// A number as every figure is worded (`crate::words::figure`): `16.25 million`, `21.56`,
/// `15,000`, `17.6 million` for 17,556,502, `∞`.
pub fn fmt_number(x: f64) -> String {
    // A computed bound (37.85 as 37.849999…) is read at ten significant digits first, so that
    // only figures a person would round are rounded.
    if x.is_finite() {
        crate::words::figure(crate::words::to_significant(x, 10))
    } else {
        crate::words::figure(x)
    }
}

/// `x` to at most `decimals` places, without trailing zeros.
pub fn trim_decimals(x: f64, decimals: usize) -> String {
    crate::words::decimals(x, decimals)
}

pub fn unit_suffix(unit: &str) -> String {
    match unit {
        "percent" => "%".into(),
        "" => String::new(),
        unit => format!(" {unit}"),
    }
}

pub fn describe_interval(low: f64, high: f64, low_inc: bool, high_inc: bool, unit: &str) -> String {
    let u = unit_suffix(unit);
    match (low.is_finite(), high.is_finite()) {
        (false, false) => "any value".into(),
        (true, false) if low_inc => format!("at least {}{u}", fmt_number(low)),
        (true, false) => format!("more than {}{u}", fmt_number(low)),
        (false, true) if high_inc => format!("at most {}{u}", fmt_number(high)),
        (false, true) => format!("less than {}{u}", fmt_number(high)),
        (true, true) if low == high => format!("{}{u}", fmt_number(low)),
        (true, true) if low.abs() >= 1e6 && high.abs() >= 1e6 => format!(
            "{}–{} million{u}",
            trim_decimals(low / 1e6, 4),
            trim_decimals(high / 1e6, 4)
        ),
        (true, true) => format!("{}–{}{u}", fmt_number(low), fmt_number(high)),
    }
}

/// A figure with its unit: `17.56 million persons`, `25%`.
pub fn figure(x: f64, unit: &str) -> String {
    format!("{}{}", fmt_number(x), unit_suffix(unit))
}

/// A fraction as a percentage with at most one decimal: `0.0239` → `2.4%`.
pub fn percent(x: f64) -> String {
    format!("{}%", trim_decimals(x * 100.0, 1))
}

/// `1 day`, `730 days`.
pub fn days_text(days: i64) -> String {
    plural(usize::try_from(days).unwrap_or(0), "day", "days")
}

/// `1 point`, `2.5 points`.
pub fn points_text(x: f64) -> String {
    let text = trim_decimals(x, 2);
    if text == "1" {
        "1 point".into()
    } else {
        format!("{text} points")
    }
}
