//! The grading and dating rules `factline check` enforces over a whole dataset: credibility 1
//! only with two independent sources, the "as of publication" convention, and every figure and
//! explicit date held by a quote or its locator lines.
//!
//! Pure functions over a [`Dataset`] and the sources' texts; they return findings and print
//! nothing. The conventions they enforce are written down in `docs/corpus.md`.

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use serde::Serialize;

use crate::data::{Dataset, Located};
use crate::model::parse_locator;
use crate::model::{Claim, Source, Value};
use crate::time::When;
use crate::verify::lines;
use crate::verify::numbers::{mentions_amount, mentions_date};
use crate::words::{Millions, number};

/// How much a finding matters: an error fails `check`; a warning fails it only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a source, a claim or one of its citations, where the data says it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    /// The claim id, for a claim or citation finding.
    pub claim: Option<String>,
    /// The citation's 1-based position in its claim.
    pub citation: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    fn on_claim(
        c: &Located<Claim>,
        citation: Option<usize>,
        severity: Severity,
        message: String,
    ) -> Finding {
        let line = citation
            .and_then(|n| c.citation_lines.get(n - 1).copied())
            .unwrap_or(c.line);
        Finding {
            file: c.file.clone(),
            line,
            claim: Some(c.item.id.clone()),
            citation,
            severity,
            message,
        }
    }
}

/// Credibility 1 ("confirmed by other sources") needs citations from at least two independent
/// sources: different source records that are not the same text (same `sha256` or `url`).
pub fn credibility(dataset: &Dataset) -> Vec<Finding> {
    let sources: HashMap<&str, &Source> = dataset
        .sources
        .iter()
        .map(|s| (s.item.id.as_str(), &s.item))
        .collect();
    let mut out = Vec::new();
    for c in &dataset.claims {
        let Some(first) = c.item.citations.iter().position(|x| x.credibility == 1) else {
            continue;
        };
        let independent = independent_sources(&c.item, &sources);
        if independent < 2 {
            let cited: Vec<String> = distinct(c.item.citations.iter().map(|x| x.source.as_str()))
                .into_iter()
                .map(|s| format!("`{s}`"))
                .collect();
            out.push(Finding::on_claim(
                c,
                Some(first + 1),
                Severity::Error,
                format!(
                    "credibility 1 (confirmed) needs citations from at least two independent \
                     sources, but the claim cites only {}; cite a second source or grade it 2",
                    cited.join(" and ")
                ),
            ));
        }
    }
    out
}

/// How many of the claim's sources are independent: distinct records, counting records with
/// the same text (`sha256`) or the same `url` as one.
fn independent_sources(claim: &Claim, sources: &HashMap<&str, &Source>) -> usize {
    let mut seen: HashSet<String> = HashSet::new();
    let mut count = 0;
    for id in distinct(claim.citations.iter().map(|x| x.source.as_str())) {
        let keys: Vec<String> = match sources.get(id) {
            Some(s) => [
                Some(format!("id:{id}")),
                s.sha256.as_ref().map(|h| format!("sha:{h}")),
                s.url.as_ref().map(|u| format!("url:{u}")),
            ]
            .into_iter()
            .flatten()
            .collect(),
            None => vec![format!("id:{id}")],
        };
        if keys.iter().all(|k| !seen.contains(k)) {
            count += 1;
        }
        seen.extend(keys);
    }
    count
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// What a claim's date may be compared with in one source: its publication.
struct Publication {
    /// The canonical EDTF of `published`.
    text: String,
    /// The "as of publication" form: `2011~` for a publication known to a day, month or year;
    /// the set itself for a publication known only as a set (`[2013..]`, `[2008-07..2009]`).
    convention: String,
    /// The year that relative dates ("last year") and dates without a year count from.
    year: Option<i32>,
    /// The publication's own dates and their year and month prefixes: an interval's end at one
    /// of them is "up to publication" and needs no words in the text.
    dates: HashSet<String>,
}

impl Publication {
    fn of(source: &Source) -> Option<Publication> {
        Publication::parse(source.published.as_deref()?)
    }

    /// The publication of a source published `published` (EDTF).
    fn parse(published: &str) -> Option<Publication> {
        let when = When::parse(published).ok()?;
        let text = when.as_str().to_string();
        let (points, several) = endpoints(&text);
        let convention = if text.starts_with('[') {
            text.clone()
        } else if several {
            format!("[{}]", points.join(".."))
        } else {
            format!("{}~", text.get(..4)?)
        };
        let first = when.earliest().map(|d| chrono::Datelike::year(&d));
        let last = when.latest().map(|d| chrono::Datelike::year(&d));
        let year = match (first, last) {
            (Some(a), Some(b)) if a == b => Some(a),
            (Some(a), None) => Some(a),
            _ => None,
        };
        let mut dates = HashSet::new();
        for p in &points {
            let bare = bare(p);
            for len in [4, 7, 10] {
                if let Some(prefix) = bare.get(..len) {
                    dates.insert(prefix.to_string());
                }
            }
        }
        Some(Publication {
            text,
            convention,
            year,
            dates,
        })
    }

    /// True when `when` names the publication itself rather than a date the text gives: the
    /// publication's EDTF or its interval form, or (for a publication of one known date) any
    /// date in its year.
    fn names(&self, when: &str) -> bool {
        let when = bare(when);
        if when == self.text || self.same_span(when) {
            return true;
        }
        !self.text.starts_with('[')
            && !self.text.contains('/')
            && !when.contains(['/', '['])
            && self.year.is_some_and(|y| when.starts_with(&y.to_string()))
    }
}

impl Publication {
    /// True when `when` covers exactly the days the publication may fall on (`2008-07/2009`
    /// for `[2008-07..2009-12]`).
    fn same_span(&self, when: &str) -> bool {
        match (When::parse(when), When::parse(&self.text)) {
            (Ok(a), Ok(b)) => a.earliest() == b.earliest() && a.latest() == b.latest(),
            _ => false,
        }
    }
}

/// The dates an EDTF value names (the ends of an interval, the members and bounds of a set),
/// without open ends, and whether there are several.
fn endpoints(when: &str) -> (Vec<String>, bool) {
    if let Some(inner) = when
        .strip_prefix(|c| c == '[' || c == '{')
        .and_then(|t| t.strip_suffix(|c| c == ']' || c == '}'))
    {
        let points = inner
            .split(',')
            .flat_map(|m| m.split(".."))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        return (points, true);
    }
    if let Some((a, b)) = when.split_once('/') {
        let points = [a, b]
            .into_iter()
            .filter(|p| !p.is_empty() && *p != "..")
            .map(String::from)
            .collect();
        return (points, true);
    }
    (vec![when.to_string()], false)
}

fn bare(edtf: &str) -> &str {
    edtf.trim_end_matches(['~', '?', '%'])
}

fn qualified(edtf: &str) -> bool {
    edtf.ends_with(['~', '?', '%'])
}

/// The time `check --texts` wants instead of `when` for a claim citing a source published
/// `published` whose locator lines are `passage`: the "as of publication" form (`2012~`) when
/// `when` names the publication rather than a date the passage gives (a day read from "on
/// Friday", the publication's own date), `None` when `when` stands as it is. The rule of
/// [`against_texts`], for one citation.
pub fn as_of_publication(
    when: &str,
    published: &str,
    passage: &str,
    dates_in: DatesIn,
) -> Option<String> {
    let p = Publication::parse(published)?;
    let when = When::parse(when).ok()?;
    let when = when.as_str();
    if p.convention == when {
        return None;
    }
    let (_, several) = endpoints(when);
    let given = || {
        mentions_date(passage, bare(when), p.year)
            || (!passage.is_empty() && gives(&dates_in(passage, &p.text), bare(when)))
    };
    (p.names(when) && (several || !given())).then(|| p.convention.clone())
}

/// The dates a passage gives relative to its source's publication (the passage, then the
/// publication as EDTF): "on Friday" in an article of 2012-07-09 gives 2012-07-06. The time
/// tagger of `extract` (`extract::time::dates_in`) is the one the commands pass; it lives above
/// this layer.
pub type DatesIn<'a> = &'a dyn Fn(&str, &str) -> Vec<String>;

/// One citation of a claim with what it can be checked against.
struct Cited<'a> {
    source: &'a str,
    text: &'a str,
    passage: Option<String>,
    publication: Option<Publication>,
    /// The dates the passage gives relative to the publication ([`DatesIn`]).
    given: Vec<String>,
}

/// True when one of `given` (dates a passage gives relative to its publication) is `date`, or
/// a day within the month `date` (`2012-07-06` within `2012-07`). A year alone is not given by
/// a day read against the publication: the year is the publication's, so such a claim is
/// dated as of publication.
fn gives(given: &[String], date: &str) -> bool {
    given.iter().any(|g| {
        let g = bare(g);
        g == date || (date.len() == 7 && g.starts_with(date) && g.as_bytes().get(7) == Some(&b'-'))
    })
}

/// The rules that need the texts: the "as of publication" convention (an error), and each
/// figure and explicit date of a claim in one of its quotes or locator lines (a warning that
/// says where in the text it is). `texts` maps source ids to their verified texts; claims
/// citing no source with a text are skipped, and so are the claims in `skip` (those whose quotes
/// failed verification: their locators cannot be trusted).
pub fn against_texts(
    dataset: &Dataset,
    texts: &HashMap<&str, &str>,
    skip: &HashSet<&str>,
    dates_in: DatesIn,
) -> Vec<Finding> {
    let sources: HashMap<&str, &Source> = dataset
        .sources
        .iter()
        .map(|s| (s.item.id.as_str(), &s.item))
        .collect();
    let mut out = Vec::new();
    for c in dataset
        .claims
        .iter()
        .filter(|c| !skip.contains(c.item.id.as_str()))
    {
        let cited: Vec<Cited> = c
            .item
            .citations
            .iter()
            .filter_map(|x| {
                let text = *texts.get(x.source.as_str())?;
                let passage = parse_locator(&x.locator).and_then(|r| lines(text, &r));
                let publication = sources
                    .get(x.source.as_str())
                    .and_then(|s| Publication::of(s));
                let given = match (&passage, &publication) {
                    (Some(passage), Some(p)) => dates_in(passage, &p.text),
                    _ => Vec::new(),
                };
                Some(Cited {
                    source: x.source.as_str(),
                    text,
                    passage,
                    publication,
                    given,
                })
            })
            .collect();
        if cited.is_empty() {
            continue;
        }
        out.extend(check_value(c, &cited));
        out.extend(check_date(c, &cited));
    }
    out
}

fn locators(c: &Located<Claim>) -> String {
    let all: Vec<String> = c
        .item
        .citations
        .iter()
        .map(|x| format!("`{}`", x.locator))
        .collect();
    all.join(", ")
}

/// Where in the cited texts `holds` is true: "at line 19 of `rousseau-2011`", or that it is in
/// none of them.
fn where_is(cited: &[Cited], holds: impl Fn(&str, &Cited) -> bool) -> String {
    for x in cited {
        if let Some(range) = find_lines(x.text, |passage| holds(passage, x)) {
            let at = if range.start() == range.end() {
                format!("line {}", range.start())
            } else {
                format!("lines {}-{}", range.start(), range.end())
            };
            return format!(
                "it is at {at} of `{}`: quote it or widen the locator",
                x.source
            );
        }
    }
    let names: Vec<String> = distinct(cited.iter().map(|x| x.source))
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect();
    format!("it is not in the text of {}", names.join(" or "))
}

/// The first line (or pair of lines) of `text` for which `holds` is true.
fn find_lines(text: &str, holds: impl Fn(&str) -> bool) -> Option<RangeInclusive<usize>> {
    let all: Vec<&str> = text.split('\n').collect();
    for len in 1..=2 {
        for start in 0..all.len().saturating_sub(len - 1) {
            if holds(&all[start..start + len].join("\n")) {
                return Some(start + 1..=start + len);
            }
        }
    }
    None
}

fn check_value(c: &Located<Claim>, cited: &[Cited]) -> Vec<Finding> {
    let Value::Quantity(q) = &c.item.value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for amount in [Some(q.amount), q.lower, q.upper].into_iter().flatten() {
        let held = cited.iter().any(|x| {
            x.passage
                .as_deref()
                .is_some_and(|p| mentions_amount(p, amount))
        });
        if !held {
            out.push(Finding::on_claim(
                c,
                None,
                Severity::Warning,
                format!(
                    "the value {} is in none of its quotes or locator lines ({}); {}",
                    number(amount, Millions::Tenths),
                    locators(c),
                    where_is(cited, |p, _| mentions_amount(p, amount))
                ),
            ));
        }
    }
    out
}

fn check_date(c: &Located<Claim>, cited: &[Cited]) -> Vec<Finding> {
    let when = c.item.when.as_str();
    let (points, several) = endpoints(when);
    let held = |date: &str| {
        cited.iter().any(|x| {
            x.passage.as_deref().is_some_and(|p| {
                mentions_date(p, date, x.publication.as_ref().and_then(|p| p.year))
            }) || gives(&x.given, date)
        })
    };
    let publications: Vec<&Publication> = cited
        .iter()
        .filter_map(|x| x.publication.as_ref())
        .collect();
    if publications.iter().any(|p| p.convention == when) {
        return Vec::new();
    }
    if let Some(p) = publications
        .iter()
        .find(|p| p.names(when) && (several || !held(bare(when))))
    {
        return vec![Finding::on_claim(
            c,
            None,
            Severity::Error,
            format!(
                "`{when}` dates the claim by the publication of its source ({}), not by a date \
                 the text gives; an \"as of publication\" time is written `{}` (see \
                 docs/corpus.md)",
                p.text, p.convention
            ),
        )];
    }
    let mut out = Vec::new();
    if qualified_anywhere(&points) && c.item.note.is_none() {
        out.push(Finding::on_claim(
            c,
            None,
            Severity::Warning,
            format!(
                "`{when}` is approximate or uncertain, so the text does not give it as it \
                 stands; say in the note how it was inferred"
            ),
        ));
    }
    for point in &points {
        if qualified(point) {
            continue;
        }
        if several
            && publications
                .iter()
                .any(|p| p.dates.contains(point.as_str()))
        {
            continue;
        }
        // Several dates (an interval, a set) are looked for to the month at most.
        let date = if several {
            point.get(..7).unwrap_or(point)
        } else {
            point.as_str()
        };
        if !held(date) {
            out.push(Finding::on_claim(
                c,
                None,
                Severity::Warning,
                format!(
                    "the date {date} (of `{when}`) is in none of its quotes or locator lines \
                     ({}); {}",
                    locators(c),
                    where_is(cited, |p, x| mentions_date(
                        p,
                        date,
                        x.publication.as_ref().and_then(|p| p.year)
                    ))
                ),
            ));
        }
    }
    out
}

fn qualified_anywhere(points: &[String]) -> bool {
    points.iter().any(|p| qualified(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataFile, Known, load};

    const TEXT: &str =
        "Notes of 2020.\nThe fort held two thousand soldiers.\nIn March 2020 a convoy came.\n";

    /// Sources `a` (published as given) and `b`, a fort, and `claims`.
    fn dataset(published: &str, claims: &str) -> Dataset {
        let text = format!(
            "[[source]]\nid = \"a\"\ntitle = \"A\"\nkind = \"notes\"\nreliability = \"B\"\n\
             published = \"{published}\"\nsha256 = \"{aa}\"\n\n\
             [[source]]\nid = \"b\"\ntitle = \"B\"\nkind = \"notes\"\nreliability = \"B\"\n\
             sha256 = \"{bb}\"\n\n\
             [[source]]\nid = \"a-copy\"\ntitle = \"A again\"\nkind = \"notes\"\n\
             reliability = \"B\"\nsha256 = \"{aa}\"\n\n\
             [[entity]]\nid = \"fort\"\nname = \"Fort\"\nkind = \"facility\"\n\n\
             [[predicate]]\nid = \"garrison\"\nlabel = \"garrison\"\nvalue_type = \"quantity\"\n\
             unit = \"soldiers\"\n\n\
             [[predicate]]\nid = \"supplied\"\nlabel = \"supplied\"\nvalue_type = \"none\"\n\n\
             {claims}",
            aa = "a".repeat(64),
            bb = "b".repeat(64)
        );
        load(
            &[DataFile {
                path: "t.toml".into(),
                text,
            }],
            &Known::default(),
        )
        .expect("valid test data")
    }

    fn claim(predicate: &str, value: &str, when: &str, citations: &[(&str, &str, u8)]) -> String {
        let mut out = format!(
            "[[claim]]\nid = \"c\"\nsubject = \"fort\"\npredicate = \"{predicate}\"\n{value}\
             when = \"{when}\"\nnote = \"n\"\n"
        );
        for (source, locator, credibility) in citations {
            out.push_str(&format!(
                "\n[[claim.citation]]\nsource = \"{source}\"\nquote = \"q\"\n\
                 locator = \"{locator}\"\ncredibility = {credibility}\n"
            ));
        }
        out
    }

    fn messages(findings: &[Finding]) -> Vec<(Severity, &str)> {
        findings
            .iter()
            .map(|f| (f.severity, f.message.as_str()))
            .collect()
    }

    /// A tagger that finds no dates.
    fn no_dates(_: &str, _: &str) -> Vec<String> {
        Vec::new()
    }

    fn texts() -> HashMap<&'static str, &'static str> {
        HashMap::from([("a", TEXT), ("b", TEXT)])
    }

    #[test]
    fn credibility_1_counts_independent_sources() {
        let one = dataset(
            "2020",
            &claim("supplied", "", "2020-03", &[("a", "line 3", 1)]),
        );
        let found = credibility(&one);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].citation, Some(1));
        assert!(found[0].message.contains("cites only `a`;"));
        let two = dataset(
            "2020",
            &claim(
                "supplied",
                "",
                "2020-03",
                &[("a", "line 3", 1), ("b", "line 3", 2)],
            ),
        );
        assert!(credibility(&two).is_empty());
        // The same text under two records is one source.
        let copy = dataset(
            "2020",
            &claim(
                "supplied",
                "",
                "2020-03",
                &[("a", "line 3", 1), ("a-copy", "line 3", 1)],
            ),
        );
        assert_eq!(credibility(&copy).len(), 1);
        let graded_2 = dataset(
            "2020",
            &claim("supplied", "", "2020-03", &[("a", "line 3", 2)]),
        );
        assert!(credibility(&graded_2).is_empty());
    }

    #[test]
    fn a_value_in_words_at_its_locator_holds() {
        let value = "quantity = { amount = 2000, bound = \"exact\" }\n";
        let held = dataset(
            "2020",
            &claim("garrison", value, "2020~", &[("a", "line 2", 2)]),
        );
        assert!(against_texts(&held, &texts(), &HashSet::new(), &no_dates).is_empty());
        let elsewhere = dataset(
            "2020",
            &claim("garrison", value, "2020~", &[("a", "line 3", 2)]),
        );
        let found = against_texts(&elsewhere, &texts(), &HashSet::new(), &no_dates);
        assert_eq!(
            messages(&found),
            [(
                Severity::Warning,
                "the value 2,000 is in none of its quotes or locator lines (`line 3`); it is at \
                 line 2 of `a`: quote it or widen the locator"
            )]
        );
        // A claim whose quote failed is left alone.
        assert!(against_texts(&elsewhere, &texts(), &HashSet::from(["c"]), &no_dates).is_empty());
    }

    #[test]
    fn dates_and_the_publication_convention() {
        let at = |published: &str, when: &str, locator: &str| {
            let data = dataset(
                published,
                &claim("supplied", "", when, &[("a", locator, 2)]),
            );
            against_texts(&data, &texts(), &HashSet::new(), &no_dates)
        };
        // Explicit dates at the locator; "as of publication" in the convention's form.
        assert!(at("2020", "2020-03", "line 3").is_empty());
        assert!(at("2020-06-01", "2020~", "line 2").is_empty());
        assert!(at("[2020-04..2020-06]", "[2020-04..2020-06]", "line 2").is_empty());
        // An interval that ends at publication needs only its start in the text.
        assert!(at("2020-06", "2020-03/2020-06", "line 3").is_empty());
        // The publication's date written plainly, or the span of a set as an interval.
        let found = at("2021-06-01", "2021", "line 2");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.contains("is written `2021~`"), "{found:?}");
        let found = at("[2020-04..2020-06]", "2020-04/2020-06", "line 2");
        assert!(
            found[0].message.contains("is written `[2020-04..2020-06]`"),
            "{found:?}"
        );
        // A date the locator lines do not hold is a warning naming where it is.
        let found = at("2021", "2020-03", "line 2");
        assert_eq!(
            messages(&found),
            [(
                Severity::Warning,
                "the date 2020-03 (of `2020-03`) is in none of its quotes or locator lines \
                 (`line 2`); it is at line 3 of `a`: quote it or widen the locator"
            )]
        );
        // An approximate date is the curator's inference: not looked for, but it needs a note.
        assert!(at("2021", "2019~", "line 2").is_empty());
    }

    #[test]
    fn as_of_publication_rewrites_what_check_refuses() {
        let friday = "The minister said on Friday that talks went well.";
        assert_eq!(
            as_of_publication("2012-07-06", "2012-07-09", friday, &no_dates).as_deref(),
            Some("2012~")
        );
        // A date the passage gives stands; so do other years and the convention itself.
        let dated = "On July 6, 2012 the minister spoke.";
        assert_eq!(
            as_of_publication("2012-07-06", "2012-07-09", dated, &no_dates),
            None
        );
        assert_eq!(
            as_of_publication("2009", "2012-07-09", friday, &no_dates),
            None
        );
        assert_eq!(
            as_of_publication("2012~", "2012-07-09", friday, &no_dates),
            None
        );
        assert_eq!(
            as_of_publication("2012-07-09", "2012-07-09", "Today he left.", &no_dates).as_deref(),
            Some("2012~")
        );
        // A day the passage gives relative to the publication (a tagger reads "on Friday" in
        // an article of 2012-07-09 as 2012-07-06) stands, and so does its month.
        let tagger = |passage: &str, published: &str| -> Vec<String> {
            assert_eq!(published, "2012-07-09");
            if passage.contains("Friday") {
                vec!["2012-07-06".to_string()]
            } else {
                Vec::new()
            }
        };
        assert_eq!(
            as_of_publication("2012-07-06", "2012-07-09", friday, &tagger),
            None
        );
        assert_eq!(
            as_of_publication("2012-07", "2012-07-09", friday, &tagger),
            None
        );
        assert_eq!(
            as_of_publication("2012-07-05", "2012-07-09", friday, &tagger).as_deref(),
            Some("2012~")
        );
        assert_eq!(
            as_of_publication("2012-07-06", "2012-07-09", "He is minister.", &tagger).as_deref(),
            Some("2012~")
        );
        assert!(gives(&["2012-07-06".to_string()], "2012-07"));
        assert!(!gives(&["2012-07-06".to_string()], "2012"));
        assert!(!gives(&["2012-07-06".to_string()], "2012-0"));
        assert!(!gives(&["2012-07-06".to_string()], "2012-07-0"));
    }

    #[test]
    fn endpoints_of_intervals_and_sets() {
        assert_eq!(
            endpoints("2009/2011"),
            (vec!["2009".into(), "2011".into()], true)
        );
        assert_eq!(endpoints("../2032"), (vec!["2032".into()], true));
        assert_eq!(endpoints("[2013..]"), (vec!["2013".into()], true));
        assert_eq!(
            endpoints("[2011-05-17,2011-05-24]"),
            (vec!["2011-05-17".into(), "2011-05-24".into()], true)
        );
        assert_eq!(endpoints("1994"), (vec!["1994".into()], false));
    }
}
