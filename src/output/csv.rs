//! The timeline as CSV: one row per claim, UTF-8 with a byte-order mark so Excel reads it as
//! UTF-8; pandas, Datasette and Python's csv module (encoding `utf-8-sig`) open it as it is.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::Value;
use crate::view::TimelineEntry;

/// The columns, in order. The valid time is `time_edtf` (the EDTF, as in JSON's `when`) and
/// `time_words` (JSON's `when_text`): `when` is an SQL keyword, awkward once the CSV is a table.
pub const COLUMNS: [&str; 19] = [
    "claim",
    "time_edtf",
    "time_words",
    "earliest",
    "latest",
    "precision",
    "label",
    "subject",
    "predicate",
    "entities",
    "value",
    "unit",
    "bound",
    "rank",
    "sources",
    "locators",
    "quotes",
    "note",
    "dataset",
];

/// How CSV cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// A cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, tab
    /// or carriage return, and is not a plain number) gets a leading `'` (the OWASP rule).
    Guarded,
    /// Every cell as it is, for programs that read the CSV (`--csv-raw`).
    Raw,
}

/// A cell as written under `cells`: see [`Cells::Guarded`]. Under either, a control character
/// other than tab and newline is written as an escape such as `\u{1b}`
/// ([`crate::text::visible`]): a CSV file is read on terminals and by programs that would
/// act on it, and raw ones would not survive a round trip through `import`.
pub fn cell(text: &str, cells: Cells) -> Cow<'_, str> {
    let shown = crate::text::visible::visible(text);
    let text: &str = &shown;
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let number = text.parse::<f64>().is_ok_and(f64::is_finite);
    if cells == Cells::Guarded && risky && !number {
        Cow::Owned(format!("'{text}"))
    } else {
        shown
    }
}

/// The timeline as CSV, every entry at once.
pub fn timeline_csv(
    out: &mut dyn Write,
    entries: &[TimelineEntry],
    cells: Cells,
) -> io::Result<()> {
    let mut writer = TimelineCsv::new(out, cells)?;
    for e in entries {
        writer.write(e)?;
    }
    writer.finish()
}

/// The timeline as CSV, a row at a time: the byte-order mark and the header when made, a row
/// for each entry written, everything flushed by [`TimelineCsv::finish`].
pub struct TimelineCsv<'a> {
    writer: ::csv::Writer<&'a mut dyn Write>,
    cells: Cells,
}

impl<'a> TimelineCsv<'a> {
    /// Writes the byte-order mark and the header row.
    pub fn new(out: &'a mut dyn Write, cells: Cells) -> io::Result<TimelineCsv<'a>> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(COLUMNS).map_err(io::Error::other)?;
        Ok(TimelineCsv { writer, cells })
    }

    /// Writes one entry as a row.
    pub fn write(&mut self, e: &TimelineEntry) -> io::Result<()> {
        let (value, unit, bound) = match &e.value {
            Some(Value::Entity { entity }) => (entity.clone(), String::new(), String::new()),
            Some(Value::Quantity(q)) => (
                q.amount.to_string(),
                q.unit.clone(),
                q.bound.as_str().to_string(),
            ),
            Some(Value::Text { text }) => (text.clone(), String::new(), String::new()),
            Some(Value::None) | None => (String::new(), String::new(), String::new()),
        };
        let joined = |f: &dyn Fn(&crate::model::Citation) -> String, sep: &str| {
            e.citations.iter().map(f).collect::<Vec<_>>().join(sep)
        };
        let cells = self.cells;
        self.writer
            .write_record(
                [
                    e.claim.as_str(),
                    &e.when,
                    &e.when_text,
                    e.earliest.as_deref().unwrap_or(""),
                    e.latest.as_deref().unwrap_or(""),
                    &e.precision,
                    &e.label,
                    &e.subject,
                    &e.predicate,
                    &e.entities.join("; "),
                    &value,
                    &unit,
                    &bound,
                    &e.rank,
                    &joined(&|c| c.source.clone(), "; "),
                    &joined(&|c| c.locator.clone(), "; "),
                    &joined(&|c| c.quote.clone(), " | "),
                    e.note.as_deref().unwrap_or(""),
                    if e.dataset { "true" } else { "false" },
                ]
                .map(|text| cell(text, cells))
                .iter()
                .map(|c| c.as_bytes()),
            )
            .map_err(io::Error::other)
    }

    /// Writes out what the CSV writer still holds.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}
