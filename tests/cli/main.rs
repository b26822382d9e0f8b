//! Integration tests: the real `factline` binary in a temporary directory, with whole outputs
//! compared (a diff is printed on mismatch). One binary, a module per command.

// Test and bench code may panic on what it sets up, and prints what it measures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod architecture;
mod bad_input;
mod briefing;
mod charts;
mod check;
mod conflicts;
mod corpus;
mod corpus_doc;
mod crash;
mod errors;
mod export;
mod extract;
mod extract_real;
mod fuzz;
mod hardening;
mod history;
mod import;
mod import_table;
mod lost_reads;
mod lost_text;
mod lost_writes;
mod opposite;
mod polish;
mod readme;
mod reconcile;
mod review;
mod schema;
mod search;
mod serve;
mod show;
mod source;
mod sql;
mod states;
mod streamed;
mod team;
mod timeline;
mod upgrade;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary working directory holding a copy of the test dataset under `data/`.
pub struct Env {
    dir: tempfile::TempDir,
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    /// A directory with `data/` copied from tests/fixtures/data.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Env {
        let env = Env::empty();
        copy_dir(&fixtures().join("data"), &env.path().join("data"));
        env
    }

    /// A directory with `data/` copied from `tests/fixtures/<name>/data`.
    pub fn fixture(name: &str) -> Env {
        let env = Env::empty();
        copy_dir(
            &fixtures().join(name).join("data"),
            &env.path().join("data"),
        );
        env
    }

    /// A directory with `data/` copied from the project's bundled dataset.
    pub fn bundled() -> Env {
        let env = Env::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &env.path().join("data"),
        );
        env
    }

    /// An empty directory.
    pub fn empty() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs factline with a fixed clock and table width, and no FACTLINE_DB from outside.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_at("2026-01-02T03:04:05Z", args)
    }

    /// Runs factline with the clock set to `now`.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_factline"))
            .args(args)
            .current_dir(self.path())
            .env("COLUMNS", "100")
            .env("FACTLINE_NOW", now)
            .env_remove("FACTLINE_DB")
            .output()
            .expect("run factline");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
        }
    }

    /// Runs factline and insists that it succeeded.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "factline {args:?} failed:\n{}", run.stderr);
        run
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).expect("read")
    }

    pub fn bytes(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path().join(relative)).expect("read bytes")
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
