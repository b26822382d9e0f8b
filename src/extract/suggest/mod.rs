//! Claim suggestions: a sentence that names a known entity, holds a cue word of a predicate
//! (`cues` in predicates.toml) and a value or a time that fits the predicate yields a `claim`
//! candidate suggesting subject, predicate, typed value, qualifiers and an EDTF time.
//!
//! Which entity is the subject, the object or a qualifier is read from the predicate's shape:
//! the kinds of entity its stored claims use in each role (a population's subject is a
//! country, its `group` an ethnic group). The time is the sentence's temporal expression
//! nearest the cue, else the publication "as of" (`2011~`). The candidate's span is the
//! shortest phrase holding the subject, the cue, the value and the time: the quote a citation
//! would carry. Pure: built from model types and rows the caller read.
//!
//! One sentence at a time (`annotate`, here): the cues of `vocabulary.rs` signal predicates, and
//! `sentence.rs` reads each cue in steps, each in its file: the value (`value.rs`, with
//! `copular.rs` for "X is Russia's ally"), the subject (`subject.rs`), the qualifiers
//! (`qualifiers.rs`), the time (`dating.rs`), then the candidate's phrase and score.
//! `words.rs` holds the text helpers they share.

mod calibration;
mod copular;
mod dating;
pub(crate) mod events;
#[cfg(test)]
mod fixture;
mod qualifiers;
mod sense;
mod sentence;
mod subject;
mod value;
mod vocabulary;
mod words;

use std::collections::VecDeque;
use std::sync::Arc;

pub use crate::model::ShapeRow;
pub use dating::as_of_publication;
pub use vocabulary::{Qualifier, Shape, Vocabulary, shapes};

use super::{Candidate, Kind, Mention, Sentence, entity};
use sentence::suggest;
use vocabulary::{Cue, cues};

/// The longest a window of wrapped lines grows, in bytes: text without sentence ends is read
/// in pieces of about this size.
const WINDOW: usize = 2000;

/// Sentences with hard-wrapped lines joined: a sentence that ends a line without a full stop
/// (or `!`, `?`, `:`, `;`) continues on the next line when that line follows at once (no blank
/// line between). Columns wrapped at 50 characters otherwise cut every sentence in pieces.
pub fn windows(text: &str, sentences: &[Sentence]) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::with_capacity(sentences.len());
    for s in sentences {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.end..s.start).unwrap_or("");
            let open = text
                .get(last.start..last.end)
                .map(|t| t.trim_end().trim_end_matches(['"', '\'', '’', '”', ')']))
                .is_some_and(|t| !t.ends_with(['.', '!', '?', ':', ';']));
            if open
                && gap.matches('\n').count() == 1
                && gap.trim().is_empty()
                && s.end - last.start <= WINDOW
            {
                last.end = s.end;
                continue;
            }
        }
        out.push(*s);
    }
    out
}

/// How many sentences back (within the paragraph) a subject or a required qualifier the
/// sentence does not name is looked for.
const LOOKBACK: usize = 3;

/// Fills the `entities` of every candidate in `out` with the mentions in its sentence, and
/// appends a `claim` candidate for each suggestion the sentences support.
pub fn annotate(
    text: &str,
    sentences: &[Sentence],
    v: &Vocabulary,
    published: Option<&str>,
    out: &mut Vec<Candidate>,
) {
    let mentions = v.gazetteer.find(text);
    let cues = cues(text, v);
    let triggers = events::triggers(text, &v.triggers);
    let mut paragraph = events::Paragraph::default();
    let mut e = 0;
    // An undated text is as of the year it announces an event for, where it does.
    let as_of = match published {
        Some(p) => as_of_publication(p),
        None => dating::as_of_announced(text, out),
    };
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].start);
    let (mut m, mut c, mut k) = (0, 0, 0);
    let mut claims = Vec::new();
    let mut links = Vec::new();
    // The mentions of the sentences before in the same paragraph, nearest first: "The two
    // countries share a 6,000 km border" names them there.
    let mut context: VecDeque<Vec<entity::Found>> = VecDeque::with_capacity(LOOKBACK + 1);
    let mut last_end: Option<usize> = None;
    for s in &windows(text, sentences) {
        // A blank line ends the paragraph and what it named.
        if last_end.is_some_and(|end| {
            text.get(end..s.start)
                .is_some_and(|g| g.matches('\n').count() >= 2)
        }) {
            context.clear();
            paragraph.clear();
        }
        last_end = Some(s.end);
        while m < mentions.len() && mentions[m].start < s.start {
            m += 1;
        }
        let m_end = m + mentions[m..].iter().take_while(|x| x.end <= s.end).count();
        while c < cues.len() && cues[c].start < s.start {
            c += 1;
        }
        let c_end = c + cues[c..].iter().take_while(|x| x.end <= s.end).count();
        while e < triggers.len() && triggers[e].start < s.start {
            e += 1;
        }
        let e_end = e + triggers[e..].iter().take_while(|x| x.end <= s.end).count();
        while k < order.len() && out[order[k]].start < s.start {
            k += 1;
        }
        let k_end = k + order[k..]
            .iter()
            .take_while(|&&i| out[i].end <= s.end)
            .count();
        let known = &mentions[m..m_end];
        let sentence_mentions = sentence_mentions(text, s, known);
        for &i in &order[k..k_end] {
            out[i].entities = sentence_mentions.clone();
        }
        // Every mention of a known entity is a candidate of its own: the link; so is a known
        // name inside a longer one ("Kazakh" in "Kazakh Air Assault Forces").
        let inner = v.gazetteer.inner(text, known);
        let inner_mentions: Vec<Mention> = inner
            .iter()
            .map(|f| Mention {
                id: f.id.clone(),
                text: text[f.start..f.end].to_string(),
                start: f.start,
                end: f.end,
                new: false,
            })
            .collect();
        for (f, mention) in known
            .iter()
            .zip(sentence_mentions.iter().filter(|x| !x.new))
            .chain(inner.iter().zip(inner_mentions.iter()))
        {
            links.push(Candidate {
                id: String::new(),
                kind: Kind::Entity,
                text: mention.text.clone(),
                start: f.start,
                end: f.end,
                line: crate::extract::quantity::line_of(text, s, f.start),
                sentence: crate::extract::Span {
                    start: s.start,
                    end: s.end,
                },
                edtf: None,
                timex: None,
                quantity: None,
                entities: Arc::from([mention.clone()]),
                suggestion: None,
                score: if f.demonym { 0.8 } else { 0.95 },
                rule: if f.demonym {
                    "entity.demonym"
                } else {
                    "entity.name"
                }
                .to_string(),
            });
        }
        let items: Vec<&Candidate> = order[k..k_end].iter().map(|&i| &out[i]).collect();
        let mut sentence_cues = cues[c..c_end].to_vec();
        for q in items.iter().filter(|i| i.kind == Kind::Quantity) {
            if q.quantity.as_ref().and_then(|q| q.unit.as_deref()) == Some("percent") {
                sentence_cues.extend(v.percent_cued.iter().map(|&predicate| Cue {
                    predicate,
                    start: q.start,
                    end: q.end,
                }));
            }
        }
        // Events first: a cue claim of the same predicate and subject is the event's, read
        // worse.
        let found = events::read(
            &events::Input {
                text,
                s,
                mentions: &sentence_mentions,
                kinds: &v.kinds,
                stands_for: &v.stands_for,
                part_of: &v.part_of,
                unit_states: &v.unit_states,
                items: &items,
                triggers: &triggers[e..e_end],
                as_of: as_of.as_deref(),
                predicates: &v.predicates,
            },
            &mut paragraph,
        );
        let evented: Vec<(String, String)> = found
            .iter()
            .filter_map(|c| c.suggestion.as_ref())
            .map(|x| (x.predicate.clone(), x.subject.clone()))
            .collect();
        for mut claim in found {
            claim.entities = sentence_mentions.clone();
            claims.push(claim);
        }
        if !sentence_cues.is_empty() && (!known.is_empty() || !context.is_empty()) {
            let before: Vec<&[entity::Found]> = context.iter().map(Vec::as_slice).collect();
            let found = suggest(
                text,
                s,
                v,
                (known, &before),
                &sentence_cues,
                &items,
                as_of.as_deref(),
            );
            for mut claim in found {
                let Some(x) = claim.suggestion.as_ref() else {
                    continue;
                };
                if evented
                    .iter()
                    .any(|(p, s)| *p == x.predicate && *s == x.subject)
                {
                    continue;
                }
                claim.score = calibration::calibrate(&claim.rule, &x.predicate, claim.score);
                claim.entities = sentence_mentions.clone();
                claims.push(claim);
            }
        }
        // A sentence that names nobody still counts: it stands between a later one and the
        // names.
        context.push_front(known.to_vec());
        context.truncate(LOOKBACK);
        m = m_end;
        c = c_end;
        e = e_end;
        k = k_end;
    }
    out.extend(links);
    out.extend(claims);
}

/// The sentence's known mentions and its unknown capitalised names, in text order.
fn sentence_mentions(text: &str, s: &Sentence, known: &[entity::Found]) -> Arc<[Mention]> {
    let Some(slice) = text.get(s.start..s.end) else {
        return Arc::from([]);
    };
    let spans: Vec<(usize, usize)> = known
        .iter()
        .map(|f| (f.start - s.start, f.end - s.start))
        .collect();
    let mut out: Vec<Mention> = known
        .iter()
        .map(|f| Mention {
            id: f.id.clone(),
            text: text[f.start..f.end].to_string(),
            start: f.start,
            end: f.end,
            new: false,
        })
        .collect();
    for u in entity::unknown_names(slice, &spans, &[0]) {
        out.push(Mention {
            id: u.id,
            text: slice[u.start..u.end].to_string(),
            start: s.start + u.start,
            end: s.start + u.end,
            new: true,
        });
    }
    out.sort_by_key(|x| x.start);
    Arc::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::suggest::fixture::*;
    use crate::model::{QuantityBound, Value};

    #[test]
    fn a_population_figure_as_of_publication() {
        let text =
            "Intro line.\nOfficial statistics put the population of Kazakhstan at 16,3 million.";
        let got = claims(text, Some("2011-07"));
        assert_eq!(got.len(), 1, "{got:#?}");
        let c = &got[0];
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(
            (s.subject.as_str(), s.predicate.as_str()),
            ("kazakhstan", "population")
        );
        match &s.value {
            Value::Quantity(q) => {
                assert_eq!(
                    (q.amount, q.unit.as_str(), q.bound),
                    (16_300_000.0, "persons", QuantityBound::Exact)
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.when.as_deref(), Some("2011~"));
        assert_eq!(c.text, "population of Kazakhstan at 16,3 million");
        assert_eq!(c.line, 2);
        assert_eq!(c.rule, "claim.cue_quantity.as_of");
        assert!(c.entities.iter().any(|m| m.id == "kazakhstan" && !m.new));
        assert!(!c.entities.iter().any(|m| m.text == "Official"));
    }

    #[test]
    fn wrapped_lines_are_read_as_one_sentence() {
        let text = "Cooperation between Russia and\nKazakhstan is based on more than 60\ntreaties.\n\nNext paragraph.";
        let joined: Vec<&str> = windows(text, &crate::extract::sentences(text))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            joined,
            [
                "Cooperation between Russia and\nKazakhstan is based on more than 60\ntreaties.",
                "Next paragraph."
            ]
        );
        let got = claims(
            "The population of\nKazakhstan is 16.3 million.",
            Some("2011"),
        );
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].text, "population of\nKazakhstan is 16.3 million");
        assert_eq!(got[0].line, 1);
    }

    #[test]
    fn a_plan_between_the_cue_and_the_value_is_not_the_fact() {
        // The plan stands more than a few words after the cue, before the value.
        let planned = claims(
            "Russia's new lease, a long and costly deal discussed for many months, is \
             expected to cover the Kant air base.",
            Some("2007-07-23"),
        );
        assert!(suggestions(&planned, "leases").is_empty(), "{planned:#?}");
        let held = claims(
            "Russia's new lease, a long and costly deal discussed for many months, covers \
             the Kant air base.",
            Some("2007-07-23"),
        );
        assert_eq!(pairs(&held, "leases"), pair("russia", "kant-air-base"));
    }

    #[test]
    fn an_ending_is_read_only_of_a_subject_its_sentence_names() {
        // "the airspace was closed to Indian aircraft" evicts no base of the sentence before.
        let borrowed = claims(
            "Kazakhstan hosted the OSCE summit in Astana.\nIn 2002, when the airspace was \
             closed, the mission pulled out of the OSCE programme.",
            Some("2003"),
        );
        assert!(suggestions(&borrowed, "left").is_empty(), "{borrowed:#?}");
        let closed = claims(
            "Russia has used the Kant air base since 2003.\nIn 2002, when the airspace was \
             closed in 2002 to foreign aircraft, India signed a deal.",
            Some("2007"),
        );
        assert!(suggestions(&closed, "evicted").is_empty(), "{closed:#?}");
        let named = claims(
            "In 2002, Kazakhstan pulled out of the OSCE programme.",
            Some("2003"),
        );
        assert_eq!(pairs(&named, "left"), pair("kazakhstan", "osce"));
    }

    #[test]
    fn a_relation_takes_no_subject_from_a_later_clause() {
        let got = claims(
            "Servicemen from member states of the OSCE [12] took part in joint drills in \
             Kazakhstan.",
            Some("2022"),
        );
        assert!(suggestions(&got, "member_of").is_empty(), "{got:#?}");
    }

    #[test]
    fn a_source_or_a_frame_is_not_the_subject() {
        let got = claims(
            "According to data compiled by Kyrgyzstan, the population of China is 1.3 billion.",
            Some("2018"),
        );
        let s = one(&got, "population");
        assert_eq!(s.subject, "china");
        let framed = claims(
            "In accordance with the agreements between Kyrgyzstan and Russia, four exercises \
             were held in April.",
            Some("2019"),
        );
        assert!(
            suggestions(&framed, "exercises_held").is_empty(),
            "{framed:#?}"
        );
    }

    #[test]
    fn the_side_opposed_is_no_partner() {
        let got = claims(
            "In 2010 Kazakhstan held four exercises with forces fighting to oust Kyrgyzstan.",
            Some("2011"),
        );
        for s in suggestions(&got, "exercises_held") {
            assert!(!s.qualifiers.contains_key("partner"), "{got:#?}");
        }
    }
}
