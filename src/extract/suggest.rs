//! Claim suggestions: a sentence that names a known entity, holds a cue word of a predicate
//! (`cues` in predicates.toml) and a value or a time that fits the predicate yields a `claim`
//! candidate suggesting subject, predicate, typed value, qualifiers and an EDTF time.
//!
//! Which entity is the subject, the object or a qualifier is read from the predicate's shape:
//! the kinds of entity its stored claims use in each role (a population's subject is a
//! country, its `group` an ethnic group). The time is the sentence's temporal expression
//! nearest the cue, else the publication "as of" (`2011~`). The candidate's span is the
//! shortest phrase holding the subject, the cue, the value and the time: the quote a citation
//! would carry. Pure: built from model types and rows the caller read.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::entity::{self, Gazetteer};
use super::quantity::line_of;
use super::{Candidate, Kind, Mention, Sentence, Span, Suggestion};
use crate::data::fold;
use crate::model::{Entity, Predicate, Quantity, Value, ValueType};

/// How often a kind of entity fills a role in a predicate's stored claims.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Claims of the predicate.
    pub claims: usize,
    /// Entity kind → claims whose subject is of that kind.
    pub subject: HashMap<String, usize>,
    pub object: HashMap<String, usize>,
    /// Qualifier key → its kinds, the claims that have it, whether some claim gives it several
    /// values.
    pub qualifiers: BTreeMap<String, Qualifier>,
}

/// One qualifier key's use in a predicate's claims.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Qualifier {
    pub kinds: HashMap<String, usize>,
    pub claims: usize,
    pub several: bool,
}

/// One row of the shapes query: `role` is `subject`, `object` or a qualifier key.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeRow {
    pub predicate: String,
    pub role: String,
    pub kind: String,
    pub claims: usize,
    /// Claims of the predicate in all.
    pub total: usize,
    pub several: bool,
}

/// Shapes by predicate, from the rows of the shapes query.
pub fn shapes(rows: impl IntoIterator<Item = ShapeRow>) -> HashMap<String, Shape> {
    let mut out: HashMap<String, Shape> = HashMap::new();
    for r in rows {
        let shape = out.entry(r.predicate).or_default();
        shape.claims = shape.claims.max(r.total);
        match r.role.as_str() {
            "subject" => *shape.subject.entry(r.kind).or_default() += r.claims,
            "object" => *shape.object.entry(r.kind).or_default() += r.claims,
            key => {
                let q = shape.qualifiers.entry(key.to_string()).or_default();
                *q.kinds.entry(r.kind).or_default() += r.claims;
                q.claims += r.claims;
                q.several |= r.several;
            }
        }
    }
    out
}

/// What suggestions are made from: the entities (as a gazetteer), their kinds, the predicates
/// with cues (as one automaton over the folded cues) and the predicates' shapes.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    gazetteer: Gazetteer,
    kinds: HashMap<String, String>,
    predicates: Vec<Predicate>,
    cues: Option<AhoCorasick>,
    /// For each cue pattern, the predicate it signals.
    cue_predicate: Vec<usize>,
    /// Predicates with the cue "%": a percentage in the sentence is their cue.
    percent_cued: Vec<usize>,
    shapes: HashMap<String, Shape>,
}

impl Vocabulary {
    pub fn new(
        entities: &[Entity],
        predicates: &[Predicate],
        shapes: HashMap<String, Shape>,
    ) -> Result<Vocabulary, aho_corasick::BuildError> {
        let gazetteer = Gazetteer::new(entities)?;
        let kinds = entities
            .iter()
            .map(|e| (e.id.clone(), e.kind.clone()))
            .collect();
        let predicates: Vec<Predicate> = predicates
            .iter()
            .filter(|p| !p.cues.is_empty() && p.value_type != ValueType::Text)
            .cloned()
            .collect();
        let mut patterns = Vec::new();
        let mut cue_predicate = Vec::new();
        let mut percent_cued = Vec::new();
        for (i, p) in predicates.iter().enumerate() {
            if p.cues.iter().any(|c| c.trim() == "%") {
                percent_cued.push(i);
            }
            for cue in &p.cues {
                // "%" folds to nothing: such a cue is matched on the quantity's unit instead.
                let f = fold(cue);
                if !f.is_empty() {
                    patterns.push(f);
                    cue_predicate.push(i);
                }
            }
        }
        let cues = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)?,
            )
        };
        Ok(Vocabulary {
            gazetteer,
            kinds,
            predicates,
            cues,
            cue_predicate,
            percent_cued,
            shapes,
        })
    }
}

/// A cue found in the text: which predicate, where.
#[derive(Debug, Clone, Copy)]
struct Cue {
    predicate: usize,
    start: usize,
    end: usize,
}

/// Every cue in `text` (overlapping matches included: "exercises" signals several predicates).
fn cues(text: &str, v: &Vocabulary) -> Vec<Cue> {
    let Some(automaton) = &v.cues else {
        return Vec::new();
    };
    let mut out = Vec::new();
    entity::each_folded_match(text, automaton, true, |pattern, start, end| {
        out.push(Cue {
            predicate: v.cue_predicate[pattern],
            start,
            end,
        });
    });
    out.sort_by_key(|c| (c.start, c.end, c.predicate));
    out
}

/// The "as of publication" time of a document published on `published` (EDTF): `2011~` for a
/// date within one year, the set itself for a set, `[a..b]` for an interval.
pub fn as_of_publication(published: &str) -> Option<String> {
    let when = crate::time::When::parse(published).ok()?;
    let text = when.as_str();
    if text.starts_with('[') {
        Some(text.to_string())
    } else if let Some((a, b)) = text.split_once('/') {
        Some(format!("[{a}..{b}]"))
    } else {
        text.get(..4).map(|y| format!("{y}~"))
    }
}

/// How far (in bytes) after a figure a date may stand and still date it.
const NEAR: usize = 60;

/// The longest a window of wrapped lines grows, in bytes: text without sentence ends is read
/// in pieces of about this size.
const WINDOW: usize = 2000;

/// Sentences with hard-wrapped lines joined: a sentence that ends a line without a full stop
/// (or `!`, `?`, `:`, `;`) continues on the next line when that line follows at once (no blank
/// line between). Columns wrapped at 50 characters otherwise cut every sentence in pieces.
pub fn windows(text: &str, sentences: &[Sentence]) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::with_capacity(sentences.len());
    for s in sentences {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.end..s.start).unwrap_or("");
            let open = text
                .get(last.start..last.end)
                .map(|t| t.trim_end().trim_end_matches(['"', '\'', '’', '”', ')']))
                .is_some_and(|t| !t.ends_with(['.', '!', '?', ':', ';']));
            if open
                && gap.matches('\n').count() == 1
                && gap.trim().is_empty()
                && s.end - last.start <= WINDOW
            {
                last.end = s.end;
                continue;
            }
        }
        out.push(*s);
    }
    out
}

/// Fills the `entities` of every candidate in `out` with the mentions in its sentence, and
/// appends a `claim` candidate for each suggestion the sentences support.
pub fn annotate(
    text: &str,
    sentences: &[Sentence],
    v: &Vocabulary,
    published: Option<&str>,
    out: &mut Vec<Candidate>,
) {
    let mentions = v.gazetteer.find(text);
    let cues = cues(text, v);
    let as_of = published.and_then(as_of_publication);
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].start);
    let (mut m, mut c, mut k) = (0, 0, 0);
    let mut claims = Vec::new();
    // The mentions of the sentence before: "The two countries share a 6,000 km border" names
    // them there.
    let mut previous: Vec<entity::Found> = Vec::new();
    for s in &windows(text, sentences) {
        while m < mentions.len() && mentions[m].start < s.start {
            m += 1;
        }
        let m_end = m + mentions[m..].iter().take_while(|x| x.end <= s.end).count();
        while c < cues.len() && cues[c].start < s.start {
            c += 1;
        }
        let c_end = c + cues[c..].iter().take_while(|x| x.end <= s.end).count();
        while k < order.len() && out[order[k]].start < s.start {
            k += 1;
        }
        let k_end = k + order[k..]
            .iter()
            .take_while(|&&i| out[i].end <= s.end)
            .count();
        let known = &mentions[m..m_end];
        let sentence_mentions = sentence_mentions(text, s, known);
        for &i in &order[k..k_end] {
            out[i].entities = sentence_mentions.clone();
        }
        let items: Vec<&Candidate> = order[k..k_end].iter().map(|&i| &out[i]).collect();
        let mut sentence_cues = cues[c..c_end].to_vec();
        for q in items.iter().filter(|i| i.kind == Kind::Quantity) {
            if q.quantity.as_ref().and_then(|q| q.unit.as_deref()) == Some("percent") {
                sentence_cues.extend(v.percent_cued.iter().map(|&predicate| Cue {
                    predicate,
                    start: q.start,
                    end: q.end,
                }));
            }
        }
        if !known.is_empty() && !sentence_cues.is_empty() {
            let found = suggest(
                text,
                s,
                v,
                (known, &previous),
                &sentence_cues,
                &items,
                as_of.as_deref(),
            );
            for mut claim in found {
                claim.entities = sentence_mentions.clone();
                claims.push(claim);
            }
        }
        previous = known.to_vec();
        m = m_end;
        c = c_end;
        k = k_end;
    }
    out.extend(claims);
}

/// The sentence's known mentions and its unknown capitalised names, in text order.
fn sentence_mentions(text: &str, s: &Sentence, known: &[entity::Found]) -> Vec<Mention> {
    let Some(slice) = text.get(s.start..s.end) else {
        return Vec::new();
    };
    let spans: Vec<(usize, usize)> = known
        .iter()
        .map(|f| (f.start - s.start, f.end - s.start))
        .collect();
    let mut out: Vec<Mention> = known
        .iter()
        .map(|f| Mention {
            id: f.id.clone(),
            text: text[f.start..f.end].to_string(),
            start: f.start,
            end: f.end,
            new: false,
        })
        .collect();
    for u in entity::unknown_names(slice, &spans, &[0]) {
        out.push(Mention {
            id: u.id,
            text: slice[u.start..u.end].to_string(),
            start: s.start + u.start,
            end: s.start + u.end,
            new: true,
        });
    }
    out.sort_by_key(|x| x.start);
    out
}

fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// Whether a quantity read from text fits a predicate measured in `unit`.
fn fits(q: &Quantity, unit: Option<&str>) -> bool {
    let persons = matches!(q.unit.as_str(), "persons" | "people");
    match unit {
        Some("percent") => q.unit == "percent",
        Some("persons") => persons || (q.unit.is_empty() && q.amount >= 1000.0),
        Some(u @ ("km" | "hectares" | "tonnes" | "km2" | "USD" | "EUR" | "RUB")) => q.unit == u,
        // A counted noun: "4 exercises" for a count of exercises.
        Some(u) => q.unit == u || q.unit.trim_end_matches('s') == u.trim_end_matches('s'),
        None => !matches!(
            q.unit.as_str(),
            "percent" | "km" | "km2" | "hectares" | "tonnes" | "USD" | "EUR" | "RUB" | "persons"
        ),
    }
}

/// The kinds a role takes in a shape, or `None` when the predicate has no claims to learn from
/// (then any kind does).
fn allows(kinds: &HashMap<String, usize>, total: usize, kind: &str) -> bool {
    total == 0 || kinds.contains_key(kind)
}

/// The suggestions one sentence supports: for each cue, the nearest fitting subject, value,
/// qualifiers and time; one per predicate, subject and value. A subject or a required
/// qualifier the sentence does not name is taken from the sentence before (`previous`), the
/// nearest mention there, at a lower score and with `.context` in the rule.
fn suggest(
    text: &str,
    s: &Sentence,
    v: &Vocabulary,
    (known, previous): (&[entity::Found], &[entity::Found]),
    cues: &[Cue],
    items: &[&Candidate],
    as_of: Option<&str>,
) -> Vec<Candidate> {
    let empty = Shape::default();
    let kind_of = |id: &str| v.kinds.get(id).map_or("", String::as_str);
    let mut best: BTreeMap<(String, String, String), Candidate> = BTreeMap::new();
    for cue in cues {
        let p = &v.predicates[cue.predicate];
        let shape = v.shapes.get(&p.id).unwrap_or(&empty);
        let at = (cue.start, cue.end);
        let nearest = |list: &mut Vec<&entity::Found>| {
            list.sort_by_key(|f| (distance((f.start, f.end), at), f.start));
        };
        // The value first: it decides which mention is the object.
        let mut parts: Vec<(usize, usize)> = vec![at];
        let mut score: f64 = 0.45;
        let mut object: Option<&entity::Found> = None;
        let mut value_at: Option<(usize, usize)> = None;
        let value = match p.value_type {
            ValueType::Quantity => {
                let mut fitting: Vec<(&Candidate, Quantity)> = items
                    .iter()
                    .filter(|c| c.kind == Kind::Quantity)
                    .filter_map(|c| {
                        let q = super::quantity::model(c.quantity.as_ref()?)?;
                        fits(&q, p.unit.as_deref()).then_some((*c, q))
                    })
                    .collect();
                // Nearest the cue, or a mention that a required qualifier takes ("Russians
                // account for 4.6 million").
                let anchors: Vec<(usize, usize)> = known
                    .iter()
                    .filter(|f| {
                        shape.qualifiers.values().any(|q| {
                            q.claims * 5 >= shape.claims * 4 && q.kinds.contains_key(kind_of(&f.id))
                        })
                    })
                    .map(|f| (f.start, f.end))
                    .chain(std::iter::once(at))
                    .collect();
                fitting.sort_by_key(|(c, _)| {
                    let d = anchors
                        .iter()
                        .map(|a| distance((c.start, c.end), *a))
                        .min()
                        .unwrap_or(usize::MAX);
                    (d, c.start)
                });
                let Some((c, mut q)) = fitting.into_iter().next() else {
                    continue;
                };
                parts.push((c.start, c.end));
                value_at = Some((c.start, c.end));
                score += 0.2 * c.score;
                q.unit = p.unit.clone().unwrap_or_default();
                Value::Quantity(q)
            }
            ValueType::Entity => {
                let mut objects: Vec<&entity::Found> = known
                    .iter()
                    .filter(|f| allows(&shape.object, shape.claims, kind_of(&f.id)))
                    .collect();
                nearest(&mut objects);
                let Some(o) = objects.first().copied() else {
                    continue;
                };
                object = Some(o);
                parts.push((o.start, o.end));
                value_at = Some((o.start, o.end));
                score += 0.15;
                Value::Entity {
                    entity: o.id.clone(),
                }
            }
            ValueType::None => Value::None,
            ValueType::Text => continue,
        };
        // The subject: the nearest mention of a kind the predicate's subjects have.
        let mut subjects: Vec<&entity::Found> = known
            .iter()
            .filter(|f| object.is_none_or(|o| o.id != f.id))
            .filter(|f| allows(&shape.subject, shape.claims, kind_of(&f.id)))
            .collect();
        nearest(&mut subjects);
        let mut borrowed = false;
        let subject = match subjects.first().copied() {
            Some(subject) => {
                parts.push((subject.start, subject.end));
                subject
            }
            None => {
                let Some(subject) = previous
                    .iter()
                    .rev()
                    .filter(|f| object.is_none_or(|o| o.id != f.id))
                    .find(|f| {
                        shape.claims > 0 && allows(&shape.subject, shape.claims, kind_of(&f.id))
                    })
                else {
                    continue;
                };
                borrowed = true;
                score -= 0.1;
                subject
            }
        };
        let mut used = vec![subject.id.as_str()];
        if let Some(o) = object {
            used.push(&o.id);
        }
        // Qualifiers: every key the predicate's claims use, filled from the other mentions.
        let mut qualifiers = BTreeMap::new();
        let mut missing_required = false;
        for (key, q) in &shape.qualifiers {
            let mut fitting: Vec<&entity::Found> = known
                .iter()
                .filter(|f| !used.contains(&f.id.as_str()) && q.kinds.contains_key(kind_of(&f.id)))
                .collect();
            nearest(&mut fitting);
            let mut ids: Vec<String> = Vec::new();
            for f in &fitting {
                if !ids.contains(&f.id) && (q.several || ids.is_empty()) {
                    ids.push(f.id.clone());
                    parts.push((f.start, f.end));
                }
            }
            // Required: most of the predicate's claims give it.
            let required = q.claims * 5 >= shape.claims * 4;
            if ids.is_empty()
                && required
                && let Some(f) = previous.iter().rev().find(|f| {
                    !used.contains(&f.id.as_str()) && q.kinds.contains_key(kind_of(&f.id))
                })
            {
                ids.push(f.id.clone());
                borrowed = true;
                score -= 0.05;
            }
            if ids.is_empty() {
                missing_required |= required;
                continue;
            }
            score += 0.05;
            ids.sort();
            qualifiers.insert(key.clone(), ids);
        }
        if missing_required {
            continue;
        }
        // The time: the sentence's temporal expression nearest the value (or the cue), else
        // "as of"; a date inside a name ("the Plan for 2008-2012") dates the name, not the
        // fact.
        let anchor = value_at.unwrap_or(at);
        let mut times: Vec<&&Candidate> = items
            .iter()
            .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
            .filter(|c| !known.iter().any(|f| c.start < f.end && f.start < c.end))
            .collect();
        times.sort_by_key(|c| (distance((c.start, c.end), anchor), c.start));
        // A measurement's date comes before its figure ("In 1989, ... made up 39.7%") or
        // right after it; a date further on dates a later clause ("... 30 million) ... since
        // he became president last year").
        if value_at.is_some() && p.value_type == ValueType::Quantity {
            times.retain(|c| c.end <= anchor.0 || distance((c.start, c.end), anchor) <= NEAR);
        }
        let (when, dated) = match times.first() {
            Some(t) => {
                parts.push((t.start, t.end));
                score += 0.15;
                (t.edtf.clone(), "time")
            }
            None if p.value_type == ValueType::None => continue,
            None => (as_of.map(str::to_string), "as_of"),
        };
        let start = parts.iter().map(|p| p.0).min().unwrap_or(cue.start);
        let end = parts.iter().map(|p| p.1).max().unwrap_or(cue.end);
        let Some(phrase) = text.get(start..end) else {
            continue;
        };
        // A long phrase is a weak reading: the parts may not belong together.
        let words = phrase.split_whitespace().count();
        if words > 40 {
            continue;
        }
        score -= (words.saturating_sub(12) as f64) * 0.005;
        let rule = format!(
            "claim.cue_{}.{dated}{}",
            match p.value_type {
                ValueType::Quantity => "quantity",
                ValueType::Entity => "entity",
                _ => "event",
            },
            if borrowed { ".context" } else { "" }
        );
        let value_key = serde_json::to_string(&value).unwrap_or_default();
        let candidate = Candidate {
            id: String::new(),
            kind: Kind::Claim,
            text: phrase.to_string(),
            start,
            end,
            line: line_of(text, s, start),
            sentence: Span {
                start: s.start,
                end: s.end,
            },
            edtf: when.clone(),
            timex: None,
            quantity: match &value {
                Value::Quantity(q) => Some(super::quantity::contract(q)),
                _ => None,
            },
            entities: Vec::new(),
            suggestion: Some(Suggestion {
                subject: subject.id.clone(),
                predicate: p.id.clone(),
                value,
                qualifiers,
                when,
            }),
            score: score.clamp(0.05, 0.95),
            rule,
        };
        let key = (p.id.clone(), subject.id.clone(), value_key);
        match best.get(&key) {
            Some(b) if b.score >= candidate.score => {}
            _ => {
                best.insert(key, candidate);
            }
        }
    }
    let mut out: Vec<Candidate> = best.into_values().collect();
    out.sort_by_key(|c| (c.start, c.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Document, extract};
    use crate::model::QuantityBound;

    fn entity(id: &str, name: &str, kind: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            note: None,
        }
    }

    fn predicate(id: &str, value_type: ValueType, unit: Option<&str>, cues: &[&str]) -> Predicate {
        Predicate {
            id: id.into(),
            label: id.into(),
            value_type,
            unit: unit.map(String::from),
            functional: false,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: crate::model::ChangeUnit::Relative,
            comparable_within_days: None,
            once: false,
            template: None,
            description: None,
            cues: cues.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn row(
        predicate: &str,
        role: &str,
        kind: &str,
        claims: usize,
        total: usize,
        several: bool,
    ) -> ShapeRow {
        ShapeRow {
            predicate: predicate.into(),
            role: role.into(),
            kind: kind.into(),
            claims,
            total,
            several,
        }
    }

    fn vocabulary() -> Vocabulary {
        let entities = [
            entity("kazakhstan", "Kazakhstan", "country", &[]),
            entity("russia", "Russia", "country", &[]),
            entity(
                "ethnic-russians",
                "ethnic Russians",
                "ethnic_group",
                &["Russians"],
            ),
            entity(
                "treaty-1994",
                "Military Cooperation Treaty",
                "agreement",
                &[],
            ),
            entity("kant-air-base", "Kant air base", "facility", &["Kant"]),
        ];
        let predicates = [
            predicate(
                "population",
                ValueType::Quantity,
                Some("persons"),
                &["population"],
            ),
            predicate(
                "population_share",
                ValueType::Quantity,
                Some("percent"),
                &["%", "per cent", "percent"],
            ),
            predicate("signed", ValueType::None, None, &["signed"]),
            predicate("leases", ValueType::Entity, None, &["lease"]),
            predicate("provides", ValueType::Text, None, &["provides"]),
        ];
        let shapes = shapes([
            row("population", "subject", "country", 5, 5, false),
            row("population_share", "subject", "country", 3, 3, false),
            row("population_share", "group", "ethnic_group", 3, 3, false),
            row("signed", "subject", "agreement", 4, 4, false),
            row("signed", "party", "country", 4, 4, true),
            row("leases", "subject", "country", 2, 2, false),
            row("leases", "object", "facility", 2, 2, false),
        ]);
        Vocabulary::new(&entities, &predicates, shapes).unwrap()
    }

    fn claims(text: &str, published: Option<&str>) -> Vec<Candidate> {
        let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string(), None);
        let ctx = super::super::Context {
            vocabulary: Some(vocabulary()),
            published: published.map(String::from),
        };
        extract(&doc, &ctx)
            .into_iter()
            .filter(|c| c.kind == Kind::Claim)
            .collect()
    }

    #[test]
    fn a_population_figure_as_of_publication() {
        let text =
            "Intro line.\nOfficial statistics put the population of Kazakhstan at 16,3 million.";
        let got = claims(text, Some("2011-07"));
        assert_eq!(got.len(), 1, "{got:#?}");
        let c = &got[0];
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(
            (s.subject.as_str(), s.predicate.as_str()),
            ("kazakhstan", "population")
        );
        match &s.value {
            Value::Quantity(q) => {
                assert_eq!(
                    (q.amount, q.unit.as_str(), q.bound),
                    (16_300_000.0, "persons", QuantityBound::Exact)
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.when.as_deref(), Some("2011~"));
        assert_eq!(c.text, "population of Kazakhstan at 16,3 million");
        assert_eq!(c.line, 2);
        assert_eq!(c.rule, "claim.cue_quantity.as_of");
        assert!(c.entities.iter().any(|m| m.id == "kazakhstan" && !m.new));
        assert!(!c.entities.iter().any(|m| m.text == "Official"));
    }

    #[test]
    fn a_share_with_its_group_qualifier() {
        let got = claims(
            "Ethnic Russians make up nearly 22% of Kazakhstan's population.",
            Some("2013"),
        );
        let share = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population_share")
            .unwrap();
        let s = share.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "kazakhstan");
        assert_eq!(
            s.qualifiers.get("group").unwrap(),
            &vec!["ethnic-russians".to_string()]
        );
        match &s.value {
            Value::Quantity(q) => assert_eq!((q.amount, q.bound), (22.0, QuantityBound::Nearly)),
            other => panic!("{other:?}"),
        }
        // "population" does not take a percentage.
        assert!(
            got.iter()
                .all(|c| c.suggestion.as_ref().unwrap().predicate != "population")
        );
    }

    #[test]
    fn an_event_needs_a_time_and_a_required_qualifier() {
        let text = "Kazakhstan and Russia signed their Military Cooperation Treaty in 1994.";
        let got = claims(text, None);
        let events: Vec<_> = got
            .iter()
            .filter(|c| c.suggestion.as_ref().unwrap().predicate == "signed")
            .collect();
        assert!(events.len() <= 1, "{events:#?}");
        // Without a time in the sentence no event is suggested.
        let none = claims(
            "Kazakhstan and Russia signed their Military Cooperation Treaty.",
            Some("2011"),
        );
        assert!(none.is_empty(), "{none:#?}");
        let s = events.first().map(|c| c.suggestion.clone().unwrap());
        if let Some(s) = s {
            assert_eq!(s.subject, "treaty-1994");
            assert_eq!(
                s.qualifiers.get("party").unwrap(),
                &vec!["kazakhstan".to_string(), "russia".to_string()]
            );
            assert_eq!(s.value, Value::None);
        }
    }

    #[test]
    fn an_entity_value_and_no_text_values() {
        let got = claims(
            "Russia holds a lease on Kant until 2032. The deal provides for rent.",
            None,
        );
        assert!(
            got.iter()
                .all(|c| c.suggestion.as_ref().unwrap().predicate != "provides")
        );
        if let Some(c) = got.first() {
            let s = c.suggestion.as_ref().unwrap();
            assert_eq!(
                (s.subject.as_str(), s.predicate.as_str()),
                ("russia", "leases")
            );
            assert_eq!(
                s.value,
                Value::Entity {
                    entity: "kant-air-base".into()
                }
            );
        }
    }

    #[test]
    fn wrapped_lines_are_read_as_one_sentence() {
        let text = "Cooperation between Russia and\nKazakhstan is based on more than 60\ntreaties.\n\nNext paragraph.";
        let joined: Vec<&str> = windows(text, &crate::extract::sentences(text))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            joined,
            [
                "Cooperation between Russia and\nKazakhstan is based on more than 60\ntreaties.",
                "Next paragraph."
            ]
        );
        let got = claims(
            "The population of\nKazakhstan is 16.3 million.",
            Some("2011"),
        );
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(got[0].text, "population of\nKazakhstan is 16.3 million");
        assert_eq!(got[0].line, 1);
    }

    #[test]
    fn as_of_publication_forms() {
        assert_eq!(as_of_publication("2011-07-20").as_deref(), Some("2011~"));
        assert_eq!(as_of_publication("[2013..]").as_deref(), Some("[2013..]"));
        assert_eq!(
            as_of_publication("2008-07/2009").as_deref(),
            Some("[2008-07..2009]")
        );
        assert_eq!(as_of_publication("nonsense"), None);
    }
}
