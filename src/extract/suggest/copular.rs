//! Copular statements around a relational noun ("Kazakhstan is Russia's ally"): who is what
//! to whom, read from possessives, copulas and the words that may stand between them.

use super::words::{reach_after, reach_before, words_end};
use crate::extract::{Sentence, entity};
use crate::model::Predicate;

/// Verbs that link a subject to its complement: "Kazakhstan is Russia's ally", "... has been
/// its main supplier".
pub(super) const COPULAS: &[&str] = &[
    "is", "was", "are", "were", "remains", "remained", "been", "become", "became", "becomes",
];

/// Words that may stand between a name and its verb or between the verb and the complement
/// without changing who is what: adverbs of time and degree, relative pronouns.
pub(super) const LINKING: &[&str] = &[
    "currently",
    "now",
    "still",
    "also",
    "already",
    "long",
    "by",
    "far",
    "which",
    "who",
    "that",
    "has",
    "have",
    "had",
    "today",
    "traditionally",
    "historically",
];

/// The end of a possessive after mention `f` ("Russia's", "Kazakhstan’s", "the Allies'", and
/// the bare "s" the gazetteer reads after a country's name: "Russias"), or `None` when the
/// name is not a possessor.
pub(super) fn possessive_end(text: &str, f: &entity::Found) -> Option<usize> {
    let rest = text.get(f.end..)?;
    let name = text.get(f.start..f.end)?;
    let len = ["'s", "’s", "s"]
        .iter()
        .find(|p| rest.starts_with(**p))
        .map(|p| p.len())
        .or_else(|| {
            let ends_s = name.ends_with(['s', 'S']);
            if ends_s && rest.starts_with(['\'', '’']) {
                Some(rest.chars().next().map_or(1, char::len_utf8))
            } else {
                None
            }
        })?;
    rest.get(len..)?
        .starts_with(char::is_whitespace)
        .then_some(f.end + len)
}

/// The words of `text[a..b]`, or `None` when the stretch holds punctuation other than
/// hyphens (a word broken across a line included) or more than `most` words.
pub(super) fn plain_words(text: &str, a: usize, b: usize, most: usize) -> Option<Vec<&str>> {
    let gap = text.get(a..b)?;
    let words: Vec<&str> = gap.split_whitespace().collect();
    let plain = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'));
    (plain && words.len() <= most).then_some(words)
}

/// Whether every word is lower case (an article, an adjective, an adverb: no name).
pub(super) fn lower(words: &[&str]) -> bool {
    words
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_lowercase()))
}

pub(super) fn is_copula(word: &str) -> bool {
    COPULAS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

pub(super) fn is_linking(word: &str) -> bool {
    LINKING.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// The mention that a copula ending at `verb` (its start) links to, reading backwards: the
/// name just before the verb, with at most a few [`LINKING`] words between ("Kazakhstan is",
/// "Russia, which is by far", "Kazakhstan has long been").
pub(super) fn before_copula<'k>(
    text: &str,
    known: &'k [entity::Found],
    verb: usize,
) -> Option<&'k entity::Found> {
    let h = known.iter().rev().find(|f| f.end <= verb)?;
    let gap = text.get(h.end..verb)?;
    let gap = gap.trim_start().strip_prefix(',').unwrap_or(gap);
    let words: Vec<&str> = gap.split_whitespace().collect();
    let linking = words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic) && is_linking(w));
    linking.then_some(h)
}

/// The copula (its span) among the last few words before `to`, after `from`, with only
/// [`LINKING`] words between it and `to`.
pub(super) fn copula_before(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let start = reach_before(text, to, from);
    let slice = text.get(start..to)?;
    let mut end = slice.len();
    for _ in 0..4 {
        let head = slice[..end].trim_end();
        let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        if is_copula(word) {
            return Some((start + word_start, start + head.len()));
        }
        if !is_linking(word) {
            return None;
        }
        end = word_start;
    }
    None
}

/// A copular statement around a relational noun (the cue of an entity predicate): who is
/// what to whom. Returns the holder (the name the noun describes) and the other party:
///
/// - "Kazakhstan is (currently) Russia's key partner": holder Kazakhstan, other Russia;
/// - "Russia's closest ally in Central Asia is Kazakhstan": holder Kazakhstan, other Russia;
/// - "Kazakhstan, Russia's closest ally, ...": holder Kazakhstan, other Russia;
/// - "Russia is for Tajikistan the main supplier", "Russia is the main supplier to
///   Tajikistan": holder Russia, other Tajikistan.
///
/// The possessor is never the holder: nearness alone reads "Russia's ally is Kazakhstan"
/// backwards. `None` when the sentence has no such shape (then nearness decides).
pub(super) fn copular<'k>(
    text: &str,
    s: &Sentence,
    known: &'k [entity::Found],
    cue: (usize, usize),
    breaks: &[usize],
) -> Option<(&'k entity::Found, &'k entity::Found)> {
    let clause_start = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(s.start, |b| b + 1);
    let clause_end = breaks
        .iter()
        .copied()
        .find(|&b| b >= cue.1)
        .unwrap_or(s.end);
    let in_clause = |f: &&entity::Found| f.start >= clause_start && f.end <= clause_end;
    // A possessor just before the noun, with at most a few lower-case words between ("Russia's
    // closest military and political ally").
    let possessor = known
        .iter()
        .filter(in_clause)
        .rev()
        .find(|f| f.end <= cue.0)
        .filter(|f| {
            possessive_end(text, f)
                .and_then(|pe| plain_words(text, pe, cue.0, 5))
                .is_some_and(|w| lower(&w))
        });
    if let Some(p) = possessor {
        // "X, Russia's ally": an apposition.
        let head = text.get(clause_start..p.start)?.trim_end();
        if let Some(before) = head.strip_suffix(',') {
            let before = before.trim_end();
            if let Some(h) = known
                .iter()
                .filter(in_clause)
                .find(|f| clause_start + before.len() == f.end)
            {
                return Some((h, p));
            }
        }
        // "X is Russia's ally".
        if let Some(verb) = copula_before(text, clause_start, p.start)
            && let Some(h) = before_copula(text, known, verb.0).filter(in_clause)
        {
            return Some((h, p));
        }
        // "Russia's ally (in Central Asia) is X": the first name after a copula that follows
        // the noun within a few words.
        let limit = words_end(text, cue.1, reach_after(text, cue.1, clause_end), 8);
        let after = text.get(cue.1..limit)?;
        let stop = after.find([',', '.', ';', ':', '(']).unwrap_or(after.len());
        let mut at = cue.1;
        for word in after[..stop].split_whitespace() {
            let offset = text.get(at..limit)?.find(word)? + at;
            at = offset + word.len();
            if is_copula(word) {
                let h = known.iter().filter(in_clause).find(|f| f.start >= at)?;
                let gap = plain_words(text, at, h.start, 1)?;
                return lower(&gap).then_some((h, p));
            }
        }
        return None;
    }
    // "X is (for Y) the main supplier (of arms to Y)": the holder before a copula that stands
    // a few words before the noun.
    let left = reach_before(text, cue.0, clause_start);
    let mut end = cue.0;
    let mut verb = None;
    for _ in 0..8 {
        let head = text.get(left..end)?.trim_end();
        let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if word.is_empty() {
            break;
        }
        if is_copula(word) {
            verb = Some((left + word_start, left + head.len()));
            break;
        }
        end = left + word_start;
    }
    let verb = verb?;
    let holder = before_copula(text, known, verb.0).filter(in_clause)?;
    // Between the verb and the noun: lower-case words and at most one "for Y" / "to Y".
    let between: Vec<&entity::Found> = known
        .iter()
        .filter(|f| f.start >= verb.1 && f.end <= cue.0)
        .collect();
    let preposition = |f: &entity::Found| {
        let mut from = f.start.saturating_sub(12);
        while from < f.start && !text.is_char_boundary(from) {
            from += 1;
        }
        text.get(from..f.start).is_some_and(|t| {
            let t = t.trim_end().to_ascii_lowercase();
            let t = t.strip_suffix(" the").unwrap_or(&t).trim_end();
            [" for", " to", " of"].iter().any(|p| t.ends_with(p))
        })
    };
    match between.as_slice() {
        [] => {
            if plain_words(text, verb.1, cue.0, 6).is_none_or(|w| !lower(&w)) {
                return None;
            }
            // The other after the noun: "supplier of military equipment to Tajikistan".
            let limit = words_end(text, cue.1, reach_after(text, cue.1, clause_end), 6);
            let other = known
                .iter()
                .filter(in_clause)
                .find(|f| f.start >= cue.1 && f.end <= limit)?;
            let gap = text.get(cue.1..other.start)?;
            (!gap.contains([',', '.', ';']) && preposition(other)).then_some((holder, other))
        }
        [other] => {
            let ok = preposition(other)
                && plain_words(text, verb.1, other.start, 3).is_some()
                && plain_words(text, other.end, cue.0, 5).is_some_and(|w| lower(&w));
            ok.then_some((holder, *other))
        }
        _ => None,
    }
}

/// Whether the name a copula links to ("Russia is ...") fills the subject of a predicate: its
/// template says "{object} is ..." when the holder is the object (the supplier of "{object}
/// is the main supplier to {subject}").
pub(super) fn holder_is_subject(p: &Predicate) -> bool {
    !p.template
        .as_deref()
        .is_some_and(|t| t.contains("{object} is") || t.contains("{object} are"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::suggest::fixture::*;
    use crate::model::ValueType;

    #[test]
    fn a_possessor_is_the_object_of_a_relational_noun() {
        // The possessor stands nearer the noun than the holder: nearness alone reads these
        // backwards.
        for text in [
            "China's most reliable partner in Central Asia is Kyrgyzstan.",
            "Kyrgyzstan is now China's main partner.",
            "Kyrgyzstan has long been China's closest ally.",
            "Kyrgyzstan, China's oldest ally, voted against it.",
            "Kyrgyzstan is currently China's key partner in the region.",
        ] {
            let got = claims(text, Some("2011"));
            assert_eq!(
                pairs(&got, "partner_of"),
                pair("kyrgyzstan", "china"),
                "{text}"
            );
        }
        // No possessive, no copula: the nearest reading stands.
        let got = claims("China signed a partner deal with Kyrgyzstan.", Some("2011"));
        assert!(!pairs(&got, "partner_of").is_empty(), "{got:#?}");
    }

    #[test]
    fn the_template_says_which_role_the_copula_names() {
        // "{object} is the main supplier to {subject}": the one who "is" the supplier is the
        // object.
        for text in [
            "China is for Kyrgyzstan the main supplier of weapons.",
            "China is the main supplier of arms to Kyrgyzstan.",
            "Kyrgyzstan's largest supplier is China.",
            "China, Kyrgyzstan's largest supplier, said nothing.",
        ] {
            let got = claims(text, Some("2011"));
            assert_eq!(
                pairs(&got, "supplier"),
                pair("kyrgyzstan", "china"),
                "{text}"
            );
        }
        assert!(holder_is_subject(&predicate(
            "x",
            ValueType::Entity,
            None,
            &[]
        )));
    }

    #[test]
    fn possessives_are_read_in_their_forms() {
        let g = |_: &str, end: usize| entity::Found {
            id: "x".into(),
            start: 0,
            end,
            demonym: false,
        };
        assert_eq!(
            possessive_end("Russia's ally", &g("Russia's ally", 6)),
            Some(8)
        );
        assert_eq!(possessive_end("Russia’s ally", &g("", 6)), Some(10));
        assert_eq!(possessive_end("Americas' ally", &g("", 8)), Some(9));
        assert_eq!(possessive_end("Russia is", &g("", 6)), None);
        assert_eq!(possessive_end("Russian ally", &g("", 6)), None);
    }
}
