//! `search`: the user's words as an FTS5 query (each word a phrase, a hyphenated name as typed)
//! and the current claims whose quotes, notes, labels or entity names match it.

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use crate::model::Hit;

/// The words of `text` as an FTS5 query: each word a quoted phrase (a `"` doubled), so no
/// character the user typed is read as query syntax; a trailing `*` stays a prefix search.
/// A name joined by a hyphen (`Su-30`, `S-300`) is searched as typed: the tokenizer splits it
/// into words (`su`, `30`), and its last word is a prefix, so that `Su-30` finds `Su-30MK` and
/// `S-300` finds `S-300PS` (a designation's variants). Words without a letter or digit are
/// dropped; `None` when none is left.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter_map(|w| {
            let (stem, prefix) = match w.strip_suffix('*') {
                Some(stem) => (stem.trim_end_matches('*'), "*"),
                None if is_hyphenated(w) => (w, "*"),
                None => (w, ""),
            };
            stem.chars()
                .any(char::is_alphanumeric)
                .then(|| format!("\"{}\"{prefix}", stem.replace('"', "\"\"")))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A word with a hyphen between a letter or digit and another (`Su-30`), not at either end.
fn is_hyphenated(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(3)
        .any(|w| w[1] == '-' && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// The marks `search` asks FTS5 to put around a matched word: control characters, which no
/// stored text may hold (see `data::text`), so they cannot be confused with the text.
const MATCH_START: char = '\u{1}';
const MATCH_END: char = '\u{2}';

/// Current claims whose quotes, notes, labels or entity names match an FTS5 query, best first.
/// `datasets`: `Some(false)` keeps claims a document gives, `Some(true)` dataset rows only (as
/// [`super::query::Filter::datasets`]).
pub fn search(
    conn: &Connection,
    fts_query: &str,
    limit: usize,
    datasets: Option<bool>,
) -> Result<Vec<Hit>> {
    // The index holds only current claims (migrations V6, V10), so FTS5 ranks (BM25) and stops
    // at the limit on its own, computing snippets for those rows only, before anything is
    // joined.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, coalesce(w.label, ''), coalesce(w.time, c.valid_time), c.valid_time,
                t.field, t.source, t.snippet
         FROM (SELECT claim_row, field, source, rank,
                      snippet(claim_text, 3, char(1), char(2), '…', 16) AS snippet
               FROM claim_text WHERE claim_text MATCH ?1
                 AND (?3 IS NULL OR EXISTS (SELECT 1 FROM citation ci
                        WHERE ci.claim_row = claim_text.claim_row
                          AND ci.source IN (SELECT id FROM source WHERE kind <> 'dataset'))
                      <> ?3)
               ORDER BY rank LIMIT ?2) t
         JOIN claim c ON c.row_id = t.claim_row
         LEFT JOIN claim_words w ON w.claim_row = t.claim_row
         ORDER BY t.rank, c.id",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let hits = stmt
        .query_map(params![fts_query, limit, datasets], |r| {
            let marked: String = r.get(6)?;
            let (snippet, text, matches) = split_marks(&marked);
            Ok(Hit {
                claim: r.get(0)?,
                label: r.get(1)?,
                when: r.get(2)?,
                valid_time: r.get(3)?,
                field: r.get(4)?,
                source: r.get(5)?,
                snippet,
                text,
                matches,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("while searching")?;
    Ok(hits)
}

/// A snippet as FTS5 marked it: with the matches in [brackets], without marks, and the
/// matches' character offsets in the text without marks.
fn split_marks(marked: &str) -> (String, String, Vec<[usize; 2]>) {
    let mut bracketed = String::with_capacity(marked.len());
    let mut text = String::with_capacity(marked.len());
    let mut matches = Vec::new();
    let (mut chars, mut start) = (0, None);
    for ch in marked.chars() {
        match ch {
            MATCH_START => {
                bracketed.push('[');
                start = Some(chars);
            }
            MATCH_END => {
                bracketed.push(']');
                if let Some(s) = start.take() {
                    matches.push([s, chars]);
                }
            }
            _ => {
                bracketed.push(ch);
                text.push(ch);
                chars += 1;
            }
        }
    }
    (bracketed, text, matches)
}
