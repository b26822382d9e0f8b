//! `factline extract`: temporal expressions (and, as the passes grow, quantities and claim
//! suggestions) found in texts, as candidates with offsets, lines and normalised values.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::exit::Exit;
use crate::extract::input::{Checked, Pieces, check_input};
use crate::extract::{self, Candidate, Context, Document};
use crate::text::visible::Visible;

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
                write_timeml(&mut tagged, &doc, &extract::extract(&doc, &ctx))?;
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
            return timeml_streamed(
                out,
                &args.files,
                std::mem::take(&mut checked),
                dct,
                &ctx,
                jobs,
            );
        }
        let mut writer = Writer::new(args.format, &args.files);
        let mut pieces = Pieces::new(&args.files, std::mem::take(&mut checked), dct);
        // The file being written: every file yields at least one piece, so each is begun
        // and ended in turn.
        let mut current: Option<usize> = None;
        crate::parallel::ordered(
            jobs,
            || pieces.next_piece(),
            |piece| {
                let mut candidates =
                    extract::extract_at(&piece.doc, &ctx, piece.offset, piece.lines);
                // A claim's time as `check` wants it: a day the text gives only relative to
                // the publication is written as of publication, the day kept for the note.
                let notes: Vec<Option<String>> = candidates
                    .iter_mut()
                    .map(|c| {
                        crate::review::text::conform_candidate(
                            c,
                            &piece.doc.text,
                            piece.offset,
                            ctx.published.as_deref(),
                        )
                    })
                    .collect();
                let queued: Vec<_> = match (args.save, &args.source) {
                    (true, Some(source)) => {
                        let shown = piece.doc.path.display().to_string();
                        candidates
                            .iter()
                            .zip(&notes)
                            .filter_map(|(c, note)| {
                                crate::review::queue_item(
                                    c,
                                    note.as_deref(),
                                    &piece.doc.text,
                                    piece.offset,
                                    &shown,
                                    &piece.doc.sha256,
                                    source,
                                )
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                (piece.file, candidates, queued)
            },
            |(file, candidates, queued)| {
                let path = &args.files[file];
                if current != Some(file) {
                    if current.is_some() {
                        writer.end(out)?;
                    }
                    writer.begin(out, path)?;
                    current = Some(file);
                }
                for c in &candidates {
                    writer.candidate(out, path, c)?;
                }
                queue.extend(queued);
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
    let conn = db.read()?;
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

/// Writes the TimeML view of the documents in `files` (one, unless the caller writes each
/// to a file of its own): a TimeML file whole, a plain text a piece at a time as it is read
/// and tagged, so that memory holds a few pieces, not the document and its tagged copy.
fn timeml_streamed(
    out: &mut dyn Write,
    files: &[PathBuf],
    checked: Vec<Checked>,
    dct: Option<NaiveDate>,
    ctx: &extract::Context,
    jobs: usize,
) -> Result<()> {
    let mut pieces = Pieces::new(files, checked, dct);
    // The plain text being written: its file, and the tagger that numbers its tags.
    let mut plain: Option<(usize, extract::timeml::PlainTagger)> = None;
    crate::parallel::ordered(
        jobs,
        || pieces.next_piece(),
        |piece| {
            let candidates = extract::extract_at(&piece.doc, ctx, piece.offset, piece.lines);
            (piece, candidates)
        },
        |(piece, candidates)| {
            if plain.as_ref().is_some_and(|(file, _)| *file != piece.file)
                && let Some((_, tagger)) = plain.take()
            {
                tagger.end(out)?;
            }
            if piece.doc.timeml.is_some() {
                return write_timeml(out, &piece.doc, &candidates);
            }
            let timexes: Vec<(usize, usize, &crate::extract::Timex)> = candidates
                .iter()
                .filter_map(|c| c.timex.as_ref().map(|t| (c.start, c.end, t)))
                .collect();
            let tagger = match &mut plain {
                Some((_, tagger)) => tagger,
                None => {
                    let tagger = extract::timeml::PlainTagger::begin(out, piece.doc.dct)?;
                    &mut plain.insert((piece.file, tagger)).1
                }
            };
            tagger.piece(out, &piece.doc.text, piece.offset, &timexes)?;
            Ok(())
        },
    )?;
    if let Some((_, tagger)) = plain {
        tagger.end(out)?;
    }
    Ok(())
}

/// Writes the TimeML view of one document.
fn write_timeml(out: &mut dyn Write, doc: &Document, candidates: &[Candidate]) -> Result<()> {
    let timexes: Vec<(usize, usize, &crate::extract::Timex)> = candidates
        .iter()
        .filter_map(|c| c.timex.as_ref().map(|t| (c.start, c.end, t)))
        .collect();
    match &doc.timeml {
        Some(tml) => tml.write(out, &timexes)?,
        None => extract::timeml::write_plain(out, &doc.text, doc.dct, &timexes)?,
    }
    Ok(())
}

/// Writes candidates as they come, in one of the streaming formats.
struct Writer {
    format: Format,
    files: usize,
    in_file: usize,
    /// The table's first column: the line alone for one file, `name:line` for several, as
    /// wide as the longest such location can be (every file name is known before any row).
    location_width: usize,
    several: bool,
    /// JSON Lines: the start of every line of the file being written, `{"file":"NAME"`.
    jsonl_head: Vec<u8>,
    /// JSON Lines: the line being written, reused from one candidate to the next.
    line: Vec<u8>,
}

impl Writer {
    fn new(format: Format, paths: &[PathBuf]) -> Writer {
        let several = paths.len() > 1;
        let widest_name = paths
            .iter()
            .map(|p| file_name(p).chars().count())
            .max()
            .unwrap_or(0);
        // A line number takes at most 7 digits in any file a person reads.
        let location_width = if several { widest_name + 8 } else { 7 };
        Writer {
            format,
            files: 0,
            in_file: 0,
            location_width: location_width.max("LOCATION".len()),
            several,
            jsonl_head: Vec::new(),
            line: Vec::new(),
        }
    }

    fn begin(&mut self, out: &mut dyn Write, path: &Path) -> Result<()> {
        self.in_file = 0;
        match self.format {
            Format::Json => {
                out.write_all(if self.files == 0 {
                    b"{\n  \"documents\": [\n"
                } else {
                    b",\n"
                })?;
                let name = serde_json::to_string(&path.display().to_string())?;
                write!(
                    out,
                    "    {{\n      \"file\": {name},\n      \"candidates\": ["
                )?;
            }
            Format::Jsonl => {
                self.jsonl_head.clear();
                self.jsonl_head.extend_from_slice(b"{\"file\":");
                serde_json::to_writer(&mut self.jsonl_head, &path.display().to_string())?;
            }
            Format::Table if self.files == 0 => {
                let first = if self.several { "LOCATION" } else { "LINE" };
                writeln!(
                    out,
                    "{first:<width$} {:<8} {:<28} {:<24} {:<28} VALUE",
                    "KIND",
                    "TEXT",
                    "EDTF",
                    "RULE",
                    width = self.location_width
                )?;
            }
            _ => {}
        }
        self.files += 1;
        Ok(())
    }

    fn candidate(&mut self, out: &mut dyn Write, path: &Path, c: &Candidate) -> Result<()> {
        self.in_file += 1;
        match self.format {
            Format::Json => {
                out.write_all(if self.in_file == 1 {
                    b"\n        "
                } else {
                    b",\n        "
                })?;
                let text = serde_json::to_string_pretty(c)?;
                out.write_all(text.replace('\n', "\n        ").as_bytes())?;
            }
            Format::Jsonl => {
                // The candidate's object with the file as its first field: its opening brace
                // becomes the comma after the file.
                self.line.clear();
                self.line.extend_from_slice(&self.jsonl_head);
                let brace = self.line.len();
                serde_json::to_writer(&mut self.line, c)?;
                if let Some(b) = self.line.get_mut(brace) {
                    *b = b',';
                }
                self.line.push(b'\n');
                out.write_all(&self.line)?;
            }
            _ => {
                let mut out = Visible::new(out);
                let location = if self.several {
                    format!("{}:{}", file_name(path), c.line)
                } else {
                    c.line.to_string()
                };
                // What it reads: the TIMEX3, the figure and unit, the entity, the claim.
                let value = crate::review::list::candidate_values(c);
                writeln!(
                    out,
                    "{:<width$} {:<8} {:<28} {:<24} {:<28} {}",
                    location,
                    c.kind.to_string(),
                    clip(&c.text.replace(['\n', '\r', '\t'], " "), 28),
                    c.edtf.as_deref().unwrap_or(""),
                    c.rule,
                    value.replace(['\n', '\r', '\t'], " "),
                    width = self.location_width
                )?;
            }
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write) -> Result<()> {
        if self.format == Format::Json {
            out.write_all(if self.in_file == 0 {
                b"]\n    }"
            } else {
                b"\n      ]\n    }"
            })?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<()> {
        if self.format == Format::Json {
            out.write_all(b"\n  ]\n}\n")?;
        }
        Ok(())
    }
}

/// The last part of `path`, as the table shows it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width - 1).collect();
    s.push('…');
    s
}

/// What the passes know besides the text: for formats that show them, the database's entities,
/// predicates with cues and the shapes of their claims (for mentions and suggestions), and the
/// publication date that dates a claim whose sentence gives no time. `--format timeml` writes
/// times only and needs neither.
fn context(db: &Database, args: &Args) -> Result<Context> {
    if args.format == Format::Timeml {
        return Ok(Context::default());
    }
    let conn = db.read()?;
    let entities = crate::db::review::entity_names(conn)?;
    let predicates = crate::db::query::predicates(conn)?;
    let rows = crate::db::review::claim_shapes(conn)?;
    let vocabulary =
        extract::suggest::Vocabulary::new(&entities, &predicates, extract::suggest::shapes(rows))
            .context("while building the entity and cue automata")?;
    let published = match (&args.published, &args.source) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(id)) => crate::db::query::source(conn, id)?.and_then(|(s, _)| s.published),
        (None, None) => None,
    };
    Ok(Context {
        vocabulary: Some(vocabulary),
        published,
    })
}
