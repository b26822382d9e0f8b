//! Normaliser functions: from the parts a rule captured to TIMEX3 and EDTF values.

use chrono::{Datelike, NaiveDate};

/// A calendar date as TIMEX3/EDTF `YYYY-MM-DD`, or None when it does not exist.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

/// A year from its written digits: four digits as they are, two digits ("'98") in the
/// century that puts it nearest the document date (or the 1900s without one).
pub fn year(digits: &str, dct: Option<NaiveDate>) -> Option<i32> {
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
