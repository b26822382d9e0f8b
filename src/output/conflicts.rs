//! The conflicts report: a table, a reconciliation memo in Markdown, and the JSON contract.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::conflicts::{Estimate, Side, Suggestion};
use crate::model::{Resolution, Value};
use crate::output::markdown::escape as md;
use crate::output::table;
use crate::words::{Millions, number, plural};

/// The whole report: `{"open", "tensions", "resolved", "conflicts": [...], "cleared": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictReport {
    /// Open entries whose verdict is `conflict`: the exit code is 1 while there are any.
    pub open: usize,
    /// Open entries whose verdict is `tension`.
    pub tensions: usize,
    pub resolved: usize,
    /// Conflicts first, then tensions.
    pub conflicts: Vec<ConflictView>,
    /// Sides compared and found consistent, with the reading (only with `--all`).
    pub cleared: Vec<ClearedView>,
}

/// A consistent judgement: what was compared and the reading under which both are true.
#[derive(Debug, Clone, Serialize)]
pub struct ClearedView {
    pub id: String,
    /// `value`, `date`, `series` or `derived`.
    pub kind: String,
    /// Always `consistent`.
    pub verdict: String,
    pub subject: String,
    pub predicate: String,
    pub claims: Vec<String>,
    pub explanation: String,
    /// The reading, as `reading`; kept under this name for earlier readers of the JSON.
    pub reason: String,
    pub reading: String,
}

/// One conflict with its claims' provenance and the decision, if any.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub id: String,
    /// `value`, `date`, `series` or `derived`.
    pub kind: String,
    /// `conflict` (no reading reconciles the sides) or `tension` (only a strained one does).
    pub verdict: String,
    /// `open` or `resolved`.
    pub status: String,
    pub subject: String,
    pub subject_name: String,
    pub predicate: String,
    pub predicate_label: String,
    /// Identifying qualifiers, by name.
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub explanation: String,
    /// The reading under which both could be true, or why there is none.
    pub reading: String,
    pub suggestion: Suggestion,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_annual_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series_gap: Option<f64>,
    /// The agreement sets (or series stretch) that disagree, with their corroboration.
    pub sides: Vec<Side>,
    pub claims: Vec<ConflictClaim>,
    /// The latest decision recorded for this conflict.
    pub resolution: Option<Resolution>,
}

/// A claim in a conflict.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictClaim {
    pub claim: String,
    pub label: String,
    pub value: Option<Value>,
    pub when: String,
    pub when_text: String,
    pub rank: String,
    pub citations: Vec<ConflictCitation>,
}

/// A citation with its source's grade.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictCitation {
    pub source: String,
    pub source_title: Option<String>,
    /// The source's Admiralty reliability, A–F.
    pub reliability: Option<String>,
    pub quote: String,
    pub locator: String,
    /// The citation's Admiralty credibility, 1–6.
    pub credibility: u8,
}

fn estimate(e: &Option<Estimate>, unit: Option<&str>) -> String {
    match e {
        None => "—".to_string(),
        Some(Estimate::Text(t)) => t.clone(),
        Some(Estimate::Number(x)) => {
            let shown = if x.is_finite() {
                number((x * 100.0).round() / 100.0, Millions::Tenths)
            } else if *x > 0.0 {
                "∞".to_string()
            } else {
                "−∞".to_string()
            };
            match unit {
                Some("percent") => format!("{shown}%"),
                Some(u) if !u.is_empty() => format!("{shown} {u}"),
                _ => shown,
            }
        }
    }
}

/// "best 25% (claim), range 21.56%–25%: reason".
pub fn suggestion_text(s: &Suggestion) -> String {
    let unit = s.unit.as_deref();
    format!(
        "best {} ({}); range {} to {}. {}",
        estimate(&s.best, unit),
        s.best_claim,
        estimate(&s.low, unit),
        estimate(&s.high, unit),
        s.reason
    )
}

fn decision_text(r: &Resolution) -> String {
    let mut text = format!("preferred {}", r.prefer);
    if !r.deprecate.is_empty() {
        text.push_str(&format!(", deprecated {}", r.deprecate.join(", ")));
    }
    text.push_str(&format!(": {} — {}, {}", r.reason, r.by, r.recorded_at));
    if let Some(note) = &r.note {
        text.push_str(&format!(". {note}"));
    }
    text
}

pub fn conflicts_table(out: &mut dyn Write, doc: &ConflictReport, all: bool) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    let mut t = table(&["Conflict", "Status", "What", "Suggestion or decision"]);
    for c in &doc.conflicts {
        let next = match &c.resolution {
            Some(r) => decision_text(r),
            None => suggestion_text(&c.suggestion),
        };
        t.add_row(vec![
            c.id.clone(),
            format!("{} {}", c.status, c.verdict),
            format!("{}. Reading: {}", c.explanation, c.reading),
            next,
        ]);
    }
    writeln!(out, "{t}")?;
    if all && !doc.cleared.is_empty() {
        let mut t = table(&["Consistent", "Reading"]);
        for c in &doc.cleared {
            t.add_row(vec![c.id.clone(), c.reading.clone()]);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(
        out,
        "{} open, {} resolved{}{}",
        doc.open,
        doc.resolved,
        if doc.tensions > 0 {
            format!(", {} in tension", doc.tensions)
        } else {
            String::new()
        },
        if all {
            format!(", {} consistent", doc.cleared.len())
        } else {
            String::new()
        }
    )
}

fn value_text(value: &Option<Value>) -> String {
    match value {
        Some(Value::Quantity(q)) => q.to_string(),
        Some(Value::Entity { entity }) => entity.clone(),
        Some(Value::Text { text }) => text.clone(),
        Some(Value::None) | None => "—".to_string(),
    }
}

pub fn conflicts_markdown(out: &mut dyn Write, doc: &ConflictReport, all: bool) -> io::Result<()> {
    let out = &mut crate::output::visible::Visible::new(out);
    writeln!(out, "# Reconciliation memo\n")?;
    writeln!(
        out,
        "{} in the dataset: {}, {}, {} resolved. \
         A conflict is a disagreement that no reading of the times reconciles; a tension one \
         that only a strained reading does. Each lists the claims with their sources' \
         reliability (Admiralty A–F) and the citations' credibility (1–6), the reading, a \
         suggested range and best value, and any decision recorded.\n",
        plural(doc.conflicts.len(), "disagreement", "disagreements"),
        plural(doc.open, "open conflict", "open conflicts"),
        plural(doc.tensions, "open tension", "open tensions"),
        doc.resolved
    )?;
    for (i, c) in doc.conflicts.iter().enumerate() {
        writeln!(out, "## {}. {} ({})\n", i + 1, md(&c.id), c.status)?;
        let qualifiers: Vec<String> = c
            .qualifiers
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.join(", ")))
            .collect();
        let scope = if qualifiers.is_empty() {
            String::new()
        } else {
            format!(" ({})", qualifiers.join("; "))
        };
        writeln!(
            out,
            "**{} — {}{}**, a {} {}.\n",
            md(&c.subject_name),
            md(&c.predicate_label),
            md(&scope),
            c.kind.replace('_', " "),
            c.verdict
        )?;
        writeln!(out, "{}\n", md(&c.explanation))?;
        writeln!(out, "**Reading:** {}\n", md(&c.reading))?;
        writeln!(
            out,
            "| Claim | Value | When | Source (reliability) | Credibility | Quote |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for claim in &c.claims {
            for cite in &claim.citations {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} ({}), {} | {} | “{}” |",
                    claim.claim,
                    md(&value_text(&claim.value)),
                    md(&claim.when_text),
                    md(&cite.source),
                    cite.reliability.as_deref().unwrap_or("?"),
                    md(&cite.locator),
                    cite.credibility,
                    md(&cite.quote)
                )?;
            }
        }
        writeln!(
            out,
            "\n**Suggestion:** {}\n",
            md(&suggestion_text(&c.suggestion))
        )?;
        match &c.resolution {
            Some(r) => writeln!(out, "**Decision:** {}\n", md(&decision_text(r)))?,
            None => writeln!(
                out,
                "**Decision:** none yet. Record one with `factline resolve {} --prefer CLAIM \
                 --deprecate CLAIM --reason … --by NAME`.\n",
                c.id
            )?,
        }
    }
    if all && !doc.cleared.is_empty() {
        writeln!(out, "## Compared and consistent\n")?;
        writeln!(out, "| Claims | Reading |")?;
        writeln!(out, "|---|---|")?;
        for c in &doc.cleared {
            let claims: Vec<String> = c.claims.iter().map(|id| format!("`{id}`")).collect();
            writeln!(out, "| {} | {} |", claims.join(", "), md(&c.reading))?;
        }
    }
    Ok(())
}
