//! Reading what `extract` tags: each input checked once (its hash, its UTF-8) before anything
//! is written, kept in memory when it is not a regular file (a FIFO, `/dev/stdin`), and cut
//! into pieces of plain text at line breaks so that files of any size stream in bounded memory.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::extract::{self, Document, is_timeml};

/// How much plain text is tagged at a time: pieces end at a line break where there is one.
pub const PIECE: usize = 1 << 20;

/// A piece of a document to tag: a TimeML file whole, or up to [`PIECE`] bytes of plain text
/// ending at a line break where there is one, with the byte offset and the number of lines
/// before it in its file, by which its candidates are moved.
pub struct Piece {
    /// The index of its file in the command line.
    pub file: usize,
    pub doc: Document,
    pub offset: usize,
    pub lines: usize,
}

/// The pieces of the files given, in order; each file yields at least one (an empty file,
/// one empty piece). The files' hashes (and the bytes of those that are not regular files) are
/// given, from the check that found them UTF-8.
pub struct Pieces<'a> {
    files: &'a [PathBuf],
    checked: Vec<Checked>,
    dct: Option<NaiveDate>,
    /// The next file to open.
    next_file: usize,
    reading: Option<Reading>,
}

/// A plain-text file being read a piece at a time.
struct Reading {
    file: usize,
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    sha256: String,
    /// What was read past the last piece's cut: the start of the next one.
    buf: Vec<u8>,
    offset: usize,
    lines: usize,
    yielded: bool,
}

impl<'a> Pieces<'a> {
    pub fn new(files: &'a [PathBuf], checked: Vec<Checked>, dct: Option<NaiveDate>) -> Pieces<'a> {
        Pieces {
            files,
            checked,
            dct,
            next_file: 0,
            reading: None,
        }
    }

    pub fn next_piece(&mut self) -> Result<Option<Piece>> {
        loop {
            if let Some(reading) = &mut self.reading {
                if let Some(piece) = reading.next(self.dct)? {
                    return Ok(Some(piece));
                }
                self.reading = None;
            }
            let Some(path) = self.files.get(self.next_file) else {
                return Ok(None);
            };
            let file = self.next_file;
            self.next_file += 1;
            let (sha256, held) = match self.checked.get_mut(file) {
                Some(c) => (c.sha256.clone(), c.held.take()),
                None => (String::new(), None),
            };
            let reader: Box<dyn BufRead + Send> = match held {
                Some(bytes) => {
                    let head = &bytes[..bytes.len().min(512)];
                    if is_timeml(path, &String::from_utf8_lossy(head)) {
                        let doc = Document::from_bytes(path, bytes, self.dct)?;
                        return Ok(Some(Piece {
                            file,
                            doc,
                            offset: 0,
                            lines: 0,
                        }));
                    }
                    Box::new(std::io::Cursor::new(bytes))
                }
                None => {
                    let mut f = open_regular(path)?;
                    let mut head = [0u8; 512];
                    let n = read_up_to(&mut f, &mut head)?;
                    f.rewind()
                        .with_context(|| format!("while reading {}", path.display()))?;
                    if is_timeml(path, &String::from_utf8_lossy(&head[..n])) {
                        let shown = path.display().to_string();
                        let bytes = crate::data::read::read_stream_bounded(f, &shown)
                            .map_err(anyhow::Error::msg)?;
                        let doc = Document::from_bytes(path, bytes, self.dct)?;
                        return Ok(Some(Piece {
                            file,
                            doc,
                            offset: 0,
                            lines: 0,
                        }));
                    }
                    Box::new(BufReader::with_capacity(1 << 16, f))
                }
            };
            self.reading = Some(Reading {
                file,
                path: path.clone(),
                reader,
                sha256,
                buf: Vec::with_capacity(PIECE + 4096),
                offset: 0,
                lines: 0,
                yielded: false,
            });
        }
    }
}

impl Reading {
    fn next(&mut self, dct: Option<NaiveDate>) -> Result<Option<Piece>> {
        let path = &self.path;
        loop {
            let before = self.buf.len();
            let read = (&mut self.reader)
                .take(PIECE as u64)
                .read_until(b'\n', &mut self.buf)
                .with_context(|| format!("while reading {}", path.display()))?;
            let eof = read == 0;
            if !eof && self.buf.len() < PIECE && self.buf.len() > before {
                continue;
            }
            if self.buf.is_empty() && self.yielded {
                return Ok(None);
            }
            let cut = if eof {
                self.buf.len()
            } else {
                cut_point(&self.buf)
            };
            // The piece leaves `buf` for the document; what follows the cut starts the next.
            let mut rest = Vec::with_capacity(PIECE + 4096);
            rest.extend_from_slice(&self.buf[cut..]);
            self.buf.truncate(cut);
            let bytes = std::mem::replace(&mut self.buf, rest);
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    return Err(extract::not_utf8(
                        path,
                        e.as_bytes(),
                        at,
                        self.offset,
                        self.lines + 1,
                    )
                    .into());
                }
            };
            let piece = Piece {
                file: self.file,
                offset: self.offset,
                lines: self.lines,
                // Each piece carries the whole file's hash, which candidate ids are made from.
                doc: Document {
                    path: path.clone(),
                    dct,
                    sha256: self.sha256.clone(),
                    timeml: None,
                    text,
                },
            };
            self.offset += cut;
            self.lines += piece.doc.text.bytes().filter(|&b| b == b'\n').count();
            self.yielded = true;
            return Ok(Some(piece));
        }
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Where to end a piece of plain text: after its last blank line in its second half (so that
/// hard-wrapped lines, which `extract` joins, are not cut from their paragraph), else after
/// its last line break, else after its last space, else at the last character boundary.
fn cut_point(buf: &[u8]) -> usize {
    if let Some(i) = buf.iter().rposition(|&b| b == b'\n') {
        return paragraph_end(buf, i).unwrap_or(i + 1);
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b' ') {
        return i + 1;
    }
    // Back up over UTF-8 continuation bytes so a character is never split.
    let mut i = buf.len();
    while i > 0 && (buf[i - 1] & 0xC0) == 0x80 {
        i -= 1;
    }
    if i > 0 && buf[i - 1] >= 0xC0 {
        i - 1
    } else {
        buf.len()
    }
}

/// The end of the last blank line (spaces, tabs, a carriage return) at or before the line
/// break at `last`, looked for in the second half of `buf` only.
fn paragraph_end(buf: &[u8], last: usize) -> Option<usize> {
    let floor = buf.len() / 2;
    let mut end = last;
    loop {
        // `end` is a line break: the line before it is blank when only spaces lie between it
        // and the break before.
        let before = buf[..end]
            .iter()
            .rposition(|&b| !matches!(b, b' ' | b'\t' | b'\r'))?;
        if buf[before] == b'\n' {
            return Some(end + 1);
        }
        end = buf[..before].iter().rposition(|&b| b == b'\n')?;
        if end < floor {
            return None;
        }
    }
}

/// An input checked before anything is written: its hash and, for a file that is not a
/// regular one (a FIFO, `/dev/stdin`, a `<(…)` substitution), its bytes from that one read,
/// so that it is never opened again.
#[derive(Default)]
pub struct Checked {
    sha256: String,
    held: Option<Vec<u8>>,
}

impl Checked {
    /// The whole document: from the bytes held, else from the (regular) file.
    pub fn document(&mut self, path: &Path, dct: Option<NaiveDate>) -> Result<Document> {
        Ok(match self.held.take() {
            Some(bytes) => Document::from_bytes(path, bytes, dct)?,
            None => {
                let f = open_regular(path)?;
                let shown = path.display().to_string();
                let bytes = crate::data::read::read_stream_bounded(f, &shown)
                    .map_err(anyhow::Error::msg)?;
                Document::from_bytes(path, bytes, dct)?
            }
        })
    }
}

/// Opens a file found regular when it was checked; one that changed into something else since
/// is refused rather than read.
pub fn open_regular(path: &Path) -> Result<File> {
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let regular = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .is_file();
    if !regular {
        bail!(
            "{} changed while it was being read (it is no longer a regular file)",
            path.display()
        );
    }
    Ok(file)
}

/// Reads an input once to check it: a folder, or an invalid UTF-8 byte (with its offset and
/// line), is reported here, before any output. A regular file is hashed as it streams past;
/// anything else is kept whole, within [`crate::data::read::file_limit`].
pub fn check_input(path: &Path) -> Result<Checked> {
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!(
            "{} is a folder: give the text or TimeML files in it (e.g. {}/*.txt)",
            path.display(),
            path.display()
        );
    }
    if meta.is_file() {
        return Ok(Checked {
            sha256: stream_sha256(path, file)?,
            held: None,
        });
    }
    let shown = path.display().to_string();
    let bytes = crate::data::read::read_stream_bounded(file, &shown).map_err(anyhow::Error::msg)?;
    Ok(Checked {
        sha256: stream_sha256(path, bytes.as_slice())?,
        held: Some(bytes),
    })
}

/// The SHA-256 of what `file` holds, read in pieces, checking that it is UTF-8.
fn stream_sha256(path: &Path, file: impl Read) -> Result<String> {
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut hasher = Sha256::new();
    let mut carry: Vec<u8> = Vec::new();
    let mut offset = 0usize;
    let mut lines = 1usize;
    loop {
        let chunk = reader
            .fill_buf()
            .with_context(|| format!("while reading {}", path.display()))?;
        if chunk.is_empty() {
            break;
        }
        hasher.update(chunk);
        let n = chunk.len();
        carry.extend_from_slice(chunk);
        reader.consume(n);
        match std::str::from_utf8(&carry) {
            Ok(_) => {
                lines += carry.iter().filter(|&&b| b == b'\n').count();
                offset += carry.len();
                carry.clear();
            }
            Err(e) if e.error_len().is_none() => {
                // A character cut by the read: keep its first bytes for the next one.
                let valid = e.valid_up_to();
                lines += carry[..valid].iter().filter(|&&b| b == b'\n').count();
                offset += valid;
                carry.drain(..valid);
            }
            Err(e) => {
                return Err(extract::not_utf8(path, &carry, e.valid_up_to(), offset, lines).into());
            }
        }
    }
    if !carry.is_empty() {
        return Err(extract::not_utf8(path, &carry, 0, offset, lines).into());
    }
    Ok(crate::text::digest::hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_after_a_blank_line_in_their_second_half() {
        let text =
            b"First paragraph, long enough to pass the middle,\nwrapped.\n\nSecond\nwrapped\n";
        let cut = cut_point(text);
        assert_eq!(
            &text[..cut],
            b"First paragraph, long enough to pass the middle,\nwrapped.\n\n"
        );
        // Spaces on the blank line are still a blank line.
        let spaced = b"One paragraph long enough to pass half.\n \t\r\nTwo\nthree\n";
        assert_eq!(
            cut_point(spaced),
            spaced.iter().position(|&b| b == b'T').unwrap()
        );
        // No blank line in the second half: the last line break.
        let early = b"A\n\nline one of a long paragraph that goes on\nline two\n";
        assert_eq!(cut_point(early), early.len());
        let none = b"no break at all in this piece";
        assert_eq!(cut_point(none), b"no break at all in this ".len());
    }
}
