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

pub mod mapping;
pub mod syntax;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read};

use crate::data::{Dataset, Diagnostic, Located, MAX_ID_CHARS, quantity_problem};
use crate::model::{Citation, Claim, Entity, Method, Quantity, Value};
use crate::text::{is_slug, nearest};
use crate::time::When;
pub use mapping::World;
use mapping::{DateParts, EndZero, Mapping, ValueSpec, WhenSpec};

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
}

impl Table {
    /// Whether the table yielded a claim of this id (passed to the sink).
    pub fn yielded(&self, id: &str) -> bool {
        self.claims.0.contains_key(&id_key(id))
    }
}

/// The claim ids a table has yielded: a 128-bit hash of each id, with the row that first gave
/// it and a hash of the claim it gave (about 32 bytes an id, where the claims themselves took
/// more than a kilobyte).
#[derive(Debug, Default)]
struct Seen(HashMap<u128, (usize, u64)>);

/// Two 64-bit SipHash values of an id, each with its own prefix: a 128-bit key.
fn id_key(id: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        id.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// A hash of a claim as it would be stored (its canonical JSON), to tell whether two rows
/// giving one id give the same claim.
fn claim_digest(claim: &Claim) -> u64 {
    struct Feed(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Feed {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut feed = Feed(std::collections::hash_map::DefaultHasher::new());
    // Serialising a claim into a hasher cannot fail; were it to, the claim's Debug form is as
    // good a fingerprint.
    if serde_json::to_writer(&mut feed, claim).is_err() {
        format!("{claim:?}").hash(&mut feed.0);
    }
    feed.0.finish()
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
    let mut reader = BufReader::new(input.reader);
    // A UTF-8 byte order mark, then the preamble, come before the header.
    let mut skipped_bytes = 0u64;
    let starts_with_bom = reader
        .fill_buf()
        .map_err(|e| whole(format!("cannot read: {e}")))?
        .starts_with(b"\xEF\xBB\xBF");
    if starts_with_bom {
        reader.consume(3);
        skipped_bytes += 3;
    }
    let mut line = Vec::new();
    for n in 0..mapping.preamble {
        line.clear();
        let got = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| whole(format!("cannot read: {e}")))?;
        if got == 0 {
            return Err(whole(format!(
                "ends after {n} lines, inside the preamble of {} lines the mapping skips",
                mapping.preamble
            )));
        }
        skipped_bytes += got as u64;
    }
    let delimiter = if options.tsv {
        b'\t'
    } else {
        mapping.delimiter
    };
    let line_offset = mapping.preamble as u64;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(syntax::Guard::new(
            reader,
            delimiter,
            line_offset as usize + 1,
        ));
    let headers = match csv.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(match syntax_error(&e) {
                Some(s) => vec![at_line(name, s.line, s.message.clone())],
                None => whole(format!("cannot read the header row: {e}")),
            });
        }
    };
    let header_line = line_offset + 1;
    let header_problems = header_problems(&headers);
    if !header_problems.is_empty() {
        return Err(header_problems
            .into_iter()
            .map(|m| Diagnostic {
                file: name.to_string(),
                line: header_line as usize,
                field: "header".into(),
                message: m,
            })
            .collect());
    }

    // Each field's column.
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    for field in &mapping.fields {
        let Some(column) = &field.column else {
            columns.push(None);
            continue;
        };
        match headers.iter().position(|h| h.trim() == column) {
            Some(i) => columns.push(Some(i)),
            None => {
                let hint = nearest(column, headers.iter())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                problems.push(Diagnostic {
                    file: name.to_string(),
                    line: header_line as usize,
                    field: "header".into(),
                    message: format!(
                        "no column `{column}` (field `{}` of {}){hint}; the columns are {}",
                        field.name,
                        mapping.path,
                        shorten(&headers.iter().collect::<Vec<_>>().join(", "), 300)
                    ),
                });
                columns.push(None);
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    keep(&headers).map_err(|why| whole(why.clone()))?;

    let mut out = Table {
        origin: mapping.origin(),
        ..Table::default()
    };
    // Entities are few: each one kept whole, with the row that first gave it.
    let mut seen_entities: HashMap<String, (usize, Entity)> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if let Some(s) = syntax_error(&e) {
                    return Err(vec![at_line(name, s.line, s.message.clone())]);
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
                return Err(vec![Diagnostic {
                    file: name.to_string(),
                    line,
                    field: String::new(),
                    message,
                }]);
            }
        }
        out.rows += 1;
        let position = record.position().map_or(0, |p| p.line() + line_offset) as usize;
        if out.rows.is_multiple_of(4096) {
            progress(skipped_bytes + record.position().map_or(0, |p| p.byte()));
        }
        let row = out.rows;
        let mut row_problems = Vec::new();
        let mut report = |column: Option<&str>, message: String| {
            row_problems.push(Diagnostic {
                file: name.to_string(),
                line: position,
                field: match column {
                    Some(c) => format!("row {row}, column `{c}`"),
                    None => format!("row {row}"),
                },
                message,
            });
        };
        if record.len() != headers.len() {
            report(
                None,
                format!(
                    "has {} fields, but the header has {}",
                    record.len(),
                    headers.len()
                ),
            );
        }
        // Raw values, for the filter and conditions.
        let raw: Vec<String> = mapping
            .fields
            .iter()
            .zip(&columns)
            .map(|(field, column)| match column {
                Some(i) => record.get(*i).unwrap_or("").trim().to_string(),
                None if field.name == "row" => row.to_string(),
                None => String::new(),
            })
            .collect();
        let passes = mapping
            .filter
            .iter()
            .all(|(i, allowed)| allowed.contains(&raw[*i]));
        if !passes {
            continue;
        }
        out.kept += 1;
        if let Err(why) = keep(&record) {
            return Err(whole(why));
        }
        // Every cell of a kept row may end up stored (the default quote is the whole row).
        for (i, cell) in record.iter().enumerate() {
            if let Some(problem) = crate::data::text::cell_problem(cell) {
                report(Some(headers.get(i).unwrap_or("").trim()), problem);
            }
        }
        // Values, through the code lists.
        let mut values = raw.clone();
        for (i, field) in mapping.fields.iter().enumerate() {
            let Some(list) = &field.codes else { continue };
            let table = mapping.codes.get(list);
            match table.and_then(|t| t.get(&raw[i])) {
                Some(v) => values[i] = v.clone(),
                None => {
                    let hint = table
                        .and_then(|t| nearest(&raw[i], t.keys().map(String::as_str)))
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    report(
                        field.column.as_deref(),
                        format!(
                            "unknown code `{}`: not in code list `{list}`{hint}; add it to the \
                             list, or leave the row out with [filter]",
                            cut(&raw[i])
                        ),
                    );
                }
            }
        }
        let column_of = |i: usize| mapping.fields[i].column.as_deref();
        let holds =
            |cond: &mapping::Condition| cond.iter().all(|(i, vals)| vals.contains(&raw[*i]));

        let locator = mapping.locator.fill(&values);
        let quote = match &mapping.quote {
            Some(q) => q.fill(&values),
            None => record_text(&record, delimiter),
        };
        let citation = Citation {
            source: mapping.source.clone(),
            quote,
            locator,
            // Read from the row by a declared mapping, not guessed from text: the extraction is
            // certain, so its score is 1 (an extracted citation always carries one).
            method: Method::Extracted,
            credibility: mapping.credibility,
            extractor_score: Some(1.0),
            curator: None,
        };

        let mut entities = Vec::new();
        for spec in &mapping.entities {
            if !holds(&spec.only_if) {
                continue;
            }
            let id = spec.id.fill(&values);
            if let Some(problem) = id_problem("entity", &id) {
                report(None, problem);
                continue;
            }
            entities.push(Entity {
                id,
                name: spec.name.fill(&values),
                kind: spec.kind.clone(),
                aliases: Vec::new(),
                note: spec.note.as_ref().map(|n| n.fill(&values)),
            });
        }
        let is_entity = |id: &str, entities: &[Entity]| {
            world.entities.contains(id)
                || seen_entities.contains_key(id)
                || entities.iter().any(|e| e.id == id)
        };

        let mut claims = Vec::new();
        for spec in &mapping.claims {
            if !holds(&spec.only_if) {
                continue;
            }
            let id = spec.id.fill(&values);
            if let Some(problem) = id_problem("claim", &id) {
                report(None, problem);
                continue;
            }
            let subject = spec.subject.fill(&values);
            if !is_entity(&subject, &entities) {
                report(
                    None,
                    format!(
                        "claim `{id}`: subject `{}` is not a known entity",
                        cut(&subject)
                    ),
                );
            }
            let value = match &spec.value {
                ValueSpec::None => Value::None,
                ValueSpec::Text(t) => Value::Text {
                    text: t.fill(&values),
                },
                ValueSpec::Entity(t) => {
                    let entity = t.fill(&values);
                    if !is_entity(&entity, &entities) {
                        report(
                            None,
                            format!(
                                "claim `{id}`: object `{}` is not a known entity",
                                cut(&entity)
                            ),
                        );
                    }
                    Value::Entity { entity }
                }
                ValueSpec::Quantity {
                    amount,
                    unit,
                    bound,
                } => {
                    let text = amount.fill(&values);
                    let number = parse_number(&text);
                    if let Some(problem) = number.and_then(|n| quantity_problem(n, unit)) {
                        report(single_column(&amount.field_indexes(), &column_of), problem);
                    }
                    match number {
                        Some(n) => Value::Quantity(Quantity {
                            amount: n,
                            lower: None,
                            upper: None,
                            unit: unit.clone(),
                            bound: *bound,
                        }),
                        None => {
                            report(
                                single_column(&amount.field_indexes(), &column_of),
                                format!(
                                    "`{}` is not a number; expected digits with an optional \
                                     `.` and sign, such as 17035551 or 4.6e6",
                                    cut(&text)
                                ),
                            );
                            Value::None
                        }
                    }
                }
            };
            let mut qualifiers = std::collections::BTreeMap::new();
            for (key, templates) in &spec.qualifiers {
                let mut ids: Vec<String> = templates
                    .iter()
                    .map(|t| t.fill(&values))
                    .filter(|v| !v.is_empty())
                    .collect();
                for q in &ids {
                    if !is_entity(q, &entities) {
                        report(
                            None,
                            format!(
                                "claim `{id}`, qualifier `{key}`: `{}` is not a known entity",
                                cut(q)
                            ),
                        );
                    }
                }
                ids.sort();
                ids.dedup();
                if !ids.is_empty() {
                    qualifiers.insert(key.clone(), ids);
                }
            }
            let when = match when_of(&spec.when, &values) {
                Ok(w) => w,
                Err((field, message)) => {
                    report(field.and_then(column_of), message);
                    continue;
                }
            };
            claims.push(Claim {
                id,
                subject,
                predicate: spec.predicate.clone(),
                value,
                qualifiers,
                when,
                note: spec.note.as_ref().map(|n| n.fill(&values)),
                citations: vec![citation.clone()],
            });
        }

        // The same id from two rows must mean the same record.
        for e in &entities {
            if let Some((first_row, first)) = seen_entities.get(&e.id)
                && first != e
            {
                report(
                    None,
                    format!(
                        "entity `{}` differs from the one row {first_row} gives; make its id \
                         template unique per entity",
                        e.id
                    ),
                );
            }
        }
        let mut digests = Vec::with_capacity(claims.len());
        for c in &claims {
            let key = id_key(&c.id);
            let digest = claim_digest(c);
            digests.push((key, digest));
            if let Some(&(first_row, first)) = out.claims.0.get(&key)
                && first != digest
            {
                report(
                    None,
                    format!(
                        "claim `{}` differs from the one row {first_row} gives; make the claim's \
                         id template unique per row",
                        c.id
                    ),
                );
            }
        }

        if !row_problems.is_empty() {
            out.skipped += 1;
            for p in row_problems {
                if out.problems.len() < MAX_PROBLEMS {
                    out.problems.push(p);
                } else {
                    out.more_problems += 1;
                }
            }
            continue;
        }
        // After a problem (not skipped) nothing is written: only the problems are still sought.
        let emitting = options.skip_invalid || out.problems.is_empty();
        for e in entities {
            if seen_entities.contains_key(&e.id) {
                continue;
            }
            seen_entities.insert(e.id.clone(), (row, e.clone()));
            if emitting && out.sink_error.is_none() {
                let located = Located {
                    item: e,
                    file: out.origin.clone(),
                    line: position,
                    citation_lines: Vec::new(),
                };
                if let Err(e) = sink.entity(located) {
                    out.sink_error = Some(e);
                }
            }
        }
        for (c, (key, digest)) in claims.into_iter().zip(digests) {
            if out.claims.0.contains_key(&key) {
                continue;
            }
            out.claims.0.insert(key, (row, digest));
            if emitting && out.sink_error.is_none() {
                let located = Located {
                    item: c,
                    file: out.origin.clone(),
                    line: position,
                    citation_lines: vec![position],
                };
                if let Err(e) = sink.claim(located) {
                    out.sink_error = Some(e);
                }
            }
        }
    }
    progress(skipped_bytes + csv.position().byte());
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

/// The column to name in a message when one field made the value.
fn single_column<'a>(
    fields: &[usize],
    column_of: &dyn Fn(usize) -> Option<&'a str>,
) -> Option<&'a str> {
    match fields {
        [one] => column_of(*one),
        _ => None,
    }
}

/// A number as tables write it: `17035551`, `4.6`, `-3`, `4.6e6`.
fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The record as text, fields joined by the delimiter (the default quote).
fn record_text(record: &csv::StringRecord, delimiter: u8) -> String {
    record
        .iter()
        .collect::<Vec<_>>()
        .join(&(delimiter as char).to_string())
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

/// What is wrong with a header row: two columns of one name (a mapping could not say which
/// it means), or a name holding a control character.
fn header_problems(headers: &csv::StringRecord) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(problem) = crate::data::text::cell_problem(h) {
            problems.push(format!("column {}: the name {problem}", i + 1));
            continue;
        }
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(h) {
            problems.push(format!(
                "columns {} and {} are both named `{}`; give each column its own name",
                first + 1,
                i + 1,
                cut(h)
            ));
        } else {
            seen.insert(h, i);
        }
    }
    problems
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// A problem with a date: the field to name and what is wrong.
type DateProblem = (Option<usize>, String);

/// The valid time a row gives.
fn when_of(spec: &WhenSpec, values: &[String]) -> Result<When, DateProblem> {
    let edtf = match spec {
        WhenSpec::Text(t) => {
            let text = t.fill(values);
            return When::parse(&text).map_err(|e| {
                (
                    t.field_indexes().first().copied(),
                    format!(
                        "`{}` is not a valid EDTF date ({}); expected a year such as 2013 or a \
                         date such as 2013-06-14",
                        cut(&text),
                        e.to_string().replace(&text, &cut(&text))
                    ),
                )
            });
        }
        WhenSpec::Date(parts) => match date_of(parts, values)? {
            Some(d) => d,
            None => {
                return Err((
                    Some(parts.year),
                    "year 0 or empty: the date is unknown; expected a year such as 1992".into(),
                ));
            }
        },
        WhenSpec::Interval {
            start,
            end,
            end_zero,
        } => {
            let from = date_of(start, values)?.unwrap_or_default();
            let to = match date_of(end, values)? {
                Some(d) => d,
                None => match end_zero {
                    EndZero::Open => "..".to_string(),
                    EndZero::Unknown => String::new(),
                },
            };
            if from.is_empty() && to.is_empty() {
                return Err((
                    Some(start.year),
                    "neither the start nor the end year is known; expected a year".into(),
                ));
            }
            format!("{from}/{to}")
        }
    };
    When::parse(&edtf).map_err(|e| {
        let field = match spec {
            WhenSpec::Date(p) => Some(p.day.unwrap_or(p.year)),
            WhenSpec::Interval { start, .. } => Some(start.year),
            WhenSpec::Text(_) => None,
        };
        (
            field,
            format!(
                "the date `{}` is not valid ({}); check the day and month",
                cut(&edtf),
                e.to_string().replace(&edtf, &cut(&edtf))
            ),
        )
    })
}

/// An EDTF date from year, month and day fields, or `None` when the year is 0 or empty. A
/// month or day of 0 (or empty) is unknown and lowers the precision.
fn date_of(parts: &DateParts, values: &[String]) -> Result<Option<String>, DateProblem> {
    let number = |i: usize, what: &str, max: i64| -> Result<i64, DateProblem> {
        let text = values[i].trim();
        if text.is_empty() {
            return Ok(0);
        }
        let n: i64 = text.parse().map_err(|_| {
            (
                Some(i),
                format!(
                    "`{}` is not a {what}; expected a whole number (0 = unknown)",
                    cut(text)
                ),
            )
        })?;
        if !(0..=max).contains(&n) {
            return Err((
                Some(i),
                format!("{n} is not a {what}; expected 1 to {max}, or 0 for unknown"),
            ));
        }
        Ok(n)
    };
    let year = number(parts.year, "year", 9999)?;
    if year == 0 {
        return Ok(None);
    }
    let month = parts.month.map(|i| number(i, "month", 12)).transpose()?;
    let day = parts.day.map(|i| number(i, "day", 31)).transpose()?;
    Ok(Some(match (month, day) {
        (Some(m), Some(d)) if m > 0 && d > 0 => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), _) if m > 0 => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    }))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> DateParts {
        DateParts {
            year: 0,
            month: Some(1),
            day: Some(2),
        }
    }

    fn values(y: &str, m: &str, d: &str) -> Vec<String> {
        vec![y.into(), m.into(), d.into()]
    }

    #[test]
    fn zero_month_or_day_lowers_the_precision() {
        assert_eq!(
            date_of(&parts(), &values("1992", "5", "15")).unwrap(),
            Some("1992-05-15".into())
        );
        assert_eq!(
            date_of(&parts(), &values("1992", "5", "0")).unwrap(),
            Some("1992-05".into())
        );
        assert_eq!(
            date_of(&parts(), &values("1992", "0", "15")).unwrap(),
            Some("1992".into())
        );
        assert_eq!(date_of(&parts(), &values("0", "0", "0")).unwrap(), None);
        assert_eq!(date_of(&parts(), &values("", "", "")).unwrap(), None);
        let (field, message) = date_of(&parts(), &values("1992", "13", "1")).unwrap_err();
        assert_eq!(field, Some(1));
        assert!(message.contains("13 is not a month"), "{message}");
    }

    #[test]
    fn an_interval_with_an_unknown_exit_is_open_or_unknown() {
        let end = DateParts {
            year: 3,
            month: Some(4),
            day: Some(5),
        };
        let row: Vec<String> = ["2002", "10", "7", "0", "0", "0"]
            .map(String::from)
            .to_vec();
        let spec = |end_zero| WhenSpec::Interval {
            start: parts(),
            end: end.clone(),
            end_zero,
        };
        assert_eq!(
            when_of(&spec(EndZero::Open), &row).unwrap().as_str(),
            "2002-10-07/.."
        );
        assert_eq!(
            when_of(&spec(EndZero::Unknown), &row).unwrap().as_str(),
            "2002-10-07/"
        );
        let mut closed = row.clone();
        closed[3] = "2012".into();
        closed[4] = "6".into();
        assert_eq!(
            when_of(&spec(EndZero::Open), &closed).unwrap().as_str(),
            "2002-10-07/2012-06"
        );
        // An exit before the entry is refused with the date shown.
        closed[3] = "1999".into();
        let (_, message) = when_of(&spec(EndZero::Open), &closed).unwrap_err();
        assert!(message.contains("2002-10-07/1999-06"), "{message}");
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert_eq!(parse_number("17035551"), Some(17_035_551.0));
        assert_eq!(parse_number(" 4.6e6 "), Some(4_600_000.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("1,234"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
    }
}
