//! `factline export`: the database written back out as data files (TOML) or one JSON document.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::Format;
use crate::cmd::Database;
use crate::db::{
    query::{self, Filter},
    schema,
};
use crate::exit::Exit;
use crate::model::Source;
use crate::output::{self, progress};
use crate::words::plural;

/// Write the database out as data files, JSON, or a directory for Datasette.
///
/// `--format toml --out DIR` writes sources.toml, entities.toml, predicates.toml,
/// claims/*.toml (each claim in the file it was imported from), rules.toml and resolutions.toml: the
/// format `import` reads, so decisions survive a round trip. Export, import into a fresh
/// database and export again, and the files are identical. `--format json` prints everything
/// as one document on stdout. Only current claims are written; retracted versions stay in the
/// database. `--format datasette --out DIR` writes a copy of the database (factline.db; the
/// database itself is only read) and metadata.json: descriptions of every table, view and
/// column, canned queries, full-text search on the claim_search view; without --out it prints
/// only the metadata, for the database as it is.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  factline export --format toml --out exported/\n  \
                        factline export --format json > factline.json\n  \
                        factline export --format datasette --out browse/ && datasette browse/factline.db -m browse/metadata.json"
)]
pub struct Args {
    /// Output format.
    #[arg(long, default_value_t = Format::Toml, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// Where to write: the directory for the TOML files or the Datasette copy (created if
    /// missing; must be empty unless --force), or the file for json (default: stdout).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Overwrite files in a non-empty --out directory.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub known: super::KnownAt,
}

/// The formats `export` writes.
pub const FORMATS: &[Format] = &[Format::Toml, Format::Json, Format::Datasette];

/// How many claims to export between progress reports.
const PROGRESS_EVERY: u64 = 4096;

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let conn = db.read_known_at(&args.known)?;
    let mut sources: Vec<Source> = query::sources(conn)?.into_values().collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    let entities = query::entities(conn)?;
    let predicates = query::predicates(conn)?;
    let resolutions = query::resolutions(conn)?;
    let rules = query::rules(conn)?;
    // Claims are written as their rows arrive (memory does not grow with their number), with a
    // count on stderr when it is a terminal.
    let bar = progress::claims("exporting");
    let mut exported = 0u64;
    let mut counted = |bar: &indicatif::ProgressBar| {
        exported += 1;
        if exported.is_multiple_of(PROGRESS_EVERY) {
            bar.set_position(exported);
        }
    };

    match args.format {
        Format::Datasette => {
            bar.finish_and_clear();
            let tables = schema::tables(conn)?;
            let hidden = query::bookkeeping_tables(conn)?;
            let Some(dir) = &args.out else {
                // Only the metadata, for the database file as it is.
                let stem = db
                    .path()
                    .file_stem()
                    .map_or("factline".into(), |s| s.to_string_lossy().into_owned());
                output::datasette_metadata(out, &stem, &tables, &hidden, &sources, schema::CANNED)?;
                return Ok(Exit::Ok);
            };
            datasette_dir(
                conn,
                dir,
                args.force,
                &db.protected(),
                &tables,
                &hidden,
                &sources,
            )?;
        }
        Format::Json => {
            crate::cmd::write_data(out, args.out.as_deref(), &db.protected(), |out| {
                let mut doc = output::DatasetJson::begin(out, &sources, &entities, &predicates)?;
                query::timeline_each(conn, &Filter::default(), &mut |s| {
                    doc.claim(&s.claim)?;
                    counted(&bar);
                    Ok(())
                })?;
                Ok(doc.end(&rules, &resolutions)?)
            })?;
            bar.finish_and_clear();
        }
        Format::Toml => {
            let Some(dir) = &args.out else {
                bail!("--format toml writes several files: give a directory with --out DIR");
            };
            let files = output::dataset_files(
                &sources,
                &entities,
                &query::places(conn)?,
                &predicates,
                &rules,
                &resolutions,
            )
            .context("while writing TOML")?;
            // Each claims file gathers the claims imported from files of its name, in id order.
            let mut claim_files: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
            for origin in query::claim_origins(conn)? {
                claim_files
                    .entry(claims_file(origin.as_deref()))
                    .or_default()
                    .push(origin);
            }
            prepare(dir, args.force)?;
            let protected = db.protected();
            // Every path is checked before the first is written.
            let mut targets = Vec::new();
            for (name, _) in &files {
                let path = dir.join(name);
                create_parent(&path)?;
                targets.push(crate::files::guard_in(dir, &path, "--out", &protected)?);
            }
            let mut claim_targets = Vec::new();
            for name in claim_files.keys() {
                let path = dir.join("claims").join(name);
                create_parent(&path)?;
                claim_targets.push(crate::files::guard_in(dir, &path, "--out", &protected)?);
            }
            for ((_, text), path) in files.iter().zip(&targets) {
                crate::files::write_atomically(path, text.as_bytes())?;
            }
            for ((_, origins), path) in claim_files.iter().zip(&claim_targets) {
                let file = crate::files::AtomicFile::create(path)?;
                let mut toml = output::ClaimsToml::new(file)?;
                query::each_claim_from(conn, origins, &mut |s| {
                    toml.write(&s.claim)?;
                    counted(&bar);
                    Ok(())
                })
                .with_context(|| format!("while writing {}", path.display()))?;
                toml.finish()
                    .with_context(|| format!("while writing {}", path.display()))?
                    .commit()?;
            }
            bar.finish_and_clear();
            let counts = [
                (
                    usize::try_from(exported).unwrap_or(usize::MAX),
                    "claim",
                    "claims",
                ),
                (sources.len(), "source", "sources"),
                (entities.len(), "entity", "entities"),
                (predicates.len(), "predicate", "predicates"),
                (rules.len(), "rule", "rules"),
                (resolutions.len(), "resolution", "resolutions"),
            ]
            .map(|(n, one, many)| plural(n, one, many));
            eprintln!(
                "exported {} to {} ({} files)",
                counts.join(", "),
                dir.display(),
                files.len() + claim_files.len()
            );
        }
        other => return Err(other.unsupported(FORMATS)),
    }
    Ok(Exit::Ok)
}

/// Writes a Datasette directory: a copy of the database (`factline.db`, read from the open
/// connection, the source left as it is) and `metadata.json` beside it.
fn datasette_dir(
    conn: &rusqlite::Connection,
    dir: &Path,
    force: bool,
    protected: &crate::files::Protected,
    tables: &[crate::model::Table],
    hidden: &[String],
    sources: &[Source],
) -> Result<()> {
    if dir.is_file() || (!dir.exists() && dir.extension().is_some_and(|e| e == "json")) {
        bail!(
            "--format datasette --out names a directory, for the copy of the database and its \
             metadata.json; {} is {}. Give a directory, or leave out --out to print only the \
             metadata",
            dir.display(),
            if dir.is_file() {
                "a file"
            } else {
                "named like a file"
            }
        );
    }
    prepare(dir, force)?;
    // Both paths are checked, and the metadata written aside, before the copy starts; the copy
    // and the metadata are renamed into place only when both are whole.
    let copy = crate::files::guard_in(dir, &dir.join("factline.db"), "--out", protected)?;
    let path = crate::files::guard_in(dir, &dir.join("metadata.json"), "--out", protected)?;
    for stale in ["factline.db-wal", "factline.db-shm", "factline.db-journal"] {
        let journal = crate::files::guard_in(dir, &dir.join(stale), "--out", protected)?;
        if journal.exists() {
            std::fs::remove_file(&journal)
                .with_context(|| format!("while replacing {}", journal.display()))?;
        }
    }
    let mut metadata = crate::files::AtomicFile::create(&path)?;
    output::datasette_metadata(
        &mut metadata,
        "factline",
        tables,
        hidden,
        sources,
        schema::CANNED,
    )
    .and_then(|()| metadata.flush())
    .with_context(|| format!("while writing {}", path.display()))?;
    let temp = crate::files::temp_beside(&copy);
    let bar = progress::pages("copying the database");
    let copied = query::copy_database(conn, &temp, &|done, total| {
        bar.set_length(u64::try_from(total).unwrap_or(0));
        bar.set_position(u64::try_from(done).unwrap_or(0));
    });
    bar.finish_and_clear();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    if let Err(e) = std::fs::rename(&temp, &copy) {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("while writing {}", copy.display()));
    }
    metadata.commit()?;
    eprintln!(
        "wrote {} and {}; serve them with: datasette {} -m {}",
        copy.display(),
        path.display(),
        copy.display(),
        path.display()
    );
    Ok(())
}

/// Creates the directory a file goes in.
fn create_parent(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("while creating {}", parent.display()))?;
    }
    Ok(())
}

/// The claims file a claim goes to: the name of the file it was imported from.
fn claims_file(origin: Option<&str>) -> String {
    origin
        .and_then(|o| Path::new(o).file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .unwrap_or_else(|| "claims.toml".to_string())
}

fn prepare(dir: &Path, force: bool) -> Result<()> {
    if dir.exists() {
        let busy = std::fs::read_dir(dir)
            .with_context(|| format!("while reading {}", dir.display()))?
            .next()
            .is_some();
        if busy && !force {
            bail!(
                "{} is not empty; export into a new directory, or add --force to overwrite",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("while creating {}", dir.display()))
}
