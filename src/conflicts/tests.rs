//! The engine on small self-written cases: agreement sets and corroboration, stable ids, each
//! verdict for each kind of time, series and derived rules.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::model::{ChangeUnit, Quantity, QuantityBound, RuleKind, ValueType};

fn when(text: &str) -> When {
    When::parse(text).expect("valid EDTF in test")
}

fn qty(amount: f64, bound: QuantityBound, unit: &str) -> Value {
    Value::Quantity(Quantity {
        amount,
        lower: None,
        upper: None,
        unit: unit.into(),
        bound,
    })
}

fn persons(amount: f64) -> Value {
    qty(amount, QuantityBound::Exact, "persons")
}

fn pct(amount: f64, bound: QuantityBound) -> Value {
    qty(amount, bound, "percent")
}

/// A fact about `land`, cited once from `source` with credibility 3.
fn fact(id: &str, predicate: &str, value: Value, time: &str, source: &str) -> Fact {
    Fact {
        id: id.into(),
        subject: "land".into(),
        predicate: predicate.into(),
        qualifiers: Qualifiers::new(),
        value,
        when: when(time),
        sources: vec![source.into()],
        citations: 1,
        credibility: 3,
        recorded_at: "2026-01-01T00:00:00Z".into(),
        names_basis: None,
    }
}

fn group(mut fact: Fact, name: &str) -> Fact {
    fact.qualifiers.insert("group".into(), vec![name.into()]);
    fact
}

fn predicate(id: &str, value_type: ValueType) -> Predicate {
    Predicate {
        id: id.into(),
        label: id.replace('_', " "),
        value_type,
        unit: None,
        functional: true,
        max_annual_change: None,
        typical_annual_change: None,
        change_unit: ChangeUnit::Relative,
        comparable_within_days: None,
        once: false,
        template: None,
        description: None,
        cues: Vec::new(),
        state_change: None,
    }
}

fn predicates() -> HashMap<String, Predicate> {
    let mut population = predicate("population", ValueType::Quantity);
    population.max_annual_change = Some(0.05);
    population.typical_annual_change = Some(0.03);
    let mut part = predicate("group_population", ValueType::Quantity);
    part.max_annual_change = Some(0.06);
    part.typical_annual_change = Some(0.03);
    let mut share = predicate("population_share", ValueType::Quantity);
    share.max_annual_change = Some(1.5);
    share.typical_annual_change = Some(0.7);
    share.change_unit = ChangeUnit::Points;
    let mut count = predicate("exercises", ValueType::Quantity);
    count.comparable_within_days = Some(0);
    let leader = predicate("leader", ValueType::Entity);
    let mut signed = predicate("signed", ValueType::None);
    signed.functional = false;
    signed.once = true;
    [population, part, share, count, leader, signed]
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect()
}

fn source(id: &str, reliability: &str, published: &str, kind: &str) -> Source {
    Source {
        title: if kind == "dataset" {
            "Population, total".to_string()
        } else {
            format!("Title of {id}")
        },
        publisher: (kind == "dataset").then(|| "World Bank".to_string()),
        published: Some(published.into()),
        ..Source::for_tests(id, kind, reliability)
    }
}

fn sources() -> HashMap<String, Source> {
    let mut all = vec![
        source("src-a", "A", "2015", "article"),
        source("src-c", "C", "2011-07-20", "article"),
        source("src-f", "F", "[2013..]", "report"),
        source("wb", "A", "2025", "dataset"),
        census_source(),
    ];
    for i in 0..40 {
        all.push(source(&format!("copy-{i:02}"), "C", "2012", "article"));
    }
    all.into_iter().map(|s| (s.id.clone(), s)).collect()
}

/// A national census: a dataset on the census basis, read within 1 %.
fn census_source() -> Source {
    let mut census = source("census", "B", "2022", "dataset");
    census.publisher = Some("Statistics Bureau".into());
    census.title = "Census of population".into();
    census.basis = Some(Basis::Census);
    census.tolerance = Some(0.01);
    census
}

/// A census point of `predicate` in `year`.
fn census(predicate: &str, year: i32, value: Value) -> Fact {
    fact(
        &format!("census-{predicate}-{year}"),
        predicate,
        value,
        &year.to_string(),
        "census",
    )
}

fn share_rule() -> Rule {
    Rule {
        id: "ethnic-share".into(),
        kind: RuleKind::ShareOfWhole,
        share: "population_share".into(),
        part: "group_population".into(),
        whole: "population".into(),
        qualifier: "group".into(),
        within_days: 0,
        note: None,
    }
}

fn run_with(facts: &[Fact], all: bool) -> Vec<Finding> {
    let (predicates, sources, names) = (predicates(), sources(), HashMap::new());
    let rules = [share_rule()];
    detect(
        Context {
            predicates: &predicates,
            sources: &sources,
            rules: &rules,
            names: &names,
            all,
        },
        facts,
    )
}

fn run(facts: &[Fact]) -> Vec<Finding> {
    run_with(facts, false)
}

fn only(findings: &[Finding]) -> &Finding {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    &findings[0]
}

// ---- agreement sets, corroboration, ids ----

#[test]
fn thirty_agreeing_sources_are_one_side_not_nine_hundred_pairs() {
    let mut facts: Vec<Fact> = (0..30)
        .map(|i| {
            fact(
                &format!("share-{i:02}"),
                "population_share",
                pct(25.0, QuantityBound::Exact),
                "2011",
                &format!("copy-{i:02}"),
            )
        })
        .collect();
    facts.extend((0..30).map(|i| {
        fact(
            &format!("low-{i:02}"),
            "population_share",
            pct(21.0, QuantityBound::Exact),
            "2011",
            "src-f",
        )
    }));
    let findings = run(&facts);
    let f = only(&findings);
    assert_eq!(f.verdict, Verdict::Conflict);
    assert_eq!(f.id, "value:low-00+share-00");
    assert_eq!(f.sides.len(), 2);
    let (low, high) = (&f.sides[0], &f.sides[1]);
    assert_eq!(low.claims.len(), 30);
    assert_eq!(low.independent_sources, 1, "thirty copies of one source");
    assert_eq!(high.claims.len(), 30);
    assert_eq!(high.independent_sources, 30);
    assert_eq!(high.citations, 30);
    assert_eq!(f.claims.len(), 60);
    // With --all, each side's agreement is listed once, named by its first claims.
    let all = run_with(&facts, true);
    assert!(
        all.iter()
            .any(|f| f.id == "within_rounding:share-00+share-01+share-02+and-27-more"),
        "{:?}",
        all.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
}

#[test]
fn values_within_rounding_join_one_set() {
    // 17.6 million and 17,556,502 agree; 16.3 million does not.
    let facts = [
        fact("a", "exercises", persons(17_600_000.0), "2013", "src-c"),
        fact("b", "exercises", persons(17_556_502.0), "2013", "src-a"),
        fact("c", "exercises", persons(16_300_000.0), "2013", "src-f"),
    ];
    let f = only(&run(&facts)).clone();
    let sides: Vec<usize> = f.sides.iter().map(|s| s.claims.len()).collect();
    assert_eq!(
        sides,
        vec![2, 1],
        "17.6 million with 17,556,502 against 16.3 million"
    );
    let all = run_with(&facts, true);
    assert!(
        all.iter()
            .any(|f| f.verdict == Verdict::Consistent && f.id == "within_rounding:a+b"),
        "{all:#?}"
    );
}

#[test]
fn ids_are_stable_when_agreeing_claims_arrive_and_do_not_depend_on_order() {
    let base = vec![
        fact("rousseau", "exercises", persons(25.0), "2011", "src-c"),
        fact("excerpt", "exercises", persons(22.0), "2011", "src-f"),
    ];
    let id = only(&run(&base)).id.clone();
    assert_eq!(id, "value:excerpt+rousseau");
    // A later claim that agrees with one side, even with an id that sorts first, joins it.
    let mut more = base.clone();
    let mut late = fact("aaa-later", "exercises", persons(25.0), "2011", "src-a");
    late.recorded_at = "2026-06-01T00:00:00Z".into();
    more.push(late);
    let f = only(&run(&more)).clone();
    assert_eq!(f.id, id);
    assert_eq!(f.claims, vec!["aaa-later", "excerpt", "rousseau"]);
    more.reverse();
    assert_eq!(run(&more), vec![f]);
}

#[test]
fn corroboration_decides_when_grades_tie() {
    let leader = |id: &str, who: &str, source: &str| {
        fact(
            id,
            "leader",
            Value::Entity { entity: who.into() },
            "2011",
            source,
        )
    };
    let mut facts = vec![leader("alone", "karimov", "copy-00")];
    for i in 1..4 {
        facts.push(leader(
            &format!("many-{i}"),
            "mirziyoyev",
            &format!("copy-{i:02}"),
        ));
    }
    let f = only(&run(&facts)).clone();
    let s = f.suggestion.expect("a suggestion");
    assert_eq!(s.best_claim, "many-1");
    assert!(
        s.reason
            .contains("many-1 is given by more independent sources (3 against 1)"),
        "{}",
        s.reason
    );
    assert_eq!(s.best, Some(Estimate::Text("mirziyoyev".into())));
}

// ---- each verdict, each kind of time ----

#[test]
fn the_same_day_with_different_figures_is_a_conflict() {
    let facts = [
        fact("a", "exercises", persons(2.0), "2008-07-01", "src-c"),
        fact("b", "exercises", persons(4.0), "2008-07-01", "src-a"),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Conflict);
    assert!(f.reading.contains("no reading reconciles"), "{}", f.reading);
    // 2 and 3 agree within rounding (1.5–2.5 and 2.5–3.5 share 2.5).
    let facts = [
        fact("a", "exercises", persons(2.0), "2008", "src-c"),
        fact("b", "exercises", persons(3.0), "2008", "src-a"),
    ];
    assert!(run(&facts).is_empty());
    // Without rates, figures for different years are different times: consistent.
    let facts = [
        fact("a", "exercises", persons(2.0), "2008", "src-c"),
        fact("b", "exercises", persons(4.0), "2009", "src-a"),
    ];
    assert!(run(&facts).is_empty());
    // Partly overlapping periods: only if the figures hold at different parts of them.
    let facts = [
        fact("a", "exercises", persons(2.0), "2008/2010", "src-c"),
        fact("b", "exercises", persons(4.0), "2010", "src-a"),
    ];
    assert_eq!(only(&run(&facts)).verdict, Verdict::Tension);
}

#[test]
fn a_year_apart_faster_than_the_maximum_is_a_conflict() {
    let facts = [
        fact(
            "a",
            "population_share",
            pct(25.0, QuantityBound::Exact),
            "2011",
            "src-c",
        ),
        fact(
            "b",
            "population_share",
            pct(22.0, QuantityBound::Nearly),
            "2011",
            "src-f",
        ),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Conflict);
    assert!(
        f.explanation
            .contains("25% allows 24.5–25.5% and nearly 22% allows 21.56–22%"),
        "{}",
        f.explanation
    );
    assert!(
        f.reading.contains("more than the 1.5 points"),
        "{}",
        f.reading
    );
    let s = f.suggestion.expect("a suggestion");
    assert_eq!(s.best_claim, "a");
    assert!(s.reason.contains("grade C against F"), "{}", s.reason);
}

#[test]
fn an_approximate_date_read_at_its_margin_is_a_tension() {
    // 2.5 points between c. 2011 and 2013: 0.83 a year over the natural 3 years, above the
    // typical 0.7; reading c. 2011 as 2010 gives 4 years, 0.63 a year.
    let facts = [
        fact(
            "a",
            "population_share",
            pct(25.0, QuantityBound::Exact),
            "2011~",
            "src-c",
        ),
        fact(
            "b",
            "population_share",
            pct(22.0, QuantityBound::Nearly),
            "2013",
            "src-f",
        ),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Tension);
    assert!(
        f.reading.contains("src-c's 25% dates from 2010 or earlier"),
        "{}",
        f.reading
    );
}

#[test]
fn an_open_end_read_far_is_a_tension_with_the_year_it_needs() {
    let facts = [
        fact(
            "a",
            "population_share",
            pct(25.0, QuantityBound::Exact),
            "2011~",
            "src-c",
        ),
        fact(
            "b",
            "population_share",
            pct(22.0, QuantityBound::Nearly),
            "[2013..]",
            "src-f",
        ),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Tension);
    assert!(
        f.reading
            .contains("src-f's nearly 22% dates from 2014 or later"),
        "{}",
        f.reading
    );
}

#[test]
fn an_interval_leaves_time_for_plausible_growth() {
    let facts = [
        fact(
            "a",
            "population",
            persons(16_300_000.0),
            "2009/2011",
            "src-c",
        ),
        fact("b", "population", persons(17_600_000.0), "2011", "src-a"),
    ];
    assert!(run(&facts).is_empty());
    let all = run_with(&facts, true);
    let f = only(&all);
    assert_eq!(f.verdict, Verdict::Consistent);
    assert!(
        f.reading.contains("dates from 2009") && f.reading.contains("within the 3% typical"),
        "{}",
        f.reading
    );
    // Within one year the same change needs more than the maximum: a conflict.
    let facts = [
        fact("a", "population", persons(16_300_000.0), "2011-01", "src-c"),
        fact("b", "population", persons(17_600_000.0), "2011-02", "src-a"),
    ];
    assert_eq!(only(&run(&facts)).verdict, Verdict::Conflict);
}

#[test]
fn a_change_above_the_typical_rate_is_a_tension() {
    // 16.3 → 17.6 million over at most two years: about 3.7 % a year, above 3 %, below 5 %.
    let facts = [
        fact("a", "population", persons(16_300_000.0), "2011", "src-c"),
        fact("b", "population", persons(17_600_000.0), "2012", "src-a"),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Tension);
    assert!(
        f.reading
            .contains("faster than the 3% typical for population"),
        "{}",
        f.reading
    );
    assert!(
        f.implied_annual_change
            .is_some_and(|r| r > 0.03 && r < 0.05)
    );
}

#[test]
fn sets_of_dates_and_once_only_events() {
    let signed = |id: &str, time: &str| fact(id, "signed", Value::None, time, "src-c");
    // One of two days contains the other claim's day: the same occasion.
    let facts = [
        signed("a", "[2011-05-17,2011-05-24]"),
        signed("b", "2011-05-20"),
    ];
    assert!(run(&facts).is_empty());
    let all = run_with(&facts, true);
    assert_eq!(only(&all).id, "overlapping_dates:a+b");
    // Disjoint dates: a conflict; overlapping only at the margin of a "c.": a tension.
    let f = only(&run(&[signed("a", "1994"), signed("b", "1996")])).clone();
    assert_eq!((f.kind, f.verdict), (Kind::Date, Verdict::Conflict));
    assert_eq!(f.id, "date:a+b");
    assert!(f.explanation.contains("happens once"), "{}", f.explanation);
    let f = only(&run(&[signed("a", "1994~"), signed("b", "1995-06")])).clone();
    assert_eq!(f.verdict, Verdict::Tension);
}

#[test]
fn entities_can_differ_at_different_times() {
    let leader = |id: &str, who: &str, time: &str| {
        fact(
            id,
            "leader",
            Value::Entity { entity: who.into() },
            time,
            "src-c",
        )
    };
    let facts = [
        leader("a", "karimov", "1991/2015"),
        leader("b", "mirziyoyev", "2016/.."),
    ];
    assert!(run(&facts).is_empty());
    let facts = [
        leader("a", "karimov", "1991/2016"),
        leader("b", "mirziyoyev", "2016/.."),
    ];
    assert_eq!(only(&run(&facts)).verdict, Verdict::Tension);
    let facts = [
        leader("a", "karimov", "2016-09-08"),
        leader("b", "mirziyoyev", "2016-09-08"),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Conflict);
    assert!(
        f.explanation.contains("one value at a time"),
        "{}",
        f.explanation
    );
}

// ---- series ----

fn world_bank() -> Vec<Fact> {
    let values = [
        (2010, 16_836_810.0),
        (2011, 17_066_002.0),
        (2012, 17_306_106.0),
        (2013, 17_556_502.0),
        (2014, 17_816_285.0),
        (2015, 18_084_169.0),
        (2016, 18_363_600.0),
        (2017, 18_651_931.0),
        (2018, 18_932_727.0),
        (2019, 19_209_555.0),
    ];
    values
        .iter()
        .map(|(year, v)| {
            let mut f = fact(
                &format!("wb-{year}"),
                "population",
                persons(*v),
                &year.to_string(),
                "wb",
            );
            f.credibility = 2;
            f
        })
        .collect()
}

#[test]
fn a_figure_is_read_against_the_series_once_and_dated_by_it() {
    let mut facts = world_bank();
    facts.push(fact(
        "excerpt",
        "population",
        persons(17_600_000.0),
        "[2013..]",
        "src-f",
    ));
    // Consistent, dated to 2013 by the series; no entry per later year.
    assert!(run(&facts).is_empty(), "{:#?}", run(&facts));
    let all = run_with(&facts, true);
    let f = all
        .iter()
        .find(|f| f.kind == Kind::Series)
        .expect("a series verdict");
    assert_eq!(f.id, "series:excerpt+wb");
    assert!(
        f.reading
            .contains("src-f's 17.6 million persons agrees with the Population, total series: over 2013 it gives 17.6 million persons"),
        "{}",
        f.reading
    );
}

#[test]
fn a_figure_far_from_the_series_is_one_conflict_with_the_gap() {
    let mut facts = world_bank();
    facts.push(fact(
        "caravanserai",
        "population",
        qty(16_000_000.0, QuantityBound::About, "persons"),
        "2017~",
        "src-c",
    ));
    facts.push(fact(
        "rousseau",
        "population",
        persons(16_300_000.0),
        "2011~",
        "src-c",
    ));
    let findings = run(&facts);
    let series: Vec<&Finding> = findings.iter().filter(|f| f.kind == Kind::Series).collect();
    let about16 = series
        .iter()
        .find(|f| f.id == "series:caravanserai+wb")
        .expect("about 16 million against the series");
    assert_eq!(about16.verdict, Verdict::Conflict);
    assert!(
        about16
            .series_gap
            .is_some_and(|g| (-0.15..-0.13).contains(&g)),
        "{:?}",
        about16.series_gap
    );
    assert!(
        about16.reading.contains("about 14.2% below it"),
        "{}",
        about16.reading
    );
    let s = about16.suggestion.as_ref().expect("a suggestion");
    assert!(s.best_claim.starts_with("wb-"), "{s:?}");
    // 16.3 million c. 2011: one entry at most, not one per year.
    assert!(
        series
            .iter()
            .filter(|f| f.id == "series:rousseau+wb")
            .count()
            <= 1
    );
    // A figure outside the series is not judged against it.
    let mut facts = world_bank();
    facts.push(fact(
        "old",
        "population",
        persons(6_000_000.0),
        "1950",
        "src-c",
    ));
    assert!(
        run_with(&facts, true)
            .iter()
            .all(|f| f.kind != Kind::Series)
    );
}

// ---- derived ----

#[test]
fn a_share_that_its_terms_contradict_at_a_common_time_is_a_derived_conflict() {
    let facts = [
        group(
            fact(
                "share",
                "population_share",
                pct(22.0, QuantityBound::Nearly),
                "[2013..]",
                "src-f",
            ),
            "russians",
        ),
        group(
            fact(
                "part",
                "group_population",
                persons(4_600_000.0),
                "[2013..]",
                "src-f",
            ),
            "russians",
        ),
        fact(
            "whole",
            "population",
            persons(17_600_000.0),
            "[2013..]",
            "src-f",
        ),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!((f.kind, f.verdict), (Kind::Derived, Verdict::Conflict));
    // One share and one part that fail with every whole are one entry, named by the two.
    assert_eq!(f.id, "derived:part+share");
    assert_eq!(f.replaces, vec!["derived:part+share+whole".to_string()]);
    assert!(
        f.explanation
            .contains("4.6 million persons ÷ 17.6 million persons (src-f) = 26.1%"),
        "{}",
        f.explanation
    );
    // Terms that naturally refer to another time are not held to the identity.
    let mut later = facts.clone();
    later[2] = fact(
        "whole",
        "population",
        persons(17_600_000.0),
        "2017",
        "src-f",
    );
    assert!(run(&later).is_empty());
    // A whole from a series, read over the common time.
    let mut with_series = facts[..2].to_vec();
    with_series.extend(world_bank());
    let f = only(&run(&with_series)).clone();
    assert_eq!(f.id, "derived:part+share");
    assert_eq!(f.replaces, vec!["derived:part+share+wb".to_string()]);
    assert!(
        f.explanation.contains("Population, total"),
        "{}",
        f.explanation
    );
}

// ---- robustness ----

#[test]
fn odd_inputs_never_panic_and_unknown_predicates_are_ignored() {
    let facts = [
        fact("nan", "population", persons(f64::NAN), "2011", "src-c"),
        fact("inf", "population", persons(f64::INFINITY), "2011", "src-c"),
        fact("zero", "population", persons(0.0), "2011", "src-c"),
        fact("neg", "population", persons(-5.0), "2011", "src-c"),
        fact("ok", "population", persons(16_000_000.0), "2011", "src-c"),
        fact("x", "no_such_predicate", persons(1.0), "2011", "nowhere"),
        fact("wide", "population", persons(1.0), "../2032", "nowhere"),
    ];
    let findings = run_with(&facts, true);
    assert!(findings.iter().all(|f| !f.claims.iter().any(|c| c == "x")));
}

#[test]
fn a_long_plausible_series_gives_no_findings() {
    let facts: Vec<Fact> = (0..2000)
        .map(|i| {
            fact(
                &format!("y{i}"),
                "population",
                persons((1_000_000.0 * 1.01f64.powf(f64::from(i) / 12.0)).round()),
                &format!("{}-{:02}", 1800 + i / 12, i % 12 + 1),
                "src-c",
            )
        })
        .collect();
    assert!(run(&facts).is_empty());
}

#[test]
fn findings_name_entities_and_predicates_in_words() {
    let (predicates, sources) = (predicates(), sources());
    let names: HashMap<String, String> = [("land".to_string(), "Landia".to_string())].into();
    let facts = [
        fact("a", "exercises", persons(2.0), "2008-07-01", "src-c"),
        fact("b", "exercises", persons(4.0), "2008-07-01", "src-a"),
    ];
    let findings = detect(
        Context {
            predicates: &predicates,
            sources: &sources,
            rules: &[],
            names: &names,
            all: false,
        },
        &facts,
    );
    assert!(
        only(&findings)
            .explanation
            .starts_with("exercises of Landia:"),
        "{}",
        findings[0].explanation
    );
    let quals: BTreeMap<String, Vec<String>> = [(
        "group".to_string(),
        vec!["b".to_string(), "a".to_string(), "a".to_string()],
    )]
    .into();
    assert_eq!(normal_qualifiers(&quals)["group"], vec!["a", "b"]);
}

/// An open start that can be read early enough reconciles a figure dated before its end:
/// the reading names the year it needs, never an infinite rate.
#[test]
fn an_open_start_read_early_enough_is_a_tension_not_an_infinite_rate() {
    let facts = [
        fact("a", "population", persons(15_000_000.0), "1999", "src-a"),
        fact("b", "population", persons(9_285_000.0), "../2003", "src-c"),
    ];
    let f = only(&run(&facts)).clone();
    assert_eq!(f.verdict, Verdict::Tension, "{}", f.reading);
    assert!(f.reading.contains("or earlier"), "{}", f.reading);
    assert!(!f.reading.contains("inf"), "{}", f.reading);
}

// ---- reference series read as estimates ----

#[test]
fn a_line_between_sparse_points_is_read_more_loosely_than_at_a_point() {
    let facts = vec![
        group(
            census("population_share", 2009, pct(23.7, QuantityBound::Exact)),
            "russians",
        ),
        group(
            census("population_share", 2021, pct(15.5, QuantityBound::Exact)),
            "russians",
        ),
        // Four years from the 2009 point the line gives 20.97% ± 1.14 points: "nearly 22%" fits.
        group(
            fact(
                "nearly22",
                "population_share",
                pct(22.0, QuantityBound::Nearly),
                "[2013..]",
                "src-f",
            ),
            "russians",
        ),
        // At the 2009 point itself the band is ±0.24 points: 22% is 1.7 points below it.
        group(
            fact(
                "at-point",
                "population_share",
                pct(22.0, QuantityBound::Exact),
                "2009",
                "src-a",
            ),
            "russians",
        ),
    ];
    let findings = run(&facts);
    let f = only(&findings);
    assert_eq!(f.id, "series:at-point+census");
    assert_eq!(f.verdict, Verdict::Conflict);
    // Shares are judged in points, from the line's value at the figure's time.
    assert_eq!(f.series_gap_points, Some(-1.7));
    assert_eq!(f.series_gap, None);
    let s = f.suggestion.as_ref().expect("a suggestion");
    assert_eq!(s.best, Some(Estimate::Number(23.7)));
    assert_eq!(s.for_time.as_deref(), Some("2009"));
    let all = run_with(&facts, true);
    let nearly = all
        .iter()
        .find(|f| f.id == "series:census+nearly22")
        .expect("judged");
    assert_eq!(nearly.verdict, Verdict::Consistent, "{}", nearly.reading);
    assert!(
        nearly
            .reading
            .contains("20.97% (±1.14 points, interpolated between 2009 and 2021)"),
        "{}",
        nearly.reading
    );
}

#[test]
fn two_series_apart_are_said_once_and_a_quote_naming_a_basis_is_judged_by_it() {
    let mut facts = world_bank();
    // A census about 3.5 % under the World Bank, in two of its years.
    facts.push(census("population", 2011, persons(16_500_000.0)));
    facts.push(census("population", 2016, persons(17_700_000.0)));
    let mut official = fact(
        "official",
        "population",
        persons(16_300_000.0),
        "2011",
        "src-c",
    );
    official.names_basis = Some(Basis::NationalEstimate);
    facts.push(official);
    let findings = run(&facts);
    let gap = only(&findings);
    assert_eq!(gap.id, "series:census+wb");
    assert_eq!(gap.verdict, Verdict::Tension);
    assert!(
        gap.series_gap.is_some_and(|g| (0.034..0.038).contains(&g)),
        "{:?}",
        gap.series_gap
    );
    assert!(
        gap.reading
            .contains("runs 3.4–3.7% above the Census of population (national census) series"),
        "{}",
        gap.reading
    );
    assert_eq!(gap.suggestion.as_ref().and_then(|s| s.best.clone()), None);
    // The official figure agrees with the census; the World Bank's view of it is a difference of
    // basis, not a conflict.
    let all = run_with(&facts, true);
    let wb = all
        .iter()
        .find(|f| f.id == "series:official+wb")
        .expect("judged against the World Bank");
    assert_eq!(wb.verdict, Verdict::Consistent);
    assert!(
        wb.reading.contains("whose basis its quote names"),
        "{}",
        wb.reading
    );
    // Without the quote naming a basis, the disagreement with the World Bank stays, softened to
    // a tension because the figure agrees with the census.
    let mut unnamed = facts.clone();
    if let Some(f) = unnamed.iter_mut().find(|f| f.id == "official") {
        f.names_basis = None;
    }
    let wb = run(&unnamed)
        .into_iter()
        .find(|f| f.id == "series:official+wb")
        .expect("still reported");
    assert_eq!(wb.verdict, Verdict::Tension);
    assert!(
        wb.reading.contains("a difference of basis"),
        "{}",
        wb.reading
    );
}

#[test]
fn a_figure_two_series_condemn_is_one_entry() {
    let mut facts = world_bank();
    facts.push(census("population", 2011, persons(16_500_000.0)));
    facts.push(census("population", 2016, persons(17_700_000.0)));
    facts.push(census("population", 2019, persons(18_550_000.0)));
    facts.push(fact(
        "about16",
        "population",
        qty(16_000_000.0, QuantityBound::About, "persons"),
        "2017",
        "src-c",
    ));
    let findings = run(&facts);
    let about16: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.claims.iter().any(|c| c == "about16"))
        .collect();
    assert_eq!(about16.len(), 1, "{findings:#?}");
    let f = about16[0];
    assert_eq!(f.verdict, Verdict::Conflict);
    assert_eq!(f.replaces.len(), 1, "{:?}", f.replaces);
    assert!(
        f.reading.contains("Against another series"),
        "{}",
        f.reading
    );
}

#[test]
fn a_change_against_the_series_direction_is_a_tension_and_its_fastest_year_bounds_the_rate() {
    let mut facts = world_bank();
    facts.push(fact(
        "y2013",
        "population",
        persons(17_600_000.0),
        "[2013..]",
        "src-f",
    ));
    facts.push(fact(
        "y2017",
        "population",
        qty(16_000_000.0, QuantityBound::About, "persons"),
        "2017~",
        "src-c",
    ));
    let findings = run(&facts);
    let fall = findings
        .iter()
        .find(|f| f.id == "value:y2013+y2017")
        .expect("a fall while the series rises");
    assert_eq!(fall.verdict, Verdict::Tension);
    assert!(
        fall.reading
            .contains("while the Population, total series rises 1.5% a year over 2013–2017"),
        "{}",
        fall.reading
    );
    // The series never grows faster than 1.6 % a year here: 2.4 % a year is strained, though
    // within the 3 % typical for populations in general.
    let mut facts = world_bank();
    facts.push(fact(
        "y2011",
        "population",
        persons(16_900_000.0),
        "2011",
        "src-c",
    ));
    facts.push(fact(
        "y2013",
        "population",
        persons(17_900_000.0),
        "2013",
        "src-a",
    ));
    let rise = run_with(&facts, true)
        .into_iter()
        .find(|f| f.id == "value:y2011+y2013")
        .expect("judged");
    assert_eq!(rise.verdict, Verdict::Tension, "{}", rise.reading);
    assert!(
        rise.reading
            .contains("the Population, total series rises at most"),
        "{}",
        rise.reading
    );
}

#[test]
fn the_part_is_named_the_outlier_when_the_whole_and_the_share_are_borne_out() {
    let mut facts = world_bank();
    for (id, amount, time) in [("s1989", 37.8, "1989"), ("s2011", 25.0, "2011~")] {
        facts.push(group(
            fact(
                id,
                "population_share",
                pct(amount, QuantityBound::Exact),
                time,
                "src-c",
            ),
            "russians",
        ));
    }
    facts.push(group(
        fact(
            "share",
            "population_share",
            pct(22.0, QuantityBound::Nearly),
            "[2013..]",
            "src-f",
        ),
        "russians",
    ));
    facts.push(group(
        fact(
            "part",
            "group_population",
            persons(4_600_000.0),
            "[2013..]",
            "src-f",
        ),
        "russians",
    ));
    facts.push(fact(
        "whole",
        "population",
        persons(17_600_000.0),
        "[2013..]",
        "src-f",
    ));
    let findings = run(&facts);
    let derived: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == Kind::Derived)
        .collect();
    let d = only(&derived.into_iter().cloned().collect::<Vec<_>>()).clone();
    assert_eq!(d.id, "derived:part+share");
    assert_eq!(
        d.replaces,
        vec![
            "derived:part+share+whole".to_string(),
            "derived:part+share+wb".to_string()
        ]
    );
    let outlier = d.outlier.expect("an outlier");
    assert_eq!(
        (outlier.claim.as_str(), outlier.term.as_str()),
        ("part", "part")
    );
    assert!(
        outlier.why.starts_with("4.6 million persons is the outlier: nearly 22% of 17.6 million persons is 3.87 million persons"),
        "{}",
        outlier.why
    );
    assert!(
        outlier
            .why
            .contains("continues the fall from 37.8% (1989) and 25% (c. 2011)"),
        "{}",
        outlier.why
    );
    let s = d.suggestion.expect("a suggestion");
    assert_eq!(s.best, Some(Estimate::Number(22.0)));
    assert_eq!(s.best_claim, "share");
    // Without the earlier shares nothing vouches for the share: no term is singled out, and the
    // computed figure, carrying the weakest grade of its terms (F, not the World Bank's A), does
    // not win on grade.
    let bare: Vec<Fact> = facts
        .into_iter()
        .filter(|f| f.id != "s1989" && f.id != "s2011")
        .collect();
    let d = run(&bare)
        .into_iter()
        .find(|f| f.kind == Kind::Derived)
        .expect("derived");
    assert!(d.outlier.is_none(), "{:?}", d.outlier);
    assert!(d.reading.contains("does not single out"), "{}", d.reading);
    assert_eq!(
        d.suggestion.expect("a suggestion").best,
        Some(Estimate::Number(22.0))
    );
}

// ---- judged a predicate at a time ----

/// A subject with findings of every kind over several predicates: values (with rates, without,
/// entities), dates, a series and a derived rule.
fn many_predicates() -> Vec<Fact> {
    let mut facts = world_bank();
    facts.push(fact(
        "caravanserai",
        "population",
        qty(16_000_000.0, QuantityBound::About, "persons"),
        "2017~",
        "src-c",
    ));
    facts.push(fact(
        "p2013",
        "population",
        persons(17_600_000.0),
        "2013",
        "src-a",
    ));
    facts.push(fact(
        "p2014",
        "population",
        persons(12_000_000.0),
        "2014",
        "src-f",
    ));
    for (id, amount) in [("x1", 4.0), ("x2", 9.0), ("x3", 4.0)] {
        facts.push(fact(id, "exercises", persons(amount), "2012", "src-c"));
    }
    let leader = |id: &str, who: &str, time: &str| {
        fact(
            id,
            "leader",
            Value::Entity { entity: who.into() },
            time,
            "src-c",
        )
    };
    facts.push(leader("l1", "karimov", "2016-09-08"));
    facts.push(leader("l2", "mirziyoyev", "2016-09-08"));
    facts.push(leader("l3", "karimov", "1991/2016"));
    let signed = |id: &str, time: &str| fact(id, "signed", Value::None, time, "src-c");
    facts.push(signed("d1", "1994"));
    facts.push(signed("d2", "1996"));
    facts.push(signed("d3", "1995-06"));
    for (name, share, part) in [("russians", 22.0, 4_600_000.0), ("uzbeks", 3.0, 200_000.0)] {
        facts.push(group(
            fact(
                &format!("share-{name}"),
                "population_share",
                pct(share, QuantityBound::Nearly),
                "2013",
                "src-f",
            ),
            name,
        ));
        facts.push(group(
            fact(
                &format!("part-{name}"),
                "group_population",
                persons(part),
                "2013",
                "src-f",
            ),
            name,
        ));
    }
    facts
}

#[test]
fn judged_a_predicate_at_a_time_every_stream_is_as_the_whole_subject_sorted() {
    let (predicates, sources, names) = (predicates(), sources(), HashMap::new());
    let rules = [share_rule()];
    for all in [false, true] {
        let engine = Engine::new(Context {
            predicates: &predicates,
            sources: &sources,
            rules: &rules,
            names: &names,
            all,
        });
        let facts = many_predicates();
        let whole = engine.subject(&facts);
        let kinds: std::collections::BTreeSet<Kind> = whole.iter().map(|f| f.kind).collect();
        assert!(
            [Kind::Value, Kind::Date, Kind::Series, Kind::Derived]
                .iter()
                .all(|k| kinds.contains(k)),
            "the fixture has findings of every kind it judges: {kinds:?}"
        );
        let mut parts: Vec<Vec<Finding>> = Vec::new();
        let done: Result<(), ()> = engine.subject_in_parts(&facts, |part| {
            parts.push(part);
            Ok(())
        });
        assert!(done.is_ok());
        assert!(parts.len() >= 5, "one part per predicate and one for rules");
        for (i, part) in parts.iter().enumerate() {
            assert!(!part.is_empty());
            assert!(
                part.windows(2)
                    .all(|w| order_key(&w[0]) <= order_key(&w[1])),
                "part {i} is in report order"
            );
            if i + 1 < parts.len() {
                // A predicate's part: its values, dates and series, of that predicate only.
                assert!(part.iter().all(|f| f.predicate == part[0].predicate));
                assert!(
                    part.iter()
                        .all(|f| matches!(f.kind, Kind::Value | Kind::Date | Kind::Series))
                );
            } else {
                assert!(
                    part.iter()
                        .all(|f| matches!(f.kind, Kind::Derived | Kind::State))
                );
            }
        }
        // What a reader keeping one stream per verdict and kind writes: the parts one after
        // the other, each stream in the order it received them.
        let mut streams: Vec<Finding> = parts.into_iter().flatten().collect();
        streams.sort_by_key(|f| (f.verdict, f.kind));
        assert_eq!(streams, whole, "all = {all}");
        // A failing handler stops the judging at its first error.
        let mut calls = 0;
        let stopped: Result<(), &str> = engine.subject_in_parts(&facts, |_| {
            calls += 1;
            Err("stop")
        });
        assert_eq!((stopped, calls), (Err("stop"), 1));
    }
}
