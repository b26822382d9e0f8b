//! What digits are not figures: footnote markers, times of day, dates and time stamps,
//! coordinates, phone numbers.

use super::grammar::Grammar;
use super::lexicon::clock_word;
use super::tokens::Tok;

impl Grammar<'_> {
    /// Whether the digits at token `i` are something other than a figure: a footnote marker
    /// ("[2]", "forces.3 The"), a time of day ("12:39", "9.30 am", "14:00 GMT"), a date or a
    /// time stamp's part ("02-05-2009", "10/08/2014"), a coordinate ("42°51′N", "42.87 N"),
    /// or a phone number ("+7 727 123-45-67", "8 800 555 35 35").
    pub(super) fn not_a_figure(&self, i: usize) -> bool {
        let before = |c: char| i > 0 && self.is_punct(i - 1, c) && self.glued(i - 1, i);
        let after = |c: char| self.is_punct(i + 1, c) && self.glued(i, i + 1);
        // Footnotes: "[2]".
        if before('[') && after(']') {
            return true;
        }
        // Coordinates and angles: "42°51′N".
        if ['°', 'º', '′', '″'].iter().any(|&c| before(c) || after(c)) {
            return true;
        }
        // Times of day: "12:39", "10:12:30".
        if after(':') && self.is_kind(i + 2, Tok::Digits) && self.glued(i + 1, i + 2)
            || before(':') && i >= 2 && self.is_kind(i - 2, Tok::Digits) && self.glued(i - 2, i - 1)
        {
            return true;
        }
        // "9.30 am", "9 p.m.", "14:00 GMT", "1400 hrs".
        if let Some(w) = self.word(i + 1) {
            if clock_word(w) {
                return true;
            }
            if matches!(w, "a" | "p")
                && self.is_punct(i + 2, '.')
                && self.glued(i + 1, i + 2)
                && self.word(i + 3) == Some("m")
                && self.glued(i + 2, i + 3)
            {
                return true;
            }
            // Decimal degrees: "42.87 N, 74.59 E".
            if matches!(self.written(i + 1), "N" | "S" | "E" | "W")
                && self.toks[i + 1].start - self.toks[i].end <= 1
                && !self.is_kind(i + 2, Tok::Word)
            {
                return true;
            }
        }
        // A footnote glued to the end of a sentence or clause: "the forces.3 The".
        if i >= 2
            && self.glued(i - 1, i)
            && matches!(
                self.toks[i - 1].kind,
                Tok::Punct('.' | ',' | ';' | ')' | '"' | '”' | '’')
            )
            && self.glued(i - 2, i - 1)
            && self.is_kind(i - 2, Tok::Word)
            && !self.glued(i, i + 1)
            && self.toks[i].end - self.toks[i].start <= 3
        {
            return true;
        }
        self.date_like(i) || self.phone(i)
    }

    /// Whether the digits at token `i` are one group of a date or a code: three or more
    /// groups joined by hyphens ("02-05-2009"), or groups joined by a slash ("10/08/2014").
    pub(super) fn date_like(&self, i: usize) -> bool {
        let joiner = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| matches!(t.kind, Tok::Punct('-' | '/')))
        };
        let link = |a: usize| {
            // Digits at `a`, a joiner glued after, digits glued after that.
            self.is_kind(a, Tok::Digits)
                && joiner(a + 1)
                && self.glued(a, a + 1)
                && self.is_kind(a + 2, Tok::Digits)
                && self.glued(a + 1, a + 2)
        };
        let mut first = i;
        while first >= 2 && link(first - 2) {
            first -= 2;
        }
        let mut last = i;
        while link(last) {
            last += 2;
        }
        let groups = (last - first) / 2 + 1;
        let slash = (first..last).any(|k| self.is_punct(k, '/'));
        groups >= 3 || (groups == 2 && slash)
    }

    /// Whether the digits at token `i` are part of a phone number: a run of plain digit
    /// groups, brackets, hyphens and a plus sign, a space at most between them, that opens
    /// with "+" (and has at least five digits) or has at least three groups and seven digits.
    pub(super) fn phone(&self, i: usize) -> bool {
        let plain = |k: usize| {
            self.toks.get(k).is_some_and(|t| match t.kind {
                Tok::Digits => self.text[t.start..t.end]
                    .bytes()
                    .all(|b| b.is_ascii_digit()),
                Tok::Punct(c) => matches!(c, '-' | '(' | ')' | '+'),
                Tok::Word => false,
            })
        };
        let close = |a: usize, b: usize| {
            let (x, y) = (self.toks[a], self.toks[b]);
            y.start - x.end <= 1 && self.text[x.end..y.start].bytes().all(|c| c == b' ')
        };
        if !plain(i) {
            return false;
        }
        let mut first = i;
        while first > 0 && plain(first - 1) && close(first - 1, first) {
            first -= 1;
        }
        let mut last = i;
        while plain(last + 1) && close(last, last + 1) {
            last += 1;
        }
        let (mut groups, mut digits, mut plus) = (0, 0, false);
        for k in first..=last {
            let t = self.toks[k];
            match t.kind {
                Tok::Digits => {
                    groups += 1;
                    digits += t.end - t.start;
                }
                Tok::Punct('+') => plus |= self.is_kind(k + 1, Tok::Digits) && self.glued(k, k + 1),
                _ => {}
            }
        }
        (plus && digits >= 5) || (groups >= 3 && digits >= 7)
    }
}
