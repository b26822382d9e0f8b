//! Events with their participants: an exercise held, an agreement signed, ratified, in force or
//! extended, a membership begun, suspended, ended or restored, a base opened, handed over or
//! closed, arms ordered, delivered or given. Each event is one claim whose participants are
//! its qualifiers (review accepts it as one unit); the figures an exercise states are claims of
//! their own (`forces_involved`, `forces_contributed`).
//!
//! A trigger of `patterns.rs` (a verb, active or passive, or a noun) opens an event of its
//! frame; the frame's slots are filled from the names of the trigger's clause and sentence
//! (`slots.rs`): the actors before an active verb, after "by" for a passive one, after "of",
//! "between", "involving" for a noun; lists ("Russia, Kazakhstan and Belarus") give one actor
//! each; "the two countries", "both sides" and pronouns stand for the nearest fitting names
//! of the paragraph. Several triggers make several events in one sentence. The score is the
//! rule's calibrated precision (`calibration.rs`).

pub(crate) mod patterns;
mod slots;

use std::collections::BTreeMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::calibration::calibrated;
use super::dating::is_day;
use super::sense::{Sense, sense};
use super::words::clause_breaks;
use crate::extract::quantity::{self, line_of};
use crate::extract::{Candidate, Kind, Sentence, Span, Suggestion, entity};
use crate::model::{Quantity, Value};
use patterns::{Form, Frame, PATTERNS, Pattern, Timing, form_name, frame_name};
use slots::*;

/// The triggers of every pattern as one automaton (leftmost longest: "was signed" before
/// "signed").
#[derive(Debug, Clone)]
pub struct Triggers {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, its index in [`PATTERNS`].
    pattern: Vec<usize>,
}

impl Triggers {
    /// The triggers of the patterns whose predicate the vocabulary has.
    pub(super) fn new(has: impl Fn(&str) -> bool) -> Result<Triggers, aho_corasick::BuildError> {
        let mut words = Vec::new();
        let mut pattern = Vec::new();
        for (i, p) in PATTERNS.iter().enumerate() {
            if has(p.predicate) {
                words.push(crate::text::fold(p.trigger));
                pattern.push(i);
            }
        }
        let automaton = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&words)?,
            )
        };
        Ok(Triggers { automaton, pattern })
    }
}

/// A trigger found in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trigger {
    pub(super) pattern: &'static Pattern,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Every trigger in `text`, in text order.
pub(super) fn triggers(text: &str, t: &Triggers) -> Vec<Trigger> {
    let Some(automaton) = &t.automaton else {
        return Vec::new();
    };
    let mut out = Vec::new();
    entity::each_folded_match(text, automaton, false, |i, start, end| {
        if let Some(p) = t.pattern.get(i).and_then(|&i| PATTERNS.get(i)) {
            out.push(Trigger {
                pattern: p,
                start,
                end,
            });
        }
    });
    out.sort_by_key(|t| (t.start, t.end));
    out
}

/// A name a sentence left for the ones after it: id, kind, span, whether it is new.
pub(super) type Remembered = (String, String, usize, usize, bool);

/// When an event happened as its sentence dates it: the EDTF, the span of the time it rests on,
/// and whether the sentence dated it (not the publication).
type Dated = (String, Option<(usize, usize)>, bool);

/// What a paragraph has said so far that a later sentence refers back to: the names of its
/// sentences (nearest first), the exercise and the agreement it last spoke of.
#[derive(Debug, Default)]
pub(super) struct Paragraph {
    pub(super) names: Vec<Vec<Remembered>>,
    /// The exercise the paragraph last spoke of, and its time when a sentence dated it.
    pub(super) exercise: Option<(String, Option<String>)>,
    /// The exercise an earlier paragraph last spoke of: what a later "the exercise" means.
    pub(super) earlier_exercise: Option<(String, Option<String>)>,
    pub(super) agreement: Option<String>,
    /// The states an organisation was founded by or met with at a summit, over the whole
    /// text: what a later "all six members of the SCO" counts.
    pub(super) groups: Vec<(String, Vec<String>)>,
    /// The day the sentence before named (`2014-01-31`) and where its time ends: the occasion
    /// a sentence after it that gives no time of its own reports on.
    pub(super) day: Option<(String, usize)>,
}

impl Paragraph {
    /// A new paragraph: its names and exercise are new; the agreement a text is about is
    /// spoken of over several ("The agreement was signed in Dushanbe on October 5, 2012."), and
    /// so is its exercise, but only where a sentence says "the exercise" (a figure of forces
    /// in a later paragraph is no longer the exercise's).
    pub(super) fn clear(&mut self) {
        self.names.clear();
        self.day = None;
        if let Some(exercise) = self.exercise.take() {
            self.earlier_exercise = Some(exercise);
        }
    }
}

/// One sentence's input to the event reading.
pub(super) struct Input<'a> {
    pub(super) text: &'a str,
    pub(super) s: &'a Sentence,
    /// Known and new names of the sentence, in text order.
    pub(super) mentions: &'a [crate::extract::Mention],
    pub(super) kinds: &'a std::collections::HashMap<String, String>,
    /// The state an organisation or a capital stands for as an actor (metonymy).
    pub(super) stands_for: &'a std::collections::HashMap<String, String>,
    /// The organisation an organ belongs to ("UN General Assembly": the UN).
    pub(super) part_of: &'a std::collections::HashMap<String, String>,
    /// The state a military unit belongs to ("Kazakh peacekeeping battalion").
    pub(super) unit_states: &'a std::collections::HashMap<String, String>,
    pub(super) items: &'a [&'a Candidate],
    pub(super) triggers: &'a [Trigger],
    pub(super) as_of: Option<&'a str>,
    /// The cued predicates, for the sense of a trigger's clause.
    pub(super) predicates: &'a [crate::model::Predicate],
}

/// The event claims of one sentence, and what the paragraph remembers of them.
pub(super) fn read(input: &Input, para: &mut Paragraph) -> Vec<Candidate> {
    let text = input.text;
    let names: Vec<Named> = input
        .mentions
        .iter()
        .map(|m| {
            let kind = if m.new {
                ""
            } else {
                input.kinds.get(&m.id).map_or("", String::as_str)
            };
            let (id, kind) = match input.stands_for.get(&m.id) {
                Some(state) if kind == "organisation" || acts(input, m.start, m.end) => {
                    (state.as_str(), "country")
                }
                _ => (m.id.as_str(), kind),
            };
            Named {
                id,
                kind,
                start: m.start,
                end: m.end,
                new: m.new,
            }
        })
        .collect();
    // Most sentences report no event: they only leave their actors for a later "the two
    // countries", "it", "the bloc" (and the agreement a later "it" means).
    let figures_after =
        para.exercise.is_some() && input.items.iter().any(|c| c.kind == Kind::Quantity);
    let day_before = std::mem::replace(&mut para.day, day_of(input.items));
    if input.triggers.is_empty() && !figures_after {
        if let Some(id) = named_agreement(text, &names) {
            para.agreement = Some(id);
        }
        remember(&names, para);
        return Vec::new();
    }
    let stored = std::mem::take(&mut para.names);
    let context: Vec<Vec<Named>> = stored
        .iter()
        .map(|v| {
            v.iter()
                .map(|(id, kind, start, end, new)| Named {
                    id,
                    kind,
                    start: *start,
                    end: *end,
                    new: *new,
                })
                .collect()
        })
        .collect();
    let breaks = clause_breaks(text, input.s);
    let groups = para.groups.clone();
    // Not a time inside a name ("Frontier Shield 2024"), but a time whose abbreviated month was
    // read as a new name ("Dec. 22, 2022") is one.
    let times: Vec<&Candidate> = input
        .items
        .iter()
        .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
        .filter(|c| {
            !names.iter().any(|n| {
                c.start < n.end
                    && n.start < c.end
                    && !(n.new && n.start == c.start && n.end < c.end)
            })
        })
        .copied()
        .collect();
    // With the times whose month a name starts ("January-March 2019" read as a new name): a
    // figure's period.
    let periods: Vec<&Candidate> = input
        .items
        .iter()
        .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
        .filter(|c| {
            !names
                .iter()
                .any(|n| c.start < n.end && n.start < c.end && n.start != c.start)
        })
        .copied()
        .collect();
    let mut r = Reader {
        input,
        names: &names,
        context: &context,
        breaks: &breaks,
        times: &times,
        periods: &periods,
        day_before: day_before.as_ref().map(|(d, at)| (d.as_str(), *at)),
        groups: &groups,
        out: BTreeMap::new(),
    };
    for t in input.triggers {
        // A trigger inside a known name ("Collective Security Treaty") is part of the name.
        if names
            .iter()
            .any(|n| !n.new && n.start < t.end && t.start < n.end)
        {
            continue;
        }
        if !asserted(&r, t) {
            continue;
        }
        match t.pattern.frame {
            Frame::Exercise => r.exercise(t, para),
            Frame::Agreement => r.agreement(t, para),
            Frame::Membership => r.membership(t),
            Frame::Base => r.base(t),
            Frame::Transfer => r.transfer(t),
            Frame::Founding => r.founding(t),
            Frame::Deployment => r.deployment(t),
            Frame::Figure => r.figure(t),
        }
    }
    let agreement_named = named_agreement(text, &names);
    // Figures of an exercise the paragraph spoke of, in a sentence of their own.
    if !input
        .triggers
        .iter()
        .any(|t| t.pattern.frame == Frame::Exercise)
        && let Some((exercise, when)) = para.exercise.clone()
    {
        let when = when.or_else(|| input.as_of.map(str::to_string));
        r.figures(&exercise, when, "event.exercise.figure.context");
    }
    let out: Vec<Candidate> = r.out.into_values().collect();
    drop(context);
    remember_groups(&out, input.kinds, &mut para.groups);
    para.names = stored;
    if let Some(id) = agreement_named {
        para.agreement = Some(id);
    }
    remember(&names, para);
    out
}

/// Conjunctions that open a clause stating what has happened, read on its own for its sense.
pub(super) const SUBORDINATORS: &[&str] =
    &[" since ", " after ", " because ", " following ", " when "];

/// Whether the trigger's clause says the event happened: never the opposite of the sentence.
/// A denied event is not one; a planned one ("will hold a joint exercise in the autumn") is
/// not held, but arms to be delivered are a contract's terms and an agreement that "will
/// expire" states its end; a suspension read as the end of a state is left to the cue rules.
fn asserted(r: &Reader, t: &Trigger) -> bool {
    let Some(p) = r
        .input
        .predicates
        .iter()
        .find(|p| p.id == t.pattern.predicate)
    else {
        return true;
    };
    let (mut c0, c1) = r.clause(t);
    // A subordinate clause presupposes its event: in "planned to vacate the base since Uzbekistan
    // evicted the military", the plan is the main clause's, the eviction happened.
    if let Some(head) = r.input.text.get(c0..t.start) {
        let head = head.to_ascii_lowercase();
        if let Some(at) = SUBORDINATORS.iter().filter_map(|w| head.rfind(w)).max() {
            c0 += at;
        }
    }
    let clause = (c0, c1);
    match sense(
        r.input.text,
        clause,
        (t.start, t.end),
        p,
        r.input.predicates,
    ) {
        Sense::Asserted => true,
        // A figure stated of a force holds whatever the clause plans ("will host the
        // 5,000-strong division").
        Sense::Unrealised => {
            matches!(t.pattern.frame, Frame::Transfer | Frame::Figure)
                || t.pattern.timing == Timing::Until
        }
        Sense::Negated | Sense::Reversed(_) => false,
    }
}

/// The agreement a sentence names: the one a later "the agreement", "it" means.
fn named_agreement(text: &str, names: &[Named]) -> Option<String> {
    names
        .iter()
        .rev()
        .find(|n| {
            agreement(n.kind)
                || (n.new
                    && AGREEMENT_WORDS
                        .iter()
                        .any(|w| text.get(n.start..n.end).is_some_and(|x| x.contains(w))))
        })
        .map(|n| n.id.to_string())
}

/// The one day a sentence names (a time of day precision, `2014-01-31`), if it names one, and
/// where the last time naming it ends.
fn day_of(items: &[&Candidate]) -> Option<(String, usize)> {
    let mut days = items
        .iter()
        .filter(|c| c.kind == Kind::Time)
        .filter_map(|c| c.edtf.as_deref().map(|e| (e, c.end)))
        .filter(|(e, _)| is_day(e));
    let (first, mut end) = days.next()?;
    for (day, at) in days {
        if day != first {
            return None;
        }
        end = at;
    }
    Some((first.to_string(), end))
}

/// Keeps the states an organisation was founded by ("established in 2001 by six countries:
/// Russia, China, …") or met with at a summit, two or more, all states.
fn remember_groups(
    out: &[Candidate],
    kinds: &std::collections::HashMap<String, String>,
    groups: &mut Vec<(String, Vec<String>)>,
) {
    let mut summit: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for x in out.iter().filter_map(|c| c.suggestion.as_ref()) {
        match (x.predicate.as_str(), &x.value) {
            ("launched", _) => {
                let Some(by) = x.qualifiers.get("by") else {
                    continue;
                };
                let states = by
                    .iter()
                    .all(|id| kinds.get(id).is_some_and(|k| k == "country"));
                let organisation = kinds.get(&x.subject).is_some_and(|k| k == "organisation");
                if states && organisation && by.len() >= 2 {
                    groups.push((x.subject.clone(), by.clone()));
                }
            }
            ("member_of", Value::Entity { entity }) => {
                summit
                    .entry(entity.clone())
                    .or_default()
                    .push(x.subject.clone());
            }
            _ => {}
        }
    }
    groups.extend(summit.into_iter().filter(|(_, states)| states.len() >= 2));
}

/// Keeps a sentence's actors (states, organisations, agreements) for the sentences after it in
/// the paragraph, nearest first.
fn remember(names: &[Named], para: &mut Paragraph) {
    let own: Vec<Remembered> = names
        .iter()
        .filter(|n| actor(n.kind) || agreement(n.kind) || n.kind == "military_unit")
        .map(|n| (n.id.to_string(), n.kind.to_string(), n.start, n.end, n.new))
        .collect();
    if para.names.len() >= super::LOOKBACK {
        para.names.pop();
    }
    para.names.insert(0, own);
}

/// The state of reading one sentence's events.
struct Reader<'r, 'a> {
    input: &'r Input<'a>,
    names: &'r [Named<'r>],
    context: &'r [Vec<Named<'r>>],
    breaks: &'r [usize],
    times: &'r [&'r Candidate],
    /// The times with those a new name starts (a month read as a name): for figures.
    periods: &'r [&'r Candidate],
    /// The one day the sentence before in the paragraph named, and where its time ends.
    day_before: Option<(&'r str, usize)>,
    /// The states of the organisations the text named with theirs ([`Paragraph::groups`]).
    groups: &'r [(String, Vec<String>)],
    /// One claim per predicate, subject and value: the best scored.
    out: BTreeMap<(String, String, String), Candidate>,
}

/// A claim of an event before it becomes a candidate.
struct Event {
    subject: String,
    predicate: &'static str,
    value: Value,
    qualifiers: BTreeMap<String, Vec<String>>,
    when: Option<String>,
    parts: Vec<(usize, usize)>,
    rule: String,
}

impl<'a> Reader<'_, 'a> {
    fn text(&self) -> &'a str {
        self.input.text
    }

    fn sentence(&self) -> (usize, usize) {
        (self.input.s.start, self.input.s.end)
    }

    /// The clause of the trigger: between the clause breaks either side of it.
    fn clause(&self, t: &Trigger) -> (usize, usize) {
        let (s0, s1) = self.sentence();
        let before = self.breaks.partition_point(|&b| b < t.start);
        let start = before
            .checked_sub(1)
            .and_then(|i| self.breaks.get(i))
            .map_or(s0, |&b| b.max(s0));
        let end = self
            .breaks
            .get(self.breaks.partition_point(|&b| b < t.end))
            .map_or(s1, |&b| b.min(s1));
        (start, end.max(t.end))
    }

    /// The event's time as its pattern reads it, with the span it rests on; the publication's
    /// "as of" when the sentence gives none (not for a time something runs until).
    fn when(&self, t: &Trigger) -> Option<Dated> {
        self.when_outside(t, None)
    }

    /// [`Reader::when`] without the times inside `skip` (the year of a name: "Frontier
    /// Shield 2024").
    fn when_outside(&self, t: &Trigger, skip: Option<(usize, usize)>) -> Option<Dated> {
        self.when_among(t, skip, self.times)
    }

    /// [`Reader::when_outside`] over the times `among`.
    fn when_among(
        &self,
        t: &Trigger,
        skip: Option<(usize, usize)>,
        among: &[&Candidate],
    ) -> Option<Dated> {
        let clause = self.clause(t);
        let until = t.pattern.timing == Timing::Until;
        let times: Vec<&Candidate> = among
            .iter()
            .filter(|c| skip.is_none_or(|(a, b)| c.end <= a || c.start >= b))
            .copied()
            .collect();
        match nearest_time(&times, clause, (t.start, t.end), until) {
            Some(c) => {
                let edtf = c.edtf.clone()?;
                let when = match t.pattern.timing {
                    Timing::On => edtf,
                    Timing::From if edtf.contains('/') => edtf,
                    Timing::From => format!("{edtf}/.."),
                    Timing::Until => {
                        let end = edtf.rsplit('/').next().unwrap_or(&edtf).to_string();
                        format!("../{end}")
                    }
                };
                Some((when, Some((c.start, c.end)), true))
            }
            None if until => None,
            None => self.input.as_of.map(|a| (a.to_string(), None, false)),
        }
    }

    /// The actors of a trigger by its form: before an active verb (in its clause), after
    /// "by"/"between"/"of"/"involving" for a passive verb or a noun, else anywhere in the
    /// sentence; "the two countries" and pronouns resolved in the paragraph.
    fn actors(&self, t: &Trigger, preps: &[&str]) -> (Vec<Named<'_>>, bool) {
        let clause = self.clause(t);
        let (s0, s1) = self.sentence();
        let fit = |n: &Named| actor(n.kind) && !is_place(self.text(), n);
        let found = match t.pattern.form {
            Form::Active => within(self.names, clause.0, t.start, fit),
            Form::Passive | Form::Nominal => {
                let after = after_preposition(self.text(), self.names, preps, t.end, s1, fit);
                if after.is_empty() {
                    within(self.names, clause.0, t.start, fit)
                } else {
                    after
                }
            }
        };
        if !found.is_empty() {
            return (found, false);
        }
        let text = self.text();
        for (phrase, n) in PLURAL_REFERENCES {
            if has_phrase(text, s0, s1, phrase) {
                let got = nearest_actors(self.names, self.context, s0, *n, |x| x.kind == "country");
                if got.len() == *n {
                    return (got, true);
                }
            }
        }
        if t.pattern.form == Form::Active && preceded_by(text, t.start, PRONOUNS) {
            let got = nearest_actors(self.names, self.context, t.start, 1, |x| {
                x.kind == "country"
            });
            return (got, true);
        }
        (Vec::new(), false)
    }

    /// Keeps the best scored claim per predicate, subject and value.
    fn push(&mut self, e: Event) {
        let text = self.input.text;
        let start = e.parts.iter().map(|p| p.0).min().unwrap_or(0);
        let end = e.parts.iter().map(|p| p.1).max().unwrap_or(start);
        let Some(phrase) = text.get(start..end) else {
            return;
        };
        if phrase.split_whitespace().count() > 40 {
            return;
        }
        let value_key = serde_json::to_string(&e.value).unwrap_or_default();
        let key = (e.predicate.to_string(), e.subject.clone(), value_key);
        let score = calibrated(&e.rule, e.predicate);
        if self.out.get(&key).is_some_and(|b| b.score >= score) {
            return;
        }
        let quantity = match &e.value {
            Value::Quantity(q) => Some(quantity::contract(q)),
            _ => None,
        };
        let candidate = Candidate {
            id: String::new(),
            kind: Kind::Claim,
            text: phrase.to_string(),
            start,
            end,
            line: line_of(text, self.input.s, start),
            sentence: Span {
                start: self.input.s.start,
                end: self.input.s.end,
            },
            edtf: e.when.clone(),
            timex: None,
            quantity,
            entities: Arc::from([]),
            suggestion: Some(Suggestion {
                subject: e.subject,
                predicate: e.predicate.to_string(),
                value: e.value,
                qualifiers: e.qualifiers,
                when: e.when,
            }),
            score,
            rule: e.rule,
        };
        self.out.insert(key, candidate);
    }

    /// The rule of an event: `event.FRAME.FORM`, `.new` for a subject no entity is yet,
    /// `.context` for actors read in the sentences before.
    fn rule(t: &Trigger, new: bool, borrowed: bool) -> String {
        format!(
            "event.{}.{}{}{}",
            frame_name(t.pattern.frame),
            form_name(t.pattern.form),
            if new { ".new" } else { "" },
            if borrowed { ".context" } else { "" }
        )
    }
}

/// Whether `phrase` (lower case) stands in `text[from..to]` as whole words.
fn has_phrase(text: &str, from: usize, to: usize, phrase: &str) -> bool {
    let Some(slice) = text.get(from..to) else {
        return false;
    };
    let lower = slice.to_ascii_lowercase();
    lower.match_indices(phrase).any(|(i, _)| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && lower[i + phrase.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Ids of a list of names.
fn ids(list: &[Named]) -> Vec<String> {
    list.iter().map(|n| n.id.to_string()).collect()
}

/// The year of an EDTF time ("2012" of "2012-10-05", of "2012~", of "../2012").
fn year_of(when: &str) -> Option<&str> {
    let start = when.find(|c: char| c.is_ascii_digit())?;
    when.get(start..start + 4)
}

/// A quantity with its unit, or the unit persons for a figure of people.
fn quantity_value(c: &Candidate) -> Option<(Quantity, String)> {
    let q = quantity::model(c.quantity.as_ref()?)?;
    let unit = q.unit.clone();
    Some((q, unit))
}

/// Whether a figure's unit counts forces: people or equipment, not money or shares.
fn force_unit(unit: &str) -> bool {
    FORCE_UNITS.contains(&unit)
}

/// The units of forces: people and the equipment an exercise or a state fields.
const FORCE_UNITS: &[&str] = &[
    "persons",
    "aircraft",
    "helicopters",
    "planes",
    "tanks",
    "vehicles",
    "pieces",
    "units",
    "ships",
    "launchers",
    "systems",
    "guns",
    "drones",
    "divisions",
    "battalions",
    "brigades",
];

mod exercise;
mod forces;
mod frames;

#[cfg(test)]
mod tests;

/// Whether the name at `start..end` is the subject of an active trigger: no preposition before
/// it, and at most two lower-case words (an auxiliary, an adverb) between it and the trigger
/// ("Tashkent closed", "Moscow has formally evicted"). A capital so placed is its government.
fn acts(input: &Input, start: usize, end: usize) -> bool {
    let before = slots::word_before(input.text, start);
    if matches!(
        before.as_str(),
        "in" | "at" | "near" | "from" | "to" | "of" | "into" | "via" | "outside" | "around"
    ) {
        return false;
    }
    input.triggers.iter().any(|t| {
        t.pattern.form == patterns::Form::Active
            && t.start >= end
            && input.text.get(end..t.start).is_some_and(|gap| {
                let words: Vec<&str> = gap.split_whitespace().collect();
                gap.starts_with(' ')
                    && words.len() <= 2
                    && words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            })
    })
}
