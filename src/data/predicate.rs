//! Checking predicates: value types and units, rates of change, templates, and the states and
//! changes of state predicates (docs/states.md), with the placeholders their templates name.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::data::Dataset;
use crate::data::check::Checker;
use crate::data::diagnostic::Diagnostic;
use crate::data::raw::RawPredicate;
use crate::model::{ChangeKind, ChangeUnit, Predicate, StateChange, ValueType};
use crate::template::template_fields;
use crate::text::names::{fold, nearest};

pub(super) fn check_predicate(ck: &mut Checker, raw: &RawPredicate) -> Option<Predicate> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("predicate `{id}`");
    ck.slug(&raw.id, "predicate");
    ck.non_empty(&raw.label, &format!("{what}, field `label`"));
    let value_type = ValueType::parse(raw.value_type.get_ref());
    if value_type.is_none() {
        ck.report(
            &raw.value_type.span(),
            format!("{what}, field `value_type`"),
            format!(
                "`{}` is not a value type; use one of {}",
                raw.value_type.get_ref(),
                ValueType::NAMES.join(", ")
            ),
        );
    }
    if value_type != Some(ValueType::Quantity) {
        if let Some(unit) = &raw.unit {
            ck.report(
                &unit.span(),
                format!("{what}, field `unit`"),
                "only quantity predicates have a unit; remove it or set value_type = \"quantity\"",
            );
        }
        for (field, rate) in [
            ("max_annual_change", &raw.max_annual_change),
            ("typical_annual_change", &raw.typical_annual_change),
        ] {
            if let Some(rate) = rate {
                ck.report(
                    &rate.span(),
                    format!("{what}, field `{field}`"),
                    "only quantity predicates have a rate of change; remove it",
                );
            }
        }
    }
    for (field, rate) in [
        ("max_annual_change", &raw.max_annual_change),
        ("typical_annual_change", &raw.typical_annual_change),
    ] {
        if let Some(rate) = rate
            && !(rate.get_ref().is_finite() && *rate.get_ref() >= 0.0)
        {
            ck.report(
                &rate.span(),
                format!("{what}, field `{field}`"),
                "must be a non-negative rate per year, e.g. 0.05 for 5 % a year (or 1.5 for \
                     1.5 points a year with change_unit = \"points\")",
            );
        }
    }
    if let (Some(typical), Some(max)) = (&raw.typical_annual_change, &raw.max_annual_change)
        && typical.get_ref() > max.get_ref()
    {
        ck.report(
            &typical.span(),
            format!("{what}, field `typical_annual_change`"),
            format!(
                "the typical rate ({}) cannot exceed max_annual_change ({})",
                typical.get_ref(),
                max.get_ref()
            ),
        );
    }
    if raw.typical_annual_change.is_some()
        && raw.max_annual_change.is_none()
        && let Some(typical) = &raw.typical_annual_change
    {
        ck.report(
            &typical.span(),
            format!("{what}, field `typical_annual_change`"),
            "give max_annual_change too: the typical rate is read against the maximum",
        );
    }
    let change_unit = match &raw.change_unit {
        None => Some(ChangeUnit::Relative),
        Some(name) => {
            let unit = ChangeUnit::parse(name.get_ref());
            if unit.is_none() {
                ck.report(
                    &name.span(),
                    format!("{what}, field `change_unit`"),
                    format!(
                        "`{}` is not a change unit; use one of {}",
                        name.get_ref(),
                        ChangeUnit::NAMES.join(", ")
                    ),
                );
            }
            unit
        }
    };
    if let Some(days) = &raw.comparable_within_days
        && *days.get_ref() < 0
    {
        ck.report(
            &days.span(),
            format!("{what}, field `comparable_within_days`"),
            "must be a number of days, 0 or more",
        );
    }
    if let Some(template) = &raw.template
        && let Err(message) = template_fields(template.get_ref())
    {
        ck.report(
            &template.span(),
            format!("{what}, field `template`"),
            message,
        );
    }
    let mut cues: Vec<String> = Vec::with_capacity(raw.cues.len());
    for cue in &raw.cues {
        let word = cue.get_ref().trim();
        if word.is_empty() || word.chars().any(char::is_control) {
            ck.report(
                &cue.span(),
                format!("{what}, field `cues`"),
                "a cue is a word or short phrase (\"population\", \"signed\"), not empty and \
                 without control characters",
            );
        } else if cues.iter().any(|c| fold(c) == fold(word)) {
            ck.report(
                &cue.span(),
                format!("{what}, field `cues`"),
                format!("cue `{word}` is listed twice (case and accents are ignored)"),
            );
        } else {
            cues.push(word.to_string());
        }
    }
    let state_change = state_change(ck, raw, &what);
    let value_type = value_type?;
    (ck.problems.len() == before).then(|| Predicate {
        id: id.clone(),
        label: raw.label.get_ref().trim().to_string(),
        value_type,
        unit: raw.unit.as_ref().map(|u| u.get_ref().trim().to_string()),
        functional: raw.functional,
        once: raw.once,
        max_annual_change: raw.max_annual_change.as_ref().map(|r| *r.get_ref()),
        typical_annual_change: raw.typical_annual_change.as_ref().map(|r| *r.get_ref()),
        change_unit: change_unit.unwrap_or_default(),
        comparable_within_days: raw.comparable_within_days.as_ref().map(|d| *d.get_ref()),
        template: raw.template.as_ref().map(|t| t.get_ref().clone()),
        description: raw.description.clone(),
        cues,
        state_change,
    })
}

/// A predicate's `state_of` and `change`, given together or not at all. Whether the state names
/// a predicate that can carry one is checked once every predicate is known
/// ([`check_state_changes`]).
fn state_change(ck: &mut Checker, raw: &RawPredicate, what: &str) -> Option<StateChange> {
    let change = raw.change.as_ref().and_then(|word| {
        let change = ChangeKind::parse(word.get_ref());
        if change.is_none() {
            ck.report(
                &word.span(),
                format!("{what}, field `change`"),
                format!(
                    "`{}` is not a change of state; use one of {}",
                    word.get_ref(),
                    ChangeKind::NAMES.join(", ")
                ),
            );
        }
        change
    });
    match (&raw.state_of, &raw.change) {
        (None, None) => None,
        (Some(state), None) => {
            ck.report(
                &state.span(),
                format!("{what}, field `change`"),
                format!(
                    "`state_of` needs `change`: say what this predicate does to the state of \
                     `{}`, one of {}",
                    state.get_ref(),
                    ChangeKind::NAMES.join(", ")
                ),
            );
            None
        }
        (None, Some(word)) => {
            ck.report(
                &word.span(),
                format!("{what}, field `state_of`"),
                "`change` needs `state_of`: name the predicate whose state this one changes \
                 (state_of = \"member_of\" for `joined`)",
            );
            None
        }
        (Some(state), Some(_)) => {
            if state.get_ref() == raw.id.get_ref() {
                ck.report(
                    &state.span(),
                    format!("{what}, field `state_of`"),
                    "a predicate cannot change its own state; name the predicate that carries \
                     the state (`member_of` for `joined`)",
                );
                return None;
            }
            let here = (Rc::clone(&ck.file), ck.line(&state.span()));
            ck.state_lines.insert(raw.id.get_ref().clone(), here);
            Some(StateChange {
                state_of: state.get_ref().clone(),
                change: change?,
            })
        }
    }
}

/// Each change predicate of the import must name, in `state_of`, a predicate of the vocabulary
/// (in the import or in the database) that can carry a state: not itself a change, not a
/// once-only event, not quantity-valued, and of the same value type as the change (a change
/// claim names the value of the state claims it changes). Runs once every predicate is known.
pub(super) fn check_state_changes(ck: &mut Checker, dataset: &Dataset) {
    let mut problems = Vec::new();
    for p in &dataset.predicates {
        let Some(change) = &p.item.state_change else {
            continue;
        };
        let (file, line) = ck
            .state_lines
            .get(&p.item.id)
            .map_or_else(|| (p.file.clone(), p.line), |(f, l)| (f.to_string(), *l));
        let wanted = change.state_of.as_str();
        let message = match ck.known.predicates.get(wanted) {
            None => {
                let hint = nearest(wanted, ck.known.predicates.keys().map(String::as_str))
                    .map_or(String::new(), |n| format!("did you mean `{n}`? "));
                Some(format!(
                    "unknown predicate `{wanted}`; {hint}name the predicate that carries the \
                     state, one of {}",
                    state_candidates(&ck.known.predicates)
                ))
            }
            Some(state) => match &state.state_change {
                Some(its) => Some(format!(
                    "`{wanted}` is itself a change (it {} `{}`); name the state it changes, \
                     `{}`",
                    its.change.as_str(),
                    its.state_of,
                    its.state_of
                )),
                None if state.once => Some(format!(
                    "`{wanted}` is a once-only event, not a state that holds over time; name \
                     one of {}",
                    state_candidates(&ck.known.predicates)
                )),
                None if state.value_type == ValueType::Quantity => Some(format!(
                    "`{wanted}` takes quantities; a state is an entity, a text or nothing, which \
                     a change claim repeats: name one of {}",
                    state_candidates(&ck.known.predicates)
                )),
                None if state.value_type != p.item.value_type => Some(format!(
                    "`{}` takes {} values but its state `{wanted}` takes {}: a change claim names \
                     the value of the state claims it changes, so both take the same type",
                    p.item.id,
                    p.item.value_type.as_str(),
                    state.value_type.as_str()
                )),
                None => None,
            },
        };
        if let Some(message) = message {
            problems.push(Diagnostic {
                file,
                line,
                field: format!("predicate `{}`, field `state_of`", p.item.id),
                message,
            });
        }
    }
    ck.problems.extend(problems);
}

/// The predicates that can carry a state, in words for a message: every one when there are a
/// dozen or fewer, else those already named as states and how many more there are.
fn state_candidates(predicates: &HashMap<String, Predicate>) -> String {
    let mut all: Vec<&str> = predicates
        .values()
        .filter(|p| p.state_change.is_none() && !p.once && p.value_type != ValueType::Quantity)
        .map(|p| p.id.as_str())
        .collect();
    all.sort_unstable();
    if all.len() <= 12 {
        return all.join(", ");
    }
    let mut used: Vec<&str> = predicates
        .values()
        .filter_map(|p| p.state_change.as_ref())
        .map(|c| c.state_of.as_str())
        .filter(|id| all.contains(id))
        .collect();
    used.sort_unstable();
    used.dedup();
    if used.is_empty() {
        used = all.iter().copied().take(6).collect();
    }
    format!(
        "{} (or another of the {} predicates that are neither once-only, quantities nor \
         changes)",
        used.join(", "),
        all.len().saturating_sub(used.len())
    )
}

/// A template's placeholders other than {subject}, {object} and {value} must be qualifier keys a
/// claim of the predicate could carry. A predicate with claims in this import is checked: each
/// such placeholder must be a key one of those claims has, a key of a stored claim, a key a table
/// mapping gives, or the qualifier of a rule. Anything else is a typo that would print as it is.
/// (A predicate imported before its claims cannot be judged yet and is not checked.)
pub(super) fn check_placeholders(ck: &mut Checker, dataset: &Dataset) {
    let mut shared: HashSet<&str> = ck.known.qualifier_keys.iter().map(String::as_str).collect();
    shared.extend(dataset.rules.iter().map(|r| r.item.qualifier.as_str()));
    let mut problems = Vec::new();
    for p in &dataset.predicates {
        let (Some(template), Some(own)) = (&p.item.template, ck.qualifier_keys.get(&p.item.id))
        else {
            continue;
        };
        let Ok(fields) = template_fields(template) else {
            continue;
        };
        for field in fields {
            if matches!(field.as_str(), "subject" | "object" | "value")
                || own.contains(&field)
                || shared.contains(field.as_str())
            {
                continue;
            }
            let mut valid: Vec<&str> = own.iter().map(String::as_str).collect();
            valid.sort_unstable();
            let hint = nearest(&field, valid.iter().copied())
                .map(|n| format!("did you mean {{{n}}}? "))
                .unwrap_or_default();
            problems.push(Diagnostic {
                file: p.file.clone(),
                line: p.line,
                field: format!("predicate `{}`, field `template`", p.item.id),
                message: format!(
                    "`{{{field}}}` is not a placeholder: no claim of `{}` has the qualifier \
                     `{field}`; {hint}use {{subject}}, {{object}}, {{value}} or a qualifier key \
                     its claims use",
                    p.item.id
                ),
            });
        }
    }
    ck.problems.extend(problems);
}
