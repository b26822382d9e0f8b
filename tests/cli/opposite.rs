//! Extraction never suggests the opposite of its sentence: a suspension is no membership, a
//! plan no event, a denial no fact, a distance no border, a city in a dateline no country.

use crate::Env;

const NEWS: &str = "TASHKENT, June 28 (Agency) - Uzbekistan is suspending its membership in the
Collective Security Treaty Organization, the bloc's secretariat said on Thursday.

Tajikistan is not a member of NATO, the ministry stressed.

Kazakhstan and Russia will hold a joint exercise in the autumn, officials said.

The airport lies 30 kilometers east of Bishkek.

ASTANA, May 3 - Kazakhstan is a member of the Shanghai Cooperation Organisation.
";

fn suggestions(env: &Env) -> Vec<(String, String, String)> {
    let run = env.ok(&[
        "extract",
        "news.txt",
        "--published",
        "2012-06-28",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    doc["documents"][0]["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .filter_map(|c| {
            let s = c.get("suggestion")?;
            let value = s["value"]["entity"].as_str().unwrap_or("").to_string();
            Some((
                s["subject"].as_str()?.to_string(),
                s["predicate"].as_str()?.to_string(),
                value,
            ))
        })
        .collect()
}

#[test]
fn a_suspension_a_denial_a_plan_and_a_distance_are_never_suggested_as_their_opposite() {
    let env = Env::empty();
    env.write("news.txt", NEWS);
    let got = suggestions(&env);
    let has = |s: &str, p: &str, v: &str| got.iter().any(|g| g.0 == s && g.1 == p && g.2 == v);
    // The suspension is the change, never a membership.
    assert!(!has("uzbekistan", "member_of", "csto"), "{got:?}");
    assert!(has("uzbekistan", "membership_suspended", "csto"), "{got:?}");
    // A denied membership is not suggested.
    assert!(
        !got.iter()
            .any(|g| g.0 == "tajikistan" && g.1 == "member_of"),
        "{got:?}"
    );
    // A planned exercise is no exercise held.
    assert!(
        !got.iter()
            .any(|g| g.1 == "exercise_held" || g.1 == "joint_exercises_held"),
        "{got:?}"
    );
    // A distance names no border.
    assert!(!got.iter().any(|g| g.1 == "border_length"), "{got:?}");
    // The dateline is the city; the membership the sentence states is still suggested.
    assert!(has("kazakhstan", "member_of", "sco"), "{got:?}");
    let run = env.ok(&["extract", "news.txt", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mentions: Vec<(String, String)> = doc["documents"][0]["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .flat_map(|c| c["entities"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| {
            Some((
                e["text"].as_str()?.to_string(),
                e["id"].as_str()?.to_string(),
            ))
        })
        .collect();
    assert!(
        mentions
            .iter()
            .any(|(t, id)| t == "ASTANA" && id == "astana-city"),
        "{mentions:?}"
    );
    assert!(
        !mentions
            .iter()
            .any(|(t, id)| t == "ASTANA" && id == "kazakhstan"),
        "{mentions:?}"
    );
}
