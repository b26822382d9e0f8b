//! `factline check`: validate data files and verify every citation against the source texts.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use crate::cli::{Format, OutFile};
use crate::data::{self, Dataset};
use crate::exit::Exit;
use crate::model::Source;
use crate::verify;
use crate::verify::rules::{self, Finding, Severity};
use crate::words::plural;

/// Validate data files; with --texts, verify every quote and locator against the sources.
///
/// Without --texts this checks what `import --dry-run` checks, without a database. With --texts
/// DIR, each source's text file (its `file` field, looked up in DIR) must match the source's
/// sha256, and each citation's quote must occur within the lines its locator names (`line 19`,
/// `lines 16-17`), comparing with whitespace collapsed, typographic quotes made plain and
/// line-end hyphens joined. A failing citation is reported with the data file and line, and
/// where the quote really is or the nearest passage.
///
/// It also enforces the grading and dating rules of docs/corpus.md. Always: credibility 1 needs
/// citations from two independent sources. With --texts: an "as of publication" time is written
/// as the convention says (`2011~`, or the publication's set such as `[2013..]`), and each
/// figure and explicit date of a claim appears in one of its quotes or locator lines (numbers in
/// words and with separators are understood); if not, a warning names the line where it is.
/// Exit code 1 when anything fails; warnings fail only with --strict.
///
/// With --db FILE (given on the command line; FACTLINE_DB is not read here, so that a check
/// gives the same answer in CI and on a laptop), the data files are checked against the
/// vocabulary of that database as well: entities, predicates and sources bundled or imported
/// there count as known, as they will when the files are imported into it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline check\n  \
                        factline check data/ --texts ../shared/seeds\n  \
                        factline check --db factline.db --texts texts/\n  \
                        factline check --texts texts/ --format json")]
pub struct Args {
    /// Data files or directories. Default: data/ if present, else the bundled dataset.
    pub paths: Vec<PathBuf>,

    /// Directory holding the sources' text files; verifies every citation against them.
    #[arg(long, value_name = "DIR")]
    pub texts: Option<PathBuf>,

    /// Fail on warnings too (exit code 1), not only on problems.
    #[arg(long)]
    pub strict: bool,

    /// Output format.
    #[arg(long, default_value_t = Format::Text, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `check` writes.
pub const FORMATS: &[Format] = &[Format::Text, Format::Json];

#[derive(Debug, Serialize)]
struct Report {
    sources: usize,
    claims: usize,
    citations: usize,
    verified: usize,
    /// Findings that fail the check (errors).
    failed: usize,
    /// Findings that fail it only with --strict.
    warnings: usize,
    problems: Vec<Finding>,
}

impl Report {
    fn new(dataset: &Dataset, citations: usize, verified: usize, problems: Vec<Finding>) -> Report {
        let failed = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        Report {
            sources: dataset.sources.len(),
            claims: dataset.claims.len(),
            citations,
            verified,
            failed,
            warnings: problems.len() - failed,
            problems,
        }
    }

    /// Exit code 1 for any error, or for any warning when `strict`.
    fn exit(&self, strict: bool) -> Exit {
        Exit::found_if(self.failed > 0 || (strict && self.warnings > 0))
    }
}

/// `db` is the database named with `--db`, whose vocabulary the files may use.
pub fn run(args: &Args, db: Option<&Path>, out: &mut dyn Write) -> Result<Exit> {
    crate::cmd::refuse_stdin(
        "check",
        args.paths.iter().chain(&args.texts).map(PathBuf::as_path),
    )?;
    let dirs = if !args.paths.is_empty() {
        args.paths.clone()
    } else if Path::new("data").is_dir() {
        vec![PathBuf::from("data")]
    } else {
        Vec::new()
    };
    let (files, shown, mappings) = if dirs.is_empty() {
        (
            crate::bundled::files(),
            "the bundled dataset".to_string(),
            crate::bundled::mappings(),
        )
    } else {
        let (files, shown) = data::read_named(&dirs)?;
        let mut mappings = Vec::new();
        for dir in dirs.iter().filter(|p| p.is_dir()) {
            mappings.extend(data::read_mappings(dir)?);
        }
        (files, shown, mappings)
    };
    let (known, stored) = match db {
        Some(path) => {
            let conn = crate::db::open_for_reading(path)?;
            (crate::db::known(&conn)?, crate::db::query::sources(&conn)?)
        }
        None => (data::Known::default(), HashMap::new()),
    };
    let mut dataset =
        data::load(&files, &known.clone().with_mapping_keys(&mappings)).map_err(|e| {
            // Files written against a database's vocabulary (after `import --bundled`) name
            // entities they do not define: say how to check them against it.
            let words = format!("{e:#}");
            let db_here = Path::new(crate::cli::DEFAULT_DB).exists();
            if db.is_none() && db_here && words.contains("unknown ") {
                anyhow::anyhow!(
                    "{words}\nhint: to check data files against the vocabulary of the database \
                 they are imported into, give `factline check --db {}`",
                    crate::cli::DEFAULT_DB
                )
            } else {
                anyhow::Error::from(e)
            }
        })?;
    // Sources the files cite but the database defines (bundled, imported): their texts are
    // looked up and verified like the files' own.
    if let Some(path) = db {
        let defined: HashSet<String> = dataset.sources.iter().map(|s| s.item.id.clone()).collect();
        let cited: HashSet<&str> = dataset
            .claims
            .iter()
            .flat_map(|c| c.item.citations.iter().map(|x| x.source.as_str()))
            .filter(|id| !defined.contains(*id))
            .collect();
        let mut extra: Vec<data::Located<Source>> = stored
            .into_values()
            .filter(|s| cited.contains(s.id.as_str()))
            .map(|s| data::Located {
                item: s,
                file: path.display().to_string(),
                line: 0,
                citation_lines: Vec::new(),
            })
            .collect();
        extra.sort_by(|a, b| a.item.id.cmp(&b.item.id));
        dataset.sources.extend(extra);
    }
    let citations: usize = dataset.claims.iter().map(|c| c.item.citations.len()).sum();

    let mut graded = rules::credibility(&dataset);
    // After a merge in git: claims both sides edited, which a clean text merge let through.
    if let [dir] = dirs.as_slice() {
        graded.extend(crate::revision::edited_on_both_sides(
            dir, &dataset, &known,
        )?);
    }
    let mut protected = crate::files::Protected::new();
    if let Some(path) = db {
        protected = protected.database(path);
    }
    let mut protected = protected
        .inputs(
            files.iter().map(|f| Path::new(f.path.as_str())),
            "a data file",
        )
        .inputs(
            mappings.iter().map(|f| Path::new(f.path.as_str())),
            "a mapping",
        );
    if let Some(dir) = &args.texts
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for entry in entries.flatten() {
            protected = protected.input(&entry.path(), "a source text");
        }
    }
    if let Some(dir) = &args.texts
        && !dir.is_dir()
    {
        anyhow::bail!(
            "--texts {}: {}; give the folder that holds the sources' text files",
            dir.display(),
            if dir.exists() {
                "not a folder"
            } else {
                "no such folder"
            }
        );
    }
    let Some(dir) = &args.texts else {
        let report = Report::new(&dataset, citations, 0, graded);
        crate::cmd::write_data(out, args.output.out.as_deref(), &protected, |out| {
            match args.format {
                Format::Text => {
                    write_findings(out, &report.problems)?;
                    if report.problems.is_empty() {
                        writeln!(
                            out,
                            "{shown} is valid: {} claims with {citations} citations, {} \
                             sources, {} entities, {} predicates",
                            dataset.claims.len(),
                            dataset.sources.len(),
                            dataset.entities.len(),
                            dataset.predicates.len()
                        )?;
                    } else {
                        writeln!(
                            out,
                            "checked {shown}: {} claims with {citations} citations{}",
                            dataset.claims.len(),
                            counts(&report)
                        )?;
                    }
                }
                Format::Json => crate::output::json(out, &report)?,
                other => return Err(other.unsupported(FORMATS)),
            }
            Ok(())
        })?;
        return Ok(report.exit(args.strict));
    };

    let (mut problems, texts) = verify::texts::verify_dataset(&dataset, dir);
    let failed_citations = problems.iter().filter(|p| p.citation.is_some()).count();
    let failed: HashSet<String> = problems.iter().filter_map(|p| p.claim.clone()).collect();
    let skip: HashSet<&str> = failed.iter().map(String::as_str).collect();
    problems.extend(graded);
    let verified: HashMap<&str, &str> = texts
        .iter()
        .filter_map(|(id, text)| Some((*id, text.as_ref().ok()?.as_str())))
        .collect();
    problems.extend(rules::against_texts(
        &dataset,
        &verified,
        &skip,
        &crate::extract::time::dates_in,
    ));
    let report = Report::new(&dataset, citations, citations - failed_citations, problems);
    crate::cmd::write_data(out, args.output.out.as_deref(), &protected, |out| {
        match args.format {
            Format::Text => report_text(out, &report, dir)?,
            Format::Json => crate::output::json(out, &report)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(report.exit(args.strict))
}

/// One line per finding: `file:line: [warning: ]claim `id`, citation n: message`.
fn write_findings(out: &mut dyn Write, findings: &[Finding]) -> std::io::Result<()> {
    for p in findings {
        let what = match (&p.claim, p.citation) {
            (Some(claim), Some(n)) => format!("claim `{claim}`, citation {n}: "),
            (Some(claim), None) => format!("claim `{claim}`: "),
            _ => String::new(),
        };
        let severity = match p.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        writeln!(out, "{}:{}: {severity}{what}{}", p.file, p.line, p.message)?;
    }
    Ok(())
}

/// "; 1 problem, 2 warnings", leaving out what is zero.
fn counts(report: &Report) -> String {
    let mut parts = Vec::new();
    if report.failed > 0 {
        parts.push(plural(report.failed, "problem", "problems"));
    }
    if report.warnings > 0 {
        parts.push(plural(report.warnings, "warning", "warnings"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}

/// One line per finding, then how many citations were verified.
fn report_text(out: &mut dyn Write, report: &Report, dir: &Path) -> std::io::Result<()> {
    write_findings(out, &report.problems)?;
    writeln!(
        out,
        "verified {} of {} citations against the texts in {}{}",
        report.verified,
        report.citations,
        dir.display(),
        counts(report)
    )
}
