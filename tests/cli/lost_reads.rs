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
