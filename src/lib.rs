//! factline: a fact database with a timeline, over SQLite.
//!
//! Data flows one way. Curated TOML files (`data/`) are parsed and validated by [`data`] into
//! the plain types of [`model`], with EDTF valid times from [`time`]; [`db`] writes them in one
//! transaction (nothing is deleted: edits retract and replace) and reads them back; commands in
//! [`cmd`] turn what they read into rows that [`output`] lays out as a table or JSON. The
//! binary carries the dataset ([`bundled`]) so read commands work with no database file.

pub mod bundled;
pub mod cli;
pub mod cmd;
pub mod conflicts;
pub mod data;
pub mod db;
pub mod generate;
pub mod label;
pub mod model;
pub mod output;
pub mod time;
pub mod verify;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs one command, writing its data to `out`; messages go to stderr.
pub fn run(cli: &Cli, out: &mut dyn Write) -> Result<ExitCode> {
    let code = match &cli.command {
        Command::Import(args) => cmd::import::run(&cli.db, args).map(|()| ExitCode::SUCCESS)?,
        Command::Check(args) => cmd::check::run(args, out)?,
        Command::Timeline(args) => {
            cmd::timeline::run(&cli.db, args, out).map(|()| ExitCode::SUCCESS)?
        }
        Command::Show(args) => cmd::show::run(&cli.db, args, out).map(|()| ExitCode::SUCCESS)?,
        Command::Sql(args) => cmd::sql::run(&cli.db, args, out).map(|()| ExitCode::SUCCESS)?,
        Command::Conflicts(args) => cmd::conflicts::run(&cli.db, args, out)?,
        Command::Resolve(args) => cmd::resolve::run(&cli.db, args).map(|()| ExitCode::SUCCESS)?,
        Command::Search(args) => {
            cmd::search::run(&cli.db, args, out).map(|()| ExitCode::SUCCESS)?
        }
        Command::Export(args) => {
            cmd::export::run(&cli.db, args, out).map(|()| ExitCode::SUCCESS)?
        }
        Command::Generate(args) => cmd::generate::run(args).map(|()| ExitCode::SUCCESS)?,
    };
    out.flush()?;
    Ok(code)
}
