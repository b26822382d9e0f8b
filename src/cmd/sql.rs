//! `factline sql`: read-only SQL over the documented schema, with a time limit.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::sql::{self, Rows};
use crate::exit::Exit;
use crate::output;

/// Run one read-only SQL query and print its rows.
///
/// The connection is read-only (`PRAGMA query_only`): statements that would write are refused.
/// A query running longer than --timeout is interrupted. Useful starting points: the views
/// `current_claim` (current claims with their rank), `current_citation` and
/// `current_resolution`, and the tables `source`, `entity`, `entity_alias`, `predicate`,
/// `claim`, `claim_qualifier`, `citation`, `assessment`, `resolution`, `revision` (see the
/// README).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
  factline sql \"SELECT id, valid_time, amount FROM current_claim WHERE predicate = 'population'\"\n  \
  factline sql \"SELECT source, count(*) AS n FROM current_citation GROUP BY source\" --format csv")]
pub struct Args {
    /// The query: one SELECT (or WITH, EXPLAIN, read-only PRAGMA) statement.
    pub query: String,

    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// Seconds before a running query is interrupted.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `sql` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Csv, Format::Json, Format::Jsonl];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    if args.query.trim().is_empty() {
        bail!("give a query, e.g. factline sql \"SELECT id, valid_time FROM current_claim\"");
    }
    let conn = db.read()?;
    let Rows { headers, rows } =
        sql::run_read_only(conn, &args.query, Duration::from_secs(args.timeout))?;
    crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
        match args.format {
            Format::Table => output::rows_table(out, &headers, &rows)?,
            Format::Csv => output::rows_csv(out, &headers, &rows)?,
            Format::Json => output::rows_json(out, &headers, &rows, false)?,
            Format::Jsonl => output::rows_json(out, &headers, &rows, true)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::Ok)
}
