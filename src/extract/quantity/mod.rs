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
use crate::numbers::small_number;
use std::sync::Arc;

use super::{Candidate, Kind, Sentence, Span};

mod grammar;
mod guards;
mod lexicon;
mod tokens;

use grammar::Grammar;
use lexicon::*;
use tokens::{Lower, Tok, Token, tokens};

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
                entities: Arc::from([]),
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

/// Every quantity in `text`, left to right, skipping any number that overlaps a `masked` span
/// (byte ranges, e.g. the temporal expressions found first).
pub fn find(text: &str, masked: &[(usize, usize)]) -> Vec<Found> {
    let mut out = Vec::new();
    Scanner::default().find(text, masked, &mut out);
    out
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
                Some((mut found, next)) => {
                    // "around Rs100 crore ($25 million)": a conversion in brackets restates
                    // the figure before it and takes its bound.
                    if let Some(prev) = out.last()
                        && found.quantity.bound == QuantityBound::Exact
                        && prev.quantity.bound != QuantityBound::Exact
                        && prev.end <= found.start
                        && text[prev.end..found.start].trim() == "("
                        && is_currency(&prev.quantity.unit)
                        && is_currency(&found.quantity.unit)
                    {
                        found.quantity.bound = prev.quantity.bound;
                    }
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
            matches!(lower, "between" | "us" | "a" | "half")
                || opens_bound(lower)
                || small_number(lower).is_some()
                || currency_prefix(lower).is_some()
                || fraction_percent(lower).is_some()
                || lower
                    .split_once('-')
                    .is_some_and(|(head, _)| small_number(head).is_some())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::parse_digits;

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
            ("300 units of equipment", "units"),
            (
                "more than 850 pieces of military and special equipment",
                "pieces",
            ),
            ("1 helicopter", "helicopters"),
        ] {
            assert_eq!(find(text, &[])[0].quantity.unit, unit, "{text}");
        }
        assert_eq!(q("12 Su-30SM jets").3, "12 Su-30SM jets");
        assert_eq!(
            q("more than 850 pieces of military and special equipment").3,
            "more than 850 pieces"
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
                "nations".into(),
                QuantityBound::Exact,
                "16-nation".into()
            )
        );
        assert_eq!(q("its 10-member board").1, "members");
    }

    #[test]
    fn number_words_joined_to_their_noun_or_scale() {
        assert_eq!(
            q("a five-member commission was formed"),
            (
                5.0,
                "members".into(),
                QuantityBound::Exact,
                "five-member".into()
            )
        );
        assert_eq!(
            q("Moscow will send twelve-million dollars worth of arms"),
            (
                12e6,
                "USD".into(),
                QuantityBound::Exact,
                "twelve-million dollars".into()
            )
        );
        assert_eq!(q("a four-nation drill").1, "nations");
        // Fractions, one-offs and ways are not counts.
        for text in ["a one-off payment", "a two-way road", "a three-fold rise"] {
            assert!(find(text, &[]).is_empty(), "{text}");
        }
    }

    #[test]
    fn currencies_before_the_amount_and_indian_scales() {
        assert_eq!(
            q("the hangars cost about Rs250 crore to build"),
            (
                2.5e9,
                "INR".into(),
                QuantityBound::About,
                "about Rs250 crore".into()
            )
        );
        assert_eq!(q("a grant of Rs. 40 lakh").0, 4e6);
        assert_eq!(q("a loan of USD 15 million").1, "USD");
        // A conversion in brackets takes the bound of the figure it restates.
        let got = find("worth nearly Rs50 crore ($6 million) in all", &[]);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[1].quantity.bound, QuantityBound::Nearly);
        assert_eq!(got[1].quantity.unit, "USD");
    }

    #[test]
    fn shares_in_words_are_percents() {
        assert_eq!(
            q("Roughly half of the garrison left."),
            (
                50.0,
                "percent".into(),
                QuantityBound::About,
                "Roughly half".into()
            )
        );
        assert_eq!(q("two-thirds of the budget").0, 66.67);
        assert_eq!(q("a quarter of the fleet").0, 25.0);
        // A part of a period or of a pair is no share.
        assert!(find("in the first half of the talks", &[]).is_empty());
        assert!(find("the other half of the team", &[]).is_empty());
    }

    #[test]
    fn counts_of_people_whose_noun_is_a_demonym_an_office_or_left_out() {
        assert_eq!(q("some 40,000 Uzbeks crossed the border").1, "persons");
        assert_eq!(q("about 12,000 Americans left").1, "persons");
        assert_eq!(q("One MP abstained.").1, "persons");
        assert_eq!(q("Three MPs walked out.").1, "persons");
        // A tally's total gives its unit to the count before it.
        let got = find("with 51 out of a total 60 deputies in favour", &[]);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(
            (got[0].quantity.amount, got[0].quantity.unit.as_str()),
            (51.0, "persons")
        );
        // A force's strength with its noun left out.
        assert_eq!(
            q("a peacekeeping contingent of about 1,200 will stay").1,
            "persons"
        );
        assert_eq!(q("Size: Separate Battalion (over 450)").1, "persons");
        // A demonym before its noun only qualifies it.
        assert_eq!(q("15,000 Kazakhstani soldiers").1, "persons");
        assert_eq!(q("20 Russian helicopters").1, "helicopters");
    }

    #[test]
    fn a_model_name_gives_its_family_kind_and_a_rank_is_no_figure() {
        assert_eq!(
            q("the army received six BTR-82A and a radar"),
            (
                6.0,
                "vehicles".into(),
                QuantityBound::Exact,
                "six BTR-82A".into()
            )
        );
        assert_eq!(q("it bought four Su-25 last year").1, "aircraft");
        assert_eq!(q("two Mi-24 arrived").1, "helicopters");
        assert!(find("The country came in at 87 in the ranking.", &[]).is_empty());
        assert!(find("It ranked at 12 worldwide.", &[]).is_empty());
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
