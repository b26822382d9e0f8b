//! `factline extract`: temporal expressions (and, as the passes grow, quantities and claim
//! suggestions) found in texts, as candidates with offsets, lines and normalised values.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::exit::Exit;
use crate::extract::input::{Checked, check_input};
use crate::extract::{self, Context};
use crate::output::{CandidateLayout, CandidateWriter};
use crate::review::extraction::Run;

/// Find dated, normalised candidate facts in texts.
///
/// Reads plain UTF-8 text or TimeML (`.tml`, as in TempEval-3) and reports each temporal
/// expression with its byte offsets, line, sentence, TIMEX3 value and EDTF value. Relative
/// expressions ("Friday", "last year", "in October") are resolved against the document date:
/// `--published`, else the published date of `--source`, else a TimeML file's <DCT>; without
/// one they stay underspecified (`XXXX-10`). Plain text is read a piece at a time, so files
/// of any size stream in bounded memory.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  factline extract article.txt --published 2011-07-20\n  \
                        factline extract article.txt --source rousseau-2011 --format json\n  \
                        factline extract news.tml --format timeml > tagged.tml\n  \
                        factline extract corpus/*.tml --format timeml --out-dir tagged/"
)]
pub struct Args {
    /// Text files (UTF-8) or TimeML files (.tml).
    #[arg(required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,

    /// The source record the text is from: its published date becomes the document date.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,

    /// The document date as EDTF (its first day is used), e.g. 2011-07-20.
    #[arg(long, value_name = "EDTF")]
    pub published: Option<String>,

    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// With --format timeml: write each input's TimeML to this folder under its own file name
    /// (instead of one document on stdout).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutFile,

    /// Also queue the claim candidates for review (`factline review`) in the --db database,
    /// with their provenance (document, sha256, source, line); needs --source. Candidates
    /// already queued, or suggesting a claim that was rejected, are left out.
    #[arg(long, requires = "source", conflicts_with = "out_dir")]
    pub save: bool,

    /// Threads to tag with, 1 to 256 (default: one per core). Output is the same, in the same
    /// order, whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=crate::parallel::MAX_THREADS as u64))]
    pub jobs: Option<usize>,
}

/// The formats `extract` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Timeml];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    crate::cmd::refuse_stdin("extract", args.files.iter().map(PathBuf::as_path))?;
    if args.out_dir.is_some() && args.format != Format::Timeml {
        bail!("--out-dir goes with --format timeml; other formats write to stdout or --out");
    }
    if args.format == Format::Timeml && args.out_dir.is_none() && args.files.len() > 1 {
        bail!(
            "--format timeml writes one document: give one file, or --out-dir DIR to write \
             one TimeML file per input"
        );
    }
    if args.save && !db.path().exists() {
        bail!(
            "--save queues candidates in a database, and there is none at {}: run `factline \
             import` first (or give --db)",
            db.path().display()
        );
    }
    if args.save && args.format == Format::Timeml {
        bail!("--save queues claim candidates; --format timeml writes times only");
    }
    let dct = document_date(db, args)?;
    // Every input is read through once (its hash, its UTF-8) before anything is written, so a
    // bad file anywhere in the list leaves no partial output. A file that is not a regular
    // one (a FIFO, /dev/stdin, `<(…)`) is kept from this one read, within the size limit.
    let mut checked = args
        .files
        .iter()
        .map(|path| check_input(path))
        .collect::<Result<Vec<Checked>>>()?;
    let ctx = context(db, args)?;
    let jobs = crate::parallel::threads(args.jobs);
    let protected = db
        .protected()
        .inputs(args.files.iter().map(PathBuf::as_path), "an input");
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("while creating {}", dir.display()))?;
        let mut paths = args.files.iter().zip(checked.iter_mut());
        crate::parallel::ordered(
            jobs,
            || {
                let Some((path, input)) = paths.next() else {
                    return Ok(None);
                };
                Ok(Some((path, input.document(path, dct)?)))
            },
            |(path, doc)| -> Result<(&PathBuf, Vec<u8>)> {
                let mut tagged = Vec::with_capacity(doc.text.len() * 2);
                extract::timeml::write_document(&mut tagged, &doc, &extract::extract(&doc, &ctx))?;
                Ok((path, tagged))
            },
            |tagged| {
                let (path, tagged) = tagged?;
                let name = path.file_name().unwrap_or(path.as_os_str());
                let target = crate::files::guard_in(dir, &dir.join(name), "--out-dir", &protected)?;
                crate::files::write_atomically(&target, &tagged)
            },
        )?;
        return Ok(Exit::Ok);
    }
    let mut queue = Vec::new();
    crate::cmd::write_data(out, args.output.out.as_deref(), &protected, |out| {
        if args.format == Format::Timeml {
            return extract::timeml::write_streamed(
                out,
                &args.files,
                std::mem::take(&mut checked),
                dct,
                &ctx,
                jobs,
            );
        }
        let layout = match args.format {
            Format::Json => CandidateLayout::Json,
            Format::Jsonl => CandidateLayout::Jsonl,
            _ => CandidateLayout::Table,
        };
        let mut writer = CandidateWriter::new(layout, &args.files);
        // The file being written: every file yields at least one piece, so each is begun
        // and ended in turn.
        let mut current: Option<usize> = None;
        queue = crate::review::extraction::candidates(
            Run {
                files: &args.files,
                checked: std::mem::take(&mut checked),
                dct,
                ctx: &ctx,
                jobs,
                queue_for: args.source.as_deref().filter(|_| args.save),
            },
            |file, candidates| {
                let path = &args.files[file];
                if current != Some(file) {
                    if current.is_some() {
                        writer.end(out)?;
                    }
                    writer.begin(out, path)?;
                    current = Some(file);
                }
                for c in candidates {
                    writer.candidate(out, path, c)?;
                }
                Ok(())
            },
        )?;
        if current.is_some() {
            writer.end(out)?;
        }
        writer.finish(out)
    })?;
    if args.save {
        let mut conn = crate::db::open(db.path())?;
        let done = crate::db::review::queue(&mut conn, &queue, &crate::time::now())?;
        eprintln!(
            "queued {} for review in {} ({} already queued, {} suggesting a rejected claim); \
             `factline review` lists them",
            crate::words::plural(done.queued, "candidate", "candidates"),
            db.path().display(),
            done.already,
            done.rejected_before
        );
    }
    Ok(Exit::Ok)
}

/// The document date: --published, else the source's published date.
fn document_date(db: &Database, args: &Args) -> Result<Option<NaiveDate>> {
    if let Some(p) = &args.published {
        let when = crate::time::When::parse(p).map_err(|e| {
            anyhow::anyhow!("--published {p}: {e}; give an EDTF date such as 2011-07-20")
        })?;
        return match when.earliest() {
            Some(d) => Ok(Some(d)),
            None => bail!("--published {p} has no first day; give a date such as 2011-07-20"),
        };
    }
    let Some(id) = &args.source else {
        return Ok(None);
    };
    let conn = db.read_vocabulary()?;
    let Some((source, _)) = crate::db::query::source(conn, id)? else {
        bail!("no source with id {id:?}; `factline show SOURCE` lists one, `factline sql` all");
    };
    let Some(published) = source.published else {
        eprintln!("factline: source {id} has no published date; relative dates stay open");
        return Ok(None);
    };
    Ok(crate::time::When::parse(&published)
        .ok()
        .and_then(|w| w.earliest()))
}

/// What the passes know besides the text: for formats that show them, the database's entities,
/// predicates with cues and the shapes of their claims (for mentions and suggestions), and the
/// publication date that dates a claim whose sentence gives no time. `--format timeml` writes
/// times only and needs neither.
fn context(db: &Database, args: &Args) -> Result<Context> {
    if args.format == Format::Timeml {
        return Ok(Context::default());
    }
    let conn = db.read_vocabulary()?;
    let published = match (&args.published, &args.source) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(id)) => crate::db::query::source(conn, id)?.and_then(|(s, _)| s.published),
        (None, None) => None,
    };
    crate::review::add::context(conn, published.as_deref())
}
