//! Test helpers shared by the tests of suggestions: a small vocabulary and the claims it reads.

use super::*;
use crate::extract::{Candidate, Document, Kind, Suggestion, extract};
use crate::model::{Entity, Predicate, Value, ValueType};

pub(super) fn entity(id: &str, name: &str, kind: &str, aliases: &[&str]) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        note: None,
    }
}

pub(super) fn predicate(
    id: &str,
    value_type: ValueType,
    unit: Option<&str>,
    cues: &[&str],
) -> Predicate {
    Predicate {
        id: id.into(),
        label: id.into(),
        value_type,
        unit: unit.map(String::from),
        functional: false,
        max_annual_change: None,
        typical_annual_change: None,
        change_unit: crate::model::ChangeUnit::Relative,
        comparable_within_days: None,
        once: false,
        template: None,
        description: None,
        cues: cues.iter().map(|c| c.to_string()).collect(),
        state_change: None,
    }
}

pub(super) fn row(
    predicate: &str,
    role: &str,
    kind: &str,
    claims: usize,
    total: usize,
    several: bool,
) -> ShapeRow {
    ShapeRow {
        predicate: predicate.into(),
        role: role.into(),
        kind: kind.into(),
        claims,
        total,
        several,
    }
}

pub(super) fn vocabulary() -> Vocabulary {
    let entities = [
        entity("kazakhstan", "Kazakhstan", "country", &[]),
        entity("russia", "Russia", "country", &[]),
        entity(
            "ethnic-russians",
            "ethnic Russians",
            "ethnic_group",
            &["Russians"],
        ),
        entity(
            "treaty-1994",
            "Military Cooperation Treaty",
            "agreement",
            &[],
        ),
        entity("kant-air-base", "Kant air base", "facility", &["Kant"]),
        entity("nazarbayev", "Nursultan Nazarbayev", "person", &[]),
        entity("osce", "OSCE", "organisation", &[]),
        entity("un", "United Nations", "organisation", &["UN"]),
        entity("china", "China", "country", &[]),
        entity("kyrgyzstan", "Kyrgyzstan", "country", &[]),
        entity("central-asia", "Central Asia", "region", &[]),
        entity("ivan-petrov", "Ivan Petrov", "person", &[]),
    ];
    let predicates = [
        predicate(
            "population",
            ValueType::Quantity,
            Some("persons"),
            &["population"],
        ),
        predicate(
            "population_share",
            ValueType::Quantity,
            Some("percent"),
            &["%", "per cent", "percent"],
        ),
        predicate("signed", ValueType::None, None, &["signed"]),
        predicate("leases", ValueType::Entity, None, &["lease"]),
        predicate("provides", ValueType::Text, None, &["provides for"]),
        predicate(
            "holds_office",
            ValueType::Text,
            None,
            &["president", "minister"],
        ),
        predicate("works_with", ValueType::Entity, None, &["works with"]),
        predicate(
            "member_of",
            ValueType::Entity,
            None,
            &["member", "members", "groups", "consists of"],
        ),
        predicate("aim", ValueType::Text, None, &["aim"]),
        Predicate {
            template: Some("{subject} is {object}'s key partner".into()),
            ..predicate("partner_of", ValueType::Entity, None, &["partner", "ally"])
        },
        Predicate {
            template: Some("{object} is the main supplier of arms to {subject}".into()),
            ..predicate("supplier", ValueType::Entity, None, &["supplier"])
        },
        predicate(
            "rank",
            ValueType::Text,
            None,
            &["colonel", "general", "col gen"],
        ),
        Predicate {
            state_change: Some(crate::model::StateChange {
                state_of: "member_of".into(),
                change: crate::model::ChangeKind::Ends,
            }),
            ..predicate("left", ValueType::Entity, None, &["pulled out of"])
        },
        predicate("evicted", ValueType::None, None, &["closed"]),
        Predicate {
            template: Some("{subject} and {partner}: {value} held".into()),
            ..predicate(
                "exercises_held",
                ValueType::Quantity,
                Some("exercises"),
                &["exercises"],
            )
        },
    ];
    let shapes = shapes([
        row("population", "subject", "country", 5, 5, false),
        row("population_share", "subject", "country", 3, 3, false),
        row("population_share", "group", "ethnic_group", 3, 3, false),
        row("signed", "subject", "agreement", 4, 4, false),
        row("signed", "party", "country", 4, 4, true),
        row("leases", "subject", "country", 2, 2, false),
        row("leases", "object", "facility", 2, 2, false),
        row("provides", "subject", "agreement", 2, 2, false),
        row("holds_office", "subject", "person", 2, 2, false),
        row("works_with", "subject", "country", 2, 2, false),
        row("works_with", "object", "organisation", 2, 2, false),
        row("member_of", "subject", "country", 3, 3, false),
        row("member_of", "object", "organisation", 3, 3, false),
        row("aim", "subject", "country", 2, 2, false),
        row("partner_of", "subject", "country", 2, 2, false),
        row("partner_of", "object", "country", 2, 2, false),
        row("supplier", "subject", "country", 2, 2, false),
        row("supplier", "object", "country", 2, 2, false),
        row("rank", "subject", "person", 2, 2, false),
        row("evicted", "subject", "facility", 2, 2, false),
        row("left", "subject", "country", 2, 2, false),
        row("left", "object", "organisation", 2, 2, false),
        row("exercises_held", "subject", "country", 1, 1, false),
        row("exercises_held", "partner", "country", 1, 1, false),
        row("exercises_held", "framework", "organisation", 1, 1, false),
    ]);
    Vocabulary::new(&entities, &predicates, shapes).unwrap()
}

pub(super) fn claims(text: &str, published: Option<&str>) -> Vec<Candidate> {
    // The document date, for relative times: the first day of `published`.
    let date = published.and_then(|p| {
        let p = if p.len() == 4 {
            format!("{p}-01-01")
        } else {
            p.to_string()
        };
        chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()
    });
    let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string(), date);
    let ctx = super::super::Context {
        vocabulary: Some(vocabulary()),
        published: published.map(String::from),
    };
    extract(&doc, &ctx)
        .into_iter()
        .filter(|c| c.kind == Kind::Claim)
        .collect()
}

pub(super) fn one<'c>(got: &'c [Candidate], predicate: &str) -> &'c Suggestion {
    let found: Vec<&Suggestion> = got
        .iter()
        .filter_map(|c| c.suggestion.as_ref())
        .filter(|s| s.predicate == predicate)
        .collect();
    assert_eq!(found.len(), 1, "{got:#?}");
    found[0]
}

pub(super) fn suggestions(got: &[Candidate], predicate: &str) -> Vec<Suggestion> {
    got.iter()
        .filter_map(|c| c.suggestion.clone())
        .filter(|s| s.predicate == predicate)
        .collect()
}

/// (subject, object) of every suggestion of `predicate`.
pub(super) fn pairs(got: &[Candidate], predicate: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = suggestions(got, predicate)
        .into_iter()
        .map(|s| match s.value {
            Value::Entity { entity } => (s.subject, entity),
            other => panic!("{other:?}"),
        })
        .collect();
    out.sort();
    out
}

pub(super) fn pair(a: &str, b: &str) -> Vec<(String, String)> {
    vec![(a.to_string(), b.to_string())]
}
