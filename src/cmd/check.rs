//! `factline check`: validate data files and verify every citation against the source texts.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::{Format, OutFile};
use crate::data::{self, Dataset};
use crate::exit::Exit;
use crate::model::Source;
use crate::verify;
use crate::words::plural;

/// Validate data files; with --texts, verify every quote and locator against the sources.
///
/// Without --texts this checks what `import --dry-run` checks, without a database. With --texts
/// DIR, each source's text file (its `file` field, looked up in DIR) must match the source's
/// sha256, and each citation's quote must occur within the lines its locator names (`line 19`,
/// `lines 16-17`), comparing with whitespace collapsed, typographic quotes made plain and
/// line-end hyphens joined. A failing citation is reported with the data file and line, and
/// where the quote really is or the nearest passage. Exit code 1 when anything fails.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline check\n  \
                        factline check data/ --texts ../shared/seeds\n  \
                        factline check --texts texts/ --format json")]
pub struct Args {
    /// Data files or directories. Default: data/ if present, else the bundled dataset.
    pub paths: Vec<PathBuf>,

    /// Directory holding the sources' text files; verifies every citation against them.
    #[arg(long, value_name = "DIR")]
    pub texts: Option<PathBuf>,

    /// Output format.
    #[arg(long, default_value_t = Format::Text, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `check` writes.
pub const FORMATS: &[Format] = &[Format::Text, Format::Json];

/// One citation or source that failed verification.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    /// The claim id, for a citation problem.
    pub claim: Option<String>,
    /// The citation's 1-based position in its claim.
    pub citation: Option<usize>,
    pub message: String,
}

#[derive(Debug, Serialize)]
struct Report {
    sources: usize,
    claims: usize,
    citations: usize,
    verified: usize,
    failed: usize,
    problems: Vec<Problem>,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let (files, shown) = if !args.paths.is_empty() {
        data::read_named(&args.paths)?
    } else if Path::new("data").is_dir() {
        data::read_named(&[PathBuf::from("data")])?
    } else {
        (crate::bundled::files(), "the bundled dataset".to_string())
    };
    let dataset = data::load(&files, &data::Known::default())?;
    let citations: usize = dataset.claims.iter().map(|c| c.item.citations.len()).sum();

    let Some(dir) = &args.texts else {
        crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
            match args.format {
                Format::Text => writeln!(
                    out,
                    "{shown} is valid: {} claims with {citations} citations, {} sources, {} \
                     entities, {} predicates",
                    dataset.claims.len(),
                    dataset.sources.len(),
                    dataset.entities.len(),
                    dataset.predicates.len()
                )?,
                Format::Json => crate::output::json(
                    out,
                    &Report {
                        sources: dataset.sources.len(),
                        claims: dataset.claims.len(),
                        citations,
                        verified: 0,
                        failed: 0,
                        problems: Vec::new(),
                    },
                )?,
                other => return Err(other.unsupported(FORMATS)),
            }
            Ok(())
        })?;
        return Ok(Exit::Ok);
    };

    let problems = verify_dataset(&dataset, dir);
    let failed_citations = problems.iter().filter(|p| p.citation.is_some()).count();
    let report = Report {
        sources: dataset.sources.len(),
        claims: dataset.claims.len(),
        citations,
        verified: citations - failed_citations,
        failed: problems.len(),
        problems,
    };
    crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
        match args.format {
            Format::Text => report_text(out, &report, dir)?,
            Format::Json => crate::output::json(out, &report)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::found_if(report.failed > 0))
}

/// One line per problem, then how many citations were verified.
fn report_text(out: &mut dyn Write, report: &Report, dir: &Path) -> std::io::Result<()> {
    for p in &report.problems {
        let what = match (&p.claim, p.citation) {
            (Some(claim), Some(n)) => format!("claim `{claim}`, citation {n}: "),
            _ => String::new(),
        };
        writeln!(out, "{}:{}: {what}{}", p.file, p.line, p.message)?;
    }
    writeln!(
        out,
        "verified {} of {} citations against the texts in {}{}",
        report.verified,
        report.citations,
        dir.display(),
        match report.failed {
            0 => String::new(),
            n => format!("; {}", plural(n, "problem", "problems")),
        }
    )
}

/// A source's text, or why it cannot be used.
type Text = Result<String, String>;

fn verify_dataset(dataset: &Dataset, dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut texts: HashMap<&str, Text> = HashMap::new();
    // A dataset is a table, not a text: its rows are checked by importing the table again
    // through its mapping (`factline import-table`), so its sources have no text file here.
    let tables: HashSet<&str> = dataset
        .sources
        .iter()
        .filter(|s| s.item.kind == "dataset")
        .map(|s| s.item.id.as_str())
        .collect();
    for s in dataset
        .sources
        .iter()
        .filter(|s| !tables.contains(s.item.id.as_str()))
    {
        let text = load_text(&s.item, dir);
        if let Err(message) = &text {
            problems.push(Problem {
                file: s.file.clone(),
                line: s.line,
                claim: None,
                citation: None,
                message: format!("source `{}`: {message}", s.item.id),
            });
        }
        texts.insert(s.item.id.as_str(), text);
    }
    for c in &dataset.claims {
        for (i, citation) in c.item.citations.iter().enumerate() {
            if tables.contains(citation.source.as_str()) {
                continue;
            }
            let line = c.citation_lines.get(i).copied().unwrap_or(c.line);
            let message = match texts.get(citation.source.as_str()) {
                None => Some(format!(
                    "source `{}` is not in these data files, so its text is unknown",
                    citation.source
                )),
                Some(Err(_)) => Some(format!(
                    "cannot be verified: the text of source `{}` is unavailable (see above)",
                    citation.source
                )),
                Some(Ok(text)) => check_citation(text, &citation.quote, &citation.locator),
            };
            if let Some(message) = message {
                problems.push(Problem {
                    file: c.file.clone(),
                    line,
                    claim: Some(c.item.id.clone()),
                    citation: Some(i + 1),
                    message,
                });
            }
        }
    }
    problems
}

fn load_text(source: &Source, dir: &Path) -> Text {
    let Some(file) = &source.file else {
        return Err(
            "has no `file`, so its citations cannot be verified; name its text file".into(),
        );
    };
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let digest: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    match &source.sha256 {
        None => {
            return Err(format!(
                "has no `sha256`; the text in {} has sha256 = \"{digest}\"",
                path.display()
            ));
        }
        Some(expected) if *expected != digest => {
            return Err(format!(
                "{} has sha256 {digest}, not the recorded {expected}: the text changed, so \
                 its locators may be wrong",
                path.display()
            ));
        }
        Some(_) => {}
    }
    String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))
}

/// `None` when the quote is at its locator; otherwise what is wrong and where to look.
fn check_citation(text: &str, quote: &str, locator: &str) -> Option<String> {
    let Some(range) = verify::parse_locator(locator) else {
        return Some(format!(
            "locator `{locator}` is not a line reference; write `line 19` or `lines 16-17`"
        ));
    };
    let total = text.split('\n').count();
    let Some(passage) = verify::lines(text, &range) else {
        return Some(format!(
            "locator `{locator}` points past the end of the text ({total} lines)"
        ));
    };
    if verify::contains(&passage, quote) {
        return None;
    }
    if let Some(found) = verify::find_line(text, quote) {
        let at = if found.start() == found.end() {
            format!("line {}", found.start())
        } else {
            format!("lines {}-{}", found.start(), found.end())
        };
        return Some(format!(
            "the quote is not at `{locator}` but at `{at}`; set locator = \"{at}\""
        ));
    }
    match verify::nearest_passage(text, quote) {
        Some((line, score, nearest)) => Some(format!(
            "the quote is not in the text; nearest passage (line {line}, {:.0}% similar): “{nearest}”",
            score * 100.0
        )),
        None => Some("the quote is not in the text, which is empty".to_string()),
    }
}
