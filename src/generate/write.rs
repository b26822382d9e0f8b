//! Writing a generated corpus: the vocabulary files, the claims as TOML files, JSON Lines or
//! CSV rows, and `corpus.json` with what it holds.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use super::*;

/// A claim in the shape of the data files (`[[claim]]` in TOML, one line of JSON Lines).
#[derive(Serialize)]
pub struct ClaimRecord<'a> {
    id: &'a str,
    subject: &'a str,
    predicate: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    when: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quantity: Option<QuantityRecord>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    qualifiers: &'a BTreeMap<String, Vec<String>>,
    citation: Vec<CitationRecord<'a>>,
}

#[derive(Serialize)]
struct QuantityRecord {
    amount: f64,
    bound: &'static str,
}

#[derive(Serialize)]
struct CitationRecord<'a> {
    source: &'a str,
    quote: &'a str,
    locator: &'a str,
    method: &'static str,
    credibility: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    extractor_score: Option<f64>,
}

impl<'a> ClaimRecord<'a> {
    pub fn of(c: &'a Claim) -> ClaimRecord<'a> {
        ClaimRecord {
            id: &c.id,
            subject: &c.subject,
            predicate: &c.predicate,
            object: match &c.value {
                Value::Entity { entity } => Some(entity),
                _ => None,
            },
            text: match &c.value {
                Value::Text { text } => Some(text),
                _ => None,
            },
            when: c.when.as_str(),
            note: c.note.as_deref(),
            quantity: match &c.value {
                Value::Quantity(q) => Some(QuantityRecord {
                    amount: q.amount,
                    bound: q.bound.as_str(),
                }),
                _ => None,
            },
            qualifiers: &c.qualifiers,
            citation: c
                .citations
                .iter()
                .map(|ci| CitationRecord {
                    source: &ci.source,
                    quote: &ci.quote,
                    locator: &ci.locator,
                    method: ci.method.as_str(),
                    credibility: ci.credibility,
                    extractor_score: ci.extractor_score,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ClaimChunk<'a> {
    claim: Vec<ClaimRecord<'a>>,
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The vocabulary files: sources, entities, and the bundled predicates and rules.
fn write_vocabulary(dir: &Path, world: &World) -> Result<()> {
    let mut text = String::from("# Synthetic sources.\n");
    for (i, id) in world.sources.iter().enumerate() {
        let _ = write!(
            text,
            "\n[[source]]\nid = \"{id}\"\ntitle = \"Synthetic source {}\"\nkind = \"report\"\n\
             reliability = \"{}\"\n",
            i + 1,
            ["A", "B", "C", "C", "D", "F"][i % 6]
        );
    }
    write_file(&dir.join("sources.toml"), &text)?;
    let mut text = String::from("# Synthetic entities, busiest first.\n");
    for e in &world.entities {
        let _ = write!(
            text,
            "\n[[entity]]\nid = \"{}\"\nname = {}\nkind = \"{}\"\n",
            e.id,
            toml_string(&e.name),
            e.kind
        );
    }
    write_file(&dir.join("entities.toml"), &text)?;
    for (path, text) in crate::bundled::files().iter().map(|f| (&f.path, &f.text)) {
        if path == "data/predicates.toml" || path == "data/rules.toml" {
            let name = path.trim_start_matches("data/");
            write_file(&dir.join(name), text)?;
        }
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    let path = crate::files::guard(path, "--out", &crate::files::Protected::new())?;
    crate::files::write_atomically(&path, text.as_bytes())
}

/// A large file of the corpus, written as it is generated (checked first: never a special file
/// or a link out of the corpus folder).
fn create(path: &Path) -> Result<BufWriter<std::fs::File>> {
    let path = crate::files::guard(path, "--out", &crate::files::Protected::new())?;
    let file = std::fs::File::create(&path)
        .with_context(|| format!("while creating {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

/// Writes a corpus of `shape` into `dir` (created if missing) and returns its manifest, which
/// is also written to `dir/corpus.json`.
pub fn write(shape: &Shape, output: Output, dir: &Path) -> Result<Manifest> {
    std::fs::create_dir_all(dir).with_context(|| format!("while creating {}", dir.display()))?;
    let mut rng = Rng::new(shape.seed);
    let world = world(shape, &mut rng)?;
    let mut manifest = Manifest {
        seed: shape.seed,
        claims: shape.claims,
        entities: shape.entities,
        sources: shape.sources,
        ..Manifest::default()
    };
    match output {
        Output::Toml => {
            write_vocabulary(dir, &world)?;
            let claims_dir = dir.join("claims");
            std::fs::create_dir_all(&claims_dir)
                .with_context(|| format!("while creating {}", claims_dir.display()))?;
            let mut chunk: Vec<Claim> = Vec::with_capacity(CLAIMS_PER_FILE);
            let mut file_no = 0;
            let mut flush = |chunk: &mut Vec<Claim>| -> Result<()> {
                if chunk.is_empty() {
                    return Ok(());
                }
                file_no += 1;
                let doc = ClaimChunk {
                    claim: chunk.iter().map(ClaimRecord::of).collect(),
                };
                let text = toml::to_string(&doc).context("while writing TOML")?;
                write_file(&claims_dir.join(format!("{file_no:04}.toml")), &text)?;
                chunk.clear();
                Ok(())
            };
            claims(shape, &world, &mut rng, &mut manifest, |c| {
                chunk.push(c.clone());
                if chunk.len() == CLAIMS_PER_FILE {
                    flush(&mut chunk)?;
                }
                Ok(())
            })?;
            flush(&mut chunk)?;
        }
        Output::Jsonl => {
            write_vocabulary(dir, &world)?;
            let path = dir.join("claims.jsonl");
            let mut out = create(&path)?;
            claims(shape, &world, &mut rng, &mut manifest, |c| {
                serde_json::to_writer(&mut out, &ClaimRecord::of(c))?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
            out.flush()
                .with_context(|| format!("while writing {}", path.display()))?;
        }
        Output::Csv => write_csv(shape, &world, &mut rng, &mut manifest, dir)?,
    }
    let text = serde_json::to_string_pretty(&manifest)?;
    write_file(&dir.join("corpus.json"), &format!("{text}\n"))?;
    Ok(manifest)
}

/// The rows factline stores for each claim, as CSV with a header per table.
fn write_csv(
    shape: &Shape,
    world: &World,
    rng: &mut Rng,
    manifest: &mut Manifest,
    dir: &Path,
) -> Result<()> {
    let writer = |name: &str| -> Result<csv::Writer<BufWriter<std::fs::File>>> {
        Ok(csv::Writer::from_writer(create(&dir.join(name))?))
    };
    let mut claim_csv = writer("claim.csv")?;
    let mut citation_csv = writer("citation.csv")?;
    let mut qualifier_csv = writer("claim_qualifier.csv")?;
    claim_csv.write_record([
        "row_id",
        "id",
        "subject",
        "predicate",
        "value_type",
        "object",
        "amount",
        "lower",
        "upper",
        "unit",
        "bound",
        "text_value",
        "valid_time",
        "earliest",
        "latest",
        "start_day",
        "end_day",
        "precision",
        "precision_rank",
        "note",
        "spec",
        "origin",
        "recorded_at",
    ])?;
    citation_csv.write_record([
        "row_id",
        "claim_row",
        "source",
        "quote",
        "locator",
        "method",
        "credibility",
        "extractor_score",
        "curator",
        "recorded_at",
    ])?;
    qualifier_csv.write_record(["claim_row", "key", "entity_id"])?;
    let mut row = 0u64;
    let mut citation_row = 0u64;
    let opt = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    claims(shape, world, rng, manifest, |c| {
        row += 1;
        let (object, amount, unit, bound, text) = match &c.value {
            Value::Entity { entity } => (entity.as_str(), None, "", "", ""),
            Value::Quantity(q) => ("", Some(q.amount), q.unit.as_str(), q.bound.as_str(), ""),
            Value::Text { text } => ("", None, "", "", text.as_str()),
            Value::None => ("", None, "", "", ""),
        };
        let spec = serde_json::to_string(c)?;
        claim_csv.write_record([
            row.to_string().as_str(),
            &c.id,
            &c.subject,
            &c.predicate,
            c.value.value_type().as_str(),
            object,
            &opt(amount),
            "",
            "",
            unit,
            bound,
            text,
            c.when.as_str(),
            &c.when.earliest().map(|d| d.to_string()).unwrap_or_default(),
            &c.when.latest().map(|d| d.to_string()).unwrap_or_default(),
            &c.when.start_day().to_string(),
            &c.when.end_day().to_string(),
            c.when.precision().as_str(),
            &c.when.precision().rank().to_string(),
            c.note.as_deref().unwrap_or(""),
            &spec,
            "claims.jsonl",
            RECORDED_AT,
        ])?;
        for (key, ids) in &c.qualifiers {
            for id in ids {
                qualifier_csv.write_record([row.to_string().as_str(), key, id])?;
            }
        }
        for ci in &c.citations {
            citation_row += 1;
            citation_csv.write_record([
                citation_row.to_string().as_str(),
                &row.to_string(),
                &ci.source,
                &ci.quote,
                &ci.locator,
                ci.method.as_str(),
                &ci.credibility.to_string(),
                &opt(ci.extractor_score),
                "",
                RECORDED_AT,
            ])?;
        }
        Ok(())
    })?;
    for (w, name) in [
        (&mut claim_csv, "claim.csv"),
        (&mut citation_csv, "citation.csv"),
        (&mut qualifier_csv, "claim_qualifier.csv"),
    ] {
        w.flush()
            .map_err(|e: io::Error| anyhow!("while writing {name}: {e}"))?;
    }
    Ok(())
}
