//! Word lists the temporal rules are built from, and the regex fragments made of them.

/// Month names and their abbreviations (with the month number). Matched with an initial
/// capital or in capitals, so that "may" and "march" as verbs are never months.
pub const MONTHS: &[(&str, u32)] = &[
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// Weekday names (Monday = 0) and abbreviations.
pub const WEEKDAYS: &[(&str, u32)] = &[
    ("Monday", 0),
    ("Tuesday", 1),
    ("Wednesday", 2),
    ("Thursday", 3),
    ("Friday", 4),
    ("Saturday", 5),
    ("Sunday", 6),
    ("Mon", 0),
    ("Tues", 1),
    ("Tue", 1),
    ("Wed", 2),
    ("Thurs", 3),
    ("Thur", 3),
    ("Thu", 3),
    ("Fri", 4),
    ("Sat", 5),
    ("Sun", 6),
];

/// Number words and their values, the longest first where one is a prefix of another.
pub const NUMBERS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("a", 1),
    ("an", 1),
    ("a couple of", 2),
    ("a dozen", 12),
    ("dozen", 12),
];

/// Ordinal words and their values.
pub const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("twenty-first", 21),
    ("twenty-second", 22),
    ("twenty-third", 23),
    ("twenty-fourth", 24),
    ("twenty-fifth", 25),
    ("twenty-sixth", 26),
    ("twenty-seventh", 27),
    ("twenty-eighth", 28),
    ("twenty-ninth", 29),
    ("thirtieth", 30),
    ("thirty-first", 31),
    ("last", 99),
];

/// A regex alternation of `words`, longest first so that the longest wins.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Names from `table` as written in running text (as written and in capitals): full names
/// alone, abbreviations followed by `stop` (a regex).
fn names_pattern(table: &[(&str, u32)], is_full: impl Fn(&str) -> bool, stop: &str) -> String {
    let mut full = Vec::new();
    let mut short = Vec::new();
    for (name, _) in table {
        let forms = if is_full(name) { &mut full } else { &mut short };
        forms.push(name.to_string());
        forms.push(name.to_uppercase());
    }
    let full = alternation(full.iter().map(String::as_str));
    let short = alternation(short.iter().map(String::as_str));
    format!(r"(?:{full}|{short}{stop})")
}

/// The number `table` gives a name, with or without an abbreviation's stop, any case.
fn name_number(table: &[(&str, u32)], word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(word))
        .map(|&(_, n)| n)
}

/// Month names as written in running text: "July", "JULY", "Jul", "Jul.", "Sept.".
pub fn month_pattern() -> String {
    // Only an abbreviation takes a stop: the one after "May" or "June" ends the sentence.
    names_pattern(
        MONTHS,
        |name| name.len() > 4 || matches!(name, "May" | "June" | "July"),
        r"\.?",
    )
}

/// The month number of a month name as the month pattern matches it.
pub fn month_number(word: &str) -> Option<u32> {
    name_number(MONTHS, word)
}

/// Weekday names as written: "Friday", "FRIDAY", and abbreviations only with their stop
/// ("Fri.", so that "Sun" the newspaper and "Wed" the verb are not weekdays).
pub fn weekday_pattern() -> String {
    names_pattern(
        WEEKDAYS,
        |name| name.len() > 5 || name.ends_with("day"),
        r"\.",
    )
}

/// The weekday number (Monday = 0) of a weekday name.
pub fn weekday_number(word: &str) -> Option<u32> {
    name_number(WEEKDAYS, word)
}

/// Number words a count of units may be written in ("three", "twenty-one", "a dozen").
pub const NUMBER_WORDS: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|one hundred|a hundred|hundred|an|a)";
/// Vague counts ("several", "a few"), as a pattern and as words.
pub const VAGUE: &str =
    r"(?:several|a few|few|many|some|a couple of|couple of|numerous|a number of)";
pub const VAGUE_WORDS: &[&str] = &[
    "several",
    "a few",
    "few",
    "many",
    "some",
    "a couple of",
    "couple of",
    "numerous",
    "a number of",
];
/// Modifiers before a count ("about", "more than", "the past").
pub const MODS: &str = r"(?:about|around|approximately|roughly|nearly|almost|more than|over|less than|under|at least|at most|up to|some|just over|just under|well over|the past|the last|the next|the first|the final|the coming|the previous|the preceding|the following|past|last|next|another|an additional|all|the entire|the whole|the full|a full|the better part of|the)";
/// Units of time a count is of.
pub const UNITS: &str = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|weekends?)";
/// Signal words before an expression ("in", "since", "as of"), as a pattern and as words
/// ("as of", the one of two words, is tested apart).
pub const SIGNALS: &str = r"(?:in|since|by|until|till|through|throughout|during|of|from|to|before|after|for|on|between|and|or|as of|at|into|around)";
pub const SIGNAL_WORDS: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "during",
    "of",
    "from",
    "to",
    "before",
    "after",
    "for",
    "on",
    "between",
    "and",
    "or",
    "at",
    "into",
    "around",
];

/// TIMEX3 `mod` of a modifier word.
pub fn modifier(word: &str) -> Option<&'static str> {
    let w = word.trim().to_ascii_lowercase();
    Some(match w.as_str() {
        "early"
        | "the beginning of"
        | "the start of"
        | "beginning of"
        | "start of"
        | "the beginning of the"
        | "beginning of the"
        | "earlier"
        | "the first half of"
        | "first half of the"
        | "the first half of the" => "START",
        "mid" | "middle" | "the middle of" | "the middle of the" => "MID",
        "late"
        | "the end of"
        | "end of"
        | "the end of the"
        | "end of the"
        | "later"
        | "the second half of"
        | "second half of the"
        | "the second half of the"
        | "last half of the"
        | "the last half of the"
        | "latter half of the"
        | "the latter half of the" => "END",
        "about" | "around" | "approximately" | "roughly" | "some" => "APPROX",
        "nearly" | "almost" | "less than" | "under" | "just under" | "barely" => "LESS_THAN",
        "more than" | "over" | "just over" | "well over" => "MORE_THAN",
        "at least" => "EQUAL_OR_MORE",
        "at most" | "up to" => "EQUAL_OR_LESS",
        _ => return None,
    })
}
