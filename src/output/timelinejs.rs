//! The timeline as TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>):
//! a title slide, one event per claim with dates no more precise than the claim's, an open
//! start or end ("until 2032", "since 2006") drawn as a span of [`OPEN_YEARS`] and said so in
//! the slide, the date in words as `display_date`, a group per lane (when there are at most [`MAX_GROUPS`]), and the
//! citations in the event text.

use std::io::{self, Write};

use html_escape::encode_text;
use serde::Serialize;

use crate::output::{Reference, json, source_reference};
use crate::view::{TimelineDoc, TimelineEntry};

#[derive(Serialize)]
struct Document {
    title: Slide,
    events: Vec<Event>,
}

#[derive(Serialize)]
struct Slide {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Event {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    display_date: String,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: String,
    /// True for a dataset row (TimelineJS ignores the field; scripts may read it).
    dataset: bool,
}

/// TimelineJS gives every group a row of its own under the slides; beyond this many the
/// navigation bar no longer fits a normal embed, so events are left ungrouped.
pub const MAX_GROUPS: usize = 8;

/// A TimelineJS date: only the parts the claim's precision supports.
#[derive(Serialize, PartialEq, Eq, Debug)]
struct Date {
    year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

/// Splits an ISO day (`2011-07-20`, `-0044-03-15`) and keeps the parts `precision` allows.
fn date(iso: &str, precision: &str) -> Option<Date> {
    let mut parts = iso.rsplitn(3, '-');
    let day: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let (month, day) = match precision {
        "day" => (Some(month), Some(day)),
        "month" | "season" => (Some(month), None),
        _ => (None, None),
    };
    Some(Date { year, month, day })
}

/// How many years an open start or end is drawn over: TimelineJS has no open spans, and a
/// span reaching the edge of the timeline would read as a long known one.
pub const OPEN_YEARS: i64 = 10;

/// A year as a TimelineJS date.
fn year(year: i64) -> Date {
    Date {
        year,
        month: None,
        day: None,
    }
}

fn event(e: &TimelineEntry, group: Option<&str>, doc: &TimelineDoc) -> Option<Event> {
    let start = e.earliest.as_deref().and_then(|d| date(d, &e.precision));
    let end = e.latest.as_deref().and_then(|d| date(d, &e.precision));
    // An open side ("until 2032", "since 2006") is drawn as a span of OPEN_YEARS to its known
    // end, and the slide says that the drawn side is not a date.
    let mut open = None;
    let (start_date, end_date) = match (start, end) {
        (Some(s), Some(e)) if s == e => (s, None),
        (Some(s), Some(e)) => (s, Some(e)),
        (None, Some(e)) => {
            let from = e.year - OPEN_YEARS;
            open = Some(format!(
                "No start is known: the span drawn from {from} only shows that it is open."
            ));
            (year(from), Some(e))
        }
        (Some(s), None) => {
            let to = s.year + OPEN_YEARS;
            open = Some(format!(
                "No end is known: the span drawn to {to} only shows that it is open."
            ));
            let to = year(to);
            (s, Some(to))
        }
        (None, None) => return None,
    };
    let mut text = String::new();
    if let Some(open) = open {
        text.push_str(&format!(
            "<p><strong>{}</strong>. {open}</p>",
            encode_text(&e.when_text)
        ));
    }
    if let Some(note) = &e.note {
        text.push_str(&format!("<p>{}</p>", encode_text(note)));
    }
    text.push_str("<ul>");
    for c in &e.citations {
        let source = doc.sources.get(&c.source).map_or(c.source.clone(), |s| {
            source_reference(s, Reference::AuthorFirst)
        });
        text.push_str(&format!(
            "<li>“{}” — {}, {} (credibility {})</li>",
            encode_text(&c.quote),
            encode_text(&source),
            encode_text(&c.locator),
            c.credibility
        ));
    }
    text.push_str("</ul>");
    Some(Event {
        start_date,
        end_date,
        display_date: encode_text(&e.when_text).into_owned(),
        text: Text {
            headline: encode_text(&e.label).into_owned(),
            text,
        },
        group: group.map(|g| encode_text(g).into_owned()),
        unique_id: format!("claim-{}", e.claim.replace('.', "-")),
        dataset: e.dataset,
    })
}

pub fn timeline_timelinejs(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let distinct: std::collections::HashSet<&String> = doc.groups.iter().collect();
    let grouped = distinct.len() <= MAX_GROUPS;
    let events = doc
        .entries
        .iter()
        .zip(&doc.groups)
        .filter_map(|(e, group)| event(e, grouped.then_some(group.as_str()), doc))
        .collect();
    let document = Document {
        title: Slide {
            text: Text {
                headline: encode_text(&doc.title).into_owned(),
                text: format!("<p>{}</p>", encode_text(&doc.description)),
            },
        },
        events,
    };
    json(out, &document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_only_the_known_parts() {
        assert_eq!(
            date("1994-01-01", "year"),
            Some(Date {
                year: 1994,
                month: None,
                day: None
            })
        );
        assert_eq!(
            date("2008-07-01", "month"),
            Some(Date {
                year: 2008,
                month: Some(7),
                day: None
            })
        );
        assert_eq!(
            date("-0044-03-15", "day"),
            Some(Date {
                year: -44,
                month: Some(3),
                day: Some(15)
            })
        );
        assert_eq!(date("nonsense", "day"), None);
    }
}
