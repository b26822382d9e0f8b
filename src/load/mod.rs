//! Data files into a database: what `factline import`, `diff --rev` and every writer of data
//! files share. An [`Import`] names what to read (data files and folders, or the bundled
//! dataset) with the tables its mappings bundle; [`Import::dry_run`] validates it and plans the
//! change, [`Import::into`] writes it in one transaction (a new database is built beside its
//! path and renamed into place only when the import succeeded), and [`folder_into`] loads a
//! folder into an open connection as one plan. [`table`] reads a table through its mapping
//! without importing it (the dry run, the extract).

pub mod table;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use crate::data::{self, DataFile};
use crate::db::{
    self,
    import::{Counts, Summary},
};
use crate::words::plural;

/// What an import reads: its inputs, how they are named in messages, and the tables its data
/// folders' mappings bundle.
pub struct Import {
    inputs: Vec<data::Input>,
    shown: String,
    tables: Tables,
    /// Files on disk (named by their path below the data root), not the bundled dataset.
    from_files: bool,
}

/// The tables a data folder bundles: its mappings with an `extract`, and how to read the files
/// they name.
struct Tables {
    mappings: Vec<DataFile>,
    read: Box<crate::table::ReadFile>,
}

/// What an import tells its caller while it runs: waiting for another writer, a note worth
/// saying (work a killed writer owed, a data root that moved), claims written so far.
pub struct Hooks<'a> {
    pub waiting: &'a dyn Fn(&Path),
    pub note: &'a dyn Fn(&str),
    pub progress: &'a dyn Fn(u64),
}

impl Import {
    /// The dataset bundled with the program.
    pub fn bundled() -> Import {
        Import {
            inputs: crate::bundled::files()
                .into_iter()
                .map(data::Input::Text)
                .collect(),
            shown: "the bundled dataset".to_string(),
            tables: Tables {
                mappings: crate::bundled::mappings(),
                read: Box::new(crate::bundled::table_file),
            },
            from_files: false,
        }
    }

    /// Data files and folders (every .toml and .jsonl below them), with the mappings of the
    /// folders; `data/` in the working folder when `paths` is empty.
    pub fn files(paths: &[PathBuf]) -> Result<Import> {
        let paths = if !paths.is_empty() {
            paths.to_vec()
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
        Ok(Import {
            inputs,
            shown,
            tables: Tables { mappings, read },
            from_files: true,
        })
    }

    /// How the inputs are named in messages ("data/", "the bundled dataset").
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Validates everything and plans what importing into `db_path` would change; writes
    /// nothing.
    pub fn dry_run(self, db_path: &Path) -> Result<Summary> {
        let exists = db_path.exists();
        let inputs = if self.from_files {
            let root = if exists {
                crate::db::datafiles::data_root(&db::open_read_only(db_path)?)
                    .ok()
                    .flatten()
                    .map(PathBuf::from)
            } else {
                None
            };
            relative_to_root(self.inputs, root)?
        } else {
            self.inputs
        };
        let files = read_all(&inputs)?;
        let known = if exists {
            // A database of an older schema is named with the command that upgrades it.
            db::known(&db::open_for_reading(db_path)?)?
        } else {
            data::Known::default()
        }
        .with_mapping_keys(&self.tables.mappings);
        let mut dataset = data::load(&files, &known)?;
        add_extracts(&mut dataset, &known, &self.tables)?;
        let plan = if exists {
            db::import::plan(&db::open_for_reading(db_path)?, &dataset)?
        } else {
            db::import::plan(&db::open_in_memory()?, &dataset)?
        };
        Ok(plan.summary())
    }

    /// Validates and writes in one transaction. An existing database is locked against the
    /// commands that change data files, and what a killed one owed is finished before the files
    /// are read. A new database is built in a file beside the target and renamed into place only
    /// when the import succeeded, so a failed import into a path where no database was leaves
    /// nothing behind. Data files alone are streamed (claims written as they are validated);
    /// with table extracts, everything is validated first and written as one plan.
    pub fn into(self, db_path: &Path, hooks: &Hooks) -> Result<Summary> {
        let started = std::time::Instant::now();
        let _lock = if db_path.exists() {
            Some(crate::files::WriteLock::take(db_path, hooks.waiting)?)
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
        let conn = opened?;
        if !exists {
            db::building(&conn)?;
        }
        match self.write(conn, db_path, hooks, !exists) {
            Ok(summary) => {
                if let Some(building) = building {
                    building.into_place(db_path)?;
                }
                Ok(summary)
            }
            Err(e) => {
                if !exists {
                    crate::files::discard_files(&target);
                }
                if e.downcast_ref::<data::DataErrors>().is_some()
                    || e.downcast_ref::<db::Busy>().is_some()
                {
                    return Err(e);
                }
                Err(e.context(format!("while importing into {}", db_path.display())))
            }
        }
    }

    /// The import itself, on the open (and, for an existing database, locked) connection.
    fn write(
        self,
        mut conn: Connection,
        db_path: &Path,
        hooks: &Hooks,
        building: bool,
    ) -> Result<Summary> {
        for line in crate::datafiles::finish_owed(&conn)? {
            (hooks.note)(&line);
        }
        // A root that no longer exists (the project folder was moved with its database) gives
        // way to the working folder, so that the same files keep their origins.
        let stored = crate::db::datafiles::data_root(&conn)?.map(PathBuf::from);
        let recorded = stored.clone().filter(|r| r.is_dir());
        if self.from_files
            && let Some(gone) = stored.filter(|r| !r.is_dir())
        {
            (hooks.note)(&format!(
                "{} recorded its data root as {}, which no longer exists; the working folder \
                 takes its place",
                db_path.display(),
                gone.display()
            ));
        }
        let remember = self.from_files && recorded.is_none();
        let inputs = if self.from_files {
            relative_to_root(self.inputs, recorded)?
        } else {
            self.inputs
        };
        // A streaming import reads the stored claim ids only if its files hold resolutions.
        let known = if self.tables.mappings.is_empty() {
            db::known_but_claims(&conn)?
        } else {
            db::known(&conn)?
        };
        let known = known.with_mapping_keys(&self.tables.mappings);
        let summary = if self.tables.mappings.is_empty() {
            db::import::import_streaming(&mut conn, &inputs, &known, hooks.progress)?
        } else {
            let files = read_all(&inputs)?;
            let mut dataset = data::load(&files, &known)?;
            add_extracts(&mut dataset, &known, &self.tables)?;
            let plan = db::import::plan(&conn, &dataset)?;
            db::import::apply(&mut conn, &dataset, &plan)?
        };
        if remember {
            // Only once the import succeeded: a refused import leaves the file as it was.
            crate::datafiles::record_root(&conn)?;
        }
        if building && cfg!(debug_assertions) {
            // Every reference was checked as it was read; a debug build (the tests) checks
            // the file too.
            db::check_references(&conn)?;
        }
        if building {
            db::set_journal_mode(&conn, "WAL")?;
        }
        conn.close()
            .map_err(|(_, e)| e)
            .context("while closing the database")?;
        Ok(summary)
    }
}

/// Imports the data folder `folder` (below `root`) into `conn` as one plan, files named by
/// their path relative to `root`: a folder taken out of git at a revision, say.
pub fn folder_into(conn: &mut Connection, root: &Path, folder: &Path) -> Result<Summary> {
    let relative = |path: &str| -> String {
        Path::new(path)
            .strip_prefix(root)
            .map_or_else(|_| path.to_string(), |p| p.display().to_string())
    };
    let files: Vec<DataFile> = data::read::read_paths(&[folder.to_path_buf()])?
        .into_iter()
        .map(|f| DataFile {
            path: relative(&f.path),
            text: f.text,
        })
        .collect();
    let base = root.to_path_buf();
    let tables = Tables {
        mappings: data::read_mappings(folder)?,
        read: Box::new(move |path: &str| data::read::read_bounded_text(&base.join(path), path)),
    };
    let known = db::known(conn)?.with_mapping_keys(&tables.mappings);
    let mut dataset = data::load(&files, &known)?;
    add_extracts(&mut dataset, &known, &tables)?;
    let plan = db::import::plan(conn, &dataset)?;
    db::import::apply(conn, &dataset, &plan)
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

/// Adds the claims of the tables the data's mappings bundle, as dataset rows.
fn add_extracts(dataset: &mut data::Dataset, known: &data::Known, tables: &Tables) -> Result<()> {
    let curated = dataset.claims.len();
    crate::table::add_extracts(dataset, known, &tables.mappings, &*tables.read)?;
    for c in &mut dataset.claims[curated..] {
        c.item.read_from_table();
    }
    Ok(())
}

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

/// "add 12 claims, 2 sources; change 1 claim", or in the past ("added …") when `past`.
pub fn describe(s: &Summary, past: bool) -> String {
    let kinds = [
        ("claim", "claims", s.claims),
        ("source", "sources", s.sources),
        ("entity", "entities", s.entities),
        ("predicate", "predicates", s.predicates),
        ("resolution", "resolutions", s.resolutions),
        ("rule", "rules", s.rules),
    ];
    let mut clauses = Vec::new();
    for (verb, done, column) in [
        ("add", "added", 0),
        ("change", "changed", 1),
        ("retract", "retracted", 2),
    ] {
        let count = |c: &Counts| [c.added, c.changed, c.retracted][column];
        let items: Vec<String> = kinds
            .iter()
            .filter(|(_, _, c)| count(c) > 0)
            .map(|(one, many, c)| plural(count(c), one, many))
            .collect();
        if !items.is_empty() {
            clauses.push(format!(
                "{} {}",
                if past { done } else { verb },
                items.join(", ")
            ));
        }
    }
    if clauses.is_empty() {
        "change nothing".to_string()
    } else {
        clauses.join("; ")
    }
}

/// "a.db already holds 119 claims, 7 sources, …": what an import that changed nothing found.
pub fn held(s: &Summary) -> String {
    [
        (s.claims, "claim", "claims"),
        (s.sources, "source", "sources"),
        (s.entities, "entity", "entities"),
        (s.predicates, "predicate", "predicates"),
    ]
    .map(|(c, one, many)| plural(c.unchanged, one, many))
    .join(", ")
}
