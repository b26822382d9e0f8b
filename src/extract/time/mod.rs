//! Temporal expressions: table-driven rules (patterns built from word lists in [`lexicon`])
//! and normaliser functions ([`normalise`]) that give each match a TIMEX3 (type, value, mod,
//! with TimeML's span conventions) and an EDTF value from one parse. Relative expressions are
//! resolved against the document date, with the tense of the nearest verb choosing between
//! the previous and the next occurrence.

pub mod lexicon;
pub mod normalise;
pub mod rules;

use chrono::NaiveDate;
use std::sync::Arc;

use super::{Candidate, Kind, Sentence, Span, Timex};

/// One temporal expression found by a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// None for a range or open range, whose ends are TimeML expressions of their own.
    pub timex: Option<Timex>,
    pub edtf: Option<String>,
    pub score: f64,
    pub rule: &'static str,
}

/// The dates `passage` gives, as EDTF, read against a publication of `published`: "on
/// Friday" in an article published 2012-07-09 gives 2012-07-06. Only a publication known to
/// the day anchors such words; for another, or none, nothing is read. What `check` and the
/// review commands accept as a date the text gives ([`crate::verify::rules::DatesIn`]).
pub fn dates_in(passage: &str, published: &str) -> Vec<String> {
    let Ok(dct) =
        NaiveDate::parse_from_str(published.trim_end_matches(['~', '?', '%']), "%Y-%m-%d")
    else {
        return Vec::new();
    };
    let sentences = crate::extract::sentences(passage);
    rules::find(passage, &sentences, Some(dct))
        .into_iter()
        .filter_map(|f| f.edtf)
        .collect()
}

/// Every temporal expression in `text` as candidates (ids not yet assigned).
pub fn candidates(text: &str, sentences: &[Sentence], dct: Option<NaiveDate>) -> Vec<Candidate> {
    let found = rules::find(text, sentences, dct);
    let mut out = Vec::with_capacity(found.len());
    let mut si = 0;
    for f in found {
        while si < sentences.len() && sentences[si].end <= f.start {
            si += 1;
        }
        let Some(s) = sentences.get(si) else { break };
        out.push(Candidate {
            id: String::new(),
            kind: Kind::Time,
            text: text[f.start..f.end].to_string(),
            start: f.start,
            end: f.end,
            line: s.line,
            sentence: Span {
                start: s.start,
                end: s.end,
            },
            edtf: f.edtf,
            timex: f.timex,
            quantity: None,
            entities: Arc::from([]),
            suggestion: None,
            score: f.score,
            rule: f.rule.to_string(),
        });
    }
    out
}
