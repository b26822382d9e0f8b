//! The timeline as TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>):
//! a title slide, one event per claim with dates no more precise than the claim's, an open
//! start or end ("until 2032", "since 2006") drawn as a span of [`OPEN_YEARS`] and said so in
//! the slide, the date in words as `display_date`, a group per lane (when there are at most [`MAX_GROUPS`]), and the
//! citations in the event text.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use html_escape::encode_text;
use serde::Serialize;

use crate::model::Source;
use crate::output::stream::{JsonArray, nested};
use crate::output::{Reference, source_reference};
use crate::view::{TimelineDoc, TimelineEntry};

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

fn event(
    e: &TimelineEntry,
    group: Option<&str>,
    sources: &BTreeMap<String, Source>,
) -> Option<Event> {
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
        let source = sources.get(&c.source).map_or(c.source.clone(), |s| {
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

/// The document of a timeline held in memory.
pub fn timeline_timelinejs(out: &mut dyn Write, doc: &TimelineDoc) -> io::Result<()> {
    let distinct: HashSet<&String> = doc.groups.iter().collect();
    let mut document = TimelineJs::begin(
        out,
        &doc.title,
        &doc.description,
        distinct.len() <= MAX_GROUPS,
    )?;
    for (e, group) in doc.entries.iter().zip(&doc.groups) {
        document.entry(out, e, group, doc.sources)?;
    }
    document.finish(out)
}

/// The document written as entries arrive, in the bytes serde_json's pretty printer gives for
/// it whole: the title slide first, then each event, then the end. Whether events carry their
/// group must be known before the first ([`MAX_GROUPS`]).
pub struct TimelineJs {
    events: JsonArray,
    grouped: bool,
}

impl TimelineJs {
    pub fn begin(
        out: &mut dyn Write,
        title: &str,
        description: &str,
        grouped: bool,
    ) -> io::Result<TimelineJs> {
        let slide = Slide {
            text: Text {
                headline: encode_text(title).into_owned(),
                text: format!("<p>{}</p>", encode_text(description)),
            },
        };
        out.write_all(b"{\n  \"title\": ")?;
        nested(out, &slide, 1)?;
        out.write_all(b",\n  \"events\": ")?;
        Ok(TimelineJs {
            events: JsonArray::new(1),
            grouped,
        })
    }

    /// The event of `e` in lane `group`, if it has a date to draw; its citations' sources are
    /// looked up in `sources`.
    pub fn entry(
        &mut self,
        out: &mut dyn Write,
        e: &TimelineEntry,
        group: &str,
        sources: &BTreeMap<String, Source>,
    ) -> io::Result<()> {
        match event(e, self.grouped.then_some(group), sources) {
            Some(event) => self.events.item(out, &event),
            None => Ok(()),
        }
    }

    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        self.events.finish(out)?;
        out.write_all(b"\n}\n")
    }
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
