//! Normalisers of clock times: "3 p.m.", "14:30 GMT", "noon" (the day beside them is the
//! engine's: see `engine::clock_days`).

use regex::Captures;

use super::{Ctx, found, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::normalise::day_value;

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
