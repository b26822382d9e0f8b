//! What suggestions are made from: the predicates' shapes (which kinds of entity fill each role
//! in their stored claims), the vocabulary of entities and cued predicates, and the cues found
//! in a text.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::extract::entity::{self, Gazetteer};
use crate::model::ShapeRow;
use crate::model::{Entity, Predicate};
use crate::text::fold;

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
    pub(super) gazetteer: Gazetteer,
    pub(super) kinds: HashMap<String, String>,
    /// The state an entity stands for when it acts in an event (metonymy): an organisation
    /// whose name or alias names one state ("Ministry of Defense of the Russian Federation",
    /// "Armed Forces of Kyrgyzstan"), and a place that lies directly in a state (its capital:
    /// "Tashkent closed a US air base"), given by `with_places`.
    pub(super) stands_for: HashMap<String, String>,
    /// The organisation an organ belongs to: its name names it ("UN General Assembly").
    pub(super) part_of: HashMap<String, String>,
    /// The state a military unit belongs to, where its name or an alias names one.
    pub(super) unit_states: HashMap<String, String>,
    pub(super) predicates: Vec<Predicate>,
    pub(super) cues: Option<AhoCorasick>,
    /// For each cue pattern, the predicate it signals.
    pub(super) cue_predicate: Vec<usize>,
    /// Predicates with the cue "%": a percentage in the sentence is their cue.
    pub(super) percent_cued: Vec<usize>,
    pub(super) shapes: HashMap<String, Shape>,
    /// The triggers of the event patterns whose predicates are cued.
    pub(super) triggers: super::events::Triggers,
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
            .filter(|p| !p.cues.is_empty())
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
        let triggers = super::events::Triggers::new(|id| predicates.iter().any(|p| p.id == id))?;
        let stands_for = organisation_states(entities, &gazetteer, &kinds);
        let part_of = organisation_parents(entities, &gazetteer, &kinds);
        let unit_states = unit_states(entities, &gazetteer, &kinds);
        Ok(Vocabulary {
            triggers,
            stands_for,
            part_of,
            unit_states,
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
pub(super) struct Cue {
    pub(super) predicate: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Every cue in `text` (overlapping matches included: "exercises" signals several predicates).
pub(super) fn cues(text: &str, v: &Vocabulary) -> Vec<Cue> {
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

/// Whether a suggestion of predicate `p` needs qualifier `key` (`q` its use in `shape`): most
/// of the predicate's claims give it, and either the template names it ("{subject} and
/// {partner}") or more than one claim does. A qualifier seen once, in the only claim of a
/// predicate, may be incidental (a `framework`): it does not hold back a suggestion without it.
pub(super) fn required(p: &Predicate, shape: &Shape, key: &str, q: &Qualifier) -> bool {
    let most = q.claims * 5 >= shape.claims * 4;
    let named = p
        .template
        .as_deref()
        .is_some_and(|t| t.contains(&format!("{{{key}}}")));
    most && (named || q.claims >= 2)
}

/// The kinds a role takes in a shape, or `None` when the predicate has no claims to learn from
/// (then any kind does).
pub(super) fn allows(kinds: &HashMap<String, usize>, total: usize, kind: &str) -> bool {
    total == 0 || kinds.contains_key(kind)
}

impl Vocabulary {
    /// The places that lie directly in a state (`located_in`, entity id → the entity it lies
    /// in): a capital or a city named as the actor of an event stands for its state's
    /// government ("Tashkent closed …" is Uzbekistan's act).
    #[must_use]
    pub fn with_places(mut self, places: &HashMap<String, String>) -> Vocabulary {
        for (id, within) in places {
            if self.kinds.get(id).map(String::as_str) == Some("place")
                && self.kinds.get(within).map(String::as_str) == Some("country")
            {
                self.stands_for.insert(id.clone(), within.clone());
            }
        }
        self
    }
}

/// Organisations whose name or aliases name exactly one state: a ministry, armed forces, a
/// parliament of that state.
fn organisation_states(
    entities: &[Entity],
    gazetteer: &Gazetteer,
    kinds: &HashMap<String, String>,
) -> HashMap<String, String> {
    organisations_naming(entities, gazetteer, kinds, "country")
}

/// Organisations whose name or aliases name exactly one other organisation: the organs of
/// that organisation ("UN General Assembly", "CSTO Collective Security Council").
fn organisation_parents(
    entities: &[Entity],
    gazetteer: &Gazetteer,
    kinds: &HashMap<String, String>,
) -> HashMap<String, String> {
    organisations_naming(entities, gazetteer, kinds, "organisation")
}

/// Military units whose name or aliases name exactly one state: "Kazakh peacekeeping
/// battalion" is Kazakhstan's.
fn unit_states(
    entities: &[Entity],
    gazetteer: &Gazetteer,
    kinds: &HashMap<String, String>,
) -> HashMap<String, String> {
    naming(entities, gazetteer, kinds, "military_unit", "country")
}

/// Organisations whose name or aliases name exactly one entity of `kind` other than itself.
fn organisations_naming(
    entities: &[Entity],
    gazetteer: &Gazetteer,
    kinds: &HashMap<String, String>,
    kind: &str,
) -> HashMap<String, String> {
    naming(entities, gazetteer, kinds, "organisation", kind)
}

/// Entities of kind `of` whose name or aliases name exactly one entity of `kind` other than
/// itself.
fn naming(
    entities: &[Entity],
    gazetteer: &Gazetteer,
    kinds: &HashMap<String, String>,
    of: &str,
    kind: &str,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for e in entities.iter().filter(|e| e.kind == of) {
        let mut states: Vec<String> = Vec::new();
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            let found = gazetteer.find(name);
            let inner = gazetteer.inner(name, &found);
            for f in found.into_iter().chain(inner) {
                if f.id != e.id
                    && kinds.get(&f.id).map(String::as_str) == Some(kind)
                    && !states.contains(&f.id)
                {
                    states.push(f.id);
                }
            }
        }
        if let [state] = states.as_slice() {
            out.insert(e.id.clone(), state.clone());
        }
    }
    out
}
