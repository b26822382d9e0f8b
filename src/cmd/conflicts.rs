//! `factline conflicts`: where the sources disagree, why, what to believe, what was decided.

use std::io::Write;

use anyhow::Result;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::exit::Exit;
use crate::output;

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

/// The formats `conflicts` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Markdown, Format::Json];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let bar = output::progress::claims("judging");
    // Judged first (the counts lead the report), then written entry by entry, each joined
    // with its claims' provenance as it is written.
    let doc = crate::view::conflicts::judge(db.read_known_at(&args.known)?, args.all, &mut |n| {
        bar.set_position(n as u64);
    })?;
    bar.finish_and_clear();
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
        match args.format {
            Format::Table => output::conflicts_table(out, &doc, args.all)?,
            Format::Markdown => output::conflicts_markdown(out, &doc, args.all)?,
            Format::Json => output::json(out, &crate::view::conflicts::Streamed(&doc))?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    Ok(Exit::found_if(doc.open > 0))
}
