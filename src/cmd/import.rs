//! `factline import`: validate data files, then write them to the database in one transaction.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::data::{self, DataFile};
use crate::db::{
    self,
    import::{Counts, Summary},
};
use crate::exit::Exit;
use crate::words::plural;

/// Load data files (TOML) into the database.
///
/// A data directory's table mappings (`mappings/*.toml`) that name an `extract` are imported
/// with it, as `factline import-table` would.
///
/// Every file is validated before anything is written; one problem anywhere and the database
/// stays exactly as it was (exit code 2, each problem with file, line and field). Valid data is
/// written in one transaction. Importing the same files again changes nothing. A claim whose
/// text changed is recorded as a new version that retracts the old one; a claim removed from a
/// data file that is imported again is retracted. Nothing is deleted.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  factline import                 # data/ in this directory\n  \
                        factline import data/claims/new.toml --dry-run\n  \
                        factline import --bundled --db /tmp/corpus.db"
)]
pub struct Args {
    /// Data files or directories (every .toml file below them). Default: data/
    pub paths: Vec<PathBuf>,

    /// Validate and report what would change, without writing anything.
    #[arg(long)]
    pub dry_run: bool,

    /// Import the dataset bundled with the program instead of files.
    #[arg(long, conflicts_with = "paths")]
    pub bundled: bool,
}

pub fn run(db_path: &Path, args: &Args) -> Result<Exit> {
    let (files, shown, tables) = if args.bundled {
        (
            crate::bundled::files(),
            "the bundled dataset".to_string(),
            Tables {
                mappings: crate::bundled::mappings(),
                read: Box::new(crate::bundled::table_file),
            },
        )
    } else {
        let paths = if !args.paths.is_empty() {
            args.paths.clone()
        } else if Path::new("data").is_dir() {
            vec![PathBuf::from("data")]
        } else {
            bail!(
                "no data/ directory here; give the data files or directories to import \
                 (e.g. `factline import path/to/data`), or use --bundled"
            );
        };
        let (files, shown) = data::read_named(&paths)?;
        let mut mappings = Vec::new();
        for dir in paths.iter().filter(|p| p.is_dir()) {
            mappings.extend(data::read_mappings(dir)?);
        }
        let read: Box<crate::table::ReadFile> = Box::new(|path: &str| {
            std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
        });
        (files, shown, Tables { mappings, read })
    };
    import_files(db_path, &files, &tables, &shown, args.dry_run)?;
    Ok(Exit::Ok)
}

/// The tables a data directory bundles: its mappings with an `extract`, and how to read files
/// they name.
struct Tables {
    mappings: Vec<DataFile>,
    read: Box<crate::table::ReadFile>,
}

fn import_files(
    db_path: &Path,
    files: &[DataFile],
    tables: &Tables,
    shown: &str,
    dry_run: bool,
) -> Result<()> {
    let exists = db_path.exists();
    // Validation reads the database without writing to it.
    let known = if exists {
        db::known(&db::open_read_only(db_path)?)?
    } else {
        data::Known::default()
    };
    let mut dataset = data::load(files, &known)?;
    crate::table::add_extracts(&mut dataset, &known, &tables.mappings, &*tables.read)?;

    if dry_run {
        let plan = if exists {
            db::import::plan(&db::open_read_only(db_path)?, &dataset)?
        } else {
            db::import::plan(&db::open_in_memory()?, &dataset)?
        };
        let summary = plan.summary();
        eprintln!(
            "{shown} is valid; importing it into {} would {}",
            db_path.display(),
            describe(&summary, "")
        );
        return Ok(());
    }

    let mut conn = db::open(db_path)?;
    let plan = db::import::plan(&conn, &dataset)?;
    let summary = db::import::apply(&mut conn, &dataset, &plan)
        .with_context(|| format!("while importing into {}", db_path.display()))?;
    if summary.is_quiet() {
        let held = [
            (summary.claims, "claim", "claims"),
            (summary.sources, "source", "sources"),
            (summary.entities, "entity", "entities"),
            (summary.predicates, "predicate", "predicates"),
        ]
        .map(|(c, one, many)| plural(c.unchanged, one, many));
        eprintln!(
            "nothing to change: {} already holds {shown} ({})",
            db_path.display(),
            held.join(", ")
        );
    } else {
        eprintln!(
            "imported {shown} into {}: {}",
            db_path.display(),
            describe(&summary, "d")
        );
    }
    Ok(())
}

/// "add 12 claims, 2 sources; change 1 claim" (or "added …" when `past` is "d").
fn describe(s: &Summary, past: &str) -> String {
    let kinds = [
        ("claim", "claims", s.claims),
        ("source", "sources", s.sources),
        ("entity", "entities", s.entities),
        ("predicate", "predicates", s.predicates),
        ("resolution", "resolutions", s.resolutions),
        ("rule", "rules", s.rules),
    ];
    let mut clauses = Vec::new();
    for (verb, column) in [("add", 0), ("change", 1), ("retract", 2)] {
        let count = |c: &Counts| [c.added, c.changed, c.retracted][column];
        let items: Vec<String> = kinds
            .iter()
            .filter(|(_, _, c)| count(c) > 0)
            .map(|(one, many, c)| plural(count(c), one, many))
            .collect();
        if !items.is_empty() {
            let verb = if past.is_empty() {
                verb.to_string()
            } else {
                format!("{}ed", verb.trim_end_matches('e'))
            };
            clauses.push(format!("{verb} {}", items.join(", ")));
        }
    }
    if clauses.is_empty() {
        "change nothing".to_string()
    } else {
        clauses.join("; ")
    }
}
