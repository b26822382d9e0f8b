//! EDTF valid times: parsing, canonical text, possible-day bounds, precision and timeline order.
//!
//! Parsing and validation are delegated to `edtf-core` (ISO 8601-2 levels 0–2); this module adds
//! what factline needs on top: the earliest and latest possible day as calendar dates, the
//! precision of the value, and the total order used by every timeline. It is also the only
//! place that reads the clock ([`now`]).
//!
//! # Timeline order
//!
//! Values are ordered by
//! 1. the day a reader places them at ([`When::sort_day`]): the earliest possible day, or, when
//!    the start is open, the latest possible day: `../2032` ("until 2032") stands at the end of
//!    2032 and `[..2017-08-25]` ("25 August 2017 or earlier") on 25 August 2017, beside what
//!    else happened then, not before every date;
//! 2. then the latest possible day (an open end, `2006/..`, comes after any date),
//! 3. then precision, coarser first (`1994` before `1994-01/1994-12`),
//! 4. then the canonical EDTF text, so that the order is total.
//!
//! Qualifiers do not move bounds: `2013~` spans 2013-01-01..2013-12-31 like `2013`; how far
//! "about" widens a value when figures are compared is the conflict rules' business.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use edtf_core::{Bound, Date, Edtf, IntervalEndpoint, SetElement, YearKind};
use serde::{Serialize, Serializer};

/// Day number stored for an open (or unknown) start; below every representable date.
pub const OPEN_START_DAY: i64 = -999_999_999;
/// Day number stored for an open (or unknown) end; above every representable date.
pub const OPEN_END_DAY: i64 = 999_999_999;

/// Why a string is not a usable valid time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not EDTF at all, or an impossible date such as `2011-02-30`.
    #[error(
        "`{input}` is not a valid EDTF date ({reason} at character {offset}); valid forms are \
         1994, 2008-07, 2010-12-08, 2009/2011, ../2032, 2006/.., 195X, 2013~, 2011?, 2011%"
    )]
    Syntax {
        input: String,
        reason: &'static str,
        offset: usize,
    },
    /// A valid expression whose days fall outside the calendar range factline stores.
    #[error("`{input}` lies outside the supported years -9999..9999")]
    OutOfRange { input: String },
    /// An interval with no dated end, such as `../..`.
    #[error("`{input}` has no dated end; give at least one date, e.g. ../2032 or 2006/..")]
    Undated { input: String },
}

/// How finely a value pins down its time, from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Millennium,
    Century,
    Decade,
    Year,
    Season,
    Month,
    Day,
}

impl Precision {
    /// Every precision, coarsest first.
    pub const ALL: [Precision; 7] = [
        Precision::Millennium,
        Precision::Century,
        Precision::Decade,
        Precision::Year,
        Precision::Season,
        Precision::Month,
        Precision::Day,
    ];

    /// The lower-case name used in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Millennium => "millennium",
            Precision::Century => "century",
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Season => "season",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }

    /// 0 for the coarsest (millennium) to 6 for the finest (day).
    pub fn rank(self) -> i64 {
        self as i64
    }

    /// The inverse of [`Precision::as_str`].
    pub fn parse(name: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Precision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A parsed EDTF valid time with its computed bounds and precision.
#[derive(Debug, Clone)]
pub struct When {
    text: String,
    earliest: Option<NaiveDate>,
    latest: Option<NaiveDate>,
    precision: Precision,
    approximate: bool,
    uncertain: bool,
}

impl When {
    /// Parses an EDTF expression; the stored text is its canonical form.
    pub fn parse(input: &str) -> Result<When, TimeError> {
        let input = input.trim();
        let edtf = Edtf::parse(input).map_err(|e| TimeError::Syntax {
            input: input.to_string(),
            reason: e.message,
            offset: e.offset,
        })?;
        let out_of_range = || TimeError::OutOfRange {
            input: input.to_string(),
        };
        let bounds = edtf.bounds();
        let earliest = day_of(bounds.earliest).map_err(|()| out_of_range())?;
        let latest = day_of(bounds.latest).map_err(|()| out_of_range())?;
        let precision = precision_of(&edtf).ok_or_else(|| TimeError::Undated {
            input: input.to_string(),
        })?;
        Ok(When {
            text: edtf.to_string(),
            earliest,
            latest,
            precision,
            approximate: edtf.is_approximate(),
            uncertain: edtf.is_uncertain(),
        })
    }

    /// The canonical EDTF text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The earliest possible day, or `None` when the start is open or unknown.
    pub fn earliest(&self) -> Option<NaiveDate> {
        self.earliest
    }

    /// The latest possible day, or `None` when the end is open or unknown.
    pub fn latest(&self) -> Option<NaiveDate> {
        self.latest
    }

    /// The precision of the value (of its coarser end, for an interval).
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// True when any part is marked approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// True when any part is marked uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// The earliest possible day as a day number (see [`day_number`]), open = [`OPEN_START_DAY`].
    pub fn start_day(&self) -> i64 {
        self.earliest.map_or(OPEN_START_DAY, day_number)
    }

    /// The latest possible day as a day number, open = [`OPEN_END_DAY`].
    pub fn end_day(&self) -> i64 {
        self.latest.map_or(OPEN_END_DAY, day_number)
    }

    /// The value as a person reads it: `2009–2011`, `until 2032`, `since 2006`, `July 2008`,
    /// `8 December 2010`, `1950s`, `c. 2013`, `2011?`. Never more precise than the EDTF.
    pub fn human(&self) -> String {
        let text = self.text.as_str();
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            // One of a set: "2013 or later", "1994 or 1995".
            if let Some(start) = inner.strip_suffix("..").filter(|s| !s.contains([',', '.'])) {
                return format!("{} or later", human_date(start));
            }
            if let Some(end) = inner.strip_prefix("..").filter(|s| !s.contains([',', '.'])) {
                return format!("{} or earlier", human_date(end));
            }
            if !inner.contains("..") {
                let words: Vec<String> = inner.split(',').map(human_date).collect();
                return words.join(" or ");
            }
            // One date within a range, not a period: "at a date between July 2008 and
            // December 2009".
            if let Some((start, end)) = inner.split_once("..").filter(|_| !inner.contains(','))
                && !start.is_empty()
                && !end.is_empty()
            {
                return format!(
                    "at a date between {} and {}",
                    human_date(start),
                    human_date(end)
                );
            }
            return text.to_string();
        }
        if text.starts_with('{') {
            return text.to_string();
        }
        match text.split_once('/') {
            Some(("..", end)) => format!("until {}", human_date(end)),
            Some((start, "..")) => format!("since {}", human_date(start)),
            Some((start, "")) => format!("{}–?", human_date(start)),
            Some(("", end)) => format!("?–{}", human_date(end)),
            Some((start, end)) => human_span(start, end),
            None => human_date(text),
        }
    }

    /// The day number a timeline places the value at: its earliest possible day, or its latest
    /// possible day when the start is open (`../2032` on the last day of 2032, `[..2013]` on the
    /// last day of 2013). Stored claims are ordered by the same expression over `start_day`
    /// and `end_day` (index `claim_timeline`, migration V17).
    pub fn sort_day(&self) -> i64 {
        match self.earliest {
            Some(day) => day_number(day),
            None => self.end_day(),
        }
    }

    /// The key that orders timelines (see the module documentation).
    pub fn sort_key(&self) -> (i64, i64, i64, &str) {
        (
            self.sort_day(),
            self.end_day(),
            self.precision.rank(),
            &self.text,
        )
    }
}

impl PartialEq for When {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for When {}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for When {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl FromStr for When {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        When::parse(s)
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A closed interval in words, without repeating a shared month and year:
/// `1–10 July 2008`, `30 June–2 July 2008`, `2009–2011`.
fn human_span(start: &str, end: &str) -> String {
    let (a, b) = (human_date(start), human_date(end));
    let plain = |t: &str| t.len() == 10 && t.chars().all(|c| c.is_ascii_digit() || c == '-');
    if plain(start) && plain(end) && start[..4] == end[..4] {
        let (a_words, b_words): (Vec<&str>, Vec<&str>) =
            (a.split(' ').collect(), b.split(' ').collect());
        if let ([day_a, month_a, _], [day_b, month_b, year]) =
            (a_words.as_slice(), b_words.as_slice())
        {
            return if month_a == month_b {
                format!("{day_a}–{day_b} {month_b} {year}")
            } else {
                format!("{day_a} {month_a}–{day_b} {month_b} {year}")
            };
        }
    }
    format!("{a}–{b}")
}

/// One EDTF date in words; anything unusual (signs, seasons, inner qualifiers) stays as written.
fn human_date(text: &str) -> String {
    let body = text.trim_end_matches(['~', '?', '%']);
    let mark = &text[body.len()..];
    if body.contains(['~', '?', '%']) || body.starts_with(['-', 'Y']) {
        return text.to_string();
    }
    let parts: Vec<&str> = body.split('-').collect();
    let year = parts[0];
    let words = if year.len() != 4 {
        return text.to_string();
    } else if let Some(stem) = year.strip_suffix("XX") {
        if stem.contains('X') {
            return text.to_string();
        }
        format!("{stem}00s")
    } else if let Some(stem) = year.strip_suffix('X') {
        if stem.contains('X') {
            return text.to_string();
        }
        format!("{stem}0s")
    } else if year.contains('X') {
        return text.to_string();
    } else {
        let month = parts.get(1).and_then(|m| m.parse::<usize>().ok());
        let day = parts.get(2).and_then(|d| d.parse::<u32>().ok());
        match (month, day) {
            (Some(m @ 1..=12), Some(d)) => format!("{d} {} {year}", MONTHS[m - 1]),
            (Some(m @ 1..=12), None) => format!("{} {year}", MONTHS[m - 1]),
            (Some(_), _) => return text.to_string(),
            (None, _) if parts.len() > 1 && !parts[1].contains('X') => return text.to_string(),
            (None, _) => year.to_string(),
        }
    };
    match mark {
        "~" => format!("c. {words}"),
        "?" => format!("{words}?"),
        "%" => format!("c. {words}?"),
        _ => words,
    }
}

/// Days since 0001-01-01 (day 1), proleptic Gregorian; monotonic in the date.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// `Ok(None)` for open or unknown ends, `Err` for a day chrono cannot represent.
fn day_of(bound: Bound) -> Result<Option<NaiveDate>, ()> {
    match bound {
        Bound::Date(d) => {
            let year = i32::try_from(d.year).map_err(|_| ())?;
            if !(-9999..=9999).contains(&year) {
                return Err(());
            }
            NaiveDate::from_ymd_opt(year, u32::from(d.month), u32::from(d.day))
                .map(Some)
                .ok_or(())
        }
        Bound::NegativeInfinity | Bound::PositiveInfinity | Bound::Unknown => Ok(None),
    }
}

/// The precision of an expression: the coarsest of its dated parts; `None` if nothing is dated.
fn precision_of(edtf: &Edtf) -> Option<Precision> {
    match edtf {
        Edtf::Date(d) => Some(date_precision(d)),
        Edtf::DateTime(_) => Some(Precision::Day),
        Edtf::Interval(iv) => [iv.start, iv.end]
            .iter()
            .filter_map(|end| match end {
                IntervalEndpoint::Date(d)
                | IntervalEndpoint::OnOrBefore(d)
                | IntervalEndpoint::OnOrAfter(d) => Some(date_precision(d)),
                IntervalEndpoint::Open | IntervalEndpoint::Unknown => None,
            })
            .min(),
        Edtf::Set(set) => set
            .elements
            .iter()
            .flat_map(|el| match el {
                SetElement::Date(d) | SetElement::OnOrBefore(d) | SetElement::OnOrAfter(d) => {
                    vec![date_precision(d)]
                }
                SetElement::Range(a, b) => vec![date_precision(a), date_precision(b)],
            })
            .min(),
    }
}

fn date_precision(d: &Date) -> Precision {
    match d.year.kind {
        YearKind::Standard { digits, .. } if d.year.significant_digits.is_none() => {
            if digits[0].is_none() || digits[1].is_none() {
                return Precision::Millennium;
            }
            if digits[2].is_none() {
                return Precision::Century;
            }
            if digits[3].is_none() {
                return Precision::Decade;
            }
        }
        _ => return Precision::Year,
    }
    let Some(month) = d.month else {
        return Precision::Year;
    };
    match month.value() {
        None => Precision::Year,
        Some(code) if code >= 21 => Precision::Season,
        Some(_) => match d.day {
            Some(day) if !day.has_unspecified() => Precision::Day,
            _ => Precision::Month,
        },
    }
}

/// The current instant as ISO 8601 UTC text with seconds (`2026-11-23T12:00:00Z`).
///
/// `FACTLINE_NOW`, when set to such a text, replaces the clock: it makes recorded-at stamps
/// reproducible in tests and lets an analyst back-date a bulk import.
pub fn now() -> String {
    if let Ok(fixed) = std::env::var("FACTLINE_NOW")
        && let Ok(parsed) = chrono::DateTime::parse_from_rfc3339(fixed.trim())
    {
        return format_instant(parsed.with_timezone(&chrono::Utc));
    }
    format_instant(chrono::Utc::now())
}

fn format_instant(instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses an instant given on the command line (`2026-11-23`, `2026-11-23T10:00:00Z`) into the
/// stored form; a bare date means the end of that day (UTC).
pub fn parse_instant(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(parsed) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(format_instant(parsed.with_timezone(&chrono::Utc)));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(format!("{day}T23:59:59Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn when(s: &str) -> When {
        When::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn bounds(s: &str) -> (Option<String>, Option<String>) {
        let w = when(s);
        (
            w.earliest().map(|d| d.to_string()),
            w.latest().map(|d| d.to_string()),
        )
    }

    fn some(a: &str, b: &str) -> (Option<String>, Option<String>) {
        (Some(a.to_string()), Some(b.to_string()))
    }

    #[test]
    fn year_month_day() {
        assert_eq!(bounds("1994"), some("1994-01-01", "1994-12-31"));
        assert_eq!(when("1994").precision(), Precision::Year);
        assert_eq!(bounds("2008-07"), some("2008-07-01", "2008-07-31"));
        assert_eq!(when("2008-07").precision(), Precision::Month);
        assert_eq!(bounds("2010-12-08"), some("2010-12-08", "2010-12-08"));
        assert_eq!(when("2010-12-08").precision(), Precision::Day);
        assert_eq!(bounds("2012-02"), some("2012-02-01", "2012-02-29"));
    }

    #[test]
    fn intervals_and_open_ends() {
        assert_eq!(bounds("2009/2011"), some("2009-01-01", "2011-12-31"));
        assert_eq!(when("2009/2011").precision(), Precision::Year);
        assert_eq!(
            bounds("2008-07-01/2008-07-10"),
            some("2008-07-01", "2008-07-10")
        );
        assert_eq!(when("2008-07-01/2008-07-10").precision(), Precision::Day);
        // Mixed precision: the coarser end decides.
        assert_eq!(when("2008/2012-06-30").precision(), Precision::Year);
        assert_eq!(bounds("../2032"), (None, Some("2032-12-31".to_string())));
        assert_eq!(bounds("2006/.."), (Some("2006-01-01".to_string()), None));
        assert_eq!(when("../2032").start_day(), OPEN_START_DAY);
        assert_eq!(when("2006/..").end_day(), OPEN_END_DAY);
        // An unknown end is treated as open for the bounds.
        assert_eq!(bounds("2006/"), (Some("2006-01-01".to_string()), None));
    }

    #[test]
    fn unspecified_digits() {
        assert_eq!(bounds("195X"), some("1950-01-01", "1959-12-31"));
        assert_eq!(when("195X").precision(), Precision::Decade);
        assert_eq!(bounds("19XX"), some("1900-01-01", "1999-12-31"));
        assert_eq!(when("19XX").precision(), Precision::Century);
        assert_eq!(when("1XXX").precision(), Precision::Millennium);
        assert_eq!(when("1985-XX").precision(), Precision::Year);
        assert_eq!(when("1985-04-XX").precision(), Precision::Month);
    }

    #[test]
    fn qualifiers_keep_bounds_and_text() {
        for s in ["2013~", "2011?", "2011%"] {
            assert_eq!(when(s).as_str(), s);
            assert_eq!(when(s).precision(), Precision::Year);
        }
        assert_eq!(bounds("2013~"), bounds("2013"));
        assert!(when("2013~").is_approximate());
        assert!(!when("2013~").is_uncertain());
        assert!(when("2011?").is_uncertain());
        assert!(when("2011%").is_uncertain() && when("2011%").is_approximate());
        assert_eq!(when("2004-06~").as_str(), "2004-06~");
    }

    #[test]
    fn seasons_and_sets() {
        assert_eq!(when("2001-21").precision(), Precision::Season);
        assert_eq!(bounds("[1994,1995]"), some("1994-01-01", "1995-12-31"));
    }

    #[test]
    fn impossible_dates_are_errors() {
        for bad in [
            "2011-02-30",
            "2011/2009",
            "2011-13",
            "1900-02-29",
            "20111",
            "",
            "July 2008",
            "../..",
        ] {
            assert!(When::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(When::parse("2000-02-29").is_ok());
        let err = When::parse("2011-02-30").unwrap_err().to_string();
        assert!(
            err.contains("2011-02-30") && err.contains("2009/2011"),
            "{err}"
        );
    }

    #[test]
    fn documented_order() {
        let mut values: Vec<When> = [
            "2006/..",
            "1994-03",
            "1994",
            "1994-01/1994-12",
            "../2032",
            "1994-01-01",
            "199X",
            "2009/2011",
            "[..2017-08-25]",
            "2017~",
            "[..1991]",
            "2032",
            "2033",
            "[2008-07..2009-12]",
        ]
        .iter()
        .map(|s| when(s))
        .collect();
        values.sort();
        let got: Vec<&str> = values.iter().map(When::as_str).collect();
        assert_eq!(
            got,
            [
                "199X",
                "[..1991]",
                "1994-01-01",
                "1994",
                "1994-01/1994-12",
                "1994-03",
                "2006/..",
                "[2008-07..2009-12]",
                "2009/2011",
                "2017~",
                "[..2017-08-25]",
                "2032",
                "../2032",
                "2033",
            ]
        );
    }

    #[test]
    fn human_forms_never_add_precision() {
        for (edtf, words) in [
            ("1994", "1994"),
            ("2008-07", "July 2008"),
            ("2010-12-08", "8 December 2010"),
            ("2009/2011", "2009–2011"),
            ("../2032", "until 2032"),
            ("2006/..", "since 2006"),
            ("2006/", "2006–?"),
            ("195X", "1950s"),
            ("19XX", "1900s"),
            ("2013~", "c. 2013"),
            ("2011?", "2011?"),
            ("2011%", "c. 2011?"),
            ("1985-XX", "1985"),
            ("1985-04-XX", "April 1985"),
            ("2008-07-01/2008-07-10", "1–10 July 2008"),
            ("2008-06-30/2008-07-02", "30 June–2 July 2008"),
            ("2008-12-30/2009-01-02", "30 December 2008–2 January 2009"),
            ("2008-07-01~/2008-07-10", "c. 1 July 2008–10 July 2008"),
            ("2001-21", "2001-21"),
            ("[1994,1995]", "1994 or 1995"),
            ("[2013..]", "2013 or later"),
            (
                "[2008-07..2009-12]",
                "at a date between July 2008 and December 2009",
            ),
            ("[..2008-07]", "July 2008 or earlier"),
            ("{1994,1995}", "{1994,1995}"),
        ] {
            assert_eq!(when(edtf).human(), words, "{edtf}");
        }
    }

    #[test]
    fn instants() {
        assert_eq!(
            parse_instant("2026-11-23").as_deref(),
            Some("2026-11-23T23:59:59Z")
        );
        assert_eq!(
            parse_instant("2026-11-23T10:00:00+02:00").as_deref(),
            Some("2026-11-23T08:00:00Z")
        );
        assert_eq!(parse_instant("yesterday"), None);
    }

    /// Canonical EDTF strings of every supported form, built from parts.
    fn edtf_strategy() -> impl Strategy<Value = String> {
        let year = 1000i32..2100;
        let qual = prop_oneof![Just(""), Just("~"), Just("?"), Just("%")];
        let date = (year, 0u32..=12, 1u32..=28, 0u8..3, qual.clone()).prop_map(
            |(y, m, d, depth, q)| match (depth, m) {
                (0, _) | (_, 0) => format!("{y:04}{q}"),
                (1, m) => format!("{y:04}-{m:02}{q}"),
                (_, m) => format!("{y:04}-{m:02}-{d:02}{q}"),
            },
        );
        let unspecified = (100i32..210, 0u8..2).prop_map(|(decade, wide)| {
            if wide == 0 {
                format!("{decade:03}X")
            } else {
                format!("{:02}XX", decade / 10)
            }
        });
        let plain = (1000i32..2100, 0i32..30);
        let interval = plain.prop_map(|(a, span)| format!("{a:04}/{:04}", a + span));
        let open = (1000i32..2100, any::<bool>()).prop_map(|(y, before)| {
            if before {
                format!("../{y:04}")
            } else {
                format!("{y:04}/..")
            }
        });
        prop_oneof![date, unspecified, interval, open]
    }

    proptest! {
        #[test]
        fn parse_then_format_is_identity(s in edtf_strategy()) {
            let parsed = When::parse(&s).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
            let again = When::parse(parsed.as_str()).unwrap();
            prop_assert_eq!(again.sort_key(), parsed.sort_key());
        }

        #[test]
        fn order_is_total_and_follows_bounds(a in edtf_strategy(), b in edtf_strategy(), c in edtf_strategy()) {
            let (a, b, c) = (when(&a), when(&b), when(&c));
            // Antisymmetric and total: exactly one of <, =, > holds, and = means the same value.
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            // Transitive.
            if a <= b && b <= c {
                prop_assert!(a <= c);
            }
            // Consistent with the days a reader places them at, then their ends.
            if a.sort_day() < b.sort_day() {
                prop_assert!(a < b);
            }
            if a.sort_day() == b.sort_day() && a.end_day() < b.end_day() {
                prop_assert!(a < b);
            }
            // An open start stands at its end, a bounded value at its start.
            prop_assert_eq!(
                a.sort_day(),
                if a.earliest().is_some() { a.start_day() } else { a.end_day() }
            );
            prop_assert!(a.start_day() <= a.end_day());
        }
    }
}
