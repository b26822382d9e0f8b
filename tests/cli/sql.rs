//! `factline sql`: read-only queries with a time limit, in table, csv and json.

use similar_asserts::assert_eq;

use crate::Env;

#[test]
fn a_query_over_the_documented_views() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&[
        "sql",
        "SELECT id, valid_time, amount, unit FROM current_claim WHERE predicate = 'population_share' ORDER BY id",
    ]);
    assert_eq!(
        run.stdout,
        "\
┌───────────────────────┬────────────┬────────┬─────────┐
│ id                    ┆ valid_time ┆ amount ┆ unit    │
╞═══════════════════════╪════════════╪════════╪═════════╡
│ kz-russian-share-2011 ┆ 2011~      ┆ 25     ┆ percent │
│ kz-russian-share-2013 ┆ [2013..]   ┆ 22     ┆ percent │
└───────────────────────┴────────────┴────────┴─────────┘
"
    );
    let run = env.ok(&[
        "sql",
        "SELECT source, count(*) AS citations FROM current_citation GROUP BY source ORDER BY source",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([
            {"source": "excerpt-2013", "citations": 2},
            {"source": "rousseau-2011", "citations": 3}
        ])
    );
    let run = env.ok(&["sql", "SELECT 'a,b' AS x, NULL AS y", "--format", "csv"]);
    assert_eq!(run.stdout, "\u{FEFF}x,y\n\"a,b\",\n");
}

#[test]
fn writes_are_refused_and_the_database_is_unchanged() {
    let env = Env::new();
    env.ok(&["import"]);
    let before = env.bytes("factline.db");
    for statement in [
        "DELETE FROM assessment",
        "UPDATE claim SET note = 'x'",
        "DROP TABLE claim",
    ] {
        let run = env.run(&["sql", statement]);
        assert_eq!(run.code, 2, "{statement}");
        assert!(
            run.stderr.contains("only read-only queries are allowed"),
            "{}",
            run.stderr
        );
    }
    assert!(env.bytes("factline.db") == before);
}

#[test]
fn a_runaway_query_is_stopped() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run(&[
        "sql",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
        "--timeout",
        "1",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the query ran longer than 1 s and was stopped; narrow it or raise --timeout\n"
    );
    let run = env.run(&["sql", "SELEC 1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: the query's SQL syntax is wrong: near \"SELEC\": syntax error (SQLite's \
             words), at line 1, column 1:\n  SELEC 1\n  ^"
        ),
        "{}",
        run.stderr
    );
}

/// Runs factline with `stdin` as its standard input.
fn run_with_stdin(env: &Env, args: &[&str], stdin: &str) -> crate::Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(env.path())
        .env("COLUMNS", "100")
        .env_remove("FACTLINE_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    crate::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

#[test]
fn the_query_comes_from_stdin_with_named_parameters() {
    let env = Env::new();
    env.ok(&["import"]);
    let query = "SELECT claim_id, time FROM claim_overview\nWHERE subject = :who AND predicate_id = $what\nORDER BY claim_id";
    let run = run_with_stdin(
        &env,
        &[
            "sql",
            "-",
            "-p",
            "who",
            "Kazakhstan",
            "-p",
            "what",
            "population",
            "--format",
            "csv",
            "--no-bom",
        ],
        query,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "claim_id,time\nkz-population-2011,c. 2011\n");
    // A parameter the query does not name, one it names but is not given, an empty stdin.
    let run = env.run(&["sql", "SELECT 1", "-p", "who", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no parameter :who"),
        "{}",
        run.stderr
    );
    let run = env.run(&["sql", "SELECT :who"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("add -p who VALUE"), "{}", run.stderr);
    let run = run_with_stdin(&env, &["sql", "-"], "  \n");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("standard input was empty"),
        "{}",
        run.stderr
    );
    // Numbers are bound as numbers, other text as text.
    let run = env.ok(&[
        "sql",
        "SELECT typeof(:a) AS a, typeof(:b) AS b, :a + 1 AS c",
        "-p",
        "a",
        "41",
        "-p",
        "b",
        "007",
        "--format",
        "jsonl",
    ]);
    assert_eq!(run.stdout, "{\"a\":\"integer\",\"b\":\"text\",\"c\":42}\n");
}

#[test]
fn every_format_keeps_the_query_column_order() {
    let env = Env::new();
    env.ok(&["import"]);
    let query = "SELECT 'z' AS zeta, 2 AS beta, NULL AS alpha, 'a|b' AS beta";
    let run = env.ok(&["sql", query, "--format", "json"]);
    assert_eq!(
        run.stdout,
        "[\n  {\n    \"zeta\": \"z\",\n    \"beta\": 2,\n    \"alpha\": null,\n    \"beta (2)\": \"a|b\"\n  }\n]\n"
    );
    let run = env.ok(&["sql", query, "--format", "jsonl"]);
    assert_eq!(
        run.stdout,
        "{\"zeta\":\"z\",\"beta\":2,\"alpha\":null,\"beta (2)\":\"a|b\"}\n"
    );
    let run = env.ok(&["sql", query, "--format", "csv"]);
    assert_eq!(run.stdout, "\u{FEFF}zeta,beta,alpha,beta\nz,2,,a|b\n");
    let run = env.ok(&["sql", query, "--format", "markdown"]);
    assert_eq!(
        run.stdout,
        "| zeta | beta | alpha | beta |\n| --- | --- | --- | --- |\n| z | 2 |  | a\\|b |\n"
    );
    // Markdown cells are escaped: markup, a line break, a control character.
    let run = env.ok(&[
        "sql",
        "SELECT '<b>*x*</b>' || char(10) || 'y' || char(27) AS t",
        "--format",
        "markdown",
    ]);
    assert_eq!(
        run.stdout,
        "| t |\n| --- |\n| \\<b\\>\\*x\\*\\</b\\><br>y\\\\u{1b} |\n"
    );
    let run = env.run(&["sql", "SELECT 1", "--no-bom"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--no-bom applies to --format csv only"));
}

#[test]
fn the_population_question_is_one_short_query() {
    let env = Env::bundled();
    env.ok(&["import"]);
    let run = env.ok(&[
        "sql",
        "SELECT source_title, grade, value, time FROM claim_evidence WHERE subject = 'Kazakhstan' AND predicate_id = 'population' AND source_kind <> 'dataset' ORDER BY earliest",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(
        run.stdout,
        "source_title,grade,value,time
Kazakhstan's Strategic and Military Relations with Russia,C3,16.3 million persons,c. 2011
Russia's military and security relations with Central Asia (report excerpt),F3,17.6 million persons,2013 or later
\"Uzbekistan, Kazakhstan step up military co-operation\",C3,about 16 million persons,c. 2017
"
    );
}

#[test]
fn the_readme_population_query_gives_the_readme_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("### Views for analysts").unwrap()..];
    let start = section.find("factline sql \"").unwrap() + "factline sql \"".len();
    let end = start + section[start..].find("\" --format markdown").unwrap();
    let query = &section[start..end];
    let shown = &section[section.find("```text\n").unwrap() + "```text\n".len()..];
    let shown = &shown[..shown.find("```").unwrap()];
    let env = Env::bundled();
    env.ok(&["import"]);
    let run = env.ok(&["sql", query, "--format", "markdown"]);
    assert_eq!(run.stdout, shown);
    assert!(run.stdout.contains("| Kazakhstan's Strategic and Military Relations with Russia | C3 | 16.3 million persons | c. 2011 |"));
}

#[test]
fn decisions_and_entities_in_their_views() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run_at(
        "2026-02-03T04:05:06Z",
        &[
            "resolve",
            "value:kz-russian-share-2011+kz-russian-share-2013",
            "--prefer",
            "kz-russian-share-2011",
            "--deprecate",
            "kz-russian-share-2013",
            "--reason",
            "more reliable source",
            "--by",
            "analyst-a",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = env.ok(&[
        "sql",
        "SELECT kind, preferred_id, preferred_value, preferred_time, deprecated_id, \
         deprecated_value, deprecated_time, reason, analyst FROM conflict_decision",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        run.stdout,
        "{\"kind\":\"value\",\"preferred_id\":\"kz-russian-share-2011\",\"preferred_value\":\"25%\",\
         \"preferred_time\":\"c. 2011\",\"deprecated_id\":\"kz-russian-share-2013\",\
         \"deprecated_value\":\"nearly 22%\",\"deprecated_time\":\"2013 or later\",\
         \"reason\":\"more reliable source\",\"analyst\":\"analyst-a\"}\n"
    );
    // The ranks follow the decision in the claim views.
    let run = env.ok(&[
        "sql",
        "SELECT claim_id, rank, sources FROM claim_overview WHERE predicate_id = 'population_share' ORDER BY claim_id",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(
        run.stdout,
        "claim_id,rank,sources\n\
         kz-russian-share-2011,preferred,Kazakhstan's Strategic and Military Relations with Russia (C3)\n\
         kz-russian-share-2013,deprecated,Report excerpt (F3)\n"
    );
    let run = env.ok(&[
        "sql",
        "SELECT entity_id, aliases, claims_about, claims_naming, first_day, last_day, sources \
         FROM entity_summary WHERE entity_id IN ('kazakhstan', 'kant-air-base') ORDER BY entity_id",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        run.stdout,
        "{\"entity_id\":\"kant-air-base\",\"aliases\":null,\"claims_about\":0,\"claims_naming\":1,\
         \"first_day\":null,\"last_day\":null,\"sources\":0}\n\
         {\"entity_id\":\"kazakhstan\",\"aliases\":\"Qazaqstan; Republic of Kazakhstan\",\
         \"claims_about\":3,\"claims_naming\":0,\"first_day\":\"2011-01-01\",\
         \"last_day\":\"2011-12-31\",\"sources\":2}\n"
    );
}

#[test]
fn csv_raw_with_another_format_is_refused() {
    let env = Env::new();
    let run = env.run(&["sql", "SELECT 1", "--csv-raw"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: --csv-raw does not apply to --format table; only --format csv takes it\n"
    );
    let run = env.run(&[
        "sql",
        "SELECT '=1' AS f",
        "--csv-raw",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "f\n=1\n");
}
