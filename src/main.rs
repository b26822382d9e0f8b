//! The `factline` binary: parse arguments, run, print any error once, choose the exit code.

// The face: errors are printed here, once.
#![allow(clippy::print_stderr)]

use std::io::{self, BufWriter};
use std::process::ExitCode;

use factline::cli::Cli;
use factline::exit::Exit;
use factline::output::pipe::{Stdout, stdout_closed};
use factline::text::visible::visible;

/// jemalloc serves extraction's many small, short-lived allocations faster than the system's
/// allocator (docs/performance.md); it does not build with MSVC.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let stdout = io::stdout();
    let mut out = BufWriter::new(Stdout::new(stdout.lock()));
    match factline::run(&cli, &mut out) {
        Ok(code) => code,
        // The reader left before the command knew its exit code: nothing went wrong.
        Err(err) if stdout_closed() || is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) if factline::db::is_unexplained_lock(&err) => {
            eprintln!(
                "error: {}\nthe database is locked: another factline import (or another \
                 program) may be writing to it; try again when it has finished",
                visible(&format!("{err:#}"))
            );
            Exit::Error.into()
        }
        Err(err) => {
            // A message may quote what the user gave (a cell, an argument, a line of a file):
            // control characters in it are shown as escapes, never sent to the terminal.
            eprintln!("error: {}", visible(&format!("{err:#}")));
            if let Some(hint) = factline::db::hint(&err, &cli.db_path()) {
                eprintln!("{hint}");
            }
            Exit::Error.into()
        }
    }
}

/// A reader that stopped reading (`factline timeline | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
