//! `factline sql`: read-only SQL over the documented schema, with a time limit.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::sql;
use crate::exit::Exit;
use crate::model::Cell;
use crate::output;

/// Run one read-only SQL query and print its rows.
///
/// The connection is read-only (`PRAGMA query_only`): statements that would write are refused.
/// A query running longer than --timeout is stopped; only reads of this database are allowed
/// (no ATTACH, no pragma that sets anything); rows are written as they come, except a table,
/// which holds at most 64 MB. Useful starting points: the views
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

    /// CSV cells exactly as stored, for programs that read the CSV: without it, a cell that
    /// starts with =, +, -, @, tab or carriage return (and is not a number) gets a leading '
    /// so that a spreadsheet does not run it as a formula.
    #[arg(long)]
    pub csv_raw: bool,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `sql` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Csv, Format::Json, Format::Jsonl];

/// The most text a table may hold: a table is laid out once every row is in, so a larger
/// result must be written as csv or jsonl, which stream.
pub const TABLE_LIMIT: usize = 64 * 1024 * 1024;

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    if args.query.trim().is_empty() {
        bail!("give a query, e.g. factline sql \"SELECT id, valid_time FROM current_claim\"");
    }
    if !FORMATS.contains(&args.format) {
        return Err(args.format.unsupported(FORMATS));
    }
    let conn = db.read()?;
    let timeout = Duration::from_secs(args.timeout);
    let cells = if args.csv_raw {
        output::Cells::Raw
    } else {
        output::Cells::Guarded
    };
    crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
        let mut sink = Sink {
            format: args.format,
            cells,
            state: State::Start(out),
        };
        sql::run_read_only(conn, &args.query, timeout, &mut sink)?;
        sink.finish()
    })?;
    Ok(Exit::Ok)
}

/// Where the rows go: written as they come (csv, json, jsonl), or kept for a table.
struct Sink<'a> {
    format: Format,
    cells: output::Cells,
    state: State<'a>,
}

enum State<'a> {
    Start(&'a mut dyn Write),
    Csv(Box<output::RowsCsv<'a>>),
    Json(&'a mut dyn Write, output::RowsJson),
    Table {
        out: &'a mut dyn Write,
        headers: Vec<String>,
        rows: Vec<Vec<Cell>>,
        bytes: usize,
    },
    Taken,
}

impl Sink<'_> {
    /// Writes what is still to be written: the table, the end of the JSON array.
    fn finish(self) -> Result<()> {
        match self.state {
            State::Csv(csv) => csv.finish()?,
            State::Json(out, json) => json.finish(out)?,
            State::Table {
                out, headers, rows, ..
            } => output::rows_table(out, &headers, &rows)?,
            State::Start(_) | State::Taken => {}
        }
        Ok(())
    }
}

impl sql::RowSink for Sink<'_> {
    fn headers(&mut self, headers: &[String]) -> Result<()> {
        let State::Start(out) = std::mem::replace(&mut self.state, State::Taken) else {
            bail!("the query's columns were announced twice");
        };
        self.state = match self.format {
            Format::Csv => State::Csv(Box::new(output::RowsCsv::new(out, headers, self.cells)?)),
            Format::Json => State::Json(out, output::RowsJson::new(headers, false)),
            Format::Jsonl => State::Json(out, output::RowsJson::new(headers, true)),
            _ => State::Table {
                out,
                headers: headers.to_vec(),
                rows: Vec::new(),
                bytes: 0,
            },
        };
        Ok(())
    }

    fn row(&mut self, row: &[Cell]) -> Result<()> {
        match &mut self.state {
            State::Csv(csv) => csv.write(row)?,
            State::Json(out, json) => json.write(*out, row)?,
            State::Table { rows, bytes, .. } => {
                *bytes += row
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => t.len() + 24,
                        _ => 24,
                    })
                    .sum::<usize>();
                if *bytes > TABLE_LIMIT {
                    bail!(
                        "the result is larger than {} MB, more than a table can hold; write it \
                         with --format csv or --format jsonl, which stream, or narrow the query",
                        TABLE_LIMIT / (1024 * 1024)
                    );
                }
                rows.push(row.to_vec());
            }
            State::Start(_) | State::Taken => {}
        }
        Ok(())
    }
}
