//! Reads that lose nothing and change nothing: closed pipes, read commands that never write,
//! a `--db` that names no file, and the first hour of a new user (issue 28, items 11 to 18).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::Env;

/// Runs factline in `env` with stdout to a pipe whose reader reads `lines` lines (none: the
/// reader is closed before the command writes anything) and then closes it. Returns the exit
/// code and stderr.
fn with_early_reader(env: &Env, args: &[&str], lines: usize) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(env.path())
        .env("COLUMNS", "100")
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .env_remove("FACTLINE_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run factline");
    let stdout = child.stdout.take().expect("stdout");
    let mut reader = BufReader::new(stdout);
    for _ in 0..lines {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read a line");
        assert!(
            !line.is_empty(),
            "factline {args:?} wrote fewer lines than {lines}"
        );
    }
    drop(reader);
    let output = child.wait_with_output().expect("wait for factline");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

// Item 14: a reader that leaves early is not an error, and the exit code stays the one the
// command would have had.

#[test]
fn a_closed_pipe_ends_a_stream_quietly() {
    let env = Env::empty();
    // The bundled timeline as CSV (about 300 KB) and every claim row (about 600 KB) are more
    // than a pipe holds: the command is still writing when the reader leaves.
    for args in [
        &["timeline", "--format", "csv"][..],
        &["sql", "select * from claim", "--format", "csv"][..],
        &["timeline", "--format", "jsonl"][..],
        &["timeline"][..],
    ] {
        let (code, stderr) = with_early_reader(&env, args, 1);
        assert_eq!(code, 0, "factline {args:?}: {stderr}");
        assert!(!stderr.contains("error"), "factline {args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe"),
            "factline {args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_keeps_the_exit_code_of_a_gate() {
    let env = Env::empty();
    // The bundled dataset has open conflicts: exit code 1, whether or not anyone reads.
    assert_eq!(env.run(&["conflicts"]).code, 1);
    for args in [
        &["conflicts"][..],
        &["conflicts", "--all", "--format", "json"][..],
        &["conflicts", "--format", "markdown"][..],
    ] {
        let (code, stderr) = with_early_reader(&env, args, 0);
        assert_eq!(code, 1, "factline {args:?} with its reader gone: {stderr}");
        assert!(!stderr.contains("error"), "factline {args:?}: {stderr}");
    }
}

// Item 17: a database the user named must exist; only the default path falls back to the
// bundled dataset, and says so.

#[test]
fn a_named_database_that_does_not_exist_is_an_error() {
    let env = Env::empty();
    for args in [
        &["--db", "typo.db", "timeline"][..],
        &["timeline", "--db", "typo.db", "--format", "csv"][..],
        &["--db", "typo.db", "conflicts"][..],
        &["--db", "typo.db", "sql", "select 1"][..],
        &["--db", "typo.db", "show", "kazakhstan"][..],
        &["--db", "typo.db", "search", "Kant"][..],
        &["--db", "typo.db", "export", "--format", "json"][..],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "factline {args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "factline {args:?}");
        assert_eq!(
            run.stderr,
            "error: no database at typo.db (named by --db); check the path, or run `factline \
             import --db typo.db` to create it there\n",
            "factline {args:?}"
        );
    }
    assert!(!env.path().join("typo.db").exists());

    // The same path from the environment.
    let output = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["timeline"])
        .current_dir(env.path())
        .env("FACTLINE_DB", "elsewhere.db")
        .output()
        .expect("run factline");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: no database at elsewhere.db (named by FACTLINE_DB); check the path, or run \
         `factline import --db elsewhere.db` to create it there\n"
    );
    assert!(output.stdout.is_empty());

    // The default path still falls back, and says that it was the default.
    let run = env.ok(&["timeline", "--format", "csv"]);
    assert!(
        run.stderr.starts_with(
            "factline: no database at factline.db (the default path); using the bundled dataset"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("kant-air-base-lease"));

    // A named path that exists is read as before.
    let env = Env::new();
    env.ok(&["import", "--db", "mine.db"]);
    let run = env.ok(&["--db", "mine.db", "timeline", "--format", "csv"]);
    assert_eq!(run.stderr, "");
}

// Item 13: reads that never write. `review list`, bare `review` and the dry runs open the
// database read-only: no schema in an empty file, no switch to WAL, no migration.

/// The review commands that only read.
const REVIEW_READS: [&[&str]; 4] = [
    &["review"],
    &["review", "list", "--status", "all"],
    &["review", "accept", "x0123456789ab", "--dry-run"],
    &[
        "review",
        "reject",
        "x0123456789ab",
        "--reason",
        "not a fact",
        "--dry-run",
    ],
];

#[test]
fn review_reads_leave_an_empty_file_empty() {
    let env = Env::empty();
    env.write("empty.db", "");
    for args in REVIEW_READS {
        let run = env.run(&[&["--db", "empty.db"][..], args].concat());
        assert_eq!(run.code, 2, "factline {args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("empty.db is empty (0 bytes)")
                && run.stderr.contains("`factline import`"),
            "factline {args:?}: {}",
            run.stderr
        );
        assert_eq!(
            env.bytes("empty.db"),
            b"",
            "factline {args:?} wrote to the file"
        );
        assert!(!env.path().join("empty.db-wal").exists());
    }
}

#[test]
fn review_reads_keep_a_rollback_journal_database_as_it_is() {
    let env = Env::new();
    env.ok(&["import"]);
    {
        let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }
    let before = env.bytes("factline.db");
    // Bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL.
    assert_eq!(&before[18..20], &[1, 1]);
    for args in REVIEW_READS {
        let run = env.run(args);
        // The queue is empty: the listing succeeds, a dry run names the unknown candidate.
        assert!(
            run.code == 0 || run.code == 2,
            "factline {args:?}: {}",
            run.stderr
        );
        assert!(
            run.code == 0 || run.stderr.contains("no candidate x0123456789ab"),
            "factline {args:?}: {}",
            run.stderr
        );
        assert!(
            env.bytes("factline.db") == before,
            "factline {args:?} changed the database"
        );
        assert!(
            !env.path().join("factline.db-wal").exists(),
            "factline {args:?}"
        );
    }
}

#[test]
fn review_reads_do_not_migrate_an_old_database() {
    let env = Env::empty();
    std::fs::copy(
        crate::fixtures().join("upgrade/schema-v9.db"),
        env.path().join("old.db"),
    )
    .unwrap();
    let before = env.bytes("old.db");
    for args in REVIEW_READS {
        let run = env.run(&[&["--db", "old.db"][..], args].concat());
        assert_eq!(run.code, 2, "factline {args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("old.db needs upgrading to this factline's schema")
                && run.stderr.contains("run `factline import` on it once"),
            "factline {args:?}: {}",
            run.stderr
        );
        // The fixture is in WAL mode: SQLite may leave an empty -wal and a -shm beside it
        // (as every reader does), but the database itself is unchanged.
        assert!(
            env.bytes("old.db") == before,
            "factline {args:?} changed old.db"
        );
    }
}

/// True when this process can create files in `dir` although its permissions say it cannot
/// (the tests run as root): then a read-only folder proves nothing.
fn permissions_do_not_bite(dir: &std::path::Path) -> bool {
    let probe = dir.join(".probe");
    let wrote = std::fs::write(&probe, "").is_ok();
    let _ = std::fs::remove_file(&probe);
    wrote
}

#[test]
fn a_database_in_a_read_only_folder_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    std::fs::create_dir(env.path().join("shelf")).unwrap();
    env.ok(&["import", "--db", "shelf/factline.db"]);
    let shelf = env.path().join("shelf");
    // The import left a WAL database closed cleanly: no -wal or -shm beside it.
    assert!(!shelf.join("factline.db-wal").exists());
    let before = env.bytes("shelf/factline.db");
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o555)).unwrap();
    // As root the folder can still be written, so the runs below read it as any folder; the
    // read-only case itself is then not exercised (the runs must still succeed).
    let read_only = !permissions_do_not_bite(&shelf);
    if !read_only {
        eprintln!("running as root: the read-only folder cannot be made to refuse writes");
    }
    let runs = [
        env.run(&["--db", "shelf/factline.db", "timeline", "--format", "csv"]),
        env.run(&["--db", "shelf/factline.db", "show", "kz-population-2011"]),
        env.run(&["--db", "shelf/factline.db", "review", "list"]),
    ];
    std::fs::set_permissions(&shelf, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(runs[0].code, 0, "{}", runs[0].stderr);
    assert!(runs[0].stdout.contains("kz-population-2011"));
    assert_eq!(runs[1].code, 0, "{}", runs[1].stderr);
    assert_eq!(runs[2].code, 0, "{}", runs[2].stderr);
    assert!(env.bytes("shelf/factline.db") == before);
    if read_only {
        assert!(!shelf.join("factline.db-shm").exists());
    }
}
