//! The review queue as rows: every field of a queued candidate for the JSON formats, and the
//! columns of the table (with the quote, so a candidate can be judged where it is listed).

use super::{suggested, value_of, value_words};
use crate::db::review::Queued;
use crate::model::Cell;

/// The columns `review list` shows as a table: the values and the quote.
pub const TABLE: [&str; 8] = [
    "id",
    "score",
    "subject",
    "predicate",
    "value",
    "when",
    "line",
    "quote",
];

/// Every field of a queued candidate, in the order of [`HEADERS`].
pub const HEADERS: [&str; 15] = [
    "id",
    "status",
    "score",
    "rule",
    "subject",
    "predicate",
    "value",
    "when",
    "quote",
    "document",
    "line",
    "source",
    "reason",
    "claim",
    "decided_by",
];

pub fn row(q: &Queued) -> Vec<Cell> {
    let (sug, rule) = match suggested(q) {
        Ok((s, r)) => (Some(s), r),
        Err(_) => (None, String::new()),
    };
    let value = sug
        .as_ref()
        .and_then(|s| value_of(&s.value).ok())
        .map(|v| value_words(&v));
    let text = |t: Option<String>| t.map_or(Cell::Null, Cell::Text);
    vec![
        Cell::Text(q.item.id.clone()),
        Cell::Text(q.status.clone()),
        Cell::Real((q.item.score * 100.0).round() / 100.0),
        Cell::Text(rule),
        text(sug.as_ref().map(|s| s.subject.clone())),
        text(sug.as_ref().map(|s| s.predicate.clone())),
        text(value),
        text(sug.as_ref().and_then(|s| s.when.clone())),
        Cell::Text(q.item.quote.clone()),
        Cell::Text(q.item.document.clone()),
        Cell::Integer(i64::try_from(q.item.line).unwrap_or(i64::MAX)),
        text(q.item.source.clone()),
        text(q.reason.clone()),
        text(q.claim_id.clone()),
        text(q.decided_by.clone()),
    ]
}

/// What a candidate of `extract` reads, in words for its table: the TIMEX3 of a time, the
/// figure of a quantity with its bound and unit (`about 777 million m`), the entity of a
/// mention (`(new)` for a name no entity goes by), and the claim a suggestion makes
/// (`subject · predicate · value`, then its qualifiers).
pub fn candidate_values(c: &crate::extract::Candidate) -> String {
    use crate::model::{Quantity, QuantityBound};
    if let Some(s) = &c.suggestion {
        let mut parts = vec![s.subject.clone(), s.predicate.clone()];
        if s.value != crate::model::Value::None {
            parts.push(value_words(&s.value));
        }
        for (key, ids) in &s.qualifiers {
            parts.push(format!("{key}={}", ids.join(",")));
        }
        return parts.join(" · ");
    }
    if let Some(q) = &c.quantity {
        let quantity = Quantity {
            amount: q.amount,
            lower: q.lower,
            upper: q.upper,
            unit: q.unit.clone().unwrap_or_default(),
            bound: QuantityBound::parse(&q.bound).unwrap_or(QuantityBound::Exact),
        };
        return quantity.to_string();
    }
    if let Some(t) = &c.timex {
        return format!("{} {}", t.kind.as_str(), t.value);
    }
    match &*c.entities {
        [one] if one.new => format!("{} (new)", one.id),
        [one] => one.id.clone(),
        _ => String::new(),
    }
}
