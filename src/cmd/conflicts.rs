//! `factline conflicts`: where the sources disagree, why, what to believe, what was decided.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::exit::Exit;
use crate::output;
use crate::view::conflicts as view;

/// Where the sources disagree: could both statements be true, and under what reading?
///
/// Claims with the same subject, predicate and qualifiers that agree (values equal within their
/// stated bound and rounding: "25%" covers 24.5–25.5%, "nearly 22%" lies just under 22%, "about
/// 16 million" 15–17 million) form one side, with its independent sources counted as
/// corroboration. Two sides are judged by asking whether any reading of their times makes both
/// true: a day anywhere in each EDTF span, values changing no faster than the predicate's declared
/// rate (`typical_annual_change`, `max_annual_change`), or differing only between times more than
/// `comparable_within_days` apart.
///
/// A conflict: no reading reconciles them. A tension: only a strained one does (the far end of
/// "2013 or later", the margin of "c. 2011", or a change faster than the typical rate). Kinds:
/// value (functional predicates), date (a once-only event dated twice), series (a document's
/// figure against a dataset read as a curve, once per figure), derived (share = part ÷ whole
/// at a common time) and state (a state such as a membership claimed where its recorded
/// changes, a suspension or an end, say it did not hold; docs/states.md). Each entry has a
/// stable id, the reading in words, and a suggested low / best / high with the reason for the
/// best.
///
/// Exit code 1 while open conflicts exist; tensions are listed but do not fail.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline conflicts\n  \
                        factline conflicts --all --format markdown > memo.md\n  \
                        factline conflicts --format json\n\n\
                        Record a decision with `factline resolve CONFLICT --prefer CLAIM …`.")]
pub struct Args {
    /// Output format: table (one row per conflict or tension), markdown (a reconciliation
    /// memo to hand on) or json (`{"conflicts": [...]}`; see the README for every field).
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    #[command(flatten)]
    pub output: OutFile,

    /// Also list what was compared and found consistent, with the reading.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub known: super::KnownAt,
}

/// How many batches of judged entries (each at most
/// [`crate::view::conflicts::BATCH`]) may wait for the writer thread.
const BATCHES_AHEAD: usize = 2;

/// The formats `conflicts` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Markdown, Format::Json];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    if !FORMATS.contains(&args.format) {
        return Err(args.format.unsupported(FORMATS));
    }
    let bar = output::progress::claims("judging");
    // Each entry is written as it is judged, into a temporary file per verdict and kind (the
    // report's order), and the report is written from them once the counts that lead it are
    // known: memory holds one predicate's entries of one subject, not the report. The entries
    // are put into words on a second thread while the next subjects are judged.
    let entry = match args.format {
        Format::Table => output::conflicts::table_entry,
        Format::Markdown => output::conflicts::markdown_entry,
        _ => output::conflicts::json_entry,
    };
    let conn = db.read_known_at(&args.known)?;
    // The claims' provenance (not shown by the table) is read on the writer thread, through a
    // second connection on the same snapshot, when one can be made sure of; otherwise here.
    let second = if args.format == Format::Table {
        None
    } else {
        crate::db::conflicts::second_reader(conn, || {
            let second = crate::db::open_for_reading(db.path())?;
            if let Some(instant) = args.known.instant()? {
                crate::db::asof::install(&second, &instant)?;
            }
            Ok(second)
        })?
    };
    let (tally, mut entries) = std::thread::scope(|scope| -> Result<_> {
        let (send, receive) = std::sync::mpsc::sync_channel::<view::Batch>(BATCHES_AHEAD);
        let deferred = second.is_some();
        let writer = scope.spawn(move || -> Result<output::conflicts::Spill> {
            let mut reader = second.as_ref().map(view::ClaimReader::new).transpose()?;
            let mut entries = output::conflicts::Spill::default();
            for mut batch in receive {
                if let Some(reader) = &mut reader {
                    reader.complete(&mut batch)?;
                }
                for p in batch.entries {
                    entries
                        .push(p.verdict, p.kind, &entry(&p.view)?)
                        .context("while keeping the conflicts report in a temporary file")?;
                }
            }
            Ok(entries)
        });
        let mut progress = |n| bar.set_position(n as u64);
        // Fails only when the writer has stopped, on an error it returns below.
        let mut hand_on = |batch| {
            send.send(batch)
                .map_err(|_| anyhow::anyhow!("the conflicts report's writer stopped"))
        };
        let provenance = if deferred {
            view::Provenance::Defer
        } else if args.format == Format::Table {
            // The table shows no quote: its rows need no claim's provenance.
            view::Provenance::Skip
        } else {
            view::Provenance::Read
        };
        let tally = if deferred {
            // The facts are read here, judged on a thread beside, put into words on the writer.
            view::judge_batches_beside(conn, args.all, &mut progress, &mut hand_on)
        } else {
            view::judge_batches(conn, args.all, provenance, &mut progress, &mut hand_on)
        };
        drop(send);
        let entries = match writer.join() {
            Ok(entries) => entries?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok((tally?, entries))
    })?;
    bar.finish_and_clear();
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
        match args.format {
            Format::Table => output::conflicts_table(out, &tally, &mut entries, args.all)?,
            Format::Markdown => output::conflicts_markdown(out, &tally, &mut entries, args.all)?,
            _ => output::conflicts::conflicts_json(out, &tally, &mut entries)?,
        }
        Ok(())
    })?;
    Ok(Exit::found_if(tally.open > 0))
}
