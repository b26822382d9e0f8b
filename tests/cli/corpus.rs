//! Issue 11, item 5: the bad-input corpus (`tests/fixtures/bad/`, see its README). Every entry
//! exits 2 with exactly its expected message, never panics, and leaves the database unchanged.

use std::path::Path;

use crate::{Env, fixtures};

/// The database file's bytes and its write-ahead log's (a missing log counts as empty: a
/// read-only open of a WAL database may create an empty one, and the `-shm` index beside it,
/// which holds no data).
fn database_bytes(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let db = std::fs::read(dir.join("factline.db")).expect("read factline.db");
    let wal = std::fs::read(dir.join("factline.db-wal")).unwrap_or_default();
    (db, wal)
}

#[test]
fn every_bad_input_exits_2_with_its_message_and_leaves_the_database_unchanged() {
    let corpus = fixtures().join("bad");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .expect("read tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "only {} entries", cases.len());

    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let env = Env::new();
        std::fs::copy(corpus.join("base.toml"), env.path().join("data/base.toml"))
            .expect("copy base.toml");
        env.ok(&["import"]);
        let mut args = Vec::new();
        let mut expected = None;
        let mut inputs = Vec::new();
        for entry in std::fs::read_dir(case).expect("read case") {
            let path = entry.expect("entry").path();
            let file = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .to_string();
            match file.as_str() {
                "args" => {
                    let text = std::fs::read_to_string(&path).expect("read args");
                    args = text.lines().map(str::to_string).collect();
                }
                "expected.txt" => {
                    expected = Some(std::fs::read_to_string(&path).expect("read expected"));
                }
                "setup.sql" => {
                    let sql = std::fs::read_to_string(&path).expect("read setup.sql");
                    let conn = rusqlite::Connection::open(env.path().join("factline.db"))
                        .expect("open factline.db");
                    conn.execute_batch(&sql).expect("run setup.sql");
                }
                "truncate" => {
                    let text = std::fs::read_to_string(&path).expect("read truncate");
                    let size: u64 = text.trim().parse().expect("truncate: a byte count");
                    let db = std::fs::OpenOptions::new()
                        .write(true)
                        .open(env.path().join("factline.db"))
                        .expect("open factline.db");
                    db.set_len(size).expect("truncate factline.db");
                }
                _ => {
                    std::fs::copy(&path, env.path().join(&file)).expect("copy input");
                    inputs.push(file);
                }
            }
        }
        assert!(!args.is_empty(), "{name}: no args");
        // `{newest}` in a message stands for the newest schema version this build carries, so
        // that adding a migration does not rewrite the entries that name it.
        let expected = expected
            .unwrap_or_else(|| panic!("{name}: no expected.txt"))
            .replace("{newest}", &newest_schema_version().to_string());
        let before = database_bytes(env.path());
        let inputs_before: Vec<Vec<u8>> = inputs.iter().map(|f| env.bytes(f)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.run(&args);
        let after = database_bytes(env.path());
        let inputs_after: Vec<Vec<u8>> = inputs.iter().map(|f| env.bytes(f)).collect();
        let mut wrong = Vec::new();
        if run.code != 2 {
            wrong.push(format!("exit {} instead of 2", run.code));
        }
        if run.stderr.contains("panicked") {
            wrong.push("panicked".to_string());
        }
        if run.stderr != expected {
            wrong.push(format!(
                "stderr differs:\n--- expected\n{expected}--- got\n{}",
                run.stderr
            ));
        }
        if before != after {
            wrong.push("the database changed".to_string());
        }
        for (file, (b, a)) in inputs.iter().zip(inputs_before.iter().zip(&inputs_after)) {
            if b != a {
                wrong.push(format!("{file} changed"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{name} ({args:?}): {}", wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} entries failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The highest `V<n>` among the files in `migrations/`.
fn newest_schema_version() -> u32 {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .expect("read migrations/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_prefix('V')?.split("__").next()?.parse().ok()
        })
        .max()
        .expect("at least one migration")
}
