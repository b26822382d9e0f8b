//! Which side to believe: a deterministic ranking with the reason it gives.
//!
//! Sides are ranked by, in order: the more reliable source (Admiralty grade A best … F worst,
//! ungraded last), the more credible citation (1 best … 6), the more recently published source
//! (by the earliest possible day of `published`; undated last), the more precise figure or date
//! (narrower relative value interval, or shorter time span), the better corroborated side (more
//! independent sources, then more citations), a directly stated figure before one computed from
//! others, and finally the claim id. For a side cited from several sources the best grade
//! counts.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::Source;
use crate::time::{OPEN_START_DAY, When};

/// A side's standing for the best-value choice.
pub struct Candidate {
    /// The claim the side's value comes from.
    pub claim: String,
    /// 1 (A) … 6 (F), 7 ungraded.
    reliability: u8,
    /// 1 … 6, 7 when there is no citation.
    credibility: u8,
    /// The most recent publication: its earliest possible day and its date in words.
    published: Option<(i64, String)>,
    /// Smaller is more precise; NaN counts as infinite.
    imprecision: f64,
    figure: String,
    sources: usize,
    citations: usize,
    /// Stated directly (as opposed to a term of a derived figure).
    stated: bool,
}

/// What a candidate is made of.
pub struct Standing<'s> {
    pub claim: &'s str,
    pub sources: &'s [&'s str],
    pub credibility: u8,
    pub citations: usize,
    pub imprecision: f64,
    pub figure: String,
    pub stated: bool,
}

impl Candidate {
    pub fn new(sources: &HashMap<String, Source>, s: Standing) -> Candidate {
        let known: Vec<&Source> = s.sources.iter().filter_map(|id| sources.get(*id)).collect();
        let reliability = known
            .iter()
            .map(|src| grade(&src.reliability))
            .min()
            .unwrap_or(7);
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
            reliability,
            credibility: if (1..=6).contains(&s.credibility) {
                s.credibility
            } else {
                7
            },
            published,
            imprecision: if s.imprecision.is_nan() {
                f64::INFINITY
            } else {
                s.imprecision
            },
            figure: s.figure,
            sources: s.sources.len(),
            citations: s.citations,
            stated: s.stated,
        }
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
    Reliability,
    Credibility,
    Recency,
    Precision,
    Corroboration,
    Stated,
    Id,
}

/// `Less` when `a` is the better claim, with the criterion that decided.
fn compare(a: &Candidate, b: &Candidate) -> (Ordering, Criterion) {
    let steps: [(Ordering, Criterion); 7] = [
        (a.reliability.cmp(&b.reliability), Criterion::Reliability),
        (a.credibility.cmp(&b.credibility), Criterion::Credibility),
        (
            b.published
                .as_ref()
                .map(|p| p.0)
                .cmp(&a.published.as_ref().map(|p| p.0)),
            Criterion::Recency,
        ),
        (
            a.imprecision.total_cmp(&b.imprecision),
            Criterion::Precision,
        ),
        (
            (b.sources, b.citations).cmp(&(a.sources, a.citations)),
            Criterion::Corroboration,
        ),
        (b.stated.cmp(&a.stated), Criterion::Stated),
        (a.claim.cmp(&b.claim), Criterion::Id),
    ];
    steps
        .into_iter()
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
    let mut ties = Vec::new();
    let recency_text = |c: &Candidate| {
        c.published
            .as_ref()
            .map_or_else(|| "undated".to_string(), |p| p.1.clone())
    };
    let decided = match decisive {
        Criterion::Reliability => format!(
            "{b} is cited from a more reliable source (grade {} against {})",
            grade_text(best.reliability),
            grade_text(other.reliability)
        ),
        Criterion::Credibility => format!(
            "{b} has the more credible citation ({} against {})",
            best.credibility, other.credibility
        ),
        Criterion::Recency => format!(
            "{b} comes from the more recently published source ({} against {})",
            recency_text(best),
            recency_text(other)
        ),
        Criterion::Precision => format!(
            "{b} is the more precise ({} against {})",
            best.figure, other.figure
        ),
        Criterion::Corroboration => format!(
            "{b} is better corroborated ({} independent sources and {} citations against {} and {})",
            best.sources, best.citations, other.sources, other.citations
        ),
        Criterion::Stated => format!(
            "{b} states the figure directly, which is preferred to one computed from other \
             figures"
        ),
        Criterion::Id => format!("{b} is taken as the first by id (against {o})"),
    };
    let order = [
        Criterion::Reliability,
        Criterion::Credibility,
        Criterion::Recency,
        Criterion::Precision,
        Criterion::Corroboration,
        Criterion::Stated,
    ];
    for criterion in order {
        if criterion == decisive {
            break;
        }
        ties.push(match criterion {
            Criterion::Reliability => {
                format!("same source reliability ({})", grade_text(best.reliability))
            }
            Criterion::Credibility => format!("same citation credibility ({})", best.credibility),
            Criterion::Recency => format!("same publication date ({})", recency_text(best)),
            Criterion::Precision => "equally precise".to_string(),
            Criterion::Corroboration => "equally corroborated".to_string(),
            Criterion::Stated => "both stated directly".to_string(),
            Criterion::Id => String::new(),
        });
    }
    if ties.is_empty() {
        decided
    } else {
        format!("{}; {decided}", ties.join(", "))
    }
}
