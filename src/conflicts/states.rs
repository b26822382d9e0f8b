//! States that begin, are suspended, resume and end: each claim of a state (`member_of`,
//! `holds_office`) against the periods its change events (`joined`, `membership_suspended`,
//! `membership_restored`, `left`, `took_office`, `left_office`) leave. docs/states.md is the
//! model; this is its rule, kind `state`.
//!
//! A predicate declares in the vocabulary that it changes the state another carries
//! ([`crate::model::StateChange`]). A change claim applies to the state claims of the same
//! subject, the same value (object or text, texts compared folded) and the same qualifiers.
//! After a beginning or a resumption the state holds; after a suspension or an end it does not,
//! until the next beginning or resumption. A change is certainly past on the day after the last
//! day of its span, so a change dated only to a year leaves that year uncertain.
//!
//! A claim of the state asserts that it held on some day of its time (a single date, a set, an
//! open range), or throughout an interval `a/b`: on every day from the last day of `a` to the
//! first day of `b`, the days every reading of the interval covers. Each claim is judged once:
//!
//! * **conflict**: even with the claim's possible span and every change read at the margins of
//!   its date, the state certainly does not hold where the claim needs it;
//! * **tension**: read plainly (natural spans) it does not, but a strained reading leaves room;
//!   or the claim lies wholly before the first recorded change, a beginning, and holds only if an
//!   earlier, unrecorded period of the state covered it;
//! * **consistent** (with `--all`): read plainly, the state may hold where the claim needs it.
//!
//! The change events of one (subject, state, value, qualifiers) are sorted once; the periods in
//! which the state certainly does not hold are built by one sweep, and each claim finds its
//! period by binary search: no pairs of claims are compared.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ranking::{Candidate, Standing, choose};
use super::times::{Span, Times, date_of, years_text};
use super::{
    Context, Estimate, Fact, Finding, Kind, Qualifiers, Side, Suggestion, Verdict, all_claims,
    make_id,
};
use crate::model::{ChangeKind, Predicate, Value};
use crate::text::fold;
use crate::time::{OPEN_END_DAY, OPEN_START_DAY};

/// The predicates this rule reads: every change predicate and the state it changes, sorted.
pub fn predicates(vocabulary: &HashMap<String, Predicate>) -> Vec<String> {
    let mut ids: Vec<String> = vocabulary
        .values()
        .filter_map(|p| {
            let change = p.state_change.as_ref()?;
            Some([p.id.clone(), change.state_of.clone()])
        })
        .flatten()
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The predicates a claim of `predicate` is judged with by this rule, itself included when it
/// has any: a state and all its changes, sorted.
pub fn related(vocabulary: &HashMap<String, Predicate>, predicate: &str) -> Vec<String> {
    let state = vocabulary
        .get(predicate)
        .and_then(|p| p.state_change.as_ref())
        .map_or(predicate, |c| c.state_of.as_str());
    let mut ids: Vec<String> = vocabulary
        .values()
        .filter(|p| p.state_change.as_ref().is_some_and(|c| c.state_of == state))
        .map(|p| p.id.clone())
        .collect();
    if !ids.is_empty() {
        ids.push(state.to_string());
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The value a change claim and its state claims share: an entity, a text (folded) or none.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum ValueKey {
    Entity(String),
    Text(String),
    None,
}

fn value_key(value: &Value) -> Option<ValueKey> {
    match value {
        Value::Entity { entity } => Some(ValueKey::Entity(entity.clone())),
        Value::Text { text } => Some(ValueKey::Text(fold(text))),
        Value::None => Some(ValueKey::None),
        Value::Quantity(_) => None,
    }
}

/// (state predicate, qualifiers, value): the claims and changes of one state of one subject.
type Key<'a> = (String, &'a Qualifiers, ValueKey);

/// Judges every claim of a state against the change events of the same subject, value and
/// qualifiers, appending findings. `groups` are the facts of one subject by (predicate,
/// qualifiers), as [`super::Engine::subject`] builds them.
pub fn subject<'a>(
    ctx: &Context,
    groups: &BTreeMap<(&'a str, &'a Qualifiers), Vec<&'a Fact>>,
    out: &mut Vec<Finding>,
) {
    let mut changes: BTreeMap<Key<'a>, Vec<(&'a Fact, ChangeKind)>> = BTreeMap::new();
    for ((predicate, qualifiers), facts) in groups {
        let Some(change) = ctx
            .predicates
            .get(*predicate)
            .and_then(|p| p.state_change.as_ref())
        else {
            continue;
        };
        for fact in facts {
            if let Some(value) = value_key(&fact.value) {
                changes
                    .entry((change.state_of.clone(), *qualifiers, value))
                    .or_default()
                    .push((fact, change.change));
            }
        }
    }
    if changes.is_empty() {
        return;
    }
    let named: BTreeSet<&str> = changes.keys().map(|k| k.0.as_str()).collect();
    let mut states: BTreeMap<Key<'a>, Vec<&'a Fact>> = BTreeMap::new();
    for ((predicate, qualifiers), facts) in groups {
        let is_state = named.contains(predicate)
            && ctx
                .predicates
                .get(*predicate)
                .is_some_and(|p| p.state_change.is_none());
        if !is_state {
            continue;
        }
        for fact in facts {
            let Some(value) = value_key(&fact.value) else {
                continue;
            };
            let key = (predicate.to_string(), *qualifiers, value);
            if changes.contains_key(&key) {
                states.entry(key).or_default().push(fact);
            }
        }
    }
    for (key, claims) in states {
        let Some(events) = changes.get(&key) else {
            continue;
        };
        let history = History::build(events);
        for side in state_sides(&claims) {
            judge(ctx, &key.0, key.1, &history, &side, out);
        }
    }
}

/// Claims (of a state, or of one change) that say the same thing at the same time: one side,
/// named by the first recorded.
#[derive(Debug)]
struct Party<'a> {
    /// First recorded first, then by id.
    facts: Vec<&'a Fact>,
    times: Times,
}

impl<'a> Party<'a> {
    fn new(mut facts: Vec<&'a Fact>) -> Party<'a> {
        facts.sort_by(|a, b| (&a.recorded_at, &a.id).cmp(&(&b.recorded_at, &b.id)));
        let times = Times::of(&facts[0].when);
        Party { facts, times }
    }

    fn first(&self) -> &'a Fact {
        self.facts[0]
    }

    fn ids(&self) -> Vec<String> {
        self.facts.iter().map(|f| f.id.clone()).collect()
    }

    fn sources(&self) -> Vec<&'a str> {
        let set: BTreeSet<&str> = self
            .facts
            .iter()
            .flat_map(|f| f.sources.iter().map(String::as_str))
            .collect();
        set.into_iter().collect()
    }

    /// What the claims state, with entity names: `Uzbekistan is a member of CSTO`.
    fn statement(&self, ctx: &Context) -> String {
        let f = self.first();
        crate::label::statement(
            &f.subject,
            &f.predicate,
            &f.value,
            &f.qualifiers,
            ctx.predicates.get(&f.predicate),
            ctx.names,
        )
    }

    /// `“Uzbekistan is a member of CSTO” (2013, claim uz-member)`.
    fn cite(&self, ctx: &Context) -> String {
        let ids = self.ids();
        let claims = if ids.len() == 1 {
            format!("claim {}", ids[0])
        } else {
            format!("claims {}", ids.join(", "))
        };
        format!(
            "“{}” ({}, {claims})",
            self.statement(ctx),
            self.first().when.human()
        )
    }

    fn side(&self, ctx: &Context) -> Side {
        let sources: Vec<String> = self.sources().into_iter().map(str::to_string).collect();
        Side {
            claims: self.ids(),
            figure: self.statement(ctx),
            when: self.first().when.human(),
            independent_sources: sources.len(),
            sources,
            citations: self.facts.iter().map(|f| f.citations).sum(),
        }
    }

    fn candidate(&self, ctx: &Context) -> Candidate {
        let sources = self.sources();
        Candidate::new(
            ctx.sources,
            Standing {
                claim: &self.first().id,
                sources: &sources,
                credibility: self.facts.iter().map(|f| f.credibility).min().unwrap_or(7),
                citations: self.facts.iter().map(|f| f.citations).sum(),
                imprecision: self.times.natural.length_days(),
                figure: format!("{}, {}", self.statement(ctx), self.first().when.human()),
                stated: true,
                weakest: false,
                evidence: super::ranking::Evidence::Unknown,
                evidence_words: String::new(),
                independent: sources.len(),
                staleness: 0,
                when: self.first().when.human(),
            },
        )
    }
}

/// The state claims of one key as sides: the same time, one side.
fn state_sides<'a>(claims: &[&'a Fact]) -> Vec<Party<'a>> {
    let mut by_time: BTreeMap<&str, Vec<&'a Fact>> = BTreeMap::new();
    for fact in claims {
        by_time.entry(fact.when.as_str()).or_default().push(fact);
    }
    by_time.into_values().map(Party::new).collect()
}

/// One change of the state: the claims of one change predicate at one time.
#[derive(Debug)]
struct Event<'a> {
    change: ChangeKind,
    party: Party<'a>,
}

impl Event<'_> {
    /// `the suspension`, `the beginning`.
    fn noun(&self) -> &'static str {
        match self.change {
            ChangeKind::Begins => "the beginning",
            ChangeKind::Suspends => "the suspension",
            ChangeKind::Resumes => "the resumption",
            ChangeKind::Ends => "the end",
        }
    }

    /// `the suspension “Uzbekistan's membership of CSTO suspended” (19 December 2012, claim
    /// uz-suspended)`.
    fn cite(&self, ctx: &Context) -> String {
        format!("{} {}", self.noun(), self.party.cite(ctx))
    }
}

/// Days on which the state certainly does not hold, and the change that says so: the latest
/// suspension or end certainly past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: i64,
    end: i64,
    /// Index into [`History::events`].
    cause: usize,
}

/// A reading of the change dates: plain (natural spans) or strained (possible spans).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Plain,
    Strained,
}

/// The changes of one state of one subject, sorted, and the periods they leave under each
/// reading.
#[derive(Debug)]
struct History<'a> {
    /// By the start of their natural span, then its end, then first claim.
    events: Vec<Event<'a>>,
    plain: Vec<Segment>,
    strained: Vec<Segment>,
    /// For each suspension or end under each reading: the beginning or resumption that may
    /// come first after it (the earliest possible), which ends its period.
    lifted_plain: Vec<Option<usize>>,
    lifted_strained: Vec<Option<usize>>,
}

impl<'a> History<'a> {
    fn build(changes: &[(&'a Fact, ChangeKind)]) -> History<'a> {
        // Duplicates (the same change predicate at the same time) are one event.
        let mut same: BTreeMap<(&str, &str), (ChangeKind, Vec<&'a Fact>)> = BTreeMap::new();
        for (fact, change) in changes {
            same.entry((fact.predicate.as_str(), fact.when.as_str()))
                .or_insert_with(|| (*change, Vec::new()))
                .1
                .push(fact);
        }
        let mut events: Vec<Event<'a>> = same
            .into_values()
            .map(|(change, facts)| Event {
                change,
                party: Party::new(facts),
            })
            .collect();
        events.sort_by(|a, b| {
            let (ta, tb) = (a.party.times.natural, b.party.times.natural);
            (ta.start, ta.end, &a.party.first().id).cmp(&(tb.start, tb.end, &b.party.first().id))
        });
        let (plain, lifted_plain) = periods(&events, Reading::Plain);
        let (strained, lifted_strained) = periods(&events, Reading::Strained);
        History {
            events,
            plain,
            strained,
            lifted_plain,
            lifted_strained,
        }
    }

    fn segments(&self, reading: Reading) -> &[Segment] {
        match reading {
            Reading::Plain => &self.plain,
            Reading::Strained => &self.strained,
        }
    }

    fn lifter(&self, reading: Reading, event: usize) -> Option<&Event<'a>> {
        let lifted = match reading {
            Reading::Plain => &self.lifted_plain,
            Reading::Strained => &self.lifted_strained,
        };
        lifted
            .get(event)
            .copied()
            .flatten()
            .and_then(|i| self.events.get(i))
    }

    /// The last event that starts (plainly) on or before `day`, else the first: the change
    /// nearest a claim, for a consistent reading.
    fn nearest(&self, day: i64) -> Option<&Event<'a>> {
        let after = self
            .events
            .partition_point(|e| e.party.times.natural.start <= day);
        self.events.get(after.saturating_sub(1))
    }
}

fn span_of(event: &Event, reading: Reading) -> Span {
    match reading {
        Reading::Plain => event.party.times.natural,
        Reading::Strained => event.party.times.possible,
    }
}

/// The days on which the state certainly does not hold under `reading`, as disjoint segments in
/// order, each with its cause; and for each event, the change that lifts it.
///
/// A suspension or end N makes the state not hold from the day after N's span until the day
/// before the earliest beginning or resumption P that may come after N (P's span reaches N's
/// start). A suspension whose span has no end gives no such day. One sweep over the periods
/// keeps, for each day, the latest cause.
fn periods(events: &[Event], reading: Reading) -> (Vec<Segment>, Vec<Option<usize>>) {
    // Beginnings and resumptions by the end of their span, with the earliest start among those
    // that end at or after each position.
    let mut lifters: Vec<(i64, i64, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.change.holds_after())
        .map(|(i, e)| {
            let s = span_of(e, reading);
            (s.end, s.start, i)
        })
        .collect();
    lifters.sort_unstable();
    let mut earliest: Vec<(i64, usize)> = vec![(OPEN_END_DAY, usize::MAX); lifters.len()];
    let mut best = (i64::MAX, usize::MAX);
    for (k, (_, start, i)) in lifters.iter().enumerate().rev() {
        if (*start, *i) < best {
            best = (*start, *i);
        }
        earliest[k] = best;
    }
    let mut lifted = vec![None; events.len()];
    // (first day, last day, cause, the cause's end for choosing the latest).
    let mut spans: Vec<(i64, i64, usize, i64)> = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if event.change.holds_after() {
            continue;
        }
        let s = span_of(event, reading);
        let k = lifters.partition_point(|l| l.0 < s.start);
        let lifter = earliest.get(k).copied();
        lifted[i] = lifter.map(|l| l.1);
        if s.end >= OPEN_END_DAY {
            continue;
        }
        let from = s.end.saturating_add(1);
        let to = lifter.map_or(OPEN_END_DAY, |l| l.0.saturating_sub(1));
        if from <= to {
            spans.push((from, to, i, s.end));
        }
    }
    // Sweep: open at `from`, close after `to`; between two boundaries the latest open cause.
    let mut points: Vec<(i64, bool, usize)> = Vec::with_capacity(spans.len() * 2);
    for (n, (from, to, _, _)) in spans.iter().enumerate() {
        points.push((*from, true, n));
        points.push((to.saturating_add(1), false, n));
    }
    points.sort_unstable();
    let mut open: BTreeSet<(i64, usize, usize)> = BTreeSet::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut k = 0;
    while k < points.len() {
        let day = points[k].0;
        while k < points.len() && points[k].0 == day {
            let (_, opens, n) = points[k];
            let (_, _, cause, end) = spans[n];
            if opens {
                open.insert((end, cause, n));
            } else {
                open.remove(&(end, cause, n));
            }
            k += 1;
        }
        let Some(&(_, cause, _)) = open.last() else {
            continue;
        };
        let last = points
            .get(k)
            .map_or(OPEN_END_DAY, |p| p.0.saturating_sub(1));
        match segments.last_mut() {
            Some(prev) if prev.cause == cause && prev.end.saturating_add(1) == day => {
                prev.end = last;
            }
            _ => segments.push(Segment {
                start: day,
                end: last,
                cause,
            }),
        }
    }
    (segments, lifted)
}

/// The first day of `span` on which the state may hold (in no segment), if any.
fn first_open_day(segments: &[Segment], span: Span) -> Option<i64> {
    let mut day = span.start;
    let mut i = segments.partition_point(|s| s.end < day);
    while day <= span.end {
        match segments.get(i) {
            Some(s) if s.start <= day => {
                day = s.end.saturating_add(1);
                i += 1;
            }
            _ => return Some(day),
        }
    }
    None
}

/// The segment that holds `day`.
fn segment_at(segments: &[Segment], day: i64) -> Option<&Segment> {
    let i = segments.partition_point(|s| s.end < day);
    segments.get(i).filter(|s| s.start <= day)
}

/// The first segment that meets `span`.
fn first_closed(segments: &[Segment], span: Span) -> Option<&Segment> {
    let i = segments.partition_point(|s| s.end < span.start);
    segments.get(i).filter(|s| s.start <= span.end)
}

/// Where a claim of the state needs it to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// On at least one day of the span.
    Some(Span),
    /// On every day of the span.
    Every(Span),
}

impl Need {
    fn span(self) -> Span {
        match self {
            Need::Some(s) | Need::Every(s) => s,
        }
    }

    /// The segment that denies the need, if the state cannot meet it.
    fn denied(self, segments: &[Segment]) -> Option<&Segment> {
        match self {
            Need::Some(span) => match first_open_day(segments, span) {
                Some(_) => None,
                None => segment_at(segments, span.start),
            },
            Need::Every(span) => first_closed(segments, span),
        }
    }

    /// The need in words: `on some day of January 2013` (the side's own time when the span is
    /// its natural one), `throughout 31 December 2006 – 1 January 2013`.
    fn words(self, side: &Party) -> String {
        match self {
            Need::Some(span) if span == side.times.natural && span == side.times.possible => {
                format!("on some day of {}", side.first().when.human())
            }
            Need::Some(span) if span.start == span.end => format!("on {}", day_text(span.start)),
            Need::Some(span) => format!("on some day of {}", years_text(span)),
            Need::Every(span) => {
                format!(
                    "throughout {} – {}",
                    day_text(span.start),
                    day_text(span.end)
                )
            }
        }
    }
}

/// What a claim of the state needs, plainly and at the least (docs/states.md): some day of its
/// natural span (possible span at the least) for a single date, a set or an open range; for a
/// closed interval `a/b`, every day from the last day of `a` to the first day of `b` (from the
/// last possible day of `a` to the first possible day of `b` at the least).
fn needs(party: &Party) -> (Need, Need) {
    let times = party.times;
    let text = party.first().when.as_str();
    let ends = (!text.starts_with(['[', '{']))
        .then(|| text.split_once('/'))
        .flatten()
        .filter(|(a, b)| !a.is_empty() && !b.is_empty() && *a != ".." && *b != "..")
        .and_then(|(a, b)| {
            let a = crate::time::When::parse(a).ok()?;
            let b = crate::time::When::parse(b).ok()?;
            Some((Times::of(&a), Times::of(&b)))
        });
    let some = (Need::Some(times.natural), Need::Some(times.possible));
    let Some((a, b)) = ends else {
        return some;
    };
    let plain = Span {
        start: a.natural.end,
        end: b.natural.start,
    };
    if plain.start > plain.end {
        return some;
    }
    let least = Span {
        start: a.possible.end,
        end: b.possible.start,
    };
    if least.start > least.end {
        (Need::Every(plain), Need::Some(times.possible))
    } else {
        (Need::Every(plain), Need::Every(least))
    }
}

/// A day in words: `19 December 2012`; an open end as `any time`.
fn day_text(day: i64) -> String {
    if day <= OPEN_START_DAY || day >= OPEN_END_DAY {
        return "any time".into();
    }
    date_of(day).map_or_else(|| "any time".into(), |d| d.format("%-d %B %Y").to_string())
}

/// The verdict on one side of state claims and the change it is judged against.
struct Outcome<'h, 'a> {
    verdict: Verdict,
    event: &'h Event<'a>,
    reading: String,
}

fn judge(
    ctx: &Context,
    predicate: &str,
    qualifiers: &Qualifiers,
    history: &History,
    side: &Party,
    out: &mut Vec<Finding>,
) {
    let Some(outcome) = outcome(ctx, history, side) else {
        return;
    };
    if outcome.verdict == Verdict::Consistent && !ctx.all {
        return;
    }
    let event = outcome.event;
    let rule = match event.change {
        ChangeKind::Begins => "a state does not hold before it begins",
        ChangeKind::Suspends => "a suspended state does not hold until it is resumed",
        ChangeKind::Resumes => "a resumed state holds again from its resumption",
        ChangeKind::Ends => "an ended state does not hold until it begins again",
    };
    let explanation = format!(
        "“{}” ({}; {}) against “{}” ({}; {}): {rule}",
        side.statement(ctx),
        side.first().when.human(),
        sources_text(&side.sources()),
        event.party.statement(ctx),
        event.party.first().when.human(),
        sources_text(&event.party.sources()),
    );
    let sides = vec![side.side(ctx), event.party.side(ctx)];
    let suggestion = (outcome.verdict != Verdict::Consistent).then(|| {
        let parties = [side, &event.party];
        let candidates: Vec<Candidate> = parties.iter().map(|p| p.candidate(ctx)).collect();
        let (best, reason) = choose(&candidates).unwrap_or((0, String::new()));
        let chosen = parties[best];
        Suggestion {
            low: None,
            best: Some(Estimate::Text(format!(
                "{} ({})",
                chosen.statement(ctx),
                chosen.first().when.human()
            ))),
            high: None,
            unit: None,
            best_claim: chosen.first().id.clone(),
            reason,
            for_time: None,
        }
    });
    out.push(Finding {
        id: make_id(
            Kind::State.as_str(),
            &[&side.first().id, &event.party.first().id],
        ),
        kind: Kind::State,
        verdict: outcome.verdict,
        subject: side.first().subject.clone(),
        predicate: predicate.to_string(),
        qualifiers: qualifiers.clone(),
        claims: all_claims(&sides),
        sides,
        explanation,
        reading: outcome.reading,
        suggestion,
        implied_annual_change: None,
        series_gap: None,
        series_gap_points: None,
        outlier: None,
        replaces: Vec::new(),
    });
}

/// `rousseau-2011` or `a, b and 3 more`.
fn sources_text(sources: &[&str]) -> String {
    match sources.len() {
        0 => "no source".into(),
        1..=3 => sources.join(", "),
        n => format!("{} and {} more", sources[..2].join(", "), n - 2),
    }
}

/// The clause that says what ends a period of not holding: `and no later beginning or
/// resumption is recorded`, or the next one.
fn lift_words(ctx: &Context, lifter: Option<&Event>) -> String {
    match lifter {
        None => "and no later beginning or resumption is recorded".into(),
        Some(p) => format!(
            "and the next beginning or resumption recorded is {}",
            p.cite(ctx)
        ),
    }
}

/// Judges one side of state claims; `None` when the history has no event.
fn outcome<'h, 'a>(
    ctx: &Context,
    history: &'h History<'a>,
    side: &Party,
) -> Option<Outcome<'h, 'a>> {
    let (plain, least) = needs(side);
    let claim = format!("the claim {}", side.cite(ctx));
    // No reading at all: the least the claim needs, against the changes read at their widest.
    if let Some(segment) = least.denied(history.segments(Reading::Strained)) {
        let event = history.events.get(segment.cause)?;
        let lift = lift_words(ctx, history.lifter(Reading::Strained, segment.cause));
        let when = match least {
            Need::Some(_) => "and no reading of the dates gives one".to_string(),
            Need::Every(span) => format!(
                "but under any reading of the dates it does not hold from {}",
                day_text(segment.start.max(span.start))
            ),
        };
        return Some(Outcome {
            verdict: Verdict::Conflict,
            event,
            reading: format!(
                "no reading reconciles them: after {} the state does not hold, {lift}; {claim} \
                 needs it {}, {when}",
                event.cite(ctx),
                least.words(side)
            ),
        });
    }
    // Read plainly, the state does not hold where the claim needs it: a strained reading does.
    if let Some(segment) = plain.denied(history.segments(Reading::Plain)) {
        let event = history.events.get(segment.cause)?;
        let lift = lift_words(ctx, history.lifter(Reading::Plain, segment.cause));
        let strain = strain(history, side, plain, least);
        return Some(Outcome {
            verdict: Verdict::Tension,
            event,
            reading: format!(
                "after {} the state does not hold, {lift}; read plainly, {claim} needs it {}, \
                 where it does not hold; it holds only if {strain}",
                event.cite(ctx),
                plain.words(side)
            ),
        });
    }
    let first = history.events.first()?;
    let span = plain.span();
    let before = match plain {
        Need::Some(s) => s.end < first.party.times.natural.start,
        Need::Every(s) => s.start < first.party.times.natural.start,
    };
    if before && first.change == ChangeKind::Begins {
        return Some(Outcome {
            verdict: Verdict::Tension,
            event: first,
            reading: format!(
                "the first recorded change is {}, and before a beginning the state does not \
                 hold; {claim} holds only if an earlier period of the state, not recorded here, \
                 was in force {}",
                first.cite(ctx),
                plain.words(side)
            ),
        });
    }
    let nearest = history.nearest(span.end).unwrap_or(first);
    let reading = match plain {
        Need::Some(s) => {
            let day = first_open_day(history.segments(Reading::Plain), s).unwrap_or(s.start);
            format!(
                "a plain reading reconciles them: the recorded changes leave room for the state \
                 on {} (the nearest is {}), and {claim} needs it {}",
                day_text(day),
                nearest.cite(ctx),
                plain.words(side)
            )
        }
        Need::Every(_) => format!(
            "a plain reading reconciles them: no recorded change leaves the state not holding \
             {} (the nearest is {}), as {claim} needs",
            plain.words(side),
            nearest.cite(ctx)
        ),
    };
    Some(Outcome {
        verdict: Verdict::Consistent,
        event: nearest,
        reading,
    })
}

/// The strained reading under which a claim denied plainly holds, in words.
fn strain(history: &History, side: &Party, plain: Need, least: Need) -> String {
    let natural = side.times.natural;
    // The claim read beyond its plain reading, with the changes read plainly.
    if let Need::Some(possible) = least
        && let Some(day) = first_open_day(history.segments(Reading::Plain), possible)
    {
        let when = if day < natural.start {
            if day <= OPEN_START_DAY {
                format!("before {}", years_text(natural))
            } else {
                format!("as early as {}", day_text(day))
            }
        } else {
            format!("as late as {}", day_text(day))
        };
        return format!(
            "its time ({}) is read beyond its plain reading, {when}",
            side.first().when.human()
        );
    }
    if let Need::Every(span) = least
        && span != plain.span()
        && first_closed(history.segments(Reading::Plain), span).is_none()
    {
        return format!(
            "the approximate ends of its time ({}) are read at their margins, so that it needs \
             the state only {}",
            side.first().when.human(),
            least.words(side)
        );
    }
    // The changes read at the margins of their dates.
    let widest: Vec<String> = history
        .events
        .iter()
        .filter(|e| e.party.times.possible != e.party.times.natural)
        .filter(|e| e.party.times.possible.overlaps(plain.span()) || e.change.holds_after())
        .take(3)
        .map(|e| {
            format!(
                "{} dated {} reaching {}",
                e.noun(),
                e.party.first().when.human(),
                years_text(e.party.times.possible)
            )
        })
        .collect();
    if widest.is_empty() {
        "the dates of the changes are read at the margins of their spans".into()
    } else {
        format!(
            "the dates of the changes are read at their margins ({})",
            widest.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conflicts::Engine;
    use crate::model::{ChangeUnit, Source, StateChange, ValueType};
    use crate::time::When;

    fn predicate(id: &str, template: &str, change: Option<(&str, ChangeKind)>) -> Predicate {
        Predicate {
            id: id.into(),
            label: id.replace('_', " "),
            value_type: ValueType::Entity,
            unit: None,
            functional: false,
            max_annual_change: None,
            typical_annual_change: None,
            change_unit: ChangeUnit::Relative,
            comparable_within_days: None,
            once: false,
            template: Some(template.into()),
            description: None,
            cues: Vec::new(),
            state_change: change.map(|(state, change)| StateChange {
                state_of: state.into(),
                change,
            }),
        }
    }

    fn predicates() -> HashMap<String, Predicate> {
        let mut office = predicate("holds_office", "{subject}: {value} of {country}", None);
        office.value_type = ValueType::Text;
        let mut took = predicate(
            "took_office",
            "{subject} becomes {value} of {country}",
            Some(("holds_office", ChangeKind::Begins)),
        );
        took.value_type = ValueType::Text;
        [
            predicate("member_of", "{subject} is a member of {object}", None),
            predicate(
                "joined",
                "{subject} joins {object}",
                Some(("member_of", ChangeKind::Begins)),
            ),
            predicate(
                "membership_suspended",
                "{subject}'s membership of {object} suspended",
                Some(("member_of", ChangeKind::Suspends)),
            ),
            predicate(
                "membership_restored",
                "{subject}'s membership of {object} restored",
                Some(("member_of", ChangeKind::Resumes)),
            ),
            predicate(
                "left",
                "{subject} leaves {object}",
                Some(("member_of", ChangeKind::Ends)),
            ),
            office,
            took,
        ]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect()
    }

    fn source(id: &str, reliability: &str) -> Source {
        Source {
            published: Some("2015".into()),
            ..Source::for_tests(id, "article", reliability)
        }
    }

    /// A claim about Uzbekistan and CSTO, cited once from `src-c` (grade C) or, for changes,
    /// `src-b` (grade B).
    fn fact(id: &str, predicate: &str, when: &str) -> Fact {
        let source = if predicate == "member_of" {
            "src-c"
        } else {
            "src-b"
        };
        Fact {
            id: id.into(),
            subject: "uzbekistan".into(),
            predicate: predicate.into(),
            qualifiers: Qualifiers::new(),
            value: Value::Entity {
                entity: "csto".into(),
            },
            when: When::parse(when).expect("valid EDTF in test"),
            sources: vec![source.into()],
            citations: 1,
            credibility: 3,
            recorded_at: "2026-01-01T00:00:00Z".into(),
            names_basis: None,
        }
    }

    fn run(facts: &[Fact], all: bool) -> Vec<Finding> {
        let predicates = predicates();
        let sources: HashMap<String, Source> = [source("src-b", "B"), source("src-c", "C")]
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let names: HashMap<String, String> = [
            ("uzbekistan", "Uzbekistan"),
            ("csto", "CSTO"),
            ("nato", "NATO"),
            ("kazakhstan", "Kazakhstan"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let engine = Engine::new(Context {
            predicates: &predicates,
            sources: &sources,
            rules: &[],
            names: &names,
            all,
        });
        engine
            .subject(facts)
            .into_iter()
            .filter(|f| f.kind == Kind::State)
            .collect()
    }

    fn one(facts: &[Fact], all: bool) -> Finding {
        let found = run(facts, all);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().expect("one finding")
    }

    #[test]
    fn a_member_after_an_unrestored_suspension_is_a_conflict() {
        let f = one(
            &[
                fact("uz-member", "member_of", "2013"),
                fact("uz-suspended", "membership_suspended", "2012-12-19"),
            ],
            false,
        );
        assert_eq!(f.id, "state:uz-member+uz-suspended");
        assert_eq!(f.kind, Kind::State);
        assert_eq!(f.verdict, Verdict::Conflict);
        assert_eq!(f.predicate, "member_of");
        assert_eq!(f.claims, vec!["uz-member", "uz-suspended"]);
        assert_eq!(
            f.explanation,
            "“Uzbekistan is a member of CSTO” (2013; src-c) against “Uzbekistan's membership \
             of CSTO suspended” (19 December 2012; src-b): a suspended state does not hold until \
             it is resumed"
        );
        assert_eq!(
            f.reading,
            "no reading reconciles them: after the suspension “Uzbekistan's membership of CSTO \
             suspended” (19 December 2012, claim uz-suspended) the state does not hold, and no \
             later beginning or resumption is recorded; the claim “Uzbekistan is a member of \
             CSTO” (2013, claim uz-member) needs it on some day of 2013, and no reading of the \
             dates gives one"
        );
        let s = f.suggestion.expect("a suggestion");
        assert_eq!(s.best_claim, "uz-suspended");
        assert!(
            s.reason
                .contains("more reliable source (grade B against C)"),
            "{s:?}"
        );
        assert_eq!(
            s.best,
            Some(Estimate::Text(
                "Uzbekistan's membership of CSTO suspended (19 December 2012)".into()
            ))
        );
        assert_eq!(f.sides[0].figure, "Uzbekistan is a member of CSTO");
        assert_eq!(f.sides[1].when, "19 December 2012");
    }

    #[test]
    fn a_restoration_before_the_claim_makes_it_consistent() {
        let facts = [
            fact("uz-member", "member_of", "2013"),
            fact("uz-suspended", "membership_suspended", "2012-12-19"),
            fact("uz-restored", "membership_restored", "2013-03"),
        ];
        assert!(run(&facts, false).is_empty());
        let f = one(&facts, true);
        assert_eq!(f.verdict, Verdict::Consistent);
        assert_eq!(f.id, "state:uz-member+uz-restored");
        assert!(f.suggestion.is_none());
        assert!(
            f.reading.starts_with(
                "a plain reading reconciles them: the recorded changes leave room for the state \
                 on 1 March 2013 (the nearest is the resumption “Uzbekistan's membership of \
                 CSTO restored” (March 2013, claim uz-restored))"
            ),
            "{}",
            f.reading
        );
        // A member in January 2013, before the restoration: still suspended.
        let mut early = facts;
        early[0] = fact("uz-member", "member_of", "2013-01");
        let f = one(&early, false);
        assert_eq!(f.verdict, Verdict::Conflict);
        assert!(
            f.reading.contains(
                "and the next beginning or resumption recorded is the resumption “Uzbekistan's \
                 membership of CSTO restored” (March 2013, claim uz-restored)"
            ),
            "{}",
            f.reading
        );
    }

    #[test]
    fn a_change_dated_only_to_a_year_leaves_that_year_open() {
        // Suspended some time in 2012: a member on some day of 2012 may have been one before.
        let facts = [
            fact("uz-member", "member_of", "2012"),
            fact("uz-suspended", "membership_suspended", "2012"),
        ];
        assert!(run(&facts, false).is_empty());
        let f = one(&facts, true);
        assert_eq!(f.verdict, Verdict::Consistent);
        assert!(
            f.reading
                .contains("leave room for the state on 1 January 2012"),
            "{}",
            f.reading
        );
        // A member in 2013 against "c. 2012": only if the suspension came as late as 2013.
        let f = one(
            &[
                fact("uz-member", "member_of", "2013"),
                fact("uz-suspended", "membership_suspended", "2012~"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert!(
            f.reading.ends_with(
                "it holds only if the dates of the changes are read at their margins (the \
                 suspension dated c. 2012 reaching 2011–2013)"
            ),
            "{}",
            f.reading
        );
        assert!(f.suggestion.is_some());
    }

    #[test]
    fn a_loosely_dated_claim_is_a_tension_not_a_conflict() {
        // "2013 or later" is plainly 2013, suspended then; restored in 2020, it may be later.
        let f = one(
            &[
                fact("uz-member", "member_of", "[2013..]"),
                fact("uz-suspended", "membership_suspended", "2012-12-19"),
                fact("uz-restored", "membership_restored", "2020"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert!(
            f.reading
                .contains("its time (2013 or later) is read beyond its plain reading, as late as 1 January 2020"),
            "{}",
            f.reading
        );
        // Without the restoration no reading reaches a day of membership.
        let f = one(
            &[
                fact("uz-member", "member_of", "[2013..]"),
                fact("uz-suspended", "membership_suspended", "2012-12-19"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Conflict);
        // c. 2013 reaches back into 2012, before the suspension.
        let f = one(
            &[
                fact("uz-member", "member_of", "2013~"),
                fact("uz-suspended", "membership_suspended", "2012-12-19"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert!(
            f.reading.contains("as early as 1 January 2012"),
            "{}",
            f.reading
        );
    }

    #[test]
    fn an_interval_needs_the_state_throughout() {
        let suspended = fact("uz-suspended", "membership_suspended", "2012-12-19");
        // 2006/2013 covers every day from the end of 2006 to the start of 2013.
        let f = one(
            &[
                fact("uz-member", "member_of", "2006/2013"),
                suspended.clone(),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Conflict);
        assert!(
            f.reading.contains(
                "needs it throughout 31 December 2006 – 1 January 2013, but under any reading of \
                 the dates it does not hold from 20 December 2012"
            ),
            "{}",
            f.reading
        );
        // 2006/2012 may end before the suspension: plainly consistent.
        assert!(
            run(
                &[
                    fact("uz-member", "member_of", "2006/2012"),
                    suspended.clone()
                ],
                false
            )
            .is_empty()
        );
        // With an approximate end the interval may stop in 2012: a tension.
        let f = one(
            &[fact("uz-member", "member_of", "2006/2013~"), suspended],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert!(
            f.reading.contains("the approximate ends of its time"),
            "{}",
            f.reading
        );
    }

    #[test]
    fn leaving_and_joining_again_make_periods() {
        let left = fact("uz-left", "left", "1999");
        let joined = fact("uz-joined", "joined", "2006");
        // Between leaving and joining again: not a member.
        let f = one(
            &[
                fact("uz-2003", "member_of", "2003"),
                left.clone(),
                joined.clone(),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Conflict);
        assert_eq!(f.id, "state:uz-2003+uz-left");
        assert!(
            f.explanation
                .ends_with("an ended state does not hold until it begins again")
        );
        // After joining again: a member.
        assert!(run(&[fact("uz-2008", "member_of", "2008"), left, joined], false).is_empty());
    }

    #[test]
    fn a_claim_before_the_first_beginning_needs_an_unrecorded_period() {
        let f = one(
            &[
                fact("uz-1995", "member_of", "1995"),
                fact("uz-joined", "joined", "2006"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert_eq!(f.id, "state:uz-1995+uz-joined");
        assert!(
            f.reading
                .contains("an earlier period of the state, not recorded here"),
            "{}",
            f.reading
        );
        // Joined in 2006 and a member in 2006: the same year, consistent.
        assert!(
            run(
                &[
                    fact("uz-2006", "member_of", "2006"),
                    fact("uz-joined", "joined", "2006")
                ],
                false
            )
            .is_empty()
        );
    }

    #[test]
    fn open_ended_and_approximate_changes_never_give_certainty_they_lack() {
        // Suspended "2012 or later": plainly 2012, but possibly any later year.
        let f = one(
            &[
                fact("uz-member", "member_of", "2014"),
                fact("uz-suspended", "membership_suspended", "[2012..]"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        // Restored "until 2020" (any time up to 2020): it may come right after the suspension.
        let facts = [
            fact("uz-member", "member_of", "2014"),
            fact("uz-suspended", "membership_suspended", "2012-12-19"),
            fact("uz-restored", "membership_restored", "../2020"),
        ];
        let f = one(&facts, false);
        assert_eq!(f.verdict, Verdict::Tension, "{}", f.reading);
        // A suspension and a restoration in the same year: their order is unknown.
        assert!(
            run(
                &[
                    fact("uz-member", "member_of", "2013"),
                    fact("uz-suspended", "membership_suspended", "2012"),
                    fact("uz-restored", "membership_restored", "2012"),
                ],
                false
            )
            .is_empty()
        );
    }

    #[test]
    fn any_order_and_duplicates_of_events_are_read_without_fault() {
        let member = fact("uz-member", "member_of", "2013");
        let events = [
            fact("e1", "joined", "2008"),
            fact("e2", "left", "2003"),
            fact("e3", "membership_restored", "2001~"),
            fact("e4", "membership_suspended", "2012-12-19"),
            fact("e5", "membership_suspended", "2012-12-19"),
            fact("e6", "joined", "[2010..]"),
            fact("e7", "left", "../1990"),
            fact("e8", "membership_suspended", "2012-12-19/.."),
        ];
        // Every rotation of the events gives the same finding.
        let mut seen = None;
        for k in 0..events.len() {
            let mut facts = vec![member.clone()];
            facts.extend(events[k..].iter().cloned());
            facts.extend(events[..k].iter().cloned());
            let found = run(&facts, true);
            assert_eq!(found.len(), 1, "{found:#?}");
            let key = (
                found[0].id.clone(),
                found[0].verdict,
                found[0].reading.clone(),
            );
            match &seen {
                None => seen = Some(key),
                Some(first) => assert_eq!(first, &key),
            }
        }
        let (id, verdict, _) = seen.expect("judged");
        // Read plainly, the suspensions of 19 December 2012 hold it (the later-listed one, open
        // at its end, names the entry); "joined 2010 or later" may come after them.
        assert_eq!(id, "state:e8+uz-member");
        assert_eq!(verdict, Verdict::Tension);
        let f = one(
            &[
                member,
                fact("e4", "membership_suspended", "2012-12-19"),
                fact("e5", "membership_suspended", "2012-12-19"),
            ],
            false,
        );
        assert_eq!(f.sides[1].claims, vec!["e4", "e5"]);
    }

    #[test]
    fn only_the_same_object_value_and_qualifiers_are_compared() {
        let mut nato = fact("uz-nato-suspended", "membership_suspended", "2012-12-19");
        nato.value = Value::Entity {
            entity: "nato".into(),
        };
        assert!(run(&[fact("uz-member", "member_of", "2013"), nato], true).is_empty());
        let mut other_subject = fact("kz-suspended", "membership_suspended", "2012-12-19");
        other_subject.subject = "kazakhstan".into();
        let found = crate::conflicts::detect(
            Context {
                predicates: &predicates(),
                sources: &HashMap::new(),
                rules: &[],
                names: &HashMap::new(),
                all: true,
            },
            &[fact("uz-member", "member_of", "2013"), other_subject],
        );
        assert!(found.iter().all(|f| f.kind != Kind::State), "{found:#?}");
        let mut qualified = fact("uz-suspended", "membership_suspended", "2012-12-19");
        qualified
            .qualifiers
            .insert("framework".into(), vec!["nato".into()]);
        assert!(run(&[fact("uz-member", "member_of", "2013"), qualified], true).is_empty());
    }

    #[test]
    fn texts_match_folded_and_offices_follow_their_holders() {
        let office = |id: &str, predicate: &str, text: &str, when: &str| {
            let mut f = fact(id, predicate, when);
            f.subject = "kabul-berdiyev".into();
            f.value = Value::Text { text: text.into() };
            f.qualifiers
                .insert("country".into(), vec!["uzbekistan".into()]);
            f
        };
        let f = one(
            &[
                office("minister", "holds_office", "Defence Minister", "2015"),
                office("appointed", "took_office", "defence minister", "2016"),
            ],
            false,
        );
        assert_eq!(f.verdict, Verdict::Tension);
        assert_eq!(f.predicate, "holds_office");
        assert!(
            f.explanation.starts_with(
                "“kabul-berdiyev: Defence Minister of Uzbekistan” (2015; src-b) against"
            ),
            "{}",
            f.explanation
        );
        // Another office is another state.
        assert!(
            run(
                &[
                    office("minister", "holds_office", "Defence Minister", "2015"),
                    office("appointed", "took_office", "President", "2016"),
                ],
                true
            )
            .is_empty()
        );
    }

    #[test]
    fn unknown_predicates_and_changes_without_state_claims_give_nothing() {
        assert!(
            run(
                &[
                    fact("uz-suspended", "membership_suspended", "2012-12-19"),
                    fact("uz-restored", "membership_restored", "2013"),
                ],
                true
            )
            .is_empty()
        );
        // A change predicate the vocabulary does not know is ignored, as its claims are.
        assert!(
            run(
                &[
                    fact("uz-member", "member_of", "2013"),
                    fact("uz-expelled", "expelled_from", "2012-12-19"),
                ],
                true
            )
            .is_empty()
        );
        // A state claim with a quantity is not compared.
        let mut odd = fact("uz-member", "member_of", "2013");
        odd.value = Value::Quantity(crate::model::Quantity {
            amount: 1.0,
            lower: None,
            upper: None,
            unit: String::new(),
            bound: crate::model::QuantityBound::Exact,
        });
        assert!(
            run(
                &[
                    odd,
                    fact("uz-suspended", "membership_suspended", "2012-12-19")
                ],
                true
            )
            .is_empty()
        );
    }

    #[test]
    fn the_rule_reads_states_and_their_changes() {
        let vocabulary = predicates();
        assert_eq!(
            super::predicates(&vocabulary),
            vec![
                "holds_office",
                "joined",
                "left",
                "member_of",
                "membership_restored",
                "membership_suspended",
                "took_office"
            ]
        );
        let membership = vec![
            "joined",
            "left",
            "member_of",
            "membership_restored",
            "membership_suspended",
        ];
        assert_eq!(related(&vocabulary, "member_of"), membership);
        assert_eq!(related(&vocabulary, "left"), membership);
        assert_eq!(
            related(&vocabulary, "took_office"),
            vec!["holds_office", "took_office"]
        );
        assert!(related(&vocabulary, "population").is_empty());
    }

    #[test]
    fn periods_keep_the_latest_cause_and_the_earliest_lifter() {
        let facts = [
            fact("s1", "membership_suspended", "2010"),
            fact("s2", "left", "2012"),
            fact("r1", "membership_restored", "2015"),
        ];
        let changes: Vec<(&Fact, ChangeKind)> = facts
            .iter()
            .map(|f| {
                let change = predicates()[&f.predicate]
                    .state_change
                    .as_ref()
                    .expect("a change")
                    .change;
                (f, change)
            })
            .collect();
        let history = History::build(&changes);
        let day = |text: &str| Times::of(&When::parse(text).expect("date")).natural.start;
        let segments = history.segments(Reading::Plain);
        assert_eq!(segments.len(), 2, "{segments:?}");
        assert_eq!(
            (segments[0].start, segments[0].end),
            (day("2011-01-01"), day("2013-01-01") - 1)
        );
        assert_eq!(history.events[segments[0].cause].party.first().id, "s1");
        assert_eq!(
            (segments[1].start, segments[1].end),
            (day("2013-01-01"), day("2015-01-01") - 1)
        );
        assert_eq!(history.events[segments[1].cause].party.first().id, "s2");
        assert_eq!(
            first_open_day(
                segments,
                Span {
                    start: day("2011-06-01"),
                    end: day("2016-01-01")
                }
            ),
            Some(day("2015-01-01"))
        );
        assert_eq!(
            history
                .lifter(Reading::Plain, segments[1].cause)
                .map(|e| e.party.first().id.as_str()),
            Some("r1")
        );
    }
}
