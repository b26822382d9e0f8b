//! Checking claims: the value against its predicate, the quantity, the qualifiers and every
//! citation (source, quote, locator, method, credibility).

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::data::check::Checker;
use crate::data::raw::{OneOrMany, RawCitation, RawClaim, RawQuantity};
use crate::model::{Citation, Claim, Method, Predicate, Quantity, QuantityBound, Value, ValueType};
use crate::text::names::nearest;
use crate::time::When;

/// Every quantity is a finite number with an absolute value below this.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Units of counts and sizes: a quantity in one of them is 0 or more.
pub const NON_NEGATIVE_UNITS: &[&str] = &[
    "persons",
    "people",
    "exercises",
    "undertakings",
    "hectares",
    "km",
];

/// What is wrong with `x` as a quantity in `unit`: not finite, not below [`MAX_MAGNITUDE`], or
/// negative in one of the [`NON_NEGATIVE_UNITS`].
pub fn quantity_problem(x: f64, unit: &str) -> Option<String> {
    if !x.is_finite() || x.abs() >= MAX_MAGNITUDE {
        Some(format!(
            "{x:e} is out of range; a quantity is a finite number between -1e15 and 1e15"
        ))
    } else if x < 0.0 && NON_NEGATIVE_UNITS.contains(&unit) {
        Some(format!("{x} is negative; a number of {unit} is 0 or more"))
    } else {
        None
    }
}

pub(super) fn check_claim(ck: &mut Checker, raw: &RawClaim) -> Option<Claim> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("claim `{id}`");
    ck.slug(&raw.id, "claim");
    ck.entity_ref(&raw.subject, &format!("{what}, field `subject`"));

    let predicate = match ck.known.predicates.get(raw.predicate.get_ref()) {
        Some(p) => Some(p.clone()),
        None => {
            let wanted = raw.predicate.get_ref();
            let hint = match nearest(wanted, ck.known.predicates.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "define it in a [[predicate]] table (see data/predicates.toml)".into(),
            };
            ck.report(
                &raw.predicate.span(),
                format!("{what}, field `predicate`"),
                format!("unknown predicate `{wanted}`; {hint}"),
            );
            None
        }
    };

    let when = match When::parse(raw.when.get_ref()) {
        Ok(w) => Some(w),
        Err(e) => {
            ck.report(
                &raw.when.span(),
                format!("{what}, field `when`"),
                e.to_string(),
            );
            None
        }
    };

    let value = predicate
        .as_ref()
        .and_then(|p| check_value(ck, raw, p, &what));

    let mut qualifiers = BTreeMap::new();
    let mut keys = std::mem::take(
        ck.qualifier_keys
            .entry(raw.predicate.get_ref().clone())
            .or_default(),
    );
    for (key, ids) in &raw.qualifiers {
        let field = format!("{what}, field `qualifiers.{key}`");
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            ck.report(
                &ids.span(),
                field.clone(),
                format!("`{key}` is not a qualifier key; use lower-case letters and `_`"),
            );
        }
        let list = match ids.get_ref() {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        };
        if list.is_empty() {
            ck.report(&ids.span(), field.clone(), "give at least one entity id");
        }
        for entity in &list {
            ck.entity_ref(&Spanned::new(ids.span(), entity.clone()), &field);
        }
        let mut list = list;
        list.sort();
        list.dedup();
        keys.insert(key.clone());
        qualifiers.insert(key.clone(), list);
    }

    ck.qualifier_keys
        .insert(raw.predicate.get_ref().clone(), keys);
    if raw.citation.is_empty() {
        ck.report(
            &raw.id.span(),
            what.clone(),
            "has no citation; add a [[claim.citation]] with source, quote, locator and \
             credibility so the claim can be traced to its words",
        );
    }
    let citations: Vec<Citation> = raw
        .citation
        .iter()
        .enumerate()
        .filter_map(|(i, c)| check_citation(ck, c, &format!("{what}, citation {}", i + 1)))
        .collect();

    if ck.problems.len() != before {
        return None;
    }
    Some(Claim {
        id: id.clone(),
        subject: raw.subject.get_ref().clone(),
        predicate: raw.predicate.get_ref().clone(),
        value: value?,
        qualifiers,
        when: when?,
        note: raw.note.clone(),
        citations,
    })
}

fn check_value(
    ck: &mut Checker,
    raw: &RawClaim,
    predicate: &Predicate,
    what: &str,
) -> Option<Value> {
    let given: Vec<(&str, Range<usize>)> = [
        raw.object.as_ref().map(|o| ("object", o.span())),
        raw.quantity.as_ref().map(|q| ("quantity", q.span())),
        raw.text.as_ref().map(|t| ("text", t.span())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let expected = match predicate.value_type {
        ValueType::Entity => "object = \"<entity id>\"",
        ValueType::Quantity => "quantity = { amount = …, bound = \"exact\" }",
        ValueType::Text => "text = \"…\"",
        ValueType::None => "no value (no object, quantity or text)",
    };
    let wanted_field = match predicate.value_type {
        ValueType::Entity => Some("object"),
        ValueType::Quantity => Some("quantity"),
        ValueType::Text => Some("text"),
        ValueType::None => None,
    };
    let mut ok = true;
    for (field, span) in &given {
        if Some(*field) != wanted_field {
            ok = false;
            ck.report(
                span,
                format!("{what}, field `{field}`"),
                format!(
                    "predicate `{}` takes {} values; give {expected}",
                    predicate.id,
                    predicate.value_type.as_str()
                ),
            );
        }
    }
    if !ok {
        return None;
    }
    if let Some(field) = wanted_field
        && !given.iter().any(|(f, _)| *f == field)
    {
        ck.report(
            &raw.predicate.span(),
            what.to_string(),
            format!(
                "predicate `{}` takes {} values but the claim has none; give {expected}",
                predicate.id,
                predicate.value_type.as_str()
            ),
        );
        return None;
    }
    match predicate.value_type {
        ValueType::None => Some(Value::None),
        ValueType::Text => {
            let text = raw.text.as_ref()?;
            ck.non_empty(text, &format!("{what}, field `text`"));
            Some(Value::Text {
                text: text.get_ref().clone(),
            })
        }
        ValueType::Entity => {
            let object = raw.object.as_ref()?;
            let before = ck.problems.len();
            ck.entity_ref(object, &format!("{what}, field `object`"));
            (ck.problems.len() == before).then(|| Value::Entity {
                entity: object.get_ref().clone(),
            })
        }
        ValueType::Quantity => {
            let spanned = raw.quantity.as_ref()?;
            check_quantity(ck, spanned, predicate, what).map(Value::Quantity)
        }
    }
}

fn check_quantity(
    ck: &mut Checker,
    spanned: &Spanned<RawQuantity>,
    predicate: &Predicate,
    what: &str,
) -> Option<Quantity> {
    let q = spanned.get_ref();
    let span = spanned.span();
    let field = format!("{what}, field `quantity`");
    let before = ck.problems.len();
    let bound = match q.bound.as_deref() {
        None => Some(QuantityBound::Exact),
        Some(name) => {
            let parsed = QuantityBound::parse(name);
            if parsed.is_none() {
                ck.report(
                    &span,
                    format!("{field}.bound"),
                    format!(
                        "`{name}` is not a bound; use one of {}",
                        QuantityBound::NAMES.join(", ")
                    ),
                );
            }
            parsed
        }
    };
    let unit = match (&q.unit, &predicate.unit) {
        (Some(given), Some(declared)) if given != declared => {
            ck.report(
                &span,
                format!("{field}.unit"),
                format!(
                    "predicate `{}` is measured in `{declared}`, not `{given}`; convert the \
                     amount or leave the unit out",
                    predicate.id
                ),
            );
            None
        }
        (Some(given), _) => Some(given.clone()),
        (None, Some(declared)) => Some(declared.clone()),
        (None, None) => Some(String::new()),
    };
    for (name, x) in [
        ("amount", Some(q.amount)),
        ("lower", q.lower),
        ("upper", q.upper),
    ] {
        let Some(x) = x else { continue };
        if let Some(problem) = quantity_problem(x, unit.as_deref().unwrap_or_default()) {
            ck.report(&span, format!("{field}.{name}"), problem);
        }
    }
    if q.lower.is_some_and(|lo| lo > q.amount) || q.upper.is_some_and(|hi| hi < q.amount) {
        ck.report(
            &span,
            field.clone(),
            "lower must be at most the amount and upper at least the amount",
        );
    }
    (ck.problems.len() == before).then_some(Quantity {
        amount: q.amount,
        lower: q.lower,
        upper: q.upper,
        unit: unit?,
        bound: bound?,
    })
}

fn check_citation(
    ck: &mut Checker,
    spanned: &Spanned<RawCitation>,
    what: &str,
) -> Option<Citation> {
    let c = spanned.get_ref();
    let span = spanned.span();
    let before = ck.problems.len();
    let source = c.source.get_ref();
    if !ck.known.sources.contains(source) {
        let hint = match nearest(source, ck.known.sources.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "define it in a [[source]] table (see data/sources.toml)".into(),
        };
        ck.report(
            &c.source.span(),
            format!("{what}, field `source`"),
            format!("unknown source `{source}`; {hint}"),
        );
    }
    let quote = match &c.quote {
        Some(q) if !q.get_ref().trim().is_empty() => Some(q.get_ref().trim().to_string()),
        Some(q) => {
            ck.report(
                &q.span(),
                format!("{what}, field `quote`"),
                "the quote is empty; give the shortest verbatim phrase that carries the fact",
            );
            None
        }
        None => {
            ck.report(
                &span,
                format!("{what}, field `quote`"),
                "a citation needs a quote: the shortest verbatim phrase from the source that \
                 carries the fact",
            );
            None
        }
    };
    let locator = match &c.locator {
        Some(l)
            if !l.get_ref().trim().is_empty()
                && !ck.known.datasets.contains(source)
                && crate::model::parse_locator(l.get_ref()).is_none() =>
        {
            ck.report(
                &l.span(),
                format!("{what}, field `locator`"),
                format!(
                    "`{}` is not a locator; give the lines of the source's text that hold the \
                     quote: \"line N\" or \"lines N-M\" with 1 <= N <= M",
                    l.get_ref()
                ),
            );
            None
        }
        Some(l) if !l.get_ref().trim().is_empty() => Some(l.get_ref().trim().to_string()),
        _ => {
            ck.report(
                &span,
                format!("{what}, field `locator`"),
                "a citation needs a locator: where the quote is in the source's text, e.g. \
                 \"line 19\" or \"lines 5-7\"",
            );
            None
        }
    };
    let method = match &c.method {
        None => Some(Method::Manual),
        Some(m) => {
            let parsed = Method::parse(m.get_ref());
            if parsed.is_none() {
                ck.report(
                    &m.span(),
                    format!("{what}, field `method`"),
                    format!("`{}` is not a method; use manual or extracted", m.get_ref()),
                );
            }
            parsed
        }
    };
    let credibility = match &c.credibility {
        Some(n) if (1..=6).contains(n.get_ref()) => u8::try_from(*n.get_ref()).ok(),
        Some(n) => {
            ck.report(
                &n.span(),
                format!("{what}, field `credibility`"),
                format!(
                    "{} is not an Admiralty credibility; use 1 (confirmed), 2 (probably true), \
                     3 (possibly true), 4 (doubtful), 5 (improbable) or 6 (cannot be judged)",
                    n.get_ref()
                ),
            );
            None
        }
        None => {
            ck.report(
                &span,
                format!("{what}, field `credibility`"),
                "a citation needs a credibility from 1 (confirmed) to 6 (cannot be judged)",
            );
            None
        }
    };
    if method == Some(Method::Extracted) && c.extractor_score.is_none() {
        ck.report(
            &span,
            format!("{what}, field `extractor_score`"),
            "an extracted citation needs the extractor's score: extractor_score = a number from \
             0 to 1",
        );
    }
    if let Some(score) = &c.extractor_score {
        if method != Some(Method::Extracted) {
            ck.report(
                &score.span(),
                format!("{what}, field `extractor_score`"),
                "only extracted citations have an extractor score; remove it or set method = \"extracted\"",
            );
        } else if !(0.0..=1.0).contains(score.get_ref()) {
            ck.report(
                &score.span(),
                format!("{what}, field `extractor_score`"),
                "must lie between 0 and 1",
            );
        }
    }
    if ck.problems.len() != before {
        return None;
    }
    Some(Citation {
        source: source.clone(),
        quote: quote?,
        locator: locator?,
        method: method?,
        credibility: credibility?,
        extractor_score: c.extractor_score.as_ref().map(|s| *s.get_ref()),
        curator: c.curator.clone(),
    })
}
