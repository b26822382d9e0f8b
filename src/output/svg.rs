//! The timeline as an SVG chart: a lane per group, a row per claim, a year axis. A claim known
//! to the day is a point; anything coarser or longer is a bar over its possible span; an open
//! end fades out towards the edge of the chart and ends in an arrow, so it reads as open; an
//! approximate or uncertain date has a dashed outline. Each label sits just above its mark,
//! starting where the mark starts and kept inside the chart.

use std::io::{self, Write};

use crate::output::visible::{markup_attr as attr, markup_text as text};
use chrono::{Datelike, NaiveDate};

use crate::view::TimelineDoc;

const WIDTH: f64 = 1100.0;
const GUTTER: f64 = 180.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 84.0;
const ROW: f64 = 32.0;
const LANE_GAP: f64 = 10.0;
const CHAR: f64 = 6.6;

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

pub fn timeline_svg(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    // Lanes in order of their first entry; entries keep timeline order within a lane.
    let mut lanes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, group) in doc.groups.iter().enumerate() {
        match lanes.iter_mut().find(|(name, _)| name == group) {
            Some((_, rows)) => rows.push(i),
            None => lanes.push((group.as_str(), vec![i])),
        }
    }
    let spans: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = doc
        .entries
        .iter()
        .map(|e| (parse(e.earliest.as_deref()), parse(e.latest.as_deref())))
        .collect();
    let known: Vec<f64> = spans
        .iter()
        .flat_map(|(a, b)| [a.map(year_of), b.map(|d| year_of(d) + 1.0 / 365.0)])
        .flatten()
        .collect();
    let first = known.iter().copied().fold(f64::INFINITY, f64::min);
    let last = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if first.is_finite() && last.is_finite() {
        ((first - 1.0).floor(), (last + 1.0).ceil())
    } else {
        (2000.0, 2010.0)
    };
    let plot = WIDTH - GUTTER - RIGHT;
    let x = |year: f64| GUTTER + (year - lo) / (hi - lo).max(1.0) * plot;
    let rows = doc.entries.len() as f64;
    let height = TOP + rows * ROW + lanes.len() as f64 * LANE_GAP + 40.0;

    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">"
    )?;
    writeln!(out, "<title>{}</title>", text(&doc.title))?;
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
        text(&doc.title)
    )?;
    writeln!(
        out,
        "<text x=\"16\" y=\"44\" fill=\"#5b6570\">{}</text>",
        text(&doc.description)
    )?;

    // Year axis and grid.
    let step = tick_step(hi - lo);
    let axis_bottom = height - 28.0;
    let mut year = (lo as i32).div_euclid(step) * step;
    while f64::from(year) <= hi {
        if f64::from(year) >= lo {
            let gx = x(f64::from(year));
            writeln!(
                out,
                "<line x1=\"{gx:.1}\" y1=\"{:.1}\" x2=\"{gx:.1}\" y2=\"{axis_bottom:.1}\" stroke=\"#e3e8ed\"/>",
                TOP - 8.0
            )?;
            for label_y in [TOP - 14.0, axis_bottom + 16.0] {
                writeln!(
                    out,
                    "<text x=\"{gx:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" fill=\"#5b6570\">{year}</text>"
                )?;
            }
        }
        year += step;
    }
    writeln!(
        out,
        "<line x1=\"{GUTTER}\" y1=\"{axis_bottom:.1}\" x2=\"{:.1}\" y2=\"{axis_bottom:.1}\" stroke=\"#9aa5b1\"/>",
        WIDTH - RIGHT
    )?;

    let mut y = TOP;
    for (lane, (name, members)) in lanes.iter().enumerate() {
        let lane_height = members.len() as f64 * ROW;
        if lane % 2 == 0 {
            writeln!(
                out,
                "<rect x=\"0\" y=\"{:.1}\" width=\"{WIDTH}\" height=\"{:.1}\" fill=\"#f5f7f9\"/>",
                y - 4.0,
                lane_height + 8.0
            )?;
        }
        writeln!(
            out,
            "<text x=\"16\" y=\"{:.1}\" font-weight=\"600\" fill=\"#1d232a\">{}</text>",
            y + 14.0,
            text(&truncate(name, 24))
        )?;
        for &i in members {
            let e = &doc.entries[i];
            let cy = y + 22.0;
            let (start, end) = spans[i];
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
                (None, Some(t)) => {
                    let x2 = x(year_of(t) + 1.0 / 365.0);
                    writeln!(
                        out,
                        "<rect x=\"{GUTTER}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"url(#fade-left)\"/>\
<path d=\"M{:.1},{cy:.1} l8,-6 v12 z\" fill=\"#0b5cad\" fill-opacity=\"0.5\"/>\
<line x1=\"{x2:.1}\" y1=\"{:.1}\" x2=\"{x2:.1}\" y2=\"{:.1}\" stroke=\"#0b5cad\" stroke-width=\"2\"/>",
                        cy - 5.0,
                        (x2 - GUTTER).max(4.0),
                        GUTTER - 2.0,
                        cy - 7.0,
                        cy + 7.0
                    )?;
                    GUTTER
                }
                (Some(s), None) => {
                    let x1 = x(year_of(s));
                    let edge = WIDTH - RIGHT;
                    writeln!(
                        out,
                        "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"url(#fade-right)\"/>\
<path d=\"M{:.1},{cy:.1} l-8,-6 v12 z\" fill=\"#0b5cad\" fill-opacity=\"0.5\"/>\
<line x1=\"{x1:.1}\" y1=\"{:.1}\" x2=\"{x1:.1}\" y2=\"{:.1}\" stroke=\"#0b5cad\" stroke-width=\"2\"/>",
                        cy - 5.0,
                        (edge - x1).max(4.0),
                        edge + 2.0,
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
            y += ROW;
        }
        y += LANE_GAP;
    }
    writeln!(out, "</svg>")
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
}
