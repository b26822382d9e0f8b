//! The schema as the database describes itself: its tables and views with their columns
//! (from `sqlite_master` and `PRAGMA table_info`), and the example queries the Datasette
//! metadata offers. Bookkeeping tables (SQLite's, refinery's, the full-text index's shadow
//! tables) are left out.

use anyhow::Result;
use rusqlite::Connection;

use crate::model::Table;

/// A canned query: (name, title, SQL).
pub type Example = (&'static str, &'static str, &'static str);

/// Queries worth offering to someone who opens the database in Datasette.
pub const EXAMPLES: &[Example] = &[(
    "population",
    "Population figures and their sources",
    "SELECT c.id, c.subject, c.valid_time, c.amount, c.bound, ci.source, ci.quote, ci.locator FROM current_claim c JOIN current_citation ci ON ci.claim_id = c.id WHERE c.predicate = 'population' ORDER BY c.start_day",
)];

/// Every table and view users query, by name.
pub fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, m.type = 'view' FROM sqlite_master m
         WHERE m.type IN ('table', 'view')
           AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND m.name NOT LIKE 'refinery\\_%' ESCAPE '\\'
           AND NOT EXISTS (SELECT 1 FROM sqlite_master v
                           WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
                             AND m.name LIKE v.name || '\\_%' ESCAPE '\\')
         ORDER BY m.name",
    )?;
    let named = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut tables = Vec::with_capacity(named.len());
    for (name, view) in named {
        let names = columns
            .query_map([&name], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tables.push(Table {
            name,
            view,
            columns: names,
        });
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_what_users_query_and_not_the_bookkeeping() {
        let conn = crate::db::open_in_memory().unwrap();
        let tables = tables(&conn).unwrap();
        let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
        assert!(names.contains(&"current_claim") && names.contains(&"claim_text"));
        assert!(!names.iter().any(|n| n.starts_with("refinery_")
            || n.starts_with("sqlite_")
            || n.starts_with("claim_text_")));
        let claim = tables.iter().find(|t| t.name == "current_claim").unwrap();
        assert!(claim.view && claim.columns.iter().any(|c| c == "valid_time"));
    }

    #[test]
    fn the_examples_run() {
        let conn = crate::db::open_in_memory().unwrap();
        for (_, _, sql) in EXAMPLES {
            conn.prepare(sql).unwrap();
        }
    }
}
