//! The workbench's layout: one page shell, its styles and its script, compiled into the
//! binary (no CDN, nothing fetched). Text goes into the templates through maud, which escapes
//! it for HTML; nothing is written unescaped but the constants here.

use maud::{DOCTYPE, Markup, html};

use super::{Reply, State, enc};

/// Entries on a page of a long list.
pub const PAGE: usize = 50;

/// Every page: a header with the places to go, the title, the body.
pub fn shell(state: &State, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · factline" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to the content" }
                header {
                    nav aria-label="Workbench" {
                        a href="/" { "factline" }
                        a href="/sources" { "Sources" }
                        a href="/conflicts" { "Conflicts" }
                        @if !state.opts.read_only { a href="/sources/new" { "Add a source" } }
                        form.find action="/find" method="get" role="search" {
                            label for="find-q" { "Entity" }
                            input #find-q name="q" type="search" placeholder="a name or id";
                            button type="submit" { "Open" }
                        }
                    }
                    @if state.opts.read_only { p.ro { "Read-only: this workbench shows, it does not change." } }
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// The hidden field every form carries.
pub fn csrf(state: &State) -> Markup {
    html! { input type="hidden" name="csrf" value=(state.csrf); }
}

/// An error page.
pub fn error(state: &State, status: u16, message: &str) -> Markup {
    let title = match status {
        400 => "That could not be done",
        401 => "Access token needed",
        403 => "Refused",
        404 => "Not found",
        405 => "Method not allowed",
        413 => "Too large",
        _ => "Something went wrong",
    };
    shell(
        state,
        title,
        html! {
            p.error role="alert" { (message) }
            p { "Go back with the browser, or to the " a href="/" { "start" } "." }
        },
    )
}

/// A static asset.
pub fn asset(content_type: &'static str, text: &'static str) -> Reply {
    Reply {
        status: 200,
        content_type,
        body: text.as_bytes().to_vec(),
        headers: vec![("Cache-Control", "max-age=3600".to_string())],
    }
}

/// Links to the pages of a list of `total` entries, `PAGE` a page; `base` is the page's
/// address with its query (without `page`).
pub fn pager(base: &str, page: usize, total: usize) -> Markup {
    let pages = total.div_ceil(PAGE).max(1);
    let sep = if base.contains('?') { '&' } else { '?' };
    html! {
        @if pages > 1 {
            nav.pager aria-label="Pages" {
                @if page > 0 { a rel="prev" href={ (base) (sep) "page=" (page - 1) } { "← previous" } }
                span { "page " (page + 1) " of " (pages) " (" (total) ")" }
                @if page + 1 < pages { a rel="next" href={ (base) (sep) "page=" (page + 1) } { "next →" } }
            }
        }
    }
}

/// The range of entries on `page`.
pub fn slice(page: usize, total: usize) -> std::ops::Range<usize> {
    let start = (page * PAGE).min(total);
    start..(start + PAGE).min(total)
}

pub fn entity_link(id: &str, name: &str) -> Markup {
    html! { a href={ "/entity/" (enc(id)) } { (name) } }
}

pub fn claim_link(id: &str) -> Markup {
    html! { a href={ "/claim/" (enc(id)) } { code { (id) } } }
}

pub fn source_link(id: &str, title: Option<&str>) -> Markup {
    html! { a href={ "/source/" (enc(id)) } { (title.unwrap_or(id)) } }
}

pub const CSS: &str = r#"
:root { --ink:#1d2731; --soft:#5b6570; --line:#d8dde3; --accent:#0b5cad; --warn:#a33b00; --ok:#1e6b34; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background:#fbfbfa; }
header { background:#fff; border-bottom:1px solid var(--line); padding:.4rem 1rem; }
header nav { display:flex; gap:1rem; align-items:center; flex-wrap:wrap; }
header nav > a:first-child { font-weight:700; }
form.find { margin-left:auto; display:flex; gap:.3rem; align-items:center; }
main { padding: .5rem 1.2rem 3rem; max-width: 1250px; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, textarea:focus, select:focus, summary:focus, main:focus { outline: 3px solid #f5b400; outline-offset: 1px; }
.skip { position:absolute; left:-999px; } .skip:focus { left: .5rem; top:.5rem; background:#fff; padding:.3rem; z-index:9; }
table { border-collapse: collapse; width:100%; margin:.5rem 0 1rem; }
th, td { border-bottom:1px solid var(--line); padding:.25rem .4rem; text-align:left; vertical-align:top; }
th { font-weight:600; color: var(--soft); }
.error { background:#fff0ea; border-left:4px solid var(--warn); padding:.5rem .8rem; white-space: pre-wrap; }
.done { background:#eefaf0; border-left:4px solid var(--ok); padding:.5rem .8rem; }
.ro { color: var(--warn); margin:.2rem 0; }
.muted { color: var(--soft); }
.pager { display:flex; gap:1rem; margin:.5rem 0; }
.when.approx { font-style: italic; }
.when.open::after { content:" →"; color: var(--soft); }
.when.open-start::before { content:"← "; color: var(--soft); }
.bar { display:block; height: 10px; width: 100%; min-width: 160px; background: #eef1f4; }
.bar rect { fill: var(--accent); }
.bar rect.approx { opacity:.45; }
.bar rect.open-end { fill: url(#fade-end); }
.bar rect.open-start { fill: url(#fade-start); }
svg.defs { position:absolute; }
.conflict, .candidate { background:#fff; border:1px solid var(--line); border-radius:4px; padding:.6rem .8rem; margin:.6rem 0; }
.conflict.resolved { border-left:4px solid var(--ok); } .conflict.open { border-left:4px solid var(--warn); }
blockquote { margin:.3rem 0; padding-left:.7rem; border-left:3px solid var(--line); color:#333; }
.article { display:grid; grid-template-columns: minmax(0,3fr) minmax(0,2fr); gap:1.2rem; }
.text { background:#fff; border:1px solid var(--line); padding:.6rem .8rem; font: 14px/1.6 Georgia, serif; }
.line { display:grid; grid-template-columns: 3rem 1fr; }
.line .n { color: var(--soft); font: 12px/1.9 system-ui, sans-serif; user-select:none; }
.line .n button { font-size:11px; padding:0 .2rem; }
.line.focus { background:#fff8d8; }
mark { background:none; border-bottom:2px solid; padding:0 1px; }
mark.time { border-color:#0b5cad; background:#e8f1fb; }
mark.quantity { border-color:#a33b00; background:#fdf0e8; }
mark.entity { border-color:#1e6b34; background:#eaf6ec; }
mark.new { border-style:dashed; }
.legend mark { margin-right:.6rem; }
.candidate.pending { border-left:4px solid var(--accent); }
.candidate.accepted { border-left:4px solid var(--ok); opacity:.85; }
.candidate.rejected { border-left:4px solid #999; opacity:.7; }
.verdict { font-size: 13px; margin:.3rem 0; }
.verdict .conflict-word { color: var(--warn); font-weight:600; }
label { display:block; margin:.3rem 0 .1rem; font-weight:600; font-size:13px; }
input[type=text], input[type=search], textarea, select { font: inherit; padding:.25rem .35rem; border:1px solid #aab3bd; border-radius:3px; }
input[type=text], textarea { width:100%; }
button { font: inherit; padding:.25rem .7rem; border-radius:3px; border:1px solid #7f8a95; background:#f4f6f8; cursor:pointer; }
button.primary { background: var(--accent); color:#fff; border-color: var(--accent); }
.row { display:flex; gap:.6rem; flex-wrap:wrap; align-items:flex-end; }
.row > * { flex: 1 1 10rem; }
details { margin:.3rem 0; } summary { cursor:pointer; color: var(--accent); }
img.chart { max-width:100%; border:1px solid var(--line); background:#fff; }
@media (max-width: 900px) { .article { grid-template-columns: 1fr; } }
"#;

/// The one script: selecting words of an article starts a claim with them as the quote (the
/// "claim from this line" buttons do the same from the keyboard), and a candidate's line is
/// shown when its card has the focus.
pub const JS: &str = r#"
(function () {
  function propose() { return document.getElementById('propose'); }
  function fill(quote, line) {
    var form = propose();
    if (!form) return;
    form.querySelector('[name=quote]').value = quote.replace(/\s+/g, ' ').trim();
    form.querySelector('[name=line]').value = line || '';
    var box = document.getElementById('propose-box');
    if (box) box.open = true;
    var status = document.getElementById('propose-status');
    if (status) status.textContent = 'Quote taken from the text' + (line ? ' (line ' + line + ')' : '') + '.';
  }
  function lineOf(node) {
    while (node && !(node.dataset && node.dataset.line)) node = node.parentNode;
    return node ? node.dataset.line : '';
  }
  document.addEventListener('mouseup', function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    var text = document.querySelector('.text');
    if (!text || !text.contains(sel.anchorNode)) return;
    var clone = sel.getRangeAt(0).cloneContents();
    clone.querySelectorAll('.n').forEach(function (n) { n.remove(); });
    var quote = clone.textContent;
    if (quote.trim()) fill(quote, lineOf(sel.anchorNode) === lineOf(sel.focusNode) ? lineOf(sel.anchorNode) : '');
  });
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.use-line');
    if (!b) return;
    var line = b.closest('.line');
    fill(line.querySelector('.t').textContent, line.dataset.line);
    var q = propose() && propose().querySelector('[name=quote]');
    if (q) q.focus();
  });
  document.addEventListener('focusin', function (e) {
    var card = e.target.closest && e.target.closest('.candidate[data-line]');
    if (!card) return;
    document.querySelectorAll('.line.focus').forEach(function (l) { l.classList.remove('focus'); });
    var line = document.getElementById('L' + card.dataset.line);
    if (line) line.classList.add('focus');
  });
})();
"#;
