//! Datasette metadata (`datasette factline.db -m metadata.json`): a title, description, licence
//! and sources for the database; a description for every table, view and column; canned
//! queries for the common questions; full-text search on the `claim_search` view; bookkeeping
//! tables hidden.
//!
//! The descriptions come from docs/schema.md, compiled in and parsed here: one text describes
//! the schema to people and to Datasette. Which tables and columns exist comes from the
//! database ([`crate::db::schema`]); a test checks that the document and the schema agree.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::db::schema::Canned;
use crate::model::{Source, Table};
use crate::output::json;

/// The schema document, as written in docs/schema.md.
pub const SCHEMA_DOC: &str = include_str!("../../docs/schema.md");

/// A table or view as docs/schema.md describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTable {
    pub name: String,
    pub description: String,
    /// (column, meaning), in the document's order.
    pub columns: Vec<(String, String)>,
}

/// The tables and views docs/schema.md describes: each `### `name`` heading, the paragraph
/// under it, and the rows of the column table after it.
pub fn schema_doc() -> Vec<DocTable> {
    parse_schema_doc(SCHEMA_DOC)
}

fn parse_schema_doc(text: &str) -> Vec<DocTable> {
    let mut tables: Vec<DocTable> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix("### ") {
            tables.push(DocTable {
                name: heading.trim().trim_matches('`').to_string(),
                description: String::new(),
                columns: Vec::new(),
            });
            continue;
        }
        if line.starts_with("## ") {
            // A section heading ends the table before it.
            tables.push(DocTable {
                name: String::new(),
                description: String::new(),
                columns: Vec::new(),
            });
            continue;
        }
        let Some(table) = tables.last_mut().filter(|t| !t.name.is_empty()) else {
            continue;
        };
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            if let [name, meaning] = cells[..]
                && name.starts_with('`')
            {
                table
                    .columns
                    .push((name.trim_matches('`').to_string(), meaning.to_string()));
            }
        } else if !line.is_empty() && table.columns.is_empty() {
            if !table.description.is_empty() {
                table.description.push(' ');
            }
            table.description.push_str(line);
        }
    }
    tables.retain(|t| !t.name.is_empty());
    tables
}

/// Tables a reader has no use for: the migration history and the full-text index's own.
fn hidden(name: &str) -> bool {
    name == "refinery_schema_history" || name.starts_with("claim_text_")
}

/// Writes metadata for the database file named `database` (its stem is Datasette's name for
/// it): `tables` (every table and view, from the schema) with their descriptions from
/// docs/schema.md, `hidden_tables` marked hidden, `sources` for the licence and source lines,
/// and the canned queries (`db::schema::CANNED`).
pub fn datasette_metadata(
    out: &mut dyn Write,
    database: &str,
    tables: &[Table],
    hidden_tables: &[String],
    sources: &[Source],
    canned: &[Canned],
) -> io::Result<()> {
    let doc = schema_doc();
    let mut described = Map::new();
    for table in tables {
        let mut entry = Map::new();
        if let Some(d) = doc.iter().find(|d| d.name == table.name) {
            entry.insert("description".into(), Value::from(d.description.as_str()));
            let columns: Map<String, Value> = table
                .columns
                .iter()
                .filter_map(|c| {
                    d.columns
                        .iter()
                        .find(|(name, _)| name == c)
                        .map(|(_, meaning)| (c.clone(), Value::from(meaning.as_str())))
                })
                .collect();
            entry.insert("columns".into(), Value::Object(columns));
        }
        if table.name == "claim_search" {
            entry.insert("fts_table".into(), Value::from("claim_text"));
            entry.insert("fts_pk".into(), Value::from("text_id"));
        }
        described.insert(table.name.clone(), Value::Object(entry));
    }
    for name in hidden_tables.iter().filter(|n| hidden(n)) {
        described.insert(name.clone(), json!({ "hidden": true }));
    }
    let queries: Map<String, Value> = canned
        .iter()
        .map(|(name, title, sql)| ((*name).to_string(), json!({ "title": title, "sql": sql })))
        .collect();
    let mut licences: Vec<&str> = sources
        .iter()
        .filter_map(|s| s.licence.as_deref())
        .collect();
    licences.sort_unstable();
    licences.dedup();
    let unstated = sources.iter().filter(|s| s.licence.is_none()).count();
    let mut licence = if licences.is_empty() {
        "No licence recorded".to_string()
    } else {
        format!("Each source under its own licence: {}", licences.join("; "))
    };
    if unstated > 0 && !licences.is_empty() {
        licence.push_str(&format!("; {unstated} without a licence recorded"));
    }
    licence.push_str(" (the licence column of the source table)");
    let titles: Vec<&str> = sources.iter().map(|s| s.title.as_str()).take(12).collect();
    let mut source = format!(
        "{}: {}",
        crate::words::plural(sources.len(), "source", "sources"),
        titles.join("; ")
    );
    if sources.len() > titles.len() {
        source.push_str(&format!(" and {} more", sources.len() - titles.len()));
    }
    let doc = json!({
        "title": "factline",
        "description": "Sourced claims with EDTF valid times, citations verified against their sources, and recorded decisions on conflicting figures. Start with the views claim_overview (a claim a row) and claim_evidence (a citation a row, with the source's title and grade); search claim_search.",
        "license": licence,
        "source": source,
        "databases": {
            database: {
                "description": "The factline fact store: every table and view is described in docs/schema.md.",
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
    fn the_schema_document_describes_exactly_the_schema() {
        let conn = crate::db::open_in_memory().unwrap();
        let tables = crate::db::schema::tables(&conn).unwrap();
        let doc = schema_doc();
        for table in &tables {
            let d = doc.iter().find(|d| d.name == table.name);
            let d = d.unwrap_or_else(|| panic!("docs/schema.md lacks {}", table.name));
            assert!(!d.description.is_empty(), "{} has no description", d.name);
            let documented: Vec<&str> = d.columns.iter().map(|(c, _)| c.as_str()).collect();
            assert_eq!(documented, table.columns, "columns of {}", table.name);
        }
        for d in &doc {
            assert!(
                tables.iter().any(|t| t.name == d.name),
                "docs/schema.md describes {}, which the schema lacks",
                d.name
            );
        }
    }

    #[test]
    fn the_parser_reads_headings_paragraphs_and_column_rows() {
        let text = "# Title\n\nIntro.\n\n## Views\n\n### `a`\n\nFirst line\nsecond line.\n\n\
                    | Column | Meaning |\n| --- | --- |\n| `x` | The x |\n| `y` | The y |\n\n\
                    ## Tables\n\nNot a description.\n\n### `b`\n\nB.\n";
        assert_eq!(
            parse_schema_doc(text),
            [
                DocTable {
                    name: "a".into(),
                    description: "First line second line.".into(),
                    columns: vec![("x".into(), "The x".into()), ("y".into(), "The y".into())],
                },
                DocTable {
                    name: "b".into(),
                    description: "B.".into(),
                    columns: vec![],
                },
            ]
        );
    }
}
