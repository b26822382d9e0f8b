//! What changed in a database between two instants: the claim versions recorded or retracted
//! in between, the vocabulary revised in between and the decisions recorded in between. Read
//! from the main tables on a connection without `--as-known-at` shadows (see [`super::asof`]).

use anyhow::Result;
use rusqlite::{Connection, named_params};

use super::query::{CLAIM_COLUMNS, StoredClaim, each_claim, stored_claim};
use crate::model::Resolution;

/// Every version of each claim id with a version recorded or retracted after `since` and up to
/// `until`, grouped by id (ids in order, each id's versions oldest first), handed to `f` one id
/// at a time: memory holds one claim's versions, whatever the size of the change.
pub fn claims_changed(
    conn: &Connection,
    since: &str,
    until: &str,
    f: &mut dyn FnMut(Vec<StoredClaim>) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM main.claim c WHERE c.id IN (
            SELECT id FROM main.claim WHERE recorded_at > :since AND recorded_at <= :until
            UNION
            SELECT id FROM main.claim WHERE retracted_at > :since AND retracted_at <= :until)
         ORDER BY c.id, c.recorded_at, c.row_id"
    );
    let mut group: Vec<StoredClaim> = Vec::new();
    each_claim(
        conn,
        &sql,
        named_params! {":since": since, ":until": until},
        &mut |c| {
            if group.last().is_some_and(|last| last.claim.id != c.claim.id) {
                f(std::mem::take(&mut group))?;
            }
            group.push(c);
            Ok(())
        },
    )?;
    if !group.is_empty() {
        f(group)?;
    }
    Ok(())
}

/// The current claims of two databases side by side in id order: `f` gets each id's claim in
/// `a`, in `b`, or both, as the rows of the two read in step arrive (each through its unique
/// index of current ids), so memory stays flat whatever their size.
pub fn current_claims_side_by_side(
    a: &Connection,
    b: &Connection,
    f: &mut dyn FnMut(Option<StoredClaim>, Option<StoredClaim>) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM main.claim c WHERE c.retracted_at IS NULL ORDER BY c.id"
    );
    let (mut sa, mut sb) = (a.prepare(&sql)?, b.prepare(&sql)?);
    let (mut ra, mut rb) = (sa.query([])?, sb.query([])?);
    let mut x = ra.next()?.map(stored_claim).transpose()?;
    let mut y = rb.next()?.map(stored_claim).transpose()?;
    loop {
        let order = match (&x, &y) {
            (None, None) => return Ok(()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(p), Some(q)) => p.claim.id.cmp(&q.claim.id),
        };
        match order {
            std::cmp::Ordering::Less => {
                f(x.take(), None)?;
                x = ra.next()?.map(stored_claim).transpose()?;
            }
            std::cmp::Ordering::Greater => {
                f(None, y.take())?;
                y = rb.next()?.map(stored_claim).transpose()?;
            }
            std::cmp::Ordering::Equal => {
                f(x.take(), y.take())?;
                x = ra.next()?.map(stored_claim).transpose()?;
                y = rb.next()?.map(stored_claim).transpose()?;
            }
        }
    }
}

/// A source, entity or predicate whose wording was replaced after `since` and up to `until`:
/// its table, id, the wording before (as JSON) and when it was replaced.
#[derive(Debug, Clone)]
pub struct Revised {
    pub table: String,
    pub id: String,
    pub previous: String,
    pub replaced_at: String,
}

/// The revisions recorded after `since` and up to `until`, the first for each item (the wording
/// it had at `since`), by table and id.
pub fn revised(conn: &Connection, since: &str, until: &str) -> Result<Vec<Revised>> {
    let mut stmt = conn.prepare(
        "SELECT table_name, item_id, previous, replaced_at FROM main.revision r
         WHERE replaced_at > :since AND replaced_at <= :until
           AND NOT EXISTS (SELECT 1 FROM main.revision e
                           WHERE e.table_name = r.table_name AND e.item_id = r.item_id
                             AND e.replaced_at > :since
                             AND (e.replaced_at < r.replaced_at
                                  OR (e.replaced_at = r.replaced_at AND e.row_id < r.row_id)))
         ORDER BY table_name, item_id",
    )?;
    let rows = stmt
        .query_map(named_params! {":since": since, ":until": until}, |r| {
            Ok(Revised {
                table: r.get(0)?,
                id: r.get(1)?,
                previous: r.get(2)?,
                replaced_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The wording an item had at `until` when a later revision replaced it: that revision's
/// `previous`; `None` when the current row is the wording at `until`.
pub fn wording_at(conn: &Connection, table: &str, id: &str, until: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT previous FROM main.revision WHERE table_name = ?1 AND item_id = ?2
           AND replaced_at > ?3 ORDER BY replaced_at, row_id LIMIT 1",
    )?;
    let mut rows = stmt.query(rusqlite::params![table, id, until])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}

/// The ids of the items of `table` (`source`, `entity` or `predicate`) a connection sees, in
/// order (through `--as-known-at` shadows when they are installed).
pub fn ids(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let sql = match table {
        "source" => "SELECT id FROM source WHERE retracted_at IS NULL ORDER BY id",
        "entity" => "SELECT id FROM entity WHERE retracted_at IS NULL ORDER BY id",
        _ => "SELECT id FROM predicate WHERE retracted_at IS NULL ORDER BY id",
    };
    let mut stmt = conn.prepare(sql)?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// A rank given to a claim (`factline review`'s assessments and `resolve --deprecate`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Assessment {
    pub claim: String,
    pub rank: String,
    pub reason: String,
    pub by: String,
    pub recorded_at: String,
}

/// The decisions about conflicts recorded after `since` and up to `until`, oldest first.
pub fn resolutions(conn: &Connection, since: &str, until: &str) -> Result<Vec<Resolution>> {
    let mut stmt = conn.prepare(
        "SELECT conflict_id, preferred, deprecated, reason, note, analyst, recorded_at
         FROM main.resolution WHERE recorded_at > :since AND recorded_at <= :until
         ORDER BY recorded_at, row_id",
    )?;
    let rows = stmt
        .query_map(
            named_params! {":since": since, ":until": until},
            resolution_from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The ranks given to claims after `since` and up to `until`, oldest first, of one claim when
/// `claim` is given (as known at an instant when the connection reads one).
pub fn assessments(
    conn: &Connection,
    claim: Option<&str>,
    since: &str,
    until: &str,
) -> Result<Vec<Assessment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT claim_id, rank, reason, analyst, recorded_at FROM assessment
         WHERE recorded_at > :since AND recorded_at <= :until
           AND (:claim IS NULL OR claim_id = :claim)
         ORDER BY recorded_at, row_id",
    )?;
    let rows = stmt
        .query_map(
            named_params! {":since": since, ":until": until, ":claim": claim},
            |r| {
                Ok(Assessment {
                    claim: r.get(0)?,
                    rank: r.get(1)?,
                    reason: r.get(2)?,
                    by: r.get(3)?,
                    recorded_at: r.get(4)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The decisions that name a claim, as preferred or deprecated, oldest first (as known at an
/// instant when the connection reads one).
pub fn resolutions_naming(conn: &Connection, claim: &str) -> Result<Vec<Resolution>> {
    let mut stmt = conn.prepare_cached(
        "SELECT conflict_id, preferred, deprecated, reason, note, analyst, recorded_at
         FROM resolution
         WHERE preferred = ?1 OR EXISTS (SELECT 1 FROM json_each(deprecated) WHERE value = ?1)
         ORDER BY recorded_at, row_id",
    )?;
    let rows = stmt
        .query_map([claim], resolution_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A decision from the columns `conflict_id, preferred, deprecated, reason, note, analyst,
/// recorded_at`, in that order.
pub(super) fn resolution_from_row(r: &rusqlite::Row) -> rusqlite::Result<Resolution> {
    let deprecated: String = r.get(2)?;
    Ok(Resolution {
        conflict: r.get(0)?,
        prefer: r.get(1)?,
        deprecate: serde_json::from_str(&deprecated).unwrap_or_default(),
        reason: r.get(3)?,
        note: r.get(4)?,
        by: r.get(5)?,
        recorded_at: r.get(6)?,
    })
}

/// An instant later than any recorded one, for "up to now".
pub const END_OF_TIME: &str = "9999-12-31T23:59:59Z";
