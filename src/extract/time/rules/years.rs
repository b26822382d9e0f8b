//! Normalisers of years: in figures and spoken, decades, centuries and seasons.

use chrono::Datelike;
use regex::Captures;

use super::{Ctx, found, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::{modifier, month_number};
use crate::extract::time::normalise::{self, number, ordinal, year_for};

/// A year as it is spoken in broadcast transcripts: "nineteen ninety-six", with a month or
/// a season of it before ("January nineteen ninety-seven", "the winter of nineteen
/// ninety-four").
pub(super) fn spoken_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let century = match text(c, "c").map(str::to_ascii_lowercase).as_deref() {
        Some("nineteen") => 1900,
        Some("twenty") => 2000,
        _ => return Vec::new(),
    };
    let Some(tens) = text(c, "t").and_then(number) else {
        return Vec::new();
    };
    let year = century + tens as i32;
    // The month or season before is read from the text rather than matched by the pattern,
    // which keeps the rule set small.
    let head = ctx.text[..s].trim_end_matches([' ', '\t']);
    let words: Vec<&str> = head.rsplit([' ', '\t', '\n', '\r']).take(3).collect();
    let month = words
        .first()
        .filter(|w| w.len() >= 3 && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .and_then(|w| month_number(w));
    let season = match words.as_slice() {
        [of, season, the, ..]
            if of.eq_ignore_ascii_case("of") && the.eq_ignore_ascii_case("the") =>
        {
            match season.to_ascii_lowercase().as_str() {
                "spring" => Some("SP"),
                "summer" => Some("SU"),
                "autumn" | "fall" => Some("FA"),
                "winter" => Some("WI"),
                _ => None,
            }
        }
        _ => None,
    };
    // The words are slices of `head`: where one starts is its distance from head's start.
    let offset = |w: &str| w.as_ptr() as usize - head.as_ptr() as usize;
    let (start, value) = match (month, season) {
        (Some(m), _) => (offset(words[0]), format!("{year}-{m:02}")),
        (None, Some(code)) => (offset(words[2]), format!("{year}-{code}")),
        (None, None) => (s, year.to_string()),
    };
    vec![found(ctx, start, e, TimexType::Date, value, None, 0.7)]
}

pub(super) fn year_alone(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(y) = c.name("y") else {
        return Vec::new();
    };
    let Ok(year) = y.as_str().parse::<i32>() else {
        return Vec::new();
    };
    let sig = text(c, "sig").map(|s| s.to_ascii_lowercase());
    let md = text(c, "mod").map(|s| s.to_ascii_lowercase());
    let after = &ctx.text[y.end()..];
    let before = &ctx.text[..c.get(0).map_or(0, |m| m.start())];
    // Not a year: money, a decimal or a thousands group, a percentage, a count of things.
    if before.ends_with('$')
        || before.ends_with('#')
        || before.ends_with("No. ")
        // The end of a run of numbers ("555-12-2009", "1991-1997-2003").
        || before
            .strip_suffix('-')
            .is_some_and(|b| b.ends_with(|d: char| d.is_ascii_digit()))
        || after.starts_with(|ch: char| {
            ch == '%' || ch == '-' && after[1..].starts_with(|d: char| d.is_ascii_digit())
        })
        || (after.len() > 1
            && (after.starts_with(',') || after.starts_with('.'))
            && after[1..].starts_with(|d: char| d.is_ascii_digit()))
        || after.starts_with(|ch: char| ch.is_alphanumeric())
    {
        return Vec::new();
    }
    let next_word: String = after
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|ch| ch.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let counted = matches!(
        next_word.as_str(),
        "percent"
            | "people"
            | "persons"
            | "troops"
            | "soldiers"
            | "men"
            | "women"
            | "children"
            | "votes"
            | "members"
            | "workers"
            | "employees"
            | "jobs"
            | "shares"
            | "units"
            | "cars"
            | "homes"
            | "houses"
            | "tons"
            | "tonnes"
            | "km"
            | "miles"
            | "meters"
            | "metres"
            | "feet"
            | "acres"
            | "hectares"
            | "dollars"
            | "euros"
            | "pounds"
            | "yen"
            | "barrels"
            | "points"
            | "students"
            | "families"
            | "refugees"
            | "deaths"
            | "cases"
            | "times"
            | "hours"
            | "days"
            | "years"
            | "copies"
            | "pages"
            | "personnel"
            | "servicemen"
            | "officers"
            | "peacekeepers"
            | "staff"
            | "aircraft"
            | "vehicles"
            | "tanks"
            | "guns"
            | "missiles"
            | "ships"
            | "planes"
            | "helicopters"
            | "flights"
            | "seats"
            | "kilometers"
            | "kilometres"
            | "beds"
            | "customers"
            | "residents"
            | "visitors"
    );
    if counted {
        return Vec::new();
    }
    let word_before = ctx.word_before(c.get(0).map_or(0, |m| m.start()));
    if matches!(
        word_before.as_str(),
        "flight"
            | "route"
            | "room"
            | "article"
            | "resolution"
            | "page"
            | "number"
            | "no"
            | "model"
            | "highway"
            | "interstate"
            | "about"
            | "some"
            | "nearly"
            | "over"
            | "than"
            | "to"
            | "and"
    ) && sig.is_none()
        && md.is_none()
    {
        return Vec::new();
    }
    if sig.is_none() && md.is_none() && !(1800..=2100).contains(&year) {
        return Vec::new();
    }
    let start = c.name("mod").map_or(y.start(), |m| m.start());
    let mut m = md.as_deref().and_then(modifier);
    let mut value = year.to_string();
    match md.as_deref() {
        Some("the summer of") => value = format!("{year}-SU"),
        Some("the spring of") => value = format!("{year}-SP"),
        Some("the autumn of") | Some("the fall of") => value = format!("{year}-FA"),
        Some("the winter of") => value = format!("{year}-WI"),
        Some("the first half of") => {
            value = format!("{year}-H1");
            m = None;
        }
        Some("the second half of") => {
            value = format!("{year}-H2");
            m = None;
        }
        _ => {}
    }
    let score = if sig.is_some() || md.is_some() {
        0.85
    } else {
        0.7
    };
    vec![found(ctx, start, y.end(), TimexType::Date, value, m, score)]
}

pub(super) fn decade(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let base = ctx
        .dct
        .map_or(1900, |d| d.year() - d.year().rem_euclid(100));
    let decade: Option<i32> = if let Some(d) = text(c, "dec") {
        d.parse().ok()
    } else if let Some(d) = text(c, "d2") {
        d.parse::<i32>().ok().map(|n| {
            let century = if base + n > ctx.dct.map_or(1999, |d| d.year()) {
                base - 100
            } else {
                base
            };
            century + n
        })
    } else {
        text(c, "w").and_then(|w| {
            let tens = match w.to_ascii_lowercase().as_str() {
                "twenties" => 20,
                "thirties" => 30,
                "forties" => 40,
                "fifties" => 50,
                "sixties" => 60,
                "seventies" => 70,
                "eighties" => 80,
                "nineties" => 90,
                _ => return None,
            };
            let century = if base + tens > ctx.dct.map_or(1999, |d| d.year()) {
                base - 100
            } else {
                base
            };
            Some(century + tens)
        })
    };
    let Some(decade) = decade else {
        return Vec::new();
    };
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        // TimeML writes a decade as its first three digits ("199" for the 1990s).
        format!("{}", decade / 10),
        m,
        0.85,
    )]
}

pub(super) fn century(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(n) = text(c, "ord").and_then(ordinal) else {
        return Vec::new();
    };
    if !(1..=30).contains(&n) {
        return Vec::new();
    }
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{:02}", n - 1),
        m,
        0.85,
    )]
}

pub(super) fn season(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(word) = text(c, "s") else {
        return Vec::new();
    };
    let word = word.to_ascii_lowercase();
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    // "fall" and "spring" are also verbs and nouns: only with a determiner or a year.
    if (word == "fall" || word == "spring")
        && year.is_none()
        && rel.as_deref().is_none_or(|r| r == "the")
    {
        return Vec::new();
    }
    if rel.is_none() && year.is_none() && word != "summer" && word != "winter" && word != "autumn" {
        return Vec::new();
    }
    let (code, month) = match word.as_str() {
        "spring" => ("SP", 4),
        "summer" => ("SU", 7),
        "autumn" | "fall" => ("FA", 10),
        _ => ("WI", 1),
    };
    let m = rel.as_deref().and_then(modifier);
    let year = year.or_else(|| {
        let dct = ctx.dct?;
        let now = dct.month();
        Some(match rel.as_deref() {
            Some("last") | Some("past") | Some("this past") => {
                if month < now {
                    dct.year()
                } else {
                    dct.year() - 1
                }
            }
            Some("next") | Some("coming") => {
                if month > now {
                    dct.year()
                } else {
                    dct.year() + 1
                }
            }
            Some("this") => dct.year(),
            _ => year_for(dct, month, None, ctx.tense(s)),
        })
    });
    let value = match year {
        Some(y) => format!("{y}-{code}"),
        None => format!("XXXX-{code}"),
    };
    // The span leaves out a bare "the" only when nothing else qualifies the season.
    vec![found(ctx, s, e, TimexType::Date, value, m, 0.75)]
}
