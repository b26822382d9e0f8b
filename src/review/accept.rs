//! Accepting queued candidates: the analyst's edits checked against the vocabulary and the
//! text (subject, predicate, value or object, qualifiers, time, a quote kept verbatim), the
//! entities adopted with the claim, and the one write through [`DataWriter`] that puts the
//! claims (and the new entities) into the data files, imports them and records the decisions.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use rusqlite::Connection;

use super::session::Edit;
use super::{Accepted, Suggested, parse_quantity, suggested, value_of};
use crate::datafiles::{Change, DataWriter};
use crate::db::review::{Decision, Queued};
use crate::model::{ENTITY_KINDS, Entity, Value, ValueType};
use crate::text::names::{fold, is_slug, nearest};

/// Where accepted claims (and adopted entities) go, and how they are cited.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The claims file (default: `data/claims/SOURCE.toml` below the data root, a file per
    /// source; `data/claims/extracted.toml` for a candidate without one).
    pub to: Option<PathBuf>,
    /// The entities file adopted entities go into (default `data/entities.toml`).
    pub entities: Option<PathBuf>,
    /// The data folder, for a database that records none.
    pub data: Option<PathBuf>,
    /// The citation's curator and the queue's decider.
    pub by: Option<String>,
    pub credibility: u8,
}

/// Where adopted entities go by default, below the data root.
pub const ENTITIES: &str = "data/entities.toml";

/// What accepting did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub struct Outcome {
    /// The claims as TOML, one block each, in the order accepted.
    pub blocks: Vec<String>,
    /// The adopted entities as TOML.
    pub entities: Vec<String>,
    /// What to tell the analyst, a line each.
    pub said: Vec<String>,
}

/// Rejects the pending candidates `ids` for `reason` (said by `by`), or, in a dry run, only
/// checks that each is pending; returns the ids. An empty reason, an unknown id or a candidate
/// already decided is refused before anything is recorded.
pub fn reject(
    conn: &Connection,
    ids: &[String],
    reason: &str,
    by: &str,
    dry_run: bool,
) -> Result<Vec<String>> {
    let reason = reason.trim();
    if reason.is_empty() {
        bail!("say why the candidate is rejected (\"wrong subject\", \"not a fact\" …)");
    }
    let mut decisions = Vec::new();
    for id in ids {
        let q = find(conn, id)?;
        pending(&q)?;
        decisions.push((
            q.item.id.clone(),
            Decision::Rejected {
                reason: reason.to_string(),
            },
        ));
    }
    if !dry_run {
        crate::db::review::decide(conn, &decisions, by, &crate::time::now())?;
    }
    Ok(decisions.into_iter().map(|(id, _)| id).collect())
}

/// A queued candidate by id, or an error that names the nearest ids.
pub fn find(conn: &Connection, id: &str) -> Result<Queued> {
    if let Some(q) = crate::db::review::get(conn, id)? {
        return Ok(q);
    }
    let prefix: String = id.chars().take(5).collect();
    let near = crate::db::review::ids_like(conn, &prefix, 5)?;
    let hint = if near.is_empty() {
        "`factline review list --status all` shows the queue".to_string()
    } else {
        format!("ids that start alike: {}", near.join(", "))
    };
    bail!("no candidate {id} in the review queue; {hint}")
}

/// An error unless the candidate is still pending.
pub fn pending(q: &Queued) -> Result<()> {
    match q.status.as_str() {
        "pending" => Ok(()),
        "accepted" => bail!(
            "candidate {} was already accepted as claim {}",
            q.item.id,
            q.claim_id.as_deref().unwrap_or("?")
        ),
        _ => bail!(
            "candidate {} was rejected ({}); it stays rejected",
            q.item.id,
            q.reason.as_deref().unwrap_or("no reason")
        ),
    }
}

/// A name the candidate's text gives that matches no entity (`new: true` in `extract`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewMention {
    pub id: String,
    pub text: String,
}

/// The `new` mentions stored with a queued candidate.
pub fn new_mentions(q: &Queued) -> Vec<NewMention> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&q.item.candidate) else {
        return Vec::new();
    };
    let list = json.get("entities").and_then(|e| e.as_array());
    list.into_iter()
        .flatten()
        .filter(|m| m.get("new").and_then(|n| n.as_bool()) == Some(true))
        .filter_map(|m| {
            Some(NewMention {
                id: m.get("id")?.as_str()?.to_string(),
                text: m.get("text")?.as_str()?.to_string(),
            })
        })
        .collect()
}

/// The id a new name is given: its words folded and joined by hyphens (as `extract` proposes).
pub fn slug_of(name: &str) -> String {
    fold(name).replace(' ', "-")
}

/// Resolves names to entity ids: the database's, then the entities adopted with the claim.
pub struct Names<'a> {
    conn: &'a Connection,
    adopted: &'a [Entity],
}

impl<'a> Names<'a> {
    pub fn new(conn: &'a Connection, adopted: &'a [Entity]) -> Names<'a> {
        Names { conn, adopted }
    }

    /// The entity `name` (an id or any name) stands for, or an error that says what would do.
    pub fn resolve(&self, name: &str, flag: &str) -> Result<String> {
        let ids = crate::db::resolve_entity(self.conn, name)?;
        match ids.as_slice() {
            [one] => return Ok(one.clone()),
            [] => {}
            many => bail!(
                "{flag} {name}: several entities go by that name ({}); give the id",
                many.join(", ")
            ),
        }
        let folded = fold(name);
        if let Some(e) = self.adopted.iter().find(|e| {
            e.id == name.trim()
                || fold(&e.name) == folded
                || e.aliases.iter().any(|a| fold(a) == folded)
        }) {
            return Ok(e.id.clone());
        }
        bail!(
            "{flag} {name}: no entity goes by that name; create it with the claim: --adopt \
             \"{}=KIND\" (KIND one of {}), or `factline show NAME` finds an existing one",
            name.trim(),
            ENTITY_KINDS.join(", ")
        )
    }

    /// True when `id` is an entity of the database or adopted.
    pub fn known(&self, id: &str) -> Result<bool> {
        Ok(self.adopted.iter().any(|e| e.id == id)
            || crate::db::resolve_entity(self.conn, id)?
                .iter()
                .any(|x| x == id))
    }
}

/// The entities `--adopt NAME=KIND` (with `--alias NAME=ALIAS`) creates with the claim of `q`;
/// every problem is added to `problems`.
fn adopted(conn: &Connection, q: &Queued, edit: &Edit, problems: &mut Vec<String>) -> Vec<Entity> {
    let mentions = new_mentions(q);
    let mut out: Vec<Entity> = Vec::new();
    for spec in &edit.adopt {
        let Some((name, kind)) = spec.split_once('=').map(|(n, k)| (n.trim(), k.trim())) else {
            problems.push(format!(
                "--adopt {spec}: give NAME=KIND, such as \"Belarus=country\""
            ));
            continue;
        };
        if !ENTITY_KINDS.contains(&kind) {
            let hint = nearest(kind, ENTITY_KINDS.iter().copied())
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            problems.push(format!(
                "--adopt {spec}: `{kind}` is not an entity kind; {hint}kinds are {}",
                ENTITY_KINDS.join(", ")
            ));
            continue;
        }
        match crate::db::resolve_entity(conn, name) {
            Ok(ids) if !ids.is_empty() => {
                problems.push(format!(
                    "--adopt {spec}: {name} is already an entity ({}); name it as it is, \
                     without --adopt",
                    ids.join(", ")
                ));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                problems.push(format!("--adopt {spec}: {e:#}"));
                continue;
            }
        }
        let id = mentions
            .iter()
            .find(|m| fold(&m.text) == fold(name) || m.id == name)
            .map_or_else(|| slug_of(name), |m| m.id.clone());
        if !is_slug(&id) || id.len() > crate::data::MAX_ID_CHARS {
            problems.push(format!(
                "--adopt {spec}: `{name}` gives no usable id; name it with letters or digits"
            ));
            continue;
        }
        if out.iter().any(|e| e.id == id) {
            continue;
        }
        out.push(Entity {
            id,
            name: name.to_string(),
            kind: kind.to_string(),
            aliases: Vec::new(),
            note: None,
        });
    }
    for spec in &edit.aliases {
        let Some((name, alias)) = spec.split_once('=').map(|(n, a)| (n.trim(), a.trim())) else {
            problems.push(format!(
                "--alias {spec}: give NAME=ALIAS, such as \"Belarus=Republic of Belarus\""
            ));
            continue;
        };
        match out
            .iter_mut()
            .find(|e| fold(&e.name) == fold(name) || e.id == name)
        {
            Some(e) if !fold(alias).is_empty() => e.aliases.push(alias.to_string()),
            Some(_) => problems.push(format!("--alias {spec}: the alias has no letter or digit")),
            None => problems.push(format!(
                "--alias {spec}: {name} is not adopted here; aliases name entities created with \
                 --adopt (add one to an existing entity in its data file)"
            )),
        }
    }
    out
}

/// A candidate's claim as accepted: the suggestion with the analyst's edits, each checked,
/// and what goes with it.
pub struct Edited {
    pub suggested: Suggested,
    pub value: Value,
    pub rule: String,
    /// The quote and locator, when the analyst gave a new quote.
    pub quote: Option<(String, String)>,
    pub adopted: Vec<Entity>,
}

/// The accepted claim's parts: the suggestion with the analyst's edits, each checked against
/// the vocabulary (and a new quote against the text). Every problem is reported at once.
pub fn edited(conn: &Connection, q: &Queued, edit: &Edit) -> Result<Edited> {
    let (mut sug, rule) = suggested(q)?;
    let mut problems = Vec::new();
    let adopted = adopted(conn, q, edit, &mut problems);
    let names = Names::new(conn, &adopted);
    let mut note = |r: Result<()>| {
        if let Err(e) = r {
            problems.push(format!("{e:#}"));
        }
    };
    if let Some(s) = &edit.subject {
        note(names.resolve(s, "--subject").map(|id| sug.subject = id));
    }
    let changed_predicate = edit.predicate.as_ref().is_some_and(|p| *p != sug.predicate);
    if let Some(p) = &edit.predicate {
        sug.predicate = p.trim().to_string();
    }
    let mut keys = std::collections::HashSet::new();
    for spec in &edit.qualifiers {
        note(qualifier(&names, &mut sug.qualifiers, spec, &mut keys));
    }
    if let Some(when) = &edit.when {
        note(
            crate::time::When::parse(when)
                .map(|_| sug.when = Some(when.trim().to_string()))
                .map_err(|e| {
                    anyhow!(
                        "--when {when}: {e}; give an EDTF date such as 2011, 2011-07-20, \
                         2009/2011 or ../2032"
                    )
                }),
        );
    }
    let quote = match &edit.quote {
        Some(text) => match super::text::requote(q, text) {
            Ok(found) => Some(found),
            Err(e) => {
                problems.push(format!("{e:#}"));
                None
            }
        },
        None => None,
    };
    let value = match crate::db::query::predicate(conn, &sug.predicate)? {
        None => {
            let ids: Vec<String> = crate::db::query::predicates(conn)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            let hint = nearest(&sug.predicate, ids.iter().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            problems.push(format!(
                "--predicate {}: no such predicate{hint}",
                sug.predicate
            ));
            None
        }
        Some((predicate, _)) => {
            match typed_value(&names, &sug, &predicate, edit, changed_predicate) {
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(format!("{e:#}"));
                    None
                }
            }
        }
    };
    // Every entity the claim names must exist once it is written (a name `review add` kept
    // for adoption, a `new` mention).
    let mut named: Vec<(&str, String)> = vec![("subject", sug.subject.clone())];
    if let Some(Value::Entity { entity }) = &value {
        named.push(("object", entity.clone()));
    }
    for (key, ids) in &sug.qualifiers {
        named.extend(ids.iter().map(|id| ("qualifier", format!("{key}={id}"))));
    }
    for (role, shown) in named {
        let id = shown.split_once('=').map_or(shown.as_str(), |(_, id)| id);
        if !names.known(id)? {
            let text = new_mentions(q)
                .into_iter()
                .find(|m| m.id == id)
                .map_or_else(|| id.to_string(), |m| m.text);
            problems.push(format!(
                "the {role} `{shown}` is no entity yet: create it with --adopt \"{text}=KIND\" \
                 (KIND one of {}), or name a known entity instead",
                ENTITY_KINDS.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    let value = value.ok_or_else(|| anyhow!("no value"))?;
    sug.value = serde_json::to_value(&value)?;
    Ok(Edited {
        suggested: sug,
        value,
        rule,
        quote,
        adopted,
    })
}

/// Applies one `--qualifier KEY=NAME` to `qualifiers`: the first edit of a key replaces its
/// entities, later ones add to them; `KEY=` drops the key.
fn qualifier(
    names: &Names,
    qualifiers: &mut BTreeMap<String, Vec<String>>,
    spec: &str,
    seen: &mut std::collections::HashSet<String>,
) -> Result<()> {
    let Some((key, name)) = spec.split_once('=').map(|(k, n)| (k.trim(), n.trim())) else {
        bail!(
            "--qualifier {spec}: give KEY=ENTITY, such as \"country=kazakhstan\" (KEY= drops it)"
        );
    };
    if !is_slug(key) {
        bail!("--qualifier {spec}: `{key}` is not a qualifier key (lower-case letters, digits, _)");
    }
    let first = seen.insert(key.to_string());
    if name.is_empty() {
        qualifiers.remove(key);
        return Ok(());
    }
    let id = names.resolve(name, &format!("--qualifier {key}="))?;
    let entry = qualifiers.entry(key.to_string()).or_default();
    if first {
        entry.clear();
    }
    if !entry.contains(&id) {
        entry.push(id);
    }
    Ok(())
}

/// The claim's value: the analyst's (`--value`, `--object`) typed as the predicate takes it,
/// or the suggestion's when its type fits.
fn typed_value(
    names: &Names,
    sug: &Suggested,
    predicate: &crate::model::Predicate,
    edit: &Edit,
    changed_predicate: bool,
) -> Result<Value> {
    if let Some(text) = &edit.value {
        return Ok(match predicate.value_type {
            ValueType::Quantity => {
                let unit = predicate.unit.clone().unwrap_or_default();
                Value::Quantity(parse_quantity(text, &unit).with_context(|| {
                    format!(
                        "--value {text}: not a figure; give one such as 16300000, \"16.3 million\" \
                         or \"nearly 22%\""
                    )
                })?)
            }
            ValueType::Entity => Value::Entity {
                entity: names.resolve(text, "--value")?,
            },
            ValueType::Text => Value::Text {
                text: text.trim().to_string(),
            },
            ValueType::None => bail!(
                "--value: predicate `{}` takes no value; leave --value out",
                predicate.id
            ),
        });
    }
    let v = value_of(&sug.value)?;
    if v.value_type() == predicate.value_type {
        return Ok(v);
    }
    if (changed_predicate || v == Value::None) && predicate.value_type == ValueType::None {
        return Ok(Value::None);
    }
    bail!(
        "predicate `{}` takes {} values, the suggestion has {}; give --value",
        predicate.id,
        predicate.value_type.as_str(),
        match v {
            Value::None => "none".to_string(),
            other => format!("a {} value", other.value_type().as_str()),
        }
    )
}

/// The entities as `[[entity]]` tables.
fn entities_toml(entities: &[Entity]) -> Result<String> {
    #[derive(serde::Serialize)]
    struct File<'a> {
        entity: &'a [Entity],
    }
    Ok(toml::to_string(&File { entity: entities })?)
}

/// How an accept runs: for real or as a dry run, what is called while another writer holds
/// the lock, and how a claim is written as TOML (the output layer's writer).
pub struct How<'a> {
    pub dry_run: bool,
    pub waiting: &'a dyn Fn(&Path),
    pub toml: &'a dyn Fn(&crate::model::Claim) -> Result<String>,
}

/// Accepts the chosen candidates: their claims go into the target file in id order, the
/// entities they adopt into the entities file, both are imported, and the queue records the
/// decisions, as one unit through the data-file writer: under the database's write lock, all
/// or nothing, even if the run is killed. Everything is checked first; on any problem nothing
/// changes. A dry run checks and returns the TOML it would write.
pub fn accept(
    db_path: &Path,
    conn: &Connection,
    chosen: &[(Queued, Edit)],
    target: &Target,
    how: &How<'_>,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    if chosen.is_empty() {
        return Ok(out);
    }
    let mut claims = Vec::with_capacity(chosen.len());
    let mut adopted: Vec<Entity> = Vec::new();
    let mut published: HashMap<String, Option<String>> = HashMap::new();
    for (q, edit) in chosen {
        pending(q)?;
        let e = edited(conn, q, edit)
            .with_context(|| format!("while accepting candidate {}", q.item.id))?;
        let source = q.item.source.clone().unwrap_or_default();
        if !published.contains_key(&source) {
            let date = crate::db::query::source(conn, &source)?.and_then(|(s, _)| s.published);
            published.insert(source.clone(), date);
        }
        let accepted = Accepted {
            queued: q,
            suggested: e.suggested,
            value: e.value,
            rule: e.rule,
            by: target.by.clone(),
            credibility: target.credibility,
            dated_by_analyst: edit.when.is_some(),
            quote: e.quote,
            published: published.get(&source).cloned().flatten(),
        };
        let (claim, said) = accepted.claim()?;
        out.said.extend(said);
        claims.push(claim);
        for entity in e.adopted {
            if !adopted.iter().any(|a| a.id == entity.id) {
                adopted.push(entity);
            }
        }
    }
    let mut blocks = Vec::with_capacity(claims.len());
    for c in &claims {
        let text = (how.toml)(c).context("while writing the claims as TOML")?;
        blocks.push((c.id.clone(), text));
    }
    out.blocks = blocks.iter().map(|(_, t)| t.clone()).collect();
    let entity_text = if adopted.is_empty() {
        None
    } else {
        Some(entities_toml(&adopted)?)
    };
    out.entities.extend(entity_text.clone());
    if how.dry_run {
        return Ok(out);
    }
    let (writer, said) = DataWriter::open(db_path, target.data.as_deref(), how.waiting)?;
    out.said.extend(said);
    // Under the lock: a candidate another run accepted meanwhile is not accepted twice.
    for (q, _) in chosen {
        let now = crate::db::review::get(writer.conn(), &q.item.id)?
            .with_context(|| format!("candidate {} left the review queue", q.item.id))?;
        pending(&now)?;
    }
    // Without --to, a claims file per source (`data/claims/SOURCE.toml`): two analysts adding
    // claims from different articles on two branches touch different files (docs/team.md).
    let mut by_file: BTreeMap<PathBuf, Vec<(String, String)>> = BTreeMap::new();
    for (((q, _), _), block) in chosen.iter().zip(&claims).zip(blocks) {
        let path = match (&target.to, q.item.source.as_deref()) {
            (Some(to), _) => to.clone(),
            (None, Some(source)) if crate::text::names::is_slug(source) => {
                writer.below_root(&format!("data/claims/{source}.toml"))?
            }
            (None, _) => writer.below_root(crate::datafiles::EXTRACTED)?,
        };
        by_file.entry(path).or_default().push(block);
    }
    let mut changes: Vec<Change> = Vec::with_capacity(by_file.len() + 1);
    for (path, blocks) in &by_file {
        let (file, _) = writer.target(path, "--to")?;
        let before = writer.read(&file)?.unwrap_or_else(|| {
            "# Claims accepted from extracted candidates (`factline review`).\n\n".to_string()
        });
        let after = crate::datafiles::insert_claims(&before, blocks);
        changes.push(writer.change(path, "--to", after)?);
    }
    if let Some(text) = &entity_text {
        let path = match &target.entities {
            Some(p) => p.clone(),
            None => writer.below_root(ENTITIES)?,
        };
        let (file, _) = writer.target(&path, "--entities")?;
        let before = writer.read(&file)?.unwrap_or_default();
        changes.push(writer.change(&path, "--entities", append(&before, text))?);
    }
    let shown: Vec<String> = changes.iter().map(|c| c.origin.clone()).collect();
    let decisions: Vec<(String, Decision)> = chosen
        .iter()
        .zip(&claims)
        .map(|((q, _), c)| {
            (
                q.item.id.clone(),
                Decision::Accepted {
                    claim_id: c.id.clone(),
                },
            )
        })
        .collect();
    let by = target.by.clone().unwrap_or_default();
    writer
        .commit(&changes, |tx| {
            crate::db::review::decide(tx, &decisions, &by, &crate::time::now())
        })
        .with_context(|| {
            format!(
                "while accepting into {}; nothing was changed",
                shown.join(" and ")
            )
        })?;
    for c in &claims {
        out.said
            .push(format!("accepted as claim {} (in {})", c.id, shown[0]));
    }
    for e in &adopted {
        out.said.push(format!(
            "created entity {} ({}, {}) in {}",
            e.id,
            e.name,
            e.kind,
            shown.get(1).map_or("", String::as_str)
        ));
    }
    Ok(out)
}

/// `text` with `block` appended after a blank line.
pub fn append(text: &str, block: &str) -> String {
    let mut out = text.to_string();
    if !out.is_empty() {
        while !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.push_str(block.trim_end());
    out.push('\n');
    out
}

/// The candidates an accept names: by id (one, when it is edited), or every pending one scored
/// above `above`.
pub fn chosen(
    conn: &Connection,
    ids: &[String],
    above: Option<f64>,
    edit: &Edit,
) -> Result<Vec<(Queued, Edit)>> {
    let editing = *edit != Edit::default();
    match above {
        Some(score) => {
            if !(0.0..=1.0).contains(&score) {
                bail!("--accept-above {score}: give a score from 0 to 1");
            }
            if editing {
                bail!(
                    "edits (--subject, --value, --when …) go with one candidate; give its id instead of --accept-above"
                );
            }
            let mut all = Vec::new();
            crate::db::review::each(conn, Some("pending"), score, |q| {
                if q.item.score > score {
                    all.push((q, Edit::default()));
                }
                Ok(())
            })?;
            Ok(all)
        }
        None => {
            if editing && ids.len() > 1 {
                bail!("edits (--subject, --value, --when …) go with one candidate; give one id");
            }
            ids.iter()
                .map(|id| Ok((find(conn, id)?, edit.clone())))
                .collect()
        }
    }
}
