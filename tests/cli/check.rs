//! `factline check`: validation without a database, and quotes verified at their locators.

use similar_asserts::assert_eq;

use crate::Env;

const TEXT: &str = "Field notes, spring.\n\
The garrison at the river fort counted\n\
about 1,200 soldiers in March 2020.\n\
A supply con-\nvoy arrived on 4 April.\n";

fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn dataset(env: &Env, quote: &str, locator: &str) {
    env.write("texts/notes.txt", TEXT);
    env.write(
        "notes/data.toml",
        &format!(
            "[[source]]\nid = \"notes\"\ntitle = \"Field notes\"\nkind = \"notes\"\nreliability = \"B\"\n\
             file = \"notes.txt\"\nsha256 = \"{}\"\n\n\
             [[entity]]\nid = \"fort\"\nname = \"River fort\"\nkind = \"facility\"\n\n\
             [[predicate]]\nid = \"garrison\"\nlabel = \"garrison\"\nvalue_type = \"quantity\"\nunit = \"soldiers\"\n\n\
             [[claim]]\nid = \"fort-garrison\"\nsubject = \"fort\"\npredicate = \"garrison\"\n\
             quantity = {{ amount = 1200, bound = \"about\" }}\nwhen = \"2020-03\"\n\n\
             [[claim.citation]]\nsource = \"notes\"\nquote = \"{quote}\"\nlocator = \"{locator}\"\ncredibility = 2\n",
            sha256(TEXT)
        ),
    );
}

#[test]
fn quotes_across_lines_and_hyphens_verify() {
    let env = Env::new();
    dataset(&env, "counted about 1,200 soldiers", "lines 2-3");
    let run = env.ok(&["check", "notes", "--texts", "texts"]);
    assert_eq!(
        run.stdout,
        "verified 1 of 1 citations against the texts in texts\n"
    );
    dataset(&env, "A supply convoy arrived", "lines 4-5");
    env.ok(&["check", "notes", "--texts", "texts"]);
}

#[test]
fn a_quote_at_the_wrong_line_says_where_it_is() {
    let env = Env::new();
    dataset(&env, "about 1,200 soldiers", "line 2");
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "notes/data.toml:27: claim `fort-garrison`, citation 1: the quote is not at `line 2` but \
         at `line 3`; set locator = \"line 3\"\n\
         verified 0 of 1 citations against the texts in texts; 1 problem\n"
    );
}

#[test]
fn a_misquote_shows_the_nearest_passage() {
    let env = Env::new();
    dataset(&env, "about 1,300 soldiers in May", "line 3");
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "notes/data.toml:27: claim `fort-garrison`, citation 1: the quote is not in the text; \
         nearest passage (line 3, 86% similar): “about 1,200 soldiers in March”\n\
         verified 0 of 1 citations against the texts in texts; 1 problem\n"
    );
}

#[test]
fn a_changed_text_fails_its_checksum() {
    let env = Env::new();
    dataset(&env, "about 1,200 soldiers", "line 3");
    env.write("texts/notes.txt", &TEXT.replace("spring", "summer"));
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("notes/data.toml:1: source `notes`: texts/notes.txt has sha256 "),
        "{}",
        run.stdout
    );
    assert!(
        lines[0].ends_with("the text changed, so its locators may be wrong"),
        "{}",
        run.stdout
    );
    // Issue 11: the text was read, so its citations are still verified against it.
    assert_eq!(
        lines[1..],
        ["verified 1 of 1 citations against the texts in texts; 1 problem"]
    );
    // And a quote that is no longer at its locator in the changed text is said as such.
    dataset(&env, "about 1,200 soldiers", "line 2");
    env.write("texts/notes.txt", &TEXT.replace("spring", "summer"));
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert!(
        run.stdout
            .contains("citation 1: the quote is not at `line 2` but at `line 3`"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("unavailable"), "{}", run.stdout);
}

#[test]
fn issue_11_a_missing_texts_folder_is_one_usage_error() {
    let env = Env::new();
    let run = env.run(&["check", "--texts", "/nonexistent"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: --texts /nonexistent: no such folder; give the folder that holds the sources' \
         text files\n"
    );
}

#[test]
fn without_texts_it_validates_only() {
    let env = Env::new();
    let run = env.ok(&["check"]);
    assert_eq!(
        run.stdout,
        "data is valid: 5 claims with 5 citations, 2 sources, 5 entities, 4 predicates\n"
    );
    assert!(!env.path().join("factline.db").exists());
    env.write("data/claims/bad.toml", "[[claim]]\nid = \"x\"\n");
    let run = env.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("data/claims/bad.toml:1: missing field"),
        "{}",
        run.stderr
    );
}

const REPORT: &str =
    "Second report, by another hand.\nThe river fort held about 1,200 soldiers in March 2020.\n";

/// Two sources with texts (`notes`, and `report` or a copy of `notes` when `copy`), the fort and
/// the garrison predicate, and `claims` as given.
fn graded(env: &Env, published: &str, copy: bool, claims: &str) {
    env.write("texts/notes.txt", TEXT);
    env.write("texts/report.txt", if copy { TEXT } else { REPORT });
    let report = if copy { TEXT } else { REPORT };
    env.write(
        "notes/data.toml",
        &format!(
            "[[source]]\nid = \"notes\"\ntitle = \"Field notes\"\nkind = \"notes\"\nreliability = \"B\"\n\
             {published}file = \"notes.txt\"\nsha256 = \"{}\"\n\n\
             [[source]]\nid = \"report\"\ntitle = \"Report\"\nkind = \"report\"\nreliability = \"B\"\n\
             file = \"report.txt\"\nsha256 = \"{}\"\n\n\
             [[entity]]\nid = \"fort\"\nname = \"River fort\"\nkind = \"facility\"\n\n\
             [[predicate]]\nid = \"garrison\"\nlabel = \"garrison\"\nvalue_type = \"quantity\"\nunit = \"soldiers\"\n\n\
             [[predicate]]\nid = \"supplied\"\nlabel = \"supplied\"\nvalue_type = \"none\"\n\n\
             {claims}",
            sha256(TEXT),
            sha256(report)
        ),
    );
}

const GARRISON: &str = "[[claim]]\nid = \"fort-garrison\"\nsubject = \"fort\"\npredicate = \"garrison\"\n\
                        quantity = { amount = 1200, bound = \"about\" }\nwhen = \"2020-03\"\n\n\
                        [[claim.citation]]\nsource = \"notes\"\nquote = \"about 1,200 soldiers\"\n\
                        locator = \"line 3\"\ncredibility = 1\n";

const SECOND: &str = "\n[[claim.citation]]\nsource = \"report\"\nquote = \"about 1,200 soldiers\"\n\
                      locator = \"line 2\"\ncredibility = 1\n";

#[test]
fn credibility_1_needs_two_independent_sources() {
    let env = Env::new();
    graded(&env, "", false, GARRISON);
    let problem = "notes/data.toml:40: claim `fort-garrison`, citation 1: credibility 1 \
                   (confirmed) needs citations from at least two independent sources, but the \
                   claim cites only `notes`; cite a second source or grade it 2\n";
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!("{problem}verified 1 of 1 citations against the texts in texts; 1 problem\n")
    );
    // Without texts the rule holds too.
    let run = env.run(&["check", "notes"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!("{problem}checked notes: 1 claims with 1 citations; 1 problem\n")
    );
    // A second source confirms it.
    graded(&env, "", false, &format!("{GARRISON}{SECOND}"));
    let run = env.ok(&["check", "notes", "--texts", "texts"]);
    assert_eq!(
        run.stdout,
        "verified 2 of 2 citations against the texts in texts\n"
    );
    // A second record of the same text is not an independent source.
    graded(
        &env,
        "",
        true,
        &format!("{GARRISON}{SECOND}").replace("line 2\"", "line 3\""),
    );
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the claim cites only `notes` and `report`"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_figure_or_date_outside_the_locator_is_a_warning_that_names_its_line() {
    let env = Env::new();
    let claim = GARRISON
        .replace(
            "about 1,200 soldiers",
            "The garrison at the river fort counted",
        )
        .replace("line 3", "line 2")
        .replace("credibility = 1", "credibility = 2");
    graded(&env, "", false, &claim);
    let run = env.ok(&["check", "notes", "--texts", "texts"]);
    assert_eq!(
        run.stdout,
        "notes/data.toml:33: warning: claim `fort-garrison`: the value 1,200 is in none of its \
         quotes or locator lines (`line 2`); it is at line 3 of `notes`: quote it or widen the \
         locator\n\
         notes/data.toml:33: warning: claim `fort-garrison`: the date 2020-03 (of `2020-03`) is \
         in none of its quotes or locator lines (`line 2`); it is at line 3 of `notes`: quote it \
         or widen the locator\n\
         verified 1 of 1 citations against the texts in texts; 2 warnings\n"
    );
    // --strict makes warnings fail.
    let run = env.run(&["check", "notes", "--texts", "texts", "--strict"]);
    assert_eq!(run.code, 1);
    // The locator lines count, not only the quote: lines 2-3 hold both.
    graded(&env, "", false, &claim.replace("line 2", "lines 2-3"));
    env.ok(&["check", "notes", "--texts", "texts", "--strict"]);
}

#[test]
fn an_as_of_publication_time_follows_the_convention() {
    let env = Env::new();
    let supplied = |when: &str| {
        format!(
            "[[claim]]\nid = \"fort-supplied\"\nsubject = \"fort\"\npredicate = \"supplied\"\n\
             when = \"{when}\"\n\n[[claim.citation]]\nsource = \"notes\"\n\
             quote = \"A supply convoy arrived\"\nlocator = \"lines 4-5\"\ncredibility = 2\n"
        )
    };
    graded(
        &env,
        "published = \"2020-06-01\"\n",
        false,
        &supplied("2020"),
    );
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "notes/data.toml:34: claim `fort-supplied`: `2020` dates the claim by the publication \
         of its source (2020-06-01), not by a date the text gives; an \"as of publication\" time \
         is written `2020~` (see docs/corpus.md)\n\
         verified 1 of 1 citations against the texts in texts; 1 problem\n"
    );
    graded(
        &env,
        "published = \"2020-06-01\"\n",
        false,
        &supplied("2020~"),
    );
    env.ok(&["check", "notes", "--texts", "texts", "--strict"]);
    // A publication known only as a span is one unknown date: a set, not an interval.
    graded(
        &env,
        "published = \"[2020-04..2020-06]\"\n",
        false,
        &supplied("2020-04/2020-06"),
    );
    let run = env.run(&["check", "notes", "--texts", "texts"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("is written `[2020-04..2020-06]`"),
        "{}",
        run.stdout
    );
    graded(
        &env,
        "published = \"[2020-04..2020-06]\"\n",
        false,
        &supplied("[2020-04..2020-06]"),
    );
    env.ok(&["check", "notes", "--texts", "texts", "--strict"]);
    // A date the text gives is not an "as of publication" time: "4 April" of the year 2020.
    graded(
        &env,
        "published = \"2020-06-01\"\n",
        false,
        &supplied("2020-04-04"),
    );
    env.ok(&["check", "notes", "--texts", "texts", "--strict"]);
}

#[test]
fn a_dataset_source_is_a_table_not_a_text_and_is_not_looked_for() {
    let env = Env::new();
    dataset(&env, "counted about 1,200 soldiers", "lines 2-3");
    env.write(
        "notes/table.toml",
        "[[source]]\nid = \"garrison-table\"\ntitle = \"Garrison strengths\"\nkind = \"dataset\"\n\
         reliability = \"A\"\n",
    );
    let run = env.ok(&["check", "notes", "--texts", "texts"]);
    assert_eq!(
        run.stdout,
        "verified 1 of 1 citations against the texts in texts\n"
    );
}
