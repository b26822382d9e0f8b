//! Reviewing extracted candidates: what a queued candidate suggests, the claim it becomes when
//! accepted (with an `extracted` citation: the candidate's phrase as quote, its line as
//! locator, the extractor's score), the key that keeps a rejected suggestion from coming back,
//! and the one-at-a-time session that reads decisions from any reader.
//!
//! No SQL and no files here: `cmd/review.rs` reads the queue, writes the data file and
//! imports it.

pub mod session;

use std::collections::BTreeMap;

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;

use crate::db::review::{NewItem, Queued};
use crate::extract::Candidate;
use crate::model::{Citation, Claim, Method, Quantity, QuantityBound, Value};
use crate::time::When;

/// What a queued candidate suggests, as stored with it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Suggested {
    pub subject: String,
    pub predicate: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub when: Option<String>,
}

#[derive(Deserialize)]
struct Stored {
    rule: String,
    suggestion: Option<Suggested>,
}

/// The suggestion and the rule of a queued candidate.
pub fn suggested(q: &Queued) -> Result<(Suggested, String)> {
    let stored: Stored = serde_json::from_str(&q.item.candidate).map_err(|e| {
        anyhow!(
            "candidate {} is stored in a form this version cannot read: {e}",
            q.item.id
        )
    })?;
    let s = stored
        .suggestion
        .ok_or_else(|| anyhow!("candidate {} suggests no claim", q.item.id))?;
    Ok((s, stored.rule))
}

/// The key of what a suggestion says: a rejection covers every candidate with the same key.
pub fn content_key(s: &Suggested) -> String {
    let value = serde_json::to_string(&s.value).unwrap_or_default();
    let qualifiers = serde_json::to_string(&s.qualifiers).unwrap_or_default();
    format!(
        "{}|{}|{value}|{qualifiers}|{}",
        s.subject,
        s.predicate,
        s.when.as_deref().unwrap_or("")
    )
}

/// A candidate of `extract` as a queue entry: only candidates that suggest a claim are queued.
/// `text` is the piece of the document the candidate's offsets point into, `base` the byte
/// offset of that piece in the file (the candidate's offsets are into the whole file).
pub fn queue_item(
    c: &Candidate,
    text: &str,
    base: usize,
    document: &str,
    sha256: &str,
    source: &str,
) -> Option<NewItem> {
    let suggestion = c.suggestion.as_ref()?;
    let candidate = serde_json::to_string(c).ok()?;
    let value = serde_json::to_value(&suggestion.value).ok()?;
    let suggested = Suggested {
        subject: suggestion.subject.clone(),
        predicate: suggestion.predicate.clone(),
        value,
        qualifiers: suggestion.qualifiers.clone(),
        when: suggestion.when.clone(),
    };
    let sentence = text
        .get(c.sentence.start.checked_sub(base)?..c.sentence.end.checked_sub(base)?)?
        .to_string();
    let last = c.line + c.text.matches('\n').count();
    let locator = if last == c.line {
        format!("line {}", c.line)
    } else {
        format!("lines {}-{last}", c.line)
    };
    Some(NewItem {
        id: c.id.clone(),
        kind: c.kind.to_string(),
        content: content_key(&suggested),
        document: document.to_string(),
        sha256: sha256.to_string(),
        source: Some(source.to_string()),
        line: c.line,
        score: c.score,
        candidate,
        sentence,
        quote: c.text.clone(),
        locator,
    })
}

/// A suggestion's value as the model's, from its JSON.
pub fn value_of(json: &serde_json::Value) -> Result<Value> {
    let kind = json.get("type").and_then(|t| t.as_str()).unwrap_or("");
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("a suggested {kind} value has no `{key}`"))
    };
    Ok(match kind {
        "entity" => Value::Entity {
            entity: text("entity")?,
        },
        "text" => Value::Text {
            text: text("text")?,
        },
        "none" => Value::None,
        "quantity" => {
            let number = |key: &str| json.get(key).and_then(serde_json::Value::as_f64);
            Value::Quantity(Quantity {
                amount: number("amount")
                    .ok_or_else(|| anyhow!("a suggested quantity has no amount"))?,
                lower: number("lower"),
                upper: number("upper"),
                unit: json
                    .get("unit")
                    .and_then(|u| u.as_str())
                    .unwrap_or("")
                    .to_string(),
                bound: QuantityBound::parse(&text("bound")?)
                    .ok_or_else(|| anyhow!("a suggested quantity has an unknown bound"))?,
            })
        }
        other => bail!("`{other}` is not a value type"),
    })
}

/// Reads a quantity as an analyst types it: "16.3 million", "nearly 22%", "60", "about 4,500".
pub fn parse_quantity(text: &str, unit: &str) -> Option<Quantity> {
    let trimmed = text.trim();
    if let Ok(amount) = trimmed.parse::<f64>() {
        return (amount.is_finite() && amount.abs() < 1e15).then(|| Quantity {
            amount,
            lower: None,
            upper: None,
            unit: unit.to_string(),
            bound: QuantityBound::Exact,
        });
    }
    // Reading a lone figure: a trailing noun helps the grammar see a count.
    let found = crate::extract::quantity::find(trimmed, &[]);
    let first = found
        .into_iter()
        .find(|f| f.start == 0 || trimmed[..f.start].trim().is_empty())?;
    let mut q = first.quantity;
    q.unit = unit.to_string();
    Some(q)
}

/// The claim an accepted suggestion becomes.
pub struct Accepted<'a> {
    pub queued: &'a Queued,
    pub suggested: Suggested,
    pub value: Value,
    pub rule: String,
    /// Who accepted it: the citation's curator.
    pub by: Option<String>,
    pub credibility: u8,
    /// Whether the analyst gave the time (else it is the candidate's).
    pub dated_by_analyst: bool,
}

impl Accepted<'_> {
    /// The claim: id `<predicate>-<subject>-<candidate id>`, the suggestion's parts, and one
    /// `extracted` citation of the queued source with the candidate's phrase, line and score.
    pub fn claim(&self) -> Result<Claim> {
        let q = &self.queued.item;
        let s = &self.suggested;
        let source = q.source.clone().ok_or_else(|| {
            anyhow!(
                "candidate {} was queued without a source; it cannot be cited",
                q.id
            )
        })?;
        let when_text = s
            .when
            .clone()
            .ok_or_else(|| anyhow!("candidate {} has no time; give one with --when EDTF", q.id))?;
        let when = When::parse(&when_text)
            .map_err(|e| anyhow!("`{when_text}` is not a valid EDTF date: {e}"))?;
        let id = format!("{}-{}-{}", s.predicate, s.subject, q.id)
            .to_lowercase()
            .replace('_', "-");
        let mut note = format!(
            "Extracted from {} (line {}) by rule {}.",
            q.document, q.line, self.rule
        );
        if self.rule.contains(".as_of") && !self.dated_by_analyst {
            note.push_str(" The sentence gives no date; the claim is dated as of publication.");
        }
        Ok(Claim {
            id,
            subject: s.subject.clone(),
            predicate: s.predicate.clone(),
            value: self.value.clone(),
            qualifiers: s.qualifiers.clone(),
            when,
            note: Some(note),
            citations: vec![Citation {
                source,
                quote: q.quote.clone(),
                locator: q.locator.clone(),
                method: Method::Extracted,
                credibility: self.credibility,
                extractor_score: Some((q.score * 1000.0).round() / 1000.0),
                curator: self.by.clone(),
            }],
        })
    }
}

/// How an existing claim stands to a suggestion for the same subject and predicate.
pub fn compare(suggested: &Value, existing: &Value) -> &'static str {
    match (suggested, existing) {
        (Value::Quantity(a), Value::Quantity(b)) => {
            let scale = a.amount.abs().max(b.amount.abs()).max(1e-9);
            if (a.amount - b.amount).abs() / scale <= 0.02 {
                "agrees"
            } else {
                "differs"
            }
        }
        (a, b) if a == b => "agrees",
        (Value::None, Value::None) => "agrees",
        _ => "differs",
    }
}

/// A value in words for people: "16.3 million persons", "kant-air-base", "(none)".
pub fn value_words(v: &Value) -> String {
    match v {
        Value::Quantity(q) => q.to_string(),
        Value::Entity { entity } => entity.clone(),
        Value::Text { text } => format!("\"{text}\""),
        Value::None => "(no value)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json() {
        for v in [
            Value::None,
            Value::Entity {
                entity: "kant-air-base".into(),
            },
            Value::Text {
                text: "rent".into(),
            },
            Value::Quantity(Quantity {
                amount: 22.0,
                lower: None,
                upper: None,
                unit: "percent".into(),
                bound: QuantityBound::Nearly,
            }),
        ] {
            let json = serde_json::to_value(&v).unwrap();
            assert_eq!(value_of(&json).unwrap(), v);
        }
        assert!(value_of(&serde_json::json!({"type": "quantity"})).is_err());
    }

    #[test]
    fn typed_quantities() {
        let q = parse_quantity("nearly 22%", "percent").unwrap();
        assert_eq!(
            (q.amount, q.bound, q.unit.as_str()),
            (22.0, QuantityBound::Nearly, "percent")
        );
        assert_eq!(
            parse_quantity("16,3 million", "persons").unwrap().amount,
            16_300_000.0
        );
        assert_eq!(parse_quantity("60", "").unwrap().amount, 60.0);
        assert!(parse_quantity("many", "").is_none());
        assert!(parse_quantity("1e400", "").is_none());
    }

    #[test]
    fn comparing_values() {
        let q = |amount| {
            Value::Quantity(Quantity {
                amount,
                lower: None,
                upper: None,
                unit: "persons".into(),
                bound: QuantityBound::Exact,
            })
        };
        assert_eq!(compare(&q(16.3e6), &q(16.3e6)), "agrees");
        assert_eq!(compare(&q(16.3e6), &q(17.6e6)), "differs");
    }
}
