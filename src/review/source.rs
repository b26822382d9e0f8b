//! `source add`: a text file registered as a source. The `[[source]]` entry gets the file's
//! name and sha256 (what `check --texts` verifies quotes against), every field is checked and
//! every problem said at once, and the entry goes into the data files and the database in one
//! write through the data-file writer.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use rusqlite::Connection;

use crate::datafiles::DataWriter;
use crate::model::Source;
use crate::text::names::{fold, is_slug};
use crate::time::When;

/// Where new sources go by default, below the data root.
pub const SOURCES: &str = "data/sources.toml";

/// A source as the analyst describes it.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub file: PathBuf,
    pub id: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub kind: String,
    pub language: Option<String>,
    pub reliability: String,
    pub reliability_note: Option<String>,
    pub licence: Option<String>,
    pub note: Option<String>,
}

/// What registering did.
#[derive(Debug)]
pub struct Registered {
    pub source: Source,
    /// The data file the entry went into, as the database records it.
    pub origin: String,
    /// The entry as TOML.
    pub toml: String,
    pub said: Vec<String>,
}

/// An id from a title and a publication: its first words and the year
/// (`kazakh-minister-visits-minsk-2012`).
pub fn id_for(title: &str, published: Option<&str>) -> String {
    let words: Vec<String> = fold(title)
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_string)
        .collect();
    let mut id = words.join("-");
    if let Some(year) = published.and_then(|p| p.trim_start_matches('[').get(..4))
        && year.chars().all(|c| c.is_ascii_digit())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(year);
    }
    id
}

/// The source `new` describes, checked against the file and the database: every problem at
/// once.
pub fn checked(conn: &Connection, new: &NewSource) -> Result<Source> {
    let mut problems: Vec<String> = Vec::new();
    let shown = new.file.display().to_string();
    let texts: [(&str, Option<&String>); 11] = [
        ("--id", new.id.as_ref()),
        ("--title", new.title.as_ref()),
        ("--published", new.published.as_ref()),
        ("--author", new.author.as_ref()),
        ("--publisher", new.publisher.as_ref()),
        ("--url", new.url.as_ref()),
        ("--kind", Some(&new.kind)),
        ("--language", new.language.as_ref()),
        ("--reliability-note", new.reliability_note.as_ref()),
        ("--licence", new.licence.as_ref()),
        ("--note", new.note.as_ref()),
    ];
    for (flag, text) in texts {
        if let Some(text) = text
            && let Err(e) = crate::data::text::check_argument(flag, text)
        {
            problems.push(e);
        }
    }
    let sha256 = match crate::data::read::read_bounded(&new.file, &shown) {
        Ok(bytes) if std::str::from_utf8(&bytes).is_err() => {
            problems.push(format!(
                "{shown} is not UTF-8 text; save the article as plain UTF-8 text"
            ));
            None
        }
        Ok(bytes) => Some(crate::text::digest::sha256_hex(&bytes)),
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let file = new
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string);
    if file.is_none() {
        problems.push(format!("{shown}: give a text file with a UTF-8 name"));
    }
    let title = new.title.as_deref().map(str::trim).unwrap_or("");
    if title.is_empty() {
        problems.push("--title is needed: the article's title or headline".to_string());
    }
    let published = match new.published.as_deref().map(str::trim) {
        None | Some("") => {
            problems.push(
                "--published is needed: the publication date as EDTF (2012-07-09, 2012-07, \
                 2012), which dates what the text says relative to it (\"on Friday\")"
                    .to_string(),
            );
            None
        }
        Some(p) => match When::parse(p) {
            Ok(w) => Some(w.as_str().to_string()),
            Err(e) => {
                problems.push(format!(
                    "--published {p}: {e}; give an EDTF date such as 2012-07-09"
                ));
                None
            }
        },
    };
    let reliability = new.reliability.trim().to_uppercase();
    if !matches!(reliability.as_str(), "A" | "B" | "C" | "D" | "E" | "F") {
        problems.push(format!(
            "--reliability {}: not an Admiralty grade; use A (completely reliable), B (usually \
             reliable), C (fairly reliable), D (not usually reliable), E (unreliable) or F \
             (cannot be judged)",
            new.reliability
        ));
    }
    let kind = new.kind.trim().to_string();
    if kind.is_empty() {
        problems.push("--kind is empty; give article, news, report, journal_article …".into());
    }
    if let Some(url) = &new.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        problems.push(format!(
            "--url {url}: give the address with https:// or http://"
        ));
    }
    let id = match &new.id {
        Some(id) => id.trim().to_string(),
        None => id_for(title, published.as_deref()),
    };
    if !is_slug(&id) {
        if new.id.is_none() && title.is_empty() {
            // Said already: the title is missing.
        } else {
            problems.push(if new.id.is_some() {
                format!("--id {id}: an id is lower-case letters and digits, then also _ - .")
            } else {
                "no id can be made from the title; give --id".to_string()
            });
        }
    } else if let Some((existing, _)) = crate::db::query::source(conn, &id)? {
        problems.push(format!(
            "source id `{id}` is taken (“{}”); give another with --id",
            existing.title
        ));
    }
    if let Some(sha) = &sha256
        && let Some(same) = crate::db::query::sources(conn)?
            .into_values()
            .find(|s| s.sha256.as_deref() == Some(sha.as_str()))
    {
        problems.push(format!(
            "{shown} is already registered as source `{}` (same sha256)",
            same.id
        ));
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    let trimmed = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    Ok(Source {
        id,
        title: title.to_string(),
        author: trimmed(&new.author),
        publisher: trimmed(&new.publisher),
        published,
        url: trimmed(&new.url),
        kind,
        language: trimmed(&new.language),
        reliability,
        reliability_note: trimmed(&new.reliability_note),
        licence: trimmed(&new.licence),
        file,
        sha256,
        note: trimmed(&new.note),
        basis: None,
        tolerance: None,
    })
}

/// The source as a `[[source]]` table.
pub fn source_toml(source: &Source) -> Result<String> {
    #[derive(serde::Serialize)]
    struct File<'a> {
        source: [&'a Source; 1],
    }
    Ok(toml::to_string(&File { source: [source] })?)
}

/// Registers the source: checked, appended to `to` (default `data/sources.toml` below the
/// data root; `data` names the data folder of a database that records none) and imported, as
/// one unit. A dry run checks and returns the entry without writing.
pub fn register(
    db_path: &Path,
    new: &NewSource,
    to: Option<&Path>,
    data: Option<&Path>,
    dry_run: bool,
    waiting: &dyn Fn(&Path),
) -> Result<Registered> {
    if dry_run {
        let conn = crate::db::open_for_reading(db_path)?;
        let source = checked(&conn, new)?;
        let toml = source_toml(&source)?;
        return Ok(Registered {
            source,
            origin: String::new(),
            toml,
            said: Vec::new(),
        });
    }
    let (writer, said) = DataWriter::open(db_path, data, waiting)?;
    let source = checked(writer.conn(), new)?;
    let toml = source_toml(&source)?;
    let path = match to {
        Some(p) => p.to_path_buf(),
        None => writer.below_root(SOURCES)?,
    };
    let (file, _) = writer.target(&path, "--to")?;
    if file == crate::datafiles::absolute(&new.file)? {
        bail!("--to {}: that is the text being registered", path.display());
    }
    let before = writer
        .read(&file)?
        .unwrap_or_else(|| "# Sources registered with `factline source add`.\n\n".to_string());
    let change = writer.change(&path, "--to", super::accept::append(&before, &toml))?;
    let origin = change.origin.clone();
    writer
        .commit(std::slice::from_ref(&change), |_| Ok(()))
        .map_err(|e| anyhow!("{e:#}\nwhile adding the source to {origin}; nothing was changed"))?;
    Ok(Registered {
        source,
        origin,
        toml,
        said,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_title_and_the_year() {
        assert_eq!(
            id_for("Kazakh defence minister visits Minsk", Some("2012-07-09")),
            "kazakh-defence-minister-visits-minsk-2012"
        );
        assert_eq!(
            id_for("Ақорда: the President's week in review", Some("[2013..]")),
            "ak-orda-the-president-s-2013"
        );
        assert_eq!(id_for("Talks", None), "talks");
    }
}
