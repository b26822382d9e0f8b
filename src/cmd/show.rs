//! `factline show ID`: one claim, entity or source with all its provenance.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::cli::{Format, OutFile};
use crate::cmd::timeline::entry;
use crate::data::nearest;
use crate::db::{self, query};
use crate::exit::Exit;
use crate::label::label;
use crate::model::Predicate;
use crate::output::{self, ClaimLine, ClaimView, EntityView, SourceView, Version};

/// Show one claim, entity or source with all its provenance.
///
/// ID is a claim id, an entity id or any of an entity's names (case and accents are ignored),
/// or a source id. A claim is shown with its value, valid time and bounds, every citation
/// (source, quote, locator, grading) and its earlier versions; an entity or a source with the
/// claims that involve or cite it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline show kant-air-base-lease\n  \
                        factline show \"Republic of Kazakhstan\"\n  \
                        factline show rousseau-2011 --format json")]
pub struct Args {
    /// A claim id, entity id or name, or source id.
    pub id: String,

    /// Output format.
    #[arg(long, default_value_t = Format::Text, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `show` writes.
pub const FORMATS: &[Format] = &[Format::Text, Format::Json];

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let conn = crate::cmd::open_for_reading(db_path)?;
    let names = query::entity_names(&conn)?;
    let predicates: HashMap<String, Predicate> = query::predicates(&conn)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let lines = |claims: &[query::StoredClaim]| -> Vec<ClaimLine> {
        claims
            .iter()
            .map(|s| ClaimLine {
                claim: s.claim.id.clone(),
                when: s.claim.when.human(),
                label: label(&s.claim, predicates.get(&s.claim.predicate), &names),
            })
            .collect()
    };

    let versions = query::claim_versions(&conn, &args.id)?;
    if let Some(latest) = versions.last() {
        let sources = latest
            .claim
            .citations
            .iter()
            .filter_map(|c| {
                query::source(&conn, &c.source)
                    .ok()
                    .flatten()
                    .map(|(s, _)| (c.source.clone(), s))
            })
            .collect::<BTreeMap<_, _>>();
        let history = versions[..versions.len() - 1]
            .iter()
            .chain(latest.retracted_at.is_some().then_some(latest))
            .map(|v| Version {
                recorded_at: v.recorded_at.clone(),
                retracted_at: v.retracted_at.clone(),
                label: label(&v.claim, predicates.get(&v.claim.predicate), &names),
                when: v.claim.when.as_str().to_string(),
            })
            .collect();
        let involved = latest
            .claim
            .entities()
            .into_iter()
            .filter_map(|id| names.get(&id).map(|n| (id.clone(), n.clone())))
            .collect();
        let view = ClaimView {
            record: "claim",
            names: involved,
            entry: entry(latest, predicates.get(&latest.claim.predicate), &names),
            origin: latest.origin.clone(),
            recorded_at: latest.recorded_at.clone(),
            history,
            sources,
        };
        return write(out, args, |out| output::claim_text(out, &view), &view);
    }

    if let Some((source, _)) = query::source(&conn, &args.id)? {
        let claims = lines(&query::claims_citing(&conn, &source.id)?);
        let view = SourceView {
            record: "source",
            source,
            claims,
        };
        return write(out, args, |out| output::source_text(out, &view), &view);
    }

    let mut ids = db::resolve_entity(&conn, &args.id)?;
    if ids.len() > 1 {
        bail!(
            "`{}` names several entities: {}; give one of these ids",
            args.id,
            ids.join(", ")
        );
    }
    if let Some(id) = ids.pop() {
        if let Some((entity, _)) = query::entity(&conn, &id)? {
            let claims = lines(&query::claims_involving(&conn, &entity.id)?);
            let view = EntityView {
                record: "entity",
                entity,
                claims,
            };
            return write(out, args, |out| output::entity_text(out, &view), &view);
        }
    }
    bail!("{}", not_found(&conn, &args.id)?)
}

fn not_found(conn: &Connection, id: &str) -> Result<String> {
    let mut candidates: Vec<String> = query::timeline(conn)?
        .into_iter()
        .map(|s| s.claim.id)
        .collect();
    candidates.extend(query::entity_names(conn)?.into_keys());
    candidates.extend(query::sources(conn)?.into_keys());
    let hint = match nearest(id, candidates.iter().map(String::as_str)) {
        Some(near) => format!("; did you mean `{near}`?"),
        None => "; `factline timeline --format json` lists claim ids".to_string(),
    };
    Ok(format!("no claim, entity or source is called `{id}`{hint}"))
}

/// Writes a record as text or JSON, to stdout or the --out file.
fn write<T: serde::Serialize>(
    out: &mut dyn Write,
    args: &Args,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    view: &T,
) -> Result<Exit> {
    crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
        match args.format {
            Format::Text => text(out)?,
            Format::Json => output::json(out, view)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::Ok)
}
