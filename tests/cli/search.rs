//! `factline search`: full text over quotes, notes, labels and entity names of current claims.

use similar_asserts::assert_eq;

use crate::Env;

fn hits(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["search", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.ok(&all);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    doc["hits"].as_array().unwrap().clone()
}

fn claims(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter().map(|h| h["claim"].as_str().unwrap()).collect()
}

#[test]
fn finds_quotes_notes_and_labels_ignoring_case_and_accents() {
    let env = Env::new();
    env.ok(&["import"]);
    let found = hits(&env, &["KANT"]);
    assert_eq!(
        found,
        [
            serde_json::json!({
                "claim": "kant-lease",
                "label": "Russia leases Kant air base",
                "when": "until 2032",
                "valid_time": "../2032",
                "field": "label",
                "source": null,
                "snippet": "Russia leases [Kant] air base",
                "text": "Russia leases Kant air base",
                "matches": [[14, 18]]
            }),
            serde_json::json!({
                "claim": "kant-lease",
                "label": "Russia leases Kant air base",
                "when": "until 2032",
                "valid_time": "../2032",
                "field": "quote",
                "source": "excerpt-2013",
                "snippet": "has leased [Kant] airbase until 2032",
                "text": "has leased Kant airbase until 2032",
                "matches": [[11, 15]]
            })
        ]
    );
    let found = hits(&env, &["publicátion"]);
    assert_eq!(found[0]["claim"], "kz-population-2011");
    assert_eq!(found[0]["field"], "note");
    let found = hits(&env, &["popul*", "russ*"]);
    assert_eq!(
        claims(&found),
        [
            "kz-russian-share-2011",
            "kz-russian-share-2011",
            "kz-russian-share-2013"
        ]
    );
    assert_eq!(
        found[0]["snippet"],
        "25% of the Kazakh [population] is ethnic [Russian]"
    );
}

#[test]
fn words_are_matched_by_their_stem_and_dates_read_as_words() {
    let env = Env::new();
    env.ok(&["import"]);
    // "leasing" and "leased" share the stem of "leases".
    let found = hits(&env, &["leasing"]);
    assert!(claims(&found).contains(&"kant-lease"), "{found:?}");
    let run = env.ok(&["search", "kant"]);
    assert!(run.stdout.contains("until 2032"), "{}", run.stdout);
    assert!(!run.stdout.contains("../2032"), "{}", run.stdout);
    assert!(run.stdout.contains("│ kant-lease "), "{}", run.stdout);
}

#[test]
fn the_bundled_data_finds_the_2011_bombings_by_their_labels() {
    let env = Env::bundled();
    env.ok(&["import"]);
    let found = hits(&env, &["bombing"]);
    let labels: Vec<(&str, &str)> = found
        .iter()
        .filter(|h| h["field"] == "label")
        .map(|h| (h["claim"].as_str().unwrap(), h["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "aktobe-bombing-2011-occurred",
                "2011 Aktobe suicide bombing"
            ),
            (
                "astana-bombing-2011-occurred",
                "2011 Astana suicide bombing"
            ),
        ]
    );
    // An alias of the subject finds the claim too.
    let found = hits(&env, &["Aktyubinsk"]);
    assert_eq!(claims(&found), ["aktobe-bombing-2011-occurred"]);
}

#[test]
fn no_user_text_is_read_as_query_syntax() {
    let env = Env::new();
    env.ok(&["import"]);
    // Punctuation around a word is not part of it: each of these finds the claim.
    for text in [
        "kant\"", "\"kant", "kant)", "((kant", "-kant", "kant -", "kant*", "^kant", "{kant}",
    ] {
        let found = hits(&env, &["--", text]);
        assert_eq!(claims(&found).first(), Some(&"kant-lease"), "{text}");
    }
    // Operators are words like any other, and a column filter is text: no error, no hit.
    for text in [
        "kant AND",
        "kant OR nothing",
        "NEAR(kant",
        "NOT kant",
        "body:kant",
    ] {
        let run = env.run(&["search", text, "--format", "json"]);
        // No hit: exit code 1, as grep.
        assert_eq!(run.code, 1, "{text}: {}", run.stderr);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["hits"], serde_json::json!([]), "{text}");
    }
}

#[test]
fn retracted_claims_are_not_found_and_empty_queries_are_refused() {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims
            .replace(
                "has leased Kant airbase until 2032",
                "has leased Kant airbase until 2032 ",
            )
            .replace("id = \"kant-lease\"", "id = \"kant-lease-2\""),
    );
    env.ok(&["import"]);
    let found = hits(&env, &["kant"]);
    // The old claim was retracted with its quote and label: only the new one is found.
    let ids: Vec<&str> = found.iter().map(|h| h["claim"].as_str().unwrap()).collect();
    assert_eq!(ids, ["kant-lease-2", "kant-lease-2"]);
    let run = env.run(&["search", "\" *"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: give at least one word to search for\n");
    let run = env.run(&["search", "nothinglikethis"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "no current claim's quotes, notes, label or entity names contain nothinglikethis\n"
    );
}

#[test]
fn a_renamed_entity_renames_the_labels_searched() {
    let env = Env::new();
    env.ok(&["import"]);
    let entities = env.read("data/entities.toml");
    assert!(entities.contains("name = \"Kant air base\""), "{entities}");
    env.write(
        "data/entities.toml",
        &entities.replace("name = \"Kant air base\"", "name = \"Kant aerodrome\""),
    );
    env.ok(&["import"]);
    let found = hits(&env, &["aerodrome"]);
    assert_eq!(claims(&found), ["kant-lease"]);
    assert_eq!(found[0]["label"], "Russia leases Kant aerodrome");
    let labels: Vec<serde_json::Value> = hits(&env, &["kant"])
        .into_iter()
        .filter(|h| h["field"] == "label")
        .map(|h| h["text"].clone())
        .collect();
    assert_eq!(labels, ["Russia leases Kant aerodrome"]);
}

#[test]
fn a_database_without_claims_in_words_gets_them_on_the_next_import() {
    // The state migration V10 leaves an older database in: claim_words empty, no label rows
    // in the index. An import with nothing to change fills them.
    let env = Env::new();
    env.ok(&["import"]);
    let path = env.path().join("factline.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("DELETE FROM claim_words; DELETE FROM claim_text WHERE field = 'label';")
        .unwrap();
    drop(conn);
    let labels = |env: &Env| -> Vec<serde_json::Value> {
        hits(env, &["leases"])
            .into_iter()
            .filter(|h| h["field"] == "label")
            .map(|h| h["text"].clone())
            .collect()
    };
    assert!(labels(&env).is_empty());
    env.ok(&["import"]);
    assert_eq!(labels(&env), ["Russia leases Kant air base"]);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (words, current): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM claim_words), (SELECT count(*) FROM current_claim)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(words, current);
}

#[test]
fn hyphenated_names_are_found_as_typed() {
    let env = Env::new();
    env.write(
        "data/claims/weapons.toml",
        r#"
[[claim]]
id = "kz-su30-note"
subject = "kazakhstan"
predicate = "leases"
object = "kant-air-base"
when = "2015"
note = "Su-30SM fighters and S-300PS batteries; earlier Su-27 and MiG-29."

[[claim.citation]]
source = "excerpt-2013"
quote = "has leased Kant airbase until 2032"
locator = "lines 16-17"
credibility = 2
"#,
    );
    env.ok(&["import"]);
    // As typed, without `*`: the designation and its variants.
    for term in ["Su-30", "S-300", "su-30sm", "MiG-29", "S-300PS"] {
        assert_eq!(
            claims(&hits(&env, &[term])),
            ["kz-su30-note"],
            "search {term}"
        );
    }
    // Another designation is not a variant.
    let run = env.run(&["search", "Su-25"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let run = env.run(&["search", "S-400"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
}

/// A word in more texts than are ranked: the texts added last are ranked among themselves, at
/// most the limit shown, and stderr says what was ranked; a limit above the bound ranks every
/// match as before.
#[test]
fn a_word_in_most_texts_ranks_the_texts_added_last() {
    let env = Env::empty();
    env.ok(&[
        "generate", "--claims", "1500", "--seed", "1", "--format", "jsonl", "--out", "corpus",
    ]);
    env.ok(&["import", "corpus"]);
    let everything = env.ok(&[
        "search", "military", "--limit", "100000", "--format", "json",
    ]);
    let every: Vec<serde_json::Value> =
        serde_json::from_str::<serde_json::Value>(&everything.stdout).unwrap()["hits"]
            .as_array()
            .unwrap()
            .clone();
    assert!(every.len() > 1000, "{}", every.len());
    assert!(
        !everything.stderr.contains("added last"),
        "{}",
        everything.stderr
    );

    let run = env.ok(&["search", "military", "--format", "json"]);
    let best: Vec<serde_json::Value> = serde_json::from_str::<serde_json::Value>(&run.stdout)
        .unwrap()["hits"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(best.len(), 50);
    assert!(
        run.stderr.contains(
            "search: more than 1000 texts match; showing the best 50 results of the 1000 added \
             last"
        ),
        "{}",
        run.stderr
    );
    // Every hit is a real match, with its word marked.
    for hit in &best {
        assert!(every.contains(hit), "{hit}");
        assert!(!hit["matches"].as_array().unwrap().is_empty(), "{hit}");
    }
}
