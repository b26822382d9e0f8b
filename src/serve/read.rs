//! The pages that only read: the start page, an entity's dossier (its timeline with uncertain
//! dates drawn as such, its conflicts, its sources), a claim with its provenance and history,
//! the conflicts with a resolve form each, and the list of sources.

use std::collections::HashMap;

use maud::{Markup, html};

use super::page::{self, PAGE, claim_link, entity_link, shell, source_link};
use super::{Answer, Fail, Reply, Req, State, enc, reading};
use crate::db::query;
use crate::view::{TimelineEntry, Vocabulary};

pub fn home(state: &State, _req: &Req) -> Answer {
    let conn = reading(state)?;
    let (pending, accepted, rejected) = crate::db::review::counts(&conn)?;
    let body = html! {
        p { "A workbench over " code { (state.opts.db.display().to_string()) } ". Every change is written to the data files and imported, as the command line does." }
        ul {
            li { a href="/sources" { "Sources" } ": read an article with its times, figures and names marked, and turn its sentences into claims." }
            li { a href="/conflicts" { "Conflicts" } ": what the sources disagree on, and a decision for each." }
            @if !state.opts.read_only { li { a href="/sources/new" { "Add a source" } ": paste an article's text." } }
        }
        p.muted { "Review queue: " (pending) " pending, " (accepted) " accepted, " (rejected) " rejected." }
    };
    Ok(Reply::html(shell(state, "Workbench", body)))
}

/// The entity a name or id stands for.
pub fn find(state: &State, req: &Req) -> Answer {
    let Some(q) = req.field("q") else {
        return Err(Fail::Bad("give a name or an id to open".to_string()));
    };
    let conn = reading(state)?;
    let ids = crate::db::resolve_entity(&conn, &q)?;
    match ids.as_slice() {
        [one] => Ok(Reply::see_other(&format!("/entity/{}", enc(one)))),
        [] => Err(Fail::NotFound(format!("no entity is called `{q}`"))),
        many => Err(Fail::Bad(format!(
            "`{q}` names several entities: {}; give one of these ids",
            many.join(", ")
        ))),
    }
}

/// The dossier's claims: every current claim that involves the entity, in timeline order,
/// the dated ones apart from the undated. Only the claims a page shows are made into
/// timeline entries (labels are the costly part).
struct Claims {
    dated: Vec<query::StoredClaim>,
    undated: Vec<query::StoredClaim>,
    vocabulary: Vocabulary,
}

impl Claims {
    fn read(conn: &rusqlite::Connection, id: &str) -> Result<Claims, Fail> {
        let vocabulary = Vocabulary::read(conn)?;
        let (dated, undated) = query::claims_involving(conn, id)?
            .into_iter()
            .partition(|s| s.claim.when.earliest().is_some() || s.claim.when.latest().is_some());
        Ok(Claims {
            dated,
            undated,
            vocabulary,
        })
    }

    fn entries(&self, claims: &[query::StoredClaim]) -> Vec<TimelineEntry> {
        claims.iter().map(|s| self.vocabulary.entry(s)).collect()
    }
}

fn known_entity(conn: &rusqlite::Connection, id: &str) -> Result<crate::model::Entity, Fail> {
    match query::entity(conn, id)? {
        Some((e, _)) => Ok(e),
        None => Err(Fail::NotFound(format!("no entity has the id `{id}`"))),
    }
}

/// The most claims a dossier judges for conflicts as it is shown.
const JUDGED_INLINE: usize = 20_000;

/// Whether an entry has a place on a time axis (at least one bound).
fn dated(e: &TimelineEntry) -> bool {
    e.earliest.is_some() || e.latest.is_some()
}

pub fn dossier(state: &State, req: &Req, id: &str) -> Answer {
    let conn = reading(state)?;
    let entity = known_entity(&conn, id)?;
    let claims = Claims::read(&conn, &entity.id)?;
    let page = req.page();
    let total = claims.dated.len() + claims.undated.len();
    let shown = claims.entries(&claims.dated[page::slice(page, claims.dated.len())]);
    let shown: Vec<&TimelineEntry> = shown.iter().collect();
    let undated = claims.entries(&claims.undated[..claims.undated.len().min(PAGE)]);
    let axis = Axis::of(&shown);
    let mut cited: HashMap<&str, usize> = HashMap::new();
    for s in claims.dated.iter().chain(&claims.undated) {
        for c in &s.claim.citations {
            *cited.entry(c.source.as_str()).or_default() += 1;
        }
    }
    let mut cited: Vec<(&str, usize)> = cited.into_iter().collect();
    cited.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let sources: Vec<(String, String, usize)> = cited
        .iter()
        .take(PAGE)
        .map(|(s, n)| {
            let title =
                query::source(&conn, s)?.map_or_else(|| s.to_string(), |(src, _)| src.title);
            Ok((s.to_string(), title, *n))
        })
        .collect::<anyhow::Result<_>>()?;
    // Judging every claim of an entity with very many takes seconds: such a dossier links to
    // its conflicts instead of judging them on every view.
    let judged = total <= JUDGED_INLINE;
    let report = match judged {
        true => Some(crate::view::conflicts::report_for(&conn, &entity.id)?),
        false => None,
    };
    let base = format!("/entity/{}", enc(&entity.id));
    let body = html! {
        p.muted { (entity.kind) " · id " code { (entity.id) }
            @if !entity.aliases.is_empty() { " · also " (entity.aliases.join(", ")) } }
        @if let Some(note) = &entity.note { p { (note) } }
        h2 #timeline { "Timeline" }
        p.muted { (total) " claims: " (claims.dated.len()) " dated, " (claims.undated.len()) " undated. Approximate dates are drawn faded and in italics, open ends fade to an arrow." }
        // The chart: the SVG timeline output, drawn for this page's entries.
        (fades())
        img.chart src={ (base) "/timeline.svg?page=" (page) } alt={ "Timeline of " (entity.name) ", page " (page + 1) };
        (page::pager(&base, page, claims.dated.len()))
        table {
            thead { tr { th { "When" } th { "Span" } th { "Claim" } th { "Sources" } } }
            tbody { @for e in shown { (entry_row(e, &axis)) } }
        }
        @if !undated.is_empty() {
            h2 #undated { "Undated" }
            p.muted { "Claims with no time: they stand apart from the axis." }
            table { tbody { @for e in &undated { (entry_row(e, &axis)) } } }
            @if claims.undated.len() > PAGE { p.muted { "… and " (claims.undated.len() - PAGE) " more." } }
        }
        h2 #conflicts { "Conflicts" }
        @if let Some(report) = &report {
        @if report.conflicts.is_empty() { p.muted { "No conflict or tension among its claims." } }
        @for c in &report.conflicts {
            div class={ "conflict " (c.status) } {
                p { strong { (c.verdict) } " · " (c.status) " · " (c.predicate_label) ": " (c.explanation) }
                p.muted { (c.reading) }
                p { a href={ "/conflicts?subject=" (enc(&c.subject)) "#" (enc(&c.id)) } { "Open it among the conflicts" } }
            }
        }
        } @else {
            p { (total) " claims are too many to judge on every view: "
                a href={ "/conflicts?subject=" (enc(&entity.id)) } { "judge its conflicts" } " (this takes a while)." }
        }
        h2 #sources { "Sources" }
        table {
            thead { tr { th { "Source" } th { "Citations" } } }
            tbody { @for (id, title, n) in &sources { tr { td { (source_link(id, Some(title))) } td { (n) } } } }
        }
        @if cited.len() > PAGE { p.muted { "… and " (cited.len() - PAGE) " more sources." } }
    };
    Ok(Reply::html(shell(state, &entity.name, body)))
}

/// The dossier's chart for one page of its dated entries: the SVG timeline output (one
/// drawing code for the file and the page), with each quantity a reference series covers drawn
/// as a chart, the page's figures on it.
pub fn dossier_chart(state: &State, req: &Req, id: &str) -> Answer {
    let conn = reading(state)?;
    let entity = known_entity(&conn, id)?;
    let claims = Claims::read(&conn, &entity.id)?;
    let mut entries = claims.entries(&claims.dated[page::slice(req.page(), claims.dated.len())]);
    let vocabulary = &claims.vocabulary;
    // The page's figures beside their reference series: the chart the SVG timeline draws.
    crate::view::timeline::with_series(&conn, &mut entries)?;
    let charts = {
        let sources = query::sources(&conn)?;
        let rules = query::rules(&conn)?;
        let ctx = crate::view::chart::ChartContext {
            vocabulary,
            sources: &sources,
            rules: &rules,
        };
        crate::view::chart::charts(&conn, &ctx, &entries)?
    };
    let shown = &entries;
    let mut sources = std::collections::BTreeMap::new();
    for e in shown {
        for c in &e.citations {
            if !sources.contains_key(&c.source)
                && let Some((s, _)) = query::source(&conn, &c.source)?
            {
                sources.insert(c.source.clone(), s);
            }
        }
    }
    let groups = shown
        .iter()
        .map(|e| {
            vocabulary
                .predicates
                .get(&e.predicate)
                .map_or(e.predicate.clone(), |p| p.label.clone())
        })
        .collect();
    let doc = crate::view::TimelineDoc {
        title: entity.name.clone(),
        description: format!("{} dated claims", shown.len()),
        entries: shown,
        groups,
        sources: &sources,
        names: &vocabulary.names,
        charts: &charts,
    };
    let mut svg = Vec::new();
    crate::output::timeline_svg(&mut svg, &doc).map_err(anyhow::Error::from)?;
    Ok(Reply {
        status: 200,
        content_type: "image/svg+xml",
        body: svg,
        headers: Vec::new(),
    })
}

/// The gradients an open end fades with, defined once for every bar of the page.
fn fades() -> Markup {
    html! {
        svg.defs aria-hidden="true" width="0" height="0" {
            defs {
                linearGradient #fade-end { stop offset="0" stop-color="#0b5cad" {} stop offset="1" stop-color="#0b5cad" stop-opacity="0" {} }
                linearGradient #fade-start { stop offset="0" stop-color="#0b5cad" stop-opacity="0" {} stop offset="1" stop-color="#0b5cad" {} }
            }
        }
    }
}

/// The years a page's bars are drawn over.
struct Axis {
    from: f64,
    to: f64,
}

impl Axis {
    fn of(entries: &[&TimelineEntry]) -> Axis {
        let years: Vec<f64> = entries
            .iter()
            .flat_map(|e| [year(e.earliest.as_deref()), year(e.latest.as_deref())])
            .flatten()
            .collect();
        let from = years.iter().copied().fold(f64::INFINITY, f64::min);
        let to = years.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if from.is_finite() && to.is_finite() {
            Axis {
                from: from.floor(),
                to: to.floor() + 1.0,
            }
        } else {
            Axis {
                from: 2000.0,
                to: 2001.0,
            }
        }
    }

    fn at(&self, y: f64) -> f64 {
        ((y - self.from) / (self.to - self.from) * 100.0).clamp(0.0, 100.0)
    }
}

/// A day `YYYY-MM-DD` as a fractional year.
fn year(day: Option<&str>) -> Option<f64> {
    let d = chrono::NaiveDate::parse_from_str(day?, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some(f64::from(d.year()) + f64::from(d.ordinal0()) / 366.0)
}

/// One claim of a dossier: its time in words (approximate ones in italics, open ends marked),
/// a bar from its earliest to its latest day, its label and its sources.
fn entry_row(e: &TimelineEntry, axis: &Axis) -> Markup {
    let approx = e.when.contains('~') || e.when.contains('?') || e.when.contains('%');
    let open_end = e.latest.is_none() && e.earliest.is_some();
    let open_start = e.earliest.is_none() && e.latest.is_some();
    let mut class = String::from("when");
    if approx {
        class.push_str(" approx");
    }
    if open_end {
        class.push_str(" open");
    }
    if open_start {
        class.push_str(" open-start");
    }
    let (a, b) = (year(e.earliest.as_deref()), year(e.latest.as_deref()));
    let left = a.map_or(0.0, |y| axis.at(y));
    let right = b.map_or(100.0, |y| axis.at(y + 1.0 / 366.0));
    let width = (right - left).max(0.6);
    let mut bar = String::new();
    if approx {
        bar.push_str("approx ");
    }
    if open_end {
        bar.push_str("open-end");
    } else if open_start {
        bar.push_str("open-start");
    }
    let mut sources: Vec<&str> = e.citations.iter().map(|c| c.source.as_str()).collect();
    sources.dedup();
    html! {
        tr {
            td { span class=(class) title={ "earliest " (e.earliest.as_deref().unwrap_or("open")) ", latest " (e.latest.as_deref().unwrap_or("open")) } { (e.when_text) } }
            td { @if dated(e) { svg.bar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                rect class=(bar) x=(format!("{left:.2}")) y="0" width=(format!("{width:.2}")) height="10" {}
            } } }
            td { (e.label) " " span.muted { "(" (claim_link(&e.claim)) @if e.rank != "normal" { ", " (e.rank) } ")" } }
            td { @for s in &sources { (source_link(s, None)) " " } }
        }
    }
}

pub fn claim(state: &State, id: &str) -> Answer {
    let conn = reading(state)?;
    let vocabulary = Vocabulary::read(&conn)?;
    let Some(view) = crate::view::claim(&conn, &vocabulary, id)? else {
        return Err(Fail::NotFound(format!("no claim has the id `{id}`")));
    };
    let e = &view.entry;
    let body = html! {
        p.lead { (e.label) }
        table {
            tr { th { "Subject" } td { (entity_link(&e.subject, vocabulary.name(&e.subject))) } }
            tr { th { "Predicate" } td { code { (e.predicate) } } }
            tr { th { "When" } td { (e.when_text) " " span.muted { "(" code { (e.when) } "; earliest " (e.earliest.as_deref().unwrap_or("open")) ", latest " (e.latest.as_deref().unwrap_or("open")) ")" } } }
            @for (k, ids) in &e.qualifiers { tr { th { (k) } td { @for q in ids { (entity_link(q, vocabulary.name(q))) " " } } } }
            tr { th { "Rank" } td { (e.rank) } }
            @if let Some(n) = &e.note { tr { th { "Note" } td { (n) } } }
            tr { th { "Recorded" } td { (view.recorded_at) @if let Some(o) = &view.origin { " from " code { (o) } } } }
            @if let Some(r) = &view.retracted_at { tr { th { "Retracted" } td { (r) } } }
        }
        h2 { "Provenance" }
        @for c in &e.citations {
            div.conflict {
                p { (source_link(&c.source, view.sources.get(&c.source).map(|s| s.title.as_str())))
                    " · " (c.locator) " · " (c.method.as_str()) " · credibility " (c.credibility)
                    @if let Some(s) = view.sources.get(&c.source) { " · reliability " (s.reliability) } }
                blockquote { (c.quote) }
            }
        }
        h2 { "History" }
        table {
            thead { tr { th { "Recorded" } th { "Retracted" } th { "Version" } th { "What changed" } } }
            tbody { @for v in &view.versions { tr {
                td { (v.recorded_at) } td { (v.retracted_at.as_deref().unwrap_or("current")) }
                td { (v.label) @if let Some(o) = &v.origin { br; span.muted { code { (o) } @if let Some(r) = &v.revision { " @ " code { (r) } } } } }
                td { @for f in &v.changes { div { code { (f.field) } ": " (f.before_text) " → " (f.after_text) } } }
            } } }
        }
        h2 { "Decisions" }
        @if view.decisions.is_empty() { p.muted { "None." } }
        ul { @for d in &view.decisions { li { (d.recorded_at) ": " (d.rank) " by " (d.by) " (" (d.reason) ")"
            @if let Some(c) = &d.conflict { " resolving " code { (c) } } } } }
    };
    Ok(Reply::html(shell(state, &format!("Claim {id}"), body)))
}

pub fn conflicts(state: &State, req: &Req) -> Answer {
    let conn = reading(state)?;
    let subject = req.field("subject");
    let page = req.page();
    // Only the page's entries are kept (and their provenance read), not the whole report.
    let wanted = page.saturating_mul(PAGE)..page.saturating_add(1).saturating_mul(PAGE);
    let (report, total) = crate::view::conflicts::report_page(&conn, subject.as_deref(), wanted)?;
    let shown = &report.conflicts;
    let base = match &subject {
        Some(s) => format!("/conflicts?subject={}", enc(s)),
        None => "/conflicts".to_string(),
    };
    let body = html! {
        p.muted { (report.open) " open conflicts, " (report.tensions) " tensions, " (report.resolved) " resolved"
            @if let Some(s) = &subject { " for " (entity_link(s, s)) " (" a href="/conflicts" { "all" } ")" } "." }
        (page::pager(&base, page, total))
        @for c in shown { (super::write::conflict_card(state, c)) }
        (page::pager(&base, page, total))
    };
    Ok(Reply::html(shell(state, "Conflicts", body)))
}

pub fn sources(state: &State, req: &Req) -> Answer {
    let conn = reading(state)?;
    let mut all: Vec<crate::model::Source> = query::sources(&conn)?.into_values().collect();
    all.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));
    let page = req.page();
    let shown = &all[page::slice(page, all.len())];
    let body = html! {
        (page::pager("/sources", page, all.len()))
        table {
            thead { tr { th { "Source" } th { "Published" } th { "Kind" } th { "Reliability" } th { "Text" } } }
            tbody { @for s in shown { tr {
                td { (source_link(&s.id, Some(&s.title))) br; span.muted { code { (s.id) } } }
                td { (s.published.as_deref().unwrap_or("")) } td { (s.kind) } td { (s.reliability) }
                td { @if s.file.is_some() { "yes" } }
            } } }
        }
        (page::pager("/sources", page, all.len()))
    };
    Ok(Reply::html(shell(state, "Sources", body)))
}
