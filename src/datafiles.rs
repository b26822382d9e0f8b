//! The one writer of data files: every command that changes a data file (`review accept`,
//! `resolve --save-to`) goes through a [`DataWriter`], which changes the files and imports them
//! as one unit.
//!
//! * **One at a time.** The writer holds an exclusive lock on the database file
//!   ([`crate::files::WriteLock`]) from before it reads a data file until the file is renamed
//!   into place, so two commands run one after the other and neither loses the other's work.
//! * **Both or neither.** Each new text is written beside its file under a temporary name and
//!   flushed to disk; then, in one transaction, the texts are imported and the renames they owe
//!   recorded (`pending_file`); after the commit the files are renamed and the rows deleted. A
//!   run killed before the commit leaves the files and the database as they were; one killed
//!   after it leaves rows that the next writer (or `factline import`) finishes first.
//! * **The same files from any folder.** Origins of claims are relative to the data root the
//!   database records (`setting`), not to the working folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, Transaction};

use crate::data::{self, DataFile};
use crate::db::datafiles::{self as stored, Pending};
use crate::db::import::Summary;
use crate::files::{Protected, WriteLock};

/// The data folder's name below the root, and where accepted claims go by default.
pub const DATA_DIR: &str = "data";
pub const EXTRACTED: &str = "data/claims/extracted.toml";

/// A new text for one data file.
#[derive(Debug, Clone)]
pub struct Change {
    /// The file (absolute, checked by [`crate::files::guard`]).
    pub target: PathBuf,
    /// The origin its claims are recorded with.
    pub origin: String,
    /// The file's whole new text.
    pub text: String,
}

/// A database open for changing data files, locked, with any rename an earlier run owed
/// finished.
#[derive(Debug)]
pub struct DataWriter {
    conn: Connection,
    db: PathBuf,
    root: Option<PathBuf>,
    _lock: WriteLock,
}

impl DataWriter {
    /// Opens the database at `db` (which must exist), takes its write lock, finishes the
    /// renames a killed run owed (each said in the returned messages; `waiting` is called if
    /// another writer holds the lock), and finds the data root:
    /// the one recorded, or the parent of `data_dir` (`--data DIR`), which is then recorded.
    pub fn open(
        db: &Path,
        data_dir: Option<&Path>,
        waiting: &dyn Fn(&Path),
    ) -> Result<(DataWriter, Vec<String>)> {
        let lock = WriteLock::take(db, waiting)?;
        let conn = crate::db::open(db)?;
        let said = finish_owed(&conn)?;
        // A recorded root that no longer exists (the folder moved) gives way to --data.
        let recorded = stored::data_root(&conn)?
            .map(PathBuf::from)
            .filter(|r| r.is_dir());
        let given = match data_dir {
            Some(dir) => Some(root_of_data_dir(dir)?),
            None => None,
        };
        let root = match (recorded, given) {
            (Some(r), Some(g)) if r != g => bail!(
                "--data {}: this database's data files are under {} (recorded when it was \
                 imported); leave out --data, or give {}",
                data_dir
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                r.display(),
                r.join(DATA_DIR).display()
            ),
            (Some(r), _) => Some(r),
            (None, Some(g)) => {
                stored::set_data_root(&conn, &path_text(&g)?)?;
                Some(g)
            }
            (None, None) => None,
        };
        Ok((
            DataWriter {
                conn,
                db: db.to_path_buf(),
                root,
                _lock: lock,
            },
            said,
        ))
    }

    /// The connection, for reading what the change needs.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The file at `relative` below the data root (`data/claims/extracted.toml`), or an error
    /// that says to give `--data` when the database records no root.
    pub fn below_root(&self, relative: &str) -> Result<PathBuf> {
        match &self.root {
            Some(root) => Ok(root.join(relative)),
            None => bail!(
                "{} does not record where its data files are (it was made with `factline \
                 import --bundled`, or by an older factline): give --data DIR, the data folder \
                 this database's claims are to be written to (its claims/extracted.toml), or \
                 --to FILE",
                self.db.display()
            ),
        }
    }

    /// The change of `path` (as the user gave it, or from [`below_root`]) to `text`: the file
    /// checked (never the database, a special file or a link out of its folder) and its origin.
    ///
    /// [`below_root`]: DataWriter::below_root
    pub fn change(&self, path: &Path, flag: &str, text: String) -> Result<Change> {
        let (target, origin) = self.target(path, flag)?;
        Ok(Change {
            target,
            origin,
            text,
        })
    }

    /// The file a change of `path` writes (checked: never the database, a special file or a
    /// link out of its folder) and its origin. Check before reading: a FIFO is never opened.
    pub fn target(&self, path: &Path, flag: &str) -> Result<(PathBuf, String)> {
        let absolute = absolute(path)?;
        let target = crate::files::guard(&absolute, flag, &Protected::new().database(&self.db))?;
        let origin = origin_of(self.root.as_deref(), &target)?;
        Ok((target, origin))
    }

    /// The current text of a file a change will replace (`None` when it does not exist yet),
    /// read under the lock. Give it a path [`DataWriter::target`] checked.
    pub fn read(&self, path: &Path) -> Result<Option<String>> {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let text = data::read::read_text(path, &path.display().to_string())
            .map_err(|problem| data::DataErrors(vec![problem]))?;
        Ok(Some(text))
    }

    /// Validates the changed files against the database, writes them aside, imports them and
    /// runs `also` in one transaction, then renames them into place. On any error before the
    /// commit, nothing has changed.
    pub fn commit(
        mut self,
        changes: &[Change],
        also: impl FnOnce(&Transaction<'_>) -> Result<()>,
    ) -> Result<Summary> {
        let known = crate::db::known(&self.conn)?;
        // Everything is checked before a byte is written.
        let files: Vec<DataFile> = changes
            .iter()
            .map(|c| DataFile {
                path: c.origin.clone(),
                text: c.text.clone(),
            })
            .collect();
        data::load(&files, &known)?;
        let mut owed = Vec::with_capacity(changes.len());
        for c in changes {
            if let Some(dir) = c.target.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("while creating {}", dir.display()))?;
            }
            remove_stale_temps(&c.target);
            let temp = crate::files::temp_beside(&c.target);
            if let Err(e) = write_synced(&temp, c.text.as_bytes()) {
                remove_all(&owed);
                return Err(e.context(format!("while writing {}", c.target.display())));
            }
            owed.push(Pending {
                target: path_text(&c.target)?,
                temp: path_text(&temp)?,
                sha256: sha256(c.text.as_bytes()),
            });
        }
        let now = crate::time::now();
        let result = (|| -> Result<Summary> {
            let inputs: Vec<data::Input> = files.into_iter().map(data::Input::Text).collect();
            let tx = crate::db::begin_writing(&mut self.conn)?;
            let (summary, _) = crate::db::import::import_in(&tx, &inputs, &known, &|_| {})?;
            for p in &owed {
                stored::owe(&tx, p, &now)?;
            }
            also(&tx)?;
            tx.commit().context("while committing the change")?;
            Ok(summary)
        })();
        let summary = match result {
            Ok(s) => s,
            Err(e) => {
                remove_all(&owed);
                return Err(e);
            }
        };
        for p in &owed {
            std::fs::rename(&p.temp, &p.target)
                .with_context(|| format!("while renaming {} into place", p.target))?;
            crate::files::sync_folder(Path::new(&p.target));
            stored::paid(&self.conn, &p.target)?;
        }
        Ok(summary)
    }
}

/// Finishes the renames a killed run owed: a rename whose temporary file is there is done; one
/// whose file already holds the text is forgotten; one with neither is reported and forgotten.
pub fn finish_owed(conn: &Connection) -> Result<Vec<String>> {
    let mut said = Vec::new();
    for p in stored::pending(conn)? {
        let temp = Path::new(&p.temp);
        let target = Path::new(&p.target);
        if temp.is_file() && std::fs::read(temp).is_ok_and(|b| sha256(&b) == p.sha256) {
            std::fs::rename(temp, target)
                .with_context(|| format!("while finishing the change to {}", p.target))?;
            crate::files::sync_folder(target);
            said.push(format!(
                "finished a change to {} that an interrupted command had committed",
                p.target
            ));
        } else if !std::fs::read(target).is_ok_and(|b| sha256(&b) == p.sha256) {
            said.push(format!(
                "a change to {} was committed to the database, but the file does not hold it \
                 and its temporary copy is gone; run `factline import` to bring the database in \
                 line with the file",
                p.target
            ));
        }
        stored::paid(conn, &p.target)?;
    }
    Ok(said)
}

/// Records the working folder as the data root of a database that has none (a first import
/// from files), and returns the root in force.
pub fn record_root(conn: &Connection) -> Result<PathBuf> {
    if let Some(root) = stored::data_root(conn)?.map(PathBuf::from)
        && root.is_dir()
    {
        return Ok(root);
    }
    let cwd = std::env::current_dir().context("while finding the working folder")?;
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    stored::set_data_root(conn, &path_text(&cwd)?)?;
    Ok(cwd)
}

/// The origin of a file: its path relative to the data root with `/` between parts, or its
/// absolute path when it is not below the root (or no root is known).
pub fn origin_of(root: Option<&Path>, file: &Path) -> Result<String> {
    let file = absolute(file)?;
    if let Some(root) = root
        && let Ok(rest) = file.strip_prefix(root)
    {
        let parts: Vec<String> = rest
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return Ok(parts.join("/"));
    }
    path_text(&file)
}

/// `path` made absolute and free of `.` and `..`, with the folder it is in resolved (links
/// included) when it exists.
pub fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("while finding the working folder")?
            .join(path)
    };
    let mut clean = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    if let (Some(parent), Some(name)) = (clean.parent(), clean.file_name())
        && let Ok(real) = std::fs::canonicalize(parent)
    {
        return Ok(real.join(name));
    }
    Ok(clean)
}

/// The root for a data folder given with `--data`: its parent, so that origins keep the data
/// folder's name (`data/claims/extracted.toml`).
fn root_of_data_dir(dir: &Path) -> Result<PathBuf> {
    let dir = absolute(dir)?;
    if dir.exists() && !dir.is_dir() {
        bail!(
            "--data {}: not a folder; give the data folder",
            dir.display()
        );
    }
    match dir.parent() {
        Some(parent) => Ok(std::fs::canonicalize(parent).unwrap_or(parent.to_path_buf())),
        None => bail!(
            "--data {}: give the data folder, not the root of the file system",
            dir.display()
        ),
    }
}

fn path_text(path: &Path) -> Result<String> {
    match path.to_str() {
        Some(s) => Ok(s.to_string()),
        None => bail!(
            "{} is not valid UTF-8; factline records paths as text: rename the folder",
            path.display()
        ),
    }
}

use crate::text::digest::sha256_hex as sha256;

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("while creating {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

fn remove_all(owed: &[Pending]) {
    for p in owed {
        let _ = std::fs::remove_file(&p.temp);
    }
}

/// Removes temporary copies of `target` that a run killed before its commit left behind (the
/// lock is held, and no rename is owed: [`finish_owed`] ran).
fn remove_stale_temps(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".factline-tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `text` (a claims file) with `blocks` (each a `[[claim]]` table with its id) inserted in id
/// order: each before the first claim whose id sorts after it, the rest at the end. Text
/// before the first claim (comments) and between claims stays as it is.
pub fn insert_claims(text: &str, blocks: &[(String, String)]) -> String {
    // Where each existing claim starts, with its id.
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    let mut open: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == "[[claim]]" {
            open = Some(offset);
        } else if let Some(start) = open
            && let Some(id) = id_of(trimmed)
        {
            starts.push((start, id));
            open = None;
        }
        offset += line.len();
    }
    let mut sorted: Vec<&(String, String)> = blocks.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out =
        String::with_capacity(text.len() + blocks.iter().map(|b| b.1.len() + 1).sum::<usize>());
    let mut from = 0;
    let mut pending = sorted.into_iter().peekable();
    for (start, id) in &starts {
        while let Some((new_id, block)) = pending.peek() {
            if new_id.as_str() >= id.as_str() {
                break;
            }
            out.push_str(&text[from..*start]);
            from = *start;
            out.push_str(block.trim_end());
            out.push_str("\n\n");
            pending.next();
        }
    }
    out.push_str(&text[from..]);
    for (_, block) in pending {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(block.trim_end());
        out.push('\n');
    }
    out
}

/// The id of an `id = "…"` line.
fn id_of(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("id")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let inner = rest.strip_prefix('"')?.split('"').next()?;
    Some(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: &str) -> (String, String) {
        (
            id.to_string(),
            format!("[[claim]]\nid = \"{id}\"\nsubject = \"x\"\n"),
        )
    }

    #[test]
    fn claims_go_in_id_order() {
        let text = "# accepted\n\n[[claim]]\nid = \"b\"\nsubject = \"x\"\n\n[[claim]]\nid = \"d\"\nsubject = \"x\"\n";
        let out = insert_claims(text, &[block("e"), block("a"), block("c")]);
        let ids: Vec<String> = out.lines().filter_map(|l| id_of(l.trim())).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
        assert!(
            out.starts_with("# accepted\n\n[[claim]]\nid = \"a\""),
            "{out}"
        );
        // Into an empty file.
        let out = insert_claims("", &[block("z")]);
        assert_eq!(out, "[[claim]]\nid = \"z\"\nsubject = \"x\"\n");
    }

    #[test]
    fn origins_are_relative_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("data/claims")).unwrap();
        let file = root.join("data/claims/x.toml");
        assert_eq!(origin_of(Some(&root), &file).unwrap(), "data/claims/x.toml");
        let other = tempfile::tempdir().unwrap();
        let far = std::fs::canonicalize(other.path()).unwrap().join("y.toml");
        assert_eq!(origin_of(Some(&root), &far).unwrap(), far.to_str().unwrap());
        assert_eq!(
            origin_of(Some(&root), &root.join("data/../data/claims/./x.toml")).unwrap(),
            "data/claims/x.toml"
        );
    }
}
