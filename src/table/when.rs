//! The valid time a row gives: an EDTF template filled, or a date or interval made of year,
//! month and day fields (0 = unknown, which lowers the precision; an end year of 0 is an open
//! or unknown end).

use super::cut;
use super::mapping::{DateParts, EndZero, WhenSpec};
use crate::time::When;

/// A problem with a date: the field to name and what is wrong.
pub(super) type DateProblem = (Option<usize>, String);

/// The valid time a row gives.
pub(super) fn when_of(spec: &WhenSpec, values: &[String]) -> Result<When, DateProblem> {
    let edtf = match spec {
        WhenSpec::Text(t) => {
            let text = t.fill(values);
            return When::parse(&text).map_err(|e| {
                (
                    t.field_indexes().first().copied(),
                    format!(
                        "`{}` is not a valid EDTF date ({}); expected a year such as 2013 or a \
                         date such as 2013-06-14",
                        cut(&text),
                        e.to_string().replace(&text, &cut(&text))
                    ),
                )
            });
        }
        WhenSpec::Date(parts) => match date_of(parts, values)? {
            Some(d) => d,
            None => {
                return Err((
                    Some(parts.year),
                    "year 0 or empty: the date is unknown; expected a year such as 1992".into(),
                ));
            }
        },
        WhenSpec::Interval {
            start,
            end,
            end_zero,
        } => {
            let from = date_of(start, values)?.unwrap_or_default();
            let to = match date_of(end, values)? {
                Some(d) => d,
                None => match end_zero {
                    EndZero::Open => "..".to_string(),
                    EndZero::Unknown => String::new(),
                    EndZero::Until(year) => year.clone(),
                },
            };
            if from.is_empty() && to.is_empty() {
                return Err((
                    Some(start.year),
                    "neither the start nor the end year is known; expected a year".into(),
                ));
            }
            format!("{from}/{to}")
        }
    };
    When::parse(&edtf).map_err(|e| {
        let field = match spec {
            WhenSpec::Date(p) => Some(p.day.unwrap_or(p.year)),
            WhenSpec::Interval { start, .. } => Some(start.year),
            WhenSpec::Text(_) => None,
        };
        (
            field,
            format!(
                "the date `{}` is not valid ({}); check the day and month",
                cut(&edtf),
                e.to_string().replace(&edtf, &cut(&edtf))
            ),
        )
    })
}

/// An EDTF date from year, month and day fields, or `None` when the year is 0 or empty. A
/// month or day of 0 (or empty) is unknown and lowers the precision.
fn date_of(parts: &DateParts, values: &[String]) -> Result<Option<String>, DateProblem> {
    let number = |i: usize, what: &str, max: i64| -> Result<i64, DateProblem> {
        let text = values[i].trim();
        if text.is_empty() {
            return Ok(0);
        }
        let n: i64 = text.parse().map_err(|_| {
            (
                Some(i),
                format!(
                    "`{}` is not a {what}; expected a whole number (0 = unknown)",
                    cut(text)
                ),
            )
        })?;
        if !(0..=max).contains(&n) {
            return Err((
                Some(i),
                format!("{n} is not a {what}; expected 1 to {max}, or 0 for unknown"),
            ));
        }
        Ok(n)
    };
    let year = number(parts.year, "year", 9999)?;
    if year == 0 {
        return Ok(None);
    }
    let month = parts.month.map(|i| number(i, "month", 12)).transpose()?;
    let day = parts.day.map(|i| number(i, "day", 31)).transpose()?;
    Ok(Some(match (month, day) {
        (Some(m), Some(d)) if m > 0 && d > 0 => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), _) if m > 0 => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> DateParts {
        DateParts {
            year: 0,
            month: Some(1),
            day: Some(2),
        }
    }

    fn values(y: &str, m: &str, d: &str) -> Vec<String> {
        vec![y.into(), m.into(), d.into()]
    }

    #[test]
    fn zero_month_or_day_lowers_the_precision() {
        assert_eq!(
            date_of(&parts(), &values("1992", "5", "15")).unwrap(),
            Some("1992-05-15".into())
        );
        assert_eq!(
            date_of(&parts(), &values("1992", "5", "0")).unwrap(),
            Some("1992-05".into())
        );
        assert_eq!(
            date_of(&parts(), &values("1992", "0", "15")).unwrap(),
            Some("1992".into())
        );
        assert_eq!(date_of(&parts(), &values("0", "0", "0")).unwrap(), None);
        assert_eq!(date_of(&parts(), &values("", "", "")).unwrap(), None);
        let (field, message) = date_of(&parts(), &values("1992", "13", "1")).unwrap_err();
        assert_eq!(field, Some(1));
        assert!(message.contains("13 is not a month"), "{message}");
    }

    #[test]
    fn an_interval_with_an_unknown_exit_is_open_or_unknown() {
        let end = DateParts {
            year: 3,
            month: Some(4),
            day: Some(5),
        };
        let row: Vec<String> = ["2002", "10", "7", "0", "0", "0"]
            .map(String::from)
            .to_vec();
        let spec = |end_zero| WhenSpec::Interval {
            start: parts(),
            end: end.clone(),
            end_zero,
        };
        assert_eq!(
            when_of(&spec(EndZero::Open), &row).unwrap().as_str(),
            "2002-10-07/.."
        );
        assert_eq!(
            when_of(&spec(EndZero::Unknown), &row).unwrap().as_str(),
            "2002-10-07/"
        );
        let mut closed = row.clone();
        closed[3] = "2012".into();
        closed[4] = "6".into();
        assert_eq!(
            when_of(&spec(EndZero::Open), &closed).unwrap().as_str(),
            "2002-10-07/2012-06"
        );
        assert_eq!(
            when_of(&spec(EndZero::Until("2018".into())), &row)
                .unwrap()
                .as_str(),
            "2002-10-07/2018"
        );
        // An exit before the entry is refused with the date shown.
        closed[3] = "1999".into();
        let (_, message) = when_of(&spec(EndZero::Open), &closed).unwrap_err();
        assert!(message.contains("2002-10-07/1999-06"), "{message}");
    }
}
