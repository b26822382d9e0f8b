//! The database's side of changing data files: the data root origins are relative to
//! (`setting`), and the renames a committed change still owes (`pending_file`).

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// The key of the data root in `setting`.
const DATA_ROOT: &str = "data_root";

/// The recorded data root, if any.
pub fn data_root(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [DATA_ROOT],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records the data root.
pub fn set_data_root(conn: &Connection, root: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![DATA_ROOT, root],
    )?;
    Ok(())
}

/// A rename a committed change still owes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub target: String,
    pub temp: String,
    pub sha256: String,
}

/// Every rename still owed, by target.
pub fn pending(conn: &Connection) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare("SELECT target, temp, sha256 FROM pending_file ORDER BY target")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Pending {
                target: r.get(0)?,
                temp: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Records a rename the change being committed owes.
pub fn owe(conn: &Connection, p: &Pending, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO pending_file (target, temp, sha256, recorded_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (target) DO UPDATE SET temp = excluded.temp, sha256 = excluded.sha256,
           recorded_at = excluded.recorded_at",
        params![p.target, p.temp, p.sha256, now],
    )?;
    Ok(())
}

/// Forgets a rename once it is done.
pub fn paid(conn: &Connection, target: &str) -> Result<()> {
    conn.execute("DELETE FROM pending_file WHERE target = ?1", [target])?;
    Ok(())
}
