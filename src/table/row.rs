//! One row of a table made into records, in steps: its raw field values (for the filter and
//! conditions), the values through the code lists, the citation, the entities, the claims (each
//! with its value, qualifiers and time), then the checks against what earlier rows gave.

use std::collections::{BTreeMap, HashMap};

use super::mapping::{self, Mapping, ValueSpec};
use super::seen::{Seen, claim_digest, id_key};
use super::when::when_of;
use super::{World, cut, id_problem};
use crate::data::{Diagnostic, quantity_problem};
use crate::model::{Citation, Claim, Entity, Method, Quantity, Value};

/// What reading rows needs besides the row: the mapping, the world and the header.
pub(super) struct Rows<'a> {
    pub name: &'a str,
    pub mapping: &'a Mapping,
    pub world: &'a World,
    pub headers: &'a csv::StringRecord,
    /// Each field's column (`None` for a built-in).
    pub columns: &'a [Option<usize>],
    pub delimiter: u8,
}

/// The records one kept row gives, with its problems.
pub(super) struct Built {
    pub entities: Vec<Entity>,
    /// Each claim with the key of its id and the digest of the claim.
    pub claims: Vec<(Claim, u128, u64)>,
    pub problems: Vec<Diagnostic>,
    /// Codes and entity ids the row names that are not known: problems too, listed once for
    /// every row that names them.
    pub unknown: Vec<Unknown>,
}

/// What a code or entity id that is not known is missing from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Missing {
    /// A code list (its name).
    Code(String),
    /// The entities.
    Entity,
}

/// A code or entity id a row names that is not known.
#[derive(Debug, Clone)]
pub(super) struct Unknown {
    pub missing: Missing,
    /// The code, or the entity id.
    pub value: String,
    /// The column to blame.
    pub column: Option<String>,
    /// The cell it came from, for a stub: a name, or the code's id.
    pub cell: String,
    /// Where in the row ("claim `x`: subject").
    pub place: String,
}

/// Where in the table a row is: its number after the header and its line in the file.
#[derive(Debug, Clone, Copy)]
pub(super) struct At {
    pub row: usize,
    pub line: usize,
}

/// Collects one row's problems, each with the file, line, row and (when one is to blame) the
/// column.
struct Report<'a> {
    name: &'a str,
    at: At,
    list: Vec<Diagnostic>,
    unknown: Vec<Unknown>,
    /// Fields whose code is unknown: an id made from one is not looked up (the code is
    /// reported).
    unknown_codes: Vec<usize>,
}

impl Report<'_> {
    fn add(&mut self, column: Option<&str>, message: String) {
        let row = self.at.row;
        self.list.push(Diagnostic {
            file: self.name.to_string(),
            line: self.at.line,
            field: match column {
                Some(c) => format!("row {row}, column `{c}`"),
                None => format!("row {row}"),
            },
            message,
        });
    }
}

impl Rows<'_> {
    /// The row's raw field values (cells trimmed, `{row}` its number), for the filter and the
    /// conditions.
    pub fn raw(&self, record: &csv::StringRecord, row: usize) -> Vec<String> {
        self.mapping
            .fields
            .iter()
            .zip(self.columns)
            .map(|(field, column)| match column {
                Some(i) => {
                    let cell = record.get(*i).unwrap_or("").trim();
                    match &field.trim {
                        Some(chars) => cell
                            .trim_matches(|c: char| c.is_whitespace() || chars.contains(c))
                            .to_string(),
                        None => cell.to_string(),
                    }
                }
                None if field.name == "row" => row.to_string(),
                None => String::new(),
            })
            .collect()
    }

    /// Whether the mapping's filter keeps a row of these raw values.
    pub fn kept(&self, raw: &[String]) -> bool {
        self.mapping
            .filter
            .iter()
            .all(|(i, allowed)| allowed.contains(&raw[*i]))
    }

    /// The records a kept row gives and its problems. `entities` and `seen` are what earlier
    /// rows gave.
    pub fn build(
        &self,
        record: &csv::StringRecord,
        raw: &[String],
        at: At,
        entities_before: &HashMap<String, (usize, Entity)>,
        seen: &Seen,
    ) -> Built {
        let mut report = Report {
            name: self.name,
            at,
            list: Vec::new(),
            unknown: Vec::new(),
            unknown_codes: Vec::new(),
        };
        if record.len() != self.headers.len() {
            report.add(
                None,
                format!(
                    "has {} fields, but the header has {}",
                    record.len(),
                    self.headers.len()
                ),
            );
        }
        // Every cell of a kept row may end up stored (the default quote is the whole row).
        for (i, cell) in record.iter().enumerate() {
            if let Some(problem) = crate::data::text::cell_problem(cell) {
                report.add(Some(self.headers.get(i).unwrap_or("").trim()), problem);
            }
        }
        let values = self.coded(raw, &mut report);
        let citation = self.citation(&self.mapping.citation, record, &values);
        let entities = self.entities(raw, &values, &mut report);
        let known = |id: &str| {
            self.world.entities.contains(id)
                || entities_before.contains_key(id)
                || entities.iter().any(|e| e.id == id)
        };
        let claims: Vec<Claim> = self
            .mapping
            .claims
            .iter()
            .filter(|spec| holds(&spec.only_if, raw) && !any_of(&spec.unless, raw))
            .filter_map(|spec| {
                let own;
                let citation = match &spec.citation {
                    Some(shape) => {
                        own = self.citation(shape, record, &values);
                        &own
                    }
                    None => &citation,
                };
                self.claim(spec, raw, &values, citation, &known, &mut report)
            })
            .collect();
        // The same id from two rows must mean the same record.
        for e in &entities {
            if let Some((first_row, first)) = entities_before.get(&e.id)
                && first != e
            {
                report.add(
                    None,
                    format!(
                        "entity `{}` differs from the one row {first_row} gives; make its id \
                         template unique per entity",
                        e.id
                    ),
                );
            }
        }
        let claims = claims
            .into_iter()
            .map(|c| {
                let key = id_key(&c.id);
                let digest = claim_digest(&c);
                if let Some(&(first_row, first)) = seen.0.get(&key)
                    && first != digest
                {
                    report.add(
                        None,
                        format!(
                            "claim `{}` differs from the one row {first_row} gives; make the \
                             claim's id template unique per row",
                            c.id
                        ),
                    );
                }
                (c, key, digest)
            })
            .collect();
        Built {
            entities,
            claims,
            problems: report.list,
            unknown: report.unknown,
        }
    }

    /// The column of a field, to name in a message.
    fn column_of(&self, i: usize) -> Option<&str> {
        self.mapping.fields[i].column.as_deref()
    }

    /// The column to name in a message when one field made a value.
    fn single_column(&self, fields: &[usize]) -> Option<&str> {
        match fields {
            [one] => self.column_of(*one),
            _ => None,
        }
    }

    /// The field values through their code lists (a code not listed becomes a slug when the
    /// field says so, else is unknown), and slugs.
    fn coded(&self, raw: &[String], report: &mut Report) -> Vec<String> {
        let mut values = raw.to_vec();
        for (i, field) in self.mapping.fields.iter().enumerate() {
            let listed = field
                .codes
                .as_ref()
                .and_then(|list| self.mapping.codes.get(list))
                .and_then(|t| t.get(&raw[i]));
            match (listed, &field.codes) {
                (Some(v), _) => values[i] = v.clone(),
                (None, _) if field.slug => values[i] = slug(&raw[i]),
                (None, None) => {}
                (None, Some(list)) => {
                    report.unknown_codes.push(i);
                    report.unknown.push(Unknown {
                        missing: Missing::Code(list.clone()),
                        value: raw[i].clone(),
                        column: field.column.clone(),
                        cell: slug(&raw[i]),
                        place: String::new(),
                    });
                }
            }
        }
        values
    }

    /// An entity id a template gave that is not known, named by the cell it came from.
    fn unknown_entity(
        &self,
        id: &str,
        template: &mapping::Template,
        raw: &[String],
        place: String,
        report: &mut Report,
    ) {
        let fields = template.field_indexes();
        if fields.iter().any(|i| report.unknown_codes.contains(i)) {
            return;
        }
        let field = template.single_field();
        report.unknown.push(Unknown {
            missing: Missing::Entity,
            value: id.to_string(),
            column: field.and_then(|i| self.column_of(i)).map(String::from),
            cell: field.map_or_else(|| id.to_string(), |i| raw[i].clone()),
            place,
        });
    }

    /// The row's citation in one shape: the dataset, the locator and quote templates filled.
    fn citation(
        &self,
        spec: &mapping::CitationSpec,
        record: &csv::StringRecord,
        values: &[String],
    ) -> Citation {
        let quote = match &spec.quote {
            Some(q) => q.fill(values),
            None => record_text(record, self.delimiter),
        };
        Citation {
            source: spec.source.clone(),
            quote,
            locator: spec.locator.fill(values),
            // Read from the row by a declared mapping, not guessed from text: the extraction is
            // certain, so its score is 1 (an extracted citation always carries one).
            method: Method::Extracted,
            credibility: spec.credibility,
            extractor_score: Some(1.0),
            curator: None,
        }
    }

    /// The entities the row gives (those whose condition holds).
    fn entities(&self, raw: &[String], values: &[String], report: &mut Report) -> Vec<Entity> {
        let mut entities = Vec::new();
        for spec in &self.mapping.entities {
            if !holds(&spec.only_if, raw) || any_of(&spec.unless, raw) {
                continue;
            }
            let id = spec.id.fill(values);
            if let Some(problem) = id_problem("entity", &id) {
                report.add(None, problem);
                continue;
            }
            entities.push(Entity {
                id,
                name: spec.name.fill(values),
                kind: spec.kind.clone(),
                aliases: Vec::new(),
                note: spec.note.as_ref().map(|n| n.fill(values)),
            });
        }
        entities
    }

    /// One claim the row gives, or `None` when its id or time cannot be made.
    fn claim(
        &self,
        spec: &mapping::ClaimSpec,
        raw: &[String],
        values: &[String],
        citation: &Citation,
        known: &dyn Fn(&str) -> bool,
        report: &mut Report,
    ) -> Option<Claim> {
        let id = spec.id.fill(values);
        if let Some(problem) = id_problem("claim", &id) {
            report.add(None, problem);
            return None;
        }
        let subject = spec.subject.fill(values);
        if !known(&subject) {
            let place = format!("claim `{id}`: subject");
            self.unknown_entity(&subject, &spec.subject, raw, place, report);
        }
        let value = self.value(&id, &spec.value, raw, values, known, report);
        let qualifiers = self.qualifiers(&id, &spec.qualifiers, raw, values, known, report);
        let when = match when_of(&spec.when, values) {
            Ok(w) => w,
            Err((field, message)) => {
                report.add(field.and_then(|i| self.column_of(i)), message);
                return None;
            }
        };
        Some(Claim {
            id,
            subject,
            predicate: spec.predicate.clone(),
            value,
            qualifiers,
            when,
            note: spec.note.as_ref().map(|n| n.fill(values)),
            citations: vec![citation.clone()],
        })
    }

    /// A claim's value from the row.
    fn value(
        &self,
        id: &str,
        spec: &ValueSpec,
        raw: &[String],
        values: &[String],
        known: &dyn Fn(&str) -> bool,
        report: &mut Report,
    ) -> Value {
        match spec {
            ValueSpec::None => Value::None,
            ValueSpec::Text(t) => Value::Text {
                text: t.fill(values),
            },
            ValueSpec::Entity(t) => {
                let entity = t.fill(values);
                if !known(&entity) {
                    let place = format!("claim `{id}`: object");
                    self.unknown_entity(&entity, t, raw, place, report);
                }
                Value::Entity { entity }
            }
            ValueSpec::Quantity {
                amount,
                lower,
                upper,
                unit,
                bound,
            } => self.quantity(amount, lower, upper, unit, bound, values, report),
        }
    }

    /// A quantity from the row: every part a template.
    #[allow(clippy::too_many_arguments)]
    fn quantity(
        &self,
        amount: &mapping::Template,
        lower: &Option<mapping::Template>,
        upper: &Option<mapping::Template>,
        unit: &mapping::Template,
        bound: &mapping::Template,
        values: &[String],
        report: &mut Report,
    ) -> Value {
        let unit = unit.fill(values);
        let mut number = |t: &mapping::Template, optional: bool| -> Result<Option<f64>, ()> {
            let text = t.fill(values);
            let column = self.single_column(&t.field_indexes());
            if optional && text.trim().is_empty() {
                return Ok(None);
            }
            match parse_number(&text) {
                Some(n) => {
                    if let Some(problem) = quantity_problem(n, &unit) {
                        report.add(column, problem);
                    }
                    Ok(Some(n))
                }
                None => {
                    report.add(
                        column,
                        format!(
                            "`{}` is not a number; expected digits with an optional `.` and \
                             sign, such as 17035551 or 4.6e6",
                            cut(&text)
                        ),
                    );
                    Err(())
                }
            }
        };
        let Ok(Some(amount)) = number(amount, false) else {
            return Value::None;
        };
        let lower = lower.as_ref().map_or(Ok(None), |t| number(t, true));
        let upper = upper.as_ref().map_or(Ok(None), |t| number(t, true));
        let bound = match mapping::bound_of(&bound.fill(values)) {
            Ok(b) => b,
            Err(why) => {
                report.add(self.single_column(&bound.field_indexes()), why);
                return Value::None;
            }
        };
        Value::Quantity(Quantity {
            amount,
            lower: lower.unwrap_or(None),
            upper: upper.unwrap_or(None),
            unit,
            bound,
        })
    }

    /// A claim's qualifiers from the row: the ids each key's templates give, empty ones left
    /// out.
    fn qualifiers(
        &self,
        id: &str,
        specs: &[(String, Vec<mapping::Template>)],
        raw: &[String],
        values: &[String],
        known: &dyn Fn(&str) -> bool,
        report: &mut Report,
    ) -> BTreeMap<String, Vec<String>> {
        let mut qualifiers = BTreeMap::new();
        for (key, templates) in specs {
            let mut ids = Vec::new();
            for t in templates {
                let q = t.fill(values);
                if q.is_empty() {
                    continue;
                }
                if !known(&q) {
                    let place = format!("claim `{id}`, qualifier `{key}`:");
                    self.unknown_entity(&q, t, raw, place, report);
                }
                ids.push(q);
            }
            ids.sort();
            ids.dedup();
            if !ids.is_empty() {
                qualifiers.insert(key.clone(), ids);
            }
        }
        qualifiers
    }
}

/// Whether a row of these raw values meets a condition.
fn holds(condition: &mapping::Condition, raw: &[String]) -> bool {
    condition.iter().all(|(i, vals)| vals.contains(&raw[*i]))
}

/// Whether any field of an `unless` has one of its listed raw values.
fn any_of(condition: &mapping::Condition, raw: &[String]) -> bool {
    condition.iter().any(|(i, vals)| vals.contains(&raw[*i]))
}

/// A number as tables write it: `17035551`, `4.6`, `-3`, `4.6e6`.
fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The record as text, fields joined by the delimiter (the default quote).
fn record_text(record: &csv::StringRecord, delimiter: u8) -> String {
    record
        .iter()
        .collect::<Vec<_>>()
        .join(&(delimiter as char).to_string())
}

/// A cell as an id: ASCII, lower case, words joined by `-` ("Su-30SM" → `su-30sm`,
/// "United States" → `united-states`).
pub(super) fn slug(cell: &str) -> String {
    crate::text::fold(cell).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(parse_number("17035551"), Some(17_035_551.0));
        assert_eq!(parse_number(" 4.6e6 "), Some(4_600_000.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1,234"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
    }

    #[test]
    fn slugs_are_ids_made_from_names() {
        assert_eq!(slug("Su-30SM"), "su-30sm");
        assert_eq!(slug("United States"), "united-states");
        assert_eq!(slug("unknown supplier(s)"), "unknown-supplier-s");
        assert_eq!(slug("Türkiye"), "turkiye");
    }
}
