//! A Datasette metadata file (`datasette factline.db -m metadata.json`): a title and
//! description for the database, every table and view the schema has, and their main columns.
//!
//! Which tables, views and columns exist comes from the database ([`crate::db::schema`]);
//! this file adds only the words that describe them.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::model::Table;
use crate::output::json;

/// (table, description, [(column, description)]): what each table and column means.
type Doc = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const DESCRIPTIONS: &[Doc] = &[
    (
        "current_claim",
        "Current claims (not retracted) with their rank. Start here.",
        &[
            ("id", "Stable claim id"),
            ("subject", "Entity id of the subject"),
            ("predicate", "Predicate id"),
            (
                "object",
                "Entity id of the value, for entity-valued predicates",
            ),
            ("amount", "The figure, for quantities"),
            (
                "lower",
                "Explicit lower limit, when the source gives a range",
            ),
            ("upper", "Explicit upper limit"),
            ("unit", "Unit of the figure"),
            (
                "bound",
                "How the source words the figure: exact, about, at_least, more_than, at_most, nearly",
            ),
            ("text_value", "The value, for text-valued predicates"),
            (
                "valid_time",
                "Valid time (for a figure: its reference date), EDTF",
            ),
            (
                "earliest",
                "Earliest possible day, ISO 8601; empty for an open start",
            ),
            (
                "latest",
                "Latest possible day, ISO 8601; empty for an open end",
            ),
            (
                "precision",
                "millennium, century, decade, year, season, month or day",
            ),
            (
                "rank",
                "preferred, normal or deprecated (the latest assessment)",
            ),
            ("note", "The curator's note"),
            ("origin", "Data file the claim was imported from"),
            ("recorded_at", "When this version was recorded (UTC)"),
        ],
    ),
    (
        "current_citation",
        "Citations of current claims: the quote and where it is in the source.",
        &[
            ("claim_id", "The claim cited"),
            ("source", "Source id"),
            (
                "quote",
                "The shortest verbatim phrase that carries the fact",
            ),
            (
                "locator",
                "Lines of the source's text file: line 19, lines 16-17",
            ),
            ("method", "manual or extracted"),
            (
                "credibility",
                "Admiralty credibility: 1 confirmed … 6 cannot be judged",
            ),
        ],
    ),
    (
        "current_resolution",
        "The decision that counts for each conflict: the latest.",
        &[
            (
                "conflict_id",
                "Stable conflict id, as factline conflicts prints it",
            ),
            ("preferred", "Claim preferred"),
            ("deprecated", "Claims deprecated (JSON array)"),
            ("analyst", "Who decided"),
        ],
    ),
    (
        "source",
        "Documents cited, with their Admiralty reliability.",
        &[
            (
                "published",
                "Publication date, EDTF, as precise as the evidence allows",
            ),
            ("reliability", "A completely reliable … F cannot be judged"),
            ("reliability_note", "Why that grade"),
            ("sha256", "Of the text file the locators refer to"),
        ],
    ),
    (
        "entity",
        "Countries, organisations, people, facilities, agreements … that claims are about.",
        &[(
            "kind",
            "country, organisation, person, facility, agreement, …",
        )],
    ),
    (
        "entity_alias",
        "Every name an entity goes by; folded is the lookup key (case, accents and punctuation removed).",
        &[],
    ),
    (
        "predicate",
        "The controlled vocabulary of predicates.",
        &[
            ("value_type", "entity, quantity, text or none"),
            (
                "functional",
                "1 when there is one true value per subject, qualifiers and time",
            ),
            (
                "once",
                "1 for once-only events: two disjoint dates conflict",
            ),
            (
                "max_annual_change",
                "Plausible change per year, as a fraction",
            ),
            (
                "comparable_within_days",
                "Reference times this close are compared",
            ),
        ],
    ),
    (
        "claim",
        "Every version of every claim; retracted_at is set on replaced or removed versions.",
        &[
            (
                "start_day",
                "Earliest possible day as a day number (timeline order)",
            ),
            ("end_day", "Latest possible day as a day number"),
            ("spec", "The claim as curated, canonical JSON"),
        ],
    ),
    (
        "claim_qualifier",
        "Identifying qualifiers of claims: key and entity.",
        &[],
    ),
    (
        "citation",
        "Every citation, including those of retracted claim versions.",
        &[],
    ),
    (
        "assessment",
        "Append-only ranks of claims: preferred, normal, deprecated.",
        &[],
    ),
    ("resolution", "Append-only decisions on conflicts.", &[]),
    (
        "rule",
        "Declared arithmetic between predicates (share = part ÷ whole).",
        &[],
    ),
    (
        "revision",
        "Earlier versions of sources, entities and predicates, as JSON.",
        &[],
    ),
    (
        "claim_text",
        "Full-text index (FTS5) of quotes and notes.",
        &[],
    ),
];

/// Writes metadata for the database file named `database` (its stem is Datasette's name for
/// it): each of `tables` with its description and those of its columns, and the `examples`
/// queries as (name, title, SQL).
pub fn datasette_metadata(
    out: &mut dyn Write,
    database: &str,
    tables: &[Table],
    examples: &[(&str, &str, &str)],
) -> io::Result<()> {
    let mut described = Map::new();
    for table in tables {
        let mut entry = Map::new();
        let doc = DESCRIPTIONS.iter().find(|(name, _, _)| *name == table.name);
        if let Some((_, description, columns)) = doc {
            entry.insert("description".into(), Value::from(*description));
            let columns: Map<String, Value> = table
                .columns
                .iter()
                .filter_map(|c| {
                    columns
                        .iter()
                        .find(|(name, _)| name == c)
                        .map(|(_, d)| (c.clone(), Value::from(*d)))
                })
                .collect();
            if !columns.is_empty() {
                entry.insert("columns".into(), Value::Object(columns));
            }
        }
        described.insert(table.name.clone(), Value::Object(entry));
    }
    let queries: Map<String, Value> = examples
        .iter()
        .map(|(name, title, sql)| ((*name).to_string(), json!({ "title": title, "sql": sql })))
        .collect();
    let doc = json!({
        "title": "factline",
        "description": "Sourced claims with EDTF valid times, citations verified against their sources, and recorded decisions on conflicting figures.",
        "databases": {
            database: {
                "tables": described,
                "queries": queries
            }
        }
    });
    json(out, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_description_names_a_table_and_columns_of_the_schema() {
        let conn = crate::db::open_in_memory().unwrap();
        let tables = crate::db::schema::tables(&conn).unwrap();
        for (name, _, columns) in DESCRIPTIONS {
            let table = tables.iter().find(|t| t.name == *name);
            let table = table.unwrap_or_else(|| panic!("{name} is not in the schema"));
            for (column, _) in *columns {
                assert!(
                    table.columns.iter().any(|c| c == column),
                    "{name}.{column} is not in the schema"
                );
            }
        }
    }
}
