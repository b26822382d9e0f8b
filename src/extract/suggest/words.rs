//! Reading a sentence's text: distances between spans, clause breaks, bounded stretches of
//! words, phrases with their filler trimmed, and lists of names ("Russia and Kazakhstan").

use crate::extract::{Sentence, entity};

/// The bytes between two spans (0 when they overlap).
pub(super) fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// Sorts mentions nearest `at` first (the earlier first of two as near).
pub(super) fn nearest(list: &mut [&entity::Found], at: (usize, usize)) {
    list.sort_by_key(|f| (distance((f.start, f.end), at), f.start));
}

/// Words that open or close a clause without saying anything of their own: trimmed off a
/// suggested text value.
pub(super) const FILLER: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "by", "for", "from", "has", "have",
    "in", "is", "its", "of", "on", "or", "that", "the", "their", "to", "was", "were", "which",
    "who", "with",
];

/// Words that open a new clause inside a sentence: a time or a text value stops before them;
/// so does a phrase after a comma that gives a cause or a circumstance ("…, following EU and
/// US criticism"), whose names are no actors of the clause before it.
pub(super) const CLAUSE_WORDS: &[&str] = &[
    " but ",
    " while ",
    " whereas ",
    " although ",
    " though ",
    ", following ",
    ", amid ",
    ", despite ",
];

/// Byte offsets in `text` where a clause of the sentence ends: semicolons, colons, brackets,
/// dashes between words and the conjunctions and phrases of [`CLAUSE_WORDS`]. Other commas do
/// not count: "In 1989, native Kazakhs made up 39.7%" is one clause.
pub(super) fn clause_breaks(text: &str, s: &Sentence) -> Vec<usize> {
    let Some(slice) = text.get(s.start..s.end) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = slice
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, ';' | ':' | '(' | ')' | '[' | ']')
                || (matches!(c, '—' | '–')
                    && slice[..i].ends_with(char::is_whitespace)
                    && slice[i + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map(|(i, _)| s.start + i)
        .collect();
    // Each word's occurrences as `match_indices` on the lower-cased slice gives them (left to
    // right, none overlapping an earlier one of the same word), in one pass with no copy.
    let bytes = slice.as_bytes();
    let mut free_from = [0usize; CLAUSE_WORDS.len()];
    for (i, _) in bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b' ' || b == b',')
    {
        for (word, free) in CLAUSE_WORDS.iter().zip(free_from.iter_mut()) {
            if i >= *free
                && bytes
                    .get(i..i + word.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
            {
                out.push(s.start + i);
                *free = i + word.len();
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether a clause break stands between two spans (`breaks` sorted).
pub(super) fn same_clause(breaks: &[usize], a: (usize, usize), b: (usize, usize)) -> bool {
    let (lo, hi) = if a.0 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
    let first = breaks.partition_point(|&x| x < lo);
    breaks.get(first).is_none_or(|&x| x >= hi)
}

/// The most bytes a text value is read from on either side of its cue: a line without
/// punctuation can be a megabyte long.
pub(super) const TEXT_REACH: usize = 400;

/// The char boundary at most `TEXT_REACH` bytes after `from`, and not past `end`.
pub(super) fn reach_after(text: &str, from: usize, end: usize) -> usize {
    let mut at = (from + TEXT_REACH).min(end);
    while at > from && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The end of the `n`th word after `from`, or `limit` when there are fewer before it.
pub(super) fn words_end(text: &str, from: usize, limit: usize, n: usize) -> usize {
    let Some(slice) = text.get(from..limit) else {
        return limit;
    };
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return from + i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    limit
}

/// The char boundary at most `TEXT_REACH` bytes before `to`, and not before `start`.
pub(super) fn reach_before(text: &str, to: usize, start: usize) -> usize {
    let mut at = to.saturating_sub(TEXT_REACH).max(start);
    while at < to && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words of `phrase` with [`FILLER`] trimmed off both ends and white space (wrapped lines
/// included) collapsed; a word hyphenated across a line break is joined again.
pub(super) fn trimmed_words(phrase: &str) -> Vec<String> {
    let joined = phrase.replace("-\n", "");
    let words: Vec<&str> = joined
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '“', '”', '‘', '’', '\'', ',']))
        .filter(|w| !w.is_empty())
        .collect();
    let filler = |w: &&str| FILLER.contains(&w.to_lowercase().as_str());
    let first = words.iter().position(|w| !filler(w)).unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|w| !filler(w))
        .map_or(first, |i| i + 1);
    words[first..last.max(first)]
        .iter()
        .map(|w| w.to_string())
        .collect()
}

/// The mentions joined to `chosen` by a list ("with the UN, the OSCE, the CSTO and CICA",
/// "Russia and Kazakhstan"), `chosen` included, in text order. Only mentions that `fit` join.
pub(super) fn coordinated<'k>(
    text: &str,
    known: &'k [entity::Found],
    chosen: &'k entity::Found,
    fit: impl Fn(&entity::Found) -> bool,
) -> Vec<&'k entity::Found> {
    let linking = |a: usize, b: usize| {
        text.get(a..b).is_some_and(|gap| {
            // Brackets too: "the CICA [Conference on Interaction ...], the CSTO".
            gap.split(|c: char| c.is_whitespace() || ",[]()".contains(c))
                .filter(|w| !w.is_empty())
                .all(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "and" | "the" | "as" | "well" | "&"
                    )
                })
        })
    };
    let Some(at) = known
        .iter()
        .position(|f| f.start == chosen.start && f.id == chosen.id)
    else {
        return vec![chosen];
    };
    let mut first = at;
    while first > 0 && fit(&known[first - 1]) && linking(known[first - 1].end, known[first].start) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < known.len()
        && fit(&known[last + 1])
        && linking(known[last].end, known[last + 1].start)
    {
        last += 1;
    }
    let mut out: Vec<&entity::Found> = Vec::new();
    for f in &known[first..=last] {
        if !out.iter().any(|o| o.id == f.id) {
            out.push(f);
        }
    }
    out
}
