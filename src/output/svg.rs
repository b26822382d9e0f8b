//! The timeline as an SVG chart: a lane per group (its name whole, wrapped in the label
//! column), a row per claim, a year axis at the top, again every screenful down the chart and
//! at the bottom. A claim known to the day is a point; anything coarser or longer is a bar over
//! its possible span; an open end fades out over a short stretch (about ten years, at most
//! 80 pixels) and ends in an arrow, so it reads as open rather than as a long span; an
//! approximate or uncertain date has a dashed outline. Each label sits just above its mark,
//! starting where the mark starts and kept inside the chart.
//!
//! A quantity a reference series covers is not a staircase of rows: above the lanes, each is
//! one chart (`output::chart`: the series' line and band, each document figure on it), and its
//! rows and figures leave the lanes.

use std::io::{self, Write};

use crate::text::visible::{markup_attr as attr, markup_text as text};
use chrono::{Datelike, NaiveDate};

use crate::output::chart;
use std::collections::{HashMap, HashSet};

use crate::view::chart::FigureChart;
use crate::view::{TimelineDoc, TimelineEntry};

const WIDTH: f64 = 1100.0;
const GUTTER: f64 = 180.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 84.0;
const ROW: f64 = 32.0;
const LANE_GAP: f64 = 10.0;
const CHAR: f64 = 6.6;
/// The line height of a lane label.
const LINE: f64 = 15.0;
/// About a screenful: the most a reader scrolls between two rows of years.
pub(crate) const SCREEN: f64 = 800.0;
/// The height of a band of years repeated down the chart.
const BAND: f64 = 22.0;
/// The shortest and longest fade drawn for an open end.
const FADE_MIN: f64 = 24.0;
const FADE_MAX: f64 = 80.0;
/// Where the first chart starts, and the space between charts.
const CHART_TOP: f64 = 58.0;
const CHART_GAP: f64 = 16.0;

fn year_of(date: NaiveDate) -> f64 {
    let days = if date.leap_year() { 366.0 } else { 365.0 };
    f64::from(date.year()) + f64::from(date.ordinal0()) / days
}

fn parse(day: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day?, "%Y-%m-%d").ok()
}

/// A tick step that gives at most about a dozen ticks.
fn tick_step(span: f64) -> i32 {
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|step| span / f64::from(*step) <= 12.0)
        .unwrap_or(1000)
}

fn truncate(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        return label.to_string();
    }
    let kept: String = label.chars().take(chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Where everything goes: the lanes, each lane's rows and the axis bands between them.
struct Layout {
    /// Each lane's top, height and label lines.
    lanes: Vec<(f64, f64, Vec<String>)>,
    /// Each lane's row tops, in the order of its entries.
    rows: Vec<Vec<f64>>,
    /// The tops of the year bands repeated down the chart.
    bands: Vec<f64>,
    /// The bottom of the last lane.
    bottom: f64,
}

/// Lays out the lanes (name, number of rows) top to bottom, with a year band wherever a
/// screenful has passed since the last axis, so a reader scrolling a long chart always has the
/// years in view.
fn layout(lanes: &[(String, usize)], top: f64) -> Layout {
    let mut layout = Layout {
        lanes: Vec::new(),
        rows: Vec::new(),
        bands: Vec::new(),
        bottom: top,
    };
    let mut y = top;
    let mut last_axis = top;
    for (name, members) in lanes {
        let lines = lane_lines(name);
        let top = y;
        let mut rows = Vec::with_capacity(*members);
        for n in 0..*members {
            if y + ROW - last_axis > SCREEN {
                layout.bands.push(y);
                y += BAND;
                last_axis = y;
            }
            rows.push(y);
            y += ROW;
            if n + 1 == *members {
                // A label longer than the lane's rows makes the lane taller.
                let needed = top + lines.len() as f64 * LINE + 8.0;
                y = y.max(needed);
            }
        }
        layout.rows.push(rows);
        layout.lanes.push((top, y - top, lines));
        y += LANE_GAP;
    }
    layout.bottom = y;
    layout
}

/// A lane's name in lines that fit the label column, whole words kept whole (a word longer
/// than a line is broken, as nothing else would fit).
fn lane_lines(name: &str) -> Vec<String> {
    let chars = ((GUTTER - 24.0) / CHAR) as usize;
    let options = textwrap::Options::new(chars)
        .break_words(true)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(name, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// How far an open end's fade reaches from its known end: ten years of the axis, kept between
/// [`FADE_MIN`] and [`FADE_MAX`] pixels, so an open end never reads as a span of a century.
fn fade_length(per_year: f64) -> f64 {
    (per_year * 10.0).clamp(FADE_MIN, FADE_MAX)
}

/// The year labels of one axis row, at `label_y`.
fn axis_labels(
    out: &mut dyn Write,
    years: &[(i32, f64)],
    label_y: f64,
    band: Option<f64>,
) -> io::Result<()> {
    write!(out, "<g class=\"axis\" data-y=\"{label_y:.1}\">")?;
    if let Some(top) = band {
        write!(
            out,
            "<rect x=\"{GUTTER}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{BAND}\" fill=\"#ffffff\" fill-opacity=\"0.92\"/>",
            WIDTH - GUTTER - RIGHT
        )?;
    }
    for (year, gx) in years {
        write!(
            out,
            "<text x=\"{gx:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" fill=\"#5b6570\">{year}</text>"
        )?;
    }
    writeln!(out, "</g>")
}

/// The chart of a timeline held in memory.
pub fn timeline_svg(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let charted = SvgTimeline::charted(doc.charts);
    let mut lanes = SvgLanes::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, (e, group)) in doc.entries.iter().zip(&doc.groups).enumerate() {
        if SvgTimeline::on_chart(&charted, e) {
            continue;
        }
        let lane = lanes.add(e, group);
        if lane == members.len() {
            members.push(Vec::new());
        }
        if let Some(m) = members.get_mut(lane) {
            m.push(i);
        }
    }
    let mut svg = SvgTimeline::begin(out, &doc.title, &doc.description, doc.charts, &lanes)?;
    for (lane, m) in members.iter().enumerate() {
        svg.lane(out, lane)?;
        for &i in m {
            svg.entry(out, &doc.entries[i], lane)?;
        }
    }
    svg.finish(out)
}

/// The lanes of a chart, gathered over its entries in timeline order (those not drawn on a
/// chart above): each lane's name and number of rows, in the order of its first entry, and the
/// first and last years the entries reach. [`SvgTimeline::begin`] lays the chart out from it.
#[derive(Default)]
pub struct SvgLanes {
    lanes: Vec<(String, usize)>,
    index: HashMap<String, usize>,
    first: Option<f64>,
    last: Option<f64>,
}

impl SvgLanes {
    /// Adds `e` as the next row of lane `group`; returns the lane's index.
    pub fn add(&mut self, e: &TimelineEntry, group: &str) -> usize {
        let lane = match self.index.get(group) {
            Some(&lane) => lane,
            None => {
                let lane = self.lanes.len();
                self.index.insert(group.to_string(), lane);
                self.lanes.push((group.to_string(), 0));
                lane
            }
        };
        if let Some((_, rows)) = self.lanes.get_mut(lane) {
            *rows += 1;
        }
        let (a, b) = (parse(e.earliest.as_deref()), parse(e.latest.as_deref()));
        for year in [a.map(year_of), b.map(|d| year_of(d) + 1.0 / 365.0)]
            .into_iter()
            .flatten()
        {
            self.first = Some(self.first.map_or(year, |f| f.min(year)));
            self.last = Some(self.last.map_or(year, |l| l.max(year)));
        }
        lane
    }

    /// How many lanes there are.
    pub fn len(&self) -> usize {
        self.lanes.len()
    }

    /// Whether no entry was added.
    pub fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }

    /// The index of lane `group`, if an entry was added to it.
    pub fn lane_of(&self, group: &str) -> Option<usize> {
        self.index.get(group).copied()
    }
}

/// The chart written lane by lane: the head, the charts, the lanes' backgrounds and the grid
/// first ([`SvgTimeline::begin`]); then each lane's name ([`SvgTimeline::lane`]) and its rows
/// in timeline order ([`SvgTimeline::entry`]); then the year bands over them
/// ([`SvgTimeline::finish`]).
pub struct SvgTimeline {
    lo: f64,
    per_year: f64,
    fade: f64,
    layout: Layout,
    years: Vec<(i32, f64)>,
    axis_bottom: f64,
    /// Each lane's name.
    names: Vec<String>,
    /// The next row of each lane.
    next: Vec<usize>,
}

impl SvgTimeline {
    /// The claims drawn on the charts (a series' rows or its one line, the figures on it):
    /// they leave the lanes.
    pub fn charted(charts: &[FigureChart]) -> HashSet<&str> {
        charts
            .iter()
            .flat_map(|c| c.claims.iter().map(String::as_str))
            .collect()
    }

    /// Whether `e` is drawn on a chart rather than in a lane.
    pub fn on_chart(charted: &HashSet<&str>, e: &TimelineEntry) -> bool {
        charted.contains(e.claim.as_str())
            || e.summary
                .as_ref()
                .is_some_and(|s| charted.contains(s.first.as_str()))
    }

    pub fn begin(
        out: &mut dyn Write,
        title: &str,
        description: &str,
        charts: &[FigureChart],
        lanes: &SvgLanes,
    ) -> io::Result<SvgTimeline> {
        let (lo, hi) = match (lanes.first, lanes.last) {
            (Some(first), Some(last)) if first.is_finite() && last.is_finite() => {
                ((first - 1.0).floor(), (last + 1.0).ceil())
            }
            _ => (2000.0, 2010.0),
        };
        let plot = WIDTH - GUTTER - RIGHT;
        let per_year = plot / (hi - lo).max(1.0);
        let x = |year: f64| GUTTER + (year - lo) * per_year;
        let fade = fade_length(per_year);
        let charts_height = charts.len() as f64 * (chart::HEIGHT + CHART_GAP);
        let top = TOP + charts_height;
        let layout = layout(&lanes.lanes, top);
        let height = layout.bottom + 40.0;

        writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">"
        )?;
        writeln!(out, "<title>{}</title>", text(title))?;
        writeln!(
            out,
            "<defs>\
    <linearGradient id=\"fade-left\" x1=\"0\" x2=\"1\"><stop offset=\"0\" stop-color=\"#0b5cad\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"#0b5cad\" stop-opacity=\"0.85\"/></linearGradient>\
    <linearGradient id=\"fade-right\" x1=\"0\" x2=\"1\"><stop offset=\"0\" stop-color=\"#0b5cad\" stop-opacity=\"0.85\"/><stop offset=\"1\" stop-color=\"#0b5cad\" stop-opacity=\"0\"/></linearGradient>\
    </defs>"
        )?;
        writeln!(
            out,
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        )?;
        writeln!(
            out,
            "<text x=\"16\" y=\"26\" font-size=\"18\" font-weight=\"600\" fill=\"#1d232a\">{}</text>",
            text(title)
        )?;
        writeln!(
            out,
            "<text x=\"16\" y=\"44\" fill=\"#5b6570\">{}</text>",
            text(description)
        )?;

        // The charts, one under another, the full width of the page.
        for (n, c) in charts.iter().enumerate() {
            writeln!(
                out,
                "<g class=\"chart\" transform=\"translate(16,{:.1})\">{}</g>",
                CHART_TOP + n as f64 * (chart::HEIGHT + CHART_GAP),
                chart::figure_chart_svg(c, WIDTH - 32.0)
            )?;
        }

        // Lane backgrounds first, so the grid shows through them.
        for (lane, (top, lane_height, _)) in layout.lanes.iter().enumerate() {
            if lane % 2 == 0 {
                writeln!(
                    out,
                    "<rect x=\"0\" y=\"{:.1}\" width=\"{WIDTH}\" height=\"{:.1}\" fill=\"#f5f7f9\"/>",
                    top - 4.0,
                    lane_height + 8.0
                )?;
            }
        }

        // Year grid, and the axis at the top, in a band every screenful and at the bottom.
        let step = tick_step(hi - lo);
        let axis_bottom = height - 28.0;
        let mut years = Vec::new();
        let mut year = (lo as i32).div_euclid(step) * step;
        while f64::from(year) <= hi {
            if f64::from(year) >= lo {
                years.push((year, x(f64::from(year))));
            }
            year += step;
        }
        for (_, gx) in &years {
            writeln!(
                out,
                "<line x1=\"{gx:.1}\" y1=\"{:.1}\" x2=\"{gx:.1}\" y2=\"{axis_bottom:.1}\" stroke=\"#e3e8ed\"/>",
                top - 8.0
            )?;
        }
        axis_labels(out, &years, top - 14.0, None)?;
        writeln!(
            out,
            "<line x1=\"{GUTTER}\" y1=\"{axis_bottom:.1}\" x2=\"{:.1}\" y2=\"{axis_bottom:.1}\" stroke=\"#9aa5b1\"/>",
            WIDTH - RIGHT
        )?;
        Ok(SvgTimeline {
            lo,
            per_year,
            fade,
            layout,
            years,
            axis_bottom,
            names: lanes.lanes.iter().map(|(name, _)| name.clone()).collect(),
            next: vec![0; lanes.lanes.len()],
        })
    }

    /// The name of lane `lane`, written before its rows.
    pub fn lane(&self, out: &mut dyn Write, lane: usize) -> io::Result<()> {
        let (Some(name), Some((top, _, lines))) =
            (self.names.get(lane), self.layout.lanes.get(lane))
        else {
            return Ok(());
        };
        // The whole name, on as many lines as it needs, with a tooltip of it.
        write!(
            out,
            "<g class=\"lane\"><title>{}</title><text x=\"16\" y=\"{:.1}\" font-weight=\"600\" fill=\"#1d232a\">",
            text(name),
            top + 14.0
        )?;
        for (n, line) in lines.iter().enumerate() {
            let dy = if n == 0 { 0.0 } else { LINE };
            write!(out, "<tspan x=\"16\" dy=\"{dy}\">{}</tspan>", text(line))?;
        }
        writeln!(out, "</text></g>")?;
        Ok(())
    }

    /// The next row of lane `lane`: `e`.
    pub fn entry(&mut self, out: &mut dyn Write, e: &TimelineEntry, lane: usize) -> io::Result<()> {
        let Some(row) = self.next.get_mut(lane) else {
            return Ok(());
        };
        let Some(&y) = self.layout.rows.get(lane).and_then(|rows| rows.get(*row)) else {
            return Ok(());
        };
        *row += 1;
        let (lo, per_year, fade) = (self.lo, self.per_year, self.fade);
        let x = |year: f64| GUTTER + (year - lo) * per_year;
        let cy = y + 22.0;
        let (start, end) = (parse(e.earliest.as_deref()), parse(e.latest.as_deref()));
        let dashed = if e.when.contains(['~', '?', '%']) {
            " stroke-dasharray=\"3 2\""
        } else {
            ""
        };
        writeln!(
            out,
            "<g class=\"entry\" data-claim=\"{}\"><title>{} — {}</title>",
            attr(&e.claim),
            text(&e.when_text),
            text(&e.label)
        )?;
        let mark_left = match (start, end) {
            (Some(s), Some(t)) if s == t => {
                let px = x(year_of(s));
                writeln!(
                    out,
                    "<circle cx=\"{px:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"#0b5cad\"{dashed}/>"
                )?;
                px - 5.0
            }
            (Some(s), Some(t)) => {
                let x1 = x(year_of(s));
                let x2 = x(year_of(t) + 1.0 / 365.0).max(x1 + 4.0);
                writeln!(
                    out,
                    "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"3\" fill=\"#0b5cad\" fill-opacity=\"0.8\" stroke=\"#0b5cad\"{dashed}/>",
                    cy - 5.0,
                    x2 - x1
                )?;
                x1
            }
            // An open start: a short fade into the known end, and an arrow pointing back.
            (None, Some(t)) => {
                let x2 = x(year_of(t) + 1.0 / 365.0);
                let x1 = (x2 - fade).max(GUTTER + 10.0);
                writeln!(
                    out,
                    "<rect class=\"open-start\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"url(#fade-left)\"/>\
<path d=\"M{:.1},{cy:.1} l8,-6 v12 z\" fill=\"#0b5cad\" fill-opacity=\"0.5\"/>\
<line x1=\"{x2:.1}\" y1=\"{:.1}\" x2=\"{x2:.1}\" y2=\"{:.1}\" stroke=\"#0b5cad\" stroke-width=\"2\"/>",
                    cy - 5.0,
                    (x2 - x1).max(4.0),
                    x1 - 10.0,
                    cy - 7.0,
                    cy + 7.0
                )?;
                x1 - 10.0
            }
            // An open end: a short fade out of the known start, and an arrow onwards.
            (Some(s), None) => {
                let x1 = x(year_of(s));
                let x2 = (x1 + fade).min(WIDTH - RIGHT - 10.0);
                writeln!(
                    out,
                    "<rect class=\"open-end\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"url(#fade-right)\"/>\
<path d=\"M{:.1},{cy:.1} l-8,-6 v12 z\" fill=\"#0b5cad\" fill-opacity=\"0.5\"/>\
<line x1=\"{x1:.1}\" y1=\"{:.1}\" x2=\"{x1:.1}\" y2=\"{:.1}\" stroke=\"#0b5cad\" stroke-width=\"2\"/>",
                    cy - 5.0,
                    (x2 - x1).max(4.0),
                    x2 + 10.0,
                    cy - 7.0,
                    cy + 7.0
                )?;
                x1
            }
            (None, None) => GUTTER,
        };
        let label = format!("{} · {}", e.when_text, e.label);
        let room = WIDTH - RIGHT - GUTTER - 4.0;
        let label = truncate(&label, (room / CHAR) as usize);
        let width = label.chars().count() as f64 * CHAR;
        let lx = mark_left
            .max(GUTTER + 4.0)
            .min(WIDTH - RIGHT - width)
            .max(GUTTER + 4.0);
        writeln!(
            out,
            "<text x=\"{lx:.1}\" y=\"{:.1}\" fill=\"#1d232a\">{}</text></g>",
            y + 11.0,
            text(&label)
        )?;
        Ok(())
    }

    /// The year bands over the lanes they interrupt, the axis at the bottom, and the end.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        for top in &self.layout.bands {
            axis_labels(out, &self.years, top + 15.0, Some(*top))?;
        }
        axis_labels(out, &self.years, self.axis_bottom + 16.0, None)?;
        writeln!(out, "</svg>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_and_truncation() {
        assert_eq!(tick_step(8.0), 1);
        assert_eq!(tick_step(45.0), 5);
        assert_eq!(tick_step(130.0), 20);
        assert_eq!(truncate("abcdef", 10), "abcdef");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }

    #[test]
    fn open_ends_fade_over_a_short_stretch() {
        // A chart of two centuries: ten years is 45 pixels.
        assert!((fade_length(4.5) - 45.0).abs() < 1e-9);
        assert_eq!(fade_length(0.5), FADE_MIN);
        assert_eq!(fade_length(90.0), FADE_MAX);
    }

    #[test]
    fn lane_names_wrap_whole_and_a_long_lane_gets_year_bands() {
        let lines = lane_lines("Collective Security Treaty Organization member states");
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Collective Security Treaty Organization member states"
        );
        let lanes = [("one".to_string(), 100)];
        let layout = layout(&lanes, TOP);
        let mut tops = vec![TOP - 14.0];
        tops.extend(&layout.bands);
        tops.push(layout.bottom);
        assert!(layout.bands.len() >= 3, "{:?}", layout.bands);
        for pair in tops.windows(2) {
            assert!(pair[1] - pair[0] <= SCREEN + BAND + ROW, "{tops:?}");
        }
    }
}
