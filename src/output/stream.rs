//! The one streaming JSON writer: an array written an item at a time, in the same bytes as
//! `serde_json`'s pretty printer gives for the whole document at once (two-space indent). The
//! dataset export, `sql --format json` and `extract --format json` write through it, so their
//! memory holds one item, not the array.

use std::io::{self, Write};

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
