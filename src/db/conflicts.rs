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
use crate::model::{Quantity, QuantityBound, Value, ValueType};
use crate::time::When;

/// Separates list items inside one column (the ASCII unit separator never occurs in ids).
const SEP: char = '\u{1f}';

/// Ends the citations' summary where a figure's quotes follow (the ASCII record separator).
const QUOTES: char = '\u{1e}';

/// The facts of the current claims whose predicate is in the JSON array `?1`. Columns by
/// position (see `fact`); the citations fold into one text, read in one pass over them:
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
               FROM citation WHERE claim_row = c.row_id AND retracted_at IS NULL)
     FROM claim c
     WHERE c.retracted_at IS NULL
       AND c.predicate IN (SELECT value FROM json_each(?1))";

/// The facts of one subject for the claims whose predicate is in `predicates`: what the
/// engine judges a new claim of that subject against, read through the subject index.
pub fn of_subject(conn: &Connection, subject: &str, predicates: &[String]) -> Result<Vec<Fact>> {
    let wanted = serde_json::to_string(predicates)?;
    let mut stmt = conn.prepare(&format!("{FACTS} AND c.subject = ?2 ORDER BY c.id"))?;
    let mut rows = stmt.query(rusqlite::params![wanted, subject])?;
    let mut times = Times::default();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(fact(row, &mut times).context("while reading claims for conflict detection")?);
    }
    Ok(out)
}

/// Calls `each` with the facts of one subject at a time, in subject order, for the claims whose
/// predicate is in `predicates`. Stops at the first error `each` returns.
pub fn for_each_subject(
    conn: &Connection,
    predicates: &[String],
    mut each: impl FnMut(Vec<Fact>) -> Result<()>,
) -> Result<()> {
    let wanted = serde_json::to_string(predicates)?;
    // In the order of the subject index, so no sorter holds every fact before the first
    // subject is judged (`+` keeps the predicate index out of the plan).
    let sql = FACTS.replace("AND c.predicate IN", "AND +c.predicate IN");
    let mut stmt = conn.prepare(&format!("{sql} ORDER BY c.subject, c.start_day"))?;
    let mut rows = stmt.query([wanted])?;
    let mut current: Vec<Fact> = Vec::new();
    let mut times = Times::default();
    while let Some(row) = rows.next()? {
        let fact = fact(row, &mut times).context("while reading claims for conflict detection")?;
        if current.first().is_some_and(|f| f.subject != fact.subject) {
            each(std::mem::take(&mut current))?;
        }
        current.push(fact);
    }
    if !current.is_empty() {
        each(current)?;
    }
    Ok(())
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

fn fact(r: &Row, times: &mut Times) -> Result<Fact> {
    let id: String = r.get(0)?;
    let value = match value_type_from_sql(&r.get::<_, String>(3)?)? {
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
    };
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
