//! `factline timeline`: order, honest dates, the table and the JSON contract.

use similar_asserts::assert_eq;

use crate::{Env, fixtures};

#[test]
fn table_lists_claims_in_the_documented_order() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["timeline"]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "\
┌───────────────┬──────────────────────────────────────────────────┬────────────────────────────┐
│ When          ┆ What                                             ┆ Sources                    │
╞═══════════════╪══════════════════════════════════════════════════╪════════════════════════════╡
│ until 2032    ┆ Russia leases Kant air base                      ┆ excerpt-2013 (lines 16-17) │
│ 1994          ┆ Military Cooperation Treaty signed by Kazakhstan ┆ rousseau-2011 (line 11)    │
│               ┆ and Russia                                       ┆                            │
│ c. 2011       ┆ Kazakhstan population: 16.3 million persons      ┆ rousseau-2011 (line 19)    │
│ c. 2011       ┆ ethnic Russians: 25% of Kazakhstan's population  ┆ rousseau-2011 (line 17)    │
│ 2013 or later ┆ ethnic Russians: nearly 22% of Kazakhstan's      ┆ excerpt-2013 (line 67)     │
│               ┆ population                                       ┆                            │
└───────────────┴──────────────────────────────────────────────────┴────────────────────────────┘
"
    );
}

#[test]
fn json_follows_the_contract() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["timeline", "--format", "json"]);
    let expected = std::fs::read_to_string(fixtures().join("expected/timeline.json")).unwrap();
    assert_eq!(run.stdout, expected);

    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let entries = parsed["entries"].as_array().unwrap();
    for entry in entries {
        for key in [
            "claim",
            "when",
            "earliest",
            "latest",
            "precision",
            "label",
            "predicate",
            "entities",
            "value",
            "citations",
        ] {
            assert!(entry.get(key).is_some(), "entry lacks `{key}`: {entry}");
        }
        for citation in entry["citations"].as_array().unwrap() {
            for key in ["source", "quote", "locator"] {
                assert!(citation[key].is_string(), "citation lacks `{key}`");
            }
        }
    }
    let lease = &entries[0];
    assert_eq!(lease["when"], "../2032");
    assert_eq!(lease["earliest"], serde_json::Value::Null);
    assert_eq!(lease["latest"], "2032-12-31");
    let treaty = &entries[1];
    assert_eq!(treaty["value"], serde_json::Value::Null);
    assert_eq!(treaty["earliest"], "1994-01-01");
    assert_eq!(treaty["precision"], "year");
    let share = &entries[4];
    assert_eq!(share["value"]["type"], "quantity");
    assert_eq!(share["value"]["bound"], "nearly");
    assert_eq!(share["value"]["amount"], 22.0);
    assert_eq!(share["value"]["unit"], "percent");
}

#[test]
fn without_a_database_the_bundled_dataset_is_used_and_said_once() {
    let env = Env::empty();
    let run = env.ok(&["timeline"]);
    let notes: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(
        notes[0].starts_with("factline: no database at factline.db; using the bundled dataset ("),
        "{}",
        run.stderr
    );
    assert!(
        !env.path().join("factline.db").exists(),
        "a read command created a database"
    );

    // The seed facts, in chronological order.
    let json = env.ok(&["timeline", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = parsed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["claim"].as_str().unwrap())
        .collect();
    let position = |id: &str| {
        ids.iter()
            .position(|x| *x == id)
            .unwrap_or_else(|| panic!("{id} missing from the bundled timeline"))
    };
    let order = [
        "kant-air-base-lease",
        "kz-russian-share-1989",
        "ru-kz-military-cooperation-treaty-signed",
        "ru-kz-joint-exercises-2009-2011",
        "kz-population-rousseau",
        "kz-russian-share-rousseau",
        "kz-russian-share-excerpt",
        "kz-population-caravanserai",
    ];
    for pair in order.windows(2) {
        assert!(
            position(pair[0]) < position(pair[1]),
            "{} should come before {}",
            pair[0],
            pair[1]
        );
    }
    for id in ["kz-population-excerpt", "kz-russian-population-excerpt"] {
        position(id);
    }
    // Every entry is sorted by the documented key.
    let keys: Vec<(String, String)> = parsed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["earliest"].as_str().unwrap_or("0000").to_string(),
                e["latest"].as_str().unwrap_or("9999").to_string(),
            )
        })
        .collect();
    for pair in keys.windows(2) {
        assert!(pair[0] <= pair[1], "{pair:?} out of order");
    }
}

#[test]
fn the_database_path_comes_from_the_environment_too() {
    let env = Env::new();
    env.ok(&["import", "--db", "other.db"]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(["timeline", "--format", "json"])
        .current_dir(env.path())
        .env("FACTLINE_DB", "other.db")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(String::from_utf8_lossy(&output.stdout).contains("kz-population-2011"));
}
