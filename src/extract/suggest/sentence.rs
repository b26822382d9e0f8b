//! The suggestions one sentence supports, read in steps for each cue: the value
//! ([`values`]), the subject ([`subjects`]), then for each subject the grounds it rests on, the
//! qualifiers ([`qualifiers`]) and the time ([`date`]), and last the candidate with its phrase
//! and score ([`candidate`]). The best reading of each predicate, subject and value is kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::dating::date;
use super::qualifiers::qualifiers;
use super::sense::{Sense, change_of, change_word, sense};
use super::subject::subjects;
use super::value::{Choice, rank_gap, titled, values};
use super::vocabulary::{Cue, Shape, Vocabulary};
use super::words::{clause_breaks, same_clause};
use crate::extract::quantity::{self, line_of};
use crate::extract::{Candidate, Kind, Sentence, Span, Suggestion, entity};
use crate::model::{Predicate, Value, ValueType};

/// One sentence as the steps read it: its text, the mentions in it and before it, its
/// candidates, its clause breaks and its times.
pub(super) struct Reading<'a> {
    pub(super) text: &'a str,
    pub(super) s: &'a Sentence,
    pub(super) v: &'a Vocabulary,
    /// The sentence's mentions of known entities, in text order.
    pub(super) known: &'a [entity::Found],
    /// The mentions of the sentences before it in the paragraph, nearest first.
    pub(super) context: &'a [&'a [entity::Found]],
    /// The sentence's candidates (times and quantities), in text order.
    pub(super) items: &'a [&'a Candidate],
    /// Where its clauses end (see [`clause_breaks`]).
    pub(super) breaks: Vec<usize>,
    /// Its times with an EDTF value, but for those inside a name.
    pub(super) times: Vec<&'a Candidate>,
    /// The spans of `times`.
    pub(super) time_spans: Vec<(usize, usize)>,
    /// The "as of publication" time, when the document has a date.
    pub(super) as_of: Option<&'a str>,
}

impl<'a> Reading<'a> {
    /// Reads the clause breaks and the times of a sentence. Times inside a name ("the Plan for
    /// 2008-2012") date the name, not the fact: they are left out.
    fn new(
        text: &'a str,
        s: &'a Sentence,
        v: &'a Vocabulary,
        (known, context): (&'a [entity::Found], &'a [&'a [entity::Found]]),
        items: &'a [&'a Candidate],
        as_of: Option<&'a str>,
    ) -> Reading<'a> {
        let breaks = clause_breaks(text, s);
        let times: Vec<&Candidate> = items
            .iter()
            .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
            .filter(|c| !known.iter().any(|f| c.start < f.end && f.start < c.end))
            .copied()
            .collect();
        let time_spans: Vec<(usize, usize)> = times.iter().map(|c| (c.start, c.end)).collect();
        Reading {
            text,
            s,
            v,
            known,
            context,
            items,
            breaks,
            times,
            time_spans,
            as_of,
        }
    }

    /// The kind of a known entity ("" for none).
    pub(super) fn kind_of(&self, id: &str) -> &'a str {
        self.v.kinds.get(id).map_or("", String::as_str)
    }
}

/// A cue being read: the predicate it signals, that predicate's shape, and where it stands.
pub(super) struct Cued<'a> {
    pub(super) predicate: &'a Predicate,
    pub(super) shape: &'a Shape,
    pub(super) at: (usize, usize),
    /// The cue is a title right before a person's name: the name's whatever its clause says.
    pub(super) titled: bool,
}

/// What a suggestion rests on, gathered step by step: the spans of its parts (the cue, the
/// value, the subject, the qualifiers, the time), its score so far, and whether a part was
/// borrowed from a sentence before.
pub(super) struct Grounds {
    pub(super) parts: Vec<(usize, usize)>,
    pub(super) score: f64,
    pub(super) borrowed: bool,
}

/// One suggestion per predicate, subject and value (per predicate and subject for a free text).
type Key = (String, String, String);

/// The suggestions one sentence supports: for each cue, the nearest fitting value (each of a
/// list of entities: "with Russia and China"), subject (each of a list of subjects: "Russia
/// and Kazakhstan are members"), qualifiers and time; one per predicate, subject and value
/// (one per predicate and subject for a free-text value). A subject or a required qualifier
/// the sentence does not name is taken from the sentences before it in the paragraph
/// (`context`, nearest first), at a score that drops with the distance and with `.context` in
/// the rule.
pub(super) fn suggest(
    text: &str,
    s: &Sentence,
    v: &Vocabulary,
    (known, context): (&[entity::Found], &[&[entity::Found]]),
    cues: &[Cue],
    items: &[&Candidate],
    as_of: Option<&str>,
) -> Vec<Candidate> {
    let r = Reading::new(text, s, v, (known, context), items, as_of);
    let empty = Shape::default();
    let mut best: BTreeMap<Key, Candidate> = BTreeMap::new();
    for cue in cues {
        let at = (cue.start, cue.end);
        // A cue inside a name ("Commonwealth of Independent States", "Individual Partnership
        // Action Plan") is part of the name, not a word of the sentence.
        if r.known.iter().any(|f| f.start < at.1 && at.0 < f.end) {
            continue;
        }
        let stated = &v.predicates[cue.predicate];
        // Never the opposite of the sentence: a denied or unrealised fact is not suggested; a
        // reversed state becomes the change declared for it, or nothing.
        let clause = clause_of(&r.breaks, (r.s.start, r.s.end), at);
        // A title right before a person's name is the name's whatever its clause denies, plans
        // or ends: "US President X is planning to …", "'… does not mean that', President X
        // said", "when the airspace was closed …, then defence minister X signed" (what ends
        // there is the airspace's opening, not the office).
        let title_of_a_name = stated.value_type == ValueType::Text
            && r.known.iter().any(|f| {
                f.start >= at.1
                    && r.kind_of(&f.id) == "person"
                    && text.get(at.1..f.start).is_some_and(rank_gap)
            });
        let p = match sense(text, clause, at, stated, &v.predicates) {
            Sense::Asserted => stated,
            Sense::Negated | Sense::Unrealised | Sense::Reversed(_) if title_of_a_name => stated,
            Sense::Negated | Sense::Unrealised => continue,
            Sense::Reversed(change) => match change_of(stated, change, &v.predicates) {
                Some(q) => q,
                None => continue,
            },
        };
        let c = Cued {
            predicate: p,
            // A change takes the roles of the state it changes.
            shape: v
                .shapes
                .get(&p.id)
                .filter(|s| s.claims > 0)
                .or_else(|| v.shapes.get(&stated.id).filter(|s| s.claims > 0))
                .or_else(|| {
                    let state = &p.state_change.as_ref()?.state_of;
                    v.shapes.get(state)
                })
                .unwrap_or(&empty),
            at,
            titled: title_of_a_name,
        };
        // The value first: it decides which mentions are objects.
        for choice in values(&r, &c) {
            let Some((subjects, borrowed_at)) = subjects(&r, &c, &choice) else {
                continue;
            };
            let lead = subjects.first().map(|f| f.id.clone());
            for subject in subjects {
                let Some((key, candidate)) =
                    claim(&r, &c, &choice, subject, borrowed_at, lead.as_deref())
                else {
                    continue;
                };
                match best.get(&key) {
                    Some(b) if b.score >= candidate.score => {}
                    _ => {
                        best.insert(key, candidate);
                    }
                }
            }
        }
    }
    let mut out: Vec<Candidate> = best.into_values().collect();
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// The clause of `sentence` that holds `at`: between the clause breaks either side of it.
fn clause_of(breaks: &[usize], sentence: (usize, usize), at: (usize, usize)) -> (usize, usize) {
    let before = breaks.partition_point(|&b| b < at.0);
    let start = before
        .checked_sub(1)
        .and_then(|i| breaks.get(i))
        .map_or(sentence.0, |&b| b.max(sentence.0));
    let end = breaks
        .get(breaks.partition_point(|&b| b < at.1))
        .map_or(sentence.1, |&b| b.min(sentence.1));
    (start, end.max(at.1))
}

/// The suggestion of a cue's value for one of its subjects, in steps: its grounds, the value
/// (a title before the name may replace a free text), the qualifiers, the time, the candidate.
/// `None` when a required qualifier is missing, an event has no time or the phrase is too long.
fn claim(
    r: &Reading,
    c: &Cued,
    choice: &Choice,
    subject: &entity::Found,
    borrowed_at: Option<usize>,
    lead: Option<&str>,
) -> Option<(Key, Candidate)> {
    // A change of state (an ending, a suspension, a start), or an event cued by a word of
    // ending ("closed", "evicted"), is read only of a subject its own sentence names, and one after the cue only in the cue's clause: "It was dissolved in
    // 1999 … [3] Afterwards, KAZBAT was established" does not dissolve KAZBAT, and "the
    // airspace was closed to Indian aircraft" evicts no base of the sentence before. (A name
    // before the cue may open a relative clause: "X (who left office Monday)".)
    let ending_cue = r
        .text
        .get(c.at.0..c.at.1)
        .is_some_and(|w| change_word(&w.to_ascii_lowercase()).is_some());
    if (c.predicate.state_change.is_some() || ending_cue) && borrowed_at.is_some() {
        return None;
    }
    // The subject of an event, a change or a relation comes from the clause that states it: a
    // name after the cue beyond a clause break belongs to another statement ("Kant was
    // designated as a base for the CSTO [129] … the eviction of the U.S." puts no U.S. at
    // Kant). (A figure or a text may be
    // explained in brackets after its cue: "the training of personnel (over 15,000 Kazakhstani
    // soldiers were trained …)".)
    if (c.predicate.state_change.is_some()
        || matches!(c.predicate.value_type, ValueType::None | ValueType::Entity))
        && borrowed_at.is_none()
        && subject.start >= c.at.1
        && !same_clause(&r.breaks, c.at, (subject.start, subject.end))
    {
        return None;
    }
    let mut grounds = grounds(c, choice, subject, borrowed_at, lead);
    let value = titled(r, c, choice, subject, borrowed_at, &mut grounds);
    let qualifiers = qualifiers(r, c, choice, subject, &mut grounds)?;
    let (when, how) = date(r, c, choice, &mut grounds)?;
    let suggestion = Suggestion {
        subject: subject.id.clone(),
        predicate: c.predicate.id.clone(),
        value,
        qualifiers,
        when,
    };
    candidate(r, c, suggestion, how, grounds)
}

/// Where a suggestion starts: the cue, the value and the subject as its parts, and a score of
/// 0.45 and the value's. A subject borrowed from `back` sentences before costs 0.1 and 0.05 a
/// sentence (and is not a part of the phrase); a subject after the first of a list, 0.03.
fn grounds(
    c: &Cued,
    choice: &Choice,
    subject: &entity::Found,
    borrowed_at: Option<usize>,
    lead: Option<&str>,
) -> Grounds {
    let mut score: f64 = 0.45 + choice.score;
    let mut parts: Vec<(usize, usize)> = vec![c.at];
    parts.extend(choice.at);
    let mut borrowed = false;
    if let Some(back) = borrowed_at {
        borrowed = true;
        score -= 0.1 + 0.05 * back as f64;
    } else {
        parts.push((subject.start, subject.end));
        if lead != Some(subject.id.as_str()) {
            score -= 0.03;
        }
    }
    Grounds {
        parts,
        score,
        borrowed,
    }
}

/// The claim candidate of a suggestion: its phrase is the shortest stretch holding every part,
/// refused above 40 words (the parts may not belong together) and scored down by 0.005 a word
/// beyond 12; its rule names the value type, how it was dated (`how`) and a borrowed part
/// (`.context`). Returns it with the key it competes under.
fn candidate(
    r: &Reading,
    c: &Cued,
    suggestion: Suggestion,
    how: &str,
    grounds: Grounds,
) -> Option<(Key, Candidate)> {
    let Grounds {
        parts,
        mut score,
        borrowed,
    } = grounds;
    let start = parts.iter().map(|p| p.0).min().unwrap_or(c.at.0);
    let end = parts.iter().map(|p| p.1).max().unwrap_or(c.at.1);
    let phrase = r.text.get(start..end)?;
    // Never the opposite, over the whole claim: a word that denies, plans or ends what the
    // phrase states counts wherever it stands among the parts in the cue's clause, not only
    // near the cue ("a 'military base' taking shape … India is preparing to deploy
    // helicopters at the Ayni airbase": the plan stands between the cue and the value).
    let clause = clause_of(&r.breaks, (r.s.start, r.s.end), c.at);
    let (from, to) = (start.max(clause.0), end.min(clause.1));
    if !c.titled
        && from < to
        && sense(
            r.text,
            (from, to),
            (c.at.0.max(from), to),
            c.predicate,
            &r.v.predicates,
        ) != Sense::Asserted
    {
        return None;
    }
    // A long phrase is a weak reading: the parts may not belong together.
    let words = phrase.split_whitespace().count();
    if words > 40 {
        return None;
    }
    score -= (words.saturating_sub(12) as f64) * 0.005;
    let rule = format!(
        "claim.cue_{}.{how}{}",
        match c.predicate.value_type {
            ValueType::Quantity => "quantity",
            ValueType::Entity => "entity",
            ValueType::Text => "text",
            ValueType::None => "event",
        },
        if borrowed { ".context" } else { "" }
    );
    // One free text per predicate and subject: the cues of one sentence would otherwise offer
    // the same statement cut several ways.
    let value_key = match &suggestion.value {
        Value::Text { .. } => "text".to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    };
    let key = (
        suggestion.predicate.clone(),
        suggestion.subject.clone(),
        value_key,
    );
    let candidate = Candidate {
        id: String::new(),
        kind: Kind::Claim,
        text: phrase.to_string(),
        start,
        end,
        line: line_of(r.text, r.s, start),
        sentence: Span {
            start: r.s.start,
            end: r.s.end,
        },
        edtf: suggestion.when.clone(),
        timex: None,
        quantity: match &suggestion.value {
            Value::Quantity(q) => Some(quantity::contract(q)),
            _ => None,
        },
        entities: Arc::from([]),
        suggestion: Some(suggestion),
        score: score.clamp(0.05, 0.95),
        rule,
    };
    Some((key, candidate))
}
