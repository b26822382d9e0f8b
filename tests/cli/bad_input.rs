//! Issue 11: import refuses questionable data (locators, extracted citations without a score,
//! out-of-range quantities, circular rules, overlong ids) with file, line, field and what would
//! be valid, exit 2, and no database written.

use crate::Env;

/// A claim of the test dataset's shape, with `extra` lines in its citation and `quantity` as its
/// value.
fn population_claim(id: &str, quantity: &str, citation: &str) -> String {
    format!(
        "[[claim]]\nid = \"{id}\"\nsubject = \"kazakhstan\"\npredicate = \"population\"\n\
         quantity = {quantity}\nwhen = \"2011\"\n\n[[claim.citation]]\nsource = \"rousseau-2011\"\n\
         quote = \"Official statistics put the population of Kazakhstan at 16,3 million\"\n\
         {citation}\ncredibility = 3\n"
    )
}

/// Imports the test dataset with `text` added as `data/claims/bad.toml`; asserts exit 2, that
/// stderr holds `message`, and that no database was written.
fn refused(text: &str, message: &str) {
    let env = Env::new();
    env.write("data/claims/bad.toml", text);
    let run = env.run(&["import"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(message),
        "wanted {message:?} in:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!env.path().join("factline.db").exists());
}

#[test]
fn locators_must_be_lines_of_the_text() {
    for (locator, shown) in [
        ("page 5", "page 5"),
        ("line 0", "line 0"),
        ("lines 20-10", "lines 20-10"),
    ] {
        refused(
            &population_claim(
                "kz-bad",
                "{ amount = 1 }",
                &format!("locator = \"{locator}\""),
            ),
            &format!(
                "data/claims/bad.toml:11: claim `kz-bad`, citation 1, field `locator`: `{shown}` \
                 is not a locator; give the lines of the source's text that hold the quote: \
                 \"line N\" or \"lines N-M\" with 1 <= N <= M"
            ),
        );
    }
}

#[test]
fn an_extracted_citation_needs_its_score() {
    refused(
        &population_claim(
            "kz-bad",
            "{ amount = 1 }",
            "locator = \"line 19\"\nmethod = \"extracted\"",
        ),
        "data/claims/bad.toml:8: claim `kz-bad`, citation 1, field `extractor_score`: an \
         extracted citation needs the extractor's score: extractor_score = a number from 0 to 1",
    );
}

#[test]
fn quantities_are_finite_bounded_and_counts_are_not_negative() {
    refused(
        &population_claim("kz-bad", "{ amount = -5 }", "locator = \"line 19\""),
        "data/claims/bad.toml:5: claim `kz-bad`, field `quantity`.amount: -5 is negative; a \
         number of persons is 0 or more",
    );
    refused(
        &population_claim("kz-bad", "{ amount = 1e308 }", "locator = \"line 19\""),
        "data/claims/bad.toml:5: claim `kz-bad`, field `quantity`.amount: 1e308 is out of range; \
         a quantity is a finite number between -1e15 and 1e15",
    );
    refused(
        &population_claim(
            "kz-bad",
            "{ amount = 5, upper = 1e15 }",
            "locator = \"line 19\"",
        ),
        "claim `kz-bad`, field `quantity`.upper: 1e15 is out of range; a quantity \
         is a finite number between -1e15 and 1e15",
    );
}

#[test]
fn a_rule_needs_three_different_predicates() {
    refused(
        "[[rule]]\nid = \"self\"\nkind = \"share_of_whole\"\nshare = \"population\"\n\
         part = \"population\"\nwhole = \"population\"\nqualifier = \"group\"\n",
        "data/claims/bad.toml:2: rule `self`, fields `share`, `part` and `whole`: share \
         `population`, part `population` and whole `population` must be three different \
         predicates; a rule that derives a predicate from itself is circular",
    );
}

#[test]
fn ids_have_at_most_200_characters() {
    let long = "k".repeat(201);
    refused(
        &population_claim(&long, "{ amount = 1 }", "locator = \"line 19\""),
        "data/claims/bad.toml:2: claim id: the id is 201 characters long; an id has at most 200 \
         characters",
    );
    // 200 is still accepted.
    let env = Env::new();
    env.write(
        "data/claims/long.toml",
        &population_claim(&"k".repeat(200), "{ amount = 1 }", "locator = \"line 19\""),
    );
    env.ok(&["import"]);
}

/// A predicate `hosts` with `template`, and one claim of it with `qualifiers`.
fn hosts(template: &str, qualifiers: &str) -> String {
    format!(
        "[[predicate]]\nid = \"hosts\"\nlabel = \"hosts\"\nvalue_type = \"entity\"\n\
         template = \"{template}\"\n\n[[claim]]\nid = \"kant-hosted\"\nsubject = \"kazakhstan\"\n\
         predicate = \"hosts\"\nobject = \"kant-air-base\"\n{qualifiers}\nwhen = \"2001\"\n\n\
         [[claim.citation]]\nsource = \"excerpt-2013\"\nquote = \"has leased Kant airbase until \
         2032\"\nlocator = \"lines 16-17\"\ncredibility = 2\n"
    )
}

#[test]
fn a_template_names_only_placeholders_a_claim_can_fill() {
    refused(
        &hosts(
            "{subject} hosts {object} with {partie}",
            "qualifiers = { party = \"russia\" }",
        ),
        "data/claims/bad.toml:1: predicate `hosts`, field `template`: `{partie}` is not a \
         placeholder: no claim of `hosts` has the qualifier `partie`; did you mean {party}? use \
         {subject}, {object}, {value} or a qualifier key its claims use",
    );
    refused(
        &hosts("{subject} hosts {object} with {guest}", ""),
        "data/claims/bad.toml:1: predicate `hosts`, field `template`: `{guest}` is not a \
         placeholder: no claim of `hosts` has the qualifier `guest`; use {subject}, {object}, \
         {value} or a qualifier key its claims use",
    );
    // A key a claim of it has is a placeholder; so is a key of a stored claim.
    let env = Env::new();
    env.write(
        "data/claims/good.toml",
        &hosts(
            "{subject} hosts {object} with {party}",
            "qualifiers = { party = \"russia\" }",
        ),
    );
    env.ok(&["import"]);
    env.write(
        "more/p.toml",
        &hosts("{subject} hosts {object} for {group}", "").replace("kant-hosted", "kant-hosted-2"),
    );
    env.ok(&["import", "more"]);
}
