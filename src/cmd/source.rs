//! `factline source add`: register a text file as a source, with its name and sha256 filled,
//! in the data files and the database at once. The work is in `review::source`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::exit::Exit;
use crate::review::source::{NewSource, register};

/// Register sources: the texts claims are quoted from.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: SourceAction,
}

#[derive(Debug, Subcommand)]
pub enum SourceAction {
    Add(AddArgs),
}

/// Register a text file (an article saved as UTF-8 text) as a source.
///
/// Writes a `[[source]]` entry with `file` (the file's name) and `sha256` (of its bytes) to
/// the data files (--to, default data/sources.toml below the data folder's parent) and imports
/// it, file and database as one unit. Every field is checked first and every problem said at
/// once (exit code 2, nothing written). `check --texts DIR`, with DIR the folder of the file,
/// then verifies the quotes of its claims. Nothing is asked: what is not given takes its
/// default (kind article, reliability F = cannot be judged, language en), and the id is made
/// from the title's first words and the year.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline source add texts/minsk-visit.txt --title \"Kazakh minister visits Minsk\" \\\n      \
    --published 2012-07-09 --publisher \"Steppe Herald\" --url https://example.org/minsk \\\n      \
    --reliability C\n  \
    factline review add kazakh-minister-visits-minsk-2012 --line 3")]
pub struct AddArgs {
    /// The text file (UTF-8), as the citations' locators will count its lines.
    pub file: PathBuf,

    /// The title or headline.
    #[arg(long)]
    pub title: Option<String>,

    /// The publication date as EDTF (2012-07-09, 2012-07, 2012): relative dates in the text
    /// ("on Friday") are read against it.
    #[arg(long, value_name = "EDTF")]
    pub published: Option<String>,

    /// The source's id (a slug). Default: the title's first words and the year.
    #[arg(long)]
    pub id: Option<String>,

    #[arg(long)]
    pub author: Option<String>,

    /// The newspaper, agency or site.
    #[arg(long)]
    pub publisher: Option<String>,

    /// Where it was published (https://…).
    #[arg(long)]
    pub url: Option<String>,

    /// What it is: article, news, report, journal_article, dataset …
    #[arg(long, default_value = "article")]
    pub kind: String,

    /// The language of the text (ISO 639-1).
    #[arg(long, default_value = "en")]
    pub language: String,

    /// The Admiralty reliability of the source, A (completely reliable) to F (cannot be
    /// judged).
    #[arg(long, default_value = "F")]
    pub reliability: String,

    /// Why that grade.
    #[arg(long)]
    pub reliability_note: Option<String>,

    #[arg(long)]
    pub licence: Option<String>,

    #[arg(long)]
    pub note: Option<String>,

    /// The data file the entry goes into (created if missing).
    #[arg(long, value_name = "FILE")]
    pub to: Option<PathBuf>,

    /// The data folder, for a database that does not record one (made with `import
    /// --bundled`): the entry goes into DIR/sources.toml, and the database remembers the
    /// folder.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Check and print the entry without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let SourceAction::Add(a) = &args.action;
    crate::cmd::refuse_stdin("source add", [a.file.as_path()])?;
    if !db_path.exists() {
        bail!(
            "no database at {}; a source is imported as it is written: run `factline import` \
             (or `factline import --bundled`) first, or give --db",
            db_path.display()
        );
    }
    let new = NewSource {
        file: a.file.clone(),
        id: a.id.clone(),
        title: a.title.clone(),
        published: a.published.clone(),
        author: a.author.clone(),
        publisher: a.publisher.clone(),
        url: a.url.clone(),
        kind: a.kind.clone(),
        language: Some(a.language.clone()),
        reliability: a.reliability.clone(),
        reliability_note: a.reliability_note.clone(),
        licence: a.licence.clone(),
        note: a.note.clone(),
    };
    let done = register(
        db_path,
        &new,
        a.to.as_deref(),
        a.data.as_deref(),
        a.dry_run,
        &crate::cmd::say_waiting,
    )?;
    for line in &done.said {
        eprintln!("factline: {}", crate::text::visible::visible(line));
    }
    let texts = a
        .file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(".".to_string(), |p| p.display().to_string());
    if a.dry_run {
        writeln!(out, "{}", done.toml.trim_end())?;
        eprintln!(
            "would add source {} (dry run: nothing changed)",
            done.source.id
        );
    } else {
        eprintln!(
            "added source {} (in {}); next: `factline extract {} --source {} --save`, then \
             `factline review`; `factline check --texts {texts}` verifies its quotes",
            done.source.id,
            done.origin,
            a.file.display(),
            done.source.id
        );
    }
    Ok(Exit::Ok)
}
