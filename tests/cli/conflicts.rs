//! `factline conflicts` and `factline resolve`: find, explain, decide, and keep the decision
//! through the timeline and an export → import round trip.

use similar_asserts::assert_eq;

use crate::Env;

const CONFLICT: &str = "value:kz-russian-share-2011+kz-russian-share-2013";

fn json(run: &crate::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_share_disagreement_is_a_tension_with_its_reading_and_does_not_fail() {
    let env = Env::new();
    env.ok(&["import"]);
    // 25% (c. 2011) against nearly 22% (2013 or later): only a strained reading reconciles them.
    let run = env.run(&["conflicts", "--format", "json"]);
    assert_eq!(run.code, 0, "tensions are listed but do not fail");
    let doc = json(&run);
    assert_eq!(
        (
            doc["open"].as_u64(),
            doc["tensions"].as_u64(),
            doc["resolved"].as_u64()
        ),
        (Some(0), Some(1), Some(0))
    );
    let conflicts = doc["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c["id"], CONFLICT);
    assert_eq!(c["kind"], "value");
    assert_eq!(c["verdict"], "tension");
    assert_eq!(c["status"], "open");
    assert_eq!(c["subject"], "kazakhstan");
    assert_eq!(c["subject_name"], "Kazakhstan");
    assert_eq!(c["predicate"], "population_share");
    assert_eq!(c["resolution"], serde_json::Value::Null);
    let explanation = c["explanation"].as_str().unwrap();
    assert!(
        explanation.contains("25% allows 24.5–25.5% and nearly 22% allows 21.56–22%"),
        "{explanation}"
    );
    assert!(
        explanation.starts_with("share of the population of Kazakhstan (group = ethnic Russians)"),
        "names, not ids: {explanation}"
    );
    let reading = c["reading"].as_str().unwrap();
    assert!(
        reading.contains("excerpt-2013's nearly 22% dates from 2014 or later"),
        "{reading}"
    );
    // A share that falls has no best across dates: the best is for 2013, the entry's time,
    // and the 2011 figure, though from the better source, is older.
    assert_eq!(c["suggestion"]["best"], 22.0);
    assert_eq!(c["suggestion"]["low"], 22.0);
    assert_eq!(c["suggestion"]["high"], 25.0);
    assert_eq!(c["suggestion"]["for_time"], "2013");
    let reason = c["suggestion"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("is for the time in question (2013 or later), while kz-russian-share-2011 is older (c. 2011)"),
        "{reason}"
    );
    let sides = c["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2);
    assert_eq!(
        sides[0]["claims"],
        serde_json::json!(["kz-russian-share-2011"])
    );
    assert_eq!(sides[0]["independent_sources"], 1);
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

    // Read as the same year, the two figures conflict, and the report exits 1.
    let data = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &data.replace("when = \"[2013..]\"", "when = \"2011-06\""),
    );
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--format", "json"]);
    assert_eq!(run.code, 1, "open conflicts exit 1");
    let doc = json(&run);
    assert_eq!(doc["conflicts"][0]["verdict"], "conflict");
    assert_eq!(doc["open"], 1);
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
    // The report: resolved, with the decision, who and when; nothing open, exit 0.
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

fn ids(doc: &serde_json::Value, key: &str) -> Vec<String> {
    doc[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// The entry of `key` whose claims include both `a` and `b`.
fn entry_with<'d>(
    doc: &'d serde_json::Value,
    key: &str,
    a: &str,
    b: &str,
) -> Option<&'d serde_json::Value> {
    doc[key].as_array().unwrap().iter().find(|c| {
        let claims: Vec<&str> = c["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().or_else(|| x["claim"].as_str()).unwrap())
            .collect();
        claims.contains(&a) && claims.contains(&b)
    })
}

#[test]
fn the_bundled_corpus_conflicts_tensions_and_consistent_readings() {
    let env = Env::empty();
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    assert_eq!(run.code, 1);
    let doc = json(&run);
    // The bundled World Bank series puts "about 16 million" (c. 2017) and "16.3 million"
    // (c. 2011) below its curve, and makes 4.6 million a share the excerpt does not state; the
    // derived 26.1% share is a conflict; 25% against "nearly 22%" a tension.
    assert_eq!(
        ids(&doc, "conflicts"),
        vec![
            "series:kz-population-caravanserai+worldbank-population",
            "derived:kz-russian-population-excerpt+kz-russian-share-excerpt",
            "value:kz-population-caravanserai+kz-population-excerpt",
            "value:kz-population-excerpt+kz-population-rousseau",
            "value:kz-russian-share-excerpt+kz-russian-share-rousseau",
            "series:kz-population-rousseau+worldbank-population",
        ]
    );
    let about16 = &doc["conflicts"][0];
    assert!(
        about16["reading"]
            .as_str()
            .unwrap()
            .contains("about 14.2% below it"),
        "{}",
        about16["reading"]
    );
    assert_eq!(
        about16["suggestion"]["best_claim"],
        "wb-population-kazakhstan-2017"
    );
    // The 4.6 million problem is one entry, with every whole, naming 4.6 million as the outlier
    // and suggesting the stated share; decisions on the two entries it gathers still count.
    let derived = &doc["conflicts"][1];
    assert_eq!(derived["verdict"], "conflict");
    let explanation = derived["explanation"].as_str().unwrap();
    assert!(
        explanation.contains(
            "4.6 million persons ÷ 17.6 million persons (ca-russia-excerpt-2013) = 26.1%"
        ) && explanation.contains("Population, total (SP.POP.TOTL), World Development Indicators (international estimate), 2013) = 26.2%"),
        "{explanation}"
    );
    assert_eq!(
        derived["replaces"],
        serde_json::json!([
            "derived:kz-population-excerpt+kz-russian-population-excerpt+kz-russian-share-excerpt",
            "derived:kz-russian-population-excerpt+kz-russian-share-excerpt+worldbank-population"
        ])
    );
    assert_eq!(derived["outlier"]["claim"], "kz-russian-population-excerpt");
    assert_eq!(derived["outlier"]["term"], "part");
    let why = derived["outlier"]["why"].as_str().unwrap();
    assert!(
        why.starts_with(
            "4.6 million persons is the outlier: nearly 22% of 17.6 million persons is 3.87 million persons"
        ),
        "{why}"
    );
    assert_eq!(derived["suggestion"]["best"], 22.0);
    assert_eq!(derived["suggestion"]["for_time"], "2013");
    // No entry suggests the 26.2% the bad term implies.
    for entry in doc["conflicts"].as_array().unwrap() {
        let best = entry["suggestion"]["best"].as_f64();
        assert!(
            best.is_none_or(|b| !(26.0..26.3).contains(&b)),
            "{}: {best:?}",
            entry["id"]
        );
    }
    // 17.6 million (2013 or later) and "about 16 million" (c. 2017) fall while the World Bank
    // series rises: not consistent.
    let fall = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "value:kz-population-caravanserai+kz-population-excerpt")
        .expect("17.6 against about 16 million");
    assert_eq!(fall["verdict"], "tension");
    assert!(
        fall["reading"]
            .as_str()
            .unwrap()
            .contains("a change against the series' direction"),
        "{}",
        fall["reading"]
    );
    let share = &doc["conflicts"][4];
    assert_eq!(share["verdict"], "tension");
    assert!(
        share["reading"]
            .as_str()
            .unwrap()
            .contains("nearly 22% dates from 2014 or later"),
        "{}",
        share["reading"]
    );
    // A share of one group is never compared with the share of another.
    assert!(
        entry_with(
            &doc,
            "cleared",
            "kz-kazakh-share-1989",
            "kz-russian-share-1989"
        )
        .is_none()
    );
    assert!(
        entry_with(
            &doc,
            "conflicts",
            "kz-kazakh-share-1989",
            "kz-russian-share-1989"
        )
        .is_none()
    );
    // 37.8% in 1989 and 25% c. 2011: a change the typical rate allows.
    let trend = entry_with(
        &doc,
        "cleared",
        "kz-russian-share-1989",
        "kz-russian-share-rousseau",
    )
    .expect("the 1989 and 2011 shares are compared");
    assert_eq!(trend["verdict"], "consistent");
    assert!(
        trend["reading"]
            .as_str()
            .unwrap()
            .contains("0.53 points a year"),
        "{}",
        trend["reading"]
    );
    // Against the World Bank series' own trend: 16.3 million c. 2011 to 17.6 million in 2013
    // needs 2.4% a year, faster than the series ever rose near those years (1.57%); 17.6
    // million to "about 16 million" c. 2017 falls while the series rises.
    for (a, b, said) in [
        (
            "kz-population-rousseau",
            "kz-population-excerpt",
            "no faster than the 1.6% the Population, total (SP.POP.TOTL), World Development Indicators (international estimate) series rises at most",
        ),
        (
            "kz-population-excerpt",
            "kz-population-caravanserai",
            "a change against the series' direction",
        ),
    ] {
        let entry = entry_with(&doc, "conflicts", a, b).expect("compared");
        assert_eq!(entry["verdict"], "tension", "{entry}");
        assert!(entry["reading"].as_str().unwrap().contains(said), "{entry}");
    }
    // Consistent explanations name entities, never ids.
    for entry in doc["cleared"].as_array().unwrap() {
        let text = entry["explanation"].as_str().unwrap();
        assert!(!text.contains(" of kazakhstan"), "{text}");
    }
}

#[test]
fn thirty_copies_of_the_corpus_report_the_same_conflicts_thirty_times_corroborated() {
    // The documents' claims are copied; the bundled tables (data/mappings) are left out.
    let once = Env::bundled();
    std::fs::remove_dir_all(once.path().join("data/mappings")).unwrap();
    once.ok(&["import"]);
    let single = json(&once.run(&["conflicts", "--format", "json"]));
    let env = Env::bundled();
    std::fs::remove_dir_all(env.path().join("data/mappings")).unwrap();
    let claims = env.path().join("data/claims");
    let mut bundled = 0;
    for entry in std::fs::read_dir(&claims).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        bundled += text.lines().filter(|l| *l == "[[claim]]").count();
        for copy in 1..30 {
            let renamed: String = text
                .lines()
                .map(|line| match line.strip_prefix("id = \"") {
                    Some(rest) => {
                        format!("id = \"{}-copy{copy:02}\"\n", rest.trim_end_matches('"'))
                    }
                    None => format!("{line}\n"),
                })
                .collect();
            let name = format!(
                "{}-copy{copy:02}.toml",
                path.file_stem().unwrap().to_string_lossy()
            );
            std::fs::write(claims.join(name), renamed).unwrap();
        }
    }
    let run = env.run(&["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!("added {} claims", 30 * bundled);
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    let doc = json(&env.run(&["conflicts", "--format", "json"]));
    assert_eq!(ids(&doc, "conflicts"), ids(&single, "conflicts"));
    for (many, one) in doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .zip(single["conflicts"].as_array().unwrap())
    {
        assert_eq!(many["verdict"], one["verdict"]);
        for (side, single_side) in many["sides"]
            .as_array()
            .unwrap()
            .iter()
            .zip(one["sides"].as_array().unwrap())
        {
            assert_eq!(
                side["citations"].as_u64().unwrap(),
                30 * single_side["citations"].as_u64().unwrap()
            );
            assert_eq!(
                side["independent_sources"],
                single_side["independent_sources"]
            );
        }
    }
}

#[test]
fn the_world_bank_series_beside_the_documents_gives_a_handful_of_right_entries() {
    // The bundled data carry the World Bank series (data/mappings/worldbank-population.toml).
    let env = Env::bundled();
    let run = env.run(&["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    let doc = json(&run);
    let entries = doc["conflicts"].as_array().unwrap();
    let find = |id: &str, key: &str| {
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
    };
    // 17.6 million (2013 or later) agrees with the series, dated to 2013.
    let excerpt = find(
        "series:kz-population-excerpt+worldbank-population",
        "cleared",
    )
    .expect("17.6 million judged against the series");
    let reading = excerpt["reading"].as_str().unwrap();
    assert!(
        reading.contains("agrees with the Population, total (SP.POP.TOTL), World Development Indicators (international estimate) series: over 2013 it gives 17.6 million persons"),
        "{reading}"
    );
    // "About 16 million" (c. 2017) is one conflict with the series, about 14% below.
    let about16: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|c| {
            c["id"]
                .as_str()
                .unwrap()
                .starts_with("series:kz-population-caravanserai")
        })
        .collect();
    assert_eq!(about16.len(), 1, "{about16:#?}");
    assert_eq!(about16[0]["verdict"], "conflict");
    assert!(
        about16[0]["reading"]
            .as_str()
            .unwrap()
            .contains("about 14.2% below"),
        "{}",
        about16[0]["reading"]
    );
    assert_eq!(
        about16[0]["suggestion"]["best_claim"]
            .as_str()
            .map(|s| s.starts_with("wb-population-kazakhstan-")),
        Some(true)
    );
    // 16.3 million (c. 2011): at most one entry against the series.
    let rousseau = entries
        .iter()
        .filter(|c| c["kind"] == "series")
        .filter(|c| {
            c["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["claim"] == "kz-population-rousseau")
        })
        .count();
    assert!(rousseau <= 1, "{rousseau} entries for 16.3 million");
    // No World Bank year is reported against a document figure one by one.
    assert!(
        entries.iter().all(|c| c["kind"] != "value"
            || c["claims"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| !x["claim"].as_str().unwrap().starts_with("wb-"))),
        "{entries:#?}"
    );
    // 25% against "nearly 22%" stays, with its reading.
    let share = find(
        "value:kz-russian-share-excerpt+kz-russian-share-rousseau",
        "conflicts",
    )
    .expect("the share disagreement stays");
    assert!(share["reading"].as_str().unwrap().contains("2014 or later"));
    // A handful of entries, each with a reading.
    assert!(entries.len() <= 6, "{:#?}", ids(&doc, "conflicts"));
    assert!(
        entries
            .iter()
            .all(|c| !c["reading"].as_str().unwrap().is_empty())
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

#[test]
fn decisions_on_pairwise_ids_carry_over_to_the_side_that_holds_their_claims() {
    let env = Env::new();
    // A second source agreeing with the 25%: one side of two claims, named by its first.
    let data = env.read("data/claims/sample.toml");
    let start = data
        .find("[[claim]]\nid = \"kz-russian-share-2011\"")
        .unwrap();
    let end = start + data[start..].find("credibility = 3\n").unwrap() + "credibility = 3\n".len();
    let copy = data[start..end].replace("kz-russian-share-2011", "kz-russian-share-2011-bis");
    env.write("data/claims/bis.toml", &copy);
    // A decision recorded against the id the pairwise engine gave the other pair.
    env.write(
        "data/resolutions.toml",
        "[[resolution]]\nconflict = \"value:kz-russian-share-2011-bis+kz-russian-share-2013\"\n\
         prefer = \"kz-russian-share-2011-bis\"\ndeprecate = [\"kz-russian-share-2013\"]\n\
         reason = \"more reliable source\"\nby = \"analyst-a\"\n\
         recorded_at = \"2026-01-01T00:00:00Z\"\n",
    );
    env.ok(&["import"]);
    let doc = json(&env.run(&["conflicts", "--format", "json"]));
    let c = &doc["conflicts"][0];
    assert_eq!(c["id"], CONFLICT);
    assert_eq!(c["sides"][0]["claims"].as_array().unwrap().len(), 2);
    assert_eq!(c["status"], "resolved");
    assert_eq!(
        c["resolution"]["conflict"],
        "value:kz-russian-share-2011-bis+kz-russian-share-2013"
    );
    assert_eq!(doc["resolved"], 1);
}

#[test]
fn the_series_check_view_and_the_timeline_put_the_series_beside_each_figure() {
    // The bundled World Bank series against the documents' populations (issue 9).
    let env = Env::empty();
    let run = env.ok(&[
        "sql",
        "--format",
        "csv",
        "SELECT claim, series, method, round(series_value) AS value, gap_percent \
         FROM series_check WHERE subject = 'kazakhstan' ORDER BY claim",
    ]);
    assert_eq!(
        run.stdout.trim_start_matches('\u{feff}'),
        "claim,series,method,value,gap_percent\n\
         kz-population-caravanserai,worldbank-population,interpolated,18651931,-14.2\n\
         kz-population-excerpt,worldbank-population,interpolated,17556502,0.2\n\
         kz-population-rousseau,worldbank-population,interpolated,17066002,-4.5\n"
    );
    let run = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--predicate",
        "population",
        "--from",
        "2017",
        "--to",
        "2017",
        "--format",
        "json",
    ]);
    let doc = json(&run);
    let entries = doc["entries"].as_array().unwrap();
    let about16 = entries
        .iter()
        .find(|e| e["claim"] == "kz-population-caravanserai")
        .expect("the document's figure");
    assert_eq!(about16["series"][0]["series"], "worldbank-population");
    assert_eq!(about16["series"][0]["gap_percent"], -14.2);
    assert_eq!(
        about16["series"][0]["before"],
        "wb-population-kazakhstan-2017"
    );
    let point = entries
        .iter()
        .find(|e| e["claim"] == "wb-population-kazakhstan-2017")
        .expect("the series point");
    assert!(point.get("series").is_none(), "{point}");
    let table = env.ok(&[
        "timeline",
        "--entity",
        "Kazakhstan",
        "--predicate",
        "population",
        "--from",
        "2017",
        "--to",
        "2017",
    ]);
    // The series named by its title, its value worded as the label words the same figure.
    let text: String = table
        .stdout
        .lines()
        .map(|l| l.split('┆').nth(1).unwrap_or("").trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "series Population, total (SP.POP.TOTL), World Development Indicators: 18.7 million \
             persons (-14.2%)"
        ) && text.contains("Kazakhstan population: 18.7 million persons"),
        "{}",
        table.stdout
    );
}
