//! Capitalised phrases that name no known entity: the candidates for new entities.

use super::Unknown;
use crate::text::fold;

/// Words that are capitalised for reasons other than being a name: at the start of a sentence,
/// months and days, titles, and the words a sentence usually begins with.
fn common_capitalised(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "to"
            | "of"
            | "and"
            | "or"
            | "but"
            | "as"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "his"
            | "her"
            | "their"
            | "our"
            | "there"
            | "here"
            | "however"
            | "since"
            | "after"
            | "before"
            | "while"
            | "when"
            | "during"
            | "although"
            | "with"
            | "without"
            | "according"
            | "both"
            | "all"
            | "some"
            | "many"
            | "most"
            | "other"
            | "such"
            | "one"
            | "two"
            | "three"
            | "first"
            | "second"
            | "also"
            | "yet"
            | "thus"
            | "then"
            | "today"
            | "now"
            | "if"
            | "so"
            | "not"
            | "no"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "president"
            | "minister"
            | "prime"
            | "general"
            | "gen"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "spring"
            | "summer"
            | "autumn"
            | "winter"
            | "table"
            | "figure"
    )
}

/// The id a new name could be given: its words folded and joined by hyphens.
fn slug(name: &str) -> String {
    if !name.is_ascii() {
        return fold(name).replace(' ', "-");
    }
    // What `fold` gives for ASCII, without its intermediate strings.
    let mut id = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    id
}

/// Whether `word` in lower case is one of the [`common_capitalised`] words.
fn lower_is_common(word: &str) -> bool {
    if word.is_ascii() {
        let mut buf = [0u8; 16];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).is_ok_and(common_capitalised)
            }
            // Longer than any of them.
            None => false,
        }
    } else {
        common_capitalised(&word.to_lowercase())
    }
}

/// Capitalised phrases in `text` that overlap no span in `known`: runs of capitalised words,
/// joined by "of", "the", "and", "for" or a hyphen ("Collective Rapid Reaction Force",
/// "Ministry of Defence"). A lone capitalised word at `sentence_starts` (byte offsets) is the
/// start of a sentence, not a name; months, days and titles are not names either.
pub fn unknown_names(
    text: &str,
    known: &[(usize, usize)],
    sentence_starts: &[usize],
) -> Vec<Unknown> {
    // About one word in every five bytes of prose: one allocation, not a dozen doublings.
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5 + 1);
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (inside, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric() || b == b'-' || b == b'\'', 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric() || c == '’', c.len_utf8())
        };
        let at = i;
        i += len;
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                words.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let capitalised = |w: &(usize, usize)| {
        let word = &text[w.0..w.1];
        let bytes = word.as_bytes();
        // An ASCII first letter answers without decoding; an ASCII byte is never part of
        // another character, so a word that opens with one is read byte by byte.
        let initial = match bytes.first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        };
        // Most words open in lower case: nothing more to read.
        if !initial {
            return false;
        }
        let lower = if word.is_ascii() {
            bytes.iter().any(u8::is_ascii_lowercase)
        } else {
            word.chars().any(char::is_lowercase)
        };
        initial && lower && !lower_is_common(word)
    };
    let overlaps = |s: usize, e: usize| known.iter().any(|&(ks, ke)| s < ke && ks < e);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capitalised(&words[i]) || overlaps(words[i].0, words[i].1) {
            i += 1;
            continue;
        }
        // A sentence's first word joins a name only when a capitalised word follows it.
        let next_capitalised = words
            .get(i + 1)
            .is_some_and(|w| capitalised(w) && text[words[i].1..w.0].chars().all(|c| c == ' '));
        if sentence_starts.contains(&words[i].0) && !next_capitalised {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < words.len() {
            // Only spaces between the words of a name.
            let gap = &text[words[j - 1].1..words[j].0];
            if gap.chars().any(|c| !c.is_whitespace()) || gap.contains('\n') {
                break;
            }
            let w = &text[words[j].0..words[j].1];
            if capitalised(&words[j]) && !overlaps(words[j].0, words[j].1) {
                last = j;
                j += 1;
            } else if matches!(w, "of" | "the" | "and" | "for" | "de") {
                j += 1;
            } else {
                break;
            }
        }
        let (s, e) = (words[first].0, words[last].1);
        let single = first == last;
        if !(single && sentence_starts.contains(&s)) {
            let whole = &text[s..e];
            let name = whole
                .strip_suffix("'s")
                .or_else(|| whole.strip_suffix("’s"))
                .unwrap_or(whole);
            let id = slug(name);
            if id.len() >= 2 {
                out.push(Unknown {
                    start: s,
                    end: s + name.len(),
                    id,
                });
            }
        }
        i = last + 1;
    }
    out
}
