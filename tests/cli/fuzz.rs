//! Issue 11, item 7: the fuzz targets' checks (`fuzz/src/checks.rs`, compiled here too) run on
//! every saved input — the seeds in `fuzz/seeds/` and every input that once broke a check, in
//! `fuzz/regressions/` — and on generated inputs: the seeds mutated, and arbitrary bytes.
//!
//! `FUZZ_CASES=N` sets how many generated inputs each target gets (default 64, a few seconds);
//! `fuzz/run` runs the coverage-guided fuzzer itself, for minutes.

#[path = "../../fuzz/src/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

type Check = fn(&[u8]);

/// The targets: name (the folder under fuzz/seeds and fuzz/regressions) and check.
const TARGETS: &[(&str, Check)] = &[
    ("edtf", checks::edtf),
    ("data_file", checks::data_file),
    ("quote", checks::quote),
    ("table", checks::table),
    ("extract", checks::extract),
];

fn saved(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.expect("entry").path()).collect(),
        Err(e) => panic!("{}: {e}", dir.display()),
    };
    files.sort();
    files
        .into_iter()
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read input");
            (p, bytes)
        })
        .collect()
}

#[test]
fn every_saved_input_passes_its_check() {
    let mut seeds = 0;
    for (target, check) in TARGETS {
        let inputs = saved("seeds", target);
        assert!(!inputs.is_empty(), "fuzz/seeds/{target} is empty");
        seeds += inputs.len();
        for kind in ["seeds", "regressions"] {
            for (path, bytes) in saved(kind, target) {
                let caught = std::panic::catch_unwind(|| check(&bytes));
                assert!(caught.is_ok(), "{} fails its check", path.display());
            }
        }
    }
    assert!(seeds >= 20, "{seeds} seeds");
}

/// How many generated inputs each target gets.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

/// Bytes that matter to the formats under test.
const ALPHABET: &[u8] = b"0123456789-/.~?%X[]{},:\"'=\n\t #\\_aeilnqtuxyz\x00\xc3\xa9\xe2\x80\x9c";

/// An edit to apply to a seed: (position, what: 0 delete, 1 insert, 2 replace, 3 duplicate,
/// length or byte).
fn edits() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    prop::collection::vec((any::<usize>(), 0u8..4, 0usize..64), 1..8)
}

fn mutate(seed: &[u8], edits: &[(usize, u8, usize)]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for &(at, what, n) in edits {
        let at = if out.is_empty() {
            0
        } else {
            at % (out.len() + 1)
        };
        match what {
            0 => {
                let end = (at + n % 16 + 1).min(out.len());
                out.drain(at..end);
            }
            1 => {
                let byte = ALPHABET[n % ALPHABET.len()];
                out.insert(at, byte);
            }
            2 if at < out.len() => out[at] = ALPHABET[n % ALPHABET.len()],
            _ => {
                let end = (at + n).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
        }
    }
    out
}

#[test]
fn generated_inputs_pass_every_check() {
    for (target, check) in TARGETS {
        let seeds: Vec<Vec<u8>> = saved("seeds", target).into_iter().map(|s| s.1).collect();
        let mut runner = TestRunner::new(Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        });
        let mutated = (0..seeds.len(), edits()).prop_map(|(i, e)| mutate(&seeds[i], &e));
        let arbitrary =
            (any::<u8>(), prop::collection::vec(any::<u8>(), 0..200)).prop_map(|(first, rest)| {
                let mut bytes = vec![first];
                bytes.extend(rest);
                bytes
            });
        let inputs = prop_oneof![4 => mutated, 1 => arbitrary];
        let result = runner.run(&inputs, |bytes| {
            check(&bytes);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{target}: {e}\nsave the input under fuzz/regressions/{target}/");
        }
    }
}

#[test]
fn mutation_reaches_every_kind_of_edit() {
    assert_eq!(mutate(b"abc", &[(1, 0, 0)]), b"ac");
    assert_eq!(mutate(b"abc", &[(1, 1, 0)]), b"a0bc");
    assert_eq!(mutate(b"abc", &[(1, 2, 1)]), b"a1c");
    assert_eq!(mutate(b"abc", &[(1, 3, 2)]), b"abcbc");
    assert_eq!(mutate(b"", &[(5, 2, 1)]), b"");
}
