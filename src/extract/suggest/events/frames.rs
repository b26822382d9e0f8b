//! How each frame fills its slots: one method of [`Reader`] per event type.

use std::collections::BTreeMap;

use super::patterns::Form;
use super::slots::*;
use super::{Event, Paragraph, Reader, Trigger, ids, quantity_value, year_of};
use crate::extract::{Candidate, Kind};
use crate::model::{Quantity, Value};

impl Reader<'_, '_> {
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
            if t.pattern.trigger.starts_with("member") {
                self.counted(t);
            } else {
                self.summit(t);
            }
            return;
        }
        let text = self.text();
        let (s0, _) = self.sentence();
        let clause = self.clause(t);
        // An organisation, an agreement, or a programme ("became a member of the NATO
        // Partnership for Peace program").
        let object = within(self.names, t.end, clause.1, |n| {
            matches!(n.kind, "organisation" | "agreement" | "programme")
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
        let Some(mut object) = object else {
            return;
        };
        // "the NATO Individual Partnership Action Plan": an organisation's name right before a
        // programme's only says whose the programme is; the programme is joined.
        if let Some(n) = self.names.iter().find(|n| {
            n.start > object.end
                && n.kind == "programme"
                && text
                    .get(object.end..n.start)
                    .is_some_and(|gap| gap.trim().is_empty())
        }) {
            object = n.clone();
        }
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
        // "in 1995 it became a member of the NATO Partnership for Peace (PfP) program": the
        // joining, and taking part in the programme from then on (a verb of becoming opens the
        // state it names, as "became president" does; joining an organisation already begins
        // `member_of` by the model of states, joining a programme begins no state of its own).
        let takes_part = dated
            && predicate == "joined"
            && object.kind == "programme"
            && t.pattern.trigger.starts_with("became")
            && self
                .input
                .predicates
                .iter()
                .any(|p| p.id == "participates_in");
        for state in states {
            let mut parts = vec![(t.start, t.end), (object.start, object.end)];
            parts.extend(time_at);
            if !borrowed {
                parts.push((state.start, state.end));
            }
            let value = Value::Entity {
                entity: object.id.to_string(),
            };
            if takes_part {
                self.push(Event {
                    subject: state.id.to_string(),
                    predicate: "participates_in",
                    value: value.clone(),
                    qualifiers: BTreeMap::new(),
                    when: Some(super::super::dating::from_then_on(&when)),
                    parts: parts.clone(),
                    rule: rule.clone(),
                });
            }
            self.push(Event {
                subject: state.id.to_string(),
                predicate,
                value,
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
        let Some((when, time_at, dating)) = self.transfer_when(t) else {
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
            rule: format!("{}{}", Self::rule(t, false, borrowed), dating),
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
        let Some((when, time_at, dating)) = self.transfer_when(t) else {
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
        let rule = format!("{}.receive{}", Self::rule(t, false, true), dating);
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

/// A time, the span it rests on, and the suffix its reading gives a rule.
type Dating = (String, Option<(usize, usize)>, &'static str);

impl Reader<'_, '_> {
    /// The time of arms given or supplied, and how it was read (the rule's suffix): the
    /// sentence's own; else the one day the sentence before in the paragraph named, the
    /// occasion the deal was made on ("On 31 January during the minister's visit, details …
    /// were agreed upon. … Kazakhstan will receive free of charge the armament for five
    /// divisions": `.occasion`); else the publication's "as of" (`.undated`). A year is no
    /// occasion: only a day of the sentence before dates the deal, and only on the same line
    /// (a claim's time is what the lines its locator names give, as `check --texts` wants).
    fn transfer_when(&self, t: &Trigger) -> Option<Dating> {
        let (when, time_at, dated) = self.when(t)?;
        if dated {
            return Some((when, time_at, ""));
        }
        let same_line = |at: usize| {
            self.text()
                .get(at..t.start)
                .is_some_and(|gap| !gap.contains('\n'))
        };
        match self.day_before.filter(|&(_, at)| same_line(at)) {
            Some((day, _)) => Some((day.to_string(), None, ".occasion")),
            None => Some((when, time_at, undated(false))),
        }
    }
}

/// `.undated` for an event dated by the publication, not by the sentence.
pub(super) fn undated(dated: bool) -> &'static str {
    if dated { "" } else { ".undated" }
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
