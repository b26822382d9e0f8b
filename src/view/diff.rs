//! What changed between two moments of one database: claims added, changed (field by field)
//! and retracted; sources, entities and predicates added, revised and retracted; conflicts
//! opened, closed and changed in verdict; decisions recorded. The brief an analyst reads after
//! an absence: "since 1 December: 3 new claims about Kazakhstan, 1 new conflict, 1 resolved".

mod files;

pub use files::diff_files;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value as Json;

use crate::db::history::{self, Assessment};
use crate::db::query::{self, StoredClaim};
use crate::model::{Claim, Resolution, Value};
use crate::view::Vocabulary;

/// What to compare and what to keep.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The earlier moment (a stored instant: `2026-12-01T23:59:59Z`).
    pub since: String,
    /// The later moment.
    pub until: String,
    /// Keep only changes that involve one of these entity ids (subject, object or qualifier).
    pub entities: Vec<String>,
    /// Keep only claims and conflicts of these predicates.
    pub predicates: Vec<String>,
    /// Keep only claims citing one of these sources.
    pub sources: Vec<String>,
}

impl Options {
    fn filtered(&self) -> bool {
        !(self.entities.is_empty() && self.predicates.is_empty() && self.sources.is_empty())
    }

    fn keeps(&self, claim: &Claim) -> bool {
        (self.entities.is_empty() || claim.entities().iter().any(|e| self.entities.contains(e)))
            && (self.predicates.is_empty() || self.predicates.contains(&claim.predicate))
            && (self.sources.is_empty()
                || claim
                    .citations
                    .iter()
                    .any(|c| self.sources.contains(&c.source)))
    }

    fn keeps_conflict(&self, c: &ConflictState) -> bool {
        let mut entities = std::iter::once(&c.subject).chain(c.qualifiers.values().flatten());
        (self.entities.is_empty() || entities.any(|e| self.entities.contains(e)))
            && (self.predicates.is_empty() || self.predicates.contains(&c.predicate))
            && (self.sources.is_empty() || c.sources.iter().any(|s| self.sources.contains(s)))
    }
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// What was compared, in words: "1 December 2026 and 7 December 2026, 08:00:00 UTC" or
    /// "old.db and factline.db".
    pub compared: String,
    /// The two moments, for a comparison of one database at two moments (stored instants).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub since: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub until: String,
    pub summary: Summary,
    pub claims: Vec<ClaimChange>,
    pub vocabulary: Vec<ItemChange>,
    pub conflicts: Vec<ConflictChange>,
    pub decisions: Vec<Resolution>,
    pub assessments: Vec<Assessment>,
}

/// The counts a briefing opens with.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub claims_added: usize,
    pub claims_changed: usize,
    pub claims_retracted: usize,
    pub conflicts_opened: usize,
    pub conflicts_closed: usize,
    pub conflicts_changed: usize,
    pub conflicts_resolved: usize,
    pub decisions: usize,
    /// Entities the new claims are about (their subject), most first.
    pub new_claims_about: Vec<About>,
}

/// How many new claims are about one entity.
#[derive(Debug, Clone, Serialize)]
pub struct About {
    pub entity: String,
    pub name: String,
    pub claims: usize,
}

/// One claim id whose current version differs between the two moments.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimChange {
    pub claim: String,
    /// `added`, `changed` or `retracted`.
    pub change: &'static str,
    /// The claim's line at the later moment (at the earlier one when retracted).
    pub label: String,
    /// Its valid time (EDTF) and the same in words.
    pub when: String,
    pub when_text: String,
    pub subject: String,
    /// When the change was recorded: the new version's time, or the retraction's.
    pub recorded_at: String,
    /// The data file or table the version came from.
    pub origin: Option<String>,
    /// For `changed`: each field that differs, before and after.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

impl ClaimChange {
    /// The change `kind` to a claim, shown as `shown` (the version after, or the retracted one),
    /// recorded at `at`, with the `fields` that changed.
    fn of(
        kind: &'static str,
        shown: &StoredClaim,
        at: String,
        fields: Vec<FieldChange>,
        vocabulary: &Vocabulary,
    ) -> ClaimChange {
        ClaimChange {
            claim: shown.claim.id.clone(),
            change: kind,
            label: vocabulary.label(&shown.claim),
            when: shown.claim.when.as_str().to_string(),
            when_text: shown.claim.when.human(),
            subject: shown.claim.subject.clone(),
            recorded_at: at,
            origin: shown.origin.clone(),
            fields,
        }
    }
}

/// A field of a claim (or of a source, entity or predicate) before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Json,
    pub after: Json,
    /// The same in words, as the timeline writes them ("nearly 22 %", "c. 2011", names for ids).
    pub before_text: String,
    pub after_text: String,
}

/// A source, entity or predicate added, revised or retracted.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    /// `source`, `entity` or `predicate`.
    pub record: String,
    pub id: String,
    /// `added`, `changed` or `retracted`.
    pub change: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// A conflict or tension whose presence, verdict or decision differs between the moments.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictChange {
    pub conflict: String,
    /// `opened`, `closed` (no longer found: a claim changed or went), `changed` (verdict or
    /// kind), `resolved` (a decision now applies) or `reopened` (no decision applies any more).
    pub change: &'static str,
    pub subject_name: String,
    pub predicate_label: String,
    /// `verdict status` before and after (`conflict open`, `tension resolved`), when it existed.
    pub before: Option<String>,
    pub after: Option<String>,
    pub explanation: String,
}

/// What a diff needs of a conflict report entry: kept instead of the whole report, so that two
/// moments' reports are never held at once.
#[derive(Debug, Clone)]
pub struct ConflictState {
    pub id: String,
    pub kind: String,
    pub verdict: String,
    pub status: String,
    pub subject: String,
    pub subject_name: String,
    pub predicate: String,
    pub predicate_label: String,
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub explanation: String,
    /// The sources its claims cite.
    pub sources: BTreeSet<String>,
}

/// The entries of the conflicts report over `conn`'s claims, in report order, each reduced to
/// what a diff compares as it is judged. `judged` hears progress as in
/// [`crate::view::conflicts::judge`].
pub fn conflict_states(
    conn: &rusqlite::Connection,
    judged: &mut dyn FnMut(usize),
) -> anyhow::Result<Vec<ConflictState>> {
    let mut states = Vec::new();
    crate::view::conflicts::judge(conn, false, true, judged, &mut |c, verdict, kind| {
        let state = ConflictState {
            sources: c
                .claims
                .iter()
                .flat_map(|k| k.citations.iter().map(|ci| ci.source.clone()))
                .collect(),
            id: c.id,
            kind: c.kind,
            verdict: c.verdict,
            status: c.status,
            subject: c.subject,
            subject_name: c.subject_name,
            predicate: c.predicate,
            predicate_label: c.predicate_label,
            qualifiers: c.qualifiers,
            explanation: c.explanation,
        };
        states.push(((verdict, kind), state));
        Ok(())
    })?;
    // Each (verdict, kind) comes in report order already.
    states.sort_by_key(|(key, _)| *key);
    Ok(states.into_iter().map(|(_, state)| state).collect())
}

/// Whether a stored version was current at `instant`.
fn current_at(v: &StoredClaim, instant: &str) -> bool {
    v.recorded_at.as_str() <= instant && v.retracted_at.as_deref().is_none_or(|r| r > instant)
}

/// The fields in which two records differ, by name, compared as JSON.
pub fn fields<T: Serialize>(before: &T, after: &T) -> Vec<FieldChange> {
    let (Ok(Json::Object(a)), Ok(Json::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    json_fields(&a, &b)
}

fn json_fields(
    a: &serde_json::Map<String, Json>,
    b: &serde_json::Map<String, Json>,
) -> Vec<FieldChange> {
    let keys: Vec<&String> = a
        .keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .collect();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (
                a.get(k).unwrap_or(&Json::Null),
                b.get(k).unwrap_or(&Json::Null),
            );
            (x != y).then(|| FieldChange {
                field: k.clone(),
                before_text: json_text(x),
                after_text: json_text(y),
                before: x.clone(),
                after: y.clone(),
            })
        })
        .collect()
}

/// A JSON value in words: strings as they are, nothing as "—".
fn json_text(v: &Json) -> String {
    match v {
        Json::Null => "—".to_string(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The fields in which two versions of a claim differ, each in words as the timeline writes it
/// (names for ids); a figure that reads the same rounded is given exactly, so that a revision
/// of 9,742,085 to 9,742,099 is not shown as "9.74 million → 9.74 million".
pub fn claim_changes(
    before: &Claim,
    after: &Claim,
    vocab_before: &Vocabulary,
    vocab_after: &Vocabulary,
) -> Vec<FieldChange> {
    let mut changed = fields(before, after);
    // What a reader weighs first: the value and the time, then whom and what it is about.
    const ORDER: [&str; 8] = [
        "value",
        "when",
        "qualifiers",
        "subject",
        "predicate",
        "id",
        "note",
        "citations",
    ];
    changed.sort_by_key(|f| {
        ORDER
            .iter()
            .position(|k| *k == f.field)
            .unwrap_or(ORDER.len())
    });
    for f in &mut changed {
        f.before_text = claim_field_text(&f.field, before, vocab_before);
        f.after_text = claim_field_text(&f.field, after, vocab_after);
        if f.before_text == f.after_text
            && let (Value::Quantity(a), Value::Quantity(b)) = (&before.value, &after.value)
        {
            f.before_text = format!("{} {}", a.amount, a.unit);
            f.after_text = format!("{} {}", b.amount, b.unit);
        }
    }
    changed
}

/// One field of a claim in words, as the timeline writes it.
pub(crate) fn claim_field_text(field: &str, claim: &Claim, vocabulary: &Vocabulary) -> String {
    match field {
        "subject" => vocabulary.name(&claim.subject).to_string(),
        "predicate" => vocabulary
            .predicates
            .get(&claim.predicate)
            .map_or_else(|| claim.predicate.clone(), |p| p.label.clone()),
        "value" => match &claim.value {
            Value::Entity { entity } => vocabulary.name(entity).to_string(),
            Value::Quantity(q) => q.to_string(),
            Value::Text { text } => text.clone(),
            Value::None => "—".to_string(),
        },
        "qualifiers" => {
            let parts: Vec<String> = claim
                .qualifiers
                .iter()
                .map(|(k, ids)| {
                    let names: Vec<&str> = ids.iter().map(|id| vocabulary.name(id)).collect();
                    format!("{k} = {}", names.join(", "))
                })
                .collect();
            if parts.is_empty() {
                "—".to_string()
            } else {
                parts.join("; ")
            }
        }
        "when" => format!("{} ({})", claim.when.human(), claim.when.as_str()),
        "note" => claim.note.clone().unwrap_or_else(|| "—".to_string()),
        "citations" => claim
            .citations
            .iter()
            .map(|c| format!("{} ({}): \u{201c}{}\u{201d}", c.source, c.locator, c.quote))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Compares the database as it stood at `options.since` and at `options.until`. `plain` reads
/// the tables themselves; `before` and `after` are the database as known at each moment (see
/// [`crate::db::asof`]), whose conflict reports are given as `reports` (before, after) when the
/// caller judged them.
pub fn diff(
    plain: &Connection,
    before: &Connection,
    after: &Connection,
    reports: Option<(&[ConflictState], &[ConflictState])>,
    options: &Options,
) -> Result<Diff> {
    let (since, until) = (options.since.as_str(), options.until.as_str());
    let vocab_after = Vocabulary::read(after)?;
    let vocab_before = Vocabulary::read(before)?;
    let mut claims = Vec::new();
    history::claims_changed(plain, since, until, &mut |versions| {
        let old = versions.iter().rev().find(|v| current_at(v, since));
        let new = versions.iter().rev().find(|v| current_at(v, until));
        let change = match (old, new) {
            (None, Some(n)) => Some(("added", n, n.recorded_at.clone(), Vec::new())),
            (Some(o), None) => {
                let at = o.retracted_at.clone().unwrap_or_default();
                Some(("retracted", o, at, Vec::new()))
            }
            (Some(o), Some(n)) if o.row_id != n.row_id => {
                let changed = claim_changes(&o.claim, &n.claim, &vocab_before, &vocab_after);
                (!changed.is_empty()).then(|| ("changed", n, n.recorded_at.clone(), changed))
            }
            _ => None,
        };
        let Some((kind, shown, at, changed)) = change else {
            return Ok(());
        };
        let kept = options.keeps(&shown.claim) || old.is_some_and(|o| options.keeps(&o.claim));
        if !kept {
            return Ok(());
        }
        let vocabulary = if kind == "retracted" {
            &vocab_before
        } else {
            &vocab_after
        };
        claims.push(ClaimChange::of(kind, shown, at, changed, vocabulary));
        Ok(())
    })?;

    let vocabulary = vocabulary_changes(plain, before, after, options)?;

    let (conflicts, kept_conflicts) = conflict_changes(reports, options);
    let decisions = history::resolutions(plain, since, until)?;
    let assessments = history::assessments(plain, None, since, until)?;
    Ok(assemble(
        Compared {
            words: format!("{} and {}", moment(since), moment(until)),
            since,
            until,
        },
        claims,
        vocabulary,
        (conflicts, kept_conflicts),
        (decisions, assessments),
        options,
        &vocab_after,
    ))
}

/// What a diff compared: two moments of one database, or two files.
pub(crate) struct Compared<'a> {
    pub words: String,
    pub since: &'a str,
    pub until: &'a str,
}

/// An instant as a reader says it: `2026-12-01T23:59:59Z` → "1 December 2026"; another time
/// of day is added in UTC.
pub fn moment(instant: &str) -> String {
    let day = instant.get(..10).unwrap_or(instant);
    let words = crate::time::When::parse(day).map_or_else(|_| day.to_string(), |w| w.human());
    match instant.get(11..19) {
        Some("23:59:59") | None => words,
        Some(clock) => format!("{words}, {clock} UTC"),
    }
}

/// Conflicts opened, changed, resolved, reopened and closed between two reports, kept by the
/// filters, with the ids of those kept.
pub(crate) fn conflict_changes(
    reports: Option<(&[ConflictState], &[ConflictState])>,
    options: &Options,
) -> (Vec<ConflictChange>, BTreeSet<String>) {
    let mut conflicts = Vec::new();
    let mut kept_conflicts = BTreeSet::new();
    let Some((old, new)) = reports else {
        return (conflicts, kept_conflicts);
    };
    {
        let old_by_id: HashMap<&str, &ConflictState> =
            old.iter().map(|c| (c.id.as_str(), c)).collect();
        let new_by_id: HashMap<&str, &ConflictState> =
            new.iter().map(|c| (c.id.as_str(), c)).collect();
        for c in new {
            if !options.keeps_conflict(c) {
                continue;
            }
            kept_conflicts.insert(c.id.clone());
            let change = match old_by_id.get(c.id.as_str()) {
                None => Some("opened"),
                Some(o) if o.verdict != c.verdict || o.kind != c.kind => Some("changed"),
                Some(o) if o.status != c.status && c.status == "resolved" => Some("resolved"),
                Some(o) if o.status != c.status => Some("reopened"),
                Some(_) => None,
            };
            if let Some(change) = change {
                conflicts.push(conflict_change(
                    change,
                    old_by_id.get(c.id.as_str()).copied(),
                    Some(c),
                ));
            }
        }
        for o in old {
            if !new_by_id.contains_key(o.id.as_str()) && options.keeps_conflict(o) {
                kept_conflicts.insert(o.id.clone());
                conflicts.push(conflict_change("closed", Some(o), None));
            }
        }
    }

    (conflicts, kept_conflicts)
}

/// The diff from its parts: decisions kept by the filters and listed once, the summary counted.
pub(crate) fn assemble(
    compared: Compared<'_>,
    claims: Vec<ClaimChange>,
    vocabulary: Vec<ItemChange>,
    (conflicts, kept_conflicts): (Vec<ConflictChange>, BTreeSet<String>),
    (decisions, assessments): (Vec<Resolution>, Vec<Assessment>),
    options: &Options,
    vocab_after: &Vocabulary,
) -> Diff {
    let kept_claims: BTreeSet<&str> = claims.iter().map(|c| c.claim.as_str()).collect();
    let decisions: Vec<Resolution> = decisions
        .into_iter()
        .filter(|r| {
            !options.filtered()
                || kept_conflicts.contains(&r.conflict)
                || kept_claims.contains(r.prefer.as_str())
        })
        .collect();
    let assessments: Vec<Assessment> = assessments
        .into_iter()
        .filter(|a| !options.filtered() || kept_claims.contains(a.claim.as_str()))
        // A resolution ranks its claims in the same write: it is listed once, as the decision.
        .filter(|a| {
            !decisions
                .iter()
                .any(|r| r.recorded_at == a.recorded_at && r.by == a.by)
        })
        .collect();

    let mut about: BTreeMap<&str, usize> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.change == "added") {
        *about.entry(c.subject.as_str()).or_default() += 1;
    }
    let mut new_claims_about: Vec<About> = about
        .into_iter()
        .map(|(id, n)| About {
            entity: id.to_string(),
            name: vocab_after.name(id).to_string(),
            claims: n,
        })
        .collect();
    new_claims_about.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
    let count = |what: &str| claims.iter().filter(|c| c.change == what).count();
    let opened = |what: &str| conflicts.iter().filter(|c| c.change == what).count();
    let summary = Summary {
        claims_added: count("added"),
        claims_changed: count("changed"),
        claims_retracted: count("retracted"),
        conflicts_opened: opened("opened"),
        conflicts_closed: opened("closed"),
        conflicts_changed: opened("changed") + opened("reopened"),
        conflicts_resolved: opened("resolved"),
        decisions: decisions.len() + assessments.len(),
        new_claims_about,
    };
    Diff {
        compared: compared.words,
        since: compared.since.to_string(),
        until: compared.until.to_string(),
        summary,
        claims,
        vocabulary,
        conflicts,
        decisions,
        assessments,
    }
}

fn conflict_change(
    change: &'static str,
    old: Option<&ConflictState>,
    new: Option<&ConflictState>,
) -> ConflictChange {
    let state = |c: &ConflictState| format!("{} {}", c.verdict, c.status);
    let shown = new.or(old);
    ConflictChange {
        conflict: shown.map(|c| c.id.clone()).unwrap_or_default(),
        change,
        subject_name: shown.map(|c| c.subject_name.clone()).unwrap_or_default(),
        predicate_label: shown.map(|c| c.predicate_label.clone()).unwrap_or_default(),
        before: old.map(state),
        after: new.map(state),
        explanation: shown.map(|c| c.explanation.clone()).unwrap_or_default(),
    }
}

/// Sources, entities and predicates added, revised or retracted between the moments.
fn vocabulary_changes(
    plain: &Connection,
    before: &Connection,
    after: &Connection,
    options: &Options,
) -> Result<Vec<ItemChange>> {
    let (since, until) = (options.since.as_str(), options.until.as_str());
    let revised: HashMap<(String, String), history::Revised> =
        history::revised(plain, since, until)?
            .into_iter()
            .map(|r| ((r.table.clone(), r.id.clone()), r))
            .collect();
    let mut out = Vec::new();
    for table in ["source", "entity", "predicate"] {
        let old: BTreeSet<String> = history::ids(before, table)?.into_iter().collect();
        let new: BTreeSet<String> = history::ids(after, table)?.into_iter().collect();
        let wanted = |id: &str| match table {
            "entity" => options.entities.is_empty() || options.entities.iter().any(|e| e == id),
            "source" => options.sources.is_empty() || options.sources.iter().any(|s| s == id),
            _ => options.predicates.is_empty() || options.predicates.iter().any(|p| p == id),
        };
        let filtered = options.filtered();
        for id in new.difference(&old) {
            if !filtered || wanted(id) {
                out.push(item(table, id, "added", Vec::new()));
            }
        }
        for id in old.difference(&new) {
            if !filtered || wanted(id) {
                out.push(item(table, id, "retracted", Vec::new()));
            }
        }
        for id in old.intersection(&new) {
            let Some(r) = revised.get(&(table.to_string(), id.clone())) else {
                continue;
            };
            if filtered && !wanted(id) {
                continue;
            }
            let later = match history::wording_at(plain, table, id, until)? {
                Some(text) => serde_json::from_str(&text).unwrap_or(Json::Null),
                None => current_wording(plain, table, id)?,
            };
            let earlier: Json = serde_json::from_str(&r.previous).unwrap_or(Json::Null);
            let changed = match (&earlier, &later) {
                (Json::Object(a), Json::Object(b)) => json_fields(a, b),
                _ => Vec::new(),
            };
            if !changed.is_empty() {
                out.push(item(table, id, "changed", changed));
            }
        }
    }
    Ok(out)
}

fn item(table: &str, id: &str, change: &'static str, fields: Vec<FieldChange>) -> ItemChange {
    ItemChange {
        record: table.to_string(),
        id: id.to_string(),
        change,
        fields,
    }
}

/// The current wording of a source, entity or predicate as JSON (as `revision` keeps it).
fn current_wording(conn: &Connection, table: &str, id: &str) -> Result<Json> {
    let value = match table {
        "source" => query::source(conn, id)?.map(|(s, _)| serde_json::to_value(s)),
        "entity" => query::entity(conn, id)?.map(|(e, _)| serde_json::to_value(e)),
        _ => query::predicate(conn, id)?.map(|(p, _)| serde_json::to_value(p)),
    };
    Ok(value.transpose()?.unwrap_or(Json::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revised_figure_that_rounds_the_same_is_given_exactly() {
        let claim = |amount: f64, when: &str| Claim {
            id: "wb-1961".into(),
            subject: "kazakhstan".into(),
            predicate: "population".into(),
            value: Value::Quantity(crate::model::Quantity {
                amount,
                lower: None,
                upper: None,
                unit: "persons".into(),
                bound: crate::model::QuantityBound::Exact,
            }),
            qualifiers: BTreeMap::new(),
            when: crate::time::When::parse(when).unwrap(),
            note: None,
            citations: Vec::new(),
        };
        let vocabulary = Vocabulary {
            names: HashMap::from([("kazakhstan".to_string(), "Kazakhstan".to_string())]),
            predicates: HashMap::new(),
            datasets: HashMap::new(),
        };
        let changes = claim_changes(
            &claim(9_742_085.0, "1961"),
            &claim(9_742_099.0, "1962"),
            &vocabulary,
            &vocabulary,
        );
        let read: Vec<(&str, &str, &str)> = changes
            .iter()
            .map(|f| {
                (
                    f.field.as_str(),
                    f.before_text.as_str(),
                    f.after_text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("value", "9742085 persons", "9742099 persons"),
                ("when", "1961 (1961)", "1962 (1962)"),
            ]
        );
        let far = claim_changes(
            &claim(9_742_085.0, "1961"),
            &claim(12_000_000.0, "1961"),
            &vocabulary,
            &vocabulary,
        );
        assert_eq!(far[0].after_text, "12 million persons");
    }

    #[test]
    fn fields_lists_only_what_differs_in_written_order() {
        #[derive(Serialize)]
        struct R {
            a: u8,
            b: &'static str,
            c: Option<u8>,
        }
        let changed = fields(
            &R {
                a: 1,
                b: "x",
                c: None,
            },
            &R {
                a: 1,
                b: "y",
                c: Some(3),
            },
        );
        let names: Vec<&str> = changed.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["b", "c"]);
        assert_eq!(changed[0].before, Json::from("x"));
        assert_eq!(changed[1].after, Json::from(3));
    }
}
