//! Mapping files: the TOML that says how a table's rows become claims, read and checked against
//! the vocabulary before any row is read. No row handling here (see [`super::rows`]).
//!
//! A mapping names its columns as fields (`country = { column = "Country Code", codes = "iso3" }`),
//! filters rows by their raw values, and gives templates (`{field}` placeholders, parsed by
//! [`crate::template`]) for the entities and claims each row yields and for its citation.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::data::diagnostic::{Diagnostic, Lines};
use crate::model::{ENTITY_KINDS, Predicate};
use crate::template::{self, Piece};
use crate::text::{is_slug, nearest};

mod claim;
pub use claim::bound_of;
mod raw;

use raw::{
    RawCell, RawCitation, RawCitationShape, RawCodeFile, RawCodes, RawColumn, RawEntity,
    RawMapping, explain,
};

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

    /// A template of fixed text.
    pub fn literal(text: &str) -> Template {
        Template(vec![Part::Text(text.to_string())])
    }

    /// The text of a template without placeholders; `None` when it has one.
    pub fn as_literal(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.0 {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(_) => return None,
            }
        }
        Some(out)
    }

    /// The one field a template names, when it names exactly one.
    pub fn single_field(&self) -> Option<usize> {
        match self.field_indexes()[..] {
            [one] => Some(one),
            _ => None,
        }
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
    /// A cell not in the code list (or every cell, without one) becomes an id: lower-case
    /// ASCII words joined by `-` ("Su-30SM" → `su-30sm`).
    pub slug: bool,
    /// Characters trimmed from both ends of the cell, besides white space.
    pub trim: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndZero {
    /// Still in effect: an open end (`1992-05-15/..`).
    Open,
    /// Not known: an unknown end (`1992-05-15/`).
    Unknown,
    /// Still in effect when the dataset's coverage ends, in this year: the end is that year
    /// (`1992-05-15/2018`), read as "at least until 2018", not as an exit.
    Until(String),
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
        /// The lowest and highest amounts of a range; an empty result is none.
        lower: Option<Template>,
        upper: Option<Template>,
        /// The unit: the predicate's, or a template when the predicate declares none.
        unit: Template,
        /// A bound's name (`about`, `at_least` …); an empty result is exact.
        bound: Template,
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
    /// Rows whose field has one of the listed raw values yield no entity.
    pub unless: Condition,
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
    /// Rows whose field has one of the listed raw values yield no claim.
    pub unless: Condition,
    /// The claim's own citation shape, when it differs from the mapping's `[citation]`.
    pub citation: Option<CitationSpec>,
}

/// How a row is cited: the dataset, a credibility, and templates for the locator and quote
/// (no quote: the row's fields joined by the delimiter).
#[derive(Debug, Clone, PartialEq)]
pub struct CitationSpec {
    pub source: String,
    pub credibility: u8,
    pub locator: Template,
    pub quote: Option<Template>,
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
    pub citation: CitationSpec,
}

impl Mapping {
    /// The origin recorded with every claim this mapping yields.
    pub fn origin(&self) -> String {
        format!("table:{}", self.id)
    }
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

/// "; did you mean `x`?" when a name is near one of the valid ones, else nothing.
fn did_you_mean<'a>(name: &str, valid: impl Iterator<Item = &'a str>) -> String {
    nearest(name, valid)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

/// Reads and checks a mapping. `read` returns the text of a file named relative to the
/// mapping (a code list), or why it cannot. The steps: the TOML, the id and input, the code
/// lists, the fields, then the filter, entities, claims and citation, whose templates name
/// the fields.
pub fn parse(
    path: &str,
    text: &str,
    world: &World,
    read: &ReadRelative,
) -> Result<Mapping, Vec<Diagnostic>> {
    let raw = read_toml(path, text)?;
    let mut p = Problems {
        path,
        line: 0,
        list: Vec::new(),
    };
    check_id(&mut p, &raw.id);
    let delimiter = delimiter(&mut p, raw.input.delimiter.as_deref());
    let codes = code_lists(&mut p, &raw.codes, read);
    let fields = fields(&mut p, &raw.columns, &codes);
    let mut r = Resolver::new(p, &fields);
    let filter = r.filter(&raw.filter);
    let entities = raw
        .entity
        .iter()
        .enumerate()
        .map(|(n, e)| r.entity(n, e))
        .collect();
    let citation = r.citation(&raw.citation, world);
    let claims = r.claims(&raw.claim, world, &citation);
    if !r.p.list.is_empty() {
        return Err(r.p.list);
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
        citation,
    })
}

/// The TOML, or serde's problem with it said in the mapping's terms.
fn read_toml(path: &str, text: &str) -> Result<RawMapping, Vec<Diagnostic>> {
    let lines = Lines::new(text);
    toml::from_str(text).map_err(|e| {
        vec![Diagnostic {
            file: path.to_string(),
            line: e.span().map_or(0, |s| lines.line(&s)),
            field: String::new(),
            message: explain(text, e.span(), e.message()),
        }]
    })
}

fn check_id(p: &mut Problems, id: &str) {
    if !is_slug(id) {
        p.add(
            "field `id`",
            format!("`{id}` is not an id; use lower-case letters, digits, `-`"),
        );
    }
}

/// `[input] delimiter`: a comma unless said otherwise.
fn delimiter(p: &mut Problems, given: Option<&str>) -> u8 {
    match given {
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
    }
}

/// The code lists: inline tables or files of `[codes]`.
fn code_lists(
    p: &mut Problems,
    raw: &BTreeMap<String, RawCodes>,
    read: &ReadRelative,
) -> HashMap<String, HashMap<String, String>> {
    let mut codes = HashMap::new();
    for (name, list) in raw {
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
    codes
}

/// The fields: the columns by name, then the built-ins.
fn fields(
    p: &mut Problems,
    columns: &BTreeMap<String, RawColumn>,
    codes: &HashMap<String, HashMap<String, String>>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    for (name, column) in columns {
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
        let (column, list, slug, trim) = match column {
            RawColumn::Name(c) => (c.clone(), None, false, None),
            RawColumn::Spec(s) => (s.column.clone(), s.codes.clone(), s.slug, s.trim.clone()),
        };
        if let Some(list) = &list
            && !codes.contains_key(list)
        {
            let hint = did_you_mean(list, codes.keys().map(String::as_str));
            p.add(
                format!("field `columns.{name}.codes`"),
                format!("no code list `{list}` under [codes]{hint}"),
            );
        }
        fields.push(Field {
            name: name.clone(),
            column: Some(column),
            codes: list,
            slug,
            trim,
        });
    }
    for name in BUILTINS {
        fields.push(Field {
            name: name.to_string(),
            column: None,
            codes: None,
            slug: false,
            trim: None,
        });
    }
    fields
}

/// Turns the names in templates, filters and conditions into field indexes, collecting the
/// problems.
struct Resolver<'a> {
    p: Problems<'a>,
    index: HashMap<String, usize>,
}

impl<'a> Resolver<'a> {
    fn new(p: Problems<'a>, fields: &[Field]) -> Self {
        let index = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        Resolver { p, index }
    }

    fn field_index(&mut self, at: &str, name: &str) -> Option<usize> {
        if let Some(i) = self.index.get(name) {
            return Some(*i);
        }
        let hint = did_you_mean(name, self.index.keys().map(String::as_str));
        self.p.add(
            at.to_string(),
            format!("no field `{name}`; declare it under [columns]{hint}"),
        );
        None
    }

    fn template(&mut self, at: &str, text: &str) -> Template {
        let mut parts = Vec::new();
        match template::parse(text) {
            Ok(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => parts.push(Part::Text(t.to_string())),
                        Piece::Field(name) => {
                            if let Some(i) = self.field_index(at, name) {
                                parts.push(Part::Field(i));
                            }
                        }
                    }
                }
            }
            Err(why) => self.p.add(at.to_string(), why),
        }
        Template(parts)
    }

    fn condition(&mut self, at: &str, raw: &BTreeMap<String, Vec<RawCell>>) -> Condition {
        raw.iter()
            .filter_map(|(name, values)| {
                self.field_index(&format!("{at}.{name}"), name)
                    .map(|i| (i, values.iter().map(RawCell::text).collect()))
            })
            .collect()
    }

    fn filter(&mut self, raw: &BTreeMap<String, Vec<RawCell>>) -> Vec<(usize, HashSet<String>)> {
        raw.iter()
            .filter_map(|(name, values)| {
                self.field_index(&format!("field `filter.{name}`"), name)
                    .map(|i| (i, values.iter().map(RawCell::text).collect()))
            })
            .collect()
    }

    fn entity(&mut self, n: usize, e: &RawEntity) -> EntitySpec {
        let at = format!("entity {}", n + 1);
        if !ENTITY_KINDS.contains(&e.kind.as_str()) {
            self.p.add(
                format!("{at}, field `kind`"),
                format!(
                    "`{}` is not an entity kind; use one of {}",
                    e.kind,
                    ENTITY_KINDS.join(", ")
                ),
            );
        }
        EntitySpec {
            id: self.template(&format!("{at}, field `id`"), &e.id),
            name: self.template(&format!("{at}, field `name`"), &e.name),
            kind: e.kind.clone(),
            note: e
                .note
                .as_ref()
                .map(|t| self.template(&format!("{at}, field `note`"), t)),
            only_if: self.condition(&format!("{at}, field `only_if`"), &e.only_if),
            unless: self.condition(&format!("{at}, field `unless`"), &e.unless),
        }
    }

    /// The `[citation]`: its source and credibility checked, its locator and quote templates.
    fn citation(&mut self, c: &RawCitation, world: &World) -> CitationSpec {
        let default = CitationSpec {
            source: c.source.clone(),
            credibility: c.credibility,
            locator: Template::literal(""),
            quote: None,
        };
        let shape = RawCitationShape {
            source: None,
            credibility: None,
            locator: Some(c.locator.clone().unwrap_or_else(|| "row {row}".into())),
            quote: c.quote.clone(),
        };
        self.citation_shape("citation", &default, &shape, world, true)
    }

    /// A citation shape: what it gives over `default`, checked (the source known, the
    /// credibility 1 to 6).
    pub(super) fn citation_shape(
        &mut self,
        at: &str,
        default: &CitationSpec,
        shape: &RawCitationShape,
        world: &World,
        check_default: bool,
    ) -> CitationSpec {
        let source = shape.source.clone().unwrap_or(default.source.clone());
        if (check_default || shape.source.is_some()) && !world.sources.contains(&source) {
            let hint = did_you_mean(&source, world.sources.iter().map(String::as_str));
            self.p.add(
                format!("field `{at}.source`"),
                format!(
                    "unknown source `{source}`{hint}; add a [[source]] with kind = \"dataset\" \
                     to a data file and import it first"
                ),
            );
        }
        let credibility = shape.credibility.unwrap_or(default.credibility);
        if (check_default || shape.credibility.is_some()) && !(1..=6).contains(&credibility) {
            self.p.add(
                format!("field `{at}.credibility`"),
                format!(
                    "{credibility} is not an Admiralty credibility; use 1 (confirmed) to 6 \
                     (cannot be judged)"
                ),
            );
        }
        let locator = match &shape.locator {
            Some(l) => self.template(&format!("field `{at}.locator`"), l),
            None => default.locator.clone(),
        };
        let quote = match &shape.quote {
            Some(q) => Some(self.template(&format!("field `{at}.quote`"), q)),
            None => default.quote.clone(),
        };
        CitationSpec {
            source,
            credibility,
            locator,
            quote,
        }
    }
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
