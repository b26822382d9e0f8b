//! The mapping file as TOML says it, before any check: the serde shapes of its tables, and
//! serde's messages about them said in the mapping's terms.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMapping {
    pub(super) id: String,
    pub(super) extract: Option<String>,
    #[serde(default)]
    pub(super) input: RawInput,
    #[serde(default)]
    pub(super) codes: BTreeMap<String, RawCodes>,
    pub(super) columns: BTreeMap<String, RawColumn>,
    #[serde(default)]
    pub(super) filter: BTreeMap<String, Vec<RawCell>>,
    #[serde(default)]
    pub(super) entity: Vec<RawEntity>,
    #[serde(default)]
    pub(super) claim: Vec<RawClaim>,
    pub(super) citation: RawCitation,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInput {
    pub(super) delimiter: Option<String>,
    #[serde(default)]
    pub(super) preamble: usize,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawCodes {
    File(String),
    Inline(BTreeMap<String, RawCell>),
}

/// What serde's message about a mapping says, in the mapping's terms: the shapes its untagged
/// forms take (serde names only the Rust type) and the key given twice.
pub(super) fn explain(text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> String {
    let message = message.trim();
    if let Some(said) = crate::data::raw_duplicate_key(text, span, message) {
        return said;
    }
    let untagged = |kind: &str| message.contains(&format!("untagged enum {kind}"));
    if untagged("RawCell") {
        "a code or filter value is a string or a whole number (\"KAZ\" or 365); this one is \
         neither (a float, a list, a table or a boolean)"
            .to_string()
    } else if untagged("RawCodes") {
        "a code list is the name of a codes file (\"codes/cow.toml\") or an inline table of \
         codes and what they stand for ({ \"1\" = \"defence\", \"0\" = \"\" }), each a string or \
         a whole number"
            .to_string()
    } else if untagged("RawColumn") {
        "a column is the header of a column (\"Country Code\") or a table such as { column = \
         \"member\", codes = \"cow\" }"
            .to_string()
    } else if untagged("RawWhen") {
        "`when` is a template (\"{year}\") or a table of date parts such as { date = { year = \
         \"year\" } } or { start = { … }, end = { … } }"
            .to_string()
    } else {
        message.to_string()
    }
}

/// A cell value written in TOML as a string or a number (`365` or `"KAZ"`).
#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub(super) enum RawCell {
    Text(String),
    Integer(i64),
}

impl RawCell {
    pub(super) fn text(&self) -> String {
        match self {
            RawCell::Text(t) => t.clone(),
            RawCell::Integer(i) => i.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawColumn {
    Name(String),
    Spec(RawColumnSpec),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumnSpec {
    pub(super) column: String,
    pub(super) codes: Option<String>,
    #[serde(default)]
    pub(super) slug: bool,
    pub(super) trim: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntity {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) only_if: BTreeMap<String, Vec<RawCell>>,
    #[serde(default)]
    pub(super) unless: BTreeMap<String, Vec<RawCell>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClaim {
    pub(super) id: String,
    pub(super) subject: String,
    pub(super) predicate: String,
    pub(super) object: Option<String>,
    pub(super) quantity: Option<String>,
    pub(super) text: Option<String>,
    pub(super) lower: Option<String>,
    pub(super) upper: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) bound: Option<String>,
    #[serde(default)]
    pub(super) qualifiers: BTreeMap<String, Vec<String>>,
    pub(super) when: RawWhen,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) only_if: BTreeMap<String, Vec<RawCell>>,
    #[serde(default)]
    pub(super) unless: BTreeMap<String, Vec<RawCell>>,
    pub(super) citation: Option<RawCitationShape>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawWhen {
    Text(String),
    Parts(Box<RawWhenParts>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWhenParts {
    pub(super) date: Option<RawParts>,
    pub(super) start: Option<RawParts>,
    pub(super) end: Option<RawParts>,
    pub(super) end_zero: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawParts {
    pub(super) year: String,
    pub(super) month: Option<String>,
    pub(super) day: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCitation {
    pub(super) source: String,
    pub(super) credibility: u8,
    pub(super) locator: Option<String>,
    pub(super) quote: Option<String>,
}

/// A claim's own citation shape: what differs from the mapping's `[citation]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCitationShape {
    pub(super) source: Option<String>,
    pub(super) credibility: Option<u8>,
    pub(super) locator: Option<String>,
    pub(super) quote: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCodeFile {
    #[allow(dead_code)]
    pub(super) description: Option<String>,
    pub(super) codes: BTreeMap<String, RawCell>,
}
