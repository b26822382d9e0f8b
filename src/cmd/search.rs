//! `factline search`: full text over citation quotes and claim notes.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::query;
use crate::exit::Exit;
use crate::output;

/// Find claims by the words of their quotes and notes.
///
/// Every word must occur (in any order); case and accents are ignored, and `word*` matches a
/// prefix. Only current claims are searched. Results are ranked by relevance (BM25), best
/// first, with the matching words marked in the snippet.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline search Kant\n  \
                        factline search \"military cooperation treaty\" --format json\n  \
                        factline search exerc*")]
pub struct Args {
    /// Words to look for (all must occur).
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,

    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// At most this many results.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,

    #[command(flatten)]
    pub output: OutFile,
}

/// The formats `search` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Json];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let text = args.text.join(" ");
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| {
            let (stem, prefix) = match w.strip_suffix('*') {
                Some(stem) => (stem, "*"),
                None => (w, ""),
            };
            format!("\"{}\"{prefix}", stem.replace('"', "\"\""))
        })
        .collect();
    if words.is_empty() {
        bail!("give at least one word to search for");
    }
    let conn = db.read()?;
    let hits = query::search(conn, &words.join(" "), args.limit)?;
    crate::cmd::write_data(out, args.output.out.as_deref(), |out| {
        match args.format {
            Format::Json => output::json(out, &serde_json::json!({ "hits": hits }))?,
            Format::Table => output::search_table(out, &hits)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    if hits.is_empty() {
        eprintln!("no current claim quotes or notes contain {text}");
    }
    Ok(Exit::Ok)
}
