//! The top of a table: a byte order mark and the preamble skipped, the CSV reader set up, the
//! header row checked and each of the mapping's fields found among its columns.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use super::mapping::Mapping;
use super::{Input, Options, at_line, cut, shorten, syntax, syntax_error};
use crate::data::Diagnostic;
use crate::text::nearest;

/// A table whose header row was read and fits the mapping.
pub(super) struct Opened<'a> {
    pub csv: csv::Reader<syntax::Guard<BufReader<Box<dyn Read + 'a>>>>,
    pub headers: csv::StringRecord,
    /// Each field's column (`None` for a built-in).
    pub columns: Vec<Option<usize>>,
    /// Bytes before the header row (the BOM and the preamble), for the progress.
    pub skipped_bytes: u64,
    /// Lines before the header row.
    pub line_offset: u64,
    pub delimiter: u8,
}

/// Skips the BOM and preamble, reads the header row and finds each field's column, or says
/// what is wrong with the top of the table.
pub(super) fn open<'a>(
    input: Input<'a>,
    mapping: &Mapping,
    options: Options,
) -> Result<Opened<'a>, Vec<Diagnostic>> {
    let name = input.name;
    let whole = |message: String| vec![Diagnostic::whole_file(name, message)];
    let mut reader = BufReader::new(input.reader);
    // A UTF-8 byte order mark, then the preamble, come before the header.
    let mut skipped_bytes = 0u64;
    let starts_with_bom = reader
        .fill_buf()
        .map_err(|e| whole(format!("cannot read: {e}")))?
        .starts_with(b"\xEF\xBB\xBF");
    if starts_with_bom {
        reader.consume(3);
        skipped_bytes += 3;
    }
    let mut line = Vec::new();
    for n in 0..mapping.preamble {
        line.clear();
        let got = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| whole(format!("cannot read: {e}")))?;
        if got == 0 {
            return Err(whole(format!(
                "ends after {n} lines, inside the preamble of {} lines the mapping skips",
                mapping.preamble
            )));
        }
        skipped_bytes += got as u64;
    }
    let delimiter = if options.tsv {
        b'\t'
    } else {
        mapping.delimiter
    };
    let line_offset = mapping.preamble as u64;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(syntax::Guard::new(
            reader,
            delimiter,
            line_offset as usize + 1,
        ));
    let headers = match csv.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(match syntax_error(&e) {
                Some(s) => vec![at_line(name, s.line, s.message.clone())],
                None => whole(format!("cannot read the header row: {e}")),
            });
        }
    };
    let header_line = (line_offset + 1) as usize;
    let at_header = |message: String| Diagnostic {
        file: name.to_string(),
        line: header_line,
        field: "header".into(),
        message,
    };
    let problems = header_problems(&headers);
    if !problems.is_empty() {
        return Err(problems.into_iter().map(at_header).collect());
    }
    let columns =
        columns(&headers, mapping).map_err(|p| p.into_iter().map(at_header).collect::<Vec<_>>())?;
    Ok(Opened {
        csv,
        headers,
        columns,
        skipped_bytes,
        line_offset,
        delimiter,
    })
}

/// Each field's column in the header row, or a problem for each field whose column is missing.
fn columns(
    headers: &csv::StringRecord,
    mapping: &Mapping,
) -> Result<Vec<Option<usize>>, Vec<String>> {
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for field in &mapping.fields {
        let Some(column) = &field.column else {
            columns.push(None);
            continue;
        };
        match headers.iter().position(|h| h.trim() == column) {
            Some(i) => columns.push(Some(i)),
            None => {
                let hint = nearest(column, headers.iter())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                problems.push(format!(
                    "no column `{column}` (field `{}` of {}){hint}; the columns are {}",
                    field.name,
                    mapping.path,
                    shorten(&headers.iter().collect::<Vec<_>>().join(", "), 300)
                ));
                columns.push(None);
            }
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// What is wrong with a header row: two columns of one name (a mapping could not say which
/// it means), or a name holding a control character.
fn header_problems(headers: &csv::StringRecord) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(problem) = crate::data::text::cell_problem(h) {
            problems.push(format!("column {}: the name {problem}", i + 1));
            continue;
        }
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(h) {
            problems.push(format!(
                "columns {} and {} are both named `{}`; give each column its own name",
                first + 1,
                i + 1,
                cut(h)
            ));
        } else {
            seen.insert(h, i);
        }
    }
    problems
}
