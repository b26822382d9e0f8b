//! Normalisers of reporting periods: quarters and halves (named, relative, of a year),
//! the year-earlier period (a comparison), "the 1988 quarter", "the latest period" and
//! year-end.

use chrono::Datelike;
use regex::Captures;

use super::{COMPARISON, Ctx, found, head, text, whole};
use crate::extract::TimexType;
use crate::extract::time::Found;
use crate::extract::time::lexicon::month_number;
use crate::extract::time::normalise::{self, Tense, ordinal, quarter_of};

/// The year of a quarter or half written without one: the document's, or with a past tense
/// the previous year when it has not begun yet.
fn quarter_year(ctx: &Ctx, at: usize, q: u32, pre: Option<&str>) -> Option<i32> {
    let dct = ctx.dct?;
    Some(match pre {
        Some("last year's") => dct.year() - 1,
        Some("next year's") => dct.year() + 1,
        Some("this year's") => dct.year(),
        _ => {
            if q > quarter_of(dct) && ctx.tense(at) == Tense::Past {
                dct.year() - 1
            } else {
                dct.year()
            }
        }
    })
}

/// The document's year, or the one before or after it, when the text at `at` goes on with
/// "of the year", "of this year", "of last year" or "of next year".
fn year_named_after(ctx: &Ctx, at: usize) -> Option<i32> {
    let dct = ctx.dct?;
    let rest = head(&ctx.text[at..], 24);
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    let (of, rest) = rest.split_at_checked(2)?;
    if !of.eq_ignore_ascii_case("of") || !rest.starts_with([' ', '\t', '\n', '\r']) {
        return None;
    }
    let mut words = rest.split_ascii_whitespace();
    let which = words.next()?;
    let year = words.next()?;
    let year = year.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    if !year.eq_ignore_ascii_case("year") {
        return None;
    }
    let shift = match which.to_ascii_lowercase().as_str() {
        "the" | "this" => 0,
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    Some(dct.year() + shift)
}

pub(super) fn quarter(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(ord) = text(c, "ord").map(|o| o.to_ascii_lowercase()) else {
        return Vec::new();
    };
    let half = text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("half"));
    if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("quarters")) {
        // "the first two quarters of 1990", "the last two quarters of 1989": a half of that
        // year.
        let year = text(c, "y").and_then(|y| normalise::year(y, None));
        if let (Some(_), Some(y)) = (c.name("two"), year) {
            let half = if ord == "first" { 1 } else { 2 };
            return vec![found(
                ctx,
                s,
                e,
                TimexType::Date,
                format!("{y}-H{half}"),
                None,
                0.8,
            )];
        }
        return Vec::new();
    }
    let n = match ord.as_str() {
        "final" | "last" => {
            if half {
                2
            } else {
                4
            }
        }
        o => match ordinal(o) {
            Some(n) => n,
            None => return Vec::new(),
        },
    };
    if (half && n > 2) || n > 4 || n == 0 {
        return Vec::new();
    }
    let pre = text(c, "pre").map(|p| p.to_ascii_lowercase());
    let year = match (text(c, "y").or(text(c, "py")), c.name("that")) {
        (Some(y), _) => normalise::year(y, None),
        (None, _) if c.name("ago").is_some() => {
            quarter_year(ctx, s, if half { n * 2 } else { n }, pre.as_deref()).map(|y| y - 1)
        }
        (None, Some(_)) => ctx.anchor().year,
        // "the second half of the year", "the third quarter of last year": the year named
        // after it (tagged apart), not the tense.
        _ => match year_named_after(ctx, e) {
            Some(y) => Some(y),
            None => quarter_year(ctx, s, if half { n * 2 } else { n }, pre.as_deref()),
        },
    };
    let y = year.map_or("XXXX".to_string(), |y| y.to_string());
    let value = if half {
        format!("{y}-H{n}")
    } else {
        format!("{y}-Q{n}")
    };
    // The first quarter a report names in a year is the one it is about: a later quarter of
    // that year named without a year of its own ("After a flat second quarter, …", "will
    // result in a fourth-quarter charge") is named beside it, and "a year ago" still compares
    // with the first. One named with its year or as a comparison ("the 2010 second
    // quarter", "the year-earlier second quarter") becomes the one the text is about.
    let year_given = c.name("y").is_some() || c.name("py").is_some() || c.name("ago").is_some();
    let first_of_year = !year_given
        && ctx.anchor().quarter.is_some()
        && year.is_some()
        && ctx.anchor().year == year;
    if !half && !first_of_year {
        let anchor = ctx.anchor_mut();
        anchor.quarter = Some(n);
        anchor.year = year.or(anchor.year);
    }
    // "the third-quarter loss": the hyphenated quarter is an adjective and "the" belongs to
    // the noun after it, not to the expression.
    let mut s = s;
    if let (Some(p), Some(o)) = (c.name("pre"), c.name("ord"))
        && p.as_str().len() >= 3
        && p.as_str()[..3].eq_ignore_ascii_case("the")
        && c.name("py").is_none()
        && c.name("ago").is_none()
        && ctx.text[o.end()..].starts_with('-')
    {
        let after_the = &ctx.text[p.start() + 3..];
        s = ctx.text.len() - after_the.trim_start_matches([' ', '\t']).len();
    }
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.85)]
}

pub(super) fn quarter_relative(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let pre = text(c, "pre")
        .map(|p| p.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(dct) = ctx.dct else {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            "XXXX-QX".into(),
            None,
            0.5,
        )];
    };
    // The quarter the text is about (the last one it named), else the last complete one.
    let current = (dct.year(), quarter_of(dct));
    let last = match (ctx.anchor().year, ctx.anchor().quarter) {
        (Some(y), Some(q)) => (y, q),
        _ => {
            if current.1 == 1 {
                (current.0 - 1, 4)
            } else {
                (current.0, current.1 - 1)
            }
        }
    };
    let ended = if matches!(pre.as_str(), "the" | "that" | "the fiscal") {
        quarter_ended(ctx, e)
    } else {
        None
    };
    let (year, q) = match pre.as_str() {
        _ if ended.is_some() => ended.unwrap_or(last),
        "this" | "current" | "the current" => current,
        "next" | "the next" | "the coming" => {
            if current.1 == 4 {
                (current.0 + 1, 1)
            } else {
                (current.0, current.1 + 1)
            }
        }
        "the year-earlier" | "the year-ago" | "year-earlier" | "year-ago" => (last.0 - 1, last.1),
        "the past" | "the last" | "last" | "latest" | "the latest" | "previous"
        | "the previous" | "the recent" | "the most recent" | "the just-ended" => {
            if current.1 == 1 {
                (current.0 - 1, 4)
            } else {
                (current.0, current.1 - 1)
            }
        }
        _ => last,
    };
    // "the latest quarter", "the quarter" named when the text is about no quarter of that
    // year yet becomes the one it is about, as a named quarter does ("Sales in the latest
    // quarter rose to $155 million from $99 million a year earlier": the quarter a year
    // before). "this quarter" and "next quarter" are beside it, a comparison is never it,
    // and "the quarter ended Sept. 30" leaves it to the day it names ("... a year earlier"
    // is then that day a year before).
    let about = ended.is_none()
        && !matches!(
            pre.as_str(),
            "this"
                | "current"
                | "the current"
                | "next"
                | "the next"
                | "the coming"
                | "the year-earlier"
                | "the year-ago"
                | "year-earlier"
                | "year-ago"
        );
    if about && (ctx.anchor().quarter.is_none() || ctx.anchor().year != Some(year)) {
        let anchor = ctx.anchor_mut();
        anchor.quarter = Some(q);
        anchor.year = Some(year);
    }
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-Q{q}"),
        None,
        0.6,
    )]
}

/// The quarter that "the quarter ended July 31" names, from the text after the match at `e`:
/// the calendar quarter that holds most of the three months ending in that month (May to
/// July: the second), in the latest such month not after the document date.
fn quarter_ended(ctx: &Ctx, e: usize) -> Option<(i32, u32)> {
    let dct = ctx.dct?;
    let mut words = head(&ctx.text[e..], 32).split_ascii_whitespace();
    let verb = words.next()?;
    if !(verb.eq_ignore_ascii_case("ended") || verb.eq_ignore_ascii_case("ending")) {
        return None;
    }
    let month = month_number(words.next()?.trim_end_matches(['.', ',']))?;
    let year = if month <= dct.month() {
        dct.year()
    } else {
        dct.year() - 1
    };
    // The middle month of the three.
    let (year, middle) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    Some((year, (middle - 1) / 3 + 1))
}

/// "the year-earlier period", "year-earlier" (before a noun: "year-earlier profit"), "the
/// corresponding period last year", "last year's quarter", "the quarter a year ago": the
/// period a year before the one the text is about: the quarter it named last, a year before
/// the document's, else the year before the document's. "the" before "year-earlier" counts
/// only with "period".
pub(super) fn year_earlier(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (mut s, e) = whole(c);
    let m = &ctx.text[s..e];
    let lower = m.to_ascii_lowercase();
    let has_period = lower.ends_with("period");
    // "the year-earlier nine months": that span a year before, valued as the span is.
    if let Some(months) = text(c, "nm").and_then(normalise::number) {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Duration,
            format!("P{months}M"),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    // "the year-earlier quarter" leaves "the" out ("year-earlier" is then an adjective of the
    // next noun); "the corresponding period last year", "the quarter a year ago" keep it.
    let adjective = lower
        .strip_prefix("the")
        .is_some_and(|rest| rest.trim_start().starts_with("year-"));
    if !has_period && adjective {
        s += m.len() - m[4..].trim_start().len();
    }
    // "For the nine months, … In the year-earlier period, …": that span of months a year
    // before, valued as the span is ("the nine months" is P9M).
    if has_period && let Some(months) = ctx.months_named_last(s) {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Duration,
            format!("P{months}M"),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    // The year is the document's: the dates named last may themselves be a year back.
    let Some(year) = ctx.dct.map(|d| d.year()).or(ctx.anchor().year) else {
        return Vec::new();
    };
    let value = match ctx.anchor().quarter {
        Some(q) => format!("{}-Q{q}", year - 1),
        None => (year - 1).to_string(),
    };
    let mut f = found(ctx, s, e, TimexType::Date, value, None, 0.6);
    f.rule = COMPARISON;
    vec![f]
}

/// "the 1988 quarter", "the 1988 period": the quarter the text is about (the last one it
/// named) in that year, else the year.
pub(super) fn year_period(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(year) = text(c, "y").and_then(|y| normalise::year(y, None)) else {
        return Vec::new();
    };
    // With no quarter named before (or one a later year cleared: "... third-quarter
    // earnings will be lower than it reported last year. It earned $376,000 in the 1988
    // quarter"), "the 1988 quarter" is the quarter of the last complete one before the
    // document date, as "the latest quarter" is.
    let value = match (ctx.anchor().quarter, ctx.dct) {
        (Some(q), _) => format!("{year}-Q{q}"),
        (None, dct) if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("quarter")) => {
            match dct.map(quarter_of) {
                Some(1) => format!("{year}-Q4"),
                Some(q) => format!("{year}-Q{}", q - 1),
                None => format!("{year}-QX"),
            }
        }
        (None, _) => year.to_string(),
    };
    let mut f = found(ctx, s, e, TimexType::Date, value, None, 0.7);
    // "Sales rose from a year earlier. In the 1988 period, it earned $20.6 million": the
    // period of another year than the one the text is about is a comparison and does not
    // become what the text is about ("the quarter" after it is still the report's).
    if ctx.anchor().year.is_some_and(|y| y != year) {
        f.rule = COMPARISON;
    }
    vec![f]
}

/// "the latest period" in a report on a quarter: that quarter. Without a quarter named
/// before, "the latest period" and "the most recent period" (not "of" something: "the latest
/// period of calm") are the last complete quarter before the document date, as "the latest
/// quarter" is; "the current period", or no document date, leaves the phrase alone.
pub(super) fn latest_period(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let current = ctx.text[s..e].to_ascii_lowercase().contains("current");
    let of = head(ctx.text[e..].trim_start_matches([' ', '\t']), 3)
        .to_ascii_lowercase()
        .starts_with("of ");
    let anchor = ctx.anchor();
    let (year, q) = match (anchor.year, anchor.quarter, ctx.dct) {
        (Some(y), Some(q), _) => (y, q),
        _ if current || of => return Vec::new(),
        (_, _, Some(dct)) if quarter_of(dct) == 1 => (dct.year() - 1, 4),
        (_, _, Some(dct)) => (dct.year(), quarter_of(dct) - 1),
        _ => return Vec::new(),
    };
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-Q{q}"),
        None,
        0.6,
    )]
}

/// "by year-end", "since year end", "around year's end": the end of the year the text is
/// about (TimeML values it as that year, with `mod` END). Only as the object of a preposition
/// or after an approximation: "year-end" before a noun ("year-end bonuses") describes a thing.
/// "since" and a past tense look back to the last year-end before the document date. A
/// deadline is not what the text is about: it does not become the anchor of later dates.
pub(super) fn year_end(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let approx = text(c, "mod").map(|m| m.to_ascii_lowercase());
    let before = ctx.word_before(s);
    if approx.is_none()
        && !matches!(
            before.as_str(),
            "by" | "at"
                | "since"
                | "until"
                | "till"
                | "before"
                | "after"
                | "through"
                | "from"
                | "to"
                | "toward"
                | "towards"
        )
    {
        return Vec::new();
    }
    let year = match text(c, "y").and_then(|y| normalise::year(y, None)) {
        Some(y) => y,
        None => {
            let Some(dct) = ctx.dct else {
                return Vec::new();
            };
            // "by year-end" is a deadline ahead whatever the tense around it; "at year-end"
            // in the past tense reports the last one.
            let deadline = matches!(
                before.as_str(),
                "by" | "until" | "till" | "before" | "toward" | "towards"
            );
            let back =
                before == "since" || (approx.is_none() && !deadline && ctx.tense(s) == Tense::Past);
            if back { dct.year() - 1 } else { dct.year() }
        }
    };
    let md = if approx.is_some() { "APPROX" } else { "END" };
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year:04}"),
        Some(md),
        0.6,
    )]
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values, values_at};

    #[test]
    fn the_year_earlier_period_after_a_span_of_months_is_that_span() {
        assert_eq!(
            values(
                "Net rose in the third quarter. For the nine months, net was $81 million. In \
                 the year-earlier period, net was $77 million. Net for the year-earlier nine \
                 months included a gain."
            ),
            pairs(&[
                ("the third quarter", "2011-Q3"),
                ("the nine months", "P9M"),
                ("the year-earlier period", "P9M"),
                ("the year-earlier nine months", "P9M"),
            ])
        );
        // After a quarter it stays the quarter a year before.
        assert_eq!(
            values("Net rose in the third quarter. In the year-earlier period, it fell."),
            pairs(&[
                ("the third quarter", "2011-Q3"),
                ("the year-earlier period", "2010-Q3"),
            ])
        );
    }

    #[test]
    fn two_quarters_of_a_year_are_a_half_of_it() {
        assert_eq!(
            values(
                "Prices will ease through the first two quarters of 1990 and the last two quarters of 1991."
            ),
            pairs(&[
                ("the first two quarters of 1990", "1990-H1"),
                ("the last two quarters of 1991", "1991-H2"),
            ])
        );
    }

    #[test]
    fn the_latest_period_without_a_quarter_named_is_the_last_complete_quarter() {
        // The document date is 2011-07-20, in the third quarter.
        assert_eq!(
            values("There were no one-time gains in the latest period."),
            pairs(&[("the latest period", "2011-Q2")])
        );
        // Not the current period, nor a period of something.
        assert_eq!(
            values("Sales in the current period rose after the latest period of calm."),
            pairs(&[])
        );
    }

    #[test]
    fn the_same_period_last_year_is_the_quarter_a_year_before() {
        assert_eq!(
            values(
                "Profit rose in the second quarter from the corresponding period last year. \
                 Sales for last year's quarter fell. For the quarter a year ago, it lost money."
            ),
            pairs(&[
                ("the second quarter", "2011-Q2"),
                ("the corresponding period last year", "2010-Q2"),
                ("last year's quarter", "2010-Q2"),
                ("the quarter a year ago", "2010-Q2")
            ])
        );
        // With no quarter named, the year before the document's.
        assert_eq!(
            values("Sales matched the same period last year."),
            pairs(&[("the same period last year", "2010")])
        );
    }

    #[test]
    fn year_end_the_full_year_and_the_future_after_a_preposition() {
        assert_eq!(
            values("Shipping has grown since year-end. The yard closes at year-end."),
            pairs(&[
                ("since year-end", "edtf 2010/.."),
                ("year-end", "2010"),
                ("year-end", "2011")
            ])
        );
        assert_eq!(
            values("Mills paid a year-end dividend. The deal closed around year end 2009."),
            pairs(&[("around year end 2009", "2009")])
        );
        assert_eq!(
            values("Sales for the full year rose, as in the first six months of the year."),
            pairs(&[
                ("the full year", "2011"),
                ("the first six months", "P6M"),
                ("the year", "2011")
            ])
        );
        assert_eq!(
            values("Net for the fiscal year ended May 31 fell; the fiscal year will be weak."),
            pairs(&[
                ("the fiscal year", "P1Y"),
                ("May 31", "2011-05-31"),
                ("the fiscal year", "2011")
            ])
        );
        assert_eq!(
            values("Rents rose later in the year. The year was hard."),
            pairs(&[("later in the year", "2011")])
        );
        assert_eq!(
            values("They fear the future of the mine; the future looks dim, but into the future."),
            pairs(&[("the future", "FUTURE_REF")])
        );
        assert_eq!(
            values("The union was planning to march on Friday."),
            pairs(&[("Friday", "2011-07-22")])
        );
    }

    #[test]
    fn an_adjectival_quarter_leaves_the_out_and_late_yesterday_is_one_expression() {
        assert_eq!(
            values("The third-quarter loss widened, and the fiscal second-quarter sales rose."),
            pairs(&[
                ("third-quarter", "2011-Q3"),
                ("fiscal second-quarter", "2011-Q2")
            ])
        );
        assert_eq!(
            values("The talks ended late yesterday."),
            pairs(&[("late yesterday", "2011-07-19")])
        );
    }

    #[test]
    fn the_first_quarter_named_in_a_year_stays_the_one_compared() {
        assert_eq!(
            values(
                "The firm posted a gain in third-quarter profit. After a weak second quarter, \
                 sales rose. Costs were lower than a year ago."
            ),
            pairs(&[
                ("third-quarter", "2011-Q3"),
                ("second quarter", "2011-Q2"),
                ("a year ago", "2010-Q3"),
            ])
        );
    }

    #[test]
    fn a_second_comparison_is_not_two_years_back() {
        assert_eq!(
            values(
                "Sales fell in the third quarter from a year earlier. Costs rose from a year earlier."
            ),
            pairs(&[
                ("the third quarter", "2011-Q3"),
                ("a year earlier", "2010-Q3"),
                ("a year earlier", "2010-Q3"),
            ])
        );
    }

    #[test]
    fn the_latest_quarter_is_the_one_a_later_comparison_is_with() {
        // "a year earlier" after "the latest quarter" is that quarter a year before, not the
        // year.
        assert_eq!(
            values(
                "Sales in the latest quarter rose to $155 million from $99 million a year earlier."
            ),
            pairs(&[
                ("the latest quarter", "2011-Q2"),
                ("a year earlier", "2010-Q2"),
            ])
        );
    }

    #[test]
    fn a_period_of_another_year_is_a_comparison_not_what_the_report_is_about() {
        assert_eq!(
            values(
                "It earned $5.2 million in the fiscal first quarter. In the 2010 period, it \
                 earned $20 million. Earlier this month, it said it would break even for the \
                 quarter."
            ),
            pairs(&[
                ("the fiscal first quarter", "2011-Q1"),
                ("the 2010 period", "2010-Q1"),
                ("Earlier this month", "2011-07"),
                ("the quarter", "2011-Q1"),
            ])
        );
    }

    #[test]
    fn the_quarter_ended_a_month_is_the_calendar_quarter_of_most_of_it() {
        let oct = chrono::NaiveDate::from_ymd_opt(2011, 10, 26);
        assert_eq!(
            values_at(
                "In the quarter ended May 31, it had 5.6 million shares.",
                oct
            ),
            pairs(&[("the quarter", "2011-Q2"), ("May 31", "2011-05-31")])
        );
        assert_eq!(
            values_at("In the quarter ended Jan. 31, it lost money.", oct),
            pairs(&[("the quarter", "2010-Q4"), ("Jan. 31", "2011-01-31")])
        );
    }

    #[test]
    fn a_years_quarter_with_no_quarter_named_is_the_last_complete_one() {
        // "last year" clears the quarter of the report; "the 2010 quarter" is then the last
        // complete quarter before the document date, in 2010.
        assert_eq!(
            values("It earned $376,000 on revenue of $14.5 million in the 2010 quarter."),
            pairs(&[("the 2010 quarter", "2010-Q2")])
        );
    }
}
