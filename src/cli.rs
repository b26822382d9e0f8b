//! Command-line types (clap) and the options shared between subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::cmd;

/// factline: a fact database with a timeline.
///
/// Every fact is a claim (subject, predicate, typed value, EDTF valid time) with citations that
/// trace it to a short quote in a source. Read commands use the database given by --db; when
/// that file does not exist they use the dataset bundled with the program, in memory.
///
/// Exit codes: 0 success, 1 found something (open conflicts, failed checks), 2 usage or data
/// error.
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
    /// The SQLite database file.
    #[arg(
        long,
        global = true,
        env = "FACTLINE_DB",
        default_value = "factline.db"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Import(cmd::import::Args),
    Check(cmd::check::Args),
    Timeline(cmd::timeline::Args),
    Show(cmd::show::Args),
    Conflicts(cmd::conflicts::Args),
    Resolve(cmd::resolve::Args),
    Export(cmd::export::Args),
    Sql(cmd::sql::Args),
    Search(cmd::search::Args),
    #[command(hide = true)]
    Generate(cmd::generate::Args),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
