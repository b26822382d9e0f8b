//! Issue 11, item 6: an import killed with SIGKILL at any moment leaves the database exactly as
//! it was before or exactly as the finished import leaves it, never damaged; a reader during an
//! import sees one state or the other; a second writer waits for the first, then gives up with
//! a message that says another import is writing.
//!
//! The corpus is generated (`factline generate`, 1,500 claims) so that the old and the new state
//! differ in every claim. Kill moments are spread over the measured length of a whole import, so
//! the test takes about the same number of imports on a fast or a slow machine.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::Env;

const CLAIMS: &str = "1500";
const KILLS: usize = 20;
/// The clock of the first import and of the second (the second must be later: a retraction is
/// never recorded before the row it retracts).
const FIRST: &str = "2026-01-01T00:00:00Z";
const SECOND: &str = "2026-01-02T00:00:00Z";

fn factline(dir: &Path, now: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factline"));
    cmd.args(args)
        .current_dir(dir)
        .env("FACTLINE_NOW", now)
        .env_remove("FACTLINE_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_ok(dir: &Path, now: &str, args: &[&str]) {
    let out = factline(dir, now, args).output().expect("run factline");
    assert!(
        out.status.success(),
        "factline {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Copies a database file with its write-ahead log, if it has one.
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(to, suffix));
    }
    std::fs::copy(from, to).expect("copy database");
    if with_suffix(from, "-wal").exists() {
        std::fs::copy(with_suffix(from, "-wal"), with_suffix(to, "-wal")).expect("copy log");
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The whole content of the database as one hash: every row of every table (the full-text
/// index's and the schema history's included, less the times migrations ran), each table's
/// rows sorted. Asserts on the way
/// that `PRAGMA integrity_check` and `PRAGMA foreign_key_check` find nothing.
fn digest(path: &Path) -> String {
    use sha2::Digest;
    let conn = Connection::open(path).expect("open database");
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(integrity, ["ok"], "integrity_check of {path:?}");
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0, "foreign_key_check of {path:?}");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.iter().any(|t| t == "claim"), "{tables:?}");
    let mut hash = sha2::Sha256::new();
    for table in &tables {
        // The schema history records when each migration ran by the real clock.
        let columns = if table == "refinery_schema_history" {
            "version, name, checksum"
        } else {
            "*"
        };
        let mut stmt = conn
            .prepare(&format!("SELECT {columns} FROM \"{table}\""))
            .unwrap();
        let width = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells = (0..width)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(cells.join("\u{1f}"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        hash.update(format!("{table}:{}\n", rows.len()));
        for row in rows {
            hash.update(row);
            hash.update("\n");
        }
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A directory with `old.db` (a generated corpus imported) and `data/` (the same files and claim
/// ids with other values, times and citations), and the digests of the old and the new state.
struct Corpus {
    dir: PathBuf,
    old: String,
    new: String,
    /// Seconds a whole import of `new/` over `old.db` took.
    import_secs: f64,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(make_corpus)
}

/// Made once for the tests that share it, in Cargo's scratch folder for integration tests (each
/// test writes its own database files beside it).
fn make_corpus() -> Corpus {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("crash-corpus");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.as_path();
    let generate = |seed: &str| {
        run_ok(
            dir,
            FIRST,
            &[
                "generate", "--claims", CLAIMS, "--seed", seed, "--format", "toml", "--out", "data",
            ],
        );
    };
    generate("1");
    run_ok(dir, FIRST, &["--db", "old.db", "import"]);
    let old = digest(&dir.join("old.db"));
    // The new files replace the old ones in place: the same paths, the same claim ids.
    std::fs::remove_dir_all(dir.join("data")).unwrap();
    generate("2");
    copy_db(&dir.join("old.db"), &dir.join("reference.db"));
    let started = Instant::now();
    run_ok(dir, SECOND, &["--db", "reference.db", "import"]);
    let import_secs = started.elapsed().as_secs_f64();
    let new = digest(&dir.join("reference.db"));
    assert_ne!(old, new, "the second corpus must change the database");
    Corpus {
        dir: dir.to_path_buf(),
        old,
        new,
        import_secs,
    }
}

/// Waits for `child` up to `wait`, then kills it with SIGKILL. True when it was still running.
fn kill_after(child: &mut Child, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    loop {
        if child.try_wait().expect("poll child").is_some() {
            return false;
        }
        if Instant::now() >= deadline {
            child.kill().expect("SIGKILL");
            child.wait().expect("reap");
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_old_or_the_new_state() {
    let started = Instant::now();
    let corpus = corpus();
    let dir = corpus.dir.as_path();
    // Kill moments as fractions of a whole import: two imports are let finish first (they
    // measure how long an import takes with two at once under the machine's present load), then
    // kills spread from the start of the process to near its end. Every import that finishes
    // updates the estimate.
    let fractions: Vec<f64> = [100.0, 100.0]
        .into_iter()
        .chain((0..KILLS - 2).map(|k| 0.95 * (k as f64 + 0.5) / (KILLS - 2) as f64))
        .collect();
    let estimate = Mutex::new(corpus.import_secs);
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    if k >= KILLS {
                        break;
                    }
                    let db = dir.join(format!("killed-{k}.db"));
                    copy_db(&dir.join("old.db"), &db);
                    let whole = *estimate.lock().unwrap();
                    let wait = Duration::from_secs_f64(whole * fractions[k]);
                    let db_arg = db.to_str().unwrap();
                    let started = Instant::now();
                    let mut child = factline(dir, SECOND, &["--db", db_arg, "import"])
                        .spawn()
                        .expect("start import");
                    let killed = kill_after(&mut child, wait);
                    if !killed {
                        *estimate.lock().unwrap() = started.elapsed().as_secs_f64();
                    }
                    let state = digest(&db);
                    results.lock().unwrap().push((k, wait, killed, state));
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(with_suffix(&db, suffix));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);
    let mut old = 0;
    let mut new = 0;
    let mut killed_count = 0;
    for (k, wait, killed, state) in &results {
        killed_count += usize::from(*killed);
        if *state == corpus.old {
            old += 1;
        } else if *state == corpus.new {
            new += 1;
        } else {
            panic!("kill {k} after {wait:?} (killed: {killed}) left a third state");
        }
    }
    eprintln!(
        "{KILLS} kills over a {:.2} s import: {killed_count} while running; {old} left the old \
         state, {new} the new; {:.1} s in all",
        estimate.into_inner().unwrap(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(results.len(), KILLS);
    // Most kills must land inside the import, or the test shows nothing.
    assert!(
        killed_count >= KILLS / 2,
        "only {killed_count} kills landed"
    );
    assert!(old >= KILLS / 3, "only {old} kills left the old state");

    // After a kill, the next import finishes the job.
    let db = dir.join("again.db");
    copy_db(&dir.join("old.db"), &db);
    let mut child = factline(dir, SECOND, &["--db", "again.db", "import"])
        .spawn()
        .unwrap();
    kill_after(
        &mut child,
        Duration::from_secs_f64(corpus.import_secs / 2.0),
    );
    run_ok(dir, SECOND, &["--db", "again.db", "import"]);
    assert_eq!(digest(&db), corpus.new);
}

#[test]
fn a_first_import_killed_at_any_moment_leaves_no_database_or_the_whole_one() {
    let env = Env::empty();
    let dir = env.path();
    run_ok(
        dir,
        FIRST,
        &[
            "generate", "--claims", CLAIMS, "--seed", "1", "--format", "toml", "--out", "data",
        ],
    );
    let started = Instant::now();
    run_ok(dir, FIRST, &["--db", "reference.db", "import"]);
    let secs = started.elapsed().as_secs_f64();
    let whole = digest(&dir.join("reference.db"));
    // Most kills early in the run, so that they land inside it even when this machine runs
    // the import twice as fast as it ran the reference; the last one near its end.
    let moments = [0.05, 0.15, 0.3, 0.45, 0.6, 1.0];
    let kills = moments.len();
    let mut absent = 0;
    for (k, moment) in moments.iter().enumerate() {
        let wait = Duration::from_secs_f64(secs * moment);
        let mut child = factline(dir, FIRST, &["import"]).spawn().unwrap();
        kill_after(&mut child, wait);
        let db = dir.join("factline.db");
        if db.exists() {
            assert_eq!(digest(&db), whole, "kill {k} after {wait:?}");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(with_suffix(&db, suffix));
            }
        } else {
            absent += 1;
        }
    }
    // What a killed import left beside the path is cleared by the next one.
    run_ok(dir, FIRST, &["import"]);
    assert_eq!(digest(&dir.join("factline.db")), whole);
    assert!(absent >= kills / 2, "only {absent} kills landed inside");
}

/// The numbers a reader sees in one query: all claim rows, current claims, citations, the sum
/// of current amounts, entities, revisions.
const COUNTS: &str = "SELECT (SELECT count(*) FROM claim) || ',' || \
     (SELECT count(*) FROM claim WHERE retracted_at IS NULL) || ',' || \
     (SELECT count(*) FROM citation) || ',' || \
     (SELECT total(amount) FROM claim WHERE retracted_at IS NULL) || ',' || \
     (SELECT count(*) FROM entity) || ',' || (SELECT count(*) FROM revision) AS counts";

fn counts(dir: &Path, db: &str) -> String {
    let out = factline(dir, SECOND, &["--db", db, "sql", COUNTS, "--format", "csv"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().nth(1).expect("a row").to_string()
}

#[test]
fn a_reader_during_an_import_sees_the_old_or_the_new_state_whole() {
    let corpus = corpus();
    let dir = corpus.dir.as_path();
    let old = counts(dir, "old.db");
    let new = counts(dir, "reference.db");
    assert_ne!(old, new);
    copy_db(&dir.join("old.db"), &dir.join("read.db"));
    let mut child = factline(dir, SECOND, &["--db", "read.db", "import"])
        .spawn()
        .unwrap();
    let mut during = 0;
    let mut seen = Vec::new();
    while child.try_wait().unwrap().is_none() {
        let now = counts(dir, "read.db");
        assert!(
            now == old || now == new,
            "a reader saw {now}: neither {old} nor {new}"
        );
        during += 1;
        seen.push(now);
    }
    assert!(child.wait().unwrap().success());
    assert_eq!(counts(dir, "read.db"), new);
    assert!(during >= 2, "only {during} reads during the import");
    assert!(
        seen.contains(&old),
        "no read saw the state before the commit"
    );
}

#[test]
fn a_second_writer_waits_then_says_another_import_is_writing() {
    let env = Env::new();
    env.ok(&["import"]);
    let db = env.path().join("factline.db");
    let before = std::fs::read(&db).unwrap();
    // Another program holds the write lock for longer than a writer waits.
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let run = env.run(&["import"]);
    let waited = started.elapsed();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let shown = std::fs::canonicalize(&db).unwrap();
    assert_eq!(
        run.stderr,
        format!(
            "error: {} is being written by another factline import (or another program); \
             waited 5 s for it to finish and it has not; nothing was written: run this again \
             when it has finished\n",
            shown.display()
        )
    );
    assert!(waited >= Duration::from_secs(4), "gave up after {waited:?}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // A lock released while the writer waits: it goes on and succeeds.
    let holder = Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["import", "--bundled", "--db", "factline.db"])
        .current_dir(env.path())
        .env_remove("FACTLINE_DB")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    digest(&db);
}

#[test]
fn two_imports_at_once_end_in_one_whole_state() {
    let corpus = corpus();
    let dir = corpus.dir.as_path();
    copy_db(&dir.join("old.db"), &dir.join("both.db"));
    let first = factline(dir, SECOND, &["--db", "both.db", "import"])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let second = factline(dir, SECOND, &["--db", "both.db", "import"])
        .spawn()
        .unwrap();
    let a = first.wait_with_output().unwrap();
    let b = second.wait_with_output().unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    // The second either waited and found nothing left to change, or gave up saying why.
    let said = String::from_utf8_lossy(&b.stderr);
    match b.status.code() {
        Some(0) => assert!(said.contains("nothing to change"), "{said}"),
        Some(2) => assert!(
            said.contains("is being written by another factline import"),
            "{said}"
        ),
        other => panic!("second import exited {other:?}: {said}"),
    }
    assert_eq!(digest(&dir.join("both.db")), corpus.new);
}

#[test]
fn first_imports_at_once_into_a_new_path_build_one_database() {
    let corpus = corpus();
    let dir = corpus.dir.as_path();
    run_ok(dir, FIRST, &["--db", "fresh-reference.db", "import"]);
    let whole = digest(&dir.join("fresh-reference.db"));
    let children: Vec<Child> = (0..3)
        .map(|_| {
            factline(dir, FIRST, &["--db", "fresh.db", "import"])
                .spawn()
                .unwrap()
        })
        .collect();
    let mut built = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) if said.contains("nothing to change") => {}
            Some(0) => built += 1,
            Some(2) => assert!(
                said.contains("is being written by another factline import"),
                "{said}"
            ),
            other => panic!("an import exited {other:?}: {said}"),
        }
    }
    assert_eq!(built, 1, "exactly one import builds the database");
    assert_eq!(digest(&dir.join("fresh.db")), whole);
    assert!(
        !with_suffix(&dir.join("fresh.db"), ".importing").exists(),
        "the temporary file is left behind"
    );
}
