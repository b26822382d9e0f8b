//! Quantities in running text: a small grammar over word tokens that reads an optional bound
//! ("nearly", "more than"), a number in digits (either separator convention) or in words, an
//! optional scale word ("million", "bn"), an optional range end, and a unit (`%`, km, hectares,
//! a currency, persons, or the counted noun that follows: "60 treaties").
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

/// Unit words after a number, mapped to the unit the data uses.
fn unit_word(words: &[&str]) -> Option<(&'static str, usize)> {
    // "6,000 km-long": the unit before a hyphen.
    let first = *words.first()?;
    let first = first.split_once('-').map_or(first, |(unit, _)| unit);
    let second = words.get(1).copied();
    let third = words.get(2).copied();
    Some(match (first, second, third) {
        ("per", Some("cent"), _) => ("percent", 2),
        ("percent" | "pct", _, _) => ("percent", 1),
        ("percentage", Some("points"), _) => ("points", 2),
        ("square", Some("kilometres" | "kilometers" | "km"), _) => ("km2", 2),
        ("sq", Some("km"), _) => ("km2", 2),
        ("km" | "kilometres" | "kilometers" | "kilometre" | "kilometer", _, _) => ("km", 1),
        ("miles" | "mile", _, _) => ("miles", 1),
        ("hectares" | "hectare" | "ha", _, _) => ("hectares", 1),
        ("tonnes" | "tons" | "tonne" | "ton", _, _) => ("tonnes", 1),
        ("us", Some("dollars"), _) => ("USD", 2),
        ("dollars" | "dollar" | "usd", _, _) => ("USD", 1),
        ("euros" | "euro" | "eur", _, _) => ("EUR", 1),
        ("roubles" | "rubles" | "rub", _, _) => ("RUB", 1),
        ("tenge" | "kzt", _, _) => ("KZT", 1),
        ("soms" | "som" | "kgs", _, _) => ("KGS", 1),
        ("pounds" | "gbp", _, _) => ("GBP", 1),
        ("people" | "persons" | "inhabitants" | "residents" | "citizens" | "individuals", _, _) => {
            ("persons", 1)
        }
        ("servicemen" | "soldiers" | "troops" | "personnel" | "officers", _, _) => ("persons", 1),
        ("military", Some("personnel" | "servicemen"), _) => ("persons", 2),
        _ => {
            let _ = third;
            return None;
        }
    })
}

/// Whether a lower-case word names more than one thing: a regular plural ("treaties",
/// "boats", not "class" or "bus"), or a word that counts as one ("aircraft", "people").
fn counts_many(word: &str) -> bool {
    let regular = word.len() > 2
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.ends_with("'s")
        && !word.ends_with("’s");
    regular
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
        let toks = &self.toks;
        self.lower.fill(text, toks);
        let lower = &self.lower;
        let is_masked = |t: &Token| masked.iter().any(|&(s, e)| t.start < e && s < t.end);
        let mut i = 0;
        while i < toks.len() {
            if !may_start(toks[i].kind, &lower[i]) {
                i += 1;
                continue;
            }
            match read_at(text, toks, lower, i, &is_masked) {
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

/// Reads a number (digits or words, with a scale word) starting at token `i`.
fn read_number(
    text: &str,
    toks: &[Token],
    lower: &Lower,
    i: usize,
    is_masked: &dyn Fn(&Token) -> bool,
) -> Option<Number> {
    let t = toks.get(i)?;
    if is_masked(t) {
        return None;
    }
    match t.kind {
        Tok::Digits => {
            // Part of a code or an ordinal: "F-16", "S300", "19th", "1990s".
            if let Some(prev) = i.checked_sub(1).map(|p| toks[p])
                && prev.end == t.start
                && (prev.kind == Tok::Word || prev.kind == Tok::Punct('-'))
            {
                return None;
            }
            if let Some(next) = toks.get(i + 1)
                && next.start == t.end
                && next.kind == Tok::Word
            {
                let w = &lower[i + 1];
                if scale(w).is_none() && !matches!(w, "km" | "ha" | "bn" | "mn" | "m") {
                    return None;
                }
            }
            let digits = &text[t.start..t.end];
            let scaled_by = toks
                .get(i + 1)
                .filter(|n| n.kind == Tok::Word)
                .and_then(|_| scale(&lower[i + 1]).or((&lower[i + 1] == "m").then_some(1e6)));
            let value = parse_digits(digits, scaled_by.is_some())?;
            let plain_integer = !digits.contains([',', '.']);
            match scaled_by {
                Some(f) => Some(Number {
                    value: scaled(value, f),
                    next: i + 2,
                    words: false,
                    scaled: true,
                    plain_integer: false,
                }),
                None => Some(Number {
                    value,
                    next: i + 1,
                    words: false,
                    scaled: false,
                    plain_integer,
                }),
            }
        }
        Tok::Word => read_number_words(toks, lower, i, is_masked),
        Tok::Punct(_) => None,
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
        || word(k) == Some("a") && word(k + 1).and_then(scale).is_some()
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
            Some(w) if scale(w).is_some() => {
                let f = scale(w).unwrap_or(1.0);
                total += current * f;
                current = 0.0;
                k += 1;
                scaled = true;
                any_more = true;
                if let Some(n) = word(k).and_then(small_number)
                    && word(k + 1).is_some_and(|w| w == "hundred" || scale(w).is_some())
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

/// Tries to read a quantity whose bound phrase, currency sign or number starts at token `i`;
/// returns it and the token after it.
fn read_at(
    text: &str,
    toks: &[Token],
    lower: &Lower,
    i: usize,
    is_masked: &dyn Fn(&Token) -> bool,
) -> Option<(Found, usize)> {
    let mut k = i;
    // Bound phrase.
    let mut bound = QuantityBound::Exact;
    let mut bounded = false;
    let may_bound = toks.get(k).is_some_and(|t| t.kind == Tok::Word) && opens_bound(&lower[k]);
    for (phrase, b) in BOUNDS.iter().filter(|_| may_bound) {
        let fits = phrase.iter().enumerate().all(|(n, w)| {
            toks.get(k + n)
                .is_some_and(|t| t.kind == Tok::Word && &lower[k + n] == *w)
        });
        if fits {
            bound = *b;
            bounded = true;
            k += phrase.len();
            break;
        }
    }
    let start_tok = i;
    // "between 10 and 20"
    let between =
        !bounded && toks.get(k).is_some_and(|t| t.kind == Tok::Word) && &lower[k] == "between";
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
            Tok::Word
                if &lower[k] == "us"
                    && toks.get(k + 1).is_some_and(|n| n.kind == Tok::Punct('$')) =>
            {
                Some(("USD", 2))
            }
            _ => None,
        };
        if let Some((u, n)) = sign {
            unit = Some(u);
            unit_rule = ".currency";
            k += n;
        }
    }
    let number = read_number(text, toks, lower, k, is_masked)?;
    let mut last = number.next - 1;
    let mut amount = number.value;
    let mut lower_end = None;
    let mut upper_end = None;
    let mut k = number.next;
    // A range: "10 to 20", "10–20", "10-20 %", "between 10 and 20".
    let joiner = toks.get(k).map(|t| match t.kind {
        Tok::Punct('–' | '-' | '—') => true,
        Tok::Word => &lower[k] == "to" && !between || &lower[k] == "and" && between,
        _ => false,
    });
    if joiner == Some(true) {
        if let Some(second) = read_number(text, toks, lower, k + 1, is_masked)
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
    if toks.get(k).is_some_and(|t| t.kind == Tok::Punct('%')) {
        unit = Some("percent");
        unit_rule = ".percent";
        last = k;
        k += 1;
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
        if let Some((u, n)) = unit_word(&ahead[..words]) {
            unit = Some(u);
            unit_rule = if u == "percent" { ".percent" } else { ".unit" };
            last = k + n - 1;
        }
    }
    let mut noun = None;
    if unit.is_none() {
        // The counted noun: the words after the number up to a function word or punctuation,
        // at most three; the last of them is the head ("60 bilateral treaties").
        // Capitalised words may qualify the noun ("15,000 Kazakhstani soldiers") but not
        // be it.
        let capital = |n: usize| {
            text[toks[n].start..toks[n].end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        let mut n = k;
        let mut head_at = None;
        while n < toks.len()
            && n < k + 3
            && toks[n].kind == Tok::Word
            && !ends_noun_phrase(&lower[n])
        {
            if !capital(n) {
                head_at = Some(n);
                // A plural ends the phrase: "seven protocols now bind", "3,000 reservists may".
                if counts_many(&lower[n]) {
                    break;
                }
            } else if head_at.is_some() {
                break;
            }
            n += 1;
        }
        // More than one of something is a plural ("60 treaties", "three aircraft"); a
        // singular word after such a number is a verb or an adjective ("eleven flew").
        if head_at.is_some_and(|h| amount != 1.0 && !counts_many(&lower[h])) {
            head_at = None;
        }
        if let Some(h) = head_at {
            let head = &lower[h];
            if is_time_unit(head) || is_time_unit(&lower[k]) {
                return None;
            }
            last = h;
            match unit_word(&[head]) {
                Some((u, _)) => {
                    unit = Some(u);
                    unit_rule = ".unit";
                }
                None => noun = Some(head),
            }
        }
    }
    // What a bare number word or a year-like integer needs to count as a quantity.
    if unit.is_none() && noun.is_none() {
        if number.words && !number.scaled {
            return None;
        }
        if number.plain_integer && (1000.0..=2100.0).contains(&amount) && !bounded {
            return None;
        }
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
            scale in proptest::sample::select(vec!["", " thousand", " million", " mn", " mln", " billion", " bn", " tn"]),
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
