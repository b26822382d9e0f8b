//! docs/schema.md against the schema of a freshly imported database, both ways: every table,
//! view and column the database has is described, and everything described exists.

use std::collections::BTreeMap;

use similar_asserts::assert_eq;

use crate::Env;

/// Tables and views with their columns, in order, as docs/schema.md lists them: a `### `name``
/// heading, then rows of `| `column` | meaning |`.
fn documented() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md"),
    )
    .unwrap();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            let name = name.trim().trim_matches('`').to_string();
            assert!(
                tables.insert(name.clone(), Vec::new()).is_none(),
                "{name} twice"
            );
            current = Some(name);
        } else if line.starts_with("## ") {
            current = None;
        } else if let (Some(name), Some(row)) = (&current, line.strip_prefix("| `")) {
            let column = row.split('`').next().unwrap().to_string();
            let meaning = row
                .split_once('|')
                .map_or("", |(_, m)| m)
                .trim_matches([' ', '|']);
            assert!(!meaning.is_empty(), "{name}.{column} has no meaning");
            tables.get_mut(name).unwrap().push(column);
        }
    }
    tables
}

/// The same, read from sqlite_master and PRAGMA table_info, without SQLite's and the
/// libraries' bookkeeping (the migration history, the full-text index's shadow tables).
fn actual(db: &std::path::Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
               AND m.name <> 'refinery_schema_history'
               AND m.name NOT IN (SELECT v.name || suffix FROM sqlite_master v,
                    (SELECT '_config' AS suffix UNION ALL SELECT '_content' UNION ALL
                     SELECT '_data' UNION ALL SELECT '_docsize' UNION ALL SELECT '_idx')
                  WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%')
             ORDER BY m.name, p.cid",
        )
        .unwrap();
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (table, column) = row.unwrap();
        tables.entry(table).or_default().push(column);
    }
    tables
}

#[test]
fn the_schema_document_and_a_fresh_database_agree() {
    let env = Env::new();
    env.ok(&["import"]);
    let actual = actual(&env.path().join("factline.db"));
    let documented = documented();
    assert!(actual.contains_key("claim_overview") && actual.len() > 20);
    // Whole maps compared: a missing or extra table, view or column shows in the diff.
    assert_eq!(documented, actual);
}

#[test]
fn the_comparison_notices_a_column_the_document_lacks() {
    let env = Env::new();
    env.ok(&["import"]);
    let path = env.path().join("factline.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("ALTER TABLE entity ADD COLUMN undocumented TEXT")
        .unwrap();
    drop(conn);
    let actual = actual(&path);
    assert!(actual["entity"].contains(&"undocumented".to_string()));
    assert_ne!(documented(), actual);
}
