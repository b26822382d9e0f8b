//! Which side to believe, for a time: one ordered chain of checks, each said in words.
//!
//! A value that changes has no best across dates, so every suggestion is for the time its entry
//! is about (the latest natural time among its sides, or the figure's time against a series).
//! Sides are ranked by, in order:
//!
//! 1. **evidence at that time**: agreeing with a reference series there (interpolated, within
//!    its tolerance) beats having none to compare with, which beats being contradicted by one;
//!    a figure computed from a term that other evidence shows to be wrong counts as
//!    contradicted;
//! 2. **independent sources that agree** (distinct sources in the side; a series or a computed
//!    figure counts as one);
//! 3. **how well its own time fits**: a figure whose natural time ends before the entry's time
//!    is stale and loses, the staler the worse (a series' value at that time fits exactly);
//! 4. **source reliability** (Admiralty A best … F, ungraded last; for a side cited from several
//!    sources the best grade, for a figure computed from several terms the *weakest*), then the
//!    **citation's credibility** (1 best … 6);
//! 5. **precision**: the narrower relative value interval or the shorter time span;
//!
//! then the more recently published source, a figure stated directly before one computed from
//! others, more citations, and finally the claim id.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::Source;
use crate::time::{OPEN_START_DAY, When};

/// What other evidence says of a side at the entry's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// A reference series agrees with it there (or it is the series).
    Agrees,
    /// Nothing to compare with.
    Unknown,
    /// A series disagrees, or it is computed from a term shown to be wrong.
    Contradicted,
}

/// A side's standing for the best-value choice.
pub struct Candidate {
    /// The claim the side's value comes from.
    pub claim: String,
    evidence: Evidence,
    evidence_words: String,
    independent: usize,
    /// Days from the end of its natural time to the entry's time; 0 when it reaches it.
    staleness: i64,
    when: String,
    /// 1 (A) … 6 (F), 7 ungraded.
    reliability: u8,
    /// 1 … 6, 7 when there is no citation.
    credibility: u8,
    /// Smaller is more precise; NaN counts as infinite.
    imprecision: f64,
    figure: String,
    /// The most recent publication: its earliest possible day and its date in words.
    published: Option<(i64, String)>,
    citations: usize,
    /// Stated directly (as opposed to computed from other figures).
    stated: bool,
}

/// What a candidate is made of.
pub struct Standing<'s> {
    pub claim: &'s str,
    pub sources: &'s [&'s str],
    /// A figure computed from several terms: the weakest grade among `sources` counts.
    pub weakest: bool,
    pub credibility: u8,
    pub citations: usize,
    pub imprecision: f64,
    /// The figure in words, for the precision step: `25%, i.e. 24.5–25.5%`.
    pub figure: String,
    pub stated: bool,
    pub evidence: Evidence,
    /// What the evidence is, in words: `agrees with the census line at 2013 (20.97%)`.
    pub evidence_words: String,
    /// Distinct sources that agree on it.
    pub independent: usize,
    /// Days from the end of its natural time to the entry's time (0 when it reaches it).
    pub staleness: i64,
    /// Its time in words: `c. 2011`.
    pub when: String,
}

impl Candidate {
    pub fn new(sources: &HashMap<String, Source>, s: Standing) -> Candidate {
        let known: Vec<&Source> = s.sources.iter().filter_map(|id| sources.get(*id)).collect();
        let grades = known.iter().map(|src| grade(&src.reliability));
        let reliability = if s.weakest {
            // An unknown source among the terms makes the figure ungraded.
            if known.len() < s.sources.len() {
                7
            } else {
                grades.max().unwrap_or(7)
            }
        } else {
            grades.min().unwrap_or(7)
        };
        let published = known
            .iter()
            .filter_map(|src| {
                let text = src.published.as_deref()?;
                let when = When::parse(text).ok()?;
                let day = when.start_day();
                (day != OPEN_START_DAY).then(|| (day, when.human()))
            })
            .max();
        Candidate {
            claim: s.claim.to_string(),
            evidence: s.evidence,
            evidence_words: s.evidence_words,
            independent: s.independent,
            staleness: s.staleness.max(0),
            when: s.when,
            reliability,
            credibility: if (1..=6).contains(&s.credibility) {
                s.credibility
            } else {
                7
            },
            imprecision: if s.imprecision.is_nan() {
                f64::INFINITY
            } else {
                s.imprecision
            },
            figure: s.figure,
            published,
            citations: s.citations,
            stated: s.stated,
        }
    }
}

impl Candidate {
    /// Whether the side speaks for the entry's time and nothing contradicts it: then no
    /// series value needs to stand in for it.
    pub fn settles(&self) -> bool {
        self.staleness == 0 && self.evidence != Evidence::Contradicted
    }
}

fn grade(letter: &str) -> u8 {
    match letter.trim().chars().next().map(|c| c.to_ascii_uppercase()) {
        Some(c @ 'A'..='F') => c as u8 - b'A' + 1,
        _ => 7,
    }
}

fn grade_text(grade: u8) -> String {
    if (1..=6).contains(&grade) {
        char::from(b'A' + grade - 1).to_string()
    } else {
        "ungraded".into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Criterion {
    Evidence,
    Independent,
    Time,
    Reliability,
    Credibility,
    Precision,
    Recency,
    Stated,
    Citations,
    Id,
}

const CHAIN: [Criterion; 9] = [
    Criterion::Evidence,
    Criterion::Independent,
    Criterion::Time,
    Criterion::Reliability,
    Criterion::Credibility,
    Criterion::Precision,
    Criterion::Recency,
    Criterion::Stated,
    Criterion::Citations,
];

fn step(a: &Candidate, b: &Candidate, criterion: Criterion) -> Ordering {
    match criterion {
        Criterion::Evidence => a.evidence.cmp(&b.evidence),
        Criterion::Independent => b.independent.cmp(&a.independent),
        Criterion::Time => a.staleness.cmp(&b.staleness),
        Criterion::Reliability => a.reliability.cmp(&b.reliability),
        Criterion::Credibility => a.credibility.cmp(&b.credibility),
        Criterion::Precision => a.imprecision.total_cmp(&b.imprecision),
        Criterion::Recency => b
            .published
            .as_ref()
            .map(|p| p.0)
            .cmp(&a.published.as_ref().map(|p| p.0)),
        Criterion::Stated => b.stated.cmp(&a.stated),
        Criterion::Citations => b.citations.cmp(&a.citations),
        Criterion::Id => a.claim.cmp(&b.claim),
    }
}

/// `Less` when `a` is the better claim, with the criterion that decided.
fn compare(a: &Candidate, b: &Candidate) -> (Ordering, Criterion) {
    CHAIN
        .into_iter()
        .chain([Criterion::Id])
        .map(|c| (step(a, b, c), c))
        .find(|(o, _)| *o != Ordering::Equal)
        .unwrap_or((Ordering::Equal, Criterion::Id))
}

/// The index of the best candidate and why it beat the runner-up (the best of the rest);
/// `None` for no candidates.
pub fn choose(candidates: &[Candidate]) -> Option<(usize, String)> {
    let best = (0..candidates.len()).min_by(|&a, &b| compare(&candidates[a], &candidates[b]).0)?;
    let runner = (0..candidates.len())
        .filter(|&i| i != best)
        .min_by(|&a, &b| compare(&candidates[a], &candidates[b]).0);
    Some(match runner {
        None => (best, "the only side".into()),
        Some(r) => (best, explain_choice(&candidates[best], &candidates[r])),
    })
}

fn explain_choice(best: &Candidate, other: &Candidate) -> String {
    let (_, decisive) = compare(best, other);
    let (b, o) = (&best.claim, &other.claim);
    let published = |c: &Candidate| {
        c.published
            .as_ref()
            .map_or_else(|| "undated".to_string(), |p| p.1.clone())
    };
    let decided = match decisive {
        Criterion::Evidence => match (best.evidence, other.evidence) {
            (Evidence::Agrees, Evidence::Contradicted) => format!(
                "{b} {}, while {o} {}",
                best.evidence_words, other.evidence_words
            ),
            (Evidence::Agrees, _) => format!(
                "{b} {}; {o} has no series to compare with",
                best.evidence_words
            ),
            _ => format!("{o} {}", other.evidence_words),
        },
        Criterion::Independent => format!(
            "{b} is given by more independent sources ({} against {})",
            best.independent, other.independent
        ),
        Criterion::Time => format!(
            "{b} is for the time in question ({}), while {o} is older ({}) and does not say \
             what held later",
            best.when, other.when
        ),
        Criterion::Reliability => format!(
            "{b} is cited from a more reliable source (grade {} against {})",
            grade_text(best.reliability),
            grade_text(other.reliability)
        ),
        Criterion::Credibility => format!(
            "{b} has the more credible citation ({} against {})",
            best.credibility, other.credibility
        ),
        Criterion::Precision => format!(
            "{b} is the more precise ({} against {})",
            best.figure, other.figure
        ),
        Criterion::Recency => format!(
            "{b} comes from the more recently published source ({} against {})",
            published(best),
            published(other)
        ),
        Criterion::Stated => format!(
            "{b} states the figure directly, which is preferred to one computed from other \
             figures"
        ),
        Criterion::Citations => format!(
            "{b} has more citations ({} against {})",
            best.citations, other.citations
        ),
        Criterion::Id => format!("{b} is taken as the first by id (against {o})"),
    };
    let mut ties = Vec::new();
    for criterion in CHAIN {
        if criterion == decisive {
            break;
        }
        ties.push(match criterion {
            Criterion::Evidence => match best.evidence {
                Evidence::Agrees => "both agree with a reference series".to_string(),
                Evidence::Unknown => "no reference series for either".to_string(),
                Evidence::Contradicted => "both contradicted by other evidence".to_string(),
            },
            Criterion::Independent => format!(
                "{} independent source{} each",
                best.independent,
                if best.independent == 1 { "" } else { "s" }
            ),
            Criterion::Time => "both for the time in question".to_string(),
            Criterion::Reliability => {
                format!("same source reliability ({})", grade_text(best.reliability))
            }
            Criterion::Credibility => format!("same citation credibility ({})", best.credibility),
            Criterion::Precision => "equally precise".to_string(),
            Criterion::Recency => format!("same publication date ({})", published(best)),
            Criterion::Stated => "both stated directly".to_string(),
            Criterion::Citations => "as many citations".to_string(),
            Criterion::Id => String::new(),
        });
    }
    if ties.is_empty() {
        decided
    } else {
        format!("{}; {decided}", ties.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str, grade: &str) -> (String, Source) {
        (
            id.to_string(),
            Source {
                published: Some("2013".into()),
                ..Source::for_tests(id, "report", grade)
            },
        )
    }

    fn standing<'s>(claim: &'s str, sources: &'s [&'s str]) -> Standing<'s> {
        Standing {
            claim,
            sources,
            weakest: false,
            credibility: 3,
            citations: 1,
            imprecision: 0.1,
            figure: claim.into(),
            stated: true,
            evidence: Evidence::Unknown,
            evidence_words: String::new(),
            independent: sources.len(),
            staleness: 0,
            when: "2013".into(),
        }
    }

    #[test]
    fn a_derived_figure_carries_its_weakest_grade() {
        let sources: HashMap<String, Source> = [source("wb", "A"), source("excerpt", "F")]
            .into_iter()
            .collect();
        let terms = ["excerpt", "wb"];
        let mut computed = standing("computed", &terms);
        computed.weakest = true;
        computed.stated = false;
        computed.independent = 1;
        let stated_sources = ["excerpt"];
        let stated = standing("stated", &stated_sources);
        let candidates = [
            Candidate::new(&sources, computed),
            Candidate::new(&sources, stated),
        ];
        let (best, reason) = choose(&candidates).unwrap();
        // Both F: the grade does not favour the computed figure; the stated one wins later.
        assert_eq!(candidates[best].claim, "stated", "{reason}");
        assert!(reason.contains("same source reliability (F)"), "{reason}");
    }

    #[test]
    fn a_stale_figure_loses_to_one_for_the_time_whatever_its_grade() {
        let sources: HashMap<String, Source> = [source("good", "A"), source("poor", "F")]
            .into_iter()
            .collect();
        let (g, p) = (["good"], ["poor"]);
        let mut old = standing("old", &g);
        old.staleness = 700;
        old.when = "c. 2011".into();
        let new = standing("new", &p);
        let candidates = [Candidate::new(&sources, old), Candidate::new(&sources, new)];
        let (best, reason) = choose(&candidates).unwrap();
        assert_eq!(candidates[best].claim, "new");
        assert!(reason.contains("older (c. 2011)"), "{reason}");
    }

    #[test]
    fn agreement_with_a_series_comes_first() {
        let sources: HashMap<String, Source> = [source("good", "A"), source("poor", "F")]
            .into_iter()
            .collect();
        let (g, p) = (["good"], ["poor"]);
        let mut off = standing("off", &g);
        off.evidence = Evidence::Contradicted;
        off.evidence_words = "is 2.7 points above the census line".into();
        let mut on = standing("on", &p);
        on.evidence = Evidence::Agrees;
        on.evidence_words = "agrees with the census line at 2013".into();
        let candidates = [Candidate::new(&sources, off), Candidate::new(&sources, on)];
        let (best, reason) = choose(&candidates).unwrap();
        assert_eq!(candidates[best].claim, "on");
        assert!(
            reason.starts_with("on agrees with the census line"),
            "{reason}"
        );
        // Equal evidence and time: the grade decides, and the ties are named first.
        let mut a = standing("a", &g);
        a.evidence = Evidence::Unknown;
        let b = standing("b", &p);
        let (best, reason) =
            choose(&[Candidate::new(&sources, a), Candidate::new(&sources, b)]).unwrap();
        assert_eq!(best, 0);
        assert!(
            reason.starts_with("no reference series for either, 1 independent source each, both for the time in question; a is cited from a more reliable source (grade A against F)"),
            "{reason}"
        );
    }
}
