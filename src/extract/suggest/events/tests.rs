//! Events on sentences of the shape news copy has (written for these tests).

use std::collections::BTreeMap;

use crate::extract::suggest::fixture::{entity, predicate};
use crate::extract::suggest::{Vocabulary, shapes};
use crate::extract::{Candidate, Document, Kind, Suggestion, extract};
use crate::model::{Value, ValueType};

fn vocabulary() -> Vocabulary {
    let entities = [
        entity("russia", "Russia", "country", &["Russian Federation"]),
        entity("united-states", "United States", "country", &["U.S."]),
        entity(
            "ru-mod",
            "Ministry of Defence of the Russian Federation",
            "organisation",
            &[],
        ),
        entity(
            "kg-forces",
            "Armed Forces of Kyrgyzstan",
            "organisation",
            &[],
        ),
        entity("kazakhstan", "Kazakhstan", "country", &[]),
        entity("belarus", "Belarus", "country", &[]),
        entity("armenia", "Armenia", "country", &[]),
        entity("georgia", "Georgia", "country", &[]),
        entity("tajikistan", "Tajikistan", "country", &[]),
        entity("uzbekistan", "Uzbekistan", "country", &[]),
        entity("kyrgyzstan", "Kyrgyzstan", "country", &[]),
        entity(
            "csto",
            "Collective Security Treaty Organization",
            "organisation",
            &["CSTO"],
        ),
        entity("dushanbe", "Dushanbe", "place", &[]),
        entity("tashkent", "Tashkent", "place", &[]),
        entity("matybulak", "Matybulak range", "facility", &[]),
        entity("k2", "Karshi-Khanabad air base", "facility", &["K2"]),
    ];
    let none = ValueType::None;
    let q = ValueType::Quantity;
    let e = ValueType::Entity;
    let predicates = [
        predicate("exercise_held", none, None, &["exercise"]),
        predicate("forces_involved", q, None, &["took part"]),
        predicate("forces_contributed", q, None, &["will send"]),
        predicate("signed", none, None, &["signed"]),
        predicate("ratified", none, None, &["ratified"]),
        predicate("in_effect", none, None, &["in force"]),
        predicate("joined", e, None, &["joined"]),
        predicate("left", e, None, &["quit"]),
        predicate(
            "membership_suspended",
            e,
            None,
            &["suspended its membership"],
        ),
        predicate("evicted", none, None, &["evicted"]),
        predicate("military_aid", q, None, &["donated"]),
        predicate("arms_supply", q, None, &["delivered"]),
        predicate("arms_order", ValueType::Quantity, None, &["ordered"]),
    ];
    Vocabulary::new(&entities, &predicates, shapes([])).unwrap()
}

fn events(text: &str, published: &str) -> Vec<Candidate> {
    let date = chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
    let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string(), date);
    let places = [("tashkent", "uzbekistan"), ("dushanbe", "tajikistan")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let ctx = crate::extract::Context {
        vocabulary: Some(vocabulary().with_places(&places)),
        published: Some(published.to_string()),
    };
    extract(&doc, &ctx)
        .into_iter()
        .filter(|c| c.kind == Kind::Claim && c.rule.starts_with("event."))
        .collect()
}

fn of<'c>(got: &'c [Candidate], predicate: &str) -> Vec<&'c Suggestion> {
    got.iter()
        .filter_map(|c| c.suggestion.as_ref())
        .filter(|s| s.predicate == predicate)
        .collect()
}

fn q(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|x| x.to_string()).collect()))
        .collect()
}

fn amount(s: &Suggestion) -> f64 {
    match &s.value {
        Value::Quantity(q) => q.amount,
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_exercise_with_its_participants_dates_place_and_figures() {
    let text = "The \"Frontier Shield 2024\" joint exercise involving Russia, Kazakhstan and \
                Belarus was held from 3 to 9 June 2024 at the Matybulak range. Russia will send \
                about 1,200 personnel and 40 aircraft.";
    let got = events(text, "2024-06-10");
    let held = of(&got, "exercise_held");
    assert_eq!(held.len(), 1, "{got:#?}");
    let e = held[0];
    assert_eq!(e.subject, "frontier-shield-2024");
    assert_eq!(
        e.qualifiers,
        q(&[
            ("participant", &["russia", "kazakhstan", "belarus"]),
            ("place", &["matybulak"])
        ])
    );
    assert_eq!(e.when.as_deref(), Some("2024-06-03/2024-06-09"));
    // The figures of the next sentence are Russia's, sent to the exercise.
    let sent = of(&got, "forces_contributed");
    let mut amounts: Vec<f64> = sent.iter().map(|s| amount(s)).collect();
    amounts.sort_by(f64::total_cmp);
    assert_eq!(amounts, [40.0, 1200.0], "{got:#?}");
    assert!(sent.iter().all(|s| s.subject == "russia"
        && s.qualifiers == q(&[("to", &["frontier-shield-2024"])])
        && s.when.as_deref() == Some("2024-06-03/2024-06-09")));
}

#[test]
fn a_signing_then_an_extension_of_the_same_agreement() {
    let text = "On 5 October 2012 Russia and Tajikistan signed an agreement in Dushanbe. \
                The agreement was prolonged until 2042.";
    let got = events(text, "2012-10-06");
    let signed = of(&got, "signed");
    assert_eq!(signed.len(), 1, "{got:#?}");
    assert_eq!(signed[0].subject, "russia-tajikistan-agreement-2012");
    assert_eq!(
        signed[0].qualifiers,
        q(&[
            ("party", &["russia", "tajikistan"]),
            ("place", &["dushanbe"])
        ])
    );
    assert_eq!(signed[0].when.as_deref(), Some("2012-10-05"));
    let extended = of(&got, "in_effect");
    assert_eq!(extended.len(), 1, "{got:#?}");
    assert_eq!(extended[0].subject, "russia-tajikistan-agreement-2012");
    assert_eq!(extended[0].when.as_deref(), Some("../2042"));
}

#[test]
fn the_two_countries_are_the_nearest_two_named_before() {
    let text = "Kazakhstan and Uzbekistan held talks in Tashkent. The two countries signed a \
                treaty on allied relations on 22 December 2022.";
    let got = events(text, "2022-12-23");
    let signed = of(&got, "signed");
    assert_eq!(signed.len(), 1, "{got:#?}");
    assert_eq!(
        signed[0].qualifiers.get("party"),
        Some(&vec!["kazakhstan".to_string(), "uzbekistan".to_string()])
    );
    assert_eq!(signed[0].when.as_deref(), Some("2022-12-22"));
    let c = got
        .iter()
        .find(|c| c.suggestion.as_ref() == Some(signed[0]))
        .unwrap();
    assert!(c.rule.ends_with(".context"), "{}", c.rule);
}

#[test]
fn memberships_joined_by_a_list_and_left_by_a_pronoun_in_one_sentence() {
    let text = "Armenia, Belarus and Kazakhstan joined the CSTO in 1994, while Georgia quit the \
                bloc in 1999. Uzbekistan suspended its membership in June 2012.";
    let got = events(text, "2012-07-01");
    let mut joined: Vec<(&str, &Value, Option<&str>)> = of(&got, "joined")
        .into_iter()
        .map(|s| (s.subject.as_str(), &s.value, s.when.as_deref()))
        .collect();
    joined.sort_by_key(|j| j.0);
    let csto = Value::Entity {
        entity: "csto".into(),
    };
    assert_eq!(
        joined,
        [
            ("armenia", &csto, Some("1994")),
            ("belarus", &csto, Some("1994")),
            ("kazakhstan", &csto, Some("1994"))
        ],
        "{got:#?}"
    );
    let left = of(&got, "left");
    assert_eq!(left.len(), 1, "{got:#?}");
    assert_eq!(
        (
            left[0].subject.as_str(),
            &left[0].value,
            left[0].when.as_deref()
        ),
        ("georgia", &csto, Some("1999"))
    );
    // "its membership" of the organisation named in the paragraph.
    let suspended = of(&got, "membership_suspended");
    assert_eq!(suspended.len(), 1, "{got:#?}");
    assert_eq!(suspended[0].subject, "uzbekistan");
    assert_eq!(suspended[0].when.as_deref(), Some("2012-06"));
}

#[test]
fn a_base_evicted_by_the_state_that_hosts_it() {
    let text = "In July 2005 Uzbekistan evicted U.S. forces from the Karshi-Khanabad air base.";
    let got = events(text, "2005-08-01");
    let evicted = of(&got, "evicted");
    assert_eq!(evicted.len(), 1, "{got:#?}");
    assert_eq!(evicted[0].subject, "k2");
    assert_eq!(evicted[0].qualifiers, q(&[("from", &["uzbekistan"])]));
    assert_eq!(evicted[0].when.as_deref(), Some("2005-07"));
}

#[test]
fn a_ministry_and_a_capital_act_for_their_state() {
    // An organisation whose name names one state acts for it, as giver and as recipient.
    let got = events(
        "The Ministry of Defence of the Russian Federation donated four trucks to the Armed \
         Forces of Kyrgyzstan in March 2018.",
        "2018-04-01",
    );
    let aid = of(&got, "military_aid");
    assert_eq!(aid.len(), 1, "{got:#?}");
    assert_eq!(
        (
            aid[0].subject.as_str(),
            amount(aid[0]),
            aid[0].when.as_deref()
        ),
        ("russia", 4.0, Some("2018-03"))
    );
    assert_eq!(aid[0].qualifiers, q(&[("recipient", &["kyrgyzstan"])]));
    // A capital that is the subject of the verb is its government; one after "in" is a place.
    let got = events(
        "In 2005, Tashkent evicted the U.S. military from the Karshi-Khanabad air base.",
        "2005-09-01",
    );
    let evicted = of(&got, "evicted");
    assert_eq!(evicted.len(), 1, "{got:#?}");
    assert_eq!(evicted[0].subject, "k2");
    assert_eq!(evicted[0].qualifiers, q(&[("from", &["uzbekistan"])]));
    // After a preposition a capital is a place: officials from it are not its government.
    let got = events(
        "In 2005, officials from Tashkent evicted the U.S. military from the Karshi-Khanabad \
         air base.",
        "2005-09-01",
    );
    assert!(of(&got, "evicted").is_empty(), "{got:#?}");
}

#[test]
fn an_event_in_a_subordinate_clause_happened_whatever_the_main_clause_plans() {
    let got = events(
        "U.S. officials planned to leave the Karshi-Khanabad air base since Uzbekistan \
         evicted the military on July 29.",
        "2005-08-27",
    );
    let evicted = of(&got, "evicted");
    assert_eq!(evicted.len(), 1, "{got:#?}");
    assert_eq!(evicted[0].qualifiers, q(&[("from", &["uzbekistan"])]));
    assert_eq!(evicted[0].when.as_deref(), Some("2005-07-29"));
    // The plan itself stays unrealised: no eviction is read off "plans to evict".
    let got = events(
        "Uzbekistan plans to evict the U.S. military from the Karshi-Khanabad air base on July 29.",
        "2005-07-01",
    );
    assert!(of(&got, "evicted").is_empty(), "{got:#?}");
}

#[test]
fn arms_given_delivered_and_received() {
    let text = "Russia donated two Mi-8 helicopters to Kyrgyzstan in April 2019. \
                In 2015 Russia delivered 12 aircraft to Kazakhstan.";
    let got = events(text, "2019-05-01");
    let aid = of(&got, "military_aid");
    assert_eq!(aid.len(), 1, "{got:#?}");
    assert_eq!(
        (
            aid[0].subject.as_str(),
            amount(aid[0]),
            aid[0].when.as_deref()
        ),
        ("russia", 2.0, Some("2019-04"))
    );
    assert_eq!(aid[0].qualifiers, q(&[("recipient", &["kyrgyzstan"])]));
    let supply = of(&got, "arms_supply");
    assert_eq!(supply.len(), 1, "{got:#?}");
    assert_eq!(
        (
            supply[0].subject.as_str(),
            amount(supply[0]),
            supply[0].when.as_deref()
        ),
        ("russia", 12.0, Some("2015"))
    );
    assert_eq!(supply[0].qualifiers, q(&[("recipient", &["kazakhstan"])]));
    // The state before "receive" is the recipient; the giver is the one after "from".
    let got = events(
        "Kazakhstan will receive 5 divisions free of charge from Russia.",
        "2014-02-01",
    );
    let aid = of(&got, "military_aid");
    assert_eq!(aid.len(), 1, "{got:#?}");
    assert_eq!(aid[0].subject, "russia");
    assert_eq!(aid[0].qualifiers, q(&[("recipient", &["kazakhstan"])]));
}

#[test]
fn a_trigger_inside_a_name_and_an_undated_agreement_make_no_event() {
    let got = events(
        "The Collective Security Treaty Organization held a summit. Officials signed documents.",
        "2020-01-01",
    );
    assert!(of(&got, "signed").is_empty(), "{got:#?}");
    assert!(of(&got, "exercise_held").is_empty(), "{got:#?}");
}
