//! The qualifier step ([`qualifiers`]): every key the predicate's stored claims use, filled from
//! the sentence's other mentions, or for a required key from the sentences before it.

use std::collections::BTreeMap;

use super::sentence::{Cued, Grounds, Reading};
use super::value::Choice;
use super::vocabulary::required;
use super::words::nearest;
use crate::extract::entity;

/// Qualifiers that name a side of the subject: a partner, a framework, a party, a participant.
const ALLIED: [&str; 4] = ["partner", "framework", "party", "participant"];

/// Words before a name that make it the side opposed ("fighting to oust the Taliban", "opposed
/// the Pakistan-backed Taliban regime", "against terrorism").
const ADVERSATIVE: [&str; 9] = [
    "oust",
    "against",
    "opposed",
    "opposing",
    "fighting",
    "fight",
    "countering",
    "combat",
    "combating",
];

/// Whether one of the three words before `at` (within its clause of commas) is adversative:
/// the name it governs is the side opposed, never a partner.
fn adversary(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(48);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at).unwrap_or("");
    let head = head
        .rsplit([',', ';', ':', '.', '('])
        .next()
        .unwrap_or(head);
    head.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| ADVERSATIVE.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// The qualifiers of a suggestion: for each key of the predicate's shape, the nearest mention
/// of a kind the key takes that is neither the subject nor the object (every such mention when
/// some claim gives the key several values). A required key (see [`required`]) the sentence
/// does not fill is taken from the nearest sentence before it that does, at 0.05 a sentence
/// back. Each key filled adds 0.05 to the score and its mentions to the parts. `None` when a
/// required key stays empty.
pub(super) fn qualifiers(
    r: &Reading,
    c: &Cued,
    choice: &Choice,
    subject: &entity::Found,
    grounds: &mut Grounds,
) -> Option<BTreeMap<String, Vec<String>>> {
    let (p, shape) = (c.predicate, c.shape);
    let mut used = vec![subject.id.as_str()];
    if let Some(o) = choice.object {
        used.push(&o.id);
    }
    let mut qualifiers = BTreeMap::new();
    let mut missing_required = false;
    for (key, q) in &shape.qualifiers {
        let mut fitting: Vec<&entity::Found> = r
            .known
            .iter()
            .filter(|f| !used.contains(&f.id.as_str()) && q.kinds.contains_key(r.kind_of(&f.id)))
            .filter(|f| !(ALLIED.contains(&key.as_str()) && adversary(r.text, f.start)))
            .collect();
        nearest(&mut fitting, c.at);
        let mut ids: Vec<String> = Vec::new();
        for f in &fitting {
            if !ids.contains(&f.id) && (q.several || ids.is_empty()) {
                ids.push(f.id.clone());
                grounds.parts.push((f.start, f.end));
            }
        }
        let required = required(p, shape, key, q);
        if ids.is_empty() && required {
            let found = r.context.iter().enumerate().find_map(|(back, mentions)| {
                mentions
                    .iter()
                    .rev()
                    .find(|f| {
                        !used.contains(&f.id.as_str()) && q.kinds.contains_key(r.kind_of(&f.id))
                    })
                    .map(|f| (f, back))
            });
            if let Some((f, back)) = found {
                ids.push(f.id.clone());
                grounds.borrowed = true;
                grounds.score -= 0.05 * (back + 1) as f64;
            }
        }
        if ids.is_empty() {
            missing_required |= required;
            continue;
        }
        grounds.score += 0.05;
        ids.sort();
        qualifiers.insert(key.clone(), ids);
    }
    (!missing_required).then_some(qualifiers)
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
}
