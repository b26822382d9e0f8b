//! `factline review`: decide on the candidates `extract --save` queued, or propose one from
//! any line of a source (`review add`): list them, accept (with edits, into a data file, then
//! imported) or reject them, by id, by score or one at a time. The work is in `review/`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Subcommand;
use rusqlite::Connection;

use crate::cli::Format;
use crate::datafiles::DataWriter;
use crate::db::review::Decision;
use crate::exit::Exit;
use crate::review::accept;
use crate::review::session::{self, Action, Edit};

/// Review the claim candidates that `factline extract --save` queued, or propose one from any
/// line of a source with `review add`.
///
/// With no subcommand, lists the pending candidates (as `review list`). Accepting a candidate
/// appends its claim to a data file (--to, default data/claims/SOURCE.toml, a file per source)
/// with an `extracted` citation (the candidate's phrase as quote, its line as locator, the
/// extractor's score; `manual` for a claim proposed with `review add`) and imports that file,
/// so the claim is in the timeline and in conflicts at once; an entity adopted with --adopt goes into
/// data/entities.toml in the same write. A rejected candidate is never queued again, nor any
/// candidate that suggests the same claim.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline extract article.txt --source rousseau-2011 --save\n  \
    factline review                                  # what is pending\n  \
    factline review interactive                      # one at a time\n  \
    factline review add minsk-visit-2012 --line 3\n  \
    factline review accept x1a2b3c4d5e6f --when 2011 --qualifier country=kazakhstan\n  \
    factline review accept x1a2b3c4d5e6f --subject Belarus --adopt Belarus=country\n  \
    factline review reject x0f9e8d7c6b5a --reason \"not a population figure\"\n  \
    factline review accept --accept-above 0.8 --dry-run")]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<ReviewAction>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    List(ListArgs),
    Accept(AcceptArgs),
    Reject(RejectArgs),
    Interactive(InteractiveArgs),
    Add(AddArgs),
}

/// List queued candidates, best score first.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// Which candidates: pending, accepted, rejected or all.
    #[arg(long, default_value = "pending", value_parser = ["pending", "accepted", "rejected", "all"])]
    pub status: String,

    /// Only candidates scored at least this (0–1).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0, value_parser = score)]
    pub min_score: f64,

    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,
}

/// Where accepted claims go and how they are cited.
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// The data file accepted claims go into, in id order (created if missing), and are
    /// imported from. Default: data/claims/SOURCE.toml (a file per source, so that branches
    /// adding claims from different articles touch different files) below the folder the
    /// database was imported from, whatever the working folder.
    #[arg(long, value_name = "FILE")]
    pub to: Option<PathBuf>,

    /// The data folder, for a database that does not record one (made with `import
    /// --bundled`): accepted claims go into DIR/claims/SOURCE.toml, and the database
    /// remembers the folder.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Who decides: the citation's curator and the queue's record (default $FACTLINE_ANALYST).
    #[arg(long, env = "FACTLINE_ANALYST")]
    pub by: Option<String>,

    /// The Admiralty credibility (1–6) of accepted citations; 6 = cannot be judged.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub credibility: u8,
}

impl Target {
    fn target(&self, entities: Option<&PathBuf>) -> accept::Target {
        accept::Target {
            to: self.to.clone(),
            entities: entities.cloned(),
            data: self.data.clone(),
            by: self.by.clone(),
            credibility: self.credibility,
        }
    }
}

/// The fields of a claim an analyst may give or change.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Fields {
    /// The subject: an entity id or any of its names.
    #[arg(long)]
    pub subject: Option<String>,

    /// The predicate (an id of the vocabulary).
    #[arg(long)]
    pub predicate: Option<String>,

    /// The value or object: a figure ("16.3 million", "nearly 22%"), an entity, or a text, as
    /// the predicate takes.
    #[arg(long, visible_alias = "object")]
    pub value: Option<String>,

    /// The time (EDTF: 2012-07-06, 2011, 2009/2011, ../2032). A day the text gives only
    /// relative to the publication ("on Friday") is written as of publication (`2012~`), as
    /// `check --texts` wants, with the day in the note.
    #[arg(long, value_name = "EDTF")]
    pub when: Option<String>,

    /// A qualifier KEY=ENTITY (repeatable): replaces that key's entities, `KEY=` drops the key
    /// ("country=kazakhstan", "group=ethnic Russians").
    #[arg(long = "qualifier", value_name = "KEY=ENTITY")]
    pub qualifiers: Vec<String>,
}

impl Fields {
    fn edit(&self) -> Edit {
        Edit {
            subject: self.subject.clone(),
            predicate: self.predicate.clone(),
            value: self.value.clone(),
            when: self.when.clone(),
            qualifiers: self.qualifiers.clone(),
            ..Edit::default()
        }
    }

    fn given(&self) -> Vec<(&'static str, Option<&String>)> {
        let mut given = vec![
            ("--subject", self.subject.as_ref()),
            ("--predicate", self.predicate.as_ref()),
            ("--value", self.value.as_ref()),
            ("--when", self.when.as_ref()),
        ];
        given.extend(self.qualifiers.iter().map(|q| ("--qualifier", Some(q))));
        given
    }
}

/// Accept candidates by id, or every pending one scored above a threshold.
#[derive(Debug, Clone, clap::Args)]
pub struct AcceptArgs {
    /// Candidate ids (as `review list` shows them).
    #[arg(
        required_unless_present = "accept_above",
        conflicts_with = "accept_above"
    )]
    pub ids: Vec<String>,

    /// Accept every pending candidate whose score is above this (0–1).
    #[arg(long, value_name = "SCORE", value_parser = score)]
    pub accept_above: Option<f64>,

    /// What to change in the suggestion before accepting.
    #[command(flatten)]
    pub fields: Fields,

    /// Replace the quote: words of the text, verbatim (checked against the document; the
    /// locator follows them to their line).
    #[arg(long)]
    pub quote: Option<String>,

    /// Create an entity with the claim, NAME=KIND (repeatable): a name the text gives that
    /// the vocabulary lacks (a `new` mention), written to the entities file in the same write
    /// as the claim. Then name it as any entity: `--subject Belarus --adopt Belarus=country`.
    #[arg(long, value_name = "NAME=KIND")]
    pub adopt: Vec<String>,

    /// Another name of an adopted entity, NAME=ALIAS (repeatable).
    #[arg(long = "alias", value_name = "NAME=ALIAS")]
    pub aliases: Vec<String>,

    /// The data file adopted entities go into (default data/entities.toml below the data
    /// folder's parent, as --to).
    #[arg(long, value_name = "FILE")]
    pub entities: Option<PathBuf>,

    /// Say what would be accepted (and print the claims) without changing anything.
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub target: Target,
}

/// Reject candidates: they, and any candidate suggesting the same claim, are not proposed again.
#[derive(Debug, Clone, clap::Args)]
pub struct RejectArgs {
    /// Candidate ids.
    #[arg(required = true)]
    pub ids: Vec<String>,

    /// Why, in a phrase: "wrong subject", "not a fact", "already curated" …
    #[arg(long)]
    pub reason: String,

    /// Who decides (default $FACTLINE_ANALYST).
    #[arg(long, env = "FACTLINE_ANALYST")]
    pub by: Option<String>,

    /// Say what would be rejected without changing anything.
    #[arg(long)]
    pub dry_run: bool,
}

/// Decide one candidate at a time, reading a key per line from stdin: a(ccept), e(dit then
/// accept), r(eject, asks for a reason), s(kip), u(ndo), q(uit). Decisions are applied when
/// the session ends.
#[derive(Debug, Clone, clap::Args)]
pub struct InteractiveArgs {
    /// Only candidates scored at least this (0–1).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0, value_parser = score)]
    pub min_score: f64,

    #[command(flatten)]
    pub target: Target,
}

/// Propose a claim from a line (or a quoted span) of a source's text: the quote is checked
/// verbatim against the text; subject, predicate, value, qualifiers and time are what
/// extraction reads there, each replaced by what you give. A name the vocabulary lacks is kept
/// for `review accept --adopt NAME=KIND` to create. The proposal is queued; `review accept ID`
/// (with any edits) writes it to the data files and imports it, cited `manual`.
///
/// The text is found by --text, else where `extract --save` read it, else the source's `file`
/// in the working folder or the data folder's parent (or a `texts/` folder in either); it must
/// have the sha256 the source records.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline review add minsk-visit-2012 --line 3\n  \
    factline review add minsk-visit-2012 --quote \"signed a plan of military cooperation\" \\\n      \
    --subject Kazakhstan --predicate cooperation_plan --value Belarus")]
pub struct AddArgs {
    /// The source id (as `source add` printed it).
    pub source: String,

    /// The line of the text the claim is on (1-based, as `extract` shows).
    #[arg(long, value_name = "N", required_unless_present = "quote")]
    pub line: Option<usize>,

    /// The words of the text that carry the fact, verbatim; with --line, on that line.
    #[arg(long)]
    pub quote: Option<String>,

    /// The source's text file, when factline does not find it.
    #[arg(long, value_name = "FILE")]
    pub text: Option<PathBuf>,

    #[command(flatten)]
    pub fields: Fields,

    /// Output format of the proposal.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,
}

/// A score argument: a number from 0 to 1.
fn score(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if (0.0..=1.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{text}` is not a score; give a number from 0 to 1, such as 0.8"
        )),
    }
}

/// The formats `review list` and `review add` write.
pub const FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl];

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let stdin = std::io::stdin();
    run_with(db_path, args, &mut stdin.lock(), out)
}

/// [`run`] reading an interactive session's keys from `input`.
pub fn run_with(
    db_path: &Path,
    args: &Args,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Exit> {
    if !db_path.exists() {
        bail!(
            "no database at {}; the review queue lives in a database: run `factline import`, \
             then `factline extract FILE --source ID --save` (or give --db)",
            db_path.display()
        );
    }
    stored_text(args)?;
    let writes_files = match &args.action {
        Some(ReviewAction::Accept(a)) => !a.dry_run,
        Some(ReviewAction::Interactive(_)) => true,
        _ => false,
    };
    if writes_files {
        // A change an interrupted run committed is finished before the queue is read, so
        // that its candidates read as accepted and its file holds their claims.
        let (writer, said) = DataWriter::open(db_path, None, &crate::cmd::say_waiting)?;
        say(&said);
        drop(writer);
    }
    // Listing and dry runs only read: the file is opened read-only, never created, migrated
    // or switched to WAL (an old schema is refused with the command that upgrades it).
    let reads_only = match &args.action {
        None | Some(ReviewAction::List(_)) => true,
        Some(ReviewAction::Accept(a)) => a.dry_run,
        Some(ReviewAction::Reject(a)) => a.dry_run,
        Some(ReviewAction::Interactive(_)) | Some(ReviewAction::Add(_)) => false,
    };
    let mut conn = if reads_only {
        crate::db::open_for_reading(db_path)?
    } else {
        crate::db::open(db_path)?
    };
    let list = ListArgs {
        status: "pending".into(),
        min_score: 0.0,
        format: Format::Table,
    };
    match &args.action {
        None => list_queue(&conn, &list, out),
        Some(ReviewAction::List(a)) => list_queue(&conn, a, out),
        Some(ReviewAction::Accept(a)) => accept(db_path, &conn, a, out),
        Some(ReviewAction::Reject(a)) => reject(&conn, a),
        Some(ReviewAction::Interactive(a)) => interactive(db_path, &conn, a, input, out),
        Some(ReviewAction::Add(a)) => add(&mut conn, a, out),
    }
}

/// Messages of the library on stderr, control characters escaped.
fn say(lines: &[String]) {
    for line in lines {
        eprintln!("factline: {}", crate::text::visible::visible(line));
    }
}

/// Refuses control characters and bidirectional overrides in the arguments that are stored
/// (the queue's reason and decider, a citation's curator, an accepted claim's edits), by the
/// same gate as data files.
fn stored_text(args: &Args) -> Result<()> {
    let mut given: Vec<(&str, Option<&String>)> = Vec::new();
    match &args.action {
        Some(ReviewAction::Accept(a)) => {
            given.push(("--by", a.target.by.as_ref()));
            given.extend(a.fields.given());
            given.push(("--quote", a.quote.as_ref()));
            given.extend(a.adopt.iter().map(|x| ("--adopt", Some(x))));
            given.extend(a.aliases.iter().map(|x| ("--alias", Some(x))));
        }
        Some(ReviewAction::Reject(a)) => {
            given.push(("--reason", Some(&a.reason)));
            given.push(("--by", a.by.as_ref()));
        }
        Some(ReviewAction::Interactive(a)) => given.push(("--by", a.target.by.as_ref())),
        Some(ReviewAction::Add(a)) => {
            given.extend(a.fields.given());
            given.push(("--quote", a.quote.as_ref()));
        }
        Some(ReviewAction::List(_)) | None => {}
    }
    for (flag, text) in given {
        if let Some(text) = text {
            crate::data::text::check_argument(flag, text).map_err(anyhow::Error::msg)?;
        }
    }
    Ok(())
}

/// Writes rows of the queue as a table (the values and the quote) or as JSON (every field).
fn write_rows(
    out: &mut dyn Write,
    format: Format,
    each: impl FnOnce(&mut dyn FnMut(&crate::db::review::Queued) -> Result<()>) -> Result<()>,
) -> Result<()> {
    use crate::review::list::{HEADERS, TABLE, row};
    let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    match format {
        Format::Json | Format::Jsonl => {
            let mut json = crate::output::RowsJson::new(&headers, format == Format::Jsonl);
            each(&mut |q| Ok(json.write(out, &row(q))?))?;
            json.finish(out)?;
        }
        Format::Table => {
            let picks: Vec<usize> = TABLE
                .iter()
                .filter_map(|h| HEADERS.iter().position(|x| x == h))
                .collect();
            let mut rows = Vec::new();
            each(&mut |q| {
                let full = row(q);
                rows.push(picks.iter().map(|&i| full[i].clone()).collect());
                Ok(())
            })?;
            let names: Vec<String> = TABLE.iter().map(|s| s.to_string()).collect();
            crate::output::rows_table(out, &names, &rows)?;
        }
        other => return Err(other.unsupported(FORMATS)),
    }
    Ok(())
}

fn list_queue(conn: &Connection, args: &ListArgs, out: &mut dyn Write) -> Result<Exit> {
    let status = (args.status != "all").then_some(args.status.as_str());
    write_rows(out, args.format, |f| {
        crate::db::review::each(conn, status, args.min_score, |q| f(&q))
    })?;
    if args.format == Format::Table {
        let (p, a, r) = crate::db::review::counts(conn)?;
        eprintln!("review queue: {p} pending, {a} accepted, {r} rejected");
    }
    Ok(Exit::Ok)
}

fn accept(
    db_path: &Path,
    conn: &Connection,
    args: &AcceptArgs,
    out: &mut dyn Write,
) -> Result<Exit> {
    let edit = Edit {
        quote: args.quote.clone(),
        adopt: args.adopt.clone(),
        aliases: args.aliases.clone(),
        ..args.fields.edit()
    };
    let chosen = accept::chosen(conn, &args.ids, args.accept_above, &edit)?;
    if chosen.is_empty() {
        eprintln!("no pending candidate scored above the threshold");
        return Ok(Exit::Ok);
    }
    let target = args.target.target(args.entities.as_ref());
    let done = accept::accept(db_path, conn, &chosen, &target, &how(args.dry_run))?;
    if args.dry_run {
        for text in done.entities.iter().chain(&done.blocks) {
            writeln!(out, "{text}")?;
        }
        say(&done.said);
        let file = match &args.target.to {
            Some(to) => to.display().to_string(),
            None => "the data folder's claims/SOURCE.toml".to_string(),
        };
        eprintln!(
            "would accept {} into {file} and import it (dry run: nothing changed)",
            crate::words::plural(done.blocks.len(), "candidate", "candidates")
        );
    } else {
        for line in &done.said {
            eprintln!("{}", crate::text::visible::visible(line));
        }
    }
    Ok(Exit::Ok)
}

/// How accepts run here: waiting said on stderr, claims written by the TOML output.
fn how(dry_run: bool) -> accept::How<'static> {
    fn toml(c: &crate::model::Claim) -> Result<String> {
        Ok(crate::output::claims_toml(std::slice::from_ref(c))?)
    }
    accept::How {
        dry_run,
        waiting: &crate::cmd::say_waiting,
        toml: &toml,
    }
}

fn reject(conn: &Connection, args: &RejectArgs) -> Result<Exit> {
    let reason = args.reason.trim();
    if reason.is_empty() {
        bail!("--reason must say why (\"wrong subject\", \"not a fact\" …)");
    }
    let by = args.by.clone().unwrap_or_default();
    let ids = accept::reject(conn, &args.ids, reason, &by, args.dry_run)?;
    if args.dry_run {
        eprintln!(
            "would reject {} ({reason}) (dry run: nothing changed)",
            ids.join(", ")
        );
        return Ok(Exit::Ok);
    }
    for id in &ids {
        eprintln!("rejected {id} ({reason})");
    }
    Ok(Exit::Ok)
}

fn interactive(
    db_path: &Path,
    conn: &Connection,
    args: &InteractiveArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Exit> {
    let items = crate::review::judge::shown(conn, args.min_score, args.target.credibility)?;
    if items.is_empty() {
        eprintln!("nothing to review: no pending candidate");
        return Ok(Exit::Ok);
    }
    let decisions = {
        let mut shown = crate::text::visible::Visible::new(out);
        session::run(&items, input, &mut shown)?
    };
    let mut accepts = Vec::new();
    let mut rejects = Vec::new();
    for (id, action) in decisions {
        let Some(item) = items.iter().find(|i| i.queued.item.id == id) else {
            continue;
        };
        match action {
            Action::Accept(edit) => accepts.push((item.queued.clone(), edit)),
            Action::Reject(reason) => rejects.push((id, Decision::Rejected { reason })),
        }
    }
    let done = accept::accept(
        db_path,
        conn,
        &accepts,
        &args.target.target(None),
        &how(false),
    )?;
    say(&done.said);
    let by = args.target.by.clone().unwrap_or_default();
    crate::db::review::decide(conn, &rejects, &by, &crate::time::now())?;
    eprintln!(
        "review: {} accepted, {} rejected",
        done.blocks.len(),
        rejects.len()
    );
    Ok(Exit::Ok)
}

fn add(conn: &mut Connection, args: &AddArgs, out: &mut dyn Write) -> Result<Exit> {
    let proposal = crate::review::add::Proposal {
        source: args.source.clone(),
        text: args.text.clone(),
        line: args.line,
        quote: args.quote.clone(),
        edit: args.fields.edit(),
    };
    let proposed = crate::review::add::propose(conn, &proposal)?;
    let (queued, new) = crate::review::add::queue(conn, &proposed)?;
    write_rows(out, args.format, |f| f(&queued))?;
    say(&proposed.said);
    if let Some((id, rule)) = &proposed.from {
        eprintln!("filled from extraction candidate {id} (rule {rule})");
    }
    let id = &queued.item.id;
    if new {
        eprintln!(
            "proposed {id}: `factline review accept {id}` writes it (with --subject, --value, \
             --when, --qualifier, --quote, --adopt to change it)"
        );
    } else if let Some(claim) = &queued.claim_id {
        eprintln!("candidate {id} already says this from this source: it is claim {claim}");
    } else {
        eprintln!(
            "candidate {id} already says this from this source ({}); `factline review accept \
             {id}` writes it",
            queued.status
        );
    }
    Ok(Exit::Ok)
}
