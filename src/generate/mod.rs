//! Synthetic corpora for measuring factline at scale: N claims over M entities and S sources,
//! deterministic for a seed, written as data files (TOML), JSON Lines, or the stored rows as CSV.
//!
//! The shape follows what a grown fact base looks like: entity activity is Zipf-skewed (the
//! busiest of ~4,600 entities takes about a ninth of a million claims), the predicates are the
//! bundled vocabulary (`data/predicates.toml`), claims have one or two citations from 50 sources,
//! dates come in every EDTF precision factline uses, functional claims are planted in groups
//! that corroborate each other (same value and date from different sources), and about 4 % of
//! functional claims disagree with their group. Nothing here touches a database.
//!
//! The random numbers come from a small SplitMix64 generator written out below rather than a
//! crate, so that a seed names the same corpus for as long as this file does not change: the
//! bench compares figures across commits, and a dependency update must not change the data.

use std::collections::BTreeMap;

use anyhow::{Result, anyhow};
use serde::Serialize;

use crate::data::{self, Known};
use crate::model::{
    Citation, Claim, ENTITY_KINDS, Method, Predicate, Quantity, QuantityBound, Value, ValueType,
};
use crate::time::When;

/// How many claims each TOML claims file holds.
const CLAIMS_PER_FILE: usize = 10_000;
/// Probability that a further claim of a functional group gives another value (with groups of
/// 1.7 claims on average this makes about 4 % of functional claims disagree).
const DISAGREE: f64 = 0.1;
/// The recorded-at stamp of the generated rows in CSV.
const RECORDED_AT: &str = "2026-01-01T00:00:00Z";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub claims: usize,
    pub entities: usize,
    pub sources: usize,
    pub seed: u64,
}

impl Shape {
    /// The shape for `claims` claims: 4.6·√N entities (4,600 at a million), 50 sources.
    pub fn for_claims(claims: usize, seed: u64) -> Shape {
        // √N in floating point is exact enough here; the result is at least 20 entities.
        let entities = (4.6 * (claims as f64).sqrt()).round() as usize;
        Shape {
            claims,
            entities: entities.max(20),
            sources: 50,
            seed,
        }
    }
}

/// The output formats of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `sources.toml`, `entities.toml`, `predicates.toml`, `rules.toml`, `claims/NNNN.toml`.
    Toml,
    /// The same vocabulary files and `claims.jsonl`, one claim per line.
    Jsonl,
    /// The stored rows of the claim, citation and qualifier tables: `claim.csv`,
    /// `citation.csv`, `claim_qualifier.csv`, for bulk-loading baselines.
    Csv,
}

/// What a generated corpus holds, written to `corpus.json` beside the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub seed: u64,
    pub claims: usize,
    pub entities: usize,
    pub sources: usize,
    pub citations: usize,
    /// Claims whose predicate is functional.
    pub functional_claims: usize,
    /// Functional claims whose value differs from the first claim of their group.
    pub disagreeing_claims: usize,
    /// Groups of two or more claims that agree (the planted corroborations).
    pub corroborated_groups: usize,
    /// Once-only events dated twice to disjoint spans (planted date conflicts).
    pub date_conflicts: usize,
    /// The entity involved in the most claims, and how many.
    pub busiest_entity: String,
    pub busiest_claims: usize,
    /// The most frequent word of the quotes, for searching.
    pub common_word: String,
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for n far below 2^64.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Zipf-distributed ranks 0..n (weight 1/(rank+1)), sampled by binary search of the CDF.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += 1.0 / (k as f64 + 1.0);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// Words of the quotes, most frequent first (their frequency is Zipf-skewed too).
const WORDS: [&str; 64] = [
    "military",
    "cooperation",
    "agreement",
    "forces",
    "security",
    "joint",
    "defence",
    "ministry",
    "exercise",
    "treaty",
    "border",
    "troops",
    "regional",
    "training",
    "officers",
    "equipment",
    "signed",
    "base",
    "partnership",
    "strategic",
    "according",
    "official",
    "figures",
    "report",
    "population",
    "government",
    "president",
    "summit",
    "delegation",
    "annual",
    "programme",
    "supply",
    "weapons",
    "aircraft",
    "air",
    "naval",
    "units",
    "command",
    "staff",
    "collective",
    "peacekeeping",
    "operation",
    "counterterrorism",
    "intelligence",
    "sharing",
    "logistics",
    "transit",
    "corridor",
    "pipeline",
    "energy",
    "export",
    "lease",
    "rent",
    "garrison",
    "headquarters",
    "brigade",
    "battalion",
    "drills",
    "manoeuvres",
    "observers",
    "memorandum",
    "protocol",
    "ratified",
    "parliament",
];

const SYLLABLES: [&str; 24] = [
    "ka", "ra", "tan", "vel", "mir", "os", "sek", "dar", "lin", "bor", "zu", "an", "tor", "ek",
    "sha", "gul", "nor", "ia", "sta", "mak", "ul", "ten", "vo", "ri",
];

/// One generated entity.
struct GenEntity {
    id: String,
    name: String,
    kind: &'static str,
}

/// Everything drawn once per corpus.
struct World {
    entities: Vec<GenEntity>,
    zipf: Zipf,
    sources: Vec<String>,
    predicates: Vec<Predicate>,
    /// Qualifier keys each predicate's template asks for.
    qualifier_keys: Vec<Vec<String>>,
    words: Zipf,
}

fn entity_name(rank: usize, rng: &mut Rng) -> String {
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    // The rank keeps every name unique, as factline requires.
    format!("{first}{} {}", chars.as_str(), rank + 1)
}

fn world(shape: &Shape, rng: &mut Rng) -> Result<World> {
    let bundled = crate::bundled::files();
    let dataset = data::load(
        &bundled,
        &Known::default().with_mapping_keys(&crate::bundled::mappings()),
    )
    .map_err(|e| anyhow!("the bundled dataset is invalid:\n{e}"))?;
    let predicates: Vec<Predicate> = dataset.predicates.into_iter().map(|p| p.item).collect();
    let qualifier_keys = predicates
        .iter()
        .map(|p| {
            let fields = p
                .template
                .as_deref()
                .map(crate::template::template_fields)
                .transpose()
                .map_err(|e| anyhow!("predicate `{}`: {e}", p.id))?
                .unwrap_or_default();
            Ok(fields
                .into_iter()
                .filter(|f| !matches!(f.as_str(), "subject" | "object" | "value"))
                .collect::<Vec<_>>())
        })
        .collect::<Result<Vec<_>>>()?;
    let entities = (0..shape.entities)
        .map(|rank| GenEntity {
            id: format!("e{:05}", rank + 1),
            name: entity_name(rank, rng),
            // The busiest entities are countries, then every kind in turn.
            kind: if rank < 40 {
                "country"
            } else {
                ENTITY_KINDS[rank % ENTITY_KINDS.len()]
            },
        })
        .collect();
    Ok(World {
        entities,
        zipf: Zipf::new(shape.entities),
        sources: (1..=shape.sources).map(|s| format!("s{s:03}")).collect(),
        predicates,
        qualifier_keys,
        words: Zipf::new(WORDS.len()),
    })
}

impl World {
    fn entity(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }

    fn words(&self, rng: &mut Rng, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[self.words.sample(rng)]);
        }
        out
    }
}

/// A valid time of mixed precision, mostly 1990–2025.
fn when(rng: &mut Rng) -> String {
    let year = 1990 + rng.below(36);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let roll = rng.below(100);
    match roll {
        0..35 => format!("{year}"),
        35..55 => format!("{year}-{month:02}"),
        55..75 => format!("{year}-{month:02}-{day:02}"),
        75..85 => format!("{year}/{}", year + 1 + rng.below(5)),
        85..90 => format!("{year}~"),
        90..93 => format!("{year}?"),
        93..95 => format!("{}X", year / 10),
        95..97 => format!("../{year}"),
        97..99 => format!("{year}/.."),
        _ => format!("{year}-{month:02}/{}-{month:02}", year + 1),
    }
}

/// A plausible amount for a unit.
fn amount(unit: Option<&str>, rng: &mut Rng) -> f64 {
    let (lo, hi) = match unit {
        Some("percent") => (1.0, 60.0),
        Some("persons") => (10_000.0, 20_000_000.0),
        Some("km") => (10.0, 5_000.0),
        Some("hectares") => (100.0, 100_000.0),
        _ => (1.0, 50.0),
    };
    round_amount(lo + rng.unit() * (hi - lo), unit)
}

/// An amount rounded as sources write it: to thousands for large units, else to units.
fn round_amount(x: f64, unit: Option<&str>) -> f64 {
    if matches!(unit, Some("persons" | "km" | "hectares")) {
        (x / 1000.0).round().max(1.0) * 1000.0
    } else {
        x.round().max(1.0)
    }
}

/// A seed for what is true of one subject, predicate and set of qualifiers (FNV-1a).
fn key_seed(
    seed: u64,
    subject: &str,
    predicate: usize,
    qualifiers: &BTreeMap<String, Vec<String>>,
) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(subject.as_bytes());
    eat(&predicate.to_le_bytes());
    for (key, ids) in qualifiers {
        eat(key.as_bytes());
        for id in ids {
            eat(id.as_bytes());
        }
    }
    hash
}

/// Generates the claims of a corpus, in order, handing each to `sink`.
fn claims(
    shape: &Shape,
    world: &World,
    rng: &mut Rng,
    manifest: &mut Manifest,
    mut sink: impl FnMut(&Claim) -> Result<()>,
) -> Result<()> {
    let mut involved = vec![0usize; world.entities.len()];
    let mut word_counts = [0usize; WORDS.len()];
    let mut made = 0;
    while made < shape.claims {
        let p = rng.below(world.predicates.len());
        let predicate = &world.predicates[p];
        let subject = world.entity(rng);
        let mut qualifiers: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for key in &world.qualifier_keys[p] {
            let e = world.entity(rng);
            qualifiers.insert(key.clone(), vec![world.entities[e].id.clone()]);
        }
        // What is true of a subject, predicate and qualifiers is drawn from their own generator,
        // so that independent groups about the same thing agree as real sources do: a series of
        // figures growing 1 % a year, one value of a functional predicate, one date of a
        // once-only event. Only planted dissents disagree.
        let mut keyed = Rng::new(key_seed(
            shape.seed,
            &world.entities[subject].id,
            p,
            &qualifiers,
        ));
        let keyed_rng = if predicate.functional || predicate.once {
            &mut keyed
        } else {
            &mut *rng
        };
        let object = loop {
            let e = world.entity(keyed_rng);
            if e != subject || world.entities.len() < 2 {
                break e;
            }
        };
        let base_text = world.words(keyed_rng, 3);
        let base_level = amount(predicate.unit.as_deref(), keyed_rng);
        let base_when = if predicate.once {
            when(keyed_rng)
        } else {
            when(rng)
        };
        let base_amount = if predicate.functional {
            let year = base_when
                .trim_start_matches("../")
                .get(..3)
                .and_then(|decade| decade.parse::<i32>().ok())
                .map_or(2000, |d| d * 10 + 5);
            let year = base_when
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(year);
            round_amount(
                base_level * 1.01f64.powi(year - 1990),
                predicate.unit.as_deref(),
            )
        } else {
            base_level
        };
        // Functional and once-only facts come in groups: corroborations, sometimes a dissent.
        let group = if predicate.functional || predicate.once {
            match rng.below(10) {
                0..5 => 1,
                5..8 => 2,
                _ => 3,
            }
        } else {
            1
        };
        if group > 1 {
            manifest.corroborated_groups += 1;
        }
        for member in 0..group {
            if made == shape.claims {
                break;
            }
            let dissent = member > 0 && rng.chance(DISAGREE);
            let mut when_text = base_when.clone();
            let value = match predicate.value_type {
                ValueType::None => {
                    if dissent && predicate.once {
                        // A once-only event dated to a disjoint span.
                        let year: usize = base_when
                            .trim_start_matches("../")
                            .get(..4)
                            .and_then(|y| y.parse().ok())
                            .unwrap_or(2000);
                        when_text = format!("{}", year + 7);
                        manifest.date_conflicts += 1;
                    }
                    Value::None
                }
                ValueType::Entity => {
                    let e = if dissent {
                        (object + 1 + rng.below(world.entities.len() - 1)) % world.entities.len()
                    } else {
                        object
                    };
                    involved[e] += 1;
                    Value::Entity {
                        entity: world.entities[e].id.clone(),
                    }
                }
                ValueType::Quantity => Value::Quantity(Quantity {
                    amount: if dissent {
                        (base_amount * (1.3 + rng.unit() * 0.4)).round()
                    } else {
                        base_amount
                    },
                    lower: None,
                    upper: None,
                    unit: predicate.unit.clone().unwrap_or_default(),
                    bound: if rng.chance(0.8) {
                        QuantityBound::Exact
                    } else {
                        QuantityBound::About
                    },
                }),
                ValueType::Text => Value::Text {
                    text: if dissent {
                        world.words(rng, 3)
                    } else {
                        base_text.clone()
                    },
                },
            };
            if predicate.functional {
                manifest.functional_claims += 1;
                if dissent {
                    manifest.disagreeing_claims += 1;
                }
            }
            let when = When::parse(&when_text)
                .map_err(|e| anyhow!("generated an invalid time `{when_text}`: {e}"))?;
            let first_source = rng.below(world.sources.len());
            let n_citations = if rng.chance(0.7) { 1 } else { 2 };
            let mut citations = Vec::with_capacity(n_citations);
            for k in 0..n_citations {
                let source = (first_source + k * (1 + rng.below(world.sources.len() - 1)))
                    % world.sources.len();
                let n_words = 5 + rng.below(10);
                let mut quote = world.entities[subject].name.clone();
                for _ in 0..n_words {
                    let w = world.words.sample(rng);
                    word_counts[w] += 1;
                    quote.push(' ');
                    quote.push_str(WORDS[w]);
                }
                let extracted = rng.chance(0.2);
                citations.push(Citation {
                    source: world.sources[source].clone(),
                    quote,
                    locator: format!("line {}", 1 + rng.below(400)),
                    method: if extracted {
                        Method::Extracted
                    } else {
                        Method::Manual
                    },
                    credibility: [1, 2, 2, 3, 3, 3, 4, 5, 6][rng.below(9)],
                    extractor_score: extracted.then(|| (rng.unit() * 100.0).round() / 100.0),
                    curator: None,
                });
            }
            let note = rng.chance(0.1).then(|| {
                let mut note = String::from("Synthetic: ");
                note.push_str(&world.words(rng, 6));
                note
            });
            involved[subject] += 1;
            for ids in qualifiers.values() {
                for id in ids {
                    if let Some(rank) = id.get(1..).and_then(|r| r.parse::<usize>().ok()) {
                        involved[rank.saturating_sub(1)] += 1;
                    }
                }
            }
            manifest.citations += citations.len();
            made += 1;
            sink(&Claim {
                id: format!("c{made:07}"),
                subject: world.entities[subject].id.clone(),
                predicate: predicate.id.clone(),
                value,
                qualifiers: qualifiers.clone(),
                when,
                note,
                citations,
            })?;
        }
    }
    if let Some((rank, &count)) = involved.iter().enumerate().max_by_key(|(_, c)| **c) {
        manifest.busiest_entity = world.entities[rank].id.clone();
        manifest.busiest_claims = count;
    }
    if let Some((w, _)) = word_counts.iter().enumerate().max_by_key(|(_, c)| **c) {
        manifest.common_word = WORDS[w].to_string();
    }
    Ok(())
}

mod write;

pub use write::{ClaimRecord, write};

#[cfg(test)]
mod tests;
