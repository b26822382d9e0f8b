//! `factline resolve`: record an analyst's decision on a conflict. The work is in
//! `review::resolve`.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::review::resolve::{Decision, Where, resolve};

/// Record which claim of a conflict to prefer and which to deprecate, why, and who decided.
///
/// Appends assessments (the preferred claim ranked `preferred`, each --deprecate claim
/// `deprecated`) and the resolution itself; nothing earlier is changed, and a later resolution
/// of the same conflict supersedes this one. `factline conflicts` then shows the conflict as
/// resolved with the decision, and the timeline hides deprecated claims unless asked
/// (`--rank all`). The decision is appended to a data file and imported with it, so it lives
/// with the curated data: data/resolutions.toml in the data folder the database was imported
/// from, or the file --save-to names. A database with no data folder (made with `import
/// --bundled`) keeps it alone; `factline export` writes all decisions too.
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

    /// The data file the decision is appended to, as a [[resolution]] table (default:
    /// resolutions.toml in the data folder the database was imported from).
    #[arg(long, value_name = "FILE")]
    pub save_to: Option<PathBuf>,
}

pub fn run(db_path: &Path, args: &Args) -> Result<()> {
    let decision = Decision {
        conflict: args.conflict.clone(),
        prefer: args.prefer.clone(),
        deprecate: args.deprecate.clone(),
        reason: args.reason.clone(),
        note: args.note.clone(),
        by: args.by.clone(),
    };
    // Nothing lives only in the database: a database imported from data files gets the
    // decision in its data folder's resolutions.toml unless --save-to names another file.
    let save_to = match &args.save_to {
        Some(file) => Some(file.clone()),
        None if db_path.exists() => {
            let conn = crate::db::open_for_reading(db_path)?;
            crate::db::datafiles::data_root(&conn)?
                .map(std::path::PathBuf::from)
                .filter(|root| root.join(crate::datafiles::DATA_DIR).is_dir())
                .map(|root| {
                    root.join(crate::datafiles::DATA_DIR)
                        .join("resolutions.toml")
                })
        }
        None => None,
    };
    let to = Where {
        save_to: save_to.clone(),
        flag: "--save-to",
        data: None,
    };
    let (resolution, said) = resolve(db_path, &decision, &to, &crate::cmd::say_waiting)?;
    for line in said {
        eprintln!("factline: {}", crate::text::visible::visible(&line));
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
        save_to
            .as_ref()
            .map_or(String::new(), |f| format!("; saved to {}", f.display()))
    );
    Ok(())
}
