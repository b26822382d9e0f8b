//! Reading data files from disk: every `.toml` and `.jsonl` file under the paths given, in name
//! order (except in `mappings/` folders, which hold table mappings), and the mappings
//! themselves. Nothing here parses them; a path that cannot be read becomes a [`Diagnostic`].
//!
//! Every file a command reads whole goes through [`read_bounded`] (or [`read_bounded_text`]):
//! at most [`file_limit`] bytes, and a file that is not a regular one (a FIFO, `/dev/stdin`,
//! a `<(…)` substitution, a device) is read once, with the limit, and never opened again.

use std::path::{Path, PathBuf};

use crate::data::diagnostic::{DataErrors, Diagnostic};
use crate::data::{DataFile, Input};

/// Reads the given paths, and how to name them in messages (`data`, `a.toml, b.toml`).
pub fn read_named(paths: &[PathBuf]) -> Result<(Vec<DataFile>, String), DataErrors> {
    Ok((read_paths(paths)?, shown(paths)))
}

/// The data files under the given paths, not read yet, and how to name them in messages.
pub fn inputs_named(paths: &[PathBuf]) -> Result<(Vec<Input>, String), DataErrors> {
    Ok((inputs(paths)?, shown(paths)))
}

/// The paths as the user sees them, separated by commas.
fn shown(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| display_path(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads every data file under the given paths (directories recursively, in name order).
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<DataFile>, DataErrors> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for input in inputs(paths)? {
        let Input::Disk { shown, path } = input else {
            continue;
        };
        match read_text(&path, &shown) {
            Ok(text) => files.push(DataFile { path: shown, text }),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(DataErrors(problems))
    }
}

/// The data files under the given paths (directories recursively, in name order), not read
/// yet: `.toml` data files and `.jsonl` claim files.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, DataErrors> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut visited = Vec::new();
            if let Err(e) = collect_data_files(path, &mut found, &mut visited) {
                problems.push(Diagnostic::at_path(path, e.to_string()));
            }
        } else if path.exists() {
            match not_a_file(path) {
                Some(why) => problems.push(Diagnostic::at_path(path, why)),
                None => found.push(path.clone()),
            }
        } else {
            problems.push(Diagnostic::at_path(
                path,
                "no such file or directory; give a data directory (such as data/) or .toml files",
            ));
        }
    }
    if found.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::whole_file(
            shown(paths),
            "no .toml data files found here",
        ));
    }
    if problems.is_empty() {
        Ok(found
            .into_iter()
            .map(|path| Input::Disk {
                shown: display_path(&path),
                path,
            })
            .collect())
    } else {
        Err(DataErrors(problems))
    }
}

/// A path as the user sees it: relative to the working directory where possible.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// The largest file read whole, in megabytes, unless `FACTLINE_MAX_FILE_MB` says otherwise.
pub const DEFAULT_FILE_LIMIT_MB: u64 = 1024;

/// The largest file read whole, in bytes: `FACTLINE_MAX_FILE_MB` megabytes (a whole number
/// above 0), else [`DEFAULT_FILE_LIMIT_MB`].
pub fn file_limit() -> u64 {
    std::env::var("FACTLINE_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mb| mb > 0)
        .unwrap_or(DEFAULT_FILE_LIMIT_MB)
        .saturating_mul(1024 * 1024)
}

/// What to say of a file larger than the limit.
fn too_large(shown: &str, limit: u64) -> String {
    format!(
        "{shown} is larger than {} MB, the most a file read whole may be; split it, or set \
         FACTLINE_MAX_FILE_MB to a larger number of megabytes",
        limit / (1024 * 1024)
    )
}

/// Reads the file at `path` whole, refusing one larger than [`file_limit`]. A folder is
/// refused; a file that is not regular (a FIFO, a character device, standard input) is read
/// once, up to the limit, through the one handle opened — never opened a second time. The
/// error says what is wrong with the file, naming it as `shown`.
pub fn read_bounded(path: &Path, shown: &str) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let limit = file_limit();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("{shown} is a folder, not a file"));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(shown, limit));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(shown, limit));
    }
    Ok(bytes)
}

/// [`read_bounded`], as UTF-8 text: a file that is not UTF-8 is refused with the line, column
/// and offset of the first byte that is not.
pub fn read_bounded_text(path: &Path, shown: &str) -> Result<String, String> {
    let bytes = read_bounded(path, shown)?;
    String::from_utf8(bytes).map_err(|e| {
        let (_, message) = not_utf8(e.as_bytes(), e.utf8_error(), 1, 0);
        format!("{shown} {message}")
    })
}

/// Reads a whole stream (standard input) up to [`file_limit`] bytes; `what` names it in the
/// error (`the query on standard input`).
pub fn read_stream_bounded(reader: impl std::io::Read, what: &str) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let limit = file_limit();
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {what}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(what, limit));
    }
    Ok(bytes)
}

/// Why `path` cannot be a data file, if it cannot: only regular files (or symlinks to them)
/// of a bounded size are read, so a FIFO cannot hang an import and `/dev/zero` cannot fill
/// memory.
fn not_a_file(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Err(e) => Some(format!("cannot read: {e}")),
        Ok(meta) if !meta.is_file() => Some(
            "is not a regular file (a FIFO, socket or device); data files must be regular files"
                .to_string(),
        ),
        // A JSON Lines file is read a line at a time (each line bounded, [`bounded_lines`]).
        Ok(meta) if meta.len() > file_limit() && !is_jsonl(path) => Some(format!(
            "is {} bytes, larger than the {} MB a file read whole may be; split it into \
             several files (or set FACTLINE_MAX_FILE_MB)",
            meta.len(),
            file_limit() / (1024 * 1024)
        )),
        Ok(_) => None,
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

/// The lines of a JSON Lines file as bytes, without their `\n`, each at most `limit` bytes
/// ([`file_limit`] for data files): a longer line is an error of kind `InvalidData` (a file
/// with no line breaks cannot fill memory), after which the iterator ends.
pub fn bounded_lines(
    reader: impl std::io::BufRead,
    limit: u64,
) -> impl Iterator<Item = std::io::Result<Vec<u8>>> {
    let mut reader = Some(reader);
    std::iter::from_fn(move || {
        use std::io::{BufRead as _, Read as _};
        let source = reader.as_mut()?;
        let mut line = Vec::new();
        let read = source
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => {
                reader = None;
                None
            }
            Ok(_) => {
                if line.last() == Some(&b'\n') {
                    line.pop();
                } else if line.len() as u64 > limit {
                    reader = None;
                    return Some(Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "the line is longer than {} bytes, the most a line may be; give \
                             one claim per line (or set FACTLINE_MAX_FILE_MB)",
                            limit
                        ),
                    )));
                }
                Some(Ok(line))
            }
            Err(e) => {
                reader = None;
                Some(Err(e))
            }
        }
    })
}

/// Collects the data files under `dir`. A folder reached twice (a symlink loop, or two links
/// to one folder) is an error said once, not every file found again.
fn collect_data_files(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    visited: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let real = std::fs::canonicalize(dir)?;
    if visited.contains(&real) {
        return Err(std::io::Error::other(format!(
            "{} leads back to {} (a symlink loop or a second link to the same folder); \
             remove the link",
            display_path(dir),
            display_path(&real)
        )));
    }
    visited.push(real);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Mappings describe tables (`factline import-table`), not records.
            if path.file_name().is_some_and(|n| n == "mappings") {
                continue;
            }
            collect_data_files(&path, out, visited)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "toml" || e == "jsonl")
        {
            if let Some(why) = not_a_file(&path) {
                return Err(std::io::Error::other(format!(
                    "{}: {why}",
                    display_path(&path)
                )));
            }
            out.push(path);
        }
    }
    Ok(())
}

/// The table mappings of a data directory: `DIR/mappings/*.toml`, in name order (code lists in
/// folders below are not mappings).
pub fn read_mappings(dir: &Path) -> Result<Vec<DataFile>, DataErrors> {
    let folder = dir.join("mappings");
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
        .map_err(|e| DataErrors(vec![Diagnostic::at_path(&folder, e.to_string())]))?;
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let shown = display_path(&path);
        let text = read_text(&path, &shown).map_err(|problem| DataErrors(vec![problem]))?;
        files.push(DataFile { path: shown, text });
    }
    Ok(files)
}

/// Reads a data file as UTF-8 text, within [`file_limit`] ([`read_bounded`]). A file that is
/// not UTF-8 is refused with the line, column and byte offset of the first byte that is not
/// ([`not_utf8`]).
pub fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let bytes = read_bounded(path, shown).map_err(|why| {
        // Said after the file's name: "cannot read: …", "is larger than …".
        let why = why
            .replacen(&format!("cannot read {shown}: "), "cannot read: ", 1)
            .replacen(&format!("{shown} "), "", 1);
        Diagnostic::whole_file(shown, why)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, message) = not_utf8(e.as_bytes(), e.utf8_error(), 1, 0);
        Diagnostic {
            file: shown.to_string(),
            line,
            field: String::new(),
            message,
        }
    })
}

/// Where `bytes` stop being UTF-8, as (1-based line, message naming the byte, its offset in
/// the file and its column on the line). `bytes` start at line `first_line` and byte
/// `first_offset` of the file (1 and 0 for a whole file).
pub fn not_utf8(
    bytes: &[u8],
    error: std::str::Utf8Error,
    first_line: usize,
    first_offset: usize,
) -> (usize, String) {
    let valid = error.valid_up_to();
    let offset = first_offset + valid;
    let before = &bytes[..valid];
    let line = before.iter().filter(|&&b| b == b'\n').count() + first_line;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Columns count characters: everything before the offset is valid.
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes
        .get(valid)
        .map_or(String::new(), |b| format!("byte 0x{b:02X} "));
    let why = if error.error_len().is_some() {
        "is not part of a UTF-8 character"
    } else {
        "begins a character that is cut off"
    };
    (
        line,
        format!(
            "is not valid UTF-8: {byte}at byte offset {offset} (line {line}, column {column}) \
             {why}; save the file as UTF-8"
        ),
    )
}

#[cfg(test)]
mod utf8_tests {
    use super::*;

    #[test]
    fn a_byte_that_is_not_utf8_is_named_with_its_line_column_and_offset() {
        let bytes: &[u8] = &b"ab\n\xc3\xa9x\xff"[..];
        let e = std::str::from_utf8(bytes).unwrap_err();
        assert_eq!(
            not_utf8(bytes, e, 1, 0),
            (
                2,
                "is not valid UTF-8: byte 0xFF at byte offset 6 (line 2, column 3) is not part \
                 of a UTF-8 character; save the file as UTF-8"
                    .to_string()
            )
        );
        let cut: &[u8] = &b"ab\xc3"[..];
        let e = std::str::from_utf8(cut).unwrap_err();
        assert!(not_utf8(cut, e, 7, 100).1.contains(
            "byte 0xC3 at byte offset 102 (line 7, column 3) begins a character that is cut off"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_read_a_bounded_line_at_a_time() {
        let lines = |text: &str, limit: u64| -> Vec<Result<String, String>> {
            bounded_lines(text.as_bytes(), limit)
                .map(|l| {
                    l.map(|b| String::from_utf8_lossy(&b).into_owned())
                        .map_err(|e| e.to_string())
                })
                .collect()
        };
        assert_eq!(lines("ab\ncd\n", 2), [Ok("ab".into()), Ok("cd".into())]);
        assert_eq!(lines("ab\ncd", 2), [Ok("ab".into()), Ok("cd".into())]);
        assert_eq!(lines("", 2), Vec::<Result<String, String>>::new());
        let got = lines("ab\ncde\nf\n", 2);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], Ok("ab".into()));
        assert!(
            got[1]
                .as_ref()
                .is_err_and(|e| e.contains("longer than 2 bytes")),
            "{got:?}"
        );
    }
}
