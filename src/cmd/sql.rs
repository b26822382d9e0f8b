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
/// which holds at most 64 MB. Columns keep the query's order in every format. Start with the
/// views made for analysts: `claim_overview` (a claim a row, with entity names, value and time
/// in words, rank and sources), `claim_evidence` (a citation a row, with the source's title and
/// grade), `conflict_decision`, `entity_summary` and `claim_search`; docs/schema.md describes
/// every table, view and column.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
  factline sql \"SELECT source_title, grade, value, time FROM claim_evidence WHERE subject = 'Kazakhstan' AND predicate_id = 'population'\"\n  \
  factline sql \"SELECT time, value FROM claim_overview WHERE subject = :who\" -p who Kyrgyzstan --format markdown\n  \
  factline sql - --format csv --no-bom < query.sql")]
pub struct Args {
    /// The query: one SELECT (or WITH, EXPLAIN, read-only PRAGMA) statement, or `-` to read it
    /// from standard input.
    pub query: String,

    /// A named parameter: `-p who Kazakhstan` binds :who (also @who, $who). Repeat for more.
    /// A value written as a number (42, -1.5, 2e6) is bound as one; anything else, including
    /// 007, as text.
    #[arg(
        short = 'p',
        long = "param",
        num_args = 2,
        value_names = ["NAME", "VALUE"],
        action = clap::ArgAction::Append
    )]
    pub params: Vec<String>,

    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// Seconds before a running query is interrupted (at most 86400, a day); 0 for no limit.
    #[arg(
        long,
        default_value_t = 10,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(0..=MAX_TIMEOUT)
    )]
    pub timeout: u64,

    /// CSV cells exactly as stored, for programs that read the CSV: without it, a cell that
    /// starts with =, +, -, @, tab or carriage return (and is not a number) gets a leading '
    /// so that a spreadsheet does not run it as a formula. Control characters other than tab
    /// and newline are written as escapes (\u{1b}) either way.
    #[arg(long)]
    pub csv_raw: bool,

    /// CSV without the UTF-8 byte-order mark it starts with by default (the mark tells Excel
    /// the file is UTF-8; most other programs do not need it).
    #[arg(long)]
    pub no_bom: bool,

    #[command(flatten)]
    pub output: OutFile,

    #[command(flatten)]
    pub known: super::KnownAt,
}

/// True when `query` holds nothing but comments (`-- …`, `/* … */`), semicolons and blanks:
/// SQLite would prepare no statement from it.
fn only_comments(query: &str) -> bool {
    let mut rest = query;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ';');
        if rest.is_empty() {
            return true;
        }
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, next)| next);
        } else {
            return false;
        }
    }
}

/// The longest --timeout, in seconds: a day.
pub const MAX_TIMEOUT: u64 = 86_400;

/// The formats `sql` writes.
pub const FORMATS: &[Format] = &[
    Format::Table,
    Format::Csv,
    Format::Json,
    Format::Jsonl,
    Format::Markdown,
];

/// The most text a table may hold: a table is laid out once every row is in, so a larger
/// result must be written as csv or jsonl, which stream.
pub const TABLE_LIMIT: usize = output::TABLE_LIMIT;

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    if !FORMATS.contains(&args.format) {
        return Err(args.format.unsupported(FORMATS));
    }
    if args.no_bom && args.format != Format::Csv {
        bail!(
            "--no-bom applies to --format csv only ({} has no byte-order mark)",
            args.format
        );
    }
    args.format
        .refuse_unless("--csv-raw", args.csv_raw, &[Format::Csv])?;
    let query = if args.query == "-" {
        let what = "the query on standard input";
        let bytes = crate::data::read::read_stream_bounded(std::io::stdin().lock(), what)
            .map_err(anyhow::Error::msg)?;
        String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{what} is not UTF-8 text; save the query as UTF-8"))?
    } else {
        args.query.clone()
    };
    if let Some(at) = query.find('\0') {
        bail!(
            "the query holds a NUL character at byte {at}; SQLite would ignore everything after \
             it: remove it"
        );
    }
    if !query.trim().is_empty() && only_comments(&query) {
        bail!(
            "the query is empty: it holds only comments; give a statement, e.g. factline sql \
             \"SELECT id, valid_time FROM current_claim\""
        );
    }
    if query.trim().is_empty() {
        bail!(
            "give a query, e.g. factline sql \"SELECT id, valid_time FROM current_claim\"{}",
            if args.query == "-" {
                " (standard input was empty)"
            } else {
                ""
            }
        );
    }
    let params: Vec<(String, sql::Param)> = args
        .params
        .chunks(2)
        .map(|pair| match pair {
            [name, value] => Ok((name.clone(), sql::Param::parse(value))),
            _ => Err(anyhow::anyhow!(
                "-p takes a name and a value: -p who Kazakhstan"
            )),
        })
        .collect::<Result<_>>()?;
    for (i, (name, _)) in params.iter().enumerate() {
        if params[..i].iter().any(|(earlier, _)| earlier == name) {
            bail!("-p {name} is given twice; give each parameter once");
        }
        let word = name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if name.is_empty() || !word {
            bail!(
                "-p {name:?}: a parameter name is letters, digits and _ (as in :who), without \
                 the colon"
            );
        }
    }
    let conn = db.read_known_at(&args.known)?;
    let timeout = Duration::from_secs(args.timeout);
    let cells = if args.csv_raw {
        output::Cells::Raw
    } else {
        output::Cells::Guarded
    };
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
        let mut sink = Sink {
            format: args.format,
            cells,
            bom: !args.no_bom,
            state: State::Start(out),
        };
        sql::run_with_params(conn, &query, &params, timeout, &mut sink)?;
        sink.finish()
    })?;
    Ok(Exit::Ok)
}

/// Where the rows go: written as they come (csv, json, jsonl), or kept for a table.
struct Sink<'a> {
    format: Format,
    cells: output::Cells,
    /// Whether CSV starts with a byte-order mark.
    bom: bool,
    state: State<'a>,
}

enum State<'a> {
    Start(&'a mut dyn Write),
    Csv(Box<output::RowsCsv<'a>>),
    Json(&'a mut dyn Write, output::RowsJson),
    Markdown(&'a mut dyn Write),
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
            State::Markdown(_) | State::Start(_) | State::Taken => {}
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
            Format::Csv => State::Csv(Box::new(output::RowsCsv::new(
                out, headers, self.cells, self.bom,
            )?)),
            Format::Markdown => {
                output::rows_markdown_header(out, headers)?;
                State::Markdown(out)
            }
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
            State::Markdown(out) => output::rows_markdown_row(*out, row)?,
            State::Table { rows, bytes, .. } => {
                // What the row takes in memory: each cell's text and its 32 bytes, the row's
                // vector.
                *bytes += 24
                    + row
                        .iter()
                        .map(|c| match c {
                            Cell::Text(t) => t.len() + 32,
                            _ => 32,
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
