//! A source's page: its text with the times, figures and names extraction finds marked, and
//! beside it the candidates queued from it, each with the verdict the conflict engine would
//! give once accepted and the forms to accept (with edits) or reject it; selecting words of
//! the text starts a claim with them as the quote.

use maud::{Markup, html};

use super::page::{claim_link, csrf, shell};
use super::{Answer, Fail, Reply, Req, State, enc, reading};
use crate::db::review::Queued;
use crate::extract::{Document, Kind};
use crate::review::session::Existing;

/// A marked span of the text.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
}

/// A candidate with what is shown beside it.
struct Card {
    q: Queued,
    /// Subject, predicate, value and time in words.
    fields: Vec<(&'static str, String)>,
    existing: Vec<Existing>,
    new_names: Vec<String>,
}

pub fn page(state: &State, req: &Req, id: &str) -> Answer {
    let conn = reading(state)?;
    let Some((source, _)) = crate::db::query::source(&conn, id)? else {
        return Err(Fail::NotFound(format!("no source has the id `{id}`")));
    };
    let vocabulary = crate::view::Vocabulary::read(&conn)?;
    let text = crate::review::add::source_text(&conn, &source, None);
    let marks = match &text {
        Ok((path, body)) => marks(&conn, &source, path, body)?,
        Err(_) => Vec::new(),
    };
    let mut queued = Vec::new();
    crate::db::review::each(&conn, None, 0.0, |q| {
        if q.item.source.as_deref() == Some(source.id.as_str()) {
            queued.push(q);
        }
        Ok(())
    })?;
    queued.sort_by(|a, b| {
        (a.status != "pending", a.item.line, a.item.id.as_str()).cmp(&(
            b.status != "pending",
            b.item.line,
            b.item.id.as_str(),
        ))
    });
    let judge = crate::review::judge::Judge::read(&conn)?;
    let mut cards = Vec::with_capacity(queued.len());
    for q in queued {
        let (mut fields, mut existing) = (Vec::new(), Vec::new());
        if let Ok((sug, _rule)) = crate::review::suggested(&q) {
            let value = crate::review::value_of(&sug.value)?;
            fields.push(("subject", vocabulary.name(&sug.subject).to_string()));
            fields.push(("predicate", sug.predicate.clone()));
            fields.push(("value", crate::review::value_words(&value)));
            fields.push(("when", sug.when.clone().unwrap_or_default()));
            for (k, ids) in &sug.qualifiers {
                let names: Vec<&str> = ids.iter().map(|i| vocabulary.name(i)).collect();
                fields.push(("qualifier", format!("{k} = {}", names.join(", "))));
            }
            if q.status == "pending" {
                existing = judge.existing(&conn, &q, &sug, &value, 6)?;
            }
        }
        let new_names = crate::review::accept::new_mentions(&q)
            .into_iter()
            .map(|m| m.text)
            .collect();
        cards.push(Card {
            q,
            fields,
            existing,
            new_names,
        });
    }
    let claims = crate::db::query::claims_citing(&conn, &source.id)?;
    let pending = cards.iter().filter(|c| c.q.status == "pending").count();
    let writable = !state.opts.read_only;
    let body = html! {
        p.muted {
            @if let Some(p) = &source.publisher { (p) " · " }
            @if let Some(p) = &source.published { "published " (p) " · " }
            (source.kind) " · reliability " (source.reliability) " · id " code { (source.id) }
            @if let Some(u) = &source.url { " · " (u) }
        }
        @if let Some(done) = req.field("done") { p.done role="status" { (done) } }
        div.article {
            section aria-labelledby="text-h" {
                h2 #text-h { "Text" }
                @match &text {
                    Ok((path, body)) => {
                        p.legend.muted { mark.time { "time" } mark.quantity { "figure" } mark.entity { "name" } mark.entity.new { "new name" }
                            " · " (path.display().to_string()) }
                        p.muted { "Select words of the text to start a claim with them as the quote, or use a line's “+” button." }
                        div.text { (lines(body, &marks, writable)) }
                    }
                    Err(e) => { p.error { (format!("{e:#}")) } }
                }
            }
            section aria-labelledby="cands-h" {
                h2 #cands-h { "Candidates" }
                p.muted { (pending) " pending of " (cards.len()) "." }
                @if writable && text.is_ok() {
                    form method="post" action={ "/source/" (enc(&source.id)) "/extract" } {
                        (csrf(state))
                        button type="submit" { "Find candidates in the text" }
                    }
                    details #propose-box open[req.field("quote").is_some()] {
                        summary { "Start a claim from the text" }
                        form #propose method="post" action={ "/source/" (enc(&source.id)) "/propose" } {
                            (csrf(state))
                            p #propose-status.muted role="status" aria-live="polite" {}
                            label for="p-quote" { "Quote (verbatim)" }
                            textarea #p-quote name="quote" rows="3" required { (req.field("quote").unwrap_or_default()) }
                            input type="hidden" name="line" value="";
                            (edit_fields("p", None))
                            button.primary type="submit" { "Propose the claim" }
                        }
                    }
                }
                @for c in &cards { (card(state, c)) }
                h2 { "Claims from this source" }
                @if claims.is_empty() { p.muted { "None yet." } }
                ul { @for s in &claims { li { (vocabulary.label(&s.claim)) " " span.muted { "(" (claim_link(&s.claim.id)) ")" } } } }
            }
        }
    };
    Ok(Reply::html(shell(state, &source.title, body)))
}

/// The spans extraction finds in the text: times, figures and names (known or new), the
/// first of any overlapping ones kept.
fn marks(
    conn: &rusqlite::Connection,
    source: &crate::model::Source,
    path: &std::path::Path,
    body: &str,
) -> Result<Vec<Mark>, Fail> {
    let dct = source
        .published
        .as_deref()
        .and_then(|d| crate::time::When::parse(d).ok())
        .and_then(|w| w.earliest());
    let ctx = crate::review::add::context(conn, source.published.as_deref())?;
    let doc = Document::from_text(path, body.to_string(), dct);
    let mut all = Vec::new();
    for c in crate::extract::extract(&doc, &ctx) {
        match c.kind {
            Kind::Time => all.push(Mark {
                start: c.start,
                end: c.end,
                class: "time",
                title: c.edtf.clone().unwrap_or_default(),
            }),
            Kind::Quantity => all.push(Mark {
                start: c.start,
                end: c.end,
                class: "quantity",
                title: crate::review::list::candidate_values(&c),
            }),
            Kind::Entity | Kind::Claim => {
                for m in c.entities.iter() {
                    all.push(Mark {
                        start: m.start,
                        end: m.end,
                        class: if m.new { "entity new" } else { "entity" },
                        title: m.id.clone(),
                    });
                }
            }
        }
    }
    all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(all.len());
    for m in all {
        if kept.last().is_none_or(|k| m.start >= k.end) && m.end > m.start {
            kept.push(m);
        }
    }
    Ok(kept)
}

/// The text, a line each (numbered, with its button), marks split at line ends.
fn lines(text: &str, marks: &[Mark], writable: bool) -> Markup {
    let mut at_mark = 0;
    let mut offset = 0;
    let mut rendered = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        while at_mark < marks.len() && marks[at_mark].end <= start {
            at_mark += 1;
        }
        let mut pieces: Vec<(Option<&Mark>, &str)> = Vec::new();
        let mut at = start;
        for m in marks[at_mark..].iter().take_while(|m| m.start < end) {
            let (s, e) = (m.start.max(at), m.end.min(end));
            if s > at {
                pieces.push((None, text.get(at..s).unwrap_or_default()));
            }
            if e > s {
                pieces.push((Some(m), text.get(s..e).unwrap_or_default()));
                at = e;
            }
        }
        if at < end {
            pieces.push((None, text.get(at..end).unwrap_or_default()));
        }
        rendered.push((i + 1, pieces));
    }
    html! {
        @for (n, pieces) in &rendered {
            div.line #{ "L" (n) } data-line=(n) {
                span.n { (n) @if writable { " " button.use-line type="button" aria-label={ "Start a claim from line " (n) } { "+" } } }
                span.t { @for (m, t) in pieces { @match m {
                    Some(m) => mark class=(m.class) title=(m.title) { (t) },
                    None => (t),
                } } }
            }
        }
    }
}

/// The fields of a claim an analyst may give or change, empty: what is left empty keeps what
/// extraction read.
pub fn edit_fields(prefix: &str, adopt: Option<&[String]>) -> Markup {
    let field = |name: &str, label: &str, hint: &str| {
        let id = format!("{prefix}-{name}");
        html! { div { label for=(id) { (label) } input #(id) type="text" name=(name) placeholder=(hint); } }
    };
    html! {
        div.row {
            (field("subject", "Subject", "an entity's name or id"))
            (field("predicate", "Predicate", "an id of the vocabulary"))
        }
        div.row {
            (field("value", "Value or object", "16.3 million, nearly 22%, Belarus …"))
            (field("when", "When (EDTF)", "2012-07-06, 2011, 2009/2011"))
        }
        (field("qualifiers", "Qualifiers", "country=kazakhstan; group=ethnic Russians"))
        @if let Some(names) = adopt {
            (field("adopt", "Create entities (NAME=KIND)", &names.iter().map(|n| format!("{n}=country")).collect::<Vec<_>>().join("; ")))
            (field("aliases", "Their other names (NAME=ALIAS)", "Belarus=Republic of Belarus"))
        }
    }
}

/// A candidate's card: what it says, its quote and line, the verdict preview, and its forms.
fn card(state: &State, c: &Card) -> Markup {
    let q = &c.q;
    let id = &q.item.id;
    html! {
        article class={ "candidate " (q.status) } #{ "cand-" (id) } data-line=(q.item.line) tabindex="-1" aria-label={ "Candidate " (id) } {
            p { strong { (q.status) } " · " code { (id) } " · " a href={ "#L" (q.item.line) } { (q.item.locator) } " · score " (format!("{:.2}", q.item.score)) }
            blockquote { (q.item.quote) }
            table { @for (k, v) in &c.fields { tr { th { (k) } td { (v) } } } }
            @if !c.new_names.is_empty() { p.muted { "New names in it (no entity yet): " (c.new_names.join(", ")) } }
            @if let Some(claim) = &q.claim_id { p { "Claim " (claim_link(claim)) } }
            @if let Some(r) = &q.reason { p.muted { "Rejected: " (r) } }
            @if q.status == "pending" {
                div.verdict {
                    @if c.existing.is_empty() { span.muted { "Conflicts: nothing stored to compare it with." } }
                    @else {
                        "Once accepted, against what is stored:"
                        ul { @for e in &c.existing { li {
                            span class=(if e.relation.contains("conflict") || e.relation.contains("tension") { "conflict-word" } else { "" }) { (e.relation) }
                            " " (claim_link(&e.claim)) " (" (e.value) ", " (e.when) "): " (e.explanation)
                        } } }
                    }
                }
                @if !state.opts.read_only {
                    form method="post" action={ "/candidate/" (enc(id)) "/accept" } {
                        (csrf(state))
                        details {
                            summary { "Edit before accepting" }
                            (edit_fields(&format!("a-{id}"), Some(&c.new_names)))
                            div { label for={ "a-" (id) "-quote" } { "Quote (verbatim)" }
                                input #{ "a-" (id) "-quote" } type="text" name="quote" placeholder=(q.item.quote); }
                        }
                        div.row {
                            div { label for={ "a-" (id) "-by" } { "Who decides" } input #{ "a-" (id) "-by" } type="text" name="by" value=(state.opts.by.clone().unwrap_or_default()); }
                            div { button.primary type="submit" { "Accept" } }
                        }
                    }
                    form method="post" action={ "/candidate/" (enc(id)) "/reject" } {
                        (csrf(state))
                        div.row {
                            div { label for={ "r-" (id) } { "Why reject" } input #{ "r-" (id) } type="text" name="reason" required placeholder="wrong subject, not a fact …"; }
                            input type="hidden" name="by" value=(state.opts.by.clone().unwrap_or_default());
                            div { button type="submit" { "Reject" } }
                        }
                    }
                }
            }
        }
    }
}
