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

use std::collections::{BTreeMap, HashMap, VecDeque};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::entity::{self, Gazetteer};
use super::quantity::line_of;
use super::{Candidate, Kind, Mention, Sentence, Span, Suggestion};
use crate::model::{Entity, Predicate, Quantity, Value, ValueType};
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
    // The mentions of the sentences before in the same paragraph, nearest first: "The two
    // countries share a 6,000 km border" names them there.
    let mut context: VecDeque<Vec<entity::Found>> = VecDeque::with_capacity(LOOKBACK + 1);
    let mut last_end: Option<usize> = None;
    for s in &windows(text, sentences) {
        // A blank line ends the paragraph and what it named.
        if last_end.is_some_and(|end| {
            text.get(end..s.start)
                .is_some_and(|g| g.matches('\n').count() >= 2)
        }) {
            context.clear();
        }
        last_end = Some(s.end);
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
        if !sentence_cues.is_empty() && (!known.is_empty() || !context.is_empty()) {
            let before: Vec<&[entity::Found]> = context.iter().map(Vec::as_slice).collect();
            let found = suggest(
                text,
                s,
                v,
                (known, &before),
                &sentence_cues,
                &items,
                as_of.as_deref(),
            );
            for mut claim in found {
                claim.entities = sentence_mentions.clone();
                claims.push(claim);
            }
        }
        // A sentence that names nobody still counts: it stands between a later one and the
        // names.
        context.push_front(known.to_vec());
        context.truncate(LOOKBACK);
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

/// Whether a suggestion of predicate `p` needs qualifier `key` (`q` its use in `shape`): most
/// of the predicate's claims give it, and either the template names it ("{subject} and
/// {partner}") or more than one claim does. A qualifier seen once, in the only claim of a
/// predicate, may be incidental (a `framework`): it does not hold back a suggestion without it.
fn required(p: &Predicate, shape: &Shape, key: &str, q: &Qualifier) -> bool {
    let most = q.claims * 5 >= shape.claims * 4;
    let named = p
        .template
        .as_deref()
        .is_some_and(|t| t.contains(&format!("{{{key}}}")));
    most && (named || q.claims >= 2)
}

/// The kinds a role takes in a shape, or `None` when the predicate has no claims to learn from
/// (then any kind does).
fn allows(kinds: &HashMap<String, usize>, total: usize, kind: &str) -> bool {
    total == 0 || kinds.contains_key(kind)
}

/// How many sentences back (within the paragraph) a subject or a required qualifier the
/// sentence does not name is looked for.
const LOOKBACK: usize = 3;

/// The most words a suggested text value keeps: it is a starting point the analyst edits.
const TEXT_WORDS: usize = 12;

/// Words that open or close a clause without saying anything of their own: trimmed off a
/// suggested text value.
const FILLER: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "by", "for", "from", "has", "have",
    "in", "is", "its", "of", "on", "or", "that", "the", "their", "to", "was", "were", "which",
    "who", "with",
];

/// How much further (in bytes) a name may stand than a demonym and still be preferred as the
/// subject.
const DEMONYM: usize = 40;

/// Words that open a new clause inside a sentence: a time or a text value stops before them.
const CLAUSE_WORDS: &[&str] = &[" but ", " while ", " whereas ", " although ", " though "];

/// Byte offsets in `text` where a clause of the sentence ends: semicolons, colons, brackets,
/// dashes between words and the conjunctions of [`CLAUSE_WORDS`]. Commas do not count: "In
/// 1989, native Kazakhs made up 39.7%" is one clause.
fn clause_breaks(text: &str, s: &Sentence) -> Vec<usize> {
    let Some(slice) = text.get(s.start..s.end) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = slice
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, ';' | ':' | '(' | ')' | '[' | ']')
                || (matches!(c, '—' | '–')
                    && slice[..i].ends_with(char::is_whitespace)
                    && slice[i + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map(|(i, _)| s.start + i)
        .collect();
    let lower = slice.to_ascii_lowercase();
    for word in CLAUSE_WORDS {
        out.extend(lower.match_indices(word).map(|(i, _)| s.start + i));
    }
    out.sort_unstable();
    out
}

/// Whether a clause break stands between two spans (`breaks` sorted).
fn same_clause(breaks: &[usize], a: (usize, usize), b: (usize, usize)) -> bool {
    let (lo, hi) = if a.0 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
    let first = breaks.partition_point(|&x| x < lo);
    breaks.get(first).is_none_or(|&x| x >= hi)
}

/// The most bytes a text value is read from on either side of its cue: a line without
/// punctuation can be a megabyte long.
const TEXT_REACH: usize = 400;

/// The char boundary at most `TEXT_REACH` bytes after `from`, and not past `end`.
fn reach_after(text: &str, from: usize, end: usize) -> usize {
    let mut at = (from + TEXT_REACH).min(end);
    while at > from && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The end of the `n`th word after `from`, or `limit` when there are fewer before it.
fn words_end(text: &str, from: usize, limit: usize, n: usize) -> usize {
    let Some(slice) = text.get(from..limit) else {
        return limit;
    };
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if in_word {
                count += 1;
                if count == n {
                    return from + i;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    limit
}

/// The char boundary at most `TEXT_REACH` bytes before `to`, and not before `start`.
fn reach_before(text: &str, to: usize, start: usize) -> usize {
    let mut at = to.saturating_sub(TEXT_REACH).max(start);
    while at < to && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words of `phrase` with [`FILLER`] trimmed off both ends and white space (wrapped lines
/// included) collapsed; a word hyphenated across a line break is joined again.
fn trimmed_words(phrase: &str) -> Vec<String> {
    let joined = phrase.replace("-\n", "");
    let words: Vec<&str> = joined
        .split_whitespace()
        .map(|w| w.trim_matches(['"', '“', '”', '‘', '’', '\'', ',']))
        .filter(|w| !w.is_empty())
        .collect();
    let filler = |w: &&str| FILLER.contains(&w.to_lowercase().as_str());
    let first = words.iter().position(|w| !filler(w)).unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|w| !filler(w))
        .map_or(first, |i| i + 1);
    words[first..last.max(first)]
        .iter()
        .map(|w| w.to_string())
        .collect()
}

/// The free-text value a cue introduces: the clause after it (up to a clause break, a comma, a
/// time expression or [`TEXT_WORDS`] words), or when the cue closes its clause ("its
/// multi-vector policy,") the clause that ends with it, at most [`TEXT_REACH`] bytes either way.
/// Returns the text and its span; `None` when nothing worth a draft is left (no word after the
/// cue and fewer than two before it).
fn text_value(
    text: &str,
    s: &Sentence,
    cue: (usize, usize),
    breaks: &[usize],
    times: &[(usize, usize)],
) -> Option<(String, (usize, usize))> {
    let stop = |from: usize| -> usize {
        let limit = reach_after(text, from, s.end);
        // A few words beyond the kept ones, for the fillers trimmed off the front.
        let limit = words_end(text, from, limit, TEXT_WORDS + 4);
        let slice = text.get(from..limit).unwrap_or("");
        let punct = slice
            .find([',', '.', '!', '?', '"', '“', '”'])
            .map_or(limit, |i| from + i);
        let clause = breaks.iter().copied().find(|&b| b >= from).unwrap_or(limit);
        let time = times
            .iter()
            .map(|t| t.0)
            .filter(|&t| t >= from)
            .min()
            .unwrap_or(limit);
        punct.min(clause).min(time)
    };
    let end = stop(cue.1);
    let after = text.get(cue.1..end)?;
    let words = trimmed_words(after);
    if !words.is_empty() {
        let kept = &words[..words.len().min(TEXT_WORDS)];
        return Some((kept.join(" "), (cue.1, end)));
    }
    // The cue ends its clause: the phrase that leads up to it.
    let start = reach_before(text, cue.0, s.start);
    let slice = text.get(start..cue.0)?;
    let from = slice
        .rfind([',', ';', ':', '(', ')', '.', '"', '“', '”'])
        .map_or(start, |i| start + i + 1);
    let from = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(from, |b| from.max(b + 1));
    let before = text.get(from..cue.1)?;
    let words = trimmed_words(before);
    let kept = &words[words.len().saturating_sub(TEXT_WORDS)..];
    (kept.len() > 1).then(|| (kept.join(" "), (from, cue.1)))
}

/// Words of military and police ranks, whole or abbreviated: "Col.-Gen.", "Lt-Gen",
/// "Colonel-General", "Rear Admiral".
const RANK_WORDS: &[&str] = &[
    "adm",
    "admiral",
    "army",
    "brig",
    "brigadier",
    "capt",
    "captain",
    "col",
    "colonel",
    "gen",
    "general",
    "lieutenant",
    "lt",
    "maj",
    "major",
    "marshal",
    "rear",
    "sergeant",
    "vice",
];

/// Whether `gap` is a rank (or nothing) between a title and a name: "Defence Minister Col.-Gen.
/// Kabul Berdiyev", "Defence Minister, Lt-Gen X". The stop of an abbreviation counts.
fn rank_gap(gap: &str) -> bool {
    let gap = gap.trim_start();
    let (gap, comma) = match gap.strip_prefix(',') {
        Some(rest) => (rest, true),
        None => (gap, false),
    };
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    // A comma only before a rank: "Minister, X" may be an apposition of anything.
    (!comma || !words.is_empty())
        && words.len() <= 4
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && RANK_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w))
        })
}

/// Whether a word is a rank word (its stop and hyphenated parts aside).
fn rank_word(word: &str) -> bool {
    word.split(['-', '.'])
        .filter(|w| !w.is_empty())
        .all(|w| RANK_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

/// A title before a name ("Deputy Defense Minister Aset Kurmangaliyev"): when the subject's
/// mention follows the cue at once (or after a rank: "Defence Minister Col.-Gen. Kabul
/// Berdiyev"), the value is the cue with the capitalised words just before it (none of them a
/// mention), not the clause after. A rank cue extends over rank words only ("Lieutenant
/// General"), not over an office before it.
fn title(
    text: &str,
    cue: (usize, usize),
    subject_start: usize,
    known: &[entity::Found],
) -> Option<(String, usize)> {
    let gap = text.get(cue.1..subject_start)?;
    // "Col.-Gen. Kabul Berdiyev": an abbreviated title keeps its stop.
    if !gap.chars().all(|c| c.is_whitespace() || c == '.') && !rank_gap(gap) {
        return None;
    }
    let word = text.get(cue.0..cue.1)?;
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let is_rank = rank_word(word);
    let mut start = cue.0;
    for _ in 0..3 {
        let before = text.get(..start)?.trim_end_matches([' ', '\n']);
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || "(\"“,;:".contains(c))
            .map_or(0, |i| i + 1);
        let word = &before[word_start..];
        let capitalised = word.starts_with(|c: char| c.is_uppercase())
            && word.chars().all(|c| c.is_alphabetic() || c == '-');
        let named = known
            .iter()
            .any(|f| f.start < before.len() && word_start < f.end);
        if !capitalised || named || word.is_empty() || (is_rank && !rank_word(word)) {
            break;
        }
        start = word_start;
    }
    // A rank read from its first word takes the rest of it: "Colonel General".
    let end = if is_rank && !gap.contains(',') {
        cue.1 + gap.trim_end().len()
    } else {
        cue.1
    };
    let words = trimmed_words(text.get(start..end)?);
    Some((words.join(" "), start))
}

/// The mentions joined to `chosen` by a list ("with the UN, the OSCE, the CSTO and CICA",
/// "Russia and Kazakhstan"), `chosen` included, in text order. Only mentions that `fit` join.
fn coordinated<'k>(
    text: &str,
    known: &'k [entity::Found],
    chosen: &'k entity::Found,
    fit: impl Fn(&entity::Found) -> bool,
) -> Vec<&'k entity::Found> {
    let linking = |a: usize, b: usize| {
        text.get(a..b).is_some_and(|gap| {
            // Brackets too: "the CICA [Conference on Interaction ...], the CSTO".
            gap.split(|c: char| c.is_whitespace() || ",[]()".contains(c))
                .filter(|w| !w.is_empty())
                .all(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "and" | "the" | "as" | "well" | "&"
                    )
                })
        })
    };
    let Some(at) = known
        .iter()
        .position(|f| f.start == chosen.start && f.id == chosen.id)
    else {
        return vec![chosen];
    };
    let mut first = at;
    while first > 0 && fit(&known[first - 1]) && linking(known[first - 1].end, known[first].start) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < known.len()
        && fit(&known[last + 1])
        && linking(known[last].end, known[last + 1].start)
    {
        last += 1;
    }
    let mut out: Vec<&entity::Found> = Vec::new();
    for f in &known[first..=last] {
        if !out.iter().any(|o| o.id == f.id) {
            out.push(f);
        }
    }
    out
}

/// Verbs that link a subject to its complement: "Kazakhstan is Russia's ally", "... has been
/// its main supplier".
const COPULAS: &[&str] = &[
    "is", "was", "are", "were", "remains", "remained", "been", "become", "became", "becomes",
];

/// Words that may stand between a name and its verb or between the verb and the complement
/// without changing who is what: adverbs of time and degree, relative pronouns.
const LINKING: &[&str] = &[
    "currently",
    "now",
    "still",
    "also",
    "already",
    "long",
    "by",
    "far",
    "which",
    "who",
    "that",
    "has",
    "have",
    "had",
    "today",
    "traditionally",
    "historically",
];

/// The end of a possessive after mention `f` ("Russia's", "Kazakhstan’s", "the Allies'", and
/// the bare "s" the gazetteer reads after a country's name: "Russias"), or `None` when the
/// name is not a possessor.
fn possessive_end(text: &str, f: &entity::Found) -> Option<usize> {
    let rest = text.get(f.end..)?;
    let name = text.get(f.start..f.end)?;
    let len = ["'s", "’s", "s"]
        .iter()
        .find(|p| rest.starts_with(**p))
        .map(|p| p.len())
        .or_else(|| {
            let ends_s = name.ends_with(['s', 'S']);
            if ends_s && rest.starts_with(['\'', '’']) {
                Some(rest.chars().next().map_or(1, char::len_utf8))
            } else {
                None
            }
        })?;
    rest.get(len..)?
        .starts_with(char::is_whitespace)
        .then_some(f.end + len)
}

/// The words of `text[a..b]`, or `None` when the stretch holds punctuation other than
/// hyphens (a word broken across a line included) or more than `most` words.
fn plain_words(text: &str, a: usize, b: usize, most: usize) -> Option<Vec<&str>> {
    let gap = text.get(a..b)?;
    let words: Vec<&str> = gap.split_whitespace().collect();
    let plain = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'));
    (plain && words.len() <= most).then_some(words)
}

/// Whether every word is lower case (an article, an adjective, an adverb: no name).
fn lower(words: &[&str]) -> bool {
    words
        .iter()
        .all(|w| w.starts_with(|c: char| c.is_lowercase()))
}

fn is_copula(word: &str) -> bool {
    COPULAS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

fn is_linking(word: &str) -> bool {
    LINKING.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// The mention that a copula ending at `verb` (its start) links to, reading backwards: the
/// name just before the verb, with at most a few [`LINKING`] words between ("Kazakhstan is",
/// "Russia, which is by far", "Kazakhstan has long been").
fn before_copula<'k>(
    text: &str,
    known: &'k [entity::Found],
    verb: usize,
) -> Option<&'k entity::Found> {
    let h = known.iter().rev().find(|f| f.end <= verb)?;
    let gap = text.get(h.end..verb)?;
    let gap = gap.trim_start().strip_prefix(',').unwrap_or(gap);
    let words: Vec<&str> = gap.split_whitespace().collect();
    let linking = words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic) && is_linking(w));
    linking.then_some(h)
}

/// The copula (its span) among the last few words before `to`, after `from`, with only
/// [`LINKING`] words between it and `to`.
fn copula_before(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let start = reach_before(text, to, from);
    let slice = text.get(start..to)?;
    let mut end = slice.len();
    for _ in 0..4 {
        let head = slice[..end].trim_end();
        let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        if is_copula(word) {
            return Some((start + word_start, start + head.len()));
        }
        if !is_linking(word) {
            return None;
        }
        end = word_start;
    }
    None
}

/// A copular statement around a relational noun (the cue of an entity predicate): who is
/// what to whom. Returns the holder (the name the noun describes) and the other party:
///
/// - "Kazakhstan is (currently) Russia's key partner": holder Kazakhstan, other Russia;
/// - "Russia's closest ally in Central Asia is Kazakhstan": holder Kazakhstan, other Russia;
/// - "Kazakhstan, Russia's closest ally, ...": holder Kazakhstan, other Russia;
/// - "Russia is for Tajikistan the main supplier", "Russia is the main supplier to
///   Tajikistan": holder Russia, other Tajikistan.
///
/// The possessor is never the holder: nearness alone reads "Russia's ally is Kazakhstan"
/// backwards. `None` when the sentence has no such shape (then nearness decides).
fn copular<'k>(
    text: &str,
    s: &Sentence,
    known: &'k [entity::Found],
    cue: (usize, usize),
    breaks: &[usize],
) -> Option<(&'k entity::Found, &'k entity::Found)> {
    let clause_start = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(s.start, |b| b + 1);
    let clause_end = breaks
        .iter()
        .copied()
        .find(|&b| b >= cue.1)
        .unwrap_or(s.end);
    let in_clause = |f: &&entity::Found| f.start >= clause_start && f.end <= clause_end;
    // A possessor just before the noun, with at most a few lower-case words between ("Russia's
    // closest military and political ally").
    let possessor = known
        .iter()
        .filter(in_clause)
        .rev()
        .find(|f| f.end <= cue.0)
        .filter(|f| {
            possessive_end(text, f)
                .and_then(|pe| plain_words(text, pe, cue.0, 5))
                .is_some_and(|w| lower(&w))
        });
    if let Some(p) = possessor {
        // "X, Russia's ally": an apposition.
        let head = text.get(clause_start..p.start)?.trim_end();
        if let Some(before) = head.strip_suffix(',') {
            let before = before.trim_end();
            if let Some(h) = known
                .iter()
                .filter(in_clause)
                .find(|f| clause_start + before.len() == f.end)
            {
                return Some((h, p));
            }
        }
        // "X is Russia's ally".
        if let Some(verb) = copula_before(text, clause_start, p.start)
            && let Some(h) = before_copula(text, known, verb.0).filter(in_clause)
        {
            return Some((h, p));
        }
        // "Russia's ally (in Central Asia) is X": the first name after a copula that follows
        // the noun within a few words.
        let limit = words_end(text, cue.1, reach_after(text, cue.1, clause_end), 8);
        let after = text.get(cue.1..limit)?;
        let stop = after.find([',', '.', ';', ':', '(']).unwrap_or(after.len());
        let mut at = cue.1;
        for word in after[..stop].split_whitespace() {
            let offset = text.get(at..limit)?.find(word)? + at;
            at = offset + word.len();
            if is_copula(word) {
                let h = known.iter().filter(in_clause).find(|f| f.start >= at)?;
                let gap = plain_words(text, at, h.start, 1)?;
                return lower(&gap).then_some((h, p));
            }
        }
        return None;
    }
    // "X is (for Y) the main supplier (of arms to Y)": the holder before a copula that stands
    // a few words before the noun.
    let left = reach_before(text, cue.0, clause_start);
    let mut end = cue.0;
    let mut verb = None;
    for _ in 0..8 {
        let head = text.get(left..end)?.trim_end();
        let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &head[word_start..];
        if word.is_empty() {
            break;
        }
        if is_copula(word) {
            verb = Some((left + word_start, left + head.len()));
            break;
        }
        end = left + word_start;
    }
    let verb = verb?;
    let holder = before_copula(text, known, verb.0).filter(in_clause)?;
    // Between the verb and the noun: lower-case words and at most one "for Y" / "to Y".
    let between: Vec<&entity::Found> = known
        .iter()
        .filter(|f| f.start >= verb.1 && f.end <= cue.0)
        .collect();
    let preposition = |f: &entity::Found| {
        let mut from = f.start.saturating_sub(12);
        while from < f.start && !text.is_char_boundary(from) {
            from += 1;
        }
        text.get(from..f.start).is_some_and(|t| {
            let t = t.trim_end().to_ascii_lowercase();
            let t = t.strip_suffix(" the").unwrap_or(&t).trim_end();
            [" for", " to", " of"].iter().any(|p| t.ends_with(p))
        })
    };
    match between.as_slice() {
        [] => {
            if plain_words(text, verb.1, cue.0, 6).is_none_or(|w| !lower(&w)) {
                return None;
            }
            // The other after the noun: "supplier of military equipment to Tajikistan".
            let limit = words_end(text, cue.1, reach_after(text, cue.1, clause_end), 6);
            let other = known
                .iter()
                .filter(in_clause)
                .find(|f| f.start >= cue.1 && f.end <= limit)?;
            let gap = text.get(cue.1..other.start)?;
            (!gap.contains([',', '.', ';']) && preposition(other)).then_some((holder, other))
        }
        [other] => {
            let ok = preposition(other)
                && plain_words(text, verb.1, other.start, 3).is_some()
                && plain_words(text, other.end, cue.0, 5).is_some_and(|w| lower(&w));
            ok.then_some((holder, *other))
        }
        _ => None,
    }
}

/// Whether the name a copula links to ("Russia is ...") fills the subject of a predicate: its
/// template says "{object} is ..." when the holder is the object (the supplier of "{object}
/// is the main supplier to {subject}").
fn holder_is_subject(p: &Predicate) -> bool {
    !p.template
        .as_deref()
        .is_some_and(|t| t.contains("{object} is") || t.contains("{object} are"))
}

/// Whether a time is the text's own present ("currently", "now", "today") or its recent past
/// ("recently", "in recent years"): a claim so dated holds as of the publication, the way
/// curated claims date it, not on the publication's first day.
fn of_publication(t: &Candidate) -> bool {
    match t.timex.as_ref().map(|x| x.value.as_str()) {
        Some("PRESENT_REF") => true,
        Some("PAST_REF") => {
            let word = t.text.to_ascii_lowercase();
            word.contains("recent") || word.contains("lately")
        }
        _ => false,
    }
}

/// Whether the word before `at` is "with" ("with Russia", "with the CSTO").
fn after_with(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let head = head.strip_suffix(" the").unwrap_or(head).trim_end();
    let word_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    head[word_start..].eq_ignore_ascii_case("with")
}

/// A range that runs up to the present `now` stands right before ("eighteen years now",
/// `1992/2010-01-01` then "now" on 2010-01-01): its span, and the range left open (`1992/..`).
fn lasting(text: &str, times: &[&Candidate], now: &Candidate) -> Option<((usize, usize), String)> {
    let today = now.edtf.as_deref()?;
    let before = times.iter().find(|c| {
        c.end <= now.start
            && text
                .get(c.end..now.start)
                .is_some_and(|g| g.trim().is_empty())
    })?;
    let from = before
        .edtf
        .as_deref()?
        .strip_suffix(today)?
        .strip_suffix('/')?;
    (!from.is_empty()).then(|| ((before.start, before.end), format!("{from}/..")))
}

/// Verbs of becoming: a state the cue names holds from the time on ("X became president last
/// year": `2016/..`).
const BECOMING: &[&str] = &["became", "become", "becomes", "becoming"];

/// Whether a verb of [`BECOMING`] stands among the few words before the cue, in its clause and
/// with no comma between ("became president", "has become a key partner").
fn inchoative(text: &str, s: &Sentence, breaks: &[usize], cue: (usize, usize)) -> bool {
    let clause_start = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(s.start, |b| b + 1);
    let from = reach_before(text, cue.0, clause_start);
    let Some(head) = text.get(from..cue.0) else {
        return false;
    };
    let head = head.rsplit(',').next().unwrap_or(head);
    head.split_whitespace()
        .rev()
        .take(4)
        .any(|w| BECOMING.iter().any(|b| b.eq_ignore_ascii_case(w)))
}

/// An open range from a date on (`2016` → `2016/..`); a range or a set stays as it is.
fn from_then_on(edtf: &str) -> String {
    if edtf.contains(['/', '[', '{']) || edtf.starts_with("..") {
        edtf.to_string()
    } else {
        format!("{edtf}/..")
    }
}

/// A value the cue's sentence offers a predicate, before the subject is chosen.
struct Choice<'k> {
    value: Value,
    /// For an entity value: its mention, and every mention of the list it stands in (none of
    /// them is the subject).
    object: Option<&'k entity::Found>,
    objects: Vec<&'k entity::Found>,
    at: Option<(usize, usize)>,
    score: f64,
    /// The subject, when the sentence's grammar names it ("Kazakhstan is Russia's ally").
    subject: Option<&'k entity::Found>,
}

/// The suggestions one sentence supports: for each cue, the nearest fitting value (each of a
/// list of entities: "with Russia and China"), subject (each of a list of subjects: "Russia
/// and Kazakhstan are members"), qualifiers and time; one per predicate, subject and value
/// (one per predicate and subject for a free-text value). A subject or a required qualifier
/// the sentence does not name is taken from the sentences before it in the paragraph
/// (`context`, nearest first), at a score that drops with the distance and with `.context` in
/// the rule.
fn suggest(
    text: &str,
    s: &Sentence,
    v: &Vocabulary,
    (known, context): (&[entity::Found], &[&[entity::Found]]),
    cues: &[Cue],
    items: &[&Candidate],
    as_of: Option<&str>,
) -> Vec<Candidate> {
    let empty = Shape::default();
    let kind_of = |id: &str| v.kinds.get(id).map_or("", String::as_str);
    let breaks = clause_breaks(text, s);
    // Times inside a name ("the Plan for 2008-2012") date the name, not the fact.
    let times: Vec<&Candidate> = items
        .iter()
        .filter(|c| c.kind == Kind::Time && c.edtf.is_some())
        .filter(|c| !known.iter().any(|f| c.start < f.end && f.start < c.end))
        .copied()
        .collect();
    let time_spans: Vec<(usize, usize)> = times.iter().map(|c| (c.start, c.end)).collect();
    let mut best: BTreeMap<(String, String, String), Candidate> = BTreeMap::new();
    for cue in cues {
        let p = &v.predicates[cue.predicate];
        let shape = v.shapes.get(&p.id).unwrap_or(&empty);
        let at = (cue.start, cue.end);
        let nearest = |list: &mut Vec<&entity::Found>| {
            list.sort_by_key(|f| (distance((f.start, f.end), at), f.start));
        };
        // The value first: it decides which mentions are objects.
        let choices: Vec<Choice> = match p.value_type {
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
                        shape.qualifiers.iter().any(|(key, q)| {
                            required(p, shape, key, q) && q.kinds.contains_key(kind_of(&f.id))
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
                q.unit = p.unit.clone().unwrap_or_default();
                vec![Choice {
                    value: Value::Quantity(q),
                    object: None,
                    objects: Vec::new(),
                    at: Some((c.start, c.end)),
                    score: 0.2 * c.score,
                    subject: None,
                }]
            }
            ValueType::Entity => {
                let fit = |f: &entity::Found| allows(&shape.object, shape.claims, kind_of(&f.id));
                let read = copular(text, s, known, at, &breaks)
                    .map(|(holder, other)| {
                        if holder_is_subject(p) {
                            (holder, other)
                        } else {
                            (other, holder)
                        }
                    })
                    .filter(|(subject, object)| {
                        subject.id != object.id
                            && fit(object)
                            && allows(&shape.subject, shape.claims, kind_of(&subject.id))
                    });
                if let Some((subject, object)) = read {
                    vec![Choice {
                        value: Value::Entity {
                            entity: object.id.clone(),
                        },
                        object: Some(object),
                        objects: vec![object],
                        at: Some((object.start, object.end)),
                        score: 0.2,
                        subject: Some(subject),
                    }]
                } else {
                    let mut objects: Vec<&entity::Found> =
                        known.iter().filter(|f| fit(f)).collect();
                    nearest(&mut objects);
                    let Some(o) = objects.first().copied() else {
                        continue;
                    };
                    let list = coordinated(text, known, o, fit);
                    list.iter()
                        .map(|m| Choice {
                            value: Value::Entity {
                                entity: m.id.clone(),
                            },
                            object: Some(m),
                            objects: list.clone(),
                            at: Some((m.start, m.end)),
                            // The nearest is the surest of a list.
                            score: if m.id == o.id { 0.15 } else { 0.12 },
                            subject: None,
                        })
                        .collect()
                }
            }
            ValueType::None => vec![Choice {
                value: Value::None,
                object: None,
                objects: Vec::new(),
                at: None,
                score: 0.0,
                subject: None,
            }],
            ValueType::Text => {
                let Some((words, span)) = text_value(text, s, at, &breaks, &time_spans) else {
                    continue;
                };
                // A free text is a draft for the analyst: it scores below typed values.
                vec![Choice {
                    value: Value::Text { text: words },
                    object: None,
                    objects: Vec::new(),
                    at: Some(span),
                    score: -0.1,
                    subject: None,
                }]
            }
        };
        for choice in choices {
            let is_object = |f: &entity::Found| choice.objects.iter().any(|o| o.id == f.id);
            // The subject: the nearest mention of a kind the predicate's subjects have, with
            // the others of its list, unless a qualifier takes that kind (then "Kazakhstan
            // and Russia" are a subject and its partner, not two subjects).
            let subject_fit = |f: &entity::Found| {
                !is_object(f) && allows(&shape.subject, shape.claims, kind_of(&f.id))
            };
            let mut subjects: Vec<&entity::Found> =
                known.iter().filter(|f| subject_fit(f)).collect();
            // A demonym is often an adjective ("Kazakhstani-built vehicles", "his Kazakhstani
            // counterpart"): a name a little further off is the likelier subject.
            // A free text describes the clause's subject, which stands before the verb or
            // noun that cues it ("X (mainly concentrated in the north, bordering Y)"); a name
            // after the cue is part of the description, unless the cue stands right before it
            // as its title ("President X", "political analyst X", "Minister, Lt-Gen X").
            // A name after "with" is the partner a qualifier takes ("Kazakhstan held four
            // exercises with Russia"), not the subject.
            let text_valued = p.value_type == ValueType::Text;
            let partner = |f: &entity::Found| {
                shape
                    .qualifiers
                    .values()
                    .any(|q| q.kinds.contains_key(kind_of(&f.id)))
                    && after_with(text, f.start)
            };
            subjects.sort_by_key(|f| {
                let d = distance((f.start, f.end), at);
                let after = text_valued
                    && f.start >= at.1
                    && text.get(at.1..f.start).is_some_and(|gap| {
                        !gap.chars().all(|c| c.is_whitespace() || c == '.') && !rank_gap(gap)
                    });
                (
                    partner(f),
                    after,
                    if f.demonym { d + DEMONYM } else { d },
                    f.start,
                )
            });
            let (subjects, borrowed_at) = match choice.subject.or(subjects.first().copied()) {
                Some(first) => {
                    let partnered = shape
                        .qualifiers
                        .values()
                        .any(|q| q.kinds.contains_key(kind_of(&first.id)));
                    let list = if partnered {
                        vec![first]
                    } else {
                        coordinated(text, known, first, subject_fit)
                    };
                    (list, None)
                }
                None => {
                    if shape.claims == 0 {
                        continue;
                    }
                    let found = context.iter().enumerate().find_map(|(back, mentions)| {
                        mentions
                            .iter()
                            .rev()
                            .find(|f| subject_fit(f))
                            .map(|f| (f, back))
                    });
                    let Some((subject, back)) = found else {
                        continue;
                    };
                    (vec![subject], Some(back))
                }
            };
            let lead = subjects.first().map(|f| f.id.clone());
            for subject in subjects {
                let mut score: f64 = 0.45 + choice.score;
                let mut parts: Vec<(usize, usize)> = vec![at];
                parts.extend(choice.at);
                let mut borrowed = false;
                if let Some(back) = borrowed_at {
                    borrowed = true;
                    score -= 0.1 + 0.05 * back as f64;
                } else {
                    parts.push((subject.start, subject.end));
                    if lead.as_deref() != Some(subject.id.as_str()) {
                        score -= 0.03;
                    }
                }
                let mut value = choice.value.clone();
                if p.value_type == ValueType::Text
                    && borrowed_at.is_none()
                    && let Some((words, start)) = title(text, at, subject.start, known)
                {
                    value = Value::Text { text: words };
                    parts.retain(|&x| x != choice.at.unwrap_or(at));
                    parts.push((start, at.1));
                }
                let mut used = vec![subject.id.as_str()];
                if let Some(o) = choice.object {
                    used.push(&o.id);
                }
                // Qualifiers: every key the predicate's claims use, filled from the other
                // mentions.
                let mut qualifiers = BTreeMap::new();
                let mut missing_required = false;
                for (key, q) in &shape.qualifiers {
                    let mut fitting: Vec<&entity::Found> = known
                        .iter()
                        .filter(|f| {
                            !used.contains(&f.id.as_str()) && q.kinds.contains_key(kind_of(&f.id))
                        })
                        .collect();
                    nearest(&mut fitting);
                    let mut ids: Vec<String> = Vec::new();
                    for f in &fitting {
                        if !ids.contains(&f.id) && (q.several || ids.is_empty()) {
                            ids.push(f.id.clone());
                            parts.push((f.start, f.end));
                        }
                    }
                    let required = required(p, shape, key, q);
                    if ids.is_empty() && required {
                        let found = context.iter().enumerate().find_map(|(back, mentions)| {
                            mentions
                                .iter()
                                .rev()
                                .find(|f| {
                                    !used.contains(&f.id.as_str())
                                        && q.kinds.contains_key(kind_of(&f.id))
                                })
                                .map(|f| (f, back))
                        });
                        if let Some((f, back)) = found {
                            ids.push(f.id.clone());
                            borrowed = true;
                            score -= 0.05 * (back + 1) as f64;
                        }
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
                // The time: the sentence's temporal expression nearest the figure (for a
                // quantity) or the cue, in the same clause first, else "as of".
                let anchor = choice.at.filter(|_| p.value_type == ValueType::Quantity);
                let anchor = anchor.unwrap_or(at);
                let mut dated: Vec<&Candidate> = times.clone();
                dated.sort_by_key(|c| {
                    (
                        !same_clause(&breaks, (c.start, c.end), anchor),
                        distance((c.start, c.end), anchor),
                        c.start,
                    )
                });
                // A measurement's date comes before its figure ("In 1989, ... made up 39.7%")
                // or right after it; a date further on dates a later clause ("... 30 million)
                // ... since he became president last year").
                if p.value_type == ValueType::Quantity {
                    dated.retain(|c| {
                        c.end <= anchor.0 || distance((c.start, c.end), anchor) <= NEAR
                    });
                }
                // A relation or a description holds as of the text unless its own clause
                // dates it: "the main threats remain terrorism (two bombings in May 2011)".
                if matches!(p.value_type, ValueType::Text | ValueType::Entity) {
                    dated.retain(|c| same_clause(&breaks, (c.start, c.end), at));
                }
                let (when, how) = match dated.first() {
                    Some(t) => {
                        parts.push((t.start, t.end));
                        score += 0.15;
                        if !same_clause(&breaks, (t.start, t.end), anchor) {
                            score -= 0.05;
                        }
                        match as_of.filter(|_| of_publication(t)) {
                            // "For eighteen years now": the span up to now goes on.
                            Some(_) if let Some(span) = lasting(text, &times, t) => {
                                parts.push(span.0);
                                (Some(span.1), "time")
                            }
                            Some(a) => (Some(a.to_string()), "as_of"),
                            None if matches!(p.value_type, ValueType::Text | ValueType::Entity)
                                && inchoative(text, s, &breaks, at) =>
                            {
                                (t.edtf.as_deref().map(from_then_on), "time")
                            }
                            None => (t.edtf.clone(), "time"),
                        }
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
                    "claim.cue_{}.{how}{}",
                    match p.value_type {
                        ValueType::Quantity => "quantity",
                        ValueType::Entity => "entity",
                        ValueType::Text => "text",
                        ValueType::None => "event",
                    },
                    if borrowed { ".context" } else { "" }
                );
                // One free text per predicate and subject: the cues of one sentence would
                // otherwise offer the same statement cut several ways.
                let value_key = match &value {
                    Value::Text { .. } => "text".to_string(),
                    other => serde_json::to_string(other).unwrap_or_default(),
                };
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
            entity("nazarbayev", "Nursultan Nazarbayev", "person", &[]),
            entity("osce", "OSCE", "organisation", &[]),
            entity("un", "United Nations", "organisation", &["UN"]),
            entity("china", "China", "country", &[]),
            entity("kyrgyzstan", "Kyrgyzstan", "country", &[]),
            entity("central-asia", "Central Asia", "region", &[]),
            entity("ivan-petrov", "Ivan Petrov", "person", &[]),
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
            predicate("provides", ValueType::Text, None, &["provides for"]),
            predicate(
                "holds_office",
                ValueType::Text,
                None,
                &["president", "minister"],
            ),
            predicate("works_with", ValueType::Entity, None, &["works with"]),
            predicate("aim", ValueType::Text, None, &["aim"]),
            Predicate {
                template: Some("{subject} is {object}'s key partner".into()),
                ..predicate("partner_of", ValueType::Entity, None, &["partner", "ally"])
            },
            Predicate {
                template: Some("{object} is the main supplier of arms to {subject}".into()),
                ..predicate("supplier", ValueType::Entity, None, &["supplier"])
            },
            predicate(
                "rank",
                ValueType::Text,
                None,
                &["colonel", "general", "col gen"],
            ),
            Predicate {
                template: Some("{subject} and {partner}: {value} held".into()),
                ..predicate(
                    "exercises_held",
                    ValueType::Quantity,
                    Some("exercises"),
                    &["exercises"],
                )
            },
        ];
        let shapes = shapes([
            row("population", "subject", "country", 5, 5, false),
            row("population_share", "subject", "country", 3, 3, false),
            row("population_share", "group", "ethnic_group", 3, 3, false),
            row("signed", "subject", "agreement", 4, 4, false),
            row("signed", "party", "country", 4, 4, true),
            row("leases", "subject", "country", 2, 2, false),
            row("leases", "object", "facility", 2, 2, false),
            row("provides", "subject", "agreement", 2, 2, false),
            row("holds_office", "subject", "person", 2, 2, false),
            row("works_with", "subject", "country", 2, 2, false),
            row("works_with", "object", "organisation", 2, 2, false),
            row("aim", "subject", "country", 2, 2, false),
            row("partner_of", "subject", "country", 2, 2, false),
            row("partner_of", "object", "country", 2, 2, false),
            row("supplier", "subject", "country", 2, 2, false),
            row("supplier", "object", "country", 2, 2, false),
            row("rank", "subject", "person", 2, 2, false),
            row("exercises_held", "subject", "country", 1, 1, false),
            row("exercises_held", "partner", "country", 1, 1, false),
            row("exercises_held", "framework", "organisation", 1, 1, false),
        ]);
        Vocabulary::new(&entities, &predicates, shapes).unwrap()
    }

    fn claims(text: &str, published: Option<&str>) -> Vec<Candidate> {
        // The document date, for relative times: the first day of `published`.
        let date = published.and_then(|p| {
            let p = if p.len() == 4 {
                format!("{p}-01-01")
            } else {
                p.to_string()
            };
            chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()
        });
        let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string(), date);
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

    fn one<'c>(got: &'c [Candidate], predicate: &str) -> &'c Suggestion {
        let found: Vec<&Suggestion> = got
            .iter()
            .filter_map(|c| c.suggestion.as_ref())
            .filter(|s| s.predicate == predicate)
            .collect();
        assert_eq!(found.len(), 1, "{got:#?}");
        found[0]
    }

    #[test]
    fn a_qualifier_seen_once_is_not_required_unless_the_template_names_it() {
        let got = claims(
            "In 2013, Kazakhstan held four joint exercises with Russia.",
            Some("2015-03-10"),
        );
        let s = one(&got, "exercises_held");
        // The name after "with" is the partner, not the subject.
        assert_eq!(s.subject, "kazakhstan");
        assert_eq!(
            s.qualifiers.get("partner"),
            Some(&vec!["russia".to_string()])
        );
        assert!(!s.qualifiers.contains_key("framework"));
        assert_eq!(s.when.as_deref(), Some("2013"));
        // The template's partner is required: without one, no suggestion.
        let none = claims(
            "In 2013, Kazakhstan held four joint exercises.",
            Some("2015-03-10"),
        );
        assert!(
            none.iter()
                .all(|c| c.suggestion.as_ref().unwrap().predicate != "exercises_held"),
            "{none:#?}"
        );
    }

    #[test]
    fn present_and_recent_times_date_as_of_publication() {
        let got = claims(
            "Kazakhstan is currently Russias key partner.",
            Some("2015-03-10"),
        );
        let s = one(&got, "partner_of");
        assert_eq!(
            (s.subject.as_str(), &s.value, s.when.as_deref()),
            (
                "kazakhstan",
                &Value::Entity {
                    entity: "russia".into()
                },
                Some("2015~")
            )
        );
        let got = claims(
            "Recently, Kazakhstan's minister Ivan Petrov spoke.",
            Some("2015-03-10"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2015~"));
    }

    #[test]
    fn becoming_opens_a_range_and_years_now_last() {
        let got = claims(
            "Ivan Petrov became president of Kazakhstan last year.",
            Some("2015-03-10"),
        );
        let s = one(&got, "holds_office");
        assert_eq!(
            (s.subject.as_str(), s.when.as_deref()),
            ("ivan-petrov", Some("2014/.."))
        );
        // Without a verb of becoming the year is the claim's time as it stands.
        let got = claims(
            "Ivan Petrov was president of Kazakhstan last year.",
            Some("2015-03-10"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2014"));
        let got = claims(
            "For ten years now, Kazakhstan works with the OSCE.",
            Some("2015"),
        );
        assert_eq!(one(&got, "works_with").when.as_deref(), Some("2005/.."));
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
    fn an_entity_value() {
        let got = claims("Russia holds a lease on Kant until 2032.", None);
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "leases")
            .unwrap();
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "russia");
        assert_eq!(
            s.value,
            Value::Entity {
                entity: "kant-air-base".into()
            }
        );
        assert_eq!(s.when.as_deref(), Some("../2032"));
    }

    fn suggestions(got: &[Candidate], predicate: &str) -> Vec<Suggestion> {
        got.iter()
            .filter_map(|c| c.suggestion.clone())
            .filter(|s| s.predicate == predicate)
            .collect()
    }

    #[test]
    fn a_text_value_is_the_clause_after_the_cue() {
        let got = claims(
            "The Military Cooperation Treaty provides for joint training of officers, and more.",
            Some("2011"),
        );
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "provides")
            .unwrap();
        let s = c.suggestion.as_ref().unwrap();
        assert_eq!(s.subject, "treaty-1994");
        assert_eq!(
            s.value,
            Value::Text {
                text: "joint training of officers".into()
            }
        );
        assert_eq!(s.when.as_deref(), Some("2011~"));
        assert_eq!(c.rule, "claim.cue_text.as_of");
        // Typed values outrank a draft text.
        assert!(c.score < 0.45, "{}", c.score);
        // A cue that closes its clause takes the phrase that leads up to it.
        let got = claims(
            "Kazakhstan pursues a balanced aim, as everyone knows.",
            Some("2011"),
        );
        let aims = suggestions(&got, "aim");
        assert_eq!(aims.len(), 1, "{aims:#?}");
        assert_eq!(
            aims[0].value,
            Value::Text {
                text: "Kazakhstan pursues a balanced aim".into()
            }
        );
    }

    #[test]
    fn a_text_value_is_read_from_a_bounded_stretch() {
        let text = format!(
            "The Military Cooperation Treaty provides for {}",
            "the joint ".repeat(20_000)
        );
        let got = claims(&text, Some("2011"));
        let found = suggestions(&got, "provides");
        assert_eq!(found.len(), 1, "{found:#?}");
        match &found[0].value {
            Value::Text { text } => {
                assert!(text.split_whitespace().count() <= TEXT_WORDS, "{text}");
                assert!(text.starts_with("joint"), "{text}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_title_before_a_name_is_the_value() {
        let got = claims(
            "Kazakhstan is led by President Nursultan Nazarbayev.",
            Some("2011"),
        );
        let offices = suggestions(&got, "holds_office");
        assert_eq!(offices.len(), 1, "{offices:#?}");
        assert_eq!(offices[0].subject, "nazarbayev");
        assert_eq!(
            offices[0].value,
            Value::Text {
                text: "President".into()
            }
        );
    }

    #[test]
    fn every_entity_of_a_list_is_an_object() {
        let got = claims(
            "Kazakhstan works with the UN, the OSCE and Russia.",
            Some("2011"),
        );
        let mut objects: Vec<String> = suggestions(&got, "works_with")
            .into_iter()
            .map(|s| match s.value {
                Value::Entity { entity } => entity,
                other => panic!("{other:?}"),
            })
            .collect();
        objects.sort();
        // Russia is no organisation: the list of objects stops before it.
        assert_eq!(objects, ["osce", "un"]);
    }

    #[test]
    fn a_subject_is_looked_for_in_the_paragraph() {
        let text = "Kazakhstan is a large country. It is mostly steppe. Official figures put \
                    the population at 16.3 million.\n\nThe population is 17.6 million.";
        let got = claims(text, Some("2011"));
        let found = suggestions(&got, "population");
        // Two sentences back in the same paragraph; not across the blank line.
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].subject, "kazakhstan");
        let c = got
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population")
            .unwrap();
        assert!(c.rule.ends_with(".context"), "{}", c.rule);
        let near = claims(
            "Kazakhstan is large. Its population is 16.3 million.",
            Some("2011"),
        );
        let near = near
            .iter()
            .find(|c| c.suggestion.as_ref().unwrap().predicate == "population")
            .unwrap();
        // The nearer the sentence that names the subject, the higher the score.
        assert!(near.score > c.score, "{} {}", near.score, c.score);
    }

    #[test]
    fn a_time_in_another_clause_does_not_date_a_relation() {
        let got = claims(
            "Kazakhstan works with the OSCE (it joined in 1992).",
            Some("2011"),
        );
        let found = suggestions(&got, "works_with");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].when.as_deref(), Some("2011~"));
        let got = claims(
            "In 1992 Kazakhstan works with the OSCE; that changed.",
            Some("2011"),
        );
        assert_eq!(
            suggestions(&got, "works_with")[0].when.as_deref(),
            Some("1992")
        );
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

    /// (subject, object) of every suggestion of `predicate`.
    fn pairs(got: &[Candidate], predicate: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = suggestions(got, predicate)
            .into_iter()
            .map(|s| match s.value {
                Value::Entity { entity } => (s.subject, entity),
                other => panic!("{other:?}"),
            })
            .collect();
        out.sort();
        out
    }

    fn pair(a: &str, b: &str) -> Vec<(String, String)> {
        vec![(a.to_string(), b.to_string())]
    }

    #[test]
    fn a_possessor_is_the_object_of_a_relational_noun() {
        // The possessor stands nearer the noun than the holder: nearness alone reads these
        // backwards.
        for text in [
            "China's most reliable partner in Central Asia is Kyrgyzstan.",
            "Kyrgyzstan is now China's main partner.",
            "Kyrgyzstan has long been China's closest ally.",
            "Kyrgyzstan, China's oldest ally, voted against it.",
            "Kyrgyzstan is currently China's key partner in the region.",
        ] {
            let got = claims(text, Some("2011"));
            assert_eq!(
                pairs(&got, "partner_of"),
                pair("kyrgyzstan", "china"),
                "{text}"
            );
        }
        // No possessive, no copula: the nearest reading stands.
        let got = claims("China signed a partner deal with Kyrgyzstan.", Some("2011"));
        assert!(!pairs(&got, "partner_of").is_empty(), "{got:#?}");
    }

    #[test]
    fn the_template_says_which_role_the_copula_names() {
        // "{object} is the main supplier to {subject}": the one who "is" the supplier is the
        // object.
        for text in [
            "China is for Kyrgyzstan the main supplier of weapons.",
            "China is the main supplier of arms to Kyrgyzstan.",
            "Kyrgyzstan's largest supplier is China.",
            "China, Kyrgyzstan's largest supplier, said nothing.",
        ] {
            let got = claims(text, Some("2011"));
            assert_eq!(
                pairs(&got, "supplier"),
                pair("kyrgyzstan", "china"),
                "{text}"
            );
        }
        assert!(holder_is_subject(&predicate(
            "x",
            ValueType::Entity,
            None,
            &[]
        )));
    }

    #[test]
    fn possessives_are_read_in_their_forms() {
        let g = |_: &str, end: usize| entity::Found {
            id: "x".into(),
            start: 0,
            end,
            demonym: false,
        };
        assert_eq!(
            possessive_end("Russia's ally", &g("Russia's ally", 6)),
            Some(8)
        );
        assert_eq!(possessive_end("Russia’s ally", &g("", 6)), Some(10));
        assert_eq!(possessive_end("Americas' ally", &g("", 8)), Some(9));
        assert_eq!(possessive_end("Russia is", &g("", 6)), None);
        assert_eq!(possessive_end("Russian ally", &g("", 6)), None);
    }

    #[test]
    fn a_rank_between_a_title_and_a_name() {
        for (text, office) in [
            (
                "Then-Kazakhstan Deputy Defence Minister Lt-Gen Ivan Petrov resigned.",
                "Deputy Defence Minister",
            ),
            (
                "Kazakhstan's Defence Minister, Colonel-General Ivan Petrov, spoke.",
                "Defence Minister",
            ),
            (
                "The Russian President Rear Admiral Ivan Petrov spoke.",
                "President",
            ),
        ] {
            let got = claims(text, Some("2011"));
            let offices = suggestions(&got, "holds_office");
            assert_eq!(offices.len(), 1, "{text}: {offices:#?}");
            assert_eq!(offices[0].subject, "ivan-petrov", "{text}");
            assert_eq!(
                offices[0].value,
                Value::Text {
                    text: office.into()
                },
                "{text}"
            );
        }
        // The rank itself does not take the office before it.
        let got = claims(
            "Defence Minister Colonel General Ivan Petrov spoke.",
            Some("2011"),
        );
        let ranks = suggestions(&got, "rank");
        assert!(!ranks.is_empty(), "{got:#?}");
        assert!(
            ranks.iter().all(|r| r.value
                == Value::Text {
                    text: "Colonel General".into()
                }),
            "{ranks:#?}"
        );
        assert!(rank_gap(" Col.-Gen. "));
        assert!(!rank_gap(", "));
        assert!(!rank_gap(" Sergei "));
    }

    #[test]
    fn a_free_text_describes_the_name_before_its_cue() {
        // Kyrgyzstan stands nearer the cue, but after it: it is part of what is said.
        let got = claims(
            "China, in its latest white paper, states one aim, closer trade with Kyrgyzstan.",
            Some("2011"),
        );
        let aims = suggestions(&got, "aim");
        assert_eq!(aims.len(), 1, "{aims:#?}");
        assert_eq!(aims[0].subject, "china");
        // A name right after its title is still the subject.
        let got = claims(
            "Kazakhstan welcomed President Nursultan Nazarbayev.",
            Some("2011"),
        );
        let offices = suggestions(&got, "holds_office");
        assert_eq!(offices.len(), 1, "{offices:#?}");
        assert_eq!(offices[0].subject, "nazarbayev");
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
