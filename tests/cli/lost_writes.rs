//! Issue 28, items 1–7: nothing an analyst has is lost to a misdirected or interrupted write.
//! Outputs never replace the command's inputs or the database; review changes its data file and
//! the database as one unit (under a lock, from any folder, whatever kills it); table imports
//! never retract silently; exports stay inside their folder.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::import_table::{ALLIANCES, TABLE, claims, import};
use crate::review::{imported, json, queue, save};
use crate::{Env, Run};

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn refused(run: &Run, wanted: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(wanted),
        "wanted {wanted:?} in:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn item1_outputs_never_empty_their_own_inputs() {
    let env = crate::import_table::env();
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    let table = env.bytes("table.csv");
    let mapping = env.bytes("alliances.toml");
    let codes = env.bytes("codes/cow.toml");
    for target in [
        "table.csv",
        "alliances.toml",
        "codes/cow.toml",
        "./table.csv",
    ] {
        let run = env.run(&[
            "import-table",
            "table.csv",
            "--mapping",
            "alliances.toml",
            "--write-extract",
            target,
        ]);
        refused(&run, "writing there would destroy it");
    }
    assert_eq!(env.bytes("table.csv"), table);
    assert_eq!(env.bytes("alliances.toml"), mapping);
    assert_eq!(env.bytes("codes/cow.toml"), codes);

    env.write("f.txt", "Kazakhstan joined the programme on 27 May 1994.\n");
    let run = env.run(&["extract", "f.txt", "--out", "f.txt"]);
    refused(&run, "--out f.txt is an input of this command");
    assert_eq!(
        env.read("f.txt"),
        "Kazakhstan joined the programme on 27 May 1994.\n"
    );

    // --out-dir on the folder the .tml inputs are in.
    env.write(
        "tml/a.tml",
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>a</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">01/08/1998</TIMEX3></DCT>\n<TEXT>It happened last week.</TEXT>\n</TimeML>\n",
    );
    let before = env.bytes("tml/a.tml");
    let run = env.run(&[
        "extract",
        "tml/a.tml",
        "--format",
        "timeml",
        "--out-dir",
        "tml",
    ]);
    refused(&run, "is an input of this command");
    assert_eq!(env.bytes("tml/a.tml"), before);
}

#[test]
fn item2_out_naming_the_database_is_refused() {
    let env = Env::new();
    env.ok(&["import", "--db", "x.db"]);
    let before = sha(&env.bytes("x.db"));
    for args in [
        vec!["--db", "x.db", "sql", "select 1", "--out", "x.db"],
        vec!["--db", "x.db", "timeline", "--out", "x.db"],
        vec!["--db", "x.db", "conflicts", "--out", "x.db"],
        vec![
            "--db", "x.db", "export", "--format", "json", "--out", "x.db",
        ],
        vec![
            "--db", "x.db", "timeline", "--format", "csv", "--out", "./x.db",
        ],
    ] {
        let run = env.run(&args);
        refused(&run, "is the database of this command");
    }
    // A hard link to the database is the database.
    std::fs::hard_link(env.path().join("x.db"), env.path().join("alias.db")).unwrap();
    let run = env.run(&["--db", "x.db", "sql", "select 1", "--out", "alias.db"]);
    refused(&run, "is the database");
    // Its journals, whether they exist or not yet.
    let run = env.run(&["--db", "x.db", "sql", "select 1", "--out", "x.db-wal"]);
    refused(&run, "is the database");
    let run = env.run(&["--db", "x.db", "sql", "select 1", "--out", "x.db-journal"]);
    refused(&run, "journal");
    assert_eq!(sha(&env.bytes("x.db")), before);
    // An ordinary --out still works, and replaces a file whole.
    env.write(
        "out.csv",
        "old contents that are longer than the new ones\n",
    );
    env.ok(&[
        "--db",
        "x.db",
        "sql",
        "select 1 as one",
        "--format",
        "csv",
        "--out",
        "out.csv",
    ]);
    assert_eq!(
        env.read("out.csv").trim_start_matches('\u{feff}'),
        "one\n1\n"
    );
}

/// The ids of the pending candidates.
fn pending_ids(env: &Env) -> Vec<String> {
    queue(env)
        .iter()
        .filter(|c| c["status"] == "pending")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// The current claims that came from the test article's claims file, by id.
fn accepted_claims(env: &Env) -> Vec<String> {
    let run = env.ok(&[
        "sql",
        "--format",
        "jsonl",
        "SELECT id FROM current_claim WHERE origin = 'data/claims/test-article.toml' ORDER BY id",
    ]);
    run.stdout
        .lines()
        .map(|l| json(l)["id"].as_str().unwrap().to_string())
        .collect()
}

/// Claim ids in the data file, in the file's order.
fn file_claims(env: &Env) -> Vec<String> {
    let path = env.path().join("data/claims/test-article.toml");
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect()
}

#[test]
fn item3_concurrent_accepts_lose_nothing() {
    for round in 0..6 {
        let env = imported();
        save(&env, "article.txt");
        let ids = pending_ids(&env);
        assert!(ids.len() >= 2, "{ids:?}");
        let spawn = |id: &str| {
            Command::new(env!("CARGO_BIN_EXE_factline"))
                .args(["review", "accept", id, "--by", "tester"])
                .current_dir(env.path())
                .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
                .env_remove("FACTLINE_DB")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let a = spawn(&ids[0]);
        let b = spawn(&ids[1]);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let in_file = file_claims(&env);
        assert_eq!(in_file.len(), 2, "round {round}: {in_file:?}");
        let mut sorted = in_file.clone();
        sorted.sort();
        assert_eq!(in_file, sorted, "claims are kept in id order");
        assert_eq!(accepted_claims(&env), sorted, "round {round}");
    }
}

#[test]
fn item4_accepting_from_another_folder_keeps_what_was_accepted() {
    let env = imported();
    save(&env, "article.txt");
    let ids = pending_ids(&env);
    std::fs::create_dir_all(env.path().join("elsewhere/deeper")).unwrap();
    let db = env.path().join("factline.db");
    let db = db.to_str().unwrap();
    env.ok(&["review", "accept", &ids[0], "--by", "a"]);
    // From another folder, with the same database.
    let run = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["--db", db, "review", "accept", &ids[1], "--by", "b"])
        .current_dir(env.path().join("elsewhere/deeper"))
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!env.path().join("elsewhere/deeper/data").exists());
    assert_eq!(file_claims(&env).len(), 2);
    assert_eq!(accepted_claims(&env).len(), 2);
    // An import from another folder finds the same origins: nothing retracted or added.
    let run = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["--db", db, "import", "../../data"])
        .current_dir(env.path().join("elsewhere/deeper"))
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("nothing to change"), "{stderr}");
    assert_eq!(accepted_claims(&env).len(), 2);
}

#[test]
fn item4_a_bundled_database_needs_data_to_know_where_its_files_are() {
    let env = Env::empty();
    env.ok(&["import", "--bundled"]);
    env.write(
        "article.txt",
        "The population of Kazakhstan was 16.3 million in 2011.\n",
    );
    env.ok(&[
        "extract",
        "article.txt",
        "--source",
        "rousseau-2011",
        "--save",
    ]);
    let ids = pending_ids(&env);
    assert!(!ids.is_empty());
    let run = env.run(&["review", "accept", &ids[0]]);
    refused(&run, "give --data DIR");
    assert!(!env.path().join("data").exists());
    env.ok(&["review", "accept", &ids[0], "--data", "mine/data"]);
    assert!(
        env.path()
            .join("mine/data/claims/rousseau-2011.toml")
            .is_file()
    );
}

#[test]
fn item5_to_refuses_special_files_and_links_out_of_the_folder() {
    let env = imported();
    save(&env, "article.txt");
    let ids = pending_ids(&env);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.toml");
    std::fs::write(&victim, "# keep\n").unwrap();
    std::os::unix::fs::symlink(&victim, env.path().join("link.toml")).unwrap();
    let run = env.run(&["review", "accept", &ids[0], "--to", "link.toml"]);
    refused(&run, "outside its folder");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "# keep\n");
    let fifo = env.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let run = env.run(&["review", "accept", &ids[0], "--to", "pipe.toml"]);
    refused(&run, "named pipe");
    let run = env.run(&["review", "accept", &ids[0], "--to", "factline.db"]);
    refused(&run, "is the database");
    assert_eq!(pending_ids(&env).len(), ids.len());
}

fn factline_at(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factline"));
    cmd.args(args)
        .current_dir(dir)
        .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
        .env_remove("FACTLINE_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Kills `review accept` at moments spread over its length, then checks that the data file and
/// the database agree: the candidate is either still pending with no claim anywhere, or
/// accepted with its claim once in the file and current in the database; and that accepting it
/// again works or says it was accepted, never "duplicate id".
#[test]
fn item5_a_killed_accept_leaves_file_and_database_agreeing() {
    const KILLS: u32 = 16;
    // The length of one accept, measured here.
    let probe = imported();
    save(&probe, "article.txt");
    let id = pending_ids(&probe)[0].clone();
    let start = Instant::now();
    let status = factline_at(probe.path(), &["review", "accept", &id])
        .status()
        .unwrap();
    assert!(status.success());
    let length = start.elapsed();
    let (mut before, mut after) = (0, 0);
    for k in 0..KILLS {
        let env = imported();
        save(&env, "article.txt");
        let id = pending_ids(&env)[0].clone();
        let mut child = factline_at(env.path(), &["review", "accept", &id])
            .spawn()
            .unwrap();
        std::thread::sleep(
            length.mul_f64(f64::from(k) / f64::from(KILLS)) + Duration::from_millis(2),
        );
        let _ = child.kill();
        let _ = child.wait();
        // Whatever state the kill left, the next accept finishes or repeats the change.
        let again = env.run(&["review", "accept", &id]);
        assert!(
            again.code == 0 || again.stderr.contains("was already accepted"),
            "kill {k}: {}",
            again.stderr
        );
        if again.code == 0 {
            before += 1;
        } else {
            after += 1;
        }
        assert!(!again.stderr.contains("duplicate"), "{}", again.stderr);
        let in_file = file_claims(&env);
        assert_eq!(in_file.len(), 1, "kill {k}: {in_file:?}");
        assert_eq!(accepted_claims(&env), in_file, "kill {k}");
        let status: Vec<_> = queue(&env)
            .into_iter()
            .filter(|c| c["id"] == id.as_str())
            .map(|c| c["status"].clone())
            .collect();
        assert_eq!(status, ["accepted"], "kill {k}");
        let leftovers: Vec<_> = std::fs::read_dir(env.path().join("data/claims"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".factline-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "kill {k}: {leftovers:?}");
    }
    eprintln!("killed accepts: {before} left the old state, {after} the new one");
}

#[test]
fn item6_an_empty_or_filtered_out_table_is_refused() {
    let env = crate::import_table::env();
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    assert_eq!(import(&env, "table.csv", &[]).code, 0);
    let before = sha(&env.bytes("factline.db"));
    env.write("header.csv", TABLE.lines().next().unwrap());
    refused(
        &import(&env, "header.csv", &[]),
        "none kept by the mapping's filter",
    );
    let outside = TABLE.lines().next().unwrap().to_string()
        + "\n4220,200,1992,5,15,0,0,0,1,1,outside the filter\n";
    env.write("outside.csv", &outside);
    refused(
        &import(&env, "outside.csv", &[]),
        "An empty table is refused",
    );
    refused(
        &import(&env, "outside.csv", &["--dry-run"]),
        "nothing to import",
    );
    assert_eq!(sha(&env.bytes("factline.db")), before);
    assert_eq!(claims(&env).len(), 3);
}

#[test]
fn item6_skip_invalid_never_retracts_and_a_release_lists_what_it_retracts() {
    let env = crate::import_table::env();
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    assert_eq!(import(&env, "table.csv", &[]).code, 0);
    // Uzbekistan's row becomes invalid: skipped, and its claim is not retracted.
    env.write(
        "bad.csv",
        &TABLE.replace("4220,704,1992,5,0,", "4220,704,1992,13,0,"),
    );
    let run = import(&env, "bad.csv", &["--skip-invalid"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--skip-invalid never retracts"),
        "{}",
        run.stderr
    );
    assert_eq!(claims(&env).len(), 3);
    // A release without Russia's row retracts it, and says which.
    let newer = TABLE.replace(
        "5000,365,1996,0,0,2001,6,0,0,1,\"a \"\"quoted\"\" name\"\n",
        "",
    );
    env.write("newer.csv", &newer);
    let run = import(&env, "newer.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("retracted (no longer in the table): alliance-5000-russia"),
        "{}",
        run.stderr
    );
    assert_eq!(claims(&env).len(), 2);
}

#[test]
fn item6_a_row_never_replaces_a_claim_of_another_origin() {
    let env = crate::import_table::env();
    // A curated claim with the id the table's first row would take.
    env.write(
        "data/claims/curated.toml",
        "[[claim]]\nid = \"alliance-4220-kazakhstan\"\nsubject = \"kazakhstan\"\n\
         predicate = \"alliance_member\"\nobject = \"russia\"\nwhen = \"1992\"\n\
         qualifiers = { obligation = [\"defence\"] }\n\n\
         [[claim.citation]]\nsource = \"test-dataset\"\nquote = \"curated by hand\"\n\
         locator = \"row 1\"\ncredibility = 2\n",
    );
    env.ok(&["import"]);
    env.write("alliances.toml", ALLIANCES);
    env.write("table.csv", TABLE);
    let before = sha(&env.bytes("factline.db"));
    let run = import(&env, "table.csv", &[]);
    refused(
        &run,
        "claim `alliance-4220-kazakhstan` from the table mapping `alliances` would replace the \
         claim of the same id from data/claims/curated.toml",
    );
    refused(
        &import(&env, "table.csv", &["--dry-run"]),
        "would replace the claim",
    );
    assert_eq!(sha(&env.bytes("factline.db")), before);
}

#[test]
fn item7_an_export_stays_inside_its_folder_and_is_whole() {
    let env = Env::new();
    env.ok(&["import"]);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("metadata.json");
    std::fs::write(&victim, "keep").unwrap();
    std::fs::create_dir(env.path().join("browse")).unwrap();
    std::os::unix::fs::symlink(&victim, env.path().join("browse/metadata.json")).unwrap();
    let run = env.run(&[
        "export",
        "--format",
        "datasette",
        "--out",
        "browse",
        "--force",
    ]);
    refused(&run, "outside its folder");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(
        !env.path().join("browse/factline.db").exists(),
        "no copy without its metadata"
    );

    // A claims folder that leads elsewhere.
    std::fs::create_dir(env.path().join("toml")).unwrap();
    std::os::unix::fs::symlink(outside.path(), env.path().join("toml/claims")).unwrap();
    let run = env.run(&["export", "--format", "toml", "--out", "toml", "--force"]);
    refused(&run, "outside the folder");
    let files: Vec<_> = std::fs::read_dir(outside.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "nothing written outside: {files:?}");

    // The database itself is never a target: its copy would take its name.
    let before = sha(&env.bytes("factline.db"));
    let run = env.run(&["export", "--format", "datasette", "--out", ".", "--force"]);
    refused(&run, "is the database of this command");
    assert_eq!(sha(&env.bytes("factline.db")), before);
    assert!(!env.path().join("metadata.json").exists());
}

/// A run killed between its commit and its rename leaves a row in `pending_file` and the new
/// text beside the file; the next writer renames it into place before anything else.
#[test]
fn item5_a_rename_owed_by_a_killed_run_is_finished_by_the_next_writer() {
    let env = imported();
    save(&env, "article.txt");
    let ids = pending_ids(&env);
    env.ok(&["review", "accept", &ids[0]]);
    let file = std::fs::canonicalize(env.path().join("data/claims/test-article.toml")).unwrap();
    let committed = std::fs::read_to_string(&file).unwrap();
    // The state after the commit, before the rename: the old text in place, the new aside.
    let temp = file.with_file_name(".test-article.toml.999999.factline-tmp");
    std::fs::write(&temp, &committed).unwrap();
    std::fs::write(&file, "# Claims accepted from extracted candidates.\n").unwrap();
    let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
    conn.execute(
        "INSERT INTO pending_file (target, temp, sha256, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        [
            file.to_str().unwrap(),
            temp.to_str().unwrap(),
            &sha(committed.as_bytes()),
            "2026-01-02T03:04:05Z",
        ],
    )
    .unwrap();
    drop(conn);
    let run = env.ok(&["review", "accept", &ids[1]]);
    assert!(
        run.stderr.contains("finished a change to") && run.stderr.contains("test-article.toml"),
        "{}",
        run.stderr
    );
    assert!(!temp.exists());
    assert_eq!(file_claims(&env).len(), 2);
    assert_eq!(accepted_claims(&env).len(), 2);
    let owed = env.ok(&[
        "sql",
        "--format",
        "csv",
        "SELECT count(*) AS n FROM pending_file",
    ]);
    assert!(owed.stdout.ends_with("n\n0\n"), "{}", owed.stdout);
}

/// A project folder moved with its database: its recorded root is gone, the working folder
/// takes its place, and importing the same files changes nothing (no claim is retracted and
/// added again under a new origin); review then writes into the moved folder.
#[test]
fn item4_a_moved_project_keeps_its_origins() {
    let env = imported();
    save(&env, "article.txt");
    let ids = pending_ids(&env);
    env.ok(&["review", "accept", &ids[0]]);
    let parent = tempfile::tempdir().unwrap();
    let moved = parent.path().join("moved");
    let status = Command::new("cp")
        .arg("-a")
        .arg(env.path())
        .arg(&moved)
        .status()
        .unwrap();
    assert!(status.success());
    let old = env.path().to_path_buf();
    drop(env);
    assert!(!old.exists());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(args)
            .current_dir(&moved)
            .env("FACTLINE_NOW", "2026-01-02T03:04:05Z")
            .env_remove("FACTLINE_DB")
            .output()
            .unwrap()
    };
    let out = run(&["import"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no longer exists"), "{stderr}");
    assert!(stderr.contains("nothing to change"), "{stderr}");
    let out = run(&["review", "accept", &ids[1]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(moved.join("data/claims/test-article.toml")).unwrap();
    assert_eq!(text.matches("[[claim]]").count(), 2, "{text}");
}
