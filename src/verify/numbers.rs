//! Finding figures and dates in a passage of text: does it state this number, this year, this
//! day?
//!
//! Pure functions, no I/O. Numbers are read as extraction reads them, with the one reader in
//! [`crate::numbers`]: digits in either convention ("6,000", "16.3", "16,3", "1.234.567"),
//! followed by a scale word or its abbreviation ("16,3 million", "2 bn"), and numbers in words
//! ("two million", "eighteen", "twenty-five"), with ordinals ("third").
//! Dates are found by their year, a decade ("1950s"), a month name, a day number, or a year
//! given relative to the publication ("last year", "eighteen years now").

use crate::numbers::{parse_digits, scaled};

/// Every number `text` states, each as written and, when a scale word follows, scaled:
/// "16,3 million" gives 16.3 and 16 300 000.
pub fn numbers(text: &str) -> Vec<f64> {
    let mut out = digit_numbers(text);
    out.extend(word_numbers(&words(text)));
    out
}

/// True when `text` states `amount` (see [`numbers`]).
pub fn mentions_amount(text: &str, amount: f64) -> bool {
    numbers(text).into_iter().any(|n| same(n, amount))
}

/// True when `text` states the date `edtf` (one date, without an interval or set): a year by its
/// digits or relative to `published` (the publication year), a decade by "1950s", a month by its
/// name (and its year, or the publication year when the text gives none), a day by its number,
/// with its month name or its year.
pub fn mentions_date(text: &str, edtf: &str, published: Option<i32>) -> bool {
    let edtf = edtf.trim_end_matches(['~', '?', '%']);
    let mut parts = edtf.split('-');
    let Some(year) = parts.next() else {
        return false;
    };
    let month = parts.next().and_then(|m| m.parse::<u32>().ok());
    let day = parts.next().and_then(|d| d.parse::<u32>().ok());
    if year.len() != 4 {
        return false;
    }
    if let Some(prefix) = year.strip_suffix("XX") {
        // A century: 18XX is "the 19th century".
        let Ok(hundreds) = prefix.parse::<u32>() else {
            return false;
        };
        let ordinal = format!("{}{}", hundreds + 1, ordinal_suffix(hundreds + 1));
        return has_phrase(text, &[ordinal.as_str(), "century"]);
    }
    if let Some(prefix) = year.strip_suffix('X') {
        let decade = format!("{prefix}0s");
        return words(text).contains(&decade);
    }
    let Ok(year) = year.parse::<i32>() else {
        return false;
    };
    let numbers = numbers(text);
    let states = |n: u32| numbers.iter().any(|x| same(*x, f64::from(n)));
    let year_stated = states(year.unsigned_abs()) || relative_year(text, published) == Some(year);
    let year_known = year_stated || published == Some(year);
    let month_named = month.is_some_and(|m| {
        let lower = words(text);
        lower.iter().any(|w| month_number(w) == Some(m))
    });
    match (month, day) {
        (None, _) => year_stated,
        (Some(_), None) => month_named && year_known,
        (Some(_), Some(d)) => states(d) && year_known && (month_named || year_stated),
    }
}

/// Numbers written with digits, with a following scale word applied.
fn digit_numbers(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run of digits, with single separators between digits.
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], ',' | '.')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && i > start))
        {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let Some(value) = parse_digits(&run, false) else {
            continue;
        };
        out.push(value);
        let rest: String = chars[i..].iter().take(16).collect();
        if let Some(scale) = rest
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())
            .and_then(scale_of)
            && rest.trim_start().starts_with(|c: char| c.is_alphabetic())
        {
            // Before a scale word a single comma is a decimal comma ("16,3 million"), as
            // extraction reads it; the reading without the scale is kept too.
            out.push(scaled(value, scale));
            if let Some(before) = parse_digits(&run, true) {
                out.push(scaled(before, scale));
            }
        }
    }
    out
}

/// A scale word after a figure: "hundred", or one extraction reads ("million", "bn", "tn" …).
fn scale_of(word: &str) -> Option<f64> {
    let word = word.to_lowercase();
    if word == "hundred" {
        return Some(1e2);
    }
    crate::numbers::scale(&word)
}

/// Lower-case words of `text`, split at anything but letters and digits ("km-long" is two).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A number word below a hundred (as extraction reads it), or an ordinal up to "tenth".
fn small_number(word: &str) -> Option<f64> {
    if let Some(n) = crate::numbers::small_number(word) {
        return Some(n);
    }
    let n = match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    };
    Some(f64::from(n))
}

/// Numbers in words: each maximal run of number words ("two million", "twenty five") is one
/// number; every prefix value is kept too, so "three" in "three hundred" still counts.
fn word_numbers(words: &[String]) -> Vec<f64> {
    let mut out = Vec::new();
    let (mut total, mut current, mut in_run) = (0.0, 0.0, false);
    for word in words {
        if let Some(n) = small_number(word) {
            current += n;
            in_run = true;
            out.push(total + current);
        } else if let (true, Some(scale)) = (in_run, scale_of(word)) {
            if scale == 1e2 {
                current *= scale;
            } else {
                total += current * scale;
                current = 0.0;
            }
            out.push(total + current);
        } else if in_run && word == "and" {
            continue;
        } else {
            (total, current, in_run) = (0.0, 0.0, false);
        }
    }
    out
}

/// A year stated relative to the publication year: "last year", "this year", "next year",
/// "eighteen years now", "3 years ago".
fn relative_year(text: &str, published: Option<i32>) -> Option<i32> {
    let published = published?;
    let words = words(text);
    for (i, pair) in words.windows(2).enumerate() {
        match (pair[0].as_str(), pair[1].as_str()) {
            ("last" | "previous", "year") => return Some(published - 1),
            ("this", "year") => return Some(published),
            ("next", "year") => return Some(published + 1),
            ("years", "now" | "ago") if i > 0 => {
                let n = words[i - 1]
                    .parse::<f64>()
                    .ok()
                    .or_else(|| small_number(&words[i - 1]))?;
                // Whole years only; the cast is exact for the small numbers words name.
                return Some(published - n as i32);
            }
            _ => {}
        }
    }
    None
}

/// True when the words of `phrase` occur in `text` one after the other.
fn has_phrase(text: &str, phrase: &[&str]) -> bool {
    let words = words(text);
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The month a word names, in English (full or abbreviated) or the Russian genitive that
/// reference lists transliterate ("21 marta 2007").
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [[&str; 3]; 12] = [
        ["january", "jan", "ianvaria"],
        ["february", "feb", "fevralia"],
        ["march", "mar", "marta"],
        ["april", "apr", "aprelia"],
        ["may", "may", "maia"],
        ["june", "jun", "iiunia"],
        ["july", "jul", "iiulia"],
        ["august", "aug", "avgusta"],
        ["september", "sept", "sentiabria"],
        ["october", "oct", "oktiabria"],
        ["november", "nov", "noiabria"],
        ["december", "dec", "dekabria"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Equal up to floating-point noise.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_scale_words() {
        assert!(mentions_amount(
            "population of Kazakhstan at 16,3 million.",
            16_300_000.0
        ));
        assert!(mentions_amount("is 17.6 million and", 17_600_000.0));
        assert!(mentions_amount("a 6,000 km-long border", 6000.0));
        assert!(mentions_amount("over 15,000 soldiers", 15_000.0));
        assert!(mentions_amount("nearly 22% of its population", 22.0));
        assert!(mentions_amount("ranking 48th worldwide", 48.0));
        assert!(mentions_amount(
            "an area of\n11 million hectares",
            11_000_000.0
        ));
        assert!(!mentions_amount("16,3 million", 163.0));
        assert!(!mentions_amount("a 6,000 km-long border", 6.0));
        assert_eq!(parse_digits("1,200.5", false), Some(1200.5));
        assert_eq!(parse_digits("16,3", false), Some(16.3));
    }

    #[test]
    fn numbers_in_words() {
        assert!(mentions_amount(
            "relocated two million Russian",
            2_000_000.0
        ));
        assert!(mentions_amount("three were conducted in 2010", 3.0));
        assert!(mentions_amount("twenty-five soldiers", 25.0));
        assert!(mentions_amount("three hundred and six", 306.0));
        assert!(mentions_amount("the second largest", 2.0));
        assert!(!mentions_amount("two major joint undertakings", 3.0));
        assert!(!mentions_amount("someone said", 1.0));
    }

    #[test]
    fn years_decades_and_centuries() {
        assert!(mentions_date("from 2009 to 2011 in each", "2011", None));
        assert!(mentions_date("A 2013, EurasiaNet article", "2013", None));
        assert!(!mentions_date(
            "the Plan for the period 2008-2012",
            "2010",
            None
        ));
        assert!(mentions_date("in the 1990s, NATO placed", "199X", None));
        assert!(!mentions_date("in the 1990s, NATO placed", "198X", None));
        assert!(mentions_date(
            "in the end of the 19th century",
            "18XX",
            None
        ));
        assert!(mentions_date(
            "For eighteen years now, relations",
            "1992",
            Some(2010)
        ));
        assert!(!mentions_date(
            "For eighteen years now, relations",
            "1992",
            None
        ));
        assert!(mentions_date(
            "became president last year.",
            "2016",
            Some(2017)
        ));
        assert!(!mentions_date(
            "became president last year.",
            "2015",
            Some(2017)
        ));
        assert!(!mentions_date("16,3 million", "16", None));
    }

    #[test]
    fn months_and_days() {
        assert!(mentions_date(
            "on December 8, 2010, in Moscow",
            "2010-12-08",
            None
        ));
        assert!(mentions_date("1 March, 2006", "2006-03-01", None));
        assert!(mentions_date("ot 21 marta 2007 goda", "2007-03-21", None));
        // A day and month without a year: the publication year.
        assert!(mentions_date(
            "in Kokand August 18.",
            "2017-08-18",
            Some(2017)
        ));
        assert!(!mentions_date(
            "in Kokand August 18.",
            "2016-08-18",
            Some(2017)
        ));
        assert!(!mentions_date(
            "in Kokand August 18.",
            "2017-08-19",
            Some(2017)
        ));
        assert!(mentions_date(
            "In June, Berdiyev visited",
            "2017-06",
            Some(2017)
        ));
        assert!(!mentions_date(
            "In June, Berdiyev visited",
            "2017-07",
            Some(2017)
        ));
        assert!(mentions_date(
            "the first ten days of July 2008",
            "2008-07",
            None
        ));
        assert!(mentions_date("on May 17 and 24, 2011", "2011-05-24", None));
    }
}
