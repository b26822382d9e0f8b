//! Figures drawn as figures (a quantity a reference series covers is one chart in the svg and
//! html timelines) and alliances read as treaties (named from members, kind and year, every
//! member imported, phases that do not read as exits, the end of ATOP's coverage said).

use crate::Env;
use crate::import_table::{ALLIANCES, TABLE, claims, import};

#[test]
fn kazakhstans_population_is_one_chart_with_the_document_figures_on_it() {
    let env = Env::empty();
    let svg = env
        .ok(&["timeline", "--entity", "Kazakhstan", "--format", "svg"])
        .stdout;
    assert_eq!(svg.matches("class=\"figure-chart\"").count(), 1, "{svg}");
    assert!(
        svg.contains("<title>Kazakhstan: population</title>"),
        "{svg}"
    );
    // The series: its band and its line through every World Bank point, 1960-2024.
    assert!(svg.contains("class=\"band\""));
    let line = svg.split("class=\"line\" points=\"").nth(1).unwrap();
    let points = line.split('"').next().unwrap().split(' ').count();
    assert_eq!(points, 65, "{line}");
    // Each document figure at its time, coloured by the conflicts report's verdict, its gap
    // written beside it.
    for (claim, verdict, label) in [
        (
            "kz-population-caravanserai",
            "conflict",
            "about 16 million persons, c. 2017: 14.2% below the line",
        ),
        (
            "kz-population-rousseau",
            "tension",
            "16.3 million persons, c. 2011: 4.5% below the line",
        ),
    ] {
        assert!(
            svg.contains(&format!(
                "<g class=\"figure\" data-claim=\"{claim}\" data-verdict=\"{verdict}\">"
            )),
            "{claim}"
        );
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    // "c. 2017" is an uncertain time: a bar over its span and a dashed line over the rest.
    let caravanserai = svg
        .split("data-claim=\"kz-population-caravanserai\" data-verdict")
        .nth(1)
        .unwrap();
    let caravanserai = caravanserai.split("</g>").next().unwrap();
    assert!(caravanserai.contains("class=\"span\""), "{caravanserai}");
    assert!(
        caravanserai.contains("class=\"possible\""),
        "{caravanserai}"
    );
    assert!(caravanserai.contains("class=\"gap\""), "{caravanserai}");
    // The series and the figures on the chart are not rows of the lanes too.
    assert!(!svg.contains("<g class=\"entry\" data-claim=\"wb-population-kazakhstan"));
    assert!(!svg.contains("<g class=\"entry\" data-claim=\"kz-population-caravanserai\""));
    assert!(svg.contains("<g class=\"entry\" data-claim=\"atop-4235-0-kazakhstan-1992\""));
}

#[test]
fn the_html_timeline_draws_the_same_chart_and_links_each_figure_to_its_entry() {
    let env = Env::empty();
    let html = env
        .ok(&["timeline", "--entity", "Kazakhstan", "--format", "html"])
        .stdout;
    assert_eq!(html.matches("<figure class=\"chart\">").count(), 1);
    assert!(html.contains(
        "<a href=\"#claim-kz-population-caravanserai\">about 16 million persons, c. 2017</a>"
    ));
    assert!(html.contains("id=\"claim-kz-population-caravanserai\""));
    // The table and markdown stay text: no chart there.
    let table = env.ok(&["timeline", "--entity", "Kazakhstan"]).stdout;
    assert!(!table.contains("<svg"));
}

#[test]
fn a_quantity_without_a_series_is_not_a_chart() {
    let env = Env::new();
    env.ok(&["import"]);
    let svg = env.ok(&["timeline", "--format", "svg"]).stdout;
    assert!(!svg.contains("figure-chart"), "{svg}");
}

#[test]
fn alliances_are_named_and_shared_ones_shown_between_their_members() {
    let env = Env::empty();
    let run = env.ok(&[
        "timeline",
        "--between",
        "Russia",
        "Kazakhstan",
        "--predicate",
        "alliance_member",
        "--format",
        "jsonl",
    ]);
    let entries: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |id: &str| {
        entries
            .iter()
            .find(|e| e["claim"] == id)
            .unwrap_or_else(|| panic!("{id} missing: {}", run.stdout))
    };
    // The 1992 treaty, the Collective Security Treaty and the 2013 treaty, both members each.
    for (id, name) in [
        (
            "atop-4235-0-russia-1992",
            "Russia–Kazakhstan defence pact, 1992",
        ),
        (
            "atop-4235-0-kazakhstan-1992",
            "Russia–Kazakhstan defence pact, 1992",
        ),
        (
            "atop-6070-0-russia-2013",
            "Russia–Kazakhstan neutrality pact, 2013",
        ),
        (
            "atop-4220-2-kazakhstan-2002",
            "Defence pact of Russia, Tajikistan, Kyrgyzstan and 6 others, 1992",
        ),
    ] {
        let label = find(id)["label"].as_str().unwrap().to_string();
        assert!(label.contains(name), "{label}");
    }
    // Still in force when ATOP's coverage ends: to 2018 and said so, not an open "since".
    let treaty = find("atop-4235-0-kazakhstan-1992");
    assert_eq!(treaty["when"], "1992-05-25/2018");
    assert!(
        treaty["label"]
            .as_str()
            .unwrap()
            .ends_with("in force at least until 2018, where ATOP's coverage ends")
    );
    // A phase that ended reads as a phase, and the next phase follows it.
    let phase = find("atop-4220-1-kazakhstan-1992");
    assert_eq!(phase["when"], "1992-05-15/2002-10-07");
    assert!(
        phase["label"]
            .as_str()
            .unwrap()
            .ends_with("until this phase ended (new terms or members, or an exit)")
    );
    assert_eq!(
        find("atop-4220-2-kazakhstan-2002")["when"],
        "2002-10-07/2018"
    );
}

#[test]
fn every_member_of_an_alliance_is_imported_partners_as_countries() {
    let env = Env::empty();
    // Belarus (curated) and the Netherlands (made from the COW state list) in the CST and
    // the CSCE.
    let show = env.ok(&["show", "netherlands"]).stdout;
    assert!(show.contains("kind        country"), "{show}");
    assert!(show.contains("code 210"), "{show}");
    let belarus = env
        .ok(&[
            "timeline",
            "--entity",
            "Belarus",
            "--predicate",
            "alliance_member",
        ])
        .stdout;
    assert!(belarus.contains("atop-4220-"), "{belarus}");
    // A curated entity keeps its own record: no mapping entity replaced it.
    let show = env.ok(&["show", "belarus"]).stdout;
    assert!(!show.contains("Correlates of War state system"), "{show}");
}

#[test]
fn a_mapping_can_skip_rows_and_end_at_the_end_of_coverage() {
    let env = crate::import_table::env();
    let mapping = ALLIANCES
        .replace(
            "when = { start = { year = \"yrent\", month = \"moent\", day = \"dayent\" }, end = { year = \"yrexit\", month = \"moexit\", day = \"dayexit\" } }",
            "when = { start = { year = \"yrent\", month = \"moent\", day = \"dayent\" }, end = { year = \"yrexit\", month = \"moexit\", day = \"dayexit\" }, end_zero = \"2018\" }\nunless = { cow = [704] }",
        );
    assert_ne!(mapping, ALLIANCES);
    env.write("alliances.toml", &mapping);
    env.write("table.csv", TABLE);
    let run = import(&env, "table.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<(String, String)> = claims(&env)
        .into_iter()
        .map(|(id, when, _)| (id, when))
        .collect();
    assert_eq!(
        ids,
        [
            (
                "alliance-4220-kazakhstan".to_string(),
                "1992-05-15/2018".to_string()
            ),
            (
                "alliance-5000-russia".to_string(),
                "1996/2001-06".to_string()
            ),
        ]
    );
    // Anything else than open, unknown or a year is refused with what would do.
    env.write(
        "alliances.toml",
        &mapping.replace("end_zero = \"2018\"", "end_zero = \"later\""),
    );
    let run = import(&env, "table.csv", &["--dry-run"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the year the dataset's coverage ends"),
        "{}",
        run.stderr
    );
}
