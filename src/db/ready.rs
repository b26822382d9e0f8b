//! Timeline rows ready to print (`claim_ready`, migration V19): what a timeline entry shows that
//! a claim version fixes — its label and time in words, bounds, entities, value, qualifiers,
//! note and citations — written as JSON once by import, so a timeline read is one ordered scan
//! that adds only what depends on decisions or on the vocabulary (the rank, the dataset flag, a
//! place). [`fill`] writes them after an import's writes; [`mismatches`] computes every row
//! afresh and names those that differ from what is stored.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use super::import::Reworded;
use super::query::{self, CLAIM_COLUMNS, StoredClaim};
use crate::model::Predicate;
use crate::view::ReadyParts;

/// What the parts of a claim version are computed from: entity names and current predicates.
struct Words {
    names: HashMap<String, String>,
    predicates: HashMap<String, Predicate>,
}

impl Words {
    fn read(conn: &Connection) -> Result<Words> {
        Ok(Words {
            names: query::entity_names(conn)?,
            predicates: query::predicates(conn)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
        })
    }

    /// The parts of a stored claim version, as a timeline read would print them.
    fn parts(&self, stored: &StoredClaim) -> Result<ReadyParts> {
        let entry = crate::view::entry(
            stored,
            self.predicates.get(&stored.claim.predicate),
            &self.names,
        );
        ReadyParts::of(&entry)
            .with_context(|| format!("while writing claim `{}` ready to print", stored.claim.id))
    }
}

/// Writes the rows of `claim_ready` an import needs, after its writes: every claim row that has
/// none yet (the rows it added; every row of a database just upgraded to V19), and every version
/// of the claims that use an entity or predicate it changed. One streamed pass over those rows,
/// listed first in the temporary table `claim_to_ready`. Returns how many rows were written.
pub fn fill(tx: &Connection, changed: &Reworded) -> Result<usize> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS claim_to_ready (row_id INTEGER PRIMARY KEY);
         DELETE FROM temp.claim_to_ready;",
    )?;
    tx.prepare_cached(
        "INSERT INTO temp.claim_to_ready (row_id)
         SELECT row_id FROM claim
         WHERE row_id > (SELECT coalesce(max(claim_row), 0) FROM claim_ready)",
    )?
    .execute([])?;
    for entity in &changed.entities {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO temp.claim_to_ready (row_id)
             SELECT row_id FROM claim WHERE subject = ?1
             UNION SELECT row_id FROM claim WHERE object = ?1
             UNION SELECT claim_row FROM claim_qualifier WHERE entity_id = ?1",
        )?
        .execute([entity])?;
    }
    for predicate in &changed.predicates {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO temp.claim_to_ready (row_id)
             SELECT row_id FROM claim WHERE predicate = ?1",
        )?
        .execute([predicate])?;
    }
    let words = Words::read(tx)?;
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO claim_ready (claim_row, head, tail, sources, entities)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut count = 0;
    query::each_claim_listed(tx, query::Listed::ToReady, &mut |stored| {
        let p = words.parts(&stored)?;
        insert.execute(params![
            stored.row_id,
            p.head,
            p.tail,
            p.sources,
            p.entities
        ])?;
        count += 1;
        Ok(())
    })
    .context("while writing the timeline rows ready to print")?;
    tx.execute_batch("DELETE FROM temp.claim_to_ready")?;
    Ok(count)
}

/// Every claim row (each version, current or retracted) whose stored row differs from a fresh
/// computation, or has none, by row and claim id, with what differs: empty when every stored
/// row is right. Reads the whole claim table once.
pub fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let words = Words::read(conn)?;
    let mut stored_rows = conn.prepare(
        "SELECT claim_row, head, tail, sources, entities FROM claim_ready ORDER BY claim_row",
    )?;
    let mut stored_rows = stored_rows.query([])?;
    let mut next_stored = || -> Result<Option<(i64, ReadyParts)>> {
        let Some(r) = stored_rows.next()? else {
            return Ok(None);
        };
        let parts = ReadyParts {
            head: r.get(1)?,
            tail: r.get(2)?,
            sources: r.get(3)?,
            entities: r.get(4)?,
        };
        Ok(Some((r.get(0)?, parts)))
    };
    let mut out = Vec::new();
    let mut pending: Option<(i64, ReadyParts)> = next_stored()?;
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM claim c ORDER BY c.row_id");
    query::each_claim(conn, &sql, [], &mut |stored| {
        while pending
            .as_ref()
            .is_some_and(|(row, _)| *row < stored.row_id)
        {
            if let Some((row, _)) = &pending {
                out.push(format!("row {row}: stored for no claim row"));
            }
            pending = next_stored()?;
        }
        let fresh = words.parts(&stored)?;
        match &pending {
            Some((row, parts)) if *row == stored.row_id => {
                for (what, a, b) in [
                    ("head", &parts.head, &fresh.head),
                    ("tail", &parts.tail, &fresh.tail),
                    ("sources", &parts.sources, &fresh.sources),
                    ("entities", &parts.entities, &fresh.entities),
                ] {
                    if a != b {
                        out.push(format!(
                            "row {row} (claim `{}`): {what} stored as {a}, computed as {b}",
                            stored.claim.id
                        ));
                    }
                }
                pending = next_stored()?;
            }
            _ => out.push(format!(
                "row {} (claim `{}`): no row stored",
                stored.row_id, stored.claim.id
            )),
        }
        Ok(())
    })?;
    while let Some((row, _)) = pending {
        out.push(format!("row {row}: stored for no claim row"));
        pending = next_stored()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use crate::db::query::Filter;
    use crate::view::Vocabulary;

    fn import(conn: &mut Connection, dataset: &Dataset) {
        let plan = crate::db::import::plan(conn, dataset).unwrap();
        crate::db::import::apply(conn, dataset, &plan).unwrap();
    }

    /// Every timeline line written from the stored rows is byte for byte the entry as the
    /// claims computed afresh serialise it, rank, dataset flag and series values included.
    fn lines_agree(conn: &Connection, filter: &Filter) -> usize {
        let vocabulary = Vocabulary::read(conn).unwrap();
        let mut entries = Vec::new();
        query::timeline_each(conn, filter, &mut |s| {
            entries.push(vocabulary.entry(&s));
            Ok(())
        })
        .unwrap();
        crate::view::timeline::with_series(conn, &mut entries).unwrap();
        let mut rows = Vec::new();
        query::timeline_ready_each(conn, filter, &mut |r| {
            rows.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(entries.len(), rows.len());
        let quantities: Vec<String> = rows
            .iter()
            .filter(|r| r.quantity)
            .map(|r| r.claim.clone())
            .collect();
        let mut series = crate::db::series::values(conn, &quantities).unwrap();
        for (e, r) in entries.iter().zip(&rows) {
            let mut line = Vec::new();
            let values = series.remove(&r.claim).unwrap_or_default();
            let dataset = vocabulary.is_dataset_ready(r);
            crate::view::write_ready_line(&mut line, r, dataset, &values, None).unwrap();
            let expected = format!("{}\n", serde_json::to_string(e).unwrap());
            assert_eq!(String::from_utf8(line).unwrap(), expected);
        }
        rows.len()
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn stored_rows_match_a_fresh_computation_after_edits_and_renames() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let mut dataset = crate::bundled::dataset().unwrap();
        import(&mut conn, &dataset);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(
            count(&conn, "SELECT count(*) FROM claim_ready"),
            count(&conn, "SELECT count(*) FROM claim")
        );
        assert!(lines_agree(&conn, &Filter::default()) > 1000);

        // A claim whose time changes gets a new version; the old one keeps its row.
        let at = dataset
            .claims
            .iter()
            .position(|c| c.item.subject == "kazakhstan")
            .unwrap();
        let id = dataset.claims[at].item.id.clone();
        dataset.claims[at].item.when = crate::time::When::parse("1999-12-31").unwrap();
        import(&mut conn, &dataset);
        assert_eq!(
            count(&conn, "SELECT count(*) FROM claim_ready"),
            count(&conn, "SELECT count(*) FROM claim")
        );
        // Renaming the subject and rewording every predicate rewrite the rows that name them,
        // the retracted version's included.
        for e in &mut dataset.entities {
            if e.item.id == "kazakhstan" {
                e.item.name = "Qazaqstan".into();
            }
        }
        for p in &mut dataset.predicates {
            p.item.label = format!("{} (reworded)", p.item.label);
        }
        import(&mut conn, &dataset);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        let heads: Vec<String> = conn
            .prepare(
                "SELECT r.head FROM claim_ready r JOIN claim c ON c.row_id = r.claim_row
                 WHERE c.id = ?1 ORDER BY c.row_id",
            )
            .unwrap()
            .query_map([&id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(heads.len(), 2);
        assert!(heads.iter().all(|h| h.contains("Qazaqstan")), "{heads:?}");
        assert!(lines_agree(&conn, &Filter::default()) > 1000);
        let past = Filter {
            as_known_at: Some("2100-01-01T00:00:00Z".into()),
            ..Filter::default()
        };
        lines_agree(&conn, &past);

        // A row that no longer matches is named.
        conn.execute(
            "UPDATE claim_ready SET head = replace(head, 'Qazaqstan', 'Kazakhstan')
             WHERE claim_row = (SELECT min(row_id) FROM claim WHERE id = ?1)",
            [&id],
        )
        .unwrap();
        conn.execute(
            "DELETE FROM claim_ready WHERE claim_row = (SELECT max(row_id) FROM claim)",
            [],
        )
        .unwrap();
        let found = mismatches(&conn).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains(&format!("claim `{id}`): head stored as")));
        assert!(found[1].ends_with("no row stored"), "{found:?}");
    }

    #[test]
    fn stored_rows_match_a_fresh_computation_over_a_generated_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let shape = crate::generate::Shape::for_claims(3_000, 1);
        crate::generate::write(&shape, crate::generate::Output::Jsonl, dir.path()).unwrap();
        let files = crate::data::read_paths(&[dir.path().to_path_buf()]).unwrap();
        let dataset = crate::data::load(&files, &crate::data::Known::default()).unwrap();
        let mut conn = crate::db::open_in_memory().unwrap();
        import(&mut conn, &dataset);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(lines_agree(&conn, &Filter::default()), 3_000);
        let window = Filter {
            from_day: Some(crate::time::day_number(
                chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap(),
            )),
            to_day: Some(crate::time::day_number(
                chrono::NaiveDate::from_ymd_opt(2011, 12, 31).unwrap(),
            )),
            entities: vec!["e00001".into()],
            ..Filter::default()
        };
        assert!(lines_agree(&conn, &window) > 0);
    }
}
