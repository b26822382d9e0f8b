//! Quantities in running text: a small grammar over word tokens that reads an optional bound
//! ("nearly", "more than", "up to"), a number in digits (either separator convention) or in
//! words, an optional scale word ("million", "bn", "10-thousand"), an optional range end
//! ("2,000-3,000", "between 1,500 and 2,000": one quantity with a lower and an upper end), and
//! a unit: `%`, lengths (`km`, `m`, `ft`, `miles`), areas, tonnes, a currency, `persons` (people,
//! troops, servicemen, soldiers, personnel, "5,000-strong"), counted military things in one
//! plural each (`aircraft` for planes and jets, `helicopters`, `tanks`, `vehicles`, `items`
//! for "units of equipment"), or the counted noun that follows ("60 treaties", "a 16-nation
//! bloc"), past model names ("12 Su-30SM jets").
//!
//! "m" after a number is million only with money or people: after a currency sign ("$5m") or
//! before a currency or a plural noun ("5m people", "2m tonnes"); otherwise it is metres ("a
//! 777 m runway", "30 m high").
//!
//! Not figures: footnote markers ("[2]", "forces.3"), times of day ("12:39", "9.30 am", "14:00
//! GMT"), dates and time stamps ("02-05-2009", "10/08/2014"), coordinates ("42°51′N", "42.87
//! N"), phone numbers, numbers glued to letters (ordinals "201st", "the 12th"; model names
//! "Su-30SM", "Mi-8", "S-300"), durations, ages and adjectives in hyphenated compounds ("a
//! 12-year break", "a 44-year-old", "486-based"), a bare number after a label ("Article 4",
//! "No. 2", "pp. 6-10", "ranked 50"), and a bare number that opens a time's range ("9-17
//! August").
//!
//! Pure functions over a `&str`; no I/O. Spans given as masked (the document's temporal
//! expressions) are never read as numbers, so "in 1994" is not a count of 1994.

use crate::model::{Quantity, QuantityBound};
use crate::numbers::{parse_digits, scale, scaled, small_number};

use super::{Candidate, Kind, Sentence, Span};

/// The 1-based line of byte `offset`, inside `sentence` (which starts on `sentence.line`).
pub(super) fn line_of(text: &str, sentence: &Sentence, offset: usize) -> usize {
    let from = sentence.start.min(offset);
    sentence.line
        + text
            .get(from..offset)
            .map_or(0, |t| t.matches('\n').count())
}

/// The quantities of every sentence as candidates (ids not yet assigned), with the spans of
/// the temporal candidates `times` masked. `times` are in text order, as the time pass gives
/// them.
pub fn candidates(text: &str, sentences: &[Sentence], times: &[Candidate]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut scanner = Scanner::default();
    let mut masked: Vec<(usize, usize)> = Vec::new();
    let mut found = Vec::new();
    let mut first_time = 0;
    for s in sentences {
        while first_time < times.len() && times[first_time].end <= s.start {
            first_time += 1;
        }
        masked.clear();
        masked.extend(
            times[first_time..]
                .iter()
                .take_while(|t| t.start < s.end)
                .map(|t| {
                    (
                        t.start.saturating_sub(s.start),
                        t.end.saturating_sub(s.start),
                    )
                }),
        );
        let Some(slice) = text.get(s.start..s.end) else {
            continue;
        };
        found.clear();
        scanner.find(slice, &masked, &mut found);
        for f in found.drain(..) {
            let (start, end) = (s.start + f.start, s.start + f.end);
            out.push(Candidate {
                id: String::new(),
                kind: Kind::Quantity,
                text: text[start..end].to_string(),
                start,
                end,
                line: line_of(text, s, start),
                sentence: Span {
                    start: s.start,
                    end: s.end,
                },
                edtf: None,
                timex: None,
                quantity: Some(contract(&f.quantity)),
                entities: Vec::new(),
                suggestion: None,
                score: f.score,
                rule: f.rule,
            });
        }
    }
    out
}

/// A model quantity in the candidate contract's shape (no unit: `None`).
pub fn contract(q: &Quantity) -> super::Quantity {
    super::Quantity {
        amount: q.amount,
        lower: q.lower,
        upper: q.upper,
        unit: (!q.unit.is_empty()).then(|| q.unit.clone()),
        bound: q.bound.as_str().to_string(),
    }
}

/// A contract quantity back in the model's shape.
pub fn model(q: &super::Quantity) -> Option<Quantity> {
    Some(Quantity {
        amount: q.amount,
        lower: q.lower,
        upper: q.upper,
        unit: q.unit.clone().unwrap_or_default(),
        bound: QuantityBound::parse(&q.bound)?,
    })
}

/// A quantity found in a text: its byte span, its value and the rule that read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
    /// `quantity.digits`, `quantity.words`, `quantity.range` …, with `.unit` or `.noun` when a
    /// unit or a counted noun was read.
    pub rule: String,
    /// How sure the grammar is, 0–1.
    pub score: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A run of letters (with inner apostrophes or hyphens), lower-cased on demand.
    Word,
    /// A run of digits with inner `,` or `.` separators.
    Digits,
    /// One other character.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
}

/// Splits text into words, digit groups and single punctuation characters (spaces dropped),
/// replacing what `out` held.
fn tokens(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        let (kind, end) = if c.is_whitespace() {
            i += len;
            continue;
        } else if c.is_ascii_digit() {
            (Tok::Digits, digits_end(bytes, i))
        } else if c.is_alphabetic() {
            (Tok::Word, word_end(text, i + len))
        } else {
            (Tok::Punct(c), i + len)
        };
        out.push(Token {
            kind,
            start: i,
            end,
        });
        i = end;
    }
}

/// The character at byte `i` (a character boundary) and its length; ASCII without decoding.
fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// The end of the digit group starting at `i`: digits, with a `,` or `.` inside only when a
/// digit follows it.
fn digits_end(bytes: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    let mut j = i + 1;
    while let Some(&d) = bytes.get(j) {
        if d.is_ascii_digit() {
            j += 1;
            end = j;
        } else if (d == b',' || d == b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
        } else {
            break;
        }
    }
    end
}

/// The end of the word whose first letter ends at `j`: letters, with a hyphen or an
/// apostrophe inside only when a letter follows it.
fn word_end(text: &str, mut j: usize) -> usize {
    while j < text.len() {
        let (d, len) = char_at(text, j);
        let inner = matches!(d, '-' | '\'' | '’') && char_at(text, j + len).0.is_alphabetic();
        if !(d.is_alphabetic() || inner) {
            break;
        }
        j += len;
    }
    j
}

/// Phrases before a number that bound it, longest first, as lower-case word sequences.
const BOUNDS: &[(&[&str], QuantityBound)] = &[
    (&["no", "more", "than"], QuantityBound::AtMost),
    (&["no", "fewer", "than"], QuantityBound::AtLeast),
    (&["no", "less", "than"], QuantityBound::AtLeast),
    (&["just", "under"], QuantityBound::Nearly),
    (&["just", "over"], QuantityBound::MoreThan),
    (&["more", "than"], QuantityBound::MoreThan),
    (&["greater", "than"], QuantityBound::MoreThan),
    (&["in", "excess", "of"], QuantityBound::MoreThan),
    (&["at", "least"], QuantityBound::AtLeast),
    (&["at", "most"], QuantityBound::AtMost),
    (&["up", "to"], QuantityBound::AtMost),
    (&["fewer", "than"], QuantityBound::AtMost),
    (&["less", "than"], QuantityBound::AtMost),
    (&["close", "to"], QuantityBound::Nearly),
    (&["an", "estimated"], QuantityBound::About),
    (&["about"], QuantityBound::About),
    (&["around"], QuantityBound::About),
    (&["approximately"], QuantityBound::About),
    (&["approx"], QuantityBound::About),
    (&["roughly"], QuantityBound::About),
    (&["some"], QuantityBound::About),
    (&["circa"], QuantityBound::About),
    (&["estimated"], QuantityBound::About),
    (&["nearly"], QuantityBound::Nearly),
    (&["almost"], QuantityBound::Nearly),
    (&["over"], QuantityBound::MoreThan),
    (&["above"], QuantityBound::MoreThan),
    (&["exceeding"], QuantityBound::MoreThan),
    (&["under"], QuantityBound::AtMost),
    (&["below"], QuantityBound::AtMost),
    (&["exactly"], QuantityBound::Exact),
];

/// Whether `word` is the first word of a phrase in [`BOUNDS`].
fn opens_bound(word: &str) -> bool {
    matches!(
        word,
        "no" | "just"
            | "more"
            | "greater"
            | "in"
            | "at"
            | "up"
            | "fewer"
            | "less"
            | "close"
            | "an"
            | "about"
            | "around"
            | "approximately"
            | "approx"
            | "roughly"
            | "some"
            | "circa"
            | "estimated"
            | "nearly"
            | "almost"
            | "over"
            | "above"
            | "exceeding"
            | "under"
            | "below"
            | "exactly"
    )
}

/// Unit words after a number, mapped to the unit the data uses: `percent`, `points`, lengths
/// (`km`, `m`, `ft`, `miles`) and areas (`km2`, `m2`, `hectares`), `tonnes`, currencies by ISO
/// code, `persons` for people and troops, and for counted military things one plural each
/// (`aircraft` for planes and jets, `helicopters`, `tanks`, `vehicles`, `items`). Other
/// counted nouns stay as written ("60 treaties" is in `treaties`).
fn unit_word(words: &[&str]) -> Option<(&'static str, usize)> {
    // "6,000 km-long": the unit before a hyphen.
    let first = *words.first()?;
    let first = first.split_once('-').map_or(first, |(unit, _)| unit);
    let second = words.get(1).copied();
    Some(match (first, second) {
        ("per", Some("cent")) => ("percent", 2),
        ("percent" | "pct", _) => ("percent", 1),
        ("percentage", Some("points")) => ("points", 2),
        ("square", Some("kilometres" | "kilometers" | "km")) => ("km2", 2),
        ("sq", Some("km")) => ("km2", 2),
        ("square", Some("metres" | "meters" | "m")) => ("m2", 2),
        ("sq", Some("m")) => ("m2", 2),
        ("square", Some("feet" | "ft")) => ("ft2", 2),
        ("sq", Some("ft")) => ("ft2", 2),
        ("km" | "kms" | "kilometres" | "kilometers" | "kilometre" | "kilometer", _) => ("km", 1),
        ("m" | "metres" | "meters" | "metre" | "meter", _) => ("m", 1),
        ("ft" | "feet", _) => ("ft", 1),
        ("miles" | "mile", _) => ("miles", 1),
        ("hectares" | "hectare" | "ha", _) => ("hectares", 1),
        ("tonnes" | "tons" | "tonne" | "ton", _) => ("tonnes", 1),
        ("us", Some("dollars")) => ("USD", 2),
        ("dollars" | "dollar" | "usd", _) => ("USD", 1),
        ("euros" | "euro" | "eur", _) => ("EUR", 1),
        ("roubles" | "rubles" | "rub", _) => ("RUB", 1),
        ("tenge" | "kzt", _) => ("KZT", 1),
        ("soms" | "som" | "kgs", _) => ("KGS", 1),
        ("pounds" | "gbp", _) => ("GBP", 1),
        ("people" | "persons" | "inhabitants" | "residents" | "citizens" | "individuals", _) => {
            ("persons", 1)
        }
        (
            "servicemen" | "soldiers" | "troops" | "personnel" | "officers" | "peacekeepers"
            | "representatives" | "men" | "women" | "officials" | "delegates" | "instructors"
            | "specialists" | "experts" | "civilians" | "workers" | "refugees" | "migrants"
            | "volunteers" | "fighters" | "militants" | "recruits" | "cadets" | "conscripts"
            | "servicemembers" | "sailors" | "pilots" | "marines" | "guards" | "staff",
            _,
        ) => ("persons", 1),
        ("military", Some("personnel" | "servicemen")) => ("persons", 2),
        ("aircraft" | "planes" | "airplanes" | "aeroplanes" | "warplanes" | "jets", _) => {
            ("aircraft", 1)
        }
        ("helicopters", _) => ("helicopters", 1),
        ("tanks", _) => ("tanks", 1),
        ("vehicles", _) => ("vehicles", 1),
        ("items", _) => ("items", 1),
        _ => return None,
    })
}

/// The unit of a counted noun's head word, singular or plural ("1 helicopter", "12 Su-30SM
/// jets"): [`unit_word`]'s, or its singular's.
fn head_unit(word: &str) -> Option<&'static str> {
    if let Some((unit, 1)) = unit_word(&[word]) {
        return Some(unit);
    }
    Some(match word {
        "soldier" | "serviceman" | "officer" | "person" | "peacekeeper" | "representative"
        | "official" | "delegate" | "instructor" | "specialist" | "expert" | "civilian"
        | "fighter" | "militant" | "recruit" | "cadet" | "conscript" | "sailor" | "pilot"
        | "marine" | "guard" => "persons",
        "plane" | "airplane" | "aeroplane" | "warplane" | "jet" => "aircraft",
        "helicopter" => "helicopters",
        "tank" => "tanks",
        "vehicle" => "vehicles",
        "item" => "items",
        _ => return None,
    })
}

/// The unit of a hyphenated compound after a number ("a 1,300-kilometer border", "a
/// 2,549-foot peak", "a 5,000-strong division"): lengths, and a force's strength in persons.
fn compound_unit(word: &str) -> Option<&'static str> {
    Some(match word {
        "km" | "kilometre" | "kilometer" | "kilometres" | "kilometers" => "km",
        "m" | "metre" | "meter" | "metres" | "meters" => "m",
        "ft" | "foot" | "feet" => "ft",
        "mile" | "miles" => "miles",
        "hectare" | "hectares" => "hectares",
        "tonne" | "ton" => "tonnes",
        "percent" => "percent",
        "strong" => "persons",
        _ => return None,
    })
}

/// Whether the word after a number and a hyphen is a counted noun ("a 16-nation bloc", "a
/// 10-member board"): a word of three letters or more that is no time unit, function word,
/// participle, adverb or adjective of size or age.
fn compound_noun(word: &str) -> bool {
    word.len() >= 3
        && word.chars().all(char::is_alphabetic)
        && !is_time_unit(word)
        && !ends_noun_phrase(word)
        && !word.ends_with("ed")
        && !word.ends_with("ing")
        && !word.ends_with("ly")
        && !matches!(
            word,
            "old" | "odd" | "plus" | "long" | "wide" | "high" | "deep" | "tall" | "fold"
        )
}

/// What military equipment is counted in: "850 pieces of military and special equipment",
/// "300 units of equipment" are `items`.
fn is_equipment(word: &str) -> bool {
    matches!(
        word,
        "equipment" | "hardware" | "weaponry" | "materiel" | "armament" | "armaments"
    )
}

/// Nouns that count as many without an "s" and also qualify a plural after them: "three
/// aircraft hangars", "armoured personnel carriers", "40 police officers".
fn invariant_plural(word: &str) -> bool {
    matches!(
        word,
        "aircraft" | "personnel" | "police" | "artillery" | "staff" | "crew" | "militia"
    )
}

/// A regular English plural ("treaties", "boats"; not "class", "bus", "its").
fn regular_plural(word: &str) -> bool {
    word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.ends_with("'s")
        && !word.ends_with("’s")
}

/// Whether a lower-case word names more than one thing: a regular plural ("treaties",
/// "boats", not "class" or "bus"), or a word that counts as one ("aircraft", "people").
fn counts_many(word: &str) -> bool {
    regular_plural(word)
        || matches!(
            word,
            "people"
                | "men"
                | "women"
                | "children"
                | "personnel"
                | "staff"
                | "police"
                | "aircraft"
                | "spacecraft"
                | "cattle"
                | "sheep"
                | "livestock"
                | "fish"
                | "deer"
                | "militia"
                | "infantry"
                | "cavalry"
                | "artillery"
                | "crew"
                | "feet"
                | "teeth"
                | "geese"
                | "mice"
                | "criteria"
                | "data"
                | "media"
        )
}

/// Words that end a counted-noun phrase: it is the words between the number and one of these.
fn ends_noun_phrase(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "that"
            | "which"
            | "who"
            | "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "between"
            | "since"
            | "than"
            | "as"
            | "per"
            | "a"
            | "an"
            | "the"
            | "its"
            | "their"
            | "each"
            | "ago"
            | "later"
            | "earlier"
            | "before"
            | "after"
    )
}

/// Time units: after a number they make a duration, which the temporal pass owns.
fn is_time_unit(word: &str) -> bool {
    matches!(
        word,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
    )
}

/// Every quantity in `text`, left to right, skipping any number that overlaps a `masked` span
/// (byte ranges, e.g. the temporal expressions found first).
pub fn find(text: &str, masked: &[(usize, usize)]) -> Vec<Found> {
    let mut out = Vec::new();
    Scanner::default().find(text, masked, &mut out);
    out
}

/// The tokens' lower-case forms in one buffer (a non-word's is empty): token `k`'s form is
/// `buf[ends[k - 1]..ends[k]]`.
#[derive(Debug, Default)]
struct Lower {
    buf: String,
    ends: Vec<usize>,
}

impl Lower {
    fn fill(&mut self, text: &str, toks: &[Token]) {
        self.buf.clear();
        self.ends.clear();
        for t in toks {
            if t.kind == Tok::Word {
                let word = &text[t.start..t.end];
                if word.is_ascii() {
                    self.buf
                        .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    // Whole-word lower-casing: a final sigma depends on its neighbours.
                    let lower = word.to_lowercase();
                    for (i, part) in lower.split('’').enumerate() {
                        if i > 0 {
                            self.buf.push('\'');
                        }
                        self.buf.push_str(part);
                    }
                }
            }
            self.ends.push(self.buf.len());
        }
    }
}

impl std::ops::Index<usize> for Lower {
    type Output = str;

    fn index(&self, k: usize) -> &str {
        let start = k.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.buf[start..self.ends[k]]
    }
}

/// Buffers reused from one sentence to the next.
#[derive(Debug, Default)]
struct Scanner {
    toks: Vec<Token>,
    lower: Lower,
}

impl Scanner {
    /// Appends the quantities of `text` to `out` (see [`find`]).
    fn find(&mut self, text: &str, masked: &[(usize, usize)], out: &mut Vec<Found>) {
        tokens(text, &mut self.toks);
        self.lower.fill(text, &self.toks);
        let is_masked = |t: &Token| masked.iter().any(|&(s, e)| t.start < e && s < t.end);
        let g = Grammar {
            text,
            toks: &self.toks,
            lower: &self.lower,
            is_masked: &is_masked,
        };
        let mut i = 0;
        while i < g.toks.len() {
            if !may_start(g.toks[i].kind, &g.lower[i]) {
                i += 1;
                continue;
            }
            match g.read_at(i) {
                Some((found, next)) => {
                    out.push(found);
                    i = next;
                }
                None => i += 1,
            }
        }
    }
}

/// Whether a quantity can start at a token (of this kind and lower-case form): a bound
/// phrase, "between", a currency sign or "US$", or a number in digits or words. Most tokens
/// cannot, and are passed over without trying the grammar.
fn may_start(kind: Tok, lower: &str) -> bool {
    match kind {
        Tok::Digits => true,
        Tok::Punct(c) => matches!(c, '$' | '€' | '£' | '₽' | '₸'),
        Tok::Word => {
            matches!(lower, "between" | "us" | "a")
                || opens_bound(lower)
                || small_number(lower).is_some()
        }
    }
}

/// A number read from tokens: value, first token, one past the last token, whether in words.
struct Number {
    value: f64,
    next: usize,
    words: bool,
    scaled: bool,
    /// A bare integer written without separators (could be a year or a code).
    plain_integer: bool,
}

/// One sentence's tokens, their lower-case forms and the masked spans: what the grammar reads.
struct Grammar<'a> {
    text: &'a str,
    toks: &'a [Token],
    lower: &'a Lower,
    is_masked: &'a dyn Fn(&Token) -> bool,
}

/// Words after a number that make it a time of day: "9.30 am", "14:00 GMT", "1400 hrs".
fn clock_word(word: &str) -> bool {
    matches!(word, "am" | "pm" | "gmt" | "utc" | "msk" | "hrs")
}

impl Grammar<'_> {
    /// Whether token `a` ends where token `b` starts (nothing between them).
    fn glued(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    fn is_punct(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Tok::Punct(c))
    }

    fn is_kind(&self, k: usize, kind: Tok) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == kind)
    }

    /// The lower-case form of token `k` when it is a word.
    fn word(&self, k: usize) -> Option<&str> {
        self.is_kind(k, Tok::Word).then(|| &self.lower[k])
    }

    fn written(&self, k: usize) -> &str {
        self.toks
            .get(k)
            .map_or("", |t| self.text.get(t.start..t.end).unwrap_or_default())
    }

    fn capitalised(&self, k: usize) -> bool {
        self.written(k)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Whether the digits at token `i` are something other than a figure: a footnote marker
    /// ("[2]", "forces.3 The"), a time of day ("12:39", "9.30 am", "14:00 GMT"), a date or a
    /// time stamp's part ("02-05-2009", "10/08/2014"), a coordinate ("42°51′N", "42.87 N"),
    /// or a phone number ("+7 727 123-45-67", "8 800 555 35 35").
    fn not_a_figure(&self, i: usize) -> bool {
        let before = |c: char| i > 0 && self.is_punct(i - 1, c) && self.glued(i - 1, i);
        let after = |c: char| self.is_punct(i + 1, c) && self.glued(i, i + 1);
        // Footnotes: "[2]".
        if before('[') && after(']') {
            return true;
        }
        // Coordinates and angles: "42°51′N".
        if ['°', 'º', '′', '″'].iter().any(|&c| before(c) || after(c)) {
            return true;
        }
        // Times of day: "12:39", "10:12:30".
        if after(':') && self.is_kind(i + 2, Tok::Digits) && self.glued(i + 1, i + 2)
            || before(':') && i >= 2 && self.is_kind(i - 2, Tok::Digits) && self.glued(i - 2, i - 1)
        {
            return true;
        }
        // "9.30 am", "9 p.m.", "14:00 GMT", "1400 hrs".
        if let Some(w) = self.word(i + 1) {
            if clock_word(w) {
                return true;
            }
            if matches!(w, "a" | "p")
                && self.is_punct(i + 2, '.')
                && self.glued(i + 1, i + 2)
                && self.word(i + 3) == Some("m")
                && self.glued(i + 2, i + 3)
            {
                return true;
            }
            // Decimal degrees: "42.87 N, 74.59 E".
            if matches!(self.written(i + 1), "N" | "S" | "E" | "W")
                && self.toks[i + 1].start - self.toks[i].end <= 1
                && !self.is_kind(i + 2, Tok::Word)
            {
                return true;
            }
        }
        // A footnote glued to the end of a sentence or clause: "the forces.3 The".
        if i >= 2
            && self.glued(i - 1, i)
            && matches!(
                self.toks[i - 1].kind,
                Tok::Punct('.' | ',' | ';' | ')' | '"' | '”' | '’')
            )
            && self.glued(i - 2, i - 1)
            && self.is_kind(i - 2, Tok::Word)
            && !self.glued(i, i + 1)
            && self.toks[i].end - self.toks[i].start <= 3
        {
            return true;
        }
        self.date_like(i) || self.phone(i)
    }

    /// Whether the digits at token `i` are one group of a date or a code: three or more
    /// groups joined by hyphens ("02-05-2009"), or groups joined by a slash ("10/08/2014").
    fn date_like(&self, i: usize) -> bool {
        let joiner = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| matches!(t.kind, Tok::Punct('-' | '/')))
        };
        let link = |a: usize| {
            // Digits at `a`, a joiner glued after, digits glued after that.
            self.is_kind(a, Tok::Digits)
                && joiner(a + 1)
                && self.glued(a, a + 1)
                && self.is_kind(a + 2, Tok::Digits)
                && self.glued(a + 1, a + 2)
        };
        let mut first = i;
        while first >= 2 && link(first - 2) {
            first -= 2;
        }
        let mut last = i;
        while link(last) {
            last += 2;
        }
        let groups = (last - first) / 2 + 1;
        let slash = (first..last).any(|k| self.is_punct(k, '/'));
        groups >= 3 || (groups == 2 && slash)
    }

    /// Whether the digits at token `i` are part of a phone number: a run of plain digit
    /// groups, brackets, hyphens and a plus sign, a space at most between them, that opens
    /// with "+" (and has at least five digits) or has at least three groups and seven digits.
    fn phone(&self, i: usize) -> bool {
        let plain = |k: usize| {
            self.toks.get(k).is_some_and(|t| match t.kind {
                Tok::Digits => self.text[t.start..t.end]
                    .bytes()
                    .all(|b| b.is_ascii_digit()),
                Tok::Punct(c) => matches!(c, '-' | '(' | ')' | '+'),
                Tok::Word => false,
            })
        };
        let close = |a: usize, b: usize| {
            let (x, y) = (self.toks[a], self.toks[b]);
            y.start - x.end <= 1 && self.text[x.end..y.start].bytes().all(|c| c == b' ')
        };
        if !plain(i) {
            return false;
        }
        let mut first = i;
        while first > 0 && plain(first - 1) && close(first - 1, first) {
            first -= 1;
        }
        let mut last = i;
        while plain(last + 1) && close(last, last + 1) {
            last += 1;
        }
        let (mut groups, mut digits, mut plus) = (0, 0, false);
        for k in first..=last {
            let t = self.toks[k];
            match t.kind {
                Tok::Digits => {
                    groups += 1;
                    digits += t.end - t.start;
                }
                Tok::Punct('+') => plus |= self.is_kind(k + 1, Tok::Digits) && self.glued(k, k + 1),
                _ => {}
            }
        }
        (plus && digits >= 5) || (groups >= 3 && digits >= 7)
    }

    /// Reads a number (digits or words, with a scale word) starting at token `i`. `money`
    /// says a currency sign came before ("$5m": "m" is million); `second` that it ends a range
    /// ("2,000-3,000"), where a hyphen glued before it is the range's.
    fn read_number(&self, i: usize, money: bool, second: bool) -> Option<Number> {
        let toks = self.toks;
        let lower = self.lower;
        let t = toks.get(i)?;
        if (self.is_masked)(t) {
            return None;
        }
        match t.kind {
            Tok::Digits => {
                // Part of a code or an ordinal: "F-16", "S300", "19th", "1990s"; a hyphen
                // glued before opens a range's second number only.
                if let Some(prev) = i.checked_sub(1).map(|p| toks[p])
                    && prev.end == t.start
                    && (prev.kind == Tok::Word || prev.kind == Tok::Punct('-') && !second)
                {
                    return None;
                }
                if self.not_a_figure(i) {
                    return None;
                }
                if let Some(w) = self.word(i + 1)
                    && self.glued(i, i + 1)
                {
                    let w = w.split_once('-').map_or(w, |(head, _)| head);
                    if scale(w).is_none()
                        && !matches!(
                            w,
                            "km" | "kms" | "m" | "ft" | "ha" | "bn" | "mn" | "mln" | "tn"
                        )
                    {
                        return None;
                    }
                }
                let digits = &self.text[t.start..t.end];
                // A scale word after the number ("16.3 million", "$2bn", "5m people"), or
                // glued by a hyphen ("10-thousand").
                let (scaled_by, next) = match self.word(i + 1) {
                    Some("m") if self.million(i + 1, money) => (Some(1e6), i + 2),
                    Some(w) if w != "m" && scale(w).is_some() => (scale(w), i + 2),
                    _ if self.is_punct(i + 1, '-')
                        && self.glued(i, i + 1)
                        && self.glued(i + 1, i + 2) =>
                    {
                        match self.word(i + 2).filter(|&w| w != "m").and_then(scale) {
                            Some(f) => (Some(f), i + 3),
                            None => (None, i + 1),
                        }
                    }
                    _ => (None, i + 1),
                };
                let value = parse_digits(digits, scaled_by.is_some())?;
                let plain_integer = !digits.contains([',', '.']);
                match scaled_by {
                    Some(f) => Some(Number {
                        value: scaled(value, f),
                        next,
                        words: false,
                        scaled: true,
                        plain_integer: false,
                    }),
                    None => Some(Number {
                        value,
                        next,
                        words: false,
                        scaled: false,
                        plain_integer,
                    }),
                }
            }
            Tok::Word => read_number_words(toks, lower, i, self.is_masked),
            Tok::Punct(_) => None,
        }
    }

    /// Whether "m" at token `m` after a number is million rather than metres: after a
    /// currency sign ("$5m", "£3 m"), or before a currency or a plural noun ("5m dollars",
    /// "5m people", "2m tonnes"). Otherwise it is metres ("a 777 m runway", "30 m high").
    fn million(&self, m: usize, money: bool) -> bool {
        if money {
            return true;
        }
        self.word(m + 1).is_some_and(|w| {
            matches!(
                unit_word(&[w]),
                Some(("USD" | "EUR" | "RUB" | "KZT" | "KGS" | "GBP", _))
            ) || counts_many(w) && !ends_noun_phrase(w)
        })
    }

    /// Tries to read a quantity whose bound phrase, currency sign or number starts at token
    /// `i`; returns it and the token after it.
    fn read_at(&self, i: usize) -> Option<(Found, usize)> {
        let toks = self.toks;
        let lower = self.lower;
        let mut k = i;
        // Bound phrase.
        let mut bound = QuantityBound::Exact;
        let mut bounded = false;
        let may_bound = self.word(k).is_some_and(opens_bound);
        for (phrase, b) in BOUNDS.iter().filter(|_| may_bound) {
            let fits = phrase
                .iter()
                .enumerate()
                .all(|(n, w)| self.word(k + n) == Some(*w));
            if fits {
                bound = *b;
                bounded = true;
                k += phrase.len();
                break;
            }
        }
        let start_tok = i;
        // "between 10 and 20"
        let between = !bounded && self.word(k) == Some("between");
        if between {
            k += 1;
        }
        // Currency sign before the number: "$2 billion", "US$ 5", "€3".
        let mut unit: Option<&'static str> = None;
        let mut unit_rule = "";
        if let Some(t) = toks.get(k) {
            let sign = match t.kind {
                Tok::Punct('$') => Some(("USD", 1)),
                Tok::Punct('€') => Some(("EUR", 1)),
                Tok::Punct('£') => Some(("GBP", 1)),
                Tok::Punct('₽') => Some(("RUB", 1)),
                Tok::Punct('₸') => Some(("KZT", 1)),
                Tok::Word if &lower[k] == "us" && self.is_punct(k + 1, '$') => Some(("USD", 2)),
                _ => None,
            };
            if let Some((u, n)) = sign {
                unit = Some(u);
                unit_rule = ".currency";
                k += n;
            }
        }
        let money = unit.is_some();
        let number_at = k;
        let number = self.read_number(k, money, false)?;
        let mut last = number.next - 1;
        let mut amount = number.value;
        let mut lower_end = None;
        let mut upper_end = None;
        let mut k = number.next;
        // A range: "10 to 20", "10–20", "2,000-3,000 troops", "between 10 and 20".
        let joiner = toks.get(k).map(|t| match t.kind {
            Tok::Punct('–' | '-' | '—') => true,
            Tok::Word => &lower[k] == "to" && !between || &lower[k] == "and" && between,
            _ => false,
        });
        // A number before a time's range ("9-17 August", "from 3 to 7 October", "from 9
        // until 17 August") is that range's first day, not a figure.
        let to_time =
            joiner == Some(true) || matches!(self.word(k), Some("until" | "till" | "through"));
        if unit.is_none() && to_time && toks.get(k + 1).is_some_and(|t| (self.is_masked)(t)) {
            return None;
        }
        if joiner == Some(true) {
            if let Some(second) = self.read_number(k + 1, money, true)
                && (second.words == number.words || !number.words)
            {
                let mut lo = number.value;
                let hi = second.value;
                // "2 to 3 million": the scale of the second end applies to the first.
                if second.scaled && !number.scaled && hi > lo * 100.0 {
                    let f = scale(&lower[second.next - 1]).unwrap_or(1e6);
                    lo *= f;
                }
                if lo <= hi {
                    lower_end = Some(lo);
                    upper_end = Some(hi);
                    amount = (lo + hi) / 2.0;
                    last = second.next - 1;
                    k = second.next;
                }
            }
        } else if between {
            return None;
        }
        // A unit after the number.
        let mut noun = None;
        let mut compound = false;
        if self.is_punct(k, '%') {
            unit = Some("percent");
            unit_rule = ".percent";
            last = k;
            k += 1;
        } else if unit.is_none()
            && self.is_punct(k, '-')
            && self.glued(k - 1, k)
            && self.glued(k, k + 1)
            && let Some(w) = self.word(k + 1)
        {
            // A hyphenated compound: a unit ("a 1,300-kilometer border", "the 5,000-strong
            // force") or a counted noun ("a 16-nation bloc", "a 700-room hotel"); a duration
            // or an age ("a 12-year break", "a 44-year-old") is the time pass's, and an
            // adjective or a code ("486-based", "70-A21") no figure.
            let head = w.split_once('-').map_or(w, |(head, _)| head);
            compound = true;
            last = k + 1;
            if let Some(u) = compound_unit(head) {
                unit = Some(u);
                unit_rule = if u == "percent" { ".percent" } else { ".unit" };
            } else if compound_noun(head) && !self.glued(k + 1, k + 2) {
                noun = Some(head);
            } else {
                return None;
            }
        } else if unit.is_none() {
            let mut ahead = [""; 3];
            let mut words = 0;
            for n in k..(k + 3).min(toks.len()) {
                if toks[n].kind != Tok::Word {
                    break;
                }
                ahead[words] = &lower[n];
                words += 1;
            }
            // "300 personnel carriers": the invariant noun qualifies the plural after it.
            let qualifies = words >= 2
                && invariant_plural(ahead[0])
                && regular_plural(ahead[1])
                && !ends_noun_phrase(ahead[1]);
            if let Some((u, n)) = unit_word(&ahead[..words]).filter(|_| !qualifies) {
                unit = Some(u);
                unit_rule = if u == "percent" { ".percent" } else { ".unit" };
                last = k + n - 1;
            } else if ahead[0] == "strong" {
                unit = Some("persons");
                unit_rule = ".unit";
                last = k;
            } else if let Some(end) = self.equipment(k) {
                unit = Some("items");
                unit_rule = ".unit";
                last = end;
            }
        }
        if unit.is_none() && !compound {
            // The counted noun: the words after the number up to a function word or
            // punctuation, at most three; the last of them is the head ("60 bilateral
            // treaties"). Capitalised words and model names may qualify the noun ("15,000
            // Kazakhstani soldiers", "12 Su-30SM jets") but not be it.
            let mut n = k;
            let mut words = 0;
            let mut head_at = None;
            while n < toks.len() && words < 3 {
                if let Some(end) = self.model_name(n) {
                    if head_at.is_some() {
                        break;
                    }
                    n = end;
                    words += 1;
                    continue;
                }
                if toks[n].kind != Tok::Word || ends_noun_phrase(&lower[n]) {
                    break;
                }
                if !self.capitalised(n) {
                    head_at = Some(n);
                    // A plural ends the phrase: "seven protocols now bind", "3,000 reservists
                    // may"; an invariant one only when no plural follows ("three aircraft
                    // hangars").
                    let qualifies = invariant_plural(&lower[n])
                        && self.word(n + 1).is_some_and(|w| {
                            regular_plural(w) && !ends_noun_phrase(w) && !self.capitalised(n + 1)
                        });
                    if counts_many(&lower[n]) && !qualifies {
                        break;
                    }
                } else if head_at.is_some() {
                    break;
                }
                n += 1;
                words += 1;
            }
            // More than one of something is a plural ("60 treaties", "three aircraft"); a
            // singular word after such a number is a verb or an adjective ("eleven flew").
            if head_at.is_some_and(|h| amount != 1.0 && !counts_many(&lower[h])) {
                head_at = None;
            }
            if let Some(h) = head_at {
                let head = &lower[h];
                if is_time_unit(head) || self.word(k).is_some_and(is_time_unit) {
                    return None;
                }
                last = h;
                // A singular noun's unit after a number in digits only: "1 helicopter", but
                // "one person" stays a noun (and no figure, below).
                match head_unit(head).filter(|_| counts_many(head) || !number.words) {
                    Some(u) => {
                        unit = Some(u);
                        unit_rule = ".unit";
                    }
                    None => noun = Some(head),
                }
            }
        }
        // What a bare number word or a year-like integer needs to count as a quantity; a
        // bare number after a label ("Article 4", "pp. 6-10", "ranked 50") is a name.
        if unit.is_none() && noun.is_none() {
            if number.words && !number.scaled || number_at == start_tok && self.labelled(start_tok)
            {
                return None;
            }
            if number.plain_integer && (1000.0..=2100.0).contains(&amount) && !bounded {
                return None;
            }
        }
        // "the two countries", "all six members": a count that points back at parties named
        // before is no figure.
        if number.words
            && !number.scaled
            && noun.is_some_and(|n| {
                matches!(
                    n,
                    "countries"
                        | "states"
                        | "nations"
                        | "sides"
                        | "parties"
                        | "members"
                        | "republics"
                        | "governments"
                        | "leaders"
                        | "presidents"
                        | "ministers"
                )
            })
            && start_tok
                .checked_sub(1)
                .and_then(|k| self.word(k))
                .is_some_and(|w| matches!(w, "the" | "both" | "all" | "these" | "those" | "their"))
        {
            return None;
        }
        if number.words && !number.scaled && number.value == 1.0 && unit.is_none() {
            // "one of the", "one base": a single thing is rarely a figure worth extracting.
            return None;
        }
        let rule = format!(
            "quantity.{}{}{}",
            if lower_end.is_some() {
                "range"
            } else if number.words {
                "words"
            } else {
                "digits"
            },
            if noun.is_some() { ".noun" } else { unit_rule },
            if bounded { ".bound" } else { "" },
        );
        let mut score: f64 = if number.words { 0.7 } else { 0.8 };
        if unit.is_some() {
            score += 0.15;
        } else if noun.is_some() {
            score += 0.1;
        }
        if bounded {
            score += 0.03;
        }
        let unit = unit.or(noun).map(str::to_string).unwrap_or_default();
        let end = toks[last].end;
        let start = toks[start_tok].start;
        Some((
            Found {
                start,
                end,
                quantity: Quantity {
                    amount,
                    lower: lower_end,
                    upper: upper_end,
                    unit,
                    bound,
                },
                rule,
                score: score.min(0.99),
            },
            last + 1,
        ))
    }

    /// Whether the token before `i` (a full stop between them allowed) is a word that labels
    /// the number after it: "Article 4", "No. 2", "pp. 6-10", "ranked 50".
    fn labelled(&self, i: usize) -> bool {
        let Some(mut p) = i.checked_sub(1) else {
            return false;
        };
        if self.is_punct(p, '.') {
            let Some(q) = p.checked_sub(1) else {
                return false;
            };
            p = q;
        }
        self.word(p).is_some_and(|w| {
            matches!(
                w,
                "article"
                    | "art"
                    | "chapter"
                    | "section"
                    | "paragraph"
                    | "para"
                    | "clause"
                    | "resolution"
                    | "no"
                    | "nos"
                    | "p"
                    | "pp"
                    | "page"
                    | "pages"
                    | "vol"
                    | "volume"
                    | "ranked"
                    | "rank"
                    | "ranks"
                    | "phase"
                    | "stage"
                    | "level"
                    | "grade"
                    | "flight"
                    | "route"
                    | "room"
            )
        })
    }

    /// The last token of "units of equipment", "pieces of military and special equipment"
    /// starting at token `k`: a count of equipment items.
    fn equipment(&self, k: usize) -> Option<usize> {
        if !matches!(self.word(k)?, "units" | "pieces" | "items") || self.word(k + 1)? != "of" {
            return None;
        }
        (k + 2..k + 7)
            .take_while(|&n| self.word(n).is_some())
            .find(|&n| self.word(n).is_some_and(is_equipment))
    }

    /// The token after a model name starting at token `n` ("Su-30SM", "Mi-8", "S-300",
    /// "BRDM-2M"): a capitalised word glued to digits, with hyphens between.
    fn model_name(&self, n: usize) -> Option<usize> {
        if !self.is_kind(n, Tok::Word) || !self.capitalised(n) {
            return None;
        }
        let mut m = n + 1;
        let mut digits = false;
        while self.glued(m - 1, m) {
            match self.toks[m].kind {
                Tok::Digits => digits = true,
                Tok::Word | Tok::Punct('-') => {}
                _ => break,
            }
            m += 1;
        }
        (digits && !self.is_punct(m - 1, '-')).then_some(m)
    }
}

/// Reads "two million", "a hundred", "seven", "three hundred and fifty thousand".
fn read_number_words(
    toks: &[Token],
    lower: &Lower,
    i: usize,
    is_masked: &dyn Fn(&Token) -> bool,
) -> Option<Number> {
    let word = |k: usize| -> Option<&str> {
        let t = toks.get(k)?;
        (t.kind == Tok::Word && !is_masked(t)).then(|| &lower[k])
    };
    let mut k = i;
    let mut total = 0.0;
    let mut current;
    // "a hundred", "a thousand", "a million": the article stands for one before a scale.
    if word(k) == Some("a") && matches!(word(k + 1), Some("hundred" | "dozen"))
        || word(k) == Some("a") && word(k + 1).and_then(word_scale).is_some()
    {
        current = 1.0;
        k += 1;
    } else {
        current = small_number(word(k)?)?;
        k += 1;
    }
    let mut scaled = false;
    let mut any_more = false;
    loop {
        match word(k) {
            Some("hundred") => {
                current *= 100.0;
                k += 1;
                any_more = true;
                // "three hundred and fifty"
                if word(k) == Some("and") {
                    if let Some(n) = word(k + 1).and_then(small_number) {
                        current += n;
                        k += 2;
                    }
                } else if let Some(n) = word(k).and_then(small_number) {
                    current += n;
                    k += 1;
                }
            }
            Some("dozen") => {
                current *= 12.0;
                k += 1;
                any_more = true;
            }
            Some(w) if word_scale(w).is_some() => {
                let f = word_scale(w).unwrap_or(1.0);
                total += current * f;
                current = 0.0;
                k += 1;
                scaled = true;
                any_more = true;
                if let Some(n) = word(k).and_then(small_number)
                    && word(k + 1).is_some_and(|w| w == "hundred" || word_scale(w).is_some())
                {
                    current = n;
                    k += 1;
                }
            }
            _ => break,
        }
    }
    let _ = any_more;
    Some(Number {
        value: total + current,
        next: k,
        words: true,
        scaled,
        plain_integer: false,
    })
}

/// A scale word after a number in words: "two million", not "two m".
fn word_scale(word: &str) -> Option<f64> {
    (word != "m").then(|| scale(word)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Found {
        let got = find(text, &[]);
        assert_eq!(got.len(), 1, "{text}: {got:#?}");
        got.into_iter().next().unwrap()
    }

    fn q(text: &str) -> (f64, String, QuantityBound, String) {
        let f = one(text);
        (
            f.quantity.amount,
            f.quantity.unit.clone(),
            f.quantity.bound,
            text[f.start..f.end].to_string(),
        )
    }

    #[test]
    fn digits_in_either_convention() {
        assert_eq!(q("over 15,000 people").0, 15_000.0);
        assert_eq!(q("it has 16.3 million people").0, 16_300_000.0);
        assert_eq!(q("put it at 16,3 million people").0, 16_300_000.0);
        assert_eq!(q("a total of 1.234.567 voters").0, 1_234_567.0);
        assert_eq!(q("a total of 1,234,567 voters").0, 1_234_567.0);
        assert_eq!(q("exactly 1,234.5 tonnes").0, 1_234.5);
        assert_eq!(q("exactly 1.234,5 tonnes").0, 1_234.5);
        assert_eq!(q("a rate of 3,5 percent").0, 3.5);
        assert_eq!(q("2 bn dollars").0, 2e9);
        assert_eq!(q("16.4 million people").0, 16_400_000.0);
        assert_eq!(q("0.7 million people").0, 700_000.0);
    }

    #[test]
    fn parse_digits_conventions() {
        assert_eq!(parse_digits("15,000", false), Some(15_000.0));
        assert_eq!(parse_digits("16,3", true), Some(16.3));
        assert_eq!(parse_digits("16,3", false), Some(16.3));
        assert_eq!(parse_digits("16,300", true), Some(16.3));
        assert_eq!(parse_digits("1,2,3", false), None);
        assert_eq!(parse_digits("99999999999999999999", false), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(q("two million people").0, 2e6);
        assert_eq!(
            q("seven documents were signed"),
            (
                7.0,
                "documents".into(),
                QuantityBound::Exact,
                "seven documents".into()
            )
        );
        assert_eq!(q("eighteen agreements").0, 18.0);
        assert_eq!(q("a hundred hectares").0, 100.0);
        assert_eq!(q("twenty-five treaties").0, 25.0);
        assert_eq!(q("three hundred and fifty thousand residents").0, 350_000.0);
        assert_eq!(q("one million troops").0, 1e6);
        // A bare word is not a figure; "one of" is not a count.
        assert!(find("seven of them", &[]).is_empty());
        assert!(find("one of the bases", &[]).is_empty());
        assert!(find("they met seven", &[]).is_empty());
    }

    #[test]
    fn percentages() {
        assert_eq!(
            q("nearly 22% of the population"),
            (
                22.0,
                "percent".into(),
                QuantityBound::Nearly,
                "nearly 22%".into()
            )
        );
        assert_eq!(q("25 per cent of residents").1, "percent");
        assert_eq!(q("25 percent").1, "percent");
        assert_eq!(q("growth of 9.6 %").0, 9.6);
    }

    #[test]
    fn units_and_counted_nouns() {
        assert_eq!(q("a border of 7,591 km").1, "km");
        assert_eq!(q("7,591 kilometres long").1, "km");
        assert_eq!(q("a 6,000 km-long border").1, "km");
        assert_eq!(q("4,500 hectares of land").1, "hectares");
        assert_eq!(
            q("$4.5 million a year"),
            (
                4.5e6,
                "USD".into(),
                QuantityBound::Exact,
                "$4.5 million".into()
            )
        );
        assert_eq!(q("4.5 million US dollars").1, "USD");
        assert_eq!(q("16.3 million persons").1, "persons");
        assert_eq!(
            q("about 60 treaties and agreements"),
            (
                60.0,
                "treaties".into(),
                QuantityBound::About,
                "about 60 treaties".into()
            )
        );
        assert_eq!(q("60 bilateral treaties").1, "treaties");
        assert_eq!(q("105 children").1, "children");
        assert_eq!(
            q("over 15,000 Kazakhstani soldiers were trained"),
            (
                15_000.0,
                "persons".into(),
                QuantityBound::MoreThan,
                "over 15,000 Kazakhstani soldiers".into()
            )
        );
        // A capitalised word alone is a name, not what is counted.
        assert_eq!(q("60 Russian").3, "60");
    }

    #[test]
    fn every_bound_phrase_can_open_a_quantity() {
        for (phrase, _) in BOUNDS {
            assert!(opens_bound(phrase[0]), "{phrase:?}");
        }
    }

    #[test]
    fn bounds() {
        assert_eq!(q("about 16 million people").2, QuantityBound::About);
        assert_eq!(q("around 16 million people").2, QuantityBound::About);
        assert_eq!(q("approximately 16 million people").2, QuantityBound::About);
        assert_eq!(q("some 60 treaties").2, QuantityBound::About);
        assert_eq!(q("nearly 22%").2, QuantityBound::Nearly);
        assert_eq!(q("almost 22%").2, QuantityBound::Nearly);
        assert_eq!(q("more than 60 treaties").2, QuantityBound::MoreThan);
        assert_eq!(q("over 15,000 servicemen").2, QuantityBound::MoreThan);
        assert_eq!(q("at least 60 treaties").2, QuantityBound::AtLeast);
        assert_eq!(q("at most 3 bases").2, QuantityBound::AtMost);
        assert_eq!(q("up to 3 bases").2, QuantityBound::AtMost);
        assert_eq!(q("3 bases").2, QuantityBound::Exact);
    }

    #[test]
    fn ranges() {
        let f = one("between 10 and 20 exercises");
        assert_eq!(
            (f.quantity.lower, f.quantity.upper),
            (Some(10.0), Some(20.0))
        );
        assert_eq!(f.quantity.unit, "exercises");
        let f = one("2 to 3 million people");
        assert_eq!((f.quantity.lower, f.quantity.upper), (Some(2e6), Some(3e6)));
        let f = one("10–12% of the vote");
        assert_eq!(
            (f.quantity.lower, f.quantity.upper),
            (Some(10.0), Some(12.0))
        );
        assert_eq!(f.quantity.unit, "percent");
        assert!(f.rule.starts_with("quantity.range"));
    }

    #[test]
    fn years_codes_ordinals_and_durations_are_not_counts() {
        assert!(find("signed in 1994.", &[]).is_empty());
        assert!(find("the 19th century", &[]).is_empty());
        assert!(find("the 1990s", &[]).is_empty());
        assert!(find("Su-27 fighters", &[]).is_empty());
        assert!(find("for eighteen years now", &[]).is_empty());
        assert!(find("three months", &[]).is_empty());
    }

    /// The quantities of `text` as (amount, unit, text).
    fn all(text: &str) -> Vec<(f64, String, String)> {
        find(text, &[])
            .into_iter()
            .map(|f| {
                (
                    f.quantity.amount,
                    f.quantity.unit,
                    text[f.start..f.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn lengths_and_heights() {
        assert_eq!(q("The runway is 777 m long.").1, "m");
        assert_eq!(q("The runway is 777 m long.").0, 777.0);
        assert_eq!(q("a 777m runway").1, "m");
        assert_eq!(q("the peak rises to 2,549 ft above the valley").1, "ft");
        assert_eq!(q("a range 2,169 meters above sea level").1, "m");
        assert_eq!(q("a wall 40 metres high").1, "m");
        assert_eq!(q("it lies 30 kilometers away").1, "km");
        assert_eq!(q("some 12 miles to the north").1, "miles");
        assert_eq!(q("a 30m-long wall").3, "30m-long");
        let border = one("a 1,300-kilometer border with its neighbour");
        assert_eq!(
            (border.quantity.amount, border.quantity.unit.as_str()),
            (1300.0, "km")
        );
        assert_eq!(q("a 2,549-foot peak").1, "ft");
        assert_eq!(q("a 40-mile corridor").1, "miles");
        assert_eq!(q("the depot covers 500 square metres").1, "m2");
    }

    #[test]
    fn m_is_million_only_with_money_or_people() {
        assert_eq!(
            q("a loan of $5m for roads"),
            (5e6, "USD".into(), QuantityBound::Exact, "$5m".into())
        );
        assert_eq!(q("a grant of £3 m in all").0, 3e6);
        assert_eq!(q("home to 5m people").1, "persons");
        assert_eq!(q("home to 5m people").0, 5e6);
        assert_eq!(q("it ships 2m tonnes a year").0, 2e6);
        assert_eq!(q("an aid package of 5 m dollars").1, "USD");
        // Otherwise metres.
        assert_eq!(
            q("a 30 m tower"),
            (30.0, "m".into(), QuantityBound::Exact, "30 m".into())
        );
        assert_eq!(q("the well is 100 m deep").0, 100.0);
        assert_eq!(q("it stands 12 m above the river").1, "m");
    }

    #[test]
    fn a_count_that_points_back_is_no_figure() {
        for text in [
            "ties between the two countries grew",
            "held by all six members of the bloc",
            "leaders of the seven countries say",
        ] {
            let got = find(text, &[]);
            assert!(got.is_empty(), "{text}: {got:#?}");
        }
        // A count of its own is still one.
        assert_eq!(q("The bloc has six members.").0, 6.0);
        // People by what they do are persons.
        for text in [
            "More than 60 peacekeepers",
            "81 representatives",
            "close to 300 officers",
        ] {
            assert_eq!(q(text).1, "persons", "{text}");
        }
    }

    #[test]
    fn troops_and_counted_military_things() {
        for (text, unit) in [
            ("some 1,600 military personnel took part", "persons"),
            ("about 4,700 servicemen", "persons"),
            ("250 soldiers of the battalion", "persons"),
            ("at least 10,000 troops", "persons"),
            ("the 5,000-strong division", "persons"),
            ("a force 36,000 strong", "persons"),
            ("80 aircraft and 36 helicopters", "aircraft"),
            ("40 planes landed", "aircraft"),
            ("12 fighter jets", "aircraft"),
            ("12 Su-30SM jets", "aircraft"),
            ("two Mi-8 helicopters", "helicopters"),
            ("300 tanks", "tanks"),
            ("150 armoured vehicles", "vehicles"),
            ("200 items were handed over", "items"),
            ("300 units of equipment", "items"),
            (
                "more than 850 pieces of military and special equipment",
                "items",
            ),
            ("1 helicopter", "helicopters"),
        ] {
            assert_eq!(find(text, &[])[0].quantity.unit, unit, "{text}");
        }
        assert_eq!(q("12 Su-30SM jets").3, "12 Su-30SM jets");
        assert_eq!(
            q("more than 850 pieces of military and special equipment").3,
            "more than 850 pieces of military and special equipment"
        );
        // An invariant plural before a plural qualifies it.
        assert_eq!(q("they built three aircraft hangars").1, "hangars");
        assert_eq!(q("300 armoured personnel carriers").1, "carriers");
        assert_eq!(q("200 personnel carriers").1, "carriers");
        assert_eq!(q("40 police officers").1, "persons");
        // A counted noun in a hyphenated compound.
        assert_eq!(
            q("a 16-nation bloc"),
            (
                16.0,
                "nation".into(),
                QuantityBound::Exact,
                "16-nation".into()
            )
        );
        assert_eq!(q("its 10-member board").1, "member");
    }

    #[test]
    fn coordinates_footnotes_clocks_stamps_and_phones_are_not_figures() {
        for text in [
            "The base lies at 42°51′N, 74°36′E near the city.",
            "The base lies at 42.8746° N, 74.5698° E.",
            "The base lies at 42.87 N, 74.59 E.",
            "It was founded in the north.[2] It grew.[3][4]",
            "the battalion of Kazakhstan.[12]",
            "the Air Assault Forces.3 The unit",
            "The talks began at 12:39 and ended at 14:00 GMT.",
            "Updated 10:12:30, again at 9.30 am and at 9 p.m.",
            "Posted 10.08.2014 12:39 by the desk.",
            "Source: a wire | 02-05-2009 14:45",
            "Filed on 10/08/2014 and 7/4.",
            "Call +7 727 123-45-67 or +996 (312) 66-22-11 today.",
            "Call 8 800 555 35 35 today.",
            "The 201st base and the 12th brigade.",
            "Su-30SM, Mi-8, S-300 and An-26 were shown.",
            "Under Article 4 of the treaty, see No. 2 and pp. 6-10.",
            "The army was ranked 50 in the list.",
            "a 12-year break, a 44-year-old officer, 486-based chips, model 70-A21",
            "one person was hurt",
        ] {
            assert!(find(text, &[]).is_empty(), "{text}: {:?}", all(text));
        }
    }

    #[test]
    fn bounds_keep_their_whole_figure() {
        assert_eq!(
            q("up to 7,000 troops were sent"),
            (
                7000.0,
                "persons".into(),
                QuantityBound::AtMost,
                "up to 7,000 troops".into()
            )
        );
        assert_eq!(q("up to 7,000").0, 7000.0);
        // A word before the bound is no label of the number: "they number about 160,000".
        assert_eq!(q("they now number about 160,000.").3, "about 160,000");
        assert_eq!(q("about 10-thousand men").0, 10_000.0);
        assert_eq!(q("about 3-thousand").3, "about 3-thousand");
    }

    #[test]
    fn a_range_is_one_quantity() {
        let f = one("the exercise involved 2,000-3,000 troops");
        assert_eq!(
            (f.quantity.lower, f.quantity.upper, f.quantity.unit.as_str()),
            (Some(2000.0), Some(3000.0), "persons")
        );
        assert_eq!(f.rule, "quantity.range.unit");
        let f = one("between 1,500 and 2,000 servicemen");
        assert_eq!(
            (f.quantity.lower, f.quantity.upper),
            (Some(1500.0), Some(2000.0))
        );
        let f = one("2-3 million people");
        assert_eq!((f.quantity.lower, f.quantity.upper), (Some(2e6), Some(3e6)));
        // A year span is no range of figures.
        assert!(find("the 2014-15 season", &[]).is_empty());
        // The first day of a time's range is no figure: the time pass masks "17 August".
        let text = "The drill runs 9-17 August, from 9 until 17 August.";
        let (a, b) = (text.find("17 A").unwrap(), text.rfind("17 A").unwrap());
        let masked = [(a, a + 9), (b, b + 9)];
        assert!(find(text, &masked).is_empty(), "{:?}", find(text, &masked));
    }

    #[test]
    fn masked_spans_are_skipped() {
        let text = "In 2009 60 treaties were in force.";
        let got = find(text, &[(3, 7)]);
        assert_eq!(got.len(), 1);
        assert_eq!(&text[got[0].start..got[0].end], "60 treaties");
        // "1994 documents" reads as a count unless the time pass masked "1994".
        assert_eq!(find("1994 documents", &[]).len(), 1);
        assert!(find("1994 documents", &[(0, 4)]).is_empty());
    }

    #[test]
    fn very_long_numbers_and_mixed_scripts_do_not_panic() {
        let long = "9".repeat(5000);
        assert!(find(&long, &[]).is_empty());
        let text = format!(
            "{} 1,{} people",
            "Казахстан 16,3 млн жителей",
            "000,".repeat(400)
        );
        let _ = find(&text, &[]);
        let _ = find("１２３ ٣٤٥ 三百 people 12e9999 ,,,. 5%", &[]);
    }

    #[test]
    fn what_extraction_reads_verification_finds() {
        for text in [
            "Some 2 bn people live there.",
            "The fund holds 3.5 tn dollars.",
            "Nearly 1.2 mln refugees crossed.",
            "It has 16,3 million inhabitants.",
            "About 1.234.567 people voted.",
            "twenty-five thousand troops took part",
        ] {
            let found = find(text, &[]);
            assert!(!found.is_empty(), "{text}");
            for f in found {
                assert!(
                    crate::verify::numbers::mentions_amount(text, f.quantity.amount),
                    "{text}: extraction reads {}, verification does not find it",
                    f.quantity.amount
                );
            }
        }
    }

    proptest::proptest! {
        /// Whatever `extract` reads as a figure in a text, `check --texts` finds in that text:
        /// both read numbers through `crate::numbers`.
        #[test]
        fn every_figure_read_is_found_by_verification(
            whole in 1u32..1_000_000,
            tenths in 0u32..10,
            form in 0usize..8,
            scale in proptest::sample::select(vec!["", " thousand", " million", " mn", " mln", " m", "m", " billion", " bn", " tn"]),
            noun in proptest::sample::select(vec!["people", "troops", "tonnes", "dollars", "km"]),
        ) {
            let digits = match form {
                0 => whole.to_string(),
                1 => format!("{whole}.{tenths}"),
                2 => format!("{whole},{tenths}"),
                3 => {
                    let s = whole.to_string();
                    let mut grouped = String::new();
                    for (i, c) in s.chars().enumerate() {
                        if i > 0 && (s.len() - i) % 3 == 0 {
                            grouped.push(',');
                        }
                        grouped.push(c);
                    }
                    grouped
                }
                4 => format!("about {whole}"),
                5 => format!("nearly {whole}.{tenths}"),
                6 => format!("more than {whole}"),
                _ => format!("{}", whole % 100),
            };
            let text = format!("The report counts {digits}{scale} {noun} in the region.");
            for f in find(&text, &[]) {
                proptest::prop_assert!(
                    crate::verify::numbers::mentions_amount(&text, f.quantity.amount),
                    "{}: extraction reads {}, verification does not find it",
                    text,
                    f.quantity.amount
                );
            }
        }

        #[test]
        fn never_panics_and_spans_are_char_boundaries(s in "\\PC{0,200}") {
            for f in find(&s, &[(0, 3)]) {
                proptest::prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                proptest::prop_assert!(f.start < f.end);
                proptest::prop_assert!(f.quantity.amount.is_finite());
            }
        }
    }
}
