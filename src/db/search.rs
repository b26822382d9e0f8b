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

/// At most this many matching texts are ranked (or the limit, if larger): past it, a search
/// ranks the texts added last (see [`search`]).
pub const CANDIDATES: usize = 1000;

/// What a search found, and whether it ranked every match.
pub struct Found {
    /// Best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// More texts matched than the limit.
    pub cut: bool,
    /// `Some(n)` when more than `n` texts matched and only the `n` added last were ranked.
    pub ranked_of: Option<usize>,
}

/// Current claims whose quotes, notes, labels or entity names match an FTS5 query, best first,
/// at most `limit`. `datasets`: `Some(false)` keeps claims a document gives, `Some(true)`
/// dataset rows only (as [`super::query::Filter::datasets`]).
///
/// When at most [`CANDIDATES`] texts (or `limit`, if larger) match, FTS5 ranks them all by BM25.
/// When more do (a word in most quotes), ranking them all would read and score every match:
/// the texts added last, that many, are read in FTS5's own order (newest row first, which it
/// can stop on) and ranked among themselves by BM25 with every query word weighed alike and
/// their own average length, so the time does not grow with the number of matches.
pub fn search(
    conn: &Connection,
    fts_query: &str,
    limit: usize,
    datasets: Option<bool>,
) -> Result<Found> {
    let bound = CANDIDATES.max(limit);
    let sql_bound = i64::try_from(bound).unwrap_or(i64::MAX);
    // The filter by kind of source, applied as FTS5 hands rows out.
    const KIND: &str = "(?3 IS NULL OR EXISTS (SELECT 1 FROM citation ci
                        WHERE ci.claim_row = claim_text.claim_row
                          AND ci.source IN (SELECT id FROM source WHERE kind <> 'dataset'))
                      <> ?3)";
    let matching: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM claim_text WHERE claim_text MATCH ?1 AND {KIND}
                                   LIMIT ?2 + 1)"
        ))?
        .query_row(params![fts_query, sql_bound, datasets], |r| r.get(0))
        .context("while searching")?;
    if usize::try_from(matching).unwrap_or(usize::MAX) <= bound {
        let mut hits = ranked_by_fts5(conn, fts_query, limit.saturating_add(1), datasets)?;
        let cut = hits.len() > limit;
        hits.truncate(limit);
        return Ok(Found {
            hits,
            cut,
            ranked_of: None,
        });
    }
    // The newest `bound` matches, each with its text marked, ranked here.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT claim_row, field, source, highlight(claim_text, 3, char(1), char(2)),
                snippet(claim_text, 3, char(1), char(2), '…', 16)
         FROM claim_text WHERE claim_text MATCH ?1 AND {KIND}
         ORDER BY rowid DESC LIMIT ?2"
    ))?;
    let mut candidates = stmt
        .query_map(params![fts_query, sql_bound, datasets], |r| {
            let marked: String = r.get(3)?;
            let (matched, length) = counts(&marked);
            Ok(Candidate {
                claim_row: r.get(0)?,
                field: r.get(1)?,
                source: r.get(2)?,
                snippet: r.get(4)?,
                matched,
                length,
                score: 0.0,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("while searching")?;
    let average =
        candidates.iter().map(|c| c.length as f64).sum::<f64>() / (candidates.len().max(1) as f64);
    for c in &mut candidates {
        c.score = bm25(c.matched, c.length, average);
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    candidates.truncate(limit);
    let rows: Vec<i64> = candidates.iter().map(|c| c.claim_row).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT c.row_id, c.id, coalesce(w.label, ''), coalesce(w.time, c.valid_time), c.valid_time
         FROM claim c LEFT JOIN claim_words w ON w.claim_row = c.row_id
         WHERE c.row_id IN (SELECT value FROM json_each(?1))",
    )?;
    let claims: std::collections::HashMap<i64, (String, String, String, String)> = stmt
        .query_map([serde_json::to_string(&rows)?], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()
        .context("while searching")?;
    let mut hits: Vec<(f64, Hit)> = candidates
        .into_iter()
        .filter_map(|c| {
            let (claim, label, when, valid_time) = claims.get(&c.claim_row)?.clone();
            let (snippet, text, matches) = split_marks(&c.snippet);
            Some((
                c.score,
                Hit {
                    claim,
                    label,
                    when,
                    valid_time,
                    field: c.field,
                    source: c.source,
                    snippet,
                    text,
                    matches,
                },
            ))
        })
        .collect();
    hits.sort_by(|(a, x), (b, y)| b.total_cmp(a).then_with(|| x.claim.cmp(&y.claim)));
    Ok(Found {
        hits: hits.into_iter().map(|(_, hit)| hit).collect(),
        cut: true,
        ranked_of: Some(bound),
    })
}

/// A matching text among the newest, before it is ranked.
struct Candidate {
    claim_row: i64,
    field: String,
    source: Option<String>,
    snippet: String,
    /// Matched words in the text.
    matched: usize,
    /// Words in the text.
    length: usize,
    score: f64,
}

/// How many words a marked text has, and how many of them are marked.
fn counts(marked: &str) -> (usize, usize) {
    let matched = marked.chars().filter(|c| *c == MATCH_START).count();
    let length = marked
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (matched, length.max(1))
}

/// Okapi BM25 as FTS5 computes it (k1 = 1.2, b = 0.75), for one term of constant weight:
/// higher is better.
fn bm25(matched: usize, length: usize, average: f64) -> f64 {
    let (k1, b) = (1.2, 0.75);
    let f = matched as f64;
    f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * length as f64 / average.max(1.0)))
}

/// Every match ranked by FTS5 (BM25), the best `limit`.
fn ranked_by_fts5(
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
