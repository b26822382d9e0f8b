//! Normalisers of times relative to the document date or to the dates before them: "last
//! year", "the weekend", "three days ago", "yesterday", "this morning", weekdays,
//! references ("now", "the future") and "the year".

use chrono::{Datelike, NaiveDate};
use regex::Captures;

use super::{COMPARISON, Ctx, found, head, starts_with_word, tail, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{modifier, weekday_number};
use crate::extract::time::normalise::{
    self, Tense, Unit, day_value, edtf, number, relative, shift_days, weekday_date,
};

pub(super) fn relative_unit(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rel = text(c, "rel")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let unit_word = text(c, "u")
        .map(|u| u.to_ascii_lowercase())
        .unwrap_or_default();
    let unit = if unit_word.ends_with("year") {
        Unit::Year
    } else {
        match Unit::parse(&unit_word) {
            Some(u) => u,
            None => return Vec::new(),
        }
    };
    let md = text(c, "mod").and_then(modifier);
    // "over the past year", "in the last year": the year before the document's, as the
    // annotation values it (not "the last year of his term").
    if unit_word == "year"
        && matches!(rel.as_str(), "the past" | "the last")
        && md.is_none()
        && let Some(dct) = ctx.dct
        && !starts_with_word(&ctx.text[e..], "of")
    {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            (dct.year() - 1).to_string(),
            None,
            0.7,
        )];
    }
    // "the disasters of this century": the century so far, valued as a span of a hundred
    // years (as the annotation values both of its uses), not the century's number.
    if unit == Unit::Century && rel == "this" && md.is_none() {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Duration,
            "P100Y".into(),
            None,
            0.7,
        )];
    }
    // "the past year", "the coming week", "the whole month": a duration of one unit.
    if matches!(
        rel.as_str(),
        "past"
            | "coming"
            | "the past"
            | "the last"
            | "the next"
            | "the coming"
            | "the whole"
            | "the entire"
            | "all"
    ) && md.is_none()
    {
        let value = match unit {
            Unit::Decade => "P10Y".to_string(),
            Unit::Century => "P100Y".to_string(),
            Unit::Weekend => "P2D".to_string(),
            u => u.duration(Some(1.0)),
        };
        let mut f = found(ctx, s, e, TimexType::Duration, value, None, 0.7);
        if let (Some(dct), "the past" | "past" | "the last") = (ctx.dct, rel.as_str()) {
            f.edtf = relative(dct, unit, -1)
                .and_then(|v| edtf(&v, None, ctx.dct))
                .map(|from| {
                    let from = from.split('/').next().unwrap_or(&from).to_string();
                    format!("{from}/{}", day_value(dct))
                });
        }
        return vec![f];
    }
    let n = match rel.as_str() {
        "last" | "previous" | "the previous" | "the preceding" | "this past" | "the prior"
        | "prior" => -1,
        "next" | "the following" => 1,
        "this" | "current" | "the current" | "the new" => 0,
        "the same" | "that" => 99,
        _ => 0,
    };
    let anchored = matches!(
        rel.as_str(),
        "the same" | "that" | "the following" | "the previous" | "the preceding" | "the prior"
    );
    let value = if anchored {
        let Some(year) = ctx.anchor().year else {
            return Vec::new();
        };
        let step = if n == 99 { 0 } else { n };
        match unit {
            Unit::Year => (year + step).to_string(),
            Unit::Month => match ctx.anchor().month {
                Some(m) => {
                    let d = NaiveDate::from_ymd_opt(year, m, 1)
                        .map(|d| normalise::shift_months(d, step));
                    match d {
                        Some(d) => d.format("%Y-%m").to_string(),
                        None => return Vec::new(),
                    }
                }
                None => return Vec::new(),
            },
            Unit::Week => match (ctx.anchor().month, ctx.anchor().day) {
                (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
                    Some(d) => normalise::week_value(shift_days(d, 7 * i64::from(step))),
                    None => return Vec::new(),
                },
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
    } else {
        match ctx.dct {
            Some(dct) => match relative(dct, unit, n) {
                Some(v) => v,
                None => return Vec::new(),
            },
            None => match (unit, n) {
                (_, 0) => "PRESENT_REF".into(),
                (_, -1) => "PAST_REF".into(),
                _ => "FUTURE_REF".into(),
            },
        }
    };
    vec![found(ctx, s, e, TimexType::Date, value, md, 0.8)]
}

/// "the weekend": the one before the document date with a past tense (or none), the one
/// after it with a future tense; the ISO week is the one its Saturday is in.
pub(super) fn the_weekend(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(dct) = ctx.dct else {
        return Vec::new();
    };
    let saturday = weekday_date(dct, 5, 0, ctx.tense(s));
    let value = format!("{}-WE", normalise::week_value(saturday));
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.7)]
}

pub(super) fn ago(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(unit) = text(c, "u").and_then(Unit::parse) else {
        return Vec::new();
    };
    let dir = text(c, "dir")
        .map(|d| d.to_ascii_lowercase())
        .unwrap_or_default();
    let sign = if dir == "ago" || dir == "earlier" {
        -1
    } else {
        1
    };
    let n = text(c, "n").and_then(number);
    // "three days later", "a week earlier" count from a time the story tells, not from the
    // document date: the count is a duration of its own, the direction a signal outside it.
    // (A count of years earlier is the comparison of a report, below.)
    if (dir == "earlier" || dir == "later") && (unit != Unit::Year || n.is_none()) {
        return Vec::new();
    }
    let md = text(c, "mod").and_then(modifier).filter(|m| *m == "APPROX");
    let Some(n) = n else {
        let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return vec![found(ctx, s, e, TimexType::Date, value.into(), None, 0.6)];
    };
    let steps = (n.round() as i32) * sign;
    if unit == Unit::Year
        && let Some(y) = ctx.anchor().year.or(ctx.dct.map(|d| d.year()))
    {
        let value =
            if dir == "earlier" && ctx.anchor().quarter.is_none() && ctx.anchor_day_named_before(s)
            {
                // "In the six months ended Aug. 12, it earned C$6.5 million, against C$18.1
                // million a year earlier": the day named, a year before.
                ctx.anchor
                    .month
                    .zip(ctx.anchor().day)
                    .and_then(|(m, d)| normalise::ymd(y + steps, m, d))
            } else if ctx.months_named_last(s).is_some() {
                // "For the nine months, it earned $18.9 million, against a loss a year
                // earlier": the comparison is with that span of the year before, valued as
                // the year.
                Some((y + steps).to_string())
            } else {
                None
            };
        if let Some(value) = value {
            let mut f = found(ctx, s, e, TimexType::Date, value, None, 0.6);
            f.rule = COMPARISON;
            return vec![f];
        }
    }
    // "a year earlier" or "a year ago" when the text is about a quarter: the same quarter a
    // year before.
    if let (Unit::Year, Some(y), Some(q)) = (unit, ctx.anchor().year, ctx.anchor().quarter) {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Date,
            format!("{}-Q{q}", y + steps),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    if (dir == "earlier" || dir == "later")
        && let (Some(y), Unit::Year) = (ctx.anchor().year, unit)
    {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Date,
            (y + steps).to_string(),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    let Some(dct) = ctx.dct else {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            if sign < 0 {
                "PAST_REF".into()
            } else {
                "FUTURE_REF".into()
            },
            None,
            0.5,
        )];
    };
    let value = match unit {
        Unit::Hour | Unit::Minute | Unit::Second => day_value(dct),
        Unit::Decade => (dct.year() + 10 * steps).to_string(),
        Unit::Century => (dct.year() + 100 * steps).to_string(),
        u => match relative(dct, u, steps) {
            Some(v) => v,
            None => return Vec::new(),
        },
    };
    vec![found(ctx, s, e, TimexType::Date, value, md, 0.75)]
}

pub(super) fn deictic(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let offset = match w.as_str() {
        "the day before yesterday" => -2,
        "yesterday" => -1,
        "tomorrow" => 1,
        "the day after tomorrow" => 2,
        _ => 0,
    };
    if let Some(value) = figurative(ctx, &w, s, e) {
        return vec![found(ctx, s, e, TimexType::Date, value.into(), None, 0.7)];
    }
    let pod = text(c, "pod")
        .or(text(c, "mpod"))
        .map(pod_code)
        .or((w == "tonight").then_some("NI"));
    // "late yesterday", "earlier today": a part of the day, the modifier in the expression.
    let md = text(c, "md").and_then(modifier);
    let date = match ctx.dct {
        Some(d) => day_value(shift_days(d, offset)),
        None if offset == 0 && pod.is_none() => "PRESENT_REF".to_string(),
        None => "XXXX-XX-XX".to_string(),
    };
    match pod {
        Some(p) => vec![found(
            ctx,
            s,
            e,
            TimexType::Time,
            format!("{date}T{p}"),
            md,
            0.85,
        )],
        None => vec![found(ctx, s, e, TimexType::Date, date, md, 0.9)],
    }
}

/// A deictic word that names no day: "today's world", "in today's society" (the present at
/// large) and "tomorrow or the day after (tomorrow)", "yesterday or the day before" (any time
/// soon, any time lately).
fn figurative(ctx: &Ctx, w: &str, s: usize, e: usize) -> Option<&'static str> {
    let after = head(&ctx.text[e..], 40).to_lowercase();
    let before = tail(&ctx.text[..s], 24).to_lowercase();
    match w {
        "today" => {
            let rest = after
                .strip_prefix("'s ")
                .or_else(|| after.strip_prefix("’s "))?;
            let noun = rest
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .find(|n| {
                    !matches!(
                        *n,
                        "" | "modern"
                            | "fast-changing"
                            | "changing"
                            | "complex"
                            | "globalised"
                            | "globalized"
                            | "interconnected"
                            | "uncertain"
                    )
                })?;
            matches!(
                noun,
                "world"
                    | "society"
                    | "societies"
                    | "youth"
                    | "generation"
                    | "era"
                    | "age"
                    | "realities"
                    | "reality"
                    | "conditions"
                    | "circumstances"
                    | "environment"
                    | "children"
                    | "young"
                    | "times"
            )
            .then_some("PRESENT_REF")
        }
        "tomorrow" => after
            .trim_start()
            .starts_with("or the day after")
            .then_some("FUTURE_REF"),
        "the day after tomorrow" => before
            .trim_end()
            .ends_with("tomorrow or")
            .then_some("FUTURE_REF"),
        "yesterday" => after
            .trim_start()
            .starts_with("or the day before")
            .then_some("PAST_REF"),
        "the day before yesterday" => before
            .trim_end()
            .ends_with("yesterday or")
            .then_some("PAST_REF"),
        _ => None,
    }
}

/// "Present" closing a span from a date ("31 January 2000 – Present", "1992 to present"), as
/// tables and encyclopedias write an open end: the time of writing.
pub(super) fn present_end(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let before = ctx.text[..s].trim_end_matches([' ', '\t']);
    let before = before
        .strip_suffix(['–', '—', '-'])
        .or_else(|| before.strip_suffix(" to"))
        .or_else(|| before.strip_suffix(" until"))
        .unwrap_or("");
    let after = ctx.text[e..].trim_start_matches([' ', '\t']);
    if !before.trim_end().ends_with(|c: char| c.is_ascii_digit())
        || after.starts_with(|c: char| c.is_alphabetic())
    {
        return Vec::new();
    }
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        "PRESENT_REF".into(),
        None,
        0.7,
    )]
}

fn pod_code(word: &str) -> &'static str {
    match word.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

pub(super) fn part_of_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rel = text(c, "rel")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let pod = text(c, "pod").map(pod_code).unwrap_or("NI");
    let offset = if rel.contains("last") { -1 } else { 0 };
    // "mid-afternoon" alone is the part of the document's day, as "this afternoon" is.
    if rel == "early" || rel == "late" || c.name("hy").is_some() && !rel.starts_with("mid") {
        return Vec::new();
    }
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), |d| {
        day_value(shift_days(d, offset))
    });
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{pod}"),
        None,
        0.8,
    )]
}

/// The part of the day, in the plural, of a weekday paired after another one ("(Monday) and
/// Tuesday nights"): what the first of the pair is every week too.
fn plural_part_of_day_after(rest: &str) -> Option<&'static str> {
    let mut words = head(rest, 40).split_ascii_whitespace();
    if !matches!(words.next()?, "and" | "or") {
        return None;
    }
    weekday_number(words.next()?)?;
    let part = words.next()?;
    let part = part.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
    match part.to_ascii_lowercase().as_str() {
        "mornings" => Some("MO"),
        "afternoons" => Some("AF"),
        "evenings" => Some("EV"),
        "nights" => Some("NI"),
        _ => None,
    }
}

pub(super) fn weekday(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(wd) = text(c, "wd").and_then(weekday_number) else {
        return Vec::new();
    };
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    // "on Sundays", "Saturday mornings", and "Monday" in "Monday and Tuesday nights": every
    // such day, or that part of every such day, as TimeML values a weekday in the plural.
    let plural_pod = match (c.name("pls"), text(c, "pod")) {
        (Some(_), Some(p)) => Some(Some(pod_code(p))),
        _ if c.name("pl").is_some() => Some(None),
        _ => plural_part_of_day_after(&ctx.text[e..]).map(Some),
    };
    if let Some(pod) = plural_pod {
        let start = c.name("wd").map_or(s, |w| w.start());
        let value = format!(
            "XXXX-WXX-{}{}",
            wd + 1,
            pod.map_or(String::new(), |p| format!("T{p}"))
        );
        return vec![found(ctx, start, e, TimexType::Set, value, None, 0.7)];
    }
    let md = rel.as_deref().and_then(modifier);
    let n = match rel.as_deref() {
        Some("last")
        | Some("past")
        | Some("this past")
        | Some("the previous")
        | Some("the preceding") => -1,
        Some("next") | Some("coming") | Some("this coming") | Some("the following") => 1,
        _ => 0,
    };
    // "the previous Friday", "the following Monday": from the day the text last named,
    // the one before or after it (from the document date when it named none).
    if rel.as_deref().is_some_and(|r| r.starts_with("the "))
        && let (Some(y), Some(m), Some(d)) =
            (ctx.anchor().year, ctx.anchor().month, ctx.anchor().day)
        && let Some(day) = NaiveDate::from_ymd_opt(y, m, d)
    {
        let from = day.weekday().num_days_from_monday() as i64;
        let wd = i64::from(wd);
        let offset = if n < 0 {
            -(from - wd - 1).rem_euclid(7) - 1
        } else {
            (wd - from - 1).rem_euclid(7) + 1
        };
        let value = day_value(shift_days(day, offset));
        return vec![found(ctx, s, e, TimexType::Date, value, None, 0.7)];
    }
    // "Wednesday's ruling", "Friday's close": news names an event by the day it happened,
    // the latest such day on or before the document date whatever the verbs around.
    let possessive = rel.is_none() && ["'s", "’s"].iter().any(|p| ctx.text[e..].starts_with(p));
    let tense = if possessive {
        Tense::Past
    } else if rel.is_none() && deadline(ctx, s) {
        Tense::Future
    } else {
        ctx.tense(s)
    };
    let date = match ctx.dct {
        Some(dct) => day_value(weekday_date(dct, wd, n, tense)),
        None => format!("XXXX-WXX-{}", wd + 1),
    };
    // "Friday night" is one expression. TempEval-3's annotation values "evening" as a part
    // of that day ("2000-01-07TEV") but other parts of the day (even "night", by a small
    // margin) most often as the day alone, and types them all as dates.
    let date = match text(c, "pod").map(pod_code) {
        Some("EV") if ctx.dct.is_some() => format!("{date}TEV"),
        _ => date,
    };
    vec![found(ctx, s, e, TimexType::Date, date, md, 0.75)]
}

/// Verbs that put something off to a day: after one, "until Tuesday" is ahead of the
/// document date though the verb is past ("postponed until Tuesday morning", "has given
/// them until 9 a.m. Tuesday").
const DEFERRING: &[&str] = &[
    "postponed",
    "extended",
    "delayed",
    "deferred",
    "adjourned",
    "recessed",
    "given",
    "gave",
    "put off",
    "pushed back",
    "set a deadline",
];

/// Whether the weekday at byte `s` is a deadline ahead: after "until", "till" or "by"
/// (a clock time may come between: "until 9 a.m. EST Tuesday"), with no past verb in the
/// sentence, or one that puts something off. "Up until Thursday, they had described him",
/// "by Monday, officials hardened their stance" are behind.
fn deadline(ctx: &Ctx, s: usize) -> bool {
    let before = &ctx.text[ctx.sentence.start.min(s)..s];
    let mut words = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut word = words.next();
    // A clock time before the weekday: "9 a.m.", "9 a.m. EST", "noon".
    if word.is_some_and(|w| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase())) {
        word = words.next();
    }
    if let Some(w) = word {
        let lower = w.to_ascii_lowercase();
        if matches!(lower.as_str(), "a.m." | "p.m." | "am" | "pm") {
            word = words
                .next()
                .filter(|h| h.bytes().all(|b| b.is_ascii_digit() || b == b':'))
                .and_then(|_| words.next());
        } else if matches!(lower.as_str(), "noon" | "midnight") {
            word = words.next();
        }
    }
    if !word.is_some_and(|w| {
        w.eq_ignore_ascii_case("until")
            || w.eq_ignore_ascii_case("till")
            || w.eq_ignore_ascii_case("by")
    }) {
        return false;
    }
    match ctx.tense(s) {
        Tense::Past => {
            let lower = tail(before, 200).to_ascii_lowercase();
            DEFERRING.iter().any(|d| lower.contains(d))
        }
        _ => true,
    }
}

/// "that day", "the same day", "the following day", "earlier that day": the day the text
/// last named (one day after or before it), which needs one with a day.
pub(super) fn that_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    // "the next morning", "the following evening": the day after the one last named, valued
    // as the day (as "Friday morning" is).
    let rel = text(c, "rel")
        .or(text(c, "rel2"))
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let step = match rel.as_str() {
        "the following" | "the next" => 1,
        "the previous" | "the preceding" | "the prior" => -1,
        _ => 0,
    };
    let (Some(y), Some(m), Some(d)) = (ctx.anchor().year, ctx.anchor().month, ctx.anchor().day)
    else {
        return Vec::new();
    };
    let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else {
        return Vec::new();
    };
    let md = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        day_value(shift_days(day, step)),
        md,
        0.7,
    )]
}

pub(super) fn reference(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(m) = c.name("w") else {
        return Vec::new();
    };
    let w = m.as_str().to_ascii_lowercase();
    let (s, e) = match w.strip_prefix("in ") {
        Some(rest) => (m.end() - rest.len(), m.end()),
        None => (m.start(), m.end()),
    };
    let w = w.trim_start_matches("in ");
    // "for the foreseeable future" is an idiom of "for now", and the annotation leaves it out
    // (none of its two uses in the TempEval-3 training documents is tagged).
    if w == "the foreseeable future" {
        return Vec::new();
    }
    // "current" is an expression as the adjective of time ("the current crisis"), not the
    // noun ("ocean currents", "direct current") nor the account of a balance of payments.
    if w == "current" {
        let after = head(ctx.text[e..].trim_start_matches([' ', '\t']), 16).to_ascii_lowercase();
        if after.starts_with('-')
            || after.starts_with("account")
            || ["direct", "alternating", "electric", "ocean"].contains(&ctx.word_before(s).as_str())
            || !after.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Vec::new();
        }
        // "the then current chairman", "then-current": current at a time past.
        let before = ctx.text[..s].trim_end_matches([' ', '\t', '-']);
        let then_start = before.len().saturating_sub(4);
        if before
            .get(then_start..)
            .is_some_and(|w| w.eq_ignore_ascii_case("then"))
            && !before[..then_start].ends_with(|c: char| c.is_ascii_alphanumeric())
        {
            return vec![found(
                ctx,
                then_start,
                e,
                TimexType::Date,
                "PAST_REF".into(),
                None,
                0.6,
            )];
        }
    }
    // "Now," opening a sentence is a discourse marker ("Now, he says ...") that moves the
    // story on rather than referring to the present time.
    if w == "now" && ctx.text[e..].starts_with(',') {
        let before = ctx.text[..s].trim_end_matches([' ', '\t', '\n', '\r', '"', '`', '\'']);
        if before.is_empty() || before.ends_with(['.', '!', '?']) {
            return Vec::new();
        }
    }
    // "the future" is a time as the object of a preposition of time ("in the future", "plans
    // for the future"); as a subject ("the future looks bleak") or with "of" ("the future of
    // the company") it is the fate of something.
    if w == "the future" {
        let after = head(ctx.text[e..].trim_start_matches([' ', '\t']), 4).to_ascii_lowercase();
        let of =
            after.starts_with("of") && !after[2..].starts_with(|c: char| c.is_ascii_alphabetic());
        let time_preposition = matches!(
            ctx.word_before(s).as_str(),
            "in" | "into" | "for" | "until" | "till" | "about" | "toward" | "towards" | "near"
        );
        if of || !time_preposition {
            return Vec::new();
        }
    }
    // "the present agreement", "the present situation": "present" as an adjective (this one)
    // is no time.
    if w == "the present" {
        let next: String = ctx.text[e..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let lower_word = next.starts_with(|c: char| c.is_lowercase());
        let function = matches!(
            next.as_str(),
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "from"
                | "with"
                | "by"
                | "as"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "that"
                | "which"
                | "when"
                | "where"
                | "while"
                | "than"
                | "day"
                | "time"
                | "moment"
                | "era"
                | "age"
        );
        if lower_word && !function {
            return Vec::new();
        }
    }
    // "the past three summers", "the past several seasons": "the past" opens a span it
    // does not name alone.
    if w == "the past" {
        let next: String = ctx.text[e..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if next.starts_with(|c: char| c.is_ascii_digit())
            || normalise::number(&next).is_some()
            || matches!(next.as_str(), "few" | "several" | "many")
        {
            return Vec::new();
        }
    }
    // "until recently" is the past up to a recent point: PAST_REF, with the signal outside.
    let (s, w) = match w.strip_prefix("until ") {
        Some(rest) => (e - rest.len(), rest),
        None => (s, w),
    };
    // "recent weeks", "in recent months": a span of an unknown number of those units back
    // to now, as TimeML values it ("the weeks ahead" likewise forward); "recent years" is
    // the past at large.
    let span = match w {
        "recent months" | "the months ahead" => Some("PXM"),
        "recent weeks" | "the weeks ahead" => Some("PXW"),
        "recent days" | "the days ahead" => Some("PXD"),
        _ => None,
    };
    if let Some(v) = span {
        return vec![found(ctx, s, e, TimexType::Duration, v.into(), None, 0.7)];
    }
    let value = match w {
        "recently" | "more recently" | "most recently" | "formerly" | "the past"
        | "recent years" | "past years" | "past decades" => "PAST_REF",
        "the future" | "the near term" | "the short term" | "the long term" | "future years"
        | "future months" | "future quarters" | "future weeks" | "future decades"
        | "the near future" | "the distant future" | "the years ahead" | "the coming years"
        | "coming years" | "coming months" | "coming weeks" | "coming days" | "coming quarters" => {
            "FUTURE_REF"
        }
        _ => "PRESENT_REF",
    };
    vec![found(ctx, s, e, TimexType::Date, value.into(), None, 0.7)]
}

/// "the year" before "ended"/"ending" and a date is the twelve months that close on that
/// date ("revenue for the year ended Sept. 30"): a DURATION of a year, the date tagged apart.
/// "for the year" on its own, in a report, is the current year so far, as are "the full
/// year" and "the fiscal year"; so is "the year" after "the end of" or a count of months
/// ("the first nine months of the year"); "the year two thousand" is a date.
pub(super) fn the_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rest = ctx.text[e..].trim_start_matches([' ', '\t', '\n', '\r']);
    let gap = ctx.text[e..].len() - rest.len();
    let after = head(rest, 32).to_ascii_lowercase();
    // "the year two thousand", the millennium year as spoken in broadcast transcripts.
    if let Some(rest) = after.strip_prefix("two thousand")
        && !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        && !rest.trim_start().starts_with("and ")
    {
        let end = e + gap + "two thousand".len();
        return vec![found(
            ctx,
            s,
            end,
            TimexType::Date,
            "2000".into(),
            None,
            0.7,
        )];
    }
    if after.starts_with("ended ") || after.starts_with("ending ") {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Duration,
            "P1Y".into(),
            None,
            0.7,
        )];
    }
    let Some(dct) = ctx.dct else {
        return Vec::new();
    };
    let value = format!("{:04}", dct.year());
    // "sales for the full year", "earnings for the fiscal year", "a high for the year": the
    // year the report is about, the document's.
    if c.name("full").is_some() || ctx.word_before(s) == "for" {
        return vec![found(ctx, s, e, TimexType::Date, value, None, 0.6)];
    }
    // "by the end of the year", "earlier in the year": a part of the document's year, the
    // words before it part of the expression.
    let before = tail(&ctx.text[..s], 20).to_ascii_lowercase();
    for (lead, md) in [
        ("the end of ", "END"),
        ("the beginning of ", "START"),
        ("the start of ", "START"),
        ("the middle of ", "MID"),
        ("earlier in ", "START"),
        ("later in ", "END"),
    ] {
        if before.ends_with(lead) {
            let start = s - lead.len();
            return vec![found(ctx, start, e, TimexType::Date, value, Some(md), 0.6)];
        }
    }
    // "the first nine months of the year", "the second half of the year": the document's
    // year, the part tagged apart.
    if let Some(head) = before.strip_suffix("of ") {
        let unit = head.trim_end().rsplit(' ').next().unwrap_or("");
        if matches!(
            unit,
            "months" | "month" | "weeks" | "quarter" | "quarters" | "half" | "days"
        ) {
            return vec![found(ctx, s, e, TimexType::Date, value, None, 0.6)];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values};

    #[test]
    fn coming_before_plural_units_is_the_future() {
        assert_eq!(
            values("It does not bode well for coming quarters or coming weeks."),
            pairs(&[
                ("coming quarters", "FUTURE_REF"),
                ("coming weeks", "FUTURE_REF")
            ])
        );
    }

    #[test]
    fn a_weekday_put_off_to_is_ahead_and_one_reached_by_a_past_verb_behind() {
        // The document date of `values` is Wednesday 2011-07-20.
        assert_eq!(
            values("The court postponed until Tuesday morning any ruling on the appeal."),
            pairs(&[
                ("until Tuesday morning", "edtf ../2011-07-26"),
                ("Tuesday morning", "2011-07-26"),
            ])
        );
        assert_eq!(
            values("The agency has given the owners until 9 a.m. Friday to sign the paper."),
            pairs(&[
                ("until 9 a.m. Friday", "edtf ../2011-07-22"),
                ("9 a.m. Friday", "2011-07-22T09:00"),
            ])
        );
        assert_eq!(
            values("Up until Monday, the police had described him only as a witness."),
            pairs(&[
                ("until Monday", "edtf ../2011-07-18"),
                ("Monday", "2011-07-18"),
            ])
        );
        assert_eq!(
            values("By Monday, the officials hardened their stance."),
            pairs(&[
                ("By Monday", "edtf ../2011-07-18"),
                ("Monday", "2011-07-18")
            ])
        );
    }

    #[test]
    fn a_weekday_takes_the_tense_of_what_was_planned_and_of_its_own_quotation() {
        assert_eq!(
            values("A march on Saturday was planned by the unions."),
            pairs(&[("Saturday", "2011-07-23")])
        );
        assert_eq!(
            values("''Talks will resume in the capital of the region on Friday,'' he said."),
            pairs(&[("Friday", "2011-07-22")])
        );
        assert_eq!(
            values("The talks resumed on Friday, he said."),
            pairs(&[("Friday", "2011-07-15")])
        );
    }

    #[test]
    fn the_previous_or_following_weekday_counts_from_the_day_last_named() {
        // 2011-03-04 is a Friday.
        assert_eq!(
            values(
                "Shares fell on March 4, after a rise the previous Friday; they rose again \
                 the following Friday."
            ),
            pairs(&[
                ("March 4", "2011-03-04"),
                ("the previous Friday", "2011-02-25"),
                ("the following Friday", "2011-03-04"),
            ])
        );
    }

    #[test]
    fn that_day_is_the_day_last_named() {
        assert_eq!(
            values(
                "Talks opened on March 3. Earlier that day, the envoy left. They ended the following day."
            ),
            pairs(&[
                ("March 3", "2011-03-03"),
                ("Earlier that day", "2011-03-03"),
                ("the following day", "2011-03-04"),
            ])
        );
        // No day named before: no value to give.
        assert_eq!(values("That day will come, they say."), pairs(&[]));
    }

    #[test]
    fn an_hour_in_the_morning_or_evening_is_a_clock_time() {
        assert_eq!(
            values("He will leave at 4 in the morning; the vote is at seven in the evening."),
            pairs(&[
                ("4 in the morning", "2011-07-20T04:00"),
                ("seven in the evening", "2011-07-20T19:00"),
            ])
        );
        assert_eq!(
            values("The plane landed at 4 a.m. Thursday, in the morning fog."),
            pairs(&[("4 a.m. Thursday", "2011-07-14T04:00")])
        );
    }

    #[test]
    fn a_year_earlier_compares_with_the_span_or_the_day_named_before_it() {
        // A report on a quarter: "a year earlier" is that quarter, a year before ...
        assert_eq!(
            values(
                "Net rose in the second quarter to $5 million from $4 million a year earlier. \
                 For the nine months, net was $12 million, against $9 million a year earlier."
            ),
            pairs(&[
                ("the second quarter", "2011-Q2"),
                ("a year earlier", "2010-Q2"),
                ("the nine months", "P9M"),
                ("a year earlier", "2010"),
            ])
        );
        // ... unless a quarter is named after the span of months.
        assert_eq!(
            values("For the nine months, net rose; in the second quarter it fell from a year ago."),
            pairs(&[
                ("the nine months", "P9M"),
                ("the second quarter", "2011-Q2"),
                ("a year ago", "2010-Q2"),
            ])
        );
        // A day named in the sentence, with no quarter: that day a year before.
        assert_eq!(
            values(
                "In the six months ended Aug. 12, it earned C$6.5 million, against C$18.1 \
                 million a year earlier."
            ),
            pairs(&[
                ("the six months", "P6M"),
                ("Aug. 12", "2011-08-12"),
                ("a year earlier", "2010-08-12"),
            ])
        );
    }

    #[test]
    fn the_year_after_for_is_the_documents_year() {
        assert_eq!(
            values("The stock rose to a high for the year of $42.875; for the year, sales fell."),
            pairs(&[("the year", "2011"), ("the year", "2011")])
        );
        // Not on its own.
        assert_eq!(values("It was the year of the flood."), pairs(&[]));
    }

    #[test]
    fn then_current_is_the_past() {
        assert_eq!(
            values("The then current chairman and the then-current plan left the current board."),
            pairs(&[
                ("then current", "PAST_REF"),
                ("then-current", "PAST_REF"),
                ("current", "PRESENT_REF"),
            ])
        );
    }

    #[test]
    fn a_month_just_ahead_of_the_document_date_is_ahead_beside_a_past_verb() {
        assert_eq!(
            values("Reports said the firm told buyers of a cut in its deliveries in September."),
            pairs(&[("September", "2011-09")])
        );
        assert_eq!(
            values("The company changed its fiscal year in March."),
            pairs(&[("March", "2011-03")])
        );
    }

    #[test]
    fn mid_afternoon_is_a_part_of_the_day() {
        assert_eq!(
            values("The vote came in mid-afternoon yesterday. Trading resumed in mid afternoon."),
            pairs(&[
                ("mid-afternoon yesterday", "2011-07-19TAF"),
                ("mid afternoon", "2011-07-20TAF"),
            ])
        );
    }

    #[test]
    fn the_year_before_ended_is_a_duration_and_now_comma_opening_a_sentence_is_not_a_time() {
        assert_eq!(
            values("Net income for the year ended June 30 rose. For the year, sales fell."),
            pairs(&[
                ("the year", "P1Y"),
                ("June 30", "2011-06-30"),
                ("the year", "2011"),
            ])
        );
        assert_eq!(
            values("It was cut. Now, he says, it works now."),
            pairs(&[("now", "PRESENT_REF")])
        );
        assert_eq!(
            values("Ready for the year two thousand."),
            pairs(&[("the year two thousand", "2000")])
        );
        assert_eq!(values("The year before, it fell."), pairs(&[]));
    }

    #[test]
    fn figurative_today_and_tomorrow_name_no_day() {
        assert_eq!(
            values("In today's world alliances shift, he said today."),
            pairs(&[("today", "PRESENT_REF"), ("today", "2011-07-20")])
        );
        assert_eq!(
            values("Nobody knows what comes tomorrow or the day after tomorrow."),
            pairs(&[
                ("tomorrow", "FUTURE_REF"),
                ("the day after tomorrow", "FUTURE_REF")
            ])
        );
        assert_eq!(
            values("The vote is tomorrow."),
            pairs(&[("tomorrow", "2011-07-21")])
        );
    }

    #[test]
    fn the_past_year_is_the_year_before_the_documents() {
        assert_eq!(
            values("Hate groups have grown over the past year, and in the last year they split."),
            pairs(&[("the past year", "2010"), ("the last year", "2010")])
        );
        // "the last year of" something is a span of that thing.
        assert_eq!(
            values("He left in the last year of his term."),
            pairs(&[("the last year", "P1Y")])
        );
    }

    #[test]
    fn this_century_is_a_span_of_a_hundred_years() {
        assert_eq!(
            values("It was the staging ground for many of the disasters of this century."),
            pairs(&[("this century", "P100Y")])
        );
        // With a modifier it stays the century: "early this century".
        assert_eq!(
            values("The treaty was signed early this century."),
            pairs(&[("early this century", "20")])
        );
    }

    #[test]
    fn the_next_morning_is_the_day_after_the_day_last_named() {
        assert_eq!(
            values("He was questioned on March 3. The next morning, he was released."),
            pairs(&[
                ("March 3", "2011-03-03"),
                ("The next morning", "2011-03-04")
            ])
        );
    }

    #[test]
    fn the_foreseeable_future_and_the_past_before_a_count_are_no_times() {
        assert_eq!(
            values("Troops will stay in the region for the foreseeable future."),
            pairs(&[])
        );
        assert_eq!(
            values("Tourists came in the past three summers. In the past, few came."),
            pairs(&[("the past", "PAST_REF")])
        );
    }
}
