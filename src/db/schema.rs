//! The schema as the database describes itself: its tables and views with their columns
//! (from `sqlite_master` and `PRAGMA table_info`), and the example queries the Datasette
//! metadata offers (`CANNED`). Bookkeeping tables (SQLite's, refinery's, the full-text index's shadow
//! tables) are left out.

use anyhow::Result;
use rusqlite::Connection;

use crate::model::Table;

/// A canned query: (name, title, SQL).
pub type Canned = (&'static str, &'static str, &'static str);

/// The questions analysts ask first, as Datasette canned queries (`:name` is a form field).
pub const CANNED: &[Canned] = &[
    (
        "population",
        "Which sources give a country's population, with what value, for which year, graded how",
        "SELECT source_title, grade, value, time, quote, locator, claim_id \
         FROM claim_evidence WHERE subject = :country AND predicate_id = 'population' \
         ORDER BY earliest, source_title",
    ),
    (
        "decisions",
        "Decisions recorded on conflicts: the claim preferred and the claims deprecated",
        "SELECT conflict_id, preferred_label, preferred_value, preferred_time, \
         deprecated_label, deprecated_value, deprecated_time, reason, analyst, recorded_at \
         FROM conflict_decision ORDER BY recorded_at DESC, conflict_id",
    ),
    (
        "entity",
        "An entity in summary, by id or name",
        "SELECT * FROM entity_summary WHERE entity_id = :entity OR name = :entity",
    ),
    (
        "sources",
        "Sources by the number of claims they give, with their reliability",
        "SELECT source_id, source_title, reliability, count(DISTINCT claim_id) AS claims \
         FROM claim_evidence GROUP BY source_id ORDER BY claims DESC, source_id",
    ),
    (
        "claims_by_source",
        "The claims one source gives, with value, time, grade and quote",
        "SELECT claim_id, label, value, time, grade, quote, locator \
         FROM claim_evidence WHERE source_id = :source ORDER BY earliest, claim_id",
    ),
];

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
    fn the_canned_queries_run() {
        let conn = crate::db::open_in_memory().unwrap();
        for (_, _, sql) in CANNED {
            conn.prepare(sql).unwrap();
        }
    }

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
}
