//! The conflicts report: a table, a reconciliation memo in Markdown, and the JSON contract.

use std::io::{self, Write};

use crate::conflicts::{Estimate, Kind, Suggestion, Verdict};
use crate::model::{Resolution, Value};
use crate::output::markdown::escape as md;
use crate::view::conflicts::{ConflictView, Tally};
use comfy_table::{ColumnConstraint, Width};
use serde::Serialize;

use crate::output::table;
use crate::words::plural;

fn estimate(e: &Option<Estimate>, unit: Option<&str>) -> String {
    match e {
        None => "—".to_string(),
        // A date (the estimates of a date conflict) in words.
        Some(Estimate::Text(t)) => crate::words::date(t),
        Some(Estimate::Number(x)) => {
            let shown = if x.is_finite() {
                // As every figure is worded: "18.7 million", "21.56", "15,000".
                crate::words::figure((x * 100.0).round() / 100.0)
            } else if *x > 0.0 {
                "∞".to_string()
            } else {
                "−∞".to_string()
            };
            match unit {
                Some("percent") => format!("{shown}%"),
                Some(u) if !u.is_empty() => format!("{shown} {u}"),
                _ => shown,
            }
        }
    }
}

/// "best 25% for 2013 (claim); range 21.56% to 25%. reason"; "no single best. reason" when
/// there is none (two series on different bases).
pub fn suggestion_text(s: &Suggestion) -> String {
    let unit = s.unit.as_deref();
    if s.best.is_none() && s.low.is_none() && s.high.is_none() {
        return format!("no single best. {}", s.reason);
    }
    let time = s
        .for_time
        .as_deref()
        .map_or_else(String::new, |t| format!(" for {}", crate::words::date(t)));
    format!(
        "best {}{time} ({}); range {} to {}. {}",
        estimate(&s.best, unit),
        s.best_claim,
        estimate(&s.low, unit),
        estimate(&s.high, unit),
        s.reason
    )
}

fn decision_text(r: &Resolution) -> String {
    let mut text = format!("preferred {}", r.prefer);
    if !r.deprecate.is_empty() {
        text.push_str(&format!(", deprecated {}", r.deprecate.join(", ")));
    }
    text.push_str(&format!(": {} — {}, {}", r.reason, r.by, r.recorded_at));
    if let Some(note) = &r.note {
        text.push_str(&format!(". {note}"));
    }
    text
}

/// Entries written as they are judged, kept until the counts that lead the report are known:
/// one temporary file per verdict and kind, written in report order within each (see
/// [`crate::view::conflicts::judge`]) and read back one after the other. Memory holds one
/// entry at a time, whatever the number of entries.
#[derive(Default)]
pub struct Spill {
    buckets: Vec<Option<io::BufWriter<std::fs::File>>>,
}

impl Spill {
    const KINDS: usize = 5;

    /// Bytes written to a temporary file, or read from one, at once. Larger writes cost the
    /// kernel more here, not less: writing 635 MB to a file took 0.2–0.3 s of system time in
    /// pieces of 256 KiB and 1.1–1.8 s in pieces of 1 MiB (`dd`, three runs each).
    const BUFFER: usize = 256 * 1024;

    /// Keeps one entry's text for its verdict and kind.
    pub fn push(&mut self, verdict: Verdict, kind: Kind, text: &[u8]) -> io::Result<()> {
        let bucket = verdict as usize * Self::KINDS + kind as usize;
        if self.buckets.len() <= bucket {
            self.buckets.resize_with(bucket + 1, || None);
        }
        let file = match &mut self.buckets[bucket] {
            Some(file) => file,
            slot @ None => slot.insert(io::BufWriter::with_capacity(
                Self::BUFFER,
                tempfile::tempfile()?,
            )),
        };
        file.write_all(&(text.len() as u64).to_le_bytes())?;
        file.write_all(text)
    }

    /// Hands every entry's text to `each`, in report order; can be called again.
    pub fn for_each(&mut self, mut each: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        use std::io::{Read, Seek};
        let mut text = Vec::new();
        for file in self.buckets.iter_mut().flatten() {
            file.flush()?;
            let file = file.get_mut();
            file.seek(io::SeekFrom::Start(0))?;
            let mut reader = io::BufReader::with_capacity(Self::BUFFER, &*file);
            let mut len = [0u8; 8];
            loop {
                match reader.read_exact(&mut len) {
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                    other => other?,
                }
                let n = usize::try_from(u64::from_le_bytes(len))
                    .map_err(|_| io::Error::other("an entry too long for this machine"))?;
                text.resize(n, 0);
                reader.read_exact(&mut text)?;
                each(&text)?;
            }
            file.seek(io::SeekFrom::End(0))?;
        }
        Ok(())
    }
}

/// serde_json's pretty layout (two spaces a level) begun `level` levels deep, so that a value
/// written with it stands in a document at that depth as the document written whole would have
/// it, byte for byte.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Nested {
        Nested {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut n = self.level * 2;
        while n > 0 {
            let now = n.min(SPACES.len());
            out.write_all(&SPACES[..now])?;
            n -= now;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// How deep an entry stands in the JSON report: in `"conflicts": [` inside the document.
const ENTRY_LEVEL: usize = 2;

/// How deep an entry's claim stands: in the entry's `"claims": [`.
const CLAIM_LEVEL: usize = ENTRY_LEVEL + 2;

/// An entry of the JSON report as [`ConflictView`] serialises, member for member, with its
/// claims as text written once per claim ([`crate::view::conflicts::SharedClaim::text`]).
#[derive(serde::Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    kind: &'a str,
    verdict: &'a str,
    status: &'a str,
    subject: &'a str,
    subject_name: &'a str,
    predicate: &'a str,
    predicate_label: &'a str,
    qualifiers: &'a std::collections::BTreeMap<String, Vec<String>>,
    explanation: &'a str,
    reading: &'a str,
    suggestion: &'a Suggestion,
    #[serde(skip_serializing_if = "Option::is_none")]
    implied_annual_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series_gap: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series_gap_points: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlier: &'a Option<crate::conflicts::Outlier>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    replaces: &'a [String],
    sides: &'a [crate::conflicts::Side],
    claims: Vec<&'a serde_json::value::RawValue>,
    resolution: &'a Option<Resolution>,
}

/// One entry of the JSON report as it stands in the document (inside `"conflicts": [`): pretty
/// JSON begun two levels deep, as the whole report written at once would have it. A claim's
/// text is written once, for the first entry that lists it, and kept with the claim.
pub fn json_entry(view: &ConflictView) -> io::Result<Vec<u8>> {
    let claims = view
        .claims
        .iter()
        .map(|claim| {
            claim.text(|c| {
                let mut text = Vec::with_capacity(1024);
                let mut ser =
                    serde_json::Serializer::with_formatter(&mut text, Nested::at(CLAIM_LEVEL));
                c.serialize(&mut ser)?;
                // Serialised JSON is UTF-8.
                let text = String::from_utf8(text).map_err(io::Error::other)?;
                serde_json::value::RawValue::from_string(text).map_err(io::Error::from)
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    let entry = EntryJson {
        id: &view.id,
        kind: &view.kind,
        verdict: &view.verdict,
        status: &view.status,
        subject: &view.subject,
        subject_name: &view.subject_name,
        predicate: &view.predicate,
        predicate_label: &view.predicate_label,
        qualifiers: &view.qualifiers,
        explanation: &view.explanation,
        reading: &view.reading,
        suggestion: &view.suggestion,
        implied_annual_change: view.implied_annual_change,
        series_gap: view.series_gap,
        series_gap_points: view.series_gap_points,
        outlier: &view.outlier,
        replaces: &view.replaces,
        sides: &view.sides,
        claims,
        resolution: &view.resolution,
    };
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Nested::at(ENTRY_LEVEL));
    entry.serialize(&mut ser).map_err(io::Error::from)?;
    Ok(out)
}

/// The JSON report, `{"open", "tensions", "resolved", "conflicts": [...], "cleared": [...]}`,
/// as [`crate::view::conflicts::ConflictReport`] serialises, from entries kept by
/// [`json_entry`].
pub fn conflicts_json(out: &mut dyn Write, tally: &Tally, entries: &mut Spill) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"open\": {},\n  \"tensions\": {},\n  \"resolved\": {},\n  \"conflicts\": [",
        tally.open, tally.tensions, tally.resolved
    )?;
    // Written in pieces of the temporary files' size: a report may be hundreds of megabytes.
    let mut out = io::BufWriter::with_capacity(Spill::BUFFER, out);
    let mut first = true;
    entries.for_each(|text| {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        out.write_all(text)
    })?;
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    let cleared = serde_json::to_string_pretty(&tally.cleared).map_err(io::Error::from)?;
    writeln!(
        out,
        ",\n  \"cleared\": {}\n}}",
        cleared.replace('\n', "\n  ")
    )?;
    out.flush()
}

/// One row of the conflicts table (id, status and verdict, what and the reading, the decision
/// or else the suggestion), kept as a JSON array of its cells.
pub fn table_entry(c: &ConflictView) -> io::Result<Vec<u8>> {
    let next = match &c.resolution {
        Some(r) => decision_text(r),
        None => suggestion_text(&c.suggestion),
    };
    let row = [
        c.id.clone(),
        format!("{} {}", c.status, c.verdict),
        format!("{}. Reading: {}", c.explanation, c.reading),
        next,
    ];
    serde_json::to_vec(&row).map_err(io::Error::from)
}

/// The conflicts as a table when every id fits whole in its column, else as a list: an id is
/// what `factline resolve` takes, so it is never split, whatever the width. The rows (kept by
/// [`table_entry`]) are read once to measure them; a list is then written row by row.
pub fn conflicts_table(
    out: &mut dyn Write,
    tally: &Tally,
    entries: &mut Spill,
    all: bool,
) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    let width = usize::from(crate::output::width());
    let headers = ["Conflict", "Status", "What", "Suggestion or decision"];
    let mut rows = |each: &mut dyn FnMut(Vec<String>) -> io::Result<()>| {
        entries.for_each(|text| each(serde_json::from_slice(text).map_err(io::Error::from)?))
    };
    ids_whole(out, &headers, &mut rows, width)?;
    if all && !tally.cleared.is_empty() {
        let mut rows = |each: &mut dyn FnMut(Vec<String>) -> io::Result<()>| {
            for c in &tally.cleared {
                each(vec![c.id.clone(), c.reading.clone()])?;
            }
            Ok(())
        };
        ids_whole(out, &["Consistent", "Reading"], &mut rows, width)?;
    }
    writeln!(
        out,
        "{} open, {} resolved{}{}",
        tally.open,
        tally.resolved,
        if tally.tensions > 0 {
            format!(", {} in tension", tally.tensions)
        } else {
            String::new()
        },
        if all {
            format!(", {} consistent", tally.cleared.len())
        } else {
            String::new()
        }
    )
}

/// Hands each row to the callback, in order; may be called more than once.
type Rows<'r> = dyn FnMut(&mut dyn FnMut(Vec<String>) -> io::Result<()>) -> io::Result<()> + 'r;

/// The narrowest a column of running text is made in a table; below it, a list reads better.
const MIN_TEXT: usize = 24;

/// Rows whose first cell is an id: a table whose id column holds the longest id on one line
/// and whose text columns hold their longest word (claim ids among them), when that fits in
/// `width`; otherwise a list, each id on a line of its own and every other cell a paragraph
/// under it, wrapped at spaces only (never inside a word or at a hyphen).
/// `rows` hands the rows afresh on each call: once to measure them, once to write them.
fn ids_whole(
    out: &mut dyn Write,
    headers: &[&str],
    rows: &mut Rows<'_>,
    width: usize,
) -> io::Result<()> {
    let chars = |t: &str| t.chars().count();
    let longest_word = |t: &str| t.split_whitespace().map(chars).max().unwrap_or(0);
    // Per column: the widest cell whole, and its longest word; headers count as cells.
    let mut whole: Vec<usize> = headers.iter().map(|h| chars(h)).collect();
    let mut word: Vec<usize> = headers.iter().map(|h| chars(h)).collect();
    rows(&mut |row| {
        for (column, cell) in row.iter().enumerate().take(headers.len()) {
            whole[column] = whole[column].max(chars(cell));
            word[column] = word[column].max(longest_word(cell));
        }
        Ok(())
    })?;
    let mut needs: Vec<usize> = vec![whole[0]];
    for column in 1..headers.len() {
        // A short cell (a status) is kept on one line; running text takes what is left.
        needs.push(if whole[column] <= 16 {
            whole[column]
        } else {
            word[column].max(MIN_TEXT)
        });
    }
    // Each column has a space either side and a border after it, plus the left border.
    let frame = 3 * headers.len() + 1;
    if needs.iter().sum::<usize>() + frame <= width {
        let mut t = table(headers);
        let cells = |n: usize| Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX));
        t.set_constraints(needs.iter().enumerate().map(|(i, n)| {
            if i == 0 || *n <= 16 {
                ColumnConstraint::Absolute(cells(*n))
            } else {
                ColumnConstraint::LowerBoundary(cells(*n))
            }
        }));
        rows(&mut |row| {
            t.add_row(row);
            Ok(())
        })?;
        return writeln!(out, "{t}");
    }
    let options = textwrap::Options::new(width.max(MIN_TEXT + 4))
        .initial_indent("    ")
        .subsequent_indent("      ")
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut first = true;
    rows(&mut |row| {
        if !first {
            writeln!(out)?;
        }
        first = false;
        writeln!(out, "{}", row.first().map_or("", String::as_str))?;
        for (header, cell) in headers.iter().zip(&row).skip(1) {
            for line in textwrap::wrap(&format!("{header}: {cell}"), &options) {
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    writeln!(out)
}

fn value_text(value: &Option<Value>) -> String {
    match value {
        Some(Value::Quantity(q)) => q.to_string(),
        Some(Value::Entity { entity }) => entity.clone(),
        Some(Value::Text { text }) => text.clone(),
        Some(Value::None) | None => "—".to_string(),
    }
}

/// One entry of the reconciliation memo, after its number: `ID (status)` and the rest.
pub fn markdown_entry(c: &ConflictView) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    writeln!(out, "{} ({})\n", md(&c.id), c.status)?;
    let qualifiers: Vec<String> = c
        .qualifiers
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.join(", ")))
        .collect();
    let scope = if qualifiers.is_empty() {
        String::new()
    } else {
        format!(" ({})", qualifiers.join("; "))
    };
    writeln!(
        out,
        "**{} — {}{}**, a {} {}.\n",
        md(&c.subject_name),
        md(&c.predicate_label),
        md(&scope),
        c.kind.replace('_', " "),
        c.verdict
    )?;
    writeln!(out, "{}\n", md(&c.explanation))?;
    writeln!(out, "**Reading:** {}\n", md(&c.reading))?;
    writeln!(
        out,
        "| Claim | Value | When | Source (reliability) | Credibility | Quote |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for claim in &c.claims {
        for cite in &claim.citations {
            writeln!(
                out,
                "| `{}` | {} | {} | {} ({}), {} | {} | “{}” |",
                claim.claim,
                md(&value_text(&claim.value)),
                md(&claim.when_text),
                md(&cite.source),
                cite.reliability.as_deref().unwrap_or("?"),
                md(&cite.locator),
                cite.credibility,
                md(&cite.quote)
            )?;
        }
    }
    writeln!(
        out,
        "\n**Suggestion:** {}\n",
        md(&suggestion_text(&c.suggestion))
    )?;
    match &c.resolution {
        Some(r) => writeln!(out, "**Decision:** {}\n", md(&decision_text(r)))?,
        None => writeln!(
            out,
            "**Decision:** none yet. Record one with `factline resolve {} --prefer CLAIM \
                 --deprecate CLAIM --reason … --by NAME`.\n",
            c.id
        )?,
    }
    Ok(out)
}

/// The reconciliation memo, from entries kept by [`markdown_entry`].
pub fn conflicts_markdown(
    out: &mut dyn Write,
    doc: &Tally,
    entries: &mut Spill,
    all: bool,
) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    writeln!(out, "# Reconciliation memo\n")?;
    writeln!(
        out,
        "{} in the dataset: {}, {}, {} resolved. \
         A conflict is a disagreement that no reading of the times reconciles; a tension one \
         that only a strained reading does. Each lists the claims with their sources' \
         reliability (Admiralty A–F) and the citations' credibility (1–6), the reading, a \
         suggested range and best value, and any decision recorded.\n",
        plural(doc.entries, "disagreement", "disagreements"),
        plural(doc.open, "open conflict", "open conflicts"),
        plural(doc.tensions, "open tension", "open tensions"),
        doc.resolved
    )?;
    let mut i = 0;
    entries.for_each(|text| {
        i += 1;
        write!(out, "## {i}. ")?;
        out.write_all(text)
    })?;
    if all && !doc.cleared.is_empty() {
        writeln!(out, "## Compared and consistent\n")?;
        writeln!(out, "| Claims | Reading |")?;
        writeln!(out, "|---|---|")?;
        for c in &doc.cleared {
            let claims: Vec<String> = c.claims.iter().map(|id| format!("`{id}`")).collect();
            writeln!(out, "| {} | {} |", claims.join(", "), md(&c.reading))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry as `json_entry` writes it (claims written once and kept, the layout begun two
    /// levels deep) is the entry serialised whole with serde_json's pretty printer and indented
    /// to its place in the report, as the report was written before.
    #[test]
    fn json_entries_are_the_pretty_entries_indented() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let (mut entries, mut listed) = (0, 0);
        crate::view::conflicts::judge(&conn, true, true, &mut |_| {}, &mut |view, _, _| {
            let whole = serde_json::to_string_pretty(&view)?.replace('\n', "\n    ");
            // Twice: the second time every claim's text is the one kept.
            for _ in 0..2 {
                let written = String::from_utf8(json_entry(&view)?)?;
                assert_eq!(written, whole, "{}", view.id);
            }
            entries += 1;
            listed += view.claims.len();
            Ok(())
        })
        .unwrap();
        assert!(entries > 3 && listed > entries);
    }
}
