//! The database: opening a connection (pragmas, migrations) and every SQL statement.
//!
//! Nothing outside `db/` runs SQL. `import` writes a validated dataset; `query` reads claims,
//! entities and sources back as model types; `sql` runs a user's read-only query; `schema`
//! lists the tables and views with their columns.

pub mod asof;
pub mod conflicts;
pub mod datafiles;
pub mod history;
pub mod import;
pub mod query;
pub mod ready;
pub mod review;
pub mod schema;
mod search;
pub mod series;
pub mod sql;

use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use crate::data::Known;
use crate::model::{ChangeKind, ChangeUnit, Predicate, StateChange, ValueType};
use crate::text::fold;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Opens (creating if needed) the database file and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    if path.is_dir() {
        bail!(
            "{} is a folder, not a database file; give a file with --db",
            path.display()
        );
    }
    let mut conn = Connection::open(path).map_err(|e| explain_open(path, e))?;
    let (tables, ours): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(name = 'refinery_schema_history'), 0)
             FROM sqlite_master WHERE type = 'table'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| explain_open(path, e))?;
    if tables > 0 && ours == 0 {
        anyhow::bail!(
            "{} is an SQLite database but not a factline one; give another path with --db",
            path.display()
        );
    }
    if ours > 0 {
        // refinery panics on some malformed history rows: they are checked first.
        history(&conn, path)?;
    }
    // Only now may the file change (WAL mode rewrites the header).
    configure(&conn).with_context(|| format!("while configuring {}", path.display()))?;
    migrate(&mut conn).with_context(|| format!("while migrating {}", path.display()))?;
    Ok(conn)
}

/// Opens an existing database without writing to it, for validation and dry runs.
pub fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("while opening the database {} read-only", path.display()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Opens an existing database for a read command without changing a byte of it: read-only
/// (`SQLITE_OPEN_READ_ONLY`), no migrations, no journal-mode change. A file that is not a
/// factline database, one whose schema is older than this binary's (it names the command that
/// upgrades it) and one made by a newer factline are refused with a message naming the path.
pub fn open_for_reading(path: &Path) -> Result<Connection> {
    let shown = path.display();
    let meta =
        std::fs::metadata(path).with_context(|| format!("while opening the database {shown}"))?;
    if meta.is_dir() {
        bail!("{shown} is a folder, not a database file; give the database file with --db");
    }
    if !meta.is_file() {
        bail!("{shown} is not a regular file; give a factline database file with --db");
    }
    if meta.len() == 0 {
        bail!(
            "{shown} is empty (0 bytes), not a factline database; run `factline import` to \
             create one there, or give another path with --db"
        );
    }
    let conn = match connect_for_reading(path, false) {
        Ok(conn) => conn,
        Err(e) if needs_a_writable_folder(&e) => {
            let wal = sidecar(path, "-wal");
            // An empty -wal (what a reader leaves) holds no writes.
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                bail!(
                    "{shown} cannot be read: its folder cannot be written, and SQLite needs to \
                     create {} there to read the writes still in {}; make the folder writable, \
                     or copy the database with its -wal file into one that is",
                    sidecar(path, "-shm").display(),
                    wal.display()
                );
            }
            // A database in WAL mode whose last writer closed it cleanly (no -wal file, or an
            // empty one): the main file holds everything. SQLite would still create the -shm file to read it,
            // which a read-only folder does not allow; opened as immutable it reads the file
            // alone, without locks. No factline process can write meanwhile: a writer needs
            // the folder writable too.
            connect_for_reading(path, true).map_err(|e| explain_open(path, e))?
        }
        Err(e) => return Err(explain_open(path, e)),
    };
    check_schema(&conn, path)?;
    Ok(conn)
}

/// A read-only connection to `path` with the read settings, after a first read of the schema
/// (which is where SQLite reports a file it cannot read). `immutable`: through a URI that
/// tells SQLite the file cannot change, so it takes no locks and needs no -shm file.
fn connect_for_reading(path: &Path, immutable: bool) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if immutable {
        Connection::open_with_flags(
            format!("{}?immutable=1", file_uri(path)),
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "query_only", "ON")?;
    read_settings(&conn)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// True when SQLite could not read a file because it could not create a file beside it (a
/// WAL database's -shm in a folder that cannot be written).
fn needs_a_writable_folder(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_READONLY_DIRECTORY
                || f.extended_code == rusqlite::ffi::SQLITE_READONLY_CANTINIT
                || f.code == rusqlite::ErrorCode::CannotOpen
    )
}

/// The file SQLite keeps beside `path` with `suffix` (`-wal`, `-shm`, `-journal`).
fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// `path` as an SQLite `file:` URI: every byte but letters, digits, `-._~/` percent-encoded,
/// so that `?`, `#` and `%` in a file name stay part of the name. An absolute path gets an
/// empty authority (`file:///…`), so that one starting `//` is not read as a host.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from(if path.has_root() { "file://" } else { "file:" });
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Page cache settings for read commands. A timeline walks an index and visits the claims in
/// time order, not in storage order: with SQLite's default 2 MB cache nearly every row is a
/// fresh read from the operating system. Mapping the file (read-only, so nothing can be written
/// through the map) and a larger cache keep those visits in memory the process shares with the
/// operating system's own file cache; both only grow as pages are touched.
fn read_settings(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "mmap_size", READ_MMAP_BYTES)?;
    conn.pragma_update(None, "cache_size", -READ_CACHE_KIB)?;
    Ok(())
}

/// Stops mapping the file on a connection [`open_for_reading`] made: for a command that looks
/// rows up one at a time across the whole file (a table's dry run), the map saves little and
/// makes the process's resident memory grow with the database.
pub fn unmapped(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "mmap_size", 0)?;
    Ok(())
}

/// The most of a database file a read command maps into memory: as much as SQLite allows (it
/// lowers the request to its compile-time limit, 2 GiB). Mapped pages are the operating
/// system's file cache, shared and given back under pressure; pages beyond the map are copied
/// into the page cache, which is the process's own memory.
const READ_MMAP_BYTES: i64 = 1 << 40;
/// The page cache a read command may fill, in KiB (SQLite's negative `cache_size`). SQLite also
/// lets a sorter (an ORDER BY or GROUP BY no index answers) hold this much before it spills to
/// a temporary file, so this bounds a read's own memory twice over; the pages of a mapped file
/// do not pass through it.
const READ_CACHE_KIB: i64 = 16 * 1024;

/// What to add to an error that reached the user from SQLite after the database was opened,
/// said with the database's path and what to do: a damaged page found while reading, or a
/// clock behind the times already stored (a claim cannot be retracted before it was recorded).
pub fn hint(err: &anyhow::Error, db: &Path) -> Option<String> {
    let failure = err.chain().find_map(|cause| match cause.downcast_ref() {
        Some(rusqlite::Error::SqliteFailure(f, message)) => Some((f.code, message.clone())),
        _ => None,
    })?;
    let shown = db.display();
    match failure {
        (rusqlite::ErrorCode::DatabaseCorrupt, _) => Some(format!(
            "{shown} is damaged: SQLite found a malformed page while reading it; restore it from \
             a copy, or import the data again into a new file (`factline --db new.db import`)"
        )),
        (rusqlite::ErrorCode::ConstraintViolation, Some(message))
            if message.contains("retracted_at >= recorded_at") =>
        {
            Some(format!(
                "the clock reads {}, earlier than when claims in {shown} were recorded, and a \
                 claim cannot be retracted before it was recorded; set FACTLINE_NOW to a later \
                 time (or unset it) or correct the system clock; nothing was written",
                crate::time::now()
            ))
        }
        _ => None,
    }
}

/// What went wrong opening or first reading `path`, said with its path and what to do.
pub fn explain_open(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    let shown = path.display();
    let code = match &e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    match code {
        Some(rusqlite::ErrorCode::NotADatabase) => anyhow::anyhow!(
            "{shown} is not an SQLite database (or its first page is damaged); give a factline \
             database with --db"
        ),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => anyhow::anyhow!(
            "{shown} is damaged (SQLite reports a malformed or truncated database); restore it \
             from a copy or import the data again into a new file"
        ),
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            anyhow::Error::new(Locked {
                path: shown.to_string(),
            })
        }
        Some(rusqlite::ErrorCode::CannotOpen) => anyhow::anyhow!(
            "cannot open the database {shown}: {e}; check that the path and its folder exist \
             and can be read"
        ),
        _ => anyhow::Error::new(e).context(format!("while reading the database {shown}")),
    }
}

/// Checks, without writing, that the database at `path` has exactly the migrations this binary
/// knows: refinery's history is read and compared with the embedded migrations before anything
/// else is trusted.
fn check_schema(conn: &Connection, path: &Path) -> Result<()> {
    let shown = path.display();
    let (tables, ours): (i64, i64) = conn
        .query_row(
            "SELECT count(*), coalesce(sum(name = 'refinery_schema_history'), 0)
             FROM sqlite_master WHERE type = 'table'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| explain_open(path, e))?;
    if tables == 0 {
        bail!(
            "{shown} is an empty SQLite database; run `factline import` to fill it, or give \
             another path with --db"
        );
    }
    if ours == 0 {
        bail!("{shown} is an SQLite database but not a factline one; give another path with --db");
    }
    let applied = history(conn, path)?;
    let known = known_migrations();
    let missing: Vec<String> = known
        .iter()
        .filter(|(v, _)| !applied.iter().any(|(a, _)| a == v))
        .map(|(v, name)| format!("V{v} {name}"))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{shown} needs upgrading to this factline's schema (missing {}); run `factline \
             import` on it once (it upgrades the schema, then imports), then read it again",
            missing.join(", ")
        );
    }
    Ok(())
}

/// The migrations this binary carries: (version, name).
fn known_migrations() -> Vec<(i64, String)> {
    embedded::migrations::runner()
        .get_migrations()
        .iter()
        .map(|m| (i64::from(m.version()), m.name().to_string()))
        .collect()
}

/// Reads refinery's schema history and checks every row before anything trusts it (refinery
/// itself panics on some malformed rows): a version this factline knows, under the same name
/// and checksum, recorded at an RFC 3339 time. Returns (version, name) of each row. A version
/// this factline does not know means a newer factline made the file.
fn history(conn: &Connection, path: &Path) -> Result<Vec<(i64, String)>> {
    use rusqlite::types::Value;
    let shown = path.display();
    let edited = "the file was changed by hand or by another program; restore it from a copy, \
                  or import the data into a new file";
    let rows: Vec<Vec<Value>> = conn
        .prepare(
            "SELECT version, name, applied_on, checksum FROM refinery_schema_history
             ORDER BY rowid",
        )
        .and_then(|mut stmt| {
            stmt.query_map([], |r| (0..4).map(|i| r.get::<_, Value>(i)).collect())?
                .collect()
        })
        .map_err(|e| {
            anyhow::anyhow!(
                "{shown}: the schema history (refinery_schema_history) cannot be read ({e}); \
                 {edited}"
            )
        })?;
    let embedded = embedded::migrations::runner();
    let known = embedded.get_migrations();
    let newest = known.iter().map(|m| m.version()).max().unwrap_or(0);
    let mut applied = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        let bad = |what: String| {
            anyhow::anyhow!(
                "{shown}: row {} of the schema history (refinery_schema_history) {what}; {edited}",
                n + 1
            )
        };
        let version = match &row[0] {
            Value::Integer(v) => *v,
            other => {
                return Err(bad(format!(
                    "has the version {other:?}, not a whole number"
                )));
            }
        };
        let name = match &row[1] {
            Value::Text(t) => t.clone(),
            other => {
                return Err(bad(format!(
                    "(version {version}) has the name {}, not a text",
                    shown_value(other)
                )));
            }
        };
        let Some(migration) = known.iter().find(|m| i64::from(m.version()) == version) else {
            bail!(
                "{shown} was made by a newer factline (it has schema version {version}, \
                 `{name}`; this one knows versions up to {newest}); use a newer factline to \
                 read it"
            );
        };
        let applied_on = match &row[2] {
            Value::Text(t) => t.as_str(),
            _ => "",
        };
        if time::OffsetDateTime::parse(applied_on, &time::format_description::well_known::Rfc3339)
            .is_err()
        {
            return Err(bad(format!(
                "(version {version}, `{name}`) has applied_on {}, not an RFC 3339 time",
                shown_value(&row[2])
            )));
        }
        let checksum = match &row[3] {
            Value::Text(t) => t.parse::<u64>().ok(),
            _ => None,
        };
        let Some(checksum) = checksum else {
            return Err(bad(format!(
                "(version {version}, `{name}`) has the checksum {}, not a number",
                shown_value(&row[3])
            )));
        };
        if applied.iter().any(|(v, _)| *v == version) {
            return Err(bad(format!("records version {version} a second time")));
        }
        if migration.name() != name {
            return Err(bad(format!(
                "records version {version} as `{name}` but this factline knows it as `{}`",
                migration.name()
            )));
        }
        if migration.checksum() != checksum {
            return Err(bad(format!(
                "records version {version} (`{name}`) with a checksum this factline's \
                 migration does not have"
            )));
        }
        applied.push((version, name));
    }
    if let Some(top) = applied.iter().map(|(v, _)| *v).max() {
        let gaps: Vec<String> = known
            .iter()
            .filter(|m| i64::from(m.version()) < top)
            .filter(|m| !applied.iter().any(|(v, _)| *v == i64::from(m.version())))
            .map(|m| format!("V{} {}", m.version(), m.name()))
            .collect();
        if !gaps.is_empty() {
            bail!(
                "{shown}: the schema history (refinery_schema_history) records version {top} \
                 but not the earlier {}; {edited}",
                gaps.join(", ")
            );
        }
    }
    let pending: Vec<_> = known
        .iter()
        .filter(|m| !applied.iter().any(|(v, _)| *v == i64::from(m.version())))
        .collect();
    if let Some((migration, object)) = made_already(conn, &pending)? {
        bail!(
            "{shown}: the schema history (refinery_schema_history) does not record V{} {}, \
             but the file already has its {object}; {edited}",
            migration.version(),
            migration.name()
        );
    }
    Ok(applied)
}

/// The first object (table, index, view, trigger or column) that a migration the history does
/// not record would create, but which the file already has: the sign of a history row deleted
/// by hand, which would otherwise surface as SQLite's "already exists" halfway through
/// upgrading. Objects a migration drops before creating them again do not count.
fn made_already<'m>(
    conn: &Connection,
    pending: &[&'m refinery::Migration],
) -> Result<Option<(&'m refinery::Migration, String)>> {
    if pending.is_empty() {
        return Ok(None);
    }
    let statement = regex::Regex::new(
            r#"(?ix)
            \b(?:
                (?P<drop>DROP)\s+(?P<dkind>TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+EXISTS\s+)?["`\[]?(?P<dname>\w+)
              | CREATE\s+(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(?P<ckind>TABLE|INDEX|VIEW|TRIGGER)\s+
                (?P<guarded>IF\s+NOT\s+EXISTS\s+)?["`\[]?(?P<cname>\w+)
              | ALTER\s+TABLE\s+["`\[]?(?P<table>\w+)["`\]]?\s+ADD\s+(?:COLUMN\s+)?["`\[]?(?P<column>\w+)
            )"#,
    )
    .context("while reading the migrations' statements")?;
    let exists = |kind: &str, name: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = ?1 AND name = ?2 COLLATE NOCASE",
            [kind.to_ascii_lowercase(), name.to_string()],
            |r| r.get(0),
        )?)
    };
    let has_column = |table: &str, column: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE",
            [table, column],
            |r| r.get(0),
        )?)
    };
    let mut dropped: Vec<String> = Vec::new();
    for migration in pending {
        let sql = migration.sql().unwrap_or("");
        for found in statement.captures_iter(sql) {
            if let Some(name) = found.name("dname") {
                dropped.push(name.as_str().to_ascii_lowercase());
            } else if let (Some(kind), Some(name)) = (found.name("ckind"), found.name("cname")) {
                let (kind, name) = (kind.as_str(), name.as_str());
                if found.name("guarded").is_none()
                    && !dropped.contains(&name.to_ascii_lowercase())
                    && exists(kind, name)?
                {
                    let object = format!("{} {name}", kind.to_ascii_lowercase());
                    return Ok(Some((migration, object)));
                }
            } else if let (Some(table), Some(column)) = (found.name("table"), found.name("column"))
                && has_column(table.as_str(), column.as_str())?
            {
                let object = format!("column {}.{}", table.as_str(), column.as_str());
                return Ok(Some((migration, object)));
            }
        }
    }
    Ok(None)
}

/// A stored value as a message shows it: `NULL`, a number, a quoted text (control characters
/// made visible), or the size of a blob.
fn shown_value(value: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Null => "NULL".to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Text(t) => format!("\"{}\"", crate::text::visible::visible(t)),
        Value::Blob(b) => format!("a blob of {} bytes", b.len()),
    }
}

/// A fresh in-memory database with the current schema.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory().context("while opening an in-memory database")?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Connection settings that are not part of the schema: they must be set on every open.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // In-memory databases answer "memory"; files switch to write-ahead logging.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Settings for a new database file being built, which nothing else can open yet: no
/// write-ahead log (with a rollback journal, pages the import adds are written once, not to
/// the log and again at a checkpoint, and only the few pages the schema had are journalled;
/// the file switches back before it is moved into place), and no lookup of each row's
/// references as it is written (the import checks every one against its vocabulary as it
/// reads it, and a debug build checks the file once written, [`check_references`]): SQLite's
/// lookups of the entity, predicate and source of every claim, citation and qualifier were
/// 7% of a first import.
pub fn building(conn: &Connection) -> Result<()> {
    set_journal_mode(conn, "DELETE")?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    Ok(())
}

/// Fails when a row of the database refers to one that does not exist: the check of a file
/// written without foreign keys enforced (a first import, see [`crate::load`]), which debug
/// builds make.
pub fn check_references(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    if let Some(row) = rows.next()? {
        let (table, rowid, parent): (String, Option<i64>, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        bail!(
            "the import wrote a {table} row (row id {}) that refers to a missing {parent} \
             row; nothing was imported. This is a bug in factline: please report it with \
             the files imported",
            rowid.map_or_else(|| "none".to_string(), |r| r.to_string())
        );
    }
    Ok(())
}

/// Switches the journal mode of a database this connection alone has open (`DELETE` or
/// `WAL`), and checks that it took.
pub fn set_journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let now: String = conn
        .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0))
        .with_context(|| format!("while switching the journal mode to {mode}"))?;
    if !now.eq_ignore_ascii_case(mode) {
        bail!("the database stayed in journal mode {now}, not {mode}");
    }
    Ok(())
}

/// How long a writer waits for another writer's transaction to end before giving up.
pub const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Another connection held the database's write lock for longer than [`WRITE_WAIT`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{path} is being written by another factline import (or another program); waited {waited} s \
     for it to finish and it has not; nothing was written: run this again when it has finished"
)]
pub struct Busy {
    pub path: String,
    pub waited: u64,
}

/// The database was locked by another writer when it was first opened or read.
#[derive(Debug, thiserror::Error)]
#[error(
    "{path} is locked: another factline import (or another program) is writing to it; try \
     again when it has finished"
)]
pub struct Locked {
    pub path: String,
}

/// Whether an error is a lock another connection held that no message has explained yet:
/// [`Busy`] and [`Locked`] say so themselves.
pub fn is_unexplained_lock(err: &anyhow::Error) -> bool {
    if err
        .chain()
        .any(|c| c.downcast_ref::<Busy>().is_some() || c.downcast_ref::<Locked>().is_some())
    {
        return false;
    }
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                )
        )
    })
}

/// Begins a write transaction that holds the write lock from its first statement
/// (`BEGIN IMMEDIATE`): a second writer waits up to [`WRITE_WAIT`] for the first to finish, then
/// fails with [`Busy`], instead of reading a snapshot it could not later write over.
pub fn begin_writing(conn: &mut Connection) -> Result<rusqlite::Transaction<'_>> {
    let path = conn.path().unwrap_or("the database").to_string();
    conn.busy_timeout(WRITE_WAIT)?;
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                anyhow::Error::new(Busy {
                    path: path.clone(),
                    waited: WRITE_WAIT.as_secs(),
                })
            }
            _ => anyhow::Error::new(e).context(format!("while beginning to write to {path}")),
        })
}

/// Begins the read transaction (`BEGIN DEFERRED`) a read command's statements share: every one
/// sees the same snapshot and the read lock is taken once, not once per statement. It lasts
/// as long as the connection (nothing is written, so closing ends it with nothing lost).
pub fn begin_reading(conn: &Connection) -> Result<()> {
    conn.execute_batch("BEGIN DEFERRED")
        .context("while beginning a read transaction")
}

/// Applies the embedded migrations that have not run yet; a no-op on an up-to-date database.
pub fn migrate(conn: &mut Connection) -> Result<usize> {
    let report = embedded::migrations::runner()
        .run(conn)
        .context("while applying migrations")?;
    Ok(report.applied_migrations().len())
}

/// True when the database has the factline schema (a file made by another program does not).
pub fn has_schema(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'claim'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// The sources, entities and predicates already in the database, with the qualifier keys and
/// current claim ids, for validating new files.
pub fn known(conn: &Connection) -> Result<Known> {
    let mut known = known_but_claims(conn)?;
    if !has_schema(conn)? {
        return Ok(known);
    }
    let mut stmt = conn.prepare("SELECT id FROM claim WHERE retracted_at IS NULL")?;
    for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
        known.claims.insert(id?);
    }
    Ok(known)
}

/// [`known`] without the claim ids, for a streaming import, whose writer reads them only for
/// files that hold resolutions ([`crate::data::Sink::stored_claim_ids`]): at millions of
/// claims they are the largest part of what an import would hold.
pub fn known_but_claims(conn: &Connection) -> Result<Known> {
    let mut known = vocabulary(conn)?;
    if !has_schema(conn)? {
        return Ok(known);
    }
    let mut stmt = conn.prepare("SELECT DISTINCT key FROM claim_qualifier")?;
    for key in stmt.query_map([], |r| r.get::<_, String>(0))? {
        known.qualifier_keys.insert(key?);
    }
    Ok(known)
}

/// The sources, entities and predicates already in the database, without the claims (a table
/// mapping needs only these; the claim ids of a large database take memory and a read of the
/// whole claim table).
pub fn vocabulary(conn: &Connection) -> Result<Known> {
    let mut known = Known::default();
    if !has_schema(conn)? {
        return Ok(known);
    }
    let mut stmt = conn.prepare("SELECT id, kind FROM source WHERE retracted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, kind) = row?;
        if kind == "dataset" {
            known.datasets.insert(id.clone());
        }
        known.sources.insert(id);
    }
    let mut stmt = conn.prepare(
        "SELECT e.id, a.alias FROM entity e LEFT JOIN entity_alias a ON a.entity_id = e.id
         WHERE e.retracted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    for row in rows {
        let (id, alias) = row?;
        let names = known.entities.entry(id).or_default();
        names.extend(alias);
    }
    for predicate in query::predicates(conn)? {
        known.predicates.insert(predicate.id.clone(), predicate);
    }
    Ok(known)
}

/// Loads the bundled dataset into a connection (used when no database file exists).
pub fn load_bundled(conn: &mut Connection) -> Result<import::Summary> {
    load_bundled_with(conn, import::Derived::Written)
}

/// [`load_bundled`], with or without the rows derived from the claims (see
/// [`import::Derived`]).
pub fn load_bundled_with(
    conn: &mut Connection,
    derived: import::Derived,
) -> Result<import::Summary> {
    let dataset = crate::bundled::dataset()
        .map_err(|e| anyhow::anyhow!("the bundled dataset is invalid:\n{e}"))?;
    let plan = import::plan(conn, &dataset)?;
    import::apply_with(conn, &dataset, &plan, derived)
}

/// Records a decision that lives in the database only (no data file), in its own transaction.
pub fn save_resolution(conn: &mut Connection, resolution: &crate::model::Resolution) -> Result<()> {
    let tx = begin_writing(conn)?;
    record_resolution(&tx, resolution, None)?;
    tx.commit().context("while committing the resolution")?;
    Ok(())
}

/// Records a resolution and the assessments it implies (one per claim). Call inside a
/// transaction when it must be atomic with other writes.
pub fn record_resolution(
    conn: &Connection,
    resolution: &crate::model::Resolution,
    origin: Option<&str>,
) -> Result<()> {
    let deprecated = serde_json::to_string(&resolution.deprecate)?;
    conn.prepare_cached(
        "INSERT INTO resolution (conflict_id, preferred, deprecated, reason, note, analyst,
           recorded_at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        resolution.conflict,
        resolution.prefer,
        deprecated,
        resolution.reason,
        resolution.note,
        resolution.by,
        resolution.recorded_at,
        origin
    ])
    .with_context(|| format!("while recording the resolution of {}", resolution.conflict))?;
    let reason = format!("{} (conflict {})", resolution.reason, resolution.conflict);
    let mut assess = conn.prepare_cached(
        "INSERT INTO assessment (claim_id, rank, reason, note, analyst, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let ranks = std::iter::once((&resolution.prefer, "preferred"))
        .chain(resolution.deprecate.iter().map(|d| (d, "deprecated")));
    for (claim, rank) in ranks {
        assess.execute(rusqlite::params![
            claim,
            rank,
            reason,
            resolution.note,
            resolution.by,
            resolution.recorded_at
        ])?;
    }
    Ok(())
}

/// Entity ids whose id, name or alias folds to the same text as `name`.
pub fn resolve_entity(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.entity_id FROM entity_alias a JOIN entity e ON e.id = a.entity_id
         WHERE a.folded = ?1 AND e.retracted_at IS NULL ORDER BY a.entity_id",
    )?;
    let ids = stmt
        .query_map([fold(name)], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

fn value_type_from_sql(name: &str) -> rusqlite::Result<ValueType> {
    ValueType::parse(name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown value type `{name}` in the database").into(),
        )
    })
}

fn predicate_from_row(r: &rusqlite::Row) -> rusqlite::Result<Predicate> {
    Ok(Predicate {
        id: r.get("id")?,
        label: r.get("label")?,
        value_type: value_type_from_sql(&r.get::<_, String>("value_type")?)?,
        unit: r.get("unit")?,
        functional: r.get::<_, i64>("functional")? != 0,
        once: r.get::<_, i64>("once")? != 0,
        max_annual_change: r.get("max_annual_change")?,
        typical_annual_change: r.get("typical_annual_change")?,
        change_unit: ChangeUnit::parse(&r.get::<_, String>("change_unit")?).unwrap_or_default(),
        comparable_within_days: r.get("comparable_within_days")?,
        template: r.get("template")?,
        description: r.get("description")?,
        cues: cues_from_sql(&r.get::<_, String>("cues")?)?,
        state_change: state_change_from_sql(r)?,
    })
}

/// The `state_of` and `state_change` columns (migration V15): both or neither.
fn state_change_from_sql(r: &rusqlite::Row) -> rusqlite::Result<Option<StateChange>> {
    let state_of: Option<String> = r.get("state_of")?;
    let change: Option<String> = r.get("state_change")?;
    let (Some(state_of), Some(change)) = (state_of, change) else {
        return Ok(None);
    };
    let change = ChangeKind::parse(&change).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown change of state `{change}` in the database").into(),
        )
    })?;
    Ok(Some(StateChange { state_of, change }))
}

/// The `cues` column: a JSON array of strings (migration V11).
fn cues_from_sql(json: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_to_missing_rows_are_found_in_a_file_built_without_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("new.db")).unwrap();
        building(&conn).unwrap();
        check_references(&conn).unwrap();
        conn.execute_batch(
            "INSERT INTO claim_qualifier (claim_row, key, entity_id) VALUES (7, 'country', 'nowhere');",
        )
        .unwrap();
        let e = check_references(&conn).unwrap_err().to_string();
        assert!(e.contains("claim_qualifier row"), "{e}");
    }

    #[test]
    fn decisions_on_implausible_change_ids_move_to_value_ids() {
        let mut conn = Connection::open_in_memory().unwrap();
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(4))
            .run(&mut conn)
            .unwrap();
        conn.execute(
            "INSERT INTO resolution (conflict_id, preferred, reason, analyst, recorded_at)
             VALUES ('implausible_change:a+b', 'a', 'r', 'me', '2026-01-01T00:00:00Z'),
                    ('value:c+d', 'c', 'r', 'me', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let ids: Vec<String> = conn
            .prepare("SELECT conflict_id FROM resolution ORDER BY row_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(ids, vec!["value:a+b", "value:c+d"]);
        // Still append-only after the rewrite.
        assert!(
            conn.execute("UPDATE resolution SET reason = 'x'", [])
                .is_err()
        );
    }

    #[test]
    fn state_changes_are_added_to_existing_predicates_and_read_back() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(13))
            .run(&mut conn)
            .unwrap();
        conn.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at)
             VALUES ('member_of', 'member of', 'entity', 0, 'now')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let read = |id: &str| query::predicate(&conn, id).unwrap().unwrap().0;
        // A predicate from before V15 changes no state.
        assert_eq!(read("member_of").state_change, None);
        conn.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at, state_of,
               state_change)
             VALUES ('left', 'left', 'entity', 0, 'now', 'member_of', 'ends')",
            [],
        )
        .unwrap();
        assert_eq!(
            read("left").state_change,
            Some(StateChange {
                state_of: "member_of".into(),
                change: ChangeKind::Ends
            })
        );
        // Both or neither, and one of the four changes.
        for (state_of, change) in [("'member_of'", "NULL"), ("NULL", "'ends'")] {
            let half = conn.execute(
                &format!(
                    "INSERT INTO predicate (id, label, value_type, functional, recorded_at,
                       state_of, state_change)
                     VALUES ('x', 'x', 'entity', 0, 'now', {state_of}, {change})"
                ),
                [],
            );
            assert!(half.is_err(), "{state_of} {change}");
        }
        let unknown = conn.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at, state_of,
               state_change)
             VALUES ('x', 'x', 'entity', 0, 'now', 'member_of', 'restarts')",
            [],
        );
        assert!(unknown.is_err());
        // The state may be written after its change in one transaction, but must exist at the
        // end of it.
        let tx = conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at, state_of,
               state_change)
             VALUES ('took_office', 't', 'text', 0, 'now', 'holds_office', 'begins')",
            [],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at)
             VALUES ('holds_office', 'h', 'text', 0, 'now')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute(
            "INSERT INTO predicate (id, label, value_type, functional, recorded_at, state_of,
               state_change)
             VALUES ('stray', 's', 'text', 0, 'now', 'nothing', 'begins')",
            [],
        )
        .unwrap();
        assert!(tx.commit().is_err(), "a state that never comes is refused");
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut conn = open(&path).unwrap();
        let schema = |c: &Connection| -> Vec<String> {
            let mut s = c
                .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
                .unwrap();
            s.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = schema(&conn);
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(schema(&conn), before);
        drop(conn);
        let conn = open(&path).unwrap();
        assert_eq!(schema(&conn), before);
    }

    #[test]
    fn an_immutable_read_takes_the_file_by_its_exact_name() {
        let dir = tempfile::tempdir().unwrap();
        // Characters a URI would otherwise read as a query, a fragment or an escape.
        let path = dir.path().join("a?b#c%20 d.db");
        drop(open(&path).unwrap());
        let conn = connect_for_reading(&path, true).unwrap();
        check_schema(&conn, &path).unwrap();
        // Nothing was created beside it: no -wal, no -shm.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a?b#c%20 d.db"]);
        assert!(file_uri(Path::new("/x/a?b")).starts_with("file:///x/a%3Fb"));
        assert_eq!(file_uri(Path::new("rel.db")), "file:rel.db");
    }

    #[test]
    fn pragmas_are_set_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("t.db")).unwrap();
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let timeout: i64 = conn
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap();
        assert_eq!((fk, mode.as_str(), timeout), (1, "wal", 5000));
    }

    #[test]
    fn assessments_are_append_only_and_claims_never_deleted() {
        let mut conn = open_in_memory().unwrap();
        load_bundled(&mut conn).unwrap();
        conn.execute(
            "INSERT INTO assessment (claim_id, rank, reason, analyst, recorded_at)
             VALUES ('x', 'preferred', 'test', 'me', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let err = conn
            .execute("UPDATE assessment SET rank = 'normal'", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        let err = conn.execute("DELETE FROM claim", []).unwrap_err();
        assert!(err.to_string().contains("never deleted"), "{err}");
    }

    #[test]
    fn filtering_by_entity_uses_indexes_not_a_scan_of_every_claim() {
        let mut conn = open_in_memory().unwrap();
        load_bundled(&mut conn).unwrap();
        conn.execute_batch("ANALYZE").unwrap();
        let filter = query::Filter {
            entities: vec!["kazakhstan".into()],
            ..query::Filter::default()
        };
        let plan = query::timeline_plan(&conn, &filter).unwrap();
        let text = plan.join("\n");
        assert!(
            plan.iter()
                .any(|step| step.contains("INDEX claim_subject (subject=?)")),
            "{text}"
        );
        assert!(
            plan.iter()
                .any(|step| step.contains("INDEX claim_qualifier_entity (entity_id=?)")),
            "{text}"
        );
        // The outer claim table is reached by row id, never scanned.
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN c")),
            "{text}"
        );
        assert!(
            plan.iter()
                .any(|step| step.contains("SEARCH c USING INTEGER PRIMARY KEY")),
            "{text}"
        );
    }

    #[test]
    fn a_date_window_reads_the_window_index_not_the_timeline_from_its_start() {
        let mut conn = open_in_memory().unwrap();
        load_bundled(&mut conn).unwrap();
        conn.execute_batch("ANALYZE").unwrap();
        let filter = query::Filter {
            from_day: Some(crate::time::When::parse("2010").unwrap().start_day()),
            to_day: Some(crate::time::When::parse("2011").unwrap().end_day()),
            ..query::Filter::default()
        };
        let plan = query::timeline_plan(&conn, &filter).unwrap();
        let text = plan.join("\n");
        // Every length class is a range of `claim_window`: a bounded start for classes 0 to 3,
        // claims that start by the window's end for class 4.
        let ranges = plan
            .iter()
            .filter(|step| {
                step.contains(
                    "USING COVERING INDEX claim_window (<expr>=? AND start_day>? AND start_day<?)",
                )
            })
            .count();
        assert_eq!(ranges, 4, "{text}");
        assert!(
            plan.iter().any(|step| step
                .contains("USING COVERING INDEX claim_window (<expr>=? AND start_day<?)")),
            "{text}"
        );
        // Neither the timeline index nor the claim table is walked; claims are reached by id.
        assert!(!text.contains("claim_timeline"), "{text}");
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN c")),
            "{text}"
        );
        assert!(
            plan.iter()
                .any(|step| step.contains("SEARCH c USING INTEGER PRIMARY KEY")),
            "{text}"
        );
    }

    #[test]
    fn an_exported_claims_file_is_read_in_id_order_from_the_origin_index() {
        let mut conn = open_in_memory().unwrap();
        load_bundled(&mut conn).unwrap();
        conn.execute_batch("ANALYZE").unwrap();
        let origins = query::claim_origins(&conn).unwrap();
        let one = origins.first().cloned().unwrap();
        let plan = query::claims_from_plan(&conn, &[one]).unwrap();
        let text = plan.join("\n");
        assert!(
            plan.iter()
                .any(|step| step.contains("SEARCH c USING INDEX claim_origin (origin=?)")),
            "{text}"
        );
        // Rows come in id order from the index: nothing is sorted, nothing collected.
        assert!(!text.contains("TEMP B-TREE"), "{text}");
    }

    #[test]
    fn constraints_reject_what_validation_would() {
        let conn = open_in_memory().unwrap();
        let bad_grade = conn.execute(
            "INSERT INTO source (id, title, kind, reliability, recorded_at)
             VALUES ('s', 'T', 'article', 'G', 'now')",
            [],
        );
        assert!(bad_grade.is_err());
        let dangling = conn.execute(
            "INSERT INTO entity_alias (entity_id, alias, folded) VALUES ('nobody', 'x', 'x')",
            [],
        );
        assert!(dangling.is_err(), "foreign keys must be enforced");
    }
}
