//! The generator: determinism, the issue's shape, valid data.

use super::*;
use std::path::Path;

fn read_all(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_does_not() {
    for output in [Output::Toml, Output::Jsonl, Output::Csv] {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let c = tempfile::tempdir().unwrap();
        let shape = Shape::for_claims(500, 7);
        write(&shape, output, a.path()).unwrap();
        write(&shape, output, b.path()).unwrap();
        write(&Shape { seed: 8, ..shape }, output, c.path()).unwrap();
        let (a, b, c) = (read_all(a.path()), read_all(b.path()), read_all(c.path()));
        assert!(a.len() >= 3, "{output:?}: {:?}", a.keys());
        assert_eq!(a, b, "{output:?}");
        assert_ne!(a, c, "{output:?}");
    }
}

#[test]
fn the_corpus_has_the_issues_shape_and_imports_as_valid_data() {
    let dir = tempfile::tempdir().unwrap();
    let shape = Shape::for_claims(20_000, 1);
    assert_eq!(shape.entities, 651);
    let manifest = write(&shape, Output::Toml, dir.path()).unwrap();
    assert_eq!(manifest.claims, 20_000);
    // Zipf activity: the busiest entity is in far more claims than an even share.
    assert!(
        manifest.busiest_claims > 20 * 20_000 / shape.entities,
        "{manifest:?}"
    );
    // About 4 % of functional claims disagree.
    let share = manifest.disagreeing_claims as f64 / manifest.functional_claims as f64;
    assert!((0.025..0.055).contains(&share), "{share} {manifest:?}");
    assert!(manifest.corroborated_groups > 0 && manifest.date_conflicts > 0);
    let per_claim = manifest.citations as f64 / manifest.claims as f64;
    assert!((1.2..1.4).contains(&per_claim), "{per_claim}");
    assert_eq!(manifest.common_word, "military");

    let files = data::read_paths(&[dir.path().to_path_buf()]).unwrap();
    let dataset = data::load(&files, &Known::default()).unwrap();
    assert_eq!(dataset.claims.len(), 20_000);
    assert_eq!(dataset.sources.len(), 50);
    assert_eq!(dataset.entities.len(), 651);
    let precisions: std::collections::BTreeSet<&str> = dataset
        .claims
        .iter()
        .map(|c| c.item.when.precision().as_str())
        .collect();
    assert_eq!(
        precisions.into_iter().collect::<Vec<_>>(),
        ["day", "decade", "month", "year"]
    );
}

#[test]
fn zipf_ranks_stay_in_range_and_favour_the_first() {
    let zipf = Zipf::new(10);
    let mut rng = Rng::new(3);
    let mut counts = [0; 10];
    for _ in 0..10_000 {
        counts[zipf.sample(&mut rng)] += 1;
    }
    assert!(counts[0] > counts[1] && counts[1] > counts[9], "{counts:?}");
}
