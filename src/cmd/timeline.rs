//! `factline timeline`: the claims in chronological order, filtered, in any output format.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::Connection;

use crate::cli::{Format, OutFile};
use crate::cmd::Database;
use crate::db::query::{self, Filter};
use crate::db::ready::{self, ReadyRow};
use crate::exit::Exit;
use crate::model::SeriesValue;
use crate::output;
use crate::output::TableWidths;
use crate::output::stream::JsonArray;
use crate::text::nearest;
use crate::time::{self, When};
use crate::view::chart::{ChartContext, ChartGroups, FigureChart};
use crate::view::timeline::{Batch, Gathered, Lines, Places, ReadyBatch, SeriesLines, SourceKind};
use crate::view::{TimelineEntry, Vocabulary, write_ready_line};
use crate::words::plural;

/// Print the claims in chronological order, filtered, as a table, briefing, data or chart.
///
/// Order: earliest possible start first, an open start at its latest possible day (`../2032`,
/// "until 2032", among the end of 2032, not before every date), then latest possible end (an
/// open end such as `2006/..` after any date), then coarser precision
/// first (a year before a month within it), then the EDTF text and the claim id. Dates are
/// shown no more precisely than their sources give them: `1994`, `2009–2011`, `until 2032`.
///
/// Filters combine: a claim is shown when it passes every one given. Deprecated claims (ranked
/// so by `factline resolve`) are hidden unless --rank asks for them.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Time window (--from/--to): a claim is shown when its possible span overlaps the window. --from
2009 starts the window on 2009-01-01 and --to 2011 ends it on 2011-12-31. A claim with an open
start (../2032) reaches back indefinitely, so it overlaps every window that begins before its
end; one with an open end (2006/..) overlaps every window that ends after its start; 2013 or
later ([2013..]) likewise.

Examples:
  factline timeline --entity Kazakhstan --from 2005 --to 2012
  factline timeline --between Russia Kazakhstan --format markdown > briefing.md
  factline timeline --predicate population --format csv > population.csv
  factline timeline --source rousseau-2011 --min-credibility 2
  factline timeline --as-known-at 2026-11-01 --format json
  factline timeline --format html > timeline.html
  factline timeline --format svg --group-by subject > timeline.svg")]
pub struct Args {
    /// Output format.
    #[arg(long, default_value_t = Format::Table, value_parser = Format::parser(FORMATS))]
    pub format: Format,

    /// Only claims involving this entity as subject, object or qualifier (id or any of its
    /// names, case and accents ignored). Repeat for claims involving any of several.
    #[arg(long = "entity", value_name = "NAME")]
    pub entities: Vec<String>,

    /// Only claims involving both entities.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub between: Option<Vec<String>>,

    /// Only claims whose possible span reaches this EDTF date or later (see below).
    #[arg(long, value_name = "EDTF")]
    pub from: Option<String>,

    /// Only claims whose possible span begins by this EDTF date (see below).
    #[arg(long, value_name = "EDTF")]
    pub to: Option<String>,

    /// Only claims with this predicate (repeatable), e.g. population, signed.
    #[arg(long = "predicate", value_name = "ID")]
    pub predicates: Vec<String>,

    /// Only claims whose subject is an entity of this kind (repeatable), e.g. agreement.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,

    /// Only claims cited from this source (repeatable).
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,

    /// Only claims documents give (a citation of a source that is not a dataset), or only
    /// dataset rows (claims cited only from datasets: World Bank, ATOP …).
    #[arg(long, value_enum, value_name = "KIND")]
    pub source_kind: Option<SourceKind>,

    /// Every row of each reference series in the table, markdown, html and svg outputs; by
    /// default a series (a dataset's figures for one subject) is one line: its range and trend.
    /// The json, jsonl, csv and timelinejs outputs always keep every row.
    #[arg(long)]
    pub full_series: bool,

    /// Only claims with a citation at least this credible: 1 (confirmed) … 6 (cannot be
    /// judged); 2 keeps credibility 1 and 2.
    #[arg(long, value_name = "1-6", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub min_credibility: Option<u8>,

    /// Claims of these ranks (repeatable): preferred, normal, deprecated, or all.
    /// Default: preferred and normal.
    #[arg(long = "rank", value_enum, value_name = "RANK")]
    pub ranks: Vec<Rank>,

    /// The timeline as the database held it at this instant (2026-11-01 means the end of
    /// that day, UTC; or an RFC 3339 time): claims recorded by then and not yet retracted.
    #[arg(long, value_name = "DATE")]
    pub as_known_at: Option<String>,

    /// Lanes of the svg chart, groups of the timelinejs output (which leaves events ungrouped
    /// beyond 8 groups, as TimelineJS cannot show more) and the group named beside each html
    /// entry: by subject or predicate [default: predicate].
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupBy>,

    /// Title of the markdown, html, svg and timelinejs outputs [default: Timeline].
    #[arg(long)]
    pub title: Option<String>,

    /// CSV cells exactly as stored, for programs that read the CSV: without it, a cell that
    /// starts with =, +, -, @, tab or carriage return (and is not a number) gets a leading '
    /// so that a spreadsheet does not run it as a formula. Control characters other than tab
    /// and newline are written as escapes (\u{1b}) either way.
    #[arg(long)]
    pub csv_raw: bool,

    #[command(flatten)]
    pub output: OutFile,

    /// Words after `timeline` (`factline timeline kazakhstan`): not a filter, but taken so
    /// that the error can say which option was meant.
    #[arg(hide = true, value_name = "WORDS")]
    pub words: Vec<String>,
}

/// The formats `timeline` writes.
pub const FORMATS: &[Format] = &[
    Format::Table,
    Format::Markdown,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Timelinejs,
    Format::Html,
    Format::Svg,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Rank {
    Preferred,
    Normal,
    Deprecated,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Subject,
    Predicate,
}

/// The formats `--title` titles.
const TITLED: &[Format] = &[
    Format::Markdown,
    Format::Timelinejs,
    Format::Html,
    Format::Svg,
];

/// The formats that show a reference series as one line (unless --full-series).
const HUMAN: &[Format] = &[Format::Table, Format::Markdown, Format::Html, Format::Svg];

/// The formats `--group-by` groups.
const GROUPED: &[Format] = &[Format::Timelinejs, Format::Html, Format::Svg];

pub fn run(db: &Database, args: &Args, out: &mut dyn Write) -> Result<Exit> {
    if !args.words.is_empty() {
        bail!("{}", words_refused(&args.words));
    }
    // An option the format would ignore is a mistake worth saying, before anything is read.
    let format = args.format;
    format.refuse_unless("--title", args.title.is_some(), TITLED)?;
    format.refuse_unless("--group-by", args.group_by.is_some(), GROUPED)?;
    format.refuse_unless("--csv-raw", args.csv_raw, &[Format::Csv])?;
    format.refuse_unless("--full-series", args.full_series, HUMAN)?;
    // Names, sources and decisions as known then too (see `db::asof`).
    let conn = db.read_known_at(&super::KnownAt {
        as_known_at: args.as_known_at.clone(),
    })?;
    let vocabulary = Vocabulary::read(conn)?;
    let (filter, places) = resolve(conn, &vocabulary, args)?;
    let ranks = ranks(&args.ranks);
    let shown = |s: &query::StoredClaim| ranks.contains(&s.rank.as_str());
    let entry = |s: &query::StoredClaim| places.mark(vocabulary.entry(s), &vocabulary);
    match args.format {
        // Written as rows arrive: memory does not grow with the number of claims.
        // Rows stored ready to print (`claim_ready`): the rank, dataset flag, series values and
        // place are put in; nothing else is computed per row.
        Format::Jsonl => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let mut batch = ReadyBatch::new(conn);
                let write = |out: &mut dyn Write, rows: Vec<(ReadyRow, Vec<SeriesValue>)>| {
                    for (row, series) in rows {
                        let place = if places.is_empty() {
                            None
                        } else {
                            let entities: Vec<&str> = row.entities().collect();
                            places.place_in(&entities).map(str::to_string)
                        };
                        let dataset = vocabulary.is_dataset_ready(&row);
                        write_ready_line(out, &row, dataset, &series, place.as_deref())?;
                    }
                    anyhow::Ok(())
                };
                ready::timeline_ready_each(conn, &filter, &mut |row| {
                    if ranks.contains(&row.rank.as_str()) {
                        write(out, batch.push(row)?)?;
                    }
                    Ok(())
                })?;
                write(out, batch.finish()?)?;
                Ok(())
            })?
        }
        Format::Csv => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let cells = if args.csv_raw {
                    output::Cells::Raw
                } else {
                    output::Cells::Guarded
                };
                let mut csv = output::TimelineCsv::new(out, cells)?;
                let mut batch = Batch::new(conn);
                query::timeline_each(conn, &filter, &mut |s| {
                    if shown(&s) {
                        for e in batch.push(entry(&s))? {
                            csv.write(&e)?;
                        }
                    }
                    Ok(())
                })?;
                for e in batch.finish()? {
                    csv.write(&e)?;
                }
                Ok(csv.finish()?)
            })?
        }
        // `{"entries": [...]}` written an entry at a time, in the pretty printer's bytes.
        Format::Json => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                out.write_all(b"{\n  \"entries\": ")?;
                let mut array = JsonArray::new(1);
                let mut batch = Batch::new(conn);
                query::timeline_each(conn, &filter, &mut |s| {
                    if shown(&s) {
                        for e in batch.push(entry(&s))? {
                            array.item(out, &e)?;
                        }
                    }
                    Ok(())
                })?;
                for e in batch.finish()? {
                    array.item(out, &e)?;
                }
                array.finish(out)?;
                out.write_all(b"\n}\n")?;
                Ok(())
            })?
        }
        // Two passes over the claims, in the command's one read transaction: the first
        // measures the columns and gathers the reference series, the second writes the rows,
        // each series as one line where its first row stands. Memory holds the series only.
        Format::Table => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let mut widths = TableWidths::default();
                let mut series = SeriesLines::default();
                // Series values are in no measured column: the first pass reads none.
                query::timeline_each(conn, &filter, &mut |s| {
                    if !shown(&s) {
                        return Ok(());
                    }
                    let e = entry(&s);
                    if args.full_series {
                        widths.measure(&e);
                    } else if let Gathered::Not(e) = series.gather(e) {
                        widths.measure(&e);
                    }
                    Ok(())
                })?;
                let mut lines = series.lines(&vocabulary);
                lines.with_series(conn)?;
                for line in lines.iter() {
                    widths.measure(line);
                }
                let mut table = output::TimelineTable::new(widths);
                each_entry(conn, &filter, &shown, &entry, &mut |e| {
                    match series.index_of(&e) {
                        // A series' first row stands for its line; its later rows are in it.
                        Some(i) => {
                            if let Some(line) = lines.take(i) {
                                table.row(out, line)?;
                            }
                        }
                        None => table.row(out, &e)?,
                    }
                    Ok(())
                })?;
                table.finish(out)?;
                Ok(())
            })?
        }
        // Two passes as for the table: the first counts the lines (the description says how
        // many) and gathers the series; the second writes the bullets, the footnotes kept in
        // a temporary file until the sources are listed. Series values are not shown.
        Format::Markdown => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let mut series = SeriesLines::default();
                let mut count = 0;
                query::timeline_each(conn, &filter, &mut |s| {
                    if !shown(&s) {
                        return Ok(());
                    }
                    if args.full_series || matches!(series.gather(entry(&s)), Gathered::Not(_)) {
                        count += 1;
                    }
                    Ok(())
                })?;
                let mut lines = series.lines(&vocabulary);
                count += lines.iter().count();
                let title = args.title.clone().unwrap_or_else(|| "Timeline".to_string());
                let mut md = output::MarkdownTimeline::begin(out, &title, &describe(args, count))?;
                each_line(
                    conn,
                    &filter,
                    (&shown, &entry),
                    (&series, &mut lines),
                    &mut |e| Ok(md.entry(out, e)?),
                )?;
                let sources: BTreeMap<_, _> = query::sources(conn)?.into_iter().collect();
                md.finish(out, &sources)?;
                Ok(())
            })?
        }
        // Three passes, in the command's one read transaction: the first counts the lines,
        // gathers the series and finds the groups a series covers; the second (only when one
        // does) keeps those groups' document figures; the third writes the page, each series
        // as one line where its first row stands. Memory holds the series and the charts.
        Format::Html => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let Charted {
                    series,
                    mut lines,
                    charts,
                    count,
                } = charted(conn, &filter, (&shown, &entry), args, &vocabulary)?;
                let sources: BTreeMap<_, _> = query::sources(conn)?.into_iter().collect();
                let title = args.title.clone().unwrap_or_else(|| "Timeline".to_string());
                let mut page = output::HtmlTimeline::begin(
                    out,
                    &title,
                    &describe(args, count),
                    count,
                    &charts,
                )?;
                each_line(
                    conn,
                    &filter,
                    (&shown, &entry),
                    (&series, &mut lines),
                    &mut |e| {
                        let group = group_of(e, args, &vocabulary);
                        Ok(page.entry(out, e, &group, &vocabulary.names, &sources)?)
                    },
                )?;
                page.finish(out, &sources)?;
                Ok(())
            })?
        }
        // Two passes: the first counts the entries and their lanes (events carry their lane
        // only when there are few), the second writes the events.
        Format::Timelinejs => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let mut count = 0;
                let mut lanes: HashSet<String> = HashSet::new();
                query::timeline_each(conn, &filter, &mut |s| {
                    if shown(&s) {
                        count += 1;
                        if lanes.len() <= output::MAX_GROUPS {
                            lanes.insert(group_of(&entry(&s), args, &vocabulary));
                        }
                    }
                    Ok(())
                })?;
                let sources: BTreeMap<_, _> = query::sources(conn)?.into_iter().collect();
                let title = args.title.clone().unwrap_or_else(|| "Timeline".to_string());
                let mut document = output::TimelineJs::begin(
                    out,
                    &title,
                    &describe(args, count),
                    lanes.len() <= output::MAX_GROUPS,
                )?;
                query::timeline_each(conn, &filter, &mut |s| {
                    if shown(&s) {
                        let e = entry(&s);
                        document.entry(out, &e, &group_of(&e, args, &vocabulary), &sources)?;
                    }
                    Ok(())
                })?;
                document.finish(out)?;
                Ok(())
            })?
        }
        // Four passes: the first gathers the series and finds the groups a series covers,
        // the second (only when one does) keeps their document figures; the charts drawn,
        // the third counts each lane's rows and the years they reach, and the fourth draws
        // the rows into a temporary file, from which each lane's rows are copied after its
        // name. Memory holds the series, the charts and where each row was drawn.
        Format::Svg => {
            crate::cmd::write_data(out, args.output.out.as_deref(), &db.protected(), |out| {
                let Charted {
                    series,
                    mut lines,
                    charts,
                    count,
                } = charted(conn, &filter, (&shown, &entry), args, &vocabulary)?;
                let charted = output::SvgTimeline::charted(&charts);
                let mut lanes = output::SvgLanes::default();
                // The lines drawn on a chart have no row.
                each_line(
                    conn,
                    &filter,
                    (&shown, &entry),
                    (&series, &mut lines),
                    &mut |e| {
                        if !output::SvgTimeline::on_chart(&charted, e) {
                            lanes.add(e, &group_of(e, args, &vocabulary));
                        }
                        Ok(())
                    },
                )?;
                let title = args.title.clone().unwrap_or_else(|| "Timeline".to_string());
                let mut svg = output::SvgTimeline::begin(
                    out,
                    &title,
                    &describe(args, count),
                    &charts,
                    &lanes,
                )?;
                // Each row's place in the temporary file, by lane.
                let mut drawn = output::stream::Spool::new()?;
                let mut rows: Vec<Vec<(u64, u64)>> = vec![Vec::new(); lanes.len()];
                each_line(
                    conn,
                    &filter,
                    (&shown, &entry),
                    (&series, &mut lines),
                    &mut |e| {
                        if output::SvgTimeline::on_chart(&charted, e) {
                            return Ok(());
                        }
                        let Some(lane) = lanes.lane_of(&group_of(e, args, &vocabulary)) else {
                            return Ok(());
                        };
                        let start = drawn.position();
                        svg.entry(&mut drawn, e, lane)?;
                        if let Some(rows) = rows.get_mut(lane) {
                            rows.push((start, drawn.position() - start));
                        }
                        Ok(())
                    },
                )?;
                let mut drawn = drawn.into_reader()?;
                for (lane, rows) in rows.iter().enumerate() {
                    svg.lane(out, lane)?;
                    for &(at, len) in rows {
                        drawn.copy(at, len, out)?;
                    }
                }
                svg.finish(out)?;
                Ok(())
            })?
        }
        // A format `timeline` does not write.
        other => return Err(other.unsupported(FORMATS)),
    }
    Ok(Exit::Ok)
}

/// How a stored claim is shown: whether it is (its rank), and as which entry.
type Shown<'a> = (
    &'a dyn Fn(&query::StoredClaim) -> bool,
    &'a dyn Fn(&query::StoredClaim) -> TimelineEntry,
);

/// Calls `f` with every line of a human timeline in order: each entry `shown` keeps, and each
/// reference series of `series` as its one line where its first row stands (`lines` gives each
/// once, then is made new again for another pass). Series values are not read.
fn each_line(
    conn: &Connection,
    filter: &query::Filter,
    (shown, entry): Shown,
    (series, lines): (&SeriesLines, &mut Lines),
    f: &mut dyn FnMut(&TimelineEntry) -> Result<()>,
) -> Result<()> {
    query::timeline_each(conn, filter, &mut |s| {
        if !shown(&s) {
            return Ok(());
        }
        let e = entry(&s);
        match series.index_of(&e) {
            Some(i) => match lines.take(i) {
                Some(line) => f(line),
                None => Ok(()),
            },
            None => f(&e),
        }
    })?;
    lines.reset();
    Ok(())
}

/// What the formats that draw charts read before they write: the reference series (each one
/// line, unless `--full-series`), the charts of the groups a series covers, and how many lines
/// the timeline shows.
struct Charted {
    series: SeriesLines,
    lines: Lines,
    charts: Vec<FigureChart>,
    count: usize,
}

/// The first passes of the HTML page and the SVG chart: the first gathers the series, counts
/// the lines and finds the groups a series covers (series values are read: they say which);
/// the second, only when a group has a series, keeps those groups' document figures; then
/// the charts are drawn.
fn charted(
    conn: &Connection,
    filter: &query::Filter,
    (shown, entry): Shown,
    args: &Args,
    vocabulary: &Vocabulary,
) -> Result<Charted> {
    let mut series = SeriesLines::default();
    let mut groups = ChartGroups::default();
    let mut count = 0;
    each_entry(conn, filter, shown, entry, &mut |e| {
        groups.observe(&e);
        if args.full_series || matches!(series.gather(e), Gathered::Not(_)) {
            count += 1;
        }
        Ok(())
    })?;
    let lines = series.lines(vocabulary);
    count += lines.iter().count();
    if groups.any() {
        each_entry(conn, filter, shown, entry, &mut |e| {
            groups.figure(&e);
            Ok(())
        })?;
    }
    let sources = query::sources(conn)?;
    let rules = query::rules(conn)?;
    let ctx = ChartContext {
        vocabulary,
        sources: &sources,
        rules: &rules,
    };
    let charts = groups.charts(conn, &ctx)?;
    Ok(Charted {
        series,
        lines,
        charts,
        count,
    })
}

/// Calls `f` with every entry of the timeline `filter` selects that `shown` keeps, in
/// timeline order, with its series values (read a thousand entries at a time by [`Batch`]).
fn each_entry(
    conn: &Connection,
    filter: &query::Filter,
    shown: &dyn Fn(&query::StoredClaim) -> bool,
    entry: &dyn Fn(&query::StoredClaim) -> TimelineEntry,
    f: &mut dyn FnMut(TimelineEntry) -> Result<()>,
) -> Result<()> {
    let mut batch = Batch::new(conn);
    query::timeline_each(conn, filter, &mut |s| {
        if shown(&s) {
            for e in batch.push(entry(&s))? {
                f(e)?;
            }
        }
        Ok(())
    })?;
    for e in batch.finish()? {
        f(e)?;
    }
    Ok(())
}

/// The lane of an entry in the formats that group them: its predicate's label or its
/// subject's name (`--group-by`); a dataset's rows have a lane of their own, named by the
/// dataset.
fn group_of(e: &TimelineEntry, args: &Args, vocabulary: &Vocabulary) -> String {
    let dataset = e
        .dataset
        .then(|| e.citations.first())
        .flatten()
        .map(|c| vocabulary.datasets.get(&c.source).unwrap_or(&c.source));
    match (dataset, args.group_by.unwrap_or(GroupBy::Predicate)) {
        (Some(dataset), _) => format!("dataset: {dataset}"),
        (None, GroupBy::Subject) => vocabulary
            .names
            .get(&e.subject)
            .unwrap_or(&e.subject)
            .clone(),
        (None, GroupBy::Predicate) => vocabulary
            .predicates
            .get(&e.predicate)
            .map_or(e.predicate.clone(), |p| p.label.clone()),
    }
}

fn ranks(asked: &[Rank]) -> Vec<&'static str> {
    if asked.is_empty() {
        return vec!["preferred", "normal"];
    }
    if asked.contains(&Rank::All) {
        return vec!["preferred", "normal", "deprecated"];
    }
    asked
        .iter()
        .map(|r| match r {
            Rank::Preferred => "preferred",
            Rank::Normal => "normal",
            _ => "deprecated",
        })
        .collect()
}

/// "12 claims · entity Kazakhstan · from 2005" for titles of the richer formats.
fn describe(args: &Args, count: usize) -> String {
    let mut parts = vec![format!(
        "{} from the factline dataset",
        plural(count, "claim", "claims")
    )];
    for e in &args.entities {
        parts.push(format!("entity {e}"));
    }
    if let Some(pair) = &args.between {
        parts.push(format!("between {}", pair.join(" and ")));
    }
    if let Some(from) = &args.from {
        parts.push(format!("from {}", crate::words::date(from)));
    }
    if let Some(to) = &args.to {
        parts.push(format!("to {}", crate::words::date(to)));
    }
    for p in &args.predicates {
        parts.push(format!("predicate {p}"));
    }
    for k in &args.kinds {
        parts.push(format!("kind {k}"));
    }
    for s in &args.sources {
        parts.push(format!("source {s}"));
    }
    if let Some(c) = args.min_credibility {
        parts.push(format!("credibility {c} or better"));
    }
    match args.source_kind {
        Some(SourceKind::Documents) => parts.push("documents only".to_string()),
        Some(SourceKind::Datasets) => parts.push("datasets only".to_string()),
        None => {}
    }
    if let Some(t) = &args.as_known_at {
        parts.push(format!("as known at {t}"));
    }
    parts.join(" · ")
}

/// Turns the command line into a validated filter: names resolved, dates parsed, ids checked;
/// with the places of the entities asked for.
fn resolve(conn: &Connection, vocabulary: &Vocabulary, args: &Args) -> Result<(Filter, Places)> {
    let mut filter = Filter::default();
    for name in &args.entities {
        filter
            .entities
            .push(super::entity_id(conn, vocabulary, name)?);
    }
    let places = Places::of(conn, &filter.entities)?;
    for place in places.places() {
        if !filter.entities.iter().any(|e| e == place) {
            filter.entities.push(place.to_string());
        }
    }
    if let Some(pair) = &args.between
        && let [a, b] = pair.as_slice()
    {
        filter.between = Some((
            super::entity_id(conn, vocabulary, a)?,
            super::entity_id(conn, vocabulary, b)?,
        ));
    }
    let bound = |flag: &str, text: &str| -> Result<When> {
        When::parse(text).map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
    };
    if let Some(from) = &args.from {
        let when = bound("from", from)?;
        if when.earliest().is_none() {
            bail!("--from {from} has an open start; give a date such as 2009 or 2009-07");
        }
        filter.from_day = Some(when.start_day());
    }
    if let Some(to) = &args.to {
        let when = bound("to", to)?;
        if when.latest().is_none() {
            bail!("--to {to} has an open end; give a date such as 2011 or 2011-12");
        }
        filter.to_day = Some(when.end_day());
    }
    if let (Some(from), Some(to)) = (filter.from_day, filter.to_day)
        && from > to
    {
        bail!("--from must not be later than --to");
    }
    for p in &args.predicates {
        super::known_predicate(vocabulary, p)?;
        filter.predicates.push(p.clone());
    }
    for k in &args.kinds {
        if !crate::model::ENTITY_KINDS.contains(&k.as_str()) {
            bail!(
                "`{k}` is not an entity kind; kinds are {}",
                crate::model::ENTITY_KINDS.join(", ")
            );
        }
        filter.kinds.push(k.clone());
    }
    let sources = query::sources(conn)?;
    for s in &args.sources {
        if !sources.contains_key(s) {
            let hint = nearest(s, sources.keys().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
            bail!("no source is called `{s}`{hint}");
        }
        filter.sources.push(s.clone());
    }
    filter.max_credibility = args.min_credibility;
    filter.datasets = args.source_kind.map(|k| k == SourceKind::Datasets);
    if let Some(at) = &args.as_known_at {
        filter.as_known_at = Some(time::parse_instant(at).ok_or_else(|| {
            anyhow::anyhow!(
                "--as-known-at {at}: give a date (2026-11-01) or an RFC 3339 time \
                 (2026-11-01T09:30:00Z)"
            )
        })?);
    }
    Ok((filter, places))
}

/// What `factline timeline WORDS` meant: an entity (`--entity`), or a search.
fn words_refused(words: &[String]) -> String {
    let text = words.join(" ");
    let shown = crate::text::visible::visible(&text);
    let arg = if text
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    {
        shown.to_string()
    } else {
        format!("\"{}\"", shown.replace('"', "\\\""))
    };
    format!(
        "unexpected argument `{shown}`: timeline filters only by its options; to see an \
         entity's claims give `factline timeline --entity {arg}`, to find claims by their words \
         `factline search {arg}` (`factline timeline --help` lists the filters)"
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::Parser;
    use similar_asserts::assert_eq;

    use super::*;
    use crate::view::TimelineDoc;
    use crate::view::timeline::{collapse_series, with_series};

    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        args: Args,
    }

    fn args(words: &[&str]) -> Args {
        match Line::try_parse_from(std::iter::once("timeline").chain(words.iter().copied())) {
            Ok(line) => line.args,
            Err(e) => panic!("{words:?}: {e}"),
        }
    }

    /// The bundled dataset, in memory.
    fn bundled() -> Database {
        Database::new(Path::new("/nonexistent/factline.db"), None)
    }

    /// What the writers that held every entry wrote: every entry read, its series values put
    /// in, the charts drawn from every row, each reference series collapsed to its line in the
    /// formats that do that, then the whole document written at once.
    fn collected(db: &Database, args: &Args) -> Vec<u8> {
        let conn = db
            .read_known_at(&crate::cmd::KnownAt {
                as_known_at: args.as_known_at.clone(),
            })
            .unwrap();
        let vocabulary = Vocabulary::read(conn).unwrap();
        let (filter, places) = resolve(conn, &vocabulary, args).unwrap();
        let ranks = ranks(&args.ranks);
        let mut entries: Vec<TimelineEntry> = query::timeline_filtered(conn, &filter)
            .unwrap()
            .iter()
            .filter(|s| ranks.contains(&s.rank.as_str()))
            .map(|s| places.mark(vocabulary.entry(s), &vocabulary))
            .collect();
        with_series(conn, &mut entries).unwrap();
        let charts = if matches!(args.format, Format::Html | Format::Svg) {
            let sources = query::sources(conn).unwrap();
            let rules = query::rules(conn).unwrap();
            let ctx = ChartContext {
                vocabulary: &vocabulary,
                sources: &sources,
                rules: &rules,
            };
            crate::view::chart::charts(conn, &ctx, &entries).unwrap()
        } else {
            Vec::new()
        };
        if HUMAN.contains(&args.format) && !args.full_series {
            entries = collapse_series(entries, &vocabulary);
        }
        let sources: BTreeMap<_, _> = query::sources(conn)
            .unwrap()
            .into_iter()
            .filter(|(id, _)| {
                entries
                    .iter()
                    .any(|e| e.citations.iter().any(|c| &c.source == id))
            })
            .collect();
        let doc = TimelineDoc {
            title: args.title.clone().unwrap_or_else(|| "Timeline".to_string()),
            description: describe(args, entries.len()),
            groups: entries
                .iter()
                .map(|e| group_of(e, args, &vocabulary))
                .collect(),
            entries: &entries,
            sources: &sources,
            names: &vocabulary.names,
            charts: &charts,
        };
        let mut out = Vec::new();
        match args.format {
            Format::Timelinejs => output::timeline_timelinejs(&mut out, &doc).unwrap(),
            Format::Html => output::timeline_html(&mut out, &doc).unwrap(),
            Format::Svg => output::timeline_svg(&mut out, &doc).unwrap(),
            other => panic!("{other:?} is not a collected format"),
        }
        out
    }

    /// The page, the chart and the TimelineJS document are written as the claims are read,
    /// in passes over them: the same bytes as the whole document written at once, with the
    /// bundled dataset's reference series and charts, filters, lanes and a title to escape.
    #[test]
    fn streamed_pages_are_the_documents_written_whole() {
        let db = bundled();
        let cases: [&[&str]; 8] = [
            &[],
            &["--full-series"],
            &["--group-by", "subject"],
            &["--entity", "kazakhstan"],
            &["--entity", "kazakhstan", "--predicate", "population"],
            &["--rank", "all", "--source-kind", "datasets"],
            &["--from", "2030"],
            &[
                "--title",
                "Bases & <treaties>",
                "--from",
                "2001",
                "--to",
                "2012",
            ],
        ];
        let mut charted = false;
        for format in ["html", "svg", "timelinejs"] {
            for case in cases {
                // TimelineJS draws every row: it takes no --full-series.
                if format == "timelinejs" && case.contains(&"--full-series") {
                    continue;
                }
                let mut words = vec!["--format", format];
                words.extend_from_slice(case);
                let args = args(&words);
                let whole = collected(&db, &args);
                let mut streamed = Vec::new();
                run(&db, &args, &mut streamed).unwrap();
                let (whole, streamed) = (
                    String::from_utf8(whole).unwrap(),
                    String::from_utf8(streamed).unwrap(),
                );
                charted |= whole.contains("class=\"chart\"");
                assert_eq!(streamed, whole, "{words:?}");
            }
        }
        assert!(charted, "no case drew a chart");
    }
}
