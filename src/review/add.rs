//! `review add`: any line or quoted span of a source's text proposed as a claim. The quote is
//! checked verbatim against the text and located by line; the subject, predicate, value,
//! qualifiers and time are those extraction reads there (the best claim candidate in the
//! span), each replaced by what the analyst gives; a name the vocabulary lacks is kept as a
//! new mention, for `review accept --adopt` to create. The proposal is queued like any
//! candidate, to be accepted (with edits) or rejected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::accept::slug_of;
use super::session::Edit;
use super::{MANUAL, Suggested, content_key, parse_quantity, text};
use crate::db::review::NewItem;
use crate::extract::{self, Candidate, Document, Kind};
use crate::model::{Source, Value, ValueType};
use crate::text::names::{is_slug, nearest};

/// What the analyst asks for.
#[derive(Debug, Clone, Default)]
pub struct Proposal {
    /// The source id.
    pub source: String,
    /// The source's text file, when it is not where factline looks.
    pub text: Option<PathBuf>,
    /// The line of the text (1-based).
    pub line: Option<usize>,
    /// A verbatim span of the text.
    pub quote: Option<String>,
    /// The claim's fields, replacing what extraction read (no adoption here).
    pub edit: Edit,
}

/// A proposal ready to queue.
#[derive(Debug, Clone)]
pub struct Proposed {
    pub item: NewItem,
    /// The extraction candidate it was filled from, with its rule.
    pub from: Option<(String, String)>,
    /// What to tell the analyst.
    pub said: Vec<String>,
}

/// The source's text: `--text FILE`, else a document its candidates were queued from, else its
/// `file` beside the data folder, in the working folder or in a `texts/` folder of either;
/// always the bytes its `sha256` pins when it has one.
pub fn source_text(
    conn: &Connection,
    source: &Source,
    given: Option<&Path>,
) -> Result<(PathBuf, String)> {
    let pinned = source.sha256.as_deref();
    if let Some(path) = given {
        let bytes = crate::data::read::read_bounded(path, &path.display().to_string())
            .map_err(anyhow::Error::msg)?;
        let digest = crate::text::digest::sha256_hex(&bytes);
        if let Some(expected) = pinned
            && digest != expected
        {
            bail!(
                "--text {}: its sha256 is {digest}, not {expected} as source `{}` records: it \
                 is another text, and locators would point into the wrong lines",
                path.display(),
                source.id
            );
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!("--text {}: not UTF-8 text", path.display()))?;
        return Ok((path.to_path_buf(), text));
    }
    let mut tried: Vec<PathBuf> = Vec::new();
    for (document, sha256) in crate::db::review::documents(conn, &source.id)? {
        if pinned.is_none_or(|p| p == sha256) {
            tried.push(PathBuf::from(document));
        }
    }
    if let Some(file) = &source.file {
        // The working folder first (as a relative path, as the analyst would write it).
        let mut bases = vec![PathBuf::new()];
        if let Some(root) = crate::db::datafiles::data_root(conn)? {
            bases.push(PathBuf::from(root));
        }
        for base in bases {
            tried.push(base.join(file));
            tried.push(base.join("texts").join(file));
        }
    }
    for path in &tried {
        let found = match pinned {
            Some(sha) => text::read_pinned(path, sha),
            None => crate::data::read::read_bounded_text(path, "").ok(),
        };
        if let Some(text) = found {
            return Ok((path.clone(), text));
        }
    }
    let looked = if tried.is_empty() {
        "it has no `file` and no candidates were queued from it".to_string()
    } else {
        format!(
            "looked in {}",
            tried
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    bail!(
        "cannot find the text of source `{}` ({looked}{}); give --text FILE",
        source.id,
        if pinned.is_some() {
            " for a file with its sha256"
        } else {
            ""
        }
    )
}

/// The byte range of lines `range` (1-based) of `text`.
fn line_bytes(text: &str, range: &std::ops::RangeInclusive<usize>) -> Option<(usize, usize)> {
    let mut start = None;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        if n == *range.start() {
            start = Some(offset);
        }
        offset += line.len();
        if n == *range.end() {
            return Some((start?, offset));
        }
    }
    None
}

/// The extraction context: the database's entities, predicates and the shapes of their claims,
/// and the publication date.
pub fn context(conn: &Connection, published: Option<&str>) -> Result<extract::Context> {
    let entities = crate::db::review::entity_names(conn)?;
    let predicates = crate::db::query::predicates(conn)?;
    let rows = crate::db::review::claim_shapes(conn)?;
    let vocabulary =
        extract::suggest::Vocabulary::new(&entities, &predicates, extract::suggest::shapes(rows))
            .context("while building the entity and cue automata")?;
    let vocabulary = vocabulary.with_places(&crate::db::query::places(conn)?);
    Ok(extract::Context {
        vocabulary: Some(vocabulary),
        published: published.map(str::to_string),
    })
}

/// What resolving a name found: a known entity, or a new name kept for adoption.
fn entity_or_new(
    conn: &Connection,
    name: &str,
    flag: &str,
    mentions: &mut Vec<serde_json::Value>,
    said: &mut Vec<String>,
) -> Result<String> {
    let ids = crate::db::resolve_entity(conn, name)?;
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => {
            let id = slug_of(name);
            if !is_slug(&id) {
                bail!("{flag} {name}: not a name; give an entity's id or name");
            }
            said.push(format!(
                "{flag} {name}: no entity goes by that name yet; `review accept` creates it with \
                 --adopt \"{}=KIND\"",
                name.trim()
            ));
            if !mentions.iter().any(|m| m["id"] == id.as_str()) {
                mentions.push(serde_json::json!({"id": id, "text": name.trim(), "new": true}));
            }
            Ok(id)
        }
        many => bail!(
            "{flag} {name}: several entities go by that name ({}); give the id",
            many.join(", ")
        ),
    }
}

/// The proposal as a queue entry, every field checked; all problems are reported at once.
pub fn propose(conn: &Connection, p: &Proposal) -> Result<Proposed> {
    let Some((source, _)) = crate::db::query::source(conn, &p.source)? else {
        let ids: Vec<String> = crate::db::query::sources(conn)?.into_keys().collect();
        let hint = nearest(&p.source, ids.iter().map(String::as_str))
            .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        bail!(
            "no source `{}`{hint} (`factline source add FILE` registers one)",
            p.source
        );
    };
    if p.line.is_none() && p.quote.is_none() {
        bail!("give --line N (a line of the text) or --quote \"…\" (words of the text)");
    }
    let (path, body) = source_text(conn, &source, p.text.as_deref())?;
    let shown = path.display().to_string();
    let total = body.split('\n').count();
    let line_locator = match p.line {
        Some(n) if n == 0 || n > total => {
            bail!("--line {n}: {shown} has lines 1 to {total}")
        }
        Some(n) => {
            let range = n..=n;
            if crate::verify::lines(&body, &range).is_none_or(|l| l.trim().is_empty()) {
                bail!("--line {n}: line {n} of {shown} is blank; give a line with the fact");
            }
            Some(format!("line {n}"))
        }
        None => None,
    };
    let quote_locator = match &p.quote {
        Some(q) => {
            let found = text::locate(&body, q, line_locator.as_deref(), &shown)?;
            if let Some(at) = &line_locator
                && *at != found
            {
                bail!("--quote “{}” is not on {at} but on {found}", q.trim());
            }
            Some(found)
        }
        None => None,
    };
    let focus_locator = quote_locator
        .clone()
        .or(line_locator.clone())
        .ok_or_else(|| anyhow!("no line"))?;
    let focus_range =
        crate::model::parse_locator(&focus_locator).ok_or_else(|| anyhow!("bad locator"))?;
    let (focus_start, focus_end) = line_bytes(&body, &focus_range)
        .ok_or_else(|| anyhow!("{focus_locator} is past the end"))?;

    // What extraction reads in the span: the best claim candidate, and every mention.
    let dct = source
        .published
        .as_deref()
        .and_then(|d| crate::time::When::parse(d).ok())
        .and_then(|w| w.earliest());
    let ctx = context(conn, source.published.as_deref())?;
    let doc = Document::from_text(&path, body.clone(), dct);
    let found = extract::extract(&doc, &ctx);
    let in_focus = |c: &&Candidate| c.start < focus_end && c.end > focus_start;
    let quoted = |c: &Candidate| {
        p.quote.as_deref().is_some_and(|q| {
            crate::verify::contains(q, &c.text) || crate::verify::contains(&c.text, q)
        })
    };
    let best = found
        .iter()
        .filter(in_focus)
        .filter(|c| c.kind == Kind::Claim && c.suggestion.is_some())
        .max_by(|a, b| {
            (quoted(a), a.score)
                .partial_cmp(&(quoted(b), b.score))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    let mut mentions: Vec<serde_json::Value> = Vec::new();
    for c in found.iter().filter(in_focus) {
        for m in c.entities.iter() {
            if !mentions.iter().any(|x| x["id"] == m.id.as_str()) {
                mentions.push(serde_json::to_value(m)?);
            }
        }
    }
    let sentences: Vec<&str> = extract::sentences(&body)
        .into_iter()
        .filter(|s| s.start < focus_end && s.end > focus_start)
        .filter_map(|s| body.get(s.start..s.end))
        .collect();
    let sentence = sentences.join(" ");

    let mut said = Vec::new();
    let mut problems = Vec::new();
    let mut sug = match best.and_then(|c| c.suggestion.as_ref()) {
        Some(s) => Suggested {
            subject: s.subject.clone(),
            predicate: s.predicate.clone(),
            value: serde_json::to_value(&s.value)?,
            qualifiers: s.qualifiers.clone(),
            when: s.when.clone(),
            note: None,
        },
        None => Suggested {
            subject: String::new(),
            predicate: String::new(),
            value: serde_json::Value::Null,
            qualifiers: BTreeMap::new(),
            when: None,
            note: None,
        },
    };
    let e = &p.edit;
    let mut keep = |r: Result<()>| {
        if let Err(e) = r {
            problems.push(format!("{e:#}"));
        }
    };
    if let Some(s) = &e.subject {
        keep(
            entity_or_new(conn, s, "--subject", &mut mentions, &mut said)
                .map(|id| sug.subject = id),
        );
    }
    if let Some(pr) = &e.predicate {
        sug.predicate = pr.trim().to_string();
    }
    let predicate = if sug.predicate.is_empty() {
        None
    } else {
        let found = crate::db::query::predicate(conn, &sug.predicate)?.map(|(p, _)| p);
        if found.is_none() {
            let ids: Vec<String> = crate::db::query::predicates(conn)?
                .into_iter()
                .map(|p| p.id)
                .collect();
            let hint = nearest(&sug.predicate, ids.iter().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            keep(Err(anyhow!(
                "--predicate {}: no such predicate{hint}",
                sug.predicate
            )));
        }
        found
    };
    if let (Some(v), Some(pr)) = (&e.value, &predicate) {
        let value = match pr.value_type {
            ValueType::Quantity => parse_quantity(v, pr.unit.as_deref().unwrap_or(""))
                .map(Value::Quantity)
                .ok_or_else(|| {
                    anyhow!(
                        "--value {v}: not a figure; give one such as 16300000, \"16.3 million\" \
                         or \"nearly 22%\""
                    )
                }),
            ValueType::Entity => entity_or_new(conn, v, "--value", &mut mentions, &mut said)
                .map(|entity| Value::Entity { entity }),
            ValueType::Text => Ok(Value::Text {
                text: v.trim().to_string(),
            }),
            ValueType::None => Err(anyhow!(
                "--value: predicate `{}` takes no value; leave --value out",
                pr.id
            )),
        };
        keep(value.and_then(|v| {
            sug.value = serde_json::to_value(&v)?;
            Ok(())
        }));
    } else if let Some(pr) = &predicate
        && pr.value_type == ValueType::None
    {
        sug.value = serde_json::to_value(&Value::None)?;
    }
    let mut seen = std::collections::HashSet::new();
    for spec in &e.qualifiers {
        let r = (|| -> Result<()> {
            let Some((key, name)) = spec.split_once('=').map(|(k, n)| (k.trim(), n.trim())) else {
                bail!("--qualifier {spec}: give KEY=ENTITY, such as \"country=kazakhstan\"");
            };
            if !is_slug(key) {
                bail!("--qualifier {spec}: `{key}` is not a qualifier key");
            }
            let first = seen.insert(key.to_string());
            if name.is_empty() {
                sug.qualifiers.remove(key);
                return Ok(());
            }
            let id = entity_or_new(
                conn,
                name,
                &format!("--qualifier {key}="),
                &mut mentions,
                &mut said,
            )?;
            let entry = sug.qualifiers.entry(key.to_string()).or_default();
            if first {
                entry.clear();
            }
            if !entry.contains(&id) {
                entry.push(id);
            }
            Ok(())
        })();
        keep(r);
    }
    if let Some(w) = &e.when {
        keep(
            crate::time::When::parse(w)
                .map(|_| sug.when = Some(w.trim().to_string()))
                .map_err(|err| anyhow!("--when {w}: {err}; give an EDTF date such as 2011-07-20")),
        );
    }
    // What the claim candidate left open, from the other candidates in the span: its first
    // time, figure and known entity.
    let first = |kind: Kind| -> Option<&Candidate> {
        let all: Vec<&Candidate> = found
            .iter()
            .filter(in_focus)
            .filter(|c| c.kind == kind)
            .collect();
        all.iter().find(|c| quoted(c)).or(all.first()).copied()
    };
    if sug.when.is_none()
        && let Some(t) = first(Kind::Time).and_then(|c| c.edtf.clone())
    {
        sug.when = Some(t);
    }
    if sug.subject.is_empty()
        && let Some(m) = first(Kind::Entity).and_then(|c| c.entities.first())
        && !m.new
    {
        sug.subject = m.id.clone();
    }
    if sug.value.is_null()
        && let Some(pr) = predicate
            .as_ref()
            .filter(|p| p.value_type == ValueType::Quantity)
        && let Some(q) = first(Kind::Quantity).and_then(|c| c.quantity.as_ref())
    {
        let bound = crate::model::QuantityBound::parse(&q.bound)
            .unwrap_or(crate::model::QuantityBound::Exact);
        sug.value = serde_json::to_value(Value::Quantity(crate::model::Quantity {
            amount: q.amount,
            lower: q.lower,
            upper: q.upper,
            unit: pr.unit.clone().unwrap_or_default(),
            bound,
        }))?;
    }
    // Whatever is still missing, said at once.
    let read = best.map_or_else(
        || format!("extraction reads no claim in {focus_locator}"),
        |c| format!("extraction read {focus_locator} by rule {}", c.rule),
    );
    for (missing, flag, example) in [
        (
            sug.subject.is_empty(),
            "--subject",
            "an entity's id or name",
        ),
        (sug.predicate.is_empty(), "--predicate", "a predicate id"),
        (
            sug.value.is_null() && predicate.is_some(),
            "--value",
            "a figure, an entity or a text, as the predicate takes",
        ),
        (
            sug.when.is_none(),
            "--when",
            "an EDTF date such as 2012-07-06 or 2012~",
        ),
    ] {
        if missing {
            problems.push(format!("{flag} is needed ({read}): give {example}"));
        }
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    // The quote: the analyst's, else the phrase extraction read, else the sentence.
    let (quote, locator) = match (&p.quote, best) {
        (Some(q), _) => (q.trim().to_string(), focus_locator.clone()),
        (None, Some(c)) => {
            let last = c.line + c.text.matches('\n').count();
            (c.text.clone(), text::locator_of(&(c.line..=last)))
        }
        // A quote is the phrase that carries the fact, never a paragraph: a line of one
        // sentence is quoted whole, a longer one needs the analyst's words.
        (None, None) => match sentences.as_slice() {
            [one] => (one.trim().to_string(), focus_locator.clone()),
            _ => bail!(
                "{focus_locator} holds {} sentences and extraction reads no claim there: give \
                 --quote with the words that carry the fact",
                sentences.len()
            ),
        },
    };
    if let Some(when) = &sug.when
        && let Some((wanted, why)) = text::conform(when, source.published.as_deref(), || {
            crate::model::parse_locator(&locator)
                .and_then(|r| crate::verify::lines(&body, &r))
                .unwrap_or_default()
        })
    {
        said.push(format!(
            "dated {wanted}, not {when}: the text gives that day only relative to the \
             publication (the day goes in the note)"
        ));
        sug.when = Some(wanted);
        sug.note = Some(why);
    }
    // What it says, from this source: the same claim proposed from another source is a
    // second citation, not the same candidate.
    let content = format!("{}|{}", content_key(&sug), source.id);
    let rule = format!(
        "{MANUAL}.{}",
        if p.quote.is_some() { "quote" } else { "line" }
    );
    let candidate = serde_json::json!({
        "rule": rule,
        "from": best.map(|c| c.id.clone()),
        "text": quote,
        "suggestion": sug,
        "entities": mentions,
    });
    let mut h = Sha256::new();
    h.update(doc.sha256.as_bytes());
    h.update(b"\0manual\0");
    h.update(locator.as_bytes());
    h.update(b"\0");
    h.update(quote.as_bytes());
    h.update(b"\0");
    h.update(content.as_bytes());
    let digest = h.finalize();
    let id: String = std::iter::once("x".to_string())
        .chain(digest[..6].iter().map(|b| format!("{b:02x}")))
        .collect();
    let line = crate::model::parse_locator(&locator).map_or(1, |r| *r.start());
    Ok(Proposed {
        item: NewItem {
            id,
            kind: "claim".to_string(),
            content,
            document: shown,
            sha256: doc.sha256.clone(),
            source: Some(source.id.clone()),
            line,
            score: 1.0,
            candidate: candidate.to_string(),
            sentence,
            quote,
            locator,
        },
        from: best.map(|c| (c.id.clone(), c.rule.clone())),
        said,
    })
}

/// Queues a proposal: the queued candidate, and whether it is new (a proposal saying what a
/// pending or accepted candidate says is that candidate); an error when a candidate saying
/// the same was rejected.
pub fn queue(
    conn: &mut Connection,
    proposed: &Proposed,
) -> Result<(crate::db::review::Queued, bool)> {
    let item = &proposed.item;
    if let Some(q) = crate::db::review::get(conn, &item.id)? {
        return Ok((q, false));
    }
    if let Some(q) = crate::db::review::by_content(conn, &item.content)? {
        if q.status == "rejected" {
            bail!(
                "candidate {} said the same and was rejected ({}); a rejected claim is not                  proposed again: change a field, or see `factline review list --status rejected`",
                q.item.id,
                q.reason.as_deref().unwrap_or("no reason")
            );
        }
        return Ok((q, false));
    }
    crate::db::review::queue(conn, std::slice::from_ref(item), &crate::time::now())?;
    let q = crate::db::review::get(conn, &item.id)?
        .ok_or_else(|| anyhow!("candidate {} was not queued", item.id))?;
    Ok((q, true))
}
