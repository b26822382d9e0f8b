//! Word lists of the quantity grammar: bound phrases, units, counted nouns, function words.

use crate::model::QuantityBound;
use crate::numbers;

/// Phrases before a number that bound it, longest first, as lower-case word sequences.
pub(super) const BOUNDS: &[(&[&str], QuantityBound)] = &[
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
pub(super) fn opens_bound(word: &str) -> bool {
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
pub(super) fn unit_word(words: &[&str]) -> Option<(&'static str, usize)> {
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
            | "servicemembers" | "sailors" | "pilots" | "marines" | "guards" | "staff" | "mps"
            | "mp" | "deputies" | "lawmakers" | "senators" | "parliamentarians" | "legislators",
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
pub(super) fn head_unit(word: &str) -> Option<&'static str> {
    if let Some((unit, 1)) = unit_word(&[word]) {
        return Some(unit);
    }
    Some(match word {
        "soldier" | "serviceman" | "officer" | "person" | "peacekeeper" | "representative"
        | "official" | "delegate" | "instructor" | "specialist" | "expert" | "civilian"
        | "fighter" | "militant" | "recruit" | "cadet" | "conscript" | "sailor" | "pilot"
        | "marine" | "guard" | "deputy" | "lawmaker" | "senator" | "parliamentarian"
        | "legislator" => "persons",
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
pub(super) fn compound_unit(word: &str) -> Option<&'static str> {
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
pub(super) fn compound_noun(word: &str) -> bool {
    word.len() >= 3
        && word.chars().all(char::is_alphabetic)
        && !is_time_unit(word)
        && !ends_noun_phrase(word)
        && !word.ends_with("ed")
        && !word.ends_with("ing")
        && !word.ends_with("ly")
        && !matches!(
            word,
            "old"
                | "odd"
                | "plus"
                | "long"
                | "wide"
                | "high"
                | "deep"
                | "tall"
                | "fold"
                | "way"
                | "off"
                | "time"
                | "times"
                | "third"
                | "thirds"
                | "half"
                | "quarter"
                | "quarters"
                | "fifth"
                | "fifths"
                | "sided"
                | "point"
                | "fourths"
        )
}

/// Nouns that count as many without an "s" and also qualify a plural after them: "three
/// aircraft hangars", "armoured personnel carriers", "40 police officers".
pub(super) fn invariant_plural(word: &str) -> bool {
    matches!(
        word,
        "aircraft" | "personnel" | "police" | "artillery" | "staff" | "crew" | "militia"
    )
}

/// A regular English plural ("treaties", "boats"; not "class", "bus", "its").
pub(super) fn regular_plural(word: &str) -> bool {
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
pub(super) fn counts_many(word: &str) -> bool {
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
pub(super) fn ends_noun_phrase(word: &str) -> bool {
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
pub(super) fn is_time_unit(word: &str) -> bool {
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

/// Words after a number that make it a time of day: "9.30 am", "14:00 GMT", "1400 hrs".
pub(super) fn clock_word(word: &str) -> bool {
    matches!(word, "am" | "pm" | "gmt" | "utc" | "msk" | "hrs")
}

/// A scale word after a number: the common ones ("thousand", "million", "bn", "m") and the
/// Indian "lakh" (100,000) and "crore" (10 million), as "Rs100 crore" is written.
pub(super) fn scale(word: &str) -> Option<f64> {
    match word {
        "lakh" | "lakhs" => Some(1e5),
        "crore" | "crores" => Some(1e7),
        _ => numbers::scale(word),
    }
}

/// Whether a unit is a currency (an ISO code).
pub(super) fn is_currency(unit: &str) -> bool {
    matches!(unit, "USD" | "EUR" | "RUB" | "KZT" | "KGS" | "GBP" | "INR")
}

/// A currency written as a word or code glued before its amount or just before it: "Rs100",
/// "Rs. 100", "USD 5 million", "KZT 2bn".
pub(super) fn currency_prefix(word: &str) -> Option<&'static str> {
    Some(match word {
        "rs" | "inr" => "INR",
        "usd" => "USD",
        "eur" => "EUR",
        "rub" => "RUB",
        "kzt" => "KZT",
        "kgs" => "KGS",
        "gbp" => "GBP",
        _ => return None,
    })
}

/// The unit a model name's family gives when the text names no noun after it ("nine
/// BRDM-2M", "12 Su-30SM", "four T-72"): armoured vehicles, tanks, helicopters, aircraft.
pub(super) fn model_unit(family: &str) -> Option<&'static str> {
    Some(match family {
        "brdm" | "btr" | "bmp" | "bmd" | "brm" | "mt-lb" | "kamaz" | "gaz" | "ural" | "tigr" => {
            "vehicles"
        }
        "t" => "tanks",
        "mi" | "ka" | "ansat" => "helicopters",
        "su" | "mig" | "yak" | "tu" | "il" | "an" | "l" | "f" => "aircraft",
        _ => return None,
    })
}

/// A plural demonym counts people: "98,000 Russians", "3,000 Americans", "200 Kazakhs".
pub(super) fn plural_demonym(word: &str) -> bool {
    word.len() > 4 && (word.ends_with("ans") || word.ends_with("ians")) && word != "means"
        || matches!(
            word,
            "kazakhs"
                | "uzbeks"
                | "tajiks"
                | "turkmens"
                | "afghans"
                | "chinese"
                | "japanese"
                | "pakistanis"
                | "israelis"
                | "iraqis"
                | "iranians"
                | "kuwaitis"
                | "yemenis"
                | "bangladeshis"
                | "nepalis"
                | "turks"
                | "poles"
                | "swedes"
                | "danes"
                | "finns"
                | "britons"
                | "kurds"
                | "uyghurs"
                | "uighurs"
                | "azerbaijanis"
                | "uzbekistanis"
                | "kazakhstanis"
                | "kyrgyzstanis"
                | "tajikistanis"
                | "turkmenistanis"
        )
}

/// Units that a force is counted in when its noun is left out: "a rapid reaction force of
/// about 3-thousand", "Independent Battalion (over 300)".
pub(super) fn force_word(word: &str) -> bool {
    matches!(
        word,
        "force"
            | "forces"
            | "contingent"
            | "contingents"
            | "garrison"
            | "battalion"
            | "brigade"
            | "division"
            | "regiment"
            | "company"
            | "unit"
            | "army"
            | "strength"
            | "troops"
            | "grouping"
            | "detachment"
            | "mission"
    )
}

/// A fraction that is a share when "of" follows ("About half of the territory", "a third of
/// its budget", "two-thirds of"): its percent.
pub(super) fn fraction_percent(word: &str) -> Option<f64> {
    Some(match word {
        "half" => 50.0,
        "third" | "one-third" => 100.0 / 3.0,
        "two-thirds" => 200.0 / 3.0,
        "quarter" | "one-quarter" => 25.0,
        "three-quarters" => 75.0,
        _ => return None,
    })
}

/// The plural of a counted noun read in the singular from a compound ("a six-member
/// alliance" counts `members`, "a 16-nation bloc" `nations`).
pub(super) fn plural(word: &str) -> String {
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        format!("{word}es")
    } else if let Some(stem) = word
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

/// A scale word after a number in words: "two million", not "two m".
pub(super) fn word_scale(word: &str) -> Option<f64> {
    (word != "m").then(|| scale(word)).flatten()
}
