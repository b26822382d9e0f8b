//! `factline search`: full text over citation quotes, claim notes, labels and entity names.

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::query::{self, fts_query};
use crate::exit::Exit;
use crate::output;

/// Find claims by the words of their quotes, notes, labels and entity names.
///
/// Every word must occur (in any order) in one quote, one note, or one claim's label with the
/// names and aliases of its entities. Words are matched by their stem (`bombing` finds
/// `bombings`, English rules), case and accents are ignored, and `word*` matches a prefix. A
/// name joined by a hyphen is found as typed, with its variants (`Su-30` finds `Su-30MK`).
/// Every other character is taken as text: quotes, parentheses, AND, OR, NEAR and `-` have no
/// special meaning. Only current claims are searched. Results are ranked by relevance (BM25),
/// best first, with the claim id, its time in words, where the words were found and the text
/// with the matched words in [brackets] (in JSON also the plain text and the matches'
/// character offsets). When --limit cuts the list short, stderr says so. When more than 1,000
/// texts match (or more than --limit, if larger), the 1,000 added last are ranked among
/// themselves and stderr says so: ranking every match of a word in most quotes would read
/// them all.
///
/// Exit code 0 when something matched, 1 when nothing did (as grep), 2 for a usage error.
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

    /// Only claims documents give, or only dataset rows (claims cited only from datasets).
    #[arg(long, value_enum, value_name = "KIND")]
    pub source_kind: Option<crate::view::timeline::SourceKind>,

    /// At most this many results (1 to 100000).
    #[arg(long, default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000))]
    pub limit: usize,

    #[command(flatten)]
    pub output: OutFile,

    #[command(flatten)]
    pub known: super::KnownAt,
}

/// The formats `search` writes.
pub const FORMATS: &[Format] = &[Format::Table, Format::Json];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let text = args.text.join(" ");
    let Some(fts_query) = fts_query(&text) else {
        bail!("give at least one word to search for");
    };
    let conn = db.read_known_at(&args.known)?;
    let datasets = args
        .source_kind
        .map(|k| k == crate::view::timeline::SourceKind::Datasets);
    let found = query::search(conn, &fts_query, args.limit, datasets)?;
    let hits = found.hits;
    crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
        match args.format {
            Format::Json => output::json(out, &serde_json::json!({ "hits": hits }))?,
            Format::Table => output::search_table(out, &hits)?,
            other => return Err(other.unsupported(FORMATS)),
        }
        Ok(())
    })?;
    match found.ranked_of {
        Some(ranked) => eprintln!(
            "search: more than {} match; showing the best {} of the {ranked} added last \
             (ranking every match would read them all): give more words to narrow it, or \
             --limit N for more",
            crate::words::plural(ranked, "text", "texts"),
            crate::words::plural(args.limit.min(hits.len()), "result", "results"),
        ),
        None if found.cut => eprintln!(
            "search: showing the best {}; more claims match: give --limit N for more, or more \
             words",
            crate::words::plural(args.limit, "result", "results")
        ),
        None => {}
    }
    if hits.is_empty() {
        eprintln!(
            "no current claim's quotes, notes, label or entity names contain {}",
            crate::text::visible::visible(&text)
        );
    }
    // As grep: exit code 1 when nothing matched, so that a script can tell.
    Ok(Exit::found_if(hits.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_becomes_a_phrase() {
        assert_eq!(fts_query("kant").as_deref(), Some("\"kant\""));
        assert_eq!(
            fts_query("a\"b NEAR( AND -x exerc**").as_deref(),
            Some("\"a\"\"b\" \"NEAR(\" \"AND\" \"-x\" \"exerc\"*")
        );
        assert_eq!(fts_query("\" * - ( )"), None);
    }

    #[test]
    fn hyphenated_names_match_as_typed() {
        assert_eq!(fts_query("Su-30").as_deref(), Some("\"Su-30\"*"));
        assert_eq!(
            fts_query("S-300 Su-30*").as_deref(),
            Some("\"S-300\"* \"Su-30\"*")
        );
        assert_eq!(
            fts_query("Shanghai-based").as_deref(),
            Some("\"Shanghai-based\"*")
        );
        assert_eq!(fts_query("-30 Su-").as_deref(), Some("\"-30\" \"Su-\""));
    }

    #[test]
    fn no_user_text_is_an_fts_syntax_error() {
        let conn = crate::db::open_in_memory().unwrap();
        for text in [
            "\"",
            "\"kant",
            "*kant",
            "kant*",
            "AND",
            "OR",
            "NOT",
            "NEAR(",
            "NEAR(a b",
            "-kant",
            "a - b",
            "((",
            "a)",
            "kant:",
            "body:kant",
            "^kant",
            "{kant}",
            "a+b",
            "ü*",
            "'",
            "\\",
        ] {
            if let Some(q) = fts_query(text) {
                query::search(&conn, &q, 10, None).unwrap_or_else(|e| panic!("{text}: {e:#}"));
            }
        }
    }
}
