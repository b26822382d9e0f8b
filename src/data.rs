//! Data files: reads the TOML dataset and validates it into model types, or explains every
//! problem with its file, line and field and what would be valid.
//!
//! Any data file may hold any of the four tables `[[source]]`, `[[entity]]`, `[[predicate]]`
//! and `[[claim]]` (with `[[claim.citation]]` under a claim); the bundled dataset keeps them in
//! `sources.toml`, `entities.toml`, `predicates.toml` and `claims/*.toml`. References may point
//! at records in the same import or already in the database ([`Known`]). Nothing here touches
//! the database: validation runs to the end before anything is written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::model::{
    Citation, Claim, ENTITY_KINDS, Entity, Method, Predicate, Quantity, QuantityBound, Resolution,
    Rule, RuleKind, Source, Value, ValueType,
};
use crate::time::When;

/// One data file's path (as the user named it) and contents.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
}

/// A validated record and where it was defined.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub item: T,
    pub file: String,
    pub line: usize,
    /// For a claim, the line of each citation; empty for other records.
    pub citation_lines: Vec<usize>,
}

/// A whole validated import: every record of every file.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub files: Vec<String>,
    pub sources: Vec<Located<Source>>,
    pub entities: Vec<Located<Entity>>,
    pub predicates: Vec<Located<Predicate>>,
    pub claims: Vec<Located<Claim>>,
    pub resolutions: Vec<Located<Resolution>>,
    pub rules: Vec<Located<Rule>>,
}

/// Records already in the database that the files may refer to.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub sources: HashSet<String>,
    /// Entity id → every name it goes by.
    pub entities: HashMap<String, Vec<String>>,
    pub predicates: HashMap<String, Predicate>,
    /// Ids of current claims.
    pub claims: HashSet<String>,
}

/// One problem in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    /// The record and field, e.g. ``claim `kz-population-2011`, field `subject` ``.
    pub field: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0 means the problem is with the file as a whole.
        let place = if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}", self.file, self.line)
        };
        if self.field.is_empty() {
            write!(f, "{place}: {}", self.message)
        } else {
            write!(f, "{place}: {}: {}", self.field, self.message)
        }
    }
}

/// Every problem found in a set of data files. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataErrors(pub Vec<Diagnostic>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in the data files; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Reads the given paths, and how to name them in messages (`data`, `a.toml, b.toml`).
pub fn read_named(paths: &[PathBuf]) -> Result<(Vec<DataFile>, String), DataErrors> {
    let shown = paths
        .iter()
        .map(|p| display_path(p))
        .collect::<Vec<_>>()
        .join(", ");
    Ok((read_paths(paths)?, shown))
}

/// Reads every `.toml` file under the given paths (directories recursively, in name order).
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<DataFile>, DataErrors> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            if let Err(e) = collect_toml(path, &mut found) {
                problems.push(io_problem(path, &e.to_string()));
            }
        } else if path.exists() {
            found.push(path.clone());
        } else {
            problems.push(io_problem(
                path,
                "no such file or directory; give a data directory (such as data/) or .toml files",
            ));
        }
    }
    let mut files = Vec::new();
    for path in found {
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(DataFile {
                path: display_path(&path),
                text,
            }),
            Err(e) => problems.push(io_problem(&path, &format!("cannot read: {e}"))),
        }
    }
    if files.is_empty() && problems.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        problems.push(Diagnostic {
            file: shown.join(", "),
            line: 0,
            field: String::new(),
            message: "no .toml data files found here".into(),
        });
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(DataErrors(problems))
    }
}

fn io_problem(path: &Path, message: &str) -> Diagnostic {
    Diagnostic {
        file: display_path(path),
        line: 0,
        field: String::new(),
        message: message.to_string(),
    }
}

/// A path as the user sees it: relative to the working directory where possible.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Folds a name for lookups: ASCII transliteration, lower case, words separated by one space.
pub fn fold(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True for a stable id: lower-case ASCII letters and digits, then also `_`, `-` and `.`.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c))
}

/// The closest candidate to a mistyped id, if one is close enough to be a useful hint.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::normalized_damerau_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

// ---- raw file shapes -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    predicate: Vec<Spanned<RawPredicate>>,
    #[serde(default)]
    claim: Vec<Spanned<RawClaim>>,
    #[serde(default)]
    resolution: Vec<Spanned<RawResolution>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    share: Spanned<String>,
    part: Spanned<String>,
    whole: Spanned<String>,
    qualifier: Spanned<String>,
    #[serde(default)]
    within_days: i64,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResolution {
    conflict: Spanned<String>,
    prefer: Spanned<String>,
    #[serde(default)]
    deprecate: Vec<Spanned<String>>,
    reason: Spanned<String>,
    note: Option<String>,
    by: Spanned<String>,
    recorded_at: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    title: Spanned<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<Spanned<String>>,
    url: Option<String>,
    kind: Spanned<String>,
    language: Option<String>,
    reliability: Spanned<String>,
    reliability_note: Option<String>,
    licence: Option<String>,
    file: Option<String>,
    sha256: Option<Spanned<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPredicate {
    id: Spanned<String>,
    label: Spanned<String>,
    value_type: Spanned<String>,
    unit: Option<Spanned<String>>,
    #[serde(default)]
    functional: bool,
    #[serde(default)]
    once: bool,
    max_annual_change: Option<Spanned<f64>>,
    comparable_within_days: Option<Spanned<i64>>,
    template: Option<Spanned<String>>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Spanned<String>,
    subject: Spanned<String>,
    predicate: Spanned<String>,
    object: Option<Spanned<String>>,
    quantity: Option<Spanned<RawQuantity>>,
    text: Option<Spanned<String>>,
    when: Spanned<String>,
    #[serde(default)]
    qualifiers: BTreeMap<String, Spanned<OneOrMany>>,
    note: Option<String>,
    #[serde(default)]
    citation: Vec<Spanned<RawCitation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuantity {
    amount: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    unit: Option<String>,
    bound: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    source: Spanned<String>,
    quote: Option<Spanned<String>>,
    locator: Option<Spanned<String>>,
    method: Option<Spanned<String>>,
    credibility: Option<Spanned<i64>>,
    extractor_score: Option<Spanned<f64>>,
    curator: Option<String>,
}

// ---- validation ------------------------------------------------------------------------------

/// Line starts of one file, to turn byte spans into 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    fn line(&self, span: &Range<usize>) -> usize {
        match self.starts.binary_search(&span.start) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

struct Checker<'k> {
    known: &'k Known,
    problems: Vec<Diagnostic>,
    file: String,
    lines: Lines,
}

impl Checker<'_> {
    fn report(
        &mut self,
        span: &Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(Diagnostic {
            file: self.file.clone(),
            line: self.lines.line(span),
            field: field.into(),
            message: message.into(),
        });
    }

    fn slug(&mut self, id: &Spanned<String>, what: &str) {
        if !is_slug(id.get_ref()) {
            self.report(
                &id.span(),
                format!("{what} id"),
                format!(
                    "`{}` is not a valid id; use lower-case letters, digits, `_`, `-` and `.`, \
                     starting with a letter or digit (e.g. `kazakhstan`, `kz-population-2011`)",
                    id.get_ref()
                ),
            );
        }
    }

    fn non_empty(&mut self, value: &Spanned<String>, field: &str) {
        if value.get_ref().trim().is_empty() {
            self.report(
                &value.span(),
                field.to_string(),
                "must not be empty".to_string(),
            );
        }
    }
}

/// Parses and validates data files against each other and what the database already holds.
pub fn load(files: &[DataFile], known: &Known) -> Result<Dataset, DataErrors> {
    let mut raw = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let lines = Lines::new(&file.text);
        match toml::from_str::<RawFile>(&file.text) {
            Ok(parsed) => raw.push((file, parsed)),
            Err(e) => problems.push(Diagnostic {
                file: file.path.clone(),
                line: e.span().map_or(0, |s| lines.line(&s)),
                field: String::new(),
                message: e.message().trim().to_string(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(DataErrors(problems));
    }

    // Everything the files define, for references and duplicate checks.
    let mut entity_names: HashMap<String, Vec<String>> = known.entities.clone();
    let mut predicates: HashMap<String, Predicate> = known.predicates.clone();
    let mut sources: HashSet<String> = known.sources.clone();
    let mut first_seen: HashMap<(&'static str, String), (String, usize)> = HashMap::new();

    let mut dataset = Dataset {
        files: files.iter().map(|f| f.path.clone()).collect(),
        ..Dataset::default()
    };
    let empty = Known::default();
    let mut checker = Checker {
        known: &empty,
        problems: Vec::new(),
        file: String::new(),
        lines: Lines::new(""),
    };

    let mut duplicate = |checker: &mut Checker, kind: &'static str, id: &Spanned<String>| {
        let key = (kind, id.get_ref().clone());
        let here = (checker.file.clone(), checker.lines.line(&id.span()));
        if let Some((file, line)) = first_seen.get(&key) {
            checker.report(
                &id.span(),
                format!("{kind} `{}`", id.get_ref()),
                format!("duplicate id: already defined at {file}:{line}; ids must be unique"),
            );
            true
        } else {
            first_seen.insert(key, here);
            false
        }
    };

    // Pass 1: sources, entities, predicates (claims refer to them).
    for (file, parsed) in &raw {
        checker.file = file.path.clone();
        checker.lines = Lines::new(&file.text);
        for s in &parsed.source {
            let line = checker.lines.line(&s.span());
            if duplicate(&mut checker, "source", &s.get_ref().id) {
                continue;
            }
            if let Some(source) = check_source(&mut checker, s.get_ref()) {
                sources.insert(source.id.clone());
                dataset.sources.push(Located {
                    item: source,
                    file: file.path.clone(),
                    line,
                    citation_lines: Vec::new(),
                });
            }
        }
        for e in &parsed.entity {
            let line = checker.lines.line(&e.span());
            if duplicate(&mut checker, "entity", &e.get_ref().id) {
                continue;
            }
            if let Some(entity) = check_entity(&mut checker, e.get_ref()) {
                let mut names = vec![entity.id.clone(), entity.name.clone()];
                names.extend(entity.aliases.iter().cloned());
                entity_names.insert(entity.id.clone(), names);
                dataset.entities.push(Located {
                    item: entity,
                    file: file.path.clone(),
                    line,
                    citation_lines: Vec::new(),
                });
            }
        }
        for p in &parsed.predicate {
            let line = checker.lines.line(&p.span());
            if duplicate(&mut checker, "predicate", &p.get_ref().id) {
                continue;
            }
            if let Some(predicate) = check_predicate(&mut checker, p.get_ref()) {
                predicates.insert(predicate.id.clone(), predicate.clone());
                dataset.predicates.push(Located {
                    item: predicate,
                    file: file.path.clone(),
                    line,
                    citation_lines: Vec::new(),
                });
            }
        }
    }
    check_alias_collisions(&mut checker, &dataset, &raw);

    // Pass 2: claims, against everything known.
    let mut claim_ids: HashSet<String> = known.claims.clone();
    for (_, parsed) in &raw {
        claim_ids.extend(
            parsed
                .claim
                .iter()
                .map(|c| c.get_ref().id.get_ref().clone()),
        );
    }
    let world = Known {
        sources,
        entities: entity_names,
        predicates,
        claims: claim_ids,
    };
    checker.known = &world;
    for (file, parsed) in &raw {
        checker.file = file.path.clone();
        checker.lines = Lines::new(&file.text);
        for c in &parsed.claim {
            let line = checker.lines.line(&c.span());
            if duplicate(&mut checker, "claim", &c.get_ref().id) {
                continue;
            }
            if let Some(claim) = check_claim(&mut checker, c.get_ref()) {
                let citation_lines = c
                    .get_ref()
                    .citation
                    .iter()
                    .map(|cit| checker.lines.line(&cit.span()))
                    .collect();
                dataset.claims.push(Located {
                    item: claim,
                    file: file.path.clone(),
                    line,
                    citation_lines,
                });
            }
        }
    }

    // Rules refer to predicates.
    for (file, parsed) in &raw {
        checker.file = file.path.clone();
        checker.lines = Lines::new(&file.text);
        for r in &parsed.rule {
            let line = checker.lines.line(&r.span());
            if duplicate(&mut checker, "rule", &r.get_ref().id) {
                continue;
            }
            if let Some(rule) = check_rule(&mut checker, r.get_ref()) {
                dataset.rules.push(Located {
                    item: rule,
                    file: file.path.clone(),
                    line,
                    citation_lines: Vec::new(),
                });
            }
        }
    }

    // Pass 3: resolutions, which refer to claims.
    for (file, parsed) in &raw {
        checker.file = file.path.clone();
        checker.lines = Lines::new(&file.text);
        for r in &parsed.resolution {
            let line = checker.lines.line(&r.span());
            if let Some(resolution) = check_resolution(&mut checker, r.get_ref()) {
                dataset.resolutions.push(Located {
                    item: resolution,
                    file: file.path.clone(),
                    line,
                    citation_lines: Vec::new(),
                });
            }
        }
    }

    if checker.problems.is_empty() {
        Ok(dataset)
    } else {
        let mut problems = checker.problems;
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(DataErrors(problems))
    }
}

fn check_source(ck: &mut Checker, raw: &RawSource) -> Option<Source> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("source `{id}`");
    ck.slug(&raw.id, "source");
    ck.non_empty(&raw.title, &format!("{what}, field `title`"));
    ck.non_empty(&raw.kind, &format!("{what}, field `kind`"));
    let reliability = raw.reliability.get_ref().trim().to_uppercase();
    if !matches!(reliability.as_str(), "A" | "B" | "C" | "D" | "E" | "F") {
        ck.report(
            &raw.reliability.span(),
            format!("{what}, field `reliability`"),
            format!(
                "`{}` is not an Admiralty reliability grade; use A (completely reliable), \
                 B (usually reliable), C (fairly reliable), D (not usually reliable), \
                 E (unreliable) or F (cannot be judged)",
                raw.reliability.get_ref()
            ),
        );
    }
    let published = match &raw.published {
        Some(p) => match When::parse(p.get_ref()) {
            Ok(w) => Some(w.as_str().to_string()),
            Err(e) => {
                ck.report(
                    &p.span(),
                    format!("{what}, field `published`"),
                    e.to_string(),
                );
                None
            }
        },
        None => None,
    };
    if let Some(hash) = &raw.sha256 {
        let h = hash.get_ref();
        if h.len() != 64
            || !h
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        {
            ck.report(
                &hash.span(),
                format!("{what}, field `sha256`"),
                "must be 64 lower-case hex digits (the output of `sha256sum FILE`)",
            );
        }
    }
    (ck.problems.len() == before).then(|| Source {
        id: id.clone(),
        title: raw.title.get_ref().trim().to_string(),
        author: raw.author.clone(),
        publisher: raw.publisher.clone(),
        published,
        url: raw.url.clone(),
        kind: raw.kind.get_ref().trim().to_string(),
        language: raw.language.clone(),
        reliability,
        reliability_note: raw.reliability_note.clone(),
        licence: raw.licence.clone(),
        file: raw.file.clone(),
        sha256: raw.sha256.as_ref().map(|h| h.get_ref().clone()),
        note: raw.note.clone(),
    })
}

fn check_entity(ck: &mut Checker, raw: &RawEntity) -> Option<Entity> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("entity `{id}`");
    ck.slug(&raw.id, "entity");
    ck.non_empty(&raw.name, &format!("{what}, field `name`"));
    let kind = raw.kind.get_ref();
    if !ENTITY_KINDS.contains(&kind.as_str()) {
        let hint = nearest(kind, ENTITY_KINDS.iter().copied())
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        ck.report(
            &raw.kind.span(),
            format!("{what}, field `kind`"),
            format!(
                "unknown entity kind `{kind}`; {hint}valid kinds are {}",
                ENTITY_KINDS.join(", ")
            ),
        );
    }
    for alias in &raw.aliases {
        if fold(alias.get_ref()).is_empty() {
            ck.report(
                &alias.span(),
                format!("{what}, field `aliases`"),
                "an alias needs at least one letter or digit",
            );
        }
    }
    (ck.problems.len() == before).then(|| Entity {
        id: id.clone(),
        name: raw.name.get_ref().trim().to_string(),
        kind: kind.clone(),
        aliases: {
            // Sorted and without the id and name, as the database gives them back.
            let mut aliases: Vec<String> = raw
                .aliases
                .iter()
                .map(|a| a.get_ref().trim().to_string())
                .filter(|a| a != id && a != raw.name.get_ref().trim())
                .collect();
            aliases.sort();
            aliases.dedup();
            aliases
        },
        note: raw.note.clone(),
    })
}

/// Two entities answering to the same folded name would make lookups by name ambiguous.
fn check_alias_collisions(ck: &mut Checker, dataset: &Dataset, raw: &[(&DataFile, RawFile)]) {
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in &dataset.entities {
        let names = std::iter::once(&e.item.id)
            .chain(std::iter::once(&e.item.name))
            .chain(e.item.aliases.iter());
        let mut own = HashSet::new();
        for name in names {
            let folded = fold(name);
            if !own.insert(folded.clone()) {
                continue;
            }
            match owner.get(&folded) {
                Some(other) if *other != e.item.id => {
                    let file = raw.iter().find(|(f, _)| f.path == e.file);
                    ck.problems.push(Diagnostic {
                        file: file.map_or(e.file.clone(), |(f, _)| f.path.clone()),
                        line: e.line,
                        field: format!("entity `{}`, field `aliases`", e.item.id),
                        message: format!(
                            "the name `{name}` also belongs to entity `{other}`; a name must \
                             identify one entity (qualify it, e.g. `{name} (city)`)"
                        ),
                    });
                }
                _ => {
                    owner.insert(folded, &e.item.id);
                }
            }
        }
    }
}

fn check_predicate(ck: &mut Checker, raw: &RawPredicate) -> Option<Predicate> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("predicate `{id}`");
    ck.slug(&raw.id, "predicate");
    ck.non_empty(&raw.label, &format!("{what}, field `label`"));
    let value_type = ValueType::parse(raw.value_type.get_ref());
    if value_type.is_none() {
        ck.report(
            &raw.value_type.span(),
            format!("{what}, field `value_type`"),
            format!(
                "`{}` is not a value type; use one of {}",
                raw.value_type.get_ref(),
                ValueType::NAMES.join(", ")
            ),
        );
    }
    if value_type != Some(ValueType::Quantity) {
        if let Some(unit) = &raw.unit {
            ck.report(
                &unit.span(),
                format!("{what}, field `unit`"),
                "only quantity predicates have a unit; remove it or set value_type = \"quantity\"",
            );
        }
        if let Some(rate) = &raw.max_annual_change {
            ck.report(
                &rate.span(),
                format!("{what}, field `max_annual_change`"),
                "only quantity predicates have a rate of change; remove it",
            );
        }
    }
    if let Some(rate) = &raw.max_annual_change {
        if !(rate.get_ref().is_finite() && *rate.get_ref() >= 0.0) {
            ck.report(
                &rate.span(),
                format!("{what}, field `max_annual_change`"),
                "must be a non-negative fraction per year, e.g. 0.05 for 5 % a year",
            );
        }
    }
    if let Some(days) = &raw.comparable_within_days {
        if *days.get_ref() < 0 {
            ck.report(
                &days.span(),
                format!("{what}, field `comparable_within_days`"),
                "must be a number of days, 0 or more",
            );
        }
    }
    if let Some(template) = &raw.template {
        if let Err(message) = template_fields(template.get_ref()) {
            ck.report(
                &template.span(),
                format!("{what}, field `template`"),
                message,
            );
        }
    }
    let value_type = value_type?;
    (ck.problems.len() == before).then(|| Predicate {
        id: id.clone(),
        label: raw.label.get_ref().trim().to_string(),
        value_type,
        unit: raw.unit.as_ref().map(|u| u.get_ref().trim().to_string()),
        functional: raw.functional,
        once: raw.once,
        max_annual_change: raw.max_annual_change.as_ref().map(|r| *r.get_ref()),
        comparable_within_days: raw.comparable_within_days.as_ref().map(|d| *d.get_ref()),
        template: raw.template.as_ref().map(|t| t.get_ref().clone()),
        description: raw.description.clone(),
    })
}

fn check_rule(ck: &mut Checker, raw: &RawRule) -> Option<Rule> {
    let before = ck.problems.len();
    let what = format!("rule `{}`", raw.id.get_ref());
    ck.slug(&raw.id, "rule");
    let kind = RuleKind::parse(raw.kind.get_ref());
    if kind.is_none() {
        ck.report(
            &raw.kind.span(),
            format!("{what}, field `kind`"),
            format!(
                "`{}` is not a rule kind; use one of {}",
                raw.kind.get_ref(),
                RuleKind::NAMES.join(", ")
            ),
        );
    }
    for (field, id) in [
        ("share", &raw.share),
        ("part", &raw.part),
        ("whole", &raw.whole),
    ] {
        match ck.known.predicates.get(id.get_ref()) {
            Some(p) if p.value_type == ValueType::Quantity => {}
            Some(_) => ck.report(
                &id.span(),
                format!("{what}, field `{field}`"),
                format!("predicate `{}` does not take quantities", id.get_ref()),
            ),
            None => {
                let hint = nearest(id.get_ref(), ck.known.predicates.keys().map(String::as_str))
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                ck.report(
                    &id.span(),
                    format!("{what}, field `{field}`"),
                    format!("unknown predicate `{}`{hint}", id.get_ref()),
                );
            }
        }
    }
    let q = raw.qualifier.get_ref();
    if q.is_empty() || !q.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        ck.report(
            &raw.qualifier.span(),
            format!("{what}, field `qualifier`"),
            "give the qualifier key that names the part, e.g. \"group\"",
        );
    }
    if raw.within_days < 0 {
        ck.report(
            &raw.id.span(),
            format!("{what}, field `within_days`"),
            "must be a number of days, 0 or more",
        );
    }
    let kind = kind?;
    (ck.problems.len() == before).then(|| Rule {
        id: raw.id.get_ref().clone(),
        kind,
        share: raw.share.get_ref().clone(),
        part: raw.part.get_ref().clone(),
        whole: raw.whole.get_ref().clone(),
        qualifier: q.clone(),
        within_days: raw.within_days,
        note: raw.note.clone(),
    })
}

fn check_resolution(ck: &mut Checker, raw: &RawResolution) -> Option<Resolution> {
    let before = ck.problems.len();
    let what = format!("resolution of `{}`", raw.conflict.get_ref());
    ck.non_empty(&raw.conflict, &format!("{what}, field `conflict`"));
    ck.non_empty(&raw.reason, &format!("{what}, field `reason`"));
    ck.non_empty(&raw.by, &format!("{what}, field `by`"));
    for (field, id) in std::iter::once(("prefer", &raw.prefer))
        .chain(raw.deprecate.iter().map(|d| ("deprecate", d)))
    {
        if !ck.known.claims.contains(id.get_ref()) {
            let hint = nearest(id.get_ref(), ck.known.claims.iter().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            ck.report(
                &id.span(),
                format!("{what}, field `{field}`"),
                format!("unknown claim `{}`{hint}", id.get_ref()),
            );
        }
    }
    if raw
        .deprecate
        .iter()
        .any(|d| d.get_ref() == raw.prefer.get_ref())
    {
        ck.report(
            &raw.prefer.span(),
            format!("{what}, field `deprecate`"),
            "a claim cannot be both preferred and deprecated",
        );
    }
    let recorded_at = crate::time::parse_instant(raw.recorded_at.get_ref());
    if recorded_at.is_none() {
        ck.report(
            &raw.recorded_at.span(),
            format!("{what}, field `recorded_at`"),
            "give an RFC 3339 time such as 2026-11-23T10:00:00Z",
        );
    }
    (ck.problems.len() == before).then(|| Resolution {
        conflict: raw.conflict.get_ref().trim().to_string(),
        prefer: raw.prefer.get_ref().clone(),
        deprecate: raw.deprecate.iter().map(|d| d.get_ref().clone()).collect(),
        reason: raw.reason.get_ref().trim().to_string(),
        note: raw.note.clone(),
        by: raw.by.get_ref().trim().to_string(),
        recorded_at: recorded_at.unwrap_or_default(),
    })
}

/// The `{placeholder}` names of a label template, or what is wrong with it.
pub fn template_fields(template: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` without its `{`; placeholders look like {subject}".into());
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or("a `{` without its `}`; placeholders look like {subject}")?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "`{{{name}}}` is not a placeholder; use {{subject}}, {{object}}, {{value}} or a \
                 qualifier key such as {{group}}"
            ));
        }
        fields.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(fields)
}

impl Checker<'_> {
    /// Checks an entity reference; explains a miss with the closest id or the alias it matches.
    fn entity_ref(&mut self, id: &Spanned<String>, field: &str) {
        let wanted = id.get_ref();
        if self.known.entities.contains_key(wanted) {
            return;
        }
        let folded = fold(wanted);
        let by_name = self
            .known
            .entities
            .iter()
            .filter(|(_, names)| names.iter().any(|n| fold(n) == folded))
            .map(|(id, _)| id.as_str())
            .min();
        let hint = match by_name {
            Some(found) => {
                format!("`{wanted}` is a name of entity `{found}`: use its id `{found}`")
            }
            None => match nearest(wanted, self.known.entities.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "define it in an [[entity]] table (see data/entities.toml)".into(),
            },
        };
        self.report(
            &id.span(),
            field.to_string(),
            format!("unknown entity `{wanted}`; {hint}"),
        );
    }
}

fn check_claim(ck: &mut Checker, raw: &RawClaim) -> Option<Claim> {
    let before = ck.problems.len();
    let id = raw.id.get_ref();
    let what = format!("claim `{id}`");
    ck.slug(&raw.id, "claim");
    ck.entity_ref(&raw.subject, &format!("{what}, field `subject`"));

    let predicate = match ck.known.predicates.get(raw.predicate.get_ref()) {
        Some(p) => Some(p.clone()),
        None => {
            let wanted = raw.predicate.get_ref();
            let hint = match nearest(wanted, ck.known.predicates.keys().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "define it in a [[predicate]] table (see data/predicates.toml)".into(),
            };
            ck.report(
                &raw.predicate.span(),
                format!("{what}, field `predicate`"),
                format!("unknown predicate `{wanted}`; {hint}"),
            );
            None
        }
    };

    let when = match When::parse(raw.when.get_ref()) {
        Ok(w) => Some(w),
        Err(e) => {
            ck.report(
                &raw.when.span(),
                format!("{what}, field `when`"),
                e.to_string(),
            );
            None
        }
    };

    let value = predicate
        .as_ref()
        .and_then(|p| check_value(ck, raw, p, &what));

    let mut qualifiers = BTreeMap::new();
    for (key, ids) in &raw.qualifiers {
        let field = format!("{what}, field `qualifiers.{key}`");
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            ck.report(
                &ids.span(),
                field.clone(),
                format!("`{key}` is not a qualifier key; use lower-case letters and `_`"),
            );
        }
        let list = match ids.get_ref() {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        };
        if list.is_empty() {
            ck.report(&ids.span(), field.clone(), "give at least one entity id");
        }
        for entity in &list {
            ck.entity_ref(&Spanned::new(ids.span(), entity.clone()), &field);
        }
        let mut list = list;
        list.sort();
        list.dedup();
        qualifiers.insert(key.clone(), list);
    }

    if raw.citation.is_empty() {
        ck.report(
            &raw.id.span(),
            what.clone(),
            "has no citation; add a [[claim.citation]] with source, quote, locator and \
             credibility so the claim can be traced to its words",
        );
    }
    let citations: Vec<Citation> = raw
        .citation
        .iter()
        .enumerate()
        .filter_map(|(i, c)| check_citation(ck, c, &format!("{what}, citation {}", i + 1)))
        .collect();

    if ck.problems.len() != before {
        return None;
    }
    Some(Claim {
        id: id.clone(),
        subject: raw.subject.get_ref().clone(),
        predicate: raw.predicate.get_ref().clone(),
        value: value?,
        qualifiers,
        when: when?,
        note: raw.note.clone(),
        citations,
    })
}

fn check_value(
    ck: &mut Checker,
    raw: &RawClaim,
    predicate: &Predicate,
    what: &str,
) -> Option<Value> {
    let given: Vec<(&str, Range<usize>)> = [
        raw.object.as_ref().map(|o| ("object", o.span())),
        raw.quantity.as_ref().map(|q| ("quantity", q.span())),
        raw.text.as_ref().map(|t| ("text", t.span())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let expected = match predicate.value_type {
        ValueType::Entity => "object = \"<entity id>\"",
        ValueType::Quantity => "quantity = { amount = …, bound = \"exact\" }",
        ValueType::Text => "text = \"…\"",
        ValueType::None => "no value (no object, quantity or text)",
    };
    let wanted_field = match predicate.value_type {
        ValueType::Entity => Some("object"),
        ValueType::Quantity => Some("quantity"),
        ValueType::Text => Some("text"),
        ValueType::None => None,
    };
    let mut ok = true;
    for (field, span) in &given {
        if Some(*field) != wanted_field {
            ok = false;
            ck.report(
                span,
                format!("{what}, field `{field}`"),
                format!(
                    "predicate `{}` takes {} values; give {expected}",
                    predicate.id,
                    predicate.value_type.as_str()
                ),
            );
        }
    }
    if !ok {
        return None;
    }
    if let Some(field) = wanted_field {
        if !given.iter().any(|(f, _)| *f == field) {
            ck.report(
                &raw.predicate.span(),
                what.to_string(),
                format!(
                    "predicate `{}` takes {} values but the claim has none; give {expected}",
                    predicate.id,
                    predicate.value_type.as_str()
                ),
            );
            return None;
        }
    }
    match predicate.value_type {
        ValueType::None => Some(Value::None),
        ValueType::Text => {
            let text = raw.text.as_ref()?;
            ck.non_empty(text, &format!("{what}, field `text`"));
            Some(Value::Text {
                text: text.get_ref().clone(),
            })
        }
        ValueType::Entity => {
            let object = raw.object.as_ref()?;
            let before = ck.problems.len();
            ck.entity_ref(object, &format!("{what}, field `object`"));
            (ck.problems.len() == before).then(|| Value::Entity {
                entity: object.get_ref().clone(),
            })
        }
        ValueType::Quantity => {
            let spanned = raw.quantity.as_ref()?;
            check_quantity(ck, spanned, predicate, what).map(Value::Quantity)
        }
    }
}

fn check_quantity(
    ck: &mut Checker,
    spanned: &Spanned<RawQuantity>,
    predicate: &Predicate,
    what: &str,
) -> Option<Quantity> {
    let q = spanned.get_ref();
    let span = spanned.span();
    let field = format!("{what}, field `quantity`");
    let before = ck.problems.len();
    let bound = match q.bound.as_deref() {
        None => Some(QuantityBound::Exact),
        Some(name) => {
            let parsed = QuantityBound::parse(name);
            if parsed.is_none() {
                ck.report(
                    &span,
                    format!("{field}.bound"),
                    format!(
                        "`{name}` is not a bound; use one of {}",
                        QuantityBound::NAMES.join(", ")
                    ),
                );
            }
            parsed
        }
    };
    let unit = match (&q.unit, &predicate.unit) {
        (Some(given), Some(declared)) if given != declared => {
            ck.report(
                &span,
                format!("{field}.unit"),
                format!(
                    "predicate `{}` is measured in `{declared}`, not `{given}`; convert the \
                     amount or leave the unit out",
                    predicate.id
                ),
            );
            None
        }
        (Some(given), _) => Some(given.clone()),
        (None, Some(declared)) => Some(declared.clone()),
        (None, None) => Some(String::new()),
    };
    for (name, x) in [
        ("amount", Some(q.amount)),
        ("lower", q.lower),
        ("upper", q.upper),
    ] {
        if x.is_some_and(|x| !x.is_finite()) {
            ck.report(&span, format!("{field}.{name}"), "must be a finite number");
        }
    }
    if q.lower.is_some_and(|lo| lo > q.amount) || q.upper.is_some_and(|hi| hi < q.amount) {
        ck.report(
            &span,
            field.clone(),
            "lower must be at most the amount and upper at least the amount",
        );
    }
    (ck.problems.len() == before).then_some(Quantity {
        amount: q.amount,
        lower: q.lower,
        upper: q.upper,
        unit: unit?,
        bound: bound?,
    })
}

fn check_citation(
    ck: &mut Checker,
    spanned: &Spanned<RawCitation>,
    what: &str,
) -> Option<Citation> {
    let c = spanned.get_ref();
    let span = spanned.span();
    let before = ck.problems.len();
    let source = c.source.get_ref();
    if !ck.known.sources.contains(source) {
        let hint = match nearest(source, ck.known.sources.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "define it in a [[source]] table (see data/sources.toml)".into(),
        };
        ck.report(
            &c.source.span(),
            format!("{what}, field `source`"),
            format!("unknown source `{source}`; {hint}"),
        );
    }
    let quote = match &c.quote {
        Some(q) if !q.get_ref().trim().is_empty() => Some(q.get_ref().trim().to_string()),
        Some(q) => {
            ck.report(
                &q.span(),
                format!("{what}, field `quote`"),
                "the quote is empty; give the shortest verbatim phrase that carries the fact",
            );
            None
        }
        None => {
            ck.report(
                &span,
                format!("{what}, field `quote`"),
                "a citation needs a quote: the shortest verbatim phrase from the source that \
                 carries the fact",
            );
            None
        }
    };
    let locator = match &c.locator {
        Some(l) if !l.get_ref().trim().is_empty() => Some(l.get_ref().trim().to_string()),
        _ => {
            ck.report(
                &span,
                format!("{what}, field `locator`"),
                "a citation needs a locator: where the quote is in the source's text, e.g. \
                 \"line 19\" or \"lines 5-7\"",
            );
            None
        }
    };
    let method = match &c.method {
        None => Some(Method::Manual),
        Some(m) => {
            let parsed = Method::parse(m.get_ref());
            if parsed.is_none() {
                ck.report(
                    &m.span(),
                    format!("{what}, field `method`"),
                    format!("`{}` is not a method; use manual or extracted", m.get_ref()),
                );
            }
            parsed
        }
    };
    let credibility = match &c.credibility {
        Some(n) if (1..=6).contains(n.get_ref()) => u8::try_from(*n.get_ref()).ok(),
        Some(n) => {
            ck.report(
                &n.span(),
                format!("{what}, field `credibility`"),
                format!(
                    "{} is not an Admiralty credibility; use 1 (confirmed), 2 (probably true), \
                     3 (possibly true), 4 (doubtful), 5 (improbable) or 6 (cannot be judged)",
                    n.get_ref()
                ),
            );
            None
        }
        None => {
            ck.report(
                &span,
                format!("{what}, field `credibility`"),
                "a citation needs a credibility from 1 (confirmed) to 6 (cannot be judged)",
            );
            None
        }
    };
    if let Some(score) = &c.extractor_score {
        if method != Some(Method::Extracted) {
            ck.report(
                &score.span(),
                format!("{what}, field `extractor_score`"),
                "only extracted citations have an extractor score; remove it or set method = \"extracted\"",
            );
        } else if !(0.0..=1.0).contains(score.get_ref()) {
            ck.report(
                &score.span(),
                format!("{what}, field `extractor_score`"),
                "must lie between 0 and 1",
            );
        }
    }
    if ck.problems.len() != before {
        return None;
    }
    Some(Citation {
        source: source.clone(),
        quote: quote?,
        locator: locator?,
        method: method?,
        credibility: credibility?,
        extractor_score: c.extractor_score.as_ref().map(|s| *s.get_ref()),
        curator: c.curator.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
[[source]]
id = "rousseau-2011"
title = "Kazakhstan's Strategic and Military Relations with Russia"
kind = "article"
reliability = "C"

[[entity]]
id = "kazakhstan"
name = "Kazakhstan"
kind = "country"
aliases = ["Republic of Kazakhstan"]

[[entity]]
id = "russia"
name = "Russia"
kind = "country"

[[predicate]]
id = "population"
label = "population"
value_type = "quantity"
unit = "persons"
functional = true

[[predicate]]
id = "signed_treaty_with"
label = "signed a treaty with"
value_type = "entity"
"#;

    fn load_with(claims: &str) -> Result<Dataset, DataErrors> {
        let files = vec![
            DataFile {
                path: "data/base.toml".into(),
                text: BASE.into(),
            },
            DataFile {
                path: "data/claims/test.toml".into(),
                text: claims.into(),
            },
        ];
        load(&files, &Known::default())
    }

    fn problems(claims: &str) -> Vec<String> {
        match load_with(claims) {
            Ok(_) => panic!("expected problems"),
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    const GOOD: &str = r#"
[[claim]]
id = "kz-pop"
subject = "kazakhstan"
predicate = "population"
quantity = { amount = 16300000, bound = "exact" }
when = "2011~"

[[claim.citation]]
source = "rousseau-2011"
quote = "Official statistics put the population of Kazakhstan at 16,3 million"
locator = "line 19"
credibility = 3
"#;

    #[test]
    fn a_good_file_loads() {
        let data = load_with(GOOD).unwrap();
        assert_eq!(data.claims.len(), 1);
        let claim = &data.claims[0];
        assert_eq!(claim.line, 2);
        assert_eq!(claim.file, "data/claims/test.toml");
        match &claim.item.value {
            Value::Quantity(q) => {
                assert_eq!(q.amount, 16_300_000.0);
                assert_eq!(q.unit, "persons");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(claim.item.when.as_str(), "2011~");
        assert_eq!(claim.item.citations[0].method, Method::Manual);
    }

    #[test]
    fn unknown_entity_names_the_line_field_and_nearest_id() {
        let got = problems(&GOOD.replace("subject = \"kazakhstan\"", "subject = \"kazakstan\""));
        assert_eq!(
            got,
            [
                "data/claims/test.toml:4: claim `kz-pop`, field `subject`: unknown entity \
              `kazakstan`; did you mean `kazakhstan`?"
            ]
        );
    }

    #[test]
    fn an_alias_instead_of_an_id_is_explained() {
        let got = problems(&GOOD.replace(
            "subject = \"kazakhstan\"",
            "subject = \"Republic of Kazakhstan\"",
        ));
        assert!(
            got[0].contains("is a name of entity `kazakhstan`"),
            "{got:?}"
        );
    }

    #[test]
    fn unknown_predicate_and_source_suggest() {
        let text = GOOD
            .replace("predicate = \"population\"", "predicate = \"populaton\"")
            .replace("source = \"rousseau-2011\"", "source = \"rousseau-2010\"");
        let got = problems(&text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains(":5: claim `kz-pop`, field `predicate`: unknown predicate `populaton`; did you mean `population`?"), "{got:?}");
        assert!(got[1].contains(":10: claim `kz-pop`, citation 1, field `source`: unknown source `rousseau-2010`; did you mean `rousseau-2011`?"), "{got:?}");
    }

    #[test]
    fn bad_edtf_is_reported() {
        let got = problems(&GOOD.replace("when = \"2011~\"", "when = \"2011-02-30\""));
        assert!(got[0].starts_with("data/claims/test.toml:7: claim `kz-pop`, field `when`: `2011-02-30` is not a valid EDTF date"), "{got:?}");
    }

    #[test]
    fn value_must_fit_the_predicate() {
        let got = problems(&GOOD.replace(
            "quantity = { amount = 16300000, bound = \"exact\" }",
            "object = \"russia\"",
        ));
        assert!(
            got[0].contains("field `object`: predicate `population` takes quantity values"),
            "{got:?}"
        );
        let got = problems(&GOOD.replace("bound = \"exact\"", "bound = \"roughly\""));
        assert!(
            got[0].contains("`roughly` is not a bound; use one of exact, about"),
            "{got:?}"
        );
        let got = problems(&GOOD.replace("bound = \"exact\"", "unit = \"percent\""));
        assert!(
            got[0].contains("is measured in `persons`, not `percent`"),
            "{got:?}"
        );
    }

    #[test]
    fn duplicate_ids_point_at_the_first() {
        let got = problems(&format!("{GOOD}\n{GOOD}"));
        assert!(
            got.iter()
                .any(|p| p.contains("duplicate id: already defined at data/claims/test.toml:3")),
            "{got:?}"
        );
    }

    #[test]
    fn a_citation_needs_a_quote() {
        let got = problems(&GOOD.replace(
            "quote = \"Official statistics put the population of Kazakhstan at 16,3 million\"\n",
            "",
        ));
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].contains("citation 1, field `quote`: a citation needs a quote"),
            "{got:?}"
        );
        let got = problems(&GOOD.replace("[[claim.citation]]", "[claim.extra]"));
        assert!(got[0].contains("unknown field"), "{got:?}");
    }

    #[test]
    fn a_claim_needs_a_citation() {
        let end = GOOD.find("[[claim.citation]]").unwrap();
        let got = problems(&GOOD[..end]);
        assert!(
            got[0].contains("claim `kz-pop`: has no citation"),
            "{got:?}"
        );
    }

    #[test]
    fn credibility_and_reliability_are_graded() {
        let got = problems(&GOOD.replace("credibility = 3", "credibility = 9"));
        assert!(
            got[0].contains("9 is not an Admiralty credibility"),
            "{got:?}"
        );
        let files = vec![DataFile {
            path: "s.toml".into(),
            text: BASE.replace("reliability = \"C\"", "reliability = \"Z\""),
        }];
        let got = load(&files, &Known::default()).unwrap_err().0;
        assert!(
            got[0]
                .to_string()
                .contains("not an Admiralty reliability grade"),
            "{got:?}"
        );
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let got = problems("[[claim]]\nid = \"x\"\nsubject = \n");
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("data/claims/test.toml:3: "), "{got:?}");
    }

    #[test]
    fn references_may_point_into_the_database() {
        let mut known = Known::default();
        known.sources.insert("rousseau-2011".into());
        known
            .entities
            .insert("kazakhstan".into(), vec!["Kazakhstan".into()]);
        let files = vec![
            DataFile {
                path: "p.toml".into(),
                text: BASE[BASE.find("[[predicate]]").unwrap()..].to_string(),
            },
            DataFile {
                path: "c.toml".into(),
                text: GOOD.into(),
            },
        ];
        assert!(load(&files, &known).is_ok());
    }

    #[test]
    fn shared_names_are_rejected() {
        let text = format!(
            "{BASE}\n[[entity]]\nid = \"kazakhstan-ssr\"\nname = \"Kazakh SSR\"\nkind = \"country\"\naliases = [\"Kazakhstan\"]\n"
        );
        let files = vec![DataFile {
            path: "e.toml".into(),
            text,
        }];
        let got = load(&files, &Known::default()).unwrap_err().0;
        assert!(
            got[0]
                .message
                .contains("also belongs to entity `kazakhstan`"),
            "{got:?}"
        );
    }

    #[test]
    fn templates_are_checked() {
        assert_eq!(
            template_fields("{subject} and {object} sign").unwrap(),
            ["subject", "object"]
        );
        assert!(template_fields("{subject").is_err());
        assert!(template_fields("{Sub ject}").is_err());
        assert!(template_fields("a } b").is_err());
    }

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Nur-Sultan"), "nur sultan");
        assert_eq!(fold("Almaty  "), "almaty");
        assert_eq!(fold("Qazaqstan Respýblıkasy"), "qazaqstan respyblikasy");
    }
}
