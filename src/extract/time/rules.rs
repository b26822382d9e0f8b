//! The rule table: each rule is a pattern built from the word lists and a normaliser that
//! turns what it captured into TIMEX3 and EDTF values. All patterns run over the whole text;
//! overlapping matches are settled leftmost-longest (an earlier rule wins a tie), then each
//! kept match is normalised in the context of its sentence, in text order, so that "the same
//! year" can refer back. A last pass joins expressions into ranges and open ranges ("from X
//! to Y", "between X and Y", "2009–2011", "since X", "until X", "by X").

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::Found;
use super::lexicon::{month_number, month_pattern, weekday_number, weekday_pattern};
use super::normalise::{
    self, Tense, Unit, day_number, day_value, edtf, number, ordinal, quarter_of, relative,
    shift_days, tense, weekday_date, year_for, ymd,
};
use crate::extract::{Sentence, Timex, TimexType};

/// The last date the text mentioned, for "the same year", "that day", "a year earlier".
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub quarter: Option<u32>,
}

/// What a normaliser knows besides its match.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub sentence: Sentence,
    pub dct: Option<NaiveDate>,
    pub anchor: Anchor,
}

impl Ctx<'_> {
    /// The tense around byte offset `at` of the text.
    fn tense(&self, at: usize) -> Tense {
        let s = &self.text[self.sentence.start..self.sentence.end];
        tense(s, at.saturating_sub(self.sentence.start))
    }

    /// The tense around a month or date at byte offset `at` of the text. A deadline ("by
    /// May", "until Feb. 1", "effective June 1") looks ahead: the next occurrence, or with a
    /// past verb ("gave them until November") the nearest one.
    fn tense_of_date(&self, at: usize) -> Tense {
        let s = &self.text[self.sentence.start..self.sentence.end];
        let t = normalise::tense_of_date(s, at.saturating_sub(self.sentence.start));
        if matches!(
            self.word_before(at).as_str(),
            "by" | "until" | "till" | "effective"
        ) {
            return if t == Tense::Past {
                Tense::Unknown
            } else {
                Tense::Future
            };
        }
        t
    }

    /// The word before byte offset `at`, lower-cased.
    fn word_before(&self, at: usize) -> String {
        let head = self.text[..at].trim_end();
        let word: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '$')
            .collect();
        word.chars().rev().collect::<String>().to_lowercase()
    }
}

type Normaliser = fn(&Captures, &mut Ctx) -> Vec<Found>;

/// A rule: its name (reported as the candidate's `rule`), pattern and normaliser.
pub struct Rule {
    pub name: &'static str,
    pub regex: Regex,
    /// The pattern `regex` was built from, for [`RULE_SET`].
    pub source: String,
    pub normalise: Normaliser,
    /// Whether the pattern has a `sig` group for a signal word outside the expression.
    pub signal: bool,
}

const NUMBER_WORDS: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|dozen|one hundred|a hundred|hundred|an|a)";
const VAGUE: &str = r"(?:several|a few|few|many|some|a couple of|couple of|numerous|a number of)";
const VAGUE_WORDS: &[&str] = &[
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
const MODS: &str = r"(?:about|around|approximately|roughly|nearly|almost|more than|over|less than|under|at least|at most|up to|some|just over|just under|well over|the past|the last|the next|the first|the final|the coming|the previous|the preceding|the following|past|last|next|another|an additional|all|the entire|the whole|the full|a full|the better part of|the)";
const UNITS: &str = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|weekends?)";
const SIGNALS: &str = r"(?:in|since|by|until|till|through|throughout|during|of|from|to|before|after|for|on|between|and|or|as of|at|into|around)";
const SIGNAL_WORDS: &[&str] = &[
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

/// Expands the `{…}` fragments of a pattern template.
fn pattern(template: &str) -> String {
    let num = format!(
        r"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+(?:\.[0-9]+)?|(?i-u:{NUMBER_WORDS}))(?:(?i-u:[ ]and a half)|[ ]1/2)?"
    );
    template
        .replace("{month}", &format!("(?:{})", month_pattern()))
        .replace("{weekday}", &format!("(?:{})", weekday_pattern()))
        .replace("{day}", r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?")
        .replace("{year}", r"(?:1[0-9]{3}|20[0-9]{2})")
        .replace("{num}", &num)
        .replace("{vague}", &format!("(?i-u:{VAGUE})"))
        .replace("{mods}", &format!("(?i-u:{MODS})"))
        .replace("{units}", &format!("(?i-u:{UNITS})"))
        .replace("{signal}", &format!("(?i-u:{SIGNALS})"))
        .replace("{ord}", r"(?:[0-9]{1,2}(?:st|nd|rd|th)|(?i-u:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))")
        .replace("{sp}", r"[ \t]+")
}

fn rule(name: &'static str, template: &str, normalise: Normaliser) -> Rule {
    let source = format!(r"(?-u:\b){}", pattern(template));
    // The patterns are fixed: a failure here is a bug caught by the tests, not an input error.
    let regex = RegexBuilder::new(&source)
        .dfa_size_limit(16 << 20)
        .build()
        .unwrap_or_else(|e| panic!("rule {name}: {e}"));
    Rule {
        name,
        signal: template.contains("(?P<sig>"),
        regex,
        source,
        normalise,
    }
}

/// Every rule's pattern in one set: one pass over a sentence says which rules can match in
/// it, so that a sentence is searched only by those (most sentences by none), instead of
/// every rule scanning the whole text.
static RULE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    // The patterns are fixed and each builds alone: a failure here is a bug the tests catch.
    RegexSetBuilder::new(RULES.iter().map(|r| r.source.as_str()))
        .dfa_size_limit(64 << 20)
        .build()
        .unwrap_or_else(|e| panic!("rule set: {e}"))
});

/// Every rule, in priority order.
pub static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            "date.month_day_year",
            r"(?:(?P<wd>{weekday}),?{sp})?(?P<m>{month}){sp}(?P<d>{day}),?{sp}(?P<y>{year})",
            month_day_year,
        ),
        rule(
            "date.day_month_year",
            r"(?:(?P<wd>{weekday}),?{sp})?(?:the{sp})?(?P<d>{day}){sp}(?:of{sp})?(?P<m>{month}),?{sp}(?P<y>{year})",
            month_day_year,
        ),
        rule(
            "date.iso",
            r"(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])",
            month_day_year,
        ),
        rule(
            "date.numeric",
            r"(?P<a>[0-3]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>{year}|[0-9]{2})",
            numeric_date,
        ),
        rule(
            "date.month_day_list",
            r"(?P<m>{month}){sp}(?P<d1>{day})(?:,[ ]*|{sp})(?i-u:and|or|&){sp}(?P<d2>{day})(?:,?{sp}(?P<y>{year}))?",
            month_day_list,
        ),
        rule(
            "date.month_day_range",
            r"(?P<m>{month}){sp}(?P<d1>{day})[ ]*[-–][ ]*(?P<d2>{day})(?:,?{sp}(?P<y>{year}))?",
            month_day_list,
        ),
        rule(
            "date.part_of_month",
            r"(?i-u:the{sp})?(?P<fl>(?i-u:first|last)){sp}(?P<n>{num}){sp}(?P<u>(?i-u:days|weeks)){sp}(?i-u:of){sp}(?P<m>{month})(?:,?{sp}(?P<y>{year}))?",
            part_of_month,
        ),
        rule(
            "date.month_year",
            r"(?:(?P<mod>(?i-u:early|late|mid|middle|the end of|the beginning of|the middle of|the start of|end of|beginning of|start of))[ -]*)?(?P<m>{month}),?{sp}(?:(?i-u:of){sp})?(?P<y>{year})",
            month_year,
        ),
        rule(
            "date.month_day",
            r"(?:(?P<wd>{weekday}),?{sp})?(?P<m>{month}){sp}(?P<d>{day})",
            month_day,
        ),
        rule(
            "date.day_month",
            r"(?:(?i-u:the){sp})?(?P<d>{day}){sp}(?:(?i-u:of){sp})?(?P<m>{month})",
            month_day,
        ),
        rule(
            "date.month",
            r"(?:(?P<sig>{signal}){sp})?(?:(?P<rel>(?i-u:last|this|next|past|coming|early|late|mid|the end of|the beginning of|the middle of|the start of|end of|beginning of|earlier this|later this))[ -]+)?(?P<m>{month})(?:{sp}(?P<ry>(?i-u:this|next|last)){sp}(?i-u:year)(?-u:\b))?",
            month_alone,
        ),
        rule(
            "date.year",
            r"(?:(?P<sig>{signal}){sp})?(?:(?P<mod>(?i-u:early|late|mid|the end of|the beginning of|the middle of|the start of|end of|beginning of|the first half of|the second half of|fiscal|calendar|the year|the fiscal year|the summer of|the spring of|the autumn of|the fall of|the winter of))[ -]*)?(?P<y>{year})",
            year_alone,
        ),
        rule(
            "date.holiday",
            r"(?:(?P<rel>(?i-u:last|next|this)){sp})?(?P<h>Thanksgiving(?:{sp}Day)?|Christmas(?:{sp}(?:Day|Eve))?|New{sp}Year's{sp}(?:Day|Eve)|Easter(?:{sp}Sunday)?|Independence{sp}Day|Labor{sp}Day|Memorial{sp}Day|Election{sp}Day|Halloween|Valentine's{sp}Day)(?:{sp}(?P<wk>week)|,?{sp}(?P<y>{year}))?",
            holiday,
        ),
        rule(
            "date.spoken_year",
            r"(?P<c>(?i-u:nineteen|twenty)){sp}(?P<t>(?i-u:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))(?-u:\b)",
            spoken_year,
        ),
        rule(
            "date.decade",
            r"(?:(?P<the>(?i-u:the)){sp})?(?:(?P<mod>(?i-u:early|late|mid|the end of the|the beginning of the|the middle of the|end of the|beginning of the))[ -]*)?(?:(?P<dec>(?:1[0-9]|20)[0-9]0)'?s|['’](?P<d2>[0-9]0)s|(?P<w>(?i-u:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))",
            decade,
        ),
        rule(
            "date.century",
            r"(?:(?P<the>(?i-u:the)){sp})?(?:(?P<mod>(?i-u:early|late|mid|the end of the|the beginning of the|the middle of the|end of the|beginning of the|the turn of the|turn of the))[ -]*)?(?P<ord>{ord})[ -](?i-u:century)",
            century,
        ),
        rule(
            "date.season",
            r"(?:(?P<rel>(?i-u:last|this|next|past|coming|early|late|mid|the|this past|that))[ -]+)?(?P<s>(?i-u:spring|summer|autumn|fall|winter))(?:{sp}(?:(?i-u:of){sp})?(?P<y>{year}))?",
            season,
        ),
        rule(
            "date.quarter",
            r"(?:(?P<pre>(?i-u:the|this|last|next|this year's|last year's|next year's|the fiscal|fiscal)){sp})?(?:(?P<py>{year}){sp}|(?P<ago>(?i-u:year-ago|year-earlier|comparable year-ago|comparable year-earlier)){sp})?(?P<ord>(?i-u:first|second|third|fourth|final|1st|2nd|3rd|4th|last))[ -](?:(?i-u:fiscal)[ -])?(?P<u>(?i-u:quarter|half|quarters))(?:{sp}(?i-u:of){sp}(?:(?:(?i-u:fiscal|the fiscal year){sp})?(?P<y>{year})|(?P<that>(?i-u:that year|the same year))))?",
            quarter,
        ),
        rule(
            "date.quarter_relative",
            r"(?P<pre>(?i-u:the|this|last|next|latest|previous|current|same|the latest|the previous|the same|the current|the year-earlier|the year-ago|year-earlier|year-ago|the past|the last|the next|the coming|the recent|the most recent|the just-ended|the fiscal|that)){sp}(?i-u:quarter)",
            quarter_relative,
        ),
        rule(
            "date.relative_unit",
            r"(?:(?P<mod>(?i-u:early|late|mid|earlier|later|the end of|the beginning of|the middle of|the start of|the rest of|the remainder of|end of|beginning of|the first half of|the second half of))[ -]+)?(?P<rel>(?i-u:last|this|next|past|coming|previous|current|the same|that|the following|the previous|the next|the past|the last|the coming|the current|the preceding|this past|the prior|prior|the new|the whole|the entire|all))[ -]+(?P<u>(?i-u:week|weekend|month|year|decade|century|fiscal year|school year|calendar year))",
            relative_unit,
        ),
        rule(
            "date.year_earlier",
            r"(?:(?i-u:the){sp})?(?i-u:year-earlier|year-ago)(?:{sp}(?i-u:period))?",
            year_earlier,
        ),
        rule(
            "date.year_period",
            r"(?i-u:the){sp}(?P<y>{year}){sp}(?P<u>(?i-u:quarter|period))",
            year_period,
        ),
        rule(
            "date.latest_period",
            r"(?i-u:the){sp}(?i-u:latest|most recent|current){sp}(?i-u:period)",
            latest_period,
        ),
        rule(
            "date.year_end",
            r"(?:(?P<mod>(?i-u:around|about|near|approximately)){sp})?(?P<w>(?i-u:year-end|year end|yearend|year's end))(?:,?{sp}(?P<y>{year}))?",
            year_end,
        ),
        rule(
            "date.the_weekend",
            r"(?i-u:the){sp}(?i-u:weekend)",
            the_weekend,
        ),
        rule(
            "date.ago",
            r"(?:(?P<mod>(?i-u:about|around|approximately|roughly|nearly|almost|more than|over|less than|some|just over|just under))[ ]+)?(?P<n>{num}|{vague})[ -]+(?P<u>{units})[ ]+(?P<dir>(?i-u:ago|earlier|later|from now|hence))",
            ago,
        ),
        rule(
            "date.deictic",
            r"(?:(?P<md>(?i-u:early|late|earlier|later)){sp})?(?P<w>(?i-u:the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight))(?:{sp}(?P<pod>(?i-u:morning|afternoon|evening|night)))?",
            deictic,
        ),
        rule(
            "time.part_of_day",
            r"(?P<rel>(?i-u:this|last|early this|late this|late last|early|late)){sp}(?P<pod>(?i-u:morning|afternoon|evening|night))",
            part_of_day,
        ),
        rule(
            "date.weekday",
            r"(?:(?P<rel>(?i-u:last|this|next|coming|past|early|late|this past|this coming)){sp})?(?P<wd>{weekday})(?:{sp}(?P<pod>(?i-u:morning|afternoon|evening|night))(?-u:\b))?",
            weekday,
        ),
        rule(
            "date.reference",
            r"(?P<w>(?i-u:now|currently|more recently|most recently|until recently|recently|current|at present|nowadays|presently|the present|right now|these days|the present day|at the moment|formerly|in the past|the past|in recent years|recent years|in recent months|recent months|recent weeks|recent days|the future|the near future|the foreseeable future|the distant future|the years ahead|the coming years|coming years))",
            reference,
        ),
        rule(
            "date.the_year",
            r"(?i-u:the{sp}(?P<full>(?:full|fiscal){sp})?year)(?-u:\b)",
            the_year,
        ),
        rule(
            "duration.count",
            r"(?:(?P<mod>{mods})[ ]+)?(?P<n>{num}|{vague})[ -]+(?P<u>{units})(?P<adj>-(?i-u:long|old))?",
            duration,
        ),
        rule(
            "duration.vague",
            r"(?P<pre>(?i-u:for|for many|for several|in recent|over the past|over the last|in the past|in the last|during the past|the past|the last|the next|the coming|in coming|for the past|for the last))[ ]+(?P<u>(?i-u:years|months|weeks|days|decades|hours|minutes|centuries))",
            duration_vague,
        ),
        rule(
            "set.every",
            r"(?P<q>(?i-u:every|each|per|once a|twice a|once an|(?:three|four|five|several|[0-9]+) times a|once every|twice every))[ ]+(?:(?P<n>{num}|other)[ ]+)?(?P<u>(?i-u:years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?|mornings?|evenings?|nights?|weekends?|{weekday}s?))",
            set_every,
        ),
        rule(
            "set.adverb",
            r"(?P<w>(?i-u:annually|yearly|monthly|weekly|daily|hourly|nightly|biweekly|semiannually|semi-annually|biannually))",
            set_adverb,
        ),
        rule(
            "time.clock",
            r"(?P<h>[0-2]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?[ ]*(?P<ap>(?i-u:a\.m\.|p\.m\.|a\.m|p\.m|am|pm))(?:{sp}(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET))?",
            clock,
        ),
        rule(
            "time.clock24",
            r"(?P<h>[0-2]?[0-9]):(?P<mi>[0-5][0-9])(?:{sp}(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|(?i-u:hours|local time)))",
            clock,
        ),
        rule("time.noon", r"(?P<w>(?i-u:noon|midnight|midday))", noon),
    ]
});

/// TIMEX3 `mod` of a modifier word.
fn modifier(word: &str) -> Option<&'static str> {
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
        | "the first half of" => "START",
        "mid" | "middle" | "the middle of" | "the middle of the" => "MID",
        "late" | "the end of" | "end of" | "the end of the" | "end of the" | "later"
        | "the second half of" => "END",
        "about" | "around" | "approximately" | "roughly" | "some" => "APPROX",
        "nearly" | "almost" | "less than" | "under" | "just under" | "barely" => "LESS_THAN",
        "more than" | "over" | "just over" | "well over" => "MORE_THAN",
        "at least" => "EQUAL_OR_MORE",
        "at most" | "up to" => "EQUAL_OR_LESS",
        _ => return None,
    })
}

/// A found expression with a TIMEX3 and its EDTF view.
fn found(
    ctx: &Ctx,
    start: usize,
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<&str>,
    score: f64,
) -> Found {
    let edtf = match kind {
        TimexType::Date | TimexType::Time => edtf(&value, modifier, ctx.dct),
        _ => None,
    };
    Found {
        start,
        end,
        timex: Some(Timex {
            kind,
            value,
            modifier: modifier.map(str::to_string),
        }),
        edtf,
        score,
        rule: "",
    }
}

/// At most the first `n` bytes of `s`, cut back to a character boundary: what a rule looks at
/// after a match, without copying the rest of the text.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// At most the last `n` bytes of `s`, cut forward to a character boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

fn whole(c: &Captures) -> (usize, usize) {
    c.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

fn text<'c>(c: &'c Captures, name: &str) -> Option<&'c str> {
    c.name(name).map(|m| m.as_str())
}

fn month_day_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(|m| month_number(m).or_else(|| m.parse().ok()));
    let day = text(c, "d").and_then(day_number);
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    let (Some(month), Some(day), Some(year)) = (month, day, year) else {
        return Vec::new();
    };
    ymd(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, 0.95)])
        .unwrap_or_default()
}

/// "7/4/2008": month first, as in American English, unless the first number cannot be a
/// month; a score of 0.6 says the order was a guess when both could be.
fn numeric_date(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(a), Some(b)) = (
        text(c, "a").and_then(|a| a.parse::<u32>().ok()),
        text(c, "b").and_then(|b| b.parse::<u32>().ok()),
    ) else {
        return Vec::new();
    };
    let Some(year) = text(c, "y").and_then(|y| normalise::year(y, ctx.dct)) else {
        return Vec::new();
    };
    let (month, day, score) = if a > 12 {
        (b, a, 0.9)
    } else if b > 12 {
        (a, b, 0.9)
    } else {
        (a, b, 0.6)
    };
    ymd(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, score)])
        .unwrap_or_default()
}

/// The year of a month (and day) written without one: the document's, by tense.
fn year_of(ctx: &Ctx, at: usize, month: u32, day: Option<u32>) -> Option<i32> {
    let dct = ctx.dct?;
    Some(year_for(dct, month, day, ctx.tense_of_date(at)))
}

fn date_or_unknown(year: Option<i32>, month: u32, day: u32) -> Option<String> {
    match year {
        Some(y) => ymd(y, month, day),
        None => (1..=12)
            .contains(&month)
            .then(|| format!("XXXX-{month:02}-{day:02}")),
    }
}

/// "May 17 and 24, 2011", "July 1–10, 2008": one expression per day (the second carries the
/// year), and one candidate for the set or range.
fn month_day_list(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(m), Some(d1), Some(d2)) = (c.name("m"), c.name("d1"), c.name("d2")) else {
        return Vec::new();
    };
    let Some(month) = month_number(m.as_str()) else {
        return Vec::new();
    };
    let (Some(day1), Some(day2)) = (day_number(d1.as_str()), day_number(d2.as_str())) else {
        return Vec::new();
    };
    let year = match text(c, "y") {
        Some(y) => normalise::year(y, None),
        None => year_of(ctx, s, month, Some(day1)),
    };
    let (Some(v1), Some(v2)) = (
        date_or_unknown(year, month, day1),
        date_or_unknown(year, month, day2),
    ) else {
        return Vec::new();
    };
    let score = if text(c, "y").is_some() { 0.9 } else { 0.7 };
    let range = c.get(0).is_some_and(|m| m.as_str().contains(['-', '–']));
    let joined = if range {
        format!("{v1}/{v2}")
    } else {
        format!("{{{v1},{v2}}}")
    };
    vec![
        Found {
            start: s,
            end: e,
            timex: None,
            edtf: Some(joined),
            score,
            rule: "",
        },
        found(ctx, s, d1.end(), TimexType::Date, v1, None, score),
        found(ctx, d2.start(), e, TimexType::Date, v2, None, score),
    ]
}

/// "the first ten days of July 2008": the month with mod START (or END for "last"), and the
/// days as an EDTF interval.
fn part_of_month(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(month) = text(c, "m").and_then(month_number) else {
        return Vec::new();
    };
    let Some(n) = text(c, "n").and_then(number) else {
        return Vec::new();
    };
    let days = if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("weeks")) {
        n * 7.0
    } else {
        n
    };
    let year = match text(c, "y") {
        Some(y) => normalise::year(y, None),
        None => year_of(ctx, s, month, None),
    };
    let Some(year) = year else {
        return Vec::new();
    };
    let first = text(c, "fl").is_some_and(|w| w.eq_ignore_ascii_case("first"));
    let Some(start_day) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let month_end = normalise::shift_days(normalise::shift_months(start_day, 1), -1);
    let days = (days as i64).clamp(1, 31);
    let (a, b) = if first {
        (start_day, shift_days(start_day, days - 1).min(month_end))
    } else {
        (shift_days(month_end, 1 - days).max(start_day), month_end)
    };
    let mut f = found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-{month:02}"),
        Some(if first { "START" } else { "END" }),
        0.85,
    );
    f.edtf = Some(format!("{}/{}", day_value(a), day_value(b)));
    vec![f]
}

fn month_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(month_number);
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    let (Some(month), Some(year)) = (month, year) else {
        return Vec::new();
    };
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-{month:02}"),
        m,
        0.9,
    )]
}

fn month_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let month = text(c, "m").and_then(month_number);
    let day = text(c, "d").and_then(day_number);
    let (Some(month), Some(day)) = (month, day) else {
        return Vec::new();
    };
    // "May 5" after a modal reading ("it May 5 …") is too rare to matter; "May" alone is
    // handled by the month rule, which needs a signal.
    let year = year_of(ctx, s, month, Some(day));
    date_or_unknown(year, month, day)
        .map(|v| vec![found(ctx, s, e, TimexType::Date, v, None, 0.75)])
        .unwrap_or_default()
}

fn month_alone(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(m) = c.name("m") else {
        return Vec::new();
    };
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    // "January this year", "June last year": one expression, the year said after the month.
    let year_after = text(c, "ry").map(|r| match r.to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    });
    if text(c, "sig").is_none() && rel.is_none() && year_after.is_none() {
        return Vec::new();
    }
    // "May" and "March" need more than a signal when they could be verbs or names: only
    // the full forms of months count, and "May" must not be followed by a verb-like word.
    let word = m.as_str().trim_end_matches('.');
    if word.len() < 3 {
        return Vec::new();
    }
    let Some(month) = month_number(word) else {
        return Vec::new();
    };
    let start = c.name("rel").map_or(m.start(), |r| r.start());
    // A full month name's following full stop ends the sentence, not the name.
    let end = if year_after.is_some() {
        whole(c).1
    } else if m.as_str().ends_with('.') && word.len() > 4 {
        m.end() - 1
    } else {
        m.end()
    };
    let (m_mod, rel_n) = match rel.as_deref() {
        Some("last") | Some("past") => (None, -1),
        Some("next") | Some("coming") => (None, 1),
        Some("this") => (None, 0),
        Some("earlier this") => (Some("START"), 0),
        Some("later this") => (Some("END"), 0),
        Some(other) => (modifier(other), 2),
        None => (None, 2),
    };
    let year = ctx.dct.map(|dct| match (year_after, rel_n) {
        (Some(n), _) => dct.year() + n,
        (None, -1) => {
            if month < dct.month() {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        (None, 1) => {
            if month > dct.month() {
                dct.year()
            } else {
                dct.year() + 1
            }
        }
        (None, 0) => dct.year(),
        _ => year_for(dct, month, None, ctx.tense_of_date(start)),
    });
    let value = match year {
        Some(y) => format!("{y}-{month:02}"),
        None => format!("XXXX-{month:02}"),
    };
    vec![found(ctx, start, end, TimexType::Date, value, m_mod, 0.7)]
}

/// The date of a holiday in `year` (United States holidays, Western Easter).
fn holiday_date(name: &str, year: i32) -> Option<NaiveDate> {
    // The `n`th `weekday` (0 = Monday) of `month`; n = 0 for the last.
    let nth = |month: u32, weekday: u32, n: u32| -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        if n == 0 {
            let last = shift_days(normalise::shift_months(first, 1), -1);
            let back = (last.weekday().num_days_from_monday() + 7 - weekday) % 7;
            return Some(shift_days(last, -i64::from(back)));
        }
        let ahead = (weekday + 7 - first.weekday().num_days_from_monday()) % 7;
        Some(shift_days(first, i64::from(ahead + 7 * (n - 1))))
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.first().copied()? {
        "Thanksgiving" => nth(11, 3, 4),
        "Christmas" if words.get(1) == Some(&"Eve") => NaiveDate::from_ymd_opt(year, 12, 24),
        "Christmas" => NaiveDate::from_ymd_opt(year, 12, 25),
        "New" if words.get(2) == Some(&"Eve") => NaiveDate::from_ymd_opt(year, 12, 31),
        "New" => NaiveDate::from_ymd_opt(year, 1, 1),
        "Independence" => NaiveDate::from_ymd_opt(year, 7, 4),
        "Labor" => nth(9, 0, 1),
        "Memorial" => nth(5, 0, 0),
        // The Tuesday after the first Monday of November.
        "Election" => nth(11, 0, 1).map(|d| shift_days(d, 1)),
        "Halloween" => NaiveDate::from_ymd_opt(year, 10, 31),
        "Valentine's" => NaiveDate::from_ymd_opt(year, 2, 14),
        "Easter" => {
            // The anonymous Gregorian computus.
            let (a, b, c) = (year % 19, year / 100, year % 100);
            let (d, e) = (b / 4, b % 4);
            let g = (8 * b + 13) / 25;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 19 * l) / 433;
            let month = (h + l - 7 * m + 90) / 25;
            let day = (h + l - 7 * m + 33 * month + 19) % 32;
            NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
        }
        _ => None,
    }
}

/// "Thanksgiving Day", "last Christmas", "Easter 1998" ("Easter week": the week it falls
/// in): the holiday's date in the year
/// written, else the year "last"/"next" or the tense says.
fn holiday(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(h) = text(c, "h") else {
        return Vec::new();
    };
    let name = h.split_whitespace().collect::<Vec<_>>().join(" ");
    let rel = text(c, "rel").map(str::to_ascii_lowercase);
    let year = match (text(c, "y").and_then(|y| normalise::year(y, None)), ctx.dct) {
        (Some(y), _) => Some(y),
        (None, None) => None,
        (None, Some(dct)) => {
            let this = holiday_date(&name, dct.year());
            let Some(this) = this else {
                return Vec::new();
            };
            Some(match rel.as_deref() {
                Some("last") if this >= dct => dct.year() - 1,
                Some("next") if this <= dct => dct.year() + 1,
                Some(_) => dct.year(),
                None => year_for(dct, this.month(), Some(this.day()), ctx.tense_of_date(s)),
            })
        }
    };
    let value = match year {
        Some(y) => match holiday_date(&name, y) {
            Some(d) if c.name("wk").is_some() => normalise::week_value(d),
            Some(d) => day_value(d),
            None => return Vec::new(),
        },
        None => "XXXX-XX-XX".to_string(),
    };
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.75)]
}

/// A year as it is spoken in broadcast transcripts: "nineteen ninety-six", with a month or
/// a season of it before ("January nineteen ninety-seven", "the winter of nineteen
/// ninety-four").
fn spoken_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let century = match text(c, "c").map(str::to_ascii_lowercase).as_deref() {
        Some("nineteen") => 1900,
        Some("twenty") => 2000,
        _ => return Vec::new(),
    };
    let Some(tens) = text(c, "t").and_then(number) else {
        return Vec::new();
    };
    let year = century + tens as i32;
    // The month or season before is read from the text rather than matched by the pattern,
    // which keeps the rule set small.
    let head = ctx.text[..s].trim_end_matches([' ', '\t']);
    let words: Vec<&str> = head.rsplit([' ', '\t', '\n', '\r']).take(3).collect();
    let month = words
        .first()
        .filter(|w| w.len() >= 3 && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .and_then(|w| month_number(w));
    let season = match words.as_slice() {
        [of, season, the, ..]
            if of.eq_ignore_ascii_case("of") && the.eq_ignore_ascii_case("the") =>
        {
            match season.to_ascii_lowercase().as_str() {
                "spring" => Some("SP"),
                "summer" => Some("SU"),
                "autumn" | "fall" => Some("FA"),
                "winter" => Some("WI"),
                _ => None,
            }
        }
        _ => None,
    };
    // The words are slices of `head`: where one starts is its distance from head's start.
    let offset = |w: &str| w.as_ptr() as usize - head.as_ptr() as usize;
    let (start, value) = match (month, season) {
        (Some(m), _) => (offset(words[0]), format!("{year}-{m:02}")),
        (None, Some(code)) => (offset(words[2]), format!("{year}-{code}")),
        (None, None) => (s, year.to_string()),
    };
    vec![found(ctx, start, e, TimexType::Date, value, None, 0.7)]
}

fn year_alone(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(y) = c.name("y") else {
        return Vec::new();
    };
    let Ok(year) = y.as_str().parse::<i32>() else {
        return Vec::new();
    };
    let sig = text(c, "sig").map(|s| s.to_ascii_lowercase());
    let md = text(c, "mod").map(|s| s.to_ascii_lowercase());
    let after = &ctx.text[y.end()..];
    let before = &ctx.text[..c.get(0).map_or(0, |m| m.start())];
    // Not a year: money, a decimal or a thousands group, a percentage, a count of things.
    if before.ends_with('$')
        || before.ends_with('#')
        || before.ends_with("No. ")
        || after.starts_with(|ch: char| {
            ch == '%' || ch == '-' && after[1..].starts_with(|d: char| d.is_ascii_digit())
        })
        || (after.len() > 1
            && (after.starts_with(',') || after.starts_with('.'))
            && after[1..].starts_with(|d: char| d.is_ascii_digit()))
        || after.starts_with(|ch: char| ch.is_alphanumeric())
    {
        return Vec::new();
    }
    let next_word: String = after
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|ch| ch.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let counted = matches!(
        next_word.as_str(),
        "percent"
            | "people"
            | "persons"
            | "troops"
            | "soldiers"
            | "men"
            | "women"
            | "children"
            | "votes"
            | "members"
            | "workers"
            | "employees"
            | "jobs"
            | "shares"
            | "units"
            | "cars"
            | "homes"
            | "houses"
            | "tons"
            | "tonnes"
            | "km"
            | "miles"
            | "meters"
            | "metres"
            | "feet"
            | "acres"
            | "hectares"
            | "dollars"
            | "euros"
            | "pounds"
            | "yen"
            | "barrels"
            | "points"
            | "students"
            | "families"
            | "refugees"
            | "deaths"
            | "cases"
            | "times"
            | "hours"
            | "days"
            | "years"
            | "copies"
            | "pages"
    );
    if counted {
        return Vec::new();
    }
    let word_before = ctx.word_before(c.get(0).map_or(0, |m| m.start()));
    if matches!(
        word_before.as_str(),
        "flight"
            | "route"
            | "room"
            | "article"
            | "resolution"
            | "page"
            | "number"
            | "no"
            | "model"
            | "highway"
            | "interstate"
            | "about"
            | "some"
            | "nearly"
            | "over"
            | "than"
            | "to"
            | "and"
    ) && sig.is_none()
        && md.is_none()
    {
        return Vec::new();
    }
    if sig.is_none() && md.is_none() && !(1800..=2100).contains(&year) {
        return Vec::new();
    }
    let start = c.name("mod").map_or(y.start(), |m| m.start());
    let mut m = md.as_deref().and_then(modifier);
    let mut value = year.to_string();
    match md.as_deref() {
        Some("the summer of") => value = format!("{year}-SU"),
        Some("the spring of") => value = format!("{year}-SP"),
        Some("the autumn of") | Some("the fall of") => value = format!("{year}-FA"),
        Some("the winter of") => value = format!("{year}-WI"),
        Some("the first half of") => {
            value = format!("{year}-H1");
            m = None;
        }
        Some("the second half of") => {
            value = format!("{year}-H2");
            m = None;
        }
        _ => {}
    }
    let score = if sig.is_some() || md.is_some() {
        0.85
    } else {
        0.7
    };
    vec![found(ctx, start, y.end(), TimexType::Date, value, m, score)]
}

fn decade(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let base = ctx
        .dct
        .map_or(1900, |d| d.year() - d.year().rem_euclid(100));
    let decade: Option<i32> = if let Some(d) = text(c, "dec") {
        d.parse().ok()
    } else if let Some(d) = text(c, "d2") {
        d.parse::<i32>().ok().map(|n| {
            let century = if base + n > ctx.dct.map_or(1999, |d| d.year()) {
                base - 100
            } else {
                base
            };
            century + n
        })
    } else {
        text(c, "w").and_then(|w| {
            let tens = match w.to_ascii_lowercase().as_str() {
                "twenties" => 20,
                "thirties" => 30,
                "forties" => 40,
                "fifties" => 50,
                "sixties" => 60,
                "seventies" => 70,
                "eighties" => 80,
                "nineties" => 90,
                _ => return None,
            };
            let century = if base + tens > ctx.dct.map_or(1999, |d| d.year()) {
                base - 100
            } else {
                base
            };
            Some(century + tens)
        })
    };
    let Some(decade) = decade else {
        return Vec::new();
    };
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        // TimeML writes a decade as its first three digits ("199" for the 1990s).
        format!("{}", decade / 10),
        m,
        0.85,
    )]
}

fn century(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(n) = text(c, "ord").and_then(ordinal) else {
        return Vec::new();
    };
    if !(1..=30).contains(&n) {
        return Vec::new();
    }
    let m = text(c, "mod").and_then(modifier);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{:02}", n - 1),
        m,
        0.85,
    )]
}

fn season(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(word) = text(c, "s") else {
        return Vec::new();
    };
    let word = word.to_ascii_lowercase();
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    let year = text(c, "y").and_then(|y| normalise::year(y, None));
    // "fall" and "spring" are also verbs and nouns: only with a determiner or a year.
    if (word == "fall" || word == "spring")
        && year.is_none()
        && rel.as_deref().is_none_or(|r| r == "the")
    {
        return Vec::new();
    }
    if rel.is_none() && year.is_none() && word != "summer" && word != "winter" && word != "autumn" {
        return Vec::new();
    }
    let (code, month) = match word.as_str() {
        "spring" => ("SP", 4),
        "summer" => ("SU", 7),
        "autumn" | "fall" => ("FA", 10),
        _ => ("WI", 1),
    };
    let m = rel.as_deref().and_then(modifier);
    let year = year.or_else(|| {
        let dct = ctx.dct?;
        let now = dct.month();
        Some(match rel.as_deref() {
            Some("last") | Some("past") | Some("this past") => {
                if month < now {
                    dct.year()
                } else {
                    dct.year() - 1
                }
            }
            Some("next") | Some("coming") => {
                if month > now {
                    dct.year()
                } else {
                    dct.year() + 1
                }
            }
            Some("this") => dct.year(),
            _ => year_for(dct, month, None, ctx.tense(s)),
        })
    });
    let value = match year {
        Some(y) => format!("{y}-{code}"),
        None => format!("XXXX-{code}"),
    };
    // The span leaves out a bare "the" only when nothing else qualifies the season.
    vec![found(ctx, s, e, TimexType::Date, value, m, 0.75)]
}

/// The year of a quarter or half written without one: the document's, or with a past tense
/// the previous year when it has not begun yet.
fn quarter_year(ctx: &Ctx, at: usize, q: u32, pre: Option<&str>) -> Option<i32> {
    let dct = ctx.dct?;
    Some(match pre {
        Some("last year's") => dct.year() - 1,
        Some("next year's") => dct.year() + 1,
        Some("this year's") => dct.year(),
        _ => {
            if q > quarter_of(dct) && ctx.tense(at) == Tense::Past {
                dct.year() - 1
            } else {
                dct.year()
            }
        }
    })
}

/// The document's year, or the one before or after it, when the text at `at` goes on with
/// "of the year", "of this year", "of last year" or "of next year".
fn year_named_after(ctx: &Ctx, at: usize) -> Option<i32> {
    let dct = ctx.dct?;
    let rest = head(&ctx.text[at..], 24);
    let rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    let (of, rest) = rest.split_at_checked(2)?;
    if !of.eq_ignore_ascii_case("of") || !rest.starts_with([' ', '\t', '\n', '\r']) {
        return None;
    }
    let mut words = rest.split_ascii_whitespace();
    let which = words.next()?;
    let year = words.next()?;
    let year = year.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    if !year.eq_ignore_ascii_case("year") {
        return None;
    }
    let shift = match which.to_ascii_lowercase().as_str() {
        "the" | "this" => 0,
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    Some(dct.year() + shift)
}

fn quarter(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(ord) = text(c, "ord").map(|o| o.to_ascii_lowercase()) else {
        return Vec::new();
    };
    let half = text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("half"));
    if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("quarters")) {
        return Vec::new();
    }
    let n = match ord.as_str() {
        "final" | "last" => {
            if half {
                2
            } else {
                4
            }
        }
        o => match ordinal(o) {
            Some(n) => n,
            None => return Vec::new(),
        },
    };
    if (half && n > 2) || n > 4 || n == 0 {
        return Vec::new();
    }
    let pre = text(c, "pre").map(|p| p.to_ascii_lowercase());
    let year = match (text(c, "y").or(text(c, "py")), c.name("that")) {
        (Some(y), _) => normalise::year(y, None),
        (None, _) if c.name("ago").is_some() => {
            quarter_year(ctx, s, if half { n * 2 } else { n }, pre.as_deref()).map(|y| y - 1)
        }
        (None, Some(_)) => ctx.anchor.year,
        // "the second half of the year", "the third quarter of last year": the year named
        // after it (tagged apart), not the tense.
        _ => match year_named_after(ctx, e) {
            Some(y) => Some(y),
            None => quarter_year(ctx, s, if half { n * 2 } else { n }, pre.as_deref()),
        },
    };
    let y = year.map_or("XXXX".to_string(), |y| y.to_string());
    let value = if half {
        format!("{y}-H{n}")
    } else {
        format!("{y}-Q{n}")
    };
    if !half {
        ctx.anchor.quarter = Some(n);
        ctx.anchor.year = year.or(ctx.anchor.year);
    }
    // "the third-quarter loss": the hyphenated quarter is an adjective and "the" belongs to
    // the noun after it, not to the expression.
    let mut s = s;
    if let (Some(p), Some(o)) = (c.name("pre"), c.name("ord"))
        && p.as_str().len() >= 3
        && p.as_str()[..3].eq_ignore_ascii_case("the")
        && c.name("py").is_none()
        && c.name("ago").is_none()
        && ctx.text[o.end()..].starts_with('-')
    {
        let after_the = &ctx.text[p.start() + 3..];
        s = ctx.text.len() - after_the.trim_start_matches([' ', '\t']).len();
    }
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.85)]
}

fn quarter_relative(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let pre = text(c, "pre")
        .map(|p| p.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(dct) = ctx.dct else {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            "XXXX-QX".into(),
            None,
            0.5,
        )];
    };
    // The quarter the text is about (the last one it named), else the last complete one.
    let current = (dct.year(), quarter_of(dct));
    let last = match (ctx.anchor.year, ctx.anchor.quarter) {
        (Some(y), Some(q)) => (y, q),
        _ => {
            if current.1 == 1 {
                (current.0 - 1, 4)
            } else {
                (current.0, current.1 - 1)
            }
        }
    };
    let (year, q) = match pre.as_str() {
        "this" | "current" | "the current" => current,
        "next" | "the next" | "the coming" => {
            if current.1 == 4 {
                (current.0 + 1, 1)
            } else {
                (current.0, current.1 + 1)
            }
        }
        "the year-earlier" | "the year-ago" | "year-earlier" | "year-ago" => (last.0 - 1, last.1),
        "the past" | "the last" | "last" | "latest" | "the latest" | "previous"
        | "the previous" | "the recent" | "the most recent" | "the just-ended" => {
            if current.1 == 1 {
                (current.0 - 1, 4)
            } else {
                (current.0, current.1 - 1)
            }
        }
        _ => last,
    };
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-Q{q}"),
        None,
        0.6,
    )]
}

fn relative_unit(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rel = text(c, "rel")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let unit_word = text(c, "u")
        .map(|u| u.to_ascii_lowercase())
        .unwrap_or_default();
    let unit = if unit_word.ends_with("year") {
        Unit::Year
    } else {
        match Unit::parse(&unit_word) {
            Some(u) => u,
            None => return Vec::new(),
        }
    };
    let md = text(c, "mod").and_then(modifier);
    // "the past year", "the coming week", "the whole month": a duration of one unit.
    if matches!(
        rel.as_str(),
        "past"
            | "coming"
            | "the past"
            | "the last"
            | "the next"
            | "the coming"
            | "the whole"
            | "the entire"
            | "all"
    ) && md.is_none()
    {
        let value = match unit {
            Unit::Decade => "P10Y".to_string(),
            Unit::Century => "P100Y".to_string(),
            Unit::Weekend => "P2D".to_string(),
            u => u.duration(Some(1.0)),
        };
        let mut f = found(ctx, s, e, TimexType::Duration, value, None, 0.7);
        if let (Some(dct), "the past" | "past" | "the last") = (ctx.dct, rel.as_str()) {
            f.edtf = relative(dct, unit, -1)
                .and_then(|v| edtf(&v, None, ctx.dct))
                .map(|from| {
                    let from = from.split('/').next().unwrap_or(&from).to_string();
                    format!("{from}/{}", day_value(dct))
                });
        }
        return vec![f];
    }
    let n = match rel.as_str() {
        "last" | "previous" | "the previous" | "the preceding" | "this past" | "the prior"
        | "prior" => -1,
        "next" | "the following" => 1,
        "this" | "current" | "the current" | "the new" => 0,
        "the same" | "that" => 99,
        _ => 0,
    };
    let anchored = matches!(
        rel.as_str(),
        "the same" | "that" | "the following" | "the previous" | "the preceding" | "the prior"
    );
    let value = if anchored {
        let Some(year) = ctx.anchor.year else {
            return Vec::new();
        };
        let step = if n == 99 { 0 } else { n };
        match unit {
            Unit::Year => (year + step).to_string(),
            Unit::Month => match ctx.anchor.month {
                Some(m) => {
                    let d = NaiveDate::from_ymd_opt(year, m, 1)
                        .map(|d| normalise::shift_months(d, step));
                    match d {
                        Some(d) => d.format("%Y-%m").to_string(),
                        None => return Vec::new(),
                    }
                }
                None => return Vec::new(),
            },
            Unit::Week => match (ctx.anchor.month, ctx.anchor.day) {
                (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
                    Some(d) => normalise::week_value(shift_days(d, 7 * i64::from(step))),
                    None => return Vec::new(),
                },
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
    } else {
        match ctx.dct {
            Some(dct) => match relative(dct, unit, n) {
                Some(v) => v,
                None => return Vec::new(),
            },
            None => match (unit, n) {
                (_, 0) => "PRESENT_REF".into(),
                (_, -1) => "PAST_REF".into(),
                _ => "FUTURE_REF".into(),
            },
        }
    };
    vec![found(ctx, s, e, TimexType::Date, value, md, 0.8)]
}

/// "the year-earlier period", "year-earlier" (before a noun: "year-earlier profit"): the
/// period a year before the one the text is about: the quarter it named last, a year before
/// the document's, else the year before the document's. "the" counts only with "period".
fn year_earlier(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (mut s, e) = whole(c);
    let m = &ctx.text[s..e];
    let has_period = m.to_ascii_lowercase().ends_with("period");
    if !has_period && m.len() > 4 && m[..4].eq_ignore_ascii_case("the ") {
        s += m.len() - m[4..].trim_start().len();
    }
    // The year is the document's: the dates named last may themselves be a year back.
    let Some(year) = ctx.dct.map(|d| d.year()).or(ctx.anchor.year) else {
        return Vec::new();
    };
    let value = match ctx.anchor.quarter {
        Some(q) => format!("{}-Q{q}", year - 1),
        None => (year - 1).to_string(),
    };
    let mut f = found(ctx, s, e, TimexType::Date, value, None, 0.6);
    f.rule = COMPARISON;
    vec![f]
}

/// The rule of a period valued from the one the text is about ("a year earlier", "the
/// year-earlier period"): a comparison, which does not become what the text is about, so
/// that a second "a year earlier" is not two years back.
const COMPARISON: &str = "date.comparison";

/// "the 1988 quarter", "the 1988 period": the quarter the text is about (the last one it
/// named) in that year, else the year.
fn year_period(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(year) = text(c, "y").and_then(|y| normalise::year(y, None)) else {
        return Vec::new();
    };
    let value = match ctx.anchor.quarter {
        Some(q) => format!("{year}-Q{q}"),
        None if text(c, "u").is_some_and(|u| u.eq_ignore_ascii_case("quarter")) => {
            format!("{year}-QX")
        }
        None => year.to_string(),
    };
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.7)]
}

/// "the latest period" in a report on a quarter: that quarter. Without a quarter named
/// before, the period is unknown and the phrase is left alone.
fn latest_period(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let (Some(year), Some(q)) = (ctx.anchor.year, ctx.anchor.quarter) else {
        return Vec::new();
    };
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year}-Q{q}"),
        None,
        0.6,
    )]
}

/// "by year-end", "since year end", "around year's end": the end of the year the text is
/// about (TimeML values it as that year, with `mod` END). Only as the object of a preposition
/// or after an approximation: "year-end" before a noun ("year-end bonuses") describes a thing.
/// "since" and a past tense look back to the last year-end before the document date. A
/// deadline is not what the text is about: it does not become the anchor of later dates.
fn year_end(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let approx = text(c, "mod").map(|m| m.to_ascii_lowercase());
    let before = ctx.word_before(s);
    if approx.is_none()
        && !matches!(
            before.as_str(),
            "by" | "at"
                | "since"
                | "until"
                | "till"
                | "before"
                | "after"
                | "through"
                | "from"
                | "to"
                | "toward"
                | "towards"
        )
    {
        return Vec::new();
    }
    let year = match text(c, "y").and_then(|y| normalise::year(y, None)) {
        Some(y) => y,
        None => {
            let Some(dct) = ctx.dct else {
                return Vec::new();
            };
            // "by year-end" is a deadline ahead whatever the tense around it; "at year-end"
            // in the past tense reports the last one.
            let deadline = matches!(
                before.as_str(),
                "by" | "until" | "till" | "before" | "toward" | "towards"
            );
            let back =
                before == "since" || (approx.is_none() && !deadline && ctx.tense(s) == Tense::Past);
            if back { dct.year() - 1 } else { dct.year() }
        }
    };
    let md = if approx.is_some() { "APPROX" } else { "END" };
    vec![found(
        ctx,
        s,
        e,
        TimexType::Date,
        format!("{year:04}"),
        Some(md),
        0.6,
    )]
}

/// "the weekend": the one before the document date with a past tense (or none), the one
/// after it with a future tense; the ISO week is the one its Saturday is in.
fn the_weekend(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(dct) = ctx.dct else {
        return Vec::new();
    };
    let saturday = weekday_date(dct, 5, 0, ctx.tense(s));
    let value = format!("{}-WE", normalise::week_value(saturday));
    vec![found(ctx, s, e, TimexType::Date, value, None, 0.7)]
}

fn ago(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(unit) = text(c, "u").and_then(Unit::parse) else {
        return Vec::new();
    };
    let dir = text(c, "dir")
        .map(|d| d.to_ascii_lowercase())
        .unwrap_or_default();
    let sign = if dir == "ago" || dir == "earlier" {
        -1
    } else {
        1
    };
    let n = text(c, "n").and_then(number);
    // "three days later", "a week earlier" count from a time the story tells, not from the
    // document date: the count is a duration of its own, the direction a signal outside it.
    // (A count of years earlier is the comparison of a report, below.)
    if (dir == "earlier" || dir == "later") && (unit != Unit::Year || n.is_none()) {
        return Vec::new();
    }
    let md = text(c, "mod").and_then(modifier).filter(|m| *m == "APPROX");
    let Some(n) = n else {
        let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return vec![found(ctx, s, e, TimexType::Date, value.into(), None, 0.6)];
    };
    let steps = (n.round() as i32) * sign;
    // "a year earlier" or "a year ago" when the text is about a quarter: the same quarter a
    // year before.
    if let (Unit::Year, Some(y), Some(q)) = (unit, ctx.anchor.year, ctx.anchor.quarter) {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Date,
            format!("{}-Q{q}", y + steps),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    if (dir == "earlier" || dir == "later")
        && let (Some(y), Unit::Year) = (ctx.anchor.year, unit)
    {
        let mut f = found(
            ctx,
            s,
            e,
            TimexType::Date,
            (y + steps).to_string(),
            None,
            0.6,
        );
        f.rule = COMPARISON;
        return vec![f];
    }
    let Some(dct) = ctx.dct else {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Date,
            if sign < 0 {
                "PAST_REF".into()
            } else {
                "FUTURE_REF".into()
            },
            None,
            0.5,
        )];
    };
    let value = match unit {
        Unit::Hour | Unit::Minute | Unit::Second => day_value(dct),
        Unit::Decade => (dct.year() + 10 * steps).to_string(),
        Unit::Century => (dct.year() + 100 * steps).to_string(),
        u => match relative(dct, u, steps) {
            Some(v) => v,
            None => return Vec::new(),
        },
    };
    vec![found(ctx, s, e, TimexType::Date, value, md, 0.75)]
}

fn deictic(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let offset = match w.as_str() {
        "the day before yesterday" => -2,
        "yesterday" => -1,
        "tomorrow" => 1,
        "the day after tomorrow" => 2,
        _ => 0,
    };
    let pod = text(c, "pod")
        .map(pod_code)
        .or((w == "tonight").then_some("NI"));
    // "late yesterday", "earlier today": a part of the day, the modifier in the expression.
    let md = text(c, "md").and_then(modifier);
    let date = match ctx.dct {
        Some(d) => day_value(shift_days(d, offset)),
        None if offset == 0 && pod.is_none() => "PRESENT_REF".to_string(),
        None => "XXXX-XX-XX".to_string(),
    };
    match pod {
        Some(p) => vec![found(
            ctx,
            s,
            e,
            TimexType::Time,
            format!("{date}T{p}"),
            md,
            0.85,
        )],
        None => vec![found(ctx, s, e, TimexType::Date, date, md, 0.9)],
    }
}

fn pod_code(word: &str) -> &'static str {
    match word.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

fn part_of_day(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rel = text(c, "rel")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let pod = text(c, "pod").map(pod_code).unwrap_or("NI");
    let offset = if rel.contains("last") { -1 } else { 0 };
    if rel == "early" || rel == "late" {
        return Vec::new();
    }
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), |d| {
        day_value(shift_days(d, offset))
    });
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{pod}"),
        None,
        0.8,
    )]
}

fn weekday(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(wd) = text(c, "wd").and_then(weekday_number) else {
        return Vec::new();
    };
    let rel = text(c, "rel").map(|r| r.to_ascii_lowercase());
    let md = rel.as_deref().and_then(modifier);
    let n = match rel.as_deref() {
        Some("last") | Some("past") | Some("this past") => -1,
        Some("next") | Some("coming") | Some("this coming") => 1,
        _ => 0,
    };
    let date = match ctx.dct {
        Some(dct) => day_value(weekday_date(dct, wd, n, ctx.tense(s))),
        None => format!("XXXX-WXX-{}", wd + 1),
    };
    // "Friday night" is one expression. TempEval-3's annotation values "evening" as a part
    // of that day ("2000-01-07TEV") but other parts of the day (even "night", by a small
    // margin) most often as the day alone, and types them all as dates.
    let date = match text(c, "pod").map(pod_code) {
        Some("EV") if ctx.dct.is_some() => format!("{date}TEV"),
        _ => date,
    };
    vec![found(ctx, s, e, TimexType::Date, date, md, 0.75)]
}

fn reference(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(m) = c.name("w") else {
        return Vec::new();
    };
    let w = m.as_str().to_ascii_lowercase();
    let (s, e) = match w.strip_prefix("in ") {
        Some(rest) => (m.end() - rest.len(), m.end()),
        None => (m.start(), m.end()),
    };
    let w = w.trim_start_matches("in ");
    // "current" is an expression as the adjective of time ("the current crisis"), not the
    // noun ("ocean currents", "direct current") nor the account of a balance of payments.
    if w == "current" {
        let after = head(ctx.text[e..].trim_start_matches([' ', '\t']), 16).to_ascii_lowercase();
        if after.starts_with('-')
            || after.starts_with("account")
            || ["direct", "alternating", "electric", "ocean"].contains(&ctx.word_before(s).as_str())
            || !after.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Vec::new();
        }
    }
    // "Now," opening a sentence is a discourse marker ("Now, he says ...") that moves the
    // story on rather than referring to the present time.
    if w == "now" && ctx.text[e..].starts_with(',') {
        let before = ctx.text[..s].trim_end_matches([' ', '\t', '\n', '\r', '"', '`', '\'']);
        if before.is_empty() || before.ends_with(['.', '!', '?']) {
            return Vec::new();
        }
    }
    // "the future" is a time as the object of a preposition of time ("in the future", "plans
    // for the future"); as a subject ("the future looks bleak") or with "of" ("the future of
    // the company") it is the fate of something.
    if w == "the future" {
        let after = head(ctx.text[e..].trim_start_matches([' ', '\t']), 4).to_ascii_lowercase();
        let of =
            after.starts_with("of") && !after[2..].starts_with(|c: char| c.is_ascii_alphabetic());
        let time_preposition = matches!(
            ctx.word_before(s).as_str(),
            "in" | "into" | "for" | "until" | "till" | "about" | "toward" | "towards" | "near"
        );
        if of || !time_preposition {
            return Vec::new();
        }
    }
    // "until recently" is the past up to a recent point: PAST_REF, with the signal outside.
    let (s, w) = match w.strip_prefix("until ") {
        Some(rest) => (e - rest.len(), rest),
        None => (s, w),
    };
    // "recent weeks", "in recent months": a span of an unknown number of those units back
    // to now, as TimeML values it; "recent years" is the past at large.
    let span = match w {
        "recent months" => Some("PXM"),
        "recent weeks" => Some("PXW"),
        "recent days" => Some("PXD"),
        _ => None,
    };
    if let Some(v) = span {
        return vec![found(ctx, s, e, TimexType::Duration, v.into(), None, 0.7)];
    }
    let value = match w {
        "recently" | "more recently" | "most recently" | "formerly" | "the past"
        | "recent years" => "PAST_REF",
        "the future"
        | "the near future"
        | "the foreseeable future"
        | "the distant future"
        | "the years ahead"
        | "the coming years"
        | "coming years" => "FUTURE_REF",
        _ => "PRESENT_REF",
    };
    vec![found(ctx, s, e, TimexType::Date, value.into(), None, 0.7)]
}

/// "the year" before "ended"/"ending" and a date is the twelve months that close on that
/// date ("revenue for the year ended Sept. 30"): a DURATION of a year, the date tagged apart.
/// "for the year" on its own, in a report, is the current year so far, as are "the full
/// year" and "the fiscal year"; so is "the year" after "the end of" or a count of months
/// ("the first nine months of the year"); "the year two thousand" is a date.
fn the_year(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let rest = ctx.text[e..].trim_start_matches([' ', '\t', '\n', '\r']);
    let gap = ctx.text[e..].len() - rest.len();
    let after = head(rest, 32).to_ascii_lowercase();
    // "the year two thousand", the millennium year as spoken in broadcast transcripts.
    if let Some(rest) = after.strip_prefix("two thousand")
        && !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        && !rest.trim_start().starts_with("and ")
    {
        let end = e + gap + "two thousand".len();
        return vec![found(
            ctx,
            s,
            end,
            TimexType::Date,
            "2000".into(),
            None,
            0.7,
        )];
    }
    if after.starts_with("ended ") || after.starts_with("ending ") {
        return vec![found(
            ctx,
            s,
            e,
            TimexType::Duration,
            "P1Y".into(),
            None,
            0.7,
        )];
    }
    let Some(dct) = ctx.dct else {
        return Vec::new();
    };
    let value = format!("{:04}", dct.year());
    // "sales for the full year", "earnings for the fiscal year": the year the report is
    // about, the document's.
    if c.name("full").is_some() || (ctx.word_before(s) == "for" && after.starts_with(',')) {
        return vec![found(ctx, s, e, TimexType::Date, value, None, 0.6)];
    }
    // "by the end of the year", "earlier in the year": a part of the document's year, the
    // words before it part of the expression.
    let before = tail(&ctx.text[..s], 20).to_ascii_lowercase();
    for (lead, md) in [
        ("the end of ", "END"),
        ("the beginning of ", "START"),
        ("the start of ", "START"),
        ("the middle of ", "MID"),
        ("earlier in ", "START"),
        ("later in ", "END"),
    ] {
        if before.ends_with(lead) {
            let start = s - lead.len();
            return vec![found(ctx, start, e, TimexType::Date, value, Some(md), 0.6)];
        }
    }
    // "the first nine months of the year", "the second half of the year": the document's
    // year, the part tagged apart.
    if let Some(head) = before.strip_suffix("of ") {
        let unit = head.trim_end().rsplit(' ').next().unwrap_or("");
        if matches!(
            unit,
            "months" | "month" | "weeks" | "quarter" | "quarters" | "half" | "days"
        ) {
            return vec![found(ctx, s, e, TimexType::Date, value, None, 0.6)];
        }
    }
    Vec::new()
}

fn duration(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, mut e) = whole(c);
    let Some(unit) = text(c, "u").and_then(Unit::parse) else {
        return Vec::new();
    };
    let Some(n_text) = text(c, "n") else {
        return Vec::new();
    };
    let lower_n = n_text.to_ascii_lowercase();
    // "a couple of" is two, as TimeML values it.
    let n =
        number(n_text).or(matches!(lower_n.as_str(), "a couple of" | "couple of").then_some(2.0));
    // A bare "a"/"an"/"one" with a plural unit is not a count ("a days' work" is rare);
    // "one" followed by a singular unit is.
    if n.is_none() && !VAGUE_WORDS.contains(&lower_n.as_str()) {
        return Vec::new();
    }
    if n.is_some_and(|n| n > 10_000.0) {
        return Vec::new();
    }
    // A year before a singular unit names that year's period ("the 1988 quarter"), not a
    // count of 1988 of them.
    let unit_text = text(c, "u").unwrap_or_default();
    if n_text.len() == 4 && n.is_some_and(|n| n >= 1000.0) && !unit_text.ends_with('s') {
        return Vec::new();
    }
    // "three-quarters" is a fraction.
    if unit == Unit::Quarter
        && unit_text.ends_with('s')
        && c.name("u")
            .is_some_and(|u| ctx.text[..u.start()].ends_with('-'))
    {
        return Vec::new();
    }
    // An age ("a 6-year-old boy", "52 years old") is a property of a person, not a time.
    let rest = &ctx.text[e..];
    if text(c, "adj").is_some_and(|a| a.eq_ignore_ascii_case("-old"))
        || rest.starts_with(" old")
        || rest.starts_with("-old")
    {
        return Vec::new();
    }
    // "a second group", "a second time": the ordinal, not the unit of time, before a word
    // that is not one a span of time is followed by.
    if unit == Unit::Second && matches!(lower_n.as_str(), "a" | "one") && c.name("mod").is_none() {
        let next: String = rest
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        if !next.is_empty()
            && !matches!(
                next.as_str(),
                "ago"
                    | "later"
                    | "earlier"
                    | "or"
                    | "and"
                    | "before"
                    | "after"
                    | "of"
                    | "longer"
                    | "in"
                    | "to"
                    | "for"
                    | "at"
                    | "too"
            )
        {
            return Vec::new();
        }
    }
    // The unit as the first half of a compound ("a year-end dividend", "a day-to-day
    // matter") is no count of that unit.
    if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut s = s;
    let mut md_word = text(c, "mod").map(|m| m.to_ascii_lowercase());
    // TempEval-3's annotation leaves approximators ("about three days", "almost five
    // months") and "over" (more often "during" than "more than") outside the span; "the"
    // before a count belongs to it ("the nine months").
    if let (Some(w), Some(n_match)) = (md_word.as_deref(), c.name("n")) {
        let outside = matches!(
            w,
            "about"
                | "around"
                | "approximately"
                | "roughly"
                | "almost"
                | "over"
                | "some"
                | "just over"
                | "well over"
        );
        // "the" only before a count of plural units: "the two-week visit" and "the few
        // days" leave it out.
        let joined = ctx.text[n_match.end()..].starts_with('-');
        if outside || (w == "the" && (n.is_none() || joined || !unit_text.ends_with('s'))) {
            s = n_match.start();
            md_word = None;
        }
    }
    let md = md_word.as_deref().and_then(modifier);
    // "$2 million a year", "50,000 copies a week": a rate, each unit once.
    if matches!(lower_n.as_str(), "a" | "an") && md.is_none() && !unit_text.ends_with('s') {
        let before = ctx.text[..s].trim_end();
        let last_word = tail(before, 16).to_ascii_lowercase();
        let amount = before.ends_with(|c: char| c.is_ascii_digit() || c == '%')
            || [
                "million", "billion", "thousand", "hundred", "percent", "cents",
            ]
            .iter()
            .any(|w| last_word.ends_with(w));
        if amount {
            return vec![found(
                ctx,
                s,
                e,
                TimexType::Set,
                unit.duration(Some(1.0)),
                None,
                0.6,
            )];
        }
    }
    let mut value = match unit {
        Unit::Decade => n.map_or("PXDE".to_string(), |n| {
            format!("P{}Y", normalise::amount(n * 10.0))
        }),
        Unit::Century => n.map_or("PXCE".to_string(), |n| {
            format!("P{}Y", normalise::amount(n * 100.0))
        }),
        u => u.duration(n),
    };
    if unit == Unit::Weekend {
        value = n.map_or("PXWE".to_string(), |n| {
            format!("P{}D", normalise::amount(n * 2.0))
        });
    }
    // A duration ending now ("the past three years", "for eighteen years now") is also an
    // interval in EDTF.
    let after = &ctx.text[e..];
    let now_after = after
        .trim_start_matches([' ', '\t'])
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("now"));
    let past = matches!(
        md_word.as_deref(),
        Some("the past") | Some("the last") | Some("past") | Some("last")
    );
    let next = matches!(
        md_word.as_deref(),
        Some("the next") | Some("the coming") | Some("next")
    );
    let mut f = found(ctx, s, e, TimexType::Duration, value, md, 0.75);
    if let (Some(dct), Some(n)) = (ctx.dct, n) {
        let steps = n.round() as i32;
        let span = |sign: i32| match unit {
            Unit::Year => Some((dct.year() + sign * steps).to_string()),
            Unit::Decade => Some((dct.year() + sign * 10 * steps).to_string()),
            Unit::Century => Some((dct.year() + sign * 100 * steps).to_string()),
            Unit::Month => Some(
                normalise::shift_months(dct, sign * steps)
                    .format("%Y-%m")
                    .to_string(),
            ),
            Unit::Week => Some(day_value(shift_days(dct, i64::from(sign * 7 * steps)))),
            Unit::Day => Some(day_value(shift_days(dct, i64::from(sign * steps)))),
            _ => None,
        };
        if past || now_after {
            f.edtf = span(-1).map(|from| format!("{from}/{}", day_value(dct)));
        } else if next {
            f.edtf = span(1).map(|to| format!("{}/{to}", day_value(dct)));
        }
    }
    if let Some(adj) = c.name("adj") {
        e = adj.end();
        f.end = e;
    }
    vec![f]
}

fn duration_vague(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let Some(u) = c.name("u") else {
        return Vec::new();
    };
    let Some(unit) = Unit::parse(u.as_str()) else {
        return Vec::new();
    };
    let pre = text(c, "pre")
        .map(|p| p.to_ascii_lowercase())
        .unwrap_or_default();
    // "in recent years" is the past at large; "in recent weeks" a span of weeks back to now,
    // as TimeML values it.
    if pre == "in recent" && matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
        let start = c.name("pre").map_or(u.start(), |p| p.start() + 3);
        return vec![found(
            ctx,
            start,
            u.end(),
            TimexType::Date,
            "PAST_REF".into(),
            None,
            0.6,
        )];
    }
    let start = if pre == "in recent" {
        c.name("pre").map_or(u.start(), |p| p.start() + 3)
    } else if pre.starts_with("the") {
        c.name("pre").map_or(u.start(), |p| p.start())
    } else if let Some(i) = pre.find("the ") {
        c.name("pre").map_or(u.start(), |p| p.start() + i)
    } else {
        u.start()
    };
    let value = match unit {
        Unit::Decade => "PXDE".to_string(),
        Unit::Century => "PXCE".to_string(),
        u => u.duration(None),
    };
    vec![found(
        ctx,
        start,
        u.end(),
        TimexType::Duration,
        value,
        None,
        0.55,
    )]
}

fn set_every(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(u) = text(c, "u") else {
        return Vec::new();
    };
    let n = match text(c, "n") {
        Some(n) if n.eq_ignore_ascii_case("other") => Some(2.0),
        Some(n) => number(n),
        None => Some(1.0),
    };
    let lower = u.to_ascii_lowercase();
    let value = if let Some(wd) = weekday_number(u.trim_end_matches('s')) {
        format!("XXXX-WXX-{}", wd + 1)
    } else {
        match lower.trim_end_matches('s') {
            "morning" => "TMO".into(),
            "evening" => "TEV".into(),
            "night" => "TNI".into(),
            w => match Unit::parse(w) {
                Some(Unit::Decade) => format!("P{}Y", normalise::amount(n.unwrap_or(1.0) * 10.0)),
                Some(unit) => unit.duration(n),
                None => return Vec::new(),
            },
        }
    };
    vec![found(ctx, s, e, TimexType::Set, value, None, 0.8)]
}

fn set_adverb(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let value = match w.as_str() {
        "annually" | "yearly" => "P1Y",
        "monthly" => "P1M",
        "weekly" => "P1W",
        "daily" => "P1D",
        "hourly" => "PT1H",
        "nightly" => "TNI",
        "quarterly" => "P3M",
        "biweekly" => "P2W",
        _ => "P6M",
    };
    vec![found(ctx, s, e, TimexType::Set, value.into(), None, 0.7)]
}

fn clock(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let Some(mut h) = text(c, "h").and_then(|h| h.parse::<u32>().ok()) else {
        return Vec::new();
    };
    let mi = text(c, "mi")
        .and_then(|m| m.parse::<u32>().ok())
        .unwrap_or(0);
    if let Some(ap) = text(c, "ap") {
        let pm = ap.to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&h) {
            return Vec::new();
        }
        if pm && h < 12 {
            h += 12;
        }
        if !pm && h == 12 {
            h = 0;
        }
    }
    if h > 24 || mi > 59 {
        return Vec::new();
    }
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), day_value);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{h:02}:{mi:02}"),
        None,
        0.85,
    )]
}

fn noon(c: &Captures, ctx: &mut Ctx) -> Vec<Found> {
    let (s, e) = whole(c);
    let w = text(c, "w")
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let t = if w == "midnight" { "24:00" } else { "12:00" };
    let date = ctx.dct.map_or("XXXX-XX-XX".to_string(), day_value);
    vec![found(
        ctx,
        s,
        e,
        TimexType::Time,
        format!("{date}T{t}"),
        None,
        0.75,
    )]
}

/// Updates the anchor from a value that names a year (and month, day).
fn remember(anchor: &mut Anchor, value: &str) {
    let quarter = anchor.quarter;
    let date = value.split('T').next().unwrap_or(value);
    let mut parts = date.split('-');
    let Some(y) = parts
        .next()
        .and_then(|y| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten())
    else {
        return;
    };
    let second = parts.next();
    if let Some(q) = second
        .and_then(|q| q.strip_prefix('Q'))
        .and_then(|q| q.parse().ok())
    {
        *anchor = Anchor {
            year: Some(y),
            month: None,
            day: None,
            quarter: Some(q),
        };
        return;
    }
    let month = second
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m));
    let day = parts.next().and_then(|d| d.parse::<u32>().ok());
    // A day or month of the same year does not change the quarter a report is about ("net
    // rose in the third quarter … said Oct. 24 … from a year ago").
    let quarter = if month.is_some() && anchor.year == Some(y) {
        quarter
    } else {
        None
    };
    *anchor = Anchor {
        year: Some(y),
        month,
        day: month.and(day),
        quarter,
    };
}

/// Every temporal expression in `text`, in order of start.
pub fn find(text: &str, sentences: &[Sentence], dct: Option<NaiveDate>) -> Vec<Found> {
    let rules = &*RULES;
    let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new();
    // A match lies inside one sentence: each sentence is searched (with the text before it
    // as context for `\b`) by the rules the set says can match in it.
    for sentence in sentences {
        let Some(body) = text.get(sentence.start..sentence.end) else {
            continue;
        };
        let haystack = &text[..sentence.end];
        for i in RULE_SET.matches(body).iter() {
            let r = &rules[i];
            let mut at = sentence.start;
            while let Some(m) = r.regex.find_at(haystack, at) {
                at = m.end();
                hit(text, r, i, m, &mut hits);
                if at >= sentence.end {
                    break;
                }
            }
        }
    }
    hits.sort_by(|a, b| {
        (b.1 - b.3)
            .cmp(&(a.1 - a.3))
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    settle(text, sentences, dct, hits)
}

/// Records match `m` of rule `i` unless it ends inside a word.
fn hit(
    text: &str,
    r: &Rule,
    i: usize,
    m: regex::Match,
    hits: &mut Vec<(usize, usize, usize, usize)>,
) {
    // A match must end at a word boundary ("May" is not in "Mayor").
    let last = m.as_str().chars().next_back();
    let next = text[m.end()..].chars().next();
    if last.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) {
        return;
    }
    // A signal word ("in", "since") before the expression is matched but is not part of it:
    // it neither makes a match longer nor overlaps the expression before.
    let core = if r.signal {
        m.start() + signal_len(m.as_str())
    } else {
        m.start()
    };
    hits.push((m.start(), m.end(), i, core));
}

/// Settles overlaps longest first (an earlier rule wins a tie; `hits` comes sorted so), a
/// match counting only if its normaliser accepts it; then normalises the kept ones again in
/// text order, so that each can refer back to the dates before it.
fn settle(
    text: &str,
    sentences: &[Sentence],
    dct: Option<NaiveDate>,
    hits: Vec<(usize, usize, usize, usize)>,
) -> Vec<Found> {
    let rules = &*RULES;
    let mut kept: BTreeMap<usize, (usize, usize, Captures, Sentence)> = BTreeMap::new();
    for (start, end, i, core) in hits {
        let clash_before = kept
            .range(..end)
            .next_back()
            .is_some_and(|(_, &(e, _, _, _))| e > core);
        if clash_before {
            continue;
        }
        let Some(sentence) = sentence_of(sentences, core) else {
            continue;
        };
        if end > sentence.end || start < sentence.start {
            continue;
        }
        let r = &rules[i];
        let Some(caps) = captures(r, text, start, end) else {
            continue;
        };
        let mut ctx = Ctx {
            text,
            sentence,
            dct,
            // Whether the match is an expression at all does not depend on the dates before
            // it: any full anchor will do here.
            anchor: Anchor {
                year: Some(2000),
                month: Some(1),
                day: Some(1),
                quarter: Some(1),
            },
        };
        if (r.normalise)(&caps, &mut ctx).is_empty() {
            continue;
        }
        kept.insert(core, (end, i, caps, sentence));
    }
    let mut out: Vec<Found> = Vec::new();
    let mut anchor = Anchor::default();
    for (_, i, caps, sentence) in kept.values() {
        let (r, sentence) = (&rules[*i], *sentence);
        let mut ctx = Ctx {
            text,
            sentence,
            dct,
            anchor,
        };
        let found = (r.normalise)(caps, &mut ctx);
        anchor = ctx.anchor;
        for mut f in found {
            if f.rule.is_empty() {
                f.rule = r.name;
            }
            if let Some(t) = &f.timex
                && t.kind == TimexType::Date
                && !r.name.starts_with("date.quarter")
                && f.rule != COMPARISON
                && r.name != "date.year_end"
            {
                remember(&mut anchor, &t.value);
            }
            if f.start < f.end && f.end <= text.len() {
                out.push(f);
            }
        }
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    // A normaliser may widen its span over words before its match ("January" before a
    // spoken year): an expression inside another one is dropped.
    let mut reach = 0;
    out.retain(|f| {
        if f.end <= reach && f.timex.is_some() {
            return false;
        }
        if f.timex.is_some() {
            reach = reach.max(f.end);
        }
        true
    });
    let out = clock_days(text, sentences, dct, out);
    ranges(text, sentences, out)
}

/// The date part of a day's value ("1998-08-07"), if it names one day.
fn day_of(f: &Found) -> Option<&str> {
    let t = f.timex.as_ref()?;
    let v = t.value.as_str();
    let is_day = t.kind == TimexType::Date
        && v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    is_day.then_some(v)
}

/// A clock time takes the day named beside it rather than the document date: "3 p.m.
/// Tuesday" and "noon, March 3" are one expression (TimeML tags a time and the day right
/// after it together), and "Tuesday at 3 p.m.", "10:30 a.m. on June 12" or a day elsewhere
/// in the sentence gives the time its date.
fn clock_days(
    text: &str,
    sentences: &[Sentence],
    dct: Option<NaiveDate>,
    found: Vec<Found>,
) -> Vec<Found> {
    let is_clock = |f: &Found| matches!(f.rule, "time.clock" | "time.clock24" | "time.noon");
    if !found.iter().any(is_clock) {
        return found;
    }
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut i = 0;
    while i < found.len() {
        let f = &found[i];
        let time_part = f
            .timex
            .as_ref()
            .and_then(|t| t.value.split_once('T'))
            .map(|(_, t)| t.to_string());
        let (true, Some(time_part)) = (is_clock(f), time_part) else {
            out.push(found[i].clone());
            i += 1;
            continue;
        };
        let sentence = sentence_of(sentences, f.start);
        let in_sentence =
            |g: &Found| sentence.is_some_and(|s| s.start <= g.start && g.end <= s.end);
        let gap_after = found
            .get(i + 1)
            .filter(|g| g.start >= f.end)
            .and_then(|g| text.get(f.end..g.start))
            .map(|t| t.trim_matches([' ', '\t', ',']))
            .filter(|t| t.len() <= 16)
            .map(str::to_ascii_lowercase);
        let next_day = found.get(i + 1).filter(|g| in_sentence(g)).and_then(day_of);
        if let (Some(day), Some("")) = (next_day, gap_after.as_deref()) {
            let value = format!("{day}T{time_part}");
            let g = &found[i + 1];
            out.push(Found {
                start: f.start,
                end: g.end,
                edtf: edtf(&value, None, dct),
                timex: Some(Timex {
                    kind: TimexType::Time,
                    value,
                    modifier: None,
                }),
                score: f.score.max(g.score),
                rule: "time.clock_day",
            });
            i += 2;
            continue;
        }
        // The nearest day in the sentence, on either side.
        let before = found[..i]
            .iter()
            .rev()
            .take_while(|g| sentence.is_some_and(|s| g.start >= s.start))
            .find(|g| in_sentence(g) && day_of(g).is_some());
        let after = found[i + 1..]
            .iter()
            .take_while(|g| sentence.is_some_and(|s| g.end <= s.end))
            .find(|g| day_of(g).is_some());
        let nearest = match (before, after) {
            (Some(b), Some(a)) => Some(if f.start - b.end <= a.start - f.end {
                b
            } else {
                a
            }),
            (b, a) => b.or(a),
        };
        let mut f = f.clone();
        if let Some(day) = nearest.and_then(day_of) {
            let value = format!("{day}T{time_part}");
            f.edtf = edtf(&value, None, dct);
            if let Some(t) = f.timex.as_mut() {
                t.value = value;
            }
        }
        out.push(f);
        i += 1;
    }
    out
}

/// The length of the signal word and the white space after it at the start of `matched`
/// (0 when it does not open with one): the same test the `sig` groups make, since an
/// optional group that can match does.
fn signal_len(matched: &str) -> usize {
    let word_end = matched
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(matched.len());
    let word = &matched[..word_end];
    let rest = &matched[word_end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces == 0 || word_end + spaces >= matched.len() {
        return 0;
    }
    let is_signal = SIGNAL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word));
    // "as of" is the one signal of two words.
    if word.eq_ignore_ascii_case("as") {
        let after = &rest[spaces..];
        if after.len() > 2 && after[..2].eq_ignore_ascii_case("of") {
            let more = &after[2..];
            let sp2 = more.len() - more.trim_start_matches([' ', '\t']).len();
            return word_end + spaces + 2 + sp2;
        }
        return 0;
    }
    if is_signal { word_end + spaces } else { 0 }
}

/// The sentence that holds byte `at`.
fn sentence_of(sentences: &[Sentence], at: usize) -> Option<Sentence> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at).copied()
}

/// The captures of rule `r` for its match at `start..end`.
fn captures<'t>(r: &Rule, text: &'t str, start: usize, end: usize) -> Option<Captures<'t>> {
    let caps = r.regex.captures_at(text, start)?;
    (caps.get(0).map(|m| (m.start(), m.end())) == Some((start, end))).then_some(caps)
}

/// Joins expressions into ranges and open ranges: candidates with an EDTF interval and no
/// TIMEX3 of their own (the ends keep theirs, as TimeML tags them).
fn ranges(text: &str, sentences: &[Sentence], found: Vec<Found>) -> Vec<Found> {
    let points: Vec<usize> = (0..found.len())
        .filter(|&i| {
            found[i]
                .timex
                .as_ref()
                .is_some_and(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
                && found[i].edtf.is_some()
        })
        .collect();
    let mut extra = Vec::new();
    let mut used_as_end = vec![false; found.len()];
    let same_sentence = |a: usize, b: usize| sentence_of(sentences, a).is_some_and(|s| b <= s.end);
    for w in 0..points.len() {
        let a = &found[points[w]];
        let Some(a_edtf) = a.edtf.as_deref() else {
            continue;
        };
        let before = text[..a.start].trim_end_matches([' ', '\t']);
        let prefix_word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let prefix_start = before.len() - prefix_word.len();
        // A closed range with the next expression.
        if let Some(&bi) = points.get(w + 1) {
            let b = &found[bi];
            let between = text
                .get(a.end..b.start)
                .filter(|t| t.len() < 16)
                .unwrap_or("?")
                .trim()
                .to_ascii_lowercase();
            let joiner_to = matches!(
                between.as_str(),
                "to" | "through" | "until" | "till" | "-" | "–" | "—" | "and"
            );
            let closed = match prefix_word.as_str() {
                "from" => joiner_to && between != "and",
                "between" => between == "and",
                _ => matches!(between.as_str(), "-" | "–" | "—" | "to" | "through"),
            };
            if closed
                && same_sentence(a.start, b.end)
                && !used_as_end[points[w]]
                && let Some(b_edtf) = b.edtf.as_deref()
            {
                let from = a_edtf.split('/').next().unwrap_or(a_edtf);
                let to = b_edtf.rsplit('/').next().unwrap_or(b_edtf);
                let start = if matches!(prefix_word.as_str(), "from" | "between") {
                    prefix_start
                } else {
                    a.start
                };
                let rule = match prefix_word.as_str() {
                    "from" => "range.from_to",
                    "between" => "range.between",
                    _ => "range.dash",
                };
                if !from.contains("..") && !to.contains("..") {
                    extra.push(Found {
                        start,
                        end: b.end,
                        timex: None,
                        edtf: Some(format!("{from}/{to}")),
                        score: a.score.min(b.score),
                        rule,
                    });
                    used_as_end[bi] = true;
                    continue;
                }
            }
        }
        if used_as_end[points[w]] || a_edtf.contains('/') || a_edtf.contains('{') {
            continue;
        }
        let (edtf, rule) = match prefix_word.as_str() {
            "since" | "from" | "after" => (format!("{a_edtf}/.."), "range.since"),
            "until" | "till" | "by" | "before" | "through" => {
                (format!("../{a_edtf}"), "range.until")
            }
            _ => continue,
        };
        let prefix_word_start = before.len() - prefix_word.len();
        extra.push(Found {
            start: prefix_word_start,
            end: a.end,
            timex: None,
            edtf: Some(edtf),
            score: a.score * 0.9,
            rule,
        });
    }
    let mut all = found;
    all.extend(extra);
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::sentences;

    fn values_at(text: &str, dct: Option<NaiveDate>) -> Vec<(String, String)> {
        let s = sentences(text);
        find(text, &s, dct)
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    f.timex
                        .map(|t| t.value)
                        .unwrap_or_else(|| format!("edtf {}", f.edtf.unwrap_or_default())),
                )
            })
            .collect()
    }

    fn values(text: &str) -> Vec<(String, String)> {
        values_at(text, NaiveDate::from_ymd_opt(2011, 7, 20))
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_deadline_month_looks_ahead_and_a_half_of_the_year_is_the_year_named() {
        // Document date 2011-07-20: a month already past is next year's after "by" or
        // "until", this year's with a past verb before it.
        assert_eq!(
            values("The lease runs until February. The plant should reopen by March."),
            pairs(&[
                ("until February", "edtf ../2012-02"),
                ("February", "2012-02"),
                ("by March", "edtf ../2012-03"),
                ("March", "2012-03"),
            ])
        );
        assert_eq!(
            values("The council gave the builder until May to finish."),
            pairs(&[("until May", "edtf ../2011-05"), ("May", "2011-05")])
        );
        assert_eq!(
            values(
                "Prices fell in the second half of the year and rose in the third quarter of last year."
            ),
            pairs(&[
                ("the second half", "2011-H2"),
                ("the year", "2011"),
                ("the third quarter", "2010-Q3"),
                ("last year", "2010"),
            ])
        );
        // Without "of the year" the tense decides: a half not begun yet is last year's.
        assert_eq!(
            values("Prices fell in the second half."),
            pairs(&[("the second half", "2010-H2")])
        );
        assert_eq!(
            values("Wages rose in the 1990s and in the late eighties."),
            pairs(&[("the 1990s", "199"), ("the late eighties", "198")])
        );
    }

    #[test]
    fn the_year_before_ended_is_a_duration_and_now_comma_opening_a_sentence_is_not_a_time() {
        assert_eq!(
            values("Net income for the year ended June 30 rose. For the year, sales fell."),
            pairs(&[
                ("the year", "P1Y"),
                ("June 30", "2011-06-30"),
                ("the year", "2011"),
            ])
        );
        assert_eq!(
            values("It was cut. Now, he says, it works now."),
            pairs(&[("now", "PRESENT_REF")])
        );
        assert_eq!(
            values("Ready for the year two thousand."),
            pairs(&[("the year two thousand", "2000")])
        );
        assert_eq!(values("The year before, it fell."), pairs(&[]));
    }

    #[test]
    fn year_end_the_full_year_and_the_future_after_a_preposition() {
        assert_eq!(
            values("Shipping has grown since year-end. The yard closes at year-end."),
            pairs(&[
                ("since year-end", "edtf 2010/.."),
                ("year-end", "2010"),
                ("year-end", "2011")
            ])
        );
        assert_eq!(
            values("Mills paid a year-end dividend. The deal closed around year end 2009."),
            pairs(&[("around year end 2009", "2009")])
        );
        assert_eq!(
            values("Sales for the full year rose, as in the first six months of the year."),
            pairs(&[
                ("the full year", "2011"),
                ("the first six months", "P6M"),
                ("the year", "2011")
            ])
        );
        assert_eq!(
            values("Net for the fiscal year ended May 31 fell; the fiscal year will be weak."),
            pairs(&[
                ("the fiscal year", "P1Y"),
                ("May 31", "2011-05-31"),
                ("the fiscal year", "2011")
            ])
        );
        assert_eq!(
            values("Rents rose later in the year. The year was hard."),
            pairs(&[("later in the year", "2011")])
        );
        assert_eq!(
            values("They fear the future of the mine; the future looks dim, but into the future."),
            pairs(&[("the future", "FUTURE_REF")])
        );
        assert_eq!(
            values("The union was planning to march on Friday."),
            pairs(&[("Friday", "2011-07-22")])
        );
    }

    #[test]
    fn an_adjectival_quarter_leaves_the_out_and_late_yesterday_is_one_expression() {
        assert_eq!(
            values("The third-quarter loss widened, and the fiscal second-quarter sales rose."),
            pairs(&[
                ("third-quarter", "2011-Q3"),
                ("fiscal second-quarter", "2011-Q2")
            ])
        );
        assert_eq!(
            values("The talks ended late yesterday."),
            pairs(&[("late yesterday", "2011-07-19")])
        );
    }

    #[test]
    fn a_month_with_this_or_last_year_after_it_and_a_second_as_an_ordinal() {
        assert_eq!(
            values("The dam was sealed in June last year and opens in March next year."),
            pairs(&[
                ("June last year", "2010-06"),
                ("March next year", "2012-03")
            ])
        );
        assert_eq!(
            values("A second team arrived. It lasted a second or two."),
            pairs(&[("a second", "PT1S")])
        );
    }

    #[test]
    fn counts_later_are_durations_and_recent_weeks_a_span() {
        assert_eq!(
            values("The ship sank in 1912. Three days later, the inquiry opened."),
            pairs(&[("1912", "1912"), ("Three days", "P3D")])
        );
        assert_eq!(
            values("Prices have climbed in recent weeks and fell in recent years."),
            pairs(&[("recent weeks", "PXW"), ("recent years", "PAST_REF")])
        );
    }

    #[test]
    fn a_clock_time_takes_the_day_beside_it() {
        assert_eq!(
            values("Talks opened at noon Monday. Bids closed Tuesday at 4:15 p.m. sharp."),
            pairs(&[
                ("noon Monday", "2011-07-18T12:00"),
                ("Tuesday", "2011-07-19"),
                ("4:15 p.m.", "2011-07-19T16:15"),
            ])
        );
        // With no day in the sentence, the document's.
        assert_eq!(
            values("The vote was at 9 a.m."),
            pairs(&[("9 a.m.", "2011-07-20T09:00")])
        );
    }

    #[test]
    fn a_second_comparison_is_not_two_years_back() {
        assert_eq!(
            values(
                "Sales fell in the third quarter from a year earlier. Costs rose from a year earlier."
            ),
            pairs(&[
                ("the third quarter", "2011-Q3"),
                ("a year earlier", "2010-Q3"),
                ("a year earlier", "2010-Q3"),
            ])
        );
    }

    #[test]
    fn holidays_spoken_years_and_spans_of_counts() {
        assert_eq!(
            values("Shops shut on Christmas Eve 2008 and on Easter 2011; nineteen sixty-eight."),
            pairs(&[
                ("Christmas Eve 2008", "2008-12-24"),
                ("Easter 2011", "2011-04-24"),
                ("nineteen sixty-eight", "1968"),
            ])
        );
        assert_eq!(
            holiday_date("Easter", 2000),
            NaiveDate::from_ymd_opt(2000, 4, 23)
        );
        assert_eq!(
            holiday_date("Thanksgiving", 1999),
            NaiveDate::from_ymd_opt(1999, 11, 25)
        );
        assert_eq!(
            holiday_date("Memorial Day", 2011),
            NaiveDate::from_ymd_opt(2011, 5, 30)
        );
        assert_eq!(
            holiday_date("Election Day", 1998),
            NaiveDate::from_ymd_opt(1998, 11, 3)
        );
        assert_eq!(
            values(
                "It took about six weeks, the two years after were calm, and three-quarters of it went."
            ),
            pairs(&[("six weeks", "P6W"), ("the two years", "P2Y")])
        );
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            values("Signed on Monday, July 4, 2008 and on 5 August 2009; see 2010-01-31."),
            pairs(&[
                ("Monday, July 4, 2008", "2008-07-04"),
                ("5 August 2009", "2009-08-05"),
                ("2010-01-31", "2010-01-31"),
            ])
        );
    }

    #[test]
    fn months_may_and_march_as_verbs_are_not_dates() {
        assert_eq!(
            values("Troops may march on the capital. May I ask?"),
            pairs(&[])
        );
        assert_eq!(values("The Mayor spoke."), pairs(&[]));
    }

    #[test]
    fn counts_that_look_like_years_are_not_years() {
        assert_eq!(
            values("They deployed 1500 troops and paid $2000."),
            pairs(&[])
        );
        assert_eq!(
            values("It grew in 1998 and 2,005 people came."),
            pairs(&[("1998", "1998")])
        );
    }
}
