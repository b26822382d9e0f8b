//! Every output format, written to any `io::Write`.
//!
//! Commands build the rows; this module only lays them out. Tables take their width from
//! `COLUMNS` when it is set, else from the terminal stdout writes to, else 100 (a pipe or a
//! file), so pipes and tests see the same bytes whatever launched them. Text, tables and JSON live here; the richer timeline formats have
//! a file each.

mod candidates;
pub mod chart;
pub mod conflicts;
mod csv;
mod dataset_json;
mod datasette;
mod diff;
mod html;
mod markdown;
pub mod pipe;
pub mod progress;
pub mod stream;
mod svg;
mod timelinejs;
mod toml;

pub use self::candidates::{CandidateWriter, Layout as CandidateLayout};
pub use self::csv::{Cells, TimelineCsv, timeline_csv};
pub use self::dataset_json::DatasetJson;
pub use self::toml::{ClaimsToml, claims_toml, dataset_files};
pub use conflicts::{conflicts_markdown, conflicts_table};
pub use datasette::datasette_metadata;
pub use diff::{diff_markdown, diff_summary, diff_table};
pub use html::{HtmlTimeline, timeline_html};
pub use markdown::{MarkdownTimeline, timeline_markdown};
pub use svg::{SvgLanes, SvgTimeline, timeline_svg};
pub use timelinejs::{MAX_GROUPS, TimelineJs, timeline_timelinejs};

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;

use crate::model::{Cell, Hit, Source, Value};
use crate::text::visible;
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

/// Search hits as a table: the claim id, its time in words, where the words were found, and
/// the text with the matched words in [brackets] (control characters shown as escapes).
pub fn search_table(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    let mut t = table(&["Claim", "When", "Found in", "Text"]);
    // A claim id is never split, so it can be copied whole; the text takes what is left.
    t.set_constraints([
        ColumnConstraint::ContentWidth,
        ColumnConstraint::LowerBoundary(Width::Fixed(12)),
        ColumnConstraint::ContentWidth,
    ]);
    for h in hits {
        let place = match &h.source {
            Some(source) => format!("{} in {source}", h.field),
            None => h.field.clone(),
        };
        t.add_row([
            visible::visible(&h.claim).into_owned(),
            visible::visible(&h.when).into_owned(),
            visible::visible(&place).into_owned(),
            visible::visible(&h.snippet).into_owned(),
        ]);
    }
    writeln!(out, "{t}")
}

/// Query rows as a table.
///
/// Laid out a block of rows at a time, with the column widths the whole table would have, so
/// that memory holds one block's layout, not the whole table's (a table of narrow columns
/// wraps each cell over many lines: 10,000 rows of 24 columns were 700 MB of text, laid out in
/// 9 GB). A table that would be larger than [`TABLE_LIMIT`] is refused before anything is
/// written, with the formats that stream named.
pub fn rows_table(out: &mut dyn Write, headers: &[String], rows: &[Vec<Cell>]) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let add = |t: &mut Table, rows: &[Vec<Cell>]| {
        for row in rows {
            t.add_row(row.iter().map(cell_shown));
        }
    };
    // The widths the whole table would have: comfy-table arranges columns from their widest
    // content alone, so a table of one row holding that many characters per column is laid
    // out the same.
    let mut widest = vec![0u16; names.len()];
    for rows in rows.chunks(WIDTH_BLOCK) {
        let mut t = table(&names);
        add(&mut t, rows);
        for (w, m) in widest.iter_mut().zip(t.column_max_content_widths()) {
            *w = (*w).max(m);
        }
    }
    let mut proxy = table(&names);
    proxy.add_row(widest.iter().map(|w| "x".repeat(usize::from(*w))));
    let widths: Vec<u16> = proxy
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches('┌')
        .trim_end_matches('┐')
        .split('┬')
        .map(|column| u16::try_from(column.chars().count()).unwrap_or(u16::MAX))
        .collect();
    if widths.len() != names.len() {
        return Err(io::Error::other(
            "the table's columns could not be laid out; use --format csv or jsonl",
        ));
    }
    // Each line of the table is at least as many bytes as the table is wide; a cell takes a
    // line per `width` characters of each of its lines, and a row as many as its tallest cell.
    let line_bytes: usize = widths.iter().map(|w| usize::from(*w) + 1).sum::<usize>() + 1;
    let mut heights = Vec::with_capacity(rows.len());
    let mut lines = 4usize;
    for row in rows {
        let tallest = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let inner = usize::from(width.saturating_sub(2)).max(1);
                cell_shown(cell)
                    .split('\n')
                    .map(|l| l.chars().count().div_ceil(inner).max(1))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1);
        heights.push(tallest);
        lines = lines.saturating_add(tallest);
        if lines.saturating_mul(line_bytes) > TABLE_LIMIT {
            return Err(io::Error::other(TableTooLarge {
                rows: rows.len(),
                columns: names.len(),
                width: line_bytes,
            }));
        }
    }
    // Blocks of about BLOCK_BYTES of text, each laid out with the widths found above.
    let fixed: Vec<ColumnConstraint> = widths
        .iter()
        .map(|w| ColumnConstraint::Absolute(Width::Fixed(*w)))
        .collect();
    let mut start = 0;
    let mut first = true;
    loop {
        let mut end = start;
        let mut bytes = 0usize;
        while end < rows.len() && (end == start || bytes < BLOCK_BYTES) {
            bytes = bytes.saturating_add(heights[end].saturating_mul(line_bytes));
            end += 1;
        }
        let mut t = if first {
            table(&names)
        } else {
            // The header is drawn once, by the first block.
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width());
            t
        };
        add(&mut t, &rows[start..end]);
        t.set_constraints(fixed.clone());
        let text = t.to_string();
        let mut shown: Vec<&str> = text.lines().collect();
        // A block's top border is the previous block's bottom: one table, as if drawn at once.
        if !first && !shown.is_empty() {
            shown.remove(0);
        }
        let done = end >= rows.len();
        if !done {
            shown.pop();
        }
        for line in shown {
            writeln!(out, "{line}")?;
        }
        if done {
            return Ok(());
        }
        first = false;
        start = end;
    }
}

/// Rows measured at once by [`rows_table`] (their cells, not yet laid out).
const WIDTH_BLOCK: usize = 1000;

/// About how much of a table [`rows_table`] lays out at once, in bytes of text.
const BLOCK_BYTES: usize = 1024 * 1024;

/// The largest table [`rows_table`] writes, in bytes (the README says so for `sql`).
pub const TABLE_LIMIT: usize = 64 * 1024 * 1024;

/// A table that would be larger than [`TABLE_LIMIT`].
#[derive(Debug)]
pub struct TableTooLarge {
    pub rows: usize,
    pub columns: usize,
    pub width: usize,
}

impl std::fmt::Display for TableTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the table would be larger than {} MB: {} in {} wrap into more lines than that at \
             {} characters wide; write it with --format csv or --format jsonl, which stream, or \
             select fewer columns or rows",
            TABLE_LIMIT / (1024 * 1024),
            crate::words::plural(self.rows, "row", "rows"),
            crate::words::plural(self.columns, "column", "columns"),
            self.width
        )
    }
}

impl std::error::Error for TableTooLarge {}

/// Query rows as CSV with a header row, UTF-8 (with a byte-order mark unless asked not to), a
/// row at a time.
pub struct RowsCsv<'a> {
    writer: ::csv::Writer<&'a mut dyn Write>,
    cells: Cells,
}

impl<'a> RowsCsv<'a> {
    /// Writes the byte-order mark (when `bom`) and the header row.
    pub fn new(
        out: &'a mut dyn Write,
        headers: &[String],
        cells: Cells,
        bom: bool,
    ) -> io::Result<Self> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
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

/// Query rows as a Markdown (GitHub) table, a row at a time: every cell escaped as the other
/// Markdown outputs escape text, control characters shown as escapes, a line break as `<br>`.
pub fn rows_markdown_header(out: &mut dyn Write, headers: &[String]) -> io::Result<()> {
    let names: Vec<String> = headers.iter().map(|h| markdown_cell(h)).collect();
    writeln!(out, "| {} |", names.join(" | "))?;
    let rule: Vec<&str> = headers.iter().map(|_| "---").collect();
    writeln!(out, "| {} |", rule.join(" | "))
}

/// One row of [`rows_markdown_header`]'s table; numbers as SQLite gives them.
pub fn rows_markdown_row(out: &mut dyn Write, row: &[Cell]) -> io::Result<()> {
    let cells: Vec<String> = row.iter().map(|c| markdown_cell(&cell_text(c))).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn markdown_cell(text: &str) -> String {
    markdown::escape(&visible::visible(text))
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

/// Query rows as JSON objects, a row at a time, keys in the query's column order: one pretty
/// array (as [`json`] writes it), or one object per line (`lines`). A column name that repeats
/// gets ` (2)`, ` (3)`… so that no key is lost.
pub struct RowsJson {
    /// Each key, already written as a JSON string.
    keys: Vec<String>,
    lines: bool,
    array: stream::JsonArray,
}

impl RowsJson {
    pub fn new(headers: &[String], lines: bool) -> RowsJson {
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut keys = Vec::with_capacity(headers.len());
        for h in headers {
            let n = seen.entry(h.as_str()).or_insert(0);
            *n += 1;
            let name = if *n == 1 {
                h.clone()
            } else {
                format!("{h} ({n})")
            };
            keys.push(serde_json::Value::String(name).to_string());
        }
        RowsJson {
            keys,
            lines,
            array: stream::JsonArray::new(0),
        }
    }

    /// Writes one row as an object.
    pub fn write(&mut self, out: &mut dyn Write, row: &[Cell]) -> io::Result<()> {
        let values = row.iter().map(|c| cell_json(c).to_string());
        if self.lines {
            let fields: Vec<String> = (self.keys.iter().zip(values))
                .map(|(k, v)| format!("{k}:{v}"))
                .collect();
            return writeln!(out, "{{{}}}", fields.join(","));
        }
        self.array.next(out)?;
        if self.keys.is_empty() {
            return out.write_all(b"{}");
        }
        let fields: Vec<String> = (self.keys.iter().zip(values))
            .map(|(k, v)| format!("    {k}: {v}"))
            .collect();
        write!(out, "{{\n{}\n  }}", fields.join(",\n"))
    }

    /// Closes the array.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.lines {
            return Ok(());
        }
        self.array.finish(out)?;
        writeln!(out)
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
    parts.extend(s.published.as_deref().map(crate::words::date));
    parts.join(", ")
}

/// Writes any serialisable value as pretty JSON with a final newline.
pub fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// The width tables take when neither `COLUMNS` nor a terminal gives one (a pipe, a file).
pub const DEFAULT_WIDTH: u16 = 100;

/// The narrowest table laid out; a narrower `COLUMNS` or terminal is taken as this.
pub const MIN_WIDTH: u16 = 40;

/// Set once output goes to an `--out` file rather than stdout: the terminal's width then says
/// nothing about the file's.
static WRITING_TO_FILE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tables from now on are written to a file, not to the terminal stdout may be.
pub fn writing_to_file() {
    WRITING_TO_FILE.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The table width: `COLUMNS` when set to a number, else the width of the terminal stdout
/// writes to (unless the output goes to a file), else [`DEFAULT_WIDTH`]; never less than
/// [`MIN_WIDTH`].
pub fn width() -> u16 {
    let columns = std::env::var("COLUMNS").ok();
    let terminal = || {
        if WRITING_TO_FILE.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| w.0)
    };
    width_from(columns.as_deref(), terminal)
}

/// [`width`] from the value of `COLUMNS` and a way to ask the terminal (asked only when
/// `COLUMNS` is unset or not a number).
fn width_from(columns: Option<&str>, terminal: impl FnOnce() -> Option<u16>) -> u16 {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w > 0)
        .or_else(terminal)
        .filter(|w| *w > 0)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

pub(crate) fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width())
        .set_header(headers.iter().map(|h| comfy_table::Cell::new(*h)));
    t
}

/// The longest texts of a timeline table's columns, measured entry by entry: what its
/// columns' widths are made from.
#[derive(Debug, Default, Clone, Copy)]
pub struct TableWidths {
    when: usize,
    sources: usize,
    claim_id: usize,
}

impl TableWidths {
    /// Takes `e`'s texts into account.
    pub fn measure(&mut self, e: &TimelineEntry) {
        self.when = self.when.max(e.when_text.chars().count());
        for c in &e.citations {
            self.sources = self
                .sources
                .max(c.source.chars().count() + c.locator.chars().count() + 3);
        }
        self.claim_id = self.claim_id.max(ID_PREFIX.len() + e.claim.chars().count());
    }

    /// The three columns' widths for the terminal's width.
    fn columns(self) -> [usize; 3] {
        // Dates and sources take what they need up to a share of the width; the claim's
        // words get the rest, so a short label never wraps. The claim id on the last line of
        // "What" is not split while the width allows: the other two columns give up what it
        // needs, down to what still reads (a source id and a year), so that it can be copied
        // whole.
        let avail = usize::from(width()).saturating_sub(10);
        let mut when = self.when.clamp(4, avail * 22 / 100);
        let mut sources = self.sources.clamp(7, avail * 30 / 100);
        let mut what = avail.saturating_sub(when + sources).max(10);
        for (column, least) in [(&mut sources, 16), (&mut when, 8)] {
            let given = self
                .claim_id
                .saturating_sub(what)
                .min(column.saturating_sub(least));
            *column -= given;
            what += given;
        }
        [when, what, sources]
    }
}

/// The timeline as a table: when, what (with the claim id on its last line, for `factline
/// show`), and where each claim is cited; written a row at a time, its columns' widths
/// measured before (see [`TableWidths`]): each row is laid out by itself in columns of those widths, so that the
/// memory held does not grow with the rows.
pub struct TimelineTable {
    columns: [usize; 3],
    /// Rows not laid out yet.
    pending: Vec<[String; 3]>,
    /// The bottom border, once the top and the header are written.
    bottom: Option<String>,
}

impl TimelineTable {
    /// Rows laid out together: the header is laid out once for so many rows.
    const ROWS: usize = 256;

    pub fn new(widths: TableWidths) -> TimelineTable {
        TimelineTable {
            columns: widths.columns(),
            pending: Vec::with_capacity(Self::ROWS),
            bottom: None,
        }
    }

    /// The table's frame and header, with `rows`.
    fn layout(&self, rows: Vec<[String; 3]>) -> Table {
        let mut t = table(&["When", "What", "Sources"]);
        let fixed = |n: usize| {
            ColumnConstraint::Absolute(Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX)))
        };
        t.set_constraints(self.columns.map(fixed));
        t.add_rows(rows);
        t
    }

    /// Adds `e`'s row.
    pub fn row(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> io::Result<()> {
        self.pending.push(row_cells(e));
        if self.pending.len() >= Self::ROWS {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Writes the rows held (after the top border and the header, the first time).
    fn flush(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let out = &mut crate::text::visible::Visible::new(out);
        let rows = std::mem::replace(&mut self.pending, Vec::with_capacity(Self::ROWS));
        let shown = self.layout(rows).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        // Top border, header, the line under it, the rows' lines, the bottom border.
        let (Some(bottom), Some(rows)) = (lines.last(), lines.get(3..lines.len() - 1)) else {
            return Err(io::Error::other("table rows laid out without their frame"));
        };
        if self.bottom.is_none() {
            for line in &lines[..3] {
                writeln!(out, "{line}")?;
            }
            self.bottom = Some((*bottom).to_string());
        }
        for line in rows {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// Writes the rows held and the bottom border (or, with no row, the header alone in its
    /// frame).
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.flush(out)?;
        let out = &mut crate::text::visible::Visible::new(out);
        match &self.bottom {
            Some(bottom) => writeln!(out, "{bottom}"),
            None => writeln!(out, "{}", self.layout(Vec::new())),
        }
    }
}

/// The three cells of an entry's row, made visible.
fn row_cells(e: &TimelineEntry) -> [String; 3] {
    let sources: Vec<String> = e
        .citations
        .iter()
        .map(|c| format!("{} ({})", c.source, c.locator))
        .collect();
    let mut what = e.label.clone();
    if let Some(place) = &e.place_text {
        what.push_str(&format!(" ({place})"));
    }
    for v in &e.series {
        let value = crate::model::format_amount(v.value);
        let unit = if v.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", v.unit)
        };
        let gap = match v.gap_points {
            Some(points) => format!(
                "{}{} points",
                if points > 0.0 { "+" } else { "" },
                crate::words::decimals(points, 2)
            ),
            None => format!(
                "{}{}%",
                if v.gap_percent > 0.0 { "+" } else { "" },
                crate::words::decimals(v.gap_percent, 1)
            ),
        };
        what.push_str(&format!("\nseries {}: {value}{unit} ({gap})", v.title));
    }
    what.push('\n');
    match &e.summary {
        // A reference series as one line: the ids of its first and last rows.
        Some(s) => what.push_str(&format!("ids {} … {}", s.first, s.last)),
        None => {
            what.push_str(ID_PREFIX);
            what.push_str(&e.claim);
        }
    }
    [&e.when_text, &what, &sources.join("\n")].map(|t| visible::visible(t).into_owned())
}

/// What comes before a claim id on the last line of a timeline table's "What" cell.
const ID_PREFIX: &str = "id ";

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
pub fn claim_text(out: &mut dyn Write, view: &ClaimView, history: bool) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
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
        "{}  ({}: {} … {}, {} precision)",
        crate::words::date(&e.when),
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
    if let Some(at) = &view.retracted_at {
        field(
            out,
            "retracted",
            &format!(
                "{at}: no longer current (its data file or table no longer holds it); this is \
                 its last recorded version, left out of the timeline and conflicts"
            ),
        )?;
    }
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
    if history {
        writeln!(out)?;
        writeln!(out, "history")?;
        for v in &view.versions {
            let origin = match (&v.origin, &v.revision) {
                (Some(file), Some(commit)) => format!("{file} at {commit}"),
                (Some(file), None) => file.clone(),
                (None, _) => "no file".to_string(),
            };
            match &v.retracted_at {
                Some(until) => writeln!(out, "  {} – {until}  from {origin}", v.recorded_at)?,
                None => writeln!(out, "  {} – current  from {origin}", v.recorded_at)?,
            }
            if v.changes.is_empty() {
                writeln!(out, "    {}  {}", crate::words::date(&v.when), v.label)?;
            }
            for c in &v.changes {
                writeln!(out, "    {}: {} → {}", c.field, c.before_text, c.after_text)?;
            }
        }
        if !view.decisions.is_empty() {
            writeln!(out)?;
            writeln!(out, "decisions")?;
            for d in &view.decisions {
                let about = d
                    .conflict
                    .as_deref()
                    .map_or(String::new(), |c| format!(" in {c}"));
                writeln!(
                    out,
                    "  {}  {} by {}{about}: {}",
                    d.recorded_at, d.rank, d.by, d.reason
                )?;
            }
        }
    } else if !view.history.is_empty() {
        writeln!(out)?;
        writeln!(out, "earlier versions")?;
        for v in &view.history {
            writeln!(
                out,
                "  {} – {}  {}  {}",
                v.recorded_at,
                v.retracted_at.as_deref().unwrap_or("current"),
                crate::words::date(&v.when),
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
    let out = &mut crate::text::visible::Visible::new(out);
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
    let out = &mut crate::text::visible::Visible::new(out);
    let s = &view.source;
    field(out, "source", &s.id)?;
    field(out, "title", &s.title)?;
    opt_field(out, "author", s.author.as_deref())?;
    opt_field(out, "publisher", s.publisher.as_deref())?;
    opt_field(
        out,
        "published",
        s.published.as_deref().map(crate::words::date).as_deref(),
    )?;
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
    opt_field(out, "basis", s.basis.map(|b| b.words()))?;
    opt_field(
        out,
        "tolerance",
        s.tolerance
            .map(|t| {
                format!(
                    "±{}% of a figure",
                    crate::words::number(t * 100.0, crate::words::Millions::Tenths)
                )
            })
            .as_deref(),
    )?;
    opt_field(out, "note", s.note.as_deref())?;
    claim_lines(out, "claims citing it", &view.claims)
}

#[cfg(test)]
mod width_tests {
    use super::*;

    #[test]
    fn a_table_laid_out_in_blocks_is_the_table_laid_out_at_once() {
        // About 3 MB of table: several blocks of BLOCK_BYTES.
        let headers = ["id".to_string(), "note".to_string(), "n".to_string()];
        let rows: Vec<Vec<Cell>> = (0..20_000)
            .map(|i| {
                vec![
                    Cell::Text(format!("claim-{i}")),
                    Cell::Text(format!(
                        "a note of some length, number {i}, {}",
                        "x".repeat(i % 90)
                    )),
                    Cell::Integer(i64::try_from(i).unwrap()),
                ]
            })
            .collect();
        let mut blocks = Vec::new();
        rows_table(&mut blocks, &headers, &rows).unwrap();
        let names: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut t = table(&names);
        for row in &rows {
            t.add_row(row.iter().map(cell_shown));
        }
        let at_once = format!("{t}\n");
        assert!(at_once.len() > 3 * BLOCK_BYTES, "{}", at_once.len());
        assert!(String::from_utf8(blocks).unwrap() == at_once);
    }

    #[test]
    fn columns_overrides_the_terminal_and_a_pipe_gets_the_default() {
        assert_eq!(width_from(Some("132"), || Some(80)), 132);
        assert_eq!(width_from(None, || Some(80)), 80);
        assert_eq!(width_from(Some("wide"), || Some(90)), 90);
        assert_eq!(width_from(None, || None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("0"), || None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("12"), || Some(80)), MIN_WIDTH);
        assert_eq!(width_from(None, || Some(20)), MIN_WIDTH);
    }
}
