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
        entity(
            "sco",
            "Shanghai Cooperation Organisation",
            "organisation",
            &["SCO"],
        ),
        entity(
            "sco-council",
            "SCO Council of Heads of State",
            "organisation",
            &[],
        ),
        entity("mongolia", "Mongolia", "country", &[]),
        entity("iran", "Iran", "country", &[]),
        entity("iraq", "Iraq", "country", &[]),
        entity("astana", "Astana", "place", &[]),
        entity(
            "kazbat",
            "KAZBAT",
            "military_unit",
            &["Kazakh peacekeeping battalion"],
        ),
        entity(
            "centrasbat",
            "Central Asian Battalion",
            "military_unit",
            &["CENTRASBAT"],
        ),
        entity(
            "201st-division",
            "201st Motorized Rifle Division",
            "military_unit",
            &[],
        ),
        entity("nazarbayev", "Nursultan Nazarbayev", "person", &[]),
        entity("steppe-eagle", "Steppe Eagle", "exercise", &[]),
        entity("china", "China", "country", &[]),
        entity("afghanistan", "Afghanistan", "country", &[]),
        entity("germany", "Germany", "country", &[]),
        entity("manas", "Manas", "facility", &[]),
        entity("nato", "NATO", "organisation", &[]),
        entity("iraq-war", "Iraq War", "event", &[]),
        entity(
            "kz-nato-ipap",
            "Individual Partnership Action Plan",
            "programme",
            &["IPAP"],
        ),
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
        predicate("launched", none, None, &["established"]),
        predicate("dissolved", none, None, &["dissolved"]),
        predicate("observer_of", e, None, &["observer status"]),
        predicate("member_of", e, None, &["member of"]),
        predicate("deployed_in", e, None, &["deployed to"]),
        predicate("strength", q, Some("persons"), &["-strong"]),
        predicate("defence_budget", q, Some("USD"), &["defence budget"]),
        predicate(
            "military_expenditure",
            q,
            Some("USD"),
            &["military spending"],
        ),
        predicate("equipment_count", q, None, &["equipped with"]),
        predicate("border_length", q, Some("km"), &["border"]),
        predicate("relations_with", e, None, &["relations with"]),
        predicate("participates_in", e, None, &["takes part in"]),
    ];
    Vocabulary::new(&entities, &predicates, shapes([])).unwrap()
}

fn events(text: &str, published: &str) -> Vec<Candidate> {
    events_of(text, Some(published))
}

/// The events of a text published on `published`, or of an undated one.
fn events_of(text: &str, published: Option<&str>) -> Vec<Candidate> {
    let date = published.and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string(), date);
    let places = [
        ("tashkent", "uzbekistan"),
        ("dushanbe", "tajikistan"),
        ("astana", "kazakhstan"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let ctx = crate::extract::Context {
        vocabulary: Some(vocabulary().with_places(&places)),
        published: published.map(str::to_string),
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

fn one<'c>(got: &'c [Candidate], predicate: &str) -> &'c Suggestion {
    let found = of(got, predicate);
    assert_eq!(found.len(), 1, "{predicate}: {got:#?}");
    found[0]
}

#[test]
fn organisations_and_units_established_by_an_active_verb_a_participle_and_a_passive() {
    // Active: the organisation after the verb, the states before it set it up.
    let got = events(
        "In 2002 Russia, Belarus and Armenia established the Collective Security Treaty \
         Organization to replace the treaty.",
        "2012-01-01",
    );
    let e = one(&got, "launched");
    assert_eq!(e.subject, "csto");
    assert_eq!(
        e.qualifiers,
        q(&[("by", &["russia", "belarus", "armenia"])])
    );
    assert_eq!(e.when.as_deref(), Some("2002"));
    assert!(
        got[0].rule.starts_with("event.founding.active"),
        "{}",
        got[0].rule
    );
    // A participle: the name before it, the list after "by …:".
    let got = events(
        "The SCO, a regional bloc founded in 2001 by six states: Russia, Kazakhstan and \
         Tajikistan among them, meets in June.",
        "2012-01-01",
    );
    let e = one(&got, "launched");
    assert_eq!(e.subject, "sco");
    assert_eq!(
        e.qualifiers,
        q(&[("by", &["russia", "kazakhstan", "tajikistan"])])
    );
    // Passive, set up by a person's decree.
    let got = events(
        "The battalion KAZBAT was formed on 15 March 2001 by order of President Nursultan \
         Nazarbayev.",
        "2012-01-01",
    );
    let e = one(&got, "launched");
    assert_eq!(e.subject, "kazbat");
    assert_eq!(e.qualifiers, q(&[("by", &["nazarbayev"])]));
    assert_eq!(e.when.as_deref(), Some("2001-03-15"));
}

#[test]
fn a_unit_dissolved_is_the_one_the_pronoun_stands_for() {
    let got = events(
        "In 1996 Tajikistan and Uzbekistan established the Central Asian Battalion. It was \
         disbanded in 2001 after a last exercise.",
        "2012-01-01",
    );
    let e = one(&got, "dissolved");
    assert_eq!(e.subject, "centrasbat");
    assert_eq!(e.when.as_deref(), Some("2001"));
    assert_eq!(one(&got, "launched").when.as_deref(), Some("1996"));
}

#[test]
fn relations_established_or_an_undated_founding_make_no_event() {
    // Nothing founded: relations are no organisation.
    let got = events(
        "Kazakhstan established diplomatic relations with Russia in 1992.",
        "2012-01-01",
    );
    assert!(of(&got, "launched").is_empty(), "{got:#?}");
    // A founding the sentence does not date is not dated by the publication, nor by the date
    // of something else it names.
    let got = events("The CSTO was established by six states.", "2012-01-01");
    assert!(of(&got, "launched").is_empty(), "{got:#?}");
    let got = events(
        "The K2 air base was set up to support operations after the 7 October 2001 strikes.",
        "2012-01-01",
    );
    assert!(of(&got, "launched").is_empty(), "{got:#?}");
    // The organisation named before a clause of saying is not what was founded.
    let got = events(
        "The CSTO said that a new training centre was established in Bishkek in 2010.",
        "2012-01-01",
    );
    assert!(of(&got, "launched").is_empty(), "{got:#?}");
}

#[test]
fn observers_listed_before_the_trigger_of_the_organisation_named_before() {
    let got = events(
        "The SCO groups six states, with two more (Mongolia and Iran) sitting as observers.",
        "2012-05-01",
    );
    let mut found: Vec<(&str, &str)> = of(&got, "observer_of")
        .iter()
        .map(|s| {
            let Value::Entity { entity } = &s.value else {
                panic!("{s:?}")
            };
            (s.subject.as_str(), entity.as_str())
        })
        .collect();
    found.sort();
    assert_eq!(found, [("iran", "sco"), ("mongolia", "sco")], "{got:#?}");
    // A state: as of the publication, not the year the bloc was founded.
    assert!(
        of(&got, "observer_of")
            .iter()
            .all(|s| s.when.as_deref() == Some("2012~"))
    );
    // Granted: the bloc named before is the observer, from that year on.
    let got = events(
        "The CSTO met in Moscow. In 2010 the SCO Council of Heads of State granted the bloc \
         observer status.",
        "2012-05-01",
    );
    let e = one(&got, "observer_of");
    assert_eq!(e.subject, "csto");
    assert_eq!(
        e.value,
        Value::Entity {
            entity: "sco".into()
        }
    );
    assert_eq!(e.when.as_deref(), Some("2010/.."));
    // The organisation after the trigger.
    let got = events("Belarus holds observer status in the SCO.", "2012-05-01");
    let e = one(&got, "observer_of");
    assert_eq!(e.subject, "belarus");
    assert_eq!(
        e.value,
        Value::Entity {
            entity: "sco".into()
        }
    );
}

#[test]
fn a_unit_deployed_to_a_country_by_a_passive_and_an_active_verb() {
    let got = events(
        "About 40 officers from KAZBAT were deployed to Iraq in 2004.",
        "2012-01-01",
    );
    let e = one(&got, "deployed_in");
    assert_eq!(e.subject, "kazbat");
    assert_eq!(
        e.value,
        Value::Entity {
            entity: "iraq".into()
        }
    );
    assert_eq!(e.when.as_deref(), Some("2004"));
    let got = events(
        "In 2005 Kazakhstan sent 30 KAZBAT peacekeepers to Iraq for demining.",
        "2012-01-01",
    );
    let e = one(&got, "deployed_in");
    assert_eq!(e.subject, "kazbat");
    assert_eq!(e.qualifiers, q(&[("by", &["kazakhstan"])]));
    assert_eq!(e.when.as_deref(), Some("2005"));
    // The people sent are what the unit's state (its alias names Kazakhstan) contributed.
    let e = one(&got, "forces_contributed");
    assert_eq!((e.subject.as_str(), amount(e)), ("kazakhstan", 30.0));
    assert_eq!(e.qualifiers, q(&[("to", &["iraq"]), ("unit", &["kazbat"])]));
    assert_eq!(e.when.as_deref(), Some("2005"));
    // Undated: the report's date is not the deployment's.
    let got = events("Troops of KAZBAT remain deployed in Iraq.", "2012-01-01");
    assert!(of(&got, "deployed_in").is_empty(), "{got:#?}");
    // The unit stands far from the verb, other forces between: not the one stationed.
    let got = events(
        "Officers of KAZBAT and reservists from several other regional commands stationed in \
         Kazakhstan took part in 2010.",
        "2012-01-01",
    );
    assert!(of(&got, "deployed_in").is_empty(), "{got:#?}");
}

#[test]
fn figures_of_forces_strength_budget_spending_and_equipment() {
    // A strength joined to its unit, whatever the clause plans.
    let got = events(
        "The new base will house the 7,000-strong 201st Motorized Rifle Division.",
        "2012-01-01",
    );
    let e = one(&got, "strength");
    assert_eq!((e.subject.as_str(), amount(e)), ("201st-division", 7000.0));
    assert_eq!(e.when.as_deref(), Some("2012~"));
    assert!(
        events("A 3,000-strong crowd gathered in Dushanbe.", "2012-01-01").is_empty(),
        "no unit, no strength"
    );
    // A capital's budget is its state's.
    let got = events("Astana's defence budget is $1.9 billion.", "2012-01-01");
    let e = one(&got, "defence_budget");
    assert_eq!((e.subject.as_str(), amount(e)), ("kazakhstan", 1.9e9));
    // The money before "for defense", of the state the clause is about.
    let got = events(
        "Uzbekistan, by contrast, allocated $700 million for defense in 2019.",
        "2020-01-01",
    );
    let e = one(&got, "defence_budget");
    assert_eq!((e.subject.as_str(), amount(e)), ("uzbekistan", 7e8));
    assert_eq!(e.when.as_deref(), Some("2019"));
    let got = events(
        "Kyrgyzstan's military spending rose to $120 million in 2019.",
        "2020-01-01",
    );
    let e = one(&got, "military_expenditure");
    assert_eq!((e.subject.as_str(), amount(e)), ("kyrgyzstan", 1.2e8));
    // The period the figure covers, not the year it is compared with.
    let got = events(
        "Kyrgyzstan's military spending totaled about $40 million in January-March 2019, up \
         12 percent from last year.",
        "2019-05-01",
    );
    let e = one(&got, "military_expenditure");
    assert_eq!(e.when.as_deref(), Some("2019-01/2019-03"), "{got:#?}");
    // The world's spending has no state.
    let got = events(
        "Global military spending reached $1.9 trillion in 2019.",
        "2020-01-01",
    );
    assert!(of(&got, "military_expenditure").is_empty(), "{got:#?}");
    // Each item a claim.
    let got = events(
        "Tajikistan's army is equipped with 40 tanks and 12 helicopters.",
        "2020-01-01",
    );
    let mut found: Vec<(String, f64)> = of(&got, "equipment_count")
        .iter()
        .map(|s| (s.subject.clone(), amount(s)))
        .collect();
    found.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(
        found,
        [
            ("tajikistan".to_string(), 12.0),
            ("tajikistan".to_string(), 40.0)
        ]
    );
}

#[test]
fn in_force_for_a_period_ends_when_the_period_does() {
    let got = events(
        "The Almaty Treaty entered into force on 1 June 1996 for a period of ten years.",
        "2000-01-01",
    );
    let e = one(&got, "in_effect");
    assert_eq!(e.when.as_deref(), Some("1996-06-01/2006-06-01"), "{got:#?}");
    let got = events(
        "The Almaty Treaty entered into force on 1 June 1996.",
        "2000-01-01",
    );
    assert_eq!(
        one(&got, "in_effect").when.as_deref(),
        Some("1996-06-01/..")
    );
}

#[test]
fn two_agreement_events_in_one_sentence_each_take_their_own_time() {
    // The signing's date follows "signed"; the ratification's follows "ratified".
    let got = events(
        "The treaty, signed by the presidents in Tashkent on 3 March 2021, was ratified by \
         Kazakhstan on 14 May 2022.",
        "2022-06-01",
    );
    let ratified = of(&got, "ratified");
    assert!(
        ratified
            .iter()
            .all(|s| s.when.as_deref() == Some("2022-05-14")),
        "{got:#?}"
    );
    // A ratification the sentence gives no time of its own is not dated by the signing's.
    let got = events(
        "The bill envisages the ratification of the treaty, which was signed in Tashkent on 3 \
         March 2021.",
        "2022-06-01",
    );
    assert!(of(&got, "ratified").is_empty(), "{got:#?}");
    // A period in brackets after a plan's name is the plan's, not its signing's.
    let got = events(
        "Kazakhstan keeps signing a \"Three-Year Defence Cooperation Plan (2014-2016)\" with \
         its partners.",
        "2014-06-01",
    );
    assert!(of(&got, "signed").is_empty(), "{got:#?}");
}

#[test]
fn the_signer_is_the_state_named_nearest_the_verb_with_the_one_after_with() {
    let got = events(
        "In May 2003, when Russian-Uzbek ties were strained, the Kazakh defence minister \
         signed a bilateral agreement with Tajikistan in Dushanbe.",
        "2004-01-01",
    );
    let e = one(&got, "signed");
    assert_eq!(
        e.qualifiers.get("party"),
        Some(&vec!["kazakhstan".to_string(), "tajikistan".to_string()]),
        "{got:#?}"
    );
    assert_eq!(e.when.as_deref(), Some("2003-05"));
}

#[test]
fn the_states_at_a_summit_of_an_organisation_are_its_members() {
    let got = events(
        "Russia, Armenia, Belarus and four Central Asian nations -- Kazakhstan, Kyrgyzstan, \
         Tajikistan and Uzbekistan reached an agreement at a summit of the Collective Security \
         Treaty Organization in Moscow on Wednesday.",
        "2009-02-05",
    );
    let mut found: Vec<(&str, &str, Option<&str>)> = of(&got, "member_of")
        .iter()
        .map(|s| {
            let Value::Entity { entity } = &s.value else {
                panic!("{s:?}")
            };
            (s.subject.as_str(), entity.as_str(), s.when.as_deref())
        })
        .collect();
    found.sort();
    // Members as of the publication, not on the summit's day.
    let as_of = Some("2009~");
    assert_eq!(
        found,
        [
            ("armenia", "csto", as_of),
            ("belarus", "csto", as_of),
            ("kazakhstan", "csto", as_of),
            ("kyrgyzstan", "csto", as_of),
            ("russia", "csto", as_of),
            ("tajikistan", "csto", as_of),
            ("uzbekistan", "csto", as_of),
        ],
        "{got:#?}"
    );
    // Two states, or a summit with observers, say nothing of who is a member.
    for text in [
        "Russia and Belarus signed a statement at a summit of the CSTO on Tuesday.",
        "Russia, Armenia, Belarus and Iran, an observer, met at a summit of the SCO.",
        "Russia, Belarus and Armenia spoke at a summit on Afghanistan hosted by the CSTO.",
    ] {
        let got = events(text, "2009-02-05");
        assert!(of(&got, "member_of").is_empty(), "{text}: {got:#?}");
    }
}

#[test]
fn an_exercise_begun_on_a_day_lasts_as_long_as_the_next_sentence_says() {
    let text = "The annual Steppe Eagle exercise in Kazakhstan began on Monday, June 3. The \
                exercise, hosted by Kazakhstan, involves about 1,200 troops and will last for \
                about two weeks.";
    let got = events(text, "2019-06-05");
    let held = of(&got, "exercise_held");
    assert!(!held.is_empty(), "{got:#?}");
    // Both sentences speak of one exercise, held from the 3rd for about 14 days.
    assert!(
        held.iter()
            .all(|s| s.subject == "steppe-eagle"
                && s.when.as_deref() == Some("2019-06-03/2019-06-17~")),
        "{held:#?}"
    );
    let involved = of(&got, "forces_involved");
    assert_eq!(involved.len(), 1, "{got:#?}");
    assert_eq!(amount(involved[0]), 1200.0);
    assert_eq!(involved[0].when.as_deref(), Some("2019-06-03/2019-06-17~"));
}

#[test]
fn a_known_exercise_was_held_in_the_year_of_its_name_with_a_state_s_soldiers() {
    let text = "The Steppe Eagle-2018 was held in Germany with the participation of more \
                than 200 soldiers of the armed forces of Kazakhstan.";
    let got = events(text, "2019-04-12");
    let held = one(&got, "exercise_held");
    assert_eq!(held.subject, "steppe-eagle");
    assert_eq!(held.when.as_deref(), Some("2018"), "{got:#?}");
    assert_eq!(
        held.qualifiers.get("place"),
        Some(&vec!["germany".to_string()])
    );
    let sent = one(&got, "forces_contributed");
    assert_eq!(sent.subject, "kazakhstan");
    assert_eq!(amount(sent), 200.0);
    assert_eq!(sent.qualifiers, q(&[("to", &["steppe-eagle"])]));
    // Soldiers of two states are the exercise's, not one state's; "was held" with no known
    // exercise before it reports nothing.
    let text = "The Steppe Eagle-2018 was held in Germany. More than 60 soldiers from Russia \
                and Belarus took part in the event. A summit was held in Astana in 2018.";
    let got = events(text, "2019-04-12");
    assert!(of(&got, "forces_contributed").is_empty(), "{got:#?}");
    let held = of(&got, "exercise_held");
    assert!(!held.is_empty(), "{got:#?}");
    assert!(
        held.iter()
            .all(|s| s.subject == "steppe-eagle" && s.when.as_deref() == Some("2018")),
        "{held:#?}"
    );
    assert_eq!(amount(one(&got, "forces_involved")), 60.0);
}

#[test]
fn a_drill_completed_on_a_day_and_the_exercise_of_a_later_paragraph() {
    let text = "The first joint drill of Tajikistan and China was completed near Dushanbe on \
                Monday.\n\nThe exercise, involving at least 5,000 troops, was \
                conducted near the border with Afghanistan.";
    let got = events(text, "2016-10-25");
    let held = of(&got, "exercise_held");
    assert!(!held.is_empty(), "{got:#?}");
    // Held until Monday; "the exercise" of the next paragraph is the same one, and
    // Afghanistan, over the border, took no part.
    for s in &held {
        assert_eq!(s.when.as_deref(), Some("../2016-10-24"), "{held:#?}");
        let who = s.qualifiers.get("participant").cloned().unwrap_or_default();
        assert!(!who.contains(&"afghanistan".to_string()), "{held:#?}");
        // Nor was the exercise held in it: the border bounds the place.
        let place = s.qualifiers.get("place").cloned().unwrap_or_default();
        assert!(!place.contains(&"afghanistan".to_string()), "{held:#?}");
    }
    let subjects: std::collections::BTreeSet<&str> =
        held.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(subjects.len(), 1, "{held:#?}");
    let involved = one(&got, "forces_involved");
    assert_eq!(amount(involved), 5000.0);
    assert_eq!(involved.when.as_deref(), Some("../2016-10-24"));
}

#[test]
fn an_undated_headline_and_signed_agreements_in_the_plural_make_no_event() {
    let text = "Steppe Eagle Exercise in Kazakhstan\n\nSince 2013, Kazakhstan and Uzbekistan \
                have signed a host of other agreements.";
    let got = events(text, "2014-02-05");
    assert!(of(&got, "exercise_held").is_empty(), "{got:#?}");
    assert!(of(&got, "signed").is_empty(), "{got:#?}");
}

#[test]
fn a_border_s_length_and_the_troops_a_base_is_operated_by() {
    let text = "Officials said last month that China would build posts along the 1,300-kilometer \
                border between Tajikistan and Afghanistan. The Manas air base, operated by about \
                1,000 troops, was set up in 2001.";
    let got = events(text, "2016-10-24");
    let border = one(&got, "border_length");
    assert_eq!(border.subject, "tajikistan");
    assert_eq!(amount(border), 1300.0);
    assert_eq!(border.qualifiers, q(&[("neighbour", &["afghanistan"])]));
    // As of the publication: "last month" dates the saying.
    assert_eq!(border.when.as_deref(), Some("2016~"), "{got:#?}");
    let strength = one(&got, "strength");
    assert_eq!(strength.subject, "manas");
    assert_eq!(amount(strength), 1000.0);
}

#[test]
fn a_signing_dated_with_an_abbreviated_month() {
    let text = "Russia and Tajikistan signed the treaty on Dec. 22, 2022, in Dushanbe.";
    let got = events(text, "2023-01-10");
    let signed = one(&got, "signed");
    assert_eq!(signed.when.as_deref(), Some("2022-12-22"), "{got:#?}");
}

#[test]
fn soldiers_took_part_in_the_event_a_paragraph_after_the_exercise() {
    let text = "The Steppe Eagle 2019 exercise kicked off at the Matybulak range on June 3.\n\n\
                More than 80 soldiers from Russia and Belarus took part in the event.\n\n\
                In 2003, 300 troops from Kazakhstan took part in the Iraq War.";
    let got = events(text, "2019-06-05");
    let involved = one(&got, "forces_involved");
    assert_eq!(involved.subject, "steppe-eagle");
    assert_eq!(amount(involved), 80.0);
    assert_eq!(involved.when.as_deref(), Some("2019-06-03/.."), "{got:#?}");
    // A war taken part in is no exercise.
    assert!(
        of(&got, "exercise_held")
            .iter()
            .all(|s| s.subject == "steppe-eagle"),
        "{got:#?}"
    );
    assert!(of(&got, "forces_contributed").is_empty(), "{got:#?}");
}

#[test]
fn relations_begun_and_a_programme_of_an_organisation_joined() {
    let text = "Kazakhstan began its relationship with NATO in 1992. In 2006 Kazakhstan joined \
                NATO's Individual Partnership Action Plan.";
    let got = events(text, "2013-08-15");
    let relations = one(&got, "relations_with");
    assert_eq!(relations.subject, "kazakhstan");
    assert_eq!(
        relations.value,
        Value::Entity {
            entity: "nato".to_string()
        }
    );
    assert_eq!(relations.when.as_deref(), Some("1992/.."));
    // What was joined is NATO's programme, not NATO: Kazakhstan takes part in it.
    assert!(of(&got, "joined").is_empty(), "{got:#?}");
    let takes_part = one(&got, "participates_in");
    assert_eq!(takes_part.subject, "kazakhstan");
    assert_eq!(
        takes_part.value,
        Value::Entity {
            entity: "kz-nato-ipap".to_string()
        }
    );
    assert_eq!(takes_part.when.as_deref(), Some("2006"));
}

#[test]
fn an_undated_text_is_as_of_the_year_of_the_days_it_announces() {
    // A backgrounder with no date that announces an exercise on given days was written before
    // them: its states hold as of that year, approximately.
    let text = "The SCO groups six states, with two more (Mongolia and Iran) sitting as \
                observers.\n\nThe \"Frontier Shield 2024\" joint exercise will involve troops \
                of Russia and Kazakhstan from 3 to 9 June.";
    let got = events_of(text, None);
    let observers = of(&got, "observer_of");
    assert_eq!(observers.len(), 2, "{got:#?}");
    assert!(observers.iter().all(|s| s.when.as_deref() == Some("2024~")));
    // The same text reporting the exercise after the fact says nothing of when it was
    // written: its states stay undated (no claim).
    let past = text.replace("will involve", "involved");
    let got = events_of(&past, None);
    assert!(of(&got, "observer_of").is_empty(), "{got:#?}");
    // A year something lasts until is a horizon, not an occasion.
    let horizon = "The SCO groups six states, with two more (Mongolia and Iran) sitting as \
                   observers. Their agreement will remain in force until 2042.";
    let got = events_of(horizon, None);
    assert!(of(&got, "observer_of").is_empty(), "{got:#?}");
}

#[test]
fn all_six_members_are_the_six_states_the_text_founded_the_organisation_with() {
    let text = "The Shanghai Cooperation Organisation is a regional framework established in \
                2001 by six countries: Russia, China, Kazakhstan, Tajikistan, Kyrgyzstan and \
                Uzbekistan.\n\nThe joint exercise, held by all six members of the SCO near \
                Chelyabinsk from 9 until 17 August, will involve around 6,500 personnel.";
    let got = events(text, "2007-08-01");
    let mut members: Vec<&str> = of(&got, "member_of")
        .iter()
        .filter(|s| {
            s.value
                == Value::Entity {
                    entity: "sco".into(),
                }
        })
        .map(|s| s.subject.as_str())
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        [
            "china",
            "kazakhstan",
            "kyrgyzstan",
            "russia",
            "tajikistan",
            "uzbekistan"
        ],
        "{got:#?}"
    );
    // As of the publication: the exercise's days are the exercise's.
    assert!(
        of(&got, "member_of")
            .iter()
            .all(|s| s.when.as_deref() == Some("2007~"))
    );
    // A count no list of the text matches names nobody.
    let got = events(
        &text.replace("all six members", "all eight members"),
        "2007-08-01",
    );
    assert!(of(&got, "member_of").is_empty(), "{got:#?}");
}

#[test]
fn arms_given_on_the_day_the_sentence_before_names() {
    let text = "On 31 January Russia and Kazakhstan agreed on a joint regional air defence \
                system. Kazakhstan will receive free of charge the armament for five divisions \
                from Russia.";
    let got = events(text, "2014-02-05");
    let e = one(&got, "military_aid");
    assert_eq!(e.subject, "russia");
    assert_eq!(e.qualifiers, q(&[("recipient", &["kazakhstan"])]));
    assert_eq!(e.when.as_deref(), Some("2014-01-31"), "{got:#?}");
    // Not from another line (the lines a claim's locator names must give its time), nor from
    // a year: as of the publication.
    for before in [
        "On 31 January Russia and Kazakhstan agreed on a joint regional air defence system.\n",
        "In 2013 Russia and Kazakhstan agreed on a joint regional air defence system. ",
    ] {
        let text = format!(
            "{before}Kazakhstan will receive free of charge the armament for five divisions \
             from Russia."
        );
        let got = events(&text, "2014-02-05");
        let e = one(&got, "military_aid");
        assert_eq!(e.when.as_deref(), Some("2014~"), "{got:#?}");
    }
}

#[test]
fn a_state_that_became_a_member_of_a_programme_joined_it_and_takes_part_from_then_on() {
    let got = events(
        "Kazakhstan began its relationship with NATO in 1992, and in 1995 it became a member \
         of the NATO Individual Partnership Action Plan, a framework through which NATO \
         engages with non-member countries.",
        "2013-08-15",
    );
    let joined = one(&got, "joined");
    assert_eq!(joined.subject, "kazakhstan");
    assert_eq!(
        joined.value,
        Value::Entity {
            entity: "kz-nato-ipap".into()
        }
    );
    assert_eq!(joined.when.as_deref(), Some("1995"));
    let part = of(&got, "participates_in");
    assert!(
        part.iter().any(|s| s.subject == "kazakhstan"
            && s.when.as_deref() == Some("1995/..")
            && s.value
                == Value::Entity {
                    entity: "kz-nato-ipap".into()
                }),
        "{got:#?}"
    );
}
