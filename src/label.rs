//! One human line per claim, from its predicate's template.
//!
//! A template names `{subject}`, `{object}`, `{value}` and qualifier keys such as `{group}`;
//! entity ids are replaced by their names. A predicate without a template reads
//! "Subject — label: value".

use std::collections::HashMap;

use crate::model::{Claim, Predicate, Value};

/// The one-line label of a claim.
pub fn label(
    claim: &Claim,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> String {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let value = match &claim.value {
        Value::Entity { entity } => name(entity),
        Value::Quantity(q) => q.to_string(),
        Value::Text { text } => text.clone(),
        Value::None => String::new(),
    };
    let subject = name(&claim.subject);
    let Some(template) = predicate.and_then(|p| p.template.as_deref()) else {
        let label = predicate.map_or(claim.predicate.as_str(), |p| p.label.as_str());
        return if value.is_empty() {
            format!("{subject} — {label}")
        } else {
            format!("{subject} — {label}: {value}")
        };
    };
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let key = &after[..close];
        let filled = match key {
            "subject" => subject.clone(),
            "object" | "value" => value.clone(),
            key => claim.qualifiers.get(key).map_or_else(
                || format!("[{key}?]"),
                |ids| {
                    ids.iter()
                        .map(|id| name(id))
                        .collect::<Vec<_>>()
                        .join(" and ")
                },
            ),
        };
        out.push_str(&filled);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
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
}
