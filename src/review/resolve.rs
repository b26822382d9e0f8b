//! A decision on a conflict, checked and recorded: `factline resolve` and the workbench's
//! resolve form both come here. The conflict and its claims are checked against the report
//! `factline conflicts` shows; the decision goes to a data file through the `DataWriter` (the
//! file and its import as one unit), or only to the database when no file is named.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::datafiles::DataWriter;
use crate::model::Resolution;
use crate::text::nearest;

/// What the analyst decided.
#[derive(Debug, Clone, Default)]
pub struct Decision {
    /// The conflict's id, as `factline conflicts` prints it (or an id it replaces).
    pub conflict: String,
    pub prefer: String,
    pub deprecate: Vec<String>,
    pub reason: String,
    pub note: Option<String>,
    pub by: String,
}

/// Where the decision is written: a data file (`save_to`, checked by the writer), or only the
/// database.
#[derive(Debug, Clone, Default)]
pub struct Where {
    pub save_to: Option<PathBuf>,
    /// The flag `save_to` came from, for messages.
    pub flag: &'static str,
    /// The data folder, for a database that records none.
    pub data: Option<PathBuf>,
}

/// Checks the decision against the current conflicts and records it; returns the resolution
/// recorded and what the writer said (renames an earlier run owed).
pub fn resolve(
    db_path: &Path,
    d: &Decision,
    to: &Where,
    waiting: &dyn Fn(&Path),
) -> Result<(Resolution, Vec<String>)> {
    if !db_path.exists() {
        bail!(
            "no database at {}; decisions are recorded in a database: run `factline import` \
             first (or give --db)",
            db_path.display()
        );
    }
    for (flag, text) in [("--reason", &d.reason), ("--by", &d.by)] {
        if text.trim().is_empty() {
            bail!("{flag} must not be empty");
        }
    }
    // Stored text passes the same gate as data files.
    for (flag, text) in [
        ("--reason", Some(&d.reason)),
        ("--by", Some(&d.by)),
        ("--note", d.note.as_ref()),
    ] {
        if let Some(text) = text {
            crate::data::text::check_argument(flag, text).map_err(anyhow::Error::msg)?;
        }
    }
    match &to.save_to {
        // The file and the database change together, through the data-file writer; the
        // decision is checked under its lock, against the conflicts as they stand.
        Some(file) => {
            let (writer, said) = DataWriter::open(db_path, to.data.as_deref(), waiting)?;
            let resolution = checked(writer.conn(), d)?;
            let (target, _) = writer.target(file, to.flag)?;
            let before = writer.read(&target)?.unwrap_or_default();
            let change = writer.change(file, to.flag, appended(&before, &resolution)?)?;
            writer.commit(std::slice::from_ref(&change), |_| Ok(()))?;
            Ok((resolution, said))
        }
        None => {
            let mut conn = crate::db::open(db_path)?;
            let resolution = checked(&conn, d)?;
            crate::db::save_resolution(&mut conn, &resolution)?;
            Ok((resolution, Vec::new()))
        }
    }
}

/// The resolution `d` asks for, once its conflict and claims are found among the current
/// conflicts.
fn checked(conn: &rusqlite::Connection, d: &Decision) -> Result<Resolution> {
    let views = crate::view::conflicts::report(conn, false, &mut |_| {})?.conflicts;
    // An id an entry replaces (one of the separate entries it gathers) names it too.
    let Some(conflict) = views
        .iter()
        .find(|v| v.id == d.conflict)
        .or_else(|| views.iter().find(|v| v.replaces.contains(&d.conflict)))
    else {
        // Ids are long: a part of one (a claim id, say) is the likeliest slip.
        let containing: Vec<&str> = views
            .iter()
            .map(|v| v.id.as_str())
            .filter(|id| id.contains(d.conflict.as_str()))
            .collect();
        let guess = match containing.as_slice() {
            [only] => Some(*only),
            _ => nearest(&d.conflict, views.iter().map(|v| v.id.as_str())),
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
        bail!("no conflict is called `{}`{hint} ({known})", d.conflict);
    };
    let members: Vec<&str> = conflict.claims.iter().map(|c| c.claim.as_str()).collect();
    for (flag, id) in std::iter::once(("--prefer", &d.prefer))
        .chain(d.deprecate.iter().map(|x| ("--deprecate", x)))
    {
        if !members.contains(&id.as_str()) {
            bail!(
                "{flag} {id}: not a claim of conflict {}; its claims are {}",
                conflict.id,
                members.join(", ")
            );
        }
    }
    if d.deprecate.contains(&d.prefer) {
        bail!("{} cannot be both preferred and deprecated", d.prefer);
    }
    Ok(Resolution {
        conflict: conflict.id.clone(),
        prefer: d.prefer.clone(),
        deprecate: d.deprecate.clone(),
        reason: d.reason.trim().to_string(),
        note: d.note.clone(),
        by: d.by.trim().to_string(),
        recorded_at: crate::time::now(),
    })
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
