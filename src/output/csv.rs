//! The timeline as CSV: one row per claim, UTF-8 with a byte-order mark so Excel reads it as
//! UTF-8; pandas, Datasette and Python's csv module (encoding `utf-8-sig`) open it as it is.

use std::io::{self, Write};

use crate::model::Value;
use crate::view::TimelineEntry;

/// The columns, in order.
pub const COLUMNS: [&str; 18] = [
    "claim",
    "when",
    "when_text",
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
];

pub fn timeline_csv(out: &mut dyn Write, entries: &[TimelineEntry]) -> io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS).map_err(io::Error::other)?;
    for e in entries {
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
        writer
            .write_record([
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
            ])
            .map_err(io::Error::other)?;
    }
    writer.flush()
}
