//! Tokens of a sentence for the quantity grammar: words, digit groups, punctuation, and
//! their lower-case forms in one buffer.

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Tok {
    /// A run of letters (with inner apostrophes or hyphens), lower-cased on demand.
    Word,
    /// A run of digits with inner `,` or `.` separators.
    Digits,
    /// One other character.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Splits text into words, digit groups and single punctuation characters (spaces dropped),
/// replacing what `out` held.
pub(super) fn tokens(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        let (kind, end) = if c.is_whitespace() {
            i += len;
            continue;
        } else if c.is_ascii_digit() {
            (Tok::Digits, digits_end(bytes, i))
        } else if c.is_alphabetic() {
            (Tok::Word, word_end(text, i + len))
        } else {
            (Tok::Punct(c), i + len)
        };
        out.push(Token {
            kind,
            start: i,
            end,
        });
        i = end;
    }
}

/// The character at byte `i` (a character boundary) and its length; ASCII without decoding.
pub(super) fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// The end of the digit group starting at `i`: digits, with a `,` or `.` inside only when a
/// digit follows it.
pub(super) fn digits_end(bytes: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    let mut j = i + 1;
    while let Some(&d) = bytes.get(j) {
        if d.is_ascii_digit() {
            j += 1;
            end = j;
        } else if (d == b',' || d == b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// The end of the word whose first letter ends at `j`: letters, with a hyphen or an
/// apostrophe inside only when a letter follows it.
pub(super) fn word_end(text: &str, mut j: usize) -> usize {
    while j < text.len() {
        let (d, len) = char_at(text, j);
        let inner = matches!(d, '-' | '\'' | '’') && char_at(text, j + len).0.is_alphabetic();
        if !(d.is_alphabetic() || inner) {
            break;
        }
        j += len;
    }
    j
}

/// The tokens' lower-case forms in one buffer (a non-word's is empty): token `k`'s form is
/// `buf[ends[k - 1]..ends[k]]`.
#[derive(Debug, Default)]
pub(super) struct Lower {
    pub(super) buf: String,
    pub(super) ends: Vec<usize>,
}

impl Lower {
    pub(super) fn fill(&mut self, text: &str, toks: &[Token]) {
        self.buf.clear();
        self.ends.clear();
        for t in toks {
            if t.kind == Tok::Word {
                let word = &text[t.start..t.end];
                if word.is_ascii() {
                    let at = self.buf.len();
                    self.buf.push_str(word);
                    self.buf[at..].make_ascii_lowercase();
                } else {
                    // Whole-word lower-casing: a final sigma depends on its neighbours.
                    let lower = word.to_lowercase();
                    for (i, part) in lower.split('’').enumerate() {
                        if i > 0 {
                            self.buf.push('\'');
                        }
                        self.buf.push_str(part);
                    }
                }
            }
            self.ends.push(self.buf.len());
        }
    }
}

impl std::ops::Index<usize> for Lower {
    type Output = str;

    fn index(&self, k: usize) -> &str {
        let start = k.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.buf[start..self.ends[k]]
    }
}
