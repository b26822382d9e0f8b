//! The `[[claim]]` tables of a mapping: each checked against its predicate, in steps (the
//! value its predicate takes, the qualifiers, the valid time).

use super::raw::{RawClaim, RawParts, RawWhen, RawWhenParts};
use super::{
    CitationSpec, ClaimSpec, DateParts, EndZero, Resolver, Template, ValueSpec, WhenSpec, World,
    did_you_mean,
};
use crate::model::{Predicate, QuantityBound, ValueType};

impl Resolver<'_> {
    /// Every `[[claim]]`; at least one is needed.
    pub(super) fn claims(
        &mut self,
        raw: &[RawClaim],
        world: &World,
        citation: &CitationSpec,
    ) -> Vec<ClaimSpec> {
        if raw.is_empty() {
            self.p
                .add("", "no [[claim]] table: say which claims each row yields");
        }
        raw.iter()
            .enumerate()
            .filter_map(|(n, c)| self.claim(&format!("claim {}", n + 1), c, world, citation))
            .collect()
    }

    /// One claim, or `None` when its predicate is unknown (nothing else can be checked).
    fn claim(
        &mut self,
        at: &str,
        c: &RawClaim,
        world: &World,
        citation: &CitationSpec,
    ) -> Option<ClaimSpec> {
        let Some(predicate) = world.predicates.get(&c.predicate) else {
            let hint = did_you_mean(&c.predicate, world.predicates.keys().map(String::as_str));
            self.p.add(
                format!("{at}, field `predicate`"),
                format!("unknown predicate `{}`{hint}", c.predicate),
            );
            return None;
        };
        let value = self.value(at, c, predicate);
        let qualifiers = self.qualifiers(at, c);
        let when = self.when(at, &c.when);
        Some(ClaimSpec {
            id: self.template(&format!("{at}, field `id`"), &c.id),
            subject: self.template(&format!("{at}, field `subject`"), &c.subject),
            predicate: c.predicate.clone(),
            value,
            qualifiers,
            when,
            note: c
                .note
                .as_ref()
                .map(|t| self.template(&format!("{at}, field `note`"), t)),
            only_if: self.condition(&format!("{at}, field `only_if`"), &c.only_if),
            unless: self.condition(&format!("{at}, field `unless`"), &c.unless),
            citation: c.citation.as_ref().map(|shape| {
                self.citation_shape(&format!("{at}, citation"), citation, shape, world, false)
            }),
        })
    }

    /// The value: the one template the predicate's value type takes (`object`, `quantity` or
    /// `text`), or none.
    fn value(&mut self, at: &str, c: &RawClaim, predicate: &Predicate) -> ValueSpec {
        let given: Vec<&str> = [
            ("object", c.object.is_some()),
            ("quantity", c.quantity.is_some()),
            ("text", c.text.is_some()),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| *n)
        .collect();
        let wanted = match predicate.value_type {
            ValueType::Entity => "object",
            ValueType::Quantity => "quantity",
            ValueType::Text => "text",
            ValueType::None => "",
        };
        if given.len() > 1 || given.first().copied().unwrap_or("") != wanted {
            let what = if wanted.is_empty() {
                "no value".to_string()
            } else {
                format!("a `{wanted}` template")
            };
            self.p.add(
                format!("{at}, field `{}`", given.first().copied().unwrap_or(wanted)),
                format!(
                    "predicate `{}` takes {} values: give {what}",
                    predicate.id,
                    predicate.value_type.as_str()
                ),
            );
        }
        match predicate.value_type {
            ValueType::Entity => ValueSpec::Entity(self.template(
                &format!("{at}, field `object`"),
                c.object.as_deref().unwrap_or(""),
            )),
            ValueType::Text => ValueSpec::Text(self.template(
                &format!("{at}, field `text`"),
                c.text.as_deref().unwrap_or(""),
            )),
            ValueType::None => ValueSpec::None,
            ValueType::Quantity => self.quantity(at, c, predicate),
        }
    }

    /// A quantity: its amount, range, unit and bound templates. The unit is the predicate's
    /// (a template only for a predicate without one); a bound without placeholders is checked
    /// here, one with placeholders on each row.
    fn quantity(&mut self, at: &str, c: &RawClaim, predicate: &Predicate) -> ValueSpec {
        let given_unit = c
            .unit
            .as_ref()
            .map(|u| self.template(&format!("{at}, field `unit`"), u));
        let unit = match (given_unit, &predicate.unit) {
            (Some(u), Some(pu)) if u.as_literal().as_ref() != Some(pu) => {
                self.p.add(
                    format!("{at}, field `unit`"),
                    format!(
                        "`{}` is measured in `{pu}`, not `{}`",
                        predicate.id,
                        c.unit.as_deref().unwrap_or("")
                    ),
                );
                Template::literal(pu)
            }
            (_, Some(pu)) => Template::literal(pu),
            (Some(u), None) => u,
            (None, None) => Template::literal(""),
        };
        let bound = match &c.bound {
            None => Template::literal(""),
            Some(b) => self.template(&format!("{at}, field `bound`"), b),
        };
        if let Some(b) = bound.as_literal()
            && let Err(why) = bound_of(&b)
        {
            self.p.add(format!("{at}, field `bound`"), why);
        }
        let mut range = |name: &str, given: &Option<String>| {
            given
                .as_ref()
                .map(|t| self.template(&format!("{at}, field `{name}`"), t))
        };
        let lower = range("lower", &c.lower);
        let upper = range("upper", &c.upper);
        ValueSpec::Quantity {
            amount: self.template(
                &format!("{at}, field `quantity`"),
                c.quantity.as_deref().unwrap_or(""),
            ),
            lower,
            upper,
            unit,
            bound,
        }
    }

    /// Qualifier key → templates of entity ids.
    fn qualifiers(&mut self, at: &str, c: &RawClaim) -> Vec<(String, Vec<Template>)> {
        let mut qualifiers = Vec::new();
        for (key, list) in &c.qualifiers {
            if key.is_empty() || !key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
                self.p.add(
                    format!("{at}, field `qualifiers.{key}`"),
                    format!("`{key}` is not a qualifier key; use lower-case letters and `_`"),
                );
            }
            let templates = list
                .iter()
                .map(|t| self.template(&format!("{at}, field `qualifiers.{key}`"), t))
                .collect();
            qualifiers.push((key.clone(), templates));
        }
        qualifiers
    }

    /// The valid time: an EDTF template, one date from parts, or an interval.
    fn when(&mut self, at: &str, raw: &RawWhen) -> WhenSpec {
        match raw {
            RawWhen::Text(t) => WhenSpec::Text(self.template(&format!("{at}, field `when`"), t)),
            RawWhen::Parts(parts) => self.when_parts(at, parts),
        }
    }

    fn when_parts(&mut self, at: &str, parts: &RawWhenParts) -> WhenSpec {
        let end_zero = match parts.end_zero.as_deref() {
            None | Some("open") => EndZero::Open,
            Some("unknown") => EndZero::Unknown,
            Some(year)
                if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && year > "0000" =>
            {
                EndZero::Until(year.to_string())
            }
            Some(other) => {
                self.p.add(
                    format!("{at}, field `when.end_zero`"),
                    format!(
                        "`{other}` is not a reading of year 0; use \"open\" (still in effect), \
                         \"unknown\" or the year the dataset's coverage ends, such as \"2018\" \
                         (in effect at least until then)"
                    ),
                );
                EndZero::Open
            }
        };
        match (&parts.date, &parts.start, &parts.end) {
            (Some(d), None, None) => WhenSpec::Date(self.date_parts(at, "date", d)),
            (None, Some(s), Some(e)) => WhenSpec::Interval {
                start: self.date_parts(at, "start", s),
                end: self.date_parts(at, "end", e),
                end_zero,
            },
            _ => {
                self.p.add(
                    format!("{at}, field `when`"),
                    "give an EDTF template (\"{year}\"), `date = { year = …, month = …, day = … \
                     }`, or both `start` and `end`",
                );
                WhenSpec::Text(Template(Vec::new()))
            }
        }
    }

    fn date_parts(&mut self, at: &str, name: &str, raw: &RawParts) -> DateParts {
        DateParts {
            year: self
                .field_index(&format!("{at}, field `when.{name}.year`"), &raw.year)
                .unwrap_or(0),
            month: raw
                .month
                .as_ref()
                .and_then(|m| self.field_index(&format!("{at}, field `when.{name}.month`"), m)),
            day: raw
                .day
                .as_ref()
                .and_then(|d| self.field_index(&format!("{at}, field `when.{name}.day`"), d)),
        }
    }
}

/// The bound a filled `bound` template names: empty is exact.
pub fn bound_of(text: &str) -> Result<QuantityBound, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(QuantityBound::Exact);
    }
    QuantityBound::parse(text).ok_or_else(|| {
        format!(
            "`{}` is not a bound; use one of {} (or nothing for exact)",
            super::super::cut(text),
            QuantityBound::NAMES.join(", ")
        )
    })
}
