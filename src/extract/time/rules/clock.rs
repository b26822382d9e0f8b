//! Normalisers of clock times: "3 p.m.", "14:30 GMT", "noon" (the day beside them is the
//! engine's: see `engine::clock_days`).

use regex::Captures;

use super::{Ctx, found, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{month_number, weekday_number};
use crate::extract::time::normalise::{day_value, number};

pub(super) fn clock(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(mut h) = text(c, "h").and_then(|h| h.parse::<u32>().ok()) else {
        return Vec::new();
    };
    let mi = text(c, "mi")
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    if let Some(ap) = text(c, "ap") {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&h) {
            return Vec::new();
        }
        if pm && h < 12 {
            h += 12;
        }
        if !pm && h == 12 {
            h = 0;
        }
    }
    if h > 24 || mi > 59 {
        return Vec::new();
    }
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), day_value);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{h:02}:{mi:02}"),
        None,
        0.85,
    )]
}

/// "4 in the morning", "seven in the evening": the hour on the clock the part of the day
/// says (the day beside it is the engine's, as for "4 a.m.").
pub(super) fn clock_part_of_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(mut h) = text(c, "h").and_then(number).map(|h| h as u32) else {
        return Vec::new();
    };
    let mi = text(c, "mi")
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    let pm = text(c, "pod").is_some_and(|p| !p.eq_ignore_ascii_case("morning"));
    if !(1..=12).contains(&h) || mi > 59 {
        return Vec::new();
    }
    if pm && h < 12 {
        h += 12;
    }
    if !pm && h == 12 {
        h = 0;
    }
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), day_value);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{h:02}:{mi:02}"),
        None,
        0.8,
    )]
}

pub(super) fn noon(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let t = if w == "midnight" { "24:00" } else { "12:00" };
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), day_value);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{t}"),
        None,
        0.75,
    )]
}

/// A 24-hour clock time with nothing after it that says so ("14:04", "16:13, January 06,
/// 2022", "June 28, 2012 15:47", "at 09:30"): a time where a time stamp stands (alone at the
/// start of a line, after a date, after a separator such as "•" or "|") or where a
/// preposition of time or a date makes it one; not a ratio, a score, a verse or an offset
/// ("UTC+04:00").
pub(super) fn clock_bare(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let before = &ctx.text[..s];
    if before.ends_with(['+', '-', '−', ':', '.', '/', '(']) {
        return Vec::new();
    }
    let after = &ctx.text[e..];
    if after.starts_with([':', '/'])
        || after.starts_with(['.', ','].as_slice())
            && after[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Vec::new();
    }
    let line = before.rsplit('\n').next().unwrap_or_default();
    let trimmed = line.trim_end_matches([' ', '\t']);
    let prev = trimmed.chars().next_back();
    let stamp = trimmed.is_empty()
        || prev
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '•' | '|' | '·' | ')' | '–' | '—'));
    let signal = matches!(
        ctx.word_before(s).as_str(),
        "at" | "around" | "about" | "by" | "until" | "till" | "before" | "after" | "from" | "since"
    );
    let word_after =
        |rest: &str| -> String { rest.chars().take_while(|c| c.is_alphabetic()).collect() };
    let day_after = word_after(after.trim_start_matches([',', ' ', '\t']));
    let zone_after = word_after(after.trim_start_matches([' ', '\t']));
    let dated = month_number(&day_after).is_some() && day_after.len() >= 3
        || weekday_number(&day_after).is_some()
        || matches!(
            zone_after.as_str(),
            "GMT" | "UTC" | "MSK" | "local" | "hrs" | "hours"
        );
    if !(stamp || signal || dated) {
        return Vec::new();
    }
    clock(c, ctx)
}
