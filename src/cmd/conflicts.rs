//! `factline conflicts`: where the sources disagree, why, what to believe, what was decided.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use rusqlite::Connection;

use crate::conflicts::{self, Report};
use crate::db::query;
use crate::model::{Predicate, Resolution};
use crate::output::{self, ConflictCitation, ConflictClaim, ConflictReport, ConflictView};

/// Find, explain and show decisions on contradictory figures and dates.
///
/// A value conflict is two claims on a functional predicate (one true value per subject,
/// qualifiers and time) with the same subject and qualifiers, comparable reference times, and
/// values that cannot both be true once each value's stated bound and implied rounding are
/// allowed for ("25%" covers 24.5–25.5%; "nearly 22%" lies just under 22%; "about 16 million"
/// 15–17 million). A date conflict is one once-only event (a signing, a launch) dated to
/// disjoint spans. An implausible change is a series that moves faster than its predicate's
/// max_annual_change allows. A derived conflict is a stated figure that disagrees with the one
/// computed from others (share = part ÷ whole). Each conflict has a stable id, an explanation
/// and a suggested low / best / high with the reason for the best.
///
/// Not conflicts (listed with --all, with the reason): figures for different times (a trend),
/// imprecise dates whose spans overlap, values equal within rounding, claims about different
/// qualifiers (a share of one group is not the share of another).
///
/// Exit code 1 while open conflicts exist, 0 when there are none.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  factline conflicts\n  \
                        factline conflicts --all --format markdown > memo.md\n  \
                        factline conflicts --format json\n\n\
                        Record a decision with `factline resolve CONFLICT --prefer CLAIM …`.")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Also list the pairs that were compared and cleared, with the reason.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per conflict: id, status, explanation, suggestion or decision.
    Table,
    /// A reconciliation memo to hand on.
    Markdown,
    /// `{"conflicts": [...]}`; see the README for every field.
    Json,
}

pub fn run(db_path: &Path, args: &Args, out: &mut dyn Write) -> Result<ExitCode> {
    let conn = crate::cmd::open_for_reading(db_path)?;
    let (report, views) = build(&conn)?;
    let open = views.iter().filter(|v| v.status == "open").count();
    let doc = ConflictReport {
        open,
        resolved: views.len() - open,
        conflicts: views,
        cleared: if args.all { report.cleared } else { Vec::new() },
    };
    match args.format {
        Format::Table => output::conflicts_table(out, &doc, args.all)?,
        Format::Markdown => output::conflicts_markdown(out, &doc, args.all)?,
        Format::Json => output::json(out, &doc)?,
    }
    Ok(if open > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Detects conflicts among the current claims and joins each with its claims' provenance and
/// the latest decision recorded for it.
pub fn build(conn: &Connection) -> Result<(Report, Vec<ConflictView>)> {
    let stored = query::timeline(conn)?;
    let claims: Vec<_> = stored.iter().map(|s| s.claim.clone()).collect();
    let predicates: HashMap<String, Predicate> = query::predicates(conn)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let sources = query::sources(conn)?;
    let names = query::entity_names(conn)?;
    let rules = query::rules(conn)?;
    let report = conflicts::detect(&claims, &predicates, &sources, &rules);

    let mut decided: HashMap<String, Resolution> = HashMap::new();
    for r in query::resolutions(conn)? {
        decided.insert(r.conflict.clone(), r);
    }
    let by_id: HashMap<&str, &query::StoredClaim> =
        stored.iter().map(|s| (s.claim.id.as_str(), s)).collect();

    let mut views = Vec::new();
    for c in &report.conflicts {
        let claims = c
            .claims
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .map(|s| {
                let entry =
                    crate::cmd::timeline::entry(s, predicates.get(&s.claim.predicate), &names);
                ConflictClaim {
                    claim: entry.claim,
                    label: entry.label,
                    value: entry.value,
                    when: entry.when,
                    when_text: entry.when_text,
                    rank: entry.rank,
                    citations: entry
                        .citations
                        .into_iter()
                        .map(|ci| {
                            let source = sources.get(&ci.source);
                            ConflictCitation {
                                reliability: source.map(|s| s.reliability.clone()),
                                source_title: source.map(|s| s.title.clone()),
                                source: ci.source,
                                quote: ci.quote,
                                locator: ci.locator,
                                credibility: ci.credibility,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let resolution = decided.get(&c.id).cloned();
        let qualifiers: BTreeMap<String, Vec<String>> = c
            .qualifiers
            .iter()
            .map(|(k, ids)| {
                let shown = ids
                    .iter()
                    .map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()))
                    .collect();
                (k.clone(), shown)
            })
            .collect();
        // The explanation names things by id; the report reads better with their names.
        let subject_name = names
            .get(&c.subject)
            .cloned()
            .unwrap_or_else(|| c.subject.clone());
        let predicate_label = predicates
            .get(&c.predicate)
            .map_or_else(|| c.predicate.clone(), |p| p.label.clone());
        let mut explanation = c.explanation.replacen(
            &format!("{} of {}", c.predicate, c.subject),
            &format!("{predicate_label} of {subject_name}"),
            1,
        );
        for (key, ids) in &c.qualifiers {
            explanation = explanation.replacen(
                &format!("{key} = {}", ids.join(", ")),
                &format!("{key} = {}", qualifiers[key].join(", ")),
                1,
            );
        }
        views.push(ConflictView {
            id: c.id.clone(),
            kind: c.kind.as_str().to_string(),
            status: if resolution.is_some() {
                "resolved"
            } else {
                "open"
            }
            .to_string(),
            subject: c.subject.clone(),
            subject_name,
            predicate: c.predicate.clone(),
            predicate_label,
            qualifiers,
            explanation,
            suggestion: c.suggestion.clone(),
            implied_annual_change: c.implied_annual_change,
            claims,
            resolution,
        });
    }
    Ok((report, views))
}
