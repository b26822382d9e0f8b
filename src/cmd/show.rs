//! `factline show ID`: one claim, entity or source with all its provenance.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::{self, query};
use crate::exit::Exit;
use crate::output;
use crate::text::nearest;
use crate::view::{self, Vocabulary};

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

    /// For a claim: every version with when it was recorded, the file it came from and what it
    /// changed, and the decisions about it.
    #[arg(long)]
    pub history: bool,

    #[command(flatten)]
    pub known: super::KnownAt,
}

/// The formats `show` writes.
pub const FORMATS: &[Format] = &[Format::Text, Format::Json];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let conn = db.read_known_at(&args.known)?;
    let vocabulary = Vocabulary::read(conn)?;
    if let Some(view) = view::claim(conn, &vocabulary, &args.id)? {
        return write(
            db,
            out,
            args,
            |out| output::claim_text(out, &view, args.history),
            &view,
        );
    }
    if let Some(view) = view::source(conn, &vocabulary, &args.id)? {
        return write(db, out, args, |out| output::source_text(out, &view), &view);
    }
    let mut ids = db::resolve_entity(conn, &args.id)?;
    if ids.len() > 1 {
        bail!(
            "`{}` names several entities: {}; give one of these ids",
            args.id,
            ids.join(", ")
        );
    }
    if let Some(id) = ids.pop()
        && let Some(view) = view::entity(conn, &vocabulary, &id)?
    {
        return write(db, out, args, |out| output::entity_text(out, &view), &view);
    }
    bail!("{}", not_found(conn, &args.id)?)
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
    db: &Database,
    out: &mut dyn Write,
    args: &Args,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    view: &T,
) -> Result<Exit> {
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
        match args.format {
            Format::Text => text(out)?,
            Format::Json => output::json(out, view)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::Ok)
}
