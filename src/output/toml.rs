//! The dataset as TOML data files, in the shape `import` reads: what `factline export --format
//! toml` writes. Records are sorted by id (resolutions by time) so that export → import →
//! export gives identical files. Claims files are written a claim at a time as rows arrive.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::model::{ChangeUnit, Claim, Entity, Predicate, Resolution, Rule, Source, Value};

#[derive(Serialize)]
struct SourceFile<'a> {
    source: Vec<&'a Source>,
}

#[derive(Serialize)]
struct EntityFile<'a> {
    entity: Vec<EntityRecord<'a>>,
}

/// An entity as its data file has it: the entity and where it lies.
#[derive(Serialize)]
struct EntityRecord<'a> {
    #[serde(flatten)]
    entity: &'a Entity,
    #[serde(skip_serializing_if = "Option::is_none")]
    located_in: Option<&'a String>,
}

#[derive(Serialize)]
struct PredicateFile {
    predicate: Vec<PredicateRecord>,
}

#[derive(Serialize)]
struct PredicateRecord {
    id: String,
    label: String,
    value_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    functional: bool,
    #[serde(skip_serializing_if = "is_false")]
    once: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_annual_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    typical_annual_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change_unit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparable_within_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cues: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<&'static str>,
}

#[derive(Serialize)]
struct ClaimFile {
    claim: Vec<ClaimRecord>,
}

#[derive(Serialize)]
struct ClaimRecord {
    id: String,
    subject: String,
    predicate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    when: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<QuantityRecord>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    qualifiers: BTreeMap<String, Vec<String>>,
    citation: Vec<CitationRecord>,
}

#[derive(Serialize)]
struct QuantityRecord {
    amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upper: Option<f64>,
    unit: String,
    bound: &'static str,
}

#[derive(Serialize)]
struct CitationRecord {
    source: String,
    quote: String,
    locator: String,
    method: &'static str,
    credibility: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    extractor_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    curator: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Serialize)]
struct RuleFile {
    rule: Vec<RuleRecord>,
}

#[derive(Serialize)]
struct RuleRecord {
    id: String,
    kind: &'static str,
    share: String,
    part: String,
    whole: String,
    qualifier: String,
    within_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct ResolutionFile<'a> {
    resolution: Vec<&'a Resolution>,
}

fn to_toml<T: Serialize>(header: &str, value: &T) -> Result<String, toml::ser::Error> {
    Ok(format!("{header}\n\n{}", toml::to_string(value)?))
}

fn claim_record(c: &Claim) -> ClaimRecord {
    let (object, text, quantity) = match &c.value {
        Value::Entity { entity } => (Some(entity.clone()), None, None),
        Value::Text { text } => (None, Some(text.clone()), None),
        Value::Quantity(q) => (
            None,
            None,
            Some(QuantityRecord {
                amount: q.amount,
                lower: q.lower,
                upper: q.upper,
                unit: q.unit.clone(),
                bound: q.bound.as_str(),
            }),
        ),
        Value::None => (None, None, None),
    };
    ClaimRecord {
        id: c.id.clone(),
        subject: c.subject.clone(),
        predicate: c.predicate.clone(),
        object,
        text,
        when: c.when.as_str().to_string(),
        note: c.note.clone(),
        quantity,
        qualifiers: c.qualifiers.clone(),
        citation: c
            .citations
            .iter()
            .map(|ci| CitationRecord {
                source: ci.source.clone(),
                quote: ci.quote.clone(),
                locator: ci.locator.clone(),
                method: ci.method.as_str(),
                credibility: ci.credibility,
                extractor_score: ci.extractor_score,
                curator: ci.curator.clone(),
            })
            .collect(),
    }
}

/// Claims as `[[claim]]` tables (each with its `[[claim.citation]]` tables), separated by a
/// blank line: what a data file that collects claims one at a time appends.
pub fn claims_toml(claims: &[Claim]) -> Result<String, toml::ser::Error> {
    let mut out = String::new();
    for claim in claims {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&toml::to_string(&ClaimFile {
            claim: vec![claim_record(claim)],
        })?);
    }
    Ok(out)
}

/// The first line of every exported file.
const NOTE: &str = "# Written by `factline export --format toml`.";

/// A claims file written a claim at a time, the claims coming in id order: the same bytes as
/// the whole file serialised at once (`[[claim]]` tables separated by a blank line).
pub struct ClaimsToml<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> ClaimsToml<W> {
    /// Writes the header note.
    pub fn new(mut out: W) -> io::Result<ClaimsToml<W>> {
        write!(out, "{NOTE}\n\n")?;
        Ok(ClaimsToml { out, written: 0 })
    }

    /// Writes one claim.
    pub fn write(&mut self, claim: &Claim) -> io::Result<()> {
        let file = ClaimFile {
            claim: vec![claim_record(claim)],
        };
        let text = toml::to_string(&file).map_err(io::Error::other)?;
        if self.written > 0 {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(text.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    /// Flushes the file; an empty one holds an empty claim list, as a whole file would.
    /// Ends the file and hands the writer back (to commit an atomic file, say).
    pub fn finish(mut self) -> io::Result<W> {
        if self.written == 0 {
            let empty =
                toml::to_string(&ClaimFile { claim: Vec::new() }).map_err(io::Error::other)?;
            self.out.write_all(empty.as_bytes())?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The files of an export other than the claims files (see [`ClaimsToml`]): (path relative to
/// the output directory, contents).
pub fn dataset_files(
    sources: &[Source],
    entities: &[Entity],
    places: &std::collections::HashMap<String, String>,
    predicates: &[Predicate],
    rules: &[Rule],
    resolutions: &[Resolution],
) -> Result<Vec<(String, String)>, toml::ser::Error> {
    let mut files = Vec::new();
    let mut sources: Vec<&Source> = sources.iter().collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    files.push((
        "sources.toml".to_string(),
        to_toml(NOTE, &SourceFile { source: sources })?,
    ));
    let mut entities: Vec<EntityRecord> = entities
        .iter()
        .map(|entity| EntityRecord {
            entity,
            located_in: places.get(&entity.id),
        })
        .collect();
    entities.sort_by(|a, b| a.entity.id.cmp(&b.entity.id));
    files.push((
        "entities.toml".to_string(),
        to_toml(NOTE, &EntityFile { entity: entities })?,
    ));
    let mut predicates: Vec<PredicateRecord> = predicates
        .iter()
        .map(|p| PredicateRecord {
            id: p.id.clone(),
            label: p.label.clone(),
            value_type: p.value_type.as_str(),
            unit: p.unit.clone(),
            functional: p.functional,
            once: p.once,
            max_annual_change: p.max_annual_change,
            typical_annual_change: p.typical_annual_change,
            change_unit: (p.change_unit != ChangeUnit::Relative).then(|| p.change_unit.as_str()),
            comparable_within_days: p.comparable_within_days,
            template: p.template.clone(),
            description: p.description.clone(),
            cues: p.cues.clone(),
            state_of: p.state_change.as_ref().map(|c| c.state_of.clone()),
            change: p.state_change.as_ref().map(|c| c.change.as_str()),
        })
        .collect();
    predicates.sort_by(|a, b| a.id.cmp(&b.id));
    files.push((
        "predicates.toml".to_string(),
        to_toml(
            NOTE,
            &PredicateFile {
                predicate: predicates,
            },
        )?,
    ));
    if !rules.is_empty() {
        let mut list: Vec<RuleRecord> = rules
            .iter()
            .map(|r| RuleRecord {
                id: r.id.clone(),
                kind: r.kind.as_str(),
                share: r.share.clone(),
                part: r.part.clone(),
                whole: r.whole.clone(),
                qualifier: r.qualifier.clone(),
                within_days: r.within_days,
                note: r.note.clone(),
            })
            .collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        files.push((
            "rules.toml".to_string(),
            to_toml(NOTE, &RuleFile { rule: list })?,
        ));
    }
    if !resolutions.is_empty() {
        let mut list: Vec<&Resolution> = resolutions.iter().collect();
        list.sort_by(|a, b| {
            (&a.recorded_at, &a.conflict, &a.by).cmp(&(&b.recorded_at, &b.conflict, &b.by))
        });
        files.push((
            "resolutions.toml".to_string(),
            to_toml(NOTE, &ResolutionFile { resolution: list })?,
        ));
    }
    Ok(files)
}
