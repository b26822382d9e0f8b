//! The frames of organisations and forces: an organisation or a unit established or dissolved,
//! a state's observer status, a unit deployed to a country, and the figures of a force (its
//! strength, a state's defence budget and military spending, the items its forces hold).

use std::collections::BTreeMap;

use super::frames::{last_list, undated};
use super::patterns::Form;
use super::slots::*;
use super::{Event, Reader, Trigger, quantity_value};
use crate::extract::{Candidate, Kind};
use crate::model::{Quantity, Value};

/// Kinds that are established and dissolved: organisations, units and bases.
fn founded(kind: &str) -> bool {
    matches!(kind, "organisation" | "military_unit" | "facility")
}

/// Words after "established" that make it a participle whose subject stands before it: "a
/// framework established in 2001 by six countries".
/// Words that say a summit had others than members ([`Reader::summit`]).
const SUMMIT_GUESTS: &[&str] = &[
    "observer",
    "observers",
    "guest",
    "guests",
    "invited",
    "partner",
    "partners",
    "applicant",
];

const PARTICIPLE_NEXT: &[&str] = &["in", "on", "by", "as", "under", "at", "through", "after"];

/// Kinds a figure of forces belongs to.
fn has_forces(kind: &str) -> bool {
    matches!(
        kind,
        "country" | "military_unit" | "organisation" | "facility"
    )
}

/// Nouns for a state's forces between its name and "equipped with": "Kazakhstan's army is
/// equipped with".
const FORCE_NOUNS: &[&str] = &[
    "army",
    "armed forces",
    "military",
    "air force",
    "navy",
    "forces",
    "troops",
];

/// Whether a unit names money: a currency code ("USD", "EUR", "RUB").
fn money(unit: &str) -> bool {
    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase())
}

impl Reader<'_, '_> {
    /// An organisation, unit or base established or dissolved: the one after an active verb
    /// ("the governments of A, B and C established the Central Asian Battalion") with the
    /// states before it as `by`; the one before a passive verb or a participle ("KAZBAT was
    /// established on 31 January 2000 by decree of President X", "a framework established in
    /// 2001 by six countries: …", "It was dissolved in 1999"); the one after a noun ("the
    /// formation of the CSTO"). Dated by its sentence, never by the publication.
    pub(super) fn founding(&mut self, t: &Trigger) {
        let text = self.text();
        let (s0, s1) = self.sentence();
        let clause = self.clause(t);
        let next = text
            .get(t.end..s1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        let participle = t.pattern.form == Form::Active && PARTICIPLE_NEXT.contains(&next.as_str());
        let fit = |n: &Named| founded(n.kind);
        let (subject, borrowed) = match t.pattern.form {
            Form::Active if !participle => {
                let after = within(self.names, t.end, clause.1, fit);
                match after.first() {
                    // The object stands right after the verb, a determiner or two between.
                    Some(n) if n.start <= t.end + 12 => (n.clone(), false),
                    _ => return,
                }
            }
            Form::Nominal => match within(self.names, t.end, clause.1, fit).first() {
                Some(n) if n.start <= t.end + 8 => (n.clone(), false),
                _ => return,
            },
            _ => {
                let before = within(self.names, s0, t.start, fit);
                match before.last() {
                    // A name that is itself the object of a preposition ("a base in Kyrgyzstan
                    // was set up") is no subject; the clause's subject stands first, a few
                    // words before the verb, no clause of its own between ("NATO said that a
                    // new centre was established" founded no NATO).
                    Some(n)
                        if !matches!(word_before(text, n.start).as_str(), "of" | "with")
                            && subject_gap(text.get(n.end..t.start).unwrap_or("x")) =>
                    {
                        (n.clone(), false)
                    }
                    Some(_) => return,
                    None if preceded_by(text, t.start, &["it", "which", "that"]) => {
                        match nearest_actors(self.names, self.context, t.start, 1, fit).first() {
                            Some(n) => (n.clone(), true),
                            None => return,
                        }
                    }
                    None => return,
                }
            }
        };
        let Some((when, time_at, true)) = self.when(t) else {
            return;
        };
        // A date that qualifies a noun ("in the wake of the 11 September 2001 attacks") is
        // that noun's, not the founding's.
        if let Some((_, end)) = time_at
            && text
                .get(end..)
                .and_then(|rest| rest.strip_prefix(' '))
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_lowercase)
            && !matches!(
                word_after(text, end).as_str(),
                "and" | "by" | "in" | "on" | "at" | "as" | "to" | "under" | "after" | "with"
            )
        {
            return;
        }
        let mut qualifiers = BTreeMap::new();
        if t.pattern.predicate == "launched" {
            let by = if t.pattern.form == Form::Active && !participle {
                last_list(
                    text,
                    within(self.names, clause.0, t.start, |n| actor(n.kind)),
                )
            } else {
                agents(text, self.names, t.end, s1)
            };
            let by: Vec<Named> = by.into_iter().filter(|n| n.id != subject.id).collect();
            if !by.is_empty() {
                qualifiers.insert("by".to_string(), ids(&by));
            }
        }
        let mut parts = vec![(t.start, t.end)];
        if !borrowed {
            parts.push((subject.start, subject.end));
        }
        parts.extend(time_at);
        self.push(Event {
            subject: subject.id.to_string(),
            predicate: t.pattern.predicate,
            value: Value::None,
            qualifiers,
            when: Some(when),
            parts,
            rule: format!("{}{}", Self::rule(t, false, borrowed), undated(true)),
        });
    }

    /// The states at a summit of an organisation are its members: "Russia, Armenia, Belarus
    /// and four Central Asian nations -- Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan
    /// reached an agreement at a summit of the Collective Security Treaty Organization". Three
    /// states or more before the trigger in its sentence, the organisation right after it; each
    /// a member as of the publication (a state the text attests, not the summit's day). A
    /// sentence that speaks of observers or guests, or fewer than three states, says nothing of
    /// who is a member.
    pub(super) fn summit(&mut self, t: &Trigger) {
        let text = self.text();
        let (s0, s1) = self.sentence();
        let Some(object) = self
            .names
            .iter()
            .find(|n| n.start >= t.end && n.kind == "organisation")
            .filter(|n| {
                text.get(t.end..n.start)
                    .is_some_and(|gap| matches!(gap.trim().to_lowercase().as_str(), "" | "the"))
            })
            .cloned()
        else {
            return;
        };
        if has_word(text, s0, s1, SUMMIT_GUESTS) {
            return;
        }
        let states: Vec<Named> = within(self.names, s0, t.start, |n| n.kind == "country")
            .into_iter()
            .filter(|n| !matches!(word_before(text, n.start).as_str(), "with" | "against"))
            .collect();
        if states.len() < 3 {
            return;
        }
        let Some(when) = self.input.as_of else {
            return;
        };
        for state in states {
            self.push(Event {
                subject: state.id.to_string(),
                predicate: "member_of",
                value: Value::Entity {
                    entity: object.id.to_string(),
                },
                qualifiers: BTreeMap::new(),
                when: Some(when.to_string()),
                parts: vec![
                    (t.start, t.end),
                    (object.start, object.end),
                    (state.start, state.end),
                ],
                rule: "event.membership.summit".to_string(),
            });
        }
    }

    /// "all six members of the SCO", "the five member states of the CSTO": a count of members
    /// right before the trigger, the organisation right after it, and a list of exactly that
    /// many states the text named with it before (its founders: "established in 2001 by six
    /// countries: Russia, China, …"; the states at its summit). Each is a member as of the
    /// publication: the text attests them, the sentence's time is its event's ("held by all six
    /// members of the SCO … from 9 until 17 August"). Without a count, or with a count no list
    /// matches, the members are not named.
    pub(super) fn counted(&mut self, t: &Trigger) {
        let text = self.text();
        let Some(object) = self
            .names
            .iter()
            .find(|n| n.start >= t.end && n.kind == "organisation")
            .filter(|n| {
                text.get(t.end..n.start)
                    .is_some_and(|gap| matches!(gap.trim().to_lowercase().as_str(), "" | "the"))
            })
            .cloned()
        else {
            return;
        };
        let head = text.get(..t.start).unwrap_or("").trim_end();
        let word = word_before(head, head.len());
        let Some(count) = count_word(&word) else {
            return;
        };
        let count_at = head.len() - word.len();
        let Some((_, states)) = self
            .groups
            .iter()
            .rev()
            .find(|(id, states)| id == object.id && states.len() == count)
        else {
            return;
        };
        let Some(when) = self.input.as_of else {
            return;
        };
        for state in states {
            self.push(Event {
                subject: state.clone(),
                predicate: "member_of",
                value: Value::Entity {
                    entity: object.id.to_string(),
                },
                qualifiers: BTreeMap::new(),
                when: Some(when.to_string()),
                parts: vec![(count_at, t.end), (object.start, object.end)],
                rule: "event.membership.counted".to_string(),
            });
        }
    }

    /// States with observer status in an organisation: the list of states just before the
    /// trigger ("with four countries (Mongolia, India, Pakistan and Iran) sitting as
    /// observers"), the organisation after it ("observer status in the SCO") or the one the
    /// sentence or the paragraph named before. A state: dated by the trigger's clause, else as
    /// of the publication.
    pub(super) fn observer(&mut self, t: &Trigger) {
        let text = self.text();
        let (s0, _) = self.sentence();
        let clause = self.clause(t);
        let organisation = |n: &Named| n.kind == "organisation";
        let object = within(self.names, t.end, clause.1, organisation)
            .into_iter()
            .next()
            .or_else(|| {
                nearest_actors(self.names, self.context, t.start, 1, organisation)
                    .into_iter()
                    .next()
            });
        let Some(object) = object else {
            return;
        };
        // "the UN General Assembly granted the bloc observer status": the one granted it (a
        // name or "the bloc" right before the trigger) is the observer, of the granting one,
        // from that time on.
        let head = text
            .get(clause.0..t.start)
            .unwrap_or("")
            .to_ascii_lowercase();
        if let Some(at) = ["granted ", "gave ", "given "]
            .iter()
            .filter_map(|w| head.find(w).map(|i| clause.0 + i))
            .min()
        {
            self.granted(t, at);
            return;
        }
        // The states stand after an organisation named before them in the sentence.
        let from = if object.end <= t.start {
            s0.max(object.end)
        } else {
            s0
        };
        let states = last_list(
            text,
            within(self.names, from, t.start, |n| n.kind == "country"),
        );
        // The list ends right before the trigger, a closing bracket or a verb between.
        let Some(last) = states.last() else {
            return;
        };
        let gap = text.get(last.end..t.start).unwrap_or("");
        if gap.split_whitespace().count() > 3 {
            return;
        }
        let inside: Vec<&Candidate> = self
            .times
            .iter()
            .filter(|c| c.start >= clause.0 && c.end <= clause.1)
            .copied()
            .collect();
        let (when, time_at) = match inside.first() {
            Some(c) => (c.edtf.clone(), Some((c.start, c.end))),
            None => (self.input.as_of.map(str::to_string), None),
        };
        let Some(when) = when else {
            return;
        };
        let rule = format!(
            "{}{}",
            Self::rule(t, false, false),
            undated(time_at.is_some())
        );
        for state in states {
            let mut parts = vec![(t.start, t.end), (state.start, state.end)];
            parts.extend(time_at);
            self.push(Event {
                subject: state.id.to_string(),
                predicate: "observer_of",
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

    /// Observer status granted (the verb at `verb`): the granting organisation before the
    /// verb, the observer after it, named or referred to ("the bloc", "the organisation").
    fn granted(&mut self, t: &Trigger, verb: usize) {
        let text = self.text();
        let clause = self.clause(t);
        let organisation = |n: &Named| n.kind == "organisation";
        let Some(object) = within(self.names, clause.0, verb, organisation).pop() else {
            return;
        };
        let fits = |n: &Named| actor(n.kind) && n.id != object.id;
        let (subject, borrowed) = match within(self.names, verb, t.start, fits).pop() {
            Some(n) => (n, false),
            None if has_word(text, verb, t.start, ORGANISATION_NOUNS) => {
                let before = nearest_actors(self.names, self.context, clause.0, 3, |n| {
                    organisation(n) && n.id != object.id
                });
                match before.last() {
                    Some(n) => (n.clone(), true),
                    None => return,
                }
            }
            None => return,
        };
        let Some((when, time_at, true)) = self.when(t) else {
            return;
        };
        let when = if when.contains('/') {
            when
        } else {
            format!("{when}/..")
        };
        let mut parts = vec![(t.start, t.end), (object.start, object.end)];
        if !borrowed {
            parts.push((subject.start, subject.end));
        }
        parts.extend(time_at);
        // An organ grants the status of its organisation: "the UN General Assembly granted".
        let of = self
            .input
            .part_of
            .get(object.id)
            .map_or(object.id, String::as_str);
        self.push(Event {
            subject: subject.id.to_string(),
            predicate: "observer_of",
            value: Value::Entity {
                entity: of.to_string(),
            },
            qualifiers: BTreeMap::new(),
            when: Some(when),
            parts,
            rule: Self::rule(t, false, borrowed),
        });
    }

    /// A unit deployed to a country: the unit before "deployed to", "stationed in" ("Troops
    /// from KAZBAT were deployed to Iraq in 2003"), or after "sent", "deploy" ("sent close to
    /// 300 KAZBAT peacekeepers to Iraq"); the country right after the trigger or after "to".
    pub(super) fn deployment(&mut self, t: &Trigger) {
        let text = self.text();
        let clause = self.clause(t);
        let unit = |n: &Named| n.kind == "military_unit";
        let (subject, object) = match t.pattern.form {
            Form::Active => {
                let Some(subject) = within(self.names, t.end, clause.1, unit).into_iter().next()
                else {
                    return;
                };
                if subject.start > t.end + 40 {
                    return;
                }
                let to = after_preposition(text, self.names, &["to"], subject.end, clause.1, |n| {
                    n.kind == "country"
                });
                let Some(object) = to.into_iter().next() else {
                    return;
                };
                (subject, object)
            }
            _ => {
                let Some(subject) = within(self.names, clause.0, t.start, unit).pop() else {
                    return;
                };
                // The unit heads the phrase before the verb, a few words between ("the
                // 201st Division that has remained deployed in"); a longer phrase is about
                // other forces.
                let gap = text.get(subject.end..t.start).unwrap_or("");
                if gap.split_whitespace().count() > 4 {
                    return;
                }
                let object = within(self.names, t.end, clause.1, |n| n.kind == "country")
                    .into_iter()
                    .next()
                    .filter(|n| {
                        text.get(t.end..n.start)
                            .is_some_and(|gap| gap.trim().is_empty() || gap.trim() == "the")
                    });
                let Some(object) = object else {
                    return;
                };
                (subject, object)
            }
        };
        // A deployment is dated by its sentence: the publication would date the report.
        let Some((when, time_at, true)) = self.when(t) else {
            return;
        };
        let mut qualifiers = BTreeMap::new();
        if t.pattern.form == Form::Active
            && let Some(by) = within(self.names, clause.0, t.start, |n| actor(n.kind)).pop()
        {
            qualifiers.insert("by".to_string(), vec![by.id.to_string()]);
        }
        let mut parts = vec![
            (t.start, t.end),
            (subject.start, subject.end),
            (object.start, object.end),
        ];
        parts.extend(time_at);
        self.sent(t, &subject, &object, &when, time_at);
        self.push(Event {
            subject: subject.id.to_string(),
            predicate: "deployed_in",
            value: Value::Entity {
                entity: object.id.to_string(),
            },
            qualifiers,
            when: Some(when),
            parts,
            rule: Self::rule(t, false, false),
        });
    }

    /// The people a deployment's clause counts ("Twenty-seven troops from KAZBAT were deployed
    /// to Iraq", "sent close to 300 KAZBAT peacekeepers to Iraq"): what the unit's state sent
    /// there (`forces_contributed`, `to` the country, `unit` the unit).
    fn sent(
        &mut self,
        t: &Trigger,
        unit: &Named,
        to: &Named,
        when: &str,
        time_at: Option<(usize, usize)>,
    ) {
        let Some(state) = self.input.unit_states.get(unit.id) else {
            return;
        };
        let clause = self.clause(t);
        let figure = self
            .input
            .items
            .iter()
            .filter(|c| c.kind == Kind::Quantity && c.start >= clause.0 && c.end <= to.start)
            .filter_map(|c| quantity_value(c).map(|(q, _)| (*c, q)))
            .filter(|(_, q)| q.unit == "persons" && q.amount >= 2.0)
            .min_by_key(|(c, _)| distance_span((c.start, c.end), t));
        let Some((c, q)) = figure else {
            return;
        };
        let mut qualifiers = BTreeMap::new();
        qualifiers.insert("to".to_string(), vec![to.id.to_string()]);
        qualifiers.insert("unit".to_string(), vec![unit.id.to_string()]);
        let mut parts = vec![(t.start, t.end), (c.start, c.end), (to.start, to.end)];
        parts.extend(time_at);
        self.push(Event {
            subject: state.clone(),
            predicate: "forces_contributed",
            value: Value::Quantity(q),
            qualifiers,
            when: Some(when.to_string()),
            parts,
            rule: format!("{}.figure", Self::rule(t, false, false)),
        });
    }

    /// A figure of forces: "the 5,000-strong 201st Motorized Rifle Division" (`strength`),
    /// "Astana's defense budget is $2.4 billion", "having allocated $200 million for defense"
    /// (`defence_budget`), "Kazakhstan's military expenditure totaled $250 million"
    /// (`military_expenditure`), "Kazakhstan's army is equipped with 300 tanks, 744 artillery
    /// units" (`equipment_count`, one claim a figure).
    pub(super) fn figure(&mut self, t: &Trigger) {
        let predicate = t.pattern.predicate;
        let clause = self.clause(t);
        let quantities: Vec<(&Candidate, Quantity)> = self
            .input
            .items
            .iter()
            .filter(|c| c.kind == Kind::Quantity && c.start >= clause.0 && c.end <= clause.1)
            .filter_map(|c| quantity_value(c).map(|(q, _)| (*c, q)))
            .collect();
        let figures: Vec<(&Candidate, Quantity)> = match predicate {
            // "The Manas base, operated by about 1,000 troops": the people right after it.
            "strength" if !t.pattern.trigger.ends_with("strong") => quantities
                .into_iter()
                .filter(|(c, q)| q.unit == "persons" && c.start >= t.end && c.start <= t.end + 2)
                .take(1)
                .collect(),
            "strength" => {
                // The figure is joined to "strong" by its hyphen: "5,000-strong".
                let joined = self.text().get(..t.start).is_some_and(|h| h.ends_with('-'));
                quantities
                    .into_iter()
                    .filter(|(c, q)| {
                        joined && c.start < t.start && c.end + 1 >= t.start && q.unit == "persons"
                    })
                    .take(1)
                    .collect()
            }
            // "the 1,300-kilometer border between": the length right before the trigger.
            "border_length" => quantities
                .into_iter()
                .filter(|(c, q)| q.unit == "km" && c.end <= t.start && c.end + 2 >= t.start)
                .take(1)
                .collect(),
            "equipment_count" => quantities
                .into_iter()
                .filter(|(c, q)| {
                    c.start >= t.end && super::force_unit(&q.unit) && q.unit != "persons"
                })
                .collect(),
            _ => {
                // Money: after "budget", "expenditure"; before "for defense", "on defence".
                let before =
                    t.pattern.trigger.starts_with("for ") || t.pattern.trigger.starts_with("on ");
                quantities
                    .into_iter()
                    .filter(|(c, q)| money(&q.unit) && (c.start >= t.end) != before)
                    .min_by_key(|(c, _)| distance_span((c.start, c.end), t))
                    .into_iter()
                    .collect()
            }
        };
        if figures.is_empty() {
            return;
        }
        let Some(owner) = self.owner(t, figures[0].0) else {
            return;
        };
        let (owner_id, owner_at) = owner;
        // A border's length, the troops a base is operated by (an aside) are states, stated as
        // of the publication: a time in their sentence is another event's ("said last month
        // that … on the 1,300-kilometer border", "operated by about 1,000 troops, was set up
        // after the 11 September 2001 attacks").
        let standing = predicate == "border_length"
            || (predicate == "strength" && !t.pattern.trigger.ends_with("strong"));
        let dated_here = if standing {
            self.input.as_of.map(|a| (a.to_string(), None, false))
        } else {
            self.when_among(t, None, self.periods)
        };
        let Some((when, time_at, dated)) = dated_here else {
            return;
        };
        let rule = format!("{}{}", Self::rule(t, false, false), undated(dated));
        // The state on the other side of a border: "between Tajikistan and Afghanistan".
        let mut qualifiers = BTreeMap::new();
        if predicate == "border_length" {
            let other = self
                .names
                .iter()
                .find(|n| n.start > owner_at.1 && n.kind == "country" && n.end <= clause.1)
                .filter(|n| {
                    text_between(self.text(), owner_at.1, n.start)
                        .is_some_and(|g| g.trim() == "and")
                });
            if let Some(n) = other {
                qualifiers.insert("neighbour".to_string(), vec![n.id.to_string()]);
            }
        }
        for (c, q) in figures {
            let mut parts = vec![(t.start, t.end), (c.start, c.end), owner_at];
            parts.extend(time_at);
            self.push(Event {
                subject: owner_id.clone(),
                predicate,
                value: Value::Quantity(q),
                qualifiers: qualifiers.clone(),
                when: Some(when.clone()),
                parts,
                rule: rule.clone(),
            });
        }
    }

    /// Whose figure it is: for a strength, the unit or base named right after "strong"; else
    /// the name that owns the trigger ("Astana's defense budget", "Kazakhstan's army is
    /// equipped"; a capital stands for its state), else the state nearest before the figure
    /// in the sentence that no preposition governs ("Turkmenistan …, having allocated $200
    /// million for defense").
    fn owner(&self, t: &Trigger, figure: &Candidate) -> Option<(String, (usize, usize))> {
        let text = self.text();
        let (s0, _) = self.sentence();
        if t.pattern.predicate == "border_length" {
            // The first of the two states after "between".
            let n = self
                .names
                .iter()
                .find(|n| n.start >= t.end && n.start <= t.end + 2 && n.kind == "country")?;
            return Some((n.id.to_string(), (n.start, n.end)));
        }
        if t.pattern.predicate == "strength" && !t.pattern.trigger.ends_with("strong") {
            // The base or unit the clause before it names: "The Manas base, operated by".
            let n = self.names.iter().rev().find(|n| {
                n.end <= t.start
                    && matches!(n.kind, "facility" | "military_unit")
                    && text_between(text, n.end, t.start).is_some_and(|g| {
                        g.split(|c: char| c.is_whitespace() || c == ',')
                            .all(|w| matches!(w, "" | "base" | "air" | "airbase" | "battalion"))
                    })
            })?;
            return Some((n.id.to_string(), (n.start, n.end)));
        }
        if t.pattern.predicate == "strength" {
            let n = self
                .names
                .iter()
                .find(|n| n.start >= t.end && n.start <= t.end + 2 && has_forces(n.kind))?;
            return Some((n.id.to_string(), (n.start, n.end)));
        }
        let state_of = |n: &Named| -> Option<String> {
            match n.kind {
                "country" => Some(n.id.to_string()),
                _ => self.input.stands_for.get(n.id).cloned(),
            }
        };
        let possessive = self.names.iter().rev().find(|n| {
            n.end <= t.start && n.end + 20 >= t.start && {
                let gap = text.get(n.end..t.start).unwrap_or("x");
                let rest = gap
                    .strip_prefix("'s")
                    .or_else(|| gap.strip_prefix("’s"))
                    .map(str::trim);
                rest.is_some_and(|r| {
                    r.is_empty()
                        || FORCE_NOUNS.iter().any(|w| {
                            r.strip_prefix(w).is_some_and(|x| {
                                matches!(x.trim(), "" | "is" | "are" | "was" | "were")
                            })
                        })
                })
            }
        });
        if let Some(n) = possessive
            && let Some(id) = state_of(n)
        {
            return Some((id, (n.start, n.end)));
        }
        let at = figure.start.min(t.start);
        let n = self.names.iter().rev().find(|n| {
            n.start >= s0
                && n.end <= at
                && n.kind == "country"
                && !matches!(
                    word_before(text, n.start).as_str(),
                    "of" | "in" | "to" | "from" | "with" | "by" | "than" | "behind" | "and"
                )
                && text.get(n.end..n.end + 2) != Some("'s")
        })?;
        Some((n.id.to_string(), (n.start, n.end)))
    }
}

/// The text between two offsets, if both stand on character boundaries.
fn text_between(text: &str, from: usize, to: usize) -> Option<&str> {
    text.get(from..to)
}

/// Who set something up, after "by" in `from..to`: the first person, state or organisation
/// within a few words of it ("by decree of President Nursultan Nazarbayev"), and a list after
/// a colon ("by six countries: Russia, China, …").
fn agents<'a>(text: &str, names: &[Named<'a>], from: usize, to: usize) -> Vec<Named<'a>> {
    let Some(rest) = text.get(from..to) else {
        return Vec::new();
    };
    let lower = rest.to_ascii_lowercase();
    let Some(by) = lower
        .match_indices("by ")
        .find(|(i, _)| *i == 0 || lower[..*i].ends_with(' '))
        .map(|(i, _)| from + i + 3)
    else {
        return Vec::new();
    };
    let fit = |n: &Named| actor(n.kind) || n.kind == "person";
    let Some(first) = names
        .iter()
        .find(|n| n.start >= by && n.end <= to && fit(n) && n.start <= by + 50)
    else {
        return Vec::new();
    };
    let gap = text.get(by..first.start).unwrap_or("");
    if gap.contains(':') || gap.trim().is_empty() || !gap.contains(',') {
        // The list that opens at the first name: joined by commas and "and".
        let mut out = vec![first.clone()];
        let mut last_end = first.end;
        for n in names.iter().filter(|n| n.start >= first.end && n.end <= to) {
            let between = text.get(last_end..n.start).unwrap_or("x");
            let joined = between
                .trim()
                .trim_start_matches(',')
                .trim()
                .trim_start_matches("and")
                .trim()
                .is_empty();
            if !joined || !fit(n) {
                break;
            }
            if !out.iter().any(|o| o.id == n.id) {
                out.push(n.clone());
            }
            last_end = n.end;
        }
        return out;
    }
    Vec::new()
}

/// Whether the words between a subject and its verb leave it the verb's subject: at most
/// eight ("The SCO is a regional cooperation framework established"), no verb of saying and no
/// relative or complement clause between.
fn subject_gap(gap: &str) -> bool {
    let words: Vec<String> = gap
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    words.len() <= 8
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "that" | "which" | "who" | "said" | "says" | "announced" | "reported" | "where"
            )
        })
}

/// The word after `at` (lower case): "attacks" after "the 11 September 2001".
fn word_after(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase()
}

/// Ids of a list of names.
fn ids(list: &[Named]) -> Vec<String> {
    list.iter().map(|n| n.id.to_string()).collect()
}

fn distance_span(a: (usize, usize), t: &Trigger) -> usize {
    if a.1 <= t.start {
        t.start - a.1
    } else {
        a.0.saturating_sub(t.end)
    }
}

/// A count of two to twelve in words or digits ("six", "6"); `None` for anything else.
fn count_word(word: &str) -> Option<usize> {
    const WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    WORDS
        .iter()
        .position(|w| word.eq_ignore_ascii_case(w))
        .map(|i| i + 2)
        .or_else(|| word.parse().ok().filter(|n| (2..=12).contains(n)))
}
