//! `factline import`: validate data files, then write them to the database in one transaction.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::exit::Exit;
use crate::load::{self, Import};
use crate::output::progress;
use crate::text::visible::visible;

/// Load data files (TOML, and claims as JSON Lines) into the database.
///
/// A data directory's table mappings (`mappings/*.toml`) that name an `extract` are imported
/// with it, as `factline import-table` would.
///
/// Every file is validated, and written in one transaction that commits only when all of them
/// are valid; one problem anywhere and the database stays exactly as it was (exit code 2, each
/// problem with file, line and field). Importing the same files again changes nothing. A claim whose
/// text changed is recorded as a new version that retracts the old one; a claim removed from a
/// data file that is imported again is retracted. Nothing is deleted.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  factline import                 # data/ in this directory\n  \
                        factline import data/claims/new.toml --dry-run\n  \
                        factline import --bundled --db /tmp/corpus.db"
)]
pub struct Args {
    /// Data files or directories (every .toml and .jsonl file below them). Default: data/
    ///
    /// A .jsonl file holds claims only, one JSON object per line with the fields of a
    /// [[claim]] table (citations under "citation"), for machine-made data.
    pub paths: Vec<PathBuf>,

    /// Validate and report what would change, without writing anything.
    #[arg(long)]
    pub dry_run: bool,

    /// Import the dataset bundled with the program instead of files.
    #[arg(long, conflicts_with = "paths")]
    pub bundled: bool,
}

pub fn run(db_path: &Path, args: &Args) -> Result<Exit> {
    crate::cmd::refuse_stdin("import", args.paths.iter().map(PathBuf::as_path))?;
    let import = if args.bundled {
        Import::bundled()
    } else {
        Import::files(&args.paths)?
    };
    let shown = import.shown().to_string();
    if args.dry_run {
        let plan = import.dry_run(db_path)?;
        eprintln!(
            "{shown} is valid; importing it into {} would {}",
            db_path.display(),
            load::describe(&plan, false)
        );
        return Ok(Exit::Ok);
    }
    let bar = progress::claims("importing");
    let summary = import.into(
        db_path,
        &load::Hooks {
            waiting: &crate::cmd::say_waiting,
            note: &|line| {
                bar.suspend(|| eprintln!("factline: {}", visible(line)));
            },
            progress: &|n| bar.set_position(n),
        },
    );
    bar.finish_and_clear();
    let summary = summary?;
    if summary.is_quiet() {
        eprintln!(
            "nothing to change: {} already holds {shown} ({})",
            db_path.display(),
            load::held(&summary)
        );
    } else {
        eprintln!(
            "imported {shown} into {}: {}",
            db_path.display(),
            load::describe(&summary, true)
        );
    }
    Ok(Exit::Ok)
}
