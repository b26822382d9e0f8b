//! `factline source add`: a text registered as a source from the command line, with `file` and
//! `sha256` filled, written to the data files and imported at once; every problem said at once.

use sha2::{Digest, Sha256};

use crate::Env;

pub(crate) const ARTICLE: &str = "Kazakh defence minister visits Minsk\n\
By a staff reporter\n\
\n\
Kazakhstan's defence minister met his Belarusian counterpart in Minsk on Friday.\n\
The two ministers signed a plan of military cooperation for 2013.\n\
Belarus will train 40 Kazakh officers at its military academy next year.\n";

pub(crate) const ID: &str = "kazakh-defence-minister-visits-minsk-2012";

/// A folder with the bundled dataset imported (no data folder recorded) and the article in
/// texts/.
pub(crate) fn analyst() -> Env {
    let env = Env::empty();
    env.ok(&["import", "--bundled"]);
    env.write("texts/minsk.txt", ARTICLE);
    env
}

pub(crate) fn register(env: &Env) {
    let run = env.ok(&[
        "source",
        "add",
        "texts/minsk.txt",
        "--title",
        "Kazakh defence minister visits Minsk",
        "--published",
        "2012-07-09",
        "--publisher",
        "Steppe Herald",
        "--url",
        "https://example.org/minsk",
        "--reliability",
        "C",
        "--data",
        "data",
    ]);
    assert!(
        run.stderr.contains(&format!("added source {ID}")),
        "{}",
        run.stderr
    );
}

/// What the database holds, for "nothing changed".
pub(crate) fn snapshot(env: &Env) -> String {
    env.ok(&[
        "sql",
        "SELECT (SELECT count(*) FROM claim WHERE retracted_at IS NULL), \
         (SELECT count(*) FROM entity), (SELECT group_concat(id, ',') FROM source), \
         (SELECT group_concat(id || status, ',') FROM review_candidate)",
        "--format",
        "csv",
    ])
    .stdout
}

#[test]
fn source_add_writes_file_and_sha256_and_imports_the_entry() {
    let env = analyst();
    register(&env);
    let sha: String = Sha256::digest(ARTICLE.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let file = env.read("data/sources.toml");
    for line in [
        format!("id = \"{ID}\""),
        "title = \"Kazakh defence minister visits Minsk\"".to_string(),
        "published = \"2012-07-09\"".to_string(),
        "publisher = \"Steppe Herald\"".to_string(),
        "kind = \"article\"".to_string(),
        "reliability = \"C\"".to_string(),
        "file = \"minsk.txt\"".to_string(),
        format!("sha256 = \"{sha}\""),
    ] {
        assert!(file.contains(&line), "{line} not in\n{file}");
    }
    // Imported: the database knows it, and it is where extraction takes the date from.
    let run = env.ok(&["show", ID]);
    assert!(run.stdout.contains("Steppe Herald"), "{}", run.stdout);
    // The file and the database agree: a check of the data files against it passes.
    let run = env.run(&["check", "--db", "factline.db", "data", "--texts", "texts"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // The same text again, under another title: refused, nothing written.
    let before = env.read("data/sources.toml");
    let run = env.run(&[
        "source",
        "add",
        "texts/minsk.txt",
        "--title",
        "Again",
        "--published",
        "2012",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(&format!("already registered as source `{ID}`")),
        "{}",
        run.stderr
    );
    assert_eq!(env.read("data/sources.toml"), before);
}

#[test]
fn source_add_names_every_problem_at_once_and_writes_nothing() {
    let env = analyst();
    let before = snapshot(&env);
    let run = env.run(&[
        "source",
        "add",
        "texts/minsk.txt",
        "--reliability",
        "Q",
        "--url",
        "example.org",
        "--data",
        "data",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for says in [
        "--title is needed",
        "--published is needed",
        "--reliability Q: not an Admiralty grade",
        "--url example.org",
    ] {
        assert!(run.stderr.contains(says), "{says} not in {}", run.stderr);
    }
    let run = env.run(&[
        "source",
        "add",
        "texts/minsk.txt",
        "--title",
        "T",
        "--published",
        "2012-13-45",
        "--data",
        "data",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--published 2012-13-45"),
        "{}",
        run.stderr
    );
    let run = env.run(&[
        "source",
        "add",
        "texts/none.txt",
        "--title",
        "T",
        "--published",
        "2012",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("none.txt"), "{}", run.stderr);
    assert!(!env.path().join("data").exists());
    assert_eq!(snapshot(&env), before);

    // A dry run prints the entry and changes nothing.
    let run = env.ok(&[
        "source",
        "add",
        "texts/minsk.txt",
        "--title",
        "Kazakh defence minister visits Minsk",
        "--published",
        "2012-07-09",
        "--dry-run",
    ]);
    assert!(
        run.stdout.contains("file = \"minsk.txt\""),
        "{}",
        run.stdout
    );
    assert!(!env.path().join("data").exists());
    assert_eq!(snapshot(&env), before);
}
