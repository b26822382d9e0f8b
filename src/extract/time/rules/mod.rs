//! The temporal rules, split at their seams: the word lists are in `lexicon`, the rule table
//! in [`table`], the matching engine in [`engine`] and the normalisers by rule family
//! ([`dates`], [`periods`], [`relative`], [`durations`], [`sets`], [`clock`]). This file holds
//! what every normaliser shares: the context of a match ([`Ctx`], [`Anchor`]) and the helpers
//! that make a [`Found`].
//!
//! Each rule is a pattern built from the word lists and a normaliser that
//! turns what it captured into TIMEX3 and EDTF values. All patterns run over the whole text;
//! overlapping matches are settled leftmost-longest (an earlier rule wins a tie), then each
//! kept match is normalised in the context of its sentence, in text order, so that "the same
//! year" can refer back. A last pass joins expressions into ranges and open ranges ("from X
//! to Y", "between X and Y", "2009–2011", "since X", "until X", "by X").

mod clock;
mod dates;
mod durations;
pub mod engine;
mod periods;
mod relative;
mod sets;
pub mod table;
mod years;

use chrono::NaiveDate;
use regex::Captures;

use super::Found;
use super::lexicon::month_number;
use super::normalise::{self, Tense, edtf, tense};
use crate::extract::{Sentence, Timex, TimexType};

pub use engine::find;

/// The last date the text mentioned, for "the same year", "that day", "a year earlier".
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub quarter: Option<u32>,
}

/// What a normaliser knows besides its match.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub sentence: Sentence,
    pub dct: Option<NaiveDate>,
    /// Read and changed through [`Ctx::anchor`] and [`Ctx::anchor_mut`] only, which note it.
    anchor: Anchor,
    /// Whether the normaliser read or changed the anchor: its values may then differ with the
    /// dates before it, and the engine runs it again once those are known.
    anchor_used: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, sentence: Sentence, dct: Option<NaiveDate>, anchor: Anchor) -> Self {
        Ctx {
            text,
            sentence,
            dct,
            anchor,
            anchor_used: false,
        }
    }

    /// The last date the text mentioned before the match.
    pub fn anchor(&mut self) -> Anchor {
        self.anchor_used = true;
        self.anchor
    }

    /// The anchor, to change for the expressions after the match.
    pub fn anchor_mut(&mut self) -> &mut Anchor {
        self.anchor_used = true;
        &mut self.anchor
    }

    /// Whether the normaliser read or changed the anchor.
    fn anchor_used(&self) -> bool {
        self.anchor_used
    }

    /// The anchor as the normaliser left it.
    fn into_anchor(self) -> Anchor {
        self.anchor
    }
}

impl Ctx<'_> {
    /// The tense around byte offset `at` of the text.
    fn tense(&self, at: usize) -> Tense {
        let s = &self.text[self.sentence.start..self.sentence.end];
        tense(s, at.saturating_sub(self.sentence.start))
    }

    /// The tense around a month or date at byte offset `at` of the text. A deadline ("by
    /// May", "until Feb. 1", "effective June 1") looks ahead: the next occurrence, or with a
    /// past verb ("gave them until November") the nearest one. "through" ends a span that
    /// may be behind or ahead: with a past verb ("extended the loans through January") the
    /// nearest one, else as the tense says.
    fn tense_of_date(&self, at: usize) -> Tense {
        let s = &self.text[self.sentence.start..self.sentence.end];
        let t = normalise::tense_of_date(s, at.saturating_sub(self.sentence.start));
        match self.word_before(at).as_str() {
            "by" | "until" | "till" | "effective" => {
                if t == Tense::Past {
                    Tense::Unknown
                } else {
                    Tense::Future
                }
            }
            "through" if t == Tense::Past => Tense::Unknown,
            _ => t,
        }
    }

    /// The months of the span of months a report named last before byte offset `at`, in its
    /// sentence or the one before ("for the nine months, …", "in the first half, …"), when
    /// no quarter was named after it: a comparison "a year earlier" is then with that span
    /// of the year before, not with the quarter the report is about.
    fn months_named_last(&self, at: usize) -> Option<u32> {
        let from = previous_sentence_start(self.text, self.sentence.start);
        let before = self.text.get(from..at)?.to_ascii_lowercase();
        let quarter = before.rfind("quarter");
        let mut best: Option<(usize, u32)> = None;
        for (words, months) in [
            ("nine months", 9),
            ("nine-month", 9),
            ("six months", 6),
            ("six-month", 6),
            ("first half", 6),
            ("three months", 3),
            ("three-month", 3),
        ] {
            if let Some(i) = before.rfind(words)
                && best.is_none_or(|(j, _)| i > j)
            {
                best = Some((i, months));
            }
        }
        let (i, months) = best?;
        if quarter.is_some_and(|q| q > i) {
            return None;
        }
        Some(months)
    }

    /// Whether the sentence names, before byte offset `at`, the day the anchor holds ("In
    /// the quarter ended Aug. 12, …"): a comparison "a year earlier" then counts from it.
    fn anchor_day_named_before(&mut self, at: usize) -> bool {
        let anchor = self.anchor();
        let (Some(month), Some(day)) = (anchor.month, anchor.day) else {
            return false;
        };
        let Some(before) = self.text.get(self.sentence.start..at) else {
            return false;
        };
        let words: Vec<&str> = before.split_ascii_whitespace().collect();
        words.windows(2).any(|w| {
            month_number(w[0].trim_end_matches('.')) == Some(month)
                && w[1]
                    .trim_end_matches([',', '.', ';'])
                    .trim_end_matches(['t', 'h', 's', 'n', 'd', 'r'])
                    .parse::<u32>()
                    .is_ok_and(|d| d == day)
        })
    }

    /// The word before byte offset `at`, lower-cased.
    fn word_before(&self, at: usize) -> String {
        let head = self.text[..at].trim_end();
        let word: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '$')
            .collect();
        word.chars().rev().collect::<String>().to_lowercase()
    }
}

/// The rule of a period valued from the one the text is about ("a year earlier", "the
/// year-earlier period"): a comparison, which does not become what the text is about, so
/// that a second "a year earlier" is not two years back.
const COMPARISON: &str = "date.comparison";

/// A found expression with a TIMEX3 and its EDTF view.
fn found(
    ctx: &Ctx,
    start: usize,
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<&str>,
    score: f64,
) -> Found {
    let edtf = match kind {
        TimexType::Date | TimexType::Time => edtf(&value, modifier, ctx.dct),
        _ => None,
    };
    Found {
        start,
        end,
        timex: Some(Timex {
            kind,
            value,
            modifier: modifier.map(str::to_string),
        }),
        edtf,
        score,
        rule: "",
    }
}

/// At most the first `n` bytes of `s`, cut back to a character boundary: what a rule looks at
/// after a match, without copying the rest of the text.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether `rest` (the text after a match) goes on with the word `word` (ASCII, lower case),
/// after spaces.
fn starts_with_word(rest: &str, word: &str) -> bool {
    let rest = head(rest, 40).trim_start_matches([' ', '\t', '\n', '\r']);
    rest.get(..word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
        && !rest
            .as_bytes()
            .get(word.len())
            .is_some_and(u8::is_ascii_alphanumeric)
}

/// At most the last `n` bytes of `s`, cut forward to a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Where the sentence before the one starting at byte offset `start` starts, as far as a
/// stop followed by a space tells (an abbreviation cuts it short), at most 400 bytes back
/// and not across a blank line.
fn previous_sentence_start(text: &str, start: usize) -> usize {
    let before = tail(&text[..start.min(text.len())], 400);
    let base = start.min(text.len()) - before.len();
    let body = before.trim_end();
    let body = body.strip_suffix(['.', '!', '?']).unwrap_or(body);
    let stop = body
        .rfind(". ")
        .max(body.rfind("? "))
        .max(body.rfind("! "))
        .map(|i| i + 2);
    let blank = body.rfind("\n\n").map(|i| i + 2);
    base + stop.max(blank).unwrap_or(0)
}

/// Whether the text before byte offset `at` ends with an amount: a figure, a percentage or a
/// scale word ("$2 million", "8.5%", "10,000"). A unit of time right after one makes a rate
/// ("$2 million a year", "sales rose 8.5% annually"), not a time.
fn after_amount(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let last_word = tail(before, 16).to_ascii_lowercase();
    before.ends_with(|c: char| c.is_ascii_digit() || c == '%')
        || [
            "million", "billion", "thousand", "hundred", "percent", "cents",
        ]
        .iter()
        .any(|w| last_word.ends_with(w))
}

/// Whether the text before byte offset `at` ends with a count of things: a number and a
/// plural noun ("four flights", "700 seats", "24 hours"). A unit of time right after one
/// makes a rate ("four flights a week", "24 hours a day"), not a time.
fn after_count(text: &str, at: usize) -> bool {
    let mut words = tail(&text[..at], 40).split_ascii_whitespace().rev();
    let (Some(noun), Some(count)) = (words.next(), words.next()) else {
        return false;
    };
    let count = count.trim_start_matches('$');
    noun.len() > 2
        && noun.ends_with('s')
        && noun.bytes().all(|b| b.is_ascii_lowercase())
        && (count.starts_with(|c: char| c.is_ascii_digit())
            || normalise::number(count).is_some_and(|n| n >= 2.0))
}

/// Whether `rest`, the text after a count of time, goes on with "a" or "per" and a unit:
/// "(24 hours) a day", "(seven days) a week".
fn rate_follows(rest: &str) -> bool {
    let mut words = head(rest, 24).split_ascii_whitespace();
    let (Some(article), Some(unit)) = (words.next(), words.next()) else {
        return false;
    };
    let unit = unit.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
    matches!(article.to_ascii_lowercase().as_str(), "a" | "an" | "per")
        && matches!(
            unit.to_ascii_lowercase().as_str(),
            "day" | "week" | "month" | "year" | "night"
        )
}

fn whole(c: &Captures) -> (usize, usize) {
    c.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

fn text<'c>(c: &'c Captures, name: &str) -> Option<&'c str> {
    c.name(name).map(|m| m.as_str())
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::extract::sentences;

    pub fn values_at(text: &str, dct: Option<NaiveDate>) -> Vec<(String, String)> {
        let s = sentences(text);
        find(text, &s, dct)
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    f.timex
                        .map(|t| t.value)
                        .unwrap_or_else(|| format!("edtf {}", f.edtf.unwrap_or_default())),
                )
            })
            .collect()
    }

    pub fn values(text: &str) -> Vec<(String, String)> {
        values_at(text, NaiveDate::from_ymd_opt(2011, 7, 20))
    }

    pub fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }
}
