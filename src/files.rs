//! Files the commands write, and the rules every write follows.
//!
//! * [`Protected`] and [`guard`]: the one check every output path passes before anything is
//!   written. An output may not be one of the command's inputs, the database (or its journal),
//!   a special file (a device, a FIFO, a socket, a folder), or a symbolic link that leads out of
//!   the folder it is in. Identity is the file's device and inode, so a hard link or another
//!   spelling of the same path is caught too.
//! * [`AtomicFile`] and [`write_atomically`]: a file is written beside its target under a
//!   temporary name, flushed to disk, then renamed over the target, and the folder is flushed:
//!   a killed run leaves the old file or the new one, never a part.
//! * [`WriteLock`]: the lock every command that changes data files takes on the database file,
//!   so that two such commands run one after the other and lose nothing.
//! * [`NewDatabase`]: the locked file a first import builds a database in, renamed into place
//!   when whole.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The files a command must not write to: its inputs and its database.
#[derive(Debug, Default)]
pub struct Protected {
    files: Vec<(Identity, String)>,
    /// The database's path and the names SQLite gives its journal files.
    database: Option<PathBuf>,
}

/// A file's identity: device and inode (on other systems, its canonical path).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    #[cfg(not(unix))]
    path: PathBuf,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(Identity {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Some(Identity {
                path: std::fs::canonicalize(path).ok()?,
            })
        }
    }
}

impl Protected {
    /// Nothing protected yet.
    pub fn new() -> Protected {
        Protected::default()
    }

    /// Protects an input of the command, described as `what` in messages ("the table", "an
    /// input"). A path that does not exist protects nothing.
    pub fn input(mut self, path: &Path, what: &str) -> Protected {
        if let Some(id) = Identity::of(path) {
            self.files.push((id, what.to_string()));
        }
        self
    }

    /// Protects every path in `paths` as an input.
    pub fn inputs<'p>(mut self, paths: impl IntoIterator<Item = &'p Path>, what: &str) -> Self {
        for p in paths {
            self = self.input(p, what);
        }
        self
    }

    /// Protects the database at `path` and its journal files.
    pub fn database(mut self, path: &Path) -> Protected {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            if let Some(id) = Identity::of(Path::new(&name)) {
                self.files.push((id, "the database".to_string()));
            }
        }
        self.database = Some(path.to_path_buf());
        self
    }

    fn what(&self, id: &Identity) -> Option<&str> {
        self.files
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, what)| what.as_str())
    }

    /// Whether `path` names (or would name) the database or one of its journal files, though
    /// the file does not exist yet: same folder, same name.
    fn names_database(&self, path: &Path) -> bool {
        let Some(db) = &self.database else {
            return false;
        };
        let (Some(db_dir), Some(db_name)) = (canonical_parent(db), db.file_name()) else {
            return false;
        };
        let (Some(dir), Some(name)) = (canonical_parent(path), path.file_name()) else {
            return false;
        };
        if dir != db_dir {
            return false;
        }
        ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut n = db_name.to_owned();
            n.push(suffix);
            n == name
        })
    }
}

/// The canonical form of a path's folder (the working folder for a bare name).
fn canonical_parent(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(parent).ok()
}

/// What kind of file a metadata describes, in words, when it is not a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Checks that `path` may be written, as `flag` (the option that named it, for messages), and
/// returns the path to write: `path` itself, or the file a symbolic link in the same folder
/// leads to. Refuses an input, the database, a special file, and a link that leads out of
/// its folder.
pub fn guard(path: &Path, flag: &str, protected: &Protected) -> Result<PathBuf> {
    let shown = path.display();
    let mut target = path.to_path_buf();
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
    {
        let resolved = std::fs::canonicalize(path).ok();
        let inside = match (&resolved, canonical_parent(path)) {
            (Some(r), Some(dir)) => r.parent() == Some(dir.as_path()),
            _ => false,
        };
        match resolved {
            Some(r) if inside => target = r,
            Some(r) => bail!(
                "{flag} {shown} is a symbolic link to {}, outside its folder; factline writes \
                 only inside the folder it was given: name the file itself",
                r.display()
            ),
            None => bail!(
                "{flag} {shown} is a symbolic link that leads nowhere; remove it or name \
                 another file"
            ),
        }
    }
    if let Ok(meta) = std::fs::metadata(&target) {
        if let Some(kind) = special_kind(&meta) {
            bail!("{flag} {shown} is {kind}, not a file factline can write; give a file path");
        }
        if let Some(id) = Identity::of(&target)
            && let Some(what) = protected.what(&id)
        {
            bail!(
                "{flag} {shown} is {what} of this command; writing there would destroy it: \
                 give another path"
            );
        }
    }
    if protected.names_database(&target) {
        bail!(
            "{flag} {shown} is where the database keeps its journal; writing there would \
             damage the database: give another path"
        );
    }
    Ok(target)
}

/// Checks that `file`, a path inside the output folder `dir`, stays inside it (no folder on
/// the way and no link at the end leads out) and may be written (see [`guard`]).
pub fn guard_in(dir: &Path, file: &Path, flag: &str, protected: &Protected) -> Result<PathBuf> {
    let root = std::fs::canonicalize(dir)
        .with_context(|| format!("while reading the folder {}", dir.display()))?;
    // Every folder between `dir` and the file that exists must resolve inside `dir`.
    let mut walked = dir.to_path_buf();
    if let Ok(rest) = file.strip_prefix(dir) {
        let parts: Vec<_> = rest.components().collect();
        for part in parts.iter().take(parts.len().saturating_sub(1)) {
            walked.push(part);
            if let Ok(real) = std::fs::canonicalize(&walked)
                && !real.starts_with(&root)
            {
                bail!(
                    "{flag} {}: {} leads to {}, outside the folder; factline writes only inside \
                     the folder it was given",
                    dir.display(),
                    walked.display(),
                    real.display()
                );
            }
        }
    }
    let target = guard(file, flag, protected)?;
    if let Some(real) = canonical_parent(&target)
        && !real.starts_with(&root)
    {
        bail!(
            "{flag} {}: {} is outside the folder; factline writes only inside the folder it \
             was given",
            dir.display(),
            file.display()
        );
    }
    Ok(target)
}

/// A file being written under a temporary name beside its target; [`AtomicFile::commit`]
/// flushes it to disk and renames it into place. Dropped without a commit, the temporary file
/// is removed and the target is as it was.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `target` (already checked with [`guard`]).
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let temp = temp_beside(target);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .with_context(|| format!("while creating {}", display_target(target)))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes the file to disk, renames it over the target and flushes the folder.
    pub fn commit(mut self) -> Result<()> {
        let shown = display_target(&self.target);
        let Some(file) = self.file.take() else {
            bail!("{shown} was already written");
        };
        let file = file
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("while writing {shown}"))?;
        file.sync_all()
            .with_context(|| format!("while writing {shown}"))?;
        drop(file);
        std::fs::rename(&self.temp, &self.target)
            .with_context(|| format!("while writing {shown}"))?;
        sync_folder(&self.target);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

fn display_target(path: &Path) -> String {
    path.display().to_string()
}

/// A temporary name in the target's folder, unique to this process.
pub fn temp_beside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temp = format!(".{name}.{}.factline-tmp", std::process::id());
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(temp),
        _ => PathBuf::from(temp),
    }
}

/// Flushes a folder's entries to disk after a rename in it (best effort: not every system
/// can open a folder for that).
pub fn sync_folder(file: &Path) {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `target` atomically (see [`AtomicFile`]).
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(target)?;
    file.write_all(bytes)
        .with_context(|| format!("while writing {}", target.display()))?;
    file.commit()
}

/// The exclusive lock on a database file held by a command that changes data files and the
/// database together, from before it reads the files until both are written. Released when
/// dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// How long a second writer waits for the first.
const LOCK_WAIT: Duration = Duration::from_secs(30);

impl WriteLock {
    /// Takes the lock on the database at `db`, waiting up to 30 seconds for another writer;
    /// `waiting` is called once when it has to wait (the command says so).
    pub fn take(db: &Path, waiting: &dyn Fn(&Path)) -> Result<WriteLock> {
        let file = File::open(db)
            .with_context(|| format!("while opening the database {}", db.display()))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WriteLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {
                    if start.elapsed() > LOCK_WAIT {
                        bail!(
                            "{} is busy: another factline command has been changing its data \
                             files for more than {} seconds; try again when it has finished",
                            db.display(),
                            LOCK_WAIT.as_secs()
                        );
                    }
                    if !told {
                        waiting(db);
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(anyhow::Error::new(e))
                        .with_context(|| format!("while locking {}", db.display()));
                }
            }
        }
    }
}

/// Removes a database file and the journal files SQLite keeps beside it.
pub fn discard_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    discard_journals(path);
}

/// The file a first import builds a new database in (`<db>.importing`), held under an
/// exclusive lock from before it is emptied until after it is renamed into place, so that two
/// first imports at once never write into, or delete, each other's file. The lock is the
/// operating system's: a killed import's lock ends with it, and the next import clears what it
/// left.
pub struct NewDatabase {
    pub path: PathBuf,
    _lock: std::fs::File,
}

impl NewDatabase {
    /// Takes the lock and empties the file, or returns `None` when another import holds it
    /// (or renamed it into place while this one waited).
    pub fn claim(db_path: &Path) -> Result<Option<NewDatabase>> {
        let mut name = db_path.as_os_str().to_owned();
        name.push(".importing");
        let path = PathBuf::from(name);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("while creating {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("while locking {}", path.display()));
            }
        }
        // The lock is on the file that was opened; another import may have renamed that file
        // into place, or discarded it, in the meantime.
        if !same_file(&file, &path) {
            return Ok(None);
        }
        discard_journals(&path);
        file.set_len(0)
            .with_context(|| format!("while emptying {}", path.display()))?;
        Ok(Some(NewDatabase { path, _lock: file }))
    }

    /// Renames the whole database into place at `db_path`; the lock goes with `self`.
    pub fn into_place(self, db_path: &Path) -> Result<()> {
        std::fs::rename(&self.path, db_path).with_context(|| {
            format!(
                "while moving {} to {}",
                self.path.display(),
                db_path.display()
            )
        })
    }
}

/// Removes the journal files beside a database file, leaving the file.
fn discard_journals(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Whether an open file is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_and_the_database_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        let db = dir.path().join("x.db");
        std::fs::write(&input, "text").unwrap();
        std::fs::write(&db, "db").unwrap();
        let p = Protected::new().input(&input, "an input").database(&db);
        let e = guard(&input, "--out", &p).unwrap_err().to_string();
        assert!(e.contains("is an input of this command"), "{e}");
        let e = guard(&db, "--out", &p).unwrap_err().to_string();
        assert!(e.contains("is the database"), "{e}");
        // A hard link is the same file.
        let link = dir.path().join("hard.db");
        std::fs::hard_link(&db, &link).unwrap();
        assert!(guard(&link, "--out", &p).is_err());
        // The journal that does not exist yet.
        let e = guard(&dir.path().join("x.db-wal"), "--out", &p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("journal"), "{e}");
        let fine = dir.path().join("out.csv");
        assert_eq!(guard(&fine, "--out", &p).unwrap(), fine);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_and_special_files_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let far = outside.path().join("victim.txt");
        std::fs::write(&far, "keep").unwrap();
        let link = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&far, &link).unwrap();
        let e = guard(&link, "--out", &Protected::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside its folder"), "{e}");
        // A link to a file in the same folder writes that file.
        let near = dir.path().join("real.txt");
        std::fs::write(&near, "x").unwrap();
        let link2 = dir.path().join("alias.txt");
        std::os::unix::fs::symlink(&near, &link2).unwrap();
        assert_eq!(
            guard(&link2, "--out", &Protected::new()).unwrap(),
            std::fs::canonicalize(&near).unwrap()
        );
        let e = guard(dir.path(), "--out", &Protected::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("a folder"), "{e}");
        // A folder inside the output folder that leads elsewhere.
        std::os::unix::fs::symlink(outside.path(), dir.path().join("claims")).unwrap();
        let e = guard_in(
            dir.path(),
            &dir.path().join("claims").join("a.toml"),
            "--out",
            &Protected::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("outside the folder"), "{e}");
        assert_eq!(std::fs::read_to_string(&far).unwrap(), "keep");
    }

    #[test]
    fn an_atomic_file_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.txt");
        std::fs::write(&target, "old").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"half").unwrap();
            // Dropped without commit.
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
