//! Reconciliation with a sparse reference series loaded beside the bundle: four Kazakh censuses,
//! written here as a table and mapped with `import-table`, judged against the bundled documents
//! and the World Bank series.

use crate::Env;

const CENSUS_SOURCE: &str = r#"
[[source]]
id = "kz-census"
title = "Population censuses of Kazakhstan, 1989-2021"
publisher = "Bureau of National Statistics of Kazakhstan"
kind = "dataset"
reliability = "B"
basis = "census"
tolerance = 0.01
"#;

const CENSUS_TABLE: &str = "year,population,russian_share
1989,16464464,37.8
1999,14953126,30.0
2009,16009597,23.7
2021,19186015,15.5
";

const CENSUS_MAPPING: &str = r#"
id = "kz-census"

[columns]
year = "year"
population = "population"
share = "russian_share"

[[claim]]
id = "kz-census-population-{year}"
subject = "kazakhstan"
predicate = "population"
quantity = "{population}"
when = "{year}"

[[claim]]
id = "kz-census-russian-share-{year}"
subject = "kazakhstan"
predicate = "population_share"
qualifiers = { group = ["ethnic-russians"] }
quantity = "{share}"
when = "{year}"

[citation]
source = "kz-census"
credibility = 2
locator = "year {year}"
quote = "{year},{population},{share}"
"#;

fn with_census() -> Env {
    let env = Env::bundled();
    env.write("data/census-source.toml", CENSUS_SOURCE);
    env.write("census.csv", CENSUS_TABLE);
    env.write("census.toml", CENSUS_MAPPING);
    env.ok(&["import"]);
    let run = env.ok(&["import-table", "census.csv", "--mapping", "census.toml"]);
    assert!(run.stderr.contains("added 8 claims"), "{}", run.stderr);
    env
}

fn report(env: &Env) -> serde_json::Value {
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("json")
}

fn entry<'d>(doc: &'d serde_json::Value, id: &str) -> &'d serde_json::Value {
    doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .chain(doc["cleared"].as_array().unwrap())
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id}: {doc:#}"))
}

#[test]
fn a_census_beside_the_bundle_is_read_as_an_estimate_between_its_points() {
    let env = with_census();
    let doc = report(&env);

    // "nearly 22%" (2013) lies on the census line drawn from 23.7% (2009) to 15.5% (2021).
    let nearly22 = entry(&doc, "series:kz-census+kz-russian-share-excerpt");
    assert!(
        nearly22["verdict"] == "consistent" || nearly22["verdict"] == "tension",
        "{nearly22:#}"
    );
    // 25% (c. 2011) is above even the 2009 census, while the share was falling; the gap is in
    // points, from the line's value at 2011, and the best is that value, not another census year.
    let rousseau = entry(&doc, "series:kz-census+kz-russian-share-rousseau");
    assert_eq!(rousseau["verdict"], "conflict", "{rousseau:#}");
    let reading = rousseau["reading"].as_str().unwrap();
    assert!(
        reading.contains("at 2011 the Population censuses of Kazakhstan, 1989-2021 (national census) series gives 22.33%")
            && reading.contains("interpolated between 2009 and 2021")
            && reading.contains("above even its 2009 figure (23.7%), while the series was falling"),
        "{reading}"
    );
    let points = rousseau["series_gap_points"].as_f64().unwrap();
    assert!((2.6..2.8).contains(&points), "{points}");
    assert!(rousseau.get("series_gap").is_none(), "{rousseau:#}");
    assert_eq!(rousseau["suggestion"]["best"], 22.33);
    assert_eq!(rousseau["suggestion"]["for_time"], "2011");

    // No suggested best is a census figure of another year than the one it is for.
    let census_values = [
        37.8, 30.0, 23.7, 15.5, 16464464.0, 14953126.0, 16009597.0, 19186015.0,
    ];
    for c in doc["conflicts"].as_array().unwrap() {
        let (Some(best), Some(time)) = (
            c["suggestion"]["best"].as_f64(),
            c["suggestion"]["for_time"].as_str(),
        ) else {
            continue;
        };
        if let Some(i) = census_values.iter().position(|v| *v == best) {
            let year = ["1989", "1999", "2009", "2021"][i % 4];
            assert_eq!(time, year, "{}: best {best} for {time}", c["id"]);
        }
    }

    // The World Bank and the census differ by about 3%, said once.
    let gap = entry(&doc, "series:kz-census+worldbank-population");
    assert_eq!(gap["verdict"], "tension", "{gap:#}");
    let median = gap["series_gap"].as_f64().unwrap();
    assert!((0.029..0.038).contains(&median), "{median}");
    let reading = gap["reading"].as_str().unwrap();
    assert!(
        reading.contains("runs 2.9–3.8% above the Population censuses of Kazakhstan, 1989-2021 (national census) series at every one of its points in common (1989, 1999, 2009, 2021)"),
        "{reading}"
    );

    // Rousseau's "Official statistics put the population … at 16,3 million" is judged against
    // the census first: it agrees, and the World Bank entry says why it is not a conflict.
    let census = entry(&doc, "series:kz-census+kz-population-rousseau");
    assert_eq!(census["verdict"], "consistent", "{census:#}");
    let wb = entry(&doc, "series:kz-population-rousseau+worldbank-population");
    assert_eq!(wb["verdict"], "consistent", "{wb:#}");
    assert!(
        wb["reading"]
            .as_str()
            .unwrap()
            .contains("whose basis its quote names"),
        "{wb:#}"
    );

    // The 4.6 million problem stays one entry, now with three wholes, and the census counts
    // the part: 23.7% of 16.0 million in 2009 is 3.79 million.
    let derived: Vec<&serde_json::Value> = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "derived")
        .collect();
    assert_eq!(derived.len(), 1, "{derived:#?}");
    let d = derived[0];
    assert_eq!(d["replaces"].as_array().unwrap().len(), 3, "{d:#}");
    assert_eq!(d["outlier"]["claim"], "kz-russian-population-excerpt");
    let why = d["outlier"]["why"].as_str().unwrap();
    assert!(
        why.contains("near the 3.79 million persons the Population censuses of Kazakhstan, 1989-2021 (national census) series gives for 2009 (23.7% of 16.01 million persons)"),
        "{why}"
    );
    assert_eq!(d["suggestion"]["best"], 22.0);

    // The share's value entry: "nearly 22%" is the best for 2013.
    let share = entry(
        &doc,
        "value:kz-russian-share-excerpt+kz-russian-share-rousseau",
    );
    assert_eq!(share["suggestion"]["best"], 22.0, "{share:#}");
}

#[test]
fn a_decision_on_an_entry_that_was_gathered_into_another_still_counts() {
    let env = Env::bundled();
    env.ok(&["import"]);
    // Recorded against the id the World Bank check had on its own, before entries were
    // gathered.
    env.ok(&[
        "resolve",
        "derived:kz-russian-population-excerpt+kz-russian-share-excerpt+worldbank-population",
        "--prefer",
        "kz-russian-share-excerpt",
        "--deprecate",
        "kz-russian-population-excerpt",
        "--reason",
        "4.6 million is the outlier",
        "--by",
        "analyst-a",
    ]);
    let doc = report(&env);
    let d = entry(
        &doc,
        "derived:kz-russian-population-excerpt+kz-russian-share-excerpt",
    );
    assert_eq!(d["status"], "resolved", "{d:#}");
    assert_eq!(
        d["resolution"]["conflict"],
        "derived:kz-russian-population-excerpt+kz-russian-share-excerpt"
    );
    // A decision stored under an old id in a data file counts too.
    let env = Env::bundled();
    env.write(
        "data/resolutions.toml",
        r#"
[[resolution]]
conflict = "derived:kz-population-excerpt+kz-russian-population-excerpt+kz-russian-share-excerpt"
prefer = "kz-russian-share-excerpt"
deprecate = ["kz-russian-population-excerpt"]
reason = "the part is the outlier"
by = "analyst-b"
recorded_at = "2026-11-30T10:00:00Z"
"#,
    );
    env.ok(&["import"]);
    let doc = report(&env);
    let d = entry(
        &doc,
        "derived:kz-russian-population-excerpt+kz-russian-share-excerpt",
    );
    assert_eq!(d["status"], "resolved", "{d:#}");
    assert_eq!(d["resolution"]["by"], "analyst-b");
}
