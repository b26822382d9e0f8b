//! The read model: what commands show, built from what the store holds. A timeline entry, a
//! claim with its citations, sources and history, an entity or a source with the claims that
//! involve it. Commands build on these and never on each other; [`crate::output`] lays them
//! out. No SQL here (queries are in [`crate::db`]) and no printing.

pub mod chart;
pub mod conflicts;
pub mod diff;
pub mod timeline;

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use crate::db::query::{self, StoredClaim};
use crate::db::ready::ReadyRow;
use crate::label::label;
use crate::model::{Citation, Claim, Entity, Predicate, SeriesValue, Source, Value};

/// What labels need from the store: entity names and predicates, read once.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Display names of entities, by id.
    pub names: HashMap<String, String>,
    /// Every current predicate, by id.
    pub predicates: HashMap<String, Predicate>,
    /// The sources of kind `dataset` (tables read by a mapping), with their titles, by id: a
    /// claim cited only from them is a dataset row.
    pub datasets: HashMap<String, String>,
}

impl Vocabulary {
    /// Reads the names and predicates of the store.
    pub fn read(conn: &Connection) -> Result<Vocabulary> {
        Ok(Vocabulary {
            names: query::entity_names(conn)?,
            predicates: query::predicates(conn)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            datasets: query::sources(conn)?
                .into_values()
                .filter(|s| s.kind == "dataset")
                .map(|s| (s.id, s.title))
                .collect(),
        })
    }

    /// The one-line label of a claim.
    pub fn label(&self, claim: &Claim) -> String {
        label(claim, self.predicates.get(&claim.predicate), &self.names)
    }

    /// A claim as a timeline entry.
    pub fn entry(&self, stored: &StoredClaim) -> TimelineEntry {
        let mut e = entry(
            stored,
            self.predicates.get(&stored.claim.predicate),
            &self.names,
        );
        e.dataset = self.is_dataset_row(&e.citations);
        e
    }

    /// True when every citation is from a dataset (and there is one): a row of a table.
    pub fn is_dataset_row(&self, citations: &[Citation]) -> bool {
        !citations.is_empty()
            && citations
                .iter()
                .all(|c| self.datasets.contains_key(&c.source))
    }

    /// [`Vocabulary::is_dataset_row`] for a ready row, from the source ids it stores.
    pub fn is_dataset_ready(&self, row: &ReadyRow) -> bool {
        let mut sources = row.sources().peekable();
        sources.peek().is_some() && sources.all(|id| self.datasets.contains_key(id))
    }

    /// A claim's line in a list: id, time and label.
    pub fn line(&self, stored: &StoredClaim) -> ClaimLine {
        ClaimLine {
            claim: stored.claim.id.clone(),
            when: stored.claim.when.human(),
            label: self.label(&stored.claim),
        }
    }

    /// The name of an entity, or its id when it has none.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

/// One timeline entry: the JSON contract documented in the README.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// The claim id.
    pub claim: String,
    /// Valid time, EDTF.
    pub when: String,
    /// The valid time in words (`2009–2011`, `until 2032`).
    pub when_text: String,
    /// Earliest possible day (ISO 8601), or null for an open start.
    pub earliest: Option<String>,
    /// Latest possible day (ISO 8601), or null for an open end.
    pub latest: Option<String>,
    pub precision: String,
    /// One human line.
    pub label: String,
    pub subject: String,
    pub predicate: String,
    /// Every entity involved: subject, object, qualifier values.
    pub entities: Vec<String>,
    /// The typed value, or null for predicates without one.
    pub value: Option<Value>,
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub rank: String,
    pub note: Option<String>,
    pub citations: Vec<Citation>,
    /// True for a dataset row: a claim cited only from sources of kind `dataset` (a row of a
    /// table read by a mapping), false for a claim a document gives.
    pub dataset: bool,
    /// For a document's figure: the reference series' values for its time (omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesValue>,
    /// For a timeline of an entity (`--entity`): the place in it through which this claim is
    /// shown, when the claim involves the place (a city, a base) and not the entity itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The same in words for the human formats: `in Aktobe, Kazakhstan`.
    #[serde(skip)]
    pub place_text: Option<String>,
    /// For the human formats: the reference series this one line stands for (never in JSON,
    /// which keeps every row).
    #[serde(skip)]
    pub summary: Option<timeline::SeriesSummary>,
}

/// A timeline with what the richer formats need besides its entries.
#[derive(Debug, Clone)]
pub struct TimelineDoc<'a> {
    pub title: String,
    /// One line on what is shown (counts, filters).
    pub description: String,
    pub entries: &'a [TimelineEntry],
    /// The group (lane) of each entry, parallel to `entries`.
    pub groups: Vec<String>,
    /// Every source cited, by id.
    pub sources: &'a BTreeMap<String, Source>,
    /// Display names of entities, by id.
    pub names: &'a HashMap<String, String>,
    /// For the svg and html outputs: each quantity a reference series covers, as a chart.
    pub charts: &'a [chart::FigureChart],
}

/// Everything `show` prints about a claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    /// What this is: `claim`, `entity` or `source`.
    pub record: &'static str,
    #[serde(flatten)]
    pub entry: TimelineEntry,
    pub origin: Option<String>,
    pub recorded_at: String,
    /// When the claim was retracted, if it is no longer current (its data file or table no
    /// longer holds it): what is shown is its last recorded version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<String>,
    /// Earlier versions of the claim: when each was recorded and retracted.
    pub history: Vec<Version>,
    /// Every version, oldest first, with what each changed (`show --history`).
    pub versions: Vec<Version>,
    /// The decisions about it, oldest first.
    pub decisions: Vec<ClaimDecision>,
    /// The sources cited, by id.
    pub sources: BTreeMap<String, Source>,
    /// Names of the entities involved, by id.
    pub names: BTreeMap<String, String>,
}

/// One past version of a claim.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub recorded_at: String,
    pub retracted_at: Option<String>,
    pub label: String,
    pub when: String,
    /// The data file or table it came from.
    pub origin: Option<String>,
    /// The git commit that file was at when the version was recorded, where the data files
    /// are kept in git (its last commit up to then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// What it changed in the version before it, field by field (empty for the first).
    pub changes: Vec<diff::FieldChange>,
}

/// A decision about a claim: a rank given to it, or a conflict resolved for or against it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimDecision {
    pub recorded_at: String,
    pub by: String,
    /// `preferred`, `deprecated` or `normal`.
    pub rank: String,
    pub reason: String,
    /// The conflict the decision resolved, when it was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
}

/// Everything `show` prints about an entity.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// What this is: `claim`, `entity` or `source`.
    pub record: &'static str,
    #[serde(flatten)]
    pub entity: Entity,
    pub claims: Vec<ClaimLine>,
}

/// Everything `show` prints about a source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// What this is: `claim`, `entity` or `source`.
    pub record: &'static str,
    #[serde(flatten)]
    pub source: Source,
    pub claims: Vec<ClaimLine>,
}

/// A claim in a list: id, time and label.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLine {
    pub claim: String,
    pub when: String,
    pub label: String,
}

/// One timeline entry: the claim with its label, bounds and words for its date.
pub fn entry(
    stored: &StoredClaim,
    predicate: Option<&Predicate>,
    names: &HashMap<String, String>,
) -> TimelineEntry {
    let c = &stored.claim;
    TimelineEntry {
        claim: c.id.clone(),
        when: c.when.as_str().to_string(),
        when_text: c.when.human(),
        earliest: c.when.earliest().map(|d| d.to_string()),
        latest: c.when.latest().map(|d| d.to_string()),
        precision: c.when.precision().as_str().to_string(),
        label: label(c, predicate, names),
        subject: c.subject.clone(),
        predicate: c.predicate.clone(),
        entities: c.entities(),
        value: match &c.value {
            Value::None => None,
            other => Some(other.clone()),
        },
        qualifiers: c.qualifiers.clone(),
        rank: stored.rank.clone(),
        note: c.note.clone(),
        citations: c.citations.clone(),
        dataset: false,
        series: Vec::new(),
        place: None,
        place_text: None,
        summary: None,
    }
}

/// Writes a ready row as one JSON line, byte for byte what serialising its [`TimelineEntry`]
/// writes: the stored members with the rank, the dataset flag, the series values and the place
/// put in their places.
pub fn write_ready_line(
    out: &mut dyn std::io::Write,
    row: &ReadyRow,
    dataset: bool,
    series: &[SeriesValue],
    place: Option<&str>,
) -> std::io::Result<()> {
    out.write_all(b"{")?;
    out.write_all(row.parts.head.as_bytes())?;
    out.write_all(b",\"rank\":")?;
    serde_json::to_writer(&mut *out, &row.rank)?;
    out.write_all(b",")?;
    out.write_all(row.parts.tail.as_bytes())?;
    out.write_all(if dataset {
        b",\"dataset\":true"
    } else {
        b",\"dataset\":false"
    })?;
    if !series.is_empty() {
        out.write_all(b",\"series\":")?;
        serde_json::to_writer(&mut *out, series)?;
    }
    if let Some(place) = place {
        out.write_all(b",\"place\":")?;
        serde_json::to_writer(&mut *out, place)?;
    }
    out.write_all(b"}\n")
}

/// A claim by id with its citations, their sources and its earlier versions; `None` when no
/// claim has this id.
pub fn claim(conn: &Connection, vocabulary: &Vocabulary, id: &str) -> Result<Option<ClaimView>> {
    let versions = query::claim_versions(conn, id)?;
    let Some((latest, earlier)) = versions.split_last() else {
        return Ok(None);
    };
    let mut sources = BTreeMap::new();
    for c in &latest.claim.citations {
        if let Some((s, _)) = query::source(conn, &c.source)? {
            sources.insert(c.source.clone(), s);
        }
    }
    let root = crate::db::datafiles::data_root(conn)?.map(std::path::PathBuf::from);
    let mut versions: Vec<Version> = Vec::with_capacity(earlier.len() + 1);
    let mut previous: Option<&StoredClaim> = None;
    for v in earlier.iter().chain(std::iter::once(latest)) {
        let changes = previous.map_or_else(Vec::new, |p| {
            diff::claim_changes(&p.claim, &v.claim, vocabulary, vocabulary)
        });
        versions.push(Version {
            recorded_at: v.recorded_at.clone(),
            retracted_at: v.retracted_at.clone(),
            label: vocabulary.label(&v.claim),
            when: v.claim.when.as_str().to_string(),
            origin: v.origin.clone(),
            revision: root
                .as_deref()
                .zip(v.origin.as_deref())
                .and_then(|(root, file)| {
                    crate::revision::commit_before(root, file, &v.recorded_at)
                }),
            changes,
        });
        previous = Some(v);
    }
    let history: Vec<Version> = versions
        .iter()
        .filter(|v| v.retracted_at.is_some())
        .cloned()
        .collect();
    let mut decisions: Vec<ClaimDecision> =
        crate::db::history::assessments(conn, Some(id), "", crate::db::history::END_OF_TIME)?
            .into_iter()
            .map(|a| ClaimDecision {
                recorded_at: a.recorded_at,
                by: a.by,
                rank: a.rank,
                reason: a.reason,
                conflict: None,
            })
            .collect();
    let resolutions = crate::db::history::resolutions_naming(conn, id)?;
    // A resolution ranks its claims in the same write: say it once, as the resolution.
    decisions.retain(|d| {
        !resolutions
            .iter()
            .any(|r| r.recorded_at == d.recorded_at && r.by == d.by)
    });
    for r in resolutions {
        decisions.push(ClaimDecision {
            rank: if r.prefer == id {
                "preferred"
            } else {
                "deprecated"
            }
            .to_string(),
            recorded_at: r.recorded_at,
            by: r.by,
            reason: r.reason,
            conflict: Some(r.conflict),
        });
    }
    decisions.sort_by(|a, b| a.recorded_at.cmp(&b.recorded_at));
    let names = latest
        .claim
        .entities()
        .into_iter()
        .filter_map(|id| vocabulary.names.get(&id).map(|n| (id.clone(), n.clone())))
        .collect();
    Ok(Some(ClaimView {
        record: "claim",
        names,
        entry: vocabulary.entry(latest),
        origin: latest.origin.clone(),
        recorded_at: latest.recorded_at.clone(),
        retracted_at: latest.retracted_at.clone(),
        history,
        versions,
        decisions,
        sources,
    }))
}

/// A source by id with the current claims citing it.
pub fn source(conn: &Connection, vocabulary: &Vocabulary, id: &str) -> Result<Option<SourceView>> {
    let Some((source, _)) = query::source(conn, id)? else {
        return Ok(None);
    };
    // Each claim is kept as its line only: a source may be cited by a large share of them.
    let mut claims = Vec::new();
    query::each_claim_citing(conn, &source.id, &mut |stored| {
        claims.push(vocabulary.line(&stored));
        Ok(())
    })?;
    Ok(Some(SourceView {
        record: "source",
        source,
        claims,
    }))
}

/// An entity by id with the current claims that involve it.
pub fn entity(conn: &Connection, vocabulary: &Vocabulary, id: &str) -> Result<Option<EntityView>> {
    let Some((entity, _)) = query::entity(conn, id)? else {
        return Ok(None);
    };
    let mut claims = Vec::new();
    query::each_claim_involving(conn, &entity.id, &mut |stored| {
        claims.push(vocabulary.line(&stored));
        Ok(())
    })?;
    Ok(Some(EntityView {
        record: "entity",
        entity,
        claims,
    }))
}
