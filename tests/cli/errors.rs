//! Bad input and odd environments: clear messages, exit code 2, nothing panics.

use similar_asserts::assert_eq;

use crate::Env;

#[test]
fn bad_edtf_and_wrong_value_types_are_explained() {
    let env = Env::new();
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims
            .replace("when = \"1994\"", "when = \"1994-02-30\"")
            .replace("object = \"kant-air-base\"", "text = \"Kant\""),
    );
    let run = env.run(&["import", "--dry-run"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: data/claims/sample.toml:6: claim `treaty-signed`, field `when`: `1994-02-30` is \
         not a valid EDTF date (day is out of range for the month at character 8); valid forms are \
         1994, 2008-07, 2010-12-08, 2009/2011, ../2032, 2006/.., 195X, 2013~, 2011?, 2011%\n\
         data/claims/sample.toml:18: claim `kant-lease`, field `text`: predicate `leases` takes \
         entity values; give object = \"<entity id>\"\n\
         2 problems in the data files; nothing was written\n"
    );
}

#[test]
fn duplicate_ids_and_missing_quotes() {
    let env = Env::new();
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/more.toml",
        &claims[..claims.find("[[claim]]\nid = \"kant-lease\"").unwrap()],
    );
    env.write(
        "data/claims/sample.toml",
        &claims.replace("quote = \"has leased Kant airbase until 2032\"\n", ""),
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: data/claims/sample.toml:2: claim `treaty-signed`: duplicate id: already defined \
         at data/claims/more.toml:2; ids must be unique\n\
         data/claims/sample.toml:21: claim `kant-lease`, citation 1, field `quote`: a citation \
         needs a quote: the shortest verbatim phrase from the source that carries the fact\n\
         2 problems in the data files; nothing was written\n"
    );
}

#[test]
fn a_database_of_another_program_is_not_touched() {
    let env = Env::new();
    let conn = rusqlite::Connection::open(env.path().join("other.db")).unwrap();
    conn.execute("CREATE TABLE notes (x)", []).unwrap();
    drop(conn);
    let before = env.bytes("other.db");
    let run = env.run(&["timeline", "--db", "other.db"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: other.db is an SQLite database but not a factline one; give another path with \
         --db\n"
    );
    assert!(env.bytes("other.db") == before);
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    let env = Env::empty();
    let run = env.run(&["timeline", "--format", "yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'yaml'"),
        "{}",
        run.stderr
    );
    let help = env.ok(&["timeline", "--help"]);
    assert!(
        help.stdout.contains("earliest possible start first"),
        "{}",
        help.stdout
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let env = Env::new();
    env.ok(&["import"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["timeline", "--format", "json"])
        .current_dir(env.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn odd_command_lines_get_plain_answers() {
    let env = Env::new();
    let run = env.run(&["sql", "  "]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: give a query, e.g. factline sql \"SELECT id, valid_time FROM current_claim\"\n"
    );
    let run = env.run(&["check", "missing-dir"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: missing-dir: no such file or directory; give a data directory (such as data/) or \
         .toml files\n1 problem in the data files; nothing was written\n"
    );
    env.ok(&["import"]);
    let run = env.run(&["timeline", "--entity", ""]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: no entity is called ``\n");
}

#[test]
fn out_writes_the_same_bytes_as_stdout_for_every_data_command() {
    let env = Env::new();
    env.ok(&["import"]);
    for args in [
        &["timeline", "--format", "csv"][..],
        &["show", "kazakhstan", "--format", "json"],
        &[
            "sql",
            "SELECT id FROM current_claim ORDER BY id",
            "--format",
            "jsonl",
        ],
        &["search", "Kant"],
        &["check"],
        &["export", "--format", "json"],
    ] {
        let stdout = env.ok(args).stdout;
        let mut to_file = args.to_vec();
        to_file.extend(["--out", "written.out"]);
        let run = env.ok(&to_file);
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(env.read("written.out"), stdout, "{args:?}");
    }
}

#[test]
fn a_format_a_command_does_not_write_is_refused_with_the_ones_it_does() {
    let env = Env::empty();
    let run = env.run(&["show", "kazakhstan", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'csv'") && run.stderr.contains("text, json"),
        "{}",
        run.stderr
    );
}
