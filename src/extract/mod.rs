//! Extraction: candidate facts from a text. A document (plain UTF-8 or TimeML) is read with
//! its hard-wrapped lines joined ([`unwrap`]) and split into sentences; the passes run in order
//! (times, then quantities with the times masked, then entities and claim suggestions) and each
//! yields [`Candidate`]s with normalised values, moved back to the document's own byte offsets
//! and line numbers. Pure functions: no database, no printing.

pub mod entity;
pub mod input;
pub mod quantity;
pub mod suggest;
pub mod time;
pub mod timeml;
pub mod unwrap;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A text to extract from.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it was read from (for messages).
    pub path: PathBuf,
    /// The text the passes read: the file itself, or for TimeML the content of `<TEXT>` with
    /// its tags stripped (see [`timeml::TimeMl`] for the way back to the file).
    pub text: String,
    /// The document date that relative expressions ("Friday", "last year") resolve against.
    pub dct: Option<NaiveDate>,
    /// Hex SHA-256 of the file's bytes: part of every candidate id.
    pub sha256: String,
    /// For a TimeML file: the original and the mapping from `text` back to it.
    pub timeml: Option<timeml::TimeMl>,
}

/// Why a file could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: not UTF-8 text: invalid byte 0x{byte:02X} at byte offset {offset} (line {line}); \
         convert the file to UTF-8 first (for example `iconv -f latin1 -t utf-8`)"
    )]
    NotUtf8 {
        path: String,
        offset: usize,
        line: usize,
        byte: u8,
    },
    #[error("{path}: {message}")]
    TimeMl { path: String, message: String },
}

impl Document {
    /// A plain-text document.
    pub fn from_text(path: &Path, text: String, dct: Option<NaiveDate>) -> Document {
        let sha256 = hex_sha256(text.as_bytes());
        Document {
            path: path.to_path_buf(),
            text,
            dct,
            sha256,
            timeml: None,
        }
    }

    /// Reads a file whole: TimeML when it names itself so (a `.tml` file or one that opens
    /// with a `<TimeML` element), else plain text. `dct` overrides a TimeML `<DCT>`.
    pub fn load(path: &Path, dct: Option<NaiveDate>) -> Result<Document, LoadError> {
        let shown = path.display().to_string();
        let bytes = crate::data::read::read_bounded(path, &shown).map_err(|why| LoadError::Io {
            path: shown.clone(),
            source: std::io::Error::other(why),
        })?;
        Document::from_bytes(path, bytes, dct)
    }

    /// A document from a file's bytes, read already (once, from a file that cannot be read
    /// twice): TimeML when it names itself so, else plain text.
    pub fn from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        dct: Option<NaiveDate>,
    ) -> Result<Document, LoadError> {
        let text = utf8(path, bytes)?;
        if is_timeml(path, &text) {
            let sha256 = hex_sha256(text.as_bytes());
            let tml = timeml::TimeMl::parse(text).map_err(|message| LoadError::TimeMl {
                path: path.display().to_string(),
                message,
            })?;
            return Ok(Document {
                path: path.to_path_buf(),
                text: tml.text(),
                dct: dct.or(tml.dct),
                sha256,
                timeml: Some(tml),
            });
        }
        Ok(Document::from_text(path, text, dct))
    }
}

/// True when `path` should be read as TimeML.
pub fn is_timeml(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("tml") {
        return true;
    }
    // The first 512 bytes, backed up to a character boundary.
    let mut end = text.len().min(512);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].contains("<TimeML")
}

/// `bytes` as text, or the error naming the first invalid byte, its offset and its line.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        not_utf8(path, bytes, offset, 0, 1)
    })
}

/// The error for an invalid byte at `offset` within `bytes`, which start at file offset `base`
/// on line `base_line`.
pub fn not_utf8(
    path: &Path,
    bytes: &[u8],
    offset: usize,
    base: usize,
    base_line: usize,
) -> LoadError {
    let line = base_line + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    LoadError::NotUtf8 {
        path: path.display().to_string(),
        offset: base + offset,
        line,
        byte: bytes.get(offset).copied().unwrap_or(0),
    }
}

use crate::text::digest::push_hex;
pub use crate::text::digest::sha256_hex as hex_sha256;

/// A sentence: byte offsets into the text, and the 1-based line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// Words ending in a full stop that do not end a sentence (compared case-sensitively, with the
/// stop). A single capital and a stop ("J.") is an initial and never ends one either.
const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "E.U.", "Gen.", "Lt.", "Col.", "Capt.", "Maj.", "Sgt.", "Adm.",
    "Cmdr.", "Gov.", "Sen.", "Rep.", "Pres.", "Sec.", "Amb.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.",
    "Rev.", "St.", "Mt.", "Ft.", "Ph.D.", "M.D.", "B.A.", "M.A.", "Jr.", "Sr.", "Inc.", "Corp.",
    "Co.", "Ltd.", "Bros.", "No.", "Nos.", "Vol.", "pp.", "p.", "vs.", "v.", "etc.", "e.g.",
    "i.e.", "approx.", "ca.", "c.", "cf.", "al.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
    "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.",
    "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.", "a.m.", "p.m.", "A.M.", "P.M.", "Ave.", "Blvd.",
    "Rd.", "Dept.", "Univ.", "Assn.", "est.", "Fig.", "fig.", "Art.", "art.", "para.", "Sen.",
    "Calif.", "Mass.", "Wash.", "Penn.", "Ariz.", "Fla.", "Ill.", "Mich.", "Minn.", "Tenn.", "Va.",
    "Ky.", "La.", "Md.", "Mo.", "N.Y.", "N.J.", "D.C.", "km.", "sq.", "Brig.", "Lieut.", "Cpl.",
    "Pvt.", "Cdr.", "Hon.", "Messrs.", "Gens.",
];

/// True when `word` (the text before a full stop, with the stop) is an abbreviation, an
/// initial or a run of initials ("J.", "M.T."), so the stop does not end the sentence. Of a
/// hyphenated word the last part counts: "Col.-Gen.", "Lt.-Gen.", "Kazakh-U.S.".
fn is_abbreviation(word: &str) -> bool {
    let word = word.rsplit('-').next().unwrap_or(word);
    let mut chars = word.chars();
    let mut initials = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(c), Some('.')) if c.is_uppercase() => initials += 1,
            (None, _) if initials > 0 => return true,
            _ => break,
        }
    }
    ABBREVIATIONS.contains(&word)
}

/// The sentences of `text`: lines first (a sentence never spans a line of `text`, so `line`
/// locators are exact; [`extract`] gives it hard-wrapped lines joined), then sentence ends: `.`, `!` or `?` (and any closing quotes or brackets) followed
/// by white space and a capital, a digit or an opening quote, except after an abbreviation
/// such as "U.S.", "Gen." or "Jan." or an initial. Offsets exclude surrounding white space;
/// blank lines yield none.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    each_sentence(text, |s| out.push(s));
    out
}

/// [`sentences`], one at a time.
pub fn each_sentence(text: &str, mut f: impl FnMut(Sentence)) {
    let mut line_start = 0;
    for (index, line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let mut start = 0;
        for end in sentence_ends(line) {
            push_trimmed(
                text,
                (line_start + start, line_start + end),
                line_no,
                &mut f,
            );
            start = end;
        }
        push_trimmed(
            text,
            (line_start + start, line_start + line.len()),
            line_no,
            &mut f,
        );
        line_start += line.len() + 1;
    }
}

/// Byte offsets in `line` just after each sentence end that is not the line's end.
fn sentence_ends(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if !matches!(b, b'.' | b'!' | b'?') {
                continue;
            }
            let stop = i;
            let mut j = i;
            // Further stops, closing quotes and brackets stay with the sentence.
            while let Some(c @ ('.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’' | '»')) =
                line[j..].chars().next()
            {
                j += c.len_utf8();
            }
            let end = j;
            let mut k = j;
            while k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t') {
                k += 1;
            }
            if k == j || k >= bytes.len() {
                continue;
            }
            let next = line[k..].chars().next().unwrap_or(' ');
            if !(next.is_uppercase() || next.is_ascii_digit() || "\"'“‘«([".contains(next)) {
                continue;
            }
            if b == b'.' && end == stop {
                let word_start = line[..stop]
                    .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
                    .map_or(0, |p| {
                        p + line[p..].chars().next().map_or(1, char::len_utf8)
                    });
                if is_abbreviation(&line[word_start..stop]) {
                    continue;
                }
            }
            i = end;
            return Some(end);
        }
        None
    })
}

fn push_trimmed(
    text: &str,
    (start, end): (usize, usize),
    line: usize,
    f: &mut impl FnMut(Sentence),
) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = start + lead;
    f(Sentence {
        start,
        end: start + trimmed.len(),
        line,
    });
}

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Time,
    Quantity,
    Claim,
    /// A mention of a known entity (its link is the one item of `entities`).
    Entity,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Time => "time",
            Kind::Quantity => "quantity",
            Kind::Claim => "claim",
            Kind::Entity => "entity",
        })
    }
}

/// Byte offsets into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A TIMEX3 annotation: `type`, `value` and `mod` as TimeML defines them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value: `1998-08-07`, `1998-W32`, `199`, `P3D`, `PRESENT_REF`, `XXXX-10` …
    pub value: String,
    /// BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER, APPROX, START, MID, END, LESS_THAN, MORE_THAN …
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A normalised quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// about, nearly, more_than, at_least, at_most or exact.
    pub bound: String,
}

/// A mention of a known entity, or (with `new`) a capitalised name that matches none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The entity id; for a new name, the id it could be given.
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// True for a name no known entity goes by: a possible new entity.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub new: bool,
}

/// A suggested claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub subject: String,
    pub predicate: String,
    /// Typed as the predicate's values are: `{"type": "quantity", "amount": …, "unit": …,
    /// "bound": …}`, `{"type": "entity", "entity": ID}`, `{"type": "text", …}`, `{"type": "none"}`.
    pub value: crate::model::Value,
    /// Identifying qualifiers: key → entity ids.
    pub qualifiers: BTreeMap<String, Vec<String>>,
    /// EDTF valid time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// One thing found in a text (see the README's extraction contract).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Stable across runs: "x" and 12 hex digits of a hash of the document's SHA-256, kind,
    /// offsets and normalised value.
    pub id: String,
    pub kind: Kind,
    /// The matched text.
    pub text: String,
    /// Byte offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// The 1-based line of `start`.
    pub line: usize,
    /// The sentence the candidate is in.
    pub sentence: Span,
    /// The EDTF value (times, and the time of a claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edtf: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timex: Option<Timex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The mentions of the candidate's sentence, shared by its candidates.
    pub entities: Arc<[Mention]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
    /// Confidence, 0 to 1.
    pub score: f64,
    /// The rule that fired, such as `date.month_day_year`.
    pub rule: String,
}

impl Candidate {
    /// Feeds the normalised value the id hashes to `h`: the EDTF, TIMEX3, quantity or
    /// suggestion.
    fn hash_value(&self, h: &mut Sha256) {
        let mut h = Feed(h);
        if let Some(e) = &self.edtf {
            h.str(e);
        }
        if let Some(t) = &self.timex {
            h.str("|");
            h.str(&t.value);
        }
        // Writing to a hasher cannot fail.
        if let Some(q) = &self.quantity {
            let _ = write!(h, "|{}|{:?}|{}", q.amount, q.unit, q.bound);
        }
        if let Some(s) = &self.suggestion {
            let value = serde_json::to_string(&s.value).unwrap_or_default();
            let _ = write!(h, "|{}|{}|{value}", s.subject, s.predicate);
        }
    }

    /// Sets `id` from the document hash, kind, offsets and value.
    pub fn assign_id(&mut self, document_sha256: &str) {
        self.assign_id_after(&id_hasher(document_sha256));
    }

    /// Sets `id` from `base`, an [`id_hasher`] that has read the document hash.
    fn assign_id_after(&mut self, base: &Sha256) {
        let mut h = base.clone();
        let _ = write!(
            Feed(&mut h),
            "\0{}\0{}\0{}\0",
            self.kind,
            self.start,
            self.end
        );
        self.hash_value(&mut h);
        let digest = h.finalize();
        self.id.clear();
        self.id.push('x');
        push_hex(&mut self.id, &digest[..6]);
    }

    /// Moves the candidate by `bytes` and `lines`, for a document read in pieces (its id is
    /// to be assigned after). Its mentions are moved with the others of its sentence, by
    /// [`each_mention_list`].
    fn move_by(&mut self, bytes: usize, lines: usize) {
        self.start += bytes;
        self.end += bytes;
        self.sentence.start += bytes;
        self.sentence.end += bytes;
        self.line += lines;
    }
}

/// Rewrites every candidate's mentions with `f`, once per list: the candidates of a sentence
/// share one list, and each of them gets the one rewritten list. A list only these candidates
/// hold is rewritten in place; one held elsewhere too is copied first.
pub(crate) fn each_mention_list(candidates: &mut [Candidate], mut f: impl FnMut(&mut Mention)) {
    let empty: Arc<[Mention]> = Arc::from([]);
    // Each list once, with the candidates that hold it. Taking the candidates' references
    // first leaves the one kept here alone when nothing outside holds the list; the kept
    // reference also keeps its address from being reused while the map is in use.
    let mut index: std::collections::HashMap<*const Mention, usize> =
        std::collections::HashMap::new();
    let mut lists: Vec<(Arc<[Mention]>, Vec<usize>)> = Vec::new();
    for (i, c) in candidates.iter_mut().enumerate() {
        if c.entities.is_empty() {
            continue;
        }
        let list = std::mem::replace(&mut c.entities, Arc::clone(&empty));
        let at = *index.entry(list.as_ptr()).or_insert_with(|| {
            lists.push((Arc::clone(&list), Vec::new()));
            lists.len() - 1
        });
        drop(list);
        if let Some((_, holders)) = lists.get_mut(at) {
            holders.push(i);
        }
    }
    for (mut list, holders) in lists {
        match Arc::get_mut(&mut list) {
            Some(only) => only.iter_mut().for_each(&mut f),
            None => {
                let mut copy = list.to_vec();
                copy.iter_mut().for_each(&mut f);
                list = Arc::from(copy);
            }
        }
        for i in holders {
            if let Some(c) = candidates.get_mut(i) {
                c.entities = Arc::clone(&list);
            }
        }
    }
}

/// A candidate id as a set key: an id ("x" and twelve hex digits) is held inline, with no
/// copy on the heap; a longer one is kept whole.
#[derive(PartialEq, Eq, Hash)]
enum IdKey {
    Short(u8, [u8; 15]),
    Long(String),
}

impl IdKey {
    fn of(id: &str) -> IdKey {
        let bytes = id.as_bytes();
        let mut inline = [0u8; 15];
        match inline.get_mut(..bytes.len()) {
            Some(head) => {
                head.copy_from_slice(bytes);
                IdKey::Short(bytes.len() as u8, inline)
            }
            None => IdKey::Long(id.to_string()),
        }
    }
}

/// A hasher for candidate ids that has read the document's hash: the same for every
/// candidate of a document, so it is made once.
fn id_hasher(document_sha256: &str) -> Sha256 {
    let mut h = Sha256::new();
    h.update(document_sha256.as_bytes());
    h
}

/// Text written straight into a hasher.
struct Feed<'a>(&'a mut Sha256);

impl Feed<'_> {
    fn str(&mut self, s: &str) {
        self.0.update(s.as_bytes());
    }
}

impl fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.str(s);
        Ok(())
    }
}

/// What the passes know beyond the document itself.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The entities, predicates and cues of the database: without it there are no entity
    /// mentions and no claim suggestions.
    pub vocabulary: Option<suggest::Vocabulary>,
    /// The document's publication date as EDTF (`--published` or the source's), which dates
    /// a suggested claim whose sentence gives no time ("as of publication").
    pub published: Option<String>,
}

/// Every candidate in `doc`, in text order within each pass: times, then quantities (with the
/// times masked), then entities and claim suggestions.
pub fn extract(doc: &Document, ctx: &Context) -> Vec<Candidate> {
    extract_at(doc, ctx, 0, 0)
}

/// [`extract`] for a piece of a longer document that starts `offset` bytes and `lines` lines
/// into it: the candidates are moved there, and their ids hash the offsets in the whole
/// document (`doc.sha256` is the whole document's).
pub fn extract_at(doc: &Document, ctx: &Context, offset: usize, lines: usize) -> Vec<Candidate> {
    // The passes read hard-wrapped lines joined; their candidates go back to the original.
    let flow = unwrap::Flow::new(&doc.text);
    let text = flow.text();
    let sentences = sentences(text);
    let mut out = time::candidates(text, &sentences, doc.dct);
    let quantities = quantity::candidates(text, &sentences, &out);
    out.extend(quantities);
    if let Some(vocabulary) = &ctx.vocabulary {
        suggest::annotate(
            text,
            &sentences,
            vocabulary,
            ctx.published.as_deref(),
            &mut out,
        );
    }
    // Back to the original lines, then to the document's offsets: each list of mentions is
    // rewritten once for both.
    let joined = flow.joined();
    flow.restore(&doc.text, &mut out);
    if offset > 0 || lines > 0 {
        for c in &mut out {
            c.move_by(offset, lines);
        }
    }
    if joined || offset > 0 {
        each_mention_list(&mut out, |m| {
            flow.restore_mention(&doc.text, m);
            m.start += offset;
            m.end += offset;
        });
    }
    let base = id_hasher(&doc.sha256);
    for c in &mut out {
        c.assign_id_after(&base);
    }
    // Two rules that read the same span to the same value ("April 4-5, 2017" as a date range
    // and as a dash range) give one candidate: an id is never reported twice.
    let mut seen = std::collections::HashSet::with_capacity(out.len());
    out.retain(|c| seen.insert(IdKey::of(&c.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn sentences_rejoin_after_abbreviations_and_initials() {
        let text = "Gen. Smith met U.S. officials on Jan. 4. J. R. Ewing left.\nNew line here";
        assert_eq!(
            texts(text),
            [
                "Gen. Smith met U.S. officials on Jan. 4.",
                "J. R. Ewing left.",
                "New line here"
            ]
        );
        let s = sentences(text);
        assert_eq!(s[2].line, 2);
    }

    #[test]
    fn sentences_hold_ranks_titles_and_initials_whole() {
        let text = "The minister met Col.-Gen. Ivan Orlov and Lt.-Gen. Paul Dane. \
                    Maj. Gen. Lee spoke to Adm. Ross, Dr. Kim and Mr. Tan at St. Paul. \
                    Talks with the U.S. Navy on No. 4 Pier went on. M.T. Berg and J. Smith \
                    wrote to Brig.-Gen. Hall. Then they left.";
        assert_eq!(
            texts(text),
            [
                "The minister met Col.-Gen. Ivan Orlov and Lt.-Gen. Paul Dane.",
                "Maj. Gen. Lee spoke to Adm. Ross, Dr. Kim and Mr. Tan at St. Paul.",
                "Talks with the U.S. Navy on No. 4 Pier went on.",
                "M.T. Berg and J. Smith wrote to Brig.-Gen. Hall.",
                "Then they left."
            ]
        );
        // A hyphenated word that is no abbreviation still ends its sentence.
        assert_eq!(
            texts("They met in Astana-Almaty. Then talks began."),
            ["They met in Astana-Almaty.", "Then talks began."]
        );
        assert_eq!(
            texts("He ran fast. It rained."),
            ["He ran fast.", "It rained."]
        );
    }

    #[test]
    fn sentences_skip_blank_lines_and_trim() {
        let text = "  One.  Two?\n\n\nThree";
        assert_eq!(texts(text), ["One.", "Two?", "Three"]);
        assert_eq!(sentences(text)[2].line, 4);
    }

    #[test]
    fn hard_wrapped_lines_are_read_as_one_with_the_original_offsets() {
        let text = "Border talks resume\n\n\
                    The two ministers met in Bishkek on Monday and agreed that up to 7,\n\
                    000 troops would leave the 30\n\
                    kilometers of border road held since March 2011 by units from South\n\
                    Korea and Japan. About 2,000-3,000 servicemen will stay near the\n\
                    river until the end of the year, the ministry said in a statement.\n";
        let doc = Document::from_text(
            Path::new("t"),
            text.to_string(),
            NaiveDate::from_ymd_opt(2012, 5, 1),
        );
        let found = extract(&doc, &Context::default());
        let seen: Vec<(Kind, &str, usize)> = found
            .iter()
            .map(|c| (c.kind, c.text.as_str(), c.line))
            .collect();
        for want in [
            (Kind::Quantity, "up to 7,\n000 troops", 3),
            (Kind::Quantity, "30\nkilometers", 4),
            (Kind::Time, "March 2011", 5),
            (Kind::Quantity, "About 2,000-3,000 servicemen", 6),
        ] {
            assert!(seen.contains(&want), "{want:?} not in {seen:#?}");
        }
        let troops = found.iter().find(|c| c.text.starts_with("up to")).unwrap();
        let q = troops.quantity.as_ref().unwrap();
        assert_eq!(
            (q.amount, q.unit.as_deref(), q.bound.as_str()),
            (7000.0, Some("persons"), "at_most")
        );
        for c in &found {
            // The quote at the reported offsets is the candidate's text, line breaks and all;
            // read with the joined breaks, it is what the passes read.
            assert_eq!(&text[c.start..c.end], c.text);
            assert_eq!(c.line, 1 + text[..c.start].matches('\n').count(), "{c:?}");
            assert!(
                c.sentence.start <= c.start && c.end <= c.sentence.end,
                "{c:?}"
            );
            let flow = unwrap::Flow::new(text);
            let read = c.text.replace(",\n", ",").replace('\n', " ");
            assert!(flow.text().contains(&read), "{read:?}");
        }
        // The wrapped sentence is one sentence, from its first line to its full stop.
        let sentence = found
            .iter()
            .find(|c| c.text == "March 2011")
            .unwrap()
            .sentence;
        assert!(text[sentence.start..sentence.end].starts_with("The two ministers"));
        assert!(text[sentence.start..sentence.end].ends_with("South\nKorea and Japan."));
        let mut ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), found.len(), "every id once");
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = utf8(Path::new("a.txt"), b"ok\nfine \xff here".to_vec()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("byte offset 8"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("0xFF"), "{msg}");
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::super::*;

        /// Words a tagger reacts to, mixed with noise: so that generated texts reach the rules.
        fn token() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("May".to_string()),
                Just("March".to_string()),
                Just("Jan.".to_string()),
                Just("Friday".to_string()),
                Just("since".to_string()),
                Just("from".to_string()),
                Just("to".to_string()),
                Just("the".to_string()),
                Just("last".to_string()),
                Just("year".to_string()),
                Just("1990s".to_string()),
                Just("third-quarter".to_string()),
                Just("ago".to_string()),
                Just("–".to_string()),
                Just("U.S.".to_string()),
                Just(". ".to_string()),
                Just("\n".to_string()),
                "[0-9]{1,30}",
                "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
                "\\PC{0,8}",
                "[a-zA-Zçé日本語ё]{1,10}",
            ]
        }

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(token(), 0..40).prop_map(|t| t.join(" "))
        }

        fn check(text: &str) {
            let doc = Document::from_text(
                Path::new("t"),
                text.to_string(),
                NaiveDate::from_ymd_opt(2011, 7, 20),
            );
            for c in extract(&doc, &Context::default()) {
                assert!(c.start < c.end && c.end <= text.len(), "{c:?}");
                assert!(
                    text.is_char_boundary(c.start) && text.is_char_boundary(c.end),
                    "{c:?}"
                );
                assert_eq!(&text[c.start..c.end], c.text);
                assert!(
                    c.sentence.start <= c.start && c.end <= c.sentence.end,
                    "{c:?}"
                );
                assert_eq!(c.line, 1 + text[..c.start].matches('\n').count());
            }
            for s in sentences(text) {
                assert!(
                    s.start < s.end
                        && text.is_char_boundary(s.start)
                        && text.is_char_boundary(s.end)
                );
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn any_text_yields_candidates_inside_it(text in text()) {
                check(&text);
            }

            #[test]
            fn any_unicode_yields_candidates_inside_it(text in "\\PC{0,200}") {
                check(&text);
            }
        }
    }
}
