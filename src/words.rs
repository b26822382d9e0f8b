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
            "between July 2008 and December 2009"
        );
        assert_eq!(date("not a date"), "not a date");
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
