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
/// keep what involves an entity, a predicate or a source, as the timeline's do.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline diff --since 2026-12-01\n  \
                        factline diff --since 2026-12-01 --entity Kazakhstan --format markdown\n  \
                        factline diff --since 2026-11-01 --until 2026-11-30 --format json")]
pub struct Args {
    /// The earlier moment: a date (2026-12-01 means the end of that day, UTC) or an RFC 3339
    /// time (2026-12-01T09:30:00Z).
    #[arg(long, value_name = "DATE")]
    pub since: String,

    /// The later moment [default: now].
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

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
    let since = instant("--since", &args.since)?;
    let until = match &args.until {
        Some(text) => instant("--until", text)?,
        None => crate::time::now(),
    };
    if since >= until {
        bail!("--since {since} is not before --until {until}: give the earlier moment first");
    }
    let plain = db.read()?;
    let vocabulary = Vocabulary::read(plain)?;
    let mut options = Options {
        since: since.clone(),
        until: until.clone(),
        ..Options::default()
    };
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
    let before = db.read_another(&since)?;
    let after = db.read_another(&until)?;
    let reports = if args.no_conflicts {
        None
    } else {
        let bar = output::progress::claims("judging");
        let mut judged = |n: usize| bar.set_position(n as u64);
        // One report at a time: each is reduced to what the diff compares before the next.
        let old =
            diff::conflict_states(crate::view::conflicts::report(&before, false, &mut judged)?);
        let new =
            diff::conflict_states(crate::view::conflicts::report(&after, false, &mut judged)?);
        bar.finish_and_clear();
        Some((old, new))
    };
    let d = diff::diff(
        plain,
        &before,
        &after,
        reports.as_ref().map(|(a, b)| (a.as_slice(), b.as_slice())),
        &options,
    )?;
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
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
