//! `factline import`: validate data files, then write them to the database in one transaction.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::data::{self, DataFile};
use crate::db::{
    self,
    import::{Counts, Summary},
};
use crate::exit::Exit;
use crate::output::progress;
use crate::words::plural;

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
    let (inputs, shown, tables) = if args.bundled {
        let files = crate::bundled::files();
        (
            files.into_iter().map(data::Input::Text).collect(),
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
        let (inputs, shown) = data::inputs_named(&paths)?;
        let mut mappings = Vec::new();
        for dir in paths.iter().filter(|p| p.is_dir()) {
            mappings.extend(data::read_mappings(dir)?);
        }
        let read: Box<crate::table::ReadFile> =
            Box::new(|path: &str| data::read::read_bounded_text(Path::new(path), path));
        (inputs, shown, Tables { mappings, read })
    };
    let from_files = !args.bundled;
    if args.dry_run {
        let root = if db_path.exists() {
            crate::db::datafiles::data_root(&db::open_read_only(db_path)?)
                .ok()
                .flatten()
                .map(PathBuf::from)
        } else {
            None
        };
        let inputs = if from_files {
            relative_to_root(inputs, root)?
        } else {
            inputs
        };
        dry_run(db_path, &inputs, &tables, &shown)?;
    } else {
        import(db_path, inputs, from_files, &tables, &shown)?;
    }
    Ok(Exit::Ok)
}

/// The tables a data directory bundles: its mappings with an `extract`, and how to read files
/// they name.
struct Tables {
    mappings: Vec<DataFile>,
    read: Box<crate::table::ReadFile>,
}

/// The inputs as files in memory (for the paths that validate everything before writing).
fn read_all(inputs: &[data::Input]) -> Result<Vec<DataFile>> {
    inputs
        .iter()
        .map(|input| match input {
            data::Input::Text(f) => Ok(f.clone()),
            data::Input::Disk { shown, path } => Ok(DataFile {
                path: shown.clone(),
                text: data::read::read_text(path, shown)
                    .map_err(|problem| data::DataErrors(vec![problem]))?,
            }),
        })
        .collect()
}

/// Validates everything and reports what importing would change; writes nothing.
/// Adds the claims of the tables the data's mappings bundle, as dataset rows.
fn add_extracts(dataset: &mut data::Dataset, known: &data::Known, tables: &Tables) -> Result<()> {
    let curated = dataset.claims.len();
    crate::table::add_extracts(dataset, known, &tables.mappings, &*tables.read)?;
    for c in &mut dataset.claims[curated..] {
        c.item.read_from_table();
    }
    Ok(())
}

fn dry_run(db_path: &Path, inputs: &[data::Input], tables: &Tables, shown: &str) -> Result<()> {
    let exists = db_path.exists();
    let files = read_all(inputs)?;
    let known = if exists {
        // A database of an older schema is named with the command that upgrades it.
        db::known(&db::open_for_reading(db_path)?)?
    } else {
        data::Known::default()
    }
    .with_mapping_keys(&tables.mappings);
    let mut dataset = data::load(&files, &known)?;
    add_extracts(&mut dataset, &known, tables)?;
    let plan = if exists {
        db::import::plan(&db::open_for_reading(db_path)?, &dataset)?
    } else {
        db::import::plan(&db::open_in_memory()?, &dataset)?
    };
    eprintln!(
        "{shown} is valid; importing it into {} would {}",
        db_path.display(),
        describe(&plan.summary(), "")
    );
    Ok(())
}

/// Validates and writes in one transaction. A new database is built in a file beside the
/// target and renamed into place only when the import succeeded, so a failed import into a
/// path where no database was leaves nothing behind. Data files alone are streamed (claims
/// written as they are validated); with table extracts, everything is validated first and
/// written as one plan.
/// Files named by their origin: their path relative to the data root (the working folder when
/// the database records none yet), so that an import from another folder finds the same claims.
fn relative_to_root(inputs: Vec<data::Input>, root: Option<PathBuf>) -> Result<Vec<data::Input>> {
    let root = match root {
        Some(r) => r,
        None => {
            let cwd = std::env::current_dir().context("while finding the working folder")?;
            std::fs::canonicalize(&cwd).unwrap_or(cwd)
        }
    };
    inputs
        .into_iter()
        .map(|input| match input {
            data::Input::Disk { path, .. } => Ok(data::Input::Disk {
                shown: crate::datafiles::origin_of(Some(&root), &path)?,
                path,
            }),
            text => Ok(text),
        })
        .collect()
}

fn import(
    db_path: &Path,
    inputs: Vec<data::Input>,
    from_files: bool,
    tables: &Tables,
    shown: &str,
) -> Result<()> {
    let started = std::time::Instant::now();
    // An existing database is locked against the commands that change data files, and what a
    // killed one owed is finished before the files are read.
    let _lock = if db_path.exists() {
        Some(crate::files::WriteLock::take(
            db_path,
            &crate::cmd::say_waiting,
        )?)
    } else {
        None
    };
    let building = loop {
        if db_path.exists() {
            break None;
        }
        match crate::files::NewDatabase::claim(db_path)? {
            Some(building) if !db_path.exists() => break Some(building),
            // The database appeared while the lock was taken: import into it instead.
            Some(building) => crate::files::discard_files(&building.path),
            None if started.elapsed() >= db::WRITE_WAIT => {
                return Err(anyhow::Error::new(db::Busy {
                    path: db_path.display().to_string(),
                    waited: db::WRITE_WAIT.as_secs(),
                }));
            }
            None => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    };
    let exists = building.is_none();
    let target = match &building {
        Some(building) => building.path.clone(),
        None => db_path.to_path_buf(),
    };
    // Opening names the file in its own errors; what goes wrong after is put in context.
    let opened = db::open(&target);
    if opened.is_err() && !exists {
        crate::files::discard_files(&target);
    }
    let mut conn = opened?;
    let result = (|| -> Result<Summary> {
        for line in crate::datafiles::finish_owed(&conn)? {
            eprintln!("factline: {}", crate::text::visible::visible(&line));
        }
        // A root that no longer exists (the project folder was moved with its database) gives
        // way to the working folder, so that the same files keep their origins.
        let stored = crate::db::datafiles::data_root(&conn)?.map(PathBuf::from);
        let recorded = stored.clone().filter(|r| r.is_dir());
        if from_files && let Some(gone) = stored.filter(|r| !r.is_dir()) {
            eprintln!(
                "factline: {} recorded its data root as {}, which no longer exists; the \
                 working folder takes its place",
                db_path.display(),
                crate::text::visible::visible(&gone.display().to_string())
            );
        }
        let remember = from_files && recorded.is_none();
        let inputs = if from_files {
            relative_to_root(inputs, recorded)?
        } else {
            inputs
        };
        let inputs = inputs.as_slice();
        let known = db::known(&conn)?.with_mapping_keys(&tables.mappings);
        let summary = if tables.mappings.is_empty() {
            let bar = progress::claims("importing");
            let summary = db::import::import_streaming(&mut conn, inputs, &known, &|n| {
                bar.set_position(n);
            });
            bar.finish_and_clear();
            summary?
        } else {
            let files = read_all(inputs)?;
            let mut dataset = data::load(&files, &known)?;
            add_extracts(&mut dataset, &known, tables)?;
            let plan = db::import::plan(&conn, &dataset)?;
            db::import::apply(&mut conn, &dataset, &plan)?
        };
        if remember {
            // Only once the import succeeded: a refused import leaves the file as it was.
            crate::datafiles::record_root(&conn)?;
        }
        conn.close()
            .map_err(|(_, e)| e)
            .context("while closing the database")?;
        Ok(summary)
    })();
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            if !exists {
                crate::files::discard_files(&target);
            }
            if e.downcast_ref::<data::DataErrors>().is_some()
                || e.downcast_ref::<db::Busy>().is_some()
            {
                return Err(e);
            }
            return Err(e.context(format!("while importing into {}", db_path.display())));
        }
    };
    if !exists {
        std::fs::rename(&target, db_path).with_context(|| {
            format!("while moving {} to {}", target.display(), db_path.display())
        })?;
    }
    drop(building);
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
