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
