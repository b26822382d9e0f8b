//! What the workbench's forms do, each as its command does it: `source add`, `extract --save`,
//! `review add`, `review accept` (with edits), `review reject` and `resolve` (its decision
//! saved to the data files). Every change of a data file goes through the `DataWriter`; writes
//! from this server run one at a time.

use std::path::{Path, PathBuf};

use maud::{Markup, html};

use super::page::{claim_link, csrf, shell, source_link};
use super::{Answer, Fail, Reply, Req, State, enc, one_write};
use crate::review::session::Edit;
use crate::view::conflicts::ConflictView;

/// Where the workbench's decisions on conflicts go, below the data root.
const RESOLUTIONS: &str = "data/resolutions.toml";

/// The folder the data folder is in: the one the database records, else the parent of
/// --data.
fn data_root(state: &State) -> Result<PathBuf, Fail> {
    let conn = crate::db::open_for_reading(&state.opts.db)?;
    if let Some(root) = crate::db::datafiles::data_root(&conn)?.map(PathBuf::from)
        && root.is_dir()
    {
        return Ok(root);
    }
    match &state.opts.data {
        Some(dir) => {
            let dir = std::path::absolute(dir).map_err(anyhow::Error::from)?;
            Ok(dir.parent().map_or(dir.clone(), Path::to_path_buf))
        }
        None => Err(Fail::Bad(
            "this database records no data folder (it was made with `import --bundled`): \
             start serve with --data DIR, the folder new data files go into"
                .to_string(),
        )),
    }
}

/// Refuses control characters and bidirectional overrides in what is stored, by the same gate
/// as data files and the command line's arguments.
fn stored(req: &Req, names: &[&str]) -> Result<(), Fail> {
    for name in names {
        for value in req.all(name) {
            crate::data::text::check_argument(name, &value).map_err(Fail::Bad)?;
        }
    }
    Ok(())
}

/// Who decides: the form's field, else --by (or $FACTLINE_ANALYST).
fn by(state: &State, req: &Req) -> Option<String> {
    req.field("by").or_else(|| state.opts.by.clone())
}

/// A list field (`a=b; c=d` or a line each) as its items.
fn items(req: &Req, name: &str) -> Vec<String> {
    req.get(name)
        .unwrap_or_default()
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn edit(req: &Req) -> Edit {
    Edit {
        subject: req.field("subject"),
        predicate: req.field("predicate"),
        value: req.field("value"),
        when: req.field("when"),
        qualifiers: items(req, "qualifiers"),
        quote: req.field("quote"),
        adopt: items(req, "adopt"),
        aliases: items(req, "aliases"),
    }
}

const EDIT_FIELDS: &[&str] = &[
    "subject",
    "predicate",
    "value",
    "when",
    "qualifiers",
    "quote",
    "adopt",
    "aliases",
    "by",
    "reason",
    "note",
];

/// The page of a source, with a message.
fn back_to_source(source: &str, done: &str, anchor: &str) -> Reply {
    Reply::see_other(&format!(
        "/source/{}?done={}#{anchor}",
        enc(source),
        enc(done)
    ))
}

pub fn accept(state: &State, req: &Req, id: &str) -> Answer {
    stored(req, EDIT_FIELDS)?;
    let edit = edit(req);
    one_write(state, || {
        let db = &state.opts.db;
        // A change an interrupted run committed is finished before the queue is read.
        drop(
            crate::datafiles::DataWriter::open(db, state.opts.data.as_deref(), &|_| {})
                .map_err(Fail::refused)?,
        );
        let conn = crate::db::open(db)?;
        let chosen = crate::review::accept::chosen(&conn, &[id.to_string()], None, &edit)
            .map_err(Fail::refused)?;
        let source = chosen
            .first()
            .and_then(|(q, _)| q.item.source.clone())
            .unwrap_or_default();
        let target = crate::review::accept::Target {
            to: None,
            entities: None,
            data: state.opts.data.clone(),
            by: by(state, req),
            credibility: 6,
        };
        fn toml(c: &crate::model::Claim) -> anyhow::Result<String> {
            Ok(crate::output::claims_toml(std::slice::from_ref(c))?)
        }
        let how = crate::review::accept::How {
            dry_run: false,
            waiting: &|_| {},
            toml: &toml,
        };
        let done = crate::review::accept::accept(db, &conn, &chosen, &target, &how)
            .map_err(Fail::refused)?;
        let said = done.said.join(" ");
        Ok(back_to_source(&source, &said, &format!("cand-{id}")))
    })
}

pub fn reject(state: &State, req: &Req, id: &str) -> Answer {
    stored(req, EDIT_FIELDS)?;
    let Some(reason) = req.field("reason") else {
        return Err(Fail::Bad(
            "say why the candidate is rejected (\"wrong subject\", \"not a fact\" …)".to_string(),
        ));
    };
    one_write(state, || {
        let conn = crate::db::open(&state.opts.db)?;
        let q = crate::review::accept::find(&conn, id).map_err(Fail::refused)?;
        let who = by(state, req).unwrap_or_default();
        crate::review::accept::reject(
            &conn,
            std::slice::from_ref(&q.item.id),
            &reason,
            &who,
            false,
        )
        .map_err(Fail::refused)?;
        let source = q.item.source.clone().unwrap_or_default();
        Ok(back_to_source(
            &source,
            &format!("rejected {id} ({reason})"),
            &format!("cand-{id}"),
        ))
    })
}

/// `review add`: the words the analyst selected proposed as a claim, queued to accept.
pub fn propose(state: &State, req: &Req, source: &str) -> Answer {
    stored(req, EDIT_FIELDS)?;
    let line = match req.field("line") {
        Some(l) => Some(
            l.parse::<usize>()
                .map_err(|_| Fail::Bad(format!("line `{l}` is not a line number")))?,
        ),
        None => None,
    };
    let e = edit(req);
    let proposal = crate::review::add::Proposal {
        source: source.to_string(),
        text: None,
        line,
        quote: req.field("quote"),
        edit: Edit {
            quote: None,
            adopt: Vec::new(),
            aliases: Vec::new(),
            ..e
        },
    };
    one_write(state, || {
        let mut conn = crate::db::open(&state.opts.db)?;
        let proposed = crate::review::add::propose(&conn, &proposal).map_err(Fail::refused)?;
        let (queued, new) =
            crate::review::add::queue(&mut conn, &proposed).map_err(Fail::refused)?;
        let id = &queued.item.id;
        let mut said = proposed.said.join(" ");
        said.push_str(&if new {
            format!(" Proposed {id}: accept it below, with any edits.")
        } else {
            format!(" Candidate {id} already says this ({}).", queued.status)
        });
        Ok(back_to_source(source, said.trim(), &format!("cand-{id}")))
    })
}

/// `extract --save` for one source: its text's claim candidates queued for review.
pub fn extract(state: &State, id: &str) -> Answer {
    one_write(state, || {
        let mut conn = crate::db::open(&state.opts.db)?;
        let Some((source, _)) = crate::db::query::source(&conn, id)? else {
            return Err(Fail::NotFound(format!("no source has the id `{id}`")));
        };
        let (path, text) =
            crate::review::add::source_text(&conn, &source, None).map_err(Fail::refused)?;
        let published = source.published.as_deref();
        let dct = published
            .and_then(|d| crate::time::When::parse(d).ok())
            .and_then(|w| w.earliest());
        let ctx = crate::review::add::context(&conn, published)?;
        let doc = crate::extract::Document::from_text(&path, text, dct);
        let shown = path.display().to_string();
        let items: Vec<_> = crate::extract::extract(&doc, &ctx)
            .into_iter()
            .filter_map(|mut c| {
                let note = crate::review::text::conform_candidate(&mut c, &doc.text, 0, published);
                crate::review::queue_item(
                    &c,
                    note.as_deref(),
                    &doc.text,
                    0,
                    &shown,
                    &doc.sha256,
                    id,
                )
            })
            .collect();
        let done = crate::db::review::queue(&mut conn, &items, &crate::time::now())?;
        Ok(back_to_source(
            id,
            &format!(
                "queued {} ({} already queued, {} suggesting a rejected claim)",
                crate::words::plural(done.queued, "candidate", "candidates"),
                done.already,
                done.rejected_before
            ),
            "cands-h",
        ))
    })
}

/// A conflict with its reading, sides, sources and quotes, and the form that resolves it.
pub fn conflict_card(state: &State, c: &ConflictView) -> Markup {
    let fid = |s: &str| format!("{}-{}", enc(&c.id).replace('%', "_"), s);
    html! {
        article class={ "conflict " (c.status) } id=(c.id) aria-label={ "Conflict " (c.id) } {
            p { strong { (c.verdict) } " · " (c.status) " · " (c.kind) " · "
                a href={ "/entity/" (enc(&c.subject)) } { (c.subject_name) } " · " (c.predicate_label)
                @for (k, v) in &c.qualifiers { " · " (k) " " (v.join(", ")) } }
            p { (c.explanation) }
            p.muted { "Reading: " (c.reading) }
            table {
                thead { tr { th { "Side" } th { "When" } th { "Sources" } } }
                tbody { @for s in &c.sides { tr { td { (s.figure) } td { (s.when) }
                    td { (s.independent_sources) " independent of " (s.sources.len()) ": " @for src in &s.sources { (source_link(src, None)) " " } } } } }
            }
            @for cl in &c.claims {
                div {
                    p { (claim_link(&cl.claim)) " " (cl.label) " · " (cl.when_text) " · rank " (cl.rank) }
                    @for ci in &cl.citations {
                        p.muted { (source_link(&ci.source, ci.source_title.as_deref()))
                            " · reliability " (ci.reliability.as_deref().unwrap_or("?")) " · " (ci.locator) }
                        blockquote { (ci.quote) }
                    }
                }
            }
            @if let Some(r) = &c.resolution {
                p.done { "Resolved " (r.recorded_at) " by " (r.by) ": prefer " code { (r.prefer) }
                    @if !r.deprecate.is_empty() { ", deprecate " (r.deprecate.join(", ")) } " (" (r.reason) ")" }
            }
            @if !state.opts.read_only {
                details {
                    summary { @if c.resolution.is_some() { "Decide again" } @else { "Resolve" } }
                    form method="post" action="/conflicts/resolve" {
                        (csrf(state))
                        input type="hidden" name="conflict" value=(c.id);
                        fieldset {
                            legend { "Prefer one claim; deprecate others" }
                            @for cl in &c.claims {
                                div {
                                    input type="radio" name="prefer" value=(cl.claim) id=(fid(&format!("p-{}", cl.claim))) required;
                                    label.inline for=(fid(&format!("p-{}", cl.claim))) { "prefer " (cl.claim) }
                                    " "
                                    input type="checkbox" name="deprecate" value=(cl.claim) id=(fid(&format!("d-{}", cl.claim)));
                                    label.inline for=(fid(&format!("d-{}", cl.claim))) { "deprecate " (cl.claim) }
                                }
                            }
                        }
                        div.row {
                            div { label for=(fid("reason")) { "Reason" } input #(fid("reason")) type="text" name="reason" required placeholder="more reliable source, more recent …"; }
                            div { label for=(fid("by")) { "Who decides" } input #(fid("by")) type="text" name="by" required value=(state.opts.by.clone().unwrap_or_default()); }
                        }
                        label for=(fid("note")) { "Note" }
                        input #(fid("note")) type="text" name="note";
                        button.primary type="submit" { "Record the decision" }
                    }
                }
            }
        }
    }
}

/// `resolve`, its decision saved to the data files (data/resolutions.toml) and imported.
pub fn resolve(state: &State, req: &Req) -> Answer {
    stored(
        req,
        &["conflict", "prefer", "deprecate", "reason", "note", "by"],
    )?;
    let decision = crate::review::resolve::Decision {
        conflict: req.field("conflict").unwrap_or_default(),
        prefer: req
            .field("prefer")
            .ok_or_else(|| Fail::Bad("choose the claim to prefer".to_string()))?,
        deprecate: req
            .all("deprecate")
            .into_iter()
            .filter(|d| !d.trim().is_empty())
            .collect(),
        reason: req.field("reason").unwrap_or_default(),
        note: req.field("note"),
        by: by(state, req).unwrap_or_default(),
    };
    one_write(state, || {
        let to = crate::review::resolve::Where {
            save_to: Some(data_root(state)?.join(RESOLUTIONS)),
            flag: "the resolutions file",
            data: state.opts.data.clone(),
        };
        let (r, _) = crate::review::resolve::resolve(&state.opts.db, &decision, &to, &|_| {})
            .map_err(Fail::refused)?;
        let subject = r.conflict.clone();
        Ok(Reply::see_other(&format!(
            "/conflicts?done=resolved#{}",
            enc(&subject)
        )))
    })
}

/// The form that adds a source; `given` fills it again after a refusal.
pub fn new_source_form(state: &State, error: Option<&str>, given: Option<&Req>) -> Reply {
    let value = |name: &str| {
        given
            .and_then(|r| r.get(name))
            .unwrap_or_default()
            .to_string()
    };
    let field = |name: &str, label: &str, hint: &str| {
        html! { div { label for={ "s-" (name) } { (label) } input #{ "s-" (name) } type="text" name=(name) placeholder=(hint) value=(value(name)); } }
    };
    let body = html! {
        @if let Some(e) = error { p.error role="alert" { (e) } }
        @if state.opts.read_only { p.error { "This workbench is read-only." } }
        @else {
            form method="post" action="/sources/new" {
                (csrf(state))
                (field("title", "Title or headline", "Kazakh defence minister visits Minsk"))
                div.row {
                    (field("published", "Published (EDTF)", "2012-07-09"))
                    (field("publisher", "Publisher", "Steppe Herald"))
                    (field("url", "Address", "https://…"))
                }
                div.row {
                    div { label for="s-kind" { "Kind" } select #s-kind name="kind" {
                        @for k in ["article", "news", "report", "journal_article", "book", "dataset"] { option value=(k) selected[value("kind") == k] { (k) } } } }
                    div { label for="s-reliability" { "Reliability" } select #s-reliability name="reliability" {
                        @for (g, w) in [("F", "F: cannot be judged"), ("A", "A: completely reliable"), ("B", "B: usually reliable"), ("C", "C: fairly reliable"), ("D", "D: not usually reliable"), ("E", "E: unreliable")] {
                            option value=(g) selected[value("reliability") == g] { (w) } } } }
                    (field("id", "Id (optional)", "made from the title and year"))
                }
                label for="s-text" { "The text (UTF-8; saved in texts/ beside the data folder, its sha256 recorded)" }
                textarea #s-text name="text" rows="16" required { (value("text")) }
                button.primary type="submit" { "Add the source" }
            }
        }
    };
    Reply::html(shell(state, "Add a source", body))
}

/// `source add`: the pasted text saved in texts/ below the data root, then registered.
pub fn add_source(state: &State, req: &Req) -> Answer {
    stored(
        req,
        &[
            "title",
            "published",
            "publisher",
            "url",
            "kind",
            "reliability",
            "id",
        ],
    )?;
    let text = req.get("text").unwrap_or_default().replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(Fail::Bad("paste the source's text".to_string()));
    }
    let mut text = text;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let title = req.field("title").unwrap_or_default();
    let id = req.field("id").unwrap_or_else(|| {
        crate::review::source::id_for(&title, req.field("published").as_deref())
    });
    if !crate::text::names::is_slug(&id) {
        return Err(Fail::Bad(format!(
            "id `{id}`: give lowercase letters, digits and hyphens (or a title to make it from)"
        )));
    }
    one_write(state, || {
        let dir = data_root(state)?.join("texts");
        let file = dir.join(format!("{id}.txt"));
        let created = match std::fs::read(&file) {
            Ok(bytes) if bytes == text.as_bytes() => false,
            Ok(_) => {
                return Err(Fail::Bad(format!(
                    "{} already holds another text; give another id",
                    file.display()
                )));
            }
            Err(_) => {
                std::fs::create_dir_all(&dir).map_err(anyhow::Error::from)?;
                let protected = crate::files::Protected::new().database(&state.opts.db);
                let target = crate::files::guard(&file, "the text", &protected)?;
                crate::files::write_atomically(&target, text.as_bytes())?;
                true
            }
        };
        let new = crate::review::source::NewSource {
            file: file.clone(),
            id: Some(id.clone()),
            title: req.field("title"),
            published: req.field("published"),
            author: None,
            publisher: req.field("publisher"),
            url: req.field("url"),
            kind: req.field("kind").unwrap_or_else(|| "article".to_string()),
            language: Some("en".to_string()),
            reliability: req.field("reliability").unwrap_or_else(|| "F".to_string()),
            reliability_note: None,
            licence: None,
            note: None,
        };
        match crate::review::source::register(
            &state.opts.db,
            &new,
            None,
            state.opts.data.as_deref(),
            false,
            &|_| {},
        ) {
            Ok(done) => Ok(back_to_source(
                &done.source.id,
                &format!(
                    "added source {} (in {}); “Find candidates in the text” queues what extraction reads",
                    done.source.id, done.origin
                ),
                "cands-h",
            )),
            Err(e) => {
                if created {
                    let _ = std::fs::remove_file(&file);
                }
                Err(Fail::refused(e))
            }
        }
    })
}
