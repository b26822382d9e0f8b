//! The conflicts report: a table, a reconciliation memo in Markdown, and the JSON contract.

use std::io::{self, Write};

use crate::conflicts::{Estimate, Finding, Suggestion};
use crate::model::{Resolution, Value};
use crate::output::markdown::escape as md;
use crate::view::conflicts::Judged;
use comfy_table::{ColumnConstraint, Width};

use crate::output::table;
use crate::words::plural;

fn estimate(e: &Option<Estimate>, unit: Option<&str>) -> String {
    match e {
        None => "—".to_string(),
        // A date (the estimates of a date conflict) in words.
        Some(Estimate::Text(t)) => crate::words::date(t),
        Some(Estimate::Number(x)) => {
            let shown = if x.is_finite() {
                // As every figure is worded: "18.7 million", "21.56", "15,000".
                crate::words::figure((x * 100.0).round() / 100.0)
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

/// "best 25% for 2013 (claim); range 21.56% to 25%. reason"; "no single best. reason" when
/// there is none (two series on different bases).
pub fn suggestion_text(s: &Suggestion) -> String {
    let unit = s.unit.as_deref();
    if s.best.is_none() && s.low.is_none() && s.high.is_none() {
        return format!("no single best. {}", s.reason);
    }
    let time = s
        .for_time
        .as_deref()
        .map_or_else(String::new, |t| format!(" for {}", crate::words::date(t)));
    format!(
        "best {}{time} ({}); range {} to {}. {}",
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

/// One row of the conflicts table: id, status and verdict, what and the reading, and the
/// decision or else the suggestion.
fn conflict_row((f, resolution): &(Finding, Option<Resolution>)) -> Vec<String> {
    let next = match (resolution, &f.suggestion) {
        (Some(r), _) => decision_text(r),
        (None, Some(s)) => suggestion_text(s),
        (None, None) => String::new(),
    };
    let status = if resolution.is_some() {
        "resolved"
    } else {
        "open"
    };
    vec![
        f.id.clone(),
        format!("{status} {}", f.verdict.as_str()),
        format!("{}. Reading: {}", f.explanation, f.reading),
        next,
    ]
}

/// The conflicts as a table when every id fits whole in its column, else as a list: an id is
/// what `factline resolve` takes, so it is never split, whatever the width. Reads no claim's
/// provenance; a list is written row by row as it is made.
pub fn conflicts_table(out: &mut dyn Write, doc: &Judged<'_>, all: bool) -> io::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    let width = usize::from(crate::output::width());
    let headers = ["Conflict", "Status", "What", "Suggestion or decision"];
    ids_whole(
        out,
        &headers,
        || doc.entries.iter().map(conflict_row),
        width,
    )?;
    if all && !doc.cleared.is_empty() {
        let rows = || {
            doc.cleared
                .iter()
                .map(|c| vec![c.id.clone(), c.reading.clone()])
        };
        ids_whole(out, &["Consistent", "Reading"], rows, width)?;
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

/// The narrowest a column of running text is made in a table; below it, a list reads better.
const MIN_TEXT: usize = 24;

/// Rows whose first cell is an id: a table whose id column holds the longest id on one line
/// and whose text columns hold their longest word (claim ids among them), when that fits in
/// `width`; otherwise a list, each id on a line of its own and every other cell a paragraph
/// under it, wrapped at spaces only (never inside a word or at a hyphen).
/// `rows` makes the rows afresh on each call: once to measure them, once to write them.
fn ids_whole<I: Iterator<Item = Vec<String>>>(
    out: &mut dyn Write,
    headers: &[&str],
    rows: impl Fn() -> I,
    width: usize,
) -> io::Result<()> {
    let chars = |t: &str| t.chars().count();
    let longest_word = |t: &str| t.split_whitespace().map(chars).max().unwrap_or(0);
    // Per column: the widest cell whole, and its longest word; headers count as cells.
    let mut whole: Vec<usize> = headers.iter().map(|h| chars(h)).collect();
    let mut word: Vec<usize> = headers.iter().map(|h| chars(h)).collect();
    for row in rows() {
        for (column, cell) in row.iter().enumerate().take(headers.len()) {
            whole[column] = whole[column].max(chars(cell));
            word[column] = word[column].max(longest_word(cell));
        }
    }
    let mut needs: Vec<usize> = vec![whole[0]];
    for column in 1..headers.len() {
        // A short cell (a status) is kept on one line; running text takes what is left.
        needs.push(if whole[column] <= 16 {
            whole[column]
        } else {
            word[column].max(MIN_TEXT)
        });
    }
    // Each column has a space either side and a border after it, plus the left border.
    let frame = 3 * headers.len() + 1;
    if needs.iter().sum::<usize>() + frame <= width {
        let mut t = table(headers);
        let cells = |n: usize| Width::Fixed(u16::try_from(n + 2).unwrap_or(u16::MAX));
        t.set_constraints(needs.iter().enumerate().map(|(i, n)| {
            if i == 0 || *n <= 16 {
                ColumnConstraint::Absolute(cells(*n))
            } else {
                ColumnConstraint::LowerBoundary(cells(*n))
            }
        }));
        for row in rows() {
            t.add_row(row);
        }
        return writeln!(out, "{t}");
    }
    let options = textwrap::Options::new(width.max(MIN_TEXT + 4))
        .initial_indent("    ")
        .subsequent_indent("      ")
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for (i, row) in rows().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", row[0])?;
        for (header, cell) in headers.iter().zip(&row).skip(1) {
            for line in textwrap::wrap(&format!("{header}: {cell}"), &options) {
                writeln!(out, "{line}")?;
            }
        }
    }
    writeln!(out)
}

fn value_text(value: &Option<Value>) -> String {
    match value {
        Some(Value::Quantity(q)) => q.to_string(),
        Some(Value::Entity { entity }) => entity.clone(),
        Some(Value::Text { text }) => text.clone(),
        Some(Value::None) | None => "—".to_string(),
    }
}

/// The reconciliation memo, each entry joined with its claims' provenance as it is written.
pub fn conflicts_markdown(
    out: &mut dyn Write,
    doc: &Judged<'_>,
    all: bool,
) -> anyhow::Result<()> {
    let out = &mut crate::text::visible::Visible::new(out);
    writeln!(out, "# Reconciliation memo\n")?;
    writeln!(
        out,
        "{} in the dataset: {}, {}, {} resolved. \
         A conflict is a disagreement that no reading of the times reconciles; a tension one \
         that only a strained reading does. Each lists the claims with their sources' \
         reliability (Admiralty A–F) and the citations' credibility (1–6), the reading, a \
         suggested range and best value, and any decision recorded.\n",
        plural(doc.entries.len(), "disagreement", "disagreements"),
        plural(doc.open, "open conflict", "open conflicts"),
        plural(doc.tensions, "open tension", "open tensions"),
        doc.resolved
    )?;
    let mut i = 0;
    doc.for_each_view(|c| {
        i += 1;
        writeln!(out, "## {}. {} ({})\n", i, md(&c.id), c.status)?;
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
        Ok(())
    })?;
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
