//! `factline resolve`: record an analyst's decision on a conflict.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::datafiles::DataWriter;
use crate::model::Resolution;
use crate::text::nearest;

/// Record which claim of a conflict to prefer and which to deprecate, why, and who decided.
///
/// Appends assessments (the preferred claim ranked `preferred`, each --deprecate claim
/// `deprecated`) and the resolution itself; nothing earlier is changed, and a later resolution
/// of the same conflict supersedes this one. `factline conflicts` then shows the conflict as
/// resolved with the decision, and the timeline hides deprecated claims unless asked
/// (`--rank all`). With --save-to, the decision is also appended to a data file (such as
/// data/resolutions.toml) so it lives with the curated data; `factline export` writes all
/// decisions too.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  factline resolve \
value:kz-russian-share-excerpt+kz-russian-share-rousseau \\\n    \
--prefer kz-russian-share-rousseau --deprecate kz-russian-share-excerpt \\\n    \
--reason \"more reliable source\" --note \"The excerpt's author cannot be judged.\" \\\n    \
--by analyst-a --save-to data/resolutions.toml")]
pub struct Args {
    /// The conflict's id, as `factline conflicts` prints it.
    pub conflict: String,

    /// The claim whose value or date to use; one of the conflict's claims.
    #[arg(long, value_name = "CLAIM")]
    pub prefer: String,

    /// A claim to rank deprecated (repeatable); each one of the conflict's claims.
    #[arg(long = "deprecate", value_name = "CLAIM")]
    pub deprecate: Vec<String>,

    /// Why, in a phrase: "more reliable source", "more recent", "corroborated" …
    #[arg(long)]
    pub reason: String,

    /// A longer note for the record.
    #[arg(long)]
    pub note: Option<String>,

    /// Who decided (default: $FACTLINE_ANALYST).
    #[arg(long, env = "FACTLINE_ANALYST")]
    pub by: String,

    /// Also append the decision, as a [[resolution]] table, to this data file.
    #[arg(long, value_name = "FILE")]
    pub save_to: Option<PathBuf>,
}

pub fn run(db_path: &Path, args: &Args) -> Result<()> {
    if !db_path.exists() {
        bail!(
            "no database at {}; decisions are recorded in a database: run `factline import` \
             first (or give --db)",
            db_path.display()
        );
    }
    for (flag, text) in [("--reason", &args.reason), ("--by", &args.by)] {
        if text.trim().is_empty() {
            bail!("{flag} must not be empty");
        }
    }
    // Stored text passes the same gate as data files.
    let note = args.note.as_ref();
    for (flag, text) in [
        ("--reason", Some(&args.reason)),
        ("--by", Some(&args.by)),
        ("--note", note),
    ] {
        if let Some(text) = text {
            crate::data::text::check_argument(flag, text).map_err(anyhow::Error::msg)?;
        }
    }
    let mut conn = crate::db::open(db_path)?;
    let views = crate::view::conflicts::report(&conn, false, &mut |_| {})?.conflicts;
    // An id an entry replaces (one of the separate entries it gathers) names it too.
    let Some(conflict) = views
        .iter()
        .find(|v| v.id == args.conflict)
        .or_else(|| views.iter().find(|v| v.replaces.contains(&args.conflict)))
    else {
        // Ids are long: a part of one (a claim id, say) is the likeliest slip.
        let containing: Vec<&str> = views
            .iter()
            .map(|v| v.id.as_str())
            .filter(|id| id.contains(args.conflict.as_str()))
            .collect();
        let guess = match containing.as_slice() {
            [only] => Some(*only),
            _ => nearest(&args.conflict, views.iter().map(|v| v.id.as_str())),
        };
        let hint = guess.map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        let known = if views.is_empty() {
            "there are no conflicts".to_string()
        } else {
            format!(
                "conflicts: {}",
                views
                    .iter()
                    .map(|v| v.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        bail!("no conflict is called `{}`{hint} ({known})", args.conflict);
    };
    let members: Vec<&str> = conflict.claims.iter().map(|c| c.claim.as_str()).collect();
    for (flag, id) in std::iter::once(("--prefer", &args.prefer))
        .chain(args.deprecate.iter().map(|d| ("--deprecate", d)))
    {
        if !members.contains(&id.as_str()) {
            bail!(
                "{flag} {id}: not a claim of conflict {}; its claims are {}",
                conflict.id,
                members.join(", ")
            );
        }
    }
    if args.deprecate.contains(&args.prefer) {
        bail!("{} cannot be both preferred and deprecated", args.prefer);
    }
    let resolution = Resolution {
        conflict: conflict.id.clone(),
        prefer: args.prefer.clone(),
        deprecate: args.deprecate.clone(),
        reason: args.reason.trim().to_string(),
        note: args.note.clone(),
        by: args.by.trim().to_string(),
        recorded_at: crate::time::now(),
    };
    match &args.save_to {
        // The file and the database change together, through the data-file writer.
        Some(file) => {
            drop(conn);
            let (writer, said) = DataWriter::open(db_path, None, &crate::cmd::say_waiting)?;
            for line in said {
                eprintln!("factline: {}", crate::text::visible::visible(&line));
            }
            let (checked, _) = writer.target(file, "--save-to")?;
            let before = writer.read(&checked)?.unwrap_or_default();
            let change = writer.change(file, "--save-to", appended(&before, &resolution)?)?;
            writer.commit(std::slice::from_ref(&change), |_| Ok(()))?;
        }
        None => {
            crate::db::save_resolution(&mut conn, &resolution)?;
        }
    }
    let deprecated = if resolution.deprecate.is_empty() {
        String::new()
    } else {
        format!(", deprecated {}", resolution.deprecate.join(", "))
    };
    eprintln!(
        "resolved {}: preferred {}{deprecated} ({}) by {} at {}{}",
        resolution.conflict,
        resolution.prefer,
        resolution.reason,
        resolution.by,
        resolution.recorded_at,
        args.save_to
            .as_ref()
            .map_or(String::new(), |f| format!("; saved to {}", f.display()))
    );
    Ok(())
}

/// The text of a data file with one `[[resolution]]` table added at its end.
fn appended(before: &str, resolution: &Resolution) -> Result<String> {
    #[derive(serde::Serialize)]
    struct One<'a> {
        resolution: [&'a Resolution; 1],
    }
    let text = toml::to_string(&One {
        resolution: [resolution],
    })
    .context("while writing the resolution as TOML")?;
    let mut after = before.to_string();
    if !after.is_empty() {
        if !after.ends_with('\n') {
            after.push('\n');
        }
        after.push('\n');
    }
    after.push_str(&text);
    Ok(after)
}
