//! `factline diff` as a table and as a Markdown briefing (the JSON is the view serialised).

use std::io::{self, Write};

use crate::output::markdown::escape as md;
use crate::output::table;
use crate::view::diff::{Diff, FieldChange, moment};
use crate::words::plural;

/// The opening sentence: "3 new claims (2 about Kazakhstan, 1 about Russia), 1 changed, 1
/// retracted; 1 new conflict, 1 resolved; 2 decisions recorded", or "nothing changed".
pub fn diff_summary(d: &Diff) -> String {
    let s = &d.summary;
    let mut claims = Vec::new();
    if s.claims_added > 0 {
        let about: Vec<String> = s
            .new_claims_about
            .iter()
            .take(3)
            .map(|a| format!("{} about {}", a.claims, a.name))
            .collect();
        let more = if s.new_claims_about.len() > 3 {
            ", …"
        } else {
            ""
        };
        claims.push(format!(
            "{} ({}{more})",
            plural(s.claims_added, "new claim", "new claims"),
            about.join(", ")
        ));
    }
    if s.claims_changed > 0 {
        claims.push(plural(s.claims_changed, "claim changed", "claims changed"));
    }
    if s.claims_retracted > 0 {
        claims.push(plural(
            s.claims_retracted,
            "claim retracted",
            "claims retracted",
        ));
    }
    let mut conflicts = Vec::new();
    if s.conflicts_opened > 0 {
        conflicts.push(format!("{} new", s.conflicts_opened));
    }
    if s.conflicts_resolved > 0 {
        conflicts.push(format!("{} resolved", s.conflicts_resolved));
    }
    if s.conflicts_closed > 0 {
        conflicts.push(format!("{} no longer found", s.conflicts_closed));
    }
    if s.conflicts_changed > 0 {
        conflicts.push(format!("{} changed in verdict", s.conflicts_changed));
    }
    let mut parts = Vec::new();
    if !claims.is_empty() {
        parts.push(claims.join(", "));
    }
    if !conflicts.is_empty() {
        parts.push(format!("conflicts and tensions: {}", conflicts.join(", ")));
    }
    if s.decisions > 0 {
        parts.push(plural(
            s.decisions,
            "decision recorded",
            "decisions recorded",
        ));
    }
    let vocabulary = d.vocabulary.len();
    if vocabulary > 0 {
        parts.push(plural(
            vocabulary,
            "source, entity or predicate added, changed or retracted",
            "sources, entities or predicates added, changed or retracted",
        ));
    }
    if parts.is_empty() {
        "nothing changed".to_string()
    } else {
        parts.join("; ")
    }
}

fn field_text(f: &FieldChange) -> String {
    format!("{}: {} → {}", f.field, f.before_text, f.after_text)
}

/// The diff as a Markdown briefing to paste into a note.
pub fn diff_markdown(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    if d.since.is_empty() {
        writeln!(out, "# Changes\n")?;
    } else {
        writeln!(out, "# Since {}\n", md(&moment(&d.since)))?;
    }
    writeln!(
        out,
        "Between {}: {}.\n",
        md(&d.compared),
        md(&diff_summary(d))
    )?;
    for (title, change) in [
        ("New claims", "added"),
        ("Changed claims", "changed"),
        ("Retracted claims", "retracted"),
    ] {
        let rows: Vec<_> = d.claims.iter().filter(|c| c.change == change).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "## {title}\n")?;
        for c in rows {
            write!(
                out,
                "- **{}** {} (`{}`",
                md(&c.when_text),
                md(&c.label),
                md(&c.claim)
            )?;
            if let Some(origin) = &c.origin {
                write!(out, ", {}", md(origin))?;
            }
            writeln!(out, ")")?;
            for f in &c.fields {
                writeln!(out, "  - {}", md(&field_text(f)))?;
            }
        }
        writeln!(out)?;
    }
    if !d.conflicts.is_empty() {
        writeln!(out, "## Conflicts\n")?;
        for c in &d.conflicts {
            writeln!(
                out,
                "- {} — **{} — {}** ({} → {}): {}",
                c.change,
                md(&c.subject_name),
                md(&c.predicate_label),
                md(c.before.as_deref().unwrap_or("none")),
                md(c.after.as_deref().unwrap_or("none")),
                md(&c.explanation)
            )?;
        }
        writeln!(out)?;
    }
    if !d.decisions.is_empty() || !d.assessments.is_empty() {
        writeln!(out, "## Decisions\n")?;
        for r in &d.decisions {
            writeln!(
                out,
                "- {} by {}: `{}` prefers `{}` ({})",
                md(&r.recorded_at),
                md(&r.by),
                md(&r.conflict),
                md(&r.prefer),
                md(&r.reason)
            )?;
        }
        for a in &d.assessments {
            writeln!(
                out,
                "- {} by {}: `{}` ranked {} ({})",
                md(&a.recorded_at),
                md(&a.by),
                md(&a.claim),
                md(&a.rank),
                md(&a.reason)
            )?;
        }
        writeln!(out)?;
    }
    if !d.vocabulary.is_empty() {
        writeln!(out, "## Sources, entities and predicates\n")?;
        for v in &d.vocabulary {
            let fields: Vec<String> = v.fields.iter().map(field_text).collect();
            let detail = if fields.is_empty() {
                String::new()
            } else {
                format!(": {}", fields.join("; "))
            };
            writeln!(
                out,
                "- {} {} `{}`{}",
                v.record,
                v.change,
                md(&v.id),
                md(&detail)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The diff as a table: one row per change, what it is about and what changed.
pub fn diff_table(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    writeln!(out, "Between {}: {}.", d.compared, diff_summary(d))?;
    let empty = d.claims.is_empty()
        && d.conflicts.is_empty()
        && d.decisions.is_empty()
        && d.assessments.is_empty()
        && d.vocabulary.is_empty();
    if empty {
        return Ok(());
    }
    let mut t = table(&["Change", "What", "Details"]);
    for c in &d.claims {
        let details: Vec<String> = c.fields.iter().map(field_text).collect();
        t.add_row(vec![
            format!("claim {}", c.change),
            format!("{} — {}\n{}", c.when_text, c.label, c.claim),
            details.join("\n"),
        ]);
    }
    for c in &d.conflicts {
        t.add_row(vec![
            format!("conflict {}", c.change),
            format!("{} — {}\n{}", c.subject_name, c.predicate_label, c.conflict),
            format!(
                "{} → {}",
                c.before.as_deref().unwrap_or("none"),
                c.after.as_deref().unwrap_or("none")
            ),
        ]);
    }
    for r in &d.decisions {
        t.add_row(vec![
            "decision".to_string(),
            r.conflict.clone(),
            format!("prefer {} ({}), by {}", r.prefer, r.reason, r.by),
        ]);
    }
    for a in &d.assessments {
        t.add_row(vec![
            "assessment".to_string(),
            a.claim.clone(),
            format!("{} ({}), by {}", a.rank, a.reason, a.by),
        ]);
    }
    for v in &d.vocabulary {
        let details: Vec<String> = v.fields.iter().map(field_text).collect();
        t.add_row(vec![
            format!("{} {}", v.record, v.change),
            v.id.clone(),
            details.join("\n"),
        ]);
    }
    writeln!(out, "{t}")
}
