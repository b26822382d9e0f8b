//! The text a claim is quoted from: a queued candidate's document (read only while it holds
//! the bytes it was queued with), a quote checked verbatim against it and located by line, the
//! passage a locator names, and the time `check --texts` wants for a date the text gives only
//! relative to its publication.

use std::ops::RangeInclusive;
use std::path::Path;

use anyhow::{Result, bail};

use crate::db::review::Queued;

/// The text of `path` when it can be read and its sha256 is `sha256`.
pub fn read_pinned(path: &Path, sha256: &str) -> Option<String> {
    let bytes = crate::data::read::read_bounded(path, &path.display().to_string()).ok()?;
    (crate::text::digest::sha256_hex(&bytes) == sha256)
        .then(|| String::from_utf8(bytes).ok())
        .flatten()
}

/// The document of a queued candidate, when it is still there with the bytes it was queued
/// with.
pub fn document(q: &Queued) -> Option<String> {
    read_pinned(Path::new(&q.item.document), &q.item.sha256)
}

/// `line 4` or `lines 4-5`.
pub fn locator_of(range: &RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        format!("line {}", range.start())
    } else {
        format!("lines {}-{}", range.start(), range.end())
    }
}

/// Where `quote` is in `text`, as a locator, preferring the lines of `near` (a locator) when
/// it is there; an error that shows the nearest passage when it is nowhere. The comparison is
/// `check --texts`'s: whitespace collapsed, typographic quotes made plain.
pub fn locate(text: &str, quote: &str, near: Option<&str>, shown: &str) -> Result<String> {
    let quote = quote.trim();
    if quote.is_empty() {
        bail!("--quote is empty; give the words of the text that carry the fact");
    }
    if let Some(locator) = near
        && let Some(range) = crate::model::parse_locator(locator)
        && crate::verify::lines(text, &range).is_some_and(|p| crate::verify::contains(&p, quote))
    {
        return Ok(locator.to_string());
    }
    if let Some(found) = crate::verify::find_line(text, quote) {
        return Ok(locator_of(&found));
    }
    match crate::verify::nearest_passage(text, quote) {
        Some((line, score, nearest)) => bail!(
            "--quote “{quote}” is not in {shown} (a quote is verbatim, up to spacing and \
             typographic quotes); the nearest passage, line {line} ({:.0}% similar): “{nearest}”",
            score * 100.0
        ),
        None => bail!("--quote “{quote}” is not in {shown}, which is empty"),
    }
}

/// A new quote for `q`, checked verbatim against its document (or, when the document is gone
/// or changed, against its sentence), with the locator of the lines it is on.
pub fn requote(q: &Queued, quote: &str) -> Result<(String, String)> {
    let quote = quote.trim();
    if let Some(text) = document(q) {
        let locator = locate(&text, quote, Some(&q.item.locator), &q.item.document)?;
        return Ok((quote.to_string(), locator));
    }
    if !quote.is_empty() && crate::verify::contains(&q.item.sentence, quote) {
        return Ok((quote.to_string(), q.item.locator.clone()));
    }
    bail!(
        "--quote “{quote}” is not in the sentence of candidate {} ({}, line {}), and {} cannot \
         be read with the sha256 it was queued with, so nothing else could be searched",
        q.item.id,
        q.item.document,
        q.item.line,
        q.item.document
    )
}

/// The lines `locator` names in the candidate's document, else its sentence.
pub fn passage(q: &Queued, locator: &str) -> String {
    document(q)
        .and_then(|text| crate::verify::lines(&text, &crate::model::parse_locator(locator)?))
        .unwrap_or_else(|| q.item.sentence.clone())
}

/// The time `check --texts` wants for a claim dated `when` from a source published
/// `published`, whose locator lines are `passage()` (read only when needed): the "as of
/// publication" form (`2012~`) instead of a day the text gives only relative to the
/// publication ("said on Friday" → 2012-07-06), and a sentence for the note that keeps the
/// day; `None` when `when` stands.
pub fn conform(
    when: &str,
    published: Option<&str>,
    passage: impl FnOnce() -> String,
) -> Option<(String, String)> {
    let published = published?;
    // With no passage the rule is at its widest: most dates need no text read at all.
    let dates_in = &crate::extract::time::dates_in;
    crate::verify::rules::as_of_publication(when, published, "", dates_in)?;
    let wanted = crate::verify::rules::as_of_publication(when, published, &passage(), dates_in)?;
    Some((
        wanted.clone(),
        format!(
            "The text does not give the date {when} (the source was published {published}); \
             written as of publication, `{wanted}`, as `check` wants."
        ),
    ))
}

/// A candidate of `extract` with its suggestion's time as `check` wants it (see [`conform`]):
/// `text` is the piece of the document its offsets point into, from byte `base`. Returns the
/// sentence for the note when the time was rewritten.
pub fn conform_candidate(
    c: &mut crate::extract::Candidate,
    text: &str,
    base: usize,
    published: Option<&str>,
) -> Option<String> {
    let when = c.suggestion.as_ref()?.when.clone()?;
    let (wanted, note) = conform(&when, published, || {
        // The lines the candidate is on: what its locator will name.
        let start = c.start.saturating_sub(base).min(text.len());
        let end = c.end.saturating_sub(base).clamp(start, text.len());
        let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
        text.get(from..to).unwrap_or_default().to_string()
    })?;
    if c.edtf.as_deref() == Some(when.as_str()) {
        c.edtf = Some(wanted.clone());
    }
    if let Some(s) = c.suggestion.as_mut() {
        s.when = Some(wanted);
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Headline\n\nThe minister met his counterpart in Minsk on Friday.\n\
                        On July 6, 2012 the talks ended.\n";

    #[test]
    fn quotes_are_located_verbatim_or_refused_with_the_nearest_passage() {
        assert_eq!(
            locate(TEXT, "met his counterpart", None, "t").unwrap(),
            "line 3"
        );
        // The line it was given, when the quote is there.
        assert_eq!(
            locate(TEXT, "the talks", Some("line 4"), "t").unwrap(),
            "line 4"
        );
        let e = locate(TEXT, "met his colleague", None, "t").unwrap_err();
        assert!(format!("{e}").contains("nearest passage, line 3"), "{e}");
        assert!(locate(TEXT, "  ", None, "t").is_err());
    }

    #[test]
    fn a_day_given_relative_to_the_publication_stands_and_one_not_given_is_as_of_publication() {
        // "on Friday" in an article of Monday 2012-07-09 gives the day: it stands.
        let friday = || "The minister met his counterpart in Minsk on Friday.".to_string();
        assert!(conform("2012-07-06", Some("2012-07-09"), friday).is_none());
        // A day the passage does not give is written as of publication, the day in the note.
        let (when, note) = conform("2012-07-05", Some("2012-07-09"), friday).unwrap();
        assert_eq!(when, "2012~");
        assert!(note.contains("2012-07-05"), "{note}");
        let present = || "The minister is in Minsk.".to_string();
        assert_eq!(
            conform("2012-07-09", Some("2012-07-09"), present).map(|(w, _)| w),
            Some("2012~".to_string())
        );
        // A date the text gives stands, and so does a time without a publication.
        let dated = || "On July 6, 2012 the talks ended.".to_string();
        assert!(conform("2012-07-06", Some("2012-07-09"), dated).is_none());
        assert!(conform("2012-07-06", None, friday).is_none());
        // Only what needs it reads the passage.
        assert!(conform("2009", Some("2012-07-09"), || unreachable!("not read")).is_none());
    }
}
