//! Mapping files: the TOML that says how a table's rows become claims, read and checked against
//! the vocabulary before any row is read. No row handling here (see [`super::rows`]).
//!
//! A mapping names its columns as fields (`country = { column = "Country Code", codes = "iso3" }`),
//! filters rows by their raw values, and gives templates (`{field}` placeholders, parsed by
//! [`crate::template`]) for the entities and claims each row yields and for its citation.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::data::diagnostic::{Diagnostic, Lines};
use crate::model::{ENTITY_KINDS, Predicate, QuantityBound, ValueType};
use crate::template::{self, Piece};
use crate::text::{is_slug, nearest};

/// Placeholders every template may use besides the mapping's fields: `{row}`, the record's
/// number in the file (1 = the first row after the header).
pub const BUILTINS: [&str; 1] = ["row"];

/// What the database and the data being imported with the table already hold: the ids rows may
/// refer to.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub entities: HashSet<String>,
    pub predicates: HashMap<String, Predicate>,
    pub sources: HashSet<String>,
}

/// A text with `{field}` placeholders, parsed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(Vec<Part>);

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Text(String),
    Field(usize),
}

impl Template {
    /// Fills the template with the row's field values (indexed as [`Mapping::fields`]).
    pub fn fill(&self, values: &[String]) -> String {
        let mut out = String::new();
        for part in &self.0 {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(i) => out.push_str(values.get(*i).map_or("", String::as_str)),
            }
        }
        out
    }

    /// The indexes of the fields the template uses.
    pub fn field_indexes(&self) -> Vec<usize> {
        self.0
            .iter()
            .filter_map(|p| match p {
                Part::Field(i) => Some(*i),
                Part::Text(_) => None,
            })
            .collect()
    }
}

/// One field of a row: a column, optionally translated by a code list.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// The column header; `None` for a built-in (`row`).
    pub column: Option<String>,
    /// The code list translating the cell (value → text or entity id).
    pub codes: Option<String>,
}

/// A date made of year, month and day fields; 0 (or empty) in month or day means unknown and
/// lowers the precision.
#[derive(Debug, Clone, PartialEq)]
pub struct DateParts {
    pub year: usize,
    pub month: Option<usize>,
    pub day: Option<usize>,
}

/// What a year of 0 in an interval's end means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndZero {
    /// Still in effect: an open end (`1992-05-15/..`).
    Open,
    /// Not known: an unknown end (`1992-05-15/`).
    Unknown,
}

/// How a claim's valid time is made from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum WhenSpec {
    /// An EDTF template (`{year}`).
    Text(Template),
    /// One date from parts.
    Date(DateParts),
    /// An interval from entry and exit parts.
    Interval {
        start: DateParts,
        end: DateParts,
        end_zero: EndZero,
    },
}

/// How a claim's value is made from a row.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueSpec {
    Entity(Template),
    Quantity {
        amount: Template,
        unit: String,
        bound: QuantityBound,
    },
    Text(Template),
    None,
}

/// Rows that yield a claim or entity only when a field's raw value is one of the listed ones.
pub type Condition = Vec<(usize, Vec<String>)>;

/// An entity each row creates (once per distinct id).
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpec {
    pub id: Template,
    pub name: Template,
    pub kind: String,
    pub note: Option<Template>,
    pub only_if: Condition,
}

/// A claim each row yields.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSpec {
    pub id: Template,
    pub subject: Template,
    pub predicate: String,
    pub value: ValueSpec,
    /// Qualifier key → templates of entity ids; an empty result is left out.
    pub qualifiers: Vec<(String, Vec<Template>)>,
    pub when: WhenSpec,
    pub note: Option<Template>,
    pub only_if: Condition,
}

/// A validated mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Names the import: claims a re-import of this mapping no longer yields are retracted.
    pub id: String,
    /// The path the mapping was read from, for messages.
    pub path: String,
    /// The bundled extract, relative to the mapping file.
    pub extract: Option<String>,
    pub delimiter: u8,
    /// Lines before the header row to skip.
    pub preamble: usize,
    pub fields: Vec<Field>,
    /// Field index → raw values a row must have to be kept.
    pub filter: Vec<(usize, HashSet<String>)>,
    /// Code list name → (code → text or entity id; an empty text means "nothing").
    pub codes: HashMap<String, HashMap<String, String>>,
    pub entities: Vec<EntitySpec>,
    pub claims: Vec<ClaimSpec>,
    pub source: String,
    pub credibility: u8,
    pub locator: Template,
    pub quote: Option<Template>,
}

impl Mapping {
    /// The origin recorded with every claim this mapping yields.
    pub fn origin(&self) -> String {
        format!("table:{}", self.id)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    id: String,
    extract: Option<String>,
    #[serde(default)]
    input: RawInput,
    #[serde(default)]
    codes: BTreeMap<String, RawCodes>,
    columns: BTreeMap<String, RawColumn>,
    #[serde(default)]
    filter: BTreeMap<String, Vec<RawCell>>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    claim: Vec<RawClaim>,
    citation: RawCitation,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawInput {
    delimiter: Option<String>,
    #[serde(default)]
    preamble: usize,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCodes {
    File(String),
    Inline(BTreeMap<String, RawCell>),
}

/// What serde's message about a mapping says, in the mapping's terms: the shapes its untagged
/// forms take (serde names only the Rust type) and the key given twice.
fn explain(text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> String {
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
enum RawCell {
    Text(String),
    Integer(i64),
}

impl RawCell {
    fn text(&self) -> String {
        match self {
            RawCell::Text(t) => t.clone(),
            RawCell::Integer(i) => i.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawColumn {
    Name(String),
    Spec(RawColumnSpec),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumnSpec {
    column: String,
    codes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    name: String,
    kind: String,
    note: Option<String>,
    #[serde(default)]
    only_if: BTreeMap<String, Vec<RawCell>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: String,
    subject: String,
    predicate: String,
    object: Option<String>,
    quantity: Option<String>,
    text: Option<String>,
    unit: Option<String>,
    bound: Option<String>,
    #[serde(default)]
    qualifiers: BTreeMap<String, Vec<String>>,
    when: RawWhen,
    note: Option<String>,
    #[serde(default)]
    only_if: BTreeMap<String, Vec<RawCell>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWhen {
    Text(String),
    Parts(Box<RawWhenParts>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhenParts {
    date: Option<RawParts>,
    start: Option<RawParts>,
    end: Option<RawParts>,
    end_zero: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParts {
    year: String,
    month: Option<String>,
    day: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    source: String,
    credibility: u8,
    locator: Option<String>,
    quote: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodeFile {
    #[allow(dead_code)]
    description: Option<String>,
    codes: BTreeMap<String, RawCell>,
}

/// Reads a file named relative to a mapping: its path as shown and its text, or why not.
pub type ReadRelative<'a> = dyn Fn(&str) -> Result<(String, String), String> + 'a;

/// Collects problems with one mapping file.
struct Problems<'a> {
    path: &'a str,
    line: usize,
    list: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.list.push(Diagnostic {
            file: self.path.to_string(),
            line: self.line,
            field: field.into(),
            message: message.into(),
        });
    }
}

/// Reads and checks a mapping. `read` returns the text of a file named relative to the
/// mapping (a code list), or why it cannot.
pub fn parse(
    path: &str,
    text: &str,
    world: &World,
    read: &ReadRelative,
) -> Result<Mapping, Vec<Diagnostic>> {
    let lines = Lines::new(text);
    let raw: RawMapping = toml::from_str(text).map_err(|e| {
        vec![Diagnostic {
            file: path.to_string(),
            line: e.span().map_or(0, |s| lines.line(&s)),
            field: String::new(),
            message: explain(text, e.span(), e.message()),
        }]
    })?;
    let mut p = Problems {
        path,
        line: 0,
        list: Vec::new(),
    };
    if !is_slug(&raw.id) {
        p.add(
            "field `id`",
            format!(
                "`{}` is not an id; use lower-case letters, digits, `-`",
                raw.id
            ),
        );
    }
    let delimiter = match raw.input.delimiter.as_deref() {
        None | Some(",") => b',',
        Some("tab") | Some("\t") => b'\t',
        Some(";") => b';',
        Some("|") => b'|',
        Some(other) => {
            p.add(
                "field `input.delimiter`",
                format!("`{other}` is not a delimiter; use \",\", \";\", \"|\" or \"tab\""),
            );
            b','
        }
    };

    // Code lists: inline tables or files of `[codes]`.
    let mut codes = HashMap::new();
    for (name, list) in &raw.codes {
        let table = match list {
            RawCodes::Inline(map) => map.iter().map(|(k, v)| (k.clone(), v.text())).collect(),
            RawCodes::File(file) => match read(file) {
                Ok((shown, text)) => match toml::from_str::<RawCodeFile>(&text) {
                    Ok(f) => f.codes.iter().map(|(k, v)| (k.clone(), v.text())).collect(),
                    Err(e) => {
                        p.add(
                            format!("code list `{name}`"),
                            format!("{shown}: {}", explain(&text, e.span(), e.message())),
                        );
                        HashMap::new()
                    }
                },
                Err(why) => {
                    p.add(format!("code list `{name}`"), why);
                    HashMap::new()
                }
            },
        };
        codes.insert(name.clone(), table);
    }

    // Fields: the columns by name, then the built-ins.
    let mut fields = Vec::new();
    for (name, column) in &raw.columns {
        if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') || name.is_empty() {
            p.add(
                format!("field `columns.{name}`"),
                "a field name is lower-case letters and `_`, so that templates can use {name}",
            );
        }
        if BUILTINS.contains(&name.as_str()) {
            p.add(
                format!("field `columns.{name}`"),
                format!("`{name}` is built in (the record's number); choose another name"),
            );
        }
        let (column, list) = match column {
            RawColumn::Name(c) => (c.clone(), None),
            RawColumn::Spec(s) => (s.column.clone(), s.codes.clone()),
        };
        if let Some(list) = &list
            && !codes.contains_key(list)
        {
            let hint = nearest(list, codes.keys().map(String::as_str))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            p.add(
                format!("field `columns.{name}.codes`"),
                format!("no code list `{list}` under [codes]{hint}"),
            );
        }
        fields.push(Field {
            name: name.clone(),
            column: Some(column),
            codes: list,
        });
    }
    for name in BUILTINS {
        fields.push(Field {
            name: name.to_string(),
            column: None,
            codes: None,
        });
    }
    let index: HashMap<String, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.clone(), i))
        .collect();

    let field_index = |p: &mut Problems, at: &str, name: &str| -> Option<usize> {
        if let Some(i) = index.get(name) {
            return Some(*i);
        }
        let hint = nearest(name, index.keys().map(String::as_str))
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        p.add(
            at.to_string(),
            format!("no field `{name}`; declare it under [columns]{hint}"),
        );
        None
    };
    let template = |p: &mut Problems, at: &str, text: &str| -> Template {
        let mut parts = Vec::new();
        match template::parse(text) {
            Ok(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => parts.push(Part::Text(t.to_string())),
                        Piece::Field(name) => {
                            if let Some(i) = field_index(p, at, name) {
                                parts.push(Part::Field(i));
                            }
                        }
                    }
                }
            }
            Err(why) => p.add(at.to_string(), why),
        }
        Template(parts)
    };
    let condition =
        |p: &mut Problems, at: &str, raw: &BTreeMap<String, Vec<RawCell>>| -> Condition {
            raw.iter()
                .filter_map(|(name, values)| {
                    field_index(p, &format!("{at}.{name}"), name)
                        .map(|i| (i, values.iter().map(RawCell::text).collect()))
                })
                .collect()
        };

    let filter = raw
        .filter
        .iter()
        .filter_map(|(name, values)| {
            field_index(&mut p, &format!("field `filter.{name}`"), name)
                .map(|i| (i, values.iter().map(RawCell::text).collect()))
        })
        .collect();

    let mut entities = Vec::new();
    for (n, e) in raw.entity.iter().enumerate() {
        let at = format!("entity {}", n + 1);
        if !ENTITY_KINDS.contains(&e.kind.as_str()) {
            p.add(
                format!("{at}, field `kind`"),
                format!(
                    "`{}` is not an entity kind; use one of {}",
                    e.kind,
                    ENTITY_KINDS.join(", ")
                ),
            );
        }
        entities.push(EntitySpec {
            id: template(&mut p, &format!("{at}, field `id`"), &e.id),
            name: template(&mut p, &format!("{at}, field `name`"), &e.name),
            kind: e.kind.clone(),
            note: e
                .note
                .as_ref()
                .map(|t| template(&mut p, &format!("{at}, field `note`"), t)),
            only_if: condition(&mut p, &format!("{at}, field `only_if`"), &e.only_if),
        });
    }

    let mut claims = Vec::new();
    if raw.claim.is_empty() {
        p.add("", "no [[claim]] table: say which claims each row yields");
    }
    for (n, c) in raw.claim.iter().enumerate() {
        let at = format!("claim {}", n + 1);
        let Some(predicate) = world.predicates.get(&c.predicate) else {
            let hint = nearest(&c.predicate, world.predicates.keys().map(String::as_str))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            p.add(
                format!("{at}, field `predicate`"),
                format!("unknown predicate `{}`{hint}", c.predicate),
            );
            continue;
        };
        let given: Vec<&str> = [
            ("object", c.object.is_some()),
            ("quantity", c.quantity.is_some()),
            ("text", c.text.is_some()),
        ]
        .iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| *n)
        .collect();
        let wanted = match predicate.value_type {
            ValueType::Entity => "object",
            ValueType::Quantity => "quantity",
            ValueType::Text => "text",
            ValueType::None => "",
        };
        if given.len() > 1 || given.first().copied().unwrap_or("") != wanted {
            let what = if wanted.is_empty() {
                "no value".to_string()
            } else {
                format!("a `{wanted}` template")
            };
            p.add(
                format!("{at}, field `{}`", given.first().copied().unwrap_or(wanted)),
                format!(
                    "predicate `{}` takes {} values: give {what}",
                    predicate.id,
                    predicate.value_type.as_str()
                ),
            );
        }
        let value = match predicate.value_type {
            ValueType::Entity => ValueSpec::Entity(template(
                &mut p,
                &format!("{at}, field `object`"),
                c.object.as_deref().unwrap_or(""),
            )),
            ValueType::Text => ValueSpec::Text(template(
                &mut p,
                &format!("{at}, field `text`"),
                c.text.as_deref().unwrap_or(""),
            )),
            ValueType::None => ValueSpec::None,
            ValueType::Quantity => {
                let unit = match (&c.unit, &predicate.unit) {
                    (Some(u), Some(pu)) if u != pu => {
                        p.add(
                            format!("{at}, field `unit`"),
                            format!("`{}` is measured in `{pu}`, not `{u}`", predicate.id),
                        );
                        pu.clone()
                    }
                    (_, Some(pu)) => pu.clone(),
                    (Some(u), None) => u.clone(),
                    (None, None) => String::new(),
                };
                let bound = match c.bound.as_deref() {
                    None => QuantityBound::Exact,
                    Some(b) => QuantityBound::parse(b).unwrap_or_else(|| {
                        p.add(
                            format!("{at}, field `bound`"),
                            format!(
                                "`{b}` is not a bound; use one of {}",
                                QuantityBound::NAMES.join(", ")
                            ),
                        );
                        QuantityBound::Exact
                    }),
                };
                ValueSpec::Quantity {
                    amount: template(
                        &mut p,
                        &format!("{at}, field `quantity`"),
                        c.quantity.as_deref().unwrap_or(""),
                    ),
                    unit,
                    bound,
                }
            }
        };
        let mut qualifiers = Vec::new();
        for (key, list) in &c.qualifiers {
            if key.is_empty() || !key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
                p.add(
                    format!("{at}, field `qualifiers.{key}`"),
                    format!("`{key}` is not a qualifier key; use lower-case letters and `_`"),
                );
            }
            let templates = list
                .iter()
                .map(|t| template(&mut p, &format!("{at}, field `qualifiers.{key}`"), t))
                .collect();
            qualifiers.push((key.clone(), templates));
        }
        let when = match &c.when {
            RawWhen::Text(t) => WhenSpec::Text(template(&mut p, &format!("{at}, field `when`"), t)),
            RawWhen::Parts(parts) => {
                let date_parts = |p: &mut Problems, name: &str, raw: &RawParts| DateParts {
                    year: field_index(p, &format!("{at}, field `when.{name}.year`"), &raw.year)
                        .unwrap_or(0),
                    month: raw.month.as_ref().and_then(|m| {
                        field_index(p, &format!("{at}, field `when.{name}.month`"), m)
                    }),
                    day: raw
                        .day
                        .as_ref()
                        .and_then(|d| field_index(p, &format!("{at}, field `when.{name}.day`"), d)),
                };
                let end_zero = match parts.end_zero.as_deref() {
                    None | Some("open") => EndZero::Open,
                    Some("unknown") => EndZero::Unknown,
                    Some(other) => {
                        p.add(
                            format!("{at}, field `when.end_zero`"),
                            format!(
                                "`{other}` is not a reading of year 0; use \"open\" (still in \
                                 effect) or \"unknown\""
                            ),
                        );
                        EndZero::Open
                    }
                };
                match (&parts.date, &parts.start, &parts.end) {
                    (Some(d), None, None) => WhenSpec::Date(date_parts(&mut p, "date", d)),
                    (None, Some(s), Some(e)) => WhenSpec::Interval {
                        start: date_parts(&mut p, "start", s),
                        end: date_parts(&mut p, "end", e),
                        end_zero,
                    },
                    _ => {
                        p.add(
                            format!("{at}, field `when`"),
                            "give an EDTF template (\"{year}\"), `date = { year = …, month = …, \
                             day = … }`, or both `start` and `end`",
                        );
                        WhenSpec::Text(Template(Vec::new()))
                    }
                }
            }
        };
        claims.push(ClaimSpec {
            id: template(&mut p, &format!("{at}, field `id`"), &c.id),
            subject: template(&mut p, &format!("{at}, field `subject`"), &c.subject),
            predicate: c.predicate.clone(),
            value,
            qualifiers,
            when,
            note: c
                .note
                .as_ref()
                .map(|t| template(&mut p, &format!("{at}, field `note`"), t)),
            only_if: condition(&mut p, &format!("{at}, field `only_if`"), &c.only_if),
        });
    }

    if !world.sources.contains(&raw.citation.source) {
        let hint = nearest(
            &raw.citation.source,
            world.sources.iter().map(String::as_str),
        )
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default();
        p.add(
            "field `citation.source`",
            format!(
                "unknown source `{}`{hint}; add a [[source]] with kind = \"dataset\" to a data \
                 file and import it first",
                raw.citation.source
            ),
        );
    }
    if !(1..=6).contains(&raw.citation.credibility) {
        p.add(
            "field `citation.credibility`",
            format!(
                "{} is not an Admiralty credibility; use 1 (confirmed) to 6 (cannot be judged)",
                raw.citation.credibility
            ),
        );
    }
    let locator = template(
        &mut p,
        "field `citation.locator`",
        raw.citation.locator.as_deref().unwrap_or("row {row}"),
    );
    let quote = raw
        .citation
        .quote
        .as_ref()
        .map(|q| template(&mut p, "field `citation.quote`", q));

    if !p.list.is_empty() {
        return Err(p.list);
    }
    Ok(Mapping {
        id: raw.id,
        path: path.to_string(),
        extract: raw.extract,
        delimiter,
        preamble: raw.input.preamble,
        fields,
        filter,
        codes,
        entities,
        claims,
        source: raw.citation.source,
        credibility: raw.citation.credibility,
        locator,
        quote,
    })
}

/// `base` joined with a path relative to it, `..` resolved (`data/mappings` + `../datasets/x`
/// is `data/datasets/x`).
pub fn join(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = if relative.starts_with('/') {
        Vec::new()
    } else {
        base.split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect()
    };
    for piece in relative.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if relative.starts_with('/') || (base.starts_with('/') && !joined.starts_with("..")) {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_with_parent_steps() {
        assert_eq!(
            join("data/mappings", "../datasets/wb.csv"),
            "data/datasets/wb.csv"
        );
        assert_eq!(
            join("data/mappings", "codes/iso.toml"),
            "data/mappings/codes/iso.toml"
        );
        assert_eq!(join("/tmp/x", "../y.csv"), "/tmp/y.csv");
        assert_eq!(join("", "a.csv"), "a.csv");
    }
}
