//! The subject step ([`subjects`]): which mention a suggestion is about, with the others of its
//! list, or a name borrowed from the sentences before it in the paragraph.

use super::sentence::{Cued, Reading};
use super::value::{Choice, rank_gap};
use super::vocabulary::allows;
use super::words::{coordinated, distance};
use crate::extract::entity;
use crate::model::ValueType;

/// How much further (in bytes) a name may stand than a demonym and still be preferred as the
/// subject.
const DEMONYM: usize = 40;

/// Whether the word before `at` is "with" ("with Russia", "with the CSTO").
fn after_with(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let head = head.strip_suffix(" the").unwrap_or(head).trim_end();
    let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    head[word_start..].eq_ignore_ascii_case("with")
}

/// How far (in bytes) before a name "according to" or "in accordance with" may open the phrase
/// that holds it.
const ATTRIBUTION: usize = 160;

/// Whether the name at `at` stands in a phrase that gives a source or a frame, not an actor:
/// "according to SIPRI, global expenditures amounted to …", "in accordance with the agreements
/// between the General Staff of Kyrgyzstan and the Russian ministry, two helicopters have been
/// delivered" (no comma between the phrase's opening and the name).
fn attributed(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(ATTRIBUTION);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let Some(head) = text.get(from..at) else {
        return false;
    };
    let tail = head.rsplit([',', ';', ':', '.']).next().unwrap_or(head);
    // Cheap prefilter: the phrase opens with "according" or "accordance" either way.
    if !tail.contains("ccord") {
        return false;
    }
    let tail = tail.to_ascii_lowercase();
    tail.contains("according") || tail.contains("in accordance with")
}

/// Verbs whose object lists the members of the organisation before them, the last of them
/// after "with": "a security body that groups Kyrgyzstan and other former Soviet Central Asian
/// states with Russia and China".
const GROUPING: &[&str] = &["groups", "grouping", "brings together", "unites", "uniting"];

/// How far (in bytes) "with" and the names after it may stand from the list a grouping verb
/// governs.
const GROUPED_WITH: usize = 60;

/// The names after "with" that a grouping verb's list goes on with ([`GROUPING`]), added to
/// `list`: only when the list follows the verb, and nothing but words (no comma, no clause)
/// stands between the list and "with".
fn grouped_with<'a>(
    r: &Reading<'a>,
    at: (usize, usize),
    list: &mut Vec<&'a entity::Found>,
    fit: &impl Fn(&entity::Found) -> bool,
) {
    let text = r.text;
    let cue = text.get(at.0..at.1).unwrap_or("").to_lowercase();
    if !GROUPING.contains(&cue.as_str()) {
        return;
    }
    let Some(last) = list.iter().map(|f| f.end).max() else {
        return;
    };
    if list.iter().any(|f| f.start < at.1) {
        return;
    }
    let Some(next) = r
        .known
        .iter()
        .find(|f| f.start >= last && f.start - last <= GROUPED_WITH && fit(f))
    else {
        return;
    };
    let plain = text.get(last..next.start).is_some_and(|gap| {
        gap.chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-')
    });
    if !plain || !after_with(text, next.start) {
        return;
    }
    for f in coordinated(text, r.known, next, fit) {
        if !list.iter().any(|o| o.id == f.id) {
            list.push(f);
        }
    }
}

/// The kind of entity a sentence's subject stands for when it opens with "the" and a common
/// noun of an organisation ("the alliance", "the bloc") or of a state ("the country"), before
/// the cue at `cue`.
fn anaphor_kind(text: &str, sentence: usize, cue: usize) -> Option<&'static str> {
    let head = text.get(sentence..cue)?.trim_start();
    let mut words = head.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("the") {
        return None;
    }
    let noun = words.next()?.trim_end_matches(|c: char| !c.is_alphabetic());
    let noun = noun
        .strip_suffix("'s")
        .or_else(|| noun.strip_suffix("’s"))
        .unwrap_or(noun)
        .to_ascii_lowercase();
    match noun.as_str() {
        "alliance" | "bloc" | "organisation" | "organization" | "pact" | "union" | "coalition"
        | "grouping" => Some("organisation"),
        "country" | "state" | "republic" | "nation" => Some("country"),
        _ => None,
    }
}

/// The subjects of a cue's value: the one the sentence's grammar names (a copular statement),
/// else the nearest mention of a kind the predicate's subjects have (an object aside), with the
/// others of its list, unless a qualifier takes that kind (then "Kazakhstan and Russia" are a
/// subject and its partner, not two subjects). Nearness gives way where a name is likelier
/// another role: a demonym, a partner after "with", a name after the cue of a free text.
///
/// When the sentence names none, the nearest sentence before it in the paragraph that names one
/// gives it: returned with how many sentences back it stood. `None` when neither does, or
/// when the predicate has no stored claims to say what its subjects are.
pub(super) fn subjects<'a>(
    r: &Reading<'a>,
    c: &Cued,
    choice: &Choice<'a>,
) -> Option<(Vec<&'a entity::Found>, Option<usize>)> {
    let (p, shape, at, text) = (c.predicate, c.shape, c.at, r.text);
    let is_object = |f: &entity::Found| choice.objects.iter().any(|o| o.id == f.id);
    let subject_fit = |f: &entity::Found| {
        !is_object(f)
            && allows(&shape.subject, shape.claims, r.kind_of(&f.id))
            && !attributed(text, f.start)
    };
    let mut subjects: Vec<&entity::Found> = r.known.iter().filter(|f| subject_fit(f)).collect();
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
            .any(|q| q.kinds.contains_key(r.kind_of(&f.id)))
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
    match choice.subject.or(subjects.first().copied()) {
        Some(first) => {
            let partnered = shape
                .qualifiers
                .values()
                .any(|q| q.kinds.contains_key(r.kind_of(&first.id)));
            let mut list = if partnered {
                vec![first]
            } else {
                coordinated(text, r.known, first, subject_fit)
            };
            if !partnered {
                grouped_with(r, at, &mut list, &subject_fit);
            }
            Some((list, None))
        }
        None => {
            if shape.claims == 0 {
                return None;
            }
            // The nearest sentence before that names a fitting subject gives it, only if it
            // names one: an item of another sentence's list ("Russia, Kazakhstan and
            // Uzbekistan") is no subject of this one.
            // "The alliance aims …", "the country has …": a clause whose subject is an
            // organisation's or a state's common noun takes a name of that kind, or none.
            let kind = anaphor_kind(text, r.s.start, at.0);
            let (back, fitting) = r.context.iter().enumerate().find_map(|(back, mentions)| {
                let fitting: Vec<&entity::Found> = mentions
                    .iter()
                    .filter(|f| subject_fit(f) && kind.is_none_or(|k| r.kind_of(&f.id) == k))
                    .collect();
                (!fitting.is_empty()).then_some((back, fitting))
            })?;
            let subject = fitting[0];
            if fitting.iter().any(|f| f.id != subject.id) {
                return None;
            }
            Some((vec![subject], Some(back)))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::suggest::fixture::*;

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
    fn an_organisation_named_by_its_common_noun_takes_no_state_from_before() {
        // "The bloc" is an organisation: the country of the sentence before is not it.
        let got = claims(
            "Kazakhstan is a large country. The bloc has a population of 17.6 million.",
            Some("2011"),
        );
        assert!(suggestions(&got, "population").is_empty(), "{got:#?}");
        // "The country" is one.
        let got = claims(
            "Kazakhstan is a large country. The country has a population of 17.6 million.",
            Some("2011"),
        );
        assert_eq!(one(&got, "population").subject, "kazakhstan");
    }

    #[test]
    fn no_subject_from_a_phrase_of_cause_after_a_comma() {
        // "following Kazakhstan and Russia criticism" gives the reason, not who works with the
        // OSCE.
        let got = claims(
            "In 2005 the government closed a depot that works with the OSCE, following \
             Kazakhstan and Russia criticism of its record.",
            Some("2006"),
        );
        assert!(suggestions(&got, "works_with").is_empty(), "{got:#?}");
        let got = claims(
            "Kazakhstan works with the OSCE, despite Russia criticism of its record.",
            Some("2006"),
        );
        assert_eq!(pairs(&got, "works_with"), pair("kazakhstan", "osce"));
    }

    #[test]
    fn a_subject_is_never_an_item_of_another_sentences_list() {
        // The sentence before names three countries: which one the base serves is not said.
        let got = claims(
            "The bloc groups Russia, Kazakhstan and Uzbekistan. The population is 17.6 million.",
            Some("2011"),
        );
        assert!(suggestions(&got, "population").is_empty(), "{got:#?}");
    }

    #[test]
    fn a_grouping_verb_goes_on_after_with() {
        let got = claims(
            "That demand was brought before the OSCE, a regional security body that groups \
             Kyrgyzstan and other former Soviet Central Asian states with Russia and China.",
            Some("2005-09-21"),
        );
        let mut members = pairs(&got, "member_of");
        members.sort();
        members.dedup();
        assert_eq!(
            members,
            [
                ("china".to_string(), "osce".to_string()),
                ("kyrgyzstan".into(), "osce".into()),
                ("russia".into(), "osce".into()),
            ],
            "{got:#?}"
        );
        // A partner of another clause after "with" is no member.
        let got = claims(
            "The OSCE groups Kyrgyzstan and Kazakhstan, and it trades with Russia and China.",
            Some("2005-09-21"),
        );
        let mut members = pairs(&got, "member_of");
        members.sort();
        members.dedup();
        assert_eq!(
            members,
            [
                ("kazakhstan".to_string(), "osce".to_string()),
                ("kyrgyzstan".into(), "osce".into()),
            ],
            "{got:#?}"
        );
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
