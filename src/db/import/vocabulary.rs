//! Writing sources, entities and predicates as planned: added, or updated in place with their
//! previous wording kept in `revision`, entities with their names and their place.

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use super::{Change, Plan};
use crate::data::{Dataset, Located};
use crate::db::query;
use crate::model::Entity;
use crate::text::fold;

/// Writes the planned changes to sources, entities and predicates.
pub(super) fn write_vocabulary(
    tx: &Connection,
    dataset: &Dataset,
    plan: &Plan,
    now: &str,
) -> Result<()> {
    for (s, change) in dataset.sources.iter().zip(&plan.sources) {
        let item = &s.item;
        let values = params![
            item.id,
            item.title,
            item.author,
            item.publisher,
            item.published,
            item.url,
            item.kind,
            item.language,
            item.reliability,
            item.reliability_note,
            item.licence,
            item.file,
            item.sha256,
            item.note,
            s.file,
            now,
            item.basis.map(|b| b.as_str()),
            item.tolerance
        ];
        match change {
            Change::Unchanged => {}
            Change::Update => {
                keep_revision(tx, "source", &item.id, now)?;
                tx.prepare_cached(
                    "UPDATE source SET title = ?2, author = ?3, publisher = ?4, published = ?5,
                       url = ?6, kind = ?7, language = ?8, reliability = ?9,
                       reliability_note = ?10, licence = ?11, file = ?12, sha256 = ?13,
                       note = ?14, origin = ?15, recorded_at = ?16, retracted_at = NULL,
                       basis = ?17, tolerance = ?18
                     WHERE id = ?1",
                )?
                .execute(values)?;
            }
            Change::Add => {
                tx.prepare_cached(
                    "INSERT INTO source (id, title, author, publisher, published, url, kind,
                       language, reliability, reliability_note, licence, file, sha256, note,
                       origin, recorded_at, basis, tolerance)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                             ?17, ?18)",
                )?
                .execute(values)
                .with_context(|| format!("while adding source `{}`", item.id))?;
            }
        }
    }
    for (e, change) in dataset.entities.iter().zip(&plan.entities) {
        write_entity(tx, e, *change, now)?;
        if *change != Change::Unchanged {
            write_place(tx, &e.item.id, dataset.places.get(&e.item.id))?;
        }
    }
    for (p, change) in dataset.predicates.iter().zip(&plan.predicates) {
        let item = &p.item;
        let cues = serde_json::to_string(&item.cues)?;
        let values = params![
            item.id,
            item.label,
            item.value_type.as_str(),
            item.unit,
            item.functional,
            item.max_annual_change,
            item.comparable_within_days,
            item.template,
            item.description,
            p.file,
            now,
            item.once,
            item.typical_annual_change,
            item.change_unit.as_str(),
            cues,
            item.state_change.as_ref().map(|c| c.state_of.as_str()),
            item.state_change.as_ref().map(|c| c.change.as_str())
        ];
        match change {
            Change::Unchanged => {}
            Change::Update => {
                keep_revision(tx, "predicate", &item.id, now)?;
                tx.prepare_cached(
                    "UPDATE predicate SET label = ?2, value_type = ?3, unit = ?4,
                       functional = ?5, max_annual_change = ?6, comparable_within_days = ?7,
                       template = ?8, description = ?9, origin = ?10, recorded_at = ?11,
                       once = ?12, typical_annual_change = ?13, change_unit = ?14,
                       cues = ?15, state_of = ?16, state_change = ?17, retracted_at = NULL
                     WHERE id = ?1",
                )?
                .execute(values)?;
            }
            Change::Add => {
                tx.prepare_cached(
                    "INSERT INTO predicate (id, label, value_type, unit, functional,
                       max_annual_change, comparable_within_days, template, description,
                       origin, recorded_at, once, typical_annual_change, change_unit, cues,
                       state_of, state_change)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                       ?16, ?17)",
                )?
                .execute(values)
                .with_context(|| format!("while adding predicate `{}`", item.id))?;
            }
        }
    }
    Ok(())
}

/// Writes one entity as planned (`Update` keeps its previous version in `revision`), with its
/// names in the alias index.
pub(super) fn write_entity(
    tx: &Connection,
    e: &Located<Entity>,
    change: Change,
    now: &str,
) -> Result<()> {
    let item = &e.item;
    match change {
        Change::Unchanged => return Ok(()),
        Change::Update => {
            keep_revision(tx, "entity", &item.id, now)?;
            tx.prepare_cached(
                "UPDATE entity SET name = ?2, kind = ?3, note = ?4, origin = ?5,
                   recorded_at = ?6, retracted_at = NULL WHERE id = ?1",
            )?
            .execute(params![
                item.id, item.name, item.kind, item.note, e.file, now
            ])?;
            // Aliases are a lookup index of the current names; history is in `revision`.
            tx.prepare_cached("DELETE FROM entity_alias WHERE entity_id = ?1")?
                .execute([&item.id])?;
        }
        Change::Add => {
            tx.prepare_cached(
                "INSERT INTO entity (id, name, kind, note, origin, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                item.id, item.name, item.kind, item.note, e.file, now
            ])
            .with_context(|| format!("while adding entity `{}`", item.id))?;
        }
    }
    let mut alias = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_alias (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
    )?;
    let names = [&item.id, &item.name].into_iter().chain(&item.aliases);
    for name in names {
        alias.execute(params![item.id, name, fold(name)])?;
    }
    Ok(())
}

/// Records where an entity lies (`located_in`), replacing what was recorded.
fn write_place(tx: &Connection, id: &str, located_in: Option<&String>) -> Result<()> {
    tx.prepare_cached("DELETE FROM entity_place WHERE entity_id = ?1")?
        .execute([id])?;
    if let Some(within) = located_in {
        tx.prepare_cached("INSERT INTO entity_place (entity_id, located_in) VALUES (?1, ?2)")?
            .execute([id, within])
            .with_context(|| format!("while recording where entity `{id}` lies"))?;
    }
    Ok(())
}

fn keep_revision(tx: &Connection, table: &str, id: &str, now: &str) -> Result<()> {
    let previous = match table {
        "source" => query::source(tx, id)?.map(|(s, _)| serde_json::to_string(&s)),
        "entity" => query::entity(tx, id)?.map(|(e, _)| serde_json::to_string(&e)),
        _ => query::predicate(tx, id)?.map(|(p, _)| serde_json::to_string(&p)),
    };
    if let Some(previous) = previous {
        tx.prepare_cached(
            "INSERT INTO revision (table_name, item_id, previous, replaced_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![table, id, previous?, now])?;
    }
    Ok(())
}
