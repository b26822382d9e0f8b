//! Writing a validated dataset: compare it with what the database holds ([`plan`], read-only),
//! then write the differences in one transaction ([`apply`]); or write data files as they are
//! validated ([`import_streaming`]) and tables as their rows are read ([`TableImport`]), in one
//! transaction that commits only when everything was valid.
//!
//! A claim whose curated form changed is retracted and recorded again as a new row; a claim that
//! disappeared from a data file that is being imported is retracted. Sources, entities and
//! predicates are updated in place, their previous version kept in `revision`.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, params};

use crate::data::{self, Dataset, Located};
use crate::db::query;
use crate::model::{Claim, Entity, Predicate, Value};
use crate::time;

use vocabulary::{write_entity, write_vocabulary};

mod derive;
mod table;
mod vocabulary;

pub use table::{Stale, TableImport, stale_claims};

/// What importing one record would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Update,
    Unchanged,
}

/// The differences between a dataset and the database, computed without writing.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub sources: Vec<Change>,
    pub entities: Vec<Change>,
    pub predicates: Vec<Change>,
    /// Per claim: the change and the row it replaces.
    pub claims: Vec<(Change, Option<i64>)>,
    /// Current claims (row, id) whose data file no longer holds them.
    pub retract: Vec<(i64, String)>,
    /// Per resolution: whether it is new (already recorded ones are skipped).
    pub resolutions: Vec<Change>,
    /// Per rule: the change and the row it replaces.
    pub rules: Vec<(Change, Option<i64>)>,
}

/// Counts of one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub retracted: usize,
}

impl Counts {
    fn of(changes: impl Iterator<Item = Change>) -> Counts {
        let mut c = Counts::default();
        for change in changes {
            match change {
                Change::Add => c.added += 1,
                Change::Update => c.changed += 1,
                Change::Unchanged => c.unchanged += 1,
            }
        }
        c
    }

    /// True when importing changes nothing.
    pub fn is_quiet(&self) -> bool {
        self.added == 0 && self.changed == 0 && self.retracted == 0
    }
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub sources: Counts,
    pub entities: Counts,
    pub predicates: Counts,
    pub claims: Counts,
    pub resolutions: Counts,
    pub rules: Counts,
}

impl Summary {
    /// True when the import changes nothing.
    pub fn is_quiet(&self) -> bool {
        [
            self.sources,
            self.entities,
            self.predicates,
            self.claims,
            self.resolutions,
            self.rules,
        ]
        .iter()
        .all(Counts::is_quiet)
    }
}

impl Plan {
    pub fn summary(&self) -> Summary {
        let mut claims = Counts::of(self.claims.iter().map(|(c, _)| *c));
        claims.retracted = self.retract.len();
        Summary {
            sources: Counts::of(self.sources.iter().copied()),
            entities: Counts::of(self.entities.iter().copied()),
            predicates: Counts::of(self.predicates.iter().copied()),
            claims,
            resolutions: Counts::of(self.resolutions.iter().copied()),
            rules: Counts::of(self.rules.iter().map(|(c, _)| *c)),
        }
    }
}

/// Compares a dataset with the database. Reads only.
pub fn plan(conn: &Connection, dataset: &Dataset) -> Result<Plan> {
    let mut plan = Plan::default();
    if !crate::db::has_schema(conn)? {
        plan.sources = vec![Change::Add; dataset.sources.len()];
        plan.entities = vec![Change::Add; dataset.entities.len()];
        plan.predicates = vec![Change::Add; dataset.predicates.len()];
        plan.claims = vec![(Change::Add, None); dataset.claims.len()];
        plan.resolutions = vec![Change::Add; dataset.resolutions.len()];
        plan.rules = vec![(Change::Add, None); dataset.rules.len()];
        return Ok(plan);
    }
    plan_vocabulary(conn, dataset, &mut plan)?;
    let mut current = conn.prepare_cached(
        "SELECT row_id, spec, origin FROM claim WHERE id = ?1 AND retracted_at IS NULL",
    )?;
    for c in &dataset.claims {
        let spec = spec_of(&c.item)?;
        let row: Option<(i64, String, Option<String>)> = current
            .query_map([&c.item.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .next()
            .transpose()?;
        if let Some((_, _, stored)) = &row {
            same_owner(&c.item.id, stored.as_deref(), &c.file)?;
        }
        plan.claims.push(match row {
            None => (Change::Add, None),
            Some((_, stored, _)) if stored == spec => (Change::Unchanged, None),
            Some((row_id, _, _)) => (Change::Update, Some(row_id)),
        });
    }
    plan_rules_and_resolutions(conn, dataset, &mut plan)?;
    let present: HashSet<&str> = dataset.claims.iter().map(|c| c.item.id.as_str()).collect();
    let files: HashSet<&str> = dataset.files.iter().map(String::as_str).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT row_id, id, origin FROM claim WHERE retracted_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (row_id, id, origin) = row?;
        let from_these_files = origin.as_deref().is_some_and(|o| files.contains(o));
        if from_these_files && !present.contains(id.as_str()) {
            plan.retract.push((row_id, id));
        }
    }
    Ok(plan)
}

/// Refuses a claim that would replace a current claim of the same id from another kind of
/// origin: a table row never overwrites a curated claim (nor a claim of another table), and a
/// data file never overwrites a table's row. Claims may move between data files.
fn same_owner(id: &str, stored: Option<&str>, incoming: &str) -> Result<()> {
    let Some(stored) = stored else {
        return Ok(());
    };
    let table = |o: &str| o.starts_with(TABLE_ORIGIN);
    if stored == incoming || !(table(stored) || table(incoming)) {
        return Ok(());
    }
    bail!(
        "claim `{id}` from {} would replace the claim of the same id from {}; a table row never \
         replaces a claim of another origin: give the row another id (the mapping's `id` \
         template) or rename the claim in {}",
        origin_words(incoming),
        origin_words(stored),
        origin_words(stored)
    )
}

/// The origin prefix of claims imported through a table mapping (`table:<mapping id>`).
pub const TABLE_ORIGIN: &str = "table:";

fn origin_words(origin: &str) -> String {
    match origin.strip_prefix(TABLE_ORIGIN) {
        Some(mapping) => format!("the table mapping `{mapping}`"),
        None => origin.to_string(),
    }
}

/// What importing the sources, entities and predicates of a dataset would change.
fn plan_vocabulary(conn: &Connection, dataset: &Dataset, plan: &mut Plan) -> Result<()> {
    for s in &dataset.sources {
        plan.sources.push(match query::source(conn, &s.item.id)? {
            None => Change::Add,
            Some((stored, retracted)) if stored == s.item && !retracted => Change::Unchanged,
            Some(_) => Change::Update,
        });
    }
    for e in &dataset.entities {
        let place = dataset.places.get(&e.item.id);
        plan.entities.push(match query::entity(conn, &e.item.id)? {
            None => Change::Add,
            Some((stored, retracted))
                if stored == e.item
                    && !retracted
                    && query::place_of(conn, &e.item.id)?.as_ref() == place =>
            {
                Change::Unchanged
            }
            Some(_) => Change::Update,
        });
    }
    for p in &dataset.predicates {
        plan.predicates
            .push(match query::predicate(conn, &p.item.id)? {
                None => Change::Add,
                Some((stored, retracted)) if stored == p.item && !retracted => Change::Unchanged,
                Some(_) => Change::Update,
            });
    }
    Ok(())
}

/// What importing the rules and resolutions of a dataset would change.
fn plan_rules_and_resolutions(conn: &Connection, dataset: &Dataset, plan: &mut Plan) -> Result<()> {
    for r in &dataset.rules {
        let current = query::rule_row(conn, &r.item.id)?;
        plan.rules.push(match current {
            None => (Change::Add, None),
            Some((_, stored)) if stored == r.item => (Change::Unchanged, None),
            Some((row_id, _)) => (Change::Update, Some(row_id)),
        });
    }
    let mut recorded = conn.prepare_cached(
        "SELECT count(*) FROM resolution
         WHERE conflict_id = ?1 AND recorded_at = ?2 AND analyst = ?3",
    )?;
    for r in &dataset.resolutions {
        let n: i64 = recorded.query_row(
            params![r.item.conflict, r.item.recorded_at, r.item.by],
            |row| row.get(0),
        )?;
        plan.resolutions.push(if n == 0 {
            Change::Add
        } else {
            Change::Unchanged
        });
    }
    Ok(())
}

/// Writes the planned rules (an edited rule retracts its old row) and the new resolutions.
fn write_rules_and_resolutions(
    tx: &Connection,
    dataset: &Dataset,
    plan: &Plan,
    now: &str,
) -> Result<()> {
    for (r, (change, old_row)) in dataset.rules.iter().zip(&plan.rules) {
        if *change == Change::Unchanged {
            continue;
        }
        if let Some(old) = old_row {
            tx.prepare_cached("UPDATE rule SET retracted_at = ?2 WHERE row_id = ?1")?
                .execute(params![old, now])?;
        }
        let rule = &r.item;
        tx.prepare_cached(
            "INSERT INTO rule (id, kind, share, part, whole, qualifier, within_days, note,
               origin, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            rule.id,
            rule.kind.as_str(),
            rule.share,
            rule.part,
            rule.whole,
            rule.qualifier,
            rule.within_days,
            rule.note,
            r.file,
            now
        ])
        .with_context(|| format!("while recording rule `{}`", rule.id))?;
    }
    for (r, change) in dataset.resolutions.iter().zip(&plan.resolutions) {
        if *change == Change::Add {
            crate::db::record_resolution(tx, &r.item, Some(&r.file))?;
        }
    }
    Ok(())
}

/// The canonical JSON of a claim as curated; equal text means an unchanged claim.
pub fn spec_of(claim: &Claim) -> Result<String> {
    serde_json::to_string(claim).context("while serialising a claim")
}

/// Writes the planned changes in one transaction and returns what was done.
pub fn apply(conn: &mut Connection, dataset: &Dataset, plan: &Plan) -> Result<Summary> {
    apply_with(conn, dataset, plan, Derived::Written)
}

/// Whether an import writes the rows derived from the claims (their words, the full-text
/// index, the claims ready to judge and to print) or only the curated rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    Written,
    /// For a database in memory that only `extract` reads: what it reads (entities, aliases,
    /// predicates, claims' shapes, places) is all in the curated rows.
    Skipped,
}

/// [`apply`], with or without the derived rows.
pub fn apply_with(
    conn: &mut Connection,
    dataset: &Dataset,
    plan: &Plan,
    derived: Derived,
) -> Result<Summary> {
    let summary = plan.summary();
    if summary.is_quiet() {
        // Nothing to write, but a database upgraded to V10 still gets its claims in words.
        let tx = conn.transaction()?;
        if index_text(&tx, last_rows(&tx)?, &Reworded::default())? > 0 {
            tx.commit()
                .context("while committing the claims in words")?;
        }
        return Ok(summary);
    }
    let now = time::now();
    let tx = crate::db::begin_writing(conn)?;
    let before = last_rows(&tx)?;
    write_vocabulary(&tx, dataset, plan, &now)?;
    for (row_id, _) in &plan.retract {
        retract_claim(&tx, *row_id, &now)?;
    }
    for (c, (change, old_row)) in dataset.claims.iter().zip(&plan.claims) {
        if *change == Change::Unchanged {
            continue;
        }
        if let Some(old) = old_row {
            retract_claim(&tx, *old, &now)?;
        }
        insert_claim(&tx, &c.item, &spec_of(&c.item)?, &c.file, &now)
            .with_context(|| format!("while recording claim `{}` from {}", c.item.id, c.file))?;
    }
    write_rules_and_resolutions(&tx, dataset, plan, &now)?;
    if derived == Derived::Written {
        index_text(&tx, before, &Reworded::of(dataset, plan))?;
    }
    tx.commit().context("while committing the import")?;
    Ok(summary)
}

/// A database in memory holding a generated corpus of `claims` claims (seed 1), for tests of
/// what import keeps at more than the bundled size.
#[cfg(test)]
pub(crate) fn generated_in_memory(claims: usize) -> Connection {
    let dir = tempfile::tempdir().unwrap();
    let shape = crate::generate::Shape::for_claims(claims, 1);
    crate::generate::write(&shape, crate::generate::Output::Jsonl, dir.path()).unwrap();
    let files = crate::data::read_paths(&[dir.path().to_path_buf()]).unwrap();
    let dataset = crate::data::load(&files, &crate::data::Known::default()).unwrap();
    let mut conn = crate::db::open_in_memory().unwrap();
    plan_and_apply(&mut conn, &dataset).unwrap();
    conn
}

/// [`plan`] then [`apply`]: a whole dataset written, for tests of what import keeps.
#[cfg(test)]
pub(crate) fn plan_and_apply(conn: &mut Connection, dataset: &Dataset) -> Result<Summary> {
    let plan = plan(conn, dataset)?;
    apply(conn, dataset, &plan)
}

/// The last claim and citation row ids: rows after them are new in this transaction.
fn last_rows(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT coalesce(max(row_id), 0) FROM claim),
                (SELECT coalesce(max(row_id), 0) FROM citation)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Entities and predicates an import changed: the words of current claims that use them are
/// written again (a renamed entity renames every label that names it).
#[derive(Debug, Default)]
pub struct Reworded {
    pub entities: Vec<String>,
    pub predicates: Vec<String>,
}

impl Reworded {
    /// The entities and predicates `plan` updates.
    fn of(dataset: &Dataset, plan: &Plan) -> Reworded {
        let updated = |c: &Change| *c == Change::Update;
        Reworded {
            entities: (dataset.entities.iter().zip(&plan.entities))
                .filter(|(_, c)| updated(c))
                .map(|(e, _)| e.item.id.clone())
                .collect(),
            predicates: (dataset.predicates.iter().zip(&plan.predicates))
                .filter(|(_, c)| updated(c))
                .map(|(p, _)| p.item.id.clone())
                .collect(),
        }
    }
}

/// Fills what is derived from the rows an import wrote, once, after its writes (see migrations
/// V6 and V10 for the row ids): `claim_words` (label, value and time in words) for every
/// current claim that has none yet (new claims, and every claim of a database just upgraded to
/// V10) and for current claims that use a changed entity or predicate, then the full-text
/// index: quotes and notes of the claim and citation rows written after `before`, and the
/// labels just worded; then the claims ready to judge (`claim_fact`, see
/// [`crate::db::conflicts::fill`]); last the timeline rows ready to print (`claim_ready`, see
/// [`crate::db::ready::fill`]). Returns how many rows of words and ready rows were written.
fn index_text(tx: &Connection, before: (i64, i64), changed: &Reworded) -> Result<usize> {
    index_quotes(tx, before)?;
    index_derived(tx, before.0, changed)
}

/// The quotes and notes of the citation and claim rows written after `before` in the
/// full-text index: each in one statement, in row order, so the index appends.
fn index_quotes(tx: &Connection, before: (i64, i64)) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO claim_text (rowid, claim_row, field, source, body)
         SELECT 4 * row_id, claim_row, 'quote', source, quote FROM citation
         WHERE row_id > ?1 AND retracted_at IS NULL",
    )?
    .execute([before.1])?;
    tx.prepare_cached(
        "INSERT INTO claim_text (rowid, claim_row, field, source, body)
         SELECT 4 * row_id + 1, row_id, 'note', NULL, note FROM claim
         WHERE row_id > ?1 AND note IS NOT NULL AND retracted_at IS NULL",
    )?
    .execute([before.0])
    .context("while filling the full-text index")?;
    Ok(())
}

/// [`index_text`] but the quotes and notes: the words and label rows, the claims ready to
/// judge (those after `claim_row`) and to print.
fn index_derived(tx: &Connection, claim_row: i64, changed: &Reworded) -> Result<usize> {
    let worded = word_claims(tx, changed).context("while writing claims in words")?;
    let judged = crate::db::conflicts::fill(tx, claim_row)?;
    Ok(worded + crate::db::ready::fill(tx, changed)? + judged)
}

/// Writes `claim_words` and the label rows of the full-text index for the claims that need
/// them (see [`index_text`]), through the temporary table `claim_to_word`.
fn word_claims(tx: &Connection, changed: &Reworded) -> Result<usize> {
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS claim_to_word (row_id INTEGER PRIMARY KEY);
         DELETE FROM temp.claim_to_word;",
    )?;
    let worded: i64 = tx.query_row(
        "SELECT coalesce(max(claim_row), 0) FROM claim_words",
        [],
        |r| r.get(0),
    )?;
    tx.prepare_cached(
        "INSERT INTO temp.claim_to_word (row_id)
         SELECT row_id FROM claim WHERE row_id > ?1 AND retracted_at IS NULL",
    )?
    .execute([worded])?;
    for entity in &changed.entities {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO temp.claim_to_word (row_id)
             SELECT row_id FROM claim WHERE subject = ?1 AND retracted_at IS NULL
             UNION SELECT row_id FROM claim WHERE object = ?1 AND retracted_at IS NULL
             UNION SELECT q.claim_row FROM claim_qualifier q JOIN claim c ON c.row_id = q.claim_row
                   WHERE q.entity_id = ?1 AND c.retracted_at IS NULL",
        )?
        .execute([entity])?;
    }
    for predicate in &changed.predicates {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO temp.claim_to_word (row_id)
             SELECT row_id FROM claim WHERE predicate = ?1 AND retracted_at IS NULL",
        )?
        .execute([predicate])?;
    }
    let names = query::entity_names(tx)?;
    let predicates: HashMap<String, Predicate> = query::predicates(tx)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    // Words written again are deleted in one statement first (see `ready::fill`).
    tx.prepare_cached(
        "DELETE FROM claim_words WHERE claim_row IN (SELECT row_id FROM temp.claim_to_word)",
    )?
    .execute([])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO claim_words (claim_row, label, value, time)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut count = 0;
    crate::db::ready::each_claim_listed(tx, crate::db::ready::Listed::ToWord, &mut |stored| {
        let claim = &stored.claim;
        let [label, value, time] = words_of(claim, predicates.get(&claim.predicate), &names);
        insert.execute(params![stored.row_id, label, value, time])?;
        count += 1;
        Ok(())
    })?;
    // Labels worded again replace their rows in the index; the names column holds every name
    // and alias of the entities the claim is about.
    tx.prepare_cached(
        "DELETE FROM claim_text WHERE rowid IN
           (SELECT 4 * row_id + 2 FROM temp.claim_to_word WHERE row_id <= ?1)",
    )?
    .execute([worded])?;
    tx.prepare_cached(
        "INSERT INTO claim_text (rowid, claim_row, field, source, body, names)
         SELECT 4 * w.claim_row + 2, w.claim_row, 'label', NULL, w.label,
                (SELECT group_concat(a.alias, ' · ') FROM entity_alias a
                 WHERE a.entity_id IN (c.subject, c.object)
                    OR a.entity_id IN (SELECT q.entity_id FROM claim_qualifier q
                                       WHERE q.claim_row = c.row_id))
         FROM temp.claim_to_word r
         JOIN claim_words w ON w.claim_row = r.row_id
         JOIN claim c ON c.row_id = r.row_id",
    )?
    .execute([])?;
    tx.execute_batch("DELETE FROM temp.claim_to_word")?;
    Ok(count)
}

/// A claim in words (`claim_words`): its label, its value and its time.
fn words_of(
    claim: &Claim,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> [String; 3] {
    let value = match &claim.value {
        Value::Entity { entity } => names.get(entity).cloned().unwrap_or(entity.clone()),
        Value::Quantity(q) => q.to_string(),
        Value::Text { text } => text.clone(),
        Value::None => String::new(),
    };
    [
        crate::label::label(claim, predicate, names),
        value,
        claim.when.human(),
    ]
}

/// A claim's value as the columns `object`, `amount`, `lower`, `upper`, `unit`, `bound` and
/// `text_value`.
type ValueColumns<'a> = (
    Option<&'a str>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn value_columns(claim: &Claim) -> ValueColumns<'_> {
    match &claim.value {
        Value::Entity { entity } => (Some(entity.as_str()), None, None, None, None, None, None),
        Value::Quantity(q) => (
            None,
            Some(q.amount),
            q.lower,
            q.upper,
            Some(q.unit.as_str()),
            Some(q.bound.as_str()),
            None,
        ),
        Value::Text { text } => (None, None, None, None, None, None, Some(text.as_str())),
        Value::None => (None, None, None, None, None, None, None),
    }
}

fn retract_claim(tx: &Connection, row_id: i64, now: &str) -> Result<()> {
    // Only current claims are searchable.
    tx.prepare_cached(
        "DELETE FROM claim_text WHERE rowid IN (4 * ?1 + 1, 4 * ?1 + 2)
           OR rowid IN (SELECT 4 * row_id FROM citation WHERE claim_row = ?1)",
    )?
    .execute([row_id])?;
    crate::db::conflicts::retracted(tx, row_id)?;
    tx.prepare_cached("UPDATE claim SET retracted_at = ?2 WHERE row_id = ?1")?
        .execute(params![row_id, now])?;
    tx.prepare_cached(
        "UPDATE citation SET retracted_at = ?2 WHERE claim_row = ?1 AND retracted_at IS NULL",
    )?
    .execute(params![row_id, now])?;
    Ok(())
}

/// Records a claim version with its qualifiers and citations; returns its row.
fn insert_claim(
    tx: &Connection,
    claim: &Claim,
    spec: &str,
    origin: &str,
    now: &str,
) -> Result<i64> {
    let (object, amount, lower, upper, unit, bound, text) = value_columns(claim);
    let when = &claim.when;
    tx.prepare_cached(
        "INSERT INTO claim (id, subject, predicate, value_type, object, amount, lower, upper,
           unit, bound, text_value, valid_time, earliest, latest, start_day, end_day, precision,
           precision_rank, note, spec, origin, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
           ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        claim.id,
        claim.subject,
        claim.predicate,
        claim.value.value_type().as_str(),
        object,
        amount,
        lower,
        upper,
        unit,
        bound,
        text,
        when.as_str(),
        when.earliest().map(|d| d.to_string()),
        when.latest().map(|d| d.to_string()),
        when.start_day(),
        when.end_day(),
        when.precision().as_str(),
        when.precision().rank(),
        claim.note,
        spec,
        origin,
        now
    ])?;
    let row_id = tx.last_insert_rowid();
    let mut qualifier = tx.prepare_cached(
        "INSERT INTO claim_qualifier (claim_row, key, entity_id) VALUES (?1, ?2, ?3)",
    )?;
    for (key, ids) in &claim.qualifiers {
        for id in ids {
            qualifier.execute(params![row_id, key, id])?;
        }
    }
    let mut citation = tx.prepare_cached(
        "INSERT INTO citation (claim_row, source, quote, locator, method, credibility,
           extractor_score, curator, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for c in &claim.citations {
        citation.execute(params![
            row_id,
            c.source,
            c.quote,
            c.locator,
            c.method.as_str(),
            c.credibility,
            c.extractor_score,
            c.curator,
            now
        ])?;
    }
    Ok(row_id)
}

/// How many claims to write between progress reports.
const PROGRESS_EVERY: u64 = 4096;

/// Writes an import as it is validated ([`data::load_into`]), inside one transaction that
/// commits only when every file was valid. Claims go in with cached statements as they arrive,
/// so memory does not grow with the input. Into a database with no claims yet, the secondary
/// indexes are dropped for the load and built once at the end; the full-text index is always
/// filled once at the end.
pub fn import_streaming(
    conn: &mut Connection,
    inputs: &[data::Input],
    known: &data::Known,
    progress: &dyn Fn(u64),
) -> Result<Summary> {
    // A large page cache for the load; index builds sort in it too.
    conn.pragma_update(None, "cache_size", -65536)?;
    let tx = crate::db::begin_writing(conn)?;
    let (summary, changed) = import_in(&tx, inputs, known, progress)?;
    if !changed {
        // Nothing changed: leave the file as it was.
        drop(tx);
        return Ok(summary);
    }
    tx.commit().context("while committing the import")?;
    Ok(summary)
}

/// [`import_streaming`] inside a transaction the caller holds (and commits, with whatever else
/// it writes). Returns the summary and whether anything was written.
pub fn import_in(
    tx: &rusqlite::Transaction<'_>,
    inputs: &[data::Input],
    known: &data::Known,
    progress: &dyn Fn(u64),
) -> Result<(Summary, bool)> {
    let (empty, indexes) = drop_indexes_when_empty(tx)?;
    let before = last_rows(tx)?;
    let mut writer = Writer {
        tx,
        now: time::now(),
        check_existing: !empty,
        summary: Summary::default(),
        changed: Reworded::default(),
        written: 0,
        progress,
        derive: None,
    };
    let mut dataset = data::load_into(inputs, known, &mut writer)?;
    let Writer {
        now,
        mut summary,
        check_existing,
        changed: writer_changed,
        derive: derived,
        ..
    } = writer;
    // The ids read are needed only to find the stored claims that left their files; they go
    // before the facts are sorted.
    if !check_existing {
        drop(std::mem::take(&mut dataset.claim_keys));
    }
    let derived = match derived {
        Some(first) => {
            first.finish()?;
            true
        }
        None => false,
    };
    let mut plan = Plan::default();
    plan_rules_and_resolutions(tx, &dataset, &mut plan)?;
    let rules = Counts::of(plan.rules.iter().map(|(c, _)| *c));
    let resolutions = Counts::of(plan.resolutions.iter().copied());
    (summary.rules, summary.resolutions) = (rules, resolutions);
    if check_existing {
        let files: HashSet<&str> = dataset.files.iter().map(String::as_str).collect();
        let mut stmt = tx.prepare_cached(
            "SELECT row_id, id, origin FROM claim WHERE retracted_at IS NULL ORDER BY id",
        )?;
        let stale = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .filter_map(|row| match row {
                Ok((row_id, id, origin)) => {
                    let ours = origin.as_deref().is_some_and(|o| files.contains(o));
                    (ours && !dataset.claim_keys.contains(&id)).then_some(Ok(row_id))
                }
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        drop(stmt);
        for row_id in &stale {
            retract_claim(tx, *row_id, &now)?;
        }
        summary.claims.retracted = stale.len();
    }
    write_rules_and_resolutions(tx, &dataset, &plan, &now)?;
    sorting(tx, || {
        for (name, sql) in &indexes {
            tx.execute_batch(sql)
                .with_context(|| format!("while building index {name}"))?;
        }
        Ok(())
    })?;
    let worded = if derived {
        // The claims written have their derived rows already (see `derive`) but their quotes
        // and notes in the full-text index, which appends them in one pass each.
        index_quotes(tx, before)?;
        index_derived(tx, last_rows(tx)?.0, &writer_changed)?
    } else {
        index_text(tx, before, &writer_changed)?
    };
    let changed = !(summary.is_quiet() && worded == 0);
    Ok((summary, changed))
}

/// Runs `f`, which sorts (an index build, an ordered insert), with a 16 MiB page cache: SQLite's
/// sorter holds as much as the cache before it spills to a file, and the load's 64 MiB cache
/// with a sorter as large beside it made the peak of a first import.
fn sorting<T>(tx: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    tx.pragma_update(None, "cache_size", -16384)?;
    let done = f();
    tx.pragma_update(None, "cache_size", cache)?;
    done
}

/// In a database with no claims yet, drops the secondary indexes of the claim tables, to be
/// built once after the load. Returns whether it was empty and the indexes dropped (name and
/// SQL).
fn drop_indexes_when_empty(tx: &Connection) -> Result<(bool, Vec<(String, String)>)> {
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM claim)", [], |r| r.get(0))?;
    let mut indexes = Vec::new();
    if empty {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('claim', 'citation', 'claim_qualifier') ORDER BY name",
        )?;
        indexes = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        for (name, _) in &indexes {
            // Names come from sqlite_master, not from input.
            tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
    }
    Ok((empty, indexes))
}

/// The [`data::Sink`] of a streaming import.
struct Writer<'t> {
    tx: &'t Connection,
    now: String,
    /// False for a database with no claims: every claim is new, nothing can be retracted.
    check_existing: bool,
    summary: Summary,
    /// The entities and predicates the import changed.
    changed: Reworded,
    written: u64,
    progress: &'t dyn Fn(u64),
    /// Into a database with no claims: the writer of claims in batches, with their derived
    /// rows (see `derive`).
    derive: Option<derive::FirstImport<'t>>,
}

impl data::Sink for Writer<'_> {
    fn vocabulary(&mut self, dataset: &Dataset) -> Result<()> {
        let mut plan = Plan::default();
        plan_vocabulary(self.tx, dataset, &mut plan)?;
        write_vocabulary(self.tx, dataset, &plan, &self.now)?;
        self.changed = Reworded::of(dataset, &plan);
        let summary = plan.summary();
        self.summary.sources = summary.sources;
        self.summary.entities = summary.entities;
        self.summary.predicates = summary.predicates;
        if !self.check_existing {
            self.derive = Some(derive::FirstImport::begin(self.tx, &self.now)?);
        }
        Ok(())
    }

    fn stored_claim_ids(&mut self) -> Result<Option<HashSet<String>>> {
        let mut stmt = self
            .tx
            .prepare("SELECT id FROM claim WHERE retracted_at IS NULL")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<HashSet<String>>>()?;
        Ok(Some(ids))
    }

    fn claim(&mut self, c: Located<Claim>) -> Result<()> {
        let counts = &mut self.summary.claims;
        if let Some(first) = &mut self.derive {
            first.claim(c.item, c.file)?;
            counts.added += 1;
        } else if import_claim(self.tx, &c, self.check_existing, counts, &self.now)?.is_none() {
            return Ok(());
        }
        self.written += 1;
        if self.written.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(self.written);
        }
        Ok(())
    }
}

/// What importing one claim would do, with the row it replaces, from the current claim of its
/// id (`spec` is its [`spec_of`]). Refuses a claim of another kind of origin ([`same_owner`]).
pub fn claim_change(
    conn: &Connection,
    c: &Located<Claim>,
    spec: &str,
) -> Result<(Change, Option<i64>)> {
    let row: Option<(i64, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT row_id, spec, origin FROM claim WHERE id = ?1 AND retracted_at IS NULL",
        )?
        .query_map([&c.item.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .next()
        .transpose()?;
    if let Some((_, _, stored)) = &row {
        same_owner(&c.item.id, stored.as_deref(), &c.file)?;
    }
    Ok(match row {
        None => (Change::Add, None),
        Some((_, stored, _)) if stored == spec => (Change::Unchanged, None),
        Some((row_id, _, _)) => (Change::Update, Some(row_id)),
    })
}

/// Imports one claim: compared with the current claim of its id (when the database may hold
/// one), counted, and written when it is new or changed. Returns its row when it was written.
fn import_claim(
    tx: &Connection,
    c: &Located<Claim>,
    check_existing: bool,
    counts: &mut Counts,
    now: &str,
) -> Result<Option<i64>> {
    let spec = spec_of(&c.item)?;
    let (change, old) = if check_existing {
        claim_change(tx, c, &spec)?
    } else {
        (Change::Add, None)
    };
    match change {
        Change::Add => counts.added += 1,
        Change::Update => counts.changed += 1,
        Change::Unchanged => {
            counts.unchanged += 1;
            return Ok(None);
        }
    }
    write_claim(tx, c, &spec, old, now).map(Some)
}

/// Records a new or changed claim, retracting the row it replaces.
fn write_claim(
    tx: &Connection,
    c: &Located<Claim>,
    spec: &str,
    old: Option<i64>,
    now: &str,
) -> Result<i64> {
    if let Some(old) = old {
        retract_claim(tx, old, now)?;
    }
    insert_claim(tx, &c.item, spec, &c.file, now)
        .with_context(|| format!("while recording claim `{}` from {}", c.item.id, c.file))
}
