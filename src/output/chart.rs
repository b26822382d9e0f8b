//! A quantity over time drawn as one chart ([`figure_chart_svg`]): the reference series as a
//! line through its points with its tolerance band around it, each document figure as a marked
//! point at its time (a bar over its natural span where the time is uncertain, a dashed line
//! over the rest of its possible span, a whisker over the values it allows), a dotted line from
//! the figure to the line at its time with the gap written beside it, and conflicts and
//! tensions coloured. The function takes the data and returns SVG markup, so the timeline's
//! svg and html outputs and any other page draw charts the same way. Every text is escaped.

use std::fmt::Write as _;

use crate::conflicts::Verdict;
use crate::text::visible::{markup_attr as attr, markup_text as text};
use crate::view::chart::{ChartFigure, FigureChart};

/// The height of a chart.
pub const HEIGHT: f64 = 330.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 62.0;
const BOTTOM: f64 = 30.0;
const CHAR: f64 = 5.8;
const LINE: &str = "#0b5cad";

/// The colour of a figure's mark: red for a conflict, amber for a tension, green when it
/// agrees, grey when it is not judged.
pub fn verdict_colour(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Conflict) => "#c0392b",
        Some(Verdict::Tension) => "#b9770e",
        Some(Verdict::Consistent) => "#1e8449",
        None => "#5b6570",
    }
}

fn verdict_word(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(v) => v.as_str(),
        None => "not judged",
    }
}

/// A step of 1, 2, 2.5 or 5 times a power of ten that cuts `range` into about `parts`.
fn nice_step(range: f64, parts: f64) -> f64 {
    if !(range.is_finite() && range > 0.0) {
        return 1.0;
    }
    let raw = range / parts;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// A tick's value as a person writes it: `16 million`, `17.5 million`, `22%`, `350`.
fn tick_text(value: f64, unit: &str) -> String {
    let trim = |x: f64, decimals: usize| {
        let s = format!("{x:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if s == "-0" { "0".to_string() } else { s }
    };
    if unit == "percent" {
        return format!("{}%", trim(value, 2));
    }
    if value.abs() >= 1e6 {
        return format!("{} million", trim(value / 1e6, 2));
    }
    crate::words::figure(value)
}

/// The axes' ranges: every series point and band reading, every figure and what it allows.
fn ranges(chart: &FigureChart) -> ((f64, f64), (f64, f64)) {
    let mut years: Vec<f64> = Vec::new();
    let mut values: Vec<f64> = Vec::new();
    for s in &chart.series {
        years.extend(s.points.iter().map(|p| p.0));
        values.extend(s.band.iter().flat_map(|b| [b.1, b.2]));
        values.extend(s.points.iter().map(|p| p.1));
    }
    for f in &chart.figures {
        years.push(f.year);
        if let Some((a, b)) = f.span {
            years.extend([a, b]);
        }
        values.extend([f.low, f.high, f.value]);
    }
    let fold = |xs: &[f64]| {
        xs.iter()
            .filter(|x| x.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(*x), hi.max(*x))
            })
    };
    let (y0, y1) = fold(&years);
    let (v0, v1) = fold(&values);
    let (y0, y1) = if y0 <= y1 {
        ((y0 - 0.5).floor(), (y1 + 0.5).ceil())
    } else {
        (2000.0, 2010.0)
    };
    let (v0, v1) = if v0 <= v1 { (v0, v1) } else { (0.0, 1.0) };
    let pad = ((v1 - v0) * 0.08).max(v1.abs() * 0.01).max(1e-9);
    ((y0, y1.max(y0 + 1.0)), (v0 - pad, v1 + pad))
}

/// A label's box on the chart, to keep labels from covering each other.
#[derive(Clone, Copy)]
struct Box2 {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box2 {
    fn hits(&self, o: &Box2) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// The chart of one quantity as an `<svg>` element `width` pixels wide and [`HEIGHT`] high.
pub fn figure_chart_svg(chart: &FigureChart, width: f64) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = draw(&mut out, chart, width);
    out
}

fn draw(out: &mut String, chart: &FigureChart, width: f64) -> std::fmt::Result {
    let ((y0, y1), (v0, v1)) = ranges(chart);
    let (plot_l, plot_r, plot_t, plot_b) = (LEFT, width - RIGHT, TOP, HEIGHT - BOTTOM);
    let x = |year: f64| plot_l + (year.clamp(y0, y1) - y0) / (y1 - y0) * (plot_r - plot_l);
    let y = |v: f64| plot_b - (v.clamp(v0, v1) - v0) / (v1 - v0) * (plot_b - plot_t);
    write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure-chart\" viewBox=\"0 0 {width} {HEIGHT}\" width=\"{width}\" height=\"{HEIGHT}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"{}\">",
        attr(&chart.title)
    )?;
    write!(out, "<title>{}</title>", text(&chart.title))?;
    write!(
        out,
        "<rect width=\"{width}\" height=\"{HEIGHT}\" fill=\"#ffffff\" stroke=\"#d5dbe1\"/>"
    )?;
    write!(
        out,
        "<text x=\"12\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"#1d232a\">{}</text>",
        text(&chart.title)
    )?;
    // The legend: each series with its band, then the colours of the figures.
    let mut lx = 12.0;
    for s in &chart.series {
        let words = format!(
            "{} (band ±{}%)",
            s.name,
            crate::words::figure(s.tolerance * 100.0)
        );
        write!(
            out,
            "<g class=\"legend\"><rect x=\"{lx:.1}\" y=\"30\" width=\"18\" height=\"10\" fill=\"{LINE}\" fill-opacity=\"0.15\"/><line x1=\"{lx:.1}\" y1=\"35\" x2=\"{:.1}\" y2=\"35\" stroke=\"{LINE}\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"39\" fill=\"#1d232a\">{}</text></g>",
            lx + 18.0,
            lx + 23.0,
            text(&words)
        )?;
        lx += 30.0 + words.chars().count() as f64 * CHAR;
    }
    for verdict in [
        Some(Verdict::Conflict),
        Some(Verdict::Tension),
        Some(Verdict::Consistent),
    ] {
        let word = match verdict {
            Some(Verdict::Consistent) => "agrees",
            v => verdict_word(v),
        };
        write!(
            out,
            "<g class=\"legend\"><circle cx=\"{:.1}\" cy=\"35\" r=\"4.5\" fill=\"{}\"/><text x=\"{:.1}\" y=\"39\" fill=\"#1d232a\">{word}</text></g>",
            lx + 5.0,
            verdict_colour(verdict),
            lx + 13.0
        )?;
        lx += 24.0 + word.len() as f64 * CHAR;
    }
    write!(
        out,
        "<text x=\"12\" y=\"54\" fill=\"#5b6570\">Line: the series, straight between its points; dots: document figures at their time, bars over an uncertain time, whiskers over the values a figure allows.</text>"
    )?;

    // Grid and axes.
    let step = nice_step(v1 - v0, 5.0);
    let mut tick = (v0 / step).ceil() * step;
    while tick <= v1 {
        let ty = y(tick);
        write!(
            out,
            "<line x1=\"{plot_l}\" y1=\"{ty:.1}\" x2=\"{plot_r}\" y2=\"{ty:.1}\" stroke=\"#eef1f4\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#5b6570\">{}</text>",
            plot_l - 6.0,
            ty + 4.0,
            text(&tick_text(tick, &chart.unit))
        )?;
        tick += step;
    }
    let year_step = nice_step(y1 - y0, 10.0).max(1.0);
    let mut year = (y0 / year_step).ceil() * year_step;
    while year <= y1 {
        let tx = x(year);
        write!(
            out,
            "<line x1=\"{tx:.1}\" y1=\"{plot_t}\" x2=\"{tx:.1}\" y2=\"{plot_b}\" stroke=\"#f2f4f6\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#5b6570\">{year}</text>",
            plot_b + 16.0
        )?;
        year += year_step;
    }
    write!(
        out,
        "<line x1=\"{plot_l}\" y1=\"{plot_b}\" x2=\"{plot_r}\" y2=\"{plot_b}\" stroke=\"#9aa5b1\"/><line x1=\"{plot_l}\" y1=\"{plot_t}\" x2=\"{plot_l}\" y2=\"{plot_b}\" stroke=\"#9aa5b1\"/>"
    )?;

    // Each series: its band, its line, its points.
    for s in &chart.series {
        write!(
            out,
            "<g class=\"series\" data-source=\"{}\"><title>{}</title>",
            attr(&s.source),
            text(&s.name)
        )?;
        if !s.band.is_empty() {
            let upper = s
                .band
                .iter()
                .map(|b| format!("{:.1},{:.1}", x(b.0), y(b.2)));
            let lower = s
                .band
                .iter()
                .rev()
                .map(|b| format!("{:.1},{:.1}", x(b.0), y(b.1)));
            let points: Vec<String> = upper.chain(lower).collect();
            write!(
                out,
                "<polygon class=\"band\" points=\"{}\" fill=\"{LINE}\" fill-opacity=\"0.13\" stroke=\"none\"/>",
                points.join(" ")
            )?;
        }
        let line: Vec<String> = s
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
            .collect();
        write!(
            out,
            "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"1.6\"/>",
            line.join(" ")
        )?;
        for p in &s.points {
            write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"1.8\" fill=\"{LINE}\"><title>{}: {}</title></circle>",
                x(p.0),
                y(p.1),
                p.0.floor(),
                text(&crate::words::figure(p.1))
            )?;
        }
        write!(out, "</g>")?;
    }

    // The figures, then their labels where they cover nothing already placed.
    // The series' points are obstacles too, so a label does not run along the line.
    let mut placed: Vec<Box2> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .map(|p| Box2 {
            x: x(p.0) - 7.0,
            y: y(p.1) - 5.0,
            w: 14.0,
            h: 10.0,
        })
        .collect();
    for f in &chart.figures {
        placed.push(Box2 {
            x: x(f.year) - 6.0,
            y: y(f.value) - 6.0,
            w: 12.0,
            h: 12.0,
        });
    }
    for f in &chart.figures {
        figure_mark(out, f, &x, &y)?;
        let label = figure_label(f);
        let w = label.chars().count() as f64 * CHAR;
        let (fx, fy) = (x(f.year), y(f.value));
        let mut spot = None;
        'search: for dy in [
            0.0, -14.0, 14.0, -28.0, 28.0, -42.0, 42.0, -56.0, 56.0, -70.0, 70.0, -84.0, 84.0,
        ] {
            for right in [true, false] {
                let bx = if right { fx + 9.0 } else { fx - 9.0 - w };
                let b = Box2 {
                    x: bx,
                    y: fy - 14.0 + dy,
                    w,
                    h: 13.0,
                };
                let inside =
                    b.x >= plot_l && b.x + b.w <= plot_r && b.y >= plot_t && b.y + b.h <= plot_b;
                if inside && !placed.iter().any(|p| p.hits(&b)) {
                    spot = Some(b);
                    break 'search;
                }
            }
        }
        let b = spot.unwrap_or(Box2 {
            x: (fx + 9.0).min(plot_r - w).max(plot_l),
            y: fy - 14.0,
            w,
            h: 13.0,
        });
        placed.push(b);
        // A label left of its point ends at its box's right edge, so its leader starts where
        // the text ends, whatever the font's widths.
        let left = b.x + b.w <= fx;
        let (anchor, anchor_x) = if left {
            ("end", b.x + b.w)
        } else {
            ("start", b.x)
        };
        // A leader from the label's near end to its point when the two stand apart.
        let (ex, ey) = (
            if b.x >= fx {
                b.x - 1.0
            } else {
                b.x + b.w + 1.0
            },
            b.y + 6.5,
        );
        if (ex - fx).hypot(ey - fy) > 14.0 {
            write!(
                out,
                "<line class=\"leader\" x1=\"{ex:.1}\" y1=\"{ey:.1}\" x2=\"{fx:.1}\" y2=\"{fy:.1}\" stroke=\"{}\" stroke-opacity=\"0.55\"/>",
                verdict_colour(f.verdict)
            )?;
        }
        write!(
            out,
            "<text class=\"figure-label\" data-claim=\"{}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            attr(&f.claim),
            anchor_x,
            b.y + 10.0,
            verdict_colour(f.verdict),
            text(&label)
        )?;
    }
    write!(out, "</svg>")
}

/// `about 16 million persons, c. 2017: 14.2% below the line`.
fn figure_label(f: &ChartFigure) -> String {
    match f.gap.as_deref().filter(|g| !g.is_empty()) {
        Some(gap) => format!("{}, {}: {gap}", f.value_text, f.when_text),
        None => format!("{}, {}", f.value_text, f.when_text),
    }
}

/// One figure's marks: its possible and natural spans, the values it allows, its gap to the
/// line and its point.
fn figure_mark(
    out: &mut String,
    f: &ChartFigure,
    x: &dyn Fn(f64) -> f64,
    y: &dyn Fn(f64) -> f64,
) -> std::fmt::Result {
    let colour = verdict_colour(f.verdict);
    let (fx, fy) = (x(f.year), y(f.value));
    write!(
        out,
        "<g class=\"figure\" data-claim=\"{}\" data-verdict=\"{}\"><title>{} — {} ({}; {}){}</title>",
        attr(&f.claim),
        verdict_word(f.verdict),
        text(&f.value_text),
        text(&f.when_text),
        text(&f.sources.join(", ")),
        verdict_word(f.verdict),
        text(&f.gap.as_ref().map_or(String::new(), |g| format!(": {g}")))
    )?;
    if let Some((a, b)) = f.possible {
        write!(
            out,
            "<line class=\"possible\" x1=\"{:.1}\" y1=\"{fy:.1}\" x2=\"{:.1}\" y2=\"{fy:.1}\" stroke=\"{colour}\" stroke-opacity=\"0.6\" stroke-dasharray=\"3 3\"/>",
            x(a),
            x(b)
        )?;
    }
    if let Some((a, b)) = f.span {
        write!(
            out,
            "<rect class=\"span\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"6\" rx=\"2\" fill=\"{colour}\" fill-opacity=\"0.35\"/>",
            x(a),
            fy - 3.0,
            (x(b) - x(a)).max(2.0)
        )?;
    }
    let (lo, hi) = (y(f.low), y(f.high));
    if (lo - hi).abs() > 1.0 {
        write!(
            out,
            "<path class=\"allows\" d=\"M{fx:.1},{hi:.1}V{lo:.1}M{:.1},{hi:.1}h6M{:.1},{lo:.1}h6\" stroke=\"{colour}\" fill=\"none\"/>",
            fx - 3.0,
            fx - 3.0
        )?;
    }
    if let Some(line) = f.line_value {
        write!(
            out,
            "<line class=\"gap\" x1=\"{fx:.1}\" y1=\"{fy:.1}\" x2=\"{fx:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-dasharray=\"1 2\"/>",
            y(line)
        )?;
    }
    write!(
        out,
        "<circle cx=\"{fx:.1}\" cy=\"{fy:.1}\" r=\"5\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/></g>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::chart::ChartSeries;

    fn chart(name: &str) -> FigureChart {
        FigureChart {
            title: format!("{name}: population"),
            unit: "persons".into(),
            series: vec![ChartSeries {
                source: "wb".into(),
                name: name.into(),
                tolerance: 0.02,
                points: vec![(2010.5, 16.3e6), (2017.5, 18.0e6)],
                band: vec![(2010.5, 16.0e6, 16.6e6), (2017.5, 17.6e6, 18.4e6)],
            }],
            figures: vec![ChartFigure {
                claim: "doc".into(),
                value_text: "about 16 million persons".into(),
                when_text: "c. 2017".into(),
                sources: vec!["paper".into()],
                year: 2017.5,
                value: 16e6,
                span: Some((2017.0, 2018.0)),
                possible: Some((2016.0, 2019.0)),
                low: 15.5e6,
                high: 16.5e6,
                line_value: Some(18.0e6),
                gap: Some("11.1% below the line".into()),
                verdict: Some(Verdict::Conflict),
            }],
            claims: Default::default(),
        }
    }

    #[test]
    fn a_chart_draws_the_line_its_band_and_each_figure_coloured() {
        let svg = figure_chart_svg(&chart("Kazakhstan"), 800.0);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("class=\"band\""), "{svg}");
        assert!(svg.contains("class=\"line\""));
        assert!(svg.contains("data-claim=\"doc\" data-verdict=\"conflict\""));
        assert!(svg.contains("about 16 million persons, c. 2017: 11.1% below the line"));
        assert!(svg.contains("fill=\"#c0392b\""));
        assert!(
            svg.contains(">16 million<") || svg.contains(">17 million<"),
            "{svg}"
        );
    }

    #[test]
    fn text_in_a_chart_is_escaped() {
        let svg = figure_chart_svg(&chart("<script>&\"x\""), 800.0);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;"));
    }

    #[test]
    fn ticks_read_as_a_person_writes_them() {
        assert_eq!(nice_step(3.0e6, 5.0), 1.0e6);
        assert_eq!(nice_step(9.0, 10.0), 1.0);
        assert_eq!(tick_text(17.5e6, "persons"), "17.5 million");
        assert_eq!(tick_text(22.0, "percent"), "22%");
    }
}
