//! One module per subcommand: its documentation, its clap `Args` and its `run`.
//!
//! A command gets what it works on from here and from [`crate::view`], never from another
//! command: the [`Database`] it reads (opened once, on first use) and [`write_data`], which
//! sends its data to stdout or to `--out FILE`.

pub mod check;
pub mod completions;
pub mod conflicts;
pub mod diff;
pub mod eval_timeml;
pub mod export;
pub mod extract;
pub mod generate;
pub mod import;
pub mod import_table;
pub mod man;
pub mod resolve;
pub mod review;
pub mod search;
pub mod serve;
pub mod show;
pub mod source;
pub mod sql;
pub mod timeline;

use std::cell::OnceCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::Connection;

use crate::files::{AtomicFile, Protected};

/// The database a read command works on, opened on first use and then kept: a command checks
/// its arguments before it asks, so a usage error never opens (or announces) anything.
#[derive(Debug)]
pub struct Database {
    path: PathBuf,
    /// How the user gave the path (`--db` or `FACTLINE_DB`); `None` for the default.
    named: Option<&'static str>,
    conn: OnceCell<Connection>,
}

impl Database {
    /// The database at `path`, not opened yet; `named` says how the user gave the path
    /// (`--db` or `FACTLINE_DB`), `None` when it is the default.
    pub fn new(path: &Path, named: Option<&'static str>) -> Database {
        Database {
            path: path.to_path_buf(),
            named,
            conn: OnceCell::new(),
        }
    }

    /// The file named by `--db`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The files a read command must not write to: the database and its journal.
    pub fn protected(&self) -> Protected {
        Protected::new().database(&self.path)
    }

    /// The connection for reading (see [`open_for_reading`]), inside one read transaction for
    /// the whole command ([`crate::db::begin_reading`]).
    pub fn read(&self) -> Result<&Connection> {
        self.read_known_at(&KnownAt::default())
    }

    /// The connection for reading, showing the database as it stood at `--as-known-at` when
    /// that was given (see [`crate::db::asof`]): every query on it reads the past state.
    pub fn read_known_at(&self, known: &KnownAt) -> Result<&Connection> {
        self.open(known, crate::db::import::Derived::Written)
    }

    /// The connection for a command that reads only the vocabulary (entities, predicates,
    /// claims' shapes, sources): without a database file, the bundled dataset is loaded
    /// without the rows derived from its claims, which such a command never reads.
    pub fn read_vocabulary(&self) -> Result<&Connection> {
        self.open(&KnownAt::default(), crate::db::import::Derived::Skipped)
    }

    fn open(&self, known: &KnownAt, derived: crate::db::import::Derived) -> Result<&Connection> {
        if let Some(conn) = self.conn.get() {
            return Ok(conn);
        }
        let instant = known.instant()?;
        let conn = open_with(&self.path, self.named, derived)?;
        if let Some(instant) = &instant {
            crate::db::asof::install(&conn, instant)?;
        }
        crate::db::begin_reading(&conn)?;
        Ok(self.conn.get_or_init(|| conn))
    }
}

impl Database {
    /// A second connection to the same file, showing the database as known at `instant` (for
    /// commands that compare two moments). The bundled dataset in memory has no past.
    pub fn read_another(&self, instant: &str) -> Result<Connection> {
        if self.named.is_none() && self.path.symlink_metadata().is_err() {
            anyhow::bail!(
                "no database at {}: comparing moments needs a database file with a history; \
                 run `factline import` to create one, or give --db",
                self.path.display()
            );
        }
        let conn = crate::db::open_for_reading(&self.path)?;
        crate::db::asof::install(&conn, instant)?;
        crate::db::begin_reading(&conn)?;
        Ok(conn)
    }
}

/// The one entity id a name or id stands for, or an error that says what would be valid.
pub fn entity_id(
    conn: &Connection,
    vocabulary: &crate::view::Vocabulary,
    name: &str,
) -> Result<String> {
    let mut ids = crate::db::resolve_entity(conn, name)?;
    match ids.len() {
        1 => Ok(ids.remove(0)),
        0 => {
            let names = &vocabulary.names;
            let candidates = names.keys().chain(names.values()).map(String::as_str);
            let hint = crate::text::nearest(name, candidates)
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            anyhow::bail!("no entity is called `{name}`{hint}")
        }
        _ => anyhow::bail!(
            "`{name}` names several entities: {}; give one of these ids",
            ids.join(", ")
        ),
    }
}

/// Fails unless `id` is a current predicate, naming the nearest and listing them all.
pub fn known_predicate(vocabulary: &crate::view::Vocabulary, id: &str) -> Result<()> {
    let predicates = &vocabulary.predicates;
    if predicates.contains_key(id) {
        return Ok(());
    }
    let hint = crate::text::nearest(id, predicates.keys().map(String::as_str))
        .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
    let mut all: Vec<&str> = predicates.keys().map(String::as_str).collect();
    all.sort();
    anyhow::bail!(
        "no predicate is called `{id}`{hint} Predicates: {}",
        all.join(", ")
    )
}

/// `--as-known-at`, shared by every read command.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct KnownAt {
    /// Read the database as it held at this instant (2026-11-01 means the end of that day,
    /// UTC; or an RFC 3339 time): claims, citations and decisions recorded by then and not yet
    /// retracted.
    #[arg(long, value_name = "DATE")]
    pub as_known_at: Option<String>,
}

impl KnownAt {
    /// The instant as stored times are written (`2026-11-01T23:59:59Z`), if one was given.
    pub fn instant(&self) -> Result<Option<String>> {
        let Some(at) = &self.as_known_at else {
            return Ok(None);
        };
        crate::time::parse_instant(at).map(Some).ok_or_else(|| {
            anyhow::anyhow!(
                "--as-known-at {at}: give a date (2026-11-01) or an RFC 3339 time \
                 (2026-11-01T09:30:00Z)"
            )
        })
    }
}

/// The database read commands work on: the file at `path`, opened read-only and never changed
/// (see [`crate::db::open_for_reading`]). When there is no file there and the path is the
/// default one (`named` is `None`: no `--db`, no `FACTLINE_DB`), the bundled dataset loaded into
/// memory, announced once on stderr; a path the user named that does not exist is an error, so
/// that a typo never reads (and publishes) the wrong data.
pub fn open_for_reading(path: &Path, named: Option<&str>) -> Result<Connection> {
    open_with(path, named, crate::db::import::Derived::Written)
}

/// [`open_for_reading`], the bundled dataset loaded with or without its derived rows.
fn open_with(
    path: &Path,
    named: Option<&str>,
    derived: crate::db::import::Derived,
) -> Result<Connection> {
    // A broken symlink or an unreadable folder is not "no database": say what is there.
    if path.exists() || path.symlink_metadata().is_ok() {
        return crate::db::open_for_reading(path);
    }
    if let Some(by) = named {
        anyhow::bail!(
            "no database at {shown} (named by {by}); check the path, or run `factline import \
             --db {shown}` to create it there",
            shown = path.display()
        );
    }
    let mut conn = crate::db::open_in_memory()?;
    let summary = crate::db::load_bundled_with(&mut conn, derived)?;
    eprintln!(
        "factline: no database at {} (the default path); using the bundled dataset ({} claims) \
         in memory. Run `factline import` to create one, or give --db.",
        path.display(),
        summary.claims.added
    );
    Ok(conn)
}

/// Says on stderr that the command waits for another one that is changing the database's
/// data files (see [`crate::files::WriteLock`]).
pub fn say_waiting(db: &Path) {
    eprintln!(
        "factline: waiting for another command that is changing {}",
        crate::text::visible::visible(&db.display().to_string())
    );
}

/// Refuses `-` among the file arguments of a command that reads files only (`sql -` is the
/// one that reads standard input): said plainly rather than "no such file `-`".
pub fn refuse_stdin<'a>(command: &str, paths: impl IntoIterator<Item = &'a Path>) -> Result<()> {
    if paths.into_iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!(
            "`factline {command}` does not read standard input (`-`): save what you would pipe \
             to a file and give that file's path (a file named `-` is `./-`); only `factline \
             sql -` reads standard input"
        );
    }
    Ok(())
}

/// Runs `write` on the `--out` file when one is given, else on `out`. The file is checked
/// first ([`crate::files::guard`]: never one of `protected`, a special file or a link out of
/// its folder) and written atomically: a failed or killed run leaves it as it was.
pub fn write_data(
    out: &mut dyn Write,
    file: Option<&Path>,
    protected: &Protected,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = file else {
        // A reader that stopped reading (`| head`) has what it wanted: the command goes on to
        // its exit code.
        return crate::output::pipe::unless_closed(write(out));
    };
    let target = crate::files::guard(path, "--out", protected)?;
    let mut file = AtomicFile::create(&target)?;
    crate::output::writing_to_file();
    write(&mut file)?;
    file.flush()
        .with_context(|| format!("while writing {}", path.display()))?;
    file.commit()
}
