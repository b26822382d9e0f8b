//! Reviewing candidates: what a queued candidate suggests, the claim it becomes when
//! accepted (with an `extracted` citation: the candidate's phrase as quote, its line as
//! locator, the extractor's score; or a `manual` one for a claim proposed with `review add`),
//! the key that keeps a rejected suggestion from coming back, and the one-at-a-time session
//! that reads decisions from any reader.
//!
//! `accept` checks the analyst's edits and writes accepted claims (and the entities they
//! adopt) through the data-file writer; `add` proposes a claim from any line or quote of a
//! source's text; `source` registers a text as a source; `text` reads and quotes the texts;
//! `judge` asks the conflict engine about a candidate. No SQL here: `db` holds it.

pub mod accept;
pub mod add;
pub mod extraction;
pub mod judge;
pub mod list;
pub mod resolve;
pub mod session;
pub mod source;
pub mod text;

use session::Existing;

use std::collections::{BTreeMap, HashMap};

use anyhow::{Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::conflicts::{Context, Engine, Fact, Verdict, clusters, normal_qualifiers};
use crate::db::review::{NewItem, Queued};
use crate::extract::Candidate;
use crate::model::{Citation, Claim, Method, Quantity, QuantityBound, Value};
use crate::time::When;

/// What a queued candidate suggests, as stored with it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Suggested {
    pub subject: String,
    pub predicate: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub qualifiers: BTreeMap<String, Vec<String>>,
    pub when: Option<String>,
    /// What the claim's note says besides its provenance (a day the text gives only relative
    /// to the publication, when the time is written as of publication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct Stored {
    rule: String,
    suggestion: Option<Suggested>,
}

/// The suggestion and the rule of a queued candidate.
pub fn suggested(q: &Queued) -> Result<(Suggested, String)> {
    let stored: Stored = serde_json::from_str(&q.item.candidate).map_err(|e| {
        anyhow!(
            "candidate {} is stored in a form this version cannot read: {e}",
            q.item.id
        )
    })?;
    let s = stored
        .suggestion
        .ok_or_else(|| anyhow!("candidate {} suggests no claim", q.item.id))?;
    Ok((s, stored.rule))
}

/// The key of what a suggestion says: a rejection covers every candidate with the same key.
pub fn content_key(s: &Suggested) -> String {
    let value = serde_json::to_string(&s.value).unwrap_or_default();
    let qualifiers = serde_json::to_string(&s.qualifiers).unwrap_or_default();
    format!(
        "{}|{}|{value}|{qualifiers}|{}",
        s.subject,
        s.predicate,
        s.when.as_deref().unwrap_or("")
    )
}

/// A candidate of `extract` as a queue entry: only candidates that suggest a claim are queued.
/// `text` is the piece of the document the candidate's offsets point into, `base` the byte
/// offset of that piece in the file (the candidate's offsets are into the whole file); `note`
/// what [`text::conform_candidate`] said of its time.
pub fn queue_item(
    c: &Candidate,
    note: Option<&str>,
    text: &str,
    base: usize,
    document: &str,
    sha256: &str,
    source: &str,
) -> Option<NewItem> {
    let suggestion = c.suggestion.as_ref()?;
    let mut json = serde_json::to_value(c).ok()?;
    if let Some(note) = note
        && let Some(s) = json.get_mut("suggestion").and_then(|s| s.as_object_mut())
    {
        s.insert("note".into(), note.into());
    }
    let candidate = json.to_string();
    let value = serde_json::to_value(&suggestion.value).ok()?;
    let suggested = Suggested {
        subject: suggestion.subject.clone(),
        predicate: suggestion.predicate.clone(),
        value,
        qualifiers: suggestion.qualifiers.clone(),
        when: suggestion.when.clone(),
        note: None,
    };
    let sentence = text
        .get(c.sentence.start.checked_sub(base)?..c.sentence.end.checked_sub(base)?)?
        .to_string();
    let last = c.line + c.text.matches('\n').count();
    let locator = if last == c.line {
        format!("line {}", c.line)
    } else {
        format!("lines {}-{last}", c.line)
    };
    Some(NewItem {
        id: c.id.clone(),
        kind: c.kind.to_string(),
        content: content_key(&suggested),
        document: document.to_string(),
        sha256: sha256.to_string(),
        source: Some(source.to_string()),
        line: c.line,
        score: c.score,
        candidate,
        sentence,
        quote: c.text.clone(),
        locator,
    })
}

/// A suggestion's value as the model's, from its JSON.
pub fn value_of(json: &serde_json::Value) -> Result<Value> {
    let kind = json.get("type").and_then(|t| t.as_str()).unwrap_or("");
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("a suggested {kind} value has no `{key}`"))
    };
    Ok(match kind {
        "entity" => Value::Entity {
            entity: text("entity")?,
        },
        "text" => Value::Text {
            text: text("text")?,
        },
        "none" => Value::None,
        "quantity" => {
            let number = |key: &str| json.get(key).and_then(serde_json::Value::as_f64);
            Value::Quantity(Quantity {
                amount: number("amount")
                    .ok_or_else(|| anyhow!("a suggested quantity has no amount"))?,
                lower: number("lower"),
                upper: number("upper"),
                unit: json
                    .get("unit")
                    .and_then(|u| u.as_str())
                    .unwrap_or("")
                    .to_string(),
                bound: QuantityBound::parse(&text("bound")?)
                    .ok_or_else(|| anyhow!("a suggested quantity has an unknown bound"))?,
            })
        }
        other => bail!("`{other}` is not a value type"),
    })
}

/// Reads a quantity as an analyst types it: "16.3 million", "nearly 22%", "60", "about 4,500".
pub fn parse_quantity(text: &str, unit: &str) -> Option<Quantity> {
    let trimmed = text.trim();
    if let Ok(amount) = trimmed.parse::<f64>() {
        return (amount.is_finite() && amount.abs() < 1e15).then(|| Quantity {
            amount,
            lower: None,
            upper: None,
            unit: unit.to_string(),
            bound: QuantityBound::Exact,
        });
    }
    // Reading a lone figure: a trailing noun helps the grammar see a count.
    let found = crate::extract::quantity::find(trimmed, &[]);
    let first = found
        .into_iter()
        .find(|f| f.start == 0 || trimmed[..f.start].trim().is_empty())?;
    let mut q = first.quantity;
    q.unit = unit.to_string();
    Some(q)
}

/// The claim an accepted suggestion becomes.
pub struct Accepted<'a> {
    pub queued: &'a Queued,
    pub suggested: Suggested,
    pub value: Value,
    pub rule: String,
    /// Who accepted it: the citation's curator.
    pub by: Option<String>,
    pub credibility: u8,
    /// Whether the analyst gave the time (else it is the candidate's).
    pub dated_by_analyst: bool,
    /// The analyst's quote and its locator (else the candidate's).
    pub quote: Option<(String, String)>,
    /// The source's publication date (EDTF), which `check` measures "as of" times by.
    pub published: Option<String>,
}

impl Accepted<'_> {
    /// The claim: id `<predicate>-<subject>-<candidate id>`, the suggestion's parts, and one
    /// citation of the queued source with the candidate's phrase, line and score (`extracted`),
    /// or the analyst's quote (`manual`, for a claim proposed with `review add`). A date in the
    /// publication's year the text does not give is written as `check` wants it (`2012~`),
    /// with the date in the note; what was changed so is said in the returned lines.
    pub fn claim(&self) -> Result<(Claim, Vec<String>)> {
        let q = &self.queued.item;
        let s = &self.suggested;
        let source = q.source.clone().ok_or_else(|| {
            anyhow!(
                "candidate {} was queued without a source; it cannot be cited",
                q.id
            )
        })?;
        let mut when_text = s
            .when
            .clone()
            .ok_or_else(|| anyhow!("candidate {} has no time; give one with --when EDTF", q.id))?;
        let (quote, locator) = self
            .quote
            .clone()
            .unwrap_or_else(|| (q.quote.clone(), q.locator.clone()));
        let manual = self.rule.starts_with(MANUAL);
        let id = claim_id(&s.predicate, &s.subject, &q.id);
        let mut note = if manual {
            format!(
                "Proposed from {} ({locator}) with `review add`.",
                q.document
            )
        } else {
            format!(
                "Extracted from {} (line {}) by rule {}.",
                q.document, q.line, self.rule
            )
        };
        if self.rule.contains(".as_of") && !self.dated_by_analyst {
            note.push_str(" The sentence gives no date; the claim is dated as of publication.");
        }
        if let Some(more) = &s.note {
            note.push(' ');
            note.push_str(more);
        }
        let mut said = Vec::new();
        if let Some((wanted, why)) = text::conform(&when_text, self.published.as_deref(), || {
            text::passage(self.queued, &locator)
        }) {
            said.push(format!(
                "candidate {}: dated {wanted}, not {when_text}: the text gives that day only                  relative to the publication (the day is in the note)",
                q.id
            ));
            note.push(' ');
            note.push_str(&why);
            when_text = wanted;
        }
        let when = When::parse(&when_text)
            .map_err(|e| anyhow!("`{when_text}` is not a valid EDTF date: {e}"))?;
        let claim = Claim {
            id,
            subject: s.subject.clone(),
            predicate: s.predicate.clone(),
            value: self.value.clone(),
            qualifiers: s.qualifiers.clone(),
            when,
            note: Some(note),
            citations: vec![Citation {
                source,
                quote,
                locator,
                method: if manual {
                    Method::Manual
                } else {
                    Method::Extracted
                },
                credibility: self.credibility,
                extractor_score: (!manual).then(|| (q.score * 1000.0).round() / 1000.0),
                curator: self.by.clone(),
            }],
        };
        Ok((claim, said))
    }
}

/// The rule of a claim an analyst proposed with `review add` (`manual.line`, `manual.quote`):
/// cited `manual`, without an extractor score.
pub const MANUAL: &str = "manual";

/// The id an accepted candidate's claim gets: `<predicate>-<subject>-<candidate id>`.
pub fn claim_id(predicate: &str, subject: &str, candidate: &str) -> String {
    format!("{predicate}-{subject}-{candidate}")
        .to_lowercase()
        .replace('_', "-")
}

/// A suggestion as the conflict engine would see it once accepted: the claim id it would get,
/// its one `extracted` citation, recorded `now`. `None` without a valid time: the engine
/// cannot judge an undated claim (accepting one needs a time anyway).
pub fn candidate_fact(
    q: &Queued,
    s: &Suggested,
    value: &Value,
    credibility: u8,
    now: &str,
) -> Option<Fact> {
    let when = When::parse(s.when.as_deref()?).ok()?;
    Some(Fact {
        id: claim_id(&s.predicate, &s.subject, &q.item.id),
        subject: s.subject.clone(),
        predicate: s.predicate.clone(),
        qualifiers: normal_qualifiers(&s.qualifiers),
        value: value.clone(),
        when,
        sources: q.item.source.iter().cloned().collect(),
        citations: 1,
        credibility,
        recorded_at: now.to_string(),
        names_basis: crate::conflicts::basis::named_in(&q.item.quote),
    })
}

/// How `candidate` would stand to the stored claims of its subject (`stored`: those of its
/// predicate, and of the predicates a rule ties to it) once accepted, judged by the same
/// engine as `factline conflicts --all`: every claim it would be compared with, with the
/// verdict (`conflict`, `tension`, `agrees`) and the engine's explanation and reading; a claim
/// that would join the candidate's side (the same statement at the same time) agrees; a stored
/// claim of the same predicate that no rule compares is listed as `not compared`, with why.
/// Worst first, then by claim id; those not compared nearest in time first.
pub fn standing(ctx: Context<'_>, stored: &[Fact], candidate: &Fact) -> Vec<Existing> {
    let mut facts: Vec<Fact> = stored
        .iter()
        .filter(|f| f.id != candidate.id)
        .cloned()
        .collect();
    facts.push(candidate.clone());
    let engine = Engine::new(Context { all: true, ..ctx });
    let ctx = engine.context();
    let by_id: HashMap<&str, &Fact> = facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let shown =
        |f: &Fact, relation: &'static str, explanation: String, finding: Option<String>| Existing {
            claim: f.id.clone(),
            value: value_words(&f.value),
            when: f.when.as_str().to_string(),
            relation,
            explanation,
            finding,
        };
    // Claim id → what it would be to the candidate; the worst verdict wins.
    let mut out: BTreeMap<String, (Verdict, Existing)> = BTreeMap::new();
    let mut keep = |verdict: Verdict, e: Existing| match out.get(&e.claim) {
        Some((v, _)) if *v <= verdict => {}
        _ => {
            out.insert(e.claim.clone(), (verdict, e));
        }
    };
    for finding in engine.subject(&facts) {
        let Some(own) = finding
            .sides
            .iter()
            .position(|side| side.claims.contains(&candidate.id))
        else {
            continue;
        };
        let relation = match finding.verdict {
            Verdict::Conflict => "conflict",
            Verdict::Tension => "tension",
            Verdict::Consistent => "agrees",
        };
        let words = format!("{} — {}", finding.explanation, finding.reading);
        for (i, side) in finding.sides.iter().enumerate() {
            for id in &side.claims {
                let Some(f) = by_id.get(id.as_str()).filter(|f| f.id != candidate.id) else {
                    continue;
                };
                let e = if i == own {
                    shown(
                        f,
                        "agrees",
                        "the same statement for the same time: one side with the candidate"
                            .to_string(),
                        None,
                    )
                } else {
                    shown(f, relation, words.clone(), Some(finding.id.clone()))
                };
                keep(
                    if i == own {
                        Verdict::Consistent
                    } else {
                        finding.verdict
                    },
                    e,
                );
            }
        }
    }
    // The candidate's own agreement set, which no entry names when the group has one side.
    if let Some(predicate) = ctx.predicates.get(&candidate.predicate) {
        let members: Vec<&Fact> = facts
            .iter()
            .filter(|f| f.predicate == candidate.predicate && f.qualifiers == candidate.qualifiers)
            .collect();
        let group = clusters::Group::build(ctx, predicate, &members);
        for set in &group.sets {
            if set.facts.iter().any(|f| f.id == candidate.id) {
                for f in set.facts.iter().filter(|f| f.id != candidate.id) {
                    keep(
                        Verdict::Consistent,
                        shown(
                            f,
                            "agrees",
                            "the same statement for the same time: one side with the candidate"
                                .to_string(),
                            None,
                        ),
                    );
                }
            }
        }
    }
    let judged = ctx
        .predicates
        .get(&candidate.predicate)
        .is_some_and(|p| p.functional || p.once);
    for f in facts
        .iter()
        .filter(|f| f.id != candidate.id && f.predicate == candidate.predicate)
    {
        if out.contains_key(&f.id) {
            continue;
        }
        let why = if f.qualifiers != candidate.qualifiers {
            "other qualifiers: a separate group, never compared".to_string()
        } else if !judged {
            format!(
                "`{}` is neither functional nor once-only: its claims are not compared",
                candidate.predicate
            )
        } else if ctx.is_series(f) {
            "a point of a dataset series: the series is judged as a curve over the candidate's \
             time, not point by point"
                .to_string()
        } else {
            "not compared directly: they lie further apart in time than the predicate compares, \
             or other claims stand between them"
                .to_string()
        };
        out.insert(
            f.id.clone(),
            (Verdict::Consistent, shown(f, "not compared", why, None)),
        );
    }
    let rank = |e: &Existing| match e.relation {
        "conflict" => 0,
        "tension" => 1,
        "agrees" => 2,
        _ => 3,
    };
    // Days between a claim's span and the candidate's: the nearest in time come first among
    // those not compared (a long series would otherwise open with its oldest points).
    let gap = |id: &str| {
        by_id.get(id).map_or(i64::MAX, |f| {
            let (a, b) = (&f.when, &candidate.when);
            a.start_day()
                .saturating_sub(b.end_day())
                .max(b.start_day().saturating_sub(a.end_day()))
                .max(0)
        })
    };
    let mut list: Vec<Existing> = out.into_values().map(|(_, e)| e).collect();
    list.sort_by_cached_key(|e| {
        let near = if rank(e) == 3 { gap(&e.claim) } else { 0 };
        (rank(e), near, e.claim.clone())
    });
    list
}

/// A value in words for people: "16.3 million persons", "kant-air-base", "(none)".
pub fn value_words(v: &Value) -> String {
    match v {
        Value::Quantity(q) => q.to_string(),
        Value::Entity { entity } => entity.clone(),
        Value::Text { text } => format!("\"{text}\""),
        Value::None => "(no value)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json() {
        for v in [
            Value::None,
            Value::Entity {
                entity: "kant-air-base".into(),
            },
            Value::Text {
                text: "rent".into(),
            },
            Value::Quantity(Quantity {
                amount: 22.0,
                lower: None,
                upper: None,
                unit: "percent".into(),
                bound: QuantityBound::Nearly,
            }),
        ] {
            let json = serde_json::to_value(&v).unwrap();
            assert_eq!(value_of(&json).unwrap(), v);
        }
        assert!(value_of(&serde_json::json!({"type": "quantity"})).is_err());
    }

    #[test]
    fn typed_quantities() {
        let q = parse_quantity("nearly 22%", "percent").unwrap();
        assert_eq!(
            (q.amount, q.bound, q.unit.as_str()),
            (22.0, QuantityBound::Nearly, "percent")
        );
        assert_eq!(
            parse_quantity("16,3 million", "persons").unwrap().amount,
            16_300_000.0
        );
        assert_eq!(parse_quantity("60", "").unwrap().amount, 60.0);
        assert!(parse_quantity("many", "").is_none());
        assert!(parse_quantity("1e400", "").is_none());
    }

    fn predicate(id: &str, functional: bool) -> crate::model::Predicate {
        crate::model::Predicate {
            id: id.into(),
            label: id.into(),
            value_type: if functional {
                crate::model::ValueType::Quantity
            } else {
                crate::model::ValueType::Entity
            },
            unit: None,
            functional,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: crate::model::ChangeUnit::Relative,
            comparable_within_days: Some(730),
            once: false,
            template: None,
            description: None,
            cues: Vec::new(),
            state_change: None,
        }
    }

    fn fact(id: &str, predicate: &str, value: Value, when: &str, group: Option<&str>) -> Fact {
        let mut qualifiers = BTreeMap::new();
        if let Some(g) = group {
            qualifiers.insert("group".to_string(), vec![g.to_string()]);
        }
        Fact {
            id: id.into(),
            subject: "kazakhstan".into(),
            predicate: predicate.into(),
            qualifiers,
            value,
            when: When::parse(when).unwrap(),
            sources: vec!["a".into()],
            citations: 1,
            credibility: 3,
            recorded_at: id.into(),
            names_basis: None,
        }
    }

    fn people(amount: f64, bound: QuantityBound) -> Value {
        Value::Quantity(Quantity {
            amount,
            lower: None,
            upper: None,
            unit: "persons".into(),
            bound,
        })
    }

    #[test]
    fn standing_is_the_engines_verdict_and_says_what_is_not_compared() {
        let predicates: HashMap<String, crate::model::Predicate> = [
            ("population".to_string(), predicate("population", true)),
            ("leases".to_string(), predicate("leases", false)),
        ]
        .into_iter()
        .collect();
        let (sources, names) = (HashMap::new(), HashMap::new());
        let ctx = || Context {
            predicates: &predicates,
            sources: &sources,
            rules: &[],
            names: &names,
            all: false,
        };
        let stored = [
            fact(
                "estimate",
                "population",
                people(17.6e6, QuantityBound::About),
                "2011~",
                None,
            ),
            fact(
                "same",
                "population",
                people(16.3e6, QuantityBound::Exact),
                "2011~",
                None,
            ),
            fact(
                "a-group",
                "population",
                people(4e6, QuantityBound::Exact),
                "2011",
                Some("x"),
            ),
        ];
        let candidate = fact(
            "new",
            "population",
            people(16.3e6, QuantityBound::Exact),
            "2011~",
            None,
        );
        // Recorded last, as an accepted candidate is: the stored claim names the side.
        let candidate = Fact {
            recorded_at: "~".into(),
            ..candidate
        };
        let got = standing(ctx(), &stored, &candidate);
        let relation = |id: &str| {
            let e = got.iter().find(|e| e.claim == id).unwrap();
            (e.relation, e.explanation.clone(), e.finding.clone())
        };
        let (r, words, finding) = relation("estimate");
        assert_eq!(r, "conflict");
        assert!(words.contains("no reading reconciles them"), "{words}");
        assert_eq!(finding.as_deref(), Some("value:estimate+same"));
        assert_eq!(relation("same").0, "agrees");
        let (r, words, _) = relation("a-group");
        assert_eq!(r, "not compared");
        assert!(words.contains("other qualifiers"), "{words}");
        // Worst first.
        assert_eq!(got[0].claim, "estimate");

        // A predicate no rule judges: shown, not compared.
        let stored = [fact(
            "manas",
            "leases",
            Value::Entity {
                entity: "manas".into(),
            },
            "2011",
            None,
        )];
        let candidate = fact(
            "kant",
            "leases",
            Value::Entity {
                entity: "kant".into(),
            },
            "2011",
            None,
        );
        let got = standing(ctx(), &stored, &candidate);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].relation, "not compared");
        assert!(
            got[0].explanation.contains("neither functional"),
            "{:?}",
            got[0]
        );
    }
}
