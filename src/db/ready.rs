//! Timeline rows ready to print (`claim_ready`, migration V19): what a timeline entry shows that
//! a claim version fixes — its label and time in words, bounds, entities, value, qualifiers,
//! note and citations — written as JSON once by import, so a timeline read is one ordered scan
//! that adds only what depends on decisions or on the vocabulary (the rank, the dataset flag, a
//! place). [`fill`] writes them after an import's writes; [`mismatches`] computes every row
//! afresh and names those that differ from what is stored.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use super::import::Reworded;
use super::query::{self, CLAIM_COLUMNS, Filter, Shape, StoredClaim};
use crate::model::{Citation, Method, Predicate, Value};

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
        ReadyParts::of(
            stored,
            self.predicates.get(&stored.claim.predicate),
            &self.names,
        )
        .with_context(|| format!("while writing claim `{}` ready to print", stored.claim.id))
    }
}

/// What a timeline entry shows that one claim version fixes, written once by import and stored
/// in `claim_ready` (migration V19): the JSON members of `view::TimelineEntry` before `rank`
/// (`head`) and between `rank` and `dataset` (`tail`), each without braces, and the ids of the
/// sources cited and of the entities involved, separated by U+001F.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadyParts {
    pub head: String,
    pub tail: String,
    pub sources: String,
    pub entities: String,
}

/// The separator of the id lists in [`ReadyParts`].
pub const READY_SEPARATOR: char = '\u{1f}';

/// The members of `view::TimelineEntry` before `rank`, in its order and with its names.
#[derive(Serialize)]
struct Head<'a> {
    claim: &'a str,
    when: &'a str,
    when_text: &'a str,
    earliest: &'a Option<String>,
    latest: &'a Option<String>,
    precision: &'a str,
    label: &'a str,
    subject: &'a str,
    predicate: &'a str,
    entities: &'a [String],
    value: Option<&'a Value>,
    qualifiers: &'a BTreeMap<String, Vec<String>>,
}

/// The members of `view::TimelineEntry` between `rank` and `dataset`.
#[derive(Serialize)]
struct Tail<'a> {
    note: &'a Option<String>,
    citations: &'a [Citation],
}

/// The JSON members of a serialisable struct, without the braces around them.
fn members<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let mut text = serde_json::to_string(value)?;
    text.pop();
    text.remove(0);
    Ok(text)
}

impl ReadyParts {
    /// The parts of a stored claim version, as a timeline entry (`view::entry`) shows it: the
    /// label from its predicate's template with entity names. A test compares each line written
    /// from them with the entry serialised.
    pub fn of(
        stored: &StoredClaim,
        predicate: Option<&Predicate>,
        names: &HashMap<String, String>,
    ) -> serde_json::Result<ReadyParts> {
        ReadyParts::of_claim(&stored.claim, predicate, names)
    }

    /// [`ReadyParts::of`] for a claim as curated (a version's parts depend only on the claim).
    pub fn of_claim(
        c: &crate::model::Claim,
        predicate: Option<&Predicate>,
        names: &HashMap<String, String>,
    ) -> serde_json::Result<ReadyParts> {
        let entities = c.entities();
        let head = members(&Head {
            claim: &c.id,
            when: c.when.as_str(),
            when_text: &c.when.human(),
            earliest: &c.when.earliest().map(|d| d.to_string()),
            latest: &c.when.latest().map(|d| d.to_string()),
            precision: c.when.precision().as_str(),
            label: &crate::label::label(c, predicate, names),
            subject: &c.subject,
            predicate: &c.predicate,
            entities: &entities,
            value: match &c.value {
                Value::None => None,
                other => Some(other),
            },
            qualifiers: &c.qualifiers,
        })?;
        let tail = members(&Tail {
            note: &c.note,
            citations: &c.citations,
        })?;
        let sources: Vec<&str> = c.citations.iter().map(|c| c.source.as_str()).collect();
        let separator = READY_SEPARATOR.to_string();
        Ok(ReadyParts {
            head,
            tail,
            sources: sources.join(&separator),
            entities: entities.join(&separator),
        })
    }
}

/// A timeline row read from `claim_ready` with what is added when it is read.
#[derive(Debug, Clone)]
pub struct ReadyRow {
    /// The claim id.
    pub claim: String,
    /// Whether its value is a quantity (a document's figure may have series values).
    pub quantity: bool,
    /// The rank, as assessed up to the instant read.
    pub rank: String,
    pub parts: ReadyParts,
}

impl ReadyRow {
    /// The ids of the sources it cites.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        split_ids(&self.parts.sources)
    }

    /// The ids of the entities it involves.
    pub fn entities(&self) -> impl Iterator<Item = &str> {
        split_ids(&self.parts.entities)
    }
}

fn split_ids(list: &str) -> impl Iterator<Item = &str> {
    list.split(READY_SEPARATOR).filter(|id| !id.is_empty())
}

/// The columns of a timeline row read ready to print (`claim_ready`, migration V19), in the
/// order [`ready_row`] reads them, with the claim's current rank.
pub(super) const READY_COLUMNS: &str = "c.id, c.value_type = 'quantity',
    coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id
              ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
    r.head, r.tail, r.sources, r.entities";

/// [`READY_COLUMNS`] with the rank as assessed up to the instant bound to `:asof`.
pub(super) const READY_COLUMNS_AS_OF: &str = "c.id, c.value_type = 'quantity',
    coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id AND a.recorded_at <= :asof
              ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
    r.head, r.tail, r.sources, r.entities";

/// Hands each timeline row a filter selects to `f`, ready to print (`claim_ready`), as its row
/// arrives, in timeline order: one ordered read, with no subquery per row but the rank's
/// indexed lookup. An error from `f` stops the read and is returned.
pub fn timeline_ready_each(
    conn: &Connection,
    filter: &Filter,
    f: &mut dyn FnMut(ReadyRow) -> Result<()>,
) -> Result<()> {
    let (sql, params) = query::timeline_sql_shaped(filter, Shape::Ready);
    let bound: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), value as &dyn rusqlite::ToSql))
        .collect();
    let mut read = || -> Result<()> {
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(bound.as_slice())?;
        while let Some(r) = rows.next()? {
            f(ready_row(r)?)?;
        }
        Ok(())
    };
    read().context("while reading the timeline")
}

/// A row of [`READY_COLUMNS`].
fn ready_row(r: &Row) -> rusqlite::Result<ReadyRow> {
    Ok(ReadyRow {
        claim: r.get(0)?,
        quantity: r.get(1)?,
        rank: r.get(2)?,
        parts: ReadyParts {
            head: r.get(3)?,
            tail: r.get(4)?,
            sources: r.get(5)?,
            entities: r.get(6)?,
        },
    })
}

/// The temporary tables of claim rows an import lists for what it derives from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// `temp.claim_to_word`: the claims to write in words.
    ToWord,
    /// `temp.claim_to_ready`: the claim rows to write ready to print.
    ToReady,
}

impl Listed {
    fn table(self) -> &'static str {
        match self {
            Listed::ToWord => "temp.claim_to_word",
            Listed::ToReady => "temp.claim_to_ready",
        }
    }
}

/// Hands each claim row listed in a temporary table (filled by import) to `f`, in row order,
/// as its row arrives, with its qualifiers, its citations (none for words, which do not use
/// them) and rank `normal`. Three ordered
/// reads — the claims, their qualifiers, their citations, each by row — are merged as they
/// go: no subquery per claim and no JSON built and parsed back.
pub fn each_claim_listed(
    conn: &Connection,
    listed: Listed,
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let table = listed.table();
    // The claim columns in their usual positions; qualifiers and citations come from the
    // other two reads.
    let mut claims = conn.prepare_cached(&format!(
        "SELECT c.row_id, c.id, c.subject, c.predicate, c.value_type, c.object,
           c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value, c.valid_time, c.note,
           c.origin, c.recorded_at, c.retracted_at, 'normal' AS rank
         FROM {table} t JOIN claim c ON c.row_id = t.row_id ORDER BY t.row_id"
    ))?;
    let mut qualifiers = conn.prepare_cached(&format!(
        "SELECT q.claim_row, q.key, q.entity_id
         FROM {table} t JOIN claim_qualifier q ON q.claim_row = t.row_id
         ORDER BY t.row_id, q.key, q.entity_id"
    ))?;
    let mut citations = conn.prepare_cached(&format!(
        "SELECT ci.claim_row, ci.source, ci.quote, ci.locator, ci.method, ci.credibility,
           ci.extractor_score, ci.curator
         FROM {table} t JOIN citation ci ON ci.claim_row = t.row_id
         ORDER BY t.row_id, ci.row_id"
    ))?;
    let mut claim_rows = claims.query([])?;
    let mut qualifier_rows = qualifiers.query([])?;
    // Words are made without the citations.
    let mut citation_rows = match listed {
        Listed::ToWord => None,
        Listed::ToReady => Some(citations.query([])?),
    };
    let next_qualifier =
        |rows: &mut rusqlite::Rows| -> rusqlite::Result<Option<(i64, String, String)>> {
            rows.next()?
                .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .transpose()
        };
    let next_citation = |rows: &mut rusqlite::Rows| -> rusqlite::Result<Option<(i64, Citation)>> {
        rows.next()?
            .map(|r| {
                let method: String = r.get(4)?;
                Ok((
                    r.get(0)?,
                    Citation {
                        source: r.get(1)?,
                        quote: r.get(2)?,
                        locator: r.get(3)?,
                        method: Method::parse(&method).unwrap_or(Method::Manual),
                        credibility: r.get(5)?,
                        extractor_score: r.get(6)?,
                        curator: r.get(7)?,
                    },
                ))
            })
            .transpose()
    };
    let mut qualifier = next_qualifier(&mut qualifier_rows)?;
    let mut citation = match &mut citation_rows {
        Some(rows) => next_citation(rows)?,
        None => None,
    };
    while let Some(r) = claim_rows.next()? {
        let row = query::claim_row(r)?;
        let mut quals: BTreeMap<String, Vec<String>> = BTreeMap::new();
        while let Some((at, key, id)) = qualifier.take() {
            if at != row.row_id {
                qualifier = Some((at, key, id));
                break;
            }
            quals.entry(key).or_default().push(id);
            qualifier = next_qualifier(&mut qualifier_rows)?;
        }
        let mut cites = Vec::new();
        while let Some((at, cited)) = citation.take() {
            if at != row.row_id {
                citation = Some((at, cited));
                break;
            }
            cites.push(cited);
            citation = match &mut citation_rows {
                Some(rows) => next_citation(rows)?,
                None => None,
            };
        }
        f(query::stored_from(row, quals, cites)?)?;
    }
    Ok(())
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
    // Rows written again are deleted in one statement first, so each row is a plain insert:
    // `OR REPLACE` makes SQLite keep a statement journal of every page an insert touches.
    tx.prepare_cached(
        "DELETE FROM claim_ready WHERE claim_row IN (SELECT row_id FROM temp.claim_to_ready)",
    )?
    .execute([])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO claim_ready (claim_row, head, tail, sources, entities)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut count = 0;
    each_claim_listed(tx, Listed::ToReady, &mut |stored| {
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
        crate::db::import::plan_and_apply(conn, dataset).unwrap();
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
        timeline_ready_each(conn, filter, &mut |r| {
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
        let conn = crate::db::import::generated_in_memory(3_000);
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
