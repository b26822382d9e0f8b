//! Verifying citations against source texts: does the quote occur at its locator?
//!
//! Pure functions, no I/O, but for [`texts`], which reads each source's text file. Texts and quotes are compared after normalising whitespace (any run,
//! including line breaks, is one space) and typographic quotes (‘ ’ → ', “ ” → "). A word
//! hyphenated at a line end ("esti-\nmated") also matches unhyphenated ("estimated").
//! [`numbers`] finds figures and dates in a passage; [`rules`] holds the grading and dating
//! rules `check` enforces over a whole dataset; [`texts`] verifies every citation of a dataset
//! against its source's text.

pub mod numbers;
pub mod rules;
pub mod texts;

use std::ops::RangeInclusive;

/// Normalises text for comparison (see the module documentation).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{00A0}' => ' ',
            c => c,
        };
        if ch.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    out
}

/// The text with words hyphenated across line ends joined again.
fn dehyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '-' && out.chars().last().is_some_and(char::is_alphabetic) {
            let mut lookahead = chars.clone();
            let mut saw_newline = false;
            while let Some(&next) = lookahead.peek() {
                if next == '\n' {
                    saw_newline = true;
                } else if !next.is_whitespace() {
                    break;
                }
                lookahead.next();
            }
            if saw_newline && lookahead.peek().is_some_and(|c| c.is_alphabetic()) {
                chars = lookahead;
                continue;
            }
        }
        out.push(ch);
    }
    out
}

/// True when `quote` occurs in `text` after normalisation (with or without line-end hyphens).
pub fn contains(text: &str, quote: &str) -> bool {
    let quote = normalize(quote);
    if quote.is_empty() {
        return false;
    }
    normalize(text).contains(&quote) || normalize(&dehyphenate(text)).contains(&quote)
}

/// The lines `range` of `text` (1-based, inclusive), or `None` when the text is shorter.
pub fn lines(text: &str, range: &RangeInclusive<usize>) -> Option<String> {
    let all: Vec<&str> = text.split('\n').collect();
    if *range.end() > all.len() {
        return None;
    }
    Some(all[range.start() - 1..*range.end()].join("\n"))
}

/// The fewest consecutive lines that hold `quote` (the earliest such), or `None`.
pub fn find_line(text: &str, quote: &str) -> Option<RangeInclusive<usize>> {
    let all: Vec<&str> = text.split('\n').collect();
    let span = quote.split_whitespace().count().max(1);
    // The shortest window first, so the answer is as tight as the quote allows.
    for len in 1..=span.min(all.len()) {
        for start in 0..=all.len() - len {
            let window = all[start..start + len].join("\n");
            if contains(&window, quote) {
                return Some(start + 1..=start + len);
            }
        }
    }
    None
}

/// The passage of `text` most like `quote`: (line, similarity 0–1, passage).
pub fn nearest_passage(text: &str, quote: &str) -> Option<(usize, f64, String)> {
    let quote = normalize(quote);
    let want = quote.split(' ').count();
    if want == 0 {
        return None;
    }
    // Words with the line each starts on.
    let mut words: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        words.extend(line.split_whitespace().map(|w| (i + 1, w)));
    }
    if words.is_empty() {
        return None;
    }
    let window = want.min(words.len());
    let mut best: Option<(usize, f64, String)> = None;
    for start in 0..=words.len() - window {
        let passage = normalize(
            &words[start..start + window]
                .iter()
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let score = strsim::normalized_levenshtein(&quote, &passage);
        if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
            best = Some((words[start].0, score, passage));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_quotes_and_hyphens_are_normalised() {
        let text = "has leased Kant airbase until\n2032. A 2013 article\nthe total esti-\nmated population";
        assert!(contains(text, "has leased Kant airbase until 2032"));
        assert!(contains(text, "the total estimated population"));
        assert!(contains(text, "the total esti- mated population"));
        assert!(!contains(text, "has leased Kant until 2032"));
        assert!(contains("Kazakhstan’s policy", "Kazakhstan's policy"));
        assert!(contains(
            "the “Medvedev Doctrine”",
            "the \"Medvedev Doctrine\""
        ));
        assert!(!contains(text, "   "));
    }

    #[test]
    fn a_hyphen_inside_a_line_is_kept() {
        let text = "Russian-Kazakh exercises";
        assert!(contains(text, "Russian-Kazakh"));
        assert!(!contains(text, "RussianKazakh"));
    }

    #[test]
    fn finding_lines_and_near_misses() {
        let text = "one two\nthree four five\nsix seven";
        assert_eq!(
            lines(text, &(2..=3)).as_deref(),
            Some("three four five\nsix seven")
        );
        assert_eq!(lines(text, &(3..=4)), None);
        assert_eq!(find_line(text, "five six"), Some(2..=3));
        assert_eq!(find_line(text, "eight"), None);
        let (line, score, passage) = nearest_passage(text, "three for five").unwrap();
        assert_eq!((line, passage.as_str()), (2, "three four five"));
        assert!(score > 0.9 && score < 1.0);
    }
}
