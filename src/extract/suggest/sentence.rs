//! The suggestions one sentence supports, from its cues, its mentions and its candidates.

use std::collections::BTreeMap;

use super::copular::{copular, holder_is_subject};
use super::dating::{NEAR, from_then_on, inchoative, lasting, of_publication};
use super::value::{Choice, fits, rank_gap, text_value, title};
use super::vocabulary::{Cue, Shape, Vocabulary, allows, required};
use super::words::{clause_breaks, coordinated, distance, same_clause};
use crate::extract::quantity::{self, line_of};
use crate::extract::{Candidate, Kind, Sentence, Span, Suggestion, entity};
use crate::model::{Quantity, Value, ValueType};

/// How much further (in bytes) a name may stand than a demonym and still be preferred as the
/// subject.
pub(super) const DEMONYM: usize = 40;

/// Whether the word before `at` is "with" ("with Russia", "with the CSTO").
pub(super) fn after_with(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let head = head.strip_suffix(" the").unwrap_or(head).trim_end();
    let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    head[word_start..].eq_ignore_ascii_case("with")
}

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
    let empty = Shape::default();
    let kind_of = |id: &str| v.kinds.get(id).map_or("", String::as_str);
    let breaks = clause_breaks(text, s);
    // Times inside a name ("the Plan for 2008-2012") date the name, not the fact.
    let times: Vec<&Candidate> = items
        .iter()
        .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
        .filter(|c| !known.iter().any(|f| c.start < f.end && f.start < c.end))
        .copied()
        .collect();
    let time_spans: Vec<(usize, usize)> = times.iter().map(|c| (c.start, c.end)).collect();
    let mut best: BTreeMap<(String, String, String), Candidate> = BTreeMap::new();
    for cue in cues {
        let p = &v.predicates[cue.predicate];
        let shape = v.shapes.get(&p.id).unwrap_or(&empty);
        let at = (cue.start, cue.end);
        let nearest = |list: &mut Vec<&entity::Found>| {
            list.sort_by_key(|f| (distance((f.start, f.end), at), f.start));
        };
        // The value first: it decides which mentions are objects.
        let choices: Vec<Choice> = match p.value_type {
            ValueType::Quantity => {
                let mut fitting: Vec<(&Candidate, Quantity)> = items
                    .iter()
                    .filter(|c| c.kind == Kind::Quantity)
                    .filter_map(|c| {
                        let q = quantity::model(c.quantity.as_ref()?)?;
                        fits(&q, p.unit.as_deref()).then_some((*c, q))
                    })
                    .collect();
                // Nearest the cue, or a mention that a required qualifier takes ("Russians
                // account for 4.6 million").
                let anchors: Vec<(usize, usize)> = known
                    .iter()
                    .filter(|f| {
                        shape.qualifiers.iter().any(|(key, q)| {
                            required(p, shape, key, q) && q.kinds.contains_key(kind_of(&f.id))
                        })
                    })
                    .map(|f| (f.start, f.end))
                    .chain(std::iter::once(at))
                    .collect();
                fitting.sort_by_key(|(c, _)| {
                    let d = anchors
                        .iter()
                        .map(|a| distance((c.start, c.end), *a))
                        .min()
                        .unwrap_or(usize::MAX);
                    (d, c.start)
                });
                let Some((c, mut q)) = fitting.into_iter().next() else {
                    continue;
                };
                q.unit = p.unit.clone().unwrap_or_default();
                vec![Choice {
                    value: Value::Quantity(q),
                    object: None,
                    objects: Vec::new(),
                    at: Some((c.start, c.end)),
                    score: 0.2 * c.score,
                    subject: None,
                }]
            }
            ValueType::Entity => {
                let fit = |f: &entity::Found| allows(&shape.object, shape.claims, kind_of(&f.id));
                let read = copular(text, s, known, at, &breaks)
                    .map(|(holder, other)| {
                        if holder_is_subject(p) {
                            (holder, other)
                        } else {
                            (other, holder)
                        }
                    })
                    .filter(|(subject, object)| {
                        subject.id != object.id
                            && fit(object)
                            && allows(&shape.subject, shape.claims, kind_of(&subject.id))
                    });
                if let Some((subject, object)) = read {
                    vec![Choice {
                        value: Value::Entity {
                            entity: object.id.clone(),
                        },
                        object: Some(object),
                        objects: vec![object],
                        at: Some((object.start, object.end)),
                        score: 0.2,
                        subject: Some(subject),
                    }]
                } else {
                    let mut objects: Vec<&entity::Found> =
                        known.iter().filter(|f| fit(f)).collect();
                    nearest(&mut objects);
                    let Some(o) = objects.first().copied() else {
                        continue;
                    };
                    let list = coordinated(text, known, o, fit);
                    list.iter()
                        .map(|m| Choice {
                            value: Value::Entity {
                                entity: m.id.clone(),
                            },
                            object: Some(m),
                            objects: list.clone(),
                            at: Some((m.start, m.end)),
                            // The nearest is the surest of a list.
                            score: if m.id == o.id { 0.15 } else { 0.12 },
                            subject: None,
                        })
                        .collect()
                }
            }
            ValueType::None => vec![Choice {
                value: Value::None,
                object: None,
                objects: Vec::new(),
                at: None,
                score: 0.0,
                subject: None,
            }],
            ValueType::Text => {
                let Some((words, span)) = text_value(text, s, at, &breaks, &time_spans) else {
                    continue;
                };
                // A free text is a draft for the analyst: it scores below typed values.
                vec![Choice {
                    value: Value::Text { text: words },
                    object: None,
                    objects: Vec::new(),
                    at: Some(span),
                    score: -0.1,
                    subject: None,
                }]
            }
        };
        for choice in choices {
            let is_object = |f: &entity::Found| choice.objects.iter().any(|o| o.id == f.id);
            // The subject: the nearest mention of a kind the predicate's subjects have, with
            // the others of its list, unless a qualifier takes that kind (then "Kazakhstan
            // and Russia" are a subject and its partner, not two subjects).
            let subject_fit = |f: &entity::Found| {
                !is_object(f) && allows(&shape.subject, shape.claims, kind_of(&f.id))
            };
            let mut subjects: Vec<&entity::Found> =
                known.iter().filter(|f| subject_fit(f)).collect();
            // A demonym is often an adjective ("Kazakhstani-built vehicles", "his Kazakhstani
            // counterpart"): a name a little further off is the likelier subject.
            // A free text describes the clause's subject, which stands before the verb or
            // noun that cues it ("X (mainly concentrated in the north, bordering Y)"); a name
            // after the cue is part of the description, unless the cue stands right before it
            // as its title ("President X", "political analyst X", "Minister, Lt-Gen X").
            // A name after "with" is the partner a qualifier takes ("Kazakhstan held four
            // exercises with Russia"), not the subject.
            let text_valued = p.value_type == ValueType::Text;
            let partner = |f: &entity::Found| {
                shape
                    .qualifiers
                    .values()
                    .any(|q| q.kinds.contains_key(kind_of(&f.id)))
                    && after_with(text, f.start)
            };
            subjects.sort_by_key(|f| {
                let d = distance((f.start, f.end), at);
                let after = text_valued
                    && f.start >= at.1
                    && text.get(at.1..f.start).is_some_and(|gap| {
                        !gap.chars().all(|c| c.is_whitespace() || c == '.') && !rank_gap(gap)
                    });
                (
                    partner(f),
                    after,
                    if f.demonym { d + DEMONYM } else { d },
                    f.start,
                )
            });
            let (subjects, borrowed_at) = match choice.subject.or(subjects.first().copied()) {
                Some(first) => {
                    let partnered = shape
                        .qualifiers
                        .values()
                        .any(|q| q.kinds.contains_key(kind_of(&first.id)));
                    let list = if partnered {
                        vec![first]
                    } else {
                        coordinated(text, known, first, subject_fit)
                    };
                    (list, None)
                }
                None => {
                    if shape.claims == 0 {
                        continue;
                    }
                    let found = context.iter().enumerate().find_map(|(back, mentions)| {
                        mentions
                            .iter()
                            .rev()
                            .find(|f| subject_fit(f))
                            .map(|f| (f, back))
                    });
                    let Some((subject, back)) = found else {
                        continue;
                    };
                    (vec![subject], Some(back))
                }
            };
            let lead = subjects.first().map(|f| f.id.clone());
            for subject in subjects {
                let mut score: f64 = 0.45 + choice.score;
                let mut parts: Vec<(usize, usize)> = vec![at];
                parts.extend(choice.at);
                let mut borrowed = false;
                if let Some(back) = borrowed_at {
                    borrowed = true;
                    score -= 0.1 + 0.05 * back as f64;
                } else {
                    parts.push((subject.start, subject.end));
                    if lead.as_deref() != Some(subject.id.as_str()) {
                        score -= 0.03;
                    }
                }
                let mut value = choice.value.clone();
                if p.value_type == ValueType::Text
                    && borrowed_at.is_none()
                    && let Some((words, start)) = title(text, at, subject.start, known)
                {
                    value = Value::Text { text: words };
                    parts.retain(|&x| x != choice.at.unwrap_or(at));
                    parts.push((start, at.1));
                }
                let mut used = vec![subject.id.as_str()];
                if let Some(o) = choice.object {
                    used.push(&o.id);
                }
                // Qualifiers: every key the predicate's claims use, filled from the other
                // mentions.
                let mut qualifiers = BTreeMap::new();
                let mut missing_required = false;
                for (key, q) in &shape.qualifiers {
                    let mut fitting: Vec<&entity::Found> = known
                        .iter()
                        .filter(|f| {
                            !used.contains(&f.id.as_str()) && q.kinds.contains_key(kind_of(&f.id))
                        })
                        .collect();
                    nearest(&mut fitting);
                    let mut ids: Vec<String> = Vec::new();
                    for f in &fitting {
                        if !ids.contains(&f.id) && (q.several || ids.is_empty()) {
                            ids.push(f.id.clone());
                            parts.push((f.start, f.end));
                        }
                    }
                    let required = required(p, shape, key, q);
                    if ids.is_empty() && required {
                        let found = context.iter().enumerate().find_map(|(back, mentions)| {
                            mentions
                                .iter()
                                .rev()
                                .find(|f| {
                                    !used.contains(&f.id.as_str())
                                        && q.kinds.contains_key(kind_of(&f.id))
                                })
                                .map(|f| (f, back))
                        });
                        if let Some((f, back)) = found {
                            ids.push(f.id.clone());
                            borrowed = true;
                            score -= 0.05 * (back + 1) as f64;
                        }
                    }
                    if ids.is_empty() {
                        missing_required |= required;
                        continue;
                    }
                    score += 0.05;
                    ids.sort();
                    qualifiers.insert(key.clone(), ids);
                }
                if missing_required {
                    continue;
                }
                // The time: the sentence's temporal expression nearest the figure (for a
                // quantity) or the cue, in the same clause first, else "as of".
                let anchor = choice.at.filter(|_| p.value_type == ValueType::Quantity);
                let anchor = anchor.unwrap_or(at);
                let mut dated: Vec<&Candidate> = times.clone();
                dated.sort_by_key(|c| {
                    (
                        !same_clause(&breaks, (c.start, c.end), anchor),
                        distance((c.start, c.end), anchor),
                        c.start,
                    )
                });
                // A measurement's date comes before its figure ("In 1989, ... made up 39.7%")
                // or right after it; a date further on dates a later clause ("... 30 million)
                // ... since he became president last year").
                if p.value_type == ValueType::Quantity {
                    dated.retain(|c| {
                        c.end <= anchor.0 || distance((c.start, c.end), anchor) <= NEAR
                    });
                }
                // A relation or a description holds as of the text unless its own clause
                // dates it: "the main threats remain terrorism (two bombings in May 2011)".
                if matches!(p.value_type, ValueType::Text | ValueType::Entity) {
                    dated.retain(|c| same_clause(&breaks, (c.start, c.end), at));
                }
                let (when, how) = match dated.first() {
                    Some(t) => {
                        parts.push((t.start, t.end));
                        score += 0.15;
                        if !same_clause(&breaks, (t.start, t.end), anchor) {
                            score -= 0.05;
                        }
                        match as_of.filter(|_| of_publication(t)) {
                            // "For eighteen years now": the span up to now goes on.
                            Some(_) if let Some(span) = lasting(text, &times, t) => {
                                parts.push(span.0);
                                (Some(span.1), "time")
                            }
                            Some(a) => (Some(a.to_string()), "as_of"),
                            None if matches!(p.value_type, ValueType::Text | ValueType::Entity)
                                && inchoative(text, s, &breaks, at) =>
                            {
                                (t.edtf.as_deref().map(from_then_on), "time")
                            }
                            None => (t.edtf.clone(), "time"),
                        }
                    }
                    None if p.value_type == ValueType::None => continue,
                    None => (as_of.map(str::to_string), "as_of"),
                };
                let start = parts.iter().map(|p| p.0).min().unwrap_or(cue.start);
                let end = parts.iter().map(|p| p.1).max().unwrap_or(cue.end);
                let Some(phrase) = text.get(start..end) else {
                    continue;
                };
                // A long phrase is a weak reading: the parts may not belong together.
                let words = phrase.split_whitespace().count();
                if words > 40 {
                    continue;
                }
                score -= (words.saturating_sub(12) as f64) * 0.005;
                let rule = format!(
                    "claim.cue_{}.{how}{}",
                    match p.value_type {
                        ValueType::Quantity => "quantity",
                        ValueType::Entity => "entity",
                        ValueType::Text => "text",
                        ValueType::None => "event",
                    },
                    if borrowed { ".context" } else { "" }
                );
                // One free text per predicate and subject: the cues of one sentence would
                // otherwise offer the same statement cut several ways.
                let value_key = match &value {
                    Value::Text { .. } => "text".to_string(),
                    other => serde_json::to_string(other).unwrap_or_default(),
                };
                let candidate = Candidate {
                    id: String::new(),
                    kind: Kind::Claim,
                    text: phrase.to_string(),
                    start,
                    end,
                    line: line_of(text, s, start),
                    sentence: Span {
                        start: s.start,
                        end: s.end,
                    },
                    edtf: when.clone(),
                    timex: None,
                    quantity: match &value {
                        Value::Quantity(q) => Some(quantity::contract(q)),
                        _ => None,
                    },
                    entities: Vec::new(),
                    suggestion: Some(Suggestion {
                        subject: subject.id.clone(),
                        predicate: p.id.clone(),
                        value,
                        qualifiers,
                        when,
                    }),
                    score: score.clamp(0.05, 0.95),
                    rule,
                };
                let key = (p.id.clone(), subject.id.clone(), value_key);
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

#[cfg(test)]
mod tests {
    use crate::extract::suggest::fixture::*;
    use crate::model::{QuantityBound, Value};

    #[test]
    fn a_qualifier_seen_once_is_not_required_unless_the_template_names_it() {
        let got = claims(
            "In 2013, Kazakhstan held four joint exercises with Russia.",
            Some("2015-03-10"),
        );
        let s = one(&got, "exercises_held");
        // The name after "with" is the partner, not the subject.
        assert_eq!(s.subject, "kazakhstan");
        assert_eq!(
            s.qualifiers.get("partner"),
            Some(&vec!["russia".to_string()])
        );
        assert!(!s.qualifiers.contains_key("framework"));
        assert_eq!(s.when.as_deref(), Some("2013"));
        // The template's partner is required: without one, no suggestion.
        let none = claims(
            "In 2013, Kazakhstan held four joint exercises.",
            Some("2015-03-10"),
        );
        assert!(
            none.iter()
                .all(|c| c.suggestion.as_ref().unwrap().predicate != "exercises_held"),
            "{none:#?}"
        );
    }

    #[test]
    fn a_share_with_its_group_qualifier() {
        let got = claims(
            "Ethnic Russians make up nearly 22% of Kazakhstan's population.",
            Some("2013"),
        );
        let share = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population_share")
            .unwrap();
        let s = share.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "kazakhstan");
        assert_eq!(
            s.qualifiers.get("group").unwrap(),
            &vec!["ethnic-russians".to_string()]
        );
        match &s.value {
            Value::Quantity(q) => assert_eq!((q.amount, q.bound), (22.0, QuantityBound::Nearly)),
            other => panic!("{other:?}"),
        }
        // "population" does not take a percentage.
        assert!(
            got.iter()
                .all(|c| c.suggestion.as_ref().unwrap().predicate != "population")
        );
    }

    #[test]
    fn an_event_needs_a_time_and_a_required_qualifier() {
        let text = "Kazakhstan and Russia signed their Military Cooperation Treaty in 1994.";
        let got = claims(text, None);
        let events: Vec<_> = got
            .iter()
            .filter(|c| c.suggestion.as_ref().unwrap().predicate == "signed")
            .collect();
        assert!(events.len() <= 1, "{events:#?}");
        // Without a time in the sentence no event is suggested.
        let none = claims(
            "Kazakhstan and Russia signed their Military Cooperation Treaty.",
            Some("2011"),
        );
        assert!(none.is_empty(), "{none:#?}");
        let s = events.first().map(|c| c.suggestion.clone().unwrap());
        if let Some(s) = s {
            assert_eq!(s.subject, "treaty-1994");
            assert_eq!(
                s.qualifiers.get("party").unwrap(),
                &vec!["kazakhstan".to_string(), "russia".to_string()]
            );
            assert_eq!(s.value, Value::None);
        }
    }

    #[test]
    fn a_subject_is_looked_for_in_the_paragraph() {
        let text = "Kazakhstan is a large country. It is mostly steppe. Official figures put \
                    the population at 16.3 million.\n\nThe population is 17.6 million.";
        let got = claims(text, Some("2011"));
        let found = suggestions(&got, "population");
        // Two sentences back in the same paragraph; not across the blank line.
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].subject, "kazakhstan");
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population")
            .unwrap();
        assert!(c.rule.ends_with(".context"), "{}", c.rule);
        let near = claims(
            "Kazakhstan is large. Its population is 16.3 million.",
            Some("2011"),
        );
        let near = near
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population")
            .unwrap();
        // The nearer the sentence that names the subject, the higher the score.
        assert!(near.score > c.score, "{} {}", near.score, c.score);
    }

    #[test]
    fn a_free_text_describes_the_name_before_its_cue() {
        // Kyrgyzstan stands nearer the cue, but after it: it is part of what is said.
        let got = claims(
            "China, in its latest white paper, states one aim, closer trade with Kyrgyzstan.",
            Some("2011"),
        );
        let aims = suggestions(&got, "aim");
        assert_eq!(aims.len(), 1, "{aims:#?}");
        assert_eq!(aims[0].subject, "china");
        // A name right after its title is still the subject.
        let got = claims(
            "Kazakhstan welcomed President Nursultan Nazarbayev.",
            Some("2011"),
        );
        let offices = suggestions(&got, "holds_office");
        assert_eq!(offices.len(), 1, "{offices:#?}");
        assert_eq!(offices[0].subject, "nazarbayev");
    }
}
