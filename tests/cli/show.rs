//! `factline show`: a claim, an entity (by any name) or a source with all its provenance.

use similar_asserts::assert_eq;

use crate::Env;

#[test]
fn a_claim_with_its_citations() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["show", "kz-population-2011"]);
    assert_eq!(
        run.stdout,
        "\
claim       kz-population-2011
label       Kazakhstan population: 16.3 million persons
subject     kazakhstan (Kazakhstan)
predicate   population
value       16.3 million persons  [exact 16300000]
when        c. 2011  (2011~: 2011-01-01 … 2011-12-31, year precision)
rank        normal
note        Year inferred from the publication date.
recorded    2026-01-02T03:04:05Z from data/claims/sample.toml

citation 1
  source    rousseau-2011  “Kazakhstan's Strategic and Military Relations with Russia”, Richard Rousseau, Diplomatic Courier, 20 July 2011
  quote     “Official statistics put the population of Kazakhstan at 16,3 million”
  locator   line 19
  grading   manual, credibility 3, source reliability C
  curator   test
"
    );
}

#[test]
fn an_entity_by_any_of_its_names() {
    let env = Env::new();
    env.ok(&["import"]);
    let expected = "\
entity      kazakhstan
name        Kazakhstan
kind        country
aliases     Qazaqstan; Republic of Kazakhstan

claims (4)
  1994           treaty-signed                        Military Cooperation Treaty signed by Kazakhstan and Russia
  c. 2011        kz-population-2011                   Kazakhstan population: 16.3 million persons
  c. 2011        kz-russian-share-2011                ethnic Russians: 25% of Kazakhstan's population
  2013 or later  kz-russian-share-2013                ethnic Russians: nearly 22% of Kazakhstan's population
";
    for name in [
        "kazakhstan",
        "Republic of Kazakhstan",
        "QAZAQSTAN",
        "republic-of-kazakhstan",
    ] {
        assert_eq!(env.ok(&["show", name]).stdout, expected, "show {name}");
    }
}

#[test]
fn a_source_with_the_claims_citing_it_as_json() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.ok(&["show", "excerpt-2013", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(parsed["record"], "source");
    assert_eq!(parsed["kind"], "report");
    assert_eq!(parsed["reliability"], "F");
    assert_eq!(parsed["published"], "[2013..]");
    let claims: Vec<&str> = parsed["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["claim"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["kz-russian-share-2013", "kant-lease"]);
}

#[test]
fn an_unknown_id_suggests_the_nearest() {
    let env = Env::new();
    env.ok(&["import"]);
    let run = env.run(&["show", "kz-populaton-2011"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no claim, entity or source is called `kz-populaton-2011`; did you mean \
         `kz-population-2011`?\n"
    );
}
