//! One human line per claim, from its predicate's template.
//!
//! A template names `{subject}`, `{object}`, `{value}` and qualifier keys such as `{group}`;
//! entity ids are replaced by their names. A predicate without a template reads
//! "Subject — label: value". Templates are parsed by [`crate::template`], which also
//! validates them on import.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Claim, Predicate, Value};
use crate::template::{self, Piece};

/// The one-line label of a claim.
pub fn label(
    claim: &Claim,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> String {
    statement(
        &claim.subject,
        &claim.predicate,
        &claim.value,
        &claim.qualifiers,
        predicate,
        names,
    )
}

/// The one-line label of what a claim states, from its parts (the conflict engine words its
/// compact facts with it).
pub fn statement(
    subject: &str,
    predicate_id: &str,
    value: &Value,
    qualifiers: &BTreeMap<String, Vec<String>>,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> String {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let value = match value {
        Value::Entity { entity } => name(entity),
        Value::Quantity(q) => q.to_string(),
        Value::Text { text } => text.clone(),
        Value::None => String::new(),
    };
    let subject = name(subject);
    let Some(template) = predicate.and_then(|p| p.template.as_deref()) else {
        return plain(&subject, predicate, predicate_id, &value);
    };
    // Templates are validated on import; one that is not valid reads as if it were absent.
    let Ok(pieces) = template::parse(template) else {
        return plain(&subject, predicate, predicate_id, &value);
    };
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Field("subject") => out.push_str(&subject),
            Piece::Field("object" | "value") => out.push_str(&value),
            Piece::Field(key) => match qualifiers.get(key) {
                Some(ids) => {
                    let names: Vec<String> = ids.iter().map(|id| name(id)).collect();
                    out.push_str(&names.join(" and "));
                }
                None => out.push_str(&format!("[{key}?]")),
            },
        }
    }
    out
}

/// "Subject — label: value", for a predicate without a (valid) template.
fn plain(subject: &str, predicate: Option<&Predicate>, predicate_id: &str, value: &str) -> String {
    let label = predicate.map_or(predicate_id, |p| p.label.as_str());
    if value.is_empty() {
        format!("{subject} — {label}")
    } else {
        format!("{subject} — {label}: {value}")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Quantity, QuantityBound, ValueType};
    use crate::time::When;

    fn claim(value: Value, qualifiers: &[(&str, &str)]) -> Claim {
        let mut q: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in qualifiers {
            q.entry(k.to_string()).or_default().push(v.to_string());
        }
        Claim {
            id: "c".into(),
            subject: "kazakhstan".into(),
            predicate: "p".into(),
            value,
            qualifiers: q,
            when: When::parse("2011").unwrap(),
            note: None,
            citations: vec![],
        }
    }

    fn predicate(template: Option<&str>) -> Predicate {
        Predicate {
            id: "p".into(),
            label: "population share".into(),
            value_type: ValueType::Quantity,
            unit: Some("percent".into()),
            functional: true,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: crate::model::ChangeUnit::Relative,
            comparable_within_days: None,
            once: false,
            template: template.map(String::from),
            description: None,
            cues: Vec::new(),
            state_change: None,
        }
    }

    #[test]
    fn templates_fill_names_values_and_qualifiers() {
        let names: HashMap<String, String> = [
            ("kazakhstan", "Kazakhstan"),
            ("ethnic-russians", "ethnic Russians"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let c = claim(
            Value::Quantity(Quantity {
                amount: 22.0,
                lower: None,
                upper: None,
                unit: "percent".into(),
                bound: QuantityBound::Nearly,
            }),
            &[("group", "ethnic-russians")],
        );
        let p = predicate(Some("{group} make up {value} of {subject}'s population"));
        assert_eq!(
            label(&c, Some(&p), &names),
            "ethnic Russians make up nearly 22% of Kazakhstan's population"
        );
        assert_eq!(
            label(&c, Some(&predicate(None)), &names),
            "Kazakhstan — population share: nearly 22%"
        );
        let p = predicate(Some("{subject} {missing}"));
        assert_eq!(label(&c, Some(&p), &names), "Kazakhstan [missing?]");
    }

    #[test]
    fn an_unclosed_placeholder_reads_as_no_template() {
        let names = HashMap::new();
        let c = claim(Value::None, &[]);
        let p = predicate(Some("{subject} signs {object"));
        assert_eq!(label(&c, Some(&p), &names), "kazakhstan — population share");
    }
}
