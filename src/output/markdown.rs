//! The timeline as a Markdown briefing: one bullet per claim with footnoted citations, then the
//! list of sources with their reliability.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Seek, Write};

use crate::model::Source;
use crate::output::{Reference, source_reference};
use crate::view::{TimelineDoc, TimelineEntry};

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

/// The timeline as a Markdown briefing, from entries in memory.
pub fn timeline_markdown(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let mut md = MarkdownTimeline::begin(out, &doc.title, &doc.description)?;
    for e in doc.entries {
        md.entry(out, e)?;
    }
    md.finish(out, doc.sources)
}

/// The timeline as a Markdown briefing written an entry at a time: the bullets as the entries
/// come, their footnotes kept in a temporary file until the list of sources is written after
/// the last, so that memory holds only the ids of the sources cited. Footnotes are made
/// visible (control characters shown) as they are copied out of the file.
pub struct MarkdownTimeline {
    notes: io::BufWriter<std::fs::File>,
    /// Footnotes so far.
    count: usize,
    cited: BTreeSet<String>,
}

impl MarkdownTimeline {
    /// Writes the title and the description.
    pub fn begin(out: &mut dyn Write, title: &str, description: &str) -> io::Result<Self> {
        let out = &mut crate::text::visible::Visible::new(out);
        writeln!(out, "# {}\n", escape(title))?;
        writeln!(out, "{}\n", escape(description))?;
        Ok(MarkdownTimeline {
            notes: io::BufWriter::new(tempfile::tempfile()?),
            count: 0,
            cited: BTreeSet::new(),
        })
    }

    /// Writes `e`'s bullet, and keeps its footnotes.
    pub fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry) -> io::Result<()> {
        let out = &mut crate::text::visible::Visible::new(out);
        let mut marks = String::new();
        for c in &e.citations {
            self.count += 1;
            marks.push_str(&format!("[^{}]", self.count));
            if !self.cited.contains(&c.source) {
                self.cited.insert(c.source.clone());
            }
            writeln!(
                self.notes,
                "[^{}]: {}, {}: “{}” (credibility {}).",
                self.count,
                escape(&c.source),
                escape(&c.locator),
                escape(&c.quote),
                c.credibility
            )?;
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
        )
    }

    /// Writes the sources cited, among `sources`, then the footnotes.
    pub fn finish(self, out: &mut dyn Write, sources: &BTreeMap<String, Source>) -> io::Result<()> {
        let MarkdownTimeline {
            notes,
            count,
            cited,
        } = self;
        let out = &mut crate::text::visible::Visible::new(out);
        let cited: Vec<&Source> = sources.values().filter(|s| cited.contains(&s.id)).collect();
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
        if count > 0 {
            writeln!(out)?;
            // The footnotes as they were kept, made visible as they are copied.
            let mut file = notes.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut file, out)?;
        }
        Ok(())
    }
}
