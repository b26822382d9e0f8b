//! `factline conflicts` on states and their changes (docs/states.md): a membership claimed
//! after its suspension is reported as a `state` entry, and the bundled data report what they
//! reported before states were compared.

use crate::Env;

/// A small self-contained dataset: two sources, two entities, the membership predicates, and
/// the claims given (TOML `[[claim]]` tables, each cited from `a` or `b`).
fn membership_data(env: &Env, claims: &str) {
    env.write(
        "data/sources.toml",
        "[[source]]\nid = \"news\"\ntitle = \"A news report\"\npublished = \"2014-02-01\"\n\
         kind = \"article\"\nreliability = \"C\"\n\n\
         [[source]]\nid = \"registry\"\ntitle = \"The organisation's register of members\"\n\
         published = \"2013-01-15\"\nkind = \"report\"\nreliability = \"B\"\n",
    );
    env.write(
        "data/entities.toml",
        "[[entity]]\nid = \"uzbekistan\"\nname = \"Uzbekistan\"\nkind = \"country\"\n\n\
         [[entity]]\nid = \"csto\"\nname = \"CSTO\"\nkind = \"organisation\"\n\
         aliases = [\"Collective Security Treaty Organization\"]\n",
    );
    env.write(
        "data/predicates.toml",
        "[[predicate]]\nid = \"member_of\"\nlabel = \"member of\"\nvalue_type = \"entity\"\n\
         template = \"{subject} is a member of {object}\"\n\n\
         [[predicate]]\nid = \"membership_suspended\"\nlabel = \"membership suspended\"\n\
         value_type = \"entity\"\nstate_of = \"member_of\"\nchange = \"suspends\"\n\
         template = \"{subject}'s membership of {object} suspended\"\n\n\
         [[predicate]]\nid = \"membership_restored\"\nlabel = \"membership restored\"\n\
         value_type = \"entity\"\nstate_of = \"member_of\"\nchange = \"resumes\"\n\
         template = \"{subject}'s membership of {object} restored\"\n",
    );
    env.write("data/claims/uzbekistan.toml", claims);
}

/// A claim of Uzbekistan and the CSTO, cited from `source`.
fn claim(id: &str, predicate: &str, when: &str, source: &str) -> String {
    format!(
        "[[claim]]\nid = \"{id}\"\nsubject = \"uzbekistan\"\npredicate = \"{predicate}\"\n\
         object = \"csto\"\nwhen = \"{when}\"\n\n[[claim.citation]]\nsource = \"{source}\"\n\
         quote = \"q\"\nlocator = \"line 1\"\ncredibility = 3\n\n"
    )
}

fn json(run: &crate::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("JSON on stdout")
}

fn state_entries(doc: &serde_json::Value, key: &str) -> Vec<serde_json::Value> {
    doc[key]
        .as_array()
        .expect("a list")
        .iter()
        .filter(|e| e["kind"] == "state")
        .cloned()
        .collect()
}

#[test]
fn a_membership_after_its_suspension_is_a_state_conflict_with_the_suspension_named() {
    let env = Env::empty();
    membership_data(
        &env,
        &[
            claim("uz-csto-member-2013", "member_of", "2013", "news"),
            claim(
                "uz-csto-suspended",
                "membership_suspended",
                "2012-12-19",
                "registry",
            ),
        ]
        .concat(),
    );
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--format", "json"]);
    assert_eq!(run.code, 1, "an open conflict fails: {}", run.stderr);
    let doc = json(&run);
    let entries = state_entries(&doc, "conflicts");
    assert_eq!(entries.len(), 1, "{doc:#}");
    let entry = &entries[0];
    assert!(
        entry["verdict"] == "conflict" || entry["verdict"] == "tension",
        "{entry:#}"
    );
    assert_eq!(entry["verdict"], "conflict");
    assert_eq!(entry["id"], "state:uz-csto-member-2013+uz-csto-suspended");
    assert_eq!(entry["subject"], "uzbekistan");
    assert_eq!(entry["subject_name"], "Uzbekistan");
    assert_eq!(entry["predicate"], "member_of");
    assert_eq!(entry["status"], "open");
    let reading = entry["reading"].as_str().expect("a reading");
    assert!(reading.contains("19 December 2012"), "{reading}");
    assert!(reading.contains("claim uz-csto-suspended"), "{reading}");
    assert!(
        reading.contains("“Uzbekistan is a member of CSTO” (2013, claim uz-csto-member-2013)"),
        "{reading}"
    );
    let explanation = entry["explanation"].as_str().expect("an explanation");
    assert!(
        explanation.starts_with("“Uzbekistan is a member of CSTO” (2013; news) against"),
        "names, not ids: {explanation}"
    );
    // The register (grade B) is preferred to the news report (grade C).
    assert_eq!(entry["suggestion"]["best_claim"], "uz-csto-suspended");
    let claims: Vec<&str> = entry["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["claim"].as_str().expect("a claim id"))
        .collect();
    assert_eq!(claims, ["uz-csto-member-2013", "uz-csto-suspended"]);

    // A restoration recorded before 2013 ends reconciles them: nothing is open any more.
    env.write(
        "data/claims/restored.toml",
        &claim(
            "uz-csto-restored",
            "membership_restored",
            "2013-06",
            "registry",
        ),
    );
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--all", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = json(&run);
    assert!(state_entries(&doc, "conflicts").is_empty(), "{doc:#}");
    let cleared = state_entries(&doc, "cleared");
    assert_eq!(cleared.len(), 1, "{doc:#}");
    assert_eq!(cleared[0]["verdict"], "consistent");
    assert_eq!(
        cleared[0]["id"],
        "state:uz-csto-member-2013+uz-csto-restored"
    );
}

#[test]
fn a_bad_state_of_is_refused_with_its_line_and_the_valid_values() {
    let env = Env::empty();
    membership_data(
        &env,
        &claim("uz-csto-member-2013", "member_of", "2013", "news"),
    );
    let text = env.read("data/predicates.toml").replace(
        "state_of = \"member_of\"\nchange = \"resumes\"",
        "state_of = \"membr_of\"\nchange = \"restarts\"",
    );
    env.write("data/predicates.toml", &text);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: data/predicates.toml:20: predicate `membership_restored`, field `change`: \
         `restarts` is not a change of state; use one of begins, suspends, resumes, ends\n\
         1 problem in the data files; nothing was written\n"
    );
    env.write(
        "data/predicates.toml",
        &text.replace("change = \"restarts\"", "change = \"resumes\""),
    );
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: data/predicates.toml:19: predicate `membership_restored`, field `state_of`: \
         unknown predicate `membr_of`; did you mean `member_of`? name the predicate that \
         carries the state, one of member_of\n\
         1 problem in the data files; nothing was written\n"
    );
    assert!(!env.path().join("factline.db").exists());
}

#[test]
fn the_bundled_data_report_the_same_entries_and_a_new_suspension_adds_one() {
    // Before: the bundled dataset, as shipped, has no change claim that contradicts a state.
    let env = Env::bundled();
    let run = env.run(&["conflicts", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let before = json(&run);
    let ids = |doc: &serde_json::Value| -> Vec<String> {
        doc["conflicts"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|e| e["id"].as_str().expect("an id").to_string())
            .collect()
    };
    let shipped = ids(&before).len();
    assert_eq!(shipped, 6, "{before:#}");
    assert!(state_entries(&before, "conflicts").is_empty());
    // The bundled vocabulary declares the changes of membership and office.
    let run = env.ok(&[
        "sql",
        "SELECT id, state_of, state_change FROM predicate WHERE state_of IS NOT NULL ORDER BY id",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(
        run.stdout.replace("\r\n", "\n"),
        "id,state_of,state_change\njoined,member_of,begins\nleft,member_of,ends\n\
         left_office,holds_office,ends\nmembership_restored,member_of,resumes\n\
         membership_suspended,member_of,suspends\ntook_office,holds_office,begins\n"
    );

    // After: the same data with the suspension and a membership claim of 2013 imported.
    env.write(
        "data/claims/uzbekistan-csto.toml",
        &[
            claim("uz-csto-member-2013", "member_of", "2013", "rousseau-2011"),
            claim(
                "uz-csto-suspended",
                "membership_suspended",
                "2012-12-19",
                "rousseau-2011",
            ),
        ]
        .concat(),
    );
    env.ok(&["import"]);
    let run = env.run(&["conflicts", "--format", "json"]);
    let after = ids(&json(&run));
    assert_eq!(after.len(), shipped + 1, "{after:#?}");
    for id in ids(&before) {
        assert!(after.contains(&id), "{id} is gone: {after:#?}");
    }
    assert!(
        after.contains(&"state:uz-csto-member-2013+uz-csto-suspended".to_string()),
        "{after:#?}"
    );
}
