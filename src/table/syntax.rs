//! The strict side of reading CSV: the `csv` crate accepts a quote that is never closed (the
//! rest of the file becomes one cell) and text after a closing quote, and holds a cell however
//! large it grows. [`Guard`] reads the bytes on their way to it, follows quoting as it does,
//! and stops the read with a [`SyntaxError`] naming the line: a quote left open at the end, text
//! after a closing quote, a cell or a row larger than the limits. Nothing here prints.

use std::fmt;
use std::io::{self, Read};

/// The largest cell of a table, in bytes.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// The largest row of a table, in bytes.
pub const MAX_ROW_BYTES: usize = 16 * 1024 * 1024;

/// Why a table cannot be read, and the line where it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SyntaxError {}

impl SyntaxError {
    /// The syntax error an I/O error from a [`Guard`] carries, if it carries one.
    pub fn of(error: &io::Error) -> Option<&SyntaxError> {
        error
            .get_ref()
            .and_then(|e| e.downcast_ref::<SyntaxError>())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    Start,
    /// In a cell that did not start with a quote: quotes in it are text.
    Unquoted,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote in a quoted cell: a second quote is a quote in the text, a delimiter
    /// or line break ends the cell, anything else is an error.
    QuoteInQuoted,
}

/// A reader that checks the CSV syntax of what passes through it (see the module's doc).
pub struct Guard<R> {
    inner: R,
    delimiter: u8,
    state: State,
    /// The line being read (1-based, in the whole file).
    line: usize,
    /// The line where the open quoted cell began.
    quote_line: usize,
    /// The line where the current row began.
    row_line: usize,
    cell_bytes: usize,
    row_bytes: usize,
    failed: Option<SyntaxError>,
}

impl<R: Read> Guard<R> {
    /// Checks `inner`, whose first byte is on line `first_line` of the file.
    pub fn new(inner: R, delimiter: u8, first_line: usize) -> Guard<R> {
        Guard {
            inner,
            delimiter,
            state: State::Start,
            line: first_line,
            quote_line: first_line,
            row_line: first_line,
            cell_bytes: 0,
            row_bytes: 0,
            failed: None,
        }
    }

    fn fail(&mut self, line: usize, message: String) -> io::Error {
        let error = SyntaxError { line, message };
        self.failed = Some(error.clone());
        io::Error::new(io::ErrorKind::InvalidData, error)
    }

    fn end_cell(&mut self) {
        self.state = State::Start;
        self.cell_bytes = 0;
    }

    fn end_row(&mut self) {
        self.end_cell();
        self.row_bytes = 0;
        self.row_line = self.line;
    }

    /// Follows one byte; `Err` with what is wrong.
    fn step(&mut self, b: u8) -> Result<(), (usize, String)> {
        self.cell_bytes += 1;
        self.row_bytes += 1;
        let newline = b == b'\n';
        match self.state {
            State::Start | State::Unquoted => {
                if b == self.delimiter {
                    self.end_cell();
                } else if newline || b == b'\r' {
                    if newline {
                        self.line += 1;
                    }
                    self.end_row();
                } else if b == b'"' && self.state == State::Start {
                    self.state = State::Quoted;
                    self.quote_line = self.line;
                } else {
                    self.state = State::Unquoted;
                }
            }
            State::Quoted => {
                if b == b'"' {
                    self.state = State::QuoteInQuoted;
                } else if newline {
                    self.line += 1;
                }
            }
            State::QuoteInQuoted => {
                if b == b'"' {
                    self.state = State::Quoted;
                } else if b == self.delimiter {
                    self.end_cell();
                } else if newline || b == b'\r' {
                    if newline {
                        self.line += 1;
                    }
                    self.end_row();
                } else {
                    return Err((
                        self.line,
                        format!(
                            "text follows the closing quote of a cell opened on line {}; \
                             quote the whole cell and double each quote inside it (\"\")",
                            self.quote_line
                        ),
                    ));
                }
            }
        }
        if self.cell_bytes > MAX_CELL_BYTES {
            return Err((
                self.row_line,
                format!(
                    "a cell of the row is larger than {} MB, the most a table cell may hold; \
                     check the quoting, or cut the cell",
                    MAX_CELL_BYTES / (1024 * 1024)
                ),
            ));
        }
        if self.row_bytes > MAX_ROW_BYTES {
            return Err((
                self.row_line,
                format!(
                    "the row is larger than {} MB, the most a table row may hold; check the \
                     quoting and the line breaks",
                    MAX_ROW_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(error) = &self.failed {
            return Err(io::Error::new(io::ErrorKind::InvalidData, error.clone()));
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            if matches!(self.state, State::Quoted) {
                let line = self.quote_line;
                return Err(self.fail(
                    line,
                    "a quoted cell opened here is never closed: the file ends inside it; close \
                     the quote (\"), or double a quote meant as text (\"\")"
                        .to_string(),
                ));
            }
            return Ok(0);
        }
        for &b in &buf[..n] {
            if let Err((line, message)) = self.step(b) {
                return Err(self.fail(line, message));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), SyntaxError> {
        let mut out = Vec::new();
        Guard::new(text.as_bytes(), b',', 1)
            .read_to_end(&mut out)
            .map(|_| ())
            .map_err(|e| SyntaxError::of(&e).cloned().expect("a syntax error"))
    }

    #[test]
    fn well_formed_tables_pass() {
        assert_eq!(
            check("a,b\n1,\"x, \"\"y\"\"\"\n2,\"two\nlines\"\r\n3,5'11\"\n"),
            Ok(())
        );
        assert_eq!(check(""), Ok(()));
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opened_on() {
        let e = check("a,b\n1,2\n3,\"open\n4,5\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("never closed"), "{}", e.message);
    }

    #[test]
    fn text_after_a_closing_quote_is_refused() {
        let e = check("a,b\n1,\"x\n2,\"y\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("opened on line 2"), "{}", e.message);
    }

    #[test]
    fn a_huge_cell_is_refused_at_its_row() {
        let mut text = "a,b\n1,2\n3,".to_string();
        text.push_str(&"x".repeat(MAX_CELL_BYTES + 10));
        let e = check(&text).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("larger than 1 MB"), "{}", e.message);
    }
}
