//! The rows derived from a claim, computed from the claim in memory as a first import writes it
//! instead of read back after the load: its words (`claim_words`), its label's full-text row
//! (with the names of the entities it involves), its row ready to print
//! (`claim_ready`) and its fact ready to judge (`claim_fact`). They are the rows
//! [`super::index_text`] would write for the same claims; a test compares the two table by
//! table.
//!
//! Only a database with no claims yet takes this path (a first import): there every derived
//! table is empty, so no earlier claim waits for its rows. Later imports read back the few
//! claims they wrote and those an entity or predicate they changed renames.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use anyhow::{Context, Result, anyhow};
use rusqlite::{Connection, ToSql};

use crate::db::ready::ReadyParts;
use crate::model::{Claim, Predicate, Value};

/// What a claim's derived rows are computed from: the names and aliases of the entities and the
/// predicates, as the import's vocabulary left them.
pub(super) struct Vocabulary {
    names: HashMap<String, String>,
    predicates: HashMap<String, Predicate>,
    /// Every alias of an entity (its name and id among them), in byte order.
    aliases: HashMap<String, Vec<String>>,
}

/// What the rows of one claim need beyond the claim, computed without the database
/// ([`Vocabulary::derive`]) but for its row, which is given.
pub(super) struct Derived {
    start_day: i64,
    end_day: i64,
    precision: &'static str,
    precision_rank: i64,
    words: [String; 3],
    /// The row id of its label in the full-text index (migration V10).
    label_rowid: i64,
    names: Option<String>,
    ready: ReadyParts,
    qualifiers: Option<String>,
    cited: String,
    basis: Option<&'static str>,
}

/// The separator of `claim_fact`'s lists (as [`crate::db::conflicts`] writes them).
const SEP: char = '\u{1f}';

impl Vocabulary {
    pub(super) fn read(conn: &Connection) -> Result<Vocabulary> {
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT entity_id, alias FROM entity_alias")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            aliases.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        for list in aliases.values_mut() {
            list.sort_unstable();
        }
        Ok(Vocabulary {
            names: crate::db::query::entity_names(conn)?,
            predicates: crate::db::query::predicates(conn)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            aliases,
        })
    }

    /// A claim ready to be written as `row`, with what its rows need.
    fn pending(&self, row: i64, claim: Claim, file: String) -> Result<Pending> {
        Ok(Pending {
            row,
            earliest: claim.when.earliest().map(|d| d.to_string()),
            latest: claim.when.latest().map(|d| d.to_string()),
            spec: super::spec_of(&claim)?,
            derived: self.derive(&claim, row)?,
            claim,
            file,
        })
    }

    /// What the rows of `claim` need, for the claim's row `row`.
    fn derive(&self, claim: &Claim, row: i64) -> Result<Derived> {
        let predicate = self.predicates.get(&claim.predicate);
        let ready = ReadyParts::of_claim(claim, predicate, &self.names)
            .with_context(|| format!("while writing claim `{}` ready to print", claim.id))?;
        let precision = claim.when.precision();
        Ok(Derived {
            start_day: claim.when.start_day(),
            end_day: claim.when.end_day(),
            precision: precision.as_str(),
            precision_rank: precision.rank(),
            label_rowid: 4 * row + 2,
            words: super::words_of(claim, predicate, &self.names),
            names: self.names_of(claim),
            ready,
            qualifiers: qualifiers_of(claim),
            cited: cited_of(claim),
            basis: basis_of(claim),
        })
    }

    /// The names column of a claim's label row: every alias of its subject and object, then of
    /// its qualifiers' entities not already named, each entity's in byte order (the order of
    /// the statement in [`super::word_claims`]); `None` when none has an alias.
    fn names_of(&self, claim: &Claim) -> Option<String> {
        let mut first: Vec<&str> = vec![&claim.subject];
        if let Value::Entity { entity } = &claim.value {
            first.push(entity);
        }
        first.sort_unstable();
        first.dedup();
        let mut then: Vec<&str> = (claim.qualifiers.values().flatten())
            .map(String::as_str)
            .filter(|id| !first.contains(id))
            .collect();
        then.sort_unstable();
        then.dedup();
        let mut names = String::new();
        for alias in first
            .iter()
            .chain(&then)
            .flat_map(|id| self.aliases.get(*id).map(Vec::as_slice).unwrap_or_default())
        {
            if !names.is_empty() {
                names.push_str(" · ");
            }
            names.push_str(alias);
        }
        (!names.is_empty()).then_some(names)
    }
}

/// `claim_fact.qualifiers`: each `key=entity`, keys and entities in order.
fn qualifiers_of(claim: &Claim) -> Option<String> {
    let mut out = String::new();
    for (key, ids) in &claim.qualifiers {
        for id in ids {
            if !out.is_empty() {
                out.push(SEP);
            }
            out.push_str(key);
            out.push('=');
            out.push_str(id);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `claim_fact.cited`: how many citations, the best (lowest) credibility (7 for none), then the
/// sources each once in the order first cited, separated by commas.
fn cited_of(claim: &Claim) -> String {
    let best = claim.citations.iter().map(|c| c.credibility).min();
    let mut out = format!("{}{SEP}{}", claim.citations.len(), best.unwrap_or(7));
    let mut seen: Vec<&str> = Vec::with_capacity(claim.citations.len());
    for c in &claim.citations {
        if !seen.contains(&c.source.as_str()) {
            out.push(if seen.is_empty() { SEP } else { ',' });
            out.push_str(&c.source);
            seen.push(&c.source);
        }
    }
    out
}

/// `claim_fact.basis`: the basis a figure's quotes name, read together.
fn basis_of(claim: &Claim) -> Option<&'static str> {
    if !matches!(claim.value, Value::Quantity(_)) || claim.citations.is_empty() {
        return None;
    }
    let mut text = String::new();
    for (i, c) in claim.citations.iter().enumerate() {
        if i > 0 {
            text.push(SEP);
        }
        text.push_str(&c.quote);
    }
    crate::conflicts::basis::named_in(&text).map(|b| b.as_str())
}

/// How many claims a first import writes with one statement per table.
const BATCH: usize = 64;

/// A claim waiting to be written with the others of its batch, with what its rows need.
struct Pending {
    row: i64,
    claim: Claim,
    file: String,
    spec: String,
    earliest: Option<String>,
    latest: Option<String>,
    derived: Derived,
}

/// The writer of a first import (a database with no claims yet): claims are written a batch
/// at a time, each table's rows of a batch by one statement of many rows, with their derived
/// rows computed from the claims in memory. A statement of many rows costs SQLite its set-up
/// once instead of once a row: with the claim table's `IN (…)` checks, which build a small
/// table per execution, that set-up is most of an insert's cost. Row ids are given, not
/// assigned, so the derived rows and citations know them before the claims are written.
///
/// A second thread computes what a batch's rows need (the claim's canonical JSON, its label and
/// words, its row ready to print) while the batch before it is written.
pub(super) struct FirstImport<'t> {
    tx: &'t Connection,
    now: String,
    next_row: i64,
    /// Claims not yet handed to the deriving thread, with their rows and files.
    queued: Vec<Queued>,
    deriver: Deriver,
    statements: HashMap<(&'static str, usize), rusqlite::Statement<'t>>,
}

/// A claim with the row it will have and the file it came from.
type Queued = (i64, Claim, String);

/// The thread that computes what a batch's rows need; at most two batches are with it.
struct Deriver {
    send: Option<SyncSender<Vec<Queued>>>,
    receive: Receiver<Result<Vec<Pending>>>,
    in_flight: usize,
    thread: Option<JoinHandle<()>>,
}

impl Deriver {
    fn start(vocabulary: Vocabulary) -> Result<Deriver> {
        let (send, batches) = sync_channel::<Vec<Queued>>(2);
        let (done, receive) = sync_channel(2);
        let thread = std::thread::Builder::new()
            .name("derive".into())
            .spawn(move || {
                for batch in batches {
                    let pending = (batch.into_iter())
                        .map(|(row, claim, file)| vocabulary.pending(row, claim, file))
                        .collect::<Result<Vec<Pending>>>();
                    if done.send(pending).is_err() {
                        break;
                    }
                }
            })
            .context("while starting the thread that derives the claims' rows")?;
        Ok(Deriver {
            send: Some(send),
            receive,
            in_flight: 0,
            thread: Some(thread),
        })
    }

    fn send(&mut self, batch: Vec<Queued>) -> Result<()> {
        let stopped = || anyhow!("the thread deriving the claims' rows stopped");
        let send = self.send.as_ref().ok_or_else(stopped)?;
        send.send(batch).map_err(|_| stopped())?;
        self.in_flight += 1;
        Ok(())
    }

    /// The oldest batch sent, derived.
    fn receive(&mut self) -> Result<Vec<Pending>> {
        let pending = (self.receive.recv())
            .map_err(|_| anyhow!("the thread deriving the claims' rows stopped"))?;
        self.in_flight -= 1;
        pending
    }
}

impl Drop for Deriver {
    fn drop(&mut self) {
        // No more batches; what the thread still holds is received and dropped, so that it
        // can end.
        self.send = None;
        while self.receive.recv().is_ok() {}
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The tables a batch writes, each as the head of its insert and its number of columns.
const CLAIMS: (&str, usize) = (
    "INSERT INTO claim (row_id, id, subject, predicate, value_type, object, amount, lower, upper,
       unit, bound, text_value, valid_time, earliest, latest, start_day, end_day, precision,
       precision_rank, note, spec, origin, recorded_at) VALUES ",
    23,
);
const QUALIFIERS: (&str, usize) = (
    "INSERT INTO claim_qualifier (claim_row, key, entity_id) VALUES ",
    3,
);
const CITATIONS: (&str, usize) = (
    "INSERT INTO citation (claim_row, source, quote, locator, method, credibility,
       extractor_score, curator, recorded_at) VALUES ",
    9,
);
const WORDS: (&str, usize) = (
    "INSERT INTO claim_words (claim_row, label, value, time) VALUES ",
    4,
);
const LABELS: (&str, usize) = (
    "INSERT INTO claim_text (rowid, claim_row, field, source, body, names) VALUES ",
    6,
);
const READY: (&str, usize) = (
    "INSERT INTO claim_ready (claim_row, head, tail, sources, entities) VALUES ",
    5,
);
const FACTS: (&str, usize) = (
    "INSERT INTO temp.claim_fact_new (subject, start_day, claim_row, id, predicate, value_type,
       object, amount, lower, upper, unit, bound, text_value, valid_time, recorded_at,
       qualifiers, cited, basis) VALUES ",
    18,
);

impl<'t> FirstImport<'t> {
    /// Starts a first import into `tx`, whose vocabulary is written: the spool the facts wait
    /// in until [`FirstImport::finish`] writes them in their table's order.
    pub(super) fn begin(tx: &'t Connection, now: &str) -> Result<FirstImport<'t>> {
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS claim_fact_new AS SELECT * FROM claim_fact WHERE 0;
             DELETE FROM temp.claim_fact_new;",
        )?;
        let last: i64 = tx.query_row("SELECT coalesce(max(row_id), 0) FROM claim", [], |r| {
            r.get(0)
        })?;
        Ok(FirstImport {
            tx,
            now: now.to_string(),
            next_row: last + 1,
            queued: Vec::with_capacity(BATCH),
            deriver: Deriver::start(Vocabulary::read(tx)?)?,
            statements: HashMap::new(),
        })
    }

    /// Adds a claim (valid, with an id no other claim of the import has); written with its
    /// batch.
    pub(super) fn claim(&mut self, claim: Claim, file: String) -> Result<()> {
        self.queued.push((self.next_row, claim, file));
        self.next_row += 1;
        if self.queued.len() == BATCH {
            self.send()?;
        }
        Ok(())
    }

    /// Hands the queued claims to the deriving thread, first writing the oldest batch it has
    /// derived when two are with it.
    fn send(&mut self) -> Result<()> {
        if self.deriver.in_flight == 2 {
            let pending = self.deriver.receive()?;
            self.flush(pending)?;
        }
        let batch = std::mem::replace(&mut self.queued, Vec::with_capacity(BATCH));
        self.deriver.send(batch)
    }

    /// Writes the claims waiting, then the facts in their table's order.
    pub(super) fn finish(mut self) -> Result<()> {
        if !self.queued.is_empty() {
            self.send()?;
        }
        while self.deriver.in_flight > 0 {
            let pending = self.deriver.receive()?;
            self.flush(pending)?;
        }
        self.statements.clear();
        super::sorting(self.tx, || {
            self.tx
                .execute_batch(
                    "INSERT INTO claim_fact SELECT * FROM temp.claim_fact_new
                       ORDER BY subject, start_day, claim_row;
                     DROP TABLE temp.claim_fact_new;",
                )
                .context("while writing the claims ready to judge")
        })
    }

    /// Writes a derived batch.
    fn flush(&mut self, pending: Vec<Pending>) -> Result<()> {
        self.write(&pending)
            .map_err(|e| match (pending.first(), pending.last()) {
                (Some(a), Some(b)) => e.context(format!(
                    "while recording claims `{}` ({}) to `{}` ({})",
                    a.claim.id, a.file, b.claim.id, b.file
                )),
                _ => e,
            })
    }

    fn write(&mut self, pending: &[Pending]) -> Result<()> {
        let mut insert =
            |table, values: &[&dyn ToSql]| insert(self.tx, &mut self.statements, table, values);
        let now: &dyn ToSql = &self.now;
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(pending.len() * CLAIMS.1);
        let columns: Vec<_> = pending
            .iter()
            .map(|p| super::value_columns(&p.claim))
            .collect();
        let kinds: Vec<[&str; 2]> = (pending.iter())
            .map(|p| [p.claim.value.value_type().as_str(), p.claim.when.as_str()])
            .collect();
        for ((p, value), [kind, time]) in pending.iter().zip(&columns).zip(&kinds) {
            let c = &p.claim;
            values.extend_from_slice(&[
                &p.row as &dyn ToSql,
                &c.id,
                &c.subject,
                &c.predicate,
                kind,
            ]);
            values.extend_from_slice(&value_params(value));
            values.extend_from_slice(&[
                time as &dyn ToSql,
                &p.earliest,
                &p.latest,
                &p.derived.start_day,
                &p.derived.end_day,
                &p.derived.precision,
                &p.derived.precision_rank,
                &c.note,
                &p.spec,
                &p.file,
                now,
            ]);
        }
        insert(CLAIMS, &values)?;
        values.clear();
        for p in pending {
            for (key, ids) in &p.claim.qualifiers {
                for id in ids {
                    values.extend_from_slice(&[&p.row as &dyn ToSql, key, id]);
                }
            }
        }
        insert(QUALIFIERS, &values)?;
        values.clear();
        let methods: Vec<&str> = (pending.iter())
            .flat_map(|p| p.claim.citations.iter().map(|c| c.method.as_str()))
            .collect();
        let mut method = methods.iter();
        for p in pending {
            for (c, method) in p.claim.citations.iter().zip(method.by_ref()) {
                values.extend_from_slice(&[
                    &p.row as &dyn ToSql,
                    &c.source,
                    &c.quote,
                    &c.locator,
                    method,
                    &c.credibility,
                    &c.extractor_score,
                    &c.curator,
                    now,
                ]);
            }
        }
        insert(CITATIONS, &values)?;
        values.clear();
        for p in pending {
            let [label, value, time] = &p.derived.words;
            values.extend_from_slice(&[&p.row as &dyn ToSql, label, value, time]);
        }
        insert(WORDS, &values)?;
        values.clear();
        // The label rows go into the full-text index as the claims are written, in row order;
        // quotes and notes follow in one pass each after the load, since rows out of order
        // would flush the index's pending rows at each one.
        for p in pending {
            values.extend_from_slice(&[
                &p.derived.label_rowid as &dyn ToSql,
                &p.row,
                &"label",
                &None::<&str>,
                &p.derived.words[0],
                &p.derived.names,
            ]);
        }
        insert(LABELS, &values)?;
        values.clear();
        for p in pending {
            let r = &p.derived.ready;
            values.extend_from_slice(&[
                &p.row as &dyn ToSql,
                &r.head,
                &r.tail,
                &r.sources,
                &r.entities,
            ]);
        }
        insert(READY, &values)?;
        values.clear();
        for ((p, value), [kind, time]) in pending.iter().zip(&columns).zip(&kinds) {
            let c = &p.claim;
            values.extend_from_slice(&[
                &c.subject as &dyn ToSql,
                &p.derived.start_day,
                &p.row,
                &c.id,
                &c.predicate,
                kind,
            ]);
            values.extend_from_slice(&value_params(value));
            values.extend_from_slice(&[
                time as &dyn ToSql,
                now,
                &p.derived.qualifiers,
                &p.derived.cited,
                &p.derived.basis,
            ]);
        }
        insert(FACTS, &values)?;
        Ok(())
    }
}

/// A claim's value columns as parameters, in the order the claim and fact tables both take them.
fn value_params<'a>(columns: &'a super::ValueColumns<'a>) -> [&'a dyn ToSql; 7] {
    let (object, amount, lower, upper, unit, bound, text) = columns;
    [object, amount, lower, upper, unit, bound, text]
}

/// Inserts the rows whose values are `values` (`table.1` a row) with statements of up to
/// [`BATCH`] rows, each prepared once per size and kept in `statements`.
fn insert<'t>(
    tx: &'t Connection,
    statements: &mut HashMap<(&'static str, usize), rusqlite::Statement<'t>>,
    table: (&'static str, usize),
    values: &[&dyn ToSql],
) -> Result<()> {
    let (head, width) = table;
    for chunk in values.chunks(width * BATCH) {
        let rows = chunk.len() / width;
        let statement = match statements.entry((head, rows)) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                let row = format!("({})", vec!["?"; width].join(", "));
                let sql = format!("{head}{}", vec![row; rows].join(", "));
                e.insert(tx.prepare(&sql)?)
            }
        };
        statement.execute(chunk)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::types::Value as Sql;

    use super::*;
    use crate::data::{DataFile, Input, Known};

    /// The rows of every table a claim's import writes, with the instant of the import left
    /// out (each import has its own).
    fn rows(conn: &Connection) -> Vec<(&'static str, Vec<Vec<Sql>>)> {
        let tables = [
            ("claim", "SELECT * FROM claim ORDER BY row_id"),
            ("citation", "SELECT * FROM citation ORDER BY row_id"),
            (
                "claim_qualifier",
                "SELECT * FROM claim_qualifier ORDER BY claim_row, key, entity_id",
            ),
            (
                "claim_words",
                "SELECT * FROM claim_words ORDER BY claim_row",
            ),
            (
                "claim_text",
                "SELECT rowid, claim_row, field, source, body, names FROM claim_text ORDER BY rowid",
            ),
            (
                "claim_ready",
                "SELECT * FROM claim_ready ORDER BY claim_row",
            ),
            ("claim_fact", "SELECT * FROM claim_fact"),
        ];
        tables
            .iter()
            .map(|(table, sql)| {
                let mut stmt = conn.prepare(sql).unwrap();
                let names: Vec<String> =
                    stmt.column_names().iter().map(|n| n.to_string()).collect();
                let rows = stmt
                    .query_map([], |r| {
                        (0..names.len())
                            .filter(|&i| names[i] != "recorded_at")
                            .map(|i| r.get::<_, Sql>(i))
                            .collect::<rusqlite::Result<Vec<Sql>>>()
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .unwrap();
                (*table, rows)
            })
            .collect()
    }

    /// `files` imported into an empty database in batches ([`FirstImport`]), and by the
    /// row-at-a-time path with the derived rows read back after the load
    /// ([`super::super::apply`]): every table the same, row for row.
    fn both_ways_agree(files: Vec<DataFile>) -> usize {
        let mut batched = crate::db::open_in_memory().unwrap();
        let inputs: Vec<Input> = files.iter().cloned().map(Input::Text).collect();
        let tx = batched.transaction().unwrap();
        let (summary, _) =
            super::super::import_in(&tx, &inputs, &Known::default(), &|_| {}).unwrap();
        tx.commit().unwrap();

        let mut read_back = crate::db::open_in_memory().unwrap();
        let dataset = crate::data::load(&files, &Known::default()).unwrap();
        super::super::plan_and_apply(&mut read_back, &dataset).unwrap();

        let (ours, theirs) = (rows(&batched), rows(&read_back));
        for ((table, a), (_, b)) in ours.iter().zip(&theirs) {
            assert_eq!(a.len(), b.len(), "{table}: row counts");
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x, y, "{table}");
            }
        }
        assert_eq!(
            crate::db::ready::mismatches(&batched).unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            crate::db::conflicts::mismatches(&batched).unwrap(),
            Vec::<String>::new()
        );
        summary.claims.added
    }

    #[test]
    fn a_first_import_in_batches_writes_what_the_read_back_path_writes() {
        // The bundled data: notes, qualifiers, every kind of value and time, several citations.
        let bundled = crate::bundled::files();
        assert!(both_ways_agree(bundled) > BATCH);

        // A generated corpus of many batches and a last one part full.
        let dir = tempfile::tempdir().unwrap();
        let shape = crate::generate::Shape::for_claims(3 * BATCH + 5, 1);
        crate::generate::write(&shape, crate::generate::Output::Jsonl, dir.path()).unwrap();
        let files = crate::data::read_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(both_ways_agree(files), 3 * BATCH + 5);
    }
}
