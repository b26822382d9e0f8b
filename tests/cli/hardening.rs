//! Issue 11: hostile text refused at import and made harmless in every output, reads that never
//! write, a sealed `sql`, special files, and the smaller defects found by trying to break it.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::Env;

/// A database imported from the test dataset, with `sql` run on it directly (as another
/// program could have written it).
fn imported_then(sql: &str) -> Env {
    let env = Env::new();
    env.ok(&["import"]);
    let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    env
}

#[test]
fn control_characters_are_refused_at_import_with_file_line_and_field() {
    let env = Env::new();
    let claims = env.read("data/claims/sample.toml").replace(
        "note = \"Year inferred from the publication date.\"",
        "note = \"Year \\u001b]0;owned\\u0007 inferred.\"",
    );
    env.write("data/claims/sample.toml", &claims);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "data/claims/sample.toml:33: claim `kz-population-2011`, field `note`: holds the \
             control character U+001B at character 6"
        ),
        "{}",
        run.stderr
    );
    assert!(!env.path().join("factline.db").exists());

    // JSON Lines claims too.
    let env = Env::new();
    env.write(
        "data/claims/more.jsonl",
        "{\"id\":\"x-1\",\"subject\":\"russia\",\"predicate\":\"leases\",\"object\":\"kant-air-base\",\
         \"when\":\"2001\",\"citation\":[{\"source\":\"excerpt-2013\",\"quote\":\"has\\u0000 leased\",\
         \"locator\":\"line 16\",\"credibility\":2}]}\n",
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "data/claims/more.jsonl:1: claim `x-1`, field `citation[0].quote`: holds the control \
             character U+0000"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn outputs_show_control_characters_instead_of_sending_them() {
    let env = imported_then(
        "UPDATE claim SET note = 'bell' || char(7) || ' esc' || char(27) || '[2J'
           WHERE id = 'kz-population-2011';
         UPDATE entity SET name = 'Kaz' || char(27) || ']0;t' || char(7) WHERE id = 'kazakhstan';",
    );
    for args in [
        vec!["timeline"],
        vec!["timeline", "--format", "markdown"],
        vec!["timeline", "--format", "svg"],
        vec!["timeline", "--format", "html"],
        vec!["show", "kz-population-2011"],
        vec!["show", "kazakhstan"],
        vec!["sql", "SELECT note FROM claim WHERE note LIKE 'bell%'"],
    ] {
        let run = env.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
            "{args:?} wrote a raw control character:\n{}",
            run.stdout
        );
    }
    let run = env.ok(&["show", "kz-population-2011"]);
    assert!(
        run.stdout.contains("bell\\u{7} esc\\u{1b}[2J"),
        "{}",
        run.stdout
    );
    let svg = env.ok(&["timeline", "--format", "svg"]).stdout;
    assert!(svg.contains("\\u{1b}"), "{svg}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised_unless_raw() {
    let env = imported_then(
        "UPDATE claim SET note = '=HYPERLINK(\"http://x\",\"y\")' WHERE id = 'kz-population-2011';",
    );
    let csv = env.ok(&["timeline", "--format", "csv"]).stdout;
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    let raw = env.ok(&["timeline", "--format", "csv", "--csv-raw"]).stdout;
    assert!(raw.contains(",\"=HYPERLINK("), "{raw}");
    let run = env.ok(&[
        "sql",
        "SELECT '=1+1' AS a, '+A1' AS b, '@SUM(A1)' AS c, '-2+3' AS d, -5 AS e, '-1.5' AS f, \
         char(9) || 'x' AS g, 'plain' AS h",
        "--format",
        "csv",
    ]);
    assert_eq!(
        run.stdout,
        "\u{FEFF}a,b,c,d,e,f,g,h\n'=1+1,'+A1,'@SUM(A1),'-2+3,-5,-1.5,'\tx,plain\n"
    );
    let run = env.ok(&["sql", "SELECT '=1+1' AS a", "--format", "csv", "--csv-raw"]);
    assert_eq!(run.stdout, "\u{FEFF}a\n=1+1\n");
}

#[test]
fn timelinejs_groups_are_escaped_as_html() {
    let env = imported_then(
        "UPDATE entity SET name = '<img src=x onerror=alert(1)>' WHERE id = 'kazakhstan';",
    );
    let run = env.ok(&[
        "timeline",
        "--format",
        "timelinejs",
        "--group-by",
        "subject",
    ]);
    assert!(!run.stdout.contains("<img"), "{}", run.stdout);
    assert!(run.stdout.contains("&lt;img"), "{}", run.stdout);
}

fn sha(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

#[test]
fn reads_never_write_to_the_database_file() {
    // A 0-byte file stays 0 bytes and is refused.
    let env = Env::new();
    env.write("empty.db", "");
    let run = env.run(&["--db", "empty.db", "timeline"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: empty.db is empty (0 bytes), not a factline database; run `factline import` to \
         create one there, or give another path with --db\n"
    );
    assert!(env.bytes("empty.db").is_empty());

    // A database in rollback-journal mode is read as it is, byte for byte.
    let env = imported_then("PRAGMA journal_mode = DELETE;");
    let before = sha(&env.bytes("factline.db"));
    for args in [
        vec!["timeline"],
        vec!["sql", "SELECT count(*) FROM claim"],
        vec!["conflicts"],
        vec!["show", "kazakhstan"],
        vec!["search", "treaty"],
        vec!["export", "--format", "json"],
    ] {
        let run = env.run(&args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        assert_eq!(
            sha(&env.bytes("factline.db")),
            before,
            "{args:?} changed the file"
        );
    }
    assert!(!env.path().join("factline.db-wal").exists());
}

#[test]
fn a_read_only_database_in_a_read_only_folder_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = imported_then("PRAGMA journal_mode = DELETE;");
    let dir = env.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    std::fs::rename(env.path().join("factline.db"), dir.join("f.db")).unwrap();
    std::fs::set_permissions(dir.join("f.db"), std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = env.run(&["--db", "ro/f.db", "timeline", "--format", "jsonl"]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 5);
}

#[test]
fn an_old_or_newer_schema_is_said_and_not_changed() {
    // A database one version old: the newest migration's table (V20: claims ready to judge)
    // gone, with its history row.
    let env = imported_then(
        "DROP TABLE claim_fact;
         DELETE FROM refinery_schema_history
         WHERE version = (SELECT max(version) FROM refinery_schema_history);",
    );
    let before = sha(&env.bytes("factline.db"));
    let run = env.run(&["timeline"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: factline.db needs upgrading")
            && run.stderr.contains("run `factline import` on it once"),
        "{}",
        run.stderr
    );
    assert_eq!(sha(&env.bytes("factline.db")), before);

    let env = imported_then(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
         VALUES (99, 'from_the_future', '2030-01-01', '0');",
    );
    let run = env.run(&["timeline"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: factline.db was made by a newer factline (it has schema version 99"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_database_paths_are_named_in_the_message() {
    let env = Env::new();
    std::fs::create_dir(env.path().join("folder")).unwrap();
    let run = env.run(&["--db", "folder", "timeline"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: folder is a folder, not a database file; give the database file with --db\n"
    );
    env.write("notes.db", &"not a database at all\n".repeat(100));
    let run = env.run(&["--db", "notes.db", "timeline"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: notes.db is not an SQLite database"),
        "{}",
        run.stderr
    );
    let run = env.run(&["--db", "notes.db", "import"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("notes.db"), "{}", run.stderr);
}

#[test]
fn sql_cannot_attach_or_create_files() {
    let env = Env::new();
    env.ok(&["import"]);
    for query in [
        "ATTACH DATABASE 'made.db' AS x",
        "ATTACH DATABASE 'file:made.db?mode=rwc' AS x",
        "PRAGMA journal_mode = DELETE",
    ] {
        let run = env.run(&["sql", query]);
        assert_eq!(run.code, 2, "{query}");
        assert!(
            run.stderr.contains("only read-only queries"),
            "{query}: {}",
            run.stderr
        );
    }
    assert!(!env.path().join("made.db").exists());
}

#[test]
fn sql_streams_json_as_the_whole_array_would_be() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&[
        "sql",
        "SELECT 1 AS n, 'a\nb' AS t UNION ALL SELECT 2, NULL",
        "--format",
        "json",
    ]);
    assert_eq!(
        run.stdout,
        "[\n  {\n    \"n\": 1,\n    \"t\": \"a\\nb\"\n  },\n  {\n    \"n\": 2,\n    \"t\": null\n  }\n]\n"
    );
    let run = env.ok(&["sql", "SELECT 1 AS n WHERE 0", "--format", "json"]);
    assert_eq!(run.stdout, "[]\n");
}

/// Runs factline with its stdout closed before it writes: what a reader such as `head` that
/// has stopped reading does.
fn closed_pipe(env: &Env, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(env.path())
        .env_remove("FACTLINE_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), stderr)
}

#[test]
fn a_closed_pipe_ends_every_format_quietly() {
    let env = Env::new();
    env.ok(&["import"]);
    for args in [
        vec!["timeline", "--format", "json"],
        vec!["timeline", "--format", "jsonl"],
        vec!["timeline", "--format", "timelinejs"],
        vec!["timeline", "--format", "csv"],
        vec!["export", "--format", "json"],
        vec!["sql", "SELECT * FROM claim", "--format", "json"],
    ] {
        let (code, stderr) = closed_pipe(&env, &args);
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn special_files_in_a_data_folder_are_refused_once() {
    let env = Env::new();
    let fifo = env.path().join("data/claims/pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let run = env.run(&["import", "--dry-run"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("data/claims/pipe.toml: is not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&fifo).unwrap();

    std::os::unix::fs::symlink("/dev/zero", env.path().join("data/zero.toml")).unwrap();
    let run = env.run(&["import", "--dry-run"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("data/zero.toml: is not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(env.path().join("data/zero.toml")).unwrap();

    std::os::unix::fs::symlink("..", env.path().join("data/claims/loop")).unwrap();
    let run = env.run(&["import", "--dry-run"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.matches("leads back to").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("duplicate"), "{}", run.stderr);
}

#[test]
fn the_html_filter_hides_entries_it_does_not_match() {
    let env = Env::new();
    let page = env.ok(&["timeline", "--format", "html"]).stdout;
    // `li.entry` sets `display: grid`; the rule that hides must be at least as specific.
    assert!(page.contains("li.entry.hidden"), "{page}");
}
