//! The one streaming JSON writer: an array written an item at a time, in the same bytes as
//! `serde_json`'s pretty printer gives for the whole document at once (two-space indent). The
//! dataset export, `sql --format json` and `extract --format json` write through it, so their
//! memory holds one item, not the array.

use std::io::{self, Read, Seek, Write};

use serde::Serialize;

/// `value` pretty-printed as a member at `depth` (its lines after the first indented by two
/// spaces a level). Pretty JSON holds no raw newline inside a string, so every newline starts a
/// line of the layout.
pub fn nested(out: &mut dyn Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let indent = "  ".repeat(depth);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            write!(out, "\n{indent}")?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// An array whose closing bracket stands at `depth`: `[` comes with the first item (so an
/// empty array is `[]`), each item on a line of its own one level deeper.
pub struct JsonArray {
    depth: usize,
    count: usize,
}

impl JsonArray {
    pub fn new(depth: usize) -> JsonArray {
        JsonArray { depth, count: 0 }
    }

    /// Opens the next item: `[` or `,`, a new line and its indent. The caller writes the item
    /// (at depth `depth + 1`), or calls [`JsonArray::item`].
    pub fn next(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        out.write_all("  ".repeat(self.depth + 1).as_bytes())
    }

    /// Writes `value` as the next item.
    pub fn item(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        self.next(out)?;
        nested(out, value, self.depth + 1)
    }

    /// How many items were written.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no item was written.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Closes the array: `[]` when it is empty, else a new line and `]` at its depth.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.count == 0 {
            return out.write_all(b"[]");
        }
        write!(out, "\n{}]", "  ".repeat(self.depth))
    }
}

/// Bytes written aside to a temporary file (gone when dropped), each piece found again by
/// its place: an output written in an order other than the one its parts arrive in (the SVG
/// timeline's rows arrive in timeline order and are drawn lane by lane).
pub struct Spool {
    file: io::BufWriter<std::fs::File>,
    written: u64,
}

impl Spool {
    pub fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: io::BufWriter::with_capacity(1 << 18, tempfile::tempfile()?),
            written: 0,
        })
    }

    /// Where the next byte goes.
    pub fn position(&self) -> u64 {
        self.written
    }

    /// Done writing: the pieces can be read back.
    pub fn into_reader(self) -> io::Result<SpoolReader> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(io::SeekFrom::Start(0))?;
        Ok(SpoolReader {
            file: io::BufReader::with_capacity(1 << 18, file),
            at: 0,
        })
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A [`Spool`] read back a piece at a time; pieces read in increasing order of place stay
/// within the read buffer.
pub struct SpoolReader {
    file: io::BufReader<std::fs::File>,
    at: u64,
}

impl SpoolReader {
    /// Copies the `len` bytes written at `at` to `out`.
    pub fn copy(&mut self, at: u64, len: u64, out: &mut dyn Write) -> io::Result<()> {
        let (to, from) = (
            i64::try_from(at).map_err(io::Error::other)?,
            i64::try_from(self.at).map_err(io::Error::other)?,
        );
        self.file.seek_relative(to - from)?;
        let copied = io::copy(&mut (&mut self.file).take(len), out)?;
        if copied != len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the temporary file ended before the piece written there",
            ));
        }
        self.at = at + len;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        tags: Vec<u32>,
    }

    /// An array streamed inside an object against the object serialised at once.
    fn same_as_at_once(rows: Vec<Row>) {
        #[derive(Serialize)]
        struct Doc {
            rows: Vec<Row>,
        }
        let mut streamed = Vec::new();
        streamed.extend_from_slice(b"{\n  \"rows\": ");
        let mut array = JsonArray::new(1);
        for row in &rows {
            array.item(&mut streamed, row).unwrap();
        }
        array.finish(&mut streamed).unwrap();
        streamed.extend_from_slice(b"\n}");
        let at_once = serde_json::to_string_pretty(&Doc { rows }).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), at_once);
    }

    #[test]
    fn streamed_arrays_are_the_pretty_printers_bytes() {
        same_as_at_once(Vec::new());
        same_as_at_once(vec![Row {
            name: "a \"quoted\"\nline",
            tags: vec![],
        }]);
        same_as_at_once(vec![
            Row {
                name: "a",
                tags: vec![1, 2],
            },
            Row {
                name: "b",
                tags: vec![3],
            },
        ]);
    }
}
