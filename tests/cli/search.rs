//! `factline search`: full text over quotes and notes of current claims.

use similar_asserts::assert_eq;

use crate::Env;

#[test]
fn finds_quotes_and_notes_ignoring_case_and_accents() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["search", "KANT", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        hits,
        serde_json::json!({"hits": [{
            "claim": "kant-lease",
            "when": "../2032",
            "field": "quote",
            "source": "excerpt-2013",
            "snippet": "has leased [Kant] airbase until 2032"
        }]})
    );
    let run = env.ok(&["search", "publicátion", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(hits["hits"][0]["claim"], "kz-population-2011");
    assert_eq!(hits["hits"][0]["field"], "note");
    let run = env.ok(&["search", "popul*", "russ*", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let claims: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["claim"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["kz-russian-share-2011"]);
}

#[test]
fn retracted_claims_are_not_found_and_empty_queries_are_refused() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims.replace(
            "has leased Kant airbase until 2032",
            "has leased Kant airbase until 2032 ",
        ),
    );
    env.ok(&["import"]);
    let run = env.ok(&["search", "kant", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // The quote is trimmed on import, so the claim is unchanged: still exactly one hit.
    assert_eq!(hits["hits"].as_array().unwrap().len(), 1);
    let run = env.run(&["search", "\" *"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: give at least one word to search for\n");
    let run = env.ok(&["search", "nothinglikethis"]);
    assert_eq!(
        run.stderr,
        "no current claim quotes or notes contain nothinglikethis\n"
    );
}
