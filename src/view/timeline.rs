//! A timeline that reads as a briefing: documents first, each reference series one line.
//!
//! A dataset row is a claim cited only from sources of kind `dataset` (a row of a table read by
//! a mapping: the World Bank's population, ATOP's alliance members). The human formats (table,
//! markdown, html, svg) show the figures of one reference series — one dataset, subject,
//! predicate, qualifiers and unit — as one line at the time of its first point: its range, where
//! it starts and ends, its lowest and highest point when they lie between, and its trend
//! ([`collapse_series`]). Each document figure keeps the series' value for its time beside it.
//! The machine formats (json, jsonl, csv, timelinejs) keep every row and every exact value, and
//! mark dataset rows (`dataset: true`).
//!
//! [`Batch`] gives streamed entries their series values a thousand at a time; [`Places`]
//! marks what happened in the places of an entity asked for ("in Aktobe, Kazakhstan").

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use rusqlite::Connection;

use crate::db::ready::ReadyRow;
use crate::model::{Citation, Method, SeriesValue, Value, format_amount};
use crate::time::When;
use crate::view::{TimelineEntry, Vocabulary};

/// Which kind of source a read keeps: claims documents give, dataset rows, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceKind {
    /// Claims with at least one citation of a source that is not a dataset.
    Documents,
    /// Claims cited only from datasets (rows of tables read by a mapping).
    Datasets,
}

/// What one line of a collapsed reference series stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesSummary {
    /// The dataset's source id.
    pub source: String,
    /// How many rows (claims) the line stands for.
    pub points: usize,
    /// The first and last claim ids, in timeline order.
    pub first: String,
    pub last: String,
}

/// One point of a series being collapsed.
struct Point {
    amount: f64,
    when: String,
}

/// A series being collapsed: its points so far, and its first and last rows.
struct Series {
    unit: String,
    points: Vec<Point>,
    first: TimelineEntry,
    last: TimelineEntry,
}

/// The entries with each reference series (dataset rows of figures with the same dataset,
/// subject, predicate, qualifiers and unit) as one line where its first point stood. Other
/// entries, dataset rows that are not figures among them, are kept as they are. One pass; the
/// memory held is one line per series beside the entries.
pub fn collapse_series(entries: Vec<TimelineEntry>, vocabulary: &Vocabulary) -> Vec<TimelineEntry> {
    /// An entry kept as it is, or the place of a series' line.
    enum Slot {
        Entry(Box<TimelineEntry>),
        Series(usize),
    }
    let mut series = SeriesLines::default();
    let mut slots = Vec::with_capacity(entries.len());
    for e in entries {
        match series.gather(e) {
            Gathered::Not(e) => slots.push(Slot::Entry(e)),
            Gathered::New(i) => slots.push(Slot::Series(i)),
            Gathered::More => {}
        }
    }
    let mut lines = series.lines(vocabulary);
    slots
        .into_iter()
        .filter_map(|slot| match slot {
            Slot::Entry(e) => Some(*e),
            Slot::Series(i) => lines.take(i).cloned(),
        })
        .collect()
}

/// What [`SeriesLines::gather`] did with an entry.
pub enum Gathered {
    /// Not a row of a reference series: given back.
    Not(Box<TimelineEntry>),
    /// The first row of series `i`: its line goes where this entry stood.
    New(usize),
    /// A later row of a series.
    More,
}

/// The reference series of a timeline, gathered from its entries in timeline order: each
/// series' points and its first and last rows, by key. [`collapse_series`] gathers and places
/// them in one pass over entries in memory; a streamed output gathers them in a first pass
/// over the claims and places each line in a second ([`SeriesLines::index_of`]), holding only
/// the series.
#[derive(Default)]
pub struct SeriesLines {
    series: Vec<Series>,
    by_key: HashMap<String, usize>,
}

impl SeriesLines {
    /// The series key of a dataset row of a figure, with its figure.
    fn key_of(e: &TimelineEntry) -> Option<(String, &crate::model::Quantity)> {
        let quantity = match (&e.value, e.dataset) {
            (Some(Value::Quantity(q)), true) => q,
            _ => return None,
        };
        let source = e.citations.first().map_or("", |c| c.source.as_str());
        let key = format!(
            "{source}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}",
            e.subject, e.predicate, e.qualifiers, quantity.unit
        );
        Some((key, quantity))
    }

    /// Adds `e` to its series, if it is a row of one.
    pub fn gather(&mut self, e: TimelineEntry) -> Gathered {
        let Some((key, quantity)) = Self::key_of(&e) else {
            return Gathered::Not(Box::new(e));
        };
        let point = Point {
            amount: quantity.amount,
            when: e.when_text.clone(),
        };
        match self.by_key.get(&key) {
            Some(&i) => {
                let s = &mut self.series[i];
                s.points.push(point);
                s.last = e;
                Gathered::More
            }
            None => {
                let i = self.series.len();
                let unit = quantity.unit.clone();
                self.by_key.insert(key, i);
                self.series.push(Series {
                    unit,
                    points: vec![point],
                    first: e.clone(),
                    last: e,
                });
                Gathered::New(i)
            }
        }
    }

    /// The series `e` belongs to, if it is a row of one gathered.
    pub fn index_of(&self, e: &TimelineEntry) -> Option<usize> {
        Self::key_of(e).and_then(|(key, _)| self.by_key.get(&key).copied())
    }

    /// Each series' line, by index: its first row alone for a series of one point, else the
    /// summary. The keys are kept for [`SeriesLines::index_of`].
    pub fn lines(&mut self, vocabulary: &Vocabulary) -> Lines {
        let lines: Vec<TimelineEntry> = std::mem::take(&mut self.series)
            .into_iter()
            .map(|s| {
                if s.points.len() == 1 {
                    s.first
                } else {
                    summary_line(s, vocabulary)
                }
            })
            .collect();
        Lines {
            given: vec![false; lines.len()],
            lines,
        }
    }
}

/// The lines of the reference series, each given out once.
pub struct Lines {
    lines: Vec<TimelineEntry>,
    given: Vec<bool>,
}

impl Lines {
    /// Makes every line new again, for another pass over the entries.
    pub fn reset(&mut self) {
        self.given.iter_mut().for_each(|g| *g = false);
    }

    /// The line of series `i`, the first time it is asked for.
    pub fn take(&mut self, i: usize) -> Option<&TimelineEntry> {
        let given = self.given.get_mut(i)?;
        if std::mem::replace(given, true) {
            return None;
        }
        self.lines.get(i)
    }

    /// Every line.
    pub fn iter(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.lines.iter()
    }

    /// Puts in the series values of the lines that are a single row (see [`with_series`]),
    /// for a first pass that read its entries without them; a summary line has none.
    pub fn with_series(&mut self, conn: &Connection) -> Result<()> {
        with_series(conn, &mut self.lines)
    }
}

/// The one line of a series of at least two points.
fn summary_line(s: Series, vocabulary: &Vocabulary) -> TimelineEntry {
    let Series {
        unit,
        points,
        first,
        last,
        ..
    } = s;
    let unit = match unit.as_str() {
        "percent" => "%".to_string(),
        "" => String::new(),
        u => format!(" {u}"),
    };
    let figure = |p: &Point| format!("{}{unit}", format_amount(p.amount));
    let (start, end) = (&points[0], &points[points.len() - 1]);
    let low = points
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.amount.total_cmp(&b.1.amount))
        .map_or(0, |(i, _)| i);
    let high = points
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.amount.total_cmp(&b.1.amount))
        .map_or(0, |(i, _)| i);
    let change = if start.amount == 0.0 {
        end.amount - start.amount
    } else {
        (end.amount - start.amount) / start.amount.abs()
    };
    let trend = if change.abs() < 0.01 {
        "about level"
    } else if change > 0.0 {
        "rising"
    } else {
        "falling"
    };
    let mut between = Vec::new();
    let inner = |i: usize| i != 0 && i != points.len() - 1;
    if inner(low) {
        between.push(format!(
            "lowest {} in {}",
            figure(&points[low]),
            points[low].when
        ));
    }
    if inner(high) {
        between.push(format!(
            "highest {} in {}",
            figure(&points[high]),
            points[high].when
        ));
    }
    let subject = vocabulary.name(&first.subject);
    let predicate = vocabulary
        .predicates
        .get(&first.predicate)
        .map_or(first.predicate.as_str(), |p| p.label.as_str());
    let qualifiers: Vec<String> = first
        .qualifiers
        .iter()
        .map(|(k, ids)| {
            let names: Vec<&str> = ids.iter().map(|id| vocabulary.name(id)).collect();
            format!("{k} {}", names.join(" and "))
        })
        .collect();
    let scope = if qualifiers.is_empty() {
        String::new()
    } else {
        format!(" ({})", qualifiers.join(", "))
    };
    let source = first
        .citations
        .first()
        .map_or(String::new(), |c| c.source.clone());
    let title = vocabulary.datasets.get(&source).unwrap_or(&source);
    let mut label = format!(
        "{subject} {predicate}{scope}: {} in {} to {} in {}, {trend}",
        figure(start),
        start.when,
        figure(end),
        end.when
    );
    if !between.is_empty() {
        label.push_str(&format!(" ({})", between.join(", ")));
    }
    label.push_str(&format!(
        "; series {title}, {} figures",
        crate::words::number(points.len() as f64, crate::words::Millions::Tenths)
    ));
    let span = span(&first, &last);
    let citation = |e: &TimelineEntry| e.citations.first().cloned();
    let citations = match (citation(&first), citation(&last)) {
        (Some(a), Some(b)) => vec![Citation {
            source: a.source.clone(),
            quote: format!("{} … {}", a.quote, b.quote),
            locator: format!("{} … {}", a.locator, b.locator),
            method: Method::Dataset,
            credibility: a.credibility.max(b.credibility),
            extractor_score: None,
            curator: None,
        }],
        _ => first.citations.clone(),
    };
    let (when, when_text, earliest, latest, precision) = match span {
        Some(w) => (
            w.as_str().to_string(),
            w.human(),
            w.earliest().map(|d| d.to_string()),
            w.latest().map(|d| d.to_string()),
            w.precision().as_str().to_string(),
        ),
        None => (
            first.when.clone(),
            first.when_text.clone(),
            first.earliest.clone(),
            first.latest.clone(),
            first.precision.clone(),
        ),
    };
    TimelineEntry {
        claim: first.claim.clone(),
        when,
        when_text,
        earliest,
        latest,
        precision,
        label,
        value: None,
        rank: first.rank.clone(),
        note: None,
        citations,
        series: Vec::new(),
        summary: Some(SeriesSummary {
            source,
            points: points.len(),
            first: first.claim.clone(),
            last: last.claim.clone(),
        }),
        ..first
    }
}

/// The time from the first point's start to the last point's end: `1960/2024` for yearly
/// points, the days themselves otherwise; `None` when neither reads as EDTF.
fn span(first: &TimelineEntry, last: &TimelineEntry) -> Option<When> {
    let plain = |t: &str| !t.contains(['/', '[', '{', '~', '?', '%']);
    let edtf = if plain(&first.when) && plain(&last.when) {
        format!("{}/{}", first.when, last.when)
    } else {
        format!(
            "{}/{}",
            first.earliest.as_deref().unwrap_or(".."),
            last.latest.as_deref().unwrap_or("..")
        )
    };
    When::parse(&edtf).ok()
}

/// Entries held back until the reference series' values for a thousand of them are read in
/// one query: streamed outputs stay flat in memory without a query per claim.
pub struct Batch<'c> {
    conn: &'c Connection,
    entries: Vec<TimelineEntry>,
}

impl<'c> Batch<'c> {
    const SIZE: usize = 1000;

    pub fn new(conn: &'c Connection) -> Batch<'c> {
        Batch {
            conn,
            entries: Vec::with_capacity(Self::SIZE),
        }
    }

    /// Adds an entry; when the batch is full, gives back its entries with their series values.
    pub fn push(&mut self, entry: TimelineEntry) -> Result<Vec<TimelineEntry>> {
        self.entries.push(entry);
        if self.entries.len() < Self::SIZE {
            return Ok(Vec::new());
        }
        self.finish()
    }

    /// The entries held, with their series values.
    pub fn finish(&mut self) -> Result<Vec<TimelineEntry>> {
        let mut entries = std::mem::take(&mut self.entries);
        with_series(self.conn, &mut entries)?;
        Ok(entries)
    }
}

/// Ready rows held back, as [`Batch`] holds entries, until the reference series' values for a
/// thousand of them are read in one query.
pub struct ReadyBatch<'c> {
    conn: &'c Connection,
    rows: Vec<ReadyRow>,
}

impl<'c> ReadyBatch<'c> {
    const SIZE: usize = 1000;

    pub fn new(conn: &'c Connection) -> ReadyBatch<'c> {
        ReadyBatch {
            conn,
            rows: Vec::with_capacity(Self::SIZE),
        }
    }

    /// Adds a row; when the batch is full, gives back its rows with their series values.
    pub fn push(&mut self, row: ReadyRow) -> Result<Vec<(ReadyRow, Vec<SeriesValue>)>> {
        self.rows.push(row);
        if self.rows.len() < Self::SIZE {
            return Ok(Vec::new());
        }
        self.finish()
    }

    /// The rows held, each with its series values (empty for most).
    pub fn finish(&mut self) -> Result<Vec<(ReadyRow, Vec<SeriesValue>)>> {
        let rows = std::mem::take(&mut self.rows);
        let quantities: Vec<String> = rows
            .iter()
            .filter(|r| r.quantity)
            .map(|r| r.claim.clone())
            .collect();
        let mut series = if quantities.is_empty() {
            HashMap::new()
        } else {
            crate::db::series::values(self.conn, &quantities)?
        };
        Ok(rows
            .into_iter()
            .map(|r| {
                let values = series.remove(&r.claim).unwrap_or_default();
                (r, values)
            })
            .collect())
    }
}

/// A document's figure with the reference series' value for its time beside it.
pub fn with_series(conn: &Connection, entries: &mut [TimelineEntry]) -> Result<()> {
    let quantities: Vec<String> = entries
        .iter()
        .filter(|e| matches!(e.value, Some(crate::model::Value::Quantity(_))))
        .map(|e| e.claim.clone())
        .collect();
    if quantities.is_empty() {
        return Ok(());
    }
    let mut series = crate::db::series::values(conn, &quantities)?;
    for e in entries {
        if let Some(values) = series.remove(&e.claim) {
            e.series = values;
        }
    }
    Ok(())
}

/// The places in the entities asked for with --entity: their claims are shown too, marked with
/// the place.
#[derive(Debug, Default)]
pub struct Places {
    /// The entities asked for.
    asked: Vec<String>,
    /// Each place in them, with the entity it lies in directly.
    within: BTreeMap<String, String>,
}

impl Places {
    /// The places in the entities `asked` (the ids given with --entity), at any depth.
    pub fn of(conn: &Connection, asked: &[String]) -> Result<Places> {
        let mut places = Places::default();
        for id in asked {
            for (place, within) in crate::db::query::places_in(conn, id)? {
                places.within.insert(place, within);
            }
            places.asked.push(id.clone());
        }
        Ok(places)
    }

    /// True when no place lies in the entities asked for (or none was asked for).
    pub fn is_empty(&self) -> bool {
        self.within.is_empty()
    }

    /// The places, by id.
    pub fn places(&self) -> impl Iterator<Item = &str> {
        self.within.keys().map(String::as_str)
    }

    /// Marks an entry that involves a place and not the entity asked for.
    pub fn mark(&self, mut e: TimelineEntry, vocabulary: &Vocabulary) -> TimelineEntry {
        let entities: Vec<&str> = e.entities.iter().map(String::as_str).collect();
        if let Some(place) = self.place_in(&entities).map(str::to_string) {
            let place = &place;
            // "in Aktobe, Kazakhstan": the place and each larger one up to the entity asked.
            let mut words = vec![vocabulary.name(place).to_string()];
            let mut at = place;
            while let Some(up) = self.within.get(at) {
                words.push(vocabulary.name(up).to_string());
                if self.asked.contains(up) || words.len() > self.within.len() {
                    break;
                }
                at = up;
            }
            e.place_text = Some(format!("in {}", words.join(", ")));
            e.place = Some(place.clone());
        }
        e
    }

    /// The place through which an entry involving `entities` is shown: the first of them that
    /// lies in an entity asked for, when none of them is one asked for.
    pub fn place_in<'e>(&self, entities: &[&'e str]) -> Option<&'e str> {
        if self.within.is_empty() || entities.iter().any(|id| self.asked.iter().any(|a| a == id)) {
            return None;
        }
        entities
            .iter()
            .copied()
            .find(|id| self.within.contains_key(*id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::query::StoredClaim;
    use crate::model::{Claim, Predicate, Quantity, QuantityBound, ValueType};

    fn vocabulary() -> Vocabulary {
        let mut v = Vocabulary::default();
        v.names.insert("kz".into(), "Kazakhstan".into());
        v.predicates.insert(
            "population".into(),
            Predicate {
                id: "population".into(),
                label: "population".into(),
                value_type: ValueType::Quantity,
                unit: Some("persons".into()),
                functional: true,
                max_annual_change: None,
                typical_annual_change: None,
                change_unit: crate::model::ChangeUnit::Relative,
                comparable_within_days: None,
                once: false,
                template: None,
                description: None,
                cues: Vec::new(),
                state_change: None,
            },
        );
        v.datasets.insert("wb".into(), "Population, total".into());
        v
    }

    fn stored(id: &str, when: &str, amount: f64, source: &str) -> StoredClaim {
        StoredClaim {
            row_id: 0,
            claim: Claim {
                id: id.into(),
                subject: "kz".into(),
                predicate: "population".into(),
                value: Value::Quantity(Quantity {
                    amount,
                    lower: None,
                    upper: None,
                    unit: "persons".into(),
                    bound: QuantityBound::Exact,
                }),
                qualifiers: Default::default(),
                when: When::parse(when).unwrap(),
                note: None,
                citations: vec![Citation {
                    source: source.into(),
                    quote: format!("row {id}"),
                    locator: format!("Year {when}"),
                    method: Method::Dataset,
                    credibility: 2,
                    extractor_score: None,
                    curator: None,
                }],
            },
            origin: None,
            recorded_at: String::new(),
            retracted_at: None,
            rank: "normal".into(),
        }
    }

    #[test]
    fn a_series_is_one_line_where_it_starts_and_documents_stay() {
        let v = vocabulary();
        let entries: Vec<TimelineEntry> = [
            stored("wb-1990", "1990", 16_000_000.0, "wb"),
            stored("doc", "1991", 16_300_000.0, "paper"),
            stored("wb-1991", "1991", 15_000_000.0, "wb"),
            stored("wb-1992", "1992", 17_556_502.0, "wb"),
        ]
        .iter()
        .map(|s| v.entry(s))
        .collect();
        assert!(entries[0].dataset && !entries[1].dataset);
        let lines = collapse_series(entries, &v);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].when_text, "1990–1992");
        assert_eq!(
            lines[0].label,
            "Kazakhstan population: 16 million persons in 1990 to 17.6 million persons in 1992, \
             rising (lowest 15 million persons in 1991); series Population, total, 3 figures"
        );
        let summary = lines[0].summary.as_ref().unwrap();
        assert_eq!((summary.points, summary.last.as_str()), (3, "wb-1992"));
        assert_eq!(lines[0].citations[0].locator, "Year 1990 … Year 1992");
        assert_eq!(lines[1].claim, "doc");
    }

    #[test]
    fn a_series_of_one_point_is_that_point() {
        let v = vocabulary();
        let entries = vec![v.entry(&stored("wb-1990", "1990", 1.0, "wb"))];
        let lines = collapse_series(entries.clone(), &v);
        assert_eq!(lines[0].label, entries[0].label);
        assert!(lines[0].summary.is_none());
    }

    /// Rows of a dataset's series with figures of other sources between them, in timeline
    /// order.
    fn mixed(n: usize) -> Vec<StoredClaim> {
        (0..n)
            .map(|i| {
                let year = (1900 + i).to_string();
                match i % 3 {
                    0 => stored(&format!("wb-{i}"), &year, 1000.0 + i as f64, "wb"),
                    1 => stored(&format!("doc-{i}"), &year, 7.0, "paper"),
                    _ => stored(&format!("imf-{i}"), &year, 5.0 * i as f64, "imf"),
                }
            })
            .collect()
    }

    #[test]
    fn series_gathered_in_a_first_pass_are_placed_as_collapse_places_them() {
        let v = vocabulary();
        let stored = mixed(40);
        let entries: Vec<TimelineEntry> = stored.iter().map(|s| v.entry(s)).collect();
        let collapsed = collapse_series(entries.clone(), &v);
        let mut series = SeriesLines::default();
        for e in entries.clone() {
            series.gather(e);
        }
        let mut lines = series.lines(&v);
        let mut placed = Vec::new();
        for e in entries {
            match series.index_of(&e) {
                Some(i) => placed.extend(lines.take(i).cloned()),
                None => placed.push(e),
            }
        }
        let shown = |lines: &[TimelineEntry]| -> Vec<(String, String, String)> {
            lines
                .iter()
                .map(|e| (e.claim.clone(), e.when_text.clone(), e.label.clone()))
                .collect()
        };
        assert_eq!(shown(&placed), shown(&collapsed));
        // The dataset's 14 rows as one line, where its first stood, and the 26 others.
        assert_eq!(placed.len(), 1 + 26);
        assert_eq!(placed[0].summary.as_ref().map(|s| s.points), Some(14));
        assert!(placed[1..].iter().all(|e| e.summary.is_none()));
    }

    #[test]
    fn a_table_written_in_parts_is_one_table_with_every_row_in_order() {
        let v = vocabulary();
        let entries: Vec<TimelineEntry> = mixed(700).iter().map(|s| v.entry(s)).collect();
        let mut widths = crate::output::TableWidths::default();
        entries.iter().for_each(|e| widths.measure(e));
        let mut table = crate::output::TimelineTable::new(widths);
        let mut out = Vec::new();
        for e in &entries {
            table.row(&mut out, e).unwrap();
        }
        table.finish(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let count = |c: char| text.lines().filter(|l| l.starts_with(c)).count();
        // One top border, one line under the header, one bottom border.
        assert_eq!((count('┌'), count('╞'), count('└')), (1, 1, 1), "{text}");
        assert_eq!(text.matches("│ When").count(), 1);
        let at: Vec<usize> = entries
            .iter()
            .map(|e| text.find(&format!("id {} ", e.claim)).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]));
        let width = text.lines().next().unwrap().chars().count();
        assert!(text.lines().all(|l| l.chars().count() == width));
    }

    #[test]
    fn a_markdown_briefing_written_an_entry_at_a_time_keeps_its_footnotes_for_the_end() {
        let v = vocabulary();
        let mut rows = mixed(5);
        rows[1].claim.citations[0].quote = "bell \u{7} and \u{85} here".into();
        let entries: Vec<TimelineEntry> = rows.iter().map(|s| v.entry(s)).collect();
        let source = |id: &str| crate::model::Source {
            title: format!("Title of {id}"),
            ..crate::model::Source::for_tests(id, "report", "B")
        };
        let sources: BTreeMap<String, crate::model::Source> = ["imf", "paper", "unused", "wb"]
            .into_iter()
            .map(|id| (id.to_string(), source(id)))
            .collect();
        let mut out = Vec::new();
        let mut md = crate::output::MarkdownTimeline::begin(&mut out, "T", "five claims").unwrap();
        for e in &entries {
            md.entry(&mut out, e).unwrap();
        }
        md.finish(&mut out, &sources).unwrap();
        let text = String::from_utf8(out).unwrap();
        let bullets = text.lines().filter(|l| l.starts_with("- **1")).count();
        assert_eq!(bullets, 5, "{text}");
        // The sources cited, in id order, after the bullets; an uncited one left out.
        let listed: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("- **").filter(|l| !l.starts_with('1')))
            .collect();
        assert_eq!(listed.len(), 3, "{text}");
        assert!(listed[0].starts_with("imf**") && listed[2].starts_with("wb**"));
        let notes: Vec<&str> = text.lines().filter(|l| l.starts_with("[^")).collect();
        assert_eq!(notes.len(), 5);
        assert!(
            notes
                .iter()
                .enumerate()
                .all(|(i, n)| n.starts_with(&format!("[^{}]: ", i + 1)))
        );
        // Control characters in a quote are shown, not sent to the terminal.
        assert!(
            notes[1].contains("bell \\u{7} and \\u{85} here"),
            "{}",
            notes[1]
        );
        assert!(text.find("## Sources").unwrap() < text.find("[^1]:").unwrap());
    }
}
