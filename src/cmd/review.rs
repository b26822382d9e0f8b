//! `factline review`: decide on the candidates `extract --save` queued: list them, accept
//! (into a data file, then imported) or reject them, by id, by score or one at a time.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use rusqlite::Connection;

use crate::cli::Format;
use crate::datafiles::DataWriter;
use crate::db::review::{Decision, Queued};
use crate::exit::Exit;
use crate::model::{Cell, Value, ValueType};
use crate::review::session::{self, Action, Edit, Existing, Shown};
use crate::review::{Accepted, Suggested, parse_quantity, suggested, value_of, value_words};

/// Review the claim candidates that `factline extract --save` queued.
///
/// With no subcommand, lists the pending candidates (as `review list`). Accepting a candidate
/// appends its claim to a data file (--to, default data/claims/extracted.toml) with an
/// `extracted` citation (the candidate's phrase as quote, its line as locator, the extractor's
/// score) and imports that file, so the claim is in the timeline and in conflicts at once;
/// nothing else in data/ is touched. A rejected candidate is never queued again, nor any
/// candidate that suggests the same claim.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    factline extract article.txt --source rousseau-2011 --save\n  \
    factline review                                  # what is pending\n  \
    factline review interactive                      # one at a time\n  \
    factline review accept x1a2b3c4d5e6f --when 2011\n  \
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
    /// imported from. Default: data/claims/extracted.toml below the folder the database was
    /// imported from, whatever the working folder.
    #[arg(long, value_name = "FILE")]
    pub to: Option<PathBuf>,

    /// The data folder, for a database that does not record one (made with `import
    /// --bundled`): accepted claims go into DIR/claims/extracted.toml, and the database
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

    /// Replace the suggested subject (an entity id or any of its names).
    #[arg(long)]
    pub subject: Option<String>,

    /// Replace the suggested predicate (an id of the vocabulary).
    #[arg(long)]
    pub predicate: Option<String>,

    /// Replace the value: a figure ("16.3 million", "nearly 22%"), an entity, or a text,
    /// as the predicate takes.
    #[arg(long)]
    pub value: Option<String>,

    /// Replace the time (EDTF: 2011, 2009/2011, ../2032).
    #[arg(long, value_name = "EDTF")]
    pub when: Option<String>,

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

/// A score argument: a number from 0 to 1.
fn score(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if (0.0..=1.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{text}` is not a score; give a number from 0 to 1, such as 0.8"
        )),
    }
}

/// The formats `review list` writes.
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
        for line in said {
            eprintln!("factline: {}", crate::text::visible::visible(&line));
        }
        drop(writer);
    }
    // Listing and dry runs only read: the file is opened read-only, never created, migrated
    // or switched to WAL (an old schema is refused with the command that upgrades it).
    let reads_only = match &args.action {
        None | Some(ReviewAction::List(_)) => true,
        Some(ReviewAction::Accept(a)) => a.dry_run,
        Some(ReviewAction::Reject(a)) => a.dry_run,
        Some(ReviewAction::Interactive(_)) => false,
    };
    let conn = if reads_only {
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
            given.push(("--subject", a.subject.as_ref()));
            given.push(("--predicate", a.predicate.as_ref()));
            given.push(("--value", a.value.as_ref()));
            given.push(("--when", a.when.as_ref()));
        }
        Some(ReviewAction::Reject(a)) => {
            given.push(("--reason", Some(&a.reason)));
            given.push(("--by", a.by.as_ref()));
        }
        Some(ReviewAction::Interactive(a)) => given.push(("--by", a.target.by.as_ref())),
        Some(ReviewAction::List(_)) | None => {}
    }
    for (flag, text) in given {
        if let Some(text) = text {
            crate::data::text::check_argument(flag, text).map_err(anyhow::Error::msg)?;
        }
    }
    Ok(())
}

const HEADERS: [&str; 15] = [
    "id",
    "status",
    "score",
    "rule",
    "subject",
    "predicate",
    "value",
    "when",
    "quote",
    "document",
    "line",
    "source",
    "reason",
    "claim",
    "decided_by",
];

fn row(q: &Queued) -> Vec<Cell> {
    let (sug, rule) = match suggested(q) {
        Ok((s, r)) => (Some(s), r),
        Err(_) => (None, String::new()),
    };
    let value = sug
        .as_ref()
        .and_then(|s| value_of(&s.value).ok())
        .map(|v| value_words(&v));
    let text = |t: Option<String>| t.map_or(Cell::Null, Cell::Text);
    vec![
        Cell::Text(q.item.id.clone()),
        Cell::Text(q.status.clone()),
        Cell::Real((q.item.score * 100.0).round() / 100.0),
        Cell::Text(rule),
        text(sug.as_ref().map(|s| s.subject.clone())),
        text(sug.as_ref().map(|s| s.predicate.clone())),
        text(value),
        text(sug.as_ref().and_then(|s| s.when.clone())),
        Cell::Text(q.item.quote.clone()),
        Cell::Text(q.item.document.clone()),
        Cell::Integer(i64::try_from(q.item.line).unwrap_or(i64::MAX)),
        text(q.item.source.clone()),
        text(q.reason.clone()),
        text(q.claim_id.clone()),
        text(q.decided_by.clone()),
    ]
}

fn list_queue(conn: &Connection, args: &ListArgs, out: &mut dyn Write) -> Result<Exit> {
    let status = (args.status != "all").then_some(args.status.as_str());
    let headers: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    match args.format {
        Format::Json | Format::Jsonl => {
            let mut json = crate::output::RowsJson::new(&headers, args.format == Format::Jsonl);
            crate::db::review::each(conn, status, args.min_score, |q| {
                json.write(out, &row(&q))?;
                Ok(())
            })?;
            json.finish(out)?;
        }
        Format::Table => {
            // The quote and the rest are in the JSON formats.
            let shown = [
                "id",
                "score",
                "subject",
                "predicate",
                "value",
                "when",
                "line",
            ];
            let picks: Vec<usize> = shown
                .iter()
                .filter_map(|h| HEADERS.iter().position(|x| x == h))
                .collect();
            let mut rows = Vec::new();
            crate::db::review::each(conn, status, args.min_score, |q| {
                let full = row(&q);
                rows.push(picks.iter().map(|&i| full[i].clone()).collect());
                Ok(())
            })?;
            let names: Vec<String> = shown.iter().map(|s| s.to_string()).collect();
            crate::output::rows_table(out, &names, &rows)?;
            let (p, a, r) = crate::db::review::counts(conn)?;
            eprintln!("review queue: {p} pending, {a} accepted, {r} rejected");
        }
        other => return Err(other.unsupported(FORMATS)),
    }
    Ok(Exit::Ok)
}

/// A queued candidate by id, or an error that names the nearest ids.
fn find(conn: &Connection, id: &str) -> Result<Queued> {
    if let Some(q) = crate::db::review::get(conn, id)? {
        return Ok(q);
    }
    let prefix: String = id.chars().take(5).collect();
    let near = crate::db::review::ids_like(conn, &prefix, 5)?;
    let hint = if near.is_empty() {
        "`factline review list --status all` shows the queue".to_string()
    } else {
        format!("ids that start alike: {}", near.join(", "))
    };
    bail!("no candidate {id} in the review queue; {hint}")
}

fn pending(q: &Queued) -> Result<()> {
    match q.status.as_str() {
        "pending" => Ok(()),
        "accepted" => bail!(
            "candidate {} was already accepted as claim {}",
            q.item.id,
            q.claim_id.as_deref().unwrap_or("?")
        ),
        _ => bail!(
            "candidate {} was rejected ({}); it stays rejected",
            q.item.id,
            q.reason.as_deref().unwrap_or("no reason")
        ),
    }
}

/// An entity id from an id or any name, or an error that says what would do.
fn entity_id(conn: &Connection, name: &str, flag: &str) -> Result<String> {
    let ids = crate::db::resolve_entity(conn, name)?;
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("{flag} {name}: no entity goes by that name; `factline show NAME` finds one"),
        many => bail!(
            "{flag} {name}: several entities go by that name ({}); give the id",
            many.join(", ")
        ),
    }
}

/// The accepted claim's parts: the suggestion with the analyst's edits, each edit checked
/// against the vocabulary.
fn edited(conn: &Connection, q: &Queued, edit: &Edit) -> Result<(Suggested, Value, String)> {
    let (mut sug, rule) = suggested(q)?;
    if let Some(s) = &edit.subject {
        sug.subject = entity_id(conn, s, "--subject")?;
    }
    let changed_predicate = edit.predicate.as_ref().is_some_and(|p| *p != sug.predicate);
    if let Some(p) = &edit.predicate {
        sug.predicate = p.trim().to_string();
    }
    let Some((predicate, _)) = crate::db::query::predicate(conn, &sug.predicate)? else {
        let ids: Vec<String> = crate::db::query::predicates(conn)?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let hint = crate::text::nearest(&sug.predicate, ids.iter().map(String::as_str))
            .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        bail!("--predicate {}: no such predicate{hint}", sug.predicate);
    };
    let value = match &edit.value {
        Some(text) => match predicate.value_type {
            ValueType::Quantity => {
                let unit = predicate.unit.clone().unwrap_or_default();
                Value::Quantity(parse_quantity(text, &unit).with_context(|| {
                    format!(
                        "--value {text}: not a figure; give one such as 16300000, \"16.3 million\" \
                         or \"nearly 22%\""
                    )
                })?)
            }
            ValueType::Entity => Value::Entity {
                entity: entity_id(conn, text, "--value")?,
            },
            ValueType::Text => Value::Text {
                text: text.trim().to_string(),
            },
            ValueType::None => bail!(
                "--value: predicate `{}` takes no value; leave --value out",
                predicate.id
            ),
        },
        None => {
            let v = value_of(&sug.value)?;
            if v.value_type() != predicate.value_type {
                if changed_predicate && predicate.value_type == ValueType::None {
                    Value::None
                } else {
                    bail!(
                        "predicate `{}` takes {} values, the suggestion has a {} value; give --value",
                        predicate.id,
                        predicate.value_type.as_str(),
                        v.value_type().as_str()
                    );
                }
            } else {
                v
            }
        }
    };
    if let Some(when) = &edit.when {
        crate::time::When::parse(when).map_err(|e| {
            anyhow::anyhow!(
                "--when {when}: {e}; give an EDTF date such as 2011, 2009/2011 or ../2032"
            )
        })?;
        sug.when = Some(when.trim().to_string());
    }
    sug.value = serde_json::to_value(&value)?;
    Ok((sug, value, rule))
}

/// Accepts the chosen candidates: their claims go into the target file in id order and are
/// imported, and the queue records the decisions, as one unit through the data-file writer
/// ([`crate::datafiles::DataWriter`]): under the database's write lock, all or nothing, even if
/// the run is killed. Everything is checked first; on any problem nothing changes.
fn apply_accepts(
    db_path: &Path,
    conn: &Connection,
    chosen: &[(Queued, Edit)],
    target: &Target,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<usize> {
    if chosen.is_empty() {
        return Ok(0);
    }
    let mut claims = Vec::with_capacity(chosen.len());
    for (q, edit) in chosen {
        pending(q)?;
        let (sug, value, rule) = edited(conn, q, edit)
            .with_context(|| format!("while accepting candidate {}", q.item.id))?;
        let accepted = Accepted {
            queued: q,
            suggested: sug,
            value,
            rule,
            by: target.by.clone(),
            credibility: target.credibility,
            dated_by_analyst: edit.when.is_some(),
        };
        claims.push(accepted.claim()?);
    }
    let mut blocks = Vec::with_capacity(claims.len());
    for c in &claims {
        let text = crate::output::claims_toml(std::slice::from_ref(c))
            .context("while writing the claims as TOML")?;
        blocks.push((c.id.clone(), text));
    }
    if dry_run {
        for (_, text) in &blocks {
            writeln!(out, "{text}")?;
        }
        let file = match &target.to {
            Some(to) => to.display().to_string(),
            None => "the data folder's claims/extracted.toml".to_string(),
        };
        eprintln!(
            "would accept {} into {file} and import it (dry run: nothing changed)",
            crate::words::plural(claims.len(), "candidate", "candidates")
        );
        return Ok(claims.len());
    }
    let (writer, said) =
        DataWriter::open(db_path, target.data.as_deref(), &crate::cmd::say_waiting)?;
    for line in said {
        eprintln!("factline: {}", crate::text::visible::visible(&line));
    }
    // Under the lock: a candidate another run accepted meanwhile is not accepted twice.
    for (q, _) in chosen {
        let now = crate::db::review::get(writer.conn(), &q.item.id)?
            .with_context(|| format!("candidate {} left the review queue", q.item.id))?;
        pending(&now)?;
    }
    let path = match &target.to {
        Some(to) => to.clone(),
        None => writer.below_root(crate::datafiles::EXTRACTED)?,
    };
    let (file, _) = writer.target(&path, "--to")?;
    let before = writer.read(&file)?.unwrap_or_else(|| {
        "# Claims accepted from extracted candidates (`factline review`).\n\n".to_string()
    });
    let after = crate::datafiles::insert_claims(&before, &blocks);
    let change = writer.change(&path, "--to", after)?;
    let shown = change.origin.clone();
    let decisions: Vec<(String, Decision)> = chosen
        .iter()
        .zip(&claims)
        .map(|((q, _), c)| {
            (
                q.item.id.clone(),
                Decision::Accepted {
                    claim_id: c.id.clone(),
                },
            )
        })
        .collect();
    let by = target.by.clone().unwrap_or_default();
    writer
        .commit(std::slice::from_ref(&change), |tx| {
            crate::db::review::decide(tx, &decisions, &by, &crate::time::now())
        })
        .with_context(|| format!("while accepting into {shown}; nothing was changed"))?;
    for c in &claims {
        eprintln!("accepted as claim {} (in {shown})", c.id);
    }
    Ok(claims.len())
}

fn accept(
    db_path: &Path,
    conn: &Connection,
    args: &AcceptArgs,
    out: &mut dyn Write,
) -> Result<Exit> {
    let edit = Edit {
        subject: args.subject.clone(),
        predicate: args.predicate.clone(),
        value: args.value.clone(),
        when: args.when.clone(),
    };
    let editing = edit != Edit::default();
    let chosen: Vec<(Queued, Edit)> = match args.accept_above {
        Some(score) => {
            if !(0.0..=1.0).contains(&score) {
                bail!("--accept-above {score}: give a score from 0 to 1");
            }
            if editing {
                bail!(
                    "--subject, --predicate, --value and --when edit one candidate; give its id instead of --accept-above"
                );
            }
            let mut all = Vec::new();
            crate::db::review::each(conn, Some("pending"), score, |q| {
                if q.item.score > score {
                    all.push((q, Edit::default()));
                }
                Ok(())
            })?;
            all
        }
        None => {
            if editing && args.ids.len() > 1 {
                bail!("--subject, --predicate, --value and --when edit one candidate; give one id");
            }
            args.ids
                .iter()
                .map(|id| Ok((find(conn, id)?, edit.clone())))
                .collect::<Result<_>>()?
        }
    };
    if chosen.is_empty() {
        eprintln!("no pending candidate scored above the threshold");
        return Ok(Exit::Ok);
    }
    apply_accepts(db_path, conn, &chosen, &args.target, args.dry_run, out)?;
    Ok(Exit::Ok)
}

fn reject(conn: &Connection, args: &RejectArgs) -> Result<Exit> {
    let reason = args.reason.trim();
    if reason.is_empty() {
        bail!("--reason must say why (\"wrong subject\", \"not a fact\" …)");
    }
    let mut decisions = Vec::new();
    for id in &args.ids {
        let q = find(conn, id)?;
        pending(&q)?;
        decisions.push((
            q.item.id.clone(),
            Decision::Rejected {
                reason: reason.to_string(),
            },
        ));
    }
    if args.dry_run {
        eprintln!(
            "would reject {} ({reason}) (dry run: nothing changed)",
            decisions
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(Exit::Ok);
    }
    let by = args.by.clone().unwrap_or_default();
    crate::db::review::decide(conn, &decisions, &by, &crate::time::now())?;
    for (id, _) in &decisions {
        eprintln!("rejected {id} ({reason})");
    }
    Ok(Exit::Ok)
}

/// What the conflict engine needs to judge a candidate against the store, read once per
/// session: the vocabulary, the sources and the rules.
struct Judge {
    vocabulary: crate::view::Vocabulary,
    sources: std::collections::HashMap<String, crate::model::Source>,
    rules: Vec<crate::model::Rule>,
    now: String,
}

impl Judge {
    fn read(conn: &Connection) -> Result<Judge> {
        Ok(Judge {
            vocabulary: crate::view::Vocabulary::read(conn)?,
            sources: crate::db::query::sources(conn)?,
            rules: crate::db::query::rules(conn)?,
            now: crate::time::now(),
        })
    }

    /// The stored claims the candidate would agree or conflict with once accepted, as
    /// `factline conflicts` would judge them. Reads only the candidate's subject, for its
    /// predicate and the predicates a rule ties to it (share = part ÷ whole; a state and its
    /// changes).
    fn existing(
        &self,
        conn: &Connection,
        q: &Queued,
        sug: &Suggested,
        value: &Value,
        credibility: u8,
    ) -> Result<Vec<Existing>> {
        let mut predicates = vec![sug.predicate.clone()];
        for r in &self.rules {
            let terms = [&r.share, &r.part, &r.whole];
            if terms.iter().any(|t| **t == sug.predicate) {
                predicates.extend(terms.into_iter().cloned());
            }
        }
        predicates.extend(crate::conflicts::states::related(
            &self.vocabulary.predicates,
            &sug.predicate,
        ));
        predicates.sort();
        predicates.dedup();
        let stored = crate::db::conflicts::of_subject(conn, &sug.subject, &predicates)?;
        let ctx = crate::conflicts::Context {
            predicates: &self.vocabulary.predicates,
            sources: &self.sources,
            rules: &self.rules,
            names: &self.vocabulary.names,
            all: true,
        };
        Ok(
            match crate::review::candidate_fact(q, sug, value, credibility, &self.now) {
                Some(candidate) => crate::review::standing(ctx, &stored, &candidate),
                // Without a time nothing can be judged; the stored claims are still shown.
                None => stored
                    .iter()
                    .filter(|f| f.predicate == sug.predicate)
                    .map(|f| Existing {
                        claim: f.id.clone(),
                        value: value_words(&f.value),
                        when: f.when.as_str().to_string(),
                        relation: "not compared",
                        explanation: "the candidate has no time yet; give one to judge it"
                            .to_string(),
                        finding: None,
                    })
                    .collect(),
            },
        )
    }
}

fn interactive(
    db_path: &Path,
    conn: &Connection,
    args: &InteractiveArgs,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Exit> {
    let mut queued = Vec::new();
    crate::db::review::each(conn, Some("pending"), args.min_score, |q| {
        queued.push(q);
        Ok(())
    })?;
    let mut items = Vec::with_capacity(queued.len());
    let judge = Judge::read(conn)?;
    for q in queued {
        let (sug, rule) = suggested(&q)?;
        let value = value_of(&sug.value)?;
        let existing = judge.existing(conn, &q, &sug, &value, args.target.credibility)?;
        items.push(Shown {
            queued: q,
            suggested: sug,
            value,
            rule,
            existing,
        });
    }
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
    let accepted = apply_accepts(
        db_path,
        conn,
        &accepts,
        &args.target,
        false,
        &mut std::io::sink(),
    )?;
    let by = args.target.by.clone().unwrap_or_default();
    crate::db::review::decide(conn, &rejects, &by, &crate::time::now())?;
    eprintln!("review: {} accepted, {} rejected", accepted, rejects.len());
    Ok(Exit::Ok)
}
