//! `factline check`: validation without a database, and quotes verified at their locators.

use similar_asserts::assert_eq;

use crate::Env;

const TEXT: &str = "Field notes, spring.\n\
The garrison at the river fort counted\n\
about 1,200 soldiers in March.\n\
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
         nearest passage (line 3, 83% similar): “about 1,200 soldiers in March.”\n\
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
    assert_eq!(
        lines[1],
        "notes/data.toml:27: claim `fort-garrison`, citation 1: cannot be verified: the text of \
         source `notes` is unavailable (see above)"
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
