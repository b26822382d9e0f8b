//! Tables by mapping: a CSV or TSV file and a [`mapping::Mapping`] become validated claims and
//! entities, cited from the dataset with each row's key as the locator, handed one row at a
//! time to a [`Sink`] (the writer of [`crate::db::import`], a dry run, or a collector). Rows are
//! read one at a time from any reader and not kept: what stays in memory is one entry per
//! claim id (a hash of the id, the row that first gave it and a hash of its claim, to find
//! duplicate rows) and the entities, which are few. Nothing here prints or touches the
//! database.
//!
//! Every problem names the table file, the line, the row and column, and what was expected.
//! Unless problems are to be skipped, one problem anywhere means no claims at all. The CSV is
//! read strictly ([`syntax::Guard`]: quotes closed, cells and rows of bounded size), and every
//! cell of a kept row passes the text gate of data files ([`crate::data::text`]). A message
//! quotes at most the first characters of a cell.

mod header;
pub mod mapping;
mod row;
mod seen;
pub mod syntax;
mod unknown;
mod when;

use std::collections::HashMap;
use std::io::Read;

use crate::data::{Dataset, Diagnostic, Located, MAX_ID_CHARS};
use crate::model::{Claim, Entity};
use crate::text::is_slug;
use mapping::Mapping;
pub use mapping::World;
use seen::{Seen, id_key};

/// Problems kept in full; beyond this many, only counted.
const MAX_PROBLEMS: usize = 200;

/// How to read a table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Tab-separated, whatever the mapping says.
    pub tsv: bool,
    /// Leave out rows with problems (each reported) instead of refusing the table.
    pub skip_invalid: bool,
}

/// Receives what a table yields, row by row: each row's new entities, then its claims. Every
/// claim id and entity id comes once (a row that repeats an earlier row's record is not passed
/// on again). Not called any more once a row has a problem, unless problems are skipped.
pub trait Sink {
    /// An entity a kept row yields, the first time its id appears.
    fn entity(&mut self, entity: Located<Entity>) -> anyhow::Result<()>;
    /// A claim a kept row yields, the first time its id appears.
    fn claim(&mut self, claim: Located<Claim>) -> anyhow::Result<()>;
}

/// Keeps nothing (an extract is cut, not imported).
pub struct Discard;

impl Sink for Discard {
    fn entity(&mut self, _: Located<Entity>) -> anyhow::Result<()> {
        Ok(())
    }

    fn claim(&mut self, _: Located<Claim>) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Collects what a table yields (the bundled extracts, which are small).
#[derive(Debug, Default)]
pub struct Collect {
    pub entities: Vec<Located<Entity>>,
    pub claims: Vec<Located<Claim>>,
}

impl Sink for Collect {
    fn entity(&mut self, entity: Located<Entity>) -> anyhow::Result<()> {
        self.entities.push(entity);
        Ok(())
    }

    fn claim(&mut self, claim: Located<Claim>) -> anyhow::Result<()> {
        self.claims.push(claim);
        Ok(())
    }
}

impl Collect {
    /// Adds the table's records to a dataset, with its origin among the dataset's files so
    /// that claims it no longer yields are retracted.
    pub fn into_dataset(self, origin: String, dataset: &mut Dataset) {
        dataset.files.push(origin);
        dataset.entities.extend(self.entities);
        dataset.claims.extend(self.claims);
    }
}

/// What a table yielded, besides what went to the sink.
#[derive(Debug, Default)]
pub struct Table {
    pub origin: String,
    /// Rows read after the header.
    pub rows: usize,
    /// Rows the filter kept.
    pub kept: usize,
    /// Problems with rows (all of them skipped rows when [`Options::skip_invalid`]).
    pub problems: Vec<Diagnostic>,
    /// Problems beyond those kept in `problems`.
    pub more_problems: usize,
    /// Rows left out because of a problem.
    pub skipped: usize,
    /// The first error the sink returned (a write that failed, a claim of another origin);
    /// nothing was passed to the sink after it. Problems with rows come first.
    pub sink_error: Option<anyhow::Error>,
    /// The claim ids passed to the sink.
    claims: Seen,
    /// The unknown codes and entity ids the rows name.
    unknown: unknown::Unknowns,
}

impl Table {
    /// Whether the table yielded a claim of this id (passed to the sink).
    pub fn yielded(&self, id: &str) -> bool {
        self.claims.0.contains_key(&id_key(id))
    }
}

/// Where a table is: its name for messages.
pub struct Input<'a> {
    pub name: &'a str,
    pub reader: Box<dyn Read + 'a>,
}

/// Reads a table through a mapping, handing each valid kept row's new entities and claims to
/// `sink` as it goes. `progress` is called with the bytes read so far; `keep` with the header
/// row, then with every record the filter kept (for writing an extract). Returns the problems
/// when the header does not fit the mapping, or when a row is invalid and they are not to be
/// skipped: the sink has then been given the rows before the first problem only, and the
/// caller must not keep what it did with them.
pub fn read(
    input: Input,
    mapping: &Mapping,
    world: &World,
    options: Options,
    progress: &mut dyn FnMut(u64),
    keep: &mut dyn FnMut(&csv::StringRecord) -> Result<(), String>,
    sink: &mut dyn Sink,
) -> Result<Table, Vec<Diagnostic>> {
    let name = input.name;
    let whole = |message: String| vec![Diagnostic::whole_file(name, message)];
    let header::Opened {
        mut csv,
        headers,
        columns,
        skipped_bytes,
        line_offset,
        delimiter,
    } = header::open(input, mapping, options)?;
    keep(&headers).map_err(whole)?;
    let rows = row::Rows {
        name,
        mapping,
        world,
        headers: &headers,
        columns: &columns,
        delimiter,
    };
    let mut out = Table {
        origin: mapping.origin(),
        ..Table::default()
    };
    // Entities are few: each one kept whole, with the row that first gave it.
    let mut entities: HashMap<String, (usize, Entity)> = HashMap::new();
    let mut record = csv::StringRecord::new();
    while next_record(&mut csv, &mut record, name, line_offset)? {
        out.rows += 1;
        if out.rows.is_multiple_of(4096) {
            progress(skipped_bytes + record.position().map_or(0, |p| p.byte()));
        }
        let at = row::At {
            row: out.rows,
            line: record.position().map_or(0, |p| p.line() + line_offset) as usize,
        };
        let raw = rows.raw(&record, at.row);
        if !rows.kept(&raw) {
            continue;
        }
        out.kept += 1;
        keep(&record).map_err(whole)?;
        let built = rows.build(&record, &raw, at, &entities, &out.claims);
        pass_on(&mut out, built, at, &mut entities, options, sink);
    }
    progress(skipped_bytes + csv.position().byte());
    let unknown = std::mem::take(&mut out.unknown);
    out.problems.extend(unknown.problems(name, MAX_PROBLEMS));
    if !options.skip_invalid && !out.problems.is_empty() {
        let mut problems = out.problems;
        if out.more_problems > 0 {
            problems.push(Diagnostic::whole_file(
                name,
                format!("and {} more problems like these", out.more_problems),
            ));
        }
        return Err(problems);
    }
    Ok(out)
}

/// Reads the next record into `record`: `false` at the end, the problem when it cannot be read.
fn next_record<R: std::io::Read>(
    csv: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    name: &str,
    line_offset: u64,
) -> Result<bool, Vec<Diagnostic>> {
    csv.read_record(record).map_err(|e| {
        if let Some(s) = syntax_error(&e) {
            return vec![at_line(name, s.line, s.message.clone())];
        }
        let line = e
            .position()
            .map_or(0, |p| (p.line() + line_offset) as usize);
        let message = match e.kind() {
            csv::ErrorKind::Utf8 { .. } => {
                "is not UTF-8; save the table as UTF-8 (with or without BOM)".to_string()
            }
            _ => format!("cannot read the row: {e}"),
        };
        vec![at_line(name, line, message)]
    })
}

/// Hands a row's new records to the sink, or keeps its problems (the row is then skipped).
/// After a problem (not skipped) nothing is passed on: only the problems are still sought.
fn pass_on(
    out: &mut Table,
    built: row::Built,
    at: row::At,
    entities: &mut HashMap<String, (usize, Entity)>,
    options: Options,
    sink: &mut dyn Sink,
) {
    if !built.problems.is_empty() || !built.unknown.is_empty() {
        out.skipped += 1;
        for u in built.unknown {
            out.unknown.add(at, u);
        }
        for p in built.problems {
            if out.problems.len() < MAX_PROBLEMS {
                out.problems.push(p);
            } else {
                out.more_problems += 1;
            }
        }
        return;
    }
    let emitting = options.skip_invalid || out.skipped == 0;
    for e in built.entities {
        if entities.contains_key(&e.id) {
            continue;
        }
        entities.insert(e.id.clone(), (at.row, e.clone()));
        if emitting && out.sink_error.is_none() {
            let located = Located {
                item: e,
                file: out.origin.clone(),
                line: at.line,
                citation_lines: Vec::new(),
            };
            if let Err(e) = sink.entity(located) {
                out.sink_error = Some(e);
            }
        }
    }
    for (c, key, digest) in built.claims {
        if out.claims.0.contains_key(&key) {
            continue;
        }
        out.claims.0.insert(key, (at.row, digest));
        if emitting && out.sink_error.is_none() {
            let located = Located {
                item: c,
                file: out.origin.clone(),
                line: at.line,
                citation_lines: vec![at.line],
            };
            if let Err(e) = sink.claim(located) {
                out.sink_error = Some(e);
            }
        }
    }
}

/// The most characters of a cell a message quotes.
const QUOTED_CHARS: usize = 60;

/// A cell's text as a message quotes it: at most [`QUOTED_CHARS`] characters.
fn cut(text: &str) -> String {
    shorten(text, QUOTED_CHARS)
}

/// What is wrong with an id a template made, if anything: not a slug, or longer than data
/// files allow.
fn id_problem(kind: &str, id: &str) -> Option<String> {
    if !is_slug(id) {
        return Some(format!(
            "{kind} id `{}` is not an id; use lower-case letters, digits, `-`",
            cut(id)
        ));
    }
    let length = id.chars().count();
    (length > MAX_ID_CHARS).then(|| {
        format!(
            "{kind} id `{}` is {length} characters long; an id has at most {MAX_ID_CHARS} \
             characters: make the id template shorter",
            cut(id)
        )
    })
}

/// The syntax error (from [`syntax::Guard`]) behind a CSV error, if it is one.
fn syntax_error(e: &csv::Error) -> Option<&syntax::SyntaxError> {
    match e.kind() {
        csv::ErrorKind::Io(io) => syntax::SyntaxError::of(io),
        _ => None,
    }
}

fn at_line(name: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        file: name.to_string(),
        line,
        field: String::new(),
        message,
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

impl World {
    /// The ids known to the database and to the data imported with the table.
    pub fn of(known: &crate::data::Known, dataset: &Dataset) -> World {
        let mut world = World {
            entities: known.entities.keys().cloned().collect(),
            predicates: known.predicates.clone(),
            sources: known.sources.clone(),
        };
        world
            .entities
            .extend(dataset.entities.iter().map(|e| e.item.id.clone()));
        world.predicates.extend(
            dataset
                .predicates
                .iter()
                .map(|p| (p.item.id.clone(), p.item.clone())),
        );
        world
            .sources
            .extend(dataset.sources.iter().map(|s| s.item.id.clone()));
        world
    }
}

/// The folder a file is in (`data/mappings` for `data/mappings/wb.toml`).
pub fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Reads a file by its path, or says why it cannot.
pub type ReadFile = dyn Fn(&str) -> Result<String, String>;

/// Adds to `dataset` what every mapping with an `extract` yields from it: the bundled tables.
/// `read` gives the text of a file by its path (`data/datasets/wb.csv`) or says why it cannot.
pub fn add_extracts(
    dataset: &mut Dataset,
    known: &crate::data::Known,
    mappings: &[crate::data::DataFile],
    read: &ReadFile,
) -> Result<(), crate::data::DataErrors> {
    let world = World::of(known, dataset);
    let mut problems = Vec::new();
    let mut tables = Vec::new();
    for file in mappings {
        // A mapping without an extract bundles nothing: it is for `import-table`, and may name
        // a vocabulary that is imported only with its table (a broken one is still reported).
        if file
            .text
            .parse::<toml::Table>()
            .is_ok_and(|t| !t.contains_key("extract"))
        {
            continue;
        }
        let dir = folder(&file.path);
        let read_relative = |relative: &str| {
            let path = mapping::join(dir, relative);
            read(&path).map(|text| (path, text))
        };
        let parsed = match mapping::parse(&file.path, &file.text, &world, &read_relative) {
            Ok(m) => m,
            Err(mut p) => {
                problems.append(&mut p);
                continue;
            }
        };
        let Some(extract) = &parsed.extract else {
            continue;
        };
        let path = mapping::join(dir, extract);
        let text = match read(&path) {
            Ok(t) => t,
            Err(why) => {
                problems.push(Diagnostic::whole_file(
                    &file.path,
                    format!("extract: {why}"),
                ));
                continue;
            }
        };
        let input = Input {
            name: &path,
            reader: Box::new(text.as_bytes()),
        };
        let mut collect = Collect::default();
        match self::read(
            input,
            &parsed,
            &world,
            Options::default(),
            &mut |_| {},
            &mut |_| Ok(()),
            &mut collect,
        ) {
            Ok(table) => tables.push((table.origin, collect)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(crate::data::DataErrors(problems));
    }
    for (origin, collect) in tables {
        collect.into_dataset(origin, dataset);
    }
    Ok(())
}
