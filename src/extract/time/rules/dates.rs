//! Normalisers of calendar dates: full and numeric dates, lists and ranges of days, months
//! (alone, with a year, with a day) and holidays; years, decades, centuries and seasons are
//! in [`super::years`].

use chrono::{Datelike, NaiveDate};
use regex::Captures;

use super::{Ctx, found, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{modifier, month_number};
use crate::extract::time::normalise::{
    self, day_number, day_value, number, ordinal, shift_days, year_for, ymd,
};

/// A full date glued to the label before it, as tables and infoboxes paste ("Active31
/// January 2000", "Founded12 May 1992"): the date alone, from its day.
pub(super) fn glued_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(d) = c.name("d") else {
        return Vec::new();
    };
    let mut out = month_day_year(c, ctx);
    for f in &mut out {
        f.start = d.start();
    }
    out
}

pub(super) fn month_day_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(|m| month_number(m).or_else(|| m.parse().ok()));
    let day = text(c, "d").and_then(day_number);
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    let (Some(month), Some(day), Some(year)) = (month, day, year) else {
        return Vec::new();
    };
    ymd(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, 0.95)])
        .unwrap_or_default()
}

/// "7/4/2008": month first, as in American English, unless the first number cannot be a
/// month; a score of 0.6 says the order was a guess when both could be.
pub(super) fn numeric_date(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    // "02-05-2009" takes hyphens only with a four-digit year, the same separator twice, and
    // not inside a longer run of numbers (an id, a telephone number).
    let (s1, s2) = (text(c, "s1"), text(c, "s2"));
    if s1 != s2 {
        return Vec::new();
    }
    if s1 == Some("-") {
        let four = text(c, "y").is_some_and(|y| y.len() == 4);
        let before = ctx.text[..s].chars().next_back();
        let mut after = ctx.text[e..].chars();
        let joined = |ch: Option<char>| ch.is_some_and(|ch| matches!(ch, '-' | '/' | '.'));
        if !four
            || joined(before)
            || (joined(after.next()) && after.next().is_some_and(|d| d.is_ascii_digit()))
        {
            return Vec::new();
        }
    }
    let (Some(a), Some(b)) = (
        text(c, "a").and_then(|a| a.parse::<u32>().ok()),
        text(c, "b").and_then(|b| b.parse::<u32>().ok()),
    ) else {
        return Vec::new();
    };
    let Some(year) = text(c, "y").and_then(|y| normalise::year(y, ctx.dct)) else {
        return Vec::new();
    };
    let (month, day, score) = if a > 12 {
        (b, a, 0.9)
    } else if b > 12 {
        (a, b, 0.9)
    } else {
        (a, b, 0.6)
    };
    ymd(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, score)])
        .unwrap_or_default()
}

/// The year of a month (and day) written without one: the document's, by tense.
fn year_of(ctx: &Ctx, at: usize, month: u32, day: Option<u32>) -> Option<i32> {
    let Some(dct) = ctx.dct else {
        return year_in_sentence(ctx, at);
    };
    Some(year_for(dct, month, day, ctx.tense_of_date(at)))
}

/// In an undated text, the year a day or month without one belongs to: the last year the
/// sentence names before it ("the 'Peace Mission 2007' exercise … from 9 until 17 August"),
/// as a narrative is read. None when the sentence names none.
fn year_in_sentence(ctx: &Ctx, at: usize) -> Option<i32> {
    let before = ctx.text.get(ctx.sentence.start..at)?.as_bytes();
    let mut year = None;
    let mut i = 0;
    while i + 4 <= before.len() {
        let run = before[i..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let glued = i > 0 && before[i - 1].is_ascii_alphanumeric();
        if run == 4 && !glued {
            let y = std::str::from_utf8(&before[i..i + 4])
                .ok()
                .and_then(|y| y.parse::<i32>().ok());
            if let Some(y) = y.filter(|y| (1900..=2100).contains(y)) {
                year = Some(y);
            }
        }
        i += run;
    }
    year
}

fn date_or_unknown(year: Option<i32>, month: u32, day: u32) -> Option<String> {
    match year {
        Some(y) => ymd(y, month, day),
        None => (1..=12)
            .contains(&month)
            .then(|| format!("XXXX-{month:02}-{day:02}")),
    }
}

/// "May 17 and 24, 2011", "July 1–10, 2008": one expression per day (the second carries the
/// year), and one candidate for the set or range.
pub(super) fn month_day_list(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(m), Some(d1), Some(d2)) = (c.name("m"), c.name("d1"), c.name("d2")) else {
        return Vec::new();
    };
    let Some(month) = month_number(m.as_str()) else {
        return Vec::new();
    };
    let (Some(day1), Some(day2)) = (day_number(d1.as_str()), day_number(d2.as_str())) else {
        return Vec::new();
    };
    let year = match text(c, "y") {
        Some(y) => normalise::year(y, None),
        None => year_of(ctx, s, month, Some(day1)),
    };
    let (Some(v1), Some(v2)) = (
        date_or_unknown(year, month, day1),
        date_or_unknown(year, month, day2),
    ) else {
        return Vec::new();
    };
    let score = if text(c, "y").is_some() { 0.9 } else { 0.7 };
    let range = c.get(0).is_some_and(|m| m.as_str().contains(['-', '–']));
    let joined = if range {
        format!("{v1}/{v2}")
    } else {
        format!("{{{v1},{v2}}}")
    };
    vec![
        Found {
            start: s,
            end: e,
            timex: None,
            edtf: Some(joined),
            score,
            rule: "",
        },
        found(ctx, s, d1.end(), TimexType::Date, v1, None, score),
        found(ctx, d2.start(), e, TimexType::Date, v2, None, score),
    ]
}

/// "1991-1997", "1991-97", "2008-09": years written with a hyphen between them, as the two
/// years (TimeML tags each; the engine joins them into one EDTF interval, as it does
/// "1991–1997"). Not an ISO date or month ("2014-08-10", "2014-08": two digits up to 12 are
/// a month unless they are the next year), nor a piece of an id or a longer run of numbers
/// ("No. 1991-1997", "A/1991-1997", "1991-1997-2003").
pub(super) fn year_range(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(a), Some(b)) = (c.name("y1"), c.name("y2")) else {
        return Vec::new();
    };
    let (Ok(from), Ok(digits)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
        return Vec::new();
    };
    let before = ctx.text[..s].chars().next_back();
    let mut after = ctx.text[e..].chars();
    let (next, then) = (after.next(), after.next());
    if before.is_some_and(|ch| matches!(ch, '-' | '–' | '/' | '#' | '.' | '_'))
        || (next.is_some_and(|ch| matches!(ch, '-' | '–' | '/' | '.' | ','))
            && then.is_some_and(|d| d.is_ascii_digit()))
        || matches!(
            ctx.word_before(ctx.text[..s].trim_end().trim_end_matches('.').len())
                .as_str(),
            "no" | "number" | "nos" | "ref" | "id" | "code" | "resolution" | "decree" | "order"
        )
    {
        return Vec::new();
    }
    let to = if b.as_str().len() == 4 {
        digits
    } else {
        let century = from - from.rem_euclid(100);
        let to = if century + digits <= from {
            century + 100 + digits
        } else {
            century + digits
        };
        if digits <= 12 && to != from + 1 {
            return Vec::new();
        }
        to
    };
    if to <= from || to - from > 100 {
        return Vec::new();
    }
    vec![
        found(
            ctx,
            a.start(),
            a.end(),
            TimexType::Date,
            from.to_string(),
            None,
            0.8,
        ),
        found(
            ctx,
            b.start(),
            b.end(),
            TimexType::Date,
            to.to_string(),
            None,
            0.8,
        ),
    ]
}

/// "9-17 August", "from 3 to 7 October 2022", "between 3 and 7 October": days before the
/// month they share, as the first day (its number alone), the last with the month, and
/// one candidate for the range. A word between the days needs "from" or "between" before
/// them ("5 to 7 October" alone may be a score).
pub(super) fn day_month_range(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(d1), Some(d2), Some(m)) = (c.name("d1"), c.name("d2"), c.name("m")) else {
        return Vec::new();
    };
    let pre = text(c, "pre").map(str::to_ascii_lowercase);
    let joiner = text(c, "j").map(str::to_ascii_lowercase);
    let agrees = match (pre.as_deref(), joiner.as_deref()) {
        (_, None) => true,
        (Some("between"), Some(j)) => j == "and",
        (Some("from"), Some(j)) => j != "and",
        _ => false,
    };
    let Some(month) = month_number(m.as_str()) else {
        return Vec::new();
    };
    let (Some(day1), Some(day2)) = (day_number(d1.as_str()), day_number(d2.as_str())) else {
        return Vec::new();
    };
    // A number glued to what is before it ("B-52", "0-9") is no day.
    let glued = ctx.text[..d1.start()]
        .chars()
        .next_back()
        .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '-' | '/' | '.' | ','));
    if !agrees || day1 >= day2 || (pre.is_none() && glued) {
        return Vec::new();
    }
    let year = match text(c, "y") {
        Some(y) => normalise::year(y, None),
        None => year_of(ctx, d2.start(), month, Some(day2)),
    };
    let (Some(v1), Some(v2)) = (
        date_or_unknown(year, month, day1),
        date_or_unknown(year, month, day2),
    ) else {
        return Vec::new();
    };
    let score = if text(c, "y").is_some() { 0.85 } else { 0.7 };
    vec![
        Found {
            start: s,
            end: e,
            timex: None,
            edtf: Some(format!("{v1}/{v2}")),
            score,
            rule: "",
        },
        found(ctx, d1.start(), d1.end(), TimexType::Date, v1, None, score),
        found(ctx, d2.start(), e, TimexType::Date, v2, None, score),
    ]
}

/// "the first ten days of July 2008": the month with mod START (or END for "last"), and the
/// days as an EDTF interval.
pub(super) fn part_of_month(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(month) = text(c, "m").and_then(month_number) else {
        return Vec::new();
    };
    let Some(n) = text(c, "n").and_then(number) else {
        return Vec::new();
    };
    let days = if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("weeks")) {
        n * 7.0
    } else {
        n
    };
    let year = match text(c, "y") {
        Some(y) => normalise::year(y, None),
        None => year_of(ctx, s, month, None),
    };
    let Some(year) = year else {
        return Vec::new();
    };
    let first = text(c, "fl").is_some_and(|w| w.eq_ignore_ascii_case("first"));
    let Some(start_day) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let month_end = normalise::shift_days(normalise::shift_months(start_day, 1), -1);
    let days = (days as i64).clamp(1, 31);
    let (a, b) = if first {
        (start_day, shift_days(start_day, days - 1).min(month_end))
    } else {
        (shift_days(month_end, 1 - days).max(start_day), month_end)
    };
    let mut f = found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-{month:02}"),
        Some(if first { "START" } else { "END" }),
        0.85,
    );
    f.edtf = Some(format!("{}/{}", day_value(a), day_value(b)));
    vec![f]
}

pub(super) fn month_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(month_number);
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    let (Some(month), Some(year)) = (month, year) else {
        return Vec::new();
    };
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-{month:02}"),
        m,
        0.9,
    )]
}

pub(super) fn month_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(month_number);
    // "September first" is a day only where the ordinal cannot go with a noun after it
    // ("the March second-quarter report", "May second place").
    if text(c, "dw").is_some() && !ordinal_day_ends(&ctx.text[e..]) {
        return Vec::new();
    }
    let day = text(c, "d")
        .and_then(day_number)
        .or_else(|| text(c, "dw").and_then(ordinal));
    let (Some(month), Some(day)) = (month, day) else {
        return Vec::new();
    };
    // "May 5" after a modal reading ("it May 5 …") is too rare to matter; "May" alone is
    // handled by the month rule, which needs a signal. "September 1 this year", "May 5
    // last year": the year said after it (tagged apart).
    // "August 4 this year" is one expression: the year said after the day.
    let said = text(c, "ry").and_then(|r| {
        let y = ctx.dct?.year();
        Some(match r.to_ascii_lowercase().as_str() {
            "last" => y - 1,
            "next" => y + 1,
            _ => y,
        })
    });
    // "last Oct. 23", "next May 5", "this June 1": the latest such day before the document
    // date, the first after it, the one of its year.
    let named = text(c, "rel").zip(ctx.dct).map(|(r, dct)| {
        let key = (month, day);
        let now = (dct.month(), dct.day());
        match r.to_ascii_lowercase().as_str() {
            "last" | "this past" if key >= now => dct.year() - 1,
            "next" | "this coming" if key <= now => dct.year() + 1,
            _ => dct.year(),
        }
    });
    let year = match said.or(named).or_else(|| year_said_after(ctx, e)) {
        Some(y) => Some(y),
        None => year_of(ctx, s, month, Some(day)),
    };
    // "the week of March 6": the ISO week that day is in.
    let before = ctx.text[..s].trim_end_matches([' ', '\t', '\n']);
    if let Some(rest) = before.strip_suffix("of")
        && let Some(date) = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
    {
        let rest = rest.trim_end_matches([' ', '\t', '\n']);
        let week = rest.len().checked_sub(8).and_then(|i| rest.get(i..));
        if week.is_some_and(|w| w.eq_ignore_ascii_case("the week"))
            && !rest[..rest.len() - 8].ends_with(|c: char| c.is_alphanumeric())
            && text(c, "wd").is_none()
            && text(c, "rel").is_none()
        {
            let start = rest.len() - 8;
            return vec![found(
                ctx,
                start,
                e,
                TimexType::Date,
                normalise::week_value(date),
                None,
                0.75,
            )];
        }
    }
    date_or_unknown(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, 0.75)])
        .unwrap_or_default()
}

/// The document's year, or the one before or after it, when the text at `at` goes on with
/// "this year", "last year" or "next year".
fn year_said_after(ctx: &Ctx, at: usize) -> Option<i32> {
    let dct = ctx.dct?;
    let rest = ctx.text[at..].trim_start_matches([' ', '\t']);
    let mut words = rest.splitn(3, [' ', '\t']);
    let which = words.next()?.to_ascii_lowercase();
    let year = words.next()?;
    let year = year.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    if !year.eq_ignore_ascii_case("year") {
        return None;
    }
    match which.as_str() {
        "this" => Some(dct.year()),
        "last" => Some(dct.year() - 1),
        "next" => Some(dct.year() + 1),
        _ => None,
    }
}

/// Whether what follows an ordinal word after a month leaves it a day: the end of the text
/// or of a clause, a year, or a word that does not make the ordinal an adjective.
fn ordinal_day_ends(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    let Some(first) = rest.chars().next() else {
        return true;
    };
    if first.is_ascii_digit() || matches!(first, ',' | '.' | ';' | ':' | ')' | '"' | '\n' | '\r') {
        return true;
    }
    let word: String = rest
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "this"
            | "last"
            | "next"
            | "of"
            | "and"
            | "or"
            | "to"
            | "at"
            | "in"
            | "on"
            | "when"
            | "until"
            | "through"
            | "the"
            | "a"
            | "he"
            | "she"
            | "they"
            | "it"
            | "we"
    )
}

pub(super) fn month_alone(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(m) = c.name("m") else {
        return Vec::new();
    };
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    // "January this year", "June last year": one expression, the year said after the month.
    let year_after = text(c, "ry").map(|r| match r.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    });
    // "the October slaying", "a June agreement": a month before a noun, after an article
    // (which the pattern leaves out: an article before every month would slow the search).
    let article = rel.is_none()
        && text(c, "sig").is_none()
        && matches!(ctx.word_before(m.start()).as_str(), "the" | "a" | "an");
    let before_noun = article && {
        let rest = ctx.text[m.end()..].strip_prefix(' ').unwrap_or("");
        let next: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        next.starts_with(|ch: char| ch.is_ascii_lowercase())
            && !matches!(
                next.as_str(),
                "of" | "and"
                    | "or"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "for"
                    | "with"
                    | "is"
                    | "was"
                    | "will"
                    | "has"
                    | "had"
                    | "that"
                    | "when"
            )
    };
    if text(c, "sig").is_none() && rel.is_none() && year_after.is_none() && !before_noun {
        return Vec::new();
    }

    // "May" and "March" need more than a signal when they could be verbs or names: only
    // the full forms of months count, and "May" must not be followed by a verb-like word.
    let word = m.as_str().trim_end_matches('.');
    if word.len() < 3 {
        return Vec::new();
    }
    // An abbreviation without its stop before a capitalised word is a name: "Jan Kavan".
    let after = ctx.text[m.end()..].strip_prefix(' ').unwrap_or("");
    if !m.as_str().ends_with('.')
        && word.len() <= 4
        && !matches!(word.to_ascii_lowercase().as_str(), "may" | "june" | "july")
        && c.name("ry").is_none()
        && after.starts_with(|ch: char| ch.is_uppercase())
    {
        return Vec::new();
    }
    let Some(month) = month_number(word) else {
        return Vec::new();
    };
    let start = c.name("rel").map_or(m.start(), |r| r.start());
    // A full month name's following full stop ends the sentence, not the name.
    let end = if year_after.is_some() {
        whole(c).1
    } else if m.as_str().ends_with('.') && word.len() > 4 {
        m.end() - 1
    } else {
        m.end()
    };
    let (m_mod, rel_n) = match rel.as_deref() {
        Some("last") | Some("past") => (None, -1),
        Some("next") | Some("coming") => (None, 1),
        Some("this") => (None, 0),
        Some("earlier this") => (Some("START"), 0),
        Some("later this") => (Some("END"), 0),
        Some(other) => (modifier(other), 2),
        None => (None, 2),
    };
    let year = ctx.dct.map(|dct| match (year_after, rel_n) {
        (Some(n), _) => dct.year() + n,
        (None, -1) => {
            if month < dct.month() {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        (None, 1) => {
            if month > dct.month() {
                dct.year()
            } else {
                dct.year() + 1
            }
        }
        (None, 0) => dct.year(),
        _ => year_for(dct, month, None, ctx.tense_of_date(start)),
    });
    let value = match year {
        Some(y) => format!("{y}-{month:02}"),
        None => format!("XXXX-{month:02}"),
    };
    vec![found(ctx, start, end, TimexType::Date, value, m_mod, 0.7)]
}

/// The date of a holiday in `year` (United States holidays, Western Easter).
fn holiday_date(name: &str, year: i32) -> Option<NaiveDate> {
    // The `n`th `weekday` (0 = Monday) of `month`; n = 0 for the last.
    let nth = |month: u32, weekday: u32, n: u32| -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        if n == 0 {
            let last = shift_days(normalise::shift_months(first, 1), -1);
            let back = (last.weekday().num_days_from_monday() + 7 - weekday) % 7;
            return Some(shift_days(last, -i64::from(back)));
        }
        let ahead = (weekday + 7 - first.weekday().num_days_from_monday()) % 7;
        Some(shift_days(first, i64::from(ahead + 7 * (n - 1))))
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.first().copied()? {
        "Thanksgiving" => nth(11, 3, 4),
        "Christmas" if words.get(1) == Some(&"Eve") => NaiveDate::from_ymd_opt(year, 12, 24),
        "Christmas" => NaiveDate::from_ymd_opt(year, 12, 25),
        "New" if words.get(2) == Some(&"Eve") => NaiveDate::from_ymd_opt(year, 12, 31),
        "New" => NaiveDate::from_ymd_opt(year, 1, 1),
        "Independence" => NaiveDate::from_ymd_opt(year, 7, 4),
        "Labor" => nth(9, 0, 1),
        "Memorial" => nth(5, 0, 0),
        // The Tuesday after the first Monday of November.
        "Election" => nth(11, 0, 1).map(|d| shift_days(d, 1)),
        "Halloween" => NaiveDate::from_ymd_opt(year, 10, 31),
        "Valentine's" => NaiveDate::from_ymd_opt(year, 2, 14),
        "Easter" => {
            // The anonymous Gregorian computus.
            let (a, b, c) = (year % 19, year / 100, year % 100);
            let (d, e) = (b / 4, b % 4);
            let g = (8 * b + 13) / 25;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 19 * l) / 433;
            let month = (h + l - 7 * m + 90) / 25;
            let day = (h + l - 7 * m + 33 * month + 19) % 32;
            NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
        }
        _ => None,
    }
}

/// "Thanksgiving Day", "last Christmas", "Easter 1998" ("Easter week": the week it falls
/// in): the holiday's date in the year
/// written, else the year "last"/"next" or the tense says.
pub(super) fn holiday(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(h) = text(c, "h") else {
        return Vec::new();
    };
    let name = h.split_whitespace().collect::<Vec<_>>().join(" ");
    let rel = text(c, "rel").map(str::to_ascii_lowercase);
    let year = match (text(c, "y").and_then(|y| normalise::year(y, None)), ctx.dct) {
        (Some(y), _) => Some(y),
        (None, None) => None,
        (None, Some(dct)) => {
            let this = holiday_date(&name, dct.year());
            let Some(this) = this else {
                return Vec::new();
            };
            Some(match rel.as_deref() {
                Some("last") if this >= dct => dct.year() - 1,
                Some("next") if this <= dct => dct.year() + 1,
                Some(_) => dct.year(),
                None => year_for(dct, this.month(), Some(this.day()), ctx.tense_of_date(s)),
            })
        }
    };
    let value = match year {
        Some(y) => match holiday_date(&name, y) {
            Some(d) if c.name("wk").is_some() => normalise::week_value(d),
            Some(d) => day_value(d),
            None => return Vec::new(),
        },
        None => "XXXX-XX-XX".to_string(),
    };
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.75)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::rules::testing::{pairs, values, values_at};

    fn on(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn reported_speech_resolves_a_bare_month_to_the_past() {
        assert_eq!(
            values_at(
                "In January, the defence minister Sergei Shoigu said the base would be expanded.",
                on(2014, 8, 10)
            ),
            pairs(&[("January", "2014-01")])
        );
        assert_eq!(
            values_at(
                "The Ministry of Defence said in March that the drills were over.",
                on(2018, 5, 25)
            ),
            pairs(&[("March", "2018-03")])
        );
        assert_eq!(
            values_at(
                "The Ministry of Defence said in March the contract will be signed.",
                on(2018, 5, 25)
            ),
            pairs(&[("March", "2018-03")])
        );
        // A past verb in the month's own clause.
        assert_eq!(
            values_at(
                "In December, the two countries signed an agreement.",
                on(2014, 8, 10)
            ),
            pairs(&[("December", "2013-12")])
        );
        // "announced the plan": a noun after the article, no future cue.
        assert_eq!(
            values_at("The thrift announced the plan Aug. 21.", on(1989, 10, 27)),
            pairs(&[("Aug. 21", "1989-08-21")])
        );
    }

    #[test]
    fn a_future_marker_resolves_a_bare_month_to_the_next_and_no_cue_to_the_nearest() {
        for text in [
            "The drills will be held in March.",
            "The drills are to be held in March.",
            "The ministry plans to hold drills in March, officials said.",
        ] {
            assert_eq!(
                values_at(text, on(2018, 5, 25)),
                pairs(&[("March", "2019-03")]),
                "{text}"
            );
        }
        // Without a cue (or with only a present verb) the nearest occurrence: news names
        // coming months without a future marker as often as past ones.
        assert_eq!(
            values_at("Talks in October.", on(2014, 8, 10)),
            pairs(&[("October", "2014-10")])
        );
        assert_eq!(
            values_at("The vote is in January, he said.", on(2014, 8, 10)),
            pairs(&[("January", "2015-01")])
        );
        // "through" a month with a past verb: the nearest one.
        assert_eq!(
            values_at(
                "The banks extended the loans through January.",
                on(1989, 10, 30)
            ),
            pairs(&[
                ("through January", "edtf ../1990-01"),
                ("January", "1990-01")
            ])
        );
    }

    #[test]
    fn seasons_and_weekdays_follow_the_same_tense() {
        assert_eq!(
            values_at(
                "In summer, officials said the port would close.",
                on(2012, 3, 1)
            ),
            pairs(&[("summer", "2011-SU")])
        );
        assert_eq!(
            values_at("The port will close in summer.", on(2012, 3, 1)),
            pairs(&[("summer", "2012-SU")])
        );
        // 2000-01-07 is a Friday. A possessive weekday names a day that has come.
        assert_eq!(
            values_at(
                "They will appeal Wednesday's ruling and meet on Wednesday.",
                on(2000, 1, 7)
            ),
            pairs(&[("Wednesday", "2000-01-05"), ("Wednesday", "2000-01-12")])
        );
    }

    #[test]
    fn hyphen_year_ranges_are_ranges_and_iso_dates_and_ids_are_not() {
        assert_eq!(
            values("Troops served in 1991-1997, in 1991-97 and in 2009-2011."),
            pairs(&[
                ("1991-1997", "edtf 1991/1997"),
                ("1991", "1991"),
                ("1997", "1997"),
                ("1991-97", "edtf 1991/1997"),
                ("1991", "1991"),
                ("97", "1997"),
                ("2009-2011", "edtf 2009/2011"),
                ("2009", "2009"),
                ("2011", "2011"),
            ])
        );
        // The next year in two digits is a range; other two digits up to 12 are a month.
        assert_eq!(
            values(
                "The 2008-09 season; see 2014-08-10, the 2014-08 figures, order No. 2009-2011 \
                 and call 555-12-2009 or 1991-1997-2003."
            ),
            pairs(&[
                ("2008-09", "edtf 2008/2009"),
                ("2008", "2008"),
                ("09", "2009"),
                ("2014-08-10", "2014-08-10"),
            ])
        );
        // As with an en dash.
        assert_eq!(
            values("In 1991–1997."),
            pairs(&[
                ("1991–1997", "edtf 1991/1997"),
                ("1991", "1991"),
                ("1997", "1997")
            ])
        );
    }

    #[test]
    fn days_before_a_month_make_one_range() {
        assert_eq!(
            values(
                "The exercise will run 9-17 August and the dredging from 3 to 7 October 2010; \
                 the score was 5 to 7 October."
            ),
            pairs(&[
                ("9-17 August", "edtf 2011-08-09/2011-08-17"),
                ("9", "2011-08-09"),
                ("17 August", "2011-08-17"),
                ("from 3 to 7 October 2010", "edtf 2010-10-03/2010-10-07"),
                ("3", "2010-10-03"),
                ("7 October 2010", "2010-10-07"),
                ("7 October", "2010-10-07"),
            ])
        );
        assert_eq!(
            values("Flights stop between 3 and 7 October, from 9 until 17 August."),
            pairs(&[
                ("between 3 and 7 October", "edtf 2011-10-03/2011-10-07"),
                ("3", "2011-10-03"),
                ("7 October", "2011-10-07"),
                ("from 9 until 17 August", "edtf 2011-08-09/2011-08-17"),
                ("9", "2011-08-09"),
                ("17 August", "2011-08-17"),
            ])
        );
        // A range a rule made is not made again by the engine.
        assert_eq!(
            values("The visit on April 4-5, 2017."),
            pairs(&[
                ("April 4-5, 2017", "edtf 2017-04-04/2017-04-05"),
                ("April 4", "2017-04-04"),
                ("5, 2017", "2017-04-05"),
            ])
        );
    }

    #[test]
    fn numeric_dates_with_hyphens_and_days_in_ordinal_words() {
        assert_eq!(
            values_at("Source: CCTV.com | 02-05-2009 14:45", on(2009, 2, 5)),
            pairs(&[("02-05-2009 14:45", "2009-02-05T14:45")])
        );
        assert_eq!(values("Call 12-05-09 or 1-2-3-2009."), pairs(&[]));
        assert_eq!(
            values("As of September first this year, training is free."),
            pairs(&[("September first this year", "2011-09-01")])
        );
        assert_eq!(values("It took May second place."), pairs(&[]));
    }

    #[test]
    fn last_next_or_this_before_a_month_and_day_is_one_expression() {
        // Written on 1999-04-19: the latest October 23 before it, the first May 5 after it.
        assert_eq!(
            values_at(
                "He was shot last Oct. 23 and the trial opens next May 5, not this June 1.",
                on(1999, 4, 19)
            ),
            pairs(&[
                ("last Oct. 23", "1998-10-23"),
                ("next May 5", "1999-05-05"),
                ("this June 1", "1999-06-01")
            ])
        );
        assert_eq!(
            values_at(
                "It ended last March 2 and resumes next April 10.",
                on(1999, 4, 19)
            ),
            pairs(&[
                ("last March 2", "1999-03-02"),
                ("next April 10", "2000-04-10")
            ])
        );
    }

    #[test]
    fn a_day_with_this_or_last_year_after_it_is_one_expression() {
        assert_eq!(
            values_at("Leaders met on March 9 this year in Baku.", on(2019, 6, 1)),
            pairs(&[("March 9 this year", "2019-03-09")])
        );
        assert_eq!(
            values_at("The drill began on 12 July last year.", on(2019, 6, 1)),
            pairs(&[("12 July last year", "2018-07-12")])
        );
    }

    #[test]
    fn a_date_glued_to_a_table_label_and_an_open_end() {
        assert_eq!(
            values("Founded12 May 1992 – present\nCommander: none"),
            pairs(&[
                ("12 May 1992 – present", "edtf 1992-05-12/2011-07-20"),
                ("12 May 1992", "1992-05-12"),
                ("present", "PRESENT_REF")
            ])
        );
        // "present" as an adjective or a verb is no time.
        assert_eq!(
            values("The present treaty will present new rules."),
            pairs(&[])
        );
    }

    #[test]
    fn an_undated_text_takes_the_year_its_sentence_or_another_mention_gives() {
        assert_eq!(
            values_at(
                "Drills on 4-9 May.\n\nThe 'Shield 2016' drills ran from 4 until 9 May.",
                None
            ),
            pairs(&[
                ("4-9 May", "edtf 2016-05-04/2016-05-09"),
                ("4", "2016-05-04"),
                ("9 May", "2016-05-09"),
                ("2016", "2016"),
                ("from 4 until 9 May", "edtf 2016-05-04/2016-05-09"),
                ("4", "2016-05-04"),
                ("9 May", "2016-05-09"),
            ])
        );
        // Without a year anywhere the year stays unknown.
        assert_eq!(
            values_at("Talks on 3 June.", None),
            pairs(&[("3 June", "XXXX-06-03")])
        );
    }

    #[test]
    fn counts_names_and_comparisons_are_not_dates_or_ranges() {
        assert_eq!(
            values(
                "Around 1700 personnel took part. Spending rose 20 percent from last year. \
                 The law applies from 2010."
            ),
            pairs(&[
                ("last year", "2010"),
                ("from 2010", "edtf 2010/.."),
                ("2010", "2010"),
            ])
        );
        assert_eq!(
            values("Jan Kavan signed in Jan. 2009 and met Jan Smith."),
            pairs(&[("Jan. 2009", "2009-01")])
        );
    }

    #[test]
    fn a_month_before_a_noun_and_a_half_of_a_decade() {
        assert_eq!(
            values("The October slaying and a June agreement followed the Oct. 23 shooting."),
            pairs(&[
                ("October", "2010-10"),
                ("June", "2011-06"),
                ("Oct. 23", "2010-10-23"),
            ])
        );
        assert_eq!(
            values("Sales were flat in the last half of the '80s, as at the end of May."),
            pairs(&[
                ("the last half of the '80s", "198"),
                ("the end of May", "2011-05")
            ])
        );
    }

    #[test]
    fn a_deadline_month_looks_ahead_and_a_half_of_the_year_is_the_year_named() {
        // Document date 2011-07-20: a month already past is next year's after "by" or
        // "until", this year's with a past verb before it.
        assert_eq!(
            values("The lease runs until February. The plant should reopen by March."),
            pairs(&[
                ("until February", "edtf ../2012-02"),
                ("February", "2012-02"),
                ("by March", "edtf ../2012-03"),
                ("March", "2012-03"),
            ])
        );
        assert_eq!(
            values("The council gave the builder until May to finish."),
            pairs(&[("until May", "edtf ../2011-05"), ("May", "2011-05")])
        );
        assert_eq!(
            values(
                "Prices fell in the second half of the year and rose in the third quarter of last year."
            ),
            pairs(&[
                ("the second half", "2011-H2"),
                ("the year", "2011"),
                ("the third quarter", "2010-Q3"),
                ("last year", "2010"),
            ])
        );
        // Without "of the year" the tense decides: a half not begun yet is last year's.
        assert_eq!(
            values("Prices fell in the second half."),
            pairs(&[("the second half", "2010-H2")])
        );
        assert_eq!(
            values("Wages rose in the 1990s and in the late eighties."),
            pairs(&[("the 1990s", "199"), ("the late eighties", "198")])
        );
    }

    #[test]
    fn a_month_with_this_or_last_year_after_it_and_a_second_as_an_ordinal() {
        assert_eq!(
            values("The dam was sealed in June last year and opens in March next year."),
            pairs(&[
                ("June last year", "2010-06"),
                ("March next year", "2012-03")
            ])
        );
        assert_eq!(
            values("A second team arrived. It lasted a second or two."),
            pairs(&[("a second", "PT1S")])
        );
    }

    #[test]
    fn holidays_spoken_years_and_spans_of_counts() {
        assert_eq!(
            values("Shops shut on Christmas Eve 2008 and on Easter 2011; nineteen sixty-eight."),
            pairs(&[
                ("Christmas Eve 2008", "2008-12-24"),
                ("Easter 2011", "2011-04-24"),
                ("nineteen sixty-eight", "1968"),
            ])
        );
        assert_eq!(
            holiday_date("Easter", 2000),
            NaiveDate::from_ymd_opt(2000, 4, 23)
        );
        assert_eq!(
            holiday_date("Thanksgiving", 1999),
            NaiveDate::from_ymd_opt(1999, 11, 25)
        );
        assert_eq!(
            holiday_date("Memorial Day", 2011),
            NaiveDate::from_ymd_opt(2011, 5, 30)
        );
        assert_eq!(
            holiday_date("Election Day", 1998),
            NaiveDate::from_ymd_opt(1998, 11, 3)
        );
        assert_eq!(
            values(
                "It took about six weeks, the two years after were calm, and three-quarters of it went."
            ),
            pairs(&[("six weeks", "P6W"), ("the two years", "P2Y")])
        );
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            values("Signed on Monday, July 4, 2008 and on 5 August 2009; see 2010-01-31."),
            pairs(&[
                ("Monday, July 4, 2008", "2008-07-04"),
                ("5 August 2009", "2009-08-05"),
                ("2010-01-31", "2010-01-31"),
            ])
        );
    }

    #[test]
    fn months_may_and_march_as_verbs_are_not_dates() {
        assert_eq!(
            values("Troops may march on the capital. May I ask?"),
            pairs(&[])
        );
        assert_eq!(values("The Mayor spoke."), pairs(&[]));
    }

    #[test]
    fn counts_that_look_like_years_are_not_years() {
        assert_eq!(
            values("They deployed 1500 troops and paid $2000."),
            pairs(&[])
        );
        assert_eq!(
            values("It grew in 1998 and 2,005 people came."),
            pairs(&[("1998", "1998")])
        );
    }

    #[test]
    fn the_week_of_a_day_is_its_iso_week() {
        assert_eq!(
            values("The vote was set for the week of March 6."),
            pairs(&[("the week of March 6", "2011-W09")])
        );
    }

    #[test]
    fn a_commitment_looks_ahead_and_an_ed_adjective_says_no_tense() {
        // "agreed to buy ... in February": the buying is after the agreement.
        assert_eq!(
            values("Thermo Electron agreed to buy the line for $22 million in February."),
            pairs(&[("February", "2012-02")])
        );
        // "agreed to" a noun: the agreement is what is dated.
        assert_eq!(
            values("The rebels agreed to a truce in February."),
            pairs(&[("February", "2011-02")])
        );
        // "a still unspecified date": an adjective, not a past verb; "would" gives the tense.
        assert_eq!(
            values("The split would be paid on a still unspecified date in January."),
            pairs(&[("January", "2012-01")])
        );
        // "that" opens a clause: "injured" is the verb.
        assert_eq!(
            values("He is a suspect in shootings that injured doctors in November."),
            pairs(&[("November", "2010-11")])
        );
    }
}
