//! What conflict detection reads: the current claims of the predicates it judges, one subject
//! at a time, as compact [`Fact`]s (sources, citation count and best credibility, no quotes),
//! and afterwards the full claims of the few that a report shows.
//!
//! One statement streams every fact in subject order, with qualifiers and citations folded in
//! by correlated subqueries (set-based inside SQLite, not a query per claim from here), so memory
//! follows the busiest subject.

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, Row};

use crate::conflicts::{Fact, Qualifiers};
use crate::db::value_type_from_sql;
use crate::model::{Quantity, QuantityBound, Value, ValueType};
use crate::time::When;

/// Separates list items inside one column (the ASCII unit separator never occurs in ids).
const SEP: char = '\u{1f}';

/// Calls `each` with the facts of one subject at a time, in subject order, for the claims whose
/// predicate is in `predicates`. Stops at the first error `each` returns.
pub fn for_each_subject(
    conn: &Connection,
    predicates: &[String],
    mut each: impl FnMut(Vec<Fact>) -> Result<()>,
) -> Result<()> {
    let wanted = serde_json::to_string(predicates)?;
    let mut stmt = conn.prepare(
        "SELECT c.id, c.subject, c.predicate, c.value_type, c.object, c.amount, c.lower,
                c.upper, c.unit, c.bound, c.text_value, c.valid_time, c.recorded_at,
                (SELECT group_concat(q.key || '=' || q.entity_id, char(31))
                   FROM (SELECT key, entity_id FROM claim_qualifier
                         WHERE claim_row = c.row_id ORDER BY key, entity_id) AS q) AS quals,
                (SELECT group_concat(s.source, char(31))
                   FROM (SELECT DISTINCT source FROM citation
                         WHERE claim_row = c.row_id AND retracted_at IS NULL
                         ORDER BY source) AS s) AS sources,
                (SELECT count(*) FROM citation
                   WHERE claim_row = c.row_id AND retracted_at IS NULL) AS citations,
                (SELECT min(credibility) FROM citation
                   WHERE claim_row = c.row_id AND retracted_at IS NULL) AS credibility
         FROM claim c
         WHERE c.retracted_at IS NULL
           AND c.predicate IN (SELECT value FROM json_each(?1))
         ORDER BY c.subject",
    )?;
    let mut rows = stmt.query([wanted])?;
    let mut current: Vec<Fact> = Vec::new();
    while let Some(row) = rows.next()? {
        let fact = fact(row).context("while reading claims for conflict detection")?;
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

fn fact(r: &Row) -> Result<Fact> {
    let id: String = r.get("id")?;
    let value = match value_type_from_sql(&r.get::<_, String>("value_type")?)? {
        ValueType::Entity => Value::Entity {
            entity: r.get("object")?,
        },
        ValueType::Quantity => Value::Quantity(Quantity {
            amount: r.get("amount")?,
            lower: r.get("lower")?,
            upper: r.get("upper")?,
            unit: r.get::<_, Option<String>>("unit")?.unwrap_or_default(),
            bound: QuantityBound::parse(&r.get::<_, String>("bound")?)
                .unwrap_or(QuantityBound::Exact),
        }),
        ValueType::Text => Value::Text {
            text: r.get("text_value")?,
        },
        ValueType::None => Value::None,
    };
    let text: String = r.get("valid_time")?;
    let when = When::parse(&text)
        .map_err(|e| anyhow!("the database holds an invalid time for claim `{id}`: {e}"))?;
    let mut qualifiers = Qualifiers::new();
    if let Some(quals) = r.get::<_, Option<String>>("quals")? {
        for pair in quals.split(SEP) {
            if let Some((key, entity)) = pair.split_once('=') {
                qualifiers
                    .entry(key.to_string())
                    .or_default()
                    .push(entity.to_string());
            }
        }
    }
    let sources = r
        .get::<_, Option<String>>("sources")?
        .map(|s| s.split(SEP).map(str::to_string).collect())
        .unwrap_or_default();
    Ok(Fact {
        id,
        subject: r.get("subject")?,
        predicate: r.get("predicate")?,
        // Rows come sorted by key and entity, so lists are sorted; equal pairs cannot repeat.
        qualifiers,
        value,
        when,
        sources,
        citations: usize::try_from(r.get::<_, i64>("citations")?).unwrap_or(0),
        credibility: r
            .get::<_, Option<i64>>("credibility")?
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(7),
        recorded_at: r.get("recorded_at")?,
    })
}
