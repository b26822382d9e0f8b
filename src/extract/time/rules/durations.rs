//! Normalisers of durations: counts of units ("six weeks", "the two years") and vague
//! spans ("for years", "in recent weeks").

use chrono::Datelike;
use regex::Captures;

use super::{Ctx, after_amount, after_count, found, rate_follows, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{VAGUE_WORDS, modifier};
use crate::extract::time::normalise::{self, Unit, day_value, number, shift_days};

pub(super) fn duration(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, mut e) = whole(c);
    let Some(unit) = text(c, "u").and_then(Unit::parse) else {
        return Vec::new();
    };
    let Some(n_text) = text(c, "n") else {
        return Vec::new();
    };
    let lower_n = n_text.to_ascii_lowercase();
    // "a couple of" is two, as TimeML values it.
    let n =
        number(n_text).or(matches!(lower_n.as_str(), "a couple of" | "couple of").then_some(2.0));
    // "a minute and a half", "two hours and a half".
    let n = match (n, c.name("half")) {
        (Some(n), Some(_)) if n.fract() == 0.0 => Some(n + 0.5),
        (n, _) => n,
    };
    // A count needs a number or a vague word; "a"/"an" before a plural unit is the article
    // of something else ("a decades-long dispute", "a days' work").
    if n.is_none() && !VAGUE_WORDS.contains(&lower_n.as_str()) {
        return Vec::new();
    }
    if matches!(lower_n.as_str(), "a" | "an")
        && text(c, "u").is_some_and(|u| u.to_ascii_lowercase().ends_with('s'))
    {
        return Vec::new();
    }
    if n.is_some_and(|n| n > 10_000.0) {
        return Vec::new();
    }
    // A year before a singular unit names that year's period ("the 1988 quarter"), not a
    // count of 1988 of them.
    let unit_text = text(c, "u").unwrap_or_default();
    // "Islam will one day be ...", "the hope he one day follows ...": "one day" between a
    // subject or a modal and its verb is "some day", the future at large.
    if lower_n == "one"
        && unit_text.eq_ignore_ascii_case("day")
        && c.name("mod").is_none()
        && matches!(
            ctx.word_before(s).as_str(),
            "will"
                | "would"
                | "could"
                | "might"
                | "may"
                | "can"
                | "shall"
                | "should"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "you"
        )
    {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            "FUTURE_REF".into(),
            None,
            0.6,
        )];
    }
    if n_text.len() == 4 && n.is_some_and(|n| n >= 1000.0) && !unit_text.ends_with('s') {
        return Vec::new();
    }
    // "three-quarters" is a fraction.
    if unit == Unit::Quarter
        && unit_text.ends_with('s')
        && c.name("u")
            .is_some_and(|u| ctx.text[..u.start()].ends_with('-'))
    {
        return Vec::new();
    }
    // "more than a quarter of the market", "a quarter of its staff": a fraction, not three
    // months ("a quarter of a century", "a quarter of an hour" are times).
    if unit == Unit::Quarter && !unit_text.ends_with('s') {
        let rest = ctx.text[e..].to_ascii_lowercase();
        if let Some(after) = rest.strip_prefix(" of ") {
            let after = after
                .strip_prefix("a ")
                .or_else(|| after.strip_prefix("an "))
                .unwrap_or(after);
            let word: String = after
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            if Unit::parse(&word).is_none() {
                return Vec::new();
            }
        }
    }
    // An age ("a 6-year-old boy", "52 years old") is a property of a person, not a time.
    let rest = &ctx.text[e..];
    if text(c, "adj").is_some_and(|a| a.eq_ignore_ascii_case("-old"))
        || rest.starts_with(" old")
        || rest.starts_with("-old")
    {
        return Vec::new();
    }
    // "a second group", "a second time": the ordinal, not the unit of time, before a word
    // that is not one a span of time is followed by.
    if unit == Unit::Second && matches!(lower_n.as_str(), "a" | "one") && c.name("mod").is_none() {
        let next: String = rest
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        if !next.is_empty()
            && !matches!(
                next.as_str(),
                "ago"
                    | "later"
                    | "earlier"
                    | "or"
                    | "and"
                    | "before"
                    | "after"
                    | "of"
                    | "longer"
                    | "in"
                    | "to"
                    | "for"
                    | "at"
                    | "too"
            )
        {
            return Vec::new();
        }
    }
    // The unit as the first half of a compound ("a year-end dividend", "a day-to-day
    // matter") is no count of that unit.
    if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut s = s;
    let mut md_word = text(c, "mod").map(|m| m.to_ascii_lowercase());
    // TempEval-3's annotation leaves approximators ("about three days", "almost five
    // months") and "over" (more often "during" than "more than") outside the span; "the"
    // before a count belongs to it ("the nine months").
    if let (Some(w), Some(n_match)) = (md_word.as_deref(), c.name("n")) {
        let outside = matches!(
            w,
            "about"
                | "around"
                | "approximately"
                | "roughly"
                | "almost"
                | "over"
                | "some"
                | "just over"
                | "well over"
        );
        // "the" only before a count of plural units: "the two-week visit" and "the few
        // days" leave it out.
        let joined = ctx.text[n_match.end()..].starts_with('-');
        if outside || (w == "the" && (n.is_none() || joined || !unit_text.ends_with('s'))) {
            s = n_match.start();
            md_word = None;
        }
    }
    let md = md_word.as_deref().and_then(modifier);
    // "$2 million a year", "50,000 copies a week": a rate, each unit once.
    // A rate is a quantity per unit of time, not a time: TimeML leaves expressions of speed
    // out, and TimeBank tags none of them.
    if matches!(lower_n.as_str(), "a" | "an")
        && md.is_none()
        && !unit_text.ends_with('s')
        && (after_amount(ctx.text, s) || after_count(ctx.text, s))
    {
        return Vec::new();
    }
    // "24 hours a day", "seven days a week": how often, not how long; TimeBank tags
    // neither part.
    if n.is_some() && unit_text.ends_with('s') && rate_follows(&ctx.text[e..]) {
        return Vec::new();
    }
    let mut value = match unit {
        Unit::Decade => n.map_or("PXDE".to_string(), |n| {
            format!("P{}Y", normalise::amount(n * 10.0))
        }),
        Unit::Century => n.map_or("PXCE".to_string(), |n| {
            format!("P{}Y", normalise::amount(n * 100.0))
        }),
        u => u.duration(n),
    };
    if unit == Unit::Weekend {
        value = n.map_or("PXWE".to_string(), |n| {
            format!("P{}D", normalise::amount(n * 2.0))
        });
    }
    // A duration ending now ("the past three years", "for eighteen years now") is also an
    // interval in EDTF.
    let after = &ctx.text[e..];
    let now_after = after
        .trim_start_matches([' ', '\t'])
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("now"));
    let past = matches!(
        md_word.as_deref(),
        Some("the past") | Some("the last") | Some("past") | Some("last")
    );
    let next = matches!(
        md_word.as_deref(),
        Some("the next") | Some("the coming") | Some("next")
    );
    let mut f = found(ctx, s, e, TimexType::Duration, value, md, 0.75);
    if let (Some(dct), Some(n)) = (ctx.dct, n) {
        let steps = n.round() as i32;
        let span = |sign: i32| match unit {
            Unit::Year => Some((dct.year() + sign * steps).to_string()),
            Unit::Decade => Some((dct.year() + sign * 10 * steps).to_string()),
            Unit::Century => Some((dct.year() + sign * 100 * steps).to_string()),
            Unit::Month => Some(
                normalise::shift_months(dct, sign * steps)
                    .format("%Y-%m")
                    .to_string(),
            ),
            Unit::Week => Some(day_value(shift_days(dct, i64::from(sign * 7 * steps)))),
            Unit::Day => Some(day_value(shift_days(dct, i64::from(sign * steps)))),
            _ => None,
        };
        if past || now_after {
            f.edtf = span(-1).map(|from| format!("{from}/{}", day_value(dct)));
        } else if next {
            f.edtf = span(1).map(|to| format!("{}/{to}", day_value(dct)));
        }
    }
    if let Some(adj) = c.name("adj") {
        e = adj.end();
        f.end = e;
    }
    vec![f]
}

pub(super) fn duration_vague(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(u) = c.name("u") else {
        return Vec::new();
    };
    let Some(unit) = Unit::parse(u.as_str()) else {
        return Vec::new();
    };
    let pre = text(c, "pre")
        .map(|p| p.to_ascii_lowercase())
        .unwrap_or_default();
    // "in recent years" is the past at large; "in recent weeks" a span of weeks back to now,
    // as TimeML values it.
    if pre == "in recent" && matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
        let start = c.name("pre").map_or(u.start(), |p| p.start() + 3);
        return vec![found(
            ctx,
            start,
            u.end(),
            TimexType::Date,
            "PAST_REF".into(),
            None,
            0.6,
        )];
    }
    // "in coming months" is the future at large, as "in recent years" the past ("the coming
    // months", with the article, stays a span of months ahead).
    if pre == "in coming" {
        let start = c.name("pre").map_or(u.start(), |p| p.start() + 3);
        return vec![found(
            ctx,
            start,
            u.end(),
            TimexType::Date,
            "FUTURE_REF".into(),
            None,
            0.6,
        )];
    }
    let start = if pre == "in recent" {
        c.name("pre").map_or(u.start(), |p| p.start() + 3)
    } else if pre.starts_with("the") {
        c.name("pre").map_or(u.start(), |p| p.start())
    } else if let Some(i) = pre.find("the ") {
        c.name("pre").map_or(u.start(), |p| p.start() + i)
    } else {
        u.start()
    };
    let value = match unit {
        Unit::Decade => "PXDE".to_string(),
        Unit::Century => "PXCE".to_string(),
        u => u.duration(None),
    };
    vec![found(
        ctx,
        start,
        u.end(),
        TimexType::Duration,
        value,
        None,
        0.55,
    )]
}

/// A plural unit with no count that stands for an unknown number of them: "years of
/// talks", "Following months of refusing", "Years after the war", "weeks later". Not after a
/// count, an article or a quantifier ("the years of", "many years of", "two years after" are
/// other rules' or no expression).
pub(super) fn duration_bare(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(u) = c.name("u") else {
        return Vec::new();
    };
    let Some(unit) = Unit::parse(u.as_str()) else {
        return Vec::new();
    };
    let before = ctx.word_before(u.start());
    let glued = ctx.text[..u.start()].ends_with(|c: char| !c.is_whitespace());
    if glued
        || before.starts_with(|c: char| c.is_ascii_digit())
        || number(&before).is_some()
        || VAGUE_WORDS.contains(&before.as_str())
        || matches!(
            before.as_str(),
            "the"
                | "these"
                | "those"
                | "this"
                | "that"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "of"
                | "all"
                | "more"
                | "most"
                | "fewer"
                | "recent"
                | "past"
                | "last"
                | "next"
                | "coming"
                | "previous"
                | "early"
                | "later"
                | "earlier"
                | "dozen"
                | "hundred"
                | "thousand"
                | "million"
                | "another"
                | "additional"
                | "several"
                | "any"
                | "no"
                | "what"
                | "which"
                | "whose"
                | "tens"
                | "hundreds"
                | "thousands"
                | "dozens"
                | "or"
                | "and"
                | "first"
                | "final"
                | "remaining"
                | "same"
                | "long"
        )
    {
        return Vec::new();
    }
    let value = match unit {
        Unit::Decade => "PXDE".to_string(),
        u => u.duration(None),
    };
    vec![found(
        ctx,
        u.start(),
        u.end(),
        TimexType::Duration,
        value,
        None,
        0.55,
    )]
}

/// "a day-long meeting", "a decades-long dispute": a span of one unit, or of an unknown
/// number of them for a plural, written as the first half of a compound adjective.
pub(super) fn duration_compound(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(word) = text(c, "u") else {
        return Vec::new();
    };
    let Some(unit) = Unit::parse(word) else {
        return Vec::new();
    };
    // "a two-day-long visit" is the count's: only a unit that opens the compound.
    if ctx.text[..s].ends_with('-') {
        return Vec::new();
    }
    let n = (!word.to_ascii_lowercase().ends_with('s')).then_some(1.0);
    let value = match (unit, n) {
        (Unit::Decade, Some(_)) => "P10Y".to_string(),
        (Unit::Decade, None) => "PXDE".to_string(),
        (Unit::Century, _) => "PXCE".to_string(),
        (u, n) => u.duration(n),
    };
    vec![found(ctx, s, e, TimexType::Duration, value, None, 0.7)]
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values};

    #[test]
    fn a_unit_of_time_after_an_amount_is_a_rate_not_a_time() {
        assert_eq!(
            values("It saves $500 million a year and 358,000 a month; 8% a year. It took a year."),
            pairs(&[("a year", "P1Y")])
        );
    }

    #[test]
    fn a_unit_of_time_after_a_count_of_things_is_a_rate_not_a_time() {
        assert_eq!(
            values(
                "It flies four flights a week and adds 700 seats a week. Guards stay 24 hours a \
                 day. The talks took a week; they met for two days."
            ),
            pairs(&[("a week", "P1W"), ("two days", "P2D")])
        );
    }

    #[test]
    fn in_coming_months_is_the_future() {
        assert_eq!(
            values("The economy will slow in coming months, and in the coming months too."),
            pairs(&[
                ("coming months", "FUTURE_REF"),
                ("the coming months", "PXM")
            ])
        );
    }

    #[test]
    fn a_quarter_of_something_is_a_fraction() {
        assert_eq!(
            values("Funds hold more than a quarter of the market."),
            pairs(&[])
        );
    }

    #[test]
    fn a_unit_and_a_half() {
        assert_eq!(
            values("It lasted a minute and a half; the work took a year and a half."),
            pairs(&[
                ("a minute and a half", "PT1M30S"),
                ("a year and a half", "P1Y6M"),
            ])
        );
    }

    #[test]
    fn more_units_compounds_and_the_weeks_ahead_are_durations() {
        assert_eq!(
            values(
                "Pilots stay for at least two more weeks, an additional year or eight trading days."
            ),
            pairs(&[
                ("at least two more weeks", "P2W"),
                ("an additional year", "P1Y"),
                ("eight trading days", "P8D"),
            ])
        );
        assert_eq!(
            values(
                "Their third day-long meeting ended a decades-long dispute, not a two-day-long one."
            ),
            pairs(&[
                ("day-long", "P1D"),
                ("decades-long", "PXDE"),
                ("two-day-long", "P2D"),
            ])
        );
        assert_eq!(
            values(
                "Costs rise in the near term and in future quarters, as in past years; in the weeks ahead talks resume."
            ),
            pairs(&[
                ("the near term", "FUTURE_REF"),
                ("future quarters", "FUTURE_REF"),
                ("past years", "PAST_REF"),
                ("the weeks ahead", "PXW"),
            ])
        );
    }

    #[test]
    fn counts_later_are_durations_and_recent_weeks_a_span() {
        assert_eq!(
            values("The ship sank in 1912. Three days later, the inquiry opened."),
            pairs(&[("1912", "1912"), ("Three days", "P3D")])
        );
        assert_eq!(
            values("Prices have climbed in recent weeks and fell in recent years."),
            pairs(&[("recent weeks", "PXW"), ("recent years", "PAST_REF")])
        );
    }

    #[test]
    fn a_bare_plural_unit_before_of_or_after_is_a_vague_duration() {
        assert_eq!(
            values("After years of delays, the depot opened. Months later it closed."),
            pairs(&[("years", "PXY"), ("Months", "PXM")])
        );
        // After a count, an article or a quantifier it is another rule's or none.
        assert_eq!(values("the years of the war"), pairs(&[]));
        assert_eq!(values("two years of talks"), pairs(&[("two years", "P2Y")]));
    }

    #[test]
    fn one_day_after_a_subject_or_a_modal_is_some_day() {
        assert_eq!(
            values("Islam will one day be the second largest religion in the country."),
            pairs(&[("one day", "FUTURE_REF")])
        );
        assert_eq!(
            values("He had only been in the job one day."),
            pairs(&[("one day", "P1D")])
        );
    }
}
