//! The conflicts report as commands show it: the engine's findings over the current claims,
//! each conflict or tension joined with its claims' provenance and the latest decision.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use serde::Serialize;

use crate::conflicts::{self, Context, Engine, Finding, Side, Suggestion, Verdict};
use crate::db::{self, query};
use crate::model::{Citation, Resolution, Source, Value};
use crate::view::Vocabulary;

/// The whole report: `{"open", "tensions", "resolved", "conflicts": [...], "cleared": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictReport {
    /// Open entries whose verdict is `conflict`: the exit code is 1 while there are any.
    pub open: usize,
    /// Open entries whose verdict is `tension`.
    pub tensions: usize,
    pub resolved: usize,
    /// Conflicts first, then tensions.
    pub conflicts: Vec<ConflictView>,
    /// Sides compared and found consistent, with the reading (only with `--all`).
    pub cleared: Vec<ClearedView>,
}

/// A consistent judgement: what was compared and the reading under which both are true.
#[derive(Debug, Clone, Serialize)]
pub struct ClearedView {
    pub id: String,
    /// `value`, `date`, `series`, `derived` or `state`.
    pub kind: String,
    /// Always `consistent`.
    pub verdict: String,
    pub subject: String,
    pub predicate: String,
    pub claims: Vec<String>,
    pub explanation: String,
    /// The reading, as `reading`; kept under this name for earlier readers of the JSON.
    pub reason: String,
    pub reading: String,
}

/// One conflict with its claims' provenance and the decision, if any.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub id: String,
    /// `value`, `date`, `series`, `derived` or `state`.
    pub kind: String,
    /// `conflict` (no reading reconciles the sides) or `tension` (only a strained one does).
    pub verdict: String,
    /// `open` or `resolved`.
    pub status: String,
    pub subject: String,
    pub subject_name: String,
    pub predicate: String,
    pub predicate_label: String,
    /// Identifying qualifiers, by name.
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub explanation: String,
    /// The reading under which both could be true, or why there is none.
    pub reading: String,
    pub suggestion: Suggestion,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_annual_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_gap: Option<f64>,
    /// The same gap in points, for shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_gap_points: Option<f64>,
    /// For a failed derived rule: the term other evidence shows to be wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlier: Option<conflicts::Outlier>,
    /// The ids of the entries this one gathers; decisions recorded against them count here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// The agreement sets (or series stretch) that disagree, with their corroboration.
    pub sides: Vec<Side>,
    pub claims: Vec<SharedClaim>,
    /// The latest decision recorded for this conflict.
    pub resolution: Option<Resolution>,
}

/// A claim in a conflict as entries list it: built once and shared by every entry that lists
/// it (a claim of a busy group is in many); it reads and serialises as the claim itself. The
/// JSON report writes its text once too ([`SharedClaim::text`]).
#[derive(Debug, Clone)]
pub struct SharedClaim(std::sync::Arc<Built>);

#[derive(Debug)]
struct Built {
    claim: ConflictClaim,
    /// The claim's text as a writer made it, kept for the next entry that lists it.
    text: std::sync::OnceLock<Box<serde_json::value::RawValue>>,
}

impl SharedClaim {
    fn new(claim: ConflictClaim) -> SharedClaim {
        SharedClaim(std::sync::Arc::new(Built {
            claim,
            text: std::sync::OnceLock::new(),
        }))
    }

    /// The claim's text as `write` makes it, made once however many entries list the claim:
    /// `write` must always make the same text of the same claim.
    pub fn text<E>(
        &self,
        write: impl FnOnce(&ConflictClaim) -> Result<Box<serde_json::value::RawValue>, E>,
    ) -> Result<&serde_json::value::RawValue, E> {
        if let Some(text) = self.0.text.get() {
            return Ok(text);
        }
        let text = write(&self.0.claim)?;
        Ok(self.0.text.get_or_init(|| text))
    }
}

impl std::ops::Deref for SharedClaim {
    type Target = ConflictClaim;

    fn deref(&self) -> &ConflictClaim {
        &self.0.claim
    }
}

impl Serialize for SharedClaim {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.claim.serialize(serializer)
    }
}

/// A claim in a conflict.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictClaim {
    pub claim: String,
    pub label: String,
    pub value: Option<Value>,
    pub when: String,
    pub when_text: String,
    pub rank: String,
    pub citations: Vec<ConflictCitation>,
}

/// A citation with its source's grade.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictCitation {
    pub source: String,
    pub source_title: Option<String>,
    /// The source's Admiralty reliability, A–F.
    pub reliability: Option<String>,
    pub quote: String,
    pub locator: String,
    /// The citation's Admiralty credibility, 1–6.
    pub credibility: u8,
    /// `manual`, or `extracted` (accepted from `factline review`) with the extractor's score.
    pub method: crate::model::Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extractor_score: Option<f64>,
}

/// Entries joined with their claims' provenance this many at a time: one query per batch for
/// the claims not read yet; a claim read is kept until its subject's predicate is written.
pub const BATCH: usize = 256;

/// What a report says besides its entries, known once every subject has been judged.
pub struct Tally {
    /// Open entries whose verdict is `conflict`: the exit code is 1 while there are any.
    pub open: usize,
    /// Open entries whose verdict is `tension`.
    pub tensions: usize,
    pub resolved: usize,
    /// How many entries were handed on (conflicts and tensions with a suggestion).
    pub entries: usize,
    /// Sides compared and found consistent, in report order (only with `--all`).
    pub cleared: Vec<ClearedView>,
}

/// Runs the conflict engine over the current claims, subject by subject, and joins each
/// conflict or tension with its claims' provenance and the latest decision recorded for it.
/// Consistent entries are built only when `all` is set. `judged` hears how many claims have been
/// judged so far, after each subject (for a progress bar).
pub fn report(
    conn: &Connection,
    all: bool,
    judged: &mut dyn FnMut(usize),
) -> Result<ConflictReport> {
    let mut conflicts = Vec::new();
    let tally = judge(conn, all, true, judged, &mut |view, verdict, kind| {
        conflicts.push(((verdict, kind), view));
        Ok(())
    })?;
    // Each (verdict, kind) comes in report order already: a stable sort on it is the order.
    conflicts.sort_by_key(|(key, _)| *key);
    Ok(ConflictReport {
        open: tally.open,
        tensions: tally.tensions,
        resolved: tally.resolved,
        conflicts: conflicts.into_iter().map(|(_, view)| view).collect(),
        cleared: tally.cleared,
    })
}

/// One page of [`report`]: the conflicts and tensions at `range` in report order (of every
/// subject, or of `subject`), with the counts and how many entries there are in all. Holds at
/// most `range.end` entries of each verdict and kind while judging, never the whole report.
pub fn report_page(
    conn: &Connection,
    subject: Option<&str>,
    range: std::ops::Range<usize>,
) -> Result<(ConflictReport, usize)> {
    let mut groups: BTreeMap<(Verdict, conflicts::Kind), (usize, Vec<ConflictView>)> =
        BTreeMap::new();
    let tally = judge_in(
        conn,
        subject,
        false,
        Provenance::Read,
        Hand::Here(
            &mut one_by_one(&mut |view, verdict, kind| {
                let (count, kept) = groups.entry((verdict, kind)).or_default();
                *count += 1;
                if kept.len() < range.end {
                    kept.push(view);
                }
                Ok(())
            }),
            &mut |_| {},
        ),
    )?;
    // Each verdict and kind comes in report order; the report lists them in key order.
    let mut at = 0;
    let mut shown = Vec::new();
    for (count, kept) in groups.into_values() {
        shown.extend(
            kept.into_iter()
                .enumerate()
                .filter(|(i, _)| range.contains(&(at + i)))
                .map(|(_, view)| view),
        );
        at += count;
    }
    Ok((
        ConflictReport {
            open: tally.open,
            tensions: tally.tensions,
            resolved: tally.resolved,
            conflicts: shown,
            cleared: tally.cleared,
        },
        at,
    ))
}

/// Runs the conflict engine over the current claims, one subject at a time, and hands `each`
/// every conflict and tension as it is judged, with its verdict and kind, joined with the
/// latest decision and (when `with_claims`) its claims' provenance, read for at most [`BATCH`]
/// entries at a time, each claim once per predicate of a subject however many entries list it.
/// Within one verdict and kind, entries come in report order (subject, predicate, id); the
/// report lists verdicts and kinds in their order, so a writer keeps one stream per pair and
/// writes them one after the other. Memory holds one subject's facts and one of its predicates'
/// entries (then those of its rules and states) at a time; nothing grows with the number of
/// entries but the consistent ones kept for `--all`.
pub fn judge(
    conn: &Connection,
    all: bool,
    with_claims: bool,
    judged: &mut dyn FnMut(usize),
    each: &mut dyn FnMut(ConflictView, Verdict, conflicts::Kind) -> Result<()>,
) -> Result<Tally> {
    let provenance = if with_claims {
        Provenance::Read
    } else {
        Provenance::Skip
    };
    judge_in(
        conn,
        None,
        all,
        provenance,
        Hand::Here(&mut one_by_one(each), judged),
    )
}

/// [`judge`] handing on the entries a batch at a time (at most [`BATCH`], each batch within one
/// part of a subject), with their claims' provenance read as `provenance` says. With
/// [`Provenance::Defer`] the entries come without their claims, for a [`ClaimReader`] on
/// another connection that reads the same snapshot to complete them: the report's work is
/// split so, this thread judging while the other reads the claims and writes the entries.
pub fn judge_batches(
    conn: &Connection,
    all: bool,
    provenance: Provenance,
    judged: &mut dyn FnMut(usize),
    each: &mut dyn FnMut(Batch) -> Result<()>,
) -> Result<Tally> {
    judge_in(conn, None, all, provenance, Hand::Here(each, judged))
}

/// [`judge_batches`] with [`Provenance::Defer`], the facts read on this thread while another
/// judges the subject read before: with the writer of the entries, the report's work is split
/// over three threads.
pub fn judge_batches_beside(
    conn: &Connection,
    all: bool,
    judged: &mut (dyn FnMut(usize) + Send),
    each: &mut (dyn FnMut(Batch) -> Result<()> + Send),
) -> Result<Tally> {
    judge_in(
        conn,
        None,
        all,
        Provenance::Defer,
        Hand::Beside(each, judged),
    )
}

/// Where the entries are handed on (`each`) and the progress told (`judged`): on the thread
/// that reads the facts, or on a thread beside it that judges them.
enum Hand<'h> {
    Here(
        &'h mut dyn FnMut(Batch) -> Result<()>,
        &'h mut dyn FnMut(usize),
    ),
    Beside(
        &'h mut (dyn FnMut(Batch) -> Result<()> + Send),
        &'h mut (dyn FnMut(usize) + Send),
    ),
}

/// Whether and where the entries' claims are read with their provenance.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Not at all (the table shows no quote).
    Skip,
    /// On the judging connection, before each batch is handed on.
    Read,
    /// Elsewhere: each entry is handed on with the ids of its claims (see [`ClaimReader`]).
    Defer,
}

/// Entries of one subject's part (a predicate's, or its rules' and states'), in report order.
pub struct Batch {
    /// The first batch of a part: claims read for an earlier part are not listed again.
    pub new_part: bool,
    /// The facts of the subject judged, which the entries' claims are among.
    pub subject: std::sync::Arc<SubjectFacts>,
    pub entries: Vec<Pending>,
}

/// The facts of one subject as read to be judged, with each one's claim row: what the claims
/// an entry lists are read by. Shared with the batches handed on (and dropped by whoever holds
/// them last).
pub struct SubjectFacts {
    facts: Vec<conflicts::Fact>,
    rows: Vec<i64>,
    /// The facts' positions sorted by claim id, made when a claim is first looked up.
    by_id: std::sync::OnceLock<Vec<u32>>,
}

impl SubjectFacts {
    fn new(facts: Vec<conflicts::Fact>, rows: Vec<i64>) -> SubjectFacts {
        SubjectFacts {
            facts,
            rows,
            by_id: std::sync::OnceLock::new(),
        }
    }

    /// The fact of claim `id` and its claim row, if the subject has it.
    fn find(&self, id: &str) -> Option<(&conflicts::Fact, i64)> {
        let by_id = self.by_id.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.facts.len())
                .filter_map(|i| u32::try_from(i).ok())
                .collect();
            order.sort_unstable_by(|a, b| {
                self.facts[*a as usize].id.cmp(&self.facts[*b as usize].id)
            });
            order
        });
        let at = by_id
            .binary_search_by(|i| self.facts[*i as usize].id.as_str().cmp(id))
            .ok()?;
        let i = by_id[at] as usize;
        Some((&self.facts[i], *self.rows.get(i)?))
    }
}

/// An entry as judged, with its verdict and kind; its claims are in `view.claims` unless they
/// were left to a [`ClaimReader`].
pub struct Pending {
    pub view: ConflictView,
    pub verdict: Verdict,
    pub kind: conflicts::Kind,
    /// The ids of the entry's claims, in its order, while they are still to be read.
    unread: Vec<String>,
}

/// Hands each entry of a batch to `each` in turn.
fn one_by_one(
    each: &mut dyn FnMut(ConflictView, Verdict, conflicts::Kind) -> Result<()>,
) -> impl FnMut(Batch) -> Result<()> + '_ {
    move |batch| {
        for p in batch.entries {
            each(p.view, p.verdict, p.kind)?;
        }
        Ok(())
    }
}

/// Reads the claims [`judge_batches`] left out, with their provenance, on its own connection
/// (which must read the judging connection's snapshot: see
/// [`crate::db::conflicts::second_reader`]), each claim once per part of a subject however
/// many entries list it, as [`judge`] does.
pub struct ClaimReader<'c> {
    conn: &'c Connection,
    vocabulary: Vocabulary,
    sources: HashMap<String, Source>,
    claims: Claims,
}

impl<'c> ClaimReader<'c> {
    pub fn new(conn: &'c Connection) -> Result<ClaimReader<'c>> {
        Ok(ClaimReader {
            conn,
            vocabulary: Vocabulary::read(conn)?,
            sources: query::sources(conn)?,
            claims: Claims::default(),
        })
    }

    /// Puts their claims, with provenance, into the entries of `batch`.
    pub fn complete(&mut self, batch: &mut Batch) -> Result<()> {
        if batch.new_part {
            self.claims = Claims::default();
        }
        self.claims.read(
            self.conn,
            &self.vocabulary,
            &self.sources,
            &batch.subject,
            batch.entries.iter().map(|p| &p.unread),
        )?;
        for p in &mut batch.entries {
            p.view.claims = self.claims.listed(&std::mem::take(&mut p.unread));
        }
        Ok(())
    }
}

/// [`report`] for one subject only (an entity's dossier): its claims are read and judged, no
/// other subject's.
pub fn report_for(conn: &Connection, subject: &str) -> Result<ConflictReport> {
    let mut conflicts = Vec::new();
    let tally = judge_in(
        conn,
        Some(subject),
        false,
        Provenance::Read,
        Hand::Here(
            &mut one_by_one(&mut |view, verdict, kind| {
                conflicts.push(((verdict, kind), view));
                Ok(())
            }),
            &mut |_| {},
        ),
    )?;
    conflicts.sort_by_key(|(key, _)| *key);
    Ok(ConflictReport {
        open: tally.open,
        tensions: tally.tensions,
        resolved: tally.resolved,
        conflicts: conflicts.into_iter().map(|(_, view)| view).collect(),
        cleared: tally.cleared,
    })
}

/// [`judge`] over every subject, or over `only`.
fn judge_in(
    conn: &Connection,
    only: Option<&str>,
    all: bool,
    provenance: Provenance,
    hand: Hand<'_>,
) -> Result<Tally> {
    let vocabulary = Vocabulary::read(conn)?;
    let sources = query::sources(conn)?;
    let rules = query::rules(conn)?;
    let (predicates, names) = (&vocabulary.predicates, &vocabulary.names);
    // Only predicates some rule judges: functional ones, once-only events, rule terms, and
    // states with their changes.
    let mut predicate_ids: Vec<String> = predicates
        .values()
        .filter(|p| p.functional || p.once)
        .map(|p| p.id.clone())
        .chain(
            rules
                .iter()
                .flat_map(|r| [r.share.clone(), r.part.clone(), r.whole.clone()]),
        )
        .chain(conflicts::states::predicates(predicates))
        .collect();
    predicate_ids.sort();
    predicate_ids.dedup();
    let engine = Engine::new(Context {
        predicates,
        sources: &sources,
        rules: &rules,
        names,
        all,
    });
    let resolutions = query::resolutions(conn)?;
    let decisions = Decisions::new(&resolutions);
    let mut tally = Tally {
        open: 0,
        tensions: 0,
        resolved: 0,
        entries: 0,
        cleared: Vec::new(),
    };
    let mut cleared = Vec::new();
    // Judges one subject's facts and hands on its entries; returns how many facts it judged.
    // `conn` reads the entries' claims when `provenance` says so.
    let mut per_subject = |facts: Vec<conflicts::Fact>,
                           rows: Vec<i64>,
                           conn: Option<&Connection>,
                           each: &mut dyn FnMut(Batch) -> Result<()>|
     -> Result<usize> {
        let subject = std::sync::Arc::new(SubjectFacts::new(facts, rows));
        // A predicate's findings at a time (then those of the rules and states), each part in
        // report order: memory holds one part's entries, not the subject's.
        engine.subject_in_parts(&subject.facts, |part| -> Result<()> {
            let mut shown = Vec::new();
            for mut f in part {
                if f.verdict == Verdict::Consistent {
                    cleared.push((
                        f.kind,
                        ClearedView {
                            id: f.id,
                            kind: f.kind.as_str().to_string(),
                            verdict: f.verdict.as_str().to_string(),
                            subject: f.subject,
                            predicate: f.predicate,
                            claims: f.claims,
                            explanation: f.explanation,
                            reason: f.reading.clone(),
                            reading: f.reading,
                        },
                    ));
                    continue;
                }
                let resolution = decisions.latest(&f);
                match (&resolution, f.verdict) {
                    (Some(_), _) => tally.resolved += 1,
                    (None, Verdict::Conflict) => tally.open += 1,
                    (None, _) => tally.tensions += 1,
                }
                if let Some(suggestion) = f.suggestion.take() {
                    shown.push((f, suggestion, resolution));
                }
            }
            // The part's claims with their provenance, each read and built once however many
            // entries list it (a claim of a busy group is in many): read for at most BATCH
            // entries at a time, kept until the part is written. Each finding is moved into
            // its entry, not copied.
            let mut claims = Claims::default();
            let mut rest = shown.into_iter().peekable();
            let mut new_part = true;
            while rest.peek().is_some() {
                let batch: Vec<_> = rest.by_ref().take(BATCH).collect();
                if provenance == Provenance::Read {
                    let Some(conn) = conn else {
                        anyhow::bail!("the conflicts' claims were to be read with no connection");
                    };
                    claims.read(
                        conn,
                        &vocabulary,
                        &sources,
                        &subject,
                        batch.iter().map(|(f, _, _)| &f.claims),
                    )?;
                }
                tally.entries += batch.len();
                let entries = batch
                    .into_iter()
                    .map(|(f, suggestion, resolution)| {
                        let (verdict, kind) = (f.verdict, f.kind);
                        let (view, unread) =
                            view(&vocabulary, f, suggestion, resolution, &claims, provenance);
                        Pending {
                            view,
                            verdict,
                            kind,
                            unread,
                        }
                    })
                    .collect();
                each(Batch {
                    new_part,
                    subject: subject.clone(),
                    entries,
                })?;
                new_part = false;
            }
            Ok(())
        })?;
        Ok(subject.facts.len())
    };
    let mut seen = 0;
    match (only, hand) {
        (Some(subject), Hand::Here(each, judged)) => {
            let (facts, rows) = db::conflicts::of_subject_with_rows(conn, subject, &predicate_ids)?;
            seen += per_subject(facts, rows, Some(conn), each)?;
            judged(seen);
        }
        (None, Hand::Here(each, judged)) => {
            db::conflicts::for_each_subject_with_rows(conn, &predicate_ids, |facts, rows| {
                seen += per_subject(facts, rows, Some(conn), each)?;
                judged(seen);
                Ok(())
            })?
        }
        // The facts are read here while another thread judges the subject read before. No
        // subject waits between the two: memory holds the facts of the subject judged and of
        // the one read next (and those the writer's batches still share).
        (_, Hand::Beside(each, judged)) => std::thread::scope(|scope| -> Result<()> {
            let (send, receive) =
                std::sync::mpsc::sync_channel::<(Vec<conflicts::Fact>, Vec<i64>)>(0);
            let judging = scope.spawn(move || -> Result<()> {
                for (facts, rows) in receive {
                    seen += per_subject(facts, rows, None, each)?;
                    judged(seen);
                }
                Ok(())
            });
            let read =
                db::conflicts::for_each_subject_with_rows(conn, &predicate_ids, |facts, rows| {
                    // Fails only when the judging has stopped, on an error it returns below.
                    send.send((facts, rows))
                        .map_err(|_| anyhow::anyhow!("the conflicts' judging stopped"))
                });
            drop(send);
            match judging.join() {
                Ok(judged) => judged?,
                Err(panic) => std::panic::resume_unwind(panic),
            }
            read
        })?,
    }
    cleared.sort_by(|(ka, a), (kb, b)| {
        (ka, &a.subject, &a.predicate, &a.id).cmp(&(kb, &b.subject, &b.predicate, &b.id))
    });
    tally.cleared = cleared.into_iter().map(|(_, c)| c).collect();
    Ok(tally)
}

/// A finding as the report shows it: names for ids, and its claims with their provenance when
/// `read` holds them; with [`Provenance::Defer`], the ids of its claims left to read.
fn view(
    vocabulary: &Vocabulary,
    f: Finding,
    suggestion: Suggestion,
    resolution: Option<Resolution>,
    read: &Claims,
    provenance: Provenance,
) -> (ConflictView, Vec<String>) {
    let (predicates, names) = (&vocabulary.predicates, &vocabulary.names);
    let (claims, unread) = if provenance == Provenance::Defer {
        (Vec::new(), f.claims)
    } else {
        (read.listed(&f.claims), Vec::new())
    };
    let qualifiers: BTreeMap<String, Vec<String>> = f
        .qualifiers
        .into_iter()
        .map(|(k, ids)| {
            let shown = ids
                .into_iter()
                .map(|id| names.get(&id).cloned().unwrap_or(id))
                .collect();
            (k, shown)
        })
        .collect();
    let view = ConflictView {
        subject_name: names
            .get(&f.subject)
            .cloned()
            .unwrap_or_else(|| f.subject.clone()),
        predicate_label: predicates
            .get(&f.predicate)
            .map_or_else(|| f.predicate.clone(), |p| p.label.clone()),
        id: f.id,
        kind: f.kind.as_str().to_string(),
        verdict: f.verdict.as_str().to_string(),
        status: if resolution.is_some() {
            "resolved"
        } else {
            "open"
        }
        .to_string(),
        subject: f.subject,
        predicate: f.predicate,
        qualifiers,
        explanation: f.explanation,
        reading: f.reading,
        suggestion,
        implied_annual_change: f.implied_annual_change,
        series_gap: f.series_gap,
        series_gap_points: f.series_gap_points,
        outlier: f.outlier,
        replaces: f.replaces,
        sides: f.sides,
        claims,
        resolution,
    };
    (view, unread)
}

/// Claims as a report shows them, read by id: each once, whatever the number of entries
/// that list it. A claim that is not current is remembered as absent.
#[derive(Default)]
struct Claims {
    built: HashMap<String, Option<SharedClaim>>,
}

impl Claims {
    /// The claims of `ids` that were read and are current, in that order.
    fn listed(&self, ids: &[String]) -> Vec<SharedClaim> {
        ids.iter()
            .filter_map(|id| self.built.get(id.as_str()).and_then(Option::as_ref))
            .cloned()
            .collect()
    }

    /// Reads the claims listed in `lists` not read before: each by its row among `subject`'s
    /// facts, its value as the fact has it, its label and time in words and its rank from its
    /// stored timeline row, then the citations of those rows, in one read each.
    fn read<'f>(
        &mut self,
        conn: &Connection,
        vocabulary: &Vocabulary,
        sources: &HashMap<String, Source>,
        subject: &SubjectFacts,
        lists: impl Iterator<Item = &'f Vec<String>>,
    ) -> Result<()> {
        let mut ids: Vec<&String> = lists
            .flatten()
            .filter(|id| !self.built.contains_key(id.as_str()))
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        ids.sort_unstable();
        ids.dedup();
        // Claims that are not among the subject's facts, or whose timeline row is not stored
        // yet, are read whole.
        let mut whole: Vec<String> = Vec::new();
        let mut found: HashMap<i64, &conflicts::Fact> = HashMap::with_capacity(ids.len());
        for id in &ids {
            match subject.find(id) {
                Some((fact, row)) => {
                    found.insert(row, fact);
                }
                None => whole.push((*id).clone()),
            }
        }
        let mut rows: Vec<(i64, &str)> = found.iter().map(|(r, f)| (*r, f.id.as_str())).collect();
        rows.sort_unstable();
        let ready = db::conflicts::ready_heads(conn, rows.iter().copied())?;
        let mut cited: Vec<i64> = ready.iter().map(|r| r.row).collect();
        cited.sort_unstable();
        let mut citations: HashMap<i64, Vec<ConflictCitation>> = HashMap::new();
        db::conflicts::listed_citations(conn, &cited, |row, c| {
            citations.entry(row).or_default().push(citation(c, sources));
            Ok(())
        })?;
        for r in ready {
            let Some(fact) = found.remove(&r.row) else {
                continue;
            };
            let words: HeadWords = serde_json::from_str(&format!("{{{}}}", r.head))
                .with_context(|| format!("while reading the stored row of claim `{}`", fact.id))?;
            let view = ConflictClaim {
                claim: fact.id.clone(),
                label: words.label,
                value: match &fact.value {
                    Value::None => None,
                    other => Some(other.clone()),
                },
                when: words.when,
                when_text: words.when_text,
                rank: r.rank,
                citations: citations.remove(&r.row).unwrap_or_default(),
            };
            self.built
                .insert(view.claim.clone(), Some(SharedClaim::new(view)));
        }
        whole.extend(found.into_values().map(|f| f.id.clone()));
        if !whole.is_empty() {
            for stored in query::current_claims(conn, &whole)? {
                let view = claim_view(vocabulary, &stored, sources);
                self.built
                    .insert(stored.claim.id.clone(), Some(SharedClaim::new(view)));
            }
        }
        for id in ids {
            self.built.entry(id.clone()).or_insert(None);
        }
        Ok(())
    }
}

/// The recorded decisions, found by the id they name and by the claims those ids list.
struct Decisions<'r> {
    by_id: HashMap<&'r str, Vec<&'r Resolution>>,
    /// Claim id → decisions whose conflict id lists that claim.
    by_claim: HashMap<&'r str, Vec<&'r Resolution>>,
}

impl<'r> Decisions<'r> {
    fn new(resolutions: &'r [Resolution]) -> Decisions<'r> {
        let mut by_id: HashMap<&str, Vec<&Resolution>> = HashMap::new();
        let mut by_claim: HashMap<&str, Vec<&Resolution>> = HashMap::new();
        for r in resolutions {
            by_id.entry(r.conflict.as_str()).or_default().push(r);
            if let Some((_, ids)) = r.conflict.split_once(':') {
                for id in ids.split('+') {
                    by_claim.entry(id).or_default().push(r);
                }
            }
        }
        Decisions { by_id, by_claim }
    }

    /// The latest decision for a finding: recorded against its id or an id it replaces (the
    /// separate entries of one inconsistency, before they were gathered), or against an id of
    /// the pairwise engine that named claims of this finding on at least two of its sides (those
    /// ids listed every claim of the pair; a finding names one claim per side).
    fn latest(&self, f: &Finding) -> Option<Resolution> {
        let legacy = |r: &&&Resolution| {
            let Some((kind, ids)) = r.conflict.split_once(':') else {
                return false;
            };
            let kind_matches = kind == f.kind.as_str()
                || (kind == "implausible_change" && f.kind == conflicts::Kind::Value);
            let named: Vec<&str> = ids.split('+').collect();
            let sides_touched = f
                .sides
                .iter()
                .filter(|s| s.claims.iter().any(|c| named.contains(&c.as_str())))
                .count();
            kind_matches
                && named.len() >= 2
                && named.iter().all(|id| f.claims.iter().any(|c| c == id))
                && sides_touched >= 2
        };
        let exact = std::iter::once(&f.id)
            .chain(&f.replaces)
            .filter_map(|id| self.by_id.get(id.as_str()))
            .flatten();
        let named = f
            .claims
            .iter()
            .filter_map(|c| self.by_claim.get(c.as_str()))
            .flatten()
            .filter(legacy);
        exact
            .chain(named)
            .max_by(|a, b| a.recorded_at.cmp(&b.recorded_at))
            .map(|r| (*r).clone())
    }
}

/// What a conflicts report takes of a claim's stored timeline row ([`db::ready::ReadyParts`]'s
/// `head`), as the timeline entry words it.
#[derive(serde::Deserialize)]
struct HeadWords {
    when: String,
    when_text: String,
    label: String,
}

fn claim_view(
    vocabulary: &Vocabulary,
    s: &query::StoredClaim,
    sources: &HashMap<String, Source>,
) -> ConflictClaim {
    let entry = vocabulary.entry(s);
    ConflictClaim {
        claim: entry.claim,
        label: entry.label,
        value: entry.value,
        when: entry.when,
        when_text: entry.when_text,
        rank: entry.rank,
        citations: entry
            .citations
            .into_iter()
            .map(|ci| citation(ci, sources))
            .collect(),
    }
}

/// A citation with its source's title and grade.
fn citation(ci: Citation, sources: &HashMap<String, Source>) -> ConflictCitation {
    let source = sources.get(&ci.source);
    ConflictCitation {
        reliability: source.map(|s| s.reliability.clone()),
        source_title: source.map(|s| s.title.clone()),
        source: ci.source,
        quote: ci.quote,
        locator: ci.locator,
        credibility: ci.credibility,
        method: ci.method,
        extractor_score: ci.extractor_score,
    }
}

#[cfg(test)]
mod page_tests {
    /// A claim read once for the many entries that list it is what a read for each entry
    /// alone gives: every entry's claims, in its order, with their provenance.
    #[test]
    fn claims_read_once_are_those_each_entry_reads_alone() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let vocabulary = super::Vocabulary::read(&conn).unwrap();
        let sources = super::query::sources(&conn).unwrap();
        let mut entries = 0;
        let mut shared = std::collections::HashMap::new();
        super::judge(&conn, false, true, &mut |_| {}, &mut |view, _, _| {
            let ids: Vec<String> = view.claims.iter().map(|c| c.claim.clone()).collect();
            let alone = super::query::current_claims(&conn, &ids)?;
            let by_id: std::collections::HashMap<&str, _> =
                alone.iter().map(|s| (s.claim.id.as_str(), s)).collect();
            for claim in &view.claims {
                let fresh = super::claim_view(&vocabulary, by_id[claim.claim.as_str()], &sources);
                assert_eq!(
                    serde_json::to_string(claim)?,
                    serde_json::to_string(&fresh)?,
                    "{}",
                    view.id
                );
                *shared.entry(claim.claim.clone()).or_insert(0) += 1;
            }
            entries += 1;
            Ok(())
        })
        .unwrap();
        assert!(entries > 3);
        assert!(
            shared.values().any(|n| *n > 1),
            "some claim is in several entries"
        );
    }

    /// Entries whose claims are read on a second connection of the same snapshot are those
    /// read with their claims on the judging one, in the same order.
    #[test]
    fn claims_read_on_a_second_connection_are_those_read_while_judging() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.db");
        crate::db::load_bundled(&mut crate::db::open(&path).unwrap()).unwrap();
        let open = || crate::db::open_for_reading(&path);
        let entries = |provenance| -> Vec<String> {
            let first = open().unwrap();
            crate::db::begin_reading(&first).unwrap();
            let second = crate::db::conflicts::second_reader(&first, open)
                .unwrap()
                .unwrap();
            let mut reader = super::ClaimReader::new(&second).unwrap();
            let mut out = Vec::new();
            super::judge_batches(&first, true, provenance, &mut |_| {}, &mut |mut batch| {
                if provenance == super::Provenance::Defer {
                    reader.complete(&mut batch)?;
                }
                for p in batch.entries {
                    assert!(p.unread.is_empty());
                    out.push(serde_json::to_string(&p.view)?);
                }
                Ok(())
            })
            .unwrap();
            out
        };
        let read_here = entries(super::Provenance::Read);
        assert!(read_here.len() > 3);
        assert!(read_here.iter().all(|e| e.contains("\"quote\"")));
        assert_eq!(entries(super::Provenance::Defer), read_here);
        // Judged on a thread beside the one that reads the facts, the batches come in the
        // same order with the same entries.
        let first = open().unwrap();
        crate::db::begin_reading(&first).unwrap();
        let second = crate::db::conflicts::second_reader(&first, open)
            .unwrap()
            .unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        let mut seen = Vec::new();
        super::judge_batches_beside(&first, true, &mut |n| seen.push(n), &mut |batch| {
            send.send(batch)?;
            Ok(())
        })
        .unwrap();
        drop(send);
        assert!(seen.windows(2).all(|w| w[0] < w[1]) && !seen.is_empty());
        let mut reader = super::ClaimReader::new(&second).unwrap();
        let mut beside = Vec::new();
        for mut batch in receive {
            reader.complete(&mut batch).unwrap();
            for p in batch.entries {
                beside.push(serde_json::to_string(&p.view).unwrap());
            }
        }
        assert_eq!(beside, read_here);
    }

    /// Every page of the report, read on its own, is the report's slice at that page.
    #[test]
    fn pages_are_slices_of_the_report() {
        let mut conn = crate::db::open_in_memory().unwrap();
        crate::db::load_bundled(&mut conn).unwrap();
        let whole = super::report(&conn, false, &mut |_| {}).unwrap();
        let ids: Vec<&str> = whole.conflicts.iter().map(|c| c.id.as_str()).collect();
        assert!(ids.len() > 3, "the bundle has conflicts to page through");
        for size in [1, 2, 3] {
            for start in (0..ids.len() + size).step_by(size) {
                let (page, total) = super::report_page(&conn, None, start..start + size).unwrap();
                assert_eq!(total, ids.len());
                assert_eq!(page.open, whole.open);
                assert_eq!(page.tensions, whole.tensions);
                let got: Vec<&str> = page.conflicts.iter().map(|c| c.id.as_str()).collect();
                let end = (start + size).min(ids.len());
                let want = if start < ids.len() {
                    &ids[start..end]
                } else {
                    &[][..]
                };
                assert_eq!(got, want, "page {start}..{}", start + size);
            }
        }
    }
}
