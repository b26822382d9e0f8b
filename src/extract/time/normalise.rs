//! Normaliser functions: numbers and units, the tense of a sentence around an expression,
//! resolution of underspecified dates against the document date, and the EDTF view of a
//! TIMEX3 value.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::{NUMBERS, ORDINALS};

/// A calendar date as `YYYY-MM-DD`, or None when it does not exist.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day).map(day_value)
}

/// A date as `YYYY-MM-DD`.
pub fn day_value(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A year from its written digits: four digits as they are, two digits ("'98") in the
/// century that puts it nearest the document date (or the 1900s without one).
pub fn year(digits: &str, dct: Option<NaiveDate>) -> Option<i32> {
    let digits = digits.trim_start_matches(['\'', '’']);
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(n),
        2 => {
            let base = dct.map_or(1950, |d| d.year() - 50);
            let century = base - base.rem_euclid(100);
            Some(if century + n < base {
                century + 100 + n
            } else {
                century + n
            })
        }
        _ => None,
    }
}

/// A day of the month from "4", "04" or "4th".
pub fn day_number(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// A count written in digits ("18", "2.5", "1,000") or words ("eighteen", "twenty-four",
/// "a", "two and a half"). None for vague counts ("several", "a few").
pub fn number(s: &str) -> Option<f64> {
    let s = s.trim().to_ascii_lowercase();
    if let Ok(n) = s.replace(',', "").parse::<f64>() {
        return Some(n);
    }
    if let Some(whole) = s.strip_suffix(" and a half") {
        return number(whole).map(|n| n + 0.5);
    }
    if let Some(whole) = s.strip_suffix(" 1/2") {
        return number(whole).map(|n| n + 0.5);
    }
    if s == "half a" || s == "half an" {
        return Some(0.5);
    }
    let mut total = 0u32;
    let mut any = false;
    for part in s.split(['-', ' ']).filter(|p| !p.is_empty()) {
        let n = NUMBERS.iter().find(|(w, _)| *w == part).map(|&(_, n)| n)?;
        any = true;
        if n == 100 {
            total = total.max(1) * 100;
        } else {
            total += n;
        }
    }
    any.then_some(f64::from(total))
}

/// An ordinal written as "third", "3rd" or "twenty-first".
pub fn ordinal(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if let Some(n) = s
        .strip_suffix("st")
        .or_else(|| s.strip_suffix("nd"))
        .or_else(|| s.strip_suffix("rd"))
        .or_else(|| s.strip_suffix("th"))
        .and_then(|d| d.parse().ok())
    {
        return Some(n);
    }
    ORDINALS.iter().find(|(w, _)| *w == s).map(|&(_, n)| n)
}

/// A number as TIMEX3 writes it in a duration: "3", "2.5".
pub fn amount(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit a word names ("years", "month", "hrs").
    pub fn parse(word: &str) -> Option<Unit> {
        let w = word.to_ascii_lowercase();
        let w = w.trim_end_matches('s');
        Some(match w {
            "second" | "sec" => Unit::Second,
            "minute" | "min" => Unit::Minute,
            "hour" | "hr" => Unit::Hour,
            "day" => Unit::Day,
            "weekend" => Unit::Weekend,
            "week" | "wk" => Unit::Week,
            "month" | "mo" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" | "yr" => Unit::Year,
            "decade" => Unit::Decade,
            "century" | "centurie" => Unit::Century,
            _ => return None,
        })
    }

    /// A TIMEX3 duration of `n` units (None: an unknown number, written X).
    pub fn duration(self, n: Option<f64>) -> String {
        // A fraction is written in the next smaller unit when it comes out whole there:
        // "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M.
        if let Some(n) = n.filter(|n| n.fract() != 0.0 && *n > 0.0) {
            let (whole, part) = (n.trunc(), n.fract());
            let smaller = match self {
                Unit::Year => Some((12.0, "Y", "M", false)),
                Unit::Day => Some((24.0, "D", "H", true)),
                Unit::Hour => Some((60.0, "H", "M", true)),
                Unit::Minute => Some((60.0, "M", "S", true)),
                _ => None,
            };
            if let Some((k, big, small, time)) = smaller {
                let rest = part * k;
                if (rest - rest.round()).abs() < 1e-9 {
                    let rest = amount(rest.round());
                    let head = if whole > 0.0 {
                        format!("{}{big}", amount(whole))
                    } else {
                        String::new()
                    };
                    return match (self, time) {
                        (Unit::Day, _) => format!("P{head}T{rest}{small}"),
                        (_, true) => format!("PT{head}{rest}{small}"),
                        _ => format!("P{head}{rest}{small}"),
                    };
                }
            }
        }
        let x = |k: f64| n.map_or_else(|| "X".to_string(), |n| amount(n * k));
        match self {
            Unit::Second => format!("PT{}S", x(1.0)),
            Unit::Minute => format!("PT{}M", x(1.0)),
            Unit::Hour => format!("PT{}H", x(1.0)),
            Unit::Day => format!("P{}D", x(1.0)),
            Unit::Weekend => format!("P{}WE", x(1.0)),
            Unit::Week => format!("P{}W", x(1.0)),
            Unit::Month => format!("P{}M", x(1.0)),
            Unit::Quarter => format!("P{}Q", x(1.0)),
            Unit::Year => format!("P{}Y", x(1.0)),
            Unit::Decade => format!("P{}DE", x(1.0)),
            Unit::Century => format!("P{}CE", x(1.0)),
        }
    }
}

/// The tense around an expression, from the nearest verb cue in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Irregular past forms and past auxiliaries.
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "took",
    "made",
    "came",
    "went",
    "got",
    "gave",
    "saw",
    "knew",
    "thought",
    "found",
    "left",
    "met",
    "held",
    "rose",
    "fell",
    "began",
    "became",
    "won",
    "lost",
    "paid",
    "sold",
    "bought",
    "brought",
    "led",
    "ran",
    "spoke",
    "wrote",
    "struck",
    "fought",
    "sent",
    "spent",
    "built",
    "kept",
    "felt",
    "grew",
    "stood",
    "shot",
    "sank",
    "broke",
    "drew",
    "drove",
    "flew",
    "forgot",
    "hid",
    "lay",
    "meant",
    "overtook",
    "quit",
    "rode",
    "rang",
    "sought",
    "shook",
    "slid",
    "stole",
    "swore",
    "taught",
    "threw",
    "understood",
    "woke",
    "wore",
    "ago",
    "earlier",
    "last",
    "previously",
    "former",
    "been",
];

/// Future auxiliaries and cues.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "going",
    "plans",
    "plan",
    "planning",
    "planned",
    "expects",
    "expect",
    "scheduled",
    "next",
    "upcoming",
    "coming",
    "intends",
    "slated",
    "won't",
    "aims",
    "hopes",
    "forecast",
    "forecasts",
    "would",
    "soon",
];

/// Words ending in -ed that are not past verbs.
const NOT_ED: &[&str] = &[
    "need",
    "speed",
    "red",
    "bed",
    "seed",
    "feed",
    "indeed",
    "hundred",
    "proceed",
    "exceed",
    "succeed",
    "breed",
    "greed",
    "shed",
    "led",
    "wed",
    "bred",
    "fled",
    "united",
    "limited",
    "based",
    "related",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "detailed",
    "advanced",
    "supposed",
    "estimated",
    "closed",
    "used",
];

/// Verbs of saying. One dates what it is said beside ("said in March", "In January, the
/// minister said"), not what it reports ("said the vote is in January").
const REPORTING: &[&str] = &[
    "said",
    "told",
    "added",
    "stated",
    "noted",
    "explained",
    "announced",
    "reported",
    "declared",
    "confirmed",
];

/// Words that open or mark a clause of its own between a verb of saying and a date: a
/// complementiser, a present or modal verb. A date past one of them is in what was said.
const CLAUSE: &[&str] = &[
    "that", "is", "are", "am", "will", "would", "can", "could", "must", "should", "may", "might",
    "shall", "has", "have", "to",
];

/// Present forms of "be", after which a participle is a passive.
const PRESENT_BE: &[&str] = &["be", "is", "are", "am", "being"];

/// Future cues that are also nouns, which after a determiner are no cue: "the plan",
/// "its forecast".
const NOUN_CUES: &[&str] = &["plan", "plans", "forecast", "forecasts", "hopes", "aims"];

/// Words before a noun: a future cue after one is the noun ("announced the plan Aug. 21").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these",
    "those", "no", "any", "new",
];

/// What the tense reader knows of a word from the lists above, looked up once per word: the
/// reader runs over every word around every date.
#[derive(Debug, Clone, Copy, Default)]
struct Class {
    cue: Option<Tense>,
    saying: bool,
    clause: bool,
    noun_cue: bool,
    determiner: bool,
    present_be: bool,
    /// "is", "are", "set", "poised", and past verbs of commitment ("agreed", "vowed"):
    /// before "to" they say what is planned ("is to be held", "set to resume", "agreed to
    /// buy").
    plans_with_to: bool,
    not_ed: bool,
    /// A past cue only by its "-ed" ending (no listed word).
    ed: bool,
}

/// Every listed word, lower-cased, with its class.
static CLASSES: LazyLock<HashMap<&'static [u8], Class>> = LazyLock::new(|| {
    let mut map: HashMap<&'static [u8], Class> = HashMap::new();
    let mut mark = |list: &[&'static str], set: fn(&mut Class)| {
        for w in list {
            set(map.entry(w.as_bytes()).or_default());
        }
    };
    // The future list last: a word on both lists would be a future cue.
    mark(PAST, |c| c.cue = Some(Tense::Past));
    mark(FUTURE, |c| c.cue = Some(Tense::Future));
    mark(NOT_ED, |c| c.not_ed = true);
    mark(REPORTING, |c| c.saying = true);
    mark(CLAUSE, |c| c.clause = true);
    mark(NOUN_CUES, |c| c.noun_cue = true);
    mark(DETERMINERS, |c| c.determiner = true);
    mark(PRESENT_BE, |c| c.present_be = true);
    mark(&["is", "are", "set", "poised"], |c| c.plans_with_to = true);
    // A commitment in the past puts what it commits to after it: "agreed to buy the line
    // in February", "voted to strike on Monday".
    mark(
        &["agreed", "decided", "promised", "pledged", "vowed", "voted"],
        |c| c.plans_with_to = true,
    );
    map
});

/// The class of `word` (letters, digits and apostrophes), any case.
fn class(word: &str) -> Class {
    let ed = |w: &[u8]| w.len() > 4 && w[w.len() - 2..].eq_ignore_ascii_case(b"ed");
    // Lower-cased on the stack; a word longer than any listed one is looked at only for
    // "-ed".
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..word.len()) else {
        let ed = ed(word.as_bytes());
        return Class {
            cue: ed.then_some(Tense::Past),
            ed,
            ..Class::default()
        };
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let mut c = CLASSES.get(&*lower).copied().unwrap_or_default();
    if c.cue.is_none() && !c.not_ed && ed(lower) {
        c.cue = Some(Tense::Past);
        c.ed = true;
    }
    c
}

/// The tense of `sentence` around byte offset `at` in it: the nearest cue word, counting
/// words, on either side (the left one on a tie).
pub fn tense(sentence: &str, at: usize) -> Tense {
    tense_with(sentence, at, false)
}

/// [`tense`] for a month or a date. A verb of saying counts as a past cue only where it
/// dates the expression: right after it ("said in March", "announced Aug. 21"), or after
/// the expression with no clause word between ("In January, the minister said"). Further
/// on it reports the date and is no cue ("said the new bridge opens in December", "said
/// the vote is in January"). (For a weekday [`tense`] counts every verb of saying: "said
/// Friday" is most often the day of the saying.)
pub fn tense_of_date(sentence: &str, at: usize) -> Tense {
    tense_with(sentence, at, true)
}

fn tense_with(sentence: &str, at: usize, dating: bool) -> Tense {
    // Word numbers: the last cue before `at`, the last verb of saying before it, the first
    // cue at or after it (and how many words that is).
    let mut left: Option<(usize, Tense)> = None;
    let mut saying_left: Option<usize> = None;
    let mut clause_left = false;
    let mut right: Option<(usize, Tense)> = None;
    let mut first_right: Option<usize> = None;
    let mut clause_right = false;
    let mut count = 0;
    let mut before = Class::default();
    let mut before_be = false;
    let mut before_possessive = false;
    // The last word, the one before it, and whether the last one is an adverb.
    let mut prev_word = "";
    let mut before_adverb = "";
    let mut adverb_before = false;
    // Whether the last words were "had" or "had been": a plan in the past perfect ("had been
    // scheduled to expire Friday", "had planned to leave Monday") was made before a past
    // time and is reported as overtaken, so it dates the past.
    let mut perfect = false;
    // Whether a quotation mark lies between the expression and the cue found after it: a
    // cue past one is in another voice ("... will leave at 4 a.m. Thursday,'' Castro said").
    let quoted = |i: usize| {
        sentence.get(at.min(i)..i).is_some_and(|gap| {
            gap.contains(['"', '\u{201c}', '\u{201d}', '`']) || gap.contains("''")
        })
    };
    let mut right_quoted = false;
    let mut iter = words(sentence).enumerate().peekable();
    while let Some((n, (i, w))) = iter.next() {
        count = n + 1;
        let c = class(w);
        // "next to the embassy": a preposition, not a future cue.
        let next_to = w.eq_ignore_ascii_case("next")
            && iter
                .peek()
                .is_some_and(|(_, (_, v))| v.eq_ignore_ascii_case("to"));
        let (prev, prev_be, prev_possessive) = (before, before_be, before_possessive);
        // "a still unspecified date", "the recently opened bridge": an "-ed" word after a
        // determiner (and an adverb) describes the noun after it and says no tense.
        // ("shootings that injured doctors": "that" opens a clause.)
        let adjective = c.ed && (article(prev_word) || (adverb_before && article(before_adverb)));
        before_adverb = prev_word;
        prev_word = w;
        adverb_before = w.len() > 3 && (w.ends_with("ly") || w.eq_ignore_ascii_case("still"));
        let had = w.eq_ignore_ascii_case("had");
        let after_had = perfect;
        perfect = had || (perfect && w.eq_ignore_ascii_case("been"));
        before = c;
        before_be = w.eq_ignore_ascii_case("be");
        before_possessive = w.ends_with("'s");
        // A participle after "be" ("will be named") takes its tense from the auxiliary.
        let after_be = prev_be && w.len() > 4 && w.ends_with("ed");
        // "the plan", "its forecast": a noun, not a cue.
        let noun = c.noun_cue && (prev.determiner || prev_possessive);
        // A participle after a present "be" is a passive, not a past: "the case is heard in
        // May", "the bonds are paid in January". "is to", "set to": what is planned.
        // "were planning", "was scheduled": a past auxiliary before a future cue takes the
        // cue's tense (what was planned is still ahead).
        let aux_of_future = (w.eq_ignore_ascii_case("was") || w.eq_ignore_ascii_case("were"))
            && iter
                .peek()
                .is_some_and(|(_, (_, v))| class(v).cue == Some(Tense::Future));
        let cue = match c.cue {
            _ if next_to || aux_of_future || adjective => None,
            Some(Tense::Future) if after_had => Some(Tense::Past),
            Some(Tense::Past) if prev.present_be => None,
            // "agreed to a truce Monday": "to" before a noun is no plan.
            None if prev.plans_with_to
                && w.eq_ignore_ascii_case("to")
                && !iter.peek().is_some_and(|(_, (_, v))| class(v).determiner) =>
            {
                Some(Tense::Future)
            }
            t => t,
        };
        let saying = dating && c.saying;
        let clause = dating && c.clause;
        if i < at {
            if saying {
                saying_left = Some(n);
                clause_left = false;
                continue;
            }
            if clause {
                saying_left = None;
                clause_left = true;
            }
            if after_be || noun {
                continue;
            }
            if let Some(t) = cue {
                left = Some((n, t));
                clause_left = false;
            }
        } else {
            let first = *first_right.get_or_insert(n);
            if saying {
                // "In January, the minister said": the saying is dated, unless a clause of
                // the date's own comes between ("The vote is in January, he said").
                if !clause_right && !clause_left {
                    right = Some((n - first + 1, Tense::Past));
                    right_quoted = quoted(i);
                    break;
                }
                continue;
            }
            if clause {
                clause_right = true;
            }
            if after_be || noun {
                continue;
            }
            if let Some(t) = cue {
                right = Some((n - first + 1, t));
                right_quoted = quoted(i);
                break;
            }
        }
    }
    let before_at = first_right.unwrap_or(count);
    // A verb of saying before the expression dates it only right beside it, with at most
    // the expression's preposition between: "said in March", "announced Aug. 21".
    let saying_left = saying_left.filter(|&s| before_at.saturating_sub(s + 1) <= 1);
    let left = match (left, saying_left) {
        (Some((c, _)), Some(s)) if s > c => Some((s, Tense::Past)),
        (None, Some(s)) => Some((s, Tense::Past)),
        (l, _) => l,
    }
    .map(|(n, t)| (before_at.saturating_sub(n + 1), t));
    match (left, right) {
        (Some((l, a)), Some((r, b))) => {
            if l <= r || right_quoted {
                a
            } else {
                b
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// Whether `w` is an article or a possessive, after which an "-ed" word is an adjective.
fn article(w: &str) -> bool {
    [
        "the", "a", "an", "its", "their", "his", "her", "our", "your", "these", "those",
    ]
    .iter()
    .any(|a| a.eq_ignore_ascii_case(w))
}

fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_word_bound_indices_ascii()
}

trait AsciiWords {
    fn split_word_bound_indices_ascii(&self) -> impl Iterator<Item = (usize, &str)>;
}

impl AsciiWords for str {
    fn split_word_bound_indices_ascii(&self) -> impl Iterator<Item = (usize, &str)> {
        let bytes = self.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() && !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'') {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'') {
                i += 1;
            }
            Some((start, &self[start..i]))
        })
    }
}

/// The year of a month (and day) with no year: with a past tense the previous one when it is
/// later in the year than the document date, with a future tense the next one when it is
/// earlier, and without a tense the nearest occurrence.
pub fn year_for(dct: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let key = (
        month,
        day.unwrap_or(if tense == Tense::Past { 1 } else { 31 }),
    );
    let now = (dct.month(), dct.day());
    match tense {
        // A month or day named in the next two months is more likely ahead than most of a
        // year back, even beside a past verb ("said the vote is Dec. 7", "told companies of
        // a cut in supplies in September", "has decided to admit them in early March").
        Tense::Past if (month + 12 - dct.month()) % 12 <= 2 => {
            if month < dct.month() {
                dct.year() + 1
            } else {
                dct.year()
            }
        }
        Tense::Past if key > now && month != dct.month() => dct.year() - 1,
        Tense::Future if key < now && month != dct.month() => dct.year() + 1,
        Tense::Unknown => {
            let diff = month as i32 - dct.month() as i32;
            if diff > 6 {
                dct.year() - 1
            } else if diff < -6 {
                dct.year() + 1
            } else {
                dct.year()
            }
        }
        _ => dct.year(),
    }
}

/// The date of a weekday relative to the document date: `rel` -1 (last), +1 (next) or 0
/// (as the tense says: future → the first on or after, else the latest on or before, since
/// news reports what happened).
pub fn weekday_date(dct: NaiveDate, weekday: u32, rel: i32, tense: Tense) -> NaiveDate {
    let today = dct.weekday().num_days_from_monday() as i64;
    let wd = i64::from(weekday);
    let back = (today - wd).rem_euclid(7);
    let ahead = (wd - today).rem_euclid(7);
    let offset = match (rel, tense) {
        (-1, _) => -(if back == 0 { 7 } else { back }),
        (1, _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (_, Tense::Future) => ahead,
        _ => -back,
    };
    shift_days(dct, offset)
}

/// `d` moved by `days`.
pub fn shift_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// `d` moved by `months`.
pub fn shift_months(d: NaiveDate, months: i32) -> NaiveDate {
    if months >= 0 {
        d.checked_add_months(Months::new(months as u32))
            .unwrap_or(d)
    } else {
        d.checked_sub_months(Months::new(months.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// The ISO week of `d` as TIMEX3 writes it: `1998-W32`.
pub fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The quarter (1–4) `d` is in.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// The TIMEX3 value `n` units before (negative) or after the document date, at the unit's
/// granularity: a day, an ISO week, a month, a quarter, a year, a decade or a century.
pub fn relative(dct: NaiveDate, unit: Unit, n: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => day_value(shift_days(dct, i64::from(n))),
        Unit::Week | Unit::Weekend => {
            let v = week_value(shift_days(dct, 7 * i64::from(n)));
            if unit == Unit::Weekend {
                format!("{v}-WE")
            } else {
                v
            }
        }
        Unit::Month => shift_months(dct, n).format("%Y-%m").to_string(),
        Unit::Quarter => {
            let d = shift_months(dct, 3 * n);
            format!("{}-Q{}", d.year(), quarter_of(d))
        }
        Unit::Year => format!("{}", dct.year() + n),
        Unit::Decade => format!("{}X", (dct.year() + 10 * n).div_euclid(10)),
        Unit::Century => format!("{:02}", (dct.year() + 100 * n).div_euclid(100)),
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}

/// The EDTF view of a TIMEX3 DATE or TIME value (None for durations and sets): weeks,
/// quarters and halves become intervals of days or months, seasons EDTF's season codes,
/// PRESENT_REF the document date, PAST_REF and FUTURE_REF open intervals.
pub fn edtf(value: &str, modifier: Option<&str>, dct: Option<NaiveDate>) -> Option<String> {
    let base = edtf_point(value, dct)?;
    Some(match modifier {
        Some("APPROX") if !base.contains('/') => format!("{base}~"),
        Some("BEFORE") | Some("ON_OR_BEFORE") if !base.contains('/') => format!("../{base}"),
        Some("AFTER") | Some("ON_OR_AFTER") if !base.contains('/') => format!("{base}/.."),
        _ => base,
    })
}

fn edtf_point(value: &str, dct: Option<NaiveDate>) -> Option<String> {
    match value {
        "PRESENT_REF" => return dct.map(day_value),
        "PAST_REF" => return Some(dct.map_or("../..".into(), |d| format!("../{}", day_value(d)))),
        "FUTURE_REF" => {
            return Some(dct.map_or("../..".into(), |d| format!("{}/..", day_value(d))));
        }
        _ => {}
    }
    if value.starts_with('P') {
        return None;
    }
    let date = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = date.split('-').collect();
    let year = parts.first()?;
    match (year.len(), parts.len()) {
        (2, 1) if year.bytes().all(|b| b.is_ascii_digit()) => return Some(format!("{year}XX")),
        (3, 1) if year.bytes().all(|b| b.is_ascii_digit()) => return Some(format!("{year}X")),
        (4, 1) => return Some(year.to_string()),
        _ => {}
    }
    if year.len() != 4 {
        return None;
    }
    let y: Option<i32> = year.parse().ok();
    let second = *parts.get(1)?;
    if let Some(q) = second.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
        let first = 3 * (q.clamp(1, 4) - 1) + 1;
        return Some(format!("{year}-{first:02}/{year}-{:02}", first + 2));
    }
    if let Some(h) = second.strip_prefix('H').and_then(|h| h.parse::<u32>().ok()) {
        let first = 6 * (h.clamp(1, 2) - 1) + 1;
        return Some(format!("{year}-{first:02}/{year}-{:02}", first + 5));
    }
    let season = match second {
        "SP" => Some(21),
        "SU" => Some(22),
        "FA" => Some(23),
        "WI" => Some(24),
        _ => None,
    };
    if let Some(s) = season {
        return Some(format!("{year}-{s}"));
    }
    if let Some(w) = second.strip_prefix('W').and_then(|w| w.parse::<u32>().ok()) {
        let y = y?;
        let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
        if parts.get(2) == Some(&"WE") {
            let sat = shift_days(monday, 5);
            return Some(format!(
                "{}/{}",
                day_value(sat),
                day_value(shift_days(sat, 1))
            ));
        }
        return Some(format!(
            "{}/{}",
            day_value(monday),
            day_value(shift_days(monday, 6))
        ));
    }
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_just_ahead_is_ahead_beside_a_past_verb_and_one_behind_stays_behind() {
        let dct = d(2011, 7, 20);
        assert_eq!(year_for(dct, 9, None, Tense::Past), 2011);
        assert_eq!(year_for(dct, 8, Some(2), Tense::Past), 2011);
        assert_eq!(year_for(dct, 10, None, Tense::Past), 2010);
        assert_eq!(year_for(dct, 3, None, Tense::Past), 2011);
        // Across the turn of the year: "in January" written in November.
        assert_eq!(year_for(d(2011, 11, 20), 1, None, Tense::Past), 2012);
    }

    #[test]
    fn a_past_auxiliary_before_a_future_cue_and_a_cue_past_a_quotation_mark() {
        let s = "The strike on Monday was planned by the union.";
        assert_eq!(tense(s, s.find("Monday").unwrap()), Tense::Future);
        let s = "The strike on Monday was long.";
        assert_eq!(tense(s, s.find("Monday").unwrap()), Tense::Past);
        let s = "\"Talks will resume in the capital of the region on Friday,\" he said.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Future);
        let s = "Talks resumed in the capital on Friday, he said.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Past);
    }

    #[test]
    fn a_plan_in_the_past_perfect_dates_the_past() {
        let s = "The offer had been scheduled to expire at midnight Friday.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Past);
        let s = "They had planned to leave on Monday.";
        assert_eq!(tense(s, s.find("Monday").unwrap()), Tense::Past);
        // Present perfect and simple past plans still look ahead.
        let s = "The offer has been scheduled to expire at midnight Friday.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Future);
        let s = "The vote was scheduled for Friday.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Future);
    }

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(number("eighteen"), Some(18.0));
        assert_eq!(number("twenty-four"), Some(24.0));
        assert_eq!(number("twenty four"), Some(24.0));
        assert_eq!(number("1,000"), Some(1000.0));
        assert_eq!(number("two and a half"), Some(2.5));
        assert_eq!(number("a"), Some(1.0));
        assert_eq!(number("several"), None);
    }

    #[test]
    fn fractions_go_to_the_next_smaller_unit() {
        assert_eq!(Unit::Year.duration(Some(2.5)), "P2Y6M");
        assert_eq!(Unit::Hour.duration(Some(5.5)), "PT5H30M");
        assert_eq!(Unit::Day.duration(Some(1.5)), "P1DT12H");
        assert_eq!(Unit::Minute.duration(Some(0.5)), "PT30S");
        assert_eq!(Unit::Week.duration(Some(1.5)), "P1.5W");
    }

    #[test]
    fn tense_from_the_nearest_cue() {
        let s = "The minister said on Friday that talks will resume in October.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Past);
        assert_eq!(tense(s, s.find("October").unwrap()), Tense::Future);
        assert_eq!(tense("Talks in October", 9), Tense::Unknown);
        // A participle after a present "be" is a passive, no past cue; after "was" it is.
        let s = "The appeal is heard in May.";
        assert_eq!(tense(s, s.find("May").unwrap()), Tense::Unknown);
        let s = "The appeal was heard in May.";
        assert_eq!(tense(s, s.find("May").unwrap()), Tense::Past);
    }

    #[test]
    fn a_verb_of_saying_dates_only_what_it_is_beside() {
        let at = |s: &str, w: &str| tense_of_date(s, s.find(w).unwrap());
        // Beside the date, or after it with nothing but its subject between: the saying.
        let s = "In January, the defence minister said the base would be expanded.";
        assert_eq!(at(s, "January"), Tense::Past);
        let s = "The ministry said in March the contract will be signed.";
        assert_eq!(at(s, "March"), Tense::Past);
        let s = "The thrift announced Aug. 21 that it would sell.";
        assert_eq!(at(s, "Aug."), Tense::Past);
        // The date in what was said: its own clause decides.
        let s = "The ministry said the vote is in March.";
        assert_eq!(at(s, "March"), Tense::Unknown);
        let s = "The vote is in January, the ministry said.";
        assert_eq!(at(s, "January"), Tense::Unknown);
        let s = "The mayor said the new bridge opens in December.";
        assert_eq!(at(s, "December"), Tense::Unknown);
        // Future markers: "will", "is to", "plans".
        let s = "The drills will be held in March.";
        assert_eq!(at(s, "March"), Tense::Future);
        let s = "The drills are to be held in March.";
        assert_eq!(at(s, "March"), Tense::Future);
        let s = "Talks were set to resume on Monday.";
        assert_eq!(tense(s, s.find("Monday").unwrap()), Tense::Future);
        let s = "The ministry plans to hold drills in March, officials said.";
        assert_eq!(at(s, "March"), Tense::Future);
        // "the plan" is a noun, no future cue: the past verb before it counts.
        let s = "Officials announced the plan on Friday.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Past);
        // "next to" is a preposition, no future cue.
        let s = "Two people were killed in a blast next to the embassy on Friday.";
        assert_eq!(tense(s, s.find("Friday").unwrap()), Tense::Past);
    }

    #[test]
    fn months_and_weekdays_resolve_with_tense() {
        let dct = d(2011, 3, 15);
        assert_eq!(year_for(dct, 10, None, Tense::Past), 2010);
        assert_eq!(year_for(dct, 10, None, Tense::Future), 2011);
        assert_eq!(year_for(dct, 1, None, Tense::Future), 2012);
        assert_eq!(year_for(dct, 1, None, Tense::Unknown), 2011);
        assert_eq!(year_for(dct, 11, None, Tense::Unknown), 2010);
        // 2011-03-15 is a Tuesday.
        assert_eq!(weekday_date(dct, 4, 0, Tense::Past), d(2011, 3, 11));
        assert_eq!(weekday_date(dct, 4, 0, Tense::Future), d(2011, 3, 18));
        assert_eq!(weekday_date(dct, 1, -1, Tense::Unknown), d(2011, 3, 8));
        assert_eq!(weekday_date(dct, 0, 0, Tense::Unknown), d(2011, 3, 14));
        assert_eq!(weekday_date(dct, 4, 0, Tense::Unknown), d(2011, 3, 11));
    }

    #[test]
    fn edtf_views() {
        let dct = Some(d(1998, 8, 7));
        assert_eq!(
            edtf("1989-Q3", None, dct).as_deref(),
            Some("1989-07/1989-09")
        );
        assert_eq!(
            edtf("1998-W32", None, dct).as_deref(),
            Some("1998-08-03/1998-08-09")
        );
        assert_eq!(edtf("1998-SU", None, dct).as_deref(), Some("1998-22"));
        assert_eq!(edtf("195X", None, dct).as_deref(), Some("195X"));
        assert_eq!(edtf("18", None, dct).as_deref(), Some("18XX"));
        assert_eq!(
            edtf("PAST_REF", None, dct).as_deref(),
            Some("../1998-08-07")
        );
        assert_eq!(
            edtf("1998-08-07TMO", None, dct).as_deref(),
            Some("1998-08-07")
        );
        assert_eq!(
            edtf("2032", Some("BEFORE"), dct).as_deref(),
            Some("../2032")
        );
        assert_eq!(edtf("P3Y", None, dct), None);
        assert_eq!(
            relative(d(1998, 8, 7), Unit::Week, -1).as_deref(),
            Some("1998-W31")
        );
        assert_eq!(
            relative(d(1998, 1, 8), Unit::Month, -1).as_deref(),
            Some("1997-12")
        );
        assert_eq!(
            relative(d(1989, 10, 25), Unit::Quarter, -1).as_deref(),
            Some("1989-Q3")
        );
    }
}
