//! The database as it stood at a past instant, for every read command and for `factline sql`.
//!
//! Nothing is deleted in a factline database: a claim or citation that changes is retracted
//! (`retracted_at`) and a new version recorded (`recorded_at`); decisions and assessments are
//! appended with the time they were recorded. [`install`] shadows each such table, on one
//! connection, by a temporary view of the same name and columns that holds only the rows known
//! at the instant (recorded by then, not retracted by then, shown as not retracted), and copies
//! every documented view into the temporary schema, where its names resolve to those shadows.
//! SQLite looks a name up in `temp` before `main`, so every query the read commands run, and
//! every query a user runs through `factline sql`, reads the past state unchanged: known-at
//! reads take the same path as current ones.
//!
//! Sources, entities and predicates are edited in place, their previous wording kept in
//! `revision`: as of an instant one exists when it was recorded by then or when a version of it
//! was replaced after then; its wording is the current one.

use anyhow::{Context, Result};
use rusqlite::Connection;

/// Tables whose rows carry `recorded_at` and `retracted_at` (versioned rows).
const VERSIONED: &[&str] = &["claim", "citation", "rule"];

/// Tables edited in place whose earlier wording is kept in `revision`.
const REVISED: &[&str] = &["source", "entity", "predicate"];

/// Tables appended to, each row with the time it was recorded.
const APPENDED: &[(&str, &str)] = &[
    ("assessment", "recorded_at"),
    ("resolution", "recorded_at"),
    ("revision", "replaced_at"),
    ("pending_file", "recorded_at"),
];

/// Makes `conn` read the database as it stood at `instant` (a UTC time as `time::parse_instant`
/// writes it: `2026-11-01T23:59:59Z`). Only temporary objects are created; the database file is
/// not written. Call before the read transaction begins.
pub fn install(conn: &Connection, instant: &str) -> Result<()> {
    let at = quoted(instant);
    conn.pragma_update(None, "query_only", "OFF")?;
    let made = shadow(conn, &at);
    conn.pragma_update(None, "query_only", "ON")?;
    made.with_context(|| format!("while reading the database as known at {instant}"))
}

fn shadow(conn: &Connection, at: &str) -> Result<()> {
    let mut sql = String::new();
    for table in VERSIONED {
        let columns = columns(conn, table)?;
        if columns.is_empty() {
            continue;
        }
        let list = select_list(&columns, "NULL AS retracted_at");
        sql.push_str(&format!(
            "CREATE TEMP VIEW {table} AS SELECT {list} FROM main.{table}
             WHERE recorded_at <= {at} AND (retracted_at IS NULL OR retracted_at > {at});\n"
        ));
    }
    for table in REVISED {
        let columns = columns(conn, table)?;
        if columns.is_empty() {
            continue;
        }
        let list = select_list(&columns, "NULL AS retracted_at");
        sql.push_str(&format!(
            "CREATE TEMP VIEW {table} AS SELECT {list} FROM main.{table} AS x
             WHERE (retracted_at IS NULL OR retracted_at > {at})
               AND (recorded_at <= {at} OR EXISTS (
                    SELECT 1 FROM main.revision r
                    WHERE r.table_name = '{table}' AND r.item_id = x.id
                      AND r.replaced_at > {at}));\n"
        ));
    }
    for (table, when) in APPENDED {
        if columns(conn, table)?.is_empty() {
            continue;
        }
        sql.push_str(&format!(
            "CREATE TEMP VIEW {table} AS SELECT * FROM main.{table} WHERE {when} <= {at};\n"
        ));
    }
    if !columns(conn, "review_candidate")?.is_empty() {
        let columns = columns(conn, "review_candidate")?;
        let list: Vec<String> = columns
            .iter()
            .map(|c| match c.as_str() {
                "status" => format!(
                    "CASE WHEN decided_at IS NULL OR decided_at > {at} THEN 'pending' \
                     ELSE status END AS status"
                ),
                "decided_at" | "decided_by" | "reason" | "claim_id" => format!(
                    "CASE WHEN decided_at IS NULL OR decided_at > {at} THEN NULL ELSE {c} END \
                     AS {c}"
                ),
                _ => c.clone(),
            })
            .collect();
        sql.push_str(&format!(
            "CREATE TEMP VIEW review_candidate AS SELECT {} FROM main.review_candidate
             WHERE queued_at <= {at};\n",
            list.join(", ")
        ));
    }
    // The documented views, as written, now over the shadows.
    let mut views = conn.prepare(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'view' AND sql IS NOT NULL
         ORDER BY rowid",
    )?;
    let rows = views.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (name, text) = row?;
        let Some(body) = after_create_view(&text) else {
            anyhow::bail!("the view {name} has a definition this binary cannot copy");
        };
        sql.push_str(&format!("CREATE TEMP VIEW {body};\n"));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// The column names of a table in the main database, in order; empty when it does not exist.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?;
    let names = stmt
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names)
}

/// `columns` as a select list, with `retracted_at` replaced by `instead`.
fn select_list(columns: &[String], instead: &str) -> String {
    columns
        .iter()
        .map(|c| {
            if c == "retracted_at" {
                instead.to_string()
            } else {
                format!("\"{c}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What follows `CREATE VIEW` in a view's stored definition (its name and body).
fn after_create_view(sql: &str) -> Option<&str> {
    let trimmed = sql.trim_start();
    let mut words = trimmed.splitn(3, char::is_whitespace);
    let create = words.next()?;
    let view = words.next()?;
    if !create.eq_ignore_ascii_case("create") || !view.eq_ignore_ascii_case("view") {
        return None;
    }
    let rest = words.next()?.trim_start();
    let lower = rest.get(..13).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("if not exists") {
        return rest.get(13..).map(str::trim_start);
    }
    Some(rest)
}

/// `text` as an SQL string literal.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_definitions_are_copied_by_their_name_and_body() {
        assert_eq!(
            after_create_view("CREATE VIEW current_claim AS\nSELECT 1"),
            Some("current_claim AS\nSELECT 1")
        );
        assert_eq!(
            after_create_view("create view if not exists v AS SELECT 1"),
            Some("v AS SELECT 1")
        );
        assert_eq!(after_create_view("CREATE TABLE t (a)"), None);
    }

    #[test]
    fn an_instant_is_one_literal_whatever_it_holds() {
        assert_eq!(quoted("2026-01-01T00:00:00Z"), "'2026-01-01T00:00:00Z'");
        assert_eq!(quoted("x' OR 1=1 --"), "'x'' OR 1=1 --'");
    }
}
