//! The matching engine: runs the rules over each sentence, settles overlapping matches
//! leftmost-longest, normalises the kept ones in text order (keeping the anchor that "the same
//! year" refers to), gives clock times the day beside them and joins expressions into ranges.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regex::Captures;

use super::table::{RULE_SET, RULES, Rule};
use super::{Anchor, COMPARISON, Ctx, tail};
use crate::extract::time::Found;
use crate::extract::time::lexicon::SIGNAL_WORDS;
use crate::extract::time::normalise::edtf;
use crate::extract::{Sentence, Timex, TimexType};

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

/// A match of one rule, before overlaps are settled.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// Byte offsets of the match in the text, with a signal word before the expression.
    start: usize,
    end: usize,
    /// The rule's index in [`RULES`]: a lower one wins a tie.
    rule: usize,
    /// Where the expression starts, after the signal word if there is one.
    core: usize,
}

/// A match kept after overlaps are settled, to be normalised in text order.
struct Kept<'t> {
    end: usize,
    rule: &'static Rule,
    caps: Captures<'t>,
    sentence: Sentence,
    /// The values, when they do not depend on the anchor.
    found: Option<Vec<Found>>,
}

/// A normalised expression, and whether its rule finds clock times (for [`clock_days`]).
struct Normalised {
    found: Found,
    clock: bool,
}

/// Every temporal expression in `text`, in order of start.
pub fn find(text: &str, sentences: &[Sentence], dct: Option<NaiveDate>) -> Vec<Found> {
    let rules = &*RULES;
    let mut hits: Vec<Hit> = Vec::new();
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
        (b.end - b.core)
            .cmp(&(a.end - a.core))
            .then(a.rule.cmp(&b.rule))
            .then(a.start.cmp(&b.start))
    });
    settle(text, sentences, dct, hits)
}

/// Records match `m` of rule `i` unless it ends inside a word.
fn hit(text: &str, r: &Rule, i: usize, m: regex::Match, hits: &mut Vec<Hit>) {
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
    hits.push(Hit {
        start: m.start(),
        end: m.end(),
        rule: i,
        core,
    });
}

/// Settles overlaps longest first (an earlier rule wins a tie; `hits` comes sorted so), a
/// match counting only if its normaliser accepts it; then normalises the kept ones again in
/// text order, so that each can refer back to the dates before it.
fn settle(
    text: &str,
    sentences: &[Sentence],
    dct: Option<NaiveDate>,
    hits: Vec<Hit>,
) -> Vec<Found> {
    let rules: &'static [Rule] = &RULES;
    let mut kept: BTreeMap<usize, Kept> = BTreeMap::new();
    for Hit {
        start,
        end,
        rule: i,
        core,
    } in hits
    {
        let clash_before = kept
            .range(..end)
            .next_back()
            .is_some_and(|(_, k)| k.end > core);
        if clash_before {
            continue;
        }
        let Some(sentence) = sentence_of(sentences, core) else {
            continue;
        };
        if end > sentence.end || start < sentence.start {
            continue;
        }
        let Some(r) = rules.get(i) else {
            continue;
        };
        if in_a_name(text, core, end) {
            continue;
        }
        let Some(caps) = captures(r, text, start, end) else {
            continue;
        };
        // Whether the match is an expression at all does not depend on the dates before
        // it: any full anchor will do here.
        let full = Anchor {
            year: Some(2000),
            month: Some(1),
            day: Some(1),
            quarter: Some(1),
        };
        let mut ctx = Ctx::new(text, sentence, dct, full);
        let found = (r.normalise)(&caps, &mut ctx);
        if found.is_empty() {
            continue;
        }
        // Values that did not read the anchor are final; the others are found again in text
        // order.
        let found = (!ctx.anchor_used()).then_some(found);
        kept.insert(
            core,
            Kept {
                end,
                rule: r,
                caps,
                sentence,
                found,
            },
        );
    }
    let mut out: Vec<Normalised> = Vec::new();
    let mut anchor = Anchor::default();
    for Kept {
        rule: r,
        caps,
        sentence,
        found,
        ..
    } in kept.into_values()
    {
        let found = match found {
            Some(found) => found,
            None => {
                let mut ctx = Ctx::new(text, sentence, dct, anchor);
                let found = (r.normalise)(&caps, &mut ctx);
                anchor = ctx.into_anchor();
                found
            }
        };
        for mut f in found {
            if f.rule.is_empty() {
                f.rule = r.name;
            }
            if let Some(t) = &f.timex
                && t.kind == TimexType::Date
                && r.anchors
                && f.rule != COMPARISON
            {
                remember(&mut anchor, &t.value);
            }
            if f.start < f.end && f.end <= text.len() {
                out.push(Normalised {
                    found: f,
                    clock: r.clock,
                });
            }
        }
    }
    out.sort_by_key(|n| (n.found.start, std::cmp::Reverse(n.found.end)));
    // A normaliser may widen its span over words before its match ("January" before a
    // spoken year): an expression inside another one is dropped.
    let mut reach = 0;
    out.retain(|Normalised { found: f, .. }| {
        if f.end <= reach && f.timex.is_some() {
            return false;
        }
        if f.timex.is_some() {
            reach = reach.max(f.end);
        }
        true
    });
    let mut out = clock_days(text, sentences, dct, out);
    if dct.is_none() {
        same_days(&mut out);
    }
    ranges(text, sentences, out)
}

/// Words of time that a name or title writes with a capital ("60 Minutes", "High Noon",
/// "VOA Today", "This Week With David Brinkley"). "Day" and "Year" are left out: holidays
/// ("Election Day", "New Year's Eve") are times.
const CAPITALISED_IN_NAMES: &[&str] = &[
    "Minute",
    "Minutes",
    "Hour",
    "Hours",
    "Week",
    "Weeks",
    "Weekend",
    "Month",
    "Months",
    "Decade",
    "Decades",
    "Century",
    "Today",
    "Tonight",
    "Tomorrow",
    "Yesterday",
    "Noon",
    "Midnight",
    "Morning",
    "Afternoon",
    "Evening",
    "Night",
];

/// Whether the match `start..end` is part of a proper name: a word of time in it is written
/// with a capital right after another word or a number ("60 Minutes", "High Noon", "VOA
/// Today"). TimeML does not mark expressions of time inside names. A capital that opens a
/// sentence or a quotation ("Today, ...", "``Today is ...") is no sign of one.
fn in_a_name(text: &str, start: usize, end: usize) -> bool {
    let Some(span) = text.get(start..end) else {
        return false;
    };
    let bytes = span.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_uppercase() {
            i += 1;
            continue;
        }
        let at = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let glued = at > 0 && bytes[at - 1].is_ascii_alphabetic();
        if glued || !CAPITALISED_IN_NAMES.contains(&&span[at..i]) {
            continue;
        }
        let before = text[..start + at].trim_end_matches([' ', '\t']);
        if before.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            return true;
        }
    }
    false
}

/// In an undated text, a day without a year ("XXXX-08-17") that the text names elsewhere
/// with one ("2007-08-17", the same day in a sentence that gives the year) is that day: a
/// headline's "9-17 August" is the body's "from 9 until 17 August" of "Peace Mission 2007".
/// Only when every dated mention of that month and day has the same year.
fn same_days(found: &mut [Found]) {
    let mut years: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for f in found.iter() {
        let Some(v) = day_of(f) else { continue };
        let (year, month_day) = v.split_at(4);
        years
            .entry(month_day)
            .and_modify(|y| {
                if *y != Some(year) {
                    *y = None;
                }
            })
            .or_insert(Some(year));
    }
    let years: BTreeMap<String, String> = years
        .into_iter()
        .filter_map(|(md, y)| Some((md.to_string(), y?.to_string())))
        .collect();
    if years.is_empty() {
        return;
    }
    for f in found.iter_mut() {
        let Some(t) = f.timex.as_mut() else {
            // A range of such days ("4-9 May"): its ends.
            if let Some(e) = f.edtf.as_mut().filter(|e| e.contains("XXXX-")) {
                for (month_day, year) in &years {
                    *e = e.replace(&format!("XXXX{month_day}"), &format!("{year}{month_day}"));
                }
            }
            continue;
        };
        if t.kind != TimexType::Date || t.value.len() != 10 {
            continue;
        }
        let Some(month_day) = t.value.strip_prefix("XXXX") else {
            continue;
        };
        if let Some(year) = years.get(month_day) {
            t.value = format!("{year}{month_day}");
            f.edtf = edtf(&t.value, t.modifier.as_deref(), None);
        }
    }
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
    normalised: Vec<Normalised>,
) -> Vec<Found> {
    let (found, clock): (Vec<Found>, Vec<bool>) =
        normalised.into_iter().map(|n| (n.found, n.clock)).unzip();
    if !clock.contains(&true) {
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
        let (Some(true), Some(time_part)) = (clock.get(i).copied(), time_part) else {
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
        // "June 28, 2012 15:47", "02-05-2009 14:45": a day right before the time, a space or
        // a comma between, is one expression with it.
        let day_before = out
            .last()
            .filter(|g| in_sentence(g) && g.end <= f.start)
            .filter(|g| {
                text.get(g.end..f.start)
                    .is_some_and(|t| t.len() <= 3 && t.trim_matches([' ', '\t', ',']).is_empty())
            })
            .and_then(|g| day_of(g).map(|d| (d.to_string(), g.start, g.score)));
        if let Some((day, start, score)) = day_before {
            out.pop();
            let value = format!("{day}T{time_part}");
            out.push(Found {
                start,
                end: f.end,
                edtf: edtf(&value, None, dct),
                timex: Some(Timex {
                    kind: TimexType::Time,
                    value,
                    modifier: None,
                }),
                score: f.score.max(score),
                rule: "time.clock_day",
            });
            i += 1;
            continue;
        }
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
            // A rule that found both ends together ("9-17 August") made the range already.
            let made = closed
                && found
                    .iter()
                    .any(|f| f.timex.is_none() && f.start <= a.start && f.end >= b.end);
            if made {
                used_as_end[bi] = true;
                continue;
            }
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
        // "up 20 percent from last year", "fell from 2009 levels": a comparison, no range.
        if prefix_word == "from" && comparison_before(&before[..prefix_start]) {
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

/// Whether the words before a "from" compare a figure with another time ("up 20 percent
/// from", "fell from", "compared from"), which makes "from X" the point compared with, not
/// the start of an open range.
fn comparison_before(before: &str) -> bool {
    let words: Vec<String> = tail(before, 48)
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '%' | '.' | ',')))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.iter().rev().take(3).any(|w| {
        let w = w.trim_end_matches([',', '.']);
        w.ends_with('%')
            || (!w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',')))
            || matches!(
                w,
                "up" | "down"
                    | "rose"
                    | "risen"
                    | "rise"
                    | "fell"
                    | "fallen"
                    | "increase"
                    | "increased"
                    | "decrease"
                    | "decreased"
                    | "drop"
                    | "dropped"
                    | "gained"
                    | "climbed"
                    | "declined"
                    | "jumped"
                    | "slipped"
                    | "grew"
                    | "compared"
                    | "percent"
                    | "higher"
                    | "lower"
                    | "unchanged"
                    | "changed"
                    | "than"
            )
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::time::rules::testing::{pairs, values};

    #[test]
    fn a_word_of_time_capitalised_inside_a_name_is_no_time() {
        assert_eq!(
            values("He said on CBS's ''60 Minutes'' and in the film \"High Noon\" on VOA Today."),
            Vec::<(String, String)>::new()
        );
        assert_eq!(
            values("Baker said on \"This Week With David Brinkley\" that talks resume tomorrow."),
            pairs(&[("tomorrow", "2011-07-21")])
        );
        // A capital that opens a sentence or a quotation is no name.
        assert_eq!(
            values("Today, he left. ``Tonight we rest,'' he said. Thanksgiving Day is near."),
            pairs(&[
                ("Today", "2011-07-20"),
                ("Tonight", "2011-07-20TNI"),
                ("Thanksgiving Day", "2011-11-24")
            ])
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
    fn a_bare_clock_time_is_a_time_where_a_time_stamp_stands() {
        assert_eq!(
            values("09:15\nTroops arrive in Osh"),
            pairs(&[("09:15", "2011-07-20T09:15")])
        );
        assert_eq!(
            values("Published: March 3, 2011 08:40\nUpdated: 11:05, March 4, 2011"),
            pairs(&[
                ("March 3, 2011 08:40", "2011-03-03T08:40"),
                ("11:05, March 4, 2011", "2011-03-04T11:05"),
            ])
        );
        assert_eq!(
            values("The talks resumed at 16:30."),
            pairs(&[("16:30", "2011-07-20T16:30")])
        );
        // Scores, verses and offsets are no times.
        assert_eq!(
            values("They won 3:12 in Almaty, see John 3:16, UTC+05:00."),
            pairs(&[])
        );
    }
}
