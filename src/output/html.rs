//! The timeline as one self-contained HTML page: no network needed, every entry's citations
//! one click away (a `<details>` element), a filter box, and a print style that opens every
//! citation. Each entry is an element with class `entry` and a `data-claim` attribute. A
//! quantity a reference series covers is drawn above the list as a chart (`output::chart`, in a
//! `figure` of class `chart`), each figure on it linked to its entry.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use crate::text::visible::{markup_attr as attr, markup_text as text};

use crate::model::Source;
use crate::output::{Reference, source_reference};
use crate::view::chart::FigureChart;
use crate::view::{TimelineDoc, TimelineEntry};
use crate::words::plural;

const STYLE: &str = r#"
:root { --ink: #1d232a; --muted: #5b6570; --line: #d5dbe1; --accent: #0b5cad; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.description { color: var(--muted); margin: 0 0 1rem; }
#filter { width: 100%; padding: .5rem .75rem; font: inherit; border: 1px solid var(--line); border-radius: .4rem; }
ol.timeline { list-style: none; margin: 1rem 0; padding: 0; border-left: 3px solid var(--line); }
li.entry { position: relative; margin: 0 0 .9rem; padding: 0 0 0 1.25rem; display: grid; grid-template-columns: 9.5rem 1fr; gap: .75rem; }
li.entry::before { content: ""; position: absolute; left: -.45rem; top: .45rem; width: .6rem; height: .6rem; border-radius: 50%; background: var(--accent); }
li.entry.span::before { border-radius: .15rem; height: 1rem; top: .25rem; }
li.entry.open::before { background: transparent; border: 2px dashed var(--accent); }
li.entry.deprecated { opacity: .55; }
time { font-weight: 600; font-variant-numeric: tabular-nums; }
.label { margin: 0; }
.meta { margin: .1rem 0 0; color: var(--muted); font-size: .85rem; }
details { margin-top: .25rem; }
summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
details ul { margin: .4rem 0 0; padding-left: 1.1rem; }
details li { margin-bottom: .4rem; }
blockquote { margin: 0; font-style: italic; }
.cite { color: var(--muted); font-size: .85rem; }
figure.chart { margin: 1rem 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; }
footer { border-top: 1px solid var(--line); padding-bottom: 2rem; font-size: .9rem; }
footer li { margin-bottom: .3rem; }
/* After li.entry's grid and as specific: filtered-out entries are hidden. */
li.entry.hidden, .hidden { display: none; }
@media (max-width: 40rem) { li.entry { grid-template-columns: 1fr; gap: .1rem; } }
@media print {
  #filter { display: none; }
  body { font-size: 11pt; }
  li.entry { break-inside: avoid; }
  summary { color: var(--ink); }
}
"#;

const SCRIPT: &str = r#"
const box = document.getElementById('filter');
box.addEventListener('input', () => {
  const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const entry of document.querySelectorAll('li.entry')) {
    const hay = entry.textContent.toLowerCase();
    const keep = words.every(w => hay.includes(w));
    entry.classList.toggle('hidden', !keep);
    if (keep) shown++;
  }
  document.getElementById('count').textContent = shown;
});
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});
"#;

/// The page of a timeline held in memory.
pub fn timeline_html(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let mut page = HtmlTimeline::begin(
        out,
        &doc.title,
        &doc.description,
        doc.entries.len(),
        doc.charts,
    )?;
    for (e, group) in doc.entries.iter().zip(&doc.groups) {
        page.entry(out, e, group, doc.names, doc.sources)?;
    }
    page.finish(out, doc.sources)
}

/// The page written as entries arrive: the head, the charts and the list's opening first
/// ([`HtmlTimeline::begin`], which needs the number of entries), then each entry, then the
/// sources the entries cited ([`HtmlTimeline::finish`]). Memory holds the ids of the sources
/// cited, not the entries.
pub struct HtmlTimeline {
    cited: BTreeSet<String>,
}

impl HtmlTimeline {
    pub fn begin(
        out: &mut dyn Write,
        title: &str,
        description: &str,
        count: usize,
        charts: &[FigureChart],
    ) -> io::Result<HtmlTimeline> {
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(out, "<title>{}</title>", text(title))?;
        writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
        writeln!(out, "<header>\n<h1>{}</h1>", text(title))?;
        writeln!(
            out,
            "<p class=\"description\">{} <span class=\"muted\">(<span id=\"count\">{}</span> shown)</span></p>",
            text(description),
            count
        )?;
        writeln!(
            out,
            "<input id=\"filter\" type=\"search\" placeholder=\"Filter by any word: entity, source, year…\" aria-label=\"Filter entries\">\n</header>"
        )?;
        writeln!(out, "<main>")?;
        for c in charts {
            let figures: Vec<String> = c
                .figures
                .iter()
                .map(|f| {
                    format!(
                        "<a href=\"#{}\">{}, {}</a>",
                        attr(&format!("claim-{}", f.claim)),
                        text(&f.value_text),
                        text(&f.when_text)
                    )
                })
                .collect();
            let caption = if figures.is_empty() {
                "No document gives a figure of it.".to_string()
            } else {
                format!("Document figures: {}.", figures.join("; "))
            };
            writeln!(
                out,
                "<figure class=\"chart\">{}\n<figcaption>{caption}</figcaption>\n</figure>",
                crate::output::chart::figure_chart_svg(c, 920.0)
            )?;
        }
        writeln!(out, "<ol class=\"timeline\">")?;
        Ok(HtmlTimeline {
            cited: BTreeSet::new(),
        })
    }

    /// One entry of lane `group`, its citations' sources looked up in `sources`.
    pub fn entry(
        &mut self,
        out: &mut dyn Write,
        e: &TimelineEntry,
        group: &str,
        names: &HashMap<String, String>,
        sources: &BTreeMap<String, Source>,
    ) -> io::Result<()> {
        let mut classes = vec!["entry"];
        if e.earliest.is_none() || e.latest.is_none() {
            classes.push("open");
        } else if e.earliest != e.latest {
            classes.push("span");
        }
        if e.rank == "deprecated" {
            classes.push("deprecated");
        }
        writeln!(
            out,
            "<li class=\"{}\" data-claim=\"{}\" id=\"{}\">",
            classes.join(" "),
            attr(&e.claim),
            attr(&format!("claim-{}", e.claim))
        )?;
        let datetime = e.earliest.as_deref().or(e.latest.as_deref()).unwrap_or("");
        // The date in words; the EDTF stays in the markup (and a tooltip) for those who want it.
        writeln!(
            out,
            "<div><time datetime=\"{}\" data-edtf=\"{}\" title=\"EDTF {}\">{}</time></div>",
            attr(datetime),
            attr(&e.when),
            attr(&e.when),
            text(&e.when_text)
        )?;
        writeln!(out, "<div>\n<p class=\"label\">{}</p>", text(&e.label))?;
        let rank = if e.rank == "normal" {
            String::new()
        } else {
            format!(" · {}", e.rank)
        };
        let subject = names.get(&e.subject).unwrap_or(&e.subject);
        let mut about = if subject == group {
            subject.clone()
        } else {
            format!("{subject} · {group}")
        };
        if let Some(place) = &e.place_text {
            about.push_str(&format!(" · {place}"));
        }
        writeln!(
            out,
            "<p class=\"meta\">{}{} · <code>{}</code></p>",
            text(&about),
            text(&rank),
            text(&e.claim)
        )?;
        if let Some(note) = &e.note {
            writeln!(out, "<p class=\"meta\">{}</p>", text(note))?;
        }
        writeln!(
            out,
            "<details>\n<summary>{}</summary>\n<ul>",
            plural(e.citations.len(), "citation", "citations")
        )?;
        for c in &e.citations {
            self.cited.insert(c.source.clone());
            let source = sources.get(&c.source);
            let reference = source.map_or(c.source.clone(), |s| {
                source_reference(s, Reference::AuthorFirst)
            });
            let reliability = source.map_or(String::new(), |s| {
                format!(", source reliability {}", s.reliability)
            });
            writeln!(
                out,
                "<li><blockquote>“{}”</blockquote><span class=\"cite\">{} — {}, credibility {}{}</span></li>",
                text(&c.quote),
                text(&reference),
                text(&c.locator),
                c.credibility,
                text(&reliability)
            )?;
        }
        writeln!(out, "</ul>\n</details>\n</div>\n</li>")?;
        Ok(())
    }

    /// The list's end, the sources cited (those of `sources` an entry cited) and the script.
    pub fn finish(self, out: &mut dyn Write, sources: &BTreeMap<String, Source>) -> io::Result<()> {
        writeln!(out, "</ol>\n</main>")?;
        writeln!(out, "<footer>\n<h2>Sources</h2>\n<ul>")?;
        for (_, s) in sources.iter().filter(|(id, _)| self.cited.contains(*id)) {
            let note = s
                .reliability_note
                .as_deref()
                .map_or(String::new(), |n| format!(" ({n})"));
            writeln!(
                out,
                "<li><code>{}</code> {}. Reliability {}{}.</li>",
                text(&s.id),
                text(&source_reference(s, Reference::AuthorFirst)),
                text(&s.reliability),
                text(&note)
            )?;
        }
        writeln!(out, "</ul>\n</footer>")?;
        writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")
    }
}
