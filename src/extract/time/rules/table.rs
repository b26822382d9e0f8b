//! The rule table: each rule's name (reported as a candidate's `rule`), its pattern (a
//! template whose `{…}` fragments are built from the word lists in `lexicon`) and its
//! normaliser, in priority order; and the set of every pattern that picks the rules to run
//! over a sentence.

use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::Ctx;
use super::clock::{clock, clock_bare, clock_part_of_day, noon};
use super::dates::{
    day_month_range, glued_day, holiday, month_alone, month_day, month_day_list, month_day_year,
    month_year, numeric_date, part_of_month, year_range,
};
use super::durations::{duration, duration_bare, duration_compound, duration_vague};
use super::periods::{
    latest_period, quarter, quarter_relative, year_earlier, year_end, year_period,
};
use super::relative::{
    ago, deictic, part_of_day, present_end, reference, relative_unit, that_day, the_weekend,
    the_year, weekday,
};
use super::sets::{set_adverb, set_annual, set_every};
use super::years::{century, decade, season, spoken_year, year_alone};
use crate::extract::time::Found;
use crate::extract::time::lexicon::{
    MODS, NUMBER_WORDS, SIGNALS, UNITS, VAGUE, month_pattern, weekday_pattern,
};

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
    /// Whether a date it finds becomes the anchor that later expressions refer back to ("the
    /// same year", "a year earlier"). Not a quarter's (the quarter is kept beside the year
    /// by the engine) nor a year-end's (a deadline is not what the text is about).
    pub anchors: bool,
    /// Whether it finds clock times, which take the day named beside them.
    pub clock: bool,
}

impl Rule {
    /// The rule's dates do not become the anchor.
    fn keeps_anchor(self) -> Rule {
        Rule {
            anchors: false,
            ..self
        }
    }

    /// The rule finds clock times.
    fn clock_time(self) -> Rule {
        Rule {
            clock: true,
            ..self
        }
    }
}

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
        .replace("{ordday}", r"(?i-u:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty-first)")
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
        anchors: true,
        clock: false,
    }
}

/// Every rule's pattern in one set: one pass over a sentence says which rules can match in
/// it, so that a sentence is searched only by those (most sentences by none), instead of
/// every rule scanning the whole text.
pub(super) static RULE_SET: LazyLock<RegexSet> = LazyLock::new(|| {
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
            "date.day_month_year_glued",
            r"[A-Z][a-z]{2,}(?P<d>{day}){sp}(?P<m>{month}),?{sp}(?P<y>{year})",
            glued_day,
        ),
        rule(
            "date.iso",
            r"(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])",
            month_day_year,
        ),
        rule(
            "date.numeric",
            r"(?P<a>[0-3]?[0-9])(?P<s1>[/-])(?P<b>[0-3]?[0-9])(?P<s2>[/-])(?P<y>{year}|[0-9]{2})",
            numeric_date,
        ),
        rule(
            "date.year_range",
            r"(?P<y1>{year})-(?P<y2>{year}|[0-9]{2})",
            year_range,
        ),
        rule(
            "date.day_month_range",
            r"(?:(?P<pre>(?i-u:from|between)){sp})?(?P<d1>{day})(?:[ ]*[-–][ ]*|{sp}(?P<j>(?i-u:to|until|till|through|and)){sp})(?P<d2>{day}){sp}(?:(?i-u:of){sp})?(?P<m>{month})(?:,?{sp}(?P<y>{year}))?",
            day_month_range,
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
            r"(?:(?:(?i-u:this coming|this past|this|next|last|coming){sp})?(?P<wd>{weekday}),?{sp}|(?P<rel>(?i-u:this coming|this past|this|next|last)){sp})?(?P<m>{month}){sp}(?:(?P<d>{day})|(?P<dw>{ordday}))(?:{sp}(?P<ry>(?i-u:this|last|next)){sp}(?i-u:year)(?-u:\b))?",
            month_day,
        ),
        rule(
            "date.day_month",
            r"(?:(?i-u:the){sp})?(?P<d>{day}){sp}(?:(?i-u:of){sp})?(?P<m>{month})(?:{sp}(?P<ry>(?i-u:this|last|next)){sp}(?i-u:year)(?-u:\b))?",
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
            r"(?:(?P<the>(?i-u:the)){sp})?(?:(?P<mod>(?i-u:early|late|mid|the end of the|the beginning of the|the middle of the|end of the|beginning of the|(?:the )?(?:first|second|last|latter) half of the))[ -]*)?(?:(?P<dec>(?:1[0-9]|20)[0-9]0)'?s|['’](?P<d2>[0-9]0)s|(?P<w>(?i-u:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))",
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
            r"(?:(?P<pre>(?i-u:the|this|last|next|this year's|last year's|next year's|the fiscal|fiscal)){sp})?(?:(?P<py>{year}){sp}|(?P<ago>(?i-u:year-ago|year-earlier|comparable year-ago|comparable year-earlier)){sp})?(?P<ord>(?i-u:first|second|third|fourth|final|1st|2nd|3rd|4th|last))[ -](?:(?P<two>(?i-u:two))[ -])?(?:(?i-u:fiscal)[ -])?(?P<u>(?i-u:quarters|quarter|half))(?:{sp}(?i-u:of){sp}(?:(?:(?i-u:fiscal|the fiscal year){sp})?(?P<y>{year})|(?P<that>(?i-u:that year|the same year))))?",
            quarter,
        ).keeps_anchor(),
        rule(
            "date.quarter_relative",
            r"(?P<pre>(?i-u:the|this|last|next|latest|previous|current|same|the latest|the previous|the same|the current|the year-earlier|the year-ago|year-earlier|year-ago|the past|the last|the next|the coming|the recent|the most recent|the just-ended|the fiscal|that)){sp}(?i-u:quarter)",
            quarter_relative,
        ).keeps_anchor(),
        rule(
            "date.relative_unit",
            r"(?:(?P<mod>(?i-u:early|late|mid|earlier|later|the end of|the beginning of|the middle of|the start of|the rest of|the remainder of|end of|beginning of|the first half of|the second half of))[ -]+)?(?P<rel>(?i-u:last|this|next|past|coming|previous|current|the same|that|the following|the previous|the next|the past|the last|the coming|the current|the preceding|this past|the prior|prior|the new|the whole|the entire|all))[ -]+(?P<u>(?i-u:week|weekend|month|year|decade|century|fiscal year|school year|calendar year))",
            relative_unit,
        ),
        rule(
            "date.year_earlier",
            r"(?:(?i-u:the){sp})?(?i-u:year-earlier|year-ago)(?:{sp}(?:(?i-u:period)|(?P<nm>(?i-u:nine|six|three)){sp}(?i-u:months)))?|(?i-u:the){sp}(?i-u:same|corresponding|comparable){sp}(?i-u:period|quarter){sp}(?:(?i-u:of|in){sp})?(?i-u:last{sp}year|a{sp}year{sp}(?:ago|earlier))(?-u:\b)|(?i-u:last{sp}year's){sp}(?i-u:quarter|period)|(?i-u:the){sp}(?i-u:quarter|period){sp}(?i-u:a{sp}year{sp}(?:ago|earlier))",
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
        ).keeps_anchor(),
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
            r"(?:(?P<md>(?i-u:early|late|earlier|later)){sp}|(?i-u:mid)[- ]?(?P<mpod>(?i-u:morning|afternoon|evening)){sp})?(?P<w>(?i-u:the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight))(?:{sp}(?P<pod>(?i-u:morning|afternoon|evening|night)))?",
            deictic,
        ),
        rule(
            "time.part_of_day",
            r"(?P<rel>(?i-u:this|last|early this|late this|late last|early|late|mid))(?:{sp}|(?P<hy>-))(?P<pod>(?i-u:morning|afternoon|evening|night))",
            part_of_day,
        ),
        rule(
            "date.weekday",
            r"(?:(?P<rel>(?i-u:last|this|next|coming|past|early|late|this past|this coming|the previous|the preceding|the following)){sp})?(?P<wd>{weekday})(?:(?P<pl>s)(?-u:\b)|{sp}(?P<pod>(?i-u:morning|afternoon|evening|night))(?P<pls>s)?(?-u:\b))?",
            weekday,
        ),
        rule(
            "date.that_day",
            r"(?:(?P<mod>(?i-u:earlier|later|early|late)){sp})?(?:(?P<rel>(?i-u:that|that same|the same|the following|the previous|the preceding|the prior)){sp}(?i-u:day)|(?P<rel2>(?i-u:the next|the following)){sp}(?i-u:morning|afternoon|evening))(?-u:\b)",
            that_day,
        ),
        rule(
            "date.reference",
            r"(?P<w>(?i-u:now|currently|more recently|most recently|until recently|recently|current|at present|nowadays|presently|the present|right now|these days|the present day|at the moment|formerly|in the past|the past|in recent years|recent years|in recent months|recent months|recent weeks|recent days|coming weeks|coming months|coming quarters|coming days|the weeks ahead|the months ahead|the days ahead|the future|the near future|the foreseeable future|the distant future|the years ahead|the coming years|coming years|the near term|the short term|the long term|future years|future months|future quarters|future weeks|future decades|past years|past decades))",
            reference,
        ),
        rule(
            "date.the_year",
            r"(?i-u:the{sp}(?P<full>(?:full|fiscal){sp})?year)(?-u:\b)",
            the_year,
        ),
        rule(
            "duration.count",
            r"(?:(?P<mod>{mods})[ ]+)?(?P<n>{num}|{vague})[ -]+(?:(?P<more>(?i-u:more|additional|extra|further|trading|business|working))[ ]+)?(?P<u>{units})(?P<half>[ ](?i-u:and a half)(?-u:\b))?(?P<adj>-(?i-u:long|old))?",
            duration,
        ),
        rule(
            "duration.vague",
            r"(?P<pre>(?i-u:for|for many|for several|in recent|over the past|over the last|in the past|in the last|during the past|the past|the last|the next|the coming|in coming|for the past|for the last))[ ]+(?P<u>(?i-u:years|months|weeks|days|decades|hours|minutes|centuries))",
            duration_vague,
        ),
        rule(
            "duration.bare",
            r"(?P<u>(?i-u:years|months|decades|weeks))[ ]+(?i-u:of|after|later)(?-u:\b)",
            duration_bare,
        ),
        rule(
            "set.annual",
            r"(?P<w>(?i-u:annual|biennial))",
            set_annual,
        ),
        rule(
            "date.present_end",
            r"(?P<w>[Pp]resent|PRESENT)",
            present_end,
        ),
        rule(
            "duration.compound",
            r"(?P<u>(?i-u:hour|day|week|month|year|decade|hours|days|weeks|months|years|decades|centuries))-(?i-u:long)",
            duration_compound,
        ),
        rule(
            "set.every",
            r"(?P<q>(?i-u:every|each|per|once a|twice a|once an|(?:three|four|five|several|[0-9]+) times a|once every|twice every))[ ]+(?:(?P<n>{num}|other)[ ]+)?(?P<u>(?i-u:years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?|mornings?|evenings?|nights?|weekends?|{weekday}s?)|{month})",
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
        ).clock_time(),
        rule(
            "time.clock24",
            r"(?P<h>[0-2]?[0-9]):(?P<mi>[0-5][0-9])(?:{sp}(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|(?i-u:hours|local time)))",
            clock,
        ).clock_time(),
        rule(
            "time.clock_bare",
            r"(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?",
            clock_bare,
        ).clock_time(),
        rule(
            "time.clock_part_of_day",
            r"(?P<h>1[0-2]|0?[1-9]|(?i-u:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))(?:[:.](?P<mi>[0-5][0-9]))?(?:{sp}(?i-u:o'clock))?{sp}(?i-u:in{sp}the){sp}(?P<pod>(?i-u:morning|afternoon|evening))",
            clock_part_of_day,
        )
        .clock_time(),
        rule("time.noon", r"(?P<w>(?i-u:noon|midnight|midday))", noon).clock_time(),
    ]
});
