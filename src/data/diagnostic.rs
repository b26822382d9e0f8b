//! Problems in data files: one [`Diagnostic`] per problem, with its file, line and field, and
//! [`DataErrors`] for the whole set. [`Lines`] turns the byte spans TOML reports into lines.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::data::read::display_path;
use crate::words::plural;

/// One problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    /// The record and field, e.g. ``claim `kz-population-2011`, field `subject` ``.
    pub field: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl Diagnostic {
    /// A problem with a file (or a path) as a whole, such as one that cannot be read.
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            line: 0,
            field: String::new(),
            message: message.into(),
        }
    }

    /// A problem with a path on disk as a whole, named as the user sees it.
    pub fn at_path(path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::whole_file(display_path(path), message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}", self.file, self.line)
        };
        if self.field.is_empty() {
            write!(f, "{place}: {}", self.message)
        } else {
            write!(f, "{place}: {}: {}", self.field, self.message)
        }
    }
}

/// Every problem found in a set of data files. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataErrors(pub Vec<Diagnostic>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{} in the data files; nothing was written",
            plural(self.0.len(), "problem", "problems")
        )
    }
}

/// Line starts of one file, to turn byte spans into 1-based line numbers.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
    /// Added to every line: a record read from the middle of a file (a JSON Lines line).
    offset: usize,
}

impl Lines {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts, offset: 0 }
    }

    /// The line starts of `text`, a part of a file that begins on the 1-based line `first`.
    pub fn within(text: &str, first: usize) -> Lines {
        Lines {
            offset: first.saturating_sub(1),
            ..Lines::new(text)
        }
    }

    /// Every span on one line: the 1-based `line` of a JSON Lines file.
    pub fn single(line: usize) -> Lines {
        Lines {
            starts: vec![0],
            offset: line.saturating_sub(1),
        }
    }

    /// The 1-based line a span starts on.
    pub fn line(&self, span: &Range<usize>) -> usize {
        self.offset
            + match self.starts.binary_search(&span.start) {
                Ok(i) => i + 1,
                Err(i) => i,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_to_lines() {
        let lines = Lines::new("a\nbc\n\nd");
        assert_eq!(lines.line(&(0..1)), 1);
        assert_eq!(lines.line(&(2..3)), 2);
        assert_eq!(lines.line(&(3..4)), 2);
        assert_eq!(lines.line(&(6..7)), 4);
        let part = Lines::within("x\ny", 10);
        assert_eq!(part.line(&(0..1)), 10);
        assert_eq!(part.line(&(2..3)), 11);
    }

    #[test]
    fn a_whole_file_problem_has_no_line() {
        let d = Diagnostic::whole_file("data", "no .toml data files found here");
        assert_eq!(d.to_string(), "data: no .toml data files found here");
    }
}
