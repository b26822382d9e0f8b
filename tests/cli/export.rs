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
fn datasette_metadata_describes_every_table_view_and_column_it_names() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["export", "--format", "datasette"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let tables = doc["databases"]["factline"]["tables"].as_object().unwrap();
    let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'refinery_%'
             AND name NOT LIKE 'claim_text_%' ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for name in &names {
        assert!(tables.contains_key(name), "metadata lacks {name}");
    }
    for (table, entry) in tables {
        assert!(
            names.contains(table),
            "metadata names {table}, which the schema lacks"
        );
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        if let Some(described) = entry.get("columns").and_then(|c| c.as_object()) {
            for column in described.keys() {
                assert!(
                    columns.contains(column),
                    "{table}.{column} is not in the schema"
                );
            }
        }
    }
    // The canned query runs.
    let sql = doc["databases"]["factline"]["queries"]["population"]["sql"]
        .as_str()
        .unwrap();
    let n = conn
        .prepare(sql)
        .unwrap()
        .query_map([], |_| Ok(()))
        .unwrap()
        .count();
    assert_eq!(n, 1);
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
