//! What conflict detection reads: the current claims of the predicates it judges, one subject
//! at a time, as compact [`Fact`]s (sources, citation count and best credibility, no quotes),
//! and afterwards the full claims of the few that a report shows.
//!
//! One statement streams every fact in subject order, with qualifiers and citations folded in
//! by correlated subqueries (set-based inside SQLite, not a query per claim from here; the
//! citations read once for their count, grade, sources and a figure's quotes), so memory
//! follows the busiest subject.

use std::collections::HashMap;

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, Row};

use crate::conflicts::{Fact, Qualifiers};
use crate::db::value_type_from_sql;
use crate::model::{Basis, Citation, Method, Quantity, QuantityBound, Value, ValueType};
use crate::time::When;

/// Separates list items inside one column (the ASCII unit separator never occurs in ids).
const SEP: char = '\u{1f}';

/// Ends the citations' summary where a figure's quotes follow (the ASCII record separator).
const QUOTES: char = '\u{1e}';

/// The facts of the current claims whose predicate is in the JSON array `?1`. Columns by
/// position (see `fact`; then the claim's row and first day); the citations fold into one text, read in one pass over them:
/// `count␟best credibility␟source␟source…`, sources distinct and in no particular order, then
/// for figures `␞` and their quotes (only to find the basis they name,
/// [`crate::conflicts::basis::named_in`]).
const FACTS: &str =
    "SELECT c.id, c.subject, c.predicate, c.value_type, c.object, c.amount, c.lower,
            c.upper, c.unit, c.bound, c.text_value, c.valid_time, c.recorded_at,
            (SELECT group_concat(q.key || '=' || q.entity_id, char(31))
               FROM claim_qualifier AS q WHERE q.claim_row = c.row_id),
            (SELECT count(*) || char(31) || coalesce(min(credibility), 7)
                    || coalesce(char(31) || group_concat(DISTINCT source), '')
                    || CASE WHEN c.value_type = 'quantity'
                       THEN char(30) || coalesce(group_concat(quote, char(31)), '') ELSE '' END
               FROM citation WHERE claim_row = c.row_id AND retracted_at IS NULL),
            c.row_id, c.start_day
     FROM claim c
     WHERE c.retracted_at IS NULL
       AND c.predicate IN (SELECT value FROM json_each(?1))";

/// The facts of one subject for the claims whose predicate is in `predicates`: what the
/// engine judges a new claim of that subject against, read through the subject index.
pub fn of_subject(conn: &Connection, subject: &str, predicates: &[String]) -> Result<Vec<Fact>> {
    Ok(of_subject_with_rows(conn, subject, predicates)?.0)
}

/// [`of_subject`] with each fact's claim row (in the same order).
pub fn of_subject_with_rows(
    conn: &Connection,
    subject: &str,
    predicates: &[String],
) -> Result<(Vec<Fact>, Vec<i64>)> {
    let wanted = serde_json::to_string(predicates)?;
    let mut stmt = conn.prepare(&format!("{FACTS} AND c.subject = ?2 ORDER BY c.id"))?;
    let mut rows = stmt.query(rusqlite::params![wanted, subject])?;
    let mut times = Times::default();
    let (mut out, mut claim_rows) = (Vec::new(), Vec::new());
    while let Some(row) = rows.next()? {
        out.push(fact(row, &mut times).context("while reading claims for conflict detection")?);
        claim_rows.push(row.get(15)?);
    }
    Ok((out, claim_rows))
}

/// Every fact stored ready to judge (`claim_fact`, migration V20), in the table's order
/// (subject, first day, claim row): the columns of [`FACTS`] up to the citations' summary,
/// which has no quotes, then the claim row, its first day and the basis the quotes name. The
/// reader skips the predicates it does not judge: a set lookup per row costs less than SQLite's
/// `IN` over a list.
const STORED: &str = "SELECT id, subject, predicate, value_type, object, amount, lower, upper,
            unit, bound, text_value, valid_time, recorded_at, qualifiers, cited,
            claim_row, start_day, basis
     FROM claim_fact
     ORDER BY subject, start_day, claim_row";

/// Calls `each` with the facts of one subject at a time, in subject order, for the claims whose
/// predicate is in `predicates`. Stops at the first error `each` returns.
///
/// The facts are read from `claim_fact` in its order when it is filled and the connection reads
/// the present; otherwise (a database upgraded to V20 and not imported into since, or a
/// known-at read, whose claims are not those of the table) from the claims themselves, in the
/// same order.
pub fn for_each_subject(
    conn: &Connection,
    predicates: &[String],
    mut each: impl FnMut(Vec<Fact>) -> Result<()>,
) -> Result<()> {
    for_each_subject_with_rows(conn, predicates, |facts, _| each(facts))
}

/// [`for_each_subject`] with each fact's claim row (in the same order).
pub fn for_each_subject_with_rows(
    conn: &Connection,
    predicates: &[String],
    mut each: impl FnMut(Vec<Fact>, Vec<i64>) -> Result<()>,
) -> Result<()> {
    let wanted = serde_json::to_string(predicates)?;
    let judged: std::collections::HashSet<&str> = predicates.iter().map(String::as_str).collect();
    let stored = stored_ready(conn)?;
    let mut stmt = if stored {
        conn.prepare(STORED)?
    } else {
        // The claims are read in their stored order, with their qualifiers and citations
        // (stored in claim order too) beside them, and sorted by subject afterwards: read
        // through the subject index, every claim, qualifier and citation was a read at random,
        // which cost more than the sort. Ties in a subject's first day keep row order, as the
        // index and the stored table give them.
        let sql = FACTS.replace("FROM claim c", "FROM claim c NOT INDEXED");
        conn.prepare(&format!(
            "{sql} ORDER BY +c.subject, +c.start_day, c.row_id"
        ))?
    };
    let mut rows = if stored {
        stmt.query([])?
    } else {
        stmt.query([wanted])?
    };
    let mut current: Vec<Fact> = Vec::new();
    let mut claim_rows: Vec<i64> = Vec::new();
    let mut times = Times::default();
    while let Some(row) = rows.next()? {
        if !judged.contains(row.get_ref(2)?.as_str()?) {
            continue;
        }
        let mut fact =
            fact(row, &mut times).context("while reading claims for conflict detection")?;
        if stored {
            fact.names_basis = stored_basis(row)?;
        }
        if current.first().is_some_and(|f| f.subject != fact.subject) {
            each(
                std::mem::take(&mut current),
                std::mem::take(&mut claim_rows),
            )?;
        }
        current.push(fact);
        claim_rows.push(row.get(15)?);
    }
    if !current.is_empty() {
        each(current, claim_rows)?;
    }
    Ok(())
}

/// Whether the facts may be read from `claim_fact`: the connection reads the present (no
/// known-at view shadows `claim`) and the table is filled (it has rows, or there is no current
/// claim to have one).
fn stored_ready(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM sqlite_temp_master WHERE name = 'claim')
            AND (EXISTS (SELECT 1 FROM main.claim_fact)
                 OR NOT EXISTS (SELECT 1 FROM main.claim WHERE retracted_at IS NULL))",
        [],
        |r| r.get(0),
    )?)
}

/// The basis column of a [`STORED`] row.
fn stored_basis(row: &Row) -> Result<Option<Basis>> {
    match row.get_ref(17)?.as_str_or_null()? {
        None => Ok(None),
        Some(name) => Basis::parse(name)
            .map(Some)
            .ok_or_else(|| anyhow!("the database holds an unknown basis `{name}` in claim_fact")),
    }
}

/// A second connection, made by `open` (not yet in a transaction), left inside a read
/// transaction that reads the same snapshot as `conn`, or `None` when that cannot be made
/// sure: `conn` has begun reading already (its snapshot may be older), or is not a file, or
/// another connection committed while the two began. The report's entries can then be
/// completed on another thread with what `conn` would read.
///
/// SQLite's snapshot interface (`sqlite3_snapshot_open`) is not compiled into the bundled
/// library, so the snapshot is checked instead: `PRAGMA data_version` read by the second
/// connection before `conn` begins and again once the second has begun is unchanged only if
/// no other connection committed between the two moments, so both began on the same data.
pub fn second_reader(
    conn: &Connection,
    open: impl FnOnce() -> Result<Connection>,
) -> Result<Option<Connection>> {
    if conn.path().is_none_or(str::is_empty)
        || conn.is_autocommit()
        || conn.transaction_state(Some(rusqlite::MAIN_DB))? != rusqlite::TransactionState::None
    {
        return Ok(None);
    }
    let second = open()?;
    let version = |c: &Connection| -> Result<i64> {
        Ok(c.query_row("PRAGMA main.data_version", [], |r| r.get(0))?)
    };
    let before = version(&second)?;
    // Begins `conn`'s snapshot, then the second's.
    version(conn)?;
    crate::db::begin_reading(&second)?;
    let after = version(&second)?;
    Ok((before == after).then_some(second))
}

/// Writes the facts ready to judge of the current claims with a row after `after` (those an
/// import just added), or of every current claim when the table is empty (a database just
/// upgraded to V20, or a first import). Call after the claims, qualifiers and citations are
/// written; [`retracted`] removes a claim's row when it is retracted. Returns how many rows
/// were written.
pub fn fill(tx: &Connection, after: i64) -> Result<usize> {
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM claim_fact)", [], |r| {
        r.get(0)
    })?;
    let after = if empty { 0 } else { after };
    // In the table's order, so the rows are appended to each subject's run, not scattered.
    let written = tx
        .prepare_cached(
            "INSERT INTO claim_fact (subject, start_day, claim_row, id, predicate, value_type,
               object, amount, lower, upper, unit, bound, text_value, valid_time, recorded_at,
               qualifiers, cited)
             SELECT c.subject, c.start_day, c.row_id, c.id, c.predicate, c.value_type, c.object,
               c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value, c.valid_time,
               c.recorded_at,
               (SELECT group_concat(q.key || '=' || q.entity_id, char(31))
                  FROM claim_qualifier AS q WHERE q.claim_row = c.row_id),
               (SELECT count(*) || char(31) || coalesce(min(credibility), 7)
                       || coalesce(char(31) || group_concat(DISTINCT source), '')
                  FROM citation WHERE claim_row = c.row_id AND retracted_at IS NULL)
             FROM claim c NOT INDEXED
             WHERE c.row_id > ?1 AND c.retracted_at IS NULL
             ORDER BY +c.subject, +c.start_day, c.row_id",
        )?
        .execute([after])
        .context("while writing the claims ready to judge")?;
    // The basis a figure's quotes name: the quotes of each claim together, as `FACTS` reads
    // them, in claim order.
    let mut quotes = tx.prepare_cached(
        "SELECT c.row_id, c.subject, c.start_day, ci.quote
         FROM citation ci JOIN claim c ON c.row_id = ci.claim_row
         WHERE ci.claim_row > ?1 AND ci.retracted_at IS NULL AND c.retracted_at IS NULL
           AND c.value_type = 'quantity'
         ORDER BY ci.claim_row, ci.row_id",
    )?;
    let mut set = tx.prepare_cached(
        "UPDATE claim_fact SET basis = ?4 WHERE subject = ?2 AND start_day = ?3 AND claim_row = ?1",
    )?;
    let mut rows = quotes.query([after])?;
    let mut claim: Option<(i64, String, i64)> = None;
    let mut text = String::new();
    let mut name = |claim: &Option<(i64, String, i64)>, text: &str| -> Result<()> {
        if let Some((row, subject, day)) = claim
            && let Some(basis) = crate::conflicts::basis::named_in(text)
        {
            set.execute(rusqlite::params![row, subject, day, basis.as_str()])?;
        }
        Ok(())
    };
    while let Some(row) = rows.next()? {
        let row_id: i64 = row.get(0)?;
        if claim.as_ref().is_none_or(|(r, _, _)| *r != row_id) {
            name(&claim, &text)?;
            claim = Some((row_id, row.get(1)?, row.get(2)?));
            text.clear();
        } else {
            text.push(SEP);
        }
        text.push_str(row.get_ref(3)?.as_str()?);
    }
    name(&claim, &text)?;
    Ok(written)
}

/// Removes the fact ready to judge of a claim row being retracted.
pub fn retracted(tx: &Connection, row_id: i64) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM claim_fact
         WHERE subject = (SELECT subject FROM claim WHERE row_id = ?1)
           AND start_day = (SELECT start_day FROM claim WHERE row_id = ?1)
           AND claim_row = ?1",
    )?
    .execute([row_id])?;
    Ok(())
}

/// Compares every stored fact ready to judge with the fact read afresh from its claim (the
/// current claims, their qualifiers, citations and quotes) and names each row that differs, is
/// missing, or is stored for a claim that is not current. Empty when `claim_fact` is right.
pub fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut fresh = conn.prepare(
        &format!("{FACTS} ORDER BY c.row_id")
            .replace("AND c.predicate IN (SELECT value FROM json_each(?1))", ""),
    )?;
    let mut stored = conn.prepare(&STORED.replace(
        "ORDER BY subject, start_day, claim_row",
        "ORDER BY claim_row",
    ))?;
    let mut times = Times::default();
    let mut read_stored = stored.query([])?;
    let mut next_stored = || -> Result<Option<(i64, i64, Fact)>> {
        match read_stored.next()? {
            None => Ok(None),
            Some(row) => {
                let mut f = fact(row, &mut Times::default())?;
                f.names_basis = stored_basis(row)?;
                Ok(Some((row.get(15)?, row.get(16)?, f)))
            }
        }
    };
    let mut out = Vec::new();
    let mut pending = next_stored()?;
    let mut rows = fresh.query([])?;
    while let Some(row) = rows.next()? {
        let f = fact(row, &mut times)?;
        let (row_id, day): (i64, i64) = (row.get(15)?, row.get(16)?);
        while let Some((r, _, _)) = &pending
            && *r < row_id
        {
            out.push(format!("row {r}: stored for no current claim"));
            pending = next_stored()?;
        }
        match &pending {
            Some((r, stored_day, stored)) if *r == row_id => {
                if *stored != f || *stored_day != day {
                    out.push(format!(
                        "row {row_id} (claim `{}`): stored as {stored:?} on day {stored_day}, \
                         read afresh as {f:?} on day {day}",
                        f.id
                    ));
                }
                pending = next_stored()?;
            }
            _ => out.push(format!("row {row_id} (claim `{}`): no fact stored", f.id)),
        }
    }
    while let Some((r, _, _)) = pending {
        out.push(format!("row {r}: stored for no current claim"));
        pending = next_stored()?;
    }
    Ok(out)
}

/// A claim's stored timeline row (`claim_ready`, V19), as a conflicts report takes it: the
/// members before `rank` ([`super::ready::ReadyParts`]'s `head`) and the claim's rank.
pub struct Ready {
    pub row: i64,
    pub head: String,
    /// The rank, as assessed (up to the instant, on a known-at connection).
    pub rank: String,
}

/// The stored timeline rows of `claims` (claim row and id, best sorted by row), in no particular
/// order: one read by row each and the rank's indexed lookup, no read of the claims
/// themselves. A claim whose row is not stored (a database upgraded to V19 and not imported
/// into since) has none.
pub fn ready_heads<'a>(
    conn: &Connection,
    claims: impl Iterator<Item = (i64, &'a str)>,
) -> Result<Vec<Ready>> {
    let listed: Vec<(i64, &str)> = claims.collect();
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let read = || -> Result<Vec<Ready>> {
        let mut stmt = conn.prepare_cached(
            "SELECT r.claim_row, r.head,
                    coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = j.value ->> 1
                              ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal')
             FROM json_each(?1) AS j CROSS JOIN claim_ready r ON r.claim_row = j.value ->> 0",
        )?;
        let mut rows = stmt.query([serde_json::to_string(&listed)?])?;
        let mut out = Vec::with_capacity(listed.len());
        while let Some(r) = rows.next()? {
            out.push(Ready {
                row: r.get(0)?,
                head: r.get(1)?,
                rank: r.get(2)?,
            });
        }
        Ok(out)
    };
    read().context("while reading the claims of the conflicts")
}

/// Hands `each` the citations of the claim rows `rows`, each with its row, by row and then in
/// the order they were recorded: every citation of the row, as a claim's provenance lists them.
pub fn listed_citations(
    conn: &Connection,
    rows: &[i64],
    mut each: impl FnMut(i64, Citation) -> Result<()>,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut read = || -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT claim_row, source, quote, locator, method, credibility, extractor_score,
                    curator
             FROM citation WHERE claim_row IN (SELECT value FROM json_each(?1))
             ORDER BY claim_row, row_id",
        )?;
        let mut found = stmt.query([serde_json::to_string(rows)?])?;
        while let Some(r) = found.next()? {
            each(
                r.get(0)?,
                Citation {
                    source: r.get(1)?,
                    quote: r.get(2)?,
                    locator: r.get(3)?,
                    method: Method::parse(r.get_ref(4)?.as_str()?).unwrap_or(Method::Manual),
                    credibility: r.get(5)?,
                    extractor_score: r.get(6)?,
                    curator: r.get(7)?,
                },
            )?;
        }
        Ok(())
    };
    read().context("while reading the citations of the conflicts")
}

/// Parsed valid times by their text: a corpus repeats a few thousand of them.
#[derive(Default)]
struct Times(HashMap<String, When>);

impl Times {
    /// At most this many are kept; past it the cache starts afresh.
    const LIMIT: usize = 100_000;

    fn parse(&mut self, id: &str, text: &str) -> Result<When> {
        if let Some(when) = self.0.get(text) {
            return Ok(when.clone());
        }
        let when = When::parse(text)
            .map_err(|e| anyhow!("the database holds an invalid time for claim `{id}`: {e}"))?;
        if self.0.len() >= Self::LIMIT {
            self.0.clear();
        }
        self.0.insert(text.to_string(), when.clone());
        Ok(when)
    }
}

/// The value of a row whose columns 3 to 10 are a claim's `value_type`, `object`, `amount`,
/// `lower`, `upper`, `unit`, `bound` and `text_value`.
fn value(r: &Row) -> Result<Value> {
    Ok(match value_type_from_sql(&r.get::<_, String>(3)?)? {
        ValueType::Entity => Value::Entity { entity: r.get(4)? },
        ValueType::Quantity => Value::Quantity(Quantity {
            amount: r.get(5)?,
            lower: r.get(6)?,
            upper: r.get(7)?,
            unit: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            bound: QuantityBound::parse(&r.get::<_, String>(9)?).unwrap_or(QuantityBound::Exact),
        }),
        ValueType::Text => Value::Text { text: r.get(10)? },
        ValueType::None => Value::None,
    })
}

fn fact(r: &Row, times: &mut Times) -> Result<Fact> {
    let id: String = r.get(0)?;
    let value = value(r)?;
    let when = times.parse(&id, r.get_ref(11)?.as_str()?)?;
    let mut qualifiers = Qualifiers::new();
    if let Some(quals) = r.get_ref(13)?.as_str_or_null()? {
        for pair in quals.split(SEP) {
            if let Some((key, entity)) = pair.split_once('=') {
                qualifiers
                    .entry(key.to_string())
                    .or_default()
                    .push(entity.to_string());
            }
        }
        for ids in qualifiers.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
    }
    let cited = r.get_ref(14)?.as_str_or_null()?.unwrap_or("0");
    let (cited, quotes) = match cited.split_once(QUOTES) {
        Some((cited, quotes)) => (cited, Some(quotes)),
        None => (cited, None),
    };
    let mut parts = cited.split(SEP);
    let citations = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let credibility = parts.next().and_then(|n| n.parse().ok()).unwrap_or(7);
    // group_concat(DISTINCT …) separates with commas; source ids are slugs without them.
    let mut sources: Vec<String> = parts
        .next()
        .map(|list| list.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    sources.sort_unstable();
    // No quote at all (no citation) names nothing.
    let names_basis = quotes
        .filter(|q| !q.is_empty())
        .and_then(crate::conflicts::basis::named_in);
    Ok(Fact {
        id,
        subject: r.get(1)?,
        predicate: r.get(2)?,
        qualifiers,
        value,
        when,
        sources,
        citations,
        credibility,
        recorded_at: r.get(12)?,
        names_basis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn import(conn: &mut Connection, dataset: &Dataset) {
        crate::db::import::plan_and_apply(conn, dataset).unwrap();
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Every predicate's facts, a subject at a time, as the report reads them.
    fn subjects(conn: &Connection) -> Vec<Vec<Fact>> {
        let predicates: Vec<String> = crate::db::query::predicates(conn)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut out = Vec::new();
        for_each_subject(conn, &predicates, |facts| {
            out.push(facts);
            Ok(())
        })
        .unwrap();
        out
    }

    /// The facts read from `claim_fact` are those read from the claims themselves, in the same
    /// order: the stored table's rows moved aside, the claims are read instead.
    fn stored_and_fresh_reads_agree(conn: &Connection) -> usize {
        assert!(stored_ready(conn).unwrap());
        let stored = subjects(conn);
        conn.execute_batch(
            "CREATE TEMP TABLE aside AS SELECT * FROM claim_fact; DELETE FROM claim_fact;",
        )
        .unwrap();
        assert!(!stored_ready(conn).unwrap());
        let fresh = subjects(conn);
        conn.execute_batch(
            "INSERT INTO claim_fact SELECT * FROM temp.aside; DROP TABLE temp.aside;",
        )
        .unwrap();
        assert_eq!(stored, fresh);
        stored.iter().map(Vec::len).sum()
    }

    #[test]
    fn stored_facts_match_a_fresh_reading_after_edits_and_retractions() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let mut dataset = crate::bundled::dataset().unwrap();
        import(&mut conn, &dataset);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        let current = "SELECT count(*) FROM claim WHERE retracted_at IS NULL";
        assert_eq!(
            count(&conn, "SELECT count(*) FROM claim_fact"),
            count(&conn, current)
        );
        assert!(
            count(
                &conn,
                "SELECT count(*) FROM claim_fact WHERE basis IS NOT NULL"
            ) > 0
        );
        assert!(stored_and_fresh_reads_agree(&conn) > 100);

        // A claim whose time and first citation change gets a new version (a new fact, the
        // old one gone), and a claim left out of the files is retracted (its fact gone).
        let at = dataset
            .claims
            .iter()
            .position(|c| c.item.subject == "kazakhstan" && !c.item.citations.is_empty())
            .unwrap();
        dataset.claims[at].item.when = crate::time::When::parse("1999-12-31").unwrap();
        dataset.claims[at].item.citations[0].credibility = 1;
        dataset.claims[at].item.citations[0].quote = "the 1999 census counted".into();
        let gone = dataset.claims.pop().unwrap().item.id;
        import(&mut conn, &dataset);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(
            count(&conn, "SELECT count(*) FROM claim_fact"),
            count(&conn, current)
        );
        let gone_facts: i64 = conn
            .query_row(
                "SELECT count(*) FROM claim_fact WHERE id = ?1",
                [&gone],
                |r| r.get(0),
            )
            .unwrap();
        let gone_current: i64 = conn
            .query_row(
                "SELECT count(*) FROM claim WHERE id = ?1 AND retracted_at IS NULL",
                [&gone],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(gone_facts, gone_current);
        stored_and_fresh_reads_agree(&conn);

        // A row that no longer matches, one missing and one left for a retracted claim are
        // named.
        conn.execute_batch(
            "UPDATE claim_fact SET cited = '9' || substr(cited, 2)
             WHERE claim_row = (SELECT min(claim_row) FROM claim_fact);
             DELETE FROM claim_fact WHERE claim_row = (SELECT max(claim_row) FROM claim_fact);
             INSERT INTO claim_fact (subject, start_day, claim_row, id, predicate, value_type,
               object, amount, lower, upper, unit, bound, text_value, valid_time, recorded_at,
               cited)
             SELECT subject, start_day, row_id, id, predicate, value_type, object, amount,
               lower, upper, unit, bound, text_value, valid_time, recorded_at, '0'
             FROM claim WHERE retracted_at IS NOT NULL LIMIT 1;",
        )
        .unwrap();
        let found = mismatches(&conn).unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().any(|m| m.contains("stored as")), "{found:?}");
        assert!(
            found.iter().any(|m| m.ends_with("no fact stored")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m.ends_with("stored for no current claim")),
            "{found:?}"
        );
    }

    #[test]
    fn a_database_without_stored_facts_is_read_from_its_claims_and_filled_by_import() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let dataset = crate::bundled::dataset().unwrap();
        import(&mut conn, &dataset);
        let stored = subjects(&conn);
        // As a database upgraded to V20 stands before its next import.
        conn.execute("DELETE FROM claim_fact", []).unwrap();
        assert!(!stored_ready(&conn).unwrap());
        assert_eq!(subjects(&conn), stored);
        // An import that changes nothing fills the table.
        import(&mut conn, &dataset);
        assert!(stored_ready(&conn).unwrap());
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(subjects(&conn), stored);
    }

    #[test]
    fn a_second_reader_reads_the_snapshot_of_the_first_or_is_not_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.db");
        let mut writer = crate::db::open(&path).unwrap();
        crate::db::load_bundled(&mut writer).unwrap();
        let facts = "SELECT count(*) FROM claim_fact";
        let all = count(&writer, facts);
        assert!(all > 100);
        let open = || crate::db::open_for_reading(&path);

        let first = open().unwrap();
        crate::db::begin_reading(&first).unwrap();
        // A commit before either has begun is seen by both.
        let second = second_reader(&first, || {
            writer.execute(
                "DELETE FROM claim_fact WHERE claim_row = (SELECT min(claim_row) FROM claim_fact)",
                [],
            )?;
            open()
        })
        .unwrap()
        .expect("nothing was committed while the two began");
        assert!(!second.is_autocommit());
        // One after both began is seen by neither.
        writer.execute("DELETE FROM claim_fact", []).unwrap();
        assert_eq!(count(&first, facts), all - 1);
        assert_eq!(count(&second, facts), all - 1);
        assert_eq!(subjects(&first), subjects(&second));

        // A connection that has begun reading may hold an older snapshot; one outside a
        // transaction reads a new one at each statement; one in memory has no second.
        assert!(second_reader(&first, open).unwrap().is_none());
        assert!(second_reader(&open().unwrap(), open).unwrap().is_none());
        let memory = crate::db::open_in_memory().unwrap();
        crate::db::begin_reading(&memory).unwrap();
        assert!(second_reader(&memory, open).unwrap().is_none());
    }

    #[test]
    fn a_known_at_read_judges_the_claims_of_then() {
        let mut conn = crate::db::open_in_memory().unwrap();
        import(&mut conn, &crate::bundled::dataset().unwrap());
        crate::db::asof::install(&conn, "1970-01-01T00:00:00Z").unwrap();
        assert!(!stored_ready(&conn).unwrap());
        assert!(subjects(&conn).is_empty());
    }

    #[test]
    fn stored_facts_match_a_fresh_reading_over_a_generated_corpus() {
        let conn = crate::db::import::generated_in_memory(3_000);
        assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(count(&conn, "SELECT count(*) FROM claim_fact"), 3_000);
        assert_eq!(stored_and_fresh_reads_agree(&conn), 3_000);
    }
}
