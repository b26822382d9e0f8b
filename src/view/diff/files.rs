//! What differs between two database files (an analyst's copy and a colleague's, last month's
//! release and this one's): their current claims side by side in id order, their vocabularies,
//! their conflicts and the decisions one holds that the other does not.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::{ClaimChange, Compared, ConflictState, Diff, ItemChange, Options};
use crate::db::history::{self, END_OF_TIME};
use crate::db::query;
use crate::view::Vocabulary;

/// Compares the current state of `before` with that of `after`, named `names` in the output.
pub fn diff_files(
    before: &Connection,
    after: &Connection,
    names: (&str, &str),
    reports: Option<(&[ConflictState], &[ConflictState])>,
    options: &Options,
) -> Result<Diff> {
    let vocab_before = Vocabulary::read(before)?;
    let vocab_after = Vocabulary::read(after)?;
    let mut claims = Vec::new();
    history::current_claims_side_by_side(before, after, &mut |old, new| {
        let (kind, shown, fields) = match (&old, &new) {
            (Some(o), None) => ("retracted", o, Vec::new()),
            (None, Some(n)) => ("added", n, Vec::new()),
            (Some(o), Some(n)) if o.claim != n.claim => {
                let changed = super::claim_changes(&o.claim, &n.claim, &vocab_before, &vocab_after);
                ("changed", n, changed)
            }
            _ => return Ok(()),
        };
        let kept =
            options.keeps(&shown.claim) || old.as_ref().is_some_and(|o| options.keeps(&o.claim));
        if !kept {
            return Ok(());
        }
        let vocabulary = if kind == "retracted" {
            &vocab_before
        } else {
            &vocab_after
        };
        // Files hold no time of retraction: a claim only `before` holds is dated by nothing.
        let at = if kind == "retracted" {
            String::new()
        } else {
            shown.recorded_at.clone()
        };
        claims.push(ClaimChange::of(kind, shown, at, fields, vocabulary));
        Ok(())
    })?;

    let mut vocabulary = Vec::new();
    compare_items(
        "source",
        &by_id(query::sources(before)?.into_values(), |s| s.id.clone()),
        &by_id(query::sources(after)?.into_values(), |s| s.id.clone()),
        &options.sources,
        options.filtered(),
        &mut vocabulary,
    );
    compare_items(
        "entity",
        &by_id(query::entities(before)?, |e| e.id.clone()),
        &by_id(query::entities(after)?, |e| e.id.clone()),
        &options.entities,
        options.filtered(),
        &mut vocabulary,
    );
    compare_items(
        "predicate",
        &by_id(query::predicates(before)?, |p| p.id.clone()),
        &by_id(query::predicates(after)?, |p| p.id.clone()),
        &options.predicates,
        options.filtered(),
        &mut vocabulary,
    );

    // Decisions `after` holds that `before` does not (both are append-only).
    let known: BTreeSet<(String, String, String)> = query::resolutions(before)?
        .into_iter()
        .map(|r| (r.conflict, r.recorded_at, r.by))
        .collect();
    let decisions = query::resolutions(after)?
        .into_iter()
        .filter(|r| !known.contains(&(r.conflict.clone(), r.recorded_at.clone(), r.by.clone())))
        .collect();
    let ranked: BTreeSet<(String, String, String)> =
        history::assessments(before, None, "", END_OF_TIME)?
            .into_iter()
            .map(|a| (a.claim, a.recorded_at, a.by))
            .collect();
    let assessments = history::assessments(after, None, "", END_OF_TIME)?
        .into_iter()
        .filter(|a| !ranked.contains(&(a.claim.clone(), a.recorded_at.clone(), a.by.clone())))
        .collect();

    let (conflicts, kept_conflicts) = super::conflict_changes(reports, options);
    Ok(super::assemble(
        Compared {
            words: format!("{} and {}", names.0, names.1),
            since: "",
            until: "",
        },
        claims,
        vocabulary,
        (conflicts, kept_conflicts),
        (decisions, assessments),
        options,
        &vocab_after,
    ))
}

fn by_id<T: Serialize>(
    items: impl IntoIterator<Item = T>,
    id: impl Fn(&T) -> String,
) -> BTreeMap<String, serde_json::Value> {
    items
        .into_iter()
        .map(|item| (id(&item), serde_json::to_value(&item).unwrap_or_default()))
        .collect()
}

/// Items of one table added, retracted or changed (field by field) from `old` to `new`.
fn compare_items(
    table: &str,
    old: &BTreeMap<String, serde_json::Value>,
    new: &BTreeMap<String, serde_json::Value>,
    wanted: &[String],
    filtered: bool,
    out: &mut Vec<ItemChange>,
) {
    let keep = |id: &str| !filtered || wanted.iter().any(|w| w == id);
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids.into_iter().filter(|id| keep(id)) {
        let (change, fields) = match (old.get(id), new.get(id)) {
            (None, Some(_)) => ("added", Vec::new()),
            (Some(_), None) => ("retracted", Vec::new()),
            (Some(serde_json::Value::Object(a)), Some(serde_json::Value::Object(b))) => {
                let fields = super::json_fields(a, b);
                if fields.is_empty() {
                    continue;
                }
                ("changed", fields)
            }
            _ => continue,
        };
        out.push(ItemChange {
            record: table.to_string(),
            id: id.clone(),
            change,
            fields,
        });
    }
}
