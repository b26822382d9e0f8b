//! Normalisers of sets, times that recur: "every week", "twice a year", "each July",
//! "annually".

use regex::Captures;

use super::{Ctx, after_amount, found, text, whole};
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
    // "revenue to increase by 20% annually", "C$17.9 million annually": a rate.
    if after_amount(ctx.text, s) {
        return Vec::new();
    }
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

/// "annual" and "biennial" before a recurring event in the noun phrase they open ("the annual
/// multilateral Steppe Eagle exercise", "a biennial summit"): a SET of one per year (two
/// years). Before other nouns ("annual sales", "an annual rate") they measure, not recur.
pub(super) fn set_annual(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let value = if w == "biennial" { "P2Y" } else { "P1Y" };
    let phrase = &ctx.text[e..ctx.sentence.end.max(e)];
    let event = phrase
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != ' ')
        .next()
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .any(|w| {
            matches!(
                w.as_str(),
                "exercise"
                    | "exercises"
                    | "drill"
                    | "drills"
                    | "manoeuvres"
                    | "maneuvers"
                    | "summit"
                    | "summits"
                    | "conference"
                    | "forum"
                    | "talks"
                    | "competition"
                    | "competitions"
                    | "consultations"
                    | "dialogue"
                    | "war-games"
            )
        });
    if !event {
        return Vec::new();
    }
    vec![found(ctx, s, e, TimexType::Set, value.into(), None, 0.7)]
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values};

    #[test]
    fn a_weekday_in_the_plural_is_a_set() {
        assert_eq!(
            values(
                "Flights leave on Monday and Tuesday nights. The shop closes on Sundays and \
                 opens Saturday mornings. They met on Monday."
            ),
            pairs(&[
                ("Monday", "XXXX-WXX-1TNI"),
                ("Tuesday nights", "XXXX-WXX-2TNI"),
                ("Sundays", "XXXX-WXX-7"),
                ("Saturday mornings", "XXXX-WXX-6TMO"),
                ("Monday", "2011-07-18"),
            ])
        );
    }

    #[test]
    fn an_adverb_of_frequency_after_an_amount_is_a_rate() {
        assert_eq!(
            values(
                "Sales rise 8.5% annually and payments of C$17.9 million annually end; it meets annually."
            ),
            pairs(&[("annually", "P1Y")])
        );
    }

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

    #[test]
    fn annual_before_a_recurring_event_is_a_set() {
        assert_eq!(
            values("The annual joint command-staff exercise opened in Osh."),
            pairs(&[("annual", "P1Y")])
        );
        assert_eq!(
            values("a biennial summit of the bloc"),
            pairs(&[("biennial", "P2Y")])
        );
        // Before a measure it recurs nothing.
        assert_eq!(
            values("annual sales rose at an annual rate of 3%"),
            pairs(&[])
        );
    }
}
