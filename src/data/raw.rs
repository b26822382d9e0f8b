//! The shapes of data files as serde reads them, before validation: every field as written,
//! with its span so that a problem can name its line. [`Record`] tells the generic validation
//! pass how to name and identify each kind of record.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// One data file as parsed: any of the record tables, each possibly empty.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub(super) source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub(super) entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    pub(super) predicate: Vec<Spanned<RawPredicate>>,
    #[serde(default)]
    pub(super) claim: Vec<Spanned<RawClaim>>,
    #[serde(default)]
    pub(super) resolution: Vec<Spanned<RawResolution>>,
    #[serde(default)]
    pub(super) rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) share: Spanned<String>,
    pub(super) part: Spanned<String>,
    pub(super) whole: Spanned<String>,
    pub(super) qualifier: Spanned<String>,
    #[serde(default)]
    pub(super) within_days: i64,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawResolution {
    pub(super) conflict: Spanned<String>,
    pub(super) prefer: Spanned<String>,
    #[serde(default)]
    pub(super) deprecate: Vec<Spanned<String>>,
    pub(super) reason: Spanned<String>,
    pub(super) note: Option<String>,
    pub(super) by: Spanned<String>,
    pub(super) recorded_at: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) id: Spanned<String>,
    pub(super) title: Spanned<String>,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) published: Option<Spanned<String>>,
    pub(super) url: Option<String>,
    pub(super) kind: Spanned<String>,
    pub(super) language: Option<String>,
    pub(super) reliability: Spanned<String>,
    pub(super) reliability_note: Option<String>,
    pub(super) licence: Option<String>,
    pub(super) file: Option<String>,
    pub(super) sha256: Option<Spanned<String>>,
    pub(super) note: Option<String>,
    pub(super) basis: Option<Spanned<String>>,
    pub(super) tolerance: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntity {
    pub(super) id: Spanned<String>,
    pub(super) name: Spanned<String>,
    pub(super) kind: Spanned<String>,
    #[serde(default)]
    pub(super) aliases: Vec<Spanned<String>>,
    pub(super) note: Option<String>,
    /// The entity this place or facility lies in (a city in its country, a base in its
    /// country): an entity's timeline includes what happened in its places.
    pub(super) located_in: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPredicate {
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<String>,
    pub(super) value_type: Spanned<String>,
    pub(super) unit: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) functional: bool,
    #[serde(default)]
    pub(super) once: bool,
    pub(super) max_annual_change: Option<Spanned<f64>>,
    pub(super) typical_annual_change: Option<Spanned<f64>>,
    pub(super) change_unit: Option<Spanned<String>>,
    pub(super) comparable_within_days: Option<Spanned<i64>>,
    pub(super) template: Option<Spanned<String>>,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) cues: Vec<Spanned<String>>,
    /// The predicate whose state this one changes (docs/states.md); with `change`.
    pub(super) state_of: Option<Spanned<String>>,
    /// `begins`, `suspends`, `resumes` or `ends`; with `state_of`.
    pub(super) change: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClaim {
    pub(super) id: Spanned<String>,
    pub(super) subject: Spanned<String>,
    pub(super) predicate: Spanned<String>,
    pub(super) object: Option<Spanned<String>>,
    pub(super) quantity: Option<Spanned<RawQuantity>>,
    pub(super) text: Option<Spanned<String>>,
    pub(super) when: Spanned<String>,
    #[serde(default)]
    pub(super) qualifiers: BTreeMap<String, Spanned<OneOrMany>>,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) citation: Vec<Spanned<RawCitation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuantity {
    pub(super) amount: f64,
    pub(super) lower: Option<f64>,
    pub(super) upper: Option<f64>,
    pub(super) unit: Option<String>,
    pub(super) bound: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCitation {
    pub(super) source: Spanned<String>,
    pub(super) quote: Option<Spanned<String>>,
    pub(super) locator: Option<Spanned<String>>,
    pub(super) method: Option<Spanned<String>>,
    pub(super) credibility: Option<Spanned<i64>>,
    pub(super) extractor_score: Option<Spanned<f64>>,
    pub(super) curator: Option<String>,
}

/// What the validation pass needs to know about a kind of record.
pub(super) trait Record {
    /// The kind, as messages name it (`claim`) and as duplicate ids are keyed.
    const KIND: &'static str;

    /// The record's id, when ids of this kind must be unique.
    fn id(&self) -> Option<&Spanned<String>>;

    /// Spans of parts whose lines are kept (a claim's citations).
    fn part_spans(&self) -> Vec<Range<usize>> {
        Vec::new()
    }
}

macro_rules! record {
    ($raw:ty, $kind:literal) => {
        impl Record for $raw {
            const KIND: &'static str = $kind;

            fn id(&self) -> Option<&Spanned<String>> {
                Some(&self.id)
            }
        }
    };
}

record!(RawSource, "source");
record!(RawEntity, "entity");
record!(RawPredicate, "predicate");
record!(RawRule, "rule");

impl Record for RawClaim {
    const KIND: &'static str = "claim";

    fn id(&self) -> Option<&Spanned<String>> {
        Some(&self.id)
    }

    fn part_spans(&self) -> Vec<Range<usize>> {
        self.citation.iter().map(Spanned::span).collect()
    }
}

/// Resolutions have no id of their own: a later one for the same conflict supersedes.
impl Record for RawResolution {
    const KIND: &'static str = "resolution";

    fn id(&self) -> Option<&Spanned<String>> {
        None
    }
}

/// A claim as one line of JSON Lines: the fields of [`RawClaim`], without spans (JSON has no
/// spans to give; a problem is reported at the line).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JsonClaim {
    id: String,
    subject: String,
    predicate: String,
    object: Option<String>,
    quantity: Option<RawQuantity>,
    text: Option<String>,
    when: String,
    #[serde(default)]
    qualifiers: BTreeMap<String, OneOrMany>,
    note: Option<String>,
    #[serde(default)]
    citation: Vec<JsonCitation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonCitation {
    source: String,
    quote: Option<String>,
    locator: Option<String>,
    method: Option<String>,
    credibility: Option<i64>,
    extractor_score: Option<f64>,
    curator: Option<String>,
}

/// Every value at span 0..0: the start of the line it came from.
fn at<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

impl From<JsonClaim> for RawClaim {
    fn from(c: JsonClaim) -> RawClaim {
        RawClaim {
            id: at(c.id),
            subject: at(c.subject),
            predicate: at(c.predicate),
            object: c.object.map(at),
            quantity: c.quantity.map(at),
            text: c.text.map(at),
            when: at(c.when),
            qualifiers: c.qualifiers.into_iter().map(|(k, v)| (k, at(v))).collect(),
            note: c.note,
            citation: c
                .citation
                .into_iter()
                .map(|ci| {
                    at(RawCitation {
                        source: at(ci.source),
                        quote: ci.quote.map(at),
                        locator: ci.locator.map(at),
                        method: ci.method.map(at),
                        credibility: ci.credibility.map(at),
                        extractor_score: ci.extractor_score.map(at),
                        curator: ci.curator,
                    })
                })
                .collect(),
        }
    }
}

/// The record tables a data file holds, each an array of tables (`[[claim]]`), and the tables
/// within a record that are arrays too.
const ARRAYS_OF_TABLES: &[&str] = &[
    "source",
    "entity",
    "predicate",
    "claim",
    "resolution",
    "rule",
    "claim.citation",
];

/// What serde's message about a data file's TOML says, in the data file's terms: which key and
/// what shape was expected, and how to write it. `span` is where the parser stopped.
pub(super) fn explain_toml(text: &str, span: Option<Range<usize>>, message: &str) -> String {
    let message = message.trim();
    if let Some(said) = duplicate_key(text, span.clone(), message) {
        return said;
    }
    let Some(span) = span.filter(|s| s.start <= s.end && s.end <= text.len()) else {
        return message.to_string();
    };
    let Some(at) = text.get(span.clone()) else {
        return message.to_string();
    };
    // A table header (`[claim]`, `[claim.citation]`) where an array of tables was expected: a
    // bracket that opens its line.
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let opens_line = text[line_start..span.start].trim().is_empty();
    if let Some(header) = at.trim_start().strip_prefix('[').filter(|_| opens_line) {
        let name = header
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap_or("")
            .trim();
        if message.starts_with("invalid type: map, expected a sequence") {
            return if ARRAYS_OF_TABLES.contains(&name) {
                format!(
                    "[{name}] is written as one table, but `{name}` is an array of tables (one \
                     per record): write [[{name}]] (two brackets), not [{name}]"
                )
            } else {
                format!("[{name}]: a table where a list was expected; write [[{name}]]")
            };
        }
        // Other problems with a whole table (a missing field) are said well enough already.
        return message.to_string();
    }
    let Some(key) = key_before(text, span.start) else {
        return message.to_string();
    };
    if message.starts_with("invalid type: map, expected a sequence") {
        if key == "citation" {
            return "field `citation`: one table where a list of citations was expected; write \
                    each citation as a [[claim.citation]] table below its claim, or \
                    citation = [{ source = \"…\", quote = \"…\", … }]"
                .to_string();
        }
        return format!(
            "field `{key}`: a table where a list was expected; write {key} = [ … ] (a list in \
             square brackets)"
        );
    }
    if message.starts_with("invalid type: sequence, expected a map") {
        return format!(
            "field `{key}`: a list where a table was expected; write {key} = {{ name = value, … }} \
             (an inline table in braces)"
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && let Some((number, expected)) = rest.split_once("` as i128, expected ")
    {
        return format!(
            "field `{key}`: {number} is out of range; {}",
            valid_range(&key, expected)
        );
    }
    format!("field `{key}`: {message}")
}

/// What numbers `key` may hold, for a message about one that is out of range.
fn valid_range(key: &str, expected: &str) -> String {
    match key {
        "credibility" => {
            "credibility is a whole number from 1 (confirmed) to 6 (cannot be judged)".to_string()
        }
        "amount" | "lower" | "upper" => {
            "a quantity is a finite number between -1e15 and 1e15".to_string()
        }
        "extractor_score" => "an extractor score is a number from 0 to 1".to_string(),
        "within_days" | "comparable_within_days" => {
            format!("`{key}` is a number of days, from 0 to {}", i64::MAX)
        }
        _ if expected.starts_with('i') => {
            format!(
                "a whole number here is between {} and {}",
                i64::MIN,
                i64::MAX
            )
        }
        _ => format!("a number here is between {:e} and {:e}", f64::MIN, f64::MAX),
    }
}

/// The key whose value starts at byte `at`: the last `key =` before it (in an inline table, the
/// innermost one), with quotes and any dotted prefix removed.
/// TOML's "duplicate key", with the key named: `span` covers the key given a second time.
pub fn duplicate_key(text: &str, span: Option<Range<usize>>, message: &str) -> Option<String> {
    if !message.trim().starts_with("duplicate key") {
        return None;
    }
    let key = span
        .and_then(|s| text.get(s))
        .map(|k| k.trim().trim_matches('"').trim_matches('\''))
        .filter(|k| !k.is_empty() && k.chars().count() <= 80 && !k.contains('\n'));
    Some(match key {
        Some(key) => format!(
            "the key `{key}` is given twice in the same table; keep one of them (or, for \
             another record, start a new table)"
        ),
        None => "a key is given twice in the same table; keep one of them".to_string(),
    })
}

fn key_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?.trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '"' || c == '.'))
        .map_or(0, |i| i + 1);
    let key = before[start..].trim_matches('"');
    let key = key.rsplit('.').next().unwrap_or(key);
    (!key.is_empty()).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> String {
        let e = toml::from_str::<RawFile>(text).err().expect("an error");
        explain_toml(text, e.span(), e.message())
    }

    #[test]
    fn a_shape_error_names_the_key_and_how_to_write_it() {
        assert_eq!(
            explained("[claim]\nid = \"a\"\n"),
            "[claim] is written as one table, but `claim` is an array of tables (one per \
             record): write [[claim]] (two brackets), not [claim]"
        );
        assert!(
            explained("[[claim]]\nid = \"a\"\nqualifiers = [\"x\"]\n")
                .starts_with("field `qualifiers`: a list where a table was expected")
        );
        assert!(
            explained("[[claim]]\nid = \"a\"\nquantity = { amount = 99999999999999999999 }\n")
                .starts_with("field `amount`: 99999999999999999999 is out of range; a quantity")
        );
        assert_eq!(
            explained("[[claim]]\nid = 5\n"),
            "field `id`: invalid type: integer `5`, expected a string"
        );
        // Without a span the message is toml's own.
        assert_eq!(explain_toml("x", None, " oops "), "oops");
    }
}
