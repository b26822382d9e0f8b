//! `factline sql`: read-only SQL over the documented schema, with a time limit.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::types::ValueRef;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::exit::Exit;
use crate::output::{self, Cell};

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
    conn.pragma_update(None, "query_only", "ON")?;
    let mut stmt = conn
        .prepare(&args.query)
        .with_context(|| "while preparing the query".to_string())?;
    if !stmt.readonly() {
        bail!("only read-only queries are allowed (SELECT, WITH, EXPLAIN); this one would write");
    }
    let headers: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();

    // A watchdog interrupts the query when the time is up; finishing first cancels it.
    let handle = conn.get_interrupt_handle();
    let (done, finished) = mpsc::channel::<()>();
    let limit = Duration::from_secs(args.timeout);
    let watchdog = std::thread::spawn(move || {
        if finished.recv_timeout(limit).is_err() {
            handle.interrupt();
        }
    });
    let result = collect(&mut stmt, headers.len());
    let _ = done.send(());
    let _ = watchdog.join();
    let rows = match result {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            bail!(
                "the query ran longer than {} s and was stopped; narrow it or raise --timeout",
                args.timeout
            )
        }
        other => other.context("while running the query")?,
    };
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

fn collect(stmt: &mut rusqlite::Statement, width: usize) -> rusqlite::Result<Vec<Vec<Cell>>> {
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Integer(n),
                ValueRef::Real(x) => Cell::Real(x),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
            });
        }
        out.push(cells);
    }
    Ok(out)
}
