//! Issue 28, items 8–12 and 15: one text gate for every way text enters (table cells,
//! arguments, typed lines), no raw control characters in messages or CSV, markdown that a value
//! cannot forge; bounded reads of every file argument and special files read once; numeric
//! options range-checked; strict CSV; table cells of bounded size; plain messages.
//!
//! No test touches a real device file: FIFOs, symlinks and sparse files in a temporary folder
//! stand in for them.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{Env, Run};

/// Runs factline in `env` with extra environment variables and, if given, standard input.
fn run_with(env: &Env, vars: &[(&str, &str)], stdin: Option<Vec<u8>>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factline"));
    cmd.args(args)
        .current_dir(env.path())
        .env("COLUMNS", "100")
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .env_remove("FACTLINE_DB")
        .env_remove("FACTLINE_MAX_FILE_MB")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run factline");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin");
        // The command may stop reading early: a closed pipe is expected then.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().expect("wait");
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A FIFO at `path`, made with mkfifo(1).
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

/// Writes `bytes` into the FIFO at `path` on a thread (opening it blocks until read).
fn feed(path: &Path, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) {
            let _ = f.write_all(&bytes);
        }
    })
}

fn no_raw_controls(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "raw control characters in:\n{text:?}"
    );
}

/// The fixture data, a dataset source, and a mapping of a population table.
fn table_env() -> Env {
    let env = Env::new();
    env.write(
        "data/tables.toml",
        r#"
[[source]]
id = "test-dataset"
title = "A test table"
kind = "dataset"
reliability = "A"
"#,
    );
    env.ok(&["import"]);
    env.write("pop.toml", MAPPING);
    env
}

const MAPPING: &str = r#"id = "pop"

[columns]
country = "country"
year = "year"
value = "value"
name = "name"

[[claim]]
id = "pop-{country}-{year}"
subject = "{country}"
predicate = "population"
quantity = "{value}"
when = "{year}"

[citation]
source = "test-dataset"
credibility = 2
locator = "{country} {year}"
quote = "{name}: {value}"
"#;

fn import_table(env: &Env, table: &str) -> Run {
    env.run(&["import-table", table, "--mapping", "pop.toml"])
}

#[test]
fn a_plain_table_imports() {
    let env = table_env();
    env.write(
        "t.csv",
        "country,year,value,name\nkazakhstan,2013,17035551,Kazakhstan\n",
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

// Item 8: control characters and bidirectional overrides in table cells.
#[test]
fn control_characters_in_a_cell_are_refused_with_file_line_row_and_column() {
    for (cell, code) in [
        ("Kazakh\u{1b}[31mstan", "U+001B"),
        ("Kazakh\u{7}stan", "U+0007"),
        ("Kazakh\u{85}stan", "U+0085"),
        ("Kazakh\rstan", "U+000D"),
        ("Kazakh\u{0}stan", "U+0000"),
        ("Kazakh\u{202e}natskazaK", "U+202E"),
        ("Kazakh\u{2066}stan", "U+2066"),
    ] {
        let env = table_env();
        let before = env.bytes("factline.db");
        env.write(
            "t.csv",
            &format!(
                "country,year,value,name\nkazakhstan,2012,16000000,ok\nkazakhstan,2013,17035551,\"{cell}\"\n"
            ),
        );
        let run = import_table(&env, "t.csv");
        assert_eq!(run.code, 2, "{cell:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "t.csv:3: row 2, column `name`: holds the {} {code} at character 7",
                if code.starts_with("U+20") {
                    "bidirectional control"
                } else {
                    "control character"
                }
            )),
            "{cell:?}: {}",
            run.stderr
        );
        no_raw_controls(&run.stderr);
        assert_eq!(
            env.bytes("factline.db"),
            before,
            "the database is unchanged"
        );
    }
}

#[test]
fn an_overlong_id_from_a_table_is_refused_as_import_does() {
    let env = table_env();
    env.write(
        "t.csv",
        &format!(
            "country,year,value,name\nkazakhstan,2013{},17035551,x\n",
            "1".repeat(318)
        ),
    );
    env.write(
        "pop.toml",
        &MAPPING.replace("when = \"{year}\"", "when = \"2013\""),
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("characters long; an id has at most 200 characters"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 1000,
        "the id is not echoed whole: {}",
        run.stderr
    );
}

#[test]
fn bidi_overrides_in_a_data_file_are_refused() {
    let env = Env::new();
    let claims = env.read("data/claims/sample.toml").replace(
        "note = \"Year inferred from the publication date.\"",
        "note = \"Year \u{202e}inferred.\"",
    );
    env.write("data/claims/sample.toml", &claims);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "field `note`: holds the bidirectional control U+202E at character 6; text may hold \
             no bidirectional overrides or isolates"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn stored_arguments_pass_the_text_gate() {
    let env = Env::new();
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "resolve",
                "x",
                "--prefer",
                "a",
                "--reason",
                "why\u{1b}[2J",
                "--by",
                "me",
            ],
            "--reason holds the control character U+001B at character 4",
        ),
        (
            &[
                "resolve", "x", "--prefer", "a", "--reason", "why", "--by", "me\u{7}",
            ],
            "--by holds the control character U+0007 at character 3",
        ),
        (
            &[
                "resolve",
                "x",
                "--prefer",
                "a",
                "--reason",
                "why",
                "--by",
                "me",
                "--note",
                "a\u{202e}b",
            ],
            "--note holds the bidirectional control U+202E at character 2",
        ),
        (
            &["review", "reject", "x0", "--reason", "no\u{1}pe"],
            "--reason holds the control character U+0001 at character 3",
        ),
        (
            &[
                "review", "reject", "x0", "--reason", "nope", "--by", "\u{9b}me",
            ],
            "--by holds the control character U+009B at character 1",
        ),
    ];
    for (args, said) in cases {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        no_raw_controls(&run.stderr);
    }
    assert_eq!(env.bytes("factline.db"), before);
}

#[test]
fn error_messages_never_echo_raw_control_characters() {
    let env = Env::new();
    env.ok(&["import"]);
    for args in [
        &["show", "evil\u{1b}]0;owned\u{7}"][..],
        &["sql", "SELECT \"\u{1b}[31m\" FROM nowhere"][..],
        &["timeline", "--entity", "kazakh\u{1b}stan"][..],
    ] {
        let run = env.run(args);
        assert_ne!(run.code, 0, "{args:?}");
        no_raw_controls(&run.stderr);
    }
}

#[test]
fn csv_never_carries_raw_control_characters_and_markdown_cannot_be_forged() {
    let env = Env::new();
    env.ok(&["import"]);
    for raw in [false, true] {
        let mut args = vec![
            "sql",
            "SELECT 'a' || char(27) || '[31m' || char(7) || char(133) AS x",
            "--format",
            "csv",
        ];
        if raw {
            args.push("--csv-raw");
        }
        let run = env.ok(&args);
        assert_eq!(run.stdout, "\u{feff}x\na\\u{1b}[31m\\u{7}\\u{85}\n");
    }
    // A value with blank lines and a list marker stays inside its own row.
    let run = env.ok(&[
        "sql",
        "SELECT 'a' || char(10) || char(10) || '- forged' AS x",
        "--format",
        "markdown",
    ]);
    assert!(!run.stdout.contains("\n- forged"), "{}", run.stdout);
    // And in a timeline's list.
    let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
    conn.execute_batch(
        "UPDATE entity SET name = 'Kazakhstan' || char(10) || char(10) || '- forged item' \
         WHERE id = 'kazakhstan'",
    )
    .unwrap();
    drop(conn);
    let run = env.ok(&["timeline", "--entity", "kazakhstan", "--format", "markdown"]);
    assert!(
        !run.stdout.lines().any(|l| l.starts_with("- forged")),
        "{}",
        run.stdout
    );
}

// Item 9: special files and bounded reads.
#[test]
fn extract_reads_a_fifo_once_and_finds_what_the_file_gives() {
    let env = Env::new();
    let text = "On 14 June 2013 the population was 17 million.\nLast year it grew.\n";
    env.write("a.txt", text);
    let from_file = env.ok(&["extract", "a.txt", "--format", "jsonl"]);
    assert!(
        from_file.stdout.lines().count() >= 2,
        "{}",
        from_file.stdout
    );
    for jobs in ["1", "3"] {
        let fifo = env.path().join(format!("f{jobs}.txt"));
        mkfifo(&fifo);
        let writer = feed(&fifo, text.as_bytes().to_vec());
        let name = format!("f{jobs}.txt");
        let run = env.run(&["extract", &name, "--format", "jsonl", "--jobs", jobs]);
        writer.join().unwrap();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(
            run.stdout,
            from_file.stdout.replace("a.txt", &name),
            "the same candidates, ids and all"
        );
    }
    // A symlink to a FIFO, and a TimeML document through one.
    let fifo = env.path().join("g");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, env.path().join("link.txt")).unwrap();
    let writer = feed(&fifo, text.as_bytes().to_vec());
    let run = env.run(&["extract", "link.txt", "--format", "timeml"]);
    writer.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<TIMEX3"), "{}", run.stdout);
}

#[test]
fn files_larger_than_the_limit_are_refused_with_their_name() {
    let env = table_env();
    // A sparse file: large on paper, nothing on disk.
    let big = std::fs::File::create(env.path().join("big.toml")).unwrap();
    big.set_len(3 * 1024 * 1024).unwrap();
    drop(big);
    let small = [("FACTLINE_MAX_FILE_MB", "1")];
    let run = run_with(
        &env,
        &small,
        None,
        &["import-table", "t.csv", "--mapping", "big.toml"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("big.toml: is larger than 1 MB"),
        "{}",
        run.stderr
    );
    // A code list named by a mapping.
    env.write(
        "codes.toml",
        &MAPPING.replace("[columns]", "[codes]\nc = \"big.toml\"\n\n[columns]"),
    );
    let run = run_with(
        &env,
        &small,
        None,
        &["import-table", "t.csv", "--mapping", "codes.toml"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("big.toml is larger than 1 MB"),
        "{}",
        run.stderr
    );
    // A data file.
    std::fs::rename(
        env.path().join("big.toml"),
        env.path().join("data/big.toml"),
    )
    .unwrap();
    let run = run_with(&env, &small, None, &["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("larger than the 1 MB"),
        "{}",
        run.stderr
    );
    // A text to extract.
    let big = std::fs::File::create(env.path().join("big.tml")).unwrap();
    big.set_len(3 * 1024 * 1024).unwrap();
    drop(big);
    let run = run_with(&env, &small, None, &["extract", "big.tml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 1 MB"), "{}", run.stderr);
}

#[test]
fn an_endless_fifo_as_mapping_or_query_stops_at_the_limit() {
    let env = table_env();
    env.write("t.csv", "country,year,value,name\n");
    let small = [("FACTLINE_MAX_FILE_MB", "1")];
    let fifo = env.path().join("zero.toml");
    mkfifo(&fifo);
    let writer = feed(&fifo, vec![b'#'; 3 * 1024 * 1024]);
    let run = run_with(
        &env,
        &small,
        None,
        &["import-table", "t.csv", "--mapping", "zero.toml"],
    );
    writer.join().unwrap();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is larger than 1 MB"), "{}", run.stderr);

    let run = run_with(
        &env,
        &small,
        Some(vec![b' '; 3 * 1024 * 1024]),
        &["sql", "-"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the query on standard input is larger than 1 MB"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_table_from_a_fifo_is_read_once() {
    let env = table_env();
    let fifo = env.path().join("t.csv");
    mkfifo(&fifo);
    let writer = feed(
        &fifo,
        b"country,year,value,name\nkazakhstan,2013,17035551,Kazakhstan\n".to_vec(),
    );
    let run = import_table(&env, "t.csv");
    writer.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 row read"), "{}", run.stderr);
}

// Item 11 (import-table part): a huge cell is refused briefly.
#[test]
fn a_huge_cell_is_refused_without_being_echoed() {
    let env = table_env();
    let before = env.bytes("factline.db");
    let mut table = b"country,year,value,name\nkazakhstan,2013,".to_vec();
    table.extend(std::iter::repeat_n(b'9', 3 * 1024 * 1024));
    table.extend_from_slice(b",x\n");
    std::fs::write(env.path().join("t.csv"), &table).unwrap();
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "t.csv:2: a cell of the row is larger than 1 MB, the most a table cell may hold"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 1000, "{}", run.stderr.len());
    assert_eq!(env.bytes("factline.db"), before);

    // NUL bytes without a line break (what /dev/zero gives) stop at the same limit.
    let mut table = b"country,year,value,name\n".to_vec();
    table.extend(std::iter::repeat_n(0u8, 3 * 1024 * 1024));
    std::fs::write(env.path().join("t.csv"), &table).unwrap();
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 1 MB"), "{}", run.stderr);
    assert!(run.stderr.len() < 1000);
}

// Item 10: numeric arguments.
#[test]
fn numeric_options_are_range_checked() {
    let env = Env::new();
    env.ok(&["import"]);
    env.write("a.txt", "In 2013.\n");
    for (args, said) in [
        (
            &["sql", "--timeout", "18446744073709551615", "SELECT 1"][..],
            "18446744073709551615 is not in 0..=86400",
        ),
        (
            &["extract", "a.txt", "--jobs", "18446744073709551615"][..],
            "is not in 1..=256",
        ),
        (
            &["extract", "a.txt", "--jobs", "4294967296"][..],
            "is not in 1..=256",
        ),
        (
            &["extract", "a.txt", "--jobs", "1000000"][..],
            "is not in 1..=256",
        ),
        (
            &["extract", "a.txt", "--jobs", "0"][..],
            "is not in 1..=256",
        ),
        (&["search", "x", "--limit", "0"][..], "is not in 1..=100000"),
        (
            &["review", "list", "--min-score", "NaN"][..],
            "give a number from 0 to 1",
        ),
        (
            &["review", "accept", "--accept-above", "7"][..],
            "give a number from 0 to 1",
        ),
    ] {
        let started = std::time::Instant::now();
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(started.elapsed().as_secs() < 10, "{args:?}");
    }
    // 0 is no limit.
    let run = env.ok(&[
        "sql",
        "--timeout",
        "0",
        "SELECT 41 + 1 AS n",
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout, "\u{feff}n\n42\n");
    let run = env.ok(&["extract", "a.txt", "--jobs", "256", "--format", "jsonl"]);
    assert!(run.stdout.contains("2013"));
}

// Item 12: lenient CSV.
#[test]
fn an_unterminated_quote_is_an_error_naming_file_and_line() {
    let env = table_env();
    let before = env.bytes("factline.db");
    // At the end of the file.
    env.write(
        "t.csv",
        "country,year,value,name\nkazakhstan,2012,16000000,ok\nkazakhstan,2013,17035551,\"open\n",
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("t.csv:3: a quoted cell opened here is never closed"),
        "{}",
        run.stderr
    );
    // Mid-file: the quote would swallow the rows after it.
    env.write(
        "t.csv",
        "country,year,value,name\nkazakhstan,2011,15000000,\"open\nkazakhstan,2012,16000000,\"ok\"\nkazakhstan,2013,17035551,fine\n",
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("t.csv:3: text follows the closing quote of a cell opened on line 2"),
        "{}",
        run.stderr
    );
    assert_eq!(env.bytes("factline.db"), before);
    // Quotes that are right still read, line breaks inside them too.
    env.write(
        "t.csv",
        "country,year,value,name\nkazakhstan,2013,17035551,\"a \"\"quoted\"\"\nname\"\n",
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn duplicate_header_names_are_an_error_naming_both_columns() {
    let env = table_env();
    env.write(
        "t.csv",
        "country,year,value,year,name\nkazakhstan,2013,17035551,2014,x\n",
    );
    let run = import_table(&env, "t.csv");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "t.csv:1: header: columns 2 and 4 are both named `year`; give each column its own name"
        ),
        "{}",
        run.stderr
    );
}

// Item 15: plain messages.
#[test]
fn a_page_found_damaged_while_reading_is_said_with_the_file_and_what_to_do() {
    let env = Env::empty();
    env.ok(&["import", "--bundled"]);
    let path = env.path().join("factline.db");
    // The root page of the claim table, which every read of claims goes through (a fixed page
    // number lands in another table whenever the bundled data grows).
    let root: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'claim'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 4096 * 120, "{}", bytes.len());
    assert!(root > 1, "{root}");
    let at = 4096 * (root as usize - 1);
    bytes[at] = 0x0d;
    bytes[at + 1..at + 4001].fill(0xff);
    std::fs::write(&path, &bytes).unwrap();
    let run = env.run(&["sql", "SELECT * FROM claim_overview", "--format", "csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "factline.db is damaged: SQLite found a malformed page while reading it; restore it \
             from a copy, or import the data again into a new file"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_clock_behind_the_stored_times_is_said() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env
        .read("data/claims/sample.toml")
        .replace("Year inferred from the publication date.", "Changed.");
    env.write("data/claims/sample.toml", &claims);
    let before = env.bytes("factline.db");
    let run = env.run_at("2020-01-01T00:00:00Z", &["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "the clock reads 2020-01-01T00:00:00Z, earlier than when claims in factline.db were \
             recorded"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("FACTLINE_NOW"), "{}", run.stderr);
    assert_eq!(env.bytes("factline.db"), before);
}

#[test]
fn a_dry_run_on_an_older_database_names_the_upgrade() {
    let env = table_env();
    std::fs::copy(
        crate::fixtures().join("upgrade/schema-v9.db"),
        env.path().join("v9.db"),
    )
    .unwrap();
    let before = env.bytes("v9.db");
    let run = env.run(&["--db", "v9.db", "import", "--dry-run"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("v9.db needs upgrading")
            && run.stderr.contains("run `factline import` on it once"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Invalid column name"),
        "{}",
        run.stderr
    );
    env.write("t.csv", "country,year,value,name\nkazakhstan,2013,1,x\n");
    let run = env.run(&[
        "--db",
        "v9.db",
        "import-table",
        "t.csv",
        "--mapping",
        "pop.toml",
        "--dry-run",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("v9.db needs upgrading"),
        "{}",
        run.stderr
    );
    assert_eq!(env.bytes("v9.db"), before);
}

#[test]
fn mapping_shapes_and_duplicate_keys_are_said_in_the_files_terms() {
    let env = table_env();
    env.write("t.csv", "country,year,value,name\nkazakhstan,2013,1,x\n");
    env.write(
        "bad.toml",
        &MAPPING.replace("[columns]", "[filter]\ncountry = [1.5]\n\n[columns]"),
    );
    let run = env.run(&["import-table", "t.csv", "--mapping", "bad.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a code or filter value is a string or a whole number (\"KAZ\" or 365)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("untagged"), "{}", run.stderr);
    env.write(
        "bad.toml",
        &MAPPING.replace("year = \"year\"", "year = \"year\"\nyear = \"value\""),
    );
    let run = env.run(&["import-table", "t.csv", "--mapping", "bad.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bad.toml:6: the key `year` is given twice in the same table"),
        "{}",
        run.stderr
    );
    // In a data file too.
    env.write(
        "data/dup.toml",
        "[[entity]]\nid = \"a\"\nid = \"b\"\nname = \"x\"\nkind = \"country\"\n",
    );
    let run = env.run(&["import", "--dry-run"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data/dup.toml:3: the key `id` is given twice in the same table"),
        "{}",
        run.stderr
    );
}

#[test]
fn sql_says_what_is_wrong_with_the_query_and_its_parameters() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run(&["sql", "/* nothing */ -- at all"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: the query is empty: it holds only comments"),
        "{}",
        run.stderr
    );
    // :a, @a and $a are one parameter, all bound.
    let run = env.ok(&[
        "sql",
        "SELECT :a AS x, $a AS y, @a AS z",
        "-p",
        "a",
        "7",
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout, "\u{feff}x,y,z\n7,7,7\n");
    let run = env.run(&["sql", "SELECT :a", "-p", "a", "1", "-p", "a", "2"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("-p a is given twice; give each parameter once"),
        "{}",
        run.stderr
    );
    let run = run_with(
        &env,
        &[],
        Some(b"SELECT 1;\0 DROP TABLE claim".to_vec()),
        &["sql", "-"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the query holds a NUL character at byte 9"),
        "{}",
        run.stderr
    );
}

#[test]
fn show_says_a_claim_is_retracted() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    let start = claims
        .find("[[claim]]\nid = \"kz-population-2011\"")
        .unwrap();
    let end = claims[start + 9..]
        .find("[[claim]]\n")
        .map_or(claims.len(), |i| start + 9 + i);
    env.write(
        "data/claims/sample.toml",
        &format!("{}{}", &claims[..start], &claims[end..]),
    );
    env.ok(&["import"]);
    let run = env.ok(&["show", "kz-population-2011"]);
    assert!(
        run.stdout.contains(
            "retracted   2026-01-02T03:04:05Z: no longer current (its data file or table no \
             longer holds it)"
        ),
        "{}",
        run.stdout
    );
    let run = env.ok(&["show", "kz-population-2011", "--format", "json"]);
    assert!(
        run.stdout
            .contains("\"retracted_at\": \"2026-01-02T03:04:05Z\""),
        "{}",
        run.stdout
    );
    // A current claim has no such line.
    let run = env.ok(&["show", "kant-lease"]);
    assert!(!run.stdout.contains("retracted"), "{}", run.stdout);
}
