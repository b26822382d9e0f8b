//! Issue 11, item 8: a database made by a released factline upgrades to this one's schema with
//! all its data intact.
//!
//! Each `tests/fixtures/upgrade/schema-vN.db` was made by the factline of its time, from the
//! checkout's root, with the bundled data and one resolution:
//!
//! ```sh
//! export FACTLINE_NOW=2026-12-01T00:00:00Z
//! factline --db tests/fixtures/upgrade/schema-v9.db import
//! factline --db tests/fixtures/upgrade/schema-v9.db resolve \
//!     value:kz-russian-share-excerpt+kz-russian-share-rousseau \
//!     --prefer kz-russian-share-rousseau --deprecate kz-russian-share-excerpt \
//!     --reason "more reliable source" --by upgrade-fixture
//! sqlite3 tests/fixtures/upgrade/schema-v9.db VACUUM
//! ```
//!
//! A release that adds a migration adds its own fixture the same way (named by its newest
//! schema version); every fixture must keep upgrading to every later schema.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Env, fixtures};

/// The versions of the migrations in `migrations/` (`V<n>__<what>.sql`): the schema this
/// factline upgrades to, whatever migrations later branches add.
fn migration_versions() -> Vec<i64> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut versions: Vec<i64> = std::fs::read_dir(&dir)
        .expect("read migrations/")
        .filter_map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().to_string();
            let rest = name.strip_prefix('V')?.strip_suffix(".sql")?;
            rest.split_once("__")?.0.parse().ok()
        })
        .collect();
    versions.sort();
    versions
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let width = stmt.column_count();
    stmt.query_map([], |r| {
        (0..width)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i)
                    .map(|v| format!("{v:?}"))
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|cells| cells.join(" | "))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// What the fixture holds, by columns that every later schema keeps: every claim, citation,
/// source, entity, predicate, resolution and assessment row. V17 records a row read from a
/// dataset's table as method `dataset` without a score, where earlier schemas said `extracted`
/// with a score of 1: read back as before, that is the only change allowed.
const HELD: &[&str] = &[
    "SELECT row_id, id, subject, predicate, value_type, object, amount, lower, upper, unit, bound,
            text_value, valid_time, earliest, latest, note, origin, recorded_at, retracted_at
     FROM claim ORDER BY row_id",
    "SELECT row_id, claim_row, source, quote, locator,
            CASE method WHEN 'dataset' THEN 'extracted' ELSE method END, credibility,
            CASE method WHEN 'dataset' THEN 1.0 ELSE extractor_score END,
            curator, recorded_at, retracted_at FROM citation ORDER BY row_id",
    "SELECT id, title, author, publisher, published, url, kind, reliability, sha256, retracted_at
     FROM source ORDER BY id",
    "SELECT id, name, kind, retracted_at FROM entity ORDER BY id",
    "SELECT id, label, value_type, unit, template FROM predicate ORDER BY id",
    "SELECT conflict_id, preferred, deprecated, reason, analyst, recorded_at FROM resolution
     ORDER BY row_id",
    "SELECT claim_id, rank, reason, analyst, recorded_at FROM assessment ORDER BY claim_id, rank",
];

fn held(db: &Path) -> Vec<Vec<String>> {
    let conn = Connection::open(db).unwrap();
    HELD.iter().map(|sql| rows(&conn, sql)).collect()
}

fn upgrade_fixtures() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(fixtures().join("upgrade"))
        .expect("read tests/fixtures/upgrade")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    found.sort();
    found
}

#[test]
fn a_database_of_an_earlier_release_upgrades_with_all_its_data() {
    let fixtures = upgrade_fixtures();
    assert!(!fixtures.is_empty(), "no fixture in tests/fixtures/upgrade");
    let latest = migration_versions();
    for fixture in fixtures {
        let env = Env::empty();
        let db = env.path().join("old.db");
        std::fs::copy(&fixture, &db).unwrap();
        let before = held(&db);
        let counts: Vec<usize> = before.iter().map(Vec::len).collect();
        // The fixture holds the bundled data and a decision.
        assert!(
            counts[0] >= 800 && counts[1] >= 800,
            "{fixture:?}: {counts:?}"
        );
        assert!(counts[5] >= 1 && counts[6] >= 2, "{fixture:?}: {counts:?}");

        // A read names the command that upgrades, when the schema is older.
        let applied: Vec<i64> = {
            let conn = Connection::open(&db).unwrap();
            let mut stmt = conn
                .prepare("SELECT version FROM refinery_schema_history ORDER BY version")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        if applied != latest {
            let run = env.run(&["--db", "old.db", "timeline"]);
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert!(
                run.stderr.contains("run `factline import` on it once"),
                "{}",
                run.stderr
            );
        }

        // The upgrade path: an import, here of one new source that touches nothing else.
        env.write(
            "more/source.toml",
            "[[source]]\nid = \"upgrade-check\"\ntitle = \"Added after the upgrade\"\n\
             kind = \"article\"\nreliability = \"C\"\n",
        );
        let run = env.ok(&["--db", "old.db", "import", "more"]);
        assert!(run.stderr.contains("added 1 source"), "{}", run.stderr);

        let conn = Connection::open(&db).unwrap();
        let now: Vec<i64> = conn
            .prepare("SELECT version FROM refinery_schema_history ORDER BY version")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(now, latest, "{fixture:?}: not upgraded to every migration");
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        // Every citation of a dataset is a dataset row now; no other citation is.
        let (rows, others): (i64, i64) = conn
            .query_row(
                "SELECT count(*) FILTER (WHERE method = 'dataset'),
                        count(*) FILTER (WHERE method <> 'dataset' AND source IN
                          (SELECT id FROM source WHERE kind = 'dataset'))
                 FROM citation",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(rows >= 600 && others == 0, "{fixture:?}: {rows} {others}");
        assert_eq!(integrity, "ok");
        drop(conn);

        let mut after = held(&db);
        // The one source added; everything else exactly as it was.
        let added = after[2]
            .iter()
            .position(|row| row.contains("upgrade-check"))
            .expect("the new source");
        after[2].remove(added);
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            assert!(b == a, "{fixture:?}: {} changed", HELD[i]);
        }

        // Read commands work on the upgraded file.
        let timeline = env.ok(&[
            "--db", "old.db", "timeline", "--format", "jsonl", "--rank", "all",
        ]);
        assert!(timeline.stdout.lines().count() >= 800);
        let show = env.ok(&["--db", "old.db", "show", "kz-population-rousseau"]);
        assert!(
            show.stdout.contains("16.3 million persons"),
            "{}",
            show.stdout
        );
        let conflicts = env.run(&["--db", "old.db", "conflicts", "--format", "json"]);
        assert!(conflicts.code <= 1, "{}", conflicts.stderr);
        assert!(
            conflicts.stdout.contains("\"status\": \"resolved\""),
            "{}",
            conflicts.stdout
        );
        let sql = env.ok(&[
            "--db",
            "old.db",
            "sql",
            "SELECT count(*) AS n FROM current_claim",
        ]);
        assert!(sql.stdout.contains("815"), "{}", sql.stdout);
        env.ok(&["--db", "old.db", "search", "Kant"]);
        env.ok(&["--db", "old.db", "export", "--format", "json"]);
    }
}

#[test]
fn a_history_without_its_newest_rows_is_named_as_edited_not_replayed() {
    // V11 creates a table and an index: replaying it over a file that has them would fail
    // halfway. (A migration that only drops and recreates a view replays harmlessly.)
    let env = Env::new();
    env.ok(&["import"]);
    let db = env.path().join("factline.db");
    Connection::open(&db)
        .unwrap()
        .execute(
            "DELETE FROM refinery_schema_history WHERE version >= ?1",
            [11],
        )
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    for args in [&["import"][..], &["timeline"][..]] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "the schema history (refinery_schema_history) does not record \
                 V11 cues_and_review_queue, but the file already has its "
            ) && run.stderr.contains("the file was changed by hand"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("already exists"), "{}", run.stderr);
        assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?} wrote");
    }
}
