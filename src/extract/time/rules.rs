//! The rule table: each rule is a pattern built from the word lists and a normaliser that
//! turns what it captured into TIMEX3 and EDTF values. All patterns run over the whole text;
//! overlapping matches are settled leftmost-longest, then each kept match is normalised in
//! the context of its sentence.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::Found;
use super::lexicon::{month_number, month_pattern, weekday_pattern};
use super::normalise::{self, ymd};
use crate::extract::{Sentence, Timex, TimexType};

/// What a normaliser knows besides its match.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub sentence: Sentence,
    pub dct: Option<NaiveDate>,
}

type Normaliser = fn(&Captures, &mut Ctx) -> Vec<Found>;

/// A rule: its name (reported as the candidate's `rule`), pattern and normaliser.
pub struct Rule {
    pub name: &'static str,
    pub regex: Regex,
    pub normalise: Normaliser,
}

/// Expands `{month}`, `{weekday}`, `{day}`, `{year}` in a pattern template.
fn pattern(template: &str) -> String {
    template
        .replace("{month}", &format!("(?:{})", month_pattern()))
        .replace("{weekday}", &format!("(?:{})", weekday_pattern()))
        .replace("{day}", r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?")
        .replace("{year}", r"(?:1[0-9]{3}|20[0-9]{2})")
}

fn rule(name: &'static str, template: &str, normalise: Normaliser) -> Rule {
    let source = format!(r"(?-u:\b){}(?-u:\b)", pattern(template));
    // The patterns are fixed: a failure here is a bug caught by the tests, not an input error.
    let regex = Regex::new(&source).unwrap_or_else(|e| panic!("rule {name}: {e}"));
    Rule {
        name,
        regex,
        normalise,
    }
}

/// Every rule, in priority order (an earlier rule wins a tie between equally long matches).
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            "date.month_day_year",
            r"(?:(?P<wd>{weekday}),?[ \t]+)?(?P<m>{month})[ \t]+(?P<d>{day}),?[ \t]+(?P<y>{year})",
            month_day_year,
        ),
        rule(
            "date.day_month_year",
            r"(?:(?P<wd>{weekday}),?[ \t]+)?(?:the[ \t]+)?(?P<d>{day})[ \t]+(?:of[ \t]+)?(?P<m>{month}),?[ \t]+(?P<y>{year})",
            month_day_year,
        ),
        rule(
            "date.iso",
            r"(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])",
            month_day_year,
        ),
    ]
});

fn day_number(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn date(start: usize, end: usize, value: String, score: f64, rule: &'static str) -> Found {
    Found {
        start,
        end,
        edtf: Some(value.clone()),
        timex: Some(Timex {
            kind: TimexType::Date,
            value,
            modifier: None,
        }),
        score,
        rule,
    }
}

fn month_day_year(c: &Captures, _ctx: &mut Ctx) -> Vec<Found> {
    let (Some(m), Some(d), Some(y), Some(all)) = (c.name("m"), c.name("d"), c.name("y"), c.get(0))
    else {
        return Vec::new();
    };
    let month = month_number(m.as_str()).or_else(|| m.as_str().parse().ok());
    let (Some(month), Some(day), Some(year)) = (
        month,
        day_number(d.as_str()),
        normalise::year(y.as_str(), None),
    ) else {
        return Vec::new();
    };
    match ymd(year, month, day) {
        Some(v) => vec![date(all.start(), all.end(), v, 0.95, "")],
        None => Vec::new(),
    }
}

/// Every temporal expression in `text`, in order, not overlapping.
pub fn find(text: &str, sentences: &[Sentence], dct: Option<NaiveDate>) -> Vec<Found> {
    let rules = &*RULES;
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        for m in r.regex.find_iter(text) {
            hits.push((m.start(), m.end(), i));
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = Vec::new();
    let mut taken_to = 0;
    let mut si = 0;
    for (start, end, i) in hits {
        if start < taken_to {
            continue;
        }
        while si < sentences.len() && sentences[si].end <= start {
            si += 1;
        }
        let Some(&sentence) = sentences.get(si) else {
            break;
        };
        if start < sentence.start || end > sentence.end {
            continue;
        }
        let r = &rules[i];
        let Some(caps) = r.regex.captures_at(text, start) else {
            continue;
        };
        if caps.get(0).map(|m| m.start()) != Some(start) {
            continue;
        }
        let mut ctx = Ctx {
            text,
            sentence,
            dct,
        };
        let found = (r.normalise)(&caps, &mut ctx);
        if found.is_empty() {
            continue;
        }
        taken_to = end;
        for mut f in found {
            if f.rule.is_empty() {
                f.rule = r.name;
            }
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences;

    fn values(text: &str) -> Vec<(String, String)> {
        let s = sentences(text);
        find(text, &s, NaiveDate::from_ymd_opt(2011, 7, 20))
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    f.timex.map(|t| t.value).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            values("Signed on Monday, July 4, 2008 and on 5 August 2009; see 2010-01-31."),
            [
                ("Monday, July 4, 2008".into(), "2008-07-04".into()),
                ("5 August 2009".into(), "2009-08-05".into()),
                ("2010-01-31".into(), "2010-01-31".into()),
            ]
        );
    }
}
