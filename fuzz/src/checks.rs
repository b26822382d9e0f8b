//! What each fuzz target checks. Every function takes any bytes and returns normally: a panic is
//! a bug (in factline, or a law below that does not hold). Compiled by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/`) and by the test suite (`tests/cli/fuzz.rs`), which replays the inputs
//! saved under `fuzz/regressions/` and runs each check on generated inputs.
//!
//! The first byte of an input picks a variant where a target has several; the rest is the text.

use std::sync::OnceLock;

use factline::data::{self, DataFile, Diagnostic, Known};
use factline::table::{self, mapping};
use factline::time::When;
use factline::verify;

/// An EDTF valid time: parsing never panics; a parsed value's canonical text parses to itself,
/// its bounds are ordered and it can be worded.
pub fn edtf(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match When::parse(text) {
        Ok(when) => {
            let again = When::parse(when.as_str()).unwrap_or_else(|e| {
                panic!(
                    "{text:?}: canonical {:?} does not parse: {e}",
                    when.as_str()
                )
            });
            assert_eq!(again.as_str(), when.as_str(), "{text:?}: not canonical");
            assert_eq!(again.start_day(), when.start_day(), "{text:?}");
            assert_eq!(again.end_day(), when.end_day(), "{text:?}");
            if let (Some(a), Some(b)) = (when.earliest(), when.latest()) {
                assert!(a <= b, "{text:?}: earliest {a} after latest {b}");
            }
            assert!(when.start_day() <= when.end_day(), "{text:?}");
            assert!(!when.human().is_empty(), "{text:?}: no words");
        }
        Err(e) => assert!(!e.to_string().is_empty(), "{text:?}: an empty error"),
    }
}

/// What the bundled dataset holds, as a database would: what a data file may refer to.
fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let dataset = factline::bundled::dataset().expect("the bundled dataset is valid");
        let mut known = Known::default().with_mapping_keys(&factline::bundled::mappings());
        for s in &dataset.sources {
            if s.item.kind == "dataset" {
                known.datasets.insert(s.item.id.clone());
            }
            known.sources.insert(s.item.id.clone());
        }
        for e in &dataset.entities {
            let mut names = e.item.aliases.clone();
            names.push(e.item.name.clone());
            known.entities.insert(e.item.id.clone(), names);
        }
        for p in &dataset.predicates {
            known.predicates.insert(p.item.id.clone(), p.item.clone());
        }
        for c in &dataset.claims {
            known.claims.insert(c.item.id.clone());
            known
                .qualifier_keys
                .extend(c.item.qualifiers.keys().cloned());
        }
        known
    })
}

/// Every problem names the file it is in and says something.
fn well_formed(problems: &[Diagnostic], file: &str) {
    for p in problems {
        assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
        assert!(
            p.file.starts_with(file) || file.starts_with(&p.file) || p.file.contains(file),
            "a problem in {file} names {:?}: {p:?}",
            p.file
        );
        let _ = p.to_string();
    }
}

/// A data file (first byte even: TOML; odd: JSON Lines claims), validated against the bundled
/// vocabulary: never a panic, every problem with its file and a message; a valid file's claims
/// have valid times.
pub fn data_file(bytes: &[u8]) {
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let path = if kind % 2 == 0 {
        "data/claims/fuzz.toml"
    } else {
        "data/claims/fuzz.jsonl"
    };
    let file = DataFile {
        path: path.to_string(),
        text: text.to_string(),
    };
    match data::load(&[file], known()) {
        Ok(dataset) => {
            for c in &dataset.claims {
                assert!(!c.item.id.is_empty());
                assert!(
                    When::parse(c.item.when.as_str()).is_ok(),
                    "claim {} has an invalid time",
                    c.item.id
                );
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without problems");
            well_formed(&errors.0, path);
        }
    }
}

/// A source text and a quote (split at the first NUL): normalising is idempotent, a quote found
/// on some lines is in those lines, locators parse to valid ranges, and the number and date
/// finders never panic.
pub fn quote(bytes: &[u8]) {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    let (text, quote) = input.split_once('\0').unwrap_or((input, ""));
    let once = verify::normalize(text);
    assert_eq!(verify::normalize(&once), once, "normalising twice");
    let found = verify::contains(text, quote);
    if let Some(range) = verify::find_line(text, quote) {
        assert!(
            found,
            "{quote:?} found at {range:?} but not in the whole text"
        );
        let passage = verify::lines(text, &range).expect("the lines exist");
        assert!(verify::contains(&passage, quote), "not in lines {range:?}");
    }
    let _ = verify::nearest_passage(text, quote);
    if let Some(range) = verify::parse_locator(quote) {
        assert!(
            *range.start() >= 1 && range.start() <= range.end(),
            "{range:?}"
        );
        let _ = verify::lines(text, &range);
    }
    let numbers = verify::numbers::numbers(text);
    if let Some(&n) = numbers.first() {
        let _ = verify::numbers::mentions_amount(text, n);
    }
    let _ = verify::numbers::mentions_date(text, quote, Some(2011));
}

/// The bundled tables, parsed once: (mapping path, mapping text, extract text).
fn bundled_tables() -> &'static Vec<(String, String, String)> {
    static TABLES: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        factline::bundled::mappings()
            .into_iter()
            .map(|m| {
                let parsed =
                    mapping::parse(&m.path, &m.text, world(), &read_relative(&m.path)).unwrap();
                let extract = parsed.extract.expect("a bundled mapping has an extract");
                let path = mapping::join(table::folder(&m.path), &extract);
                let csv = factline::bundled::table_file(&path).expect("the extract is bundled");
                // The header and the first rows are enough to reach every path of a row.
                let head: Vec<&str> = csv.lines().take(40).collect();
                (m.path, m.text, head.join("\n") + "\n")
            })
            .collect()
    })
}

fn world() -> &'static mapping::World {
    static WORLD: OnceLock<mapping::World> = OnceLock::new();
    WORLD.get_or_init(|| mapping::World::of(known(), &data::Dataset::default()))
}

/// Reads the code lists a bundled mapping names.
fn read_relative(mapping_path: &str) -> impl Fn(&str) -> Result<(String, String), String> + '_ {
    move |relative: &str| {
        let path = mapping::join(table::folder(mapping_path), relative);
        factline::bundled::table_file(&path).map(|text| (path, text))
    }
}

/// A table read through a mapping. The first byte picks what is fuzzed: the CSV of a bundled
/// mapping, or the mapping of a bundled CSV (byte / 2 picks which, odd and even). Never a panic;
/// every problem names its file; every claim a table yields has a valid time and its citation.
pub fn table(bytes: &[u8]) {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let tables = bundled_tables();
    let (mapping_path, mapping_text, csv) = &tables[usize::from(pick / 2) % tables.len()];
    let (mapping_text, csv) = if pick % 2 == 0 {
        (mapping_text.as_str(), text)
    } else {
        (text, csv.as_str())
    };
    let parsed = match mapping::parse(
        mapping_path,
        mapping_text,
        world(),
        &read_relative(mapping_path),
    ) {
        Ok(m) => m,
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
            }
            return;
        }
    };
    for skip_invalid in [false, true] {
        let input = table::Input {
            name: "fuzz.csv",
            reader: Box::new(csv.as_bytes()),
        };
        let options = table::Options {
            tsv: false,
            skip_invalid,
        };
        let mut kept = 0usize;
        match table::read(input, &parsed, world(), options, &mut |_| {}, &mut |_| {
            kept += 1;
            Ok(())
        }) {
            Ok(read) => {
                let mut dataset = data::Dataset::default();
                read.into_dataset(&mut dataset);
                assert!(dataset.claims.len() <= kept * parsed.claims.len().max(1));
                for c in &dataset.claims {
                    assert!(When::parse(c.item.when.as_str()).is_ok(), "{}", c.item.id);
                    assert!(
                        !c.item.citations.is_empty(),
                        "{} has no citation",
                        c.item.id
                    );
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in &problems {
                    assert!(!p.message.trim().is_empty(), "an empty message: {p:?}");
                }
            }
        }
    }
}
