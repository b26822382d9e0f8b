//! Normalisers of sets, times that recur: "every week", "twice a year", "each July",
//! "annually".

use regex::Captures;

use super::{Ctx, found, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{month_number, weekday_number};
use crate::extract::time::normalise::{self, Unit, number};

pub(super) fn set_every(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(u) = text(c, "u") else {
        return Vec::new();
    };
    let n = match text(c, "n") {
        Some(n) if n.eq_ignore_ascii_case("other") => Some(2.0),
        Some(n) => number(n),
        None => Some(1.0),
    };
    let lower = u.to_ascii_lowercase();
    let value = if let Some(wd) = weekday_number(u.trim_end_matches('s')) {
        format!("XXXX-WXX-{}", wd + 1)
    } else if let Some(m) = u
        .starts_with(|c: char| c.is_ascii_uppercase())
        .then(|| month_number(u))
        .flatten()
    {
        // "each July": that month of every year.
        format!("XXXX-{m:02}")
    } else {
        match lower.trim_end_matches('s') {
            "morning" => "TMO".into(),
            "evening" => "TEV".into(),
            "night" => "TNI".into(),
            w => match Unit::parse(w) {
                Some(Unit::Decade) => format!("P{}Y", normalise::amount(n.unwrap_or(1.0) * 10.0)),
                Some(unit) => unit.duration(n),
                None => return Vec::new(),
            },
        }
    };
    vec![found(ctx, s, e, TimexType::Set, value, None, 0.8)]
}

pub(super) fn set_adverb(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let value = match w.as_str() {
        "annually" | "yearly" => "P1Y",
        "monthly" => "P1M",
        "weekly" => "P1W",
        "daily" => "P1D",
        "hourly" => "PT1H",
        "nightly" => "TNI",
        "quarterly" => "P3M",
        "biweekly" => "P2W",
        _ => "P6M",
    };
    vec![found(ctx, s, e, TimexType::Set, value.into(), None, 0.7)]
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values};

    #[test]
    fn every_month_named_is_a_set_of_that_month() {
        assert_eq!(
            values("Orangemen march each July, and the fair opens every May and annually."),
            pairs(&[
                ("each July", "XXXX-07"),
                ("every May", "XXXX-05"),
                ("annually", "P1Y"),
            ])
        );
        // A month must be written as one: "each may" is a verb.
        assert_eq!(values("They each may leave."), pairs(&[]));
    }
}
