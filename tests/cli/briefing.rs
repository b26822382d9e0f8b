//! The bundled timeline as a briefing: documents first, a reference series as one line in the
//! human formats and every row in the machine formats, open starts placed at their end, one
//! date in a range worded as one date, figures worded once.

use similar_asserts::assert_eq;

use crate::Env;

fn entries(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["timeline", "--format", "jsonl"];
    all.extend_from_slice(args);
    env.ok(&all)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_reference_series_is_one_line_unless_asked_for_in_full() {
    let env = Env::empty();
    let table = env.ok(&["timeline", "--entity", "Kazakhstan"]).stdout;
    // 65 World Bank rows for Kazakhstan: one line, its range and trend, the ids of its ends.
    assert!(
        !table.contains("id wb-population-kazakhstan-1961"),
        "{table}"
    );
    assert!(
        table.contains("ids wb-population-kazakhstan-1960 …"),
        "{table}"
    );
    assert!(table.contains("1960–2024"), "{table}");
    let full = env
        .ok(&["timeline", "--entity", "Kazakhstan", "--full-series"])
        .stdout;
    for year in 1960..=2024 {
        assert!(
            full.contains(&format!("id wb-population-kazakhstan-{year}\n"))
                || full.contains(&format!("id wb-population-kazakhstan-{year} ")),
            "{year}"
        );
    }
    // The machine formats keep every row, exact, and mark the dataset rows.
    let all = entries(&env, &["--entity", "Kazakhstan"]);
    let rows: Vec<&serde_json::Value> = all
        .iter()
        .filter(|e| e["predicate"] == "population" && e["dataset"] == true)
        .collect();
    assert_eq!(rows.len(), 65);
    let y2013 = rows
        .iter()
        .find(|e| e["claim"] == "wb-population-kazakhstan-2013")
        .unwrap();
    assert_eq!(y2013["value"]["amount"], 17_556_502.0);
    assert_eq!(y2013["citations"][0]["method"], "dataset");
    assert_eq!(
        y2013["citations"][0]["extractor_score"],
        serde_json::Value::Null
    );
    let doc = all
        .iter()
        .find(|e| e["claim"] == "kz-population-rousseau")
        .unwrap();
    assert_eq!(doc["dataset"], false);
    // --full-series is for the formats that collapse.
    let run = env.run(&["timeline", "--format", "json", "--full-series"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--full-series"), "{}", run.stderr);
}

#[test]
fn documents_and_datasets_are_filtered_by_kind_of_source() {
    let env = Env::empty();
    let documents = entries(
        &env,
        &["--entity", "Kazakhstan", "--source-kind", "documents"],
    );
    let datasets = entries(
        &env,
        &["--entity", "Kazakhstan", "--source-kind", "datasets"],
    );
    let all = entries(&env, &["--entity", "Kazakhstan"]);
    assert!(!documents.is_empty() && !datasets.is_empty());
    assert!(documents.iter().all(|e| e["dataset"] == false));
    assert!(datasets.iter().all(|e| e["dataset"] == true));
    assert_eq!(documents.len() + datasets.len(), all.len());
    let run = env.run(&["timeline", "--source-kind", "papers"]);
    assert_eq!(run.code, 2);
}

#[test]
fn open_starts_stand_at_their_end_and_a_date_in_a_range_is_one_date() {
    let env = Env::empty();
    let kazakhstan = entries(&env, &["--entity", "Kazakhstan"]);
    let at = |id: &str| {
        kazakhstan
            .iter()
            .position(|e| e["claim"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // "25 August 2017 or earlier" after what else is dated 2017 and before 2018, not first.
    let late = at("uz-interest-arlan-barys");
    assert!(at("kz-population-caravanserai") < late);
    assert!(at("wb-population-kazakhstan-1960") < late);
    assert_eq!(kazakhstan[late]["when_text"], "25 August 2017 or earlier");
    // "until 2032" after 2031, in Russia's timeline too.
    let russia = entries(&env, &["--entity", "Russia"]);
    let lease = russia
        .iter()
        .position(|e| e["claim"] == "kant-air-base-lease")
        .unwrap();
    assert!(lease > russia.len() / 2, "{lease} of {}", russia.len());
    for e in &russia[lease + 1..] {
        assert!(
            e["earliest"].as_str().is_some_and(|d| d > "2032-12-31")
                || e["earliest"].is_null() && e["latest"].as_str() >= Some("2032-12-31")
                || e["latest"].is_null(),
            "{e}"
        );
    }
    let ranged: Vec<&serde_json::Value> = kazakhstan
        .iter()
        .filter(|e| e["when"] == "[2008-07..2009-12]")
        .collect();
    assert!(!ranged.is_empty());
    for e in ranged {
        assert_eq!(
            e["when_text"],
            "at a date between July 2008 and December 2009"
        );
    }
}

#[test]
fn datasets_have_a_lane_of_their_own_and_figures_are_worded_once() {
    let env = Env::empty();
    let svg = env
        .ok(&["timeline", "--entity", "Kazakhstan", "--format", "svg"])
        .stdout;
    // ATOP's rows in a lane of their own; the World Bank's series is drawn as a chart instead
    // (tests/cli/charts.rs).
    assert!(
        svg.contains(
            "dataset: Alliance Treaty Obligations and Provisions (ATOP) 5.1, member-level file"
        ),
        "no dataset lane"
    );
    assert!(
        !svg.contains("dataset: Population, total"),
        "a lane beside the chart"
    );
    assert!(svg.contains("Population, total (SP.POP.TOTL), World Development Indicators (band"));
    let html = env
        .ok(&["timeline", "--entity", "Kazakhstan", "--format", "html"])
        .stdout;
    assert!(html.contains("dataset: Population, total"));
    // No raw amounts beside the label: the figure as a person writes it, once.
    assert!(!html.contains("17556502"), "a raw amount in the page");
    assert!(!html.contains(" persons (exact)"));
    let markdown = env
        .ok(&[
            "timeline",
            "--predicate",
            "population",
            "--from",
            "2013",
            "--to",
            "2013",
            "--format",
            "markdown",
            "--full-series",
        ])
        .stdout;
    assert!(
        markdown.contains("Kazakhstan population: 17.6 million persons"),
        "{markdown}"
    );
    assert!(!markdown.contains("17,556,502"), "{markdown}");
    // show says what a dataset row is, not an extraction with a score.
    let show = env.ok(&["show", "wb-population-kazakhstan-2013"]).stdout;
    assert!(show.contains("grading   dataset, credibility 2"), "{show}");
    assert!(!show.contains("extractor score"), "{show}");
}

#[test]
fn an_entity_timeline_includes_what_happened_in_its_places() {
    let env = Env::empty();
    let kazakhstan = entries(&env, &["--entity", "Kazakhstan"]);
    for (id, place) in [
        ("aktobe-bombing-2011-occurred", "aktobe"),
        ("astana-bombing-2011-occurred", "astana-city"),
    ] {
        let e = kazakhstan
            .iter()
            .find(|e| e["claim"] == id)
            .unwrap_or_else(|| panic!("{id} is not in Kazakhstan's timeline"));
        assert_eq!(e["place"], place);
    }
    // A claim that names the country itself is not marked.
    assert!(
        kazakhstan
            .iter()
            .filter(|e| e["claim"] == "kz-independence-1991")
            .all(|e| e.get("place").is_none())
    );
    let table = env.ok(&["timeline", "--entity", "Kazakhstan"]).stdout;
    assert!(
        table.contains("2011 Aktobe suicide bombing (in Aktobe,"),
        "{table}"
    );
    // Without --entity, nothing is marked.
    assert!(entries(&env, &[]).iter().all(|e| e.get("place").is_none()));
}

#[test]
fn a_place_is_located_in_an_entity_that_exists_and_not_in_itself() {
    let env = Env::new();
    env.write(
        "data/places.toml",
        "[[entity]]\nid = \"aktobe\"\nname = \"Aktobe\"\nkind = \"place\"\nlocated_in = \"kazakhstan\"\n\n\
         [[entity]]\nid = \"nowhere\"\nname = \"Nowhere\"\nkind = \"place\"\nlocated_in = \"atlantis\"\n\n\
         [[entity]]\nid = \"loop-a\"\nname = \"Loop A\"\nkind = \"place\"\nlocated_in = \"loop-b\"\n\n\
         [[entity]]\nid = \"loop-b\"\nname = \"Loop B\"\nkind = \"place\"\nlocated_in = \"loop-a\"\n\n\
         [[entity]]\nid = \"self\"\nname = \"Self\"\nkind = \"place\"\nlocated_in = \"self\"\n",
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for expected in [
        "data/places.toml:11: entity `nowhere`, field `located_in`",
        "entity `loop-a`, field `located_in`: the places it lies in lead back to it",
        "entity `loop-b`, field `located_in`: the places it lies in lead back to it",
        "entity `self`, field `located_in`: a place cannot lie in itself",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("`aktobe`"), "{}", run.stderr);
    assert!(!env.path().join("factline.db").exists());

    // A valid place is imported, read back by export, and moved by an edit.
    env.write(
        "data/places.toml",
        "[[entity]]\nid = \"aktobe\"\nname = \"Aktobe\"\nkind = \"place\"\nlocated_in = \"kazakhstan\"\n",
    );
    env.ok(&["import"]);
    let run = env.ok(&["export", "--out", "out"]);
    assert!(run.code == 0);
    let exported = std::fs::read_to_string(env.path().join("out/entities.toml")).unwrap();
    assert!(
        exported.contains("kind = \"place\"\naliases = []\nlocated_in = \"kazakhstan\""),
        "{exported}"
    );
    env.write(
        "data/places.toml",
        "[[entity]]\nid = \"aktobe\"\nname = \"Aktobe\"\nkind = \"place\"\nlocated_in = \"russia\"\n",
    );
    let run = env.ok(&["import"]);
    assert!(run.stderr.contains("changed 1 entity"), "{}", run.stderr);
    let row = env.ok(&[
        "sql",
        "SELECT located_in FROM entity_place WHERE entity_id = 'aktobe'",
        "--format",
        "csv",
    ]);
    assert!(row.stdout.contains("russia"), "{}", row.stdout);
}

#[test]
fn between_two_states_shows_the_alliances_they_share() {
    let env = Env::empty();
    let pair = entries(&env, &["--between", "Russia", "Kazakhstan"]);
    let ids: Vec<&str> = pair.iter().filter_map(|e| e["claim"].as_str()).collect();
    // Both members' rows of an alliance they share (ATOP 4220), each a claim of one state.
    for id in ["atop-4220-1-russia-1992", "atop-4220-1-kazakhstan-1992"] {
        assert!(ids.contains(&id), "{id} missing: {ids:?}");
    }
    // An alliance of one of them alone is not shown.
    let russia_only: Vec<String> = entries(
        &env,
        &["--entity", "Russia", "--predicate", "alliance_member"],
    )
    .iter()
    .filter_map(|e| e["value"]["entity"].as_str().map(String::from))
    .collect();
    let kazakh: Vec<String> = entries(
        &env,
        &["--entity", "Kazakhstan", "--predicate", "alliance_member"],
    )
    .iter()
    .filter_map(|e| e["value"]["entity"].as_str().map(String::from))
    .collect();
    for e in &pair {
        if let Some(alliance) = e["value"]["entity"].as_str()
            && e["predicate"] == "alliance_member"
        {
            assert!(
                russia_only.iter().any(|a| a == alliance) && kazakh.iter().any(|a| a == alliance),
                "{alliance} is not shared"
            );
        }
    }
    assert!(russia_only.len() > kazakh.len());
}

#[test]
fn search_filters_by_kind_of_source_too() {
    let env = Env::empty();
    let hits = |extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "search",
            "Kazakhstan",
            "--limit",
            "1000",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let run = env.ok(&args);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        doc["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["claim"].as_str().unwrap().to_string())
            .collect()
    };
    let all = hits(&[]);
    let documents = hits(&["--source-kind", "documents"]);
    let datasets = hits(&["--source-kind", "datasets"]);
    assert!(!documents.is_empty() && !datasets.is_empty());
    assert!(
        datasets
            .iter()
            .all(|id| id.starts_with("wb-") || id.starts_with("atop-"))
    );
    assert!(
        !documents
            .iter()
            .any(|id| id.starts_with("wb-") || id.starts_with("atop-"))
    );
    let mut both: Vec<String> = documents.iter().chain(&datasets).cloned().collect();
    let mut every = all.clone();
    both.sort();
    both.dedup();
    every.sort();
    every.dedup();
    assert_eq!(both, every);
}
