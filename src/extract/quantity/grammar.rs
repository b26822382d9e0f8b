//! The quantity grammar: an optional bound, a number in digits or words with a scale word, an
//! optional range end and a unit or counted noun.

use crate::model::{Quantity, QuantityBound};
use crate::numbers::{parse_digits, scaled, small_number};

use super::Found;
use super::lexicon::*;
use super::tokens::{Lower, Tok, Token};

/// A number read from tokens: value, first token, one past the last token, whether in words.
pub(super) struct Number {
    pub(super) value: f64,
    pub(super) next: usize,
    pub(super) words: bool,
    pub(super) scaled: bool,
    /// A bare integer written without separators (could be a year or a code).
    pub(super) plain_integer: bool,
    /// A number word with a noun or unit after a hyphen in the same word ("six-member").
    pub(super) tail: bool,
}

/// One sentence's tokens, their lower-case forms and the masked spans: what the grammar reads.
pub(super) struct Grammar<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Token],
    pub(super) lower: &'a Lower,
    pub(super) is_masked: &'a dyn Fn(&Token) -> bool,
}

impl Grammar<'_> {
    /// Whether token `a` ends where token `b` starts (nothing between them).
    pub(super) fn glued(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    pub(super) fn is_punct(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Tok::Punct(c))
    }

    pub(super) fn is_kind(&self, k: usize, kind: Tok) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == kind)
    }

    /// The lower-case form of token `k` when it is a word.
    pub(super) fn word(&self, k: usize) -> Option<&str> {
        self.is_kind(k, Tok::Word).then(|| &self.lower[k])
    }

    pub(super) fn written(&self, k: usize) -> &str {
        self.toks
            .get(k)
            .map_or("", |t| self.text.get(t.start..t.end).unwrap_or_default())
    }

    pub(super) fn capitalised(&self, k: usize) -> bool {
        self.written(k)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Reads a number (digits or words, with a scale word) starting at token `i`. `money`
    /// says a currency sign came before ("$5m": "m" is million); `second` that it ends a range
    /// ("2,000-3,000"), where a hyphen glued before it is the range's.
    pub(super) fn read_number(&self, i: usize, money: bool, second: bool) -> Option<Number> {
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
                    && (prev.kind == Tok::Word
                        && !(money && currency_prefix(&lower[i - 1]).is_some())
                        || prev.kind == Tok::Punct('-') && !second)
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
                        tail: false,
                    }),
                    None => Some(Number {
                        value,
                        next,
                        words: false,
                        scaled: false,
                        plain_integer,
                        tail: false,
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
    pub(super) fn million(&self, m: usize, money: bool) -> bool {
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
    pub(super) fn read_at(&self, i: usize) -> Option<(Found, usize)> {
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
                // "Rs100 crore", "Rs. 50", "USD 5 million".
                Tok::Word => currency_prefix(&lower[k]).and_then(|u| {
                    if self.is_kind(k + 1, Tok::Digits) {
                        Some((u, 1))
                    } else {
                        (self.is_punct(k + 1, '.') && self.is_kind(k + 2, Tok::Digits))
                            .then_some((u, 2))
                    }
                }),
                _ => None,
            };
            if let Some((u, n)) = sign {
                unit = Some(u);
                unit_rule = ".currency";
                k += n;
            }
        }
        let money = unit.is_some();
        if !money && let Some(found) = self.share(start_tok, k, bound, bounded) {
            return Some(found);
        }
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
        let mut counted: Option<String> = None;
        if number.tail {
            // "a six-member alliance", "three-million dollars" (the scale is read already):
            // a number word and its noun in one hyphenated word.
            let word = &lower[number_at];
            let tail = word.rsplit('-').next().unwrap_or_default();
            compound = true;
            if let Some(u) = compound_unit(tail) {
                unit = Some(u);
                unit_rule = if u == "percent" { ".percent" } else { ".unit" };
            } else if compound_noun(tail) {
                counted = Some(plural(tail));
            } else {
                return None;
            }
        } else if self.is_punct(k, '%') {
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
                counted = Some(plural(head));
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
            let mut model = None;
            while n < toks.len() && words < 3 {
                if let Some(end) = self.model_name(n) {
                    if head_at.is_some() {
                        break;
                    }
                    model = Some((n, end));
                    n = end;
                    words += 1;
                    continue;
                }
                if toks[n].kind != Tok::Word || ends_noun_phrase(&lower[n]) {
                    break;
                }
                // "about 98,000 Russians entered": a plural demonym with no noun after it
                // counts people.
                if self.capitalised(n)
                    && head_at.is_none()
                    && plural_demonym(&lower[n])
                    && !self.word(n + 1).is_some_and(|w| {
                        counts_many(w) && !ends_noun_phrase(w) && !self.capitalised(n + 1)
                    })
                {
                    unit = Some("persons");
                    unit_rule = ".unit";
                    last = n;
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
            } else if unit.is_none()
                && let Some((m, end)) = model
                && let Some(u) = self.word(m).and_then(model_unit)
            {
                // "nine BRDM-2M (armored … vehicles)": the kind of the model's family.
                unit = Some(u);
                unit_rule = ".unit";
                last = end - 1;
            }
        }
        if unit.is_none() && noun.is_none() && counted.is_none() {
            unit = self.elided_unit(start_tok, k);
            if unit.is_some() {
                unit_rule = ".unit";
            }
        }
        // What a bare number word or a year-like integer needs to count as a quantity; a
        // bare number after a label ("Article 4", "pp. 6-10", "ranked 50") is a name.
        if unit.is_none() && noun.is_none() && counted.is_none() {
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
            if noun.is_some() || counted.is_some() {
                ".noun"
            } else {
                unit_rule
            },
            if bounded { ".bound" } else { "" },
        );
        let mut score: f64 = if number.words { 0.7 } else { 0.8 };
        if unit.is_some() {
            score += 0.15;
        } else if noun.is_some() || counted.is_some() {
            score += 0.1;
        }
        if bounded {
            score += 0.03;
        }
        let unit = unit
            .map(str::to_string)
            .or(counted)
            .or(noun.map(str::to_string))
            .unwrap_or_default();
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
    pub(super) fn labelled(&self, i: usize) -> bool {
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
                    | "place"
                    | "position"
            )
        }) || self.ranked_at(p)
    }

    /// Whether token `p` is the "at" of a ranking: "came in at 104", "comes in at No. 3",
    /// "ranks at 50".
    fn ranked_at(&self, p: usize) -> bool {
        self.word(p) == Some("at")
            && p.checked_sub(1)
                .and_then(|q| self.word(q))
                .is_some_and(|w| {
                    matches!(
                        w,
                        "ranked" | "ranks" | "rank" | "placed" | "stands" | "stood"
                    ) || w == "in"
                        && p.checked_sub(2)
                            .and_then(|q| self.word(q))
                            .is_some_and(|w| matches!(w, "came" | "comes" | "come" | "coming"))
                })
    }

    /// A share in words at token `k` ("About half of the territory", "a third of its
    /// budget", "two-thirds of"): a percent, the bound read before it at `start_tok`.
    fn share(
        &self,
        start_tok: usize,
        k: usize,
        bound: QuantityBound,
        bounded: bool,
    ) -> Option<(Found, usize)> {
        let (value, at) = match self.word(k)? {
            "a" | "one" => (fraction_percent(self.word(k + 1)?)?, k + 1),
            "two" if self.word(k + 1) == Some("thirds") => (200.0 / 3.0, k + 1),
            "three" if self.word(k + 1) == Some("quarters") => (75.0, k + 1),
            w => (fraction_percent(w)?, k),
        };
        if self.word(at + 1) != Some("of") || (self.is_masked)(&self.toks[at]) {
            return None;
        }
        // "the first half of", "the other half of": a part, not a share.
        let before = start_tok.checked_sub(1).and_then(|p| self.word(p));
        if before.is_some_and(|w| {
            matches!(
                w,
                "the" | "first" | "second" | "other" | "latter" | "last" | "this"
            )
        }) {
            return None;
        }
        let rule = format!(
            "quantity.words.percent{}",
            if bounded { ".bound" } else { "" }
        );
        Some((
            Found {
                start: self.toks[start_tok].start,
                end: self.toks[at].end,
                quantity: Quantity {
                    amount: (value * 100.0).round() / 100.0,
                    lower: None,
                    upper: None,
                    unit: "percent".to_string(),
                    bound,
                },
                rule,
                score: if bounded { 0.88 } else { 0.85 },
            },
            at + 1,
        ))
    }

    /// The unit of a count whose noun is left out, from what is around it: a tally's total
    /// after it ("78 out of a total 81 representatives" counts representatives) or a force
    /// before it ("a force of about 3-thousand", "Battalion (over 300)" count persons).
    fn elided_unit(&self, start_tok: usize, k: usize) -> Option<&'static str> {
        if self.word(k) == Some("out") && self.word(k + 1) == Some("of") {
            let mut m = k + 2;
            while self
                .word(m)
                .is_some_and(|w| matches!(w, "a" | "the" | "total" | "of"))
            {
                m += 1;
            }
            if self.is_kind(m, Tok::Digits) {
                let ahead: Vec<&str> = (m + 1..m + 3).map_while(|n| self.word(n)).collect();
                return unit_word(&ahead).map(|(u, _)| u);
            }
            return None;
        }
        let p = start_tok.checked_sub(1)?;
        let link = self.word(p) == Some("of") || self.is_punct(p, '(');
        let owner = p.checked_sub(1).and_then(|q| self.word(q));
        (link && owner.is_some_and(force_word)).then_some("persons")
    }

    /// The token after a model name starting at token `n` ("Su-30SM", "Mi-8", "S-300",
    /// "BRDM-2M"): a capitalised word glued to digits, with hyphens between.
    pub(super) fn model_name(&self, n: usize) -> Option<usize> {
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
pub(super) fn read_number_words(
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
    } else if let Some(n) = small_number(word(k)?) {
        current = n;
        k += 1;
    } else {
        // "three-million", "six-member": a number word and a scale word or a noun in one
        // hyphenated word.
        let (head, tail) = word(k)?.split_once('-')?;
        let n = small_number(head)?;
        let tail = tail.rsplit('-').next().unwrap_or(tail);
        return Some(match word_scale(tail) {
            Some(f) => Number {
                value: scaled(n, f),
                next: k + 1,
                words: true,
                scaled: true,
                plain_integer: false,
                tail: false,
            },
            None => Number {
                value: n,
                next: k + 1,
                words: true,
                scaled: false,
                plain_integer: false,
                tail: true,
            },
        });
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
        tail: false,
    })
}
