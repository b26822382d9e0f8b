//! factline: a fact database with a timeline, over SQLite.
//!
//! Data flows one way. Curated TOML files (`data/`) are parsed and validated by [`data`] into
//! the plain types of [`model`], with EDTF valid times from [`time`]; [`db`] writes them in one
//! transaction (nothing is deleted: edits retract and replace) and holds every SQL statement;
//! [`view`] turns what it reads into what commands show; commands in [`cmd`] hand that to
//! [`output`], which lays it out as a table, JSON or any other format. The binary carries the
//! dataset ([`bundled`]) so read commands work with no database file. See ARCHITECTURE.md.

pub mod bundled;
pub mod cli;
// The face: commands say what they did on stderr and write data to stdout.
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub mod cmd;
pub mod conflicts;
pub mod data;
pub mod datafiles;
pub mod db;
pub mod exit;
pub mod extract;
pub mod files;
pub mod generate;
pub mod label;
pub mod load;
pub mod model;
pub mod numbers;
pub mod output;
pub mod parallel;
pub mod review;
pub mod revision;
pub mod serve;
pub mod table;
pub mod template;
pub mod text;
pub mod time;
pub mod verify;
pub mod view;
pub mod words;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::exit::Exit;

/// Runs one command, writing its data to `out`; messages go to stderr.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<ExitCode> {
    // Read commands share one handle: the database is opened once, on first use.
    let path = cli.db_path();
    let db = cmd::Database::new(&path, cli.db_named());
    let exit = match &cli.command {
        Command::Import(args) => cmd::import::run(&path, args)?,
        Command::ImportTable(args) => cmd::import_table::run(&path, args, out)?,
        Command::Check(args) => {
            // Only a --db on the command line: CI and a laptop check alike.
            let named = (cli.db_named() == Some("--db")).then_some(path.as_path());
            cmd::check::run(args, named, out)?
        }
        Command::Timeline(args) => cmd::timeline::run(&db, args, out)?,
        Command::Show(args) => cmd::show::run(&db, args, out)?,
        Command::Sql(args) => cmd::sql::run(&db, args, out)?,
        Command::Conflicts(args) => cmd::conflicts::run(&db, args, out)?,
        Command::Diff(args) => cmd::diff::run(&db, args, out)?,
        Command::Resolve(args) => cmd::resolve::run(&path, args).map(|()| Exit::Ok)?,
        Command::Review(args) => cmd::review::run(&path, args, out)?,
        Command::Source(args) => cmd::source::run(&path, args, out)?,
        Command::Serve(args) => cmd::serve::run(&path, args)?,
        Command::Search(args) => cmd::search::run(&db, args, out)?,
        Command::Export(args) => cmd::export::run(&db, args, out)?,
        Command::Completions(args) => cmd::completions::run(args, out)?,
        Command::Man(args) => cmd::man::run(args, out)?,
        Command::Extract(args) => cmd::extract::run(&db, args, out)?,
        Command::EvalTimeml(args) => cmd::eval_timeml::run(args, out)?,
        Command::Generate(args) => cmd::generate::run(args)?,
    };
    output::pipe::unless_closed(out.flush().map_err(anyhow::Error::from))?;
    Ok(exit.into())
}
