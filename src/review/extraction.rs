//! `extract` over files: every input read a piece at a time on `jobs` threads, each piece's
//! candidates dated as `check` wants a claim's time, handed back in input order, and (when the
//! run saves them for review) turned into queue items with their provenance.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;

use crate::db::review::NewItem;
use crate::extract::input::{Checked, Pieces};
use crate::extract::{self, Candidate, Context};

/// What a run reads: the files, each read through once already (`check_input`), the document
/// date, what the passes know, and how many threads tag.
pub struct Run<'a> {
    pub files: &'a [PathBuf],
    pub checked: Vec<Checked>,
    pub dct: Option<NaiveDate>,
    pub ctx: &'a Context,
    pub jobs: usize,
    /// The source the candidates are queued for review as, when they are.
    pub queue_for: Option<&'a str>,
}

/// Calls `each` with the index of a file and the candidates of one of its pieces, in input
/// order (every file yields at least one piece); returns the queue items of the candidates
/// when the run queues them.
pub fn candidates(
    run: Run,
    mut each: impl FnMut(usize, &[Candidate]) -> Result<()>,
) -> Result<Vec<NewItem>> {
    let Run {
        files,
        checked,
        dct,
        ctx,
        jobs,
        queue_for,
    } = run;
    let mut pieces = Pieces::new(files, checked, dct);
    let mut queue = Vec::new();
    crate::parallel::ordered(
        jobs,
        || pieces.next_piece(),
        |piece| {
            let mut candidates = extract::extract_at(&piece.doc, ctx, piece.offset, piece.lines);
            // A claim's time as `check` wants it: a day the text gives only relative to the
            // publication is written as of publication, the day kept for the note.
            let notes: Vec<Option<String>> = candidates
                .iter_mut()
                .map(|c| {
                    super::text::conform_candidate(
                        c,
                        &piece.doc.text,
                        piece.offset,
                        ctx.published.as_deref(),
                    )
                })
                .collect();
            let queued: Vec<NewItem> = match queue_for {
                Some(source) => {
                    let shown = piece.doc.path.display().to_string();
                    candidates
                        .iter()
                        .zip(&notes)
                        .filter_map(|(c, note)| {
                            super::queue_item(
                                c,
                                note.as_deref(),
                                &piece.doc.text,
                                piece.offset,
                                &shown,
                                &piece.doc.sha256,
                                source,
                            )
                        })
                        .collect()
                }
                None => Vec::new(),
            };
            (piece.file, candidates, queued)
        },
        |(file, candidates, queued)| {
            each(file, &candidates)?;
            queue.extend(queued);
            Ok(())
        },
    )?;
    Ok(queue)
}
