//! `factline timeline`: every current claim in chronological order, with its sources.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use rusqlite::Connection;

use crate::db::query::{self, StoredClaim};
use crate::label::label;
use crate::model::{Predicate, Value};
use crate::output::{self, TimelineEntry};

/// Print the claims in chronological order.
///
/// Order: earliest possible start first (an open start such as `../2032` before any date), then
/// latest possible end (an open end such as `2006/..` after any date), then coarser precision
/// first (a year before a month within it), then the EDTF text and the claim id. Dates are shown
/// no more precisely than their sources give them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: `table` for people, `json` for programs (a documented contract).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table that fits COLUMNS (default 100): when, what, sources.
    Table,
    /// `{"entries": [...]}`; see the README for every field.
    Json,
}

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<()> {
    let conn = crate::cmd::open_for_reading(db_path)?;
    let entries = entries(&conn, &query::timeline(&conn)?)?;
    match args.format {
        Format::Table => output::timeline_table(out, &entries)?,
        Format::Json => output::json(out, &output::Timeline { entries: &entries })?,
    }
    Ok(())
}

/// Turns stored claims into timeline entries with their labels.
pub fn entries(conn: &Connection, claims: &[StoredClaim]) -> Result<Vec<TimelineEntry>> {
    let names = query::entity_names(conn)?;
    let predicates: HashMap<String, Predicate> = query::predicates(conn)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    Ok(claims
        .iter()
        .map(|s| entry(s, predicates.get(&s.claim.predicate), &names))
        .collect())
}

pub fn entry(
    stored: &StoredClaim,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> TimelineEntry {
    let c = &stored.claim;
    TimelineEntry {
        claim: c.id.clone(),
        when: c.when.as_str().to_string(),
        when_text: c.when.human(),
        earliest: c.when.earliest().map(|d| d.to_string()),
        latest: c.when.latest().map(|d| d.to_string()),
        precision: c.when.precision().as_str().to_string(),
        label: label(c, predicate, names),
        subject: c.subject.clone(),
        predicate: c.predicate.clone(),
        entities: c.entities(),
        value: match &c.value {
            Value::None => None,
            other => Some(other.clone()),
        },
        qualifiers: c.qualifiers.clone(),
        rank: stored.rank.clone(),
        note: c.note.clone(),
        citations: c.citations.clone(),
    }
}
