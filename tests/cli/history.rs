//! History: every read as known at a past instant, `diff` between two moments, and a claim's
//! versions with `show --history`.

use crate::Env;

/// A database with a history: imported on 2 January; on 1 March the 2013 share changed from
/// "nearly 22%" to "nearly 23%", the lease claim was retracted and a new claim added; on
/// 2 March a conflict was resolved.
fn with_history() -> Env {
    let env = Env::new();
    env.ok(&["import"]);
    let claims = env.read("data/claims/sample.toml");
    let changed = claims
        .replace(
            "quantity = { amount = 22, bound = \"nearly\" }",
            "quantity = { amount = 23, bound = \"nearly\" }",
        )
        .replace("id = \"kant-lease\"", "id = \"kant-lease-renewed\"");
    assert_ne!(changed, claims);
    env.write("data/claims/sample.toml", &changed);
    let run = env.run_at("2026-03-01T00:00:00Z", &["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    env
}

fn json(env: &Env, now: &str, args: &[&str]) -> serde_json::Value {
    let run = env.run_at(now, args);
    assert_eq!(run.code, 0, "factline {args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn sql_reads_the_documented_views_as_known_at_an_instant() {
    let env = with_history();
    let share = |args: &[&str]| -> String {
        let mut all = vec![
            "sql",
            "--format",
            "csv",
            "select value from claim_overview where claim_id = 'kz-russian-share-2013'",
        ];
        all.extend_from_slice(args);
        env.ok(&all).stdout
    };
    assert!(share(&[]).contains("23"), "{}", share(&[]));
    let past = share(&["--as-known-at", "2026-02-01"]);
    assert!(past.contains("22") && !past.contains("23"), "{past}");
    // Before the first import the database held nothing.
    let count = env.ok(&[
        "sql",
        "--format",
        "csv",
        "--as-known-at",
        "2025-12-31",
        "select count(*) as n from current_claim",
    ]);
    assert_eq!(count.stdout.lines().nth(1), Some("0"));
    // The tables themselves stay reachable as main.* for those who want every version.
    let all = env.ok(&[
        "sql",
        "--format",
        "csv",
        "--as-known-at",
        "2026-02-01",
        "select count(*) as n from main.claim where id = 'kz-russian-share-2013'",
    ]);
    assert_eq!(all.stdout.lines().nth(1), Some("2"));
}

#[test]
fn every_read_command_answers_as_known_at_an_instant() {
    let env = with_history();
    let now = "2026-03-05T00:00:00Z";
    // The lease claim: shown as it was, and unknown before it was recorded.
    let shown = json(
        &env,
        now,
        &[
            "show",
            "kant-lease",
            "--format",
            "json",
            "--as-known-at",
            "2026-02-01",
        ],
    );
    assert_eq!(shown["claim"], "kant-lease");
    assert!(shown.get("retracted_at").is_none(), "{shown}");
    let run = env.run_at(
        now,
        &["show", "kant-lease-renewed", "--as-known-at", "2026-02-01"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    // Export writes the claims of that moment.
    let exported = env.run_at(
        now,
        &["export", "--format", "json", "--as-known-at", "2026-02-01"],
    );
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert!(exported.stdout.contains("\"kant-lease\""));
    assert!(!exported.stdout.contains("kant-lease-renewed"));
    // Conflicts: the 25% against nearly 22% of the fixture is judged as it stood.
    let before = json(
        &env,
        now,
        &[
            "conflicts",
            "--format",
            "json",
            "--as-known-at",
            "2026-02-01",
        ],
    );
    let after = json(&env, now, &["conflicts", "--format", "json"]);
    let ids = |doc: &serde_json::Value| -> Vec<String> {
        doc["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_ne!(ids(&before), ids(&after), "{before}\n{after}");
    let run = env.run_at(now, &["conflicts", "--as-known-at", "yesterday"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--as-known-at yesterday"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_lists_what_changed_between_two_moments() {
    let env = with_history();
    let now = "2026-03-05T00:00:00Z";
    let d = json(
        &env,
        now,
        &["diff", "--since", "2026-02-01", "--format", "json"],
    );
    let s = &d["summary"];
    assert_eq!(s["claims_added"], 1, "{d}");
    assert_eq!(s["claims_changed"], 1, "{d}");
    assert_eq!(s["claims_retracted"], 1, "{d}");
    let changed: Vec<&serde_json::Value> = d["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"] == "changed")
        .collect();
    assert_eq!(changed[0]["claim"], "kz-russian-share-2013");
    let fields = changed[0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0]["field"], "value");
    assert_eq!(fields[0]["before_text"], "nearly 22%");
    assert_eq!(fields[0]["after_text"], "nearly 23%");
    // Nothing changed between the two imports' moments apart from what the second one did.
    let quiet = json(
        &env,
        now,
        &[
            "diff",
            "--since",
            "2026-02-01",
            "--until",
            "2026-02-20",
            "--format",
            "json",
        ],
    );
    assert_eq!(quiet["claims"].as_array().unwrap().len(), 0, "{quiet}");
    // The briefing.
    let md = env.run_at(
        now,
        &["diff", "--since", "2026-02-01", "--format", "markdown"],
    );
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.starts_with("# Since 1 February 2026\n"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("1 new claim (1 about "), "{}", md.stdout);
    assert!(
        md.stdout.contains("  - value: nearly 22% → nearly 23%"),
        "{}",
        md.stdout
    );
    // Filters keep what involves an entity.
    let other = json(
        &env,
        now,
        &[
            "diff",
            "--since",
            "2026-02-01",
            "--format",
            "json",
            "--entity",
            "ethnic-russians",
        ],
    );
    let kept: Vec<&str> = other["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(kept, ["kz-russian-share-2013"]);
}

#[test]
fn diff_lists_decisions_once_and_conflicts_resolved() {
    let env = Env::new();
    env.ok(&["import"]);
    let conflicts = json(
        &env,
        "2026-01-10T00:00:00Z",
        &["conflicts", "--format", "json"],
    );
    let Some(first) = conflicts["conflicts"].as_array().unwrap().first() else {
        panic!("the fixture has a conflict or tension: {conflicts}");
    };
    let id = first["id"].as_str().unwrap();
    let prefer = first["claims"][0]["claim"].as_str().unwrap();
    let run = env.run_at(
        "2026-02-01T00:00:00Z",
        &[
            "resolve",
            id,
            "--prefer",
            prefer,
            "--reason",
            "more recent",
            "--by",
            "ana",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = json(
        &env,
        "2026-03-05T00:00:00Z",
        &["diff", "--since", "2026-01-15", "--format", "json"],
    );
    assert_eq!(d["decisions"].as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d["assessments"].as_array().unwrap().len(), 0, "{d}");
    assert_eq!(d["claims"].as_array().unwrap().len(), 0, "{d}");
    let resolved: Vec<&serde_json::Value> = d["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["conflict"] == id)
        .collect();
    assert_eq!(resolved.len(), 1, "{d}");
    assert_eq!(resolved[0]["change"], "resolved");
    assert_eq!(d["summary"]["conflicts_resolved"], 1);
    // The claim's history names the decision once.
    let shown = env.run_at("2026-03-05T00:00:00Z", &["show", prefer, "--history"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let decisions: Vec<&str> = shown
        .stdout
        .lines()
        .skip_while(|l| *l != "decisions")
        .skip(1)
        .collect();
    assert_eq!(decisions.len(), 1, "{}", shown.stdout);
    assert!(
        decisions[0].contains("preferred by ana in "),
        "{}",
        shown.stdout
    );
}

#[test]
fn show_history_lists_every_version_with_what_it_changed() {
    let env = with_history();
    let shown = env.run_at(
        "2026-03-05T00:00:00Z",
        &["show", "kz-russian-share-2013", "--history"],
    );
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let history: Vec<&str> = shown
        .stdout
        .lines()
        .skip_while(|l| *l != "history")
        .skip(1)
        .collect();
    assert_eq!(
        history,
        [
            "  2026-01-02T03:04:05Z – 2026-03-01T00:00:00Z  from data/claims/sample.toml",
            "    2013 or later  ethnic Russians: nearly 22% of Kazakhstan's population",
            "  2026-03-01T00:00:00Z – current  from data/claims/sample.toml",
            "    value: nearly 22% → nearly 23%",
        ],
        "{}",
        shown.stdout
    );
    let view = json(
        &env,
        "2026-03-05T00:00:00Z",
        &["show", "kz-russian-share-2013", "--format", "json"],
    );
    assert_eq!(view["versions"].as_array().unwrap().len(), 2);
}

#[test]
fn diff_refuses_moments_in_the_wrong_order_or_unreadable() {
    let env = with_history();
    let run = env.run(&["diff", "--since", "2026-03-01", "--until", "2026-02-01"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("give the earlier moment first"),
        "{}",
        run.stderr
    );
    let run = env.run_at("2026-03-05T00:00:00Z", &["diff", "--since", "last monday"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--since last monday: give a date"),
        "{}",
        run.stderr
    );
    let run = env.run_at(
        "2026-03-05T00:00:00Z",
        &["diff", "--since", "2026-02-01", "--entity", "atlantis"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no entity is called `atlantis`"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_against_another_database_file_compares_their_current_states() {
    let env = Env::new();
    env.ok(&["import"]);
    std::fs::copy(
        env.path().join("factline.db"),
        env.path().join("last-month.db"),
    )
    .unwrap();
    let claims = env.read("data/claims/sample.toml");
    env.write(
        "data/claims/sample.toml",
        &claims
            .replace(
                "quantity = { amount = 22, bound = \"nearly\" }",
                "quantity = { amount = 23, bound = \"nearly\" }",
            )
            .replace("id = \"kant-lease\"", "id = \"kant-lease-renewed\""),
    );
    let run = env.run_at("2026-03-01T00:00:00Z", &["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = json(
        &env,
        "2026-03-05T00:00:00Z",
        &["diff", "--against", "last-month.db", "--format", "json"],
    );
    assert_eq!(d["compared"], "last-month.db and factline.db");
    let s = &d["summary"];
    assert_eq!(
        (
            &s["claims_added"],
            &s["claims_changed"],
            &s["claims_retracted"]
        ),
        (&1.into(), &1.into(), &1.into()),
        "{d}"
    );
    let changed = d["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["change"] == "changed")
        .unwrap();
    assert_eq!(changed["fields"][0]["after_text"], "nearly 23%");
    // The same comparison the other way round swaps added and retracted.
    let back = json(
        &env,
        "2026-03-05T00:00:00Z",
        &[
            "--db",
            "last-month.db",
            "diff",
            "--against",
            "factline.db",
            "--format",
            "json",
        ],
    );
    assert_eq!(back["summary"]["claims_added"], 1);
    assert_eq!(back["summary"]["claims_retracted"], 1);
    // A database compared with itself: nothing changed.
    let same = env.run_at(
        "2026-03-05T00:00:00Z",
        &["diff", "--against", "factline.db"],
    );
    assert_eq!(
        same.stdout,
        "Between factline.db and factline.db: nothing changed.\n"
    );
    // The other file is an input: never overwritten.
    let before = env.bytes("last-month.db");
    let run = env.run_at(
        "2026-03-05T00:00:00Z",
        &[
            "diff",
            "--against",
            "last-month.db",
            "--out",
            "last-month.db",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.bytes("last-month.db"), before);
    let run = env.run(&[
        "diff",
        "--against",
        "last-month.db",
        "--since",
        "2026-01-01",
    ]);
    assert_eq!(run.code, 2);
}
