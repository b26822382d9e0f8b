//! docs/corpus.md gives its counts from the data: the block between its `counts` markers is
//! what `benches/corpus-counts.sh` computes from the bundled dataset, so a count cannot go
//! stale unseen.

use similar_asserts::assert_eq;

#[test]
fn the_corpus_counts_are_generated_from_the_data() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new("bash")
        .arg(root.join("benches/corpus-counts.sh"))
        .arg(env!("CARGO_BIN_EXE_factline"))
        .output()
        .expect("run benches/corpus-counts.sh");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let generated = String::from_utf8(run.stdout).unwrap();
    assert!(
        generated.contains("| rousseau-2011 | article |"),
        "{generated}"
    );
    let doc = std::fs::read_to_string(root.join("docs/corpus.md")).unwrap();
    let start = doc.find("<!-- counts:").expect("the counts marker");
    let end = doc.find("<!-- /counts -->").expect("the end marker") + "<!-- /counts -->".len();
    assert_eq!(
        &doc[start..=end],
        generated.as_str(),
        "docs/corpus.md's counts are stale: run benches/corpus-counts.sh --write"
    );
}
