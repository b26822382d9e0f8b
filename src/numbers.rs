//! The one reader of English numbers, for extraction, quote verification and the time rules:
//! number words below a hundred ("twenty-five"), scale words and their abbreviations
//! ("million", "mn", "m", "bn", "tn"), a figure scaled without binary noise, and digit groups
//! in either convention ("15,000", "16,3 million", "1.234.567", "1,234.5"). Pure functions of
//! their text; nothing here knows about the crate.

/// The largest amount read as a figure; larger runs of digits are ids or codes.
pub const MAX_AMOUNT: f64 = 1e15;

/// Number words below a hundred, by value.
pub fn small_number(word: &str) -> Option<f64> {
    if let Some(n) = ones(word).or_else(|| tens(word)) {
        return Some(f64::from(n));
    }
    // "twenty-five"
    let (t, o) = word.split_once('-')?;
    let t = tens(t)?;
    let o = ones(o).filter(|o| (1..10).contains(o))?;
    Some(f64::from(t + o))
}

/// "zero" to "nineteen".
pub fn ones(word: &str) -> Option<u8> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// "twenty" to "ninety".
pub fn tens(word: &str) -> Option<u8> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Scale words and their factors ("16.3 million", "2 bn"). "m" is here as million ("$5m"),
/// but after a figure it is as often metres ("a 777 m runway"): extraction reads it as million
/// only with money or people (see [`crate::extract::quantity`]); verification takes either.
pub fn scale(word: &str) -> Option<f64> {
    match word {
        "thousand" | "thousands" => Some(1e3),
        "million" | "millions" | "mn" | "mln" | "m" => Some(1e6),
        "billion" | "billions" | "bn" => Some(1e9),
        "trillion" | "trillions" | "tn" => Some(1e12),
        _ => None,
    }
}

/// `value × factor` (a power of ten) without binary noise: 16.4 million is 16400000, not
/// 16399999.999999998.
pub fn scaled(value: f64, factor: f64) -> f64 {
    let exponent = factor.log10().round();
    format!("{value}e{exponent}")
        .parse::<f64>()
        .unwrap_or(value * factor)
}

/// Reads a digit group in either convention. `before_scale` says a scale word follows, where
/// a single comma is a decimal comma ("16,3 million"); otherwise a comma before exactly three
/// digits groups thousands ("15,000"), a dot is a decimal point, and several dots group
/// thousands ("1.234.567").
pub fn parse_digits(s: &str, before_scale: bool) -> Option<f64> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_three = |sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or("");
        !first.is_empty()
            && first.len() <= 3
            && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let normal: String = match (commas, dots) {
        (0, 0) => s.to_string(),
        (0, 1) => s.to_string(),
        (0, _) if groups_of_three('.') => s.replace('.', ""),
        (1, 0) if before_scale || !groups_of_three(',') => s.replace(',', "."),
        (_, 0) if groups_of_three(',') => s.replace(',', ""),
        (_, 1) => {
            // "1,234.5" (English) or "1.234,5" (continental).
            let comma = s.find(',')?;
            let dot = s.find('.')?;
            if comma < dot {
                let (int, frac) = s.split_once('.')?;
                if !int.contains('.') && groups_of_three_in(int, ',') {
                    format!("{}.{frac}", int.replace(',', ""))
                } else {
                    return None;
                }
            } else if commas == 1 {
                let (int, frac) = s.split_once(',')?;
                if groups_of_three_in(int, '.') {
                    format!("{}.{frac}", int.replace('.', ""))
                } else {
                    return None;
                }
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let value: f64 = normal.parse().ok()?;
    (value.is_finite() && value < MAX_AMOUNT).then_some(value)
}

fn groups_of_three_in(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3)
}
