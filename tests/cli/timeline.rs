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
┌───────────────┬─────────────────────────────────────────────────────┬────────────────────────────┐
│ When          ┆ What                                                ┆ Sources                    │
╞═══════════════╪═════════════════════════════════════════════════════╪════════════════════════════╡
│ 1994          ┆ Military Cooperation Treaty signed by Kazakhstan    ┆ rousseau-2011 (line 11)    │
│               ┆ and Russia                                          ┆                            │
│               ┆ id treaty-signed                                    ┆                            │
│ c. 2011       ┆ Kazakhstan population: 16.3 million persons         ┆ rousseau-2011 (line 19)    │
│               ┆ id kz-population-2011                               ┆                            │
│ c. 2011       ┆ ethnic Russians: 25% of Kazakhstan's population     ┆ rousseau-2011 (line 17)    │
│               ┆ id kz-russian-share-2011                            ┆                            │
│ 2013 or later ┆ ethnic Russians: nearly 22% of Kazakhstan's         ┆ excerpt-2013 (line 67)     │
│               ┆ population                                          ┆                            │
│               ┆ id kz-russian-share-2013                            ┆                            │
│ until 2032    ┆ Russia leases Kant air base                         ┆ excerpt-2013 (lines 16-17) │
│               ┆ id kant-lease                                       ┆                            │
└───────────────┴─────────────────────────────────────────────────────┴────────────────────────────┘
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
    // "until 2032" stands at its end, after the claims of 1994 to 2013.
    let lease = &entries[4];
    assert_eq!(lease["when"], "../2032");
    assert_eq!(lease["earliest"], serde_json::Value::Null);
    assert_eq!(lease["latest"], "2032-12-31");
    assert_eq!(lease["dataset"], false);
    let treaty = &entries[0];
    assert_eq!(treaty["value"], serde_json::Value::Null);
    assert_eq!(treaty["earliest"], "1994-01-01");
    assert_eq!(treaty["precision"], "year");
    let share = &entries[3];
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
        notes[0].starts_with(
            "factline: no database at factline.db (the default path); using the bundled dataset ("
        ),
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
        "kz-russian-share-1989",
        "ru-kz-military-cooperation-treaty-signed",
        "vzaimodeistvie-2008-held",
        "kz-population-rousseau",
        "kz-russian-share-rousseau",
        "kz-russian-share-excerpt",
        "kz-population-caravanserai",
        "kant-air-base-lease",
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
            // An open start stands at its latest possible day.
            let latest = e["latest"].as_str().unwrap_or("9999").to_string();
            (
                e["earliest"].as_str().unwrap_or(&latest).to_string(),
                latest.clone(),
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

/// The claim ids a timeline run prints, in order.
fn ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["timeline", "--format", "jsonl"];
    all.extend_from_slice(args);
    let run = env.ok(&all);
    run.stdout
        .lines()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            entry["claim"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn filters_by_entity_name_pair_predicate_kind_source_and_credibility() {
    let env = Env::new();
    env.ok(&["import"]);
    assert_eq!(
        ids(&env, &["--entity", "Qazaqstan"]),
        [
            "treaty-signed",
            "kz-population-2011",
            "kz-russian-share-2011",
            "kz-russian-share-2013"
        ]
    );
    assert_eq!(
        ids(
            &env,
            &["--entity", "kant-air-base", "--entity", "treaty-1994"]
        ),
        ["treaty-signed", "kant-lease"]
    );
    assert_eq!(
        ids(&env, &["--between", "Russia", "kazakhstan"]),
        ["treaty-signed"]
    );
    assert_eq!(
        ids(&env, &["--predicate", "population_share"]),
        ["kz-russian-share-2011", "kz-russian-share-2013"]
    );
    assert_eq!(ids(&env, &["--kind", "agreement"]), ["treaty-signed"]);
    assert_eq!(
        ids(&env, &["--source", "excerpt-2013"]),
        ["kz-russian-share-2013", "kant-lease"]
    );
    assert_eq!(
        ids(&env, &["--min-credibility", "2"]),
        ["treaty-signed", "kant-lease"]
    );
    // Documents and dataset rows: this corpus has no dataset, so every claim is a document's.
    assert_eq!(
        ids(&env, &["--source-kind", "datasets"]),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&env, &["--source-kind", "documents"]).len(),
        ids(&env, &[]).len()
    );
    assert_eq!(
        ids(
            &env,
            &[
                "--entity",
                "kazakhstan",
                "--source",
                "rousseau-2011",
                "--predicate",
                "population"
            ]
        ),
        ["kz-population-2011"]
    );
}

#[test]
fn time_windows_overlap_possible_spans_and_open_ends() {
    let env = Env::new();
    env.ok(&["import"]);
    // The lease (../2032) reaches back indefinitely; [2013..] reaches forward.
    assert_eq!(
        ids(&env, &["--from", "2012"]),
        ["kz-russian-share-2013", "kant-lease"]
    );
    assert_eq!(
        ids(&env, &["--to", "1995"]),
        ["treaty-signed", "kant-lease"]
    );
    assert_eq!(
        ids(&env, &["--from", "2011-06", "--to", "2011-06"]),
        ["kz-population-2011", "kz-russian-share-2011", "kant-lease"]
    );
    assert_eq!(ids(&env, &["--from", "2033"]), ["kz-russian-share-2013"]);
    let run = env.run(&["timeline", "--from", "2012", "--to", "2011"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: --from must not be later than --to\n");
    let run = env.run(&["timeline", "--from", "2011-02-30"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: --from: `2011-02-30` is not a valid EDTF date"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_filter_values_are_explained() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run(&["timeline", "--entity", "Kazakstan"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no entity is called `Kazakstan`; did you mean `Kazakhstan`?\n"
    );
    let run = env.run(&["timeline", "--predicate", "populaton"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no predicate is called `populaton`; did you mean `population`? Predicates: \
         leases, population, population_share, signed\n"
    );
    let run = env.run(&["timeline", "--source", "rousseau"]);
    assert_eq!(
        run.stderr,
        "error: no source is called `rousseau`; did you mean `rousseau-2011`?\n"
    );
    let run = env.run(&["timeline", "--min-credibility", "7"]);
    assert_eq!(run.code, 2);
}

#[test]
fn as_known_at_replays_the_database_on_a_past_date() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims.replace("amount = 16300000", "amount = 16400000"),
    );
    let run = env.run_at("2026-03-01T00:00:00Z", &["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["timeline", "--format", "jsonl", "--predicate", "population"];
        all.extend_from_slice(args);
        env.ok(&all)
            .stdout
            .lines()
            .map(|l| {
                let e: serde_json::Value = serde_json::from_str(l).unwrap();
                e["value"]["amount"].to_string()
            })
            .collect()
    };
    assert_eq!(value(&[]), ["16400000.0"]);
    assert_eq!(value(&["--as-known-at", "2026-02-01"]), ["16300000.0"]);
    assert_eq!(
        value(&["--as-known-at", "2026-03-01T00:00:00Z"]),
        ["16400000.0"]
    );
    // Before the first import the database knew no predicate at all.
    let run = env.run(&[
        "timeline",
        "--predicate",
        "population",
        "--as-known-at",
        "2025-12-31",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no predicate is called `population`"));
    let before = env.ok(&[
        "timeline",
        "--format",
        "jsonl",
        "--as-known-at",
        "2025-12-31",
    ]);
    assert!(before.stdout.is_empty(), "{}", before.stdout);
    let run = env.run(&["timeline", "--as-known-at", "last week"]);
    assert_eq!(run.code, 2);
}

#[test]
fn deprecated_claims_are_hidden_unless_asked() {
    let env = Env::new();
    env.ok(&["import"]);
    let conn = rusqlite::Connection::open(env.path().join("factline.db")).unwrap();
    conn.execute(
        "INSERT INTO assessment (claim_id, rank, reason, analyst, recorded_at)
         VALUES ('kz-russian-share-2013', 'deprecated', 'test', 'tester', '2026-01-03T00:00:00Z')",
        [],
    )
    .unwrap();
    drop(conn);
    let shares = ["--predicate", "population_share"];
    assert_eq!(ids(&env, &shares), ["kz-russian-share-2011"]);
    let mut all = shares.to_vec();
    all.extend(["--rank", "all"]);
    assert_eq!(
        ids(&env, &all),
        ["kz-russian-share-2011", "kz-russian-share-2013"]
    );
    let mut deprecated = shares.to_vec();
    deprecated.extend(["--rank", "deprecated"]);
    assert_eq!(ids(&env, &deprecated), ["kz-russian-share-2013"]);
    // Before the assessment was recorded, the claim was not deprecated.
    let mut earlier = shares.to_vec();
    earlier.extend(["--as-known-at", "2026-01-02T12:00:00Z"]);
    assert_eq!(
        ids(&env, &earlier),
        ["kz-russian-share-2011", "kz-russian-share-2013"]
    );
}

#[test]
fn markdown_is_a_briefing_with_footnotes_and_sources() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&[
        "timeline",
        "--format",
        "markdown",
        "--source",
        "excerpt-2013",
        "--title",
        "Kazakhstan brief",
    ]);
    assert_eq!(
        run.stdout,
        "# Kazakhstan brief\n\n\
         2 claims from the factline dataset · source excerpt-2013\n\n\
         - **2013 or later** — ethnic Russians: nearly 22% of Kazakhstan's population.[^1]\n\
         - **until 2032** — Russia leases Kant air base.[^2]\n\n\
         ## Sources\n\n\
         - **excerpt-2013**: “Report excerpt”, 2013 or later. Reliability F.\n\n\
         [^1]: excerpt-2013, line 67: “nearly 22% of its population” (credibility 3).\n\
         [^2]: excerpt-2013, lines 16-17: “has leased Kant airbase until 2032” (credibility 2).\n"
    );
}

#[test]
fn csv_has_one_row_per_claim_with_a_bom() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["timeline", "--format", "csv"]);
    let body = run
        .stdout
        .strip_prefix('\u{FEFF}')
        .expect("a UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "claim",
            "time_edtf",
            "time_words",
            "earliest",
            "latest",
            "precision",
            "label",
            "subject",
            "predicate",
            "entities",
            "value",
            "unit",
            "bound",
            "rank",
            "sources",
            "locators",
            "quotes",
            "note",
            "dataset"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    // "until 2032" stands at its end, after the claims of 1994 to 2013.
    assert_eq!(&rows[4][0], "kant-lease");
    assert_eq!(&rows[4][3], "");
    assert_eq!(&rows[4][4], "2032-12-31");
    assert_eq!(&rows[1][6], "Kazakhstan population: 16.3 million persons");
    assert_eq!(
        (&rows[1][10], &rows[1][11], &rows[1][12]),
        ("16300000", "persons", "exact")
    );
    assert_eq!(&rows[0][9], "treaty-1994; kazakhstan; russia");
    assert!(rows.iter().all(|r| &r[18] == "false"));
}

#[test]
fn timelinejs_dates_are_no_more_precise_than_the_claims() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&[
        "timeline",
        "--format",
        "timelinejs",
        "--group-by",
        "subject",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["title"]["text"]["headline"], "Timeline");
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), 5);
    // until 2032: a span of ten years to its known end, said in words, the drawn start
    // explained.
    assert_eq!(events[4]["start_date"], serde_json::json!({"year": 2022}));
    assert_eq!(events[4]["end_date"], serde_json::json!({"year": 2032}));
    assert_eq!(events[4]["display_date"], "until 2032");
    assert!(
        events[4]["text"]["text"]
            .as_str()
            .unwrap()
            .starts_with("<p><strong>until 2032</strong>. No start is known"),
        "{}",
        events[4]["text"]["text"]
    );
    assert_eq!(events[4]["group"], "Russia");
    assert_eq!(events[4]["dataset"], false);
    // A year is a year, not 1 January.
    assert_eq!(events[0]["start_date"], serde_json::json!({"year": 1994}));
    assert!(events[0].get("end_date").is_none());
    assert_eq!(events[0]["unique_id"], "claim-treaty-signed");
    let text = events[0]["text"]["text"].as_str().unwrap();
    assert!(
        text.contains(
            "“Kazakhstan and Russia signed their Military Cooperation Treaty the same year”"
        ),
        "{text}"
    );
    assert_eq!(events[3]["display_date"], "2013 or later");
}

#[test]
fn html_is_one_self_contained_page() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["timeline", "--format", "html"]);
    let page = &run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.trim_end().ends_with("</html>"));
    for id in [
        "kant-lease",
        "treaty-signed",
        "kz-population-2011",
        "kz-russian-share-2011",
        "kz-russian-share-2013",
    ] {
        assert!(
            page.contains(&format!("data-claim=\"{id}\"")),
            "{id} missing"
        );
    }
    assert_eq!(page.matches("<details>").count(), 5);
    assert!(page.contains("<blockquote>“has leased Kant airbase until 2032”</blockquote>"));
    // Nothing is fetched from elsewhere.
    for pattern in ["http://", "https://", "src=", "<link"] {
        assert!(!page.contains(pattern), "the page refers to `{pattern}`");
    }
}

#[test]
fn svg_draws_points_bars_and_open_ends() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["timeline", "--format", "svg"]);
    let svg = &run.stdout;
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1100 "));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<g class=\"entry\"").count(), 5);
    assert!(
        svg.contains("fill=\"url(#fade-left)\""),
        "the open start of the lease"
    );
    assert!(
        svg.contains("stroke-dasharray"),
        "approximate dates are dashed"
    );
    assert!(svg.contains(">until 2032 · Russia leases Kant air base</text>"));
    // Lanes per predicate by default.
    for lane in [
        ">leases</tspan>",
        ">signed</tspan>",
        ">population</tspan>",
        ">share of the population</tspan>",
    ] {
        assert!(svg.contains(lane), "lane {lane} missing");
    }
}
