//! Data files as they were at a git revision, loaded into a database of their own in a
//! temporary folder, for comparing two revisions (`factline diff --rev`). The files are taken
//! with `git archive` (nothing in the working tree is touched) and imported as `import` would,
//! with their origins relative to the repository as in a clone's own database.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use rusqlite::Connection;

use std::collections::HashMap;

use crate::data::{self, Dataset, Known};
use crate::db;
use crate::model::Claim;
use crate::verify::rules::{Finding, Severity};

/// A revision's data in a database of its own; the folder goes when this is dropped.
pub struct Revision {
    /// The revision as the user named it, and the commit it is.
    pub name: String,
    pub commit: String,
    pub conn: Connection,
    _dir: tempfile::TempDir,
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("while running git (is it installed?)")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Loads the data folder `data` (inside a git work tree) as it was at `rev`.
pub fn load(data: &Path, rev: &str) -> Result<Revision> {
    if !data.is_dir() {
        bail!(
            "{} is not a folder; give the data folder with --data",
            data.display()
        );
    }
    let root = git(data, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        anyhow::anyhow!(
            "{} is not in a git repository ({e}); --rev compares revisions of data files kept \
             in git",
            data.display()
        )
    })?;
    let prefix = git(data, &["rev-parse", "--show-prefix"])?;
    let commit = git(
        Path::new(&root),
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| anyhow::anyhow!("`{rev}` is not a revision of the repository at {root}"))?;
    let dir = tempfile::Builder::new()
        .prefix("factline-rev-")
        .tempdir()
        .context("while making a temporary folder")?;
    extract(Path::new(&root), &commit, &prefix, dir.path())
        .with_context(|| format!("while taking {prefix} at {rev} out of git"))?;
    let folder = dir.path().join(prefix.trim_end_matches('/'));
    if !folder.is_dir() {
        bail!("the repository at {root} held no {prefix} at {rev}");
    }
    let mut conn = db::open(&dir.path().join("factline.db"))?;
    crate::load::folder_into(&mut conn, dir.path(), &folder)
        .with_context(|| format!("while loading the data files of {rev}"))?;
    Ok(Revision {
        name: rev.to_string(),
        commit,
        conn,
        _dir: dir,
    })
}

/// `git archive COMMIT -- PREFIX`, unpacked into `into` by tar.
fn extract(root: &Path, commit: &str, prefix: &str, into: &Path) -> Result<()> {
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", commit, "--"])
        .arg(if prefix.is_empty() { "." } else { prefix })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("while running git archive")?;
    let Some(stdout) = archive.stdout.take() else {
        bail!("git archive gave no output");
    };
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(stdout)
        .output()
        .context("while running tar (is it installed?)")?;
    let archived = archive.wait_with_output()?;
    if !archived.status.success() {
        bail!("{}", String::from_utf8_lossy(&archived.stderr).trim());
    }
    if !untar.status.success() {
        bail!("tar: {}", String::from_utf8_lossy(&untar.stderr).trim());
    }
    Ok(())
}

/// The last commit that changed `file` (a path relative to `root`) at or before `instant`
/// (a stored UTC time): the revision a data file was at when it was imported then, if it was
/// committed first. `None` outside a git repository, without git, or with no such commit.
pub fn commit_before(root: &Path, file: &str, instant: &str) -> Option<String> {
    let before = format!("--before={instant}");
    git(root, &["log", "-1", "--format=%h", &before, "--", file])
        .ok()
        .filter(|c| !c.is_empty())
}

/// The two sides of the merge the data folder is in, with their merge base: a merge in progress
/// (`MERGE_HEAD`, before its commit) or a merge commit at `HEAD`. `None` outside git or when
/// `HEAD` is not a merge.
fn merge_sides(data: &Path) -> Option<(String, String, String)> {
    let (ours, theirs) = match git(data, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]) {
        Ok(theirs) => (git(data, &["rev-parse", "HEAD"]).ok()?, theirs),
        Err(_) => (
            git(data, &["rev-parse", "-q", "--verify", "HEAD^1"]).ok()?,
            git(data, &["rev-parse", "-q", "--verify", "HEAD^2"]).ok()?,
        ),
    };
    let base = git(data, &["merge-base", &ours, &theirs]).ok()?;
    Some((ours, theirs, base))
}

/// The claims of the data folder at a commit, by id (empty when that commit's files do not
/// load: they are then checked on their own branch).
fn claims_at(data: &Path, commit: &str, known: &Known) -> Result<HashMap<String, Claim>> {
    let root = git(data, &["rev-parse", "--show-toplevel"])?;
    let prefix = git(data, &["rev-parse", "--show-prefix"])?;
    let dir = tempfile::Builder::new()
        .prefix("factline-merge-")
        .tempdir()
        .context("while making a temporary folder")?;
    extract(Path::new(&root), commit, &prefix, dir.path())?;
    let folder = dir.path().join(prefix.trim_end_matches('/'));
    let Ok(files) = data::read::read_paths(std::slice::from_ref(&folder)) else {
        return Ok(HashMap::new());
    };
    let mappings = data::read_mappings(&folder).unwrap_or_default();
    let Ok(dataset) = data::load(&files, &known.clone().with_mapping_keys(&mappings)) else {
        return Ok(HashMap::new());
    };
    Ok(dataset
        .claims
        .into_iter()
        .map(|c| (c.item.id.clone(), c.item))
        .collect())
}

/// Claims that both sides of a merge changed, each its own way, from their merge base: git
/// merged their lines without a conflict when the edits touched different lines, and the
/// result is a claim neither analyst wrote. One warning per claim, at the merged claim, with
/// what each side changed. Nothing outside a merge.
pub fn edited_on_both_sides(data: &Path, merged: &Dataset, known: &Known) -> Result<Vec<Finding>> {
    let Some((ours, theirs, base)) = merge_sides(data) else {
        return Ok(Vec::new());
    };
    let before = claims_at(data, &base, known)?;
    let ours_claims = claims_at(data, &ours, known)?;
    let theirs_claims = claims_at(data, &theirs, known)?;
    let mut out = Vec::new();
    for located in &merged.claims {
        let id = &located.item.id;
        let (Some(b), Some(o), Some(t)) =
            (before.get(id), ours_claims.get(id), theirs_claims.get(id))
        else {
            continue;
        };
        if o == b || t == b || o == t {
            continue;
        }
        let changed = |side: &Claim| -> String { changed_fields(b, side).join(", ") };
        out.push(Finding {
            file: located.file.clone(),
            line: located.line,
            claim: Some(id.clone()),
            citation: None,
            severity: Severity::Warning,
            message: format!(
                "edited on both sides of the merge ({} changed {}; {} changed {}): git combined \
                 the edits line by line, so the merged claim is one neither side wrote; read it \
                 whole and keep what the source says",
                short(&ours),
                changed(o),
                short(&theirs),
                changed(t)
            ),
        });
    }
    Ok(out)
}

fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}

/// The fields of a claim that differ, by the names data files give them (compared as the
/// diff compares them).
fn changed_fields(a: &Claim, b: &Claim) -> Vec<String> {
    crate::view::diff::fields(a, b)
        .into_iter()
        .map(|f| f.field)
        .collect()
}
