//! Outputs written as rows arrive (`timeline --format json|jsonl|csv`, `export`) are byte for byte
//! what the writers that collected every entry first wrote: the expected files under
//! `tests/fixtures/streamed/expected` were recorded from those writers on the generated corpus
//! beside them (three claims files, two of them named `a.toml`), before the commands streamed;
//! recorded again when the timeline order placed open starts at their end and entries gained
//! `dataset` (V17), after checking that the collected JSON's entries equal the JSON Lines.

use similar_asserts::assert_eq;

use crate::{Env, fixtures};

fn expected(name: &str) -> String {
    let path = fixtures().join("streamed/expected").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn imported() -> Env {
    let env = Env::fixture("streamed");
    env.ok(&["import"]);
    env
}

#[test]
fn timeline_jsonl_and_csv_are_unchanged_with_and_without_a_window() {
    let env = imported();
    let cases: [(&[&str], &str); 5] = [
        (&["--format", "jsonl"], "timeline.jsonl"),
        (&["--format", "csv"], "timeline.csv"),
        (
            &["--format", "jsonl", "--from", "1995", "--to", "2004"],
            "window.jsonl",
        ),
        (&["--format", "csv", "--from", "1999-06"], "from.csv"),
        (
            &[
                "--format", "jsonl", "--entity", "e00001", "--from", "2000", "--to", "2012",
            ],
            "entity-window.jsonl",
        ),
    ];
    for (args, file) in cases {
        let mut all = vec!["timeline"];
        all.extend_from_slice(args);
        let run = env.ok(&all);
        assert_eq!(run.stdout, expected(file), "timeline {args:?}");
        assert_eq!(run.stderr, "");
    }
}

/// `timeline --format json` is streamed an entry at a time: the same bytes as the document
/// serialised whole (recorded from that writer), empty or not.
#[test]
fn timeline_json_is_unchanged_streamed() {
    let env = imported();
    let cases: [(&[&str], &str); 3] = [
        (&[], "timeline.json"),
        (
            &["--entity", "e00001", "--from", "2000", "--to", "2012"],
            "entity-window.json",
        ),
        (&["--from", "2300", "--to", "2301"], "empty.json"),
    ];
    for (args, file) in cases {
        let mut all = vec!["timeline", "--format", "json"];
        all.extend_from_slice(args);
        let run = env.ok(&all);
        assert_eq!(run.stdout, expected(file), "timeline {args:?}");
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn export_json_and_toml_are_unchanged() {
    let env = imported();
    let run = env.ok(&["export", "--format", "json"]);
    assert_eq!(run.stdout, expected("export.json"));
    assert_eq!(run.stderr, "");

    let run = env.ok(&["export", "--out", "exported"]);
    // Progress is drawn only on a terminal: a captured stderr holds the summary line alone.
    assert_eq!(
        run.stderr,
        "exported 40 claims, 50 sources, 29 entities, 46 predicates, 1 rule, 0 resolutions to \
         exported (6 files)\n"
    );
    for file in [
        "claims/a.toml",
        "claims/b.toml",
        "entities.toml",
        "predicates.toml",
        "rules.toml",
        "sources.toml",
    ] {
        assert_eq!(
            env.read(&format!("exported/{file}")),
            expected(&format!("export-toml/{file}")),
            "{file}"
        );
    }
}
