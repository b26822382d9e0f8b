//! Hard-wrapped text read as one flow. Wire copy and archived pages break lines inside
//! sentences ("30⏎kilometers", "South⏎Korea", "7,⏎000"); the passes read a text in which such
//! a break is joined (into a space, or into nothing inside a number or a hyphenated word), and
//! [`Flow`] maps every offset in that text back to the original, so candidates report the
//! file's own offsets, lines and quotes.
//!
//! A single line break between two non-blank lines is joined when (first rule that applies):
//!
//! 1. never when the paragraph joined so far is longer than [`MAX_RUN`] bytes, or the next
//!    line opens a list item (`•`, `-`, `*`, `–`, `1.`, `2)`, `(a)`);
//! 2. into nothing when it cuts a grouped number ("7,⏎000": a digit and a comma before, three
//!    digits after) or a hyphenated word ("Karshi-⏎Khanabad": a letter and a hyphen before, a
//!    letter after; the hyphen stays);
//! 3. into a space when the next line starts with a lower-case letter;
//! 4. never when the line ends a sentence or a heading's clause (`.`, `!`, `?`, `:`, `;`,
//!    with any closing quotes or brackets);
//! 5. into a space when the line ends with a comma or a word that cannot end a sentence
//!    ("and", "of", "the" …);
//! 6. into a space when the line is part of a column: 40 to 200 characters wide, a
//!    neighbouring line of the same paragraph within 20 characters of its width, and the next
//!    line's first word too long to have fitted on it (so the break was the wrapper's, not the
//!    writer's: a heading, a byline or a dateline is short enough for the next word to fit).
//!
//! A blank line (only spaces) always ends a paragraph and is never joined.

use std::borrow::Cow;

use super::{Candidate, Mention};

/// The longest paragraph, in bytes, that joined lines make: beyond it a break is kept, so a
/// sentence stays bounded whatever the input.
pub const MAX_RUN: usize = 8 * 1024;

/// The narrowest and widest lines read as a wrapped column (rule 6).
const MIN_WIDTH: usize = 40;
const MAX_WIDTH: usize = 200;
/// How far a neighbouring line's width may be from a line's for the two to be one column.
const SLACK: usize = 20;

/// A text with its hard-wrapped lines joined, and the way back to the original's offsets.
#[derive(Debug, Clone)]
pub struct Flow<'a> {
    text: Cow<'a, str>,
    joins: Vec<Join>,
}

/// One joined break: the original bytes `from..to` (the line break with the spaces around
/// it) became `len` bytes (a space, or nothing) at `at` in the joined text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Join {
    at: usize,
    len: usize,
    from: usize,
    to: usize,
}

/// A line of the original: where it starts, where its content starts and ends (leading and
/// trailing spaces, tabs and a carriage return left out), and its width in characters.
#[derive(Debug, Clone, Copy)]
struct Line {
    content: usize,
    end: usize,
    width: usize,
}

impl Line {
    fn blank(&self) -> bool {
        self.content >= self.end
    }
}

impl<'a> Flow<'a> {
    /// `text` with its hard-wrapped lines joined (see the module documentation); borrowed
    /// when nothing is joined.
    pub fn new(text: &'a str) -> Flow<'a> {
        let joins = joins(text);
        if joins.is_empty() {
            return Flow {
                text: Cow::Borrowed(text),
                joins,
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        let mut placed = Vec::with_capacity(joins.len());
        for j in joins {
            out.push_str(&text[from..j.from]);
            let at = out.len();
            if j.len == 1 {
                out.push(' ');
            }
            placed.push(Join { at, ..j });
            from = j.to;
        }
        out.push_str(&text[from..]);
        Flow {
            text: Cow::Owned(out),
            joins: placed,
        }
    }

    /// The joined text the passes read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether any break was joined (else the text is the original and offsets are the same).
    pub fn joined(&self) -> bool {
        !self.joins.is_empty()
    }

    /// The original offset of a joined offset where something starts: after a break joined
    /// into nothing, the first byte of the next line.
    pub fn start(&self, at: usize) -> usize {
        let n = self.joins.partition_point(|j| j.at + j.len <= at);
        match n.checked_sub(1).and_then(|k| self.joins.get(k)) {
            Some(j) => j.to + (at - j.at - j.len),
            None => at,
        }
    }

    /// The original offset of a joined offset where something ends: before a break joined
    /// into nothing, the end of the line.
    pub fn end(&self, at: usize) -> usize {
        let n = self.joins.partition_point(|j| j.at < at);
        match n.checked_sub(1).and_then(|k| self.joins.get(k)) {
            Some(j) => j.to + at.saturating_sub(j.at + j.len),
            None => at,
        }
    }

    /// Moves candidates found in the joined text onto `original` (the text this flow was made
    /// from): offsets and sentences, with their text the original's bytes and their line
    /// counted there (1-based). Their mentions move with [`Flow::restore_mention`].
    pub fn restore(&self, original: &str, candidates: &mut [Candidate]) {
        if !self.joined() {
            return;
        }
        let breaks: Vec<usize> = original
            .bytes()
            .enumerate()
            .filter_map(|(i, b)| (b == b'\n').then_some(i))
            .collect();
        for c in candidates.iter_mut() {
            c.start = self.start(c.start);
            c.end = self.end(c.end).max(c.start);
            restore_text(&mut c.text, original, c.start, c.end);
            c.line = 1 + breaks.partition_point(|&b| b < c.start);
            c.sentence.start = self.start(c.sentence.start);
            c.sentence.end = self.end(c.sentence.end).max(c.sentence.start);
        }
    }

    /// Moves a mention found in the joined text onto `original`, as [`Flow::restore`] moves a
    /// candidate.
    pub fn restore_mention(&self, original: &str, m: &mut Mention) {
        if !self.joined() {
            return;
        }
        m.start = self.start(m.start);
        m.end = self.end(m.end).max(m.start);
        restore_text(&mut m.text, original, m.start, m.end);
    }
}

/// Sets `text` to `original[start..end]` (empty where that is no slice), copying only when
/// the two differ: most matches hold no joined break.
fn restore_text(text: &mut String, original: &str, start: usize, end: usize) {
    let new = original.get(start..end).unwrap_or_default();
    if text != new {
        text.clear();
        text.push_str(new);
    }
}

/// The lines of `text`, split at `\n`.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let trimmed = raw.trim_end_matches([' ', '\t', '\r']);
        let body = trimmed.trim_start_matches([' ', '\t']);
        let content = start + (trimmed.len() - body.len());
        let width = if trimmed.is_ascii() {
            trimmed.len()
        } else {
            trimmed.chars().count()
        };
        out.push(Line {
            content,
            end: start + trimmed.len(),
            width,
        });
        start += raw.len() + 1;
    }
    out
}

/// The breaks of `text` to join, in order (their `at` not yet set).
fn joins(text: &str) -> Vec<Join> {
    let mut out = Vec::new();
    // Most texts have no line that follows a non-blank one at once: nothing to look at.
    if !has_adjacent_lines(text) {
        return out;
    }
    let lines = lines(text);
    let mut run_start = 0;
    for k in 0..lines.len().saturating_sub(1) {
        let (prev, next) = (lines[k], lines[k + 1]);
        if prev.blank() || next.blank() {
            run_start = next.content;
            continue;
        }
        let before = &text[prev.content..prev.end];
        let after = &text[next.content..next.end];
        let peer = |n: Option<&Line>| {
            n.filter(|l| !l.blank() && l.width.abs_diff(prev.width) <= SLACK)
                .map(|l| l.width)
        };
        let column = k
            .checked_sub(1)
            .and_then(|p| peer(lines.get(p)))
            .into_iter()
            .chain(peer(Some(&next)))
            .max();
        let joined = if next.end - run_start > MAX_RUN {
            None
        } else {
            join_as(before, after, prev.width, column)
        };
        match joined {
            Some(len) => out.push(Join {
                at: 0,
                len,
                from: prev.end,
                to: next.content,
            }),
            None => run_start = next.content,
        }
    }
    out
}

/// Whether some line break of `text` is followed by a non-blank line and preceded by one.
fn has_adjacent_lines(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut seen_content = false;
    let mut line_has_content = false;
    for &b in bytes {
        match b {
            b'\n' => {
                seen_content = line_has_content;
                line_has_content = false;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if seen_content {
                    return true;
                }
                line_has_content = true;
            }
        }
    }
    false
}

/// How the break between a line ending in `before` and one starting with `after` (both
/// without surrounding spaces) is joined: `Some(1)` into a space, `Some(0)` into nothing,
/// `None` kept. `width` is the first line's width in characters, `column` the width of the
/// widest neighbouring line of about the same width, if any (rule 6).
fn join_as(before: &str, after: &str, width: usize, column: Option<usize>) -> Option<usize> {
    if opens_list_item(after) {
        return None;
    }
    let last = before.chars().next_back()?;
    let mut tail = before.chars().rev();
    tail.next();
    let second_last = tail.next();
    let first = after.chars().next()?;
    // 2. A number or a hyphenated word cut at the break.
    if last == ',' && second_last.is_some_and(|c| c.is_ascii_digit()) && three_digits(after) {
        return Some(0);
    }
    if last == '-' && second_last.is_some_and(char::is_alphabetic) && first.is_alphabetic() {
        return Some(0);
    }
    // 3. A lower-case start continues the line before.
    if first.is_lowercase() {
        return Some(1);
    }
    // 4. A sentence or a clause ends at the break.
    let closed = before.trim_end_matches(['"', '\'', ')', ']', '”', '’', '»']);
    if closed.ends_with(['.', '!', '?', ':', ';']) {
        return None;
    }
    // 5. A comma or a word that cannot end a sentence.
    let last_word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    if last == ',' || (last.is_alphabetic() && cannot_end(last_word)) {
        return Some(1);
    }
    // 6. A column, wrapped where the next word did not fit.
    let column = column?;
    let word = after
        .split(char::is_whitespace)
        .next()
        .map_or(0, |w| w.chars().count());
    ((MIN_WIDTH..=MAX_WIDTH).contains(&width) && width + 1 + word > column.max(width)).then_some(1)
}

/// Whether `line` starts with exactly three digits (then no digit): the rest of a grouped
/// number.
fn three_digits(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// Whether `line` opens a list item: a bullet or a dash and a space, or a short number or a
/// letter with `.` or `)` and a space.
fn opens_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    if matches!(
        first,
        '•' | '◦' | '▪' | '‣' | '·' | '*' | '-' | '–' | '—' | '>'
    ) {
        return second.is_none_or(char::is_whitespace);
    }
    // "1. ", "12) ", "(a) ", "a) "
    let body = line.strip_prefix('(').unwrap_or(line);
    let marker: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let rest = &body[marker.len()..];
    let short = (1..=2).contains(&marker.len())
        && (marker.bytes().all(|b| b.is_ascii_digit())
            || (marker.len() == 1 && marker.bytes().all(|b| b.is_ascii_lowercase())));
    short
        && (rest.starts_with(". ") || rest.starts_with(") "))
        && !(rest.starts_with(". ") && line.starts_with('('))
}

/// Words after which a sentence cannot end: articles, prepositions, conjunctions.
fn cannot_end(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "into"
            | "onto"
            | "than"
            | "that"
            | "which"
            | "whose"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "between"
            | "about"
            | "some"
            | "nearly"
            | "over"
            | "under"
            | "up"
            | "as"
            | "if"
            | "while"
            | "when"
            | "where"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The joined text of `text`.
    fn joined(text: &str) -> String {
        Flow::new(text).text().to_string()
    }

    #[test]
    fn a_break_before_a_lower_case_word_is_a_space() {
        assert_eq!(
            joined("The border runs for 30\nkilometers along the river.\n"),
            "The border runs for 30 kilometers along the river.\n"
        );
        // Spaces and a carriage return around the break go with it.
        assert_eq!(
            joined("runs for 30  \r\n   kilometers"),
            "runs for 30 kilometers"
        );
    }

    #[test]
    fn a_number_or_a_hyphenated_word_cut_at_the_break_is_whole_again() {
        assert_eq!(
            joined("The ministry sent up to 7,\n000 troops to the Karshi-\nKhanabad base."),
            "The ministry sent up to 7,000 troops to the Karshi-Khanabad base."
        );
        // Four digits after the comma are not the rest of a group: the comma ends a clause.
        assert_eq!(joined("Items 7,\n2000 Report"), "Items 7, 2000 Report");
        // A dash after a space is no hyphen.
        assert_eq!(joined("Talks -\nTashkent"), "Talks -\nTashkent");
    }

    #[test]
    fn blank_lines_headings_and_list_items_keep_their_breaks() {
        let text = "Talks in Tashkent\n\nThe talks began on Monday.\nThey ended on Friday.\n";
        assert_eq!(joined(text), text);
        let list =
            "The treaty covers:\n- border posts\n- air defence,\n• joint drills\n1. training";
        assert_eq!(joined(list), list);
        let byline = "Troops Leave the Base\nBy Anna Smith\nStaff Writer\nMonday, May 2, 2005";
        assert_eq!(joined(byline), byline);
    }

    #[test]
    fn a_comma_or_a_function_word_at_the_end_continues_the_sentence() {
        assert_eq!(
            joined(
                "Envoys from Astana, Bishkek and\nDushanbe met the ministers of\nRussia,\nChina"
            ),
            "Envoys from Astana, Bishkek and Dushanbe met the ministers of Russia, China"
        );
    }

    #[test]
    fn a_wrapped_column_reads_as_one_paragraph() {
        let text = "The ministers of the two countries met in Seoul with the envoy\n\
                    from South\n\
                    Korea and signed a plan to train border guards from both sides\n\
                    of the river during the next three years of the programme.\n\
                    Officials said the plan would cost about 40 million dollars in all.";
        let got = joined(text);
        assert_eq!(
            got,
            "The ministers of the two countries met in Seoul with the envoy from South\n\
             Korea and signed a plan to train border guards from both sides of the river \
             during the next three years of the programme.\n\
             Officials said the plan would cost about 40 million dollars in all."
        );
        // A column of even lines, broken where the next word did not fit: "South⏎Korea".
        let column = "Ministers of the two countries met in Seoul on Monday with envoys of South\n\
                      Korea and agreed on a plan to train border guards from Kazakhstan and\n\
                      Kyrgyzstan. Border posts will be built along the river in three years.";
        assert_eq!(
            joined(column),
            "Ministers of the two countries met in Seoul on Monday with envoys of South Korea \
             and agreed on a plan to train border guards from Kazakhstan and Kyrgyzstan. \
             Border posts will be built along the river in three years."
        );
        // Short lines (a heading, a byline): the next word would have fitted, the writer broke.
        let short = "Ministers of the two countries met in Seoul with the envoy\n\
                     Seoul Bureau\n\
                     Ministers of the two countries met in Seoul with the envoy";
        assert_eq!(joined(short), short);
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "Up to 7,\n000 troops crossed  \n  into South\nKorea.";
        let flow = Flow::new(text);
        let t = flow.text();
        assert_eq!(t, "Up to 7,000 troops crossed into South\nKorea.");
        // Every character of the joined text that is not a joining space is the original's.
        let mut joins = 0;
        for (at, ch) in t.char_indices() {
            let original = &text[flow.start(at)..flow.end(at + ch.len_utf8())];
            if original.chars().eq([ch]) {
                continue;
            }
            assert_eq!(ch, ' ', "at {at}");
            assert_eq!(original, "  \n  ");
            joins += 1;
        }
        assert_eq!(joins, 1, "one break joined into a space");
        // A span across a break joined into nothing, and across one joined into a space.
        let seven = t.find("7,000").unwrap();
        assert_eq!(&text[flow.start(seven)..flow.end(seven + 5)], "7,\n000");
        let crossed = t.find("crossed into").unwrap();
        assert_eq!(
            &text[flow.start(crossed)..flow.end(crossed + 12)],
            "crossed  \n  into"
        );
        // Ends before a break joined into nothing stay on their line.
        assert_eq!(flow.end(seven + 2), text.find('\n').unwrap());
        assert_eq!(flow.start(seven + 2), text.find("000").unwrap());
        assert_eq!(flow.end(t.len()), text.len());
        assert_eq!(flow.start(0), 0);
    }

    #[test]
    fn a_text_without_joins_is_borrowed() {
        let text = "One line.\n\nAnother line.\n";
        let flow = Flow::new(text);
        assert!(!flow.joined());
        assert!(matches!(flow.text, Cow::Borrowed(_)));
        assert_eq!(flow.start(5), 5);
        assert_eq!(flow.end(5), 5);
    }

    #[test]
    fn a_paragraph_is_joined_up_to_a_bound() {
        let text = "words without any end at all\n".repeat(2_000);
        let flow = Flow::new(&text);
        let longest = flow.text().split('\n').map(str::len).max().unwrap();
        assert!(longest <= MAX_RUN, "{longest}");
        assert!(longest > MAX_RUN / 2, "{longest}");
    }

    proptest::proptest! {
        /// Whatever the text, the joined text maps back: every offset on a character boundary
        /// of the original, in order, and each joined character is the original's or a space
        /// where a break was.
        #[test]
        fn offsets_are_boundaries_in_order(s in "([a-zA-Z0-9,.\\- é]{0,12}[\n ]){0,30}") {
            let flow = Flow::new(&s);
            let t = flow.text();
            let mut last = 0;
            for (at, ch) in t.char_indices() {
                let o = flow.start(at);
                proptest::prop_assert!(s.is_char_boundary(o) && o >= last);
                let e = flow.end(at + ch.len_utf8());
                proptest::prop_assert!(s.is_char_boundary(e) && e > o);
                let original = &s[o..e];
                proptest::prop_assert!(
                    original.starts_with(ch) || (ch == ' ' && original.contains('\n')),
                    "{:?} at {} is {:?}", ch, at, original
                );
                last = o;
            }
            proptest::prop_assert_eq!(flow.end(t.len()), s.len());
        }
    }
}
