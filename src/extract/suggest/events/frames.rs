//! How each frame fills its slots: one method of [`Reader`] per event type.

use std::collections::BTreeMap;

use super::patterns::Form;
use super::slots::*;
use super::{Event, Paragraph, Reader, Trigger, force_unit, ids, quantity_value, year_of};
use crate::extract::{Candidate, Kind};
use crate::model::{Quantity, Value};

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
        let places = within(self.names, s0, s1, |n| is_place(text, n) && !n.new);
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

    /// An agreement signed, ratified, in force, extended or expiring: the agreement (a known
    /// one near the trigger, a new name with "Treaty", "Agreement" …, the one the paragraph
    /// spoke of, or one named after its parties and year), its parties (for a signing), who
    /// ratified it, the place, the time.
    pub(super) fn agreement(&mut self, t: &Trigger, para: &mut Paragraph) {
        let text = self.text();
        let (s0, s1) = self.sentence();
        let predicate = t.pattern.predicate;
        let near = |n: &Named| n.end + 80 >= t.start && n.start <= t.end + 80;
        let named = self
            .names
            .iter()
            .filter(|n| near(n))
            .filter(|n| {
                agreement(n.kind)
                    || (n.new
                        && AGREEMENT_WORDS
                            .iter()
                            .any(|w| text[n.start..n.end].contains(w)))
            })
            .min_by_key(|n| distance(n, t))
            .cloned();
        let generic = has_word(text, s0, s1, AGREEMENT_NOUNS);
        // A signing, a ratification, an entry into force is dated by its sentence: the
        // publication's date would be a guess. Of two in one sentence, each has its own time
        // ("the treaty, signed on 22 December, was ratified on 25 April").
        let bound = self.agreement_times(t, named.as_ref());
        let Some((when, time_at, true)) = self.when_among(t, None, &bound) else {
            return;
        };
        let when = match predicate {
            "in_effect" if when.ends_with("/..") => self.for_a_period(t, when),
            _ => when,
        };
        let (actors, borrowed) = self.actors(t, &["by", "between", "of"]);
        // "X first signed a bilateral agreement with Tajikistan": the signer named nearest the
        // verb and the state after "with" are the parties.
        let actors = if predicate == "signed" && t.pattern.form == Form::Active && !borrowed {
            self.signers(t)
        } else {
            actors
        };
        let (subject, new, subject_at) = match &named {
            Some(n) => (n.id.to_string(), n.new, Some((n.start, n.end))),
            None => match &para.agreement {
                Some(id)
                    if preceded_by(
                        text,
                        t.start,
                        &[
                            "it",
                            "the treaty",
                            "the agreement",
                            "the deal",
                            "the document",
                        ],
                    ) || (generic && predicate != "signed") =>
                {
                    (id.clone(), false, None)
                }
                // Unnamed: after its parties (or who ratified it) and its year, for the analyst
                // to name on review.
                _ if has_word(text, s0, s1, ONE_AGREEMENT_NOUNS)
                    && !actors.is_empty()
                    && (predicate != "signed" || actors.len() >= 2) =>
                {
                    let mut parts: Vec<&str> = actors.iter().map(|n| n.id).collect();
                    parts.push("agreement");
                    parts.extend(year_of(&when));
                    (slug(&parts), true, None)
                }
                _ => return,
            },
        };
        let mut qualifiers = BTreeMap::new();
        match predicate {
            "signed" => {
                let parties: Vec<Named> = actors
                    .iter()
                    .filter(|n| n.kind == "country")
                    .cloned()
                    .collect();
                // The parties of an agreement the paragraph named before may be in its name.
                if parties.is_empty() && (new || subject_at.is_some()) {
                    return;
                }
                if !parties.is_empty() {
                    qualifiers.insert("party".to_string(), ids(&parties));
                }
                let people = within(self.names, s0, s1, |n| n.kind == "person");
                if !people.is_empty() {
                    qualifiers.insert("signatory".to_string(), ids(&people));
                }
            }
            "ratified" => {
                let by = match t.pattern.form {
                    Form::Active => actors.clone(),
                    _ => after_preposition(text, self.names, &["by"], t.end, s1, |n| actor(n.kind)),
                };
                if !by.is_empty() {
                    qualifiers.insert("by".to_string(), ids(&by[..1]));
                }
            }
            _ => {}
        }
        if predicate == "signed" {
            let places = after_preposition(text, self.names, &["in", "at"], s0, s1, |n| {
                n.kind == "place"
            });
            if !places.is_empty() {
                qualifiers.insert("place".to_string(), ids(&places[..1]));
            }
        }
        let mut parts = vec![(t.start, t.end)];
        parts.extend(subject_at);
        parts.extend(time_at);
        let rule = format!(
            "{}{}",
            Self::rule(t, new, borrowed || subject_at.is_none()),
            undated(true)
        );
        para.agreement = Some(subject.clone());
        self.push(Event {
            subject,
            predicate,
            value: Value::None,
            qualifiers,
            when: Some(when),
            parts,
            rule,
        });
    }

    /// The times of the sentence an agreement's trigger may take: each time goes to the
    /// agreement trigger nearest before it (else the first after it), when the sentence has
    /// several; not a period in brackets after the agreement's name ("Plan (2013-2017)").
    fn agreement_times(&self, t: &Trigger, named: Option<&Named>) -> Vec<&Candidate> {
        let text = self.text();
        let own: Vec<&Trigger> = self
            .input
            .triggers
            .iter()
            .filter(|x| x.pattern.frame == super::patterns::Frame::Agreement)
            .filter(|x| {
                !self
                    .names
                    .iter()
                    .any(|n| !n.new && n.start < x.end && x.start < n.end)
            })
            .collect();
        // The brackets that open right after the name.
        let bracket = named.and_then(|n| {
            let rest = text.get(n.end..)?;
            let open = rest.find(|c: char| !(c.is_whitespace() || "\"'”’".contains(c)))?;
            if !rest[open..].starts_with('(') {
                return None;
            }
            let close = rest[open..].find(')').map_or(rest.len(), |i| open + i);
            Some((n.end + open, n.end + close))
        });
        self.times
            .iter()
            .filter(|c| bracket.is_none_or(|(a, b)| c.start < a || c.start > b))
            .filter(|c| {
                if own.len() < 2 {
                    return true;
                }
                let before = own
                    .iter()
                    .filter(|x| x.end <= c.start)
                    .max_by_key(|x| x.end);
                let owner = before.or_else(|| own.iter().find(|x| x.start >= c.end));
                owner.is_some_and(|x| x.start == t.start && x.end == t.end)
            })
            .copied()
            .collect()
    }

    /// "became effective on 20 April 1994 for a period of five years": in force until five
    /// years on, not open-ended.
    fn for_a_period(&self, t: &Trigger, when: String) -> String {
        let (_, c1) = self.clause(t);
        let rest = self
            .text()
            .get(t.end..c1)
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(at) = rest
            .find("for a period of ")
            .map(|i| i + 16)
            .or_else(|| rest.find(" for ").map(|i| i + 5))
        else {
            return when;
        };
        let mut words = rest[at..].split_whitespace();
        let n = words.next().and_then(|w| {
            w.parse::<u32>().ok().or_else(|| {
                crate::numbers::ones(w)
                    .or_else(|| crate::numbers::tens(w))
                    .map(u32::from)
            })
        });
        let unit = words
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphabetic());
        let (Some(n), true) = (n, matches!(unit, "years" | "year")) else {
            return when;
        };
        let start = when.trim_end_matches("/..");
        let Some(year) = start.get(..4).and_then(|y| y.parse::<u32>().ok()) else {
            return when;
        };
        format!("{start}/{}{}", year + n, start.get(4..).unwrap_or(""))
    }

    /// The parties of an active signing: the actor named nearest before the verb (with its
    /// list: "Russia and Tajikistan signed"), and the state after "with".
    fn signers(&self, t: &Trigger) -> Vec<Named<'_>> {
        let text = self.text();
        let clause = self.clause(t);
        let fit = |n: &Named| actor(n.kind) && !is_place(text, n);
        let before: Vec<Named> = self
            .names
            .iter()
            .filter(|n| n.start >= clause.0 && n.end <= t.start && fit(n))
            .cloned()
            .collect();
        let mut out: Vec<Named> = Vec::new();
        for n in last_list(text, before) {
            if !out.iter().any(|o| o.id == n.id) {
                out.push(n);
            }
        }
        let with = after_preposition(text, self.names, &["with"], t.end, clause.1, |n| {
            n.kind == "country"
        });
        if let Some(n) = with.into_iter().next()
            && !out.iter().any(|o| o.id == n.id)
        {
            out.push(n);
        }
        out
    }

    /// A membership changed: each state before the verb (or the one a pronoun stands for)
    /// joins, leaves, suspends or restores its membership of the organisation after it (or of
    /// "the bloc" named before).
    pub(super) fn membership(&mut self, t: &Trigger) {
        if t.pattern.predicate == "observer_of" {
            self.observer(t);
            return;
        }
        if t.pattern.predicate == "member_of" {
            self.summit(t);
            return;
        }
        let text = self.text();
        let (s0, _) = self.sentence();
        let clause = self.clause(t);
        let object = within(self.names, t.end, clause.1, |n| {
            matches!(n.kind, "organisation" | "agreement")
        })
        .into_iter()
        .next()
        .or_else(|| {
            // "quit the bloc", "suspended its membership": the organisation named before.
            let refers = has_word(text, t.end, clause.1.min(t.end + 30), ORGANISATION_NOUNS)
                || t.pattern.trigger.contains("membership");
            if !refers {
                return None;
            }
            nearest_actors(self.names, self.context, t.start, 1, |n| {
                matches!(n.kind, "organisation" | "agreement")
            })
            .into_iter()
            .next()
        });
        // "in 2006 it re-joined.": nothing but a time after the verb; the organisation is the
        // one named before.
        let object = object.or_else(|| {
            let rest = text.get(t.end..clause.1).unwrap_or("");
            let bare = self
                .times
                .iter()
                .filter(|c| c.start >= t.end && c.end <= clause.1)
                .fold(rest.len(), |n, c| n.saturating_sub(c.end - c.start));
            (bare <= 8)
                .then(|| {
                    nearest_actors(self.names, self.context, t.start, 1, |n| {
                        matches!(n.kind, "organisation" | "agreement")
                    })
                })
                .and_then(|v| v.into_iter().next())
        });
        let Some(object) = object else {
            return;
        };
        // "after Kazakhstan joined NATO’s Individual Partnership Action Plan": what is joined is
        // the organisation's programme, not the organisation; joining it is taking part in it.
        let possessed = text
            .get(object.end..)
            .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("’s"));
        let (object, predicate) = if possessed {
            let programme = self.names.iter().find(|n| {
                n.start > object.end
                    && n.start <= object.end + 6
                    && !n.new
                    && matches!(n.kind, "programme" | "agreement")
            });
            let takes_part = self
                .input
                .predicates
                .iter()
                .any(|p| p.id == "participates_in");
            match programme {
                Some(n) if t.pattern.predicate == "joined" && takes_part => {
                    (n.clone(), "participates_in")
                }
                _ => return,
            }
        } else {
            (object, t.pattern.predicate)
        };
        // "… British and Kazakh forces … in 2006 after Kazakhstan joined": the states of the
        // subordinate clause the verb stands in.
        let from = text
            .get(clause.0..t.start)
            .map(str::to_ascii_lowercase)
            .and_then(|head| {
                super::SUBORDINATORS
                    .iter()
                    .filter_map(|w| head.rfind(w).map(|i| i + w.len()))
                    .max()
            })
            .map_or(clause.0, |i| clause.0 + i);
        let mut states = last_list(
            text,
            within(self.names, from, t.start, |n| n.kind == "country"),
        );
        let mut borrowed = false;
        if states.is_empty() {
            // "In 1999 Uzbekistan even quit the bloc" has its state in the clause; "it
            // re-joined" has it in the sentence or the one before.
            if preceded_by(text, t.start, PRONOUNS)
                || preceded_by(
                    text,
                    t.start,
                    &["it even", "it later", "it then", "it also"],
                )
            {
                states = nearest_actors(self.names, self.context, t.start, 1, |n| {
                    n.kind == "country"
                });
                borrowed = true;
            } else {
                states = within(self.names, s0, t.start, |n| n.kind == "country");
                states.truncate(1);
            }
        }
        // "Azerbaijan joined the CST in 1993, together with Belarus and Georgia".
        let with = after_preposition(text, self.names, &["with"], t.end, clause.1, |n| {
            n.kind == "country"
        });
        if preceded_by(
            text,
            with.first().map_or(0, |n| n.start),
            &["together with", "along with"],
        ) {
            for n in with {
                if !states.iter().any(|s| s.id == n.id) {
                    states.push(n);
                }
            }
        }
        let Some((when, time_at, dated)) = self.when(t) else {
            return;
        };
        let rule = format!("{}{}", Self::rule(t, false, borrowed), undated(dated));
        for state in states {
            let mut parts = vec![(t.start, t.end), (object.start, object.end)];
            parts.extend(time_at);
            if !borrowed {
                parts.push((state.start, state.end));
            }
            self.push(Event {
                subject: state.id.to_string(),
                predicate,
                value: Value::Entity {
                    entity: object.id.to_string(),
                },
                qualifiers: BTreeMap::new(),
                when: Some(when.clone()),
                parts,
                rule: rule.clone(),
            });
        }
    }

    /// A base opened, handed over, evicted or closed: the facility nearest the trigger, the
    /// state that acts (`from` for an eviction, `by` otherwise), the one it goes `to`.
    pub(super) fn base(&mut self, t: &Trigger) {
        let text = self.text();
        let s1 = self.sentence().1;
        let facility = self
            .names
            .iter()
            .filter(|n| n.kind == "facility")
            .filter(|n| n.end + 80 >= t.start && n.start <= t.end + 80)
            .min_by_key(|n| distance(n, t))
            .cloned();
        let Some(facility) = facility else {
            return;
        };
        let Some((when, time_at, true)) = self.when(t) else {
            return;
        };
        let dated = true;
        let (actors, borrowed) = self.actors(t, &["by"]);
        let mut qualifiers = BTreeMap::new();
        let role = match t.pattern.predicate {
            "evicted" => "from",
            _ => "by",
        };
        // The state nearest the trigger acts: "U.S. officials … since the Uzbek government
        // evicted the military" is Uzbekistan's eviction.
        let acting = actors
            .into_iter()
            .filter(|n| n.kind == "country")
            .min_by_key(|n| distance(n, t));
        if let Some(a) = acting {
            qualifiers.insert(role.to_string(), vec![a.id.to_string()]);
        } else if t.pattern.predicate == "evicted" {
            return;
        }
        if t.pattern.predicate == "handed_over" {
            let to = after_preposition(text, self.names, &["to"], t.end, s1, |n| actor(n.kind));
            if let Some(a) = to.first() {
                qualifiers.insert("to".to_string(), vec![a.id.to_string()]);
            }
        }
        let mut parts = vec![(t.start, t.end), (facility.start, facility.end)];
        parts.extend(time_at);
        self.push(Event {
            subject: facility.id.to_string(),
            predicate: t.pattern.predicate,
            value: Value::None,
            qualifiers,
            when: Some(when),
            parts,
            rule: format!("{}{}", Self::rule(t, false, borrowed), undated(dated)),
        });
    }

    /// Arms given, delivered or ordered: the figure nearest the trigger in its clause (how
    /// many of what, or what worth), the supplier (the state before an active verb, after
    /// "from" or "by" otherwise), the recipient (after "to", or the other state named).
    pub(super) fn transfer(&mut self, t: &Trigger) {
        let text = self.text();
        let (s0, s1) = self.sentence();
        let clause = self.clause(t);
        let figure = self
            .input
            .items
            .iter()
            .filter(|c| c.kind == Kind::Quantity && c.start >= clause.0 && c.end <= clause.1)
            .filter_map(|c| quantity_value(c).map(|q| (c, q)))
            .filter(|(_, (q, unit))| !unit.is_empty() && unit != "percent" && q.amount > 0.0)
            .min_by_key(|(c, _)| (c.start < t.start, distance_span((c.start, c.end), t)));
        let Some((c, (q, _))) = figure else {
            return;
        };
        let order = t.pattern.predicate == "arms_order";
        let countries = |n: &Named| n.kind == "country";
        let before = within(self.names, clause.0, t.start, countries);
        let from = after_preposition(text, self.names, &["from", "by"], clause.0, s1, countries);
        let to = after_preposition(text, self.names, &["to", "for"], t.end, s1, countries);
        // The giver of a gift or a delivery; the buyer of an order.
        let (subject, borrowed) = if order {
            match before.last() {
                Some(n) => (Some(n.clone()), false),
                None => (to.first().cloned(), false),
            }
        } else {
            match (t.pattern.form, before.last(), from.first()) {
                (Form::Active, Some(n), _) => (Some(n.clone()), false),
                (_, _, Some(n)) => (Some(n.clone()), false),
                (_, Some(n), None) => (Some(n.clone()), false),
                _ => {
                    let got = nearest_actors(self.names, self.context, t.start, 1, countries);
                    (got.into_iter().next(), true)
                }
            }
        };
        let Some(subject) = subject else {
            return;
        };
        // "Kazakhstan will receive free of charge …": the state before the verb receives; the
        // giver is the state after "from", or the other one of the sentence or the paragraph.
        let receives = !order
            && !borrowed
            && has_word(
                text,
                subject.end,
                t.start,
                &["receive", "receives", "received", "get", "gets", "got"],
            );
        if receives {
            self.received(t, c, q, subject, &from);
            return;
        }
        let other = if order {
            from.iter().find(|n| n.id != subject.id).cloned()
        } else {
            to.iter().find(|n| n.id != subject.id).cloned().or_else(|| {
                within(self.names, s0, s1, countries)
                    .into_iter()
                    .find(|n| n.id != subject.id)
            })
        };
        let mut qualifiers = BTreeMap::new();
        if let Some(o) = &other {
            let key = if order { "supplier" } else { "recipient" };
            qualifiers.insert(key.to_string(), vec![o.id.to_string()]);
        } else if !order {
            return;
        }
        let Some((when, time_at, dated)) = self.when(t) else {
            return;
        };
        let mut parts = vec![(t.start, t.end), (c.start, c.end)];
        parts.extend(time_at);
        if !borrowed {
            parts.push((subject.start, subject.end));
        }
        self.push(Event {
            subject: subject.id.to_string(),
            predicate: t.pattern.predicate,
            value: Value::Quantity(q),
            qualifiers,
            when: Some(when),
            parts,
            rule: format!("{}{}", Self::rule(t, false, borrowed), undated(dated)),
        });
    }
}

impl Reader<'_, '_> {
    /// Arms a state (`recipient`) receives: the giver is the subject.
    fn received(
        &mut self,
        t: &Trigger,
        c: &Candidate,
        q: Quantity,
        recipient: Named,
        from: &[Named],
    ) {
        let countries = |n: &Named| n.kind == "country";
        let giver = from
            .iter()
            .find(|n| n.id != recipient.id)
            .cloned()
            .or_else(|| {
                nearest_actors(self.names, self.context, t.start, 3, countries)
                    .into_iter()
                    .rev()
                    .find(|n| n.id != recipient.id)
            });
        let Some(giver) = giver else {
            return;
        };
        let Some((when, time_at, dated)) = self.when(t) else {
            return;
        };
        let mut parts = vec![
            (t.start, t.end),
            (c.start, c.end),
            (recipient.start, recipient.end),
        ];
        parts.extend(time_at);
        let mut qualifiers = BTreeMap::new();
        qualifiers.insert("recipient".to_string(), vec![recipient.id.to_string()]);
        let rule = format!("{}.receive{}", Self::rule(t, false, true), undated(dated));
        self.push(Event {
            subject: giver.id.to_string(),
            predicate: t.pattern.predicate,
            value: Value::Quantity(q),
            qualifiers,
            when: Some(when),
            parts,
            rule,
        });
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

/// `.undated` for an event dated by the publication, not by the sentence.
pub(super) fn undated(dated: bool) -> &'static str {
    if dated { "" } else { ".undated" }
}

/// Whether a new name next to "exercise" names it: of two words or more, or with a digit or a
/// hyphen ("Interaction-2022", "Peace Mission 2007"), and not an agreement's.
fn exercise_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (words >= 2 || name.contains(|c: char| c.is_ascii_digit() || c == '-'))
        && !AGREEMENT_WORDS.iter().any(|w| name.contains(w))
}

/// The last list of names: those joined to the last one by commas and "and" ("In 1999,
/// Georgia, Azerbaijan and Uzbekistan pulled out": all three; "U.S., British and Kazakh forces
/// … after Kazakhstan joined": Kazakhstan alone).
pub(super) fn last_list<'a>(text: &str, names: Vec<Named<'a>>) -> Vec<Named<'a>> {
    let mut out: Vec<Named<'a>> = Vec::new();
    for n in names.into_iter().rev() {
        if let Some(next) = out.last() {
            let gap = text.get(n.end..next.start).unwrap_or("x").trim();
            let gap = gap.trim_start_matches(',').trim();
            if !(gap.is_empty() || gap == "and") {
                break;
            }
        }
        out.push(n);
    }
    out.reverse();
    out
}

/// Bytes between a name and a trigger.
pub(super) fn distance(n: &Named, t: &Trigger) -> usize {
    distance_span((n.start, n.end), t)
}

fn distance_span(a: (usize, usize), t: &Trigger) -> usize {
    if a.1 <= t.start {
        t.start - a.1
    } else {
        a.0.saturating_sub(t.end)
    }
}
