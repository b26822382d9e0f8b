//! `factline import`: atomic, idempotent, edits retract and replace, dry runs write nothing.

use similar_asserts::assert_eq;

use crate::Env;

#[test]
fn imports_then_changes_nothing_the_second_time() {
    let env = Env::new();
    let first = env.ok(&["import"]);
    assert_eq!(first.stdout, "");
    assert_eq!(
        first.stderr,
        "imported data into factline.db: added 5 claims, 2 sources, 5 entities, 4 predicates\n"
    );
    let before = env.bytes("factline.db");
    let second = env.ok(&["import", "data"]);
    assert_eq!(
        second.stderr,
        "nothing to change: factline.db already holds data (5 claims, 2 sources, 5 entities, \
         4 predicates)\n"
    );
    assert!(
        env.bytes("factline.db") == before,
        "a no-op import rewrote the database"
    );
}

#[test]
fn dry_run_validates_and_writes_nothing() {
    let env = Env::new();
    let run = env.ok(&["import", "--dry-run"]);
    assert_eq!(
        run.stderr,
        "data is valid; importing it into factline.db would add 5 claims, 2 sources, 5 entities, \
         4 predicates\n"
    );
    assert!(!env.path().join("factline.db").exists());
}

#[test]
fn an_edited_claim_is_a_new_version_that_retracts_the_old() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims.replace("amount = 16300000", "amount = 16400000"),
    );
    let run = env.ok(&["import"]);
    assert_eq!(
        run.stderr,
        "imported data into factline.db: changed 1 claim\n"
    );
    let show = env.ok(&["show", "kz-population-2011"]);
    assert!(
        show.stdout
            .contains("value       16.4 million persons  [exact 16400000]\n"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.ends_with(
            "earlier versions\n  2026-01-02T03:04:05Z – 2026-01-02T03:04:05Z  c. 2011  \
             Kazakhstan population: 16.3 million persons\n"
        ),
        "{}",
        show.stdout
    );
    // Still one current claim with that id, so the timeline has five entries.
    let json = env.ok(&["timeline", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(parsed["entries"].as_array().unwrap().len(), 5);
}

#[test]
fn a_claim_removed_from_its_file_is_retracted_not_deleted() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    let cut = claims.find("[[claim]]\nid = \"kant-lease\"").unwrap();
    let end = claims
        .find("[[claim]]\nid = \"kz-population-2011\"")
        .unwrap();
    env.write(
        "data/claims/sample.toml",
        &format!("{}{}", &claims[..cut], &claims[end..]),
    );
    let run = env.ok(&["import"]);
    assert_eq!(
        run.stderr,
        "imported data into factline.db: retracted 1 claim\n"
    );
    let timeline = env.ok(&["timeline"]);
    assert!(!timeline.stdout.contains("Kant"), "{}", timeline.stdout);
    let show = env.ok(&["show", "kant-lease"]);
    assert!(show.stdout.contains("earlier versions\n  2026-01-02T03:04:05Z – 2026-01-02T03:04:05Z  until 2032  Russia leases Kant air base\n"), "{}", show.stdout);
}

#[test]
fn importing_one_file_leaves_other_files_claims_alone() {
    let env = Env::new();
    env.ok(&["import"]);
    env.write(
        "extra.toml",
        "[[claim]]\nid = \"kz-population-2013\"\nsubject = \"kazakhstan\"\npredicate = \"population\"\n\
         quantity = { amount = 17600000 }\nwhen = \"[2013..]\"\n\n[[claim.citation]]\n\
         source = \"excerpt-2013\"\nquote = \"population of Kazakhstan is 17.6 million\"\n\
         locator = \"line 68\"\ncredibility = 3\n",
    );
    let run = env.ok(&["import", "extra.toml"]);
    assert_eq!(
        run.stderr,
        "imported extra.toml into factline.db: added 1 claim\n"
    );
    let json = env.ok(&["timeline", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(parsed["entries"].as_array().unwrap().len(), 6);
}

#[test]
fn malformed_data_leaves_an_existing_database_byte_for_byte_unchanged() {
    let env = Env::new();
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims
            .replace("subject = \"kazakhstan\"", "subject = \"kazakstan\"")
            .replace("amount = 16300000", "amount = 1"),
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: data/claims/sample.toml:29: claim `kz-population-2011`, field `subject`: unknown \
         entity `kazakstan`; did you mean `kazakhstan`?\n\
         data/claims/sample.toml:44: claim `kz-russian-share-2011`, field `subject`: unknown \
         entity `kazakstan`; did you mean `kazakhstan`?\n\
         data/claims/sample.toml:58: claim `kz-russian-share-2013`, field `subject`: unknown \
         entity `kazakstan`; did you mean `kazakhstan`?\n\
         3 problems in the data files; nothing was written\n"
    );
    assert!(
        env.bytes("factline.db") == before,
        "a failed import changed the database"
    );

    // A TOML syntax error is caught the same way.
    env.write(
        "data/claims/sample.toml",
        "[[claim]]\nid = \"x\"\nwhen = 1994-\n",
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: data/claims/sample.toml:3: "),
        "{}",
        run.stderr
    );
    assert!(env.bytes("factline.db") == before);
}

#[test]
fn bad_data_on_a_fresh_directory_creates_no_database() {
    let env = Env::new();
    env.write("data/claims/bad.toml", "[[claim]]\nid = \"Bad Id\"\n");
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert!(!env.path().join("factline.db").exists());
}

#[test]
fn bundled_dataset_can_be_imported_anywhere() {
    let env = Env::empty();
    let run = env.ok(&["import", "--bundled", "--db", "corpus.db"]);
    assert!(
        run.stderr
            .starts_with("imported the bundled dataset into corpus.db: added "),
        "{}",
        run.stderr
    );
    let again = env.ok(&["import", "--bundled", "--db", "corpus.db"]);
    assert!(
        again.stderr.starts_with("nothing to change"),
        "{}",
        again.stderr
    );
}

#[test]
fn without_paths_and_without_data_dir_the_error_says_what_to_do() {
    let env = Env::empty();
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no data/ directory here; give the data files or directories to import (e.g. \
         `factline import path/to/data`), or use --bundled\n"
    );
}

/// Two claims as JSON Lines: the fields of a `[[claim]]` table, citations under "citation".
const JSONL: &str = r#"{"id":"kz-population-2012","subject":"kazakhstan","predicate":"population","quantity":{"amount":16700000,"bound":"about"},"when":"2012","citation":[{"source":"rousseau-2011","quote":"nearly 17 million","locator":"line 19","credibility":3}]}

{"id":"kant-lease-2","subject":"russia","predicate":"leases","object":"kant-air-base","when":"2003/..","note":"From the JSON feed.","citation":[{"source":"excerpt-2013","quote":"has leased Kant airbase","locator":"line 16","method":"extracted","extractor_score":0.8,"credibility":2}]}
"#;

#[test]
fn claims_import_from_json_lines_beside_toml_files() {
    let env = Env::new();
    env.write("data/claims/feed.jsonl", JSONL);
    let run = env.ok(&["import"]);
    assert_eq!(
        run.stderr,
        "imported data into factline.db: added 7 claims, 2 sources, 5 entities, 4 predicates\n"
    );
    let show = env.ok(&["show", "kant-lease-2"]);
    assert!(
        show.stdout.contains("recorded    ") && show.stdout.contains("data/claims/feed.jsonl"),
        "{}",
        show.stdout
    );
    // The note and the quote are searchable, as for claims from TOML files.
    let search = env.ok(&["search", "feed", "--format", "json"]);
    assert!(
        search.stdout.contains("\"claim\": \"kant-lease-2\""),
        "{}",
        search.stdout
    );
    // Importing the same lines again changes nothing.
    let again = env.ok(&["import"]);
    assert!(
        again.stderr.starts_with("nothing to change"),
        "{}",
        again.stderr
    );
}

#[test]
fn bad_json_lines_are_reported_by_line_and_nothing_is_written() {
    let env = Env::new();
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    let bad = format!(
        "{}{}\n{}\n",
        JSONL.replace("\"kazakhstan\"", "\"kazakstan\""),
        r#"{"id":"x1","subject":"russia","predicate":"leases","object":"kant-air-base","when":"2003","citation":[],"colour":"red"}"#,
        r#"{"id":"x2", "subject": "russia""#,
    );
    env.write("data/claims/feed.jsonl", &bad);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "error: data/claims/feed.jsonl:1: claim `kz-population-2012`, field `subject`: unknown \
         entity `kazakstan`; did you mean `kazakhstan`?"
    );
    assert!(
        lines[1].starts_with("data/claims/feed.jsonl:4: unknown field `colour`"),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].starts_with("data/claims/feed.jsonl:5: EOF while parsing an object"),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[3],
        "3 problems in the data files; nothing was written"
    );
    assert!(
        env.bytes("factline.db") == before,
        "a failed import changed the database"
    );
}

#[test]
fn a_bad_last_line_after_many_good_ones_leaves_no_new_database() {
    // The bulk path writes claims while it validates; the transaction must still roll back
    // and the half-built file must disappear.
    let env = Env::new();
    let mut lines = String::new();
    for i in 0..2000 {
        lines.push_str(
            &JSONL
                .lines()
                .next()
                .unwrap_or_default()
                .replace("kz-population-2012", &format!("kz-population-x{i}")),
        );
        lines.push('\n');
    }
    lines.push_str(r#"{"id":"late","subject":"russia","predicate":"leases","object":"kant-air-base","when":"2011-02-30","citation":[{"source":"excerpt-2013","quote":"q","locator":"line 1","credibility":2}]}"#);
    env.write("data/claims/feed.jsonl", &lines);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: data/claims/feed.jsonl:2001: claim `late`, field `when`: "),
        "{}",
        run.stderr
    );
    let names: Vec<String> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("factline.db"))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // Into an existing database, the same: byte for byte unchanged, nothing searchable.
    env.write("data/claims/feed.jsonl", "");
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    env.write("data/claims/feed.jsonl", &lines);
    assert_eq!(env.run(&["import"]).code, 2);
    assert!(env.bytes("factline.db") == before);
    let search = env.run(&["search", "nearly"]);
    assert!(
        !search.stdout.contains("kz-population-x"),
        "{}",
        search.stdout
    );
}

#[test]
fn a_bulk_load_into_an_empty_database_rebuilds_every_index() {
    let env = Env::new();
    env.write("data/claims/feed.jsonl", JSONL);
    env.ok(&["import"]);
    let indexes = env.ok(&[
        "sql",
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ('claim', 'citation', 'claim_qualifier') ORDER BY name",
        "--format",
        "csv",
    ]);
    assert_eq!(
        indexes
            .stdout
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n"),
        "name\ncitation_claim\ncitation_source\nclaim_current_id\nclaim_history_id\n\
         claim_object\nclaim_origin\nclaim_predicate\nclaim_qualifier_entity\nclaim_subject\n\
         claim_timeline\nclaim_window\n"
    );
}
