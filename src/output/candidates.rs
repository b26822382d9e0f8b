//! `extract`'s candidates written as they come: a JSON document (files, each with its
//! candidates, through the one streaming JSON writer), JSON Lines (the file as each line's first
//! field), or a table (location, kind, text, EDTF, rule and what the candidate reads).

use std::io::Write;
use std::path::Path;

use super::stream::JsonArray;
use crate::extract::Candidate;
use crate::text::visible::Visible;

/// The layouts [`CandidateWriter`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Json,
    Jsonl,
    Table,
}

/// Writes candidates file by file: [`begin`](CandidateWriter::begin) a file, its
/// [`candidate`](CandidateWriter::candidate)s, [`end`](CandidateWriter::end) it; then
/// [`finish`](CandidateWriter::finish).
pub struct CandidateWriter {
    layout: Layout,
    files: usize,
    /// JSON: the array of documents, and the candidates of the one being written.
    documents: JsonArray,
    in_file: Option<JsonArray>,
    /// The table's first column: the line alone for one file, `name:line` for several, as
    /// wide as the longest such location can be (every file name is known before any row).
    location_width: usize,
    several: bool,
    /// JSON Lines: the start of every line of the file being written, `{"file":"NAME"`.
    jsonl_head: Vec<u8>,
    /// JSON Lines: the line being written, reused from one candidate to the next.
    line: Vec<u8>,
}

impl CandidateWriter {
    /// A writer for the candidates of `paths` (all of them known before the first row).
    pub fn new(layout: Layout, paths: &[impl AsRef<Path>]) -> CandidateWriter {
        let several = paths.len() > 1;
        let widest_name = paths
            .iter()
            .map(|p| file_name(p.as_ref()).chars().count())
            .max()
            .unwrap_or(0);
        // A line number takes at most 7 digits in any file a person reads.
        let location_width = if several { widest_name + 8 } else { 7 };
        CandidateWriter {
            layout,
            files: 0,
            documents: JsonArray::new(1),
            in_file: None,
            location_width: location_width.max("LOCATION".len()),
            several,
            jsonl_head: Vec::new(),
            line: Vec::new(),
        }
    }

    /// Begins the candidates of the file at `path`.
    pub fn begin(&mut self, out: &mut dyn Write, path: &Path) -> anyhow::Result<()> {
        match self.layout {
            Layout::Json => {
                if self.files == 0 {
                    out.write_all(b"{\n  \"documents\": ")?;
                }
                self.documents.next(out)?;
                let name = serde_json::to_string(&path.display().to_string())?;
                write!(out, "{{\n      \"file\": {name},\n      \"candidates\": ")?;
                self.in_file = Some(JsonArray::new(3));
            }
            Layout::Jsonl => {
                self.jsonl_head.clear();
                self.jsonl_head.extend_from_slice(b"{\"file\":");
                serde_json::to_writer(&mut self.jsonl_head, &path.display().to_string())?;
            }
            Layout::Table if self.files == 0 => {
                let first = if self.several { "LOCATION" } else { "LINE" };
                writeln!(
                    out,
                    "{first:<width$} {:<8} {:<28} {:<24} {:<28} VALUE",
                    "KIND",
                    "TEXT",
                    "EDTF",
                    "RULE",
                    width = self.location_width
                )?;
            }
            Layout::Table => {}
        }
        self.files += 1;
        Ok(())
    }

    /// Writes one candidate of the file begun last.
    pub fn candidate(
        &mut self,
        out: &mut dyn Write,
        path: &Path,
        c: &Candidate,
    ) -> anyhow::Result<()> {
        match self.layout {
            Layout::Json => {
                if let Some(array) = &mut self.in_file {
                    array.item(out, c)?;
                }
            }
            Layout::Jsonl => {
                // The candidate's object with the file as its first field: its opening brace
                // becomes the comma after the file.
                self.line.clear();
                self.line.extend_from_slice(&self.jsonl_head);
                let brace = self.line.len();
                serde_json::to_writer(&mut self.line, c)?;
                if let Some(b) = self.line.get_mut(brace) {
                    *b = b',';
                }
                self.line.push(b'\n');
                out.write_all(&self.line)?;
            }
            Layout::Table => {
                let mut out = Visible::new(out);
                let location = if self.several {
                    format!("{}:{}", file_name(path), c.line)
                } else {
                    c.line.to_string()
                };
                // What it reads: the TIMEX3, the figure and unit, the entity, the claim.
                let value = crate::review::list::candidate_values(c);
                writeln!(
                    out,
                    "{:<width$} {:<8} {:<28} {:<24} {:<28} {}",
                    location,
                    c.kind.to_string(),
                    clip(&c.text.replace(['\n', '\r', '\t'], " "), 28),
                    c.edtf.as_deref().unwrap_or(""),
                    c.rule,
                    value.replace(['\n', '\r', '\t'], " "),
                    width = self.location_width
                )?;
            }
        }
        Ok(())
    }

    /// Ends the file begun last.
    pub fn end(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        if let Some(array) = self.in_file.take() {
            array.finish(out)?;
            out.write_all(b"\n    }")?;
        }
        Ok(())
    }

    /// Closes the document.
    pub fn finish(self, out: &mut dyn Write) -> anyhow::Result<()> {
        if self.layout == Layout::Json {
            if self.files == 0 {
                out.write_all(b"{\n  \"documents\": ")?;
            }
            self.documents.finish(out)?;
            out.write_all(b"\n}\n")?;
        }
        Ok(())
    }
}

/// The last part of `path`, as the table shows it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width - 1).collect();
    s.push('…');
    s
}
