//! Entity mentions: a gazetteer over every known entity's id, name and aliases (and the
//! demonyms of country names: "Russian", "Kazakh"), matched by one Aho-Corasick automaton,
//! leftmost-longest, on text folded as alias lookups fold it (ASCII transliteration, lower
//! case, one space between words), so case, accents and possessives ("Russia's") do not matter
//! and matches fall on word boundaries. Short all-capital aliases ("RF", "SCO") must be written
//! in capitals. Capitalised phrases that match no entity are offered as possible new entities.
//!
//! Pure: built from model entities, no I/O.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::Entity;
use crate::text::fold;

mod unknown;

pub use unknown::unknown_names;

/// A known entity named in a text: its id, the words as written, their byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: String,
    pub start: usize,
    pub end: usize,
    /// Whether the match was a demonym ("Russian") rather than a name.
    pub demonym: bool,
}

/// A capitalised phrase that names no known entity: a possible new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub start: usize,
    pub end: usize,
    /// A slug an analyst could give it (`kyrgyz-armed-forces`).
    pub id: String,
}

#[derive(Debug, Clone)]
struct Pattern {
    entity: String,
    /// Only a match written in capitals counts (short acronyms).
    capitals: bool,
    demonym: bool,
    /// A country's name with a bare possessive "s" ("Russias key partner"): only a capitalised
    /// match counts, and the mention ends before the "s".
    possessive: bool,
    /// A country, an organisation or a demonym: linked also inside a longer name ("Kazakh" in
    /// "Kazakh Air Assault Forces", "UN" in "UN General Assembly"); an agreement or programme
    /// inside an organisation's name is not, nor a city or region by its name ("Washington
    /// Post", "Almaty region").
    inner: bool,
    /// A country's name or demonym.
    country: bool,
    /// An organisation or a unit: written with a common noun in lower case after a
    /// country's name it is a description ("the Kyrgyz parliament").
    body: bool,
    /// The city this name also names (`Astana` → `astana-city`, for a place named `Astana
    /// (city)`): in a dateline or after a word of place the mention is the city.
    city: Option<String>,
}

/// The automaton over every name of every entity.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    /// The state a capital stands for when it acts ("Tashkent closed a base"), by the
    /// capital's id.
    states: HashMap<String, String>,
    /// The ids of organisations and units.
    bodies: std::collections::HashSet<String>,
}

/// Capitals and the states they stand for when they act, as ids of the gazetteer (a pair
/// counts when both ids are there). Astana and Moscow are aliases of their states already.
const CAPITALS: [(&str, &str); 12] = [
    ("tashkent", "uzbekistan"),
    ("dushanbe", "tajikistan"),
    ("bishkek", "kyrgyzstan"),
    ("ashgabat", "turkmenistan"),
    ("washington-dc", "united-states"),
    ("new-delhi", "india"),
    ("beijing", "china"),
    ("kabul", "afghanistan"),
    ("baku", "azerbaijan"),
    ("yerevan", "armenia"),
    ("minsk", "belarus"),
    ("islamabad", "pakistan"),
];

/// The demonyms of a country's name where English forms them regularly: "-istan"/"-stan"
/// drop the ending or take "-i" (Kazakhstan → Kazakh, Kazakhstani), "-ia" takes "-n"
/// (Russia → Russian).
/// Irregular ones are listed ("Chinese", "British", "Soviet"), and a region's "-ia" takes "-n"
/// as a country's does ("Central Asian", "Eurasian").
fn demonyms(name: &str) -> Vec<String> {
    let irregular: &[&str] = match name {
        "China" => &["Chinese"],
        "United Kingdom" => &["British"],
        "France" => &["French"],
        "Spain" => &["Spanish"],
        "Belarus" => &["Belarusian", "Belarussian"],
        "Moldova" => &["Moldovan"],
        "Ukraine" => &["Ukrainian"],
        "Turkey" => &["Turkish"],
        "Iran" => &["Iranian"],
        "Iraq" => &["Iraqi"],
        "Israel" => &["Israeli"],
        "Germany" => &["German"],
        "Japan" => &["Japanese"],
        "Poland" => &["Polish"],
        "Azerbaijan" => &["Azerbaijani"],
        "Afghanistan" => &["Afghan"],
        _ => &[],
    };
    if !irregular.is_empty() {
        return irregular.iter().map(|d| d.to_string()).collect();
    }
    let stem = name
        .strip_suffix("istan")
        .or_else(|| name.strip_suffix("stan"))
        .filter(|stem| stem.len() >= 3);
    match stem {
        Some(stem) => vec![stem.to_string(), format!("{name}i")],
        None if name.ends_with("ia") => vec![format!("{name}n")],
        None => Vec::new(),
    }
}

fn is_acronym(name: &str) -> bool {
    name.len() <= 4
        && name.chars().count() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

impl Gazetteer {
    /// Builds the automaton over the entities' ids, names and aliases, and over the demonyms
    /// of countries' names where no entity already goes by that word. A name shared by two
    /// entities (import refuses that) counts for the first.
    pub fn new(entities: &[Entity]) -> Result<Gazetteer, aho_corasick::BuildError> {
        let mut seen = std::collections::HashSet::new();
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        // A folded name names its first entity only; an empty one names nobody.
        let mut add = |f: String, pattern: Pattern| {
            if !f.is_empty() && seen.insert(f.clone()) {
                folded.push(f);
                patterns.push(pattern);
            }
        };
        let pattern = |e: &Entity| Pattern {
            entity: e.id.clone(),
            capitals: false,
            demonym: false,
            possessive: false,
            inner: matches!(e.kind.as_str(), "country" | "organisation"),
            country: e.kind == "country",
            body: matches!(e.kind.as_str(), "organisation" | "military_unit"),
            city: None,
        };
        for e in entities {
            // A name in lower case is a common word ("bilateral", a coding category of a
            // dataset): in running text it names nothing.
            for name in std::iter::once(&e.name)
                .chain(&e.aliases)
                .filter(|n| n.chars().any(char::is_uppercase))
            {
                let capitals = is_acronym(name);
                add(
                    fold(name),
                    Pattern {
                        capitals,
                        ..pattern(e)
                    },
                );
            }
        }
        // A group's plural name of several words also names one member ("an ethnic Russian");
        // a one-word singular is left to the demonyms ("Russian" is Russia's).
        for e in entities.iter().filter(|e| e.kind.ends_with("group")) {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                if let Some(singular) = name.strip_suffix('s').filter(|s| s.contains(' ')) {
                    add(fold(singular), pattern(e));
                }
            }
        }
        for e in entities
            .iter()
            .filter(|e| e.kind == "country" || e.kind == "place")
        {
            for word in demonyms(&e.name) {
                add(
                    fold(&word),
                    Pattern {
                        demonym: true,
                        inner: true,
                        ..pattern(e)
                    },
                );
            }
        }
        // A country's name written with a bare "s" for its possessive ("Russias"), where no
        // other name or demonym is that word ("Kazakhs" stays the people's).
        for e in entities.iter().filter(|e| e.kind == "country") {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                if is_acronym(name) || name.ends_with(['s', 'S']) || name.contains(' ') {
                    continue;
                }
                let f = fold(name);
                if f.ends_with(|c: char| c.is_ascii_lowercase()) {
                    add(
                        format!("{f}s"),
                        Pattern {
                            possessive: true,
                            ..pattern(e)
                        },
                    );
                }
            }
        }
        let automaton = if folded.is_empty() {
            None
        } else {
            Some(
                // A DFA: built once, then searched over every byte of every document.
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&folded)?,
            )
        };
        // A city's bare name stays an alias of its country (the government, as data files use
        // it), but in a dateline or after a word of place it names the city.
        let cities: HashMap<String, &str> = entities
            .iter()
            .filter(|e| e.kind == "place")
            .filter_map(|e| Some((fold(e.name.strip_suffix(" (city)")?), e.id.as_str())))
            .collect();
        for (f, p) in folded.iter().zip(patterns.iter_mut()) {
            p.city = cities
                .get(f)
                .filter(|city| **city != p.entity)
                .map(|city| city.to_string());
        }
        let ids: std::collections::HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
        let states = CAPITALS
            .iter()
            .filter(|(city, state)| ids.contains(city) && ids.contains(state))
            .map(|(city, state)| (city.to_string(), state.to_string()))
            .collect();
        let bodies = patterns
            .iter()
            .filter(|p| p.body)
            .map(|p| p.entity.clone())
            .collect();
        Ok(Gazetteer {
            automaton,
            patterns,
            states,
            bodies,
        })
    }

    /// Every mention of a known entity in `text`, left to right, without overlaps. A country's
    /// name or adjective with a common noun in lower case is a description, not the body it
    /// points at: "the Kyrgyz parliament", "the ministry of defense of Kazakhstan" give the
    /// country alone.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        each_folded_match(text, automaton, false, |pattern, start, end| {
            if let Some(f) = self.accept(text, pattern, start, end) {
                out.push(f);
            }
        });
        if !out.iter().any(|f| multiword(&text[f.start..f.end])) {
            return out;
        }
        let mut kept = Vec::with_capacity(out.len());
        for f in out {
            if self.body(&f) && multiword(&text[f.start..f.end]) && described(&text[f.start..f.end])
            {
                let inner = self.inside(text, &f);
                if inner.iter().any(|(_, country)| *country) {
                    kept.extend(inner.into_iter().map(|(g, _)| g));
                    continue;
                }
            }
            kept.push(f);
        }
        kept
    }

    /// The known countries, places and organisations named inside the longer names of
    /// `mentions` (as [`Gazetteer::find`] gives them), with their own spans: "Kazakh" in
    /// "Kazakh Air Assault Forces", "UN" in "UN General Assembly".
    pub fn inner(&self, text: &str, mentions: &[Found]) -> Vec<Found> {
        mentions
            .iter()
            .filter(|f| multiword(&text[f.start..f.end]))
            .flat_map(|f| self.inside(text, f))
            .map(|(g, _)| g)
            .collect()
    }

    /// The mentions inside `outer`'s span, and whether each is a country's.
    fn inside(&self, text: &str, outer: &Found) -> Vec<(Found, bool)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let span = &text[outer.start..outer.end];
        let mut starts = Vec::new();
        let mut prev = ' ';
        for (i, c) in span.char_indices() {
            if c.is_alphanumeric() && !prev.is_alphanumeric() {
                starts.push(i);
            }
            prev = c;
        }
        // Without its last word, so that a name opening the span is found.
        let shorter = starts.last().map_or(0, |&last| {
            span[..last]
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len()
        });
        let mut out = Vec::new();
        let mut covered = outer.start;
        for &s in &starts {
            let from = outer.start + s;
            let to = if s == 0 {
                outer.start + shorter
            } else {
                outer.end
            };
            if from < covered || from >= to {
                continue;
            }
            let sub = &text[from..to];
            let mut first = None;
            let mut look = |p: usize, a: usize, b: usize| {
                if first.is_none() && a == 0 {
                    first = Some((p, b));
                }
            };
            INNER.with(|cell| match cell.try_borrow_mut() {
                Ok(mut folded) => {
                    folded.fold(sub);
                    folded.each_match(sub, automaton, false, &mut look);
                }
                Err(_) => {
                    let mut folded = Folded::default();
                    folded.fold(sub);
                    folded.each_match(sub, automaton, false, &mut look);
                }
            });
            let Some((p, b)) = first else { continue };
            let pattern = &self.patterns[p];
            if !pattern.inner || pattern.entity == outer.id {
                continue;
            }
            if let Some(g) = self.accept(text, p, from, from + b) {
                covered = g.end;
                out.push((g, pattern.country));
            }
        }
        out
    }

    /// Whether a mention names an organisation or a unit.
    fn body(&self, f: &Found) -> bool {
        self.bodies.contains(&f.id)
    }

    /// The mention a match of pattern `p` at `start..end` makes, if it makes one.
    fn accept(&self, text: &str, p: usize, start: usize, end: usize) -> Option<Found> {
        let pattern = &self.patterns[p];
        if pattern.capitals
            && !text[start..end]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        {
            return None;
        }
        let mut end = end;
        if pattern.possessive {
            // The match ends in an ASCII "s" (the original's last character folds to it).
            if !text[start..].starts_with(char::is_uppercase) || !text[..end].ends_with('s') {
                return None;
            }
            end -= 1;
        }
        // "(Russian: Авиабаза Кант)": a language's name before its words, not the country.
        if pattern.demonym && text[end..].starts_with(':') {
            return None;
        }
        let mut id = match &pattern.city {
            Some(city) if as_a_place(text, start, end) => city.clone(),
            _ => pattern.entity.clone(),
        };
        if let Some(state) = self.states.get(&id)
            && acting(text, start, end)
        {
            id = state.clone();
        }
        Some(Found {
            id,
            start,
            end,
            demonym: pattern.demonym,
        })
    }
}

/// Whether a name has more than one word ("Kazakh Air Assault Forces", "Russia-led").
fn multiword(name: &str) -> bool {
    name.contains([' ', '-', '\n'])
}

/// Whether a name as written has a common noun in lower case ("Kyrgyz parliament", "ministry
/// of defense of Kazakhstan"): a description rather than a proper name.
fn described(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            w.starts_with(char::is_lowercase)
                && !matches!(
                    w,
                    "of" | "the" | "and" | "for" | "on" | "in" | "de" | "al" | "led"
                )
        })
}

/// Whether a capital's name at `start..end` acts, standing for its state ("Tashkent closed
/// a US air base", "shocked Washington", "forgive Dushanbe $330 million", "a note from
/// Tashkent"): a verb of its own after it, or a verb that takes it as its object before it.
/// A capital as a place (a dateline, "in Tashkent", "visited Tashkent", "the Dushanbe
/// summit") stays the city.
fn acting(text: &str, start: usize, end: usize) -> bool {
    if as_a_place(text, start, end) {
        // "a note from Tashkent": what a government sends comes from its capital.
        let before = text[..start].trim_end();
        let mut from = before.len().saturating_sub(24);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let before = before[from..].to_lowercase();
        return [
            "note from",
            "message from",
            "letter from",
            "request from",
            "pressure from",
            "signal from",
        ]
        .iter()
        .any(|p| before.ends_with(p));
    }
    let next: String = text[end..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let verb_after =
        matches!(
            next.as_str(),
            "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "also"
                | "already"
                | "says"
                | "said"
                | "wants"
                | "insists"
                | "hopes"
                | "plans"
                | "intends"
                | "sees"
                | "views"
                | "considers"
                | "believes"
                | "refuses"
                | "denies"
                | "does"
                | "did"
                | "agrees"
                | "supports"
        ) || next.len() > 4 && next.ends_with("ed") && next.starts_with(char::is_lowercase);
    if verb_after {
        return true;
    }
    let before = text[..start].trim_end();
    let prev: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let stays_a_place = matches!(
        prev.as_str(),
        "visited"
            | "reached"
            | "left"
            | "toured"
            | "entered"
            | "based"
            | "located"
            | "stationed"
            | "headquartered"
            | "landed"
            | "arrived"
            | "named"
            | "called"
            | "renamed"
    );
    !stays_a_place
        && before.len() == before.trim_end_matches(|c: char| !c.is_alphabetic()).len()
        && (prev.len() > 4 && prev.ends_with("ed")
            || matches!(
                prev.as_str(),
                "forgive"
                    | "give"
                    | "gives"
                    | "urge"
                    | "urges"
                    | "tell"
                    | "told"
                    | "warn"
                    | "warns"
                    | "pressure"
                    | "persuade"
                    | "convince"
                    | "help"
                    | "helps"
                    | "assure"
                    | "accuse"
                    | "ask"
                    | "asks"
                    | "invite"
                    | "join"
                    | "joins"
                    | "support"
                    | "supports"
            ))
}

/// Words after which a city's name is the place, not its government: "in Astana", "a visit to
/// Astana", "the Kazakh capital, Astana".
const PLACE_WORDS: [&str; 9] = [
    "in", "at", "to", "from", "near", "outside", "around", "capital", "capital,",
];

/// Whether the name at `start..end` stands as a place: a dateline (the name in capitals at the
/// start of a line, then a comma, a bracket or a dash: "ASTANA, Oct 5"), or after a word of
/// place.
fn as_a_place(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let name = &text[start..end];
    let after = text[end..].trim_start_matches(' ');
    let dateline = text[line_start..start].trim().is_empty()
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && (after.starts_with([',', '(', '-', '–', '—']));
    if dateline {
        return true;
    }
    let before = text[..start].trim_end();
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    PLACE_WORDS.contains(&word.as_str())
}

/// Runs `automaton` (built over folded words) on `text` folded, and calls `f` with the pattern
/// index and the original byte span of every match on word boundaries: non-overlapping
/// (leftmost) matches, or all of them when `overlapping` (the automaton must then use the
/// standard match kind).
pub(super) fn each_folded_match(
    text: &str,
    automaton: &AhoCorasick,
    overlapping: bool,
    f: impl FnMut(usize, usize, usize),
) {
    FOLDED.with(|cell| match cell.try_borrow_mut() {
        Ok(mut folded) => {
            folded.fold(text);
            folded.each_match(text, automaton, overlapping, f);
        }
        // Only if `f` itself folds a text: then it gets buffers of its own.
        Err(_) => {
            let mut folded = Folded::default();
            folded.fold(text);
            folded.each_match(text, automaton, overlapping, f);
        }
    });
}

thread_local! {
    /// The buffers for searching inside one name (kept apart from [`FOLDED`], which holds the
    /// whole document).
    static INNER: RefCell<Folded> = RefCell::default();
    /// The last text folded, kept: a document is searched twice (for names, then for cues),
    /// and the buffers (ten bytes for each byte of text) are reused rather than allocated
    /// and faulted in again for every piece of a long file.
    static FOLDED: RefCell<Folded> = RefCell::default();
}

fn original_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Text folded as [`fold`] folds names (ASCII letters and digits, lower case, one space
/// between words), with the byte offset of the original character each folded byte comes
/// from (for an inserted space, the character after it).
#[derive(Debug, Default)]
struct Folded {
    /// The text folded, when `text` and `origin` hold its folding.
    source: Option<String>,
    text: Vec<u8>,
    origin: Vec<usize>,
}

impl Folded {
    /// Folds `text`, unless it is the text folded last.
    fn fold(&mut self, text: &str) {
        if self.source.as_deref() == Some(text) {
            return;
        }
        let mut source = self.source.take().unwrap_or_default();
        self.text.clear();
        self.origin.clear();
        self.text.reserve(text.len());
        self.origin.reserve(text.len());
        let mut space_pending = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    // A run of ASCII letters and digits is folded whole: the space due before
                    // its first, then every byte lower-cased with its own offset.
                    self.push(b, i, &mut space_pending);
                    let run = bytes[i + 1..]
                        .iter()
                        .position(|c| !c.is_ascii_alphanumeric())
                        .map_or(bytes.len(), |n| i + 1 + n);
                    self.text
                        .extend(bytes[i + 1..run].iter().map(u8::to_ascii_lowercase));
                    self.origin.extend(i + 1..run);
                    i = run;
                } else {
                    space_pending = true;
                    i += 1;
                }
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            for o in deunicode::deunicode_char(c).unwrap_or(" ").bytes() {
                if o.is_ascii_alphanumeric() {
                    self.push(o, i, &mut space_pending);
                } else {
                    space_pending = true;
                }
            }
            i += c.len_utf8();
        }
        source.clear();
        source.push_str(text);
        self.source = Some(source);
    }

    /// Appends a letter or digit from the character at `at`, after a space if one is due.
    fn push(&mut self, b: u8, at: usize, space_pending: &mut bool) {
        if *space_pending && !self.text.is_empty() {
            self.text.push(b' ');
            self.origin.push(at);
        }
        *space_pending = false;
        self.text.push(b.to_ascii_lowercase());
        self.origin.push(at);
    }

    /// See [`each_folded_match`]; `text` is the text folded.
    fn each_match(
        &self,
        text: &str,
        automaton: &AhoCorasick,
        overlapping: bool,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let bytes = self.text.as_slice();
        let mut on = |m: aho_corasick::Match| {
            let (s, e) = (m.start(), m.end());
            let starts_word = s == 0 || bytes[s - 1] == b' ';
            let ends_word = e == bytes.len() || bytes[e] == b' ';
            if !(starts_word && ends_word) || s == e {
                return;
            }
            // Patterns are folded names: they begin and end with a letter or digit, never
            // with an inserted space, so both ends map to a character of the original.
            let start = self.origin[s];
            let last = self.origin[e - 1];
            let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
            // A transliterated match must begin and end on the original's word boundaries
            // too ("三百" folds to "san bai").
            if original_boundary(text, start, end) {
                f(m.pattern().as_usize(), start, end);
            }
        };
        if overlapping {
            for m in automaton.find_overlapping_iter(bytes) {
                on(m);
            }
        } else {
            for m in automaton.find_iter(bytes) {
                on(m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, name: &str, kind: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            note: None,
        }
    }

    #[test]
    fn a_capital_in_a_dateline_or_after_a_word_of_place_is_the_city() {
        let g = Gazetteer::new(&[
            entity("kazakhstan", "Kazakhstan", "country", &["Astana"]),
            entity("astana-city", "Astana (city)", "place", &[]),
            entity("russia", "Russia", "country", &[]),
        ])
        .unwrap();
        let ids = |text: &str| -> Vec<String> { g.find(text).into_iter().map(|f| f.id).collect() };
        assert_eq!(
            ids("ASTANA, Oct 5 (Reuters) - Kazakhstan said"),
            ["astana-city", "kazakhstan"]
        );
        assert_eq!(ids("The ministers met in Astana."), ["astana-city"]);
        assert_eq!(
            ids("a treaty signed in the Kazakh capital, Astana"),
            ["kazakhstan", "astana-city"]
        );
        // The government, as a metonym, stays the country.
        assert_eq!(ids("Astana and Moscow signed a treaty."), ["kazakhstan"]);
        // A language's name before its words is no mention of the country.
        assert!(
            g.find("Kant Air Base (Russian: Авиабаза Кант)")
                .iter()
                .all(|f| f.id != "russia")
        );
    }

    fn gazetteer() -> Gazetteer {
        Gazetteer::new(&[
            entity("russia", "Russia", "country", &["Russian Federation", "RF"]),
            entity(
                "kazakhstan",
                "Kazakhstan",
                "country",
                &["Republic of Kazakhstan", "Kazakh SSR"],
            ),
            entity("kant-air-base", "Kant air base", "facility", &["Kant"]),
            entity(
                "ethnic-russians",
                "ethnic Russians",
                "ethnic_group",
                &["Russians"],
            ),
            entity(
                "sco",
                "SCO",
                "organisation",
                &["Shanghai Cooperation Organisation"],
            ),
            entity("almaty", "Almaty", "city", &["Алматы"]),
            entity("sao-paulo", "São Paulo", "city", &[]),
        ])
        .unwrap()
    }

    fn ids(text: &str) -> Vec<(String, &str)> {
        gazetteer()
            .find(text)
            .into_iter()
            .map(|f| (f.id, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn names_and_aliases_any_case_longest_first() {
        assert_eq!(
            ids("The Russian Federation and the REPUBLIC OF KAZAKHSTAN"),
            [
                ("russia".into(), "Russian Federation"),
                ("kazakhstan".into(), "REPUBLIC OF KAZAKHSTAN")
            ]
        );
        assert_eq!(
            ids("the Kant air base lease"),
            [("kant-air-base".into(), "Kant air base")]
        );
        assert_eq!(ids("at Kant."), [("kant-air-base".into(), "Kant")]);
    }

    #[test]
    fn possessives_demonyms_and_word_boundaries() {
        assert_eq!(
            ids("Russia's and Kazakhstan’s"),
            [
                ("russia".into(), "Russia"),
                ("kazakhstan".into(), "Kazakhstan")
            ]
        );
        assert_eq!(
            ids("the Russian-Kazakh exercise"),
            [
                ("russia".into(), "Russian"),
                ("kazakhstan".into(), "Kazakh")
            ]
        );
        assert!(gazetteer().find("Russian").iter().all(|f| f.demonym));
        // Demonyms never take over an alias: "Russians" is the ethnic group.
        assert_eq!(
            ids("ethnic Russians and Russians"),
            [
                ("ethnic-russians".into(), "ethnic Russians"),
                ("ethnic-russians".into(), "Russians")
            ]
        );
        assert!(ids("Kantian philosophy, Russianness, Kazakhstanis").is_empty());
        assert_eq!(
            ids("is ethnic Russian"),
            [("ethnic-russians".into(), "ethnic Russian")]
        );
        assert_eq!(
            ids("Kazakhstani officers"),
            [("kazakhstan".into(), "Kazakhstani")]
        );
    }

    #[test]
    fn bare_possessive_s_of_a_country() {
        assert_eq!(
            ids("Kazakhstan is Russias ally, and Kazakhstans too"),
            [
                ("kazakhstan".into(), "Kazakhstan"),
                ("russia".into(), "Russia"),
                ("kazakhstan".into(), "Kazakhstan")
            ]
        );
        // Written in lower case, the people's name, or a longer word: not the possessive.
        assert!(ids("russias kazakhstans").is_empty());
        assert!(ids("the Kazakhs, the Russiass").is_empty());
        // The people's name stays theirs.
        assert_eq!(ids("Russians"), [("ethnic-russians".into(), "Russians")]);
    }

    #[test]
    fn accents_scripts_and_acronyms() {
        assert_eq!(ids("in Sao Paulo"), [("sao-paulo".into(), "Sao Paulo")]);
        assert_eq!(ids("in SÃO PAULO"), [("sao-paulo".into(), "SÃO PAULO")]);
        assert_eq!(ids("в Алматы"), [("almaty".into(), "Алматы")]);
        assert_eq!(ids("the SCO summit"), [("sco".into(), "SCO")]);
        assert!(ids("a sco of rf").is_empty());
    }

    #[test]
    fn unknown_capitalised_phrases() {
        let text =
            "Officials of the Collective Rapid Reaction Force met in Bishkek. Later Russia agreed.";
        let known: Vec<(usize, usize)> = gazetteer()
            .find(text)
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        let got: Vec<(&str, String)> = unknown_names(text, &known, &[0, 65])
            .into_iter()
            .map(|u| (&text[u.start..u.end], u.id))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Collective Rapid Reaction Force",
                    "collective-rapid-reaction-force".to_string()
                ),
                ("Bishkek", "bishkek".to_string()),
            ]
        );
        let text = "The Ministry of Defence of Uzbekistan's plan";
        let got: Vec<&str> = unknown_names(text, &[], &[0])
            .iter()
            .map(|u| &text[u.start..u.end])
            .collect();
        assert_eq!(got, ["Ministry of Defence of Uzbekistan"]);
    }

    #[test]
    fn no_panic_on_odd_text() {
        let g = gazetteer();
        for text in [
            "",
            "ß",
            "'s",
            "Ǆ ǅ ǆ",
            "三百 Russia 三百",
            "\u{301}Russia",
            "Kant\u{0}",
        ] {
            let _ = g.find(text);
            let _ = unknown_names(text, &[], &[0]);
        }
        assert!(Gazetteer::new(&[]).unwrap().find("Russia").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn spans_are_on_char_boundaries(s in "\\PC{0,120}") {
            let g = gazetteer();
            for f in g.find(&s) {
                proptest::prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end) && f.start < f.end);
            }
            for u in unknown_names(&s, &[], &[0]) {
                proptest::prop_assert!(s.is_char_boundary(u.start) && s.is_char_boundary(u.end));
            }
        }
    }

    fn regional() -> Gazetteer {
        Gazetteer::new(&[
            entity("china", "China", "country", &[]),
            entity("united-kingdom", "United Kingdom", "country", &["UK"]),
            entity("uzbekistan", "Uzbekistan", "country", &[]),
            entity("kyrgyzstan", "Kyrgyzstan", "country", &["Kyrgyz Republic"]),
            entity("tashkent", "Tashkent", "place", &[]),
            entity("eurasia", "Eurasia", "place", &[]),
            entity("osh", "Osh", "place", &[]),
            entity("un", "United Nations", "organisation", &["UN"]),
            entity("unga", "UN General Assembly", "organisation", &[]),
            entity(
                "kg-parliament",
                "Jogorku Kenesh",
                "organisation",
                &["Kyrgyz parliament"],
            ),
            entity(
                "kg-army",
                "Armed Forces of the Kyrgyz Republic",
                "organisation",
                &[],
            ),
            entity("osh-region", "Osh region", "place", &[]),
            entity("osh-times", "Osh Times", "company", &[]),
        ])
        .unwrap()
    }

    fn links(text: &str) -> Vec<(String, &str)> {
        let g = regional();
        let top = g.find(text);
        let mut all: Vec<Found> = g.inner(text, &top);
        all.extend(top);
        all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        all.into_iter()
            .map(|f| (f.id, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn irregular_demonyms_and_regions_in_ian() {
        assert_eq!(
            links("Chinese and British officers met on the Eurasian landmass."),
            vec![
                ("china".into(), "Chinese"),
                ("united-kingdom".into(), "British"),
                ("eurasia".into(), "Eurasian"),
            ]
        );
    }

    #[test]
    fn a_country_or_body_inside_a_longer_name_is_linked_too_but_not_a_city() {
        assert_eq!(
            links("The UN General Assembly thanked the Armed Forces of the Kyrgyz Republic."),
            vec![
                ("unga".into(), "UN General Assembly"),
                ("un".into(), "UN"),
                ("kg-army".into(), "Armed Forces of the Kyrgyz Republic"),
                ("kyrgyzstan".into(), "Kyrgyz Republic"),
            ]
        );
        assert_eq!(
            links("The Osh Times wrote about the Osh region."),
            vec![
                ("osh-times".into(), "Osh Times"),
                ("osh-region".into(), "Osh region")
            ]
        );
    }

    #[test]
    fn a_country_with_a_common_noun_in_lower_case_is_a_description() {
        assert_eq!(
            links("the Kyrgyz parliament voted"),
            vec![("kyrgyzstan".into(), "Kyrgyz")]
        );
    }

    #[test]
    fn a_capital_that_acts_stands_for_its_state() {
        for text in [
            "In 2005, Tashkent closed the base.",
            "The move shocked Tashkent.",
            "The bloc received a note from Tashkent on Friday.",
            "Tashkent has refused.",
        ] {
            assert_eq!(links(text)[0].0, "uzbekistan", "{text}");
        }
        for text in [
            "TASHKENT, May 3 (wire) - talks opened.",
            "The talks were held in Tashkent.",
            "He visited Tashkent in May.",
            "250 kilometres from Tashkent lies a range.",
            "The Tashkent summit ended.",
        ] {
            assert_eq!(links(text)[0].0, "tashkent", "{text}");
        }
    }
}
