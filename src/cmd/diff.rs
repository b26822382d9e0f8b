//! `factline diff --since DATE`: what changed in the database between two moments.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{Format, OutFile};
use crate::cmd::{Database, KnownAt};
use crate::exit::Exit;
use crate::output;
use crate::view::Vocabulary;
use crate::view::diff::{self, Options};

/// What changed between two moments: the brief after an absence.
///
/// Nothing in a factline database is deleted: a claim that changes is retracted and its new
/// version recorded, and decisions are appended, each with the time it was recorded. `diff`
/// compares the database as it stood at --since with the database at --until (default: now):
/// claims added, changed (field by field: value, time, qualifiers, note, citations) and
/// retracted; sources, entities and predicates added, revised and retracted; conflicts and
/// tensions opened, closed, changed in verdict, resolved or reopened (the conflict engine runs
/// at both moments; --no-conflicts skips it); and the decisions recorded in between. Filters
/// keep what involves an entity, a predicate or a source, as the timeline's do. With --against
/// FILE, the same between another database file (the earlier state) and this one; with --rev,
/// between the data files at a git revision and this database, or between two revisions.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline diff --since 2026-12-01\n  \
                        factline diff --since 2026-12-01 --entity Kazakhstan --format markdown\n  \
                        factline diff --since 2026-11-01 --until 2026-11-30 --format json\n  \
                        factline diff --against last-month.db --format markdown\n  \
                        factline diff --rev v1.0 --rev main --format markdown")]
pub struct Args {
    /// The earlier moment: a date (2026-12-01 means the end of that day, UTC) or an RFC 3339
    /// time (2026-12-01T09:30:00Z).
    #[arg(long, value_name = "DATE", required_unless_present_any = ["against", "rev"])]
    pub since: Option<String>,

    /// The later moment [default: now].
    #[arg(long, value_name = "DATE", conflicts_with = "against")]
    pub until: Option<String>,

    /// Compare another database file (the earlier state: last month's copy, a colleague's)
    /// with this one (--db), instead of two moments of this one.
    #[arg(long, value_name = "FILE", conflicts_with = "since")]
    pub against: Option<std::path::PathBuf>,

    /// Compare the data files at a git revision (a commit, branch or tag) with this database;
    /// given twice, the two revisions with each other (`--rev v1 --rev main`).
    #[arg(long, value_name = "REV", conflicts_with_all = ["since", "against"])]
    pub rev: Vec<String>,

    /// The data folder whose revisions --rev compares.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: std::path::PathBuf,

    /// Only changes involving this entity (id or name; repeat for several).
    #[arg(long = "entity", value_name = "ENTITY")]
    pub entities: Vec<String>,

    /// Only claims and conflicts of this predicate (repeat for several).
    #[arg(long = "predicate", value_name = "PREDICATE")]
    pub predicates: Vec<String>,

    /// Only claims citing this source (repeat for several).
    #[arg(long = "source", value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Do not run the conflict engine at the two moments (faster on a large database).
    #[arg(long)]
    pub no_conflicts: bool,

    /// Output format: table, markdown (a briefing to paste) or json.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `diff` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Markdown, Format::Json];

fn instant(flag: &str, text: &str) -> Result<String> {
    let known = KnownAt {
        as_known_at: Some(text.to_string()),
    };
    match known.instant() {
        Ok(Some(at)) => Ok(at),
        _ => bail!(
            "{flag} {text}: give a date (2026-12-01) or an RFC 3339 time (2026-12-01T09:30:00Z)"
        ),
    }
}

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let plain = db.read()?;
    let vocabulary = Vocabulary::read(plain)?;
    let mut options = Options::default();
    for name in &args.entities {
        options
            .entities
            .push(super::entity_id(plain, &vocabulary, name)?);
    }
    for p in &args.predicates {
        super::known_predicate(&vocabulary, p)?;
        options.predicates.push(p.clone());
    }
    options.sources = args.sources.clone();
    let d = if !args.rev.is_empty() {
        if args.rev.len() > 2 {
            bail!(
                "--rev is given once (a revision against this database) or twice (two revisions)"
            );
        }
        let first = crate::revision::load(&args.data, &args.rev[0])?;
        let second = match args.rev.get(1) {
            Some(rev) => Some(crate::revision::load(&args.data, rev)?),
            None => None,
        };
        let (after, after_name) = match &second {
            Some(r) => (&r.conn, format!("{} ({})", r.name, short(&r.commit))),
            None => (plain, db.path().display().to_string()),
        };
        let before_name = format!("{} ({})", first.name, short(&first.commit));
        let reports = judge_both(args, &first.conn, after)?;
        diff::diff_files(
            &first.conn,
            after,
            (&before_name, &after_name),
            reports.as_ref().map(|(a, b)| (a.as_slice(), b.as_slice())),
            &options,
        )?
    } else if let Some(other) = &args.against {
        let before = crate::db::open_for_reading(other)?;
        crate::db::begin_reading(&before)?;
        let reports = judge_both(args, &before, plain)?;
        diff::diff_files(
            &before,
            plain,
            (
                &other.display().to_string(),
                &db.path().display().to_string(),
            ),
            reports.as_ref().map(|(a, b)| (a.as_slice(), b.as_slice())),
            &options,
        )?
    } else {
        let since = instant("--since", args.since.as_deref().unwrap_or_default())?;
        let until = match &args.until {
            Some(text) => instant("--until", text)?,
            None => crate::time::now(),
        };
        if since >= until {
            bail!("--since {since} is not before --until {until}: give the earlier moment first");
        }
        options.since = since.clone();
        options.until = until.clone();
        let before = db.read_another(&since)?;
        let after = db.read_another(&until)?;
        let reports = judge_both(args, &before, &after)?;
        diff::diff(
            plain,
            &before,
            &after,
            reports.as_ref().map(|(a, b)| (a.as_slice(), b.as_slice())),
            &options,
        )?
    };
    let mut protected = db.protected();
    if let Some(other) = &args.against {
        protected = protected.database(other);
    }
    crate::cmd::write_data(out, args.output.out.as_deref(), &protected, |out| {
        match args.format {
            Format::Table => output::diff_table(out, &d)?,
            Format::Markdown => output::diff_markdown(out, &d)?,
            Format::Json => output::json(out, &d)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::Ok)
}

/// A commit id as git abbreviates it in a log.
fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// The conflict reports of both sides, one at a time, each reduced to what the diff compares
/// before the next is judged; `None` with --no-conflicts.
fn judge_both(
    args: &Args,
    before: &rusqlite::Connection,
    after: &rusqlite::Connection,
) -> Result<Option<(Vec<diff::ConflictState>, Vec<diff::ConflictState>)>> {
    if args.no_conflicts {
        return Ok(None);
    }
    let bar = output::progress::claims("judging");
    let mut judged = |n: usize| bar.set_position(n as u64);
    let old = diff::conflict_states(before, &mut judged)?;
    let new = diff::conflict_states(after, &mut judged)?;
    bar.finish_and_clear();
    Ok(Some((old, new)))
}
