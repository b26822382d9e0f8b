//! Every output format, written to any `io::Write`.
//!
//! Commands build the rows; this module only lays them out. Output never depends on whether
//! stdout is a terminal: tables take their width from `COLUMNS` (default 100), so pipes and
//! tests see the same bytes. Text, tables and JSON live here; the richer timeline formats have
//! a file each.

mod conflicts;
mod csv;
mod dataset_json;
mod datasette;
mod html;
mod markdown;
pub mod progress;
mod svg;
mod timelinejs;
mod toml;
pub mod visible;

pub use self::csv::{Cells, TimelineCsv, timeline_csv};
pub use self::dataset_json::DatasetJson;
pub use self::toml::{ClaimsToml, claims_toml, dataset_files};
pub use conflicts::{
    ClearedView, ConflictCitation, ConflictClaim, ConflictReport, ConflictView, conflicts_markdown,
    conflicts_table,
};
pub use datasette::datasette_metadata;
pub use html::timeline_html;
pub use markdown::timeline_markdown;
pub use svg::timeline_svg;
pub use timelinejs::timeline_timelinejs;

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::model::{Cell, Hit, Source, Value};
use crate::view::{ClaimLine, ClaimView, EntityView, SourceView, TimelineEntry};

/// A query value as table and CSV text.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Integer(n) => n.to_string(),
        Cell::Real(x) => x.to_string(),
        Cell::Text(t) => t.clone(),
    }
}

/// A query value as a table cell: control characters shown as escapes.
fn cell_shown(cell: &Cell) -> String {
    visible::visible(&cell_text(cell)).into_owned()
}

/// A query value as JSON.
fn cell_json(cell: &Cell) -> serde_json::Value {
    match cell {
        Cell::Null => serde_json::Value::Null,
        Cell::Integer(n) => (*n).into(),
        Cell::Real(x) => serde_json::Number::from_f64(*x)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Cell::Text(t) => t.clone().into(),
    }
}

/// Search hits as a table.
pub fn search_table(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let mut t = table(&["Claim", "When", "Where", "Text"]);
    for h in hits {
        let place = match &h.source {
            Some(source) => format!("{} in {source}", h.field),
            None => h.field.clone(),
        };
        t.add_row(
            [&h.claim, &h.when, &place, &h.snippet].map(|t| visible::visible(t).into_owned()),
        );
    }
    writeln!(out, "{t}")
}

/// Query rows as a table.
pub fn rows_table(out: &mut dyn Write, headers: &[String], rows: &[Vec<Cell>]) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut t = table(&names);
    for row in rows {
        t.add_row(row.iter().map(cell_shown));
    }
    writeln!(out, "{t}")
}

/// Query rows as CSV with a header row, UTF-8 with a byte-order mark.
/// Query rows as CSV with a header row, UTF-8 with a byte-order mark, a row at a time.
pub struct RowsCsv<'a> {
    writer: ::csv::Writer<&'a mut dyn Write>,
    cells: Cells,
}

impl<'a> RowsCsv<'a> {
    /// Writes the byte-order mark and the header row.
    pub fn new(out: &'a mut dyn Write, headers: &[String], cells: Cells) -> io::Result<Self> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut writer = ::csv::Writer::from_writer(out);
        writer
            .write_record(
                headers
                    .iter()
                    .map(|h| self::csv::cell(h, cells).into_owned()),
            )
            .map_err(io::Error::other)?;
        Ok(RowsCsv { writer, cells })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &[Cell]) -> io::Result<()> {
        let texts: Vec<String> = row.iter().map(cell_text).collect();
        let cells: Vec<_> = texts
            .iter()
            .map(|t| self::csv::cell(t, self.cells))
            .collect();
        self.writer
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(io::Error::other)
    }

    /// Writes out what the CSV writer still holds.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Query rows as JSON objects, a row at a time: one pretty array (as [`json`] writes it), or
/// one object per line (`lines`).
pub struct RowsJson {
    headers: Vec<String>,
    lines: bool,
    count: usize,
}

impl RowsJson {
    pub fn new(headers: &[String], lines: bool) -> RowsJson {
        RowsJson {
            headers: headers.to_vec(),
            lines,
            count: 0,
        }
    }

    /// Writes one row as an object.
    pub fn write(&mut self, out: &mut dyn Write, row: &[Cell]) -> io::Result<()> {
        let object: serde_json::Map<String, serde_json::Value> = self
            .headers
            .iter()
            .cloned()
            .zip(row.iter().map(cell_json))
            .collect();
        let object = serde_json::Value::Object(object);
        self.count += 1;
        if self.lines {
            serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
            return writeln!(out);
        }
        out.write_all(if self.count == 1 { b"[\n  " } else { b",\n  " })?;
        // Strings are escaped in JSON, so every newline is layout and gets the array's indent.
        let text = serde_json::to_string_pretty(&object).map_err(io::Error::from)?;
        out.write_all(text.replace('\n', "\n  ").as_bytes())
    }

    /// Closes the array.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match (self.lines, self.count) {
            (true, _) => Ok(()),
            (false, 0) => writeln!(out, "[]"),
            (false, _) => writeln!(out, "\n]"),
        }
    }
}

/// Writes one JSON entry per line (JSON Lines).
pub fn jsonl(out: &mut dyn Write, entries: &[TimelineEntry]) -> io::Result<()> {
    for entry in entries {
        jsonl_entry(out, entry)?;
    }
    Ok(())
}

/// One timeline entry as a line of JSON Lines, for writers that stream entries as they come.
pub fn jsonl_entry(out: &mut dyn Write, entry: &TimelineEntry) -> io::Result<()> {
    serde_json::to_writer(&mut *out, entry).map_err(io::Error::from)?;
    writeln!(out)
}

/// Which comes first in a source reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// "Richard Rousseau, “Title”, Publisher, 2011-07-20": source lists and citations.
    AuthorFirst,
    /// "“Title”, Richard Rousseau, Publisher, 2011-07-20": after the source id in `show`.
    TitleFirst,
}

/// A source as one line: its title in quotes, author, publisher and publication date.
pub fn source_reference(s: &Source, order: Reference) -> String {
    let title = format!("“{}”", s.title);
    let mut parts: Vec<String> = Vec::new();
    if order == Reference::TitleFirst {
        parts.push(title.clone());
    }
    parts.extend(s.author.clone());
    if order == Reference::AuthorFirst {
        parts.push(title);
    }
    parts.extend(s.publisher.clone());
    parts.extend(s.published.clone());
    parts.join(", ")
}

/// Writes any serialisable value as pretty JSON with a final newline.
pub fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// The table width: `COLUMNS` when set to a usable number, else 100.
pub fn width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}

pub(crate) fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width())
        .set_header(headers.iter().map(|h| comfy_table::Cell::new(*h)));
    t
}

/// The timeline as a table: when, what, and where each claim is cited.
pub fn timeline_table(out: &mut dyn Write, entries: &[TimelineEntry]) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let mut t = table(&["When", "What", "Sources"]);
    // Dates and sources take what they need up to a share of the width; the claim's words
    // get the rest, so a short label never wraps.
    let avail = usize::from(width()).saturating_sub(10);
    let longest = |texts: &mut dyn Iterator<Item = usize>| texts.max().unwrap_or(0);
    let when = longest(&mut entries.iter().map(|e| e.when_text.chars().count()))
        .clamp(4, avail * 22 / 100);
    let sources = longest(&mut entries.iter().flat_map(|e| {
        e.citations
            .iter()
            .map(|c| c.source.chars().count() + c.locator.chars().count() + 3)
    }))
    .clamp(7, avail * 30 / 100);
    let what = avail.saturating_sub(when + sources).max(10);
    let fixed = |n: usize| {
        ColumnConstraint::Absolute(Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX)))
    };
    t.set_constraints([fixed(when), fixed(what), fixed(sources)]);
    for e in entries {
        let sources: Vec<String> = e
            .citations
            .iter()
            .map(|c| format!("{} ({})", c.source, c.locator))
            .collect();
        let mut what = e.label.clone();
        for v in &e.series {
            let value = crate::model::format_amount(v.value);
            let unit = if v.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", v.unit)
            };
            what.push_str(&format!(
                "\n{} series: {value}{unit} ({}{}%)",
                v.series,
                if v.gap_percent > 0.0 { "+" } else { "" },
                crate::words::decimals(v.gap_percent, 1)
            ));
        }
        t.add_row(
            [&e.when_text, &what, &sources.join("\n")].map(|t| visible::visible(t).into_owned()),
        );
    }
    writeln!(out, "{t}")
}

fn field(out: &mut dyn Write, name: &str, value: &str) -> io::Result<()> {
    writeln!(out, "{name:<12}{value}")
}

fn opt_field(out: &mut dyn Write, name: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(v) if !v.is_empty() => field(out, name, v),
        _ => Ok(()),
    }
}

/// A claim with all its provenance, as text.
pub fn claim_text(out: &mut dyn Write, view: &ClaimView) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let e = &view.entry;
    field(out, "claim", &e.claim)?;
    field(out, "label", &e.label)?;
    let named = |id: &str| match view.names.get(id) {
        Some(name) if name != id => format!("{id} ({name})"),
        _ => id.to_string(),
    };
    field(out, "subject", &named(&e.subject))?;
    field(out, "predicate", &e.predicate)?;
    let value = match &e.value {
        None | Some(Value::None) => "(none)".to_string(),
        Some(Value::Entity { entity }) => named(entity),
        Some(Value::Text { text }) => text.clone(),
        Some(Value::Quantity(q)) => format!("{q}  [{} {}]", q.bound.as_str(), q.amount),
    };
    field(out, "value", &value)?;
    for (key, ids) in &e.qualifiers {
        let ids: Vec<String> = ids.iter().map(|id| named(id)).collect();
        field(out, "qualifier", &format!("{key} = {}", ids.join(", ")))?;
    }
    let span = format!(
        "{}  ({} … {}, {} precision)",
        e.when,
        e.earliest.as_deref().unwrap_or("open"),
        e.latest.as_deref().unwrap_or("open"),
        e.precision
    );
    field(out, "when", &span)?;
    field(out, "rank", &e.rank)?;
    opt_field(out, "note", e.note.as_deref())?;
    let origin = view.origin.as_deref().unwrap_or("(unknown file)");
    field(
        out,
        "recorded",
        &format!("{} from {origin}", view.recorded_at),
    )?;
    for (i, c) in e.citations.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "citation {}", i + 1)?;
        let source = view.sources.get(&c.source);
        let title = source.map_or(String::new(), |s| {
            source_reference(s, Reference::TitleFirst)
        });
        field(out, "  source", &format!("{}  {title}", c.source))?;
        field(out, "  quote", &format!("“{}”", c.quote))?;
        field(out, "  locator", &c.locator)?;
        let mut how = format!("{}, credibility {}", c.method.as_str(), c.credibility);
        if let Some(s) = source {
            how.push_str(&format!(", source reliability {}", s.reliability));
        }
        if let Some(score) = c.extractor_score {
            how.push_str(&format!(", extractor score {score}"));
        }
        field(out, "  grading", &how)?;
        opt_field(out, "  curator", c.curator.as_deref())?;
    }
    if !view.history.is_empty() {
        writeln!(out)?;
        writeln!(out, "earlier versions")?;
        for v in &view.history {
            writeln!(
                out,
                "  {} – {}  {}  {}",
                v.recorded_at,
                v.retracted_at.as_deref().unwrap_or("current"),
                v.when,
                v.label
            )?;
        }
    }
    Ok(())
}

fn claim_lines(out: &mut dyn Write, heading: &str, claims: &[ClaimLine]) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{heading} ({})", claims.len())?;
    for c in claims {
        writeln!(out, "  {:<14} {:<36} {}", c.when, c.claim, c.label)?;
    }
    Ok(())
}

/// An entity with its names and the claims that involve it, as text.
pub fn entity_text(out: &mut dyn Write, view: &EntityView) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let e = &view.entity;
    field(out, "entity", &e.id)?;
    field(out, "name", &e.name)?;
    field(out, "kind", &e.kind)?;
    if !e.aliases.is_empty() {
        field(out, "aliases", &e.aliases.join("; "))?;
    }
    opt_field(out, "note", e.note.as_deref())?;
    claim_lines(out, "claims", &view.claims)
}

/// A source's bibliographic record and the claims citing it, as text.
pub fn source_text(out: &mut dyn Write, view: &SourceView) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let s = &view.source;
    field(out, "source", &s.id)?;
    field(out, "title", &s.title)?;
    opt_field(out, "author", s.author.as_deref())?;
    opt_field(out, "publisher", s.publisher.as_deref())?;
    opt_field(out, "published", s.published.as_deref())?;
    field(out, "kind", &s.kind)?;
    opt_field(out, "language", s.language.as_deref())?;
    let grade = match &s.reliability_note {
        Some(note) => format!("{} ({note})", s.reliability),
        None => s.reliability.clone(),
    };
    field(out, "reliability", &grade)?;
    opt_field(out, "url", s.url.as_deref())?;
    opt_field(out, "licence", s.licence.as_deref())?;
    opt_field(out, "file", s.file.as_deref())?;
    opt_field(out, "sha256", s.sha256.as_deref())?;
    opt_field(out, "note", s.note.as_deref())?;
    claim_lines(out, "claims citing it", &view.claims)
}
