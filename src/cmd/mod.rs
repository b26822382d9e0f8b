//! One module per subcommand: its documentation, its clap `Args` and its `run`.

pub mod check;
pub mod conflicts;
pub mod export;
pub mod generate;
pub mod import;
pub mod resolve;
pub mod search;
pub mod show;
pub mod sql;
pub mod timeline;

use std::path::Path;

use anyhow::Result;
use rusqlite::Connection;

/// The database read commands work on: the file at `path`, or, when there is none, the bundled
/// dataset loaded into memory (announced once on stderr).
pub fn open_for_reading(path: &Path) -> Result<Connection> {
    if path.exists() {
        return crate::db::open(path);
    }
    let mut conn = crate::db::open_in_memory()?;
    let summary = crate::db::load_bundled(&mut conn)?;
    eprintln!(
        "factline: no database at {}; using the bundled dataset ({} claims) in memory. \
         Run `factline import` to create one.",
        path.display(),
        summary.claims.added
    );
    Ok(conn)
}
