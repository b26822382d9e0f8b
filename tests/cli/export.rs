//! `factline export`: data files back out, identical after a round trip, decisions included.

use similar_asserts::assert_eq;

use crate::Env;

const RESOLUTION: &str = "[[resolution]]
conflict = \"value:kz-russian-share-2011+kz-russian-share-2013\"
prefer = \"kz-russian-share-2011\"
deprecate = [\"kz-russian-share-2013\"]
reason = \"more reliable source\"
note = \"The excerpt's author cannot be judged.\"
by = \"analyst-a\"
recorded_at = \"2026-01-05T10:00:00Z\"
";

fn tree(env: &Env, dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let root = env.path().join(dir);
    let mut stack = vec![root.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn export_import_export_is_the_identity_and_keeps_decisions() {
    let env = Env::new();
    env.write("data/resolutions.toml", RESOLUTION);
    let run = env.ok(&["import"]);
    assert_eq!(
        run.stderr,
        "imported data into factline.db: added 5 claims, 2 sources, 5 entities, 4 predicates, \
         1 resolution\n"
    );
    // The decision ranks the claims: the deprecated one leaves the default timeline.
    let timeline = env.ok(&[
        "timeline",
        "--format",
        "jsonl",
        "--predicate",
        "population_share",
    ]);
    assert_eq!(timeline.stdout.lines().count(), 1);
    assert!(timeline.stdout.contains("\"rank\":\"preferred\""));

    let run = env.ok(&["export", "--out", "first"]);
    assert_eq!(
        run.stderr,
        "exported 5 claims, 2 sources, 5 entities, 4 predicates, 0 rules, 1 resolution to first (5 files)\n"
    );
    env.ok(&["import", "first", "--db", "second.db"]);
    env.ok(&["export", "--db", "second.db", "--out", "second"]);
    let first = tree(&env, "first");
    assert_eq!(first, tree(&env, "second"));
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "claims/sample.toml",
            "entities.toml",
            "predicates.toml",
            "resolutions.toml",
            "sources.toml"
        ]
    );
    let resolutions = &first[3].1;
    assert!(
        resolutions.contains("prefer = \"kz-russian-share-2011\""),
        "{resolutions}"
    );
    // The re-imported database ranks the claims the same way.
    let again = env.ok(&[
        "timeline",
        "--db",
        "second.db",
        "--format",
        "jsonl",
        "--predicate",
        "population_share",
        "--rank",
        "all",
    ]);
    assert!(again.stdout.contains("\"rank\":\"deprecated\""));
    // Importing the same resolution twice records it once.
    let twice = env.ok(&["import", "first", "--db", "second.db"]);
    assert!(
        twice.stderr.starts_with("nothing to change"),
        "{}",
        twice.stderr
    );
}

#[test]
fn export_refuses_to_overwrite_and_json_has_everything() {
    let env = Env::new();
    env.ok(&["import"]);
    env.write("busy/keep.txt", "mine");
    let run = env.run(&["export", "--out", "busy"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: busy is not empty; export into a new directory, or add --force to overwrite\n"
    );
    assert_eq!(env.read("busy/keep.txt"), "mine");
    let run = env.ok(&["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for (key, n) in [
        ("sources", 2),
        ("entities", 5),
        ("predicates", 4),
        ("claims", 5),
        ("resolutions", 0),
    ] {
        assert_eq!(doc[key].as_array().unwrap().len(), n, "{key}");
    }
}

#[test]
fn a_resolution_naming_an_unknown_claim_is_rejected() {
    let env = Env::new();
    env.write(
        "data/resolutions.toml",
        &RESOLUTION.replace(
            "prefer = \"kz-russian-share-2011\"",
            "prefer = \"kz-russian-share-2012\"",
        ),
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: data/resolutions.toml:3: resolution of \
         `value:kz-russian-share-2011+kz-russian-share-2013`, field `prefer`: unknown claim \
         `kz-russian-share-2012`; did you mean `kz-russian-share-2011`?\n\
         1 problem in the data files; nothing was written\n"
    );
}

#[test]
fn a_resolution_imported_on_its_own_names_the_claims_the_database_holds() {
    let env = Env::new();
    env.ok(&["import"]);
    // Its claims are in the database only: an import of claims alone never reads their ids,
    // one with resolutions reads them from the database it writes.
    env.write("data/resolutions.toml", RESOLUTION);
    let run = env.ok(&["import", "data/resolutions.toml"]);
    assert!(run.stderr.contains("1 resolution"), "{}", run.stderr);
    let run = env.ok(&["sql", "--format", "csv", "select preferred from resolution"]);
    // The CSV opens with a byte-order mark, for spreadsheets.
    assert!(
        run.stdout.ends_with("preferred\nkz-russian-share-2011\n"),
        "{}",
        run.stdout
    );
    env.write(
        "data/resolutions.toml",
        &RESOLUTION
            .replace(
                "kz-russian-share-2011\"\ndeprecate",
                "kz-russian-share-2012\"\ndeprecate",
            )
            .replace("10:00:00Z", "11:00:00Z"),
    );
    let run = env.run(&["import", "data/resolutions.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "field `prefer`: unknown claim `kz-russian-share-2012`; did you mean \
             `kz-russian-share-2011`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn datasette_export_writes_a_copy_and_metadata_describing_every_column() {
    let env = Env::new();
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    let run = env.ok(&["export", "--format", "datasette", "--out", "browse"]);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("datasette browse/factline.db -m browse/metadata.json")
    );
    // The source is only read.
    assert_eq!(env.bytes("factline.db"), before);
    let doc: serde_json::Value = serde_json::from_str(&env.read("browse/metadata.json")).unwrap();
    for key in ["title", "description", "license", "source"] {
        assert!(doc[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    let db = &doc["databases"]["factline"];
    let tables = db["tables"].as_object().unwrap();
    let copy = rusqlite::Connection::open(env.path().join("browse/factline.db")).unwrap();
    // The copy holds the same claims, in one file (no write-ahead log), searchable.
    let claims: i64 = copy
        .query_row("SELECT count(*) FROM current_claim", [], |r| r.get(0))
        .unwrap();
    let original: i64 = rusqlite::Connection::open(env.path().join("factline.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM current_claim", [], |r| r.get(0))
        .unwrap();
    assert_eq!((claims, original), (5, 5));
    let mode: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let mut stmt = copy
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%'
               AND m.name <> 'refinery_schema_history' AND m.name NOT LIKE 'claim_text_%'",
        )
        .unwrap();
    let columns: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(columns.len() > 200, "{}", columns.len());
    for (table, column) in &columns {
        let entry = &tables[table.as_str()];
        assert!(entry["description"].as_str().is_some(), "{table}");
        assert!(
            entry["columns"][column.as_str()].as_str().is_some(),
            "{table}.{column} has no description"
        );
    }
    for hidden in [
        "refinery_schema_history",
        "claim_text_data",
        "claim_text_idx",
        "claim_text_content",
    ] {
        assert_eq!(tables[hidden]["hidden"], true, "{hidden}");
    }
    assert_eq!(tables["claim_search"]["fts_table"], "claim_text");
    assert_eq!(tables["claim_search"]["fts_pk"], "text_id");
    // The canned queries run on the copy; the population question has its answer.
    let queries = db["queries"].as_object().unwrap();
    for name in [
        "population",
        "decisions",
        "entity",
        "sources",
        "claims_by_source",
    ] {
        assert!(queries.contains_key(name), "{name}");
    }
    let sql = queries["population"]["sql"].as_str().unwrap();
    let rows: Vec<(String, String, String)> = copy
        .prepare(sql)
        .unwrap()
        .query_map(rusqlite::named_params! {":country": "Kazakhstan"}, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [(
            "Kazakhstan's Strategic and Military Relations with Russia".to_string(),
            "C3".to_string(),
            "16.3 million persons".to_string()
        )]
    );
    // The search the metadata sets up, as Datasette runs it, finds claim ids and labels.
    let hits: Vec<(String, String)> = copy
        .prepare(
            "SELECT claim_id, label FROM claim_search WHERE text_id IN
               (SELECT rowid FROM claim_text WHERE claim_text MATCH '\"leasing\"')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        hits,
        [
            (
                "kant-lease".to_string(),
                "Russia leases Kant air base".to_string()
            ),
            (
                "kant-lease".to_string(),
                "Russia leases Kant air base".to_string()
            )
        ]
    );
}

#[test]
fn datasette_export_refuses_a_file_or_a_busy_directory_and_prints_metadata_alone() {
    let env = Env::new();
    env.ok(&["import"]);
    env.write("old/metadata.json", "{}");
    let run = env.run(&[
        "export",
        "--format",
        "datasette",
        "--out",
        "old/metadata.json",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("old/metadata.json is a file"),
        "{}",
        run.stderr
    );
    let run = env.run(&["export", "--format", "datasette", "--out", "old"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    env.ok(&["export", "--format", "datasette", "--out", "old", "--force"]);
    assert!(env.path().join("old/factline.db").is_file());
    // Without --out, only the metadata, for the database file as it is.
    let run = env.ok(&["export", "--format", "datasette"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(doc["databases"]["factline"]["tables"]["claim_overview"]["description"].is_string());
}

#[test]
fn the_bundled_dataset_with_its_tables_survives_export_and_import() {
    // Table rows are extracted citations: they must carry a score, or the exported files would
    // not import again.
    let env = Env::empty();
    env.ok(&["import", "--bundled"]);
    env.ok(&["export", "--out", "first"]);
    env.ok(&["import", "first", "--db", "second.db"]);
    env.ok(&["export", "--db", "second.db", "--out", "second"]);
    assert_eq!(tree(&env, "first"), tree(&env, "second"));
}
