//! The slots of an event read off a sentence: the names in it with their kinds, which stand
//! before or after the trigger, after which preposition, lists joined by commas and "and"
//! (each name of the list is one actor), and "the two countries", "both sides" or a pronoun
//! resolved to the nearest fitting names of the paragraph before.

use crate::extract::Candidate;

/// A name in a sentence: a known entity (with its kind) or a capitalised name no entity goes
/// by (`new`, kind "").
#[derive(Debug, Clone)]
pub(super) struct Named<'a> {
    pub(super) id: &'a str,
    pub(super) kind: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) new: bool,
}

/// Kinds that act in an event: they sign, join, take part, supply.
pub(super) fn actor(kind: &str) -> bool {
    matches!(kind, "country" | "organisation")
}

/// Kinds an agreement is: what is signed, ratified, in force.
pub(super) fn agreement(kind: &str) -> bool {
    matches!(kind, "agreement" | "document" | "policy" | "programme")
}

/// Words in a new name that make it an agreement's.
pub(super) const AGREEMENT_WORDS: &[&str] = &[
    "Treaty",
    "Agreement",
    "Accord",
    "Memorandum",
    "Plan",
    "Charter",
    "Protocol",
    "Declaration",
    "Convention",
    "Deal",
];

/// Nouns an unnamed agreement goes by ("signed a series of bilateral deals").
pub(super) const AGREEMENT_NOUNS: &[&str] = &[
    "agreement",
    "agreements",
    "treaty",
    "treaties",
    "deal",
    "deals",
    "accord",
    "memorandum",
    "plan",
    "protocol",
    "declaration",
    "documents",
];

/// The nouns of [`AGREEMENT_NOUNS`] that speak of one agreement: an unnamed agreement is made
/// only of a sentence that has one ("Astana and Moscow have signed a host of other agreements"
/// tells of no one signing, nor when).
pub(super) const ONE_AGREEMENT_NOUNS: &[&str] = &[
    "agreement",
    "treaty",
    "deal",
    "accord",
    "memorandum",
    "plan",
    "protocol",
    "declaration",
];

/// Nouns an organisation is named by after it was named once ("quit the bloc").
pub(super) const ORGANISATION_NOUNS: &[&str] = &[
    "bloc",
    "alliance",
    "organisation",
    "organization",
    "treaty",
    "grouping",
    "union",
];

/// Phrases that stand for the two (or all) states named before: resolved to the nearest ones.
pub(super) const PLURAL_REFERENCES: &[(&str, usize)] = &[
    ("the two countries", 2),
    ("both countries", 2),
    ("the two states", 2),
    ("the two sides", 2),
    ("both sides", 2),
    ("the sides", 2),
    ("the two nations", 2),
    ("the two neighbours", 2),
    ("the two neighbors", 2),
];

/// Pronouns a single actor goes by.
pub(super) const PRONOUNS: &[&str] = &["it", "its", "they", "the country", "the republic"];

/// The word before `at` (lower case), skipping quotes and spaces: "in", "by", "of".
pub(super) fn word_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || "'\"‘’“”«".contains(c));
    let start = head
        .rfind(|c: char| !c.is_alphanumeric() && c != '-')
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    head[start..].to_ascii_lowercase()
}

/// Whether a name is the place of the event: a place or a facility, or a country right after
/// "in", "at" or "near".
pub(super) fn is_place(text: &str, n: &Named) -> bool {
    let w = word_before(text, n.start);
    matches!(n.kind, "place" | "facility")
        || (n.kind == "country" && matches!(w.as_str(), "in" | "at" | "near"))
        || (n.kind == "country" && w == "with" && border_before(text, n.start))
}

/// Whether "border with" (or "borders with", "frontier with") stands right before `at`: the
/// state after it is where, not who ("conducted near the border with Afghanistan").
pub(super) fn border_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let Some(head) = head.strip_suffix("with") else {
        return false;
    };
    matches!(
        word_before(head, head.len()).as_str(),
        "border" | "borders" | "frontier"
    )
}

/// The names of `kinds` in `from..to`, in text order, without repeats.
pub(super) fn within<'a>(
    names: &[Named<'a>],
    from: usize,
    to: usize,
    fit: impl Fn(&Named) -> bool,
) -> Vec<Named<'a>> {
    let mut out: Vec<Named<'a>> = Vec::new();
    for n in names.iter().filter(|n| n.start >= from && n.end <= to) {
        if fit(n) && !out.iter().any(|o| o.id == n.id) {
            out.push(n.clone());
        }
    }
    out
}

/// The actors that follow one of `preps` ("by", "between", "from", "involving") within
/// `from..to`: the list that opens right after the preposition, joined by commas and "and".
pub(super) fn after_preposition<'a>(
    text: &str,
    names: &[Named<'a>],
    preps: &[&str],
    from: usize,
    to: usize,
    fit: impl Fn(&Named) -> bool,
) -> Vec<Named<'a>> {
    let mut out: Vec<Named<'a>> = Vec::new();
    let mut open = false;
    let mut last_end = from;
    for n in names.iter().filter(|n| n.start >= from && n.end <= to) {
        let w = word_before(text, n.start);
        if preps.contains(&w.as_str()) {
            open = true;
        } else if open {
            // The list goes on over ", " and " and ": "between Russia, China and India".
            let gap = text.get(last_end..n.start).unwrap_or("x");
            let joined = gap
                .trim()
                .trim_start_matches(',')
                .trim()
                .trim_start_matches("and")
                .trim()
                .is_empty()
                || gap.trim() == "'s";
            if !joined {
                open = false;
            }
        }
        if open && fit(n) && !out.iter().any(|o| o.id == n.id) {
            out.push(n.clone());
        }
        last_end = n.end;
    }
    out
}

/// Whether the words just before `at` (within 40 bytes) are one of `phrases` (lower case).
pub(super) fn preceded_by(text: &str, at: usize, phrases: &[&str]) -> bool {
    let mut from = at.saturating_sub(40);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at).unwrap_or("").to_ascii_lowercase();
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    phrases.iter().any(|p| {
        head.ends_with(p)
            && head[..head.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether one of `words` (lower case, whole words) occurs in `text[from..to]`.
pub(super) fn has_word(text: &str, from: usize, to: usize, words: &[&str]) -> bool {
    let Some(slice) = text.get(from..to) else {
        return false;
    };
    slice
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// The `n` nearest actors before `at` among the sentence's names and then the paragraph's
/// (nearest first), for "the two countries" and pronouns.
pub(super) fn nearest_actors<'a>(
    names: &[Named<'a>],
    context: &[Vec<Named<'a>>],
    at: usize,
    n: usize,
    fit: impl Fn(&Named) -> bool,
) -> Vec<Named<'a>> {
    let mut out: Vec<Named<'a>> = Vec::new();
    let sentence = names.iter().rev().filter(|x| x.end <= at);
    let before = context.iter().flat_map(|names| names.iter().rev());
    for x in sentence.chain(before) {
        if out.len() >= n {
            break;
        }
        if fit(x) && !out.iter().any(|o| o.id == x.id) {
            out.push(x.clone());
        }
    }
    out.sort_by_key(|x| x.start);
    out
}

/// The time of the event: the sentence's time nearest the trigger, in its clause first (and
/// after the trigger, for a time it runs until). `None` when the sentence gives none.
pub(super) fn nearest_time<'c>(
    times: &[&'c Candidate],
    clause: (usize, usize),
    at: (usize, usize),
    after_only: bool,
) -> Option<&'c Candidate> {
    times
        .iter()
        .filter(|t| !after_only || t.start >= at.1)
        .min_by_key(|t| {
            let inside = t.start >= clause.0 && t.end <= clause.1;
            let d = if t.end <= at.0 {
                at.0 - t.end
            } else {
                t.start.saturating_sub(at.1)
            };
            (!inside, d, t.start)
        })
        .copied()
}

/// A slug of words: lower case, joined by hyphens ("russia-tajikistan-agreement-2012").
pub(super) fn slug(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        for w in part.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&w.to_lowercase());
        }
    }
    out
}
