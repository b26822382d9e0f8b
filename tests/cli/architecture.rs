//! The invariants ARCHITECTURE.md states, read from `src/` so that breaking one fails the
//! build's tests: SQL only in `db/`, commands that do not import commands, printing only in
//! the face (`main.rs`, `lib.rs`, `cli.rs`, `cmd/`), the wall clock only in `time.rs`, files
//! written only where outputs are checked, and no import from a lower layer to a higher one. Test modules (after `#[cfg(test)]`) and comments
//! are not looked at.

use std::collections::BTreeMap;
use std::path::Path;

/// The layers, lowest first: a module may use its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &[
        "time", "words", "text", "numbers", "template", "exit", "files", "parallel",
    ],
    &["model", "label"],
    &["data", "conflicts", "verify", "table"],
    &["bundled"],
    &["db"],
    &[
        "extract",
        "datafiles",
        "load",
        "revision",
        "view",
        "review",
        "generate",
    ],
    &["output", "serve"],
    &["cmd", "cli", "lib", "main"],
];

/// A source file: its path from src/, its top-level module, and its code lines with numbers.
type Source = (String, String, Vec<(usize, String)>);

/// Every source file outside tests.
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    let mut out = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !rel.ends_with(".rs") || rel.ends_with("/tests.rs") {
                continue;
            }
            let top = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let lines = code
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//"))
                .map(|(n, l)| (n + 1, l.to_string()))
                .collect();
            out.push((rel, top, lines));
        }
    }
    out.sort();
    out
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The `crate::name` paths a line uses.
fn used(line: &str) -> Vec<String> {
    line.match_indices("crate::")
        .filter(|(i, _)| {
            *i == 0 || !line[..*i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        })
        .map(|(i, m)| {
            line[i + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_module_has_a_layer() {
    for (rel, top, _) in sources() {
        assert!(
            layer(&top).is_some(),
            "{rel}: module `{top}` is in no layer of LAYERS"
        );
    }
}

#[test]
fn no_import_runs_upward() {
    let mut found = Vec::new();
    for (rel, top, lines) in sources() {
        let Some(own) = layer(&top) else { continue };
        for (n, line) in &lines {
            for name in used(line) {
                if let Some(theirs) = layer(&name)
                    && theirs > own
                {
                    found.push(format!("{rel}:{n}: `{top}` uses `{name}`, a higher layer"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "imports that run upward:\n{}",
        found.join("\n")
    );
}

#[test]
fn sql_lives_in_db() {
    let calls = [
        ".prepare(",
        ".prepare_cached(",
        ".execute(",
        ".execute_batch(",
        ".query_row(",
        ".pragma_update(",
        ".transaction(",
        ".transaction_with_behavior(",
    ];
    let keywords = [
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "DROP ", "PRAGMA ",
    ];
    let mut found = Vec::new();
    for (rel, _, lines) in sources() {
        if rel.starts_with("db/") {
            continue;
        }
        for (n, line) in &lines {
            // A string literal that opens with a statement (an escaped \" is an example in help).
            let literal = line.match_indices('"').any(|(i, _)| {
                !line[..i].ends_with('\\') && keywords.iter().any(|k| line[i + 1..].starts_with(k))
            });
            if literal || calls.iter().any(|c| line.contains(c)) {
                found.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "SQL outside db/:\n{}", found.join("\n"));
}

#[test]
fn commands_do_not_import_commands() {
    let cmd = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cmd/mod.rs");
    let commands: Vec<String> = std::fs::read_to_string(cmd)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect();
    assert!(commands.len() > 10, "{commands:?}");
    let mut found = Vec::new();
    for (rel, _, lines) in sources() {
        let Some(own) = rel.strip_prefix("cmd/") else {
            continue;
        };
        let own = own.trim_end_matches(".rs");
        for (n, line) in &lines {
            for other in &commands {
                let named = [
                    format!("crate::cmd::{other}::"),
                    format!("super::{other}::"),
                ];
                if other != own && named.iter().any(|p| line.contains(p.as_str())) {
                    found.push(format!("{rel}:{n}: uses the command `{other}`"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "commands importing commands:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_face_prints_and_only_time_reads_the_clock() {
    let face =
        |rel: &str| ["main.rs", "lib.rs", "cli.rs"].contains(&rel) || rel.starts_with("cmd/");
    let mut found = BTreeMap::new();
    for (rel, _, lines) in sources() {
        for (n, line) in &lines {
            let prints = ["println!(", "print!(", "eprintln!(", "eprint!(", "dbg!("]
                .iter()
                .any(|m| line.contains(m));
            if prints && !face(&rel) {
                found.insert(format!("{rel}:{n}"), "prints outside the face");
            }
            let clock = [
                "SystemTime::now",
                "Utc::now",
                "Local::now",
                "OffsetDateTime::now",
            ]
            .iter()
            .any(|m| line.contains(m));
            if clock && rel != "time.rs" {
                found.insert(format!("{rel}:{n}"), "reads the wall clock outside time.rs");
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// A file is created, written whole or renamed only in the modules that check it first
/// (`files`, `datafiles`), in the Datasette
/// copy's rename (`cmd/export.rs`, after `guard_in`) and in the corpus generator
/// (`generate/write.rs`, after `guard`): every other write goes through the output guard.
#[test]
fn files_are_written_only_where_outputs_are_checked() {
    let allowed = [
        "files.rs",
        "datafiles.rs",
        "cmd/export.rs",
        "generate/write.rs",
    ];
    let writes = [
        "File::create(",
        "fs::write(",
        "OpenOptions::new()",
        "fs::rename(",
    ];
    let mut found = Vec::new();
    for (rel, _, lines) in sources() {
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        for (n, line) in &lines {
            let line = line.replace("AtomicFile::create(", "");
            if writes.iter().any(|w| line.contains(w)) {
                found.push(format!("{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "writes outside the checked paths:\n{}",
        found.join("\n")
    );
}

/// The most lines of code (not comments, not blank, outside its tests) a file under src/ may
/// hold: a reader keeps a file whole in mind, and a room that grows past it is split at its
/// seams.
const MOST_CODE_LINES: usize = 800;

/// The code lines of a file as [`sources`] reads them: comments and blank lines left out.
fn code_lines(lines: &[(usize, String)]) -> usize {
    lines.iter().filter(|(_, l)| !l.trim().is_empty()).count()
}

#[test]
fn every_file_can_be_read_whole() {
    let mut long: Vec<String> = sources()
        .into_iter()
        .filter_map(|(rel, _, lines)| {
            let n = code_lines(&lines);
            (n > MOST_CODE_LINES).then(|| format!("src/{rel}: {n} lines of code"))
        })
        .collect();
    long.sort();
    assert!(
        long.is_empty(),
        "files over {MOST_CODE_LINES} lines of code outside their tests (split them at their \
         seams):\n{}",
        long.join("\n")
    );
}

/// The checks above would catch what they look for: each finds its violation in a made-up line.
#[test]
fn the_checks_can_fail() {
    assert_eq!(
        used("use crate::output::visible; crate::db::x"),
        ["output", "db"]
    );
    assert!(used("notcrate::x").is_empty());
    assert!(layer("db") < layer("output") && layer("text") < layer("db"));
    let long: Vec<(usize, String)> = (1..=MOST_CODE_LINES + 1)
        .map(|n| (n, "x();".to_string()))
        .chain([(0, "   ".to_string())])
        .collect();
    assert_eq!(code_lines(&long), MOST_CODE_LINES + 1);
    let line = "let s = \"SELECT 1\";";
    assert!(
        line.match_indices('"')
            .any(|(i, _)| line[i + 1..].starts_with("SELECT "))
    );
}
