//! Small pieces of English shared by every message and output: counts with the right noun,
//! numbers as people write them (`15,000`, `16.3 million`), and EDTF dates in words.

/// "1 claim", "2 claims": a count with the noun that fits it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An EDTF date as people read it (`../2032` → `until 2032`, `[2013..]` → `2013 or later`,
/// `2017~` → `c. 2017`; see [`crate::time::When::human`]); text that is not EDTF as it is.
/// For every output a person reads: machine formats keep the EDTF.
pub fn date(edtf: &str) -> String {
    crate::time::When::parse(edtf.trim()).map_or_else(|_| edtf.to_string(), |w| w.human())
}

/// When [`number`] says "million".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Millions {
    /// Only for whole tenths of a million (`16.3 million`, but `1,234,567`): figures as sources
    /// state them.
    Tenths,
    /// For any amount of a million or more, to four decimals (`1.2346 million`): figures
    /// computed from others.
    Always,
}

/// A number for people: digits grouped by thousands (`15,000`), at most six decimals
/// (`37.8`), millions in words as `millions` says, and `∞`, `−∞` or `NaN` for what is not a
/// finite number.
pub fn number(x: f64, millions: Millions) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "−∞" }.into();
    }
    let abs = x.abs();
    match millions {
        Millions::Always if abs >= 1_000_000.0 => {
            format!("{} million", decimals(x / 1_000_000.0, 4))
        }
        Millions::Always => {
            let rounded = (x * 10_000.0).round() / 10_000.0;
            if rounded.fract() == 0.0 {
                number(rounded, Millions::Tenths)
            } else {
                decimals(x, 4)
            }
        }
        Millions::Tenths if abs >= 1_000_000.0 && (abs / 100_000.0).fract().abs() < 1e-9 => {
            format!("{} million", decimals(x / 1_000_000.0, 6))
        }
        Millions::Tenths if x.fract() == 0.0 && abs < 1e15 => grouped(x),
        Millions::Tenths => decimals(x, 6),
    }
}

/// A figure as a person writes it, the one wording of a value in labels, timelines, briefings
/// and reports: a figure with at most four significant digits as it is (`16.3 million`,
/// `16.35 million`, `15,000`, `37.8`, `6,000`); one with more — a dataset's exact count, a
/// value read between two points — to three significant digits (`17,556,502` is
/// `17.6 million`, `16,538,637.64` is `16.5 million`, `21.5556` is `21.6`), except a whole
/// number below a million, which stays whole (`123,456`). Millions are said in words from a
/// million on. The exact value stays in the data (JSON, CSV, the database).
pub fn figure(x: f64) -> String {
    if !x.is_finite() {
        return number(x, Millions::Tenths);
    }
    let abs = x.abs();
    let rounded = if significant_digits(x) <= 4 || (abs < 1_000_000.0 && x.fract() == 0.0) {
        x
    } else {
        to_significant(x, 3)
    };
    if rounded.abs() >= 1_000_000.0 {
        return format!("{} million", decimals(rounded / 1_000_000.0, 6));
    }
    if rounded.fract() == 0.0 {
        grouped(rounded)
    } else {
        decimals(rounded, 6)
    }
}

/// How many significant digits `x` has, read from its shortest exact decimal text (at most 17).
fn significant_digits(x: f64) -> usize {
    let text = format!("{:e}", x.abs());
    let mantissa = text.split('e').next().unwrap_or("");
    mantissa.chars().filter(char::is_ascii_digit).count()
}

/// `x` rounded to `digits` significant digits.
pub(crate) fn to_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    (x * scale).round() / scale
}

/// A whole number with its thousands separated by commas.
fn grouped(x: f64) -> String {
    let digits = format!("{}", x.abs() as i64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

/// `x` to at most `places` decimals, without trailing zeros (and `0`, not `-0`).
pub fn decimals(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text.as_str()
    };
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_words_and_other_text_stays() {
        assert_eq!(date("../2032"), "until 2032");
        assert_eq!(date("[2013..]"), "2013 or later");
        assert_eq!(date("2013/.."), "since 2013");
        assert_eq!(date("2017~"), "c. 2017");
        assert_eq!(date("2011-07-20"), "20 July 2011");
        assert_eq!(
            date("[2008-07..2009-12]"),
            "at a date between July 2008 and December 2009"
        );
        assert_eq!(date("not a date"), "not a date");
    }

    #[test]
    fn figures_read_as_a_person_writes_them() {
        for (x, words) in [
            (16_300_000.0, "16.3 million"),
            (16_350_000.0, "16.35 million"),
            (11_000_000.0, "11 million"),
            (17_556_502.0, "17.6 million"),
            (9_429_981.0, "9.43 million"),
            (16_538_637.643_395, "16.5 million"),
            (144_963_000.0, "145 million"),
            (1_234_567.0, "1.23 million"),
            (15_000.0, "15,000"),
            (123_456.0, "123,456"),
            (6_000.0, "6,000"),
            (37.8, "37.8"),
            (21.555_55, "21.6"),
            (2.67, "2.67"),
            (0.045_678, "0.0457"),
            (-4.5, "-4.5"),
            (0.0, "0"),
            (60.0, "60"),
        ] {
            assert_eq!(figure(x), words, "{x}");
        }
        assert_eq!(figure(f64::INFINITY), "∞");
    }

    #[test]
    fn counts_take_the_noun_that_fits() {
        assert_eq!(plural(1, "claim", "claims"), "1 claim");
        assert_eq!(plural(0, "entity", "entities"), "0 entities");
    }

    #[test]
    fn stated_figures_say_million_only_for_whole_tenths() {
        assert_eq!(number(16_300_000.0, Millions::Tenths), "16.3 million");
        assert_eq!(number(1_234_567.0, Millions::Tenths), "1,234,567");
        assert_eq!(number(-15_000.0, Millions::Tenths), "-15,000");
        assert_eq!(number(37.8, Millions::Tenths), "37.8");
    }

    #[test]
    fn computed_figures_say_million_from_a_million_on() {
        assert_eq!(number(1_234_567.0, Millions::Always), "1.2346 million");
        assert_eq!(number(16_300_000.0, Millions::Always), "16.3 million");
        assert_eq!(number(15_000.000_01, Millions::Always), "15,000");
        assert_eq!(number(21.555_55, Millions::Always), "21.5556");
        assert_eq!(number(-0.000_01, Millions::Always), "0");
        assert_eq!(number(f64::INFINITY, Millions::Always), "∞");
        assert_eq!(number(f64::NEG_INFINITY, Millions::Tenths), "−∞");
    }
}
