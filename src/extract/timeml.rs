//! TimeML documents (TempEval-3 `.tml`): the text of `<TEXT>` with its tags stripped, the
//! document date from `<DCT>`, and the way back: [`TimeMl::write`] copies the file with our
//! `<TIMEX3>` tags in `<TEXT>` (any it had are dropped) and every other byte as it was;
//! [`write_streamed`] tags files a piece at a time on several threads.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::Timex;
use super::input::{Checked, Pieces};
use crate::text::visible::{markup_attr, markup_text};

/// A piece of the `<TEXT>` element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Raw bytes `raw` that are text, at `text` in the stripped text.
    Text { raw: usize, len: usize, text: usize },
    /// A tag at `raw..raw + len`; `timex` when it is a TIMEX3 tag (dropped on writing).
    Tag { raw: usize, len: usize, timex: bool },
}

/// A TimeML file and how its stripped text maps back to it.
#[derive(Debug, Clone)]
pub struct TimeMl {
    raw: String,
    /// Byte offsets of `<TEXT>`'s content in `raw`.
    content: (usize, usize),
    pieces: Vec<Piece>,
    /// The `value` of the `<DCT>`'s TIMEX3, when it is a date.
    pub dct: Option<NaiveDate>,
}

impl TimeMl {
    /// Parses `raw`, which must have one `<TEXT>` element.
    pub fn parse(raw: String) -> Result<TimeMl, String> {
        let open = find_tag(&raw, "<TEXT", 0)
            .ok_or("TimeML without a <TEXT> element; a .tml file needs <TEXT>…</TEXT>")?;
        let content_start = open;
        let content_end = raw[content_start..]
            .find("</TEXT>")
            .map(|i| content_start + i)
            .ok_or("<TEXT> is never closed with </TEXT>")?;
        let mut pieces = Vec::new();
        let mut at = content_start;
        let mut text = 0;
        let body = &raw[..content_end];
        while at < content_end {
            match body[at..].find('<') {
                Some(0) => {
                    let len = body[at..]
                        .find('>')
                        .map(|i| i + 1)
                        .ok_or_else(|| format!("a tag at byte {at} is never closed with '>'"))?;
                    let tag = &body[at..at + len];
                    let timex = tag.starts_with("<TIMEX3") || tag.starts_with("</TIMEX3");
                    pieces.push(Piece::Tag {
                        raw: at,
                        len,
                        timex,
                    });
                    at += len;
                }
                found => {
                    let len = found.unwrap_or(content_end - at);
                    pieces.push(Piece::Text { raw: at, len, text });
                    text += len;
                    at += len;
                }
            }
        }
        let dct = dct(&raw);
        Ok(TimeMl {
            raw,
            content: (content_start, content_end),
            pieces,
            dct,
        })
    }

    /// The text of `<TEXT>` with its tags stripped.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            if let Piece::Text { raw, len, .. } = *p {
                s.push_str(&self.raw[raw..raw + len]);
            }
        }
        s
    }

    /// Writes the file with `timexes` (offsets into [`TimeMl::text`], not overlapping, in
    /// order) as `<TIMEX3 tid type value mod>` tags in `<TEXT>`; any TIMEX3 tags it had there
    /// are dropped, and every other byte is copied. A span that partly overlaps one of the
    /// document's own elements is shrunk to the part outside it (or left out when nothing is
    /// left), so that the output stays well-formed whenever the input is.
    pub fn write(&self, out: &mut dyn Write, timexes: &[(usize, usize, &Timex)]) -> io::Result<()> {
        let elements = self.elements();
        let text = self.text();
        let spans: Vec<Option<(usize, usize)>> = timexes
            .iter()
            .map(|&(s, e, _)| elements.fit(&text, s, e))
            .collect();
        out.write_all(&self.raw.as_bytes()[..self.content.0])?;
        // Boundaries in order: (text offset, is_start, index). Ends sort before starts.
        let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(timexes.len() * 2);
        for (i, span) in spans.iter().enumerate() {
            if let Some((s, e)) = *span {
                events.push((s, true, i));
                events.push((e, false, i));
            }
        }
        events.sort_by_key(|&(at, start, i)| (at, start, i));
        let mut next = 0;
        let emit = |out: &mut dyn Write, (_, start, i): (usize, bool, usize)| -> io::Result<()> {
            if !start {
                return out.write_all(b"</TIMEX3>");
            }
            let t = timexes[i].2;
            write!(
                out,
                "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
                i + 1,
                t.kind.as_str(),
                markup_attr(&t.value)
            )?;
            if let Some(m) = &t.modifier {
                write!(out, " mod=\"{}\"", markup_attr(m))?;
            }
            out.write_all(b">")
        };
        // Whether our boundary `event` goes before the document's tag `piece` at the same
        // offset: our tags go outside the document's elements that lie within our span and
        // inside those that hold it.
        let before = |(_, start, i): (usize, bool, usize), piece: usize| -> bool {
            let Some((s, e)) = spans[i] else {
                return true;
            };
            match elements.of_piece[piece] {
                Some((Role::Open, _, b)) => !start || b <= e,
                Some((Role::Close, a, _)) => !start && a < s,
                None => !start || !self.raw[self.piece_raw(piece)..].starts_with("</"),
            }
        };
        let mut pos = 0;
        for (pi, p) in self.pieces.iter().enumerate() {
            match *p {
                Piece::Tag { raw, len, timex } => {
                    if timex {
                        continue;
                    }
                    while next < events.len() && events[next].0 <= pos && before(events[next], pi) {
                        emit(out, events[next])?;
                        next += 1;
                    }
                    out.write_all(&self.raw.as_bytes()[raw..raw + len])?;
                }
                Piece::Text { raw, len, text } => {
                    let mut copied = 0;
                    while next < events.len() && events[next].0 < text + len {
                        let upto = events[next].0.saturating_sub(text);
                        out.write_all(&self.raw.as_bytes()[raw + copied..raw + upto])?;
                        copied = upto;
                        emit(out, events[next])?;
                        next += 1;
                    }
                    out.write_all(&self.raw.as_bytes()[raw + copied..raw + len])?;
                    pos = text + len;
                }
            }
        }
        for &e in &events[next..] {
            emit(out, e)?;
        }
        out.write_all(&self.raw.as_bytes()[self.content.1..])
    }

    fn piece_raw(&self, piece: usize) -> usize {
        match self.pieces[piece] {
            Piece::Tag { raw, .. } | Piece::Text { raw, .. } => raw,
        }
    }

    /// The document's own elements in `<TEXT>` (TIMEX3 aside), matched open to close.
    fn elements(&self) -> Elements {
        let mut of_piece = vec![None; self.pieces.len()];
        let mut open: Vec<(usize, &str, usize)> = Vec::new();
        let mut spans = Vec::new();
        let mut pos = 0;
        for (pi, p) in self.pieces.iter().enumerate() {
            match *p {
                Piece::Text { len, text, .. } => pos = text + len,
                Piece::Tag { raw, len, timex } => {
                    let tag = &self.raw[raw..raw + len];
                    if timex
                        || tag.ends_with("/>")
                        || tag.starts_with("<?")
                        || tag.starts_with("<!")
                    {
                        continue;
                    }
                    let name = |t: &'_ str| -> usize {
                        t.find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                            .unwrap_or(t.len())
                    };
                    if let Some(rest) = tag.strip_prefix("</") {
                        let n = &rest[..name(rest)];
                        if let Some(k) = open.iter().rposition(|&(_, m, _)| m == n) {
                            // Elements left open inside this one are not closed: they stay
                            // unmatched.
                            let (opener, _, a) = open[k];
                            open.truncate(k);
                            of_piece[opener] = Some((Role::Open, a, pos));
                            of_piece[pi] = Some((Role::Close, a, pos));
                            spans.push((a, pos));
                        }
                    } else {
                        let rest = &tag[1..];
                        open.push((pi, &rest[..name(rest)], pos));
                    }
                }
            }
        }
        let mut by_start = spans.clone();
        by_start.sort_unstable();
        let mut by_end = spans;
        by_end.sort_unstable_by_key(|&(a, b)| (b, a));
        Elements {
            of_piece,
            by_start,
            by_end,
        }
    }
}

/// Which end of an element a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

/// The document's elements as text spans.
struct Elements {
    /// For each piece that is a matched tag: its role and its element's span.
    of_piece: Vec<Option<(Role, usize, usize)>>,
    by_start: Vec<(usize, usize)>,
    /// Sorted by end.
    by_end: Vec<(usize, usize)>,
}

impl Elements {
    /// `s..e` shrunk until no element starts or ends strictly inside it without lying
    /// wholly within it, with white space trimmed; None when nothing is left.
    fn fit(&self, text: &str, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
        loop {
            if s >= e {
                return None;
            }
            // An element that opens inside the span and closes after it: keep what is before.
            let from = self.by_start.partition_point(|&(a, _)| a <= s);
            let opens_inside = self.by_start[from..]
                .iter()
                .take_while(|&&(a, _)| a < e)
                .filter(|&&(_, b)| b > e)
                .map(|&(a, _)| a)
                .min();
            // An element that opens before the span and closes inside it: keep what is after.
            let from = self.by_end.partition_point(|&(_, b)| b <= s);
            let closes_inside = self.by_end[from..]
                .iter()
                .take_while(|&&(_, b)| b < e)
                .filter(|&&(a, _)| a < s)
                .map(|&(_, b)| b)
                .max();
            match (opens_inside, closes_inside) {
                (None, None) => break,
                (Some(a), _) => e = a,
                (None, Some(b)) => s = b,
            }
            let piece = text.get(s..e)?;
            let trimmed = piece.trim_end();
            e = s + trimmed.len();
            s = e - trimmed.trim_start().len();
        }
        (s < e).then_some((s, e))
    }
}

/// Writes plain `text` as a TimeML document: its date as the <DCT> (when known) and the text,
/// escaped for XML, in <TEXT> with `timexes` (offsets into `text`, in order, not overlapping)
/// tagged.
pub fn write_plain(
    out: &mut dyn Write,
    text: &str,
    dct: Option<NaiveDate>,
    timexes: &[(usize, usize, &Timex)],
) -> io::Result<()> {
    let mut tagger = PlainTagger::begin(out, dct)?;
    tagger.piece(out, text, 0, timexes)?;
    tagger.end(out)
}

/// [`write_plain`] a piece at a time, for a long text read in pieces: the document's head,
/// then each piece's text with its tags (TIMEX3 ids numbered across the whole document), then
/// its end. The bytes are those [`write_plain`] writes for the whole text.
#[derive(Debug)]
pub struct PlainTagger {
    /// How many timexes the pieces before had: the next tag's `tid` follows on.
    tagged: usize,
}

impl PlainTagger {
    /// Writes the document's head: the XML declaration, the <DCT> (when known), `<TEXT>`.
    pub fn begin(out: &mut dyn Write, dct: Option<NaiveDate>) -> io::Result<PlainTagger> {
        out.write_all(b"<?xml version=\"1.0\" ?>\n<TimeML>\n")?;
        if let Some(d) = dct {
            let d = d.format("%Y-%m-%d");
            writeln!(
                out,
                "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{d}\" \
                 functionInDocument=\"CREATION_TIME\">{d}</TIMEX3></DCT>"
            )?;
        }
        out.write_all(b"<TEXT>")?;
        Ok(PlainTagger { tagged: 0 })
    }

    /// Writes the piece `text`, which starts `offset` bytes into the document, escaped, with
    /// `timexes` (offsets into the whole document, in order, not overlapping) tagged.
    pub fn piece(
        &mut self,
        out: &mut dyn Write,
        text: &str,
        offset: usize,
        timexes: &[(usize, usize, &Timex)],
    ) -> io::Result<()> {
        let mut at = 0;
        for (i, &(start, end, t)) in timexes.iter().enumerate() {
            let (Some(start), Some(end)) = (start.checked_sub(offset), end.checked_sub(offset))
            else {
                continue;
            };
            if start < at || end > text.len() || start >= end {
                continue;
            }
            out.write_all(markup_text(&text[at..start]).as_bytes())?;
            write!(
                out,
                "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"",
                self.tagged + i + 1,
                t.kind.as_str(),
                markup_attr(&t.value)
            )?;
            if let Some(m) = &t.modifier {
                write!(out, " mod=\"{}\"", markup_attr(m))?;
            }
            write!(out, ">{}</TIMEX3>", markup_text(&text[start..end]))?;
            at = end;
        }
        out.write_all(markup_text(&text[at..]).as_bytes())?;
        self.tagged += timexes.len();
        Ok(())
    }

    /// Writes the document's end.
    pub fn end(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"</TEXT>\n</TimeML>\n")
    }
}

/// The byte just after the `>` of the first `name` tag (such as `<TEXT`) at or after `from`.
fn find_tag(raw: &str, name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = raw[at..].find(name) {
        let start = at + i;
        let after = start + name.len();
        let next = raw[after..].chars().next();
        if matches!(
            next,
            Some('>') | Some(' ') | Some('\t') | Some('\n') | Some('\r')
        ) {
            return raw[after..].find('>').map(|j| after + j + 1);
        }
        at = after;
    }
    None
}

/// The date in `<DCT><TIMEX3 … value="YYYY-MM-DD…">`.
fn dct(raw: &str) -> Option<NaiveDate> {
    let start = find_tag(raw, "<DCT", 0)?;
    let end = start + raw[start..].find("</DCT>")?;
    let inner = &raw[start..end];
    let v = inner.find("value=\"")? + 7;
    let value = inner.get(v..v + 10)?;
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// Writes the TimeML view of the documents in `files` (one, unless the caller writes each
/// to a file of its own): a TimeML file whole, a plain text a piece at a time as it is read
/// and tagged, so that memory holds a few pieces, not the document and its tagged copy.
pub fn write_streamed(
    out: &mut dyn Write,
    files: &[PathBuf],
    checked: Vec<Checked>,
    dct: Option<NaiveDate>,
    ctx: &super::Context,
    jobs: usize,
) -> Result<()> {
    let mut pieces = Pieces::new(files, checked, dct);
    // The plain text being written: its file, and the tagger that numbers its tags.
    let mut plain: Option<(usize, PlainTagger)> = None;
    crate::parallel::ordered(
        jobs,
        || pieces.next_piece(),
        |piece| {
            let candidates = super::extract_at(&piece.doc, ctx, piece.offset, piece.lines);
            (piece, candidates)
        },
        |(piece, candidates)| {
            if plain.as_ref().is_some_and(|(file, _)| *file != piece.file)
                && let Some((_, tagger)) = plain.take()
            {
                tagger.end(out)?;
            }
            if piece.doc.timeml.is_some() {
                return write_document(out, &piece.doc, &candidates);
            }
            let timexes: Vec<(usize, usize, &Timex)> = candidates
                .iter()
                .filter_map(|c| c.timex.as_ref().map(|t| (c.start, c.end, t)))
                .collect();
            let tagger = match &mut plain {
                Some((_, tagger)) => tagger,
                None => {
                    let tagger = PlainTagger::begin(out, piece.doc.dct)?;
                    &mut plain.insert((piece.file, tagger)).1
                }
            };
            tagger.piece(out, &piece.doc.text, piece.offset, &timexes)?;
            Ok(())
        },
    )?;
    if let Some((_, tagger)) = plain {
        tagger.end(out)?;
    }
    Ok(())
}

/// Writes the TimeML view of one document.
pub fn write_document(
    out: &mut dyn Write,
    doc: &super::Document,
    candidates: &[super::Candidate],
) -> Result<()> {
    let timexes: Vec<(usize, usize, &Timex)> = candidates
        .iter()
        .filter_map(|c| c.timex.as_ref().map(|t| (c.start, c.end, t)))
        .collect();
    match &doc.timeml {
        Some(tml) => tml.write(out, &timexes)?,
        None => write_plain(out, &doc.text, doc.dct, &timexes)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::TimexType;

    const DOC: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" \
        value=\"2001-02-03\">20010203</TIMEX3></DCT>\n<TEXT>\nThe <EVENT eid=\"e1\">talks</EVENT> \
        ended <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001-02-02\">Friday</TIMEX3> &amp; more.\n\
        </TEXT>\n<TLINK lid=\"l1\"/>\n</TimeML>\n";

    #[test]
    fn strips_tags_and_reads_the_dct() {
        let t = TimeMl::parse(DOC.to_string()).unwrap();
        assert_eq!(t.text(), "\nThe talks ended Friday &amp; more.\n");
        assert_eq!(t.dct, NaiveDate::from_ymd_opt(2001, 2, 3));
    }

    #[test]
    fn writes_back_with_new_tags_and_nothing_else_changed() {
        let t = TimeMl::parse(DOC.to_string()).unwrap();
        let text = t.text();
        let s = text.find("Friday").unwrap();
        let timex = Timex {
            kind: TimexType::Date,
            value: "2001-02-02".into(),
            modifier: None,
        };
        // A tag around "talks ended" goes outside the EVENT tag, so the XML stays balanced.
        let s2 = text.find("talks").unwrap();
        let other = Timex {
            kind: TimexType::Duration,
            value: "P1D".into(),
            modifier: Some("APPROX".into()),
        };
        let mut out = Vec::new();
        t.write(&mut out, &[(s2, s2 + 11, &other), (s, s + 6, &timex)])
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(
            "The <TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P1D\" mod=\"APPROX\"><EVENT eid=\"e1\">talks</EVENT> ended</TIMEX3> \
             <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2001-02-02\">Friday</TIMEX3> &amp; more."
        ), "{out}");
        // Without our tags, it is the input without its TIMEX3 tags in TEXT.
        let strip = |s: &str| {
            let re = regex::Regex::new(r"</?TIMEX3[^>]*>").unwrap();
            let (head, tail) = s.split_at(s.find("<TEXT>").unwrap());
            format!("{head}{}", re.replace_all(tail, ""))
        };
        assert_eq!(strip(&out), strip(DOC));
    }

    /// Whether every tag in `xml` is closed in order.
    fn balanced(xml: &str) -> bool {
        let re = regex::Regex::new(r"<(/?)([A-Za-z0-9]+)[^>]*?(/?)>").unwrap();
        let mut stack = Vec::new();
        for c in re.captures_iter(xml) {
            if &c[3] == "/" {
                continue;
            }
            if &c[1] == "/" {
                if stack.pop() != Some(c[2].to_string()) {
                    return false;
                }
            } else {
                stack.push(c[2].to_string());
            }
        }
        stack.is_empty()
    }

    #[test]
    fn spans_that_cross_the_documents_tags_are_fitted_to_them() {
        let doc = "<TimeML>\n<TEXT>It <EVENT eid=\"e1\">rained</EVENT> Friday <EVENT \
            eid=\"e2\">night long</EVENT>, on <EVENT eid=\"e3\">Sunday's</EVENT> march and \
            <EVENT eid=\"e4\">in</EVENT> May.</TEXT>\n</TimeML>\n";
        let t = TimeMl::parse(doc.to_string()).unwrap();
        let text = t.text();
        let day = Timex {
            kind: TimexType::Date,
            value: "2001-02-02".into(),
            modifier: None,
        };
        let at = |w: &str| text.find(w).unwrap();
        let spans = [
            // Crosses into "night long": shrunk to "Friday".
            (at("Friday"), at("night") + 5, &day),
            // A prefix of an element's text: tagged inside the element.
            (at("Sunday"), at("Sunday") + 6, &day),
            // Opens inside an element and ends outside: shrunk to the part after it.
            (at("in May") + 1, at("May") + 3, &day),
        ];
        let mut out = Vec::new();
        t.write(&mut out, &spans).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(balanced(&out), "{out}");
        assert!(
            out.contains(
                "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2001-02-02\">Friday</TIMEX3> <EVENT"
            ),
            "{out}"
        );
        assert!(
            out.contains("<EVENT eid=\"e3\"><TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2001-02-02\">Sunday</TIMEX3>'s</EVENT>"),
            "{out}"
        );
        assert!(
            out.contains(
                "in</EVENT> <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"2001-02-02\">May</TIMEX3>."
            ),
            "{out}"
        );
        let strip = regex::Regex::new(r"</?TIMEX3[^>]*>").unwrap();
        assert_eq!(strip.replace_all(&out, ""), doc);
    }
}

/// A TIMEX3 annotation read from a TimeML file: its extent in the stripped text and its
/// attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
    pub modifier: Option<String>,
}

impl TimeMl {
    /// The TIMEX3 annotations in `<TEXT>`, in order (a nested TIMEX3 counts on its own).
    pub fn annotations(&self) -> Vec<Annotation> {
        let mut out = Vec::new();
        let mut open: Vec<(usize, &str)> = Vec::new();
        let mut pos = 0;
        for p in &self.pieces {
            match *p {
                Piece::Text { len, text, .. } => pos = text + len,
                Piece::Tag {
                    raw,
                    len,
                    timex: true,
                } => {
                    let tag = &self.raw[raw..raw + len];
                    if tag.starts_with("</") {
                        if let Some((start, tag)) = open.pop() {
                            out.push(Annotation {
                                start,
                                end: pos,
                                kind: attribute(tag, "type").unwrap_or_default(),
                                value: attribute(tag, "value").unwrap_or_default(),
                                modifier: attribute(tag, "mod"),
                            });
                        }
                    } else if tag.ends_with("/>") {
                        continue;
                    } else {
                        open.push((pos, tag));
                    }
                }
                Piece::Tag { .. } => {}
            }
        }
        out.sort_by_key(|a| (a.start, a.end));
        out
    }
}

/// The value of attribute `name` in a start tag, quoted with " or '.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut at = 0;
    while let Some(i) = tag[at..].find(name) {
        let start = at + i;
        let before = tag[..start].chars().next_back();
        let rest = tag[start + name.len()..].trim_start();
        at = start + name.len();
        if !matches!(before, Some(' ') | Some('\t') | Some('\n') | Some('\r')) {
            continue;
        }
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let quote = rest.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let body = &rest[1..];
        let end = body.find(quote)?;
        return Some(body[..end].to_string());
    }
    None
}

/// The counts the TempEval-3 temporal-expression metric is computed from, summed over
/// documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    /// Pairs matched one-to-one by overlap.
    pub relaxed: usize,
    /// Matched pairs with identical extents.
    pub strict: usize,
    /// Matched pairs with the same value.
    pub value: usize,
    /// Matched pairs with the same type.
    pub kind: usize,
}

/// One difference between gold and system, for studying errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// "missed", "spurious", "value", "type" or "extent".
    pub what: &'static str,
    pub gold: Option<String>,
    pub system: Option<String>,
}

fn shown(text: &str, a: &Annotation) -> String {
    let span = text
        .get(a.start..a.end)
        .unwrap_or("")
        .replace(['\n', '\t'], " ");
    format!("\"{span}\" {} {}", a.kind, a.value)
}

/// Scores one document: `gold` and `system` are the annotations over the same `text`.
/// Expressions are matched one-to-one by character overlap: each gold expression, in order,
/// takes the unmatched system expression that overlaps it most (an identical extent first).
pub fn score(
    text: &str,
    gold: &[Annotation],
    system: &[Annotation],
    differences: &mut Vec<Difference>,
) -> Counts {
    let mut used = vec![false; system.len()];
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    for g in gold {
        let mut best: Option<(usize, (bool, usize))> = None;
        for (i, s) in system.iter().enumerate() {
            if used[i] || s.end <= g.start || s.start >= g.end {
                continue;
            }
            let overlap = s.end.min(g.end) - s.start.max(g.start);
            let key = (s.start == g.start && s.end == g.end, overlap);
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((i, key));
            }
        }
        let Some((i, (identical, _))) = best else {
            differences.push(Difference {
                what: "missed",
                gold: Some(shown(text, g)),
                system: None,
            });
            continue;
        };
        used[i] = true;
        let s = &system[i];
        c.relaxed += 1;
        if identical {
            c.strict += 1;
        }
        if s.value == g.value {
            c.value += 1;
        }
        if s.kind == g.kind {
            c.kind += 1;
        }
        let what = if s.value != g.value {
            Some("value")
        } else if s.kind != g.kind {
            Some("type")
        } else if !identical {
            Some("extent")
        } else {
            None
        };
        if let Some(what) = what {
            differences.push(Difference {
                what,
                gold: Some(shown(text, g)),
                system: Some(shown(text, s)),
            });
        }
    }
    for (i, s) in system.iter().enumerate() {
        if !used[i] {
            differences.push(Difference {
                what: "spurious",
                gold: None,
                system: Some(shown(text, s)),
            });
        }
    }
    c
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.relaxed += o.relaxed;
        self.strict += o.strict;
        self.value += o.value;
        self.kind += o.kind;
    }

    /// Precision, recall and F1 (in percent) of `correct` items.
    pub fn prf(&self, correct: usize) -> (f64, f64, f64) {
        let p = ratio(correct, self.system);
        let r = ratio(correct, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// Correct types among matched pairs, in percent.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.kind, self.relaxed)
    }

    /// Correct values among matched pairs, in percent.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value, self.relaxed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[cfg(test)]
mod score_tests {
    use super::*;

    fn ann(start: usize, end: usize, kind: &str, value: &str) -> Annotation {
        Annotation {
            start,
            end,
            kind: kind.into(),
            value: value.into(),
            modifier: None,
        }
    }

    fn tml(text: &str) -> TimeMl {
        TimeMl::parse(format!(
            "<TimeML><DCT><TIMEX3 tid=\"t0\" value=\"1998-02-06\">x</TIMEX3></DCT>\n<TEXT>{text}</TEXT></TimeML>"
        ))
        .unwrap()
    }

    #[test]
    fn reads_annotations_with_their_attributes() {
        let t = tml(
            "On <TIMEX3 tid='t1' type='DATE' value='1998-02-06'>Friday</TIMEX3>, for \
                     <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3D\" mod=\"APPROX\">about three days</TIMEX3>.",
        );
        assert_eq!(t.text(), "On Friday, for about three days.");
        let a = t.annotations();
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[0].start, a[0].end, a[0].value.as_str()),
            (3, 9, "1998-02-06")
        );
        assert_eq!(
            (a[1].kind.as_str(), a[1].modifier.as_deref()),
            ("DURATION", Some("APPROX"))
        );
        assert_eq!(&t.text()[a[1].start..a[1].end], "about three days");
    }

    /// A pair worked by hand. Gold: A [0,6) DATE 1998, B [10,20) DURATION P3D,
    /// C [30,35) DATE 1999-01, D [40,45) SET P1D. System: A' [0,6) DATE 1998 (strict, value
    /// and type right), B' [12,20) DURATION P2D (relaxed only, wrong value), C' [28,33) TIME
    /// 1999-01 (relaxed, right value, wrong type), E [50,55) spurious. D is missed.
    /// gold 4, system 4, relaxed 3, strict 1, value 2, type 2:
    /// strict P = R = 1/4 → F1 25; relaxed P = R = 3/4 → F1 75; value P = R = 2/4 → F1 50;
    /// type accuracy 2/3 = 66.67.
    #[test]
    fn scores_a_hand_worked_pair() {
        let text = "x".repeat(60);
        let gold = [
            ann(0, 6, "DATE", "1998"),
            ann(10, 20, "DURATION", "P3D"),
            ann(30, 35, "DATE", "1999-01"),
            ann(40, 45, "SET", "P1D"),
        ];
        let system = [
            ann(0, 6, "DATE", "1998"),
            ann(12, 20, "DURATION", "P2D"),
            ann(28, 33, "TIME", "1999-01"),
            ann(50, 55, "DATE", "2000"),
        ];
        let mut diffs = Vec::new();
        let c = score(&text, &gold, &system, &mut diffs);
        assert_eq!(
            c,
            Counts {
                gold: 4,
                system: 4,
                relaxed: 3,
                strict: 1,
                value: 2,
                kind: 2
            }
        );
        assert_eq!(c.prf(c.strict).2, 25.0);
        assert_eq!(c.prf(c.relaxed).2, 75.0);
        assert_eq!(c.prf(c.value).2, 50.0);
        assert!((c.type_accuracy() - 66.666).abs() < 0.01);
        let whats: Vec<&str> = diffs.iter().map(|d| d.what).collect();
        assert_eq!(whats, ["value", "type", "missed", "spurious"]);
    }

    /// One-to-one: two system expressions inside one gold expression match it once (the one
    /// that overlaps more, here with the wrong value); the other is spurious. Gold 1, system
    /// 2, relaxed 1, value 0: relaxed P 50, R 100, F1 66.67.
    #[test]
    fn matches_one_to_one() {
        let text = "x".repeat(20);
        let gold = [ann(0, 10, "DATE", "1998-02")];
        let system = [ann(0, 3, "DATE", "1998-02"), ann(4, 10, "DATE", "1998")];
        let mut diffs = Vec::new();
        let c = score(&text, &gold, &system, &mut diffs);
        assert_eq!((c.relaxed, c.strict, c.value), (1, 0, 0));
        let (p, r, f) = c.prf(c.relaxed);
        assert_eq!((p, r), (50.0, 100.0));
        assert!((f - 66.666).abs() < 0.01);
    }
}
