//! Readings of a valid time: the days a statement may refer to, naturally and at a stretch.
//!
//! Every rule asks whether two statements could both be true under some reading of their
//! times. A time offers two ranges of readings:
//!
//! * the **natural** span: the days the EDTF value names. An open-ended value (`[2013..]`,
//!   `2006/..`, `../2032`) is read naturally as its dated end's own unit (the year 2013, the year
//!   2006, the year 2032): "2013 or later" most plausibly means 2013.
//! * the **possible** span: every day the value allows. An approximate value (`~`, `%`) is
//!   widened by one unit of its precision on each dated side, on the calendar (`2011~` spans
//!   2010-01-01 … 2012-12-31, `2008-07~` 2008-06-01 … 2008-08-31); an open end extends without
//!   limit. An uncertain value (`?`) is not widened: its doubt is whether it is right at all.
//!
//! A reading inside the natural spans is plain; one that needs the rest of the possible span
//! (the far end of an open range, the margin of a "c.") is strained, and makes a verdict a
//! tension rather than a clean agreement.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::time::{OPEN_END_DAY, OPEN_START_DAY, Precision, When, day_number};

/// Days in an average Gregorian year.
pub const DAYS_PER_YEAR: f64 = 365.2425;

/// A closed range of day numbers ([`day_number`]); open ends are [`OPEN_START_DAY`] and
/// [`OPEN_END_DAY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    pub fn overlaps(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The days both spans cover, if any.
    pub fn intersection(self, other: Span) -> Option<Span> {
        self.overlaps(other).then(|| Span {
            start: self.start.max(other.start),
            end: self.end.min(other.end),
        })
    }

    /// Days from the end of the earlier span to the start of the later; 0 when they overlap.
    pub fn gap_days(self, other: Span) -> i64 {
        if self.overlaps(other) {
            0
        } else if self.end < other.start {
            other.start.saturating_sub(self.end)
        } else {
            self.start.saturating_sub(other.end)
        }
    }

    /// The largest distance in days between a day of this span and a day of `other`; `None`
    /// when an open end makes it unlimited.
    pub fn max_separation(self, other: Span) -> Option<i64> {
        if self.is_open() || other.is_open() {
            return None;
        }
        Some((other.end - self.start).max(self.end - other.start))
    }

    pub fn is_open(self) -> bool {
        self.start == OPEN_START_DAY || self.end == OPEN_END_DAY
    }

    /// Length in days, infinite when open: smaller is more precise.
    pub fn length_days(self) -> f64 {
        if self.is_open() {
            f64::INFINITY
        } else {
            (self.end - self.start) as f64
        }
    }
}

/// The natural and the possible readings of one valid time (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Times {
    pub natural: Span,
    pub possible: Span,
}

impl Times {
    pub fn of(when: &When) -> Times {
        let core = Span {
            start: when.start_day(),
            end: when.end_day(),
        };
        let (months, days) = approximation(when.precision());
        let natural = match (when.earliest(), when.latest()) {
            (Some(first), None) => Span {
                start: core.start,
                end: shift(first, months, days, true).map_or(core.start, |d| {
                    day_number(d).saturating_sub(1).max(core.start)
                }),
            },
            (None, Some(last)) => Span {
                start: shift(last, months, days, false)
                    .map_or(core.end, |d| day_number(d).saturating_add(1).min(core.end)),
                end: core.end,
            },
            _ => core,
        };
        let mut possible = core;
        if when.is_approximate() {
            if let Some(day) = when.earliest().and_then(|d| shift(d, months, days, false)) {
                possible.start = day_number(day).min(possible.start);
            }
            if let Some(day) = when.latest().and_then(|d| shift(d, months, days, true)) {
                possible.end = day_number(day).max(possible.end);
            }
        }
        Times { natural, possible }
    }
}

fn shift(date: NaiveDate, months: u32, days: u64, forward: bool) -> Option<NaiveDate> {
    if forward {
        date.checked_add_months(Months::new(months))
            .and_then(|d| d.checked_add_days(Days::new(days)))
    } else {
        date.checked_sub_months(Months::new(months))
            .and_then(|d| d.checked_sub_days(Days::new(days)))
    }
}

/// One unit of a precision, as (months, days): how far `~` widens a date on each side and how
/// long the natural reading of an open range's dated end is.
pub fn approximation(precision: Precision) -> (u32, u64) {
    match precision {
        Precision::Millennium => (12_000, 0),
        Precision::Century => (1_200, 0),
        Precision::Decade => (120, 0),
        Precision::Year => (12, 0),
        Precision::Season => (3, 0),
        Precision::Month => (1, 0),
        Precision::Day => (0, 1),
    }
}

/// The calendar date of a day number, if it is one.
pub fn date_of(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The year of a day number (for words); `None` for open ends.
pub fn year_of(day: i64) -> Option<i32> {
    if day == OPEN_START_DAY || day == OPEN_END_DAY {
        return None;
    }
    date_of(day).map(|d| d.year())
}

/// A range of days in words at year granularity: `2013`, `2013–2015`, `2013 or later`,
/// `2032 or earlier`, `any time`.
pub fn years_text(span: Span) -> String {
    match (year_of(span.start), year_of(span.end)) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a} or later"),
        (None, Some(b)) => format!("{b} or earlier"),
        (None, None) => "any time".into(),
    }
}

/// Years between two day numbers.
pub fn years_between(from: i64, to: i64) -> f64 {
    (to - from) as f64 / DAYS_PER_YEAR
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(text: &str) -> Times {
        Times::of(&When::parse(text).expect("valid EDTF in test"))
    }

    fn day(text: &str) -> i64 {
        day_number(NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date in test"))
    }

    #[test]
    fn a_year_is_read_as_itself() {
        let t = times("2011");
        assert_eq!(t.natural, t.possible);
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2011-01-01"), day("2011-12-31"))
        );
        assert_eq!(years_text(t.natural), "2011");
    }

    #[test]
    fn approximate_dates_widen_only_the_possible_span() {
        let t = times("2011~");
        assert_eq!(t.natural.start, day("2011-01-01"));
        assert_eq!(t.possible.start, day("2010-01-01"));
        assert_eq!(t.possible.end, day("2012-12-31"));
        let t = times("2008-07~");
        assert_eq!(
            (t.possible.start, t.possible.end),
            (day("2008-06-01"), day("2008-08-31"))
        );
        let t = times("2011-05-17~");
        assert_eq!(
            (t.possible.start, t.possible.end),
            (day("2011-05-16"), day("2011-05-18"))
        );
        // Uncertain is not widened.
        assert_eq!(times("2011?").possible, times("2011").possible);
    }

    #[test]
    fn open_ranges_are_read_naturally_at_their_dated_end() {
        let t = times("[2013..]");
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2013-01-01"), day("2013-12-31"))
        );
        assert_eq!(t.possible.end, OPEN_END_DAY);
        assert_eq!(years_text(t.possible), "2013 or later");
        let t = times("../2032");
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2032-01-01"), day("2032-12-31"))
        );
        assert_eq!(t.possible.start, OPEN_START_DAY);
        let t = times("2006-03/..");
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2006-03-01"), day("2006-03-31"))
        );
    }

    #[test]
    fn intervals_and_sets_keep_their_days() {
        let t = times("2009/2011");
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2009-01-01"), day("2011-12-31"))
        );
        let t = times("[2011-05-17,2011-05-24]");
        assert_eq!(
            (t.natural.start, t.natural.end),
            (day("2011-05-17"), day("2011-05-24"))
        );
        let t = times("195X");
        assert_eq!(years_text(t.natural), "1950–1959");
    }

    #[test]
    fn separation_is_unlimited_with_an_open_end() {
        let a = times("2011").natural;
        let b = times("2013").natural;
        assert_eq!(
            a.max_separation(b),
            Some(day("2013-12-31") - day("2011-01-01"))
        );
        assert_eq!(a.max_separation(times("[2013..]").possible), None);
        assert_eq!(a.gap_days(b), day("2013-01-01") - day("2011-12-31"));
    }
}
