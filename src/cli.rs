//! Command-line types (clap) and the options shared between subcommands.

use std::fmt;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::cmd;

/// factline: a fact database with a timeline.
///
/// Every fact is a claim (subject, predicate, typed value, EDTF valid time) with citations that
/// trace it to a short quote in a source. Read commands use the database given by --db (or
/// FACTLINE_DB), which must exist; with neither, ./factline.db, or when that does not exist
/// the dataset bundled with the program, in memory (said on stderr).
///
/// Exit codes: 0 success, 1 found something to act on (open conflicts, failed checks) or, for
/// search as for grep, no match; 2 usage or data error.
#[derive(Debug, Parser)]
#[command(
    name = "factline",
    version,
    about,
    long_about,
    max_term_width = 100,
    after_help = "Start here:\n  factline timeline                 # what happened, in order\n  \
                  factline conflicts                # where the sources disagree\n  \
                  factline show \"Kant air base\"     # one entity, claim or source\n  \
                  factline import                   # build ./factline.db from data/"
)]
pub struct Cli {
    /// The SQLite database file [default: factline.db]. A file named here or in FACTLINE_DB
    /// must exist for read commands (`factline import --db PATH` creates it); only with neither
    /// do read commands fall back to the bundled dataset when ./factline.db does not exist.
    #[arg(long, global = true, env = "FACTLINE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Where `db` came from (set by [`Cli::parse_args`]; `--db` when not known).
    #[arg(skip)]
    pub db_from: Option<&'static str>,

    #[command(subcommand)]
    pub command: Command,
}

/// The database file when neither `--db` nor `FACTLINE_DB` names one.
pub const DEFAULT_DB: &str = "factline.db";

impl Cli {
    /// The database file: `--db`, else `FACTLINE_DB`, else [`DEFAULT_DB`].
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }

    /// How the user named the database (`--db` or `FACTLINE_DB`), or `None` for the default
    /// path: a named file that does not exist is an error rather than a reason to use the
    /// bundled dataset.
    pub fn db_named(&self) -> Option<&'static str> {
        self.db.as_ref().map(|_| self.db_from.unwrap_or("--db"))
    }

    /// The command line of this process, parsed (clap prints usage errors and exits with
    /// code 2), with where `--db` came from recorded.
    pub fn parse_args() -> Cli {
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        cli.db_from = match matches.value_source("db") {
            Some(ValueSource::EnvVariable) => Some("FACTLINE_DB"),
            _ => Some("--db"),
        };
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(cmd::import::Args),
    ImportTable(cmd::import_table::Args),
    Check(cmd::check::Args),
    Timeline(cmd::timeline::Args),
    Show(cmd::show::Args),
    Conflicts(cmd::conflicts::Args),
    Diff(cmd::diff::Args),
    Resolve(cmd::resolve::Args),
    Review(cmd::review::Args),
    Source(cmd::source::Args),
    Serve(cmd::serve::Args),
    Export(cmd::export::Args),
    Sql(cmd::sql::Args),
    Search(cmd::search::Args),
    Completions(cmd::completions::Args),
    Man(cmd::man::Args),
    Extract(cmd::extract::Args),
    #[command(hide = true)]
    Generate(cmd::generate::Args),
    #[command(hide = true)]
    EvalTimeml(cmd::eval_timeml::Args),
}

/// Every output format of every command. Each command lists the ones it writes in a
/// `FORMATS` constant and parses `--format` with [`Format::parser`], so that `--help` shows
/// only those and any other is refused with the supported ones named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Text,
    Markdown,
    Json,
    Jsonl,
    Csv,
    Timelinejs,
    Html,
    Svg,
    Toml,
    Datasette,
    Timeml,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 12] = [
        Format::Table,
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Timelinejs,
        Format::Html,
        Format::Svg,
        Format::Toml,
        Format::Datasette,
        Format::Timeml,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Timelinejs => "timelinejs",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Toml => "toml",
            Format::Datasette => "datasette",
            Format::Timeml => "timeml",
        }
    }

    /// What the format is, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "A table as wide as the terminal (COLUMNS overrides; 100 in a pipe)",
            Format::Text => "Aligned fields and lines for people",
            Format::Markdown => "A Markdown document to hand on (a briefing, a memo)",
            Format::Json => "One JSON document; see the README for every field",
            Format::Jsonl => "One JSON object per line",
            Format::Csv => {
                "CSV with a header row (UTF-8 with BOM), for Excel, pandas and Datasette"
            }
            Format::Timelinejs => "TimelineJS3 JSON",
            Format::Html => "One self-contained HTML page",
            Format::Svg => "An SVG chart: lanes, points, bars and open ends",
            Format::Toml => "Data files that `factline import` reads (into the --out directory)",
            Format::Datasette => {
                "A Datasette metadata file: `datasette factline.db -m metadata.json`"
            }
            Format::Timeml => "The TimeML document with <TIMEX3> tags in <TEXT> (one input file)",
        }
    }

    /// The `--format` parser of a command that writes the `supported` formats.
    pub fn parser(supported: &'static [Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(
            supported
                .iter()
                .map(|f| PossibleValue::new(f.name()).help(f.help())),
        )
        .map(|name| {
            Format::ALL
                .into_iter()
                .find(|f| f.name() == name)
                .unwrap_or(Format::Table)
        })
    }

    /// Refuses an option given (`given`) with a format it does not apply to: the message names
    /// the option, the format, and the formats that take it.
    pub fn refuse_unless(self, option: &str, given: bool, takes: &[Format]) -> anyhow::Result<()> {
        if !given || takes.contains(&self) {
            return Ok(());
        }
        let names: Vec<&str> = takes.iter().map(|f| f.name()).collect();
        let list = match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        };
        anyhow::bail!("{option} does not apply to --format {self}; only --format {list} takes it")
    }

    /// The error for a format a command was not written for.
    pub fn unsupported(self, supported: &[Format]) -> anyhow::Error {
        let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
        anyhow::anyhow!(
            "--format {self} is not supported here; use one of {}",
            names.join(", ")
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `--out FILE`: where a command's data goes instead of stdout.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutFile {
    /// Write the output to this file instead of stdout (created or replaced).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn format_names_are_unique() {
        let mut names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Format::ALL.len());
    }
}
