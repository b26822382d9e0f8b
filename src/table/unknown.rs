//! Codes and entity ids a table names that are not known, gathered over every row and listed
//! once each (with how many rows name it and where first), then what to paste to make them
//! known: lines for the code lists, `[[entity]]` tables for a data file.

use std::collections::BTreeMap;

use super::cut;
use super::row::{At, Missing, Unknown};
use crate::data::Diagnostic;

/// At most this many distinct unknown codes and ids are kept; beyond, only counted.
const MAX_DISTINCT: usize = 10_000;

/// Every distinct unknown code and entity id, with the rows that name it.
#[derive(Debug, Default)]
pub(super) struct Unknowns {
    seen: BTreeMap<(Missing, String), Seen>,
    /// Distinct ones beyond [`MAX_DISTINCT`].
    more: usize,
}

#[derive(Debug)]
struct Seen {
    first: At,
    rows: usize,
    /// The last row counted, so that a row naming it twice counts once.
    last_row: usize,
    unknown: Unknown,
}

impl Unknowns {
    /// Counts what one row names.
    pub fn add(&mut self, at: At, unknown: Unknown) {
        let key = (unknown.missing.clone(), unknown.value.clone());
        if let Some(seen) = self.seen.get_mut(&key) {
            if seen.last_row != at.row {
                seen.rows += 1;
                seen.last_row = at.row;
            }
            return;
        }
        if self.seen.len() >= MAX_DISTINCT {
            self.more += 1;
            return;
        }
        self.seen.insert(
            key,
            Seen {
                first: at,
                rows: 1,
                last_row: at.row,
                unknown,
            },
        );
    }

    /// One problem per distinct code or id, at the first row that names it, in the order of
    /// the rows; then one with what to paste.
    pub fn problems(&self, file: &str, limit: usize) -> Vec<Diagnostic> {
        let mut seen: Vec<&Seen> = self.seen.values().collect();
        seen.sort_by_key(|s| (s.first.row, s.unknown.value.as_str()));
        let mut out: Vec<Diagnostic> = seen
            .iter()
            .take(limit)
            .map(|s| {
                let u = &s.unknown;
                let rows = if s.rows > 1 {
                    format!(
                        " ({}, the first here)",
                        crate::words::plural(s.rows, "row", "rows")
                    )
                } else {
                    String::new()
                };
                let message = match &u.missing {
                    Missing::Code(list) => format!(
                        "unknown code `{}`: not in code list `{list}`{rows}; add it to the list, \
                         or leave its rows out with [filter]",
                        cut(&u.value)
                    ),
                    Missing::Entity => format!(
                        "{} `{}` is not a known entity{rows}",
                        u.place,
                        cut(&u.value)
                    ),
                };
                Diagnostic {
                    file: file.to_string(),
                    line: s.first.line,
                    field: match &u.column {
                        Some(c) => format!("row {}, column `{c}`", s.first.row),
                        None => format!("row {}", s.first.row),
                    },
                    message,
                }
            })
            .collect();
        if seen.len() > limit || self.more > 0 {
            out.push(Diagnostic::whole_file(
                file,
                format!(
                    "and {} more unknown codes or entities",
                    seen.len().saturating_sub(limit) + self.more
                ),
            ));
        }
        out.extend(self.stubs(file, &seen));
        out
    }

    /// What to paste: for each code list its missing lines, and the missing entities as
    /// `[[entity]]` tables named as the table writes them.
    fn stubs(&self, file: &str, seen: &[&Seen]) -> Vec<Diagnostic> {
        let mut lists: BTreeMap<&str, Vec<&Unknown>> = BTreeMap::new();
        let mut entities = Vec::new();
        for s in seen {
            match &s.unknown.missing {
                Missing::Code(list) => lists.entry(list).or_default().push(&s.unknown),
                Missing::Entity => entities.push(&s.unknown),
            }
        }
        let mut out = Vec::new();
        for (list, codes) in lists {
            let lines: Vec<String> = codes
                .iter()
                .map(|u| format!("{} = {}", toml_string(&u.value), toml_string(&u.cell)))
                .collect();
            out.push(Diagnostic::whole_file(
                file,
                format!(
                    "to list {}, add to code list `{list}` (each with the entity id it stands \
                     for, or \"\" for nothing):\n{}",
                    crate::words::plural(codes.len(), "code", "codes"),
                    lines.join("\n")
                ),
            ));
        }
        if !entities.is_empty() {
            let tables: Vec<String> = entities
                .iter()
                .map(|u| {
                    format!(
                        "[[entity]]\nid = {}\nname = {}\nkind = \"country\"",
                        toml_string(&u.value),
                        toml_string(&u.cell)
                    )
                })
                .collect();
            out.push(Diagnostic::whole_file(
                file,
                format!(
                    "to add {}, put this in a data file (check each name and kind: one of {}) \
                     and `factline import` it:\n{}",
                    crate::words::plural(entities.len(), "entity", "entities"),
                    crate::model::ENTITY_KINDS.join(", "),
                    tables.join("\n\n")
                ),
            ));
        }
        out
    }
}

/// A TOML basic string (quotes, backslashes and control characters escaped).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
