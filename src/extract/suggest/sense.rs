//! What a clause says of the fact its cue signals ([`sense`]): asserted; negated ("is not a
//! member", "denied", "refused"); not (yet) realised ("will hold", "plans to join", "agreed to
//! open", "if"); or, for a predicate that carries a state, the state reversed ("is suspending
//! its membership", "withdrew from", "the lease expired", "evicted"). A suggestion never says
//! the opposite of its sentence: a negated or unrealised fact is not suggested, and a reversed
//! state becomes the change the vocabulary declares for it (`membership_suspended`, `left`:
//! docs/states.md) or nothing.

use std::borrow::Cow;

use crate::model::{ChangeKind, Predicate};

/// What the clause says of a cue's fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sense {
    Asserted,
    /// A word denies it.
    Negated,
    /// A word makes it a plan, a wish, a condition or a future.
    Unrealised,
    /// A word ends, suspends or resumes the state the predicate carries.
    Reversed(ChangeKind),
}

/// Predicates that state an intention, a plan or a judgement: modality is what they say, so it
/// does not make them unrealised.
const INTENTIONS: [&str; 6] = [
    "aim",
    "policy",
    "procurement_interest",
    "joint_exercises_scheduled",
    "main_security_threat",
    "lease_terms",
];

/// Predicates that carry a state without declared changes: a word that ends the state leaves
/// nothing to suggest.
const PRESENCES: [&str; 6] = [
    "military_presence_at",
    "in_effect",
    "leases",
    "designated_base_for",
    "alliance_member",
    "participates_in",
];

/// Whether `w` denies what follows it in the clause.
fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "never"
            | "neither"
            | "nor"
            | "denied"
            | "denies"
            | "deny"
            | "refused"
            | "refuses"
            | "refuse"
            | "rejected"
            | "rejects"
            | "non"
            | "abandoned"
            | "abandons"
            | "abandon"
            | "renounced"
            | "renounces"
    )
}

/// Whether `w` makes a fact a plan, a wish, a condition or a future.
fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "shall"
            | "might"
            | "could"
            | "plans"
            | "planned"
            | "planning"
            | "intends"
            | "intend"
            | "intended"
            | "intention"
            | "expects"
            | "scheduled"
            | "proposed"
            | "proposes"
            | "propose"
            | "upcoming"
            | "if"
            | "unless"
            | "whether"
            | "hopes"
            | "hope"
            | "seeks"
            | "seeking"
            | "wants"
            | "prepare"
            | "prepares"
            | "preparing"
            | "considering"
            | "envisions"
            | "envisages"
            | "envisaged"
            | "envisioned"
    )
}

/// The change `w` makes to a state, if it names one.
pub(super) fn change_word(w: &str) -> Option<ChangeKind> {
    match w {
        "suspend" | "suspends" | "suspended" | "suspending" | "suspension" | "froze"
        | "freezes" | "frozen" | "freezing" => Some(ChangeKind::Suspends),
        "withdraw" | "withdraws" | "withdrew" | "withdrawn" | "withdrawing" | "withdrawal"
        | "quit" | "quits" | "leave" | "leaves" | "leaving" | "exit" | "exited" | "expire"
        | "expired" | "expires" | "expiry" | "evict" | "evicted" | "eviction" | "closed"
        | "closure" | "closing" | "terminate" | "terminated" | "termination" | "revoked"
        | "cancelled" | "canceled" | "ended" | "expelled" => Some(ChangeKind::Ends),
        "restored" | "restore" | "resumed" | "resume" | "reinstated" => Some(ChangeKind::Resumes),
        _ => None,
    }
}

/// How far after the cue (in bytes) a word still speaks of it: "membership was suspended".
const AFTER: usize = 40;

/// The lower-case words of `text[from..to]` with their offsets; `n't` splits off as `not`.
/// A word already in lower case is borrowed, not copied: this runs for every cue.
fn words<'t>(text: &'t str, from: usize, to: usize) -> Vec<(usize, Cow<'t, str>)> {
    let Some(slice) = text.get(from..to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = None;
    let push = |out: &mut Vec<(usize, Cow<'t, str>)>, s: usize, e: usize| {
        let raw = &slice[s..e];
        let stem = raw.strip_suffix("n't").or_else(|| raw.strip_suffix("n’t"));
        let word = stem.unwrap_or(raw);
        let upper = if word.is_ascii() {
            word.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            word.chars().any(char::is_uppercase)
        };
        let word = if upper {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        out.push((from + s, word));
        if stem.is_some() {
            out.push((from + s, Cow::Borrowed("not")));
        }
    };
    let mut boundary =
        |i: usize, part: bool, out: &mut Vec<(usize, Cow<'t, str>)>| match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(out, s, i);
                start = None;
            }
            _ => {}
        };
    if slice.is_ascii() {
        for (i, b) in slice.bytes().enumerate() {
            boundary(i, b.is_ascii_alphanumeric() || b == b'\'', &mut out);
        }
    } else {
        for (i, c) in slice.char_indices() {
            boundary(i, c.is_alphanumeric() || c == '\'' || c == '’', &mut out);
        }
    }
    if let Some(s) = start {
        push(&mut out, s, slice.len());
    }
    out
}

/// Whether `p` carries a state: some predicate of `vocabulary` changes it, or it is a presence
/// or a force.
pub(super) fn is_state(p: &Predicate, vocabulary: &[Predicate]) -> bool {
    PRESENCES.contains(&p.id.as_str())
        || vocabulary
            .iter()
            .any(|q| q.state_change.as_ref().is_some_and(|s| s.state_of == p.id))
}

/// The change predicate of `vocabulary` that makes `change` to `p`'s state, if one is declared.
pub(super) fn change_of<'v>(
    p: &Predicate,
    change: ChangeKind,
    vocabulary: &'v [Predicate],
) -> Option<&'v Predicate> {
    vocabulary.iter().find(|q| {
        q.state_change
            .as_ref()
            .is_some_and(|s| s.state_of == p.id && s.change == change)
    })
}

/// What the clause `clause` (byte offsets in `text`) says of the fact `p` its cue at `cue`
/// signals. Negations and modal words count from the clause's start to the cue and a few words
/// after it ("is not a member", "will be held", "membership was suspended"); change words
/// anywhere in the clause, for predicates that carry a state.
pub(super) fn sense(
    text: &str,
    clause: (usize, usize),
    cue: (usize, usize),
    p: &Predicate,
    vocabulary: &[Predicate],
) -> Sense {
    let end = floor_boundary(text, cue.1.saturating_add(AFTER).min(clause.1));
    let near = words(text, clause.0, end.max(cue.1));
    if p.state_change.is_none() && is_state(p, vocabulary) {
        let all = words(text, clause.0, clause.1);
        if let Some(change) = all
            .iter()
            .find_map(|(at, w)| change_word(w).filter(|_| !left_as_a_place(text, *at)))
        {
            return Sense::Reversed(change);
        }
        // "left the CSTO", "has left": leaving, where "left" is a verb.
        if all.windows(2).any(|pair| {
            pair[0].1 == "left" && matches!(pair[1].1.as_ref(), "the" | "its" | "their")
                || matches!(pair[0].1.as_ref(), "has" | "have" | "had") && pair[1].1 == "left"
        }) {
            return Sense::Reversed(ChangeKind::Ends);
        }
    }
    // "more often than not" denies nothing.
    if near
        .iter()
        .enumerate()
        .any(|(i, (_, w))| is_negation(w) && !(i > 0 && w == "not" && near[i - 1].1 == "than"))
        || near.windows(2).any(|pair| {
            pair[0].1 == "no" && pair[1].1 == "longer"
                    // "was once a key support centre": a former state, no longer so.
                    || matches!(pair[0].1.as_ref(), "was" | "were") && pair[1].1 == "once"
        })
    {
        return Sense::Negated;
    }
    if INTENTIONS.contains(&p.id.as_str()) {
        return Sense::Asserted;
    }
    let modal = near.iter().any(|(at, w)| {
        is_modal(w)
            // "may" the verb, not May the month.
            || (w == "may" && text.get(*at..*at + 1) == Some("m"))
    }) || near.windows(3).any(|t| {
        // "is to hold", "agreed to open", "expected to sign", "plan to", "set to", "due to be".
        matches!(
            t[0].1.as_ref(),
            "is" | "are"
                | "was"
                | "were"
                | "agreed"
                | "agree"
                | "agrees"
                | "expected"
                | "plan"
                | "set"
                | "going"
                | "aims"
                | "aim"
                | "due"
                | "ready"
                | "decided"
                | "decide"
        ) && t[1].1 == "to"
            && t[2].1 != "the"
    }) || near
        .windows(2)
        // "invited … to become members": the state is a goal, not yet held.
        .any(|pair| pair[0].1 == "to" && pair[1].1 == "become")
        || infinitive(text, &near, cue.0);
    if modal {
        Sense::Unrealised
    } else {
        Sense::Asserted
    }
}

/// Whether the cue at `at` is a verb in the infinitive ("in order to open a base", "invited
/// them to join"), or the object of one in a headline's future ("CSTO to deploy peacekeeping
/// forces"): a purpose or a plan, not a fact, unless a verb of beginning or continuing carries
/// it ("began to deploy"). A "to" that takes a noun ("compared to 37.8%", "close to the
/// border") makes no infinitive.
fn infinitive(text: &str, words: &[(usize, Cow<'_, str>)], at: usize) -> bool {
    let i = words.partition_point(|(start, _)| *start < at);
    let lower = |k: usize| {
        text.get(words[k].0..)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase)
    };
    let capital = |k: usize| {
        text.get(words[k].0..)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    // The cue right after "to": a verb, written in lower case.
    if i >= 1 && i < words.len() && words[i - 1].1 == "to" && lower(i) {
        let before = if i >= 2 { words[i - 2].1.as_ref() } else { "" };
        let carried = matches!(
            before,
            "began"
                | "begun"
                | "begin"
                | "begins"
                | "started"
                | "start"
                | "starts"
                | "continued"
                | "continue"
                | "continues"
                | "managed"
                | "used"
                | "went"
                | "came"
        );
        let preposition = matches!(
            before,
            "compared"
                | "according"
                | "due"
                | "prior"
                | "thanks"
                | "owing"
                | "next"
                | "close"
                | "up"
                | "relative"
                | "equal"
                | "similar"
                | "addition"
                | "opposed"
                | "contrary"
                | "regard"
                | "respect"
                | "reference"
                | "as"
        );
        return !carried && !preposition;
    }
    // A headline's future: a name, "to", a verb, then the cue.
    i >= 3 && words[i - 2].1 == "to" && lower(i - 1) && capital(i - 3)
}

/// "closed" in "closed to the public" is still a change; but "exit" in "exit 5" or "leave" as a
/// noun cannot be told apart cheaply: only "left" as a direction is excluded, by the word
/// before it ("on the left", "to the left").
fn left_as_a_place(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    word.eq_ignore_ascii_case("the")
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChangeUnit, StateChange, ValueType};

    fn predicate(id: &str, change: Option<(&str, ChangeKind)>) -> Predicate {
        Predicate {
            id: id.into(),
            label: id.into(),
            value_type: ValueType::Entity,
            unit: None,
            functional: false,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: ChangeUnit::Relative,
            comparable_within_days: None,
            once: false,
            template: None,
            description: None,
            cues: Vec::new(),
            state_change: change.map(|(of, change)| StateChange {
                state_of: of.into(),
                change,
            }),
        }
    }

    fn vocabulary() -> Vec<Predicate> {
        vec![
            predicate("member_of", None),
            predicate(
                "membership_suspended",
                Some(("member_of", ChangeKind::Suspends)),
            ),
            predicate("left", Some(("member_of", ChangeKind::Ends))),
            predicate("exercise_held", None),
            predicate("aim", None),
            predicate("military_presence_at", None),
            predicate("policy", None),
            predicate("ratified", None),
        ]
    }

    /// The sense of the first occurrence of `cue` in `text`, read as one clause.
    fn read(text: &str, cue: &str, p: &str) -> Sense {
        let v = vocabulary();
        let p = v.iter().find(|x| x.id == p).unwrap();
        let at = text.find(cue).unwrap();
        sense(text, (0, text.len()), (at, at + cue.len()), p, &v)
    }

    #[test]
    fn a_cue_in_the_infinitive_is_a_plan_or_a_purpose_unless_it_began() {
        let v = vocabulary();
        let mut deploy = predicate("deployed_in", None);
        deploy.id = "deployed_in".into();
        let at = |text: &str, cue: &str| {
            let at = text.find(cue).unwrap();
            sense(text, (0, text.len()), (at, at + cue.len()), &deploy, &v)
        };
        // A headline's future, and a purpose.
        assert_eq!(
            at("CSTO to deploy peacekeeping forces to Kazakhstan", "deploy"),
            Sense::Unrealised
        );
        // The cue the verb's object.
        assert_eq!(
            at(
                "CSTO to deploy peacekeeping forces to Kazakhstan",
                "peacekeeping"
            ),
            Sense::Unrealised
        );
        assert_eq!(
            at(
                "Russia sent peacekeeping forces to Kazakhstan",
                "peacekeeping"
            ),
            Sense::Asserted
        );
        assert_eq!(
            at(
                "Moscow sent two battalions in order to deploy them near the border",
                "deploy"
            ),
            Sense::Unrealised
        );
        // Begun: it happened.
        assert_eq!(
            at(
                "Russia began to deploy forces to Kazakhstan on 6 January",
                "deploy"
            ),
            Sense::Asserted
        );
        assert_eq!(
            at(
                "Russia deployed forces to Kazakhstan on 6 January",
                "deployed"
            ),
            Sense::Asserted
        );
    }

    #[test]
    fn a_suspension_or_a_withdrawal_reverses_a_membership() {
        assert_eq!(
            read(
                "Uzbekistan has told the CSTO that it is suspending its membership",
                "membership",
                "member_of"
            ),
            Sense::Reversed(ChangeKind::Suspends)
        );
        assert_eq!(
            read(
                "Uzbekistan withdrew from the CSTO in 1999, a member since 1992",
                "member",
                "member_of"
            ),
            Sense::Reversed(ChangeKind::Ends)
        );
        assert_eq!(
            read(
                "Georgia has left the bloc, a member no more",
                "member",
                "member_of"
            ),
            Sense::Reversed(ChangeKind::Ends)
        );
        // A change predicate is itself the change: its own words do not reverse it.
        assert_eq!(
            read(
                "Uzbekistan suspended its membership",
                "suspended its membership",
                "membership_suspended"
            ),
            Sense::Asserted
        );
        // An event is not a state: "closed" does not reverse an exercise.
        assert_eq!(
            read(
                "The exercise was held at a closed range",
                "held",
                "exercise_held"
            ),
            Sense::Asserted
        );
        assert_eq!(
            read(
                "Kazakhstan is a member, as on the left of the map",
                "member",
                "member_of"
            ),
            Sense::Asserted
        );
    }

    #[test]
    fn a_denied_fact_is_negated() {
        assert_eq!(
            read(
                "Kazakhstan is not a member of the bloc",
                "member",
                "member_of"
            ),
            Sense::Negated
        );
        assert_eq!(
            read("Tashkent has never been a member", "member", "member_of"),
            Sense::Negated
        );
        assert_eq!(
            read("Bishkek isn't a member", "member", "member_of"),
            Sense::Negated
        );
        assert_eq!(
            read(
                "The ministry denied that an exercise was held",
                "held",
                "exercise_held"
            ),
            Sense::Negated
        );
        assert_eq!(
            read("NATO engages with non-member states", "member", "member_of"),
            Sense::Negated
        );
        assert_eq!(
            read("Kazakhstan is a member of the bloc", "member", "member_of"),
            Sense::Asserted
        );
    }

    #[test]
    fn a_plan_a_wish_or_a_future_is_unrealised_but_an_aim_is_what_it_says() {
        for (text, cue) in [
            ("The exercise will be held in October", "held"),
            ("Russia plans to hold the exercise in October", "exercise"),
            ("The sides agreed to hold an exercise", "exercise"),
            ("The exercise is to be held in October", "held"),
            ("If the exercise is held in October", "held"),
            ("The exercise may be held in October", "held"),
        ] {
            assert_eq!(
                read(text, cue, "exercise_held"),
                Sense::Unrealised,
                "{text}"
            );
        }
        assert_eq!(
            read("The exercise was held in May 2012", "held", "exercise_held"),
            Sense::Asserted
        );
        assert_eq!(
            read("The treaty will aim to reduce tension", "aim", "aim"),
            Sense::Asserted
        );
    }

    #[test]
    fn a_former_an_abandoned_or_an_envisaged_fact_is_not_asserted() {
        assert_eq!(
            read(
                "The base was once a key support center for U.S. operations.",
                "base",
                "military_presence_at"
            ),
            Sense::Negated
        );
        assert_eq!(
            read(
                "Kazakhstan has abandoned this policy of balancing.",
                "policy",
                "policy"
            ),
            Sense::Negated
        );
        assert_eq!(
            read(
                "The document envisions ratification of the military cooperation treaty.",
                "ratification",
                "ratified"
            ),
            Sense::Unrealised
        );
        // An idiom denies nothing.
        assert_eq!(
            read(
                "Cooperation takes place on two fronts, and more often than not the members \
                 overlap.",
                "members",
                "member_of"
            ),
            Sense::Asserted
        );
    }

    #[test]
    fn to_become_a_member_is_a_goal() {
        assert_eq!(
            read(
                "leaders of three countries arrived -- to become members of the North \
                 Atlantic Treaty Organization",
                "members",
                "member_of"
            ),
            Sense::Unrealised
        );
    }
}
