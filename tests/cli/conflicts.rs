//! `factline conflicts` and `factline resolve`: find, explain, decide, and keep the decision
//! through the timeline and an export → import round trip.

use similar_asserts::assert_eq;

use crate::Env;

const CONFLICT: &str = "value:kz-russian-share-2011+kz-russian-share-2013";

fn json(run: &crate::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_share_disagreement_is_found_explained_and_exits_1() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--format", "json"]);
    assert_eq!(run.code, 1, "open conflicts exit 1");
    let doc = json(&run);
    assert_eq!(
        (doc["open"].as_u64(), doc["resolved"].as_u64()),
        (Some(1), Some(0))
    );
    let conflicts = doc["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c["id"], CONFLICT);
    assert_eq!(c["kind"], "value");
    assert_eq!(c["status"], "open");
    assert_eq!(c["subject"], "kazakhstan");
    assert_eq!(c["predicate"], "population_share");
    assert_eq!(c["resolution"], serde_json::Value::Null);
    let explanation = c["explanation"].as_str().unwrap();
    assert!(
        explanation.contains("25% allows 24.5–25.5% and nearly 22% allows 21.56–22%"),
        "{explanation}"
    );
    assert_eq!(c["suggestion"]["best"], 25.0);
    assert_eq!(c["suggestion"]["low"], 22.0);
    assert_eq!(c["suggestion"]["high"], 25.0);
    assert_eq!(c["suggestion"]["best_claim"], "kz-russian-share-2011");
    assert!(
        c["suggestion"]["reason"]
            .as_str()
            .unwrap()
            .contains("more reliable source (grade C against F)")
    );
    let claims = c["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0]["claim"], "kz-russian-share-2011");
    assert_eq!(claims[0]["when"], "2011~");
    assert_eq!(claims[0]["value"]["amount"], 25.0);
    let cite = &claims[1]["citations"][0];
    assert_eq!(cite["source"], "excerpt-2013");
    assert_eq!(cite["quote"], "nearly 22% of its population");
    assert_eq!(cite["locator"], "line 67");
    assert_eq!(cite["reliability"], "F");
    assert_eq!(cite["credibility"], 3);
}

#[test]
fn resolving_records_the_decision_everywhere() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run_at(
        "2026-02-03T04:05:06Z",
        &[
            "resolve",
            CONFLICT,
            "--prefer",
            "kz-russian-share-2011",
            "--deprecate",
            "kz-russian-share-2013",
            "--reason",
            "more reliable source",
            "--note",
            "The excerpt's author cannot be judged.",
            "--by",
            "analyst-a",
            "--save-to",
            "data/resolutions.toml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "resolved {CONFLICT}: preferred kz-russian-share-2011, deprecated \
             kz-russian-share-2013 (more reliable source) by analyst-a at 2026-02-03T04:05:06Z; \
             saved to data/resolutions.toml\n"
        )
    );
    // The report: resolved, with the decision, who and when; no open conflicts, exit 0.
    let run = env.ok(&["conflicts", "--format", "json"]);
    let doc = json(&run);
    assert_eq!(
        (doc["open"].as_u64(), doc["resolved"].as_u64()),
        (Some(0), Some(1))
    );
    let c = &doc["conflicts"][0];
    assert_eq!(c["status"], "resolved");
    assert_eq!(c["resolution"]["prefer"], "kz-russian-share-2011");
    assert_eq!(
        c["resolution"]["deprecate"],
        serde_json::json!(["kz-russian-share-2013"])
    );
    assert_eq!(c["resolution"]["by"], "analyst-a");
    assert_eq!(c["resolution"]["recorded_at"], "2026-02-03T04:05:06Z");
    let table = env.ok(&["conflicts"]);
    assert!(table.stdout.contains("resolved"), "{}", table.stdout);
    assert!(
        table.stdout.ends_with("0 open, 1 resolved\n"),
        "{}",
        table.stdout
    );

    // The timeline shows the preferred value and hides the deprecated one unless asked.
    let shares = env.ok(&[
        "timeline",
        "--format",
        "jsonl",
        "--predicate",
        "population_share",
    ]);
    let lines: Vec<&str> = shares.stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].contains("\"claim\":\"kz-russian-share-2011\"")
            && lines[0].contains("\"rank\":\"preferred\"")
    );
    let all = env.ok(&[
        "timeline",
        "--format",
        "jsonl",
        "--predicate",
        "population_share",
        "--rank",
        "all",
    ]);
    assert_eq!(all.stdout.lines().count(), 2);

    // The decision is in the data file, so a fresh import from the files keeps it…
    let saved = env.read("data/resolutions.toml");
    assert!(
        saved.starts_with(
            "[[resolution]]\nconflict = \"value:kz-russian-share-2011+kz-russian-share-2013\"\n"
        ),
        "{saved}"
    );
    env.ok(&["import", "data", "--db", "fresh.db"]);
    let fresh = env.ok(&["conflicts", "--db", "fresh.db", "--format", "json"]);
    assert_eq!(json(&fresh)["conflicts"][0]["status"], "resolved");
    // …and so does an export → import round trip.
    env.ok(&["export", "--out", "exported"]);
    env.ok(&["import", "exported", "--db", "round.db"]);
    let round = env.ok(&["conflicts", "--db", "round.db", "--format", "json"]);
    let c = &json(&round)["conflicts"][0];
    assert_eq!(c["status"], "resolved");
    assert_eq!(
        c["resolution"]["note"],
        "The excerpt's author cannot be judged."
    );
    let hidden = env.ok(&[
        "timeline",
        "--db",
        "round.db",
        "--format",
        "jsonl",
        "--predicate",
        "population_share",
    ]);
    assert_eq!(hidden.stdout.lines().count(), 1);
}

#[test]
fn resolve_explains_what_is_wrong() {
    let env = Env::new();
    let run = env.run(&[
        "resolve", CONFLICT, "--prefer", "x", "--reason", "r", "--by", "me",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no database at factline.db; decisions are recorded in a database: run \
         `factline import` first (or give --db)\n"
    );
    env.ok(&["import"]);
    let run = env.run(&[
        "resolve",
        "value:kz-russian-share-2011",
        "--prefer",
        "kz-russian-share-2011",
        "--reason",
        "r",
        "--by",
        "me",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: no conflict is called `value:kz-russian-share-2011`; did you mean \
             `{CONFLICT}`? (conflicts: {CONFLICT})\n"
        )
    );
    let run = env.run(&[
        "resolve",
        CONFLICT,
        "--prefer",
        "kz-population-2011",
        "--reason",
        "r",
        "--by",
        "me",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: --prefer kz-population-2011: not a claim of conflict {CONFLICT}; its claims \
             are kz-russian-share-2011, kz-russian-share-2013\n"
        )
    );
    let before = env.bytes("factline.db");
    let run = env.run(&[
        "resolve",
        CONFLICT,
        "--prefer",
        "kz-russian-share-2011",
        "--reason",
        " ",
        "--by",
        "me",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: --reason must not be empty\n");
    assert!(env.bytes("factline.db") == before);
}

#[test]
fn the_bundled_corpus_conflicts_and_the_cleared_non_conflicts() {
    let env = Env::empty();
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc = json(&run);
    let ids: Vec<&str> = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"value:kz-russian-share-excerpt+kz-russian-share-rousseau"),
        "{ids:?}"
    );
    assert!(
        ids.contains(
            &"derived:kz-population-excerpt+kz-russian-population-excerpt+kz-russian-share-excerpt"
        ),
        "{ids:?}"
    );
    let derived = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["kind"] == "derived"
                && c["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["claim"] == "kz-population-excerpt")
        })
        .unwrap();
    assert!(
        derived["explanation"]
            .as_str()
            .unwrap()
            .contains("4.6 million persons ÷ 17.6 million persons = 26.1%"),
        "{}",
        derived["explanation"]
    );
    let cleared = doc["cleared"].as_array().unwrap();
    let kind_of = |a: &str, b: &str| -> Option<String> {
        cleared
            .iter()
            .find(|c| {
                let claims: Vec<&str> = c["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect();
                claims.contains(&a) && claims.contains(&b)
            })
            .map(|c| c["kind"].as_str().unwrap().to_string())
    };
    // A share of one group is not the share of another.
    assert_eq!(
        kind_of("kz-kazakh-share-1989", "kz-russian-share-1989").as_deref(),
        Some("different_qualifiers")
    );
    // 37.8% in 1989 and 25% c. 2011 are a trend, not a contradiction.
    assert_eq!(
        kind_of("kz-russian-share-1989", "kz-russian-share-rousseau").as_deref(),
        Some("trend")
    );
    // Population 16.3 million c. 2011 and 17.6 million in 2013 or later: a plausible change.
    assert_eq!(
        kind_of("kz-population-rousseau", "kz-population-excerpt").as_deref(),
        Some("plausible_change")
    );
}

#[test]
fn a_once_only_event_dated_twice_is_a_date_conflict_unless_the_dates_overlap() {
    let env = Env::new();
    let extra = "[[claim]]\nid = \"treaty-signed-late\"\nsubject = \"treaty-1994\"\npredicate = \"signed\"\n\
                 qualifiers = { party = [\"kazakhstan\", \"russia\"] }\nwhen = \"WHEN\"\n\n[[claim.citation]]\n\
                 source = \"excerpt-2013\"\nquote = \"q\"\nlocator = \"line 1\"\ncredibility = 4\n";
    env.write("data/claims/late.toml", &extra.replace("WHEN", "1996"));
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--format", "json"]);
    let doc = json(&run);
    let date = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "date")
        .expect("a date conflict");
    assert_eq!(date["id"], "date:treaty-signed+treaty-signed-late");
    assert!(
        date["explanation"]
            .as_str()
            .unwrap()
            .contains("happens once"),
        "{}",
        date["explanation"]
    );
    assert_eq!(date["suggestion"]["best"], "1994");
    assert_eq!(date["suggestion"]["low"], "1994");
    assert_eq!(date["suggestion"]["high"], "1996");

    // 1994-05 lies within 1994: the same event, dated more precisely.
    env.write("data/claims/late.toml", &extra.replace("WHEN", "1994-05"));
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    let doc = json(&run);
    assert!(
        doc["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "date")
    );
    assert!(
        doc["cleared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "overlapping_dates:treaty-signed+treaty-signed-late"),
        "{}",
        doc["cleared"]
    );
}

#[test]
fn rules_are_declared_in_the_data_and_checked() {
    let env = Env::new();
    env.write(
        "data/rules.toml",
        "[[rule]]\nid = \"share\"\nkind = \"share_of_whole\"\nshare = \"population_share\"\n\
         part = \"group_populaton\"\nwhole = \"population\"\nqualifier = \"group\"\n",
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: data/rules.toml:5: rule `share`, field `part`: unknown predicate `group_populaton`\n\
         1 problem in the data files; nothing was written\n"
    );
}
