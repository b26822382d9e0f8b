//! Every citation of a dataset against its source's text: the text found by the source's
//! `file` and checked against its `sha256`, each quote looked for at its locator (and, when it
//! is not there, where it is or the nearest passage). What `check --texts` verifies.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::data::Dataset;
use crate::model::Source;
use crate::verify::rules::{Finding, Severity};

/// A source's text, or why it cannot be used.
pub type Text = Result<String, String>;

/// Every source's text checked against its sha256 and every quote against its locator; the
/// findings, and each source's text (or why it is unavailable) for the rules that read them.
pub fn verify_dataset<'a>(
    dataset: &'a Dataset,
    dir: &Path,
) -> (Vec<Finding>, HashMap<&'a str, Text>) {
    let mut problems = Vec::new();
    let mut texts: HashMap<&str, Text> = HashMap::new();
    // A dataset is a table, not a text: its rows are checked by importing the table again
    // through its mapping (`factline import-table`), so its sources have no text file here.
    let tables: HashSet<&str> = dataset
        .sources
        .iter()
        .filter(|s| s.item.kind == "dataset")
        .map(|s| s.item.id.as_str())
        .collect();
    for s in dataset
        .sources
        .iter()
        .filter(|s| !tables.contains(s.item.id.as_str()))
    {
        let (text, problem) = load_text(&s.item, dir);
        if let Some(message) = text.as_ref().err().or(problem.as_ref()) {
            problems.push(Finding {
                file: s.file.clone(),
                line: s.line,
                claim: None,
                citation: None,
                severity: Severity::Error,
                message: format!("source `{}`: {message}", s.item.id),
            });
        }
        texts.insert(s.item.id.as_str(), text);
    }
    for c in &dataset.claims {
        for (i, citation) in c.item.citations.iter().enumerate() {
            if tables.contains(citation.source.as_str()) {
                continue;
            }
            let line = c.citation_lines.get(i).copied().unwrap_or(c.line);
            let message = match texts.get(citation.source.as_str()) {
                None => Some(format!(
                    "source `{}` is not in these data files, so its text is unknown",
                    citation.source
                )),
                Some(Err(_)) => Some(format!(
                    "cannot be verified: the text of source `{}` is unavailable (see above)",
                    citation.source
                )),
                Some(Ok(text)) => check_citation(text, &citation.quote, &citation.locator),
            };
            if let Some(message) = message {
                problems.push(Finding {
                    file: c.file.clone(),
                    line,
                    claim: Some(c.item.id.clone()),
                    citation: Some(i + 1),
                    severity: Severity::Error,
                    message,
                });
            }
        }
    }
    (problems, texts)
}

/// A source's text, and what is wrong with it even when it could be read (a missing or
/// different sha256): its citations are still verified against the text that was read.
fn load_text(source: &Source, dir: &Path) -> (Text, Option<String>) {
    let Some(file) = &source.file else {
        let why = "has no `file`, so its citations cannot be verified; name its text file";
        return (Err(why.into()), None);
    };
    let path = dir.join(file);
    let bytes = match crate::data::read::read_bounded(&path, &path.display().to_string()) {
        Ok(bytes) => bytes,
        Err(why) => return (Err(why), None),
    };
    let digest = crate::text::digest::sha256_hex(&bytes);
    let problem = match &source.sha256 {
        None => Some(format!(
            "has no `sha256`; the text in {} has sha256 = \"{digest}\"",
            path.display()
        )),
        Some(expected) if *expected != digest => Some(format!(
            "{} has sha256 {digest}, not the recorded {expected}: the text changed, so \
             its locators may be wrong",
            path.display()
        )),
        Some(_) => None,
    };
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()));
    (text, problem)
}

/// `None` when the quote is at its locator; otherwise what is wrong and where to look.
pub fn check_citation(text: &str, quote: &str, locator: &str) -> Option<String> {
    let Some(range) = crate::model::parse_locator(locator) else {
        return Some(format!(
            "locator `{locator}` is not a line reference; write `line 19` or `lines 16-17`"
        ));
    };
    let total = text.split('\n').count();
    let Some(passage) = super::lines(text, &range) else {
        return Some(format!(
            "locator `{locator}` points past the end of the text ({total} lines)"
        ));
    };
    if super::contains(&passage, quote) {
        return None;
    }
    if let Some(found) = super::find_line(text, quote) {
        let at = if found.start() == found.end() {
            format!("line {}", found.start())
        } else {
            format!("lines {}-{}", found.start(), found.end())
        };
        return Some(format!(
            "the quote is not at `{locator}` but at `{at}`; set locator = \"{at}\""
        ));
    }
    match super::nearest_passage(text, quote) {
        Some((line, score, nearest)) => Some(format!(
            "the quote is not in the text; nearest passage (line {line}, {:.0}% similar): “{nearest}”",
            score * 100.0
        )),
        None => Some("the quote is not in the text, which is empty".to_string()),
    }
}
