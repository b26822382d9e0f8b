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

// Item 16: the Rust version the README and Cargo.toml state builds the locked dependencies.

/// `rust-version = "X.Y"` in a Cargo.toml, as (X, Y).
fn rust_version(manifest: &str) -> Option<(u32, u32)> {
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("rust-version"))?;
    let value = line.split('"').nth(1)?;
    let mut parts = value.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next().flatten().unwrap_or(0)))
}

#[test]
fn the_stated_rust_version_builds_every_locked_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = rust_version(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap())
        .expect("Cargo.toml states a rust-version");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("You need Rust {}.{} or later", ours.0, ours.1)),
        "the README's quick start states another Rust version than Cargo.toml ({}.{})",
        ours.0,
        ours.1
    );
    assert!(
        readme.contains("a C compiler"),
        "the README does not say a C compiler is needed"
    );
    // Every locked crate whose source cargo has unpacked (the ones built on this platform).
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let registries: Vec<std::path::PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .map(|dirs| dirs.filter_map(|d| d.ok().map(|d| d.path())).collect())
        .unwrap_or_default();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let mut checked = 0;
    for package in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            package
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
                .and_then(|v| v.strip_suffix('"'))
        };
        let (Some(name), Some(version)) = (field("name"), field("version")) else {
            continue;
        };
        for registry in &registries {
            let manifest = registry.join(format!("{name}-{version}/Cargo.toml"));
            if let Ok(text) = std::fs::read_to_string(&manifest) {
                checked += 1;
                if let Some(needs) = rust_version(&text) {
                    assert!(
                        needs <= ours,
                        "{name} {version} needs Rust {}.{}; Cargo.toml says {}.{}",
                        needs.0,
                        needs.1,
                        ours.0,
                        ours.1
                    );
                }
            }
        }
    }
    // Without an unpacked registry (a vendored build) there is nothing to compare; the build
    // that ran this test unpacked one.
    if registries.is_empty() {
        eprintln!(
            "no cargo registry sources under {}: versions not compared",
            home.display()
        );
    } else {
        assert!(
            checked > 100,
            "only {checked} locked crates found in {registries:?}"
        );
    }
}

// Item 18: the first hour.

#[test]
fn the_readme_completion_lines_work_on_a_fresh_account() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let marker = "<!-- completions -->\n```sh\n";
    let start = readme.find(marker).expect("the completions block") + marker.len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let home = tempfile::tempdir().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_factline"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", block])
        .env("HOME", home.path())
        .env("PATH", path)
        .env_remove("FACTLINE_DB")
        .output()
        .expect("run bash");
    assert!(
        output.status.success(),
        "the README's completion lines failed on an empty home:\n{block}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in [
        ".local/share/bash-completion/completions/factline",
        ".zfunc/_factline",
        ".config/fish/completions/factline.fish",
        ".cargo/share/man/man1/factline.1",
        ".cargo/share/man/man1/factline-timeline.1",
    ] {
        let len = std::fs::metadata(home.path().join(file)).map_or(0, |m| m.len());
        assert!(len > 0, "{file} was not written");
    }
    // man-db looks for pages in ../share/man beside every folder on PATH: the pages are where
    // `man` finds them for a binary in ~/.cargo/bin.
    assert!(block.contains("factline man --out ~/.cargo/share/man/man1"));
}

#[test]
fn ci_says_when_it_skips_the_seed_text_check() {
    let script = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    let start = script.find("seeds=").expect("the seed-text step");
    let end = start + script[start..].find("\nfi\n").expect("its end") + "\nfi\n".len();
    // The step alone, with `cargo` a function that records that it ran, in a folder without
    // the seed texts.
    let step = format!("cargo() {{ echo \"cargo $*\"; }}\n{}", &script[start..end]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("checkout")).unwrap();
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &step])
        .current_dir(dir.path().join("checkout"))
        .output()
        .expect("run bash");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("skipped the seed-text check") && said.contains("../shared/seeds"),
        "{said}"
    );
}

/// The README's `$ factline timeline …` blocks, each as (command arguments, the table shown),
/// but those cut short with `…`.
fn readme_timelines() -> Vec<(Vec<String>, String)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut blocks = Vec::new();
    for block in readme.split("```text\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some(command) = block
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("$ factline "))
        else {
            continue;
        };
        if !command.starts_with("timeline") || block.contains("\n…") {
            continue;
        }
        let args = command
            .split('"')
            .enumerate()
            .flat_map(|(i, part)| {
                if i % 2 == 1 {
                    vec![part.to_string()]
                } else {
                    part.split_whitespace().map(str::to_string).collect()
                }
            })
            .collect();
        let table: String = block
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
            .map(|l| format!("{l}\n"))
            .collect();
        blocks.push((args, table));
    }
    blocks
}

#[test]
fn the_timeline_table_shows_each_claim_id_whole() {
    let env = Env::empty();
    let blocks = readme_timelines();
    assert!(blocks.len() >= 3, "{blocks:?}");
    for (args, shown) in blocks {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.ok(&args);
        assert_eq!(
            run.stdout,
            shown,
            "the README's `factline {}`",
            args.join(" ")
        );
    }
    // Every claim of the timeline can be followed to `factline show`: its id is in its row,
    // whole, on a line of its own.
    let run = env.ok(&["timeline", "--between", "Russia", "Kazakhstan"]);
    let csv = env.ok(&[
        "timeline",
        "--between",
        "Russia",
        "Kazakhstan",
        "--format",
        "csv",
    ]);
    let ids: Vec<&str> = csv
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(ids.len() > 20);
    for id in ids {
        assert!(
            run.stdout.contains(&format!("┆ id {id} ")),
            "{id} is not whole in the table"
        );
    }
}

#[test]
fn words_after_timeline_are_answered_with_the_option_meant() {
    let env = Env::empty();
    let run = env.run(&["timeline", "kazakhstan"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unexpected argument `kazakhstan`: timeline filters only by its options; to see \
         an entity's claims give `factline timeline --entity kazakhstan`, to find claims by \
         their words `factline search kazakhstan` (`factline timeline --help` lists the \
         filters)\n"
    );
    // A name of several words is quoted as the shell needs it; nothing is opened or announced.
    let run = env.run(&["timeline", "--format", "csv", "Kant", "air", "base"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("give `factline timeline --entity \"Kant air base\"`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("bundled"), "{}", run.stderr);
    // The hidden argument is not offered in help.
    let help = env.ok(&["timeline", "--help"]);
    assert!(!help.stdout.contains("WORDS"), "{}", help.stdout);
}

#[test]
fn search_says_when_it_stops_at_its_limit_and_fails_when_nothing_matches() {
    let env = Env::empty();
    let all = env.ok(&[
        "search",
        "Kazakhstan",
        "--limit",
        "100000",
        "--format",
        "json",
    ]);
    let count = serde_json::from_str::<serde_json::Value>(&all.stdout).unwrap()["hits"]
        .as_array()
        .unwrap()
        .len();
    assert!(count > 3, "{count}");
    assert!(!all.stderr.contains("showing the best"), "{}", all.stderr);

    let cut = env.ok(&["search", "Kazakhstan", "--limit", "3", "--format", "json"]);
    let hits = serde_json::from_str::<serde_json::Value>(&cut.stdout).unwrap()["hits"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(hits, 3);
    assert!(
        cut.stderr.contains(
            "search: showing the best 3 results; more claims match: give --limit N for more, \
             or more words\n"
        ),
        "{}",
        cut.stderr
    );
    // Exactly as many as the limit: nothing was left out, nothing is said.
    let exact = env.ok(&[
        "search",
        "Kazakhstan",
        "--limit",
        &count.to_string(),
        "--format",
        "json",
    ]);
    assert!(
        !exact.stderr.contains("showing the best"),
        "{}",
        exact.stderr
    );

    // As grep: no match is exit code 1, with the reason on stderr.
    let none = env.run(&["search", "zyzzyva"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(
        none.stderr
            .contains("no current claim's quotes, notes, label or entity names contain zyzzyva"),
        "{}",
        none.stderr
    );
}

#[test]
fn a_dash_is_refused_where_standard_input_is_not_read() {
    let env = Env::new();
    env.write("note.txt", "In 2011 the base was leased.\n");
    for (args, command) in [
        (&["extract", "-"][..], "extract"),
        (&["extract", "note.txt", "-"][..], "extract"),
        (
            &["import-table", "-", "--mapping", "m.toml"][..],
            "import-table",
        ),
        (
            &["import-table", "t.csv", "--mapping", "-"][..],
            "import-table",
        ),
        (&["check", "-"][..], "check"),
        (&["check", "data", "--texts", "-"][..], "check"),
        (&["import", "-"][..], "import"),
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "factline {args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: `factline {command}` does not read standard input (`-`): save what you \
                 would pipe to a file and give that file's path (a file named `-` is `./-`); \
                 only `factline sql -` reads standard input\n"
            ),
            "factline {args:?}"
        );
    }
    assert!(!env.path().join("factline.db").exists());
}

// Item 11: a table never holds more than it says. The rows of a query are capped at 64 MB, and
// so is the table they would be laid out as: narrow columns wrap each cell over many lines,
// and every cell of a row is padded to its tallest (10,000 claim rows were 700 MB of text,
// laid out in 9 GB of memory).

#[test]
fn a_table_that_would_outgrow_its_limit_is_refused_before_it_is_laid_out() {
    let env = Env::empty();
    // One row: a cell of 700,000 short lines (1.4 MB) beside 23 narrow columns, each padded
    // to as many lines: about 70 MB of table.
    let narrow: Vec<String> = (1..=23).map(|i| format!("'a' AS c{i}")).collect();
    let query = format!(
        "SELECT replace(hex(zeroblob(700000)), '00', 'x' || char(10)) AS tall, {}",
        narrow.join(", ")
    );
    let run = env.run(&["sql", &query]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing is written before the refusal");
    assert!(
        run.stderr.contains(
            "error: the table would be larger than 64 MB: 1 row in 24 columns wrap into more \
             lines than that at 100 characters wide; write it with --format csv or --format \
             jsonl, which stream"
        ),
        "{}",
        run.stderr
    );
    // The same rows as CSV stream.
    let run = env.ok(&["sql", &query, "--format", "csv"]);
    assert!(run.stdout.len() > 1_400_000);
    // A table within the limit is written whole.
    let run = env.ok(&["sql", "SELECT id, valid_time FROM claim"]);
    assert!(run.stdout.starts_with('┌') && run.stdout.ends_with("┘\n"));
}

#[test]
fn extract_as_timeml_tags_a_long_text_in_bounded_memory() {
    let env = Env::empty();
    // 8 MB of text with a date every 80 bytes or so.
    let months = ["January", "March", "July", "October"];
    let mut text = String::with_capacity(8 << 20);
    let mut n = 0usize;
    while text.len() < 8 << 20 {
        let year = 1950 + n % 80;
        let line = match n % 4 {
            0 => format!(
                "On {} {} {year} the ministers signed an agreement on exercises. ",
                1 + n % 28,
                months[n % 4]
            ),
            1 => format!(
                "The lease runs until {year}, officials said in {}. ",
                months[n % 4]
            ),
            2 => format!(
                "Between {year} and {}, about {} troops took part.\n",
                year + 3,
                n % 900
            ),
            _ => "Last week the delegation met again; two days later it left.\n".to_string(),
        };
        text.push_str(&line);
        n += 1;
    }
    std::fs::write(env.path().join("long.txt"), &text).unwrap();
    // The whole document and its tagged copy took about 45 bytes of memory per byte of text
    // (470 MB of address space here); tagged a piece at a time it takes about 120 MB.
    let script = format!(
        "ulimit -v 250000 && exec '{}' extract long.txt --published 2011-07-20 --format timeml \
         --jobs 1 --out long.tml",
        env!("CARGO_BIN_EXE_factline")
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(env.path())
        .env_remove("FACTLINE_DB")
        .output()
        .expect("run bash");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tagged = std::fs::read_to_string(env.path().join("long.tml")).unwrap();
    assert!(tagged.starts_with("<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT>"));
    assert!(tagged.ends_with("</TEXT>\n</TimeML>\n"));
    // Tags are numbered across the pieces: each tid once, in order.
    let tids: Vec<usize> = tagged
        .split("<TIMEX3 tid=\"t")
        .skip(2)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    assert!(tids.len() > 50_000, "{}", tids.len());
    assert!(tids.windows(2).all(|w| w[0] < w[1]));
    assert!(
        tagged.contains(
            "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1950-01-01\">1 January 1950</TIMEX3>"
        )
    );
}
