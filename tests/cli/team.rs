//! A team through git, as docs/team.md describes it: two analysts' clones, a merge git makes
//! without a conflict, and `check` catching what a text merge cannot see.

use std::path::Path;
use std::process::Command;

use crate::Env;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// A shared repository holding the fixture's data files, and two clones of it, `ana` and `ben`.
fn team() -> Option<(Env, Env, Env)> {
    if !has_git() {
        eprintln!("skipped: git is not installed");
        return None;
    }
    let origin = Env::new();
    git(origin.path(), &["init", "-q", "-b", "main"]);
    git(origin.path(), &["add", "data"]);
    git(origin.path(), &["commit", "-q", "-m", "the team's data"]);
    let clone = |_: &str| {
        let env = Env::empty();
        let target = env.path().join("repo");
        git(
            env.path(),
            &[
                "clone",
                "-q",
                origin.path().to_str().unwrap(),
                target.to_str().unwrap(),
            ],
        );
        env
    };
    let (ana, ben) = (clone("ana"), clone("ben"));
    Some((origin, ana, ben))
}

fn repo(env: &Env) -> std::path::PathBuf {
    env.path().join("repo")
}

fn claim(id: &str, amount: u64) -> String {
    format!(
        "[[claim]]\nid = \"{id}\"\nsubject = \"kazakhstan\"\npredicate = \"population\"\n\
         quantity = {{ amount = {amount}, bound = \"exact\" }}\nwhen = \"2012\"\n\n\
         [[claim.citation]]\nsource = \"rousseau-2011\"\nquote = \"a population of 16.3 million\"\n\
         locator = \"line 12\"\ncredibility = 3\n"
    )
}

/// Runs factline in a clone's repository.
fn factline(env: &Env, args: &[&str]) -> crate::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_factline"))
        .args(args)
        .current_dir(repo(env))
        .env("COLUMNS", "100")
        .env("FACTLINE_NOW", "2026-03-01T00:00:00Z")
        .env_remove("FACTLINE_DB")
        .output()
        .expect("run factline");
    crate::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn commit_file(env: &Env, relative: &str, text: &str, message: &str) {
    let path = repo(env).join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    git(&repo(env), &["add", relative]);
    git(&repo(env), &["commit", "-q", "-m", message]);
}

fn merge_ben_into_ana(origin: &Env, ana: &Env, ben: &Env) {
    git(&repo(ben), &["push", "-q", "origin", "HEAD:ben"]);
    git(&repo(ana), &["fetch", "-q", "origin"]);
    git(&repo(ana), &["merge", "-q", "--no-edit", "origin/ben"]);
    let _ = origin;
}

#[test]
fn two_analysts_adding_claims_about_different_sources_merge_cleanly() {
    let Some((origin, ana, ben)) = team() else {
        return;
    };
    // Each adds claims in a file of their own, checks and commits.
    commit_file(
        &ana,
        "data/claims/ana.toml",
        &claim("kz-population-2012-ana", 16_800_000),
        "ana",
    );
    commit_file(
        &ben,
        "data/claims/ben.toml",
        &claim("kz-population-2013-ben", 17_000_000),
        "ben",
    );
    for env in [&ana, &ben] {
        let run = factline(env, &["check", "data"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    merge_ben_into_ana(&origin, &ana, &ben);
    let run = factline(&ana, &["check", "data", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = factline(&ana, &["import"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = factline(&ana, &["show", "kz-population-2013-ben"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn check_reports_what_a_clean_text_merge_let_through() {
    let Some((origin, ana, ben)) = team() else {
        return;
    };
    // Both add a claim with the same id, in different files: git merges without a conflict.
    commit_file(
        &ana,
        "data/claims/ana.toml",
        &claim("kz-population-2012", 16_800_000),
        "ana",
    );
    commit_file(
        &ben,
        "data/claims/ben.toml",
        &claim("kz-population-2012", 16_900_000),
        "ben",
    );
    merge_ben_into_ana(&origin, &ana, &ben);
    let run = factline(&ana, &["check", "data"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("claim `kz-population-2012`: duplicate id")
            && run.stderr.contains("data/claims/ana.toml")
            && run.stderr.contains("data/claims/ben.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_a_decision_about_a_claim_the_other_branch_removed() {
    let Some((origin, ana, ben)) = team() else {
        return;
    };
    // Ana records a decision preferring a claim in her own resolutions file …
    commit_file(
        &ana,
        "data/resolutions-ana.toml",
        "[[resolution]]\nconflict = \"value:kz-russian-share-2011+kz-russian-share-2013\"\n\
         prefer = \"kz-russian-share-2011\"\ndeprecate = [\"kz-russian-share-2013\"]\n\
         reason = \"more reliable source\"\nby = \"ana\"\nrecorded_at = \"2026-02-01T10:00:00Z\"\n",
        "ana decides",
    );
    // … while Ben renames that claim.
    let sample = std::fs::read_to_string(repo(&ben).join("data/claims/sample.toml")).unwrap();
    commit_file(
        &ben,
        "data/claims/sample.toml",
        &sample.replace(
            "id = \"kz-russian-share-2011\"",
            "id = \"kz-russian-share-2011-rousseau\"",
        ),
        "ben renames",
    );
    merge_ben_into_ana(&origin, &ana, &ben);
    let run = factline(&ana, &["check", "data"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("data/resolutions-ana.toml")
            && run.stderr.contains("unknown claim `kz-russian-share-2011`"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_compares_two_revisions_of_the_data_files() {
    let Some((_origin, ana, _ben)) = team() else {
        return;
    };
    let sample = std::fs::read_to_string(repo(&ana).join("data/claims/sample.toml")).unwrap();
    commit_file(
        &ana,
        "data/claims/sample.toml",
        &sample.replace(
            "quantity = { amount = 22, bound = \"nearly\" }",
            "quantity = { amount = 23, bound = \"nearly\" }",
        ),
        "the excerpt's figure corrected",
    );
    let run = factline(
        &ana,
        &[
            "diff",
            "--rev",
            "HEAD~1",
            "--rev",
            "HEAD",
            "--format",
            "json",
            "--no-conflicts",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(d["summary"]["claims_changed"], 1, "{d}");
    assert_eq!(d["claims"][0]["claim"], "kz-russian-share-2013");
    assert_eq!(d["claims"][0]["fields"][0]["after_text"], "nearly 23%");
    assert_eq!(d["claims"][0]["origin"], "data/claims/sample.toml");
    // One revision against the database built from the working tree.
    assert_eq!(factline(&ana, &["import"]).code, 0);
    let run = factline(&ana, &["diff", "--rev", "HEAD~1", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(d["summary"]["claims_changed"], 1, "{d}");
    assert_eq!(d["summary"]["claims_added"], 0, "{d}");
    // The claim's history names the commit its file was at when it was imported.
    let head = git(&repo(&ana), &["log", "-1", "--format=%h"]);
    let shown = factline(&ana, &["show", "kz-russian-share-2013", "--history"]);
    assert!(
        shown
            .stdout
            .contains(&format!("from data/claims/sample.toml at {}", head.trim())),
        "{}",
        shown.stdout
    );
    // The working tree is untouched, and a name that is no revision is said to be one.
    assert_eq!(
        git(&repo(&ana), &["status", "--porcelain", "--", "data"]),
        ""
    );
    let run = factline(&ana, &["diff", "--rev", "no-such-tag"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("`no-such-tag` is not a revision"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_warns_of_a_claim_both_sides_edited_that_git_merged_line_by_line() {
    let Some((origin, ana, ben)) = team() else {
        return;
    };
    let sample = std::fs::read_to_string(repo(&ana).join("data/claims/sample.toml")).unwrap();
    // Ana corrects the figure, Ben the locator of the same claim: lines apart, no conflict.
    commit_file(
        &ana,
        "data/claims/sample.toml",
        &sample.replace(
            "quantity = { amount = 22, bound = \"nearly\" }",
            "quantity = { amount = 23, bound = \"nearly\" }",
        ),
        "ana: the figure",
    );
    commit_file(
        &ben,
        "data/claims/sample.toml",
        &sample.replace("locator = \"line 67\"", "locator = \"lines 66-67\""),
        "ben: the locator",
    );
    merge_ben_into_ana(&origin, &ana, &ben);
    let merged = std::fs::read_to_string(repo(&ana).join("data/claims/sample.toml")).unwrap();
    assert!(merged.contains("amount = 23") && merged.contains("lines 66-67"));
    let run = factline(&ana, &["check", "data"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("kz-russian-share-2013")
            && run.stdout.contains("edited on both sides of the merge")
            && run.stdout.contains("changed value")
            && run.stdout.contains("changed citations"),
        "{}",
        run.stdout
    );
    let strict = factline(&ana, &["check", "data", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    // Claims only one side changed are not named.
    assert!(
        !run.stdout.contains("kz-russian-share-2011"),
        "{}",
        run.stdout
    );
    // Once the merged claim has been read and committed again, the warning goes.
    git(
        &repo(&ana),
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "the merged claim read against its source",
        ],
    );
    let later = factline(&ana, &["check", "data", "--strict"]);
    assert_eq!(later.code, 0, "{}", later.stdout);
}
