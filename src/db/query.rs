//! Reading the fact store back as model types: claims in timeline order, one record by id, and
//! the lookups that labels and `show` need.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::db::{predicate_from_row, value_type_from_sql};
use crate::model::{
    Citation, Claim, Entity, Method, Predicate, Quantity, QuantityBound, Source, Value, ValueType,
};
use crate::time::When;

pub use super::search::{fts_query, search};

/// A claim row as stored: the claim with its history columns and current rank.
#[derive(Debug, Clone)]
pub struct StoredClaim {
    pub row_id: i64,
    pub claim: Claim,
    pub origin: Option<String>,
    pub recorded_at: String,
    pub retracted_at: Option<String>,
    /// The latest assessment's rank: `preferred`, `normal` (the default) or `deprecated`.
    pub rank: String,
}

pub(super) const CLAIM_COLUMNS: &str =
    "c.row_id, c.id, c.subject, c.predicate, c.value_type, c.object,
    c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value, c.valid_time, c.note, c.origin,
    c.recorded_at, c.retracted_at,
    coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id
              ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
    (SELECT json_group_array(json_array(q.key, q.entity_id)) FROM (
       SELECT key, entity_id FROM claim_qualifier WHERE claim_row = c.row_id
       ORDER BY key, entity_id) q) AS qualifiers_json,
    (SELECT json_group_array(json_array(k.source, k.quote, k.locator, k.method,
       k.credibility, k.extractor_score, k.curator)) FROM (
       SELECT * FROM citation WHERE claim_row = c.row_id ORDER BY row_id) k) AS citations_json";

/// The claim columns with the rank as assessed up to the instant bound to `:asof`.
const CLAIM_COLUMNS_AS_OF: &str = "c.row_id, c.id, c.subject, c.predicate, c.value_type,
    c.object, c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value, c.valid_time, c.note,
    c.origin, c.recorded_at, c.retracted_at,
    coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id AND a.recorded_at <= :asof
              ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
    (SELECT json_group_array(json_array(q.key, q.entity_id)) FROM (
       SELECT key, entity_id FROM claim_qualifier WHERE claim_row = c.row_id
       ORDER BY key, entity_id) q) AS qualifiers_json,
    (SELECT json_group_array(json_array(k.source, k.quote, k.locator, k.method,
       k.credibility, k.extractor_score, k.curator)) FROM (
       SELECT * FROM citation WHERE claim_row = c.row_id ORDER BY row_id) k) AS citations_json";

/// The length class of a claim's possible span, word for word as migration V9 indexes it
/// (`claim_window`): 0 under 32 days, 1 under 367, 2 under 3,661, 3 under 36,600, 4 longer or
/// open.
const SPAN_CLASS: &str = "(CASE WHEN end_day - start_day < 32 THEN 0
          WHEN end_day - start_day < 367 THEN 1
          WHEN end_day - start_day < 3661 THEN 2
          WHEN end_day - start_day < 36600 THEN 3
          ELSE 4 END)";

/// The longest span, in days, of each bounded class of [`SPAN_CLASS`].
const CLASS_LONGEST: [i64; 4] = [31, 366, 3660, 36599];

/// Timeline order (see `time`): the day a reader places a claim at (its earliest possible day,
/// or its latest when the start is open), then the latest day, coarser precision first, the
/// EDTF text and the id. Word for word the expression of the index `claim_timeline` (V17).
pub const TIMELINE_ORDER: &str =
    "ORDER BY (CASE WHEN c.start_day = -999999999 THEN c.end_day ELSE c.start_day END),
     c.end_day, c.precision_rank, c.valid_time, c.id";

/// The day number that stands for an open end (see migration V1).
const OPEN_END: i64 = 999_999_999;

/// Row ids of current claims that overlap the window `:from_day` … `:window_to`, read from the
/// `claim_window` index: within a length class, only claims that start at most the class's
/// longest span before the window can reach it.
fn window() -> String {
    let mut parts: Vec<String> = (0..CLASS_LONGEST.len())
        .map(|class| {
            format!(
                "SELECT row_id FROM claim WHERE retracted_at IS NULL AND {SPAN_CLASS} = {class}
                   AND start_day BETWEEN :window_from{class} AND :window_to
                   AND end_day >= :from_day"
            )
        })
        .collect();
    parts.push(format!(
        "SELECT row_id FROM claim WHERE retracted_at IS NULL AND {SPAN_CLASS} = 4
           AND start_day <= :window_to AND end_day >= :from_day"
    ));
    format!("SELECT row_id FROM ({})", parts.join("\n UNION ALL "))
}

/// Which claims a timeline shows. Every field narrows the selection; empty means no limit.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Claims involving any of these entity ids (as subject, object or qualifier).
    pub entities: Vec<String>,
    /// Claims involving both of these entity ids, and the claims of either that share their
    /// object and predicate with a claim of the other (both in one alliance).
    pub between: Option<(String, String)>,
    /// Claims whose possible span reaches this day number or later.
    pub from_day: Option<i64>,
    /// Claims whose possible span starts on or before this day number.
    pub to_day: Option<i64>,
    pub predicates: Vec<String>,
    /// Claims whose subject is an entity of one of these kinds.
    pub kinds: Vec<String>,
    /// Claims with a citation of one of these sources.
    pub sources: Vec<String>,
    /// Claims with a citation at least this credible (1 = confirmed … 6).
    pub max_credibility: Option<u8>,
    /// `Some(false)`: only claims a document gives (a citation of a source not of kind
    /// `dataset`); `Some(true)`: only dataset rows (every citation from a dataset).
    pub datasets: Option<bool>,
    /// The database as it stood at this instant (recorded-at and retracted-at), if given.
    pub as_known_at: Option<String>,
}

/// Row ids of claims involving entity parameter `name` (subject, object or qualifier), each
/// branch answered by its own index.
fn involving(name: &str) -> String {
    format!(
        "SELECT row_id FROM (SELECT row_id FROM claim WHERE subject = {name}
           UNION SELECT row_id FROM claim WHERE object = {name}
           UNION SELECT claim_row FROM claim_qualifier WHERE entity_id = {name})"
    )
}

/// What a timeline query reads: claims to parse, or rows ready to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `CLAIM_COLUMNS`: each claim with its qualifiers and citations, as [`StoredClaim`].
    Claims,
    /// `claim_ready`'s columns: each claim's row ready to print, as `db::ready::ReadyRow`.
    Ready,
}

/// The SQL and its named parameters for a filtered timeline, in timeline order.
pub fn timeline_sql(filter: &Filter) -> (String, Vec<(String, rusqlite::types::Value)>) {
    timeline_sql_shaped(filter, Shape::Claims)
}

/// [`timeline_sql`] reading the columns of `shape`. Rows ready to print are joined to the
/// claims by row id after them (`CROSS JOIN` keeps that order): the claims are still read in
/// the order of `claim_timeline`, or of the candidates the filter picks.
pub fn timeline_sql_shaped(
    filter: &Filter,
    shape: Shape,
) -> (String, Vec<(String, rusqlite::types::Value)>) {
    use rusqlite::types::Value as Sql;
    let mut conditions = Vec::new();
    let mut params: Vec<(String, Sql)> = Vec::new();
    let list = |prefix: &str, values: &[String], params: &mut Vec<(String, Sql)>| {
        let names: Vec<String> = (0..values.len()).map(|i| format!(":{prefix}{i}")).collect();
        for (name, value) in names.iter().zip(values) {
            params.push((name.clone(), Sql::Text(value.clone())));
        }
        names.join(", ")
    };
    match &filter.as_known_at {
        Some(instant) => {
            conditions.push(
                "c.recorded_at <= :asof AND (c.retracted_at IS NULL OR c.retracted_at > :asof)"
                    .to_string(),
            );
            params.push((":asof".into(), Sql::Text(instant.clone())));
        }
        None => conditions.push("c.retracted_at IS NULL".to_string()),
    }
    // Entity filters pick candidate rows through the indexes first; CROSS JOIN makes SQLite
    // keep that order, so the claim table is reached by row id instead of being scanned.
    let mut sets = Vec::new();
    if !filter.entities.is_empty() {
        let names = list("entity", &filter.entities, &mut params);
        let any: Vec<String> = names.split(", ").map(involving).collect();
        sets.push(format!("SELECT row_id FROM ({})", any.join(" UNION ")));
    }
    if let Some((a, b)) = &filter.between {
        params.push((":between_a".into(), Sql::Text(a.clone())));
        params.push((":between_b".into(), Sql::Text(b.clone())));
        // Claims involving both, and the claims of either that share an object with a claim
        // of the other by the same predicate: both members of one alliance, of one
        // organisation.
        sets.push(format!(
            "SELECT row_id FROM ({} INTERSECT {})
             UNION SELECT row_id FROM claim
             WHERE subject IN (:between_a, :between_b) AND object IS NOT NULL
               AND (predicate, object) IN (
                 SELECT predicate, object FROM claim WHERE subject = :between_a
                   AND object IS NOT NULL AND retracted_at IS NULL
                 INTERSECT SELECT predicate, object FROM claim WHERE subject = :between_b
                   AND object IS NOT NULL AND retracted_at IS NULL)",
            involving(":between_a"),
            involving(":between_b")
        ));
    }
    // A window with a start reads only the claims near it (index `claim_window`, migration V9);
    // that index holds current claims only, so a view as known at an earlier instant does not
    // use it. A window with an end alone is a prefix of `claim_timeline`, which is read as is.
    if let (Some(day), None) = (filter.from_day, &filter.as_known_at) {
        for (class, longest) in CLASS_LONGEST.iter().enumerate() {
            params.push((
                format!(":window_from{class}"),
                Sql::Integer(day.saturating_sub(*longest)),
            ));
        }
        params.push((
            ":window_to".into(),
            Sql::Integer(filter.to_day.unwrap_or(OPEN_END)),
        ));
        sets.push(window());
    }
    let mut from = if sets.is_empty() {
        "claim c".to_string()
    } else {
        format!(
            "({}) AS m CROSS JOIN claim c ON c.row_id = m.row_id",
            sets.join(" INTERSECT ")
        )
    };
    if shape == Shape::Ready {
        from.push_str(" CROSS JOIN claim_ready r ON r.claim_row = c.row_id");
    }
    if let Some(day) = filter.from_day {
        conditions.push("c.end_day >= :from_day".into());
        params.push((":from_day".into(), Sql::Integer(day)));
    }
    if let Some(day) = filter.to_day {
        conditions.push("c.start_day <= :to_day".into());
        params.push((":to_day".into(), Sql::Integer(day)));
    }
    if !filter.predicates.is_empty() {
        let names = list("predicate", &filter.predicates, &mut params);
        conditions.push(format!("c.predicate IN ({names})"));
    }
    if !filter.kinds.is_empty() {
        let names = list("kind", &filter.kinds, &mut params);
        conditions.push(format!(
            "c.subject IN (SELECT id FROM entity WHERE kind IN ({names}))"
        ));
    }
    if !filter.sources.is_empty() {
        let names = list("source", &filter.sources, &mut params);
        conditions.push(format!(
            "c.row_id IN (SELECT claim_row FROM citation WHERE source IN ({names}))"
        ));
    }
    if let Some(level) = filter.max_credibility {
        conditions.push(
            "c.row_id IN (SELECT claim_row FROM citation WHERE credibility <= :credibility)".into(),
        );
        params.push((":credibility".into(), Sql::Integer(i64::from(level))));
    }
    if let Some(datasets) = filter.datasets {
        // Asked of each candidate row through `citation_claim`: nothing is collected first.
        conditions.push(format!(
            "{}EXISTS (SELECT 1 FROM citation ci WHERE ci.claim_row = c.row_id
               AND ci.source IN (SELECT id FROM source WHERE kind <> 'dataset'))",
            if datasets { "NOT " } else { "" }
        ));
    }
    let columns = match (shape, filter.as_known_at.is_some()) {
        (Shape::Claims, true) => CLAIM_COLUMNS_AS_OF,
        (Shape::Claims, false) => CLAIM_COLUMNS,
        (Shape::Ready, true) => super::ready::READY_COLUMNS_AS_OF,
        (Shape::Ready, false) => super::ready::READY_COLUMNS,
    };
    let sql = format!(
        "SELECT {columns} FROM {from} WHERE {}
         {TIMELINE_ORDER}",
        conditions.join("\n           AND ")
    );
    (sql, params)
}

/// The claims a filter selects, in timeline order (see `time` for the rule).
pub fn timeline_filtered(conn: &Connection, filter: &Filter) -> Result<Vec<StoredClaim>> {
    let mut out = Vec::new();
    timeline_each(conn, filter, &mut |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// Hands each claim a filter selects to `f` as its row arrives, in timeline order: memory does
/// not grow with the number of claims. An error from `f` stops the read and is returned.
pub fn timeline_each(
    conn: &Connection,
    filter: &Filter,
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let (sql, params) = timeline_sql(filter);
    let bound: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), value as &dyn rusqlite::ToSql))
        .collect();
    each_claim(conn, &sql, bound.as_slice(), f).context("while reading the timeline")
}

/// The query plan SQLite chooses for a filtered timeline, one line per step.
pub fn timeline_plan(conn: &Connection, filter: &Filter) -> Result<Vec<String>> {
    timeline_plan_shaped(conn, filter, Shape::Claims)
}

/// [`timeline_plan`] for the columns of `shape`.
pub fn timeline_plan_shaped(
    conn: &Connection,
    filter: &Filter,
    shape: Shape,
) -> Result<Vec<String>> {
    let (sql, params) = timeline_sql_shaped(filter, shape);
    let bound: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .map(|(name, value)| (name.as_str(), value as &dyn rusqlite::ToSql))
        .collect();
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = stmt
        .query_map(bound.as_slice(), |r| r.get::<_, String>(3))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Raw columns of a claim row, before its EDTF text is parsed.
pub(super) struct ClaimRow {
    pub(super) row_id: i64,
    id: String,
    subject: String,
    predicate: String,
    value: Value,
    valid_time: String,
    note: Option<String>,
    origin: Option<String>,
    recorded_at: String,
    retracted_at: Option<String>,
    rank: String,
}

/// Positions of the claim columns in [`CLAIM_COLUMNS`] and [`CLAIM_COLUMNS_AS_OF`]: rows are
/// read by position, as looking a name up costs a search of the column names for every value.
mod col {
    pub const ROW_ID: usize = 0;
    pub const ID: usize = 1;
    pub const SUBJECT: usize = 2;
    pub const PREDICATE: usize = 3;
    pub const VALUE_TYPE: usize = 4;
    pub const OBJECT: usize = 5;
    pub const AMOUNT: usize = 6;
    pub const LOWER: usize = 7;
    pub const UPPER: usize = 8;
    pub const UNIT: usize = 9;
    pub const BOUND: usize = 10;
    pub const TEXT_VALUE: usize = 11;
    pub const VALID_TIME: usize = 12;
    pub const NOTE: usize = 13;
    pub const ORIGIN: usize = 14;
    pub const RECORDED_AT: usize = 15;
    pub const RETRACTED_AT: usize = 16;
    pub const RANK: usize = 17;
    pub const QUALIFIERS_JSON: usize = 18;
    pub const CITATIONS_JSON: usize = 19;
}

pub(super) fn claim_row(r: &Row) -> rusqlite::Result<ClaimRow> {
    let value_type = value_type_from_sql(&r.get::<_, String>(col::VALUE_TYPE)?)?;
    let value = match value_type {
        ValueType::Entity => Value::Entity {
            entity: r.get(col::OBJECT)?,
        },
        ValueType::Quantity => {
            let bound: String = r.get(col::BOUND)?;
            Value::Quantity(Quantity {
                amount: r.get(col::AMOUNT)?,
                lower: r.get(col::LOWER)?,
                upper: r.get(col::UPPER)?,
                unit: r.get::<_, Option<String>>(col::UNIT)?.unwrap_or_default(),
                bound: QuantityBound::parse(&bound).unwrap_or(QuantityBound::Exact),
            })
        }
        ValueType::Text => Value::Text {
            text: r.get(col::TEXT_VALUE)?,
        },
        ValueType::None => Value::None,
    };
    Ok(ClaimRow {
        row_id: r.get(col::ROW_ID)?,
        id: r.get(col::ID)?,
        subject: r.get(col::SUBJECT)?,
        predicate: r.get(col::PREDICATE)?,
        value,
        valid_time: r.get(col::VALID_TIME)?,
        note: r.get(col::NOTE)?,
        origin: r.get(col::ORIGIN)?,
        recorded_at: r.get(col::RECORDED_AT)?,
        retracted_at: r.get(col::RETRACTED_AT)?,
        rank: r.get(col::RANK)?,
    })
}

/// A citation as the claim query returns it, one JSON array per citation.
type CitationRow = (
    String,
    String,
    String,
    String,
    u8,
    Option<f64>,
    Option<String>,
);

/// Runs a claim query. Qualifiers and citations come in the same rows, as JSON arrays built by
/// SQLite (no statement per claim), in one read.
fn claims(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<StoredClaim>> {
    let mut out = Vec::new();
    each_claim(conn, sql, args, &mut |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// Runs a claim query and hands each claim to `f` as its row arrives.
pub(super) fn each_claim(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    while let Some(r) = rows.next()? {
        f(stored_claim(r)?)?;
    }
    Ok(())
}

/// A claim from a row of [`CLAIM_COLUMNS`].
pub(super) fn stored_claim(r: &Row) -> Result<StoredClaim> {
    let row = claim_row(r)?;
    let qualifiers_json: String = r.get(col::QUALIFIERS_JSON)?;
    let citations_json: String = r.get(col::CITATIONS_JSON)?;
    let pairs: Vec<(String, String)> = serde_json::from_str(&qualifiers_json)
        .with_context(|| format!("while reading the qualifiers of claim `{}`", row.id))?;
    let mut quals: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, id) in pairs {
        quals.entry(key).or_default().push(id);
    }
    let cited: Vec<CitationRow> = serde_json::from_str(&citations_json)
        .with_context(|| format!("while reading the citations of claim `{}`", row.id))?;
    let cites = cited
        .into_iter()
        .map(
            |(source, quote, locator, method, credibility, extractor_score, curator)| Citation {
                source,
                quote,
                locator,
                method: Method::parse(&method).unwrap_or(Method::Manual),
                credibility,
                extractor_score,
                curator,
            },
        )
        .collect();
    stored_from(row, quals, cites)
}

/// A claim from its row, its qualifiers and its citations.
pub(super) fn stored_from(
    row: ClaimRow,
    quals: BTreeMap<String, Vec<String>>,
    cites: Vec<Citation>,
) -> Result<StoredClaim> {
    let when = When::parse(&row.valid_time).map_err(|e| {
        anyhow!(
            "the database holds an invalid time for claim `{}`: {e}",
            row.id
        )
    })?;
    Ok(StoredClaim {
        row_id: row.row_id,
        claim: Claim {
            id: row.id,
            subject: row.subject,
            predicate: row.predicate,
            value: row.value,
            qualifiers: quals,
            when,
            note: row.note,
            citations: cites,
        },
        origin: row.origin,
        recorded_at: row.recorded_at,
        retracted_at: row.retracted_at,
        rank: row.rank,
    })
}

/// The files current claims were imported from (`origin`), each once, in no particular order;
/// `None` stands for claims recorded without one.
pub fn claim_origins(conn: &Connection) -> Result<Vec<Option<String>>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT origin FROM claim WHERE retracted_at IS NULL")?;
    let rows = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The SQL and its parameters for the current claims imported from one of `origins`, in id
/// order. One origin is a range of the `claim_origin` index (migration V9), read in order;
/// several are merged by SQLite's sorter.
fn claims_from_sql(origins: &[Option<String>]) -> Result<(String, Vec<rusqlite::types::Value>)> {
    use rusqlite::types::Value as Sql;
    Ok(match origins {
        [Some(origin)] => (
            format!(
                "SELECT {CLAIM_COLUMNS} FROM claim c
                 WHERE c.retracted_at IS NULL AND c.origin = ?1 ORDER BY c.id"
            ),
            vec![Sql::Text(origin.clone())],
        ),
        [None] => (
            format!(
                "SELECT {CLAIM_COLUMNS} FROM claim c
                 WHERE c.retracted_at IS NULL AND c.origin IS NULL ORDER BY c.id"
            ),
            Vec::new(),
        ),
        _ => {
            let named: Vec<&str> = origins.iter().flatten().map(String::as_str).collect();
            let with_none = origins.iter().any(Option::is_none);
            (
                format!(
                    "SELECT {CLAIM_COLUMNS} FROM claim c
                     WHERE c.retracted_at IS NULL
                       AND (c.origin IN (SELECT value FROM json_each(?1))
                            OR (?2 AND c.origin IS NULL))
                     ORDER BY c.id"
                ),
                vec![
                    Sql::Text(serde_json::to_string(&named)?),
                    Sql::Integer(i64::from(with_none)),
                ],
            )
        }
    })
}

/// Hands each current claim imported from one of `origins` to `f` as its row arrives, in id
/// order: what one exported claims file holds.
pub fn each_claim_from(
    conn: &Connection,
    origins: &[Option<String>],
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let (sql, values) = claims_from_sql(origins)?;
    each_claim(conn, &sql, rusqlite::params_from_iter(values), f)
        .context("while reading the claims to export")
}

/// The query plan SQLite chooses for [`each_claim_from`], one line per step.
pub fn claims_from_plan(conn: &Connection, origins: &[Option<String>]) -> Result<Vec<String>> {
    let (sql, values) = claims_from_sql(origins)?;
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(values), |r| {
            r.get::<_, String>(3)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every current claim in timeline order (see `time` for the rule).
pub fn timeline(conn: &Connection) -> Result<Vec<StoredClaim>> {
    timeline_filtered(conn, &Filter::default())
}

/// Every version of a claim id, oldest first (the last one is current unless retracted).
pub fn claim_versions(conn: &Connection, id: &str) -> Result<Vec<StoredClaim>> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.id = ?1 ORDER BY c.recorded_at, c.row_id"
    );
    claims(conn, &sql, [id])
}

/// Current claims that involve an entity as subject, object or qualifier, in timeline order.
pub fn claims_involving(conn: &Connection, entity: &str) -> Result<Vec<StoredClaim>> {
    let mut out = Vec::new();
    each_claim_involving(conn, entity, &mut |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// [`claims_involving`], each claim handed to `f` as its row arrives.
pub fn each_claim_involving(
    conn: &Connection,
    entity: &str,
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.retracted_at IS NULL AND c.row_id IN (
           SELECT row_id FROM claim WHERE subject = ?1
           UNION SELECT row_id FROM claim WHERE object = ?1
           UNION SELECT claim_row FROM claim_qualifier WHERE entity_id = ?1)
         {TIMELINE_ORDER}"
    );
    each_claim(conn, &sql, [entity], f)
}

/// Current claims with at least one citation of a source, in timeline order.
pub fn claims_citing(conn: &Connection, source: &str) -> Result<Vec<StoredClaim>> {
    let mut out = Vec::new();
    each_claim_citing(conn, source, &mut |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// [`claims_citing`], each claim handed to `f` as its row arrives.
pub fn each_claim_citing(
    conn: &Connection,
    source: &str,
    f: &mut dyn FnMut(StoredClaim) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM claim c WHERE c.retracted_at IS NULL AND c.row_id IN (
           SELECT claim_row FROM citation WHERE source = ?1)
         {TIMELINE_ORDER}"
    );
    each_claim(conn, &sql, [source], f)
}

/// A source by id, and whether it is retracted.
pub fn source(conn: &Connection, id: &str) -> Result<Option<(Source, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM source WHERE id = ?1")?;
    let found = stmt
        .query_row([id], |r| {
            Ok((
                Source {
                    id: r.get("id")?,
                    title: r.get("title")?,
                    author: r.get("author")?,
                    publisher: r.get("publisher")?,
                    published: r.get("published")?,
                    url: r.get("url")?,
                    kind: r.get("kind")?,
                    language: r.get("language")?,
                    reliability: r.get("reliability")?,
                    reliability_note: r.get("reliability_note")?,
                    licence: r.get("licence")?,
                    file: r.get("file")?,
                    sha256: r.get("sha256")?,
                    note: r.get("note")?,
                    basis: r
                        .get::<_, Option<String>>("basis")?
                        .and_then(|b| crate::model::Basis::parse(&b)),
                    tolerance: r.get("tolerance")?,
                },
                r.get::<_, Option<String>>("retracted_at")?.is_some(),
            ))
        })
        .optional()?;
    Ok(found)
}

/// Where every entity with a recorded place lies: entity id → the entity it lies in.
pub fn places(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT entity_id, located_in FROM entity_place")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}

/// The entity an entity lies in (`located_in`), if recorded.
pub fn place_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT located_in FROM entity_place WHERE entity_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Every place that lies in an entity, directly or through other places (a base in a region in
/// a country), with the entity it lies in directly, by id. Read through `entity_place_within`.
pub fn places_in(conn: &Connection, id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE inside(entity_id, located_in) AS (
           SELECT entity_id, located_in FROM entity_place WHERE located_in = ?1
           UNION
           SELECT p.entity_id, p.located_in FROM entity_place p
             JOIN inside i ON p.located_in = i.entity_id)
         SELECT entity_id, located_in FROM inside ORDER BY entity_id",
    )?;
    let rows = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// An entity by id with its aliases (sorted, without its id and name), and whether retracted.
pub fn entity(conn: &Connection, id: &str) -> Result<Option<(Entity, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM entity WHERE id = ?1")?;
    let found = stmt
        .query_row([id], |r| {
            Ok((
                Entity {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    kind: r.get("kind")?,
                    aliases: Vec::new(),
                    note: r.get("note")?,
                },
                r.get::<_, Option<String>>("retracted_at")?.is_some(),
            ))
        })
        .optional()?;
    let Some((mut entity, retracted)) = found else {
        return Ok(None);
    };
    let mut aliases = conn.prepare_cached(
        "SELECT alias FROM entity_alias WHERE entity_id = ?1 AND alias <> ?1 AND alias <> ?2
         ORDER BY alias",
    )?;
    entity.aliases = aliases
        .query_map(params![entity.id, entity.name], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Some((entity, retracted)))
}

/// A predicate by id, and whether it is retracted.
pub fn predicate(conn: &Connection, id: &str) -> Result<Option<(Predicate, bool)>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM predicate WHERE id = ?1")?;
    let found = stmt
        .query_row([id], |r| {
            Ok((
                predicate_from_row(r)?,
                r.get::<_, Option<String>>("retracted_at")?.is_some(),
            ))
        })
        .optional()?;
    Ok(found)
}

/// Every current predicate, by id.
pub fn predicates(conn: &Connection) -> Result<Vec<Predicate>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM predicate WHERE retracted_at IS NULL ORDER BY id")?;
    let rows = stmt
        .query_map([], predicate_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every current entity with its aliases, by id.
pub fn entities(conn: &Connection) -> Result<Vec<Entity>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM entity WHERE retracted_at IS NULL ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some((entity, _)) = entity(conn, &id)? {
            out.push(entity);
        }
    }
    Ok(out)
}

/// Display names of every entity, by id.
pub fn entity_names(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM entity")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashMap<String, String>>>()?;
    Ok(rows)
}

/// Tables a Datasette reader has no use for: the migration history and the full-text index's
/// shadow tables, by name.
pub fn bookkeeping_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND (name = 'refinery_schema_history' OR name LIKE 'claim\\_text\\_%' ESCAPE '\\')
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Copies the whole database, as the connection sees it, to a new file at `path` with
/// SQLite's backup API (the source is only read), in one rollback-journal file. `progress` gets
/// the pages copied and the total.
pub fn copy_database(
    conn: &Connection,
    path: &std::path::Path,
    progress: &dyn Fn(usize, usize),
) -> Result<()> {
    let mut copy =
        Connection::open(path).with_context(|| format!("while creating {}", path.display()))?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut copy)
            .with_context(|| format!("while starting the copy to {}", path.display()))?;
        loop {
            let step = backup
                .step(4096)
                .with_context(|| format!("while copying the database to {}", path.display()))?;
            let p = backup.progress();
            progress(
                usize::try_from(p.pagecount - p.remaining).unwrap_or(0),
                usize::try_from(p.pagecount).unwrap_or(0),
            );
            match step {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(())
}

/// Every resolution, oldest first (the last one per conflict is the one that counts).
pub fn resolutions(conn: &Connection) -> Result<Vec<crate::model::Resolution>> {
    let mut stmt = conn.prepare_cached(
        "SELECT conflict_id, preferred, deprecated, reason, note, analyst, recorded_at
         FROM resolution ORDER BY recorded_at, row_id",
    )?;
    let rows = stmt
        .query_map([], super::history::resolution_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn rule_from_row(r: &Row) -> rusqlite::Result<crate::model::Rule> {
    let kind: String = r.get("kind")?;
    Ok(crate::model::Rule {
        id: r.get("id")?,
        kind: crate::model::RuleKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown rule kind `{kind}` in the database").into(),
            )
        })?,
        share: r.get("share")?,
        part: r.get("part")?,
        whole: r.get("whole")?,
        qualifier: r.get("qualifier")?,
        within_days: r.get("within_days")?,
        note: r.get("note")?,
    })
}

/// The current version of a rule and its row.
pub fn rule_row(conn: &Connection, id: &str) -> Result<Option<(i64, crate::model::Rule)>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM rule WHERE id = ?1 AND retracted_at IS NULL")?;
    let found = stmt
        .query_row([id], |r| Ok((r.get("row_id")?, rule_from_row(r)?)))
        .optional()?;
    Ok(found)
}

/// Every current derived rule, by id.
pub fn rules(conn: &Connection) -> Result<Vec<crate::model::Rule>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM rule WHERE retracted_at IS NULL ORDER BY id")?;
    let rows = stmt
        .query_map([], rule_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every source, by id.
pub fn sources(conn: &Connection) -> Result<HashMap<String, Source>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM source ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = HashMap::new();
    for id in ids {
        if let Some((s, _)) = source(conn, &id)? {
            out.insert(id, s);
        }
    }
    Ok(out)
}

/// The current claims with these ids, in timeline order (one statement for all of them).
pub fn current_claims(conn: &Connection, ids: &[String]) -> Result<Vec<StoredClaim>> {
    let wanted = serde_json::to_string(ids)?;
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM claim c
         WHERE c.retracted_at IS NULL AND c.id IN (SELECT value FROM json_each(?1))
         {TIMELINE_ORDER}"
    );
    claims(conn, &sql, [wanted]).context("while reading the claims of the conflicts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_columns_are_where_the_row_reader_looks_for_them() {
        let conn = crate::db::open_in_memory().unwrap();
        let expected = [
            (col::ROW_ID, "row_id"),
            (col::ID, "id"),
            (col::SUBJECT, "subject"),
            (col::PREDICATE, "predicate"),
            (col::VALUE_TYPE, "value_type"),
            (col::OBJECT, "object"),
            (col::AMOUNT, "amount"),
            (col::LOWER, "lower"),
            (col::UPPER, "upper"),
            (col::UNIT, "unit"),
            (col::BOUND, "bound"),
            (col::TEXT_VALUE, "text_value"),
            (col::VALID_TIME, "valid_time"),
            (col::NOTE, "note"),
            (col::ORIGIN, "origin"),
            (col::RECORDED_AT, "recorded_at"),
            (col::RETRACTED_AT, "retracted_at"),
            (col::RANK, "rank"),
            (col::QUALIFIERS_JSON, "qualifiers_json"),
            (col::CITATIONS_JSON, "citations_json"),
        ];
        for columns in [CLAIM_COLUMNS, CLAIM_COLUMNS_AS_OF] {
            let stmt = conn
                .prepare(&format!("SELECT {columns} FROM claim c"))
                .unwrap();
            assert_eq!(stmt.column_count(), expected.len());
            for (index, name) in expected {
                assert_eq!(stmt.column_name(index).unwrap(), name);
            }
        }
    }
}
