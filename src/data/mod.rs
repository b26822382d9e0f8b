//! Data files: reads the TOML dataset and validates it into model types, or explains every
//! problem with its file, line and field and what would be valid.
//!
//! Any data file may hold any of the four tables `[[source]]`, `[[entity]]`, `[[predicate]]`
//! and `[[claim]]` (with `[[claim.citation]]` under a claim); the bundled dataset keeps them in
//! `sources.toml`, `entities.toml`, `predicates.toml` and `claims/*.toml`. References may point
//! at records in the same import or already in the database ([`Known`]). Nothing here touches
//! the database: validation runs to the end before anything is written.
//!
//! The parts: [`read`] finds and reads files, [`raw`] holds the shapes serde reads, [`check`]
//! and [`claim`] validate records into model types, [`diagnostic`] says what is wrong and where,
//! [`names`] folds names and suggests the nearest id, and [`template`] parses label templates.

mod check;
mod claim;
pub mod diagnostic;
mod predicate;

mod raw;
pub mod read;
pub mod text;

pub use check::MAX_ID_CHARS;
pub use claim::quantity_problem;
pub use diagnostic::{DataErrors, Diagnostic};
pub use raw::duplicate_key as raw_duplicate_key;
pub use read::{display_path, inputs, inputs_named, read_mappings, read_named, read_paths};

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use crate::data::check::Checker;
use crate::data::diagnostic::Lines;
use crate::data::raw::{RawClaim, RawFile, Record};
use crate::model::{Claim, Entity, Predicate, Resolution, Rule, Source};

/// One data file's path (as the user named it) and contents.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// The path as the user named it (or as bundled: `data/sources.toml`).
    pub path: String,
    /// The whole file.
    pub text: String,
}

/// A validated record and where it was defined.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub item: T,
    /// The data file, as [`DataFile::path`].
    pub file: String,
    /// The 1-based line of the record's table header.
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
    /// Where places lie: entity id → the id of the entity it is located in (`located_in` of an
    /// `[[entity]]`), for the entities of these files.
    pub places: BTreeMap<String, String>,
    /// The keys of the ids of every claim the files hold (the duplicate check's table, handed
    /// on rather than built again).
    pub claim_keys: ClaimKeys,
}

/// The keys ([`crate::text::digest::id_key`]) of the claim ids an import read, with where each
/// was defined (the file's index, the line). An entry takes 24 bytes, and the keys are kept in
/// [`KEY_TABLES`] tables by a byte of the key, each growing on its own: a single table about to
/// double at a million ids held both its old and its new slots, 104 MB, for a moment.
#[derive(Clone, Default)]
pub struct ClaimKeys(Vec<HashMap<[u64; 2], (u32, u32)>>);

/// How many tables [`ClaimKeys`] spreads its keys over.
const KEY_TABLES: usize = 256;

impl ClaimKeys {
    /// Whether the files hold a claim with id `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.place(crate::text::digest::id_key(id)).is_some()
    }

    fn split(key: u128) -> (usize, [u64; 2]) {
        // The high and low halves of the key; the table is chosen by a byte of the low one.
        let halves = [(key >> 64) as u64, key as u64];
        ((halves[1] % KEY_TABLES as u64) as usize, halves)
    }

    /// The file index and line where the id of `key` was defined.
    pub(crate) fn place(&self, key: u128) -> Option<(u32, usize)> {
        let (table, key) = Self::split(key);
        let &(file, line) = self.0.get(table)?.get(&key)?;
        Some((file, line as usize))
    }

    /// Records where the id of `key` is defined (a line past `u32::MAX` is recorded as that).
    pub(crate) fn insert(&mut self, key: u128, file: u32, line: usize) {
        if self.0.is_empty() {
            self.0.resize_with(KEY_TABLES, HashMap::new);
        }
        let (table, key) = Self::split(key);
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        if let Some(map) = self.0.get_mut(table) {
            map.insert(key, (file, line));
        }
    }

    /// How many ids.
    pub fn len(&self) -> usize {
        self.0.iter().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for ClaimKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClaimKeys({} ids)", self.len())
    }
}

/// Records already in the database that the files may refer to.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub sources: HashSet<String>,
    /// Ids of the sources of kind `dataset`: their citations locate a row, not lines of text.
    pub datasets: HashSet<String>,
    /// Qualifier keys used by stored claims or named by table mappings: what a predicate's
    /// template may name besides {subject}, {object} and {value} ([`Known::with_mapping_keys`]).
    pub qualifier_keys: HashSet<String>,
    /// Entity id → every name it goes by.
    pub entities: HashMap<String, Vec<String>>,
    pub predicates: HashMap<String, Predicate>,
    /// Ids of current claims.
    pub claims: HashSet<String>,
}

impl Known {
    /// The same, knowing also the qualifier keys the `[[claim]]` tables of these table mappings
    /// give (a mapping that cannot be read adds nothing; `import-table` reports it).
    pub fn with_mapping_keys(mut self, mappings: &[DataFile]) -> Known {
        for mapping in mappings {
            let Ok(table) = mapping.text.parse::<toml::Table>() else {
                continue;
            };
            let claims = table.get("claim").and_then(toml::Value::as_array);
            for claim in claims.into_iter().flatten() {
                if let Some(keys) = claim.get("qualifiers").and_then(toml::Value::as_table) {
                    self.qualifier_keys.extend(keys.keys().cloned());
                }
            }
        }
        self
    }
}

/// Where a data file's text is: in memory (the bundled dataset, tests) or on disk, read only
/// when its turn comes so that a large import never holds more than one file.
#[derive(Debug, Clone)]
pub enum Input {
    Text(DataFile),
    Disk {
        /// The path as messages show it.
        shown: String,
        path: std::path::PathBuf,
    },
}

impl Input {
    /// The path as messages show it.
    pub fn path(&self) -> &str {
        match self {
            Input::Text(f) => &f.path,
            Input::Disk { shown, .. } => shown,
        }
    }

    fn is_jsonl(&self) -> bool {
        self.path().ends_with(".jsonl")
    }

    fn text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        match self {
            Input::Text(f) => Ok(std::borrow::Cow::Borrowed(&f.text)),
            Input::Disk { shown, path } => {
                read::read_text(path, shown).map(std::borrow::Cow::Owned)
            }
        }
    }
}

/// What validated records go to as they are read: the vocabulary once, then every claim.
pub trait Sink {
    /// Sources, entities and predicates, all valid, before the first claim.
    fn vocabulary(&mut self, dataset: &Dataset) -> anyhow::Result<()>;
    /// One valid claim. Not called any more once a problem has been found.
    fn claim(&mut self, claim: Located<Claim>) -> anyhow::Result<()>;
    /// The ids of the current claims a database holds, for checking the resolutions of files
    /// that hold some (the claims of these files are added to them); `None`, the default,
    /// takes them from [`Known::claims`]. A sink that writes to a database reads them there
    /// only when they are needed, so an import of claims alone never holds every id.
    fn stored_claim_ids(&mut self) -> anyhow::Result<Option<HashSet<String>>> {
        Ok(None)
    }
}

/// Collects the claims into the dataset.
struct Collect(Vec<Located<Claim>>);

impl Sink for Collect {
    fn vocabulary(&mut self, _: &Dataset) -> anyhow::Result<()> {
        Ok(())
    }

    fn claim(&mut self, claim: Located<Claim>) -> anyhow::Result<()> {
        self.0.push(claim);
        Ok(())
    }
}

/// Parses and validates data files against each other and what the database already holds.
pub fn load(files: &[DataFile], known: &Known) -> Result<Dataset, DataErrors> {
    let inputs: Vec<Input> = files.iter().cloned().map(Input::Text).collect();
    let mut collect = Collect(Vec::new());
    match load_into(&inputs, known, &mut collect) {
        Ok(mut dataset) => {
            dataset.claims = collect.0;
            Ok(dataset)
        }
        Err(e) => Err(match e.downcast::<DataErrors>() {
            Ok(errors) => errors,
            Err(other) => DataErrors(vec![Diagnostic::whole_file(
                shown_inputs(&inputs),
                format!("{other:#}"),
            )]),
        }),
    }
}

fn shown_inputs(inputs: &[Input]) -> String {
    inputs
        .iter()
        .map(Input::path)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True unless the text may hold records other than claims: every table header is a claim's
/// (`[[claim]]`, `[[claim.citation]]`, `[claim.…]`) and no key comes before the first header.
/// Such files are parsed once, when their claims are read; others also before, for their
/// sources, entities and predicates.
fn claims_only(text: &str) -> bool {
    let mut in_header_part = false;
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if !(header.starts_with("[[claim]]")
                || header.starts_with("[[claim.")
                || header.starts_with("[claim."))
            {
                return false;
            }
            in_header_part = true;
        } else if !in_header_part {
            return false;
        }
    }
    true
}

/// Parses a TOML data file, or says where its syntax is wrong.
fn parse(path: &str, text: &str) -> Result<(RawFile, Lines), Diagnostic> {
    parse_part(path, text, 1)
}

/// Validates data files and hands every valid record to `sink` as soon as it is checked:
/// first the vocabulary (sources, entities, predicates, from every file), then the claims file
/// by file, each file's text and parse released before the next is read. Claims in `.jsonl`
/// files are one JSON object per line with the fields of a `[[claim]]` table. Returns the
/// vocabulary, rules and resolutions (not the claims), or every problem as [`DataErrors`]; the
/// sink stops receiving claims at the first problem, and the caller must then discard what
/// it received.
pub fn load_into(inputs: &[Input], known: &Known, sink: &mut dyn Sink) -> anyhow::Result<Dataset> {
    // Files that may hold more than claims are parsed first, and kept (they are small).
    let mut problems = Vec::new();
    let mut vocabulary: Vec<(usize, RawFile, Lines)> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if input.is_jsonl() {
            continue;
        }
        let text = match input.text() {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if claims_only(&text) {
            continue;
        }
        problems.extend(text::toml_problems(input.path(), &text));
        match parse(input.path(), &text) {
            Ok((raw, lines)) => vocabulary.push((i, raw, lines)),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(DataErrors(problems).into());
    }

    // Sources, entities and predicates first: everything else refers to them.
    let empty = Known::default();
    let mut ck = Checker::new(&empty);
    let parsed: Vec<Parsed> = vocabulary
        .iter()
        .map(|(i, raw, lines)| Parsed {
            path: inputs[*i].path(),
            raw,
            lines,
        })
        .collect();
    let mut dataset = Dataset {
        files: inputs.iter().map(|f| f.path().to_string()).collect(),
        sources: pass(&mut ck, &parsed, |f| &f.source, check::check_source),
        entities: pass(&mut ck, &parsed, |f| &f.entity, check::check_entity),
        predicates: pass(&mut ck, &parsed, |f| &f.predicate, check::check_predicate),
        ..Dataset::default()
    };
    check::check_alias_collisions(&mut ck, &dataset);

    // Claims, against everything known, file by file.
    let mut world = known.clone();
    world
        .sources
        .extend(dataset.sources.iter().map(|s| s.item.id.clone()));
    world.datasets.extend(
        dataset
            .sources
            .iter()
            .filter(|s| s.item.kind == "dataset")
            .map(|s| s.item.id.clone()),
    );
    for e in &dataset.entities {
        let mut names = vec![e.item.id.clone(), e.item.name.clone()];
        names.extend(e.item.aliases.iter().cloned());
        world.entities.insert(e.item.id.clone(), names);
    }
    for p in &dataset.predicates {
        world.predicates.insert(p.item.id.clone(), p.item.clone());
    }
    let mut ck = ck.with_known(&world);
    if parsed.iter().any(|p| !p.raw.resolution.is_empty()) {
        ck.keep_claim_ids();
    }
    check::check_state_changes(&mut ck, &dataset);
    dataset.places = places(&mut ck, &parsed);
    if ck.problems.is_empty() {
        sink.vocabulary(&dataset)?;
    }
    // Claims-only files (TOML and JSON Lines) are read and parsed on a second thread, a part at
    // a time, one part ahead of the claims being checked and written here.
    let ahead = |i: usize| !vocabulary.iter().any(|(j, _, _)| *j == i);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (send, parts) = std::sync::mpsc::sync_channel::<ParsedPart>(1);
        scope.spawn(move || {
            for (i, input) in inputs.iter().enumerate().filter(|(i, _)| ahead(*i)) {
                let read = if input.is_jsonl() {
                    read_jsonl_in_parts(i, input, &send)
                } else {
                    read_in_parts(i, input, &send)
                };
                if !read {
                    // The claims are no longer wanted (an error stopped the import).
                    break;
                }
            }
        });
        for (i, input) in inputs.iter().enumerate() {
            if let Some(k) = vocabulary.iter().position(|(j, _, _)| *j == i) {
                claims_toml(&mut ck, &parsed[k], sink)?;
                continue;
            }
            loop {
                let part = parts
                    .recv()
                    .ok()
                    .filter(|part| part.index == i)
                    .ok_or_else(|| anyhow::anyhow!("the reader of {} stopped", input.path()))?;
                ck.problems.extend(part.problems);
                match part.parsed {
                    Records::Toml(Ok((raw, lines))) => {
                        let p = Parsed {
                            path: input.path(),
                            raw: &raw,
                            lines: &lines,
                        };
                        claims_toml(&mut ck, &p, sink)?;
                    }
                    Records::Toml(Err(d)) => ck.problems.push(d),
                    Records::Json(lines) => claims_jsonl(&mut ck, input.path(), lines, sink)?,
                }
                if part.last {
                    break;
                }
            }
        }
        Ok(())
    })?;
    dataset.rules = pass(&mut ck, &parsed, |f| &f.rule, check::check_rule);
    check::check_placeholders(&mut ck, &dataset);

    // Resolutions refer to claims: those already known and those just read.
    let mut claims = Known::default();
    if parsed.iter().any(|p| !p.raw.resolution.is_empty()) {
        claims.claims = match sink.stored_claim_ids()? {
            Some(ids) => ids,
            None => known.claims.clone(),
        };
        claims.claims.extend(ck.claim_ids().cloned());
    }
    let mut rck = Checker::new(&claims);
    dataset.resolutions = pass(
        &mut rck,
        &parsed,
        |f| &f.resolution,
        check::check_resolution,
    );

    dataset.claim_keys = ck.take_claim_keys();
    let mut problems = ck.into_problems();
    problems.extend(rck.into_problems());
    if problems.is_empty() {
        Ok(dataset)
    } else {
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(DataErrors(problems).into())
    }
}

/// A part of a claims-only file as the reading thread hands it over: the problems the file's
/// text has (with the part where they are found), and the part's records.
struct ParsedPart {
    index: usize,
    problems: Vec<Diagnostic>,
    parsed: Records,
    /// The file's last part.
    last: bool,
}

/// The records of a part of a claims-only file.
enum Records {
    /// A part of a TOML file, with its line starts (or why it could not be read or parsed).
    Toml(Result<(RawFile, Lines), Diagnostic>),
    /// Lines of a JSON Lines file, each parsed or with why not, by line number.
    Json(Vec<(usize, Result<RawClaim, String>)>),
}

/// How many claims a claims-only file is parsed at a time: the parser's tree of a whole
/// 10,000-claim file took about 90 MB, where its claims as records take a tenth of that.
const CLAIMS_PER_PART: usize = 500;

/// Reads `input` and sends it in parts of [`CLAIMS_PER_PART`] claims, each parsed as a TOML
/// document of its own; stops when the receiver is gone.
fn read_in_parts(
    index: usize,
    input: &Input,
    send: &std::sync::mpsc::SyncSender<ParsedPart>,
) -> bool {
    let text = match input.text() {
        Ok(text) => text,
        Err(d) => {
            let part = ParsedPart {
                index,
                problems: Vec::new(),
                parsed: Records::Toml(Err(d)),
                last: true,
            };
            return send.send(part).is_ok();
        }
    };
    let mut problems = text::toml_problems(input.path(), &text);
    let parts = claim_parts(&text, CLAIMS_PER_PART);
    let count = parts.len();
    for (n, (start, first_line)) in parts.iter().enumerate() {
        let end = parts.get(n + 1).map_or(text.len(), |(next, _)| *next);
        let parsed = ParsedPart {
            index,
            problems: std::mem::take(&mut problems),
            parsed: Records::Toml(parse_part(input.path(), &text[*start..end], *first_line)),
            last: n + 1 == count,
        };
        if send.send(parsed).is_err() {
            return false;
        }
    }
    true
}

/// Where each part of a claims-only file begins (byte offset and 1-based line): at a line
/// `[[claim]]` after every `per` claims. A file with multi-line strings is one part, since
/// such a line inside a string is no table header.
fn claim_parts(text: &str, per: usize) -> Vec<(usize, usize)> {
    let mut parts = vec![(0, 1)];
    if text.contains("\"\"\"") || text.contains("'''") {
        return parts;
    }
    let mut claims = 0;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_end() == "[[claim]]" {
            if claims > 0 && claims % per == 0 {
                parts.push((offset, n + 1));
            }
            claims += 1;
        }
        offset += line.len();
    }
    parts
}

/// [`parse`] for a part of a file that begins on line `first_line`.
fn parse_part(path: &str, text: &str, first_line: usize) -> Result<(RawFile, Lines), Diagnostic> {
    let lines = Lines::within(text, first_line);
    match toml::from_str::<RawFile>(text) {
        Ok(raw) => Ok((raw, lines)),
        Err(e) => Err(Diagnostic {
            file: path.to_string(),
            line: e.span().map_or(0, |s| lines.line(&s)),
            field: String::new(),
            message: raw::explain_toml(text, e.span(), e.message()),
        }),
    }
}

/// One data file, parsed, with its line starts.
struct Parsed<'a> {
    path: &'a str,
    raw: &'a RawFile,
    lines: &'a Lines,
}

/// Validates the claims of one parsed TOML file, handing each valid one to the sink.
fn claims_toml(ck: &mut Checker, p: &Parsed, sink: &mut dyn Sink) -> anyhow::Result<()> {
    ck.enter(p.path, p.lines.clone());
    for spanned in &p.raw.claim {
        let record = spanned.get_ref();
        if ck.duplicate("claim", &record.id) {
            continue;
        }
        if let Some(item) = claim::check_claim(ck, record)
            && ck.problems.is_empty()
        {
            sink.claim(Located {
                item,
                file: p.path.to_string(),
                line: ck.line(&spanned.span()),
                citation_lines: record.part_spans().iter().map(|s| ck.line(s)).collect(),
            })?;
        }
    }
    Ok(())
}

/// Reads the JSON Lines file `input` and sends its lines parsed, [`CLAIMS_PER_PART`] at a
/// time, with the problems of their text; a line that cannot be read ends the file, as a
/// problem. Returns false when the receiver is gone.
fn read_jsonl_in_parts(
    index: usize,
    input: &Input,
    send: &std::sync::mpsc::SyncSender<ParsedPart>,
) -> bool {
    let path = input.path();
    let part = |problems, records, last| ParsedPart {
        index,
        problems,
        parsed: Records::Json(records),
        last,
    };
    let lines: Box<dyn Iterator<Item = std::io::Result<String>>> = match input {
        Input::Text(f) => Box::new(
            f.text
                .lines()
                .map(|l| Ok(l.to_string()))
                .collect::<Vec<_>>()
                .into_iter(),
        ),
        Input::Disk { path: disk, .. } => match std::fs::File::open(disk) {
            Ok(file) => {
                // Lines as bytes, so that one that is not UTF-8 can be named by line and offset.
                let mut offset = 0;
                let lines = read::bounded_lines(
                    std::io::BufReader::with_capacity(1 << 20, file),
                    read::file_limit(),
                )
                .enumerate()
                .map(move |(n, bytes)| {
                    let mut bytes = bytes?;
                    let start = offset;
                    offset += bytes.len() + 1;
                    if bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                    String::from_utf8(bytes).map_err(|e| {
                        let (_, message) =
                            read::not_utf8(e.as_bytes(), e.utf8_error(), n + 1, start);
                        std::io::Error::new(std::io::ErrorKind::InvalidData, message)
                    })
                });
                Box::new(lines)
            }
            Err(e) => {
                let problem = Diagnostic::whole_file(path, format!("cannot read: {e}"));
                return send.send(part(vec![problem], Vec::new(), true)).is_ok();
            }
        },
    };
    let mut problems = Vec::new();
    let mut records = Vec::with_capacity(CLAIMS_PER_PART);
    for (n, line) in lines.enumerate() {
        let number = n + 1;
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                problems.push(Diagnostic {
                    file: path.to_string(),
                    line: number,
                    field: String::new(),
                    message: if e.kind() == std::io::ErrorKind::InvalidData {
                        e.to_string()
                    } else {
                        format!("cannot read: {e}")
                    },
                });
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let record = match serde_json::from_str::<raw::JsonClaim>(&line) {
            Ok(json) => {
                let record = RawClaim::from(json);
                problems.extend(text::json_problems(
                    path,
                    number,
                    &line,
                    record.id.get_ref(),
                ));
                Ok(record)
            }
            Err(e) => Err(format!(
                "{e}; each line must be one JSON object with the fields of a [[claim]] table \
                 (id, subject, predicate, when, citation, …)"
            )),
        };
        records.push((number, record));
        if records.len() == CLAIMS_PER_PART {
            let full = std::mem::replace(&mut records, Vec::with_capacity(CLAIMS_PER_PART));
            if send
                .send(part(std::mem::take(&mut problems), full, false))
                .is_err()
            {
                return false;
            }
        }
    }
    send.send(part(problems, records, true)).is_ok()
}

/// Validates lines of a JSON Lines file of claims as the reading thread parsed them, handing
/// each valid claim to the sink.
fn claims_jsonl(
    ck: &mut Checker,
    path: &str,
    lines: Vec<(usize, Result<RawClaim, String>)>,
    sink: &mut dyn Sink,
) -> anyhow::Result<()> {
    for (number, record) in lines {
        let record = match record {
            Ok(record) => record,
            Err(message) => {
                ck.problems.push(Diagnostic {
                    file: path.to_string(),
                    line: number,
                    field: String::new(),
                    message,
                });
                continue;
            }
        };
        ck.enter(path, Lines::single(number));
        if ck.duplicate("claim", &record.id) {
            continue;
        }
        if let Some(item) = claim::check_claim(ck, &record)
            && ck.problems.is_empty()
        {
            let citations = record.citation.len();
            sink.claim(Located {
                item,
                file: path.to_string(),
                line: number,
                citation_lines: vec![number; citations],
            })?;
        }
    }
    Ok(())
}

/// Validates every record of one kind in every file, in file order: a record whose id was
/// defined before is reported and skipped; a valid one is kept with where it was defined.
/// The `located_in` of every entity, checked: an entity that exists, not the entity itself, and
/// no chain that leads back to where it started.
fn places(ck: &mut Checker, parsed: &[Parsed]) -> BTreeMap<String, String> {
    let mut places = BTreeMap::new();
    let mut spans = BTreeMap::new();
    for p in parsed {
        ck.enter(p.path, p.lines.clone());
        for spanned in &p.raw.entity {
            let raw = spanned.get_ref();
            let Some(within) = &raw.located_in else {
                continue;
            };
            let id = raw.id.get_ref();
            let field = format!("entity `{id}`, field `located_in`");
            if within.get_ref() == id {
                ck.report(&within.span(), field, "a place cannot lie in itself");
                continue;
            }
            let before = ck.problems.len();
            ck.entity_ref(within, &field);
            if ck.problems.len() == before {
                places.insert(id.clone(), within.get_ref().clone());
                spans.insert(id.clone(), (p.path, p.lines.clone(), within.span()));
            }
        }
    }
    // A chain longer than the number of places has come back on itself.
    let mut circular = Vec::new();
    for start in places.keys() {
        let mut at = start;
        for _ in 0..=places.len() {
            match places.get(at) {
                Some(next) if next == start => {
                    circular.push(start.clone());
                    break;
                }
                Some(next) => at = next,
                None => break,
            }
        }
    }
    for id in circular {
        if let Some((path, lines, span)) = spans.get(&id) {
            ck.enter(path, lines.clone());
            ck.report(
                span,
                format!("entity `{id}`, field `located_in`"),
                "the places it lies in lead back to it; a place lies in a larger one",
            );
        }
        places.remove(&id);
    }
    places
}

fn pass<'a, R: Record, T>(
    ck: &mut Checker,
    parsed: &'a [Parsed<'a>],
    records: fn(&RawFile) -> &[Spanned<R>],
    check: fn(&mut Checker, &R) -> Option<T>,
) -> Vec<Located<T>> {
    let mut valid = Vec::new();
    for p in parsed {
        ck.enter(p.path, p.lines.clone());
        for spanned in records(p.raw) {
            let record = spanned.get_ref();
            if record.id().is_some_and(|id| ck.duplicate(R::KIND, id)) {
                continue;
            }
            if let Some(item) = check(ck, record) {
                valid.push(Located {
                    item,
                    file: p.path.to_string(),
                    line: ck.line(&spanned.span()),
                    citation_lines: record.part_spans().iter().map(|s| ck.line(s)).collect(),
                });
            }
        }
    }
    valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Method, Value};

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

    /// A JSON Lines file read in parts on the reading thread: claims and problems keep their
    /// line numbers across parts, blank lines included, and a duplicate is found across parts.
    #[test]
    fn json_lines_in_many_parts_keep_their_line_numbers() {
        let claim = |i: usize| {
            format!(
                r#"{{"id":"kz-pop-{i}","subject":"kazakhstan","predicate":"population","quantity":{{"amount":{},"bound":"exact"}},"when":"{}","citation":[{{"source":"rousseau-2011","quote":"Official statistics put the population at 16,3 million","locator":"line 19","credibility":3}}]}}"#,
                16_000_000 + i,
                1000 + i
            )
        };
        let mut lines: Vec<String> = (0..3 * CLAIMS_PER_PART + 7).map(claim).collect();
        lines[10] = String::new();
        lines[CLAIMS_PER_PART + 3] = claim(2);
        lines[2 * CLAIMS_PER_PART + 5] = r#"{"id":"kz-broken","#.to_string();
        let files = vec![
            DataFile {
                path: "data/base.toml".into(),
                text: BASE.into(),
            },
            DataFile {
                path: "data/claims/feed.jsonl".into(),
                text: lines.join("\n"),
            },
        ];
        let found: Vec<String> = match load(&files, &Known::default()) {
            Ok(_) => panic!("expected problems"),
            Err(e) => {
                e.0.iter()
                    .map(|d| format!("{}:{}", d.file, d.line))
                    .collect()
            }
        };
        assert_eq!(
            found,
            [
                format!("data/claims/feed.jsonl:{}", CLAIMS_PER_PART + 4),
                format!("data/claims/feed.jsonl:{}", 2 * CLAIMS_PER_PART + 6),
            ]
        );

        // Without the two bad lines every claim is read, each with its own line.
        lines[CLAIMS_PER_PART + 3] = claim(CLAIMS_PER_PART + 3);
        lines[2 * CLAIMS_PER_PART + 5] = claim(2 * CLAIMS_PER_PART + 5);
        let files = vec![
            files[0].clone(),
            DataFile {
                path: "data/claims/feed.jsonl".into(),
                text: lines.join("\n"),
            },
        ];
        let data = load(&files, &Known::default()).unwrap();
        assert_eq!(data.claims.len(), 3 * CLAIMS_PER_PART + 6);
        for c in &data.claims {
            let i: usize = c.item.id.trim_start_matches("kz-pop-").parse().unwrap();
            assert_eq!(c.line, i + 1, "{}", c.item.id);
        }
    }

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

    /// `n` claims of Kazakhstan's population, one a year from 1900, each 11 lines long.
    fn many_claims(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "[[claim]]\nid = \"kz-pop-{i}\"\nsubject = \"kazakhstan\"\npredicate = \"population\"\n\
                     quantity = {{ amount = {}, bound = \"exact\" }}\nwhen = \"{}\"\n\
                     [[claim.citation]]\nsource = \"rousseau-2011\"\nquote = \"population {i}\"\nlocator = \"line {}\"\ncredibility = 3\n",
                    1000 + i,
                    1900 + i,
                    i + 1
                )
            })
            .collect()
    }

    #[test]
    fn claims_files_are_parsed_in_parts_at_claim_headers() {
        let text = many_claims(5);
        let parts = claim_parts(&text, 2);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0], (0, 1));
        assert_eq!(parts[1].1, 23);
        assert!(text[parts[1].0..].starts_with("[[claim]]\nid = \"kz-pop-2\""));
        assert_eq!(parts[2].1, 45);
        // A multi-line string may hold a line that looks like a header: no parts then.
        let quoted = format!("{text}note = \"\"\"\n[[claim]]\n\"\"\"\n");
        assert_eq!(claim_parts(&quoted, 2).len(), 1);
    }

    #[test]
    fn a_file_read_in_parts_gives_every_claim_at_its_line() {
        let n = CLAIMS_PER_PART * 2 + 7;
        let data = load_with(&many_claims(n)).unwrap();
        assert_eq!(data.claims.len(), n);
        for (i, claim) in data.claims.iter().enumerate() {
            assert_eq!(claim.item.id, format!("kz-pop-{i}"));
            assert_eq!(claim.line, 11 * i + 1);
            assert_eq!(claim.citation_lines, [11 * i + 7]);
        }
    }

    #[test]
    fn problems_in_later_parts_name_their_lines() {
        let n = CLAIMS_PER_PART * 2 + 7;
        let last = CLAIMS_PER_PART * 2 + 3;
        // A duplicate of the first claim in the third part.
        let text = many_claims(n).replace(&format!("id = \"kz-pop-{last}\""), "id = \"kz-pop-0\"");
        assert_eq!(
            problems(&text),
            [format!(
                "data/claims/test.toml:{}: claim `kz-pop-0`: duplicate id: already \
                 defined at data/claims/test.toml:2; ids must be unique",
                11 * last + 2
            )]
        );
        // A syntax error in the second part.
        let bad = CLAIMS_PER_PART + 4;
        let text = many_claims(n).replace(&format!("when = \"{}\"", 1900 + bad), "when = 19x");
        let got = problems(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with(&format!("data/claims/test.toml:{}:", 11 * bad + 6)),
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
    fn cues_are_read_and_checked() {
        let with_cues = BASE.replace(
            "unit = \"persons\"\nfunctional = true",
            "unit = \"persons\"\nfunctional = true\ncues = [\"population\", \"inhabitants\"]",
        );
        let files = vec![DataFile {
            path: "p.toml".into(),
            text: with_cues.clone(),
        }];
        let data = load(&files, &Known::default()).unwrap();
        let population = data
            .predicates
            .iter()
            .find(|p| p.item.id == "population")
            .unwrap();
        assert_eq!(population.item.cues, ["population", "inhabitants"]);

        let files = vec![DataFile {
            path: "p.toml".into(),
            text: with_cues.replace("\"inhabitants\"", "\"Population\", \" \""),
        }];
        let got: Vec<String> = load(&files, &Known::default())
            .unwrap_err()
            .0
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0]
                .contains("predicate `population`, field `cues`: cue `Population` is listed twice"),
            "{got:?}"
        );
        assert!(
            got[1].contains("field `cues`: a cue is a word or short phrase"),
            "{got:?}"
        );
    }

    /// Predicates for states: `member_of`, a once-only `signed`, a text `holds_office`, and a
    /// `joined` whose `state_of` and `change` lines are `change`.
    fn state_problems(change: &str, known: &Known) -> Result<Dataset, Vec<String>> {
        let text = format!(
            "[[predicate]]\nid = \"joined\"\nlabel = \"joined\"\nvalue_type = \"entity\"\n{change}\n\n\
             [[predicate]]\nid = \"member_of\"\nlabel = \"member of\"\nvalue_type = \"entity\"\n\n\
             [[predicate]]\nid = \"signed\"\nlabel = \"signed\"\nvalue_type = \"none\"\nonce = true\n\n\
             [[predicate]]\nid = \"holds_office\"\nlabel = \"holds office\"\nvalue_type = \"text\"\n"
        );
        let files = vec![DataFile {
            path: "p.toml".into(),
            text,
        }];
        load(&files, known).map_err(|e| e.0.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn state_changes_are_read_and_checked() {
        use crate::model::{ChangeKind, StateChange};
        let none = Known::default();
        // A change may name its state before the state is defined.
        let data = state_problems("state_of = \"member_of\"\nchange = \"begins\"", &none).unwrap();
        let joined = data
            .predicates
            .iter()
            .find(|p| p.item.id == "joined")
            .unwrap();
        assert_eq!(
            joined.item.state_change,
            Some(StateChange {
                state_of: "member_of".into(),
                change: ChangeKind::Begins
            })
        );
        let member = data
            .predicates
            .iter()
            .find(|p| p.item.id == "member_of")
            .unwrap();
        assert_eq!(member.item.state_change, None);

        for (lines, want) in [
            (
                "state_of = \"member_of\"\nchange = \"starts\"",
                "p.toml:6: predicate `joined`, field `change`: `starts` is not a change of state; \
                 use one of begins, suspends, resumes, ends",
            ),
            (
                "state_of = \"member_of\"",
                "p.toml:5: predicate `joined`, field `change`: `state_of` needs `change`: say what \
                 this predicate does to the state of `member_of`, one of begins, suspends, \
                 resumes, ends",
            ),
            (
                "change = \"ends\"",
                "p.toml:5: predicate `joined`, field `state_of`: `change` needs `state_of`: name \
                 the predicate whose state this one changes (state_of = \"member_of\" for \
                 `joined`)",
            ),
            (
                "state_of = \"joined\"\nchange = \"begins\"",
                "p.toml:5: predicate `joined`, field `state_of`: a predicate cannot change its own \
                 state; name the predicate that carries the state (`member_of` for `joined`)",
            ),
            (
                "state_of = \"membr_of\"\nchange = \"begins\"",
                "p.toml:5: predicate `joined`, field `state_of`: unknown predicate `membr_of`; did \
                 you mean `member_of`? name the predicate that carries the state, one of \
                 holds_office, member_of",
            ),
            (
                "state_of = \"signed\"\nchange = \"begins\"",
                "p.toml:5: predicate `joined`, field `state_of`: `signed` is a once-only event, not \
                 a state that holds over time; name one of holds_office, member_of",
            ),
            (
                "state_of = \"holds_office\"\nchange = \"begins\"",
                "p.toml:5: predicate `joined`, field `state_of`: `joined` takes entity values but \
                 its state `holds_office` takes text: a change claim names the value of the state \
                 claims it changes, so both take the same type",
            ),
        ] {
            assert_eq!(state_problems(lines, &none).unwrap_err(), [want], "{lines}");
        }

        // A state in the database will do; a change of a change will not.
        let mut known = Known::default();
        let mut left = predicate_for_state("left");
        left.state_change = Some(StateChange {
            state_of: "member_of".into(),
            change: ChangeKind::Ends,
        });
        known.predicates.insert("left".into(), left);
        known
            .predicates
            .insert("stationed".into(), predicate_for_state("stationed"));
        assert!(state_problems("state_of = \"stationed\"\nchange = \"ends\"", &known).is_ok());
        assert_eq!(
            state_problems("state_of = \"left\"\nchange = \"ends\"", &known).unwrap_err(),
            [
                "p.toml:5: predicate `joined`, field `state_of`: `left` is itself a change (it ends \
              `member_of`); name the state it changes, `member_of`"
            ]
        );
    }

    fn predicate_for_state(id: &str) -> Predicate {
        Predicate {
            id: id.into(),
            label: id.into(),
            value_type: crate::model::ValueType::Entity,
            unit: None,
            functional: false,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: crate::model::ChangeUnit::Relative,
            comparable_within_days: None,
            once: false,
            template: None,
            description: None,
            cues: Vec::new(),
            state_change: None,
        }
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
}
