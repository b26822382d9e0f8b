//! `factline eval-timeml` (hidden): the TempEval-3 temporal-expression metric over a folder
//! of gold TimeML files and a folder of system TimeML files.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::exit::Exit;
use crate::extract::timeml::{self, Counts, Difference, TimeMl};

/// Score system TimeML files against gold ones (TempEval-3's temporal-expression metric).
///
/// Each gold `.tml` file under GOLD is paired with the system file of the same name anywhere
/// under SYSTEM. Only <TEXT> is scored. Expressions are matched one-to-one per document by
/// character overlap on the tag-stripped text; strict and relaxed precision, recall and F1
/// count matched extents (identical, overlapping); value F1 counts relaxed matches with the
/// same value (P over system expressions, R over gold ones); type accuracy is the share of
/// relaxed matches with the same type.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder of gold .tml files (searched recursively).
    pub gold: PathBuf,
    /// A folder of system .tml files with the same file names (searched recursively).
    pub system: PathBuf,
    /// Also list every difference: missed, spurious, wrong value, wrong type, other extent.
    #[arg(long)]
    pub errors: bool,
    /// Write the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<Exit> {
    let gold = tml_files(&args.gold)?;
    if gold.is_empty() {
        bail!("no .tml files under {}", args.gold.display());
    }
    let system: HashMap<String, PathBuf> = tml_files(&args.system)?
        .into_iter()
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), p)))
        .collect();
    let mut total = Counts::default();
    let mut missing = 0;
    let mut differing = 0;
    for g in &gold {
        let name = g
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold_doc = read(g)?;
        let gold_ann = gold_doc.annotations();
        let text = gold_doc.text();
        let (sys_ann, sys_text) = match system.get(&name) {
            Some(p) => {
                let d = read(p)?;
                (d.annotations(), d.text())
            }
            None => {
                missing += 1;
                (Vec::new(), text.clone())
            }
        };
        if sys_text != text {
            differing += 1;
        }
        let mut diffs: Vec<Difference> = Vec::new();
        total.add(timeml::score(&text, &gold_ann, &sys_ann, &mut diffs));
        if args.errors {
            for d in diffs {
                writeln!(
                    out,
                    "{name}\t{}\tgold {}\tsystem {}",
                    d.what,
                    d.gold.as_deref().unwrap_or("-"),
                    d.system.as_deref().unwrap_or("-")
                )?;
            }
        }
    }
    if missing > 0 {
        eprintln!("factline: {missing} gold files have no system file (scored as finding nothing)");
    }
    if differing > 0 {
        eprintln!(
            "factline: in {differing} files the system's text differs from the gold text; \
             offsets may not align"
        );
    }
    let (sp, sr, sf) = total.prf(total.strict);
    let (rp, rr, rf) = total.prf(total.relaxed);
    let (vp, vr, vf) = total.prf(total.value);
    if args.json {
        let figures = serde_json::json!({
            "documents": gold.len(),
            "counts": total,
            "strict": { "precision": sp, "recall": sr, "f1": sf },
            "relaxed": { "precision": rp, "recall": rr, "f1": rf },
            "value": { "precision": vp, "recall": vr, "f1": vf },
            "type_accuracy": total.type_accuracy(),
            "value_accuracy": total.value_accuracy(),
        });
        serde_json::to_writer(&mut *out, &figures)?;
        writeln!(out)?;
        return Ok(Exit::Ok);
    }
    writeln!(
        out,
        "documents {}  gold {}  system {}  matched {}",
        gold.len(),
        total.gold,
        total.system,
        total.relaxed
    )?;
    writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>9}",
        "", "precision", "recall", "F1"
    )?;
    for (name, (p, r, f)) in [
        ("strict", (sp, sr, sf)),
        ("relaxed", (rp, rr, rf)),
        ("value", (vp, vr, vf)),
    ] {
        writeln!(out, "{name:<10} {p:>9.2} {r:>9.2} {f:>9.2}")?;
    }
    writeln!(
        out,
        "type accuracy {:.2}  value accuracy {:.2}",
        total.type_accuracy(),
        total.value_accuracy()
    )?;
    Ok(Exit::Ok)
}

fn read(path: &Path) -> Result<TimeMl> {
    let bytes = crate::data::read::read_bounded(path, &path.display().to_string())
        .map_err(anyhow::Error::msg)?;
    let text = crate::extract::utf8(path, bytes)?;
    TimeMl::parse(text).map_err(|m| anyhow::anyhow!("{}: {m}", path.display()))
}

/// The .tml files under `dir`, sorted.
fn tml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("cannot read folder {}", d.display()))?;
        for e in entries {
            let p = e
                .with_context(|| format!("cannot read folder {}", d.display()))?
                .path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("tml")) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}
