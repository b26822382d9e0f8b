//! The dating step ([`date`]): the sentence's time nearest the value or the cue, the "as of
//! publication" time, times of the text's present, ranges that run up to now, and states that
//! hold from a time on ("became president last year").

use super::sentence::{Cued, Grounds, Reading};
use super::value::Choice;
use super::words::{distance, reach_before, same_clause};
use crate::extract::{Candidate, Sentence};
use crate::model::ValueType;

/// The "as of publication" time of a document published on `published` (EDTF): `2011~` for a
/// date within one year, the set itself for a set, `[a..b]` for an interval.
pub fn as_of_publication(published: &str) -> Option<String> {
    let when = crate::time::When::parse(published).ok()?;
    let text = when.as_str();
    if text.starts_with('[') {
        Some(text.to_string())
    } else if let Some((a, b)) = text.split_once('/') {
        Some(format!("[{a}..{b}]"))
    } else {
        text.get(..4).map(|y| format!("{y}~"))
    }
}

/// The "as of" of a text without a publication date, where the text itself pins when it was
/// written: a sentence that announces an event ahead ("will", "shall") on given days ("from 9
/// until 17 August" of an exercise the text names "Peace Mission 2007") was written before
/// those days, and the text states no later year; its states hold as of that year,
/// approximate (`2007~`). A text that only reports the past (an encyclopedia's history) is
/// written at some time after its latest year, which says nothing of when: no "as of" (its
/// states stay undated, as the annotation guideline has them). A year alone ("will remain
/// until 2042") is a horizon, not an occasion: only days announce.
pub fn as_of_announced(text: &str, candidates: &[Candidate]) -> Option<String> {
    let times = || {
        candidates
            .iter()
            .filter(|c| c.kind == crate::extract::Kind::Time)
            .filter_map(|c| c.edtf.as_deref().map(|e| (c, e)))
    };
    let latest = times()
        .flat_map(|(_, e)| e.split('/').filter_map(year))
        .max()?;
    times()
        .filter(|(_, e)| e.split('/').all(is_day))
        .filter(|(_, e)| e.split('/').filter_map(year).max() == Some(latest))
        .any(|(c, _)| {
            text.get(c.sentence.start..c.sentence.end)
                .is_some_and(announces)
        })
        .then(|| format!("{latest}~"))
}

/// The year of an EDTF date (`2007` of `2007-08-17`); `None` for an open or unknown one.
fn year(date: &str) -> Option<u32> {
    date.get(..4)?.parse().ok()
}

/// Whether an EDTF date names one day (`2007-08-17`).
pub(super) fn is_day(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Whether a sentence speaks of what is to come: "will", "shall" as words.
fn announces(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "will" | "shall" | "Will" | "Shall"))
}

/// How far (in bytes) after a figure a date may stand and still date it.
pub(super) const NEAR: usize = 60;

/// Whether a time is the text's own present ("currently", "now", "today") or its recent past
/// ("recently", "in recent years"): a claim so dated holds as of the publication, the way
/// curated claims date it, not on the publication's first day.
pub(super) fn of_publication(t: &Candidate) -> bool {
    match t.timex.as_ref().map(|x| x.value.as_str()) {
        Some("PRESENT_REF") => true,
        Some("PAST_REF") => {
            let word = t.text.to_ascii_lowercase();
            word.contains("recent") || word.contains("lately")
        }
        _ => false,
    }
}

/// A range that runs up to the present `now` stands right before ("eighteen years now",
/// `1992/2010-01-01` then "now" on 2010-01-01): its span, and the range left open (`1992/..`).
pub(super) fn lasting(
    text: &str,
    times: &[&Candidate],
    now: &Candidate,
) -> Option<((usize, usize), String)> {
    let today = now.edtf.as_deref()?;
    let before = times.iter().find(|c| {
        c.end <= now.start
            && text
                .get(c.end..now.start)
                .is_some_and(|g| g.trim().is_empty())
    })?;
    let from = before
        .edtf
        .as_deref()?
        .strip_suffix(today)?
        .strip_suffix('/')?;
    (!from.is_empty()).then(|| ((before.start, before.end), format!("{from}/..")))
}

/// Verbs of becoming: a state the cue names holds from the time on ("X became president last
/// year": `2016/..`).
pub(super) const BECOMING: &[&str] = &["became", "become", "becomes", "becoming"];

/// Whether a verb of [`BECOMING`] stands among the few words before the cue, in its clause and
/// with no comma between ("became president", "has become a key partner").
pub(super) fn inchoative(text: &str, s: &Sentence, breaks: &[usize], cue: (usize, usize)) -> bool {
    let clause_start = breaks
        .iter()
        .copied()
        .filter(|&b| b < cue.0)
        .max()
        .map_or(s.start, |b| b + 1);
    let from = reach_before(text, cue.0, clause_start);
    let Some(head) = text.get(from..cue.0) else {
        return false;
    };
    let head = head.rsplit(',').next().unwrap_or(head);
    head.split_whitespace()
        .rev()
        .take(4)
        .any(|w| BECOMING.iter().any(|b| b.eq_ignore_ascii_case(w)))
}

/// An open range from a date on (`2016` → `2016/..`); a range or a set stays as it is.
pub(super) fn from_then_on(edtf: &str) -> String {
    if edtf.contains(['/', '[', '{']) || edtf.starts_with("..") {
        edtf.to_string()
    } else {
        format!("{edtf}/..")
    }
}

/// Whether a time ending at `end` ends a verb phrase that "and" or "but" coordinates with the
/// one that holds the cue at `cue` (at most three words after the conjunction, none a name of
/// a list: "formed in 1992 and now consists of").
fn ends_a_coordinate(text: &str, end: usize, cue: usize) -> bool {
    let Some(gap) = text.get(end..cue).filter(|_| end <= cue) else {
        return false;
    };
    let mut words = gap.split_whitespace();
    matches!(words.next(), Some("and" | "but"))
        && gap.split_whitespace().count() <= 4
        && words.all(|w| w.chars().all(|c| c.is_lowercase()))
}

/// Whether the time at `start` is what something is meant for ("a cooperation plan for 2021",
/// "the budget for 2018"): the date of that thing, not of a title or relation in its clause.
fn meant_for(text: &str, start: usize) -> bool {
    text.get(..start)
        .and_then(|head| head.split_whitespace().next_back())
        .is_some_and(|w| w.eq_ignore_ascii_case("for"))
}

/// The time of a suggestion: the sentence's temporal expression nearest the figure (for a
/// quantity) or the cue, in the same clause first, else the publication "as of". A figure's
/// date stands before it or within [`NEAR`] bytes after; a relation's or a description's
/// stands in the cue's own clause. A time of the text's present dates it as of the publication
/// (or, right after a range, as that range left open); a verb of becoming opens a range from
/// the time on. A time found adds 0.15 to the score (0.1 from another clause) and its span to
/// the parts. Returns the EDTF time and how it was read (`time`, `as_of`); `None` for an event
/// the sentence does not date.
pub(super) fn date(
    r: &Reading,
    c: &Cued,
    choice: &Choice,
    grounds: &mut Grounds,
) -> Option<(Option<String>, &'static str)> {
    let (p, at, breaks) = (c.predicate, c.at, &r.breaks);
    let anchor = choice.at.filter(|_| p.value_type == ValueType::Quantity);
    let anchor = anchor.unwrap_or(at);
    let mut dated: Vec<&Candidate> = r.times.clone();
    dated.sort_by_key(|c| {
        (
            !same_clause(breaks, (c.start, c.end), anchor),
            distance((c.start, c.end), anchor),
            c.start,
        )
    });
    // A measurement's date comes before its figure ("In 1989, ... made up 39.7%") or right
    // after it; a date further on dates a later clause ("... 30 million) ... since he became
    // president last year").
    if p.value_type == ValueType::Quantity {
        dated.retain(|c| c.end <= anchor.0 || distance((c.start, c.end), anchor) <= NEAR);
    }
    // A relation or a description holds as of the text unless its own clause dates it: "the
    // main threats remain terrorism (two bombings in May 2011)".
    // A date that ends the first of two coordinated verb phrases dates that one: "was formed
    // in 1992 and consists of Russia, …" says nothing of when it consists of them.
    if matches!(p.value_type, ValueType::Text | ValueType::Entity) {
        dated.retain(|c| {
            same_clause(breaks, (c.start, c.end), at)
                && !ends_a_coordinate(r.text, c.end, at.0)
                && !meant_for(r.text, c.start)
        });
    }
    let dated = match dated.first() {
        Some(t) => {
            grounds.parts.push((t.start, t.end));
            grounds.score += 0.15;
            if !same_clause(breaks, (t.start, t.end), anchor) {
                grounds.score -= 0.05;
            }
            match r.as_of.filter(|_| of_publication(t)) {
                // "For eighteen years now": the span up to now goes on.
                Some(_) if let Some(span) = lasting(r.text, &r.times, t) => {
                    grounds.parts.push(span.0);
                    (Some(span.1), "time")
                }
                Some(a) => (Some(a.to_string()), "as_of"),
                None if matches!(p.value_type, ValueType::Text | ValueType::Entity)
                    && inchoative(r.text, r.s, breaks, at) =>
                {
                    (t.edtf.as_deref().map(from_then_on), "time")
                }
                None => (t.edtf.clone(), "time"),
            }
        }
        None if p.value_type == ValueType::None => return None,
        None => (r.as_of.map(str::to_string), "as_of"),
    };
    Some(dated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::suggest::fixture::*;
    use crate::model::Value;

    #[test]
    fn present_and_recent_times_date_as_of_publication() {
        let got = claims(
            "Kazakhstan is currently Russias key partner.",
            Some("2015-03-10"),
        );
        let s = one(&got, "partner_of");
        assert_eq!(
            (s.subject.as_str(), &s.value, s.when.as_deref()),
            (
                "kazakhstan",
                &Value::Entity {
                    entity: "russia".into()
                },
                Some("2015~")
            )
        );
        let got = claims(
            "Recently, Kazakhstan's minister Ivan Petrov spoke.",
            Some("2015-03-10"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2015~"));
    }

    #[test]
    fn becoming_opens_a_range_and_years_now_last() {
        let got = claims(
            "Ivan Petrov became president of Kazakhstan last year.",
            Some("2015-03-10"),
        );
        let s = one(&got, "holds_office");
        assert_eq!(
            (s.subject.as_str(), s.when.as_deref()),
            ("ivan-petrov", Some("2014/.."))
        );
        // Without a verb of becoming the year is the claim's time as it stands.
        let got = claims(
            "Ivan Petrov was president of Kazakhstan last year.",
            Some("2015-03-10"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2014"));
        let got = claims(
            "For ten years now, Kazakhstan works with the OSCE.",
            Some("2015"),
        );
        assert_eq!(one(&got, "works_with").when.as_deref(), Some("2005/.."));
    }

    #[test]
    fn a_time_in_another_clause_does_not_date_a_relation() {
        let got = claims(
            "Kazakhstan works with the OSCE (it joined in 1992).",
            Some("2011"),
        );
        let found = suggestions(&got, "works_with");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].when.as_deref(), Some("2011~"));
        let got = claims(
            "In 1992 Kazakhstan works with the OSCE; that changed.",
            Some("2011"),
        );
        assert_eq!(
            suggestions(&got, "works_with")[0].when.as_deref(),
            Some("1992")
        );
    }

    #[test]
    fn a_date_of_the_first_of_two_coordinated_verbs_does_not_date_the_second() {
        let got = claims(
            "The OSCE was formed in 1992 and consists of Russia and Kazakhstan.",
            Some("2012-06-28"),
        );
        let found = suggestions(&got, "member_of");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found.iter().all(|s| s.when.as_deref() == Some("2012~")),
            "{found:#?}"
        );
        // A date before the subject of the cue's own verb still dates it.
        let got = claims(
            "In 1992 Kazakhstan and Russia works with the OSCE.",
            Some("2011"),
        );
        assert_eq!(
            suggestions(&got, "works_with")[0].when.as_deref(),
            Some("1992")
        );
    }

    #[test]
    fn a_year_something_is_meant_for_does_not_date_a_title() {
        let got = claims(
            "Kazakh Minister Ivan Petrov also signed a cooperation plan for 2021.",
            Some("2021-03-26"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2021~"));
        let got = claims(
            "In 2020, Kazakh Minister Ivan Petrov signed a cooperation plan.",
            Some("2021-03-26"),
        );
        assert_eq!(one(&got, "holds_office").when.as_deref(), Some("2020"));
    }

    #[test]
    fn as_of_publication_forms() {
        assert_eq!(as_of_publication("2011-07-20").as_deref(), Some("2011~"));
        assert_eq!(as_of_publication("[2013..]").as_deref(), Some("[2013..]"));
        assert_eq!(
            as_of_publication("2008-07/2009").as_deref(),
            Some("[2008-07..2009]")
        );
        assert_eq!(as_of_publication("nonsense"), None);
    }
}
