//! The timeline as a Markdown briefing: one bullet per claim with footnoted citations, then the
//! list of sources with their reliability.

use std::io::{self, Write};

use crate::output::{Reference, source_reference};
use crate::view::TimelineDoc;

/// Escapes the characters Markdown would read as markup: the one escaper of every Markdown
/// output. A line break becomes `<br>`, so that a value cannot end its list item or table row
/// and begin another (`\n\n- forged`).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if ch == '\n' || ch == '\r' {
            out.push_str("<br>");
            continue;
        }
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

pub fn timeline_markdown(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    writeln!(out, "# {}\n", escape(&doc.title))?;
    writeln!(out, "{}\n", escape(&doc.description))?;
    let mut notes = Vec::new();
    for e in doc.entries {
        let mut marks = String::new();
        for c in &e.citations {
            notes.push(c);
            marks.push_str(&format!("[^{}]", notes.len()));
        }
        let rank = match e.rank.as_str() {
            "normal" => String::new(),
            other => format!(" *({other})*"),
        };
        let place = match &e.place_text {
            Some(p) => format!(" *({})*", escape(p)),
            None => String::new(),
        };
        writeln!(
            out,
            "- **{}** — {}.{place}{marks}{rank}",
            escape(&e.when_text),
            escape(&e.label)
        )?;
    }
    let cited: Vec<_> = doc
        .sources
        .values()
        .filter(|s| notes.iter().any(|c| c.source == s.id))
        .collect();
    if !cited.is_empty() {
        writeln!(out, "\n## Sources\n")?;
        for s in cited {
            let grade = match &s.reliability_note {
                Some(note) => format!("Reliability {} ({note})", s.reliability),
                None => format!("Reliability {}", s.reliability),
            };
            writeln!(
                out,
                "- **{}**: {}. {}.",
                escape(&s.id),
                escape(&source_reference(s, Reference::AuthorFirst)),
                escape(&grade)
            )?;
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
        for (i, c) in notes.iter().enumerate() {
            writeln!(
                out,
                "[^{}]: {}, {}: “{}” (credibility {}).",
                i + 1,
                escape(&c.source),
                escape(&c.locator),
                escape(&c.quote),
                c.credibility
            )?;
        }
    }
    Ok(())
}
