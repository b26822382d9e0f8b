//! The review queue (table `review_candidate`, migration V11): extracted candidates waiting
//! for an analyst's decision, with their provenance, and the decisions once made. Nothing here
//! writes claims: an accepted candidate becomes a claim through a data file and an import.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::model::ShapeRow;

/// A candidate to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    /// The candidate's stable id.
    pub id: String,
    pub kind: String,
    /// What the candidate says, as a key: a rejection of one content covers every candidate
    /// that says the same.
    pub content: String,
    pub document: String,
    pub sha256: String,
    pub source: Option<String>,
    pub line: usize,
    pub score: f64,
    /// The candidate as `extract --format json` prints it.
    pub candidate: String,
    pub sentence: String,
    pub quote: String,
    pub locator: String,
}

/// A queued candidate and its decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub item: NewItem,
    /// `pending`, `accepted` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    /// The claim an accepted candidate became.
    pub claim_id: Option<String>,
    pub queued_at: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
}

/// What queueing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Queueing {
    pub queued: usize,
    /// Candidates with an id already in the queue (any status), or saying what a queued or
    /// accepted candidate says.
    pub already: usize,
    /// Candidates that say what a rejected candidate said.
    pub rejected_before: usize,
}

/// Queues candidates in one transaction: a candidate already queued (by id) or saying what a
/// queued, accepted or rejected one says (by content) is left out.
pub fn queue(conn: &mut Connection, items: &[NewItem], now: &str) -> Result<Queueing> {
    let tx = conn.transaction()?;
    let mut counts = Queueing::default();
    {
        let mut known = tx.prepare_cached("SELECT 1 FROM review_candidate WHERE id = ?1")?;
        let mut same = tx.prepare_cached(
            "SELECT max(status = 'rejected') FROM review_candidate WHERE content = ?1",
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO review_candidate (id, kind, content, document, sha256, source, line,
               score, candidate, sentence, quote, locator, queued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for item in items {
            let said: Option<bool> = same.query_row([&item.content], |r| r.get(0))?;
            if known.exists([&item.id])? || said == Some(false) {
                counts.already += 1;
            } else if said == Some(true) {
                counts.rejected_before += 1;
            } else {
                insert
                    .execute(params![
                        item.id,
                        item.kind,
                        item.content,
                        item.document,
                        item.sha256,
                        item.source,
                        i64::try_from(item.line).unwrap_or(i64::MAX),
                        item.score,
                        item.candidate,
                        item.sentence,
                        item.quote,
                        item.locator,
                        now
                    ])
                    .with_context(|| format!("while queueing candidate {}", item.id))?;
                counts.queued += 1;
            }
        }
    }
    tx.commit().context("while saving the review queue")?;
    Ok(counts)
}

fn queued_from_row(r: &Row) -> rusqlite::Result<Queued> {
    Ok(Queued {
        item: NewItem {
            id: r.get("id")?,
            kind: r.get("kind")?,
            content: r.get("content")?,
            document: r.get("document")?,
            sha256: r.get("sha256")?,
            source: r.get("source")?,
            line: usize::try_from(r.get::<_, i64>("line")?).unwrap_or(0),
            score: r.get("score")?,
            candidate: r.get("candidate")?,
            sentence: r.get("sentence")?,
            quote: r.get("quote")?,
            locator: r.get("locator")?,
        },
        status: r.get("status")?,
        reason: r.get("reason")?,
        claim_id: r.get("claim_id")?,
        queued_at: r.get("queued_at")?,
        decided_at: r.get("decided_at")?,
        decided_by: r.get("decided_by")?,
    })
}

/// Calls `each` on the queued candidates with `status` (every status when `None`), best score
/// first, then in the order they were queued; rows are read as they are handed on.
pub fn each(
    conn: &Connection,
    status: Option<&str>,
    min_score: f64,
    mut each: impl FnMut(Queued) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM review_candidate
         WHERE (?1 IS NULL OR status = ?1) AND score >= ?2
         ORDER BY status = 'pending' DESC, score DESC, row_id",
    )?;
    let mut rows = stmt.query(params![status, min_score])?;
    while let Some(row) = rows.next()? {
        each(queued_from_row(row)?)?;
    }
    Ok(())
}

/// One queued candidate by id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Queued>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM review_candidate WHERE id = ?1")?;
    Ok(stmt.query_row([id], queued_from_row).optional()?)
}

/// The candidate queued with this content key (what it says), if any.
pub fn by_content(conn: &Connection, content: &str) -> Result<Option<Queued>> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM review_candidate WHERE content = ?1 ORDER BY row_id LIMIT 1",
    )?;
    Ok(stmt.query_row([content], queued_from_row).optional()?)
}

/// The documents candidates of `source` were queued from, with their sha256, most recent
/// first (where `review add` looks for a source's text).
pub fn documents(conn: &Connection, source: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT document, sha256 FROM review_candidate WHERE source = ?1
         GROUP BY document, sha256 ORDER BY max(row_id) DESC LIMIT 20",
    )?;
    let rows = stmt
        .query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(rows)
}

/// Ids of the queue that start with `prefix` (for "did you mean" and short ids).
pub fn ids_like(conn: &Connection, prefix: &str, limit: usize) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM review_candidate WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let ids = stmt
        .query_map(params![prefix, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// A decision on a queued candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Accepted { claim_id: String },
    Rejected { reason: String },
}

/// Records decisions (call inside the transaction that must hold them together).
pub fn decide(
    conn: &Connection,
    decisions: &[(String, Decision)],
    by: &str,
    now: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE review_candidate SET status = ?2, reason = ?3, claim_id = ?4, decided_at = ?5,
           decided_by = ?6
         WHERE id = ?1 AND status = 'pending'",
    )?;
    for (id, decision) in decisions {
        let (status, reason, claim) = match decision {
            Decision::Accepted { claim_id } => ("accepted", None, Some(claim_id.as_str())),
            Decision::Rejected { reason } => ("rejected", Some(reason.as_str()), None),
        };
        let changed = stmt.execute(params![id, status, reason, claim, now, by])?;
        if changed != 1 {
            anyhow::bail!(
                "candidate {id} is not pending in the review queue (decided meanwhile by \
                 another run?); `factline review list --status all` shows it"
            );
        }
    }
    Ok(())
}

/// The queue's counts by status: (pending, accepted, rejected).
pub fn counts(conn: &Connection) -> Result<(usize, usize, usize)> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(sum(status = 'pending'), 0), coalesce(sum(status = 'accepted'), 0),
                coalesce(sum(status = 'rejected'), 0) FROM review_candidate",
    )?;
    let (p, a, r): (i64, i64, i64) =
        stmt.query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let n = |x: i64| usize::try_from(x).unwrap_or(0);
    Ok((n(p), n(a), n(r)))
}

/// Every current entity with its names (id, name and aliases, as the gazetteer matches them),
/// read in one ordered pass over the alias table.
pub fn entity_names(conn: &Connection) -> Result<Vec<crate::model::Entity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.name, e.kind, a.alias FROM entity e
         LEFT JOIN entity_alias a ON a.entity_id = e.id AND a.alias <> e.id AND a.alias <> e.name
         WHERE e.retracted_at IS NULL ORDER BY e.id, a.alias",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<crate::model::Entity> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let alias: Option<String> = r.get(3)?;
        if out.last().is_none_or(|e| e.id != id) {
            out.push(crate::model::Entity {
                id,
                name: r.get(1)?,
                kind: r.get(2)?,
                aliases: Vec::new(),
                note: None,
            });
        }
        if let (Some(alias), Some(e)) = (alias, out.last_mut()) {
            e.aliases.push(alias);
        }
    }
    Ok(out)
}

/// How each predicate's current claims use entities: by role (`subject`, `object` or a
/// qualifier key) and entity kind. One sequential pass over the claims (in table order, not
/// through an index, whose order would make every row a random read) and one over the
/// qualifiers in key order, counted here without sorting.
pub fn claim_shapes(conn: &Connection) -> Result<Vec<ShapeRow>> {
    let context = "while reading how predicates use entities";
    let mut kinds: HashMap<String, String> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, kind FROM entity")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next().context(context)? {
        kinds.insert(r.get(0)?, r.get(1)?);
    }
    /// Claims of one predicate: in all, and by role and kind.
    #[derive(Default)]
    struct Counts {
        total: usize,
        roles: HashMap<String, HashMap<String, (usize, bool)>>,
    }
    fn slot<'a, V: Default>(map: &'a mut HashMap<String, V>, key: &str) -> &'a mut V {
        map.entry(key.to_string()).or_default()
    }
    let mut predicates: HashMap<String, Counts> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT predicate, subject, object FROM claim NOT INDEXED WHERE retracted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next().context(context)? {
        let counts = slot(&mut predicates, r.get_ref(0)?.as_str()?);
        counts.total += 1;
        if let Some(kind) = kinds.get(r.get_ref(1)?.as_str()?) {
            slot(slot(&mut counts.roles, "subject"), kind).0 += 1;
        }
        if let Some(object) = r.get_ref(2)?.as_str_or_null()?
            && let Some(kind) = kinds.get(object)
        {
            slot(slot(&mut counts.roles, "object"), kind).0 += 1;
        }
    }
    // Qualifiers in primary-key order: each claim's values of one key come together.
    let mut stmt = conn.prepare_cached(
        "SELECT q.claim_row, q.key, q.entity_id, c.predicate
           FROM claim_qualifier q JOIN claim c ON c.row_id = q.claim_row
          WHERE c.retracted_at IS NULL
          ORDER BY q.claim_row, q.key, q.entity_id",
    )?;
    let mut rows = stmt.query([])?;
    // The run of rows of one claim and key: its kinds (distinct) and its length.
    let mut run: Option<(i64, String, String)> = None;
    let mut run_kinds: Vec<&str> = Vec::new();
    let mut run_len = 0usize;
    let mut flush = |run: &Option<(i64, String, String)>, run_kinds: &mut Vec<&str>, len| {
        if let Some((_, key, predicate)) = run {
            let role = slot(&mut slot(&mut predicates, predicate).roles, key);
            for kind in run_kinds.drain(..) {
                let (claims, several) = slot(role, kind);
                *claims += 1;
                *several |= len > 1;
            }
        }
    };
    while let Some(r) = rows.next().context(context)? {
        let claim: i64 = r.get(0)?;
        let key = r.get_ref(1)?.as_str()?;
        if run.as_ref().is_none_or(|(c, k, _)| *c != claim || k != key) {
            flush(&run, &mut run_kinds, run_len);
            run = Some((claim, key.to_string(), r.get(3)?));
            run_len = 0;
        }
        run_len += 1;
        if let Some(kind) = kinds.get(r.get_ref(2)?.as_str()?)
            && !run_kinds.contains(&kind.as_str())
        {
            run_kinds.push(kind.as_str());
        }
    }
    flush(&run, &mut run_kinds, run_len);
    let mut out = Vec::new();
    for (predicate, counts) in predicates {
        for (role, by_kind) in counts.roles {
            for (kind, (claims, several)) in by_kind {
                out.push(ShapeRow {
                    predicate: predicate.clone(),
                    role: role.clone(),
                    kind,
                    claims,
                    total: counts.total,
                    several,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, content: &str) -> NewItem {
        NewItem {
            id: id.into(),
            kind: "claim".into(),
            content: content.into(),
            document: "a.txt".into(),
            sha256: "0".repeat(64),
            source: Some("s".into()),
            line: 3,
            score: 0.8,
            candidate: "{}".into(),
            sentence: "Russia signed it.".into(),
            quote: "Russia signed".into(),
            locator: "line 3".into(),
        }
    }

    #[test]
    fn entity_names_in_one_pass_match_the_entities() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let mut expected = crate::db::query::entities(&conn).unwrap();
        for e in &mut expected {
            e.note = None;
        }
        assert!(expected.len() > 10);
        assert_eq!(entity_names(&conn).unwrap(), expected);
    }

    /// The shapes counted in two passes equal those of one SQL statement that says what they
    /// mean (each role and kind grouped, and for qualifiers whether a claim has several).
    #[test]
    fn claim_shapes_match_their_definition() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let mut stmt = conn
            .prepare(
                "WITH c AS (SELECT row_id, predicate, subject, object FROM claim
                            WHERE retracted_at IS NULL),
                      totals AS (SELECT predicate, count(*) AS n FROM c GROUP BY predicate)
                 SELECT c.predicate, 'subject', e.kind, count(*), t.n, 0
                   FROM c JOIN entity e ON e.id = c.subject
                   JOIN totals t ON t.predicate = c.predicate GROUP BY c.predicate, e.kind
                 UNION ALL
                 SELECT c.predicate, 'object', e.kind, count(*), t.n, 0
                   FROM c JOIN entity e ON e.id = c.object
                   JOIN totals t ON t.predicate = c.predicate GROUP BY c.predicate, e.kind
                 UNION ALL
                 SELECT predicate, key, kind, count(DISTINCT row_id), n, max(per) > 1 FROM (
                   SELECT c.predicate, q.key, e.kind, c.row_id, t.n,
                          (SELECT count(*) FROM claim_qualifier q2
                            WHERE q2.claim_row = c.row_id AND q2.key = q.key) AS per
                     FROM c JOIN claim_qualifier q ON q.claim_row = c.row_id
                            JOIN entity e ON e.id = q.entity_id
                            JOIN totals t ON t.predicate = c.predicate)
                  GROUP BY predicate, key, kind",
            )
            .unwrap();
        let mut expected: Vec<(String, String, String, i64, i64, bool)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get::<_, i64>(5)? != 0,
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        expected.sort();
        let mut got: Vec<(String, String, String, i64, i64, bool)> = claim_shapes(&conn)
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.predicate,
                    r.role,
                    r.kind,
                    r.claims as i64,
                    r.total as i64,
                    r.several,
                )
            })
            .collect();
        got.sort();
        assert!(expected.len() > 20, "{expected:?}");
        assert!(
            expected.iter().any(|r| r.5),
            "some qualifier comes several to a claim"
        );
        assert_eq!(got, expected);
    }

    #[test]
    fn queue_skips_known_ids_and_rejected_content() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let got = queue(
            &mut conn,
            &[item("x1", "c1"), item("x2", "c2")],
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        assert_eq!(got.queued, 2);
        decide(
            &conn,
            &[(
                "x1".into(),
                Decision::Rejected {
                    reason: "wrong subject".into(),
                },
            )],
            "a",
            "2026-01-02T00:00:00Z",
        )
        .unwrap();
        let got = queue(
            &mut conn,
            &[
                item("x1", "c1"),
                item("x3", "c1"),
                item("x4", "c4"),
                item("x5", "c2"),
            ],
            "t",
        )
        .unwrap();
        assert_eq!(
            got,
            Queueing {
                queued: 1,
                already: 2,
                rejected_before: 1
            }
        );
        assert_eq!(counts(&conn).unwrap(), (2, 0, 1));
        let rejected = get(&conn, "x1").unwrap().unwrap();
        assert_eq!(rejected.reason.as_deref(), Some("wrong subject"));
        let mut pending = Vec::new();
        each(&conn, Some("pending"), 0.0, |q| {
            pending.push(q.item.id);
            Ok(())
        })
        .unwrap();
        assert_eq!(pending, ["x2", "x4"]);
        assert!(
            decide(
                &conn,
                &[(
                    "nope".into(),
                    Decision::Accepted {
                        claim_id: "c".into()
                    }
                )],
                "a",
                "t"
            )
            .is_err()
        );
    }
}
