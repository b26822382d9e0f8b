//! The value step: what a cue's sentence offers its predicate ([`values`]): a figure that fits
//! its unit, an entity (or each of a list), a free-text clause, or a title before a name.

use super::copular::{copular, holder_is_subject};
use super::sentence::{Cued, Grounds, Reading};
use super::vocabulary::{allows, required};
use super::words::{
    coordinated, distance, nearest, reach_after, reach_before, trimmed_words, words_end,
};
use crate::extract::quantity;
use crate::extract::{Candidate, Kind, Sentence, entity};
use crate::model::{Quantity, Value, ValueType};

/// Whether a quantity read from text fits a predicate measured in `unit`.
pub(super) fn fits(q: &Quantity, unit: Option<&str>) -> bool {
    let persons = matches!(q.unit.as_str(), "persons" | "people");
    match unit {
        Some("percent") => q.unit == "percent",
        Some("persons") => persons || (q.unit.is_empty() && q.amount >= 1000.0),
        Some(u @ ("km" | "hectares" | "tonnes" | "km2" | "USD" | "EUR" | "RUB")) => q.unit == u,
        // A counted noun: "4 exercises" for a count of exercises.
        Some(u) => q.unit == u || q.unit.trim_end_matches('s') == u.trim_end_matches('s'),
        None => !matches!(
            q.unit.as_str(),
            "percent" | "km" | "km2" | "hectares" | "tonnes" | "USD" | "EUR" | "RUB" | "persons"
        ),
    }
}

/// The most words a suggested text value keeps: it is a starting point the analyst edits.
pub(super) const TEXT_WORDS: usize = 12;

/// The free-text value a cue introduces: the clause after it (up to a clause break, a comma, a
/// time expression or [`TEXT_WORDS`] words), or when the cue closes its clause ("its
/// multi-vector policy,") the clause that ends with it, at most [`TEXT_REACH`] bytes either way.
/// Returns the text and its span; `None` when nothing worth a draft is left (no word after the
/// cue and fewer than two before it).
pub(super) fn text_value(
    text: &str,
    s: &Sentence,
    cue: (usize, usize),
    breaks: &[usize],
    times: &[(usize, usize)],
) -> Option<(String, (usize, usize))> {
    let stop = |from: usize| -> usize {
        let limit = reach_after(text, from, s.end);
        // A few words beyond the kept ones, for the fillers trimmed off the front.
        let limit = words_end(text, from, limit, TEXT_WORDS + 4);
        let slice = text.get(from..limit).unwrap_or("");
        let punct = slice
            .find([',', '.', '!', '?', '"', '“', '”'])
            .map_or(limit, |i| from + i);
        let clause = breaks.iter().copied().find(|&b| b >= from).unwrap_or(limit);
        let time = times
            .iter()
            .map(|t| t.0)
            .filter(|&t| t >= from)
            .min()
            .unwrap_or(limit);
        punct.min(clause).min(time)
    };
    let end = stop(cue.1);
    let after = text.get(cue.1..end)?;
    let words = trimmed_words(after);
    if !words.is_empty() {
        let kept = &words[..words.len().min(TEXT_WORDS)];
        return Some((kept.join(" "), (cue.1, end)));
    }
    // The cue ends its clause: the phrase that leads up to it.
    let start = reach_before(text, cue.0, s.start);
    let slice = text.get(start..cue.0)?;
    let from = slice
        .rfind([',', ';', ':', '(', ')', '.', '"', '“', '”'])
        .map_or(start, |i| start + i + 1);
    let from = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(from, |b| from.max(b + 1));
    let before = text.get(from..cue.1)?;
    let words = trimmed_words(before);
    let kept = &words[words.len().saturating_sub(TEXT_WORDS)..];
    (kept.len() > 1).then(|| (kept.join(" "), (from, cue.1)))
}

/// Words of military and police ranks, whole or abbreviated: "Col.-Gen.", "Lt-Gen",
/// "Colonel-General", "Rear Admiral".
pub(super) const RANK_WORDS: &[&str] = &[
    "adm",
    "admiral",
    "army",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "col",
    "colonel",
    "gen",
    "general",
    "lieutenant",
    "lt",
    "maj",
    "major",
    "marshal",
    "rear",
    "sergeant",
    "vice",
];

/// Words that stand before a lower-case title without being part of it ("then defense
/// minister", "the foreign minister", "its former president").
const LEADING: &[&str] = &[
    "a", "an", "and", "as", "by", "former", "her", "his", "its", "late", "of", "our", "the",
    "their", "then", "when", "while", "who", "with",
];

/// Whether `gap` is a rank (or nothing) between a title and a name: "Defence Minister Col.-Gen.
/// Kabul Berdiyev", "Defence Minister, Lt-Gen X". The stop of an abbreviation counts.
pub(super) fn rank_gap(gap: &str) -> bool {
    let gap = gap.trim_start();
    let (gap, comma) = match gap.strip_prefix(',') {
        Some(rest) => (rest, true),
        None => (gap, false),
    };
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    // A comma only before a rank: "Minister, X" may be an apposition of anything.
    (!comma || !words.is_empty())
        && words.len() <= 4
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && RANK_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w))
        })
}

/// Whether a word is a rank word (its stop and hyphenated parts aside).
pub(super) fn rank_word(word: &str) -> bool {
    word.split(['-', '.'])
        .filter(|w| !w.is_empty())
        .all(|w| RANK_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

/// A title before a name ("Deputy Defense Minister Aset Kurmangaliyev"): when the subject's
/// mention follows the cue at once (or after a rank: "Defence Minister Col.-Gen. Kabul
/// Berdiyev"), the value is the cue with the capitalised words just before it (none of them a
/// mention), not the clause after. A rank cue extends over rank words only ("Lieutenant
/// General"), not over an office before it.
pub(super) fn title(
    text: &str,
    cue: (usize, usize),
    subject_start: usize,
    known: &[entity::Found],
) -> Option<(String, usize)> {
    let gap = text.get(cue.1..subject_start)?;
    // "Col.-Gen. Kabul Berdiyev": an abbreviated title keeps its stop.
    if !gap.chars().all(|c| c.is_whitespace() || c == '.') && !rank_gap(gap) {
        return None;
    }
    let word = text.get(cue.0..cue.1)?;
    // Wire copy writes a title before a name in lower case too ("then defense minister X"):
    // the title is then its lower-case words, up to a word that only introduces it.
    let lower = !word.starts_with(|c: char| c.is_uppercase());
    if lower && !word.chars().all(|c| c.is_lowercase() || c == ' ') {
        return None;
    }
    let is_rank = rank_word(word);
    let mut start = cue.0;
    for _ in 0..3 {
        let before = text.get(..start)?.trim_end_matches([' ', '\n']);
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || "(\"“,;:".contains(c))
            .map_or(0, |i| i + 1);
        let word = &before[word_start..];
        let capitalised = if lower {
            word.chars().all(|c| c.is_lowercase() || c == '-') && !LEADING.contains(&word)
        } else {
            word.starts_with(|c: char| c.is_uppercase())
                && word.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        let named = known
            .iter()
            .any(|f| f.start < before.len() && word_start < f.end);
        if !capitalised || named || word.is_empty() || (is_rank && !rank_word(word)) {
            break;
        }
        start = word_start;
    }
    // A rank read from its first word takes the rest of it: "Colonel General".
    let end = if is_rank && !gap.contains(',') {
        cue.1 + gap.trim_end().len()
    } else {
        cue.1
    };
    let words = trimmed_words(text.get(start..end)?);
    Some((words.join(" "), start))
}

/// A value the cue's sentence offers a predicate, before the subject is chosen.
pub(super) struct Choice<'k> {
    pub(super) value: Value,
    /// For an entity value: its mention, and every mention of the list it stands in (none of
    /// them is the subject).
    pub(super) object: Option<&'k entity::Found>,
    pub(super) objects: Vec<&'k entity::Found>,
    pub(super) at: Option<(usize, usize)>,
    pub(super) score: f64,
    /// The subject, when the sentence's grammar names it ("Kazakhstan is Russia's ally").
    pub(super) subject: Option<&'k entity::Found>,
}

/// The values a cue's sentence offers its predicate, by the predicate's value type; none when
/// nothing fits (then the cue suggests nothing):
///
/// - a quantity: the figure that fits the predicate's unit nearest the cue, or nearest a mention
///   that a required qualifier takes ("Russians account for 4.6 million");
/// - an entity: the object a copular statement names ("Kazakhstan is Russia's ally", with its
///   subject), else the nearest mention of a kind the predicate's objects have, with each of
///   the list it stands in;
/// - a free text: the clause the cue introduces (see [`text_value`]);
/// - no value (an event): the cue alone.
pub(super) fn values<'a>(r: &Reading<'a>, c: &Cued) -> Vec<Choice<'a>> {
    let (p, shape, at) = (c.predicate, c.shape, c.at);
    match p.value_type {
        ValueType::Quantity => {
            let mut fitting: Vec<(&Candidate, Quantity)> = r
                .items
                .iter()
                .filter(|c| c.kind == Kind::Quantity)
                .filter_map(|c| {
                    let q = quantity::model(c.quantity.as_ref()?)?;
                    fits(&q, p.unit.as_deref()).then_some((*c, q))
                })
                .collect();
            // Nearest the cue, or a mention that a required qualifier takes ("Russians
            // account for 4.6 million").
            let anchors: Vec<(usize, usize)> = r
                .known
                .iter()
                .filter(|f| {
                    shape.qualifiers.iter().any(|(key, q)| {
                        required(p, shape, key, q) && q.kinds.contains_key(r.kind_of(&f.id))
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
                return Vec::new();
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
            let fit = |f: &entity::Found| allows(&shape.object, shape.claims, r.kind_of(&f.id));
            let read = copular(r.text, r.s, r.known, at, &r.breaks)
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
                        && allows(&shape.subject, shape.claims, r.kind_of(&subject.id))
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
                // "a member of the NATO Partnership for Peace": the name the cue governs is its
                // object; when that name is of no kind the predicate takes, the cue says
                // something else, and a name further off is no fallback. A name of a kind the
                // subjects have is the verb's own object ("the CSTO groups Russia, Armenia
                // and …", "consists of Russia"): the object is then looked for further off.
                let governed = r.known.iter().find(|g| {
                    g.start >= at.1
                        && g.start - at.1 <= 10
                        && r.text.get(at.1..g.start).is_some_and(|gap| {
                            matches!(gap.trim().to_lowercase().as_str(), "" | "of" | "of the")
                        })
                });
                let subject_kind =
                    |g: &entity::Found| allows(&shape.subject, shape.claims, r.kind_of(&g.id));
                if governed.is_some_and(|g| {
                    (!fit(g) && !subject_kind(g)) || owner_of_a_name(r.text, g, r.known)
                }) {
                    return Vec::new();
                }
                // "NATO's Individual Partnership Action Plan": an owner before a name is no
                // object of the cue; the name is.
                let mut objects: Vec<&entity::Found> = r
                    .known
                    .iter()
                    .filter(|f| fit(f) && !owner_of_a_name(r.text, f, r.known))
                    .collect();
                nearest(&mut objects, at);
                let Some(o) = objects.first().copied() else {
                    return Vec::new();
                };
                let list = coordinated(r.text, r.known, o, fit);
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
            let Some((words, span)) = text_value(r.text, r.s, at, &r.breaks, &r.time_spans) else {
                return Vec::new();
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
    }
}

/// Whether a mention stands as the owner of a name after it: `NATO's Individual Partnership`,
/// `the CSTO’s Collective Rapid Reaction Force`, or as the first word of another known name
/// (`NATO Partnership for Peace`, where the programme is the name).
fn owner_of_a_name(text: &str, f: &entity::Found, known: &[entity::Found]) -> bool {
    let rest = text.get(f.end..).unwrap_or("");
    if known
        .iter()
        .any(|g| g.start > f.end && g.start <= f.end + 1 && rest.starts_with(' '))
    {
        return true;
    }
    let rest = rest
        .strip_prefix("'s ")
        .or_else(|| rest.strip_prefix("’s "))
        .unwrap_or("");
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// The value suggested for one subject: the choice's, except that a free text becomes the
/// title before the subject's name when the cue is one ("President X": see [`title`]); the
/// title's phrase then replaces the clause among the parts. A borrowed subject has no title.
pub(super) fn titled(
    r: &Reading,
    c: &Cued,
    choice: &Choice,
    subject: &entity::Found,
    borrowed_at: Option<usize>,
    grounds: &mut Grounds,
) -> Value {
    let at = c.at;
    if c.predicate.value_type == ValueType::Text
        && borrowed_at.is_none()
        && let Some((words, start)) = title(r.text, at, subject.start, r.known)
    {
        grounds.parts.retain(|&x| x != choice.at.unwrap_or(at));
        grounds.parts.push((start, at.1));
        return Value::Text { text: words };
    }
    choice.value.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::suggest::fixture::*;

    #[test]
    fn an_entity_value() {
        let got = claims("Russia holds a lease on Kant until 2032.", None);
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "leases")
            .unwrap();
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "russia");
        assert_eq!(
            s.value,
            Value::Entity {
                entity: "kant-air-base".into()
            }
        );
        assert_eq!(s.when.as_deref(), Some("../2032"));
    }

    #[test]
    fn a_text_value_is_the_clause_after_the_cue() {
        let got = claims(
            "The Military Cooperation Treaty provides for joint training of officers, and more.",
            Some("2011"),
        );
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "provides")
            .unwrap();
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "treaty-1994");
        assert_eq!(
            s.value,
            Value::Text {
                text: "joint training of officers".into()
            }
        );
        assert_eq!(s.when.as_deref(), Some("2011~"));
        assert_eq!(c.rule, "claim.cue_text.as_of");
        // Typed values outrank a draft text.
        assert!(c.score < 0.45, "{}", c.score);
        // A cue that closes its clause takes the phrase that leads up to it.
        let got = claims(
            "Kazakhstan pursues a balanced aim, as everyone knows.",
            Some("2011"),
        );
        let aims = suggestions(&got, "aim");
        assert_eq!(aims.len(), 1, "{aims:#?}");
        assert_eq!(
            aims[0].value,
            Value::Text {
                text: "Kazakhstan pursues a balanced aim".into()
            }
        );
    }

    #[test]
    fn a_text_value_is_read_from_a_bounded_stretch() {
        let text = format!(
            "The Military Cooperation Treaty provides for {}",
            "the joint ".repeat(20_000)
        );
        let got = claims(&text, Some("2011"));
        let found = suggestions(&got, "provides");
        assert_eq!(found.len(), 1, "{found:#?}");
        match &found[0].value {
            Value::Text { text } => {
                assert!(text.split_whitespace().count() <= TEXT_WORDS, "{text}");
                assert!(text.starts_with("joint"), "{text}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_title_before_a_name_is_the_value() {
        let got = claims(
            "Kazakhstan is led by President Nursultan Nazarbayev.",
            Some("2011"),
        );
        let offices = suggestions(&got, "holds_office");
        assert_eq!(offices.len(), 1, "{offices:#?}");
        assert_eq!(offices[0].subject, "nazarbayev");
        assert_eq!(
            offices[0].value,
            Value::Text {
                text: "President".into()
            }
        );
    }

    #[test]
    fn a_title_before_a_name_holds_whatever_the_clause_plans_or_denies() {
        for text in [
            "Kazakh President Nursultan Nazarbayev is planning to double the force.",
            "\u{201c}It does not mean that we should be weak,\u{201d} President Nursultan Nazarbayev said Thursday.",
        ] {
            let got = claims(text, Some("2018-05-07"));
            let offices = suggestions(&got, "holds_office");
            assert_eq!(offices.len(), 1, "{text}: {offices:#?}");
            assert_eq!(offices[0].subject, "nazarbayev");
            assert_eq!(
                offices[0].value,
                Value::Text {
                    text: "President".into()
                }
            );
        }
        // "said Thursday": the day of the statement.
        let got = claims(
            "\u{201c}We will not be weak,\u{201d} President Nursultan Nazarbayev said Thursday.",
            Some("2018-05-07"),
        );
        assert_eq!(
            one(&got, "holds_office").when.as_deref(),
            Some("2018-05-03")
        );
        // A title in lower case, without the words that introduce it.
        let got = claims(
            "In April 2002, then defence minister Ivan Petrov signed an agreement.",
            Some("2007"),
        );
        let s = one(&got, "holds_office");
        assert_eq!(
            (s.subject.as_str(), &s.value),
            (
                "ivan-petrov",
                &Value::Text {
                    text: "defence minister".into()
                }
            )
        );
        // A change word of the clause ends something else: the title stands.
        let got = claims(
            "In April 2002, when the airspace was closed to Indian aircraft, then defence \
             minister Ivan Petrov signed an agreement.",
            Some("2007"),
        );
        let s = one(&got, "holds_office");
        assert_eq!(s.subject, "ivan-petrov");
        assert_eq!(s.when.as_deref(), Some("2002-04"));
        // The title of no name keeps its clause's sense.
        let got = claims("Ivan Petrov does not want to be president.", Some("2018"));
        assert!(suggestions(&got, "holds_office").is_empty(), "{got:#?}");
    }

    #[test]
    fn every_entity_of_a_list_is_an_object() {
        let got = claims(
            "Kazakhstan works with the UN, the OSCE and Russia.",
            Some("2011"),
        );
        let mut objects: Vec<String> = suggestions(&got, "works_with")
            .into_iter()
            .map(|s| match s.value {
                Value::Entity { entity } => entity,
                other => panic!("{other:?}"),
            })
            .collect();
        objects.sort();
        // Russia is no organisation: the list of objects stops before it.
        assert_eq!(objects, ["osce", "un"]);
    }

    #[test]
    fn the_members_an_organisation_groups_are_its_subjects() {
        // The name right after a verb cue is one of the members, not the organisation.
        for text in [
            "The OSCE, formed in 1992, consists of Russia, Kazakhstan, China and Kyrgyzstan.",
            "The OSCE groups Russia, Kazakhstan, China and Kyrgyzstan, officials said.",
        ] {
            let got = claims(text, Some("2012-06-28"));
            let mut members = pairs(&got, "member_of");
            members.dedup();
            assert_eq!(
                members,
                [
                    ("china".to_string(), "osce".to_string()),
                    ("kazakhstan".into(), "osce".into()),
                    ("kyrgyzstan".into(), "osce".into()),
                    ("russia".into(), "osce".into()),
                ],
                "{text}"
            );
        }
        // A name the cue governs that is neither a member nor an organisation: no claim.
        let got = claims(
            "Kazakhstan is a member of Central Asia's oldest club, officials said.",
            Some("2012"),
        );
        assert!(suggestions(&got, "member_of").is_empty(), "{got:#?}");
    }

    #[test]
    fn a_rank_between_a_title_and_a_name() {
        for (text, office) in [
            (
                "Then-Kazakhstan Deputy Defence Minister Lt-Gen Ivan Petrov resigned.",
                "Deputy Defence Minister",
            ),
            (
                "Kazakhstan's Defence Minister, Colonel-General Ivan Petrov, spoke.",
                "Defence Minister",
            ),
            (
                "The Russian President Rear Admiral Ivan Petrov spoke.",
                "President",
            ),
        ] {
            let got = claims(text, Some("2011"));
            let offices = suggestions(&got, "holds_office");
            assert_eq!(offices.len(), 1, "{text}: {offices:#?}");
            assert_eq!(offices[0].subject, "ivan-petrov", "{text}");
            assert_eq!(
                offices[0].value,
                Value::Text {
                    text: office.into()
                },
                "{text}"
            );
        }
        // The rank itself does not take the office before it.
        let got = claims(
            "Defence Minister Colonel General Ivan Petrov spoke.",
            Some("2011"),
        );
        let ranks = suggestions(&got, "rank");
        assert!(!ranks.is_empty(), "{got:#?}");
        assert!(
            ranks.iter().all(|r| r.value
                == Value::Text {
                    text: "Colonel General".into()
                }),
            "{ranks:#?}"
        );
        assert!(rank_gap(" Col.-Gen. "));
        assert!(!rank_gap(", "));
        assert!(!rank_gap(" Sergei "));
    }
}
