//! The practical limit for an import, as a baseline for `benches/scale.sh`: the rows factline
//! stores for a corpus (`factline generate --format csv`), inserted into factline's own tables
//! with plain rusqlite in one transaction with cached statements, the secondary indexes and the
//! full-text index filled after the load.
//!
//! `cargo run --release --example rusqlite_baseline -- CSV_DIR DB`. The database gets the real
//! schema (all migrations, STRICT tables with their CHECK constraints); foreign keys are not
//! enforced, since the vocabulary rows (sources, entities, predicates) are not part of the CSV.

// A bench tool: it says what it loaded.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

/// How a CSV field becomes an SQL value: empty is NULL, otherwise as the column's type.
#[derive(Clone, Copy)]
enum Kind {
    Int,
    Real,
    Text,
}

fn value(field: &str, kind: Kind) -> Result<Value> {
    if field.is_empty() {
        return Ok(Value::Null);
    }
    Ok(match kind {
        Kind::Int => Value::Integer(field.parse().with_context(|| format!("`{field}`"))?),
        Kind::Real => Value::Real(field.parse().with_context(|| format!("`{field}`"))?),
        Kind::Text => Value::Text(field.to_string()),
    })
}

fn load(tx: &Connection, dir: &Path, table: &str, kinds: &[Kind]) -> Result<usize> {
    let path = dir.join(format!("{table}.csv"));
    let mut reader = csv::Reader::from_path(&path)
        .with_context(|| format!("while opening {}", path.display()))?;
    let columns: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    if columns.len() != kinds.len() {
        bail!("{}: expected {} columns", path.display(), kinds.len());
    }
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        marks.join(", ")
    );
    let mut insert = tx.prepare_cached(&sql)?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    let mut values = Vec::with_capacity(kinds.len());
    while reader.read_record(&mut record)? {
        values.clear();
        for (field, kind) in record.iter().zip(kinds) {
            values.push(value(field, *kind)?);
        }
        insert.execute(params_from_iter(values.iter()))?;
        rows += 1;
    }
    Ok(rows)
}

fn main() -> Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dir, db] = args.as_slice() else {
        bail!("usage: rusqlite_baseline CSV_DIR DB");
    };
    if db.exists() {
        bail!("{} exists; give a new database path", db.display());
    }
    // The real schema, then without the secondary indexes and full-text triggers.
    drop(factline::db::open(db)?);
    let mut conn = Connection::open(db)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('claim', 'citation', 'claim_qualifier')",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tx = conn.transaction()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX {name}"))?;
    }
    use Kind::{Int, Real, Text};
    let claims = load(
        &tx,
        dir,
        "claim",
        &[
            Int, Text, Text, Text, Text, Text, Real, Real, Real, Text, Text, Text, Text, Text,
            Text, Int, Int, Text, Int, Text, Text, Text, Text,
        ],
    )?;
    let citations = load(
        &tx,
        dir,
        "citation",
        &[Int, Int, Text, Text, Text, Text, Int, Real, Text, Text],
    )?;
    let qualifiers = load(&tx, dir, "claim_qualifier", &[Int, Text, Text])?;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    // The full-text index, filled once (row ids as migration V6 lays them out).
    tx.execute_batch(
        "INSERT INTO claim_text (rowid, claim_row, field, source, body)
           SELECT 2 * row_id, claim_row, 'quote', source, quote FROM citation;
         INSERT INTO claim_text (rowid, claim_row, field, source, body)
           SELECT 2 * row_id + 1, row_id, 'note', NULL, note FROM claim WHERE note IS NOT NULL;",
    )?;
    tx.commit()?;
    eprintln!("loaded {claims} claims, {citations} citations, {qualifiers} qualifiers");
    Ok(())
}
