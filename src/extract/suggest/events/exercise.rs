//! The exercise frame: an exercise held, its name, participants, place and time over the
//! sentences that speak of it, and the figures of forces it involves.

use std::collections::BTreeMap;

use super::frames::{distance, undated};
use super::patterns::Form;
use super::slots::*;
use super::{Event, Paragraph, Reader, Trigger, force_unit, ids, quantity_value, year_of};
use crate::extract::{Candidate, Kind};
use crate::model::Value;

impl Reader<'_, '_> {
    /// An exercise: its name (a known exercise or event, a new name next to the trigger, the
    /// exercise the paragraph spoke of), its participants, place and time; then its figures.
    pub(super) fn exercise(&mut self, t: &Trigger, para: &mut Paragraph) {
        let text = self.text();
        let (s0, s1) = self.sentence();
        let near = |n: &Named| n.end + 60 >= t.start && n.start <= t.end + 60;
        // "More than 60 peacekeepers … took part in the event": taking part reports an exercise
        // only of a known one named next to it or of the one "the event", "the second stage"
        // stands for.
        let taking_part = PARTICIPATION.contains(&t.pattern.trigger);
        let anaphor = taking_part && exercise_anaphor(text, t.end);
        // "The Steppe Eagle-2014 was held in Germany": a verb that tells of no exercise by itself
        // reports one only with a known exercise for its subject, right before it.
        if t.pattern.form == Form::Passive
            && !self.names.iter().any(|n| {
                n.kind == "exercise"
                    && text.get(with_year(text, n).1..t.start).is_some_and(|gap| {
                        gap.trim_matches(|c: char| c.is_whitespace() || "'\"”’".contains(c))
                            .is_empty()
                    })
            })
        {
            return;
        }
        let named = self
            .names
            .iter()
            .filter(|n| matches!(n.kind, "exercise" | "event") && near(n))
            .min_by_key(|n| distance(n, t))
            .or_else(|| {
                self.names
                    .iter()
                    .filter(|n| n.new && near(n) && n.end <= t.start + 40)
                    .filter(|n| exercise_name(&text[n.start..n.end]))
                    .min_by_key(|n| distance(n, t))
            })
            .cloned();
        // Taking part in a war or an operation is no exercise: only a known exercise.
        let named = named.filter(|n| !taking_part || n.kind == "exercise");
        let (participants, borrowed) =
            self.actors(t, &["involving", "of", "between", "with", "by"]);
        let (participants, borrowed) = if participants.is_empty() {
            (
                within(self.names, s0, s1, |n| actor(n.kind) && !is_place(text, n)),
                false,
            )
        } else {
            (participants, borrowed)
        };
        // A state after "the border with" bounds the place; the event is not held in it
        // ("conducted near the border with Afghanistan" is held in Tajikistan).
        let places = within(self.names, s0, s1, |n| {
            is_place(text, n) && !n.new && !border_before(text, n.start)
        });
        let named_at = named.as_ref().map(|n| (n.start, with_year(text, n).1));
        let Some((when, time_at, dated)) = self.when_outside(t, named_at) else {
            return;
        };
        // "The Steppe Eagle-2014 was held in Germany": with no other time, the year of its name.
        let (when, time_at, dated) = match named_at {
            Some((_, end)) if !dated && named.as_ref().is_some_and(|n| end > n.end) => {
                match text.get(end - 4..end) {
                    Some(year) => (year.to_string(), Some((end - 4, end)), true),
                    None => (when, time_at, dated),
                }
            }
            _ => (when, time_at, dated),
        };
        // "began Saturday, August 10", "kicked off on 11 April": held from that day on;
        // "was completed … Monday morning": held until that day.
        let begun = has_word(
            text,
            t.end,
            s1.min(t.end + 60),
            &["began", "begun", "started", "kicked", "opened", "launched"],
        );
        let ended = has_word(
            text,
            t.end,
            s1.min(t.end + 60),
            &["completed", "ended", "concluded", "finished"],
        );
        let when = if ended && !begun && dated && !when.contains('/') {
            format!("../{when}")
        } else if begun && dated && !when.contains('/') {
            // "… began Saturday, August 10. The exercise … will last for about two weeks.":
            // closed by a length stated in its sentence or the next of its paragraph.
            let line_end = text
                .get(s1..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |i| s1 + i);
            let end = lasting(text, t.end, line_end.min(s1 + 400))
                .and_then(|length| end_after(&when, length));
            match end {
                Some(end) => format!("{when}/{end}"),
                None => format!("{when}/.."),
            }
        } else {
            when
        };
        // An undated headline ("U.S. Steppe Eagle Exercise in Kazakhstan") restates in short
        // an exercise its text dates.
        if !dated && headline(text, s0, s1) {
            return;
        }
        let (mut when, mut dated) = (when, dated);
        let (subject, new, subject_at) = match &named {
            Some(n) if n.new => {
                let (id, end) = with_year(text, n);
                (id, true, Some((n.start, end)))
            }
            Some(n) => (n.id.to_string(), false, Some((n.start, n.end))),
            None if taking_part && !anaphor => return,
            None => match para.exercise.as_ref().or(para.earlier_exercise.as_ref()) {
                Some((id, before))
                    if anaphor || preceded_by(text, t.start, &["the", "this", "that"]) =>
                {
                    // "The exercise … will last for about two weeks": the exercise a sentence
                    // before dated keeps its time (closed by a length); a time of this
                    // sentence is another event's ("within the framework of the agreements
                    // reached during a state visit … on April 4-5, 2017").
                    if let Some(before) = before {
                        let length = lasting(text, t.end, s1);
                        when = match (before.strip_suffix("/.."), length) {
                            (Some(start), Some(length)) => end_after(start, length)
                                .map_or_else(|| before.clone(), |end| format!("{start}/{end}")),
                            _ => before.clone(),
                        };
                        dated = true;
                    }
                    (id.clone(), false, None)
                }
                // Unnamed, after its participants and year; not in a headline, which restates
                // in short an exercise its text names ("SCO military exercise 9-17 August").
                _ if !participants.is_empty() && dated && !headline(text, s0, s1) => {
                    let mut parts: Vec<&str> = participants.iter().map(|n| n.id).collect();
                    parts.push("exercise");
                    parts.extend(year_of(&when));
                    (slug(&parts), true, None)
                }
                _ => return,
            },
        };
        let participants: Vec<Named> = participants
            .into_iter()
            .filter(|n| n.id != subject)
            .collect();
        if participants.is_empty() && new {
            return;
        }
        let mut qualifiers = BTreeMap::new();
        if !participants.is_empty() {
            qualifiers.insert("participant".to_string(), ids(&participants));
        }
        if !places.is_empty() {
            qualifiers.insert("place".to_string(), ids(&places[..1]));
        }
        let mut parts = vec![(t.start, t.end)];
        parts.extend(subject_at);
        parts.extend(time_at);
        let rule = format!(
            "{}{}",
            Self::rule(t, new, borrowed || subject_at.is_none()),
            undated(dated)
        );
        self.push(Event {
            subject: subject.clone(),
            predicate: "exercise_held",
            value: Value::None,
            qualifiers,
            when: Some(when.clone()),
            parts,
            rule,
        });
        para.exercise = Some((subject.clone(), dated.then(|| when.clone())));
        self.figures(&subject, Some(when), "event.exercise.figure");
    }

    /// The figures of forces in the sentence as claims of the exercise: a figure right after
    /// a state ("Russia will deploy about 4,700 personnel and 36 aircraft") is what that state
    /// sends (`forces_contributed`), any other what the exercise involves (`forces_involved`).
    pub(super) fn figures(&mut self, exercise: &str, when: Option<String>, rule: &str) {
        let text = self.text();
        let items: Vec<_> = self
            .input
            .items
            .iter()
            .filter(|c| c.kind == Kind::Quantity)
            .copied()
            .collect();
        for c in items {
            let Some((q, unit)) = quantity_value(c) else {
                continue;
            };
            if !force_unit(&unit) || q.amount < 2.0 {
                continue;
            }
            let clause = self.clause(&Trigger {
                pattern: &super::patterns::PATTERNS[0],
                start: c.start,
                end: c.end,
            });
            let state = self
                .names
                .iter()
                .rfind(|n| {
                    n.kind == "country"
                        && n.end <= c.start
                        && n.start >= clause.0
                        && c.start - n.end <= 80
                })
                .filter(|n| {
                    // The state that sends them is the clause's subject: "Russia will deploy
                    // about 4,700 personnel", not "the Volga-Urals district of Russia, will
                    // involve around 6500", nor "Kazakhstan, involves".
                    let gap = text.get(n.end..c.start).unwrap_or(",");
                    !gap.contains(", ")
                        && !matches!(
                            word_before(text, n.start).as_str(),
                            "of" | "in" | "from" | "to" | "at" | "with" | "by"
                        )
                })
                .or_else(|| self.state_after(c, clause.1));
            let mut qualifiers = BTreeMap::new();
            let (subject, predicate, at) = match state {
                Some(n) => {
                    qualifiers.insert("to".to_string(), vec![exercise.to_string()]);
                    (
                        n.id.to_string(),
                        "forces_contributed",
                        Some((n.start, n.end)),
                    )
                }
                None => (exercise.to_string(), "forces_involved", None),
            };
            let mut parts = vec![(c.start, c.end)];
            parts.extend(at);
            self.push(Event {
                subject,
                predicate,
                value: Value::Quantity(q),
                qualifiers,
                when: when.clone(),
                parts,
                rule: format!("{rule}.{}", if at.is_some() { "state" } else { "total" }),
            });
        }
    }

    /// The one state whose forces a figure counts, named after it: "more than 150 soldiers of
    /// the armed forces of Kazakhstan", "300 troops from Kyrgyzstan"; not a list ("60
    /// peacekeepers from the US and the UK" are the exercise's), nor "from eight countries –
    /// Kazakhstan, Britain …".
    fn state_after(&self, c: &Candidate, clause_end: usize) -> Option<&Named<'_>> {
        let text = self.text();
        let i = self
            .names
            .iter()
            .position(|n| n.start >= c.end && n.end <= clause_end)?;
        let n = self.names.get(i)?;
        let gap = text.get(c.end..n.start)?;
        let words: Vec<&str> = gap.split_whitespace().collect();
        if n.kind != "country"
            || words.len() > 7
            || !matches!(words.last(), Some(&("of" | "from")))
            || !gap.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
            || words
                .iter()
                .any(|w| matches!(*w, "countries" | "states" | "nations" | "and"))
        {
            return None;
        }
        let listed = self.names.get(i + 1).is_some_and(|next| {
            text.get(n.end..next.start).is_some_and(|g| {
                let g = g.trim().trim_start_matches(',').trim();
                g.is_empty() || g == "and" || g == "and the"
            })
        });
        (!listed).then_some(n)
    }
}

/// The id of a new exercise name with the year that follows it ("Frontier Shield 2024",
/// "Interaction-2022"), and where the name ends.
fn with_year(text: &str, n: &Named) -> (String, usize) {
    let rest = text.get(n.end..).unwrap_or("");
    let digits = rest.strip_prefix([' ', '-']).unwrap_or("");
    let year: String = digits.chars().take_while(char::is_ascii_digit).collect();
    if year.len() == 4 && !digits[4..].starts_with(|c: char| c.is_alphanumeric()) {
        (format!("{}-{year}", n.id), n.end + 5)
    } else {
        (n.id.to_string(), n.end)
    }
}

/// The triggers of taking part in an exercise (see [`exercise_anaphor`]).
const PARTICIPATION: &[&str] = &[
    "took part in",
    "take part in",
    "taking part in",
    "participated in",
];

/// Whether the words at `at` stand for an exercise spoken of before: "the event", "the
/// exercise", "the drills", "the second stage", "this phase".
fn exercise_anaphor(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("").to_ascii_lowercase();
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    if !matches!(words.next(), Some("the" | "this" | "that")) {
        return false;
    }
    let next = words.next().unwrap_or("");
    let next = if matches!(
        next,
        "first" | "second" | "third" | "final" | "last" | "main"
    ) {
        words.next().unwrap_or("")
    } else {
        next
    };
    matches!(
        next,
        "event"
            | "exercise"
            | "exercises"
            | "drill"
            | "drills"
            | "manoeuvres"
            | "maneuvers"
            | "stage"
            | "phase"
    )
}

/// Whether the sentence `s0..s1` is a headline: a line of its own with no full stop at its end.
fn headline(text: &str, s0: usize, s1: usize) -> bool {
    let Some(sentence) = text.get(s0..s1) else {
        return false;
    };
    let own_line = text.get(..s0).is_none_or(|h| {
        h.trim_end_matches([' ', '\t']).is_empty()
            || h.trim_end_matches([' ', '\t']).ends_with('\n')
    }) && text.get(s1..).is_none_or(|t| {
        t.trim_start_matches([' ', '\t']).is_empty()
            || t.trim_start_matches([' ', '\t']).starts_with('\n')
    });
    own_line
        && !sentence
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', '»', ':'])
}

/// How long an event lasts as a sentence states it ("will last for about two weeks", "lasts
/// five days"): the days, and whether the length is approximate.
fn lasting(text: &str, from: usize, to: usize) -> Option<(u32, bool)> {
    let slice = text.get(from..to)?.to_ascii_lowercase();
    let words: Vec<&str> = slice
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| matches!(*w, "last" | "lasts" | "lasting"))?;
    let mut rest = words.get(at + 1..)?.iter().copied().peekable();
    if rest.peek() == Some(&"for") {
        rest.next();
    }
    let approx = rest.peek().is_some_and(|w| {
        matches!(
            *w,
            "about" | "around" | "some" | "approximately" | "roughly" | "nearly"
        )
    });
    if approx {
        rest.next();
    }
    let n = rest.next().and_then(|w| {
        w.parse::<u32>().ok().or_else(|| {
            crate::numbers::ones(w)
                .or_else(|| crate::numbers::tens(w))
                .map(u32::from)
        })
    })?;
    let days = match rest.next()? {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    Some((n.checked_mul(days)?.min(366), approx))
}

/// The end of an event of `length` (days, approximate or not) that began on `start` (a day):
/// "2013-08-24~". `None` for a start that is not one day.
fn end_after(start: &str, (days, approx): (u32, bool)) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").ok()?;
    let end = day.checked_add_days(chrono::Days::new(u64::from(days)))?;
    Some(format!(
        "{}{}",
        end.format("%Y-%m-%d"),
        if approx { "~" } else { "" }
    ))
}

/// Whether a new name next to "exercise" names it: of two words or more, or with a digit or a
/// hyphen ("Interaction-2022", "Peace Mission 2007"), and not an agreement's.
fn exercise_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (words >= 2 || name.contains(|c: char| c.is_ascii_digit() || c == '-'))
        && !AGREEMENT_WORDS.iter().any(|w| name.contains(w))
}
