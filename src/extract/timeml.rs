//! TimeML documents (TempEval-3 `.tml`): the text of `<TEXT>` with its tags stripped, the
//! document date from `<DCT>`, and the way back: [`TimeMl::write`] copies the file with our
//! `<TIMEX3>` tags in `<TEXT>` (any it had are dropped) and every other byte as it was.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::Timex;
use crate::output::visible::{markup_attr, markup_text};

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
    /// are dropped, and every other byte is copied.
    pub fn write(&self, out: &mut dyn Write, timexes: &[(usize, usize, &Timex)]) -> io::Result<()> {
        out.write_all(&self.raw.as_bytes()[..self.content.0])?;
        // Boundaries in order: (text offset, is_start, index). Ends sort before starts.
        let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(timexes.len() * 2);
        for (i, (s, e, _)) in timexes.iter().enumerate() {
            events.push((*s, true, i));
            events.push((*e, false, i));
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
        let mut pos = 0;
        for p in &self.pieces {
            match *p {
                Piece::Tag { raw, len, timex } => {
                    // At a boundary our tags go outside the document's own: after a closing
                    // tag, before an opening one.
                    if !self.raw[raw..].starts_with("</") {
                        while next < events.len() && events[next].0 <= pos {
                            emit(out, events[next])?;
                            next += 1;
                        }
                    }
                    if !timex {
                        out.write_all(&self.raw.as_bytes()[raw..raw + len])?;
                    }
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
    let mut at = 0;
    for (i, &(start, end, t)) in timexes.iter().enumerate() {
        if start < at || end > text.len() || start >= end {
            continue;
        }
        out.write_all(markup_text(&text[at..start]).as_bytes())?;
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
        write!(out, ">{}</TIMEX3>", markup_text(&text[start..end]))?;
        at = end;
    }
    out.write_all(markup_text(&text[at..]).as_bytes())?;
    out.write_all(b"</TEXT>\n</TimeML>\n")
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
}
